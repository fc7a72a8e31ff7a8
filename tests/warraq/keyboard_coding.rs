//! Coding an Arabic article from the keyboard alone: Tab to a highlight,
//! Shift+Left to select onward (left is onward in Arabic), Ctrl+Shift+Left
//! by words, then a tagging key.

use crate::common::sample_path;
use crate::window::{harness_on, press};
use egui::{Key, Modifiers};
use egui_kittest::kittest::NodeT;
use warraq::model::Tag;

#[test]
fn tab_goes_through_highlights_and_shift_arrows_select_in_reading_order() {
    let mut harness = harness_on(&sample_path(), false);
    harness.run_steps(5);
    let window = harness.state();
    let article = window.panes()[0].article.clone().unwrap();
    let project = window.app().document().project().clone();
    let body = project.article(&article).unwrap().body.clone();
    let mut spans: Vec<_> = project
        .highlights_in(&article)
        .map(|h| (h.span.start, h.span.end, h.id.clone()))
        .collect();
    spans.sort();

    // Tab: the first highlight of the article; again: the next; Shift+Tab: back.
    press(&mut harness, Modifiers::NONE, Key::Tab);
    let first = harness.state().panes()[0].reader.selected_highlight.clone();
    assert_eq!(first.as_ref(), Some(&spans[0].2));
    press(&mut harness, Modifiers::NONE, Key::Tab);
    assert_eq!(
        harness.state().panes()[0]
            .reader
            .selected_highlight
            .as_ref(),
        Some(&spans[1].2)
    );
    press(&mut harness, Modifiers::SHIFT, Key::Tab);
    assert_eq!(harness.state().panes()[0].reader.selected_highlight, first);

    // Shift+Left from the highlight's end: onward, one character a press.
    let from = spans[0].1;
    for _ in 0..3 {
        press(&mut harness, Modifiers::SHIFT, Key::ArrowLeft);
    }
    assert_eq!(
        harness.state().panes()[0].reader.selection(),
        Some(from..from + 3)
    );
    // Shift+Right takes one back.
    press(&mut harness, Modifiers::SHIFT, Key::ArrowRight);
    assert_eq!(
        harness.state().panes()[0].reader.selection(),
        Some(from..from + 2)
    );
    // Ctrl+Shift+Left: on to the end of a word.
    press(
        &mut harness,
        Modifiers::COMMAND | Modifiers::SHIFT,
        Key::ArrowLeft,
    );
    let selected = harness.state().panes()[0].reader.selection().unwrap();
    assert!(selected.end > from + 2);
    let chars: Vec<char> = body.chars().collect();
    assert!(
        selected.end == chars.len() || !chars[selected.end].is_alphanumeric(),
        "ends at a word's end: «{}»",
        chars[selected.clone()].iter().collect::<String>()
    );

    // E tags the selection as evidence: the whole flow without a mouse.
    let before = harness.state().app().document().project().highlights.len();
    press(&mut harness, Modifiers::NONE, Key::E);
    harness.run_steps(3);
    let project = harness.state().app().document().project();
    assert_eq!(project.highlights.len(), before + 1);
    let made = project
        .highlights
        .iter()
        .find(|h| h.tag == Tag::Evidence && h.span.start == selected.start)
        .expect("the selection tagged as evidence");
    assert_eq!(made.span.end, selected.end);
}

/// A screen reader finds the article's text by its role and title.
#[test]
fn the_reader_text_is_found_by_role() {
    use egui_kittest::kittest::Queryable;
    let mut harness = harness_on(&sample_path(), false);
    harness.run_steps(5);
    let title = harness.state().app().document().project().articles[0]
        .title
        .clone();
    let text = format!("Article text: {title}");
    assert!(
        harness
            .query_all_by_role(egui::accesskit::Role::Document)
            .any(|n| n.accesskit_node().label().as_deref() == Some(text.as_str())),
        "{text}"
    );
    // Each highlight on screen is a mark inside the text, named by its
    // kind, its words and its tag; the reader keeps the pointer.
    let document = harness
        .query_all_by_role(egui::accesskit::Role::Document)
        .find(|n| n.accesskit_node().label().as_deref() == Some(text.as_str()))
        .unwrap()
        .accesskit_node()
        .id();
    let marks: Vec<String> = harness
        .query_all_by_role(egui::accesskit::Role::Mark)
        .filter(|n| {
            std::iter::successors(
                n.accesskit_node().parent(),
                egui_kittest::kittest::AccessKitNode::parent,
            )
            .any(|p| p.id() == document)
        })
        .filter_map(|n| n.accesskit_node().label())
        .collect();
    assert!(marks.len() >= 3, "{marks:?}");
    assert!(
        marks
            .iter()
            .any(|m| m.starts_with("actor highlight «") && m.ends_with("قطر")),
        "{marks:?}"
    );
}
