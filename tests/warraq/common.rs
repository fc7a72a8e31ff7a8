//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};
use warraq::model::{
    Actor, ActorId, ActorKind, Article, ArticleId, Highlight, HighlightId, Project, Span, Tag,
};

/// The `warraq` command, as a user runs it.
/// Runs a Python script (a third-party reader of an export) and returns what it printed.
pub fn python(script: &str) -> String {
    let output = std::process::Command::new("python3")
        .args(["-c", script])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

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

/// The window driven as the tests drive it, like rerun's `AppTestingExt`:
/// what it shows is read through its read-only views, and everything it is
/// asked to do goes through its one door (`apply_intents`), as a user's
/// clicks and keys do.
pub trait WindowTesting {
    fn project(&self) -> &Project;
    fn document(&self) -> &warraq::app::Document;
    /// A change to the project (an edit, undo, save…), through the door.
    fn apply(&mut self, action: impl Into<warraq::ui::Intent>);
    /// Sets (or, with `None`, clears) a pane's text selection.
    fn select(&mut self, pane: usize, range: Option<std::ops::Range<usize>>);
    /// Scrolls a pane to characters of its article.
    fn jump_to(&mut self, pane: usize, range: std::ops::Range<usize>);
    fn show_desk(&mut self, desk: warraq::ui::Desk);
    fn select_relation(&mut self, id: impl Into<warraq::model::RelationId>);
}

impl WindowTesting for egui_kittest::Harness<'_, warraq::ui::WarraqApp> {
    fn project(&self) -> &Project {
        self.state().app().document().project()
    }

    fn document(&self) -> &warraq::app::Document {
        self.state().app().document()
    }

    fn apply(&mut self, intent: impl Into<warraq::ui::Intent>) {
        let mut intents = warraq::ui::Intents::default();
        intents.push(intent);
        self.state_mut().apply_intents(intents);
    }

    fn select(&mut self, pane: usize, range: Option<std::ops::Range<usize>>) {
        self.apply(warraq::ui::Intent::Select { pane, range });
    }

    fn jump_to(&mut self, pane: usize, range: std::ops::Range<usize>) {
        self.apply(warraq::ui::Intent::JumpTo { pane, range });
    }

    fn show_desk(&mut self, desk: warraq::ui::Desk) {
        self.apply(warraq::ui::Intent::ShowDesk(desk));
    }

    fn select_relation(&mut self, id: impl Into<warraq::model::RelationId>) {
        self.apply(warraq::ui::Intent::SelectRelation(id.into()));
    }
}
