//! Merging two analysts' copies keeps every highlight and relation of both,
//! lists what both changed, and drops nothing without a choice.

use crate::common::sample_path;
use warraq::app::{Action, App};
use warraq::model::edit::Edit;
use warraq::model::{ActorKind, Span, Tag};
use warraq::store;
use warraq::team::merge::{self, Choice, ItemKind};

fn sample() -> warraq::model::Project {
    store::load(&sample_path()).unwrap().project
}

#[test]
fn merging_a_project_with_itself_changes_nothing() {
    let project = sample();
    let plan = merge::plan(&project, &project);
    assert!(plan.conflicts.is_empty());
    assert!(plan.added.is_empty());
    assert_eq!(plan.merged_keeping_mine().unwrap(), project);
}

/// Two analysts start from the sample and code on their own.
fn diverged() -> (warraq::model::Project, warraq::model::Project) {
    let mut mine = App::new(sample());
    mine.apply(Action::Edit(Edit::TagAsNewActor {
        article: "art-2017-tamim-putin".into(),
        span: Span::new(0, 5),
        name: "اتصال".to_owned(),
        kind: ActorKind::Other,
        aliases: Vec::new(),
        gloss: String::new(),
    }));
    let mut theirs = App::new(sample());
    theirs.apply(Action::Edit(Edit::AddHighlight {
        article: "art-2020-qatar-us-milley".into(),
        span: Span::new(0, 6),
        tag: Tag::Evidence,
    }));
    theirs.apply(Action::Edit(Edit::DeleteRelation("rel-kuwait".into())));
    theirs.apply(Action::Edit(Edit::AddRelations {
        source: "act-usa".into(),
        kind: "mediates_between".into(),
        targets: vec!["act-qatar".into(), "act-saudi".into()],
        date: "2020-07".parse().ok(),
        evidence: None,
        note: "Hook's effort with Kuwait".to_owned(),
    }));
    // Both edit the same relation's note.
    let mut a = mine
        .document()
        .project()
        .relation(&"rel-phone".into())
        .unwrap()
        .clone();
    "mine".clone_into(&mut a.note);
    mine.apply(Action::Edit(Edit::UpdateRelation(a)));
    let mut b = theirs
        .document()
        .project()
        .relation(&"rel-phone".into())
        .unwrap()
        .clone();
    "theirs".clone_into(&mut b.note);
    theirs.apply(Action::Edit(Edit::UpdateRelation(b)));
    (mine.into_project(), theirs.into_project())
}

#[test]
fn diverged_copies_keep_everything_from_both_and_list_the_conflict() {
    let (mine, theirs) = diverged();
    let plan = merge::plan(&mine, &theirs);
    assert_eq!(plan.conflicts.len(), 1);
    assert_eq!(
        (plan.conflicts[0].kind, plan.conflicts[0].id.as_str()),
        (ItemKind::Relation, "rel-phone")
    );
    assert!(
        plan.conflicts[0].mine.contains("\"mine\"")
            && plan.conflicts[0].theirs.contains("\"theirs\"")
    );
    assert_eq!(plan.added.get(&ItemKind::Relation), Some(&2));
    assert_eq!(plan.added.get(&ItemKind::Highlight), Some(&1));

    let merged = plan.merged_keeping_mine().unwrap();
    for highlight in mine.highlights.iter().chain(&theirs.highlights) {
        assert!(
            merged.highlight(&highlight.id).is_some(),
            "highlight {} lost",
            highlight.id
        );
    }
    for relation in mine.relations.iter().chain(&theirs.relations) {
        assert!(
            merged.relation(&relation.id).is_some(),
            "relation {} lost",
            relation.id
        );
    }
    assert!(
        merged.relation(&"rel-kuwait".into()).is_some(),
        "a colleague's deletion does not delete mine silently"
    );
    assert_eq!(merged.relation(&"rel-phone".into()).unwrap().note, "mine");

    let theirs_wins = plan.apply(|_| Choice::Theirs).unwrap();
    assert_eq!(
        theirs_wins.relation(&"rel-phone".into()).unwrap().note,
        "theirs"
    );
    let both = plan.apply(|_| Choice::KeepBoth).unwrap();
    let phones: Vec<_> = both
        .relations
        .iter()
        .filter(|r| r.kind.as_str() == "phones")
        .map(|r| r.note.as_str())
        .collect();
    assert_eq!(phones, ["mine", "theirs"]);
}

#[test]
fn the_same_actor_under_two_ids_is_pointed_out_not_merged() {
    let mine = sample();
    let mut theirs = sample();
    let mut emir = theirs
        .actors
        .iter()
        .find(|a| a.id.as_str() == "act-tamim")
        .unwrap()
        .clone();
    emir.id = "act-emir-of-qatar".into();
    emir.name = "أمير قطر".to_owned();
    emir.aliases = vec!["تَمِيم".to_owned()];
    theirs.actors.push(emir);
    let plan = merge::plan(&mine, &theirs);
    assert!(
        plan.probable_duplicates
            .contains(&("act-emir-of-qatar".into(), "act-tamim".into())),
        "{:?}",
        plan.probable_duplicates
    );
    let merged = plan.merged_keeping_mine().unwrap();
    assert_eq!(merged.actors.len(), mine.actors.len() + 1);
}

#[test]
fn the_merge_command_refuses_to_guess_then_merges_when_told() {
    let dir = tempfile::tempdir().unwrap();
    let (mine, theirs) = diverged();
    let mine_path = dir.path().join("mine.warraq.ron");
    let theirs_path = dir.path().join("theirs.warraq.ron");
    store::save(&mine, &mine_path, None).unwrap();
    store::save(&theirs, &theirs_path, None).unwrap();
    let run = |extra: &[&str]| {
        crate::common::warraq()
            .arg("merge")
            .arg(&mine_path)
            .arg(&theirs_path)
            .args(extra)
            .output()
            .unwrap()
    };
    let refused = run(&[]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stdout).contains("conflict: relation `rel-phone`"));
    assert_eq!(
        store::load(&mine_path).unwrap().project,
        mine,
        "nothing written while a conflict is open"
    );
    let merged = run(&["--prefer", "theirs"]);
    assert!(
        merged.status.success(),
        "{}",
        String::from_utf8_lossy(&merged.stderr)
    );
    let result = store::load(&mine_path).unwrap().project;
    assert_eq!(result.relation(&"rel-phone".into()).unwrap().note, "theirs");
    assert_eq!(result.relations.len(), mine.relations.len() + 2);
}

#[test]
fn a_newer_or_broken_colleague_file_is_refused_and_mine_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let mine_path = dir.path().join("mine.warraq.ron");
    std::fs::copy(sample_path(), &mine_path).unwrap();
    let before = std::fs::read(&mine_path).unwrap();
    let newer = dir.path().join("newer.warraq.ron");
    std::fs::write(
        &newer,
        std::fs::read_to_string(sample_path())
            .unwrap()
            .replacen("version: 5,", "version: 7,", 1),
    )
    .unwrap();
    let output = crate::common::warraq()
        .arg("merge")
        .arg(&mine_path)
        .arg(&newer)
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("version 7"));
    assert_eq!(std::fs::read(&mine_path).unwrap(), before);
}

#[test]
fn the_same_coding_stamped_by_two_analysts_is_no_conflict_and_stamps_survive() {
    let project = warraq::store::load(&sample_path()).unwrap().project;
    let mut mine = warraq::app::App::new(project.clone());
    mine.session.analyst = "Salma".to_owned();
    let mut theirs = warraq::app::App::new(project);
    theirs.session.analyst = "Omar".to_owned();
    // Both make the same change; Omar also adds a highlight of his own.
    for app in [&mut mine, &mut theirs] {
        let mut r = app
            .document()
            .project()
            .relation(&"rel-kuwait".into())
            .unwrap()
            .clone();
        r.note = "mediation".to_owned();
        app.apply(Action::Edit(Edit::UpdateRelation(r)));
    }
    theirs.apply(Action::Edit(Edit::AddHighlight {
        article: "art-2020-qatar-us-milley".into(),
        span: Span::new(0, 6),
        tag: Tag::Evidence,
    }));
    let plan = warraq::team::merge::plan(mine.document().project(), theirs.document().project());
    assert!(plan.conflicts.is_empty(), "{:?}", plan.conflicts);
    let merged = plan.merged_keeping_mine().unwrap();
    let added = merged.highlights.last().unwrap();
    assert_eq!(added.changed.as_ref().unwrap().by, "Omar");
    let kuwait = merged.relation(&"rel-kuwait".into()).unwrap();
    assert_eq!(kuwait.changed.as_ref().unwrap().by, "Salma");
}

/// Scripts number their ids: their `hl-…` may be another highlight than mine
/// under the same id. Theirs comes in renamed, and their relation cites theirs.
#[test]
fn the_same_id_for_another_highlight_is_renamed_with_its_references() {
    let mine = sample();
    let mut theirs = sample();
    let my_highlight = mine.highlights[0].clone();
    // Their highlight under my id: another article, its own quote.
    let other_article = theirs
        .articles
        .iter()
        .find(|a| a.id != my_highlight.article)
        .unwrap()
        .clone();
    let quote: String = other_article.body.chars().take(5).collect();
    theirs.highlights.retain(|h| h.id != my_highlight.id);
    theirs.highlights.push(warraq::model::Highlight {
        id: my_highlight.id.clone(),
        article: other_article.id.clone(),
        span: warraq::model::Span::new(0, 5),
        quote: quote.clone(),
        tag: warraq::model::Tag::Evidence,
        speech: None,
        note: String::new(),
        changed: None,
    });
    for relation in &mut theirs.relations {
        for source in &mut relation.sources {
            if source.evidence.as_ref() == Some(&my_highlight.id) {
                source.evidence = None;
            }
        }
    }
    let mut cites = theirs.relations[0].clone();
    cites.id = "rel-theirs-new".into();
    cites.sources = vec![warraq::model::Source::new(
        other_article.id.clone(),
        Some(my_highlight.id.clone()),
    )];
    theirs.relations.push(cites);
    assert!(theirs.validate().is_empty());
    let plan = merge::plan(&mine, &theirs);
    assert_eq!(plan.renamed.len(), 1, "{:?}", plan.renamed);
    let merged = plan.apply(|_| merge::Choice::Mine).unwrap();
    let theirs_new = merged.relation(&"rel-theirs-new".into()).unwrap();
    let their_evidence = merged
        .highlight(theirs_new.sources[0].evidence.as_ref().unwrap())
        .unwrap();
    assert_eq!(
        their_evidence.quote, quote,
        "their relation cites their highlight"
    );
    assert_eq!(merged.highlight(&my_highlight.id).unwrap(), &my_highlight);
}

/// A copy for a colleague with one article comes back unchanged: nothing
/// differs, nothing is one-sided, and taking theirs keeps the sources
/// that were never sent.
#[test]
fn a_subset_sent_and_merged_back_invents_nothing_and_drops_nothing() {
    let mine = sample();
    let sent: Vec<warraq::model::ArticleId> = vec!["art-2020-qatar-us-milley".into()];
    let theirs = warraq::exchange::for_colleague(&mine, "Omar", Some(&sent)).unwrap();
    assert_eq!(theirs.sent_articles.as_deref(), Some(sent.as_slice()));
    let plan = merge::plan(&mine, &theirs);
    assert!(plan.conflicts.is_empty(), "{:?}", plan.conflicts);
    assert!(plan.one_sided.is_empty(), "{:?}", plan.one_sided);
    let merged = plan.apply(|_| merge::Choice::Theirs).unwrap();
    let talks =
        |p: &warraq::model::Project| p.relation(&"rel-us-talks".into()).unwrap().sources.clone();
    assert_eq!(
        talks(&merged),
        talks(&mine),
        "both sources, the unsent one too"
    );
    assert_eq!(merged.relations.len(), mine.relations.len());
    assert_eq!(merged.highlights.len(), mine.highlights.len());
}

/// Keeping both versions of an actor: what only the colleague coded with
/// theirs (a mention) goes with theirs, under its new id.
#[test]
fn keeping_both_moves_the_colleagues_own_references_to_the_new_id() {
    let mine = sample();
    let mut theirs = sample();
    let actor = theirs.actors[0].id.clone();
    theirs.actors[0].name = "اسم آخر".to_owned();
    let article = theirs.articles[0].clone();
    let quote: String = article.body.chars().skip(3).take(4).collect();
    theirs.highlights.push(warraq::model::Highlight {
        id: "hl-theirs-mention".into(),
        article: article.id.clone(),
        span: Span::new(3, 7),
        quote,
        tag: Tag::Actor(actor.clone()),
        speech: None,
        note: String::new(),
        changed: None,
    });
    let plan = merge::plan(&mine, &theirs);
    assert_eq!(plan.conflicts.len(), 1, "{:?}", plan.conflicts);
    let merged = plan.apply(|_| Choice::KeepBoth).unwrap();
    let theirs_actor = merged
        .actors
        .iter()
        .find(|a| a.name == "اسم آخر")
        .expect("theirs kept beside mine");
    assert_ne!(theirs_actor.id, actor);
    let mention = merged.highlight(&"hl-theirs-mention".into()).unwrap();
    assert_eq!(mention.tag, Tag::Actor(theirs_actor.id.clone()));
    // My own mentions still name my actor.
    let mine_count = mine
        .highlights
        .iter()
        .filter(|h| h.tag == Tag::Actor(actor.clone()))
        .count();
    let still = merged
        .highlights
        .iter()
        .filter(|h| h.tag == Tag::Actor(actor.clone()))
        .count();
    assert_eq!(still, mine_count);
}
