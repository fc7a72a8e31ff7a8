//! Articles out of the files analysts actually receive: saved web pages,
//! Word documents, PDFs, plain text and the clipboard — the text in reading
//! order and the metadata each kind of file carries.
//!
//! Nothing here touches a project: a file becomes an [`Extracted`] article
//! (no id yet) that the import preview shows and the edit path adds.

pub mod archive;
mod docx;
mod html;
pub mod limits;
pub(crate) mod nesting;
mod pdf;

use crate::model::{Article, ArticleId, Date, Project, text};
use crate::store::{self, Headline};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

/// The kinds of file read as articles, for file dialogs and folder walks.
pub const EXTENSIONS: [&str; 5] = ["txt", "html", "htm", "docx", "pdf"];

/// An article read from a file, before it is added; with what the reader
/// should know about how it was read (encoding, what was left out).
#[derive(Debug, Clone, PartialEq)]
pub struct Extracted {
    pub article: Article,
    /// Where it came from, as the user named it.
    pub source: String,
    pub notes: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    #[error("{}: cannot read the file: {error}", path.display())]
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error(transparent)]
    Text(#[from] store::ImportError),
    #[error("{}: {reason}", path.display())]
    Unreadable { path: PathBuf, reason: String },
    #[error(
        "{}: the PDF has no text layer ({pages} page(s) of images only: a scan?). Warraq does not read text from images (OCR); run the scan through an OCR program first, or import its text",
        path.display()
    )]
    NoTextLayer { path: PathBuf, pages: usize },
    #[error(
        "{}: the PDF is password-protected; open it with its password and save an unprotected copy",
        path.display()
    )]
    Encrypted { path: PathBuf },
    #[error("{}: no article text found in the file", path.display())]
    Empty { path: PathBuf },
    /// Longer than any article, or too large a file to read whole.
    #[error("{}: {reason}", path.display())]
    TooLong { path: PathBuf, reason: String },
    #[error(
        "{}: Warraq reads articles from .txt, .html/.htm (saved web pages), .docx and .pdf; not {what}",
        path.display()
    )]
    Unsupported { path: PathBuf, what: String },
}

/// What a file holds, by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Html,
    Docx,
    Pdf,
}

impl Kind {
    pub fn of(path: &Path) -> Option<Self> {
        let extension = path.extension()?.to_string_lossy().to_lowercase();
        match extension.as_str() {
            "txt" => Some(Self::Text),
            "html" | "htm" | "xhtml" => Some(Self::Html),
            "docx" => Some(Self::Docx),
            "pdf" => Some(Self::Pdf),
            _ => None,
        }
    }
}

/// Whether `path` is a file Warraq reads as one article.
pub fn is_article_file(path: &Path) -> bool {
    Kind::of(path).is_some()
}

/// Reads one file as an article.
pub fn read(path: &Path, headline: Headline) -> Result<Extracted, ExtractError> {
    let Some(kind) = Kind::of(path) else {
        return Err(ExtractError::Unsupported {
            path: path.to_owned(),
            what: path.extension().map_or_else(
                || "a file without an extension".to_owned(),
                |e| format!(".{}", e.to_string_lossy()),
            ),
        });
    };
    // Refused before it is read: no file larger than the limit is held in memory.
    if let Some(reason) = std::fs::metadata(path)
        .ok()
        .and_then(|m| limits::file_too_large(m.len()))
    {
        return Err(ExtractError::TooLong {
            path: path.to_owned(),
            reason,
        });
    }
    if kind == Kind::Text {
        let (article, note) = store::read_text_article(path, headline)?;
        if let Some(reason) = limits::article_too_long(article.body.len()) {
            return Err(ExtractError::TooLong {
                path: path.to_owned(),
                reason,
            });
        }
        return Ok(Extracted {
            article,
            source: path.display().to_string(),
            notes: note.into_iter().collect(),
        });
    }
    let bytes = std::fs::read(path).map_err(|error| ExtractError::Io {
        path: path.to_owned(),
        error,
    })?;
    from_bytes(kind, path, &bytes, headline)
}

/// Reads an article from a file's bytes (`path` names it in messages and
/// gives a title when the file has none).
pub fn from_bytes(
    kind: Kind,
    path: &Path,
    bytes: &[u8],
    headline: Headline,
) -> Result<Extracted, ExtractError> {
    let unreadable = |reason: String| ExtractError::Unreadable {
        path: path.to_owned(),
        reason,
    };
    let found = match kind {
        Kind::Text => {
            let text = String::from_utf8_lossy(bytes);
            let name = file_name(path);
            let parsed = store::parse_text_article(&name, &text, headline).ok_or_else(|| {
                ExtractError::Empty {
                    path: path.to_owned(),
                }
            })?;
            Found {
                title: parsed.title,
                paragraphs: vec![parsed.body],
                published: parsed.published,
                ..Found::default()
            }
        }
        Kind::Html => html::read(bytes).map_err(unreadable)?,
        Kind::Docx => docx::read(bytes).map_err(unreadable)?,
        Kind::Pdf => pdf::read(bytes).map_err(|e| match e {
            pdf::PdfError::NoText { pages } => ExtractError::NoTextLayer {
                path: path.to_owned(),
                pages,
            },
            pdf::PdfError::Encrypted => ExtractError::Encrypted {
                path: path.to_owned(),
            },
            pdf::PdfError::Broken(reason) => unreadable(reason),
        })?,
    };
    let length: usize = found.paragraphs.iter().map(String::len).sum();
    if let Some(reason) = limits::article_too_long(length) {
        return Err(ExtractError::TooLong {
            path: path.to_owned(),
            reason,
        });
    }
    found
        .into_article(path, headline)
        .ok_or_else(|| ExtractError::Empty {
            path: path.to_owned(),
        })
}

/// An article from pasted text: a short first line set off from the rest
/// is offered as its title (the user confirms it in the preview).
pub fn from_clipboard(text: &str) -> Option<Extracted> {
    let parsed = store::parse_text_article("", text, Headline::TitleOnly)?;
    let title = if parsed.title.is_empty() || parsed.body == text.trim() {
        String::new()
    } else {
        parsed.title
    };
    let body = clean_body(split_paragraphs(&parsed.body));
    if body.is_empty() {
        return None;
    }
    Some(Extracted {
        article: Article::new(ArticleId::new(String::new()), title, &body),
        source: "the clipboard".to_owned(),
        notes: Vec::new(),
    })
}

/// What a reader of one kind of file found, before it becomes an article.
#[derive(Debug, Default)]
struct Found {
    title: String,
    paragraphs: Vec<String>,
    outlet: String,
    url: String,
    published: Option<Date>,
    language: String,
    author: String,
    notes: Vec<String>,
}

impl Found {
    fn into_article(mut self, path: &Path, headline: Headline) -> Option<Extracted> {
        let title = one_line(&self.title);
        let heading_first = self
            .paragraphs
            .first()
            .is_some_and(|p| !title.is_empty() && one_line(p) == title);
        match headline {
            Headline::TitleOnly if heading_first => {
                self.paragraphs.remove(0);
            }
            Headline::AlsoInBody if !heading_first && !title.is_empty() => {
                self.paragraphs.insert(0, title.clone());
            }
            _ => {}
        }
        let body = clean_body(self.paragraphs.into_iter());
        if body.is_empty() {
            return None;
        }
        let title = if title.is_empty() {
            title_from_file_name(path)
        } else {
            title
        };
        let mut article = Article::new(ArticleId::new(String::new()), title, &body);
        article.outlet = one_line(&self.outlet);
        self.url.trim().clone_into(&mut article.url);
        article.published = self.published;
        if let Some(language) = primary_language(&self.language) {
            article.language = language;
        }
        let author = one_line(&self.author);
        if !author.is_empty() {
            article.notes = format!("By {author}");
        }
        Some(Extracted {
            article,
            source: path.display().to_string(),
            notes: self.notes,
        })
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn title_from_file_name(path: &Path) -> String {
    path.file_stem()
        .map(|n| {
            n.to_string_lossy()
                .split(['-', '_'])
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default()
}

/// `ar` of `ar-SA`, lower-cased; none for an empty or odd tag.
fn primary_language(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    (primary.len() >= 2 && primary.len() <= 3 && primary.bytes().all(|b| b.is_ascii_alphabetic()))
        .then_some(primary)
}

/// Characters that only steer display order. Left in a body they would
/// break search and make offsets count invisible characters.
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// Arabic presentation forms (the shaped glyphs PDFs and old software
/// store), which search and highlights must see as plain letters.
pub fn is_presentation_form(c: char) -> bool {
    matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// Maps presentation forms back to letters (NFKC on those characters only:
/// the rest of the text keeps its own forms, such as Arabic-Indic digits).
pub fn unshape(text: &str) -> String {
    if !text.chars().any(is_presentation_form) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c == '\u{FEFF}' {
            continue;
        }
        if is_presentation_form(c) {
            out.extend(std::iter::once(c).nfkc());
        } else {
            out.push(c);
        }
    }
    out
}

/// A line of text: whitespace runs become one space, bidi controls go.
fn one_line(text: &str) -> String {
    let cleaned: String = text.chars().filter(|c| !is_bidi_control(*c)).collect();
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn split_paragraphs(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split("\n\n").map(str::to_owned)
}

/// The body from paragraphs: NFC, presentation forms unshaped, bidi controls
/// and empty paragraphs dropped, spaces inside lines collapsed, one blank
/// line between paragraphs, LF only.
pub fn clean_body(paragraphs: impl Iterator<Item = String>) -> String {
    let mut body = String::new();
    for paragraph in paragraphs {
        let paragraph = text::normalize_newlines(&paragraph).into_owned();
        let paragraph: String = unshape(&paragraph)
            .chars()
            // Controls (a NUL for a glyph a PDF font does not map) are never text.
            .filter(|c| {
                !is_bidi_control(*c)
                    && *c != '\u{FEFF}'
                    && !(c.is_control() && *c != '\n' && *c != '\t')
            })
            .nfc()
            .collect();
        let lines: Vec<String> = paragraph
            .split('\n')
            .map(|line| {
                line.split(|c: char| c.is_whitespace())
                    .filter(|w| !w.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .filter(|l| !l.is_empty())
            .collect();
        if lines.is_empty() {
            continue;
        }
        if !body.is_empty() {
            body.push_str("\n\n");
        }
        body.push_str(&lines.join("\n"));
    }
    body
}

/// Dates as pages and documents write them: `2015-07-23`, with a time and
/// zone after it or not, also as `2015/07/23` or `2015.07.23`, in Western,
/// Arabic-Indic or Persian digits.
fn date_prefix(text: &str) -> Option<Date> {
    let text: String = text
        .trim()
        .chars()
        .take(10)
        .map(|c| match c {
            '/' | '.' => '-',
            c => crate::model::arabic::western_digit(c).unwrap_or(c),
        })
        .collect();
    text.get(..10)
        .and_then(|d| d.parse::<Date>().ok())
        .or_else(|| text.get(..7).and_then(|d| d.parse::<Date>().ok()))
}

/// Every file `paths` names, folders walked (sorted, hidden entries
/// skipped), keeping only files read as articles when walking.
pub fn expand(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut out);
        } else {
            out.push(path.clone());
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        out.push(dir.to_owned());
        return;
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            walk(&path, out);
        } else if is_article_file(&path) {
            out.push(path);
        }
    }
}

/// Whether an article with this body is already in the project or earlier
/// in the batch: the title it would duplicate.
#[derive(Debug, Default)]
pub struct Duplicates {
    known: HashMap<String, String>,
}

impl Duplicates {
    pub fn of(project: &Project) -> Self {
        Self {
            known: project
                .articles
                .iter()
                .map(|a| (a.body_hash.clone(), a.title.clone()))
                .collect(),
        }
    }

    /// The title of the article `article` repeats, or none (and it is
    /// remembered, so a second copy in the same batch is caught too).
    pub fn check(&mut self, article: &Article) -> Option<String> {
        if let Some(title) = self.known.get(&article.body_hash) {
            Some(title.clone())
        } else {
            self.known
                .insert(article.body_hash.clone(), article.title.clone());
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_is_nfc_without_bidi_controls_or_presentation_forms() {
        // "لا" as one presentation-form ligature, a decomposed hamza, an RLM.
        let body = clean_body(
            [
                "\u{FEFB}  بد\u{200F} منه".to_owned(),
                "   ".to_owned(),
                "\u{0627}\u{0654}مل".to_owned(),
            ]
            .into_iter(),
        );
        assert_eq!(body, "لا بد منه\n\n\u{0623}مل");
    }

    #[test]
    fn language_tags_keep_their_primary_subtag() {
        assert_eq!(primary_language("ar-SA").as_deref(), Some("ar"));
        assert_eq!(primary_language("EN").as_deref(), Some("en"));
        assert_eq!(primary_language(""), None);
    }

    #[test]
    fn pasted_text_offers_its_headline_as_title() {
        let pasted = "عنوان الخبر\n\nالفقرة الأولى من الخبر.\nسطر ثان.";
        let extracted = from_clipboard(pasted).unwrap();
        assert_eq!(extracted.article.title, "عنوان الخبر");
        assert_eq!(extracted.article.body, "الفقرة الأولى من الخبر.\nسطر ثان.");
        let one_paragraph = from_clipboard("قال الوزير إن الاتفاق قريب.").unwrap();
        assert_eq!(one_paragraph.article.title, "");
        assert!(from_clipboard(" \n ").is_none());
    }

    #[test]
    fn a_second_copy_in_one_batch_is_a_duplicate() {
        let mut duplicates = Duplicates::of(&Project::default());
        let a = Article::new(ArticleId::new("a"), "one", "نص");
        assert_eq!(duplicates.check(&a), None);
        assert_eq!(duplicates.check(&a).as_deref(), Some("one"));
    }
}
