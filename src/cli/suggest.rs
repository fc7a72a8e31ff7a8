//! `warraq suggest PROJECT [--article ID] [--json]`: what is not coded yet.

use super::{err, out};
use crate::model::ArticleId;
use crate::store;
use std::path::Path;
use std::process::ExitCode;

pub(super) fn suggest(
    project: &Path,
    article: Option<&str>,
    json: bool,
) -> anyhow::Result<ExitCode> {
    let project = match store::load(project) {
        Ok(loaded) => loaded.project,
        Err(e) => {
            err(&e.to_string());
            return Ok(ExitCode::FAILURE);
        }
    };
    let only = article.map(ArticleId::from);
    if let Some(id) = &only
        && project.article(id).is_none()
    {
        err(&format!("the project has no article `{id}`"));
        return Ok(ExitCode::FAILURE);
    }
    let found = crate::suggest::suggestions(&project, only.as_ref());
    if json {
        out(&serde_json::to_string_pretty(&found)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    for s in &found {
        let to = if s.actor.as_str().is_empty() {
            format!("a new actor, {} ({})", s.name, s.kind.label())
        } else {
            s.actor.to_string()
        };
        out(&format!(
            "{} {}..{} «{}» as {to} ({:.2}): {}\n    {}",
            s.article, s.start, s.end, s.quote, s.score, s.why, s.context
        ))?;
    }
    out(&format!("{} suggestion(s)", found.len()))?;
    Ok(ExitCode::SUCCESS)
}
