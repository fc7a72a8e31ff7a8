//! A drop-down whose choices are user text. egui's `ComboBox` lays a
//! multi-word Arabic label out left to right; here the chosen value and every
//! choice are drawn by our bidi labels, so a relation type called
//! «يقطع العلاقات مع» reads as written.

use super::bidi_label;
use super::text_resources::TextResources;
use egui::{Sense, vec2};

/// Shows the picker `name` (its accessible name) at `width`; returns true
/// when a choice was made (then `current` holds it).
pub fn pick<T: Clone + PartialEq>(
    ui: &mut egui::Ui,
    text: &mut TextResources,
    name: &str,
    width: f32,
    current: &mut T,
    choices: &[(T, String)],
) -> bool {
    let shown = choices
        .iter()
        .find(|(value, _)| value == current)
        .map_or("", |(_, label)| label.as_str())
        .to_owned();
    let height = ui.spacing().interact_size.y;
    let (rect, response) = ui.allocate_exact_size(vec2(width, height), Sense::click());
    let visuals = ui.style().interact(&response);
    ui.painter()
        .rect_filled(rect, visuals.corner_radius, visuals.weak_bg_fill);
    ui.painter().rect_stroke(
        rect,
        visuals.corner_radius,
        visuals.bg_stroke,
        egui::StrokeKind::Inside,
    );
    // A small down-pointing triangle, as egui's own combo box draws it.
    let tip = rect.right_center() + vec2(-8.0, 3.0);
    ui.painter().add(egui::Shape::convex_polygon(
        vec![tip + vec2(-4.0, -6.0), tip + vec2(4.0, -6.0), tip],
        visuals.fg_stroke.color,
        egui::Stroke::NONE,
    ));
    let mut inside = ui.new_child(
        egui::UiBuilder::new()
            .max_rect(rect.shrink2(vec2(4.0, 1.0)).with_max_x(rect.right() - 16.0))
            .layout(egui::Layout::right_to_left(egui::Align::Center)),
    );
    bidi_label::show(&mut inside, text, &shown, 13.0);
    response.widget_info(|| {
        let mut info = egui::WidgetInfo::labeled(egui::Role::ComboBox, true, name);
        info.current_text_value = Some(shown.clone());
        info
    });
    let mut chosen = false;
    egui::Popup::menu(&response)
        .width(width.max(160.0))
        .show(|ui| {
            for (value, label) in choices {
                let (row_rect, row) =
                    ui.allocate_exact_size(vec2(ui.available_width(), height), Sense::click());
                let mut cell = ui.new_child(
                    egui::UiBuilder::new()
                        .max_rect(row_rect.shrink2(vec2(4.0, 1.0)))
                        .layout(egui::Layout::right_to_left(egui::Align::Center)),
                );
                bidi_label::show(&mut cell, text, label, 13.0);
                if value == current {
                    ui.painter().rect_filled(
                        row.rect,
                        2.0,
                        ui.visuals().selection.bg_fill.gamma_multiply(0.4),
                    );
                } else if row.hovered() {
                    ui.painter()
                        .rect_filled(row.rect, 2.0, ui.visuals().faint_bg_color);
                }
                let option = label.clone();
                row.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &option));
                if row.clicked() {
                    *current = value.clone();
                    chosen = true;
                    ui.close();
                }
            }
        });
    chosen
}
