//! Relations: source actor – relation type – target actor, with date and the
//! articles that report it.

use super::{ActorId, ArticleId, Date, HighlightId, RelationId, RelationTypeId, Stamp};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relation {
    pub id: RelationId,
    pub source: ActorId,
    pub kind: RelationTypeId,
    pub target: ActorId,
    #[serde(default)]
    pub date: Option<Date>,
    /// Every report of the relation, in the order they were cited: the same
    /// meeting told by two outlets is one relation with two sources.
    #[serde(default)]
    pub sources: Vec<Source>,
    #[serde(default)]
    pub note: String,
    /// Who made or last changed it, and when (absent in files from before attribution).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changed: Option<Stamp>,
}

/// One article that reports a relation, and the highlight that proves it there.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub article: ArticleId,
    /// A highlight in `article`; `None` when the article is cited as a whole.
    #[serde(default)]
    pub evidence: Option<HighlightId>,
}

impl Source {
    pub fn new(article: ArticleId, evidence: Option<HighlightId>) -> Self {
        Self { article, evidence }
    }
}

impl Relation {
    /// The articles that report the relation, each once, in citation order.
    pub fn articles(&self) -> impl Iterator<Item = &ArticleId> {
        self.sources
            .iter()
            .enumerate()
            .filter(|(i, s)| !self.sources[..*i].iter().any(|o| o.article == s.article))
            .map(|(_, s)| &s.article)
    }

    /// The evidence highlights, in citation order.
    pub fn evidence(&self) -> impl Iterator<Item = &HighlightId> {
        self.sources.iter().filter_map(|s| s.evidence.as_ref())
    }

    /// The first article cited: the one the table names and sorts by.
    pub fn first_article(&self) -> Option<&ArticleId> {
        self.sources.first().map(|s| &s.article)
    }

    pub fn first_evidence(&self) -> Option<&HighlightId> {
        self.evidence().next()
    }

    pub fn cites(&self, article: &ArticleId) -> bool {
        self.sources.iter().any(|s| &s.article == article)
    }

    /// Cites one more report; citing the same report twice changes nothing.
    pub fn add_source(&mut self, source: Source) -> bool {
        if self.sources.contains(&source) {
            return false;
        }
        // A bare citation of the article gives way to a precise one.
        if source.evidence.is_some()
            && let Some(bare) = self
                .sources
                .iter_mut()
                .find(|s| s.article == source.article && s.evidence.is_none())
        {
            bare.evidence = source.evidence;
            return true;
        }
        self.sources.push(source);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn relation() -> Relation {
        Relation {
            id: "rel-1".into(),
            source: "act-a".into(),
            kind: "meets".into(),
            target: "act-b".into(),
            date: None,
            sources: Vec::new(),
            note: String::new(),
            changed: None,
        }
    }

    #[test]
    fn a_precise_citation_replaces_a_bare_one_of_the_same_article() {
        let mut r = relation();
        assert!(r.add_source(Source::new("art-1".into(), None)));
        assert!(r.add_source(Source::new("art-1".into(), Some("hl-1".into()))));
        assert_eq!(
            r.sources,
            [Source::new("art-1".into(), Some("hl-1".into()))]
        );
        assert!(!r.add_source(Source::new("art-1".into(), Some("hl-1".into()))));
        assert!(r.add_source(Source::new("art-1".into(), Some("hl-2".into()))));
        assert!(r.add_source(Source::new("art-2".into(), Some("hl-3".into()))));
        assert_eq!(r.articles().count(), 2);
        assert_eq!(r.evidence().count(), 3);
    }
}
