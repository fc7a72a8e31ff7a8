//! REFI-QDA Project Exchange (`.qdpx`): the standard `NVivo`, MAXQDA,
//! ATLAS.ti, `QualCoder` and Taguette read and write. A `.qdpx` is a zip
//! holding `project.qde` (XML in the namespace `urn:QDA-XML:project:1.0`)
//! and the sources' plain text under `sources/`.
//!
//! Out: articles are text sources (UTF-8, LF); the codebook has a code
//! "Actors" with one code per actor kind and the actors under them, a code
//! "Claims" with the claims, and a code "Evidence"; each highlight is a
//! plain-text selection coded with its code, positions counted in Unicode
//! code points as the standard counts characters; relations are links
//! between actor codes with a note saying date, sources and evidence;
//! analysts are users; article metadata are variables.
//!
//! In: the same, read back — and from other tools' files, text sources
//! become articles, codes become actors (kind from a parent code named like
//! one of ours, else Other) or claims (under a code named "Claims"),
//! codings become highlights on their exact words, links between two actor
//! codes become relations; what has no place here is listed, never dropped
//! silently.

mod read;
mod write;

pub use read::read;
pub use write::qdpx;

use super::incoming::{
    Incoming, IncomingActor, IncomingArticle, IncomingClaim, IncomingHighlight, IncomingRelation,
    IncomingTag, kind_from_name, lf_with_offsets,
};
use super::xml::escape;
use crate::model::{ActorKind, Article, ArticleId, Date, Project, Span, Speech, Stance, Tag};
use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;
use std::io::Write;
use uuid::Uuid;

pub const NAMESPACE: &str = "urn:QDA-XML:project:1.0";

/// The note that carries the relation vocabulary, and how each of its lines starts.
const TYPES_NOTE: &str = "Warraq relation types";
const RELATION_TYPE: &str = "relation-type: ";

/// The same item gets the same GUID in every export, so a colleague's tool
/// can tell an updated export from a new project.
fn guid(kind: &str, id: &str) -> String {
    Uuid::new_v5(
        &Uuid::NAMESPACE_URL,
        format!("urn:warraq:{kind}:{id}").as_bytes(),
    )
    .to_string()
}

/// The article metadata written as variables, by name.
const VARIABLES: [&str; 4] = ["outlet", "url", "published", "language"];
