//! Pages nested deeper than a browser builds them are flattened before they
//! are parsed: the HTML parser and readability both walk the open elements
//! for every tag, so a page of tens of thousands of nested (or never
//! closed) `<div>`s would take minutes. Chromium stops nesting at 512
//! levels; past that depth start tags are dropped here (with their end
//! tags), which keeps every word of the text.

use std::borrow::Cow;

/// How deep elements may nest (Chromium's parser limit).
pub const MAX_DEPTH: usize = 512;

/// Elements without end tags, and elements the parser closes by itself
/// (a `<p>` before the next `<p>`): neither nests.
const FLAT: [&str; 27] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "keygen", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th",
    "tbody", "thead", "tfoot",
];

/// Elements whose content is text up to their end tag.
const RAW: [&str; 4] = ["script", "style", "textarea", "title"];

/// `page` with start tags past `MAX_DEPTH` (and their end tags) left out;
/// the page itself when it never nests that deep.
pub fn flattened(page: &str) -> Cow<'_, str> {
    let bytes = page.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut depth = 0usize;
    let mut dropped = 0usize;
    let mut at = 0;
    while let Some(offset) = bytes[at..].iter().position(|&b| b == b'<') {
        let start = at + offset;
        let Some(tag) = Tag::at(page, start) else {
            at = start + 1;
            continue;
        };
        let mut drop = false;
        match &tag.kind {
            Kind::Start { name, closed } if !closed && !FLAT.contains(&name.as_str()) => {
                if depth >= MAX_DEPTH {
                    dropped += 1;
                    drop = true;
                } else {
                    depth += 1;
                }
            }
            Kind::End { name } if !FLAT.contains(&name.as_str()) => {
                if dropped > 0 {
                    dropped -= 1;
                    drop = true;
                } else {
                    depth = depth.saturating_sub(1);
                }
            }
            _ => {}
        }
        if drop {
            let text = out.get_or_insert_with(|| String::with_capacity(page.len()));
            text.push_str(&page[copied..start]);
            copied = tag.end;
        }
        at = tag.end;
        if let Kind::Start {
            name,
            closed: false,
        } = &tag.kind
            && RAW.contains(&name.as_str())
        {
            // Skip to the element's end tag, case-insensitively.
            let close = format!("</{name}");
            let rest = page[at..].to_ascii_lowercase();
            at = rest.find(&close).map_or(page.len(), |i| at + i);
        }
    }
    match out {
        None => Cow::Borrowed(page),
        Some(mut text) => {
            text.push_str(&page[copied..]);
            Cow::Owned(text)
        }
    }
}

enum Kind {
    Start {
        name: String,
        closed: bool,
    },
    End {
        name: String,
    },
    /// A comment, a doctype or a processing instruction.
    Other,
}

struct Tag {
    kind: Kind,
    /// Just past its `>`.
    end: usize,
}

impl Tag {
    /// The tag starting at `start` (a `<`), if it is one.
    fn at(page: &str, start: usize) -> Option<Self> {
        let rest = &page[start..];
        if rest.starts_with("<!--") {
            let end = rest.find("-->").map_or(page.len(), |i| start + i + 3);
            return Some(Self {
                kind: Kind::Other,
                end,
            });
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            let end = rest.find('>').map_or(page.len(), |i| start + i + 1);
            return Some(Self {
                kind: Kind::Other,
                end,
            });
        }
        let (end_tag, name_from) = if rest.starts_with("</") {
            (true, 2)
        } else {
            (false, 1)
        };
        let name: String = rest[name_from..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        if name.is_empty() || !rest[name_from..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            return None;
        }
        // The tag ends at the first `>` outside a quoted attribute value.
        let mut quote = None;
        let mut end = None;
        for (i, c) in rest.char_indices().skip(name_from + name.len()) {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (None, '"' | '\'') => quote = Some(c),
                (None, '>') => {
                    end = Some(i);
                    break;
                }
                // Inside a quoted value, or an ordinary character of the tag.
                _ => {}
            }
        }
        let end = end.map_or(page.len(), |i| start + i + 1);
        let name = name.to_ascii_lowercase();
        let kind = if end_tag {
            Kind::End { name }
        } else {
            let closed = page[..end].ends_with("/>");
            Kind::Start { name, closed }
        };
        Some(Self { kind, end })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_of_ordinary_depth_is_left_as_it_is() {
        let page = "<html><body><div class=\"a>b\"><p>نص<p>آخر</div><!-- <div> --></body></html>";
        assert!(matches!(flattened(page), Cow::Borrowed(_)));
    }

    #[test]
    fn nesting_past_the_limit_is_dropped_and_every_word_kept() {
        let n = MAX_DEPTH + 300;
        let page = format!("{}<b>كلمة</b>{}", "<div>".repeat(n), "</div>".repeat(n));
        let flat = flattened(&page);
        assert_eq!(flat.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(flat.matches("</div>").count(), MAX_DEPTH);
        // The <b> is past the limit too: its word stays, its tags go.
        assert!(flat.contains("كلمة") && !flat.contains("<b>"));
        // Never closed: the same.
        let open = format!("{}نص", "<div>".repeat(n));
        assert_eq!(flattened(&open).matches("<div>").count(), MAX_DEPTH);
    }

    #[test]
    fn script_text_is_not_read_as_tags() {
        let n = MAX_DEPTH - 1;
        let page = format!(
            "{}<script>if (a<b) {{ x = '<div>'; }}</script><div><div>{}",
            "<div>".repeat(n),
            "</div>".repeat(n + 2)
        );
        let flat = flattened(&page);
        assert!(flat.contains("x = '<div>'"));
        // One of the two after the script is past the limit.
        assert_eq!(flat.matches("<div>").count(), MAX_DEPTH + 1);
    }
}

/// Whether the elements of `xml` (a Word part, a REFI-QDA project) nest
/// deeper than `limit`. The XML parser recurses once per level, so a file of
/// tens of thousands of nested elements would overflow the stack: it is
/// measured first, in one pass, and refused.
pub fn xml_deeper_than(xml: &str, limit: usize) -> bool {
    let bytes = xml.as_bytes();
    let mut depth = 0usize;
    let mut at = 0;
    let skip_past = |from: usize, end: &str| {
        xml.get(from..)
            .and_then(|rest| rest.find(end))
            .map_or(bytes.len(), |i| from + i + end.len())
    };
    while let Some(offset) = xml.get(at..).and_then(|rest| rest.find('<')) {
        let start = at + offset;
        let rest = &xml[start..];
        at = if rest.starts_with("<!--") {
            skip_past(start, "-->")
        } else if rest.starts_with("<![CDATA[") {
            skip_past(start, "]]>")
        } else if rest.starts_with("<?") {
            skip_past(start, "?>")
        } else if rest.starts_with("<!") {
            skip_past(start, ">")
        } else if rest.starts_with("</") {
            depth = depth.saturating_sub(1);
            skip_past(start, ">")
        } else {
            // A start tag: to its `>`, past quoted attribute values.
            let mut quote = None;
            let mut end = start + 1;
            while let Some(&c) = bytes.get(end) {
                match quote {
                    Some(q) if c == q => quote = None,
                    None if c == b'"' || c == b'\'' => quote = Some(c),
                    None if c == b'>' => break,
                    _ => {}
                }
                end += 1;
            }
            if end > 0 && bytes.get(end - 1) != Some(&b'/') {
                depth += 1;
                if depth > limit {
                    return true;
                }
            }
            end + 1
        };
    }
    false
}

#[cfg(test)]
mod xml_tests {
    use super::xml_deeper_than;

    #[test]
    fn xml_depth_is_measured_past_comments_quotes_and_empty_elements() {
        let nested = format!("{}{}", "<a x=\"1>2\">".repeat(10), "</a>".repeat(10));
        assert!(!xml_deeper_than(&nested, 10));
        assert!(xml_deeper_than(&nested, 9));
        let flat = format!(
            "<?xml version=\"1.0\"?><!-- <a><a><a> --><r>{}<![CDATA[<a><a>]]></r>",
            "<b/><c></c>".repeat(1000)
        );
        assert!(!xml_deeper_than(&flat, 2));
        // Never closed: each start tag is a level.
        assert!(xml_deeper_than(&"<d>".repeat(600), 512));
    }
}
