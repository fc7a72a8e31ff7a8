//! Working with a colleague's copy of the project: comparing their coding
//! with ours (figures, and each disagreement opened side by side: ours left,
//! theirs right), and merging it in (each conflict settled by a choice, each
//! probable duplicate actor offered, nothing dropped unasked).

use super::bidi_label;
use super::intents::{Dialog, Intent, Intents};
use super::text_resources::TextResources;
use crate::agreement::{self, Agreement, Disagreement};
use crate::app::Action;
use crate::model::Project;
use crate::model::edit::Edit;
use crate::team::merge::{Choice, MergePlan};

/// A colleague's copy, compared with the open project.
pub struct Comparison {
    pub name: String,
    pub theirs: Project,
    pub agreement: Agreement,
    /// The curator's choice for each disagreement (left = yours, to start).
    pub picks: Vec<crate::team::curation::Pick>,
    /// The disagreement the keys 1–4 settle next.
    pub current: usize,
}

impl Comparison {
    pub fn new(name: String, theirs: Project, agreement: Agreement) -> Self {
        let picks = vec![crate::team::curation::Pick::Left; agreement.disagreements.len()];
        Self {
            name,
            theirs,
            agreement,
            picks,
            current: 0,
        }
    }
}

/// A colleague's copy being merged in, with the user's choices so far.
pub struct MergeSession {
    pub name: String,
    theirs: Project,
    /// The project revision the plan was made against.
    revision: u64,
    pub plan: MergePlan,
    /// One per conflict, in order.
    pub choices: Vec<Choice>,
    /// One per probable duplicate pair: merge the second actor into the first.
    pub merge_actors: Vec<bool>,
    /// One per item only one side holds: keep it (the default) or leave it out.
    pub keep_one_sided: Vec<bool>,
    /// Why the last try to apply failed.
    pub error: Option<String>,
}

impl MergeSession {
    pub fn new(name: String, mine: &Project, revision: u64, theirs: Project) -> Self {
        let plan = crate::team::merge::plan(mine, &theirs);
        Self {
            name,
            theirs,
            revision,
            choices: vec![Choice::Mine; plan.conflicts.len()],
            merge_actors: vec![false; plan.probable_duplicates.len()],
            keep_one_sided: vec![true; plan.one_sided.len()],
            plan,
            error: None,
        }
    }

    /// Plans again if the project changed while the window was open, so that
    /// no edit made meanwhile is lost; choices already made are kept by item.
    pub fn follow(&mut self, mine: &Project, revision: u64) {
        if revision == self.revision {
            return;
        }
        let plan = crate::team::merge::plan(mine, &self.theirs);
        let chosen = |c: &crate::team::merge::Conflict| {
            self.plan
                .conflicts
                .iter()
                .position(|old| old.kind == c.kind && old.id == c.id)
                .map_or(Choice::Mine, |i| self.choices[i])
        };
        self.choices = plan.conflicts.iter().map(chosen).collect();
        let kept = |o: &crate::team::merge::OneSided| {
            self.plan
                .one_sided
                .iter()
                .position(|old| old.kind == o.kind && old.id == o.id && old.in_mine == o.in_mine)
                .is_none_or(|i| self.keep_one_sided[i])
        };
        self.keep_one_sided = plan.one_sided.iter().map(kept).collect();
        self.merge_actors = vec![false; plan.probable_duplicates.len()];
        self.plan = plan;
        self.revision = revision;
    }

    /// The intents that carry the merge out as chosen, or why it cannot be.
    pub fn actions(&self) -> Result<Vec<Action>, String> {
        let choose = |conflict: &crate::team::merge::Conflict| {
            self.plan
                .conflicts
                .iter()
                .position(|c| std::ptr::eq(c, conflict) || c == conflict)
                .and_then(|i| self.choices.get(i).copied())
                .unwrap_or(Choice::Mine)
        };
        let leave_out = |item: &crate::team::merge::OneSided| {
            self.plan
                .one_sided
                .iter()
                .position(|o| o == item)
                .is_some_and(|i| !self.keep_one_sided.get(i).copied().unwrap_or(true))
        };
        let merged = self.plan.apply_with(choose, leave_out).map_err(|errors| {
            errors
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        })?;
        let mut intents = vec![Action::Edit(Edit::MergeIn(Box::new(merged)))];
        for ((keep, gone), &chosen) in self.plan.probable_duplicates.iter().zip(&self.merge_actors)
        {
            if chosen {
                intents.push(Action::Edit(Edit::MergeActors {
                    from: gone.clone(),
                    into: keep.clone(),
                }));
            }
        }
        Ok(intents)
    }
}

/// The comparison window: picks made in place, the adjudicated copy asked for.
pub fn show_comparison(
    ctx: &egui::Context,
    text: &mut TextResources,
    comparison: &mut Comparison,
    intents: &mut Intents,
) -> Dialog {
    use crate::team::curation::Pick;
    let mut open = true;
    let mut save = false;
    // Low on the left, over the lists, so that both versions stay in view.
    let corner = ctx.content_rect().left_bottom() + egui::vec2(12.0, -380.0);
    egui::Window::new("Agreement with a colleague")
        .open(&mut open)
        .default_pos(corner)
        .default_width(520.0)
        .default_height(330.0)
        .show(ctx, |ui| {
            let a = &comparison.agreement.clone();
            ui.label(format!(
                "You (left) and {} (right): {} article(s) compared{}.",
                comparison.name,
                a.articles.len(),
                if a.skipped.is_empty() {
                    String::new()
                } else {
                    format!(", {} skipped because the texts differ", a.skipped.len())
                }
            ));
            egui::Grid::new("agreement-figures")
                .striped(true)
                .show(ui, |ui| {
                    for title in [
                        "",
                        "you",
                        "they",
                        "exact",
                        "overlap",
                        "F exact",
                        "F overlap",
                    ] {
                        ui.strong(title);
                    }
                    ui.end_row();
                    for (kind, c) in &a.highlights {
                        ui.label(kind.label());
                        ui.label(c.a.to_string());
                        ui.label(c.b.to_string());
                        ui.label(c.exact.to_string());
                        ui.label(c.overlapping.to_string());
                        ui.label(agreement::figure(c.exact_agreement()));
                        ui.label(agreement::figure(c.overlap_agreement()));
                        ui.end_row();
                    }
                    let r = a.relations;
                    ui.label("relations");
                    ui.label(r.a.to_string());
                    ui.label(r.b.to_string());
                    ui.label(r.matched.to_string());
                    ui.label("");
                    ui.label(agreement::figure(r.agreement()));
                    ui.end_row();
                });
            ui.separator();
            ui.label(format!(
                "{} disagreement(s); click one to see both versions side by side. To curate, pick for each: left (yours), right (theirs), both or neither — or keys 1–4 for the one in view — then save a curated copy (what you agree on goes in as it is).",
                a.disagreements.len()
            ));
            if ui
                .button("Save curated copy…")
                .on_hover_text("A new project: the agreed coding and each disagreement as picked, recording who curated it")
                .clicked()
            {
                save = true;
            }
            egui::ScrollArea::vertical()
                .id_salt("disagreements")
                .auto_shrink([false, false])
                .show_rows(ui, 22.0, a.disagreements.len(), |ui, rows| {
                    for i in rows {
                        let d = &a.disagreements[i];
                        let line = d.describe("you", &comparison.name);
                        let response = ui
                            .horizontal(|ui| {
                                ui.weak(format!("{}.", i + 1));
                                for pick in Pick::ALL {
                                    let chosen = comparison.picks[i] == pick;
                                    let button = ui.selectable_label(chosen, &pick.label()[..1]);
                                    let name = format!("Disagreement {}: {}", i + 1, pick.label());
                                    button.widget_info(|| {
                                        egui::WidgetInfo::selected(
                                            egui::Role::Button,
                                            true,
                                            chosen,
                                            &name,
                                        )
                                    });
                                    if button.on_hover_text(pick.label()).clicked() {
                                        comparison.picks[i] = pick;
                                        comparison.current = i + 1;
                                    }
                                }
                                bidi_label::show(ui, text, &line, 13.0);
                            })
                            .response
                            .interact(egui::Sense::click());
                        let label = format!("Disagreement {}", i + 1);
                        response.widget_info(|| {
                            egui::WidgetInfo::labeled(egui::Role::ListItem, true, &label)
                        });
                        if response.clicked() && d.place().is_some() {
                            comparison.current = i;
                            intents.push(Intent::ShowDisagreement(i));
                        }
                    }
                });
        });
    // Keys for speed: 1 left, 2 right, 3 both, 4 neither, for the one in view; then the next.
    let typing = super::text_field::typing(ctx);
    if !typing && comparison.current < comparison.picks.len() {
        let keys = [
            egui::Key::Num1,
            egui::Key::Num2,
            egui::Key::Num3,
            egui::Key::Num4,
        ];
        let pressed = ctx.input_mut(|i| {
            keys.iter()
                .position(|k| i.consume_key(egui::Modifiers::NONE, *k))
        });
        if let Some(k) = pressed {
            comparison.picks[comparison.current] = Pick::ALL[k];
            comparison.current += 1;
            if comparison.current < comparison.picks.len()
                && comparison.agreement.disagreements[comparison.current]
                    .place()
                    .is_some()
            {
                intents.push(Intent::ShowDisagreement(comparison.current));
            }
        }
    }
    if !open {
        return Dialog::Close;
    }
    if save {
        intents.push(Intent::SaveCurated);
    }
    Dialog::Open
}

/// Where the colleague's version of a disagreement lies (their span, for a differing pair).
pub fn their_span(d: &Disagreement) -> Option<crate::model::Span> {
    match d {
        Disagreement::Differ { span_b, .. } => Some(*span_b),
        _ => d.place().map(|(_, s)| s),
    }
}

/// The merge window; returns the intents to apply (when confirmed) and whether it closed.
/// Both versions of an item side by side, field by field, a differing field
/// marked (the merge window and the conflicts a git merge left).
pub fn field_grid<'a>(
    ui: &mut egui::Ui,
    text: &mut TextResources,
    id: impl std::hash::Hash + std::fmt::Debug,
    rows: impl Iterator<Item = (&'a str, &'a str, &'a str, bool)>,
) {
    egui::Grid::new(id)
        .num_columns(3)
        .striped(true)
        .show(ui, |ui| {
            ui.weak("field");
            ui.weak("mine");
            ui.weak("theirs");
            ui.end_row();
            for (name, mine, theirs, differs) in rows {
                if differs {
                    ui.colored_label(ui.visuals().warn_fg_color, format!("{name} (differs)"));
                } else {
                    ui.weak(name);
                }
                for value in [mine, theirs] {
                    ui.scope(|ui| {
                        ui.set_max_width(300.0);
                        bidi_label::show(ui, text, value, 12.0);
                    });
                }
                ui.end_row();
            }
        });
}

pub fn show_merge(
    ctx: &egui::Context,
    text: &mut TextResources,
    mine: &Project,
    session: &mut MergeSession,
    intents: &mut Intents,
) -> Dialog {
    let mut actions = Vec::new();
    let mut close = false;
    egui::Window::new("Merge a colleague's copy")
        .id(egui::Id::unique("merge-colleague"))
        .collapsible(false)
        .default_width(880.0)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
        ui.heading(format!("Merge {}'s copy", session.name));
        let mut added: Vec<String> = session
            .plan
            .added
            .iter()
            .filter(|(_, n)| **n > 0)
            .map(|(k, n)| format!("{n} {}(s)", k.label()))
            .collect();
        added.sort();
        ui.label(if added.is_empty() {
            "Nothing new to add.".to_owned()
        } else {
            format!("Added as they are: {}.", added.join(", "))
        });
        if !session.plan.conflicts.is_empty() {
            ui.label(format!(
                "{} item(s) differ between your copy and theirs (without the version you both started from, Warraq cannot tell who changed them): choose for each (yours is kept until you choose).",
                session.plan.conflicts.len()
            ));
        }
        egui::ScrollArea::vertical()
            .id_salt("merge-conflicts")
            // Only the bar and the wheel scroll: a press on a choice is a click, never a drag.
            .scroll_source(egui::scroll_area::ScrollSource {
                drag: egui::scroll_area::DragScroll::Never,
                ..egui::scroll_area::ScrollSource::ALL
            })
            .max_height(420.0)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                for (i, conflict) in session.plan.conflicts.iter().enumerate() {
                    ui.separator();
                    ui.horizontal(|ui| {
                        ui.strong(conflict.kind.label());
                        bidi_label::show(ui, text, &conflict.label, 14.0);
                        ui.weak(&conflict.id);
                    });
                    ui.horizontal(|ui| {
                        let choice = &mut session.choices[i];
                        ui.selectable_value(choice, Choice::Mine, "keep mine");
                        ui.selectable_value(choice, Choice::Theirs, "take theirs");
                        ui.selectable_value(choice, Choice::KeepBoth, "keep both");
                    });
                    // Field by field: the ones that differ first and marked.
                    let rows = conflict
                        .fields
                        .iter()
                        .filter(|f| f.differs())
                        .chain(conflict.fields.iter().filter(|f| !f.differs()))
                        .map(|f| (f.name.as_str(), f.mine.as_str(), f.theirs.as_str(), f.differs()));
                    field_grid(ui, text, ("conflict-fields", i), rows);
                }
                if !session.plan.one_sided.is_empty() {
                    ui.separator();
                    ui.strong(format!(
                        "{} item(s) only one copy holds. Without the version you both started from, Warraq cannot tell an addition from a deletion: each is kept unless you leave it out.",
                        session.plan.one_sided.len()
                    ));
                    for (i, item) in session.plan.one_sided.iter().enumerate() {
                        ui.horizontal(|ui| {
                            ui.checkbox(
                                &mut session.keep_one_sided[i],
                                format!(
                                    "keep {} {} (only in {})",
                                    item.kind.label(),
                                    item.id,
                                    if item.in_mine { "mine" } else { "theirs" }
                                ),
                            );
                            bidi_label::show(ui, text, &item.label, 13.0);
                        });
                    }
                }
                if !session.plan.probable_duplicates.is_empty() {
                    ui.separator();
                    ui.strong("Probably the same actor under two ids (same name or a shared alias):");
                    for (i, (keep, gone)) in session.plan.probable_duplicates.iter().enumerate() {
                        let name = |id| {
                            mine.actor(id)
                                .map_or_else(|| id.to_string(), |a| a.name.clone())
                        };
                        ui.horizontal(|ui| {
                            ui.checkbox(
                                &mut session.merge_actors[i],
                                format!("merge {gone} into {keep}"),
                            );
                            bidi_label::show(ui, text, &name(keep), 13.0);
                        });
                    }
                }
            });
        if let Some(error) = &session.error {
            ui.colored_label(ui.visuals().error_fg_color, error);
        }
        ui.horizontal(|ui| {
            if ui.button("Merge").clicked() {
                match session.actions() {
                    Ok(list) => {
                        actions = list;
                        close = true;
                    }
                    Err(e) => session.error = Some(format!("cannot merge: {e}")),
                }
            }
            if ui.button("Cancel").clicked() {
                close = true;
            }
        });
    });
    intents.extend(actions);
    Dialog::closed_if(close)
}

/// The articles ticked for a colleague's copy.
pub struct ExportChoice {
    pub chosen: Vec<bool>,
}

impl ExportChoice {
    pub fn new(project: &Project) -> Self {
        Self {
            chosen: vec![true; project.articles.len()],
        }
    }
}

/// Which articles go to the colleague (with what is coded on them).
pub fn show_export_choice(
    ctx: &egui::Context,
    text: &mut TextResources,
    project: &Project,
    choice: &mut ExportChoice,
    intents: &mut Intents,
) -> Dialog {
    let mut export = None;
    let mut close = false;
    egui::Modal::new(egui::Id::unique("export-for-colleague")).show(ctx, |ui| {
        ui.heading("Export for a colleague");
        ui.label("The ticked articles go with their highlights and relations; actors, claims and relation types go whole. Your name and the time are recorded in the file.");
        ui.horizontal(|ui| {
            if ui.small_button("All").clicked() {
                choice.chosen.iter_mut().for_each(|c| *c = true);
            }
            if ui.small_button("None").clicked() {
                choice.chosen.iter_mut().for_each(|c| *c = false);
            }
        });
        egui::ScrollArea::vertical()
            .max_height(360.0)
            .show_rows(ui, 24.0, project.articles.len(), |ui, rows| {
                for i in rows {
                    let article = &project.articles[i];
                    ui.horizontal(|ui| {
                        ui.checkbox(&mut choice.chosen[i], format!("Send article {}", i + 1));
                        ui.weak(article.published.map(|d| d.to_string()).unwrap_or_default());
                        bidi_label::show(ui, text, &article.title, 13.0);
                    });
                }
            });
        let count = choice.chosen.iter().filter(|c| **c).count();
        ui.horizontal(|ui| {
            if ui
                .add_enabled(count > 0, egui::Button::new(format!("Export {count} article(s)…")))
                .clicked()
            {
                close = true;
                export = Some(
                    project
                        .articles
                        .iter()
                        .zip(&choice.chosen)
                        .filter(|(_, c)| **c)
                        .map(|(a, _)| a.id.clone())
                        .collect(),
                );
            }
            if ui.button("Cancel").clicked() {
                close = true;
                export = None;
            }
        });
    });
    intents.extend(export.map(Intent::ExportArticles));
    Dialog::closed_if(close)
}
