//! Rendered pictures of Arabic text, compared with the ones kept in
//! `tests/snapshots/` (software rendering; `UPDATE_SNAPSHOTS=1` accepts changes).

use egui_kittest::kittest::Queryable;
use egui_kittest::{Harness, SnapshotOptions};
use warraq::model::{Article, ArticleId, HighlightId};
use warraq::text::TextStyle;
use warraq::ui::reader::{Reader, ShownHighlight};
use warraq::ui::setup_context;
use warraq::ui::text_resources::TextResources;
use warraq::ui::theme::HighlightKind;

struct ReaderOnly {
    text: TextResources,
    reader: Reader,
    article: Article,
    highlights: Vec<ShownHighlight>,
}

fn find(text: &str, needle: &str) -> std::ops::Range<usize> {
    let byte = text.find(needle).unwrap();
    let start = text[..byte].chars().count();
    start..start + needle.chars().count()
}

/// One helper builds every snapshot harness, with the same size and threshold.
fn snapshot_harness<S>(
    state: S,
    size: egui::Vec2,
    app: impl FnMut(&mut egui::Ui, &mut S) + 'static,
) -> Harness<'static, S> {
    let mut harness = Harness::builder()
        .with_size(size)
        .with_pixels_per_point(1.0)
        .with_theme(egui::Theme::Light)
        .with_options(SnapshotOptions::new().threshold(2.0))
        .with_context_setup(setup_context)
        .build_ui_state(app, state);
    harness.run();
    harness
}

#[test]
fn arabic_paragraph_with_highlights() {
    let body = "الدوحة 26 يوليو 2020 (شينخوا) بحثت قطر والولايات المتحدة الأمريكية اليوم (الأحد)، التعاون العسكري والأمني بين البلدين.\n\
        Qatar and the United States discussed military cooperation.";
    let article = Article::new(ArticleId::from("a"), "snapshot", body);
    let highlight = |id: &str, needle: &str, kind| ShownHighlight {
        id: HighlightId::from(id),
        range: find(body, needle),
        kind,
        label: needle.to_owned(),
        actor: None,
        emphasised: false,
    };
    let highlights = vec![
        highlight("h1", "قطر", HighlightKind::Actor),
        highlight("h2", "الولايات المتحدة الأمريكية", HighlightKind::Actor),
        highlight(
            "h3",
            "بحثت قطر والولايات المتحدة الأمريكية اليوم (الأحد)، التعاون العسكري",
            HighlightKind::Evidence,
        ),
        highlight("h4", "(شينخوا)", HighlightKind::Claim),
        highlight("h5", "United States", HighlightKind::Actor),
    ];
    let state = ReaderOnly {
        text: TextResources::default(),
        reader: Reader::new("snapshot"),
        article,
        highlights,
    };
    let mut harness =
        snapshot_harness(state, egui::vec2(520.0, 230.0), |ui, s: &mut ReaderOnly| {
            egui::CentralPanel::default().show(ui, |ui| {
                s.reader.show(
                    ui,
                    &mut s.text,
                    &s.article,
                    &s.highlights,
                    TextStyle::default(),
                    &mut |_, _| {},
                );
            });
        });
    harness.snapshot("reader_arabic_highlights");
}

struct Registry {
    text: TextResources,
    filter: String,
    note: String,
}

/// A list of Arabic names (right-aligned, one elided) above a field being typed in.
#[test]
fn arabic_names_list_and_field() {
    let state = Registry {
        text: TextResources::default(),
        filter: "تميم 2020 Qatar".to_owned(),
        note: "اتصل أمير قطر بالرئيس الروسي فلاديمير بوتين\nوبحثا الأزمة الخليجية".to_owned(),
    };
    let mut harness = snapshot_harness(state, egui::vec2(320.0, 260.0), |ui, s: &mut Registry| {
        egui::CentralPanel::default().show(ui, |ui| {
            warraq::ui::text_field::TextField::singleline(&mut s.filter, "Filter")
                .show(ui, &mut s.text);
            for name in [
                "الشيخ تميم بن حمد آل ثاني",
                "فلاديمير بوتين",
                "الولايات المتحدة (Washington)",
                "وكالة الأنباء القطرية ووكالات أخرى كثيرة جدا جدا في المنطقة",
            ] {
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Min), |ui| {
                    warraq::ui::bidi_label::show(ui, &mut s.text, name, 15.0);
                });
            }
            warraq::ui::text_field::TextField::multiline(&mut s.note, "Note").show(ui, &mut s.text);
        });
    });
    harness.snapshot("arabic_list_and_field");
}

/// A drop-down of relation types with multi-word Arabic labels, open: the
/// chosen type and every choice read right to left as written (egui's own
/// `ComboBox` put «يقطع العلاقات مع» in left-to-right word order).
#[test]
fn arabic_relation_types_in_a_drop_down() {
    struct Picking {
        text: TextResources,
        chosen: usize,
        choices: Vec<(usize, String)>,
    }
    let choices = [
        "يقطع العلاقات مع",
        "يجري اتصالا هاتفيا مع",
        "meets",
        "يتعاون مع الولايات المتحدة",
    ]
    .iter()
    .enumerate()
    .map(|(i, s)| (i, (*s).to_owned()))
    .collect();
    let state = Picking {
        text: TextResources::default(),
        chosen: 0,
        choices,
    };
    let mut harness = snapshot_harness(state, egui::vec2(320.0, 200.0), |ui, s| {
        warraq::ui::picker::pick(
            ui,
            &mut s.text,
            "relation type",
            220.0,
            &mut s.chosen,
            &s.choices,
        );
    });
    harness.get_by_label("relation type").click();
    harness.run();
    assert!(
        harness
            .query_by_role_and_label(egui::Role::Button, "يجري اتصالا هاتفيا مع")
            .is_some(),
        "the choices are open"
    );
    harness.snapshot("arabic_relation_type_picker");
}
