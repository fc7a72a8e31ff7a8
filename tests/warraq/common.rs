//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};
use warraq::model::{
    Actor, ActorId, ActorKind, Article, ArticleId, Highlight, HighlightId, Project, Span, Tag,
};

/// The `warraq` command, as a user runs it.
/// The third-party Python readers exports are proven against, each with what
/// installs it.
const PYTHON_READERS: [(&str, &str); 8] = [
    ("networkx", "networkx"),
    ("pandas", "pandas"),
    ("numpy", "numpy"),
    ("pyrefiqda", "pyrefiqda"),
    ("krippendorff", "krippendorff"),
    ("trafilatura", "trafilatura lxml_html_clean"),
    ("igraph", "python-igraph"),
    ("docx", "python-docx"),
];

/// Says that a reader is missing. Under `CI` that is a failure (CI proves
/// every export against its reader); elsewhere one line on the terminal —
/// what is missing and what installs it — and the test passes as skipped.
fn missing(what: &str, install: &str) -> bool {
    use std::io::Write as _;
    let test = std::thread::current().name().unwrap_or("a test").to_owned();
    assert!(
        std::env::var_os("CI").is_none(),
        "{test}: {what} is missing; install it with `{install}` (CI proves every export against its reader)"
    );
    // Written past the test harness's capture, so a passing run still shows it.
    let _ = writeln!(
        std::io::stderr(),
        "skipped {test}: {what} is missing; `{install}` installs it (README: Optional readers)"
    );
    false
}

/// Whether these Python modules (of `PYTHON_READERS`) import.
pub fn have_python(modules: &[&str]) -> bool {
    static FOUND: std::sync::Mutex<Vec<(String, bool)>> = std::sync::Mutex::new(Vec::new());
    if !have_programs(&[("python3", "python3")]) {
        return false;
    }
    for module in modules {
        let known = FOUND
            .lock()
            .ok()
            .and_then(|f| f.iter().find(|(m, _)| m == module).map(|(_, ok)| *ok));
        let ok = known.unwrap_or_else(|| {
            let ok = std::process::Command::new("python3")
                .args(["-c", &format!("import {module}")])
                .output()
                .is_ok_and(|o| o.status.success());
            if let Ok(mut found) = FOUND.lock() {
                found.push(((*module).to_owned(), ok));
            }
            ok
        });
        if !ok {
            let package = PYTHON_READERS
                .iter()
                .find(|(m, _)| m == module)
                .map_or(*module, |(_, p)| p);
            return missing(
                &format!("the Python module `{module}`"),
                &format!("python3 -m pip install {package}"),
            );
        }
    }
    true
}

/// Whether these programs run: (program, the Debian package that has it).
pub fn have_programs(programs: &[(&str, &str)]) -> bool {
    for (program, package) in programs {
        let found = std::env::var_os("PATH").is_some_and(|path| {
            std::env::split_paths(&path).any(|dir| dir.join(program).is_file())
        });
        if !found {
            return missing(
                &format!("the program `{program}`"),
                &format!("apt-get install {package}"),
            );
        }
    }
    true
}

/// Runs a Python script (a third-party reader of an export) and returns what
/// it printed; `None` when a reader it imports is not installed (see `missing`).
pub fn python(script: &str) -> Option<String> {
    let needed: Vec<&str> = PYTHON_READERS
        .iter()
        .map(|(m, _)| *m)
        .filter(|m| {
            script.lines().any(|l| {
                let l = l.trim_start();
                (l.starts_with("import ") || l.starts_with("from "))
                    && l.split([' ', ',', '.']).any(|word| word == *m)
            })
        })
        .collect();
    if !have_python(&needed) {
        return None;
    }
    let output = std::process::Command::new("python3")
        .args(["-c", script])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    Some(String::from_utf8(output.stdout).unwrap())
}

/// Runs the `warraq` command with `args`; it must succeed (what it printed
/// is the failure's message).
pub fn run(args: &[&std::ffi::OsStr]) -> std::process::Output {
    let output = warraq().args(args).output().unwrap();
    assert!(
        output.status.success(),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
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

/// A zip archive of `entries` (name, content), deflated: a `.docx` or a
/// `.qdpx` built to order.
pub fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in entries {
        zip.start_file(*name, options).unwrap();
        std::io::Write::write_all(&mut zip, content).unwrap();
    }
    zip.finish().unwrap().into_inner()
}
