use super::*;
use crate::model::{Actor, Highlight};

fn sample() -> Project {
    crate::store::from_ron_str(
        std::path::Path::new("gulf-crisis-sample.warraq.ron"),
        include_str!("../../projects/gulf-crisis-sample.warraq.ron"),
    )
    .expect("the sample")
}

/// The folded text of a highlight, and its actor's names folded.
fn is_a_name_of_its_actor(project: &Project, h: &Highlight) -> bool {
    let Tag::Actor(id) = &h.tag else {
        return false;
    };
    let Some(actor) = project.actor(id) else {
        return false;
    };
    let quote = arabic::fold(h.quote.trim());
    actor.names().any(|n| arabic::fold(n.trim()) == quote)
}

/// Leave one out: each actor highlight whose text is one of its actor's
/// names is removed, and the suggestions must bring it back, with its actor.
#[test]
fn suggestions_bring_back_what_was_coded_by_name() {
    let project = sample();
    let by_name: Vec<&Highlight> = project
        .highlights
        .iter()
        .filter(|h| is_a_name_of_its_actor(&project, h))
        .collect();
    assert!(
        by_name.len() >= 30,
        "the sample codes {} names",
        by_name.len()
    );
    let mut found = 0_usize;
    let mut missed = Vec::new();
    for left_out in &by_name {
        let mut without = project.clone();
        without.highlights.retain(|h| h.id != left_out.id);
        let back = Matcher::new(&without)
            .in_article(&without, without.article(&left_out.article).unwrap());
        if back
            .iter()
            .any(|s| s.span == left_out.span && Tag::Actor(s.actor.clone()) == left_out.tag)
        {
            found += 1;
        } else {
            missed.push(left_out.quote.clone());
        }
    }
    #[expect(clippy::cast_precision_loss, reason = "counts of a few dozen")]
    let recall = found as f64 / by_name.len() as f64;
    eprintln!(
        "leave-one-out: {found} of {} names brought back ({recall:.3})",
        by_name.len()
    );
    assert!(
        recall >= 0.95,
        "recall {recall:.3} ({found} of {}), missed {missed:?}",
        by_name.len()
    );
}

#[test]
fn a_nisba_adjective_or_a_longer_word_is_never_suggested() {
    let mut project = Project::default();
    let mut article = Article::new(
        "art-1".into(),
        "t",
        "أكدت الحكومة القطرية أن قطر والقطريين ومصرف قطر المركزي بالدوحة",
    );
    article.id = "art-1".into();
    project.articles.push(article);
    let mut qatar = Actor::new("act-qatar".into(), "قطر", ActorKind::State);
    qatar.aliases.push("الدوحة".to_owned());
    project.actors.push(qatar);
    project
        .actors
        .push(Actor::new("act-egypt".into(), "مصر", ActorKind::State));
    let found = suggestions(&project, None);
    let quotes: Vec<&str> = found.iter().map(|s| s.quote.as_str()).collect();
    // «قطر» twice (one in «مصرف قطر»), «الدوحة» behind «ب»; not «القطرية»,
    // «القطريين» or «مصرف».
    assert_eq!(quotes, ["قطر", "قطر", "الدوحة"], "{found:#?}");
    assert!(found[2].why.contains("behind an attached prefix"));
    assert!(found.iter().all(|s| s.actor.as_str() == "act-qatar"));
}

#[test]
fn a_persian_spelling_is_suggested_for_the_arabic_name() {
    let mut project = Project::default();
    project.articles.push(Article::new(
        "art-1".into(),
        "t",
        "دیدار رئیس جمهور ایران با امیر کویت",
    ));
    project
        .actors
        .push(Actor::new("act-iran".into(), "إيران", ActorKind::State));
    project
        .actors
        .push(Actor::new("act-kuwait".into(), "الكويت", ActorKind::State));
    let found = suggestions(&project, None);
    let quotes: Vec<(&str, &str)> = found
        .iter()
        .map(|s| (s.quote.as_str(), s.actor.as_str()))
        .collect();
    assert_eq!(quotes, [("ایران", "act-iran")]);
}

#[test]
fn what_is_coded_is_not_suggested_and_the_longest_name_wins() {
    let project = sample();
    let found = suggestions(&project, None);
    for s in &found {
        assert!(
            !project
                .highlights_in(&s.article)
                .any(|h| matches!(h.tag, Tag::Actor(_))
                    && h.span.overlaps(Span::new(s.start, s.end))),
            "{s:?} is coded"
        );
        let body = &project.article(&s.article).unwrap().body;
        assert_eq!(
            crate::model::text::slice_chars(body, s.start..s.end).unwrap(),
            s.quote
        );
    }
    // Longest wins: «الولايات المتحدة» over a shorter alias inside it.
    for pair in found.windows(2) {
        if pair[0].article == pair[1].article {
            assert!(pair[0].end <= pair[1].start, "overlap: {pair:?}");
        }
    }
}

#[derive(serde::Deserialize)]
struct Gold {
    article: String,
    mentions: Vec<GoldMention>,
}

#[derive(serde::Deserialize)]
struct GoldMention {
    start: usize,
    end: usize,
    actor: String,
    coded_in_2017: bool,
}

/// Cold start: only the 2017 article is coded (its actors registered); the
/// suggestions for the 2020 article are scored against the gold set of what
/// the analyst coded there (tests/data/suggest-gold-2020.json).
#[test]
fn cold_start_on_the_seeds_finds_the_coded_actors_and_new_ones() {
    let gold: Gold = serde_json::from_str(include_str!("../../tests/data/suggest-gold-2020.json"))
        .expect("the gold set");
    let later = ArticleId::from(gold.article.as_str());
    let mut project = sample();
    let coded_2017: std::collections::HashSet<ActorId> = project
        .highlights
        .iter()
        .filter(|h| h.article != later)
        .filter_map(|h| match &h.tag {
            Tag::Actor(a) => Some(a.clone()),
            _ => None,
        })
        .collect();
    project.highlights.retain(|h| h.article != later);
    project.relations.clear();
    project.actors.retain(|a| coded_2017.contains(&a.id));
    let found = suggestions(&project, Some(&later));
    let is_gold = |s: &Described| {
        gold.mentions.iter().any(|g| {
            g.start == s.start
                && g.end == s.end
                && (s.actor.as_str() == g.actor
                    || (s.actor.as_str().is_empty() && !g.coded_in_2017))
        })
    };
    let correct = found.iter().filter(|s| is_gold(s)).count();
    let known: Vec<&GoldMention> = gold.mentions.iter().filter(|g| g.coded_in_2017).collect();
    let known_found = known
        .iter()
        .filter(|g| {
            found
                .iter()
                .any(|s| s.start == g.start && s.end == g.end && s.actor.as_str() == g.actor)
        })
        .count();
    let new_found = found
        .iter()
        .filter(|s| s.actor.as_str().is_empty() && is_gold(s))
        .count();
    let new_total = gold.mentions.len() - known.len();
    #[expect(clippy::cast_precision_loss, reason = "counts of a few dozen")]
    let (precision, recall) = (
        correct as f64 / found.len().max(1) as f64,
        known_found as f64 / known.len() as f64,
    );
    eprintln!(
        "cold start: {} suggestions, {correct} right (precision {precision:.3}); \
         mentions of actors coded in 2017: {known_found} of {} (recall {recall:.3}); \
         mentions of new actors proposed: {new_found} of {new_total}",
        found.len(),
        known.len()
    );
    assert!(recall >= 0.95, "recall {recall:.3}");
    assert!(precision >= 0.9, "precision {precision:.3}");
    assert!(
        new_found >= 2,
        "the Qatari foreign minister, after the title «الشيخ» learned from 2017"
    );
}
