//! Claims: what is asserted or denied, and by whom.

use super::Stamp;
use super::{ActorId, ClaimId};
use serde::{Deserialize, Serialize};

/// Where the speaker stands on the claim (the agreement of discourse network analysis).
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
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    pub id: ClaimId,
    /// The claim in the analyst's words.
    pub text: String,
    #[serde(default)]
    pub speaker: Option<ActorId>,
    pub stance: Stance,
    #[serde(default)]
    pub note: String,
    /// Who made or last changed it, and when (absent in files from before attribution).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changed: Option<Stamp>,
}
