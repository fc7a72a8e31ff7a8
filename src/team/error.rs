//! Why copies could not be put together: nothing was changed.

use crate::model::ValidationError;

#[derive(Debug, thiserror::Error)]
pub enum TeamError {
    /// Merging from disk needs the project to live in a file.
    #[error("the project is not in a file")]
    NotInAFile,
    #[error(transparent)]
    Load(#[from] crate::store::LoadError),
    /// The choices made would leave the curated copy inconsistent.
    #[error("the curated copy would not be valid: {0}")]
    InvalidCuration(ValidationError),
    /// The choices made would leave the merge inconsistent, each problem named.
    #[error("the merge would be inconsistent: {}", problems(.0))]
    InvalidMerge(Vec<ValidationError>),
}

fn problems(errors: &[ValidationError]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}
