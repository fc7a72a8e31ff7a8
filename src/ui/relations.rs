//! The relations table: who did what to whom, when, and where it says so.
//! Sorted and filtered through `model::relation_query`, drawn row by visible
//! row; the selected row is edited in place; the vocabulary is edited here too.

use super::intents::{Intent, Intents};
use super::relation_dialog::RelationDialog;
use super::text_field::TextField;
use super::text_resources::TextResources;
use super::{bidi_label, picker, tagging};
use crate::app::Action;
use crate::model::edit::Edit;
use crate::model::relation_query::{self, Column, RelationIndex, RelationQuery};
use crate::model::{ActorId, ArticleId, Project, Relation, RelationId, RelationTypeId, Source};
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
pub(super) struct RowEdit {
    pub(super) id: Option<RelationId>,
    pub(super) source: String,
    pub(super) target: String,
    pub(super) date: String,
    pub(super) note: String,
}

impl RowEdit {
    /// The selected row's fields as they are edited in place.
    fn of(project: &Project, relation: &Relation) -> Self {
        let actor_name = |id: &ActorId| {
            project
                .actor(id)
                .map_or_else(|| id.to_string(), |a| a.name.clone())
        };
        Self {
            id: Some(relation.id.clone()),
            source: actor_name(&relation.source),
            target: actor_name(&relation.target),
            date: relation.date.map(|d| d.to_string()).unwrap_or_default(),
            note: relation.note.clone(),
        }
    }
}

#[derive(Debug, Default)]
pub struct RelationsView {
    pub query: RelationQuery,
    /// The index, for the revision of what it reads and that of the highlight
    /// texts its rows were made with (rows are reused while those and every
    /// article's title stand).
    pub(super) index: super::derived::Derived<u64, (u64, RelationIndex)>,
    /// The relations the query selects, in order.
    pub(super) shown: super::derived::Derived<(u64, RelationQuery), Vec<usize>>,
    pub selected: Option<RelationId>,
    /// A relation to bring into view in the table (one just made).
    pub scroll_to: Option<RelationId>,
    /// The height of the panel the view is drawn in (its content scrolls).
    pub panel_height: f32,
    /// Where the view's content began this frame, to tell what is left for the table.
    pub(super) content_top: f32,
    pub(super) edit: RowEdit,
    pub(super) confirm_delete: Option<RelationId>,
    pub(super) from_text: String,
    pub(super) to_text: String,
    pub(super) new_type: String,
    /// The vocabulary being edited: id, label, description.
    pub(super) renaming: Vec<(RelationTypeId, String, String)>,
    pub dialog: Option<RelationDialog>,
}

impl RelationsView {
    /// Whether the folded text of every row was made (a filter or a sort asked for it).
    pub fn has_index(&self) -> bool {
        self.index.get().is_some()
    }

    /// The relations shown, in order: cached until what the table reads
    /// (relations, actors, vocabulary, articles, cited quotes) or the query
    /// changes — a highlight tagged elsewhere rebuilds nothing here.
    pub fn shown(&mut self, document: &crate::app::Document) -> &[usize] {
        let (project, revision) = (&document.project(), document.revisions().table());
        let query = &self.query;
        if query.is_everything() {
            // Every relation in order needs no index: none is made for the
            // first frame of a project (300,000 rows: 0.8 s at 100,000
            // articles), only when a filter or a sort first asks for it.
            return self.shown.get_or_make((revision, query.clone()), |_| {
                (0..project.relations.len()).collect()
            });
        }
        let quotes = document.revisions().highlight_text;
        // An edited relation makes its own row again; the others are kept
        // while the quotes they show are, and every article's title.
        let (_, index) = self.index.get_or_make(revision, |previous| {
            let previous = previous
                .filter(|(_, (made_with, _))| *made_with == quotes)
                .map(|(_, (_, index))| index);
            (
                quotes,
                RelationIndex::reusing(project, document.coded(), previous),
            )
        });
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
        let project = &document.project();
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
        self.table(ui, text, document, &shown, intents);
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

/// The column titles; the one clicked, to sort by (again to reverse).
fn sort_header(
    mut header: egui_extras::TableRow<'_, '_>,
    sort: Option<(Column, bool)>,
) -> Option<Column> {
    let mut clicked = None;
    header.col(|ui| {
        ui.strong("");
    });
    for column in DISPLAY_ORDER {
        header.col(|ui| {
            let arrow = match sort {
                Some((c, true)) if c == column => " ^",
                Some((c, false)) if c == column => " v",
                _ => "",
            };
            let response = ui
                .add(
                    egui::Button::new(
                        egui::RichText::new(format!("{}{arrow}", column.title())).strong(),
                    )
                    .frame(false),
                )
                .on_hover_text("Sort by this column; again to reverse");
            if response.clicked() {
                clicked = Some(column);
            }
        });
    }
    clicked
}

/// A row's first cell: duplicate it, or delete it (asked first).
fn action_cell(
    ui: &mut egui::Ui,
    relation: &Relation,
    confirm_delete: &mut Option<RelationId>,
    intents: &mut Intents,
) {
    ui.horizontal(|ui| {
        if ui
            .small_button("Copy")
            .on_hover_text("Duplicate this relation")
            .clicked()
        {
            intents.push(Action::Edit(Edit::DuplicateRelation(relation.id.clone())));
        }
        if ui
            .small_button("Delete")
            .on_hover_text("Delete this relation (asks first)")
            .clicked()
        {
            *confirm_delete = Some(relation.id.clone());
        }
    });
}

/// The relation's type: its label, or (the selected row) a picker that sets it.
fn kind_cell(
    ui: &mut egui::Ui,
    text: &mut TextResources,
    project: &Project,
    relation: &Relation,
    editing: Option<&mut RelationTypeId>,
) {
    if let Some(kind) = editing {
        let choices: Vec<_> = project
            .vocabulary
            .iter()
            .map(|t| (t.id.clone(), t.label.clone()))
            .collect();
        let width = ui.available_width();
        picker::pick(ui, text, "set", width, kind, &choices);
    } else {
        let label = project
            .relation_type(&relation.kind)
            .map_or(relation.kind.as_str(), |t| t.label.as_str());
        bidi_label::show(ui, text, label, 14.0);
    }
}

/// The evidence quote (and how many more there are), or why there is none.
fn evidence_cell(
    ui: &mut egui::Ui,
    text: &mut TextResources,
    relation: &Relation,
    quote: Option<&str>,
) {
    match quote {
        Some(quote) => match relation.evidence().count() {
            1 => {
                bidi_label::show(ui, text, quote, 13.0);
            }
            n => {
                bidi_label::show(ui, text, &format!("{quote} (+{} more)", n - 1), 13.0);
            }
        },
        None if relation.note.contains("evidence highlight deleted") => {
            ui.colored_label(ui.visuals().error_fg_color, "evidence deleted (see note)");
        }
        None => {
            ui.weak("no evidence");
        }
    }
}

impl RelationsView {
    fn table(
        &mut self,
        ui: &mut egui::Ui,
        text: &mut TextResources,
        document: &crate::app::Document,
        shown: &[usize],
        intents: &mut Intents,
    ) {
        let (project, coded) = (document.project(), document.coded());
        // Looked up for the rows drawn alone: no index is needed to show the table.
        let quote = |relation| relation_query::evidence_quote(project, coded, relation);
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
            .header(22.0, |header| {
                clicked_header = sort_header(header, self.query.sort);
            })
            .body(|body| {
                body.rows(ROW_HEIGHT, shown.len(), |mut row| {
                    let at = shown[row.index()];
                    let relation = &project.relations[at];
                    let selected = self.selected.as_ref() == Some(&relation.id);
                    row.set_selected(selected);
                    if selected && self.edit.id.as_ref() != Some(&relation.id) {
                        self.edit = RowEdit::of(project, relation);
                    }
                    let mut updated = relation.clone();
                    row.col(|ui| action_cell(ui, relation, &mut self.confirm_delete, intents));
                    row.col(|ui| {
                        let editing = selected.then_some((&mut self.edit.source, "Edit source"));
                        if let Some(actor) =
                            actor_cell(ui, text, project, editing, &relation.source)
                        {
                            updated.source = actor;
                        }
                    });
                    row.col(|ui| {
                        kind_cell(
                            ui,
                            text,
                            project,
                            relation,
                            selected.then_some(&mut updated.kind),
                        );
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
                    row.col(|ui| {
                        evidence_cell(ui, text, relation, quote(relation));
                    });
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
                        let delete = &mut self.confirm_delete;
                        row_menu(ui, project, relation, quote(relation), delete, intents);
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
