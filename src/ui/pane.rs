//! One reader pane: the article it shows, its reader, and the article's
//! highlights as the reader paints them.

use super::derived::Derived;
use super::reader::{Reader, ShownHighlight};
use super::theme::HighlightKind;
use crate::model::{ActorId, ArticleId, HighlightId, Project, Tag};
use std::collections::HashMap;

/// One reader pane: its article and its reader (scroll, selection, layout).
#[derive(Debug)]
pub struct Pane {
    pub article: Option<ArticleId>,
    /// Shows the compared colleague's highlights, read-only.
    pub theirs: bool,
    pub reader: Reader,
    pub(super) picking: bool,
    /// The article's highlights as the reader shows them, for a project revision
    /// and for whose coding (ours, or the compared colleague's).
    pub(super) shown: Derived<(crate::app::Revisions, ArticleId, bool), Vec<ShownHighlight>>,
}

impl Pane {
    /// The highlights outlined in this pane because their actor is under the pointer in the other.
    pub fn linked_highlights(&self) -> Vec<&HighlightId> {
        self.shown
            .get()
            .into_iter()
            .flat_map(|shown| shown.iter().filter(|s| s.emphasised).map(|s| &s.id))
            .collect()
    }

    /// How many highlights the pane paints.
    pub fn shown_count(&self) -> usize {
        self.shown.get().map_or(0, Vec::len)
    }

    pub(super) fn new(name: &str, article: Option<ArticleId>) -> Self {
        Self {
            article,
            theirs: false,
            reader: Reader::new(name),
            picking: false,
            shown: Derived::default(),
        }
    }
}

/// The highlights of one article as the reader shows them, with their tags' names.
pub fn shown_highlights<'a>(
    project: &'a Project,
    highlights: impl Iterator<Item = &'a crate::model::Highlight>,
) -> Vec<ShownHighlight> {
    // Looked up once here, not once per highlight: a project may hold thousands of actors and relations.
    let actors: HashMap<&ActorId, &str> = project
        .actors
        .iter()
        .map(|a| (&a.id, a.name.as_str()))
        .collect();
    let claims: HashMap<&crate::model::ClaimId, &str> = project
        .claims
        .iter()
        .map(|c| (&c.id, project.claim_text(c)))
        .collect();
    let highlights: Vec<_> = highlights.collect();
    let mut citations: HashMap<&HighlightId, usize> = highlights
        .iter()
        .filter(|h| h.tag == Tag::Evidence)
        .map(|h| (&h.id, 0))
        .collect();
    if !citations.is_empty() {
        // A source's evidence is in the article it cites (validation holds
        // that), so only sources citing this article are looked up: 60,000
        // relations cost a comparison each, not a hash each.
        let article = highlights.first().map(|h| &h.article);
        for relation in &project.relations {
            for source in &relation.sources {
                if Some(&source.article) == article
                    && let Some(evidence) = &source.evidence
                    && let Some(n) = citations.get_mut(evidence)
                {
                    *n += 1;
                }
            }
        }
    }
    highlights
        .into_iter()
        .map(|h| {
            let (kind, label, actor) = match &h.tag {
                Tag::Actor(id) => (
                    HighlightKind::Actor,
                    actors
                        .get(id)
                        .map_or_else(|| id.to_string(), |name| (*name).to_owned()),
                    Some(id.clone()),
                ),
                Tag::Claim(id) => (
                    HighlightKind::Claim,
                    claims
                        .get(id)
                        .map_or_else(|| id.to_string(), |text| (*text).to_owned()),
                    None,
                ),
                Tag::Evidence => {
                    let cited = citations.get(&h.id).copied().unwrap_or(0);
                    (
                        HighlightKind::Evidence,
                        format!("cited by {cited} relation(s)"),
                        None,
                    )
                }
            };
            ShownHighlight {
                id: h.id.clone(),
                range: h.span.range(),
                kind,
                label,
                actor,
                emphasised: false,
            }
        })
        .collect()
}
