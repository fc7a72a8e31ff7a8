//! Relations and highlights as CSV: UTF-8 with a byte-order mark, because
//! spreadsheet programs otherwise read Arabic as Latin-1 garbage.

use crate::model::{Project, Tag};

/// Between the several articles or quotes of one relation in one cell.
pub const SEPARATOR: &str = " | ";

const BOM: &[u8] = b"\xEF\xBB\xBF";

fn writer() -> csv::Writer<Vec<u8>> {
    csv::Writer::from_writer(BOM.to_vec())
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
    ])?;
    for r in &project.relations {
        let actor = |id| project.actor(id).map_or("", |a| a.name.as_str());
        let kind = project.relation_type(&r.kind);
        // Several reports of one relation share a cell, separated as a reader would expect.
        let titles = project.cited_titles(r).join(SEPARATOR);
        let evidence = project.cited_quotes(r).join(SEPARATOR);
        let article_ids = r
            .articles()
            .map(|a| a.as_str())
            .collect::<Vec<_>>()
            .join(SEPARATOR);
        out.write_record([
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
        ])?;
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
                project.claim(c).map_or("", |c| c.text.as_str()),
                c.as_str(),
            ),
            Tag::Evidence => ("evidence", "", ""),
        };
        out.write_record([
            h.id.as_str(),
            project.article(&h.article).map_or("", |a| a.title.as_str()),
            &h.span.start.to_string(),
            &h.span.end.to_string(),
            &h.quote,
            kind,
            name,
            id,
            h.article.as_str(),
        ])?;
    }
    out.into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}
