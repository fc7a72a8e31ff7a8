//! The actor network as `GraphML`: actors are nodes (label, name, kind,
//! aliases, gloss), relations are edges (label, weight = the reports that
//! tell of it, type, directed, date, note, articles, evidence).
//!
//! Two flavours, because the two readers disagree on mixed graphs. For
//! networkx, igraph and R the graph is directed and a symmetric type says
//! so in the edge's `directed` data (networkx refuses a `directed="false"`
//! edge in a directed graph). For Gephi, which reads direction from each
//! edge's own `directed` attribute, a symmetric tie carries
//! `directed="false"` and is drawn without an arrow.

use super::csv_export::{joined, source_cells};
use super::xml::escape;
use crate::model::Project;
use std::fmt::Write as _;

/// Who will read the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavour {
    /// networkx, igraph, R: directed edges only.
    Directed,
    /// Gephi: symmetric ties undirected on the edge itself.
    Gephi,
}

pub fn graphml(project: &Project) -> String {
    graphml_for(project, Flavour::Directed)
}

pub fn graphml_for(project: &Project, flavour: Flavour) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n\
         \x20 <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n\
         \x20 <key id=\"name\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n\
         \x20 <key id=\"kind\" for=\"node\" attr.name=\"kind\" attr.type=\"string\"/>\n\
         \x20 <key id=\"aliases\" for=\"node\" attr.name=\"aliases\" attr.type=\"string\"/>\n\
         \x20 <key id=\"gloss\" for=\"node\" attr.name=\"gloss\" attr.type=\"string\"/>\n\
         \x20 <key id=\"edge_label\" for=\"edge\" attr.name=\"label\" attr.type=\"string\"/>\n\
         \x20 <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n\
         \x20 <key id=\"relation\" for=\"edge\" attr.name=\"relation\" attr.type=\"string\"/>\n\
         \x20 <key id=\"note\" for=\"edge\" attr.name=\"note\" attr.type=\"string\"/>\n\
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
            "    <node id=\"{}\">\n      <data key=\"label\">{}</data>\n      <data key=\"name\">{}</data>\n      <data key=\"kind\">{}</data>\n      <data key=\"aliases\">{}</data>\n      <data key=\"gloss\">{}</data>\n    </node>\n",
            escape(actor.id.as_str()),
            escape(&actor.name),
            escape(&actor.name),
            actor.kind.label(),
            escape(&joined(actor.aliases.iter().map(String::as_str))),
            escape(&actor.gloss),
        );
    }
    let highlights = super::csv_export::by_id(project);
    for r in &project.relations {
        let kind = project.relation_type(&r.kind);
        let cells = source_cells(project, &highlights, r);
        let label = kind.map_or(r.kind.as_str(), |k| k.label.as_str());
        let directed = kind.is_none_or(|k| k.directed);
        let _ = write!(
            out,
            "    <edge id=\"{}\" source=\"{}\" target=\"{}\"{}>\n      <data key=\"edge_label\">{}</data>\n      <data key=\"weight\">{}</data>\n      <data key=\"relation\">{}</data>\n      <data key=\"directed\">{}</data>\n      <data key=\"date\">{}</data>\n      <data key=\"note\">{}</data>\n      <data key=\"article\">{}</data>\n      <data key=\"evidence\">{}</data>\n      <data key=\"sources\">{}</data>\n      <data key=\"article_ids\">{}</data>\n      <data key=\"evidence_ids\">{}</data>\n    </edge>\n",
            escape(r.id.as_str()),
            escape(r.source.as_str()),
            escape(r.target.as_str()),
            match flavour {
                Flavour::Gephi if !directed => " directed=\"false\"",
                _ => "",
            },
            escape(label),
            // A relation cited by no report still counts once.
            r.sources.len().max(1),
            escape(label),
            directed,
            r.date.map(|d| d.to_string()).unwrap_or_default(),
            escape(&r.note),
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
