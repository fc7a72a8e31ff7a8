//! Writing recovery copies in the background while there are unsaved changes,
//! and offering them back after Warraq was closed without saving.

use crate::model::Project;
use crate::store::recovery::{Recovered, RecoveryStore};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Sender, channel};

/// How often, at most, a recovery copy is written while there are unsaved changes.
pub const INTERVAL_SECONDS: f64 = 10.0;

/// A copy of a large project takes seconds (4.1 s and 600 MB of text at
/// 20,000 articles): the next one waits this many times as long, so copies
/// never take more than a tenth of a core from the analyst's work.
const SPACING: f64 = 10.0;

enum Job {
    Write(Option<PathBuf>, Box<Project>),
    Discard(Option<PathBuf>),
}

/// Sends snapshots to a writer thread, so a large project never stalls a frame.
pub struct Autosave {
    store: RecoveryStore,
    interval: f64,
    writer: Option<(Sender<Job>, std::thread::JoinHandle<()>)>,
    /// Write on the UI thread instead (tests, which must see the file at once).
    inline: bool,
    last_write: f64,
    written_revision: Option<u64>,
    /// Which copy was last written (the file's, or the new project's), to forget it once saved.
    #[expect(
        clippy::option_option,
        reason = "whether a copy was written, then for which file (none for an untitled project), as the recovery store names copies"
    )]
    written_for: Option<Option<PathBuf>>,
    /// How long the last copy took to write, in nanoseconds (set by the writer).
    took: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

impl Autosave {
    /// Every `INTERVAL_SECONDS`, or `$WARRAQ_AUTOSAVE_SECONDS` when set.
    pub fn new(store: RecoveryStore) -> Self {
        let interval = std::env::var("WARRAQ_AUTOSAVE_SECONDS")
            .ok()
            .and_then(|s| s.parse::<f64>().ok())
            .filter(|s| s.is_finite() && *s >= 0.0)
            .unwrap_or(INTERVAL_SECONDS);
        Self {
            store,
            interval,
            writer: None,
            inline: false,
            last_write: f64::NEG_INFINITY,
            written_revision: None,
            written_for: None,
            took: std::sync::Arc::default(),
        }
    }

    /// Writes on the calling thread every `interval` seconds (for tests).
    #[must_use]
    pub fn inline(mut self, interval: f64) -> Self {
        self.inline = true;
        self.interval = interval;
        self
    }

    fn send(&mut self, job: Job) {
        if self.inline {
            run(&self.store, job, &self.took);
            return;
        }
        if self.writer.is_none() {
            let (tx, rx) = channel::<Job>();
            let store = self.store.clone();
            let took = self.took.clone();
            let spawned = std::thread::Builder::new()
                .name("warraq-recovery".to_owned())
                .spawn(move || {
                    for job in rx {
                        run(&store, job, &took);
                    }
                });
            if let Ok(thread) = spawned {
                self.writer = Some((tx, thread));
            } else {
                run(&self.store, job, &self.took);
                return;
            }
        }
        if let Some((writer, _)) = &self.writer {
            let _ = writer.send(job);
        }
    }

    /// Waits until every copy asked for is written (or discarded).
    fn flush(&mut self) {
        if let Some((writer, thread)) = self.writer.take() {
            drop(writer);
            let _ = thread.join();
        }
    }

    /// The user discarded the changes: the copy is gone before this returns,
    /// so that a window closed right after does not leave it to be offered again.
    pub fn discard_now(&mut self) {
        self.forget();
        self.flush();
    }

    /// Writes copies on the writer thread every `interval` seconds (tests).
    #[must_use]
    pub fn every(mut self, interval: f64) -> Self {
        self.interval = interval;
        self
    }

    /// Called every frame: writes a copy if there are unsaved changes not yet
    /// copied, and forgets the copy once there are none (saved, or undone).
    pub fn tick(
        &mut self,
        now: f64,
        file: Option<&Path>,
        project: &Project,
        dirty: bool,
        revision: u64,
    ) {
        if !dirty {
            if self.written_for.is_some() {
                self.forget();
            }
            return;
        }
        let took =
            std::time::Duration::from_nanos(self.took.load(std::sync::atomic::Ordering::Relaxed));
        let wait = self.interval.max(SPACING * took.as_secs_f64());
        if self.written_revision == Some(revision) || now - self.last_write < wait {
            return;
        }
        self.last_write = now;
        self.written_revision = Some(revision);
        if let Some(previous) = self.written_for.replace(file.map(Path::to_path_buf))
            && previous.as_deref() != file
        {
            // Saved under a new name since: the old copy would be offered for the wrong file.
            self.send(Job::Discard(previous));
        }
        self.send(Job::Write(
            file.map(Path::to_path_buf),
            Box::new(project.clone()),
        ));
    }

    /// The changes were saved or discarded: the copy is no longer needed.
    pub fn forget(&mut self) {
        self.written_revision = None;
        if let Some(file) = self.written_for.take() {
            self.send(Job::Discard(file));
        }
    }

    /// Forgets the copy kept for `file` (after the user chose not to restore it).
    pub fn forget_file(&mut self, file: Option<&Path>) {
        self.send(Job::Discard(file.map(Path::to_path_buf)));
    }

    pub fn find(&self, file: Option<&Path>) -> Option<Recovered> {
        self.store.find(file)
    }
}

fn run(store: &RecoveryStore, job: Job, took: &std::sync::atomic::AtomicU64) {
    match job {
        Job::Write(file, project) => {
            let started = std::time::Instant::now();
            // Losing a recovery copy loses nothing yet; the real file is untouched.
            let _ = store.write(file.as_deref(), &project);
            let nanos = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
            took.store(nanos, std::sync::atomic::Ordering::Relaxed);
        }
        Job::Discard(file) => store.discard(file.as_deref()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_that_took_long_spaces_out_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let mut autosave = Autosave::new(RecoveryStore::new(dir.path().join("r"))).inline(1.0);
        let project = Project::new("p");
        autosave.tick(0.0, None, &project, true, 1);
        assert_eq!(autosave.written_revision, Some(1), "the first copy");
        // As if that copy had taken 3 s (a project of 20,000 articles takes 4).
        autosave
            .took
            .store(3_000_000_000, std::sync::atomic::Ordering::Relaxed);
        autosave.tick(2.0, None, &project, true, 2);
        assert_eq!(
            autosave.written_revision,
            Some(1),
            "the interval has passed, ten times the copy's time has not"
        );
        autosave.tick(31.0, None, &project, true, 3);
        assert_eq!(autosave.written_revision, Some(3));
        // A quick copy keeps the interval.
        autosave
            .took
            .store(1_000, std::sync::atomic::Ordering::Relaxed);
        autosave.tick(32.5, None, &project, true, 4);
        assert_eq!(autosave.written_revision, Some(4));
    }
}
