//! PDFs with a text layer, read in reading order.
//!
//! A PDF keeps glyphs where they are drawn, in visual order (left to right
//! on the page), often as Arabic presentation forms. `pdf-extract` gives
//! each glyph's text and position; here they become lines (by baseline),
//! each line goes back from visual to logical order with the Unicode bidi
//! algorithm, presentation forms become letters, lines join into
//! paragraphs (by spacing, size and the short last line), and running
//! headers, footers and page numbers are left out.

mod columns;
mod paragraphs;
mod reorder;

use columns::{Gutter, blocks};
use paragraphs::{drop_running_lines, paragraphs};
use reorder::visual_line;

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

fn baseline(run: &[Glyph]) -> f64 {
    run.iter().find(|g| !g.is_mark()).unwrap_or(&run[0]).y
}

fn run_size(run: &[Glyph]) -> f64 {
    run.iter().map(|g| g.size).fold(0.0, f64::max)
}

fn left(run: &[Glyph]) -> f64 {
    run.iter().map(|g| g.x).fold(f64::INFINITY, f64::min)
}

#[cfg(test)]
mod tests {
    use super::paragraphs::{is_page_number, join_line};
    use super::reorder::logical;

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
