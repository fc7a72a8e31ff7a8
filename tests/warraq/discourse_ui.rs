//! The discourse network and the concepts, used as an analyst uses them.

use crate::common::WindowTesting;
use crate::common::sample_path;
use crate::window::harness_on;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use warraq::model::ActorId;
use warraq::ui::network::Hovered;
use warraq::ui::{Desk, WarraqApp};

/// The Discourse desk, computed and settled.
fn discourse(harness: &mut Harness<'_, WarraqApp>) {
    harness.show_desk(Desk::Discourse);
    harness.run_steps(2);
    harness.state_mut().wait_for_discourse();
    for _ in 0..600 {
        harness.step();
        if !harness.state().discourse().busy()
            && !harness.state().discourse().view.layout.is_settling()
        {
            break;
        }
    }
    assert!(!harness.state().discourse().busy());
    harness.run_steps(3);
}

#[test]
fn a_disagreement_tie_names_both_actors_and_the_concept_reading_right() {
    let mut harness = harness_on(&sample_path(), true);
    discourse(&mut harness);
    let pictures = harness.state().discourse().pictures();
    assert_eq!(pictures.len(), 1);
    // The Quartet affirms «قطر تدعم الإرهاب», Qatar denies it: one red tie.
    let graph = &pictures[0].graph;
    let ties: Vec<_> = graph.ties().collect();
    assert_eq!(ties.len(), 1, "{ties:?}");
    assert_eq!(ties[0].2.kind.as_str(), warraq::graph::discourse::CONFLICT);
    let (quartet, qatar) = (ActorId::from("act-quartet"), ActorId::from("act-qatar"));
    let middle = harness
        .state()
        .discourse()
        .view
        .tie_midpoint(&quartet, &qatar)
        .unwrap();
    harness.hover_at(middle);
    // A tooltip waits for the pointer to rest.
    harness.run_steps(60);
    assert!(matches!(
        harness.state().discourse().view.hovered,
        Some(Hovered::Tie(_))
    ));
    // Each Arabic name isolated, so the sentence reads in order around it.
    harness.get_by_role_and_label(egui::Role::Label, "Disagree");
    harness.get_by_label("قطر تدعم الإرهاب");
    harness.get_by_label("\u{2068}الدول الأربع\u{2069}: affirms; \u{2068}قطر\u{2069}: denies");
}

#[test]
fn choosing_the_actors_kind_redraws_the_network_with_those_actors() {
    let mut harness = harness_on(&sample_path(), true);
    discourse(&mut harness);
    let drawn = |h: &Harness<'_, WarraqApp>| -> Vec<String> {
        let graph = h.state().discourse().view.shown_graph().unwrap();
        let mut names: Vec<String> = graph.nodes().map(|n| n.name.clone()).collect();
        names.sort();
        names
    };
    assert_eq!(drawn(&harness).len(), 3);
    harness.get_by_label("Actors of the network").click();
    harness.run_steps(2);
    harness.get_by_label("state").click();
    harness.run_steps(2);
    discourse(&mut harness);
    // Only Qatar speaks as a state.
    assert_eq!(drawn(&harness), ["قطر"]);
}

#[test]
fn a_new_stance_on_a_concept_changes_the_network_without_blocking() {
    let mut harness = harness_on(&sample_path(), true);
    discourse(&mut harness);
    // Hook affirms the accusation too: he now agrees with the Quartet, disagrees with Qatar.
    let project = harness.project().clone();
    let article = project.articles[1].id.clone();
    harness.apply(warraq::ui::Intent::Project(warraq::app::Action::Edit(
        warraq::model::edit::Edit::TagAsNewClaim {
            article,
            span: warraq::model::Span::new(0, 6),
            text: "قطر تدعم الارهاب".to_owned(),
            speaker: Some("act-hook".into()),
            stance: warraq::model::Stance::Affirms,
            speech: None,
        },
    )));
    harness.run_steps(2);
    // The words (alef folded) found the concept already there.
    assert_eq!(harness.project().concepts.len(), project.concepts.len());
    discourse(&mut harness);
    let graph = &harness.state().discourse().pictures()[0].graph;
    let kinds: Vec<&str> = graph.ties().map(|(_, _, t)| t.kind.as_str()).collect();
    assert_eq!(kinds.len(), 3, "{kinds:?}");
    assert_eq!(
        kinds
            .iter()
            .filter(|k| **k == warraq::graph::discourse::CONGRUENCE)
            .count(),
        1
    );
}

#[test]
fn concepts_are_renamed_and_merged_in_the_codebook_and_undone() {
    let mut harness = harness_on(&sample_path(), true);
    harness.apply(warraq::ui::Intent::ShowCodebook(
        warraq::ui::intents::CodebookTab::Concepts,
    ));
    harness.run_steps(3);
    let before = harness.project().clone();
    // Rename from the row's menu.
    filter(&mut harness, "الوصاية");
    harness
        .get_by_label("Concept: الرباعي يحاول فرض الوصاية على القرار الوطني القطري")
        .click_secondary();
    harness.run_steps(2);
    enabled(&mut harness, "Rename…").click();
    harness.run_steps(3);
    assert!(harness.state().editor().is_some(), "the editor is open");
    harness.get_by_label("Concept").focus();
    harness.run_steps(2);
    crate::window::press(&mut harness, egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_label("Concept")
        .type_text("الرباعي يفرض الوصاية");
    harness.run_steps(2);
    harness.get_by_label("Save changes").click();
    harness.run_steps(3);
    let project = harness.project();
    let renamed = &project.concept(&"cpt-tutelage".into()).unwrap().text;
    assert_eq!(renamed, "الرباعي يفرض الوصاية");
    // The claim about it says the new words.
    let claim = project.claim(&"clm-tutelage".into()).unwrap();
    assert_eq!(project.claim_text(claim), "الرباعي يفرض الوصاية");

    // Merge: tick one, right-click the one to keep.
    filter(&mut harness, "الخلاف");
    harness
        .get_by_label("Select الخلاف الخليجي يضر بالمصالح الإقليمية المشتركة")
        .click();
    harness.run_steps(2);
    filter(&mut harness, "تدعم");
    harness
        .get_by_label("Concept: قطر تدعم الإرهاب")
        .click_secondary();
    harness.run_steps(2);
    enabled(&mut harness, "Merge the 1 selected into this one").click();
    harness.run_steps(3);
    let project = harness.project();
    assert!(project.concept(&"cpt-rift-harms".into()).is_none());
    let moved = project.claim(&"clm-rift-harms".into()).unwrap();
    assert_eq!(moved.concept.as_str(), "cpt-terror-accusation");
    // Undo twice: as it was.
    harness.apply(warraq::ui::Intent::Run(
        warraq::ui::commands::UiCommand::Undo,
    ));
    harness.apply(warraq::ui::Intent::Run(
        warraq::ui::commands::UiCommand::Undo,
    ));
    harness.run_steps(2);
    assert_eq!(harness.project().concepts, before.concepts);
    assert_eq!(harness.project().claims, before.claims);
}

fn filter(harness: &mut Harness<'_, WarraqApp>, text: &str) {
    harness.get_by_label("Filter the codebook").focus();
    harness.run_steps(2);
    crate::window::press(harness, egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label("Filter the codebook").type_text(text);
    harness.run_steps(3);
}

/// The one button of that label that can be clicked (a table's bar has a
/// disabled twin of each row menu's item).
fn enabled<'h>(harness: &'h mut Harness<'_, WarraqApp>, label: &'h str) -> egui_kittest::Node<'h> {
    harness
        .get_all_by_label(label)
        .find(|n| !n.accesskit_node().is_disabled())
        .unwrap_or_else(|| panic!("no enabled {label}"))
}

#[test]
fn the_actor_a_speaker_speaks_for_is_set_in_the_claim_editor_and_becomes_a_node() {
    let mut harness = harness_on(&sample_path(), true);
    harness.apply(warraq::ui::Intent::EditClaim("clm-iran-arms".into()));
    harness.run_steps(3);
    harness.get_by_label("Find speaks for").focus();
    harness.run_steps(2);
    harness.get_by_label("Find speaks for").type_text("واشنطن");
    harness.run_steps(3);
    harness.get_by_label("speaks for الولايات المتحدة").click();
    harness.run_steps(2);
    harness.get_by_label("Save changes").click();
    harness.run_steps(3);
    let claim = harness
        .project()
        .claim(&"clm-iran-arms".into())
        .unwrap()
        .clone();
    assert_eq!(
        claim.on_behalf_of.as_ref().map(ActorId::as_str),
        Some("act-usa")
    );
    assert_eq!(
        claim.speaker.as_ref().map(ActorId::as_str),
        Some("act-hook")
    );
    // States' network: Hook's claim now counts for the United States.
    harness.show_desk(Desk::Discourse);
    harness.run_steps(2);
    harness.get_by_label("Actors of the network").click();
    harness.run_steps(2);
    harness.get_by_label("state").click();
    harness.run_steps(2);
    discourse(&mut harness);
    let graph = harness.state().discourse().view.shown_graph().unwrap();
    let mut names: Vec<&str> = graph.nodes().map(|n| n.name.as_str()).collect();
    names.sort_unstable();
    assert_eq!(names, ["الولايات المتحدة", "قطر"]);
}

#[test]
fn an_articles_author_type_and_variables_are_edited_and_a_bad_line_is_refused() {
    let mut harness = harness_on(&sample_path(), true);
    let article = harness.project().articles[1].id.clone();
    harness.apply(warraq::ui::Intent::EditArticle(article.clone()));
    harness.run_steps(3);
    for (field, value) in [("Author", "مراسل شينخوا"), ("Type", "report")] {
        harness.get_by_label(field).focus();
        harness.run_steps(2);
        harness.get_by_label(field).type_text(value);
        harness.run_steps(2);
    }
    harness.get_by_label("Article variables").focus();
    harness.run_steps(2);
    harness
        .get_by_label("Article variables")
        .type_text("country = الصين");
    harness.run_steps(2);
    crate::window::press(&mut harness, egui::Modifiers::NONE, egui::Key::Enter);
    harness
        .get_by_label("Article variables")
        .type_text("no value here");
    harness.run_steps(2);
    harness.get_by_label("Save changes").click();
    harness.run_steps(3);
    // The line without `=` is named, and nothing is saved yet.
    harness.get_by_label("variables, line 2: expected name = value, found `no value here`");
    assert!(
        harness
            .project()
            .article(&article)
            .unwrap()
            .author
            .is_empty()
    );
    // Corrected: the variables field again, its text replaced.
    harness.get_by_label("Article variables").focus();
    harness.run_steps(2);
    crate::window::press(&mut harness, egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_label("Article variables")
        .type_text("country = الصين");
    harness.run_steps(2);
    harness.get_by_label("Save changes").click();
    harness.run_steps(3);
    let edited = harness.project().article(&article).unwrap().clone();
    assert_eq!(edited.author, "مراسل شينخوا");
    assert_eq!(edited.genre, "report");
    assert_eq!(
        edited.variables.get("country").map(String::as_str),
        Some("الصين")
    );
}
