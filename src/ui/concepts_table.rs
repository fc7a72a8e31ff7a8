//! The codebook's concepts: what actors take stances on, with how many
//! statements affirm, deny or stay neutral on each and how many actors
//! spoke; rename, merge and delete (asked first) like actors.

use super::bidi_label;
use super::intents::{Intent, Intents};
use super::sortable::{
    SortKey, next_sort, right_to_left, row_clicks, selection_bar, sort_header, toggle, ui_modifiers,
};
use super::text_resources::TextResources;
use crate::app::Action;
use crate::model::codebook::ConceptRow;
use crate::model::edit::Edit;
use crate::model::{ConceptId, Project, arabic};
use egui_extras::{Column, TableBuilder};
use std::collections::BTreeSet;

const ROW_HEIGHT: f32 = 24.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ConceptColumn {
    Concept,
    Affirms,
    Denies,
    Neutral,
    Speakers,
    Claims,
}

impl ConceptColumn {
    const ALL: [Self; 6] = [
        Self::Concept,
        Self::Affirms,
        Self::Denies,
        Self::Neutral,
        Self::Speakers,
        Self::Claims,
    ];

    fn title(self) -> &'static str {
        match self {
            Self::Concept => "Concept",
            Self::Affirms => "Affirm",
            Self::Denies => "Deny",
            Self::Neutral => "Neutral",
            Self::Speakers => "Speakers",
            Self::Claims => "Claims",
        }
    }

    fn tooltip(self) -> &'static str {
        match self {
            Self::Affirms | Self::Denies | Self::Neutral => {
                "Statements (highlighted passages) with this stance"
            }
            Self::Speakers => "Actors who took a stance on it",
            Self::Claims => "Claims about it (speaker and stance)",
            Self::Concept => "Sort by this column; again to reverse",
        }
    }
}

#[derive(Debug, Default)]
pub struct ConceptsTable {
    sort: Option<(ConceptColumn, bool)>,
    pub selected: BTreeSet<ConceptId>,
}

impl ConceptsTable {
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        text: &mut TextResources,
        project: &Project,
        rows: &[ConceptRow],
        filter: &str,
        intents: &mut Intents,
    ) {
        self.selected.retain(|c| project.concept(c).is_some());
        let mut shown: Vec<usize> = (0..project.concepts.len().min(rows.len()))
            .filter(|&i| {
                let c = &project.concepts[i];
                filter.trim().is_empty()
                    || arabic::contains_folded(&c.text, filter.trim())
                    || arabic::contains_folded(&c.note, filter.trim())
            })
            .collect();
        if let Some(sort) = self.sort {
            sort_concepts(&mut shown, project, rows, sort);
        }
        selection_bar(
            ui,
            ("concepts", shown.len(), project.concepts.len()),
            &mut self.selected,
            || {
                shown
                    .iter()
                    .map(|&i| project.concepts[i].id.clone())
                    .collect()
            },
            |ui, selected| commands(ui, selected, intents),
        );
        let mut clicked_header = None;
        TableBuilder::new(ui)
            .striped(true)
            .resizable(true)
            .auto_shrink([false, false])
            .sense(egui::Sense::click())
            .column(Column::exact(24.0))
            .column(Column::initial(420.0).at_least(120.0).clip(true))
            .columns(Column::initial(72.0).at_least(50.0), 5)
            .header(22.0, |mut header| {
                header.col(|_| {});
                for column in ConceptColumn::ALL {
                    header.col(|ui| {
                        if sort_header(
                            ui,
                            column.title(),
                            column.tooltip(),
                            self.sort.map(|(c, a)| (c == column, a)),
                        ) {
                            clicked_header = Some(column);
                        }
                    });
                }
            })
            .body(|body| {
                body.rows(ROW_HEIGHT, shown.len(), |mut row| {
                    let i = shown[row.index()];
                    let (concept, stats) = (&project.concepts[i], &rows[i]);
                    let mut checked = self.selected.contains(&concept.id);
                    row.set_selected(checked);
                    row.col(|ui| {
                        let name = format!("Select {}", concept.text);
                        let response = ui.checkbox(&mut checked, "");
                        response.widget_info(|| {
                            egui::WidgetInfo::selected(egui::Role::CheckBox, true, checked, &name)
                        });
                        if response.changed() {
                            toggle(&mut self.selected, &concept.id, checked);
                        }
                    });
                    row.col(|ui| {
                        right_to_left(ui, |ui| {
                            bidi_label::show(ui, text, &concept.text, 14.0);
                        });
                    });
                    for n in [
                        stats.affirms,
                        stats.denies,
                        stats.neutral,
                        stats.speakers,
                        stats.claims,
                    ] {
                        row.col(|ui| {
                            ui.label(n.to_string());
                        });
                    }
                    let response = row.response();
                    let words = concept.text.clone();
                    response.widget_info(|| {
                        egui::WidgetInfo::selected(
                            egui::Role::Row,
                            true,
                            checked,
                            format!("Concept: {words}"),
                        )
                    });
                    row_clicks(
                        &response,
                        ui_modifiers(&response),
                        &mut self.selected,
                        &concept.id,
                    );
                    if response.double_clicked() {
                        intents.push(Intent::EditConcept(concept.id.clone()));
                    }
                    response.context_menu(|ui| row_menu(ui, &concept.id, &self.selected, intents));
                });
            });
        if let Some(column) = clicked_header {
            self.sort = Some(next_sort(self.sort, column));
        }
    }
}

fn commands(ui: &mut egui::Ui, selected: &[ConceptId], intents: &mut Intents) {
    if ui
        .add_enabled(selected.len() == 1, egui::Button::new("Rename…"))
        .clicked()
    {
        intents.push(Intent::EditConcept(selected[0].clone()));
    }
    if ui
        .add_enabled(selected.len() == 1, egui::Button::new("Delete…"))
        .on_hover_text("Asks first, saying which claims and passages go with it")
        .clicked()
    {
        intents.push(Intent::DeleteConcept(selected[0].clone()));
    }
    ui.weak("To merge: right-click the concept to keep.");
}

/// A row's menu: rename, merge the selected into it, delete.
fn row_menu(
    ui: &mut egui::Ui,
    id: &ConceptId,
    selected: &BTreeSet<ConceptId>,
    intents: &mut Intents,
) {
    if ui.button("Rename…").clicked() {
        intents.push(Intent::EditConcept(id.clone()));
        ui.close();
    }
    let others: Vec<ConceptId> = selected.iter().filter(|c| *c != id).cloned().collect();
    if ui
        .add_enabled(
            !others.is_empty(),
            egui::Button::new(format!("Merge the {} selected into this one", others.len())),
        )
        .on_hover_text("Their claims become claims about this concept; undo takes it back")
        .clicked()
    {
        let merges = others
            .into_iter()
            .map(|from| Edit::MergeConcepts {
                from,
                into: id.clone(),
            })
            .collect();
        intents.push(Intent::Project(Action::Edit(Edit::Several(merges))));
        ui.close();
    }
    if ui.button("Delete…").clicked() {
        intents.push(Intent::DeleteConcept(id.clone()));
        ui.close();
    }
}

/// The shown concepts in the order of the column clicked (again to reverse).
fn sort_concepts(
    shown: &mut [usize],
    project: &Project,
    rows: &[ConceptRow],
    (column, ascending): (ConceptColumn, bool),
) {
    let key = |&i: &usize| {
        let r = &rows[i];
        match column {
            ConceptColumn::Concept => SortKey::Text(arabic::fold(&project.concepts[i].text)),
            ConceptColumn::Affirms => SortKey::Number(r.affirms),
            ConceptColumn::Denies => SortKey::Number(r.denies),
            ConceptColumn::Neutral => SortKey::Number(r.neutral),
            ConceptColumn::Speakers => SortKey::Number(r.speakers),
            ConceptColumn::Claims => SortKey::Number(r.claims),
        }
    };
    shown.sort_by_cached_key(key);
    if !ascending {
        shown.reverse();
    }
}
