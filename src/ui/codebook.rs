//! The codebook table: every actor (or claim) with what is coded with it,
//! sortable, filtered as the analyst types (Arabic-aware), with a selection
//! of several rows to merge, delete or export at once.

use super::bidi_label;
use super::intents::{FileCommand, Intent, Intents};
use super::sortable::{
    SortKey, next_sort, right_to_left, row_clicks, selection_bar, sort_header, toggle, ui_modifiers,
};
use super::text_field::TextField;
use super::text_resources::TextResources;
use crate::app::Document;
use crate::exchange::Format;
use crate::model::codebook::{self, ActorRow, ClaimRow, ConceptRow};
use crate::model::{ActorId, ClaimId, Project, Tag};
use egui_extras::{Column, TableBuilder};
use std::collections::BTreeSet;

const ROW_HEIGHT: f32 = 24.0;

pub use super::intents::CodebookTab as Tab;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ActorColumn {
    Name,
    Kind,
    Aliases,
    Mentions,
    Articles,
    Relations,
    Claims,
    First,
    Last,
}

impl ActorColumn {
    const ALL: [Self; 9] = [
        Self::Name,
        Self::Kind,
        Self::Aliases,
        Self::Mentions,
        Self::Articles,
        Self::Relations,
        Self::Claims,
        Self::First,
        Self::Last,
    ];

    fn title(self) -> &'static str {
        match self {
            Self::Name => "Name",
            Self::Kind => "Kind",
            Self::Aliases => "Aliases",
            Self::Mentions => "Mentions",
            Self::Articles => "Articles",
            Self::Relations => "Relations",
            Self::Claims => "Claims",
            Self::First => "First",
            Self::Last => "Last",
        }
    }

    fn tooltip(self) -> &'static str {
        match self {
            Self::Claims => "Claims this actor is the speaker of",
            Self::First => "Publication date of the first article it is highlighted in",
            Self::Last => "Publication date of the last article it is highlighted in",
            _ => "Sort by this column; again to reverse",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ClaimColumn {
    Claim,
    Speaker,
    Stance,
    Highlights,
    Articles,
    Quotes,
    Paraphrases,
}

impl ClaimColumn {
    const ALL: [Self; 7] = [
        Self::Claim,
        Self::Speaker,
        Self::Stance,
        Self::Highlights,
        Self::Articles,
        Self::Quotes,
        Self::Paraphrases,
    ];

    fn title(self) -> &'static str {
        match self {
            Self::Claim => "Claim",
            Self::Speaker => "Speaker",
            Self::Stance => "Stance",
            Self::Highlights => "Highlights",
            Self::Articles => "Articles",
            Self::Quotes => "Quotes",
            Self::Paraphrases => "Paraphrases",
        }
    }
}

/// The rows of the three tables, made once per revision.
type Rows = (Vec<ActorRow>, Vec<ClaimRow>, Vec<ConceptRow>);

/// The codebook window's state.
#[derive(Debug, Default)]
pub struct Codebook {
    pub open: bool,
    pub tab: Tab,
    filter: String,
    actor_sort: Option<(ActorColumn, bool)>,
    claim_sort: Option<(ClaimColumn, bool)>,
    pub selected_actors: BTreeSet<ActorId>,
    pub selected_claims: BTreeSet<ClaimId>,
    pub concepts: super::concepts_table::ConceptsTable,
    /// The rows for a revision: rebuilt once per change, not per frame.
    rows: super::derived::Derived<u64, Rows>,
}

impl Codebook {
    pub fn open(&mut self, tab: Tab) {
        self.open = true;
        self.tab = tab;
    }

    pub fn show(
        &mut self,
        ctx: &egui::Context,
        text: &mut TextResources,
        document: &Document,
        intents: &mut Intents,
    ) {
        if !self.open {
            return;
        }
        let project = &document.project();
        let mut remade = false;
        self.rows.get_or_make(document.revision(), |_| {
            remade = true;
            (
                codebook::actor_rows(project),
                codebook::claim_rows(project),
                codebook::concept_rows(project),
            )
        });
        if remade {
            // Forget deleted items.
            self.selected_actors.retain(|a| project.actor(a).is_some());
            self.selected_claims.retain(|c| project.claim(c).is_some());
        }
        let mut open = self.open;
        egui::Window::new("Codebook")
            .open(&mut open)
            .default_size([940.0, 520.0])
            .resizable(true)
            .show(ctx, |ui| {
                ui.horizontal(|ui| {
                    ui.selectable_value(&mut self.tab, Tab::Actors, "Actors table");
                    ui.selectable_value(&mut self.tab, Tab::Concepts, "Concepts table");
                    ui.selectable_value(&mut self.tab, Tab::Claims, "Claims table");
                    ui.separator();
                    TextField::singleline(&mut self.filter, "Filter the codebook")
                        .hint("filter by name, alias, gloss or text")
                        .width(260.0)
                        .show(ui, text)
                        .on_hover_text("Diacritics, tatweel and alef forms are ignored");
                });
                ui.separator();
                match self.tab {
                    Tab::Actors => self.actors(ui, text, project, intents),
                    Tab::Claims => self.claims(ui, text, project, intents),
                    Tab::Concepts => {
                        if let Some((_, _, rows)) = self.rows.get() {
                            self.concepts
                                .show(ui, text, project, rows, &self.filter, intents);
                        }
                    }
                }
            });
        self.open = open;
    }

    fn actors(
        &mut self,
        ui: &mut egui::Ui,
        text: &mut TextResources,
        project: &Project,
        intents: &mut Intents,
    ) {
        let Some((rows, _, _)) = self.rows.get() else {
            return;
        };
        let mut shown: Vec<usize> = (0..project.actors.len())
            .filter(|&i| codebook::actor_matches(&project.actors[i], &self.filter))
            .collect();
        if let Some(sort) = self.actor_sort {
            sort_actors(&mut shown, project, rows, sort);
        }
        selection_bar(
            ui,
            ("actors", shown.len(), project.actors.len()),
            &mut self.selected_actors,
            || {
                shown
                    .iter()
                    .map(|&i| project.actors[i].id.clone())
                    .collect()
            },
            |ui, selected| actor_commands(ui, selected, intents),
        );
        let mut clicked_header = None;
        TableBuilder::new(ui)
            .striped(true)
            .resizable(true)
            .auto_shrink([false, false])
            .sense(egui::Sense::click())
            .column(Column::exact(24.0))
            .column(Column::initial(220.0).at_least(80.0).clip(true))
            .column(Column::initial(90.0).at_least(60.0))
            .column(Column::initial(220.0).at_least(60.0).clip(true))
            .columns(Column::initial(66.0).at_least(40.0), 4)
            .columns(Column::initial(84.0).at_least(60.0), 2)
            .header(22.0, |mut header| {
                header.col(|_| {});
                for column in ActorColumn::ALL {
                    header.col(|ui| {
                        if sort_header(
                            ui,
                            column.title(),
                            column.tooltip(),
                            self.actor_sort.map(|(c, a)| (c == column, a)),
                        ) {
                            clicked_header = Some(column);
                        }
                    });
                }
            })
            .body(|body| {
                body.rows(ROW_HEIGHT, shown.len(), |mut row| {
                    let i = shown[row.index()];
                    let (actor, stats) = (&project.actors[i], &rows[i]);
                    let mut checked = self.selected_actors.contains(&actor.id);
                    row.set_selected(checked);
                    row.col(|ui| {
                        let name = format!("Select {}", actor.name);
                        let response = ui.checkbox(&mut checked, "");
                        response.widget_info(|| {
                            egui::WidgetInfo::selected(egui::Role::CheckBox, true, checked, &name)
                        });
                        if response.changed() {
                            toggle(&mut self.selected_actors, &actor.id, checked);
                        }
                    });
                    row.col(|ui| {
                        right_to_left(ui, |ui| {
                            bidi_label::show(ui, text, &actor.name, 14.0);
                        });
                    });
                    row.col(|ui| {
                        ui.label(actor.kind.label());
                    });
                    row.col(|ui| {
                        right_to_left(ui, |ui| {
                            bidi_label::show(ui, text, &actor.aliases.join(" · "), 13.0);
                        });
                    });
                    for n in [
                        stats.mentions,
                        stats.articles,
                        stats.relations,
                        stats.claims,
                    ] {
                        row.col(|ui| {
                            ui.label(n.to_string());
                        });
                    }
                    for date in [stats.first, stats.last] {
                        row.col(|ui| {
                            ui.label(date.map(|d| d.to_string()).unwrap_or_default());
                        });
                    }
                    let response = row.response();
                    let name = actor.name.clone();
                    response.widget_info(|| {
                        egui::WidgetInfo::selected(
                            egui::Role::Row,
                            true,
                            checked,
                            format!("Actor: {name}"),
                        )
                    });
                    row_clicks(
                        &response,
                        ui_modifiers(&response),
                        &mut self.selected_actors,
                        &actor.id,
                    );
                    if response.double_clicked() {
                        intents.push(Intent::EditActor(actor.id.clone()));
                    }
                    response.context_menu(|ui| {
                        let id = &actor.id;
                        for (label, request) in [
                            ("Edit…", Intent::EditActor(id.clone())),
                            ("Show the next mention", Intent::ShowMention(id.clone())),
                            ("Find other mentions", Intent::FindMentions(id.clone())),
                            ("Show its relations", Intent::ShowActorRelations(id.clone())),
                            ("Delete…", Intent::DeleteActors(vec![id.clone()])),
                        ] {
                            if ui.button(label).clicked() {
                                intents.push(request);
                                ui.close();
                            }
                        }
                    });
                });
            });
        if let Some(column) = clicked_header {
            self.actor_sort = Some(next_sort(self.actor_sort, column));
        }
    }

    fn claims(
        &mut self,
        ui: &mut egui::Ui,
        text: &mut TextResources,
        project: &Project,
        intents: &mut Intents,
    ) {
        let Some((_, rows, _)) = self.rows.get() else {
            return;
        };
        let mut shown: Vec<usize> = (0..project.claims.len())
            .filter(|&i| codebook::claim_matches(project, &project.claims[i], &self.filter))
            .collect();
        if let Some(sort) = self.claim_sort {
            sort_claims(&mut shown, project, rows, sort);
        }
        selection_bar(
            ui,
            ("claims", shown.len(), project.claims.len()),
            &mut self.selected_claims,
            || {
                shown
                    .iter()
                    .map(|&i| project.claims[i].id.clone())
                    .collect()
            },
            |ui, selected| claim_commands(ui, selected, intents),
        );
        let mut clicked_header = None;
        TableBuilder::new(ui)
            .striped(true)
            .resizable(true)
            .auto_shrink([false, false])
            .sense(egui::Sense::click())
            .column(Column::exact(24.0))
            .column(Column::initial(320.0).at_least(80.0).clip(true))
            .column(Column::initial(160.0).at_least(60.0).clip(true))
            .column(Column::initial(80.0).at_least(60.0))
            .columns(Column::initial(76.0).at_least(40.0), 4)
            .header(22.0, |mut header| {
                header.col(|_| {});
                for column in ClaimColumn::ALL {
                    header.col(|ui| {
                        let tip = "Sort by this column; again to reverse";
                        if sort_header(
                            ui,
                            column.title(),
                            tip,
                            self.claim_sort.map(|(c, a)| (c == column, a)),
                        ) {
                            clicked_header = Some(column);
                        }
                    });
                }
            })
            .body(|body| {
                body.rows(ROW_HEIGHT, shown.len(), |mut row| {
                    let i = shown[row.index()];
                    let (claim, stats) = (&project.claims[i], &rows[i]);
                    let mut checked = self.selected_claims.contains(&claim.id);
                    row.set_selected(checked);
                    row.col(|ui| {
                        let name = format!("Select {}", project.claim_text(claim));
                        let response = ui.checkbox(&mut checked, "");
                        response.widget_info(|| {
                            egui::WidgetInfo::selected(egui::Role::CheckBox, true, checked, &name)
                        });
                        if response.changed() {
                            toggle(&mut self.selected_claims, &claim.id, checked);
                        }
                    });
                    row.col(|ui| {
                        right_to_left(ui, |ui| {
                            bidi_label::show(ui, text, project.claim_text(claim), 14.0);
                        });
                    });
                    row.col(|ui| {
                        right_to_left(ui, |ui| {
                            let speaker = claim.speaker.as_ref().and_then(|s| project.actor(s));
                            bidi_label::show(
                                ui,
                                text,
                                speaker.map_or("", |a| a.name.as_str()),
                                13.0,
                            );
                        });
                    });
                    row.col(|ui| {
                        ui.label(claim.stance.label());
                    });
                    for n in [
                        stats.highlights,
                        stats.articles,
                        stats.quotes,
                        stats.paraphrases,
                    ] {
                        row.col(|ui| {
                            ui.label(n.to_string());
                        });
                    }
                    let response = row.response();
                    let words = project.claim_text(claim).to_owned();
                    response.widget_info(|| {
                        egui::WidgetInfo::selected(
                            egui::Role::Row,
                            true,
                            checked,
                            format!("Claim: {words}"),
                        )
                    });
                    row_clicks(
                        &response,
                        ui_modifiers(&response),
                        &mut self.selected_claims,
                        &claim.id,
                    );
                    if response.double_clicked() {
                        intents.push(Intent::EditClaim(claim.id.clone()));
                    }
                    response.context_menu(|ui| {
                        let id = &claim.id;
                        let first = project
                            .highlights
                            .iter()
                            .find(|h| h.tag == Tag::Claim(id.clone()));
                        if ui.button("Edit…").clicked() {
                            intents.push(Intent::EditClaim(id.clone()));
                            ui.close();
                        }
                        if let Some(h) = first
                            && ui.button("Show where it is made").clicked()
                        {
                            intents.push(Intent::Reveal {
                                article: h.article.clone(),
                                span: h.span,
                                highlight: Some(h.id.clone()),
                            });
                            ui.close();
                        }
                        if ui.button("Delete…").clicked() {
                            intents.push(Intent::DeleteClaims(vec![id.clone()]));
                            ui.close();
                        }
                    });
                });
            });
        if let Some(column) = clicked_header {
            self.claim_sort = Some(next_sort(self.claim_sort, column));
        }
    }
}

/// Edit, merge, delete the selected actors; the codebook as CSV.
fn actor_commands(ui: &mut egui::Ui, selected: &[ActorId], intents: &mut Intents) {
    if ui
        .add_enabled(selected.len() == 1, egui::Button::new("Edit…"))
        .clicked()
    {
        intents.push(Intent::EditActor(selected[0].clone()));
    }
    if ui
        .add_enabled(selected.len() >= 2, egui::Button::new("Merge selected…"))
        .on_hover_text("One actor under several names: pick the one to keep; the others' names become its aliases")
        .clicked()
    {
        intents.push(Intent::MergeActors(selected.to_vec()));
    }
    if ui
        .add_enabled(!selected.is_empty(), egui::Button::new("Delete selected…"))
        .on_hover_text("Asks first, saying what depends on them")
        .clicked()
    {
        intents.push(Intent::DeleteActors(selected.to_vec()));
    }
    ui.separator();
    if ui
        .button("Export as CSV…")
        .on_hover_text("Every actor with its names, kind and counts")
        .clicked()
    {
        intents.push(FileCommand::Export(Format::CodebookCsv));
    }
}

/// Edit and delete the selected claims; the claims as CSV.
fn claim_commands(ui: &mut egui::Ui, selected: &[ClaimId], intents: &mut Intents) {
    if ui
        .add_enabled(selected.len() == 1, egui::Button::new("Edit…"))
        .clicked()
    {
        intents.push(Intent::EditClaim(selected[0].clone()));
    }
    if ui
        .add_enabled(!selected.is_empty(), egui::Button::new("Delete selected…"))
        .on_hover_text("Asks first; the highlights where they are made go too")
        .clicked()
    {
        intents.push(Intent::DeleteClaims(selected.to_vec()));
    }
    ui.separator();
    if ui.button("Export as CSV…").clicked() {
        intents.push(FileCommand::Export(Format::ClaimsCsv));
    }
}

/// The shown actors in the order of the column clicked (again to reverse).
fn sort_actors(
    shown: &mut [usize],
    project: &Project,
    rows: &[codebook::ActorRow],
    (column, ascending): (ActorColumn, bool),
) {
    let key = |&i: &usize| {
        let (a, r) = (&project.actors[i], &rows[i]);
        match column {
            ActorColumn::Name => SortKey::Text(crate::model::arabic::fold(&a.name)),
            ActorColumn::Kind => SortKey::Text(a.kind.label().to_owned()),
            ActorColumn::Aliases => SortKey::Number(a.aliases.len()),
            ActorColumn::Mentions => SortKey::Number(r.mentions),
            ActorColumn::Articles => SortKey::Number(r.articles),
            ActorColumn::Relations => SortKey::Number(r.relations),
            ActorColumn::Claims => SortKey::Number(r.claims),
            ActorColumn::First => SortKey::When(r.first.into()),
            ActorColumn::Last => SortKey::When(r.last.into()),
        }
    };
    shown.sort_by_cached_key(key);
    if !ascending {
        shown.reverse();
    }
}

/// The shown claims in the order of the column clicked (again to reverse).
fn sort_claims(
    shown: &mut [usize],
    project: &Project,
    rows: &[codebook::ClaimRow],
    (column, ascending): (ClaimColumn, bool),
) {
    let speaker = |i: usize| {
        project.claims[i]
            .speaker
            .as_ref()
            .and_then(|s| project.actor(s))
            .map_or("", |a| a.name.as_str())
    };
    let key = |&i: &usize| {
        let (c, r) = (&project.claims[i], &rows[i]);
        match column {
            ClaimColumn::Claim => SortKey::Text(crate::model::arabic::fold(project.claim_text(c))),
            ClaimColumn::Speaker => SortKey::Text(crate::model::arabic::fold(speaker(i))),
            ClaimColumn::Stance => SortKey::Text(c.stance.label().to_owned()),
            ClaimColumn::Highlights => SortKey::Number(r.highlights),
            ClaimColumn::Articles => SortKey::Number(r.articles),
            ClaimColumn::Quotes => SortKey::Number(r.quotes),
            ClaimColumn::Paraphrases => SortKey::Number(r.paraphrases),
        }
    };
    shown.sort_by_cached_key(key);
    if !ascending {
        shown.reverse();
    }
}
