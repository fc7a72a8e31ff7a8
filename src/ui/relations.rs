//! The relations table: who did what to whom, when, and where it says so.
//! Sorted and filtered through `model::relation_query`, drawn row by visible
//! row; the selected row is edited in place; the vocabulary is edited here too.

use super::intents::{Dialog, Intent, Intents};
use super::text_field::TextField;
use super::text_resources::TextResources;
use super::{bidi_label, picker, tagging};
use crate::app::Action;
use crate::model::edit::Edit;
use crate::model::relation_query::{Column, RelationIndex, RelationQuery};
use crate::model::{
    ActorId, ArticleId, Date, Project, Relation, RelationId, RelationTypeId, Source, Span,
};
use egui_extras::{Column as TableColumn, TableBuilder};
use std::fmt::Write as _;

/// The data columns as shown (after the intents column).
const DISPLAY_ORDER: [Column; 8] = [
    Column::Source,
    Column::Kind,
    Column::Target,
    Column::Date,
    Column::Article,
    Column::Sources,
    Column::Note,
    Column::Evidence,
];

/// Tall enough for the in-place text fields of the selected row.
const ROW_HEIGHT: f32 = 32.0;

/// The in-place editors of the selected row.
#[derive(Debug, Clone, Default)]
struct RowEdit {
    id: Option<RelationId>,
    source: String,
    target: String,
    date: String,
    note: String,
}

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

#[derive(Debug, Default)]
pub struct RelationsView {
    pub query: RelationQuery,
    /// The index, for the revision of what it reads and that of the articles
    /// and highlight texts its rows were made with (rows are reused while those stand).
    index: super::derived::Derived<u64, ((u64, u64), RelationIndex)>,
    /// The relations the query selects, in order.
    shown: super::derived::Derived<(u64, RelationQuery), Vec<usize>>,
    pub selected: Option<RelationId>,
    /// A relation to bring into view in the table (one just made).
    pub scroll_to: Option<RelationId>,
    /// The height of the panel the view is drawn in (its content scrolls).
    pub panel_height: f32,
    /// Where the view's content began this frame, to tell what is left for the table.
    content_top: f32,
    edit: RowEdit,
    confirm_delete: Option<RelationId>,
    from_text: String,
    to_text: String,
    new_type: String,
    /// The vocabulary being edited: id, label, description.
    renaming: Vec<(RelationTypeId, String, String)>,
    pub dialog: Option<RelationDialog>,
}

impl RelationsView {
    /// The relations shown, in order: cached until what the table reads
    /// (relations, actors, vocabulary, articles, cited quotes) or the query
    /// changes — a highlight tagged elsewhere rebuilds nothing here.
    pub fn shown(&mut self, document: &crate::app::Document) -> &[usize] {
        let (project, revision) = (&document.project, document.revisions.table());
        let rows = (
            document.revisions.articles,
            document.revisions.highlight_text,
        );
        // An edited relation makes its own row again; the others are kept.
        let (_, index) = self.index.get_or_make(revision, |previous| {
            let previous = previous
                .filter(|(_, (made_with, _))| *made_with == rows)
                .map(|(_, (_, index))| index);
            (
                rows,
                RelationIndex::reusing(project, &document.coded, previous),
            )
        });
        let query = &self.query;
        self.shown
            .get_or_make((revision, query.clone()), |_| index.run(project, query))
    }

    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        text: &mut TextResources,
        document: &crate::app::Document,
        focused_article: Option<&ArticleId>,
        intents: &mut Intents,
    ) {
        let project = &document.project;
        let panel_height = if self.panel_height > 0.0 {
            self.panel_height
        } else {
            ui.available_height()
        };
        self.content_top = ui.cursor().top();
        self.filters(ui, text, project, focused_article);
        ui.collapsing("Vocabulary of relation types", |ui| {
            // Scrolled within what the panel can spare, so that the filters
            // above and the table below stay in reach in a small window.
            egui::ScrollArea::vertical()
                .id_salt("vocabulary")
                .max_height((panel_height - 240.0).clamp(40.0, 150.0))
                .show(ui, |ui| self.vocabulary(ui, text, project, intents));
        });
        let shown = self.shown(document).to_vec();
        ui.horizontal(|ui| {
            ui.weak(format!(
                "{} of {} relations",
                shown.len(),
                project.relations.len()
            ));
            if ui
                .button("Add relation…")
                .on_hover_text("Or select evidence in a reader and press R")
                .clicked()
            {
                self.dialog = Some(RelationDialog::new(project, None));
            }
        });
        if let Some(relation) = self.selected.as_ref().and_then(|id| project.relation(id)) {
            sources_strip(ui, text, project, relation, intents);
        }
        self.table(ui, text, project, &shown, intents);
        if let Some(id) = self.confirm_delete.clone() {
            egui::Modal::new(egui::Id::unique("confirm-delete-relation")).show(ui.ctx(), |ui| {
                ui.label("Delete this relation? (Ctrl+Z brings it back.)");
                ui.horizontal(|ui| {
                    if ui.button("Yes, delete").clicked() {
                        intents.push(Action::Edit(Edit::DeleteRelation(id.clone())));
                        self.confirm_delete = None;
                    }
                    if ui.button("Cancel").clicked() {
                        self.confirm_delete = None;
                    }
                });
            });
        }
    }

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
            keep_together(ui, 150.0);
            let from = ui.label("from");
            if ui
                .add(
                    egui::TextEdit::singleline(&mut self.from_text)
                        .desired_width(80.0)
                        .hint_text("YYYY-MM-DD"),
                )
                .labelled_by(from.id)
                .changed()
            {
                self.query.from = self.from_text.trim().parse::<Date>().ok();
            }
            keep_together(ui, 150.0);
            let to = ui.label("to");
            if ui
                .add(
                    egui::TextEdit::singleline(&mut self.to_text)
                        .desired_width(80.0)
                        .hint_text("YYYY-MM-DD"),
                )
                .labelled_by(to.id)
                .changed()
            {
                self.query.to = self.to_text.trim().parse::<Date>().ok();
            }
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

    fn vocabulary(
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

/// The right-click menu of a row: what applies to one relation.
fn row_menu(
    ui: &mut egui::Ui,
    project: &Project,
    relation: &crate::model::Relation,
    quote: Option<&str>,
    confirm_delete: &mut Option<crate::model::RelationId>,
    intents: &mut Intents,
) {
    if ui.button("Show the evidence").clicked() {
        reveal_evidence(project, relation, intents);
        ui.close();
    }
    for (label, actor) in [
        ("Edit the source actor…", &relation.source),
        ("Edit the target actor…", &relation.target),
    ] {
        if ui.button(label).clicked() {
            intents.push(Intent::EditActor(actor.clone()));
            ui.close();
        }
    }
    if ui.button("Only relations involving the source").clicked() {
        intents.push(Intent::ShowActorRelations(relation.source.clone()));
        ui.close();
    }
    if ui
        .button("Copy as text")
        .on_hover_text("Source, relation, target, date and the evidence quote")
        .clicked()
    {
        let mut words = project.relation_words(relation);
        if let Some(date) = relation.date {
            let _ = write!(words, " ({date})");
        }
        if let Some(quote) = quote {
            let _ = write!(words, ": «{quote}»");
        }
        ui.ctx().copy_text(words);
        ui.close();
    }
    ui.separator();
    if ui.button("Duplicate").clicked() {
        intents.push(Action::Edit(Edit::DuplicateRelation(relation.id.clone())));
        ui.close();
    }
    if ui.button("Delete…").clicked() {
        *confirm_delete = Some(relation.id.clone());
        ui.close();
    }
}

impl RelationsView {
    fn table(
        &mut self,
        ui: &mut egui::Ui,
        text: &mut TextResources,
        project: &Project,
        shown: &[usize],
        intents: &mut Intents,
    ) {
        // Built by `shown` for this revision: evidence quotes without a map made every frame.
        let index = self.index.get().map(|(_, index)| index);
        let mut clicked_header = None;
        // What is left of the panel below the header row; asking for more would grow the panel.
        let panel = if self.panel_height > 0.0 {
            self.panel_height
        } else {
            ui.available_height()
        };
        let used = ui.cursor().top() - self.content_top;
        let height = (panel - used - 30.0).max(120.0);
        let scroll_row = self.scroll_to.take().and_then(|id| {
            shown
                .iter()
                .position(|&at| project.relations.get(at).is_some_and(|r| r.id == id))
        });
        let mut builder = TableBuilder::new(ui);
        if let Some(row) = scroll_row {
            builder = builder.scroll_to_row(row, Some(egui::Align::Center));
        }
        builder
            .striped(true)
            .resizable(true)
            // The default would let the table outgrow its panel (and the window).
            .max_scroll_height(height)
            .auto_shrink([false, false])
            .sense(egui::Sense::click())
            // Actions first so they are always in view; the long evidence quote last.
            .column(TableColumn::exact(112.0))
            .column(TableColumn::initial(120.0).at_least(60.0))
            .column(TableColumn::initial(100.0).at_least(60.0))
            .column(TableColumn::initial(120.0).at_least(60.0))
            .column(TableColumn::initial(80.0).at_least(60.0))
            .column(TableColumn::initial(100.0).at_least(60.0))
            .column(TableColumn::initial(58.0).at_least(40.0))
            .column(TableColumn::initial(100.0).at_least(60.0))
            .column(TableColumn::remainder().at_least(120.0))
            .header(22.0, |mut header| {
                header.col(|ui| {
                    ui.strong("");
                });
                for column in DISPLAY_ORDER {
                    header.col(|ui| {
                        let arrow = match self.query.sort {
                            Some((c, true)) if c == column => " ^",
                            Some((c, false)) if c == column => " v",
                            _ => "",
                        };
                        let response = ui
                            .add(
                                egui::Button::new(
                                    egui::RichText::new(format!("{}{arrow}", column.title()))
                                        .strong(),
                                )
                                .frame(false),
                            )
                            .on_hover_text("Sort by this column; again to reverse");
                        if response.clicked() {
                            clicked_header = Some(column);
                        }
                    });
                }
            })
            .body(|body| {
                body.rows(ROW_HEIGHT, shown.len(), |mut row| {
                    let at = shown[row.index()];
                    let relation = &project.relations[at];
                    let selected = self.selected.as_ref() == Some(&relation.id);
                    row.set_selected(selected);
                    let actor_name = |id: &ActorId| {
                        project
                            .actor(id)
                            .map_or_else(|| id.to_string(), |a| a.name.clone())
                    };
                    if selected && self.edit.id.as_ref() != Some(&relation.id) {
                        self.edit = RowEdit {
                            id: Some(relation.id.clone()),
                            source: actor_name(&relation.source),
                            target: actor_name(&relation.target),
                            date: relation.date.map(|d| d.to_string()).unwrap_or_default(),
                            note: relation.note.clone(),
                        };
                    }
                    let mut updated = relation.clone();
                    row.col(|ui| {
                        ui.horizontal(|ui| {
                            if ui
                                .small_button("Copy")
                                .on_hover_text("Duplicate this relation")
                                .clicked()
                            {
                                intents.push(Action::Edit(Edit::DuplicateRelation(
                                    relation.id.clone(),
                                )));
                            }
                            if ui
                                .small_button("Delete")
                                .on_hover_text("Delete this relation (asks first)")
                                .clicked()
                            {
                                self.confirm_delete = Some(relation.id.clone());
                            }
                        });
                    });
                    row.col(|ui| {
                        let editing = selected.then_some((&mut self.edit.source, "Edit source"));
                        if let Some(actor) =
                            actor_cell(ui, text, project, editing, &relation.source)
                        {
                            updated.source = actor;
                        }
                    });
                    row.col(|ui| {
                        let label = project
                            .relation_type(&relation.kind)
                            .map_or(relation.kind.as_str(), |t| t.label.as_str());
                        if selected {
                            let choices: Vec<_> = project
                                .vocabulary
                                .iter()
                                .map(|t| (t.id.clone(), t.label.clone()))
                                .collect();
                            let width = ui.available_width();
                            picker::pick(ui, text, "set", width, &mut updated.kind, &choices);
                        } else {
                            bidi_label::show(ui, text, label, 14.0);
                        }
                    });
                    row.col(|ui| {
                        let editing = selected.then_some((&mut self.edit.target, "Edit target"));
                        if let Some(actor) =
                            actor_cell(ui, text, project, editing, &relation.target)
                        {
                            updated.target = actor;
                        }
                    });
                    row.col(|ui| {
                        if selected {
                            let field = ui.add(
                                egui::TextEdit::singleline(&mut self.edit.date)
                                    .hint_text("YYYY-MM-DD"),
                            );
                            if field.lost_focus() {
                                updated.date = self.edit.date.trim().parse().ok();
                            }
                        } else {
                            ui.label(relation.date.map(|d| d.to_string()).unwrap_or_default());
                        }
                    });
                    row.col(|ui| {
                        let title = relation
                            .first_article()
                            .and_then(|a| project.article(a))
                            .map_or("", |a| a.title.as_str());
                        bidi_label::show(ui, text, title, 13.0);
                    });
                    row.col(|ui| {
                        let count = relation.sources.len();
                        let label = ui.label(count.to_string());
                        if count > 1 {
                            label.on_hover_text(format!(
                                "Reported in {} articles; select the row to list them",
                                relation.articles().count()
                            ));
                        }
                    });
                    row.col(|ui| {
                        if selected {
                            let field = TextField::singleline(&mut self.edit.note, "Edit note")
                                .show(ui, text);
                            if field.lost_focus() {
                                updated.note.clone_from(&self.edit.note);
                            }
                        } else {
                            bidi_label::show(ui, text, &relation.note, 13.0);
                        }
                    });
                    row.col(
                        |ui| match index.and_then(|index| index.evidence_quote(at)) {
                            Some(quote) => match relation.evidence().count() {
                                1 => {
                                    bidi_label::show(ui, text, quote, 13.0);
                                }
                                n => {
                                    bidi_label::show(
                                        ui,
                                        text,
                                        &format!("{quote} (+{} more)", n - 1),
                                        13.0,
                                    );
                                }
                            },
                            None if relation.note.contains("evidence highlight deleted") => {
                                ui.colored_label(
                                    ui.visuals().error_fg_color,
                                    "evidence deleted (see note)",
                                );
                            }
                            None => {
                                ui.weak("no evidence");
                            }
                        },
                    );
                    if updated != *relation {
                        intents.push(Action::Edit(Edit::UpdateRelation(updated)));
                    }
                    let response = row.response();
                    let label = format!("Relation: {}", project.relation_words(relation));
                    response.widget_info(|| {
                        egui::WidgetInfo::selected(egui::Role::Row, true, selected, &label)
                    });
                    if response.clicked() {
                        self.selected = Some(relation.id.clone());
                        reveal_evidence(project, relation, intents);
                    }
                    if response.secondary_clicked() {
                        self.selected = Some(relation.id.clone());
                    }
                    response.context_menu(|ui| {
                        let quote = index.and_then(|i| i.evidence_quote(at));
                        let delete = &mut self.confirm_delete;
                        row_menu(ui, project, relation, quote, delete, intents);
                    });
                });
            });
        if let Some(column) = clicked_header {
            self.query.sort = match self.query.sort {
                Some((c, ascending)) if c == column => Some((column, !ascending)),
                _ => Some((column, true)),
            };
        }
    }
}

/// A source or target cell: the actor's name, or, in the selected row, a field
/// whose best match becomes the new actor when the field is left.
fn actor_cell(
    ui: &mut egui::Ui,
    text: &mut TextResources,
    project: &Project,
    editing: Option<(&mut String, &str)>,
    actor: &ActorId,
) -> Option<ActorId> {
    let Some((query, name)) = editing else {
        bidi_label::show(
            ui,
            text,
            project
                .actor(actor)
                .map_or(actor.as_str(), |a| a.name.as_str()),
            14.0,
        );
        return None;
    };
    let field = TextField::singleline(query, name).show(ui, text);
    if !field.lost_focus() {
        return None;
    }
    tagging::matching_actors(project, query)
        .first()
        .map(|a| a.id.clone())
}

/// Opens the relation's first report and flashes its evidence.
pub fn reveal_evidence(project: &Project, relation: &Relation, intents: &mut Intents) {
    if let Some(source) = relation.sources.first() {
        reveal_source(project, source, intents);
    }
}

/// Opens one report of a relation: its evidence flashed, or the article if it cites none.
fn reveal_source(project: &Project, source: &Source, intents: &mut Intents) {
    match source.evidence.as_ref().and_then(|e| project.highlight(e)) {
        Some(h) => intents.push(Intent::Reveal {
            article: h.article.clone(),
            span: h.span,
            highlight: Some(h.id.clone()),
        }),
        None => intents.push(Intent::OpenArticle(source.article.clone())),
    }
}

/// The sources of the selected relation, each opening in the reader, with the
/// way to cite one more.
fn sources_strip(
    ui: &mut egui::Ui,
    text: &mut TextResources,
    project: &Project,
    relation: &Relation,
    intents: &mut Intents,
) {
    ui.horizontal(|ui| {
        ui.strong(format!("Sources ({}):", relation.sources.len()));
        if ui
            .small_button("Cite reader selection")
            .on_hover_text("Add the text selected in the reader as one more source (Shift+R)")
            .clicked()
        {
            intents.push(Intent::AddEvidenceToSelectedRelation);
        }
    });
    egui::ScrollArea::vertical()
        .id_salt("relation-sources")
        .max_height(3.0 * 22.0)
        .show(ui, |ui| {
            for (i, source) in relation.sources.iter().enumerate() {
                let title = project
                    .article(&source.article)
                    .map_or(source.article.as_str(), |a| a.title.as_str());
                let quote = source
                    .evidence
                    .as_ref()
                    .and_then(|e| project.highlight(e))
                    .map_or_else(
                        || "(the article as a whole)".to_owned(),
                        |h| format!("«{}»", h.quote),
                    );
                ui.horizontal(|ui| {
                    if ui
                        .small_button(format!("Open source {}", i + 1))
                        .on_hover_text("Show this report in the reader")
                        .clicked()
                    {
                        reveal_source(project, source, intents);
                    }
                    if ui
                        .small_button(format!("Uncite source {}", i + 1))
                        .on_hover_text("Stop citing this report (its highlight stays)")
                        .clicked()
                    {
                        intents.push(Action::Edit(Edit::RemoveSource {
                            relation: relation.id.clone(),
                            source: source.clone(),
                        }));
                    }
                    ui.add_sized([220.0, 18.0], |ui: &mut egui::Ui| {
                        bidi_label::show(ui, text, title, 12.0)
                    });
                    bidi_label::show(ui, text, &quote, 13.0);
                });
            }
        });
}

pub fn show_dialog(
    ctx: &egui::Context,
    dialog: &mut RelationDialog,
    text: &mut TextResources,
    project: &Project,
    intents: &mut Intents,
) -> Dialog {
    let (action, close) = show_dialog_frame(ctx, dialog, text, project);
    intents.extend(action);
    Dialog::closed_if(close)
}

/// The add-relations dialog; returns the action when confirmed and whether it closed.
fn show_dialog_frame(
    ctx: &egui::Context,
    dialog: &mut RelationDialog,
    text: &mut TextResources,
    project: &Project,
) -> (Option<Action>, bool) {
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
            let target = TextField::singleline(&mut dialog.target_query, "Target actor")
                .hint("type a name, then Enter")
                .width(320.0)
                .show(ui, text);
            if target.lost_focus()
                && ui.input(|i| i.key_pressed(egui::Key::Enter))
                && let Some(actor) = tagging::matching_actors(project, &dialog.target_query).first()
            {
                if !dialog.targets.contains(&actor.id) {
                    dialog.targets.push(actor.id.clone());
                }
                dialog.target_query.clear();
            }
            let mut remove = None;
            for (i, id) in dialog.targets.iter().enumerate() {
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
                dialog.targets.remove(i);
            }
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
                bidi_label::show(ui, text, &project.relation_words(relation), 13.0);
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
    (action, close)
}
