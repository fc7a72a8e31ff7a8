//! Highlights: spans of an article body tagged as an actor or a claim.

use super::Stamp;
use super::{ActorId, ArticleId, ClaimId, HighlightId};
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A half-open range of code points of an article body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    pub fn len(self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub fn is_empty(self) -> bool {
        self.end <= self.start
    }

    pub fn overlaps(self, other: Self) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// What a highlight says its span is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Tag {
    /// A mention of an actor.
    Actor(ActorId),
    /// Where a claim is made.
    Claim(ClaimId),
    /// The sentence that proves one or more relations (they point to it).
    Evidence,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Highlight {
    pub id: HighlightId,
    pub article: ArticleId,
    pub span: Span,
    /// The exact text at `span`, so a file can be checked by eye and by tools,
    /// and a span re-anchored if the body is corrected.
    pub quote: String,
    pub tag: Tag,
    /// For a claim's passage: whether it quotes the speaker or reports them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speech: Option<Speech>,
    /// The analyst's note on this passage.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Who made or last changed it, and when (absent in files from before attribution).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changed: Option<Stamp>,
}

/// How a claim's passage renders the speaker's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Speech {
    /// The speaker's own words, in quotation marks or as a quote.
    Quote,
    /// The speaker's words reported by the writer.
    Paraphrase,
}

impl Speech {
    pub const ALL: [Self; 2] = [Self::Quote, Self::Paraphrase];

    pub fn label(self) -> &'static str {
        match self {
            Self::Quote => "direct quote",
            Self::Paraphrase => "paraphrase",
        }
    }
}
