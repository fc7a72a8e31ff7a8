//! Folding Arabic text for search: what an analyst types should find the
//! word however it is spelt or vocalised in the article.

/// Folds `text` for matching: drops diacritics (harakat, tanwin, shadda,
/// sukun, superscript alef), tatweel and the zero-width non-joiner, unifies
/// the alef forms (أ إ آ ٱ → ا), ta marbuta with ha (ة → ه) and alef maqsura
/// with ya (ى → ي), reads the Persian and Urdu letters of Arabic-script news
/// as their Arabic twins (ی ې ے → ي, ک → ك, ە ہ ھ ۀ → ه), Arabic-Indic and
/// Persian digits as 0–9, and lowercases Latin — so a name typed on a Persian
/// keyboard finds the Arabic spelling, and back.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, |f| folded.push(f));
    }
    folded
}

/// `fold` of one character, handed to `push` (nothing for a diacritic or
/// tatweel, more than one for some capitals); allocates nothing.
pub fn fold_char(c: char, mut push: impl FnMut(char)) {
    if matches!(
        c,
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' | '\u{200C}'
    ) {
        return;
    }
    let c = match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ة' | 'ە' | 'ہ' | 'ھ' | 'ۀ' => 'ه',
        'ى' | 'ی' | 'ې' | 'ے' => 'ي',
        'ک' => 'ك',
        c => western_digit(c).unwrap_or(c),
    };
    if c.is_ascii() {
        push(c.to_ascii_lowercase());
    } else {
        c.to_lowercase().for_each(push);
    }
}

/// An Arabic-Indic (٠–٩) or Persian (۰–۹) digit as its Western twin.
pub fn western_digit(c: char) -> Option<char> {
    let zero = match c {
        '٠'..='٩' => '٠',
        '۰'..='۹' => '۰',
        _ => return None,
    };
    char::from_digit(u32::from(c) - u32::from(zero), 10)
}

/// Whether `haystack` contains `needle` once both are folded.
pub fn contains_folded(haystack: &str, needle: &str) -> bool {
    fold(haystack).contains(&fold(needle))
}

/// A word folded and stripped of what Arabic attaches to it: a conjunction
/// (و ف), a preposition (ب ل ك), the article (ال, لل after ل) and the
/// common endings (the feminine ة, the nisba ي/ية, plurals and duals), so
/// that «بالدوحة» meets «الدوحة» and «القطرية» meets «قطر». Latin words are
/// only folded. Rough on purpose: it ranks type-ahead matches, it never
/// decides alone.
pub fn stem(word: &str) -> String {
    let folded: Vec<char> = fold(word).chars().collect();
    if !folded.iter().any(|c| ('\u{0621}'..='\u{064A}').contains(c)) {
        return folded.into_iter().collect();
    }
    let mut rest: &[char] = &folded;
    // Longest attached prefix that leaves a word of two letters or more.
    for len in (1..=4).rev() {
        if rest.len() >= len + 2 && is_attached(&rest[..len]) {
            rest = &rest[len..];
            break;
        }
    }
    for ending in [
        &['ي', 'ي', 'ن'][..],
        &['ي', 'و', 'ن'],
        &['ي', 'ه'],
        &['ي', 'ن'],
        &['و', 'ن'],
        &['ا', 'ن'],
        &['ا', 'ت'],
        &['ه'],
        &['ي'],
    ] {
        if rest.len() >= ending.len() + 2 && rest.ends_with(ending) {
            rest = &rest[..rest.len() - ending.len()];
            break;
        }
    }
    rest.iter().collect()
}

/// Every word of `text` stemmed, joined by single spaces.
pub fn stem_words(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric() && !('\u{064B}'..='\u{065F}').contains(&c))
        .filter(|w| !w.is_empty())
        .map(stem)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Something attached: a conjunction, a preposition and the article, each
/// optional, in that order (as "find other mentions" allows them).
fn is_attached(prefix: &[char]) -> bool {
    !prefix.is_empty() && is_prefix(prefix)
}

/// Attached prefixes: an optional conjunction (و ف), an optional preposition
/// (ب ل ك) and an optional article (ال, which after ل is written لل).
pub(crate) fn is_prefix(prefix: &[char]) -> bool {
    let mut rest = prefix;
    if let [c, tail @ ..] = rest
        && matches!(c, 'و' | 'ف')
    {
        rest = tail;
    }
    if let [c, tail @ ..] = rest
        && matches!(c, 'ب' | 'ل' | 'ك')
    {
        rest = tail;
    }
    matches!(rest, [] | ['ا', 'ل'] | ['ل'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn persian_and_urdu_spellings_meet_the_arabic_ones() {
        // Typed on a Persian keyboard, found in Arabic, and back.
        assert_eq!(fold("ایران"), fold("إيران"));
        assert_eq!(fold("کویت"), fold("الكويت").trim_start_matches("ال"));
        assert_eq!(
            fold("حزب‌الله"),
            fold("حزبالله"),
            "the zero-width non-joiner"
        );
        assert_eq!(fold("خامنه‌ای"), fold("خامنهاي"));
        assert_eq!(fold("۱۳۹۹"), "1399");
        assert_eq!(fold("٢٠٢٠"), "2020");
        assert_eq!(fold("پاکستان"), "پاكستان", "پ has no Arabic twin and stays");
        assert_eq!(fold("ہے"), fold("هي"));
        assert!(contains_folded("زار الرئيس الإيراني طهران", "طهران"));
        assert!(contains_folded("رئیس جمهور ایران", "ايران"));
    }

    #[test]
    fn inflected_forms_meet_their_names() {
        assert_eq!(stem("بالدوحة"), stem("الدوحة"));
        assert_eq!(stem("القطرية"), stem("قطر"));
        assert_eq!(stem("وقطر"), stem("قطر"));
        assert_eq!(stem_words("للولايات المتحدة"), stem_words("الولايات المتحدة"));
        assert_eq!(stem("Qatar"), "qatar");
        // Short words keep their letters.
        assert_eq!(stem("بن"), "بن");
    }

    #[test]
    fn folds_spelling_variants_from_the_seed_articles() {
        assert_eq!(fold("الأمريكية"), fold("الامريكيه"));
        assert_eq!(fold("تَمِيمٌ"), "تميم");
        assert_eq!(fold("بُعد"), "بعد");
        assert_eq!(fold("إيران"), "ايران");
        assert_eq!(fold("الأولى"), "الاولي");
        assert_eq!(fold("Qatar"), "qatar");
        assert!(contains_folded(
            "قائد القيادة المركزية للجيش الأميركي",
            "الاميركي"
        ));
        assert!(!contains_folded("الدوحة", "واشنطن"));
    }
}
