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
    assert!(text.contains(&format!("    version: {},", store::CURRENT_VERSION)));
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
