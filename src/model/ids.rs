//! Stable identifiers. They are strings so that hand-written and merged files
//! stay readable, and typed so an actor id can never be passed as an article id.

// Ids of up to 24 bytes (every generated one) are kept inline: a million
// highlights each naming itself, its article and its actor would otherwise be
// three million small allocations.
use compact_str::CompactString;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $prefix:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub CompactString);

        impl $name {
            /// The prefix generated ids of this kind start with.
            pub const PREFIX: &'static str = $prefix;

            pub fn new(id: impl Into<CompactString>) -> Self {
                Self(id.into())
            }

            pub fn is_empty(&self) -> bool {
                self.0.is_empty()
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                Self(id.into())
            }
        }
    };
}

id_type!(
    /// Identifies an article within a project.
    ArticleId,
    "art"
);
id_type!(
    /// Identifies an actor (person, state, organisation…).
    ActorId,
    "act"
);
id_type!(
    /// Identifies a claim.
    ClaimId,
    "clm"
);
id_type!(
    /// Identifies a concept: a statement, frame or position several actors take a stance on.
    ConceptId,
    "cpt"
);
id_type!(
    /// Identifies a highlighted span of an article.
    HighlightId,
    "hl"
);
id_type!(
    /// Identifies a relation between two actors.
    RelationId,
    "rel"
);
id_type!(
    /// Identifies an entry of the relation vocabulary, e.g. `meets`.
    RelationTypeId,
    ""
);

/// Makes ids that will not collide with a colleague's when two copies of a
/// project are merged: they mix the clock, the process and a counter, so two
/// analysts creating items at the same moment still get different ids.
#[derive(Debug)]
pub struct IdGenerator {
    seed: [u8; 32],
    counter: u64,
}

impl Default for IdGenerator {
    fn default() -> Self {
        Self::new()
    }
}

impl IdGenerator {
    pub fn new() -> Self {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let mut hasher = Sha256::new();
        hasher.update(nanos.to_le_bytes());
        hasher.update(std::process::id().to_le_bytes());
        // The address of a stack value differs between runs under ASLR.
        let marker = 0u8;
        hasher.update((&raw const marker as usize).to_le_bytes());
        Self {
            seed: hasher.finalize().into(),
            counter: 0,
        }
    }

    /// A generator whose ids are the same on every run, for tests and fixtures.
    pub fn deterministic(seed: u64) -> Self {
        let mut hasher = Sha256::new();
        hasher.update(seed.to_le_bytes());
        Self {
            seed: hasher.finalize().into(),
            counter: 0,
        }
    }

    /// A fresh id with `prefix`, for which `taken` returns false.
    pub fn fresh(&mut self, prefix: &str, taken: impl Fn(&str) -> bool) -> String {
        loop {
            self.counter += 1;
            let mut hasher = Sha256::new();
            hasher.update(self.seed);
            hasher.update(self.counter.to_le_bytes());
            let digest = hasher.finalize();
            let suffix = hex(&digest[..5]);
            let id = format!("{prefix}-{suffix}");
            if !taken(&id) {
                return id;
            }
        }
    }
}

/// Bytes as lower-case hexadecimal.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}
