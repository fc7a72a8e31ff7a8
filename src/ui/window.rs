//! The window's state and its frame: the views drawn in their panels, the
//! dialogs, then the frame's intents applied.

use super::parts::{ColleagueWork, FileWork, Popups, Reading, Views};
use super::sidebar::Sidebar;
use super::tagging::TagDialog;
use super::text_resources::TextResources;
use crate::app::{Action, App, Tone};
use crate::model::ArticleId;
use crate::text::TextStyle;
use std::path::PathBuf;

use super::intents::{Desk, Dialog, Intents};
use super::pane::Pane;
use super::{
    article_list, autosave, codebook, colleague, conflicts, discourse, editors, files, header,
    import_preview, network, relation_dialog, relations, timeline,
};

pub(super) const FONT_SIZE_KEY: &str = "reader_font_size";
pub(super) const RECENT_KEY: &str = "recent_projects";
pub(super) const ANALYST_KEY: &str = "analyst";
pub(super) const HEADLINE_KEY: &str = "import-headline";
pub(super) const ZOOM_KEY: &str = "interface-zoom";
pub(super) const MIN_FONT_SIZE: f32 = 10.0;
pub(super) const MAX_FONT_SIZE: f32 = 40.0;

/// Projects this large load on another thread, with a progress bar and Cancel;
/// smaller ones open at once.
pub const BACKGROUND_LOAD_BYTES: u64 = 2_000_000;

/// A project being opened on another thread.
#[derive(Debug)]
pub struct Loading {
    pub path: PathBuf,
    pub(super) bytes: u64,
    /// The files read so far (a project kept as a folder).
    pub(super) progress: std::sync::Arc<crate::store::Progress>,
    pub(super) result:
        std::sync::mpsc::Receiver<Result<crate::app::Opened, crate::store::LoadError>>,
}

/// The eframe application: the `App` state plus what only the window needs,
/// by feature.
pub struct WarraqApp {
    pub(super) app: App,
    pub(super) text: TextResources,
    /// The reader panes: which is in focus, whether both are shown, the text style.
    pub(super) reading: Reading,
    /// The project's file, the questions about it, and work on other threads.
    pub(super) files: FileWork,
    /// Colleagues' copies being compared or merged, and copies sent out.
    pub(super) colleague: ColleagueWork,
    /// The views beside and below the reader: the sidebar, the codebook table,
    /// the relations table, the network and the timeline.
    pub(super) views: Views,
    /// The small windows over the desk: tagging, an editor, the shortcuts, the analyst's name.
    pub(super) popups: Popups,
    /// Whether imported headlines stay in the body (remembered).
    pub(super) headline: crate::store::Headline,
    /// The interface's size (egui's zoom factor), remembered.
    pub(super) zoom: f32,
    /// A text field to give the keyboard to at the start of the next frame.
    pub(super) text_field_focus: Option<&'static str>,
}

/// What the window shows, read-only: for tests, benchmarks and the
/// launcher. Everything the window does is asked of it through
/// `apply_intents` (or `apply`, for a change to the project).
impl WarraqApp {
    pub fn app(&self) -> &App {
        &self.app
    }

    pub fn panes(&self) -> &[Pane; 2] {
        &self.reading.panes
    }

    pub fn focused_pane(&self) -> usize {
        self.reading.focused_pane
    }

    pub fn second_pane_open(&self) -> bool {
        self.reading.second_pane_open
    }

    pub fn linked(&self) -> bool {
        self.reading.linked
    }

    pub fn reader_style(&self) -> TextStyle {
        self.reading.reader_style
    }

    /// Waits for the suggestions being computed (tests see their result
    /// without racing the thread; the window itself never waits).
    pub fn wait_for_suggestions(&mut self) {
        self.views.sidebar.suggestions.wait(self.app.document());
    }

    pub fn sidebar(&self) -> &Sidebar {
        &self.views.sidebar
    }

    /// The sidebar, to switch its tab from a script or a benchmark.
    pub fn sidebar_mut(&mut self) -> &mut Sidebar {
        &mut self.views.sidebar
    }

    pub fn relations(&self) -> &relations::RelationsView {
        &self.views.relations
    }

    /// The relations the table shows, in order (made on demand).
    pub fn shown_relations(&mut self) -> Vec<usize> {
        self.views.relations.shown(self.app.document()).to_vec()
    }

    pub fn show_relations(&self) -> bool {
        self.views.show_relations
    }

    pub fn desk(&self) -> Desk {
        self.views.desk
    }

    pub fn network(&self) -> &network::NetworkView {
        &self.views.network
    }

    pub fn discourse(&self) -> &discourse::DiscourseView {
        &self.views.discourse
    }

    /// Blocks until the discourse network being computed is done (tests).
    pub fn wait_for_discourse(&mut self) {
        self.views.discourse.wait();
    }

    pub fn timeline(&self) -> &timeline::TimelineView {
        &self.views.timeline
    }

    pub fn comparison(&self) -> Option<&colleague::Comparison> {
        self.colleague.comparison.as_ref()
    }

    pub fn merging(&self) -> Option<&colleague::MergeSession> {
        self.colleague.merging.as_ref()
    }

    pub fn tagging(&self) -> Option<&TagDialog> {
        self.popups.tagging.as_ref()
    }

    pub fn editor(&self) -> Option<&editors::EditorDialog> {
        self.popups.editor.as_ref()
    }

    pub fn import_preview(&self) -> Option<&import_preview::ImportPreview> {
        self.files.import_preview.as_ref()
    }

    pub fn recovery_offer(&self) -> Option<&crate::store::recovery::Recovered> {
        self.files.recovery_offer.as_ref()
    }

    pub fn loading(&self) -> Option<&Loading> {
        self.files.loading.as_ref()
    }

    pub fn load_error(&self) -> Option<&str> {
        self.files.load_error.as_deref()
    }

    pub fn path_prompt(&self) -> Option<&files::PathPrompt> {
        self.files.path_prompt.as_ref()
    }

    pub fn disk_prompt(&self) -> bool {
        self.files.disk_prompt
    }

    pub fn ask_analyst(&self) -> bool {
        self.popups.ask_analyst
    }

    pub fn zoom(&self) -> f32 {
        self.zoom
    }

    /// A change to the project, made at once through the window's one door
    /// to the edit path (what it made is shown as after a user's edit).
    pub fn apply(&mut self, action: Action) -> Option<crate::model::edit::Made> {
        self.apply_action(action)
    }

    /// Opens the new-relation dialog filled in: a relation proposed from
    /// elsewhere (a script, a test), for the analyst to confirm.
    pub fn propose_relation(&mut self, dialog: super::relation_dialog::RelationDialog) {
        self.views.show_relations = true;
        self.views.relations.dialog = Some(dialog);
    }

    /// Asks for the analyst's name, as on the first run.
    pub fn ask_for_analyst_name(&mut self) {
        self.popups.ask_analyst = true;
    }

    /// Shows or hides the relations panel.
    pub fn set_relations_shown(&mut self, shown: bool) {
        self.views.show_relations = shown;
    }

    /// Reliability figures of several analysts' copies, when shown: (figure, value) rows.
    pub fn reliability(&self) -> Option<&[(String, String)]> {
        self.colleague.reliability.as_deref()
    }

    /// Projects opened lately, newest first.
    pub fn recent(&self) -> &[PathBuf] {
        &self.files.recent
    }

    /// The name the analyst's work is stamped with.
    pub fn set_analyst(&mut self, name: &str) {
        name.clone_into(&mut self.app.session.analyst);
    }
}

/// Where closing the window stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Closing {
    No,
    /// File ▸ Quit was chosen: closed at the end of the frame (asking first if unsaved).
    Chosen,
    /// Nothing is left to ask: the window closes without the unsaved question.
    Confirmed,
}

/// The clipboard's text is asked of the system, and arrives as a paste.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PasteRequest {
    None,
    /// Chosen from the menu; to be asked for at the start of the next frame.
    Wanted,
    /// Asked for; the next paste is the new article.
    Asked,
}

impl WarraqApp {
    pub fn new(app: App) -> Self {
        let articles = &app.document().project().articles;
        let first = articles.first().map(|a| a.id.clone());
        let second = articles.get(1).map(|a| a.id.clone());
        Self {
            app,
            text: TextResources::default(),
            reading: Reading {
                panes: [Pane::new("left", first), Pane::new("right", second.clone())],
                focused_pane: 0,
                second_pane_open: second.is_some(),
                split: 0.5,
                linked: true,
                reader_style: TextStyle::default(),
            },
            files: FileWork {
                closing: Closing::No,
                next_disk_check: 0.0,
                disk_prompt: false,
                saving_as: false,
                pending: None,
                load_error: None,
                recent: Vec::new(),
                dialogs: Box::new(files::NativeDialogs::default()),
                path_prompt: None,
                autosave: None,
                recovery_offer: None,
                loading: None,
                exports: Vec::new(),
                import_job: None,
                import_preview: None,
                paste: PasteRequest::None,
                shown_title: String::new(),
            },
            views: Views {
                division: super::parts::Division::default(),
                sidebar: Sidebar::default(),
                articles: article_list::ArticleList::default(),
                codebook: codebook::Codebook::default(),
                relations: relations::RelationsView::default(),
                show_relations: true,
                desk: Desk::Reader,
                network: network::NetworkView::default(),
                discourse: discourse::DiscourseView::default(),
                timeline: timeline::TimelineView::default(),
            },
            popups: Popups {
                tagging: None,
                editor: None,
                shortcut_help: None,
                ask_analyst: false,
            },
            colleague: ColleagueWork {
                comparison: None,
                merging: None,
                export_choice: None,
                reliability: None,
            },
            headline: crate::store::Headline::default(),
            zoom: 1.0,
            text_field_focus: None,
        }
    }

    /// Answers the File menu's dialogs with `dialogs` (tests use a stand-in).
    #[must_use]
    pub fn with_dialogs(mut self, dialogs: Box<dyn files::Dialogs>) -> Self {
        self.files.dialogs = dialogs;
        self
    }

    /// Keeps recovery copies of unsaved work with `autosave`, and offers
    /// back any copy left for the open project.
    #[must_use]
    pub fn with_autosave(mut self, autosave: autosave::Autosave) -> Self {
        self.files.recovery_offer = autosave.find(self.app.document().path());
        self.files.autosave = Some(autosave);
        self
    }

    /// Whether the "save the changes first?" question is on screen.
    pub fn unsaved_prompt(&self) -> bool {
        self.files.pending.is_some()
    }

    /// The article shown in the pane in focus.
    pub fn focused_article(&self) -> Option<&ArticleId> {
        self.reading.panes[self.reading.focused_pane]
            .article
            .as_ref()
    }

    /// One frame of the whole window, separate from eframe so tests can drive it.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let mut intents = Intents::default();
        self.take_pasted_article(ui.ctx());
        self.handle_shortcuts(ui, &mut intents);
        self.handle_dropped_files(ui.ctx(), &mut intents);
        self.show_panels(ui, &mut intents);
        self.show_dialogs(ui, &mut intents);
        self.apply_intents(intents);
        self.after_frame(ui);
    }

    /// The header, the article list, the sidebar, the relations panel and the desk.
    fn show_panels(&mut self, ui: &mut egui::Ui, intents: &mut Intents) {
        let status = header::ViewStatus {
            selection_chars: self.reading.panes[self.reading.focused_pane]
                .reader
                .selection()
                .map(|r| r.len()),
            recent: &self.files.recent,
            exporting: !self.files.exports.is_empty(),
        };
        header::show(
            ui,
            &self.app,
            header::Settings {
                show_relations: &mut self.views.show_relations,
                headline: &mut self.headline,
                zoom: &mut self.zoom,
            },
            &status,
            &mut self.text,
            intents,
        );
        // Side panels bounded by shares of the window: a wide tab never
        // squeezes the reader panes, at any interface size. When the space
        // changes (View ▸ Interface size, a resized window) they are laid
        // out again at their shares; in between, dragged as the analyst likes.
        let space = ui.available_size();
        let division = self.views.division;
        let relaid = (space - division.seen).length() > 1.0;
        let (w, h) = (space.x, space.y);
        let sized = |panel: egui::Panel, share: f32, range: egui::Rangef, of: f32| {
            let panel = panel.resizable(true).size_range(range);
            if relaid {
                panel.exact_size(range.clamp(share * of))
            } else {
                panel.default_size(range.clamp(share * of))
            }
        };
        let articles = sized(
            egui::Panel::left("articles"),
            division.articles,
            egui::Rangef::new((0.1 * w).min(140.0), (0.28 * w).max(140.0)),
            w,
        )
        .show(ui, |ui| {
            let open = self.focused_article().cloned();
            let document = self.app.document();
            self.views.articles.show(
                ui,
                &mut self.text,
                (document.project(), document.revisions().articles),
                &self.app.document().coded().per_article,
                open.as_ref(),
                intents,
            );
        });
        let sidebar = sized(
            egui::Panel::right("sidebar"),
            division.sidebar,
            egui::Rangef::new((0.14 * w).min(200.0), (0.32 * w).max(200.0)),
            w,
        )
        .show(ui, |ui| {
            let focused = self.focused_article().cloned();
            self.views.sidebar.show(
                ui,
                &mut self.text,
                self.app.document(),
                focused.as_ref(),
                intents,
            );
        });
        // Shares change only by the analyst's hand (a panel's edge dragged): a
        // panel widened by its content at a large size does not carry that back.
        let pressed_at = ui
            .input(|i| {
                i.pointer
                    .any_down()
                    .then(|| i.pointer.press_origin())
                    .flatten()
            })
            .filter(|_| !relaid);
        let dragged = |edge: f32, horizontal: bool| {
            pressed_at.is_some_and(|p| (if horizontal { p.x } else { p.y } - edge).abs() < 8.0)
        };
        let mut next = super::parts::Division {
            seen: space,
            ..division
        };
        if dragged(articles.response.rect.right(), true) {
            next.articles = articles.response.rect.width() / w.max(1.0);
        }
        if dragged(sidebar.response.rect.left(), true) {
            next.sidebar = sidebar.response.rect.width() / w.max(1.0);
        }
        if self.views.show_relations {
            // The reader keeps about 250 points when the window can give them.
            let most = (h - 310.0).clamp(0.25 * h, 0.6 * h);
            let range = egui::Rangef::new((0.2 * h).min(120.0), most);
            let share = division.relations.unwrap_or(330.0 / h.max(1.0));
            let relations =
                sized(egui::Panel::bottom("relations"), share, range, h).show(ui, |ui| {
                    let document = &self.app.document();
                    let focused = self.reading.panes[self.reading.focused_pane]
                        .article
                        .clone();
                    // The panel scrolls as a whole when its parts do not fit (a
                    // small window, the vocabulary open, a row's sources shown):
                    // the filters and the table stay in reach.
                    self.views.relations.panel_height = ui.available_height();
                    egui::ScrollArea::vertical()
                        .id_salt("relations-panel")
                        .auto_shrink([false, false])
                        .show(ui, |ui| {
                            self.views.relations.show(
                                ui,
                                &mut self.text,
                                document,
                                focused.as_ref(),
                                intents,
                            );
                        });
                });
            if dragged(relations.response.rect.top(), false) {
                next.relations = Some(relations.response.rect.height() / h.max(1.0));
            }
        }
        self.views.division = next;
        egui::CentralPanel::default().show(ui, |ui| self.show_desk(ui, intents));
    }

    /// The dialogs and windows over the desk, and the jobs they wait for.
    fn show_dialogs(&mut self, ui: &mut egui::Ui, intents: &mut Intents) {
        if self.views.relations.dialog.is_some() {
            let answer = Dialog::show_in(&mut self.views.relations.dialog, |dialog| {
                let project = &self.app.document().project();
                relation_dialog::show_dialog(ui.ctx(), dialog, &mut self.text, project, intents)
            });
            if answer == Dialog::Close {
                // The selection was the relation's evidence: used up, or given up.
                self.reading.panes[self.reading.focused_pane]
                    .reader
                    .set_selection(None);
            }
        }
        let revision = self.app.document().revision();
        let project = self.app.document().project();
        if self
            .colleague
            .show(ui.ctx(), &mut self.text, (project, revision), intents)
            == Dialog::Close
        {
            // The comparison closed: the right pane shows our coding again.
            self.reading.panes[1].theirs = false;
            self.reading.panes[1].shown.clear();
        }
        self.popups.show(ui.ctx(), &mut self.text, project, intents);
        conflicts::show(ui.ctx(), &mut self.text, project, intents);
        self.views
            .codebook
            .show(ui.ctx(), &mut self.text, self.app.document(), intents);
        self.watch_disk(ui.ctx());
        self.show_reliability(ui.ctx());
        self.ask_for_analyst(ui.ctx());
        self.show_import_report(ui.ctx());
        self.show_article_import(ui.ctx(), intents);
        self.show_path_prompt(ui.ctx());
        self.guard_unsaved(ui.ctx());
        self.show_loading(ui.ctx());
        self.poll_exports(ui.ctx());
        if let Some(written) = self.views.network.poll_png(ui.ctx()) {
            let (text, tone) = match written {
                Ok(path) => (
                    format!("Network picture written to {}", path.display()),
                    Tone::Info,
                ),
                Err(e) => (format!("network picture not written: {e}"), Tone::Error),
            };
            self.app.notice(text, tone);
        }
        self.show_load_error(ui.ctx());
        self.offer_recovery(ui.ctx(), intents);
    }

    /// After the frame's intents: the save under way, a refused save, the
    /// zoom, closing, the recovery copy, the window's title.
    fn after_frame(&mut self, ui: &mut egui::Ui) {
        if self.app.poll_save() {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(30));
        } else if std::mem::take(&mut self.files.saving_as)
            && let Some(path) = self.app.document().path()
            && !self.app.document().is_dirty()
        {
            let path = path.to_owned();
            files::remember(&mut self.files.recent, &path);
        }
        match self.app.take_refusal() {
            // The file cannot be replaced; the work can still be kept under another name.
            Some(crate::app::Refusal::ReadOnly) => self.save_as(),
            // Someone else's version is on disk: back to merging with it.
            Some(crate::app::Refusal::ChangedOnDisk) => self.files.disk_prompt = true,
            None => {}
        }
        if (ui.ctx().zoom_factor() - self.zoom).abs() > f32::EPSILON {
            ui.ctx().set_zoom_factor(self.zoom);
        }
        if self.files.closing == Closing::Chosen {
            self.files.closing = Closing::No;
            if self.app.document().is_dirty() {
                self.files.pending = Some(files::Pending::Close);
            } else {
                self.files.closing = Closing::Confirmed;
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
        if let Some(autosave) = &mut self.files.autosave {
            let document = &self.app.document();
            let now = ui.input(|i| i.time);
            autosave.tick(
                now,
                document.path(),
                document.project(),
                document.is_dirty(),
                document.revision(),
            );
            if document.is_dirty() {
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_secs_f64(
                        autosave::INTERVAL_SECONDS,
                    ));
            }
        }
        let title = self.app.document().window_title();
        if title != self.files.shown_title {
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.files.shown_title = title;
        }
    }

    /// A project dropped on the window opens (when nothing is unsaved); `.txt`
    /// files dropped on it are imported as articles.
    fn handle_dropped_files(&mut self, ctx: &egui::Context, intents: &mut Intents) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        let (projects, texts): (Vec<PathBuf>, Vec<PathBuf>) = dropped
            .into_iter()
            .partition(|p| p.to_string_lossy().ends_with(crate::store::FILE_EXTENSION));
        if !texts.is_empty() {
            self.import_files(texts);
        }
        if let Some(project) = projects.into_iter().next() {
            if self.app.document().is_dirty() {
                self.app.notice(
                    format!(
                        "save or undo your changes before opening {}",
                        project.display()
                    ),
                    Tone::Error,
                );
            } else {
                intents.push(Action::Open(project));
            }
        }
    }
}
