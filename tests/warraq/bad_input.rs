//! Bad input gets a clear error naming the file, the place and what was
//! expected — never a panic or a hang.

use crate::common::tiny_project;
use std::path::{Path, PathBuf};
use warraq::store::{self, LoadError};

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn load_error(bytes: &[u8]) -> (LoadError, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "bad.warraq.ron", bytes);
    let error = store::load(&path).expect_err("bad input was accepted");
    let message = error.to_string();
    assert!(
        message.starts_with(&path.display().to_string()),
        "message does not name the file: {message}"
    );
    (error, message)
}

fn tiny_text() -> String {
    store::to_ron_string(&tiny_project()).unwrap()
}

#[test]
fn empty_file() {
    let (error, message) = load_error(b"");
    assert!(matches!(error, LoadError::Empty { .. }), "{message}");
    assert!(message.contains("empty"));
    assert!(matches!(load_error(b"  \n\n").0, LoadError::Empty { .. }));
}

#[test]
fn truncated_file_names_line_and_column() {
    let text = tiny_text();
    let cut = &text[..text.len() / 2];
    let (error, message) = load_error(cut.as_bytes());
    let LoadError::Syntax { line, column, .. } = error else {
        panic!("expected a syntax error, got {message}");
    };
    assert!(line > 1 && column >= 1, "{message}");
    assert!(
        message.contains(&format!(":{line}:{column}: ")),
        "{message}"
    );
}

#[test]
fn syntax_error_says_what_was_expected() {
    let text = tiny_text().replacen("kind: Person", "kind: Pirate", 1);
    let (error, message) = load_error(text.as_bytes());
    let LoadError::Syntax { line, .. } = error else {
        panic!("{message}");
    };
    let expected_line = text.lines().position(|l| l.contains("Pirate")).unwrap() + 1;
    assert_eq!(line, expected_line, "{message}");
    assert!(
        message.contains("Pirate") && message.contains("Person"),
        "{message}"
    );
}

#[test]
fn invalid_utf8_names_its_position() {
    let mut bytes = tiny_text().into_bytes();
    let at = bytes.iter().position(|&b| b == b'\n').unwrap() + 2;
    bytes.insert(at, 0xFF);
    let (error, message) = load_error(&bytes);
    assert!(
        matches!(
            error,
            LoadError::NotUtf8 {
                line: 2,
                column: 2,
                ..
            }
        ),
        "{message}"
    );
}

#[test]
fn binary_file() {
    let bytes: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 256) as u8).collect();
    let (error, message) = load_error(&bytes);
    assert!(matches!(error, LoadError::Binary { .. }), "{message}");
}

#[test]
fn deeply_nested_input_is_refused_not_overflowing_the_stack() {
    let depth = 200_000;
    let text = format!(
        "(format: \"warraq-project\", version: 1, extra: {}{}, project: ())",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let (error, message) = load_error(text.as_bytes());
    assert!(matches!(error, LoadError::Syntax { .. }), "{message}");
    let text = format!("{}{}", "(".repeat(depth), ")".repeat(depth));
    let (error, message) = load_error(text.as_bytes());
    assert!(matches!(error, LoadError::Syntax { .. }), "{message}");
}

#[test]
fn hundred_megabyte_string_loads_without_hanging() {
    let mut project = tiny_project();
    let body = "قطر ".repeat(100 * 1024 * 1024 / 7);
    project.articles[0].set_body(&body);
    let text = store::to_ron_string(&project).unwrap();
    assert!(text.len() > 100_000_000);
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "big.warraq.ron", text.as_bytes());
    // The highlight's quote no longer matches the new body: the loader must
    // get through the whole string and then name the highlight.
    let message = store::load(&path).expect_err("quote mismatch").to_string();
    assert!(
        message.contains("highlight `hl-1`"),
        "{}",
        &message[..message.len().min(500)]
    );
}

#[test]
fn escaped_strings_parse_in_linear_time() {
    // ron's default escaping writes each Arabic letter as \u{…}; a 4 MB body of
    // escapes used to take seconds. This must finish promptly (a hang fails CI).
    let mut project = tiny_project();
    project.articles[0].set_body(&"تَمِيمٌ ".repeat(100_000));
    project.highlights.clear();
    let escaped = ron::ser::to_string_pretty(
        &ron::Value::String(project.articles[0].body.to_string()),
        ron::ser::PrettyConfig::new().escape_strings(true),
    )
    .unwrap();
    assert!(escaped.contains("\\u{"));
    let text = store::to_ron_string(&project).unwrap();
    let raw_body = format!("body: \"{}\"", project.articles[0].body);
    assert!(text.contains(&raw_body));
    let text = text.replace(&raw_body, &format!("body: {escaped}"));
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "escaped.warraq.ron", text.as_bytes());
    let loaded = store::load(&path).unwrap();
    assert_eq!(loaded.project, project);
}

#[test]
fn newer_version_is_refused_naming_both_versions() {
    let text = tiny_text().replacen("version: 5,", "version: 7,", 1);
    let (error, message) = load_error(text.as_bytes());
    assert!(
        matches!(
            error,
            LoadError::NewerVersion {
                found: 7,
                supported: 6,
                ..
            }
        ),
        "{message}"
    );
    assert!(
        message.contains("version 7") && message.contains("up to 6"),
        "{message}"
    );
}

#[test]
fn version_zero_never_existed() {
    let text = tiny_text().replacen("version: 5,", "version: 0,", 1);
    assert!(matches!(
        load_error(text.as_bytes()).0,
        LoadError::UnknownVersion { found: 0, .. }
    ));
}

#[test]
fn another_ron_file_is_not_a_project() {
    let (error, message) = load_error(b"(name: \"config\", size: 3)");
    assert!(matches!(error, LoadError::WrongFormat { .. }), "{message}");
    let (error, _) = load_error(b"(format: \"something-else\", version: 1)");
    assert!(matches!(error, LoadError::WrongFormat { .. }));
    let (error, _) = load_error(b"{\"json\": true}");
    assert!(matches!(
        error,
        LoadError::Syntax { .. } | LoadError::WrongFormat { .. }
    ));
}

#[test]
fn broken_reference_names_the_item() {
    let text = tiny_text().replacen("Actor(\"act-tamim\")", "Actor(\"act-nobody\")", 1);
    let (error, message) = load_error(text.as_bytes());
    assert!(matches!(error, LoadError::Invalid { .. }), "{message}");
    assert!(
        message.contains("highlight `hl-1`") && message.contains("act-nobody"),
        "{message}"
    );
}

#[test]
fn span_outside_the_body_names_the_item() {
    let text = tiny_text().replacen("end: 14", "end: 999", 1);
    let (_, message) = load_error(text.as_bytes());
    assert!(
        message.contains("highlight `hl-1`") && message.contains("999"),
        "{message}"
    );
}

#[test]
fn quote_mismatch_names_the_item() {
    let text = tiny_text().replacen("quote: \"تميم\"", "quote: \"بوتين\"", 1);
    let (_, message) = load_error(text.as_bytes());
    assert!(
        message.contains("highlight `hl-1`") && message.contains("بوتين"),
        "{message}"
    );
}

#[test]
fn body_edited_outside_warraq_is_detected() {
    let text = tiny_text().replacen("اتصال بين", "اتصالات بين", 1);
    let (_, message) = load_error(text.as_bytes());
    assert!(
        message.contains("article `art-1`") && message.contains("hash"),
        "{message}"
    );
}

#[test]
fn crlf_rewrite_is_undone_and_reported() {
    let project = tiny_project();
    let text = store::to_ron_string(&project)
        .unwrap()
        .replace('\n', "\r\n");
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "crlf.warraq.ron", text.as_bytes());
    let loaded = store::load(&path).unwrap();
    assert_eq!(loaded.project, project, "offsets must not shift");
    assert!(loaded.warnings.iter().any(|w| w.contains("CRLF")));
}

#[test]
fn missing_file_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let error = store::load(&dir.path().join("nope.warraq.ron")).unwrap_err();
    assert!(matches!(error, LoadError::Io { .. }));
}
