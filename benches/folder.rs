//! A project of 20,000 articles (~540 MB of Arabic, ~1.1 M highlights,
//! 60,000 relations) kept as one file and as a folder, through the code the
//! window runs: opening, tagging, undo, saving, the files a save rewrites,
//! memory, the largest file, and git on the folder after one tag.
//!
//! `cargo bench --bench folder` (`WARRAQ_BENCH_ARTICLES=100000` for the
//! larger corpus; `WARRAQ_BENCH_SINGLE=1` also times the single file;
//! `WARRAQ_BENCH_KEEP=DIR` keeps the corpus in DIR to open again with
//! `WARRAQ_BENCH_OPEN=DIR/repo/corpus/corpus.warraq.ron`). Each
//! figure is printed as it is measured; nothing here runs in `cargo test`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};
use warraq::app::{Action, App};
use warraq::model::edit::Edit;
use warraq::model::{Span, Tag};
use warraq::store::{self, Layout};
use warraq::synthetic::{Size, corpus};
use warraq::ui::WarraqApp;

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

fn resident_mb() -> f64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: f64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(0.0);
    pages * 4096.0 / 1e6
}

struct Window {
    ctx: egui::Context,
    app: WarraqApp,
}

impl Window {
    fn new(app: App) -> Self {
        let ctx = egui::Context::default();
        warraq::ui::setup_context(&ctx);
        Self {
            ctx,
            app: WarraqApp::new(app),
        }
    }

    fn frame(&mut self) {
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1400.0, 850.0),
            )),
            ..Default::default()
        };
        let output = self.ctx.run_ui(input, |ui| self.app.show(ui));
        std::hint::black_box(self.ctx.tessellate(output.shapes, output.pixels_per_point));
    }
}

/// Every file under `dir`: its size and time.
fn listing(dir: &Path) -> HashMap<PathBuf, (u64, SystemTime)> {
    let mut all = HashMap::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            let Ok(meta) = entry.metadata() else { continue };
            if meta.is_dir() {
                // Git's own files and the window's cache are not the project's.
                if !path.ends_with(".git") && !path.ends_with(".warraq-cache") {
                    stack.push(path);
                }
            } else {
                all.insert(
                    path,
                    (meta.len(), meta.modified().expect("a modification time")),
                );
            }
        }
    }
    all
}

fn git(repo: &Path, args: &[&str]) -> Duration {
    let started = Instant::now();
    let out = std::process::Command::new("git")
        .current_dir(repo)
        .args(args)
        .env("GIT_AUTHOR_NAME", "bench")
        .env("GIT_AUTHOR_EMAIL", "b@example.org")
        .env("GIT_COMMITTER_NAME", "bench")
        .env("GIT_COMMITTER_EMAIL", "b@example.org")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    started.elapsed()
}

/// A tag of the `n`th word-sized span of the open article with an actor.
fn tag(window: &Window, n: usize) -> Action {
    let project = window.app.app().document().project();
    let article = window.app.panes()[0]
        .article
        .clone()
        .expect("an article open");
    let len = project
        .articles
        .iter()
        .find(|a| a.id == article)
        .map_or(10, warraq::model::Article::char_len);
    // Spans differ from run to run, so a project saved by an earlier run takes new tags too.
    let salt = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos() as usize);
    let start = (n * 7 + salt) % len.saturating_sub(5).max(1);
    Action::Edit(Edit::AddHighlight {
        article,
        span: Span::new(start, start + 4),
        tag: Tag::Actor(project.actors[n % project.actors.len()].id.clone()),
    })
}

/// Tag and undo to the next frame, 30 times each: the mean and the worst.
fn edits(window: &mut Window) {
    let (mut tags, mut undos) = (Vec::new(), Vec::new());
    for n in 0..30 {
        let started = Instant::now();
        let made = window.app.apply(tag(window, n + 11));
        window.frame();
        tags.push(started.elapsed());
        if made.is_none() {
            continue;
        }
        let started = Instant::now();
        window.app.apply(Action::Undo);
        window.frame();
        undos.push(started.elapsed());
        window.app.apply(Action::Redo);
    }
    let said = |d: &[Duration]| {
        format!(
            "{} mean, {} worst",
            ms(d.iter().sum::<Duration>() / u32::try_from(d.len().max(1)).unwrap_or(u32::MAX)),
            ms(*d.iter().max().unwrap_or(&Duration::ZERO))
        )
    };
    eprintln!("tag, to the next frame: {}", said(&tags));
    eprintln!("undo, to the next frame: {}", said(&undos));
    article_notes(window);
}

/// Changes to an article's notes: the first after opening (the list of
/// articles is shared with the base kept for merges, so it is the one that
/// copies the list), then ten more.
fn article_notes(window: &mut Window) {
    let mut times = Vec::new();
    // More to profile them: `WARRAQ_BENCH_NOTES=200`.
    let notes: usize = std::env::var("WARRAQ_BENCH_NOTES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(11);
    for _ in 0..notes.max(2) {
        let id = window.app.panes()[0]
            .article
            .clone()
            .expect("an article open");
        let mut article = window
            .app
            .app()
            .document()
            .project()
            .article(&id)
            .expect("the open article")
            .clone();
        article.notes.push_str(" ملاحظة");
        let started = Instant::now();
        let made = window
            .app
            .apply(Action::Edit(Edit::UpdateArticle(Box::new(article))));
        window.frame();
        assert!(made.is_some(), "the note is taken");
        times.push(started.elapsed());
    }
    let rest = &times[1..];
    eprintln!(
        "an article's note, to the next frame: the first {}, then {} mean, {} worst",
        ms(times[0]),
        ms(rest.iter().sum::<Duration>() / u32::try_from(rest.len()).unwrap_or(1)),
        ms(rest.iter().max().copied().unwrap_or_default())
    );
}

fn open(path: &Path, what: &str) -> Window {
    let before = resident_mb();
    let started = Instant::now();
    let app = App::open(path).expect("opens");
    let read = started.elapsed();
    let mut window = Window::new(app);
    window.frame();
    eprintln!(
        "{what}: open to the first frame {} (read {}, first frame {})",
        ms(started.elapsed()),
        ms(read),
        ms(started.elapsed().saturating_sub(read))
    );
    for _ in 0..3 {
        window.frame();
    }
    eprintln!(
        "{what}: memory after opening {:.0} MB (+{:.0})",
        resident_mb(),
        resident_mb() - before
    );
    window
}

fn save(window: &mut Window, what: &str) {
    let started = Instant::now();
    window.app.save_in_background();
    window.frame();
    let blocked = started.elapsed();
    window.app.wait_for_save();
    eprintln!(
        "{what}: save blocks the window {}, written in {}",
        ms(blocked),
        ms(started.elapsed())
    );
}

/// Opens, edits and saves `path` in a new process of this bench (see `main`).
fn alone(path: &Path, what: &str) {
    let status = std::process::Command::new(std::env::current_exe().expect("this bench"))
        .env("WARRAQ_BENCH_OPEN", path)
        .env("WARRAQ_BENCH_WHAT", what)
        .status()
        .expect("the bench runs again");
    assert!(status.success(), "{what}");
}

fn main() {
    // One project opened, edited and saved in a process of its own, so no
    // work left running by another window (a network layout) shares the cores.
    if let Some(path) = std::env::var_os("WARRAQ_BENCH_OPEN") {
        let what =
            std::env::var("WARRAQ_BENCH_WHAT").unwrap_or_else(|_| "given project".to_owned());
        let mut window = open(Path::new(&path), &what);
        // `WARRAQ_BENCH_OPEN_ONLY=1`: the open alone, to profile it.
        if std::env::var_os("WARRAQ_BENCH_OPEN_ONLY").is_some() {
            return;
        }
        edits(&mut window);
        save(&mut window, &what);
        return;
    }
    let articles: usize = std::env::var("WARRAQ_BENCH_ARTICLES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(20_000);
    let size = Size {
        articles,
        relations: articles * 3,
        ..Size::LARGE
    };
    let started = Instant::now();
    let project = corpus(size);
    eprintln!(
        "corpus: {} articles, {} highlights, {} relations, built in {}",
        project.articles.len(),
        project.highlights.len(),
        project.relations.len(),
        ms(started.elapsed())
    );
    // `WARRAQ_BENCH_KEEP=DIR` leaves the corpus in DIR (a new folder) to open again.
    let temp = tempfile::tempdir().expect("temp dir");
    let dir =
        std::env::var_os("WARRAQ_BENCH_KEEP").map_or_else(|| temp.path().to_owned(), PathBuf::from);
    assert!(
        std::fs::read_dir(&dir).map_or(true, |mut d| d.next().is_none()),
        "{} is not empty",
        dir.display()
    );
    let single = dir.join("corpus.warraq.ron");
    let repo = dir.join("repo");
    std::fs::create_dir_all(&repo).expect("repo folder");
    let folder = store::folder::project_file_for(&repo.join("corpus.warraq.ron"));
    std::fs::create_dir_all(folder.parent().expect("a folder")).expect("project folder");
    let started = Instant::now();
    store::save_as(&project, &folder, Layout::Folder, None, false).expect("saved as a folder");
    eprintln!("convert to a folder: {}", ms(started.elapsed()));
    let want_single = std::env::var_os("WARRAQ_BENCH_SINGLE").is_some();
    if want_single {
        store::save(&project, &single, None).expect("saved as one file");
        eprintln!(
            "one file: {:.0} MB",
            std::fs::metadata(&single).map_or(0, |m| m.len()) as f64 / 1e6
        );
    }
    drop(project);
    let root = folder.parent().expect("a folder").to_owned();
    let files = listing(&root);
    let largest = files.values().map(|(len, _)| *len).max().unwrap_or(0);
    eprintln!(
        "folder: {} files, the largest {:.2} MB",
        files.len(),
        largest as f64 / 1e6
    );

    if want_single {
        alone(&single, "one file");
    }
    // The first open finds no cache and makes it; the second is a warm open.
    alone(&folder, "folder, cold (no cache)");
    alone(&folder, "folder, warm (cache)");
    let mut window = open(&folder, "folder, for git");

    git(&repo, &["init", "-q", "-b", "main"]);
    // No packing left running in the background to share the cores with what is timed next.
    git(&repo, &["config", "gc.auto", "0"]);
    let added = git(&repo, &["add", "-A"]);
    let committed = git(&repo, &["commit", "-q", "-m", "corpus"]);
    eprintln!("git: first add {}, commit {}", ms(added), ms(committed));

    let before = listing(&root);
    let n = 9_999;
    assert!(
        window.app.apply(tag(&window, n)).is_some(),
        "a new highlight"
    );
    window.frame();
    save(&mut window, "folder, one tag");
    let after = listing(&root);
    let rewritten = after
        .iter()
        .filter(|(p, stamp)| before.get(*p) != Some(stamp))
        .count();
    eprintln!("folder: files rewritten by one tag and a save: {rewritten}");
    let status = git(&repo, &["status", "--porcelain"]);
    let commit = git(&repo, &["commit", "-qam", "one tag"]);
    eprintln!(
        "git after one tag: status {}, commit {}",
        ms(status),
        ms(commit)
    );

    // Search: the first screen of hits over every article.
    let started = Instant::now();
    let (hits, rest) =
        warraq::ui::search_job::start(&window.app.app().document().project().articles, "تميم");
    drop(rest);
    std::hint::black_box(hits);
    eprintln!(
        "search, the first screen of hits: {}",
        ms(started.elapsed())
    );
}
