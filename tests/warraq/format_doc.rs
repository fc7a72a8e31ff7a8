//! The example in docs/format.md is a valid project, so the document stays true.

use crate::common::repo_path;
use warraq::model::text;

#[test]
fn the_documented_example_loads() {
    let doc = std::fs::read_to_string(repo_path("docs/format.md")).unwrap();
    let start = doc.find("```ron\n").unwrap() + "```ron\n".len();
    let example = &doc[start..start + doc[start..].find("```").unwrap()];
    let body_start = example.find("body: \"").unwrap() + "body: \"".len();
    let body = &example[body_start..body_start + example[body_start..].find('"').unwrap()];
    let example = example.replace("sha256:…64 hex digits…", &text::body_hash(body));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("example.warraq.ron");
    std::fs::write(&path, example).unwrap();
    let project = warraq::store::load(&path)
        .unwrap_or_else(|e| panic!("{e}"))
        .project;
    assert_eq!(
        project.relations[0]
            .first_evidence()
            .map(warraq::model::HighlightId::as_str),
        Some("hl-2")
    );
}
