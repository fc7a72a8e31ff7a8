//! One notion of "the same item" across copies (`team::identity`) and one
//! session that outlives documents: what a team lost or duplicated before,
//! each as a user meets it.

use crate::common::{WindowTesting, sample_path};
use crate::window::{harness_on, nth_range, press, select};
use egui::{Key, Modifiers};
use std::collections::BTreeSet;
use warraq::agreement;
use warraq::app::{Action, App};
use warraq::exchange::{Exported, Format, import};
use warraq::model::edit::Edit;
use warraq::model::{
    Actor, ActorKind, Article, ArticleId, Highlight, HighlightId, IdGenerator, Project, Relation,
    RelationType, Side, Source, Span, Stamp, Tag,
};
use warraq::store;
use warraq::team::{curation, merge3};

fn sample() -> Project {
    store::load(&sample_path()).unwrap().project
}

fn quote(article: &Article, span: Span) -> String {
    article
        .body
        .chars()
        .skip(span.start)
        .take(span.len())
        .collect()
}

fn highlight(article: &Article, id: &str, span: Span, tag: Tag) -> Highlight {
    Highlight {
        id: HighlightId::new(id),
        article: article.id.clone(),
        span,
        quote: quote(article, span),
        tag,
        speech: None,
        note: String::new(),
        changed: None,
    }
}

/// Defect 1: "both" on a retag where both highlights have one id (both
/// analysts started from one file) keeps both codings.
#[test]
fn curation_both_keeps_both_highlights_that_share_an_id() {
    let a = sample();
    let mut b = sample();
    let retagged = b
        .highlights
        .iter_mut()
        .find(|h| h.tag == Tag::Actor("act-tamim".into()))
        .unwrap();
    retagged.tag = Tag::Actor("act-qatar".into());
    let (id, span) = (retagged.id.clone(), retagged.span);
    let comparison = agreement::compare(&a, &b);
    let at = comparison
        .disagreements
        .iter()
        .position(
            |d| matches!(d, agreement::Disagreement::Differ { a, b, .. } if *a == id && *b == id),
        )
        .expect("the retag is a disagreement");
    let picks_with = |pick| {
        let mut picks = vec![curation::Pick::Left; comparison.disagreements.len()];
        picks[at] = pick;
        picks
    };
    let tags_at = |p: &Project| -> BTreeSet<Tag> {
        p.highlights
            .iter()
            .filter(|h| h.span == span)
            .map(|h| h.tag.clone())
            .collect()
    };
    let both = curation::curate(
        &a,
        &b,
        &comparison,
        &picks_with(curation::Pick::Both),
        "سلمى",
    )
    .unwrap();
    assert_eq!(
        tags_at(&both),
        BTreeSet::from([
            Tag::Actor("act-tamim".into()),
            Tag::Actor("act-qatar".into())
        ]),
        "both codings are in the curated copy"
    );
    assert_eq!(both.highlights.len(), a.highlights.len() + 1);
    assert_eq!(both.exported.as_ref().unwrap().by, "سلمى");
    let right = curation::curate(
        &a,
        &b,
        &comparison,
        &picks_with(curation::Pick::Right),
        "سلمى",
    )
    .unwrap();
    assert_eq!(
        tags_at(&right),
        BTreeSet::from([Tag::Actor("act-qatar".into())])
    );
    let neither = curation::curate(
        &a,
        &b,
        &comparison,
        &picks_with(curation::Pick::Neither),
        "سلمى",
    )
    .unwrap();
    assert!(tags_at(&neither).is_empty());
}

/// A project that uses what the exchange formats must carry: two relations
/// with the same ends, type and date (two analysts coding one call, merged),
/// a multi-source relation, an unused relation type, stamps everywhere.
fn rich_project() -> Project {
    let mut app = App::new(sample()).with_ids(IdGenerator::deterministic(24));
    "Salma".clone_into(&mut app.session.analyst);
    let phone = app
        .document()
        .project()
        .relation(&"rel-phone".into())
        .unwrap()
        .clone();
    let mut twin = phone.clone();
    twin.id = "rel-phone-omar".into();
    "coded again by Omar".clone_into(&mut twin.note);
    let mut project = app.document().project().clone();
    let second = project.articles[1].id.clone();
    twin.sources.push(Source::new(second, None));
    twin.changed = Some(Stamp::new("Omar", "2026-12-01T10:00:00Z"));
    project.relations.push(twin);
    project.vocabulary.push(RelationType {
        id: "mediates_for".into(),
        label: "يتوسط لصالح".to_owned(),
        directed: true,
        description: "unused so far".to_owned(),
    });
    for h in &mut project.highlights {
        h.changed = Some(Stamp::new("Layla", "2026-11-30T09:00:00Z"));
    }
    "مراسل".clone_into(&mut project.articles[1].author);
    project.articles[1]
        .variables
        .insert("country".to_owned(), "قطر".to_owned());
    // Hook speaks for the United States.
    for c in &mut project.claims {
        if c.id.as_str() == "clm-iran-arms" {
            c.on_behalf_of = Some("act-usa".into());
        }
    }
    assert_eq!(project.validate(), vec![]);
    project
}

fn through(format: Format, project: &Project) -> (Project, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let exported = warraq::exchange::export_as(project, format, "Salma").unwrap();
    let path = match exported {
        Exported::File(bytes) => {
            let path = dir.path().join(format!("out.{}", format.extension()));
            std::fs::write(&path, bytes).unwrap();
            path
        }
        Exported::Folder(files) => {
            let folder = dir.path().join("out");
            std::fs::create_dir_all(&folder).unwrap();
            for (name, bytes) in files {
                std::fs::write(folder.join(name), bytes).unwrap();
            }
            folder
        }
    };
    let imported = import::import(
        &Project::new("empty"),
        &[path],
        import::Options::default(),
        &mut IdGenerator::deterministic(1),
    )
    .unwrap();
    let report = imported.report();
    (imported.project, report)
}

/// Defect 2: a relation with the same ends, type and date as another survives
/// qdpx, brat and JSON, with its note, sources and stamp; so do an unused
/// relation type and who coded each highlight.
#[test]
fn twin_relations_unused_types_and_stamps_survive_every_exchange_format() {
    let original = rich_project();
    for format in [Format::Qdpx, Format::Brat, Format::Json] {
        let (back, report) = through(format, &original);
        assert_eq!(
            back.relations.len(),
            original.relations.len(),
            "{format:?}: relations in and out\n{}",
            report.join("\n")
        );
        let twin = back
            .relations
            .iter()
            .find(|r| r.note == "coded again by Omar")
            .unwrap_or_else(|| panic!("{format:?}: the twin relation is lost"));
        assert_eq!(twin.sources.len(), 2, "{format:?}: both its reports");
        assert_eq!(
            twin.changed.as_ref().map(|s| s.by.as_str()),
            Some("Omar"),
            "{format:?}: who coded the relation"
        );
        assert!(
            back.vocabulary.iter().any(|t| t.label == "يتوسط لصالح"),
            "{format:?}: the unused relation type"
        );
        assert!(
            back.highlights
                .iter()
                .all(|h| h.changed.as_ref().is_some_and(|s| s.by == "Layla")),
            "{format:?}: who coded each highlight"
        );
        // Concepts: two speakers' claims on one concept are one concept again;
        // the actor a speaker speaks for comes back.
        assert_eq!(
            back.concepts.len(),
            original.concepts.len(),
            "{format:?}: concepts"
        );
        let iran = back
            .claims
            .iter()
            .find(|c| back.claim_text(c).starts_with("يجب ألا"))
            .unwrap();
        assert_eq!(
            iran.on_behalf_of
                .as_ref()
                .and_then(|a| back.actor(a))
                .map(|a| a.name.as_str()),
            Some("الولايات المتحدة"),
            "{format:?}: the actor spoken for"
        );
        if format != Format::Qdpx {
            let article = back
                .articles
                .iter()
                .find(|a| a.body_hash == original.articles[1].body_hash)
                .unwrap();
            assert_eq!(article.author, "مراسل", "{format:?}: the author");
            assert_eq!(
                article.variables, original.articles[1].variables,
                "{format:?}: the article's variables"
            );
        }
        // Item for item the same project, up to ids.
        let (aligned, _) = warraq::team::identity::align(&original, &back, None);
        let ids = |p: &Project| -> BTreeSet<String> {
            p.highlights
                .iter()
                .map(|h| h.id.to_string())
                .chain(p.relations.iter().map(|r| r.id.to_string()))
                .chain(p.actors.iter().map(|a| a.id.to_string()))
                .collect()
        };
        assert_eq!(ids(&aligned), ids(&original), "{format:?}");
    }
}

/// Defect 3: the same article imported on two branches (same text, two
/// random ids) is one article after the merge, with the coding of both; and
/// agreement compares it.
#[test]
fn the_same_text_imported_on_two_branches_is_one_article() {
    let base = sample();
    let text = "اجتمع وزير الخارجية القطري مع نظيره الكويتي في الدوحة لبحث الأزمة";
    let side = |id: &str, span: Span, hl: &str| {
        let mut p = base.clone();
        let article = Article::new(ArticleId::new(id), "مقال", text);
        p.highlights.push(highlight(
            &article,
            hl,
            span,
            Tag::Actor("act-qatar".into()),
        ));
        p.articles.push(article);
        p
    };
    let mine = side("art-mine-1", Span::new(6, 11), "hl-mine-1");
    let theirs = side("art-theirs-9", Span::new(20, 26), "hl-theirs-9");
    let merged = merge3::merge3(&base, &mine, &theirs).merged;
    assert_eq!(merged.validate(), vec![]);
    let copies: Vec<&Article> = merged.articles.iter().filter(|a| a.body == text).collect();
    assert_eq!(copies.len(), 1, "one article");
    assert_eq!(
        merged.highlights_in(&copies[0].id).count(),
        2,
        "both codings on it"
    );
    let compared = agreement::compare(&mine, &theirs);
    assert_eq!(compared.articles.len(), base.articles.len() + 1);
    assert!(
        compared.disagreements.len() >= 2,
        "each one's highlight is a disagreement"
    );
}

/// Defect 4: "keep mine" on "deleted by me, changed by them" deletes the
/// actor, and the conflict shows what they changed.
#[test]
fn keeping_my_deletion_deletes_and_the_conflict_shows_their_change() {
    let mut base = sample();
    base.actors.push(Actor::new(
        "act-unused".into(),
        "مجلس التعاون",
        ActorKind::Organisation,
    ));
    let mut mine = base.clone();
    mine.actors.retain(|a| a.id.as_str() != "act-unused");
    let mut theirs = base.clone();
    theirs
        .actors
        .iter_mut()
        .find(|a| a.id.as_str() == "act-unused")
        .unwrap()
        .note = "ملاحظة الزميل".to_owned();
    let result = merge3::merge3(&base, &mine, &theirs);
    let conflict = &result.merged.conflicts[0];
    assert_eq!(conflict.deleted_by, Some(Side::Mine));
    assert!(
        conflict
            .fields
            .iter()
            .any(|f| f.name == "note" && f.theirs == "ملاحظة الزميل" && f.mine == "(deleted)"),
        "{:?}",
        conflict.fields
    );
    let mut app = App::new(result.merged.clone());
    app.edit(Edit::ResolveConflict {
        index: 0,
        side: Side::Mine,
    })
    .unwrap();
    assert!(
        app.document()
            .project()
            .actor(&"act-unused".into())
            .is_none()
    );
    assert!(app.document().project().conflicts.is_empty());
    let mut app = App::new(result.merged);
    "سلمى".clone_into(&mut app.session.analyst);
    app.edit(Edit::ResolveConflict {
        index: 0,
        side: Side::Theirs,
    })
    .unwrap();
    let kept = app
        .document()
        .project()
        .actor(&"act-unused".into())
        .unwrap();
    assert_eq!(kept.note, "ملاحظة الزميل");
    assert_eq!(
        kept.changed.as_ref().map(|s| s.by.as_str()),
        Some("سلمى"),
        "taking theirs is stamped"
    );
}

/// Defect 5: each analyst merges the other's branch, then the two merges are
/// merged: nothing comes in twice, and merging a merge again changes nothing.
#[test]
fn criss_cross_merges_duplicate_nothing() {
    let base = sample();
    let article = base.articles[0].clone();
    // Both add a highlight under one id (a script's counter), on other words.
    let side = |span: Span| {
        let mut p = base.clone();
        p.highlights
            .push(highlight(&article, "hl-101", span, Tag::Evidence));
        p
    };
    let layla = side(Span::new(0, 4));
    let omar = side(Span::new(5, 9));
    let layla_merged = merge3::merge3(&base, &layla, &omar).merged;
    let omar_merged = merge3::merge3(&base, &omar, &layla).merged;
    assert_eq!(layla_merged.highlights.len(), base.highlights.len() + 2);
    assert_eq!(omar_merged.highlights.len(), base.highlights.len() + 2);
    let both = merge3::merge3(&base, &layla_merged, &omar_merged);
    assert_eq!(
        both.merged.highlights.len(),
        base.highlights.len() + 2,
        "criss-cross: nothing twice"
    );
    assert!(both.conflicts.is_empty(), "{:?}", both.conflicts);
    // As git merges a criss-cross: from a virtual base, the merge of the two bases.
    let virtual_base = merge3::merge3(&base, &layla, &omar).merged;
    let recursive = merge3::merge3(&virtual_base, &layla_merged, &omar_merged).merged;
    assert_eq!(recursive.highlights.len(), base.highlights.len() + 2);
    let twice = merge3::merge3(&base, &layla_merged, &layla_merged).merged;
    assert_eq!(twice, layla_merged, "merging a merge again changes nothing");
}

/// Defect 6: the analyst's name stays when another project is opened, or a
/// new one made: new work carries it.
#[test]
fn the_analyst_name_outlives_the_project_opened() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("other.warraq.ron");
    std::fs::copy(sample_path(), &other).unwrap();
    let mut harness = harness_on(&sample_path(), false);
    harness.state_mut().set_analyst("سلمى");
    harness.apply(warraq::ui::Intent::File(
        warraq::ui::FileCommand::OpenRecent(other.clone()),
    ));
    harness.run_steps(3);
    assert_eq!(harness.document().path(), Some(other.as_path()));
    assert_eq!(harness.state().app().session.analyst, "سلمى");
    let evidence = nth_range(&harness, "مناورات عسكرية مشتركة", 0);
    select(&mut harness, evidence);
    press(&mut harness, Modifiers::NONE, Key::E);
    let newest = harness.project().highlights.last().unwrap().clone();
    assert_eq!(newest.tag, Tag::Evidence);
    assert_eq!(newest.changed.as_ref().unwrap().by, "سلمى");
    harness.apply(warraq::ui::Intent::File(warraq::ui::FileCommand::New));
    harness.run_steps(2);
    harness.apply(Action::Edit(Edit::SetTitle("جديد".to_owned())));
    harness.run_steps(1);
    assert_eq!(harness.state().app().session.analyst, "سلمى");
}

/// Defect 8: third-party brat — two entities on one span with different
/// types stay two, and two relations with the same ends stay two.
#[test]
fn third_party_brat_keeps_entities_and_relations_apart() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Barack Obama met Angela Merkel in Berlin. Obama later met Merkel again.\n";
    std::fs::write(dir.path().join("doc.txt"), text).unwrap();
    std::fs::write(
        dir.path().join("doc.ann"),
        "T1\tPerson 0 12\tBarack Obama\n\
         T2\tOrganization 0 12\tBarack Obama\n\
         T3\tPerson 17 30\tAngela Merkel\n\
         T4\tPerson 42 47\tObama\n\
         T5\tPerson 58 64\tMerkel\n\
         R1\tMeets Arg1:T1 Arg2:T3\n\
         R2\tMeets Arg1:T1 Arg2:T3\n",
    )
    .unwrap();
    let imported = import::import(
        &Project::new("empty"),
        &[dir.path().join("doc.ann")],
        import::Options::default(),
        &mut IdGenerator::deterministic(3),
    )
    .unwrap();
    let project = &imported.project;
    assert_eq!(project.highlights.len(), 5, "{:?}", imported.report());
    let at_start: Vec<&Highlight> = project
        .highlights
        .iter()
        .filter(|h| h.span == Span::new(0, 12))
        .collect();
    assert_eq!(
        at_start.len(),
        2,
        "two types on one span are two highlights"
    );
    assert_ne!(at_start[0].tag, at_start[1].tag);
    let meets: Vec<&Relation> = project.relations.iter().collect();
    assert_eq!(meets.len(), 2, "two R lines are two relations");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

    /// Curation with random picks holds exactly those picks for every
    /// highlight no relation cites, and the curated copy is valid.
    #[test]
    fn curation_holds_exactly_the_picks_made(
        a_steps in proptest::collection::vec((0u8..crate::edits::KINDS, proptest::prelude::any::<u64>()), 1..10),
        b_steps in proptest::collection::vec((0u8..crate::edits::KINDS, proptest::prelude::any::<u64>()), 1..10),
        choices in proptest::collection::vec(0usize..4, 64),
    ) {
        use agreement::Disagreement;
        let a = crate::edits::edited(&sample(), &a_steps, 1);
        let b = agreement::aligned(&a, &crate::edits::edited(&sample(), &b_steps, 2));
        let comparison = agreement::compare(&a, &b);
        let picks: Vec<curation::Pick> = (0..comparison.disagreements.len())
            .map(|i| curation::Pick::ALL[choices[i % choices.len()]])
            .collect();
        let copy = curation::curate(&a, &b, &comparison, &picks, "Curator");
        proptest::prop_assert!(copy.is_ok(), "{:?}", copy.err());
        let copy = copy.unwrap();
        proptest::prop_assert!(copy.validate().is_empty());
        let cited: BTreeSet<&HighlightId> = a
            .relations
            .iter()
            .chain(b.relations.iter())
            .flat_map(warraq::model::Relation::evidence)
            .collect();
        let has = |h: &Highlight| {
            copy.highlights
                .iter()
                .any(|c| warraq::team::identity::highlight_key(c) == warraq::team::identity::highlight_key(h))
        };
        // A highlight both sides hold exactly is agreed, whatever is picked for another.
        let agreed = |h: &Highlight| {
            a.highlights.iter().any(|x| warraq::team::identity::highlight_key(x) == warraq::team::identity::highlight_key(h))
                && b.highlights.iter().any(|x| warraq::team::identity::highlight_key(x) == warraq::team::identity::highlight_key(h))
        };
        let keeps_a = |p: curation::Pick| matches!(p, curation::Pick::Left | curation::Pick::Both);
        let takes_b = |p: curation::Pick| matches!(p, curation::Pick::Right | curation::Pick::Both);
        for (d, &pick) in comparison.disagreements.iter().zip(&picks) {
            let (mine, theirs) = match d {
                Disagreement::OnlyOne { in_a: true, highlight, .. } => (a.highlight(highlight), None),
                Disagreement::OnlyOne { in_a: false, highlight, .. } => (None, b.highlight(highlight)),
                Disagreement::Differ { a: x, b: y, .. } => (a.highlight(x), b.highlight(y)),
                Disagreement::Relation { .. } => (None, None),
            };
            if let Some(h) = mine.filter(|h| !cited.contains(&h.id) && !agreed(h)) {
                proptest::prop_assert_eq!(has(h), keeps_a(pick), "{:?} {:?}", pick, d);
            }
            if let Some(h) = theirs.filter(|h| !cited.contains(&h.id) && !agreed(h)) {
                proptest::prop_assert_eq!(has(h), takes_b(pick), "{:?} {:?}", pick, d);
            }
        }
    }
}
