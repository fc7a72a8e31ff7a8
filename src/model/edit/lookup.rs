//! Finding what an edit names, or the error that says it is gone.

use super::{
    Actor, ActorId, Article, ArticleId, Claim, ClaimId, Concept, ConceptId, EditError, Highlight,
    HighlightId, Item, Project, Relation, RelationId, RelationType, RelationTypeId, Tag,
};

/// The place of the item called `key` in its list, or `missing` as the error.
pub(super) fn index_of<T: Item>(
    project: &Project,
    key: &str,
    missing: impl FnOnce() -> EditError,
) -> Result<usize, EditError> {
    T::list(project)
        .iter()
        .position(|x| x.id() == key)
        .ok_or_else(missing)
}

pub(super) fn article_index(project: &Project, id: &ArticleId) -> Result<usize, EditError> {
    index_of::<Article>(project, id.as_str(), || EditError::NoArticle(id.clone()))
}

pub(super) fn actor_index(project: &Project, id: &ActorId) -> Result<usize, EditError> {
    index_of::<Actor>(project, id.as_str(), || EditError::NoActor(id.clone()))
}

pub(super) fn claim_index(project: &Project, id: &ClaimId) -> Result<usize, EditError> {
    index_of::<Claim>(project, id.as_str(), || EditError::NoClaim(id.clone()))
}

pub(super) fn concept_index(project: &Project, id: &ConceptId) -> Result<usize, EditError> {
    index_of::<Concept>(project, id.as_str(), || EditError::NoConcept(id.clone()))
}

pub(super) fn highlight_index(project: &Project, id: &HighlightId) -> Result<usize, EditError> {
    index_of::<Highlight>(project, id.as_str(), || EditError::NoHighlight(id.clone()))
}

pub(super) fn relation_index(project: &Project, id: &RelationId) -> Result<usize, EditError> {
    index_of::<Relation>(project, id.as_str(), || EditError::NoRelation(id.clone()))
}

pub(super) fn type_index(project: &Project, id: &RelationTypeId) -> Result<usize, EditError> {
    index_of::<RelationType>(project, id.as_str(), || {
        EditError::NoRelationType(id.clone())
    })
}

pub(super) fn check_tag(project: &Project, tag: &Tag) -> Result<(), EditError> {
    match tag {
        Tag::Actor(actor) => actor_index(project, actor).map(drop),
        Tag::Claim(claim) => claim_index(project, claim).map(drop),
        Tag::Evidence => Ok(()),
    }
}
