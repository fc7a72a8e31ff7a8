//! Opening a project folder: the project file, every article file (on all
//! cores), the relation shards; what cannot be read is named and left as it is.

use super::files::{
    ARTICLE_FORMAT, ArticleFileIn, AtHighlight, AtRelation, FOLDER, ProjectFileIn,
    RELATIONS_FORMAT, RelationsFileIn,
};
use super::{FOLDER_NEWEST, FOLDER_VERSION, FolderState, Seen, Written, cache, journal, paths};
use crate::model::{
    Article, ArticleId, Highlight, HighlightId, Project, Relation, Span, Tag, ValidationError, text,
};
use crate::store::error::LoadError;
use crate::store::format;
use crate::store::{FileStamp, Loaded};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One article file, read and checked.
pub(super) struct ArticleRead {
    pub(super) article: Article,
    highlights: Found,
    fingerprint: u64,
    seen: Option<Seen>,
    warnings: Vec<String>,
}

/// Shows a sub-folder's reads as they are parsed (the window's preview).
type ShowReads<'a> = dyn Fn(&[Result<ArticleRead, String>]) + 'a;

/// An article's highlights as the first pass over the files leaves them.
enum Found {
    /// Parsed from the article file (its cache entry was missing or stale).
    Made(Vec<AtHighlight<Highlight>>),
    /// Still in its sub-folder's cache file (`section`: from where to where),
    /// with their places in the project's list, in order: they are made in
    /// the second pass, each straight into its place.
    InCache {
        file: Arc<std::fs::File>,
        section: std::ops::Range<usize>,
        places: Vec<u64>,
    },
}

impl Found {
    /// The places, taken out (the second pass is given them back sorted).
    fn take_places(&mut self) -> Vec<u64> {
        match self {
            Self::Made(highlights) => highlights.iter().map(|h| h.at).collect(),
            Self::InCache { places, .. } => std::mem::take(places),
        }
    }
}

/// Opens the project whose project file is `path` (a folder layout's, as its header says).
pub fn load(
    path: &Path,
    progress: &crate::store::Progress,
    keep_cache: bool,
) -> Result<Loaded, LoadError> {
    let io = |path: &Path| {
        let path = path.to_owned();
        move |error| LoadError::Io { path, error }
    };
    let root = super::root_of(path);
    // A save killed after its commit point is finished before anything is read.
    journal::roll_forward(&root).map_err(io(&root.join(journal::JOURNAL)))?;
    let bytes = std::fs::read(path).map_err(io(path))?;
    let stamp_digest = FileStamp::of_bytes(&bytes);
    let mut warnings = Vec::new();
    let source = format::decode(path, &bytes, &mut warnings)?;
    let head = format::peek(path, &source)?;
    if head.format.as_deref() != Some(crate::store::FORMAT_NAME) {
        return Err(LoadError::WrongFormat {
            path: path.to_owned(),
            expected: crate::store::FORMAT_NAME,
            found: head
                .format
                .map_or_else(|| "no `format` field".to_owned(), |f| format!("`{f}`")),
        });
    }
    check_version(path, head.version, head.layout.as_deref())?;
    let file: ProjectFileIn = format::parse(path, &source)?;

    let ids = file.articles;
    let mut seen_ids = HashSet::new();
    for id in &ids {
        if !seen_ids.insert(id) {
            return Err(LoadError::Invalid {
                path: path.to_owned(),
                errors: vec![ValidationError::DuplicateId {
                    kind: "article",
                    id: id.to_string(),
                }],
            });
        }
    }
    progress
        .total
        .store(ids.len(), std::sync::atomic::Ordering::Relaxed);
    let codebook = &file.project;
    let preview = |articles: Vec<Article>, highlights: Vec<Highlight>| {
        codebook
            .clone()
            .into_project(articles, highlights, Vec::new())
    };
    let (results, cache_messages) = read_articles(&root, &ids, progress, keep_cache, &preview);
    warnings.extend(cache_messages);

    let mut state = FolderState {
        project_digest: stamp_digest.digest,
        ..FolderState::default()
    };
    let (articles, highlights) = assemble(&root, &ids, results, &mut state, &mut warnings)?;
    let relations = read_relations(&root, &mut state, &mut warnings, keep_cache)?;
    warnings.extend(strays(&root, &ids));

    let mut project = file.project.into_project(articles, highlights, relations);
    let changed = project.line_breaks_to_lf();
    if changed > 0 {
        warnings.push(format!(
            "{changed} text field{} had Windows or old Mac line breaks (CR); they were read as LF and will be saved as LF",
            if changed == 1 { "" } else { "s" }
        ));
    }
    // Files already checked together, unchanged since, need no second look.
    let signature = cache::signature(&state, ids.iter());
    let checked_file = cache::checked_file(&root);
    let checked = state.unreadable.is_empty()
        && std::fs::read(&checked_file).is_ok_and(|known| known == signature);
    if !checked {
        // Bodies and spans were checked file by file as they were read.
        let errors =
            excuse_unreadable(project.validate_articles(&HashSet::new()), &project, &state);
        if !errors.is_empty() {
            return Err(LoadError::Invalid {
                path: path.to_owned(),
                errors,
            });
        }
        if keep_cache && state.unreadable.is_empty() {
            let _ = cache::write_whole(&checked_file, &signature);
        }
    }
    if !state.unreadable.is_empty() {
        warnings.push(format!(
            "{} article file{} could not be read (above); the rest of the project is open, and {} left as {} on disk and kept in the project's index when it is saved",
            state.unreadable.len(),
            if state.unreadable.len() == 1 { "" } else { "s" },
            if state.unreadable.len() == 1 { "it is" } else { "they are" },
            if state.unreadable.len() == 1 { "it is" } else { "they are" },
        ));
    }
    Ok(Loaded {
        project,
        stamp: FileStamp {
            folder: Some(Arc::new(state)),
            ..stamp_digest
        },
        warnings,
    })
}

/// The articles read, in index order, and their highlights in the order of
/// the project's list; what could not be read is noted in `state`.
///
/// The order of the list is worked out from the places alone; then the
/// highlights still in the cache are made on every core and each is moved
/// once into its place. Made per article and gathered after, a million of
/// them stood twice in memory while the list was put together, and the
/// reading threads kept the first copy's 220 MB after it was freed.
fn assemble(
    root: &Path,
    ids: &[ArticleId],
    results: Vec<Result<ArticleRead, String>>,
    state: &mut FolderState,
    warnings: &mut Vec<String>,
) -> Result<(Vec<Article>, Vec<Highlight>), LoadError> {
    let mut articles = Vec::with_capacity(ids.len());
    // Per article read: its places in order, and its highlights.
    let mut found: Vec<(Vec<u64>, Found)> = Vec::with_capacity(ids.len());
    for (index, (id, result)) in ids.iter().zip(results).enumerate() {
        match result {
            Ok(read) => {
                warnings.extend(read.warnings);
                state.articles.insert(
                    id.clone(),
                    Written {
                        fingerprint: read.fingerprint,
                        seen: read.seen,
                    },
                );
                let mut highlights = read.highlights;
                let mut places = highlights.take_places();
                // Warraq writes a file's highlights in order; a hand-edited one is put in order.
                places.sort_unstable();
                found.push((places, highlights));
                articles.push(read.article);
            }
            Err(message) => {
                warnings.push(message);
                state.unreadable.push((index, id.clone()));
            }
        }
    }
    let count: usize = found.iter().map(|(places, _)| places.len()).sum();
    // Where the `n`th highlight of article `a` goes: `first[a] + n` when the
    // list runs article by article (as after an import, or coding one
    // article after another), else `rank[first[a] + n]`.
    let mut first = Vec::with_capacity(found.len());
    let mut total = 0usize;
    for (places, _) in &found {
        first.push(total);
        total += places.len();
    }
    let in_article_order = found
        .iter()
        .flat_map(|(places, _)| places)
        .is_sorted_by(|a, b| a < b);
    let rank = (!in_article_order)
        .then(|| dense_rank(&found, count).unwrap_or_else(|| sorted_rank(&found, &first, count)));
    let mut highlight_at = Vec::with_capacity(count);
    // Filled in place; a placeholder costs no allocation and is dropped unseen.
    let placeholder = Highlight {
        id: HighlightId::new(""),
        article: ArticleId::new(""),
        span: Span::new(0, 0),
        quote: String::new(),
        tag: Tag::Evidence,
        speech: None,
        note: String::new(),
        changed: None,
    };
    // Filled on every core: a million highlights are 200 MB of fresh pages
    // (1 GB at 100,000 articles, 0.6 s on one core).
    let mut slots: Vec<Highlight> = Vec::with_capacity(count);
    {
        use rayon::iter::ParallelExtend as _;
        slots.par_extend(rayon::iter::repeat_n(placeholder, count));
    }
    let mut filled = 0usize;
    let mut place = |article: usize, n: usize, at: u64, key: u64, highlight: Highlight| {
        let at_place = first[article] + n;
        let r = match &rank {
            Some(rank) => rank.get(at_place).map(|&r| r as usize),
            None => Some(at_place),
        };
        if let Some(slot) = r.and_then(|r| slots.get_mut(r)) {
            *slot = highlight;
            filled += 1;
            highlight_at.push((key, at));
        }
    };
    let mut in_cache = Vec::new();
    for (article, (places, highlights)) in found.into_iter().enumerate() {
        match highlights {
            Found::Made(mut made) => {
                made.sort_by_key(|h| h.at);
                for (n, h) in made.into_iter().enumerate() {
                    let key = super::id_key(h.highlight.id.as_str());
                    place(article, n, h.at, key, h.highlight);
                }
            }
            Found::InCache { file, section, .. } => {
                in_cache.push((article, file, section, places));
            }
        }
    }
    let mut failed = None;
    make_in_cache(root, &articles, in_cache, |made| match made {
        Ok(MadeGroup { articles, made }) => {
            let mut made = made.drain(..);
            for &(article, count) in &*articles {
                for (n, (at, key, h)) in made.by_ref().take(count).enumerate() {
                    place(article, n, at, key, h);
                }
            }
        }
        Err(e) => failed = failed.take().or(Some(e)),
    });
    if let Some(e) = failed {
        return Err(e);
    }
    // Every slot is filled: each place was counted from a highlight that was then made.
    if filled != count {
        return Err(LoadError::Io {
            path: root.join(cache::FOLDER),
            error: std::io::Error::other(
                "the project's files changed while they were read; open it again",
            ),
        });
    }
    state.highlight_at = highlight_at.into();
    Ok((articles, slots))
}

/// The ranks of highlights placed as a save places them, each at its own
/// place in a list of `count` (0 to `count - 1`, each once): the place is
/// the rank, with no sort of millions of keys. `None` for any other places
/// (a file edited by hand, an article left out).
fn dense_rank(found: &[(Vec<u64>, Found)], count: usize) -> Option<Vec<u32>> {
    let mut taken = vec![false; count];
    let mut rank = Vec::with_capacity(count);
    for (places, _) in found {
        for &at in places {
            let at = usize::try_from(at).ok().filter(|&at| at < count)?;
            if std::mem::replace(&mut taken[at], true) {
                return None;
            }
            rank.push(u32::try_from(at).ok()?);
        }
    }
    Some(rank)
}

/// The ranks of highlights at any places: (place, article's place, place in
/// its file), sorted, is the list's order across files.
fn sorted_rank(found: &[(Vec<u64>, Found)], first: &[usize], count: usize) -> Vec<u32> {
    let mut keys: Vec<(u64, u32, u32)> = Vec::with_capacity(count);
    for (article, (places, _)) in found.iter().enumerate() {
        let article = u32::try_from(article).unwrap_or(u32::MAX);
        keys.extend(
            places
                .iter()
                .enumerate()
                .map(|(n, &at)| (at, article, u32::try_from(n).unwrap_or(u32::MAX))),
        );
    }
    keys.sort_unstable();
    let mut rank = vec![0u32; count];
    for (r, &(_, article, n)) in keys.iter().enumerate() {
        rank[first[article as usize] + n as usize] = u32::try_from(r).unwrap_or(u32::MAX);
    }
    rank
}

/// The highlights of a cache file's articles, made: each article's place
/// and how many it has, in the order of `made`, which holds them all, each
/// with its place in the list and its id's key. One list a cache file, not
/// one an article: 100,000 lists made on the reading threads and freed on
/// this one cost as much again in the allocator.
struct MadeGroup {
    articles: Vec<(usize, usize)>,
    made: Vec<(u64, u64, Highlight)>,
}

/// An article's highlights left in a cache file: the article's place, the
/// file, where they lie in it, and their places in the project's list.
type InCacheJob = (usize, Arc<std::fs::File>, std::ops::Range<usize>, Vec<u64>);

/// The second pass: the highlights left in the cache files, made on every
/// core, a cache file at a time (its entries read once more, through the
/// handle the first pass opened). Each article's come in the order of
/// `places`; an article whose cache entry no longer reads as it did is read
/// from its own file, and must hold what the first pass found.
/// Each file's are handed to `place` on this thread as soon as they are
/// made, so only a few sub-folders' worth stand outside the list at once.
fn make_in_cache(
    root: &Path,
    articles: &[Article],
    mut jobs: Vec<InCacheJob>,
    mut place: impl FnMut(Result<&mut MadeGroup, LoadError>),
) {
    // One group per cache file.
    jobs.sort_by_key(|(article, file, _, _)| (Arc::as_ptr(file), *article));
    let mut groups: Vec<Vec<InCacheJob>> = Vec::new();
    for job in jobs {
        match groups.last_mut() {
            Some(group)
                if group
                    .last()
                    .is_some_and(|last| Arc::ptr_eq(&last.1, &job.1)) =>
            {
                group.push(job);
            }
            _ => groups.push(vec![job]),
        }
    }
    // One article's highlights onto the end of `made`, in order; how many.
    let make_one = |article: usize,
                    bytes: Option<&[u8]>,
                    places: &[u64],
                    made: &mut Vec<(u64, u64, Highlight)>| {
        let start = made.len();
        let decoded = bytes.is_some_and(|b| {
            cache::decode_highlights_with(b, |at, h| {
                made.push((at, super::id_key(h.id.as_str()), h));
            })
            .is_ok()
        });
        if !decoded {
            // Not as the first pass read it: the article's own file, which must agree.
            made.truncate(start);
            if let Ok(Found::Made(h)) =
                read_article(root, &articles[article].id).map(|r| r.highlights)
            {
                made.extend(
                    h.into_iter()
                        .map(|h| (h.at, super::id_key(h.highlight.id.as_str()), h.highlight)),
                );
            }
        }
        let mine = &mut made[start..];
        if !mine.is_sorted_by_key(|h| h.0) {
            mine.sort_by_key(|h| h.0);
        }
        if !mine.iter().map(|h| h.0).eq(places.iter().copied()) {
            let id = &articles[article].id;
            return Err(LoadError::Io {
                path: root.join(paths::article(id.as_str())),
                error: std::io::Error::other("changed while the project was read; open it again"),
            });
        }
        Ok(mine.len())
    };
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let (send, batches) = std::sync::mpsc::sync_channel(threads);
    // The lists `place` emptied, made again by the reading threads: a fresh
    // one a cache file was 1 GB of fresh pages at 100,000 articles.
    let emptied: std::sync::Mutex<Vec<Vec<(u64, u64, Highlight)>>> = std::sync::Mutex::default();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let send = send.clone();
            let (next, groups, make_one, emptied) = (&next, &groups, &make_one, &emptied);
            scope.spawn(move || {
                loop {
                    let n = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(group) = groups.get(n) else { break };
                    // The entries' part of the file, not the bodies after it.
                    let end = group.iter().map(|(_, _, section, _)| section.end).max();
                    let bytes = group.first().zip(end).and_then(|((_, file, _, _), end)| {
                        cache::read_at(file, 0..end as u64).ok()
                    });
                    let count = group.iter().map(|(_, _, _, places)| places.len()).sum();
                    let mut made = emptied
                        .lock()
                        .ok()
                        .and_then(|mut lists| lists.pop())
                        .unwrap_or_default();
                    made.reserve(count);
                    let articles: Result<Vec<_>, _> = group
                        .iter()
                        .map(|(article, _, section, places)| {
                            let bytes = bytes.as_ref().and_then(|b| b.get(section.clone()));
                            make_one(*article, bytes, places, &mut made).map(|n| (*article, n))
                        })
                        .collect();
                    let batch = articles.map(|articles| MadeGroup { articles, made });
                    if send.send(batch).is_err() {
                        break;
                    }
                }
            });
        }
        drop(send);
        for batch in batches {
            match batch {
                Ok(mut group) => {
                    place(Ok(&mut group));
                    group.made.clear();
                    if let Ok(mut lists) = emptied.lock() {
                        lists.push(group.made);
                    }
                }
                Err(e) => place(Err(e)),
            }
        }
    });
}

fn check_version(path: &Path, version: Option<u32>, layout: Option<&str>) -> Result<(), LoadError> {
    match version {
        Some(v) if v > FOLDER_NEWEST => Err(LoadError::NewerVersion {
            path: path.to_owned(),
            found: v,
            supported: FOLDER_NEWEST,
        }),
        Some(FOLDER_VERSION..=FOLDER_NEWEST) if layout == Some(FOLDER) => Ok(()),
        _ => Err(LoadError::Syntax {
            path: path.to_owned(),
            line: 1,
            column: 1,
            message: format!(
                "a project kept as a folder says `version: {FOLDER_VERSION}, layout: \"{FOLDER}\"` at the top"
            ),
        }),
    }
}

/// Reads the article files on every core, in index order: a sub-folder at
/// a time, each file from the cache where it has not changed since (see
/// `cache`), else parsed and checked. With `keep_cache`, a sub-folder whose
/// cache missed is cached again. The messages are about cache files that
/// could not be read.
///
/// The first sub-folder read whole from its files (no cache: the open will
/// take seconds) is handed to `preview` to be shown meanwhile.
fn read_articles(
    root: &Path,
    ids: &[ArticleId],
    progress: &crate::store::Progress,
    keep_cache: bool,
    preview: &(dyn Fn(Vec<Article>, Vec<Highlight>) -> Project + Sync),
) -> (Vec<Result<ArticleRead, String>>, Vec<String>) {
    let mut buckets: std::collections::BTreeMap<String, Vec<usize>> =
        std::collections::BTreeMap::new();
    for (i, id) in ids.iter().enumerate() {
        buckets
            .entry(paths::bucket(id.as_str()))
            .or_default()
            .push(i);
    }
    let buckets: Vec<(String, Vec<usize>)> = buckets.into_iter().collect();
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let previewed = std::sync::atomic::AtomicBool::new(false);
    let mut results: Vec<Option<Result<ArticleRead, String>>> = ids.iter().map(|_| None).collect();
    let mut said = Vec::new();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    let mut said = Vec::new();
                    loop {
                        let n = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some((bucket, places)) = buckets.get(n) else {
                            break;
                        };
                        let show = |read: &[Result<ArticleRead, String>]| {
                            // From the cache the open is quick: no preview is needed.
                            if let Some((articles, highlights)) = first_part(read)
                                && let Ok(mut slot) = progress.preview.lock()
                            {
                                *slot = Some(preview(articles, highlights));
                            }
                        };
                        let first = buckets.len() > 1
                            && !previewed.swap(true, std::sync::atomic::Ordering::Relaxed);
                        let (read, message) = read_bucket(
                            root,
                            bucket,
                            places,
                            ids,
                            keep_cache,
                            first.then_some(&show as &ShowReads<'_>),
                        );
                        progress
                            .done
                            .fetch_add(places.len(), std::sync::atomic::Ordering::Relaxed);
                        done.extend(places.iter().copied().zip(read));
                        said.extend(message);
                    }
                    (done, said)
                })
            })
            .collect();
        for handle in handles {
            if let Ok((done, messages)) = handle.join() {
                for (place, read) in done {
                    results[place] = Some(read);
                }
                said.extend(messages);
            }
        }
    });
    let results = results
        .into_iter()
        .zip(ids)
        .map(|(read, id)| {
            // A thread that failed leaves its articles named, never taken for others.
            read.unwrap_or_else(|| {
                Err(format!(
                    "{}: reading it failed; the article is left out of this session and its file is not touched",
                    root.join(paths::article(id.as_str())).display()
                ))
            })
        })
        .collect();
    said.sort();
    (results, said)
}

/// A sub-folder's articles and their highlights (in the order of their
/// places), if every one was read from its file; `None` if any came from the
/// cache (the open is then quick) or could not be read.
fn first_part(reads: &[Result<ArticleRead, String>]) -> Option<(Vec<Article>, Vec<Highlight>)> {
    let mut articles = Vec::with_capacity(reads.len());
    let mut highlights = Vec::new();
    for read in reads {
        let read = read.as_ref().ok()?;
        let Found::Made(made) = &read.highlights else {
            return None;
        };
        articles.push(read.article.clone());
        highlights.extend(made.iter().map(|h| (h.at, h.highlight.clone())));
    }
    highlights.sort_by_key(|(at, _)| *at);
    Some((articles, highlights.into_iter().map(|(_, h)| h).collect()))
}

/// The articles of one sub-folder (`places` in `ids`), through its cache
/// file: a hit leaves its body and highlights there (see `Found`).
///
/// The reads are shown to `preview` as they are parsed. What was parsed is
/// then put in the cache and left there, bodies and highlights, as if it
/// had been found there: the copies made from the files are let go one
/// sub-folder at a time, so a cold open holds no more than a warm one.
fn read_bucket(
    root: &Path,
    bucket: &str,
    places: &[usize],
    ids: &[ArticleId],
    keep_cache: bool,
    preview: Option<&ShowReads<'_>>,
) -> (Vec<Result<ArticleRead, String>>, Option<String>) {
    let cache_file = cache::articles_file(root, bucket);
    let (mut cached, mut message) = match cache::read(&cache_file) {
        Ok(cached) => (cached, None),
        Err(why) => (
            cache::Cached::default(),
            Some(format!(
                "{}: the cache could not be read ({why}); the article files were read instead{}",
                cache_file.display(),
                if keep_cache {
                    " and the cache made again"
                } else {
                    ""
                }
            )),
        ),
    };
    let mut missed = cached.entries.is_empty() && !places.is_empty();
    let file = cached.take_file().map(Arc::new);
    // Bodies stay in the cache file until they are looked at.
    let cache_path = Arc::new(cache_file.clone());
    let root_path = Arc::new(root.to_owned());
    let mut reads = Vec::with_capacity(places.len());
    // Each read's payload and body in the cache as it is, for a cache made again.
    let mut payloads: Vec<Option<(std::ops::Range<usize>, std::ops::Range<u64>)>> =
        Vec::with_capacity(places.len());
    for &place in places {
        let id = &ids[place];
        let rel = paths::article(id.as_str());
        let seen = Seen::of(&root.join(&rel));
        let hit = cached
            .entries
            .get(&rel)
            .filter(|entry| seen == Some(entry.seen))
            .zip(file.as_ref())
            .and_then(|(entry, file)| {
                let body = cache::BodyPlace {
                    cache: cache_path.clone(),
                    body: entry.body.clone(),
                    root: root_path.clone(),
                };
                let payload = cached.payload(entry);
                let (article, at) = cache::decode_head(payload, &body).ok()?;
                let in_places = cache::highlight_places(payload.get(at..)?).ok()?;
                (article.id == *id).then(|| {
                    let read = ArticleRead {
                        article,
                        highlights: Found::InCache {
                            file: file.clone(),
                            section: entry.payload.start + at..entry.payload.end,
                            places: in_places,
                        },
                        fingerprint: entry.fingerprint,
                        seen,
                        warnings: Vec::new(),
                    };
                    (read, (entry.payload.clone(), entry.body.clone()))
                })
            });
        if let Some((read, payload)) = hit {
            reads.push(Ok(read));
            payloads.push(Some(payload));
        } else {
            missed = true;
            reads.push(read_article(root, id));
            payloads.push(None);
        }
    }
    if let Some(preview) = preview {
        preview(&reads);
    }
    if keep_cache && (missed || cached.entries.len() != places.len()) {
        // The bodies of the entries kept, read once from the cache file as it is.
        let old_bodies = cache::Bodies::read(
            file.as_deref(),
            payloads.iter().flatten().map(|(_, body)| body),
        );
        let mut written = Vec::new();
        let entries: Vec<cache::NewEntry<'_>> = reads
            .iter()
            .zip(&payloads)
            .enumerate()
            .filter_map(|(n, (read, payload))| Some((n, read.as_ref().ok()?, payload)))
            .filter_map(|(n, read, payload)| {
                // With where the highlights start, for those parsed here.
                let (bytes, body, highlights_at) = match (&read.highlights, payload) {
                    (_, Some((range, body))) => (
                        cached.payload_at(range.clone()).to_vec(),
                        old_bodies.get(body)?,
                        None,
                    ),
                    (Found::Made(highlights), None) => {
                        let at_places: Vec<(u64, &Highlight)> =
                            highlights.iter().map(|h| (h.at, &h.highlight)).collect();
                        let (bytes, at) = cache::encode_article(&read.article, &at_places);
                        (bytes, read.article.body.as_bytes(), Some(at))
                    }
                    (Found::InCache { .. }, None) => return None,
                };
                let entry = (
                    paths::article(read.article.id.as_str()),
                    read.seen?,
                    read.fingerprint,
                    bytes.into(),
                    body.into(),
                );
                written.push((n, highlights_at));
                Some(entry)
            })
            .collect();
        // The cache only saves time: a folder it cannot be written to is read in full next time.
        match cache::write(&cache_file, &entries) {
            Ok(put) => {
                let file = std::fs::File::open(&cache_file).ok().map(Arc::new);
                let ends: Vec<_> = entries.iter().map(|e| (e.3.len(), e.4.len())).collect();
                drop(entries);
                for (((n, highlights_at), placed), (payload_len, body_len)) in
                    written.into_iter().zip(put).zip(ends)
                {
                    if let Some(Ok(read)) = reads.get_mut(n) {
                        // Its highlights too, when they were parsed here.
                        if let (Found::Made(made), Some(file), Some(at)) =
                            (&read.highlights, &file, highlights_at)
                        {
                            read.highlights = Found::InCache {
                                file: file.clone(),
                                section: placed.payload + at..placed.payload + payload_len,
                                places: made.iter().map(|h| h.at).collect(),
                            };
                        }
                        let article = &mut read.article;
                        let place = cache::BodyPlace {
                            cache: cache_path.clone(),
                            body: placed.body..placed.body + body_len as u64,
                            root: root_path.clone(),
                        };
                        article.body = place.body(&article.id, &article.body_hash);
                    }
                }
            }
            Err(_) => message = None,
        }
    }
    (reads, message)
}

/// One article file, or the message that says why it is left out.
pub(super) fn read_article(root: &Path, id: &ArticleId) -> Result<ArticleRead, String> {
    let rel = paths::article(id.as_str());
    let path = root.join(&rel);
    let left_out = "the article is left out of this session and its file is not touched";
    let bytes = std::fs::read(&path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            format!(
                "{}: missing: the project lists article `{id}` but its file is not there (restore it, e.g. `git checkout -- {}`); {left_out}",
                path.display(),
                rel.display()
            )
        } else {
            format!("{}: cannot read the file: {e}; {left_out}", path.display())
        }
    })?;
    let seen = Seen::of(&path);
    let mut warnings = Vec::new();
    let said = |e: LoadError| format!("{e}; {left_out}");
    let source = format::decode(&path, &bytes, &mut warnings).map_err(said)?;
    let warnings = warnings
        .into_iter()
        .map(|w| format!("{}: {w}", path.display()))
        .collect();
    let file: ArticleFileIn = super::parse_file(&path, &source).map_err(said)?;
    let wrong = |what: String| format!("{}: {what}; {left_out}", path.display());
    if file.format != ARTICLE_FORMAT {
        return Err(wrong(format!(
            "expected `format: \"{ARTICLE_FORMAT}\"`, found `{}`",
            file.format
        )));
    }
    if file.version > FOLDER_NEWEST {
        return Err(said(LoadError::NewerVersion {
            path,
            found: file.version,
            supported: FOLDER_NEWEST,
        }));
    }
    let article = file.article;
    if article.id != *id {
        return Err(wrong(format!(
            "holds article `{}`, but the project file lists this file for `{id}`",
            article.id
        )));
    }
    if article.body.contains('\r') || text::body_hash(&article.body) != article.body_hash {
        return Err(wrong(format!(
            "the body of article `{id}` does not match its stored hash: it was edited outside Warraq, so its highlights may point at the wrong words"
        )));
    }
    if let Some(h) = file.highlights.iter().find(|h| h.highlight.article != *id) {
        return Err(wrong(format!(
            "highlight `{}` says it is in article `{}`, not in this file's `{id}`",
            h.highlight.id, h.highlight.article
        )));
    }
    let errors = crate::model::check_article_highlights(
        &article,
        file.highlights.iter().map(|h| &h.highlight),
    );
    if let Some(first) = errors.first() {
        return Err(wrong(format!(
            "{first}{}",
            match errors.len() {
                1 => String::new(),
                n => format!(" (and {} more problems)", n - 1),
            }
        )));
    }
    let placed: Vec<(u64, &Highlight)> = file
        .highlights
        .iter()
        .map(|h| (h.at, &h.highlight))
        .collect();
    let fingerprint = super::article_fingerprint(&article, &placed);
    Ok(ArticleRead {
        article,
        highlights: Found::Made(file.highlights),
        fingerprint,
        seen,
        warnings,
    })
}

/// Every shard in `relations/`, in the relations' own order.
fn read_relations(
    root: &Path,
    state: &mut FolderState,
    warnings: &mut Vec<String>,
    keep_cache: bool,
) -> Result<Vec<Relation>, LoadError> {
    let cache_file = cache::relations_file(root);
    let cached = cache::read(&cache_file).unwrap_or_else(|why| {
        warnings.push(format!(
            "{}: the cache could not be read ({why}); the relation files were read instead",
            cache_file.display()
        ));
        cache::Cached::default()
    });
    let mut fresh: Vec<cache::NewEntry<'_>> = Vec::new();
    let mut missed = false;
    let dir = root.join(paths::RELATIONS);
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries.flatten().map(|e| e.path()).collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(error) => return Err(LoadError::Io { path: dir, error }),
    };
    files.sort();
    let mut relations: Vec<(u64, Relation)> = Vec::new();
    let mut relation_at = Vec::new();
    for path in files {
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let Some(shard) = name.strip_suffix(".ron").filter(|s| {
            s.len() == 2
                && s.bytes()
                    .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        }) else {
            if journal::is_staged(&name) {
                let _ = std::fs::remove_file(&path);
            } else {
                warnings.push(format!(
                    "{}: not a file of this project (relations are kept in `relations/XX.ron`); left as it is",
                    path.display()
                ));
            }
            continue;
        };
        let rel = paths::relations(shard);
        let seen = Seen::of(&path);
        // A hit is taken as it was written, payload and fingerprint: 300,000
        // relations are not hashed and encoded again on every open.
        let hit = cached
            .entries
            .get(&rel)
            .filter(|entry| seen == Some(entry.seen))
            .and_then(|entry| {
                let payload = cached.payload(entry);
                let relations = cache::decode_relations(payload).ok()?;
                Some((relations, entry.fingerprint, payload))
            });
        let (relations_in, fingerprint, payload) =
            if let Some((relations, fingerprint, payload)) = hit {
                (relations, fingerprint, std::borrow::Cow::Borrowed(payload))
            } else {
                missed = true;
                let relations = read_shard(&path, warnings)?;
                let placed: Vec<(u64, &Relation)> =
                    relations.iter().map(|r| (r.at, &r.relation)).collect();
                let fingerprint = super::relations_fingerprint(&placed);
                let payload = cache::encode_relations(&placed);
                (relations, fingerprint, std::borrow::Cow::Owned(payload))
            };
        if let Some(seen) = seen {
            fresh.push((rel, seen, fingerprint, payload, Vec::new().into()));
        }
        state
            .shards
            .insert(shard.to_owned(), Written { fingerprint, seen });
        for r in relations_in {
            relation_at.push((super::id_key(r.relation.id.as_str()), r.at));
            relations.push((r.at, r.relation));
        }
    }
    if keep_cache && (missed || cached.entries.len() != fresh.len()) {
        // The cache only saves time: where it cannot be written the shards are read next time.
        let _ = cache::write(&cache_file, &fresh);
    }
    state.relation_at = relation_at.into();
    // The project's order; two relations given one place (by hand) go by id.
    let order =
        |a: &(u64, Relation), b: &(u64, Relation)| a.0.cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id));
    if !relations.is_sorted_by(|a, b| order(a, b).is_le()) {
        relations.sort_by(order);
    }
    Ok(relations.into_iter().map(|(_, r)| r).collect())
}

/// One relation shard parsed and checked.
fn read_shard(
    path: &Path,
    warnings: &mut Vec<String>,
) -> Result<Vec<AtRelation<Relation>>, LoadError> {
    let path = path.to_owned();
    let bytes = std::fs::read(&path).map_err(|error| LoadError::Io {
        path: path.clone(),
        error,
    })?;
    let mut shard_warnings = Vec::new();
    let source = format::decode(&path, &bytes, &mut shard_warnings)?;
    warnings.extend(
        shard_warnings
            .into_iter()
            .map(|w| format!("{}: {w}", path.display())),
    );
    let file: RelationsFileIn = super::parse_file(&path, &source)?;
    if file.format != RELATIONS_FORMAT || file.version > FOLDER_NEWEST {
        return Err(LoadError::Syntax {
            path,
            line: 1,
            column: 1,
            message: format!(
                "expected `format: \"{RELATIONS_FORMAT}\", version: {FOLDER_VERSION}`, found `{}`, version {}",
                file.format, file.version
            ),
        });
    }
    Ok(file.relations)
}

/// Files in `articles/` that are no article of the index: named, left alone.
/// Files a killed save staged before its commit point are cleared.
fn strays(root: &Path, ids: &[ArticleId]) -> Vec<String> {
    // The names each sub-folder should hold, as plain strings: 100,000
    // paths built, sorted and compared by their components took 0.3 s.
    let mut expected: HashMap<String, HashSet<String>> = HashMap::new();
    for id in ids {
        expected
            .entry(paths::bucket(id.as_str()))
            .or_default()
            .insert(paths::file_name(id.as_str()));
    }
    let mut found: Vec<PathBuf> = Vec::new();
    let Ok(buckets) = std::fs::read_dir(root.join(paths::ARTICLES)) else {
        return Vec::new();
    };
    let mut look_at = |path: PathBuf, names: Option<&HashSet<String>>| {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        if journal::is_staged(&name) {
            let _ = std::fs::remove_file(&path);
        } else if !names.is_some_and(|names| names.contains(&*name)) {
            found.push(path);
        }
    };
    for bucket in buckets.flatten() {
        let path = bucket.path();
        if !path.is_dir() {
            look_at(path, None);
            continue;
        }
        let names = expected.get(&*bucket.file_name().to_string_lossy());
        for entry in std::fs::read_dir(&path).into_iter().flatten().flatten() {
            look_at(entry.path(), names);
        }
    }
    found.sort();
    found
        .into_iter()
        .map(|path| {
            format!(
                "{}: not an article of this project (the project file does not list it); left as it is",
                path.display()
            )
        })
        .collect()
}

/// A project with unreadable article files still opens: references to
/// those articles (and to the evidence inside them) are theirs, not errors.
pub(super) fn excuse_unreadable(
    errors: Vec<ValidationError>,
    project: &Project,
    state: &FolderState,
) -> Vec<ValidationError> {
    if state.unreadable.is_empty() {
        return errors;
    }
    let unreadable: HashSet<&str> = state.unreadable().map(ArticleId::as_str).collect();
    let relations: HashMap<String, &Relation> = project
        .relations
        .iter()
        .map(|r| (format!("relation `{}`", r.id), r))
        .collect();
    errors
        .into_iter()
        .filter(|e| match e {
            ValidationError::MissingReference {
                kind: "article",
                id,
                ..
            } => !unreadable.contains(id.as_str()),
            ValidationError::MissingReference {
                kind: "highlight",
                item,
                id,
                ..
            } => !relations.get(item).is_some_and(|r| {
                r.sources.iter().any(|s| {
                    unreadable.contains(s.article.as_str())
                        && s.evidence.as_ref().is_some_and(|h| h.as_str() == id)
                })
            }),
            _ => true,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Each article's places, and its highlights (left aside here).
    type Articles = Vec<(Vec<u64>, Found)>;

    /// Articles with these places, where each one's start in article
    /// order, and how many highlights in all.
    fn found(places: &[Vec<u64>]) -> (Articles, Vec<usize>, usize) {
        let mut first = Vec::new();
        let mut total = 0;
        for p in places {
            first.push(total);
            total += p.len();
        }
        let found = places
            .iter()
            .map(|p| (p.clone(), Found::Made(Vec::new())))
            .collect();
        (found, first, total)
    }

    proptest! {
        /// Places as a save writes them (each of 0..count once) are their
        /// own ranks, found without a sort, and the same as sorting finds.
        #[test]
        fn places_a_save_wrote_are_ranked_as_a_sort_ranks_them(
            (sizes, order) in proptest::collection::vec(0usize..6, 0..40).prop_flat_map(|sizes| {
                // The list's order across articles: any order of its places.
                let count = sizes.iter().sum::<usize>() as u64;
                (Just(sizes), Just((0..count).collect::<Vec<u64>>()).prop_shuffle())
            }),
        ) {
            let mut places = Vec::new();
            let mut taken = order.into_iter();
            for size in sizes {
                let mut p: Vec<u64> = taken.by_ref().take(size).collect();
                p.sort_unstable();
                places.push(p);
            }
            let (found, first, count) = found(&places);
            let dense = dense_rank(&found, count);
            prop_assert_eq!(dense, Some(sorted_rank(&found, &first, count)));
        }

        /// Places with gaps or repeats (a file edited by hand) go by the sort.
        #[test]
        fn places_with_gaps_or_repeats_are_left_to_the_sort(
            places in proptest::collection::vec(
                proptest::collection::vec(0u64..30, 0..5), 1..10),
        ) {
            let places: Vec<Vec<u64>> = places
                .into_iter()
                .map(|mut p| {
                    p.sort_unstable();
                    p
                })
                .collect();
            let (found, first, count) = found(&places);
            let mut all: Vec<u64> = places.iter().flatten().copied().collect();
            all.sort_unstable();
            let is_dense = all.iter().copied().eq(0..count as u64);
            let dense = dense_rank(&found, count);
            prop_assert_eq!(dense.is_some(), is_dense);
            // The sort's ranks are a permutation in the places' order.
            let rank = sorted_rank(&found, &first, count);
            let mut seen = rank.clone();
            seen.sort_unstable();
            prop_assert!(seen.iter().map(|&r| r as usize).eq(0..count));
            let flat: Vec<u64> = places.iter().flatten().copied().collect();
            for (a, b) in (0..count).flat_map(|a| (0..count).map(move |b| (a, b))) {
                if flat[a] < flat[b] {
                    prop_assert!(rank[a] < rank[b]);
                }
            }
        }
    }
}
