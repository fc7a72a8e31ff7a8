//! Where a page's text lies: the gutter of a two-column page and the blocks read in order.

use super::{Glyph, baseline, extent, in_margin, median, run_size};

/// Where the page's runs of text lie across it, running headers and footers left aside.
pub(super) fn text_spans(runs: &[Vec<Glyph>], height: f64) -> Vec<(f64, f64)> {
    let body = median(runs.iter().map(|r| run_size(r)));
    runs.iter()
        .filter(|r| !in_margin(r, height, body))
        .map(|r| extent(r))
        .collect()
}

/// The empty stretch between two columns.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Gutter {
    left: f64,
    right: f64,
}

impl Gutter {
    /// The widest stretch, in the middle half of the text, that no narrow
    /// run (a column's line) covers, with at least three lines on each side.
    pub(super) fn find(runs: &[Vec<Glyph>], height: f64) -> Option<Self> {
        let spans = text_spans(runs, height);
        let (page_left, page_right) = spans
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, r), &(a, b)| {
                (l.min(a), r.max(b))
            });
        let width = page_right - page_left;
        if !(width.is_finite() && width > 0.0) {
            return None;
        }
        let size = median(runs.iter().map(|r| run_size(r)));
        let mut narrow: Vec<(f64, f64)> = spans
            .iter()
            .copied()
            .filter(|(l, r)| r - l < width * 0.55)
            .collect();
        narrow.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut best: Option<Self> = None;
        let mut reach = f64::NEG_INFINITY;
        for &(l, r) in &narrow {
            if reach.is_finite() && l - reach >= (size * 0.5).max(4.0) {
                let middle = f64::midpoint(reach, l);
                let central =
                    middle > page_left + width * 0.25 && middle < page_right - width * 0.25;
                if central && best.is_none_or(|g| l - reach > g.right - g.left) {
                    best = Some(Self {
                        left: reach,
                        right: l,
                    });
                }
            }
            reach = reach.max(r);
        }
        let gutter = best?;
        let on = |right: bool| {
            spans
                .iter()
                .filter(|s| gutter.side(**s) == Some(right))
                .count()
        };
        (on(false) >= 3 && on(true) >= 3).then_some(gutter)
    }

    /// Whether a page's lines sit on either side of this gutter (lines on
    /// both sides, none of a column's width across it).
    pub(super) fn fits(&self, runs: &[Vec<Glyph>], height: f64) -> bool {
        let spans = text_spans(runs, height);
        let column = self.left - spans.iter().map(|s| s.0).fold(f64::INFINITY, f64::min);
        let crossing = spans
            .iter()
            .filter(|s| self.side(**s).is_none() && s.1 - s.0 < column * 1.2)
            .count();
        let on = |right: bool| {
            spans
                .iter()
                .filter(|s| self.side(**s) == Some(right))
                .count()
        };
        crossing == 0 && on(false) >= 1 && on(true) >= 1
    }

    /// Which side of the gutter a run lies on (true: right), none across it.
    pub(super) fn side(&self, (l, r): (f64, f64)) -> Option<bool> {
        if r <= self.left + 0.5 {
            Some(false)
        } else if l >= self.right - 0.5 {
            Some(true)
        } else {
            None
        }
    }
}

/// A page's runs in reading order by blocks: what spans the page above
/// the columns, each column (the right one first in a right-to-left
/// page), what spans the page below them. Running headers and footers (in
/// the outer margins) stay above and below. A page without a gutter is
/// one block.
pub(super) fn blocks(
    runs: Vec<Vec<Glyph>>,
    height: f64,
    gutter: Option<Gutter>,
) -> Vec<Vec<Vec<Glyph>>> {
    let Some(gutter) = gutter else {
        return vec![runs];
    };
    let rtl = {
        let (mut r, mut l) = (0usize, 0usize);
        for c in runs.iter().flatten().flat_map(|g| g.text.chars()) {
            match unicode_bidi::bidi_class(c) {
                unicode_bidi::BidiClass::R | unicode_bidi::BidiClass::AL => r += 1,
                unicode_bidi::BidiClass::L => l += 1,
                _ => {}
            }
        }
        r >= l
    };
    let body = median(runs.iter().map(|r| run_size(r)));
    let side = |run: &[Glyph]| {
        if in_margin(run, height, body) {
            None
        } else {
            gutter.side(extent(run))
        }
    };
    let columns_top = runs
        .iter()
        .filter(|r| side(r).is_some())
        .map(|r| baseline(r))
        .fold(f64::NEG_INFINITY, f64::max);
    let (mut above, mut first, mut second, mut below) = (vec![], vec![], vec![], vec![]);
    for run in runs {
        match side(&run) {
            None if baseline(&run) >= columns_top => above.push(run),
            None => below.push(run),
            Some(right) if right == rtl => first.push(run),
            Some(_) => second.push(run),
        }
    }
    [above, first, second, below]
        .into_iter()
        .filter(|b| !b.is_empty())
        .collect()
}
