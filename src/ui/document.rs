//! The File menu's work: new, open, save, import (articles through the
//! preview, other tools' files at once), a colleague's copy, the file
//! changed on disk.

use super::intents::{Dialog, FileCommand, Intents};
use super::launcher::SAMPLE_PROJECT;
use super::pane::Pane;
use super::window::{BACKGROUND_LOAD_BYTES, Closing, Loading, PasteRequest, WarraqApp};
use super::{colleague, files, import_preview, relations};
use crate::app::{Action, Opened, Tone};
use crate::model::Project;
use std::path::{Path, PathBuf};

impl WarraqApp {
    pub(super) fn run_file_command(&mut self, command: FileCommand) {
        let dirty = self.app.document().is_dirty();
        match command {
            FileCommand::New if dirty => self.files.pending = Some(files::Pending::New),
            FileCommand::OpenSample if dirty => self.files.pending = Some(files::Pending::Sample),
            FileCommand::OpenSample => self.open_sample(),
            FileCommand::Quit => self.files.closing = Closing::Chosen,
            FileCommand::AgreementOfCopies => {
                self.choose_file(files::PathPurpose::AgreementOfCopies);
            }
            FileCommand::New => self.new_project(),
            FileCommand::Open if dirty => self.files.pending = Some(files::Pending::PickAndOpen),
            FileCommand::Open => self.choose_file(files::PathPurpose::Open),
            FileCommand::OpenRecent(path) if dirty => {
                self.files.pending = Some(files::Pending::Open(path));
            }
            FileCommand::OpenRecent(path) => self.open_project(&path),
            FileCommand::Save => self.save_in_background(),
            FileCommand::SaveAs => self.save_as(),
            FileCommand::SaveAsFolder => self.choose_file(files::PathPurpose::SaveAsFolder),
            FileCommand::Export(format) => self.export(format, None),
            FileCommand::ExportForColleague => {
                self.colleague.export_choice =
                    Some(colleague::ExportChoice::new(self.app.document().project()));
            }
            FileCommand::ImportText => self.choose_file(files::PathPurpose::ImportText),
            FileCommand::Import => self.choose_file(files::PathPurpose::Import),
            FileCommand::PasteArticle => self.files.paste = PasteRequest::Wanted,
            FileCommand::MergeColleague => self.choose_file(files::PathPurpose::MergeColleague),
            FileCommand::CompareColleague => {
                self.choose_file(files::PathPurpose::CompareColleague);
            }
        }
    }

    /// Reads a colleague's copy to merge or compare; a file that cannot be
    /// read is reported and the open project is left as it was.
    pub(super) fn load_colleague(&mut self, path: &std::path::Path, with: WithColleague) {
        let theirs = match crate::store::load(path) {
            Ok(loaded) => {
                for warning in &loaded.warnings {
                    self.app
                        .notice(format!("{}: {warning}", path.display()), Tone::Info);
                }
                loaded.project
            }
            Err(e) => {
                self.app
                    .notice(format!("not merged or compared: {e}"), Tone::Error);
                return;
            }
        };
        let name = theirs.exported.as_ref().map_or_else(
            || {
                path.file_name()
                    .map(|n| {
                        n.to_string_lossy()
                            .trim_end_matches(".warraq.ron")
                            .to_owned()
                    })
                    .unwrap_or_default()
            },
            |s| s.by.to_string(),
        );
        let mine = &self.app.document().project();
        if with == WithColleague::Merge {
            let revision = self.app.document().revision();
            self.colleague.merging =
                Some(colleague::MergeSession::new(name, mine, revision, theirs));
        } else {
            // In my terms, so the disagreements name its items as curation finds them.
            let theirs = crate::agreement::aligned(mine, &theirs);
            let agreement = crate::agreement::compare(mine, &theirs);
            self.colleague.comparison = Some(colleague::Comparison::new(name, theirs, agreement));
        }
    }

    /// Writes the adjudicated copy of the comparison to a new file, asked for.
    pub(super) fn save_curated(&mut self) {
        if self.colleague.comparison.is_some() {
            self.choose_file(files::PathPurpose::SaveCurated);
        }
    }

    pub(super) fn save_curated_to(&mut self, path: &Path) {
        let Some(comparison) = &self.colleague.comparison else {
            return;
        };
        if self
            .app
            .document()
            .path()
            .is_some_and(|open| crate::store::same_file(open, path))
        {
            self.app.notice(
                "the curated copy goes to a new file, not over the open project".to_owned(),
                Tone::Error,
            );
            return;
        }
        let result = crate::team::curation::curate(
            self.app.document().project(),
            &comparison.theirs,
            &comparison.agreement,
            &comparison.picks,
            &self.app.session.analyst,
        )
        .map_err(|e| e.to_string())
        .and_then(|curated| crate::store::save(&curated, path, None).map_err(|e| e.to_string()));
        match result {
            Ok(_) => self.app.notice(
                format!("curated copy written to {}", path.display()),
                Tone::Info,
            ),
            Err(e) => self.app.notice(e, Tone::Error),
        }
    }

    /// The sample project, carried inside the program: it opens as an
    /// untitled copy (Save As keeps it), wherever the binary was copied to.
    pub fn open_sample(&mut self) {
        match crate::store::from_ron_str(
            std::path::Path::new("gulf-crisis-sample.warraq.ron"),
            SAMPLE_PROJECT,
        ) {
            Ok(project) => {
                self.apply_action(Action::New(Box::new(project)));
                self.reset_panes();
                self.files.load_error = None;
            }
            Err(e) => self.files.load_error = Some(e.to_string()),
        }
    }

    pub(super) fn new_project(&mut self) {
        self.apply_action(Action::New(Box::new(Project::new("Untitled project"))));
        self.reset_panes();
    }

    /// Opens `path`; on failure the error is shown with the offer to open another.
    pub fn open_project(&mut self, path: &std::path::Path) {
        let size = std::fs::metadata(path).map_or(0, |m| m.len());
        // A folder's project file is small, but its articles are not.
        if size >= BACKGROUND_LOAD_BYTES || crate::store::folder::is_folder_project(path) {
            let (tx, rx) = std::sync::mpsc::channel();
            let owned = path.to_owned();
            let progress = std::sync::Arc::new(crate::store::Progress::default());
            let counting = std::sync::Arc::clone(&progress);
            let spawned = std::thread::Builder::new()
                .name("warraq-load".to_owned())
                .spawn(move || {
                    // The receiver is gone if the user cancelled; then the result is dropped.
                    let _ = tx.send(Opened::read_counting(&owned, &counting));
                });
            match spawned {
                Ok(_) => self.open_under_way(path, size, progress, rx),
                // No thread to be had: open it here, the window waiting.
                Err(_) => self.finish_open(path, Opened::read(path)),
            }
        } else {
            self.finish_open(path, Opened::read(path));
        }
    }

    /// Waits, drawing, for `path` being read on another thread (`progress`
    /// counts its files and may hold a preview; `result` brings it whole).
    pub fn open_under_way(
        &mut self,
        path: &std::path::Path,
        bytes: u64,
        progress: std::sync::Arc<crate::store::Progress>,
        result: std::sync::mpsc::Receiver<Result<Opened, crate::store::LoadError>>,
    ) {
        self.files.loading = Some(Loading {
            path: path.to_owned(),
            bytes,
            progress,
            result,
        });
    }

    pub(super) fn finish_open(
        &mut self,
        path: &std::path::Path,
        opened: Result<Opened, crate::store::LoadError>,
    ) {
        let previewed = self.app.opening().is_some();
        match opened {
            Ok(opened) => {
                // Through the one door: the document changes, the session (who works) stays.
                self.apply_action(Action::Adopt(Box::new(opened)));
                // What the analyst opened in the preview stays open.
                if previewed {
                    self.keep_panes_if_shown();
                } else {
                    self.reset_panes();
                }
                files::remember(&mut self.files.recent, path);
                self.files.load_error = None;
                self.files.pending = None;
                self.files.recovery_offer = self
                    .files
                    .autosave
                    .as_ref()
                    .and_then(|a| a.find(Some(path)));
            }
            Err(e) => {
                self.back_from_preview();
                self.files.load_error = Some(e.to_string());
            }
        }
    }

    /// The open under way ended without a project (cancelled, failed): the
    /// project shown before its preview, if one was shown, comes back.
    pub(super) fn back_from_preview(&mut self) {
        if self.app.opening().is_some() {
            self.apply_action(Action::CancelOpen);
            self.reset_panes();
        }
    }

    /// Keeps the panes where they show articles, each one of the project's;
    /// else shows its first articles.
    pub(super) fn keep_panes_if_shown(&mut self) {
        let project = self.app.document().project();
        let mut shown = self
            .reading
            .panes
            .iter()
            .filter_map(|pane| pane.article.as_ref())
            .peekable();
        if !(shown.peek().is_some() && shown.all(|id| project.article(id).is_some())) {
            self.reset_panes();
        }
    }

    pub(super) fn reset_panes(&mut self) {
        let articles = &self.app.document().project().articles;
        let first = articles.first().map(|a| a.id.clone());
        let second = articles.get(1).map(|a| a.id.clone());
        self.reading.second_pane_open = second.is_some();
        self.reading.panes = [Pane::new("left", first), Pane::new("right", second)];
        self.reading.focused_pane = 0;
        self.popups.tagging = None;
        self.views.relations = relations::RelationsView::default();
    }

    /// Saves and returns once the file is written (before closing or opening another).
    pub(super) fn save_or_ask(&mut self) {
        if self.app.document().path().is_some() {
            self.apply_action(Action::Save);
        } else {
            self.save_as();
            // Before closing or opening another, the new file must be there.
            self.app.wait_for_save();
        }
    }

    pub(super) fn save_as(&mut self) {
        self.choose_file(files::PathPurpose::SaveAs);
    }

    /// Written on another thread (a folder of 20,000 articles takes seconds);
    /// the file joins the recent list once it is there (`after_frame`).
    pub(super) fn save_as_path(&mut self, path: &Path) {
        self.apply_action(Action::SaveAs(path.to_path_buf()));
        self.files.saving_as = true;
    }

    /// Saves as a folder named after `path` (`gulf.warraq.ron` → `gulf/`).
    pub(super) fn save_as_folder_path(&mut self, path: &Path) {
        self.apply_action(Action::SaveAsFolder(path.to_path_buf()));
        self.files.saving_as = true;
    }

    /// Every two seconds: did another program (a `git pull`) change the file?
    /// Then: reload it, merge it three-way with the work here, or keep working.
    pub(super) fn watch_disk(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        if !self.files.disk_prompt && now >= self.files.next_disk_check {
            self.files.next_disk_check = now + 2.0;
            self.files.disk_prompt = self.app.disk_changed();
        }
        if self.app.document().path().is_some() {
            // Looked at again even while nobody moves the mouse.
            ctx.request_repaint_after(std::time::Duration::from_secs(2));
        }
        if !self.files.disk_prompt {
            return;
        }
        let dirty = self.app.document().is_dirty();
        let mut choice = None;
        egui::Modal::new(egui::Id::unique("disk-changed")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            ui.heading("The project file changed on disk");
            ui.label("Another program wrote it since it was opened or saved here (a git pull, a colleague's tool).");
            ui.horizontal(|ui| {
                if ui
                    .button("Merge with my changes")
                    .on_hover_text("Three-way, from the version last opened or saved here: what only one side changed comes in; what both changed is listed to choose")
                    .clicked()
                {
                    choice = Some("merge");
                }
                let reload = if dirty { "Reload it (my unsaved changes are dropped)" } else { "Reload it" };
                if ui.button(reload).clicked() {
                    choice = Some("reload");
                }
                if ui.button("Keep working").clicked() {
                    choice = Some("keep");
                }
            });
        });
        match choice {
            Some("merge") => {
                self.files.disk_prompt = false;
                self.apply_action(Action::MergeFromDisk);
            }
            Some("reload") => {
                self.files.disk_prompt = false;
                if let Some(path) = self.app.document().path().map(std::path::Path::to_path_buf) {
                    self.open_project(&path);
                }
            }
            Some(_) => {
                self.files.disk_prompt = false;
                self.app.accept_disk();
            }
            None => {}
        }
    }

    /// Files to import: articles (web pages, Word, PDF, text, and folders of
    /// them) are read on another thread and previewed; other tools' files
    /// (REFI-QDA, brat, Warraq JSON) come in at once with a report.
    pub fn import_files(&mut self, files: Vec<PathBuf>) {
        let brat_folder = |p: &std::path::Path| {
            std::fs::read_dir(p).is_ok_and(|entries| {
                entries
                    .filter_map(Result::ok)
                    .any(|e| e.path().extension().is_some_and(|x| x == "ann"))
            })
        };
        let (articles, coding): (Vec<PathBuf>, Vec<PathBuf>) = files.into_iter().partition(|p| {
            if p.is_dir() {
                !brat_folder(p)
            } else {
                crate::extract::is_article_file(p)
            }
        });
        if !coding.is_empty() {
            self.apply_action(Action::Import(coding, self.headline));
        }
        if !articles.is_empty() {
            self.files.import_job = Some(import_preview::ImportJob::start(
                &articles,
                self.headline,
                self.app.document().project(),
            ));
        }
    }

    /// Waits for the files being read and opens the preview (tests).
    pub fn wait_for_import(&mut self) {
        if let Some(job) = self.files.import_job.take() {
            self.files.import_preview = Some(job.finish());
        }
    }

    /// Ctrl+Shift+V or Edit ▸ New article from clipboard asks the system for
    /// the clipboard; the paste that answers opens as a new article in the
    /// preview, and no text field receives it.
    pub(super) fn take_pasted_article(&mut self, ctx: &egui::Context) {
        if self.files.paste == PasteRequest::Wanted {
            ctx.send_viewport_cmd(egui::ViewportCommand::RequestPaste);
            self.files.paste = PasteRequest::Asked;
        }
        if self.files.paste != PasteRequest::Asked {
            return;
        }
        let pasted = ctx.input_mut(|i| {
            let at = i
                .events
                .iter()
                .position(|e| matches!(e, egui::Event::Paste(_)))?;
            match i.events.remove(at) {
                egui::Event::Paste(text) => Some(text),
                _ => None,
            }
        });
        let Some(pasted) = pasted else {
            return;
        };
        self.files.paste = PasteRequest::None;
        match import_preview::ImportPreview::from_clipboard(&pasted, self.app.document().project())
        {
            Some(preview) => self.files.import_preview = Some(preview),
            None => self.app.notice(
                "the clipboard holds no text to make an article of".to_owned(),
                Tone::Error,
            ),
        }
    }

    /// Progress of the files being read (with Cancel), then the preview.
    pub(super) fn show_article_import(&mut self, ctx: &egui::Context, intents: &mut Intents) {
        if let Some(job) = &mut self.files.import_job {
            if let Some(preview) = job.poll() {
                self.files.import_preview = Some(preview);
                self.files.import_job = None;
            } else {
                let (done, total) = (job.done(), job.total);
                let mut cancel = false;
                egui::Modal::new(egui::Id::unique("import-progress")).show(ctx, |ui| {
                    ui.heading("Reading files");
                    ui.add(
                        egui::ProgressBar::new(done as f32 / total.max(1) as f32)
                            .text(format!("{done} of {total}"))
                            .desired_width(320.0),
                    );
                    cancel = ui.button("Cancel").clicked();
                });
                if cancel {
                    job.cancel();
                }
                ctx.request_repaint_after(std::time::Duration::from_millis(50));
            }
        }
        let Some(preview) = &mut self.files.import_preview else {
            return;
        };
        if preview.show(ctx, &mut self.text, intents) == Dialog::Close {
            self.files.import_preview = None;
        }
    }
}

/// What a colleague's copy is read for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum WithColleague {
    /// Their work brought into the open project, item by item.
    Merge,
    /// Their coding of the same articles set against ours (agreement, curation).
    Compare,
}
