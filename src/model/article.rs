//! A news article: its metadata and the body that highlights point into.

use super::{ArticleId, Body, Date, Stamp, text};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Article {
    pub id: ArticleId,
    pub title: String,
    /// The outlet or news agency, as the text names it.
    #[serde(default)]
    pub outlet: String,
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub published: Option<Date>,
    /// BCP 47 language tag, e.g. `ar` or `en`.
    #[serde(default)]
    pub language: String,
    /// Hash of `body`; a body rewritten by an editor or by git (CRLF) no longer
    /// matches it, which is caught on load instead of shifting every offset.
    pub body_hash: String,
    #[serde(default)]
    pub notes: String,
    /// Who wrote it (DNA's author).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub author: String,
    /// The outlet's section, e.g. politics or opinion.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub section: String,
    /// The kind of text, e.g. report, interview, editorial (DNA's type).
    #[serde(default, rename = "type", skip_serializing_if = "String::is_empty")]
    pub genre: String,
    /// The analyst's own article variables (name → value), e.g. the outlet's
    /// country or leaning: filters and attributes for networks and exports.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub variables: std::collections::BTreeMap<String, String>,
    /// Who made or last changed it, and when (absent in files from before attribution).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changed: Option<Stamp>,
    /// LF line endings only; highlight spans count code points of this text.
    pub body: Body,
}

impl Article {
    /// An article whose body is normalised to LF and hashed.
    pub fn new(id: ArticleId, title: impl Into<String>, body: &str) -> Self {
        let body: Body = text::normalize_newlines(body).into_owned().into();
        Self {
            id,
            title: title.into(),
            outlet: String::new(),
            url: String::new(),
            published: None,
            language: guess_language(&body).to_owned(),
            body_hash: text::body_hash(&body),
            notes: String::new(),
            author: String::new(),
            section: String::new(),
            genre: String::new(),
            variables: std::collections::BTreeMap::new(),
            changed: None,
            body,
        }
    }

    /// Replaces the body, keeping the hash in step.
    pub fn set_body(&mut self, body: &str) {
        self.body = text::normalize_newlines(body).into_owned().into();
        self.body_hash = text::body_hash(&self.body);
    }

    pub fn char_len(&self) -> usize {
        self.body.chars().count()
    }
}

/// `ar` when Arabic letters outnumber Latin ones, otherwise `en`. Analysts
/// can correct it; it only picks the default direction of the reader.
pub fn guess_language(text: &str) -> &'static str {
    let (mut arabic, mut latin) = (0usize, 0usize);
    for c in text.chars().take(20_000) {
        match c {
            '\u{0600}'..='\u{06FF}'
            | '\u{0750}'..='\u{077F}'
            | '\u{08A0}'..='\u{08FF}'
            | '\u{FB50}'..='\u{FDFF}'
            | '\u{FE70}'..='\u{FEFF}' => arabic += 1,
            c if c.is_ascii_alphabetic() => latin += 1,
            _ => {}
        }
    }
    if arabic > latin { "ar" } else { "en" }
}
