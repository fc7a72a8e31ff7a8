//! Discourse networks as DNA users know them: DNA's own sample database
//! (rDNA's `inst/extdata/sample.dna`, GPL-3, in `tests/data/dna/`) imports,
//! and its networks give the figures rDNA's tests publish
//! (`rDNA/tests/testthat/test-network.R`); every export is read back by its
//! consumer (networkx, python-igraph, pandas).

use crate::common::{python, repo_path, run, warraq};
use std::path::{Path, PathBuf};
use warraq::network::{self, Aggregation, Mode, Options};
use warraq::store;

/// DNA's sample imported into a new project in `dir`.
fn imported(dir: &Path) -> PathBuf {
    let project = dir.join("dna.warraq.ron");
    let output = run(&[
        "import".as_ref(),
        project.as_os_str(),
        repo_path("tests/data/dna/sample.dna").as_os_str(),
    ]);
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(said.contains("7 article(s)"), "{said}");
    assert!(said.contains("40 highlight(s)"), "{said}");
    // What has no place in a Warraq project is said, not dropped.
    assert!(said.contains("\"Annotation\""), "{said}");
    assert!(said.contains("regex"), "{said}");
    project
}

fn network(project: &Path, out: &Path, extra: &[&str]) {
    let mut args: Vec<&std::ffi::OsStr> = vec![
        "network".as_ref(),
        project.as_os_str(),
        "--actors".as_ref(),
        "organisation".as_ref(),
        "-o".as_ref(),
        out.as_os_str(),
    ];
    args.extend(extra.iter().map(|a| std::ffi::OsStr::new(*a)));
    run(&args);
}

#[test]
fn dna_sample_imports_every_statement_inside_its_document() {
    let dir = tempfile::tempdir().unwrap();
    let project = store::load(&imported(dir.path())).unwrap().project;
    assert_eq!(project.articles.len(), 7);
    let statements = project
        .highlights
        .iter()
        .filter(|h| matches!(h.tag, warraq::model::Tag::Claim(_)))
        .count();
    assert_eq!(statements, 40);
    // Documents keep DNA's metadata: date, author, source as outlet, section.
    let first = project
        .articles
        .iter()
        .find(|a| a.title.starts_with("109-876"))
        .unwrap();
    assert_eq!(first.published.unwrap().to_string(), "2005-01-26");
    assert_eq!(first.author, "Bluestein, Joel");
    assert_eq!(first.outlet, "109");
    assert_eq!(first.section, "876");
    // Coders are the analysts on the stamps.
    assert!(
        project
            .highlights
            .iter()
            .any(|h| h.changed.as_ref().is_some_and(|s| s.by == "Coder 1"))
    );
    // People speak on behalf of their organisations; concepts have several speakers.
    assert!(project.claims.iter().any(|c| c.on_behalf_of.is_some()));
    assert_eq!(project.concepts.len(), 6);
    assert!(project.validate().is_empty());
}

#[test]
fn dna_sample_networks_reproduce_rdna_published_figures() {
    let dir = tempfile::tempdir().unwrap();
    let project_path = imported(dir.path());
    let project = store::load(&project_path).unwrap().project;
    let options = Options {
        actor_kind: Some(warraq::model::ActorKind::Organisation),
        ..Options::default()
    };
    // dna_network(networkType = "twomode"): 7 × 6, summing to 40.
    let series = network::compute(&project, &options).unwrap();
    let two = &series.networks[0].1;
    assert_eq!((two.rows.len(), two.columns.len()), (7, 6));
    assert_eq!(two.sum(), 40.0);
    assert_eq!(series.statements, 40);
    assert_eq!(two.rows[0], "Alliance to Save Energy");
    assert_eq!(two.columns[0], "CO2 legislation will not hurt the economy.");
    assert_eq!(two.columns[1], "Cap and trade is the solution.");
    // "Ener*     2     0"
    assert_eq!(
        &two.row("Energy and Environmental Analysis, Inc.").unwrap()[..2],
        [2.0, 0.0]
    );
    // dna_network(networkType = "onemode"): 7 × 7, summing to 276.
    let one = &network::compute(
        &project,
        &Options {
            mode: Mode::OneMode,
            ..options.clone()
        },
    )
    .unwrap()
    .networks[0]
        .1;
    assert_eq!((one.rows.len(), one.columns.len()), (7, 7));
    assert_eq!(one.sum(), 276.0);
    assert_eq!(one.rows[0], "Alliance to Save Energy");
    // "Envi*    10     2"
    assert_eq!(
        &one.row("Environmental Protection Agency").unwrap()[..2],
        [10.0, 2.0]
    );
    // A binary stance: congruence + conflict = ignore, cell by cell.
    let with = |aggregation| {
        network::compute(
            &project,
            &Options {
                mode: Mode::OneMode,
                aggregation,
                ..options.clone()
            },
        )
        .unwrap()
        .networks
        .remove(0)
        .1
    };
    let (congruence, conflict) = (with(Aggregation::Congruence), with(Aggregation::Conflict));
    for (i, v) in one.values.iter().enumerate() {
        assert_eq!(congruence.values[i] + conflict.values[i], *v);
    }

    // The same through the command line, read back by pandas: the CSV matrix.
    let csv = dir.path().join("two.csv");
    network(&project_path, &csv, &[]);
    let Some(said) = python(&format!(
        r#"
import pandas as pd
m = pd.read_csv({csv:?}, index_col=0)
print(m.shape[0], m.shape[1], int(m.values.sum()), m.index[0], "|", m.columns[0])
"#,
        csv = csv.to_str().unwrap()
    )) else {
        return;
    };
    assert_eq!(
        said.trim(),
        "7 6 40 Alliance to Save Energy | CO2 legislation will not hurt the economy."
    );
}

#[test]
fn every_network_format_is_read_by_its_consumer() {
    let dir = tempfile::tempdir().unwrap();
    let project = imported(dir.path());
    let (graphml, dl, dl2, events) = (
        dir.path().join("one.graphml"),
        dir.path().join("one.dl"),
        dir.path().join("two.dl"),
        dir.path().join("events.csv"),
    );
    network(
        &project,
        &graphml,
        &[
            "--mode",
            "one-mode",
            "--qualifier",
            "subtract",
            "--format",
            "graphml",
        ],
    );
    network(&project, &dl, &["--mode", "one-mode", "--format", "dl"]);
    network(&project, &dl2, &["--format", "dl"]);
    network(&project, &events, &["--format", "events"]);
    let Some(said) = python(&format!(
        r#"
import networkx as nx, igraph, pandas as pd
g = nx.read_graphml({graphml:?})
labels = sorted(d["label"] for _, d in g.nodes(data=True))
signs = sorted(set(d["sign"] for *_, d in g.edges(data=True)))
assert all(abs(d["weight"]) == d["abs"] for *_, d in g.edges(data=True))
print(g.number_of_nodes(), labels[0], signs)
one = igraph.Graph.Read_DL({dl:?}, directed=True)
print(one.vcount(), int(sum(one.es["weight"])), one.vs["name"][2].replace("\xa0", " "))
two = igraph.Graph.Read_DL({dl2:?}, directed=True)
print(two.vcount(), int(sum(two.es["weight"])))
e = pd.read_csv({events:?})
print(len(e), sorted(e["stance"].unique()), e["date"].min(), list(e.columns[:4]))
"#,
        graphml = graphml.to_str().unwrap(),
        dl = dl.to_str().unwrap(),
        dl2 = dl2.to_str().unwrap(),
        events = events.to_str().unwrap(),
    )) else {
        return;
    };
    let lines: Vec<&str> = said.lines().collect();
    assert_eq!(lines[0], "7 Alliance to Save Energy [-1, 1]");
    assert_eq!(lines[1], "7 276 Environmental Protection Agency");
    assert_eq!(lines[2], "13 40");
    assert_eq!(
        lines[3],
        "40 ['affirms', 'denies'] 2005-01-26 ['statement', 'date', 'article', 'title']"
    );
}

#[test]
fn a_window_series_is_one_long_csv_for_r() {
    let dir = tempfile::tempdir().unwrap();
    let project_path = imported(dir.path());
    let out = dir.path().join("windows.csv");
    network(
        &project_path,
        &out,
        &["--mode", "one-mode", "--window", "7"],
    );
    // 2005-01-26 … 2005-02-16: a 7-day window centred on each day that
    // fits in the range, as DNA moves it: 22 days, 3 either side, 16 windows.
    let project = store::load(&project_path).unwrap().project;
    let series = network::compute(
        &project,
        &Options {
            mode: Mode::OneMode,
            window: Some((7, 1)),
            actor_kind: Some(warraq::model::ActorKind::Organisation),
            ..Options::default()
        },
    )
    .unwrap();
    assert_eq!(series.networks.len(), 16);
    let with_ties = series
        .networks
        .iter()
        .filter(|(_, n)| n.sum() != 0.0)
        .count();
    let Some(said) = python(&format!(
        r#"
import pandas as pd
w = pd.read_csv({out:?})
print(list(w.columns))
print(w["window_centre"].nunique(), (pd.to_datetime(w["window_stop"]) - pd.to_datetime(w["window_start"])).dt.days.unique().tolist())
"#,
        out = out.to_str().unwrap()
    )) else {
        return;
    };
    let lines: Vec<&str> = said.lines().collect();
    assert_eq!(
        lines[0],
        "['window_start', 'window_stop', 'window_centre', 'row', 'column', 'value']"
    );
    assert_eq!(lines[1], format!("{with_ties} [6]"));
}

#[test]
fn bad_dna_files_import_nothing_and_say_why() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.warraq.ron");
    let sample = repo_path("tests/data/dna/sample.dna");
    // Not SQLite at all.
    let text = dir.path().join("notes.dna");
    std::fs::write(&text, "just some notes\n").unwrap();
    // Damaged: the first half of the database.
    let damaged = dir.path().join("damaged.dna");
    let bytes = std::fs::read(&sample).unwrap();
    std::fs::write(&damaged, &bytes[..bytes.len() / 2]).unwrap();
    // A statement reaching past its document's end.
    let outside = dir.path().join("outside.dna");
    std::fs::copy(&sample, &outside).unwrap();
    // A DNA 2 database: other tables.
    let old = dir.path().join("old.dna");
    // These two are made with Python's sqlite3; the others need nothing.
    let made = sqlite(
        &outside,
        "UPDATE STATEMENTS SET Stop = 10000000 WHERE ID = 3",
    ) && sqlite(
        &old,
        "CREATE TABLE STATEMENTTYPE(ID INTEGER, Label TEXT); CREATE TABLE REGEX(Label TEXT)",
    );
    let mut cases = vec![
        (&text, "not a readable SQLite database"),
        (&damaged, "not a readable SQLite database"),
    ];
    if made {
        cases.extend([(&outside, "statement 3"), (&old, "DNA 2")]);
    }
    for (file, expected) in cases {
        let output = warraq()
            .args(["import".as_ref(), project.as_os_str(), file.as_os_str()])
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{}: accepted", file.display());
        assert!(said.contains(expected), "{}: {said}", file.display());
        assert!(
            !project.exists(),
            "nothing is written for {}",
            file.display()
        );
    }
}

/// Runs SQL on a database file through Python's sqlite3 (what DNA's files
/// are); false where Python is not installed.
fn sqlite(path: &Path, sql: &str) -> bool {
    python(&format!(
        "import sqlite3\nc = sqlite3.connect({path:?})\nc.executescript({sql:?})\nc.commit()",
        path = path.to_str().unwrap()
    ))
    .is_some()
}
