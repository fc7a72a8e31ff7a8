//! The window. Views read the `App`'s state and return `Action`s (changes to
//! the project, applied by `App::apply`) or `Intent`s (changes to what is
//! shown); nothing here changes the project directly.

mod actor_list;
mod article_list;
pub mod autosave;
pub mod bidi_label;
mod choose;
pub mod codebook;
pub mod colleague;
pub mod commands;
pub mod concepts_table;
mod conflicts;
mod derived;
mod dialogs;
pub mod discourse;
mod dispatch;
mod document;
pub mod editors;
pub mod files;
pub mod fonts;
pub mod header;
pub mod import_preview;
pub mod intents;
mod jobs;
mod launcher;
pub mod network;
mod network_paint;
mod pane;
mod panes;
mod parts;
pub mod picker;
pub mod reader;
pub mod relation_dialog;
mod relation_filters;
pub mod relations;
pub mod search_job;
mod shortcut_help;
pub mod sidebar;
mod sortable;
pub mod suggestions;
pub mod tagging;
pub mod text_field;
pub mod text_resources;
pub mod theme;
pub mod timeline;
mod window;

pub use intents::{Desk, Dialog, FileCommand, Intent, Intents, TagMode};
pub use launcher::{SAMPLE_PROJECT, run, setup_context};
pub use pane::{Pane, shown_highlights};
pub use window::{BACKGROUND_LOAD_BYTES, Loading, WarraqApp};
