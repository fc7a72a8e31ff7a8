//! Exchange with the tools colleagues use, each proven by the tool's own
//! reader where one exists: REFI-QDA read by `pyrefiqda` (built from the
//! official schema) and written by it, brat standoff sliced by Python,
//! W3C Web Annotations sliced by Python, `GraphML` for networkx and Gephi —
//! and round trips through each that keep articles, actors, claims and
//! every highlight.

use crate::common::{python, run, sample_path, warraq};
use std::collections::BTreeSet;
use std::path::Path;
use warraq::model::{Project, Tag};
use warraq::store;

fn export(project: &Path, format: &str, out: &Path) {
    run(&[
        "export".as_ref(),
        "--format".as_ref(),
        format.as_ref(),
        "-o".as_ref(),
        out.as_os_str(),
        project.as_os_str(),
    ]);
}

fn import(project: &Path, file: &Path) -> std::process::Output {
    run(&["import".as_ref(), project.as_os_str(), file.as_os_str()])
}

/// A vocalised corpus (harakat, digits, Latin names) saved to `dir`.
fn vocalised(dir: &Path) -> std::path::PathBuf {
    let project = warraq::synthetic::corpus(warraq::synthetic::Size {
        articles: 6,
        ..warraq::synthetic::Size::MEDIUM
    });
    let path = dir.join("vocalised.warraq.ron");
    store::save(&project, &path, None).unwrap();
    path
}

/// What must survive a round trip, by names and words rather than ids.
#[derive(Debug, PartialEq, Eq)]
struct Coding {
    articles: BTreeSet<(String, String)>,
    actors: BTreeSet<(String, String, Vec<String>)>,
    claims: BTreeSet<(String, String, String)>,
    highlights: BTreeSet<(String, usize, usize, String, String)>,
}

/// Says exactly what differs between two codings.
fn assert_same(copy: &Coding, original: &Coding, what: &str) {
    fn diff<T: Ord + std::fmt::Debug>(a: &BTreeSet<T>, b: &BTreeSet<T>) -> String {
        format!(
            "only in the copy: {:?}\nonly in the original: {:?}",
            a.difference(b).take(5).collect::<Vec<_>>(),
            b.difference(a).take(5).collect::<Vec<_>>()
        )
    }
    assert_eq!(
        copy.articles,
        original.articles,
        "{what}: {}",
        diff(&copy.articles, &original.articles)
    );
    assert_eq!(
        copy.actors,
        original.actors,
        "{what}: {}",
        diff(&copy.actors, &original.actors)
    );
    assert_eq!(
        copy.claims,
        original.claims,
        "{what}: {}",
        diff(&copy.claims, &original.claims)
    );
    assert_eq!(
        copy.highlights,
        original.highlights,
        "{what}: {}",
        diff(&copy.highlights, &original.highlights)
    );
}

fn coding(project: &Project) -> Coding {
    let tag = |t: &Tag| match t {
        Tag::Actor(a) => format!("actor {}", project.actor(a).unwrap().name),
        Tag::Claim(c) => format!("claim {}", project.claim_text(project.claim(c).unwrap())),
        Tag::Evidence => "evidence".to_owned(),
    };
    Coding {
        articles: project
            .articles
            .iter()
            .map(|a| (a.title.clone(), a.body_hash.clone()))
            .collect(),
        actors: project
            .actors
            .iter()
            .filter(|a| {
                project
                    .highlights
                    .iter()
                    .any(|h| h.tag == Tag::Actor(a.id.clone()))
            })
            .map(|a| (a.name.clone(), a.kind.name().to_owned(), a.aliases.clone()))
            .collect(),
        claims: project
            .claims
            .iter()
            .map(|c| {
                (
                    project.claim_text(c).to_owned(),
                    c.speaker
                        .as_ref()
                        .and_then(|s| project.actor(s))
                        .map(|a| a.name.clone())
                        .unwrap_or_default(),
                    c.stance.label().to_owned(),
                )
            })
            .collect(),
        highlights: project
            .highlights
            .iter()
            .map(|h| {
                (
                    project.article(&h.article).unwrap().title.clone(),
                    h.span.start,
                    h.span.end,
                    h.quote.clone(),
                    tag(&h.tag),
                )
            })
            .collect(),
    }
}

#[test]
fn pyrefiqda_reads_the_qdpx_and_every_selection_slices_to_its_quote() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sample.qdpx");
    export(&sample_path(), "qdpx", &out);
    let script = format!(
        r#"
import json
from pyrefiqda.refiproject import RefiProject
p = RefiProject.load({out:?}, extract_dir={extract:?})
rows = []
for s in p.sources.text_source:
    text = open(RefiProject.resolve_source_path(s.plain_text_path, {extract:?}), encoding="utf-8").read()
    for sel in s.plain_text_selection:
        rows.append([s.name, sel.start_position, sel.end_position, text[sel.start_position:sel.end_position], len(sel.coding)])
def count(codes):
    return sum(1 + count(c.code) for c in codes)
print(json.dumps({{"rows": rows, "codes": count(p.code_book.codes.code), "links": len(p.links.link), "users": [u.name for u in p.users.user]}}, ensure_ascii=False))
"#,
        out = out.to_str().unwrap(),
        extract = dir.path().join("x").to_str().unwrap(),
    );
    let Some(out) = python(&script) else {
        return;
    };
    let result: serde_json::Value = serde_json::from_str(&out).unwrap();
    let project = store::load(&sample_path()).unwrap().project;
    let rows = result["rows"].as_array().unwrap();
    assert_eq!(rows.len(), project.highlights.len());
    let expected: BTreeSet<(String, u64, u64, String)> = project
        .highlights
        .iter()
        .map(|h| {
            (
                project.article(&h.article).unwrap().title.clone(),
                h.span.start as u64,
                h.span.end as u64,
                h.quote.clone(),
            )
        })
        .collect();
    let found: BTreeSet<(String, u64, u64, String)> = rows
        .iter()
        .map(|r| {
            assert_eq!(r[4], 1, "each selection carries its one coding");
            (
                r[0].as_str().unwrap().to_owned(),
                r[1].as_u64().unwrap(),
                r[2].as_u64().unwrap(),
                r[3].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(found, expected, "every selection lands on the same words");
    assert_eq!(result["links"], project.relations.len());
    // Actors, kinds, claims, evidence and the two groups.
    assert!(
        result["codes"].as_u64().unwrap() as usize > project.actors.len() + project.claims.len()
    );
}

#[test]
fn a_qdpx_written_by_pyrefiqda_with_arabic_sources_imports_every_coding_on_its_words() {
    let dir = tempfile::tempdir().unwrap();
    let qdpx = dir.path().join("colleague.qdpx");
    let text = "قال وزير الخارجية القطري إن الدوحة ترحب بالحوار.\r\nوأكد الشيخ محمد بن عبدالرحمن آل ثاني أهمية التعاون.";
    let script = format!(
        r##"
import os, uuid
from pyrefiqda.refiproject import RefiProject
from pyrefiqda.models import (Project, UsersType, UserType, ProjectCodeBookType, ProjectCodesType,
    ProjectCodeType, SourcesType, TextSourceType, PlainTextSelectionType, CodingType, CodeRefType)
work = {work:?}
os.makedirs(work + "/sources", exist_ok=True)
text = {text:?}
sid = str(uuid.uuid4())
with open(work + "/sources/" + sid + ".txt", "w", encoding="utf-8", newline="") as f:
    f.write(text)
user = UserType(guid=str(uuid.uuid4()), name="زميل")
person = ProjectCodeType(guid=str(uuid.uuid4()), name="محمد بن عبدالرحمن", is_codable=True, color="#FF0000")
state = ProjectCodeType(guid=str(uuid.uuid4()), name="قطر", is_codable=True)
people = ProjectCodeType(guid=str(uuid.uuid4()), name="Person", is_codable=False, code=[person])
states = ProjectCodeType(guid=str(uuid.uuid4()), name="States", is_codable=False, code=[state])
theme = ProjectCodeType(guid=str(uuid.uuid4()), name="حوار", is_codable=True)
def sel(word, code, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return PlainTextSelectionType(guid=str(uuid.uuid4()), start_position=start, end_position=start + len(word),
        creating_user=user.guid, coding=[CodingType(guid=str(uuid.uuid4()), creating_user=user.guid, code_ref=CodeRefType(target_guid=code.guid))])
p = Project(name="مشروع زميل", users=UsersType(user=[user]),
    code_book=ProjectCodeBookType(codes=ProjectCodesType(code=[people, states, theme])),
    sources=SourcesType(text_source=[TextSourceType(guid=sid, name="تصريح الوزير", plain_text_path="internal://" + sid + ".txt",
        plain_text_selection=[sel("الدوحة", state), sel("الشيخ محمد بن عبدالرحمن آل ثاني", person), sel("القطري", state), sel("بالحوار", theme)])]))
RefiProject.save(p, {qdpx:?}, source_media_dir=work + "/sources")
"##,
        work = dir.path().join("work").to_str().unwrap(),
        text = text,
        qdpx = qdpx.to_str().unwrap(),
    );
    if python(&script).is_none() {
        return;
    }
    let project_path = dir.path().join("mine.warraq.ron");
    import(&project_path, &qdpx);
    let project = store::load(&project_path).unwrap().project;
    assert_eq!(project.articles.len(), 1);
    let article = &project.articles[0];
    assert_eq!(article.title, "تصريح الوزير");
    assert!(!article.body.contains('\r'), "the text is LF");
    assert_eq!(project.highlights.len(), 4);
    for h in &project.highlights {
        assert_eq!(
            warraq::model::text::slice_chars(&article.body, h.span.range()).unwrap(),
            h.quote
        );
    }
    let quote_of = |name: &str| -> BTreeSet<String> {
        let actor = project.actors.iter().find(|a| a.name == name).unwrap();
        project
            .highlights
            .iter()
            .filter(|h| h.tag == Tag::Actor(actor.id.clone()))
            .map(|h| h.quote.clone())
            .collect()
    };
    // The second line's words land on their words although a CRLF came before them.
    assert_eq!(
        quote_of("محمد بن عبدالرحمن"),
        BTreeSet::from(["الشيخ محمد بن عبدالرحمن آل ثاني".to_owned()])
    );
    assert_eq!(
        quote_of("قطر"),
        BTreeSet::from(["الدوحة".to_owned(), "القطري".to_owned()])
    );
    let kinds: BTreeSet<_> = project
        .actors
        .iter()
        .map(|a| (a.name.clone(), a.kind))
        .collect();
    assert!(kinds.contains(&(
        "محمد بن عبدالرحمن".to_owned(),
        warraq::model::ActorKind::Person
    )));
    assert!(kinds.contains(&("قطر".to_owned(), warraq::model::ActorKind::State)));
    assert!(kinds.contains(&("حوار".to_owned(), warraq::model::ActorKind::Other)));
}

#[test]
fn warraq_to_qdpx_to_warraq_keeps_articles_actors_claims_and_every_highlight() {
    let dir = tempfile::tempdir().unwrap();
    for source in [sample_path(), vocalised(dir.path())] {
        let qdpx = dir.path().join("round.qdpx");
        let back = dir.path().join("back.warraq.ron");
        let _ = std::fs::remove_file(&back);
        let _ = std::fs::remove_file(&qdpx);
        export(&source, "qdpx", &qdpx);
        let output = import(&back, &qdpx);
        let original = store::load(&source).unwrap().project;
        let copy = store::load(&back).unwrap().project;
        assert_same(
            &coding(&copy),
            &coding(&original),
            &source.display().to_string(),
        );
        assert_eq!(copy.relations.len(), original.relations.len());
        for (a, b) in original.relations.iter().zip(copy.relations.iter()) {
            assert_eq!(original.relation_words(a), copy.relation_words(b));
            assert_eq!(
                (a.date, &a.note, a.sources.len()),
                (b.date, &b.note, b.sources.len())
            );
            assert_eq!(
                original.cited_quotes(a),
                copy.cited_quotes(b),
                "evidence comes back"
            );
        }
        for (a, b) in original.articles.iter().zip(copy.articles.iter()) {
            assert_eq!(
                (&a.outlet, &a.url, a.published),
                (&b.outlet, &b.url, b.published)
            );
        }
        assert!(
            String::from_utf8_lossy(&output.stderr).trim().is_empty(),
            "nothing left unmapped from our own file: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

#[test]
fn every_brat_offset_slices_its_text_to_its_quote_and_the_round_trip_is_whole() {
    let dir = tempfile::tempdir().unwrap();
    for source in [sample_path(), vocalised(dir.path())] {
        let brat = dir.path().join("brat");
        let _ = std::fs::remove_dir_all(&brat);
        export(&source, "brat", &brat);
        let script = format!(
            r#"
import glob, os
checked = 0
for ann in sorted(glob.glob(os.path.join({brat:?}, "*.ann"))):
    text = open(ann[:-4] + ".txt", encoding="utf-8").read()
    for line in open(ann, encoding="utf-8"):
        if not line.startswith("T"):
            continue
        tid, middle, quote = line.rstrip("\n").split("\t")
        kind, offsets = middle.split(" ", 1)
        parts = [text[int(s):int(e)] for s, e in (f.split() for f in offsets.split(";"))]
        assert " ".join(parts) == quote, (ann, tid, parts, quote)
        checked += 1
print(checked)
"#,
            brat = brat.to_str().unwrap()
        );
        let original = store::load(&source).unwrap().project;
        let Some(out) = python(&script) else {
            return;
        };
        let checked: usize = out.trim().parse().unwrap();
        assert_eq!(checked, original.highlights.len());
        assert!(brat.join("annotation.conf").exists());

        let back = dir.path().join("back.warraq.ron");
        let _ = std::fs::remove_file(&back);
        let output = import(&back, &brat);
        assert!(
            String::from_utf8_lossy(&output.stderr).trim().is_empty(),
            "nothing unmapped from our own folder: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let copy = store::load(&back).unwrap().project;
        assert_same(
            &coding(&copy),
            &coding(&original),
            &source.display().to_string(),
        );
        for (a, b) in original.articles.iter().zip(copy.articles.iter()) {
            assert_eq!((&a.outlet, a.published), (&b.outlet, b.published));
        }
        // Every relation, also those whose actors are not both highlighted
        // in a reporting article (they have no `R` line).
        assert_eq!(copy.relations.len(), original.relations.len());
        for (a, b) in original.relations.iter().zip(copy.relations.iter()) {
            assert_eq!(original.relation_words(a), copy.relation_words(b));
            assert_eq!((a.date, &a.note), (b.date, &b.note));
            assert_eq!(original.cited_quotes(a), copy.cited_quotes(b));
        }
    }
}

#[test]
fn a_brat_file_from_another_project_brings_its_entities_and_relations_and_lists_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let text = "زار أمير قطر موسكو والتقى بوتين.\nوقال بوتين إن قطر شريك.";
    std::fs::write(dir.path().join("doc1.txt"), text).unwrap();
    let offsets = |word: &str, nth: usize| {
        let byte = text.match_indices(word).nth(nth).unwrap().0;
        let start = text[..byte].chars().count();
        (start, start + word.chars().count())
    };
    let (a1, a2) = offsets("أمير قطر", 0);
    let (b1, b2) = offsets("بوتين", 0);
    let (c1, c2) = offsets("بوتين", 1);
    let (d1, d2) = offsets("موسكو", 0);
    let ann = format!(
        "T1\tPER {a1} {a2}\tأمير قطر\nT2\tPER {b1} {b2}\tبوتين\nT3\tPER {c1} {c2}\tبوتين\nT4\tGPE {d1} {d2}\tموسكو\nR1\tMeets Arg1:T1 Arg2:T2\nE1\tTravel:T4 Destination:T4\nA1\tNegated E1\n#1\tAnnotatorNotes T1\tthe emir\n"
    );
    std::fs::write(dir.path().join("doc1.ann"), ann).unwrap();
    let project_path = dir.path().join("p.warraq.ron");
    let output = warraq()
        .arg("import")
        .arg(&project_path)
        .arg(dir.path().join("doc1.ann"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(said.contains("event `E1`"), "{said}");
    assert!(said.contains("attribute `A1`"), "{said}");
    let project = store::load(&project_path).unwrap().project;
    // Two mentions of بوتين are one actor; GPE is a state.
    assert_eq!(project.actors.len(), 3, "{:?}", project.actors);
    let putin = project.actors.iter().find(|a| a.name == "بوتين").unwrap();
    assert_eq!(putin.kind, warraq::model::ActorKind::Person);
    assert_eq!(
        project
            .highlights
            .iter()
            .filter(|h| h.tag == Tag::Actor(putin.id.clone()))
            .count(),
        2
    );
    let moscow = project.actors.iter().find(|a| a.name == "موسكو").unwrap();
    assert_eq!(moscow.kind, warraq::model::ActorKind::State);
    assert_eq!(project.relations.len(), 1);
    let relation = &project.relations[0];
    assert_eq!(project.actor(&relation.source).unwrap().name, "أمير قطر");
    assert_eq!(relation.target, putin.id);
    // "Meets" is the vocabulary's own "meets".
    assert_eq!(relation.kind.as_str(), "meets");
    assert!(project.validate().is_empty());
}

#[test]
fn w3c_annotations_select_the_same_words_by_position_and_by_quote() {
    let dir = tempfile::tempdir().unwrap();
    let source = vocalised(dir.path());
    let out = dir.path().join("a.jsonld");
    export(&source, "w3c", &out);
    let json = dir.path().join("p.json");
    export(&source, "json", &json);
    let script = format!(
        r#"
import json
doc = json.load(open({out:?}, encoding="utf-8"))
project = json.load(open({json:?}, encoding="utf-8"))["project"]
bodies = {{"urn:warraq:article:" + a["id"]: a["body"] for a in project["articles"]}}
items = doc["first"]["items"]
assert doc["type"] == "AnnotationCollection" and doc["total"] == len(items)
for item in items:
    body = bodies[item["target"]["source"]]
    position = next(s for s in item["target"]["selector"] if s["type"] == "TextPositionSelector")
    quote = next(s for s in item["target"]["selector"] if s["type"] == "TextQuoteSelector")
    start, end = position["start"], position["end"]
    assert body[start:end] == quote["exact"], (body[start:end], quote["exact"])
    assert body[:start].endswith(quote["prefix"]) and body[end:].startswith(quote["suffix"])
    assert body.count(quote["prefix"] + quote["exact"] + quote["suffix"]) >= 1
print(len(items))
"#,
        out = out.to_str().unwrap(),
        json = json.to_str().unwrap()
    );
    let project = store::load(&source).unwrap().project;
    let Some(out) = python(&script) else {
        return;
    };
    assert_eq!(
        out.trim().parse::<usize>().unwrap(),
        project.highlights.len()
    );
}

#[test]
fn graphml_has_labels_and_weights_for_networkx_and_undirected_ties_for_gephi() {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("net.graphml");
    let gephi = dir.path().join("net.gephi.graphml");
    export(&sample_path(), "graphml", &plain);
    export(&sample_path(), "gephi-graphml", &gephi);
    let project = store::load(&sample_path()).unwrap().project;
    let script = format!(
        r#"
import json
import networkx as nx
import xml.etree.ElementTree as ET
g = nx.read_graphml({plain:?})
labels = {{n: d["label"] for n, d in g.nodes(data=True)}}
weights = sorted(d["weight"] for _, _, d in g.edges(data=True))
ns = {{"g": "http://graphml.graphdrawing.org/xmlns"}}
edges = ET.parse({gephi:?}).getroot().findall(".//g:edge", ns)
undirected = sorted(e.get("id") for e in edges if e.get("directed") == "false")
try:
    nx.read_graphml({gephi:?})
    mixed = "read"
except nx.NetworkXError:
    mixed = "refused"
print(json.dumps({{"labels": labels, "weights": weights, "undirected": undirected, "mixed": mixed}}, ensure_ascii=False))
"#,
        plain = plain.to_str().unwrap(),
        gephi = gephi.to_str().unwrap()
    );
    let Some(out) = python(&script) else {
        return;
    };
    let result: serde_json::Value = serde_json::from_str(&out).unwrap();
    for actor in &project.actors {
        assert_eq!(result["labels"][actor.id.as_str()], actor.name.as_str());
    }
    assert!(
        result["weights"]
            .as_array()
            .unwrap()
            .iter()
            .all(|w| w.as_f64().unwrap() >= 1.0)
    );
    let symmetric: Vec<String> = {
        let mut ids: Vec<String> = project
            .relations
            .iter()
            .filter(|r| project.relation_type(&r.kind).is_some_and(|t| !t.directed))
            .map(|r| r.id.to_string())
            .collect();
        ids.sort();
        ids
    };
    assert!(!symmetric.is_empty());
    assert_eq!(result["undirected"], serde_json::json!(symmetric));
    // The Gephi file is mixed, which networkx does not read: the plain one is for it.
    assert_eq!(result["mixed"], "refused");
}

#[test]
fn the_html_report_has_claims_and_articles_and_isolates_dates() {
    let project = store::load(&sample_path()).unwrap().project;
    let html = warraq::exchange::html_report(&project);
    assert!(html.contains("<h2>Claims</h2>"));
    for claim in &project.claims {
        assert!(html.contains(project.claim_text(claim)));
    }
    assert!(html.contains("<th>Article</th>"));
    assert!(html.contains("<bdi dir=\"ltr\">2017-11-20</bdi>"));
    assert!(!html.contains("<td>2017-11-20</td>"));
}

#[test]
fn import_refuses_an_unknown_kind_and_saves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let odd = dir.path().join("notes.odt");
    std::fs::write(&odd, b"PK").unwrap();
    let project = dir.path().join("p.warraq.ron");
    let output = warraq()
        .arg("import")
        .arg(&project)
        .arg(&odd)
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("not .odt"));
    assert!(!project.exists(), "nothing was saved");
}

/// Three analysts' codings of the sample, each changed a little (one drops
/// an article, so its code points are missing for that analyst).
fn three_analysts(dir: &Path) -> Vec<std::path::PathBuf> {
    use warraq::model::edit::{Edit, Orphans};
    let base = store::load(&sample_path()).unwrap().project;
    let mut b = warraq::app::App::new(base.clone());
    let mut c = warraq::app::App::new(base.clone());
    for (n, h) in base.highlights.iter().enumerate() {
        match n % 7 {
            0 => {
                let _ = b.edit(Edit::DeleteHighlight(h.id.clone()));
            }
            3 if matches!(h.tag, Tag::Actor(_)) => {
                let _ = b.edit(Edit::RetagHighlight {
                    highlight: h.id.clone(),
                    tag: Tag::Actor("act-qatar".into()),
                });
            }
            5 => {
                let span = warraq::model::Span::new(
                    h.span.start,
                    h.span.end.saturating_sub(2).max(h.span.start + 1),
                );
                let _ = c.edit(Edit::ResizeHighlight {
                    highlight: h.id.clone(),
                    span,
                });
            }
            _ => {}
        }
    }
    let second = base.articles[1].id.clone();
    c.edit(Edit::DeleteArticle {
        article: second,
        orphans: Orphans::Keep,
    })
    .unwrap();
    let mut paths = Vec::new();
    for (name, project) in [
        ("a", base),
        ("b", b.document().project().clone()),
        ("c", c.document().project().clone()),
    ] {
        let path = dir.join(format!("{name}.warraq.ron"));
        store::save(&project, &path, None).unwrap();
        paths.push(path);
    }
    paths
}

#[test]
fn krippendorffs_alpha_over_code_points_equals_the_reference_package() {
    let dir = tempfile::tempdir().unwrap();
    let paths = three_analysts(dir.path());
    let mut args: Vec<&std::ffi::OsStr> = vec!["agreement".as_ref(), "--json".as_ref()];
    args.extend(paths.iter().map(|p| p.as_os_str()));
    let ours: serde_json::Value = serde_json::from_slice(&run(&args).stdout).unwrap();
    // The same units built independently in Python from the JSON exports.
    let mut jsons = Vec::new();
    for path in &paths {
        let json = path.with_extension("json");
        export(path, "json", &json);
        jsons.push(json.to_str().unwrap().to_owned());
    }
    let script = format!(
        r#"
import json, math
import numpy as np
import krippendorff
projects = [json.load(open(p, encoding="utf-8"))["project"] for p in {jsons:?}]
def label(p, tag):
    if "Actor" in tag:
        return [a["name"] for a in p["actors"] if a["id"] == tag["Actor"]][0]
    if "Claim" in tag:
        concept = [c["concept"] for c in p["claims"] if c["id"] == tag["Claim"]][0]
        return [c["text"] for c in p["concepts"] if c["id"] == concept][0]
    return "evidence"
def kind(tag):
    return "actor" if "Actor" in tag else "claim" if "Claim" in tag else "evidence"
bodies = {{}}
for p in projects:
    for a in p["articles"]:
        bodies.setdefault(a["id"], a["body"])
out = {{}}
for k in ["actor", "claim", "evidence"]:
    codes = {{}}
    rows = []
    for p in projects:
        held = {{a["id"] for a in p["articles"]}}
        row = []
        for art, body in bodies.items():
            n = len(body)
            if art not in held:
                row.extend([np.nan] * n)
                continue
            cover = [set() for _ in range(n)]
            for h in p["highlights"]:
                if h["article"] == art and kind(h["tag"]) == k:
                    for i in range(h["span"]["start"], h["span"]["end"]):
                        cover[i].add(label(p, h["tag"]))
            for s in cover:
                key = tuple(sorted(s))
                row.append(codes.setdefault(key, len(codes)))
        rows.append(row)
    out[k] = krippendorff.alpha(reliability_data=np.array(rows, dtype=float), level_of_measurement="nominal")
print(json.dumps(out))
"#
    );
    let Some(out) = python(&script) else {
        return;
    };
    let reference: serde_json::Value = serde_json::from_str(&out).unwrap();
    for kind in ["actor", "claim", "evidence"] {
        let ours = ours["krippendorff_alpha_codepoint"][kind].as_f64().unwrap();
        let theirs = reference[kind].as_f64().unwrap();
        assert!(
            (ours - theirs).abs() < 1e-6,
            "{kind}: ours {ours}, krippendorff {theirs}"
        );
    }
    assert!(
        ours["fleiss_kappa"].as_f64().is_some(),
        "three analysts: Fleiss"
    );
    assert!(ours["cohen_kappa"].is_null());
    assert_eq!(ours["pairs"].as_array().unwrap().len(), 3);
}

#[test]
fn kappas_match_their_textbook_values() {
    // Two analysts, ten actor spans: 7 agree (5 «قطر», 2 «مصر»), 3 do not.
    let base = store::load(&sample_path()).unwrap().project;
    let actors: Vec<_> = base
        .highlights
        .iter()
        .filter(|h| matches!(h.tag, Tag::Actor(_)))
        .take(10)
        .cloned()
        .collect();
    let mut a = base.clone();
    let mut b = base.clone();
    a.highlights.retain(|h| actors.iter().any(|x| x.id == h.id));
    b.highlights.retain(|h| actors.iter().any(|x| x.id == h.id));
    let qatar = Tag::Actor("act-qatar".into());
    let egypt = Tag::Actor("act-egypt".into());
    for (i, (x, y)) in a
        .highlights
        .iter_mut()
        .zip(b.highlights.iter_mut())
        .enumerate()
    {
        let (p, q) = match i {
            0..=4 => (&qatar, &qatar),
            5 | 6 => (&egypt, &egypt),
            7 | 8 => (&qatar, &egypt),
            _ => (&egypt, &qatar),
        };
        x.tag = p.clone();
        y.tag = q.clone();
    }
    // p_o = 0.7; A: qatar 7, egypt 3; B: qatar 6, egypt 4; p_e = 0.7·0.6 + 0.3·0.4 = 0.54.
    let kappa = warraq::agreement::reliability::cohen_kappa(&a, &b).unwrap();
    assert!(
        (kappa - (0.7 - 0.54) / (1.0 - 0.54)).abs() < 1e-9,
        "{kappa}"
    );
    // With two raters Fleiss' κ uses pooled proportions: p_e = 0.65² + 0.35².
    let fleiss = warraq::agreement::reliability::fleiss_kappa(&[&a, &b]).unwrap();
    let pe: f64 = 0.65f64.powi(2) + 0.35f64.powi(2);
    assert!((fleiss - (0.7 - pe) / (1.0 - pe)).abs() < 1e-9, "{fleiss}");
}

#[test]
fn the_agreement_figures_are_written_as_csv_for_pandas() {
    let dir = tempfile::tempdir().unwrap();
    let paths = three_analysts(dir.path());
    let csv = dir.path().join("agreement.csv");
    let mut args: Vec<&std::ffi::OsStr> = vec![
        "agreement".as_ref(),
        "--json".as_ref(),
        "--csv".as_ref(),
        csv.as_os_str(),
    ];
    args.extend(paths.iter().map(|p| p.as_os_str()));
    let ours: serde_json::Value = serde_json::from_slice(&run(&args).stdout).unwrap();
    let script = format!(
        "import pandas as pd\ndf = pd.read_csv({:?}, encoding='utf-8-sig')\nrow = df[(df.measure == 'krippendorff_alpha_codepoint') & (df.tag == 'actor')].iloc[0]\nprint(row['value'])\nprint(len(df[df.measure == 'f_exact']))",
        csv.to_str().unwrap()
    );
    let Some(out) = python(&script) else {
        return;
    };
    let lines: Vec<&str> = out.lines().collect();
    let alpha: f64 = lines[0].parse().unwrap();
    let expected = ours["krippendorff_alpha_codepoint"]["actor"]
        .as_f64()
        .unwrap();
    assert!((alpha - expected).abs() < 1e-6, "{alpha} vs {expected}");
    // Three pairs, three kinds of tag each.
    assert_eq!(lines[1], "9");
}

#[test]
fn the_agreement_is_a_section_of_the_html_report() {
    let dir = tempfile::tempdir().unwrap();
    let paths = three_analysts(dir.path());
    let html = dir.path().join("report.html");
    let mut args: Vec<&std::ffi::OsStr> = vec![
        "agreement".as_ref(),
        "--json".as_ref(),
        "--html".as_ref(),
        html.as_os_str(),
    ];
    args.extend(paths.iter().map(|p| p.as_os_str()));
    let ours: serde_json::Value = serde_json::from_slice(&run(&args).stdout).unwrap();
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("<h2>Agreement</h2>"));
    assert!(page.contains("Fleiss' κ"));
    let alpha = ours["krippendorff_alpha_codepoint"]["actor"]
        .as_f64()
        .unwrap();
    assert!(
        page.contains(&format!("{alpha:.3}")),
        "α {alpha:.3} in the report"
    );
    // The report's own sections are all there before it.
    assert!(page.find("<h2>Relations</h2>").unwrap() < page.find("<h2>Agreement</h2>").unwrap());
}
