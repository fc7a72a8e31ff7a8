//! The command line, run as a user would run it.

use crate::common::{repo_path, sample_path, warraq};

#[test]
fn check_accepts_the_sample_and_summarises_it() {
    let output = warraq().arg("check").arg(sample_path()).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains(": ok: ") && stdout.contains("2 articles"),
        "{stdout}"
    );
}

#[test]
fn check_fails_on_a_bad_file_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.warraq.ron");
    std::fs::write(
        &bad,
        "(format: \"warraq-project\", version: 1, project: (title: 3))",
    )
    .unwrap();
    let output = warraq()
        .arg("check")
        .arg(sample_path())
        .arg(&bad)
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!("{}:1:", bad.display())),
        "{stderr}"
    );
}

#[test]
fn import_text_creates_a_project_from_the_seeds() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("new.warraq.ron");
    let output = warraq()
        .arg("import-text")
        .arg(&project)
        .arg(repo_path("tests/data/2017-11-20-tamim-putin-call.txt"))
        .arg(repo_path("tests/data/2020-07-26-qatar-us-milley.txt"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let loaded = warraq::store::load(&project).unwrap().project;
    assert_eq!(loaded.articles.len(), 2);
    assert_eq!(
        loaded.articles[0].title,
        "اتصال بين تميم وبوتين.. ومسؤول عسكري قطري يبحث مع قائد أميركي تعزيز التعاون الدفاعي"
    );
    assert_eq!(loaded.articles[0].language, "ar");
    assert_eq!(
        loaded.articles[1]
            .published
            .map(|d| d.to_string())
            .as_deref(),
        Some("2020-07-26")
    );
    // Importing more into the existing project keeps what was there.
    let output = warraq()
        .arg("import-text")
        .arg(&project)
        .arg(repo_path("tests/data/2017-11-20-tamim-putin-call.txt"))
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(
        warraq::store::load(&project)
            .unwrap()
            .project
            .articles
            .len(),
        3
    );
}

#[test]
fn import_text_refuses_a_non_utf8_file_and_leaves_the_project_alone() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.warraq.ron");
    warraq::store::save(&crate::common::tiny_project(), &project, None).unwrap();
    let before = std::fs::read(&project).unwrap();
    let latin1 = dir.path().join("latin1.txt");
    std::fs::write(&latin1, b"Caf\xe9 au lait\n").unwrap();
    let output = warraq()
        .arg("import-text")
        .arg(&project)
        .arg(&latin1)
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("latin1.txt:1:4") && stderr.contains("UTF-8"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&project).unwrap(), before);
}

#[test]
fn agreement_reports_figures_and_each_disagreement() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("omar.warraq.ron");
    let mut theirs = warraq::app::App::open(&crate::common::sample_path()).unwrap();
    theirs.apply(warraq::app::Action::Edit(
        warraq::model::edit::Edit::DeleteRelation("rel-hook".into()),
    ));
    theirs.apply(warraq::app::Action::Edit(
        warraq::model::edit::Edit::AddHighlight {
            article: "art-2020-qatar-us-milley".into(),
            span: warraq::model::Span::new(0, 6),
            tag: warraq::model::Tag::Evidence,
        },
    ));
    warraq::store::save(theirs.document().project(), &other, None).unwrap();
    let output = warraq()
        .arg("agreement")
        .arg(crate::common::sample_path())
        .arg(&other)
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("2 article(s) compared"), "{text}");
    assert!(
        text.contains("gulf-crisis-sample (A) compared with omar (B)"),
        "{text}"
    );
    let evidence = text.lines().find(|l| l.starts_with("evidence")).unwrap();
    assert!(evidence.contains("10     11     10"), "{evidence}");
    assert!(text.contains("2 disagreement(s)"), "{text}");
    assert!(text.contains("only omar: evidence 0–6 «الدوحة»"), "{text}");
    assert!(
        text.contains(
            "only gulf-crisis-sample: relation الشيخ محمد بن عبدالرحمن آل ثاني » meets » براين هوك"
        ),
        "{text}"
    );
}

/// Three copies: each pair is headed by its own two names, and `--json`
/// lists every disagreement of each pair.
#[test]
fn agreement_of_three_names_each_pair_and_lists_disagreements_in_json() {
    let dir = tempfile::tempdir().unwrap();
    let mut paths = Vec::new();
    for (name, relation) in [
        ("layla", "rel-hook"),
        ("omar", "rel-kuwait"),
        ("salma", "rel-unsc"),
    ] {
        let mut app = warraq::app::App::open(&crate::common::sample_path()).unwrap();
        app.apply(warraq::app::Action::Edit(
            warraq::model::edit::Edit::DeleteRelation(relation.into()),
        ));
        let path = dir.path().join(format!("{name}.warraq.ron"));
        warraq::store::save(app.document().project(), &path, None).unwrap();
        paths.push(path);
    }
    let output = warraq().arg("agreement").args(&paths).output().unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    for heading in [
        "layla (A) compared with omar (B)",
        "layla (A) compared with salma (B)",
        "omar (A) compared with salma (B)",
    ] {
        assert!(text.contains(heading), "{text}");
    }
    let output = warraq()
        .arg("agreement")
        .args(&paths)
        .arg("--json")
        .output()
        .unwrap();
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let pair = &value["pairs"][0];
    let list = pair["disagreement_list"].as_array().unwrap();
    assert_eq!(list.len(), pair["disagreements"].as_u64().unwrap() as usize);
    assert!(
        list.iter()
            .any(|d| d["type"] == "relation" && d["relation"] == "rel-kuwait"),
        "{list:?}"
    );
}
