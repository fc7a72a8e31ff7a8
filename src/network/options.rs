//! What a network is asked to be: DNA's export options, by the names the
//! command line and the window use.

use crate::model::{ActorKind, Date};

/// Two-mode (actors × concepts) or one-mode (actors × actors, or concepts × concepts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Mode {
    TwoMode,
    OneMode,
}

/// The nodes of a one-mode network: actors tied through shared concepts, or
/// concepts tied through shared actors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Nodes {
    Actors,
    Concepts,
}

/// How the stance (DNA's qualifier) enters the weights.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Aggregation {
    /// Stance ignored: counts only.
    Ignore,
    /// One-mode: ties weighted by agreement on shared concepts.
    Congruence,
    /// One-mode: ties weighted by disagreement on shared concepts.
    Conflict,
    /// Congruence minus conflict (one-mode); affirming minus denying (two-mode).
    Subtract,
    /// Two-mode: each cell the combination of stances used (DNA's lexical rank).
    Combine,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Normalization {
    No,
    /// One-mode: divided by the mean of the two nodes' statement counts.
    Average,
    /// One-mode.
    Jaccard,
    /// One-mode.
    Cosine,
    /// Two-mode: each row divided by its actor's statements.
    Activity,
    /// Two-mode: each column divided by its concept's statements.
    Prominence,
}

/// Which repeated statements count once (DNA's duplicates setting): the same
/// actor, concept and (unless ignored) stance within the same…
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Duplicates {
    /// every statement counts.
    Include,
    Document,
    /// ISO calendar week.
    Week,
    Month,
    Year,
    /// the whole range.
    All,
}

/// A field statements can be left out by (`--exclude FIELD=VALUE`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    /// The actor chosen for the network (by name).
    Actor,
    Concept,
    Stance,
    /// Who coded the passage (its stamp).
    Analyst,
    Author,
    Outlet,
    Section,
    Type,
    Language,
    /// One of the analyst's article variables.
    Variable(String),
}

impl Field {
    pub fn parse(name: &str) -> Self {
        match name.trim().to_lowercase().as_str() {
            "actor" | "organisation" | "organization" | "person" => Self::Actor,
            "concept" => Self::Concept,
            "stance" | "agreement" | "qualifier" => Self::Stance,
            "analyst" | "coder" => Self::Analyst,
            "author" => Self::Author,
            "outlet" | "source" => Self::Outlet,
            "section" => Self::Section,
            "type" | "genre" => Self::Type,
            "language" => Self::Language,
            _ => Self::Variable(name.trim().to_owned()),
        }
    }

    /// Whether the field belongs to the article (DNA applies those before
    /// anything else, so they also decide the stances in use).
    pub fn of_article(&self) -> bool {
        matches!(
            self,
            Self::Author
                | Self::Outlet
                | Self::Section
                | Self::Type
                | Self::Language
                | Self::Variable(_)
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exclude {
    pub field: Field,
    pub value: String,
}

impl Exclude {
    /// `FIELD=VALUE`.
    pub fn parse(text: &str) -> Result<Self, NetworkError> {
        let (field, value) = text
            .split_once('=')
            .ok_or_else(|| NetworkError::BadExclude(text.to_owned()))?;
        if field.trim().is_empty() {
            return Err(NetworkError::BadExclude(text.to_owned()));
        }
        Ok(Self {
            field: Field::parse(field),
            value: value.trim().to_owned(),
        })
    }
}

/// Everything that defines a network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub mode: Mode,
    pub nodes: Nodes,
    /// The actor of each statement: the speaker, or (with a kind) whichever
    /// of the speaker and the one spoken for is of that kind.
    pub actor_kind: Option<ActorKind>,
    pub aggregation: Aggregation,
    pub normalization: Normalization,
    pub duplicates: Duplicates,
    pub from: Option<Date>,
    pub to: Option<Date>,
    /// A moving window: its length and its step, in days.
    pub window: Option<(u32, u32)>,
    pub exclude: Vec<Exclude>,
    /// Keep every node of the unfiltered statements, as DNA's `isolates`.
    pub isolates: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            mode: Mode::TwoMode,
            nodes: Nodes::Actors,
            actor_kind: None,
            aggregation: Aggregation::Ignore,
            normalization: Normalization::No,
            duplicates: Duplicates::Include,
            from: None,
            to: None,
            window: None,
            exclude: Vec::new(),
            isolates: false,
        }
    }
}

impl Options {
    /// Refuses the combinations DNA refuses or that mean nothing.
    pub fn check(&self) -> Result<(), NetworkError> {
        use Aggregation as A;
        use Normalization as N;
        match (self.mode, self.aggregation) {
            (Mode::TwoMode, A::Congruence | A::Conflict) => {
                return Err(NetworkError::Combination(
                    "congruence and conflict are one-mode aggregations; a two-mode network takes ignore, subtract or combine".to_owned(),
                ));
            }
            (Mode::OneMode, A::Combine) => {
                return Err(NetworkError::Combination(
                    "combine is a two-mode aggregation; a one-mode network takes ignore, congruence, conflict or subtract".to_owned(),
                ));
            }
            _ => {}
        }
        match (self.mode, self.normalization) {
            (Mode::TwoMode, N::Average | N::Jaccard | N::Cosine) => Err(NetworkError::Combination(
                "average, jaccard and cosine normalise one-mode networks; a two-mode network takes no, activity or prominence".to_owned(),
            )),
            (Mode::OneMode, N::Activity | N::Prominence) => Err(NetworkError::Combination(
                "activity and prominence normalise two-mode networks; a one-mode network takes no, average, jaccard or cosine".to_owned(),
            )),
            _ => match self.window {
                Some((0, _) | (_, 0)) => Err(NetworkError::Combination(
                    "a time window and its step are at least one day".to_owned(),
                )),
                _ => Ok(()),
            },
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NetworkError {
    #[error("{0}")]
    Combination(String),
    #[error("`{0}` is not FIELD=VALUE (e.g. concept=…, author=…, outlet=…, stance=denies)")]
    BadExclude(String),
    #[error("`--from` ({from}) is after `--to` ({to})")]
    EmptyRange { from: Date, to: Date },
}
