//! Team work: several copies of one project made whole again. `identity`
//! decides what "the same item" is in two copies, and every path that puts
//! copies together — the two-way merge of a colleague's copy, git's
//! three-way merge, curation — goes through it, so they agree on it.

pub mod curation;
mod error;
pub mod identity;
pub mod merge;
pub mod merge3;

pub use error::TeamError;
