//! One import for every kind of file an analyst receives: plain text,
//! REFI-QDA (`.qdpx`), brat (`.ann` with its `.txt`, or a folder of them)
//! and Warraq's own JSON or RON — read by what they are, put into the
//! project in one step, with a summary of what came in and what could not
//! be mapped.

use super::incoming::{self, Added, Incoming, IncomingArticle};
use crate::model::{IdGenerator, Project};
use crate::store::{self, Headline};
use std::path::{Path, PathBuf};

/// The kinds of file `import` reads, for file dialogs.
pub const EXTENSIONS: [&str; 6] = ["txt", "qdpx", "qde", "ann", "json", "ron"];

/// The result of an import: the project with everything added, what was
/// added, and the files that could not be read at all.
#[derive(Debug)]
pub struct Imported {
    pub project: Project,
    pub added: Added,
    pub failed: Vec<String>,
}

impl Imported {
    /// The summary and everything left out, as lines for a dialog or a terminal.
    pub fn report(&self) -> Vec<String> {
        let mut lines = vec![format!("Imported {}.", self.added)];
        if !self.added.unmapped.is_empty() {
            lines.push(format!("Not mapped ({}):", self.added.unmapped.len()));
            lines.extend(self.added.unmapped.iter().map(|u| format!("  {u}")));
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

/// Reads one file (or a folder of brat files) into `incoming`.
fn read_one(path: &Path, headline: Headline, incoming: &mut Incoming) -> Result<(), String> {
    if path.is_dir() {
        return super::brat::read_dir(path, incoming);
    }
    match extension(path).as_str() {
        "txt" => {
            let (article, note) =
                store::read_text_article(path, headline).map_err(|e| e.to_string())?;
            if let Some(note) = note {
                incoming
                    .unmapped
                    .push(format!("{}: {note}", path.display()));
            }
            incoming.articles.push(IncomingArticle {
                article,
                highlights: Vec::new(),
            });
            Ok(())
        }
        "ann" => super::brat::read(path, incoming),
        "qdpx" | "qde" => {
            let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
            super::qdpx::read(path, &bytes, incoming)
        }
        "json" | "ron" => {
            let loaded = store::load(path).map_err(|e| e.to_string())?;
            let other = incoming::from_project(&loaded.project);
            incoming.articles.extend(other.articles);
            incoming.actors.extend(other.actors);
            incoming.claims.extend(other.claims);
            incoming.relations.extend(other.relations);
            Ok(())
        }
        other => Err(format!(
            "{}: Warraq imports .txt, .qdpx, brat .ann (or a folder of them) and Warraq .json; not .{other}",
            path.display()
        )),
    }
}

/// Reads `files` and adds what they hold to a copy of `project`. A file
/// that cannot be read is listed and the others still come in; when none
/// can, the error says why.
pub fn import(
    project: &Project,
    files: &[PathBuf],
    headline: Headline,
    ids: &mut IdGenerator,
) -> Result<Imported, String> {
    let mut project = project.clone();
    let mut added = Added::default();
    let mut failed = Vec::new();
    // Each file on its own: keys are the file's own, and one bad file does not stop the rest.
    for path in files {
        let mut incoming = Incoming::default();
        match read_one(path, headline, &mut incoming) {
            Ok(()) => match incoming::add_to(&project, incoming, ids) {
                Ok((next, more)) => {
                    project = next;
                    added.add(more);
                }
                Err(e) => failed.push(format!("{}: {e}", path.display())),
            },
            Err(e) => failed.push(e),
        }
    }
    if added.articles + added.articles_matched == 0 && added.highlights == 0 {
        let mut why = failed.clone();
        why.extend(added.unmapped.iter().cloned());
        return Err(if why.is_empty() {
            "nothing to import".to_owned()
        } else {
            format!("nothing imported:\n  {}", why.join("\n  "))
        });
    }
    Ok(Imported {
        project,
        added,
        failed,
    })
}
