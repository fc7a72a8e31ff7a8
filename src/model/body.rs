//! An article's text, shared by every copy of the project that holds it.
//!
//! The project is copied whole in a few places: the base of a merge kept since
//! the last save, the snapshot a save writes, the light copy suggestions read
//! on their own thread. Bodies are most of a corpus's bytes (220 MB at 20,000
//! articles) and almost never change, so a copy shares them and a body is
//! copied only when it is written while another copy holds it.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync::Arc;

#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Body(Arc<String>);

impl Body {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `self` and `other` are one body in memory, not only equal.
    pub fn is_shared_with(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Deref for Body {
    type Target = String;
    fn deref(&self) -> &String {
        &self.0
    }
}

impl DerefMut for Body {
    fn deref_mut(&mut self) -> &mut String {
        Arc::make_mut(&mut self.0)
    }
}

impl From<String> for Body {
    fn from(text: String) -> Self {
        Self(Arc::new(text))
    }
}

impl From<&str> for Body {
    fn from(text: &str) -> Self {
        Self(Arc::new(text.to_owned()))
    }
}

impl From<Body> for String {
    fn from(body: Body) -> Self {
        Arc::unwrap_or_clone(body.0)
    }
}

impl AsRef<str> for Body {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for Body {
    fn eq(&self, other: &str) -> bool {
        self.0.as_str() == other
    }
}

impl PartialEq<&str> for Body {
    fn eq(&self, other: &&str) -> bool {
        self.0.as_str() == *other
    }
}

impl PartialEq<String> for Body {
    fn eq(&self, other: &String) -> bool {
        *self.0 == *other
    }
}

/// As the text itself, so that a project's debug output reads as before.
impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0.as_str(), f)
    }
}

impl fmt::Display for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Body {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
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
}
