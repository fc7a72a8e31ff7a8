//! Why an export or an import could not be made: each names the file (or the
//! item) and what was wrong, and nothing was written or added.

use crate::model::{ArticleId, ValidationError};
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum ExchangeError {
    /// A file that could not be read, or not as what it claims to be.
    #[error("{}: {reason}", path.display())]
    Unreadable { path: PathBuf, reason: String },
    /// A file of a kind Warraq does not import.
    #[error(
        "{}: Warraq imports articles (.txt, .html, .docx, .pdf), .qdpx, brat .ann (or a folder of them), DNA 3 .dna and Warraq .json; not .{extension}",
        path.display()
    )]
    UnknownKind { path: PathBuf, extension: String },
    /// A folder with nothing to import in it.
    #[error("{}: a folder with no brat .ann files", .0.display())]
    NoAnnotations(PathBuf),
    /// An article longer than any article (see `extract::limits`).
    #[error("article \"{title}\": {reason}")]
    TooLong { title: String, reason: String },
    /// What came in would break an invariant of the project.
    #[error("the import would make the project invalid: {0}")]
    Invalid(ValidationError),
    /// No file could be read or held anything new, each with its reason.
    #[error("{}", nothing_imported(.0))]
    NothingImported(Vec<String>),
    /// A copy for a colleague names an article the project does not have.
    #[error("the project has no article `{0}`")]
    NoArticle(ArticleId),
    /// A copy restricted to some articles would break an invariant.
    #[error("the restricted project would not be valid: {0}")]
    InvalidCopy(ValidationError),
    /// brat writes a folder; `export` makes one file.
    #[error("brat is a folder of files; see `export_as`")]
    NotOneFile,
    /// The project could not be written in the format.
    #[error("cannot write the {format}: {reason}")]
    Write {
        format: &'static str,
        reason: String,
    },
}

fn nothing_imported(why: &[String]) -> String {
    if why.is_empty() {
        "nothing to import".to_owned()
    } else {
        format!("nothing imported:\n  {}", why.join("\n  "))
    }
}

impl ExchangeError {
    /// `reason` about `path`.
    pub fn unreadable(path: impl Into<PathBuf>, reason: impl std::fmt::Display) -> Self {
        Self::Unreadable {
            path: path.into(),
            reason: reason.to_string(),
        }
    }

    pub(crate) fn write(format: super::Format, reason: impl std::fmt::Display) -> Self {
        Self::Write {
            format: format.label(),
            reason: reason.to_string(),
        }
    }
}
