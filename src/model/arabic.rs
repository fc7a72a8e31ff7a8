//! Folding Arabic text for search: what an analyst types should find the
//! word however it is spelt or vocalised in the article.

/// Folds `text` for matching: drops diacritics (harakat, tanwin, shadda,
/// sukun, superscript alef) and tatweel, unifies the alef forms (أ إ آ ٱ → ا),
/// ta marbuta with ha (ة → ه) and alef maqsura with ya (ى → ي), and lowercases Latin.
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
    if matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}') {
        return;
    }
    let c = match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ة' => 'ه',
        'ى' => 'ي',
        c => c,
    };
    if c.is_ascii() {
        push(c.to_ascii_lowercase());
    } else {
        c.to_lowercase().for_each(push);
    }
}

/// Whether `haystack` contains `needle` once both are folded.
pub fn contains_folded(haystack: &str, needle: &str) -> bool {
    fold(haystack).contains(&fold(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

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
