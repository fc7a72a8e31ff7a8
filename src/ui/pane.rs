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
    pub(super) shown: Shown,
    /// How many relations cite each evidence passage of the article, for
    /// the relations' revision: a tag made anywhere (which makes `shown`
    /// again in both panes) no longer walks 60,000 relations.
    pub(super) cited: Derived<(u64, ArticleId), Citations>,
}

/// The highlights of `article` as the reader paints them, ours or the
/// compared colleague's (`theirs`), made again only when the project changed
/// (a pane's two caches, apart from its reader, which draws with them).
pub(super) fn highlights<'p>(
    (shown, cited): (&'p mut Shown, &mut Derived<(u64, ArticleId), Citations>),
    (project, coded): (&Project, &crate::model::coded::Coded),
    article: &ArticleId,
    revision: crate::app::Revisions,
    theirs: Option<&Project>,
) -> &'p mut Vec<ShownHighlight> {
    shown.get_or_make((revision, article.clone(), theirs.is_some()), |_| {
        if let Some(theirs) = theirs {
            return shown_highlights(theirs, theirs.highlights_in(article));
        }
        let cited = cited.get_or_make((revision.relations, article.clone()), |_| {
            citations_in(project, article)
        });
        shown_with(
            project,
            coded.highlights_in(project, article).collect(),
            cited,
        )
    })
}

/// A pane's highlights as painted, for a project revision and for whose
/// coding (ours, or the compared colleague's).
pub(super) type Shown = Derived<(crate::app::Revisions, ArticleId, bool), Vec<ShownHighlight>>;

/// How many relations cite each cited evidence passage of one article.
pub type Citations = HashMap<HighlightId, usize>;

/// The citations of `article`'s evidence passages in `project`. A source's
/// evidence is in the article it cites (validation holds that), so only
/// sources citing this article are counted: 60,000 relations cost a
/// comparison each, not a hash each.
pub fn citations_in(project: &Project, article: &ArticleId) -> Citations {
    let mut cited = Citations::new();
    for relation in &project.relations {
        for source in &relation.sources {
            if source.article == *article
                && let Some(evidence) = &source.evidence
            {
                *cited.entry(evidence.clone()).or_default() += 1;
            }
        }
    }
    cited
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

    /// The highlights the pane paints, as it paints them.
    pub fn shown(&self) -> &[ShownHighlight] {
        self.shown.get().map_or(&[], Vec::as_slice)
    }

    /// How many highlights the pane paints.
    pub fn shown_count(&self) -> usize {
        self.shown().len()
    }

    pub(super) fn new(name: &str, article: Option<ArticleId>) -> Self {
        Self {
            article,
            theirs: false,
            reader: Reader::new(name),
            picking: false,
            shown: Derived::default(),
            cited: Derived::default(),
        }
    }
}

/// The highlights of one article as the reader shows them, with their tags' names.
pub fn shown_highlights<'a>(
    project: &'a Project,
    highlights: impl Iterator<Item = &'a crate::model::Highlight>,
) -> Vec<ShownHighlight> {
    let highlights: Vec<_> = highlights.collect();
    // An article with no evidence passage needs no walk through the relations.
    let cited = highlights
        .iter()
        .find(|h| h.tag == Tag::Evidence)
        .map(|h| citations_in(project, &h.article))
        .unwrap_or_default();
    shown_with(project, highlights, &cited)
}

/// `shown_highlights`, with the article's citations already counted.
pub fn shown_with(
    project: &Project,
    highlights: Vec<&crate::model::Highlight>,
    cited: &Citations,
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
                    let cited = cited.get(&h.id).copied().unwrap_or(0);
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
