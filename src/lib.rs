//! Warraq: a desktop workbench for coding news articles — actors, claims and
//! the relations between them — with Arabic that reads and selects correctly.
//!
//! `model` is the data and its invariants, `store` reads and writes project
//! files, `graph` turns relations into a network and a timeline, `app` applies the user's actions (and keeps undo), `ui` draws, and
//! `cli` is the command line.

pub mod agreement;
pub mod app;
pub mod cli;
pub mod desktop;
pub mod exchange;
pub mod extract;
pub mod graph;
pub mod model;
pub mod network;
pub mod store;
pub mod suggest;
pub mod synthetic;
pub mod team;
pub mod text;
pub mod ui;

/// What the unit tests share: the sample project, parsed from the file in `projects/`.
#[cfg(test)]
pub(crate) mod test_support {
    pub fn sample() -> crate::model::Project {
        let text = include_str!("../projects/gulf-crisis-sample.warraq.ron");
        crate::store::from_ron_str(std::path::Path::new("sample"), text).expect("the sample loads")
    }
}
