//! Importing plain-text articles (UTF-8 `.txt`, one article a file).

use crate::model::{Article, ArticleId, Date, text};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{}: cannot read the file: {error}", path.display())]
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("{}:{line}:{column}: the file is not UTF-8 text; save it as UTF-8 and import it again", path.display())]
    NotUtf8 {
        path: PathBuf,
        line: usize,
        column: usize,
    },
    #[error("{}: the file has no text to import", path.display())]
    Empty { path: PathBuf },
    #[error(
        "{}: the text holds NUL characters (byte {offset}), so it is not UTF-8 text — probably UTF-16 without a byte-order mark; save it as UTF-8 and import it again",
        path.display()
    )]
    Nul { path: PathBuf, offset: usize },
}

/// A file's text: UTF-8 (with or without a byte-order mark), or UTF-16 with
/// one (what Windows Notepad writes), which is read and said so.
fn decode(path: &Path, bytes: &[u8]) -> Result<(String, Option<String>), ImportError> {
    let utf16 = |bytes: &[u8], unit: fn([u8; 2]) -> u16, name: &str| {
        let units: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|pair| unit([pair[0], pair[1]]))
            .collect();
        let text: String = char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect();
        (
            text,
            Some(format!("read as {name} (it had a byte-order mark)")),
        )
    };
    let (text, note) = match bytes {
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes, "UTF-16LE"),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes, "UTF-16BE"),
        _ => {
            let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            if let Some(offset) = bytes.iter().position(|&b| b == 0) {
                return Err(ImportError::Nul {
                    path: path.to_owned(),
                    offset,
                });
            }
            let text = String::from_utf8(bytes.to_vec()).map_err(|e| {
                let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
                let text = String::from_utf8_lossy(valid);
                ImportError::NotUtf8 {
                    path: path.to_owned(),
                    line: text.matches('\n').count() + 1,
                    column: text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1,
                }
            })?;
            (text, None)
        }
    };
    if let Some(offset) = text.find('\0') {
        return Err(ImportError::Nul {
            path: path.to_owned(),
            offset,
        });
    }
    Ok((text, note))
}

/// What becomes of a text file's headline.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Headline {
    /// The headline is the article's title only.
    #[default]
    TitleOnly,
    /// The headline is the title and stays the first line of the body, so
    /// it can be coded like any sentence.
    AlsoInBody,
}

/// An article as read from a text file, before it gets an id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextArticle {
    pub title: String,
    pub body: String,
    pub published: Option<Date>,
}

/// A first line that is short, not a finished sentence, and set off by a blank
/// line reads as a headline; anything else is the start of the body.
fn looks_like_title(line: &str, next: Option<&str>) -> bool {
    let line = line.trim();
    let ends_sentence = line.ends_with('.') && !line.ends_with("..");
    !line.is_empty()
        && line.chars().count() <= 200
        && !ends_sentence
        && next.is_none_or(|n| n.trim().is_empty())
}

/// A title from a file name such as `2020-07-26-qatar-us-milley.txt`, and its date.
fn from_file_name(file_name: &str) -> (String, Option<Date>) {
    let stem = file_name.strip_suffix(".txt").unwrap_or(file_name);
    let (date, rest) = match (
        stem.get(..10).and_then(|d| d.parse::<Date>().ok()),
        stem.get(10..),
    ) {
        (Some(date), Some(rest)) if date.day.is_some() => (Some(date), rest),
        _ => (None, stem),
    };
    let title = rest
        .split(['-', '_', ' '])
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    (
        if title.is_empty() {
            stem.to_owned()
        } else {
            title
        },
        date,
    )
}

/// Splits a text file into title and body. Newlines become LF, surrounding
/// blank lines are dropped, and the date is taken from the file name when it starts with one.
pub fn parse_text_article(
    file_name: &str,
    content: &str,
    headline: Headline,
) -> Option<TextArticle> {
    let content = content.strip_prefix('\u{feff}').unwrap_or(content);
    let content = text::normalize_newlines(content);
    let content = content.trim_matches(|c: char| c == '\n' || c.is_whitespace());
    if content.is_empty() {
        return None;
    }
    let (name_title, published) = from_file_name(file_name);
    let mut lines = content.splitn(3, '\n');
    let first = lines.next().unwrap_or_default();
    let second = lines.next();
    let rest = content[first.len()..].trim_start_matches(['\n', ' ', '\t']);
    // A one-line file is all body: there is nothing for a headline to head.
    let (title, body) = if looks_like_title(first, second) && !rest.is_empty() {
        let body = match headline {
            Headline::TitleOnly => rest,
            Headline::AlsoInBody => content,
        };
        (first.trim().to_owned(), body.to_owned())
    } else {
        (name_title, content.to_owned())
    };
    Some(TextArticle {
        title,
        body,
        published,
    })
}

/// Reads a `.txt` file as an article (its id is left for the project to
/// give), with a note when it was read other than as UTF-8.
pub fn read_text_article(
    path: &Path,
    headline: Headline,
) -> Result<(Article, Option<String>), ImportError> {
    let bytes = std::fs::read(path).map_err(|error| ImportError::Io {
        path: path.to_owned(),
        error,
    })?;
    let (content, note) = decode(path, &bytes)?;
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let parsed =
        parse_text_article(&file_name, &content, headline).ok_or_else(|| ImportError::Empty {
            path: path.to_owned(),
        })?;
    let mut article = Article::new(ArticleId::new(String::new()), parsed.title, &parsed.body);
    article.published = parsed.published;
    Ok((article, note))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_followed_by_blank_line_is_the_title() {
        let parsed = parse_text_article(
            "2017-11-20-tamim-putin-call.txt",
            "عنوان الخبر\r\n\r\nالنص الأول.\r\nالنص الثاني.\r\n",
            Headline::TitleOnly,
        )
        .unwrap();
        assert_eq!(parsed.title, "عنوان الخبر");
        assert_eq!(parsed.body, "النص الأول.\nالنص الثاني.");
        assert_eq!(parsed.published, Some(Date::ymd(2017, 11, 20)));
    }

    #[test]
    fn a_headline_kept_in_the_body_can_be_coded() {
        let parsed =
            parse_text_article("x.txt", "عنوان الخبر\n\nالنص الأول.", Headline::AlsoInBody).unwrap();
        assert_eq!(parsed.title, "عنوان الخبر");
        assert_eq!(parsed.body, "عنوان الخبر\n\nالنص الأول.");
    }

    #[test]
    fn a_long_first_sentence_is_body_and_the_file_name_titles_it() {
        let first = "الدوحة 26 يوليو 2020 (شينخوا) بحثت قطر والولايات المتحدة الأمريكية اليوم (الأحد)، التعاون العسكري والأمني بين البلدين.";
        let parsed = parse_text_article(
            "2020-07-26-qatar-us-milley.txt",
            &format!("{first}\nسطر ثان."),
            Headline::AlsoInBody,
        )
        .unwrap();
        assert_eq!(parsed.title, "qatar us milley");
        assert!(parsed.body.starts_with(first));
    }

    #[test]
    fn empty_text_is_refused() {
        assert_eq!(
            parse_text_article("x.txt", " \n\r\n\t", Headline::TitleOnly),
            None
        );
        assert_eq!(
            parse_text_article("x.txt", "\u{feff}\n", Headline::AlsoInBody),
            None
        );
    }
}
