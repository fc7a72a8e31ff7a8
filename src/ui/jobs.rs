//! Work done on other threads for the window: loading a large project,
//! exports, saving; each polled once a frame.

use super::window::WarraqApp;
use super::{files, network};
use crate::app::{Action, Tone};
use crate::model::ArticleId;
use std::path::PathBuf;

impl WarraqApp {
    /// Writes an export on another thread, so thousands of articles never freeze the window.
    pub(super) fn export(
        &mut self,
        format: crate::exchange::Format,
        articles: Option<Vec<ArticleId>>,
    ) {
        self.choose_file(files::PathPurpose::Export(format, articles));
    }

    pub(super) fn export_to(
        &mut self,
        format: crate::exchange::Format,
        articles: Option<Vec<ArticleId>>,
        path: PathBuf,
    ) {
        if let Some(open) = &self.app.document().path()
            && crate::store::same_file(open, &path)
        {
            self.app.notice(
                format!(
                    "{}: that is the open project's own file; an export goes to a file of its own — choose another name",
                    path.display()
                ),
                Tone::Error,
            );
            return;
        }
        let project = self.app.document().project().clone();
        let analyst = self.app.session.analyst.clone();
        let open = self
            .app
            .document()
            .path()
            .map(std::path::Path::to_path_buf)
            .unwrap_or_default();
        let (tx, rx) = std::sync::mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("warraq-export".to_owned())
            .spawn(move || {
                let result =
                    crate::exchange::for_colleague(&project, &analyst, articles.as_deref())
                        .and_then(|project| crate::exchange::export_as(&project, format, &analyst))
                        .map_err(|e| e.to_string())
                        .and_then(|exported| {
                            crate::store::write_exported(&path, &exported, &open)
                                .map_err(|e| e.to_string())
                        })
                        .map(|()| path.clone())
                        .map_err(|e| format!("{}: {e}", path.display()));
                let _ = tx.send(result);
            });
        match spawned {
            Ok(_) => self.files.exports.push((format.label().to_owned(), rx)),
            Err(e) => self.app.notice(
                format!("not exported: no thread to write it on ({e})"),
                Tone::Error,
            ),
        }
    }

    pub(super) fn export_network(&mut self, format: network::PictureFormat) {
        self.choose_file(files::PathPurpose::NetworkPicture(format));
    }

    pub(super) fn export_network_to(&mut self, format: network::PictureFormat, path: PathBuf) {
        match format {
            network::PictureFormat::Svg => {
                let Some(svg) = self.views.network.svg(self.app.document().project()) else {
                    return;
                };
                let result = crate::store::write_export(&path, svg.as_bytes());
                let (text, tone) = match result {
                    Ok(()) => (format!("Network written to {}", path.display()), Tone::Info),
                    Err(e) => (format!("{}: {e}", path.display()), Tone::Error),
                };
                self.app.notice(text, tone);
            }
            // The picture exactly as on screen: asked of the renderer, written when it arrives.
            network::PictureFormat::Png => self.views.network.png_pending = Some(path),
        }
    }

    /// Writes the discourse network the Discourse desk shows (its actors,
    /// ties, duplicates, normalisation and windows) in `format`, on another thread.
    pub(super) fn export_discourse(&mut self, format: crate::network::Format) {
        self.choose_file(files::PathPurpose::Discourse(format));
    }

    /// Writes the discourse network the Discourse desk shows (its actors,
    /// ties, duplicates, normalisation and windows) in `format`, on another thread.
    pub(super) fn export_discourse_to(&mut self, format: crate::network::Format, path: PathBuf) {
        use crate::network::Format;
        let project = self.app.document().project().clone();
        let options = self
            .views
            .discourse
            .export_options(&self.views.relations.query);
        let (tx, rx) = std::sync::mpsc::channel();
        let target = path;
        std::thread::spawn(move || {
            let written = super::discourse::written(&project, &options, format)
                .and_then(|text| {
                    crate::store::write_export(&target, text.as_bytes()).map_err(|e| e.to_string())
                })
                .map(|()| target.clone())
                .map_err(|e| format!("{}: {e}", target.display()));
            let _ = tx.send(written);
        });
        let what = match format {
            Format::Events => "Statements (event list)",
            Format::Csv => "Discourse network (CSV)",
            Format::Graphml => "Discourse network (GraphML)",
            Format::Dl => "Discourse network (UCINET DL)",
        };
        self.files.exports.push((what.to_owned(), rx));
    }

    /// Reports finished exports in the status bar; asks to be drawn again while any is running.
    pub(super) fn poll_exports(&mut self, ctx: &egui::Context) {
        let mut notices = Vec::new();
        self.files
            .exports
            .retain(|(format, rx)| match rx.try_recv() {
                Ok(Ok(path)) => {
                    notices.push((
                        format!("{format} written to {}", path.display()),
                        Tone::Info,
                    ));
                    false
                }
                Ok(Err(e)) => {
                    notices.push((format!("export failed: {e}"), Tone::Error));
                    false
                }
                Err(std::sync::mpsc::TryRecvError::Empty) => true,
                Err(std::sync::mpsc::TryRecvError::Disconnected) => false,
            });
        for (text, tone) in notices {
            self.app.notice(text, tone);
        }
        if !self.files.exports.is_empty() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
    }

    /// Blocks until every running export is written (tests, and quitting).
    pub fn wait_for_exports(&mut self) {
        for (format, rx) in std::mem::take(&mut self.files.exports) {
            match rx.recv() {
                Ok(Ok(path)) => self.app.notice(
                    format!("{format} written to {}", path.display()),
                    Tone::Info,
                ),
                Ok(Err(e)) => self.app.notice(format!("export failed: {e}"), Tone::Error),
                Err(_) => {}
            }
        }
    }

    /// Whether an export is still being written.
    pub fn exporting(&self) -> bool {
        !self.files.exports.is_empty()
    }

    /// While a large project loads on another thread: a progress bar and Cancel.
    pub(super) fn show_loading(&mut self, ctx: &egui::Context) {
        let Some(loading) = &self.files.loading else {
            return;
        };
        match loading.result.try_recv() {
            Ok(opened) => {
                let path = loading.path.clone();
                self.files.loading = None;
                self.finish_open(&path, opened);
                return;
            }
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.files.loading = None;
                self.back_from_preview();
                return;
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => {}
        }
        let preview = (loading.progress.take_preview()).map(|p| (loading.path.clone(), p));
        if let Some((path, project)) = preview {
            self.apply_action(Action::Preview(path, Box::new(project)));
            self.keep_panes_if_shown();
        }
        let Some(loading) = &self.files.loading else {
            return;
        };
        let name = loading
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let megabytes = loading.bytes as f64 / 1_000_000.0;
        let total = loading
            .progress
            .total
            .load(std::sync::atomic::Ordering::Relaxed);
        let done = loading
            .progress
            .done
            .load(std::sync::atomic::Ordering::Relaxed);
        let fraction = loading.progress.fraction();
        let previewed = self.app.opening().is_some();
        let mut cancel = false;
        let contents = |ui: &mut egui::Ui| {
            ui.set_min_width(380.0);
            if total > 0 && done >= total {
                ui.label(format!(
                    "Opening {name}: {total} articles read; checking how they fit together…"
                ));
            } else if total > 0 {
                ui.label(format!("Opening {name}: {done} of {total} articles read…"));
            } else {
                ui.label(format!("Opening {name} ({megabytes:.1} MB)…"));
            }
            if previewed {
                ui.label(
                    "The first articles are open to read; coding waits until every article is in.",
                );
            }
            ui.add(
                egui::ProgressBar::new(fraction)
                    .show_percentage()
                    .animate(true)
                    .desired_width(320.0),
            );
            if ui
                .button("Cancel")
                .on_hover_text("Stop waiting; the project stays as it was")
                .clicked()
            {
                cancel = true;
            }
        };
        if previewed {
            // What is read so far can be used meanwhile: nothing blocks the window.
            egui::Window::new("Opening")
                .id(egui::Id::unique("loading"))
                .title_bar(false)
                .resizable(false)
                .anchor(egui::Align2::CENTER_BOTTOM, egui::vec2(0.0, -36.0))
                .show(ctx, contents);
        } else {
            egui::Modal::new(egui::Id::unique("loading")).show(ctx, contents);
        }
        if cancel {
            self.files.loading = None;
            self.back_from_preview();
        }
        ctx.request_repaint_after(std::time::Duration::from_millis(100));
    }

    /// Ctrl+S: the file is written on another thread, so the window never
    /// waits for the disk; the status bar says when it is there.
    pub fn save_in_background(&mut self) {
        if self.app.document().path().is_some() {
            self.app.save_in_background(None, true);
        } else {
            self.save_as();
        }
    }

    /// Waits for a save under way to reach the disk (tests, and before leaving).
    pub fn wait_for_save(&mut self) {
        self.app.wait_for_save();
    }
}
