//! Frame time of the reader on a 50,000-character Arabic article with 500
//! highlights: the first layout, steady scrolling, and the same body in a
//! plain egui `Label` for comparison. CPU side of a frame: UI pass plus
//! tessellation (what a GPU would be handed).

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Event, MouseWheelUnit, Pos2, RawInput, Rect, vec2};
use std::hint::black_box;
use warraq::model::{Article, ArticleId, HighlightId};
use warraq::text::{TextEngine, TextLayout, TextStyle};
use warraq::ui::reader::{Reader, ShownHighlight};
use warraq::ui::text_resources::TextResources;
use warraq::ui::theme::HighlightKind;

const SEED: &str = include_str!("../tests/data/2017-11-20-tamim-putin-call.txt");

fn long_article() -> (Article, Vec<ShownHighlight>) {
    let seed = warraq::model::text::normalize_newlines(SEED).into_owned();
    let mut body = String::new();
    while body.chars().count() < 50_000 {
        body.push_str(&seed);
        body.push_str("\n\n");
    }
    let body: String = body.chars().take(50_000).collect();
    // 500 highlights, one every hundred characters, each a word.
    let chars: Vec<char> = body.chars().collect();
    let mut highlights = Vec::new();
    let mut at = 0;
    while highlights.len() < 500 && at < chars.len() {
        let start = (at..chars.len())
            .find(|&i| chars[i].is_alphabetic())
            .unwrap_or(at);
        let end = (start..chars.len())
            .find(|&i| !chars[i].is_alphabetic())
            .unwrap_or(chars.len());
        highlights.push(ShownHighlight {
            id: HighlightId::new(format!("h{}", highlights.len())),
            range: start..end,
            kind: [
                HighlightKind::Actor,
                HighlightKind::Claim,
                HighlightKind::Evidence,
            ][highlights.len() % 3],
            label: "label".to_owned(),
            actor: None,
            emphasised: false,
        });
        at += 100;
    }
    (
        Article::new(ArticleId::from("long"), "long", &body),
        highlights,
    )
}

fn input(scroll: f32) -> RawInput {
    let mut input = RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1000.0, 800.0))),
        ..Default::default()
    };
    input
        .events
        .push(Event::PointerMoved(Pos2::new(500.0, 400.0)));
    if scroll != 0.0 {
        input.events.push(Event::MouseWheel {
            unit: MouseWheelUnit::Point,
            delta: vec2(0.0, scroll),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
            modifiers: egui::Modifiers::NONE,
        });
    }
    input
}

fn benches(c: &mut Criterion) {
    let (article, highlights) = long_article();
    let mut engine = TextEngine::new();
    c.bench_function("first layout, 50k Arabic chars at 960pt", |b| {
        b.iter(|| {
            TextLayout::new(
                &mut engine,
                black_box(&article.body),
                Some(960.0),
                TextStyle::default(),
            )
        });
    });

    let ctx = egui::Context::default();
    warraq::ui::setup_context(&ctx);
    let mut text = TextResources::default();
    let mut reader = Reader::new("bench");
    let frame = |scroll: f32, text: &mut TextResources, reader: &mut Reader| {
        let output = ctx.run_ui(input(scroll), |ui| {
            reader.show(
                ui,
                text,
                &article,
                &highlights,
                TextStyle::default(),
                &mut |_, _| {},
            );
        });
        ctx.tessellate(output.shapes, output.pixels_per_point)
    };
    // Warm up: layout and glyph atlas.
    for _ in 0..3 {
        frame(0.0, &mut text, &mut reader);
    }
    let mut direction = -40.0;
    let mut frames = 0;
    c.bench_function(
        "reader frame while scrolling (50k chars, 500 highlights)",
        |b| {
            b.iter(|| {
                frames += 1;
                if frames % 400 == 0 {
                    direction = -direction;
                }
                black_box(frame(direction, &mut text, &mut reader))
            });
        },
    );
    c.bench_function("reader frame, still", |b| {
        b.iter(|| black_box(frame(0.0, &mut text, &mut reader)));
    });

    let label_ctx = egui::Context::default();
    warraq::ui::setup_context(&label_ctx);
    let label_frame = |scroll: f32| {
        let output = label_ctx.run_ui(input(scroll), |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| ui.label(article.body.as_str()));
        });
        label_ctx.tessellate(output.shapes, output.pixels_per_point)
    };
    for _ in 0..3 {
        label_frame(0.0);
    }
    c.bench_function(
        "egui Label frame while scrolling (same body, for comparison)",
        |b| {
            let mut frames = 0;
            let mut direction = -40.0;
            b.iter(|| {
                frames += 1;
                if frames % 400 == 0 {
                    direction = -direction;
                }
                black_box(label_frame(direction))
            });
        },
    );
}

/// 200 Arabic labels a frame (a screenful of table cells), bidi labels
/// against egui's own `Label`.
fn labels(c: &mut Criterion) {
    let names: Vec<String> = (0..200)
        .map(|i| format!("الشيخ تميم بن حمد آل ثاني {i}"))
        .collect();
    let ctx = egui::Context::default();
    warraq::ui::setup_context(&ctx);
    let mut text = TextResources::default();
    let mut frame = |bidi: bool| {
        let output = ctx.run_ui(input(0.0), |ui| {
            for name in &names {
                if bidi {
                    warraq::ui::bidi_label::show(ui, &mut text, name, 14.0);
                } else {
                    ui.label(name);
                }
            }
        });
        ctx.tessellate(output.shapes, output.pixels_per_point)
    };
    frame(true);
    frame(false);
    c.bench_function("200 cached bidi labels, one frame", |b| {
        b.iter(|| black_box(frame(true)));
    });
    c.bench_function("200 egui Labels, one frame (comparison)", |b| {
        b.iter(|| black_box(frame(false)));
    });
}

criterion_group! {
    name = reader;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(4));
    targets = benches, labels
}
criterion_main!(reader);
