//! A visual line of glyphs back to logical order: bidi levels found in writing order, mirrored brackets, marks after their letters.

use super::{BidiInfo, Glyph, Level, Line, is_mark, median};

/// A row of runs (left to right) as one line in logical order.
pub(super) fn visual_line(row: &[Vec<Glyph>], infer_spaces: bool) -> Option<Line> {
    let mut visual = String::new();
    let mut previous_end: Option<f64> = None;
    let mut sizes = Vec::new();
    let (mut left_edge, mut right_edge) = (f64::INFINITY, f64::NEG_INFINITY);
    for (index, run) in row.iter().enumerate() {
        for glyph in run {
            let text = glyph.text.clone();
            if text.is_empty() {
                continue;
            }
            if !glyph.is_mark() {
                let gap = previous_end.map(|end| glyph.x - end);
                let starts_run = index > 0 && std::ptr::eq(glyph, &raw const run[0]);
                let wide =
                    gap.is_some_and(|g| g > glyph.size * if infer_spaces { 0.2 } else { 0.6 });
                if (wide && (infer_spaces || starts_run))
                    && !visual.ends_with(' ')
                    && !glyph.is_space()
                {
                    visual.push(' ');
                }
                previous_end = Some(glyph.x + glyph.advance.max(0.0));
                left_edge = left_edge.min(glyph.x);
                right_edge = right_edge.max(glyph.x + glyph.advance.max(0.0));
                sizes.push(glyph.size);
            }
            visual.push_str(&text);
        }
    }
    let trimmed = visual.trim();
    if trimmed.is_empty() {
        return None;
    }
    let (text, rtl) = logical(trimmed);
    Some(Line {
        text: super::super::unshape(&text),
        baseline: row[0].first().map_or(0.0, |g| g.y),
        left: left_edge,
        right: right_edge,
        size: median(sizes.into_iter()),
        rtl,
        block: 0,
    })
}

/// A line from visual (left-to-right on the page) to logical order.
///
/// A right-to-left line read backwards is almost in logical order: only
/// its left-to-right runs (Latin names, numbers) are backwards. So the
/// bidi algorithm's levels are found on the line read backwards — where
/// each character has the neighbours it had when written, which decides
/// how numbers and signs resolve — and the runs that go against the line
/// are turned back, the reordering the algorithm itself would apply. A
/// left-to-right line is taken as it is, its right-to-left runs turned.
/// Each glyph's own text (a ligature's letters) stays as the font's map
/// gave it; characters at right-to-left levels were drawn mirrored, and
/// writers map the glyph to the character it looks like.
pub(super) fn logical(visual: &str) -> (String, bool) {
    let (mut rtl, mut ltr) = (0usize, 0usize);
    for c in visual.chars() {
        match unicode_bidi::bidi_class(c) {
            unicode_bidi::BidiClass::R | unicode_bidi::BidiClass::AL => rtl += 1,
            unicode_bidi::BidiClass::L => ltr += 1,
            _ => {}
        }
    }
    if rtl == 0 {
        return (visual.to_owned(), false);
    }
    let is_rtl = rtl >= ltr;
    let text: String = if is_rtl {
        visual.chars().rev().collect()
    } else {
        visual.to_owned()
    };
    let base = if is_rtl { Level::rtl() } else { Level::ltr() };
    let info = BidiInfo::new(&text, Some(base));
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let levels: Vec<Level> = chars.iter().map(|&(at, _)| info.levels[at]).collect();
    // Read backwards, the line's own direction is already undone: one level less to turn.
    let against: Vec<Level> = if is_rtl {
        levels
            .iter()
            .map(|l| Level::new(l.number().saturating_sub(1)).unwrap_or_else(|_| Level::ltr()))
            .collect()
    } else {
        levels.clone()
    };
    let order = BidiInfo::reorder_visual(&against);
    let text: String = order
        .iter()
        .map(|&i| {
            let c = chars[i].1;
            if levels[i].is_rtl() {
                mirror(c).unwrap_or(c)
            } else {
                c
            }
        })
        .collect();
    (marks_after_letters(&text), is_rtl)
}

/// A mark that ended up before its letter (writers that draw marks after
/// their letter, left to right) goes back after it.
pub(super) fn marks_after_letters(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let stray = is_mark(c)
            && out
                .last()
                .is_none_or(|p: &char| p.is_whitespace() || p.is_ascii_punctuation());
        if stray {
            let start = i;
            while i < chars.len() && is_mark(chars[i]) {
                i += 1;
            }
            if i < chars.len() && !chars[i].is_whitespace() {
                out.push(chars[i]);
                out.extend(&chars[start..i]);
                i += 1;
            } else {
                out.extend(&chars[start..i]);
            }
            continue;
        }
        out.push(c);
        i += 1;
    }
    out.into_iter().collect()
}

/// The bracket a mirrored glyph stands for.
pub(super) fn mirror(c: char) -> Option<char> {
    Some(match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        _ => return None,
    })
}
