//! What goes with an actor when it is deleted, said before it is.

use super::{ActorId, Project, Tag};

/// What depends on an actor: asked before it is deleted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ActorDependents {
    pub mentions: usize,
    pub relations: usize,
    /// Claims the actor is the speaker of.
    pub claims: usize,
}

impl ActorDependents {
    pub fn of(project: &Project, actor: &ActorId) -> Self {
        let tag = Tag::Actor(actor.clone());
        Self {
            mentions: project.highlights.iter().filter(|h| h.tag == tag).count(),
            relations: project
                .relations
                .iter()
                .filter(|r| &r.source == actor || &r.target == actor)
                .count(),
            claims: project
                .claims
                .iter()
                .filter(|c| c.speaker.as_ref() == Some(actor))
                .count(),
        }
    }

    /// What depends on any of `actors`, each item counted once.
    pub fn of_all(project: &Project, actors: &[ActorId]) -> Self {
        let set: std::collections::HashSet<&ActorId> = actors.iter().collect();
        Self {
            mentions: project
                .highlights
                .iter()
                .filter(|h| matches!(&h.tag, Tag::Actor(a) if set.contains(a)))
                .count(),
            relations: project
                .relations
                .iter()
                .filter(|r| set.contains(&r.source) || set.contains(&r.target))
                .count(),
            claims: project
                .claims
                .iter()
                .filter(|c| c.speaker.as_ref().is_some_and(|s| set.contains(s)))
                .count(),
        }
    }

    pub fn any(self) -> bool {
        self.mentions + self.relations + self.claims > 0
    }
}

impl std::fmt::Display for ActorDependents {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} mention(s), {} relation(s), {} claim(s) as speaker",
            self.mentions, self.relations, self.claims
        )
    }
}
