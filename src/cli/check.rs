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
                // A folder with article files it cannot read opens, but is not whole.
                let left_out = loaded.stamp.unreadable_articles();
                if left_out > 0 {
                    all_good = false;
                    err(&format!(
                        "{}: {left_out} article file(s) could not be read (below); the rest is: {}",
                        path.display(),
                        summary(&loaded.project)
                    ));
                } else {
                    out(&format!(
                        "{}: ok: {}",
                        path.display(),
                        summary(&loaded.project)
                    ))?;
                }
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
