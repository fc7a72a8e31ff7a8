//! The bidi text field, typed into as a user types.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use warraq::ui::setup_context;
use warraq::ui::text_field::TextField;
use warraq::ui::text_resources::TextResources;

struct Form {
    text: TextResources,
    alias: String,
    changes: usize,
}

fn harness(initial: &str) -> Harness<'static, Form> {
    let form = Form {
        text: TextResources::default(),
        alias: initial.to_owned(),
        changes: 0,
    };
    let mut harness = Harness::builder()
        .with_size(egui::vec2(400.0, 120.0))
        .with_step_dt(1.0 / 60.0)
        .with_context_setup(setup_context)
        .build_ui_state(
            |ui, form: &mut Form| {
                egui::CentralPanel::default().show(ui, |ui| {
                    if TextField::singleline(&mut form.alias, "Alias")
                        .show(ui, &mut form.text)
                        .changed()
                    {
                        form.changes += 1;
                    }
                });
            },
            form,
        );
    harness.run();
    harness
}

#[test]
fn typing_arabic_reads_back_as_typed() {
    let mut harness = harness("");
    harness.get_by_label("Alias").click();
    harness.run();
    harness.get_by_label("Alias").type_text("الشيخ تميم");
    harness.run();
    harness.get_by_label("Alias").type_text(" 2020 Qatar");
    harness.run();
    assert_eq!(harness.state().alias, "الشيخ تميم 2020 Qatar");
    assert_eq!(
        harness.get_by_label("Alias").value().as_deref(),
        Some("الشيخ تميم 2020 Qatar")
    );
    assert!(harness.state().changes >= 2);
}

#[test]
fn backspace_and_arrows_edit_at_the_caret() {
    let mut harness = harness("قطر Qatar");
    harness.get_by_label("Alias").click();
    harness.run();
    // The click put the caret somewhere; End takes it to the logical end.
    harness.key_press(egui::Key::End);
    harness.key_press(egui::Key::Backspace);
    harness.run();
    assert_eq!(harness.state().alias, "قطر Qata");
    harness.key_press(egui::Key::Home);
    harness.run();
    harness.get_by_label("Alias").type_text("دولة ");
    harness.run();
    assert_eq!(harness.state().alias, "دولة قطر Qata");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(harness.state().alias, "قطر Qata");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label("Alias").type_text("الدوحة");
    harness.run();
    assert_eq!(harness.state().alias, "الدوحة");
}

#[test]
fn a_click_in_arabic_text_puts_the_caret_there() {
    let mut harness = harness("الشيخ تميم بن حمد");
    let field = harness.get_by_label("Alias").rect();
    // The text is right-aligned; a click at the far right is before its first letter.
    harness.get_by_label("Alias").click();
    harness.run();
    harness.hover_at(egui::pos2(field.right() - 6.0, field.center().y));
    harness.event(egui::Event::PointerButton {
        pos: egui::pos2(field.right() - 6.0, field.center().y),
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    harness.event(egui::Event::PointerButton {
        pos: egui::pos2(field.right() - 6.0, field.center().y),
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    harness.run();
    harness.get_by_label("Alias").type_text("و");
    harness.run();
    assert_eq!(harness.state().alias, "والشيخ تميم بن حمد");
}
