//! The command line: open the window, or check and import files in scripts.

use crate::model::{IdGenerator, Project};
use crate::store;
use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "warraq",
    version,
    about = "A workbench for coding news articles: actors, claims and relations."
)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Project file to open in the window (what a double-click passes), or an
    /// article (.txt, .html, .docx, .pdf) to start a new project with.
    pub file: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate project files and print a summary of each; exits non-zero if any is bad.
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Write a project in another format: for a colleague (ron), for scripts (json), for
    /// spreadsheets (csv, highlights-csv) or for network tools (graphml).
    Export {
        project: PathBuf,
        #[arg(long, value_enum)]
        format: crate::exchange::Format,
        /// Where to write (default: beside the project, `NAME.for-colleague.warraq.ron`
        /// or `NAME.` and the format's ending). An existing file is never replaced
        /// unless --force says so.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Replace the output file if it exists (never the project itself).
        #[arg(long)]
        force: bool,
        /// Only these articles (ids, comma-separated) and what is coded on them.
        #[arg(long, value_delimiter = ',')]
        articles: Option<Vec<String>>,
        /// The exporting analyst's name, recorded in RON and JSON exports
        /// (default: $`WARRAQ_ANALYST`, else the login name).
        #[arg(long)]
        analyst: Option<String>,
    },
    /// Merge a colleague's copy into a project: their new items are added; items you both
    /// changed are listed, and written only if --prefer says whose version wins.
    Merge {
        mine: PathBuf,
        theirs: PathBuf,
        /// Where to write the merge (default: over MINE, keeping MINE.bak).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Settle every conflict this way: mine, theirs, or both (theirs added under a new id).
        #[arg(long, value_enum)]
        prefer: Option<Prefer>,
        /// The version both copies started from: a three-way merge, where a change made on one
        /// side only is taken and a deletion is carried (what `git merge` needs).
        #[arg(long)]
        base: Option<PathBuf>,
    },
    /// git's merge driver for `*.warraq.ron` (`warraq git-setup` registers it): merges THEIRS
    /// into MINE three-way from BASE and writes MINE; exits non-zero when conflicts remain.
    MergeDriver {
        base: PathBuf,
        mine: PathBuf,
        theirs: PathBuf,
        /// The project's path in the repository (git's %P), for messages.
        path: Option<PathBuf>,
    },
    /// Inside a git repository: register Warraq as the merge driver for `*.warraq.ron`
    /// (a `.gitattributes` line and the repository's git config). Safe to run again.
    GitSetup,
    /// Compare analysts' coding of the same articles: highlight agreement per pair (exact and
    /// overlapping spans, per tag kind), relation agreement, every disagreement; and for all of
    /// them Krippendorff's alpha over code points per tag kind and Cohen's / Fleiss' kappa.
    Agreement {
        #[arg(required = true, num_args = 2..)]
        files: Vec<PathBuf>,
        /// Print every figure as JSON, for scripts.
        #[arg(long)]
        json: bool,
        /// Also write every figure as CSV to this file (not over an existing one).
        #[arg(long)]
        csv: Option<PathBuf>,
        /// Also write the first project's HTML report with an agreement section to this file.
        #[arg(long)]
        html: Option<PathBuf>,
    },
    /// Register Warraq with the desktop (Linux): menu entry, icon, and `*.warraq.ron` opening in Warraq.
    InstallDesktop {
        /// The XDG data folder to install into (default: $`XDG_DATA_HOME` or ~/.local/share).
        #[arg(long)]
        prefix: Option<PathBuf>,
    },
    /// Add articles and what other tools wrote to a project, creating it if it does not
    /// exist: articles as analysts receive them (.txt, saved web pages .html/.htm, Word
    /// .docx, PDF with a text layer, or folders of them), REFI-QDA (.qdpx), brat (.ann
    /// with its .txt, or a folder of them) and Warraq .json. Says what came in, which
    /// articles were already there, and what could not be read or mapped.
    Import {
        project: PathBuf,
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Keep each article's headline as the first line of the text too, so it can be coded.
        #[arg(long)]
        headline_in_body: bool,
        /// Add an article even when its text is already in the project.
        #[arg(long)]
        keep_duplicates: bool,
    },
    /// Print the article Warraq reads from a file (web page, Word, PDF, text): its
    /// metadata, then its text, as an import would add it. Writes nothing.
    Extract {
        file: PathBuf,
        /// Print JSON (title, outlet, url, published, language, notes, body) instead.
        #[arg(long)]
        json: bool,
        /// Keep the headline as the first line of the text too.
        #[arg(long)]
        headline_in_body: bool,
    },
    /// Add plain-text articles (UTF-8 .txt) to a project, creating it if it does not exist.
    ImportText {
        project: PathBuf,
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Keep each file's headline as the first line of the text too, so it can be coded.
        #[arg(long)]
        headline_in_body: bool,
    },
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Check { files }) => check(&files),
        Some(Command::Import {
            project,
            files,
            headline_in_body,
            keep_duplicates,
        }) => import(
            &project,
            &files,
            crate::exchange::import::Options {
                headline: headline(headline_in_body),
                duplicates: if keep_duplicates {
                    crate::exchange::import::Duplicates::Keep
                } else {
                    crate::exchange::import::Duplicates::Skip
                },
            },
        ),
        Some(Command::Extract {
            file,
            json,
            headline_in_body,
        }) => extract(&file, json, headline(headline_in_body)),
        Some(Command::ImportText {
            project,
            files,
            headline_in_body,
        }) => import_text(&project, &files, headline(headline_in_body)),
        Some(Command::InstallDesktop { prefix }) => install_desktop(prefix),
        Some(Command::Export {
            project,
            format,
            output,
            force,
            articles,
            analyst,
        }) => export(
            &project,
            format,
            output.as_deref(),
            force,
            articles,
            analyst,
        ),
        Some(Command::Merge {
            mine,
            theirs,
            output,
            base: Some(base),
            ..
        }) => merge_three(&base, &mine, &theirs, output.as_deref()),
        Some(Command::Merge {
            mine,
            theirs,
            output,
            prefer,
            base: None,
        }) => merge(&mine, &theirs, output, prefer),
        Some(Command::MergeDriver {
            base,
            mine,
            theirs,
            path,
        }) => merge_driver(&base, &mine, &theirs, path.as_deref()),
        Some(Command::GitSetup) => git_setup(),
        Some(Command::Agreement {
            files,
            json,
            csv,
            html,
        }) => agreement(&files, json, csv.as_deref(), html.as_deref()),
        None => crate::ui::run(cli.file.as_deref()),
    };
    match result {
        Ok(code) => code,
        Err(e) if e.is::<ClosedPipe>() => ExitCode::SUCCESS,
        Err(e) => {
            err(&format!("warraq: {e:#}"));
            ExitCode::FAILURE
        }
    }
}

/// Text from a project (names, titles, ids) as it may be printed: control
/// characters shown escaped, so a name holding `ESC]0;…` or `ESC[2J` cannot
/// retitle or clear the analyst's terminal.
pub fn printable(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() && c != '\n' && c != '\t' {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Standard output was closed (`warraq check … | head -1`): the reader has
/// what it wanted, so the command ends quietly.
#[derive(Debug, thiserror::Error)]
#[error("standard output was closed")]
struct ClosedPipe;

/// Prints a line of the command's output.
fn out(line: &str) -> anyhow::Result<()> {
    out_raw(&format!("{line}\n"))
}

fn out_raw(text: &str) -> anyhow::Result<()> {
    use std::io::Write as _;
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(printable(text).as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(ClosedPipe.into()),
        other => Ok(other?),
    }
}

/// Prints a line on standard error (a failure to do so has nowhere to be told).
fn err(line: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr().lock(), "{}", printable(line));
}

/// One line per project: what it holds.
pub fn summary(project: &Project) -> String {
    format!(
        "\"{}\": {} articles, {} actors, {} claims, {} highlights, {} relations, {} relation types",
        project.title,
        project.articles.len(),
        project.actors.len(),
        project.claims.len(),
        project.highlights.len(),
        project.relations.len(),
        project.vocabulary.len()
    )
}

fn check(files: &[PathBuf]) -> anyhow::Result<ExitCode> {
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

/// The project at `path`, or a new one named after the file when there is
/// none yet (an import creates its project).
fn load_or_new(path: &Path) -> anyhow::Result<(Project, Option<store::FileStamp>)> {
    if path.exists() {
        let loaded = load(path)?;
        return Ok((loaded.project, Some(loaded.stamp)));
    }
    let title = path
        .file_name()
        .map(|n| {
            n.to_string_lossy()
                .trim_end_matches(".ron")
                .trim_end_matches(".warraq")
                .to_owned()
        })
        .unwrap_or_default();
    Ok((Project::new(title), None))
}

fn headline(in_body: bool) -> store::Headline {
    if in_body {
        store::Headline::AlsoInBody
    } else {
        store::Headline::TitleOnly
    }
}

fn extract(file: &Path, json: bool, headline: store::Headline) -> anyhow::Result<ExitCode> {
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

fn import(
    project_path: &Path,
    files: &[PathBuf],
    options: crate::exchange::import::Options,
) -> anyhow::Result<ExitCode> {
    let (project, stamp) = load_or_new(project_path)?;
    if let Some(same) = files.iter().find(|f| store::same_file(f, project_path)) {
        anyhow::bail!(
            "{}: that is the project itself; name the files to bring into it",
            same.display()
        );
    }
    let imported =
        match crate::exchange::import::import(&project, files, options, &mut IdGenerator::new()) {
            Ok(imported) => imported,
            Err(e) => {
                err(&format!(
                    "{}: {e}\nnothing was saved",
                    project_path.display()
                ));
                return Ok(ExitCode::FAILURE);
            }
        };
    store::save(&imported.project, project_path, stamp.as_ref())?;
    let mut report = imported.report();
    report[0] = format!("{}: {}", project_path.display(), report[0]);
    out(&report[0])?;
    for line in &report[1..] {
        err(line);
    }
    Ok(if imported.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn import_text(
    project_path: &Path,
    files: &[PathBuf],
    headline: store::Headline,
) -> anyhow::Result<ExitCode> {
    let (project, stamp) = load_or_new(project_path)?;
    // What can be read comes in; what cannot is listed; the project is saved once.
    let mut read = Vec::new();
    let mut articles = Vec::new();
    let mut failed = 0;
    for file in files {
        match store::read_text_article(file, headline) {
            Ok((article, note)) => {
                if let Some(note) = note {
                    err(&format!("{}: {note}", file.display()));
                }
                read.push(file);
                articles.push(article);
            }
            Err(e) => {
                failed += 1;
                err(&format!("not imported: {e}"));
            }
        }
    }
    if articles.is_empty() {
        err(&format!(
            "{}: nothing imported, so nothing was saved",
            project_path.display()
        ));
        return Ok(ExitCode::FAILURE);
    }
    // Through the edit path, as in the window: the articles carry who added them.
    let mut app = crate::app::App::new(project);
    let made = app.edit(crate::model::edit::Edit::AddArticles(articles))?;
    let project = &app.document().project();
    let imported: Vec<_> = read.into_iter().zip(made.articles).collect();
    store::save(project, project_path, stamp.as_ref())?;
    for (file, id) in &imported {
        let title = project
            .article(id)
            .map(|a| a.title.as_str())
            .unwrap_or_default();
        out(&format!("{}: imported as {id}: {title}", file.display()))?;
    }
    out(&format!(
        "{}: saved with {} new article{}{}: {}",
        project_path.display(),
        imported.len(),
        if imported.len() == 1 { "" } else { "s" },
        if failed > 0 {
            format!(
                " ({failed} file{} could not be read, listed above)",
                if failed == 1 { "" } else { "s" }
            )
        } else {
            String::new()
        },
        summary(project)
    ))?;
    Ok(if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Loads a project and tells its load warnings (an upgrade, CRLF read as LF),
/// as every command that reads a project does.
fn load(path: &Path) -> anyhow::Result<store::Loaded> {
    let loaded = store::load(path)?;
    for warning in &loaded.warnings {
        err(&format!("{}: warning: {warning}", path.display()));
    }
    Ok(loaded)
}

fn install_desktop(prefix: Option<PathBuf>) -> anyhow::Result<ExitCode> {
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

fn export(
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
    let exported =
        crate::exchange::export_as(&project, format, &analyst).map_err(|e| anyhow::anyhow!(e))?;
    store::write_exported(&output, &exported, project_path)?;
    out(&format!("{}: {} written", output.display(), format.label()))?;
    Ok(ExitCode::SUCCESS)
}

/// Prints what a three-way merge could not settle.
fn say_conflicts(conflicts: &[crate::team::merge3::Conflict3], path: &Path) {
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

fn merge_three(
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

/// git's driver convention: `%O %A %B %P`; the merge is written into `%A`
/// (a temporary file of git's: no backup beside it), exit 0 when clean.
fn merge_driver(
    base: &Path,
    mine: &Path,
    theirs: &Path,
    path: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let shown = path.unwrap_or(mine);
    let (b, m, t) = (
        load(base)?.project,
        load(mine)?.project,
        load(theirs)?.project,
    );
    let result = crate::team::merge3::merge3(&b, &m, &t);
    let text = store::to_ron_string(&result.merged)?;
    store::write_export(mine, text.as_bytes())?;
    say_conflicts(&result.conflicts, shown);
    if result.conflicts.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        err(&format!(
            "{}: {} conflict(s); the file is a valid project with mine kept where both changed (see above)",
            shown.display(),
            result.conflicts.len()
        ));
        Ok(ExitCode::FAILURE)
    }
}

/// Adds `line` to a git file of the repository (once).
fn add_line(file: &Path, line: &str) -> anyhow::Result<()> {
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
fn git_setup() -> anyhow::Result<ExitCode> {
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
    // The copy a save or an import keeps of the previous version is not work to commit.
    add_line(&root.join(".gitignore"), "*.warraq.ron.bak")?;
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

fn agreement(
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Prefer {
    Mine,
    Theirs,
    Both,
}

fn merge(
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
    let merged = plan
        .apply_or_explain(|_| choice)
        .map_err(|e| anyhow::anyhow!("the merge would be inconsistent: {e}"))?;
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
