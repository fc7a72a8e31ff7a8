//! The sample project in `projects/` is valid, coded, and made of the seed articles.

use crate::common::{sample_path, seed_text};
use warraq::model::{Tag, text};
use warraq::store;

#[test]
fn sample_project_loads_and_every_quote_matches() {
    let loaded = store::load(&sample_path()).unwrap();
    let project = loaded.project;
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_eq!(project.articles.len(), 2);
    assert!(project.actors.len() >= 10);
    assert!(project.claims.len() >= 2);
    assert!(project.relations.len() >= 8);
    assert!(project.highlights.len() >= 30);
    for highlight in &project.highlights {
        let body = &project.article(&highlight.article).unwrap().body;
        assert_eq!(
            text::slice_chars(body, highlight.span.range()),
            Some(highlight.quote.as_str())
        );
    }
}

#[test]
fn sample_articles_are_the_seed_texts() {
    let project = store::load(&sample_path()).unwrap().project;
    let seed_2017 =
        text::normalize_newlines(&seed_text("2017-11-20-tamim-putin-call.txt")).into_owned();
    let seed_2020 =
        text::normalize_newlines(&seed_text("2020-07-26-qatar-us-milley.txt")).into_owned();
    let first = &project.articles[0];
    assert!(seed_2017.starts_with(&first.title));
    assert!(seed_2017.trim_end().ends_with(first.body.as_str()));
    assert_eq!(
        first.published.map(|d| d.to_string()).as_deref(),
        Some("2017-11-20")
    );
    let second = &project.articles[1];
    assert_eq!(second.body, seed_2020.trim());
    assert_eq!(second.outlet, "شينخوا");
}

#[test]
fn the_emir_is_one_actor_across_both_articles() {
    let project = store::load(&sample_path()).unwrap().project;
    let tamim = project
        .actors
        .iter()
        .find(|a| a.gloss.contains("Tamim"))
        .unwrap();
    let articles: std::collections::BTreeSet<_> = project
        .highlights
        .iter()
        .filter(|h| h.tag == Tag::Actor(tamim.id.clone()))
        .map(|h| h.article.clone())
        .collect();
    assert_eq!(articles.len(), 2);
    let cut_ties: Vec<_> = project
        .relations
        .iter()
        .filter(|r| r.kind.as_str() == "cuts_ties_with")
        .collect();
    assert_eq!(
        cut_ties.len(),
        4,
        "the four states each cut ties with Qatar"
    );
}

#[test]
fn saving_the_unchanged_sample_rewrites_the_same_bytes() {
    let path = sample_path();
    let loaded = store::load(&path).unwrap();
    let text = store::to_ron_string(&loaded.project).unwrap();
    assert_eq!(text.as_bytes(), std::fs::read(&path).unwrap().as_slice());
}
