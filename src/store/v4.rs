//! Versions 2 to 4, as they were written until concepts: a claim held its
//! own words. Upgrading makes one concept per distinct wording (trimmed,
//! Arabic-folded) and points each claim at it, so two actors' claims with
//! the same words become two stances on one concept; nothing is dropped.
//!
//! The concept ids are derived from the claims (`clm-x` → `cpt-x`), so two
//! analysts who upgrade the same file on two branches get the same ids and
//! their copies still merge item by item.

use crate::model::{
    Actor, ActorId, Article, Claim, ClaimId, Concept, ConceptId, Highlight, MergeConflict, Project,
    Relation, RelationType, Stamp, Stance, arabic,
};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// A file of versions 2 to 4.
pub(super) type File = super::format::Versioned<ProjectV4>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ProjectV4 {
    title: String,
    #[serde(default)]
    description: String,
    vocabulary: Vec<RelationType>,
    #[serde(default)]
    actors: Vec<Actor>,
    #[serde(default)]
    claims: Vec<ClaimV4>,
    #[serde(default)]
    relations: Vec<Relation>,
    #[serde(default)]
    highlights: Vec<Highlight>,
    #[serde(default)]
    articles: Vec<Article>,
    #[serde(default)]
    exported: Option<Stamp>,
    #[serde(default)]
    sent_articles: Option<Vec<crate::model::ArticleId>>,
    #[serde(default)]
    conflicts: Vec<MergeConflict>,
}

/// A claim before concepts: its words were its own.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ClaimV4 {
    pub id: ClaimId,
    pub text: String,
    #[serde(default)]
    pub speaker: Option<ActorId>,
    pub stance: Stance,
    #[serde(default)]
    pub note: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changed: Option<Stamp>,
}

impl ProjectV4 {
    pub(super) fn upgrade(self) -> Project {
        let p = self;
        let project = Project {
            title: p.title,
            description: p.description,
            vocabulary: p.vocabulary.into(),
            actors: p.actors.into(),
            concepts: Vec::new().into(),
            claims: Vec::new().into(),
            relations: p.relations.into(),
            highlights: p.highlights.into(),
            rejections: Vec::new().into(),
            articles: p.articles.into(),
            exported: p.exported,
            sent_articles: p.sent_articles,
            conflicts: Vec::new(),
        };
        with_concepts(project, p.claims, p.conflicts)
    }
}

/// `project` (without claims) with `claims` upgraded onto concepts and the
/// claims in `conflicts` with them.
pub(super) fn with_concepts(
    mut project: Project,
    claims: Vec<ClaimV4>,
    conflicts: Vec<MergeConflict>,
) -> Project {
    let mut concepts = Concepts::default();
    let claims = claims
        .into_iter()
        .map(|c| concepts.claim(c))
        .collect::<Vec<_>>();
    project.conflicts = conflicts
        .into_iter()
        .map(|c| concepts.conflict(c))
        .collect();
    project.concepts = concepts.list.into();
    project.claims = claims.into();
    project
}

/// The concepts made so far, by folded words.
#[derive(Default)]
struct Concepts {
    list: Vec<Concept>,
    by_words: HashMap<String, ConceptId>,
    ids: HashSet<String>,
}

impl Concepts {
    fn claim(&mut self, old: ClaimV4) -> Claim {
        Claim {
            concept: self.concept(&old.id, &old.text, old.changed.as_ref()),
            id: old.id,
            speaker: old.speaker,
            on_behalf_of: None,
            stance: old.stance,
            note: old.note,
            changed: old.changed,
        }
    }

    fn concept(&mut self, claim: &ClaimId, text: &str, stamp: Option<&Stamp>) -> ConceptId {
        let words = arabic::fold(text.trim());
        if let Some(id) = self.by_words.get(&words) {
            return id.clone();
        }
        let stem = claim
            .as_str()
            .strip_prefix("clm-")
            .unwrap_or(claim.as_str());
        let mut id = format!("{}-{stem}", ConceptId::PREFIX);
        let mut n = 2;
        while self.ids.contains(&id) {
            id = format!("{}-{stem}-{n}", ConceptId::PREFIX);
            n += 1;
        }
        self.ids.insert(id.clone());
        let id = ConceptId::new(id);
        let mut concept = Concept::new(id.clone(), text.trim());
        concept.changed = stamp.cloned();
        self.list.push(concept);
        self.by_words.insert(words, id.clone());
        id
    }

    /// A conflict over a claim keeps their version as it was written: it is
    /// converted like the claims, so choosing it later still works.
    fn conflict(&mut self, mut conflict: MergeConflict) -> MergeConflict {
        if conflict.kind == "claim"
            && let Some(theirs) = &conflict.theirs
            && let Ok(old) = serde_json::from_str::<ClaimV4>(theirs)
            && let Ok(json) = serde_json::to_string(&self.claim(old))
        {
            conflict.theirs = Some(json);
        }
        conflict
    }
}
