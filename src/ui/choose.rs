//! Every file choice of the window goes through here: the system's dialog
//! for its purpose, or — where no dialog can be shown — the typed path with
//! completion; then one place does what the file was chosen for.

use super::files::{PathPrompt, PathPurpose};
use super::window::WarraqApp;
use super::{dialogs, document::WithColleague};
use std::path::{Path, PathBuf};

impl WarraqApp {
    /// Asks for the file(s) `purpose` needs and acts on them; a dialog that
    /// could not be shown becomes a typed-path prompt that says why.
    pub(super) fn choose_file(&mut self, purpose: PathPurpose) {
        // Part of a project, still being read: nothing is saved, imported
        // or exported from it, so no dialog is asked for first.
        if !matches!(purpose, PathPurpose::Open)
            && let Some(why) = self.app.read_only()
        {
            self.app.notice(why, crate::app::Tone::Error);
            return;
        }
        let chosen = self.ask_dialog(&purpose);
        if chosen.is_empty() {
            self.offer_path(purpose);
        } else {
            self.file_chosen(purpose, chosen);
        }
    }

    /// The system dialog fitting `purpose`; empty when cancelled or not shown.
    fn ask_dialog(&self, purpose: &PathPurpose) -> Vec<PathBuf> {
        let dialogs = &self.files.dialogs;
        let title = self.app.document().project().title.clone();
        let folder = self.project_folder();
        match purpose {
            PathPurpose::Open | PathPurpose::MergeColleague | PathPurpose::CompareColleague => {
                dialogs.pick_project().into_iter().collect()
            }
            PathPurpose::SaveAs | PathPurpose::SaveAsFolder => dialogs
                .save_project_as(folder.as_deref(), &title)
                .into_iter()
                .collect(),
            PathPurpose::SaveCurated => dialogs
                .save_project_as(folder.as_deref(), &format!("{title} curated"))
                .into_iter()
                .collect(),
            PathPurpose::ImportText => dialogs.pick_texts(),
            PathPurpose::Import | PathPurpose::AgreementOfCopies => dialogs.pick_imports(),
            PathPurpose::Export(format, _) => {
                dialogs.save_export(&title, *format).into_iter().collect()
            }
            PathPurpose::NetworkPicture(format) => dialogs
                .save_picture(&format!("{title} network"), format.extension())
                .into_iter()
                .collect(),
            PathPurpose::Discourse(format) => {
                use crate::network::Format;
                let (suffix, extension) = match format {
                    Format::Events => ("statements", "csv"),
                    Format::Csv => ("discourse network", "csv"),
                    Format::Graphml => ("discourse network", "graphml"),
                    Format::Dl => ("discourse network", "dl"),
                };
                dialogs
                    .save_picture(&format!("{title} {suffix}"), extension)
                    .into_iter()
                    .collect()
            }
        }
    }

    /// When the dialog could not be shown at all: say why and ask for a path.
    /// (A cancelled dialog is just cancelled.)
    pub(super) fn offer_path(&mut self, purpose: PathPurpose) {
        if let Some(why) = self.files.dialogs.failure() {
            let path = self
                .project_folder()
                .or_else(|| std::env::current_dir().ok())
                .map(|d| format!("{}/", d.display()))
                .unwrap_or_default();
            self.files.path_prompt = Some(PathPrompt { purpose, why, path });
        }
    }

    /// Does what the file(s) were chosen for, however they were chosen.
    pub(super) fn file_chosen(&mut self, purpose: PathPurpose, paths: Vec<PathBuf>) {
        let Some(first) = paths.first().cloned() else {
            return;
        };
        match purpose {
            PathPurpose::Open => self.open_project(&first),
            PathPurpose::SaveAs => {
                self.save_as_path(&super::files::with_project_extension(first));
            }
            PathPurpose::SaveAsFolder => {
                self.save_as_folder_path(&super::files::with_project_extension(first));
            }
            PathPurpose::ImportText | PathPurpose::Import => self.import_files(paths),
            PathPurpose::Export(format, articles) => self.export_to(format, articles, first),
            PathPurpose::MergeColleague => self.load_colleague(&first, WithColleague::Merge),
            PathPurpose::CompareColleague => self.load_colleague(&first, WithColleague::Compare),
            PathPurpose::AgreementOfCopies => {
                self.colleague.reliability = Some(dialogs::reliability_rows(
                    self.app.document().project(),
                    &paths,
                ));
            }
            PathPurpose::SaveCurated => {
                self.save_curated_to(&super::files::with_project_extension(first));
            }
            PathPurpose::NetworkPicture(format) => self.export_network_to(format, first),
            PathPurpose::Discourse(format) => self.export_discourse_to(format, first),
        }
    }

    /// The folder of the open project's file, where its copies are saved.
    pub(super) fn project_folder(&self) -> Option<PathBuf> {
        self.app
            .document()
            .path()
            .and_then(Path::parent)
            .map(Path::to_path_buf)
    }
}
