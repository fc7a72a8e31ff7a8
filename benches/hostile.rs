//! Hostile files stay bounded: a web page of 30,000 nested `<div>`s (closed,
//! and never closed) and a `.docx` whose document expands past the import
//! limit. Before flattening, 30,000 nested elements took minutes to read.

use criterion::{Criterion, criterion_group, criterion_main};
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

fn benches(c: &mut Criterion) {
    let path = Path::new("page.html");
    for closed in [true, false] {
        let page = nested(closed);
        let name = if closed {
            "a page of 30,000 nested divs"
        } else {
            "a page of 30,000 unclosed divs"
        };
        c.bench_function(name, |b| {
            b.iter(|| black_box(from_bytes(Kind::Html, path, &page, Headline::TitleOnly)));
        });
    }
    let docx = bomb();
    eprintln!("the bomb: {} KB expanding to 300 MB", docx.len() / 1024);
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
    targets = benches
}
criterion_main!(hostile);
