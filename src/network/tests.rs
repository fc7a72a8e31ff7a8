//! Hand-computed cases for every aggregation, normalisation, duplicates rule
//! and time window, and the properties DNA's networks have.
#![expect(
    clippy::float_cmp,
    reason = "hand-computed weights: small counts, halves and quotients computed the same way on both sides"
)]

use super::*;
use crate::model::{
    Actor, ActorId, ActorKind, Article, ArticleId, Claim, ClaimId, Concept, ConceptId, Date,
    Highlight, HighlightId, Project, Span, Stance, Tag,
};
use proptest::prelude::*;

/// Statements: (actor, concept, stance, article, date as day of January 2024).
fn project(statements: &[(&str, &str, Stance, usize, u8)]) -> Project {
    let mut p = Project::new("t");
    for name in ["A", "B", "C", "D"] {
        p.actors.push(Actor::new(
            ActorId::new(format!("act-{name}")),
            name,
            ActorKind::Organisation,
        ));
    }
    for (i, &(actor, concept, stance, article, day)) in statements.iter().enumerate() {
        let article_id = ArticleId::new(format!("art-{article}-{day}"));
        if p.article(&article_id).is_none() {
            let mut a = Article::new(article_id.clone(), "t", &"x".repeat(200));
            a.published = Some(Date::ymd(2024, 1, day));
            p.articles.push(a);
        }
        let concept_id = ConceptId::new(format!("cpt-{concept}"));
        if p.concept(&concept_id).is_none() {
            p.concepts.push(Concept::new(concept_id.clone(), concept));
        }
        let claim = ClaimId::new(format!("clm-{i}"));
        p.claims.push(Claim {
            id: claim.clone(),
            concept: concept_id,
            speaker: Some(ActorId::new(format!("act-{actor}"))),
            on_behalf_of: None,
            stance,
            note: String::new(),
            changed: None,
        });
        p.highlights.push(Highlight {
            id: HighlightId::new(format!("hl-{i}")),
            article: article_id,
            span: Span::new(i, i + 1),
            quote: "x".to_owned(),
            tag: Tag::Claim(claim),
            speech: None,
            note: String::new(),
            changed: None,
        });
    }
    p
}

fn net(p: &Project, options: &Options) -> Network {
    compute(p, options).unwrap().networks.remove(0).1
}

fn one_mode(aggregation: Aggregation, normalization: Normalization) -> Options {
    Options {
        mode: Mode::OneMode,
        aggregation,
        normalization,
        ..Options::default()
    }
}

use Stance::{Affirms as Y, Denies as N, Neutral as O};

#[test]
fn two_mode_aggregations() {
    let p = project(&[
        ("A", "x", Y, 1, 1),
        ("A", "x", N, 1, 1),
        ("A", "y", Y, 1, 1),
        ("A", "y", Y, 2, 2),
        ("B", "x", N, 1, 1),
    ]);
    let ignore = net(&p, &Options::default());
    assert_eq!(
        (ignore.rows.clone(), ignore.columns.clone()),
        (vec!["A".into(), "B".into()], vec!["x".into(), "y".into()])
    );
    assert_eq!(ignore.values, [2.0, 2.0, 1.0, 0.0]);
    let subtract = net(
        &p,
        &Options {
            aggregation: Aggregation::Subtract,
            ..Options::default()
        },
    );
    assert_eq!(subtract.values, [0.0, 2.0, -1.0, 0.0]);
    // Levels in order denies (-1), affirms (1): both → 0b11, affirms only → 0b01, denies only → 0b10.
    let combine = net(
        &p,
        &Options {
            aggregation: Aggregation::Combine,
            ..Options::default()
        },
    );
    assert_eq!(combine.values, [3.0, 1.0, 2.0, 0.0]);
    // Activity: each row by its actor's statements; prominence: each column by its concept's.
    let activity = net(
        &p,
        &Options {
            normalization: Normalization::Activity,
            ..Options::default()
        },
    );
    assert_eq!(activity.values, [0.5, 0.5, 1.0, 0.0]);
    let prominence = net(
        &p,
        &Options {
            normalization: Normalization::Prominence,
            ..Options::default()
        },
    );
    assert_eq!(prominence.values, [2.0 / 3.0, 1.0, 1.0 / 3.0, 0.0]);
}

#[test]
fn one_mode_aggregations_and_normalisations() {
    // A and B affirm x; C denies x; A affirms y twice; B affirms y.
    let p = project(&[
        ("A", "x", Y, 1, 1),
        ("B", "x", Y, 1, 1),
        ("C", "x", N, 1, 1),
        ("A", "y", Y, 1, 1),
        ("A", "y", Y, 2, 2),
        ("B", "y", Y, 2, 2),
    ]);
    let at = |n: &Network, a: &str, b: &str| {
        let i = n.rows.iter().position(|r| r == a).unwrap();
        let j = n.columns.iter().position(|c| c == b).unwrap();
        n.get(i, j)
    };
    let ignore = net(&p, &one_mode(Aggregation::Ignore, Normalization::No));
    // x: 1·1; y: 2·1.
    assert_eq!(at(&ignore, "A", "B"), 3.0);
    assert_eq!(at(&ignore, "A", "C"), 1.0);
    assert_eq!(at(&ignore, "A", "A"), 0.0);
    let congruence = net(&p, &one_mode(Aggregation::Congruence, Normalization::No));
    assert_eq!(
        (at(&congruence, "A", "B"), at(&congruence, "A", "C")),
        (3.0, 0.0)
    );
    let conflict = net(&p, &one_mode(Aggregation::Conflict, Normalization::No));
    assert_eq!(
        (at(&conflict, "A", "B"), at(&conflict, "B", "C")),
        (0.0, 1.0)
    );
    let subtract = net(&p, &one_mode(Aggregation::Subtract, Normalization::No));
    assert_eq!(
        (at(&subtract, "A", "B"), at(&subtract, "A", "C")),
        (3.0, -1.0)
    );
    // A made 3 statements, B 2: average (3 + 2) / 2.
    let average = net(&p, &one_mode(Aggregation::Ignore, Normalization::Average));
    assert_eq!(at(&average, "A", "B"), 3.0 / 2.5);
    let cosine = net(&p, &one_mode(Aggregation::Ignore, Normalization::Cosine));
    assert_eq!(at(&cosine, "A", "B"), 3.0 / 6.0);
    // Jaccard per (concept, stance): shared x+ (1·1) and y+ (2·1); A alone: nothing; B alone: nothing.
    let jaccard = net(&p, &one_mode(Aggregation::Ignore, Normalization::Jaccard));
    assert_eq!(at(&jaccard, "A", "B"), 1.0);
    // A and C: shared nothing per level; A alone 3, C alone 1.
    assert_eq!(at(&jaccard, "A", "C"), 1.0 / 4.0);
    // Concepts tied through their actors: x and y share A (1·2) and B (1·1).
    let concepts = net(
        &p,
        &Options {
            nodes: Nodes::Concepts,
            ..one_mode(Aggregation::Ignore, Normalization::No)
        },
    );
    assert_eq!(concepts.rows, ["x", "y"]);
    assert_eq!(at(&concepts, "x", "y"), 3.0);
}

#[test]
fn a_neutral_stance_sits_halfway() {
    let p = project(&[
        ("A", "x", Y, 1, 1),
        ("B", "x", O, 1, 1),
        ("C", "x", N, 1, 1),
    ]);
    let at = |n: &Network, a: usize, b: usize| n.get(a, b);
    let congruence = net(&p, &one_mode(Aggregation::Congruence, Normalization::No));
    assert_eq!((at(&congruence, 0, 1), at(&congruence, 0, 2)), (0.5, 0.0));
    let conflict = net(&p, &one_mode(Aggregation::Conflict, Normalization::No));
    assert_eq!((at(&conflict, 0, 1), at(&conflict, 0, 2)), (0.5, 1.0));
    assert!(!congruence.integer());
}

#[test]
fn duplicates_count_once_within_their_stretch() {
    // A affirms x: twice in article 1 (Jan 1), in article 2 (Jan 2, same ISO week),
    // Jan 10 (next week), and denies it once on Jan 1.
    let p = project(&[
        ("A", "x", Y, 1, 1),
        ("A", "x", Y, 1, 1),
        ("A", "x", Y, 2, 2),
        ("A", "x", Y, 3, 10),
        ("A", "x", N, 1, 1),
    ]);
    let count = |duplicates, aggregation| {
        net(
            &p,
            &Options {
                aggregation,
                duplicates,
                ..Options::default()
            },
        )
        .sum()
    };
    assert_eq!(count(Duplicates::Include, Aggregation::Ignore), 5.0);
    // The stance is ignored: article 1 counts once, 2 and 3 once each.
    assert_eq!(count(Duplicates::Document, Aggregation::Ignore), 3.0);
    assert_eq!(count(Duplicates::Week, Aggregation::Ignore), 2.0);
    assert_eq!(count(Duplicates::Month, Aggregation::Ignore), 1.0);
    assert_eq!(count(Duplicates::Year, Aggregation::Ignore), 1.0);
    assert_eq!(count(Duplicates::All, Aggregation::Ignore), 1.0);
    // With the stance counted, the denial is not a duplicate of the affirmations.
    assert_eq!(count(Duplicates::Document, Aggregation::Combine), 3.0 + 0.0);
    let subtract = net(
        &p,
        &Options {
            duplicates: Duplicates::All,
            aggregation: Aggregation::Subtract,
            ..Options::default()
        },
    );
    assert_eq!(subtract.values, [0.0]);
}

#[test]
fn date_range_windows_and_exclusions() {
    let p = project(&[
        ("A", "x", Y, 1, 1),
        ("B", "x", Y, 1, 1),
        ("A", "x", Y, 2, 5),
        ("C", "x", Y, 2, 5),
        ("D", "x", Y, 3, 9),
    ]);
    let from5 = net(
        &p,
        &Options {
            from: Some(Date::ymd(2024, 1, 5)),
            ..Options::default()
        },
    );
    assert_eq!(from5.rows, ["A", "C", "D"]);
    let until5 = net(
        &p,
        &Options {
            to: Some(Date::ymd(2024, 1, 5)),
            ..Options::default()
        },
    );
    assert_eq!(until5.sum(), 4.0);
    // Days 1..9, a 3-day window (1 either side) moved by 2 days from day 1,
    // kept where it fits in the range: centres 3, 5, 7.
    let series = compute(
        &p,
        &Options {
            window: Some((3, 2)),
            mode: Mode::OneMode,
            ..Options::default()
        },
    )
    .unwrap();
    let centres: Vec<i64> = series
        .networks
        .iter()
        .map(|(w, _)| w.unwrap().centre - Date::ymd(2024, 1, 1).day_range().0 + 1)
        .collect();
    assert_eq!(centres, [3, 5, 7]);
    let sums: Vec<f64> = series.networks.iter().map(|(_, n)| n.sum()).collect();
    // Only the window around day 5 holds a tie (A and C, both ways).
    assert_eq!(sums, [0.0, 2.0, 0.0]);
    let without_a = net(
        &p,
        &Options {
            exclude: vec![Exclude::parse("actor=A").unwrap()],
            ..Options::default()
        },
    );
    assert_eq!(without_a.rows, ["B", "C", "D"]);
    // DNA keeps the nodes of filtered statements with isolates.
    let isolates = net(
        &p,
        &Options {
            exclude: vec![Exclude::parse("actor=A").unwrap()],
            isolates: true,
            ..Options::default()
        },
    );
    assert_eq!(isolates.rows, ["A", "B", "C", "D"]);
    assert!(Exclude::parse("no equals sign").is_err());
}

#[test]
fn meaningless_combinations_are_refused() {
    let two = |aggregation, normalization| Options {
        aggregation,
        normalization,
        ..Options::default()
    };
    assert!(
        two(Aggregation::Congruence, Normalization::No)
            .check()
            .is_err()
    );
    assert!(
        two(Aggregation::Ignore, Normalization::Jaccard)
            .check()
            .is_err()
    );
    assert!(
        one_mode(Aggregation::Combine, Normalization::No)
            .check()
            .is_err()
    );
    assert!(
        one_mode(Aggregation::Ignore, Normalization::Activity)
            .check()
            .is_err()
    );
    assert!(
        Options {
            window: Some((0, 1)),
            ..Options::default()
        }
        .check()
        .is_err()
    );
}

#[test]
fn labels_sort_as_java_strings() {
    // U+FB01 (ﬁ) sorts after a surrogate pair in UTF-16, before it in UTF-8.
    let mut labels = vec![
        "\u{fb01}".to_owned(),
        "😀".to_owned(),
        "b".to_owned(),
        "B".to_owned(),
    ];
    sort_labels(&mut labels);
    assert_eq!(labels, ["B", "b", "😀", "\u{fb01}"]);
}

fn statements_strategy() -> impl Strategy<Value = Vec<(usize, usize, bool, usize, u8)>> {
    prop::collection::vec(
        (0..4usize, 0..3usize, any::<bool>(), 0..3usize, 1..20u8),
        1..25,
    )
}

proptest! {
    #[test]
    fn congruence_and_conflict_add_up_to_ignore_and_one_mode_is_symmetric(
        raw in statements_strategy(),
        normalization in prop::sample::select(vec![Normalization::No, Normalization::Average, Normalization::Jaccard, Normalization::Cosine]),
    ) {
        let actors = ["A", "B", "C", "D"];
        let concepts = ["x", "y", "z"];
        let list: Vec<(&str, &str, Stance, usize, u8)> = raw
            .iter()
            .map(|&(a, c, yes, art, day)| (actors[a], concepts[c], if yes { Y } else { N }, art, day))
            .collect();
        let p = project(&list);
        let by = |aggregation| net(&p, &one_mode(aggregation, Normalization::No));
        let (ignore, congruence, conflict, subtract) = (
            by(Aggregation::Ignore),
            by(Aggregation::Congruence),
            by(Aggregation::Conflict),
            by(Aggregation::Subtract),
        );
        for i in 0..ignore.values.len() {
            prop_assert_eq!(congruence.values[i] + conflict.values[i], ignore.values[i]);
            prop_assert_eq!(congruence.values[i] - conflict.values[i], subtract.values[i]);
        }
        for aggregation in [Aggregation::Ignore, Aggregation::Congruence, Aggregation::Conflict, Aggregation::Subtract] {
            let n = net(&p, &one_mode(aggregation, normalization));
            for i in 0..n.rows.len() {
                for j in 0..n.rows.len() {
                    prop_assert_eq!(n.get(i, j), n.get(j, i));
                }
            }
        }
        // A two-mode network counts every statement once.
        prop_assert_eq!(net(&p, &Options::default()).sum(), list.len() as f64);
    }
}

#[test]
fn the_event_list_carries_article_variables_and_excludes_by_them() {
    let mut p = project(&[("A", "x", Y, 1, 1), ("B", "x", N, 2, 2)]);
    p.articles[0]
        .variables
        .insert("country".to_owned(), "قطر".to_owned());
    let found = statements(&p, &Options::default()).unwrap();
    let csv = write_events(&found.filtered);
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].ends_with(",analyst,var:country"), "{}", lines[0]);
    assert!(lines[1].ends_with(",قطر"), "{}", lines[1]);
    assert!(lines[2].ends_with(','), "{}", lines[2]);
    // An article variable is a filter like DNA's document fields.
    let without = net(
        &p,
        &Options {
            exclude: vec![Exclude::parse("country=قطر").unwrap()],
            ..Options::default()
        },
    );
    assert_eq!(without.rows, ["B"]);
}
