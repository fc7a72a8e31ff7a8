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
/// changed it before we save over it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileStamp {
    digest: [u8; 32],
}

impl FileStamp {
    pub fn of_bytes(bytes: &[u8]) -> Self {
        Self {
            digest: Sha256::digest(bytes).into(),
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
    let io_error = |source| SaveError::Io {
        path: path.to_owned(),
        source,
    };
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
    let original_permissions = match fs::metadata(path) {
        Ok(meta) => Some(meta.permissions()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };

    hook(SaveStep::CreateTemp)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".warraq-save-").suffix(".tmp");
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

/// Writes `bytes` to `path` atomically and durably, without a backup (recovery copies).
pub(crate) fn write_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomically(path, bytes, false, &mut |_| Ok(()))
}

/// Makes `<name>.bak` the file currently at `path`. A hard link costs nothing
/// and is atomic; where links are not supported the file is copied.
fn keep_backup(path: &Path) -> io::Result<()> {
    let backup = backup_path(path);
    match fs::remove_file(&backup) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    if fs::hard_link(path, &backup).is_err() {
        fs::copy(path, &backup)?;
    }
    Ok(())
}

#[cfg(unix)]
fn sync_folder(folder: &Path) -> io::Result<()> {
    fs::File::open(folder)?.sync_all()
}

#[cfg(not(unix))]
fn sync_folder(_folder: &Path) -> io::Result<()> {
    // Windows offers no way to sync a directory; its rename is already durable.
    Ok(())
}
