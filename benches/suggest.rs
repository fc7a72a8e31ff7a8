//! Suggestions on the 2,000-article scale project: the open article's (the
//! first screen of the queue), the whole project's (what the window computes
//! in the background), and the matcher built again after an edit.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Instant;
use warraq::suggest::Matcher;
use warraq::synthetic::{Size, corpus};

fn benches(c: &mut Criterion) {
    let project = corpus(Size::LARGE);
    let started = Instant::now();
    let matcher = Matcher::new(&project);
    let all = matcher.all(&project, None);
    eprintln!(
        "{} articles, {} actors: {} suggestions in {:.0} ms",
        project.articles.len(),
        project.actors.len(),
        all.len(),
        started.elapsed().as_secs_f64() * 1e3
    );
    let started = Instant::now();
    let new = warraq::suggest::candidates::candidates(&project, None, &all);
    eprintln!(
        "{} new-actor candidates in {:.0} ms",
        new.len(),
        started.elapsed().as_secs_f64() * 1e3
    );
    let article = &project.articles[project.articles.len() / 2];
    c.bench_function("suggestions: the matcher for 2,000 articles' actors", |b| {
        b.iter(|| black_box(Matcher::new(&project)));
    });
    c.bench_function("suggestions: one article (the first screen)", |b| {
        b.iter(|| black_box(matcher.in_article(&project, article)));
    });
    c.bench_function("suggestions: the whole 2,000-article project", |b| {
        b.iter(|| black_box(matcher.all(&project, None)));
    });
    c.bench_function("suggestions: new-actor candidates, 2,000 articles", |b| {
        b.iter(|| {
            black_box(warraq::suggest::candidates::candidates(
                &project, None, &all,
            ))
        });
    });
}

criterion_group! {
    name = suggest;
    config = Criterion::default().sample_size(10);
    targets = benches
}
criterion_main!(suggest);
