//! The bar at the top (save, undo, redo, the relations table, counts) and the
//! status bar at the bottom (file, selection, save state, the last notice).

use super::commands::{Group, UiCommand};
use super::intents::{FileCommand, Intent, Intents};
use crate::app::App;
use std::path::PathBuf;

/// What the status bar says about the view (the rest it reads from the app).
pub struct ViewStatus<'a> {
    pub selection_chars: Option<usize>,
    pub recent: &'a [PathBuf],
    pub exporting: bool,
}

/// The window's settings the header changes.
pub struct Settings<'a> {
    pub show_relations: &'a mut bool,
    pub headline: &'a mut crate::store::Headline,
    /// The whole interface's size (egui's zoom factor), remembered.
    pub zoom: &'a mut f32,
}

pub fn show(
    ui: &mut egui::Ui,
    app: &App,
    settings: Settings<'_>,
    status: &ViewStatus<'_>,
    text: &mut super::text_resources::TextResources,
    intents: &mut Intents,
) {
    let Settings {
        show_relations,
        headline,
        zoom,
    } = settings;
    let document = &app.document();
    let project = &document.project();
    egui::Panel::top("header").show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.menu_button("File", |ui| {
                file_menu(ui, status.recent, headline, text, intents);
            });
            ui.menu_button("Edit", |ui| edit_menu(ui, document, intents));
            ui.menu_button("View", |ui| view_menu(ui, zoom, intents));
            ui.menu_button("Code", |ui| {
                for command in UiCommand::ALL.iter().filter(|c| c.group() == Group::Code) {
                    command_item(ui, *command, true, intents);
                }
            });
            ui.menu_button("Help", |ui| {
                for command in UiCommand::ALL.iter().filter(|c| c.group() == Group::Help) {
                    command_item(ui, *command, true, intents);
                }
            });
            for (command, enabled) in [
                (UiCommand::Save, true),
                (UiCommand::Undo, document.can_undo()),
                (UiCommand::Redo, document.can_redo()),
            ] {
                let tip = format!("{} ({})", command.tooltip(), command.keys_text(ui.ctx()));
                if ui
                    .add_enabled(enabled, egui::Button::new(command.label()))
                    .on_hover_text(tip)
                    .clicked()
                {
                    intents.push(Intent::Run(command));
                }
            }
            ui.toggle_value(show_relations, "Relations")
                .on_hover_text("Show or hide the relations table");
            if ui
                .button("Codebook")
                .on_hover_text(
                    "Every actor and claim in a table: sort, filter, merge, delete, export",
                )
                .clicked()
            {
                intents.push(Intent::ShowCodebook(super::codebook::Tab::Actors));
            }
            ui.separator();
            ui.label(format!(
                "{} articles · {} actors · {} claims · {} highlights · {} relations",
                project.articles.len(),
                project.actors.len(),
                project.claims.len(),
                project.highlights.len(),
                project.relations.len()
            ));
        });
    });
    egui::Panel::bottom("status").show(ui, |ui| {
        ui.horizontal(|ui| {
            match document.path().or(app.opening()) {
                // A path may hold Arabic folder names: drawn by the bidi engine.
                Some(path) => {
                    let weak = ui.visuals().weak_text_color();
                    super::bidi_label::show_colored(
                        ui,
                        text,
                        &path.display().to_string(),
                        12.0,
                        weak,
                    );
                }
                None => {
                    ui.weak("new project, not in a file yet");
                }
            }
            ui.separator();
            if app.opening().is_some() {
                ui.add(egui::Spinner::new());
                ui.label("being read: the first articles shown, read-only");
            } else if app.saving() {
                ui.add(egui::Spinner::new());
                ui.label("saving…");
            } else if document.is_dirty() {
                ui.label("unsaved changes");
            } else if document.path().is_some() {
                ui.weak("saved");
            } else {
                ui.weak("nothing to save yet");
            }
            if status.exporting {
                ui.separator();
                ui.add(egui::Spinner::new());
                ui.label("exporting…");
            }
            if let Some(chars) = status.selection_chars {
                ui.separator();
                ui.label(format!("{chars} characters selected"));
            }
            if let Some(notice) = app.notices.last() {
                ui.separator();
                let color = if notice.is_error {
                    ui.visuals().error_fg_color
                } else {
                    ui.visuals().text_color()
                };
                // Notices name articles and actors: the bidi engine lays them out.
                super::bidi_label::show_colored(ui, text, &notice.text, 13.0, color);
            }
        });
    });
}

/// A command of the table as a menu entry: its label, its first keys, what it does.
fn command_item(ui: &mut egui::Ui, command: UiCommand, enabled: bool, intents: &mut Intents) {
    let keys = command.first_key_text(ui.ctx());
    let mut button = egui::Button::new(command.label());
    // An empty shortcut column would change the item's accessible name.
    if !keys.is_empty() {
        button = button.shortcut_text(keys);
    }
    let tip = match command.shortcuts().len() {
        0 | 1 => command.tooltip().to_owned(),
        _ => format!("{} ({})", command.tooltip(), command.keys_text(ui.ctx())),
    };
    if ui
        .add_enabled(enabled && command.from_menu(), button)
        .on_hover_text(tip)
        .on_disabled_hover_text(command.tooltip())
        .clicked()
    {
        intents.push(Intent::Run(command));
        ui.close();
    }
}

fn edit_menu(ui: &mut egui::Ui, document: &crate::app::Document, intents: &mut Intents) {
    command_item(ui, UiCommand::Undo, document.can_undo(), intents);
    command_item(ui, UiCommand::Redo, document.can_redo(), intents);
    ui.separator();
    command_item(ui, UiCommand::Find, true, intents);
    command_item(ui, UiCommand::PasteArticle, true, intents);
}

fn file_menu(
    ui: &mut egui::Ui,
    recent: &[PathBuf],
    headline: &mut crate::store::Headline,
    text: &mut super::text_resources::TextResources,
    intents: &mut Intents,
) {
    command_item(ui, UiCommand::New, true, intents);
    command_item(ui, UiCommand::Open, true, intents);
    ui.menu_button("Open Recent", |ui| {
        if recent.is_empty() {
            ui.weak("nothing yet");
        }
        for path in recent {
            let name = path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            // A file name may be Arabic: drawn by the bidi engine, on a row
            // that takes the click.
            let (rect, row) = ui.allocate_exact_size(
                egui::vec2(ui.available_width().max(220.0), 22.0),
                egui::Sense::click(),
            );
            if row.hovered() {
                ui.painter()
                    .rect_filled(rect, 2.0, ui.visuals().widgets.hovered.weak_bg_fill);
            }
            let mut cell = ui.new_child(
                egui::UiBuilder::new()
                    .max_rect(rect.shrink2(egui::vec2(6.0, 2.0)))
                    .layout(egui::Layout::left_to_right(egui::Align::Center)),
            );
            super::bidi_label::show(&mut cell, text, &name, 13.0);
            let label = name.clone();
            row.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
            if row.on_hover_text(path.display().to_string()).clicked() {
                intents.push(Intent::File(FileCommand::OpenRecent(path.clone())));
                ui.close();
            }
        }
    });
    ui.separator();
    command_item(ui, UiCommand::Save, true, intents);
    command_item(ui, UiCommand::SaveAs, true, intents);
    command_item(ui, UiCommand::SaveAsFolder, true, intents);
    ui.separator();
    command_item(ui, UiCommand::OpenSample, true, intents);
    ui.separator();
    command_item(ui, UiCommand::Import, true, intents);
    command_item(ui, UiCommand::ImportArticles, true, intents);
    let mut in_body = *headline == crate::store::Headline::AlsoInBody;
    if ui
        .checkbox(&mut in_body, "Keep headlines in the text, to code them")
        .on_hover_text("An imported file's first line becomes the title and also stays the first line of the article, so it can be highlighted (remembered)")
        .changed()
    {
        *headline = if in_body {
            crate::store::Headline::AlsoInBody
        } else {
            crate::store::Headline::TitleOnly
        };
    }
    ui.menu_button("Export", |ui| {
        for format in crate::exchange::Format::ALL {
            if ui
                .button(format.label())
                .on_hover_text(format!("Write the project as {}", format.extension()))
                .clicked()
            {
                intents.push(Intent::File(FileCommand::Export(format)));
                ui.close();
            }
        }
        ui.separator();
        // As the Discourse desk is set (actors, ties, duplicates, windows).
        for (format, label) in [
            (crate::network::Format::Csv, "Discourse network: CSV matrix"),
            (
                crate::network::Format::Graphml,
                "Discourse network: GraphML",
            ),
            (crate::network::Format::Dl, "Discourse network: UCINET DL"),
            (crate::network::Format::Events, "Statements: event list CSV"),
        ] {
            if ui
                .button(label)
                .on_hover_text("As the Discourse desk shows it (DNA's networks; see Discourse)")
                .clicked()
            {
                intents.push(Intent::ExportDiscourse(format));
                ui.close();
            }
        }
    });
    ui.separator();
    command_item(ui, UiCommand::ExportForColleague, true, intents);
    command_item(ui, UiCommand::MergeColleague, true, intents);
    command_item(ui, UiCommand::CompareColleague, true, intents);
    command_item(ui, UiCommand::AgreementOfCopies, true, intents);
    ui.separator();
    command_item(ui, UiCommand::Quit, true, intents);
}

/// The interface sizes View offers, as egui zoom factors.
pub const INTERFACE_SIZES: [(f32, &str); 8] = [
    (0.75, "75%"),
    (0.9, "90%"),
    (1.0, "100%"),
    (1.15, "115%"),
    (1.3, "130%"),
    (1.5, "150%"),
    (1.75, "175%"),
    (2.0, "200%"),
];

fn view_menu(ui: &mut egui::Ui, zoom: &mut f32, intents: &mut Intents) {
    for command in UiCommand::ALL.iter().filter(|c| c.group() == Group::View) {
        command_item(ui, *command, true, intents);
    }
    ui.separator();
    ui.label("Interface size");
    ui.horizontal(|ui| {
        for (factor, label) in INTERFACE_SIZES {
            ui.selectable_value(zoom, factor, label);
        }
    });
    ui.separator();
    ui.label("Theme");
    let mut preference = ui.options(|o| o.theme_preference);
    let before = preference;
    ui.radio_value(
        &mut preference,
        egui::ThemePreference::System,
        "Follow the system",
    );
    ui.radio_value(&mut preference, egui::ThemePreference::Light, "Light");
    ui.radio_value(&mut preference, egui::ThemePreference::Dark, "Dark");
    if preference != before {
        ui.ctx().set_theme(preference);
    }
}
