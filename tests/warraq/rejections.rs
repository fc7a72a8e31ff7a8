//! Rejected suggestions are coding like any other: kept in the file (which
//! then says version 6, or 7 for a folder), merged item by item, and undone.

use crate::common::sample_path;
use warraq::model::edit::Edit;
use warraq::model::{ActorId, ArticleId, Project, Rejection, Span};
use warraq::store::{self, Layout};

fn sample() -> Project {
    store::load(&sample_path()).unwrap().project
}

fn rejection(project: &Project, start: usize, actor: &str) -> Rejection {
    let article = project.articles[0].id.clone();
    Rejection::new(
        article,
        Span::new(start, start + 3),
        ActorId::from(actor),
        "",
    )
}

fn ids(project: &Project) -> Vec<&str> {
    let mut ids: Vec<&str> = project.rejections.iter().map(|r| r.id.as_str()).collect();
    ids.sort_unstable();
    ids
}

#[test]
fn a_three_way_merge_keeps_both_sides_rejections_and_one_sides_restore() {
    let mut base = sample();
    let kept = rejection(&base, 0, "act-qatar");
    let restored = rejection(&base, 10, "act-usa");
    base.rejections.push(kept.clone());
    base.rejections.push(restored.clone());
    let mut mine = base.clone();
    let mut theirs = base.clone();
    let by_me = rejection(&base, 20, "act-qatar");
    let by_them = rejection(&base, 30, "");
    let by_both = rejection(&base, 40, "act-usa");
    mine.rejections.push(by_me.clone());
    mine.rejections.push(by_both.clone());
    theirs.rejections.push(by_them.clone());
    theirs.rejections.push(by_both.clone());
    theirs.rejections.retain(|r| r.id != restored.id);
    let result = warraq::team::merge3::merge3(&base, &mine, &theirs);
    assert!(result.conflicts.is_empty(), "{:?}", result.conflicts);
    let mut expected = vec![
        kept.id.as_str(),
        by_me.id.as_str(),
        by_them.id.as_str(),
        by_both.id.as_str(),
    ];
    expected.sort_unstable();
    assert_eq!(ids(&result.merged), expected);
}

#[test]
fn a_colleagues_copy_brings_its_rejections_once() {
    let mine = sample();
    let mut theirs = mine.clone();
    let theirs_only = rejection(&mine, 5, "act-qatar");
    theirs.rejections.push(theirs_only.clone());
    let mut mine_too = mine.clone();
    mine_too.rejections.push(theirs_only.clone());
    for ours in [&mine, &mine_too] {
        let merged = warraq::team::merge::plan(ours, &theirs)
            .merged_keeping_mine()
            .unwrap();
        assert_eq!(ids(&merged), [theirs_only.id.as_str()]);
    }
}

#[test]
fn rejections_make_the_file_version_6_and_the_folder_version_7() {
    let dir = tempfile::tempdir().unwrap();
    let mut project = sample();
    let single = dir.path().join("a.warraq.ron");
    store::save(&project, &single, None).unwrap();
    assert!(
        std::fs::read_to_string(&single)
            .unwrap()
            .contains("    version: 5,"),
        "no rejections: what older releases read"
    );
    let new_actor = rejection(&project, 0, "");
    project.rejections.push(new_actor);
    store::save(&project, &single, None).unwrap();
    let text = std::fs::read_to_string(&single).unwrap();
    assert!(text.contains("    version: 6,"));
    assert!(text.contains("rejections: ["));
    assert_eq!(store::load(&single).unwrap().project, project);

    let folder = store::folder::project_file_for(&dir.path().join("f.warraq.ron"));
    std::fs::create_dir_all(folder.parent().unwrap()).unwrap();
    store::save_as(&project, &folder, Layout::Folder, None, false).unwrap();
    assert!(
        std::fs::read_to_string(&folder)
            .unwrap()
            .contains("version: 7,")
    );
    let article = std::fs::read_dir(folder.parent().unwrap().join("articles"))
        .unwrap()
        .flatten()
        .flat_map(|d| std::fs::read_dir(d.path()).unwrap().flatten())
        .next()
        .unwrap();
    assert!(
        std::fs::read_to_string(article.path())
            .unwrap()
            .contains("version: 6,"),
        "article files stay version 6"
    );
    assert_eq!(store::load(&folder).unwrap().project, project);
}

#[test]
fn reject_and_unreject_are_edits_undone_in_one_step() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.warraq.ron");
    store::save(&sample(), &path, None).unwrap();
    let mut app = warraq::app::App::open(&path).unwrap();
    let r = rejection(app.document().project(), 3, "act-qatar");
    let edit = |e| warraq::app::Action::Edit(e);
    app.apply(edit(Edit::Reject(vec![r.clone(), r.clone()])));
    assert_eq!(ids(app.document().project()), [r.id.as_str()]);
    app.apply(edit(Edit::Unreject(vec![r.id.clone()])));
    assert!(app.document().project().rejections.is_empty());
    app.apply(warraq::app::Action::Undo);
    assert_eq!(app.document().project().rejections.len(), 1);
    app.apply(warraq::app::Action::Undo);
    assert!(app.document().project().rejections.is_empty());
    // A rejection in an article the project does not have is refused.
    let mut stray = r;
    stray.article = ArticleId::from("art-nowhere");
    app.apply(edit(Edit::Reject(vec![stray])));
    assert!(app.document().project().rejections.is_empty());
}

#[test]
fn deleting_an_article_or_merging_actors_takes_its_rejections_along() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.warraq.ron");
    let mut project = sample();
    let article = project.articles[0].id.clone();
    let as_usa = rejection(&project, 3, "act-usa");
    let as_qatar = rejection(&project, 3, "act-qatar");
    let only_usa = rejection(&project, 9, "act-usa");
    project.rejections.push(as_usa.clone());
    project.rejections.push(as_qatar.clone());
    project.rejections.push(only_usa.clone());
    store::save(&project, &path, None).unwrap();
    let mut app = warraq::app::App::open(&path).unwrap();
    app.apply(warraq::app::Action::Edit(Edit::MergeActors {
        from: ActorId::from("act-usa"),
        into: ActorId::from("act-qatar"),
    }));
    let now = app.document().project();
    let mut expected = vec![
        as_qatar.id.clone(),
        Rejection::id_for(&article, only_usa.span, &ActorId::from("act-qatar"), ""),
    ];
    expected.sort_unstable();
    assert_eq!(ids(now), expected);
    app.apply(warraq::app::Action::Undo);
    assert_eq!(app.document().project().rejections.len(), 3);
    app.apply(warraq::app::Action::Edit(Edit::DeleteArticle {
        article: article.clone(),
        orphans: warraq::model::edit::Orphans::Keep,
    }));
    assert!(app.document().project().rejections.is_empty());
    app.apply(warraq::app::Action::Undo);
    assert_eq!(app.document().project().rejections.len(), 3);
}
