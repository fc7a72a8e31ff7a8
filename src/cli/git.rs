//! Warraq in a git repository: `merge --base` (three-way), `merge-driver`, `git-setup`.

use super::{err, load, out};
use crate::store;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Prints what a three-way merge could not settle.
pub(super) fn say_conflicts(conflicts: &[crate::team::merge3::Conflict3], path: &Path) {
    for c in conflicts {
        err(&format!(
            "{}: conflict: {} `{}` {}: {}",
            path.display(),
            c.kind,
            c.id,
            c.label.replace(['\u{2068}', '\u{2069}'], ""),
            c.what
        ));
        for f in &c.fields {
            err(&format!(
                "    {}: mine «{}», theirs «{}»",
                f.name, f.mine, f.theirs
            ));
        }
    }
}

pub(super) fn merge_three(
    base: &Path,
    mine: &Path,
    theirs: &Path,
    output: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let (b, m, t) = (load(base)?.project, load(mine)?, load(theirs)?.project);
    let result = crate::team::merge3::merge3(&b, &m.project, &t);
    let target = output.unwrap_or(mine);
    let expected = if target == mine { Some(&m.stamp) } else { None };
    store::save(&result.merged, target, expected)?;
    say_conflicts(&result.conflicts, target);
    out(&format!(
        "{}: merged three-way, {} conflict(s)",
        target.display(),
        result.conflicts.len()
    ))?;
    Ok(if result.conflicts.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// The driver for one file of a project kept as a folder: the project
/// file, an article file or a relation shard, merged as the part of a
/// project it holds. Conflicts are reported; mine is kept where both changed.
fn merge_part(
    kind: store::folder::PartKind,
    base: &Path,
    mine: &Path,
    theirs: &Path,
    shown: &Path,
) -> anyhow::Result<ExitCode> {
    let read = |path: &Path| store::folder::read_part(path, kind);
    let (b, m, t) = (read(base)?, read(mine)?, read(theirs)?);
    let result = crate::team::merge3::merge3(&b.project, &m.project, &t.project);
    let mut merged = result.merged;
    if kind != store::folder::PartKind::ProjectFile {
        // Conflicts are kept in the project file, which this merge does not write.
        merged.conflicts.clear();
    }
    let text = store::folder::write_part(kind, &merged, &[&m, &t, &b])
        .map_err(|e| anyhow::anyhow!("{}: {e}", shown.display()))?;
    driver_result(
        &text,
        mine,
        &result.conflicts,
        shown,
        "mine is kept where both changed",
    )
}

/// Writes a driver's merge into `mine` (git's `%A`) and says what remains:
/// exit 0 when clean, as git expects.
fn driver_result(
    text: &str,
    mine: &Path,
    conflicts: &[crate::team::merge3::Conflict3],
    shown: &Path,
    kept: &str,
) -> anyhow::Result<ExitCode> {
    store::write_export(mine, text.as_bytes())?;
    say_conflicts(conflicts, shown);
    if conflicts.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        err(&format!(
            "{}: {} conflict(s); {kept} (see above)",
            shown.display(),
            conflicts.len()
        ));
        Ok(ExitCode::FAILURE)
    }
}

/// git's driver convention: `%O %A %B %P`; the merge is written into `%A`
/// (a temporary file of git's: no backup beside it), exit 0 when clean.
pub(super) fn merge_driver(
    base: &Path,
    mine: &Path,
    theirs: &Path,
    path: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let shown = path.unwrap_or(mine);
    if let Some(kind) = store::folder::part_kind(mine) {
        return merge_part(kind, base, mine, theirs, shown);
    }
    let (b, m, t) = (
        load(base)?.project,
        load(mine)?.project,
        load(theirs)?.project,
    );
    let result = crate::team::merge3::merge3(&b, &m, &t);
    let text = store::to_ron_string(&result.merged)?;
    driver_result(
        &text,
        mine,
        &result.conflicts,
        shown,
        "the file is a valid project with mine kept where both changed",
    )
}

/// Adds `line` to a git file of the repository (once).
pub(super) fn add_line(file: &Path, line: &str) -> anyhow::Result<()> {
    let existing = std::fs::read_to_string(file).unwrap_or_default();
    if existing.lines().any(|l| l.trim() == line) {
        return out(&format!("{}: already has `{line}`", file.display()));
    }
    let mut text = existing;
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(line);
    text.push('\n');
    std::fs::write(file, text)?;
    out(&format!(
        "{}: added `{line}` (commit it so the team shares it)",
        file.display()
    ))
}

/// Registers the merge driver in the repository the command runs in.
pub(super) fn git_setup() -> anyhow::Result<ExitCode> {
    let git = |args: &[&str]| -> anyhow::Result<String> {
        let output = std::process::Command::new("git").args(args).output()?;
        if !output.status.success() {
            anyhow::bail!(
                "git {}: {}",
                args.join(" "),
                String::from_utf8_lossy(&output.stderr).trim()
            );
        }
        Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
    };
    let root = PathBuf::from(git(&["rev-parse", "--show-toplevel"]).map_err(|_| {
        anyhow::anyhow!("not inside a git repository; run `warraq git-setup` in one")
    })?);
    add_line(&root.join(".gitattributes"), "*.warraq.ron merge=warraq")?;
    // A project kept as a folder: its article files and relation shards.
    add_line(
        &root.join(".gitattributes"),
        "**/articles/*/*.ron merge=warraq",
    )?;
    add_line(
        &root.join(".gitattributes"),
        "**/relations/*.ron merge=warraq",
    )?;
    // The copy a save or an import keeps of the previous version is not work to commit.
    add_line(&root.join(".gitignore"), "*.warraq.ron.bak")?;
    // A folder project's cache of what its files held: each clone makes its own.
    add_line(&root.join(".gitignore"), ".warraq-cache/")?;
    let exe = std::env::current_exe()?;
    let driver = format!("'{}' merge-driver %O %A %B %P", exe.display());
    git(&[
        "config",
        "merge.warraq.name",
        "Warraq three-way project merge",
    ])?;
    git(&["config", "merge.warraq.driver", &driver])?;
    out(&format!("git config merge.warraq.driver = {driver}"))?;
    Ok(ExitCode::SUCCESS)
}
