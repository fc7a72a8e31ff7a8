//! One integration-test binary, so the crate links once.
#![allow(clippy::unwrap_used)] // helpers outside #[test] fns fail loudly on purpose

mod bad_input;
mod cli;
mod codebook_table;
mod codebook_ui;
mod colleague_ui;
mod common;
mod desk_ui;
mod desktop_install;
mod desktop_ui;
mod edits;
mod exchange;
mod exchange_formats;
mod format_doc;
mod friction;
mod fuzz_load;
mod git_team;
mod import_files;
mod kill_recovery;
mod merge;
mod migration;
mod network_ui;
mod nothing_lost;
mod reader_ui;
mod relations_ui;
mod roundtrip;
mod safe_save;
mod sample_project;
mod shortcuts;
mod snapshots;
mod text_field_ui;
mod window;
