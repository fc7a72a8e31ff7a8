//! What a three-way merge could not settle, kept in the project file until
//! the analyst chooses: the file stays a valid project (mine kept), and
//! opening it lists each conflict with both versions and a choice.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MergeConflict {
    /// `actor`, `claim`, `relation`, `article`, `highlight`, `relation type` or `project`.
    pub kind: String,
    pub id: String,
    /// What a person recognises the item by.
    pub label: String,
    /// What happened, in words.
    pub what: String,
    /// The fields both sides changed differently.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<ConflictField>,
    /// Their version of the item (JSON), so that it can replace mine.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theirs: Option<String>,
    /// The side that deleted the item while the other changed it: choosing
    /// that side deletes it (the file keeps it until then).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted_by: Option<Side>,
}

/// One side of a merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Side {
    Mine,
    Theirs,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConflictField {
    pub name: String,
    pub mine: String,
    pub theirs: String,
}
