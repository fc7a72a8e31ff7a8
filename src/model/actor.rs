//! Actors: the people, states and organisations that articles talk about.

use super::ActorId;
use super::Stamp;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ActorKind {
    Person,
    State,
    Organisation,
    Group,
    Other,
}

impl ActorKind {
    pub const ALL: [Self; 5] = [
        Self::Person,
        Self::State,
        Self::Organisation,
        Self::Group,
        Self::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Person => "person",
            Self::State => "state",
            Self::Organisation => "organisation",
            Self::Group => "group",
            Self::Other => "other",
        }
    }

    /// The kind's English name as other tools' category: `Person`, `State`…
    pub fn name(self) -> &'static str {
        match self {
            Self::Person => "Person",
            Self::State => "State",
            Self::Organisation => "Organisation",
            Self::Group => "Group",
            Self::Other => "Other",
        }
    }
}

/// One actor, however many names the articles use for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    pub id: ActorId,
    /// The canonical name, usually as the articles write it.
    pub name: String,
    pub kind: ActorKind,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The name in another script, e.g. an English gloss of an Arabic name.
    #[serde(default)]
    pub gloss: String,
    #[serde(default)]
    pub note: String,
    /// Who made or last changed it, and when (absent in files from before attribution).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changed: Option<Stamp>,
}

impl Actor {
    pub fn new(id: ActorId, name: impl Into<String>, kind: ActorKind) -> Self {
        Self {
            id,
            name: name.into(),
            kind,
            aliases: Vec::new(),
            gloss: String::new(),
            note: String::new(),
            changed: None,
        }
    }

    /// The canonical name followed by every alias.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}
