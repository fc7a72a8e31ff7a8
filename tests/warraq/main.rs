//! One integration-test binary, so the crate links once.
#![expect(
    clippy::unwrap_used,
    reason = "helpers outside #[test] fns fail loudly on purpose"
)]
#![expect(
    clippy::float_cmp,
    reason = "font sizes step by whole points, exact in f32"
)]
#![expect(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "small test numbers: pixel positions, byte patterns, counts"
)]

mod bad_input;
mod cli;
mod codebook_table;
mod codebook_ui;
mod colleague_ui;
mod common;
mod desk_ui;
mod desktop_install;
mod desktop_ui;
mod discourse;
mod discourse_ui;
mod edits;
mod exchange;
mod exchange_formats;
mod folder_layout;
mod format_doc;
mod friction;
mod fuzz_load;
mod git_team;
mod hostile;
mod hostile_shapes;
mod identity;
mod import_files;
// Kills with SIGKILL under an X server: a Unix test.
mod keyboard_coding;
#[cfg(unix)]
mod kill_recovery;
mod merge;
mod migration;
mod network_ui;
mod nothing_lost;
mod reader_ui;
mod rejections;
mod relations_ui;
mod roundtrip;
mod safe_save;
mod sample_project;
mod shortcuts;
mod snapshots;
mod suggestions_ui;
mod text_field_ui;
mod window;
