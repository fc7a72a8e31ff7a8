//! `warraq install-desktop`: a double-click opens a project.

use super::{err, out};
use std::path::PathBuf;
use std::process::ExitCode;

pub(super) fn install_desktop(prefix: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let data_home = prefix
        .or_else(crate::desktop::default_data_home)
        .ok_or_else(|| {
            anyhow::anyhow!("no --prefix given and neither XDG_DATA_HOME nor HOME is set")
        })?;
    let exe = std::env::current_exe()?;
    let exe = std::fs::canonicalize(&exe).unwrap_or(exe);
    let installed = crate::desktop::install(&data_home, &exe)?;
    for file in &installed.files {
        out(&format!("wrote {}", file.display()))?;
    }
    for warning in &installed.warnings {
        err(&format!("warning: {warning}"));
    }
    out(&format!(
        "Warraq now opens *.warraq.ron files ({}).",
        crate::desktop::MIME_TYPE
    ))?;
    Ok(ExitCode::SUCCESS)
}
