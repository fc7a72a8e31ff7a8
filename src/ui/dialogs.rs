//! The window's questions and reports: unsaved changes, a recovery copy,
//! a path to type when no file dialog can be shown, the analyst's name,
//! what an import brought, a file that would not open, agreement figures.

use super::intents::{FileCommand, Intent, Intents};
use super::window::{Closing, WarraqApp};
use super::{bidi_label, files, text_field};
use crate::model::Project;
use std::path::PathBuf;

impl WarraqApp {
    /// Closing the window, opening another project or starting a new one
    /// with unsaved changes asks first: save, discard, or cancel.
    pub(super) fn guard_unsaved(&mut self, ctx: &egui::Context) {
        let close_requested = ctx.input(|i| i.viewport().close_requested());
        if close_requested
            && self.app.document().is_dirty()
            && self.files.closing != Closing::Confirmed
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.files.pending = Some(files::Pending::Close);
        }
        let Some(pending) = self.files.pending.clone() else {
            return;
        };
        let title = self.app.document().project().title.clone();
        let mut choice = None;
        egui::Modal::new(egui::Id::unique("unsaved-changes")).show(ctx, |ui| {
            ui.horizontal(|ui| {
                ui.label("Save the changes to");
                bidi_label::show(ui, &mut self.text, &title, 14.0);
                ui.label(if pending == files::Pending::Close {
                    "before closing?"
                } else {
                    "first?"
                });
            });
            ui.horizontal(|ui| {
                if ui.button("Save first").clicked() {
                    choice = Some("save");
                }
                if ui.button("Discard changes").clicked() {
                    choice = Some("discard");
                }
                if ui.button("Cancel").clicked() {
                    choice = Some("cancel");
                }
            });
        });
        let go_on = match choice {
            Some("save") => {
                self.save_or_ask();
                // A failed save (changed on disk…) keeps the question up; the error is in the status bar.
                !self.app.document().is_dirty()
            }
            Some("discard") => {
                if let Some(autosave) = &mut self.files.autosave {
                    autosave.discard_now();
                }
                true
            }
            Some(_) => {
                self.files.pending = None;
                false
            }
            None => false,
        };
        if go_on {
            self.files.pending = None;
            match pending {
                files::Pending::Close => {
                    self.files.closing = Closing::Confirmed;
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
                files::Pending::New => self.new_project(),
                files::Pending::Sample => self.open_sample(),
                files::Pending::Open(path) => self.open_project(&path),
                files::Pending::PickAndOpen => self.choose_file(files::PathPurpose::Open),
            }
        }
    }

    /// After a crash or kill: the unsaved work, what it holds, and the choice.
    pub(super) fn offer_recovery(&mut self, ctx: &egui::Context, intents: &mut Intents) {
        let Some(offer) = &self.files.recovery_offer else {
            return;
        };
        let project = &offer.project;
        let when = offer.written.elapsed().map_or_else(
            |_| "recently".to_owned(),
            |d| format!("{} minutes ago", d.as_secs() / 60),
        );
        // The title alone in its own direction, the counts in a line of their
        // own: mixed in one line, an Arabic title reordered the counts.
        let title = project.title.clone();
        let counts = format!(
            "{} articles, {} actors, {} claims, {} highlights, {} relations",
            project.articles.len(),
            project.actors.len(),
            project.claims.len(),
            project.highlights.len(),
            project.relations.len(),
        );
        let mut choice = None;
        egui::Modal::new(egui::Id::unique("recovery-offer")).show(ctx, |ui| {
            ui.set_max_width(600.0);
            ui.heading("Unsaved work was found");
            ui.label(format!(
                "Warraq was closed without saving. A recovery copy written {when} holds:"
            ));
            bidi_label::show(ui, &mut self.text, &title, 15.0);
            ui.label(counts);
            ui.horizontal(|ui| {
                if ui
                    .button("Restore it")
                    .on_hover_text("Continue with the recovered work (not saved until you save)")
                    .clicked()
                {
                    choice = Some(true);
                }
                if ui
                    .button("Discard it")
                    .on_hover_text("Delete the recovery copy and keep the file as it is")
                    .clicked()
                {
                    choice = Some(false);
                }
            });
        });
        match choice {
            Some(true) => {
                if let Some(offer) = self.files.recovery_offer.take() {
                    intents.push(Intent::RestoreRecovered(Box::new(offer.project)));
                }
            }
            Some(false) => {
                self.files.recovery_offer = None;
                if let Some(autosave) = &mut self.files.autosave {
                    autosave.forget_file(self.app.document().path());
                }
            }
            None => {}
        }
    }

    /// The typed-path fallback: a field, its completions, recent projects.
    pub(super) fn show_path_prompt(&mut self, ctx: &egui::Context) {
        let Some(prompt) = &mut self.files.path_prompt else {
            return;
        };
        let mut chosen = None;
        let mut cancel = false;
        egui::Modal::new(egui::Id::unique("path-prompt")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            ui.label(&prompt.why);
            let field = text_field::TextField::singleline(&mut prompt.path, "File path")
                .width(520.0)
                .show(ui, &mut self.text);
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            for candidate in files::completions(&prompt.path, 8) {
                let mut shown = candidate.display().to_string();
                if candidate.is_dir() {
                    shown.push('/');
                }
                if ui.selectable_label(false, &shown).clicked() {
                    prompt.path = shown;
                }
            }
            if prompt.purpose == files::PathPurpose::Open && !self.files.recent.is_empty() {
                ui.separator();
                ui.weak("Recent projects");
                for recent in self.files.recent.iter().take(6) {
                    if ui
                        .selectable_label(false, recent.display().to_string())
                        .clicked()
                    {
                        prompt.path = recent.display().to_string();
                    }
                }
            }
            ui.horizontal(|ui| {
                if ui.button(prompt.purpose.verb()).clicked() || enter {
                    chosen = Some(PathBuf::from(prompt.path.trim()));
                }
                if ui.button("Cancel").clicked() {
                    cancel = true;
                }
            });
        });
        if cancel {
            self.files.path_prompt = None;
        }
        let Some(path) = chosen.filter(|p| !p.as_os_str().is_empty()) else {
            return;
        };
        let Some(prompt) = self.files.path_prompt.take() else {
            return;
        };
        let paths = files::typed_paths(&prompt.purpose, path.clone());
        if paths.is_empty() {
            self.app.notice(
                format!(
                    "{}: no Warraq project in that folder (*.{})",
                    path.display(),
                    crate::store::FILE_EXTENSION
                ),
                crate::app::Tone::Error,
            );
            return;
        }
        if prompt.purpose.reads()
            && let Some(missing) = paths.iter().find(|p| !p.exists())
        {
            self.app.notice(
                format!("{}: no such file", missing.display()),
                crate::app::Tone::Error,
            );
            // Asked again with the path as typed, to be corrected.
            self.files.path_prompt = Some(prompt);
            return;
        }
        self.file_chosen(prompt.purpose, paths);
    }

    /// The reliability figures of several copies, until closed.
    pub(super) fn show_reliability(&mut self, ctx: &egui::Context) {
        let Some(rows) = &self.colleague.reliability else {
            return;
        };
        let mut open = true;
        egui::Window::new("Agreement of several analysts")
            .open(&mut open)
            .default_width(520.0)
            .show(ctx, |ui| {
                egui::Grid::new("reliability").striped(true).show(ui, |ui| {
                    for (figure, value) in rows {
                        ui.scope(|ui| {
                            ui.set_max_width(380.0);
                            bidi_label::show(ui, &mut self.text, figure, 13.0);
                        });
                        ui.label(value);
                        ui.end_row();
                    }
                });
            });
        if !open {
            self.colleague.reliability = None;
        }
    }

    /// On the first run: whose name the work is stamped with, asked rather
    /// than set to a default nobody chose.
    pub(super) fn ask_for_analyst(&mut self, ctx: &egui::Context) {
        if !self.popups.ask_analyst {
            return;
        }
        let mut done = false;
        egui::Modal::new(egui::Id::unique("ask-analyst")).show(ctx, |ui| {
            ui.set_max_width(460.0);
            ui.heading("Who is coding?");
            ui.label("Everything you code is stamped with your name, so that colleagues see who coded what when your work is merged. You can change it at any time (top right).");
            let field = text_field::TextField::singleline(&mut self.app.session.analyst, "Your name")
                .width(300.0)
                .show(ui, &mut self.text);
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let named = !self.app.session.analyst.trim().is_empty();
            if ui.add_enabled(named, egui::Button::new("Continue")).clicked() || (enter && named) {
                done = true;
            }
        });
        if done {
            self.app.session.analyst = self.app.session.analyst.trim().to_owned();
            self.popups.ask_analyst = false;
        }
    }

    /// What the last import brought and what it could not map, until closed.
    pub(super) fn show_import_report(&mut self, ctx: &egui::Context) {
        let Some(lines) = &self.app.last_import else {
            return;
        };
        let mut close = false;
        egui::Modal::new(egui::Id::unique("import-report")).show(ctx, |ui| {
            ui.set_max_width(620.0);
            ui.heading("Import");
            egui::ScrollArea::vertical()
                .max_height(360.0)
                .show(ui, |ui| {
                    for line in lines {
                        bidi_label::show(ui, &mut self.text, line, 13.0);
                    }
                });
            if ui.button("Close").clicked() {
                close = true;
            }
        });
        if close {
            self.app.last_import = None;
        }
    }

    /// The dialog for a project that failed to load: the error (file, line,
    /// column, what was expected) and the way to another file.
    pub(super) fn show_load_error(&mut self, ctx: &egui::Context) {
        let Some(error) = self.files.load_error.clone() else {
            return;
        };
        let mut open_another = false;
        egui::Modal::new(egui::Id::unique("load-error")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            ui.heading("The project could not be opened");
            ui.label(egui::RichText::new(&error).monospace());
            ui.horizontal(|ui| {
                if ui.button("Open another…").clicked() {
                    open_another = true;
                }
                if ui.button("Close").clicked() {
                    self.files.load_error = None;
                }
            });
        });
        if open_another {
            self.files.load_error = None;
            self.run_file_command(FileCommand::Open);
        }
    }
}

/// The figures for this project and the copies in `files` (those that can be read).
pub(super) fn reliability_rows(project: &Project, files: &[PathBuf]) -> Vec<(String, String)> {
    use crate::agreement::{TagKind, reliability};
    let mut rows = Vec::new();
    let mut copies = Vec::new();
    let mut names = vec!["this project".to_owned()];
    for file in files {
        match crate::store::load(file) {
            Ok(loaded) => {
                names.push(
                    file.file_name()
                        .map(|n| {
                            n.to_string_lossy()
                                .trim_end_matches(".warraq.ron")
                                .to_owned()
                        })
                        .unwrap_or_default(),
                );
                copies.push(loaded.project);
            }
            Err(e) => rows.push(("not read".to_owned(), e.to_string())),
        }
    }
    let mut all = vec![project];
    all.extend(copies.iter());
    let copies = crate::agreement::aligned_copies(&all);
    let all: Vec<&Project> = copies.iter().collect();
    let value = |v: Option<f64>| v.map_or_else(|| "n/a".to_owned(), |v| format!("{v:.3}"));
    rows.push(("Analysts".to_owned(), names.join(", ")));
    for kind in TagKind::ALL {
        rows.push((
            format!("Krippendorff's alpha over code points, {}", kind.label()),
            value(reliability::alpha_codepoint(&all, kind)),
        ));
        rows.push((
            format!("Unitizing alpha (alpha_u), {}", kind.label()),
            value(reliability::alpha_u(&all, kind)),
        ));
    }
    if all.len() == 2 {
        rows.push((
            "Cohen's kappa, actor at spans both highlighted".to_owned(),
            value(reliability::cohen_kappa(all[0], all[1])),
        ));
    } else {
        rows.push((
            "Fleiss' kappa, actor at spans all highlighted".to_owned(),
            value(reliability::fleiss_kappa(&all)),
        ));
    }
    rows
}
