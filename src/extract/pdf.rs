//! PDFs with a text layer, read in reading order.
//!
//! A PDF keeps glyphs where they are drawn, in visual order (left to right
//! on the page), often as Arabic presentation forms. `pdf-extract` gives
//! each glyph's text and position; here they become lines (by baseline),
//! each line goes back from visual to logical order with the Unicode bidi
//! algorithm, presentation forms become letters, lines join into
//! paragraphs (by spacing, size and the short last line), and running
//! headers, footers and page numbers are left out.

use super::Found;
use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};
use unicode_bidi::{BidiInfo, Level};

#[derive(Debug)]
pub(super) enum PdfError {
    NoText { pages: usize },
    Encrypted,
    Broken(String),
}

pub(super) fn read(bytes: &[u8]) -> Result<Found, PdfError> {
    // The PDF crates panic on some damaged files (fonts, cross-references);
    // a bad file must be refused, never take the window down.
    std::panic::catch_unwind(|| read_unguarded(bytes)).unwrap_or_else(|_| {
        Err(PdfError::Broken(
            "the PDF cannot be read (its structure, fonts or content are damaged)".to_owned(),
        ))
    })
}

fn read_unguarded(bytes: &[u8]) -> Result<Found, PdfError> {
    let mut document = pdf_extract::Document::load_mem(bytes)
        .map_err(|e| PdfError::Broken(format!("not a readable PDF: {e}")))?;
    if document.is_encrypted() && document.decrypt("").is_err() {
        return Err(PdfError::Encrypted);
    }
    let info = Info::of(&document);
    let mut glyphs = Collector::default();
    pdf_extract::output_doc(&document, &mut glyphs)
        .map_err(|e| PdfError::Broken(format!("the PDF cannot be read: {e}")))?;
    let pages = glyphs.finish();
    let page_count = pages.len();
    if pages
        .iter()
        .all(|p| p.glyphs.iter().all(|g| g.text.trim().is_empty()))
    {
        return Err(PdfError::NoText { pages: page_count });
    }
    Ok(layout(pages, info))
}

/// Title and author from the document information dictionary.
#[derive(Debug, Default)]
struct Info {
    title: String,
    author: String,
}

impl Info {
    fn of(document: &pdf_extract::Document) -> Self {
        let dictionary = document
            .trailer
            .get(b"Info")
            .ok()
            .and_then(|o| match o {
                pdf_extract::Object::Reference(id) => document.get_object(*id).ok(),
                other => Some(other),
            })
            .and_then(|o| o.as_dict().ok());
        let field = |name: &[u8]| {
            dictionary
                .and_then(|d| d.get(name).ok())
                .and_then(|o| o.as_str().ok())
                .map(text_string)
                .unwrap_or_default()
        };
        Self {
            title: field(b"Title"),
            author: field(b"Author"),
        }
    }
}

/// A PDF text string: UTF-16BE behind its byte-order mark, UTF-8 behind
/// its own, else `PDFDocEncoding` (taken as Latin-1, which it is for letters).
fn text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|p| u16::from_be_bytes([p[0], p[1]]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// One glyph as drawn: where its origin is, how far it advances, its size
/// and the text it stands for.
#[derive(Debug, Clone)]
struct Glyph {
    x: f64,
    y: f64,
    advance: f64,
    size: f64,
    text: String,
}

impl Glyph {
    fn is_mark(&self) -> bool {
        !self.text.is_empty() && self.text.chars().all(is_mark)
    }
    fn is_space(&self) -> bool {
        self.text.chars().all(char::is_whitespace)
    }
}

fn is_mark(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' | '\u{0300}'..='\u{036F}' | '\u{08D3}'..='\u{08FF}' | '\u{FE70}' | '\u{FE72}' | '\u{FE74}' | '\u{FE76}' | '\u{FE78}' | '\u{FE7A}' | '\u{FE7C}' | '\u{FE7E}')
}

#[derive(Debug, Default)]
struct Page {
    height: f64,
    glyphs: Vec<Glyph>,
}

#[derive(Debug, Default)]
struct Collector {
    pages: Vec<Page>,
}

impl Collector {
    fn finish(self) -> Vec<Page> {
        self.pages
    }
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.pages.push(Page {
            height: (media_box.ury - media_box.lly).abs(),
            glyphs: Vec::new(),
        });
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        // The text matrix scales the font size; widths are in font units of 1.
        let scale_x = trm.m11.hypot(trm.m12) * font_size;
        let size = trm.m21.hypot(trm.m22) * font_size;
        if let Some(page) = self.pages.last_mut()
            && size.is_finite()
            && size > 0.0
            && !text.is_empty()
        {
            page.glyphs.push(Glyph {
                x: trm.m31,
                y: trm.m32,
                advance: width * scale_x,
                size,
                text: text.to_owned(),
            });
        }
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// A line of text on a page, in logical order, with where it lies.
#[derive(Debug, Clone)]
struct Line {
    text: String,
    baseline: f64,
    left: f64,
    right: f64,
    size: f64,
    rtl: bool,
    /// Which block of its page (a column, what spans the page above or below).
    block: usize,
}

fn layout(pages: Vec<Page>, info: Info) -> Found {
    let infer_spaces = {
        let (all, spaces) = pages
            .iter()
            .flat_map(|p| &p.glyphs)
            .fold((0, 0), |(a, s), g| (a + 1, s + usize::from(g.is_space())));
        // Producers either draw spaces or leave gaps; gaps are read only
        // when there are (almost) no drawn spaces, since widths are not
        // always right.
        spaces * 50 < all
    };
    let pages: Vec<(f64, Vec<Vec<Glyph>>)> = pages
        .into_iter()
        .map(|p| (p.height, runs_of(p.glyphs)))
        .collect();
    // A gutter found on one page holds for the pages whose columns are too
    // short to show it (the last page of a two-column text).
    let found: Vec<Option<Gutter>> = pages
        .iter()
        .map(|(height, runs)| Gutter::find(runs, *height))
        .collect();
    let usual = found.iter().flatten().next().copied();
    let mut page_lines: Vec<(f64, Vec<Line>)> = pages
        .into_iter()
        .zip(found)
        .map(|((height, runs), gutter)| {
            let gutter = gutter.or_else(|| usual.filter(|g| g.fits(&runs, height)));
            (height, lines_of(runs, infer_spaces, height, gutter))
        })
        .collect();
    let body_size = median(
        page_lines
            .iter()
            .flat_map(|(_, l)| l.iter().map(|l| l.size)),
    );
    let mut notes = Vec::new();
    let removed = drop_running_lines(&mut page_lines, body_size);
    if removed > 0 {
        notes.push(format!(
            "{removed} running header, footer or page-number line(s) left out"
        ));
    }
    let lines: Vec<(usize, Line)> = page_lines
        .into_iter()
        .enumerate()
        .flat_map(|(page, (_, lines))| lines.into_iter().map(move |l| (page, l)))
        .collect();

    let headed = lines
        .first()
        .is_some_and(|(page, l)| *page == 0 && l.size > body_size * 1.15);
    let paragraphs = paragraphs(&lines, body_size);
    // A heading in larger type is the title, all its lines (a long one wraps).
    let heading = headed.then(|| paragraphs[0].clone());
    let title = match heading {
        Some(heading) => heading,
        None if !looks_generated(&info.title) => info.title.clone(),
        None => String::new(),
    };
    Found {
        title,
        paragraphs,
        author: info.author,
        notes,
        ..Found::default()
    }
}

/// Titles that PDF writers fill in by themselves.
fn looks_generated(title: &str) -> bool {
    let lower = title.trim().to_lowercase();
    lower.is_empty()
        || lower.starts_with("microsoft word")
        || lower.starts_with("untitled")
        || [".doc", ".docx", ".pdf", ".html", ".htm", ".odt"]
            .iter()
            .any(|e| lower.ends_with(e))
}

fn median(values: impl Iterator<Item = f64>) -> f64 {
    let mut values: Vec<f64> = values.filter(|v| v.is_finite()).collect();
    if values.is_empty() {
        return 0.0;
    }
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// The page's glyphs as lines, top to bottom.
/// Runs of glyphs drawn one after another on one baseline, in the order
/// they were drawn: that order keeps each mark beside its letter, which
/// sorting by position would not. Every run goes left to right.
fn runs_of(glyphs: Vec<Glyph>) -> Vec<Vec<Glyph>> {
    let mut runs: Vec<Vec<Glyph>> = Vec::new();
    for glyph in glyphs {
        let same = runs.last().is_some_and(|run| {
            let first = run.iter().find(|g| !g.is_mark()).unwrap_or(&run[0]);
            let last = run.iter().rev().find(|g| !g.is_mark()).unwrap_or(&run[0]);
            let size = first.size.max(glyph.size);
            let end = last.x + last.advance.max(0.0);
            // A jump across a column's gutter starts a new run even on one baseline.
            let near = glyph.is_mark() || (glyph.x - end).abs() < size * 3.0;
            (first.y - glyph.y).abs() < size * 0.5 && near
        });
        match runs.last_mut() {
            Some(run) if same => run.push(glyph),
            _ => runs.push(vec![glyph]),
        }
    }
    for run in &mut runs {
        // Drawn right to left (some writers draw Arabic in logical order):
        // turn it so every run is left to right like the page.
        let (first, last) = (run.first().map(|g| g.x), run.last().map(|g| g.x));
        if let (Some(first), Some(last)) = (first, last)
            && last < first - run[0].size
        {
            run.reverse();
        }
    }
    runs
}

/// The page's lines, block by block (see `blocks`), top to bottom in each.
fn lines_of(
    runs: Vec<Vec<Glyph>>,
    infer_spaces: bool,
    height: f64,
    gutter: Option<Gutter>,
) -> Vec<Line> {
    let mut lines = Vec::new();
    for (block, mut runs) in blocks(runs, height, gutter).into_iter().enumerate() {
        // Runs on one baseline make one line, placed left to right.
        let mut rows: Vec<Vec<Vec<Glyph>>> = Vec::new();
        runs.sort_by(|a, b| baseline(b).total_cmp(&baseline(a)));
        for run in runs {
            let size = run_size(&run);
            match rows.last_mut() {
                Some(row) if (baseline(&row[0]) - baseline(&run)).abs() < size * 0.5 => {
                    row.push(run);
                }
                _ => rows.push(vec![run]),
            }
        }
        lines.extend(rows.into_iter().filter_map(|mut row| {
            row.sort_by(|a, b| left(a).total_cmp(&left(b)));
            let mut line = visual_line(&row, infer_spaces)?;
            line.block = block;
            Some(line)
        }));
    }
    lines
}

/// Where a run lies across the page: left edge, right edge.
fn extent(run: &[Glyph]) -> (f64, f64) {
    let body = run.iter().filter(|g| !g.is_mark());
    let left = body.clone().map(|g| g.x).fold(f64::INFINITY, f64::min);
    let right = body
        .map(|g| g.x + g.advance.max(0.0))
        .fold(f64::NEG_INFINITY, f64::max);
    (left, right)
}

/// Running headers and footers: small print in the page's outer margins
/// (where the text itself may reach too, in its own size).
fn in_margin(run: &[Glyph], height: f64, body_size: f64) -> bool {
    let y = baseline(run);
    height > 0.0 && (y > height * 0.94 || y < height * 0.06) && run_size(run) < body_size * 0.8
}

/// Where the page's runs of text lie across it, running headers and footers left aside.
fn text_spans(runs: &[Vec<Glyph>], height: f64) -> Vec<(f64, f64)> {
    let body = median(runs.iter().map(|r| run_size(r)));
    runs.iter()
        .filter(|r| !in_margin(r, height, body))
        .map(|r| extent(r))
        .collect()
}

/// The empty stretch between two columns.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Gutter {
    left: f64,
    right: f64,
}

impl Gutter {
    /// The widest stretch, in the middle half of the text, that no narrow
    /// run (a column's line) covers, with at least three lines on each side.
    fn find(runs: &[Vec<Glyph>], height: f64) -> Option<Self> {
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
    fn fits(&self, runs: &[Vec<Glyph>], height: f64) -> bool {
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
    fn side(&self, (l, r): (f64, f64)) -> Option<bool> {
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
fn blocks(runs: Vec<Vec<Glyph>>, height: f64, gutter: Option<Gutter>) -> Vec<Vec<Vec<Glyph>>> {
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

fn baseline(run: &[Glyph]) -> f64 {
    run.iter().find(|g| !g.is_mark()).unwrap_or(&run[0]).y
}

fn run_size(run: &[Glyph]) -> f64 {
    run.iter().map(|g| g.size).fold(0.0, f64::max)
}

fn left(run: &[Glyph]) -> f64 {
    run.iter().map(|g| g.x).fold(f64::INFINITY, f64::min)
}

/// A row of runs (left to right) as one line in logical order.
fn visual_line(row: &[Vec<Glyph>], infer_spaces: bool) -> Option<Line> {
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
        text: super::unshape(&text),
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
fn logical(visual: &str) -> (String, bool) {
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
fn marks_after_letters(text: &str) -> String {
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
fn mirror(c: char) -> Option<char> {
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

/// Leaves out the lines that repeat at the top or bottom of pages
/// (running headers and footers, with their page numbers), page numbers
/// alone, and small print in the page's outer margin. Returns how many.
fn drop_running_lines(pages: &mut [(f64, Vec<Line>)], body_size: f64) -> usize {
    let key = |line: &Line| -> String {
        line.text
            .chars()
            .map(|c| if c.is_numeric() { '#' } else { c })
            .collect()
    };
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (_, lines) in pages.iter() {
        let edges = lines.iter().take(2).chain(lines.iter().rev().take(2));
        let mut seen = std::collections::HashSet::new();
        for line in edges {
            if seen.insert(key(line)) {
                *counts.entry(key(line)).or_default() += 1;
            }
        }
    }
    let many = pages.len() >= 2;
    let mut removed = 0;
    for (height, lines) in pages.iter_mut() {
        let height = *height;
        let count = lines.len();
        let mut index = 0;
        lines.retain(|line| {
            let at_edge = index < 2 || index + 2 >= count;
            index += 1;
            let repeated = many && at_edge && counts.get(&key(line)).copied().unwrap_or(0) >= 2;
            let in_margin = height > 0.0
                && (line.baseline > height * 0.94 || line.baseline < height * 0.06)
                && line.size < body_size * 0.8;
            let drop = (at_edge && is_page_number(&line.text)) || repeated || in_margin;
            removed += usize::from(drop);
            !drop
        });
    }
    removed
}

/// "3", "- 3 -", "3/12", "Page 3 of 12", "صفحة ٣ من ١٢".
fn is_page_number(text: &str) -> bool {
    let lower = text.to_lowercase();
    let rest: String = lower
        .replace("page", "")
        .replace("of", "")
        .replace("صفحة", "")
        .replace("الصفحة", "")
        .replace("من", "");
    rest.chars().any(char::is_numeric)
        && rest.chars().all(|c| {
            c.is_numeric() || c.is_whitespace() || matches!(c, '-' | '/' | '|' | '–' | '—' | '.')
        })
}

/// Lines joined into paragraphs: a new one after a wider gap than the
/// text's line spacing, a change of size (a heading), or a short line that
/// ends a sentence. A paragraph carries on over a page break.
fn paragraphs(lines: &[(usize, Line)], body_size: f64) -> Vec<String> {
    let spacing = median(lines.windows(2).filter_map(|w| {
        let ((pa, a), (pb, b)) = (&w[0], &w[1]);
        (pa == pb && a.block == b.block && (a.size - b.size).abs() < body_size * 0.1)
            .then_some(a.baseline - b.baseline)
    }));
    // Each column's edges, to tell a paragraph's short last line.
    let mut edges: std::collections::HashMap<(usize, usize), (f64, f64)> =
        std::collections::HashMap::new();
    for key in lines.iter().map(|(page, l)| (*page, l.block)) {
        edges.entry(key).or_insert_with(|| {
            let block = || lines.iter().filter(|(p, l)| (*p, l.block) == key);
            (
                median(block().map(|(_, l)| l.left)),
                median(block().map(|(_, l)| l.right)),
            )
        });
    }
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    for (i, (page, line)) in lines.iter().enumerate() {
        let breaks = match i.checked_sub(1).map(|p| &lines[p]) {
            None => true,
            Some((previous_page, previous)) => {
                let (left, right) = edges[&(*previous_page, previous.block)];
                let width = (right - left).max(1.0);
                let short = if previous.rtl {
                    previous.left > left + width * 0.15
                } else {
                    previous.right < right - width * 0.15
                };
                let ends_sentence = previous
                    .text
                    .trim_end()
                    .ends_with(['.', '!', '?', '؟', ':', '»', '"', '”', '…']);
                let resized = (previous.size - line.size).abs() > body_size * 0.15;
                // A new column or page: the text may run on, unless the last line was short.
                let moved = previous_page != page || previous.block != line.block;
                let gap = if moved {
                    spacing
                } else {
                    previous.baseline - line.baseline
                };
                // Larger type (a heading) is set with wider line spacing.
                let scale = (line.size / body_size.max(0.1)).max(1.0);
                resized
                    || gap > spacing * 1.35 * scale
                    || gap < 0.0
                    || (short && ends_sentence)
                    || (short && moved)
            }
        };
        if breaks && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
        join_line(&mut current, &line.text);
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Adds a line to a paragraph: a space between, or a word hyphenated
/// across the break made whole again.
fn join_line(paragraph: &mut String, line: &str) {
    if paragraph.is_empty() {
        paragraph.push_str(line);
        return;
    }
    let hyphenated = {
        let mut end = paragraph.chars().rev();
        matches!(end.next(), Some('-' | '\u{00AD}'))
            && end.next().is_some_and(char::is_alphabetic)
            && line.chars().next().is_some_and(char::is_lowercase)
    };
    if hyphenated {
        paragraph.pop();
    } else {
        paragraph.push(' ');
    }
    paragraph.push_str(line);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_visual_arabic_line_comes_back_in_logical_order() {
        // "في عام 2015" drawn right to left: digits stay left to right.
        let visual: String = "2015 ماع يف".to_owned();
        assert_eq!(logical(&visual).0, "في عام 2015");
        // A mark drawn before its letter (visual order) follows it again.
        assert_eq!(logical("اًضيأ").0, "أيضًا");
    }

    #[test]
    fn numbers_and_signs_resolve_as_they_did_when_written() {
        // As Chromium draws "إن نسبة 45.5% من القوات" and a phone number.
        assert_eq!(
            logical("تاوقلا نم %45.5 ةبسن نإ").0,
            "إن نسبة 45.5% من القوات"
        );
        assert_eq!(logical("Reuters ةلاكو تلقن").0, "نقلت وكالة Reuters");
        assert_eq!(logical("(زومت) ويلوي 23 يف").0, "في 23 يوليو (تموز)");
    }

    #[test]
    fn english_lines_are_left_as_they_are() {
        assert_eq!(
            logical("Defence Secretary (2015)").0,
            "Defence Secretary (2015)"
        );
    }

    #[test]
    fn page_numbers_are_recognised() {
        for text in ["3", "- 3 -", "3/12", "Page 3 of 12", "صفحة ٣ من ١٢"] {
            assert!(is_page_number(text), "{text}");
        }
        assert!(!is_page_number("2015 عام"));
    }

    #[test]
    fn hyphenated_words_are_joined() {
        let mut p = "the recon-".to_owned();
        join_line(&mut p, "struction began");
        assert_eq!(p, "the reconstruction began");
        let mut p = "Saudi-".to_owned();
        join_line(&mut p, "US talks");
        assert_eq!(p, "Saudi- US talks");
    }
}
