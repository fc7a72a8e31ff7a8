//! The codebook as a table (sorted, filtered in Arabic, several actors merged
//! or deleted at once), the right-click menus of the reader and the
//! relations table, a claim's passage marked as a direct quote, and the
//! codebook exported as CSV and read back by pandas.

use crate::common::WindowTesting;
use crate::common::{sample_path, warraq};
use crate::window::{harness_on, press, screen_rects};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use warraq::model::{ActorId, Speech, Tag};
use warraq::store;
use warraq::ui::WarraqApp;

fn sample_copy(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("codebook.warraq.ron");
    std::fs::copy(sample_path(), &path).unwrap();
    path
}

fn open_codebook(harness: &mut Harness<'_, WarraqApp>) {
    harness
        .get_by_role_and_label(egui::Role::Button, "Codebook")
        .click();
    harness.run_steps(4);
}

/// The codebook's actor rows on screen, top to bottom, by name.
fn actor_rows(harness: &Harness<'_, WarraqApp>) -> Vec<String> {
    let mut rows: Vec<(f32, String)> = harness
        .query_all_by_label_contains("Actor: ")
        .filter(|n| n.accesskit_node().role() == egui::accesskit::Role::Row)
        .map(|n| {
            let label = n.accesskit_node().label().unwrap_or_default();
            (
                n.rect().top(),
                label.trim_start_matches("Actor: ").to_owned(),
            )
        })
        .collect();
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    rows.into_iter().map(|(_, name)| name).collect()
}

/// Filters the table to `name`, ticks its row, and clears the filter.
fn tick(harness: &mut Harness<'_, WarraqApp>, name: &str) {
    filter(harness, name);
    harness
        .get_by_role_and_label(egui::Role::CheckBox, &format!("Select {name}"))
        .click();
    harness.run_steps(3);
    filter(harness, "");
}

fn filter(harness: &mut Harness<'_, WarraqApp>, text: &str) {
    harness.get_by_label("Filter the codebook").focus();
    harness.run_steps(2);
    press(harness, Modifiers::COMMAND, Key::A);
    press(harness, Modifiers::NONE, Key::Backspace);
    if !text.is_empty() {
        harness.get_by_label("Filter the codebook").type_text(text);
    }
    harness.run_steps(4);
}

/// Saves to `path` and waits for the background save to finish.
fn save(harness: &mut Harness<'_, WarraqApp>) {
    press(harness, Modifiers::COMMAND, Key::S);
    harness.state_mut().wait_for_save();
    harness.run_steps(2);
}

fn check_passes(path: &std::path::Path) {
    let output = warraq().arg("check").arg(path).output().unwrap();
    assert!(
        output.status.success(),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn the_codebook_table_filters_in_arabic_and_sorts_by_mentions() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness_on(&sample_copy(dir.path()), false);
    open_codebook(&mut harness);
    let project = harness.project().clone();
    assert!(!actor_rows(&harness).is_empty(), "the table lists actors");

    // Written with a vowel mark the names do not carry: folding still finds it.
    filter(&mut harness, "بُوتين");
    let putin = project.actor(&ActorId::from("act-putin")).unwrap();
    assert_eq!(actor_rows(&harness), vec![putin.name.clone()]);

    filter(&mut harness, "");
    // Twice: most mentions first.
    for _ in 0..2 {
        harness
            .get_by_role_and_label(egui::Role::Button, "Sort by Mentions")
            .click();
        harness.run_steps(3);
    }
    let rows = warraq::model::codebook::actor_rows(&project);
    let most = (0..project.actors.len())
        .max_by_key(|&i| (rows[i].mentions, std::cmp::Reverse(i)))
        .unwrap();
    assert_eq!(actor_rows(&harness)[0], project.actors[most].name);
    let least = (0..project.actors.len())
        .min_by_key(|&i| rows[i].mentions)
        .unwrap();
    assert_ne!(rows[most].mentions, rows[least].mentions);
}

#[test]
fn two_actors_are_merged_from_the_codebook_table() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_copy(dir.path());
    let mut harness = harness_on(&path, false);
    let before = harness.project().clone();
    let saved_before = std::fs::read(&path).unwrap();
    let (keep, gone): (ActorId, ActorId) = ("act-quartet".into(), "act-saudi".into());
    let keep_name = before.actor(&keep).unwrap().name.clone();
    let gone_name = before.actor(&gone).unwrap().name.clone();
    let moved = before
        .highlights
        .iter()
        .filter(|h| h.tag == Tag::Actor(gone.clone()))
        .count();
    assert!(moved > 0);
    open_codebook(&mut harness);
    tick(&mut harness, &keep_name);
    tick(&mut harness, &gone_name);
    harness.get_by_label("Merge selected…").click();
    harness.run_steps(3);
    harness
        .get_by_role_and_label(egui::Role::RadioButton, &format!("Keep {keep_name}"))
        .click();
    harness.run_steps(2);
    harness
        .get_by_role_and_label(egui::Role::Button, "Merge")
        .click();
    harness.run_steps(3);

    let project = harness.project().clone();
    assert!(project.actor(&gone).is_none());
    let kept = project.actor(&keep).unwrap();
    assert!(kept.aliases.contains(&gone_name), "{:?}", kept.aliases);
    let before_kept = before
        .highlights
        .iter()
        .filter(|h| h.tag == Tag::Actor(keep.clone()))
        .count();
    let now = project
        .highlights
        .iter()
        .filter(|h| h.tag == Tag::Actor(keep.clone()))
        .count();
    assert_eq!(now, before_kept + moved, "the mentions moved");
    assert!(project.validate().is_empty());
    save(&mut harness);
    check_passes(&path);

    // One undo takes the merge back, to the byte.
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(*harness.project(), before);
    save(&mut harness);
    assert_eq!(std::fs::read(&path).unwrap(), saved_before);
}

#[test]
fn several_actors_are_deleted_from_the_table_after_saying_what_goes_with_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_copy(dir.path());
    let mut harness = harness_on(&path, false);
    let before = harness.project().clone();
    let saved_before = std::fs::read(&path).unwrap();
    let ids: Vec<ActorId> = vec!["act-putin".into(), "act-hook".into()];
    open_codebook(&mut harness);
    for id in &ids {
        let name = before.actor(id).unwrap().name.clone();
        tick(&mut harness, &name);
    }
    harness.get_by_label("Delete selected…").click();
    harness.run_steps(3);
    let dependents = warraq::model::edit::ActorDependents::of_all(&before, &ids);
    assert!(dependents.any());
    harness
        .get_by_label_contains(&format!("{} mention(s)", dependents.mentions))
        .rect();
    // Cancel first: nothing changes.
    harness.get_by_label("Cancel").click();
    harness.run_steps(3);
    assert_eq!(*harness.project(), before);

    harness.get_by_label("Delete selected…").click();
    harness.run_steps(3);
    harness
        .get_by_label("Delete them and what depends on them")
        .click();
    harness.run_steps(3);
    let project = harness.project().clone();
    for id in &ids {
        assert!(project.actor(id).is_none());
        assert!(
            project
                .relations
                .iter()
                .all(|r| &r.source != id && &r.target != id)
        );
        assert!(
            project
                .claims
                .iter()
                .all(|c| c.speaker.as_ref() != Some(id))
        );
    }
    assert!(project.validate().is_empty(), "no dangling reference");
    save(&mut harness);
    check_passes(&path);
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(*harness.project(), before);
    save(&mut harness);
    assert_eq!(std::fs::read(&path).unwrap(), saved_before);
}

#[test]
fn the_claims_table_deletes_a_selection_of_claims_with_their_highlights() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness_on(&sample_copy(dir.path()), false);
    let before = harness.project().clone();
    open_codebook(&mut harness);
    harness
        .get_by_role_and_label(egui::Role::Button, "Claims table")
        .click();
    harness.run_steps(3);
    let gone = before.claims[3].clone();
    tick(&mut harness, before.claim_text(&gone));
    harness.get_by_label("Delete selected…").click();
    harness.run_steps(3);
    harness.get_by_label("Delete the claims").click();
    harness.run_steps(3);
    let project = &harness.project();
    assert!(project.claim(&gone.id).is_none());
    assert!(
        project
            .highlights
            .iter()
            .all(|h| h.tag != Tag::Claim(gone.id.clone()))
    );
    assert_eq!(project.claims.len(), before.claims.len() - 1);
}

/// Right-clicks the middle of highlight `id` in the left pane.
fn right_click_highlight(harness: &mut Harness<'_, WarraqApp>, id: &str) {
    let project = harness.project().clone();
    let h = project.highlight(&id.into()).unwrap();
    harness.jump_to(0, h.span.range());
    harness.run_steps(90);
    let rect = screen_rects(harness, h.span.range())[0];
    harness.hover_at(rect.center());
    harness.event(egui::Event::PointerButton {
        pos: rect.center(),
        button: egui::PointerButton::Secondary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    harness.event(egui::Event::PointerButton {
        pos: rect.center(),
        button: egui::PointerButton::Secondary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    harness.run_steps(3);
}

fn claim_highlight(harness: &Harness<'_, WarraqApp>) -> warraq::model::Highlight {
    let window = harness.state();
    let article = window.panes()[0].article.clone().unwrap();
    window
        .app()
        .document()
        .project()
        .highlights
        .iter()
        .find(|h| h.article == article && matches!(h.tag, Tag::Claim(_)))
        .unwrap()
        .clone()
}

#[test]
fn a_claims_passage_is_marked_as_a_direct_quote_with_a_note_from_its_menu() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_copy(dir.path());
    let mut harness = harness_on(&path, false);
    let saved_before = std::fs::read(&path).unwrap();
    let highlight = claim_highlight(&harness);
    right_click_highlight(&mut harness, highlight.id.as_str());
    assert_eq!(
        harness.state().panes()[0]
            .reader
            .selected_highlight
            .as_ref(),
        Some(&highlight.id),
        "the right-clicked highlight is selected"
    );
    harness.get_by_label("Note, quote or paraphrase…").click();
    harness.run_steps(3);
    harness
        .get_by_role_and_label(egui::Role::RadioButton, "direct quote")
        .click();
    harness.run_steps(2);
    harness.get_by_label("Highlight note").focus();
    harness.run_steps(2);
    harness
        .get_by_label("Highlight note")
        .type_text("بين علامتي تنصيص");
    harness.run_steps(2);
    harness.get_by_label("Save changes").click();
    harness.run_steps(3);
    let project = &harness.project();
    let edited = project.highlight(&highlight.id).unwrap();
    assert_eq!(edited.speech, Some(Speech::Quote));
    assert_eq!(edited.note, "بين علامتي تنصيص");
    assert_eq!(edited.span, highlight.span);
    save(&mut harness);
    check_passes(&path);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("speech: Quote"), "written to the file");
    let rows = warraq::model::codebook::claim_rows(&store::load(&path).unwrap().project);
    assert_eq!(rows.iter().map(|r| r.quotes).sum::<usize>(), 1);
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    save(&mut harness);
    assert_eq!(std::fs::read(&path).unwrap(), saved_before);
}

#[test]
fn a_highlight_is_deleted_and_its_actor_opened_from_its_right_click_menu() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness_on(&sample_copy(dir.path()), false);
    let article = harness.state().panes()[0].article.clone().unwrap();
    let mention = harness
        .state()
        .app()
        .document()
        .project()
        .highlights
        .iter()
        .find(|h| h.article == article && matches!(h.tag, Tag::Actor(_)))
        .unwrap()
        .clone();
    right_click_highlight(&mut harness, mention.id.as_str());
    harness.get_by_label("Edit the actor…").click();
    harness.run_steps(3);
    assert!(
        harness.state().editor().is_some(),
        "the actor's editor opened"
    );
    harness.get_by_label("Cancel").click();
    harness.run_steps(3);

    right_click_highlight(&mut harness, mention.id.as_str());
    // The menu shows the key that does the same.
    harness.get_by_label("Delete the highlight Delete").click();
    harness.run_steps(3);
    assert!(
        harness
            .state()
            .app()
            .document()
            .project()
            .highlight(&mention.id)
            .is_none()
    );
}

#[test]
fn a_relation_row_is_duplicated_and_deleted_from_its_right_click_menu() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness_on(&sample_copy(dir.path()), true);
    let before = harness.project().clone();
    let relation = before.relations[0].clone();
    let label = format!("Relation: {}", before.relation_words(&relation));
    harness
        .get_by_role_and_label(egui::Role::Row, &label)
        .click_secondary();
    harness.run_steps(3);
    assert_eq!(
        harness.state().relations().selected.as_ref(),
        Some(&relation.id)
    );
    harness.get_by_label("Duplicate").click();
    harness.run_steps(3);
    assert_eq!(
        harness.project().relations.len(),
        before.relations.len() + 1
    );
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    harness.run_steps(3);

    // The copy was brought into view at the end of the table: back to the row.
    harness
        .get_by_role_and_label(egui::Role::Row, &label)
        .scroll_to_me();
    harness.run_steps(3);
    harness
        .get_by_role_and_label(egui::Role::Row, &label)
        .click_secondary();
    harness.run_steps(3);
    harness.get_by_label("Delete…").click();
    harness.run_steps(3);
    harness.get_by_label("Yes, delete").click();
    harness.run_steps(3);
    assert!(
        harness
            .state()
            .app()
            .document()
            .project()
            .relation(&relation.id)
            .is_none()
    );
}

#[test]
fn the_codebook_csv_is_read_by_pandas_with_arabic_names_and_counts() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("codebook.csv");
    let status = warraq()
        .args(["export", "--format", "codebook-csv", "-o"])
        .arg(&out)
        .arg(sample_path())
        .status()
        .unwrap();
    assert!(status.success());
    let project = store::load(&sample_path()).unwrap().project;
    let rows = warraq::model::codebook::actor_rows(&project);
    let tamim = project
        .actors
        .iter()
        .position(|a| a.id.as_str() == "act-tamim")
        .unwrap();
    let script = format!(
        "import pandas as pd\n\
         df = pd.read_csv({:?}, encoding='utf-8-sig', keep_default_na=False)\n\
         row = df[df.actor_id == 'act-tamim'].iloc[0]\n\
         print(len(df)); print(row['name']); print(row['mentions']); print(row['relations']); print(row['first_article_date'])",
        out.to_str().unwrap()
    );
    let Some(stdout) = crate::common::python(&script) else {
        return;
    };
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines[0], project.actors.len().to_string());
    assert_eq!(lines[1], project.actors[tamim].name);
    assert_eq!(lines[2], rows[tamim].mentions.to_string());
    assert_eq!(lines[3], rows[tamim].relations.to_string());
    assert_eq!(
        lines[4],
        rows[tamim].first.map(|d| d.to_string()).unwrap_or_default()
    );
}

#[test]
fn import_text_can_keep_the_headline_in_the_body_to_code_it() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("2017-11-20-call.txt");
    std::fs::write(&text, "اتصال بين تميم وبوتين\n\nأجرى أمير قطر اتصالا.\n").unwrap();
    let project = dir.path().join("p.warraq.ron");
    let status = warraq()
        .args(["import-text", "--headline-in-body"])
        .arg(&project)
        .arg(&text)
        .status()
        .unwrap();
    assert!(status.success());
    let loaded = store::load(&project).unwrap().project;
    let article = &loaded.articles[0];
    assert_eq!(article.title, "اتصال بين تميم وبوتين");
    assert!(
        article.body.starts_with("اتصال بين تميم وبوتين\n"),
        "{:?}",
        article.body
    );
}

#[test]
fn a_highlights_span_is_changed_by_selecting_its_new_extent_and_right_clicking() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness_on(&sample_copy(dir.path()), false);
    let article = harness.state().panes()[0].article.clone().unwrap();
    let h = harness
        .state()
        .app()
        .document()
        .project()
        .highlights
        .iter()
        .find(|h| h.article == article && h.quote.chars().count() > 6 && !h.quote.ends_with(' '))
        .unwrap()
        .clone();
    // One character shorter at its end.
    let shorter = h.span.start..h.span.end - 1;
    crate::window::select_chars(&mut harness, shorter.clone());
    let rects = screen_rects(&harness, shorter.clone());
    let inside = rects[0].center();
    harness.hover_at(inside);
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos: inside,
            button: egui::PointerButton::Secondary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    harness.run_steps(3);
    assert_eq!(
        harness.state().panes()[0].reader.selection(),
        Some(shorter.clone()),
        "a right-click keeps the selection"
    );
    harness
        .get_by_label("Make the highlight here cover the selection")
        .click();
    harness.run_steps(3);
    let project = &harness.project();
    let resized = project.highlight(&h.id).unwrap();
    assert_eq!(resized.span.range(), shorter);
    assert!(h.quote.starts_with(&resized.quote));
    assert!(project.validate().is_empty());
}
