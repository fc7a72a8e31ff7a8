//! Zip archives from outside (`.docx`, `.qdpx`) read within limits: a small
//! file that expands to gigabytes (a "zip bomb"), or holds millions of
//! entries, is refused with the limit it passed — never read into memory.
//!
//! The limits ([`super::limits`]) fit any real document and project;
//! `WARRAQ_IMPORT_LIMIT_MB` raises them for a real case.

use std::io::Read;

use super::limits::{MAX_ENTRIES, import_bytes};

/// An archive being read: what it has expanded to so far.
pub struct Archive<'a> {
    zip: zip::ZipArchive<std::io::Cursor<&'a [u8]>>,
    limit: u64,
    read: u64,
}

impl<'a> Archive<'a> {
    /// `what` names the kind of file in messages (".docx", ".qdpx").
    pub fn open(bytes: &'a [u8], what: &str) -> Result<Self, String> {
        let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
            .map_err(|e| format!("not a readable {what} archive ({e})"))?;
        if zip.len() > MAX_ENTRIES {
            return Err(format!(
                "the archive holds {} entries, more than the {MAX_ENTRIES} any {what} needs: refused",
                zip.len()
            ));
        }
        Ok(Self {
            zip,
            limit: import_bytes(),
            read: 0,
        })
    }

    pub fn len(&self) -> usize {
        self.zip.len()
    }

    pub fn is_empty(&self) -> bool {
        self.zip.len() == 0
    }

    /// The name and content of entry `i`.
    pub fn entry(&mut self, i: usize) -> Result<(String, Vec<u8>), String> {
        let file = self.zip.by_index(i).map_err(|e| e.to_string())?;
        let name = file.name().map_err(|e| e.to_string())?.into_owned();
        let content = take(file, &name, self.limit, &mut self.read)?;
        Ok((name, content))
    }

    /// The content of the entry called `name`, if there is one.
    pub fn by_name(&mut self, name: &str) -> Result<Option<Vec<u8>>, String> {
        let file = match self.zip.by_name(name) {
            Ok(file) => file,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(format!("{name} cannot be read: {e}")),
        };
        take(file, name, self.limit, &mut self.read).map(Some)
    }
}

/// Reads an entry, one byte past what is left of `limit` at most: the
/// declared size of an entry can lie, what it expands to cannot.
fn take(file: impl Read, name: &str, limit: u64, read: &mut u64) -> Result<Vec<u8>, String> {
    let room = limit.saturating_sub(*read);
    let mut content = Vec::new();
    file.take(room.saturating_add(1))
        .read_to_end(&mut content)
        .map_err(|e| format!("{name} cannot be read: {e}"))?;
    let size = content.len() as u64;
    if size > room {
        let mb = limit / (1024 * 1024);
        return Err(format!(
            "{name} expands past {mb} MB (with what was read before it): refused as a possible zip bomb; if the file is real, set WARRAQ_IMPORT_LIMIT_MB to a larger number of megabytes"
        ));
    }
    *read += size;
    Ok(content)
}
