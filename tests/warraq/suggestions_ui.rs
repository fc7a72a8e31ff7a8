//! The suggestions queue reviewed from the keyboard: accept (one undoable
//! edit), accept all of an actor's, reject; computed on another thread.

use crate::common::sample_path;
use crate::window::{harness_for, press};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use warraq::app::App;
use warraq::model::Tag;
use warraq::ui::WarraqApp;

/// The sample with every mention of Qatar and the United States uncoded,
/// the Suggestions tab open and computed.
fn queue() -> (tempfile::TempDir, Harness<'static, WarraqApp>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.warraq.ron");
    let mut project = warraq::store::load(&sample_path()).unwrap().project;
    project.highlights.retain(|h| {
        !matches!(&h.tag, Tag::Actor(a) if a.as_str() == "act-qatar" || a.as_str() == "act-usa")
    });
    project.relations.clear();
    warraq::store::save(&project, &path, None).unwrap();
    let harness = suggestions_of(&path);
    assert!(!harness.state().sidebar().suggestions.list().is_empty());
    (dir, harness)
}

/// The window on the project at `path` with the Suggestions tab open and
/// its computation (on another thread) waited for, then drawn.
fn suggestions_of(path: &std::path::Path) -> Harness<'static, WarraqApp> {
    let mut harness = harness_for(WarraqApp::new(App::open(path).unwrap()));
    harness.get_by_label("Suggestions").click();
    harness.run_steps(2);
    harness.state_mut().wait_for_suggestions();
    harness.run_steps(2);
    harness
}

/// The suggestion the queue has selected.
fn selected(harness: &Harness<'_, WarraqApp>) -> warraq::suggest::Suggestion {
    harness
        .state()
        .sidebar()
        .suggestions
        .selected()
        .unwrap()
        .clone()
}

/// The project's rejected suggestions.
fn rejections(harness: &Harness<'_, WarraqApp>) -> Vec<warraq::model::Rejection> {
    harness
        .state()
        .app()
        .document()
        .project()
        .rejections
        .to_vec()
}

fn qatar_mentions(harness: &Harness<'_, WarraqApp>) -> usize {
    harness
        .state()
        .app()
        .document()
        .project()
        .highlights
        .iter()
        .filter(|h| matches!(&h.tag, Tag::Actor(a) if a.as_str() == "act-qatar"))
        .count()
}

#[test]
fn enter_accepts_backspace_rejects_and_undo_takes_an_accept_back() {
    let (_dir, mut harness) = queue();
    let waiting = harness.state().sidebar().suggestions.list().len();
    let first = selected(&harness);
    let coded = harness.state().app().document().project().highlights.len();

    press(&mut harness, Modifiers::NONE, Key::Enter);
    harness.run_steps(3);
    let project = harness.state().app().document().project();
    assert_eq!(project.highlights.len(), coded + 1, "accepted");
    assert!(
        project
            .highlights
            .iter()
            .any(|h| h.span == first.span && h.tag == Tag::Actor(first.actor.clone()))
    );
    assert_eq!(
        harness.state().sidebar().suggestions.list().len(),
        waiting - 1
    );

    // Backspace rejects the next: nothing is coded, it leaves the queue.
    let next = selected(&harness);
    press(&mut harness, Modifiers::NONE, Key::Backspace);
    harness.run_steps(3);
    assert_eq!(
        harness.state().app().document().project().highlights.len(),
        coded + 1
    );
    assert!(!harness.state().sidebar().suggestions.list().contains(&next));
    // The rejection is kept in the project, and listed to review.
    let rejected = rejections(&harness);
    assert_eq!(rejected.len(), 1);
    assert_eq!(rejected[0].span, next.span);
    assert_eq!(rejected[0].actor, next.actor);
    assert!(harness.query_by_label_contains("Rejected (1)").is_some());

    // Saved and opened again: still rejected, in a version 6 file.
    press(&mut harness, Modifiers::COMMAND, Key::S);
    harness.state_mut().wait_for_save();
    let path = harness.state().app().document().path().unwrap().to_owned();
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("    version: 6,")
    );
    let reopened = suggestions_of(&path);
    let list = reopened.state().sidebar().suggestions.list();
    assert!(!list.contains(&next), "not offered after reopening");
    assert!(list.iter().all(|s| s.span != first.span), "coded");

    // Undo takes the rejection back (offered again), then the accept.
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    harness.run_steps(3);
    assert!(rejections(&harness).is_empty());
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    harness.run_steps(3);
    assert_eq!(
        harness.state().app().document().project().highlights.len(),
        coded
    );
    harness.run_steps(1);
    harness.state_mut().wait_for_suggestions();
    harness.run_steps(1);
    let list = harness.state().sidebar().suggestions.list();
    assert!(
        list.iter().any(|s| s.span == first.span),
        "offered again after undo"
    );
    assert!(
        list.iter()
            .any(|s| s.span == next.span && s.actor == next.actor),
        "the undone rejection is offered again"
    );
}

/// A rejection restored from the list under the queue is offered again, in
/// one undoable step.
#[test]
fn a_rejection_is_restored_from_the_list() {
    let (_dir, mut harness) = queue();
    let next = selected(&harness);
    press(&mut harness, Modifiers::NONE, Key::Backspace);
    harness.run_steps(3);
    harness.get_by_label_contains("Rejected (1)").click();
    harness.run_steps(2);
    harness.get_by_label("Restore").click();
    harness.run_steps(2);
    assert!(rejections(&harness).is_empty());
    harness.state_mut().wait_for_suggestions();
    harness.run_steps(1);
    assert!(harness.state().sidebar().suggestions.list().contains(&next));
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    assert_eq!(rejections(&harness).len(), 1);
}

#[test]
fn shift_enter_accepts_all_of_the_actors_suggestions_in_one_step() {
    let (_dir, mut harness) = queue();
    // Move to a Qatar suggestion with the keys.
    for _ in 0..50 {
        if harness
            .state()
            .sidebar()
            .suggestions
            .selected()
            .is_some_and(|s| s.actor.as_str() == "act-qatar")
        {
            break;
        }
        press(&mut harness, Modifiers::NONE, Key::ArrowDown);
        harness.run_steps(1);
    }
    let offered = harness
        .state()
        .sidebar()
        .suggestions
        .list()
        .iter()
        .filter(|s| s.actor.as_str() == "act-qatar")
        .count();
    assert!(offered >= 5, "{offered} Qatar suggestions");
    let before = qatar_mentions(&harness);
    press(&mut harness, Modifiers::SHIFT, Key::Enter);
    harness.run_steps(3);
    assert_eq!(qatar_mentions(&harness), before + offered);
    assert!(
        harness
            .state()
            .sidebar()
            .suggestions
            .list()
            .iter()
            .all(|s| s.actor.as_str() != "act-qatar")
    );
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    harness.run_steps(3);
    assert_eq!(
        qatar_mentions(&harness),
        before,
        "one undo takes them all back"
    );
    assert!(
        harness
            .query_all_by_label_contains("Suggestion: ")
            .next()
            .is_some(),
        "the rows are found by their role and label"
    );
}

/// Only the 2017 article coded: the Qatari foreign minister in the 2020
/// article is proposed as a new person (after «الشيخ», a title the 2017
/// coding opens names with); Enter makes the actor and tags the mention in
/// one step, and undo takes both back.
#[test]
fn a_new_actor_candidate_accepted_creates_the_actor_in_one_undoable_step() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.warraq.ron");
    let mut project = warraq::store::load(&sample_path()).unwrap().project;
    let later = warraq::model::ArticleId::from("art-2020-qatar-us-milley");
    let coded: std::collections::HashSet<_> = project
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
    // Registered: who the 2017 coding names, and who speaks in a claim.
    let speakers: Vec<_> = project
        .claims
        .iter()
        .flat_map(|c| [c.speaker.clone(), c.on_behalf_of.clone()])
        .flatten()
        .collect();
    project
        .actors
        .retain(|a| coded.contains(&a.id) || speakers.contains(&a.id));
    warraq::store::save(&project, &path, None).unwrap();
    let mut harness = suggestions_of(&path);
    let view = &harness.state().sidebar().suggestions;
    let first_new = view.list().len();
    let name = "الشيخ محمد بن عبدالرحمن آل ثاني".to_owned();
    let at = view
        .candidates()
        .iter()
        .position(|c| c.name == name)
        .expect("the Qatari foreign minister is proposed");
    for _ in 0..first_new + at {
        press(&mut harness, Modifiers::NONE, Key::ArrowDown);
    }
    let actors = harness.state().app().document().project().actors.len();
    press(&mut harness, Modifiers::NONE, Key::Enter);
    harness.run_steps(3);
    let project = harness.state().app().document().project();
    assert_eq!(project.actors.len(), actors + 1);
    let made = project
        .actors
        .iter()
        .find(|a| a.name == name)
        .expect("made");
    assert_eq!(made.kind, warraq::model::ActorKind::Person);
    assert!(
        project
            .highlights
            .iter()
            .any(|h| h.tag == Tag::Actor(made.id.clone()) && h.article == later)
    );
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    harness.run_steps(3);
    let project = harness.state().app().document().project();
    assert_eq!(project.actors.len(), actors, "one undo: the actor goes");
    assert!(!project.actors.iter().any(|a| a.name == name));
}

/// The buttons of a row take their clicks (the row's own click, which
/// shows the passage, lies beneath them).
#[test]
fn a_rows_buttons_accept_and_reject() {
    let (_dir, mut harness) = queue();
    let coded = harness.state().app().document().project().highlights.len();
    harness
        .get_all_by_label("Reject")
        .next()
        .expect("a row")
        .click();
    harness.run_steps(3);
    assert_eq!(rejections(&harness).len(), 1, "rejected by its button");
    harness
        .get_all_by_label("Accept")
        .next()
        .expect("a row")
        .click();
    harness.run_steps(3);
    assert_eq!(
        harness.state().app().document().project().highlights.len(),
        coded + 1,
        "accepted by its button"
    );
}

#[test]
fn a_passage_accepted_and_at_once_undone_is_offered_again() {
    let (_dir, mut harness) = queue();
    let first = selected(&harness);
    press(&mut harness, Modifiers::NONE, Key::Enter);
    harness.run_steps(1);
    assert!(
        !harness
            .state()
            .sidebar()
            .suggestions
            .list()
            .contains(&first)
    );
    // Undone before the queue was computed again: the revisions, and so what
    // the queue is keyed by, are back to those it was computed for.
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    harness.run_steps(1);
    harness.state_mut().wait_for_suggestions();
    harness.run_steps(1);
    assert!(
        harness
            .state()
            .sidebar()
            .suggestions
            .list()
            .contains(&first),
        "offered again after undo"
    );
}
