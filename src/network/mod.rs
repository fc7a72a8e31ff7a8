//! Discourse networks from coded claims, as the Discourse Network Analyzer
//! (DNA) computes them: a statement is a passage tagged with a claim (its
//! actor, its concept and its stance); a two-mode network crosses actors with
//! concepts, a one-mode network ties actors (or concepts) through what they
//! share. Definitions follow DNA's `Exporter.java`; `docs/networks.md` says
//! which options are supported and where Warraq differs.

mod compute;
mod options;
mod statements;
mod write;

pub use compute::{Network, Series, Window, compute, series};
pub use options::{
    Aggregation, Duplicates, Exclude, Field, Mode, NetworkError, Nodes, Normalization, Options,
};
pub use statements::{Statement, Statements, statements};
pub use write::{Format, write_csv, write_dl, write_events, write_graphml, write_series};

/// Sorts labels as DNA does (Java's `String.compareTo`: UTF-16 code units).
pub fn sort_labels(labels: &mut [String]) {
    labels.sort_by(|a, b| a.encode_utf16().cmp(b.encode_utf16()));
}

#[cfg(test)]
mod tests;
