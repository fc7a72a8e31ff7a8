//! A save of many files that a crash cannot leave half-done.
//!
//! Each new file is written and synced beside its place as
//! `<name>.warraq-new`; then the journal, listing every file to put in place
//! and every file to remove, is written durably (the commit point); then the
//! files are renamed into place and the journal removed. A crash before the
//! commit point leaves the old project (the staged files are cleared on the
//! next open); after it, the next open finishes the save from the journal.

use std::collections::BTreeSet;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

pub(super) const JOURNAL: &str = ".warraq-commit";
pub(super) const STAGED: &str = ".warraq-new";

fn staged(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(STAGED);
    PathBuf::from(name)
}

/// Writes `writes` and removes `removes` (paths relative to `root`) as one step.
pub(super) fn commit(
    root: &Path,
    writes: &[(PathBuf, Vec<u8>)],
    removes: &[PathBuf],
) -> io::Result<()> {
    if writes.is_empty() && removes.is_empty() {
        return Ok(());
    }
    let mut text = String::new();
    for (path, bytes) in writes {
        let full = root.join(path);
        if let Some(parent) = full.parent() {
            fs::create_dir_all(parent)?;
        }
        let mut file = fs::File::create(staged(&full))?;
        file.write_all(bytes)?;
        file.sync_all()?;
        text.push_str("write ");
        text.push_str(&portable(path));
        text.push('\n');
    }
    for path in removes {
        text.push_str("remove ");
        text.push_str(&portable(path));
        text.push('\n');
    }
    super::super::atomic::write_file(&root.join(JOURNAL), text.as_bytes())?;
    roll_forward(root).map(|_| ())
}

/// Relative paths in the journal use `/` whatever the system.
fn portable(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Finishes a save whose journal is on disk; true if there was one.
pub(super) fn roll_forward(root: &Path) -> io::Result<bool> {
    let journal = root.join(JOURNAL);
    let text = match fs::read_to_string(&journal) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(e),
    };
    let mut folders = BTreeSet::new();
    for line in text.lines() {
        let (action, rel) = line.split_once(' ').unwrap_or((line, ""));
        // Only paths inside the folder: a journal is ours, but a damaged one must not reach out.
        if rel.is_empty() || rel.split('/').any(|part| part == ".." || part.is_empty()) {
            continue;
        }
        let full = root.join(rel);
        match action {
            "write" => {
                let from = staged(&full);
                if from.exists() {
                    fs::rename(&from, &full)?;
                }
            }
            "remove" => match fs::remove_file(&full) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                _ => {}
            },
            _ => continue,
        }
        if let Some(parent) = full.parent() {
            folders.insert(parent.to_owned());
        }
    }
    for folder in &folders {
        super::super::atomic::sync_folder(folder)?;
    }
    fs::remove_file(&journal)?;
    super::super::atomic::sync_folder(root)?;
    Ok(true)
}

/// Whether `name` is a file a killed save left before its commit point.
pub(super) fn is_staged(name: &str) -> bool {
    name.ends_with(STAGED)
}
