//! Reading and writing project files: the RON format and its versions,
//! atomic saves with a backup, and importing plain-text articles.

mod atomic;
mod error;
pub mod folder;
mod format;
mod import_text;
pub mod recovery;
mod v4;

pub use atomic::{FileStamp, SaveStep, backup_path, save, save_with_hook};
pub use error::{LoadError, SaveError};
pub use format::{
    CURRENT_VERSION, FILE_EXTENSION, FORMAT_NAME, PLAIN_VERSION, from_json_str, from_ron_str,
    to_json_string, to_ron_string, version_for,
};
pub use import_text::{Headline, ImportError, parse_text_article, read_text_article};

use crate::model::Project;
use std::path::Path;

/// A project read from disk, with what is needed to save it back safely.
#[derive(Debug)]
pub struct Loaded {
    pub project: Project,
    /// What the file held when it was read, to notice a colleague's change before saving over it.
    pub stamp: FileStamp,
    /// Things fixed on the way in that the user should know about.
    pub warnings: Vec<String>,
}

/// Writes an export atomically (a half-written export is never left behind);
/// an error names the file the user chose.
pub fn write_export(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    atomic::write_file(path, bytes).map_err(|error| SaveError::Io {
        path: path.to_owned(),
        error,
    })
}

/// What an export writes: one file, or a folder of named files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exported {
    File(Vec<u8>),
    Folder(Vec<(String, Vec<u8>)>),
}

/// Writes an export: one file, or a folder of files (created if missing;
/// each file written whole). A file of the folder that is `project` is
/// refused, so no export lands on the project it was made from.
pub fn write_exported(path: &Path, exported: &Exported, project: &Path) -> Result<(), SaveError> {
    match exported {
        Exported::File(bytes) => write_export(path, bytes),
        Exported::Folder(files) => {
            if let Some((name, _)) = files
                .iter()
                .find(|(name, _)| same_file(&path.join(name), project))
            {
                return Err(SaveError::Io {
                    path: path.join(name),
                    error: std::io::Error::other("that is the project itself"),
                });
            }
            atomic::write_files(path, files).map_err(|error| SaveError::Io {
                path: path.to_owned(),
                error,
            })
        }
    }
}

/// Whether two paths name one file (through links, or `a/../b`), so that
/// nothing is written over a project by a command meant to write elsewhere.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// How a project is kept on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    /// One `.warraq.ron` file holding everything: simplest for small projects.
    #[default]
    File,
    /// A project file with the codebook, and a file per article and per
    /// shard of relations beside it (`folder`): for corpora of any size in git.
    Folder,
}

impl Layout {
    /// The name `warraq convert --layout` takes.
    pub fn name(self) -> &'static str {
        match self {
            Self::File => "file",
            Self::Folder => "folder",
        }
    }
}

/// A single file past this size is offered the folder layout: git hosts
/// warn at 50 MB a file, and every save rewrites it whole.
pub const FOLDER_SUGGESTED_ABOVE: u64 = 25 * 1024 * 1024;

/// Saves `project` at `path` kept as `layout`. `prior` is the stamp from
/// when the project was opened or last saved there (a folder save writes
/// only what changed since); with `check`, nothing changed on disk since
/// by another program is written over.
pub fn save_as(
    project: &Project,
    path: &Path,
    layout: Layout,
    prior: Option<&FileStamp>,
    check: bool,
) -> Result<FileStamp, SaveError> {
    match layout {
        Layout::File => save(project, path, prior.filter(|_| check)),
        Layout::Folder => folder::save(
            project,
            path,
            prior.and_then(|p| p.folder.as_deref()),
            check,
        ),
    }
}

/// Whether another program changed the project on disk since `stamp`
/// was taken (its file, or for a folder any file of it).
pub fn changed_on_disk(path: &Path, stamp: &FileStamp) -> bool {
    match &stamp.folder {
        None => FileStamp::of_file(path)
            .ok()
            .flatten()
            .is_some_and(|now| &now != stamp),
        Some(state) => folder::changed_on_disk(path, stamp, state),
    }
}

/// How far an open has come: files read of files to read (a folder's
/// articles), for the window's progress bar.
#[derive(Debug, Default)]
pub struct Progress {
    pub done: std::sync::atomic::AtomicUsize,
    pub total: std::sync::atomic::AtomicUsize,
    /// What can be shown while the rest is read, when a folder is opened
    /// without its cache (seconds at 20,000 articles): its codebook and the
    /// articles of the first sub-folder read, with their highlights; no
    /// relations yet. The window shows it read-only until the open ends.
    pub preview: std::sync::Mutex<Option<Project>>,
}

impl Progress {
    /// The preview, once: whoever takes it shows it.
    pub fn take_preview(&self) -> Option<Project> {
        self.preview.lock().ok()?.take()
    }

    /// The share done, 0 to 1 (0 until the total is known).
    pub fn fraction(&self) -> f32 {
        use std::sync::atomic::Ordering::Relaxed;
        let total = self.total.load(Relaxed);
        if total == 0 {
            0.0
        } else {
            // A share of counts: the precision of f32 is plenty for a bar.
            #[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)]
            let share = (self.done.load(Relaxed) as f64 / total as f64) as f32;
            share.min(1.0)
        }
    }
}

/// Reads, migrates and checks a project file (and, for a project kept as a
/// folder, the files beside it).
pub fn load(path: &Path) -> Result<Loaded, LoadError> {
    if folder::is_folder_project(path) {
        return folder::load(path, &Progress::default(), false);
    }
    load_file(path)
}

/// `load` for the window: counting the files read in `progress`, and
/// keeping a folder project's cache beside it up to date, so the next
/// open parses only what changed (`load` itself only reads the cache).
pub fn load_with_progress(path: &Path, progress: &Progress) -> Result<Loaded, LoadError> {
    if folder::is_folder_project(path) {
        return folder::load(path, progress, true);
    }
    load_file(path)
}

fn load_file(path: &Path) -> Result<Loaded, LoadError> {
    let bytes = std::fs::read(path).map_err(|error| LoadError::Io {
        path: path.to_owned(),
        error,
    })?;
    let stamp = FileStamp::of_bytes(&bytes);
    atomic::clean_up_beside(path);
    let (project, warnings) = format::from_bytes(path, &bytes)?;
    Ok(Loaded {
        project,
        stamp,
        warnings,
    })
}
