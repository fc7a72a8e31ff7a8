//! The relations table, used as an analyst uses it.

use crate::common::WindowTesting;
use crate::common::sample_path;
use crate::window::{harness_on, nth_range, press, screen_rects, select};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use warraq::model::relation_query::Column;
use warraq::model::{Date, Tag};
use warraq::store;

#[test]
fn from_reader_selection_to_table_edit_sort_filter_jump_delete_undo_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("work.warraq.ron");
    std::fs::copy(sample_path(), &path).unwrap();
    let mut harness = harness_on(&path, true);
    let before = harness.project().relations.len();

    // Select the evidence in the reader, press R, pick source and two targets.
    let evidence = nth_range(&harness, "أشادا بمستوى التنسيق والتعاون بين بلديهما", 0);
    select(&mut harness, evidence.clone());
    press(&mut harness, Modifiers::NONE, Key::R);
    assert!(
        harness.state().relations().dialog.is_some(),
        "R opens the relation dialog"
    );
    harness.get_by_label("Source actor").type_text("تميم");
    harness.run_steps(2);
    for target in ["بوتين", "روسيا"] {
        harness.get_by_label("Target actor").focus();
        harness.run_steps(2);
        harness.get_by_label("Target actor").type_text(target);
        harness.run_steps(2);
        press(&mut harness, Modifiers::NONE, Key::Enter);
    }
    harness.get_by_label("Create 2 relations").click();
    harness.run_steps(3);
    let project = &harness.project();
    assert_eq!(project.relations.len(), before + 2);
    let added: Vec<_> = project.relations[before..].to_vec();
    for relation in &added {
        assert_eq!(relation.source.as_str(), "act-tamim");
        assert_eq!(
            relation.date,
            Some(Date::ymd(2017, 11, 20)),
            "the date defaults to the article's"
        );
        let highlight = project
            .highlight(relation.first_evidence().unwrap())
            .unwrap();
        assert_eq!(highlight.tag, Tag::Evidence);
        assert_eq!(highlight.span.range(), evidence);
    }
    assert_eq!(
        added[0].first_evidence(),
        added[1].first_evidence(),
        "one evidence highlight serves both rows"
    );
    let targets: Vec<_> = added.iter().map(|r| r.target.as_str()).collect();
    assert_eq!(targets, ["act-putin", "act-russia"]);

    // Filter: the new rows are found by the Latin gloss of their target.
    harness.get_by_label("Filter relations").focus();
    harness.run_steps(2);
    harness.get_by_label("Filter relations").type_text("putin");
    harness.run_steps(3);
    assert_eq!(
        harness.query_all_by_role(egui::Role::Row).count(),
        2,
        "rel-phone and the new row"
    );

    // Click the new row: it is selected and the reader jumps to its evidence.
    harness.select(0, None);
    let row_label = "Relation: \u{2068}الشيخ تميم بن حمد آل ثاني\u{2069} » \u{2068}meets\u{2069} » \u{2068}فلاديمير بوتين\u{2069}";
    harness.get_by_label(row_label).click();
    harness.run_steps(90);
    let window = harness.state();
    assert_eq!(window.relations().selected.as_ref(), Some(&added[0].id));
    let pane = &window.panes()[window.focused_pane()];
    assert_eq!(
        pane.reader.selected_highlight.as_ref(),
        added[0].first_evidence()
    );
    let rect = screen_rects(&harness, evidence.clone())[0];
    assert!(
        rect.top() >= 0.0 && rect.bottom() <= 850.0,
        "the evidence is on screen: {rect:?}"
    );

    edit_the_type_then_sort_by_date(&mut harness, &added[0].id);

    // Delete, with confirmation, then undo.
    harness.get_by_label("Filter relations").focus();
    harness.run_steps(2);
    harness.get_by_label("Filter relations").type_text("putin");
    harness.run_steps(3);
    let row_label = "Relation: \u{2068}الشيخ تميم بن حمد آل ثاني\u{2069} » \u{2068}cooperates with\u{2069} » \u{2068}فلاديمير بوتين\u{2069}";
    harness.get_by_label(row_label).click();
    harness.run_steps(3);
    let delete_buttons = harness.query_all_by_label("Delete").count();
    assert!(delete_buttons >= 1);
    let selected_row = harness.get_by_label(row_label).rect();
    harness
        .get_all_by_label("Delete")
        .find(|b| selected_row.contains(b.rect().center()))
        .unwrap()
        .click();
    harness.run_steps(3);
    assert!(
        harness
            .state()
            .app()
            .document()
            .project()
            .relation(&added[0].id)
            .is_some(),
        "nothing is deleted before confirming"
    );
    harness.get_by_label("Yes, delete").click();
    harness.run_steps(3);
    assert!(
        harness
            .state()
            .app()
            .document()
            .project()
            .relation(&added[0].id)
            .is_none()
    );
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(
        harness
            .state()
            .app()
            .document()
            .project()
            .relation(&added[0].id)
            .is_some(),
        "undo brings it back"
    );

    // Save and reload: exactly what is on screen.
    press(&mut harness, Modifiers::COMMAND, Key::S);
    harness.state_mut().wait_for_save();
    let reloaded = store::load(&path).unwrap().project;
    assert_eq!(reloaded, *harness.project());
    assert_eq!(reloaded.relations.len(), before + 2);
}

/// The selected row's type changed in place, then the table sorted by date both ways.
fn edit_the_type_then_sort_by_date(
    harness: &mut egui_kittest::Harness<'static, warraq::ui::WarraqApp>,
    relation: &warraq::model::RelationId,
) {
    // Edit the type in place: the selected row's combo box.
    harness.get_by_label("set").click();
    harness.run_steps(2);
    // Our picker (the type is user text, drawn right to left when Arabic): its choices are buttons.
    harness
        .get_by_role_and_label(egui::Role::Button, "cooperates with")
        .click();
    harness.run_steps(3);
    let kind = harness
        .state()
        .app()
        .document()
        .project()
        .relation(relation)
        .unwrap()
        .kind
        .clone();
    assert_eq!(kind.as_str(), "cooperates_with");

    // Sort by date, then the other way.
    harness.get_by_label("Filter relations").focus();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.key_press(Key::Backspace);
    harness.run_steps(3);
    harness.get_by_label("Date").click();
    harness.run_steps(2);
    assert_eq!(
        harness.state().relations().query.sort,
        Some((Column::Date, true))
    );
    let project = harness.project().clone();
    let shown = harness.state_mut().shown_relations();
    let dates: Vec<_> = shown.iter().map(|&i| project.relations[i].date).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
    harness.get_by_label("Date ^").click();
    harness.run_steps(2);
    assert_eq!(
        harness.state().relations().query.sort,
        Some((Column::Date, false))
    );
}

#[test]
fn an_evidence_passage_counts_a_relation_made_citing_it_and_not_after_undo() {
    let mut harness = harness_on(&sample_path(), false);
    harness.run_steps(2);
    let article = harness.state().panes()[0].article.clone().unwrap();
    let (relation, evidence) = harness
        .project()
        .relations
        .iter()
        .find_map(|r| {
            let source = r.sources.iter().find(|s| s.article == article)?;
            Some((r.id.clone(), source.evidence.clone()?))
        })
        .expect("a relation citing a passage of the open article");
    let label = |harness: &egui_kittest::Harness<'_, warraq::ui::WarraqApp>| {
        harness.state().panes()[0]
            .shown()
            .iter()
            .find(|s| s.id == evidence)
            .map(|s| s.label.clone())
            .unwrap()
    };
    let cited = |harness: &egui_kittest::Harness<'_, warraq::ui::WarraqApp>| {
        harness
            .project()
            .relations
            .iter()
            .filter(|r| r.evidence().any(|e| *e == evidence))
            .count()
    };
    let before = cited(&harness);
    assert_eq!(label(&harness), format!("cited by {before} relation(s)"));
    // A relation made citing it: the counts kept for the relations' revision are made again.
    harness.apply(warraq::app::Action::Edit(
        warraq::model::edit::Edit::DuplicateRelation(relation),
    ));
    harness.run_steps(1);
    assert_eq!(cited(&harness), before + 1);
    assert_eq!(
        label(&harness),
        format!("cited by {} relation(s)", before + 1)
    );
    harness.apply(warraq::app::Action::Undo);
    harness.run_steps(1);
    assert_eq!(label(&harness), format!("cited by {before} relation(s)"));
}

#[test]
fn the_table_shows_every_relation_with_its_evidence_and_folds_no_row_until_a_filter_asks() {
    let mut harness = crate::window::harness_on(&sample_path(), true);
    assert!(
        !harness.state().relations().has_index(),
        "nothing filtered or sorted: no row's text is folded (300,000 rows took 0.8 s to a first frame)"
    );
    let project = harness.project().clone();
    let coded = warraq::model::coded::Coded::new(&project);
    assert_eq!(
        harness.state_mut().shown_relations(),
        (0..project.relations.len()).collect::<Vec<_>>()
    );
    // The first rows' evidence quotes are drawn, each looked up for its row.
    for relation in project.relations.iter().take(3) {
        let quote =
            warraq::model::relation_query::evidence_quote(&project, &coded, relation).unwrap();
        let label = match relation.evidence().count() {
            1 => quote.to_owned(),
            n => format!("{quote} (+{} more)", n - 1),
        };
        assert!(
            harness.query_all_by_label(&label).next().is_some(),
            "{label} on screen"
        );
    }
    // A filter folds every row, once, and finds by any column.
    harness.get_by_label("Filter relations").focus();
    harness.run_steps(1);
    // An actor's gloss: one relation of the sample's thirteen.
    harness.get_by_label("Filter relations").type_text("putin");
    harness.run_steps(3);
    assert!(harness.state().relations().has_index());
    let shown = harness.state_mut().shown_relations();
    assert!(
        !shown.is_empty() && shown.len() < project.relations.len(),
        "{} of {} shown for {:?}",
        shown.len(),
        project.relations.len(),
        harness.state().relations().query.text
    );
}
