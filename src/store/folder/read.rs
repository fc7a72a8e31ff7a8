//! Opening a project folder: the project file, every article file (on all
//! cores), the relation shards; what cannot be read is named and left as it is.

use super::files::{
    ARTICLE_FORMAT, ArticleFileIn, AtHighlight, AtRelation, FOLDER, ProjectFileIn,
    RELATIONS_FORMAT, RelationsFileIn,
};
use super::{FOLDER_NEWEST, FOLDER_VERSION, FolderState, Seen, Written, cache, journal, paths};
use crate::model::{Article, ArticleId, Highlight, Project, Relation, ValidationError, text};
use crate::store::error::LoadError;
use crate::store::format;
use crate::store::{FileStamp, Loaded};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One article file, read and checked.
struct ArticleRead {
    article: Article,
    highlights: Vec<AtHighlight<Highlight>>,
    fingerprint: u64,
    seen: Option<Seen>,
    warnings: Vec<String>,
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
    let (results, cache_messages) = read_articles(&root, &ids, progress, keep_cache);
    warnings.extend(cache_messages);

    let mut state = FolderState {
        project_digest: stamp_digest.digest,
        ..FolderState::default()
    };
    let (articles, highlights) = assemble(&ids, results, &mut state, &mut warnings);
    let relations = read_relations(&root, &mut state, &mut warnings, keep_cache)?;
    warnings.extend(strays(&root, &ids));

    let codebook = file.project;
    let mut project = Project {
        title: codebook.title,
        description: codebook.description,
        vocabulary: codebook.vocabulary.into(),
        actors: codebook.actors.into(),
        concepts: codebook.concepts.into(),
        claims: codebook.claims.into(),
        relations: relations.into(),
        highlights: highlights.into(),
        rejections: codebook.rejections.into(),
        articles: articles.into(),
        exported: codebook.exported,
        sent_articles: codebook.sent_articles,
        conflicts: codebook.conflicts,
    };
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
fn assemble(
    ids: &[ArticleId],
    results: Vec<Result<ArticleRead, String>>,
    state: &mut FolderState,
    warnings: &mut Vec<String>,
) -> (Vec<Article>, Vec<Highlight>) {
    let mut articles = Vec::with_capacity(ids.len());
    let count: usize = results
        .iter()
        .map(|r| r.as_ref().map_or(0, |read| read.highlights.len()))
        .sum();
    state.highlight_at.reserve(count);
    // (place, article's place, place in its file): a list's order across
    // files. Small keys are sorted; the highlights move once, into place.
    let mut keys: Vec<(u64, u32, u32)> = Vec::with_capacity(count);
    let mut per_article: Vec<std::vec::IntoIter<AtHighlight<Highlight>>> =
        Vec::with_capacity(ids.len());
    for (index, (id, result)) in ids.iter().zip(results).enumerate() {
        match result {
            Ok(mut read) => {
                warnings.extend(read.warnings);
                state.articles.insert(
                    id.clone(),
                    Written {
                        fingerprint: read.fingerprint,
                        seen: read.seen,
                    },
                );
                // Warraq writes a file's highlights in order; a hand-edited one is put in order.
                if !read.highlights.is_sorted_by_key(|h| h.at) {
                    read.highlights.sort_by_key(|h| h.at);
                }
                let article = u32::try_from(per_article.len()).unwrap_or(u32::MAX);
                for (n, h) in read.highlights.iter().enumerate() {
                    state
                        .highlight_at
                        .insert(super::id_key(h.highlight.id.as_str()), h.at);
                    keys.push((h.at, article, u32::try_from(n).unwrap_or(u32::MAX)));
                }
                per_article.push(read.highlights.into_iter());
                articles.push(read.article);
            }
            Err(message) => {
                warnings.push(message);
                state.unreadable.push((index, id.clone()));
            }
        }
    }
    keys.sort_unstable();
    // Within an article the keys come in the order of its file, so each is its next highlight.
    // Sized once: collected through `filter_map` it doubled to 2^21 places at
    // 20,000 articles, 420 MB reserved for 220.
    let mut highlights: Vec<Highlight> = Vec::with_capacity(count);
    highlights.extend(
        keys.iter()
            .filter_map(|&(_, article, _)| per_article.get_mut(article as usize)?.next())
            .map(|h| h.highlight),
    );
    drop(per_article);
    (articles, highlights)
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
fn read_articles(
    root: &Path,
    ids: &[ArticleId],
    progress: &crate::store::Progress,
    keep_cache: bool,
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
                        let (read, message) = read_bucket(root, bucket, places, ids, keep_cache);
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

/// The articles of one sub-folder (`places` in `ids`), through its cache file.
fn read_bucket(
    root: &Path,
    bucket: &str,
    places: &[usize],
    ids: &[ArticleId],
    keep_cache: bool,
) -> (Vec<Result<ArticleRead, String>>, Option<String>) {
    let cache_file = cache::articles_file(root, bucket);
    let (cached, mut message) = match cache::read(&cache_file) {
        Ok(cached) => (cached, None),
        Err(why) => (
            HashMap::new(),
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
    let mut missed = cached.is_empty() && !places.is_empty();
    let mut reads = Vec::with_capacity(places.len());
    for &place in places {
        let id = &ids[place];
        let rel = paths::article(id.as_str());
        let seen = Seen::of(&root.join(&rel));
        let hit = cached
            .get(&rel)
            .filter(|entry| seen == Some(entry.seen))
            .and_then(|entry| {
                let (article, highlights) = cache::decode_article(&entry.payload).ok()?;
                (article.id == *id).then_some(ArticleRead {
                    article,
                    highlights,
                    fingerprint: entry.fingerprint,
                    seen,
                    warnings: Vec::new(),
                })
            });
        if let Some(read) = hit {
            reads.push(Ok(read));
        } else {
            missed = true;
            reads.push(read_article(root, id));
        }
    }
    if keep_cache && (missed || cached.len() != places.len()) {
        let entries: Vec<_> = reads
            .iter()
            .filter_map(|read| read.as_ref().ok())
            .filter_map(|read| {
                let at_places: Vec<(u64, &Highlight)> = read
                    .highlights
                    .iter()
                    .map(|h| (h.at, &h.highlight))
                    .collect();
                Some((
                    paths::article(read.article.id.as_str()),
                    read.seen?,
                    read.fingerprint,
                    cache::encode_article(&read.article, &at_places),
                ))
            })
            .collect();
        // The cache only saves time: a folder it cannot be written to is read in full next time.
        if cache::write(&cache_file, &entries).is_err() {
            message = None;
        }
    }
    (reads, message)
}

/// One article file, or the message that says why it is left out.
fn read_article(root: &Path, id: &ArticleId) -> Result<ArticleRead, String> {
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
        highlights: file.highlights,
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
        HashMap::new()
    });
    let mut fresh: Vec<(PathBuf, Seen, u64, Vec<u8>)> = Vec::new();
    let mut missed = false;
    let dir = root.join(paths::RELATIONS);
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries.flatten().map(|e| e.path()).collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(error) => return Err(LoadError::Io { path: dir, error }),
    };
    files.sort();
    let mut relations: Vec<((u64, crate::model::RelationId), Relation)> = Vec::new();
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
        let hit = cached
            .get(&rel)
            .filter(|entry| seen == Some(entry.seen))
            .and_then(|entry| cache::decode_relations(&entry.payload).ok());
        let relations_in = if let Some(relations) = hit {
            relations
        } else {
            missed = true;
            read_shard(&path, warnings)?
        };
        let file = RelationsFileIn {
            format: RELATIONS_FORMAT.to_owned(),
            version: FOLDER_VERSION,
            relations: relations_in,
        };
        let placed: Vec<(u64, &Relation)> =
            file.relations.iter().map(|r| (r.at, &r.relation)).collect();
        let fingerprint = super::relations_fingerprint(&placed);
        if let Some(seen) = seen {
            fresh.push((rel, seen, fingerprint, cache::encode_relations(&placed)));
        }
        state
            .shards
            .insert(shard.to_owned(), Written { fingerprint, seen });
        for r in file.relations {
            state
                .relation_at
                .insert(super::id_key(r.relation.id.as_str()), r.at);
            relations.push(((r.at, r.relation.id.clone()), r.relation));
        }
    }
    if keep_cache && (missed || cached.len() != fresh.len()) {
        // The cache only saves time: where it cannot be written the shards are read next time.
        let _ = cache::write(&cache_file, &fresh);
    }
    relations.sort_by(|a, b| a.0.cmp(&b.0));
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
    let expected: HashSet<PathBuf> = ids.iter().map(|id| paths::article(id.as_str())).collect();
    let mut found = Vec::new();
    let Ok(buckets) = std::fs::read_dir(root.join(paths::ARTICLES)) else {
        return found;
    };
    let mut names: Vec<PathBuf> = Vec::new();
    for bucket in buckets.flatten() {
        let path = bucket.path();
        if !path.is_dir() {
            names.push(path);
            continue;
        }
        if let Ok(entries) = std::fs::read_dir(&path) {
            names.extend(entries.flatten().map(|e| e.path()));
        }
    }
    names.sort();
    for path in names {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        if journal::is_staged(&name) {
            let _ = std::fs::remove_file(&path);
            continue;
        }
        let rel = path.strip_prefix(root).unwrap_or(&path);
        if !expected.contains(rel) {
            found.push(format!(
                "{}: not an article of this project (the project file does not list it); left as it is",
                path.display()
            ));
        }
    }
    found
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
