//! The actor network, drawn where the analyst codes: actors sized by their
//! relations and coloured by kind, ties coloured by type and as thick as their
//! sources are many. Pan by dragging the background, zoom with the wheel,
//! drag an actor to pin it (double-click to let it go). A click on an actor
//! filters the relations table to it and lists its mentions; a click on a tie
//! opens its evidence in the reader.

use super::bidi_label;
pub use super::intents::PictureFormat;
use super::intents::{Intent, Intents};
use super::network_paint::{add_line, distance_to_segment, encode_png, mesh_base};
use super::text_resources::TextResources;
use crate::graph::discourse::{CONFLICT, CONGRUENCE};
use crate::graph::layout::{Layout, Point};
use crate::graph::style::{Rgb, kind_color, node_radius, tie_width, type_color};
use crate::graph::svg::arrow_head;
use crate::graph::{ActorGraph, Tie};
use crate::model::{ActorId, ActorKind, Project, Tag};
use egui::{Color32, Mesh, Pos2, Rect, Sense, Vec2, pos2, vec2};
use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use std::time::{Duration, Instant};

/// Layout work per frame: the picture settles visibly and the window never stalls.
const LAYOUT_BUDGET: Duration = Duration::from_millis(6);
/// Names are drawn for at most this many actors per frame, biggest first.
const MAX_LABELS: usize = 160;
const LABEL_SIZE: f32 = 13.0;
const MIN_ZOOM: f32 = 0.05;
const MAX_ZOOM: f32 = 8.0;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hovered {
    Actor(ActorId),
    Tie(EdgeIndex),
}

/// The graph of one project revision and table filter, with each node's slot in the layout.
#[derive(Debug)]
struct Shown {
    revision: u64,
    relations: Vec<usize>,
    graph: ActorGraph,
    /// Node index → index into `Layout::placed()`.
    slots: Vec<usize>,
    /// Node indices, most relations first: the order names are drawn in.
    by_size: Vec<NodeIndex>,
    /// Per tie, how far to the side it is drawn, in tie widths: ties of
    /// several types between the same two actors lie side by side.
    lanes: Vec<f32>,
}

pub struct NetworkView {
    pub layout: Layout,
    shown: Option<Shown>,
    pub zoom: f32,
    /// Where layout point (0, 0) sits, from the view's centre.
    pub pan: Vec2,
    /// Keep the whole network in frame until the analyst pans or zooms.
    follow: bool,
    dragging: Option<ActorId>,
    /// The canvas as last drawn.
    pub rect: Rect,
    pub hovered: Option<Hovered>,
    /// A PNG export waiting for the screenshot of this view.
    pub png_pending: Option<std::path::PathBuf>,
    png_written: Option<std::sync::mpsc::Receiver<Result<std::path::PathBuf, String>>>,
}

impl Default for NetworkView {
    fn default() -> Self {
        Self {
            layout: Layout::default(),
            shown: None,
            zoom: 1.0,
            pan: Vec2::ZERO,
            follow: true,
            dragging: None,
            rect: Rect::NOTHING,
            hovered: None,
            png_pending: None,
            png_written: None,
        }
    }
}

fn color(rgb: Rgb) -> Color32 {
    Color32::from_rgb(rgb[0], rgb[1], rgb[2])
}

impl NetworkView {
    /// The graph shown, built anew when the project or the filter changed.
    ///
    /// # Panics
    /// Never: the layout is synced with the graph just before its slots are read.
    pub fn graph(&mut self, project: &Project, revision: u64, relations: &[usize]) -> &ActorGraph {
        let stale = self
            .shown
            .as_ref()
            .is_none_or(|s| s.revision != revision || s.relations != relations);
        if stale {
            self.install(revision, relations, ActorGraph::new(project, relations));
        }
        &self.shown.as_ref().expect("built above").graph
    }

    /// The graph drawn now.
    pub fn shown_graph(&self) -> Option<&ActorGraph> {
        self.shown.as_ref().map(|s| &s.graph)
    }

    /// Whether the graph shown was installed under `key`.
    pub fn shows(&self, key: u64) -> bool {
        self.shown.as_ref().is_some_and(|s| s.revision == key)
    }

    /// Shows `graph` (a discourse network's), known by `key`, with the
    /// layout kept for the actors it still holds.
    ///
    /// # Panics
    /// Never: the layout is synced with the graph just before its slots are read.
    pub fn install(&mut self, revision: u64, relations: &[usize], graph: ActorGraph) {
        {
            self.layout.sync(&graph);
            let slots = graph
                .graph
                .node_weights()
                .map(|n| self.layout.slot(&n.actor).expect("synced above"))
                .collect();
            let mut pairs: std::collections::HashMap<(usize, usize), Vec<usize>> =
                std::collections::HashMap::new();
            for edge in graph.graph.edge_references() {
                let (a, b) = (edge.source().index(), edge.target().index());
                pairs
                    .entry((a.min(b), a.max(b)))
                    .or_default()
                    .push(edge.id().index());
            }
            let mut lanes = vec![0.0; graph.graph.edge_count()];
            for edges in pairs.values() {
                let middle = (edges.len() as f32 - 1.0) / 2.0;
                for (i, &e) in edges.iter().enumerate() {
                    lanes[e] = i as f32 - middle;
                }
            }
            let mut by_size: Vec<NodeIndex> = graph.graph.node_indices().collect();
            by_size.sort_by_key(|&i| std::cmp::Reverse(graph.graph[i].relations));
            self.shown = Some(Shown {
                revision,
                relations: relations.to_vec(),
                graph,
                slots,
                by_size,
                lanes,
            });
        }
    }

    fn to_screen(&self, p: Point) -> Pos2 {
        self.rect.center() + self.pan + vec2(p.x, p.y) * self.zoom
    }

    fn to_layout(&self, p: Pos2) -> Point {
        let v = (p - self.rect.center() - self.pan) / self.zoom;
        Point::new(v.x, v.y)
    }

    /// Where an actor is drawn now (tests click there).
    pub fn screen_pos(&self, actor: &ActorId) -> Option<Pos2> {
        let slot = self.layout.slot(actor)?;
        Some(self.to_screen(self.layout.position_at(slot)))
    }

    /// The middle of a tie's line as drawn now.
    pub fn tie_midpoint(&self, source: &ActorId, target: &ActorId) -> Option<Pos2> {
        let (a, b) = (self.screen_pos(source)?, self.screen_pos(target)?);
        Some(a + (b - a) * 0.5)
    }

    fn fit(&mut self) {
        let Some((lo, hi)) = self.layout.bounds() else {
            return;
        };
        let margin = 50.0;
        let size = vec2(hi.x - lo.x, hi.y - lo.y).max(vec2(1.0, 1.0));
        let room = (self.rect.size() - vec2(2.0 * margin, 2.0 * margin)).max(vec2(10.0, 10.0));
        self.zoom = (room.x / size.x).min(room.y / size.y).clamp(MIN_ZOOM, 2.5);
        let middle = vec2(lo.x + hi.x, lo.y + hi.y) * 0.5;
        self.pan = -middle * self.zoom;
    }

    /// How many actors and ties are drawn; fit, re-layout, unpin, export.
    fn toolbar(&mut self, ui: &mut egui::Ui, intents: &mut Intents) {
        ui.horizontal(|ui| {
            if let Some(shown) = &self.shown {
                ui.weak(format!(
                    "{} actors, {} ties from {} relations",
                    shown.graph.node_count(),
                    shown.graph.tie_count(),
                    shown.relations.len()
                ));
            }
            if ui
                .button("Fit")
                .on_hover_text("Show the whole network")
                .clicked()
            {
                self.follow = true;
            }
            if ui
                .button("Re-layout")
                .on_hover_text("Lay the network out anew (pinned actors stay)")
                .clicked()
            {
                self.layout.forget();
                self.shown = None;
                self.follow = true;
            }
            if ui
                .button("Unpin all")
                .on_hover_text("Let every pinned actor move again")
                .clicked()
            {
                let pinned: Vec<ActorId> = self
                    .layout
                    .placed()
                    .filter(|(a, _)| self.layout.is_pinned(a))
                    .map(|(a, _)| a.clone())
                    .collect();
                for actor in pinned {
                    self.layout.unpin(&actor);
                }
            }
            if ui.button("Export PNG…").clicked() {
                intents.push(Intent::ExportNetwork(PictureFormat::Png));
            }
            if ui.button("Export SVG…").clicked() {
                intents.push(Intent::ExportNetwork(PictureFormat::Svg));
            }
        });
    }

    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        text: &mut TextResources,
        project: &Project,
        revision: u64,
        relations: &[usize],
        intents: &mut Intents,
    ) {
        self.graph(project, revision, relations);
        self.toolbar(ui, intents);
        self.canvas(ui, text, project, intents, "No relations pass the filter.");
    }

    /// Draws the graph installed last: the relations network's or a discourse network's.
    pub fn canvas(
        &mut self,
        ui: &mut egui::Ui,
        text: &mut TextResources,
        project: &Project,
        intents: &mut Intents,
        empty: &str,
    ) {
        let room = ui.available_size().min(ui.clip_rect().size());
        let (rect, response) = ui.allocate_exact_size(room, Sense::click_and_drag());
        self.rect = rect;
        let name = if empty.contains("statement") {
            "Discourse network"
        } else {
            "Actor network"
        };
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, name));

        let started = Instant::now();
        while self.layout.is_settling() && started.elapsed() < LAYOUT_BUDGET {
            self.layout.step();
        }
        if self.layout.is_settling() {
            ui.ctx().request_repaint();
        }
        if self.follow {
            self.fit();
        }
        self.handle_input(ui, &response, intents);

        let painter = ui.painter_at(rect);
        painter.rect_filled(rect, 0.0, ui.visuals().extreme_bg_color);
        let Some(shown) = &self.shown else {
            return;
        };
        if shown.graph.node_count() == 0 {
            painter.text(
                rect.center(),
                egui::Align2::CENTER_CENTER,
                empty,
                egui::FontId::proportional(14.0),
                ui.visuals().weak_text_color(),
            );
            return;
        }
        let screen: Vec<Pos2> = shown
            .slots
            .iter()
            .map(|&slot| self.to_screen(self.layout.position_at(slot)))
            .collect();
        let radius: Vec<f32> = shown
            .graph
            .graph
            .node_weights()
            .map(|n| (node_radius(n.relations) * self.zoom).max(2.5))
            .collect();
        let view = rect.expand(20.0);
        let drawn: std::collections::HashSet<&crate::model::RelationTypeId> =
            shown.graph.graph.edge_weights().map(|t| &t.kind).collect();
        let weak = ui.visuals().weak_text_color();
        paint_legend(&painter, text, project, &drawn, (rect, weak));

        // Every tie in one mesh: tens of thousands of lines stay one draw call.
        let mut mesh = Mesh::default();
        let hovered_tie = match &self.hovered {
            Some(Hovered::Tie(e)) => Some(*e),
            _ => None,
        };
        for edge in shown.graph.graph.edge_references() {
            let (a, b) = (edge.source().index(), edge.target().index());
            let (mut p, mut q) = (screen[a], screen[b]);
            if !view.intersects(Rect::from_two_pos(p, q)) || a == b {
                continue;
            }
            let lane = shown.lanes[edge.id().index()];
            if lane != 0.0 {
                // Side by side, the same way whichever end the tie starts from.
                let (lo, hi) = if a < b { (p, q) } else { (q, p) };
                let side = (hi - lo).normalized().rot90() * lane * 5.0;
                p += side;
                q += side;
            }
            let tie = edge.weight();
            let mut stroke = color(type_color(project, &tie.kind));
            let mut width = (tie_width(tie.sources) * self.zoom.sqrt()).clamp(0.6, 8.0);
            if hovered_tie == Some(edge.id()) {
                width += 2.0;
            } else {
                stroke = stroke.gamma_multiply(0.8);
            }
            add_line(&mut mesh, p, q, width, stroke);
            if tie.directed {
                let size = (7.0 + width * 1.5).min(16.0);
                if let Some(corners) = arrow_head(
                    Point::new(p.x, p.y),
                    Point::new(q.x, q.y),
                    radius[b] + 1.0,
                    size,
                ) {
                    let [tip, left, right] = corners.map(|c| pos2(c.x, c.y));
                    let base = mesh_base(mesh.vertices.len());
                    for v in [tip, left, right] {
                        mesh.colored_vertex(v, stroke);
                    }
                    mesh.add_triangle(base, base + 1, base + 2);
                }
            }
        }
        painter.add(mesh);

        let hovered_actor = match &self.hovered {
            Some(Hovered::Actor(a)) => Some(a.clone()),
            _ => None,
        };
        for (i, node) in shown.graph.graph.node_weights().enumerate() {
            if !view.contains(screen[i]) {
                continue;
            }
            let fill = color(kind_color(node.kind));
            painter.circle_filled(screen[i], radius[i], fill);
            let pinned = self.layout.is_pinned(&node.actor);
            let outline = if hovered_actor.as_ref() == Some(&node.actor) {
                egui::Stroke::new(2.5, ui.visuals().strong_text_color())
            } else if pinned {
                egui::Stroke::new(2.0, ui.visuals().text_color())
            } else {
                egui::Stroke::new(1.0, ui.visuals().extreme_bg_color)
            };
            painter.circle_stroke(screen[i], radius[i], outline);
        }
        // Names of the biggest actors first, none over another.
        let mut taken: Vec<Rect> = Vec::new();
        let label_color = ui.visuals().text_color();
        for &node in &shown.by_size {
            let i = node.index();
            if taken.len() >= MAX_LABELS {
                break;
            }
            let hovered = hovered_actor.as_ref() == Some(&shown.graph.graph[node].actor);
            if !rect.contains(screen[i]) || (radius[i] < 4.0 && !hovered) {
                continue;
            }
            let name = &shown.graph.graph[node].name;
            let width = text.labels.get(&mut text.engine, name, LABEL_SIZE).width;
            let top = screen[i] + vec2(0.0, radius[i] + 2.0);
            let place = Rect::from_min_size(
                pos2(top.x - width / 2.0, top.y),
                vec2(width, LABEL_SIZE * 1.4),
            );
            if !hovered && taken.iter().any(|t| t.intersects(place)) {
                continue;
            }
            bidi_label::paint_centered(&painter, text, name, LABEL_SIZE, top, label_color);
            taken.push(place);
        }

        if let Some(hovered) = self.hovered.clone() {
            response.on_hover_ui_at_pointer(|ui| hover_card(ui, text, project, shown, &hovered));
        }
    }

    fn handle_input(&mut self, ui: &egui::Ui, response: &egui::Response, intents: &mut Intents) {
        let pointer = response.hover_pos().or(response.interact_pointer_pos());
        if response.hovered() {
            let (scroll, pinch) = ui.input(|i| (i.smooth_scroll_delta.y, i.zoom_delta()));
            let factor = pinch * (scroll * 0.002).exp();
            if (factor - 1.0).abs() > 1e-4
                && let Some(at) = pointer
            {
                // Zoom about the pointer: the point under it stays under it.
                let before = self.to_layout(at);
                self.zoom = (self.zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM);
                let after = self.to_screen(before);
                self.pan += at - after;
                self.follow = false;
            }
        }
        if !response.dragged() {
            self.dragging = None;
            self.hovered = pointer.and_then(|p| self.hit(p));
        }
        if response.drag_started() {
            self.dragging = match &self.hovered {
                Some(Hovered::Actor(a)) => Some(a.clone()),
                _ => None,
            };
            // The view holds still under the analyst's hand.
            self.follow = false;
        }
        if response.dragged() {
            if let (Some(actor), Some(at)) = (&self.dragging, response.interact_pointer_pos()) {
                let actor = actor.clone();
                let to = self.to_layout(at);
                self.layout.pin(&actor, to);
                ui.ctx().request_repaint();
            } else {
                self.pan += response.drag_delta();
                self.follow = false;
            }
        }
        if response.double_clicked() {
            if let Some(Hovered::Actor(actor)) = &self.hovered {
                self.layout.unpin(actor);
            }
        } else if response.clicked() {
            match &self.hovered {
                Some(Hovered::Actor(actor)) => {
                    intents.push(Intent::ShowActorRelations(actor.clone()));
                }
                Some(Hovered::Tie(edge)) => {
                    if let Some(shown) = &self.shown
                        && let Some(&first) = shown.graph.graph[*edge].relations.first()
                    {
                        intents.push(Intent::ShowRelation(first));
                    }
                }
                None => {}
            }
        }
    }

    /// The actor under `at`, or else the tie within a few pixels of it.
    fn hit(&self, at: Pos2) -> Option<Hovered> {
        let shown = self.shown.as_ref()?;
        let place =
            |node: NodeIndex| self.to_screen(self.layout.position_at(shown.slots[node.index()]));
        let mut best: Option<(f32, NodeIndex)> = None;
        for node in shown.graph.graph.node_indices() {
            let r = (node_radius(shown.graph.graph[node].relations) * self.zoom).max(2.5) + 3.0;
            let d = place(node).distance(at);
            if d <= r && best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, node));
            }
        }
        if let Some((_, node)) = best {
            return Some(Hovered::Actor(shown.graph.graph[node].actor.clone()));
        }
        let mut best_tie: Option<(f32, EdgeIndex)> = None;
        for edge in shown.graph.graph.edge_references() {
            let d = distance_to_segment(at, place(edge.source()), place(edge.target()));
            if d <= 5.0 && best_tie.is_none_or(|(bd, _)| d < bd) {
                best_tie = Some((d, edge.id()));
            }
        }
        best_tie.map(|(_, e)| Hovered::Tie(e))
    }

    /// Asks the renderer for this frame's pixels if a PNG export waits, and
    /// reports a finished one: `Some(Ok(path))` once written.
    pub fn poll_png(&mut self, ctx: &egui::Context) -> Option<Result<std::path::PathBuf, String>> {
        if let Some(path) = self.png_pending.take() {
            let (tx, rx) = std::sync::mpsc::channel();
            let (rect, ppp) = (self.rect, ctx.pixels_per_point());
            let waker = ctx.clone();
            ctx.request_screenshot(move |image| {
                let region = image.region(&rect, Some(ppp));
                let written = encode_png(&region)
                    .and_then(|bytes| {
                        crate::store::write_export(&path, &bytes).map_err(|e| e.to_string())
                    })
                    .map(|()| path.clone())
                    .map_err(|e| format!("{}: {e}", path.display()));
                let _ = tx.send(written);
                waker.request_repaint();
            });
            self.png_written = Some(rx);
        }
        let result = self.png_written.as_ref()?.try_recv().ok()?;
        self.png_written = None;
        Some(result)
    }

    /// The graph and layout as an SVG document.
    pub fn svg(&self, project: &Project) -> Option<String> {
        let shown = self.shown.as_ref()?;
        Some(crate::graph::svg::network_svg(
            project,
            &shown.graph,
            &self.layout,
        ))
    }
}

fn hover_card(
    ui: &mut egui::Ui,
    text: &mut TextResources,
    project: &Project,
    shown: &Shown,
    hovered: &Hovered,
) {
    match hovered {
        Hovered::Actor(id) => {
            let Some(actor) = project.actor(id) else {
                return;
            };
            bidi_label::show(ui, text, &actor.name, 15.0);
            if !actor.aliases.is_empty() {
                bidi_label::show(ui, text, &actor.aliases.join("، "), 13.0);
            }
            if !actor.gloss.is_empty() {
                bidi_label::show(ui, text, &actor.gloss, 12.0);
            }
            let relations = shown.graph.node(id).map_or(0, |n| n.relations);
            let tag = Tag::Actor(id.clone());
            let mentions = project.highlights.iter().filter(|h| h.tag == tag).count();
            ui.label(format!(
                "{}: {relations} relations shown, {mentions} highlighted mentions",
                actor.kind.label()
            ));
            ui.weak("Click: its relations and mentions. Drag: pin it.");
        }
        Hovered::Tie(edge) => {
            let tie: &Tie = &shown.graph.graph[*edge];
            let (a, b) = shown
                .graph
                .graph
                .edge_endpoints(*edge)
                .expect("a tie has ends");
            let name = |n: NodeIndex| shown.graph.graph[n].name.clone();
            if let Some(shared) = &tie.discourse {
                super::discourse::tie_card(ui, text, (&name(a), &name(b)), &tie.kind, shared);
                return;
            }
            let label = project
                .relation_type(&tie.kind)
                .map_or(tie.kind.as_str(), |t| t.label.as_str());
            let words = crate::model::text::relation_sentence(&name(a), label, &name(b));
            bidi_label::show_wrapped(ui, text, &words, 14.0);
            ui.label(format!(
                "{} relation(s), {} source(s)",
                tie.relations.len(),
                tie.sources
            ));
            ui.weak("Click: its evidence in the reader.");
        }
    }
}

/// The legend, in the corner: what the colours of the actors and of the lines mean.
fn paint_legend(
    painter: &egui::Painter,
    text: &mut TextResources,
    project: &Project,
    drawn: &std::collections::HashSet<&crate::model::RelationTypeId>,
    (rect, weak): (Rect, egui::Color32),
) {
    for (i, kind) in ActorKind::ALL.iter().enumerate() {
        let at = rect.left_top() + vec2(14.0, 14.0 + i as f32 * 18.0);
        painter.circle_filled(at, 5.0, color(kind_color(*kind)));
        painter.text(
            at + vec2(10.0, 0.0),
            egui::Align2::LEFT_CENTER,
            kind.label(),
            egui::FontId::proportional(12.0),
            weak,
        );
    }
    // …and what the colours of the lines mean: the types drawn, in vocabulary order.
    let legend_top = 14.0 + ActorKind::ALL.len() as f32 * 18.0 + 8.0;
    let discourse = [(CONGRUENCE, "agree"), (CONFLICT, "disagree")]
        .map(|(id, label)| (crate::model::RelationTypeId::new(id), label.to_owned()));
    let lines = project
        .vocabulary
        .iter()
        .map(|t| (t.id.clone(), t.label.clone()))
        .chain(discourse)
        .filter(|(id, _)| drawn.contains(id))
        .take(14);
    for (i, (id, label)) in lines.enumerate() {
        let at = rect.left_top() + vec2(9.0, legend_top + i as f32 * 18.0);
        painter.line_segment(
            [at, at + vec2(14.0, 0.0)],
            egui::Stroke::new(3.0, color(type_color(project, &id))),
        );
        bidi_label::paint_from_left(painter, text, &label, 12.0, at + vec2(20.0, 0.0), weak);
    }
}
