//! Rendered pictures of Arabic text, compared with the ones kept in
//! `tests/snapshots/` (software rendering; `UPDATE_SNAPSHOTS=1` accepts changes).

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
