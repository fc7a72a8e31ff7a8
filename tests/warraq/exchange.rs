//! Exports read back by the tools they are for.

use crate::common::sample_path;
use warraq::exchange::{self, Format};
use warraq::store;

fn sample() -> warraq::model::Project {
    store::load(&sample_path()).unwrap().project
}

#[test]
fn json_round_trips_to_the_same_project() {
    let project = sample();
    let json = exchange::to_json(&project).unwrap();
    assert!(json.contains("\"format\": \"warraq-project\""));
    assert!(
        json.contains("الشيخ تميم بن حمد آل ثاني"),
        "Arabic is written as text, not escaped"
    );
    assert_eq!(exchange::from_json(&json).unwrap(), project);
    let newer = json.replacen("\"version\": 5", "\"version\": 9", 1);
    assert!(
        exchange::from_json(&newer)
            .unwrap_err()
            .to_string()
            .contains("version 9")
    );
}

#[test]
fn ron_export_is_the_project_file() {
    let project = sample();
    let bytes = exchange::export(&project, Format::Ron).unwrap();
    assert_eq!(bytes, std::fs::read(sample_path()).unwrap());
}

#[test]
fn relations_csv_keeps_arabic_and_has_a_row_per_relation() {
    let project = sample();
    let bytes = exchange::relations_csv(&project).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "a BOM, so spreadsheets read UTF-8"
    );
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[1], "source");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), project.relations.len());
    let phone = rows.iter().find(|r| &r[0] == "rel-phone").unwrap();
    assert_eq!(&phone[1], "الشيخ تميم بن حمد آل ثاني");
    assert_eq!(&phone[2], "phones");
    assert_eq!(&phone[3], "فلاديمير بوتين");
    assert_eq!(&phone[4], "2017-11-20");
    assert!(phone[6].starts_with("أجرى الشيخ تميم"));
}

#[test]
fn highlights_csv_has_spans_and_quotes() {
    let project = sample();
    let bytes = exchange::highlights_csv(&project).unwrap();
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), project.highlights.len());
    for (row, h) in rows.iter().zip(&project.highlights) {
        assert_eq!(row[2].parse::<usize>().unwrap(), h.span.start);
        assert_eq!(&row[4], h.quote);
    }
}

#[test]
fn graphml_is_read_by_networkx() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sample.graphml");
    let status = crate::common::warraq()
        .args(["export", "--format", "graphml", "-o"])
        .arg(&out)
        .arg(sample_path())
        .status()
        .unwrap();
    assert!(status.success());
    let script = format!(
        r"
import networkx as nx
g = nx.read_graphml({:?})
print(g.number_of_nodes(), g.number_of_edges())
print(g.nodes['act-tamim']['name'])
d = g.get_edge_data('act-tamim', 'act-putin')
d = d if 'relation' in d else next(iter(d.values()))  # a multigraph when two actors share several relations
print(d['relation'])
",
        out.to_str().unwrap()
    );
    let Some(stdout) = crate::common::python(&script) else {
        return;
    };
    let project = sample();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines[0],
        format!("{} {}", project.actors.len(), project.relations.len())
    );
    assert_eq!(lines[1], "الشيخ تميم بن حمد آل ثاني");
    assert_eq!(lines[2], "phones");
}

#[test]
fn the_html_report_stands_alone_and_marks_every_highlight() {
    let project = sample();
    let html = exchange::html_report(&project);
    assert!(
        !html.contains("src=") && !html.contains("href=") && !html.contains("@import"),
        "nothing outside the file"
    );
    assert_eq!(html.matches("<article ").count(), project.articles.len());
    assert!(
        html.contains("dir=\"rtl\" lang=\"ar\""),
        "Arabic articles run right to left"
    );
    // Every highlight's text is inside a mark whose title names its tag.
    let marks = html.matches("<mark class=").count();
    assert!(
        marks >= project.highlights.len(),
        "{marks} marks for {} highlights",
        project.highlights.len()
    );
    assert!(html.contains("title=\"actor: فلاديمير بوتين\">بوتين</mark>"));
    assert!(html.contains("<td dir=\"auto\">الشيخ تميم بن حمد آل ثاني</td><td>phones</td>"));
    // The text itself is all there, in order, once the marks are taken away.
    let body_2020 = &project.articles[1].body;
    let last_line = body_2020.lines().last().unwrap();
    let plain: String = html
        .split('<')
        .map(|piece| piece.split_once('>').map_or(piece, |(_, rest)| rest))
        .collect();
    assert!(plain.contains(last_line), "{last_line}");
}

#[test]
fn a_colleague_gets_only_the_chosen_article_with_who_exported_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("for-omar.warraq.ron");
    let status = crate::common::warraq()
        .args([
            "export",
            "--format",
            "ron",
            "--articles",
            "art-2020-qatar-us-milley",
            "--analyst",
            "سلمى",
            "-o",
        ])
        .arg(&out)
        .arg(sample_path())
        .status()
        .unwrap();
    assert!(status.success());
    let whole = sample();
    let part = warraq::store::load(&out).unwrap().project;
    assert_eq!(part.articles.len(), 1);
    assert_eq!(part.articles[0].id.as_str(), "art-2020-qatar-us-milley");
    assert!(
        part.highlights
            .iter()
            .all(|h| h.article.as_str() == "art-2020-qatar-us-milley")
    );
    let in_2020 = whole
        .highlights
        .iter()
        .filter(|h| h.article.as_str() == "art-2020-qatar-us-milley")
        .count();
    assert_eq!(
        part.highlights.len(),
        in_2020,
        "every highlight of the article goes"
    );
    // The 2017-only relations stay home; the one reported in both keeps its 2020 source.
    assert!(part.relation(&"rel-phone".into()).is_none());
    let cooperation = part.relation(&"rel-us-talks".into()).unwrap();
    assert_eq!(cooperation.sources.len(), 1);
    assert_eq!(part.actors.len(), whole.actors.len());
    let exported = part.exported.as_ref().unwrap();
    assert_eq!(exported.by, "سلمى");
    assert!(exported.at.ends_with('Z'));

    let missing = crate::common::warraq()
        .args(["export", "--format", "ron", "--articles", "art-nope", "-o"])
        .arg(dir.path().join("x.warraq.ron"))
        .arg(sample_path())
        .output()
        .unwrap();
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("art-nope"));
    assert!(!dir.path().join("x.warraq.ron").exists());
}
