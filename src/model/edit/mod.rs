//! Every change an analyst makes to a project, as one `Edit`, and the one
//! function that carries it out: all or nothing, checked against what it
//! touches, returning what it made and the log that undoes it.
//!
//! An edit costs what it changes. It never copies the project, never
//! validates the whole of it, and its undo log holds only the items it
//! replaced or removed (see `op`).

mod op;
mod tx;

pub use op::{ListOp, Op, Touched, touched, undo};
pub use tx::{Item, Tx};

use std::collections::HashMap;

use super::{
    Actor, ActorId, ActorKind, Article, ArticleId, Claim, ClaimId, Date, Highlight, HighlightId,
    IdGenerator, ItemKind, Project, Relation, RelationId, RelationType, RelationTypeId, Source,
    Span, Speech, Stamp, Stance, Tag, ValidationError, VocabularyError, text,
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
    /// Replace an article's metadata (title, outlet, URL, date, language,
    /// notes); its body is never edited, since every offset depends on it.
    UpdateArticle(Box<Article>),
    /// Delete an article with its highlights; relations stop citing it, and
    /// those left citing nothing are deleted when `orphans` says so.
    DeleteArticle {
        article: ArticleId,
        orphans: Orphans,
    },
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

/// What depends on an actor: asked before it is deleted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ActorDependents {
    pub mentions: usize,
    pub relations: usize,
    /// Claims the actor is the speaker of.
    pub claims: usize,
}

impl ActorDependents {
    pub fn of(project: &Project, actor: &ActorId) -> Self {
        let tag = Tag::Actor(actor.clone());
        Self {
            mentions: project.highlights.iter().filter(|h| h.tag == tag).count(),
            relations: project
                .relations
                .iter()
                .filter(|r| &r.source == actor || &r.target == actor)
                .count(),
            claims: project
                .claims
                .iter()
                .filter(|c| c.speaker.as_ref() == Some(actor))
                .count(),
        }
    }

    /// What depends on any of `actors`, each item counted once.
    pub fn of_all(project: &Project, actors: &[ActorId]) -> Self {
        let set: std::collections::HashSet<&ActorId> = actors.iter().collect();
        Self {
            mentions: project
                .highlights
                .iter()
                .filter(|h| matches!(&h.tag, Tag::Actor(a) if set.contains(a)))
                .count(),
            relations: project
                .relations
                .iter()
                .filter(|r| set.contains(&r.source) || set.contains(&r.target))
                .count(),
            claims: project
                .claims
                .iter()
                .filter(|c| c.speaker.as_ref().is_some_and(|s| set.contains(s)))
                .count(),
        }
    }

    pub fn any(self) -> bool {
        self.mentions + self.relations + self.claims > 0
    }
}

impl std::fmt::Display for ActorDependents {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} mention(s), {} relation(s), {} claim(s) as speaker",
            self.mentions, self.relations, self.claims
        )
    }
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

/// Why an edit was refused. Nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("article `{0}` no longer exists")]
    NoArticle(ArticleId),
    #[error("actor `{0}` no longer exists")]
    NoActor(ActorId),
    #[error("claim `{0}` no longer exists")]
    NoClaim(ClaimId),
    #[error("highlight `{0}` no longer exists")]
    NoHighlight(HighlightId),
    #[error("relation `{0}` no longer exists")]
    NoRelation(RelationId),
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

/// What an edit made, so the window can select it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Made {
    pub articles: Vec<ArticleId>,
    pub actors: Vec<ActorId>,
    pub claims: Vec<ClaimId>,
    pub highlights: Vec<HighlightId>,
    pub relations: Vec<RelationId>,
    pub relation_types: Vec<RelationTypeId>,
}

impl Made {
    fn extend(&mut self, other: Made) {
        self.articles.extend(other.articles);
        self.actors.extend(other.actors);
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
    let stamp = edit.stamps().then(|| stamp.clone());
    let mut tx = Tx::new(project, stamp);
    let made = run(&mut tx, ids, edit)?;
    // A safety net while developing: no edit may break an invariant.
    #[cfg(debug_assertions)]
    if let Some(problem) = tx.project().validate_edit().into_iter().next() {
        return Err(EditError::Invalid(problem));
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
        Edit::AddArticles(articles) => {
            if articles.is_empty() {
                return Err(EditError::NothingToImport);
            }
            for mut article in articles {
                article.id = tx.project().new_article_id(ids);
                made.articles.push(article.id.clone());
                tx.push(article);
            }
        }
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
        } => {
            let name = name.trim();
            if name.is_empty() {
                return Err(EditError::EmptyName);
            }
            let id = tx.project().new_actor_id(ids);
            let mut actor = Actor::new(id.clone(), name, kind);
            actor.aliases = aliases
                .into_iter()
                .map(|a| a.trim().to_owned())
                .filter(|a| !a.is_empty())
                .collect();
            gloss.trim().clone_into(&mut actor.gloss);
            tx.push(actor);
            made.actors.push(id.clone());
            made.highlights
                .push(add_highlight(tx, ids, &article, span, Tag::Actor(id))?);
        }
        Edit::TagAsNewClaim {
            article,
            span,
            text,
            speaker,
            stance,
            speech,
        } => {
            if let Some(speaker) = &speaker {
                actor_index(tx.project(), speaker)?;
            }
            let id = tx.project().new_claim_id(ids);
            tx.push(Claim {
                id: id.clone(),
                text: text.trim().to_owned(),
                speaker,
                stance,
                note: String::new(),
                changed: None,
            });
            made.claims.push(id.clone());
            let highlight = add_highlight(tx, ids, &article, span, Tag::Claim(id))?;
            if speech.is_some() {
                let index = tx.project().highlights.len() - 1;
                tx.update::<Highlight>(index, |h| h.speech = speech);
            }
            made.highlights.push(highlight);
        }
        Edit::RetagHighlight { highlight, tag } => {
            check_tag(tx.project(), &tag)?;
            let index = highlight_index(tx.project(), &highlight)?;
            tx.update::<Highlight>(index, |h| {
                if !matches!(tag, Tag::Claim(_)) {
                    h.speech = None;
                }
                h.tag = tag;
            });
        }
        Edit::ResizeHighlight { highlight, span } => {
            let index = highlight_index(tx.project(), &highlight)?;
            let article = tx.project().highlights[index].article.clone();
            let span = if span.is_empty() {
                span
            } else {
                trimmed(tx.project(), &article, span)?
            };
            let quote = quote_at(tx.project(), &article, span)?;
            tx.update::<Highlight>(index, |h| {
                h.span = span;
                h.quote = quote;
            });
        }
        Edit::AnnotateHighlight {
            highlight,
            mut note,
            speech,
        } => {
            let index = highlight_index(tx.project(), &highlight)?;
            text::lf_in_place(&mut note);
            let note = note.trim().to_owned();
            let speech =
                speech.filter(|_| matches!(tx.project().highlights[index].tag, Tag::Claim(_)));
            let old = &tx.project().highlights[index];
            if old.note != note || old.speech != speech {
                tx.update::<Highlight>(index, |h| {
                    h.note = note;
                    h.speech = speech;
                });
            }
        }
        Edit::DeleteHighlight(highlight) => delete_highlight(tx, &highlight)?,
        Edit::TagMentions { actor, mentions } => {
            actor_index(tx.project(), &actor)?;
            for (article, span) in mentions {
                made.highlights.push(add_highlight(
                    tx,
                    ids,
                    &article,
                    span,
                    Tag::Actor(actor.clone()),
                )?);
            }
        }
        Edit::AddRelations {
            source,
            kind,
            targets,
            date,
            evidence,
            note,
        } => {
            if targets.is_empty() {
                return Err(EditError::NoTargets);
            }
            actor_index(tx.project(), &source)?;
            for target in &targets {
                actor_index(tx.project(), target)?;
            }
            type_index(tx.project(), &kind)?;
            let sources = match evidence {
                Some((article, span)) => {
                    let (highlight, new) = evidence_highlight(tx, ids, &article, span)?;
                    if new {
                        made.highlights.push(highlight.clone());
                    }
                    vec![Source::new(article, Some(highlight))]
                }
                None => Vec::new(),
            };
            for target in targets {
                let id = tx.project().new_relation_id(ids);
                made.relations.push(id.clone());
                tx.push(Relation {
                    id,
                    source: source.clone(),
                    kind: kind.clone(),
                    target,
                    date,
                    sources: sources.clone(),
                    note: note.clone(),
                    changed: None,
                });
            }
        }
        Edit::AddEvidence {
            relation,
            article,
            span,
        } => {
            let index = relation_index(tx.project(), &relation)?;
            let (highlight, new) = evidence_highlight(tx, ids, &article, span)?;
            if new {
                made.highlights.push(highlight.clone());
            }
            tx.update::<Relation>(index, |r| {
                r.add_source(Source::new(article, Some(highlight)));
            });
        }
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
        Edit::DuplicateRelation(id) => {
            let index = relation_index(tx.project(), &id)?;
            let mut copy = tx.project().relations[index].clone();
            copy.id = tx.project().new_relation_id(ids);
            made.relations.push(copy.id.clone());
            tx.insert(index + 1, copy);
        }
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
            // Checked whole, once: it comes from outside this edit path.
            if let Some(problem) = project.validate_edit().into_iter().next() {
                return Err(EditError::Invalid(problem));
            }
            if *project != *tx.project() {
                tx.apply(Op::Whole(project));
            }
        }
        Edit::MergeActors { from, into } => merge_actors(tx, &from, &into)?,
        Edit::UpdateActor(actor) => {
            let mut actor = *actor;
            let index = actor_index(tx.project(), &actor.id)?;
            crate::model::text::trim_in_place(&mut actor.name);
            if actor.name.is_empty() {
                return Err(EditError::EmptyName);
            }
            let mut aliases: Vec<String> = Vec::new();
            for alias in actor.aliases.iter().map(|a| a.trim()) {
                if !alias.is_empty() && alias != actor.name && !aliases.iter().any(|a| a == alias) {
                    aliases.push(alias.to_owned());
                }
            }
            actor.aliases = aliases;
            tx.replace(index, actor);
        }
        Edit::DeleteActor { actor, dependents } => delete_actor(tx, &actor, dependents)?,
        Edit::UpdateClaim(claim) => {
            let mut claim = *claim;
            let index = claim_index(tx.project(), &claim.id)?;
            if let Some(speaker) = &claim.speaker {
                actor_index(tx.project(), speaker)?;
            }
            crate::model::text::trim_in_place(&mut claim.text);
            tx.replace(index, claim);
        }
        Edit::DeleteClaim(claim) => delete_claims(tx, &[claim])?,
        Edit::UpdateArticle(article) => {
            let index = article_index(tx.project(), &article.id)?;
            let old = &tx.project().articles[index];
            if old.body != article.body || old.body_hash != article.body_hash {
                return Err(EditError::BodyChanged(article.id));
            }
            tx.replace(index, *article);
        }
        Edit::DeleteArticle { article, orphans } => delete_article(tx, &article, orphans)?,
        Edit::Several(edits) => {
            for edit in edits {
                made.extend(run(tx, ids, edit)?);
            }
        }
        Edit::ResolveConflict { index, side } => {
            let project = tx.project();
            let conflict = project
                .conflicts
                .get(index)
                .cloned()
                .ok_or(EditError::NoConflict(index))?;
            // Rare and whole: the settled project is checked as a whole.
            let mut next = project.clone();
            next.conflicts.remove(index);
            if conflict.deleted_by == Some(side) {
                delete_conflicting(&mut next, &conflict)?;
            } else if side == crate::model::Side::Theirs
                && let Some(json) = &conflict.theirs
            {
                take_their_version(&mut next, &conflict, json, tx.stamp())?;
            }
            if let Some(problem) = next.validate_edit().into_iter().next() {
                return Err(EditError::Invalid(problem));
            }
            tx.apply(Op::Whole(Box::new(next)));
        }
    }
    Ok(made)
}

/// Deletes the item of a conflict whose deletion was chosen; refused, with
/// what still uses it, if something does.
fn delete_conflicting(
    project: &mut Project,
    conflict: &crate::model::MergeConflict,
) -> Result<(), EditError> {
    fn remove<T: Item>(project: &mut Project, id: &str) {
        T::list_mut(project).retain(|x| x.id() != id);
    }
    let id = conflict.id.as_str();
    match ItemKind::from_label(&conflict.kind) {
        Some(ItemKind::Actor) => remove::<Actor>(project, id),
        Some(ItemKind::Claim) => remove::<Claim>(project, id),
        Some(ItemKind::Relation) => remove::<Relation>(project, id),
        Some(ItemKind::Article) => remove::<Article>(project, id),
        Some(ItemKind::Highlight) => remove::<Highlight>(project, id),
        Some(ItemKind::RelationType) => remove::<RelationType>(project, id),
        Some(ItemKind::ProjectInfo) | None => {
            return Err(EditError::UnreadableConflict(id.to_owned()));
        }
    }
    Ok(())
}

/// Puts their version of a conflicting item in place of mine, stamped by
/// whoever chose it.
fn take_their_version(
    project: &mut Project,
    conflict: &crate::model::MergeConflict,
    json: &str,
    stamp: Option<&crate::model::Stamp>,
) -> Result<(), EditError> {
    fn replace<T: Item>(
        project: &mut Project,
        id: &str,
        json: &str,
        stamp: Option<&crate::model::Stamp>,
    ) -> Result<(), EditError> {
        let mut item: T =
            serde_json::from_str(json).map_err(|_| EditError::UnreadableConflict(id.to_owned()))?;
        if let Some(stamp) = stamp {
            item.set_stamp(Some(stamp.clone()));
        }
        let list = T::list_mut(project);
        match list.iter().position(|x| x.id() == id) {
            Some(i) => list[i] = item,
            None => list.push(item),
        }
        Ok(())
    }
    let id = conflict.id.as_str();
    match ItemKind::from_label(&conflict.kind) {
        Some(ItemKind::Actor) => replace::<Actor>(project, id, json, stamp),
        Some(ItemKind::Claim) => replace::<Claim>(project, id, json, stamp),
        Some(ItemKind::Relation) => replace::<Relation>(project, id, json, stamp),
        Some(ItemKind::Article) => replace::<Article>(project, id, json, stamp),
        Some(ItemKind::Highlight) => replace::<Highlight>(project, id, json, stamp),
        Some(ItemKind::RelationType) => replace::<RelationType>(project, id, json, stamp),
        Some(ItemKind::ProjectInfo) => {
            let text: String = serde_json::from_str(json)
                .map_err(|_| EditError::UnreadableConflict(id.to_owned()))?;
            match id {
                "title" => project.title = text,
                _ => project.description = text,
            }
            Ok(())
        }
        None => Err(EditError::UnreadableConflict(id.to_owned())),
    }
}

/// Removes `claims` and the highlights where they are made.
fn delete_claims(tx: &mut Tx<'_>, claims: &[ClaimId]) -> Result<(), EditError> {
    let places = claims
        .iter()
        .map(|c| claim_index(tx.project(), c))
        .collect::<Result<Vec<_>, _>>()?;
    let highlights =
        tx.positions::<Highlight>(|h| matches!(&h.tag, Tag::Claim(c) if claims.contains(c)));
    remove_highlights(tx, highlights);
    tx.remove_many::<Claim>(places);
    Ok(())
}

/// Removes the highlights at `positions`; relations that cited one as
/// evidence keep its quote in their note, as a single deleted highlight does
/// (a highlight retagged from evidence may be cited).
fn remove_highlights(tx: &mut Tx<'_>, positions: Vec<usize>) {
    let gone: HashMap<HighlightId, String> = positions
        .iter()
        .map(|&i| {
            let h = &tx.project().highlights[i];
            (h.id.clone(), h.quote.clone())
        })
        .collect();
    tx.remove_many::<Highlight>(positions);
    if gone.is_empty() {
        return;
    }
    tx.update_each::<Relation>(|relation| uncite(relation, &gone));
}

/// Stops `relation` citing any of `gone` (highlight → quote), noting each quote.
fn uncite(relation: &mut Relation, gone: &HashMap<HighlightId, String>) -> bool {
    let mut any = false;
    for source in &mut relation.sources {
        if let Some(quote) = source.evidence.as_ref().and_then(|e| gone.get(e)) {
            // The article still reports the relation, just without a span.
            let mark = format!("[evidence highlight deleted: «{quote}»]");
            relation.note = if relation.note.is_empty() {
                mark
            } else {
                format!("{} {mark}", relation.note)
            };
            source.evidence = None;
            any = true;
        }
    }
    any
}

fn delete_actor(tx: &mut Tx<'_>, actor: &ActorId, dependents: bool) -> Result<(), EditError> {
    let index = actor_index(tx.project(), actor)?;
    let found = ActorDependents::of(tx.project(), actor);
    if found.any() && !dependents {
        return Err(EditError::ActorInUse {
            actor: actor.clone(),
            dependents: found,
        });
    }
    let spoken: Vec<ClaimId> = tx
        .project()
        .claims
        .iter()
        .filter(|c| c.speaker.as_ref() == Some(actor))
        .map(|c| c.id.clone())
        .collect();
    let tag = Tag::Actor(actor.clone());
    let mentions = tx.positions::<Highlight>(|h| h.tag == tag);
    let relations = tx.positions::<Relation>(|r| &r.source == actor || &r.target == actor);
    tx.remove_many::<Relation>(relations);
    remove_highlights(tx, mentions);
    delete_claims(tx, &spoken)?;
    tx.remove::<Actor>(index);
    Ok(())
}

fn delete_article(tx: &mut Tx<'_>, article: &ArticleId, orphans: Orphans) -> Result<(), EditError> {
    let index = article_index(tx.project(), article)?;
    let highlights = tx.positions::<Highlight>(|h| &h.article == article);
    // Relations stop citing the article; those it was the only report of go if asked.
    let gone = match orphans {
        Orphans::Keep => Vec::new(),
        Orphans::Delete => tx.positions::<Relation>(|r| {
            r.cites(article) && r.sources.iter().all(|s| &s.article == article)
        }),
    };
    tx.update_each::<Relation>(|relation| {
        let before = relation.sources.len();
        relation.sources.retain(|s| &s.article != article);
        relation.sources.len() != before
    });
    tx.remove_many::<Relation>(gone);
    tx.remove_many::<Highlight>(highlights);
    tx.remove::<Article>(index);
    Ok(())
}

/// The place of the item called `key` in its list, or `missing` as the error.
fn index_of<T: Item>(
    project: &Project,
    key: &str,
    missing: impl FnOnce() -> EditError,
) -> Result<usize, EditError> {
    T::list(project)
        .iter()
        .position(|x| x.id() == key)
        .ok_or_else(missing)
}

fn article_index(project: &Project, id: &ArticleId) -> Result<usize, EditError> {
    index_of::<Article>(project, id.as_str(), || EditError::NoArticle(id.clone()))
}

fn actor_index(project: &Project, id: &ActorId) -> Result<usize, EditError> {
    index_of::<Actor>(project, id.as_str(), || EditError::NoActor(id.clone()))
}

fn claim_index(project: &Project, id: &ClaimId) -> Result<usize, EditError> {
    index_of::<Claim>(project, id.as_str(), || EditError::NoClaim(id.clone()))
}

fn highlight_index(project: &Project, id: &HighlightId) -> Result<usize, EditError> {
    index_of::<Highlight>(project, id.as_str(), || EditError::NoHighlight(id.clone()))
}

fn relation_index(project: &Project, id: &RelationId) -> Result<usize, EditError> {
    index_of::<Relation>(project, id.as_str(), || EditError::NoRelation(id.clone()))
}

fn type_index(project: &Project, id: &RelationTypeId) -> Result<usize, EditError> {
    index_of::<RelationType>(project, id.as_str(), || {
        EditError::NoRelationType(id.clone())
    })
}

fn check_tag(project: &Project, tag: &Tag) -> Result<(), EditError> {
    match tag {
        Tag::Actor(actor) => actor_index(project, actor).map(drop),
        Tag::Claim(claim) => claim_index(project, claim).map(drop),
        Tag::Evidence => Ok(()),
    }
}

/// Everything a relation refers to exists, and each evidence is in its source's article.
fn check_relation(project: &Project, relation: &Relation) -> Result<(), EditError> {
    actor_index(project, &relation.source)?;
    actor_index(project, &relation.target)?;
    type_index(project, &relation.kind)?;
    for source in &relation.sources {
        article_index(project, &source.article)?;
        if let Some(evidence) = &source.evidence {
            let highlight = &project.highlights[highlight_index(project, evidence)?];
            if highlight.article != source.article {
                return Err(EditError::EvidenceInOtherArticle {
                    highlight: evidence.clone(),
                    expected: source.article.clone(),
                    found: highlight.article.clone(),
                });
            }
        }
    }
    Ok(())
}

/// `span` without the white space at its ends: a highlight covers words, not
/// the spaces a drag picked up around them.
fn trimmed(project: &Project, article: &ArticleId, span: Span) -> Result<Span, EditError> {
    let body = &project.articles[article_index(project, article)?].body;
    let chars: Vec<char> = match text::slice_chars(body, span.range()) {
        Some(slice) => slice.chars().collect(),
        None => return Ok(span),
    };
    let start = chars.iter().take_while(|c| c.is_whitespace()).count();
    if start == chars.len() {
        return Err(EditError::EmptySpan);
    }
    let end = chars.len() - chars.iter().rev().take_while(|c| c.is_whitespace()).count();
    Ok(Span::new(span.start + start, span.start + end))
}

/// The text of `article` at `span`, refusing empty or out-of-range spans.
fn quote_at(project: &Project, article: &ArticleId, span: Span) -> Result<String, EditError> {
    let body = &project.articles[article_index(project, article)?].body;
    if span.is_empty() {
        return Err(EditError::EmptySpan);
    }
    text::slice_chars(body, span.range())
        .map(str::to_owned)
        .ok_or_else(|| EditError::OutsideArticle {
            article: article.clone(),
            start: span.start,
            end: span.end,
            len: body.chars().count(),
        })
}

/// Adds a highlight with the quote taken from the body.
fn add_highlight(
    tx: &mut Tx<'_>,
    ids: &mut IdGenerator,
    article: &ArticleId,
    span: Span,
    tag: Tag,
) -> Result<HighlightId, EditError> {
    let span = if span.is_empty() {
        span
    } else {
        trimmed(tx.project(), article, span)?
    };
    let quote = quote_at(tx.project(), article, span)?;
    if let Some(same) = tx
        .project()
        .highlights_in(article)
        .find(|h| h.span == span && h.tag == tag)
    {
        return Err(EditError::DuplicateHighlight(same.id.clone()));
    }
    let id = tx.project().new_highlight_id(ids);
    tx.push(Highlight {
        id: id.clone(),
        article: article.clone(),
        span,
        quote,
        tag,
        speech: None,
        note: String::new(),
        changed: None,
    });
    Ok(id)
}

/// The evidence highlight over exactly `span`: an existing one (false), or a new one (true).
fn evidence_highlight(
    tx: &mut Tx<'_>,
    ids: &mut IdGenerator,
    article: &ArticleId,
    span: Span,
) -> Result<(HighlightId, bool), EditError> {
    let existing = tx
        .project()
        .highlights_in(article)
        .find(|h| h.span == span && h.tag == Tag::Evidence)
        .map(|h| h.id.clone());
    match existing {
        Some(id) => Ok((id, false)),
        None => Ok((add_highlight(tx, ids, article, span, Tag::Evidence)?, true)),
    }
}

fn delete_highlight(tx: &mut Tx<'_>, highlight: &HighlightId) -> Result<(), EditError> {
    let index = highlight_index(tx.project(), highlight)?;
    remove_highlights(tx, vec![index]);
    Ok(())
}

/// Makes `from` and `into` one actor: every mention, relation end and
/// claim speaker of `from` goes to `into`, its names become aliases, and
/// `from` is removed.
pub fn merge_actors(tx: &mut Tx<'_>, from: &ActorId, into: &ActorId) -> Result<(), EditError> {
    if from == into {
        return Err(EditError::SelfMerge);
    }
    let gone_index = actor_index(tx.project(), from)?;
    let kept_index = actor_index(tx.project(), into)?;
    let gone = tx.project().actors[gone_index].clone();
    tx.update::<Actor>(kept_index, |kept| {
        for name in gone.names() {
            if name != kept.name && !kept.aliases.iter().any(|a| a == name) {
                kept.aliases.push(name.to_owned());
            }
        }
        if kept.gloss.is_empty() {
            kept.gloss.clone_from(&gone.gloss);
        }
        if !gone.note.is_empty() {
            kept.note = [kept.note.as_str(), gone.note.as_str()]
                .iter()
                .filter(|n| !n.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join("\n");
        }
    });
    tx.remove::<Actor>(gone_index);
    let from_tag = Tag::Actor(from.clone());
    tx.update_each::<Highlight>(|highlight| {
        let moved = highlight.tag == from_tag;
        if moved {
            highlight.tag = Tag::Actor(into.clone());
        }
        moved
    });
    tx.update_each::<Relation>(|relation| {
        let mut moved = false;
        for end in [&mut relation.source, &mut relation.target] {
            if end == from {
                *end = into.clone();
                moved = true;
            }
        }
        moved
    });
    tx.update_each::<Claim>(|claim| {
        let moved = claim.speaker.as_ref() == Some(from);
        if moved {
            claim.speaker = Some(into.clone());
        }
        moved
    });
    Ok(())
}

/// Renames a relation type. Relations refer to it by id, so every row
/// shows the new name at once.
pub fn rename_relation_type(
    tx: &mut Tx<'_>,
    id: &RelationTypeId,
    label: &str,
) -> Result<(), EditError> {
    let label = label.trim();
    if tx
        .project()
        .vocabulary
        .iter()
        .any(|t| &t.id != id && t.label == label)
    {
        return Err(VocabularyError::LabelTaken(label.to_owned()).into());
    }
    let index =
        type_index(tx.project(), id).map_err(|_| VocabularyError::Unknown(id.to_string()))?;
    tx.update::<RelationType>(index, |t| label.clone_into(&mut t.label));
    Ok(())
}

/// Moves every relation of type `from` to `into` and removes `from`.
pub fn merge_relation_types(
    tx: &mut Tx<'_>,
    from: &RelationTypeId,
    into: &RelationTypeId,
) -> Result<(), EditError> {
    if from == into {
        return Err(VocabularyError::SelfMerge.into());
    }
    let from_index =
        type_index(tx.project(), from).map_err(|_| VocabularyError::Unknown(from.to_string()))?;
    type_index(tx.project(), into).map_err(|_| VocabularyError::Unknown(into.to_string()))?;
    tx.update_each::<Relation>(|relation| {
        let moved = &relation.kind == from;
        if moved {
            relation.kind = into.clone();
        }
        moved
    });
    tx.remove::<RelationType>(from_index);
    Ok(())
}

/// Adds a relation type with an id made from its label.
pub fn add_relation_type(
    tx: &mut Tx<'_>,
    label: &str,
    directed: bool,
) -> Result<RelationTypeId, EditError> {
    let label = label.trim();
    let vocabulary = &tx.project().vocabulary;
    if vocabulary.iter().any(|t| t.label == label) {
        return Err(VocabularyError::LabelTaken(label.to_owned()).into());
    }
    let id = crate::model::id_for_label(vocabulary, label);
    tx.push(RelationType {
        id: id.clone(),
        label: label.to_owned(),
        directed,
        description: String::new(),
    });
    Ok(id)
}
