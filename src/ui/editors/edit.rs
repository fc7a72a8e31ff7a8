//! The editors: an actor's names, kind, gloss and note; a claim's words,
//! speaker and stance; an article's metadata; a highlight's note.

use super::{
    Action, Actor, ActorKind, Answer, Article, Claim, Date, Edit, HighlightId, Project, Speech,
    Stance, TextField, TextResources, arabic, bidi_label, buttons, window,
};

pub(super) fn edit_actor(
    ctx: &egui::Context,
    text: &mut TextResources,
    actor: &mut Actor,
    aliases: &mut String,
) -> Answer {
    let mut answer = Answer::default();
    let result = &mut answer.result;
    let find_after = &mut answer.find_after;
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
                    *result = (Some(edited()), true);
                }
                if ui
                    .button("Save and find other mentions")
                    .on_hover_text("Then list every place the actor's names, new ones too, are not highlighted yet")
                    .clicked()
                {
                    *result = (Some(edited()), true);
                    *find_after = Some(actor.id.clone());
                }
                if ui.button("Cancel").clicked() {
                    *result = (None, true);
                }
            });
        });
    answer
}

pub(super) fn edit_concept(
    ctx: &egui::Context,
    text: &mut TextResources,
    concept: &mut crate::model::Concept,
) -> Answer {
    let mut answer = Answer::default();
    let result = &mut answer.result;
    window("Edit concept").show(ctx, |ui| {
        ui.label("Concept (every claim about it follows):");
        TextField::multiline(&mut concept.text, "Concept").show(ui, text);
        ui.label("Note:");
        TextField::multiline(&mut concept.note, "Concept note").show(ui, text);
        *result = buttons(ui, "Save changes", || {
            Some(Edit::UpdateConcept(Box::new(concept.clone())))
        });
    });
    answer
}

pub(super) fn edit_claim(
    ctx: &egui::Context,
    text: &mut TextResources,
    project: &Project,
    claim: &mut Claim,
    words: &mut String,
    queries: [&mut String; 2],
) -> Answer {
    let mut answer = Answer::default();
    let result = &mut answer.result;
    window("Edit claim").show(ctx, |ui| {
        ui.label("Concept (what is claimed; every speaker's claim about it shares it):");
        TextField::multiline(words, "Concept").show(ui, text);
        crate::ui::tagging::concept_choices(ui, text, project, words);
        let [speaker_query, behalf_query] = queries;
        actor_field(
            ui,
            (text, project),
            ("Speaker", "speaker"),
            &mut claim.speaker,
            speaker_query,
        );
        actor_field(
            ui,
            (text, project),
            ("Speaks for", "speaks for"),
            &mut claim.on_behalf_of,
            behalf_query,
        );
        ui.horizontal(|ui| {
            ui.label("Stance:");
            for stance in Stance::ALL {
                ui.selectable_value(&mut claim.stance, stance, stance.label());
            }
        });
        *result = buttons(ui, "Save changes", || {
            Some(Edit::Several(vec![
                Edit::UpdateClaim(Box::new(claim.clone())),
                Edit::SetClaimConcept {
                    claim: claim.id.clone(),
                    words: words.clone(),
                },
            ]))
        });
    });
    answer
}

/// An actor of the claim (its speaker, or the organisation or state the
/// speaker speaks for): who it is now, none, and a type-ahead to choose.
fn actor_field(
    ui: &mut egui::Ui,
    (text, project): (&mut TextResources, &Project),
    (title, role): (&str, &str),
    slot: &mut Option<crate::model::ActorId>,
    query: &mut String,
) {
    ui.horizontal(|ui| {
        ui.label(format!("{title}:"));
        match slot.as_ref().and_then(|s| project.actor(s)) {
            Some(actor) => {
                bidi_label::show(ui, text, &actor.name, 14.0);
            }
            None => {
                ui.weak("none");
            }
        }
        if slot.is_some() && ui.small_button(format!("No {role}")).clicked() {
            *slot = None;
        }
    });
    TextField::singleline(query, &format!("Find {role}"))
        .hint("type a name or alias")
        .show(ui, text);
    let typed = query.trim().to_owned();
    if typed.is_empty() {
        return;
    }
    let found = project
        .actors
        .iter()
        .filter(|a| a.names().any(|n| arabic::contains_folded(n, &typed)))
        .take(8);
    for actor in found {
        let row = ui
            .horizontal(|ui| bidi_label::show(ui, text, &actor.name, 14.0))
            .response
            .interact(egui::Sense::click());
        let name = format!("{role} {}", actor.name);
        row.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
        if row.clicked() {
            *slot = Some(actor.id.clone());
            query.clear();
        }
    }
}

pub(super) fn edit_article(
    ctx: &egui::Context,
    text: &mut TextResources,
    article: &mut Article,
    (date, variables): (&mut String, &mut String),
    error: &mut Option<String>,
) -> Answer {
    let mut answer = Answer::default();
    let result = &mut answer.result;
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
        egui::Grid::new("article-dna-fields")
            .num_columns(2)
            .show(ui, |ui| {
                for (label, field) in [
                    ("Author:", &mut article.author),
                    ("Section:", &mut article.section),
                    ("Type:", &mut article.genre),
                ] {
                    ui.label(label);
                    TextField::singleline(field, label.trim_end_matches(':'))
                        .width(320.0)
                        .show(ui, text);
                    ui.end_row();
                }
            });
        ui.label("Variables, one per line as name = value (e.g. country = قطر):");
        TextField::multiline(variables, "Article variables").show(ui, text);
        ui.label("Notes:");
        TextField::multiline(&mut article.notes, "Notes").show(ui, text);
        ui.weak("The text itself is not edited here: every highlight's place depends on it.");
        if let Some(e) = error.as_ref() {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
        ui.horizontal(|ui| {
            if ui.button("Save changes").clicked() {
                let parsed = if date.trim().is_empty() {
                    Ok(None)
                } else {
                    date.trim()
                        .parse::<Date>()
                        .map(Some)
                        .map_err(|e| e.to_string())
                };
                match parsed.and_then(|p| Ok((p, article_variables(variables)?))) {
                    Ok((published, variables)) => {
                        let mut edited = article.clone();
                        edited.published = published;
                        edited.variables = variables;
                        *result = (
                            Some(Action::Edit(Edit::UpdateArticle(Box::new(edited)))),
                            true,
                        );
                    }
                    // Not a date, or a variable without its value: say so and stay open.
                    Err(e) => *error = Some(e),
                }
            }
            if ui.button("Cancel").clicked() {
                *result = (None, true);
            }
        });
    });
    answer
}

pub(super) fn edit_highlight(
    ctx: &egui::Context,
    text: &mut TextResources,
    (highlight, tag, quote): (&HighlightId, &str, &str),
    note: &mut String,
    speech: &mut Option<Speech>,
    is_claim: bool,
) -> Answer {
    let mut answer = Answer::default();
    let result = &mut answer.result;
    window("Highlight").show(ctx, |ui| {
        bidi_label::show(ui, text, tag, 14.0);
        ui.weak("Passage:");
        bidi_label::show(ui, text, quote, 14.0);
        if is_claim {
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
        *result = buttons(ui, "Save changes", || {
            Some(Edit::AnnotateHighlight {
                highlight: highlight.clone(),
                note: note.clone(),
                speech: *speech,
            })
        });
    });
    answer
}

/// `name = value` lines (blank lines skipped) as the article's variables.
fn article_variables(lines: &str) -> Result<std::collections::BTreeMap<String, String>, String> {
    let mut variables = std::collections::BTreeMap::new();
    for (n, line) in lines.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match line.split_once('=') {
            Some((name, value)) if !name.trim().is_empty() => {
                variables.insert(name.trim().to_owned(), value.trim().to_owned());
            }
            _ => {
                return Err(format!(
                    "variables, line {}: expected name = value, found `{}`",
                    n + 1,
                    line.trim()
                ));
            }
        }
    }
    Ok(variables)
}
