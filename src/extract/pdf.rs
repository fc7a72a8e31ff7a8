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
/// its own, else PDFDocEncoding (taken as Latin-1, which it is for letters).
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
    let mut page_lines: Vec<(f64, Vec<Line>)> = pages
        .into_iter()
        .map(|p| (p.height, lines_of(p.glyphs, infer_spaces)))
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
fn lines_of(glyphs: Vec<Glyph>, infer_spaces: bool) -> Vec<Line> {
    // Runs of glyphs drawn one after another on one baseline, in the
    // order they were drawn: that order keeps each mark beside its letter,
    // which sorting by position would not.
    let mut runs: Vec<Vec<Glyph>> = Vec::new();
    for glyph in glyphs {
        let same = runs
            .last()
            .and_then(|r| r.iter().find(|g| !g.is_mark()))
            .is_some_and(|first| (first.y - glyph.y).abs() < first.size.max(glyph.size) * 0.5);
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
    // Runs on one baseline make one line, placed left to right.
    let mut rows: Vec<Vec<Vec<Glyph>>> = Vec::new();
    runs.sort_by(|a, b| baseline(b).total_cmp(&baseline(a)));
    for run in runs {
        let size = run_size(&run);
        match rows.last_mut() {
            Some(row) if (baseline(&row[0]) - baseline(&run)).abs() < size * 0.5 => row.push(run),
            _ => rows.push(vec![run]),
        }
    }
    rows.into_iter()
        .filter_map(|mut row| {
            row.sort_by(|a, b| left(a).total_cmp(&left(b)));
            visual_line(&row, infer_spaces)
        })
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
                let starts_run = index > 0 && std::ptr::eq(glyph, &run[0]);
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
        (pa == pb && (a.size - b.size).abs() < body_size * 0.1).then_some(a.baseline - b.baseline)
    }));
    let (column_left, column_right) = {
        let lefts = median(lines.iter().map(|(_, l)| l.left));
        let rights = median(lines.iter().map(|(_, l)| l.right));
        (lefts, rights)
    };
    let width = (column_right - column_left).max(1.0);
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    for (i, (page, line)) in lines.iter().enumerate() {
        let breaks = match i.checked_sub(1).map(|p| &lines[p]) {
            None => true,
            Some((previous_page, previous)) => {
                let short = if previous.rtl {
                    previous.left > column_left + width * 0.15
                } else {
                    previous.right < column_right - width * 0.15
                };
                let ends_sentence = previous
                    .text
                    .trim_end()
                    .ends_with(['.', '!', '?', '؟', ':', '»', '"', '”', '…']);
                let resized = (previous.size - line.size).abs() > body_size * 0.15;
                let gap = if previous_page == page {
                    previous.baseline - line.baseline
                } else {
                    spacing
                };
                // Larger type (a heading) is set with wider line spacing.
                let scale = (line.size / body_size.max(0.1)).max(1.0);
                resized
                    || gap > spacing * 1.35 * scale
                    || gap < 0.0
                    || (short && ends_sentence)
                    || (short && previous_page != page)
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
