//! The actor registry: every actor with its names, filtered as the analyst types.

use super::bidi_label;
use super::intents::{Intent, Intents};
use super::text_field::TextField;
use super::text_resources::TextResources;
use crate::model::coded::Coded;
use crate::model::{Project, arabic};
use egui::{Sense, vec2};

const ROW_HEIGHT: f32 = 46.0;

pub fn show(
    ui: &mut egui::Ui,
    text: &mut TextResources,
    project: &Project,
    coded: &Coded,
    filter: &mut String,
    intents: &mut Intents,
) {
    TextField::singleline(filter, "Filter actors")
        .hint("filter by name or alias")
        .show(ui, text)
        .on_hover_text("Matches any name or alias; diacritics and alef forms are ignored");
    ui.add_space(4.0);
    let actors: Vec<_> = project
        .actors
        .iter()
        .filter(|a| {
            filter.trim().is_empty()
                || a.names()
                    .chain([a.gloss.as_str()])
                    .any(|n| arabic::contains_folded(n, filter.trim()))
        })
        .collect();
    egui::ScrollArea::vertical()
        .id_salt("actors")
        .auto_shrink(false)
        .show_rows(ui, ROW_HEIGHT, actors.len(), |ui, rows| {
            for actor in &actors[rows] {
                let (rect, response) =
                    ui.allocate_exact_size(vec2(ui.available_width(), ROW_HEIGHT), Sense::click());
                if response.hovered() {
                    ui.painter()
                        .rect_filled(rect, 3.0, ui.visuals().faint_bg_color);
                }
                let mut row = ui.new_child(egui::UiBuilder::new().max_rect(rect.shrink(3.0)));
                row.style_mut().interaction.selectable_labels = false;
                row.with_layout(egui::Layout::right_to_left(egui::Align::Min), |ui| {
                    bidi_label::show(ui, text, &actor.name, 15.0);
                });
                row.horizontal(|ui| {
                    if ui
                        .small_button("Mentions…")
                        .on_hover_text("Find other mentions: every place this actor is named but not highlighted yet")
                        .clicked()
                    {
                        intents.push(Intent::FindMentions(actor.id.clone()));
                    }
                    ui.weak(format!(
                        "{} · {} mentions · {} aliases",
                        actor.kind.label(),
                        coded.mentions_of(&actor.id),
                        actor.aliases.len()
                    ));
                });
                let name = actor.name.clone();
                response
                    .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ListItem, true, &name));
                let response = response.on_hover_ui(|ui| {
                    for name in actor
                        .names()
                        .chain((!actor.gloss.is_empty()).then_some(actor.gloss.as_str()))
                    {
                        bidi_label::show(ui, text, name, 14.0);
                    }
                });
                // A click jumps to the next mention (clicked again, the one after);
                // a double click also opens the editor.
                if response.clicked() {
                    intents.push(Intent::ShowMention(actor.id.clone()));
                }
                if response.double_clicked() {
                    intents.push(Intent::EditActor(actor.id.clone()));
                }
                response.context_menu(|ui| {
                    for (label, command) in [
                        ("Edit…", Intent::EditActor(actor.id.clone())),
                        ("Find other mentions", Intent::FindMentions(actor.id.clone())),
                        ("Delete…", Intent::DeleteActor(actor.id.clone())),
                    ] {
                        if ui.button(label).clicked() {
                            intents.push(command);
                            ui.close();
                        }
                    }
                });
            }
        });
}
