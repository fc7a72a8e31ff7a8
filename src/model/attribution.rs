//! Who made or last changed an item, and when: so that coding stays
//! attributable to its analyst after projects are exchanged and merged.

use compact_str::CompactString;
use serde::{Deserialize, Serialize};

/// Kept inline (a name of up to 24 bytes and the 20-byte time): every
/// highlight of a coded corpus carries one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stamp {
    /// The analyst's name as they gave it to Warraq.
    pub by: CompactString,
    /// UTC, ISO 8601 to the second: `2026-11-23T16:10:00Z`.
    pub at: CompactString,
}

impl Stamp {
    pub fn new(by: impl Into<CompactString>, at: impl Into<CompactString>) -> Self {
        Self {
            by: by.into(),
            at: at.into(),
        }
    }

    /// Stamped by `by`, now.
    pub fn now(by: &str) -> Self {
        let seconds = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Self::new(by, utc_time(seconds))
    }

    /// As a line of a note in a file that has no place for it: `NAME @ TIME`.
    pub fn in_words(&self) -> String {
        format!("{} @ {}", self.by, self.at)
    }

    /// What `in_words` wrote.
    pub fn from_words(words: &str) -> Option<Self> {
        let (by, at) = words.rsplit_once(" @ ")?;
        Some(Self::new(by.trim(), at.trim()))
    }
}

/// Seconds since 1970 as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn utc_time(seconds: u64) -> String {
    let days = i64::try_from(seconds / 86_400).unwrap_or(0);
    let rest = seconds % 86_400;
    let date = super::Date::from_day(days);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        date.year,
        date.month.unwrap_or(1),
        date.day.unwrap_or(1),
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// The analyst's name to stamp work with when none was set: `WARRAQ_ANALYST`,
/// else the login name.
pub fn default_analyst() -> String {
    ["WARRAQ_ANALYST", "USER", "USERNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
        .unwrap_or_else(|| "analyst".to_owned())
}

/// Items that carry a stamp.
pub trait Attributed {
    fn stamp(&self) -> Option<&Stamp>;
    fn set_stamp(&mut self, stamp: Option<Stamp>);

    /// Equal apart from the stamp: the same coding, whoever touched it last.
    fn same_coding(&self, other: &Self) -> bool
    where
        Self: Clone + PartialEq,
    {
        let mut a = self.clone();
        let mut b = other.clone();
        a.set_stamp(None);
        b.set_stamp(None);
        a == b
    }
}

macro_rules! attributed {
    ($($t:ty),*) => {$(
        impl Attributed for $t {
            fn stamp(&self) -> Option<&Stamp> {
                self.changed.as_ref()
            }
            fn set_stamp(&mut self, stamp: Option<Stamp>) {
                self.changed = stamp;
            }
        }
    )*};
}
attributed!(
    super::Actor,
    super::Article,
    super::Claim,
    super::Concept,
    super::Highlight,
    super::Relation,
    super::Rejection
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_utc_iso_8601() {
        assert_eq!(utc_time(0), "1970-01-01T00:00:00Z");
        assert_eq!(utc_time(1_795_450_245), "2026-11-23T16:10:45Z");
    }
}
