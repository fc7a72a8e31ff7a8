//! The relations filter bar (shared by the table, the network and the
//! timeline), its chips, and the vocabulary of relation types.

use super::intents::Intents;
use super::relations::RelationsView;
use super::text_field::TextField;
use super::text_resources::TextResources;
use super::{bidi_label, picker};
use crate::app::Action;
use crate::model::edit::Edit;
use crate::model::{ArticleId, Date, Project, RelationTypeId};

impl RelationsView {
    /// The filter bar, shared by the table, the network and the timeline.
    pub fn filters(
        &mut self,
        ui: &mut egui::Ui,
        text: &mut TextResources,
        project: &Project,
        focused_article: Option<&ArticleId>,
    ) {
        // Wraps onto a second line in a narrow window rather than cutting the last fields off.
        ui.horizontal_wrapped(|ui| {
            let mut only_focused = self.query.article.is_some();
            if ui
                .checkbox(&mut only_focused, "this article")
                .on_hover_text("Only relations from the article in the pane in focus")
                .changed()
            {
                self.query.article = if only_focused {
                    focused_article.cloned()
                } else {
                    None
                };
            }
            if self.query.article.is_some() && self.query.article.as_ref() != focused_article {
                self.query.article = focused_article.cloned();
            }
            TextField::singleline(&mut self.query.text, "Filter relations")
                .hint("filter: any name, type, quote, note")
                .width(260.0)
                .show(ui, text);
            let mut choices = vec![(None, "any type".to_owned())];
            choices.extend(
                project
                    .vocabulary
                    .iter()
                    .map(|t| (Some(t.id.clone()), t.label.clone())),
            );
            // Each label stays on the line of its field: a pair that does not
            // fit starts the next line.
            keep_together(ui, 190.0);
            ui.label("type");
            picker::pick(ui, text, "type", 140.0, &mut self.query.kind, &choices);
            let kind_label = self.query.actor_kind.map_or("any actor", |k| k.label());
            keep_together(ui, 190.0);
            let label = ui.label("involving");
            egui::ComboBox::from_id_salt("actor-kind-filter")
                .selected_text(kind_label)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.query.actor_kind, None, "any actor");
                    for kind in crate::model::ActorKind::ALL {
                        ui.selectable_value(&mut self.query.actor_kind, Some(kind), kind.label());
                    }
                })
                .response
                .labelled_by(label.id);
            // The timeline sets the dates too; the fields show what filters now.
            for (field, date) in [
                (&mut self.from_text, self.query.from),
                (&mut self.to_text, self.query.to),
            ] {
                if field.trim().parse::<Date>().ok() != date {
                    *field = date.map(|d| d.to_string()).unwrap_or_default();
                }
            }
            date_field(ui, "from", &mut self.from_text, &mut self.query.from);
            date_field(ui, "to", &mut self.to_text, &mut self.query.to);
        });
        self.chips(ui, text, project);
    }

    /// Every filter in force, each with its clear button: the same row under
    /// the table, the network and the timeline, so a filter set by a click
    /// elsewhere (an actor in the network, a stretch of time) is never hidden.
    fn chips(&mut self, ui: &mut egui::Ui, text: &mut TextResources, project: &Project) {
        let q = &self.query;
        let mut chips: Vec<(&'static str, String, Chip)> = Vec::new();
        if let Some(actor) = &q.actor {
            let name = project
                .actor(actor)
                .map_or_else(|| actor.to_string(), |a| a.name.clone());
            chips.push(("actor", name, Chip::Actor));
        }
        if let Some(kind) = &q.kind {
            let label = project
                .relation_type(kind)
                .map_or_else(|| kind.to_string(), |t| t.label.clone());
            chips.push(("type", label, Chip::Type));
        }
        if let Some(kind) = q.actor_kind {
            chips.push(("involving", kind.label().to_owned(), Chip::ActorKind));
        }
        if let Some(article) = &q.article {
            let title = project
                .article(article)
                .map_or("", |a| a.title.as_str())
                .to_owned();
            chips.push(("article", title, Chip::Article));
        }
        if let Some(from) = q.from {
            chips.push(("from", from.to_string(), Chip::From));
        }
        if let Some(to) = q.to {
            chips.push(("to", to.to_string(), Chip::To));
        }
        if !q.text.trim().is_empty() {
            chips.push(("text", q.text.trim().to_owned(), Chip::Text));
        }
        if chips.is_empty() {
            return;
        }
        let mut cleared = Vec::new();
        ui.horizontal_wrapped(|ui| {
            ui.weak("Filtered by:");
            for (what, value, chip) in &chips {
                egui::Frame::group(ui.style())
                    .inner_margin(egui::Margin::symmetric(4, 1))
                    .show(ui, |ui| {
                        ui.horizontal(|ui| {
                            ui.weak(*what);
                            ui.scope(|ui| {
                                ui.set_max_width(180.0);
                                bidi_label::show(ui, text, value, 13.0);
                            });
                            let button = ui
                                .small_button("x")
                                .on_hover_text(format!("Stop filtering by {what}"));
                            let name = format!("Clear the {what} filter");
                            button.widget_info(|| {
                                egui::WidgetInfo::labeled(egui::Role::Button, true, &name)
                            });
                            if button.clicked() {
                                cleared.push(*chip);
                            }
                        });
                    });
            }
            if chips.len() > 1 && ui.small_button("Clear all").clicked() {
                cleared.extend(chips.iter().map(|(_, _, c)| *c));
            }
        });
        for chip in cleared {
            let q = &mut self.query;
            match chip {
                Chip::Actor => q.actor = None,
                Chip::Type => q.kind = None,
                Chip::ActorKind => q.actor_kind = None,
                Chip::Article => q.article = None,
                Chip::From => q.from = None,
                Chip::To => q.to = None,
                Chip::Text => q.text.clear(),
            }
        }
    }

    pub(super) fn vocabulary(
        &mut self,
        ui: &mut egui::Ui,
        text: &mut TextResources,
        project: &Project,
        intents: &mut Intents,
    ) {
        if self.renaming.len() != project.vocabulary.len()
            || self
                .renaming
                .iter()
                .zip(&project.vocabulary)
                .any(|((id, _, _), t)| id != &t.id)
        {
            self.renaming = project
                .vocabulary
                .iter()
                .map(|t| (t.id.clone(), t.label.clone(), t.description.clone()))
                .collect();
        }
        let used: std::collections::HashMap<&RelationTypeId, usize> = project
            .relations
            .iter()
            .fold(std::collections::HashMap::new(), |mut m, r| {
                *m.entry(&r.kind).or_default() += 1;
                m
            });
        egui::ScrollArea::vertical()
            .id_salt("vocabulary")
            .max_height(160.0)
            .show(ui, |ui| {
                for (i, t) in project.vocabulary.iter().enumerate() {
                    ui.horizontal(|ui| {
                        let (_, label, description) = &mut self.renaming[i];
                        let rename = format!("Rename type {}", t.id);
                        let edit = TextField::singleline(label, &rename)
                            .width(140.0)
                            .show(ui, text);
                        if edit.lost_focus() && *label != t.label {
                            intents.push(Action::Edit(Edit::RenameRelationType {
                                id: t.id.clone(),
                                label: label.clone(),
                            }));
                        }
                        let describe = format!("Describe type {}", t.id);
                        let edit = TextField::singleline(description, &describe)
                            .hint("description")
                            .width(220.0)
                            .show(ui, text);
                        if edit.lost_focus() && *description != t.description {
                            intents.push(Action::Edit(Edit::SetRelationTypeDescription {
                                id: t.id.clone(),
                                description: description.clone(),
                            }));
                        }
                        let mut directed = t.directed;
                        if ui.checkbox(&mut directed, "directed").changed() {
                            intents.push(Action::Edit(Edit::SetRelationTypeDirected {
                                id: t.id.clone(),
                                directed,
                            }));
                        }
                        ui.weak(format!("{} rows", used.get(&t.id).copied().unwrap_or(0)));
                        ui.label("merge into");
                        let mut into = None;
                        let others: Vec<_> = project
                            .vocabulary
                            .iter()
                            .filter(|o| o.id != t.id)
                            .map(|o| (Some(o.id.clone()), o.label.clone()))
                            .collect();
                        let name = format!("merge {} into", t.label);
                        if picker::pick(ui, text, &name, 120.0, &mut into, &others)
                            && let Some(into) = into
                        {
                            intents.push(Action::Edit(Edit::MergeRelationTypes {
                                from: t.id.clone(),
                                into,
                            }));
                        }
                    });
                }
            });
        ui.horizontal(|ui| {
            ui.add(
                egui::TextEdit::singleline(&mut self.new_type)
                    .hint_text("new type")
                    .desired_width(140.0),
            );
            if ui.button("Add type").clicked() && !self.new_type.trim().is_empty() {
                intents.push(Action::Edit(Edit::AddRelationType {
                    label: std::mem::take(&mut self.new_type),
                    directed: true,
                }));
            }
        });
    }
}

/// A labelled date bound of the filter: what is typed sets the bound once it
/// reads as a date (and clears it otherwise).
fn date_field(ui: &mut egui::Ui, label: &str, typed: &mut String, bound: &mut Option<Date>) {
    keep_together(ui, 150.0);
    let label = ui.label(label);
    if ui
        .add(
            egui::TextEdit::singleline(typed)
                .desired_width(80.0)
                .hint_text("YYYY-MM-DD"),
        )
        .labelled_by(label.id)
        .changed()
    {
        *bound = typed.trim().parse::<Date>().ok();
    }
}

/// In a wrapping row: starts a new line unless `width` more fits on this one,
/// so that a label and its field are never parted by the wrap.
fn keep_together(ui: &mut egui::Ui, width: f32) {
    if ui.available_width() < width {
        ui.end_row();
    }
}

/// One filter of the relations query, for its chip.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Chip {
    Actor,
    Type,
    ActorKind,
    Article,
    From,
    To,
    Text,
}
