//! Changing the codebook once it is coded: an actor's names, kind, gloss and
//! note; a claim's text, speaker and stance; an article's metadata (never its
//! body, which every offset depends on) — and deleting each after saying what
//! goes with it. Ids never change, so mentions, relations and speakers follow.

use super::bidi_label;
use super::intents::{Dialog, Intent, Intents};
use super::text_field::TextField;
use super::text_resources::TextResources;
use crate::app::Action;
use crate::model::edit::{ActorDependents, Edit, Orphans};
use crate::model::{
    Actor, ActorId, ActorKind, Article, ArticleId, Claim, ClaimId, Date, HighlightId, Project,
    Speech, Stance, Tag, arabic,
};

/// The open editor or delete question about one item of the codebook.
#[derive(Debug)]
pub enum EditorDialog {
    Actor {
        actor: Actor,
        /// The aliases, one per line (add, remove and reorder by editing lines).
        aliases: String,
    },
    DeleteActor {
        actor: ActorId,
        name: String,
        dependents: ActorDependents,
    },
    Claim {
        claim: Claim,
        /// What is typed to find the speaker.
        speaker_query: String,
    },
    DeleteClaim {
        claim: ClaimId,
        text: String,
        highlights: usize,
    },
    Article {
        article: Article,
        /// The publication date as typed (YYYY, YYYY-MM or YYYY-MM-DD).
        date: String,
        error: Option<String>,
    },
    DeleteArticle {
        article: ArticleId,
        title: String,
        highlights: usize,
        /// Relations that cite only this article: what they say, in words.
        orphans: Vec<String>,
        delete_orphans: bool,
    },
    /// Several actors that are one: the chosen survivor keeps its id, the
    /// others' names become its aliases and what they coded moves to it.
    MergeActors {
        actors: Vec<(ActorId, String)>,
        survivor: usize,
    },
    DeleteActors {
        actors: Vec<ActorId>,
        names: Vec<String>,
        dependents: ActorDependents,
    },
    DeleteClaims {
        claims: Vec<ClaimId>,
        highlights: usize,
    },
    /// A highlight's note, and for a claim whether it quotes or paraphrases.
    Highlight {
        highlight: HighlightId,
        /// What it is tagged as and its quote, in words.
        tag: String,
        quote: String,
        note: String,
        speech: Option<Speech>,
        is_claim: bool,
    },
}

impl EditorDialog {
    pub fn merge_actors(project: &Project, ids: &[ActorId]) -> Option<Self> {
        let actors: Vec<_> = ids
            .iter()
            .filter_map(|id| project.actor(id).map(|a| (id.clone(), a.name.clone())))
            .collect();
        if actors.len() < 2 {
            return None;
        }
        // The one most coded is the likeliest to keep.
        let rows = crate::model::codebook::actor_rows(project);
        let coded = |id: &ActorId| {
            project
                .actors
                .iter()
                .position(|a| &a.id == id)
                .map_or(0, |i| rows[i].mentions + rows[i].relations)
        };
        let survivor = (0..actors.len())
            .max_by_key(|&i| (coded(&actors[i].0), std::cmp::Reverse(i)))
            .unwrap_or(0);
        Some(Self::MergeActors { actors, survivor })
    }

    pub fn delete_actors(project: &Project, ids: &[ActorId]) -> Option<Self> {
        let actors: Vec<ActorId> = ids
            .iter()
            .filter(|id| project.actor(id).is_some())
            .cloned()
            .collect();
        if actors.is_empty() {
            return None;
        }
        let names = actors
            .iter()
            .filter_map(|id| project.actor(id).map(|a| a.name.clone()))
            .collect();
        let dependents = ActorDependents::of_all(project, &actors);
        Some(Self::DeleteActors {
            actors,
            names,
            dependents,
        })
    }

    pub fn delete_claims(project: &Project, ids: &[ClaimId]) -> Option<Self> {
        let claims: Vec<ClaimId> = ids
            .iter()
            .filter(|id| project.claim(id).is_some())
            .cloned()
            .collect();
        if claims.is_empty() {
            return None;
        }
        let highlights = project
            .highlights
            .iter()
            .filter(|h| matches!(&h.tag, Tag::Claim(c) if claims.contains(c)))
            .count();
        Some(Self::DeleteClaims { claims, highlights })
    }

    pub fn highlight(project: &Project, id: &HighlightId) -> Option<Self> {
        let h = project.highlight(id)?;
        let tag = match &h.tag {
            Tag::Actor(a) => format!(
                "actor: {}",
                project.actor(a).map_or(a.as_str(), |a| a.name.as_str())
            ),
            Tag::Claim(c) => format!(
                "claim: {}",
                project.claim(c).map_or(c.as_str(), |c| c.text.as_str())
            ),
            Tag::Evidence => "evidence".to_owned(),
        };
        Some(Self::Highlight {
            highlight: id.clone(),
            tag,
            quote: h.quote.clone(),
            note: h.note.clone(),
            speech: h.speech,
            is_claim: matches!(h.tag, Tag::Claim(_)),
        })
    }

    pub fn actor(project: &Project, id: &ActorId) -> Option<Self> {
        let actor = project.actor(id)?.clone();
        let aliases = actor.aliases.join("\n");
        Some(Self::Actor { actor, aliases })
    }

    pub fn delete_actor(project: &Project, id: &ActorId) -> Option<Self> {
        Some(Self::DeleteActor {
            actor: id.clone(),
            name: project.actor(id)?.name.clone(),
            dependents: ActorDependents::of(project, id),
        })
    }

    pub fn claim(project: &Project, id: &ClaimId) -> Option<Self> {
        Some(Self::Claim {
            claim: project.claim(id)?.clone(),
            speaker_query: String::new(),
        })
    }

    pub fn delete_claim(project: &Project, id: &ClaimId) -> Option<Self> {
        let tag = Tag::Claim(id.clone());
        Some(Self::DeleteClaim {
            claim: id.clone(),
            text: project.claim(id)?.text.clone(),
            highlights: project.highlights.iter().filter(|h| h.tag == tag).count(),
        })
    }

    pub fn article(project: &Project, id: &ArticleId) -> Option<Self> {
        let article = project.article(id)?.clone();
        let date = article.published.map(|d| d.to_string()).unwrap_or_default();
        Some(Self::Article {
            article,
            date,
            error: None,
        })
    }

    pub fn delete_article(project: &Project, id: &ArticleId) -> Option<Self> {
        let article = project.article(id)?;
        let orphans = project
            .relations
            .iter()
            .filter(|r| !r.sources.is_empty() && r.sources.iter().all(|s| &s.article == id))
            .map(|r| project.relation_words(r))
            .collect();
        Some(Self::DeleteArticle {
            article: id.clone(),
            title: article.title.clone(),
            highlights: project.highlights_in(id).count(),
            orphans,
            delete_orphans: false,
        })
    }
}

/// Save and Cancel; Save hands back `edit()`.
fn buttons(
    ui: &mut egui::Ui,
    save: &str,
    edit: impl FnOnce() -> Option<Edit>,
) -> (Option<Action>, bool) {
    let mut result = (None, false);
    ui.horizontal(|ui| {
        if ui.button(save).clicked() {
            result = (edit().map(Action::Edit), true);
        }
        if ui.button("Cancel").clicked() {
            result = (None, true);
        }
    });
    result
}

fn window(title: &str) -> egui::Window<'_> {
    egui::Window::new(title)
        .collapsible(false)
        .resizable(false)
        .default_width(400.0)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 70.0])
}

/// Draws the dialog; the edit it asks for goes to `intents` once confirmed,
/// followed, when asked, by listing an actor's other mentions (after the
/// edit, so that the names just added are searched for too).
pub fn show(
    ctx: &egui::Context,
    dialog: &mut EditorDialog,
    text: &mut TextResources,
    project: &Project,
    intents: &mut Intents,
) -> Dialog {
    let mut result = (None, false);
    let mut find_after = None;
    match dialog {
        EditorDialog::Actor { actor, aliases } => {
            window("Edit actor").show(ctx, |ui| {
                ui.label("Name:");
                TextField::singleline(&mut actor.name, "Name").show(ui, text);
                ui.horizontal_wrapped(|ui| {
                    ui.label("Kind:");
                    for kind in ActorKind::ALL {
                        ui.selectable_value(&mut actor.kind, kind, kind.label());
                    }
                });
                ui.label("Aliases, one per line:");
                TextField::multiline(aliases, "Aliases").show(ui, text);
                ui.label("English gloss:");
                TextField::singleline(&mut actor.gloss, "English gloss").show(ui, text);
                ui.label("Note:");
                TextField::multiline(&mut actor.note, "Note").show(ui, text);
                ui.weak("Mentions, relations and claims follow the actor: its id does not change.");
                let edited = || {
                    let mut edited = actor.clone();
                    edited.aliases = aliases.lines().map(str::to_owned).collect();
                    Action::Edit(Edit::UpdateActor(Box::new(edited)))
                };
                ui.horizontal(|ui| {
                    if ui.button("Save changes").clicked() {
                        result = (Some(edited()), true);
                    }
                    if ui
                        .button("Save and find other mentions")
                        .on_hover_text("Then list every place the actor's names, new ones too, are not highlighted yet")
                        .clicked()
                    {
                        result = (Some(edited()), true);
                        find_after = Some(actor.id.clone());
                    }
                    if ui.button("Cancel").clicked() {
                        result = (None, true);
                    }
                });
            });
        }
        EditorDialog::DeleteActor {
            actor,
            name,
            dependents,
        } => {
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
                result = buttons(ui, label, || {
                    Some(Edit::DeleteActor {
                        actor: actor.clone(),
                        dependents: true,
                    })
                });
            });
        }
        EditorDialog::Claim {
            claim,
            speaker_query,
        } => {
            window("Edit claim").show(ctx, |ui| {
                ui.label("Claim:");
                TextField::multiline(&mut claim.text, "Claim").show(ui, text);
                ui.horizontal(|ui| {
                    ui.label("Speaker:");
                    match claim.speaker.as_ref().and_then(|s| project.actor(s)) {
                        Some(actor) => {
                            bidi_label::show(ui, text, &actor.name, 14.0);
                        }
                        None => {
                            ui.weak("none");
                        }
                    }
                    if claim.speaker.is_some() && ui.small_button("No speaker").clicked() {
                        claim.speaker = None;
                    }
                });
                TextField::singleline(speaker_query, "Find speaker")
                    .hint("type a name or alias")
                    .show(ui, text);
                let query = speaker_query.trim().to_owned();
                let query = query.as_str();
                if !query.is_empty() {
                    let found = project
                        .actors
                        .iter()
                        .filter(|a| a.names().any(|n| arabic::contains_folded(n, query)))
                        .take(8);
                    for actor in found {
                        let row = ui
                            .horizontal(|ui| bidi_label::show(ui, text, &actor.name, 14.0))
                            .response
                            .interact(egui::Sense::click());
                        let name = actor.name.clone();
                        row.widget_info(|| {
                            egui::WidgetInfo::labeled(
                                egui::Role::Button,
                                true,
                                format!("speaker {name}"),
                            )
                        });
                        if row.clicked() {
                            claim.speaker = Some(actor.id.clone());
                            speaker_query.clear();
                        }
                    }
                }
                ui.horizontal(|ui| {
                    ui.label("Stance:");
                    for stance in Stance::ALL {
                        ui.selectable_value(&mut claim.stance, stance, stance.label());
                    }
                });
                result = buttons(ui, "Save changes", || {
                    Some(Edit::UpdateClaim(Box::new(claim.clone())))
                });
            });
        }
        EditorDialog::DeleteClaim {
            claim,
            text: words,
            highlights,
        } => {
            egui::Modal::new(egui::Id::unique("delete-claim")).show(ctx, |ui| {
                ui.label("Delete this claim");
                bidi_label::show(ui, text, words, 14.0);
                ui.label(format!(
                    "and the {highlights} highlight(s) where it is made? Undo brings them back."
                ));
                result = buttons(ui, "Delete the claim", || {
                    Some(Edit::DeleteClaim(claim.clone()))
                });
            });
        }
        EditorDialog::Article {
            article,
            date,
            error,
        } => {
            window("Article details").show(ctx, |ui| {
                ui.label("Title:");
                TextField::singleline(&mut article.title, "Title").show(ui, text);
                ui.label("Outlet:");
                TextField::singleline(&mut article.outlet, "Outlet").show(ui, text);
                ui.label("URL:");
                ui.add(egui::TextEdit::singleline(&mut article.url).desired_width(f32::INFINITY));
                ui.horizontal(|ui| {
                    let label = ui.label("Published:");
                    ui.add(
                        egui::TextEdit::singleline(date)
                            .hint_text("YYYY-MM-DD")
                            .desired_width(110.0),
                    )
                    .labelled_by(label.id);
                    ui.label("Language:");
                    ui.add(egui::TextEdit::singleline(&mut article.language).desired_width(40.0));
                });
                ui.label("Notes:");
                TextField::multiline(&mut article.notes, "Notes").show(ui, text);
                ui.weak(
                    "The text itself is not edited here: every highlight's place depends on it.",
                );
                if let Some(e) = error.as_ref() {
                    ui.colored_label(ui.visuals().error_fg_color, e);
                }
                ui.horizontal(|ui| {
                    if ui.button("Save changes").clicked() {
                        let parsed = if date.trim().is_empty() {
                            Ok(None)
                        } else {
                            date.trim().parse::<Date>().map(Some)
                        };
                        match parsed {
                            Ok(published) => {
                                let mut edited = article.clone();
                                edited.published = published;
                                result = (
                                    Some(Action::Edit(Edit::UpdateArticle(Box::new(edited)))),
                                    true,
                                );
                            }
                            // Not a date: say so and stay open.
                            Err(e) => *error = Some(e.to_string()),
                        }
                    }
                    if ui.button("Cancel").clicked() {
                        result = (None, true);
                    }
                });
            });
        }
        EditorDialog::DeleteArticle {
            article,
            title,
            highlights,
            orphans,
            delete_orphans,
        } => {
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
                result = buttons(ui, "Delete the article", || {
                    Some(Edit::DeleteArticle {
                        article: article.clone(),
                        orphans,
                    })
                });
            });
        }
        EditorDialog::MergeActors { actors, survivor } => {
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
                result = buttons(ui, "Merge", || {
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
        }
        EditorDialog::DeleteActors {
            actors,
            names,
            dependents,
        } => {
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
                result = buttons(ui, label, || {
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
        }
        EditorDialog::DeleteClaims { claims, highlights } => {
            egui::Modal::new(egui::Id::unique("delete-claims")).show(ctx, |ui| {
                ui.label(format!(
                    "Delete these {} claims and the {highlights} highlight(s) where they are made? Undo brings them back.",
                    claims.len()
                ));
                result = buttons(ui, "Delete the claims", || {
                    Some(Edit::Several(
                        claims.iter().cloned().map(Edit::DeleteClaim).collect(),
                    ))
                });
            });
        }
        EditorDialog::Highlight {
            highlight,
            tag,
            quote,
            note,
            speech,
            is_claim,
        } => {
            window("Highlight").show(ctx, |ui| {
                bidi_label::show(ui, text, tag, 14.0);
                ui.weak("Passage:");
                bidi_label::show(ui, text, quote, 14.0);
                if *is_claim {
                    ui.horizontal(|ui| {
                        ui.label("The passage is");
                        ui.radio_value(speech, None, "not said");
                        for s in Speech::ALL {
                            ui.radio_value(speech, Some(s), s.label());
                        }
                    });
                }
                ui.label("Note:");
                TextField::multiline(note, "Highlight note").show(ui, text);
                result = buttons(ui, "Save changes", || {
                    Some(Edit::AnnotateHighlight {
                        highlight: highlight.clone(),
                        note: note.clone(),
                        speech: *speech,
                    })
                });
            });
        }
    }
    let (action, close) = result;
    intents.extend(action);
    intents.extend(find_after.map(Intent::FindMentions));
    Dialog::closed_if(close)
}
