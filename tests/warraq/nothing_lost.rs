//! Nothing lost, nothing forged: each test here is a defect found in use
//! (an export written over its project, a link replaced by a copy, a formula
//! in a colleague's spreadsheet…) that must not come back.

use crate::common::{sample_path, warraq};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Stdio;
use warraq::model::{ActorId, Project};
use warraq::store;

fn copy_of_sample(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("gulf.warraq.ron");
    std::fs::copy(sample_path(), &path).unwrap();
    path
}

#[test]
fn an_export_without_output_never_writes_over_the_project() {
    let dir = tempfile::tempdir().unwrap();
    let project = copy_of_sample(dir.path());
    let before = std::fs::read(&project).unwrap();
    let run = |extra: &[&str]| {
        warraq()
            .arg("export")
            .arg(&project)
            .args(["--format", "ron", "--articles", "art-2017-tamim-putin"])
            .args(extra)
            .output()
            .unwrap()
    };
    let first = run(&[]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert_eq!(
        std::fs::read(&project).unwrap(),
        before,
        "the project is untouched"
    );
    let export = dir.path().join("gulf.for-colleague.warraq.ron");
    let exported = store::load(&export).unwrap().project;
    assert_eq!(exported.articles.len(), 1);

    // Again: the export exists now, and is not replaced unless asked.
    std::fs::write(&export, "mine").unwrap();
    let second = run(&[]);
    assert!(!second.status.success());
    assert!(String::from_utf8_lossy(&second.stderr).contains("--force"));
    assert_eq!(std::fs::read_to_string(&export).unwrap(), "mine");
    assert!(run(&["--force"]).status.success());
    assert!(store::load(&export).is_ok());

    // Naming the project itself as the output is refused, even with --force.
    let onto = run(&["-o", project.to_str().unwrap(), "--force"]);
    assert!(!onto.status.success());
    assert_eq!(std::fs::read(&project).unwrap(), before);
}

#[cfg(unix)]
#[test]
fn a_linked_project_is_saved_through_its_link() {
    let dir = tempfile::tempdir().unwrap();
    let real_dir = dir.path().join("synced");
    std::fs::create_dir(&real_dir).unwrap();
    let real = copy_of_sample(&real_dir);
    let link = dir.path().join("desktop.warraq.ron");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let mut project = store::load(&link).unwrap().project;
    project.title = "عبر الرابط".to_owned();
    store::save(&project, &link, None).unwrap();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link is still a link"
    );
    assert_eq!(store::load(&real).unwrap().project.title, "عبر الرابط");
    assert!(
        store::backup_path(&real).exists(),
        "the backup is beside the real file"
    );
    assert!(!store::backup_path(&link).exists());
}

#[cfg(unix)]
#[test]
fn a_read_only_project_is_not_replaced() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = copy_of_sample(dir.path());
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read(&path).unwrap();
    let mut project = store::load(&path).unwrap().project;
    project.title = "تغيير".to_owned();
    let error = store::save(&project, &path, None).unwrap_err();
    assert!(
        matches!(error, store::SaveError::ReadOnly { .. }),
        "{error}"
    );
    assert!(error.to_string().contains("Save As"));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_json_export_comes_back_in_everywhere_a_project_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let project = store::load(&sample_path()).unwrap().project;
    let json = dir.path().join("gulf.json");
    std::fs::write(&json, warraq::exchange::to_json(&project).unwrap()).unwrap();
    assert_eq!(store::load(&json).unwrap().project, project);
    let check = warraq().arg("check").arg(&json).output().unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    // A broken JSON file is refused with its place.
    std::fs::write(
        &json,
        "{\n  \"format\": \"warraq-project\",\n  \"version\": 2,\n  oops\n}",
    )
    .unwrap();
    let error = store::load(&json).unwrap_err().to_string();
    assert!(error.contains("gulf.json:4:"), "{error}");
}

fn csv_rows(bytes: &[u8]) -> Vec<csv::StringRecord> {
    csv::Reader::from_reader(&bytes[3..])
        .records()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn spreadsheet_cells_that_would_be_formulas_are_neutralised() {
    let mut project = store::load(&sample_path()).unwrap().project;
    project.actors[0].name = "=HYPERLINK(\"http://x\",\"y\")".to_owned();
    project.actors[1].name = "@SUM(1)".to_owned();
    let first = project.actors[0].id.clone();
    let bytes = warraq::exchange::highlights_csv(&project).unwrap();
    let rows = csv_rows(&bytes);
    let named: Vec<_> = rows
        .iter()
        .filter(|r| &r[7] == first.as_str())
        .map(|r| r[6].to_owned())
        .collect();
    assert!(!named.is_empty());
    assert!(
        named.iter().all(|n| n == "'=HYPERLINK(\"http://x\",\"y\")"),
        "{named:?}"
    );
    for cell in rows
        .iter()
        .flat_map(|r| r.iter().map(str::to_owned).collect::<Vec<_>>())
    {
        assert!(!cell.starts_with(['=', '+', '@']), "{cell}");
    }
    assert_eq!(
        warraq::exchange::csv_cell("-5"),
        "-5",
        "numbers stay numbers"
    );
    assert_eq!(warraq::exchange::csv_cell("-x"), "'-x");
}

#[test]
fn each_source_of_a_relation_keeps_its_own_slot_in_the_relations_csv() {
    let mut project = store::load(&sample_path()).unwrap().project;
    // rel-us-talks cites two articles; its first source loses its evidence highlight.
    let relation = project
        .relations
        .iter_mut()
        .find(|r| r.id.as_str() == "rel-us-talks")
        .unwrap();
    assert_eq!(relation.sources.len(), 2);
    relation.sources[0].evidence = None;
    let second = relation.sources[1].clone();
    let quote = project
        .highlight(second.evidence.as_ref().unwrap())
        .unwrap()
        .quote
        .clone();
    let bytes = warraq::exchange::relations_csv(&project).unwrap();
    let rows = csv_rows(&bytes);
    let row = rows.iter().find(|r| &r[0] == "rel-us-talks").unwrap();
    let split = |i: usize| row[i].split(" | ").map(str::to_owned).collect::<Vec<_>>();
    assert_eq!(
        split(6),
        [String::new(), quote],
        "the quote is in the second slot"
    );
    assert_eq!(
        split(11)[1],
        second.article.as_str(),
        "with its own article"
    );
    assert_eq!(split(14)[1], second.evidence.unwrap().as_str());
}

#[test]
fn graphml_stays_well_formed_whatever_a_name_holds() {
    let mut project = store::load(&sample_path()).unwrap().project;
    project.actors[0].name = "قطر\u{FFFF}\u{FFFE}\u{1}".to_owned();
    project.actors[1].aliases = vec!["a | b".to_owned(), "c".to_owned()];
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("net.graphml");
    std::fs::write(&path, warraq::exchange::graphml(&project)).unwrap();
    let script = format!(
        "import networkx as nx\ng = nx.read_graphml({:?})\nprint(g.nodes[{:?}]['name'])",
        path.to_str().unwrap(),
        project.actors[0].id.as_str()
    );
    let Some(out) = crate::common::python(&script) else {
        return;
    };
    assert!(out.starts_with("قطر"));
}

#[test]
fn names_cannot_take_over_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("evil.warraq.ron");
    let mut project = Project::new("\u{1b}]0;owned\u{7}\u{1b}[2J");
    project.actors.push(warraq::model::Actor::new(
        ActorId::from("act-x"),
        "x",
        warraq::model::ActorKind::Other,
    ));
    store::save(&project, &path, None).unwrap();
    let output = warraq().arg("check").arg(&path).output().unwrap();
    assert!(output.status.success());
    assert!(!output.stdout.contains(&0x1b) && !output.stdout.contains(&0x07));
    assert!(String::from_utf8_lossy(&output.stdout).contains("\\u{1b}]0;owned"));
}

#[test]
fn a_closed_pipe_ends_the_command_quietly() {
    // Far more output than a pipe holds, so writing after the reader left must fail.
    let mut child = warraq()
        .arg("check")
        .args(std::iter::repeat_n(sample_path(), 3000))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.contains(": ok: "));
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        output.status.success(),
        "exit {:?}: {stderr}",
        output.status.code()
    );
}

#[test]
fn temporary_files_left_by_a_killed_save_are_removed() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_of_sample(dir.path());
    let stale = dir.path().join(".warraq-save-AbC123.tmp");
    let fresh = dir.path().join(".warraq-save-XyZ789.tmp");
    let other = dir.path().join("notes.tmp");
    for file in [&stale, &fresh, &other] {
        std::fs::write(file, "half a project").unwrap();
    }
    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_hours(1);
    for file in [&stale, &other] {
        std::fs::File::options()
            .write(true)
            .open(file)
            .unwrap()
            .set_modified(an_hour_ago)
            .unwrap();
    }
    store::load(&path).unwrap();
    assert!(
        !stale.exists(),
        "a stale temp file of ours is removed on opening"
    );
    assert!(fresh.exists(), "one being written right now is left alone");
    assert!(other.exists(), "files not ours are never touched");
}

#[test]
fn a_field_warraq_does_not_know_refuses_the_file_instead_of_being_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(sample_path()).unwrap();
    let cases = [
        // Inside an item: a colleague's script added a colour.
        (
            "colour",
            text.replacen(
                "kind: State,",
                "kind: State,\n            colour: \"red\",",
                1,
            ),
        ),
        // A typo: the speaker would silently be lost.
        ("speeker", text.replacen("speaker: ", "speeker: ", 1)),
        // At the top level.
        (
            "reviewed",
            text.replacen("    version: 5,", "    version: 5,\n    reviewed: true,", 1),
        ),
        // A version-5 file labelled version 1 would lose its concepts (and every relation's sources).
        ("concepts", text.replacen("version: 5,", "version: 1,", 1)),
        // … and labelled version 4, its claims' concepts.
        ("concepts", text.replacen("version: 5,", "version: 4,", 1)),
    ];
    for (field, text) in cases {
        assert!(text.contains(field), "the case for {field} was made");
        let path = dir.path().join(format!("{field}.warraq.ron"));
        std::fs::write(&path, &text).unwrap();
        let error = store::load(&path).unwrap_err().to_string();
        assert!(
            error.contains(&format!("unknown field `{field}`")),
            "{error}"
        );
        // In the user's words, not the names of Warraq's internal structs.
        for jargon in ["ProjectV", "ClaimV", "Versioned", "FileV"] {
            assert!(!error.contains(jargon), "{error}");
        }
        let line = text[..text.find(field).unwrap()].matches('\n').count() + 1;
        assert!(
            error.contains(&format!("{field}.warraq.ron:{line}:")),
            "{field} is at line {line}: {error}"
        );
    }
    // The same in JSON.
    let project = store::load(&sample_path()).unwrap().project;
    let json = warraq::exchange::to_json(&project).unwrap().replacen(
        "\"kind\": \"State\",",
        "\"kind\": \"State\", \"colour\": \"red\",",
        1,
    );
    let path = dir.path().join("colour.json");
    std::fs::write(&path, json).unwrap();
    let error = store::load(&path).unwrap_err().to_string();
    assert!(error.contains("unknown field `colour`"), "{error}");
}

#[test]
fn import_text_brings_in_what_it_can_read_and_lists_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("new.warraq.ron");
    let good = crate::common::repo_path("tests/data/2017-11-20-tamim-putin-call.txt");
    let missing = dir.path().join("missing.txt");
    let output = warraq()
        .arg("import-text")
        .arg(&project)
        .arg(&good)
        .arg(&missing)
        .output()
        .unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
    );
    assert!(
        !output.status.success(),
        "a file could not be read: {stdout}"
    );
    assert!(stderr.contains("missing.txt"), "{stderr}");
    assert!(
        stdout.contains("1 new article") && stdout.contains("1 file could not be read"),
        "{stdout}"
    );
    assert_eq!(store::load(&project).unwrap().project.articles.len(), 1);
}

#[test]
fn every_command_that_upgrades_a_file_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.warraq.ron");
    std::fs::copy(
        crate::common::repo_path("tests/data/gulf-crisis-sample.v1.warraq.ron"),
        &old,
    )
    .unwrap();
    let text = crate::common::repo_path("tests/data/2020-07-26-qatar-us-milley.txt");
    let output = warraq()
        .arg("import-text")
        .arg(&old)
        .arg(&text)
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("format version 1"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn a_merge_keeps_the_colleagues_title_and_description_and_never_claims_both_changed() {
    let dir = tempfile::tempdir().unwrap();
    let mine = copy_of_sample(dir.path());
    let theirs = dir.path().join("theirs.warraq.ron");
    let mut project = store::load(&mine).unwrap().project;
    project.title = "عنوان الزميل".to_owned();
    project.description = "وصف الزميل".to_owned();
    // Only the colleague edited this note.
    project.relations[0].note = "ملاحظة الزميل".to_owned();
    store::save(&project, &theirs, None).unwrap();
    let listed = warraq()
        .arg("merge")
        .arg(&mine)
        .arg(&theirs)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&listed.stdout);
    assert!(!listed.status.success(), "conflicts are listed first");
    assert!(
        stdout.contains("project `title`") && stdout.contains("project `description`"),
        "{stdout}"
    );
    assert!(
        stdout.contains("differs") && !stdout.contains("both sides"),
        "{stdout}"
    );
    let out = dir.path().join("merged.warraq.ron");
    let merged = warraq()
        .arg("merge")
        .arg(&mine)
        .arg(&theirs)
        .args(["--prefer", "theirs", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        merged.status.success(),
        "{}",
        String::from_utf8_lossy(&merged.stderr)
    );
    let merged = store::load(&out).unwrap().project;
    assert_eq!(merged.title, "عنوان الزميل");
    assert_eq!(merged.description, "وصف الزميل");
    assert_eq!(merged.relations[0].note, "ملاحظة الزميل");
}

#[test]
fn carriage_returns_never_make_a_file_that_will_not_open_again() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(sample_path()).unwrap();
    // A description written with an escaped CRLF (a script, or Windows).
    let path = dir.path().join("crlf.warraq.ron");
    let escaped = text.replacen("description: \"", "description: \"سطر\\r\\nسطر ثان\\r", 1);
    assert_ne!(escaped, text);
    std::fs::write(&path, &escaped).unwrap();
    let loaded = store::load(&path).unwrap();
    assert!(loaded.project.description.starts_with("سطر\nسطر ثان\n"));
    assert!(
        loaded.warnings.iter().any(|w| w.contains("line breaks")),
        "{:?}",
        loaded.warnings
    );
    store::save(&loaded.project, &path, None).unwrap();
    let first = std::fs::read(&path).unwrap();
    let again = store::load(&path).unwrap();
    assert_eq!(
        again.project, loaded.project,
        "saved and read back the same"
    );
    assert!(again.warnings.is_empty());
    store::save(&again.project, &path, None).unwrap();
    assert_eq!(
        std::fs::read(&path).unwrap(),
        first,
        "the same bytes on every save"
    );

    // A body with an escaped CR (its hash made to match) is refused by name,
    // instead of opening once and never again after the next save.
    let mut project = store::load(&sample_path()).unwrap().project;
    let article = &mut project.articles[0];
    article.body.push_str("\r\nسطر");
    article.body_hash = warraq::model::text::body_hash(&article.body);
    let id = article.id.clone();
    // JSON writes the CR escaped, as a script would.
    let bad = dir.path().join("cr-body.json");
    std::fs::write(&bad, warraq::exchange::to_json(&project).unwrap()).unwrap();
    let error = store::load(&bad).unwrap_err().to_string();
    assert!(
        error.contains("carriage return") && error.contains(id.as_str()),
        "{error}"
    );
}

#[test]
fn text_from_windows_notepad_is_read_and_text_that_is_not_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let seed = crate::common::seed_text("2017-11-20-tamim-putin-call.txt");
    let utf16 = |bom: bool| {
        let mut bytes = if bom { vec![0xFF, 0xFE] } else { Vec::new() };
        bytes.extend(seed.encode_utf16().flat_map(u16::to_le_bytes));
        bytes
    };
    let with_bom = dir.path().join("notepad.txt");
    std::fs::write(&with_bom, utf16(true)).unwrap();
    let (article, note) = store::read_text_article(&with_bom, store::Headline::TitleOnly).unwrap();
    assert!(note.unwrap().contains("UTF-16"));
    assert!(article.body.contains("بحث قائد قوات الدفاع الجوي القطري"));
    let without = dir.path().join("no-bom.txt");
    std::fs::write(&without, utf16(false)).unwrap();
    let error = store::read_text_article(&without, store::Headline::TitleOnly)
        .unwrap_err()
        .to_string();
    assert!(error.contains("NUL") && error.contains("UTF-16"), "{error}");
}

#[test]
fn an_os_error_is_said_once() {
    let dir = tempfile::tempdir().unwrap();
    let output = warraq().arg("check").arg(dir.path()).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert_eq!(stderr.matches("os error").count(), 1, "{stderr}");
    let export = warraq()
        .arg("export")
        .arg(dir.path())
        .args(["--format", "json"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&export.stderr);
    assert_eq!(stderr.matches("os error").count(), 1, "{stderr}");
}

#[test]
fn messages_name_the_users_path_in_the_users_words() {
    let dir = tempfile::tempdir().unwrap();
    let project = copy_of_sample(dir.path());
    let export = |out: &Path| {
        let output = warraq()
            .arg("export")
            .arg(&project)
            .args(["--format", "csv", "-o"])
            .arg(out)
            .output()
            .unwrap();
        assert!(!output.status.success());
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    let missing = dir.path().join("nodir").join("x.csv");
    let said = export(&missing);
    assert!(
        said.contains("x.csv") && said.contains("nodir") && said.contains("does not exist"),
        "{said}"
    );
    assert!(
        !said.contains(".warraq-save"),
        "no temporary file's name: {said}"
    );
    let folder = dir.path().join("a-folder");
    std::fs::create_dir(&folder).unwrap();
    let said = export(&folder);
    assert!(
        said.contains("a-folder") && said.contains("folder"),
        "{said}"
    );

    for (name, text) in [
        ("deep.warraq.ron", "[".repeat(200_000)),
        ("list.warraq.ron", "[1, 2]".to_owned()),
        ("list.json", "[1, 2]".to_owned()),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let error = store::load(&path).unwrap_err().to_string();
        for jargon in ["recursion_limit", "serde_stacker", "Header", "FileV2"] {
            assert!(!error.contains(jargon), "{name}: {error}");
        }
        assert!(error.starts_with(&path.display().to_string()), "{error}");
    }
}

#[test]
fn a_merge_names_every_item_only_one_copy_holds() {
    let dir = tempfile::tempdir().unwrap();
    let mine = copy_of_sample(dir.path());
    let theirs = dir.path().join("theirs.warraq.ron");
    let mut project = store::load(&mine).unwrap().project;
    // They deleted a relation (or I added it): the merge cannot tell which.
    project.relations.retain(|r| r.id.as_str() != "rel-phone");
    store::save(&project, &theirs, None).unwrap();
    let output = warraq()
        .arg("merge")
        .arg(&mine)
        .arg(&theirs)
        .args(["-o"])
        .arg(dir.path().join("out.warraq.ron"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    assert!(
        stdout.contains("only in mine: relation `rel-phone`") && stdout.contains("cannot tell"),
        "{stdout}"
    );
}
