//! What views ask for. Every view pushes `Intent`s into the frame's one
//! queue and changes nothing itself; the window applies them, in order, at
//! the end of the frame (`WarraqApp::apply_intents`). Changes to the project
//! are `Intent::Project`, and go to the edit path from there only.

use super::commands::UiCommand;
use crate::app::Action;
use crate::model::edit::Edit;
use crate::model::{ActorId, ArticleId, ClaimId, HighlightId, RelationId, Span};
use std::collections::VecDeque;
use std::ops::Range;
use std::path::PathBuf;

/// One thing a view asks for: a change to what is shown, or to the project.
#[derive(Debug, Clone, PartialEq)]
pub enum Intent {
    /// A change to the project or its file (edit, undo, save, import).
    Project(Action),
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
    EditClaim(ClaimId),
    /// Rename a concept (or change its note).
    EditConcept(crate::model::ConceptId),
    /// Ask before deleting a concept with the claims about it.
    DeleteConcept(crate::model::ConceptId),
    /// Ask before deleting a claim with its highlights.
    DeleteClaim(ClaimId),
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
    /// A command of the command table (a menu item or a key).
    Run(UiCommand),
    /// Filter the relations table to an actor and list its mentions (a click on a network node).
    ShowActorRelations(ActorId),
    /// Select a relation (by index) in the table and open its evidence in the reader.
    ShowRelation(usize),
    ExportNetwork(PictureFormat),
    /// Write the discourse network the Discourse desk shows, or its statements.
    ExportDiscourse(crate::network::Format),
    /// Open disagreement `n` of the comparison: ours left, the colleague's right.
    ShowDisagreement(usize),
    /// Open the codebook table at its actors or its claims.
    ShowCodebook(CodebookTab),
    /// Edit a highlight's note (and, for a claim, quote or paraphrase).
    AnnotateHighlight(HighlightId),
    /// Ask before merging these actors into one (the window picks the survivor).
    MergeActors(Vec<ActorId>),
    /// Ask before deleting these actors (and what depends on them).
    DeleteActors(Vec<ActorId>),
    /// Ask before deleting these claims with their highlights.
    DeleteClaims(Vec<ClaimId>),
    /// Add the articles checked in the import preview, then open the first
    /// and say what was done.
    AddArticles {
        articles: Vec<crate::model::Article>,
        said: String,
    },
    /// Put back the unsaved work of a session that ended without saving.
    RestoreRecovered(Box<crate::model::Project>),
    /// Save the adjudicated copy of a comparison.
    SaveCurated,
    /// Export these articles (with their coding) as a project for a colleague.
    ExportArticles(Vec<ArticleId>),
    /// Show the reader, the network or the timeline in the middle.
    ShowDesk(Desk),
    /// Select a relation in the table (without opening its evidence).
    SelectRelation(RelationId),
    /// Set a pane's text selection (none clears it).
    Select {
        pane: usize,
        range: Option<Range<usize>>,
    },
    /// Scroll a pane to characters of its article and flash them.
    JumpTo {
        pane: usize,
        range: Range<usize>,
    },
}

impl From<Action> for Intent {
    fn from(action: Action) -> Self {
        Self::Project(action)
    }
}

impl From<Edit> for Intent {
    fn from(edit: Edit) -> Self {
        Self::Project(Action::Edit(edit))
    }
}

impl From<FileCommand> for Intent {
    fn from(command: FileCommand) -> Self {
        Self::File(command)
    }
}

impl From<UiCommand> for Intent {
    fn from(command: UiCommand) -> Self {
        Self::Run(command)
    }
}

/// The frame's queue of intents, applied first in, first out; what applying
/// one asks for in turn joins the end of the same queue.
#[derive(Debug, Default)]
pub struct Intents {
    queue: VecDeque<Intent>,
}

impl Intents {
    pub fn push(&mut self, intent: impl Into<Intent>) {
        self.queue.push_back(intent.into());
    }

    pub fn extend(&mut self, intents: impl IntoIterator<Item = impl Into<Intent>>) {
        self.queue.extend(intents.into_iter().map(Into::into));
    }

    /// Moves `other`'s intents to the end of this queue.
    pub fn append(&mut self, other: &mut Self) {
        self.queue.append(&mut other.queue);
    }

    pub fn pop(&mut self) -> Option<Intent> {
        self.queue.pop_front()
    }

    pub fn is_empty(&self) -> bool {
        self.queue.is_empty()
    }
}

/// Whether a dialog stays on screen after this frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialog {
    Open,
    Close,
}

/// What the middle of the window shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Desk {
    #[default]
    Reader,
    Network,
    Discourse,
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
    /// Save as a folder of files (a file per article).
    SaveAsFolder,
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

/// How a selection is tagged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagMode {
    ExistingActor,
    NewActor,
    Claim,
    Evidence,
}

impl Dialog {
    /// Draws the dialog held in `slot`, if one is, and empties the slot once
    /// the dialog closes.
    pub fn show_in<T>(slot: &mut Option<T>, draw: impl FnOnce(&mut T) -> Self) -> Self {
        let Some(dialog) = slot else {
            return Self::Close;
        };
        let answer = draw(dialog);
        if answer == Self::Close {
            *slot = None;
        }
        answer
    }

    pub fn closed_if(done: bool) -> Self {
        if done { Self::Close } else { Self::Open }
    }
}

/// The codebook window's tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CodebookTab {
    #[default]
    Actors,
    Concepts,
    Claims,
}

/// The network picture's file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PictureFormat {
    Png,
    Svg,
}

impl PictureFormat {
    pub fn extension(self) -> &'static str {
        match self {
            Self::Png => "png",
            Self::Svg => "svg",
        }
    }
}
