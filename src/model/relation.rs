//! Relations: source actor – relation type – target actor, with date and evidence.

use super::{ActorId, ArticleId, Date, HighlightId, RelationId, RelationTypeId};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relation {
    pub id: RelationId,
    pub source: ActorId,
    pub kind: RelationTypeId,
    pub target: ActorId,
    #[serde(default)]
    pub date: Option<Date>,
    #[serde(default)]
    pub article: Option<ArticleId>,
    /// The highlight whose text proves the relation; it lies in `article`.
    #[serde(default)]
    pub evidence: Option<HighlightId>,
    #[serde(default)]
    pub note: String,
}
