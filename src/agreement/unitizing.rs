//! Krippendorff's unitizing α (αu, 1995/2004): how far analysts agree on
//! where units of a category begin and end on a continuum, per kind of tag.

use super::TagKind;
use super::reliability::label;
use crate::model::Project;
use std::collections::BTreeMap;

/// One rater's unit of a category on the continuum: start and end (half-open).
pub(super) type Unit = (u64, u64);

/// A rater's continuum `0..len` as alternating segments: (start, end, is a unit).
pub(super) fn segments(units: &[Unit], len: u64) -> Vec<(u64, u64, bool)> {
    let mut out = Vec::new();
    let mut at = 0;
    for &(s, e) in units {
        if s > at {
            out.push((at, s, false));
        }
        out.push((s, e, true));
        at = e;
    }
    if at < len {
        out.push((at, len, false));
    }
    out
}

/// Overlapping units of one category by one rater become one (αu wants none).
pub(super) fn tidy(mut units: Vec<Unit>) -> Vec<Unit> {
    units.sort_unstable();
    let mut out: Vec<Unit> = Vec::new();
    for (s, e) in units {
        match out.last_mut() {
            Some(last) if s < last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// Observed and expected disagreement of one category (Krippendorff 1995):
/// `raters[r]` holds rater r's units of it on a continuum of `len`.
#[expect(
    clippy::many_single_char_names,
    reason = "the letters of Krippendorff's formulae, to check against the paper"
)]
pub(super) fn unitizing_disagreements(raters: &[Vec<Unit>], len: u64) -> (f64, f64) {
    let (r, l) = (raters.len() as f64, len as f64);
    let segmented: Vec<Vec<(u64, u64, bool)>> = raters.iter().map(|u| segments(u, len)).collect();
    // Observed: for each pair of raters, each pair of overlapping segments.
    let mut observed = 0.0;
    for i in 0..segmented.len() {
        for j in i + 1..segmented.len() {
            let (a, b) = (&segmented[i], &segmented[j]);
            let (mut x, mut y) = (0, 0);
            while x < a.len() && y < b.len() {
                let ((s1, e1, u1), (s2, e2, u2)) = (a[x], b[y]);
                let d = |v: i128| (v * v) as f64;
                observed += match (u1, u2) {
                    (true, true) if s1 < e2 && s2 < e1 => {
                        d(i128::from(s1) - i128::from(s2)) + d(i128::from(e1) - i128::from(e2))
                    }
                    (true, false) if s2 <= s1 && e1 <= e2 => d(i128::from(e1 - s1)),
                    (false, true) if s1 <= s2 && e2 <= e1 => d(i128::from(e2 - s2)),
                    _ => 0.0,
                };
                match e1.cmp(&e2) {
                    std::cmp::Ordering::Less => x += 1,
                    std::cmp::Ordering::Greater => y += 1,
                    std::cmp::Ordering::Equal => {
                        x += 1;
                        y += 1;
                    }
                }
            }
        }
    }
    let observed = observed * 2.0 / (r * (r - 1.0) * l * l);
    // Expected: every unit against every way the continuum could be cut.
    let lengths: Vec<f64> = raters
        .iter()
        .flatten()
        .map(|(s, e)| (e - s) as f64)
        .collect();
    let gaps: Vec<f64> = segmented
        .iter()
        .flatten()
        .filter(|(_, _, unit)| !unit)
        .map(|(s, e, _)| (e - s) as f64)
        .collect();
    // Gaps sorted, with sums of the longer ones: Σ_{g ≥ u} (g − u + 1) for
    // each unit by a binary search, not a walk over every gap.
    let mut gaps = gaps;
    gaps.sort_by(f64::total_cmp);
    let mut from_here = vec![0.0; gaps.len() + 1];
    for i in (0..gaps.len()).rev() {
        from_here[i] = from_here[i + 1] + gaps[i];
    }
    let n = lengths.len() as f64;
    let mut sum = 0.0;
    for &u in &lengths {
        let within = (n - 1.0) * (2.0 * u * u * u - 3.0 * u * u + u) / 3.0;
        let first = gaps.partition_point(|&g| g < u);
        let count = (gaps.len() - first) as f64;
        let beside = from_here[first] - (u - 1.0) * count;
        sum += within + u * u * beside;
    }
    let squares: f64 = lengths.iter().map(|u| u * (u - 1.0)).sum();
    let expected = sum * 2.0 / l / (r * l * (r * l - 1.0) - squares);
    (observed, expected)
}

/// Krippendorff's unitizing α (αu) for one kind of tag: the articles every
/// analyst holds with the same text, end to end, are the continuum; each
/// analyst's highlights of that kind are units, categorised by what they
/// tag (actors by folded name). Observed and expected disagreement are
/// averaged over the categories, as `DKPro` Agreement does.
pub fn alpha_u(projects: &[&Project], kind: TagKind) -> Option<f64> {
    if projects.len() < 2 {
        return None;
    }
    let first = projects[0];
    let mut offset = 0u64;
    let mut by_category: BTreeMap<String, Vec<Vec<Unit>>> = BTreeMap::new();
    for article in &first.articles {
        if !projects.iter().all(|p| {
            p.article(&article.id)
                .is_some_and(|a| a.body_hash == article.body_hash)
        }) {
            continue;
        }
        for (r, p) in projects.iter().enumerate() {
            for h in p
                .highlights
                .iter()
                .filter(|h| h.article == article.id && TagKind::of(&h.tag) == kind)
            {
                let units = by_category
                    .entry(label(p, &h.tag))
                    .or_insert_with(|| vec![Vec::new(); projects.len()]);
                units[r].push((offset + h.span.start as u64, offset + h.span.end as u64));
            }
        }
        offset += article.body.chars().count() as u64;
    }
    if offset == 0 || by_category.is_empty() {
        return None;
    }
    let (mut observed, mut expected) = (0.0, 0.0);
    for raters in by_category.into_values() {
        let raters: Vec<Vec<Unit>> = raters.into_iter().map(tidy).collect();
        let (o, e) = unitizing_disagreements(&raters, offset);
        observed += o;
        expected += e;
    }
    (expected > 0.0).then(|| 1.0 - observed / expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Krippendorff (1995), "On the reliability of unitizing contiguous
    /// data", p. 57: two coders, four categories on a continuum of 24,
    /// stretched by `k` (the expected disagreement is given for a long one).
    fn example(k: u64) -> Vec<(&'static str, Vec<Vec<Unit>>)> {
        let u = |s: u64, l: u64| (s * k, (s + l) * k);
        vec![
            ("A", vec![vec![u(2, 8), u(14, 6)], vec![u(4, 4), u(15, 2)]]),
            (
                "B",
                vec![
                    vec![u(0, 18)],
                    vec![
                        u(0, 2),
                        u(2, 1),
                        u(3, 1),
                        u(4, 1),
                        u(5, 1),
                        u(6, 3),
                        u(9, 1),
                    ],
                ],
            ),
            (
                "C",
                vec![
                    vec![u(2, 6), u(10, 2), u(14, 4), u(20, 2)],
                    vec![u(0, 2), u(4, 4), u(10, 4), u(16, 2), u(20, 2)],
                ],
            ),
            (
                "D",
                vec![
                    vec![u(0, 2), u(2, 8), u(10, 4), u(14, 6), u(20, 4)],
                    vec![u(0, 4), u(4, 4), u(8, 7), u(15, 2), u(17, 7)],
                ],
            ),
        ]
    }

    #[test]
    fn the_same_unitizing_twice_agrees_perfectly() {
        let units = vec![(2, 10), (14, 20)];
        let (o, e) = unitizing_disagreements(&[units.clone(), units], 24);
        assert!(o.abs() < 1e-12 && e > 0.0);
        let project = crate::synthetic::corpus(crate::synthetic::Size {
            articles: 3,
            ..crate::synthetic::Size::MEDIUM
        });
        let alpha = alpha_u(&[&project, &project], TagKind::Actor).unwrap();
        assert!((alpha - 1.0).abs() < 1e-12, "{alpha}");
    }

    #[test]
    fn the_published_unitizing_example() {
        let observed = [0.03125, 2.26736, 0.02777, 0.38715];
        for ((name, raters), want) in example(1).into_iter().zip(observed) {
            let (o, _) = unitizing_disagreements(&raters, 24);
            assert!((o - want).abs() < 1e-5, "{name}: D_o {o}, published {want}");
        }
        let expected = [0.06990, 1.17731, 0.08642, 0.41445];
        let alphas = [0.553, -0.926, 0.679, 0.066];
        let k = 1_200_000 / 24;
        for (((name, raters), want), alpha) in example(k).into_iter().zip(expected).zip(alphas) {
            let (o, e) = unitizing_disagreements(&raters, 24 * k);
            assert!(
                (e - want).abs() < 0.005,
                "{name}: D_e {e}, published {want}"
            );
            let a = 1.0 - o / e;
            assert!(
                (a - alpha).abs() < 0.02,
                "{name}: alpha_u {a}, published {alpha}"
            );
        }
    }
}
