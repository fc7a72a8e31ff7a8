//! One import for every kind of file an analyst receives: articles (plain
//! text, saved web pages, Word, PDF — read by `extract`), REFI-QDA
//! (`.qdpx`), brat (`.ann` with its `.txt`, or a folder of them) and
//! Warraq's own JSON or RON — read by what they are, put into the project
//! in one step, with a summary of what came in, what was a duplicate and
//! what could not be read or mapped.

use super::error::ExchangeError;
use super::incoming::{self, Added, Incoming, IncomingArticle};
use crate::extract;
use crate::model::{IdGenerator, Project};
use crate::store::{self, Headline};
use std::path::{Path, PathBuf};

/// The kinds of file `import` reads, for file dialogs.
pub const EXTENSIONS: [&str; 11] = [
    "txt", "html", "htm", "docx", "pdf", "qdpx", "qde", "ann", "json", "ron", "dna",
];

/// What to do with an article whose text is already in the project (or
/// earlier in the same import).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Duplicates {
    /// Leave it out and say so.
    #[default]
    Skip,
    /// Add it all the same.
    Keep,
}

/// How files are read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    pub headline: Headline,
    pub duplicates: Duplicates,
}

/// The result of an import: the project with everything added, what was
/// added, and the files that could not be read at all.
#[derive(Debug)]
pub struct Imported {
    pub project: Project,
    pub added: Added,
    pub failed: Vec<String>,
    /// Articles left out because their text was already there.
    pub duplicates: Vec<String>,
    /// How files were read (an encoding, running headers left out).
    pub notes: Vec<String>,
}

impl Imported {
    /// The summary and everything left out, as lines for a dialog or a terminal.
    pub fn report(&self) -> Vec<String> {
        let mut lines = vec![format!("Imported {}.", self.added)];
        if !self.added.unmapped.is_empty() {
            lines.push(format!("Not mapped ({}):", self.added.unmapped.len()));
            lines.extend(self.added.unmapped.iter().map(|u| format!("  {u}")));
        }
        if !self.added.kept_apart.is_empty() {
            lines.push(format!(
                "Kept apart from a relation with the same ends, type and date ({}):",
                self.added.kept_apart.len()
            ));
            lines.extend(self.added.kept_apart.iter().map(|f| format!("  {f}")));
        }
        if !self.notes.is_empty() {
            lines.push(format!("Read with notes ({}):", self.notes.len()));
            lines.extend(self.notes.iter().map(|n| format!("  {n}")));
        }
        if !self.duplicates.is_empty() {
            lines.push(format!("Duplicates left out ({}):", self.duplicates.len()));
            lines.extend(self.duplicates.iter().map(|d| format!("  {d}")));
        }
        if !self.failed.is_empty() {
            lines.push(format!("Not imported ({}):", self.failed.len()));
            lines.extend(self.failed.iter().map(|f| format!("  {f}")));
        }
        lines
    }
}

fn extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

/// Whether a folder holds brat annotations (else it is a folder of articles).
fn is_brat_folder(path: &Path) -> bool {
    std::fs::read_dir(path).is_ok_and(|entries| {
        entries
            .filter_map(Result::ok)
            .any(|e| e.path().extension().is_some_and(|x| x == "ann"))
    })
}

/// Reads one file of coding (or a folder of brat files) into `incoming`.
fn read_one(path: &Path, incoming: &mut Incoming) -> Result<(), ExchangeError> {
    if path.is_dir() {
        return super::brat::read_dir(path, incoming);
    }
    // Files read whole are refused past the limit before they are read (a
    // DNA database is queried, a Warraq project streamed by the store).
    if matches!(extension(path).as_str(), "ann" | "qdpx" | "qde")
        && let Some(reason) = std::fs::metadata(path)
            .ok()
            .and_then(|m| crate::extract::limits::file_too_large(m.len()))
    {
        return Err(ExchangeError::unreadable(path, reason));
    }
    match extension(path).as_str() {
        "ann" => super::brat::read(path, incoming),
        "dna" => super::dna::read(path, incoming),
        "qdpx" | "qde" => {
            let bytes = std::fs::read(path).map_err(|e| ExchangeError::unreadable(path, e))?;
            super::qdpx::read(path, &bytes, incoming)
        }
        "json" | "ron" => {
            let loaded = store::load(path).map_err(|e| ExchangeError::unreadable(path, e))?;
            let other = incoming::from_project(&loaded.project);
            incoming.articles.extend(other.articles);
            incoming.actors.extend(other.actors);
            incoming.claims.extend(other.claims);
            incoming.relations.extend(other.relations);
            incoming.relation_types.extend(other.relation_types);
            Ok(())
        }
        other => Err(ExchangeError::UnknownKind {
            path: path.to_owned(),
            extension: other.to_owned(),
        }),
    }
}

/// Reads `files` and adds what they hold to a copy of `project`. A file
/// that cannot be read is listed and the others still come in; when none
/// can, the error says why.
pub fn import(
    project: &Project,
    files: &[PathBuf],
    options: Options,
    ids: &mut IdGenerator,
) -> Result<Imported, ExchangeError> {
    let mut project = project.clone();
    let mut added = Added::default();
    let mut failed = Vec::new();
    let (coding, articles): (Vec<PathBuf>, Vec<PathBuf>) = files.iter().cloned().partition(|p| {
        if p.is_dir() {
            is_brat_folder(p)
        } else {
            !extract::is_article_file(p)
        }
    });
    // Articles all at once: one copy of the project's lists, not one a file.
    let mut duplicates = Vec::new();
    let mut notes = Vec::new();
    let mut seen = extract::Duplicates::of(&project);
    let mut incoming = Incoming::default();
    for path in extract::expand(&articles) {
        match extract::read(&path, options.headline) {
            Ok(found) => {
                notes.extend(found.notes.iter().map(|n| format!("{}: {n}", found.source)));
                if let Some(title) = seen.check(&found.article)
                    && options.duplicates == Duplicates::Skip
                {
                    duplicates.push(format!("{}: the same text as \"{title}\"", found.source));
                    continue;
                }
                incoming.articles.push(IncomingArticle {
                    article: found.article,
                    highlights: Vec::new(),
                });
            }
            Err(e) => failed.push(e.to_string()),
        }
    }
    if !incoming.articles.is_empty() {
        if options.duplicates == Duplicates::Keep {
            let (next, more) = add_articles(&project, incoming, ids);
            project = next;
            added.add(more);
        } else {
            match incoming::add_to(&project, incoming, ids) {
                Ok((next, more)) => {
                    project = next;
                    added.add(more);
                }
                Err(e) => failed.push(e.to_string()),
            }
        }
    }
    // Each file of coding on its own: keys are the file's own, and one bad file does not stop the rest.
    for path in &coding {
        let mut incoming = Incoming::default();
        match read_one(path, &mut incoming) {
            Ok(()) => match incoming::add_to(&project, incoming, ids) {
                Ok((next, more)) => {
                    project = next;
                    added.add(more);
                }
                Err(e) => failed.push(format!("{}: {e}", path.display())),
            },
            Err(e) => failed.push(e.to_string()),
        }
    }
    if added.articles + added.articles_matched == 0 && added.highlights == 0 {
        let mut why = failed.clone();
        why.extend(duplicates.iter().map(|d| format!("duplicate: {d}")));
        why.extend(added.unmapped.iter().cloned());
        return Err(ExchangeError::NothingImported(why));
    }
    Ok(Imported {
        project,
        added,
        failed,
        duplicates,
        notes,
    })
}

/// Articles added as new even where the same text is there already (the
/// analyst asked to keep duplicates).
fn add_articles(project: &Project, incoming: Incoming, ids: &mut IdGenerator) -> (Project, Added) {
    let mut out = project.clone();
    let mut added = Added {
        unmapped: incoming.unmapped,
        ..Added::default()
    };
    for IncomingArticle { mut article, .. } in incoming.articles {
        article.id = out.new_article_id(ids);
        out.articles.push(article);
        added.articles += 1;
    }
    (out, added)
}
