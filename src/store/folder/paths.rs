//! Where each part of a project folder lives, from its id alone.

use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

pub(crate) const ARTICLES: &str = "articles";
pub(crate) const RELATIONS: &str = "relations";

/// The sub-folder of an item: the first byte of the SHA-256 of its id, in
/// hex. 256 folders keep 100,000 articles at ~400 files a folder, and an id
/// always lands in the same one, on every machine.
pub(super) fn bucket(id: &str) -> String {
    format!("{:02x}", Sha256::digest(id.as_bytes())[0])
}

/// `articles/3f/art-00017.ron`, relative to the project folder.
pub(super) fn article(id: &str) -> PathBuf {
    Path::new(ARTICLES).join(bucket(id)).join(file_name(id))
}

/// `art-00017.ron`: an article's file name in its sub-folder.
pub(super) fn file_name(id: &str) -> String {
    format!("{}.ron", stem(id))
}

/// `relations/3f.ron`: the relations whose ids fall in shard `3f`.
pub(super) fn relations(shard: &str) -> PathBuf {
    Path::new(RELATIONS).join(format!("{shard}.ron"))
}

/// The id itself where it is a safe file name on every system (lower-case
/// letters, digits, `-`, `_`: no case-folding clash on macOS or Windows, no
/// reserved device name), else a hash of it, marked by a dot that no plain
/// name holds so the two kinds never meet.
fn stem(id: &str) -> String {
    let plain = !id.is_empty()
        && id.len() <= 100
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        && !is_reserved_on_windows(id);
    if plain {
        id.to_owned()
    } else {
        let hex = crate::model::hex(&Sha256::digest(id.as_bytes()));
        format!("x.{}", &hex[..32])
    }
}

fn is_reserved_on_windows(stem: &str) -> bool {
    matches!(stem, "con" | "prn" | "aux" | "nul")
        || ((stem.starts_with("com") || stem.starts_with("lpt"))
            && stem.len() == 4
            && stem.as_bytes()[3].is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_that_are_no_safe_file_name_are_hashed_and_never_meet_a_plain_one() {
        assert!(article("art-00017").ends_with("art-00017.ron"));
        for id in ["Art-1", "art/../x", "قطر", "con", "a.b", ""] {
            let name = article(id);
            let stem = name.file_stem().unwrap().to_str().unwrap();
            assert!(stem.starts_with("x."), "{id} → {stem}");
        }
        assert_ne!(article("Art-1"), article("art-1"));
        assert_eq!(bucket("art-1").len(), 2);
    }
}
