//! The matrices: DNA's `computeTwoModeMatrix`, `computeOneModeMatrix` and
//! `computeTimeWindowMatrices`, with the stance as an integer qualifier
//! (affirms 1, neutral 0, denies -1).

use super::statements::{Statement, Statements, statements};
use super::{Aggregation, Mode, NetworkError, Nodes, Normalization, Options, sort_labels};
use crate::model::{Project, Stance};
use std::collections::HashMap;

/// One network: a matrix with its labels.
#[derive(Debug, Clone, PartialEq)]
pub struct Network {
    pub rows: Vec<String>,
    pub columns: Vec<String>,
    /// Row-major.
    pub values: Vec<f64>,
    /// Rows and columns are the same nodes (a one-mode network).
    pub one_mode: bool,
    /// The statements counted.
    pub statements: usize,
}

impl Network {
    pub fn get(&self, row: usize, column: usize) -> f64 {
        self.values[row * self.columns.len() + column]
    }

    pub fn sum(&self) -> f64 {
        self.values.iter().sum()
    }

    /// Every value a whole number: written without decimals, as DNA writes
    /// counts.
    pub fn integer(&self) -> bool {
        self.values.iter().all(|v| v.fract() == 0.0)
    }

    pub fn row(&self, label: &str) -> Option<&[f64]> {
        let i = self.rows.iter().position(|r| r == label)?;
        let n = self.columns.len();
        Some(&self.values[i * n..(i + 1) * n])
    }
}

/// A time window: its first and last day and the day it is centred on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub start: i64,
    pub stop: i64,
    pub centre: i64,
}

/// The networks asked for: one, or one per time window.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub networks: Vec<(Option<Window>, Network)>,
    /// Statements counted (after every filter).
    pub statements: usize,
    /// Left out for want of a date where a date mattered.
    pub undated: usize,
    /// Left out for having no actor (of the kind asked for).
    pub without_actor: usize,
}

/// The network(s) of `project` under `options`.
pub fn compute(project: &Project, options: &Options) -> Result<Series, NetworkError> {
    Ok(series(&statements(project, options)?, options))
}

/// The network(s) of statements already found, so that several networks of
/// one set of statements (congruence and conflict) read the project once.
/// `found` must come from options that count duplicates as `options` do.
pub fn series(found: &Statements<'_>, options: &Options) -> Series {
    let levels = levels(&found.original);
    let original = options.isolates.then_some(&found.original[..]);
    let networks = match (options.window, found.range) {
        (None, _) => vec![(None, matrix(&found.filtered, original, options, &levels))],
        (Some(_), None) => Vec::new(),
        (Some((size, step)), Some((first, last))) => {
            // DNA centres a window on each day: `round((size - 1) / 2)` days either side.
            let half = i64::from(size.saturating_sub(1)).div_euclid(2)
                + i64::from(size.saturating_sub(1) % 2);
            let mut out = Vec::new();
            let mut centre = first;
            while centre <= last {
                let window = Window {
                    start: centre - half,
                    stop: centre + half,
                    centre,
                };
                if window.start >= first && window.stop <= last {
                    let inside: Vec<Statement<'_>> = found
                        .filtered
                        .iter()
                        .filter(|s| s.day.is_some_and(|d| d >= window.start && d <= window.stop))
                        .cloned()
                        .collect();
                    out.push((Some(window), matrix(&inside, original, options, &levels)));
                }
                centre += i64::from(step);
            }
            out
        }
    };
    Series {
        networks,
        statements: found.filtered.len(),
        undated: found.undated,
        without_actor: found.without_actor,
    }
}

/// The stances in use, in the qualifier's order (DNA: distinct values, sorted).
fn levels(statements: &[Statement<'_>]) -> Vec<Stance> {
    let mut levels: Vec<Stance> = Stance::ALL
        .into_iter()
        .filter(|l| statements.iter().any(|s| s.stance == *l))
        .collect();
    levels.sort_by_key(|l| l.qualifier());
    if levels.is_empty() {
        levels.push(Stance::Affirms);
    }
    levels
}

/// The two variables: rows, and what ties them (columns of a two-mode network).
fn variables(options: &Options) -> (Nodes, Nodes) {
    match (options.mode, options.nodes) {
        (Mode::OneMode, Nodes::Concepts) => (Nodes::Concepts, Nodes::Actors),
        _ => (Nodes::Actors, Nodes::Concepts),
    }
}

fn labels(statements: &[Statement<'_>], nodes: Nodes) -> Vec<String> {
    let mut labels: Vec<String> = statements
        .iter()
        .map(|s| s.node(nodes))
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect::<std::collections::HashSet<_>>()
        .into_iter()
        .collect();
    sort_labels(&mut labels);
    labels
}

/// Statement counts per row, column and stance level.
struct Counts {
    rows: Vec<String>,
    columns: Vec<String>,
    levels: usize,
    cells: Vec<f64>,
}

impl Counts {
    fn new(
        statements: &[Statement<'_>],
        nodes: Option<&[Statement<'_>]>,
        (one, two): (Nodes, Nodes),
        levels: &[Stance],
    ) -> Self {
        let rows = labels(nodes.unwrap_or(statements), one);
        let columns = labels(nodes.unwrap_or(statements), two);
        let index = |labels: &[String]| -> HashMap<String, usize> {
            labels
                .iter()
                .cloned()
                .enumerate()
                .map(|(i, l)| (l, i))
                .collect()
        };
        let (r, c) = (index(&rows), index(&columns));
        let mut cells = vec![0.0; rows.len() * columns.len() * levels.len()];
        for s in statements {
            if let (Some(&i), Some(&j)) = (r.get(s.node(one)), c.get(s.node(two))) {
                let k = levels.iter().position(|l| *l == s.stance).unwrap_or(0);
                cells[(i * columns.len() + j) * levels.len() + k] += 1.0;
            }
        }
        Self {
            rows,
            columns,
            levels: levels.len(),
            cells,
        }
    }

    fn cell(&self, i: usize, j: usize) -> &[f64] {
        let at = (i * self.columns.len() + j) * self.levels;
        &self.cells[at..at + self.levels]
    }
}

fn matrix(
    statements: &[Statement<'_>],
    original: Option<&[Statement<'_>]>,
    options: &Options,
    levels: &[Stance],
) -> Network {
    let counts = Counts::new(statements, original, variables(options), levels);
    let qualifiers: Vec<f64> = levels.iter().map(|l| f64::from(l.qualifier())).collect();
    let (rows, columns, values, one_mode) = match options.mode {
        Mode::TwoMode => {
            let values = two_mode(&counts, &qualifiers, options);
            (counts.rows, counts.columns, values, false)
        }
        Mode::OneMode => {
            let values = one_mode(&counts, &qualifiers, options);
            (counts.rows.clone(), counts.rows, values, true)
        }
    };
    Network {
        rows,
        columns,
        values,
        one_mode,
        statements: statements.len(),
    }
}

fn two_mode(counts: &Counts, qualifiers: &[f64], options: &Options) -> Vec<f64> {
    let (n1, n2) = (counts.rows.len(), counts.columns.len());
    let mut mat = vec![0.0; n1 * n2];
    for i in 0..n1 {
        for j in 0..n2 {
            let cell = counts.cell(i, j);
            mat[i * n2 + j] = match options.aggregation {
                // DNA's lexical rank: the first level is the most significant bit.
                Aggregation::Combine => cell
                    .iter()
                    .fold(0.0, |rank, &c| rank * 2.0 + if c > 0.0 { 1.0 } else { 0.0 }),
                Aggregation::Subtract => cell
                    .iter()
                    .zip(qualifiers)
                    .map(|(c, q)| if *q < 0.0 { -q.abs() * c } else { q.abs() * c })
                    .sum(),
                _ => cell.iter().sum(),
            };
        }
    }
    let statements = |i: usize, j: usize| -> f64 { counts.cell(i, j).iter().sum() };
    let denominator = |mat: &[f64], values: &mut dyn Iterator<Item = (usize, usize)>| -> f64 {
        values
            .map(|(i, j)| match options.aggregation {
                Aggregation::Combine => f64::from(u8::from(mat[i * n2 + j] > 0.0)),
                Aggregation::Subtract => statements(i, j),
                _ => mat[i * n2 + j],
            })
            .sum()
    };
    match options.normalization {
        Normalization::Activity => {
            for i in 0..n1 {
                let d = denominator(&mat, &mut (0..n2).map(|j| (i, j)));
                for j in 0..n2 {
                    mat[i * n2 + j] = if d == 0.0 { 0.0 } else { mat[i * n2 + j] / d };
                }
            }
        }
        Normalization::Prominence => {
            for j in 0..n2 {
                let d = denominator(&mat, &mut (0..n1).map(|i| (i, j)));
                for i in 0..n1 {
                    mat[i * n2 + j] = if d == 0.0 { 0.0 } else { mat[i * n2 + j] / d };
                }
            }
        }
        _ => {}
    }
    mat
}

/// Ties through shared columns. Only rows that share a column can be tied,
/// so each column's rows are paired among themselves: exact for every
/// aggregation (each term is a product of both rows' counts) and
/// normalisation (Jaccard's one-sided counts are totals minus shared ones).
fn one_mode(counts: &Counts, qualifiers: &[f64], options: &Options) -> Vec<f64> {
    let (n, m, levels) = (counts.rows.len(), counts.columns.len(), counts.levels);
    let range = match (qualifiers.first(), qualifiers.last()) {
        (Some(a), Some(b)) => (b - a).abs(),
        _ => 0.0,
    };
    // DNA divides by the range; with a single stance in use every pair agrees.
    let distance = |k1: usize, k2: usize| {
        if range == 0.0 {
            0.0
        } else {
            (qualifiers[k1] - qualifiers[k2]).abs() / range
        }
    };
    let mut weight = vec![0.0; n * n];
    let mut shared = vec![[0.0f64; 3]; n * n];
    let totals: Vec<f64> = (0..n)
        .map(|i| (0..m).map(|j| counts.cell(i, j).iter().sum::<f64>()).sum())
        .collect();
    for j in 0..m {
        let active: Vec<usize> = (0..n)
            .filter(|&i| counts.cell(i, j).iter().any(|c| *c > 0.0))
            .collect();
        for &i1 in &active {
            let a1 = counts.cell(i1, j);
            for &i2 in &active {
                if i1 == i2 {
                    continue;
                }
                let a2 = counts.cell(i2, j);
                let w = &mut weight[i1 * n + i2];
                match options.aggregation {
                    Aggregation::Ignore | Aggregation::Combine => {
                        *w += a1.iter().sum::<f64>() * a2.iter().sum::<f64>();
                    }
                    aggregation => {
                        for (k1, c1) in a1.iter().enumerate() {
                            for (k2, c2) in a2.iter().enumerate() {
                                let both = c1 * c2;
                                let d = distance(k1, k2);
                                *w += match aggregation {
                                    Aggregation::Congruence => both * (1.0 - d),
                                    Aggregation::Conflict => both * d,
                                    _ => both * (1.0 - d) - both * d,
                                };
                            }
                        }
                    }
                }
                let s = &mut shared[i1 * n + i2];
                for k in 0..levels {
                    if a1[k] > 0.0 && a2[k] > 0.0 {
                        s[0] += a1[k];
                        s[1] += a2[k];
                        s[2] += a1[k] * a2[k];
                    }
                }
            }
        }
    }
    for i1 in 0..n {
        for i2 in 0..n {
            let at = i1 * n + i2;
            let (t1, t2) = (totals[i1], totals[i2]);
            let norm = match options.normalization {
                Normalization::Average => f64::midpoint(t1, t2),
                Normalization::Jaccard => {
                    let [both1, both2, m11] = shared[at];
                    (t1 - both1) + (t2 - both2) + m11
                }
                Normalization::Cosine => t1 * t2,
                _ => 1.0,
            };
            weight[at] = if i1 == i2 || norm == 0.0 {
                0.0
            } else {
                weight[at] / norm
            };
        }
    }
    weight
}
