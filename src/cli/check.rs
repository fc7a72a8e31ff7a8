//! `warraq check FILE…`: validates project files.

use super::{err, out, summary};
use crate::store;
use std::path::PathBuf;
use std::process::ExitCode;

pub(super) fn check(files: &[PathBuf]) -> anyhow::Result<ExitCode> {
    let mut all_good = true;
    for path in files {
        match store::load(path) {
            Ok(loaded) => {
                out(&format!(
                    "{}: ok: {}",
                    path.display(),
                    summary(&loaded.project)
                ))?;
                for warning in loaded.warnings {
                    out(&format!("{}: warning: {warning}", path.display()))?;
                }
                let conflicts = &loaded.project.conflicts;
                if !conflicts.is_empty() {
                    out(&format!(
                        "{}: {} unresolved merge conflict(s); open the project in Warraq to settle them:",
                        path.display(),
                        conflicts.len()
                    ))?;
                    for c in conflicts {
                        out(&format!("  {} `{}` {}: {}", c.kind, c.id, c.label, c.what))?;
                    }
                }
            }
            Err(e) => {
                all_good = false;
                err(&format!("{e}"));
            }
        }
    }
    Ok(if all_good {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
