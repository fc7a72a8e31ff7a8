//! What is not coded yet: every untagged mention of every registered
//! actor's name or alias, in every article, with its line and why it is
//! suggested. One matcher holds every name folded (Persian letters, alef
//! forms, diacritics) in one automaton, so an article is read once for all
//! actors, and an article whose coding changed is matched again alone.
//!
//! The rules are those of "find other mentions": a name matches a whole
//! word, behind the prefixes Arabic attaches (و ف ب ل ك ال), never inside a
//! longer word — so the nisba adjective «القطرية» is not «قطر»; where names
//! overlap the longest wins; a passage any actor highlight covers is coded.

pub mod candidates;
pub mod gazetteer;
pub mod queue;

use crate::model::arabic;
use crate::model::search::{context_in, whole_word};
use crate::model::{ActorId, ActorKind, Article, ArticleId, Project, Span, Tag};
use aho_corasick::AhoCorasick;
use std::collections::HashMap;

/// Characters of context either side of a suggestion.
const CONTEXT: usize = 40;

/// One passage to code: where, as which actor, how sure. Its words (the
/// quote, the line around it, why) are made by [`Matcher::describe`] only
/// for what is shown: a project of thousands of articles has hundreds of
/// thousands of suggestions, and a window shows thirty.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub article: ArticleId,
    /// Code points of the article body.
    pub span: Span,
    /// The actor to tag it as.
    pub actor: ActorId,
    /// 0–1: how sure the match is (a full name over an alias, no prefix
    /// over a prefix, a name coded before over one never coded).
    pub score: f32,
    /// Which of the matcher's names matched.
    pattern: usize,
    /// Behind an attached prefix (و ف ب ل ك ال).
    prefixed: bool,
}

impl Suggestion {
    /// The id its rejection has (see `Rejection`).
    pub fn rejection_id(&self) -> String {
        crate::model::Rejection::id_for(&self.article, self.span, &self.actor, "")
    }

    /// This suggestion turned down.
    pub fn rejected(&self) -> crate::model::Rejection {
        crate::model::Rejection::new(self.article.clone(), self.span, self.actor.clone(), "")
    }
}

/// The ids of the suggestions the analyst turned down.
pub(crate) fn rejected_ids(project: &Project) -> std::collections::HashSet<&str> {
    project.rejections.iter().map(|r| r.id.as_str()).collect()
}

/// Whether `suggestion` is among `rejected` (its id is made only when
/// something was rejected at all).
pub(crate) fn is_rejected(rejected: &std::collections::HashSet<&str>, s: &Suggestion) -> bool {
    !rejected.is_empty() && rejected.contains(s.rejection_id().as_str())
}

/// How many times each of `actors` is coded as an actor in `project`.
fn coded_counts(actors: &[(ActorId, String, ActorKind)], project: &Project) -> Vec<usize> {
    let mut counts: HashMap<&ActorId, usize> = HashMap::new();
    for h in &project.highlights {
        if let Tag::Actor(id) = &h.tag {
            *counts.entry(id).or_default() += 1;
        }
    }
    actors
        .iter()
        .map(|(id, _, _)| counts.get(id).copied().unwrap_or(0))
        .collect()
}

/// A suggestion in words, as `warraq suggest --json` prints it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Described {
    pub article: ArticleId,
    /// Code points of the article body.
    pub start: usize,
    pub end: usize,
    pub quote: String,
    /// The actor's id (empty for an actor not registered yet).
    pub actor: ActorId,
    /// The actor's name or alias it matched.
    pub name: String,
    pub kind: ActorKind,
    pub score: f32,
    pub why: String,
    /// The line around it.
    pub context: String,
}

/// A folded name and what it stands for.
#[derive(Debug, Clone)]
struct Pattern {
    actor: usize,
    name: String,
    /// The actor's own name, not an alias.
    main: bool,
    /// The form without its alef, matched only after ل (للدوحة).
    short: bool,
}

/// Every registered name of the project, ready to match articles.
#[derive(Clone)]
pub struct Matcher {
    automaton: Option<AhoCorasick>,
    patterns: Vec<Pattern>,
    actors: Vec<(ActorId, String, ActorKind)>,
    /// How many times each actor is coded already (a tie-breaker between
    /// actors sharing a name, and part of the score).
    coded: Vec<usize>,
}

impl Matcher {
    /// The matcher for the project's actors as they are now.
    pub fn new(project: &Project) -> Self {
        let mut patterns = Vec::new();
        let mut folded_patterns = Vec::new();
        let actors: Vec<(ActorId, String, ActorKind)> = project
            .actors
            .iter()
            .map(|a| (a.id.clone(), a.name.clone(), a.kind))
            .collect();
        for (index, actor) in project.actors.iter().enumerate() {
            for (n, name) in actor.names().enumerate() {
                let folded: Vec<char> = arabic::fold(name.trim()).chars().collect();
                if folded.is_empty() {
                    continue;
                }
                let mut add = |chars: &[char], short: bool| {
                    folded_patterns.push(chars.iter().collect::<String>());
                    patterns.push(Pattern {
                        actor: index,
                        name: name.trim().to_owned(),
                        main: n == 0,
                        short,
                    });
                };
                add(&folded, false);
                if folded.len() > 2 && folded[0] == 'ا' && folded[1] == 'ل' {
                    add(&folded[1..], true);
                }
            }
        }
        let automaton = (!folded_patterns.is_empty())
            .then(|| AhoCorasick::new(&folded_patterns).ok())
            .flatten();
        let coded = coded_counts(&actors, project);
        Self {
            automaton,
            patterns,
            actors,
            coded,
        }
    }

    /// This matcher with the project's coding counted again (after a tag:
    /// the names are the same, only the scores move).
    #[must_use]
    pub fn recounted(&self, project: &Project) -> Self {
        Self {
            coded: coded_counts(&self.actors, project),
            ..self.clone()
        }
    }

    /// The suggestions in one article, in text order.
    pub fn in_article(&self, project: &Project, article: &Article) -> Vec<Suggestion> {
        let coded: Vec<Span> = project
            .highlights_in(&article.id)
            .filter(|h| matches!(h.tag, Tag::Actor(_)))
            .map(|h| h.span)
            .collect();
        self.in_article_coded(article, coded)
    }

    /// `in_article`, given the spans coded as actors in it.
    pub(crate) fn in_article_coded(&self, article: &Article, coded: Vec<Span>) -> Vec<Suggestion> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let folded = Folded::of(&article.body);
        let mut found: Vec<(usize, usize, usize, bool)> =
            whole_matches(automaton, &folded, |p| self.patterns[p].short)
                .into_iter()
                .map(|m| (m.start, m.end, m.pattern, m.prefixed))
                .collect();
        // Longest first; among equals, the actor coded most.
        found.sort_by_key(|&(start, end, p, _)| {
            (
                std::cmp::Reverse(end - start),
                std::cmp::Reverse(self.coded[self.patterns[p].actor]),
                start,
            )
        });
        let mut occupied = Occupied::new(coded);
        let mut chosen: Vec<(Span, usize, bool)> = Vec::new();
        for (start, end, pattern, prefixed) in found {
            let span = Span::new(start, end);
            if occupied.overlaps(span) {
                continue;
            }
            occupied.take(span);
            chosen.push((span, pattern, prefixed));
        }
        chosen.sort_by_key(|(span, _, _)| *span);
        chosen
            .into_iter()
            .map(|(span, pattern, prefixed)| Suggestion {
                article: article.id.clone(),
                span,
                actor: self.actors[self.patterns[pattern].actor].0.clone(),
                score: self.score(pattern, prefixed),
                pattern,
                prefixed,
            })
            .collect()
    }

    /// Every suggestion of the project (or of one article), article by
    /// article, leaving out those the analyst rejected.
    pub fn all(&self, project: &Project, only: Option<&ArticleId>) -> Vec<Suggestion> {
        let mut coded = actor_spans_by_article(project);
        let rejected = rejected_ids(project);
        project
            .articles
            .iter()
            .filter(|a| only.is_none_or(|id| &a.id == id))
            .flat_map(|a| self.in_article_coded(a, coded.remove(&a.id).unwrap_or_default()))
            .filter(|s| !is_rejected(&rejected, s))
            .collect()
    }

    pub(crate) fn score(&self, pattern: usize, prefixed: bool) -> f32 {
        let main = self.patterns[pattern].main;
        let coded = self.coded[self.patterns[pattern].actor] > 0;
        let score: f32 = if main { 0.9 } else { 0.8 };
        (score - if prefixed { 0.05 } else { 0.0 } + if coded { 0.05 } else { 0.0 }).clamp(0.0, 1.0)
    }

    /// `suggestion` in words: its quote, its line, the name it matched, why.
    /// (`chars`: the article's body as characters, when the caller has them.)
    pub fn describe(&self, project: &Project, suggestion: &Suggestion) -> Option<Described> {
        let article = project.article(&suggestion.article)?;
        let chars: Vec<char> = article.body.chars().collect();
        Some(self.describe_in(&chars, suggestion))
    }

    /// Every suggestion in words, each article's body split once.
    pub fn describe_all(&self, project: &Project, suggestions: &[Suggestion]) -> Vec<Described> {
        let mut chars: (Option<&ArticleId>, Vec<char>) = (None, Vec::new());
        suggestions
            .iter()
            .filter_map(|s| {
                if chars.0 != Some(&s.article) {
                    let body = &project.article(&s.article)?.body;
                    chars = (Some(&s.article), body.chars().collect());
                }
                Some(self.describe_in(&chars.1, s))
            })
            .collect()
    }

    fn describe_in(&self, chars: &[char], suggestion: &Suggestion) -> Described {
        let pattern = &self.patterns[suggestion.pattern];
        let (id, actor_name, kind) = &self.actors[pattern.actor];
        let span = suggestion.span;
        let how = if pattern.main {
            format!("«{}» is the name of {actor_name}", pattern.name)
        } else {
            format!("«{}» is an alias of {actor_name}", pattern.name)
        };
        let behind = if suggestion.prefixed {
            ", behind an attached prefix"
        } else {
            ""
        };
        let before = match self.coded[pattern.actor] {
            0 => ", not coded anywhere yet".to_owned(),
            1 => ", coded once in the project".to_owned(),
            n => format!(", coded {n} times in the project"),
        };
        Described {
            article: suggestion.article.clone(),
            start: span.start,
            end: span.end,
            quote: chars[span.start.min(chars.len())..span.end.min(chars.len())]
                .iter()
                .collect(),
            actor: id.clone(),
            name: pattern.name.clone(),
            kind: *kind,
            score: suggestion.score,
            why: format!("{how} ({}){behind}{before}", kind.label()),
            context: context_in(chars, span, CONTEXT).0,
        }
    }
}

/// The spans coded as actors, article by article, in one pass over the
/// highlights (looking them up article by article would walk them all for
/// each one).
pub(crate) fn actor_spans_by_article(project: &Project) -> HashMap<ArticleId, Vec<Span>> {
    let mut out: HashMap<ArticleId, Vec<Span>> = HashMap::new();
    for h in &project.highlights {
        if matches!(h.tag, Tag::Actor(_)) {
            out.entry(h.article.clone()).or_default().push(h.span);
        }
    }
    out
}

/// The passages already spoken for in an article: the actor highlights
/// (fixed, possibly overlapping: sorted, with the furthest end so far) and
/// the suggestions chosen (never overlapping each other: a map by start).
/// A new span is checked in logarithmic time, not against every span.
pub(crate) struct Occupied {
    coded: Vec<(usize, usize)>,
    chosen: std::collections::BTreeMap<usize, usize>,
}

impl Occupied {
    pub(crate) fn new(mut coded: Vec<Span>) -> Self {
        coded.sort();
        let mut furthest = 0;
        Self {
            coded: coded
                .into_iter()
                .map(|s| {
                    furthest = furthest.max(s.end);
                    (s.start, furthest)
                })
                .collect(),
            chosen: std::collections::BTreeMap::new(),
        }
    }

    pub(crate) fn take(&mut self, span: Span) {
        self.chosen.insert(span.start, span.end);
    }

    pub(crate) fn overlaps(&self, span: Span) -> bool {
        let before = self.coded.partition_point(|(start, _)| *start < span.end);
        let coded = before > 0 && self.coded[before - 1].1 > span.start;
        let chosen = self
            .chosen
            .range(..span.end)
            .next_back()
            .is_some_and(|(_, &end)| end > span.start);
        coded || chosen
    }
}

/// A match of an automaton's pattern that is a whole word.
pub(crate) struct WholeMatch {
    /// Folded characters.
    pub first: usize,
    pub after: usize,
    /// Code points of the body.
    pub start: usize,
    pub end: usize,
    pub pattern: usize,
    /// Behind an attached prefix (و ف ب ل ك ال).
    pub prefixed: bool,
}

/// Every match of `automaton` in `folded` that is a whole word behind an
/// allowed prefix (`short`: the pattern is a name without its alef, matched
/// only after ل).
pub(crate) fn whole_matches(
    automaton: &AhoCorasick,
    folded: &Folded,
    short: impl Fn(usize) -> bool,
) -> Vec<WholeMatch> {
    let mut found = Vec::new();
    for m in automaton.find_overlapping_iter(&folded.text) {
        let pattern = m.pattern().as_usize();
        let (Some(first), Some(after)) = (folded.char_at(m.start()), folded.char_at(m.end()))
        else {
            continue;
        };
        let Some(prefixed) = whole_word(&folded.chars, first..after, short(pattern)) else {
            continue;
        };
        // A name written without the article never takes it: «السورية» and
        // «الروسية» are adjectives, not سورية or the Persian روسیه.
        if prefixed
            && !folded.chars[first..].starts_with(&['ا', 'ل'])
            && behind_the_article(&folded.chars, first)
        {
            continue;
        }
        found.push(WholeMatch {
            first,
            after,
            start: folded.origin[first],
            end: folded.origin.get(after).copied().unwrap_or(folded.len),
            pattern,
            prefixed,
        });
    }
    found
}

/// Whether the prefix before folded character `first` ends with the
/// article (ال, or لل where ل takes it).
fn behind_the_article(chars: &[char], first: usize) -> bool {
    let mut start = first;
    while start > 0 && chars[start - 1].is_alphanumeric() {
        start -= 1;
    }
    let prefix = &chars[start..first];
    prefix.ends_with(&['ا', 'ل']) || prefix.ends_with(&['ل', 'ل'])
}

/// An article body folded for matching, with each folded character's place
/// in the body and each byte's character.
pub(crate) struct Folded {
    text: String,
    pub(crate) chars: Vec<char>,
    /// Code point of the body each folded character comes from.
    origin: Vec<usize>,
    /// Byte offset in `text` of each folded character.
    bytes: Vec<usize>,
    len: usize,
}

impl Folded {
    pub(crate) fn of(body: &str) -> Self {
        let mut folded = Self {
            text: String::with_capacity(body.len()),
            chars: Vec::with_capacity(body.len() / 2),
            origin: Vec::with_capacity(body.len() / 2),
            bytes: Vec::with_capacity(body.len() / 2),
            len: 0,
        };
        for (i, c) in body.chars().enumerate() {
            folded.len = i + 1;
            arabic::fold_char(c, |f| {
                folded.bytes.push(folded.text.len());
                folded.text.push(f);
                folded.chars.push(f);
                folded.origin.push(i);
            });
        }
        folded
    }

    /// The folded character starting at byte `byte` (the end counts).
    fn char_at(&self, byte: usize) -> Option<usize> {
        if byte == self.text.len() {
            return Some(self.chars.len());
        }
        self.bytes.binary_search(&byte).ok()
    }
}

/// Every suggestion of `project` (or of one article), in words: mentions of
/// registered actors, then candidates for new ones (their `actor` empty).
pub fn suggestions(project: &Project, only: Option<&ArticleId>) -> Vec<Described> {
    let matcher = Matcher::new(project);
    let found = matcher.all(project, only);
    let mut all = matcher.describe_all(project, &found);
    for c in candidates::candidates(project, only, &found) {
        let Some(article) = project.article(&c.article) else {
            continue;
        };
        let chars: Vec<char> = article.body.chars().collect();
        all.push(c.described(&chars));
    }
    all
}

#[cfg(test)]
mod tests;
