//! `warraq merge MINE THEIRS`: a colleague's copy merged two-way.

use super::{err, load, out, summary};
use crate::store;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Prefer {
    Mine,
    Theirs,
    Both,
}

pub(super) fn merge(
    mine_path: &Path,
    theirs_path: &Path,
    output: Option<PathBuf>,
    prefer: Option<Prefer>,
) -> anyhow::Result<ExitCode> {
    use crate::team::merge::{self, Choice};
    let mine = load(mine_path)?;
    let theirs = load(theirs_path)?.project;
    let plan = merge::plan(&mine.project, &theirs);
    let mut added: Vec<_> = plan
        .added
        .iter()
        .map(|(k, n)| format!("{n} {k}(s)"))
        .collect();
    added.sort();
    out(&format!(
        "added from {}: {}",
        theirs_path.display(),
        if added.is_empty() {
            "nothing".to_owned()
        } else {
            added.join(", ")
        }
    ))?;
    for conflict in &plan.conflicts {
        out(&format!(
            "conflict: {} `{}` differs between the two copies (without a common ancestor Warraq cannot tell which side changed it)",
            conflict.kind, conflict.id
        ))?;
    }
    for (kind, old, new) in &plan.renamed {
        out(&format!(
            "renamed: their {kind} `{old}` is another item than yours under the same id; theirs comes in as `{new}`, with every reference to it"
        ))?;
    }
    for (_, theirs, mine) in &plan.kept_apart {
        out(&format!(
            "kept apart: their relation `{theirs}` has the ends, type and date of your `{mine}` but other reports; both are kept"
        ))?;
    }
    for item in &plan.one_sided {
        out(&format!(
            "only in {}: {} `{}` {} — {} (a two-way merge cannot tell whether {})",
            if item.in_mine { "mine" } else { "theirs" },
            item.kind,
            item.id,
            item.label,
            if item.in_mine { "kept" } else { "added" },
            if item.in_mine {
                "you added it or they deleted it"
            } else {
                "they added it or you deleted it"
            }
        ))?;
    }
    for (a, b) in &plan.probable_duplicates {
        out(&format!(
            "probably the same actor: `{a}` and `{b}` (same name or a shared alias); merge them in Warraq if so"
        ))?;
    }
    let choice = match (prefer, plan.conflicts.is_empty()) {
        (_, true) | (Some(Prefer::Mine), false) => Choice::Mine,
        (Some(Prefer::Theirs), false) => Choice::Theirs,
        (Some(Prefer::Both), false) => Choice::KeepBoth,
        (None, false) => {
            err(&format!(
                "{} conflicts: nothing written; choose with --prefer mine|theirs|both, or merge in Warraq",
                plan.conflicts.len()
            ));
            return Ok(ExitCode::FAILURE);
        }
    };
    let merged = plan.apply_or_explain(|_| choice)?;
    let target = output.unwrap_or_else(|| mine_path.to_owned());
    let expected = (target == mine_path).then_some(&mine.stamp);
    store::save(&merged, &target, expected)?;
    out(&format!(
        "{}: saved: {}",
        target.display(),
        summary(&merged)
    ))?;
    Ok(ExitCode::SUCCESS)
}
