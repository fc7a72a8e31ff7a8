//! Edits of the codebook: actors, claims, articles, with what depends on them.

use super::{
    Actor, ActorDependents, ActorId, Article, ArticleId, Claim, ClaimId, EditError, Highlight,
    IdGenerator, Made, Orphans, Relation, Tag, Tx, actor_index, article_index, claim_index,
    remove_highlights,
};

/// Removes `claims` and the highlights where they are made.
pub(super) fn delete_claims(tx: &mut Tx<'_>, claims: &[ClaimId]) -> Result<(), EditError> {
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

pub(super) fn delete_actor(
    tx: &mut Tx<'_>,
    actor: &ActorId,
    dependents: bool,
) -> Result<(), EditError> {
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

pub(super) fn delete_article(
    tx: &mut Tx<'_>,
    article: &ArticleId,
    orphans: Orphans,
) -> Result<(), EditError> {
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
    let rejections = tx.positions::<crate::model::Rejection>(|r| &r.article == article);
    tx.remove_many::<crate::model::Rejection>(rejections);
    tx.remove::<Article>(index);
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
    super::rejections::follow_merge(tx, from, into);
    Ok(())
}

pub(super) fn update_actor(tx: &mut Tx<'_>, mut actor: Actor) -> Result<(), EditError> {
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
    Ok(())
}

pub(super) fn add_articles(
    tx: &mut Tx<'_>,
    ids: &mut IdGenerator,
    made: &mut Made,
    articles: Vec<Article>,
) -> Result<(), EditError> {
    if articles.is_empty() {
        return Err(EditError::NothingToImport);
    }
    for mut article in articles {
        article.id = tx.project().new_article_id(ids);
        made.articles.push(article.id.clone());
        tx.push(article);
    }
    Ok(())
}

pub(super) fn update_claim(tx: &mut Tx<'_>, claim: Claim) -> Result<(), EditError> {
    let index = claim_index(tx.project(), &claim.id)?;
    if let Some(speaker) = &claim.speaker {
        actor_index(tx.project(), speaker)?;
    }
    if let Some(actor) = &claim.on_behalf_of {
        actor_index(tx.project(), actor)?;
    }
    super::concept_index(tx.project(), &claim.concept)?;
    tx.replace(index, claim);
    Ok(())
}

pub(super) fn update_article(tx: &mut Tx<'_>, article: Article) -> Result<(), EditError> {
    let index = article_index(tx.project(), &article.id)?;
    let old = &tx.project().articles[index];
    if old.body != article.body || old.body_hash != article.body_hash {
        return Err(EditError::BodyChanged(article.id));
    }
    tx.replace(index, article);
    Ok(())
}
