//! How much one file from outside may make Warraq read: what an archive may
//! expand to and hold, and how long one article may be. Each fits any real
//! article or project; each is raised for a real case by an environment
//! variable the refusal names.

/// Entries an archive may hold.
pub const MAX_ENTRIES: usize = 20_000;
/// What one archive entry, and all of them together, may expand to; also
/// the largest file read whole (MiB). `WARRAQ_IMPORT_LIMIT_MB` raises it.
pub const DEFAULT_IMPORT_MB: u64 = 256;
/// The text of one article (MiB of UTF-8: about four million Arabic
/// letters, twenty times the longest report seen). `WARRAQ_ARTICLE_LIMIT_MB`
/// raises it.
pub const DEFAULT_ARTICLE_MB: u64 = 8;

const MIB: u64 = 1024 * 1024;

fn megabytes(variable: &str, default: u64) -> u64 {
    std::env::var(variable)
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|&mb| mb > 0)
        .unwrap_or(default)
        .saturating_mul(MIB)
}

/// The archive and file size limit in bytes.
pub fn import_bytes() -> u64 {
    megabytes("WARRAQ_IMPORT_LIMIT_MB", DEFAULT_IMPORT_MB)
}

/// The article length limit in bytes of text.
pub fn article_bytes() -> u64 {
    megabytes("WARRAQ_ARTICLE_LIMIT_MB", DEFAULT_ARTICLE_MB)
}

/// Why an article of `bytes` of text is refused, if it is.
pub fn article_too_long(bytes: usize) -> Option<String> {
    let limit = article_bytes();
    (bytes as u64 > limit).then(|| {
        format!(
            "the article's text is {:.1} MB, past the {} MB one article may hold: refused (a file built to exhaust memory, or several articles in one?); if it is real, set WARRAQ_ARTICLE_LIMIT_MB to a larger number of megabytes",
            megabytes_of(bytes),
            limit / MIB
        )
    })
}

/// Why a file of `bytes` is too large to read whole, if it is.
pub fn file_too_large(bytes: u64) -> Option<String> {
    let limit = import_bytes();
    (bytes > limit).then(|| {
        format!(
            "the file is {:.0} MB, past the {} MB Warraq reads from one file: refused; if it is real, set WARRAQ_IMPORT_LIMIT_MB to a larger number of megabytes",
            megabytes_of(usize::try_from(bytes).unwrap_or(usize::MAX)),
            limit / MIB
        )
    })
}

#[expect(clippy::cast_precision_loss, reason = "a size shown to one decimal")]
fn megabytes_of(bytes: usize) -> f64 {
    bytes as f64 / MIB as f64
}
