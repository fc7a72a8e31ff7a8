//! The side file of a brat export: what brat has no place for (the
//! codebook whole, each article's metadata, every relation), so that our
//! own export comes back whole.

use super::super::incoming::{Incoming, IncomingActor, IncomingClaim};
use crate::model::{Article, ArticleId, HighlightId, Project, Span};
use std::collections::HashMap;
use std::path::Path;

/// What brat has no place for, kept beside its files so that our own
/// export comes back whole: the actors' names, kinds, aliases, glosses and
/// notes, the claims, and each article's title and metadata.
pub const SIDE_FILE: &str = "warraq-codebook.json";

#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub(super) struct Side {
    actors: Vec<crate::model::Actor>,
    claims: Vec<SideClaim>,
    /// By file stem.
    pub(super) articles: std::collections::BTreeMap<String, ArticleMeta>,
    /// Every relation, whole: an `R` line exists only where both actors are
    /// highlighted in the article, and a relation may cite no article.
    #[serde(default)]
    pub(super) relations: Vec<SideRelation>,
    /// The relation vocabulary, types no relation uses too.
    #[serde(default)]
    pub(super) vocabulary: Vec<crate::model::RelationType>,
}

/// A claim with its concept's words, so the side file reads on its own.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct SideClaim {
    id: crate::model::ClaimId,
    text: String,
    speaker: Option<crate::model::ActorId>,
    #[serde(default)]
    on_behalf_of: Option<crate::model::ActorId>,
    stance: crate::model::Stance,
    #[serde(default)]
    note: String,
    #[serde(default)]
    changed: Option<crate::model::Stamp>,
}

#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub(super) struct SideRelation {
    pub(super) id: String,
    pub(super) source: String,
    pub(super) target: String,
    pub(super) kind: String,
    pub(super) directed: bool,
    pub(super) date: Option<crate::model::Date>,
    pub(super) note: String,
    /// The file stem of each reporting article, with its evidence span.
    pub(super) sources: Vec<(String, Option<Span>)>,
    #[serde(default)]
    pub(super) changed: Option<crate::model::Stamp>,
}

#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub(super) struct ArticleMeta {
    title: String,
    outlet: String,
    url: String,
    published: Option<crate::model::Date>,
    language: String,
    notes: String,
    #[serde(default)]
    author: String,
    #[serde(default)]
    section: String,
    #[serde(default, rename = "type")]
    genre: String,
    #[serde(default)]
    variables: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    changed: Option<crate::model::Stamp>,
}

impl Side {
    /// The side file of `project`, its articles' metadata to be added one by one.
    pub(super) fn of(
        project: &Project,
        stems: &HashMap<&ArticleId, String>,
        by_id: &HashMap<&HighlightId, &crate::model::Highlight>,
    ) -> Self {
        Self {
            actors: project.actors.to_vec(),
            claims: project
                .claims
                .iter()
                .map(|c| SideClaim {
                    id: c.id.clone(),
                    text: project.claim_text(c).to_owned(),
                    speaker: c.speaker.clone(),
                    on_behalf_of: c.on_behalf_of.clone(),
                    stance: c.stance,
                    note: c.note.clone(),
                    changed: c.changed.clone(),
                })
                .collect(),
            articles: std::collections::BTreeMap::new(),
            relations: project
                .relations
                .iter()
                .map(|r| {
                    let kind = project.relation_type(&r.kind);
                    SideRelation {
                        id: r.id.to_string(),
                        source: r.source.to_string(),
                        target: r.target.to_string(),
                        kind: kind.map_or_else(|| r.kind.to_string(), |t| t.label.clone()),
                        directed: kind.is_none_or(|t| t.directed),
                        date: r.date,
                        note: r.note.clone(),
                        sources: r
                            .sources
                            .iter()
                            .filter_map(|s| {
                                let stem = stems.get(&s.article)?.clone();
                                let span = s
                                    .evidence
                                    .as_ref()
                                    .and_then(|e| by_id.get(e))
                                    .map(|h| h.span);
                                Some((stem, span))
                            })
                            .collect(),
                        changed: r.changed.clone(),
                    }
                })
                .collect(),
            vocabulary: project.vocabulary.to_vec(),
        }
    }
}

impl ArticleMeta {
    pub(super) fn of(article: &Article) -> Self {
        Self {
            title: article.title.clone(),
            outlet: article.outlet.clone(),
            url: article.url.clone(),
            published: article.published,
            language: article.language.clone(),
            notes: article.notes.clone(),
            author: article.author.clone(),
            section: article.section.clone(),
            genre: article.genre.clone(),
            variables: article.variables.clone(),
            changed: article.changed.clone(),
        }
    }
}

/// What the side file of our own export adds: the article's metadata, the
/// actors and claims whole, and the rest of the codebook.
pub(super) fn with_side(side: &Side, name: &str, article: &mut Article, incoming: &mut Incoming) {
    if let Some(meta) = side.articles.get(name) {
        article.title.clone_from(&meta.title);
        article.outlet.clone_from(&meta.outlet);
        article.url.clone_from(&meta.url);
        article.published = meta.published;
        article.language.clone_from(&meta.language);
        article.notes.clone_from(&meta.notes);
        article.author.clone_from(&meta.author);
        article.section.clone_from(&meta.section);
        article.genre.clone_from(&meta.genre);
        article.variables.clone_from(&meta.variables);
        article.changed.clone_from(&meta.changed);
    }
    // Our own actors and claims, whole, where the notes named them by id.
    for actor in &mut incoming.actors {
        if let Some(full) = side.actors.iter().find(|a| a.id.as_str() == actor.key) {
            actor.name.clone_from(&full.name);
            actor.kind = full.kind;
            actor.aliases.clone_from(&full.aliases);
            actor.gloss.clone_from(&full.gloss);
            actor.note.clone_from(&full.note);
            actor.changed.clone_from(&full.changed);
        }
    }
    for claim in &mut incoming.claims {
        if let Some(full) = side.claims.iter().find(|c| c.id.as_str() == claim.key) {
            claim.text.clone_from(&full.text);
            claim.on_behalf_of = full.on_behalf_of.as_ref().map(ToString::to_string);
            claim.stance = full.stance;
            claim.note.clone_from(&full.note);
            claim.changed.clone_from(&full.changed);
        }
    }
    // The rest of the codebook, coded nowhere in these files, comes too.
    for full in &side.actors {
        if !incoming.actors.iter().any(|a| a.key == full.id.as_str()) {
            incoming.actors.push(IncomingActor {
                key: full.id.to_string(),
                name: full.name.clone(),
                kind: full.kind,
                aliases: full.aliases.clone(),
                gloss: full.gloss.clone(),
                note: full.note.clone(),
                changed: full.changed.clone(),
            });
        }
    }
    for full in &side.claims {
        if !incoming.claims.iter().any(|c| c.key == full.id.as_str()) {
            incoming.claims.push(IncomingClaim {
                key: full.id.to_string(),
                text: full.text.clone(),
                speaker: full.speaker.as_ref().map(ToString::to_string),
                on_behalf_of: full.on_behalf_of.as_ref().map(ToString::to_string),
                stance: full.stance,
                note: full.note.clone(),
                changed: full.changed.clone(),
            });
        }
    }
}

pub(super) fn side_file(ann_path: &Path) -> Option<Side> {
    let path = ann_path.parent()?.join(SIDE_FILE);
    serde_json::from_slice(&std::fs::read(path).ok()?).ok()
}
