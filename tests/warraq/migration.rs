//! Version 1 files, as the first releases wrote them, open in this version:
//! `tests/data/gulf-crisis-sample.v1.warraq.ron` is the sample project exactly
//! as it was saved in format version 1, kept unchanged.

use crate::common::repo_path;
use std::collections::HashMap;
use warraq::model::{HighlightId, Source};
use warraq::store;

const V1: &str = "tests/data/gulf-crisis-sample.v1.warraq.ron";

/// Each relation's `article:` and `evidence:` lines in the version 1 text.
fn v1_citations(text: &str) -> HashMap<String, (String, String)> {
    let mut found = HashMap::new();
    let mut id = None;
    let mut article = None;
    for line in text.lines().map(str::trim) {
        let value = |l: &str| l.split('"').nth(1).unwrap_or_default().to_owned();
        if line.starts_with("id: \"rel-") {
            id = Some(value(line));
        } else if line.starts_with("article: ") && id.is_some() {
            article = Some(value(line));
        } else if line.starts_with("evidence: ")
            && let (Some(i), Some(a)) = (id.take(), article.take())
        {
            found.insert(i, (a, value(line)));
        }
    }
    found
}

#[test]
fn a_version_1_file_opens_with_each_relation_citing_its_one_source() {
    let text = std::fs::read_to_string(repo_path(V1)).unwrap();
    assert!(
        text.contains("    version: 1,"),
        "the kept file must stay version 1"
    );
    let cited = v1_citations(&text);
    assert_eq!(cited.len(), 13);

    let loaded = store::load(&repo_path(V1)).unwrap();
    let project = &loaded.project;
    assert_eq!(project.relations.len(), 13);
    for relation in &project.relations {
        let (article, evidence) = &cited[relation.id.as_str()];
        assert_eq!(
            relation.sources,
            [Source::new(
                article.as_str().into(),
                Some(HighlightId::from(evidence.as_str()))
            )],
            "{}",
            relation.id
        );
    }
    assert!(
        loaded.warnings.iter().any(|w| w.contains("version 1")),
        "the analyst is told the file was upgraded: {:?}",
        loaded.warnings
    );
}

#[test]
fn a_migrated_file_saves_as_the_current_version_and_reads_back_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.warraq.ron");
    std::fs::copy(repo_path(V1), &path).unwrap();
    let migrated = store::load(&path).unwrap().project;
    store::save(&migrated, &path, None).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(&format!("    version: {},", store::PLAIN_VERSION)));
    assert!(text.contains("sources: ["));
    let reread = store::load(&path).unwrap();
    assert_eq!(reread.project, migrated);
    assert!(reread.warnings.is_empty(), "{:?}", reread.warnings);
}

#[test]
fn a_version_1_relation_with_evidence_but_no_article_takes_the_highlights_article() {
    let text = std::fs::read_to_string(repo_path(V1)).unwrap();
    let without_article = text.replacen(
        "                article: \"art-2017-tamim-putin\",\n                evidence:",
        "                evidence:",
        1,
    );
    assert_ne!(without_article, text);
    let project =
        store::from_ron_str(std::path::Path::new("edited.warraq.ron"), &without_article).unwrap();
    assert!(project.validate().is_empty());
    let first = &project.relations[0];
    assert_eq!(first.sources.len(), 1);
    assert_eq!(first.sources[0].article.as_str(), "art-2017-tamim-putin");
}

/// The sample as format version 4 wrote it, before concepts: each claim held its own words.
const V4: &str = "tests/data/gulf-crisis-sample.v4.warraq.ron";

#[test]
fn a_version_4_file_opens_with_claims_grouped_under_concepts_and_nothing_lost() {
    let text = std::fs::read_to_string(repo_path(V4)).unwrap();
    assert!(
        text.contains("    version: 4,"),
        "the kept file must stay version 4"
    );
    let loaded = store::load(&repo_path(V4)).unwrap();
    let project = &loaded.project;
    assert!(
        loaded.warnings.iter().any(|w| w.contains("version 4")),
        "the analyst is told the file was upgraded: {:?}",
        loaded.warnings
    );
    // Every claim keeps its words (now its concept's), speaker, stance and note.
    for line in text
        .lines()
        .filter(|l| l.trim_start().starts_with("text: "))
    {
        let words = line.split('"').nth(1).unwrap();
        assert!(project.concept_named(words).is_some(), "{words}");
    }
    assert_eq!(project.claims.len(), 5);
    // The Quartet's accusation and Qatar's denial: two stances on one concept.
    let accusation = project.claim(&"clm-terror-accusation".into()).unwrap();
    let denial = project.claim(&"clm-terror-denial".into()).unwrap();
    assert_eq!(accusation.concept, denial.concept);
    assert_eq!(accusation.concept.as_str(), "cpt-terror-accusation");
    assert_eq!(project.concepts.len(), 4);
    assert_eq!(accusation.stance, warraq::model::Stance::Affirms);
    assert_eq!(denial.stance, warraq::model::Stance::Denies);
    assert_eq!(denial.note, "Doha's denial of the Quartet's accusation.");
    // Derived ids: the same file upgraded on two branches is the same project,
    // and it is the sample this version writes.
    let sample = store::load(&repo_path("projects/gulf-crisis-sample.warraq.ron"))
        .unwrap()
        .project;
    assert_eq!(project, &sample);
}

#[test]
fn a_version_4_conflict_over_a_claim_can_still_take_theirs() {
    let text = std::fs::read_to_string(repo_path(V4)).unwrap();
    let theirs = r#"{"id":"clm-tutelage","text":"الرباعي يفرض الوصاية","speaker":"act-qatar","stance":"Neutral","note":""}"#;
    let conflict = format!(
        "        conflicts: [\n            (\n                kind: \"claim\",\n                id: \"clm-tutelage\",\n                label: \"x\",\n                what: \"both changed it\",\n                theirs: {theirs:?},\n            ),\n        ],\n"
    );
    let with_conflict = text.replacen(
        "        articles: [",
        &format!("{conflict}        articles: ["),
        1,
    );
    assert_ne!(with_conflict, text);
    let project =
        store::from_ron_str(std::path::Path::new("x.warraq.ron"), &with_conflict).unwrap();
    let stored = project.conflicts[0].theirs.clone().unwrap();
    let claim: warraq::model::Claim = serde_json::from_str(&stored).unwrap();
    let concept = project.concept(&claim.concept);
    // Their words are a concept of their own once chosen; until then the
    // conflict names it, and the concept is kept for it.
    assert_eq!(claim.stance, warraq::model::Stance::Neutral);
    assert!(
        concept.is_some_and(|c| c.text == "الرباعي يفرض الوصاية"),
        "{stored}"
    );
}
