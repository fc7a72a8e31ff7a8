//! `warraq convert`: a project from one file to a folder of files, or back.

use super::{load, out};
use crate::store::{self, Layout};
use std::path::Path;
use std::process::ExitCode;

/// Converts `input` to `layout` at `output`, which must not exist yet (a
/// folder may exist if it is empty): nothing is written over.
pub(super) fn convert(input: &Path, layout: Layout, output: &Path) -> anyhow::Result<ExitCode> {
    let loaded = load(input)?;
    let left_out = loaded.stamp.unreadable_articles();
    if left_out > 0 {
        anyhow::bail!(
            "{}: {left_out} article file(s) could not be read (see above); converting now would leave them out. Restore them first",
            input.display()
        );
    }
    let target = match layout {
        Layout::File => output.to_owned(),
        Layout::Folder => store::folder::project_file_for(output),
    };
    if target.exists() {
        anyhow::bail!("{} exists; name a new file", target.display());
    }
    if layout == Layout::Folder
        && let Some(folder) = target.parent()
    {
        std::fs::create_dir_all(folder)
            .map_err(|e| anyhow::anyhow!("{}: cannot create the folder: {e}", folder.display()))?;
    }
    let stamp = store::save_as(&loaded.project, &target, layout, None, false)?;
    let written = match stamp.layout() {
        Layout::File => "one file".to_owned(),
        Layout::Folder => format!(
            "a folder: {} article file(s) beside the project file",
            loaded.project.articles.len()
        ),
    };
    out(&format!(
        "{}: {} articles, {} highlights, {} relations, kept as {written}",
        target.display(),
        loaded.project.articles.len(),
        loaded.project.highlights.len(),
        loaded.project.relations.len(),
    ))?;
    Ok(ExitCode::SUCCESS)
}
