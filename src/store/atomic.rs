//! Durable, atomic saving. The project is written to a temporary file in the
//! same folder, synced, and renamed over the original, and the folder is synced;
//! a crash at any moment leaves the old file or the new one, whole. The previous
//! version is kept beside it as `<name>.bak`.

use super::error::SaveError;
use super::format::to_ron_string;
use crate::model::Project;
use sha2::{Digest, Sha256};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// What a file held when it was read or written, to notice that someone else
/// changed it before we save over it. For a project kept as a folder, the
/// project file's contents, and what every other file of the folder held
/// (see `folder::FolderState`).
#[derive(Debug, Clone)]
pub struct FileStamp {
    pub(super) digest: [u8; 32],
    pub(super) folder: Option<std::sync::Arc<super::folder::FolderState>>,
}

/// Equal when the project files hold the same bytes (what `of_file` can tell).
impl PartialEq for FileStamp {
    fn eq(&self, other: &Self) -> bool {
        self.digest == other.digest
    }
}

impl Eq for FileStamp {}

impl FileStamp {
    pub fn of_bytes(bytes: &[u8]) -> Self {
        Self {
            digest: Sha256::digest(bytes).into(),
            folder: None,
        }
    }

    /// Articles the project lists whose files could not be read (a folder's).
    pub fn unreadable_articles(&self) -> usize {
        self.folder.as_ref().map_or(0, |f| f.unreadable.len())
    }

    /// How the project this stamp was taken of is kept.
    pub fn layout(&self) -> super::Layout {
        if self.folder.is_some() {
            super::Layout::Folder
        } else {
            super::Layout::File
        }
    }

    /// The stamp of the file at `path` now, or `None` if it does not exist.
    pub fn of_file(path: &Path) -> io::Result<Option<Self>> {
        match fs::read(path) {
            Ok(bytes) => Ok(Some(Self::of_bytes(&bytes))),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// The steps of a save, in order; tests stop a save at each to prove that
/// the file on disk is whole whatever step a crash interrupts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveStep {
    CreateTemp,
    WriteTemp,
    SyncTemp,
    Backup,
    Rename,
    SyncFolder,
}

impl SaveStep {
    pub const ALL: [Self; 6] = [
        Self::CreateTemp,
        Self::WriteTemp,
        Self::SyncTemp,
        Self::Backup,
        Self::Rename,
        Self::SyncFolder,
    ];
}

/// The backup kept beside `path`: `name.warraq.ron` → `name.warraq.ron.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// Saves `project` to `path`. With `expected` set (the stamp from when the
/// file was opened or last saved) it refuses to overwrite a file that changed
/// since. Returns the stamp of what it wrote.
pub fn save(
    project: &Project,
    path: &Path,
    expected: Option<&FileStamp>,
) -> Result<FileStamp, SaveError> {
    if let Some(state) = expected.and_then(|e| e.folder.as_deref()) {
        return super::folder::save(project, path, Some(state), true);
    }
    if super::folder::is_folder_project(path) {
        // One file over a folder's project file would leave its articles behind it.
        return Err(SaveError::Io {
            path: path.to_owned(),
            error: io::Error::other(
                "this is the project file of a project kept as a folder; open that project to save into it, or choose another name",
            ),
        });
    }
    save_with_hook(project, path, expected, &mut |_| Ok(()))
}

/// `save`, calling `hook` before each step; an error from the hook stops the save there.
pub fn save_with_hook(
    project: &Project,
    path: &Path,
    expected: Option<&FileStamp>,
    hook: &mut dyn FnMut(SaveStep) -> io::Result<()>,
) -> Result<FileStamp, SaveError> {
    let errors = project.validate();
    if !errors.is_empty() {
        return Err(SaveError::Invalid(errors));
    }
    let text = to_ron_string(project).map_err(|e| SaveError::Serialize(e.to_string()))?;
    let io_error = |error| SaveError::Io {
        path: path.to_owned(),
        error,
    };
    // A project opened through a link (from the desktop into a synced folder)
    // is saved where the link points, so the real file is the one that changes.
    let target = resolve_links(path).map_err(io_error)?;
    let path = target.as_path();
    if fs::metadata(path).is_ok_and(|m| m.permissions().readonly()) {
        return Err(SaveError::ReadOnly {
            path: path.to_owned(),
        });
    }
    if let Some(expected) = expected {
        let current = FileStamp::of_file(path).map_err(io_error)?;
        if current.as_ref().is_some_and(|current| current != expected) {
            return Err(SaveError::ChangedOnDisk {
                path: path.to_owned(),
            });
        }
    }
    write_atomically(path, text.as_bytes(), true, hook).map_err(io_error)?;
    Ok(FileStamp::of_bytes(text.as_bytes()))
}

fn write_atomically(
    path: &Path,
    bytes: &[u8],
    backup: bool,
    hook: &mut dyn FnMut(SaveStep) -> io::Result<()>,
) -> io::Result<()> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    // Said in the user's words, before a temporary file's name could get into the message.
    if path.is_dir() {
        return Err(io::Error::other(
            "that is a folder; name a file to write (e.g. a name inside it)",
        ));
    }
    if !folder.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::NotFound,
            format!(
                "the folder {} does not exist; create it or choose another",
                folder.display()
            ),
        ));
    }
    remove_stale_temp_files(folder);
    let original_permissions = match fs::metadata(path) {
        Ok(meta) => Some(meta.permissions()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };

    hook(SaveStep::CreateTemp)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
    // tempfile makes files private (0600); a project shared through a team
    // folder must keep the permissions it had, or get the usual ones.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = original_permissions
            .as_ref()
            .map_or(0o666, PermissionsExt::mode);
        builder.permissions(fs::Permissions::from_mode(mode));
    }
    let mut temp = builder.tempfile_in(folder)?;
    if let Some(permissions) = &original_permissions {
        temp.as_file().set_permissions(permissions.clone())?;
    }

    hook(SaveStep::WriteTemp)?;
    temp.write_all(bytes)?;

    hook(SaveStep::SyncTemp)?;
    temp.as_file().sync_all()?;

    hook(SaveStep::Backup)?;
    if backup && original_permissions.is_some() {
        keep_backup(path)?;
    }

    hook(SaveStep::Rename)?;
    temp.persist(path).map_err(|e| e.error)?;

    hook(SaveStep::SyncFolder)?;
    sync_folder(folder)
}

/// Writes many files into `folder` (an export of one file per article),
/// each whole (a temporary file renamed over its name, so a killed export
/// leaves no half-written file): the folder is tidied and synced once, not
/// once a file — 4,000 files would otherwise each read the folder again.
pub(crate) fn write_files(folder: &Path, files: &[(String, Vec<u8>)]) -> io::Result<()> {
    fs::create_dir_all(folder)?;
    remove_stale_temp_files(folder);
    for (name, bytes) in files {
        let mut temp = tempfile::Builder::new()
            .prefix(TEMP_PREFIX)
            .suffix(TEMP_SUFFIX)
            .tempfile_in(folder)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            temp.as_file()
                .set_permissions(fs::Permissions::from_mode(0o644))?;
        }
        temp.write_all(bytes)?;
        // Renamed whole into place; one sync of the folder at the end rather
        // than one per file keeps an export of thousands of files quick.
        temp.persist(folder.join(name)).map_err(|e| e.error)?;
    }
    sync_folder(folder)
}

/// Writes `bytes` to `path` atomically and durably, without a backup (recovery copies).
pub(crate) fn write_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomically(path, bytes, false, &mut |_| Ok(()))
}

/// Makes `<name>.bak` the file currently at `path`. The new backup is made
/// whole beside the old one (a hard link, which costs nothing, or a copy
/// where links are not supported) and then renamed over it, so there is a
/// whole backup at every moment.
fn keep_backup(path: &Path) -> io::Result<()> {
    let backup = backup_path(path);
    let mut fresh = backup.as_os_str().to_os_string();
    fresh.push(format!(".{}{TEMP_SUFFIX}", std::process::id()));
    let fresh = PathBuf::from(fresh);
    let _ = fs::remove_file(&fresh);
    if fs::hard_link(path, &fresh).is_err() {
        fs::copy(path, &fresh)?;
    }
    fs::rename(&fresh, &backup)
}

/// Where a chain of symbolic links from `path` ends (the path itself when it
/// is no link; a link to a file not yet there gives that file's path).
pub(super) fn resolve_links(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_owned();
    // The kernel's own limit; a loop of links ends here with an error.
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = fs::read_link(&current)?;
                current = match current.parent() {
                    Some(parent) if target.is_relative() => parent.join(target),
                    _ => target,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::other(format!(
        "{} is a loop of symbolic links",
        path.display()
    )))
}

const TEMP_PREFIX: &str = ".warraq-save-";
const TEMP_SUFFIX: &str = ".tmp";
/// A temporary file of ours older than this was left by a save that was
/// killed (a save in progress writes to its file continuously).
const STALE_AFTER: std::time::Duration = std::time::Duration::from_mins(2);

/// Removes what saves killed half-way left in `folder`: our own temporary
/// files (and half-made backups), never anything else.
fn remove_stale_temp_files(folder: &Path) {
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let ours = (name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX))
            || (name.contains(".bak.") && name.ends_with(TEMP_SUFFIX));
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| t.elapsed().is_ok_and(|age| age > STALE_AFTER));
        if ours && stale && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Cleans up after saves of the project at `path` that were killed half-way.
pub fn clean_up_beside(path: &Path) {
    if let Ok(target) = resolve_links(path)
        && let Some(folder) = target.parent()
    {
        remove_stale_temp_files(if folder.as_os_str().is_empty() {
            Path::new(".")
        } else {
            folder
        });
    }
}

#[cfg(unix)]
pub(super) fn sync_folder(folder: &Path) -> io::Result<()> {
    fs::File::open(folder)?.sync_all()
}

#[cfg(not(unix))]
pub(super) fn sync_folder(_folder: &Path) -> io::Result<()> {
    // Windows offers no way to sync a directory; its rename is already durable.
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where no new backup can be made (here the place for it is taken by a
    /// folder; elsewhere a copy fails half-way), the old backup stays whole:
    /// the new one is made beside it and only then renamed over it.
    #[test]
    fn a_backup_that_cannot_be_made_leaves_the_old_one_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.warraq.ron");
        fs::write(&path, "new").unwrap();
        fs::write(backup_path(&path), "old backup").unwrap();
        let mut fresh = backup_path(&path).into_os_string();
        fresh.push(format!(".{}{TEMP_SUFFIX}", std::process::id()));
        fs::create_dir(&fresh).unwrap();
        assert!(keep_backup(&path).is_err());
        assert_eq!(
            fs::read_to_string(backup_path(&path)).unwrap(),
            "old backup"
        );
        fs::remove_dir(&fresh).unwrap();
        keep_backup(&path).unwrap();
        assert_eq!(fs::read_to_string(backup_path(&path)).unwrap(), "new");
    }
}
