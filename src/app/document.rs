//! The open document: the project, its file, undo and redo as logs of
//! inverse ops, and a revision per part of the project for what views derive.

use crate::model::Project;
use crate::model::coded::Coded;
use crate::model::edit::{self as edit, Op, Touched};
use crate::store::FileStamp;
use std::collections::VecDeque;
use std::path::{Path, PathBuf};

/// How many steps back undo reaches; older steps are forgotten.
pub(super) const UNDO_DEPTH: usize = 200;

/// The revision of each part of the project: what is derived from a part
/// (the relation index from relations, actors and the vocabulary; a pane's
/// highlights from highlights) is kept while that part's revision stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Revisions {
    pub meta: u64,
    pub actors: u64,
    pub claims: u64,
    pub highlights: u64,
    pub highlight_text: u64,
    pub relations: u64,
    pub articles: u64,
    pub vocabulary: u64,
    pub rejections: u64,
}

impl Revisions {
    fn all(revision: u64) -> Self {
        Self {
            meta: revision,
            actors: revision,
            claims: revision,
            highlights: revision,
            highlight_text: revision,
            relations: revision,
            articles: revision,
            vocabulary: revision,
            rejections: revision,
        }
    }

    /// Names the state of what the network and the timeline read: relations,
    /// actors, the vocabulary and articles. Revision numbers are never
    /// reused and each edit writes its own into every part it touched, so the
    /// largest of them names one state of those parts.
    pub fn graph(&self) -> u64 {
        self.relations
            .max(self.actors)
            .max(self.vocabulary)
            .max(self.articles)
    }

    /// What a discourse network reads: claims (and concepts), their
    /// passages, actors and articles.
    pub fn discourse(&self) -> u64 {
        self.claims
            .max(self.highlights)
            .max(self.actors)
            .max(self.articles)
    }

    /// What the relations table reads: the graph's parts and the quotes of
    /// its evidence (not a highlight added or removed elsewhere).
    pub fn table(&self) -> u64 {
        self.graph().max(self.highlight_text)
    }

    pub(super) fn bump(&mut self, touched: Touched, revision: u64) {
        let parts = [
            (touched.meta, &mut self.meta),
            (touched.actors, &mut self.actors),
            (touched.claims, &mut self.claims),
            (touched.highlights, &mut self.highlights),
            (touched.highlight_text, &mut self.highlight_text),
            (touched.relations, &mut self.relations),
            (touched.articles, &mut self.articles),
            (touched.vocabulary, &mut self.vocabulary),
            (touched.rejections, &mut self.rejections),
        ];
        for (touched, part) in parts {
            if touched {
                *part = revision;
            }
        }
    }
}

/// The project as it was opened or last saved: the base of a three-way merge
/// with what another program (git) wrote to the file since.
///
/// It is kept as the changes made since (what undoes each), undone on a copy
/// when a merge asks for it: kept whole, it held a second copy of every
/// highlight (270 MB at 20,000 articles) for a merge that most sessions never
/// make. It is kept whole only where no change leads back to it: after a
/// merge with the disk, whose project is the new base.
#[derive(Debug, Default)]
pub(super) struct Base {
    kept: Option<Project>,
    /// What undoes each change since, oldest first: the edits, and the undos
    /// and redos too, so the way back holds whatever history was forgotten.
    changes: Vec<Vec<Op>>,
}

impl Base {
    /// A base that is `project`, which the document is not (a merge's).
    pub(super) fn kept(project: Project) -> Self {
        Self {
            kept: Some(project),
            changes: Vec::new(),
        }
    }

    /// How many changes are counted: a save under way marks where its snapshot was.
    pub(super) fn mark(&self) -> usize {
        self.changes.len()
    }

    /// The snapshot taken at `mark` is on disk: it is the base now.
    pub(super) fn saved_at(&mut self, mark: usize) {
        self.kept = None;
        self.changes.drain(..mark.min(self.changes.len()));
    }

    /// The base, from `current`: a copy, so the document's lists stay its own.
    pub(super) fn of(&self, current: &Project) -> Project {
        if let Some(kept) = &self.kept {
            return kept.clone();
        }
        let mut project = current.clone();
        for log in self.changes.iter().rev() {
            edit::undo(&mut project, log.clone());
        }
        project
    }
}

/// One step of undo or redo: the log that takes the project to the other
/// side of the step, and the revisions it had there.
#[derive(Debug)]
pub(super) struct Step {
    pub(super) log: Vec<Op>,
    pub(super) revision: u64,
    pub(super) revisions: Revisions,
}

/// The project being worked on and where it lives on disk.
#[derive(Debug)]
pub struct Document {
    pub(super) project: Project,
    pub(super) path: Option<PathBuf>,
    /// What the file held when opened or last saved.
    pub(super) stamp: Option<FileStamp>,
    /// The project as it was opened or last saved (see `Base`).
    pub(super) base: Base,
    /// The file's modification time and size then, to notice a change cheaply.
    pub(super) disk: Option<u64>,
    /// How the project is kept on disk (Save As keeps it).
    pub(super) layout: crate::store::Layout,
    /// The project differs from what was last opened or saved (undoing back to it clears this).
    pub(super) dirty: bool,
    /// Names each state of the project (a change makes a new one, undo returns
    /// to an old one), so views can cache what they derive from it.
    pub(super) revision: u64,
    /// The same, per part of the project.
    pub(super) revisions: Revisions,
    /// What is coded where, kept in step with every change.
    pub(super) coded: Coded,
    pub(super) saved_revision: u64,
    pub(super) next_revision: u64,
    pub(super) undo: VecDeque<Step>,
    pub(super) redo: Vec<Step>,
}

impl Document {
    pub fn new(project: Project) -> Self {
        Self::at_revision(project, 0)
    }

    pub(super) fn at_revision(project: Project, revision: u64) -> Self {
        let coded = Coded::new(&project);
        Self::indexed(project, coded, revision)
    }

    /// With `coded` already made for `project` (on the thread that read it).
    pub(super) fn indexed(project: Project, coded: Coded, revision: u64) -> Self {
        Self {
            coded,
            project,
            path: None,
            stamp: None,
            base: Base::default(),
            disk: None,
            layout: crate::store::Layout::File,
            dirty: false,
            revision,
            revisions: Revisions::all(revision),
            saved_revision: revision,
            next_revision: revision + 1,
            undo: VecDeque::new(),
            redo: Vec::new(),
        }
    }

    /// The project being worked on.
    pub fn project(&self) -> &Project {
        &self.project
    }

    /// The file it lives in, once opened from or saved to one.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Whether it differs from what was last opened or saved.
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// Names this state of the project (see `revision` on the struct).
    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn revisions(&self) -> Revisions {
        self.revisions
    }

    /// The project as it was opened or last saved, for a three-way merge.
    pub fn base(&self) -> Project {
        self.base.of(&self.project)
    }

    /// What is coded where, kept in step with every change.
    pub fn coded(&self) -> &Coded {
        &self.coded
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// How many elementary changes undo and redo hold: what history costs.
    pub fn undo_weight(&self) -> usize {
        self.undo
            .iter()
            .chain(&self.redo)
            .map(|step| step.log.len())
            .sum()
    }

    /// The window title: project name, file name and an unsaved-changes mark.
    pub fn window_title(&self) -> String {
        let mark = if self.dirty { "● " } else { "" };
        match self.path.as_deref().and_then(Path::file_name) {
            Some(name) => format!(
                "{mark}{} — {} — Warraq",
                self.project.title,
                name.to_string_lossy()
            ),
            None => format!("{mark}{} — Warraq", self.project.title),
        }
    }

    /// Keeps a carried-out edit: a new revision, and its undo log as one step.
    pub(super) fn record(&mut self, log: Vec<Op>) {
        let revision = self.next_revision;
        self.next_revision += 1;
        self.base.changes.push(log.clone());
        let step = Step {
            log,
            revision: self.revision,
            revisions: self.revisions,
        };
        self.revisions.bump(edit::touched(&step.log), revision);
        self.coded.follow(&self.project, &step.log);
        self.revision = revision;
        self.undo.push_back(step);
        if self.undo.len() > UNDO_DEPTH {
            self.undo.pop_front();
        }
        self.redo.clear();
        self.dirty = self.revision != self.saved_revision;
    }

    /// Carries out `step` and returns the step that takes it back.
    pub(super) fn take_step(&mut self, step: Step) -> Step {
        let log = edit::undo(&mut self.project, step.log);
        self.base.changes.push(log.clone());
        self.coded.follow(&self.project, &log);
        let back = Step {
            log,
            revision: self.revision,
            revisions: self.revisions,
        };
        self.revision = step.revision;
        self.revisions = step.revisions;
        self.dirty = self.revision != self.saved_revision;
        back
    }

    pub(super) fn undo(&mut self) -> bool {
        let Some(step) = self.undo.pop_back() else {
            return false;
        };
        let back = self.take_step(step);
        self.redo.push(back);
        true
    }

    pub(super) fn redo(&mut self) -> bool {
        let Some(step) = self.redo.pop() else {
            return false;
        };
        let back = self.take_step(step);
        self.undo.push_back(back);
        true
    }
}
