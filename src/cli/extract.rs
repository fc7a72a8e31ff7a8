//! `warraq extract FILE`: what Warraq reads from an article file, written nowhere.

use super::{err, out};
use crate::store;
use std::path::Path;
use std::process::ExitCode;

pub(super) fn extract(
    file: &Path,
    json: bool,
    headline: store::Headline,
) -> anyhow::Result<ExitCode> {
    let found = match crate::extract::read(file, headline) {
        Ok(found) => found,
        Err(e) => {
            err(&e.to_string());
            return Ok(ExitCode::FAILURE);
        }
    };
    let article = &found.article;
    if json {
        let value = serde_json::json!({
            "title": article.title,
            "outlet": article.outlet,
            "url": article.url,
            "published": article.published.map(|d| d.to_string()),
            "language": article.language,
            "notes": article.notes,
            "read": found.notes,
            "body": article.body,
        });
        out(&serde_json::to_string_pretty(&value)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    let published = article.published.map(|d| d.to_string()).unwrap_or_default();
    for (name, value) in [
        ("title", article.title.as_str()),
        ("outlet", &article.outlet),
        ("url", &article.url),
        ("published", &published),
        ("language", &article.language),
        ("notes", &article.notes),
    ] {
        if !value.is_empty() {
            out(&format!("{name}: {value}"))?;
        }
    }
    for note in &found.notes {
        err(&format!("{}: {note}", file.display()));
    }
    out("")?;
    out(&article.body)?;
    Ok(ExitCode::SUCCESS)
}
