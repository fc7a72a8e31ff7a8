//! What an analyst trips over in the first hour, fixed: relations read in
//! the direction they point, whatever the languages of their names.

use crate::common::sample_path;
use warraq::store;
use warraq::text::{TextLayout, TextStyle};

/// Where `needle` starts on screen in a one-line layout of `text`.
fn left_of(layout: &TextLayout, text: &str, needle: &str) -> f32 {
    let byte = text.find(needle).unwrap();
    let start = text[..byte].chars().count();
    layout.range_rects(start..start + needle.chars().count())[0].left()
}

#[test]
fn a_relation_sentence_names_its_source_first_for_a_left_to_right_reader() {
    let mut project = store::load(&sample_path()).unwrap().project;
    let mut engine = warraq::text::TextEngine::new();
    let relation = project
        .relations
        .iter()
        .find(|r| r.source.as_str() == "act-egypt" && r.target.as_str() == "act-qatar")
        .expect("Egypt cuts ties with Qatar")
        .clone();
    // With an English type and then an Arabic one: the mix that read backwards.
    for label in ["cuts ties with", "يقطع العلاقات مع"] {
        project
            .vocabulary
            .iter_mut()
            .find(|t| t.id == relation.kind)
            .unwrap()
            .label = label.to_owned();
        let words = project.relation_words(&relation);
        let layout = TextLayout::new(&mut engine, &words, None, TextStyle::default());
        let source = &project.actor(&relation.source).unwrap().name;
        let target = &project.actor(&relation.target).unwrap().name;
        let (s, k, t) = (
            left_of(&layout, &words, source),
            left_of(&layout, &words, label),
            left_of(&layout, &words, target),
        );
        assert!(s < k && k < t, "{label}: source {s}, type {k}, target {t}");
    }
}
