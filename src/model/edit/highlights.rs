//! Edits of highlights: made, tagged, resized, annotated, deleted.

use super::{
    Actor, ActorId, ActorKind, ArticleId, Claim, EditError, HashMap, Highlight, HighlightId,
    IdGenerator, Made, Project, Relation, Span, Speech, Stance, Tag, Tx, actor_index,
    article_index, check_tag, highlight_index, text, uncite,
};

/// Removes the highlights at `positions`; relations that cited one as
/// evidence keep its quote in their note, as a single deleted highlight does
/// (a highlight retagged from evidence may be cited).
pub(super) fn remove_highlights(tx: &mut Tx<'_>, positions: Vec<usize>) {
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

/// `span` without the white space at its ends: a highlight covers words, not
/// the spaces a drag picked up around them.
pub(super) fn trimmed(
    project: &Project,
    article: &ArticleId,
    span: Span,
) -> Result<Span, EditError> {
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
pub(super) fn quote_at(
    project: &Project,
    article: &ArticleId,
    span: Span,
) -> Result<String, EditError> {
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
pub(super) fn add_highlight(
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
        .highlights_in(article)
        .find(|h| h.span == span && h.tag == tag)
    {
        return Err(EditError::DuplicateHighlight(same.id.clone()));
    }
    let id = tx.new_highlight_id(ids);
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
pub(super) fn evidence_highlight(
    tx: &mut Tx<'_>,
    ids: &mut IdGenerator,
    article: &ArticleId,
    span: Span,
) -> Result<(HighlightId, bool), EditError> {
    let existing = tx
        .highlights_in(article)
        .find(|h| h.span == span && h.tag == Tag::Evidence)
        .map(|h| h.id.clone());
    match existing {
        Some(id) => Ok((id, false)),
        None => Ok((add_highlight(tx, ids, article, span, Tag::Evidence)?, true)),
    }
}

pub(super) fn delete_highlight(tx: &mut Tx<'_>, highlight: &HighlightId) -> Result<(), EditError> {
    let index = highlight_index(tx.project(), highlight)?;
    remove_highlights(tx, vec![index]);
    Ok(())
}

pub(super) fn tag_as_new_actor(
    tx: &mut Tx<'_>,
    ids: &mut IdGenerator,
    made: &mut Made,
    (article, span): (ArticleId, Span),
    (name, kind): (&str, ActorKind),
    aliases: Vec<String>,
    gloss: &str,
) -> Result<(), EditError> {
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
    Ok(())
}

pub(super) fn tag_as_new_claim(
    tx: &mut Tx<'_>,
    ids: &mut IdGenerator,
    made: &mut Made,
    (article, span): (ArticleId, Span),
    claim: (String, Option<ActorId>, Stance),
    speech: Option<Speech>,
) -> Result<(), EditError> {
    let (text, speaker, stance) = claim;
    if let Some(speaker) = &speaker {
        actor_index(tx.project(), speaker)?;
    }
    let concept = super::concept_for(tx, ids, made, &text)?;
    let id = tx.project().new_claim_id(ids);
    tx.push(Claim {
        id: id.clone(),
        concept,
        speaker,
        on_behalf_of: None,
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
    Ok(())
}

pub(super) fn resize_highlight(
    tx: &mut Tx<'_>,
    highlight: &HighlightId,
    span: Span,
) -> Result<(), EditError> {
    let index = highlight_index(tx.project(), highlight)?;
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
    Ok(())
}

pub(super) fn annotate_highlight(
    tx: &mut Tx<'_>,
    highlight: &HighlightId,
    mut note: String,
    speech: Option<Speech>,
) -> Result<(), EditError> {
    let index = highlight_index(tx.project(), highlight)?;
    text::lf_in_place(&mut note);
    let note = note.trim().to_owned();
    let speech = speech.filter(|_| matches!(tx.project().highlights[index].tag, Tag::Claim(_)));
    let old = &tx.project().highlights[index];
    if old.note != note || old.speech != speech {
        tx.update::<Highlight>(index, |h| {
            h.note = note;
            h.speech = speech;
        });
    }
    Ok(())
}

pub(super) fn retag_highlight(
    tx: &mut Tx<'_>,
    highlight: &HighlightId,
    tag: Tag,
) -> Result<(), EditError> {
    check_tag(tx.project(), &tag)?;
    let index = highlight_index(tx.project(), highlight)?;
    tx.update::<Highlight>(index, |h| {
        if !matches!(tag, Tag::Claim(_)) {
            h.speech = None;
        }
        h.tag = tag;
    });
    Ok(())
}

pub(super) fn tag_mentions(
    tx: &mut Tx<'_>,
    ids: &mut IdGenerator,
    made: &mut Made,
    actor: &ActorId,
    mentions: Vec<(ArticleId, Span)>,
) -> Result<(), EditError> {
    actor_index(tx.project(), actor)?;
    for (article, span) in mentions {
        made.highlights.push(add_highlight(
            tx,
            ids,
            &article,
            span,
            Tag::Actor(actor.clone()),
        )?);
    }
    Ok(())
}
