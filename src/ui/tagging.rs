//! Tagging a selection: as an existing actor (type-ahead over names and
//! aliases, Arabic-aware), as a new actor, as a claim with its speaker, or as
//! evidence. Opened with A, N, C or E, or from the pop-up beside the selection;
//! Enter confirms, Escape cancels.

use super::bidi_label;
use super::intents::{Dialog, Intents};
use super::text_field::TextField;
use super::text_resources::TextResources;
use crate::app::Action;
use crate::model::edit::Edit;
use crate::model::{
    ActorId, ActorKind, ArticleId, HighlightId, Project, Span, Speech, Stance, Tag, arabic,
};

/// Fields get a fixed width: a window sizes itself to its content, so a field
/// asking for "all the width there is" would be clipped by it.
const FIELD_WIDTH: f32 = 320.0;

/// What the dialog will do when confirmed.
#[derive(Debug, Clone, PartialEq)]
pub enum TagTarget {
    /// Tag a new highlight over a span.
    Span { article: ArticleId, span: Span },
    /// Give an existing highlight another tag.
    Retag(HighlightId),
}

#[derive(Debug, Clone, PartialEq)]
pub enum TagDialog {
    ExistingActor {
        target: TagTarget,
        query: String,
        chosen: usize,
    },
    NewActor {
        target: TagTarget,
        name: String,
        kind: ActorKind,
        aliases: String,
        gloss: String,
    },
    Claim {
        target: TagTarget,
        text: String,
        speaker_query: String,
        speaker: Option<ActorId>,
        stance: Stance,
        speech: Option<Speech>,
    },
}

/// Actors whose name, alias or gloss matches `query`, best first: the same
/// name (folded), a name it begins, the same words once what Arabic attaches
/// to them is set aside (the selection «بالدوحة» finds the actor with the
/// alias «الدوحة», «القطرية» finds «قطر»), then a name containing it.
pub fn matching_actors<'a>(project: &'a Project, query: &str) -> Vec<&'a crate::model::Actor> {
    let folded = arabic::fold(query.trim());
    let stemmed = arabic::stem_words(query);
    let mut scored: Vec<(u8, &crate::model::Actor)> = project
        .actors
        .iter()
        .filter_map(|a| {
            a.names()
                .chain(std::iter::once(a.gloss.as_str()))
                .filter(|n| !n.trim().is_empty())
                .filter_map(|name| {
                    let n = arabic::fold(name);
                    if folded.is_empty() {
                        Some(4)
                    } else if n == folded {
                        Some(0)
                    } else if n.starts_with(&folded) {
                        Some(1)
                    } else if !stemmed.is_empty() && arabic::stem_words(name) == stemmed {
                        Some(2)
                    } else if n.contains(&folded) {
                        Some(3)
                    } else {
                        None
                    }
                })
                .min()
                .map(|score| (score, a))
        })
        .collect();
    scored.sort_by_key(|(score, a)| (*score, a.name.chars().count()));
    scored.into_iter().map(|(_, a)| a).collect()
}

/// Shows the dialog; the tagging goes to `intents` when confirmed.
pub fn show(
    ctx: &egui::Context,
    dialog: &mut TagDialog,
    text: &mut TextResources,
    project: &Project,
    intents: &mut Intents,
) -> Dialog {
    let mut action = None;
    let mut close = ctx.input(|i| i.key_pressed(egui::Key::Escape));
    let enter = ctx.input(|i| i.key_pressed(egui::Key::Enter));
    let title = match dialog {
        TagDialog::ExistingActor { .. } => "Tag as actor",
        TagDialog::NewActor { .. } => "New actor",
        TagDialog::Claim { .. } => "New claim",
    };
    egui::Window::new(title)
        .collapsible(false)
        .resizable(false)
        .default_width(340.0)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 80.0])
        .show(ctx, |ui| match dialog {
            TagDialog::ExistingActor {
                target,
                query,
                chosen,
            } => {
                if let Some(actor) = pick_actor(ui, text, project, (query, chosen), enter) {
                    action = Some(tag_action(target, Tag::Actor(actor)));
                    close = true;
                }
            }
            TagDialog::NewActor {
                target,
                name,
                kind,
                aliases,
                gloss,
            } => {
                ui.label("Name, as the articles write it");
                TextField::singleline(name, "Canonical name")
                    .width(FIELD_WIDTH)
                    .show(ui, text);
                ui.horizontal_wrapped(|ui| {
                    for k in ActorKind::ALL {
                        ui.radio_value(kind, k, k.label());
                    }
                });
                ui.label("Aliases, separated by commas");
                TextField::singleline(aliases, "Aliases")
                    .hint("e.g. تميم، أمير قطر")
                    .width(FIELD_WIDTH)
                    .show(ui, text);
                ui.label("English gloss");
                TextField::singleline(gloss, "English gloss")
                    .hint("e.g. Sheikh Tamim bin Hamad Al Thani")
                    .width(FIELD_WIDTH)
                    .show(ui, text);
                let create = ui.button("Create and tag (Enter)").clicked();
                if (create || enter) && !name.trim().is_empty() {
                    if let TagTarget::Span { article, span } = target {
                        action = Some(Action::Edit(Edit::TagAsNewActor {
                            article: article.clone(),
                            span: *span,
                            name: name.clone(),
                            kind: *kind,
                            aliases: aliases.split([',', '،']).map(str::to_owned).collect(),
                            gloss: gloss.clone(),
                        }));
                    }
                    close = true;
                }
            }
            TagDialog::Claim {
                target,
                text: claim,
                speaker_query,
                speaker,
                stance,
                speech,
            } => {
                ui.label("The concept claimed (one shared by every speaker's claim on it)");
                // One line, so that Enter confirms the dialog as everywhere else.
                TextField::singleline(claim, "Claim")
                    .hint("type to find a concept, or new words")
                    .width(FIELD_WIDTH)
                    .show(ui, text);
                concept_choices(ui, text, project, claim);
                ui.label("Who makes the claim");
                if TextField::singleline(speaker_query, "Speaker")
                    .hint("type a name or alias")
                    .width(FIELD_WIDTH)
                    .show(ui, text)
                    .changed()
                {
                    *speaker = matching_actors(project, speaker_query)
                        .first()
                        .map(|a| a.id.clone());
                }
                if let Some(actor) = speaker.as_ref().and_then(|id| project.actor(id)) {
                    ui.horizontal(|ui| {
                        ui.weak("speaker:");
                        bidi_label::show(ui, text, &actor.name, 14.0);
                    });
                }
                ui.horizontal(|ui| {
                    for s in Stance::ALL {
                        ui.radio_value(stance, s, s.label());
                    }
                });
                ui.horizontal(|ui| {
                    ui.weak("the passage is");
                    ui.radio_value(speech, None, "not said");
                    for s in Speech::ALL {
                        ui.radio_value(speech, Some(s), s.label());
                    }
                });
                let create = ui.button("Create and tag (Enter)").clicked();
                if (create || enter) && !claim.trim().is_empty() {
                    if let TagTarget::Span { article, span } = target {
                        action = Some(Action::Edit(Edit::TagAsNewClaim {
                            article: article.clone(),
                            span: *span,
                            text: claim.clone(),
                            speaker: speaker.clone(),
                            stance: *stance,
                            speech: *speech,
                        }));
                    }
                    close = true;
                }
            }
        });
    if close {
        ctx.memory_mut(egui::Memory::stop_text_input);
    }
    intents.extend(action);
    Dialog::closed_if(close)
}

fn tag_action(target: &TagTarget, tag: Tag) -> Action {
    match target {
        TagTarget::Span { article, span } => Action::Edit(Edit::AddHighlight {
            article: article.clone(),
            span: *span,
            tag,
        }),
        TagTarget::Retag(highlight) => Action::Edit(Edit::RetagHighlight {
            highlight: highlight.clone(),
            tag,
        }),
    }
}

/// The actors whose names match what is typed; the one clicked, or chosen
/// with the arrow keys and Enter.
fn pick_actor(
    ui: &mut egui::Ui,
    text: &mut TextResources,
    project: &Project,
    (query, chosen): (&mut String, &mut usize),
    enter: bool,
) -> Option<ActorId> {
    TextField::singleline(query, "Find actor")
        .hint("name or alias")
        .width(FIELD_WIDTH)
        .show(ui, text);
    let matches = matching_actors(project, query);
    if ui.input(|i| i.key_pressed(egui::Key::ArrowDown)) {
        *chosen = (*chosen + 1).min(matches.len().saturating_sub(1));
    }
    if ui.input(|i| i.key_pressed(egui::Key::ArrowUp)) {
        *chosen = chosen.saturating_sub(1);
    }
    let mut picked = None;
    for (i, actor) in matches.iter().take(8).enumerate() {
        let response = ui
            .horizontal(|ui| {
                ui.weak(actor.kind.label());
                bidi_label::show(ui, text, &actor.name, 14.0)
            })
            .response
            .interact(egui::Sense::click());
        if i == *chosen {
            ui.painter().rect_stroke(
                response.rect,
                2.0,
                ui.visuals().selection.stroke,
                egui::StrokeKind::Inside,
            );
        }
        let name = actor.name.clone();
        response.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::ListItem, true, format!("Tag as {name}"))
        });
        if response.clicked() {
            picked = Some(actor.id.clone());
        }
    }
    if matches.is_empty() {
        ui.weak("No actor matches; press Escape and N for a new one.");
    }
    if enter {
        picked = picked.or_else(|| matches.get(*chosen).map(|a| a.id.clone()));
    }
    picked
}

/// The concepts whose words hold what is typed (Arabic-aware): a click takes
/// one; new words make a new concept. Says which it will be. (The tagging
/// pop-up and the claim editor both offer them.)
pub(crate) fn concept_choices(
    ui: &mut egui::Ui,
    text: &mut TextResources,
    project: &crate::model::Project,
    words: &mut String,
) {
    let typed = words.trim().to_owned();
    if typed.is_empty() {
        return;
    }
    if let Some(existing) = project.concept_named(&typed) {
        let speakers = project
            .claims
            .iter()
            .filter(|c| c.concept == existing.id)
            .count();
        ui.weak(format!(
            "an existing concept ({speakers} claim(s) about it)"
        ));
        return;
    }
    let mut found = project
        .concepts
        .iter()
        .filter(|c| crate::model::arabic::contains_folded(&c.text, &typed))
        .take(5)
        .peekable();
    if found.peek().is_none() {
        ui.weak("a new concept");
    }
    for concept in found {
        let row = ui
            // One row high, right-aligned as Arabic reads.
            .allocate_ui_with_layout(
                egui::vec2(ui.available_width(), 22.0),
                egui::Layout::right_to_left(egui::Align::Center),
                |ui| bidi_label::show(ui, text, &concept.text, 13.0),
            )
            .response
            .interact(egui::Sense::click());
        let label = concept.text.clone();
        row.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::Button, true, format!("concept {label}"))
        });
        if row.clicked() {
            words.clone_from(&concept.text);
        }
    }
}
