//! Lines into paragraphs: running headers, footers and page numbers left out, hyphenation undone.

use super::{Line, median};

/// Leaves out the lines that repeat at the top or bottom of pages
/// (running headers and footers, with their page numbers), page numbers
/// alone, and small print in the page's outer margin. Returns how many.
pub(super) fn drop_running_lines(pages: &mut [(f64, Vec<Line>)], body_size: f64) -> usize {
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
pub(super) fn is_page_number(text: &str) -> bool {
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
pub(super) fn paragraphs(lines: &[(usize, Line)], body_size: f64) -> Vec<String> {
    let spacing = median(lines.windows(2).filter_map(|w| {
        let ((pa, a), (pb, b)) = (&w[0], &w[1]);
        (pa == pb && a.block == b.block && (a.size - b.size).abs() < body_size * 0.1)
            .then_some(a.baseline - b.baseline)
    }));
    // Each column's edges, to tell a paragraph's short last line.
    let mut edges: std::collections::HashMap<(usize, usize), (f64, f64)> =
        std::collections::HashMap::new();
    for key in lines.iter().map(|(page, l)| (*page, l.block)) {
        edges.entry(key).or_insert_with(|| {
            let block = || lines.iter().filter(|(p, l)| (*p, l.block) == key);
            (
                median(block().map(|(_, l)| l.left)),
                median(block().map(|(_, l)| l.right)),
            )
        });
    }
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    for (i, (page, line)) in lines.iter().enumerate() {
        let breaks = match i.checked_sub(1).map(|p| &lines[p]) {
            None => true,
            Some((previous_page, previous)) => {
                let (left, right) = edges[&(*previous_page, previous.block)];
                let width = (right - left).max(1.0);
                let short = if previous.rtl {
                    previous.left > left + width * 0.15
                } else {
                    previous.right < right - width * 0.15
                };
                let ends_sentence = previous
                    .text
                    .trim_end()
                    .ends_with(['.', '!', '?', '؟', ':', '»', '"', '”', '…']);
                let resized = (previous.size - line.size).abs() > body_size * 0.15;
                // A new column or page: the text may run on, unless the last line was short.
                let moved = previous_page != page || previous.block != line.block;
                let gap = if moved {
                    spacing
                } else {
                    previous.baseline - line.baseline
                };
                // Larger type (a heading) is set with wider line spacing.
                let scale = (line.size / body_size.max(0.1)).max(1.0);
                resized
                    || gap > spacing * 1.35 * scale
                    || gap < 0.0
                    || (short && ends_sentence)
                    || (short && moved)
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
pub(super) fn join_line(paragraph: &mut String, line: &str) {
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
