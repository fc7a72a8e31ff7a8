//! Curation: from two analysts' codings of the same articles, an
//! adjudicated copy. What they agree on goes in without asking; for each
//! disagreement the curator takes the left coding (A's), the right one
//! (B's), both, or neither. The copy says who curated it and when.

use super::identity;
use crate::agreement::{Agreement, Disagreement};
use crate::model::{Highlight, HighlightId, Project, Relation, Tag};
use std::collections::HashSet;

/// The curator's choice for one disagreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pick {
    /// A's coding (what the copy starts from).
    #[default]
    Left,
    Right,
    Both,
    Neither,
}

impl Pick {
    pub const ALL: [Self; 4] = [Self::Left, Self::Right, Self::Both, Self::Neither];

    pub fn label(self) -> &'static str {
        match self {
            Self::Left => "left",
            Self::Right => "right",
            Self::Both => "both",
            Self::Neither => "neither",
        }
    }

    fn keeps_a(self) -> bool {
        matches!(self, Self::Left | Self::Both)
    }

    fn takes_b(self) -> bool {
        matches!(self, Self::Right | Self::Both)
    }
}

/// Brings B's highlight into the copy, with the actor or claim it tags when
/// the copy lacks it.
fn take_highlight(copy: &mut Project, b: &Project, h: &Highlight, taken: &mut HashSet<String>) {
    // An article the curated copy does not hold (A deleted it) takes no coding.
    if copy.article(&h.article).is_none() {
        return;
    }
    match &h.tag {
        Tag::Actor(id) if copy.actor(id).is_none() => {
            if let Some(actor) = b.actor(id) {
                copy.actors.push(actor.clone());
            }
        }
        Tag::Claim(id) if copy.claim(id).is_none() => {
            if let Some(claim) = b.claim(id) {
                for actor in [&claim.speaker, &claim.on_behalf_of] {
                    if let Some(actor) = actor.as_ref().filter(|s| copy.actor(s).is_none())
                        && let Some(actor) = b.actor(actor)
                    {
                        copy.actors.push(actor.clone());
                    }
                }
                if copy.concept(&claim.concept).is_none()
                    && let Some(concept) = b.concept(&claim.concept)
                {
                    copy.concepts.push(concept.clone());
                }
                copy.claims.push(claim.clone());
            }
        }
        _ => {}
    }
    match copy.highlight(&h.id) {
        None => copy.highlights.push(h.clone()),
        Some(mine) if identity::highlight_key(mine) == identity::highlight_key(h) => {}
        // Both analysts started from one file: one id, two different codings. Both are kept.
        Some(_) => {
            let what = format!("{:?}", identity::highlight_key(h));
            let id = identity::derived_id(h.id.as_str(), &what, taken);
            taken.insert(id.clone());
            let mut theirs = h.clone();
            theirs.id = HighlightId::new(id);
            copy.highlights.push(theirs);
        }
    }
}

fn drop_highlight(copy: &mut Project, id: &HighlightId) {
    copy.highlights.retain(|h| &h.id != id);
    for relation in &mut copy.relations {
        for source in &mut relation.sources {
            if source.evidence.as_ref() == Some(id) {
                source.evidence = None;
            }
        }
    }
}

fn take_relation(copy: &mut Project, b: &Project, r: &Relation, taken: &mut HashSet<String>) {
    for end in [&r.source, &r.target] {
        if copy.actor(end).is_none()
            && let Some(actor) = b.actor(end)
        {
            copy.actors.push(actor.clone());
        }
    }
    if copy.relation_type(&r.kind).is_none()
        && let Some(kind) = b.relation_type(&r.kind)
    {
        copy.vocabulary.push(kind.clone());
    }
    let mut r = r.clone();
    for source in &mut r.sources {
        if let Some(e) = &source.evidence
            && copy.highlight(e).is_none()
        {
            match b.highlight(e) {
                Some(h) => take_highlight(copy, b, h, taken),
                None => source.evidence = None,
            }
        }
    }
    r.sources.retain(|s| copy.article(&s.article).is_some());
    if copy.relation(&r.id).is_none() {
        copy.relations.push(r);
    }
}

/// The adjudicated copy: `a` with each disagreement settled by `picks` (one
/// per disagreement, in order), stamped with who curated it.
pub fn curate(
    a: &Project,
    b: &Project,
    agreement: &Agreement,
    picks: &[Pick],
    curator: &str,
) -> Result<Project, super::TeamError> {
    // B in A's terms, as `compare` named the disagreements.
    let b = &crate::agreement::aligned(a, b);
    let mut copy = a.clone();
    // Ids in use, for a highlight of B's kept beside A's under one id; the copy
    // only ever holds items of A and B.
    let mut taken = identity::all_ids([a, b]);
    for (d, &pick) in agreement.disagreements.iter().zip(picks) {
        match d {
            Disagreement::OnlyOne {
                in_a: true,
                highlight,
                ..
            } => {
                if !pick.keeps_a() {
                    drop_highlight(&mut copy, highlight);
                }
            }
            Disagreement::OnlyOne {
                in_a: false,
                highlight,
                ..
            } => {
                if pick.takes_b()
                    && let Some(h) = b.highlight(highlight)
                {
                    take_highlight(&mut copy, b, h, &mut taken);
                }
            }
            Disagreement::Differ {
                a: mine, b: theirs, ..
            } => {
                if !pick.keeps_a() {
                    drop_highlight(&mut copy, mine);
                }
                if pick.takes_b()
                    && let Some(h) = b.highlight(theirs)
                {
                    take_highlight(&mut copy, b, h, &mut taken);
                }
            }
            Disagreement::Relation {
                in_a: true,
                relation,
                ..
            } => {
                if !pick.keeps_a() {
                    copy.relations.retain(|r| &r.id != relation);
                }
            }
            Disagreement::Relation {
                in_a: false,
                relation,
                ..
            } => {
                if pick.takes_b()
                    && let Some(r) = b.relation(relation)
                {
                    take_relation(&mut copy, b, r, &mut taken);
                }
            }
        }
    }
    let stamp = crate::model::Stamp::now(curator);
    let line = format!(
        "Curated by {} on {} from two analysts' codings ({} disagreement(s) settled).",
        stamp.by,
        stamp.at,
        agreement.disagreements.len()
    );
    copy.description = if copy.description.trim().is_empty() {
        line
    } else {
        format!("{}\n\n{line}", copy.description.trim_end())
    };
    copy.exported = Some(stamp);
    match copy.validate().into_iter().next() {
        None => Ok(copy),
        Some(problem) => Err(super::TeamError::InvalidCuration(problem)),
    }
}
