//! The timeline: relations on a time axis, one lane per relation type or per
//! actor, the articles' publication days as dashed lines. The wheel zooms the
//! time axis about the pointer, a right- or middle-drag pans it, and a drag
//! across the axis selects a stretch of time that then filters the relations
//! table and the network. A click on a mark opens its relation.
#![expect(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "day numbers (a few centuries) to pixels and back, lane counts of a visible plot"
)]

use super::bidi_label;
use super::intents::{Intent, Intents};
use super::text_resources::TextResources;
use crate::graph::style::type_color;
use crate::graph::timeline::{Lanes, Timeline, date_filter};
use crate::model::relation_query::RelationQuery;
use crate::model::{Date, Project};
use egui::{Color32, Pos2, Rect, Sense, Stroke, pos2, vec2};

const LANE_HEIGHT: f32 = 24.0;
const LABEL_WIDTH: f32 = 190.0;
const AXIS_HEIGHT: f32 = 24.0;
/// Room under the lanes for the publication marks' titles.
const FOOT_HEIGHT: f32 = 22.0;

pub struct TimelineView {
    pub lanes: Lanes,
    /// The timeline of the relations shown, for a revision and a way of grouping lanes.
    shown: super::derived::Derived<(u64, Vec<usize>, Lanes), Timeline>,
    /// The days in view, as fractional days since 1970-01-01.
    pub window: Option<(f64, f64)>,
    /// First lane drawn, when there are more lanes than room.
    first_lane: usize,
    selecting: Option<f64>,
    /// The plot area as last drawn (right of the lane names).
    pub plot: Rect,
    /// The relation whose mark is outlined and named in the tooltip.
    pub hovered: Option<usize>,
}

impl Default for TimelineView {
    fn default() -> Self {
        Self {
            lanes: Lanes::ByType,
            shown: super::derived::Derived::default(),
            window: None,
            first_lane: 0,
            selecting: None,
            plot: Rect::NOTHING,
            hovered: None,
        }
    }
}

impl TimelineView {
    pub fn timeline(&mut self, project: &Project, revision: u64, relations: &[usize]) -> &Timeline {
        let lanes = self.lanes;
        self.shown
            .get_or_make((revision, relations.to_vec(), lanes), |_| {
                Timeline::new(project, relations, lanes)
            })
    }

    /// The screen x of a day (tests click there).
    pub fn x_of(&self, day: f64) -> Option<f32> {
        let (lo, hi) = self.window?;
        Some(self.plot.left() + ((day - lo) / (hi - lo)) as f32 * self.plot.width())
    }

    fn day_at(&self, x: f32) -> Option<f64> {
        let (lo, hi) = self.window?;
        Some(lo + f64::from((x - self.plot.left()) / self.plot.width()) * (hi - lo))
    }

    /// The screen y of the middle of a lane, if it is drawn.
    pub fn lane_y(&self, lane: usize) -> Option<f32> {
        let row = lane.checked_sub(self.first_lane)?;
        let y = self.plot.top() + (row as f32 + 0.5) * LANE_HEIGHT;
        (y < self.plot.bottom()).then_some(y)
    }

    fn fit(&mut self) {
        let span = self.shown.get().and_then(Timeline::span);
        self.window = span.map(|(lo, hi)| {
            let pad = ((hi - lo) as f64 * 0.04).max(3.0);
            (lo as f64 - pad, hi as f64 + pad)
        });
    }

    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        text: &mut TextResources,
        document: &crate::app::Document,
        relations: &[usize],
        query: &mut RelationQuery,
        intents: &mut Intents,
    ) {
        let (project, revision) = (&document.project(), document.revisions().graph());
        self.timeline(project, revision, relations);
        self.toolbar(ui, query);
        // The lanes may have changed with the buttons above.
        self.timeline(project, revision, relations);
        if self.window.is_none() {
            self.fit();
        }
        let (rect, response) = ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, "Timeline"));
        let plot = Rect::from_min_max(
            pos2(rect.left() + LABEL_WIDTH, rect.top() + AXIS_HEIGHT),
            pos2(rect.right() - 10.0, rect.bottom() - FOOT_HEIGHT),
        );
        self.plot = plot;
        let painter = ui.painter_at(rect);
        painter.rect_filled(rect, 0.0, ui.visuals().extreme_bg_color);
        let Some((lo, hi)) = self.window else {
            painter.text(
                rect.center(),
                egui::Align2::CENTER_CENTER,
                "No dated relations pass the filter.",
                egui::FontId::proportional(14.0),
                ui.visuals().weak_text_color(),
            );
            return;
        };
        self.handle_input(ui, &response, rect, query, intents);
        let Some((lo, hi)) = self.window.or(Some((lo, hi))) else {
            return;
        };
        let Some(timeline) = self.shown.get() else {
            return;
        };
        let visible_lanes = ((plot.height() / LANE_HEIGHT).floor() as usize).max(1);
        self.first_lane = self
            .first_lane
            .min(timeline.lanes.len().saturating_sub(visible_lanes));
        let x = |day: f64| plot.left() + ((day - lo) / (hi - lo)) as f32 * plot.width();
        let weak = ui.visuals().weak_text_color();
        let strong = ui.visuals().text_color();

        // The stretch of time the table is filtered to.
        if query.from.is_some() || query.to.is_some() {
            let from = query.from.map_or(lo, |d| d.day_range().0 as f64);
            let to = query.to.map_or(hi, |d| d.day_range().1 as f64);
            let band = Rect::from_x_y_ranges(
                x(from).max(plot.left())..=x(to).min(plot.right()),
                plot.y_range(),
            );
            painter.rect_filled(
                band,
                0.0,
                ui.visuals().selection.bg_fill.gamma_multiply(0.35),
            );
        }
        if let (Some(start), Some(now)) = (self.selecting, response.interact_pointer_pos()) {
            let (a, b) = (x(start), now.x.clamp(plot.left(), plot.right()));
            let band = Rect::from_x_y_ranges(a.min(b)..=a.max(b), plot.y_range());
            painter.rect_filled(
                band,
                0.0,
                ui.visuals().selection.bg_fill.gamma_multiply(0.6),
            );
        }

        for (tick, label) in ticks(lo, hi, plot.width()) {
            let tx = x(tick);
            painter.line_segment(
                [pos2(tx, plot.top()), pos2(tx, plot.bottom())],
                Stroke::new(1.0, weak.gamma_multiply(0.25)),
            );
            painter.text(
                pos2(tx + 3.0, rect.top() + 4.0),
                egui::Align2::LEFT_TOP,
                label,
                egui::FontId::proportional(12.0),
                weak,
            );
        }
        paint_lanes(
            &painter,
            text,
            &timeline.lanes,
            (self.first_lane, visible_lanes),
            (plot, rect),
            (strong, weak),
        );
        let hover = response.hover_pos();
        let mut hovered_mark = None;
        for mark in &timeline.marks {
            let Some(row) = mark.lane.checked_sub(self.first_lane) else {
                continue;
            };
            if row >= visible_lanes {
                continue;
            }
            let (a, b) = (x(mark.start as f64), x(mark.end as f64));
            if b < plot.left() || a > plot.right() {
                continue;
            }
            let cy = plot.top() + (row as f32 + 0.5) * LANE_HEIGHT;
            let relation = &project.relations[mark.relation];
            let rgb = type_color(project, &relation.kind);
            let fill = Color32::from_rgb(rgb[0], rgb[1], rgb[2]);
            // A day is a dot; a month or a year known only roughly is a bar over it.
            let shape = if b - a < 8.0 {
                Rect::from_center_size(pos2(f32::midpoint(a, b), cy), vec2(9.0, 9.0))
            } else {
                Rect::from_x_y_ranges(a..=b, cy - 4.0..=cy + 4.0)
            };
            if b - a < 8.0 {
                painter.circle_filled(shape.center(), 4.5, fill);
            } else {
                painter.rect_filled(shape, 2.0, fill.gamma_multiply(0.55));
            }
            if hover.is_some_and(|h| shape.expand(3.0).contains(h)) {
                hovered_mark = Some(mark.relation);
                painter.rect_stroke(
                    shape.expand(2.0),
                    2.0,
                    Stroke::new(1.5, strong),
                    egui::StrokeKind::Outside,
                );
            }
        }
        paint_publications(
            &painter,
            text,
            &timeline.publications,
            &x,
            (plot, rect),
            (strong, weak),
        );
        self.hovered = hovered_mark;
        if let Some(i) = hovered_mark {
            let relation = &project.relations[i];
            let label = project.relation_words(relation);
            let date = relation.date.map(|d| d.to_string()).unwrap_or_default();
            response.on_hover_ui_at_pointer(|ui| {
                bidi_label::show_wrapped(ui, text, &label, 14.0);
                ui.label(format!(
                    "{date}, {} source(s). Click: open it.",
                    relation.sources.len()
                ));
            });
        }
    }

    /// The lane choice, fit, clearing the time range, and how many marks there are.
    fn toolbar(&mut self, ui: &mut egui::Ui, query: &mut RelationQuery) {
        ui.horizontal(|ui| {
            ui.label("lanes:");
            ui.selectable_value(&mut self.lanes, Lanes::ByType, "by relation type");
            ui.selectable_value(&mut self.lanes, Lanes::ByActor, "by actor");
            if ui.button("Fit").on_hover_text("Show all of time").clicked() {
                self.window = None;
            }
            if (query.from.is_some() || query.to.is_some())
                && ui
                    .button("Clear time range")
                    .on_hover_text("Stop filtering by date")
                    .clicked()
            {
                query.from = None;
                query.to = None;
            }
            if let Some(t) = self.shown.get() {
                ui.weak(format!("{} dated, {} undated", t.marks.len(), t.undated))
                    .on_hover_text(
                        "Drag across the axis to filter the table and the network by time; \
                         the wheel zooms, a right-drag pans, the wheel over the lane names scrolls them.",
                    );
            }
        });
    }

    fn handle_input(
        &mut self,
        ui: &egui::Ui,
        response: &egui::Response,
        rect: Rect,
        query: &mut RelationQuery,
        intents: &mut Intents,
    ) {
        let Some((lo, hi)) = self.window else {
            return;
        };
        let plot = self.plot;
        if let Some(at) = response.hover_pos() {
            let (scroll, pinch) = ui.input(|i| (i.smooth_scroll_delta, i.zoom_delta()));
            if at.x < plot.left() {
                // Over the lane names the wheel scrolls the lanes.
                if scroll.y.abs() > 0.5 {
                    let step = (scroll.y / LANE_HEIGHT).round() as isize;
                    self.first_lane = self.first_lane.saturating_add_signed(-step);
                }
            } else {
                let factor = f64::from(pinch) * f64::from(-scroll.y * 0.002).exp();
                if let Some(pivot) = self.day_at(at.x)
                    && (factor - 1.0).abs() > 1e-4
                {
                    let (a, b) = (pivot - (pivot - lo) * factor, pivot + (hi - pivot) * factor);
                    if b - a > 2.0 {
                        self.window = Some((a, b));
                    }
                }
                if scroll.x.abs() > 0.5 {
                    self.pan_by(scroll.x);
                }
            }
        }
        let secondary = ui.input(|i| {
            i.pointer.button_down(egui::PointerButton::Secondary)
                || i.pointer.button_down(egui::PointerButton::Middle)
        });
        if response.dragged() && secondary {
            self.pan_by(response.drag_delta().x);
            self.selecting = None;
            return;
        }
        let pointer = response.interact_pointer_pos();
        // The stretch starts where the button went down, not where the drag was first noticed.
        let origin = ui.input(|i| i.pointer.press_origin());
        if response.drag_started()
            && let Some(origin) = origin
            && plot.x_range().contains(origin.x)
            && rect.contains(origin)
        {
            self.selecting = self.day_at(origin.x);
        }
        if response.drag_stopped()
            && let Some(start) = self.selecting.take()
            && let Some(end) =
                pointer.and_then(|p| self.day_at(p.x.clamp(plot.left(), plot.right())))
        {
            let (from, to) = date_filter(start.floor() as i64, end.floor() as i64);
            query.from = Some(from);
            query.to = Some(to);
        }
        if response.clicked()
            && let Some(at) = pointer
            && let Some(relation) = self.mark_at(at)
        {
            intents.push(Intent::ShowRelation(relation));
        }
    }

    fn pan_by(&mut self, pixels: f32) {
        if let Some((lo, hi)) = self.window {
            let days = f64::from(pixels / self.plot.width()) * (hi - lo);
            self.window = Some((lo - days, hi - days));
        }
    }

    /// The relation whose mark is under `at`: of marks drawn over each
    /// other (several relations on one day), the one drawn last — the one
    /// the pointer's tooltip names, so a click opens what was shown.
    pub fn mark_at(&self, at: Pos2) -> Option<usize> {
        let timeline = self.shown.get()?;
        timeline.marks.iter().rev().find_map(|mark| {
            let y = self.lane_y(mark.lane)?;
            let (a, b) = (self.x_of(mark.start as f64)?, self.x_of(mark.end as f64)?);
            let shape = if b - a < 8.0 {
                Rect::from_center_size(pos2(f32::midpoint(a, b), y), vec2(9.0, 9.0))
            } else {
                Rect::from_x_y_ranges(a..=b, y - 4.0..=y + 4.0)
            };
            shape.expand(3.0).contains(at).then_some(mark.relation)
        })
    }
}

/// Labelled ticks for the days `lo..hi` across `width` pixels, at least ~80 px apart.
fn ticks(lo: f64, hi: f64, width: f32) -> Vec<(f64, String)> {
    let days_per_pixel = (hi - lo) / f64::from(width.max(1.0));
    let room = days_per_pixel * 80.0;
    let (first, last) = (
        Date::from_day(lo.floor() as i64),
        Date::from_day(hi.ceil() as i64),
    );
    let mut out = Vec::new();
    if room <= 20.0 {
        let step = if room <= 1.0 {
            1
        } else if room <= 7.0 {
            7
        } else {
            14
        };
        let mut day = lo.floor() as i64;
        while (day as f64) <= hi {
            if step == 1 || day.rem_euclid(step) == 0 {
                out.push((day as f64, Date::from_day(day).to_string()));
            }
            day += 1;
        }
    } else if room <= 370.0 {
        let every = if room <= 31.0 {
            1
        } else if room <= 92.0 {
            3
        } else {
            6
        };
        let (mut year, mut month) = (first.year, 1_u8);
        while (year, month) <= (last.year, last.month.unwrap_or(12)) {
            if (month - 1) % every == 0 {
                let date = Date {
                    year,
                    month: Some(month),
                    day: None,
                };
                let day = date.day_range().0 as f64;
                if day >= lo && day <= hi {
                    out.push((day, date.to_string()));
                }
            }
            (year, month) = if month == 12 {
                (year + 1, 1)
            } else {
                (year, month + 1)
            };
        }
    } else {
        let every = ((room / 365.0).ceil() as i32).max(1);
        for year in first.year..=last.year + 1 {
            if year.rem_euclid(every) == 0 {
                let date = Date {
                    year,
                    month: None,
                    day: None,
                };
                let day = date.day_range().0 as f64;
                if day >= lo && day <= hi {
                    out.push((day, year.to_string()));
                }
            }
        }
    }
    out
}

/// The articles' publication days under the axis, each with its title, none over another.
fn paint_publications(
    painter: &egui::Painter,
    text: &mut TextResources,
    publications: &[crate::graph::timeline::Publication],
    x: &dyn Fn(f64) -> f32,
    (plot, rect): (Rect, Rect),
    (strong, weak): (Color32, Color32),
) {
    let mut titled: Vec<Rect> = Vec::new();
    for publication in publications {
        let px = x(publication.day as f64 + 0.5);
        if px < plot.left() || px > plot.right() {
            continue;
        }
        let mut y = plot.top();
        while y < plot.bottom() {
            painter.line_segment(
                [pos2(px, y), pos2(px, (y + 4.0).min(plot.bottom()))],
                Stroke::new(1.0, strong.gamma_multiply(0.6)),
            );
            y += 8.0;
        }
        let foot = pos2(px, plot.bottom() + 2.0);
        painter.add(egui::Shape::convex_polygon(
            vec![foot, foot + vec2(-5.0, 8.0), foot + vec2(5.0, 8.0)],
            strong.gamma_multiply(0.8),
            Stroke::NONE,
        ));
        let full = text
            .labels
            .get(&mut text.engine, &publication.title, 11.0)
            .width;
        let width = full.min(plot.width() / 3.0);
        let left = (px + 8.0).min(rect.right() - width);
        let place = Rect::from_min_size(pos2(left, plot.bottom() + 3.0), vec2(width, 16.0));
        if titled.iter().any(|t| t.intersects(place)) {
            continue;
        }
        titled.push(place);
        bidi_label::paint_centered(
            &painter.with_clip_rect(place.intersect(rect)),
            text,
            &publication.title,
            11.0,
            // Arabic titles begin at the right: a title cut short keeps its beginning.
            pos2(place.right() - full / 2.0, plot.bottom() + 3.0),
            weak,
        );
    }
}

/// The lanes in view: striped, each named at the left (right-aligned against the plot).
fn paint_lanes(
    painter: &egui::Painter,
    text: &mut TextResources,
    lanes: &[crate::graph::timeline::Lane],
    (first_lane, visible_lanes): (usize, usize),
    (plot, rect): (Rect, Rect),
    (strong, weak): (Color32, Color32),
) {
    for (row, lane) in lanes
        .iter()
        .enumerate()
        .skip(first_lane)
        .take(visible_lanes)
    {
        let y = plot.top() + (row - first_lane) as f32 * LANE_HEIGHT;
        if row % 2 == 1 {
            painter.rect_filled(
                Rect::from_min_size(pos2(rect.left(), y), vec2(rect.width(), LANE_HEIGHT)),
                0.0,
                weak.gamma_multiply(0.06),
            );
        }
        // Lane names are right-aligned against the plot; Arabic reads right to left.
        let width = text.labels.get(&mut text.engine, &lane.label, 13.0).width;
        let name_width = width.min(LABEL_WIDTH - 12.0);
        let clip = painter.with_clip_rect(Rect::from_min_size(
            pos2(rect.left() + 4.0, y),
            vec2(LABEL_WIDTH - 10.0, LANE_HEIGHT),
        ));
        bidi_label::paint_centered(
            &clip,
            text,
            &lane.label,
            13.0,
            pos2(plot.left() - 8.0 - name_width / 2.0, y + 3.0),
            strong,
        );
    }
}
