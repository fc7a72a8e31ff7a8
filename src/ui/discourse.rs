//! The discourse network on the desk: actors tied by the concepts they
//! agree on (green) or disagree on (red), as DNA computes it, computed off
//! the UI thread; the relations filter's dates and actor kind apply; a
//! slider steps through time windows.

use super::bidi_label;
use super::intents::Intents;
use super::network::NetworkView;
use super::text_resources::TextResources;
use crate::graph::discourse::{CONGRUENCE, Picture, Shared, Ties, pictures};
use crate::model::relation_query::RelationQuery;
use crate::model::{ActorKind, Project, RelationTypeId, Stance};
use crate::network::{Duplicates, Normalization, Options};
use std::sync::mpsc::{Receiver, TryRecvError};

/// What the analyst chose.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Choice {
    ties: Ties,
    actor_kind: Option<ActorKind>,
    duplicates: Duplicates,
    normalization: Normalization,
    /// A moving window's length in days, if any.
    window: Option<u32>,
}

impl Default for Choice {
    fn default() -> Self {
        Self {
            ties: Ties::Both,
            actor_kind: None,
            duplicates: Duplicates::Include,
            normalization: Normalization::No,
            window: None,
        }
    }
}

/// A computation running: for which revision and choice, and its answer to come.
type Pending = (u64, Choice, Options, Receiver<Result<Vec<Picture>, String>>);

#[derive(Default)]
pub struct DiscourseView {
    choice: Choice,
    pub view: NetworkView,
    /// The pictures of the last computation, and what they were computed from.
    pictures: Vec<Picture>,
    computed: Option<(u64, Choice, Options)>,
    pending: Option<Pending>,
    /// The window shown.
    pub at: usize,
    /// Counts the computations taken, so the view knows a new one.
    generation: u64,
    problem: Option<String>,
    /// An export asked for in the toolbar, passed on as an intent.
    export: Option<crate::network::Format>,
}

impl DiscourseView {
    fn options(&self, query: &RelationQuery) -> Options {
        Options {
            actor_kind: self.choice.actor_kind.or(query.actor_kind),
            duplicates: self.choice.duplicates,
            normalization: self.choice.normalization,
            from: query.from,
            to: query.to,
            window: self.choice.window.map(|w| (w, (w / 2).max(1))),
            ..Options::default()
        }
    }

    /// The options of an export of what is shown: one network (the window
    /// series as one CSV when windows are on), agreement as congruence,
    /// disagreement as conflict, both as their difference (DNA's subtract).
    pub fn export_options(&self, query: &RelationQuery) -> Options {
        Options {
            mode: crate::network::Mode::OneMode,
            aggregation: match self.choice.ties {
                Ties::Both => crate::network::Aggregation::Subtract,
                Ties::Congruence => crate::network::Aggregation::Congruence,
                Ties::Conflict => crate::network::Aggregation::Conflict,
            },
            ..self.options(query)
        }
    }

    /// Blocks until a computation under way has answered; the next frame takes it.
    pub fn wait(&mut self) {
        if let Some((revision, choice, options, rx)) = self.pending.take() {
            let answer = rx
                .recv()
                .unwrap_or_else(|_| Err("the computation stopped".to_owned()));
            let (tx, again) = std::sync::mpsc::channel();
            let _ = tx.send(answer);
            self.pending = Some((revision, choice, options, again));
        }
    }

    /// Whether the pictures are being computed.
    pub fn busy(&self) -> bool {
        self.pending.is_some()
    }

    pub fn pictures(&self) -> &[Picture] {
        &self.pictures
    }

    /// Starts a computation when the project or the choice changed, and takes a finished one.
    fn refresh(
        &mut self,
        ctx: &egui::Context,
        project: &Project,
        revision: u64,
        query: &RelationQuery,
    ) {
        let options = self.options(query);
        let wanted = (revision, self.choice.clone(), options.clone());
        let current = self.computed.as_ref().is_some_and(|c| *c == wanted);
        let running = self
            .pending
            .as_ref()
            .is_some_and(|(r, c, o, _)| (*r, c, o) == (revision, &self.choice, &options));
        if !current && !running {
            let (tx, rx) = std::sync::mpsc::channel();
            // Its lists are shared: the copy costs nothing, the work leaves the window free.
            let snapshot = project.clone();
            let ties = self.choice.ties;
            let opts = options.clone();
            let waker = ctx.clone();
            std::thread::spawn(move || {
                let made = pictures(&snapshot, &opts, ties).map_err(|e| e.to_string());
                let _ = tx.send(made);
                waker.request_repaint();
            });
            self.pending = Some((revision, self.choice.clone(), options, rx));
        }
        let finished = match &self.pending {
            Some((.., rx)) => match rx.try_recv() {
                Ok(made) => Some(made),
                Err(TryRecvError::Empty) => None,
                Err(TryRecvError::Disconnected) => Some(Err("the computation stopped".to_owned())),
            },
            None => None,
        };
        if let Some(made) = finished
            && let Some((revision, choice, options, _)) = self.pending.take()
        {
            match made {
                Ok(pictures) => {
                    self.pictures = pictures;
                    self.generation += 1;
                    self.problem = None;
                }
                Err(e) => {
                    self.pictures.clear();
                    self.problem = Some(e);
                }
            }
            self.at = self.at.min(self.pictures.len().saturating_sub(1));
            self.computed = Some((revision, choice, options));
        }
    }

    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        text: &mut TextResources,
        project: &Project,
        revision: u64,
        query: &RelationQuery,
        intents: &mut Intents,
    ) {
        self.refresh(ui.ctx(), project, revision, query);
        self.controls(ui);
        if let Some(format) = self.export.take() {
            intents.push(super::intents::Intent::ExportDiscourse(format));
        }
        if let Some(problem) = &self.problem {
            ui.colored_label(ui.visuals().error_fg_color, problem);
        }
        if self.pictures.len() > 1 {
            ui.horizontal(|ui| {
                let last = self.pictures.len() - 1;
                ui.add(egui::Slider::new(&mut self.at, 0..=last).text("window"));
                if let Some(w) = self.pictures.get(self.at).and_then(|p| p.window) {
                    let day = |d| crate::model::Date::from_day(d).to_string();
                    ui.label(format!("{} – {}", day(w.start), day(w.stop)));
                }
            });
        }
        let at = self.at.min(self.pictures.len().saturating_sub(1));
        // Each picture is installed once: a new computation or another window changes the key.
        let key = self
            .generation
            .wrapping_mul(1_000_003)
            .wrapping_add(at as u64 + 1);
        if let Some(picture) = self.pictures.get(at) {
            if !self.view.shows(key) {
                let graph = crate::graph::ActorGraph::from_parts(
                    picture.graph.nodes().cloned().collect(),
                    picture
                        .graph
                        .ties()
                        .map(|(a, b, t)| (a.clone(), b.clone(), t.clone()))
                        .collect(),
                );
                self.view.install(key, &[], graph);
            }
            ui.weak(format!(
                "{} actors, {} ties from {} statements{}",
                picture.graph.node_count(),
                picture.graph.tie_count(),
                picture.statements,
                if self.busy() { " (updating…)" } else { "" }
            ));
        } else if self.busy() {
            ui.weak("Computing the discourse network…");
        }
        self.view.canvas(
            ui,
            text,
            project,
            intents,
            "No statements pass the filter: code claims with a speaker.",
        );
    }

    fn controls(&mut self, ui: &mut egui::Ui) {
        ui.horizontal_wrapped(|ui| {
            for (ties, name, tip) in [
                (
                    Ties::Both,
                    "Agree and disagree",
                    "Green: concepts both take the same stance on; red: opposite stances",
                ),
                (Ties::Congruence, "Agree", "DNA's congruence network"),
                (Ties::Conflict, "Disagree", "DNA's conflict network"),
            ] {
                ui.selectable_value(&mut self.choice.ties, ties, name)
                    .on_hover_text(tip);
            }
            ui.separator();
            egui::ComboBox::from_id_salt("discourse-actors")
                .selected_text(self.choice.actor_kind.map_or("speakers", ActorKind::label))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.choice.actor_kind, None, "speakers");
                    for kind in ActorKind::ALL {
                        ui.selectable_value(&mut self.choice.actor_kind, Some(kind), kind.label())
                            .on_hover_text(
                                "The speaker or the one spoken for, whichever is of this kind",
                            );
                    }
                })
                .response
                .on_hover_text("Which actor of each claim is a node")
                .widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Actors of the network")
                });
            egui::ComboBox::from_id_salt("discourse-duplicates")
                .selected_text(duplicates_label(self.choice.duplicates))
                .show_ui(ui, |ui| {
                    for d in [
                        Duplicates::Include,
                        Duplicates::Document,
                        Duplicates::Week,
                        Duplicates::Month,
                        Duplicates::Year,
                        Duplicates::All,
                    ] {
                        ui.selectable_value(&mut self.choice.duplicates, d, duplicates_label(d));
                    }
                })
                .response
                .on_hover_text(
                    "Repeated statements (same actor, concept, stance) counted once per…",
                );
            egui::ComboBox::from_id_salt("discourse-normalise")
                .selected_text(normalization_label(self.choice.normalization))
                .show_ui(ui, |ui| {
                    for n in [
                        Normalization::No,
                        Normalization::Average,
                        Normalization::Jaccard,
                        Normalization::Cosine,
                    ] {
                        ui.selectable_value(
                            &mut self.choice.normalization,
                            n,
                            normalization_label(n),
                        );
                    }
                });
            let mut windows = self.choice.window.is_some();
            if ui
                .checkbox(&mut windows, "Time windows")
                .on_hover_text(
                    "One network per moving window of days; the slider steps through them",
                )
                .changed()
            {
                self.choice.window = windows.then_some(30);
            }
            if let Some(days) = &mut self.choice.window {
                ui.add(egui::DragValue::new(days).range(2..=3650).suffix(" days"));
            }
            ui.separator();
            ui.menu_button("Export…", |ui| {
                use crate::network::Format;
                for (format, label) in [
                    (Format::Csv, "Matrix as CSV (R, pandas)"),
                    (Format::Graphml, "GraphML (Gephi, networkx)"),
                    (Format::Dl, "UCINET DL (UCINET, igraph)"),
                    (Format::Events, "Statements as an event list (CSV)"),
                ] {
                    if ui.button(label).clicked() {
                        self.export = Some(format);
                        ui.close();
                    }
                }
            });
        });
    }
}

fn duplicates_label(d: Duplicates) -> &'static str {
    match d {
        Duplicates::Include => "every statement",
        Duplicates::Document => "once per article",
        Duplicates::Week => "once per week",
        Duplicates::Month => "once per month",
        Duplicates::Year => "once per year",
        Duplicates::All => "once in all",
    }
}

fn normalization_label(n: Normalization) -> &'static str {
    match n {
        Normalization::No => "counts",
        Normalization::Average => "average",
        Normalization::Jaccard => "Jaccard",
        Normalization::Cosine => "cosine",
        Normalization::Activity => "activity",
        Normalization::Prominence => "prominence",
    }
}

/// A discourse tie's card: both actors, agreeing or not, and on what.
pub(super) fn tie_card(
    ui: &mut egui::Ui,
    text: &mut TextResources,
    (a, b): (&str, &str),
    kind: &RelationTypeId,
    shared: &Shared,
) {
    let agree = kind.as_str() == CONGRUENCE;
    // Narrow enough to stay on screen: each name on its own line, long ones cut with an ellipsis.
    ui.set_max_width(440.0);
    ui.strong(if agree { "Agree" } else { "Disagree" });
    bidi_label::show(ui, text, a, 14.0);
    bidi_label::show(ui, text, b, 14.0);
    let weight = if shared.weight.fract() == 0.0 {
        format!("{}", shared.weight)
    } else {
        format!("{:.3}", shared.weight)
    };
    ui.label(format!(
        "weight {weight}, on {} concept(s):",
        shared.concepts.len()
    ));
    let stances = |s: &[Stance]| s.iter().map(|x| x.label()).collect::<Vec<_>>().join("/");
    let weak = ui.visuals().weak_text_color();
    for (concept, sa, sb) in shared.concepts.iter().take(8) {
        bidi_label::show_wrapped(ui, text, concept, 13.0);
        // Names isolated: each side's stance stays beside its own name.
        let line = format!(
            "\u{2068}{}\u{2069}: {}; \u{2068}{}\u{2069}: {}",
            short(a),
            stances(sa),
            short(b),
            stances(sb)
        );
        bidi_label::show_colored(ui, text, &line, 12.0, weak);
    }
    if shared.concepts.len() > 8 {
        ui.weak(format!("and {} more", shared.concepts.len() - 8));
    }
}

/// A name short enough for a line of the card.
fn short(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() > 3 {
        format!("{}…", words[..3].join(" "))
    } else {
        name.to_owned()
    }
}

/// A network (or the statements) of `project` as the file `format` writes.
pub(super) fn written(
    project: &Project,
    options: &Options,
    format: crate::network::Format,
) -> Result<String, String> {
    use crate::network::{self as net, Format};
    if format == Format::Events {
        let found = net::statements(project, options).map_err(|e| e.to_string())?;
        return Ok(net::write_events(&found.filtered));
    }
    let series = net::compute(project, options).map_err(|e| e.to_string())?;
    if options.window.is_some() {
        return match format {
            Format::Csv => Ok(net::write_series(&series)),
            _ => Err("a series of time windows is written as one CSV table; turn windows off for GraphML or DL".to_owned()),
        };
    }
    let (_, network) = series
        .networks
        .first()
        .ok_or_else(|| "no statement passes the filter".to_owned())?;
    let kind = options.actor_kind.map_or("actor", ActorKind::label);
    Ok(match format {
        Format::Graphml => net::write_graphml(network, kind, kind),
        Format::Dl => net::write_dl(network),
        _ => net::write_csv(network),
    })
}
