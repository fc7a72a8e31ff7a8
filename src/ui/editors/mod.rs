//! Changing the codebook once it is coded: an actor's names, kind, gloss and
//! note; a claim's text, speaker and stance; an article's metadata (never its
//! body, which every offset depends on) — and deleting each after saying what
//! goes with it. Ids never change, so mentions, relations and speakers follow.

mod delete;
mod edit;

use delete::{
    delete_actor, delete_actors, delete_article, delete_claim, delete_claims, delete_concept,
    merge_actors,
};
use edit::{edit_actor, edit_article, edit_claim, edit_concept, edit_highlight};

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

/// What a dialog answered this frame: the change to make (if any), whether
/// it closes, and an actor whose other mentions to find next.
#[derive(Default)]
pub(super) struct Answer {
    result: (Option<Action>, bool),
    find_after: Option<ActorId>,
}

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
        /// The concept's words: another concept's words move the claim to
        /// it, new words make a new concept.
        words: String,
        /// What is typed to find the speaker.
        speaker_query: String,
        /// The type-ahead for the actor the speaker speaks for.
        behalf_query: String,
    },
    Concept {
        concept: crate::model::Concept,
    },
    DeleteConcept {
        concept: crate::model::ConceptId,
        text: String,
        claims: usize,
        highlights: usize,
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
        /// The analyst's article variables, one `name = value` per line.
        variables: String,
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
                project
                    .claim(c)
                    .map_or(c.as_str(), |c| project.claim_text(c))
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
        let claim = project.claim(id)?.clone();
        Some(Self::Claim {
            words: project.claim_text(&claim).to_owned(),
            claim,
            speaker_query: String::new(),
            behalf_query: String::new(),
        })
    }

    pub fn concept(project: &Project, id: &crate::model::ConceptId) -> Option<Self> {
        Some(Self::Concept {
            concept: project.concept(id)?.clone(),
        })
    }

    pub fn delete_concept(project: &Project, id: &crate::model::ConceptId) -> Option<Self> {
        let claims: Vec<&ClaimId> = project
            .claims
            .iter()
            .filter(|c| &c.concept == id)
            .map(|c| &c.id)
            .collect();
        let highlights = project
            .highlights
            .iter()
            .filter(|h| matches!(&h.tag, Tag::Claim(c) if claims.contains(&c)))
            .count();
        Some(Self::DeleteConcept {
            concept: id.clone(),
            text: project.concept(id)?.text.clone(),
            claims: claims.len(),
            highlights,
        })
    }

    pub fn delete_claim(project: &Project, id: &ClaimId) -> Option<Self> {
        let tag = Tag::Claim(id.clone());
        Some(Self::DeleteClaim {
            claim: id.clone(),
            text: project.claim_text(project.claim(id)?).to_owned(),
            highlights: project.highlights.iter().filter(|h| h.tag == tag).count(),
        })
    }

    pub fn article(project: &Project, id: &ArticleId) -> Option<Self> {
        let article = project.article(id)?.clone();
        let date = article.published.map(|d| d.to_string()).unwrap_or_default();
        let variables = article
            .variables
            .iter()
            .map(|(k, v)| format!("{k} = {v}"))
            .collect::<Vec<_>>()
            .join("\n");
        Some(Self::Article {
            article,
            date,
            variables,
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
pub(super) fn buttons(
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

pub(super) fn window(title: &str) -> egui::Window<'_> {
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
    let answer = match dialog {
        EditorDialog::Actor { actor, aliases } => edit_actor(ctx, text, actor, aliases),
        EditorDialog::DeleteActor {
            actor,
            name,
            dependents,
        } => delete_actor(ctx, text, actor, name, dependents),
        EditorDialog::Claim {
            claim,
            words,
            speaker_query,
            behalf_query,
        } => edit_claim(
            ctx,
            text,
            project,
            claim,
            words,
            [speaker_query, behalf_query],
        ),
        EditorDialog::Concept { concept } => edit_concept(ctx, text, concept),
        EditorDialog::DeleteConcept {
            concept,
            text: words,
            claims,
            highlights,
        } => delete_concept(ctx, text, concept, words, (*claims, *highlights)),
        EditorDialog::DeleteClaim {
            claim,
            text: words,
            highlights,
        } => delete_claim(ctx, text, claim, words, *highlights),
        EditorDialog::Article {
            article,
            date,
            variables,
            error,
        } => edit_article(ctx, text, article, (date, variables), error),
        EditorDialog::DeleteArticle {
            article,
            title,
            highlights,
            orphans,
            delete_orphans,
        } => delete_article(
            ctx,
            text,
            article,
            title,
            *highlights,
            orphans,
            delete_orphans,
        ),
        EditorDialog::MergeActors { actors, survivor } => merge_actors(ctx, text, actors, survivor),
        EditorDialog::DeleteActors {
            actors,
            names,
            dependents,
        } => delete_actors(ctx, text, actors, names, dependents),
        EditorDialog::DeleteClaims { claims, highlights } => {
            delete_claims(ctx, claims, *highlights)
        }
        EditorDialog::Highlight {
            highlight,
            tag,
            quote,
            note,
            speech,
            is_claim,
        } => edit_highlight(ctx, text, (highlight, tag, quote), note, speech, *is_claim),
    };
    let (action, close) = answer.result;
    intents.extend(action);
    intents.extend(answer.find_after.map(Intent::FindMentions));
    Dialog::closed_if(close)
}
