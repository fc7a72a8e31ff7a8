//! The review queue computed again after each change, off the window's
//! thread: from the last computation, only the articles whose actor coding
//! changed are matched again (a tag re-reads one article, not two thousand),
//! and a computation that a newer change made stale stops between articles.

use super::candidates::{self, Candidate};
use super::{Matcher, Suggestion, actor_spans_by_article, is_rejected, rejected_ids};
use crate::model::{ArticleId, Project, Span};
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// What a queue is computed from besides the highlights: when any of these
/// changed, every article is matched again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Basis {
    pub actors: u64,
    pub articles: u64,
    pub rejections: u64,
}

/// The mentions of registered actors, with what the next computation
/// needs to reuse them.
#[derive(Clone)]
pub struct Mentions {
    pub matcher: Arc<Matcher>,
    pub list: Arc<Vec<Suggestion>>,
    basis: Basis,
    by_article: Arc<HashMap<ArticleId, Matched>>,
    /// How many articles were matched again (the rest were reused).
    pub matched: usize,
}

/// An article as last matched: the actor spans it was matched with, and
/// where its suggestions are in the list.
type Matched = (Vec<Span>, std::ops::Range<usize>);

/// Cancels a computation: set by whoever starts a newer one.
pub type Stop = Arc<AtomicBool>;

/// How many suggestions make a first screen: handed over as soon as they are
/// found, before the rest of the project is read.
pub const FIRST_SCREEN: usize = 60;

/// The mentions of `project`, reusing `previous` for every article whose
/// actor coding did not change (when `basis` did not either). `None` when
/// stopped.
pub fn mentions(
    project: &Project,
    basis: Basis,
    previous: Option<&Mentions>,
    stop: &AtomicBool,
) -> Option<Mentions> {
    mentions_with_first(project, basis, previous, stop, &mut |_, _| {})
}

/// `mentions`, handing `first` the matcher and the first screen of them (or
/// all, if fewer) as soon as they are found.
pub fn mentions_with_first(
    project: &Project,
    basis: Basis,
    previous: Option<&Mentions>,
    stop: &AtomicBool,
    first: &mut dyn FnMut(&Arc<Matcher>, &[Suggestion]),
) -> Option<Mentions> {
    let mut first = Some(first);
    let previous = previous.filter(|p| p.basis == basis);
    let matcher = Arc::new(match previous {
        Some(p) => p.matcher.recounted(project),
        None => Matcher::new(project),
    });
    let mut coded = actor_spans_by_article(project);
    for spans in coded.values_mut() {
        spans.sort_unstable();
    }
    let rejected = rejected_ids(project);
    let mut list = Vec::new();
    let mut by_article = HashMap::with_capacity(project.articles.len());
    let mut read_again = 0;
    for article in &project.articles {
        if stop.load(Ordering::Relaxed) {
            return None;
        }
        let spans = coded.remove(&article.id).unwrap_or_default();
        let start = list.len();
        let reused = previous.and_then(|p| {
            let (was, range) = p.by_article.get(&article.id)?;
            (*was == spans).then(|| &p.list[range.clone()])
        });
        if let Some(reused) = reused {
            list.extend(reused.iter().map(|s| {
                let mut s = s.clone();
                s.score = matcher.score(s.pattern, s.prefixed);
                s
            }));
        } else {
            read_again += 1;
            list.extend(
                matcher
                    .in_article_coded(article, spans.clone())
                    .into_iter()
                    .filter(|s| !is_rejected(&rejected, s)),
            );
        }
        by_article.insert(article.id.clone(), (spans, start..list.len()));
        if list.len() >= FIRST_SCREEN
            && let Some(first) = first.take()
        {
            first(&matcher, &list);
        }
    }
    if let Some(first) = first.take() {
        first(&matcher, &list);
    }
    Some(Mentions {
        matcher,
        list: Arc::new(list),
        basis,
        by_article: Arc::new(by_article),
        matched: read_again,
    })
}

/// What suggestions read of a project, copied out of it: its actor
/// highlights' places and tags, with the actors, articles and rejections
/// (shared). A computation that held the window's own list of highlights
/// for seconds would make the window's next tag copy all of them (the lists
/// copy themselves when written while shared): this copy lets go of it at
/// once.
#[must_use]
pub fn light(project: &Project) -> Project {
    Project {
        highlights: project
            .highlights
            .iter()
            .filter(|h| matches!(h.tag, crate::model::Tag::Actor(_)))
            .map(|h| crate::model::Highlight {
                id: crate::model::HighlightId::default(),
                article: h.article.clone(),
                span: h.span,
                quote: String::new(),
                tag: h.tag.clone(),
                speech: None,
                note: String::new(),
                changed: None,
            })
            .collect(),
        actors: project.actors.clone(),
        articles: project.articles.clone(),
        rejections: project.rejections.clone(),
        ..Project::new("")
    }
}

/// The new-actor candidates of `project` after `mentions`; `None` when stopped.
pub fn new_actors(
    project: &Project,
    mentions: &Mentions,
    stop: &AtomicBool,
) -> Option<Vec<Candidate>> {
    candidates::candidates_until(project, None, &mentions.list, &|| {
        stop.load(Ordering::Relaxed)
    })
}
