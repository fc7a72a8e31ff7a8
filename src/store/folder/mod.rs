//! A project kept as a folder of files, for corpora that outgrow one file
//! (`docs/format.md`, "The folder layout"):
//!
//! ```text
//! NAME.warraq.ron       the project file: title, codebook, claims, conflicts, article index
//! articles/3f/ID.ron    one article: its metadata, body and the highlights in it
//! relations/3f.ron      the relations whose ids hash to 3f
//! ```
//!
//! A save writes only the files whose contents changed, as one step (see
//! `journal`); an open reads the articles on every core and keeps going past
//! an article file it cannot read, which is then never written or removed.

mod cache;
mod files;
mod journal;
mod lazy_body;
mod parts;
pub(crate) mod paths;
mod read;
mod write;

pub use parts::{Part, PartKind, part_kind, read_part, write_part};
pub use read::load;
pub use write::save;

use crate::model::{Article, Highlight, Relation};
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// The version of the folder layout's files. Single files stay version 5,
/// which older releases read; these say 6, which they refuse by name.
pub const FOLDER_VERSION: u32 = 6;
/// The newest folder version read: 7, a project file holding rejected
/// suggestions (the only file that can; all others stay 6).
pub const FOLDER_NEWEST: u32 = 7;

/// What the folder held when it was read or last written, to write only what
/// changed and to notice what another program (git) changed.
#[derive(Debug, Default)]
pub struct FolderState {
    /// The project file's bytes.
    pub(super) project_digest: [u8; 32],
    pub(super) articles: HashMap<crate::model::ArticleId, Written>,
    /// Per relation shard (`3f`).
    pub(super) shards: HashMap<String, Written>,
    /// Places of highlights and relations in their lists (by a hash of the id).
    pub(super) highlight_at: Places,
    pub(super) relation_at: Places,
    /// Articles the index lists whose files could not be read, with their
    /// place in the index: kept there, their files never written or removed.
    pub(super) unreadable: Vec<(usize, crate::model::ArticleId)>,
}

impl FolderState {
    /// Articles the project lists but that could not be read this session.
    pub fn unreadable(&self) -> impl Iterator<Item = &crate::model::ArticleId> {
        self.unreadable.iter().map(|(_, id)| id)
    }
}

/// One file as Warraq last read or wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Written {
    /// What it holds (see `article_fingerprint`), to tell whether it needs writing.
    pub(super) fingerprint: u64,
    /// Its size and modification time then, to tell whether another program changed it.
    pub(super) seen: Option<Seen>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Seen {
    pub(super) len: u64,
    pub(super) modified: SystemTime,
}

impl Seen {
    pub(super) fn of(path: &Path) -> Option<Self> {
        let meta = std::fs::metadata(path).ok()?;
        Some(Self {
            len: meta.len(),
            modified: meta.modified().ok()?,
        })
    }
}

/// The places of a list's items by a hash of each id, sorted by the hash
/// when first looked up: half the memory of a hash map (18 MB at a million
/// highlights, not 36), and sorted by a save, on its own thread, not by the
/// open the window waits for.
#[derive(Debug, Default)]
pub(super) struct Places(std::sync::Mutex<(bool, Vec<(u64, u64)>)>);

impl Places {
    /// `look` given the lookup of a place by its key.
    pub(super) fn looking_up<R>(&self, look: impl FnOnce(&dyn Fn(u64) -> Option<u64>) -> R) -> R {
        let mut places = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if !places.0 {
            places.1.sort_unstable_by_key(|&(key, _)| key);
            places.0 = true;
        }
        let list = &places.1;
        look(&|key| {
            let i = list.binary_search_by_key(&key, |&(k, _)| k).ok()?;
            list.get(i).map(|&(_, at)| at)
        })
    }
}

impl From<Vec<(u64, u64)>> for Places {
    fn from(mut places: Vec<(u64, u64)>) -> Self {
        places.shrink_to_fit();
        Self(std::sync::Mutex::new((false, places)))
    }
}

impl FromIterator<(u64, u64)> for Places {
    fn from_iter<I: IntoIterator<Item = (u64, u64)>>(iter: I) -> Self {
        Self::from(iter.into_iter().collect::<Vec<_>>())
    }
}

/// A hash of the id, for the maps of places (a string per highlight would cost a million strings).
pub(super) fn id_key(id: &str) -> u64 {
    use std::hash::BuildHasher;
    // Fixed, so the same id has the same key in the reading and the saving thread.
    foldhash::fast::FixedState::with_seed(0).hash_one(id)
}

/// What an article file holds, without hashing the body: the body's own
/// hash stands for it (bodies change only through `Article::set_body`, which
/// renews it). Every field is named, so a new one cannot be forgotten here.
pub(super) fn article_fingerprint(article: &Article, highlights: &[(u64, &Highlight)]) -> u64 {
    let Article {
        id,
        title,
        outlet,
        url,
        published,
        language,
        body_hash,
        notes,
        author,
        section,
        genre,
        variables,
        changed,
        body,
    } = article;
    let mut hasher = DefaultHasher::new();
    (id, title, outlet, url, published, language).hash(&mut hasher);
    (body_hash, notes, author, section, genre, variables, changed).hash(&mut hasher);
    body.len().hash(&mut hasher);
    highlights.hash(&mut hasher);
    hasher.finish()
}

pub(super) fn relations_fingerprint(relations: &[(u64, &Relation)]) -> u64 {
    let mut hasher = DefaultHasher::new();
    relations.hash(&mut hasher);
    hasher.finish()
}

/// The folder a project file sits in (`.` for a bare name).
pub(super) fn root_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// Whether the project file at `path` is a folder project's (read from its
/// first lines, so a 500 MB single file is not read to answer).
pub fn is_folder_project(path: &Path) -> bool {
    header_says(path, &format!("layout: \"{}\",", files::FOLDER))
}

/// Whether one of the first lines of the file at `path` is `line` (read
/// from its first 512 bytes only: a header is all that is asked).
pub(super) fn header_says(path: &Path, line: &str) -> bool {
    use std::io::Read;
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    let mut head = Vec::with_capacity(512);
    if file.take(512).read_to_end(&mut head).is_err() {
        return false;
    }
    String::from_utf8_lossy(&head)
        .lines()
        .take(6)
        .any(|l| l.trim() == line)
}

/// A folder's file parsed; where it does not parse and its header names a
/// version newer than this Warraq's, that is what is said.
pub(super) fn parse_file<T: serde::de::DeserializeOwned>(
    path: &Path,
    source: &str,
) -> Result<T, crate::store::LoadError> {
    crate::store::format::parse(path, source).map_err(|e| {
        match crate::store::format::peek(path, source)
            .ok()
            .and_then(|h| h.version)
            .filter(|&v| v > FOLDER_NEWEST)
        {
            Some(found) => crate::store::LoadError::NewerVersion {
                path: path.to_owned(),
                found,
                supported: FOLDER_NEWEST,
            },
            None => e,
        }
    })
}

/// A signature of the project's files on disk that changes when any of them
/// may have (the project file's size and time, the times of the folders
/// that hold articles and relations): cheap enough to ask every second.
pub fn disk_signature(path: &Path) -> Option<u64> {
    let meta = std::fs::metadata(path).ok()?;
    let mut hasher = DefaultHasher::new();
    (meta.len(), meta.modified().ok()?).hash(&mut hasher);
    let root = root_of(path);
    for dir in [paths::ARTICLES, paths::RELATIONS] {
        if let Ok(meta) = std::fs::metadata(root.join(dir)) {
            meta.modified().ok().hash(&mut hasher);
        }
    }
    // Article files change inside the sub-folders: their times too.
    if let Ok(entries) = std::fs::read_dir(root.join(paths::ARTICLES)) {
        let mut times: Vec<_> = entries
            .flatten()
            .filter_map(|e| Some((e.file_name(), e.metadata().ok()?.modified().ok()?)))
            .collect();
        times.sort();
        times.hash(&mut hasher);
    }
    Some(hasher.finish())
}

/// Whether another program changed the folder's project since `state` was
/// taken: the project file's contents, or any article or relation file's
/// size or time, or a file there now that was not then.
pub(crate) fn changed_on_disk(
    path: &Path,
    stamp: &crate::store::FileStamp,
    state: &FolderState,
) -> bool {
    if crate::store::FileStamp::of_file(path)
        .ok()
        .flatten()
        .is_none_or(|now| &now != stamp)
    {
        return true;
    }
    let root = root_of(path);
    let known = state
        .articles
        .iter()
        .map(|(id, w)| (paths::article(id.as_str()), w.seen))
        .chain(
            state
                .shards
                .iter()
                .map(|(s, w)| (paths::relations(s), w.seen)),
        );
    let mut count = 0usize;
    for (rel, seen) in known {
        count += 1;
        if Seen::of(&root.join(&rel)) != seen {
            return true;
        }
    }
    // Files added (a colleague's new articles) show as more files than known.
    let unreadable = state.unreadable.len();
    let on_disk =
        count_files(&root.join(paths::ARTICLES), 2) + count_files(&root.join(paths::RELATIONS), 1);
    on_disk > count + unreadable
}

/// The files `depth` folders down (1: in `dir`; 2: in its sub-folders).
fn count_files(dir: &Path, depth: usize) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| match (depth, e.file_type()) {
            (1, Ok(t)) if t.is_file() => 1,
            (d, Ok(t)) if d > 1 && t.is_dir() => count_files(&e.path(), d - 1),
            _ => 0,
        })
        .sum()
}

/// Where a project kept as a folder has its project file, from the name
/// the user chose: `x/gulf.warraq.ron` becomes `x/gulf/gulf.warraq.ron` (a
/// folder of its own, as the layout needs); a name already inside a folder
/// of that name, or a folder, is taken as it is.
pub fn project_file_for(chosen: &Path) -> PathBuf {
    let file_name = |stem: &str| format!("{stem}.{}", crate::store::FILE_EXTENSION);
    if chosen.is_dir() {
        let stem = chosen.file_name().map_or_else(
            || "project".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        );
        return chosen.join(file_name(&stem));
    }
    let name = chosen
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name
        .strip_suffix(&format!(".{}", crate::store::FILE_EXTENSION))
        .or_else(|| name.strip_suffix(".ron"))
        .unwrap_or(&name)
        .to_owned();
    let parent = chosen.parent().unwrap_or(Path::new(""));
    if parent
        .file_name()
        .is_some_and(|p| p.to_string_lossy() == stem)
    {
        return parent.join(file_name(&stem));
    }
    parent.join(&stem).join(file_name(&stem))
}
