//! A colleague's copy, merged in and compared, through the File menu as an
//! analyst does it.

use crate::common::WindowTesting;
use crate::common::sample_path;
use crate::window::{click, harness_for, press};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};
use warraq::app::{Action, App};
use warraq::model::edit::Edit;
use warraq::model::{Actor, ActorKind, Span, Tag};
use warraq::ui::WarraqApp;

/// The file dialogs' answers: the colleague's file to open, and where an export goes.
struct PickColleague(PathBuf, Option<PathBuf>);

impl warraq::ui::files::Dialogs for PickColleague {
    fn pick_project(&self) -> Option<PathBuf> {
        Some(self.0.clone())
    }
    fn save_project_as(&self, _: Option<&std::path::Path>, _: &str) -> Option<PathBuf> {
        None
    }
    fn pick_texts(&self) -> Vec<PathBuf> {
        Vec::new()
    }
    fn save_export(&self, _: &str, _: warraq::exchange::Format) -> Option<PathBuf> {
        self.1.clone()
    }
    fn save_picture(&self, _: &str, _: &str) -> Option<PathBuf> {
        None
    }
}

/// Omar's copy: a different note on rel-phone, an evidence highlight of his
/// own, and Qatar made a second time under another id, with a mention.
fn omars_copy(dir: &Path) -> PathBuf {
    let mut omar = App::open(&sample_path()).unwrap();
    "Omar".clone_into(&mut omar.session.analyst);
    let mut phone = omar
        .document()
        .project()
        .relation(&"rel-phone".into())
        .unwrap()
        .clone();
    "عمر: مكالمة مطولة".clone_into(&mut phone.note);
    omar.apply(Action::Edit(Edit::UpdateRelation(phone)));
    omar.apply(Action::Edit(Edit::AddHighlight {
        article: "art-2020-qatar-us-milley".into(),
        span: Span::new(0, 6),
        tag: Tag::Evidence,
    }));
    let mut project = omar.document().project().clone();
    project
        .actors
        .push(Actor::new("act-qatar-2".into(), "قطر", ActorKind::State));
    let mention = project
        .highlights
        .iter_mut()
        .find(|h| h.tag == Tag::Actor("act-qatar".into()))
        .unwrap();
    mention.tag = Tag::Actor("act-qatar-2".into());
    let path = dir.join("omar.warraq.ron");
    warraq::store::save(&project, &path, None).unwrap();
    path
}

fn window_with(dir: &Path, colleague: PathBuf) -> Harness<'static, WarraqApp> {
    let mine = dir.join("mine.warraq.ron");
    let mut app = App::open(&sample_path()).unwrap();
    "Salma".clone_into(&mut app.session.analyst);
    let mut phone = app
        .document()
        .project()
        .relation(&"rel-phone".into())
        .unwrap()
        .clone();
    "سلمى: اتصال قصير".clone_into(&mut phone.note);
    app.apply(Action::Edit(Edit::UpdateRelation(phone)));
    warraq::store::save(app.document().project(), &mine, None).unwrap();
    let mut window = WarraqApp::new(App::open(&mine).unwrap());
    window.set_analyst("Salma");
    let export = dir.join("for-colleague.warraq.ron");
    harness_for(window.with_dialogs(Box::new(PickColleague(colleague, Some(export)))))
}

fn file_menu(harness: &mut Harness<'_, WarraqApp>, item: &str) {
    harness.get_by_label("File").click();
    harness.run_steps(2);
    harness.get_by_label(item).click();
    harness.run_steps(3);
}

#[test]
fn merging_settles_each_conflict_as_chosen_and_merges_the_duplicate_actor_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = window_with(dir.path(), omars_copy(dir.path()));
    let before = harness.project().clone();
    file_menu(&mut harness, "Merge a colleague's copy…");
    {
        let session = harness.state().merging().expect("the merge window is open");
        assert_eq!(
            session.plan.conflicts.len(),
            2,
            "{:?}",
            session.plan.conflicts
        );
        assert!(
            session
                .plan
                .probable_duplicates
                .iter()
                .any(|(a, b)| a.as_str() == "act-qatar" && b.as_str() == "act-qatar-2")
        );
    }
    // Omar's note on the phone call wins; his retagged mention is taken too.
    // The window settles its size over a few frames; then each choice is clicked where it is.
    harness.run_steps(5);
    for n in 0..2 {
        let at = harness
            .get_all_by_label("take theirs")
            .nth(n)
            .unwrap()
            .rect()
            .center();
        click(&mut harness, at);
        harness.run_steps(2);
    }
    assert_eq!(
        harness.state().merging().unwrap().choices,
        [warraq::team::merge::Choice::Theirs; 2]
    );
    // The duplicate offer is further down the list: scrolled to, then ticked.
    harness
        .get_by_label("merge act-qatar-2 into act-qatar")
        .scroll_to_me();
    harness.run_steps(3);
    let offer = harness
        .get_by_label("merge act-qatar-2 into act-qatar")
        .rect()
        .center();
    click(&mut harness, offer);
    harness.run_steps(2);
    harness.get_by_label("Merge").click();
    harness.run_steps(3);

    let window = harness.state();
    assert!(window.merging().is_none());
    let project = &window.app().document().project();
    let phone = project.relation(&"rel-phone".into()).unwrap();
    assert_eq!(phone.note, "عمر: مكالمة مطولة");
    assert_eq!(
        phone.changed.as_ref().unwrap().by,
        "Omar",
        "Omar's stamp survives the merge"
    );
    let added = project
        .highlights
        .iter()
        .find(|h| {
            h.article.as_str() == "art-2020-qatar-us-milley"
                && h.span == Span::new(0, 6)
                && h.tag == Tag::Evidence
        })
        .expect("Omar's highlight is merged in");
    assert_eq!(added.changed.as_ref().unwrap().by, "Omar");
    assert!(project.actor(&"act-qatar-2".into()).is_none());
    assert_eq!(project.highlights.len(), before.highlights.len() + 1);
    assert!(project.validate().is_empty());
    // Undo takes the actor merge back, then the merge itself.
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(
        harness
            .state()
            .app()
            .document()
            .project()
            .actor(&"act-qatar-2".into())
            .is_some()
    );
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(*harness.project(), before);
}

#[test]
fn a_bad_colleague_file_is_reported_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("notes.warraq.ron");
    std::fs::write(
        &bad,
        "(format: \"warraq-project\", version: 9, project: ())",
    )
    .unwrap();
    let mut harness = window_with(dir.path(), bad);
    let before = harness.project().clone();
    let revision = harness.document().revision();
    for item in [
        "Merge a colleague's copy…",
        "Compare with a colleague's copy…",
    ] {
        file_menu(&mut harness, item);
        let window = harness.state();
        assert!(window.merging().is_none() && window.comparison().is_none());
        let notice = window.app().notices.last().unwrap();
        assert!(
            notice.is_error && notice.text.contains("version 9"),
            "{}",
            notice.text
        );
        assert_eq!(*window.app().document().project(), before);
        assert_eq!(window.app().document().revision(), revision);
    }
}

#[test]
fn comparing_lists_disagreements_and_opens_one_side_by_side() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = window_with(dir.path(), omars_copy(dir.path()));
    file_menu(&mut harness, "Compare with a colleague's copy…");
    let comparison = harness.state().comparison().expect("compared");
    let agreement = &comparison.agreement;
    assert_eq!(agreement.articles.len(), 2);
    let evidence = agreement.highlights[2].1;
    assert_eq!(evidence.b, evidence.a + 1);
    // Omar's extra highlight: find its line in the list and click it.
    let index = agreement
        .disagreements
        .iter()
        .position(|d| {
            matches!(
                d,
                warraq::agreement::Disagreement::OnlyOne { in_a: false, .. }
            )
        })
        .unwrap();
    harness
        .get_by_label(&format!("Disagreement {}", index + 1))
        .click();
    harness.run_steps(30);
    let window = harness.state();
    assert!(window.second_pane_open());
    let article = Some(warraq::model::ArticleId::from("art-2020-qatar-us-milley"));
    assert_eq!(window.panes()[0].article, article);
    assert_eq!(window.panes()[1].article, article);
    assert!(window.panes()[1].theirs);
    // The right pane shows Omar's highlights: one more than ours in that article.
    let mine = window
        .app()
        .document()
        .project()
        .highlights_in(article.as_ref().unwrap())
        .count();
    let shown_right = window.panes()[1].shown_count();
    assert_eq!(shown_right, mine + 1);
    assert_eq!(window.panes()[0].shown_count(), mine);
}

#[test]
fn exporting_for_a_colleague_sends_only_the_ticked_articles_with_my_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = window_with(dir.path(), dir.path().join("unused.warraq.ron"));
    file_menu(&mut harness, "Export for a colleague…");
    harness.get_by_label("Send article 1").click();
    harness.run_steps(2);
    harness.get_by_label("Export 1 article(s)…").click();
    for _ in 0..500 {
        harness.step();
        if !harness.state().exporting() {
            break;
        }
    }
    assert!(!harness.state().exporting());
    let sent = warraq::store::load(&dir.path().join("for-colleague.warraq.ron"))
        .unwrap()
        .project;
    let ids: Vec<&str> = sent.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["art-2020-qatar-us-milley"]);
    assert_eq!(sent.exported.as_ref().unwrap().by, "Salma");
    assert!(
        sent.highlights
            .iter()
            .all(|h| h.article.as_str() == "art-2020-qatar-us-milley")
    );
}

/// I deleted a relation my colleague still has: the merge window names it as
/// held by one copy only, keeps it by default, and leaves it out on request.
#[test]
fn an_item_one_copy_holds_is_named_and_can_be_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let theirs = dir.path().join("theirs.warraq.ron");
    std::fs::copy(sample_path(), &theirs).unwrap();
    let mine = dir.path().join("mine.warraq.ron");
    let mut app = App::open(&sample_path()).unwrap();
    app.apply(Action::Edit(Edit::DeleteRelation("rel-phone".into())));
    warraq::store::save(app.document().project(), &mine, None).unwrap();
    let window = WarraqApp::new(App::open(&mine).unwrap());
    let mut harness = harness_for(window.with_dialogs(Box::new(PickColleague(theirs, None))));
    file_menu(&mut harness, "Merge a colleague's copy…");
    harness.run_steps(5);
    let label = "keep relation rel-phone (only in theirs)";
    {
        let session = harness.state().merging().unwrap();
        assert_eq!(
            session.plan.one_sided.len(),
            1,
            "{:?}",
            session.plan.one_sided
        );
        assert_eq!(session.keep_one_sided, [true], "kept unless left out");
    }
    harness.get_by_label(label).scroll_to_me();
    harness.run_steps(3);
    let at = harness.get_by_label(label).rect().center();
    click(&mut harness, at);
    harness.run_steps(2);
    harness.get_by_label("Merge").click();
    harness.run_steps(3);
    assert!(harness.state().merging().is_none());
    assert!(
        harness
            .state()
            .app()
            .document()
            .project()
            .relation(&"rel-phone".into())
            .is_none(),
        "my deletion stands"
    );
}

/// The merge window shows each conflict by its name, field by field, the
/// differing fields marked — never the raw file text.
#[test]
fn the_merge_window_names_the_fields_that_differ() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = window_with(dir.path(), omars_copy(dir.path()));
    file_menu(&mut harness, "Merge a colleague's copy…");
    harness.run_steps(5);
    let plan = harness.state().merging().unwrap().plan.clone();
    let phone = plan
        .conflicts
        .iter()
        .find(|c| c.id == "rel-phone")
        .expect("the phone call differs");
    let note = phone.fields.iter().find(|f| f.name == "note").unwrap();
    assert!(note.differs());
    assert_eq!(note.theirs, "عمر: مكالمة مطولة");
    let source = phone.fields.iter().find(|f| f.name == "source").unwrap();
    assert!(!source.differs());
    let project = &harness.project();
    assert_eq!(
        source.mine,
        project.actor(&"act-tamim".into()).unwrap().name,
        "an actor reference reads as the actor's name"
    );
    assert!(
        harness.query_by_label("note (differs)").is_some(),
        "the differing field is marked"
    );
    assert!(
        harness
            .query_all_by_label_contains("عمر: مكالمة مطولة")
            .next()
            .is_some()
    );
    assert!(
        harness
            .query_all_by_label_contains("Some((")
            .next()
            .is_none()
            && harness
                .query_all_by_label_contains("changed: (")
                .next()
                .is_none(),
        "no raw file text"
    );
}

/// Answers for curation: the colleague's file, and where the curated copy
/// goes; it notes the folder the save dialog was opened in.
struct Curate(
    PathBuf,
    PathBuf,
    std::rc::Rc<std::cell::RefCell<Option<PathBuf>>>,
);

impl warraq::ui::files::Dialogs for Curate {
    fn pick_project(&self) -> Option<PathBuf> {
        Some(self.0.clone())
    }
    fn save_project_as(&self, folder: Option<&std::path::Path>, _: &str) -> Option<PathBuf> {
        *self.2.borrow_mut() = folder.map(std::path::Path::to_path_buf);
        Some(self.1.clone())
    }
    fn pick_texts(&self) -> Vec<PathBuf> {
        Vec::new()
    }
    fn save_export(&self, _: &str, _: warraq::exchange::Format) -> Option<PathBuf> {
        None
    }
    fn save_picture(&self, _: &str, _: &str) -> Option<PathBuf> {
        None
    }
}

/// Two disagreements settled from the comparison window — one by a click
/// (take their highlight), one by a key (neither: drop mine) — and saved as
/// a curated copy holding exactly those choices and the agreed rest.
#[test]
fn a_curated_copy_holds_the_choices_made_in_the_comparison() {
    let dir = tempfile::tempdir().unwrap();
    let sample = warraq::store::load(&sample_path()).unwrap().project;
    // The colleague coded one more passage and left out one of mine.
    let mut theirs = sample.clone();
    // An actor mention no other actor highlight overlaps, in the 2020 article.
    let dropped = theirs
        .highlights
        .iter()
        .find(|h| {
            matches!(h.tag, Tag::Actor(_))
                && h.article.as_str() == "art-2020-qatar-us-milley"
                && h.span.start > 50
                && !theirs.highlights.iter().any(|o| {
                    o.id != h.id
                        && o.article == h.article
                        && matches!(o.tag, Tag::Actor(_))
                        && o.span.overlaps(h.span)
                })
        })
        .unwrap()
        .id
        .clone();
    theirs.highlights.retain(|h| h.id != dropped);
    let added = warraq::model::Highlight {
        id: "hl-colleague".into(),
        article: "art-2020-qatar-us-milley".into(),
        span: Span::new(0, 6),
        quote: sample
            .article(&"art-2020-qatar-us-milley".into())
            .unwrap()
            .body
            .chars()
            .take(6)
            .collect(),
        tag: Tag::Evidence,
        speech: None,
        note: String::new(),
        changed: None,
    };
    theirs.highlights.push(added.clone());
    let colleague = dir.path().join("colleague.warraq.ron");
    warraq::store::save(&theirs, &colleague, None).unwrap();
    let mine = dir.path().join("mine.warraq.ron");
    std::fs::copy(sample_path(), &mine).unwrap();
    let curated = dir.path().join("curated.warraq.ron");
    let opened_in = std::rc::Rc::default();
    let window = WarraqApp::new(App::open(&mine).unwrap()).with_dialogs(Box::new(Curate(
        colleague,
        curated.clone(),
        std::rc::Rc::clone(&opened_in),
    )));
    let mut harness = harness_for(window);
    harness.state_mut().set_analyst("Curator");
    file_menu(&mut harness, "Compare with a colleague's copy…");
    harness.run_steps(5);
    let disagreements = harness
        .state()
        .comparison()
        .as_ref()
        .unwrap()
        .agreement
        .disagreements
        .clone();
    let index = |theirs_side: bool| {
        disagreements
            .iter()
            .position(|d| matches!(d, warraq::agreement::Disagreement::OnlyOne { in_a, .. } if *in_a != theirs_side))
            .unwrap()
    };
    let (only_theirs, only_mine) = (index(true), index(false));
    // A click: take their highlight.
    harness
        .get_by_label(&format!("Disagreement {}: right", only_theirs + 1))
        .click();
    harness.run_steps(2);
    // A key: "neither" for mine (4), on the one in view.
    harness
        .get_by_label(&format!("Disagreement {}", only_mine + 1))
        .click();
    harness.run_steps(2);
    press(&mut harness, Modifiers::NONE, Key::Num4);
    let picks = harness.state().comparison().unwrap().picks.clone();
    assert_eq!(picks[only_theirs], warraq::team::curation::Pick::Right);
    assert_eq!(picks[only_mine], warraq::team::curation::Pick::Neither);
    harness.get_by_label("Save curated copy…").click();
    harness.run_steps(3);
    let copy = warraq::store::load(&curated).unwrap().project;
    assert!(copy.highlight(&added.id).is_some(), "their highlight taken");
    assert!(copy.highlight(&dropped).is_none(), "mine left out");
    assert_eq!(
        copy.highlights.len(),
        sample.highlights.len(),
        "the agreed rest as it was"
    );
    assert_eq!(copy.exported.as_ref().unwrap().by, "Curator");
    assert!(copy.description.contains("Curated by Curator"));
    assert_eq!(
        opened_in.borrow().as_deref(),
        Some(dir.path()),
        "the save dialog opens in the project's folder"
    );
    // The open project is untouched.
    assert_eq!(harness.project().highlights.len(), sample.highlights.len());
}

/// Answers: several colleagues' copies at once.
struct Several(Vec<PathBuf>);

impl warraq::ui::files::Dialogs for Several {
    fn pick_project(&self) -> Option<PathBuf> {
        None
    }
    fn save_project_as(&self, _: Option<&std::path::Path>, _: &str) -> Option<PathBuf> {
        None
    }
    fn pick_texts(&self) -> Vec<PathBuf> {
        self.0.clone()
    }
    fn save_export(&self, _: &str, _: warraq::exchange::Format) -> Option<PathBuf> {
        None
    }
    fn save_picture(&self, _: &str, _: &str) -> Option<PathBuf> {
        None
    }
}

#[test]
fn the_window_gives_the_agreement_of_three_analysts() {
    let dir = tempfile::tempdir().unwrap();
    let omar = omars_copy(dir.path());
    let other = dir.path().join("leila.warraq.ron");
    let mut leila = warraq::store::load(&sample_path()).unwrap().project;
    leila.highlights.retain(|h| !matches!(h.tag, Tag::Claim(_)));
    warraq::store::save(&leila, &other, None).unwrap();
    let window = WarraqApp::new(App::open(&sample_path()).unwrap())
        .with_dialogs(Box::new(Several(vec![omar.clone(), other.clone()])));
    let mut harness = harness_for(window);
    file_menu(&mut harness, "Agreement of several analysts' copies…");
    let rows = harness
        .state()
        .reliability()
        .map(<[_]>::to_vec)
        .expect("the figures are shown");
    let sample = warraq::store::load(&sample_path()).unwrap().project;
    let omar = warraq::store::load(&omar).unwrap().project;
    let all = [&sample, &omar, &leila];
    let claim =
        warraq::agreement::reliability::alpha_codepoint(&all, warraq::agreement::TagKind::Claim)
            .unwrap();
    let row = rows
        .iter()
        .find(|(f, _)| f == "Krippendorff's alpha over code points, claim")
        .unwrap();
    assert_eq!(row.1, format!("{claim:.3}"));
    assert!(
        rows.iter().any(|(f, _)| f.starts_with("Fleiss' kappa")),
        "three analysts: Fleiss"
    );
    assert!(
        harness
            .query_by_label("Agreement of several analysts")
            .is_some()
            || harness
                .query_all_by_label_contains("alpha over code points")
                .next()
                .is_some()
    );
}
