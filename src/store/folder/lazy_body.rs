//! Reading an article's body back when it is first needed: from the cache
//! file it was found in at opening, or, where that file has been made again
//! since (a save, another window), from the article's own file. Either way
//! the text must still hash to what the article was read with; a body that
//! changed on disk is not taken for the one the highlights point into.

use crate::model::{ArticleId, Fetch, text};
use std::io::{Read, Seek, SeekFrom};
use std::path::PathBuf;
use std::sync::Arc;

pub(super) struct FromCache {
    pub(super) cache: Arc<PathBuf>,
    /// The body's first byte in the cache file, and its length.
    pub(super) at: u64,
    pub(super) len: usize,
    pub(super) root: Arc<PathBuf>,
    pub(super) id: ArticleId,
    /// The article's body hash when it was read.
    pub(super) hash: String,
}

impl FromCache {
    fn in_cache(&self) -> Option<String> {
        let mut file = std::fs::File::open(&*self.cache).ok()?;
        file.seek(SeekFrom::Start(self.at)).ok()?;
        let mut bytes = vec![0; self.len];
        file.read_exact(&mut bytes).ok()?;
        String::from_utf8(bytes).ok()
    }
}

impl Fetch for FromCache {
    fn fetch(&self) -> Result<String, String> {
        if let Some(body) = self.in_cache().filter(|b| text::body_hash(b) == self.hash) {
            return Ok(body);
        }
        let path = self.root.join(super::paths::article(self.id.as_str()));
        let read = super::read::read_article(&self.root, &self.id)?;
        let body = String::from(read.article.body);
        if text::body_hash(&body) == self.hash {
            Ok(body)
        } else {
            Err(format!(
                "{}: the article's text changed on disk since the project was opened; open the project again to read it",
                path.display()
            ))
        }
    }
}
