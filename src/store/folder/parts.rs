//! One file of a project folder on its own, for git's merge driver: git
//! merges a folder file by file, so the driver is handed one article file,
//! one relation shard or the project file, three times over.

use super::files::{
    ARTICLE_FORMAT, ArticleFileIn, ArticleFileOut, AtHighlight, AtRelation, FOLDER, ProjectFileIn,
    RELATIONS_FORMAT, RelationsFileIn, RelationsFileOut,
};
use super::{FOLDER_VERSION, id_key};
use crate::model::{Article, Project};
use crate::store::error::LoadError;
use crate::store::format;
use std::collections::HashMap;
use std::path::Path;

/// Which file of a folder a part is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartKind {
    /// The project file: the codebook, and the article index (as articles
    /// with an id only, so a merge of projects merges the index too).
    ProjectFile,
    /// An article file: one article and its highlights.
    Article,
    /// A relation shard.
    Relations,
}

/// One file of a folder, as a project holding only what the file holds,
/// and the places (`at`) its highlights and relations had.
#[derive(Debug)]
pub struct Part {
    pub kind: PartKind,
    pub project: Project,
    places: HashMap<u64, u64>,
}

/// Which part a file is, from its header (`None`: not a folder's file).
pub fn part_kind(path: &Path) -> Option<PartKind> {
    let said = |line: &str| super::header_says(path, line);
    if said(&format!("format: \"{ARTICLE_FORMAT}\",")) {
        Some(PartKind::Article)
    } else if said(&format!("format: \"{RELATIONS_FORMAT}\",")) {
        Some(PartKind::Relations)
    } else if said(&format!("layout: \"{FOLDER}\",")) {
        Some(PartKind::ProjectFile)
    } else {
        None
    }
}

pub fn read_part(path: &Path, kind: PartKind) -> Result<Part, LoadError> {
    let bytes = std::fs::read(path).map_err(|error| LoadError::Io {
        path: path.to_owned(),
        error,
    })?;
    let source = format::decode(path, &bytes, &mut Vec::new())?;
    let mut project = Project::new("");
    let mut places = HashMap::new();
    match kind {
        PartKind::ProjectFile => {
            let file: ProjectFileIn = super::parse_file(path, &source)?;
            let c = file.project;
            project.title = c.title;
            project.description = c.description;
            project.vocabulary = c.vocabulary.into();
            project.actors = c.actors.into();
            project.concepts = c.concepts.into();
            project.claims = c.claims.into();
            project.rejections = c.rejections.into();
            project.exported = c.exported;
            project.sent_articles = c.sent_articles;
            project.conflicts = c.conflicts;
            project.articles = file
                .articles
                .into_iter()
                // Each stub its id for a body, so no two are taken for the same text.
                .map(|id| {
                    let text = id.0.clone();
                    Article::new(id, text.as_str(), &text)
                })
                .collect();
        }
        PartKind::Article => {
            let file: ArticleFileIn = super::parse_file(path, &source)?;
            project.articles = vec![file.article].into();
            for h in file.highlights {
                places.insert(id_key(h.highlight.id.as_str()), h.at);
                project.highlights.push(h.highlight);
            }
        }
        PartKind::Relations => {
            let file: RelationsFileIn = super::parse_file(path, &source)?;
            for r in file.relations {
                places.insert(id_key(r.relation.id.as_str()), r.at);
                project.relations.push(r.relation);
            }
        }
    }
    Ok(Part {
        kind,
        project,
        places,
    })
}

/// The text of a part holding `project`'s share of it; items keep the
/// places they had in any of `sides` (mine first), new ones follow.
pub fn write_part(
    kind: PartKind,
    project: &Project,
    sides: &[&Part],
) -> Result<String, ron::Error> {
    let mut last = sides
        .iter()
        .flat_map(|s| s.places.values())
        .copied()
        .max()
        .unwrap_or(0);
    let mut at = |id: &str| {
        sides
            .iter()
            .find_map(|s| s.places.get(&id_key(id)).copied())
            .unwrap_or_else(|| {
                last += 1;
                last
            })
    };
    match kind {
        PartKind::ProjectFile => super::files::project_file_text(
            &project.title,
            &project.description,
            super::files::CodebookLists {
                vocabulary: &project.vocabulary,
                actors: &project.actors,
                concepts: &project.concepts,
                claims: &project.claims,
                rejections: &project.rejections,
                conflicts: &project.conflicts,
            },
            (project.exported.as_ref(), project.sent_articles.as_ref()),
            project.articles.iter().map(|a| &a.id).collect(),
        ),
        PartKind::Article => {
            let Some(article) = project.articles.first() else {
                return Err(ron::Error::Message("the article was deleted".to_owned()));
            };
            format::ron_text(&ArticleFileOut {
                format: ARTICLE_FORMAT,
                version: FOLDER_VERSION,
                article,
                highlights: project
                    .highlights
                    .iter()
                    .map(|h| AtHighlight {
                        at: at(h.id.as_str()),
                        highlight: h,
                    })
                    .collect(),
            })
        }
        PartKind::Relations => format::ron_text(&RelationsFileOut {
            format: RELATIONS_FORMAT,
            version: FOLDER_VERSION,
            relations: project
                .relations
                .iter()
                .map(|r| AtRelation {
                    at: at(r.id.as_str()),
                    relation: r,
                })
                .collect(),
        }),
    }
}
