//! The window's state by feature: each part holds what one concern of the
//! window needs between frames, so `WarraqApp` is a handful of parts.

use super::colleague;
use super::colleague::{Comparison, ExportChoice, MergeSession};
use super::intents::{Desk, Dialog, Intents};
use super::pane::Pane;
use super::sidebar::Sidebar;
use super::tagging::TagDialog;
use super::text_resources::TextResources;
use super::window::{Closing, Loading, PasteRequest};
use super::{
    autosave, codebook, discourse, editors, files, import_preview, network, relations,
    shortcut_help, timeline,
};
use crate::model::Project;
use crate::text::TextStyle;
use std::path::PathBuf;

/// The window's work on files: where closing stands, the questions about
/// unsaved changes and the file on disk, the recent list, the system's
/// dialogs (or a typed path), recovery copies, and jobs on other threads.
pub(super) struct FileWork {
    /// Where closing the window stands.
    pub(super) closing: Closing,
    /// When to look again whether another program changed the file (seconds of egui time).
    pub(super) next_disk_check: f64,
    /// The file changed on disk: reload, merge or keep working?
    pub(super) disk_prompt: bool,
    /// A Save As under way: its file goes into the recent list once it is written.
    pub(super) saving_as: bool,
    /// What waits for the answer to "save the changes first?".
    pub(super) pending: Option<files::Pending>,
    /// A project that could not be opened: the error, shown until dismissed.
    pub(super) load_error: Option<String>,
    pub(super) recent: Vec<PathBuf>,
    pub(super) dialogs: Box<dyn files::Dialogs>,
    /// A path to type, when no file dialog could be shown.
    pub(super) path_prompt: Option<files::PathPrompt>,
    pub(super) autosave: Option<autosave::Autosave>,
    /// Unsaved work found from a session that ended without saving, offered back.
    pub(super) recovery_offer: Option<crate::store::recovery::Recovered>,
    /// A large project being read on another thread.
    pub(super) loading: Option<Loading>,
    /// Exports being written on other threads: what each is, in words, and its result.
    pub(super) exports: Vec<(String, std::sync::mpsc::Receiver<Result<PathBuf, String>>)>,
    pub(super) shown_title: String,
    /// Article files being read on another thread.
    pub(super) import_job: Option<import_preview::ImportJob>,
    /// What was read, shown for checking before it is added.
    pub(super) import_preview: Option<import_preview::ImportPreview>,
    /// Where Edit ▸ New article from clipboard is in asking for the clipboard's text.
    pub(super) paste: PasteRequest,
}

/// Work with colleagues' copies: a comparison (and its curation), a merge,
/// the choice of articles to send, the agreement of several copies.
pub(super) struct ColleagueWork {
    pub(super) comparison: Option<Comparison>,
    pub(super) merging: Option<MergeSession>,
    pub(super) export_choice: Option<ExportChoice>,
    /// Reliability figures of several analysts' copies: (figure, value) rows.
    pub(super) reliability: Option<Vec<(String, String)>>,
}

/// How the window is divided, as shares of it: a change of interface size
/// (or of the window's) lays the desk out again in the same proportions,
/// where egui alone would keep each panel's width in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Division {
    pub(super) articles: f32,
    pub(super) sidebar: f32,
    /// The relations panel's share of the height, once the analyst has
    /// dragged it; until then 330 points, as far as the reader keeps room.
    pub(super) relations: Option<f32>,
    /// The space, in points, the shares were last taken of.
    pub(super) seen: egui::Vec2,
}

impl Default for Division {
    fn default() -> Self {
        // 260 and 300 points of 1400: the desk as first designed.
        Self {
            articles: 0.19,
            sidebar: 0.215,
            relations: None,
            seen: egui::Vec2::ZERO,
        }
    }
}

/// The views beside and below the reader, and which of them is shown.
pub(super) struct Views {
    pub(super) division: Division,
    pub(super) sidebar: Sidebar,
    pub(super) articles: super::article_list::ArticleList,
    /// The codebook table (actors and claims), in its own window.
    pub(super) codebook: codebook::Codebook,
    pub(super) relations: relations::RelationsView,
    pub(super) show_relations: bool,
    pub(super) desk: Desk,
    pub(super) network: network::NetworkView,
    pub(super) discourse: discourse::DiscourseView,
    pub(super) timeline: timeline::TimelineView,
}

/// The small windows over the desk.
pub(super) struct Popups {
    pub(super) tagging: Option<TagDialog>,
    /// The editor or delete question about one actor, claim or article.
    pub(super) editor: Option<editors::EditorDialog>,
    /// Ask for the analyst's name (the first run): their work is stamped with it.
    pub(super) ask_analyst: bool,
    /// The keyboard shortcuts (F1), open.
    pub(super) shortcut_help: Option<shortcut_help::ShortcutHelp>,
}

/// The two reader panes and how they are read.
pub(super) struct Reading {
    pub(super) panes: [Pane; 2],
    pub(super) focused_pane: usize,
    pub(super) second_pane_open: bool,
    /// The left pane's share of the width the two panes have: a share, not
    /// a width, so the panes stay as divided whatever the interface size.
    pub(super) split: f32,
    /// Outline, in the other pane, every mention of the actor under the pointer.
    pub(super) linked: bool,
    pub(super) reader_style: TextStyle,
}

impl ColleagueWork {
    /// The comparison (and its curation), the merge and the choice of
    /// articles to send, each while it is open. `Close` when the comparison
    /// closed this frame.
    pub(super) fn show(
        &mut self,
        ctx: &egui::Context,
        text: &mut TextResources,
        (project, revision): (&Project, u64),
        intents: &mut Intents,
    ) -> Dialog {
        let comparison = if self.comparison.is_some() {
            Dialog::show_in(&mut self.comparison, |comparison| {
                colleague::show_comparison(ctx, text, comparison, intents)
            })
        } else {
            Dialog::Open
        };
        Dialog::show_in(&mut self.export_choice, |choice| {
            colleague::show_export_choice(ctx, text, project, choice, intents)
        });
        Dialog::show_in(&mut self.merging, |session| {
            session.follow(project, revision);
            colleague::show_merge(ctx, text, project, session, intents)
        });
        comparison
    }
}

impl Popups {
    /// An editor, the tagging pop-up and the shortcuts, each while it is open
    /// (the analyst's name is asked by the window, which keeps the session).
    pub(super) fn show(
        &mut self,
        ctx: &egui::Context,
        text: &mut TextResources,
        project: &Project,
        intents: &mut Intents,
    ) {
        Dialog::show_in(&mut self.editor, |dialog| {
            editors::show(ctx, dialog, text, project, intents)
        });
        Dialog::show_in(&mut self.tagging, |dialog| {
            super::tagging::show(ctx, dialog, text, project, intents)
        });
        Dialog::show_in(&mut self.shortcut_help, |help| help.show(ctx));
    }
}
