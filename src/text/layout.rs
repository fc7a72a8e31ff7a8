//! Lays out a text with cosmic-text and keeps, for every visual line, its
//! glyphs with the code-point range of the text each one shows. Hit testing
//! and selection rectangles are answered from that alone, so what is painted
//! and what is hit are the same geometry.

use super::TextEngine;
use super::breaks::{self, Piece};
use crate::model::text::CharIndex;
use cosmic_text::{
    Attrs, AttrsList, Buffer, BufferLine, Family, LayoutGlyph, LineEnding, Metrics, Shaping, Wrap,
};
use egui::{Rect, pos2};
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

/// Size and spacing of laid-out text, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextStyle {
    pub font_size: f32,
    /// Line height as a multiple of the font size; Naskh needs room for its marks.
    pub line_spacing: f32,
}

impl Default for TextStyle {
    fn default() -> Self {
        Self {
            font_size: 18.0,
            line_spacing: 1.6,
        }
    }
}

/// One shaped glyph and the characters it stands for.
#[derive(Debug, Clone)]
pub struct Glyph {
    /// Code points of the whole text (a ligature covers several).
    pub chars: Range<usize>,
    pub x: f32,
    pub w: f32,
    pub rtl: bool,
    pub raw: LayoutGlyph,
}

/// One line as it is shown on screen, glyphs in visual (left-to-right) order.
#[derive(Debug, Clone)]
pub struct VisualLine {
    pub top: f32,
    pub height: f32,
    /// Baseline, from the top of the layout.
    pub baseline: f32,
    /// The paragraph runs right to left.
    pub rtl: bool,
    /// The characters on this line, in logical order.
    pub chars: Range<usize>,
    pub glyphs: Vec<Glyph>,
}

/// A whole text laid out at one width.
#[derive(Debug, Clone)]
pub struct TextLayout {
    pub width: f32,
    /// Left edge of the leftmost glyph; labels laid out at their natural width
    /// are drawn shifted by it so they start where they are placed.
    pub ink_left: f32,
    pub height: f32,
    pub style: TextStyle,
    pub lines: Vec<VisualLine>,
    char_len: usize,
    /// Where layout stopped: the byte and the character where the next
    /// paragraph to lay out starts.
    laid: (usize, usize),
    /// The last paragraph is laid out.
    complete: bool,
}

/// The code-point ranges of the paragraphs of `text` (split at LF).
fn paragraphs(text: &str) -> Vec<(Range<usize>, &str)> {
    let mut start = 0;
    let mut result = Vec::new();
    for paragraph in text.split('\n') {
        let len = paragraph.chars().count();
        result.push((start..start + len, paragraph));
        start += len + 1;
    }
    result
}

/// Lays out `paragraphs` (code-point ranges of the whole text): their visual
/// lines, tops from 0, and their height. Wrapped lines break only where a
/// browser would (see [`breaks`](super::breaks)).
fn shape(
    engine: &mut TextEngine,
    paragraphs: &[(Range<usize>, &str)],
    width: Option<f32>,
    style: TextStyle,
) -> (Vec<VisualLine>, f32) {
    let pieces: Vec<Piece> = paragraphs
        .iter()
        .enumerate()
        .map(|(i, (range, text))| {
            Piece::new(i, text, range.start, 0..range.len(), false, width.is_some())
        })
        .collect();
    let shaped = shape_pieces(engine, &pieces, width, style);
    let mut lines: Vec<(usize, VisualLine)> = Vec::with_capacity(shaped.len());
    if let Some(width) = width {
        let mut shaped = shaped.into_iter().peekable();
        for (p, (range, text)) in paragraphs.iter().enumerate() {
            let mut own = Vec::new();
            while let Some((_, line)) = shaped.next_if(|(q, _)| *q == p) {
                own.push(line);
            }
            let own = rebreak(engine, (p, range, text), own, width, style);
            lines.extend(own.into_iter().map(|line| (p, line)));
        }
    } else {
        lines = shaped;
    }
    let mut top = 0.0;
    for (_, line) in &mut lines {
        line.baseline += top - line.top;
        line.top = top;
        top += line.height;
    }
    // Wrapped lines of one paragraph leave the breaking space out of every
    // line; give each line the characters up to the next line's start so
    // that every offset of the text belongs to exactly one line.
    for i in 0..lines.len().saturating_sub(1) {
        let next_start = lines[i + 1].1.chars.start;
        if lines[i].0 == lines[i + 1].0 && next_start > lines[i].1.chars.end {
            lines[i].1.chars.end = next_start;
        }
    }
    (lines.into_iter().map(|(_, line)| line).collect(), top)
}

/// The lines of one paragraph, laid out again in parts if cosmic-text cut a
/// word in two: each part ends at the last opportunity before the cut, as a
/// browser's line would.
fn rebreak(
    engine: &mut TextEngine,
    (index, range, text): (usize, &Range<usize>, &str),
    lines: Vec<VisualLine>,
    width: f32,
    style: TextStyle,
) -> Vec<VisualLine> {
    if lines.len() < 2 {
        return lines;
    }
    let allowed = breaks::opportunities(text);
    let cut = |lines: &[VisualLine]| {
        lines.windows(2).find_map(|pair| {
            let start = pair[1].chars.start - range.start;
            if allowed.binary_search(&start).is_ok() {
                None
            } else {
                breaks::last_between(&allowed, pair[0].chars.start - range.start, start)
            }
        })
    };
    let Some(mut end) = cut(&lines) else {
        return lines;
    };

    let rtl = lines[0].rtl;
    let mut out = Vec::with_capacity(lines.len() + 1);
    let mut from = 0;
    let mut lay = |chars: Range<usize>| {
        let piece = Piece::new(index, text, range.start, chars, rtl, true);
        shape_pieces(engine, &[piece], Some(width), style)
            .into_iter()
            .map(|(_, line)| line)
            .collect::<Vec<_>>()
    };
    loop {
        // A part laid out alone may break differently from the whole: cut
        // again, it ends earlier, until it is whole.
        let mut head = lay(from..end);
        while let Some(earlier) = cut(&head).filter(|&b| b > from && b < end) {
            end = earlier;
            head = lay(from..end);
        }
        out.extend(head);
        from = end;
        let rest = lay(from..range.len());
        match cut(&rest) {
            Some(next) if next > from => end = next,
            _ => {
                out.extend(rest);
                return out;
            }
        }
    }
}

/// Lays out `pieces` in one cosmic-text buffer: each visual line with the
/// piece it belongs to, tops from 0.
fn shape_pieces(
    engine: &mut TextEngine,
    pieces: &[Piece],
    width: Option<f32>,
    style: TextStyle,
) -> Vec<(usize, VisualLine)> {
    let metrics = Metrics::new(style.font_size, style.font_size * style.line_spacing);
    let mut buffer = Buffer::new(&mut engine.font_system, metrics);
    let attrs = Attrs::new().family(Family::SansSerif);
    buffer.lines = pieces
        .iter()
        .map(|piece| {
            BufferLine::new(
                &piece.text,
                LineEnding::Lf,
                AttrsList::new(&attrs),
                Shaping::Advanced,
            )
        })
        .collect();
    let mut buffer = buffer.borrow_with(&mut engine.font_system);
    buffer.set_wrap(Wrap::WordOrGlyph);
    buffer.set_size(width.map(|w| w.max(1.0)), None);
    buffer.shape_until_scroll(false);
    if width.is_none() {
        // Unbounded, right-to-left lines align to infinity: measure, then
        // lay out again at the natural width so alignment has an edge.
        let natural = buffer
            .layout_runs()
            .map(|run| {
                let left = run.glyphs.iter().map(|g| g.x).fold(f32::INFINITY, f32::min);
                let right = run
                    .glyphs
                    .iter()
                    .map(|g| g.x + g.w)
                    .fold(f32::NEG_INFINITY, f32::max);
                (right - left).max(0.0)
            })
            .fold(0.0, f32::max);
        buffer.set_wrap(Wrap::None);
        buffer.set_size(Some(natural.ceil().max(1.0)), None);
        buffer.shape_until_scroll(false);
    }

    let indices: Vec<CharIndex> = pieces.iter().map(|p| CharIndex::new(&p.text)).collect();
    let mut lines = Vec::new();
    for run in buffer.layout_runs() {
        let piece = &pieces[run.line_i];
        let index = &indices[run.line_i];
        // A glyph's characters in the whole text; none for a mark Warraq added.
        let to_chars = |bytes: Range<usize>| {
            let at = |byte: usize| index.char_offset(byte).unwrap_or(index.char_len());
            let mut origins = piece.origin[at(bytes.start)..at(bytes.end)]
                .iter()
                .copied()
                .filter(|&o| o != breaks::ADDED);
            let first = origins.next()?;
            Some(first..origins.next_back().unwrap_or(first) + 1)
        };
        let mut glyphs: Vec<Glyph> = run
            .glyphs
            .iter()
            .filter_map(|g| {
                Some(Glyph {
                    chars: to_chars(g.start..g.end)?,
                    x: g.x,
                    w: g.w,
                    rtl: g.level.is_rtl(),
                    raw: g.clone(),
                })
            })
            .collect();
        // cosmic-text keeps right-to-left runs in logical order; hit testing
        // and merging of rectangles want them left to right on screen.
        glyphs.sort_by(|a, b| a.x.total_cmp(&b.x));
        let start = piece
            .origin
            .iter()
            .copied()
            .find(|&o| o != breaks::ADDED)
            .unwrap_or(piece.start);
        let chars = match (
            glyphs.iter().map(|g| g.chars.start).min(),
            glyphs.iter().map(|g| g.chars.end).max(),
        ) {
            (Some(start), Some(end)) => start..end,
            // An empty paragraph still takes a line, at its position in the text.
            _ => start..start,
        };
        lines.push((
            piece.paragraph,
            VisualLine {
                top: run.line_top,
                height: run.line_height,
                baseline: run.line_y,
                rtl: run.rtl,
                chars,
                glyphs,
            },
        ));
    }
    lines
}

impl TextLayout {
    /// Lays out `text` wrapped to `width` points, or unwrapped at its natural
    /// width when `width` is `None`.
    pub fn new(engine: &mut TextEngine, text: &str, width: Option<f32>, style: TextStyle) -> Self {
        if let Some(width) = width {
            Self::begin(engine, text, width, style, usize::MAX)
        } else {
            let paragraphs = paragraphs(text);
            let (lines, height) = shape(engine, &paragraphs, None, style);
            let mut layout = Self::empty(text, 0.0, style);
            layout.height = height;
            layout.lines = lines;
            layout.laid = (text.len(), layout.char_len);
            layout.complete = true;
            let (left, right) = layout.ink();
            layout.ink_left = left;
            layout.width = (right - left).max(0.0).ceil();
            layout
        }
    }

    /// Lays out the paragraphs of `text` that hold its first `at_least`
    /// characters; `extend` lays out the rest, a part at a time, so a long
    /// article shows its first screen without waiting for its last.
    pub fn begin(
        engine: &mut TextEngine,
        text: &str,
        width: f32,
        style: TextStyle,
        at_least: usize,
    ) -> Self {
        let mut layout = Self::empty(text, width, style);
        layout.extend(engine, text, at_least);
        layout
    }

    fn empty(text: &str, width: f32, style: TextStyle) -> Self {
        Self {
            width,
            ink_left: 0.0,
            height: 0.0,
            style,
            lines: Vec::new(),
            char_len: text.chars().count(),
            laid: (0, 0),
            complete: false,
        }
    }

    /// Whether every paragraph is laid out.
    pub fn is_complete(&self) -> bool {
        self.complete
    }

    /// Lays out the next paragraphs of `text` (the text `begin` was given),
    /// at least `chars` more characters of it; true once it is complete.
    pub fn extend(&mut self, engine: &mut TextEngine, text: &str, chars: usize) -> bool {
        if self.is_complete() {
            return true;
        }
        let (mut byte, mut char_start) = self.laid;
        let mut chunk = Vec::new();
        let mut taken = 0;
        while taken < chars || chunk.is_empty() {
            let rest = &text[byte..];
            let (paragraph, last) = match rest.find('\n') {
                Some(end) => (&rest[..end], false),
                None => (rest, true),
            };
            let len = paragraph.chars().count();
            chunk.push((char_start..char_start + len, paragraph));
            taken += len + 1;
            if last {
                byte = text.len();
                char_start = self.char_len;
                self.complete = true;
                break;
            }
            byte += paragraph.len() + 1;
            char_start += len + 1;
        }
        let (mut lines, height) = shape(engine, &chunk, Some(self.width), self.style);
        for line in &mut lines {
            line.top += self.height;
            line.baseline += self.height;
        }
        self.height += height;
        self.lines.append(&mut lines);
        self.laid = (byte, char_start);
        self.ink_left = self.ink().0;
        self.is_complete()
    }

    /// The leftmost and rightmost ink of every line.
    fn ink(&self) -> (f32, f32) {
        let left = self
            .lines
            .iter()
            .flat_map(|l| l.glyphs.iter().map(|g| g.x))
            .fold(f32::INFINITY, f32::min);
        let right = self
            .lines
            .iter()
            .flat_map(|l| l.glyphs.iter().map(|g| g.x + g.w))
            .fold(0.0, f32::max);
        (if left.is_finite() { left } else { 0.0 }, right)
    }

    /// The characters laid out so far (all of them once complete).
    pub fn laid_chars(&self) -> usize {
        self.laid.1.min(self.char_len)
    }

    pub fn char_len(&self) -> usize {
        self.char_len
    }

    /// Index of the visual line at height `y` (clamped to the first and last line).
    pub fn line_at_y(&self, y: f32) -> Option<usize> {
        if self.lines.is_empty() {
            return None;
        }
        let i = self
            .lines
            .partition_point(|line| line.top + line.height <= y);
        Some(i.min(self.lines.len() - 1))
    }

    /// The lines that intersect the band `y_range`, for drawing only what is visible.
    pub fn lines_in(&self, y_range: Range<f32>) -> Range<usize> {
        let first = self
            .lines
            .partition_point(|line| line.top + line.height <= y_range.start);
        let end = self.lines.partition_point(|line| line.top < y_range.end);
        first..end.max(first)
    }

    /// The caret offset (a code point of the text, 0..=len) nearest to a point.
    /// Left of a line means its visual left end: the logical end of a
    /// right-to-left line, the start of a left-to-right one.
    pub fn hit(&self, x: f32, y: f32) -> usize {
        let Some(line_index) = self.line_at_y(y) else {
            return 0;
        };
        let line = &self.lines[line_index];
        if y < line.top {
            return line.chars.start;
        }
        if y >= line.top + line.height && line_index + 1 == self.lines.len() {
            return if self.is_complete() {
                self.char_len
            } else {
                line.chars.end
            };
        }
        // Zero-width glyphs are marks drawn over their base; the base answers for them.
        let mut glyphs = line.glyphs.iter().filter(|g| g.w > 0.0);
        let Some(first) = glyphs.next() else {
            return line.chars.start;
        };
        let glyph = if x < first.x + first.w {
            first
        } else {
            let mut last = first;
            for g in glyphs {
                last = g;
                if x < g.x + g.w {
                    break;
                }
            }
            last
        };
        let fraction = ((x - glyph.x) / glyph.w.max(f32::EPSILON)).clamp(0.0, 1.0);
        caret_in_glyph(glyph, fraction)
    }

    /// The character under a point, if the point is on a glyph.
    pub fn char_at(&self, x: f32, y: f32) -> Option<usize> {
        let line = &self.lines[self.line_at_y(y)?];
        if y < line.top || y >= line.top + line.height {
            return None;
        }
        let glyph = line.glyphs.iter().find(|g| g.x <= x && x < g.x + g.w)?;
        let n = glyph.chars.len();
        if n == 0 {
            return None;
        }
        let fraction = ((x - glyph.x) / glyph.w.max(f32::EPSILON)).clamp(0.0, 0.999);
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "a fraction of a glyph cluster's characters, clamped to their count"
        )]
        let k = ((fraction * n as f32) as usize).min(n - 1);
        Some(if glyph.rtl {
            glyph.chars.end - 1 - k
        } else {
            glyph.chars.start + k
        })
    }

    /// The rectangles covering exactly the glyphs of `range`: one per visual
    /// stretch, so a span across a line break or a direction change gives several.
    pub fn range_rects(&self, range: Range<usize>) -> Vec<Rect> {
        let mut rects = Vec::new();
        if range.is_empty() {
            return rects;
        }
        let first = self
            .lines
            .partition_point(|l| l.chars.end <= range.start && l.chars.end < self.char_len);
        for line in &self.lines[first.min(self.lines.len())..] {
            if line.chars.start >= range.end
                && !(line.chars.is_empty() && line.chars.start == range.start)
            {
                break;
            }
            let mut current: Option<(f32, f32)> = None;
            for glyph in line.glyphs.iter().filter(|g| g.w > 0.0) {
                let Some((x0, x1)) = glyph_part(glyph, &range) else {
                    continue;
                };
                // Glyphs come left to right; marks sit inside their base glyph.
                current = match current {
                    Some((a, b)) if x0 <= b + 0.5 => Some((a, b.max(x1))),
                    Some((a, b)) => {
                        rects.push(Rect::from_min_max(
                            pos2(a, line.top),
                            pos2(b, line.top + line.height),
                        ));
                        Some((x0, x1))
                    }
                    None => Some((x0, x1)),
                };
            }
            if let Some((a, b)) = current {
                rects.push(Rect::from_min_max(
                    pos2(a, line.top),
                    pos2(b, line.top + line.height),
                ));
            }
        }
        rects
    }

    /// Where the caret at `offset` is drawn: x and the line's vertical extent.
    pub fn caret_rect(&self, offset: usize) -> Option<Rect> {
        let line = self
            .lines
            .iter()
            .find(|l| l.chars.contains(&offset))
            .or_else(|| self.lines.iter().rev().find(|l| l.chars.end == offset))
            .or(self.lines.last())?;
        let x = line
            .glyphs
            .iter()
            .find_map(|g| {
                if offset == g.chars.start {
                    Some(if g.rtl { g.x + g.w } else { g.x })
                } else if g.chars.contains(&offset) {
                    let f = (offset - g.chars.start) as f32 / g.chars.len() as f32;
                    Some(if g.rtl {
                        g.x + g.w * (1.0 - f)
                    } else {
                        g.x + g.w * f
                    })
                } else {
                    None
                }
            })
            .or_else(|| {
                // The end of the line: after the logically last glyph.
                let last = line.glyphs.iter().max_by_key(|g| g.chars.end)?;
                Some(if last.rtl { last.x } else { last.x + last.w })
            })
            .unwrap_or(if line.rtl { self.width } else { 0.0 });
        Some(Rect::from_min_max(
            pos2(x, line.top),
            pos2(x, line.top + line.height),
        ))
    }
}

/// The caret offset at `fraction` (0 = left edge, 1 = right edge) across a glyph.
fn caret_in_glyph(glyph: &Glyph, fraction: f32) -> usize {
    let n = glyph.chars.len();
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a fraction of a glyph cluster's characters, clamped to their count"
    )]
    let k = ((fraction * n as f32).round() as usize).min(n);
    if glyph.rtl {
        glyph.chars.end - k
    } else {
        glyph.chars.start + k
    }
}

/// The horizontal part of `glyph` covering the characters of `range`; a
/// ligature partly inside is split in proportion to its characters.
fn glyph_part(glyph: &Glyph, range: &Range<usize>) -> Option<(f32, f32)> {
    let start = glyph.chars.start.max(range.start);
    let end = glyph.chars.end.min(range.end);
    if start >= end {
        return None;
    }
    let n = glyph.chars.len();
    if n == 0 {
        return None;
    }
    let (f0, f1) = (
        (start - glyph.chars.start) as f32 / n as f32,
        (end - glyph.chars.start) as f32 / n as f32,
    );
    Some(if glyph.rtl {
        (
            glyph.x + glyph.w * (1.0 - f1),
            glyph.x + glyph.w * (1.0 - f0),
        )
    } else {
        (glyph.x + glyph.w * f0, glyph.x + glyph.w * f1)
    })
}

/// The word around `offset` (by Unicode word boundaries), for double-click.
pub fn word_at(text: &str, offset: usize) -> Range<usize> {
    let mut start = 0;
    let mut fallback = offset..offset;
    for (byte, word) in text.split_word_bound_indices() {
        let _ = byte;
        let len = word.chars().count();
        let range = start..start + len;
        if range.contains(&offset) {
            if word.chars().any(char::is_alphanumeric) {
                return range;
            }
            fallback = range;
        } else if range.end == offset && word.chars().any(char::is_alphanumeric) {
            fallback = range;
        }
        if start > offset {
            break;
        }
        start += len;
    }
    fallback
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::text::slice_chars;

    const SEED_2017: &str = include_str!("../../tests/data/2017-11-20-tamim-putin-call.txt");

    fn layout(text: &str, width: f32) -> TextLayout {
        let mut engine = TextEngine::new();
        TextLayout::new(&mut engine, text, Some(width), TextStyle::default())
    }

    #[test]
    fn a_layout_made_a_part_at_a_time_is_the_whole_layout() {
        let text = crate::model::text::normalize_newlines(SEED_2017).repeat(3);
        let mut engine = TextEngine::new();
        let whole = TextLayout::new(&mut engine, &text, Some(420.0), TextStyle::default());
        let mut parts = TextLayout::begin(&mut engine, &text, 420.0, TextStyle::default(), 300);
        assert!(!parts.is_complete(), "the first part is not the whole text");
        assert!(parts.laid_chars() >= 300 && parts.laid_chars() < text.chars().count());
        let mut steps = 1;
        while !parts.extend(&mut engine, &text, 700) {
            steps += 1;
        }
        assert!(steps > 3);
        assert_eq!(parts.lines.len(), whole.lines.len());
        assert!((parts.height - whole.height).abs() < 0.01);
        for (a, b) in parts.lines.iter().zip(&whole.lines) {
            assert_eq!(a.chars, b.chars);
            assert!((a.top - b.top).abs() < 0.01 && (a.baseline - b.baseline).abs() < 0.01);
            let xs = |l: &VisualLine| {
                l.glyphs
                    .iter()
                    .map(|g| (g.chars.clone(), g.x))
                    .collect::<Vec<_>>()
            };
            assert_eq!(xs(a), xs(b));
        }
        assert_eq!(
            parts.hit(10.0, parts.height + 5.0),
            whole.hit(10.0, whole.height + 5.0)
        );
    }

    /// Each line after a paragraph's first starts where a browser may break
    /// (or inside a word too long for any line), holds its characters once,
    /// and no character of its own is hidden or added.
    fn assert_breaks_like_a_browser(text: &str, layout: &TextLayout, width: f32) {
        let allowed = breaks::opportunities(text);
        let chars: Vec<char> = text.chars().collect();
        for pair in layout.lines.windows(2) {
            let (before, start) = (pair[0].chars.start, pair[1].chars.start);
            assert_eq!(pair[0].chars.end, start, "every character on one line");
            if allowed.binary_search(&start).is_err() {
                assert_eq!(
                    breaks::last_between(&allowed, before, start),
                    None,
                    "a word cut at {width}: «{}|{}»",
                    chars[before..start].iter().collect::<String>(),
                    chars[start..(start + 8).min(chars.len())]
                        .iter()
                        .collect::<String>()
                );
            }
        }
        for line in &layout.lines {
            for glyph in &line.glyphs {
                assert!(glyph.chars.end <= chars.len());
            }
        }
    }

    #[test]
    fn a_word_is_never_cut_where_its_script_changes() {
        // «و» before a number, «الـ» before a Latin name: cosmic-text broke
        // inside both at these widths, as the held-out articles showed.
        let text = "ارتفعت الأسعار بشكل كبير بين عامي 2020 و2021. ويأتي ذلك بعد أن طلب مكتب الـFBI تسليط الضوء على القضية";
        let mut engine = TextEngine::new();
        for width in (60..600).step_by(3) {
            #[expect(clippy::cast_precision_loss, reason = "small widths")]
            let width = width as f32;
            let layout = TextLayout::new(&mut engine, text, Some(width), TextStyle::default());
            assert_breaks_like_a_browser(text, &layout, width);
            let line_of = |needle: &str| {
                let at = char_range(text, needle);
                let first = layout
                    .lines
                    .iter()
                    .position(|l| l.chars.contains(&at.start));
                let last = layout
                    .lines
                    .iter()
                    .position(|l| l.chars.contains(&(at.end - 1)));
                assert_eq!(first, last, "«{needle}» on one line at {width}");
            };
            line_of("و2021");
            line_of("الـFBI");
        }
    }

    #[test]
    fn a_line_may_break_after_a_space_before_closing_punctuation() {
        let text = "سجلت الصادرات ارتفاعا قياسيا .ويأتي ذلك";
        let mut engine = TextEngine::new();
        let split = char_range(text, ".ويأتي").start;
        let broke_there = (60..400).step_by(2).any(|width| {
            #[expect(clippy::cast_precision_loss, reason = "small widths")]
            let width = width as f32;
            let layout = TextLayout::new(&mut engine, text, Some(width), TextStyle::default());
            assert_breaks_like_a_browser(text, &layout, width);
            layout.lines.iter().any(|l| l.chars.start == split)
        });
        assert!(broke_there, "Chromium breaks before «.ويأتي» at some width");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
        #[test]
        fn mixed_scripts_break_only_where_a_browser_would(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "قطر", "والولايات", "المتحدة", "و2021.", "الـFBI", "بـ2020", "Qatar",
                    "US", "(شينخوا)", "،", ".", "«الدوحة»", "2017", "تسليط", "FBI", "ويأتي",
                    "الأمريكية-القطرية", "12:30", "%5",
                ]),
                1..40,
            ),
            spaces in proptest::collection::vec(0..3usize, 40),
            width in 40.0f32..500.0,
        ) {
            let mut text = String::new();
            for (i, word) in words.iter().enumerate() {
                text.push_str(word);
                text.push_str(&" ".repeat(spaces[i]));
            }
            let mut engine = TextEngine::new();
            let layout = TextLayout::new(&mut engine, &text, Some(width), TextStyle::default());
            assert_breaks_like_a_browser(&text, &layout, width);
            // Every character on a line (spaces ending the text may belong to no glyph).
            proptest::prop_assert_eq!(layout.lines[0].chars.start, 0);
            let end = layout.lines.last().map_or(0, |l| l.chars.end);
            proptest::prop_assert!(end >= text.trim_end().chars().count());
        }
    }

    fn char_range(text: &str, needle: &str) -> Range<usize> {
        let byte = text.find(needle).unwrap();
        let start = text[..byte].chars().count();
        start..start + needle.chars().count()
    }

    /// Hit-testing just inside both ends of each word's painted rectangle gives
    /// back exactly the word's code points.
    #[test]
    fn hit_testing_a_words_rectangle_gives_its_range() {
        let text = crate::model::text::normalize_newlines(SEED_2017).into_owned();
        let layout = layout(&text, 600.0);
        for word in [
            "تميم",
            "بوتين",
            "الدوحة",
            "الأميركي",
            "2017",
            "VLADIMIR",
            "Getty",
            "العديد",
            "كيلومتراً",
            "للإرهاب",
            "بُعد",
        ] {
            let range = char_range(&text, word);
            let rects = layout.range_rects(range.clone());
            assert_eq!(rects.len(), 1, "{word}: {rects:?}");
            let rect = rects[0];
            let y = rect.center().y;
            let mut ends = [
                layout.hit(rect.left() + 0.5, y),
                layout.hit(rect.right() - 0.5, y),
            ];
            ends.sort_unstable();
            assert_eq!(ends[0]..ends[1], range, "{word}");
            let inside = layout
                .char_at(rect.center().x, y)
                .unwrap_or_else(|| panic!("{word}: nothing under the middle of {rect:?}"));
            assert!(range.contains(&inside), "{word}: {inside}");
        }
    }

    #[test]
    fn arabic_lines_run_right_to_left_and_are_right_aligned() {
        let text = crate::model::text::normalize_newlines(SEED_2017).into_owned();
        let layout = layout(&text, 600.0);
        let first = &layout.lines[0];
        assert!(first.rtl);
        let rects = layout.range_rects(char_range(&text, "اتصال"));
        let later = layout.range_rects(char_range(&text, "بين"));
        assert!(
            rects[0].left() > later[0].right(),
            "the first word is to the right of the second"
        );
        assert!(rects[0].right() > 590.0, "right-aligned: {:?}", rects[0]);
    }

    /// A drag from the visual right edge of an Arabic line to its left edge
    /// selects the line, in logical order.
    #[test]
    fn dragging_across_an_arabic_line_selects_the_line() {
        let text = crate::model::text::normalize_newlines(SEED_2017).into_owned();
        let layout = layout(&text, 500.0);
        let line = layout
            .lines
            .iter()
            .find(|l| l.rtl && l.chars.len() > 40)
            .unwrap();
        let y = line.top + line.height / 2.0;
        let from = layout.hit(layout.width + 20.0, y);
        let to = layout.hit(-20.0, y);
        assert_eq!(from, line.chars.start);
        let selected = slice_chars(&text, from.min(to)..from.max(to)).unwrap();
        let line_text = slice_chars(&text, line.chars.clone()).unwrap();
        assert_eq!(selected.trim(), line_text.trim());
    }

    /// `قطر 2020 (شينخوا) Qatar US` as a browser shows it: Arabic first on the
    /// right, the number next, the Latin words leftmost and in their own order.
    #[test]
    fn a_mixed_line_keeps_logical_order() {
        let text = "قطر 2020 (شينخوا) Qatar US";
        let layout = layout(text, 800.0);
        assert_eq!(layout.lines.len(), 1);
        let x = |needle: &str| {
            let rects = layout.range_rects(char_range(text, needle));
            assert_eq!(rects.len(), 1, "{needle}");
            rects[0].center().x
        };
        assert!(x("قطر") > x("2020"));
        assert!(x("2020") > x("شينخوا"));
        assert!(x("شينخوا") > x("Qatar"));
        assert!(x("Qatar") < x("US"));
        // Digits read left to right inside the right-to-left line.
        assert!(
            x("20") < x("2020") + 1.0
                && layout.range_rects(4..6)[0].left() < layout.range_rects(6..8)[0].left()
        );
        // A selection across the direction change paints separate stretches.
        let rects = layout.range_rects(char_range(text, "(شينخوا) Qatar"));
        assert!(rects.len() >= 2, "{rects:?}");
    }

    /// The arrow of a relation is drawn (no missing-glyph box) and points
    /// from the source to the target, Arabic, English or mixed.
    #[test]
    fn a_relation_sentence_draws_every_character_and_points_at_its_target() {
        let glyph = |text: &str, at: usize| -> u16 {
            let laid = layout(text, 2000.0);
            laid.lines[0]
                .glyphs
                .iter()
                .find(|g| g.chars.start == at)
                .map(|g| g.raw.glyph_id)
                .unwrap()
        };
        let (right, left) = (glyph("a » b", 2), glyph("a « b", 2));
        assert_ne!(right, left);
        for (source, kind, target) in [
            ("الدواي", "يبحث مع", "غاريث"),
            ("Tamim", "phones", "Putin"),
            ("حمد بن مبارك الدواي", "meets", "مايكل غاريث"),
        ] {
            let text = crate::model::text::relation_sentence(source, kind, target);
            let laid = layout(&text, 2000.0);
            assert_eq!(laid.lines.len(), 1, "{text}");
            let chars: Vec<char> = text.chars().collect();
            for g in &laid.lines[0].glyphs {
                let c = chars[g.chars.start];
                if !matches!(c, '\u{2066}'..='\u{2069}') {
                    assert_ne!(g.raw.glyph_id, 0, "{c:?} has no glyph in {text}");
                }
            }
            let x = |needle: &str| laid.range_rects(char_range(&text, needle))[0].center().x;
            let towards = if x(target) > x(source) { right } else { left };
            for (i, c) in chars.iter().enumerate() {
                if *c == '»' {
                    let drawn = laid.lines[0]
                        .glyphs
                        .iter()
                        .find(|g| g.chars.start == i)
                        .map(|g| g.raw.glyph_id);
                    assert_eq!(drawn, Some(towards), "{text}: the arrow points at {target}");
                }
            }
        }
    }

    #[test]
    fn english_paragraphs_run_left_to_right() {
        let text = "Qatar and the United States discussed defence cooperation.";
        let layout = layout(text, 800.0);
        assert!(!layout.lines[0].rtl);
        let qatar = layout.range_rects(0..5)[0];
        assert!(qatar.left() < 1.0);
        assert_eq!(layout.hit(-5.0, qatar.center().y), 0);
    }

    #[test]
    fn every_offset_belongs_to_one_line_and_wrapping_follows_width() {
        let text = crate::model::text::normalize_newlines(SEED_2017).into_owned();
        let narrow = layout(&text, 300.0);
        let wide = layout(&text, 900.0);
        assert!(narrow.lines.len() > wide.lines.len());
        assert!(narrow.height > wide.height);
        for pair in narrow.lines.windows(2) {
            assert!(
                pair[0].chars.end <= pair[1].chars.start,
                "{:?} {:?}",
                pair[0].chars,
                pair[1].chars
            );
        }
    }

    #[test]
    fn double_click_word() {
        let text = "وأجرت الدوحة وواشنطن، في يونيو";
        let range = char_range(text, "الدوحة");
        assert_eq!(word_at(text, range.start + 2), range);
        assert_eq!(
            word_at(text, char_range(text, "وواشنطن").start),
            char_range(text, "وواشنطن")
        );
    }
}
