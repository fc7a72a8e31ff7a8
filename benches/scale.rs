//! The whole window on a coded corpus of analyst size — 2,000 vocalised
//! Arabic articles (~50 MB), ~100,000 actor highlights, 6,000 relations —
//! through the code the window runs (`WarraqApp::show`, `App::apply`): what
//! an edit, an undo, a search, a save and opening cost, to the next frame.
//!
//! `cargo bench --bench scale`. Memory after 200 edits and the one-off costs
//! (opening the project, a 200,000-character article) are printed before
//! criterion's rows.

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Event, Pos2, RawInput, Rect, vec2};
use std::hint::black_box;
use std::time::{Duration, Instant};
use warraq::app::{Action, App};
use warraq::model::edit::Edit;
use warraq::model::{Article, ArticleId, Span, Tag};
use warraq::synthetic::{Size, corpus};
use warraq::ui::{Intent, Intents, WarraqApp};

fn input(size: egui::Vec2, pointer: Pos2) -> RawInput {
    let mut input = RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, size)),
        ..Default::default()
    };
    input.events.push(Event::PointerMoved(pointer));
    input
}

struct Window {
    ctx: egui::Context,
    app: WarraqApp,
    size: egui::Vec2,
    pointer: f32,
}

impl Window {
    fn new(app: App) -> Self {
        let ctx = egui::Context::default();
        warraq::ui::setup_context(&ctx);
        Self {
            ctx,
            app: WarraqApp::new(app),
            size: vec2(1400.0, 850.0),
            pointer: 0.0,
        }
    }

    /// One frame: UI pass plus tessellation (what a GPU would be handed).
    fn frame(&mut self) {
        self.frame_with(Vec::new());
    }

    /// A frame in which `events` (keys) arrive.
    fn frame_with(&mut self, events: Vec<Event>) {
        // The pointer moves over the desk every frame, as a reading analyst's does.
        self.pointer = (self.pointer + 7.0) % 500.0;
        let pointer = Pos2::new(400.0 + self.pointer, 300.0);
        let mut input = input(self.size, pointer);
        input.events.extend(events);
        let output = self.ctx.run_ui(input, |ui| self.app.show(ui));
        black_box(self.ctx.tessellate(output.shapes, output.pixels_per_point));
    }
}

/// Resident memory of this process, in MB.
fn resident_mb() -> f64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: f64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(0.0);
    pages * 4096.0 / 1e6
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

/// Tags the `n`th word of an article with one of the actors: a new highlight
/// every time (word and actor never repeat together), as an analyst makes them.
struct Tagger {
    article: ArticleId,
    words: Vec<Span>,
    actors: Vec<warraq::model::ActorId>,
    /// What is coded in the article, by the corpus or by an earlier tag:
    /// a tag there again would be refused as a duplicate.
    coded: std::cell::RefCell<std::collections::HashSet<(Span, Tag)>>,
}

impl Tagger {
    fn new(project: &warraq::model::Project, article: &ArticleId) -> Self {
        let body = &project.article(article).expect("article").body;
        let mut words = Vec::new();
        let mut start = None;
        for (i, c) in body.chars().enumerate() {
            match (
                c.is_alphanumeric() || ('\u{064B}'..='\u{0652}').contains(&c),
                start,
            ) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    words.push(Span::new(s, i));
                    start = None;
                }
                _ => {}
            }
        }
        Self {
            article: article.clone(),
            words,
            actors: project.actors.iter().map(|a| a.id.clone()).collect(),
            coded: std::cell::RefCell::new(
                project
                    .highlights
                    .iter()
                    .filter(|h| &h.article == article)
                    .map(|h| (h.span, h.tag.clone()))
                    .collect(),
            ),
        }
    }

    /// The `n`th tag, or the next one after it not coded yet.
    fn tag(&self, n: usize) -> Action {
        let pick = |n: usize| {
            (
                self.words[n % self.words.len()],
                Tag::Actor(self.actors[(n / self.words.len() + 1) % self.actors.len()].clone()),
            )
        };
        let every = self.words.len() * self.actors.len();
        let mut coded = self.coded.borrow_mut();
        let (span, tag) = (n..n + every)
            .map(pick)
            .find(|pair| !coded.contains(pair))
            .unwrap_or_else(|| pick(n));
        coded.insert((span, tag.clone()));
        Action::Edit(Edit::AddHighlight {
            article: self.article.clone(),
            span,
            tag,
        })
    }
}

/// Applies `action`, which must change the project (a refused edit would be a cheaper, wrong measure).
fn must_apply(window: &mut Window, action: Action) {
    let made = window.app.apply(action);
    assert!(made.is_some(), "{:?}", window.app.app().notices.last());
}

fn benches(c: &mut Criterion) {
    let started = Instant::now();
    let project = corpus(Size::LARGE);
    eprintln!(
        "corpus: {} articles, {} highlights, {} relations, {} actors, built in {}",
        project.articles.len(),
        project.highlights.len(),
        project.relations.len(),
        project.actors.len(),
        ms(started.elapsed())
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("large.warraq.ron");
    warraq::store::save(&project, &path, None).expect("saved");
    eprintln!(
        "file: {:.1} MB",
        std::fs::metadata(&path).map_or(0, |m| m.len()) as f64 / 1e6
    );
    drop(project);

    // Opening: reading the file to the first frame of the window.
    let started = Instant::now();
    let app = App::open(&path).expect("opens");
    let mut window = Window::new(app);
    window.frame();
    eprintln!(
        "open the project to its first frame: {}",
        ms(started.elapsed())
    );
    for _ in 0..3 {
        window.frame();
    }
    let article = window.app.panes()[0]
        .article
        .clone()
        .expect("an article open");
    let tagger = Tagger::new(window.app.app().document().project(), &article);

    edits_and_memory(&mut window, &tagger);

    let mut group = c.benchmark_group("scale");
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(6));
    let mut n = 1000;
    group.bench_function("tag a selection, to the next frame", |b| {
        b.iter(|| {
            n += 1;
            must_apply(&mut window, tagger.tag(n));
            window.frame();
        });
    });
    group.bench_function("undo, to the next frame", |b| {
        // Each undo takes back a tag made (untimed) just before, so there is always one to undo.
        b.iter_custom(|iters| {
            let mut timed = Duration::ZERO;
            for _ in 0..iters {
                n += 1;
                must_apply(&mut window, tagger.tag(n));
                window.frame();
                let started = Instant::now();
                window.app.apply(Action::Undo);
                window.frame();
                timed += started.elapsed();
            }
            timed
        });
    });
    // A relation's note: its row of the relations table is made again.
    let mut relation = window.app.app().document().project().relations[10].clone();
    group.bench_function("edit a relation's note, to the next frame", |b| {
        b.iter(|| {
            n += 1;
            relation.note = format!("ملاحظة {n}");
            must_apply(
                &mut window,
                Action::Edit(Edit::UpdateRelation(relation.clone())),
            );
            window.frame();
        });
    });
    group.bench_function("steady frame, pointer moving", |b| {
        b.iter(|| window.frame());
    });
    group.bench_function(
        "search a common word (تميم): the first screen of hits",
        |b| {
            b.iter(|| {
                let (hits, rest) = warraq::ui::search_job::start(
                    &window.app.app().document().project().articles,
                    "تميم",
                );
                drop(rest);
                black_box(hits)
            });
        },
    );
    group.bench_function("search a common word (تميم): every hit", |b| {
        b.iter(|| {
            black_box(warraq::model::search::search(
                window.app.app().document().project(),
                "تميم",
            ))
        });
    });
    group.bench_function("save: the window blocked (start + next frame)", |b| {
        b.iter(|| {
            window.app.save_in_background();
            window.frame();
        });
        window.app.wait_for_save();
    });
    group.finish();

    suggestions(c, &mut window);
    long_article(&mut window);
}

/// The Suggestions tab: its first screen, accepting from the keyboard, and
/// how long the queue takes to be current again after a tag.
fn suggestions(c: &mut Criterion, window: &mut Window) {
    let started = Instant::now();
    window.app.sidebar_mut().tab = warraq::ui::sidebar::Tab::Suggestions;
    let mut frames = 0;
    while window.app.sidebar().suggestions.waiting() == 0 && frames < 100_000 {
        window.frame();
        frames += 1;
    }
    eprintln!(
        "suggestions: the tab opened to its first screen: {} ({frames} frames)",
        ms(started.elapsed())
    );
    let started = Instant::now();
    window.app.wait_for_suggestions();
    window.frame();
    eprintln!(
        "suggestions: the whole project in the background: {} ({} mentions, {} new actors)",
        ms(started.elapsed()),
        window.app.sidebar().suggestions.waiting(),
        window.app.sidebar().suggestions.candidates().len()
    );
    // Enter on the selected row: one tag, then the queue computed again.
    let enter = Event::Key {
        key: egui::Key::Enter,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::NONE,
    };
    let started = Instant::now();
    window.frame_with(vec![enter.clone()]);
    let accepted = started.elapsed();
    // Frames go on while the queue is computed again: first its mentions
    // (only the article tagged is read again), then the new actors.
    let suggestions = |w: &Window| w.app.sidebar().suggestions.last_matched();
    let before = suggestions(window);
    let mut mentions = None;
    while mentions.is_none() && started.elapsed() < Duration::from_mins(1) {
        window.frame();
        if suggestions(window) != before {
            mentions = Some(started.elapsed());
        }
    }
    window.app.wait_for_suggestions();
    eprintln!(
        "suggestions: accept to the next frame {}; mentions current again {} (after the 150 ms rest; {} article(s) read again), new actors {}",
        ms(accepted),
        mentions.map_or_else(|| "-".to_owned(), ms),
        suggestions(window).unwrap_or_default(),
        ms(started.elapsed())
    );
    // Fifty accepts at a fast analyst's pace, one every 100 ms (the window
    // drawing its frames in between), each timed to its next frame.
    let mut times: Vec<Duration> = (0..50)
        .map(|_| {
            let pause = Instant::now();
            while pause.elapsed() < Duration::from_millis(100) {
                window.frame();
            }
            let started = Instant::now();
            window.frame_with(vec![enter.clone()]);
            started.elapsed()
        })
        .collect();
    times.sort();
    eprintln!(
        "suggestions: 50 accepts, one every 100 ms, to the next frame: median {}, worst {}",
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1])
    );
    // Back to back, every frame an accept: the queue never catches up.
    let mut group = c.benchmark_group("scale");
    group.sample_size(20);
    group.bench_function(
        "accept a suggestion (Enter) every frame, to the next frame",
        |b| {
            b.iter(|| window.frame_with(vec![enter.clone()]));
        },
    );
    group.finish();
    window.app.wait_for_suggestions();
    window.app.sidebar_mut().tab = warraq::ui::sidebar::Tab::Search;
    window.frame();
}

/// Memory after 200 edits (tags, with an undo and redo every tenth).
fn edits_and_memory(window: &mut Window, tagger: &Tagger) {
    let before = resident_mb();
    for n in 0..200 {
        must_apply(window, tagger.tag(n));
        if n % 10 == 0 {
            window.app.apply(Action::Undo);
            window.app.apply(Action::Redo);
        }
        window.frame();
    }
    eprintln!(
        "memory: {before:.0} MB after opening, {:.0} MB after 200 edits",
        resident_mb()
    );
}

/// A 200,000-character article opened in a pane, and a resize with it open.
fn long_article(window: &mut Window) {
    let long: String = window.app.app().document().project().articles[..16]
        .iter()
        .map(|a| a.body.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    let long: String = long.chars().take(200_000).collect();
    window
        .app
        .apply(Action::Edit(Edit::AddArticles(vec![Article::new(
            ArticleId::new("long"),
            "مقال طويل",
            &long,
        )])));
    let long_id = window
        .app
        .app()
        .document()
        .project()
        .articles
        .last()
        .map(|a| a.id.clone());
    let started = Instant::now();
    if let Some(long_id) = long_id {
        let mut intents = Intents::default();
        intents.push(Intent::OpenInPane(0, long_id));
        window.app.apply_intents(intents);
    }
    window.frame();
    eprintln!(
        "open a 200,000-character article in a pane, first frame: {}",
        ms(started.elapsed())
    );
    let mut widest = Duration::ZERO;
    let mut total = Duration::ZERO;
    for step in 0..40 {
        window.size = vec2(1400.0 - (step % 20) as f32 * 10.0, 850.0);
        let started = Instant::now();
        window.frame();
        let took = started.elapsed();
        total += took;
        widest = widest.max(took);
    }
    eprintln!(
        "resize with it open: {} a frame on average, {} at worst",
        ms(total / 40),
        ms(widest)
    );
}

criterion_group!(scale, benches);
criterion_main!(scale);
