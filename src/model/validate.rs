//! The invariants of a project, checked on load and after every change.

use super::{Project, Tag, text};
// A fast hash: a project of a million highlights builds sets of a million ids on every open and save.
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValidationError {
    #[error(
        "highlight `{highlight}`: `speech` says how a claim is reported, but this highlight is not a claim"
    )]
    SpeechOutsideClaim { highlight: String },
    #[error("{kind} id `{id}` is used more than once")]
    DuplicateId { kind: &'static str, id: String },
    #[error("{item}: {field} refers to {kind} `{id}`, which does not exist")]
    MissingReference {
        item: String,
        field: &'static str,
        kind: &'static str,
        id: String,
    },
    #[error(
        "highlight `{highlight}`: span {start}..{end} is not inside article `{article}` ({len} characters)"
    )]
    SpanOutOfBody {
        highlight: String,
        article: String,
        start: usize,
        end: usize,
        len: usize,
    },
    #[error("highlight `{highlight}`: span {start}..{end} is empty or reversed")]
    EmptySpan {
        highlight: String,
        start: usize,
        end: usize,
    },
    #[error(
        "highlight `{highlight}`: quote {quote:?} does not match the article text {found:?} at its span"
    )]
    QuoteMismatch {
        highlight: String,
        quote: String,
        found: String,
    },
    #[error(
        "article `{article}`: the body does not match its stored hash; it was edited outside Warraq, so highlight offsets may point at the wrong words"
    )]
    BodyHashMismatch { article: String },
    #[error(
        "article `{article}`: the body holds a carriage return (CR); bodies keep LF line breaks only, so that offsets count the same everywhere — the file was changed outside Warraq"
    )]
    CarriageReturnInBody { article: String },
    #[error(
        "relation `{relation}`: evidence highlight `{highlight}` is in article `{found}`, not in the relation's article `{expected}`"
    )]
    EvidenceInOtherArticle {
        relation: String,
        highlight: String,
        expected: String,
        found: String,
    },
}

fn check_unique<'a>(
    kind: &'static str,
    ids: impl Iterator<Item = &'a str>,
    errors: &mut Vec<ValidationError>,
) -> HashSet<&'a str> {
    let mut seen = HashSet::with_capacity(0);
    for id in ids {
        if !seen.insert(id) {
            errors.push(ValidationError::DuplicateId {
                kind,
                id: id.to_owned(),
            });
        }
    }
    seen
}

pub(super) fn validate(
    project: &Project,
    check_hashes: bool,
    spans: Spans<'_>,
) -> Vec<ValidationError> {
    let mut errors = Vec::new();
    let articles = check_unique(
        "article",
        project.articles.iter().map(|a| a.id.as_str()),
        &mut errors,
    );
    let actors = check_unique(
        "actor",
        project.actors.iter().map(|a| a.id.as_str()),
        &mut errors,
    );
    let concepts = check_unique(
        "concept",
        project.concepts.iter().map(|c| c.id.as_str()),
        &mut errors,
    );
    let claims = check_unique(
        "claim",
        project.claims.iter().map(|c| c.id.as_str()),
        &mut errors,
    );
    let highlights = check_unique(
        "highlight",
        project.highlights.iter().map(|h| h.id.as_str()),
        &mut errors,
    );
    check_unique(
        "relation",
        project.relations.iter().map(|r| r.id.as_str()),
        &mut errors,
    );
    let types = check_unique(
        "relation type",
        project.vocabulary.iter().map(|t| t.id.as_str()),
        &mut errors,
    );

    let mut missing =
        |item: String, field: &'static str, kind: &'static str, known: &HashSet<&str>, id: &str| {
            if !known.contains(id) {
                errors.push(ValidationError::MissingReference {
                    item,
                    field,
                    kind,
                    id: id.to_owned(),
                });
            }
        };
    for claim in &project.claims {
        let item = || format!("claim `{}`", claim.id);
        missing(
            item(),
            "concept",
            "concept",
            &concepts,
            claim.concept.as_str(),
        );
        for (field, actor) in [
            ("speaker", &claim.speaker),
            ("on_behalf_of", &claim.on_behalf_of),
        ] {
            if let Some(actor) = actor {
                missing(item(), field, "actor", &actors, actor.as_str());
            }
        }
    }
    for highlight in &project.highlights {
        let item = || format!("highlight `{}`", highlight.id);
        missing(
            item(),
            "article",
            "article",
            &articles,
            highlight.article.as_str(),
        );
        match &highlight.tag {
            Tag::Actor(actor) => missing(item(), "tag", "actor", &actors, actor.as_str()),
            Tag::Claim(claim) => missing(item(), "tag", "claim", &claims, claim.as_str()),
            Tag::Evidence => {}
        }
    }
    for relation in &project.relations {
        let item = || format!("relation `{}`", relation.id);
        missing(item(), "source", "actor", &actors, relation.source.as_str());
        missing(item(), "target", "actor", &actors, relation.target.as_str());
        missing(
            item(),
            "kind",
            "relation type",
            &types,
            relation.kind.as_str(),
        );
        for source in &relation.sources {
            missing(
                item(),
                "article",
                "article",
                &articles,
                source.article.as_str(),
            );
            if let Some(evidence) = &source.evidence {
                missing(
                    item(),
                    "evidence",
                    "highlight",
                    &highlights,
                    evidence.as_str(),
                );
            }
        }
    }

    check_bodies_and_spans(project, check_hashes, spans, &mut errors);
    check_evidence_articles(project, &mut errors);
    errors
}

/// Which articles' highlight spans and quotes `validate` checks.
#[derive(Clone, Copy)]
pub(super) enum Spans<'a> {
    All,
    /// Only these articles' (a save of a folder checks what it writes).
    Of(&'a std::collections::HashSet<&'a str>),
}

fn check_bodies_and_spans(
    project: &Project,
    check_hashes: bool,
    spans: Spans<'_>,
    errors: &mut Vec<ValidationError>,
) {
    for article in project.articles.iter().filter(|_| check_hashes) {
        if article.body.contains('\r') {
            errors.push(ValidationError::CarriageReturnInBody {
                article: article.id.to_string(),
            });
        }
        if text::body_hash(&article.body) != article.body_hash {
            errors.push(ValidationError::BodyHashMismatch {
                article: article.id.to_string(),
            });
        }
    }
    let article_by_id: HashMap<&str, &super::Article> = project
        .articles
        .iter()
        .filter(|a| match spans {
            Spans::All => true,
            Spans::Of(only) => only.contains(a.id.as_str()),
        })
        .map(|a| (a.id.as_str(), a))
        .collect();
    // One index per article, built only for articles that have highlights.
    let mut indices: HashMap<&str, text::CharIndex> = HashMap::new();
    for highlight in &project.highlights {
        if !shape_is_sound(highlight, errors) {
            continue;
        }
        let Some(article) = article_by_id.get(highlight.article.as_str()) else {
            continue; // reported as a missing reference, or not to be checked
        };
        let index = indices
            .entry(article.id.as_str())
            .or_insert_with(|| text::CharIndex::new(&article.body));
        check_span(highlight, article, index, errors);
    }
}

/// What `validate` checks of the highlights of one article (their spans,
/// quotes and shape), for a reader that has them apart (a folder's file).
pub fn article_highlights<'a>(
    article: &super::Article,
    highlights: impl IntoIterator<Item = &'a super::Highlight>,
) -> Vec<ValidationError> {
    let index = text::CharIndex::new(&article.body);
    let mut errors = Vec::new();
    for highlight in highlights {
        if shape_is_sound(highlight, &mut errors) {
            check_span(highlight, article, &index, &mut errors);
        }
    }
    errors
}

/// The checks that need no body; false when the span cannot be looked at.
fn shape_is_sound(highlight: &super::Highlight, errors: &mut Vec<ValidationError>) -> bool {
    if highlight.speech.is_some() && !matches!(highlight.tag, Tag::Claim(_)) {
        errors.push(ValidationError::SpeechOutsideClaim {
            highlight: highlight.id.to_string(),
        });
    }
    let (start, end) = (highlight.span.start, highlight.span.end);
    if start >= end {
        errors.push(ValidationError::EmptySpan {
            highlight: highlight.id.to_string(),
            start,
            end,
        });
        return false;
    }
    true
}

fn check_span(
    highlight: &super::Highlight,
    article: &super::Article,
    index: &text::CharIndex,
    errors: &mut Vec<ValidationError>,
) {
    let (start, end) = (highlight.span.start, highlight.span.end);
    let Some(bytes) = index.byte_range(start..end) else {
        errors.push(ValidationError::SpanOutOfBody {
            highlight: highlight.id.to_string(),
            article: article.id.to_string(),
            start,
            end,
            len: index.char_len(),
        });
        return;
    };
    let found = &article.body[bytes];
    if found != highlight.quote {
        errors.push(ValidationError::QuoteMismatch {
            highlight: highlight.id.to_string(),
            quote: highlight.quote.clone(),
            found: found.to_owned(),
        });
    }
}

fn check_evidence_articles(project: &Project, errors: &mut Vec<ValidationError>) {
    let highlight_articles: HashMap<&str, &str> = project
        .highlights
        .iter()
        .map(|h| (h.id.as_str(), h.article.as_str()))
        .collect();
    for relation in &project.relations {
        for source in &relation.sources {
            let Some(evidence) = &source.evidence else {
                continue;
            };
            if let Some(&found) = highlight_articles.get(evidence.as_str())
                && found != source.article.as_str()
            {
                errors.push(ValidationError::EvidenceInOtherArticle {
                    relation: relation.id.to_string(),
                    highlight: evidence.to_string(),
                    expected: source.article.to_string(),
                    found: found.to_owned(),
                });
            }
        }
    }
}
