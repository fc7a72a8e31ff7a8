//! The actor network as GraphML: actors are nodes (name, kind, aliases,
//! gloss), relations are edges (type, directed, date, article, evidence).
//! The graph is directed; a symmetric type says so in the edge's `directed`
//! data rather than on the edge itself, which networkx refuses to mix.

use super::csv_export::{joined, source_cells};
use crate::model::Project;
use std::fmt::Write as _;

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 cannot carry most control characters, even escaped.
            c if c.is_control() && !matches!(c, '\n' | '\t' | '\r') => {}
            // Nor these two non-characters: a reader (networkx) refuses the whole file.
            '\u{FFFE}' | '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

pub fn graphml(project: &Project) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n\
         \x20 <key id=\"name\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n\
         \x20 <key id=\"kind\" for=\"node\" attr.name=\"kind\" attr.type=\"string\"/>\n\
         \x20 <key id=\"aliases\" for=\"node\" attr.name=\"aliases\" attr.type=\"string\"/>\n\
         \x20 <key id=\"gloss\" for=\"node\" attr.name=\"gloss\" attr.type=\"string\"/>\n\
         \x20 <key id=\"relation\" for=\"edge\" attr.name=\"relation\" attr.type=\"string\"/>\n\
         \x20 <key id=\"directed\" for=\"edge\" attr.name=\"directed\" attr.type=\"boolean\"/>\n\
         \x20 <key id=\"date\" for=\"edge\" attr.name=\"date\" attr.type=\"string\"/>\n\
         \x20 <key id=\"article\" for=\"edge\" attr.name=\"article\" attr.type=\"string\"/>\n\
         \x20 <key id=\"evidence\" for=\"edge\" attr.name=\"evidence\" attr.type=\"string\"/>\n\
         \x20 <key id=\"sources\" for=\"edge\" attr.name=\"sources\" attr.type=\"int\"/>\n\
         \x20 <key id=\"article_ids\" for=\"edge\" attr.name=\"article_ids\" attr.type=\"string\"/>\n\
         \x20 <key id=\"evidence_ids\" for=\"edge\" attr.name=\"evidence_ids\" attr.type=\"string\"/>\n\
         \x20 <graph id=\"actors\" edgedefault=\"directed\">\n",
    );
    for actor in &project.actors {
        let _ = write!(
            out,
            "    <node id=\"{}\">\n      <data key=\"name\">{}</data>\n      <data key=\"kind\">{}</data>\n      <data key=\"aliases\">{}</data>\n      <data key=\"gloss\">{}</data>\n    </node>\n",
            escape(actor.id.as_str()),
            escape(&actor.name),
            actor.kind.label(),
            escape(&joined(actor.aliases.iter().map(String::as_str))),
            escape(&actor.gloss),
        );
    }
    for r in &project.relations {
        let kind = project.relation_type(&r.kind);
        let cells = source_cells(project, r);
        let _ = write!(
            out,
            "    <edge id=\"{}\" source=\"{}\" target=\"{}\">\n      <data key=\"relation\">{}</data>\n      <data key=\"directed\">{}</data>\n      <data key=\"date\">{}</data>\n      <data key=\"article\">{}</data>\n      <data key=\"evidence\">{}</data>\n      <data key=\"sources\">{}</data>\n      <data key=\"article_ids\">{}</data>\n      <data key=\"evidence_ids\">{}</data>\n    </edge>\n",
            escape(r.id.as_str()),
            escape(r.source.as_str()),
            escape(r.target.as_str()),
            escape(kind.map_or(r.kind.as_str(), |k| k.label.as_str())),
            kind.is_none_or(|k| k.directed),
            r.date.map(|d| d.to_string()).unwrap_or_default(),
            escape(&cells.titles),
            escape(&cells.quotes),
            r.sources.len(),
            escape(&cells.article_ids),
            escape(&cells.evidence_ids),
        );
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}
