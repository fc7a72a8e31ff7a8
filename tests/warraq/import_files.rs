//! Articles as analysts receive them — saved web pages (UTF-8 and
//! windows-1256), Word files and PDFs printed by Chromium — made from real
//! Arabic news texts by `tests/data/ingest/make_fixtures.py`, read back and
//! compared with the published text.

use crate::common::WindowTesting;
use crate::common::{repo_path, warraq};
use crate::window::harness_for;
use egui_kittest::kittest::Queryable;
use std::path::PathBuf;
use unicode_normalization::UnicodeNormalization;
use warraq::extract;
use warraq::model::Date;
use warraq::store::Headline;
use warraq::ui::WarraqApp;

const ARTICLES: [&str; 4] = [
    "us-defence-secretary-baghdad",
    "king-salman-defence-minister",
    "yemen-iranian-weapons",
    "lebanon-interior-minister",
];

/// Text from the pages' surroundings, Chromium's page headers and footers,
/// and scripts: none of it may reach an article.
const BOILERPLATE: [&str; 16] = [
    "ثقافة وفنون",
    "اقرأ أيضاً",
    "أسعار النفط تتراجع",
    "الأكثر قراءة",
    "وزارة التعليم تعلن",
    "مقال رائع",
    "التعليقات",
    "جميع الحقوق محفوظة",
    "اشترك في النشرة",
    "مواضيع ذات صلة",
    "أضف تعليقك",
    "dataLayer",
    "console.log",
    "file://",
    "فيسبوك",
    "سياسة الخصوصية",
];

struct Truth {
    title: String,
    url: String,
    author: String,
    date: String,
    paragraphs: Vec<String>,
}

fn truth(name: &str) -> Truth {
    let text = std::fs::read_to_string(repo_path(&format!("tests/data/ingest/truth/{name}.json")))
        .unwrap();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let field = |k: &str| value[k].as_str().unwrap().to_owned();
    Truth {
        title: field("title"),
        url: field("url"),
        author: field("author"),
        date: field("date"),
        // The corpus is not NFC everywhere (shadda before tanween); bodies are.
        paragraphs: value["paragraphs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap().nfc().collect())
            .collect(),
    }
}

fn fixture(name: &str, extension: &str) -> PathBuf {
    repo_path(&format!("tests/data/ingest/{name}.{extension}"))
}

/// The share of `expected`'s words found in `got` in the same order (the
/// longest common subsequence of words).
fn words_in_order(expected: &str, got: &str) -> f64 {
    let a: Vec<&str> = expected.split_whitespace().collect();
    let b: Vec<&str> = got.split_whitespace().collect();
    let mut row = vec![0usize; b.len() + 1];
    for word in &a {
        let mut diagonal = 0;
        for j in 0..b.len() {
            let above = row[j + 1];
            row[j + 1] = if *word == b[j] {
                diagonal + 1
            } else {
                row[j + 1].max(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()] as f64 / a.len() as f64
}

/// What every imported body must be: NFC, no bidi controls, no
/// presentation forms, no boilerplate, LF and one blank line between paragraphs.
fn assert_clean(what: &str, body: &str) {
    assert_eq!(body.nfc().collect::<String>(), body, "{what}: not NFC");
    assert!(
        !body.chars().any(extract::is_bidi_control),
        "{what}: bidi controls in the body"
    );
    assert!(
        !body.chars().any(extract::is_presentation_form),
        "{what}: presentation forms in the body"
    );
    assert!(!body.contains('\r') && !body.contains("\n\n\n"), "{what}");
    assert!(
        !body.chars().any(|c| c.is_control() && c != '\n'),
        "{what}: control characters"
    );
    for boilerplate in BOILERPLATE {
        assert!(
            !body.contains(boilerplate),
            "{what}: «{boilerplate}» came in"
        );
    }
}

#[test]
fn web_pages_give_the_article_and_its_metadata() {
    for name in ARTICLES {
        let truth = truth(name);
        let path = fixture(name, "html");
        let found = extract::read(&path, Headline::TitleOnly).unwrap();
        let article = &found.article;
        let expected = truth.paragraphs.join("\n\n");
        let share = words_in_order(&expected, &article.body);
        assert!(
            share >= 0.95,
            "{name}.html: {share:.3} of the words in order"
        );
        assert_clean(&format!("{name}.html"), &article.body);
        // Paragraphs stay paragraphs.
        for paragraph in &truth.paragraphs {
            assert!(
                article.body.split("\n\n").any(|p| p == paragraph.as_str()),
                "{name}.html: a paragraph was not kept whole: {paragraph}"
            );
        }
        assert_eq!(article.title, truth.title, "{name}.html");
        assert_eq!(article.url, truth.url, "{name}.html");
        assert_eq!(article.language, "ar", "{name}.html");
        assert_eq!(
            article.published,
            Some(truth.date.parse::<Date>().unwrap()),
            "{name}.html"
        );
        // Layout a is Al-Sharq Al-Awsat's (Open Graph); layout b names its site in <title> only.
        assert!(
            ["الشرق الأوسط", "أخبار الخليج"].contains(&article.outlet.as_str()),
            "{name}.html: outlet {:?}",
            article.outlet
        );
    }
    // The windows-1256 pages say how they were read.
    let legacy = extract::read(
        &fixture("yemen-iranian-weapons", "html"),
        Headline::TitleOnly,
    )
    .unwrap();
    assert!(
        legacy.notes.iter().any(|n| n.contains("windows-1256")),
        "{:?}",
        legacy.notes
    );
    assert_eq!(legacy.article.outlet, "الشرق الأوسط");
    let plain = extract::read(
        &fixture("king-salman-defence-minister", "html"),
        Headline::TitleOnly,
    )
    .unwrap();
    assert_eq!(plain.article.outlet, "أخبار الخليج");
}

#[test]
fn word_files_give_their_paragraphs_in_logical_order() {
    for name in ARTICLES {
        let truth = truth(name);
        let found = extract::read(&fixture(name, "docx"), Headline::TitleOnly).unwrap();
        let article = &found.article;
        let share = words_in_order(&truth.paragraphs.join("\n\n"), &article.body);
        assert!(share >= 0.95, "{name}.docx: {share:.3}");
        assert_clean(&format!("{name}.docx"), &article.body);
        for paragraph in &truth.paragraphs {
            assert!(
                article.body.split("\n\n").any(|p| p == paragraph.as_str()),
                "{name}.docx"
            );
        }
        assert_eq!(article.title, truth.title);
        // The heading is the title, not the first line of the text...
        assert!(!article.body.starts_with(&truth.title));
        // ...the list item and the table come in as lines.
        assert!(article.body.contains("المصدر: صحيفة الشرق الأوسط"));
        assert!(article.body.contains("الصحيفة | الشرق الأوسط"));
        assert!(article.body.contains(&format!("التاريخ | {}", truth.date)));
        assert_eq!(article.published, Some(truth.date.parse::<Date>().unwrap()));
        if !truth.author.is_empty() {
            assert!(article.notes.contains(&truth.author), "{:?}", article.notes);
        }
    }
    // Kept for coding: the heading is the first paragraph too.
    let name = ARTICLES[2];
    let kept = extract::read(&fixture(name, "docx"), Headline::AlsoInBody).unwrap();
    assert!(
        kept.article
            .body
            .starts_with(&format!("{}\n\n", truth(name).title))
    );
}

#[test]
fn pdfs_read_in_reading_order_without_running_headers() {
    for name in ARTICLES {
        let truth = truth(name);
        let found = extract::read(&fixture(name, "pdf"), Headline::TitleOnly).unwrap();
        let article = &found.article;
        let expected = truth.paragraphs.join("\n\n");
        let share = words_in_order(&expected, &article.body);
        assert!(
            share >= 0.95,
            "{name}.pdf: {share:.3} of the words in order"
        );
        assert_clean(&format!("{name}.pdf"), &article.body);
        // Lines are joined back into the article's paragraphs (a mark the
        // PDF's font does not map may cost one word, not the paragraph).
        let whole = truth
            .paragraphs
            .iter()
            .filter(|p| article.body.split("\n\n").any(|q| q == p.as_str()))
            .count();
        assert!(
            whole * 10 >= truth.paragraphs.len() * 8,
            "{name}.pdf: {whole} of {} paragraphs whole",
            truth.paragraphs.len()
        );
        assert!(
            article.body.split("\n\n").count() <= truth.paragraphs.len() + 2,
            "{name}.pdf: lines not joined"
        );
        assert_eq!(article.title, truth.title, "{name}.pdf");
        assert!(
            !article.body.contains(&truth.title),
            "{name}.pdf: the heading is the title"
        );
        // Chromium's header (date, title) and footer (address, n/m) are gone.
        assert!(!article.body.contains(" AM") && !article.body.contains(" PM"));
        assert!(!article.body.contains("1/2") && !article.body.contains(".html"));
        assert!(found.notes.iter().any(|n| n.contains("running header")));
    }
}

#[test]
fn at_least_as_many_words_in_order_as_pdftotext_and_trafilatura() {
    // The reference extractors (installed by .ci/run) read the same files.
    if !crate::common::have_programs(&[("pdftotext", "poppler-utils")])
        || !crate::common::have_python(&["trafilatura"])
    {
        return;
    }
    let output = std::process::Command::new("python3")
        .arg(repo_path("tests/data/ingest/compare.py"))
        .arg("--json")
        .arg(env!("CARGO_BIN_EXE_warraq"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "compare.py: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(rows.len(), ARTICLES.len() * 3 + 1, "and the two-column PDF");
    for row in &rows {
        let ours = row["warraq"].as_f64().unwrap();
        assert!(ours >= 0.95, "{row}");
        if let Some(theirs) = row["theirs"].as_f64() {
            assert!(ours + 0.005 >= theirs, "{row}");
        }
    }
}

#[test]
fn a_two_column_pdf_is_read_column_by_column_right_one_first() {
    let name = "us-defence-secretary-baghdad";
    let truth = truth(name);
    let found = extract::read(&fixture(name, "columns.pdf"), Headline::TitleOnly).unwrap();
    let body = &found.article.body;
    let share = words_in_order(&truth.paragraphs.join("\n\n"), body);
    assert!(share >= 0.95, "{share:.3} of the words in order");
    assert_clean(&format!("{name}.columns.pdf"), body);
    // Paragraphs run on from one column to the next and over the page.
    let whole = truth
        .paragraphs
        .iter()
        .filter(|p| body.split("\n\n").any(|q| q == p.as_str()))
        .count();
    assert!(
        whole * 10 >= truth.paragraphs.len() * 9,
        "{whole} of {} whole",
        truth.paragraphs.len()
    );
    assert_eq!(found.article.title, truth.title);
}

#[test]
fn mixed_direction_lines_come_back_exactly_as_written() {
    // Latin names, a percentage, an address and a phone number in Arabic
    // lines; Arabic in an English report (poppler's pdftotext turns the
    // percentage and the phone number around).
    for name in ["mixed-ar", "mixed-en"] {
        let expected = std::fs::read_to_string(fixture(name, "expected")).unwrap();
        let found = extract::read(&fixture(name, "pdf"), Headline::TitleOnly).unwrap();
        assert_eq!(found.article.body, expected.trim_end(), "{name}.pdf");
    }
}

#[test]
fn a_scanned_pdf_is_refused_with_the_reason() {
    let error = extract::read(&fixture("scan", "pdf"), Headline::TitleOnly).unwrap_err();
    let message = error.to_string();
    assert!(message.contains("scan.pdf"), "{message}");
    assert!(message.contains("no text layer"), "{message}");
    assert!(message.contains("OCR"), "{message}");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

    /// Damaged copies of real files (cut short, bytes changed) are read or
    /// refused with a message naming the file; never a panic.
    #[test]
    fn damaged_files_are_refused_not_a_panic(
        which in 0usize..3,
        cut in 0.0f64..1.0,
        flips in proptest::collection::vec((0.0f64..1.0, proptest::prelude::any::<u8>()), 0..8),
    ) {
        let extension = ["pdf", "docx", "html"][which];
        let mut bytes = std::fs::read(fixture(ARTICLES[which], extension)).unwrap();
        bytes.truncate(((bytes.len() as f64) * cut) as usize + 1);
        for (at, byte) in flips {
            let at = ((bytes.len() - 1) as f64 * at) as usize;
            bytes[at] = byte;
        }
        let path = PathBuf::from(format!("damaged.{extension}"));
        let kind = extract::Kind::of(&path).unwrap();
        if let Err(e) = extract::from_bytes(kind, &path, &bytes, Headline::TitleOnly) {
            proptest::prop_assert!(e.to_string().contains("damaged."), "{}", e);
        }
    }
}

#[test]
fn broken_and_foreign_files_are_refused_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in [
        ("torn.pdf", &b"%PDF-1.7\n1 0 obj <<"[..]),
        ("torn.docx", &b"PK\x03\x04 not really"[..]),
        (
            "empty.html",
            &b"<html><body><nav>menu</nav></body></html>"[..],
        ),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let error = extract::read(&path, Headline::TitleOnly)
            .unwrap_err()
            .to_string();
        assert!(error.contains(name), "{error}");
    }
    let odd = dir.path().join("notes.odt");
    std::fs::write(&odd, b"x").unwrap();
    let error = extract::read(&odd, Headline::TitleOnly)
        .unwrap_err()
        .to_string();
    assert!(error.contains(".odt"), "{error}");
}

#[test]
fn importing_a_folder_adds_each_article_once_and_lists_what_it_could_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let inbox = dir.path().join("inbox");
    std::fs::create_dir(&inbox).unwrap();
    for name in &ARTICLES[..2] {
        for extension in ["html", "docx", "pdf"] {
            std::fs::copy(
                fixture(name, extension),
                inbox.join(format!("{name}.{extension}")),
            )
            .unwrap();
        }
    }
    // The same page saved twice, a scan and a torn file among them.
    std::fs::copy(fixture(ARTICLES[0], "html"), inbox.join("again.html")).unwrap();
    std::fs::copy(fixture("scan", "pdf"), inbox.join("scan.pdf")).unwrap();
    std::fs::write(inbox.join("torn.pdf"), b"%PDF-1.4 broken").unwrap();
    let project = dir.path().join("monitoring.warraq.ron");

    let output = warraq()
        .args(["import"])
        .arg(&project)
        .arg(&inbox)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stdout.contains("Imported 6 article(s)"),
        "{stdout}\n{stderr}"
    );
    assert!(
        stderr.contains("html: the same text as \"وزير الدفاع الأميركي في بغداد"),
        "{stderr}"
    );
    assert!(
        stderr.contains("scan.pdf") && stderr.contains("no text layer"),
        "{stderr}"
    );
    assert!(stderr.contains("torn.pdf"), "{stderr}");
    assert!(
        !output.status.success(),
        "files left out make a failing exit"
    );
    let loaded = warraq::store::load(&project).unwrap().project;
    assert_eq!(loaded.articles.len(), 6);
    assert!(loaded.articles.iter().any(|a| a.outlet == "الشرق الأوسط"));

    // Again: everything is there already, so nothing is added or saved over.
    let before = std::fs::read(&project).unwrap();
    let again = warraq()
        .arg("import")
        .arg(&project)
        .arg(&inbox)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(stderr.contains("duplicate"), "{stderr}");
    assert_eq!(std::fs::read(&project).unwrap(), before);

    // Asked to, a duplicate is kept.
    let kept = warraq()
        .args(["import", "--keep-duplicates"])
        .arg(&project)
        .arg(fixture(ARTICLES[0], "html"))
        .output()
        .unwrap();
    assert!(
        kept.status.success(),
        "{}",
        String::from_utf8_lossy(&kept.stderr)
    );
    assert_eq!(
        warraq::store::load(&project)
            .unwrap()
            .project
            .articles
            .len(),
        7
    );
}

#[test]
fn extract_prints_what_an_import_would_add() {
    let output = warraq()
        .args(["extract", "--json"])
        .arg(fixture(ARTICLES[1], "pdf"))
        .output()
        .unwrap();
    assert!(output.status.success());
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(value["title"], truth(ARTICLES[1]).title.as_str());
    assert!(value["body"].as_str().unwrap().contains("آشتون كارتر"));
}

/// Answers the file dialogs with the files to import.
struct Picks(Vec<PathBuf>);

impl warraq::ui::files::Dialogs for Picks {
    fn pick_project(&self) -> Option<PathBuf> {
        None
    }
    fn save_project_as(
        &self,
        _: Option<&std::path::Path>,
        _suggested_name: &str,
    ) -> Option<PathBuf> {
        None
    }
    fn pick_texts(&self) -> Vec<PathBuf> {
        self.0.clone()
    }
    fn save_export(&self, _name: &str, _format: warraq::exchange::Format) -> Option<PathBuf> {
        None
    }
    fn save_picture(&self, _name: &str, _extension: &str) -> Option<PathBuf> {
        None
    }
}

#[test]
fn the_import_preview_shows_and_takes_corrections_before_anything_is_added() {
    let dir = tempfile::tempdir().unwrap();
    let torn = dir.path().join("torn.pdf");
    std::fs::write(&torn, b"%PDF-1.4 broken").unwrap();
    let picks = vec![
        fixture(ARTICLES[2], "html"),
        fixture(ARTICLES[3], "docx"),
        torn,
    ];
    let mut harness = harness_for(
        WarraqApp::new(warraq::app::App::default()).with_dialogs(Box::new(Picks(picks))),
    );
    // The empty window's first step (File ▸ Import articles… does the same).
    harness.get_by_label("Import articles…").click();
    harness.run_steps(2);
    harness.state_mut().wait_for_import();
    harness.run_steps(3);
    assert!(harness.project().articles.is_empty());
    assert!(
        harness
            .query_all_by_label_contains(
                "3 file(s) read: 2 to add, 0 duplicate(s) of articles already there, 1 could not be read"
            )
            .next()
            .is_some()
    );
    assert!(
        harness.query_by_label("not readable").is_some(),
        "the torn file is listed with its reason"
    );

    // The first file is shown: correct its outlet, as an analyst would.
    let truth = truth(ARTICLES[2]);
    assert!(
        harness.query_by_label(&truth.title).is_some(),
        "its title is shown"
    );
    harness.get_by_label("Outlet").click();
    harness.run_steps(2);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run_steps(1);
    harness
        .get_by_label("Outlet")
        .type_text("الشرق الأوسط، لندن");
    harness.run_steps(3);

    harness.get_by_label("Add 2 article(s)").click();
    harness.run_steps(3);
    let project = &harness.project();
    assert_eq!(project.articles.len(), 2);
    let yemen = project
        .articles
        .iter()
        .find(|a| a.title == truth.title)
        .unwrap();
    assert_eq!(yemen.outlet, "الشرق الأوسط، لندن");
    assert_eq!(yemen.url, truth.url);
    assert!(harness.state().import_preview().is_none());

    // One step: one undo takes both away.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run_steps(2);
    assert!(harness.project().articles.is_empty());
}

#[test]
fn a_pasted_passage_becomes_an_article_with_its_title_outlet_and_date() {
    let mut harness = harness_for(WarraqApp::new(warraq::app::App::default()));
    let pasted = "عدن تكسر عزلتها\n\nقال مسؤول يمني إن الحكومة تعمل على إعادة خطوط المياه والكهرباء لبعض أحياء عدن.\u{200F}";
    // Ctrl+Shift+V asks the system for the clipboard, which answers with a paste.
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::V,
    );
    harness.run_steps(2);
    assert!(harness.state().import_preview().is_none());
    harness.event(egui::Event::Paste(pasted.to_owned()));
    harness.run_steps(2);
    assert!(
        harness.state().import_preview().is_some(),
        "the preview opens"
    );
    assert!(
        harness.query_by_label("عدن تكسر عزلتها").is_some(),
        "the headline is offered as title"
    );

    harness.get_by_label("Outlet").click();
    harness.run_steps(1);
    harness.get_by_label("Outlet").type_text("الشرق الأوسط");
    harness.run_steps(1);
    harness
        .get_by_role_and_label(egui::Role::TextInput, "Published:")
        .click();
    harness.run_steps(1);
    harness
        .get_by_role_and_label(egui::Role::TextInput, "Published:")
        .type_text("2015-07-23");
    harness.run_steps(2);
    harness.get_by_label("Add 1 article(s)").click();
    harness.run_steps(3);

    let project = &harness.project();
    assert_eq!(project.articles.len(), 1);
    let article = &project.articles[0];
    assert_eq!(article.title, "عدن تكسر عزلتها");
    assert_eq!(article.outlet, "الشرق الأوسط");
    assert_eq!(article.published, Some(Date::ymd(2015, 7, 23)));
    assert_eq!(
        article.body,
        "قال مسؤول يمني إن الحكومة تعمل على إعادة خطوط المياه والكهرباء لبعض أحياء عدن."
    );
    assert!(
        harness.state().panes()[0].article.is_some(),
        "the new article is opened"
    );

    // From the menu the same: Edit ▸ New article from clipboard asks for the clipboard.
    harness.get_by_label("Edit").click();
    harness.run_steps(3);
    harness
        .get_by_label_contains("New article from clipboard")
        .click();
    harness.run_steps(2);
    harness.event(egui::Event::Paste("نص آخر من الحافظة.".to_owned()));
    harness.run_steps(2);
    assert!(harness.state().import_preview().is_some());
}
