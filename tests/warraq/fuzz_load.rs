//! The loader against mangled files: byte flips, truncations, duplicated and
//! deleted lines, huge and negative numbers, bidi controls, NUL, deep
//! nesting, unknown fields. Never a panic; every refusal says where.
//! A few hundred cases here; `WARRAQ_FUZZ_CASES=20000 cargo test fuzz` runs more.

use crate::common::sample_path;
use warraq::store;
use warraq::synthetic::Rng;

fn mangle(text: &str, rng: &mut Rng) -> Vec<u8> {
    let mut bytes = text.as_bytes().to_vec();
    let lines: Vec<&str> = text.lines().collect();
    let line = rng.below(lines.len());
    match rng.below(10) {
        0 => {
            for _ in 0..=rng.below(8) {
                let at = rng.below(bytes.len());
                bytes[at] ^= 1 << rng.below(8);
            }
            bytes
        }
        1 => {
            bytes.truncate(rng.below(bytes.len()));
            bytes
        }
        2 => {
            let mut out = lines.clone();
            out.insert(line, lines[line]);
            out.join("\n").into_bytes()
        }
        3 => {
            let mut out = lines.clone();
            out.remove(line);
            out.join("\n").into_bytes()
        }
        4 => {
            let numbers = [
                "99999999999999999999999",
                "-1",
                "-99999999999",
                "1e400",
                "NaN",
            ];
            let number = numbers[rng.below(numbers.len())];
            text.replacen("start: ", &format!("start: {number}, _x: "), 1)
                .replacen(&format!("{number}, _x: "), number, 1)
                .into_bytes()
        }
        5 => {
            let controls = ["\u{202E}", "\u{2066}", "\u{200F}", "\u{0}", "\u{1b}[2J"];
            let control = controls[rng.below(controls.len())];
            let mut at = rng.below(text.len());
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            format!("{}{control}{}", &text[..at], &text[at..]).into_bytes()
        }
        6 => {
            let depth = 1 + rng.below(100_000);
            let mut out = text.replacen(
                "description: ",
                &format!("description: {}", "[".repeat(depth)),
                1,
            );
            out.push_str(&"]".repeat(rng.below(depth)));
            out.into_bytes()
        }
        7 => text
            .replacen(
                "kind: ",
                "colour: \"red\",\n            kind: ",
                1 + rng.below(3),
            )
            .into_bytes(),
        8 => {
            let mut at = rng.below(bytes.len());
            bytes.insert(at, 0);
            at = rng.below(bytes.len());
            bytes.splice(at..at, [0xFF, 0xFE]);
            bytes
        }
        _ => {
            let a = rng.below(lines.len());
            let mut out = lines.clone();
            out.swap(line, a);
            out.join("\n").into_bytes()
        }
    }
}

/// Whether a refusal says where: a line and column, an item's id, or a
/// whole-file reason (empty, binary, not a project, a version).
fn located(message: &str, name: &str) -> bool {
    let after = message.strip_prefix(name).unwrap_or("");
    let line_column = after.starts_with(':')
        && after[1..]
            .split(':')
            .take(2)
            .all(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
    line_column
        || message.contains('`')
        || ["empty", "binary", "version", "not a Warraq project"]
            .iter()
            .any(|w| message.contains(w))
}

#[test]
fn mangled_files_are_refused_with_their_place_and_never_panic() {
    let cases = std::env::var("WARRAQ_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(300);
    let text = std::fs::read_to_string(sample_path()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mangled.warraq.ron");
    let name = path.display().to_string();
    let mut rng = Rng(0x5EED_F00D_1234_5678);
    let (mut refused, mut opened) = (0, 0);
    for case in 0..cases {
        let bytes = mangle(&text, &mut rng);
        std::fs::write(&path, &bytes).unwrap();
        match store::load(&path) {
            Ok(loaded) => {
                opened += 1;
                assert!(
                    loaded.project.validate().is_empty(),
                    "case {case} opened invalid"
                );
            }
            Err(e) => {
                refused += 1;
                let message = e.to_string();
                assert!(message.starts_with(&name), "case {case}: {message}");
                assert!(
                    located(&message, &name),
                    "case {case} says no place: {message}"
                );
            }
        }
    }
    assert!(refused > cases / 2, "{refused} refused, {opened} opened");
}
