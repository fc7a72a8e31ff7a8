//! The bundled, offline gazetteer of what news analysts meet first: states
//! and territories and their capitals (Arabic, Persian and English names from
//! CLDR), international and regional organisations, armed groups and parties,
//! heads of state and government and principal officials (written by hand),
//! and the titles assumed before the analyst's coding teaches Warraq its own.
//! `data/gazetteer/README.md` says where each part comes from and under
//! which licence. It is parsed and its automaton built on first use only.
//!
//! A capital is a place unless its context makes it the one who acts or is
//! acted upon («أعلنت القاهرة», «العقوبات المفروضة على طهران»): only then is
//! it suggested, as its state.

use super::Folded;
use crate::model::{ActorKind, arabic};
use aho_corasick::AhoCorasick;
use std::collections::HashMap;
use std::sync::LazyLock;

const CLDR: &str = include_str!("../../data/gazetteer/cldr.tsv");
const CURATED: &str = include_str!("../../data/gazetteer/curated.tsv");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    State,
    Capital,
    Organisation,
    Group,
    Person,
}

impl Role {
    fn parse(word: &str) -> Option<Self> {
        Some(match word {
            "state" => Self::State,
            "capital" => Self::Capital,
            "organisation" => Self::Organisation,
            "group" => Self::Group,
            "person" => Self::Person,
            _ => return None,
        })
    }

    /// The kind of actor it becomes: a capital stands for its state.
    pub fn kind(self) -> ActorKind {
        match self {
            Self::State | Self::Capital => ActorKind::State,
            Self::Organisation => ActorKind::Organisation,
            Self::Group => ActorKind::Group,
            Self::Person => ActorKind::Person,
        }
    }
}

/// One state, capital, organisation, group or person.
#[derive(Debug, Clone)]
pub struct Entry {
    pub key: String,
    pub role: Role,
    /// The state a capital (or a body, or a person) belongs to.
    pub of: String,
    /// The English name.
    pub gloss: String,
    /// The Arabic name first, then variants (Persian, English, short forms).
    pub names: Vec<String>,
}

/// A gazetteer name matched in a body.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// Code points of the body.
    pub start: usize,
    pub end: usize,
    /// Folded characters, for reading the context.
    pub folded: std::ops::Range<usize>,
    pub entry: usize,
    /// Which of the entry's names.
    pub name: usize,
}

pub struct Gazetteer {
    pub entries: Vec<Entry>,
    by_key: HashMap<String, usize>,
    /// The titles assumed before any coding: (folded title, opens the name).
    pub titles: Vec<(String, bool)>,
    automaton: Option<AhoCorasick>,
    /// Entry and name of each automaton pattern, and whether it is the
    /// alef-less form matched only after ل.
    patterns: Vec<(usize, usize, bool)>,
}

/// The gazetteer, parsed on first use.
pub fn gazetteer() -> &'static Gazetteer {
    static LOADED: LazyLock<Gazetteer> = LazyLock::new(|| {
        Gazetteer::parse(&[("cldr.tsv", CLDR), ("curated.tsv", CURATED)]).unwrap_or_else(|e| {
            // The bundled files are checked by a test; a broken build still suggests
            // from the analyst's coding instead of stopping.
            eprintln!("warraq: the bundled gazetteer is unreadable: {e}");
            Gazetteer::empty()
        })
    });
    &LOADED
}

impl Gazetteer {
    fn empty() -> Self {
        Self {
            entries: Vec::new(),
            by_key: HashMap::new(),
            titles: Vec::new(),
            automaton: None,
            patterns: Vec::new(),
        }
    }

    /// Reads TSV files of `key, role, of, gloss, names`; a key seen again adds
    /// its names to the first entry. A folded name claimed by two entries goes
    /// to the first one with the stronger role (a state over a capital: عُمان
    /// and عمّان fold alike).
    pub fn parse(files: &[(&str, &str)]) -> Result<Self, String> {
        let mut out = Self::empty();
        for (file, text) in files {
            for (n, line) in text.lines().enumerate() {
                if line.starts_with('#') || line.trim().is_empty() {
                    continue;
                }
                let cols: Vec<&str> = line.split('\t').collect();
                let [key, role, of, gloss, names] = cols[..] else {
                    return Err(format!(
                        "{file}:{}: expected 5 columns separated by tabs, found {}",
                        n + 1,
                        cols.len()
                    ));
                };
                let names = names.split('|').map(str::trim).filter(|s| !s.is_empty());
                if role == "title" {
                    let opens = of == "opens";
                    out.titles.extend(names.map(|t| (arabic::fold(t), opens)));
                    continue;
                }
                let Some(role) = Role::parse(role) else {
                    return Err(format!("{file}:{}: unknown role «{role}»", n + 1));
                };
                let names: Vec<String> = names.map(str::to_owned).collect();
                if let Some(&i) = out.by_key.get(key) {
                    out.entries[i].names.extend(names);
                } else {
                    out.by_key.insert(key.to_owned(), out.entries.len());
                    out.entries.push(Entry {
                        key: key.to_owned(),
                        role,
                        of: of.to_owned(),
                        gloss: gloss.to_owned(),
                        names,
                    });
                }
            }
        }
        out.build();
        Ok(out)
    }

    fn build(&mut self) {
        let rank = |role: Role| match role {
            Role::State => 0,
            Role::Organisation | Role::Group => 1,
            Role::Person => 2,
            Role::Capital => 3,
        };
        let mut claimed: HashMap<String, (usize, usize, usize)> = HashMap::new();
        for (e, entry) in self.entries.iter().enumerate() {
            for (n, name) in entry.names.iter().enumerate() {
                let folded = arabic::fold(name);
                // Two Latin letters are a word of English (US, us), not a name.
                if folded.chars().count() < 3 {
                    continue;
                }
                // A variant of one word, without the article, ending as the
                // feminine nisba does (the Persian ترکیه، روسیه, or سورية)
                // reads as the Arabic adjective (Turkish, Russian, Syrian);
                // السعودية, with its article, is the state's short name.
                if n > 0
                    && !folded.contains(' ')
                    && !folded.starts_with("ال")
                    && folded.ends_with("يه")
                {
                    continue;
                }
                let mine = (rank(entry.role), e, n);
                claimed
                    .entry(folded)
                    .and_modify(|held| {
                        if (mine.0, mine.1) < (held.0, held.1) {
                            *held = mine;
                        }
                    })
                    .or_insert(mine);
            }
        }
        let mut claimed: Vec<(String, (usize, usize, usize))> = claimed.into_iter().collect();
        claimed.sort();
        let mut folded_patterns = Vec::new();
        for (folded, (_, e, n)) in claimed {
            let chars: Vec<char> = folded.chars().collect();
            if chars.len() > 2 && chars[0] == 'ا' && chars[1] == 'ل' {
                folded_patterns.push(chars[1..].iter().collect::<String>());
                self.patterns.push((e, n, true));
            }
            folded_patterns.push(folded);
            self.patterns.push((e, n, false));
        }
        self.automaton = AhoCorasick::new(&folded_patterns).ok();
    }

    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.by_key.get(key).map(|&i| &self.entries[i])
    }

    /// Every name matched in `folded` as a whole word (behind the prefixes
    /// Arabic attaches), longest first where they overlap.
    pub(crate) fn find(&self, folded: &Folded) -> Vec<Found> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let mut found: Vec<Found> = super::whole_matches(automaton, folded, |p| self.patterns[p].2)
            .into_iter()
            .map(|m| Found {
                start: m.start,
                end: m.end,
                folded: m.first..m.after,
                entry: self.patterns[m.pattern].0,
                name: self.patterns[m.pattern].1,
            })
            .collect();
        found.sort_by_key(|f| (std::cmp::Reverse(f.end - f.start), f.start));
        found
    }
}

/// Verbs of saying and acting that make a capital its government when they
/// stand right before it («أعلنت القاهرة») or right after it («طهران تنفي»).
const ACTS: [&str; 46] = [
    "أعلنت",
    "قالت",
    "أكدت",
    "نفت",
    "رفضت",
    "اتهمت",
    "طالبت",
    "دعت",
    "حذرت",
    "هددت",
    "أبلغت",
    "ردت",
    "قررت",
    "وافقت",
    "أدانت",
    "رحبت",
    "استدعت",
    "قطعت",
    "أرسلت",
    "اعتبرت",
    "أعربت",
    "طلبت",
    "سعت",
    "فرضت",
    "تسعى",
    "ترفض",
    "تتهم",
    "تطالب",
    "تؤكد",
    "تنفي",
    "تدعو",
    "تحذر",
    "تهدد",
    "تعلن",
    "تواصل",
    "تقول",
    "تعمل",
    "تضغط",
    "تريد",
    "تحاول",
    "ترى",
    "تعتبر",
    "أعلن",
    "قال",
    "أكد",
    "نفى",
];

/// What is done to a government (before على, ضد or ل): «العقوبات المفروضة على طهران».
const MEASURES: [&str; 19] = [
    "المفروض",
    "المفروضة",
    "عقوبات",
    "العقوبات",
    "ضغوط",
    "ضغوطا",
    "الضغط",
    "الضغوط",
    "حظر",
    "الحظر",
    "السلاح",
    "الأسلحة",
    "حربا",
    "هجوما",
    "اتهامات",
    "دعم",
    "الدعم",
    "رسالة",
    "تهديدات",
];

/// Words that make what follows a government's: «علاقات الدوحة».
const OF_A_GOVERNMENT: [&str; 6] = ["علاقات", "العلاقات", "علاقة", "حكومة", "سياسة", "نظام"];

fn folded_set(words: &[&str]) -> std::collections::HashSet<String> {
    words.iter().map(|w| arabic::fold(w)).collect()
}

/// Why a capital found at folded characters `range` stands for its
/// government, in the words of its context; `None` where it is a place.
pub(crate) fn government_context(folded: &Folded, range: std::ops::Range<usize>) -> Option<String> {
    static ACT: LazyLock<std::collections::HashSet<String>> = LazyLock::new(|| folded_set(&ACTS));
    static MEASURE: LazyLock<std::collections::HashSet<String>> =
        LazyLock::new(|| folded_set(&MEASURES));
    static OF: LazyLock<std::collections::HashSet<String>> =
        LazyLock::new(|| folded_set(&OF_A_GOVERNMENT));
    let chars = &folded.chars;
    let mut word_start = range.start;
    while word_start > 0 && chars[word_start - 1].is_alphanumeric() {
        word_start -= 1;
    }
    let prefix: String = chars[word_start..range.start].iter().collect();
    let before = word_before(chars, word_start);
    let before2 = before.as_ref().and_then(|(_, at)| word_before(chars, *at));
    let after = word_after(chars, range.end);
    let name: String = chars[range.clone()].iter().collect();
    let strip = |w: &str| -> String {
        w.strip_prefix('و')
            .or_else(|| w.strip_prefix('ف'))
            .filter(|rest| ACT.contains(*rest))
            .unwrap_or(w)
            .to_owned()
    };
    if let Some((w, _)) = &before {
        let w = strip(w);
        if ACT.contains(&w) {
            return Some(format!("«{w} {name}»"));
        }
        if OF.contains(&w) {
            return Some(format!("«{w} {name}»"));
        }
        if prefix.ends_with('ل') && MEASURE.contains(&w) {
            return Some(format!("«{w} ل{name}»"));
        }
        if (w == "علي" || w == "ضد")
            && let Some((w2, _)) = &before2
            && MEASURE.contains(w2)
        {
            return Some(format!("«{w2} {w} {name}»"));
        }
    }
    if let Some(w) = after
        && ACT.contains(&w)
    {
        return Some(format!("«{name} {w}»"));
    }
    None
}

/// The word ending just before `at` (spaces only between), and where it starts.
fn word_before(chars: &[char], at: usize) -> Option<(String, usize)> {
    let mut end = at;
    while end > 0 && chars[end - 1] == ' ' {
        end -= 1;
    }
    if end == at && at > 0 {
        return None;
    }
    let mut start = end;
    while start > 0 && chars[start - 1].is_alphanumeric() {
        start -= 1;
    }
    (start < end).then(|| (chars[start..end].iter().collect(), start))
}

/// The word starting just after `at` (spaces only between).
fn word_after(chars: &[char], at: usize) -> Option<String> {
    let mut start = at;
    while start < chars.len() && chars[start] == ' ' {
        start += 1;
    }
    if start == at {
        return None;
    }
    let mut end = start;
    while end < chars.len() && chars[end].is_alphanumeric() {
        end += 1;
    }
    (start < end).then(|| chars[start..end].iter().collect())
}

/// The word after folded characters `at`, when spaces only lead to it.
pub(crate) fn next_word(folded: &Folded, at: usize) -> Option<String> {
    word_after(&folded.chars, at)
}
