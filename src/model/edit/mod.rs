//! Every change an analyst makes to a project, as one `Edit`, and the one
//! function that carries it out: all or nothing, checked against what it
//! touches, returning what it made and the log that undoes it.
//!
//! An edit costs what it changes. It never copies the project, never
//! validates the whole of it, and its undo log holds only the items it
//! replaced or removed (see `op`).

mod codebook;
mod concepts;
mod conflicts;
mod dependents;
mod error;
mod highlights;
mod lookup;
mod op;
mod rejections;
mod relations;
mod tx;

pub use codebook::merge_actors;
use codebook::{
    add_articles, delete_actor, delete_article, delete_claims, update_actor, update_article,
    update_claim,
};
use concepts::{concept_for, delete_concept, merge_concepts, update_concept};
use conflicts::{replace_whole, resolve_conflict};
pub use dependents::ActorDependents;
pub use error::EditError;
use highlights::remove_highlights;
use highlights::{
    add_highlight, annotate_highlight, delete_highlight, evidence_highlight, resize_highlight,
    retag_highlight, tag_as_new_actor, tag_as_new_claim, tag_mentions,
};
use lookup::{
    actor_index, article_index, check_tag, claim_index, concept_index, highlight_index,
    relation_index, type_index,
};
use relations::{add_evidence, add_relations, check_relation, duplicate_relation, uncite};
pub use relations::{add_relation_type, merge_relation_types, rename_relation_type};

pub use op::{ListOp, Op, Touched, touched, undo};
pub use tx::{Item, Tx};

use std::collections::HashMap;

use super::{
    Actor, ActorId, ActorKind, Article, ArticleId, Claim, ClaimId, Concept, ConceptId, Date,
    Highlight, HighlightId, IdGenerator, ItemKind, Project, Relation, RelationId, RelationType,
    RelationTypeId, Source, Span, Speech, Stamp, Stance, Tag, ValidationError, VocabularyError,
    text,
};

/// A change to the project, as a view asks for it.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    SetTitle(String),
    SetDescription(String),
    /// New articles (their ids are replaced by fresh ones).
    AddArticles(Vec<Article>),
    /// Highlight a span with an existing actor, claim or as evidence.
    AddHighlight {
        article: ArticleId,
        span: Span,
        tag: Tag,
    },
    /// Create an actor and highlight the span as its mention, in one step.
    TagAsNewActor {
        article: ArticleId,
        span: Span,
        name: String,
        kind: ActorKind,
        aliases: Vec<String>,
        /// The name in another script (an English gloss of an Arabic name).
        gloss: String,
    },
    /// Create a claim and highlight the span where it is made, in one step.
    /// `text` names the concept: the one with these words (Arabic-folded),
    /// else a new concept made in the same step.
    TagAsNewClaim {
        article: ArticleId,
        span: Span,
        text: String,
        speaker: Option<ActorId>,
        stance: Stance,
        /// Whether the passage quotes the speaker or paraphrases them, if said.
        speech: Option<Speech>,
    },
    RetagHighlight {
        highlight: HighlightId,
        tag: Tag,
    },
    ResizeHighlight {
        highlight: HighlightId,
        span: Span,
    },
    /// A highlight's note and, for a claim's passage, whether it is a direct
    /// quote or a paraphrase.
    AnnotateHighlight {
        highlight: HighlightId,
        note: String,
        speech: Option<Speech>,
    },
    /// Delete a highlight; relations that cited it keep its quote in their note.
    DeleteHighlight(HighlightId),
    /// Highlight many mentions of one actor at once (find other mentions, accept all).
    TagMentions {
        actor: ActorId,
        mentions: Vec<(ArticleId, Span)>,
    },
    /// One relation per target, with the same source, type, date and evidence
    /// (the four states that cut ties with Qatar, in one step). With `evidence`
    /// the span is highlighted as evidence, or an existing evidence highlight
    /// over exactly that span is reused.
    AddRelations {
        source: ActorId,
        kind: RelationTypeId,
        targets: Vec<ActorId>,
        date: Option<Date>,
        evidence: Option<(ArticleId, Span)>,
        note: String,
    },
    /// Cite one more report of an existing relation: the span is highlighted
    /// as evidence (or an evidence highlight over exactly that span is reused).
    AddEvidence {
        relation: RelationId,
        article: ArticleId,
        span: Span,
    },
    /// Stop citing one report; its highlight stays in the article.
    RemoveSource {
        relation: RelationId,
        source: Source,
    },
    /// Replace a relation by its edited version (same id).
    UpdateRelation(Relation),
    DeleteRelation(RelationId),
    DuplicateRelation(RelationId),
    RenameRelationType {
        id: RelationTypeId,
        label: String,
    },
    MergeRelationTypes {
        from: RelationTypeId,
        into: RelationTypeId,
    },
    AddRelationType {
        label: String,
        directed: bool,
    },
    SetRelationTypeDirected {
        id: RelationTypeId,
        directed: bool,
    },
    SetRelationTypeDescription {
        id: RelationTypeId,
        description: String,
    },
    /// Replace the whole project by one recovered after a crash; items keep
    /// the stamps they carry.
    RestoreRecovered(Box<Project>),
    /// Replace the project by its merge with a colleague's copy; the
    /// colleague's stamps are kept as they are.
    MergeIn(Box<Project>),
    /// Replace the project by itself with what an import added (other
    /// tools' files, read and checked whole before).
    Import(Box<Project>),
    /// One actor under two ids: `from`'s mentions, relations, claims and names go to `into`.
    MergeActors {
        from: ActorId,
        into: ActorId,
    },
    /// Replace an actor by its edited version (same id: every mention,
    /// relation end and speaker keeps pointing at it).
    UpdateActor(Box<Actor>),
    /// Delete an actor. With `dependents` its mentions, its relations and the
    /// claims it is the speaker of (with their highlights) go too; without,
    /// an actor anything depends on is refused, saying what.
    DeleteActor {
        actor: ActorId,
        dependents: bool,
    },
    /// Replace a claim by its edited version (same id).
    UpdateClaim(Box<Claim>),
    /// Delete a claim and the highlights where it is made.
    DeleteClaim(ClaimId),
    /// Point a claim at the concept with these words (Arabic-folded), or at
    /// a new concept made in the same step.
    SetClaimConcept {
        claim: ClaimId,
        words: String,
    },
    /// Rename a concept or change its note (same id: every claim follows).
    UpdateConcept(Box<Concept>),
    /// One concept under two ids: `from`'s claims go to `into`, `from` goes.
    MergeConcepts {
        from: ConceptId,
        into: ConceptId,
    },
    /// Delete a concept. With `dependents` the claims about it (with their
    /// highlights) go too; without, a concept with claims is refused, saying how many.
    DeleteConcept {
        concept: ConceptId,
        dependents: bool,
    },
    /// Replace an article's metadata (title, outlet, URL, date, language,
    /// notes); its body is never edited, since every offset depends on it.
    UpdateArticle(Box<Article>),
    /// Delete an article with its highlights; relations stop citing it, and
    /// those left citing nothing are deleted when `orphans` says so.
    DeleteArticle {
        article: ArticleId,
        orphans: Orphans,
    },
    /// Turn suggestions down: never offered again, kept in the project.
    /// One already turned down stays as it was.
    Reject(Vec<crate::model::Rejection>),
    /// Offer rejected suggestions again (by their ids).
    Unreject(Vec<String>),
    /// Several edits as one step (deleting or merging a selection of the
    /// codebook): all are carried out, or none, and one undo takes all back.
    Several(Vec<Edit>),
    /// Settle the merge conflict at `index` as `side` had it: mine (as the
    /// file has it) or their version of the item; the side that deleted
    /// the item deletes it.
    ResolveConflict {
        index: usize,
        side: crate::model::Side,
    },
}

/// What becomes of relations whose only sources were in a deleted article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Orphans {
    /// Kept, citing nothing (the table marks them).
    Keep,
    Delete,
}

impl Edit {
    /// Whether items the edit makes or changes carry the analyst's stamp
    /// (a recovered copy or a colleague's merge brings its own).
    pub fn stamps(&self) -> bool {
        !matches!(
            self,
            Self::RestoreRecovered(_) | Self::MergeIn(_) | Self::Import(_)
        )
    }
}

/// What an edit made, so the window can select it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Made {
    pub articles: Vec<ArticleId>,
    pub actors: Vec<ActorId>,
    pub concepts: Vec<ConceptId>,
    pub claims: Vec<ClaimId>,
    pub highlights: Vec<HighlightId>,
    pub relations: Vec<RelationId>,
    pub relation_types: Vec<RelationTypeId>,
}

impl Made {
    fn extend(&mut self, other: Made) {
        self.articles.extend(other.articles);
        self.actors.extend(other.actors);
        self.concepts.extend(other.concepts);
        self.claims.extend(other.claims);
        self.highlights.extend(other.highlights);
        self.relations.extend(other.relations);
        self.relation_types.extend(other.relation_types);
    }
}

/// A carried-out edit: what it made, and the log that undoes it (empty when
/// the edit turned out to change nothing).
#[derive(Debug)]
pub struct Applied {
    pub made: Made,
    pub undo: Vec<Op>,
}

/// Carries `edit` out on `project`, whole or not at all. `stamp` marks every
/// item made or changed (unless the edit brings items with their own stamps).
pub fn apply(
    project: &mut Project,
    ids: &mut IdGenerator,
    edit: Edit,
    stamp: &Stamp,
) -> Result<Applied, EditError> {
    apply_indexed(project, ids, edit, stamp, None)
}

/// `apply`, with `index` following `project` as it stands (the open
/// document's), so an edit finds an article's highlights and a free id
/// without walking every highlight.
pub fn apply_indexed(
    project: &mut Project,
    ids: &mut IdGenerator,
    edit: Edit,
    stamp: &Stamp,
    index: Option<&crate::model::coded::Coded>,
) -> Result<Applied, EditError> {
    let stamp = edit.stamps().then(|| stamp.clone());
    let mut tx = Tx::new(project, stamp).with_index(index);
    let made = run(&mut tx, ids, edit)?;
    // A safety net while developing: no edit may break an invariant.
    // What was broken before (a folder project open without an article file
    // it could not read, which relations still cite) is not the edit's doing.
    #[cfg(debug_assertions)]
    {
        let after = tx.project().validate_edit();
        if !after.is_empty() {
            let before = tx.before(Project::validate_edit);
            if let Some(problem) = after.into_iter().find(|e| !before.contains(e)) {
                return Err(EditError::Invalid(problem));
            }
        }
    }
    Ok(Applied {
        made,
        undo: tx.commit(),
    })
}

fn run(tx: &mut Tx<'_>, ids: &mut IdGenerator, edit: Edit) -> Result<Made, EditError> {
    let mut made = Made::default();
    match edit {
        Edit::SetTitle(mut title) => {
            text::lf_in_place(&mut title);
            if title != tx.project().title {
                tx.apply(Op::Title(title));
            }
        }
        Edit::SetDescription(mut description) => {
            text::lf_in_place(&mut description);
            if description != tx.project().description {
                tx.apply(Op::Description(description));
            }
        }
        Edit::AddArticles(articles) => add_articles(tx, ids, &mut made, articles)?,
        Edit::AddHighlight { article, span, tag } => {
            check_tag(tx.project(), &tag)?;
            made.highlights
                .push(add_highlight(tx, ids, &article, span, tag)?);
        }
        Edit::TagAsNewActor {
            article,
            span,
            name,
            kind,
            aliases,
            gloss,
        } => tag_as_new_actor(
            tx,
            ids,
            &mut made,
            (article, span),
            (&name, kind),
            aliases,
            &gloss,
        )?,
        Edit::TagAsNewClaim {
            article,
            span,
            text,
            speaker,
            stance,
            speech,
        } => tag_as_new_claim(
            tx,
            ids,
            &mut made,
            (article, span),
            (text, speaker, stance),
            speech,
        )?,
        Edit::RetagHighlight { highlight, tag } => retag_highlight(tx, &highlight, tag)?,
        Edit::ResizeHighlight { highlight, span } => resize_highlight(tx, &highlight, span)?,
        Edit::AnnotateHighlight {
            highlight,
            note,
            speech,
        } => annotate_highlight(tx, &highlight, note, speech)?,
        Edit::DeleteHighlight(highlight) => delete_highlight(tx, &highlight)?,
        Edit::TagMentions { actor, mentions } => {
            tag_mentions(tx, ids, &mut made, &actor, mentions)?;
        }
        Edit::AddRelations {
            source,
            kind,
            targets,
            date,
            evidence,
            note,
        } => add_relations(
            tx,
            ids,
            &mut made,
            (source, kind, targets),
            date,
            evidence,
            &note,
        )?,
        Edit::AddEvidence {
            relation,
            article,
            span,
        } => add_evidence(tx, ids, &mut made, &relation, (article, span))?,
        Edit::RemoveSource { relation, source } => {
            let index = relation_index(tx.project(), &relation)?;
            tx.update::<Relation>(index, |r| r.sources.retain(|s| *s != source));
        }
        Edit::UpdateRelation(relation) => {
            let index = relation_index(tx.project(), &relation.id)?;
            check_relation(tx.project(), &relation)?;
            tx.replace(index, relation);
        }
        Edit::DeleteRelation(id) => {
            let index = relation_index(tx.project(), &id)?;
            tx.remove::<Relation>(index);
        }
        Edit::DuplicateRelation(id) => duplicate_relation(tx, ids, &mut made, &id)?,
        Edit::RenameRelationType { id, label } => rename_relation_type(tx, &id, &label)?,
        Edit::MergeRelationTypes { from, into } => merge_relation_types(tx, &from, &into)?,
        Edit::AddRelationType { label, directed } => {
            made.relation_types
                .push(add_relation_type(tx, &label, directed)?);
        }
        Edit::SetRelationTypeDirected { id, directed } => {
            let index = type_index(tx.project(), &id)?;
            tx.update::<RelationType>(index, |t| t.directed = directed);
        }
        Edit::SetRelationTypeDescription { id, description } => {
            let index = type_index(tx.project(), &id)?;
            tx.update::<RelationType>(index, |t| description.trim().clone_into(&mut t.description));
        }
        Edit::RestoreRecovered(project) | Edit::MergeIn(project) | Edit::Import(project) => {
            replace_whole(tx, project)?;
        }
        Edit::MergeActors { from, into } => merge_actors(tx, &from, &into)?,
        Edit::UpdateActor(actor) => update_actor(tx, *actor)?,
        Edit::DeleteActor { actor, dependents } => delete_actor(tx, &actor, dependents)?,
        Edit::UpdateClaim(claim) => update_claim(tx, *claim)?,
        Edit::DeleteClaim(claim) => delete_claims(tx, &[claim])?,
        Edit::SetClaimConcept { claim, words } => {
            let index = claim_index(tx.project(), &claim)?;
            let concept = concept_for(tx, ids, &mut made, &words)?;
            if tx.project().claims[index].concept != concept {
                tx.update::<Claim>(index, |c| c.concept = concept);
            }
        }
        Edit::UpdateConcept(concept) => update_concept(tx, *concept)?,
        Edit::MergeConcepts { from, into } => merge_concepts(tx, &from, &into)?,
        Edit::DeleteConcept {
            concept,
            dependents,
        } => delete_concept(tx, &concept, dependents)?,
        Edit::UpdateArticle(article) => update_article(tx, *article)?,
        Edit::DeleteArticle { article, orphans } => delete_article(tx, &article, orphans)?,
        Edit::Reject(rejections) => rejections::reject(tx, rejections)?,
        Edit::Unreject(ids) => rejections::unreject(tx, &ids)?,
        Edit::Several(edits) => {
            for edit in edits {
                made.extend(run(tx, ids, edit)?);
            }
        }
        Edit::ResolveConflict { index, side } => resolve_conflict(tx, index, side)?,
    }
    Ok(made)
}
