//! `warraq network`: a discourse network of the project's claims, as DNA
//! computes it, written for R, Python, Gephi or UCINET.

use super::{err, load, out};
use crate::model::{ActorKind, Date};
use crate::network::{
    self, Aggregation, Duplicates, Exclude, Format, Mode, Nodes, Normalization, Options,
};
use crate::store;
use clap::{Args, ValueEnum};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KindArg {
    Person,
    State,
    #[value(alias = "organization")]
    Organisation,
    Group,
    Other,
}

/// What `warraq network` is asked for.
#[derive(Debug, Args)]
pub struct NetworkArgs {
    pub project: PathBuf,
    /// Two-mode: actors × concepts; one-mode: actors × actors (or concepts × concepts with --nodes concepts).
    #[arg(long, value_enum, default_value = "two-mode")]
    pub mode: Mode,
    /// The nodes of a one-mode network.
    #[arg(long, value_enum, default_value = "actors")]
    pub nodes: Nodes,
    /// The actor of each statement: whichever of the speaker and the actor spoken
    /// for is of this kind (default: the speaker).
    #[arg(long, value_enum)]
    pub actors: Option<KindArg>,
    /// How stances enter the weights (DNA's qualifier aggregation).
    #[arg(long, value_enum, default_value = "ignore")]
    pub qualifier: Aggregation,
    #[arg(long, value_enum, default_value = "no")]
    pub normalize: Normalization,
    /// Which repeated statements (same actor, concept and, unless ignored, stance) count once.
    #[arg(long, value_enum, default_value = "include")]
    pub duplicates: Duplicates,
    /// First day (YYYY-MM-DD; a month or a year is its first day).
    #[arg(long)]
    pub from: Option<Date>,
    /// Last day (a month or a year is its last day).
    #[arg(long)]
    pub to: Option<Date>,
    /// A network per moving time window of this many days (CSV long format).
    #[arg(long)]
    pub window: Option<u32>,
    /// Days between windows.
    #[arg(long, default_value_t = 1, requires = "window")]
    pub step: u32,
    /// Leave out statements where FIELD is VALUE: actor, concept, stance,
    /// analyst, author, outlet, section, type, language, or an article variable.
    #[arg(long, value_name = "FIELD=VALUE")]
    pub exclude: Vec<String>,
    /// Keep the nodes of statements filtered out (DNA's isolates).
    #[arg(long)]
    pub isolates: bool,
    #[arg(long, value_enum, default_value = "csv")]
    pub format: Format,
    /// The file to write (never over an existing one without --force, never over the project).
    #[arg(short, long)]
    pub output: PathBuf,
    #[arg(long)]
    pub force: bool,
}

impl NetworkArgs {
    fn options(&self) -> anyhow::Result<Options> {
        Ok(Options {
            mode: self.mode,
            nodes: self.nodes,
            actor_kind: self.actors.map(|k| match k {
                KindArg::Person => ActorKind::Person,
                KindArg::State => ActorKind::State,
                KindArg::Organisation => ActorKind::Organisation,
                KindArg::Group => ActorKind::Group,
                KindArg::Other => ActorKind::Other,
            }),
            aggregation: self.qualifier,
            normalization: self.normalize,
            duplicates: self.duplicates,
            from: self.from,
            to: self.to,
            window: self.window.map(|w| (w, self.step)),
            exclude: self
                .exclude
                .iter()
                .map(|e| Exclude::parse(e))
                .collect::<Result<_, _>>()?,
            isolates: self.isolates,
        })
    }
}

pub(super) fn network(args: &NetworkArgs) -> anyhow::Result<ExitCode> {
    let options = args.options()?;
    options.check()?;
    if store::same_file(&args.output, &args.project) {
        anyhow::bail!(
            "{}: that is the project itself; a network goes to a file of its own (-o OUT)",
            args.output.display()
        );
    }
    if args.output.exists() && !args.force {
        anyhow::bail!(
            "{} exists; name another file with -o, or add --force to replace it",
            args.output.display()
        );
    }
    let project = load(&args.project)?.project;
    let text = written(&project, &options, args.format, &args.project)?;
    store::write_exported(
        &args.output,
        &crate::exchange::Exported::File(text.into_bytes()),
        &args.project,
    )?;
    out(&format!("{}: written", args.output.display()))?;
    Ok(ExitCode::SUCCESS)
}

fn written(
    project: &crate::model::Project,
    options: &Options,
    format: Format,
    path: &Path,
) -> anyhow::Result<String> {
    if let Format::Events = format {
        let found = network::statements(project, options)?;
        err(&format!(
            "{}: {} statements",
            path.display(),
            found.filtered.len()
        ));
        return Ok(network::write_events(&found.filtered));
    }
    let series = network::compute(project, options)?;
    let mut said = format!("{}: {} statements", path.display(), series.statements);
    if series.without_actor > 0 {
        let _ = write!(
            said,
            ", {} left out for want of an actor{}",
            series.without_actor,
            if options.actor_kind.is_some() {
                " of that kind"
            } else {
                ""
            }
        );
    }
    if series.undated > 0 {
        let _ = write!(said, ", {} left out for want of a date", series.undated);
    }
    err(&said);
    if options.window.is_some() {
        return match format {
            Format::Csv => Ok(network::write_series(&series)),
            _ => anyhow::bail!(
                "a series of windows is written as one CSV table (--format csv): window, row, column, value"
            ),
        };
    }
    let Some((_, one)) = series.networks.first() else {
        anyhow::bail!("no network: no statement in the range");
    };
    let kind = |nodes: Nodes| match nodes {
        Nodes::Actors => options.actor_kind.map_or("actor", ActorKind::label),
        Nodes::Concepts => "concept",
    };
    let (rows, columns) = match (options.mode, options.nodes) {
        (Mode::OneMode, Nodes::Concepts) => (kind(Nodes::Concepts), kind(Nodes::Actors)),
        _ => (kind(Nodes::Actors), kind(Nodes::Concepts)),
    };
    Ok(match format {
        Format::Csv => network::write_csv(one),
        Format::Dl => network::write_dl(one),
        Format::Graphml => network::write_graphml(one, rows, columns),
        Format::Events => unreachable!("written above"),
    })
}
