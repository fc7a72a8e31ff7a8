//! Handing work to other tools: the project as JSON, relations and highlights
//! as CSV for spreadsheets, the actor network as `GraphML` for Gephi, networkx,
//! igraph or R. The same functions serve the File menu and `warraq export`.

pub mod brat;
mod csv_export;
mod dna;
mod error;

mod graphml;
mod html;
pub mod import;
pub mod incoming;

mod qdpx;

mod w3c;
pub(crate) mod xml;

pub use csv_export::{cell as csv_cell, claims_csv, codebook_csv, highlights_csv, relations_csv};
pub use error::ExchangeError;
pub use graphml::graphml;
pub use html::{html_report, html_report_with_agreement};

use crate::model::Project;

/// Each article's highlights in one pass, for writers that go article by
/// article (a project of 2,000 articles and 100,000 highlights would
/// otherwise be walked 2,000 times).
pub(crate) fn highlights_by_article(
    project: &Project,
) -> std::collections::HashMap<&crate::model::ArticleId, Vec<&crate::model::Highlight>> {
    let mut map: std::collections::HashMap<_, Vec<_>> = std::collections::HashMap::new();
    for h in &project.highlights {
        map.entry(&h.article).or_default().push(h);
    }
    map
}

/// The formats Warraq writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The project file itself (RON), for a colleague.
    Ron,
    /// The same structure as the RON file, as JSON, for scripts.
    Json,
    /// One row per relation (UTF-8 with BOM, so spreadsheets show Arabic).
    Csv,
    /// One row per highlight.
    HighlightsCsv,
    /// The actor registry: one row per actor with its names and counts.
    CodebookCsv,
    /// One row per claim with its speaker, stance and counts.
    ClaimsCsv,
    /// Actors as nodes, relations as edges (directed; for networkx, igraph, R).
    Graphml,
    /// The same for Gephi: symmetric ties undirected on the edge itself.
    GephiGraphml,
    /// One HTML file: the articles with their highlights, the actors, the relations.
    Html,
    /// REFI-QDA Project Exchange, for `NVivo`, MAXQDA, ATLAS.ti, `QualCoder`, Taguette.
    Qdpx,
    /// brat standoff, a folder of `.txt` and `.ann` (`INCEpTION` imports it too).
    Brat,
    /// W3C Web Annotation (JSON-LD), for archives and web annotation tools.
    W3c,
}

impl Format {
    pub const ALL: [Self; 12] = [
        Self::Ron,
        Self::Json,
        Self::Csv,
        Self::HighlightsCsv,
        Self::CodebookCsv,
        Self::ClaimsCsv,
        Self::Graphml,
        Self::GephiGraphml,
        Self::Html,
        Self::Qdpx,
        Self::Brat,
        Self::W3c,
    ];

    /// The file name ending this format is saved with.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Ron => crate::store::FILE_EXTENSION,
            Self::Json => "json",
            Self::Csv => "relations.csv",
            Self::HighlightsCsv => "highlights.csv",
            Self::CodebookCsv => "codebook.csv",
            Self::ClaimsCsv => "claims.csv",
            Self::Graphml => "graphml",
            Self::GephiGraphml => "gephi.graphml",
            Self::Html => "html",
            Self::Qdpx => "qdpx",
            Self::Brat => "brat",
            Self::W3c => "annotations.jsonld",
        }
    }

    /// Whether the export is a folder of files rather than one file.
    pub fn is_folder(self) -> bool {
        self == Self::Brat
    }

    /// The name an export of the project called `stem` gets unless the user
    /// names another: never the project file's own name, so an export for a
    /// colleague can never land on the project it was made from.
    pub fn default_file_name(self, stem: &str) -> String {
        match self {
            Self::Ron => format!("{stem}.for-colleague.{}", self.extension()),
            _ => format!("{stem}.{}", self.extension()),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Ron => "Project for a colleague (RON)",
            Self::Json => "Project as JSON",
            Self::Csv => "Relations as CSV",
            Self::HighlightsCsv => "Highlights as CSV",
            Self::CodebookCsv => "Codebook (actors) as CSV",
            Self::ClaimsCsv => "Claims as CSV",
            Self::Graphml => "Actor network as GraphML (networkx, igraph, R)",
            Self::GephiGraphml => "Actor network as GraphML for Gephi",
            Self::Html => "Report as one HTML file",
            Self::Qdpx => "REFI-QDA project (NVivo, MAXQDA, ATLAS.ti)",
            Self::Brat => "brat / INCEpTION folder",
            Self::W3c => "W3C Web Annotations (JSON-LD)",
        }
    }
}

/// The project as pretty JSON, with the RON file's header.
pub fn to_json(project: &Project) -> Result<String, serde_json::Error> {
    crate::store::to_json_string(project)
}

/// Reads what `to_json` wrote (opening a `.json` project does the same).
pub fn from_json(text: &str) -> Result<Project, crate::store::LoadError> {
    crate::store::from_json_str(std::path::Path::new("JSON"), text)
}

/// The project as a colleague receives it: only `articles` (all when `None`)
/// with what is coded on them, stamped with who exported it and when. Actors,
/// claims and the vocabulary go whole, so the colleague codes with the same
/// registry; a relation keeps only its sources in the chosen articles and is
/// left out if it had sources and none remain.
pub fn for_colleague(
    project: &Project,
    analyst: &str,
    articles: Option<&[crate::model::ArticleId]>,
) -> Result<Project, ExchangeError> {
    let mut copy = project.clone();
    if let Some(chosen) = articles {
        if let Some(unknown) = chosen.iter().find(|a| project.article(a).is_none()) {
            return Err(ExchangeError::NoArticle(unknown.clone()));
        }
        let keep = |a: &crate::model::ArticleId| chosen.contains(a);
        copy.articles.retain(|a| keep(&a.id));
        copy.highlights.retain(|h| keep(&h.article));
        copy.rejections.retain(|r| keep(&r.article));
        copy.relations.retain_mut(|r| {
            let had = !r.sources.is_empty();
            r.sources.retain(|s| keep(&s.article));
            !had || !r.sources.is_empty()
        });
    }
    copy.exported = Some(crate::model::Stamp::now(analyst));
    copy.sent_articles = articles.map(<[crate::model::ArticleId]>::to_vec);
    let errors = copy.validate();
    match errors.first() {
        None => Ok(copy),
        Some(e) => Err(ExchangeError::InvalidCopy(e.clone())),
    }
}

pub use crate::store::Exported;

/// `project` in `format`; `analyst` names who exported it where the format
/// records that (REFI-QDA).
pub fn export_as(
    project: &Project,
    format: Format,
    analyst: &str,
) -> Result<Exported, ExchangeError> {
    match format {
        Format::Brat => Ok(Exported::Folder(brat::files(project))),
        Format::Qdpx => qdpx::qdpx(project, analyst).map(Exported::File),
        format => export(project, format).map(Exported::File),
    }
}

/// The bytes of `project` in a one-file `format`.
pub fn export(project: &Project, format: Format) -> Result<Vec<u8>, ExchangeError> {
    match format {
        Format::Qdpx => qdpx::qdpx(project, &crate::model::attribution::default_analyst()),
        Format::Brat => Err(ExchangeError::NotOneFile),
        Format::W3c => Ok(w3c::annotations(project)),
        Format::Ron => crate::store::to_ron_string(project)
            .map(String::into_bytes)
            .map_err(|e| ExchangeError::write(format, e)),
        Format::Json => to_json(project)
            .map(String::into_bytes)
            .map_err(|e| ExchangeError::write(format, e)),
        Format::Csv => relations_csv(project).map_err(|e| ExchangeError::write(format, e)),
        Format::HighlightsCsv => {
            highlights_csv(project).map_err(|e| ExchangeError::write(format, e))
        }
        Format::CodebookCsv => codebook_csv(project).map_err(|e| ExchangeError::write(format, e)),
        Format::ClaimsCsv => claims_csv(project).map_err(|e| ExchangeError::write(format, e)),
        Format::Graphml => Ok(graphml(project).into_bytes()),
        Format::GephiGraphml => {
            Ok(graphml::graphml_for(project, graphml::Flavour::Gephi).into_bytes())
        }
        Format::Html => Ok(html_report(project).into_bytes()),
    }
}
