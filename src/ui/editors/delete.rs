//! The questions before deleting or merging: what goes with it, said first.

use super::{
    ActorDependents, ActorId, Answer, ArticleId, ClaimId, Edit, Orphans, TextResources, bidi_label,
    buttons,
};

pub(super) fn delete_actor(
    ctx: &egui::Context,
    text: &mut TextResources,
    actor: &ActorId,
    name: &str,
    dependents: &ActorDependents,
) -> Answer {
    let mut answer = Answer::default();
    let result = &mut answer.result;
    egui::Modal::new(egui::Id::unique("delete-actor")).show(ctx, |ui| {
            ui.horizontal(|ui| {
                ui.label("Delete this actor?");
                bidi_label::show(ui, text, name, 14.0);
            });
            if dependents.any() {
                ui.label(format!(
                    "With it go its {} mention(s), {} relation(s) and {} claim(s) it is the speaker of (with their highlights). Undo brings everything back.",
                    dependents.mentions, dependents.relations, dependents.claims
                ));
            }
            let label = if dependents.any() {
                "Delete it and what depends on it"
            } else {
                "Delete the actor"
            };
            *result = buttons(ui, label, || {
                Some(Edit::DeleteActor {
                    actor: actor.clone(),
                    dependents: true,
                })
            });
        });
    answer
}

pub(super) fn delete_concept(
    ctx: &egui::Context,
    text: &mut TextResources,
    concept: &crate::model::ConceptId,
    words: &str,
    (claims, highlights): (usize, usize),
) -> Answer {
    let mut answer = Answer::default();
    let result = &mut answer.result;
    egui::Modal::new(egui::Id::unique("delete-concept")).show(ctx, |ui| {
        ui.label("Delete this concept");
        bidi_label::show(ui, text, words, 14.0);
        if claims > 0 {
            ui.label(format!(
                "With it go the {claims} claim(s) about it and the {highlights} highlight(s) where they are made. Undo brings them back."
            ));
        } else {
            ui.label("No claim is about it.");
        }
        *result = buttons(ui, "Delete the concept", || {
            Some(Edit::DeleteConcept {
                concept: concept.clone(),
                dependents: true,
            })
        });
    });
    answer
}

pub(super) fn delete_claim(
    ctx: &egui::Context,
    text: &mut TextResources,
    claim: &ClaimId,
    words: &str,
    highlights: usize,
) -> Answer {
    let mut answer = Answer::default();
    let result = &mut answer.result;
    egui::Modal::new(egui::Id::unique("delete-claim")).show(ctx, |ui| {
        ui.label("Delete this claim");
        bidi_label::show(ui, text, words, 14.0);
        ui.label(format!(
            "and the {highlights} highlight(s) where it is made? Undo brings them back."
        ));
        *result = buttons(ui, "Delete the claim", || {
            Some(Edit::DeleteClaim(claim.clone()))
        });
    });
    answer
}

pub(super) fn delete_article(
    ctx: &egui::Context,
    text: &mut TextResources,
    article: &ArticleId,
    title: &str,
    highlights: usize,
    orphans: &[String],
    delete_orphans: &mut bool,
) -> Answer {
    let mut answer = Answer::default();
    let result = &mut answer.result;
    egui::Modal::new(egui::Id::unique("delete-article")).show(ctx, |ui| {
            ui.label("Delete this article");
            bidi_label::show(ui, text, title, 14.0);
            ui.label(format!(
                "with its {highlights} highlight(s)? Relations stop citing it. Undo brings everything back."
            ));
            if !orphans.is_empty() {
                ui.label(format!("{} relation(s) cite only this article:", orphans.len()));
                for words in orphans.iter().take(8) {
                    bidi_label::show(ui, text, words, 13.0);
                }
                ui.checkbox(delete_orphans, "delete those relations too (else kept, citing nothing)");
            }
            let orphans = if *delete_orphans {
                Orphans::Delete
            } else {
                Orphans::Keep
            };
            *result = buttons(ui, "Delete the article", || {
                Some(Edit::DeleteArticle {
                    article: article.clone(),
                    orphans,
                })
            });
        });
    answer
}

pub(super) fn merge_actors(
    ctx: &egui::Context,
    text: &mut TextResources,
    actors: &[(ActorId, String)],
    survivor: &mut usize,
) -> Answer {
    let mut answer = Answer::default();
    let result = &mut answer.result;
    egui::Modal::new(egui::Id::unique("merge-actors")).show(ctx, |ui| {
            ui.set_max_width(480.0);
            ui.label(format!("Merge these {} actors into one. Keep:", actors.len()));
            for (i, (_, name)) in actors.iter().enumerate() {
                ui.horizontal(|ui| {
                    let radio = ui.radio_value(survivor, i, "");
                    let label = format!("Keep {name}");
                    radio.widget_info(|| {
                        egui::WidgetInfo::selected(egui::Role::RadioButton, true, *survivor == i, &label)
                    });
                    bidi_label::show(ui, text, name, 14.0);
                });
            }
            ui.weak("The others' names become its aliases; their mentions, relations and claims move to it. Undo takes the merge back.");
            *result = buttons(ui, "Merge", || {
                let into = actors[*survivor].0.clone();
                Some(Edit::Several(
                    actors
                        .iter()
                        .filter(|(id, _)| *id != into)
                        .map(|(from, _)| Edit::MergeActors {
                            from: from.clone(),
                            into: into.clone(),
                        })
                        .collect(),
                ))
            });
        });
    answer
}

pub(super) fn delete_actors(
    ctx: &egui::Context,
    text: &mut TextResources,
    actors: &[ActorId],
    names: &[String],
    dependents: &ActorDependents,
) -> Answer {
    let mut answer = Answer::default();
    let result = &mut answer.result;
    egui::Modal::new(egui::Id::unique("delete-actors")).show(ctx, |ui| {
        ui.set_max_width(480.0);
        ui.label(format!("Delete these {} actors?", actors.len()));
        for name in names.iter().take(10) {
            bidi_label::show(ui, text, name, 14.0);
        }
        if names.len() > 10 {
            ui.weak(format!("and {} more", names.len() - 10));
        }
        if dependents.any() {
            ui.label(format!(
                "With them go {dependents} (with their highlights). Undo brings everything back."
            ));
        }
        let label = if dependents.any() {
            "Delete them and what depends on them"
        } else {
            "Delete the actors"
        };
        *result = buttons(ui, label, || {
            Some(Edit::Several(
                actors
                    .iter()
                    .map(|actor| Edit::DeleteActor {
                        actor: actor.clone(),
                        dependents: true,
                    })
                    .collect(),
            ))
        });
    });
    answer
}

pub(super) fn delete_claims(ctx: &egui::Context, claims: &[ClaimId], highlights: usize) -> Answer {
    let mut answer = Answer::default();
    let result = &mut answer.result;
    egui::Modal::new(egui::Id::unique("delete-claims")).show(ctx, |ui| {
            ui.label(format!(
                "Delete these {} claims and the {highlights} highlight(s) where they are made? Undo brings them back.",
                claims.len()
            ));
            *result = buttons(ui, "Delete the claims", || {
                Some(Edit::Several(
                    claims.iter().cloned().map(Edit::DeleteClaim).collect(),
                ))
            });
        });
    answer
}
