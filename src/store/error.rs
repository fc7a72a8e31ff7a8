//! What can go wrong reading or writing a project file, said so that the user
//! can find the place: file, line, column and the item's id.

use crate::model::ValidationError;
use std::fmt::Write as _;
use std::io;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{}: cannot read the file: {error}", path.display())]
    Io { path: PathBuf, error: io::Error },
    #[error("{}: the file is empty; expected a Warraq project", path.display())]
    Empty { path: PathBuf },
    #[error("{}: this is a binary file, not a Warraq project (byte {offset} is NUL)", path.display())]
    Binary { path: PathBuf, offset: usize },
    #[error("{}:{line}:{column}: the file is not UTF-8 text", path.display())]
    NotUtf8 {
        path: PathBuf,
        line: usize,
        column: usize,
    },
    #[error("{}:{line}:{column}: {message}", path.display())]
    Syntax {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{}: not a Warraq project: expected `format: \"{expected}\"` at the top, found {found}", path.display())]
    WrongFormat {
        path: PathBuf,
        expected: &'static str,
        found: String,
    },
    #[error(
        "{}: written by a newer Warraq (file format version {found}); this Warraq reads versions up to {supported}. Update Warraq to open it",
        path.display()
    )]
    NewerVersion {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error("{}: file format version {found} never existed; this Warraq reads versions 1 to {supported}", path.display())]
    UnknownVersion {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error(
        "{}: this is the project file of a project kept as a folder (its articles are in the `articles` folder beside it); open it as a project, or convert it with `warraq convert --layout file`",
        path.display()
    )]
    FolderProjectFile { path: PathBuf },
    #[error("{}: {}", path.display(), describe_invalid(errors))]
    Invalid {
        path: PathBuf,
        errors: Vec<ValidationError>,
    },
}

fn describe_invalid(errors: &[ValidationError]) -> String {
    let mut text = format!(
        "{} problem{} found:",
        errors.len(),
        if errors.len() == 1 { "" } else { "s" }
    );
    for error in errors.iter().take(20) {
        let _ = write!(text, "\n  - {error}");
    }
    if errors.len() > 20 {
        let _ = write!(text, "\n  … and {} more", errors.len() - 20);
    }
    text
}

#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error(
        "{}: the file was changed on disk since it was opened (by a colleague or another program); saving now would overwrite those changes",
        path.display()
    )]
    ChangedOnDisk { path: PathBuf },
    #[error("{}: cannot save: {error}", path.display())]
    Io { path: PathBuf, error: io::Error },
    #[error("cannot write the project: {0}")]
    Serialize(String),
    #[error("refusing to save an invalid project: {}", describe_invalid(.0))]
    Invalid(Vec<ValidationError>),
    #[error("{}: the save was interrupted; the file on disk is as it was", path.display())]
    Interrupted { path: PathBuf },
    #[error(
        "{}: the file is read-only, so it was not replaced; save under another name (Save As…) or make it writable",
        path.display()
    )]
    ReadOnly { path: PathBuf },
}
