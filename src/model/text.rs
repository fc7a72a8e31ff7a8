//! Article bodies are addressed in Unicode code points (as Python and the W3C
//! Web Annotation model count); these helpers convert between that and Rust's
//! byte offsets, and keep bodies in the one form their offsets were counted on.

use sha2::{Digest, Sha256};
use std::borrow::Cow;
use std::ops::Range;

/// Replaces CRLF and lone CR with LF. Offsets are only meaningful on this form,
/// so every body passes through here on import.
pub fn normalize_newlines(text: &str) -> Cow<'_, str> {
    if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Makes a string's line breaks LF in place; true if it had CR or CRLF.
/// Every string of a project keeps this one form, so a file saves to the
/// same bytes each time and never holds a CR the loader would read differently.
pub fn lf_in_place(text: &mut String) -> bool {
    if text.contains('\r') {
        *text = normalize_newlines(text).into_owned();
        true
    } else {
        false
    }
}

/// The hash stored beside each body: `sha256:` and the hex digest of its UTF-8.
pub fn body_hash(body: &str) -> String {
    let digest = Sha256::digest(body.as_bytes());
    let mut hex = String::with_capacity(7 + 64);
    hex.push_str("sha256:");
    hex.push_str(&super::ids::hex(&digest));
    hex
}

/// Maps code-point offsets of one text to byte offsets, in O(1) after an O(n) build.
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// Byte offset of each char, plus the text's length at the end.
    starts: Vec<usize>,
}

impl CharIndex {
    pub fn new(text: &str) -> Self {
        let mut starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        starts.push(text.len());
        Self { starts }
    }

    /// Number of code points in the text.
    pub fn char_len(&self) -> usize {
        self.starts.len() - 1
    }

    /// The byte offset of code point `char_offset`, or `None` past the end.
    pub fn byte_offset(&self, char_offset: usize) -> Option<usize> {
        self.starts.get(char_offset).copied()
    }

    /// The code point at byte offset `byte`, which must be a char boundary.
    pub fn char_offset(&self, byte: usize) -> Option<usize> {
        self.starts.binary_search(&byte).ok()
    }

    pub fn byte_range(&self, chars: Range<usize>) -> Option<Range<usize>> {
        Some(self.byte_offset(chars.start)?..self.byte_offset(chars.end)?)
    }
}

/// The slice of `text` between two code-point offsets, or `None` if out of range.
pub fn slice_chars(text: &str, chars: Range<usize>) -> Option<&str> {
    if chars.start > chars.end {
        return None;
    }
    let mut indices = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()));
    let start = indices.nth(chars.start)?;
    let end = if chars.end == chars.start {
        start
    } else {
        indices.nth(chars.end - chars.start - 1)?
    };
    text.get(start..end)
}

/// "source » relation » target", each part isolated (FSI…PDI) and the whole
/// read left to right, so the source comes first for every reader whatever
/// mix of Arabic and English the names are (without the isolates,
/// "مصر » يقطع العلاقات مع » قطر" would be laid out as one right-to-left run
/// and read backwards against its arrows). The arrow is `»`: the bundled
/// fonts have no `→` (it drew as an empty box), and `»` is mirrored with the
/// line, so it points at the target in either direction.
pub fn relation_sentence(source: &str, kind: &str, target: &str) -> String {
    format!("\u{2068}{source}\u{2069} » \u{2068}{kind}\u{2069} » \u{2068}{target}\u{2069}")
}

/// Whether `text` reads right to left: its first letter is Arabic, Hebrew
/// or another right-to-left script (as the bidi algorithm decides a
/// paragraph's direction).
pub fn reads_right_to_left(text: &str) -> bool {
    text.chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(|c| matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF))
}

/// Trims white space from both ends of `s` without a new allocation.
pub fn trim_in_place(s: &mut String) {
    s.truncate(s.trim_end().len());
    let start = s.len() - s.trim_start().len();
    s.drain(..start);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_by_code_points_not_bytes() {
        let text = "قطر 2020 Qatar";
        assert_eq!(slice_chars(text, 0..3), Some("قطر"));
        assert_eq!(slice_chars(text, 4..8), Some("2020"));
        assert_eq!(slice_chars(text, 9..14), Some("Qatar"));
        assert_eq!(slice_chars(text, 9..15), None);
        assert_eq!(slice_chars(text, 14..14), Some(""));
        let index = CharIndex::new(text);
        assert_eq!(index.char_len(), 14);
        assert_eq!(index.byte_range(0..3), Some(0..6));
        assert_eq!(index.char_offset(6), Some(3));
    }

    #[test]
    fn newlines_are_normalized() {
        assert_eq!(normalize_newlines("a\r\nb\rc\n"), "a\nb\nc\n");
        assert!(matches!(normalize_newlines("a\nb"), Cow::Borrowed(_)));
    }

    #[test]
    fn hash_changes_with_crlf() {
        assert_ne!(body_hash("a\nb"), body_hash("a\r\nb"));
        assert!(body_hash("").starts_with("sha256:e3b0c442"));
    }
}
