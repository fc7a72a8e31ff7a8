//! Files built to hurt are refused in bounded memory: an archive that
//! expands past the limit, or holds more entries than any real one, is
//! refused with the limit named and how to raise it; nothing is written.

use crate::common::warraq;
use std::path::Path;

/// `entries` zipped into the file at `path`.
fn zip_of(path: &Path, entries: &[(&str, &[u8])]) {
    std::fs::write(path, crate::common::zip_of(entries)).unwrap();
}

fn refused(file: &Path, limit_mb: Option<&str>) -> String {
    let dir = file.parent().unwrap();
    let project = dir.join("p.warraq.ron");
    let mut command = warraq();
    command.args(["import".as_ref(), project.as_os_str(), file.as_os_str()]);
    if let Some(mb) = limit_mb {
        command.env("WARRAQ_IMPORT_LIMIT_MB", mb);
    }
    let output = command.output().unwrap();
    assert!(!output.status.success(), "{}: accepted", file.display());
    assert!(
        !project.exists(),
        "nothing is written for {}",
        file.display()
    );
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn an_archive_that_expands_past_the_limit_is_refused_naming_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    // 3 MB of zeros deflate to a few kilobytes.
    let zeros = vec![0u8; 3 * 1024 * 1024];
    let qdpx = dir.path().join("bomb.qdpx");
    zip_of(
        &qdpx,
        &[("project.qde", b"<Project/>"), ("sources/a.txt", &zeros)],
    );
    assert!(std::fs::metadata(&qdpx).unwrap().len() < 100_000);
    let said = refused(&qdpx, Some("1"));
    assert!(said.contains("expands past 1 MB"), "{said}");
    assert!(said.contains("WARRAQ_IMPORT_LIMIT_MB"), "{said}");

    let docx = dir.path().join("bomb.docx");
    zip_of(&docx, &[("word/document.xml", &zeros)]);
    let said = refused(&docx, Some("1"));
    assert!(
        said.contains("word/document.xml expands past 1 MB"),
        "{said}"
    );
}

#[test]
fn an_archive_of_more_entries_than_any_project_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let names: Vec<String> = (0..=warraq::extract::limits::MAX_ENTRIES)
        .map(|i| format!("sources/{i}.txt"))
        .collect();
    let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
    let qdpx = dir.path().join("many.qdpx");
    zip_of(&qdpx, &entries);
    let said = refused(&qdpx, None);
    assert!(said.contains("entries, more than the 20000"), "{said}");
}

/// `warraq import` of `file` with the article limit set to `mb`.
fn import_with_article_limit(file: &Path, mb: &str) -> std::process::Output {
    let project = file.parent().unwrap().join("p.warraq.ron");
    let _ = std::fs::remove_file(&project);
    warraq()
        .args(["import".as_ref(), project.as_os_str(), file.as_os_str()])
        .env("WARRAQ_ARTICLE_LIMIT_MB", mb)
        .output()
        .unwrap()
}

#[test]
fn an_article_longer_than_the_limit_is_refused_naming_the_file_and_how_to_raise_it() {
    let dir = tempfile::tempdir().unwrap();
    // 1.5 MB of Arabic text: past a 1 MB limit, within 2 MB.
    let body = "كلمة عربية في خبر طويل جدا. ".repeat(30_000);
    assert!(body.len() > 1024 * 1024 && body.len() < 2 * 1024 * 1024);
    let text = dir.path().join("long.txt");
    std::fs::write(&text, format!("خبر طويل\n\n{body}")).unwrap();
    let sample = warraq::store::load(&crate::common::sample_path())
        .unwrap()
        .project;
    let mut long = sample.clone();
    long.articles[0].set_body(&body);
    long.highlights.retain(|h| h.article != long.articles[0].id);
    long.relations.clear();
    let json = dir.path().join("long.json");
    std::fs::write(
        &json,
        warraq::exchange::export(&long, warraq::exchange::Format::Json).unwrap(),
    )
    .unwrap();
    let qdpx = dir.path().join("long.qdpx");
    std::fs::write(
        &qdpx,
        warraq::exchange::export(&long, warraq::exchange::Format::Qdpx).unwrap(),
    )
    .unwrap();
    for file in [&text, &json, &qdpx] {
        let output = import_with_article_limit(file, "1");
        let said = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{}: accepted", file.display());
        assert!(said.contains(&file.display().to_string()), "{said}");
        assert!(
            said.contains("past the 1 MB one article may hold"),
            "{said}"
        );
        assert!(said.contains("WARRAQ_ARTICLE_LIMIT_MB"), "{said}");
        assert!(!dir.path().join("p.warraq.ron").exists(), "nothing written");
        // Raised for a real case, it comes in whole.
        let output = import_with_article_limit(file, "2");
        assert!(
            output.status.success(),
            "{}: {}",
            file.display(),
            String::from_utf8_lossy(&output.stderr)
        );
        let project = warraq::store::load(&dir.path().join("p.warraq.ron"))
            .unwrap()
            .project;
        assert!(
            project
                .articles
                .iter()
                .any(|a| a.body.trim() == body.trim())
        );
    }
}
