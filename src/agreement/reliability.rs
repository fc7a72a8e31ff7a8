//! Reliability figures content-analysis journals ask for, for two or more
//! analysts: Krippendorff's α over code points (nominal, per kind of tag),
//! his unitizing α (αu, Krippendorff 1995/2004), and Cohen's κ (two
//! analysts) or Fleiss' κ (more) on the actor named at spans every analyst
//! highlighted.
//!
//! α over code points: every code point of every article the analysts hold
//! with the same text is a unit; an analyst's value there is the set of that
//! kind's tags covering it (actors by folded name, claims by text, evidence
//! yes or no), the empty set meaning "none". An analyst without the article
//! is a missing value. Runs of code points where no analyst's value changes
//! are counted at once (weighted by their length), which gives the same α as
//! one unit per code point.

use super::TagKind;
pub use super::unitizing::alpha_u;
use crate::model::{ArticleId, Project, Tag, arabic};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// What one analyst says at a code point: the sorted labels covering it.
type Value = Vec<String>;

pub(super) fn label(project: &Project, tag: &Tag) -> String {
    match tag {
        Tag::Actor(id) => arabic::fold(project.actor(id).map_or(id.as_str(), |a| a.name.as_str())),
        Tag::Claim(id) => arabic::fold(
            project
                .claim(id)
                .map_or(id.as_str(), |c| project.claim_text(c)),
        ),
        Tag::Evidence => "evidence".to_owned(),
    }
}

/// The articles to compare: held by at least two analysts with the same text.
fn shared_articles(projects: &[&Project]) -> Vec<(ArticleId, usize)> {
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for p in projects {
        for article in &p.articles {
            if !seen.insert(article.id.clone()) {
                continue;
            }
            let holders = projects
                .iter()
                .filter(|q| {
                    q.article(&article.id)
                        .is_some_and(|a| a.body_hash == article.body_hash)
                })
                .count();
            if holders >= 2 {
                out.push((article.id.clone(), article.body.chars().count()));
            }
        }
    }
    out
}

/// Krippendorff's nominal α over code points for one kind of tag; `None`
/// when there is nothing to compare or no variation at all.
pub fn alpha_codepoint(projects: &[&Project], kind: TagKind) -> Option<f64> {
    // Coincidences between values, accumulated over all units.
    let mut o: HashMap<(usize, usize), f64> = HashMap::new();
    let mut categories: BTreeMap<Value, usize> = BTreeMap::new();
    let mut category = |v: Value| {
        let next = categories.len();
        *categories.entry(v).or_insert(next)
    };
    for (article, len) in shared_articles(projects) {
        // Each analyst's highlights of this kind in the article, if they hold it.
        let coders: Vec<Option<Vec<(usize, usize, String)>>> = projects
            .iter()
            .map(|p| {
                let held = p.article(&article)?;
                let _ = held;
                Some(
                    p.highlights
                        .iter()
                        .filter(|h| h.article == article && TagKind::of(&h.tag) == kind)
                        .map(|h| (h.span.start, h.span.end, label(p, &h.tag)))
                        .collect(),
                )
            })
            .collect();
        let mut cuts: BTreeSet<usize> = BTreeSet::from([0, len]);
        for spans in coders.iter().flatten() {
            for (s, e, _) in spans {
                cuts.insert((*s).min(len));
                cuts.insert((*e).min(len));
            }
        }
        let cuts: Vec<usize> = cuts.into_iter().collect();
        for w in cuts.windows(2) {
            let (start, end) = (w[0], w[1]);
            if end <= start {
                continue;
            }
            let values: Vec<usize> = coders
                .iter()
                .flatten()
                .map(|spans| {
                    let mut v: Value = spans
                        .iter()
                        .filter(|(s, e, _)| *s <= start && end <= *e)
                        .map(|(_, _, l)| l.clone())
                        .collect();
                    v.sort();
                    v.dedup();
                    category(v)
                })
                .collect();
            let m = values.len();
            if m < 2 {
                continue;
            }
            let weight = (end - start) as f64 / (m - 1) as f64;
            for (i, &c) in values.iter().enumerate() {
                for (j, &k) in values.iter().enumerate() {
                    if i != j {
                        *o.entry((c, k)).or_default() += weight;
                    }
                }
            }
        }
    }
    nominal_alpha(&o)
}

/// α from a coincidence matrix: 1 − (n − 1) Σ_{c≠k} `o_ck` / Σ_{c≠k} `n_c` `n_k`.
fn nominal_alpha(o: &HashMap<(usize, usize), f64>) -> Option<f64> {
    let mut n_c: HashMap<usize, f64> = HashMap::new();
    for (&(c, _), &v) in o {
        *n_c.entry(c).or_default() += v;
    }
    let n: f64 = n_c.values().sum();
    if n <= 1.0 {
        return None;
    }
    let observed: f64 = o.iter().filter(|((c, k), _)| c != k).map(|(_, v)| v).sum();
    let total: f64 = n_c.values().sum::<f64>();
    let same: f64 = n_c.values().map(|v| v * v).sum();
    let expected = total * total - same;
    if expected <= 0.0 {
        return None;
    }
    Some(1.0 - (n - 1.0) * observed / expected)
}

/// The actor each analyst named at every span all of them highlighted with
/// an actor (one label per analyst; a span with several actors counts once,
/// by the first in label order).
fn actor_items(projects: &[&Project]) -> Vec<Vec<String>> {
    let mut by_span: BTreeMap<(ArticleId, usize, usize), Vec<Option<String>>> = BTreeMap::new();
    for (i, p) in projects.iter().enumerate() {
        for h in &p.highlights {
            if TagKind::of(&h.tag) != TagKind::Actor {
                continue;
            }
            let entry = by_span
                .entry((h.article.clone(), h.span.start, h.span.end))
                .or_insert_with(|| vec![None; projects.len()]);
            let l = label(p, &h.tag);
            if entry[i].as_ref().is_none_or(|old| &l < old) {
                entry[i] = Some(l);
            }
        }
    }
    by_span
        .into_values()
        .filter_map(|labels| labels.into_iter().collect::<Option<Vec<_>>>())
        .collect()
}

/// Cohen's κ between two analysts on the actor named at the spans both
/// highlighted; `None` with nothing to compare or no variation.
pub fn cohen_kappa(a: &Project, b: &Project) -> Option<f64> {
    cohen_from(&actor_items(&[a, b]))
}

/// Cohen's κ from items each labelled by two raters.
fn cohen_from(items: &[Vec<String>]) -> Option<f64> {
    if items.is_empty() {
        return None;
    }
    let n = items.len() as f64;
    let agreed = items.iter().filter(|v| v[0] == v[1]).count();
    let mut first: HashMap<&str, f64> = HashMap::new();
    let mut second: HashMap<&str, f64> = HashMap::new();
    for v in items {
        *first.entry(v[0].as_str()).or_default() += 1.0;
        *second.entry(v[1].as_str()).or_default() += 1.0;
    }
    let p_o = agreed as f64 / n;
    let p_e: f64 = first
        .iter()
        .map(|(c, x)| x / n * second.get(c).copied().unwrap_or(0.0) / n)
        .sum();
    (p_e < 1.0).then(|| (p_o - p_e) / (1.0 - p_e))
}

/// Fleiss' κ among all analysts on the actor named at the spans every one
/// of them highlighted.
pub fn fleiss_kappa(projects: &[&Project]) -> Option<f64> {
    fleiss_from(&actor_items(projects))
}

/// Fleiss' κ from items each labelled by the same number of raters.
fn fleiss_from(items: &[Vec<String>]) -> Option<f64> {
    let raters = items.first()?.len();
    if raters < 2 {
        return None;
    }
    let (n, r) = (items.len() as f64, raters as f64);
    let mut totals: HashMap<&str, f64> = HashMap::new();
    let mut p_bar = 0.0;
    for item in items {
        let mut counts: HashMap<&str, f64> = HashMap::new();
        for l in item {
            *counts.entry(l.as_str()).or_default() += 1.0;
            *totals.entry(l.as_str()).or_default() += 1.0;
        }
        p_bar += counts.values().map(|c| c * (c - 1.0)).sum::<f64>() / (r * (r - 1.0));
    }
    p_bar /= n;
    let p_e: f64 = totals.values().map(|t| (t / (n * r)).powi(2)).sum();
    (p_e < 1.0).then(|| (p_bar - p_e) / (1.0 - p_e))
}

/// Every figure for scripts, as `warraq agreement --json` prints it.
pub fn json(projects: &[&Project], names: &[String]) -> serde_json::Value {
    use serde_json::json;
    let copies = super::aligned_copies(projects);
    let projects: &[&Project] = &copies.iter().collect::<Vec<_>>();
    let by_kind = |f: &dyn Fn(TagKind) -> Option<f64>| {
        let mut map = serde_json::Map::new();
        for kind in TagKind::ALL {
            map.insert(kind.label().to_owned(), json!(f(kind)));
        }
        serde_json::Value::Object(map)
    };
    let mut out = json!({
        "analysts": names,
        "krippendorff_alpha_codepoint": by_kind(&|k| alpha_codepoint(projects, k)),
        "alpha_u": by_kind(&|k| alpha_u(projects, k)),
        "fleiss_kappa": fleiss_kappa(projects),
        "cohen_kappa": if projects.len() == 2 { cohen_kappa(projects[0], projects[1]) } else { None },
        "articles": shared_articles(projects).len(),
    });
    let mut pairs = Vec::new();
    for i in 0..projects.len() {
        for j in i + 1..projects.len() {
            let pair = super::compare(projects[i], projects[j]);
            let highlights: serde_json::Map<String, serde_json::Value> = pair
                .highlights
                .iter()
                .map(|(kind, c)| {
                    (
                        kind.label().to_owned(),
                        json!({
                            "a": c.a, "b": c.b, "exact": c.exact, "overlapping": c.overlapping,
                            "same_actor": c.same_actor,
                            "f_exact": c.exact_agreement(), "f_overlap": c.overlap_agreement(),
                        }),
                    )
                })
                .collect();
            pairs.push(json!({
                "a": names[i], "b": names[j],
                "articles": pair.articles.len(),
                "highlights": highlights,
                "relations": {"a": pair.relations.a, "b": pair.relations.b, "matched": pair.relations.matched, "f": pair.relations.agreement()},
                "disagreements": pair.disagreements.len(),
                "disagreement_list": pair.disagreements.iter().map(|d| disagreement_json(d, &names[i], &names[j])).collect::<Vec<_>>(),
            }));
        }
    }
    out["pairs"] = json!(pairs);
    out
}

/// One disagreement for a script: what, where (code points of the body), whose.
fn disagreement_json(d: &super::Disagreement, a: &str, b: &str) -> serde_json::Value {
    use super::Disagreement;
    use serde_json::json;
    let words = d.describe(a, b).replace(['\u{2068}', '\u{2069}'], "");
    match d {
        Disagreement::OnlyOne {
            in_a,
            article,
            span,
            kind,
            quote,
            label,
            highlight,
        } => json!({
            "type": "only_one", "analyst": if *in_a { a } else { b }, "article": article.as_str(),
            "kind": kind.label(), "start": span.start, "end": span.end, "quote": quote,
            "code": label, "highlight": highlight.as_str(), "description": words,
        }),
        Disagreement::Differ {
            article,
            span_a,
            span_b,
            kind,
            label_a,
            label_b,
            a: ha,
            b: hb,
        } => json!({
            "type": "differ", "article": article.as_str(), "kind": kind.label(),
            "a": {"start": span_a.start, "end": span_a.end, "code": label_a, "highlight": ha.as_str()},
            "b": {"start": span_b.start, "end": span_b.end, "code": label_b, "highlight": hb.as_str()},
            "description": words,
        }),
        Disagreement::Relation {
            in_a,
            label,
            relation,
            ..
        } => json!({
            "type": "relation", "analyst": if *in_a { a } else { b },
            "relation": relation.as_str(), "label": label.replace(['\u{2068}', '\u{2069}'], ""),
            "description": words,
        }),
    }
}

/// Every figure as CSV rows (`analysts`, `tag`, `measure`, `value`), for a
/// spreadsheet or a paper's table: the reliability figures of all analysts,
/// then each pair's counts and F figures. Empty values where nothing was compared.
pub fn csv(projects: &[&Project], names: &[String]) -> Result<Vec<u8>, csv::Error> {
    let copies = super::aligned_copies(projects);
    let projects: &[&Project] = &copies.iter().collect::<Vec<_>>();
    let mut out = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    out.write_record(["analysts", "tag", "measure", "value"])?;
    let all = names.join(" + ");
    let value = |v: Option<f64>| v.map(|v| format!("{v:.6}")).unwrap_or_default();
    for kind in TagKind::ALL {
        out.write_record([
            all.as_str(),
            kind.label(),
            "krippendorff_alpha_codepoint",
            &value(alpha_codepoint(projects, kind)),
        ])?;
    }
    if projects.len() == 2 {
        out.write_record([
            all.as_str(),
            "actor",
            "cohen_kappa",
            &value(cohen_kappa(projects[0], projects[1])),
        ])?;
    }
    out.write_record([
        all.as_str(),
        "actor",
        "fleiss_kappa",
        &value(fleiss_kappa(projects)),
    ])?;
    for i in 0..projects.len() {
        for j in i + 1..projects.len() {
            let pair = format!("{} + {}", names[i], names[j]);
            let result = super::compare(projects[i], projects[j]);
            for (kind, c) in &result.highlights {
                for (measure, v) in [
                    ("highlights_a", Some(c.a as f64)),
                    ("highlights_b", Some(c.b as f64)),
                    ("exact", Some(c.exact as f64)),
                    ("overlapping", Some(c.overlapping as f64)),
                    ("f_exact", c.exact_agreement()),
                    ("f_overlap", c.overlap_agreement()),
                ] {
                    out.write_record([pair.as_str(), kind.label(), measure, &value(v)])?;
                }
            }
            out.write_record([
                pair.as_str(),
                "relation",
                "f",
                &value(result.relations.agreement()),
            ])?;
        }
    }
    out.into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}

/// The figures in words, after the pairwise report.
pub fn report(projects: &[&Project]) -> String {
    use std::fmt::Write as _;
    let copies = super::aligned_copies(projects);
    let projects: &[&Project] = &copies.iter().collect::<Vec<_>>();
    let mut out = String::from("\nReliability (all analysts):\n");
    for kind in TagKind::ALL {
        let _ = writeln!(
            out,
            "  Krippendorff's alpha over code points, {}: {}",
            kind.label(),
            alpha_figure(alpha_codepoint(projects, kind))
        );
    }
    for kind in TagKind::ALL {
        let _ = writeln!(
            out,
            "  Krippendorff's unitizing alpha (alpha_u), {}: {}",
            kind.label(),
            alpha_figure(alpha_u(projects, kind))
        );
    }
    if projects.len() == 2 {
        let _ = writeln!(
            out,
            "  Cohen's kappa on the actor at spans both highlighted: {}",
            alpha_figure(cohen_kappa(projects[0], projects[1]))
        );
    } else {
        let _ = writeln!(
            out,
            "  Fleiss' kappa on the actor at spans all highlighted: {}",
            alpha_figure(fleiss_kappa(projects))
        );
    }
    out
}

fn alpha_figure(value: Option<f64>) -> String {
    value.map_or_else(|| "n/a".to_owned(), |v| format!("{v:.3}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Krippendorff (2011), "Computing Krippendorff's alpha-reliability",
    /// nominal example: 4 coders, 12 units, α = 0.743.
    #[test]
    fn the_published_nominal_example() {
        let data: [[Option<u8>; 12]; 4] = [
            [
                Some(1),
                Some(2),
                Some(3),
                Some(3),
                Some(2),
                Some(1),
                Some(4),
                Some(1),
                Some(2),
                None,
                None,
                None,
            ],
            [
                Some(1),
                Some(2),
                Some(3),
                Some(3),
                Some(2),
                Some(2),
                Some(4),
                Some(1),
                Some(2),
                Some(5),
                None,
                Some(3),
            ],
            [
                None,
                Some(3),
                Some(3),
                Some(3),
                Some(2),
                Some(3),
                Some(4),
                Some(2),
                Some(2),
                Some(5),
                Some(1),
                None,
            ],
            [
                Some(1),
                Some(2),
                Some(3),
                Some(3),
                Some(2),
                Some(4),
                Some(4),
                Some(1),
                Some(2),
                Some(5),
                Some(1),
                None,
            ],
        ];
        let mut o: HashMap<(usize, usize), f64> = HashMap::new();
        for unit in 0..12 {
            let values: Vec<usize> = data
                .iter()
                .filter_map(|c| c[unit])
                .map(usize::from)
                .collect();
            let m = values.len();
            if m < 2 {
                continue;
            }
            for (i, &c) in values.iter().enumerate() {
                for (j, &k) in values.iter().enumerate() {
                    if i != j {
                        let w = 1.0 / (m - 1) as f64;
                        *o.entry((c, k)).or_default() += w;
                    }
                }
            }
        }
        let alpha = nominal_alpha(&o).unwrap();
        assert!((alpha - 0.743).abs() < 0.001, "{alpha}");
    }
}

#[cfg(test)]
mod kappa_tests {
    use super::*;

    fn items(rows: &[(&[&str], usize)]) -> Vec<Vec<String>> {
        rows.iter()
            .flat_map(|(labels, times)| {
                std::iter::repeat_n(labels.iter().map(|l| (*l).to_owned()).collect(), *times)
            })
            .collect()
    }

    /// The worked example of Cohen's κ in Wikipedia's article: 50 proposals,
    /// both yes 20, A yes B no 5, A no B yes 10, both no 15: κ = 0.4.
    #[test]
    fn cohens_published_example() {
        let data = items(&[
            (&["yes", "yes"], 20),
            (&["yes", "no"], 5),
            (&["no", "yes"], 10),
            (&["no", "no"], 15),
        ]);
        let kappa = cohen_from(&data).unwrap();
        assert!((kappa - 0.4).abs() < 1e-9, "{kappa}");
    }

    /// Fleiss (1971) as Wikipedia's article works it: 10 subjects, 14
    /// raters, 5 categories; κ = 0.210.
    #[test]
    fn fleiss_published_example() {
        let table: [[usize; 5]; 10] = [
            [0, 0, 0, 0, 14],
            [0, 2, 6, 4, 2],
            [0, 0, 3, 5, 6],
            [0, 3, 9, 2, 0],
            [2, 2, 8, 1, 1],
            [7, 7, 0, 0, 0],
            [3, 2, 6, 3, 0],
            [2, 5, 3, 2, 2],
            [6, 5, 2, 1, 0],
            [0, 2, 2, 3, 7],
        ];
        let data: Vec<Vec<String>> = table
            .iter()
            .map(|row| {
                row.iter()
                    .enumerate()
                    .flat_map(|(c, &n)| std::iter::repeat_n(c.to_string(), n))
                    .collect()
            })
            .collect();
        let kappa = fleiss_from(&data).unwrap();
        assert!((kappa - 0.210).abs() < 0.001, "{kappa}");
    }
}
