//! The analyst's whole loop, as a user does it: select, tag as a new actor,
//! tag another mention as the same actor, make a claim with a speaker, undo,
//! redo, save, reload and find everything in place.

use crate::common::WindowTesting;
use crate::common::sample_path;
use crate::window::{click, harness_on, nth_range, press, screen_rects, select};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use warraq::model::{ActorKind, Stance, Tag, search};
use warraq::store;

#[test]
fn the_whole_coding_loop() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("work.warraq.ron");
    std::fs::copy(sample_path(), &path).unwrap();
    let mut harness = harness_on(&path, true);
    let before = harness.project().clone();

    // 1. Select "سوريا" and tag it as a new actor (N), a state.
    let first = nth_range(&harness, "سوريا", 0);
    select(&mut harness, first.clone());
    press(&mut harness, Modifiers::NONE, Key::N);
    assert!(
        harness.state().tagging().is_some(),
        "N opens the new-actor dialog"
    );
    assert_eq!(
        harness.get_by_label("Canonical name").value().as_deref(),
        Some("سوريا")
    );
    harness.get_by_label("state").click();
    harness.run_steps(2);
    harness.get_by_label("Aliases").focus();
    harness.run_steps(2);
    harness.get_by_label("Aliases").type_text("دمشق، Syria");
    harness.run_steps(2);
    press(&mut harness, Modifiers::NONE, Key::Enter);
    let project = &harness.project();
    let syria = project
        .actors
        .iter()
        .find(|a| a.name == "سوريا")
        .expect("the new actor")
        .clone();
    assert_eq!(syria.kind, ActorKind::State);
    assert_eq!(syria.aliases, ["دمشق", "Syria"]);

    // 2. The second mention, tagged as the same actor with type-ahead (A).
    let second = nth_range(&harness, "سوريا", 1);
    select(&mut harness, second.clone());
    press(&mut harness, Modifiers::NONE, Key::A);
    harness.run_steps(2);
    press(&mut harness, Modifiers::NONE, Key::Enter);
    let project = &harness.project();
    let mentions: Vec<_> = project
        .highlights
        .iter()
        .filter(|h| h.tag == Tag::Actor(syria.id.clone()))
        .map(|h| h.span.range())
        .collect();
    assert_eq!(mentions, [first, second]);

    // 3. A claim, with Putin as its speaker.
    let praise = nth_range(&harness, "أشادا بمستوى التنسيق والتعاون بين بلديهما", 0);
    select(&mut harness, praise.clone());
    press(&mut harness, Modifiers::NONE, Key::C);
    harness.get_by_label("Speaker").focus();
    harness.run_steps(2);
    harness.get_by_label("Speaker").type_text("بوتين");
    harness.run_steps(2);
    harness.get_by_label("Create and tag (Enter)").click();
    harness.run_steps(3);
    let claim_count = harness.project().claims.len();
    assert_eq!(claim_count, before.claims.len() + 1);
    let claim = harness
        .state()
        .app()
        .document()
        .project()
        .claims
        .last()
        .unwrap()
        .clone();
    assert_eq!(
        claim.speaker.as_ref().map(warraq::model::ActorId::as_str),
        Some("act-putin")
    );
    assert_eq!(claim.stance, Stance::Affirms);

    // 4. Undo takes the claim away, redo brings it back.
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(harness.project().claims.len(), before.claims.len());
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert_eq!(harness.project().claims.len(), claim_count);
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    press(&mut harness, Modifiers::COMMAND, Key::Y);
    assert_eq!(harness.project().claims.len(), claim_count);

    // 5. Save, reload, and everything is in place.
    press(&mut harness, Modifiers::COMMAND, Key::S);
    // Ctrl+S writes on another thread; the test waits for the file, not for time.
    harness.state_mut().wait_for_save();
    assert!(!harness.document().is_dirty());
    let reloaded = store::load(&path).unwrap().project;
    assert_eq!(reloaded, *harness.project());
    assert_eq!(
        reloaded
            .highlights
            .iter()
            .filter(|h| h.tag == Tag::Actor(syria.id.clone()))
            .count(),
        2
    );
    let claim_highlight = reloaded
        .highlights
        .iter()
        .find(|h| h.tag == Tag::Claim(claim.id.clone()))
        .unwrap();
    assert_eq!(
        claim_highlight.quote,
        "أشادا بمستوى التنسيق والتعاون بين بلديهما"
    );
    assert_eq!(reloaded.highlights.len(), before.highlights.len() + 3);
}

#[test]
fn a_selected_highlight_can_be_resized_and_deleted_with_keys() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("work.warraq.ron");
    std::fs::copy(sample_path(), &path).unwrap();
    let mut harness = harness_on(&path, true);
    let project = &harness.project();
    let target = project
        .highlights
        .iter()
        .find(|h| h.quote == "الفريق مايكل غاريث")
        .unwrap()
        .clone();
    let center = screen_rects(&harness, target.span.range())[0].center();
    click(&mut harness, center);
    harness.run_steps(3);
    assert_eq!(
        harness.state().panes()[0].reader.selected_highlight,
        Some(target.id.clone())
    );
    // Right to left: the start is the right edge; ← moves it leftwards on
    // screen, which is one character later in the text.
    press(
        &mut harness,
        Modifiers::ALT | Modifiers::SHIFT,
        Key::ArrowLeft,
    );
    let resized = harness
        .state()
        .app()
        .document()
        .project()
        .highlight(&target.id)
        .unwrap()
        .clone();
    assert_eq!(resized.span.start, target.span.start + 1);
    assert_eq!(resized.quote, "لفريق مايكل غاريث");
    // Alt+→ moves the end (the left edge) rightwards: one character earlier.
    press(&mut harness, Modifiers::ALT, Key::ArrowRight);
    let shorter = harness
        .state()
        .app()
        .document()
        .project()
        .highlight(&target.id)
        .unwrap()
        .clone();
    assert_eq!(shorter.span.end, target.span.end - 1);
    press(&mut harness, Modifiers::ALT, Key::ArrowLeft);
    press(&mut harness, Modifiers::NONE, Key::Delete);
    assert!(
        harness
            .state()
            .app()
            .document()
            .project()
            .highlight(&target.id)
            .is_none()
    );
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(
        harness
            .state()
            .app()
            .document()
            .project()
            .highlight(&target.id)
            .is_some()
    );
}

#[test]
fn find_other_mentions_and_accept_them_all() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("work.warraq.ron");
    let mut project = store::load(&sample_path()).unwrap().project;
    // Forget two of Putin's highlights: they become "other mentions" to find.
    let putin = Tag::Actor("act-putin".into());
    let forgotten: Vec<_> = project
        .highlights
        .iter()
        .filter(|h| h.tag == putin)
        .take(2)
        .map(|h| (h.article.clone(), h.span))
        .collect();
    project.highlights.retain(|h| {
        !forgotten
            .iter()
            .any(|(a, s)| *a == h.article && *s == h.span && h.tag == putin)
    });
    store::save(&project, &path, None).unwrap();
    let found: Vec<_> = search::unhighlighted_mentions(&project, &"act-putin".into())
        .into_iter()
        .map(|h| (h.article, h.span))
        .collect();
    assert_eq!(found, forgotten);

    let mut harness = harness_on(&path, true);
    let buttons = harness.get_all_by_label("Mentions…").count();
    assert!(buttons > 5);
    // Putin is the 12th actor of the sample; find his row's button by its place.
    let putin_row = harness
        .get_by_role_and_label(egui::Role::ListItem, "فلاديمير بوتين")
        .rect();
    let button = harness
        .get_all_by_label("Mentions…")
        .find(|b| putin_row.contains(b.rect().center()))
        .unwrap();
    button.click();
    harness.run_steps(3);
    assert_eq!(harness.state().sidebar().mentions.len(), 2);
    harness.get_by_label("Accept all (2)").click();
    harness.run_steps(3);
    let project = &harness.project();
    assert!(search::unhighlighted_mentions(project, &"act-putin".into()).is_empty());
    assert_eq!(
        project.highlights.iter().filter(|h| h.tag == putin).count(),
        7
    );
}

#[test]
fn ctrl_f_searches_the_project_and_opens_a_hit() {
    let mut harness = harness_on(&sample_path(), true);
    press(&mut harness, Modifiers::COMMAND, Key::F);
    harness.run_steps(2);
    harness
        .get_by_label("Search the project")
        .type_text("الامريكيه");
    harness.run_steps(3);
    let hits = harness.state().sidebar().hits.clone();
    assert_eq!(
        hits.len(),
        3,
        "الأمريكية three times in 2020 (2017 spells it الأميركية): {hits:?}"
    );
    let in_2020 = hits
        .iter()
        .find(|h| h.article.as_str() == "art-2020-qatar-us-milley")
        .unwrap()
        .clone();
    harness
        .get_all_by_label(&in_2020.context)
        .next()
        .unwrap()
        .click();
    harness.run_steps(3);
    assert_eq!(
        harness
            .state()
            .focused_article()
            .map(warraq::model::ArticleId::as_str),
        Some("art-2020-qatar-us-milley")
    );
}

#[test]
fn linked_mode_outlines_the_hovered_actor_in_the_other_pane() {
    let mut harness = harness_on(&crate::common::sample_path(), false);
    let window = harness.state();
    let project = &window.app().document().project();
    let right = window.panes()[1].article.clone().unwrap();
    let tamim = project
        .highlights_in(&right)
        .find(|h| h.tag == Tag::Actor("act-tamim".into()))
        .unwrap()
        .clone();
    let reader = &window.panes()[1].reader;
    let rect = reader.layout().unwrap().range_rects(tamim.span.range())[0];
    let center = reader.to_screen(rect.center()).unwrap();
    harness.hover_at(center);
    harness.run_steps(3);
    let left = harness.state().panes()[0].article.clone().unwrap();
    let project = &harness.project();
    let expected: Vec<_> = project
        .highlights_in(&left)
        .filter(|h| h.tag == Tag::Actor("act-tamim".into()))
        .map(|h| &h.id)
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(harness.state().panes()[0].linked_highlights(), expected);
    harness.get_by_label("Linked").click();
    harness.run_steps(2);
    assert!(!harness.state().linked());
    assert!(
        harness.state().panes()[0].linked_highlights().is_empty(),
        "off when the toggle is off"
    );
}

#[test]
fn work_is_stamped_with_the_analyst_name_typed_in_the_window() {
    let mut harness = harness_on(&sample_path(), false);
    harness.state_mut().set_analyst("");
    harness.get_by_label("Analyst name").focus();
    harness.run_steps(2);
    harness.get_by_label("Analyst name").type_text("سلمى");
    harness.run_steps(2);
    press(&mut harness, Modifiers::NONE, Key::Enter);
    assert_eq!(harness.state().app().session.analyst, "سلمى");
    let evidence = nth_range(&harness, "مناورات عسكرية مشتركة", 0);
    select(&mut harness, evidence);
    press(&mut harness, Modifiers::NONE, Key::E);
    let project = &harness.project();
    let newest = project.highlights.last().unwrap();
    assert_eq!(newest.tag, Tag::Evidence);
    assert_eq!(newest.changed.as_ref().unwrap().by, "سلمى");
}

/// The window selects what the edit made (it says so), not the last
/// highlight in the list; a refused tag changes nothing and keeps the
/// analyst's selection to try again.
#[test]
fn tagging_selects_the_highlight_it_made_and_a_refused_tag_keeps_the_selection() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("work.warraq.ron");
    std::fs::copy(sample_path(), &path).unwrap();
    let mut harness = harness_on(&path, true);

    let range = nth_range(&harness, "سوريا", 0);
    select(&mut harness, range.clone());
    press(&mut harness, Modifiers::NONE, Key::N);
    press(&mut harness, Modifiers::NONE, Key::Enter);
    let state = harness.state();
    let made = state
        .app()
        .document()
        .project()
        .highlights
        .iter()
        .find(|h| h.span.range() == range)
        .expect("the new mention")
        .clone();
    let reader = &state.panes()[state.focused_pane()].reader;
    assert_eq!(reader.selected_highlight.as_ref(), Some(&made.id));
    assert_eq!(reader.selection(), None, "the selection is used up");

    // A new actor with no name is refused whole: no actor, no highlight, no undo step.
    let (actors, highlights) = {
        let project = &harness.project();
        (project.actors.len(), project.highlights.len())
    };
    let word = nth_range(&harness, "الكرملين", 0);
    select(&mut harness, word.clone());
    press(&mut harness, Modifiers::NONE, Key::N);
    harness.get_by_label("Canonical name").focus();
    harness.run_steps(2);
    press(&mut harness, Modifiers::COMMAND, Key::A);
    press(&mut harness, Modifiers::NONE, Key::Backspace);
    press(&mut harness, Modifiers::NONE, Key::Enter);
    let state = harness.state();
    let project = &state.app().document().project();
    assert_eq!(project.actors.len(), actors);
    assert_eq!(project.highlights.len(), highlights);
    let reader = &state.panes()[state.focused_pane()].reader;
    assert_eq!(
        reader.selection(),
        Some(word),
        "the selection is kept to try again"
    );
    assert_eq!(
        reader.selected_highlight.as_ref(),
        Some(&made.id),
        "nothing new was made, so nothing new is selected"
    );
}

/// The tagging pop-up sits above the selection when there is room, so the
/// line below (the next word to click) stays free; the relations filter bar
/// wraps instead of cutting off its last field at the default window size.
#[test]
fn the_tag_popup_leaves_the_next_line_free_and_the_filter_bar_fits() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("work.warraq.ron");
    std::fs::copy(sample_path(), &path).unwrap();
    let mut harness = harness_on(&path, true);
    let word = nth_range(&harness, "سوريا", 0);
    select(&mut harness, word.clone());
    let selection = screen_rects(&harness, word);
    let top = selection
        .iter()
        .map(egui::Rect::top)
        .fold(f32::INFINITY, f32::min);
    let popup = harness.get_by_label("Evidence (E)").rect();
    assert!(
        popup.bottom() <= top,
        "pop-up {popup:?} over the selection's line at {top}"
    );

    let to = harness
        .get_by_role_and_label(egui::Role::TextInput, "to")
        .rect();
    assert!(to.right() <= 1100.0, "the `to` field is cut off: {to:?}");
}

/// While the new-relation dialog works on the selection (its evidence), the
/// tagging pop-up stays away: it would cover the dialog's Source field.
#[test]
fn the_tag_popup_gives_way_to_the_relation_dialog() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("work.warraq.ron");
    std::fs::copy(sample_path(), &path).unwrap();
    let mut harness = harness_on(&path, true);
    let word = nth_range(&harness, "سوريا", 0);
    select(&mut harness, word);
    assert!(
        harness.query_by_label("Evidence (E)").is_some(),
        "pop-up shown"
    );
    press(&mut harness, Modifiers::NONE, Key::R);
    assert!(harness.state().relations().dialog.is_some());
    assert!(
        harness.query_by_label("Evidence (E)").is_none(),
        "the pop-up is hidden while the dialog is open"
    );
    harness.key_press(Key::Escape);
    harness.run_steps(3);
    assert!(harness.state().relations().dialog.is_none());
}
