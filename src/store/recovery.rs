//! Recovery copies: while a project has unsaved changes, a copy is written in
//! the background to a folder of Warraq's own (never over the real file), and
//! offered back on the next start if Warraq was closed without saving.

use super::format::to_ron_string;
use crate::model::Project;
use sha2::{Digest, Sha256};
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// A recovery copy found for a project.
#[derive(Debug)]
pub struct Recovered {
    pub project: Project,
    pub written: SystemTime,
}

/// The folder that holds recovery copies, one per project file (and one for a new, unsaved project).
#[derive(Debug, Clone)]
pub struct RecoveryStore {
    dir: PathBuf,
}

impl RecoveryStore {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    /// `$WARRAQ_RECOVERY_DIR`, else `$XDG_DATA_HOME/warraq/recovery`, else `~/.local/share/warraq/recovery`.
    pub fn default_location() -> Option<Self> {
        if let Some(dir) = std::env::var_os("WARRAQ_RECOVERY_DIR").filter(|d| !d.is_empty()) {
            return Some(Self::new(dir));
        }
        crate::desktop::default_data_home().map(|data| Self::new(data.join("warraq/recovery")))
    }

    /// The copy for `project_file` (or for the unsaved new project).
    fn path_for(&self, project_file: Option<&Path>) -> PathBuf {
        let name = match project_file {
            Some(file) => {
                let file = std::fs::canonicalize(file).unwrap_or_else(|_| file.to_owned());
                let digest = Sha256::digest(file.to_string_lossy().as_bytes());
                let stem = file
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let hex = crate::model::hex(&digest[..8]);
                format!("{hex}-{stem}")
            }
            None => "untitled.warraq.ron".to_owned(),
        };
        self.dir.join(name)
    }

    /// Writes the copy atomically, so a crash while writing it leaves the previous copy whole.
    pub fn write(&self, project_file: Option<&Path>, project: &Project) -> io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let text = to_ron_string(project).map_err(io::Error::other)?;
        super::atomic::write_file(&self.path_for(project_file), text.as_bytes())
    }

    /// The copy for `project_file`, if there is one newer than the file itself.
    pub fn find(&self, project_file: Option<&Path>) -> Option<Recovered> {
        let path = self.path_for(project_file);
        let written = std::fs::metadata(&path).and_then(|m| m.modified()).ok()?;
        if let Some(file) = project_file
            && let Ok(saved) = std::fs::metadata(file).and_then(|m| m.modified())
            && saved > written
        {
            return None;
        }
        let project = super::load(&path).ok()?.project;
        Some(Recovered { project, written })
    }

    /// Forgets the copy (after a save, or when the user discards the changes).
    pub fn discard(&self, project_file: Option<&Path>) {
        let _ = std::fs::remove_file(self.path_for(project_file));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_is_found_for_its_file_only_and_forgotten_on_discard() {
        let dir = tempfile::tempdir().unwrap();
        let store = RecoveryStore::new(dir.path().join("recovery"));
        let file = dir.path().join("p.warraq.ron");
        super::super::save(&Project::new("on disk"), &file, None).unwrap();
        assert!(store.find(Some(&file)).is_none());
        // The file was saved a minute before the copy was written.
        let a_minute_ago = SystemTime::now() - std::time::Duration::from_mins(1);
        std::fs::File::options()
            .write(true)
            .open(&file)
            .unwrap()
            .set_modified(a_minute_ago)
            .unwrap();
        store
            .write(Some(&file), &Project::new("unsaved work"))
            .unwrap();
        assert_eq!(
            store.find(Some(&file)).unwrap().project.title,
            "unsaved work"
        );
        assert!(
            store.find(None).is_none(),
            "a new project's copy is a different one"
        );
        store.discard(Some(&file));
        assert!(store.find(Some(&file)).is_none());
    }
}
