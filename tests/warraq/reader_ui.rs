//! The reader driven as a user drives it: pointer events in, selection out.

use crate::common::WindowTesting;
use crate::common::sample_path;
use crate::window::{click, drag, harness_on, screen_rects};
use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::ops::Range;
use warraq::ui::WarraqApp;

fn harness() -> Harness<'static, WarraqApp> {
    // The reader tests want the whole height for the article.
    harness_on(&sample_path(), false)
}

fn char_range(text: &str, needle: &str) -> Range<usize> {
    let byte = text.find(needle).unwrap();
    let start = text[..byte].chars().count();
    start..start + needle.chars().count()
}

fn body(harness: &Harness<'_, WarraqApp>) -> String {
    let window = harness.state();
    window
        .app()
        .document()
        .project()
        .article(window.panes()[0].article.as_ref().unwrap())
        .unwrap()
        .body
        .to_string()
}

#[test]
fn dragging_over_an_arabic_word_selects_its_code_points() {
    let mut harness = harness();
    let body = body(&harness);
    let word = char_range(&body, "الدواي");
    let rect = screen_rects(&harness, word.clone())[0];
    // Right to left: the drag starts at the word's right edge (its logical start).
    drag(
        &mut harness,
        rect.right_center() - egui::vec2(0.5, 0.0),
        rect.left_center() + egui::vec2(0.5, 0.0),
    );
    assert_eq!(harness.state().panes()[0].reader.selection(), Some(word));
}

#[test]
fn a_selection_across_a_line_break_keeps_logical_order() {
    let mut harness = harness();
    let body = body(&harness);
    let sentence = char_range(&body, "بحث قائد قوات الدفاع الجوي القطري");
    let paragraph_end = char_range(&body, "بين البلدين.");
    let start = screen_rects(&harness, sentence.start..sentence.start + 1)[0];
    let end = screen_rects(&harness, paragraph_end.clone()).pop().unwrap();
    assert!(
        end.top() > start.top(),
        "the paragraph wraps onto a second line"
    );
    drag(
        &mut harness,
        start.right_center() - egui::vec2(0.5, 0.0),
        end.left_center() + egui::vec2(0.5, 0.0),
    );
    assert_eq!(
        harness.state().panes()[0].reader.selection(),
        Some(sentence.start..paragraph_end.end)
    );
}

#[test]
fn double_click_selects_a_word() {
    let mut harness = harness();
    let body = body(&harness);
    let word = char_range(&body, "مناورات");
    let center = screen_rects(&harness, word.clone())[0].center();
    click(&mut harness, center);
    click(&mut harness, center);
    harness.run();
    assert_eq!(harness.state().panes()[0].reader.selection(), Some(word));
}

#[test]
fn clicking_a_highlight_selects_it() {
    let mut harness = harness();
    let window = harness.state();
    let project = &window.app().document().project();
    let highlight = project
        .highlights_in(window.panes()[0].article.as_ref().unwrap())
        .find(|h| h.quote == "الفريق مايكل غاريث")
        .unwrap()
        .clone();
    let center = screen_rects(&harness, highlight.span.range())[0].center();
    click(&mut harness, center);
    harness.run();
    assert_eq!(
        harness.state().panes()[0].reader.selected_highlight,
        Some(highlight.id)
    );
}

#[test]
fn copy_gives_the_selection_in_logical_order() {
    let mut harness = harness();
    let body = body(&harness);
    let phrase = char_range(&body, "مناورات عسكرية مشتركة");
    // The phrase may wrap: drag from its first letter's right edge to its last letter's left edge.
    let first = screen_rects(&harness, phrase.start..phrase.start + 1)[0];
    let last = screen_rects(&harness, phrase.end - 1..phrase.end)[0];
    drag(
        &mut harness,
        first.right_center() - egui::vec2(0.5, 0.0),
        last.left_center() + egui::vec2(0.5, 0.0),
    );
    harness.event(Event::Copy);
    harness.step();
    let copied: Vec<String> = harness
        .output()
        .platform_output
        .commands
        .iter()
        .filter_map(|c| match c {
            egui::OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(copied, vec!["مناورات عسكرية مشتركة".to_owned()]);
}

#[test]
fn text_size_keys_grow_and_shrink_the_text_and_reflow_it() {
    let mut harness = harness();
    let size = harness.state().reader_style().font_size;
    let lines = harness.state().panes()[0]
        .reader
        .layout()
        .unwrap()
        .lines
        .len();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    harness.run();
    assert_eq!(harness.state().reader_style().font_size, size + 2.0);
    assert!(
        harness.state().panes()[0]
            .reader
            .layout()
            .unwrap()
            .lines
            .len()
            > lines
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
    harness.run();
    assert_eq!(harness.state().reader_style().font_size, size - 2.0);
}

#[test]
fn layout_is_cached_until_the_width_changes() {
    let mut harness = harness();
    let made = harness.state().panes()[0].reader.layouts_made;
    harness.run_steps(5);
    assert_eq!(
        harness.state().panes()[0].reader.layouts_made,
        made,
        "steady frames reuse the layout"
    );
    let lines = harness.state().panes()[0]
        .reader
        .layout()
        .unwrap()
        .lines
        .len();
    harness.set_size(egui::vec2(800.0, 800.0));
    harness.run();
    assert!(harness.state().panes()[0].reader.layouts_made > made);
    assert!(
        harness.state().panes()[0]
            .reader
            .layout()
            .unwrap()
            .lines
            .len()
            > lines,
        "narrower pane, more lines"
    );
}

#[test]
fn jump_to_span_scrolls_it_into_view() {
    let mut harness = harness();
    let body = body(&harness);
    let last = char_range(&body, "الوصاية على قرارها الوطني");
    let before = screen_rects(&harness, last.clone())[0];
    assert!(before.top() > 850.0, "the span starts off screen");
    harness.jump_to(0, last.clone());
    harness.run_steps(3);
    let after = screen_rects(&harness, last)[0];
    assert!(after.top() >= 0.0 && after.bottom() <= 850.0, "{after:?}");
}

#[test]
fn the_article_list_opens_the_other_article() {
    let mut harness = harness();
    harness
        .get_by_role_and_label(
            egui::Role::ListItem,
            "قطر والولايات المتحدة تبحثان التعاون العسكري والأمني",
        )
        .click();
    harness.run();
    let body = body(&harness);
    assert!(body.starts_with("الدوحة 26 يوليو 2020 (شينخوا)"));
    // Both panes now show it: the left because it was chosen, the right from the start.
    assert_eq!(
        harness
            .query_all_by_label_contains("Article text: قطر والولايات المتحدة")
            .count(),
        2
    );
}

#[test]
fn the_actor_filter_takes_arabic_and_narrows_the_registry() {
    let mut harness = harness();
    assert!(
        harness
            .query_by_role_and_label(egui::Role::ListItem, "فلاديمير بوتين")
            .is_some()
    );
    harness.get_by_label("Filter actors").click();
    harness.run();
    harness.get_by_label("Filter actors").type_text("تميم");
    harness.run();
    assert_eq!(harness.state().sidebar().actor_filter, "تميم");
    assert!(
        harness
            .query_by_role_and_label(egui::Role::ListItem, "الشيخ تميم بن حمد آل ثاني")
            .is_some()
    );
    assert!(
        harness
            .query_by_role_and_label(egui::Role::ListItem, "فلاديمير بوتين")
            .is_none()
    );
}

#[test]
fn clicking_an_actor_jumps_to_its_mentions_in_turn() {
    let mut harness = harness();
    harness
        .get_by_role_and_label(egui::Role::ListItem, "فلاديمير بوتين")
        .click();
    harness.run_steps(3);
    let first = harness.state().panes()[0]
        .reader
        .selected_highlight
        .clone()
        .unwrap();
    harness
        .get_by_role_and_label(egui::Role::ListItem, "فلاديمير بوتين")
        .click();
    harness.run_steps(3);
    let second = harness.state().panes()[0]
        .reader
        .selected_highlight
        .clone()
        .unwrap();
    assert_ne!(first, second);
    let project = &harness.project();
    for id in [first, second] {
        assert_eq!(
            project.highlight(&id).unwrap().tag,
            warraq::model::Tag::Actor("act-putin".into())
        );
    }
}
