//! What a folder project's files held when last read, kept beside it in
//! `.warraq-cache/` (never committed: `git-setup` ignores it), so opening it
//! again parses only the files that changed since (after a `git pull`, a few).
//!
//! One cache file per sub-folder of `articles/` and one for the relation
//! shards, each a list of entries: a file's path, its size and time when it
//! was read, the fingerprint of what it held, and that, in a compact binary
//! form written and read here. An entry stands only while the file's size
//! and time are the same; a cache file that cannot be read is named and made
//! again.
//!
//! The articles' bodies (three fifths of the bytes) come after every entry,
//! so an open reads the entries alone (twice: their places, then their
//! highlights) and leaves the bodies where they lie until one is looked at:
//! at 100,000 articles that is 1.1 GB not read twice.

use super::Seen;
#[cfg(test)]
use super::files::AtHighlight;
use super::files::AtRelation;
use crate::model::{
    ActorId, Article, ArticleId, Body, ClaimId, Date, Highlight, HighlightId, Relation, RelationId,
    RelationTypeId, Source, Span, Speech, Stamp, Tag,
};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

pub(crate) const FOLDER: &str = ".warraq-cache";
const MAGIC: &[u8] = b"warraq-cache 2\n";
/// How every cache file of any layout starts: an older one is made again quietly.
const ANY_MAGIC: &[u8] = b"warraq-cache";
/// Made again by a Warraq whose structs differ: the version of the program.
const STAMP: &str = env!("CARGO_PKG_VERSION");

/// The cache file for the articles of sub-folder `bucket`, and for the relations.
pub(super) fn articles_file(root: &Path, bucket: &str) -> PathBuf {
    root.join(FOLDER).join(format!("articles-{bucket}.bin"))
}

pub(super) fn relations_file(root: &Path) -> PathBuf {
    root.join(FOLDER).join("relations.bin")
}

/// One file as the cache remembers it: its payload is a range of the cache
/// file's entries, its body (an article's; empty for relations) a range of
/// the file beyond them.
pub(super) struct Entry {
    pub(super) seen: Seen,
    pub(super) fingerprint: u64,
    pub(super) payload: std::ops::Range<usize>,
    pub(super) body: std::ops::Range<u64>,
}

/// A cache file's entries, read whole, by the path of the file each stands for.
#[derive(Default)]
pub(super) struct Cached {
    /// The file from its start to where the bodies begin.
    bytes: Vec<u8>,
    pub(super) entries: HashMap<PathBuf, Entry>,
    /// The file as opened: read again through it, it holds these bytes even
    /// if the cache is made again meanwhile (a new file is renamed over it).
    file: Option<std::fs::File>,
}

impl Cached {
    pub(super) fn take_file(&mut self) -> Option<std::fs::File> {
        self.file.take()
    }

    pub(super) fn payload(&self, entry: &Entry) -> &[u8] {
        self.payload_at(entry.payload.clone())
    }

    pub(super) fn payload_at(&self, range: std::ops::Range<usize>) -> &[u8] {
        self.bytes.get(range).unwrap_or_default()
    }

    /// The entries as `write` takes them, each with its own copy of its
    /// payload and body; one whose body can no longer be read is left out
    /// (its file is parsed again next time).
    pub(super) fn into_owned(self) -> HashMap<PathBuf, Owned> {
        let Self {
            bytes,
            entries,
            file,
        } = self;
        let bodies = Bodies::read(file.as_ref(), entries.values().map(|e| &e.body));
        entries
            .into_iter()
            .filter_map(|(rel, e)| {
                let payload = bytes.get(e.payload).unwrap_or_default().to_vec();
                let body = bodies.get(&e.body)?.to_vec();
                Some((rel, (e.seen, e.fingerprint, payload, body)))
            })
            .collect()
    }
}

/// Bodies of a cache file read in one go (they lie together after the
/// entries), each then found by its range; one that could not be read is
/// not found.
pub(super) struct Bodies {
    start: u64,
    bytes: Vec<u8>,
}

impl Bodies {
    /// The bytes of `file` from the first of `ranges` to the last.
    pub(super) fn read<'a>(
        file: Option<&std::fs::File>,
        ranges: impl Iterator<Item = &'a std::ops::Range<u64>>,
    ) -> Self {
        let (start, end) = ranges.fold((u64::MAX, 0), |(start, end), r| {
            (start.min(r.start), end.max(r.end))
        });
        let start = start.min(end);
        let bytes = file
            .and_then(|file| read_at(file, start..end).ok())
            .unwrap_or_default();
        Self { start, bytes }
    }

    pub(super) fn get(&self, range: &std::ops::Range<u64>) -> Option<&[u8]> {
        let at = |n: u64| usize::try_from(n.checked_sub(self.start)?).ok();
        self.bytes.get(at(range.start)?..at(range.end)?)
    }
}

/// An entry as `Cached::into_owned` gives it: its file's size and time, its
/// fingerprint, payload and body.
pub(super) type Owned = (Seen, u64, Vec<u8>, Vec<u8>);

/// An entry to `write`: the path of the file it stands for, that file's
/// size and time, its fingerprint, its payload and its body.
pub(super) type NewEntry<'a> = (
    PathBuf,
    Seen,
    u64,
    std::borrow::Cow<'a, [u8]>,
    std::borrow::Cow<'a, [u8]>,
);

/// `range` of `file`, read at its place (the handle's position is not used:
/// other readers share it).
pub(super) fn read_at(
    file: &std::fs::File,
    range: std::ops::Range<u64>,
) -> std::io::Result<Vec<u8>> {
    let len = usize::try_from(range.end.saturating_sub(range.start))
        .map_err(|_| std::io::Error::other("a range out of reach"))?;
    let mut bytes = vec![0; len];
    #[cfg(unix)]
    std::os::unix::fs::FileExt::read_exact_at(file, &mut bytes, range.start)?;
    #[cfg(windows)]
    {
        let mut done = 0;
        while done < len {
            let n = std::os::windows::fs::FileExt::seek_read(
                file,
                &mut bytes[done..],
                range.start + done as u64,
            )?;
            if n == 0 {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
            done += n;
        }
    }
    #[cfg(not(any(unix, windows)))]
    {
        use std::io::{Read as _, Seek as _};
        let mut file = file;
        file.seek(std::io::SeekFrom::Start(range.start))?;
        file.read_exact(&mut bytes)?;
    }
    Ok(bytes)
}

/// The entries of one cache file, its bodies left unread; `Err` says why
/// the cache file is unusable (`Ok` empty: there is none).
pub(super) fn read(path: &Path) -> Result<Cached, String> {
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Cached::default()),
        Err(e) => return Err(e.to_string()),
    };
    let size = file.metadata().map_err(|e| e.to_string())?.len();
    let lead = (MAGIC.len() + 8) as u64;
    let Ok(start) = read_at(&file, 0..lead.min(size)) else {
        return Err("cut short".to_owned());
    };
    if !start.starts_with(MAGIC) {
        // Another Warraq's, of an earlier layout: quietly made again.
        return if start.starts_with(ANY_MAGIC) {
            Ok(Cached::default())
        } else {
            Err("not a Warraq cache".to_owned())
        };
    }
    let mut r = Reader {
        bytes: &start,
        at: MAGIC.len(),
    };
    let heads = r.u64()?;
    if heads < lead || heads > size {
        return Err("cut short".to_owned());
    }
    let bytes = read_at(&file, 0..heads).map_err(|e| e.to_string())?;
    let mut r = Reader {
        bytes: &bytes,
        at: start.len(),
    };
    if r.string()? != STAMP {
        // Another Warraq's: quietly made again.
        return Ok(Cached::default());
    }
    let count = r.u64()?;
    let mut entries = HashMap::new();
    let mut body_at = heads;
    for _ in 0..count {
        let rel = PathBuf::from(r.string()?);
        let len = r.u64()?;
        let secs = r.u64()?;
        let nanos = u32::try_from(r.u64()?).map_err(|_| "a time out of range".to_owned())?;
        let fingerprint = r.u64()?;
        let size_of_payload = r.usize()?;
        let body_len = r.u64()?;
        let start = r.at;
        r.take(size_of_payload)?;
        let body = body_at..body_at.saturating_add(body_len);
        if body.end > size {
            return Err("cut short".to_owned());
        }
        body_at = body.end;
        let modified = SystemTime::UNIX_EPOCH + Duration::new(secs, nanos);
        entries.insert(
            rel,
            Entry {
                seen: Seen { len, modified },
                fingerprint,
                payload: start..start + size_of_payload,
                body,
            },
        );
    }
    Ok(Cached {
        bytes,
        entries,
        file: Some(file),
    })
}

/// The file that says the files as they are now were checked together
/// (ids unique across files, every reference found) by this Warraq.
pub(super) fn checked_file(root: &Path) -> PathBuf {
    root.join(FOLDER).join("checked")
}

/// Names the state of every file of a folder as `state` saw them (the
/// articles in the index's `order`) and this Warraq, for `checked_file`.
pub(super) fn signature<'a>(
    state: &super::FolderState,
    order: impl Iterator<Item = &'a crate::model::ArticleId>,
) -> [u8; 8] {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    (STAMP, &state.project_digest).hash(&mut hasher);
    let seen = |w: Option<&super::Written>| w.and_then(|w| w.seen).map(|s| (s.len, s.modified));
    for id in order {
        (id.as_str(), seen(state.articles.get(id))).hash(&mut hasher);
    }
    let shards: std::collections::BTreeMap<_, _> = state.shards.iter().collect();
    for (shard, written) in shards {
        (shard.as_str(), seen(Some(written))).hash(&mut hasher);
    }
    hasher.finish().to_le_bytes()
}

/// Where `write` put an entry: its payload's first byte, and its body's.
#[derive(Debug, Clone, Copy)]
pub(super) struct Placed {
    pub(super) payload: usize,
    pub(super) body: u64,
}

/// Writes a cache file whole (a reader never sees half of one): the
/// entries, then their bodies in the same order. Not synced: a cache lost
/// in a crash is only made again.
pub(super) fn write(path: &Path, entries: &[NewEntry<'_>]) -> std::io::Result<Vec<Placed>> {
    let mut placed = Vec::with_capacity(entries.len());
    let mut w = Writer(Vec::with_capacity(
        entries.iter().map(|e| e.3.len() + 80).sum::<usize>() + 80,
    ));
    w.0.extend_from_slice(MAGIC);
    // Where the bodies begin, known once every entry is written.
    w.u64(0);
    w.string(STAMP);
    w.u64(entries.len() as u64);
    let mut body_at = 0u64;
    for (rel, seen, fingerprint, payload, body) in entries {
        w.string(&rel.to_string_lossy());
        w.u64(seen.len);
        let since = seen
            .modified
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap_or_default();
        w.u64(since.as_secs());
        w.u64(u64::from(since.subsec_nanos()));
        w.u64(*fingerprint);
        w.u64(payload.len() as u64);
        w.u64(body.len() as u64);
        placed.push(Placed {
            payload: w.0.len(),
            body: body_at,
        });
        w.0.extend_from_slice(payload);
        body_at += body.len() as u64;
    }
    let heads = w.0.len() as u64;
    w.0[MAGIC.len()..MAGIC.len() + 8].copy_from_slice(&heads.to_le_bytes());
    for p in &mut placed {
        p.body += heads;
    }
    let mut parts: Vec<&[u8]> = Vec::with_capacity(entries.len() + 1);
    parts.push(&w.0);
    parts.extend(entries.iter().map(|e| &*e.4));
    write_parts(path, &parts).map(|()| placed)
}

/// `bytes` to `path` by way of a temporary file renamed over it.
pub(super) fn write_whole(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_parts(path, &[bytes])
}

/// `parts`, one after the other, to `path` by way of a temporary file renamed over it.
fn write_parts(path: &Path, parts: &[&[u8]]) -> std::io::Result<()> {
    use std::io::Write as _;
    let folder = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder)?;
    let temp = tempfile::Builder::new()
        .prefix(".warraq-cache-")
        .tempfile_in(folder)?;
    let mut out = std::io::BufWriter::with_capacity(1 << 20, temp);
    for part in parts {
        out.write_all(part)?;
    }
    let temp = out
        .into_inner()
        .map_err(std::io::IntoInnerError::into_error)?;
    temp.persist(path).map(drop).map_err(|e| e.error)
}

/// An article file's contents in the cache's form, all but its body (which
/// `write` puts after every entry), and where its highlights start in them.
pub(super) fn encode_article(
    article: &Article,
    highlights: &[(u64, &Highlight)],
) -> (Vec<u8>, usize) {
    let mut w = Writer(Vec::with_capacity(256 * highlights.len() + 512));
    // Every field named, so that a new one cannot be forgotten here.
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
        body: _,
    } = article;
    for text in [
        id.as_str(),
        title,
        outlet,
        url,
        language,
        body_hash,
        notes,
        author,
        section,
        genre,
    ] {
        w.string(text);
    }
    w.date(*published);
    w.u64(variables.len() as u64);
    for (name, value) in variables {
        w.string(name);
        w.string(value);
    }
    w.stamp(changed.as_ref());
    let highlights_at = w.0.len();
    w.u64(highlights.len() as u64);
    for (at, h) in highlights {
        let Highlight {
            id,
            article,
            span,
            quote,
            tag,
            speech,
            note,
            changed,
        } = h;
        w.u64(*at);
        w.string(id.as_str());
        w.string(article.as_str());
        w.u64(span.start as u64);
        w.u64(span.end as u64);
        w.string(quote);
        match tag {
            Tag::Actor(actor) => {
                w.0.push(0);
                w.string(actor.as_str());
            }
            Tag::Claim(claim) => {
                w.0.push(1);
                w.string(claim.as_str());
            }
            Tag::Evidence => w.0.push(2),
        }
        w.0.push(match speech {
            None => 0,
            Some(Speech::Quote) => 1,
            Some(Speech::Paraphrase) => 2,
        });
        w.string(note);
        w.stamp(changed.as_ref());
    }
    (w.0, highlights_at)
}

/// Where an article's body lies in a cache file, for it to be read there
/// when it is first needed rather than now (see `lazy_body`).
pub(super) struct BodyPlace {
    pub(super) cache: Arc<PathBuf>,
    /// The body's bytes in the cache file.
    pub(super) body: std::ops::Range<u64>,
    pub(super) root: Arc<PathBuf>,
}

impl BodyPlace {
    /// The body of article `id`, read when first needed and checked against `hash`.
    pub(super) fn body(&self, id: &ArticleId, hash: &str) -> Body {
        let len = usize::try_from(self.body.end.saturating_sub(self.body.start)).unwrap_or(0);
        Body::stored(
            len,
            Arc::new(super::lazy_body::FromCache {
                cache: self.cache.clone(),
                at: self.body.start,
                len,
                root: self.root.clone(),
                id: id.clone(),
                hash: hash.to_owned(),
            }),
        )
    }
}

/// An article (given its body) and its highlights from an entry's payload.
#[cfg(test)]
pub(super) fn decode_article(
    bytes: &[u8],
    body: &str,
) -> Result<(Article, Vec<AtHighlight<Highlight>>), String> {
    let mut r = Reader { bytes, at: 0 };
    let article = read_head(&mut r, |_, _| Body::from(body.to_owned()))?;
    let section = r.at;
    let highlights = decode_highlights(&bytes[section..])?;
    Ok((article, highlights))
}

/// An article's metadata from an entry's payload, its body left where it
/// lies (`place`), and where the highlights start in the payload.
pub(super) fn decode_head(bytes: &[u8], place: &BodyPlace) -> Result<(Article, usize), String> {
    let mut r = Reader { bytes, at: 0 };
    let article = read_head(&mut r, |id, hash| place.body(id, hash))?;
    Ok((article, r.at))
}

/// The places of the highlights of an article (from `decode_head`'s
/// offset on), without making them: the order of the project's list is
/// worked out before any highlight is, so each is made once, in its place.
pub(super) fn highlight_places(bytes: &[u8]) -> Result<Vec<u64>, String> {
    let mut r = Reader { bytes, at: 0 };
    let count = r.u64()?;
    let mut places = Vec::with_capacity(usize::try_from(count).unwrap_or(0).min(1 << 20));
    for _ in 0..count {
        places.push(r.u64()?);
        r.skip()?;
        r.skip()?;
        r.u64()?;
        r.u64()?;
        r.skip()?;
        if r.byte()? < 2 {
            r.skip()?;
        }
        r.byte()?;
        r.skip()?;
        if r.byte()? != 0 {
            r.skip()?;
            r.skip()?;
        }
    }
    Ok(places)
}

/// The highlights of an article, from `decode_head`'s offset on.
#[cfg(test)]
pub(super) fn decode_highlights(bytes: &[u8]) -> Result<Vec<AtHighlight<Highlight>>, String> {
    let mut highlights = Vec::new();
    decode_highlights_with(bytes, |at, highlight| {
        highlights.push(AtHighlight { at, highlight });
    })?;
    Ok(highlights)
}

/// The highlights of an article, from `decode_head`'s offset on, each handed
/// to `each` with its place as it is made (into a list of the caller's: a
/// million are not made into one list to be moved into another).
pub(super) fn decode_highlights_with(
    bytes: &[u8],
    mut each: impl FnMut(u64, Highlight),
) -> Result<(), String> {
    let mut r = Reader { bytes, at: 0 };
    let count = r.u64()?;
    for _ in 0..count {
        let at = r.u64()?;
        let id = HighlightId(r.id()?);
        let article = ArticleId(r.id()?);
        let span = Span::new(r.usize()?, r.usize()?);
        let quote = r.string()?;
        let tag = match r.byte()? {
            0 => Tag::Actor(ActorId(r.id()?)),
            1 => Tag::Claim(ClaimId(r.id()?)),
            2 => Tag::Evidence,
            _ => return Err("an unknown tag".to_owned()),
        };
        let speech = match r.byte()? {
            0 => None,
            1 => Some(Speech::Quote),
            2 => Some(Speech::Paraphrase),
            _ => return Err("an unknown speech".to_owned()),
        };
        let note = r.string()?;
        let changed = r.stamp()?;
        each(
            at,
            Highlight {
                id,
                article,
                span,
                quote,
                tag,
                speech,
                note,
                changed,
            },
        );
    }
    Ok(())
}

/// An article's metadata, its body made by `body` from its id and hash.
fn read_head(
    r: &mut Reader<'_>,
    body: impl FnOnce(&ArticleId, &str) -> Body,
) -> Result<Article, String> {
    let mut text = || r.string();
    let (id, title, outlet, url, language, body_hash, notes, author, section, genre) = (
        text()?,
        text()?,
        text()?,
        text()?,
        text()?,
        text()?,
        text()?,
        text()?,
        text()?,
        text()?,
    );
    let id = ArticleId(id.into());
    let body = body(&id, &body_hash);
    let published = r.date()?;
    let mut variables = std::collections::BTreeMap::new();
    for _ in 0..r.u64()? {
        variables.insert(r.string()?, r.string()?);
    }
    let changed = r.stamp()?;
    let article = Article {
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
    };
    Ok(article)
}

/// A relation shard's contents in the cache's form.
pub(super) fn encode_relations(relations: &[(u64, &Relation)]) -> Vec<u8> {
    let mut w = Writer(Vec::new());
    w.u64(relations.len() as u64);
    for (at, relation) in relations {
        let Relation {
            id,
            source,
            kind,
            target,
            date,
            sources,
            note,
            changed,
        } = relation;
        w.u64(*at);
        w.string(id.as_str());
        w.string(source.as_str());
        w.string(kind.as_str());
        w.string(target.as_str());
        w.date(*date);
        w.u64(sources.len() as u64);
        for s in sources {
            w.string(s.article.as_str());
            match &s.evidence {
                Some(h) => {
                    w.0.push(1);
                    w.string(h.as_str());
                }
                None => w.0.push(0),
            }
        }
        w.string(note);
        w.stamp(changed.as_ref());
    }
    w.0
}

pub(super) fn decode_relations(bytes: &[u8]) -> Result<Vec<AtRelation<Relation>>, String> {
    let mut r = Reader { bytes, at: 0 };
    let count = r.u64()?;
    let mut relations = Vec::new();
    for _ in 0..count {
        let at = r.u64()?;
        let id = RelationId(r.id()?);
        let source = ActorId(r.id()?);
        let kind = RelationTypeId(r.id()?);
        let target = ActorId(r.id()?);
        let date = r.date()?;
        let mut sources = Vec::new();
        for _ in 0..r.u64()? {
            let article = ArticleId(r.id()?);
            let evidence = match r.byte()? {
                0 => None,
                _ => Some(HighlightId(r.id()?)),
            };
            sources.push(Source::new(article, evidence));
        }
        let note = r.string()?;
        let changed = r.stamp()?;
        relations.push(AtRelation {
            at,
            relation: Relation {
                id,
                source,
                kind,
                target,
                date,
                sources,
                note,
                changed,
            },
        });
    }
    Ok(relations)
}

struct Writer(Vec<u8>);

impl Writer {
    fn u64(&mut self, n: u64) {
        self.0.extend_from_slice(&n.to_le_bytes());
    }

    fn string(&mut self, text: &str) {
        self.u64(text.len() as u64);
        self.0.extend_from_slice(text.as_bytes());
    }

    fn date(&mut self, date: Option<Date>) {
        self.string(&date.map(|d| d.to_string()).unwrap_or_default());
    }

    fn stamp(&mut self, stamp: Option<&Stamp>) {
        match stamp {
            Some(stamp) => {
                self.0.push(1);
                self.string(&stamp.by);
                self.string(&stamp.at);
            }
            None => self.0.push(0),
        }
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&end| end <= self.bytes.len())
            .ok_or_else(|| "cut short".to_owned())?;
        let taken = &self.bytes[self.at..end];
        self.at = end;
        Ok(taken)
    }

    fn byte(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?[0])
    }

    fn u64(&mut self) -> Result<u64, String> {
        let bytes: [u8; 8] = self
            .take(8)?
            .try_into()
            .map_err(|_| "cut short".to_owned())?;
        Ok(u64::from_le_bytes(bytes))
    }

    fn usize(&mut self) -> Result<usize, String> {
        usize::try_from(self.u64()?).map_err(|_| "a number out of range".to_owned())
    }

    /// Past a text, unread.
    fn skip(&mut self) -> Result<(), String> {
        let len = self.usize()?;
        self.take(len).map(drop)
    }

    /// A text as written: its length, then its bytes.
    fn text(&mut self) -> Result<&'a str, String> {
        let len = self.usize()?;
        let bytes = self.take(len)?;
        std::str::from_utf8(bytes).map_err(|_| "text that is not UTF-8".to_owned())
    }

    fn string(&mut self) -> Result<String, String> {
        self.text().map(str::to_owned)
    }

    /// An id or a stamp's field, inline when short: no allocation for a generated id.
    fn id(&mut self) -> Result<compact_str::CompactString, String> {
        self.text().map(compact_str::CompactString::from)
    }

    fn date(&mut self) -> Result<Option<Date>, String> {
        let text = self.string()?;
        if text.is_empty() {
            return Ok(None);
        }
        text.parse()
            .map(Some)
            .map_err(|_| format!("a bad date `{text}`"))
    }

    fn stamp(&mut self) -> Result<Option<Stamp>, String> {
        match self.byte()? {
            0 => Ok(None),
            _ => Ok(Some(Stamp::new(self.id()?, self.id()?))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_article_and_its_highlights_come_back_as_they_went_in() {
        let project = crate::test_support::sample();
        for article in &project.articles {
            let highlights: Vec<(u64, &Highlight)> = project
                .highlights
                .iter()
                .filter(|h| h.article == article.id)
                .enumerate()
                .map(|(i, h)| (i as u64 * 3, h))
                .collect();
            let (payload, at) = encode_article(article, &highlights);
            let (back, placed) = decode_article(&payload, &article.body).unwrap();
            assert_eq!(&back, article);
            assert_eq!(placed.len(), highlights.len());
            for (p, (at, h)) in placed.iter().zip(&highlights) {
                assert_eq!((p.at, &p.highlight), (*at, *h));
            }
            assert_eq!(
                decode_highlights(&payload[at..]).unwrap().len(),
                highlights.len()
            );
            // The body is not in the payload: it is written after every entry.
            assert!(
                !payload
                    .windows(article.body.len().min(40))
                    .any(|w| w == &article.body.as_bytes()[..article.body.len().min(40)])
            );
        }
        let relations: Vec<(u64, &Relation)> = project.relations.iter().map(|r| (7, r)).collect();
        let back = decode_relations(&encode_relations(&relations)).unwrap();
        assert!(
            back.iter()
                .zip(&relations)
                .all(|(b, (at, r))| b.at == *at && &b.relation == *r)
        );
        assert!(decode_article(&encode_article(&project.articles[0], &[]).0[..40], "").is_err());
    }

    #[test]
    fn a_cache_file_reads_its_entries_without_its_bodies_and_finds_each_body_at_its_place() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("articles-00.bin");
        let project = crate::test_support::sample();
        let seen = Seen {
            len: 7,
            modified: SystemTime::UNIX_EPOCH + Duration::new(1_700_000_000, 5),
        };
        let entries: Vec<NewEntry<'_>> = project
            .articles
            .iter()
            .enumerate()
            .map(|(n, article)| {
                (
                    PathBuf::from(format!("articles/00/{n}.ron")),
                    seen,
                    n as u64,
                    encode_article(article, &[]).0.into(),
                    article.body.as_bytes().into(),
                )
            })
            .collect();
        let placed = write(&path, &entries).unwrap();
        let whole = std::fs::read(&path).unwrap();
        let cached = read(&path).unwrap();
        let heads = u64::from_le_bytes(whole[MAGIC.len()..MAGIC.len() + 8].try_into().unwrap());
        let bodies: usize = project.articles.iter().map(|a| a.body.len()).sum();
        assert_eq!(usize::try_from(heads).unwrap() + bodies, whole.len());
        assert_eq!(cached.bytes.len() as u64, heads, "the bodies are not read");
        for ((rel, _, fingerprint, payload, body), placed) in entries.iter().zip(&placed) {
            let entry = &cached.entries[rel];
            assert_eq!((entry.seen, entry.fingerprint), (seen, *fingerprint));
            assert_eq!(cached.payload(entry), &**payload);
            assert_eq!(entry.payload.start, placed.payload);
            assert_eq!(entry.body.start, placed.body);
            let file = std::fs::File::open(&path).unwrap();
            assert_eq!(read_at(&file, entry.body.clone()).unwrap(), &**body);
        }
        let owned = read(&path).unwrap().into_owned();
        for (rel, _, _, payload, body) in &entries {
            assert_eq!(
                (&owned[rel].2, &owned[rel].3),
                (&payload.to_vec(), &body.to_vec())
            );
        }
        // A cache of an earlier layout is made again quietly; a stranger is named.
        std::fs::write(&path, b"warraq-cache\n\x05\0\0\0\0\0\0\x000.1.0").unwrap();
        assert!(read(&path).unwrap().entries.is_empty());
        std::fs::write(&path, b"something else altogether").unwrap();
        assert!(read(&path).is_err());
        // Cut short, anywhere: named, never a panic.
        for cut in [3, MAGIC.len() + 4, MAGIC.len() + 20, whole.len() - 1] {
            std::fs::write(&path, &whole[..cut]).unwrap();
            assert!(read(&path).is_err(), "cut at {cut}");
        }
    }
}
