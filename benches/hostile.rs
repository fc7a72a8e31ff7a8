//! Hostile files stay bounded: a web page of 30,000 nested `<div>`s (closed,
//! and never closed), a `.docx` whose document expands past the import
//! limit, a REFI-QDA project nested 100,000 deep, brat annotations by the
//! hundred thousand with offsets out of range, a DNA database of 100,000
//! statements past their documents' ends, a text file past the article
//! limit. Each is run once first with its time and the memory it takes
//! asserted (a refusal or an import, never a hang); then measured.
//! Before flattening, 30,000 nested elements took minutes to read.

use criterion::{Criterion, criterion_group, criterion_main};
use std::fmt::Write as _;
use std::hint::black_box;
use std::io::Write;
use std::path::Path;
use warraq::extract::{Kind, from_bytes};
use warraq::store::Headline;

fn nested(closed: bool) -> Vec<u8> {
    let n = 30_000;
    let words = vec!["كلمة"; 40].join(" ");
    let close = if closed {
        "</div>".repeat(n)
    } else {
        String::new()
    };
    format!(
        "<html><head><title>t</title></head><body>{}<p>{words}</p>{close}</body></html>",
        "<div>".repeat(n)
    )
    .into_bytes()
}

fn bomb() -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated),
    )
    .expect("entry");
    // 300 MB of zeros: past the default limit of 256 MB.
    let zeros = vec![0u8; 1024 * 1024];
    for _ in 0..300 {
        zip.write_all(&zeros).expect("written");
    }
    zip.finish().expect("archive").into_inner()
}

/// The process's peak resident memory so far (MB), from /proc.
fn peak_mb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        })
        .map_or(0, |kb| kb / 1024)
}

/// Runs `work` once and asserts it ends within `seconds` and raises the
/// peak memory by at most `megabytes`.
fn bounded<T>(name: &str, seconds: f64, megabytes: u64, work: impl FnOnce() -> T) -> T {
    // Linux resets the peak to the present size on "5" (proc(5), clear_refs).
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let before = peak_mb();
    let start = std::time::Instant::now();
    let out = work();
    let took = start.elapsed().as_secs_f64();
    let grew = peak_mb().saturating_sub(before);
    eprintln!("{name}: {took:.2} s, peak memory +{grew} MB");
    assert!(
        took < seconds,
        "{name}: {took:.2} s, past the bound of {seconds} s"
    );
    assert!(
        grew <= megabytes,
        "{name}: +{grew} MB, past the bound of {megabytes} MB"
    );
    out
}

/// Imports `path` into an empty project.
fn import(
    path: &Path,
) -> Result<warraq::exchange::import::Imported, warraq::exchange::ExchangeError> {
    warraq::exchange::import::import(
        &warraq::model::Project::default(),
        &[path.to_owned()],
        warraq::exchange::import::Options::default(),
        &mut warraq::model::IdGenerator::new(),
    )
}

fn importers(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let sample = warraq::store::load(Path::new("projects/gulf-crisis-sample.warraq.ron"))
        .expect("the sample")
        .project;

    // A REFI-QDA project whose codebook nests 100,000 deep.
    let depth = 100_000;
    let qde = format!(
        "<?xml version=\"1.0\"?><Project xmlns=\"urn:QDA-XML:project:1.0\"><CodeBook><Codes>{}{}</Codes></CodeBook></Project>",
        "<Code guid=\"g\" name=\"x\" isCodable=\"true\">".repeat(depth),
        "</Code>".repeat(depth)
    );
    let qdpx = dir.path().join("deep.qdpx");
    std::fs::write(&qdpx, zip_of(&[("project.qde", qde.as_bytes())])).expect("written");
    bounded("a .qdpx nested 100,000 deep", 2.0, 64, || {
        assert!(import(&qdpx).is_err());
    });
    c.bench_function("a .qdpx nested 100,000 deep, refused", |b| {
        b.iter(|| black_box(import(&qdpx)));
    });

    // brat: the sample's annotations and 200,000 more, half out of range.
    let files = warraq::exchange::brat::files(&sample);
    let folder = dir.path().join("brat");
    std::fs::create_dir(&folder).expect("a folder");
    let mut first_ann = true;
    for (name, content) in &files {
        let mut content = content.clone();
        if first_ann && Path::new(name).extension().is_some_and(|e| e == "ann") {
            first_ann = false;
            let mut more = String::new();
            for i in 0..200_000 {
                let span = if i % 2 == 0 { "0 3" } else { "999999 1000005" };
                let _ = writeln!(more, "T{}\tActor {span}\tقطر", 1_000_000 + i);
            }
            content.extend(more.into_bytes());
        }
        std::fs::write(folder.join(name), content).expect("written");
    }
    let brat = bounded(
        "brat, 200,000 annotations, half out of range",
        20.0,
        1024,
        || import(&folder).map(|i| i.added.highlights),
    );
    eprintln!("  brat: {brat:?} highlights came in");
    c.bench_function("brat, 200,000 annotations, half out of range", |b| {
        b.iter(|| black_box(import(&folder).map(|i| i.added.highlights)));
    });

    // DNA: the sample database with 100,000 statements past their documents' ends.
    let dna = dir.path().join("many.dna");
    std::fs::copy("tests/data/dna/sample.dna", &dna).expect("copied");
    {
        let db = rusqlite::Connection::open(&dna).expect("opened");
        db.execute_batch(
            "PRAGMA foreign_keys = OFF;
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
             INSERT INTO STATEMENTS (StatementTypeId, DocumentId, Start, Stop, Coder)
             SELECT 1, (SELECT MIN(ID) FROM DOCUMENTS), 1000000 + i, 1000010 + i, 1 FROM n;",
        )
        .expect("statements added");
    }
    let dna_in = bounded("DNA, 100,000 statements out of range", 20.0, 1024, || {
        import(&dna).map(|i| i.added.highlights)
    });
    eprintln!("  DNA: {dna_in:?} highlights came in");
    c.bench_function("DNA, 100,000 statements out of range", |b| {
        b.iter(|| black_box(import(&dna).map(|i| i.added.highlights)));
    });

    // A 300 MB text file: refused before it is read.
    let text = dir.path().join("huge.txt");
    let file = std::fs::File::create(&text).expect("created");
    file.set_len(300 * 1024 * 1024).expect("sized");
    bounded("a 300 MB text file", 0.5, 16, || {
        assert!(import(&text).is_err());
    });
}

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in entries {
        zip.start_file(*name, options).expect("entry");
        zip.write_all(content).expect("written");
    }
    zip.finish().expect("archive").into_inner()
}

fn benches(c: &mut Criterion) {
    let path = Path::new("page.html");
    for closed in [true, false] {
        let page = nested(closed);
        let name = if closed {
            "a page of 30,000 nested divs"
        } else {
            "a page of 30,000 unclosed divs"
        };
        let read = bounded(name, 5.0, 512, || {
            from_bytes(Kind::Html, path, &page, Headline::TitleOnly).map(|e| e.article.body.len())
        });
        eprintln!("  {read:?} bytes of text");
        c.bench_function(name, |b| {
            b.iter(|| black_box(from_bytes(Kind::Html, path, &page, Headline::TitleOnly)));
        });
    }
    let docx = bomb();
    eprintln!("the bomb: {} KB expanding to 300 MB", docx.len() / 1024);
    bounded("a .docx expanding to 300 MB", 10.0, 512, || {
        assert!(
            from_bytes(
                Kind::Docx,
                Path::new("bomb.docx"),
                &docx,
                Headline::TitleOnly
            )
            .is_err()
        );
    });
    c.bench_function("a .docx expanding to 300 MB, refused", |b| {
        b.iter(|| {
            let read = from_bytes(
                Kind::Docx,
                Path::new("bomb.docx"),
                &docx,
                Headline::TitleOnly,
            );
            assert!(read.is_err());
            black_box(read)
        });
    });
}

criterion_group! {
    name = hostile;
    config = Criterion::default().sample_size(10);
    targets = benches, importers
}
criterion_main!(hostile);
