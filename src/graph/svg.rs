//! The network as an SVG file: the same layout, colours and sizes as the
//! window, with names as real text so Arabic stays searchable and sharp.

use super::ActorGraph;
use super::layout::{Layout, Point};
use super::style::{Rgb, kind_color, node_radius, tie_width, type_color};
use crate::model::Project;
use std::collections::HashMap;
use std::fmt::Write as _;

const MARGIN: f32 = 60.0;

fn rgb(c: Rgb) -> String {
    format!("rgb({},{},{})", c[0], c[1], c[2])
}

fn escape(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control())
        .map(|c| match c {
            '&' => "&amp;".to_owned(),
            '<' => "&lt;".to_owned(),
            '>' => "&gt;".to_owned(),
            '"' => "&quot;".to_owned(),
            c => c.to_string(),
        })
        .collect()
}

/// The picture of `graph` as `layout` places it.
pub fn network_svg(project: &Project, graph: &ActorGraph, layout: &Layout) -> String {
    let places: HashMap<_, Point> = layout.placed().collect();
    let (lo, hi) = layout
        .bounds()
        .unwrap_or((Point::default(), Point::default()));
    let (width, height) = (hi.x - lo.x + 2.0 * MARGIN, hi.y - lo.y + 2.0 * MARGIN);
    let (dx, dy) = (MARGIN - lo.x, MARGIN - lo.y);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{height:.0}\" viewBox=\"0 0 {width:.0} {height:.0}\" font-family=\"'Noto Naskh Arabic', 'Noto Sans', sans-serif\">\n<title>{}</title>\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>",
        escape(&project.title)
    );
    out.push_str("<g id=\"ties\" fill=\"none\">\n");
    for (a, b, tie) in graph.ties() {
        let (Some(p), Some(q)) = (places.get(a), places.get(b)) else {
            continue;
        };
        let color = rgb(type_color(project, &tie.kind));
        let _ = write!(
            out,
            "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{color}\" stroke-width=\"{:.1}\" stroke-opacity=\"0.8\"/>",
            p.x + dx,
            p.y + dy,
            q.x + dx,
            q.y + dy,
            tie_width(tie.sources)
        );
        if tie.directed {
            let target_radius = graph.node(b).map_or(6.0, |n| node_radius(n.relations));
            if let Some([tip, left, right]) = arrow_head(*p, *q, target_radius, 9.0) {
                let _ = write!(
                    out,
                    "<polygon points=\"{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}\" fill=\"{color}\"/>",
                    tip.x + dx,
                    tip.y + dy,
                    left.x + dx,
                    left.y + dy,
                    right.x + dx,
                    right.y + dy
                );
            }
        }
        out.push('\n');
    }
    out.push_str("</g>\n<g id=\"actors\">\n");
    for node in graph.nodes() {
        let Some(p) = places.get(&node.actor) else {
            continue;
        };
        let r = node_radius(node.relations);
        let _ = writeln!(
            out,
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"{r:.1}\" fill=\"{}\" stroke=\"white\" stroke-width=\"1.5\"><title>{}</title></circle>\n<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"13\" fill=\"#222\">{}</text>",
            p.x + dx,
            p.y + dy,
            rgb(kind_color(node.kind)),
            escape(&node.name),
            p.x + dx,
            p.y + dy + r + 14.0,
            escape(&node.name)
        );
    }
    out.push_str("</g>\n</svg>\n");
    out
}

/// The three corners of an arrow head pointing from `from` at a node of
/// radius `radius` at `to`; `None` when the two overlap.
pub fn arrow_head(from: Point, to: Point, radius: f32, size: f32) -> Option<[Point; 3]> {
    let (dx, dy) = (to.x - from.x, to.y - from.y);
    let length = dx.hypot(dy);
    if length <= radius + size {
        return None;
    }
    let (ux, uy) = (dx / length, dy / length);
    let tip = Point::new(to.x - ux * radius, to.y - uy * radius);
    let base = Point::new(tip.x - ux * size, tip.y - uy * size);
    let half = size * 0.5;
    Some([
        tip,
        Point::new(base.x - uy * half, base.y + ux * half),
        Point::new(base.x + uy * half, base.y - ux * half),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::relation_query::{RelationIndex, RelationQuery};

    #[test]
    fn the_sample_network_as_svg_has_every_actor_and_tie() {
        let text = include_str!("../../projects/gulf-crisis-sample.warraq.ron");
        let project = crate::store::from_ron_str(std::path::Path::new("sample"), text).unwrap();
        let shown = RelationIndex::new(&project).run(&project, &RelationQuery::default());
        let graph = ActorGraph::new(&project, &shown);
        let mut layout = Layout::default();
        layout.sync(&graph);
        layout.settle();
        let svg = network_svg(&project, &graph, &layout);
        assert_eq!(svg.matches("<circle").count(), graph.node_count());
        assert_eq!(svg.matches("<line").count(), graph.tie_count());
        assert!(svg.contains(">قطر</text>"));
        let directed = graph.ties().filter(|(_, _, t)| t.directed).count();
        assert_eq!(svg.matches("<polygon").count(), directed);
    }
}
