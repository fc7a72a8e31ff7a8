//! Saving a project folder: only the files whose contents changed, as one
//! step (see `journal`), after checking that no other program changed them.

use super::files::{
    ARTICLE_FORMAT, ArticleFileOut, AtHighlight, AtRelation, CodebookLists, RELATIONS_FORMAT,
    RelationsFileOut,
};
use super::{FOLDER_VERSION, FolderState, Seen, Written, journal, paths};
use crate::model::{ArticleId, Highlight, Project, Relation, ValidationError, text};
use crate::store::FileStamp;
use crate::store::atomic::resolve_links;
use crate::store::error::SaveError;
use crate::store::format::ron_text;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Saves `project` as a folder whose project file is `path`. `prior` is what
/// the folder held when it was read or last saved here (none: a new folder,
/// which must not hold another project's files); with `check`, a file that
/// another program changed since is not written over.
pub fn save(
    project: &Project,
    path: &Path,
    prior: Option<&FolderState>,
    check: bool,
) -> Result<FileStamp, SaveError> {
    let io_error = |path: &Path| {
        let path = path.to_owned();
        move |error| SaveError::Io { path, error }
    };
    let empty = FolderState::default();
    let prior = prior.unwrap_or(&empty);
    let target = resolve_links(path).map_err(io_error(path))?;
    let path = target.as_path();
    let root = super::root_of(path);
    let new_folder =
        prior.articles.is_empty() && prior.shards.is_empty() && prior.project_digest == [0; 32];
    check_target(path, &root, new_folder)?;
    // What spans across files (ids, references); each changed article's own
    // spans are checked as it is written, the others were when they were.
    let errors = super::read::excuse_unreadable(
        project.validate_articles(&std::collections::HashSet::new()),
        project,
        prior,
    );
    if !errors.is_empty() {
        return Err(SaveError::Invalid(errors));
    }

    let highlight_at = place(
        project.highlights.iter().map(|h| h.id.as_str()),
        &prior.highlight_at,
    );
    let relation_at = place(
        project.relations.iter().map(|r| r.id.as_str()),
        &prior.relation_at,
    );
    let mut by_article: HashMap<&ArticleId, Vec<(u64, &Highlight)>> = HashMap::new();
    for (h, at) in project.highlights.iter().zip(&highlight_at) {
        by_article.entry(&h.article).or_default().push((*at, h));
    }
    let mut by_shard: BTreeMap<String, Vec<(u64, &Relation)>> = BTreeMap::new();
    for (r, at) in project.relations.iter().zip(&relation_at) {
        by_shard
            .entry(paths::bucket(r.id.as_str()))
            .or_default()
            .push((*at, r));
    }

    // Articles on every core: only those whose contents changed are written.
    let none: Vec<(u64, &Highlight)> = Vec::new();
    let jobs: Vec<(&crate::model::Article, &Vec<(u64, &Highlight)>)> = project
        .articles
        .iter()
        .map(|a| (a, by_article.get(&a.id).unwrap_or(&none)))
        .collect();
    let changed = changed_articles(&jobs, prior)?;

    let mut writes: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    let mut fingerprints: HashMap<ArticleId, u64> = HashMap::with_capacity(jobs.len());
    let mut written: std::collections::HashSet<&ArticleId> = std::collections::HashSet::new();
    for (id, fingerprint, bytes) in changed {
        if let Some(bytes) = bytes {
            writes.push((paths::article(id.as_str()), bytes));
            written.insert(id);
        }
        fingerprints.insert(id.clone(), fingerprint);
    }
    let unreadable: std::collections::HashSet<&ArticleId> = prior.unreadable().collect();
    let mut removes: Vec<PathBuf> = prior
        .articles
        .keys()
        .filter(|id| !fingerprints.contains_key(*id) && !unreadable.contains(id))
        .map(|id| paths::article(id.as_str()))
        .collect();

    let shard_prints = shard_writes(&by_shard, prior, &mut writes, &mut removes)?;

    let project_text = project_file(project, prior)?;
    let project_digest = FileStamp::of_bytes(project_text.as_bytes());
    let project_rel = PathBuf::from(path.file_name().unwrap_or_default());
    if new_folder || project_digest.digest != prior.project_digest {
        writes.push((project_rel.clone(), project_text.into_bytes()));
    }

    if check {
        refuse_if_changed(&root, &project_rel, &writes, &removes, prior)?;
    }
    removes.sort();
    journal::commit(&root, &writes, &removes).map_err(io_error(&root))?;

    let mut state = new_state(
        project,
        (&highlight_at, &relation_at),
        (fingerprints, shard_prints),
        prior,
        &root,
        &writes,
    );
    state.project_digest = project_digest.digest;
    // Where the window keeps a cache, it learns what was just written: the
    // next open finds this save's files there, checked.
    if root.join(super::cache::FOLDER).is_dir() {
        let changed: Vec<_> = jobs
            .iter()
            .filter(|(article, _)| written.contains(&article.id))
            .copied()
            .collect();
        let shards_written = writes.iter().any(|(p, _)| p.starts_with(paths::RELATIONS));
        refresh_cache(
            &root,
            &changed,
            shards_written.then_some(&by_shard),
            &state,
            project.articles.iter().map(|a| &a.id),
        );
    }
    Ok(FileStamp {
        folder: Some(Arc::new(state)),
        ..project_digest
    })
}

type Changed<'a> = (&'a ArticleId, u64, Option<Vec<u8>>);

/// Each article's fingerprint, with the file's new bytes where it changed.
fn changed_articles<'a>(
    jobs: &[(&'a crate::model::Article, &Vec<(u64, &Highlight)>)],
    prior: &FolderState,
) -> Result<Vec<Changed<'a>>, SaveError> {
    let one = |(article, highlights): &(&'a crate::model::Article, &Vec<(u64, &Highlight)>)| -> Result<Changed<'a>, SaveError> {
        let fingerprint = super::article_fingerprint(article, highlights);
        if prior.articles.get(&article.id).map(|w| w.fingerprint) == Some(fingerprint) {
            return Ok((&article.id, fingerprint, None));
        }
        // A changed article is checked whole before it is written.
        if article.body.contains('\r') || text::body_hash(&article.body) != article.body_hash {
            return Err(SaveError::Invalid(vec![ValidationError::BodyHashMismatch {
                article: article.id.to_string(),
            }]));
        }
        let errors = crate::model::check_article_highlights(article, highlights.iter().map(|(_, h)| *h));
        if !errors.is_empty() {
            return Err(SaveError::Invalid(errors));
        }
        let file = ArticleFileOut {
            format: ARTICLE_FORMAT,
            version: FOLDER_VERSION,
            article,
            highlights: highlights
                .iter()
                .map(|&(at, highlight)| AtHighlight { at, highlight })
                .collect(),
        };
        let text = ron_text(&file).map_err(|e| SaveError::Serialize(e.to_string()))?;
        Ok((&article.id, fingerprint, Some(text.into_bytes())))
    };
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let chunk = jobs.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = jobs
            .chunks(chunk)
            .map(|jobs| scope.spawn(move || jobs.iter().map(one).collect::<Result<Vec<_>, _>>()))
            .collect();
        let mut all = Vec::with_capacity(jobs.len());
        for handle in handles {
            all.extend(handle.join().map_err(|_| {
                SaveError::Serialize("a thread writing articles stopped".to_owned())
            })??);
        }
        Ok(all)
    })
}

/// The project file's text: the codebook and the article index (articles
/// that could not be read keep their places in it).
fn project_file(project: &Project, prior: &FolderState) -> Result<String, SaveError> {
    let Project {
        title,
        description,
        vocabulary,
        actors,
        concepts,
        claims,
        relations: _,
        highlights: _,
        rejections,
        articles,
        exported,
        sent_articles,
        conflicts,
    } = project;
    let mut index: Vec<&ArticleId> = articles.iter().map(|a| &a.id).collect();
    for (place, id) in &prior.unreadable {
        if !index.contains(&id) {
            index.insert((*place).min(index.len()), id);
        }
    }
    super::files::project_file_text(
        title,
        description,
        CodebookLists {
            vocabulary,
            actors,
            concepts,
            claims,
            rejections,
            conflicts,
        },
        (exported.as_ref(), sent_articles.as_ref()),
        index,
    )
    .map_err(|e| SaveError::Serialize(e.to_string()))
}

/// The places of a list's items, in its order: an item keeps the place it
/// had while places still rise, so an edit renumbers nothing else; a new
/// item takes the next place after the one before it.
fn place<'a>(ids: impl Iterator<Item = &'a str>, prior: &super::Places) -> Vec<u64> {
    prior.looking_up(|prior| {
        let mut last: Option<u64> = None;
        ids.map(|id| {
            let at = prior(super::id_key(id))
                .filter(|&at| last.is_none_or(|last| at > last))
                .unwrap_or_else(|| last.map_or(0, |last| last + 1));
            last = Some(at);
            at
        })
        .collect()
    })
}

/// Refuses the save if a file it would write or remove was changed by
/// another program since it was read or saved here.
fn refuse_if_changed(
    root: &Path,
    project_rel: &Path,
    writes: &[(PathBuf, Vec<u8>)],
    removes: &[PathBuf],
    prior: &FolderState,
) -> Result<(), SaveError> {
    let by_path: HashMap<PathBuf, Option<Seen>> = prior
        .articles
        .iter()
        .map(|(id, w)| (paths::article(id.as_str()), w.seen))
        .chain(
            prior
                .shards
                .iter()
                .map(|(s, w)| (paths::relations(s), w.seen)),
        )
        .collect();
    let changed = |rel: &Path| -> bool {
        let full = root.join(rel);
        if rel == project_rel {
            return std::fs::read(&full)
                .is_ok_and(|bytes| FileStamp::of_bytes(&bytes).digest != prior.project_digest);
        }
        match by_path.get(rel) {
            Some(before) => Seen::of(&full) != *before,
            // A file we never read that is there now was put there by someone else.
            None => full.exists(),
        }
    };
    for rel in writes.iter().map(|(p, _)| p).chain(removes) {
        if changed(rel) {
            return Err(SaveError::ChangedOnDisk {
                path: root.join(rel),
            });
        }
    }
    Ok(())
}

/// Refuses what must not be written: a read-only project file, a folder
/// that is not there, a new project's folder that holds another's files.
/// A new project's own folder is made (its parent must exist).
fn check_target(path: &Path, root: &Path, new_folder: bool) -> Result<(), SaveError> {
    if std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly()) {
        return Err(SaveError::ReadOnly {
            path: path.to_owned(),
        });
    }
    if new_folder && !root.exists() && root.parent().is_some_and(Path::is_dir) {
        std::fs::create_dir(root).map_err(|error| SaveError::Io {
            path: root.to_owned(),
            error,
        })?;
    }
    if !root.is_dir() {
        return Err(SaveError::Io {
            path: path.to_owned(),
            error: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!(
                    "the folder {} does not exist; create it or choose another",
                    root.display()
                ),
            ),
        });
    }
    if new_folder {
        for dir in [paths::ARTICLES, paths::RELATIONS] {
            let dir = root.join(dir);
            if std::fs::read_dir(&dir).is_ok_and(|mut entries| entries.next().is_some()) {
                return Err(SaveError::Io {
                    path: dir,
                    error: std::io::Error::other(
                        "already holds files; a project kept as a folder needs a folder of its own (choose an empty one)",
                    ),
                });
            }
        }
    }
    Ok(())
}

/// The shards whose relations changed, as files to write (and shards left
/// empty, to remove); returns every shard's fingerprint.
fn shard_writes(
    by_shard: &BTreeMap<String, Vec<(u64, &Relation)>>,
    prior: &FolderState,
    writes: &mut Vec<(PathBuf, Vec<u8>)>,
    removes: &mut Vec<PathBuf>,
) -> Result<HashMap<String, u64>, SaveError> {
    let mut shard_prints = HashMap::new();
    for (shard, relations) in by_shard {
        let fingerprint = super::relations_fingerprint(relations);
        if prior.shards.get(shard).map(|w| w.fingerprint) != Some(fingerprint) {
            let file = RelationsFileOut {
                format: RELATIONS_FORMAT,
                version: FOLDER_VERSION,
                relations: relations
                    .iter()
                    .map(|&(at, relation)| AtRelation { at, relation })
                    .collect(),
            };
            let text = ron_text(&file).map_err(|e| SaveError::Serialize(e.to_string()))?;
            writes.push((paths::relations(shard), text.into_bytes()));
        }
        shard_prints.insert(shard.clone(), fingerprint);
    }
    removes.extend(
        prior
            .shards
            .keys()
            .filter(|shard| !by_shard.contains_key(*shard))
            .map(|shard| paths::relations(shard)),
    );

    Ok(shard_prints)
}

/// What the folder holds once this save's files are in place.
fn new_state(
    project: &Project,
    (highlight_at, relation_at): (&[u64], &[u64]),
    (fingerprints, shard_prints): (HashMap<ArticleId, u64>, HashMap<String, u64>),
    prior: &FolderState,
    root: &Path,
    writes: &[(PathBuf, Vec<u8>)],
) -> FolderState {
    let mut state = FolderState {
        project_digest: [0; 32],
        articles: HashMap::with_capacity(fingerprints.len()),
        shards: HashMap::with_capacity(shard_prints.len()),
        highlight_at: project
            .highlights
            .iter()
            .zip(highlight_at)
            .map(|(h, at)| (super::id_key(h.id.as_str()), *at))
            .collect(),
        relation_at: project
            .relations
            .iter()
            .zip(relation_at)
            .map(|(r, at)| (super::id_key(r.id.as_str()), *at))
            .collect(),
        unreadable: prior.unreadable.clone(),
    };
    let written: std::collections::HashSet<&Path> =
        writes.iter().map(|(p, _)| p.as_path()).collect();
    let seen = |rel: &Path, before: Option<Seen>| {
        if written.contains(rel) {
            Seen::of(&root.join(rel))
        } else {
            before
        }
    };
    for (id, fingerprint) in fingerprints {
        let before = prior.articles.get(&id).and_then(|w| w.seen);
        let seen = seen(&paths::article(id.as_str()), before);
        state.articles.insert(id, Written { fingerprint, seen });
    }
    for (shard, fingerprint) in shard_prints {
        let before = prior.shards.get(&shard).and_then(|w| w.seen);
        let seen = seen(&paths::relations(&shard), before);
        state.shards.insert(shard, Written { fingerprint, seen });
    }
    state
}

/// Puts this save's files into the cache beside the folder (see `cache`)
/// and marks the whole as checked (a save checks the whole project).
/// Failing to is no failure of the save: the next open reads those files.
fn refresh_cache<'a>(
    root: &Path,
    changed: &[(&crate::model::Article, &Vec<(u64, &Highlight)>)],
    shards: Option<&BTreeMap<String, Vec<(u64, &Relation)>>>,
    state: &FolderState,
    order: impl Iterator<Item = &'a ArticleId>,
) {
    use super::cache;
    let mut by_bucket: BTreeMap<String, Vec<_>> = BTreeMap::new();
    for job in changed {
        by_bucket
            .entry(paths::bucket(job.0.id.as_str()))
            .or_default()
            .push(*job);
    }
    for (bucket, jobs) in by_bucket {
        let file = cache::articles_file(root, &bucket);
        let mut entries = cache::read(&file).unwrap_or_default().into_owned();
        for (article, highlights) in jobs {
            let (Some(written), rel) = (
                state.articles.get(&article.id),
                paths::article(article.id.as_str()),
            ) else {
                continue;
            };
            let Some(seen) = written.seen else { continue };
            entries.insert(
                rel,
                (
                    seen,
                    written.fingerprint,
                    cache::encode_article(article, highlights).0,
                    article.body.peek().into_owned().into_bytes(),
                ),
            );
        }
        let mut listed: Vec<cache::NewEntry<'_>> = entries
            .into_iter()
            .map(|(rel, (seen, fingerprint, payload, body))| {
                (rel, seen, fingerprint, payload.into(), body.into())
            })
            .collect();
        listed.sort_by(|a, b| a.0.cmp(&b.0));
        if cache::write(&file, &listed).is_err() {
            return;
        }
    }
    if let Some(shards) = shards {
        let listed: Vec<_> = shards
            .iter()
            .filter_map(|(shard, relations)| {
                let written = state.shards.get(shard)?;
                Some((
                    paths::relations(shard),
                    written.seen?,
                    written.fingerprint,
                    cache::encode_relations(relations).into(),
                    Vec::new().into(),
                ))
            })
            .collect();
        if cache::write(&cache::relations_file(root), &listed).is_err() {
            return;
        }
    }
    if state.unreadable.is_empty() {
        let signature = cache::signature(state, order);
        let _ = cache::write_whole(&cache::checked_file(root), &signature);
    }
}
