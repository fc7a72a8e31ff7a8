//! A team on git: two branches from one base, merged by `git merge` through
//! Warraq's driver — a deletion carried, both sides' articles in, a note
//! changed on one side taken; the same note changed on both sides reported
//! as a conflict with the file still a valid project. And the three-way
//! merge itself, on random edits made on two sides.

use crate::common::WindowTesting;
use crate::common::{sample_path, warraq};
use egui_kittest::kittest::Queryable;
use std::path::Path;
use std::process::Command;
use warraq::model::edit::Edit;
use warraq::store;

pub(crate) fn git(repo: &Path, args: &[&str]) -> std::process::Output {
    Command::new("git")
        .current_dir(repo)
        .args(args)
        .env("GIT_AUTHOR_NAME", "Analyst")
        .env("GIT_AUTHOR_EMAIL", "a@example.org")
        .env("GIT_COMMITTER_NAME", "Analyst")
        .env("GIT_COMMITTER_EMAIL", "a@example.org")
        .output()
        .unwrap()
}

pub(crate) fn ok(output: &std::process::Output) {
    assert!(
        output.status.success(),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Changes the project file in place as an analyst's session would.
fn change(path: &Path, edit: impl FnOnce(&mut warraq::app::App)) {
    let mut app = warraq::app::App::open(path).unwrap();
    edit(&mut app);
    app.apply(warraq::app::Action::Save);
    app.wait_for_save();
    assert!(!app.document().is_dirty());
}

pub(crate) fn import(path: &Path, text: &Path) {
    let output = warraq().arg("import").arg(path).arg(text).output().unwrap();
    ok(&output);
}

fn repo_with_base(dir: &Path) -> std::path::PathBuf {
    let repo = dir.join("repo");
    std::fs::create_dir_all(&repo).unwrap();
    ok(&git(&repo, &["init", "-q", "-b", "main"]));
    std::fs::copy(sample_path(), repo.join("gulf.warraq.ron")).unwrap();
    ok(&git(&repo, &["add", "."]));
    ok(&git(&repo, &["commit", "-q", "-m", "base"]));
    let setup = warraq()
        .arg("git-setup")
        .current_dir(&repo)
        .output()
        .unwrap();
    ok(&setup);
    // Idempotent: a second run changes nothing.
    let again = warraq()
        .arg("git-setup")
        .current_dir(&repo)
        .output()
        .unwrap();
    ok(&again);
    let attributes = std::fs::read_to_string(repo.join(".gitattributes")).unwrap();
    assert_eq!(attributes.matches("*.warraq.ron merge=warraq").count(), 1);
    assert_eq!(
        attributes
            .matches("**/articles/*/*.ron merge=warraq")
            .count(),
        1
    );
    let ignored = std::fs::read_to_string(repo.join(".gitignore")).unwrap();
    assert_eq!(ignored.matches("*.warraq.ron.bak").count(), 1);
    // The backup a save leaves is not shown as work to commit.
    std::fs::write(repo.join("gulf.warraq.ron.bak"), "old").unwrap();
    let status = git(&repo, &["status", "--porcelain"]);
    assert!(
        !String::from_utf8_lossy(&status.stdout).contains(".bak"),
        "{}",
        String::from_utf8_lossy(&status.stdout)
    );
    ok(&git(&repo, &["add", ".gitattributes", ".gitignore"]));
    ok(&git(&repo, &["commit", "-q", "-m", "merge driver"]));
    repo
}

#[test]
fn git_merges_two_analysts_branches_through_the_driver() {
    let dir = tempfile::tempdir().unwrap();
    let repo = repo_with_base(dir.path());
    let file = repo.join("gulf.warraq.ron");
    let base = store::load(&file).unwrap().project;
    let (gone, noted) = (base.relations[0].id.clone(), base.relations[1].id.clone());
    let one = dir.path().join("one.txt");
    std::fs::write(
        &one,
        "خبر أول\n\nاجتمع وزير الخارجية القطري بنظيره العماني في مسقط.",
    )
    .unwrap();
    let two = dir.path().join("two.txt");
    std::fs::write(&two, "خبر ثان\n\nزار رئيس الوزراء الكويتي الدوحة.").unwrap();

    ok(&git(&repo, &["checkout", "-q", "-b", "leila"]));
    change(&file, |app| {
        app.edit(Edit::DeleteRelation(gone.clone())).unwrap();
    });
    import(&file, &one);
    ok(&git(&repo, &["commit", "-q", "-am", "leila"]));

    ok(&git(&repo, &["checkout", "-q", "main"]));
    ok(&git(&repo, &["checkout", "-q", "-b", "omar"]));
    change(&file, |app| {
        let mut r = app.document().project().relation(&noted).unwrap().clone();
        r.note = "عمر: تأكد من التاريخ".to_owned();
        app.edit(Edit::UpdateRelation(r)).unwrap();
    });
    import(&file, &two);
    ok(&git(&repo, &["commit", "-q", "-am", "omar"]));

    ok(&git(&repo, &["checkout", "-q", "leila"]));
    let merge = git(&repo, &["merge", "-q", "--no-edit", "omar"]);
    ok(&merge);
    let merged = store::load(&file).unwrap().project;
    assert!(merged.relation(&gone).is_none(), "the deletion is carried");
    assert_eq!(
        merged.relation(&noted).unwrap().note,
        "عمر: تأكد من التاريخ",
        "the note changed on one side is taken"
    );
    assert_eq!(
        merged.articles.len(),
        base.articles.len() + 2,
        "both articles in"
    );
    let check = warraq().arg("check").arg(&file).output().unwrap();
    ok(&check);
}

#[test]
fn the_same_note_changed_on_both_branches_is_a_conflict_in_a_valid_file() {
    let dir = tempfile::tempdir().unwrap();
    let repo = repo_with_base(dir.path());
    let file = repo.join("gulf.warraq.ron");
    let noted = store::load(&file).unwrap().project.relations[1].id.clone();
    for (branch, note) in [("leila", "ليلى: مؤكد"), ("omar", "عمر: غير مؤكد")] {
        ok(&git(&repo, &["checkout", "-q", "main"]));
        ok(&git(&repo, &["checkout", "-q", "-b", branch]));
        change(&file, |app| {
            let mut r = app.document().project().relation(&noted).unwrap().clone();
            r.note = note.to_owned();
            app.edit(Edit::UpdateRelation(r)).unwrap();
        });
        ok(&git(&repo, &["commit", "-q", "-am", branch]));
    }
    ok(&git(&repo, &["checkout", "-q", "leila"]));
    let merge = git(&repo, &["merge", "-q", "--no-edit", "omar"]);
    assert!(!merge.status.success(), "git reports the conflict");
    let said = String::from_utf8_lossy(&merge.stderr).to_string()
        + &String::from_utf8_lossy(&merge.stdout);
    assert!(said.contains("note"), "{said}");
    // Never text conflict markers: a project that opens, mine kept.
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(!text.contains("<<<<<<<"));
    let check = warraq().arg("check").arg(&file).output().unwrap();
    ok(&check);
    assert!(
        String::from_utf8_lossy(&check.stdout).contains("1 unresolved merge conflict"),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    let merged = store::load(&file).unwrap().project;
    assert_eq!(merged.relation(&noted).unwrap().note, "ليلى: مؤكد");
    assert_eq!(merged.conflicts.len(), 1, "kept in the file until settled");

    // Opened in the window, the conflict is listed; taking theirs settles it.
    let mut harness = crate::window::harness_on(&file, true);
    assert!(
        harness
            .query_all_by_label_contains("Merge conflicts (1)")
            .next()
            .is_some()
    );
    assert!(
        harness.query_all_by_label("عمر: غير مؤكد").next().is_some(),
        "their note shown"
    );
    harness
        .get_by_label(&format!("Take theirs: {noted}"))
        .click();
    harness.run_steps(3);
    let project = &harness.project();
    assert!(project.conflicts.is_empty());
    assert_eq!(project.relation(&noted).unwrap().note, "عمر: غير مؤكد");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run_steps(2);
    harness.state_mut().wait_for_save();
    let saved = store::load(&file).unwrap().project;
    assert!(saved.conflicts.is_empty());
    assert_eq!(saved.relation(&noted).unwrap().note, "عمر: غير مؤكد");
}

/// Random edits on two sides of one base: what only one side changed is in
/// the result, and the result is valid.
#[test]
fn a_change_made_on_one_side_only_is_always_in_the_three_way_merge() {
    use warraq::model::edit::Edit;
    let base = store::load(&sample_path()).unwrap().project;
    for seed in 0..24u64 {
        let mut mine = warraq::app::App::new(base.clone());
        let mut theirs = warraq::app::App::new(base.clone());
        let pick = |n: u64, len: usize| usize::try_from(n).unwrap_or(0) % len.max(1);
        // Mine: notes on relations; theirs: deletions of highlights and new titles.
        let r = pick(seed * 7 + 1, base.relations.len());
        let mut relation = base.relations[r].clone();
        relation.note = format!("ملاحظة {seed}");
        mine.edit(Edit::UpdateRelation(relation.clone())).unwrap();
        // A highlight no relation cites (deleting a cited one changes the
        // relation too: that is a conflict with mine, rightly).
        let free: Vec<_> = base
            .highlights
            .iter()
            .filter(|h| {
                !base
                    .relations
                    .iter()
                    .any(|r| r.sources.iter().any(|s| s.evidence.as_ref() == Some(&h.id)))
            })
            .collect();
        let highlight = free[pick(seed * 13 + 5, free.len())].id.clone();
        theirs
            .edit(Edit::DeleteHighlight(highlight.clone()))
            .unwrap();
        let a = pick(seed * 3, base.articles.len());
        let mut article = base.articles[a].clone();
        article.outlet = format!("وكالة {seed}");
        theirs
            .edit(Edit::UpdateArticle(Box::new(article.clone())))
            .unwrap();
        let result = warraq::team::merge3::merge3(
            &base,
            mine.document().project(),
            theirs.document().project(),
        );
        let merged = &result.merged;
        assert!(
            merged.validate().is_empty(),
            "seed {seed}: {:?}",
            merged.validate()
        );
        assert!(
            merged.highlight(&highlight).is_none(),
            "seed {seed}: deletion carried"
        );
        assert_eq!(merged.article(&article.id).unwrap().outlet, article.outlet);
        let kept = merged.relation(&relation.id).unwrap();
        assert!(
            kept.note.starts_with(&format!("ملاحظة {seed}")),
            "seed {seed}: {}",
            kept.note
        );
        assert!(
            result.conflicts.is_empty(),
            "seed {seed}: {:?}",
            result.conflicts
        );
    }
}

/// After a `git pull` wrote a colleague's change into the open file, the
/// window says so and merges it with the unsaved work here, three-way.
/// The window on a copy of the sample in `dir`, with unsaved work (a new
/// title) while another program changes a relation's note in the file; the
/// change noticed. The file and the relation changed.
fn changed_on_disk_under_unsaved_work(
    dir: &Path,
) -> (
    egui_kittest::Harness<'static, warraq::ui::WarraqApp>,
    std::path::PathBuf,
    warraq::model::RelationId,
) {
    let file = dir.join("gulf.warraq.ron");
    std::fs::copy(sample_path(), &file).unwrap();
    let mut harness = crate::window::harness_on(&file, false);
    harness.apply(warraq::app::Action::Edit(Edit::SetTitle(
        "عنوان ليلى".to_owned(),
    )));
    harness.run_steps(2);
    let mut theirs = store::load(&file).unwrap().project;
    let noted = theirs.relations[2].id.clone();
    "ملاحظة من الزميل".clone_into(&mut theirs.relations[2].note);
    store::save(&theirs, &file, None).unwrap();
    // Looked at every two seconds.
    harness.run_steps(150);
    assert!(harness.state().disk_prompt(), "the change is noticed");
    (harness, file, noted)
}

#[test]
fn the_window_merges_a_file_changed_on_disk_with_unsaved_work() {
    let dir = tempfile::tempdir().unwrap();
    let (mut harness, file, noted) = changed_on_disk_under_unsaved_work(dir.path());
    harness.get_by_label("Merge with my changes").click();
    harness.run_steps(3);
    let project = &harness.project();
    assert_eq!(project.title, "عنوان ليلى", "my unsaved work stays");
    assert_eq!(
        project.relation(&noted).unwrap().note,
        "ملاحظة من الزميل",
        "theirs comes in"
    );
    assert!(project.conflicts.is_empty());
    assert!(harness.document().is_dirty());
    // Saving now writes over the file knowingly (no "changed on disk" refusal).
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run_steps(2);
    harness.state_mut().wait_for_save();
    let saved = store::load(&file).unwrap().project;
    assert_eq!(saved.title, "عنوان ليلى");
    assert_eq!(saved.relation(&noted).unwrap().note, "ملاحظة من الزميل");
}

/// Every item's version in a project, by kind and id, as JSON text.
fn versions(p: &warraq::model::Project) -> std::collections::BTreeMap<(String, String), String> {
    let mut out = std::collections::BTreeMap::new();
    let mut put = |kind: &str, id: &str, v: String| {
        out.insert((kind.to_owned(), id.to_owned()), v);
    };
    for x in &p.actors {
        put("actor", x.id.as_str(), serde_json::to_string(x).unwrap());
    }
    for x in &p.claims {
        put("claim", x.id.as_str(), serde_json::to_string(x).unwrap());
    }
    for x in &p.highlights {
        put(
            "highlight",
            x.id.as_str(),
            serde_json::to_string(x).unwrap(),
        );
    }
    for x in &p.relations {
        put("relation", x.id.as_str(), serde_json::to_string(x).unwrap());
    }
    for x in &p.articles {
        put("article", x.id.as_str(), serde_json::to_string(x).unwrap());
    }
    for x in &p.vocabulary {
        put(
            "relation type",
            x.id.as_str(),
            serde_json::to_string(x).unwrap(),
        );
    }
    out
}

/// No two articles with one text and no two highlights with one article,
/// span and tag in `merged`, unless one of `sides` already had them.
fn no_duplicates(
    sides: &[&warraq::model::Project],
    merged: &warraq::model::Project,
) -> Result<(), proptest::test_runner::TestCaseError> {
    fn twins(p: &warraq::model::Project) -> (usize, usize) {
        let texts: std::collections::HashSet<&str> =
            p.articles.iter().map(|a| a.body_hash.as_str()).collect();
        let spans: std::collections::HashSet<_> = p
            .highlights
            .iter()
            .map(warraq::team::identity::highlight_key)
            .collect();
        (
            p.articles.len() - texts.len(),
            p.highlights.len() - spans.len(),
        )
    }
    let allowed = sides
        .iter()
        .map(|p| twins(p))
        .fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    let (articles, highlights) = twins(merged);
    proptest::prop_assert!(articles <= allowed.0, "articles with one text: {articles}");
    proptest::prop_assert!(
        highlights <= allowed.1,
        "highlights with one key: {highlights}"
    );
    Ok(())
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Random edit sequences on two sides of one base: every item changed
    /// (or added, or deleted) on exactly one side is so in the merge, unless
    /// the merge says why not; and the merge is a valid project.
    #[test]
    fn every_one_sided_change_of_random_edits_is_in_the_three_way_merge(
        mine_steps in proptest::collection::vec((0u8..crate::edits::KINDS, proptest::prelude::any::<u64>()), 1..12),
        their_steps in proptest::collection::vec((0u8..crate::edits::KINDS, proptest::prelude::any::<u64>()), 1..12),
    ) {
        let base = store::load(&sample_path()).unwrap().project;
        let mine = crate::edits::edited(&base, &mine_steps, 1);
        let theirs = crate::edits::edited(&base, &their_steps, 2);
        let result = warraq::team::merge3::merge3(&base, &mine, &theirs);
        // What "one side only" means is in the terms of the one identity: an
        // item both sides made on their own (the same highlight, the same
        // duplicated relation) is one item.
        let theirs = warraq::team::identity::align(&mine, &theirs, Some(&base)).0;
        no_duplicates(&[&base, &mine, &theirs], &result.merged)?;
        // Merging the merge again with either side changes nothing.
        // (What a deletion left in use is put back at the end: order may differ.)
        let again = warraq::team::merge3::merge3(&base, &result.merged, &theirs).merged;
        proptest::prop_assert_eq!(versions(&again), versions(&result.merged));
        let problems = result.merged.validate();
        proptest::prop_assert!(problems.is_empty(), "{:?}", problems);
        let (b, m, t, r) = (versions(&base), versions(&mine), versions(&theirs), versions(&result.merged));
        let said: std::collections::BTreeSet<(String, String)> = result
            .conflicts
            .iter()
            .map(|c| (c.kind.label().to_owned(), c.id.clone()))
            .collect();
        let mut keys: std::collections::BTreeSet<&(String, String)> = b.keys().collect();
        keys.extend(m.keys());
        keys.extend(t.keys());
        for key in keys {
            let (bv, mv, tv, rv) = (b.get(key), m.get(key), t.get(key), r.get(key));
            let one_sided = if mv != bv && tv == bv {
                Some(mv)
            } else if tv != bv && mv == bv {
                Some(tv)
            } else {
                None
            };
            if let Some(expected) = one_sided
                && !said.contains(key)
            {
                proptest::prop_assert_eq!(rv, expected, "{:?}", key);
            }
        }
    }
}

/// Both sides made an actor under the same id (a script's counter): both are
/// kept, theirs under a new id that their mention follows.
#[test]
fn an_item_added_on_both_sides_under_one_id_is_kept_twice() {
    use warraq::model::{Actor, ActorKind, Span, Tag};
    let base = store::load(&sample_path()).unwrap().project;
    let article = base.articles[0].clone();
    let side = |name: &str, span: Span| {
        let mut p = base.clone();
        p.actors
            .push(Actor::new("act-new".into(), name, ActorKind::Person));
        p.highlights.push(warraq::model::Highlight {
            id: warraq::model::HighlightId::new(format!("hl-{name}")),
            article: article.id.clone(),
            span,
            quote: article
                .body
                .chars()
                .skip(span.start)
                .take(span.len())
                .collect(),
            tag: Tag::Actor("act-new".into()),
            speech: None,
            note: String::new(),
            changed: None,
        });
        p
    };
    let mine = side("ليلى", Span::new(0, 4));
    let theirs = side("عمر", Span::new(5, 9));
    let result = warraq::team::merge3::merge3(&base, &mine, &theirs);
    let merged = &result.merged;
    assert!(merged.validate().is_empty(), "{:?}", merged.validate());
    let names: Vec<&str> = merged
        .actors
        .iter()
        .filter(|a| a.name == "ليلى" || a.name == "عمر")
        .map(|a| a.name.as_str())
        .collect();
    assert_eq!(names.len(), 2, "both kept");
    let omar = merged.actors.iter().find(|a| a.name == "عمر").unwrap();
    assert_ne!(omar.id.as_str(), "act-new", "theirs renamed");
    let their_mention = merged.highlight(&"hl-عمر".into()).unwrap();
    assert_eq!(
        their_mention.tag,
        Tag::Actor(omar.id.clone()),
        "its mention follows"
    );
    assert!(result.conflicts.is_empty());
}

/// After "Keep working", saving is refused (the file is someone else's
/// version) and the refusal leads back to the merge, which then saves.
#[test]
fn keep_working_then_saving_leads_back_to_the_merge() {
    let dir = tempfile::tempdir().unwrap();
    let (mut harness, file, _) = changed_on_disk_under_unsaved_work(dir.path());
    harness.get_by_label("Keep working").click();
    harness.run_steps(3);
    assert!(!harness.state().disk_prompt());
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run_steps(2);
    harness.state_mut().wait_for_save();
    harness.run_steps(2);
    assert!(
        harness.state().disk_prompt(),
        "the refused save offers the merge again"
    );
    harness.get_by_label("Merge with my changes").click();
    harness.run_steps(3);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run_steps(2);
    harness.state_mut().wait_for_save();
    let saved = store::load(&file).unwrap().project;
    assert_eq!(saved.title, "عنوان ليلى");
    assert_eq!(saved.relations[2].note, "ملاحظة من الزميل");
}

/// A conflict on a relation is named by its actors and type, not its ids.
#[test]
fn a_relation_in_conflict_is_named_by_its_actors() {
    let base = store::load(&sample_path()).unwrap().project;
    let mut mine = base.clone();
    let mut theirs = base.clone();
    "mine".clone_into(&mut mine.relations[0].note);
    "theirs".clone_into(&mut theirs.relations[0].note);
    let result = warraq::team::merge3::merge3(&base, &mine, &theirs);
    let label = &result.merged.conflicts[0].label;
    assert!(
        label.contains("الشيخ تميم بن حمد آل ثاني") && label.contains("فلاديمير بوتين"),
        "{label}"
    );
    assert!(!label.contains("act-"), "{label}");
}
