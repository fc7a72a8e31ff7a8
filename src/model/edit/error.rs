//! Why an edit was refused: nothing was changed.

use super::{
    ActorDependents, ActorId, ArticleId, ClaimId, ConceptId, HighlightId, RelationId,
    RelationTypeId, ValidationError, VocabularyError,
};

/// Why an edit was refused. Nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// Nothing may change now (a project shown while it is still being read).
    #[error("{0}")]
    ReadOnly(String),
    #[error("article `{0}` no longer exists")]
    NoArticle(ArticleId),
    #[error("actor `{0}` no longer exists")]
    NoActor(ActorId),
    #[error("claim `{0}` no longer exists")]
    NoClaim(ClaimId),
    #[error("concept `{0}` no longer exists")]
    NoConcept(ConceptId),
    #[error("give the concept some words")]
    EmptyConcept,
    #[error("concept `{existing}` already has these words; merge the two instead")]
    ConceptExists { existing: ConceptId },
    #[error("a concept cannot be merged into itself")]
    SelfMergeConcept,
    #[error(
        "concept `{concept}` is still used by {claims} claim(s); delete those too, or keep the concept"
    )]
    ConceptInUse { concept: ConceptId, claims: usize },
    #[error("highlight `{0}` no longer exists")]
    NoHighlight(HighlightId),
    #[error("relation `{0}` no longer exists")]
    NoRelation(RelationId),
    #[error("the rejected suggestion `{0}` is no longer in the project")]
    NoRejection(String),
    #[error("there is no relation type `{0}`")]
    NoRelationType(RelationTypeId),
    #[error("select some text to tag first")]
    EmptySpan,
    #[error("the selection {start}..{end} is outside article `{article}` ({len} characters)")]
    OutsideArticle {
        article: ArticleId,
        start: usize,
        end: usize,
        len: usize,
    },
    #[error("choose at least one target")]
    NoTargets,
    #[error("give the actor a name")]
    EmptyName,
    #[error("an actor cannot be merged into itself")]
    SelfMerge,
    #[error("highlight `{highlight}` is in article `{found}`, not in `{expected}`")]
    EvidenceInOtherArticle {
        highlight: HighlightId,
        expected: ArticleId,
        found: ArticleId,
    },
    #[error("relation `{0}` already exists")]
    DuplicateRelation(RelationId),
    #[error("nothing to import")]
    NothingToImport,
    #[error("there is no merge conflict number {0}")]
    NoConflict(usize),
    #[error("their version of {0} cannot be read")]
    UnreadableConflict(String),
    #[error(transparent)]
    Vocabulary(#[from] VocabularyError),
    #[error("the project is not valid: {0}")]
    Invalid(ValidationError),
    #[error("actor `{actor}` is still used: {dependents}; delete those too, or keep the actor")]
    ActorInUse {
        actor: ActorId,
        dependents: ActorDependents,
    },
    #[error("the body of article `{0}` cannot be edited: every highlight's offsets depend on it")]
    BodyChanged(ArticleId),
    #[error("that text is already highlighted the same way (highlight `{0}`)")]
    DuplicateHighlight(HighlightId),
}
