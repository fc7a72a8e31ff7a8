//! The network and the timeline, used as an analyst uses them: every mark in
//! a picture leads back to the table and the text.

use crate::common::WindowTesting;
use crate::common::sample_path;
use crate::window::{click, drag, harness_on, nth_range, press, select};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use warraq::model::{ActorId, Date};
use warraq::ui::network::Hovered;
use warraq::ui::sidebar::Tab;
use warraq::ui::{Desk, WarraqApp};

/// Runs frames until the network stops moving (it settles in a few frames).
fn settled_network(harness: &mut Harness<'_, WarraqApp>) {
    harness.show_desk(Desk::Network);
    for _ in 0..600 {
        harness.step();
        if !harness.state().network().layout.is_settling() {
            break;
        }
    }
    assert!(!harness.state().network().layout.is_settling());
    harness.run_steps(3);
}

/// The relations the table lists (the filter's result, scrolled or not), as
/// their rows are labelled.
fn table_rows(harness: &mut Harness<'_, WarraqApp>) -> Vec<String> {
    let shown = harness.state_mut().shown_relations();
    let project = harness.project();
    shown
        .into_iter()
        .map(|i| {
            format!(
                "Relation: {}",
                project.relation_words(&project.relations[i])
            )
        })
        .collect()
}

#[test]
fn clicking_an_actor_filters_the_table_and_lists_its_mentions() {
    let mut harness = harness_on(&sample_path(), true);
    settled_network(&mut harness);
    let all = harness.project().relations.len();
    let qatar = ActorId::from("act-qatar");
    let at = harness.state().network().screen_pos(&qatar).unwrap();
    assert!(
        harness.state().network().rect.contains(at),
        "Qatar is in view"
    );
    click(&mut harness, at);
    harness.run_steps(3);

    let window = harness.state();
    assert_eq!(window.relations().query.actor.as_ref(), Some(&qatar));
    assert!(window.show_relations());
    let project = &window.app().document().project();
    let expected = project
        .relations
        .iter()
        .filter(|r| r.source == qatar || r.target == qatar)
        .count();
    assert!(expected < all);
    // The sidebar lists Qatar's highlighted mentions, each a list item to open.
    assert_eq!(window.sidebar().tab, Tab::Actor);
    assert!(
        window.sidebar().tagged.len() >= 3,
        "{}",
        window.sidebar().tagged.len()
    );
    // The filter is in sight: its chip names the actor.
    assert!(
        harness
            .query_all_by_label("Clear the actor filter")
            .next()
            .is_some()
    );
    let rows = table_rows(&mut harness);
    assert_eq!(rows.len(), expected, "{rows:?}");
    assert!(rows.iter().all(|r| r.contains("قطر")), "{rows:?}");
    // The network follows the same filter: only Qatar and those tied to it are left.
    let network = &harness.state().network();
    assert!(network.screen_pos(&qatar).is_some());
    assert!(network.screen_pos(&"act-putin".into()).is_none());
    let items = harness
        .query_all_by_role(egui::Role::ListItem)
        .filter(|item| {
            item.accesskit_node()
                .label()
                .is_some_and(|l| l.contains("قطر"))
        })
        .count();
    assert!(items >= 3, "{items}");
}

#[test]
fn clicking_a_tie_opens_its_evidence_in_the_reader() {
    let mut harness = harness_on(&sample_path(), true);
    settled_network(&mut harness);
    let (tamim, putin) = (ActorId::from("act-tamim"), ActorId::from("act-putin"));
    let middle = harness
        .state()
        .network()
        .tie_midpoint(&tamim, &putin)
        .unwrap();
    harness.hover_at(middle);
    harness.run_steps(2);
    assert!(
        matches!(harness.state().network().hovered, Some(Hovered::Tie(_))),
        "the pointer is on the Tamim–Putin tie: {:?}",
        harness.state().network().hovered
    );
    click(&mut harness, middle);
    harness.run_steps(30);

    let window = harness.state();
    assert_eq!(window.desk(), Desk::Reader);
    assert_eq!(
        window
            .relations()
            .selected
            .as_ref()
            .map(warraq::model::RelationId::as_str),
        Some("rel-phone")
    );
    let project = &window.app().document().project();
    let relation = project.relation(&"rel-phone".into()).unwrap();
    let evidence = project
        .highlight(relation.first_evidence().unwrap())
        .unwrap();
    let pane = &window.panes()[window.focused_pane()];
    assert_eq!(pane.article.as_ref(), Some(&evidence.article));
    assert_eq!(pane.reader.selected_highlight.as_ref(), Some(&evidence.id));
}

#[test]
fn dragging_an_actor_pins_it_where_it_is_dropped() {
    let mut harness = harness_on(&sample_path(), false);
    settled_network(&mut harness);
    let kuwait = ActorId::from("act-kuwait");
    let from = harness.state().network().screen_pos(&kuwait).unwrap();
    let to = from + egui::vec2(-60.0, 40.0);
    drag(&mut harness, from, to);
    harness.run_steps(60);
    let network = &harness.state().network();
    assert!(network.layout.is_pinned(&kuwait));
    let now = network.screen_pos(&kuwait).unwrap();
    assert!(now.distance(to) < 2.0, "{now:?} vs {to:?}");
}

#[test]
fn selecting_a_stretch_of_the_timeline_filters_table_and_network() {
    let mut harness = harness_on(&sample_path(), true);
    harness.show_desk(Desk::Timeline);
    harness.run_steps(5);
    let timeline = &harness.state().timeline();
    let day = |d: Date| d.day_range().0 as f64 + 0.5;
    let from_x = timeline.x_of(day(Date::ymd(2017, 6, 1))).unwrap();
    let to_x = timeline.x_of(day(Date::ymd(2017, 6, 30))).unwrap();
    let y = timeline.plot.center().y;
    drag(&mut harness, egui::pos2(from_x, y), egui::pos2(to_x, y));
    harness.run_steps(3);
    let window = harness.state();
    assert_eq!(window.relations().query.from, Some(Date::ymd(2017, 6, 1)));
    assert_eq!(window.relations().query.to, Some(Date::ymd(2017, 6, 30)));
    // June 2017: the four cuts of ties, the Quartet's measures, the joint drills.
    let rows = table_rows(&mut harness);
    assert_eq!(rows.len(), 6, "{rows:?}");
    // The network draws only what the filter leaves.
    harness.show_desk(Desk::Network);
    harness.run_steps(5);
    let network = &harness.state().network();
    assert!(network.screen_pos(&"act-putin".into()).is_none());
    assert!(network.screen_pos(&"act-saudi".into()).is_some());
}

#[test]
fn a_selection_in_the_reader_becomes_one_more_source_of_the_selected_relation() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("work.warraq.ron");
    std::fs::copy(sample_path(), &path).unwrap();
    let mut harness = harness_on(&path, true);
    // The 2020 meeting with Milley, cited from the 2020 article only…
    harness.select_relation("rel-milley");
    harness.run_steps(2);
    // …gets a 2017 passage as a second source: select it and press Shift+R.
    let passage = nth_range(&harness, "مناورات عسكرية مشتركة", 0);
    select(&mut harness, passage.clone());
    press(&mut harness, Modifiers::SHIFT, Key::R);
    let project = &harness.project();
    let relation = project.relation(&"rel-milley".into()).unwrap();
    assert_eq!(relation.sources.len(), 2);
    assert_eq!(relation.articles().count(), 2);
    let added = project
        .highlight(relation.sources[1].evidence.as_ref().unwrap())
        .unwrap();
    assert_eq!(added.article.as_str(), "art-2017-tamim-putin");
    assert_eq!(added.span.range(), passage);
    // The detail strip lists both, and each opens in the reader.
    harness.get_by_label("Sources (2):");
    harness.get_by_label("Open source 1").click();
    harness.run_steps(30);
    let window = harness.state();
    let first = &window
        .app()
        .document()
        .project()
        .relation(&"rel-milley".into())
        .unwrap()
        .sources[0];
    assert_eq!(
        window.panes()[window.focused_pane()].article.as_ref(),
        Some(&first.article)
    );
    // One undo takes the citation back; saving keeps it otherwise.
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    let project = &harness.project();
    let relation = project.relation(&"rel-milley".into()).unwrap();
    assert_eq!(relation.sources.len(), 1);
}

/// Answers "where should the picture go?" with a file in a temporary folder.
struct PictureTo(std::path::PathBuf);

impl warraq::ui::files::Dialogs for PictureTo {
    fn pick_project(&self) -> Option<std::path::PathBuf> {
        None
    }
    fn save_project_as(&self, _: Option<&std::path::Path>, _: &str) -> Option<std::path::PathBuf> {
        None
    }
    fn pick_texts(&self) -> Vec<std::path::PathBuf> {
        Vec::new()
    }
    fn save_export(&self, _: &str, _: warraq::exchange::Format) -> Option<std::path::PathBuf> {
        None
    }
    fn save_picture(&self, _: &str, extension: &str) -> Option<std::path::PathBuf> {
        Some(self.0.with_extension(extension))
    }
}

#[test]
fn the_network_exports_as_png_as_drawn_and_as_svg() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("network");
    let window = WarraqApp::new(warraq::app::App::open(&sample_path()).unwrap())
        .with_dialogs(Box::new(PictureTo(base.clone())));
    let mut harness = crate::window::harness_for(window);
    settled_network(&mut harness);
    harness.get_by_label("Export SVG…").click();
    harness.run_steps(3);
    let svg = std::fs::read_to_string(base.with_extension("svg")).unwrap();
    assert!(svg.starts_with("<?xml") && svg.contains(">قطر</text>"));

    harness.get_by_label("Export PNG…").click();
    harness.run_steps(5);
    let png_path = base.with_extension("png");
    assert!(
        png_path.exists(),
        "the PNG is written once the frame is rendered"
    );
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(&png_path).unwrap(),
    ));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).unwrap();
    let network = &harness.state().network();
    let ppp = harness.ctx.pixels_per_point();
    assert_eq!(info.width, (network.rect.width() * ppp).round() as u32);
    assert_eq!(info.height, (network.rect.height() * ppp).round() as u32);
    // Qatar's circle is in the picture, in the colour of states.
    let at = (network.screen_pos(&"act-qatar".into()).unwrap() - network.rect.min) * ppp;
    let i = ((at.y as u32 * info.width + at.x as u32) * 4) as usize;
    let [r, g, b] = warraq::graph::style::kind_color(warraq::model::ActorKind::State);
    let pixel = &pixels[i..i + 3];
    assert!(
        pixel.iter().zip([r, g, b]).all(|(p, c)| p.abs_diff(c) < 30),
        "{pixel:?} vs {:?}",
        [r, g, b]
    );
}

/// Four states cut ties with Qatar on one day: their marks lie on each
/// other. A click opens the relation the tooltip names.
#[test]
fn a_click_on_marks_of_one_day_opens_the_relation_the_tooltip_names() {
    let mut harness = harness_on(&sample_path(), true);
    harness.show_desk(Desk::Timeline);
    harness.run_steps(5);
    let project = harness.project().clone();
    let same_day: Vec<&warraq::model::Relation> = project
        .relations
        .iter()
        .filter(|r| r.date == Some(Date::ymd(2017, 6, 5)) && r.kind.as_str() == "cuts_ties_with")
        .collect();
    assert!(same_day.len() > 1);
    // Where the marks are: found by the timeline itself over the plot.
    let timeline = &harness.state().timeline();
    let x = timeline
        .x_of(Date::ymd(2017, 6, 5).day_range().0 as f64 + 0.5)
        .unwrap();
    let plot = timeline.plot;
    let at = (0..200)
        .map(|i| egui::pos2(x, plot.top() + i as f32 * plot.height() / 200.0))
        .find(|p| {
            timeline
                .mark_at(*p)
                .is_some_and(|i| project.relations[i].kind.as_str() == "cuts_ties_with")
        })
        .expect("the day's marks are drawn");
    harness.hover_at(at);
    harness.run_steps(3);
    let hovered = harness
        .state()
        .timeline()
        .hovered
        .expect("a mark is outlined");
    let shown = [&project.relations[hovered]];
    assert!(same_day.iter().any(|r| r.id == shown[0].id));
    click(&mut harness, at);
    harness.run_steps(5);
    assert_eq!(
        harness.state().relations().selected.as_ref(),
        Some(&shown[0].id),
        "the click opened what the tooltip named"
    );
}

/// A click on an actor in the network filters everything: the filter shows
/// as a chip under the table and the network, and its button clears it.
#[test]
fn a_filter_set_from_the_network_shows_as_a_chip_that_clears_it() {
    let mut harness = harness_on(&sample_path(), true);
    settled_network(&mut harness);
    let qatar = ActorId::from("act-qatar");
    let at = harness.state().network().screen_pos(&qatar).unwrap();
    click(&mut harness, at);
    harness.run_steps(3);
    assert_eq!(
        harness.state().relations().query.actor.as_ref(),
        Some(&qatar)
    );
    // In the network's own filter row and in the table's: two chips.
    let chips = harness.get_all_by_label("Clear the actor filter").count();
    assert!(chips >= 1);
    assert!(harness.query_all_by_label("قطر").next().is_some());
    harness
        .get_all_by_label("Clear the actor filter")
        .next()
        .unwrap()
        .click();
    harness.run_steps(3);
    assert!(harness.state().relations().query.actor.is_none());
    assert!(
        harness
            .query_all_by_label("Clear the actor filter")
            .next()
            .is_none()
    );
}
