//! The File menu's work: native dialogs (behind a trait, so tests can answer
//! them), recent files, and what to do once unsaved changes are dealt with.

use std::path::{Path, PathBuf};

/// How many recent projects the File menu lists.
pub const RECENT_LIMIT: usize = 10;

/// The questions the File menu asks the user through the system's dialogs.
pub trait Dialogs {
    fn pick_project(&self) -> Option<PathBuf>;
    /// Where to save a project, starting in `folder` (the open project's).
    fn save_project_as(&self, folder: Option<&Path>, suggested_name: &str) -> Option<PathBuf>;
    fn pick_texts(&self) -> Vec<PathBuf>;
    /// Files of any kind Warraq imports (text, REFI-QDA, brat, Warraq JSON).
    fn pick_imports(&self) -> Vec<PathBuf> {
        self.pick_texts()
    }
    fn save_export(&self, suggested_name: &str, format: crate::exchange::Format)
    -> Option<PathBuf>;
    /// Where to write a picture (`extension` is `png` or `svg`).
    fn save_picture(&self, suggested_name: &str, extension: &str) -> Option<PathBuf>;
    /// Why the last dialog could not be shown at all (rather than being
    /// cancelled), if it could not.
    fn failure(&self) -> Option<String> {
        None
    }
}

/// The system's own file dialogs (portal on Linux, Cocoa, Win32), through rfd.
#[derive(Default)]
pub struct NativeDialogs {
    failed: std::cell::Cell<bool>,
}

/// Faster than any person cancels a dialog: the dialog never appeared.
const NO_DIALOG: std::time::Duration = std::time::Duration::from_millis(150);

impl NativeDialogs {
    /// Runs a dialog and notes whether it came back empty at once, as it
    /// does when the desktop has no file-chooser service to show it.
    fn timed<T>(&self, dialog: impl FnOnce() -> Option<T>) -> Option<T> {
        let start = std::time::Instant::now();
        let answer = dialog();
        self.failed
            .set(answer.is_none() && start.elapsed() < NO_DIALOG);
        answer
    }
}

impl Dialogs for NativeDialogs {
    fn failure(&self) -> Option<String> {
        self.failed.get().then(|| {
            if cfg!(target_os = "linux") {
                "No file dialog could be shown: this desktop has no file-chooser service (install xdg-desktop-portal with its GTK or KDE part, or run Warraq in a desktop session). Type the file's path instead:".to_owned()
            } else {
                "No file dialog could be shown. Type the file's path instead:".to_owned()
            }
        })
    }

    fn pick_project(&self) -> Option<PathBuf> {
        self.timed(|| {
            rfd::FileDialog::new()
                .set_title("Open a Warraq project")
                .add_filter("Warraq project", &["ron"])
                .pick_file()
        })
    }

    fn save_project_as(&self, folder: Option<&Path>, suggested_name: &str) -> Option<PathBuf> {
        let path = self.timed(|| {
            let mut dialog = rfd::FileDialog::new();
            if let Some(folder) = folder {
                dialog = dialog.set_directory(folder);
            }
            dialog
                .set_title("Save the project as")
                .add_filter("Warraq project", &["ron"])
                .set_file_name(format!(
                    "{}.{}",
                    file_name_safe(suggested_name),
                    crate::store::FILE_EXTENSION
                ))
                .save_file()
        })?;
        Some(with_project_extension(path))
    }

    fn save_export(
        &self,
        suggested_name: &str,
        format: crate::exchange::Format,
    ) -> Option<PathBuf> {
        self.timed(|| {
            rfd::FileDialog::new()
                .set_title(format.label())
                .set_file_name(format.default_file_name(&file_name_safe(suggested_name)))
                .save_file()
        })
    }

    fn save_picture(&self, suggested_name: &str, extension: &str) -> Option<PathBuf> {
        self.timed(|| {
            rfd::FileDialog::new()
                .set_title("Export the network")
                .add_filter(extension.to_uppercase(), &[extension])
                .set_file_name(format!("{}.{extension}", file_name_safe(suggested_name)))
                .save_file()
        })
    }

    fn pick_texts(&self) -> Vec<PathBuf> {
        self.timed(|| {
            rfd::FileDialog::new()
                .set_title("Import articles")
                .add_filter("Web pages, Word, PDF, text", &crate::extract::EXTENSIONS)
                .add_filter("Web pages", &["html", "htm"])
                .add_filter("Word", &["docx"])
                .add_filter("PDF", &["pdf"])
                .add_filter("Text", &["txt"])
                .pick_files()
        })
        .unwrap_or_default()
    }

    fn pick_imports(&self) -> Vec<PathBuf> {
        self.timed(|| {
            rfd::FileDialog::new()
                .set_title("Import articles and coding")
                .add_filter(
                    "Articles, REFI-QDA, brat, DNA, Warraq",
                    &crate::exchange::import::EXTENSIONS,
                )
                .add_filter("REFI-QDA project", &["qdpx", "qde"])
                .add_filter("brat annotations", &["ann"])
                .add_filter("DNA 3 database", &["dna"])
                .add_filter(
                    "Articles (web pages, Word, PDF, text)",
                    &crate::extract::EXTENSIONS,
                )
                .pick_files()
        })
        .unwrap_or_default()
    }
}

/// What a file is chosen for: every file choice of the window is one of
/// these, asked through the system's dialog or, where none can be shown, typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathPurpose {
    Open,
    SaveAs,
    /// A folder of files, named after the chosen name (`gulf.warraq.ron` → `gulf/`).
    SaveAsFolder,
    /// Articles only (web pages, Word, PDF, text), through the preview.
    ImportText,
    /// Articles or another tool's coding.
    Import,
    /// The whole project, or the articles picked for a colleague.
    Export(
        crate::exchange::Format,
        Option<Vec<crate::model::ArticleId>>,
    ),
    MergeColleague,
    CompareColleague,
    /// Several colleagues' copies; typed, a folder stands for every project in it.
    AgreementOfCopies,
    SaveCurated,
    NetworkPicture(super::intents::PictureFormat),
    Discourse(crate::network::Format),
}

impl PathPurpose {
    /// The word on the typed-path prompt's button.
    pub fn verb(&self) -> &'static str {
        match self {
            Self::Open => "Open",
            Self::SaveAs | Self::SaveAsFolder => "Save here",
            Self::SaveCurated => "Save the copy",
            Self::ImportText | Self::Import => "Import",
            Self::Export(..) | Self::NetworkPicture(_) | Self::Discourse(_) => "Export",
            Self::MergeColleague => "Merge",
            Self::CompareColleague => "Compare",
            Self::AgreementOfCopies => "Compare all",
        }
    }

    /// Whether the file is read (and must exist) rather than written.
    pub fn reads(&self) -> bool {
        matches!(
            self,
            Self::Open
                | Self::ImportText
                | Self::Import
                | Self::MergeColleague
                | Self::CompareColleague
                | Self::AgreementOfCopies
        )
    }
}

/// A typed path as the files it names: for the agreement of several copies,
/// a folder stands for every project file directly inside it.
pub fn typed_paths(purpose: &PathPurpose, path: PathBuf) -> Vec<PathBuf> {
    if *purpose == PathPurpose::AgreementOfCopies && path.is_dir() {
        let mut found: Vec<PathBuf> = std::fs::read_dir(&path)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| {
                        p.to_string_lossy()
                            .ends_with(&format!(".{}", crate::store::FILE_EXTENSION))
                    })
                    .collect()
            })
            .unwrap_or_default();
        found.sort();
        return found;
    }
    vec![path]
}

/// The fallback for a missing file dialog: a path typed, with completion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathPrompt {
    pub purpose: PathPurpose,
    pub why: String,
    pub path: String,
}

/// Entries of the folder `typed` is in whose names start as its last part
/// does, folders first, at most `limit`.
pub fn completions(typed: &str, limit: usize) -> Vec<PathBuf> {
    let typed = std::path::Path::new(typed);
    let (dir, prefix) = if typed.as_os_str().to_string_lossy().ends_with('/') {
        (typed.to_path_buf(), String::new())
    } else {
        (
            typed.parent().map_or_else(
                || PathBuf::from("."),
                |p| {
                    if p.as_os_str().is_empty() {
                        PathBuf::from(".")
                    } else {
                        p.to_path_buf()
                    }
                },
            ),
            typed
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        )
    };
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.') || prefix.starts_with('.'))
        .map(|e| e.path())
        .collect();
    found.sort_by_key(|p| (!p.is_dir(), p.clone()));
    found.truncate(limit);
    found
}

/// `name` → `name.warraq.ron`, so the desktop knows the file for a project.
pub fn with_project_extension(path: PathBuf) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if name.ends_with(crate::store::FILE_EXTENSION) {
        return path;
    }
    let stem = name.strip_suffix(".ron").unwrap_or(&name);
    path.with_file_name(format!("{stem}.{}", crate::store::FILE_EXTENSION))
}

/// Puts `path` first in the recent list, without duplicates, keeping the list short.
pub fn remember(recent: &mut Vec<PathBuf>, path: &Path) {
    let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    recent.retain(|p| p != &path);
    recent.insert(0, path);
    recent.truncate(RECENT_LIMIT);
}

/// What waits for the unsaved-changes question to be answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    Close,
    New,
    Sample,
    Open(PathBuf),
    PickAndOpen,
}

/// A project's title as a file name every system accepts: the characters
/// Windows forbids (`<>:"/\\|?*` and controls) become `-`.
pub fn file_name_safe(title: &str) -> String {
    let name: String = title
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*') {
                '-'
            } else {
                c
            }
        })
        .collect();
    let name = name.trim().trim_end_matches('.').to_owned();
    if name.is_empty() {
        "project".to_owned()
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn project_extension_is_added_once() {
        assert_eq!(
            with_project_extension("/a/gulf".into()),
            PathBuf::from("/a/gulf.warraq.ron")
        );
        assert_eq!(
            with_project_extension("/a/gulf.ron".into()),
            PathBuf::from("/a/gulf.warraq.ron")
        );
        assert_eq!(
            with_project_extension("/a/gulf.warraq.ron".into()),
            PathBuf::from("/a/gulf.warraq.ron")
        );
    }

    #[test]
    fn recent_list_is_most_recent_first_without_repeats() {
        let mut recent = Vec::new();
        for name in ["/x/a", "/x/b", "/x/a"] {
            remember(&mut recent, Path::new(name));
        }
        assert_eq!(recent, [PathBuf::from("/x/a"), PathBuf::from("/x/b")]);
        for i in 0..20 {
            remember(&mut recent, Path::new(&format!("/x/{i}")));
        }
        assert_eq!(recent.len(), RECENT_LIMIT);
    }

    #[test]
    fn suggested_names_are_valid_everywhere() {
        assert_eq!(file_name_safe("أزمة الخليج: قطر"), "أزمة الخليج- قطر");
        assert_eq!(file_name_safe("a/b\\c?*\"d\" <e>|"), "a-b-c---d- -e--");
        assert_eq!(file_name_safe(" ..."), "project");
    }
}
