//! The relations table at scale: 20,000 relations. Building the search index,
//! a filter keystroke, a sort, and a frame of the table (UI pass + tessellation).

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Pos2, RawInput, Rect, vec2};
use std::hint::black_box;
use warraq::model::relation_query::{Column, RelationIndex, RelationQuery};
use warraq::model::{Date, Project, Relation, RelationId};
use warraq::ui::relations::RelationsView;
use warraq::ui::text_resources::TextResources;

const SAMPLE: &str = include_str!("../projects/gulf-crisis-sample.warraq.ron");

fn big_project() -> Project {
    let mut project =
        warraq::store::from_ron_str(std::path::Path::new("sample"), SAMPLE).expect("sample");
    let template = project.relations.clone();
    let actors: Vec<_> = project.actors.iter().map(|a| a.id.clone()).collect();
    let kinds: Vec<_> = project.vocabulary.iter().map(|t| t.id.clone()).collect();
    project.relations.clear();
    for i in 0..20_000usize {
        let base = &template[i % template.len()];
        let mut relation: Relation = base.clone();
        relation.id = RelationId::new(format!("rel-{i}"));
        relation.source = actors[i % actors.len()].clone();
        relation.target = actors[(i * 7 + 3) % actors.len()].clone();
        relation.kind = kinds[(i * 13) % kinds.len()].clone();
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_possible_wrap,
            reason = "small counters for generated benchmark data"
        )]
        let year = 2000 + (i % 25) as i32;
        #[expect(
            clippy::cast_possible_truncation,
            reason = "small counters for generated benchmark data"
        )]
        let (month, day) = ((i % 12) as u8 + 1, (i % 28) as u8 + 1);
        relation.date = Some(Date::ymd(year, month, day));
        relation.note = format!("ملاحظة رقم {i}");
        project.relations.push(relation);
    }
    project
}

fn benches(c: &mut Criterion) {
    let project = big_project();
    c.bench_function("index 20k relations (fold every cell)", |b| {
        b.iter(|| black_box(RelationIndex::new(&project)));
    });
    let index = RelationIndex::new(&project);
    let typed = RelationQuery {
        text: "الولايات".to_owned(),
        ..Default::default()
    };
    c.bench_function("filter keystroke on 20k relations", |b| {
        b.iter(|| black_box(index.run(&project, &typed)));
    });
    let sorted = RelationQuery {
        sort: Some((Column::Source, true)),
        ..Default::default()
    };
    c.bench_function("sort 20k relations by source", |b| {
        b.iter(|| black_box(index.run(&project, &sorted)));
    });

    let ctx = egui::Context::default();
    warraq::ui::setup_context(&ctx);
    let mut text = TextResources::default();
    let mut view = RelationsView::default();
    let document = warraq::app::Document::new(project.clone());
    let mut frame = |scroll: f32| {
        let mut input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1400.0, 600.0))),
            ..Default::default()
        };
        input
            .events
            .push(egui::Event::PointerMoved(Pos2::new(700.0, 400.0)));
        if scroll != 0.0 {
            input.events.push(egui::Event::MouseWheel {
                unit: egui::MouseWheelUnit::Point,
                delta: vec2(0.0, scroll),
                phase: egui::TouchPhase::Move,
                source: egui::MouseWheelSource::Wheel,
                modifiers: egui::Modifiers::NONE,
            });
        }
        let output = ctx.run_ui(input, |ui| {
            let mut intents = warraq::ui::Intents::default();
            view.show(ui, &mut text, &document, None, &mut intents);
        });
        ctx.tessellate(output.shapes, output.pixels_per_point)
    };
    for _ in 0..3 {
        frame(0.0);
    }
    let mut frames = 0;
    c.bench_function("relations table frame, 20k rows, scrolling", |b| {
        b.iter(|| {
            frames += 1;
            black_box(frame(if frames % 200 < 100 { -60.0 } else { 60.0 }))
        });
    });
}

criterion_group! {
    name = relations;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3));
    targets = benches
}
criterion_main!(relations);
