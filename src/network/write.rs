//! Networks and statements as files other programs read: a CSV matrix
//! (pandas, R, DNA's layout), `GraphML` (networkx, Gephi), UCINET DL
//! (python-igraph, UCINET), a CSV long list of windowed networks and a CSV
//! event list of statements (R/tidygraph).

use super::{Network, Series, Statement};
use crate::exchange::xml::escape;
use crate::model::Date;
use std::fmt::Write as _;

/// What a network is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Csv,
    Graphml,
    Dl,
    Events,
}

/// DNA prints weights as integers when all are whole, else with six decimals.
fn number(value: f64, integer: bool) -> String {
    if integer {
        format!("{value:.0}")
    } else {
        format!("{value:.6}")
    }
}

fn csv_line(out: &mut String, fields: &[&str]) {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    // Writing to memory cannot fail.
    let _ = writer.write_record(fields);
    if let Ok(bytes) = writer.into_inner() {
        out.push_str(&String::from_utf8_lossy(&bytes));
    }
}

/// The matrix: an empty cell then the column labels; each row its label then its values.
pub fn write_csv(network: &Network) -> String {
    let integer = network.integer();
    let mut out = String::new();
    let header: Vec<&str> = std::iter::once("")
        .chain(network.columns.iter().map(String::as_str))
        .collect();
    csv_line(&mut out, &header);
    for (i, row) in network.rows.iter().enumerate() {
        let values: Vec<String> = (0..network.columns.len())
            .map(|j| number(network.get(i, j), integer))
            .collect();
        let fields: Vec<&str> = std::iter::once(row.as_str())
            .chain(values.iter().map(String::as_str))
            .collect();
        csv_line(&mut out, &fields);
    }
    out
}

/// Every network of a series in one long table: window start, stop and
/// centre, row, column and value, one line per non-zero cell.
pub fn write_series(series: &Series) -> String {
    let mut out = String::new();
    csv_line(
        &mut out,
        &[
            "window_start",
            "window_stop",
            "window_centre",
            "row",
            "column",
            "value",
        ],
    );
    for (window, network) in &series.networks {
        let integer = network.integer();
        let days = window.map_or([String::new(), String::new(), String::new()], |w| {
            [w.start, w.stop, w.centre].map(|d| Date::from_day(d).to_string())
        });
        for (i, row) in network.rows.iter().enumerate() {
            for (j, column) in network.columns.iter().enumerate() {
                let value = network.get(i, j);
                if value != 0.0 {
                    csv_line(
                        &mut out,
                        &[
                            &days[0],
                            &days[1],
                            &days[2],
                            row,
                            column,
                            &number(value, integer),
                        ],
                    );
                }
            }
        }
    }
    out
}

/// UCINET's DL as an edge list (`format = edgelist1`): every non-zero cell
/// with its weight, which UCINET and python-igraph both read (igraph's DL
/// reader takes only 0/1 in a full matrix). A two-mode network is written as
/// one node list, rows first, then columns. DL separates labels at spaces
/// and commas, so inside a label a space is written as a no-break space
/// (U+00A0) and a comma as U+201A; every other character is kept.
pub fn write_dl(network: &Network) -> String {
    let integer = network.integer();
    let label = |l: &str| -> String {
        l.chars()
            .map(|c| match c {
                c if c.is_whitespace() => '\u{a0}',
                ',' => '\u{201a}',
                c => c,
            })
            .collect()
    };
    let rows = network.rows.len();
    let nodes: Vec<&String> = if network.one_mode {
        network.rows.iter().collect()
    } else {
        network.rows.iter().chain(&network.columns).collect()
    };
    let mut out = format!("dl n={}\nformat = edgelist1\nlabels:\n", nodes.len());
    for node in &nodes {
        let _ = writeln!(out, "{}", label(node));
    }
    out.push_str("data:\n");
    for i in 0..rows {
        for j in 0..network.columns.len() {
            let value = network.get(i, j);
            if value != 0.0 {
                let target = if network.one_mode { j } else { rows + j };
                let _ = writeln!(out, "{} {} {}", i + 1, target + 1, number(value, integer));
            }
        }
    }
    out
}

/// `GraphML`: one node per row and column (with its kind), one edge per
/// non-zero cell with its weight, and for signed weights the sign and the
/// absolute weight apart (Gephi and layouts want positive widths).
pub fn write_graphml(network: &Network, row_kind: &str, column_kind: &str) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n",
    );
    for (id, name, kind) in [
        ("label", "label", "string"),
        ("kind", "kind", "string"),
        ("mode", "mode", "string"),
    ] {
        let _ = writeln!(
            out,
            "  <key id=\"{id}\" for=\"node\" attr.name=\"{name}\" attr.type=\"{kind}\"/>"
        );
    }
    for (id, kind) in [("weight", "double"), ("sign", "int"), ("abs", "double")] {
        let _ = writeln!(
            out,
            "  <key id=\"{id}\" for=\"edge\" attr.name=\"{id}\" attr.type=\"{kind}\"/>"
        );
    }
    let direction = if network.one_mode {
        "undirected"
    } else {
        "directed"
    };
    let _ = writeln!(out, "  <graph id=\"network\" edgedefault=\"{direction}\">");
    let node = |out: &mut String, id: String, label: &str, kind: &str, mode: &str| {
        let _ = writeln!(
            out,
            "    <node id=\"{id}\"><data key=\"label\">{}</data><data key=\"kind\">{}</data><data key=\"mode\">{mode}</data></node>",
            escape(label),
            escape(kind)
        );
    };
    for (i, row) in network.rows.iter().enumerate() {
        node(&mut out, format!("r{i}"), row, row_kind, "row");
    }
    if !network.one_mode {
        for (j, column) in network.columns.iter().enumerate() {
            node(&mut out, format!("c{j}"), column, column_kind, "column");
        }
    }
    let mut edge = 0usize;
    for i in 0..network.rows.len() {
        for j in 0..network.columns.len() {
            // A one-mode network is symmetric: each tie once.
            if network.one_mode && j <= i {
                continue;
            }
            let value = network.get(i, j);
            if value == 0.0 {
                continue;
            }
            let target = if network.one_mode {
                format!("r{j}")
            } else {
                format!("c{j}")
            };
            let sign = if value < 0.0 { -1 } else { 1 };
            let _ = writeln!(
                out,
                "    <edge id=\"e{edge}\" source=\"r{i}\" target=\"{target}\"><data key=\"weight\">{value}</data><data key=\"sign\">{sign}</data><data key=\"abs\">{}</data></edge>",
                value.abs()
            );
            edge += 1;
        }
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}

/// One line per statement, in date order: what R's relational event models
/// and tidygraph read. The analyst's article variables follow as columns of
/// their own (`var:NAME`), empty where an article has none.
pub fn write_events(statements: &[Statement<'_>]) -> String {
    let variables: std::collections::BTreeSet<&str> = statements
        .iter()
        .flat_map(|s| s.article.variables.keys().map(String::as_str))
        .collect();
    let mut out = String::new();
    let mut header: Vec<String> = [
        "statement",
        "date",
        "article",
        "title",
        "outlet",
        "author",
        "section",
        "type",
        "actor",
        "actor_kind",
        "concept",
        "stance",
        "qualifier",
        "quote",
        "start",
        "end",
        "analyst",
    ]
    .map(str::to_owned)
    .to_vec();
    header.extend(variables.iter().map(|v| format!("var:{v}")));
    csv_line(
        &mut out,
        &header.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    for s in statements {
        let a = s.article;
        let date = a.published.map(|d| d.to_string()).unwrap_or_default();
        let kind = s
            .actor_kind
            .map(crate::model::ActorKind::label)
            .unwrap_or_default();
        let qualifier = s.stance.qualifier().to_string();
        let (start, end) = (
            s.highlight.span.start.to_string(),
            s.highlight.span.end.to_string(),
        );
        let mut fields: Vec<&str> = vec![
            s.highlight.id.as_str(),
            &date,
            a.id.as_str(),
            &a.title,
            &a.outlet,
            &a.author,
            &a.section,
            &a.genre,
            &s.actor,
            kind,
            &s.concept,
            s.stance.label(),
            &qualifier,
            &s.highlight.quote,
            &start,
            &end,
            &s.analyst,
        ];
        fields.extend(
            variables
                .iter()
                .map(|v| a.variables.get(*v).map_or("", String::as_str)),
        );
        csv_line(&mut out, &fields);
    }
    out
}
