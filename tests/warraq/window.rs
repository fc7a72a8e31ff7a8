//! Driving the whole window as a user does: pointer and keys in, state out.

use crate::common::WindowTesting;
use egui::{Event, Key, Modifiers, PointerButton, Pos2, Rect};
use egui_kittest::Harness;
use std::ops::Range;
use std::path::Path;
use warraq::app::App;
use warraq::ui::{WarraqApp, setup_context};

/// The whole window on a project file, at a laptop's size.
pub fn harness_on(path: &Path, show_relations: bool) -> Harness<'static, WarraqApp> {
    let mut window = WarraqApp::new(App::open(path).unwrap());
    window.set_relations_shown(show_relations);
    harness_for(window)
}

/// The window as given, at a laptop's size, with a frame every 1/60 s.
pub fn harness_for(window: WarraqApp) -> Harness<'static, WarraqApp> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 850.0))
        .with_step_dt(1.0 / 60.0)
        .with_max_steps(200)
        .with_context_setup(setup_context)
        .build_ui_state(|ui, window: &mut WarraqApp| window.show(ui), window);
    harness.run();
    harness
}

/// The `nth` occurrence of `needle` in the left pane's article, as a code-point range.
pub fn nth_range(harness: &Harness<'_, WarraqApp>, needle: &str, nth: usize) -> Range<usize> {
    let window = harness.state();
    let body = &window
        .app()
        .document()
        .project()
        .article(window.panes()[0].article.as_ref().unwrap())
        .unwrap()
        .body;
    let byte = body.match_indices(needle).nth(nth).unwrap().0;
    let start = body[..byte].chars().count();
    start..start + needle.chars().count()
}

pub fn screen_rects(harness: &Harness<'_, WarraqApp>, range: Range<usize>) -> Vec<Rect> {
    let reader = &harness.state().panes()[0].reader;
    reader
        .layout()
        .unwrap()
        .range_rects(range)
        .into_iter()
        .map(|r| {
            Rect::from_min_max(
                reader.to_screen(r.min).unwrap(),
                reader.to_screen(r.max).unwrap(),
            )
        })
        .collect()
}

/// `select` holding Alt: by characters rather than whole words.
pub fn select_chars(harness: &mut Harness<'_, WarraqApp>, range: Range<usize>) {
    harness.event(Event::ModifiersChanged(Modifiers::ALT));
    select(harness, range);
    harness.event(Event::ModifiersChanged(Modifiers::NONE));
    harness.step();
}

/// Scrolls the left pane to `range` and drags over it from its logical start to its end.
pub fn select(harness: &mut Harness<'_, WarraqApp>, range: Range<usize>) {
    harness.jump_to(0, range.clone());
    harness.run_steps(90);
    let first = screen_rects(harness, range.start..range.start + 1)[0];
    let last = screen_rects(harness, range.end - 1..range.end)[0];
    // Right to left: the logical start is the first letter's right edge.
    let from = first.right_center() - egui::vec2(0.5, 0.0);
    let to = last.left_center() + egui::vec2(0.5, 0.0);
    drag(harness, from, to);
    assert_eq!(harness.state().panes()[0].reader.selection(), Some(range));
}

pub fn press(harness: &mut Harness<'_, WarraqApp>, modifiers: Modifiers, key: Key) {
    harness.key_press_modifiers(modifiers, key);
    harness.run_steps(3);
}

pub fn click(harness: &mut Harness<'_, WarraqApp>, at: Pos2) {
    harness.hover_at(at);
    harness.event(Event::PointerButton {
        pos: at,
        button: PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    harness.event(Event::PointerButton {
        pos: at,
        button: PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    harness.step();
}

/// Press from `from` to `to` with a move in between, as a mouse drag does.
pub fn drag(harness: &mut Harness<'_, WarraqApp>, from: Pos2, to: Pos2) {
    harness.hover_at(from);
    harness.step();
    harness.drag_at(from);
    harness.step();
    harness.hover_at(from + (to - from) * 0.5);
    harness.step();
    harness.hover_at(to);
    harness.step();
    harness.drop_at(to);
    harness.run_steps(3);
}
