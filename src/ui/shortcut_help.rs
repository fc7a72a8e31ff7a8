//! The shortcut help (F1 or Ctrl+/): every command of the command table
//! with its keys and what it does, grouped as the menus are, searchable.

use super::commands::{Group, UiCommand};
use super::intents::Dialog;

#[derive(Debug, Default)]
pub struct ShortcutHelp {
    pub query: String,
}

impl ShortcutHelp {
    /// Draws the help; closed by its button or Escape.
    pub fn show(&mut self, ctx: &egui::Context) -> Dialog {
        let mut open = true;
        egui::Window::new("Keyboard shortcuts")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .default_width(640.0)
            .anchor(egui::Align2::CENTER_TOP, [0.0, 60.0])
            .show(ctx, |ui| {
                ui.horizontal(|ui| {
                    let label = ui.label("Search:");
                    ui.add(
                        egui::TextEdit::singleline(&mut self.query)
                            .hint_text("a command, a key or what it does")
                            .desired_width(320.0),
                    )
                    .labelled_by(label.id)
                    .request_focus();
                });
                let query = self.query.trim().to_lowercase();
                let height = (ctx.content_rect().height() - 160.0).max(200.0);
                egui::ScrollArea::vertical()
                    .max_height(height)
                    .min_scrolled_height(height)
                    .show(ui, |ui| {
                        // One grid, so the keys line up across groups.
                        egui::Grid::new("shortcuts")
                            .num_columns(3)
                            .striped(true)
                            .show(ui, |ui| {
                                for group in Group::ALL {
                                    let rows: Vec<(UiCommand, String)> = UiCommand::ALL
                                        .iter()
                                        .filter(|c| c.group() == group)
                                        .map(|&c| (c, c.keys_text(ctx)))
                                        .filter(|(c, keys)| {
                                            query.is_empty()
                                                || c.label().to_lowercase().contains(&query)
                                                || c.tooltip().to_lowercase().contains(&query)
                                                || keys.to_lowercase().contains(&query)
                                        })
                                        .collect();
                                    if rows.is_empty() {
                                        continue;
                                    }
                                    ui.strong(group.label());
                                    ui.end_row();
                                    for (command, keys) in rows {
                                        ui.label(command.label());
                                        ui.monospace(if keys.is_empty() {
                                            "—".to_owned()
                                        } else {
                                            keys
                                        });
                                        ui.weak(command.tooltip());
                                        ui.end_row();
                                    }
                                }
                            });
                    });
            });
        let escape = ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape));
        Dialog::closed_if(!open || escape)
    }
}
