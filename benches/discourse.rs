//! Discourse networks of the 2,000-article scale project (4,000 coded
//! statements, 300 actors, 134 concepts): a two-mode and a one-mode network,
//! the congruence–conflict pictures the Discourse desk computes off the UI
//! thread, and a series of about 52 moving windows.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Instant;
use warraq::graph::discourse::{Ties, pictures};
use warraq::network::{Aggregation, Mode, Normalization, Options, compute};
use warraq::synthetic::{Size, corpus};

fn benches(c: &mut Criterion) {
    let project = corpus(Size::LARGE);
    let one_mode = Options {
        mode: Mode::OneMode,
        aggregation: Aggregation::Congruence,
        normalization: Normalization::Jaccard,
        ..Options::default()
    };
    let series = Options {
        window: Some((140, 70)),
        ..one_mode.clone()
    };
    let started = Instant::now();
    let windows = compute(&project, &series).expect("series");
    eprintln!(
        "{} statements; a series of {} windows in {:.0} ms",
        windows.statements,
        windows.networks.len(),
        started.elapsed().as_secs_f64() * 1e3
    );
    c.bench_function("two-mode network, 2,000 articles", |b| {
        b.iter(|| black_box(compute(&project, &Options::default()).expect("network")));
    });
    c.bench_function("one-mode congruence, Jaccard, 2,000 articles", |b| {
        b.iter(|| black_box(compute(&project, &one_mode).expect("network")));
    });
    c.bench_function("discourse desk pictures (congruence and conflict)", |b| {
        b.iter(|| {
            black_box(pictures(&project, &Options::default(), Ties::Both).expect("pictures"))
        });
    });
    c.bench_function("one-mode series of ~52 windows", |b| {
        b.iter(|| black_box(compute(&project, &series).expect("series")));
    });
}

criterion_group! {
    name = discourse;
    config = Criterion::default().sample_size(10);
    targets = benches
}
criterion_main!(discourse);
