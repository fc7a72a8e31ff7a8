//! The codebook as a table: each actor and claim with what is coded with it.
//! One pass over highlights and relations, so the window can rebuild it on
//! every change of a project of 100k highlights without a pause, and the CSV
//! export says exactly what the table shows.

use super::{Actor, ActorId, Claim, Date, Project, Speech, Tag};
use std::collections::{HashMap, HashSet};

/// An actor's line of the codebook.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActorRow {
    pub mentions: usize,
    /// Relations it is the source or the target of.
    pub relations: usize,
    /// Claims it is the speaker of.
    pub claims: usize,
    /// Articles it is highlighted in.
    pub articles: usize,
    /// The publication dates of the first and last dated articles it is highlighted in.
    pub first: Option<Date>,
    pub last: Option<Date>,
}

/// A claim's line of the codebook.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClaimRow {
    pub highlights: usize,
    pub articles: usize,
    pub quotes: usize,
    pub paraphrases: usize,
}

/// One row per actor, in the registry's order.
pub fn actor_rows(project: &Project) -> Vec<ActorRow> {
    let at: HashMap<&ActorId, usize> = project
        .actors
        .iter()
        .enumerate()
        .map(|(i, a)| (&a.id, i))
        .collect();
    let dates: HashMap<_, _> = project
        .articles
        .iter()
        .map(|a| (&a.id, a.published))
        .collect();
    let mut rows = vec![ActorRow::default(); project.actors.len()];
    let mut seen = HashSet::new();
    for highlight in &project.highlights {
        let Tag::Actor(actor) = &highlight.tag else {
            continue;
        };
        let Some(&i) = at.get(actor) else { continue };
        let row = &mut rows[i];
        row.mentions += 1;
        if seen.insert((i, &highlight.article)) {
            row.articles += 1;
            if let Some(Some(date)) = dates.get(&highlight.article) {
                row.first = Some(row.first.map_or(*date, |d| d.min(*date)));
                row.last = Some(row.last.map_or(*date, |d| d.max(*date)));
            }
        }
    }
    for relation in &project.relations {
        for end in [&relation.source, &relation.target] {
            if let Some(&i) = at.get(end) {
                rows[i].relations += 1;
            }
        }
        if relation.source == relation.target
            && let Some(&i) = at.get(&relation.source)
        {
            // A relation of an actor with itself counts once.
            rows[i].relations -= 1;
        }
    }
    for claim in &project.claims {
        if let Some(&i) = claim.speaker.as_ref().and_then(|s| at.get(s)) {
            rows[i].claims += 1;
        }
    }
    rows
}

/// One row per claim, in the project's order.
pub fn claim_rows(project: &Project) -> Vec<ClaimRow> {
    let at: HashMap<_, usize> = project
        .claims
        .iter()
        .enumerate()
        .map(|(i, c)| (&c.id, i))
        .collect();
    let mut rows = vec![ClaimRow::default(); project.claims.len()];
    let mut seen = HashSet::new();
    for highlight in &project.highlights {
        let Tag::Claim(claim) = &highlight.tag else {
            continue;
        };
        let Some(&i) = at.get(claim) else { continue };
        let row = &mut rows[i];
        row.highlights += 1;
        if seen.insert((i, &highlight.article)) {
            row.articles += 1;
        }
        match highlight.speech {
            Some(Speech::Quote) => row.quotes += 1,
            Some(Speech::Paraphrase) => row.paraphrases += 1,
            None => {}
        }
    }
    rows
}

/// What the codebook table shows of a concept: its statements (passages of
/// its claims) by stance, and who took a stance on it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConceptRow {
    pub claims: usize,
    pub speakers: usize,
    pub affirms: usize,
    pub denies: usize,
    pub neutral: usize,
}

/// One row per concept, in the codebook's order.
pub fn concept_rows(project: &Project) -> Vec<ConceptRow> {
    let at: HashMap<_, usize> = project
        .concepts
        .iter()
        .enumerate()
        .map(|(i, c)| (&c.id, i))
        .collect();
    let mut rows = vec![ConceptRow::default(); project.concepts.len()];
    let mut speakers = HashSet::new();
    let mut claim_of = HashMap::new();
    for claim in &project.claims {
        let Some(&i) = at.get(&claim.concept) else {
            continue;
        };
        rows[i].claims += 1;
        if let Some(s) = &claim.speaker
            && speakers.insert((i, s))
        {
            rows[i].speakers += 1;
        }
        claim_of.insert(&claim.id, (i, claim.stance));
    }
    for highlight in &project.highlights {
        if let Tag::Claim(claim) = &highlight.tag
            && let Some(&(i, stance)) = claim_of.get(claim)
        {
            match stance {
                super::Stance::Affirms => rows[i].affirms += 1,
                super::Stance::Denies => rows[i].denies += 1,
                super::Stance::Neutral => rows[i].neutral += 1,
            }
        }
    }
    rows
}

/// What the codebook's filter matches in an actor: any name, alias or gloss,
/// diacritics and letter forms folded.
pub fn actor_matches(actor: &Actor, filter: &str) -> bool {
    let filter = filter.trim();
    filter.is_empty()
        || actor
            .names()
            .chain([actor.gloss.as_str(), actor.note.as_str()])
            .any(|n| super::arabic::contains_folded(n, filter))
}

/// The same for a claim: its text, note or speaker's names.
pub fn claim_matches(project: &Project, claim: &Claim, filter: &str) -> bool {
    let filter = filter.trim();
    filter.is_empty()
        || [project.claim_text(claim), claim.note.as_str()]
            .into_iter()
            .any(|t| super::arabic::contains_folded(t, filter))
        || claim
            .speaker
            .as_ref()
            .and_then(|s| project.actor(s))
            .is_some_and(|a| actor_matches(a, filter))
}
