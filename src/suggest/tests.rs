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
    // «کویت» without its article is not the registered name «الكويت», but
    // the gazetteer knows it as Kuwait's Persian name.
    assert_eq!(quotes, [("ایران", "act-iran"), ("کویت", "act-kuwait")]);
    assert!(found[1].why.contains("gazetteer"), "{}", found[1].why);
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
    for s in found.iter().filter(|s| !is_gold(s)) {
        eprintln!(
            "not in the gold set: {}..{} «{}» {}",
            s.start, s.end, s.quote, s.why
        );
    }
    for g in gold
        .mentions
        .iter()
        .filter(|g| !found.iter().any(|s| s.start == g.start && s.end == g.end))
    {
        eprintln!("missed: {}..{} {}", g.start, g.end, g.actor);
    }
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
    // The Qatari foreign minister after «الشيخ» learned from 2017; Iran,
    // Kuwait and the Security Council from the gazetteer, Tehran where it
    // stands for Iran's government; General Milley and Brian Hook after
    // built-in titles, and Hook again by his last name.
    assert!(new_found >= 17, "new actors proposed: {new_found}");
}

/// One article's candidates, as (quote, proposed name, registered actor).
fn candidates_in(body: &str, actors: &[(&str, &str, ActorKind)]) -> Vec<(String, String, String)> {
    let mut project = Project::default();
    project
        .articles
        .push(Article::new("art-1".into(), "t", body));
    for (id, name, kind) in actors {
        project.actors.push(Actor::new((*id).into(), *name, *kind));
    }
    suggestions(&project, None)
        .into_iter()
        .map(|d| (d.quote, d.name, d.actor.to_string()))
        .collect()
}

#[test]
fn a_capital_is_its_government_only_when_its_context_says_so() {
    let acts = candidates_in("وأعلنت القاهرة أنها سترسل وفدا", &[]);
    assert_eq!(acts, [("القاهرة".into(), "مصر".into(), String::new())]);
    let acted_upon = candidates_in("العقوبات المفروضة على طهران", &[]);
    assert_eq!(acted_upon.len(), 1, "{acted_upon:?}");
    assert_eq!(acted_upon[0].1, "إيران");
    // With Egypt registered, the capital acting is suggested as that actor.
    let registered = candidates_in(
        "رفضت القاهرة الاتهامات",
        &[("act-egypt", "مصر", ActorKind::State)],
    );
    assert_eq!(
        registered,
        [("القاهرة".into(), "مصر".into(), "act-egypt".into())]
    );
    // A place, a dateline, a nisba adjective: nothing.
    for place in [
        "وصل الوزير إلى القاهرة مساء أمس",
        "القاهرة 26 يوليو 2020 (شينخوا)",
        "عقد الاجتماع في الرياض",
        "قال المسؤول إن الحكومة القطرية ترفض",
        "أكدت الخارجية المصرية",
        // Persian names of states (سورية، روسیه، ترکیه) fold like the
        // feminine nisba behind the article: adjectives all.
        "العلاقات الخليجية والسورية والروسية والتركية وللسورية",
        "عقد قمة تركية-روسية-إيرانية حول قوات سورية",
        // A verb after a title and its adjective is no name.
        "وأوضح البيان أن أمير البلاد والرئيس الروسي أشادا بمستوى التنسيق",
    ] {
        let found = candidates_in(place, &[]);
        assert!(found.is_empty(), "{place}: {found:?}");
    }
}

#[test]
fn the_gazetteer_proposes_states_organisations_and_leaders_with_their_names() {
    let found = candidates_in(
        "دعت السعودية مجلس الأمن الدولي إلى الانعقاد، ورحب أمين عام جامعة الدول العربية وأوبك بالدعوة، بينما التقى أردوغان بمستشار الأمن القومي",
        &[],
    );
    let quotes: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(
        quotes,
        [
            "السعودية",
            "مجلس الأمن الدولي",
            "جامعة الدول العربية",
            "أوبك",
            "أردوغان"
        ]
    );
    // The short form proposes the state under its full name, keeping the
    // form written as an alias.
    assert_eq!(found[0].1, "المملكة العربية السعودية");
    let d = &suggestions(
        &{
            let mut p = Project::default();
            p.articles
                .push(Article::new("art-1".into(), "t", "دعت السعودية إلى الحوار"));
            p
        },
        None,
    )[0];
    assert_eq!(d.kind, ActorKind::State);
    assert!(d.why.contains("gazetteer"), "{}", d.why);
    // A national security council is not the Security Council.
    assert!(candidates_in("اجتمع مجلس الأمن القومي الأمريكي", &[]).is_empty());
    // English text: the English name, never inside a longer word.
    let english = candidates_in("Iran rejected the Iranian proposal, NATO said.", &[]);
    let quotes: Vec<&str> = english.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(quotes, ["Iran", "NATO"]);
    assert_eq!(english[0].1, "Iran");
}

#[test]
fn the_bundled_gazetteer_reads_and_a_bad_line_is_named() {
    let g = gazetteer::gazetteer();
    let states = g
        .entries
        .iter()
        .filter(|e| e.role == gazetteer::Role::State)
        .count();
    assert!(states >= 240, "{states} states");
    for key in [
        "org:un",
        "org:arableague",
        "org:gcc",
        "org:opec",
        "org:nato",
        "org:eu",
        "org:au",
        "capital:IR",
        "person:tamim",
        "group:houthis",
    ] {
        assert!(g.entry(key).is_some(), "{key}");
    }
    assert_eq!(
        g.entry("state:IR").map(|e| e.names[0].as_str()),
        Some("إيران")
    );
    assert!(!g.titles.is_empty());
    let Err(e) = gazetteer::Gazetteer::parse(&[("x.tsv", "# c\nstate:QA\tstate\n")]) else {
        panic!("a short line must be refused");
    };
    assert!(e.starts_with("x.tsv:2:"), "{e}");
}

/// A new person rejected after a title counts against the title: one
/// rejection outweighs a built-in title the coding never showed, so the
/// title proposes nothing more — and the rejected one is not offered again.
#[test]
fn rejections_teach_the_titles() {
    let mut project = Project::default();
    for (i, body) in [
        "وصل الجنرال زيد عمرو إلى المدينة",
        "وقال الجنرال بكر خالد إن الوضع هادئ",
    ]
    .into_iter()
    .enumerate()
    {
        project
            .articles
            .push(Article::new(format!("art-{i}").as_str().into(), "t", body));
    }
    let before = candidates::candidates(&project, None, &[]);
    let names: Vec<&str> = before.iter().map(|c| c.quote.as_str()).collect();
    assert_eq!(names, ["الجنرال زيد عمرو", "الجنرال بكر خالد"]);
    project.rejections.push(before[0].rejected());
    let after = candidates::candidates(&project, None, &[]);
    assert!(after.is_empty(), "{after:?}");
    // Coding two names after the title outweighs the one rejection again.
    let mut coded = project.clone();
    coded
        .actors
        .push(Actor::new("act-x".into(), "بكر خالد", ActorKind::Person));
    coded.articles.push(Article::new(
        "art-2".into(),
        "t",
        "التقى الجنرال بكر خالد والجنرال سعيد ناصر والجنرال فهد سالم",
    ));
    for (start, end) in [(6, 22), (24, 41)] {
        let article = &coded.articles[2];
        let quote: String = article.body.chars().skip(start).take(end - start).collect();
        coded.highlights.push(Highlight {
            id: format!("hl-{start}").as_str().into(),
            article: article.id.clone(),
            span: Span::new(start, end),
            quote,
            tag: Tag::Actor("act-x".into()),
            speech: None,
            note: String::new(),
            changed: None,
        });
    }
    let relearned = candidates::candidates(&coded, None, &[]);
    assert!(
        relearned.iter().any(|c| c.quote == "الجنرال فهد سالم"),
        "{relearned:?}"
    );
    assert!(
        relearned
            .iter()
            .all(|c| c.rejection_id() != before[0].rejection_id())
    );
    assert!(relearned.iter().any(|c| c.why.contains("you rejected 1")));
}

/// After a tag, the queue matches again only the article whose coding
/// changed, and what it gives is what matching everything gives.
#[test]
fn the_queue_matches_again_only_what_changed() {
    use std::sync::atomic::AtomicBool;
    let mut project = sample();
    project
        .highlights
        .retain(|h| !matches!(&h.tag, Tag::Actor(a) if a.as_str() == "act-qatar"));
    let basis = queue::Basis::default();
    let go = AtomicBool::new(false);
    let first = queue::mentions(&project, basis, None, &go).unwrap();
    assert_eq!(first.matched, project.articles.len());
    assert_eq!(*first.list, Matcher::new(&project).all(&project, None));
    // Tag the first suggestion, as accepting it does.
    let s = first.list[0].clone();
    let article = project.article(&s.article).unwrap();
    let quote: String = article
        .body
        .chars()
        .skip(s.span.start)
        .take(s.span.end - s.span.start)
        .collect();
    project.highlights.push(Highlight {
        id: "hl-new".into(),
        article: s.article.clone(),
        span: s.span,
        quote,
        tag: Tag::Actor(s.actor.clone()),
        speech: None,
        note: String::new(),
        changed: None,
    });
    let next = queue::mentions(&project, basis, Some(&first), &go).unwrap();
    assert_eq!(next.matched, 1, "one article read again");
    assert_eq!(*next.list, Matcher::new(&project).all(&project, None));
    // A rejection is another basis: everything is matched again.
    project.rejections.push(next.list[0].rejected());
    let rejected = queue::Basis {
        rejections: 1,
        ..basis
    };
    let after = queue::mentions(&project, rejected, Some(&next), &go).unwrap();
    assert_eq!(after.matched, project.articles.len());
    assert_eq!(after.list.len(), next.list.len() - 1);
    // A computation made stale stops.
    let stop = AtomicBool::new(true);
    assert!(queue::mentions(&project, basis, None, &stop).is_none());
    assert!(queue::new_actors(&project, &after, &stop).is_none());
}
