//! Changing the codebook once it is coded, through the window: an actor
//! renamed in Arabic with a new alias and kind, and an actor deleted with
//! what depends on it (asked first, undone whole).

use crate::common::WindowTesting;
use crate::common::sample_path;
use crate::window::{harness_on, press};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use warraq::model::Tag;
use warraq::model::edit::ActorDependents;

/// Right-click the list row called `row` and choose `item` from its menu.
fn from_menu(
    harness: &mut egui_kittest::Harness<'_, warraq::ui::WarraqApp>,
    row: &str,
    item: &str,
) {
    harness
        .get_by_role_and_label(egui::Role::ListItem, row)
        .click_secondary();
    harness.run_steps(3);
    harness.get_by_label(item).click();
    harness.run_steps(3);
}

fn sample_copy(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("codebook.warraq.ron");
    std::fs::copy(sample_path(), &path).unwrap();
    path
}

#[test]
fn an_actor_is_renamed_in_arabic_given_an_alias_and_a_kind_from_the_registry() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness_on(&sample_copy(dir.path()), true);
    let before = harness.project().clone();
    let tamim = before
        .actors
        .iter()
        .find(|a| a.id.as_str() == "act-tamim")
        .unwrap()
        .clone();
    let mentions = before
        .highlights
        .iter()
        .filter(|h| h.tag == Tag::Actor(tamim.id.clone()))
        .count();
    from_menu(&mut harness, &tamim.name, "Edit…");
    assert!(harness.state().editor().is_some(), "the editor is open");

    // The name is replaced by typing Arabic; an alias is added on a new line.
    harness.get_by_label("Name").focus();
    harness.run_steps(2);
    press(&mut harness, Modifiers::COMMAND, Key::A);
    harness
        .get_by_label("Name")
        .type_text("الشيخ تميم بن حمد آل ثاني");
    harness.run_steps(2);
    harness.get_by_label("Aliases").focus();
    harness.run_steps(2);
    press(&mut harness, Modifiers::COMMAND, Key::A);
    let mut aliases = tamim.aliases.clone();
    aliases.push("أمير قطر".to_owned());
    for (i, alias) in aliases.iter().enumerate() {
        if i > 0 {
            press(&mut harness, Modifiers::NONE, Key::Enter);
        }
        harness.get_by_label("Aliases").type_text(alias);
        harness.run_steps(2);
    }
    harness.get_by_label("group").click();
    harness.run_steps(2);
    harness.get_by_label("Save changes").click();
    harness.run_steps(3);

    let project = &harness.project();
    let edited = project.actor(&tamim.id).expect("the same id");
    assert_eq!(edited.name, "الشيخ تميم بن حمد آل ثاني");
    assert_eq!(edited.kind, warraq::model::ActorKind::Group);
    assert!(
        edited.aliases.iter().any(|a| a == "أمير قطر"),
        "{:?}",
        edited.aliases
    );
    for alias in &tamim.aliases {
        assert!(edited.aliases.contains(alias), "kept {alias}");
    }
    let still = project
        .highlights
        .iter()
        .filter(|h| h.tag == Tag::Actor(tamim.id.clone()))
        .count();
    assert_eq!(still, mentions, "every mention still names the actor");
    assert!(project.validate().is_empty());

    // One undo takes the whole edit back.
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(*harness.project(), before);
}

#[test]
fn deleting_an_actor_from_the_registry_asks_first_then_takes_its_dependents() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness_on(&sample_copy(dir.path()), true);
    let before = harness.project().clone();
    let putin: warraq::model::ActorId = "act-putin".into();
    let name = before.actor(&putin).unwrap().name.clone();
    let dependents = ActorDependents::of(&before, &putin);
    assert!(dependents.any());
    from_menu(&mut harness, &name, "Delete…");
    // Asked first: nothing is gone yet, and Cancel keeps everything.
    assert!(harness.project().actor(&putin).is_some());
    harness.get_by_label("Cancel").click();
    harness.run_steps(3);
    assert_eq!(*harness.project(), before);

    from_menu(&mut harness, &name, "Delete…");
    harness
        .get_by_label("Delete it and what depends on it")
        .click();
    harness.run_steps(3);
    let project = &harness.project();
    assert!(project.actor(&putin).is_none());
    assert_eq!(
        ActorDependents::of(project, &putin),
        ActorDependents::default()
    );
    assert!(project.validate().is_empty(), "no dangling reference");
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(*harness.project(), before, "undo brings all back");
}

#[test]
fn a_claims_speaker_and_stance_are_changed_from_the_claims_list() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness_on(&sample_copy(dir.path()), true);
    // The third claim: the first two say the same words (two speakers).
    let claim = harness.project().claims[2].clone();
    harness.get_by_label("Claims").click();
    harness.run_steps(3);
    let words = harness.project().claim_text(&claim).to_owned();
    from_menu(&mut harness, &words, "Edit…");
    harness.get_by_label("Find speaker").focus();
    harness.run_steps(2);
    harness.get_by_label("Find speaker").type_text("بوتين");
    harness.run_steps(3);
    harness.get_by_label("speaker فلاديمير بوتين").click();
    harness.run_steps(2);
    harness
        .get_by_role_and_label(egui::Role::Button, "denies")
        .click();
    harness.run_steps(2);
    harness.get_by_label("Save changes").click();
    harness.run_steps(3);
    let project = &harness.project();
    let edited = project.claim(&claim.id).unwrap();
    assert_eq!(
        edited.speaker.as_ref().map(warraq::model::ActorId::as_str),
        Some("act-putin")
    );
    assert_eq!(edited.stance, warraq::model::Stance::Denies);
    assert_eq!(edited.concept, claim.concept);
}

#[test]
fn an_articles_outlet_and_date_are_edited_and_an_article_deleted_from_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness_on(&sample_copy(dir.path()), true);
    let before = harness.project().clone();
    let article = before.articles[1].clone();
    from_menu(&mut harness, &article.title, "Edit details…");
    harness.get_by_label("Outlet").focus();
    harness.run_steps(2);
    press(&mut harness, Modifiers::COMMAND, Key::A);
    harness.get_by_label("Outlet").type_text("وكالة الأناضول");
    harness.run_steps(2);
    // The date field is egui's own (Latin digits), labelled by its label.
    harness
        .get_by_role_and_label(egui::Role::TextInput, "Published:")
        .focus();
    harness.run_steps(2);
    press(&mut harness, Modifiers::COMMAND, Key::A);
    harness
        .get_by_role_and_label(egui::Role::TextInput, "Published:")
        .type_text("2020-07-27");
    harness.run_steps(2);
    harness.get_by_label("Save changes").click();
    harness.run_steps(3);
    let edited = harness
        .state()
        .app()
        .document()
        .project()
        .article(&article.id)
        .unwrap()
        .clone();
    assert_eq!(edited.outlet, "وكالة الأناضول");
    assert_eq!(
        edited.published.map(|d| d.to_string()).as_deref(),
        Some("2020-07-27")
    );
    assert_eq!(edited.body, article.body, "the body is never edited");

    from_menu(&mut harness, &article.title, "Delete…");
    harness.get_by_label("Delete the article").click();
    harness.run_steps(3);
    let project = &harness.project();
    assert!(project.article(&article.id).is_none());
    assert!(project.highlights.iter().all(|h| h.article != article.id));
    assert!(project.validate().is_empty());
}

/// After a new alias, "find other mentions" lists the places it names the
/// actor that are not highlighted yet — the new name included.
#[test]
fn saving_an_actor_can_list_the_mentions_its_new_name_finds() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness_on(&sample_copy(dir.path()), true);
    let putin: warraq::model::ActorId = "act-putin".into();
    let actor = harness
        .state()
        .app()
        .document()
        .project()
        .actor(&putin)
        .unwrap()
        .clone();
    let new_name = "التعاون";
    let before = warraq::model::search::unhighlighted_mentions(harness.project(), &putin).len();
    from_menu(&mut harness, &actor.name, "Edit…");
    harness.get_by_label("Aliases").focus();
    harness.run_steps(2);
    press(&mut harness, Modifiers::COMMAND, Key::A);
    let mut aliases = actor.aliases.clone();
    aliases.push(new_name.to_owned());
    for (i, alias) in aliases.iter().enumerate() {
        if i > 0 {
            press(&mut harness, Modifiers::NONE, Key::Enter);
        }
        harness.get_by_label("Aliases").type_text(alias);
        harness.run_steps(2);
    }
    harness.get_by_label("Save and find other mentions").click();
    harness.run_steps(3);
    let state = harness.state();
    assert!(state.editor().is_none());
    assert_eq!(state.sidebar().mentions_of.as_ref(), Some(&putin));
    assert!(
        state.sidebar().mentions.len() > before,
        "{} ≤ {before}",
        state.sidebar().mentions.len()
    );
    assert!(
        state
            .sidebar()
            .mentions
            .iter()
            .any(|hit| hit.context.contains(new_name))
    );
}
