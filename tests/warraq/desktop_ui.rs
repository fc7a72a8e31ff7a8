//! Behaving like a desktop program: closing with unsaved changes asks first.

use crate::common::WindowTesting;
use crate::common::sample_path;
use crate::window::{harness_for, harness_on};
use egui::{ViewportCommand, ViewportEvent, ViewportId};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use warraq::app::Action;
use warraq::model::edit::Edit;
use warraq::ui::WarraqApp;

fn request_close(harness: &mut Harness<'_, WarraqApp>) {
    harness
        .input_mut()
        .viewports
        .entry(ViewportId::ROOT)
        .or_default()
        .events
        .push(ViewportEvent::Close);
    harness.step();
}

fn sent(harness: &Harness<'_, WarraqApp>, command: &ViewportCommand) -> bool {
    harness
        .output()
        .viewport_output
        .get(&ViewportId::ROOT)
        .is_some_and(|v| v.commands.contains(command))
}

#[test]
fn closing_a_clean_project_just_closes() {
    let mut harness = harness_on(&sample_path(), false);
    request_close(&mut harness);
    assert!(!sent(&harness, &ViewportCommand::CancelClose));
    assert!(!harness.state().unsaved_prompt());
}

#[test]
fn closing_with_unsaved_changes_asks_and_cancel_keeps_the_window() {
    let mut harness = harness_on(&sample_path(), false);
    harness.apply(Action::Edit(Edit::SetTitle("عنوان جديد".to_owned())));
    harness.run_steps(2);
    assert!(harness.document().is_dirty());
    request_close(&mut harness);
    assert!(
        sent(&harness, &ViewportCommand::CancelClose),
        "the close is held back"
    );
    harness.run_steps(2);
    assert!(harness.query_by_label("Discard changes").is_some());
    harness.get_by_label("Cancel").click();
    harness.run_steps(2);
    assert!(!harness.state().unsaved_prompt());
    assert!(harness.document().is_dirty(), "nothing was lost or saved");
}

/// A copy of the sample with an unsaved new title, and the window asked to close.
fn closing_with_a_new_title(
    dir: &std::path::Path,
) -> (std::path::PathBuf, Harness<'static, WarraqApp>) {
    let path = dir.join("p.warraq.ron");
    std::fs::copy(sample_path(), &path).unwrap();
    let mut harness = harness_on(&path, false);
    harness.apply(Action::Edit(Edit::SetTitle("عنوان جديد".to_owned())));
    request_close(&mut harness);
    harness.run_steps(2);
    (path, harness)
}

#[test]
fn save_from_the_prompt_saves_then_closes() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut harness) = closing_with_a_new_title(dir.path());
    harness.get_by_label("Save first").click();
    harness.step();
    assert!(sent(&harness, &ViewportCommand::Close));
    assert_eq!(
        warraq::store::load(&path).unwrap().project.title,
        "عنوان جديد"
    );
}

#[test]
fn discard_closes_without_saving() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut harness) = closing_with_a_new_title(dir.path());
    harness.get_by_label("Discard changes").click();
    harness.step();
    assert!(sent(&harness, &ViewportCommand::Close));
    assert_ne!(
        warraq::store::load(&path).unwrap().project.title,
        "عنوان جديد"
    );
}

/// A file as the window system hands it over when dropped.
#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn dropping_a_text_file_imports_it_and_a_project_opens_it() {
    let mut harness = harness_on(&sample_path(), false);
    let seed = crate::common::repo_path("tests/data/2020-07-26-qatar-us-milley.txt");
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(seed)));
    harness.run_steps(2);
    // Read, then shown for checking before it is added: the sample holds
    // this text already, so it is offered unticked, and kept when ticked.
    harness.state_mut().wait_for_import();
    harness.run_steps(2);
    assert!(
        harness
            .query_all_by_label_contains("1 duplicate(s) of articles already there")
            .next()
            .is_some()
    );
    harness
        .get_by_label("Add 2020-07-26-qatar-us-milley.txt")
        .click();
    harness.run_steps(2);
    harness.get_by_label("Add 1 article(s)").click();
    harness.run_steps(2);
    assert_eq!(harness.project().articles.len(), 3);
    // With unsaved changes a dropped project is not opened over them.
    let other = tempfile::tempdir().unwrap();
    let other_path = other.path().join("other.warraq.ron");
    warraq::store::save(&crate::common::tiny_project(), &other_path, None).unwrap();
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(other_path.clone())));
    harness.run_steps(2);
    assert_eq!(harness.project().articles.len(), 3);
    harness.apply(Action::Undo);
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(other_path.clone())));
    harness.run_steps(2);
    assert_eq!(harness.document().path(), Some(other_path.as_path()));
}

/// Answers the file dialogs as a user would have.
#[derive(Default)]
struct Answers {
    open: Option<std::path::PathBuf>,
    save_as: Option<std::path::PathBuf>,
    texts: Vec<std::path::PathBuf>,
    export: Option<std::path::PathBuf>,
}

impl warraq::ui::files::Dialogs for Answers {
    fn pick_project(&self) -> Option<std::path::PathBuf> {
        self.open.clone()
    }

    fn save_project_as(
        &self,
        _: Option<&std::path::Path>,
        _suggested_name: &str,
    ) -> Option<std::path::PathBuf> {
        self.save_as
            .clone()
            .map(warraq::ui::files::with_project_extension)
    }

    fn pick_texts(&self) -> Vec<std::path::PathBuf> {
        self.texts.clone()
    }

    fn save_export(
        &self,
        _suggested_name: &str,
        _format: warraq::exchange::Format,
    ) -> Option<std::path::PathBuf> {
        self.export.clone()
    }

    fn save_picture(&self, _suggested_name: &str, extension: &str) -> Option<std::path::PathBuf> {
        self.export.clone().map(|p| p.with_extension(extension))
    }
}

fn empty_window(answers: Answers) -> Harness<'static, WarraqApp> {
    harness_for(WarraqApp::new(warraq::app::App::default()).with_dialogs(Box::new(answers)))
}

#[test]
fn first_run_import_then_save_as_then_reopen_from_recent() {
    let dir = tempfile::tempdir().unwrap();
    let seed = crate::common::repo_path("tests/data/2017-11-20-tamim-putin-call.txt");
    let mut harness = empty_window(Answers {
        open: None,
        save_as: Some(dir.path().join("gulf")),
        texts: vec![seed],
        ..Default::default()
    });
    assert!(
        harness.query_by_label("Open a project…").is_some(),
        "an empty start offers the first steps"
    );
    harness.get_by_label("Import articles…").click();
    harness.run_steps(3);
    // The file is read and shown for checking; nothing is added until asked.
    harness.state_mut().wait_for_import();
    harness.run_steps(2);
    assert!(harness.project().articles.is_empty());
    harness.get_by_label("Add 1 article(s)").click();
    harness.run_steps(3);
    assert_eq!(harness.project().articles.len(), 1);
    assert!(harness.document().is_dirty());

    // Ctrl+S on a project that has no file yet asks where: Save As.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run_steps(3);
    // Written on another thread: the window goes on meanwhile.
    harness.state_mut().wait_for_save();
    harness.run_steps(2);
    let saved = dir.path().join("gulf.warraq.ron");
    assert_eq!(harness.document().path(), Some(saved.as_path()));
    assert!(!harness.document().is_dirty());
    assert_eq!(
        harness
            .state()
            .recent()
            .first()
            .map(|p| p.file_name().unwrap().to_owned()),
        Some("gulf.warraq.ron".into())
    );

    // Ctrl+N starts over; File > Open Recent brings the project back.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    harness.run_steps(3);
    assert!(harness.project().articles.is_empty());
    harness.get_by_label("File").click();
    harness.run_steps(2);
    harness.get_by_label("Open Recent").hover();
    harness.run_steps(2);
    harness
        .get_by_role_and_label(egui::Role::Button, "gulf.warraq.ron")
        .click();
    harness.run_steps(3);
    assert_eq!(harness.project().articles.len(), 1);
}

#[test]
fn new_with_unsaved_changes_asks_first() {
    let mut harness = harness_on(&sample_path(), false);
    harness.apply(Action::Edit(Edit::SetTitle("x".to_owned())));
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    harness.run_steps(3);
    assert!(harness.state().unsaved_prompt());
    assert_eq!(harness.project().title, "x", "nothing replaced yet");
    harness.get_by_label("Discard changes").click();
    harness.run_steps(3);
    assert!(harness.project().articles.is_empty());
}

#[test]
fn a_project_that_fails_to_load_says_where_and_offers_another() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.warraq.ron");
    std::fs::write(
        &bad,
        "(format: \"warraq-project\", version: 1, project: (title: 3))",
    )
    .unwrap();
    let mut harness = empty_window(Answers {
        open: Some(bad.clone()),
        save_as: None,
        texts: Vec::new(),
        ..Default::default()
    });
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    harness.run_steps(3);
    let error = harness.state().load_error().expect("the error is shown");
    assert!(error.contains(&format!("{}:1:", bad.display())), "{error}");
    assert!(harness.query_by_label("Open another…").is_some());
    harness.get_by_label("Close").click();
    harness.run_steps(2);
    assert!(harness.state().load_error().is_none());
}

fn with_recovery(
    path: &std::path::Path,
    recovery: &std::path::Path,
) -> Harness<'static, WarraqApp> {
    let app = warraq::app::App::open(path).unwrap();
    let store = warraq::store::recovery::RecoveryStore::new(recovery);
    let window =
        WarraqApp::new(app).with_autosave(warraq::ui::autosave::Autosave::new(store).inline(0.0));
    harness_for(window)
}

fn recovery_files(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |entries| {
        entries
            .filter(|e| {
                e.as_ref()
                    .is_ok_and(|e| e.file_name().to_string_lossy().ends_with(".warraq.ron"))
            })
            .count()
    })
}

#[test]
fn unsaved_work_survives_a_crash_and_is_offered_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.warraq.ron");
    let recovery = dir.path().join("recovery");
    std::fs::copy(sample_path(), &path).unwrap();

    let mut session = with_recovery(&path, &recovery);
    assert!(
        session.state().recovery_offer().is_none(),
        "nothing to offer after a clean exit"
    );
    session.apply(Action::Edit(Edit::SetTitle("عمل غير محفوظ".to_owned())));
    session.run_steps(2);
    assert_eq!(
        recovery_files(&recovery),
        1,
        "a recovery copy is written while there are unsaved changes"
    );
    assert_ne!(
        warraq::store::load(&path).unwrap().project.title,
        "عمل غير محفوظ",
        "never over the real file"
    );
    drop(session); // the process dies without saving

    let mut next = with_recovery(&path, &recovery);
    assert!(next.state().recovery_offer().is_some());
    assert!(next.query_by_label("Restore it").is_some());
    next.get_by_label("Restore it").click();
    next.run_steps(3);
    assert_eq!(next.project().title, "عمل غير محفوظ");
    assert!(
        next.document().is_dirty(),
        "restored work is not saved until the user saves"
    );
    next.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    next.run_steps(3);
    next.state_mut().wait_for_save();
    // The next frame sees the project saved and forgets its recovery copy.
    next.run_steps(2);
    assert_eq!(
        warraq::store::load(&path).unwrap().project.title,
        "عمل غير محفوظ"
    );
    assert_eq!(
        recovery_files(&recovery),
        0,
        "a saved project needs no recovery copy"
    );
}

#[test]
fn a_recovery_copy_can_be_discarded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.warraq.ron");
    let recovery = dir.path().join("recovery");
    std::fs::copy(sample_path(), &path).unwrap();
    let mut session = with_recovery(&path, &recovery);
    session.apply(Action::Edit(Edit::SetTitle("x".to_owned())));
    session.run_steps(2);
    drop(session);
    let mut next = with_recovery(&path, &recovery);
    next.get_by_label("Discard it").click();
    next.run_steps(2);
    assert!(next.state().recovery_offer().is_none());
    assert_ne!(next.project().title, "x");
    assert_eq!(recovery_files(&recovery), 0);
}

/// A valid project of about 20 MB, large enough to load on another thread.
fn large_project(path: &std::path::Path) {
    let mut project = crate::common::tiny_project();
    project.highlights.clear();
    project.articles[0]
        .set_body(&"وقطعت السعودية والإمارات والبحرين ومصر علاقاتها مع قطر.\n".repeat(200_000));
    warraq::store::save(&project, path, None).unwrap();
    assert!(std::fs::metadata(path).unwrap().len() > warraq::ui::BACKGROUND_LOAD_BYTES);
}

#[test]
fn a_large_project_loads_in_the_background_and_can_be_cancelled() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.warraq.ron");
    large_project(&big);
    let mut harness = empty_window(Answers {
        open: Some(big.clone()),
        save_as: None,
        texts: Vec::new(),
        ..Default::default()
    });
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    harness.step();
    assert!(
        harness.state().loading().is_some(),
        "the window keeps drawing while the file is read"
    );
    harness.step();
    assert!(
        harness
            .query_by_label_contains("Opening big.warraq.ron")
            .is_some()
    );
    harness.get_by_label("Cancel").click();
    harness.step();
    assert!(harness.state().loading().is_none());
    assert!(
        harness.document().path().is_none(),
        "cancelled: the project is as it was"
    );

    // Again, to the end this time: wait (bounded) for the reading thread.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    let start = std::time::Instant::now();
    while harness.document().path().is_none() && start.elapsed() < std::time::Duration::from_mins(1)
    {
        harness.step();
    }
    assert_eq!(harness.document().path(), Some(big.as_path()));
    assert!(harness.state().loading().is_none());
}

#[test]
fn the_theme_is_chosen_in_the_view_menu() {
    // (The window follows the system until then; the test harness starts dark.)
    let mut harness = harness_on(&sample_path(), false);
    harness.get_by_label("View").click();
    harness.run_steps(2);
    harness.get_by_label("Light").click();
    harness.run_steps(2);
    assert_eq!(
        harness.ctx.options(|o| o.theme_preference),
        egui::ThemePreference::Light
    );
    assert_eq!(harness.ctx.theme(), egui::Theme::Light);
}

#[test]
fn file_export_writes_in_the_background() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("relations.csv");
    let app = warraq::app::App::open(&sample_path()).unwrap();
    let window = WarraqApp::new(app).with_dialogs(Box::new(Answers {
        export: Some(out.clone()),
        ..Default::default()
    }));
    let mut harness = harness_for(window);
    harness.get_by_label("File").click();
    harness.run_steps(2);
    harness.get_by_label("Export").hover();
    harness.run_steps(2);
    harness.get_by_label("Relations as CSV").click();
    let start = std::time::Instant::now();
    harness.step();
    while harness.state().exporting() && start.elapsed() < std::time::Duration::from_secs(30) {
        harness.step();
    }
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        text.contains("الشيخ تميم بن حمد آل ثاني,phones,فلاديمير بوتين"),
        "{text}"
    );
    let notice = harness.state().app().notices.last().unwrap();
    assert!(
        !notice.is_error && notice.text.contains("relations.csv"),
        "{}",
        notice.text
    );
}

/// A read-only project is not replaced: the window says so and asks where to
/// keep the work instead.
#[cfg(unix)]
#[test]
fn saving_a_read_only_project_offers_save_as() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.warraq.ron");
    std::fs::copy(crate::common::sample_path(), &path).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read(&path).unwrap();
    let answers = Answers {
        save_as: Some(dir.path().join("mine")),
        ..Default::default()
    };
    let window =
        WarraqApp::new(warraq::app::App::open(&path).unwrap()).with_dialogs(Box::new(answers));
    let mut harness = harness_for(window);
    harness.apply(Action::Edit(Edit::SetTitle("نسختي".to_owned())));
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run_steps(2);
    harness.state_mut().wait_for_save();
    harness.run_steps(3);
    // The refusal offered Save As, which writes on another thread too.
    harness.state_mut().wait_for_save();
    harness.run_steps(1);
    let state = harness.state();
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the read-only file is untouched"
    );
    assert!(
        state
            .app()
            .notices
            .iter()
            .any(|n| n.is_error && n.text.contains("read-only")),
        "the window says why"
    );
    let copy = dir.path().join("mine.warraq.ron");
    assert_eq!(state.app().document().path(), Some(copy.as_path()));
    assert_eq!(warraq::store::load(&copy).unwrap().project.title, "نسختي");
    assert!(!state.app().document().is_dirty());
}

/// "Discard changes" then closing: the recovery copy written on the
/// background thread is gone before the window closes, so it is not offered
/// again next time (with the copy written in the background, as the app does).
#[test]
fn discarding_forgets_the_recovery_copy_before_the_window_closes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.warraq.ron");
    let recovery = dir.path().join("recovery");
    std::fs::copy(sample_path(), &path).unwrap();
    let app = warraq::app::App::open(&path).unwrap();
    let store = warraq::store::recovery::RecoveryStore::new(&recovery);
    let window = WarraqApp::new(app)
        .with_autosave(warraq::ui::autosave::Autosave::new(store.clone()).every(0.0));
    let mut harness = harness_for(window);
    harness.apply(Action::Edit(Edit::SetTitle("لن يحفظ".to_owned())));
    harness.run_steps(3);
    request_close(&mut harness);
    harness.run_steps(2);
    harness.get_by_label("Discard changes").click();
    harness.step();
    assert!(sent(&harness, &ViewportCommand::Close));
    assert_eq!(recovery_files(&recovery), 0, "nothing left to offer");
    assert!(store.find(Some(&path)).is_none());
}

/// File ▸ Import… reads a colleague's REFI-QDA project into the window in
/// one undoable step and says what came in; File ▸ Export writes a brat folder.
#[test]
fn a_qdpx_is_imported_from_the_file_menu_and_a_brat_folder_exported() {
    let dir = tempfile::tempdir().unwrap();
    let qdpx = dir.path().join("colleague.qdpx");
    let status = crate::common::warraq()
        .args(["export", "--format", "qdpx", "-o"])
        .arg(&qdpx)
        .arg(crate::common::sample_path())
        .status()
        .unwrap();
    assert!(status.success());
    let brat = dir.path().join("for-inception");
    let mut harness = empty_window(Answers {
        texts: vec![qdpx],
        export: Some(brat.clone()),
        ..Default::default()
    });
    harness.get_by_label("File").click();
    harness.run_steps(2);
    harness.get_by_label("Import…").click();
    harness.run_steps(3);
    let sample = warraq::store::load(&crate::common::sample_path())
        .unwrap()
        .project;
    let project = harness.project().clone();
    assert_eq!(project.articles.len(), sample.articles.len());
    assert_eq!(project.highlights.len(), sample.highlights.len());
    assert_eq!(project.relations.len(), sample.relations.len());
    assert!(
        harness
            .query_all_by_label_contains("Imported 2 article(s)")
            .next()
            .is_some(),
        "the summary says what came in"
    );
    harness.get_by_label("Close").click();
    harness.run_steps(2);
    assert!(harness.state().app().last_import.is_none());

    harness.get_by_label("File").click();
    harness.run_steps(2);
    harness.get_by_label("Export").click();
    harness.run_steps(2);
    harness.get_by_label("brat / INCEpTION folder").click();
    harness.run_steps(2);
    harness.state_mut().wait_for_exports();
    let anns = std::fs::read_dir(&brat)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "ann")
        })
        .count();
    assert_eq!(anns, sample.articles.len());
    assert!(brat.join("annotation.conf").exists());

    // One undo takes the whole import back.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run_steps(2);
    assert!(harness.project().articles.is_empty());
}

/// A large single file is offered the folder layout; File ▸ Keep as a
/// folder of files… writes it without blocking the window, and the window
/// works on the folder from then on (a save writes into it).
#[test]
fn a_project_is_kept_as_a_folder_from_the_file_menu() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = empty_window(Answers {
        open: Some(sample_path()),
        save_as: Some(dir.path().join("gulf")),
        ..Default::default()
    });
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    harness.run_steps(3);
    harness.get_by_label("File").click();
    harness.run_steps(2);
    harness.get_by_label("Keep as a folder of files…").click();
    harness.run_steps(3);
    harness.state_mut().wait_for_save();
    harness.run_steps(2);
    let folder = dir.path().join("gulf").join("gulf.warraq.ron");
    assert_eq!(harness.document().path(), Some(folder.as_path()));
    assert!(!harness.document().is_dirty());
    assert!(dir.path().join("gulf").join("articles").is_dir());
    assert_eq!(
        harness
            .state()
            .recent()
            .first()
            .map(|p| p.ends_with("gulf/gulf.warraq.ron")),
        Some(true)
    );
    harness.apply(Action::Edit(Edit::SetTitle("مجلد".to_owned())));
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run_steps(3);
    harness.state_mut().wait_for_save();
    let reopened = warraq::store::load(&folder).unwrap();
    assert_eq!(reopened.project.title, "مجلد");
    assert_eq!(reopened.stamp.layout(), warraq::store::Layout::Folder);
    assert_eq!(
        reopened.project.articles,
        warraq::store::load(&sample_path())
            .unwrap()
            .project
            .articles
    );
}

/// A folder opened without its cache shows its first articles while the
/// rest is read: they can be read, not coded or saved; Cancel brings back
/// what was open; once it is read whole, the article being read stays open
/// and can be coded.
#[test]
fn a_project_still_being_read_can_be_read_but_not_coded_until_it_is_in() {
    use std::sync::Arc;
    use warraq::model::{Span, Tag};
    use warraq::store::{self, Layout, Progress};
    let dir = tempfile::tempdir().unwrap();
    let sample = store::load(&sample_path()).unwrap().project;
    let path = store::folder::project_file_for(&dir.path().join("p.warraq.ron"));
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    store::save_as(&sample, &path, Layout::Folder, None, false).unwrap();
    // The first part read: the second article, its highlights, no relations.
    let second = sample.articles[1].id.clone();
    let mut preview = sample.clone();
    preview.articles.retain(|a| a.id == second);
    preview.highlights.retain(|h| h.article == second);
    preview.relations.clear();
    let tag = Action::Edit(Edit::AddHighlight {
        article: second.clone(),
        span: Span::new(0, 4),
        tag: Tag::Actor(sample.actors[0].id.clone()),
    });

    let mut harness = harness_on(&sample_path(), false);
    let open = |harness: &mut Harness<'_, WarraqApp>| {
        let progress = Arc::new(Progress::default());
        *progress.preview.lock().unwrap() = Some(preview.clone());
        let (tx, rx) = std::sync::mpsc::channel();
        harness.state_mut().open_under_way(&path, 0, progress, rx);
        harness.run_steps(2);
        tx
    };
    let reading = open(&mut harness);
    assert_eq!(harness.project().articles.len(), 1, "the first part shown");
    assert_eq!(harness.state().panes()[0].article.as_ref(), Some(&second));
    assert!(
        harness
            .query_by_label_contains("coding waits until every article is in")
            .is_some()
    );
    let refusals = |harness: &Harness<'_, WarraqApp>| {
        harness
            .state()
            .app()
            .notices
            .iter()
            .filter(|n| n.text.contains("still being read"))
            .count()
    };
    harness.apply(tag.clone());
    harness.run_steps(2);
    assert_eq!(
        harness.project().highlights.len(),
        preview.highlights.len(),
        "nothing coded"
    );
    assert_eq!(refusals(&harness), 1, "and the analyst is told why");
    // Ctrl+S: no file dialog for a part of a project, the same reason.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run_steps(2);
    assert_eq!(refusals(&harness), 2);
    assert!(harness.document().path().is_none(), "nor saved anywhere");

    harness.get_by_label("Cancel").click();
    harness.run_steps(2);
    assert!(harness.state().loading().is_none());
    assert_eq!(harness.document().path(), Some(sample_path().as_path()));
    assert_eq!(harness.project(), &sample, "back as it was");
    drop(reading);

    let reading = open(&mut harness);
    reading.send(warraq::app::Opened::read(&path)).unwrap();
    harness.run_steps(2);
    assert!(harness.state().loading().is_none());
    assert_eq!(harness.document().path(), Some(path.as_path()));
    assert_eq!(harness.project(), &sample, "the whole project");
    assert_eq!(
        harness.state().panes()[0].article.as_ref(),
        Some(&second),
        "the article being read stays open"
    );
    harness.apply(tag);
    harness.run_steps(1);
    assert_eq!(
        harness.project().highlights.len(),
        sample.highlights.len() + 1
    );
}
