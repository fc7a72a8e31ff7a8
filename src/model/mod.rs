//! The analyst's data: a project of articles and everything coded on them.
//!
//! Nothing here knows about egui or about files; the UI changes a project only
//! through `crate::app`, and `crate::store` reads and writes it.

mod actor;
pub mod arabic;
mod article;
pub mod attribution;
mod body;
mod claim;
pub mod codebook;
pub mod coded;
mod concept;
mod conflict;
mod date;
pub mod edit;
mod highlight;
mod ids;
mod item;
mod project;
mod rejection;
mod relation;
pub mod relation_query;
pub mod search;
mod shared;
pub mod text;
mod validate;
mod vocabulary;

pub use actor::{Actor, ActorKind};
pub use article::Article;
pub use attribution::{Attributed, Stamp};
pub use body::{Body, Fetch};
pub use claim::{Claim, Stance};
pub use concept::Concept;
pub use conflict::{ConflictField, MergeConflict, Side};
pub use date::{Date, DateError};
pub use highlight::{Highlight, Span, Speech, Tag};
pub use ids::{
    ActorId, ArticleId, ClaimId, ConceptId, HighlightId, IdGenerator, RelationId, RelationTypeId,
    hex,
};
pub use item::{Item, ItemKind};
pub use project::Project;
pub use rejection::Rejection;
pub use relation::{Relation, Source};
pub use shared::Shared;
pub use validate::ValidationError;
pub use validate::article_highlights as check_article_highlights;
pub use vocabulary::{RelationType, VocabularyError, default_vocabulary, id_for_label};
