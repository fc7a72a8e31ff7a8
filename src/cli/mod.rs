//! The command line: open the window, or check and import files in scripts.

use crate::model::Project;
use crate::store;
use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod agreement;
mod check;
mod convert;
mod desktop;
mod export;
mod extract;
mod git;
mod import;
mod merge;
mod network;
mod suggest;

use agreement::agreement;
use check::check;
use convert::convert;
use desktop::install_desktop;
use export::export;
use extract::extract;
use git::{git_setup, merge_driver, merge_three};
use import::{import, import_text};
pub use merge::Prefer;
use merge::merge;
use network::network;
use suggest::suggest;

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

/// How `convert` keeps the project.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum LayoutArg {
    /// One `.warraq.ron` file.
    File,
    /// A folder: the project file and a file per article.
    Folder,
}

impl From<LayoutArg> for store::Layout {
    fn from(layout: LayoutArg) -> Self {
        match layout {
            LayoutArg::File => Self::File,
            LayoutArg::Folder => Self::Folder,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate project files and print a summary of each; exits non-zero if any is bad.
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Keep a project as one file or as a folder of files (a project file with the codebook,
    /// a file per article): the folder suits corpora of thousands of articles in git. Lossless
    /// both ways; OUTPUT must not exist (a folder may, if empty).
    Convert {
        input: PathBuf,
        #[arg(long, value_enum)]
        layout: LayoutArg,
        /// The new project: a `.warraq.ron` file, or for a folder its name (`gulf` or
        /// `gulf.warraq.ron` both make `gulf/gulf.warraq.ron`).
        #[arg(short, long)]
        output: PathBuf,
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
    /// A discourse network of the coded claims, as the Discourse Network Analyzer computes
    /// it: actors × concepts (two-mode) or actors tied by shared concepts (one-mode), with
    /// DNA's qualifier aggregations, normalisations, duplicates, date range and time windows;
    /// or the event list of statements. Says how many statements it counted.
    Network(network::NetworkArgs),
    /// What is not coded yet: every untagged mention of every registered actor's name or
    /// alias, with its line, the actor, a score and why. Writes nothing.
    Suggest {
        project: std::path::PathBuf,
        /// Only this article (its id).
        #[arg(long)]
        article: Option<String>,
        /// Print a JSON list (article, start, end in code points of the body, quote,
        /// actor, name, kind, score, why, context).
        #[arg(long)]
        json: bool,
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
        Some(Command::Convert {
            input,
            layout,
            output,
        }) => convert(&input, layout.into(), &output),
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
        Some(Command::Network(args)) => network(&args),
        Some(Command::Suggest {
            project,
            article,
            json,
        }) => suggest(&project, article.as_deref(), json),
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

/// Loads a project and tells its load warnings (an upgrade, CRLF read as LF),
/// as every command that reads a project does.
fn load(path: &Path) -> anyhow::Result<store::Loaded> {
    let loaded = store::load(path)?;
    for warning in &loaded.warnings {
        err(&format!("{}: warning: {warning}", path.display()));
    }
    Ok(loaded)
}
