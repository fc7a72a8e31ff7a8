//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};
use warraq::model::{
    Actor, ActorId, ActorKind, Article, ArticleId, Highlight, HighlightId, Project, Span, Tag,
};

/// The `warraq` command, as a user runs it.
pub fn warraq() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_warraq"))
}

pub fn repo_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

pub fn sample_path() -> PathBuf {
    repo_path("projects/gulf-crisis-sample.warraq.ron")
}

pub fn seed_text(name: &str) -> String {
    std::fs::read_to_string(repo_path(&format!("tests/data/{name}"))).expect("seed")
}

/// A small valid project: one Arabic article, one actor, one highlight.
pub fn tiny_project() -> Project {
    let mut project = Project::new("اختبار");
    project.articles.push(Article::new(
        ArticleId::from("art-1"),
        "عنوان",
        "اتصال بين تميم وبوتين\nسطر ثان",
    ));
    project.actors.push(Actor::new(
        ActorId::from("act-tamim"),
        "تميم",
        ActorKind::Person,
    ));
    project.highlights.push(Highlight {
        id: HighlightId::from("hl-1"),
        article: ArticleId::from("art-1"),
        span: Span::new(10, 14),
        quote: "تميم".to_owned(),
        tag: Tag::Actor(ActorId::from("act-tamim")),
        speech: None,
        note: String::new(),
        changed: None,
    });
    assert_eq!(project.validate(), vec![]);
    project
}
