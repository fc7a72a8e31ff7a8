//! How far two analysts' coding of the same articles agrees: highlights
//! matched by span (exactly, or overlapping) for each kind of tag, actor
//! highlights also by the actor they name, relations by who did what to whom;
//! and every disagreement, to be looked at side by side.
//!
//! Only articles both projects hold with the same text are compared (same id
//! and body hash), so spans mean the same words on both sides.

pub mod reliability;
mod unitizing;
use crate::model::{ActorId, ArticleId, Highlight, Project, Relation, Span, Tag, arabic};
use std::collections::{HashMap, HashSet};

/// The three kinds of highlight, compared apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TagKind {
    Actor,
    Claim,
    Evidence,
}

impl TagKind {
    pub const ALL: [Self; 3] = [Self::Actor, Self::Claim, Self::Evidence];

    pub fn of(tag: &Tag) -> Self {
        match tag {
            Tag::Actor(_) => Self::Actor,
            Tag::Claim(_) => Self::Claim,
            Tag::Evidence => Self::Evidence,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Actor => "actor",
            Self::Claim => "claim",
            Self::Evidence => "evidence",
        }
    }
}

/// Highlight agreement for one kind of tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SpanCounts {
    pub a: usize,
    pub b: usize,
    /// Pairs with the very same span.
    pub exact: usize,
    /// Further pairs whose spans overlap (each highlight in at most one pair).
    pub overlapping: usize,
    /// Of the actor pairs (exact or overlapping), those naming the same actor.
    pub same_actor: usize,
}

impl SpanCounts {
    /// Dice's coefficient (the F1 score between the two): 2·matched / (a + b);
    /// `None` when neither analyst made any (nothing was compared).
    pub fn exact_agreement(&self) -> Option<f64> {
        dice(self.exact, self.a, self.b)
    }

    pub fn overlap_agreement(&self) -> Option<f64> {
        dice(self.exact + self.overlapping, self.a, self.b)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RelationCounts {
    pub a: usize,
    pub b: usize,
    /// Relations both coded: same source, type and target (either way round
    /// for a symmetric type), and the same date where both gave one.
    pub matched: usize,
}

impl RelationCounts {
    pub fn agreement(&self) -> Option<f64> {
        dice(self.matched, self.a, self.b)
    }
}

/// `None` when there was nothing to compare: 0 of 0 is no agreement at all,
/// not perfect agreement.
fn dice(matched: usize, a: usize, b: usize) -> Option<f64> {
    if a + b == 0 {
        None
    } else {
        let value = 2.0 * matched as f64 / (a + b) as f64;
        Some(value)
    }
}

/// A figure as printed: two decimals, or `n/a` where nothing was compared.
pub fn figure(value: Option<f64>) -> String {
    value.map_or_else(|| "n/a".to_owned(), |v| format!("{v:.2}"))
}

/// A maximum one-to-one matching of `left` items to `right` items along
/// `edges` (each left item's candidates, best first): Kuhn's augmenting
/// paths. Its size does not depend on which side is called left, so the
/// figures are the same whichever analyst is A.
fn max_matching(edges: &[Vec<usize>], right: usize) -> Vec<Option<usize>> {
    fn augment(
        i: usize,
        edges: &[Vec<usize>],
        seen: &mut [bool],
        owner: &mut [Option<usize>],
    ) -> bool {
        for &j in &edges[i] {
            if seen[j] {
                continue;
            }
            seen[j] = true;
            if owner[j].is_none_or(|k| augment(k, edges, seen, owner)) {
                owner[j] = Some(i);
                return true;
            }
        }
        false
    }
    let mut owner: Vec<Option<usize>> = vec![None; right];
    for i in 0..edges.len() {
        let mut seen = vec![false; right];
        augment(i, edges, &mut seen, &mut owner);
    }
    let mut matched = vec![None; edges.len()];
    for (j, i) in owner.iter().enumerate() {
        if let Some(i) = i {
            matched[*i] = Some(j);
        }
    }
    matched
}

/// One place where the two analysts differ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Disagreement {
    /// A highlight only one analyst made (no overlapping one of the same kind on the other side).
    OnlyOne {
        in_a: bool,
        article: ArticleId,
        span: Span,
        kind: TagKind,
        quote: String,
        /// The actor's or claim's name, for a list.
        label: String,
        /// The highlight, on the side that has it.
        highlight: crate::model::HighlightId,
    },
    /// Overlapping highlights of the same kind whose spans or actors differ.
    Differ {
        article: ArticleId,
        span_a: Span,
        span_b: Span,
        kind: TagKind,
        label_a: String,
        label_b: String,
        /// The two highlights, A's and B's.
        a: crate::model::HighlightId,
        b: crate::model::HighlightId,
    },
    /// A relation only one analyst coded.
    Relation {
        in_a: bool,
        label: String,
        /// The relation, on the side that has it.
        relation: crate::model::RelationId,
        /// Where to look: its first cited passage, if it cites one in a compared article.
        at: Option<(ArticleId, Span)>,
    },
}

impl Disagreement {
    /// The article and span to open it at.
    pub fn place(&self) -> Option<(&ArticleId, Span)> {
        match self {
            Self::OnlyOne { article, span, .. } => Some((article, *span)),
            Self::Differ {
                article, span_a, ..
            } => Some((article, *span_a)),
            Self::Relation { at, .. } => at.as_ref().map(|(a, s)| (a, *s)),
        }
    }

    /// One line for a list or the command line.
    pub fn describe(&self, name_a: &str, name_b: &str) -> String {
        match self {
            Self::OnlyOne {
                in_a,
                span,
                kind,
                quote,
                label,
                ..
            } => format!(
                // Isolated, so an Arabic quote keeps its guillemets around it
                // and the name after it does not run into it.
                "only {}: {} {}–{} \u{2068}«{quote}»\u{2069} \u{2068}{label}\u{2069}",
                if *in_a { name_a } else { name_b },
                kind.label(),
                span.start,
                span.end
            ),
            Self::Differ {
                span_a,
                span_b,
                kind,
                label_a,
                label_b,
                ..
            } => format!(
                "{}: {name_a} {}–{} \u{2068}{label_a}\u{2069} / {name_b} {}–{} \u{2068}{label_b}\u{2069}",
                kind.label(),
                span_a.start,
                span_a.end,
                span_b.start,
                span_b.end
            ),
            Self::Relation { in_a, label, .. } => format!(
                "only {}: relation {label}",
                if *in_a { name_a } else { name_b }
            ),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Agreement {
    /// Articles compared (same id, same text on both sides).
    pub articles: Vec<ArticleId>,
    /// Articles with the same id whose texts differ: not compared.
    pub skipped: Vec<ArticleId>,
    pub highlights: Vec<(TagKind, SpanCounts)>,
    pub relations: RelationCounts,
    pub disagreements: Vec<Disagreement>,
}

/// What a highlight tags, in words both projects share: the actor's folded
/// name (analysts may have made the same actor under two ids), the claim's text.
fn tag_label(project: &Project, tag: &Tag) -> String {
    match tag {
        Tag::Actor(id) => project
            .actor(id)
            .map_or_else(|| id.to_string(), |a| a.name.clone()),
        Tag::Claim(id) => project
            .claim(id)
            .map_or_else(|| id.to_string(), |c| project.claim_text(c).to_owned()),
        Tag::Evidence => String::new(),
    }
}

#[expect(
    clippy::many_single_char_names,
    reason = "two projects and their tags, named as in the comparison they make"
)]
fn same_actor(a: &Project, x: &Tag, b: &Project, y: &Tag) -> bool {
    match (x, y) {
        (Tag::Actor(i), Tag::Actor(j)) => {
            i == j || arabic::fold(&tag_label(a, x)) == arabic::fold(&tag_label(b, y))
        }
        _ => false,
    }
}

fn overlaps(x: Span, y: Span) -> bool {
    x.start < y.end && y.start < x.end
}

/// B's copy in A's terms, as `compare` and curation read it.
pub fn aligned(a: &Project, b: &Project) -> Project {
    crate::team::identity::align(a, b, None).0
}

/// Several analysts' copies in the terms of the first (each in turn also in
/// those of the ones before it): the same text is one article in all of them.
pub fn aligned_copies(projects: &[&Project]) -> Vec<Project> {
    let mut out: Vec<Project> = Vec::with_capacity(projects.len());
    for p in projects {
        let mut copy = (*p).clone();
        for earlier in &out {
            copy = crate::team::identity::align(earlier, &copy, None).0;
        }
        out.push(copy);
    }
    out
}

/// Compares analyst A's coding with analyst B's.
///
/// B is first put in A's terms (`team::identity`): the same text is the same
/// article whatever its id, an actor named alike is the same actor, so the
/// ids in the disagreements are those of `aligned(a, b)`.
pub fn compare(a: &Project, b: &Project) -> Agreement {
    let mut result = Agreement::default();
    let hashes: HashSet<&str> = b.articles.iter().map(|x| x.body_hash.as_str()).collect();
    for article in &a.articles {
        if hashes.contains(article.body_hash.as_str()) {
            result.articles.push(article.id.clone());
        } else if b.article(&article.id).is_some() {
            result.skipped.push(article.id.clone());
        }
    }
    let b = &aligned(a, b);
    let articles = result.articles.clone();
    let compared: HashSet<&ArticleId> = articles.iter().collect();
    let mut counts: HashMap<TagKind, SpanCounts> = HashMap::new();
    for article in &articles {
        for kind in TagKind::ALL {
            let pick = |p: &'_ Project| -> Vec<Highlight> {
                let mut list: Vec<Highlight> = p
                    .highlights_in(article)
                    .filter(|h| TagKind::of(&h.tag) == kind)
                    .cloned()
                    .collect();
                list.sort_by_key(|h| (h.span.start, h.span.end));
                list
            };
            let (xs, ys) = (pick(a), pick(b));
            let differ = |x: &Highlight, y: &Highlight| Disagreement::Differ {
                article: article.clone(),
                span_a: x.span,
                span_b: y.span,
                kind,
                label_a: tag_label(a, &x.tag),
                label_b: tag_label(b, &y.tag),
                a: x.id.clone(),
                b: y.id.clone(),
            };
            let c = counts.entry(kind).or_default();
            c.a += xs.len();
            c.b += ys.len();
            let mut used_x = vec![false; xs.len()];
            let mut used_y = vec![false; ys.len()];
            // Exact spans first, then the largest overlaps, each highlight in one pair at most.
            for (i, x) in xs.iter().enumerate() {
                if let Some(j) = (0..ys.len()).find(|&j| !used_y[j] && ys[j].span == x.span) {
                    used_x[i] = true;
                    used_y[j] = true;
                    c.exact += 1;
                    let y = &ys[j];
                    if kind == TagKind::Actor {
                        if same_actor(a, &x.tag, b, &y.tag) {
                            c.same_actor += 1;
                        } else {
                            result.disagreements.push(differ(x, y));
                        }
                    }
                }
            }
            // Then as many overlapping pairs as can be made (a maximum matching,
            // largest overlaps tried first), not the greedy first-come pairs
            // that made the count depend on which analyst was A.
            let candidates: Vec<Vec<usize>> = xs
                .iter()
                .enumerate()
                .map(|(i, x)| {
                    let mut js: Vec<usize> = (0..ys.len())
                        .filter(|&j| !used_x[i] && !used_y[j] && overlaps(ys[j].span, x.span))
                        .collect();
                    js.sort_by_key(|&j| {
                        std::cmp::Reverse(
                            x.span.end.min(ys[j].span.end) - x.span.start.max(ys[j].span.start),
                        )
                    });
                    js
                })
                .collect();
            let matching = max_matching(&candidates, ys.len());
            for (i, x) in xs.iter().enumerate() {
                if let Some(j) = matching[i] {
                    used_x[i] = true;
                    used_y[j] = true;
                    c.overlapping += 1;
                    let y = &ys[j];
                    let agree_actor = kind == TagKind::Actor && same_actor(a, &x.tag, b, &y.tag);
                    if agree_actor {
                        c.same_actor += 1;
                    }
                    result.disagreements.push(differ(x, y));
                }
            }
            for (side, list, used, project) in [(true, &xs, &used_x, a), (false, &ys, &used_y, b)] {
                for (h, _) in list.iter().zip(used.iter()).filter(|(_, u)| !**u) {
                    result.disagreements.push(Disagreement::OnlyOne {
                        in_a: side,
                        article: article.clone(),
                        span: h.span,
                        kind,
                        quote: h.quote.clone(),
                        label: tag_label(project, &h.tag),
                        highlight: h.id.clone(),
                    });
                }
            }
        }
    }
    result.highlights = TagKind::ALL
        .iter()
        .map(|k| (*k, counts.get(k).copied().unwrap_or_default()))
        .collect();
    compare_relations(a, b, &compared, &mut result);
    result
}

/// A relation in words both projects share: folded actor names, type id, date.
fn relation_key(p: &Project, r: &Relation) -> (String, String, String, bool) {
    let name = |id: &ActorId| {
        arabic::fold(
            &p.actor(id)
                .map_or_else(|| id.to_string(), |a| a.name.clone()),
        )
    };
    let directed = p.relation_type(&r.kind).is_none_or(|t| t.directed);
    let (mut s, mut t) = (name(&r.source), name(&r.target));
    if !directed && s > t {
        std::mem::swap(&mut s, &mut t);
    }
    (s, r.kind.to_string(), t, directed)
}

fn compare_relations(
    a: &Project,
    b: &Project,
    compared: &HashSet<&ArticleId>,
    result: &mut Agreement,
) {
    // The relations reported in the compared articles (or citing none at all).
    let in_scope =
        |r: &&Relation| r.sources.is_empty() || r.articles().any(|x| compared.contains(x));
    let xs: Vec<&Relation> = a.relations.iter().filter(in_scope).collect();
    let ys: Vec<&Relation> = b.relations.iter().filter(in_scope).collect();
    let mut used_y = vec![false; ys.len()];
    let mut matched = 0;
    let mut only_a = Vec::new();
    for x in &xs {
        let key = relation_key(a, x);
        let found = (0..ys.len()).find(|&j| {
            !used_y[j]
                && relation_key(b, ys[j]) == key
                && (x.date.is_none() || ys[j].date.is_none() || x.date == ys[j].date)
        });
        match found {
            Some(j) => {
                used_y[j] = true;
                matched += 1;
            }
            None => only_a.push(*x),
        }
    }
    let place = |p: &Project, r: &Relation| {
        r.sources
            .iter()
            .filter(|s| compared.contains(&s.article))
            .find_map(|s| s.evidence.as_ref().and_then(|e| p.highlight(e)))
            .map(|h| (h.article.clone(), h.span))
    };
    for r in only_a {
        result.disagreements.push(Disagreement::Relation {
            in_a: true,
            label: a.relation_words(r),
            relation: r.id.clone(),
            at: place(a, r),
        });
    }
    for (_, r) in ys.iter().enumerate().filter(|(j, _)| !used_y[*j]) {
        result.disagreements.push(Disagreement::Relation {
            in_a: false,
            label: b.relation_words(r),
            relation: r.id.clone(),
            at: place(b, r),
        });
    }
    result.relations = RelationCounts {
        a: xs.len(),
        b: ys.len(),
        matched,
    };
}

/// The figures and the disagreements as text, for the command line.
pub fn report(agreement: &Agreement, name_a: &str, name_b: &str) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} article(s) compared{}",
        agreement.articles.len(),
        if agreement.skipped.is_empty() {
            String::new()
        } else {
            format!(
                "; {} skipped because their texts differ: {}",
                agreement.skipped.len(),
                agreement
                    .skipped
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
    );
    let _ = writeln!(out, "{name_a} (A) compared with {name_b} (B)");
    let _ = writeln!(
        out,
        "{:<10} {:>6} {:>6} {:>6} {:>8} {:>7} {:>9}",
        "kind", "A", "B", "exact", "overlap", "F exact", "F overlap"
    );
    for (kind, c) in &agreement.highlights {
        let _ = writeln!(
            out,
            "{:<10} {:>6} {:>6} {:>6} {:>8} {:>7} {:>9}",
            kind.label(),
            c.a,
            c.b,
            c.exact,
            c.overlapping,
            figure(c.exact_agreement()),
            figure(c.overlap_agreement())
        );
        if *kind == TagKind::Actor && c.exact + c.overlapping > 0 {
            let _ = writeln!(
                out,
                "{:<10} same actor in {} of {} matched spans",
                "",
                c.same_actor,
                c.exact + c.overlapping
            );
        }
    }
    let r = agreement.relations;
    let _ = writeln!(
        out,
        "{:<10} {:>6} {:>6} {:>6} {:>8} {:>7}",
        "relations",
        r.a,
        r.b,
        r.matched,
        "",
        figure(r.agreement())
    );
    if agreement.articles.is_empty() {
        let _ = writeln!(
            out,
            "n/a: no article is in both projects with the same text, so nothing was compared"
        );
    } else if agreement.highlights.iter().any(|(_, c)| c.a + c.b == 0) || r.a + r.b == 0 {
        let _ = writeln!(
            out,
            "n/a: neither analyst coded anything of that kind in the compared articles"
        );
    }
    let _ = writeln!(out, "{} disagreement(s):", agreement.disagreements.len());
    for d in &agreement.disagreements {
        let where_ = d.place().map(|(a, _)| format!("{a}: ")).unwrap_or_default();
        let line = d
            .describe(name_a, name_b)
            .replace(['\u{2068}', '\u{2069}'], "");
        let _ = writeln!(out, "  {where_}{}", line.trim_end());
    }
    // A terminal or a text file shows the words as they are, without the
    // direction marks the window lays them out with.
    out.replace(['\u{2068}', '\u{2069}'], "")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Action, App};
    use crate::model::edit::Edit;

    use crate::test_support::sample;

    #[test]
    fn an_arabic_quote_keeps_its_guillemets_around_it() {
        let d = Disagreement::OnlyOne {
            in_a: true,
            article: "art".into(),
            span: Span::new(0, 5),
            kind: TagKind::Actor,
            quote: "الدوحة".to_owned(),
            label: "قطر".to_owned(),
            highlight: "hl".into(),
        };
        // Isolated, the guillemets and the name after the quote are laid out
        // apart from it: a bidi run cannot carry «» to one side of the words.
        assert!(
            d.describe("a", "b")
                .ends_with("\u{2068}«الدوحة»\u{2069} \u{2068}قطر\u{2069}")
        );
    }

    #[test]
    fn a_project_agrees_with_itself_entirely() {
        let p = sample();
        let agreement = compare(&p, &p);
        assert_eq!(agreement.articles.len(), 2);
        for (_, c) in &agreement.highlights {
            assert_eq!((c.a, c.exact), (c.b, c.a));
            assert!(c.exact_agreement().is_none_or(|f| (f - 1.0).abs() < 1e-9));
        }
        assert_eq!(agreement.relations.matched, p.relations.len());
        assert!(agreement.disagreements.is_empty());
    }

    #[test]
    fn counts_exact_overlapping_and_missing_highlights_and_relations() {
        let mine = sample();
        let mut theirs = App::new(mine.clone());
        let project = &theirs.document().project();
        // B shortens one actor highlight (overlap), deletes another (only A), adds one (only B).
        let tamim = project
            .highlights
            .iter()
            .find(|h| {
                h.quote == "الشيخ تميم بن حمد آل ثاني"
                    && h.article.as_str() == "art-2017-tamim-putin"
            })
            .unwrap()
            .clone();
        let putin = project
            .highlights
            .iter()
            .find(|h| h.quote == "فلاديمير بوتين")
            .unwrap()
            .id
            .clone();
        theirs.apply(Action::Edit(Edit::ResizeHighlight {
            highlight: tamim.id.clone(),
            span: Span::new(tamim.span.start + 6, tamim.span.end),
        }));
        theirs.apply(Action::Edit(Edit::DeleteHighlight(putin)));
        theirs.apply(Action::Edit(Edit::AddHighlight {
            article: "art-2020-qatar-us-milley".into(),
            span: Span::new(0, 6),
            tag: Tag::Evidence,
        }));
        theirs.apply(Action::Edit(Edit::DeleteRelation("rel-hook".into())));
        let agreement = compare(&mine, theirs.document().project());
        let actor = agreement.highlights[0].1;
        assert_eq!(actor.a, actor.b + 1);
        assert_eq!(actor.overlapping, 1);
        assert_eq!(actor.exact, actor.b - 1);
        assert_eq!(actor.same_actor, actor.b);
        let evidence = agreement.highlights[2].1;
        assert_eq!(evidence.b, evidence.a + 1);
        assert_eq!(evidence.exact, evidence.a);
        assert!(evidence.exact_agreement().unwrap() < 1.0);
        assert_eq!(agreement.relations.b + 1, agreement.relations.a);
        assert_eq!(agreement.relations.matched, agreement.relations.b);
        let kinds: Vec<&str> = agreement
            .disagreements
            .iter()
            .map(|d| match d {
                Disagreement::OnlyOne { in_a: true, .. } => "only A",
                Disagreement::OnlyOne { in_a: false, .. } => "only B",
                Disagreement::Differ { .. } => "differ",
                Disagreement::Relation { .. } => "relation",
            })
            .collect();
        let mut sorted = kinds.clone();
        sorted.sort_unstable();
        assert_eq!(
            sorted,
            ["differ", "only A", "only B", "relation"],
            "{kinds:?}"
        );
        // Every disagreement about text says where to look.
        assert!(agreement.disagreements.iter().all(|d| d.place().is_some()));
    }

    #[test]
    fn an_article_whose_text_differs_is_not_compared() {
        let mine = sample();
        let mut theirs = mine.clone();
        theirs.articles[0].set_body("نص آخر");
        theirs
            .highlights
            .retain(|h| h.article != theirs.articles[0].id);
        let agreement = compare(&mine, &theirs);
        assert_eq!(agreement.articles.len(), 1);
        assert_eq!(agreement.skipped, [mine.articles[0].id.clone()]);
    }

    /// Nested spans: a greedy pairing finds one overlap where two can be made.
    #[test]
    fn overlaps_are_a_maximum_matching_the_same_both_ways() {
        let mut a = sample();
        let article = a.articles[0].id.clone();
        a.highlights
            .retain(|h| h.article != article || h.tag != Tag::Evidence);
        let mut b = a.clone();
        let body: Vec<char> = a.articles[0].body.chars().collect();
        let evidence = |id: &str, start: usize, end: usize| Highlight {
            id: id.into(),
            article: article.clone(),
            span: Span::new(start, end),
            quote: body[start..end].iter().collect(),
            tag: Tag::Evidence,
            speech: None,
            note: String::new(),
            changed: None,
        };
        a.highlights.push(evidence("hl-x1", 0, 10));
        a.highlights.push(evidence("hl-x2", 5, 6));
        b.highlights.push(evidence("hl-y1", 4, 7));
        b.highlights.push(evidence("hl-y2", 8, 9));
        let ab = compare(&a, &b).highlights;
        let ba = compare(&b, &a).highlights;
        let of = |list: &[(TagKind, SpanCounts)]| {
            list.iter()
                .find(|(k, _)| *k == TagKind::Evidence)
                .map(|(_, c)| c.overlapping)
        };
        assert_eq!(of(&ab), Some(2));
        assert_eq!(of(&ba), Some(2));
    }

    #[test]
    fn nothing_compared_is_not_perfect_agreement() {
        let a = sample();
        let mut b = Project::new("other");
        b.vocabulary = a.vocabulary.clone();
        let result = compare(&a, &b);
        assert!(result.articles.is_empty());
        assert!(
            result
                .highlights
                .iter()
                .all(|(_, c)| c.exact_agreement().is_none())
        );
        let text = report(&result, "A", "B");
        assert!(text.contains("n/a") && !text.contains("1.00"), "{text}");
        assert!(text.contains("no article is in both projects"), "{text}");
    }
}
