//! Concepts: a statement, frame or policy position (DNA's "concept"), coded
//! once and referenced by every actor's claim about it, each with its own stance.

use super::ConceptId;
use super::Stamp;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Concept {
    pub id: ConceptId,
    /// The concept in the analyst's words, e.g. «رفع الحصار عن قطر».
    pub text: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Who made or last changed it, and when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changed: Option<Stamp>,
}

impl Concept {
    pub fn new(id: ConceptId, text: impl Into<String>) -> Self {
        Self {
            id,
            text: text.into(),
            note: String::new(),
            changed: None,
        }
    }
}
