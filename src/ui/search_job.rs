//! Searching thousands of articles without freezing the window: the first
//! screenful of hits is found at once, the rest on another thread, shown as
//! it arrives.

use crate::model::search::{self, Hit};
use crate::model::{Article, Shared};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::{Duration, Instant};

/// Hits found before the rest is left to the background: more than a screenful.
const FIRST_HITS: usize = 100;
/// Time the window may spend searching in one frame.
const FIRST_BUDGET: Duration = Duration::from_millis(30);
/// Articles searched between two reports from the background.
const BATCH: usize = 50;

/// The part of a search still running on another thread.
#[derive(Debug)]
pub struct SearchJob {
    hits: Receiver<Vec<Hit>>,
    cancel: Arc<AtomicBool>,
}

/// Searches `articles` for `term`: the hits found within this frame's budget,
/// and the job finding the rest (none when everything was searched).
pub fn start(articles: &Shared<Article>, term: &str) -> (Vec<Hit>, Option<SearchJob>) {
    start_after(articles, term, FIRST_HITS)
}

fn start_after(
    articles: &Shared<Article>,
    term: &str,
    first_hits: usize,
) -> (Vec<Hit>, Option<SearchJob>) {
    let started = Instant::now();
    let mut hits = Vec::new();
    let mut next = 0;
    while next < articles.len() && hits.len() < first_hits && started.elapsed() < FIRST_BUDGET {
        hits.extend(search::search_article(&articles[next], term));
        next += 1;
    }
    if next == articles.len() {
        return (hits, None);
    }
    // The snapshot costs a reference count; edits meanwhile do not disturb it.
    let snapshot = articles.clone();
    let wanted = term.to_owned();
    let cancel = Arc::new(AtomicBool::new(false));
    let stop = Arc::clone(&cancel);
    let (sender, receiver) = std::sync::mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("warraq-search".to_owned())
        .spawn(move || {
            for batch in snapshot[next..].chunks(BATCH) {
                if stop.load(Ordering::Relaxed) {
                    return;
                }
                let found: Vec<Hit> = batch
                    .iter()
                    .flat_map(|a| search::search_article(a, &wanted))
                    .collect();
                if sender.send(found).is_err() {
                    return;
                }
            }
        });
    if spawned.is_ok() {
        (
            hits,
            Some(SearchJob {
                hits: receiver,
                cancel,
            }),
        )
    } else {
        for article in &articles[next..] {
            hits.extend(search::search_article(article, term));
        }
        (hits, None)
    }
}

impl SearchJob {
    /// Adds the hits found since the last call; false once the search is complete.
    pub fn poll(&mut self, hits: &mut Vec<Hit>) -> bool {
        loop {
            match self.hits.try_recv() {
                Ok(found) => hits.extend(found),
                Err(TryRecvError::Empty) => return true,
                Err(TryRecvError::Disconnected) => return false,
            }
        }
    }

    /// Waits for every hit (tests, and callers that need the whole list).
    pub fn finish(self, hits: &mut Vec<Hit>) {
        for found in &self.hits {
            hits.extend(found);
        }
    }
}

impl Drop for SearchJob {
    /// A new query makes the old search pointless.
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streamed_hits_are_the_whole_search_in_order() {
        let project = crate::synthetic::corpus(crate::synthetic::Size::MEDIUM);
        let all = search::search(&project, "تميم");
        assert!(all.len() > 10, "{} hits", all.len());
        let (mut hits, job) = start_after(&project.articles, "تميم", 5);
        assert!(hits.len() >= 5 && hits.len() < all.len());
        job.expect("the rest is left to the background")
            .finish(&mut hits);
        assert_eq!(hits, all);
    }
}
