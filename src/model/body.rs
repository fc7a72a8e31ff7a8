//! An article's text, shared by every copy of the project that holds it, and
//! read from disk only when first looked at.
//!
//! The project is copied whole in a few places: the base of a merge kept since
//! the last save, the snapshot a save writes, the light copy suggestions read
//! on their own thread. Bodies are most of a corpus's bytes (220 MB at 20,000
//! articles) and almost never change, so a copy shares them and a body is
//! copied only when it is written while another copy holds it.
//!
//! Most bodies of a large project are never opened in a session, so one
//! that storage knows where to find again (`Body::stored`) is read on first
//! use: opening a project of 20,000 articles then holds their highlights and
//! metadata, not 220 MB of text.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::{Deref, DerefMut};
use std::sync::{Arc, OnceLock};

/// Reads a body back from where storage keeps it; the text it returns is
/// the one that was there when the project was read (storage checks it), or
/// an error that says why it cannot be had.
pub trait Fetch: Send + Sync + std::panic::RefUnwindSafe + std::panic::UnwindSafe {
    fn fetch(&self) -> Result<String, String>;
}

#[derive(Clone, Default)]
pub struct Body(Arc<Inner>);

#[derive(Clone, Default)]
struct Inner {
    text: OnceLock<String>,
    /// Where the text lies until it is first read (`None`: it was given whole).
    stored: Option<Stored>,
    /// Why a stored text could not be read back (it then reads as empty,
    /// which no longer matches the article's hash, so a save refuses it).
    unreadable: OnceLock<String>,
}

#[derive(Clone)]
struct Stored {
    len: usize,
    fetch: Arc<dyn Fetch>,
}

impl Body {
    /// A body of `len` bytes that `fetch` reads when it is first needed.
    pub fn stored(len: usize, fetch: Arc<dyn Fetch>) -> Self {
        Self(Arc::new(Inner {
            text: OnceLock::new(),
            stored: Some(Stored { len, fetch }),
            unreadable: OnceLock::new(),
        }))
    }

    pub fn as_str(&self) -> &str {
        self.text()
    }

    fn text(&self) -> &String {
        self.0.text.get_or_init(|| match &self.0.stored {
            Some(stored) => stored.fetch.fetch().unwrap_or_else(|why| {
                let _ = self.0.unreadable.set(why);
                String::new()
            }),
            None => String::new(),
        })
    }

    /// Its length in bytes, known without reading a stored body.
    pub fn len(&self) -> usize {
        match (self.0.text.get(), &self.0.stored) {
            (Some(text), _) => text.len(),
            (None, Some(stored)) => stored.len,
            (None, None) => 0,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether the text is in memory (a stored body not yet read is not).
    pub fn is_loaded(&self) -> bool {
        self.0.text.get().is_some()
    }

    /// Why a stored body could not be read back, once it was tried.
    pub fn unreadable(&self) -> Option<&str> {
        self.text();
        self.0.unreadable.get().map(String::as_str)
    }

    /// The text, without keeping a stored body in memory once read: for
    /// writing a whole project out (a recovery copy, a conversion), which
    /// would otherwise leave every body of a large project held.
    pub fn peek(&self) -> std::borrow::Cow<'_, str> {
        match (self.0.text.get(), &self.0.stored) {
            (None, Some(stored)) => match stored.fetch.fetch() {
                Ok(text) => std::borrow::Cow::Owned(text),
                Err(_) => std::borrow::Cow::Borrowed(self.as_str()),
            },
            _ => std::borrow::Cow::Borrowed(self.as_str()),
        }
    }

    /// Whether `self` and `other` are one body in memory, not only equal.
    pub fn is_shared_with(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Deref for Body {
    type Target = String;
    fn deref(&self) -> &String {
        self.text()
    }
}

impl DerefMut for Body {
    fn deref_mut(&mut self) -> &mut String {
        self.text();
        let inner = Arc::make_mut(&mut self.0);
        // Written, it is the analyst's text: nothing on disk stands for it.
        inner.stored = None;
        inner.unreadable = OnceLock::new();
        if inner.text.get().is_none() {
            let _ = inner.text.set(String::new());
        }
        inner
            .text
            .get_mut()
            .unwrap_or_else(|| unreachable!("set just above"))
    }
}

impl From<String> for Body {
    fn from(text: String) -> Self {
        Self(Arc::new(Inner {
            text: OnceLock::from(text),
            stored: None,
            unreadable: OnceLock::new(),
        }))
    }
}

impl From<&str> for Body {
    fn from(text: &str) -> Self {
        Self::from(text.to_owned())
    }
}

impl From<Body> for String {
    fn from(body: Body) -> Self {
        body.text();
        match Arc::try_unwrap(body.0) {
            Ok(inner) => inner.text.into_inner().unwrap_or_default(),
            Err(shared) => shared.text.get().cloned().unwrap_or_default(),
        }
    }
}

impl AsRef<str> for Body {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for Body {
    fn eq(&self, other: &Self) -> bool {
        // One body shared is equal without being read.
        self.is_shared_with(other) || (self.len() == other.len() && self.as_str() == other.as_str())
    }
}

impl Eq for Body {}

impl PartialOrd for Body {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Body {
    fn cmp(&self, other: &Self) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for Body {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialEq<str> for Body {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Body {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Body {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

/// As the text itself, so that a project's debug output reads as before.
impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Body {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.peek())
    }
}

impl<'de> Deserialize<'de> for Body {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_shares_the_text_until_one_side_writes() {
        let body = Body::from("نص الخبر");
        let mut copy = body.clone();
        assert!(copy.is_shared_with(&body));
        copy.push_str(" كاملا");
        assert!(!copy.is_shared_with(&body));
        assert_eq!(body, "نص الخبر");
        assert_eq!(copy, "نص الخبر كاملا");
    }

    #[test]
    fn editing_an_article_in_one_copy_of_a_project_copies_no_body() {
        use crate::model::{Article, ArticleId, Project};
        let mut project = Project::new("p");
        project.articles.push(Article::new(
            ArticleId::new("art-1"),
            "عنوان",
            &"نص طويل ".repeat(1000),
        ));
        let base = project.clone();
        // The list of articles is copied (it was shared with `base`), the body is not.
        project.articles[0].notes.push_str("ملاحظة");
        assert_ne!(project.articles[0], base.articles[0]);
        assert!(
            project.articles[0]
                .body
                .is_shared_with(&base.articles[0].body)
        );
    }

    #[test]
    fn written_and_read_as_a_plain_string() {
        let body = Body::from("سطر\nسطر \"ثان\"");
        let json = serde_json::to_string(&body).unwrap();
        assert_eq!(json, serde_json::to_string("سطر\nسطر \"ثان\"").unwrap());
        let back: Body = serde_json::from_str(&json).unwrap();
        assert_eq!(back, body);
        assert_eq!(format!("{body:?}"), format!("{:?}", "سطر\nسطر \"ثان\""));
    }

    struct Counted {
        text: &'static str,
        reads: std::sync::atomic::AtomicUsize,
    }

    impl Fetch for Counted {
        fn fetch(&self) -> Result<String, String> {
            self.reads
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            Ok(self.text.to_owned())
        }
    }

    struct Gone;

    impl Fetch for Gone {
        fn fetch(&self) -> Result<String, String> {
            Err("articles/3f/a.ron: changed on disk".to_owned())
        }
    }

    #[test]
    fn a_stored_body_is_read_once_when_first_looked_at_and_its_length_is_known_before() {
        let source = Arc::new(Counted {
            text: "نص الخبر",
            reads: std::sync::atomic::AtomicUsize::new(0),
        });
        let body = Body::stored("نص الخبر".len(), source.clone());
        let copy = body.clone();
        assert_eq!(body.len(), "نص الخبر".len());
        assert!(!body.is_loaded());
        assert_eq!(body, copy, "one body shared is equal unread");
        assert_eq!(source.reads.load(std::sync::atomic::Ordering::Relaxed), 0);
        assert_eq!(body.as_str(), "نص الخبر");
        assert_eq!(copy.as_str(), "نص الخبر");
        assert!(copy.is_loaded());
        assert_eq!(source.reads.load(std::sync::atomic::Ordering::Relaxed), 1);
        assert_eq!(body.unreadable(), None);

        let other = Body::stored("نص الخبر".len(), source.clone());
        assert_eq!(
            serde_json::to_string(&other).unwrap(),
            serde_json::to_string("نص الخبر").unwrap()
        );
        assert!(!other.is_loaded(), "written out, it is not kept");
        assert_eq!(source.reads.load(std::sync::atomic::Ordering::Relaxed), 2);
    }

    #[test]
    fn a_stored_body_written_is_read_first_and_leaves_the_other_copy_as_it_was() {
        let body = Body::stored(
            "نص".len(),
            Arc::new(Counted {
                text: "نص",
                reads: std::sync::atomic::AtomicUsize::new(0),
            }),
        );
        let mut copy = body.clone();
        copy.push_str(" آخر");
        assert_eq!(copy, "نص آخر");
        assert_eq!(body, "نص");
        assert_eq!(String::from(copy), "نص آخر");
    }

    #[test]
    fn a_stored_body_that_cannot_be_read_back_says_why_and_reads_as_empty() {
        let body = Body::stored(40, Arc::new(Gone));
        assert_eq!(body.len(), 40, "unread, the length is the stored one");
        assert_eq!(
            body.unreadable(),
            Some("articles/3f/a.ron: changed on disk")
        );
        assert_eq!(body.as_str(), "");
        assert_eq!(body.len(), 0);
    }
}
