//! The network at scale: 2,000 actors and 20,000 relations. Building the
//! graph, laying it out from nothing, re-settling after one more relation, and
//! a frame of the view once laid out (UI pass + tessellation).

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Pos2, RawInput, Rect, vec2};
use std::hint::black_box;
use warraq::graph::ActorGraph;
use warraq::graph::layout::Layout;
use warraq::model::{Actor, ActorId, ActorKind, Date, Project, Relation, RelationId};
use warraq::ui::network::NetworkView;
use warraq::ui::text_resources::TextResources;

const SAMPLE: &str = include_str!("../projects/gulf-crisis-sample.warraq.ron");
const ACTORS: usize = 2_000;
const RELATIONS: usize = 20_000;

/// Clustered like real coding: most ties inside groups of ~40 actors, some across.
fn big_project() -> Project {
    let mut project =
        warraq::store::from_ron_str(std::path::Path::new("sample"), SAMPLE).expect("sample");
    let names: Vec<String> = project.actors.iter().map(|a| a.name.clone()).collect();
    project.actors = (0..ACTORS)
        .map(|i| {
            Actor::new(
                ActorId::new(format!("act-{i}")),
                format!("{} {i}", names[i % names.len()]),
                ActorKind::ALL[i % ActorKind::ALL.len()],
            )
        })
        .collect();
    let kinds: Vec<_> = project.vocabulary.iter().map(|t| t.id.clone()).collect();
    let template = project.relations[0].clone();
    project.relations = (0..RELATIONS)
        .map(|i| {
            let group = (i * 31) % (ACTORS / 40);
            let a = group * 40 + (i * 7) % 40;
            let b = if i % 10 == 0 {
                (i * 7919) % ACTORS
            } else {
                group * 40 + (i * 13 + 5) % 40
            };
            let mut r: Relation = template.clone();
            r.id = RelationId::new(format!("rel-{i}"));
            r.source = ActorId::new(format!("act-{a}"));
            r.target = ActorId::new(format!("act-{b}"));
            r.kind = kinds[(i * 13) % kinds.len()].clone();
            #[expect(
                clippy::cast_possible_truncation,
                clippy::cast_possible_wrap,
                reason = "small counters for generated benchmark data"
            )]
            let year = 2000 + (i % 25) as i32;
            r.date = Some(Date::ymd(year, 1, 1));
            r
        })
        .collect();
    project
}

fn benches(c: &mut Criterion) {
    let project = big_project();
    let all: Vec<usize> = (0..project.relations.len()).collect();
    c.bench_function("network graph of 2k actors, 20k relations", |b| {
        b.iter(|| black_box(ActorGraph::new(&project, &all)));
    });
    let graph = ActorGraph::new(&project, &all);
    c.bench_function("network layout from nothing, 2k actors", |b| {
        b.iter(|| {
            let mut layout = Layout::default();
            layout.sync(&graph);
            black_box(layout.settle())
        });
    });
    let mut layout = Layout::default();
    layout.sync(&graph);
    layout.settle();
    let mut more = project.clone();
    let mut extra = more.relations[0].clone();
    extra.id = RelationId::new("rel-extra");
    extra.target = ActorId::new("act-1999");
    more.relations.push(extra);
    let more_all: Vec<usize> = (0..more.relations.len()).collect();
    let grown = ActorGraph::new(&more, &more_all);
    c.bench_function("network re-settle after one more relation", |b| {
        b.iter_batched(
            || {
                let mut copy = Layout::default();
                copy.sync(&graph);
                copy.settle();
                copy
            },
            |mut copy| {
                copy.sync(&grown);
                black_box(copy.settle())
            },
            criterion::BatchSize::LargeInput,
        );
    });

    let ctx = egui::Context::default();
    warraq::ui::setup_context(&ctx);
    let mut text = TextResources::default();
    let mut view = NetworkView::default();
    let mut frame = |view: &mut NetworkView, hover: Pos2| {
        let mut input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1400.0, 850.0))),
            ..Default::default()
        };
        input.events.push(egui::Event::PointerMoved(hover));
        let output = ctx.run_ui(input, |ui| {
            let mut intents = warraq::ui::Intents::default();
            view.show(ui, &mut text, &project, 1, &all, &mut intents);
        });
        ctx.tessellate(output.shapes, output.pixels_per_point)
    };
    // Lay out fully before measuring frames: the figure is the settled view.
    while {
        frame(&mut view, Pos2::new(10.0, 10.0));
        view.layout.is_settling()
    } {}
    let mut x = 0.0;
    c.bench_function(
        "network frame, 2k actors, 20k relations, pointer moving",
        |b| {
            b.iter(|| {
                x = (x + 37.0) % 1400.0;
                black_box(frame(&mut view, Pos2::new(x, 400.0)))
            });
        },
    );
}

criterion_group! {
    name = network;
    config = Criterion::default().sample_size(10).measurement_time(std::time::Duration::from_secs(5));
    targets = benches
}
criterion_main!(network);
