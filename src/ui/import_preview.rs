//! Bringing articles in from files and the clipboard: the files are read on
//! another thread (progress, Cancel), then a preview shows what each file
//! gave — title, outlet, address, date, language and the text, all
//! editable — which files repeat an article already there, and which could
//! not be read and why. Nothing is added until the analyst says so, and
//! then in one undoable step.

use super::intents::{Dialog, Intent, Intents};
use super::text_field::TextField;
use super::text_resources::TextResources;
use crate::extract::{self, Duplicates, Extracted};
use crate::model::{Article, Date, Project};
use crate::store::Headline;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};

/// One file's outcome, as the preview lists it.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub source: String,
    pub found: Result<Found, String>,
}

/// An article read from a file, being checked before it is added.
#[derive(Debug, Clone)]
pub struct Found {
    pub article: Article,
    /// The publication date as typed (YYYY, YYYY-MM or YYYY-MM-DD).
    pub date: String,
    pub notes: Vec<String>,
    /// The title of the article already there with the same text.
    pub duplicate_of: Option<String>,
    /// Whether it is to be added (duplicates start unticked).
    pub include: bool,
}

impl Candidate {
    fn new(source: String, read: Result<Extracted, String>, seen: &mut Duplicates) -> Self {
        let found = read.map(|extracted| {
            let duplicate_of = seen.check(&extracted.article);
            Found {
                date: extracted
                    .article
                    .published
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                article: extracted.article,
                notes: extracted.notes,
                include: duplicate_of.is_none(),
                duplicate_of,
            }
        });
        Self { source, found }
    }
}

/// Files being read on another thread.
#[derive(Debug)]
pub struct ImportJob {
    pub total: usize,
    done: Arc<AtomicUsize>,
    cancel: Arc<AtomicBool>,
    result: Receiver<Vec<(String, Result<Extracted, String>)>>,
    seen: Duplicates,
}

impl ImportJob {
    /// Starts reading `paths` (folders walked); duplicates are judged
    /// against `project` as it is now.
    pub fn start(paths: &[PathBuf], headline: Headline, project: &Project) -> Self {
        let files = extract::expand(paths);
        let total = files.len();
        let done = Arc::new(AtomicUsize::new(0));
        let cancel = Arc::new(AtomicBool::new(false));
        let (sender, result) = std::sync::mpsc::channel();
        let (counter, stop) = (Arc::clone(&done), Arc::clone(&cancel));
        let work = move || {
            let mut read = Vec::with_capacity(files.len());
            for path in &files {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                read.push((
                    path.display().to_string(),
                    extract::read(path, headline).map_err(|e| e.to_string()),
                ));
                counter.fetch_add(1, Ordering::Relaxed);
            }
            // The window may be gone; then nobody wants the result.
            let _ = sender.send(read);
        };
        let job = std::thread::Builder::new()
            .name("warraq-import".to_owned())
            .spawn(work);
        if let Err(e) = job {
            // No thread to be had: say so rather than hang on a job that never ends.
            let (sender, receiver) = std::sync::mpsc::channel();
            let _ = sender.send(vec![(
                "import".to_owned(),
                Err(format!("cannot start reading the files: {e}")),
            )]);
            return Self {
                total,
                done,
                cancel,
                result: receiver,
                seen: Duplicates::of(project),
            };
        }
        Self {
            total,
            done,
            cancel,
            result,
            seen: Duplicates::of(project),
        }
    }

    pub fn done(&self) -> usize {
        self.done.load(Ordering::Relaxed)
    }

    /// Stops after the file being read; what was read so far is previewed.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// The preview once every file is read (or the job was cancelled).
    pub fn poll(&mut self) -> Option<ImportPreview> {
        match self.result.try_recv() {
            Ok(read) => Some(self.preview(read)),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(self.preview(vec![(
                "import".to_owned(),
                Err("reading the files stopped unexpectedly".to_owned()),
            )])),
        }
    }

    /// Waits for the files (tests, and callers that need the whole list).
    pub fn finish(mut self) -> ImportPreview {
        let read = self.result.recv().unwrap_or_default();
        self.preview(read)
    }

    fn preview(&mut self, read: Vec<(String, Result<Extracted, String>)>) -> ImportPreview {
        let cancelled = self.cancel.load(Ordering::Relaxed) && read.len() < self.total;
        let candidates = read
            .into_iter()
            .map(|(source, read)| Candidate::new(source, read, &mut self.seen))
            .collect();
        ImportPreview {
            candidates,
            selected: 0,
            skipped: if cancelled {
                self.total - self.done()
            } else {
                0
            },
            error: None,
        }
    }
}

/// What was read, for the analyst to check and correct before it is added.
#[derive(Debug, Clone)]
pub struct ImportPreview {
    pub candidates: Vec<Candidate>,
    /// The candidate shown in full.
    pub selected: usize,
    /// Files not read because the analyst cancelled.
    pub skipped: usize,
    error: Option<String>,
}

impl ImportPreview {
    /// A new article from pasted text; none when the clipboard holds no text.
    pub fn from_clipboard(text: &str, project: &Project) -> Option<Self> {
        let extracted = extract::from_clipboard(text)?;
        let mut seen = Duplicates::of(project);
        Some(Self {
            candidates: vec![Candidate::new(
                extracted.source.clone(),
                Ok(extracted),
                &mut seen,
            )],
            selected: 0,
            skipped: 0,
            error: None,
        })
    }

    fn counts(&self) -> (usize, usize, usize) {
        let mut counts = (0, 0, 0);
        for c in &self.candidates {
            match &c.found {
                Ok(f) if f.include => counts.0 += 1,
                Ok(f) if f.duplicate_of.is_some() => counts.1 += 1,
                Ok(_) => {}
                Err(_) => counts.2 += 1,
            }
        }
        counts
    }

    /// The ticked articles with their edits; an error names the first
    /// article whose date does not parse or whose text was emptied.
    pub fn articles(&self) -> Result<Vec<Article>, String> {
        let mut out = Vec::new();
        for candidate in &self.candidates {
            let Ok(found) = &candidate.found else {
                continue;
            };
            if !found.include {
                continue;
            }
            let mut article = found.article.clone();
            article.published = if found.date.trim().is_empty() {
                None
            } else {
                Some(
                    found
                        .date
                        .trim()
                        .parse::<Date>()
                        .map_err(|e| format!("{}: {e}", candidate.source))?,
                )
            };
            let body = article.body.clone();
            let body = extract::clean_body(body.split("\n\n").map(str::to_owned));
            if body.is_empty() {
                return Err(format!("{}: the text is empty", candidate.source));
            }
            article.set_body(&body);
            crate::model::text::trim_in_place(&mut article.title);
            out.push(article);
        }
        Ok(out)
    }

    /// Draws the preview; what is checked is added (then opened) once the
    /// user says so.
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        text: &mut TextResources,
        intents: &mut Intents,
    ) -> Dialog {
        let mut add = None;
        let mut close = false;
        egui::Modal::new(egui::Id::unique("import-preview")).show(ctx, |ui| {
            ui.set_width(ctx.content_rect().width().min(980.0) - 60.0);
            ui.heading("Import articles");
            let (adding, duplicates, failed) = self.counts();
            let mut summary = format!(
                "{} file(s) read: {adding} to add, {duplicates} duplicate(s) of articles already there, {failed} could not be read.",
                self.candidates.len()
            );
            if self.skipped > 0 {
                let _ = write!(summary, " {} not read (cancelled).", self.skipped);
            }
            ui.label(summary);
            ui.separator();
            let height = (ctx.content_rect().height() - 260.0).clamp(200.0, 560.0);
            // A fixed height: a modal sizes itself to its content, and a
            // column that fills what it is given would grow it every frame.
            ui.horizontal_top(|ui| {
                ui.set_height(height);
                ui.vertical(|ui| {
                    ui.set_width(300.0);
                    self.list(ui, text, height);
                });
                ui.add_space(16.0);
                ui.vertical(|ui| {
                    self.details(ui, text, height);
                });
            });
            if let Some(error) = &self.error {
                ui.colored_label(ui.visuals().error_fg_color, error);
            }
            ui.separator();
            ui.horizontal(|ui| {
                let label = format!("Add {adding} article(s)");
                if ui.add_enabled(adding > 0, egui::Button::new(label)).clicked() {
                    match self.articles() {
                        Ok(articles) => {
                            let said = format!(
                                "Imported {} article(s){}{}",
                                articles.len(),
                                if duplicates > 0 {
                                    format!("; {duplicates} duplicate(s) left out")
                                } else {
                                    String::new()
                                },
                                if failed > 0 {
                                    format!("; {failed} file(s) could not be read")
                                } else {
                                    String::new()
                                }
                            );
                            add = Some(Intent::AddArticles { articles, said });
                            close = true;
                        }
                        Err(e) => self.error = Some(e),
                    }
                }
                if ui.button("Cancel").clicked() {
                    add = None;
                    close = true;
                }
            });
        });
        intents.extend(add);
        Dialog::closed_if(close)
    }

    /// One entry a file, two lines each, drawn only where visible: a
    /// folder of thousands of files scrolls as fast as a few.
    fn list(&mut self, ui: &mut egui::Ui, text: &mut TextResources, height: f32) {
        let row_height = 46.0;
        egui::ScrollArea::vertical()
            .id_salt("import-list")
            .max_height(height)
            .auto_shrink([false, false])
            .show_rows(ui, row_height, self.candidates.len(), |ui, rows| {
                for index in rows {
                    let selected = self.selected == index;
                    let candidate = &mut self.candidates[index];
                    let file = std::path::Path::new(&candidate.source)
                        .file_name()
                        .map_or_else(
                            || candidate.source.clone(),
                            |n| n.to_string_lossy().into_owned(),
                        );
                    ui.allocate_ui(egui::vec2(ui.available_width(), row_height), |ui| {
                        ui.set_height(row_height);
                        let clicked = ui
                            .horizontal(|ui| {
                                match &mut candidate.found {
                                    Ok(found) => {
                                        let tip = if found.duplicate_of.is_some() {
                                            "The same text is already there: tick to add it all the same"
                                        } else {
                                            "Add this article"
                                        };
                                        let include = &mut found.include;
                                        let response = ui.checkbox(include, "").on_hover_text(tip);
                                        let (checked, name) = (*include, format!("Add {file}"));
                                        response.widget_info(|| {
                                            egui::WidgetInfo::selected(
                                                egui::Role::CheckBox,
                                                true,
                                                checked,
                                                &name,
                                            )
                                        });
                                    }
                                    Err(_) => {
                                        ui.add_enabled(false, egui::Checkbox::new(&mut false, ""));
                                    }
                                }
                                ui.selectable_label(selected, &file).clicked()
                            })
                            .inner;
                        if clicked {
                            self.selected = index;
                        }
                        ui.indent(("entry", index), |ui| match &candidate.found {
                            Ok(found) if found.duplicate_of.is_some() => {
                                ui.colored_label(
                                    ui.visuals().warn_fg_color,
                                    "duplicate: the same text is there already",
                                );
                            }
                            Ok(found) => {
                                super::bidi_label::show(ui, text, &found.article.title, 13.0);
                            }
                            Err(_) => {
                                ui.colored_label(ui.visuals().error_fg_color, "not readable");
                            }
                        });
                    });
                }
            });
    }

    fn details(&mut self, ui: &mut egui::Ui, text: &mut TextResources, height: f32) {
        let Some(candidate) = self.candidates.get_mut(self.selected) else {
            return;
        };
        ui.label(egui::RichText::new(&candidate.source).small().weak());
        let found = match &mut candidate.found {
            Ok(found) => found,
            Err(reason) => {
                ui.colored_label(
                    ui.visuals().error_fg_color,
                    "Not readable, so not imported:",
                );
                ui.add(egui::Label::new(reason.as_str()).wrap());
                return;
            }
        };
        if let Some(title) = &found.duplicate_of {
            ui.horizontal(|ui| {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    "The same text as an article already there or earlier in this import:",
                );
                super::bidi_label::show(ui, text, title, 13.0);
            });
        }
        for note in &found.notes {
            ui.label(egui::RichText::new(format!("Read: {note}")).small());
        }
        egui::Grid::new("import-fields")
            .num_columns(2)
            .show(ui, |ui| {
                ui.label("Title:");
                TextField::singleline(&mut found.article.title, "Title").show(ui, text);
                ui.end_row();
                ui.label("Outlet:");
                TextField::singleline(&mut found.article.outlet, "Outlet").show(ui, text);
                ui.end_row();
                ui.label("URL:");
                ui.add(
                    egui::TextEdit::singleline(&mut found.article.url).desired_width(f32::INFINITY),
                );
                ui.end_row();
                let label = ui.label("Published:");
                ui.horizontal(|ui| {
                    ui.add(
                        egui::TextEdit::singleline(&mut found.date)
                            .hint_text("YYYY-MM-DD")
                            .desired_width(110.0),
                    )
                    .labelled_by(label.id);
                    ui.label("Language:");
                    ui.add(
                        egui::TextEdit::singleline(&mut found.article.language).desired_width(40.0),
                    );
                });
                ui.end_row();
            });
        ui.label("Text (correct it now: once added, highlights depend on it):");
        egui::ScrollArea::vertical()
            .id_salt(("import-text", self.selected))
            .max_height(height - 150.0)
            .show(ui, |ui| {
                TextField::multiline(&mut found.article.body, "Article text")
                    .font_size(14.0)
                    .show(ui, text);
            });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cancelled_job_previews_what_it_read_and_counts_the_rest() {
        let page = PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/ingest/yemen-iranian-weapons.html"
        ));
        let paths = vec![page; 300];
        let job = ImportJob::start(&paths, Headline::TitleOnly, &Project::default());
        job.cancel();
        let preview = job.finish();
        assert_eq!(preview.candidates.len() + preview.skipped, 300);
        assert!(preview.candidates.iter().all(|c| c.found.is_ok()));
        // The same page again and again: only the first is to be added.
        let adding = preview
            .candidates
            .iter()
            .filter(|c| c.found.as_ref().is_ok_and(|f| f.include))
            .count();
        assert_eq!(adding, usize::from(!preview.candidates.is_empty()));
    }

    #[test]
    fn duplicates_start_unticked_and_dates_are_checked() {
        let mut project = Project::default();
        let mut existing = Article::new(crate::model::ArticleId::new("a1"), "قديم", "نص الخبر");
        existing.published = None;
        project.articles.push(existing);
        let mut preview = ImportPreview::from_clipboard("نص الخبر", &project).unwrap();
        let Ok(found) = &preview.candidates[0].found else {
            panic!("read");
        };
        assert_eq!(found.duplicate_of.as_deref(), Some("قديم"));
        assert!(!found.include);
        assert!(preview.articles().unwrap().is_empty());

        let Ok(found) = &mut preview.candidates[0].found else {
            panic!("read");
        };
        found.include = true;
        found.date = "23 July".to_owned();
        assert!(preview.articles().unwrap_err().contains("not a date"));
        let Ok(found) = &mut preview.candidates[0].found else {
            panic!("read");
        };
        found.date = "2015-07-23".to_owned();
        let articles = preview.articles().unwrap();
        assert_eq!(articles[0].published, Some(Date::ymd(2015, 7, 23)));
    }
}
