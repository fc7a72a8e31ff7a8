//! The conflicts a three-way merge (git's) left in the project: listed with
//! both versions field by field, each settled with one click.

use super::bidi_label;
use super::intents::Intents;
use super::text_resources::TextResources;
use crate::model::Project;
use crate::model::edit::Edit;

/// Draws the list while there are conflicts; returns the choice made.
pub fn show(
    ctx: &egui::Context,
    text: &mut TextResources,
    project: &Project,
    intents: &mut Intents,
) {
    if project.conflicts.is_empty() {
        return;
    }
    let mut chosen = None;
    egui::Window::new(format!("Merge conflicts ({})", project.conflicts.len()))
        .id(egui::Id::unique("merge-conflicts"))
        .default_width(620.0)
        .anchor(egui::Align2::RIGHT_TOP, [-20.0, 80.0])
        .show(ctx, |ui| {
            ui.label(
                "A merge left these for you to choose. Until then your version is in the file.",
            );
            egui::ScrollArea::vertical()
                .max_height(420.0)
                .show(ui, |ui| {
                    for (index, conflict) in project.conflicts.iter().enumerate() {
                        ui.separator();
                        ui.horizontal(|ui| {
                            ui.strong(&conflict.kind);
                            bidi_label::show(ui, text, &conflict.label, 14.0);
                        });
                        ui.weak(&conflict.what);
                        let rows = conflict
                            .fields
                            .iter()
                            .map(|f| (f.name.as_str(), f.mine.as_str(), f.theirs.as_str(), true));
                        super::colleague::field_grid(ui, text, ("conflict", index), rows);
                        ui.horizontal(|ui| {
                            let deletes = |side| conflict.deleted_by == Some(side);
                            let keep = ui.button(if deletes(crate::model::Side::Mine) {
                                "Keep mine (delete it)"
                            } else {
                                "Keep mine"
                            });
                            let name = format!("Keep mine: {}", conflict.id);
                            keep.widget_info(|| {
                                egui::WidgetInfo::labeled(egui::Role::Button, true, &name)
                            });
                            if keep.clicked() {
                                chosen = Some(Edit::ResolveConflict {
                                    index,
                                    side: crate::model::Side::Mine,
                                });
                            }
                            if conflict.theirs.is_some() || deletes(crate::model::Side::Theirs) {
                                let take = ui.button(if deletes(crate::model::Side::Theirs) {
                                    "Take theirs (delete it)"
                                } else {
                                    "Take theirs"
                                });
                                let name = format!("Take theirs: {}", conflict.id);
                                take.widget_info(|| {
                                    egui::WidgetInfo::labeled(egui::Role::Button, true, &name)
                                });
                                if take.clicked() {
                                    chosen = Some(Edit::ResolveConflict {
                                        index,
                                        side: crate::model::Side::Theirs,
                                    });
                                }
                            }
                        });
                    }
                });
        });
    intents.extend(chosen);
}
