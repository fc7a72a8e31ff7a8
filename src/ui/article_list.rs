//! The list of the project's articles: date, title and how much is coded.

use super::bidi_label;
use super::intents::{Intent, Intents};
use super::text_resources::TextResources;
use crate::model::{ArticleId, Project};
use egui::{Sense, vec2};

const ROW_HEIGHT: f32 = 44.0;

pub fn show(
    ui: &mut egui::Ui,
    text: &mut TextResources,
    project: &Project,
    counts: &[usize],
    open: Option<&ArticleId>,
    intents: &mut Intents,
) {
    bidi_label::show(ui, text, &project.title, 16.0);
    ui.separator();
    egui::ScrollArea::vertical().auto_shrink(false).show_rows(
        ui,
        ROW_HEIGHT,
        project.articles.len(),
        |ui, rows| {
            for i in rows {
                let article = &project.articles[i];
                let (rect, response) =
                    ui.allocate_exact_size(vec2(ui.available_width(), ROW_HEIGHT), Sense::click());
                let selected = open == Some(&article.id);
                if selected || response.hovered() {
                    let fill = if selected {
                        ui.visuals().selection.bg_fill
                    } else {
                        ui.visuals().faint_bg_color
                    };
                    ui.painter().rect_filled(rect, 3.0, fill);
                }
                let mut row = ui.new_child(egui::UiBuilder::new().max_rect(rect.shrink(4.0)));
                // Selectable labels would take the click meant for the row.
                row.style_mut().interaction.selectable_labels = false;
                row.horizontal(|ui| {
                    ui.label(article.published.map(|d| d.to_string()).unwrap_or_default());
                    ui.weak(format!(
                        "{} highlights",
                        counts.get(i).copied().unwrap_or(0)
                    ));
                    if !article.outlet.is_empty() {
                        bidi_label::show(ui, text, &article.outlet, 13.0);
                    }
                });
                row.with_layout(egui::Layout::right_to_left(egui::Align::Min), |ui| {
                    bidi_label::show(ui, text, &article.title, 14.0);
                });
                let title = article.title.clone();
                response.widget_info(|| {
                    egui::WidgetInfo::selected(egui::Role::ListItem, true, selected, &title)
                });
                if response.clicked() {
                    intents.push(Intent::OpenArticle(article.id.clone()));
                }
                if response.double_clicked() {
                    intents.push(Intent::EditArticle(article.id.clone()));
                }
                response.context_menu(|ui| {
                    for (label, command) in [
                        ("Open", Intent::OpenArticle(article.id.clone())),
                        (
                            "Open in the other pane",
                            Intent::OpenInPane(1, article.id.clone()),
                        ),
                        ("Edit details…", Intent::EditArticle(article.id.clone())),
                        ("Delete…", Intent::DeleteArticle(article.id.clone())),
                    ] {
                        if ui.button(label).clicked() {
                            intents.push(command);
                            ui.close();
                        }
                    }
                });
            }
        },
    );
}
