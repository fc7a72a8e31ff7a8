//! Claims: what is asserted or denied, and by whom.

use super::Stamp;
use super::{ActorId, ClaimId, ConceptId};
use serde::{Deserialize, Serialize};

/// Where the speaker stands on the concept (the agreement of discourse network analysis).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Stance {
    Affirms,
    Denies,
    Neutral,
}

impl Stance {
    pub const ALL: [Self; 3] = [Self::Affirms, Self::Denies, Self::Neutral];

    pub fn label(self) -> &'static str {
        match self {
            Self::Affirms => "affirms",
            Self::Denies => "denies",
            Self::Neutral => "neutral",
        }
    }

    /// The stance as DNA's integer qualifier: agreement 1, disagreement -1
    /// (DNA's boolean 0), neutral 0 in between.
    pub fn qualifier(self) -> i32 {
        match self {
            Self::Affirms => 1,
            Self::Denies => -1,
            Self::Neutral => 0,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
/// One actor's stance on a concept (DNA's statement, without its passage:
/// the highlights tagged with the claim are where it is made).
pub struct Claim {
    pub id: ClaimId,
    /// What is claimed: shared by every actor who takes a stance on it.
    pub concept: ConceptId,
    #[serde(default)]
    pub speaker: Option<ActorId>,
    /// The organisation or state the speaker speaks for, e.g. a ministry for
    /// its spokesman (DNA's organisation beside its person).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_behalf_of: Option<ActorId>,
    pub stance: Stance,
    #[serde(default)]
    pub note: String,
    /// Who made or last changed it, and when (absent in files from before attribution).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changed: Option<Stamp>,
}
