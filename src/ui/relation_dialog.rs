//! The new-relation dialog: source, type, targets, date, note, and the
//! reader's selection as evidence.

use super::intents::{Dialog, Intents};
use super::text_field::TextField;
use super::text_resources::TextResources;
use super::{bidi_label, picker, tagging};
use crate::app::Action;
use crate::model::edit::Edit;
use crate::model::{ActorId, ArticleId, Date, Project, RelationTypeId, Span};

/// Adding relations: from the table, or from a reader selection (R) with the selection as evidence.
#[derive(Debug, Clone)]
pub struct RelationDialog {
    pub source_query: String,
    pub source: Option<ActorId>,
    pub kind: RelationTypeId,
    pub target_query: String,
    pub targets: Vec<ActorId>,
    pub date: String,
    pub note: String,
    pub evidence: Option<(ArticleId, Span)>,
}

impl RelationDialog {
    pub fn new(project: &Project, evidence: Option<(ArticleId, Span)>) -> Self {
        let date = evidence
            .as_ref()
            .and_then(|(a, _)| project.article(a))
            .and_then(|a| a.published)
            .map(|d| d.to_string())
            .unwrap_or_default();
        Self {
            source_query: String::new(),
            source: None,
            kind: project
                .vocabulary
                .first()
                .map_or_else(|| RelationTypeId::new("meets"), |t| t.id.clone()),
            target_query: String::new(),
            targets: Vec::new(),
            date,
            note: String::new(),
            evidence,
        }
    }
}

impl RelationDialog {
    /// The targets: Enter adds the best match for what is typed; each can be removed.
    fn targets_ui(&mut self, ui: &mut egui::Ui, text: &mut TextResources, project: &Project) {
        let target = TextField::singleline(&mut self.target_query, "Target actor")
            .hint("type a name, then Enter")
            .width(320.0)
            .show(ui, text);
        if target.lost_focus()
            && ui.input(|i| i.key_pressed(egui::Key::Enter))
            && let Some(actor) = tagging::matching_actors(project, &self.target_query).first()
        {
            if !self.targets.contains(&actor.id) {
                self.targets.push(actor.id.clone());
            }
            self.target_query.clear();
        }
        let mut remove = None;
        for (i, id) in self.targets.iter().enumerate() {
            ui.horizontal(|ui| {
                if ui
                    .small_button("x")
                    .on_hover_text("Remove this target")
                    .clicked()
                {
                    remove = Some(i);
                }
                bidi_label::show(
                    ui,
                    text,
                    project.actor(id).map_or("", |a| a.name.as_str()),
                    14.0,
                );
            });
        }
        if let Some(i) = remove {
            self.targets.remove(i);
        }
    }
}

/// The add-relations dialog: the relations go to `intents` when confirmed.
pub fn show_dialog(
    ctx: &egui::Context,
    dialog: &mut RelationDialog,
    text: &mut TextResources,
    project: &Project,
    intents: &mut Intents,
) -> Dialog {
    let mut action = None;
    let mut close = ctx.input(|i| i.key_pressed(egui::Key::Escape));
    egui::Window::new("New relation")
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 80.0])
        .show(ctx, |ui| {
            ui.label("Source");
            let source = TextField::singleline(&mut dialog.source_query, "Source actor")
                .hint("type a name or alias")
                .width(320.0)
                .show(ui, text);
            if source.changed() {
                dialog.source = tagging::matching_actors(project, &dialog.source_query)
                    .first()
                    .map(|a| a.id.clone());
            }
            if let Some(actor) = dialog.source.as_ref().and_then(|id| project.actor(id)) {
                ui.horizontal(|ui| {
                    ui.weak("source:");
                    bidi_label::show(ui, text, &actor.name, 14.0);
                });
            }
            ui.label("Relation");
            let choices: Vec<_> = project
                .vocabulary
                .iter()
                .map(|t| (t.id.clone(), t.label.clone()))
                .collect();
            picker::pick(ui, text, "relation type", 240.0, &mut dialog.kind, &choices);
            ui.label("Targets (Enter adds the best match; several make one row each)");
            dialog.targets_ui(ui, text, project);
            ui.horizontal(|ui| {
                ui.label("Date");
                ui.add(
                    egui::TextEdit::singleline(&mut dialog.date)
                        .hint_text("YYYY-MM-DD")
                        .desired_width(100.0),
                );
            });
            ui.label("Note");
            TextField::singleline(&mut dialog.note, "Relation note")
                .width(320.0)
                .show(ui, text);
            if let Some((article, span)) = &dialog.evidence {
                let quote = project
                    .article(article)
                    .and_then(|a| crate::model::text::slice_chars(&a.body, span.range()))
                    .unwrap_or_default()
                    .to_owned();
                ui.horizontal(|ui| {
                    ui.weak("evidence:");
                    bidi_label::show(ui, text, &quote, 13.0);
                });
            }
            let date = dialog.date.trim();
            let date_ok = date.is_empty() || date.parse::<Date>().is_ok();
            if !date_ok {
                ui.colored_label(
                    ui.visuals().error_fg_color,
                    "dates are YYYY, YYYY-MM or YYYY-MM-DD",
                );
            }
            // The same relation already coded (same ends, type and date): say so,
            // and offer to cite this passage as one more report of it instead.
            let directed = project
                .relation_type(&dialog.kind)
                .is_none_or(|t| t.directed);
            let parsed_date = date.parse::<Date>().ok();
            let existing: Vec<&crate::model::Relation> = match &dialog.source {
                Some(source) => project
                    .relations
                    .iter()
                    .filter(|r| {
                        r.kind == dialog.kind
                            && r.date == parsed_date
                            && dialog.targets.iter().any(|t| {
                                (&r.source == source && &r.target == t)
                                    || (!directed && &r.source == t && &r.target == source)
                            })
                    })
                    .collect(),
                None => Vec::new(),
            };
            for relation in &existing {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    "This relation is already coded:",
                );
                bidi_label::show_wrapped(ui, text, &project.relation_words(relation), 13.0);
                if let Some((article, span)) = &dialog.evidence
                    && ui
                        .button("Cite this passage as another source of it")
                        .clicked()
                {
                    action = Some(Action::Edit(Edit::AddEvidence {
                        relation: relation.id.clone(),
                        article: article.clone(),
                        span: *span,
                    }));
                    close = true;
                }
            }
            let ready = dialog.source.is_some() && !dialog.targets.is_empty() && date_ok;
            let label = format!(
                "Create {} relation{}",
                dialog.targets.len(),
                if dialog.targets.len() == 1 { "" } else { "s" }
            );
            if ui.add_enabled(ready, egui::Button::new(label)).clicked()
                && let Some(source) = dialog.source.clone()
            {
                action = Some(Action::Edit(Edit::AddRelations {
                    source,
                    kind: dialog.kind.clone(),
                    targets: dialog.targets.clone(),
                    date: date.parse().ok(),
                    evidence: dialog.evidence.clone(),
                    note: dialog.note.clone(),
                }));
                close = true;
            }
        });
    intents.extend(action);
    Dialog::closed_if(close)
}
