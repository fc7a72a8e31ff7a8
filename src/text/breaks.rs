//! Where a line may break, as a browser decides it, and the text handed to
//! cosmic-text so that it breaks only there.
//!
//! cosmic-text finds break opportunities in each direction run alone, so it
//! may cut a word where its script changes («و|2021.», «الـ|FBI»); and it
//! follows UAX #14 where Chromium also breaks after a space before closing
//! punctuation («قياسيا |.ويأتي»). The layout checks every line start
//! against the opportunities of the whole paragraph, and lays a paragraph
//! with a cut word out again in parts ([`Piece`]) that end where a browser
//! would have broken; a zero-width space after such a space gives cosmic-text
//! the browser's extra opportunity.

use unicode_bidi::BidiClass;
use unicode_linebreak::BreakClass;

/// Marks a character added to a piece's text: it stands for no character
/// of the article and never becomes a glyph of the layout.
pub const ADDED: usize = usize::MAX;

const ZERO_WIDTH_SPACE: char = '\u{200B}';
const LEFT_TO_RIGHT_MARK: char = '\u{200E}';
const RIGHT_TO_LEFT_MARK: char = '\u{200F}';
const ARABIC_LETTER_MARK: char = '\u{061C}';

/// One paragraph, or the part of one after a break Warraq chose, as given
/// to cosmic-text.
#[derive(Debug, Clone)]
pub struct Piece {
    /// The paragraph (of the chunk being laid out) it is part of.
    pub paragraph: usize,
    /// Where it starts in the whole text (a code point).
    pub start: usize,
    pub text: String,
    /// For each character of `text`: its code point in the whole text, or
    /// [`ADDED`].
    pub origin: Vec<usize>,
}

impl Piece {
    /// `paragraph` (its code points from `start` in the whole text) from its
    /// `from`th character on (all of it when 0) up to `to`. A part after the
    /// first starts with marks that give it the paragraph's direction and the
    /// strong direction of the text before it, so its numbers and neutrals
    /// resolve as they did in the whole paragraph.
    pub fn new(
        index: usize,
        paragraph: &str,
        start: usize,
        chars: std::ops::Range<usize>,
        rtl: bool,
        wrapping: bool,
    ) -> Self {
        let mut text = String::with_capacity(paragraph.len() + 8);
        let mut origin = Vec::with_capacity(chars.len() + 2);
        if chars.start > 0 {
            let direction = if rtl {
                RIGHT_TO_LEFT_MARK
            } else {
                LEFT_TO_RIGHT_MARK
            };
            text.push(direction);
            origin.push(ADDED);
            let context = paragraph
                .chars()
                .take(chars.start)
                .filter_map(|c| match unicode_bidi::bidi_class(c) {
                    BidiClass::L => Some(LEFT_TO_RIGHT_MARK),
                    BidiClass::R => Some(RIGHT_TO_LEFT_MARK),
                    BidiClass::AL => Some(ARABIC_LETTER_MARK),
                    _ => None,
                })
                .last();
            if let Some(context) = context.filter(|c| *c != direction) {
                text.push(context);
                origin.push(ADDED);
            }
        }
        let mut iter = paragraph
            .chars()
            .enumerate()
            .skip(chars.start)
            .take(chars.len())
            .peekable();
        while let Some((i, c)) = iter.next() {
            text.push(c);
            origin.push(start + i);
            if wrapping
                && let Some((_, next)) = iter.peek()
                && space_then_closing(c, *next)
            {
                text.push(ZERO_WIDTH_SPACE);
                origin.push(ADDED);
            }
        }
        Self {
            paragraph: index,
            start: start + chars.start,
            text,
            origin,
        }
    }
}

/// A space before closing punctuation, where Chromium breaks and UAX #14 does not.
fn space_then_closing(c: char, next: char) -> bool {
    unicode_linebreak::break_property(u32::from(c)) == BreakClass::Space
        && matches!(
            unicode_linebreak::break_property(u32::from(next)),
            BreakClass::ClosePunctuation
                | BreakClass::CloseParenthesis
                | BreakClass::Exclamation
                | BreakClass::InfixSeparator
                | BreakClass::Symbol
        )
}

/// The code points of `paragraph` before which a line may start: UAX #14's
/// opportunities over the whole paragraph, and after a space before closing
/// punctuation. Sorted.
pub fn opportunities(paragraph: &str) -> Vec<usize> {
    let mut byte_to_char = paragraph
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(paragraph.len()))
        .enumerate();
    let mut found = Vec::new();
    for (byte, _) in unicode_linebreak::linebreaks(paragraph) {
        if let Some((i, _)) = byte_to_char.find(|(_, b)| *b == byte) {
            found.push(i);
        }
    }
    let chars: Vec<char> = paragraph.chars().collect();
    for (i, pair) in chars.windows(2).enumerate() {
        if space_then_closing(pair[0], pair[1]) {
            found.push(i + 1);
        }
    }
    found.sort_unstable();
    found.dedup();
    found
}

/// The last opportunity strictly between `after` and `before`.
pub fn last_between(opportunities: &[usize], after: usize, before: usize) -> Option<usize> {
    let end = opportunities.partition_point(|&o| o < before);
    opportunities[..end].last().copied().filter(|&o| o > after)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_opportunity_inside_a_word_whose_script_changes() {
        let text = "عامي 2020 و2021. ويأتي الـFBI تسليط";
        let found = opportunities(text);
        let at = |needle: &str| text[..text.find(needle).unwrap()].chars().count();
        assert!(!found.contains(&(at("و2021") + 1)), "و|2021");
        assert!(!found.contains(&(at("FBI"))), "الـ|FBI");
        assert!(found.contains(&at("و2021")), "before و2021");
        assert!(found.contains(&at("تسليط")));
    }

    #[test]
    fn a_space_before_closing_punctuation_is_an_opportunity_as_in_chromium() {
        for text in ["قياسيا .ويأتي", "المسلمين )، لكنها", "قال ، ثم"]
        {
            let found = opportunities(text);
            let space = text.chars().position(|c| c == ' ').unwrap();
            assert!(found.contains(&(space + 1)), "{text}: {found:?}");
            let piece = Piece::new(0, text, 0, 0..text.chars().count(), true, true);
            assert!(piece.text.contains(ZERO_WIDTH_SPACE), "{text}");
            assert_eq!(piece.origin.iter().filter(|&&o| o == ADDED).count(), 1);
        }
    }

    #[test]
    fn a_later_part_keeps_the_paragraphs_direction_and_context() {
        let text = "بحث مكتب الـFBI تسليط";
        let from = text[..text.find("تسليط").unwrap()].chars().count();
        let piece = Piece::new(3, text, 100, from..text.chars().count(), true, true);
        // Right to left, after Latin: the paragraph's mark, then the context's.
        assert!(piece.text.starts_with("\u{200F}\u{200E}تسليط"));
        assert_eq!(piece.origin[2], 100 + from);
        // After an Arabic letter (the tatweel): the Arabic letter mark, so
        // a number after it resolves as it did in the whole paragraph.
        let from = text.chars().position(|c| c == 'F').unwrap();
        let piece = Piece::new(3, text, 100, from..text.chars().count(), true, true);
        assert!(piece.text.starts_with("\u{200F}\u{061C}FBI"));
        assert_eq!(piece.paragraph, 3);
        assert_eq!(last_between(&[0, 4, 9, 13], 4, 13), Some(9));
        assert_eq!(last_between(&[0, 4, 9, 13], 9, 13), None);
    }
}
