//! `warraq export`: the project in another format, or for a colleague.

use super::{load, out};
use crate::store;
use std::path::Path;
use std::process::ExitCode;

pub(super) fn export(
    project_path: &Path,
    format: crate::exchange::Format,
    output: Option<&Path>,
    force: bool,
    articles: Option<Vec<String>>,
    analyst: Option<String>,
) -> anyhow::Result<ExitCode> {
    let loaded = load(project_path)?.project;
    let analyst = analyst.unwrap_or_else(crate::model::attribution::default_analyst);
    let chosen: Option<Vec<crate::model::ArticleId>> =
        articles.map(|ids| ids.iter().map(|id| id.trim().into()).collect());
    let project = crate::exchange::for_colleague(&loaded, &analyst, chosen.as_deref())
        .map_err(|e| anyhow::anyhow!("{}: {e}", project_path.display()))?;
    let output = output.map_or_else(
        || {
            let name = project_path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let stem = name.strip_suffix(".ron").unwrap_or(&name);
            let stem = stem.strip_suffix(".warraq").unwrap_or(stem);
            project_path.with_file_name(format.default_file_name(stem))
        },
        Path::to_path_buf,
    );
    if store::same_file(&output, project_path) {
        anyhow::bail!(
            "{}: that is the project itself; an export goes to a file of its own (-o OUT)",
            output.display()
        );
    }
    if output.exists() && !force {
        anyhow::bail!(
            "{} exists; name another file with -o, or add --force to replace it",
            output.display()
        );
    }
    let exported = crate::exchange::export_as(&project, format, &analyst)?;
    store::write_exported(&output, &exported, project_path)?;
    out(&format!("{}: {} written", output.display(), format.label()))?;
    Ok(ExitCode::SUCCESS)
}
