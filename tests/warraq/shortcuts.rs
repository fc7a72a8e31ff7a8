//! The command table: every command with keys is reached by its keys (unit
//! tests in `src/ui/commands.rs`), listed in a menu, and shown in the
//! shortcut help with them.

use crate::common::sample_path;
use crate::window::harness_for;
use egui_kittest::kittest::{NodeT, Queryable};
use warraq::ui::WarraqApp;
use warraq::ui::commands::{Group, UiCommand};

fn sample_window() -> egui_kittest::Harness<'static, WarraqApp> {
    let loaded = warraq::store::load(&sample_path()).unwrap();
    harness_for(WarraqApp::new(warraq::app::App::new(loaded.project)))
}

#[test]
fn f1_shows_every_command_with_its_keys_and_the_list_can_be_searched() {
    let mut harness = sample_window();
    harness.key_press(egui::Key::F1);
    harness.run_steps(3);
    // Its title, and its own row in the list.
    let open = |h: &egui_kittest::Harness<'_, WarraqApp>| {
        h.query_all_by_label("Keyboard shortcuts").count() >= 2
    };
    assert!(open(&harness), "the help opens");
    // Save: on the top bar and in the help.
    assert_eq!(harness.query_all_by_label("Save").count(), 2);
    let ctrl_s = UiCommand::Save.keys_text(&harness.ctx);
    assert_eq!(ctrl_s, "Ctrl+S");
    assert!(
        harness.query_all_by_label(&ctrl_s).next().is_some(),
        "Save is shown with Ctrl+S"
    );
    let ctx = harness.ctx.clone();
    for command in UiCommand::ALL {
        assert!(
            harness.query_all_by_label(command.label()).next().is_some(),
            "{command:?} is in the help"
        );
        if !command.shortcuts().is_empty() {
            assert!(
                harness
                    .query_all_by_label(&command.keys_text(&ctx))
                    .next()
                    .is_some(),
                "{command:?}'s keys are in the help"
            );
        }
    }
    // Searching narrows the list to what matches.
    harness
        .get_by_role_and_label(egui::Role::TextInput, "Search:")
        .type_text("clipboard");
    harness.run_steps(3);
    assert!(
        harness
            .query_by_label("New article from clipboard")
            .is_some()
    );
    assert!(harness.query_by_label("Quit").is_none());
    // Escape closes it; Ctrl+/ opens it too.
    harness.key_press(egui::Key::Escape);
    harness.run_steps(2);
    assert_eq!(harness.query_all_by_label("Keyboard shortcuts").count(), 0);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Slash);
    harness.run_steps(3);
    assert!(open(&harness), "Ctrl+/ opens it");
}

#[test]
fn every_command_with_keys_is_in_a_menu_with_its_keys() {
    let mut harness = sample_window();
    let ctx = harness.ctx.clone();
    for group in Group::ALL {
        harness.get_by_label(group.label()).click();
        harness.run_steps(3);
        for command in UiCommand::ALL.iter().filter(|c| c.group() == group) {
            if command.shortcuts().is_empty() {
                continue;
            }
            let keys = command.first_key_text(&ctx);
            let entry = harness
                .query_all_by_label_contains(command.label())
                .find(|node| {
                    node.accesskit_node()
                        .label()
                        .is_some_and(|l| l.contains(&keys))
                });
            assert!(
                entry.is_some(),
                "{command:?} is in the {} menu with {keys}",
                group.label()
            );
        }
        harness.key_press(egui::Key::Escape);
        harness.run_steps(2);
    }
}

#[test]
fn the_keys_still_do_what_they_did() {
    let mut harness = sample_window();
    let size = harness.state().reader_style().font_size;
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Plus);
    harness.run_steps(2);
    assert!(harness.state().reader_style().font_size > size);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num0);
    harness.run_steps(2);
    assert_eq!(harness.state().reader_style().font_size, size);
    // View ▸ Larger article text does what Ctrl++ does.
    harness.get_by_label("View").click();
    harness.run_steps(3);
    harness.get_by_label_contains("Larger article text").click();
    harness.run_steps(2);
    assert!(harness.state().reader_style().font_size > size);
}
