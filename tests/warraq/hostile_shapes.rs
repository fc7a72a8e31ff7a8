//! Every importer against the shapes of hostile files: deep nesting, huge
//! counts, offsets out of range, wrong encodings and types, mangled bytes,
//! decompression bombs. Each file is refused or imported — never a panic —
//! and what is imported is a valid project. (How long each takes, and how
//! much memory, is measured and bounded in `benches/hostile.rs`.)
//! `WARRAQ_FUZZ_CASES=2000 cargo test hostile_shapes` runs more cases.

use crate::common::{repo_path, sample_path, zip_of};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use warraq::exchange::import::{Options, import};
use warraq::model::{IdGenerator, Project};
use warraq::store;
use warraq::synthetic::Rng;

fn cases() -> usize {
    std::env::var("WARRAQ_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(24)
}

/// Imports `file` into an empty project: refused with a message, or a
/// valid project.
fn import_survives(file: &Path) {
    let empty = Project::default();
    let result = std::panic::catch_unwind(|| {
        import(
            &empty,
            &[file.to_owned()],
            Options::default(),
            &mut IdGenerator::new(),
        )
    });
    let Ok(result) = result else {
        let kept = std::env::temp_dir().join(format!(
            "warraq-panic-{}",
            file.file_name().unwrap().to_string_lossy()
        ));
        let _ = std::fs::copy(file, &kept);
        panic!(
            "importing {} panicked (kept as {})",
            file.display(),
            kept.display()
        );
    };
    match result {
        Ok(imported) => {
            let problems = imported.project.validate();
            assert!(problems.is_empty(), "{}: {problems:?}", file.display());
        }
        Err(e) => assert!(!e.to_string().is_empty(), "{}", file.display()),
    }
}

/// `bytes` with a few bits flipped, a piece cut off, or a piece repeated.
fn mangle(bytes: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut out = bytes.to_vec();
    if out.is_empty() {
        return out;
    }
    match rng.below(3) {
        0 => {
            for _ in 0..=rng.below(16) {
                let at = rng.below(out.len());
                out[at] ^= 1 << rng.below(8);
            }
        }
        1 => out.truncate(rng.below(out.len())),
        _ => {
            let at = rng.below(out.len());
            let piece = out[at..(at + rng.below(200)).min(out.len())].to_vec();
            for _ in 0..rng.below(50) {
                out.splice(at..at, piece.iter().copied());
            }
        }
    }
    out
}

fn has_extension(name: &str, extension: &str) -> bool {
    Path::new(name).extension().is_some_and(|e| e == extension)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

const WORDS: &str = "بحث قائد قوات الدفاع الجوي القطري مع قائد القيادة المركزية للجيش الأميركي تعزيز التعاون الدفاعي بين البلدين";

#[test]
fn web_pages_of_every_hostile_shape() {
    let dir = tempfile::tempdir().unwrap();
    let real = std::fs::read(repo_path(
        "tests/data/ingest/lebanon-interior-minister.html",
    ))
    .unwrap();
    let mut rng = Rng(0x5eed_0001);
    for case in 0..cases() {
        let depth = 1 + rng.below(6000);
        let tags = ["div", "span", "p", "table", "b", "article", "section", "td"];
        let tag = tags[rng.below(tags.len())];
        let page = match case % 5 {
            // Nested deep, closed or never closed.
            0 => format!(
                "<html><body>{}<p>{WORDS}</p>{}</body></html>",
                format!("<{tag}>").repeat(depth),
                if rng.below(2) == 0 {
                    format!("</{tag}>").repeat(depth)
                } else {
                    String::new()
                }
            )
            .into_bytes(),
            // Huge counts of elements and attributes.
            1 => format!(
                "<html><body>{}</body></html>",
                format!("<p class=\"{}\">{WORDS}</p>", "x ".repeat(rng.below(50))).repeat(depth)
            )
            .into_bytes(),
            // A declared encoding that is not the page's, or none, over bytes that are no encoding.
            2 => {
                let mut page =
                    b"<html><head><meta charset=\"windows-1256\"></head><body><p>".to_vec();
                page.extend(WORDS.as_bytes());
                for _ in 0..depth {
                    page.push(u8::try_from(rng.below(256)).unwrap());
                }
                page
            }
            // A real page, mangled.
            _ => mangle(&real, &mut rng),
        };
        import_survives(&write(dir.path(), &format!("page-{case}.html"), &page));
    }
}

#[test]
fn word_files_of_every_hostile_shape() {
    let dir = tempfile::tempdir().unwrap();
    let real = std::fs::read(repo_path(
        "tests/data/ingest/lebanon-interior-minister.docx",
    ))
    .unwrap();
    let mut rng = Rng(0x5eed_0002);
    for case in 0..cases() {
        let depth = 1 + rng.below(5000);
        let docx = match case % 4 {
            // Deeply nested runs and tables.
            0 => zip_of(&[(
                "word/document.xml",
                format!(
                    "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{}<w:p><w:r><w:t>{WORDS}</w:t></w:r></w:p>{}</w:body></w:document>",
                    "<w:tbl><w:tr><w:tc>".repeat(depth),
                    "</w:tc></w:tr></w:tbl>".repeat(depth / 2)
                )
                .as_bytes(),
            )]),
            // Many entries, and paragraphs.
            1 => {
                let names: Vec<String> = (0..depth).map(|i| format!("word/media/{i}.bin")).collect();
                let mut entries: Vec<(&str, &[u8])> =
                    names.iter().map(|n| (n.as_str(), &b"x"[..])).collect();
                let body = format!("<w:document><w:body>{}</w:body></w:document>", "<w:p/>".repeat(depth));
                entries.push(("word/document.xml", body.as_bytes()));
                zip_of(&entries)
            }
            // Not XML, not UTF-8.
            2 => {
                let noise: Vec<u8> = (0..depth).map(|_| u8::try_from(rng.below(256)).unwrap()).collect();
                zip_of(&[("word/document.xml", &noise)])
            }
            _ => mangle(&real, &mut rng),
        };
        import_survives(&write(dir.path(), &format!("doc-{case}.docx"), &docx));
    }
}

#[test]
fn pdfs_and_text_files_of_every_hostile_shape() {
    let dir = tempfile::tempdir().unwrap();
    let real = std::fs::read(repo_path("tests/data/ingest/lebanon-interior-minister.pdf")).unwrap();
    let mut rng = Rng(0x5eed_0003);
    for case in 0..cases() {
        import_survives(&write(
            dir.path(),
            &format!("pdf-{case}.pdf"),
            &mangle(&real, &mut rng),
        ));
        let text: Vec<u8> = match case % 3 {
            // Not UTF-8, with NULs and lone surrogates' bytes.
            0 => (0..=rng.below(20_000))
                .map(|_| u8::try_from(rng.below(256)).unwrap())
                .collect(),
            // One line of a hundred thousand words, or a hundred thousand empty lines.
            1 => WORDS.repeat(1 + rng.below(5000)).into_bytes(),
            _ => "\n".repeat(1 + rng.below(100_000)).into_bytes(),
        };
        import_survives(&write(dir.path(), &format!("text-{case}.txt"), &text));
    }
}

#[test]
fn refi_qda_projects_of_every_hostile_shape() {
    let dir = tempfile::tempdir().unwrap();
    let sample = store::load(&sample_path()).unwrap().project;
    let real = warraq::exchange::export(&sample, warraq::exchange::Format::Qdpx).unwrap();
    let qde = {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&real)).unwrap();
        let mut text = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("project.qde").unwrap(), &mut text).unwrap();
        text
    };
    let mut rng = Rng(0x5eed_0004);
    for case in 0..cases() {
        let qdpx = match case % 3 {
            // Selections out of range: past the end, reversed, negative, huge.
            0 => {
                let odd = ["-5", "99999999", "18446744073709551617", "abc", ""];
                let mut text = qde.clone();
                for key in ["startPosition=\"", "endPosition=\""] {
                    let at: Vec<usize> = text.match_indices(key).map(|(i, _)| i).collect();
                    if let Some(&i) = at.get(rng.below(at.len())) {
                        let start = i + key.len();
                        let end = start + text[start..].find('"').unwrap();
                        text.replace_range(start..end, odd[rng.below(odd.len())]);
                    }
                }
                zip_of(&[("project.qde", text.as_bytes())])
            }
            // Deeply nested codes.
            1 => {
                let depth = 1 + rng.below(5000);
                let nested = format!(
                    "{}{}",
                    "<Code guid=\"00000000-0000-0000-0000-000000000000\" name=\"x\" isCodable=\"true\">".repeat(depth),
                    "</Code>".repeat(depth)
                );
                let text = qde.replacen("<Codes>", &format!("<Codes>{nested}"), 1);
                zip_of(&[("project.qde", text.as_bytes())])
            }
            _ => mangle(&real, &mut rng),
        };
        import_survives(&write(dir.path(), &format!("p-{case}.qdpx"), &qdpx));
    }
}

#[test]
fn brat_annotations_of_every_hostile_shape() {
    let dir = tempfile::tempdir().unwrap();
    let sample = store::load(&sample_path()).unwrap().project;
    let files = warraq::exchange::brat::files(&sample);
    let (ann_name, ann) = files
        .iter()
        .find(|(n, _)| has_extension(n, "ann"))
        .expect("an .ann file")
        .clone();
    let (txt_name, txt) = files
        .iter()
        .find(|(n, _)| *n == ann_name.replace(".ann", ".txt"))
        .expect("its text")
        .clone();
    let mut rng = Rng(0x5eed_0005);
    for case in 0..cases() {
        let folder = dir.path().join(format!("brat-{case}"));
        std::fs::create_dir(&folder).unwrap();
        for (name, content) in &files {
            if has_extension(name, "conf") || has_extension(name, "json") {
                std::fs::write(folder.join(name), content).unwrap();
            }
        }
        let ann_text = String::from_utf8(ann.clone()).unwrap();
        let hostile = match case % 4 {
            // Offsets out of range, reversed, negative, overflowing; fragments galore.
            0 => {
                let odd = [
                    "0 999999",
                    "50 10",
                    "-3 4",
                    "0 18446744073709551616",
                    "1 2;3",
                    "x y",
                ];
                ann_text
                    .lines()
                    .map(|line| {
                        let mut parts: Vec<String> = line.split('\t').map(str::to_owned).collect();
                        if line.starts_with('T') && parts.len() > 1 && rng.below(2) == 0 {
                            let kind = parts[1].split(' ').next().unwrap_or("").to_owned();
                            parts[1] = format!("{kind} {}", odd[rng.below(odd.len())]);
                        }
                        parts.join("\t")
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
                    .into_bytes()
            }
            // A hundred thousand annotations, and references to ones that are not there.
            1 => {
                let mut many = ann_text.clone();
                for i in 0..=rng.below(100_000) {
                    let _ = writeln!(
                        many,
                        "T{}\tActor 0 3\tقطر\nR{i}\tmeets Arg1:T999999 Arg2:T{i}",
                        100_000 + i
                    );
                }
                many.into_bytes()
            }
            // Not UTF-8.
            2 => (0..=rng.below(10_000))
                .map(|_| u8::try_from(rng.below(256)).unwrap())
                .collect(),
            _ => mangle(&ann, &mut rng),
        };
        std::fs::write(folder.join(&ann_name), &hostile).unwrap();
        let body = if case % 5 == 4 {
            mangle(&txt, &mut rng)
        } else {
            txt.clone()
        };
        std::fs::write(folder.join(&txt_name), body).unwrap();
        import_survives(&folder);
    }
}

#[test]
fn warraq_json_of_every_hostile_shape() {
    let dir = tempfile::tempdir().unwrap();
    let sample = store::load(&sample_path()).unwrap().project;
    let real = warraq::exchange::export(&sample, warraq::exchange::Format::Json).unwrap();
    let mut rng = Rng(0x5eed_0006);
    for case in 0..cases() {
        let json = match case % 3 {
            // Spans out of range and wrong types.
            0 => {
                let text = String::from_utf8(real.clone()).unwrap();
                let odd = ["-1", "1e400", "\"x\"", "null", "99999999999", "[]"];
                text.replacen(
                    "\"start\": ",
                    &format!("\"start\": {},", odd[rng.below(odd.len())]),
                    1 + rng.below(5),
                )
                .into_bytes()
            }
            // Nested arrays, deeper than any parser's stack.
            1 => {
                let depth = 1 + rng.below(100_000);
                format!("{}{}", "[".repeat(depth), "]".repeat(depth)).into_bytes()
            }
            _ => mangle(&real, &mut rng),
        };
        import_survives(&write(dir.path(), &format!("p-{case}.json"), &json));
    }
}

#[test]
fn dna_databases_of_every_hostile_shape() {
    let dir = tempfile::tempdir().unwrap();
    let real = std::fs::read(repo_path("tests/data/dna/sample.dna")).unwrap();
    let mut rng = Rng(0x5eed_0007);
    let cases_sql = [
        // Statements past their document's end, or starting inside a letter's bytes.
        "UPDATE STATEMENTS SET Stop = Stop + 100000 WHERE ID % 3 = 0",
        "UPDATE STATEMENTS SET Start = 1, Stop = 2",
        // Wrong types where numbers and text belong.
        "UPDATE DOCUMENTS SET Date = 'yesterday'",
        "UPDATE DOCUMENTS SET Text = x'fffe00'",
        "UPDATE ENTITIES SET Value = ID * 7",
        "UPDATE DATASHORTTEXT SET Entity = 999999",
        // References to what is not there.
        "UPDATE STATEMENTS SET DocumentId = 999999 WHERE ID % 2 = 0",
        "UPDATE DATASHORTTEXT SET StatementId = -ID",
        // A table missing.
        "DROP TABLE ENTITIES",
        "DROP TABLE STATEMENTS",
    ];
    for case in 0..cases() {
        let path = dir.path().join(format!("db-{case}.dna"));
        if case % 3 == 2 {
            std::fs::write(&path, mangle(&real, &mut rng)).unwrap();
        } else {
            std::fs::write(&path, &real).unwrap();
            let db = rusqlite::Connection::open(&path).unwrap();
            // CHECK constraints would refuse some shapes a file can still hold.
            db.execute_batch("PRAGMA ignore_check_constraints = ON; PRAGMA foreign_keys = OFF;")
                .unwrap();
            let sql = cases_sql[case % cases_sql.len()];
            db.execute_batch(sql)
                .unwrap_or_else(|e| panic!("{sql}: {e}"));
        }
        import_survives(&path);
    }
}
