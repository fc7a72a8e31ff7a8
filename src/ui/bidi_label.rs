//! A one-line label for user text, laid out by the bidi engine: egui's own
//! `Label` puts the words of Arabic text in left-to-right order.

use super::text_resources::TextResources;
use crate::text::paint::paint_lines;
use egui::{Align2, FontId, Sense, vec2};

/// Shows `label` on one line; right-to-left text reads right to left. Wider
/// than the space left, it is cut at its logical end with "…" (on the left for
/// Arabic) and the whole text goes in a tooltip.
pub fn show(
    ui: &mut egui::Ui,
    text: &mut TextResources,
    label: &str,
    font_size: f32,
) -> egui::Response {
    show_marked(ui, text, label, font_size, None)
}

/// `show` with the characters `mark` (code points of `label`) marked, as a
/// search hit is in its line.
pub fn show_marked(
    ui: &mut egui::Ui,
    text: &mut TextResources,
    label: &str,
    font_size: f32,
    mark: Option<std::ops::Range<usize>>,
) -> egui::Response {
    let color = ui.visuals().text_color();
    show_styled(ui, text, label, font_size, mark, color)
}

/// `show` in `color` (an error in the status bar).
pub fn show_colored(
    ui: &mut egui::Ui,
    text: &mut TextResources,
    label: &str,
    font_size: f32,
    color: egui::Color32,
) -> egui::Response {
    show_styled(ui, text, label, font_size, None, color)
}

fn show_styled(
    ui: &mut egui::Ui,
    text: &mut TextResources,
    label: &str,
    font_size: f32,
    mark: Option<std::ops::Range<usize>>,
    color: egui::Color32,
) -> egui::Response {
    let TextResources {
        engine,
        atlas,
        labels,
        ..
    } = text;
    let layout = labels.get(engine, label, font_size);
    let available = ui.available_width().max(font_size * 2.0);
    let truncated = layout.width > available;
    let width = layout.width.min(available);
    let (rect, response) = ui.allocate_exact_size(vec2(width, layout.height), Sense::hover());
    let rtl = layout.lines.first().is_some_and(|l| l.rtl);
    if ui.is_rect_visible(rect) {
        let ellipsis_width = font_size;
        let (clip, origin_x) = match (truncated, rtl) {
            (false, _) => (rect, rect.left() - layout.ink_left),
            (true, true) => (
                rect.with_min_x(rect.left() + ellipsis_width),
                rect.right() - layout.width - layout.ink_left,
            ),
            (true, false) => (
                rect.with_max_x(rect.right() - ellipsis_width),
                rect.left() - layout.ink_left,
            ),
        };
        let painter = ui.painter().with_clip_rect(clip.intersect(ui.clip_rect()));
        if let Some(mark) = mark.filter(|m| !m.is_empty()) {
            let fill = ui.visuals().selection.bg_fill.gamma_multiply(0.55);
            for r in layout.range_rects(mark) {
                painter.rect_filled(r.translate(vec2(origin_x, rect.top())), 2.0, fill);
            }
        }
        paint_lines(
            &painter,
            engine,
            atlas,
            layout,
            0..layout.lines.len(),
            egui::pos2(origin_x, rect.top()),
            color,
        );
        if truncated {
            let (pos, align) = if rtl {
                (rect.left_center(), Align2::LEFT_CENTER)
            } else {
                (rect.right_center(), Align2::RIGHT_CENTER)
            };
            ui.painter().text(
                pos,
                align,
                "…",
                FontId::proportional(font_size * 0.8),
                color,
            );
        }
    }
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, label));
    if truncated {
        let full = label.to_owned();
        return response.on_hover_ui(|ui| {
            ui.set_max_width(600.0);
            show(ui, text, &full, font_size);
        });
    }
    response
}

/// `label` in as many lines as the space allows (a tooltip naming two
/// actors and a relation): it wraps where a browser would, never cutting a
/// word, and right-to-left text keeps to the right edge.
pub fn show_wrapped(
    ui: &mut egui::Ui,
    text: &mut TextResources,
    label: &str,
    font_size: f32,
) -> egui::Response {
    let available = ui.available_width().max(font_size * 4.0);
    let natural = text.labels.get(&mut text.engine, label, font_size).width;
    if natural <= available {
        return show(ui, text, label, font_size);
    }
    let TextResources {
        engine,
        atlas,
        labels,
        ..
    } = text;
    let layout = labels.get_wrapped(engine, label, font_size, Some(available));
    let (rect, response) = ui.allocate_exact_size(vec2(available, layout.height), Sense::hover());
    if ui.is_rect_visible(rect) {
        paint_lines(
            ui.painter(),
            engine,
            atlas,
            layout,
            0..layout.lines.len(),
            rect.left_top(),
            ui.visuals().text_color(),
        );
    }
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, label));
    response
}

/// Paints `label` on one line starting at `left_center` (its left edge,
/// middle height), with no widget of its own (a legend); returns its rectangle.
pub fn paint_from_left(
    painter: &egui::Painter,
    text: &mut TextResources,
    label: &str,
    font_size: f32,
    left_center: egui::Pos2,
    color: egui::Color32,
) -> egui::Rect {
    let width = text.labels.get(&mut text.engine, label, font_size).width;
    let height = text.labels.get(&mut text.engine, label, font_size).height;
    paint_centered(
        painter,
        text,
        label,
        font_size,
        egui::pos2(left_center.x + width / 2.0, left_center.y - height / 2.0),
        color,
    )
}

/// Paints `label` on one line, centred under `top_center`, with no widget of
/// its own (names in the network); returns the rectangle it covers.
pub fn paint_centered(
    painter: &egui::Painter,
    text: &mut TextResources,
    label: &str,
    font_size: f32,
    top_center: egui::Pos2,
    color: egui::Color32,
) -> egui::Rect {
    let TextResources {
        engine,
        atlas,
        labels,
        ..
    } = text;
    let layout = labels.get(engine, label, font_size);
    let rect = egui::Rect::from_min_size(
        egui::pos2(top_center.x - layout.width / 2.0, top_center.y),
        vec2(layout.width, layout.height),
    );
    if painter.clip_rect().intersects(rect) {
        paint_lines(
            painter,
            engine,
            atlas,
            layout,
            0..layout.lines.len(),
            egui::pos2(rect.left() - layout.ink_left, rect.top()),
            color,
        );
    }
    rect
}
