//! The open document and the one place that changes it: views emit `Action`s,
//! `App::apply` carries them out (edits through `model::edit`), marks the
//! project dirty and records undo as each edit's own inverse.

mod document;

pub use document::{Document, Revisions};

use crate::model::edit::{self, Edit, EditError, Made};
use crate::model::{IdGenerator, Project, Stamp};
use crate::store::{self, FileStamp};
use std::path::{Path, PathBuf};

/// Everything the user can do to the project or its file.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Open(PathBuf),
    /// Work on `project` as a new, untitled document (File ▸ New, the sample).
    New(Box<Project>),
    /// Work on a project read on another thread (a large file).
    Adopt(Box<Opened>),
    /// Show, read-only, the first part of the project at `path` while the
    /// rest is read on another thread (`store::Progress::preview`); the
    /// project that was open comes back if the open is cancelled.
    Preview(PathBuf, Box<Project>),
    /// The open under way is given up: back to the project before its preview.
    CancelOpen,
    /// Merge what another program wrote to the file with the work here.
    MergeFromDisk,
    Save,
    SaveAs(PathBuf),
    /// Save as a folder of files (see `store::folder`), named after `path`.
    SaveAsFolder(PathBuf),
    /// Save even though the file changed on disk since it was opened.
    SaveOverwriting,
    /// Read `.txt` files and add them as articles (one undoable step).
    ImportText(Vec<PathBuf>, store::Headline),
    /// Add what other tools' files hold (REFI-QDA, brat, text, Warraq JSON).
    Import(Vec<PathBuf>, store::Headline),
    /// A change to the project.
    Edit(Edit),
    Undo,
    Redo,
}

impl From<Edit> for Action {
    fn from(edit: Edit) -> Self {
        Self::Edit(edit)
    }
}

/// A file's modification time and size, if it can be read.
fn disk_meta(path: &Path) -> Option<u64> {
    store::folder::disk_signature(path)
}

/// Whether a notice reports something done or something that went wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Info,
    Error,
}

/// A save refused for a reason the window answers with a way on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The file is read-only: Save As.
    ReadOnly,
    /// Another program changed the file: merge with it (or reload).
    ChangedOnDisk,
}

/// A message for the status bar or an error dialog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub is_error: bool,
}

/// What outlives the documents opened one after the other in a window:
/// who is working, and where new ids come from.
#[derive(Debug)]
pub struct Session {
    /// Whose work this is: every item made or changed is stamped with it.
    pub analyst: String,
    ids: IdGenerator,
}

impl Default for Session {
    fn default() -> Self {
        Self {
            analyst: crate::model::attribution::default_analyst(),
            ids: IdGenerator::new(),
        }
    }
}

/// A project read from its file, not yet the open document.
#[derive(Debug, Clone, PartialEq)]
pub struct Opened {
    pub path: PathBuf,
    project: Project,
    /// What is coded where in it.
    coded: crate::model::coded::Coded,
    stamp: FileStamp,
    warnings: Vec<String>,
}

impl Opened {
    /// Reads `path` (on any thread).
    pub fn read(path: &Path) -> Result<Self, store::LoadError> {
        Self::read_counting(path, &store::Progress::default())
    }

    /// `read`, counting the files read in `progress` (a folder's articles).
    pub fn read_counting(
        path: &Path,
        progress: &store::Progress,
    ) -> Result<Self, store::LoadError> {
        let loaded = store::load_with_progress(path, progress)?;
        let coded = crate::model::coded::Coded::new(&loaded.project);
        Ok(Self {
            path: path.to_owned(),
            coded,
            project: loaded.project,
            stamp: loaded.stamp,
            warnings: loaded.warnings,
        })
    }
}

pub struct App {
    /// Read through `document()`; changed only by `apply` and `edit`.
    document: Document,
    pub notices: Vec<Notice>,
    /// Who works, kept when another project is opened or created.
    pub session: Session,
    /// A save being written on another thread.
    saving: Option<Saving>,
    /// Why the last save was refused, where the window has a way on (Save As, the merge).
    refusal: Option<Refusal>,
    /// What the last import brought and left out, line by line, until the window shows it.
    pub last_import: Option<Vec<String>>,
    /// A project being opened whose first part is shown (see `Action::Preview`).
    opening: Option<Opening>,
}

/// The preview of a project still being read stands in the document's place;
/// the document it replaced waits here until the open ends or is cancelled.
#[derive(Debug)]
struct Opening {
    path: PathBuf,
    before: Box<Document>,
}

/// A snapshot of the project being written to disk on another thread.
#[derive(Debug)]
struct Saving {
    /// The revision the snapshot was taken at: what is on disk once it is written.
    revision: u64,
    /// Where the snapshot was among the changes the base counts (`Base::mark`).
    mark: usize,
    path: PathBuf,
    thread: std::thread::JoinHandle<Result<FileStamp, store::SaveError>>,
}

impl Default for App {
    fn default() -> Self {
        Self::new(Project::default())
    }
}

impl App {
    pub fn new(project: Project) -> Self {
        Self {
            document: Document::new(project),
            notices: Vec::new(),
            session: Session::default(),
            saving: None,
            refusal: None,
            last_import: None,
            opening: None,
        }
    }

    /// The project being opened while its first part is shown read-only.
    pub fn opening(&self) -> Option<&Path> {
        self.opening.as_ref().map(|o| o.path.as_path())
    }

    /// Why nothing may change or be written out now, if so: a preview is not the project.
    pub fn read_only(&self) -> Option<String> {
        self.opening.as_ref().map(|o| {
            format!(
                "{}: still being read; what is shown can be read, and coding waits until every article is in",
                o.path.display()
            )
        })
    }

    /// The open document, to read.
    pub fn document(&self) -> &Document {
        &self.document
    }

    /// The project, for a caller done with the window's state (a script, a test).
    pub fn into_project(mut self) -> Project {
        self.wait_for_save();
        std::mem::take(&mut self.document.project)
    }

    /// Opens `path`, or reports why it cannot be opened and keeps what is open.
    pub fn open(path: &Path) -> Result<Self, store::LoadError> {
        let mut app = Self::default();
        app.load(path)?;
        Ok(app)
    }

    /// Makes ids from `ids` (tests use a deterministic generator).
    #[must_use]
    pub fn with_ids(mut self, ids: IdGenerator) -> Self {
        self.session.ids = ids;
        self
    }

    fn load(&mut self, path: &Path) -> Result<(), store::LoadError> {
        let opened = Opened::read(path)?;
        self.adopt(opened);
        Ok(())
    }

    /// Shows the first part of a project still being read in the document's place.
    fn preview(&mut self, path: PathBuf, project: Project) {
        self.wait_for_save();
        let document = Document::at_revision(project, self.document.next_revision);
        let before = std::mem::replace(&mut self.document, document);
        // A second preview of the same open keeps the document from before the first.
        let before = match self.opening.take() {
            Some(opening) => opening.before,
            None => Box::new(before),
        };
        self.opening = Some(Opening { path, before });
    }

    fn cancel_open(&mut self) {
        if let Some(opening) = self.opening.take() {
            let mut before = *opening.before;
            // Fresh revisions: nothing drawn from the preview is taken for it.
            before.next_revision = before.next_revision.max(self.document.next_revision);
            self.document = before;
        }
    }

    /// Makes `opened` the document; the session (who works) stays.
    fn adopt(&mut self, opened: Opened) {
        self.wait_for_save();
        self.opening = None;
        let Opened {
            path,
            project,
            coded,
            stamp,
            warnings,
        } = opened;
        // A fresh revision, so nothing cached from the old project is taken for the new one.
        let mut document = Document::indexed(project, coded, self.document.next_revision);
        document.disk = disk_meta(&path);
        document.path = Some(path.clone());
        document.layout = stamp.layout();
        document.stamp = Some(stamp);
        self.document = document;
        self.refusal = None;
        self.last_import = None;
        for warning in warnings {
            self.notice(format!("{}: {warning}", path.display()), Tone::Info);
        }
        let size = std::fs::metadata(&path).map_or(0, |m| m.len());
        if self.document.layout == store::Layout::File && size > store::FOLDER_SUGGESTED_ABOVE {
            self.notice(
                format!(
                    "{}: {} MB in one file, which every save rewrites whole and git hosts refuse past 100 MB: \"Keep as a folder of files…\" in the File menu writes a file per article instead",
                    path.display(),
                    size / 1_000_000
                ),
                Tone::Info,
            );
        }
    }

    /// Makes `project` a new, untitled document; the session stays.
    fn start(&mut self, project: Project) {
        self.wait_for_save();
        self.opening = None;
        self.document = Document::at_revision(project, self.document.next_revision);
        self.refusal = None;
        self.last_import = None;
    }

    /// Tells the user something in the status bar (an error if `is_error`).
    pub fn notice(&mut self, text: String, tone: Tone) {
        self.notices.push(Notice {
            text,
            is_error: tone == Tone::Error,
        });
    }

    /// Applies one user action; what an edit made is returned (to select it).
    /// Errors become notices; the project is never left half-changed.
    pub fn apply(&mut self, action: Action) -> Option<Made> {
        let changes = !matches!(
            action,
            Action::Open(_)
                | Action::New(_)
                | Action::Adopt(_)
                | Action::Preview(..)
                | Action::CancelOpen
        );
        if changes && let Some(why) = self.read_only() {
            self.notice(why, Tone::Error);
            return None;
        }
        match action {
            Action::Open(path) => {
                if let Err(e) = self.load(&path) {
                    self.notice(e.to_string(), Tone::Error);
                }
            }
            Action::New(project) => self.start(*project),
            Action::Adopt(opened) => self.adopt(*opened),
            Action::Preview(path, project) => self.preview(path, *project),
            Action::CancelOpen => self.cancel_open(),
            Action::MergeFromDisk => match self.merge_from_disk() {
                Ok(0) => self.notice(
                    "merged the file's new version with your changes".to_owned(),
                    Tone::Info,
                ),
                Ok(n) => self.notice(
                    format!("merged; {n} conflict(s) to choose (listed)"),
                    Tone::Info,
                ),
                Err(e) => self.notice(e.to_string(), Tone::Error),
            },
            Action::Save => self.save(None, true),
            Action::SaveAs(path) => {
                let layout = self.document.layout;
                self.save_in_background_as(Some(path), layout, false);
            }
            Action::SaveAsFolder(path) => {
                let path = store::folder::project_file_for(&path);
                self.save_in_background_as(Some(path), store::Layout::Folder, false);
            }
            Action::SaveOverwriting => self.save(None, false),
            Action::ImportText(paths, headline) => {
                let mut articles = Vec::new();
                for path in &paths {
                    match store::read_text_article(path, headline) {
                        Ok((article, note)) => {
                            articles.push(article);
                            if let Some(note) = note {
                                self.notice(format!("{}: {note}", path.display()), Tone::Info);
                            }
                        }
                        Err(e) => self.notice(e.to_string(), Tone::Error),
                    }
                }
                if !articles.is_empty() {
                    return self.apply_edit(Edit::AddArticles(articles));
                }
            }
            Action::Import(paths, headline) => {
                match crate::exchange::import::import(
                    &self.document.project,
                    &paths,
                    crate::exchange::import::Options {
                        headline,
                        ..Default::default()
                    },
                    &mut self.session.ids,
                ) {
                    Ok(imported) => {
                        let report = imported.report();
                        let made = self.apply_edit(Edit::Import(Box::new(imported.project)));
                        let tone = if imported.failed.is_empty() {
                            Tone::Info
                        } else {
                            Tone::Error
                        };
                        self.notice(report[0].clone(), tone);
                        self.last_import = Some(report);
                        return made;
                    }
                    Err(e) => {
                        self.notice(e.to_string(), Tone::Error);
                        self.last_import = Some(vec![e.to_string()]);
                    }
                }
            }
            Action::Edit(edit) => return self.apply_edit(edit),
            Action::Undo => {
                self.document.undo();
            }
            Action::Redo => {
                self.document.redo();
            }
        }
        None
    }

    /// `edit`, with its error as a notice.
    fn apply_edit(&mut self, edit: Edit) -> Option<Made> {
        match self.edit(edit) {
            Ok(made) => Some(made),
            Err(e) => {
                self.notice(format!("change not applied: {e}"), Tone::Error);
                None
            }
        }
    }

    /// Carries out one edit, whole or not at all, and records its undo step
    /// (none when it changed nothing).
    pub fn edit(&mut self, edit: Edit) -> Result<Made, EditError> {
        if let Some(why) = self.read_only() {
            return Err(EditError::ReadOnly(why));
        }
        let stamp = Stamp::now(&self.session.analyst);
        let applied = edit::apply_indexed(
            &mut self.document.project,
            &mut self.session.ids,
            edit,
            &stamp,
            Some(&self.document.coded),
        )?;
        if !applied.undo.is_empty() {
            self.document.record(applied.undo);
        }
        Ok(applied.made)
    }

    /// Saves and returns when the file is on disk (or the save failed).
    fn save(&mut self, new_path: Option<PathBuf>, check_disk: bool) {
        self.save_in_background(new_path, check_disk);
        self.wait_for_save();
    }

    /// Starts writing a snapshot of the project to its file (or `new_path`)
    /// on another thread, so the window never waits for the disk; `poll_save`
    /// takes the outcome. The project stays dirty until the file is written,
    /// and stays dirty if writing fails.
    pub fn save_in_background(&mut self, new_path: Option<PathBuf>, check_disk: bool) {
        let layout = self.document.layout;
        self.save_in_background_as(new_path, layout, check_disk);
    }

    /// `save_in_background`, keeping the project as `layout` there.
    pub fn save_in_background_as(
        &mut self,
        new_path: Option<PathBuf>,
        layout: store::Layout,
        check_disk: bool,
    ) {
        if let Some(why) = self.read_only() {
            // A preview is part of a project: written, it would be taken for the whole.
            self.notice(why, Tone::Error);
            return;
        }
        // One save at a time: the next one checks the disk against the stamp the last one left.
        self.wait_for_save();
        let Some(path) = new_path.or_else(|| self.document.path.clone()) else {
            self.notice(
                "choose where to save the project (Save As…)".to_owned(),
                Tone::Error,
            );
            return;
        };
        let same_file = self.document.path.as_ref() == Some(&path);
        // What the file (or folder) held: a folder save writes only what changed since.
        let prior = if same_file && layout == self.document.layout {
            self.document.stamp.clone()
        } else {
            None
        };
        // Cheap: the project's lists are shared, not copied (see `model::Shared`).
        let snapshot = self.document.project.clone();
        let target = path.clone();
        let thread = std::thread::Builder::new()
            .name("warraq-save".to_owned())
            .spawn(move || {
                // A copy of its own is made here, first, and the shared snapshot
                // let go: the window's next edit then finds its lists its own
                // instead of copying them while the disk is written.
                let own = snapshot.detached();
                drop(snapshot);
                store::save_as(&own, &target, layout, prior.as_ref(), check_disk)
            });
        match thread {
            Ok(thread) => {
                self.saving = Some(Saving {
                    revision: self.document.revision,
                    mark: self.document.base.mark(),
                    path,
                    thread,
                });
            }
            Err(e) => self.notice(format!("{}: cannot save: {e}", path.display()), Tone::Error),
        }
    }

    /// Whether another program changed the project's file since it was
    /// opened or saved here (a `git pull`): the modification time or size
    /// first, then the contents, so a mere touch is no change.
    pub fn disk_changed(&self) -> bool {
        if self.saving.is_some() {
            return false;
        }
        let Some(path) = &self.document.path else {
            return false;
        };
        let now = disk_meta(path);
        if now.is_none() || now == self.document.disk {
            return false;
        }
        self.document
            .stamp
            .as_ref()
            .is_some_and(|stamp| store::changed_on_disk(path, stamp))
    }

    /// Takes note that the file as it is now has been seen (the user chose to keep working).
    pub fn accept_disk(&mut self) {
        if let Some(path) = &self.document.path {
            self.document.disk = disk_meta(path);
        }
    }

    /// Merges what is on disk with the work here, three-way from the project
    /// as last opened or saved; what both changed differently is kept as
    /// conflicts in the project, to be settled in the window.
    pub fn merge_from_disk(&mut self) -> Result<usize, crate::team::TeamError> {
        let path = self
            .document
            .path
            .clone()
            .ok_or(crate::team::TeamError::NotInAFile)?;
        // A save under way would move the base while it is read.
        self.wait_for_save();
        let loaded = store::load(&path)?;
        let base = self.document.base();
        let result = crate::team::merge3::merge3(&base, &self.document.project, &loaded.project);
        let conflicts = result.conflicts.len();
        if result.merged != self.document.project {
            self.apply_edit(Edit::MergeIn(Box::new(result.merged)));
        }
        // What is on disk is now the base: the next save writes over it knowingly.
        self.document.stamp = Some(loaded.stamp);
        self.document.dirty = loaded.project != self.document.project;
        self.document.base = document::Base::kept(loaded.project);
        self.document.disk = disk_meta(&path);
        Ok(conflicts)
    }

    /// Whether a save is still being written.
    pub fn saving(&self) -> bool {
        self.saving.is_some()
    }

    /// Takes the outcome of a save that has finished; true while one is still being written.
    pub fn poll_save(&mut self) -> bool {
        if self
            .saving
            .as_ref()
            .is_some_and(|s| !s.thread.is_finished())
        {
            return true;
        }
        self.wait_for_save();
        false
    }

    /// Waits until a save under way is on disk (or has failed).
    pub fn wait_for_save(&mut self) {
        let Some(saving) = self.saving.take() else {
            return;
        };
        let result = saving.thread.join().unwrap_or_else(|_| {
            Err(store::SaveError::Interrupted {
                path: saving.path.clone(),
            })
        });
        match result {
            Ok(stamp) => {
                self.document.layout = stamp.layout();
                self.document.stamp = Some(stamp);
                self.document.disk = disk_meta(&saving.path);
                self.document.base.saved_at(saving.mark);
                self.document.path = Some(saving.path);
                self.document.saved_revision = saving.revision;
                self.document.dirty = self.document.revision != saving.revision;
            }
            Err(e) => {
                match e {
                    store::SaveError::ReadOnly { .. } => self.refusal = Some(Refusal::ReadOnly),
                    store::SaveError::ChangedOnDisk { .. } => {
                        self.refusal = Some(Refusal::ChangedOnDisk);
                    }
                    _ => {}
                }
                self.notice(e.to_string(), Tone::Error);
            }
        }
    }

    /// Why a save was refused, since last asked, where the window has a way on.
    pub fn take_refusal(&mut self) -> Option<Refusal> {
        self.refusal.take()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::{ArticleId, Span, Tag};
    use crate::test_support::sample;

    #[test]
    fn what_an_analyst_makes_or_changes_carries_their_name_and_nothing_else_does() {
        let mut app = App::new(sample());
        app.session.analyst = "Salma".to_owned();
        app.apply(Action::Edit(Edit::AddHighlight {
            article: "art-2017-tamim-putin".into(),
            span: Span::new(0, 3),
            tag: Tag::Evidence,
        }));
        let project = &app.document.project;
        let new = project.highlights.last().unwrap();
        let stamp = new.changed.as_ref().expect("the new highlight is stamped");
        assert_eq!(stamp.by, "Salma");
        assert_eq!(stamp.at.len(), "2026-11-23T16:10:45Z".len());
        assert!(stamp.at.ends_with('Z') && stamp.at.contains('T'));
        assert!(
            project.highlights[..project.highlights.len() - 1]
                .iter()
                .all(|h| h.changed.is_none()),
            "untouched highlights keep their (absent) stamps"
        );
        let mut relation = project.relation(&"rel-phone".into()).unwrap().clone();
        relation.note = "edited".to_owned();
        app.session.analyst = "Omar".to_owned();
        app.apply(Action::Edit(Edit::UpdateRelation(relation)));
        let project = &app.document.project;
        let stamped: Vec<_> = project
            .relations
            .iter()
            .filter_map(|r| r.changed.as_ref().map(|s| (r.id.as_str(), s.by.as_str())))
            .collect();
        assert_eq!(stamped, [("rel-phone", "Omar")]);
        // The stamps are saved and read back.
        let text = store::to_ron_string(project).unwrap();
        assert!(text.contains("by: \"Omar\""));
        assert_eq!(
            &store::from_ron_str(Path::new("p"), &text).unwrap(),
            project
        );
    }

    #[test]
    fn undo_back_to_the_saved_state_is_not_dirty() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.warraq.ron");
        store::save(&Project::new("قديم"), &path, None).unwrap();
        let mut app = App::open(&path).unwrap();
        assert!(!app.document.dirty);
        app.apply(Action::Edit(Edit::SetTitle("جديد".to_owned())));
        assert!(app.document.dirty);
        assert!(app.document.window_title().starts_with("● جديد"));
        app.apply(Action::Undo);
        assert!(!app.document.dirty, "the project is what is on disk again");
        app.apply(Action::Redo);
        assert!(app.document.dirty);
        app.apply(Action::Save);
        assert!(!app.document.dirty);
        app.apply(Action::Undo);
        assert!(app.document.dirty, "now the saved state is the new title");
    }

    #[test]
    fn the_base_of_a_merge_is_what_is_on_disk_whatever_the_history_since() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.warraq.ron");
        store::save(&Project::new("أ"), &path, None).unwrap();
        let mut app = App::open(&path).unwrap();
        let on_disk = |app: &App| {
            assert_eq!(
                app.document.base(),
                store::load(&path).unwrap().project,
                "the base is the file"
            );
        };
        on_disk(&app);
        let edit = |app: &mut App, edit: Edit| {
            app.edit(edit).unwrap();
        };
        edit(&mut app, Edit::SetTitle("ب".to_owned()));
        edit(&mut app, Edit::SetDescription("وصف".to_owned()));
        on_disk(&app);
        app.apply(Action::Save);
        on_disk(&app);
        // Undone past the save, then a new edit: the way back to the saved
        // state was on the redo list, which the edit forgot.
        edit(&mut app, Edit::SetTitle("ج".to_owned()));
        app.apply(Action::Undo);
        app.apply(Action::Undo);
        app.apply(Action::Undo);
        edit(&mut app, Edit::SetTitle("د".to_owned()));
        assert_ne!(*app.document.project(), store::load(&path).unwrap().project);
        on_disk(&app);
        // More edits than undo keeps.
        for n in 0..document::UNDO_DEPTH + 20 {
            edit(&mut app, Edit::SetTitle(format!("عنوان {n}")));
        }
        on_disk(&app);
        // Saved in the background while the analyst goes on.
        app.save_in_background(None, true);
        edit(&mut app, Edit::SetDescription("بعد الحفظ".to_owned()));
        app.wait_for_save();
        on_disk(&app);
        let base = app.document.base();
        assert_eq!(base.title, format!("عنوان {}", document::UNDO_DEPTH + 19));
        assert_eq!(
            base.description, "",
            "the description came after the snapshot"
        );
        assert_eq!(app.document.project().description, "بعد الحفظ");
    }

    #[test]
    fn a_background_save_writes_the_snapshot_and_later_edits_stay_unsaved() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.warraq.ron");
        store::save(&Project::new("أول"), &path, None).unwrap();
        let mut app = App::open(&path).unwrap();
        app.apply(Action::Edit(Edit::SetTitle("ثان".to_owned())));
        app.save_in_background(None, true);
        // Edited while the snapshot is being written: not what is on disk.
        app.apply(Action::Edit(Edit::SetTitle("ثالث".to_owned())));
        app.wait_for_save();
        assert!(!app.saving());
        assert_eq!(store::load(&path).unwrap().project.title, "ثان");
        assert!(app.document.dirty, "the third title is not saved yet");
        app.apply(Action::Undo);
        assert!(!app.document.dirty, "back to exactly what was saved");
    }

    #[test]
    fn a_failed_background_save_says_so_and_keeps_the_project_dirty() {
        let dir = tempfile::tempdir().unwrap();
        let mut app = App::new(Project::new("t"));
        app.apply(Action::Edit(Edit::SetTitle("جديد".to_owned())));
        app.save_in_background(Some(dir.path().join("no-such-folder/p.warraq.ron")), false);
        while app.poll_save() {
            app.wait_for_save();
        }
        assert!(app.document.dirty);
        assert!(app.document.path.is_none());
        assert!(
            app.notices
                .last()
                .is_some_and(|n| n.is_error && n.text.contains("no-such-folder"))
        );
    }

    #[test]
    fn an_invalid_change_is_refused_and_leaves_no_undo_step() {
        let mut app = App::new(Project::new("t"));
        app.apply(Action::Edit(Edit::AddHighlight {
            article: ArticleId::from("nowhere"),
            span: Span::new(0, 3),
            tag: Tag::Evidence,
        }));
        assert!(!app.document.can_undo());
        assert!(
            app.notices
                .last()
                .is_some_and(|n| n.is_error && n.text.contains("nowhere"))
        );
    }
}
