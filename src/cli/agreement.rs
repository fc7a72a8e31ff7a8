//! `warraq agreement A B [C…]`: how far analysts agree, pair by pair and all together.

use super::{load, out_raw};
use crate::model::Project;
use crate::store;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub(super) fn agreement(
    files: &[PathBuf],
    json: bool,
    csv: Option<&Path>,
    html: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let projects = files
        .iter()
        .map(|f| load(f).map(|l| l.project))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let name = |p: &Path| {
        p.file_name()
            .map(|n| {
                n.to_string_lossy()
                    .trim_end_matches(".warraq.ron")
                    .to_owned()
            })
            .unwrap_or_default()
    };
    let names: Vec<String> = files.iter().map(|f| name(f)).collect();
    let all: Vec<&Project> = projects.iter().collect();
    if let Some(path) = csv {
        if path.exists() || files.iter().any(|f| store::same_file(f, path)) {
            anyhow::bail!("{} exists; name a new file for the CSV", path.display());
        }
        let bytes = crate::agreement::reliability::csv(&all, &names)?;
        store::write_export(path, &bytes)?;
    }
    if let Some(path) = html {
        if path.exists() || files.iter().any(|f| store::same_file(f, path)) {
            anyhow::bail!("{} exists; name a new file for the report", path.display());
        }
        let page = crate::exchange::html_report_with_agreement(all[0], &all[1..], &names);
        store::write_export(path, page.as_bytes())?;
    }
    if json {
        let value = crate::agreement::reliability::json(&all, &names);
        out_raw(&format!("{}\n", serde_json::to_string_pretty(&value)?))?;
        return Ok(ExitCode::SUCCESS);
    }
    for i in 0..projects.len() {
        for j in i + 1..projects.len() {
            let result = crate::agreement::compare(&projects[i], &projects[j]);
            out_raw(&crate::agreement::report(&result, &names[i], &names[j]))?;
        }
    }
    out_raw(&crate::agreement::reliability::report(&all))?;
    Ok(ExitCode::SUCCESS)
}
