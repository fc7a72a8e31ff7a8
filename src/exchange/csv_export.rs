//! Relations and highlights as CSV: UTF-8 with a byte-order mark, because
//! spreadsheet programs otherwise read Arabic as Latin-1 garbage.

use crate::model::{Project, Tag, codebook};

/// Between the several articles or quotes of one relation in one cell.
pub const SEPARATOR: &str = " | ";

const BOM: &[u8] = b"\xEF\xBB\xBF";

fn writer() -> csv::Writer<Vec<u8>> {
    csv::Writer::from_writer(BOM.to_vec())
}

/// A cell as a spreadsheet may safely read it. Text starting with `=`, `+`,
/// `-`, `@`, a tab or a carriage return would be taken for a formula (an
/// actor named `=HYPERLINK(…)` running in a colleague's Excel), so it is
/// prefixed with `'`, as the OWASP guidance on CSV injection advises;
/// numbers (`-5`, `2.5`) stay numbers.
pub fn cell(text: &str) -> std::borrow::Cow<'_, str> {
    let risky = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && text.trim().parse::<f64>().is_err() {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

/// Writes one row, every cell made safe.
fn row<'a>(
    out: &mut csv::Writer<Vec<u8>>,
    cells: impl IntoIterator<Item = &'a str>,
) -> Result<(), csv::Error> {
    out.write_record(
        cells
            .into_iter()
            .map(cell)
            .collect::<Vec<_>>()
            .iter()
            .map(|c| c.as_bytes()),
    )
}

/// One value of a cell holding several: `|` and `\` inside it escaped, so
/// that splitting the cell at ` | ` gives back exactly the values.
fn part(value: &str) -> String {
    value.replace('\\', "\\\\").replace('|', "\\|")
}

/// The values joined into one cell: one slot per source, empty where a source has none.
pub(super) fn joined<'a>(values: impl Iterator<Item = &'a str>) -> String {
    values.map(part).collect::<Vec<_>>().join(SEPARATOR)
}

/// A relation's sources as cells: one slot per source in each, in citation
/// order, empty where a source has no evidence highlight — so the nth
/// title, quote and ids belong together.
pub(super) struct SourceCells {
    pub titles: String,
    pub quotes: String,
    pub article_ids: String,
    pub evidence_ids: String,
}

/// Highlights by id, made once for a whole export rather than searched for each relation.
pub(super) type ById<'a> =
    std::collections::HashMap<&'a crate::model::HighlightId, &'a crate::model::Highlight>;

pub(super) fn by_id(project: &Project) -> ById<'_> {
    project.highlights.iter().map(|h| (&h.id, h)).collect()
}

pub(super) fn source_cells(
    project: &Project,
    by_id: &ById<'_>,
    r: &crate::model::Relation,
) -> SourceCells {
    let quote = |s: &crate::model::Source| {
        s.evidence
            .as_ref()
            .and_then(|h| by_id.get(h))
            .map_or("", |h| h.quote.as_str())
    };
    SourceCells {
        titles: joined(
            r.sources
                .iter()
                .map(|s| project.article(&s.article).map_or("", |a| a.title.as_str())),
        ),
        quotes: joined(r.sources.iter().map(quote)),
        article_ids: joined(r.sources.iter().map(|s| s.article.as_str())),
        evidence_ids: joined(
            r.sources
                .iter()
                .map(|s| s.evidence.as_ref().map_or("", |h| h.as_str())),
        ),
    }
}

/// One row per relation, with names as well as ids so the sheet reads on its own.
pub fn relations_csv(project: &Project) -> Result<Vec<u8>, csv::Error> {
    let mut out = writer();
    out.write_record([
        "relation_id",
        "source",
        "relation",
        "target",
        "date",
        "article",
        "evidence",
        "note",
        "source_id",
        "relation_type_id",
        "target_id",
        "article_id",
        "directed",
        "sources",
        "evidence_ids",
    ])?;
    let highlights = by_id(project);
    for r in &project.relations {
        let actor = |id| project.actor(id).map_or("", |a| a.name.as_str());
        let kind = project.relation_type(&r.kind);
        let SourceCells {
            titles,
            quotes: evidence,
            article_ids,
            evidence_ids,
        } = source_cells(project, &highlights, r);
        row(
            &mut out,
            [
                r.id.as_str(),
                actor(&r.source),
                kind.map_or(r.kind.as_str(), |k| k.label.as_str()),
                actor(&r.target),
                &r.date.map(|d| d.to_string()).unwrap_or_default(),
                &titles,
                &evidence,
                &r.note,
                r.source.as_str(),
                r.kind.as_str(),
                r.target.as_str(),
                &article_ids,
                if kind.is_some_and(|k| k.directed) {
                    "true"
                } else {
                    "false"
                },
                &r.sources.len().to_string(),
                &evidence_ids,
            ],
        )?;
    }
    out.into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}

/// One row per highlight: where it is, what it says, what it is tagged as.
pub fn highlights_csv(project: &Project) -> Result<Vec<u8>, csv::Error> {
    let mut out = writer();
    out.write_record([
        "highlight_id",
        "article",
        "start",
        "end",
        "quote",
        "tag",
        "tagged_as",
        "tag_id",
        "article_id",
        "speech",
        "note",
    ])?;
    for h in &project.highlights {
        let (kind, name, id) = match &h.tag {
            Tag::Actor(a) => (
                "actor",
                project.actor(a).map_or("", |a| a.name.as_str()),
                a.as_str(),
            ),
            Tag::Claim(c) => (
                "claim",
                project.claim(c).map_or("", |c| project.claim_text(c)),
                c.as_str(),
            ),
            Tag::Evidence => ("evidence", "", ""),
        };
        row(
            &mut out,
            [
                h.id.as_str(),
                project.article(&h.article).map_or("", |a| a.title.as_str()),
                &h.span.start.to_string(),
                &h.span.end.to_string(),
                &h.quote,
                kind,
                name,
                id,
                h.article.as_str(),
                h.speech.map_or("", crate::model::Speech::label),
                &h.note,
            ],
        )?;
    }
    out.into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}

fn date_cell(date: Option<crate::model::Date>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

/// The actor registry: one row per actor with what the codebook table shows.
pub fn codebook_csv(project: &Project) -> Result<Vec<u8>, csv::Error> {
    let mut out = writer();
    out.write_record([
        "actor_id",
        "name",
        "kind",
        "aliases",
        "gloss",
        "note",
        "mentions",
        "articles",
        "relations",
        "claims_as_speaker",
        "first_article_date",
        "last_article_date",
    ])?;
    for (actor, stats) in project.actors.iter().zip(codebook::actor_rows(project)) {
        row(
            &mut out,
            [
                actor.id.as_str(),
                &actor.name,
                actor.kind.label(),
                &joined(actor.aliases.iter().map(String::as_str)),
                &actor.gloss,
                &actor.note,
                &stats.mentions.to_string(),
                &stats.articles.to_string(),
                &stats.relations.to_string(),
                &stats.claims.to_string(),
                &date_cell(stats.first),
                &date_cell(stats.last),
            ],
        )?;
    }
    out.into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}

/// The claims: one row per claim with its speaker, stance and what codes it.
pub fn claims_csv(project: &Project) -> Result<Vec<u8>, csv::Error> {
    let mut out = writer();
    out.write_record([
        "claim_id",
        "claim",
        "speaker",
        "stance",
        "note",
        "highlights",
        "articles",
        "direct_quotes",
        "paraphrases",
        "speaker_id",
    ])?;
    for (claim, stats) in project.claims.iter().zip(codebook::claim_rows(project)) {
        let speaker = claim.speaker.as_ref();
        row(
            &mut out,
            [
                claim.id.as_str(),
                project.claim_text(claim),
                speaker
                    .and_then(|s| project.actor(s))
                    .map_or("", |a| a.name.as_str()),
                claim.stance.label(),
                &claim.note,
                &stats.highlights.to_string(),
                &stats.articles.to_string(),
                &stats.quotes.to_string(),
                &stats.paraphrases.to_string(),
                speaker.map_or("", |s| s.as_str()),
            ],
        )?;
    }
    out.into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}
