//! The window. Views read the `App`'s state and return `Action`s (changes to
//! the project, applied by `App::apply`) or `ViewCommand`s (changes to what is
//! shown); nothing here changes the project directly.

mod actor_list;
mod article_list;
pub mod autosave;
pub mod bidi_label;
pub mod codebook;
pub mod colleague;
pub mod commands;
mod conflicts;
pub mod editors;
pub mod files;
pub mod fonts;
mod header;
pub mod import_preview;
pub mod network;
pub mod picker;
pub mod reader;
pub mod relations;
pub mod search_job;
mod shortcut_help;
pub mod sidebar;
pub mod tagging;
pub mod text_field;
pub mod text_resources;
pub mod theme;
pub mod timeline;

use crate::app::{Action, App};
use crate::model::edit::Edit;
use crate::model::{ActorId, ArticleId, HighlightId, Project, Span, Stance, Tag};
use crate::text::TextStyle;
use reader::{Reader, ShownHighlight};
use sidebar::Sidebar;
use std::collections::HashMap;
use std::path::PathBuf;
use tagging::{TagDialog, TagTarget};
use text_resources::TextResources;
use theme::HighlightKind;

const FONT_SIZE_KEY: &str = "reader_font_size";
const RECENT_KEY: &str = "recent_projects";
const ANALYST_KEY: &str = "analyst";
const HEADLINE_KEY: &str = "import-headline";
const ZOOM_KEY: &str = "interface-zoom";
const MIN_FONT_SIZE: f32 = 10.0;
const MAX_FONT_SIZE: f32 = 40.0;

/// What a view asks of the window itself (not of the project).
#[derive(Debug, Clone, PartialEq)]
pub enum ViewCommand {
    /// Open an article in the pane in focus.
    OpenArticle(ArticleId),
    /// Open an article in a given pane.
    OpenInPane(usize, ArticleId),
    /// Show the actor's next mention: in the open article if it has one, else in the first article that does.
    ShowMention(ActorId),
    /// Open the article in the pane in focus, scroll to the span and flash it.
    Reveal {
        article: ArticleId,
        span: Span,
        highlight: Option<HighlightId>,
    },
    FindMentions(ActorId),
    /// Open the editor of an actor of the registry.
    EditActor(ActorId),
    /// Ask before deleting an actor (and what depends on it).
    DeleteActor(ActorId),
    EditClaim(crate::model::ClaimId),
    /// Ask before deleting a claim with its highlights.
    DeleteClaim(crate::model::ClaimId),
    /// Edit an article's metadata (never its body).
    EditArticle(ArticleId),
    /// Ask before deleting an article with its highlights.
    DeleteArticle(ArticleId),
    FocusPane(usize),
    /// Start tagging the focused pane's selection (or re-tagging its selected highlight).
    StartTagging(TagMode),
    /// Open the new-relation dialog with the focused pane's selection as evidence.
    StartRelation,
    /// Cite the focused pane's selection as one more report of the relation selected in the table.
    AddEvidenceToSelectedRelation,
    ToggleSecondPane,
    File(FileCommand),
    /// A command of the command table, chosen from a menu.
    Run(commands::UiCommand),
    /// Filter the relations table to an actor and list its mentions (a click on a network node).
    ShowActorRelations(ActorId),
    /// Select a relation (by index) in the table and open its evidence in the reader.
    ShowRelation(usize),
    ExportNetwork(network::PictureFormat),
    /// Open disagreement `n` of the comparison: ours left, the colleague's right.
    ShowDisagreement(usize),
    /// Open the codebook table at its actors or its claims.
    ShowCodebook(codebook::Tab),
    /// Edit a highlight's note (and, for a claim, quote or paraphrase).
    AnnotateHighlight(HighlightId),
    /// Make a change to the project (from a context menu).
    Apply(Edit),
}

/// What the middle of the window shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Desk {
    #[default]
    Reader,
    Network,
    Timeline,
}

/// The File menu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileCommand {
    New,
    Open,
    OpenRecent(PathBuf),
    Save,
    SaveAs,
    /// Import articles: web pages, Word, PDF, text (a preview first).
    ImportText,
    /// Import other tools' files (REFI-QDA, brat, Warraq JSON) and articles.
    Import,
    /// A new article from the text on the clipboard (a preview first).
    PasteArticle,
    /// The sample project built into the program, as an untitled copy.
    OpenSample,
    /// Close the window (asking first about unsaved changes).
    Quit,
    /// Reliability of this coding and several colleagues' copies at once.
    AgreementOfCopies,
    Export(crate::exchange::Format),
    /// Choose articles, then export them as a project for a colleague.
    ExportForColleague,
    /// Merge a colleague's copy into the open project.
    MergeColleague,
    /// Compare a colleague's coding of the same articles with the open project's.
    CompareColleague,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagMode {
    ExistingActor,
    NewActor,
    Claim,
    Evidence,
}

/// Projects this large load on another thread, with a progress bar and Cancel;
/// smaller ones open at once.
pub const BACKGROUND_LOAD_BYTES: u64 = 2_000_000;

/// A project being opened on another thread.
#[derive(Debug)]
pub struct Loading {
    pub path: PathBuf,
    bytes: u64,
    result: std::sync::mpsc::Receiver<Result<App, crate::store::LoadError>>,
}

/// One reader pane: its article and its reader (scroll, selection, layout).
#[derive(Debug)]
pub struct Pane {
    pub article: Option<ArticleId>,
    /// Shows the compared colleague's highlights, read-only.
    pub theirs: bool,
    pub reader: Reader,
    picking: bool,
    /// The article's highlights as the reader shows them, for a project revision
    /// and for whose coding (ours, or the compared colleague's).
    shown: Option<(crate::app::Revisions, ArticleId, bool, Vec<ShownHighlight>)>,
}

impl Pane {
    /// The highlights outlined in this pane because their actor is under the pointer in the other.
    pub fn linked_highlights(&self) -> Vec<&HighlightId> {
        self.shown
            .iter()
            .flat_map(|(_, _, _, shown)| shown.iter().filter(|s| s.emphasised).map(|s| &s.id))
            .collect()
    }

    /// How many highlights the pane paints.
    pub fn shown_count(&self) -> usize {
        self.shown
            .as_ref()
            .map_or(0, |(_, _, _, shown)| shown.len())
    }

    fn new(name: &str, article: Option<ArticleId>) -> Self {
        Self {
            article,
            theirs: false,
            reader: Reader::new(name),
            picking: false,
            shown: None,
        }
    }
}

/// The eframe application: the `App` state plus what only the window needs.
pub struct WarraqApp {
    pub app: App,
    pub text: TextResources,
    pub panes: [Pane; 2],
    pub focused_pane: usize,
    pub second_pane_open: bool,
    /// Outline, in the other pane, every mention of the actor under the pointer.
    pub linked: bool,
    pub reader_style: TextStyle,
    pub sidebar: Sidebar,
    pub tagging: Option<TagDialog>,
    /// The editor or delete question about one actor, claim or article.
    pub editor: Option<editors::EditorDialog>,
    /// Whether imported headlines stay in the body (remembered).
    pub headline: crate::store::Headline,
    /// The interface's size (egui's zoom factor), remembered.
    pub zoom: f32,
    /// File ▸ Quit was chosen: closed at the end of the frame.
    quit: bool,
    /// When to look again whether another program changed the file (seconds of egui time).
    next_disk_check: f64,
    /// The file changed on disk: reload, merge or keep working?
    pub disk_prompt: bool,
    /// Ask for the analyst's name (the first run): their work is stamped with it.
    pub ask_analyst: bool,
    /// The codebook table (actors and claims), in its own window.
    pub codebook: codebook::Codebook,
    pub relations: relations::RelationsView,
    pub show_relations: bool,
    pub desk: Desk,
    pub network: network::NetworkView,
    pub timeline: timeline::TimelineView,
    pub comparison: Option<colleague::Comparison>,
    pub merging: Option<colleague::MergeSession>,
    pub export_choice: Option<colleague::ExportChoice>,
    /// What waits for the answer to "save the changes first?".
    pub pending: Option<files::Pending>,
    close_confirmed: bool,
    /// A project that could not be opened: the error, shown until dismissed.
    pub load_error: Option<String>,
    pub recent: Vec<PathBuf>,
    dialogs: Box<dyn files::Dialogs>,
    /// A path to type, when no file dialog could be shown.
    pub path_prompt: Option<files::PathPrompt>,
    /// Reliability figures of several analysts' copies: (figure, value) rows.
    pub reliability: Option<Vec<(String, String)>>,
    autosave: Option<autosave::Autosave>,
    /// Unsaved work found from a session that ended without saving, offered back.
    pub recovery_offer: Option<crate::store::recovery::Recovered>,
    /// A large project being read on another thread.
    pub loading: Option<Loading>,
    exports: Vec<(
        crate::exchange::Format,
        std::sync::mpsc::Receiver<Result<PathBuf, String>>,
    )>,
    /// A text field to give the keyboard to at the start of the next frame.
    text_field_focus: Option<&'static str>,
    shown_title: String,
    /// Article files being read on another thread.
    pub import_job: Option<import_preview::ImportJob>,
    /// What was read, shown for checking before it is added.
    pub import_preview: Option<import_preview::ImportPreview>,
    /// Where Edit ▸ New article from clipboard is in asking for the clipboard's text.
    paste: PasteRequest,
    /// The keyboard shortcuts (F1), open.
    shortcut_help: Option<shortcut_help::ShortcutHelp>,
}

/// The clipboard's text is asked of the system, and arrives as a paste.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PasteRequest {
    None,
    /// Chosen from the menu; to be asked for at the start of the next frame.
    Wanted,
    /// Asked for; the next paste is the new article.
    Asked,
}

impl WarraqApp {
    pub fn new(app: App) -> Self {
        let articles = &app.document.project.articles;
        let first = articles.first().map(|a| a.id.clone());
        let second = articles.get(1).map(|a| a.id.clone());
        Self {
            app,
            text: TextResources::default(),
            panes: [Pane::new("left", first), Pane::new("right", second.clone())],
            focused_pane: 0,
            second_pane_open: second.is_some(),
            linked: true,
            reader_style: TextStyle::default(),
            sidebar: Sidebar::default(),
            tagging: None,
            editor: None,
            codebook: codebook::Codebook::default(),
            headline: crate::store::Headline::default(),
            zoom: 1.0,
            quit: false,
            next_disk_check: 0.0,
            disk_prompt: false,
            ask_analyst: false,
            relations: relations::RelationsView::default(),
            show_relations: true,
            desk: Desk::Reader,
            network: network::NetworkView::default(),
            timeline: timeline::TimelineView::default(),
            comparison: None,
            merging: None,
            export_choice: None,
            pending: None,
            close_confirmed: false,
            load_error: None,
            recent: Vec::new(),
            dialogs: Box::new(files::NativeDialogs::default()),
            path_prompt: None,
            reliability: None,
            autosave: None,
            recovery_offer: None,
            loading: None,
            exports: Vec::new(),
            text_field_focus: None,
            shown_title: String::new(),
            import_job: None,
            import_preview: None,
            paste: PasteRequest::None,
            shortcut_help: None,
        }
    }

    /// Answers the File menu's dialogs with `dialogs` (tests use a stand-in).
    #[must_use]
    pub fn with_dialogs(mut self, dialogs: Box<dyn files::Dialogs>) -> Self {
        self.dialogs = dialogs;
        self
    }

    /// Keeps recovery copies of unsaved work with `autosave`, and offers
    /// back any copy left for the open project.
    #[must_use]
    pub fn with_autosave(mut self, autosave: autosave::Autosave) -> Self {
        self.recovery_offer = autosave.find(self.app.document.path.as_ref());
        self.autosave = Some(autosave);
        self
    }

    /// Whether the "save the changes first?" question is on screen.
    pub fn unsaved_prompt(&self) -> bool {
        self.pending.is_some()
    }

    /// The article shown in the pane in focus.
    pub fn focused_article(&self) -> Option<&ArticleId> {
        self.panes[self.focused_pane].article.as_ref()
    }

    /// One frame of the whole window, separate from eframe so tests can drive it.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let mut actions = Vec::new();
        let mut commands = Vec::new();
        self.take_pasted_article(ui.ctx());
        self.handle_shortcuts(ui, &mut actions, &mut commands);
        self.handle_dropped_files(ui.ctx(), &mut actions);
        let status = header::ViewStatus {
            selection_chars: self.panes[self.focused_pane]
                .reader
                .selection()
                .map(|r| r.len()),
            recent: &self.recent,
            exporting: !self.exports.is_empty(),
        };
        header::show(
            ui,
            &self.app,
            header::Settings {
                show_relations: &mut self.show_relations,
                headline: &mut self.headline,
                zoom: &mut self.zoom,
            },
            &status,
            &mut self.text,
            &mut actions,
            &mut commands,
        );
        // Bounded side panels (their width is remembered by egui): a wide tab
        // never squeezes the reader panes below a readable width.
        egui::Panel::left("articles")
            .resizable(true)
            .default_size(260.0)
            .size_range(180.0..=360.0)
            .show(ui, |ui| {
                let open = self.focused_article().cloned();
                article_list::show(
                    ui,
                    &mut self.text,
                    &self.app.document.project,
                    &self.app.document.coded.per_article,
                    open.as_ref(),
                    &mut commands,
                );
            });
        egui::Panel::right("sidebar")
            .resizable(true)
            .default_size(300.0)
            .size_range(240.0..=440.0)
            .show(ui, |ui| {
                let focused = self.focused_article().cloned();
                self.sidebar.show(
                    ui,
                    &mut self.text,
                    &self.app.document,
                    focused.as_ref(),
                    &mut commands,
                    &mut actions,
                );
            });
        if self.show_relations {
            let max = (ui.available_height() * 0.6).max(150.0);
            egui::Panel::bottom("relations")
                .resizable(true)
                .default_size(330.0)
                .size_range(120.0..=max)
                .show(ui, |ui| {
                    let document = &self.app.document;
                    let focused = self.panes[self.focused_pane].article.clone();
                    // The panel scrolls as a whole when its parts do not fit (a
                    // small window, the vocabulary open, a row's sources shown):
                    // the filters and the table stay in reach.
                    self.relations.panel_height = ui.available_height();
                    egui::ScrollArea::vertical()
                        .id_salt("relations-panel")
                        .auto_shrink([false, false])
                        .show(ui, |ui| {
                            self.relations.show(
                                ui,
                                &mut self.text,
                                document,
                                focused.as_ref(),
                                &mut actions,
                                &mut commands,
                            );
                        });
                });
        }
        egui::CentralPanel::default().show(ui, |ui| self.show_desk(ui, &mut commands));
        if let Some(dialog) = &mut self.relations.dialog {
            let (action, close) = relations::show_dialog(
                ui.ctx(),
                dialog,
                &mut self.text,
                &self.app.document.project,
            );
            actions.extend(action);
            if close {
                self.relations.dialog = None;
                self.panes[self.focused_pane].reader.set_selection(None);
            }
        }
        if let Some(comparison) = &mut self.comparison {
            match colleague::show_comparison(ui.ctx(), &mut self.text, comparison, &mut commands) {
                colleague::ComparisonAnswer::Open => {}
                colleague::ComparisonAnswer::Close => {
                    self.comparison = None;
                    self.panes[1].theirs = false;
                    self.panes[1].shown = None;
                }
                colleague::ComparisonAnswer::SaveCurated => self.save_curated(),
            }
        }
        if let Some(choice) = &mut self.export_choice {
            match colleague::show_export_choice(
                ui.ctx(),
                &mut self.text,
                &self.app.document.project,
                choice,
            ) {
                colleague::ExportAnswer::Waiting => {}
                colleague::ExportAnswer::Cancel => self.export_choice = None,
                colleague::ExportAnswer::Export(articles) => {
                    self.export_choice = None;
                    self.export(crate::exchange::Format::Ron, Some(articles));
                }
            }
        }
        if let Some(session) = &mut self.merging {
            session.follow(&self.app.document.project, self.app.document.revision);
            let (merge, close) = colleague::show_merge(
                ui.ctx(),
                &mut self.text,
                &self.app.document.project,
                session,
            );
            actions.extend(merge);
            if close {
                self.merging = None;
            }
        }
        let mut find_after = None;
        if let Some(dialog) = &mut self.editor {
            let (action, close) = editors::show(
                ui.ctx(),
                dialog,
                &mut self.text,
                &self.app.document.project,
                &mut find_after,
            );
            actions.extend(action);
            if close {
                self.editor = None;
            }
        }
        if let Some(edit) = conflicts::show(ui.ctx(), &mut self.text, &self.app.document.project) {
            actions.push(Action::Edit(edit));
        }
        let mut requests = Vec::new();
        self.codebook
            .show(ui.ctx(), &mut self.text, &self.app.document, &mut requests);
        for request in requests {
            self.codebook_request(request, &mut commands);
        }
        if let Some(dialog) = &mut self.tagging {
            let (action, close) =
                tagging::show(ui.ctx(), dialog, &mut self.text, &self.app.document.project);
            actions.extend(action);
            if close {
                self.tagging = None;
            }
        }
        for command in commands {
            self.run_command(command);
        }
        let tagged = actions.iter().any(|a| {
            matches!(
                a,
                Action::Edit(Edit::AddHighlight { .. })
                    | Action::Edit(Edit::TagAsNewActor { .. })
                    | Action::Edit(Edit::TagAsNewClaim { .. })
            )
        });
        let mut made = None;
        for action in actions {
            if let Some(m) = self.app.apply(action) {
                made = Some(m);
            }
        }
        if let Some(actor) = find_after {
            // After the edit, so that the names just added are searched for too.
            self.run_command(ViewCommand::FindMentions(actor));
        }
        if let Some(relation) = made.as_ref().and_then(|m| m.relations.last()) {
            // A new relation is selected and brought into view in the table.
            self.relations.selected = Some(relation.clone());
            self.relations.scroll_to = Some(relation.clone());
        }
        if tagged && let Some(made) = made {
            // The new highlight becomes the selected one; the text selection is used up.
            let reader = &mut self.panes[self.focused_pane].reader;
            reader.set_selection(None);
            reader.selected_highlight = made.highlights.last().cloned();
        }
        if self.app.poll_save() {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(30));
        }
        if self.app.take_read_only_refusal() {
            // The file cannot be replaced; the work can still be kept under another name.
            self.save_as();
        }
        if (ui.ctx().zoom_factor() - self.zoom).abs() > f32::EPSILON {
            ui.ctx().set_zoom_factor(self.zoom);
        }
        if std::mem::take(&mut self.quit) {
            if self.app.document.dirty {
                self.pending = Some(files::Pending::Close);
            } else {
                self.close_confirmed = true;
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
        self.watch_disk(ui.ctx());
        self.show_reliability(ui.ctx());
        self.ask_for_analyst(ui.ctx());
        self.show_import_report(ui.ctx());
        self.show_article_import(ui.ctx());
        if let Some(help) = &mut self.shortcut_help
            && !help.show(ui.ctx())
        {
            self.shortcut_help = None;
        }
        self.show_path_prompt(ui.ctx());
        self.guard_unsaved(ui.ctx());
        self.show_loading(ui.ctx());
        self.poll_exports(ui.ctx());
        if let Some(written) = self.network.poll_png(ui.ctx()) {
            let (text, is_error) = match written {
                Ok(path) => (
                    format!("Network picture written to {}", path.display()),
                    false,
                ),
                Err(e) => (format!("network picture not written: {e}"), true),
            };
            self.app.notice(text, is_error);
        }
        self.show_load_error(ui.ctx());
        self.offer_recovery(ui.ctx());
        if let Some(autosave) = &mut self.autosave {
            let document = &self.app.document;
            let now = ui.input(|i| i.time);
            autosave.tick(
                now,
                document.path.as_ref(),
                &document.project,
                document.dirty,
                document.revision,
            );
            if document.dirty {
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_secs_f64(
                        autosave::INTERVAL_SECONDS,
                    ));
            }
        }
        let title = self.app.document.window_title();
        if title != self.shown_title {
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.shown_title = title;
        }
    }

    /// A project dropped on the window opens (when nothing is unsaved); `.txt`
    /// files dropped on it are imported as articles.
    fn handle_dropped_files(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
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
        let _ = &actions;
        if !texts.is_empty() {
            self.import_files(texts);
        }
        if let Some(project) = projects.into_iter().next() {
            if self.app.document.dirty {
                self.app.notice(
                    format!(
                        "save or undo your changes before opening {}",
                        project.display()
                    ),
                    true,
                );
            } else {
                actions.push(Action::Open(project));
            }
        }
    }

    /// Closing the window, opening another project or starting a new one
    /// with unsaved changes asks first: save, discard, or cancel.
    fn guard_unsaved(&mut self, ctx: &egui::Context) {
        let close_requested = ctx.input(|i| i.viewport().close_requested());
        if close_requested && self.app.document.dirty && !self.close_confirmed {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.pending = Some(files::Pending::Close);
        }
        let Some(pending) = self.pending.clone() else {
            return;
        };
        let title = self.app.document.project.title.clone();
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
                !self.app.document.dirty
            }
            Some("discard") => {
                if let Some(autosave) = &mut self.autosave {
                    autosave.discard_now();
                }
                true
            }
            Some(_) => {
                self.pending = None;
                false
            }
            None => false,
        };
        if go_on {
            self.pending = None;
            match pending {
                files::Pending::Close => {
                    self.close_confirmed = true;
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
                files::Pending::New => self.new_project(),
                files::Pending::Sample => self.open_sample(),
                files::Pending::Open(path) => self.open_project(&path),
                files::Pending::PickAndOpen => {
                    if let Some(path) = self.dialogs.pick_project() {
                        self.open_project(&path);
                    } else {
                        self.offer_path(files::PathPurpose::Open);
                    }
                }
            }
        }
    }

    fn run_file_command(&mut self, command: FileCommand) {
        let dirty = self.app.document.dirty;
        match command {
            FileCommand::New if dirty => self.pending = Some(files::Pending::New),
            FileCommand::OpenSample if dirty => self.pending = Some(files::Pending::Sample),
            FileCommand::OpenSample => self.open_sample(),
            FileCommand::Quit => self.quit = true,
            FileCommand::AgreementOfCopies => {
                let files = self.dialogs.pick_imports();
                if !files.is_empty() {
                    self.reliability = Some(reliability_rows(&self.app.document.project, &files));
                }
            }
            FileCommand::New => self.new_project(),
            FileCommand::Open if dirty => self.pending = Some(files::Pending::PickAndOpen),
            FileCommand::Open => {
                if let Some(path) = self.dialogs.pick_project() {
                    self.open_project(&path);
                } else {
                    self.offer_path(files::PathPurpose::Open);
                }
            }
            FileCommand::OpenRecent(path) if dirty => {
                self.pending = Some(files::Pending::Open(path))
            }
            FileCommand::OpenRecent(path) => self.open_project(&path),
            FileCommand::Save => self.save_in_background(),
            FileCommand::SaveAs => self.save_as(),
            FileCommand::Export(format) => self.export(format, None),
            FileCommand::ExportForColleague => {
                self.export_choice = Some(colleague::ExportChoice::new(&self.app.document.project));
            }
            FileCommand::ImportText => {
                let texts = self.dialogs.pick_texts();
                if texts.is_empty() {
                    self.offer_path(files::PathPurpose::Import);
                } else {
                    self.import_files(texts);
                }
            }
            FileCommand::Import => {
                let files = self.dialogs.pick_imports();
                if files.is_empty() {
                    self.offer_path(files::PathPurpose::Import);
                } else {
                    self.import_files(files);
                }
            }
            FileCommand::PasteArticle => self.paste = PasteRequest::Wanted,
            FileCommand::MergeColleague | FileCommand::CompareColleague => {
                if let Some(path) = self.dialogs.pick_project() {
                    self.load_colleague(&path, command == FileCommand::MergeColleague);
                }
            }
        }
    }

    /// Reads a colleague's copy to merge or compare; a file that cannot be
    /// read is reported and the open project is left as it was.
    pub fn load_colleague(&mut self, path: &std::path::Path, merge: bool) {
        let theirs = match crate::store::load(path) {
            Ok(loaded) => {
                for warning in &loaded.warnings {
                    self.app
                        .notice(format!("{}: {warning}", path.display()), false);
                }
                loaded.project
            }
            Err(e) => {
                self.app
                    .notice(format!("not merged or compared: {e}"), true);
                return;
            }
        };
        let name = theirs
            .exported
            .as_ref()
            .map(|s| s.by.clone())
            .unwrap_or_else(|| {
                path.file_name()
                    .map(|n| {
                        n.to_string_lossy()
                            .trim_end_matches(".warraq.ron")
                            .to_owned()
                    })
                    .unwrap_or_default()
            });
        let mine = &self.app.document.project;
        if merge {
            let revision = self.app.document.revision;
            self.merging = Some(colleague::MergeSession::new(name, mine, revision, theirs));
        } else {
            let agreement = crate::exchange::agreement::compare(mine, &theirs);
            self.comparison = Some(colleague::Comparison::new(name, theirs, agreement));
        }
    }

    /// Writes the adjudicated copy of the comparison to a new file, asked for.
    fn save_curated(&mut self) {
        let Some(comparison) = &self.comparison else {
            return;
        };
        let name = format!("{} curated", self.app.document.project.title);
        let Some(path) = self.dialogs.save_project_as(&name) else {
            return;
        };
        if self
            .app
            .document
            .path
            .as_ref()
            .is_some_and(|open| crate::store::same_file(open, &path))
        {
            self.app.notice(
                "the curated copy goes to a new file, not over the open project".to_owned(),
                true,
            );
            return;
        }
        let result = crate::exchange::curation::curate(
            &self.app.document.project,
            &comparison.theirs,
            &comparison.agreement,
            &comparison.picks,
            &self.app.analyst,
        )
        .and_then(|curated| crate::store::save(&curated, &path, None).map_err(|e| e.to_string()));
        match result {
            Ok(_) => self
                .app
                .notice(format!("curated copy written to {}", path.display()), false),
            Err(e) => self.app.notice(e, true),
        }
    }

    /// Writes an export on another thread, so thousands of articles never freeze the window.
    fn export(&mut self, format: crate::exchange::Format, articles: Option<Vec<ArticleId>>) {
        let name = self.app.document.project.title.clone();
        let Some(path) = self.dialogs.save_export(&name, format) else {
            self.offer_path(files::PathPurpose::Export(format));
            return;
        };
        self.export_to(format, articles, path);
    }

    fn export_to(
        &mut self,
        format: crate::exchange::Format,
        articles: Option<Vec<ArticleId>>,
        path: PathBuf,
    ) {
        if let Some(open) = &self.app.document.path
            && crate::store::same_file(open, &path)
        {
            self.app.notice(
                format!(
                    "{}: that is the open project's own file; an export goes to a file of its own — choose another name",
                    path.display()
                ),
                true,
            );
            return;
        }
        let project = self.app.document.project.clone();
        let analyst = self.app.analyst.clone();
        let open = self.app.document.path.clone().unwrap_or_default();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let result = crate::exchange::for_colleague(&project, &analyst, articles.as_deref())
                .and_then(|project| crate::exchange::export_as(&project, format, &analyst))
                .and_then(|exported| {
                    crate::store::write_exported(&path, &exported, &open).map_err(|e| e.to_string())
                })
                .map(|()| path.clone())
                .map_err(|e| format!("{}: {e}", path.display()));
            let _ = tx.send(result);
        });
        self.exports.push((format, rx));
    }

    fn export_network(&mut self, format: network::PictureFormat) {
        let name = format!("{} network", self.app.document.project.title);
        let Some(path) = self.dialogs.save_picture(&name, format.extension()) else {
            return;
        };
        match format {
            network::PictureFormat::Svg => {
                let Some(svg) = self.network.svg(&self.app.document.project) else {
                    return;
                };
                let result = crate::store::write_export(&path, svg.as_bytes());
                let (text, is_error) = match result {
                    Ok(()) => (format!("Network written to {}", path.display()), false),
                    Err(e) => (format!("{}: {e}", path.display()), true),
                };
                self.app.notice(text, is_error);
            }
            // The picture exactly as on screen: asked of the renderer, written when it arrives.
            network::PictureFormat::Png => self.network.png_pending = Some(path),
        }
    }

    /// Reports finished exports in the status bar; asks to be drawn again while any is running.
    fn poll_exports(&mut self, ctx: &egui::Context) {
        let mut notices = Vec::new();
        self.exports.retain(|(format, rx)| match rx.try_recv() {
            Ok(Ok(path)) => {
                notices.push((
                    format!("{} written to {}", format.label(), path.display()),
                    false,
                ));
                false
            }
            Ok(Err(e)) => {
                notices.push((format!("export failed: {e}"), true));
                false
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => true,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => false,
        });
        for (text, is_error) in notices {
            self.app.notice(text, is_error);
        }
        if !self.exports.is_empty() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
    }

    /// Blocks until every running export is written (tests, and quitting).
    pub fn wait_for_exports(&mut self) {
        for (format, rx) in std::mem::take(&mut self.exports) {
            match rx.recv() {
                Ok(Ok(path)) => self.app.notice(
                    format!("{} written to {}", format.label(), path.display()),
                    false,
                ),
                Ok(Err(e)) => self.app.notice(format!("export failed: {e}"), true),
                Err(_) => {}
            }
        }
    }

    /// Whether an export is still being written.
    pub fn exporting(&self) -> bool {
        !self.exports.is_empty()
    }

    /// The sample project, carried inside the program: it opens as an
    /// untitled copy (Save As keeps it), wherever the binary was copied to.
    pub fn open_sample(&mut self) {
        match crate::store::from_ron_str(
            std::path::Path::new("gulf-crisis-sample.warraq.ron"),
            SAMPLE_PROJECT,
        ) {
            Ok(project) => {
                let analyst = self.app.analyst.clone();
                self.app = App::new(project);
                self.app.analyst = analyst;
                self.reset_panes();
                self.load_error = None;
            }
            Err(e) => self.load_error = Some(e.to_string()),
        }
    }

    fn new_project(&mut self) {
        self.app = App::new(Project::new("Untitled project"));
        self.reset_panes();
    }

    /// Opens `path`; on failure the error is shown with the offer to open another.
    pub fn open_project(&mut self, path: &std::path::Path) {
        let size = std::fs::metadata(path).map_or(0, |m| m.len());
        if size >= BACKGROUND_LOAD_BYTES {
            let (tx, rx) = std::sync::mpsc::channel();
            let owned = path.to_owned();
            std::thread::spawn(move || {
                // The receiver is gone if the user cancelled; then the result is dropped.
                let _ = tx.send(App::open(&owned));
            });
            self.loading = Some(Loading {
                path: path.to_owned(),
                bytes: size,
                result: rx,
            });
        } else {
            self.finish_open(path, App::open(path));
        }
    }

    fn finish_open(
        &mut self,
        path: &std::path::Path,
        opened: Result<App, crate::store::LoadError>,
    ) {
        match opened {
            Ok(app) => {
                self.app = app;
                self.reset_panes();
                files::remember(&mut self.recent, path);
                self.load_error = None;
                self.pending = None;
                self.recovery_offer = self
                    .autosave
                    .as_ref()
                    .and_then(|a| a.find(Some(&path.to_path_buf())));
            }
            Err(e) => self.load_error = Some(e.to_string()),
        }
    }

    /// While a large project loads on another thread: a progress bar and Cancel.
    fn show_loading(&mut self, ctx: &egui::Context) {
        let Some(loading) = &self.loading else {
            return;
        };
        match loading.result.try_recv() {
            Ok(opened) => {
                let path = loading.path.clone();
                self.loading = None;
                self.finish_open(&path, opened);
                return;
            }
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.loading = None;
                return;
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => {}
        }
        let name = loading
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        #[allow(clippy::cast_precision_loss)]
        let megabytes = loading.bytes as f64 / 1_000_000.0;
        let mut cancel = false;
        egui::Modal::new(egui::Id::unique("loading")).show(ctx, |ui| {
            ui.label(format!("Opening {name} ({megabytes:.1} MB)…"));
            ui.add(
                egui::ProgressBar::new(0.0)
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
        });
        if cancel {
            self.loading = None;
        }
        ctx.request_repaint_after(std::time::Duration::from_millis(100));
    }

    /// After a crash or kill: the unsaved work, what it holds, and the choice.
    fn offer_recovery(&mut self, ctx: &egui::Context) {
        let Some(offer) = &self.recovery_offer else {
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
                if let Some(offer) = self.recovery_offer.take() {
                    self.app.apply(Action::Edit(Edit::RestoreRecovered(Box::new(
                        offer.project,
                    ))));
                    self.reset_panes();
                }
            }
            Some(false) => {
                self.recovery_offer = None;
                if let Some(autosave) = &mut self.autosave {
                    autosave.forget_file(self.app.document.path.as_ref());
                }
            }
            None => {}
        }
    }

    fn reset_panes(&mut self) {
        let articles = &self.app.document.project.articles;
        let first = articles.first().map(|a| a.id.clone());
        let second = articles.get(1).map(|a| a.id.clone());
        self.second_pane_open = second.is_some();
        self.panes = [Pane::new("left", first), Pane::new("right", second)];
        self.focused_pane = 0;
        self.tagging = None;
        self.relations = relations::RelationsView::default();
    }

    /// Ctrl+S: the file is written on another thread, so the window never
    /// waits for the disk; the status bar says when it is there.
    pub fn save_in_background(&mut self) {
        if self.app.document.path.is_some() {
            self.app.save_in_background(None, true);
        } else {
            self.save_as();
        }
    }

    /// Waits for a save under way to reach the disk (tests, and before leaving).
    pub fn wait_for_save(&mut self) {
        self.app.wait_for_save();
    }

    /// Saves and returns once the file is written (before closing or opening another).
    fn save_or_ask(&mut self) {
        if self.app.document.path.is_some() {
            self.app.apply(Action::Save);
        } else {
            self.save_as();
        }
    }

    fn save_as(&mut self) {
        let name = self.app.document.project.title.clone();
        if let Some(path) = self.dialogs.save_project_as(&name) {
            self.save_as_path(path);
        } else {
            self.offer_path(files::PathPurpose::SaveAs);
        }
    }

    fn save_as_path(&mut self, path: PathBuf) {
        self.app.apply(Action::SaveAs(path.clone()));
        if self.app.document.path.as_deref() == Some(path.as_path()) && !self.app.document.dirty {
            files::remember(&mut self.recent, &path);
        }
    }

    /// When the dialog could not be shown at all: say why and ask for a path.
    fn offer_path(&mut self, purpose: files::PathPurpose) {
        if let Some(why) = self.dialogs.failure() {
            let path = std::env::current_dir()
                .map(|d| format!("{}/", d.display()))
                .unwrap_or_default();
            self.path_prompt = Some(files::PathPrompt { purpose, why, path });
        }
    }

    /// The typed-path fallback: a field, its completions, recent projects.
    fn show_path_prompt(&mut self, ctx: &egui::Context) {
        let Some(prompt) = &mut self.path_prompt else {
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
            if prompt.purpose == files::PathPurpose::Open && !self.recent.is_empty() {
                ui.separator();
                ui.weak("Recent projects");
                for recent in self.recent.iter().take(6) {
                    if ui
                        .selectable_label(false, recent.display().to_string())
                        .clicked()
                    {
                        prompt.path = recent.display().to_string();
                    }
                }
            }
            ui.horizontal(|ui| {
                let ok = match prompt.purpose {
                    files::PathPurpose::Open => "Open",
                    files::PathPurpose::SaveAs => "Save",
                    files::PathPurpose::Import => "Import",
                    files::PathPurpose::Export(_) => "Export",
                };
                if ui.button(ok).clicked() || enter {
                    chosen = Some(PathBuf::from(prompt.path.trim()));
                }
                if ui.button("Cancel").clicked() {
                    cancel = true;
                }
            });
        });
        if cancel {
            self.path_prompt = None;
        }
        let Some(path) = chosen.filter(|p| !p.as_os_str().is_empty()) else {
            return;
        };
        let Some(prompt) = self.path_prompt.take() else {
            return;
        };
        match prompt.purpose {
            files::PathPurpose::Open => self.open_project(&path),
            files::PathPurpose::SaveAs => self.save_as_path(files::with_project_extension(path)),
            files::PathPurpose::Import => {
                self.import_files(vec![path]);
            }
            files::PathPurpose::Export(format) => self.export_to(format, None, path),
        }
    }

    /// The reliability figures of several copies, until closed.
    fn show_reliability(&mut self, ctx: &egui::Context) {
        let Some(rows) = &self.reliability else {
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
            self.reliability = None;
        }
    }

    /// Every two seconds: did another program (a `git pull`) change the file?
    /// Then: reload it, merge it three-way with the work here, or keep working.
    fn watch_disk(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        if !self.disk_prompt && now >= self.next_disk_check {
            self.next_disk_check = now + 2.0;
            self.disk_prompt = self.app.disk_changed();
        }
        if self.app.document.path.is_some() {
            // Looked at again even while nobody moves the mouse.
            ctx.request_repaint_after(std::time::Duration::from_secs(2));
        }
        if !self.disk_prompt {
            return;
        }
        let dirty = self.app.document.dirty;
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
                self.disk_prompt = false;
                match self.app.merge_from_disk() {
                    Ok(0) => self.app.notice(
                        "merged the file's new version with your changes".to_owned(),
                        false,
                    ),
                    Ok(n) => self
                        .app
                        .notice(format!("merged; {n} conflict(s) to choose (listed)"), false),
                    Err(e) => self.app.notice(e, true),
                }
            }
            Some("reload") => {
                self.disk_prompt = false;
                if let Some(path) = self.app.document.path.clone() {
                    self.open_project(&path);
                }
            }
            Some(_) => {
                self.disk_prompt = false;
                self.app.accept_disk();
            }
            None => {}
        }
    }

    /// On the first run: whose name the work is stamped with, asked rather
    /// than set to a default nobody chose.
    fn ask_for_analyst(&mut self, ctx: &egui::Context) {
        if !self.ask_analyst {
            return;
        }
        let mut done = false;
        egui::Modal::new(egui::Id::unique("ask-analyst")).show(ctx, |ui| {
            ui.set_max_width(460.0);
            ui.heading("Who is coding?");
            ui.label("Everything you code is stamped with your name, so that colleagues see who coded what when your work is merged. You can change it at any time (top right).");
            let field = text_field::TextField::singleline(&mut self.app.analyst, "Your name")
                .width(300.0)
                .show(ui, &mut self.text);
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let named = !self.app.analyst.trim().is_empty();
            if ui.add_enabled(named, egui::Button::new("Continue")).clicked() || (enter && named) {
                done = true;
            }
        });
        if done {
            self.app.analyst = self.app.analyst.trim().to_owned();
            self.ask_analyst = false;
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
            self.app.apply(Action::Import(coding, self.headline));
        }
        if !articles.is_empty() {
            self.import_job = Some(import_preview::ImportJob::start(
                &articles,
                self.headline,
                &self.app.document.project,
            ));
        }
    }

    /// Waits for the files being read and opens the preview (tests).
    pub fn wait_for_import(&mut self) {
        if let Some(job) = self.import_job.take() {
            self.import_preview = Some(job.finish());
        }
    }

    /// Ctrl+Shift+V or Edit ▸ New article from clipboard asks the system for
    /// the clipboard; the paste that answers opens as a new article in the
    /// preview, and no text field receives it.
    fn take_pasted_article(&mut self, ctx: &egui::Context) {
        if self.paste == PasteRequest::Wanted {
            ctx.send_viewport_cmd(egui::ViewportCommand::RequestPaste);
            self.paste = PasteRequest::Asked;
        }
        if self.paste != PasteRequest::Asked {
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
        self.paste = PasteRequest::None;
        match import_preview::ImportPreview::from_clipboard(&pasted, &self.app.document.project) {
            Some(preview) => self.import_preview = Some(preview),
            None => self.app.notice(
                "the clipboard holds no text to make an article of".to_owned(),
                true,
            ),
        }
    }

    /// Progress of the files being read (with Cancel), then the preview.
    fn show_article_import(&mut self, ctx: &egui::Context) {
        if let Some(job) = &mut self.import_job {
            if let Some(preview) = job.poll() {
                self.import_preview = Some(preview);
                self.import_job = None;
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
        let Some(preview) = &mut self.import_preview else {
            return;
        };
        match preview.show(ctx, &mut self.text) {
            None => {}
            Some(import_preview::PreviewOutcome::Cancel) => self.import_preview = None,
            Some(import_preview::PreviewOutcome::Add(articles, said)) => {
                self.import_preview = None;
                let made = self
                    .app
                    .apply(Action::Edit(crate::model::edit::Edit::AddArticles(
                        articles,
                    )));
                if let Some(first) = made.and_then(|m| m.articles.first().cloned()) {
                    self.app.notice(said, false);
                    self.open_in(self.focused_pane, first);
                }
            }
        }
    }

    /// What the last import brought and what it could not map, until closed.
    fn show_import_report(&mut self, ctx: &egui::Context) {
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
    fn show_load_error(&mut self, ctx: &egui::Context) {
        let Some(error) = self.load_error.clone() else {
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
                    self.load_error = None;
                }
            });
        });
        if open_another {
            self.load_error = None;
            self.run_file_command(FileCommand::Open);
        }
    }

    /// The reader panes, the network or the timeline, under tabs to switch between them.
    fn show_desk(&mut self, ui: &mut egui::Ui, commands: &mut Vec<ViewCommand>) {
        ui.horizontal(|ui| {
            for (desk, name, tip) in [
                (Desk::Reader, "Reader", "The articles side by side"),
                (Desk::Network, "Network", "Who is tied to whom"),
                (Desk::Timeline, "Timeline", "The relations over time"),
            ] {
                ui.selectable_value(&mut self.desk, desk, name)
                    .on_hover_text(tip);
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                text_field::TextField::singleline(&mut self.app.analyst, "Analyst name")
                    .width(150.0)
                    .show(ui, &mut self.text)
                    .on_hover_text(
                        "Your work is stamped with this name, so colleagues see who coded what",
                    );
                ui.weak("analyst");
            });
        });
        if self.desk == Desk::Reader {
            self.show_panes(ui, commands);
            return;
        }
        // The table's filter bar serves the pictures too; repeated here only when the table is hidden.
        if !self.show_relations {
            let focused = self.panes[self.focused_pane].article.clone();
            self.relations.filters(
                ui,
                &mut self.text,
                &self.app.document.project,
                focused.as_ref(),
            );
        }
        let document = &self.app.document;
        let shown = self.relations.shown(document).to_vec();
        match self.desk {
            Desk::Network => self.network.show(
                ui,
                &mut self.text,
                &document.project,
                document.revisions.graph(),
                &shown,
                commands,
            ),
            Desk::Timeline => self.timeline.show(
                ui,
                &mut self.text,
                document,
                &shown,
                &mut self.relations.query,
                commands,
            ),
            Desk::Reader => {}
        }
    }

    fn show_panes(&mut self, ui: &mut egui::Ui, commands: &mut Vec<ViewCommand>) {
        if self.app.document.project.articles.is_empty() {
            first_run(ui, commands);
            return;
        }
        let hovered_actor = self.hovered_actor();
        if self.second_pane_open {
            let half = ui.available_width() / 2.0;
            egui::Panel::left("pane-left")
                .resizable(true)
                .default_size(half)
                .show(ui, |ui| {
                    self.show_pane(ui, 0, hovered_actor.as_ref(), commands);
                });
            egui::CentralPanel::default().show(ui, |ui| {
                self.show_pane(ui, 1, hovered_actor.as_ref(), commands)
            });
        } else {
            self.show_pane(ui, 0, hovered_actor.as_ref(), commands);
        }
    }

    /// The actor under the pointer in either pane, for linked mode.
    fn hovered_actor(&self) -> Option<(usize, ActorId)> {
        if !self.linked {
            return None;
        }
        // The pane's own list of what it shows, rather than a search of every highlight.
        self.panes.iter().enumerate().find_map(|(i, pane)| {
            let hovered = pane.reader.hovered_highlight()?;
            let (_, _, _, shown) = pane.shown.as_ref()?;
            let actor = shown.iter().find(|s| &s.id == hovered)?.actor.clone()?;
            Some((i, actor))
        })
    }

    fn show_pane(
        &mut self,
        ui: &mut egui::Ui,
        index: usize,
        hovered_actor: Option<&(usize, ActorId)>,
        commands: &mut Vec<ViewCommand>,
    ) {
        let coded = &self.app.document.coded;
        let project = &self.app.document.project;
        let focused = index == self.focused_pane;
        let pane = &mut self.panes[index];
        ui.horizontal(|ui| {
            let title = pane
                .article
                .as_ref()
                .and_then(|id| project.article(id))
                .map_or("(no article)", |a| a.title.as_str());
            let picker = ui
                .add(egui::Button::new(if pane.picking {
                    "Close list"
                } else {
                    "Article…"
                }))
                .on_hover_text("Choose the article for this pane");
            picker.widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::Button,
                    true,
                    format!("Choose article for pane {}", index + 1),
                )
            });
            if picker.clicked() {
                pane.picking = !pane.picking;
            }
            if index == 0 {
                ui.checkbox(&mut self.linked, "Linked").on_hover_text(
                    "Outline, in the other pane, every mention of the actor under the pointer",
                );
                let label = if self.second_pane_open {
                    "Single pane"
                } else {
                    "Side by side"
                };
                if ui
                    .small_button(label)
                    .on_hover_text("Show one article wide, or two side by side")
                    .clicked()
                {
                    commands.push(ViewCommand::ToggleSecondPane);
                }
            }
            if pane.theirs
                && let Some(c) = &self.comparison
            {
                ui.colored_label(ui.visuals().warn_fg_color, "colleague's coding, read-only:");
                bidi_label::show(ui, &mut self.text, &c.name, 13.0);
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let strong = if focused { 15.0 } else { 14.0 };
                bidi_label::show(ui, &mut self.text, title, strong);
            });
        });
        if pane.picking {
            let counts = &coded.per_article;
            egui::ScrollArea::vertical()
                .id_salt(("picker", index))
                .max_height(200.0)
                .show(ui, |ui| {
                    for (i, article) in project.articles.iter().enumerate() {
                        let n = counts.get(i).copied().unwrap_or(0);
                        let response = ui
                            .horizontal(|ui| {
                                ui.weak(
                                    article.published.map(|d| d.to_string()).unwrap_or_default(),
                                );
                                ui.weak(format!("{n} highlights"));
                                bidi_label::show(ui, &mut self.text, &article.outlet, 12.0);
                                ui.with_layout(
                                    egui::Layout::right_to_left(egui::Align::Center),
                                    |ui| {
                                        bidi_label::show(ui, &mut self.text, &article.title, 14.0);
                                    },
                                );
                            })
                            .response
                            .interact(egui::Sense::click());
                        let title = article.title.clone();
                        response.widget_info(|| {
                            egui::WidgetInfo::labeled(
                                egui::Role::ListItem,
                                true,
                                format!("Pane {}: {title}", index + 1),
                            )
                        });
                        if response.clicked() {
                            commands.push(ViewCommand::OpenInPane(index, article.id.clone()));
                        }
                    }
                });
            ui.separator();
        }
        let Some(article) = pane.article.as_ref().and_then(|id| project.article(id)) else {
            ui.centered_and_justified(|ui| ui.label("Choose an article."));
            return;
        };
        let revision = self.app.document.revisions;
        // The colleague's pane shows their highlights on the same text, cached apart from ours.
        let theirs = self
            .comparison
            .as_ref()
            // Only where the texts are the same: their spans mean nothing on another text.
            .filter(|c| pane.theirs && c.agreement.articles.contains(&article.id))
            .map(|c| &c.theirs);
        let is_theirs = theirs.is_some();
        if pane
            .shown
            .as_ref()
            .is_none_or(|(r, a, t, _)| *r != revision || *a != article.id || *t != is_theirs)
        {
            pane.shown = Some((
                revision,
                article.id.clone(),
                is_theirs,
                match theirs {
                    Some(theirs) => shown_highlights(theirs, theirs.highlights_in(&article.id)),
                    None => shown_highlights(project, coded.highlights_in(project, &article.id)),
                },
            ));
        }
        let highlights = &mut pane.shown.as_mut().expect("filled above").3;
        let linked = hovered_actor
            .filter(|(from, _)| *from != index)
            .map(|(_, actor)| actor);
        for shown in highlights.iter_mut() {
            shown.emphasised = linked.is_some() && shown.actor.as_ref() == linked;
        }
        let before = (
            pane.reader.selection(),
            pane.reader.selected_highlight.clone(),
        );
        let source = theirs.unwrap_or(project);
        let other = 1 - index;
        let mut menu_commands = Vec::new();
        pane.reader.show(
            ui,
            &mut self.text,
            article,
            highlights,
            self.reader_style,
            &mut |ui, target| {
                reader_menu(
                    ui,
                    source,
                    article,
                    target,
                    is_theirs,
                    other,
                    &mut menu_commands,
                );
            },
        );
        if !menu_commands.is_empty() {
            commands.push(ViewCommand::FocusPane(index));
            commands.append(&mut menu_commands);
        }
        let after = (
            pane.reader.selection(),
            pane.reader.selected_highlight.clone(),
        );
        if before != after && !focused {
            commands.push(ViewCommand::FocusPane(index));
        }
        if focused
            && pane.reader.selection().is_some()
            && self.tagging.is_none()
            && theirs.is_none()
        {
            let selected_relation = self
                .relations
                .selected
                .as_ref()
                .and_then(|id| self.app.document.project.relation(id))
                .is_some();
            tag_popup(ui, pane, selected_relation, commands);
        }
    }

    /// What a button of the codebook table asks for.
    fn codebook_request(
        &mut self,
        request: codebook::CodebookRequest,
        commands: &mut Vec<ViewCommand>,
    ) {
        use codebook::CodebookRequest;
        let project = &self.app.document.project;
        match request {
            CodebookRequest::Command(command) => commands.push(command),
            CodebookRequest::MergeActors(actors) => {
                self.editor = editors::EditorDialog::merge_actors(project, &actors);
            }
            CodebookRequest::DeleteActors(actors) => {
                self.editor = editors::EditorDialog::delete_actors(project, &actors);
            }
            CodebookRequest::DeleteClaims(claims) => {
                self.editor = editors::EditorDialog::delete_claims(project, &claims);
            }
            CodebookRequest::Export(format) => {
                commands.push(ViewCommand::File(FileCommand::Export(format)));
            }
        }
    }

    fn run_command(&mut self, command: ViewCommand) {
        match command {
            ViewCommand::OpenArticle(id) => self.open_in(self.focused_pane, id),
            ViewCommand::OpenInPane(pane, id) => {
                self.focused_pane = pane;
                self.panes[pane].picking = false;
                self.open_in(pane, id);
            }
            ViewCommand::ShowMention(actor) => self.show_mention(&actor),
            ViewCommand::EditActor(id) => {
                self.editor = editors::EditorDialog::actor(&self.app.document.project, &id);
            }
            ViewCommand::DeleteActor(id) => {
                self.editor = editors::EditorDialog::delete_actor(&self.app.document.project, &id);
            }
            ViewCommand::EditClaim(id) => {
                self.editor = editors::EditorDialog::claim(&self.app.document.project, &id);
            }
            ViewCommand::DeleteClaim(id) => {
                self.editor = editors::EditorDialog::delete_claim(&self.app.document.project, &id);
            }
            ViewCommand::EditArticle(id) => {
                self.editor = editors::EditorDialog::article(&self.app.document.project, &id);
            }
            ViewCommand::DeleteArticle(id) => {
                self.editor =
                    editors::EditorDialog::delete_article(&self.app.document.project, &id);
            }
            ViewCommand::Reveal {
                article,
                span,
                highlight,
            } => {
                let pane = self.focused_pane;
                self.open_in(pane, article);
                let reader = &mut self.panes[pane].reader;
                reader.selected_highlight = highlight;
                reader.jump_to(span.range());
            }
            ViewCommand::FindMentions(actor) => self
                .sidebar
                .find_mentions(&self.app.document.project, &actor),
            ViewCommand::FocusPane(pane) => {
                // The other pane's selection would be tagged by mistake; clear it.
                self.panes[1 - pane].reader.set_selection(None);
                self.focused_pane = pane;
            }
            ViewCommand::StartTagging(mode) => self.start_tagging(mode),
            ViewCommand::StartRelation => {
                let pane = &self.panes[self.focused_pane];
                let evidence = pane
                    .article
                    .clone()
                    .zip(pane.reader.selection())
                    .map(|(article, range)| (article, Span::new(range.start, range.end)));
                self.show_relations = true;
                self.relations.dialog = Some(relations::RelationDialog::new(
                    &self.app.document.project,
                    evidence,
                ));
                self.text_field_focus = Some("Source actor");
            }
            ViewCommand::AddEvidenceToSelectedRelation => {
                let pane = &mut self.panes[self.focused_pane];
                let (Some(article), Some(range), Some(relation)) = (
                    pane.article.clone(),
                    pane.reader.selection(),
                    self.relations.selected.clone(),
                ) else {
                    return;
                };
                self.app.apply(Action::Edit(Edit::AddEvidence {
                    relation,
                    article,
                    span: Span::new(range.start, range.end),
                }));
                pane.reader.set_selection(None);
                self.show_relations = true;
            }
            ViewCommand::File(command) => self.run_file_command(command),
            ViewCommand::Run(command) => {
                let (mut actions, mut commands) = (Vec::new(), Vec::new());
                self.run_ui_command(command, None, &mut actions, &mut commands);
                for command in commands {
                    self.run_command(command);
                }
                for action in actions {
                    self.app.apply(action);
                }
            }
            ViewCommand::ShowActorRelations(actor) => {
                self.relations.query.actor = Some(actor.clone());
                self.show_relations = true;
                self.sidebar.show_actor(&self.app.document.project, &actor);
            }
            ViewCommand::ShowRelation(index) => {
                let project = &self.app.document.project;
                let Some(relation) = project.relations.get(index) else {
                    return;
                };
                self.relations.selected = Some(relation.id.clone());
                self.show_relations = true;
                let mut reveal = Vec::new();
                relations::reveal_evidence(project, relation, &mut reveal);
                if !reveal.is_empty() {
                    self.desk = Desk::Reader;
                }
                for command in reveal {
                    self.run_command(command);
                }
            }
            ViewCommand::ExportNetwork(format) => self.export_network(format),
            ViewCommand::ShowCodebook(tab) => self.codebook.open(tab),
            ViewCommand::AnnotateHighlight(id) => {
                self.editor = editors::EditorDialog::highlight(&self.app.document.project, &id);
            }
            ViewCommand::Apply(edit) => {
                self.app.apply(Action::Edit(edit));
            }
            ViewCommand::ShowDisagreement(i) => {
                let Some(comparison) = &self.comparison else {
                    return;
                };
                let Some(d) = comparison.agreement.disagreements.get(i) else {
                    return;
                };
                let Some((article, ours)) = d.place().map(|(a, s)| (a.clone(), s)) else {
                    return;
                };
                let theirs = colleague::their_span(d).unwrap_or(ours);
                self.desk = Desk::Reader;
                self.second_pane_open = true;
                self.open_in(0, article.clone());
                self.panes[0].reader.jump_to(ours.range());
                self.panes[1].theirs = true;
                self.panes[1].shown = None;
                self.open_in(1, article);
                self.panes[1].reader.jump_to(theirs.range());
                self.focused_pane = 0;
            }
            ViewCommand::ToggleSecondPane => {
                self.second_pane_open = !self.second_pane_open;
                if !self.second_pane_open {
                    self.focused_pane = 0;
                }
            }
        }
    }

    fn open_in(&mut self, pane: usize, article: ArticleId) {
        if pane == 1 {
            self.second_pane_open = true;
        }
        let pane = &mut self.panes[pane];
        if pane.article.as_ref() != Some(&article) {
            pane.reader.reset();
            pane.article = Some(article);
        }
    }

    /// Opens the tagging dialog for the focused pane's selection, or for
    /// re-tagging its selected highlight (existing actor only).
    pub fn start_tagging(&mut self, mode: TagMode) {
        let pane = &self.panes[self.focused_pane];
        let Some(article) = pane.article.clone() else {
            return;
        };
        let project = &self.app.document.project;
        let target = match (pane.reader.selection(), &pane.reader.selected_highlight) {
            (Some(range), _) => TagTarget::Span {
                article: article.clone(),
                span: Span::new(range.start, range.end),
            },
            (None, Some(highlight)) if mode == TagMode::ExistingActor => {
                TagTarget::Retag(highlight.clone())
            }
            _ => return,
        };
        let quote = match &target {
            TagTarget::Span { span, .. } => project
                .article(&article)
                .and_then(|a| crate::model::text::slice_chars(&a.body, span.range()))
                .unwrap_or_default()
                .trim()
                .to_owned(),
            TagTarget::Retag(_) => String::new(),
        };
        self.tagging = match mode {
            TagMode::ExistingActor => Some(TagDialog::ExistingActor {
                target,
                query: quote,
                chosen: 0,
            }),
            TagMode::NewActor => Some(TagDialog::NewActor {
                target,
                name: quote,
                kind: crate::model::ActorKind::Person,
                aliases: String::new(),
                gloss: String::new(),
            }),
            TagMode::Claim => Some(TagDialog::Claim {
                target,
                text: quote,
                speaker_query: String::new(),
                speaker: None,
                stance: Stance::Affirms,
                speech: None,
            }),
            TagMode::Evidence => {
                if let TagTarget::Span { article, span } = target {
                    self.app.apply(Action::Edit(Edit::AddHighlight {
                        article,
                        span,
                        tag: Tag::Evidence,
                    }));
                    self.panes[self.focused_pane].reader.set_selection(None);
                }
                None
            }
        };
        let field = match self.tagging {
            Some(TagDialog::ExistingActor { .. }) => "Find actor",
            Some(TagDialog::NewActor { .. }) => "Canonical name",
            Some(TagDialog::Claim { .. }) => "Speaker",
            None => return,
        };
        // The pass that opens the dialog already saw the key; the field takes the keyboard next frame.
        self.text_field_focus = Some(field);
    }

    /// Jumps to the actor's mention after the one last shown, going on to the
    /// next article that mentions it when this one has no more.
    fn show_mention(&mut self, actor: &ActorId) {
        let project = &self.app.document.project;
        let mut mentions: Vec<_> = project
            .highlights
            .iter()
            .filter(|h| h.tag == Tag::Actor(actor.clone()))
            .collect();
        let order: std::collections::HashMap<&ArticleId, usize> = project
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| (&a.id, i))
            .collect();
        mentions.sort_by_key(|h| {
            (
                order.get(&h.article).copied().unwrap_or(usize::MAX),
                h.span.start,
            )
        });
        let pane = &self.panes[self.focused_pane];
        let current = pane
            .reader
            .selected_highlight
            .as_ref()
            .and_then(|id| mentions.iter().position(|h| &h.id == id));
        let next = match current {
            Some(i) => mentions.get(i + 1).or(mentions.first()),
            None => mentions
                .iter()
                .find(|h| Some(&h.article) == pane.article.as_ref())
                .or(mentions.first()),
        };
        let Some(next) = next.map(|h| (*h).clone()) else {
            return;
        };
        self.run_command(ViewCommand::Reveal {
            article: next.article,
            span: next.span,
            highlight: Some(next.id),
        });
    }

    /// The keys of the command table, each command where its scope allows.
    fn handle_shortcuts(
        &mut self,
        ui: &egui::Ui,
        actions: &mut Vec<Action>,
        commands: &mut Vec<ViewCommand>,
    ) {
        use commands::Scope;
        if let Some(field) = self.text_field_focus.take() {
            text_field::request_focus(ui.ctx(), field);
        }
        let typing = text_field::any_field_focused(ui.ctx())
            || self.tagging.is_some()
            || self.relations.dialog.is_some()
            || ui.ctx().text_edit_focused();
        // The colleague's pane is for reading: nothing is tagged or deleted from it.
        let read_only = self.panes[self.focused_pane].theirs && self.comparison.is_some();
        let reader = &self.panes[self.focused_pane].reader;
        let on_highlight = reader.selected_highlight.is_some() && reader.selection().is_none();
        let pressed = ui.input_mut(|i| {
            commands::take_pressed(i, |scope| match scope {
                Scope::Always => true,
                Scope::NotTyping => !typing,
                Scope::Coding => !typing && !read_only,
                Scope::Highlight => !typing && !read_only && on_highlight,
            })
        });
        for (command, shortcut) in pressed {
            self.run_ui_command(command, Some(shortcut.logical_key), actions, commands);
        }
    }

    /// Carries out a command of the table (from its keys, `key` being the
    /// one pressed, or from a menu).
    fn run_ui_command(
        &mut self,
        command: commands::UiCommand,
        key: Option<egui::Key>,
        actions: &mut Vec<Action>,
        commands: &mut Vec<ViewCommand>,
    ) {
        use commands::UiCommand as C;
        let size = &mut self.reader_style.font_size;
        match command {
            C::New => commands.push(ViewCommand::File(FileCommand::New)),
            C::Open => commands.push(ViewCommand::File(FileCommand::Open)),
            C::Save => commands.push(ViewCommand::File(FileCommand::Save)),
            C::SaveAs => commands.push(ViewCommand::File(FileCommand::SaveAs)),
            C::ImportArticles => commands.push(ViewCommand::File(FileCommand::ImportText)),
            C::PasteArticle => commands.push(ViewCommand::File(FileCommand::PasteArticle)),
            C::Quit => commands.push(ViewCommand::File(FileCommand::Quit)),
            C::Undo => actions.push(Action::Undo),
            C::Redo => actions.push(Action::Redo),
            C::Find => {
                self.sidebar.tab = sidebar::Tab::Search;
                self.text_field_focus = Some("Search the project");
            }
            C::LargerText => *size = (*size + 2.0).min(MAX_FONT_SIZE),
            C::SmallerText => *size = (*size - 2.0).max(MIN_FONT_SIZE),
            C::DefaultText => *size = TextStyle::default().font_size,
            C::ShortcutHelp => {
                self.shortcut_help = match self.shortcut_help {
                    Some(_) => None,
                    None => Some(shortcut_help::ShortcutHelp::default()),
                };
            }
            C::TagExistingActor => commands.push(ViewCommand::StartTagging(TagMode::ExistingActor)),
            C::TagNewActor => commands.push(ViewCommand::StartTagging(TagMode::NewActor)),
            C::TagClaim => commands.push(ViewCommand::StartTagging(TagMode::Claim)),
            C::TagEvidence => commands.push(ViewCommand::StartTagging(TagMode::Evidence)),
            C::AddRelation => commands.push(ViewCommand::StartRelation),
            C::CiteForRelation => commands.push(ViewCommand::AddEvidenceToSelectedRelation),
            C::DeleteHighlight => {
                if let Some(selected) = self.panes[self.focused_pane]
                    .reader
                    .selected_highlight
                    .clone()
                {
                    actions.push(Action::Edit(Edit::DeleteHighlight(selected)));
                }
            }
            C::HighlightEndLater => self.nudge_highlight(Edge::End, 1, actions),
            C::HighlightEndEarlier => self.nudge_highlight(Edge::End, -1, actions),
            C::HighlightStartEarlier => self.nudge_highlight(Edge::Start, -1, actions),
            C::HighlightStartLater => self.nudge_highlight(Edge::Start, 1, actions),
            C::MoveHighlightEnd | C::MoveHighlightStart => {
                let edge = if command == C::MoveHighlightEnd {
                    Edge::End
                } else {
                    Edge::Start
                };
                // The arrows move an edge the way they point on screen: in
                // right-to-left text ← is forward.
                let rtl = self.panes[self.focused_pane]
                    .reader
                    .selected_highlight
                    .as_ref()
                    .and_then(|id| self.app.document.project.highlight(id))
                    .is_some_and(|h| crate::model::text::reads_right_to_left(&h.quote));
                let step = match (key, rtl) {
                    (Some(egui::Key::ArrowLeft), true) | (Some(egui::Key::ArrowRight), false) => 1,
                    (Some(egui::Key::ArrowLeft | egui::Key::ArrowRight), _) => -1,
                    _ => return,
                };
                self.nudge_highlight(edge, step, actions);
            }
        }
    }

    /// Moves an edge of the selected highlight a character later (`step`
    /// 1) or earlier (-1); it never becomes empty.
    fn nudge_highlight(&self, edge: Edge, step: i8, actions: &mut Vec<Action>) {
        let Some(selected) = self.panes[self.focused_pane]
            .reader
            .selected_highlight
            .clone()
        else {
            return;
        };
        let Some(h) = self.app.document.project.highlight(&selected) else {
            return;
        };
        let mut span = h.span;
        match (edge, step > 0) {
            (Edge::End, true) => span.end += 1,
            (Edge::End, false) => span.end = span.end.saturating_sub(1).max(span.start + 1),
            (Edge::Start, false) => span.start = span.start.saturating_sub(1),
            (Edge::Start, true) => span.start = (span.start + 1).min(span.end - 1),
        }
        if span != h.span {
            actions.push(Action::Edit(Edit::ResizeHighlight {
                highlight: selected,
                span,
            }));
        }
    }
}

/// Which end of a highlight a key moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Edge {
    Start,
    End,
}

/// The figures for this project and the copies in `files` (those that can be read).
fn reliability_rows(project: &Project, files: &[PathBuf]) -> Vec<(String, String)> {
    use crate::exchange::{agreement::TagKind, reliability};
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

/// The reader's right-click menu: what applies to a highlight, or to the
/// selection. A colleague's pane is for reading: it offers only to copy and
/// to look.
fn reader_menu(
    ui: &mut egui::Ui,
    project: &Project,
    article: &crate::model::Article,
    target: &reader::MenuTarget,
    read_only: bool,
    other_pane: usize,
    commands: &mut Vec<ViewCommand>,
) {
    let mut item =
        |ui: &mut egui::Ui, label: &str, shortcut: &str, command: Option<ViewCommand>| {
            let mut button = egui::Button::new(label);
            if !shortcut.is_empty() {
                button = button.shortcut_text(shortcut);
            }
            if ui.add(button).clicked() {
                commands.extend(command);
                ui.close();
            }
        };
    match target {
        reader::MenuTarget::Highlight(id) => {
            let Some(h) = project.highlight(id) else {
                return;
            };
            if !read_only {
                if let Tag::Actor(actor) = &h.tag {
                    item(
                        ui,
                        "Edit the actor…",
                        "",
                        Some(ViewCommand::EditActor(actor.clone())),
                    );
                    item(
                        ui,
                        "Find other mentions",
                        "",
                        Some(ViewCommand::FindMentions(actor.clone())),
                    );
                }
                if let Tag::Claim(claim) = &h.tag {
                    item(
                        ui,
                        "Edit the claim…",
                        "",
                        Some(ViewCommand::EditClaim(claim.clone())),
                    );
                }
                item(
                    ui,
                    "Tag as another actor…",
                    &commands::UiCommand::TagExistingActor.first_key_text(ui.ctx()),
                    Some(ViewCommand::StartTagging(TagMode::ExistingActor)),
                );
                let note = if matches!(h.tag, Tag::Claim(_)) {
                    "Note, quote or paraphrase…"
                } else {
                    "Note…"
                };
                item(
                    ui,
                    note,
                    "",
                    Some(ViewCommand::AnnotateHighlight(id.clone())),
                );
                ui.separator();
            }
            if ui.button("Copy the quote").clicked() {
                ui.ctx().copy_text(h.quote.clone());
                ui.close();
            }
            if !read_only {
                item(
                    ui,
                    "Open in the other pane",
                    "",
                    Some(ViewCommand::OpenInPane(other_pane, article.id.clone())),
                );
                ui.separator();
                item(
                    ui,
                    commands::UiCommand::DeleteHighlight.label(),
                    &commands::UiCommand::DeleteHighlight.first_key_text(ui.ctx()),
                    Some(ViewCommand::Apply(Edit::DeleteHighlight(id.clone()))),
                );
            }
        }
        reader::MenuTarget::Selection(range) => {
            if !read_only {
                for command in [
                    commands::UiCommand::TagExistingActor,
                    commands::UiCommand::TagNewActor,
                    commands::UiCommand::TagClaim,
                    commands::UiCommand::TagEvidence,
                    commands::UiCommand::AddRelation,
                ] {
                    let keys = command.first_key_text(ui.ctx());
                    item(ui, command.label(), &keys, Some(ViewCommand::Run(command)));
                }
                // A highlight's span is changed by selecting its new extent:
                // the highlight the selection overlaps most takes it.
                let span = Span::new(range.start, range.end);
                let overlap = |h: &&crate::model::Highlight| {
                    h.span
                        .end
                        .min(span.end)
                        .saturating_sub(h.span.start.max(span.start))
                };
                if let Some(h) = project
                    .highlights
                    .iter()
                    .filter(|h| h.article == article.id && h.span.overlaps(span) && h.span != span)
                    .max_by_key(overlap)
                {
                    ui.separator();
                    item(
                        ui,
                        "Make the highlight here cover the selection",
                        "",
                        Some(ViewCommand::Apply(Edit::ResizeHighlight {
                            highlight: h.id.clone(),
                            span,
                        })),
                    );
                }
                ui.separator();
            }
            if ui
                .add(egui::Button::new("Copy").shortcut_text("Ctrl+C"))
                .clicked()
            {
                if let Some(words) = crate::model::text::slice_chars(&article.body, range.clone()) {
                    ui.ctx().copy_text(words.to_owned());
                }
                ui.close();
            }
        }
    }
}

/// The sample project, built into the program so that a copied or
/// installed binary still has it.
pub const SAMPLE_PROJECT: &str = include_str!("../../projects/gulf-crisis-sample.warraq.ron");

/// What an empty window offers: the sample, a project, or articles to import.
fn first_run(ui: &mut egui::Ui, commands: &mut Vec<ViewCommand>) {
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() / 4.0);
        ui.heading("Warraq");
        ui.label("Read news articles side by side and code their actors, claims and relations.");
        ui.add_space(12.0);
        if ui
            .button("Open the sample project")
            .on_hover_text("Two Arabic reports on Qatar (2017, 2020), already coded; opens as an untitled copy")
            .clicked()
        {
            commands.push(ViewCommand::File(FileCommand::OpenSample));
        }
        if ui
            .button("Open a project…")
            .on_hover_text("A *.warraq.ron file (Ctrl+O)")
            .clicked()
        {
            commands.push(ViewCommand::File(FileCommand::Open));
        }
        if ui
            .button("Import articles…")
            .on_hover_text("Saved web pages, Word files, PDFs or text files (or folders of them), checked in a preview before they are added")
            .clicked()
        {
            commands.push(ViewCommand::File(FileCommand::ImportText));
        }
    });
}

/// The small pop-up beside a selection: the mouse's way to tag it.
fn tag_popup(ui: &egui::Ui, pane: &Pane, relation_selected: bool, commands: &mut Vec<ViewCommand>) {
    let Some(rect) = pane.reader.selection_end_rect() else {
        return;
    };
    // Above the selection's last line when there is room, so that it never
    // covers the line below (where the next word to read or click is).
    const POPUP_HEIGHT: f32 = 34.0;
    let above = rect.top() - POPUP_HEIGHT - 4.0 >= ui.clip_rect().top();
    let (pivot, at) = if above {
        (
            egui::Align2::LEFT_BOTTOM,
            rect.left_top() - egui::vec2(0.0, 4.0),
        )
    } else {
        (
            egui::Align2::LEFT_TOP,
            rect.left_bottom() + egui::vec2(0.0, 4.0),
        )
    };
    egui::Area::new(egui::Id::unique("tag-popup"))
        .order(egui::Order::Foreground)
        .pivot(pivot)
        .fixed_pos(at)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.horizontal(|ui| {
                    // Short names on the pop-up; keys and what they do from the command table.
                    let mut buttons = vec![
                        ("Actor", commands::UiCommand::TagExistingActor),
                        ("New actor", commands::UiCommand::TagNewActor),
                        ("Claim", commands::UiCommand::TagClaim),
                        ("Evidence", commands::UiCommand::TagEvidence),
                    ];
                    if relation_selected {
                        buttons.push((
                            "Cite for selected relation",
                            commands::UiCommand::CiteForRelation,
                        ));
                    }
                    for (name, command) in buttons {
                        let label = format!("{name} ({})", command.first_key_text(ui.ctx()));
                        if ui
                            .small_button(label)
                            .on_hover_text(command.tooltip())
                            .clicked()
                        {
                            commands.push(ViewCommand::Run(command));
                        }
                    }
                });
            });
        });
}

/// The highlights of one article as the reader shows them, with their tags' names.
pub fn shown_highlights<'a>(
    project: &'a Project,
    highlights: impl Iterator<Item = &'a crate::model::Highlight>,
) -> Vec<ShownHighlight> {
    // Looked up once here, not once per highlight: a project may hold thousands of actors and relations.
    let actors: HashMap<&ActorId, &str> = project
        .actors
        .iter()
        .map(|a| (&a.id, a.name.as_str()))
        .collect();
    let claims: HashMap<&crate::model::ClaimId, &str> = project
        .claims
        .iter()
        .map(|c| (&c.id, c.text.as_str()))
        .collect();
    let highlights: Vec<_> = highlights.collect();
    let mut citations: HashMap<&HighlightId, usize> = highlights
        .iter()
        .filter(|h| h.tag == Tag::Evidence)
        .map(|h| (&h.id, 0))
        .collect();
    if !citations.is_empty() {
        for relation in project.relations.iter() {
            for evidence in relation.evidence() {
                if let Some(n) = citations.get_mut(evidence) {
                    *n += 1;
                }
            }
        }
    }
    highlights
        .into_iter()
        .map(|h| {
            let (kind, label, actor) = match &h.tag {
                Tag::Actor(id) => (
                    HighlightKind::Actor,
                    actors
                        .get(id)
                        .map_or_else(|| id.to_string(), |name| (*name).to_owned()),
                    Some(id.clone()),
                ),
                Tag::Claim(id) => (
                    HighlightKind::Claim,
                    claims
                        .get(id)
                        .map_or_else(|| id.to_string(), |text| (*text).to_owned()),
                    None,
                ),
                Tag::Evidence => {
                    let cited = citations.get(&h.id).copied().unwrap_or(0);
                    (
                        HighlightKind::Evidence,
                        format!("cited by {cited} relation(s)"),
                        None,
                    )
                }
            };
            ShownHighlight {
                id: h.id.clone(),
                range: h.span.range(),
                kind,
                label,
                actor,
                emphasised: false,
            }
        })
        .collect()
}

impl eframe::App for WarraqApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, FONT_SIZE_KEY, &self.reader_style.font_size);
        eframe::set_value(storage, RECENT_KEY, &self.recent);
        eframe::set_value(storage, ANALYST_KEY, &self.app.analyst);
        eframe::set_value(storage, HEADLINE_KEY, &self.headline);
        eframe::set_value(storage, ZOOM_KEY, &self.zoom);
        if let Some(key) = self.panes_key() {
            let open: Vec<Option<String>> = self
                .panes
                .iter()
                .map(|p| p.article.as_ref().map(ToString::to_string))
                .collect();
            eframe::set_value(storage, &key, &(open, self.second_pane_open));
        }
    }
}

impl WarraqApp {
    /// Where the open articles of this project are remembered.
    fn panes_key(&self) -> Option<String> {
        let path = self.app.document.path.as_ref()?;
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
        Some(format!("panes:{}", path.display()))
    }

    fn restore_panes(&mut self, storage: &dyn eframe::Storage) {
        let Some(key) = self.panes_key() else {
            return;
        };
        let Some((open, second)) = eframe::get_value::<(Vec<Option<String>>, bool)>(storage, &key)
        else {
            return;
        };
        for (pane, article) in self.panes.iter_mut().zip(open) {
            if let Some(id) = article.map(ArticleId::new)
                && self.app.document.project.article(&id).is_some()
            {
                pane.article = Some(id);
            }
        }
        self.second_pane_open = second;
    }
}

/// Fonts and options every context needs, the window's and the tests' alike.
pub fn setup_context(ctx: &egui::Context) {
    fonts::install(ctx);
    // Ctrl +/- sizes the article text, not the whole interface.
    ctx.options_mut(|o| o.zoom_with_keyboard = false);
}

/// On Linux, OpenGL: it is everywhere (Mesa renders it in software on machines
/// with no GPU, where trying Vulkan first was seen to hang before the window
/// opened), and egui needs nothing more. `WGPU_BACKEND` still overrides it.
fn wgpu_options() -> eframe::egui_wgpu::WgpuConfiguration {
    let mut options = eframe::egui_wgpu::WgpuConfiguration::default();
    if cfg!(target_os = "linux")
        && std::env::var_os("WGPU_BACKEND").is_none()
        && let eframe::egui_wgpu::WgpuSetup::CreateNew(setup) = &mut options.wgpu_setup
    {
        setup.instance_descriptor.backends = eframe::wgpu::Backends::GL;
    }
    options
}

/// Starts the window, opening `file` if given (a double-click passes it here).
pub fn run(file: Option<PathBuf>) -> anyhow::Result<std::process::ExitCode> {
    let app = App::default();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(app.document.window_title())
            .with_app_id("warraq")
            .with_inner_size([1400.0, 850.0]),
        wgpu_options: wgpu_options(),
        ..Default::default()
    };
    eframe::run_native(
        "Warraq",
        options,
        Box::new(|cc| {
            setup_context(&cc.egui_ctx);
            let mut window = WarraqApp::new(app);
            match &file {
                // "Open with Warraq" on a text file: a new project with that article.
                Some(path)
                    if path
                        .extension()
                        .is_some_and(|e| e.eq_ignore_ascii_case("txt")) =>
                {
                    window
                        .app
                        .apply(Action::ImportText(vec![path.clone()], window.headline));
                    window.reset_panes();
                }
                // A web page, Word file or PDF: a new project, the article in the preview.
                Some(path) if crate::extract::is_article_file(path) => {
                    window.import_files(vec![path.clone()]);
                }
                Some(path) => window.open_project(path),
                None => {}
            }
            if let Some(store) = crate::store::recovery::RecoveryStore::default_location() {
                window = window.with_autosave(autosave::Autosave::new(store));
            }
            if let Some(storage) = cc.storage {
                if let Some(size) = eframe::get_value::<f32>(storage, FONT_SIZE_KEY) {
                    window.reader_style.font_size = size.clamp(MIN_FONT_SIZE, MAX_FONT_SIZE);
                }
                window.restore_panes(storage);
                window.recent = eframe::get_value(storage, RECENT_KEY).unwrap_or_default();
                window.headline = eframe::get_value(storage, HEADLINE_KEY).unwrap_or_default();
                window.zoom = eframe::get_value::<f32>(storage, ZOOM_KEY)
                    .unwrap_or(1.0)
                    .clamp(0.5, 2.0);
                match eframe::get_value::<String>(storage, ANALYST_KEY)
                    .filter(|a| !a.trim().is_empty())
                {
                    Some(analyst) => window.app.analyst = analyst,
                    // Never named yet: asked, prefilled with the account's name.
                    None => window.ask_analyst = std::env::var_os("WARRAQ_ANALYST").is_none(),
                }
                if let Some(path) = window.app.document.path.clone() {
                    files::remember(&mut window.recent, &path);
                }
            }
            Ok(Box::new(window))
        }),
    )
    .map_err(|e| anyhow::anyhow!("cannot start the window: {e}"))?;
    Ok(std::process::ExitCode::SUCCESS)
}
