//! Word documents (`.docx`): paragraphs in document order — headings, body,
//! list items, table rows as lines — and the title, author and date of the
//! document's properties. Word stores right-to-left text in logical order,
//! so it is taken as it is.

use super::archive::Archive;
use super::{Found, date_prefix};
use roxmltree::{Document, Node};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const DC: &str = "http://purl.org/dc/elements/1.1/";
const DCTERMS: &str = "http://purl.org/dc/terms/";

pub(super) fn read(bytes: &[u8]) -> Result<Found, String> {
    let mut archive = Archive::open(bytes, ".docx")
        .map_err(|e| format!("not a Word document (.docx is a zip archive): {e}"))?;
    let body = part(&mut archive, "word/document.xml")?
        .ok_or("not a Word document: it has no word/document.xml")?;
    let document = Document::parse(&body)
        .map_err(|e| format!("word/document.xml is not well-formed XML: {e}"))?;

    let mut found = Found::default();
    let mut first_heading = None;
    if let Some(body) = document
        .root_element()
        .children()
        .find(|n| n.has_tag_name((W, "body")))
    {
        blocks(body, &mut found.paragraphs, &mut first_heading);
    }

    if let Some(core) = part(&mut archive, "docProps/core.xml")?
        && let Ok(core) = Document::parse(&core)
    {
        let field = |ns: &str, name: &str| {
            core.descendants()
                .find(|n| n.has_tag_name((ns, name)))
                .and_then(|n| n.text())
                .map(|t| t.trim().to_owned())
                .filter(|t| !t.is_empty())
        };
        found.title = field(DC, "title").unwrap_or_default();
        found.author = field(DC, "creator").unwrap_or_default();
        found.published = field(DCTERMS, "created").as_deref().and_then(date_prefix);
        found.language = field(DC, "language").unwrap_or_default();
    }
    if found.title.is_empty()
        && let Some(heading) = first_heading
    {
        found.title = heading;
    }
    Ok(found)
}

/// A part of the archive as text, or none when the archive has no such part.
/// A part of the document as text, refused if it nests deeper than any
/// document (the parser, and `blocks`, go down one call a level).
fn part(archive: &mut Archive<'_>, name: &str) -> Result<Option<String>, String> {
    let Some(bytes) = archive.by_name(name)? else {
        return Ok(None);
    };
    let text = String::from_utf8(bytes).map_err(|e| format!("{name} is not UTF-8 text: {e}"))?;
    let limit = super::nesting::MAX_DEPTH;
    if super::nesting::xml_deeper_than(&text, limit) {
        return Err(format!(
            "{name} nests elements deeper than {limit} levels, deeper than any document: refused"
        ));
    }
    Ok(Some(text))
}

/// Paragraphs and tables in order, looking inside content controls.
fn blocks(parent: Node, out: &mut Vec<String>, first_heading: &mut Option<String>) {
    for node in parent.children().filter(Node::is_element) {
        if node.tag_name().namespace() != Some(W) {
            continue;
        }
        match node.tag_name().name() {
            "p" => {
                let text = paragraph_text(node);
                if first_heading.is_none() && is_heading(node) && !text.trim().is_empty() {
                    *first_heading = Some(text.trim().to_owned());
                }
                out.push(text);
            }
            "tbl" => out.push(table_text(node)),
            "sdt" => {
                if let Some(content) = node.children().find(|n| n.has_tag_name((W, "sdtContent"))) {
                    blocks(content, out, first_heading);
                }
            }
            _ => {}
        }
    }
}

fn is_heading(paragraph: Node) -> bool {
    paragraph
        .descendants()
        .find(|n| n.has_tag_name((W, "pStyle")))
        .and_then(|n| n.attribute((W, "val")))
        .is_some_and(|style| {
            let style = style.to_ascii_lowercase();
            style.starts_with("heading") || style == "title"
        })
}

/// A paragraph's text: runs in order, tabs and breaks kept, deleted text
/// (tracked changes) and field codes left out.
fn paragraph_text(paragraph: Node) -> String {
    let mut text = String::new();
    let mut stack: Vec<Node> = paragraph.children().collect();
    stack.reverse();
    while let Some(node) = stack.pop() {
        if !node.is_element() || node.tag_name().namespace() != Some(W) {
            continue;
        }
        match node.tag_name().name() {
            "t" => text.push_str(node.text().unwrap_or_default()),
            "tab" | "ptab" => text.push('\t'),
            "br" | "cr" => text.push('\n'),
            "noBreakHyphen" => text.push('-'),
            "del" | "instrText" | "delText" | "pPr" | "rPr" | "footnoteReference" => {}
            _ => {
                let mut children: Vec<Node> = node.children().collect();
                children.reverse();
                stack.extend(children);
            }
        }
    }
    text
}

/// A table as lines: one a row, its cells parted by " | ".
fn table_text(table: Node) -> String {
    let mut lines = Vec::new();
    for row in table.children().filter(|n| n.has_tag_name((W, "tr"))) {
        let cells: Vec<String> = row
            .children()
            .filter(|n| n.has_tag_name((W, "tc")))
            .map(|cell| {
                cell.children()
                    .filter(|n| n.has_tag_name((W, "p")))
                    .map(|p| paragraph_text(p).trim().to_owned())
                    .filter(|t| !t.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        if cells.iter().any(|c| !c.is_empty()) {
            lines.push(cells.join(" | "));
        }
    }
    lines.join("\n")
}
