//! A project kept as a folder of files (`store::folder`): lossless both
//! ways, an edit rewrites only its files, bad files are named and left as
//! they are, and a team on git merges article files without the driver.

use crate::common::{sample_path, warraq};
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use warraq::app::{Action, App};
use warraq::model::edit::Edit;
use warraq::model::{ArticleId, Project, Span, Tag};
use warraq::store::{self, Layout};

/// Every file under `dir` with its bytes.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut all = BTreeMap::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            if path.ends_with(".warraq-cache") {
                // The window's cache: not part of the project (git ignores it).
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else {
                all.insert(
                    path.strip_prefix(dir).unwrap().to_owned(),
                    std::fs::read(&path).unwrap(),
                );
            }
        }
    }
    all
}

/// `project` saved as a folder in `dir`; the project file's path.
fn as_folder(project: &Project, dir: &Path) -> PathBuf {
    let path = store::folder::project_file_for(&dir.join("p.warraq.ron"));
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    store::save_as(project, &path, Layout::Folder, None, false).unwrap();
    path
}

fn changed_files(
    before: &BTreeMap<PathBuf, Vec<u8>>,
    after: &BTreeMap<PathBuf, Vec<u8>>,
) -> Vec<PathBuf> {
    let mut changed: Vec<PathBuf> = after
        .iter()
        .filter(|(p, bytes)| before.get(*p) != Some(bytes))
        .map(|(p, _)| p.clone())
        .collect();
    changed.extend(before.keys().filter(|p| !after.contains_key(*p)).cloned());
    changed
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// file → folder → file gives the very bytes of the original file.
    #[test]
    fn file_to_folder_to_file_is_byte_identical(project in crate::roundtrip::project()) {
        let dir = tempfile::tempdir().unwrap();
        let single = dir.path().join("one.warraq.ron");
        store::save(&project, &single, None).unwrap();
        let folder = as_folder(&store::load(&single).unwrap().project, dir.path());
        let loaded = store::load(&folder).unwrap();
        prop_assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        prop_assert_eq!(&loaded.project, &project);
        let back = dir.path().join("back.warraq.ron");
        store::save(&loaded.project, &back, None).unwrap();
        prop_assert_eq!(std::fs::read(&back).unwrap(), std::fs::read(&single).unwrap());
    }

    /// Random edits on the folder form, saved after each few, load back equal.
    #[test]
    fn random_edits_on_a_folder_save_and_load_back_equal(
        steps in proptest::collection::vec((0u8..40, any::<u64>()), 1..30),
        seed in any::<u64>(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = as_folder(&store::load(&sample_path()).unwrap().project, dir.path());
        let mut app = App::open(&path).unwrap()
            .with_ids(warraq::model::IdGenerator::deterministic(seed));
        for (i, &(kind, n)) in steps.iter().enumerate() {
            if matches!(kind, 21 | 22) {
                continue;
            }
            let edit = crate::edits::make_edit(app.document().project(), kind, n);
            let _ = app.edit(edit);
            if i % 4 == 3 {
                app.apply(Action::Save);
                app.wait_for_save();
                prop_assert!(!app.document().is_dirty());
            }
        }
        app.apply(Action::Save);
        app.wait_for_save();
        prop_assert!(!app.document().is_dirty(), "{:?}", app.notices);
        let loaded = store::load(&path).unwrap();
        prop_assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        prop_assert_eq!(&loaded.project, app.document().project());
    }
}

#[test]
fn ids_that_are_no_file_names_get_files_of_their_own() {
    let mut project = crate::common::tiny_project();
    let mut other = project.articles[0].clone();
    other.id = ArticleId::from("Art/../قطر 1");
    project.articles.push(other.clone());
    other.id = ArticleId::from("ART-1");
    project.articles.push(other);
    let dir = tempfile::tempdir().unwrap();
    let path = as_folder(&project, dir.path());
    let on_disk = files(path.parent().unwrap());
    assert_eq!(
        on_disk.keys().filter(|p| p.starts_with("articles")).count(),
        3,
        "{:?}",
        on_disk.keys().collect::<Vec<_>>()
    );
    assert_eq!(store::load(&path).unwrap().project, project);
}

/// One tag rewrites one article file; a new actor also the project file;
/// nothing else is touched, and an unchanged save writes nothing.
#[test]
fn an_edit_rewrites_only_the_files_it_touches() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = warraq::synthetic::corpus(warraq::synthetic::Size::MEDIUM);
    let path = as_folder(&corpus, dir.path());
    let root = path.parent().unwrap().to_owned();
    let mut app = App::open(&path).unwrap();
    let before = files(&root);

    app.apply(Action::Save);
    app.wait_for_save();
    assert_eq!(changed_files(&before, &files(&root)), Vec::<PathBuf>::new());

    let article = app.document().project().articles[7].id.clone();
    let actor = app.document().project().actors[0].id.clone();
    app.edit(Edit::AddHighlight {
        article: article.clone(),
        span: Span::new(0, 3),
        tag: Tag::Actor(actor),
    })
    .unwrap();
    app.apply(Action::Save);
    app.wait_for_save();
    let after = files(&root);
    let changed = changed_files(&before, &after);
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert!(changed[0].starts_with("articles"), "{changed:?}");
    assert!(String::from_utf8_lossy(&after[&changed[0]]).contains(article.as_str()));

    app.edit(Edit::TagAsNewActor {
        article,
        span: Span::new(4, 9),
        name: "جديد".to_owned(),
        kind: warraq::model::ActorKind::Person,
        aliases: Vec::new(),
        gloss: String::new(),
    })
    .unwrap();
    app.apply(Action::Save);
    app.wait_for_save();
    let changed = changed_files(&after, &files(&root));
    assert_eq!(changed.len(), 2, "{changed:?}");
    assert!(
        changed.iter().any(|p| p == Path::new("p.warraq.ron")),
        "{changed:?}"
    );
    assert_eq!(
        &store::load(&path).unwrap().project,
        app.document().project()
    );
}

#[test]
fn deleting_an_article_removes_its_file_and_undo_brings_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = as_folder(&store::load(&sample_path()).unwrap().project, dir.path());
    let root = path.parent().unwrap().to_owned();
    let mut app = App::open(&path).unwrap();
    let id = app.document().project().articles[0].id.clone();
    app.edit(Edit::DeleteArticle {
        article: id.clone(),
        orphans: warraq::model::edit::Orphans::Keep,
    })
    .unwrap();
    app.apply(Action::Save);
    app.wait_for_save();
    let names: Vec<String> = files(&root)
        .keys()
        .map(|p| p.display().to_string())
        .collect();
    assert!(!names.iter().any(|n| n.contains(id.as_str())), "{names:?}");
    app.apply(Action::Undo);
    app.apply(Action::Save);
    app.wait_for_save();
    assert_eq!(
        &store::load(&path).unwrap().project,
        app.document().project()
    );
    assert_eq!(
        store::load(&path).unwrap().project,
        store::load(&sample_path()).unwrap().project
    );
}

/// A missing article file, a stray file and an article whose body no
/// longer matches its hash: each named, the rest open, nothing lost.
#[test]
fn bad_files_are_named_and_the_rest_of_the_project_opens() {
    let dir = tempfile::tempdir().unwrap();
    let sample = store::load(&sample_path()).unwrap().project;
    let path = as_folder(&sample, dir.path());
    let root = path.parent().unwrap().to_owned();
    let article_file = |id: &str| {
        files(&root)
            .keys()
            .find(|p| p.to_string_lossy().contains(id))
            .map(|p| root.join(p))
            .unwrap()
    };
    let missing = article_file(sample.articles[0].id.as_str());
    let kept = std::fs::read(&missing).unwrap();
    std::fs::remove_file(&missing).unwrap();
    let stray = root.join("articles").join("00").join("notes.txt");
    std::fs::create_dir_all(stray.parent().unwrap()).unwrap();
    std::fs::write(&stray, "my notes").unwrap();

    let loaded = store::load(&path).unwrap();
    let said = loaded.warnings.join("\n");
    assert!(
        said.contains(&missing.display().to_string()) && said.contains("missing"),
        "{said}"
    );
    assert!(said.contains(&stray.display().to_string()), "{said}");
    assert_eq!(loaded.project.articles.len(), 1);
    assert_eq!(loaded.stamp.unreadable_articles(), 1);
    let checked = warraq().arg("check").arg(&path).output().unwrap();
    assert!(
        !checked.status.success(),
        "check says the project is not whole"
    );
    let said_by_check = String::from_utf8_lossy(&checked.stdout);
    assert!(
        said_by_check.contains(&missing.display().to_string()),
        "{said_by_check}"
    );

    // Working on: the missing article stays in the index, no file is touched but the edited one.
    let mut app = App::open(&path).unwrap();
    app.edit(Edit::SetTitle("عنوان آخر".to_owned())).unwrap();
    app.apply(Action::Save);
    app.wait_for_save();
    assert!(!app.document().is_dirty(), "{:?}", app.notices);
    assert_eq!(std::fs::read(&stray).unwrap(), b"my notes");
    std::fs::write(&missing, &kept).unwrap();
    let restored = store::load(&path).unwrap();
    assert!(
        restored.warnings.iter().all(|w| !w.contains("missing")),
        "{:?}",
        restored.warnings
    );
    assert_eq!(restored.project.articles, sample.articles);
    assert_eq!(restored.project.highlights, sample.highlights);
    assert_eq!(restored.project.title, "عنوان آخر");

    // A body changed outside Warraq: named, left out, its file untouched.
    let text = String::from_utf8(kept.clone()).unwrap();
    let edited = text.replacen("VLADIMIR PUTIN", "VLADIMIR PUTIX", 1);
    assert_ne!(edited, text);
    std::fs::write(&missing, &edited).unwrap();
    let loaded = store::load(&path).unwrap();
    assert!(
        loaded
            .warnings
            .iter()
            .any(|w| w.contains(&missing.display().to_string()) && w.contains("hash")),
        "{:?}",
        loaded.warnings
    );
    assert_eq!(loaded.project.articles.len(), 1);
    let converted = warraq()
        .args(["convert", "--layout", "file", "-o"])
        .arg(dir.path().join("out.warraq.ron"))
        .arg(&path)
        .output()
        .unwrap();
    assert!(!converted.status.success(), "a lossy conversion is refused");
    assert!(!dir.path().join("out.warraq.ron").exists());
    assert_eq!(std::fs::read_to_string(&missing).unwrap(), edited);
}

#[test]
fn a_newer_article_file_is_refused_by_its_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = as_folder(&crate::common::tiny_project(), dir.path());
    let root = path.parent().unwrap().to_owned();
    let (rel, bytes) = files(&root)
        .into_iter()
        .find(|(p, _)| p.starts_with("articles"))
        .unwrap();
    let newer = String::from_utf8(bytes)
        .unwrap()
        .replace("version: 6,", "version: 9,\n    colour: \"red\",");
    std::fs::write(root.join(&rel), newer).unwrap();
    let loaded = store::load(&path).unwrap();
    assert!(
        loaded
            .warnings
            .iter()
            .any(|w| w.contains("version 9") && w.contains(&rel.display().to_string())),
        "{:?}",
        loaded.warnings
    );
}

/// A save killed after its commit point is finished on the next open; one
/// killed before it leaves the old project and no stray staged files.
#[test]
fn a_save_killed_half_way_is_finished_or_forgotten() {
    let dir = tempfile::tempdir().unwrap();
    let sample = store::load(&sample_path()).unwrap().project;
    let path = as_folder(&sample, dir.path());
    let root = path.parent().unwrap().to_owned();
    // Before the commit point: a staged file, no journal.
    let staged = root.join("p.warraq.ron.warraq-new");
    std::fs::write(&staged, "half").unwrap();
    let loaded = store::load(&path).unwrap();
    assert_eq!(loaded.project, sample);
    // After it: the journal names a staged project file.
    let mut renamed = sample.clone();
    renamed.title = "بعد".to_owned();
    let other = tempfile::tempdir().unwrap();
    let new_text = std::fs::read(as_folder(&renamed, other.path())).unwrap();
    std::fs::write(&staged, &new_text).unwrap();
    std::fs::write(root.join(".warraq-commit"), "write p.warraq.ron\n").unwrap();
    let loaded = store::load(&path).unwrap();
    assert_eq!(loaded.project.title, "بعد");
    assert!(!root.join(".warraq-commit").exists());
    assert!(!staged.exists());
}

#[test]
fn convert_refuses_to_write_over_anything() {
    let dir = tempfile::tempdir().unwrap();
    let taken = dir.path().join("taken");
    std::fs::create_dir_all(&taken).unwrap();
    std::fs::write(taken.join("taken.warraq.ron"), "mine").unwrap();
    let out = warraq()
        .arg("convert")
        .arg(sample_path())
        .args(["--layout", "folder", "-o"])
        .arg(&taken)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert_eq!(
        std::fs::read(taken.join("taken.warraq.ron")).unwrap(),
        b"mine"
    );
    let into_other_project = dir.path().join("other");
    std::fs::create_dir_all(into_other_project.join("articles")).unwrap();
    std::fs::write(into_other_project.join("articles").join("x.ron"), "x").unwrap();
    let out = warraq()
        .arg("convert")
        .arg(sample_path())
        .args(["--layout", "folder", "-o"])
        .arg(into_other_project.join("other.warraq.ron"))
        .output()
        .unwrap();
    assert!(
        !out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("folder of its own"));
}

/// A folder project in a fresh repository, set up with `git-setup`, and a
/// driver that notes each call in `calls.log` before merging.
fn folder_repo(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    use crate::git_team::{git, ok};
    let repo = dir.join("repo");
    std::fs::create_dir_all(&repo).unwrap();
    ok(&git(&repo, &["init", "-q", "-b", "main"]));
    let converted = warraq()
        .arg("convert")
        .arg(sample_path())
        .args(["--layout", "folder", "-o"])
        .arg(repo.join("gulf"))
        .output()
        .unwrap();
    ok(&converted);
    let file = repo.join("gulf").join("gulf.warraq.ron");
    ok(&warraq()
        .arg("git-setup")
        .current_dir(&repo)
        .output()
        .unwrap());
    let calls = dir.join("calls.log");
    let driver = format!(
        "echo %P >> '{}'; '{}' merge-driver %O %A %B %P",
        calls.display(),
        env!("CARGO_BIN_EXE_warraq")
    );
    ok(&git(&repo, &["config", "merge.warraq.driver", &driver]));
    ok(&git(&repo, &["add", "-A"]));
    ok(&git(&repo, &["commit", "-q", "-m", "base"]));
    (repo, file, calls)
}

fn tag(path: &Path, article: usize, span: Span) {
    let mut app = App::open(path).unwrap();
    let project = app.document().project();
    let (article, actor) = (
        project.articles[article].id.clone(),
        project.actors[0].id.clone(),
    );
    app.edit(Edit::AddHighlight {
        article,
        span,
        tag: Tag::Actor(actor),
    })
    .unwrap();
    app.apply(Action::Save);
    app.wait_for_save();
    assert!(!app.document().is_dirty(), "{:?}", app.notices);
}

/// Two analysts code different articles: git merges their files with no
/// conflict and no driver. Both code the same article: that file goes
/// through the driver, and both highlights are kept.
#[test]
fn analysts_on_different_articles_merge_without_the_driver() {
    use crate::git_team::{git, ok};
    let dir = tempfile::tempdir().unwrap();
    let (repo, file, calls) = folder_repo(dir.path());
    let base = store::load(&file).unwrap().project;

    ok(&git(&repo, &["checkout", "-q", "-b", "leila"]));
    tag(&file, 0, Span::new(0, 3));
    ok(&git(&repo, &["add", "-A"]));
    ok(&git(&repo, &["commit", "-q", "-m", "leila"]));
    ok(&git(&repo, &["checkout", "-q", "main"]));
    ok(&git(&repo, &["checkout", "-q", "-b", "omar"]));
    tag(&file, 1, Span::new(0, 3));
    ok(&git(&repo, &["add", "-A"]));
    ok(&git(&repo, &["commit", "-q", "-m", "omar"]));

    ok(&git(&repo, &["merge", "-q", "--no-edit", "leila"]));
    assert!(
        !calls.exists(),
        "{}",
        std::fs::read_to_string(&calls).unwrap_or_default()
    );
    let merged = store::load(&file).unwrap();
    assert!(merged.warnings.is_empty(), "{:?}", merged.warnings);
    assert_eq!(merged.project.highlights.len(), base.highlights.len() + 2);

    // The same article on both sides: through the driver, both kept.
    ok(&git(&repo, &["checkout", "-q", "-b", "sara"]));
    tag(&file, 0, Span::new(10, 14));
    ok(&git(&repo, &["add", "-A"]));
    ok(&git(&repo, &["commit", "-q", "-m", "sara"]));
    ok(&git(&repo, &["checkout", "-q", "omar"]));
    tag(&file, 0, Span::new(20, 24));
    ok(&git(&repo, &["add", "-A"]));
    ok(&git(&repo, &["commit", "-q", "-m", "omar again"]));
    ok(&git(&repo, &["merge", "-q", "--no-edit", "sara"]));
    let called = std::fs::read_to_string(&calls).unwrap();
    assert!(called.contains("gulf/articles/"), "{called}");
    let merged = store::load(&file).unwrap();
    assert!(merged.warnings.is_empty(), "{:?}", merged.warnings);
    assert_eq!(merged.project.highlights.len(), base.highlights.len() + 4);
    ok(&warraq().arg("check").arg(&file).output().unwrap());
}

/// Both analysts import an article: the index in the project file changes on
/// both sides and goes through the driver; both articles are in.
#[test]
fn articles_imported_on_both_sides_are_both_in_the_index() {
    use crate::git_team::{git, import, ok};
    let dir = tempfile::tempdir().unwrap();
    let (repo, file, _calls) = folder_repo(dir.path());
    let base = store::load(&file).unwrap().project;
    let one = dir.path().join("one.txt");
    std::fs::write(
        &one,
        "خبر أول\n\nاجتمع وزير الخارجية القطري بنظيره العماني.",
    )
    .unwrap();
    let two = dir.path().join("two.txt");
    std::fs::write(&two, "خبر ثان\n\nزار رئيس الوزراء الكويتي الدوحة.").unwrap();
    ok(&git(&repo, &["checkout", "-q", "-b", "leila"]));
    import(&file, &one);
    ok(&git(&repo, &["add", "-A"]));
    ok(&git(&repo, &["commit", "-q", "-m", "leila"]));
    ok(&git(&repo, &["checkout", "-q", "main"]));
    import(&file, &two);
    ok(&git(&repo, &["add", "-A"]));
    ok(&git(&repo, &["commit", "-q", "-m", "main"]));
    ok(&git(&repo, &["merge", "-q", "--no-edit", "leila"]));
    let merged = store::load(&file).unwrap();
    assert!(merged.warnings.is_empty(), "{:?}", merged.warnings);
    assert_eq!(merged.project.articles.len(), base.articles.len() + 2);
}

/// A `git pull` that changes article files under an open window is noticed
/// and merged with the work not yet saved there.
#[test]
fn a_pull_under_an_open_window_is_merged_with_unsaved_work() {
    let dir = tempfile::tempdir().unwrap();
    let path = as_folder(&store::load(&sample_path()).unwrap().project, dir.path());
    let mut window = App::open(&path).unwrap();
    let (article, actor) = {
        let p = window.document().project();
        (p.articles[0].id.clone(), p.actors[0].id.clone())
    };
    window
        .edit(Edit::AddHighlight {
            article,
            span: Span::new(0, 3),
            tag: Tag::Actor(actor),
        })
        .unwrap();
    assert!(!window.disk_changed());
    // The colleague's work, as a pull writes it: another article's file.
    tag(&path, 1, Span::new(0, 3));
    assert!(window.disk_changed());
    window.merge_from_disk().unwrap();
    let project = window.document().project();
    let base = store::load(&sample_path()).unwrap().project;
    assert_eq!(project.highlights.len(), base.highlights.len() + 2);
    window.apply(Action::Save);
    window.wait_for_save();
    assert!(!window.document().is_dirty(), "{:?}", window.notices);
    assert_eq!(
        &store::load(&path).unwrap().project,
        window.document().project()
    );
}

/// The window's open keeps a cache beside the folder: the next open takes
/// an unchanged file from it (here proven by a change made behind the
/// cache's back, same size and time), a changed file from disk, and a
/// damaged cache is named and read around.
#[test]
fn opening_again_takes_unchanged_files_from_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let sample = store::load(&sample_path()).unwrap().project;
    let path = as_folder(&sample, dir.path());
    let root = path.parent().unwrap().to_owned();
    let progress = store::Progress::default();
    let first = store::load_with_progress(&path, &progress).unwrap();
    assert_eq!(first.project, sample);
    assert!(root.join(".warraq-cache").is_dir());

    let article = root.join(
        files(&root)
            .keys()
            .find(|p| p.to_string_lossy().contains(sample.articles[1].id.as_str()))
            .unwrap(),
    );
    let text = std::fs::read_to_string(&article).unwrap();
    let modified = std::fs::metadata(&article).unwrap().modified().unwrap();
    // The same length, the same time: only the cache can still give the old title.
    let behind = text.replacen("والولايات", "والولايتت", 1);
    assert_eq!(behind.len(), text.len());
    std::fs::write(&article, &behind).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&article)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    let cached = store::load_with_progress(&path, &progress).unwrap();
    assert_eq!(cached.project, sample, "taken from the cache");
    assert!(cached.warnings.is_empty(), "{:?}", cached.warnings);

    // A real change (a new time) is read from the file.
    std::fs::write(&article, &text).unwrap();
    let mut title = sample.clone();
    title.title = "تغير".to_owned();
    let mut app = App::open(&path).unwrap();
    app.edit(Edit::SetTitle("تغير".to_owned())).unwrap();
    app.apply(Action::Save);
    app.wait_for_save();
    assert_eq!(
        store::load_with_progress(&path, &progress).unwrap().project,
        title
    );

    // A damaged cache file: named, the files read instead, the project whole.
    for entry in std::fs::read_dir(root.join(".warraq-cache"))
        .unwrap()
        .flatten()
    {
        // Cut short after the mark of this layout (an older layout's is made again quietly).
        let bytes = std::fs::read(entry.path()).unwrap();
        std::fs::write(entry.path(), &bytes[..bytes.len().min(20)]).unwrap();
    }
    let loaded = store::load_with_progress(&path, &progress).unwrap();
    assert_eq!(loaded.project, title);
    assert!(
        loaded
            .warnings
            .iter()
            .any(|w| w.contains(".warraq-cache") && w.contains("could not be read")),
        "{:?}",
        loaded.warnings
    );
    let again = store::load_with_progress(&path, &progress).unwrap();
    assert!(
        again.warnings.is_empty(),
        "made again: {:?}",
        again.warnings
    );
    assert_eq!(again.project, title);
}

/// Opened from the cache, a body stays on disk until it is looked at; it is
/// read back right though the cache is made again meanwhile, and one that
/// changed on disk since is named, never taken, and never written over.
#[test]
fn bodies_are_read_when_first_looked_at_and_never_taken_changed() {
    let dir = tempfile::tempdir().unwrap();
    let sample = store::load(&sample_path()).unwrap().project;
    let path = as_folder(&sample, dir.path());
    let root = path.parent().unwrap().to_owned();
    let progress = store::Progress::default();
    // The first open makes the cache and leaves there the bodies it read; the next ones read from it.
    let cold = store::load_with_progress(&path, &progress).unwrap().project;
    assert!(
        cold.articles.iter().all(|a| !a.body.is_loaded()),
        "no body held after a cold open either"
    );
    assert_eq!(cold, sample);
    let warm = store::load_with_progress(&path, &progress).unwrap().project;
    assert!(
        warm.articles.iter().all(|a| !a.body.is_loaded()),
        "no body read by opening"
    );
    assert_eq!(warm.articles[0].body.len(), sample.articles[0].body.len());
    assert_eq!(warm.articles[0].body, sample.articles[0].body);
    assert!(warm.articles[0].body.is_loaded());
    assert!(!warm.articles[1].body.is_loaded());
    // A search reads every body and keeps none it did not find held.
    let word = sample.articles[1].body.split_whitespace().nth(5).unwrap();
    let hits = warraq::model::search::search(&warm, word);
    assert!(hits.iter().any(|h| h.article == sample.articles[1].id));
    assert!(
        warm.articles[1..].iter().all(|a| !a.body.is_loaded()),
        "a search leaves the bodies on disk"
    );
    let actor = &sample.actors[0].id;
    warraq::model::search::unhighlighted_mentions(&warm, actor);
    let tagged = warraq::model::search::tagged_mentions(&warm, actor);
    assert!(!tagged.is_empty());
    assert!(warm.articles[1..].iter().all(|a| !a.body.is_loaded()));

    // The cache made again (by a save, another window): read from the article files.
    let later = store::load_with_progress(&path, &progress).unwrap().project;
    let spoil_cache = || {
        for entry in std::fs::read_dir(root.join(".warraq-cache"))
            .unwrap()
            .flatten()
        {
            // Cut short after the mark of this layout (an older layout's is made again quietly).
            let bytes = std::fs::read(entry.path()).unwrap();
            std::fs::write(entry.path(), &bytes[..bytes.len().min(20)]).unwrap();
        }
    };
    spoil_cache();
    assert_eq!(later, sample);

    // A body changed on disk before it was read: named, read as nothing, and a save refuses it.
    store::load_with_progress(&path, &progress).unwrap();
    let stale = store::load_with_progress(&path, &progress).unwrap().project;
    spoil_cache();
    let article = &sample.articles[1];
    let file = root.join(
        files(&root)
            .keys()
            .find(|p| p.to_string_lossy().contains(article.id.as_str()))
            .unwrap(),
    );
    let word = article.body.split_whitespace().nth(3).unwrap().to_owned();
    let text = std::fs::read_to_string(&file).unwrap();
    let changed = text.replacen(&word, &format!("{word}{word}"), 1);
    assert_ne!(changed, text);
    std::fs::write(&file, &changed).unwrap();
    let why = stale.articles[1].body.unreadable().unwrap();
    assert!(
        why.contains(file.file_name().unwrap().to_str().unwrap()),
        "{why}"
    );
    assert_eq!(stale.articles[1].body, "");
    let before = files(&root);
    assert!(store::save_as(&stale, &path, Layout::Folder, None, false).is_err());
    assert_eq!(files(&root), before, "nothing written");
}

/// Opened without its cache, a folder hands the window the first sub-folder
/// read, to show while the rest is read; from the cache there is no need.
#[test]
fn a_folder_opened_without_its_cache_offers_a_first_part_to_show() {
    let dir = tempfile::tempdir().unwrap();
    let sample = store::load(&sample_path()).unwrap().project;
    let path = as_folder(&sample, dir.path());
    let progress = store::Progress::default();
    let whole = store::load_with_progress(&path, &progress).unwrap().project;
    let preview = progress.take_preview().expect("a first part to show");
    assert!(!preview.articles.is_empty());
    assert!(preview.articles.len() < whole.articles.len());
    for article in &preview.articles {
        assert_eq!(Some(article), whole.article(&article.id));
    }
    let theirs: Vec<_> = whole
        .highlights
        .iter()
        .filter(|h| preview.article(&h.article).is_some())
        .collect();
    assert!(!theirs.is_empty());
    assert_eq!(preview.highlights.iter().collect::<Vec<_>>(), theirs);
    assert!(preview.relations.is_empty(), "relations come with the rest");
    assert_eq!(preview.actors, whole.actors);

    let progress = store::Progress::default();
    store::load_with_progress(&path, &progress).unwrap();
    assert!(progress.take_preview().is_none(), "from the cache: quick");
}
