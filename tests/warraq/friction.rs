//! What an analyst trips over in the first hour, fixed: relations read in
//! the direction they point, whatever the languages of their names.

use crate::common::WindowTesting;
use crate::common::sample_path;
use egui_kittest::kittest::{NodeT, Queryable};
use warraq::store;
use warraq::text::{TextLayout, TextStyle};

/// Where `needle` starts on screen in a one-line layout of `text`.
fn left_of(layout: &TextLayout, text: &str, needle: &str) -> f32 {
    let byte = text.find(needle).unwrap();
    let start = text[..byte].chars().count();
    layout.range_rects(start..start + needle.chars().count())[0].left()
}

#[test]
fn a_relation_sentence_names_its_source_first_for_a_left_to_right_reader() {
    let mut project = store::load(&sample_path()).unwrap().project;
    let mut engine = warraq::text::TextEngine::new();
    let relation = project
        .relations
        .iter()
        .find(|r| r.source.as_str() == "act-egypt" && r.target.as_str() == "act-qatar")
        .expect("Egypt cuts ties with Qatar")
        .clone();
    // With an English type and then an Arabic one: the mix that read backwards.
    for label in ["cuts ties with", "يقطع العلاقات مع"] {
        project
            .vocabulary
            .iter_mut()
            .find(|t| t.id == relation.kind)
            .unwrap()
            .label = label.to_owned();
        let words = project.relation_words(&relation);
        let layout = TextLayout::new(&mut engine, &words, None, TextStyle::default());
        let source = &project.actor(&relation.source).unwrap().name;
        let target = &project.actor(&relation.target).unwrap().name;
        let (s, k, t) = (
            left_of(&layout, &words, source),
            left_of(&layout, &words, label),
            left_of(&layout, &words, target),
        );
        assert!(s < k && k < t, "{label}: source {s}, type {k}, target {t}");
    }
}

/// Dialogs as on a desktop with no file-chooser service: nothing appears.
struct NoDialogs;

impl warraq::ui::files::Dialogs for NoDialogs {
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
    fn save_picture(&self, _: &str, _: &str) -> Option<std::path::PathBuf> {
        None
    }
    fn failure(&self) -> Option<String> {
        Some("No file dialog could be shown: this desktop has no file-chooser service.".to_owned())
    }
}

fn empty_window() -> egui_kittest::Harness<'static, warraq::ui::WarraqApp> {
    crate::window::harness_for(
        warraq::ui::WarraqApp::new(warraq::app::App::default()).with_dialogs(Box::new(NoDialogs)),
    )
}

#[test]
fn the_sample_opens_from_the_copy_inside_the_program_as_an_untitled_project() {
    let mut harness = empty_window();
    harness.get_by_label("Open the sample project").click();
    harness.run_steps(3);
    let window = harness.state();
    let expected = store::load(&sample_path()).unwrap().project;
    assert_eq!(*window.app().document().project(), expected);
    assert!(
        window.app().document().path().is_none(),
        "a copy: saving asks where, the sample itself is never written over"
    );
}

#[test]
fn when_no_file_dialog_can_be_shown_the_window_says_why_and_takes_a_typed_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gulf.warraq.ron");
    std::fs::copy(sample_path(), &path).unwrap();
    let mut harness = empty_window();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    harness.run_steps(3);
    assert!(
        harness
            .query_all_by_label_contains("no file-chooser service")
            .next()
            .is_some(),
        "the reason is said"
    );
    harness.get_by_label("File path").focus();
    harness.run_steps(2);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_label("File path")
        .type_text(&format!("{}/gu", dir.path().display()));
    harness.run_steps(3);
    // The folder's matching file is offered; choosing it fills the field.
    let offered = path.display().to_string();
    harness.get_by_label(&offered).click();
    harness.run_steps(2);
    harness
        .get_by_role_and_label(egui::Role::Button, "Open")
        .click();
    harness.run_steps(3);
    assert_eq!(harness.document().path(), Some(path.as_path()));
    assert!(harness.state().path_prompt().is_none());
}

fn file_menu(harness: &mut egui_kittest::Harness<'_, warraq::ui::WarraqApp>, item: &str) {
    harness.get_by_label("File").click();
    harness.run_steps(2);
    harness.get_by_label(item).click();
    harness.run_steps(3);
}

/// Replaces what the typed-path prompt holds with `path`.
fn type_path(
    harness: &mut egui_kittest::Harness<'_, warraq::ui::WarraqApp>,
    path: &std::path::Path,
) {
    harness.get_by_label("File path").focus();
    harness.run_steps(2);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_label("File path")
        .type_text(&path.display().to_string());
    harness.run_steps(2);
}

/// Types `path` into the typed-path prompt (which must say why it is there)
/// and presses its `verb` button.
fn answer_prompt(
    harness: &mut egui_kittest::Harness<'_, warraq::ui::WarraqApp>,
    path: &std::path::Path,
    verb: &str,
) {
    assert!(
        harness
            .query_all_by_label_contains("no file-chooser service")
            .next()
            .is_some(),
        "the prompt for {verb} says why it is there"
    );
    type_path(harness, path);
    harness
        .get_by_role_and_label(egui::Role::Button, verb)
        .click();
    harness.run_steps(4);
    assert!(harness.state().path_prompt().is_none(), "{verb}: answered");
}

#[test]
fn every_file_choice_falls_back_to_a_typed_path_when_no_dialog_can_be_shown() {
    let dir = tempfile::tempdir().unwrap();
    let mine = dir.path().join("mine.warraq.ron");
    std::fs::copy(sample_path(), &mine).unwrap();
    let mut theirs = store::load(&sample_path()).unwrap().project;
    theirs
        .highlights
        .retain(|h| !matches!(h.tag, warraq::model::Tag::Claim(_)));
    let colleagues = dir.path().join("colleagues");
    std::fs::create_dir(&colleagues).unwrap();
    let colleague = colleagues.join("omar.warraq.ron");
    store::save(&theirs, &colleague, None).unwrap();
    store::save(&theirs, &colleagues.join("leila.warraq.ron"), None).unwrap();
    let window = warraq::ui::WarraqApp::new(warraq::app::App::open(&mine).unwrap())
        .with_dialogs(Box::new(NoDialogs));
    let mut harness = crate::window::harness_for(window);

    file_menu(&mut harness, "Compare with a colleague's copy…");
    answer_prompt(&mut harness, &colleague, "Compare");
    let disagreements = harness
        .state()
        .comparison()
        .expect("compared with the typed copy")
        .agreement
        .disagreements
        .len();
    assert!(disagreements > 0, "their copy lacks the claims");

    harness.get_by_label("Save curated copy…").click();
    harness.run_steps(3);
    let curated = dir.path().join("curated");
    answer_prompt(&mut harness, &curated, "Save the copy");
    let curated = dir.path().join("curated.warraq.ron");
    assert!(
        store::load(&curated).is_ok(),
        "the curated copy was written"
    );

    // Several copies: a typed folder stands for every project in it.
    file_menu(&mut harness, "Agreement of several analysts' copies…");
    answer_prompt(&mut harness, &colleagues, "Compare all");
    assert!(harness.state().reliability().is_some(), "figures shown");

    // A copy that is not there is said, and asked for again.
    file_menu(&mut harness, "Merge a colleague's copy…");
    type_path(&mut harness, &dir.path().join("nobody.warraq.ron"));
    harness
        .get_by_role_and_label(egui::Role::Button, "Merge")
        .click();
    harness.run_steps(3);
    assert!(harness.state().path_prompt().is_some(), "asked again");
    assert!(harness.state().merging().is_none());
    answer_prompt(&mut harness, &colleague, "Merge");
    assert!(
        harness.state().merging().is_some(),
        "merging the typed copy"
    );
}

/// The centre of the `i`th character of `range` on screen, in the left pane.
fn char_centre(
    harness: &egui_kittest::Harness<'_, warraq::ui::WarraqApp>,
    at: usize,
) -> egui::Pos2 {
    crate::window::screen_rects(harness, at..at + 1)[0].center()
}

#[test]
fn dragging_across_arabic_selects_whole_words_and_shift_click_extends() {
    let mut harness = crate::window::harness_on(&sample_path(), false);
    let words = crate::window::nth_range(&harness, "بحث قائد قوات", 0);
    harness.jump_to(0, words.clone());
    harness.run_steps(90);
    // From inside the first word to inside the third.
    let from = char_centre(&harness, words.start + 1);
    let to = char_centre(&harness, words.end - 2);
    crate::window::drag(&mut harness, from, to);
    assert_eq!(
        harness.state().panes()[0].reader.selection(),
        Some(words.clone()),
        "whole words, from the first to the last touched"
    );
    // Shift+click inside a later word takes the selection to its end.
    let later = crate::window::nth_range(&harness, "الدفاع", 0);
    assert!(later.start > words.end);
    let at = char_centre(&harness, later.start + 1);
    harness.event(egui::Event::ModifiersChanged(egui::Modifiers::SHIFT));
    crate::window::click(&mut harness, at);
    harness.event(egui::Event::ModifiersChanged(egui::Modifiers::NONE));
    harness.run_steps(2);
    assert_eq!(
        harness.state().panes()[0].reader.selection(),
        Some(words.start..later.end)
    );
}

/// Tags the first «word» in the left pane with the existing actor the
/// type-ahead puts first for it, as A then Enter do.
fn tag_first_match(
    harness: &mut egui_kittest::Harness<'_, warraq::ui::WarraqApp>,
    word: &str,
) -> String {
    let range = crate::window::nth_range(harness, word, 0);
    crate::window::select(harness, range.clone());
    crate::window::press(harness, egui::Modifiers::NONE, egui::Key::A);
    crate::window::press(harness, egui::Modifiers::NONE, egui::Key::Enter);
    let project = &harness.project();
    let made = project
        .highlights
        .iter()
        .find(|h| h.span.range() == range && matches!(h.tag, warraq::model::Tag::Actor(_)))
        .unwrap_or_else(|| panic!("{word} was tagged"));
    match &made.tag {
        warraq::model::Tag::Actor(a) => a.to_string(),
        _ => unreachable!(),
    }
}

#[test]
fn the_type_ahead_puts_the_right_actor_first_for_inflected_arabic() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.warraq.ron");
    std::fs::copy(sample_path(), &path).unwrap();
    let mut harness = crate::window::harness_on(&path, false);
    // «in Doha»: the actor with the alias «الدوحة».
    assert_eq!(tag_first_match(&mut harness, "بالدوحة"), "act-qatar");
    // «the Qatari (one)»: Qatar.
    assert_eq!(tag_first_match(&mut harness, "القطرية"), "act-qatar");
}

/// A relation dialog filled in as the analyst would have: Egypt cuts ties
/// with Qatar on `date`, citing a passage of the left pane's article.
fn egypt_cuts_ties(
    harness: &mut egui_kittest::Harness<'_, warraq::ui::WarraqApp>,
    date: &str,
) -> (warraq::model::ArticleId, warraq::model::Span) {
    let article = harness.state().panes()[0].article.clone().unwrap();
    let passage = crate::window::nth_range(harness, "مناورات عسكرية مشتركة", 0);
    let span = warraq::model::Span::new(passage.start, passage.end);
    let project = harness.project().clone();
    let mut dialog =
        warraq::ui::relation_dialog::RelationDialog::new(&project, Some((article.clone(), span)));
    dialog.source = Some("act-egypt".into());
    dialog.kind = "cuts_ties_with".into();
    dialog.targets = vec!["act-qatar".into()];
    date.clone_into(&mut dialog.date);
    harness.state_mut().propose_relation(dialog);
    harness.run_steps(3);
    (article, span)
}

#[test]
fn a_relation_already_coded_is_pointed_out_and_the_passage_cited_as_another_source() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.warraq.ron");
    std::fs::copy(sample_path(), &path).unwrap();
    let mut harness = crate::window::harness_on(&path, true);
    let before = harness.project().clone();
    let existing = before
        .relations
        .iter()
        .find(|r| r.source.as_str() == "act-egypt" && r.kind.as_str() == "cuts_ties_with")
        .unwrap()
        .clone();
    let (article, span) = egypt_cuts_ties(&mut harness, &existing.date.unwrap().to_string());
    assert!(
        harness
            .query_by_label("This relation is already coded:")
            .is_some()
    );
    harness
        .get_by_label("Cite this passage as another source of it")
        .click();
    harness.run_steps(3);
    let project = &harness.project();
    assert_eq!(
        project.relations.len(),
        before.relations.len(),
        "no copy made"
    );
    let cited = project.relation(&existing.id).unwrap();
    assert_eq!(cited.sources.len(), existing.sources.len() + 1);
    let added = cited.sources.last().unwrap();
    assert_eq!(added.article, article);
    assert_eq!(
        project
            .highlight(added.evidence.as_ref().unwrap())
            .unwrap()
            .span,
        span
    );
}

#[test]
fn a_new_relation_is_selected_in_the_table() {
    let mut harness = crate::window::harness_on(&sample_path(), true);
    egypt_cuts_ties(&mut harness, "2021-01-05");
    assert!(
        harness
            .query_by_label("This relation is already coded:")
            .is_none()
    );
    harness.get_by_label("Create 1 relation").click();
    harness.run_steps(5);
    let window = harness.state();
    let made = window.app().document().project().relations.last().unwrap();
    assert_eq!(
        made.date.map(|d| d.to_string()).as_deref(),
        Some("2021-01-05")
    );
    assert_eq!(window.relations().selected.as_ref(), Some(&made.id));
    // It is drawn in the table, selected.
    let label = format!(
        "Relation: {}",
        window.app().document().project().relation_words(made)
    );
    assert!(harness.query_by_label(&label).is_some());
}

#[test]
fn the_first_run_asks_for_the_analysts_name_and_stamps_work_with_it() {
    let mut window = warraq::ui::WarraqApp::new(warraq::app::App::open(&sample_path()).unwrap());
    window.ask_for_analyst_name();
    let mut harness = crate::window::harness_for(window);
    assert!(harness.query_by_label("Your name").is_some(), "asked");
    harness.get_by_label("Your name").focus();
    harness.run_steps(2);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label("Your name").type_text("ليلى");
    harness.run_steps(2);
    harness.get_by_label("Continue").click();
    harness.run_steps(2);
    assert!(!harness.state().ask_analyst());
    assert_eq!(harness.state().app().session.analyst, "ليلى");
}

#[test]
fn quit_asks_about_unsaved_changes_first() {
    let mut harness = crate::window::harness_on(&sample_path(), false);
    harness.apply(warraq::app::Action::Edit(
        warraq::model::edit::Edit::SetTitle("عنوان جديد".to_owned()),
    ));
    harness.run_steps(2);
    crate::window::press(&mut harness, egui::Modifiers::COMMAND, egui::Key::Q);
    assert!(harness.state().unsaved_prompt(), "asked before closing");
    assert!(harness.query_by_label("Discard changes").is_some());
}

#[test]
fn the_view_menu_sizes_the_whole_interface() {
    let mut harness = crate::window::harness_on(&sample_path(), false);
    harness.get_by_label("View").click();
    harness.run_steps(2);
    harness.get_by_label("130%").click();
    harness.run_steps(3);
    assert!((harness.state().zoom() - 1.3).abs() < 1e-6);
    assert!((harness.ctx.zoom_factor() - 1.3).abs() < 1e-6);
}

/// At 1280×720 with the vocabulary open and a row selected, the filter bar
/// is whole and the last row of the table can be brought into view.
#[test]
fn the_relations_panel_stays_usable_in_a_small_window() {
    let window = warraq::ui::WarraqApp::new(warraq::app::App::open(&sample_path()).unwrap());
    let mut harness = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1280.0, 720.0))
        .with_step_dt(1.0 / 60.0)
        .with_max_steps(200)
        .with_context_setup(warraq::ui::setup_context)
        .build_ui_state(
            |ui, window: &mut warraq::ui::WarraqApp| window.show(ui),
            window,
        );
    harness.run();
    harness.get_by_label("Vocabulary of relation types").click();
    harness.run_steps(3);
    let project = harness.project().clone();
    harness.select_relation(project.relations[0].id.clone());
    harness.run_steps(3);
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 720.0));
    for field in ["to", "from", "Filter relations"] {
        let rect = harness
            .get_by_role_and_label(egui::Role::TextInput, field)
            .rect();
        assert!(screen.contains_rect(rect), "{field} at {rect:?}");
    }
    let last = project.relations.last().unwrap();
    let label = format!("Relation: {}", project.relation_words(last));
    // The wheel over the table brings it into view.
    let first = format!(
        "Relation: {}",
        project.relation_words(&project.relations[0])
    );
    let over = harness.get_by_label(&first).rect().center();
    for _ in 0..20 {
        if harness.query_by_label(&label).is_some() {
            break;
        }
        harness.hover_at(over);
        harness.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -120.0),
            modifiers: egui::Modifiers::NONE,
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
        });
        harness.run_steps(3);
    }
    let rect = harness.get_by_label(&label).rect();
    assert!(
        screen.contains(rect.left_center()),
        "the last row at {rect:?}"
    );
}

#[test]
fn the_export_menu_offers_every_format_the_command_line_does() {
    let mut harness = crate::window::harness_on(&sample_path(), false);
    harness.get_by_label("File").click();
    harness.run_steps(2);
    harness.get_by_label("Export").click();
    harness.run_steps(2);
    for format in warraq::exchange::Format::ALL {
        assert!(
            harness.query_by_label(format.label()).is_some(),
            "{} is offered",
            format.label()
        );
    }
    // And the command line takes each of them.
    let help = crate::common::warraq()
        .args(["export", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&help.stdout);
    for name in [
        "qdpx",
        "brat",
        "w3c",
        "gephi-graphml",
        "codebook-csv",
        "claims-csv",
        "html",
    ] {
        assert!(help.contains(name), "{name} in `warraq export --help`");
    }
}

/// A relation tooltip narrower than its sentence breaks into lines between
/// words and keeps every name whole (it used to cut the target's name).
#[test]
fn a_long_relation_in_a_narrow_tooltip_wraps_and_keeps_every_name() {
    use warraq::ui::text_resources::TextResources;
    struct Shown {
        text: TextResources,
        rect: egui::Rect,
    }
    let words = warraq::model::text::relation_sentence(
        "حمد بن مبارك الدواي",
        "يبحث مع",
        "الفريق أول غاريث بايلي قائد القوات",
    );
    let sentence = words.clone();
    let mut harness = egui_kittest::Harness::builder()
        .with_size(egui::vec2(400.0, 300.0))
        .build_ui_state(
            move |ui, s: &mut Shown| {
                ui.set_max_width(220.0);
                s.rect =
                    warraq::ui::bidi_label::show_wrapped(ui, &mut s.text, &sentence, 14.0).rect;
            },
            Shown {
                text: TextResources::default(),
                rect: egui::Rect::NOTHING,
            },
        );
    harness.run();
    let Shown { text, rect } = harness.state_mut();
    let rect = *rect;
    let one_line = text.labels.get(&mut text.engine, &words, 14.0).clone();
    assert!(
        one_line.width > 220.0,
        "the sentence is longer than the space"
    );
    assert!(rect.width() <= 220.5, "kept to the space: {}", rect.width());
    let layout = text
        .labels
        .get_wrapped(&mut text.engine, &words, 14.0, Some(rect.width()));
    assert!(layout.lines.len() >= 2, "wrapped, not cut");
    assert!((rect.height() - layout.height).abs() < 0.5);
    let chars: Vec<char> = words.chars().collect();
    let mut next = 0;
    for line in &layout.lines {
        assert_eq!(line.chars.start, next, "no character skipped");
        next = line.chars.end;
        let right = line.glyphs.iter().map(|g| g.x + g.w).fold(0.0, f32::max);
        assert!(right <= rect.width() + 0.5, "a line overflows: {right}");
        // A line starts at a word's start: after a space, or at the beginning.
        assert!(
            line.chars.start == 0 || chars[line.chars.start - 1] == ' ',
            "a word cut in two at {}",
            line.chars.start
        );
    }
    assert_eq!(next, chars.len(), "every character shown");
}

/// Every interface size from 75% to 200%, at a laptop's and a small screen's
/// size: both panes shown side by side with equal widths and room to read,
/// no tab under the analyst field; and back at 100% the desk as it was.
#[test]
fn every_interface_size_keeps_both_panes_usable() {
    for screen in [egui::vec2(1400.0, 850.0), egui::vec2(1280.0, 720.0)] {
        let window = warraq::ui::WarraqApp::new(warraq::app::App::open(&sample_path()).unwrap());
        let mut harness = egui_kittest::Harness::builder()
            .with_size(screen)
            .with_step_dt(1.0 / 60.0)
            .with_max_steps(200)
            .with_context_setup(warraq::ui::setup_context)
            .build_ui_state(
                |ui, window: &mut warraq::ui::WarraqApp| window.show(ui),
                window,
            );
        harness.run();
        let at_100 = pane_rects(&harness);
        let sizes = warraq::ui::header::INTERFACE_SIZES;
        for (factor, label) in sizes.iter().chain(&[(1.0, "100%")]) {
            harness.get_by_label("View").click();
            harness.run_steps(2);
            harness.get_by_label(label).click();
            harness.run_steps(6);
            assert!((harness.ctx.zoom_factor() - factor).abs() < 1e-6);
            let [left, right] = pane_rects(&harness);
            let at = format!("{label} at {screen:?}: left {left:?}, right {right:?}");
            // Accessibility rectangles are in points: the screen is smaller by the zoom.
            let whole = egui::Rect::from_min_size(egui::Pos2::ZERO, screen / *factor);
            for pane in [left, right] {
                assert!(
                    whole.x_range().contains(pane.left()) && whole.x_range().contains(pane.right()),
                    "{at}"
                );
            }
            assert!(left.right() <= right.left() + 1.0, "side by side: {at}");
            let ratio = left.width() / right.width();
            assert!((0.9..=1.1).contains(&ratio), "equal widths: {at}");
            assert!(
                left.width() >= 0.14 * whole.width(),
                "wide enough to read: {at}"
            );
            // What shows of the text: from under the pane's buttons to the relations panel.
            let top = harness
                .get_by_label("Choose article for pane 1")
                .rect()
                .bottom();
            let bottom = harness
                .get_by_role_and_label(egui::Role::CheckBox, "this article")
                .rect()
                .top();
            assert!(
                bottom - top >= 0.25 * whole.height(),
                "tall enough to read: {} of {}, {at}",
                bottom - top,
                whole.height()
            );
            if let Some(field) = harness
                .query_by_role_and_label(egui::Role::TextInput, "Analyst name")
                .map(|n| n.rect())
            {
                for tab in ["Reader", "Network", "Discourse", "Timeline"] {
                    let tab = harness.get_by_label(tab).rect();
                    assert!(
                        !tab.intersects(field),
                        "{tab:?} under the analyst field: {at}"
                    );
                }
            }
        }
        let back = pane_rects(&harness);
        for (before, after) in at_100.iter().zip(&back) {
            assert!(
                (before.width() - after.width()).abs() < 2.0,
                "back at 100% as it was: {at_100:?} → {back:?}"
            );
        }
    }
}

/// The two panes' article texts on screen, left then right.
fn pane_rects(harness: &egui_kittest::Harness<'_, warraq::ui::WarraqApp>) -> [egui::Rect; 2] {
    let mut rects: Vec<egui::Rect> = harness
        .query_all_by_label_contains("Article text: ")
        .filter(|n| n.accesskit_node().role() == egui::accesskit::Role::Document)
        .map(|n| n.rect())
        .collect();
    assert_eq!(rects.len(), 2, "two panes shown");
    rects.sort_by(|a, b| a.left().total_cmp(&b.left()));
    [rects[0], rects[1]]
}
