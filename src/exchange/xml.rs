//! Text as XML 1.0 can carry it, for the `GraphML` and REFI-QDA writers.

/// Escapes `text` for element content or a double-quoted attribute.
/// Line breaks and tabs in an attribute are written as character
/// references, since a reader would otherwise turn them into spaces.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\t' => out.push_str("&#9;"),
            '\r' => out.push_str("&#13;"),
            // XML 1.0 cannot carry most control characters, even escaped.
            c if c.is_control() => {}
            // Nor these two non-characters: a reader (networkx) refuses the whole file.
            '\u{FFFE}' | '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}
