//! Writes a coded corpus of analyst size (2,000 vocalised Arabic articles,
//! ~100,000 highlights, 6,000 relations) to try Warraq at scale:
//!
//! `cargo run --release --example make_corpus -- large.warraq.ron [ARTICLES]`

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let out = args.next().ok_or_else(|| {
        anyhow::anyhow!("usage: make_corpus OUT.warraq.ron [ARTICLES [RELATIONS]]")
    })?;
    let mut size = warraq::synthetic::Size::LARGE;
    if let Some(n) = args.next() {
        size.articles = n.parse()?;
    }
    if let Some(n) = args.next() {
        size.relations = n.parse()?;
    }
    let out = std::path::Path::new(&out);
    if out.exists() {
        anyhow::bail!("{} exists; name a new file", out.display());
    }
    let project = warraq::synthetic::corpus(size);
    warraq::store::save(&project, out, None)?;
    println!(
        "{}: {} articles, {} highlights, {} relations",
        out.display(),
        project.articles.len(),
        project.highlights.len(),
        project.relations.len()
    );
    Ok(())
}
