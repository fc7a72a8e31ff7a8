//! Editing user text: the text, a caret and a selection counted in code
//! points, insertion and deletion at logical positions, and undo. Caret
//! movement by arrow keys is *visual* (Left goes left on screen, inside
//! Arabic as inside English), as in browsers, GTK and Qt; it asks the layout
//! where each caret position is drawn.

use super::TextLayout;
use super::layout::word_at;
use crate::model::text::CharIndex;
use std::ops::Range;

/// How many edits undo remembers within one field.
const UNDO_DEPTH: usize = 100;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EditState {
    text: String,
    /// Where the caret is: a code-point offset, 0..=len.
    pub caret: usize,
    /// The other end of the selection; equal to `caret` when nothing is selected.
    pub anchor: usize,
    undo: Vec<(String, usize)>,
    redo: Vec<(String, usize)>,
}

impl EditState {
    pub fn new(text: &str) -> Self {
        let len = text.chars().count();
        Self {
            text: text.to_owned(),
            caret: len,
            anchor: len,
            undo: Vec::new(),
            redo: Vec::new(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn char_len(&self) -> usize {
        self.text.chars().count()
    }

    /// Replaces the text from outside (the value changed elsewhere), keeping the caret in range.
    pub fn set_text(&mut self, text: &str) {
        if text != self.text {
            text.clone_into(&mut self.text);
            let len = self.char_len();
            self.caret = self.caret.min(len);
            self.anchor = self.anchor.min(len);
        }
    }

    pub fn selection(&self) -> Range<usize> {
        self.caret.min(self.anchor)..self.caret.max(self.anchor)
    }

    pub fn selected_text(&self) -> &str {
        let index = CharIndex::new(&self.text);
        index
            .byte_range(self.selection())
            .map_or("", |r| &self.text[r])
    }

    /// Puts the caret at `offset`; with `extend`, the selection grows from its anchor.
    pub fn move_to(&mut self, offset: usize, extend: bool) {
        self.caret = offset.min(self.char_len());
        if !extend {
            self.anchor = self.caret;
        }
    }

    pub fn select(&mut self, range: Range<usize>) {
        let len = self.char_len();
        self.anchor = range.start.min(len);
        self.caret = range.end.min(len);
    }

    pub fn select_all(&mut self) {
        self.select(0..self.char_len());
    }

    pub fn select_word_at(&mut self, offset: usize) {
        let word = word_at(&self.text, offset);
        self.select(word);
    }

    fn remember(&mut self) {
        self.undo.push((self.text.clone(), self.caret));
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    fn replace(&mut self, range: Range<usize>, with: &str) {
        let index = CharIndex::new(&self.text);
        let Some(bytes) = index.byte_range(range.clone()) else {
            return;
        };
        self.remember();
        self.text.replace_range(bytes, with);
        self.caret = range.start + with.chars().count();
        self.anchor = self.caret;
    }

    /// Types `text` at the caret, replacing the selection.
    pub fn insert(&mut self, text: &str) {
        self.replace(self.selection(), text);
    }

    /// Backspace: the selection, or the character logically before the caret.
    pub fn delete_backward(&mut self) {
        let selection = self.selection();
        if !selection.is_empty() {
            self.replace(selection, "");
        } else if self.caret > 0 {
            self.replace(self.caret - 1..self.caret, "");
        }
    }

    /// Delete: the selection, or the character logically after the caret.
    pub fn delete_forward(&mut self) {
        let selection = self.selection();
        if !selection.is_empty() {
            self.replace(selection, "");
        } else if self.caret < self.char_len() {
            self.replace(self.caret..self.caret + 1, "");
        }
    }

    /// Removes and returns the selection (Ctrl+X).
    pub fn cut(&mut self) -> String {
        let cut = self.selected_text().to_owned();
        if !cut.is_empty() {
            self.replace(self.selection(), "");
        }
        cut
    }

    pub fn undo(&mut self) {
        if let Some((text, caret)) = self.undo.pop() {
            self.redo
                .push((std::mem::replace(&mut self.text, text), self.caret));
            self.move_to(caret, false);
        }
    }

    pub fn redo(&mut self) {
        if let Some((text, caret)) = self.redo.pop() {
            self.undo
                .push((std::mem::replace(&mut self.text, text), self.caret));
            self.move_to(caret, false);
        }
    }

    /// The caret one step left (`step` < 0) or right on screen, on its visual line.
    pub fn visual_neighbour(&self, layout: &TextLayout, step: i32) -> usize {
        visual_neighbour(layout, self.caret, step)
    }
}

/// The caret offset next to `offset` on screen: the nearest caret position
/// strictly left of it (`step` < 0) or right of it, on the same visual line.
/// At the end of a line it goes on to the neighbouring line, logically.
pub fn visual_neighbour(layout: &TextLayout, offset: usize, step: i32) -> usize {
    let Some(here) = layout.caret_rect(offset) else {
        return offset;
    };
    let Some(line) = layout
        .lines
        .iter()
        .find(|l| l.top <= here.center().y && here.center().y < l.top + l.height)
    else {
        return offset;
    };
    let x = here.center().x;
    let candidates = line.chars.start..=line.chars.end.max(line.chars.start);
    let mut best: Option<(f32, usize)> = None;
    for candidate in candidates {
        if candidate == offset {
            continue;
        }
        let Some(rect) = layout.caret_rect(candidate) else {
            continue;
        };
        let dx = rect.center().x - x;
        let on_the_side = if step < 0 { dx < -0.01 } else { dx > 0.01 };
        if on_the_side && best.is_none_or(|(d, _)| dx.abs() < d) {
            best = Some((dx.abs(), candidate));
        }
    }
    match best {
        Some((_, candidate)) => candidate,
        // Off the end of the line: continue logically, as other programs do.
        None if (step < 0) != line.rtl => line.chars.start.saturating_sub(1).min(offset),
        None => (line.chars.end + 1).min(layout.char_len()).max(offset),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{TextEngine, TextStyle};

    fn layout(text: &str) -> TextLayout {
        TextLayout::new(&mut TextEngine::new(), text, None, TextStyle::default())
    }

    #[test]
    fn typing_inserts_at_the_logical_caret() {
        let mut edit = EditState::new("قطر Qatar");
        edit.move_to(3, false);
        edit.insert(" 2020");
        assert_eq!(edit.text(), "قطر 2020 Qatar");
        assert_eq!(edit.caret, 8);
        edit.select(0..3);
        edit.insert("الدوحة");
        assert_eq!(edit.text(), "الدوحة 2020 Qatar");
    }

    #[test]
    fn backspace_removes_the_logically_previous_character() {
        let mut edit = EditState::new("الشيخ تميم بن حمد آل ثاني");
        edit.move_to(10, false); // after تميم
        edit.delete_backward();
        assert_eq!(edit.text(), "الشيخ تمي بن حمد آل ثاني");
        assert_eq!(edit.caret, 9);
        edit.delete_forward();
        assert_eq!(edit.text(), "الشيخ تميبن حمد آل ثاني");
        edit.undo();
        edit.undo();
        assert_eq!(edit.text(), "الشيخ تميم بن حمد آل ثاني");
        edit.redo();
        assert_eq!(edit.text(), "الشيخ تمي بن حمد آل ثاني");
    }

    #[test]
    fn cut_and_selection_text() {
        let mut edit = EditState::new("قطر 2020 Qatar");
        edit.select(4..8);
        assert_eq!(edit.selected_text(), "2020");
        assert_eq!(edit.cut(), "2020");
        assert_eq!(edit.text(), "قطر  Qatar");
        edit.select_word_at(6);
        assert_eq!(edit.selected_text(), "Qatar");
    }

    /// In `قطر 2020 Qatar` shown right to left, the caret positions run, from
    /// the right edge leftwards: 0 (before ق) … 3 (after ر), then the number
    /// and the Latin word each read left to right inside.
    #[test]
    fn caret_positions_in_a_mixed_line() {
        let text = "قطر 2020 Qatar";
        let layout = layout(text);
        let x = |offset| layout.caret_rect(offset).unwrap().center().x;
        assert!(
            x(0) > x(1) && x(1) > x(2) && x(2) > x(3),
            "Arabic carets go leftwards"
        );
        assert!(
            x(5) < x(6) && x(6) < x(7),
            "inside the number carets go rightwards"
        );
        assert!(
            x(10) < x(11) && x(13) < x(14),
            "inside Qatar carets go rightwards"
        );
        assert!(x(3) > x(6), "the number is left of قطر");
        assert!(x(11) < x(6), "Qatar is left of the number");
    }

    #[test]
    fn arrow_keys_move_visually() {
        let text = "قطر 2020 Qatar";
        let layout = layout(text);
        // From the logical start (right edge), Left walks into the Arabic word.
        assert_eq!(visual_neighbour(&layout, 0, -1), 1);
        assert_eq!(visual_neighbour(&layout, 1, 1), 0);
        // Inside the Latin word, Left goes back logically.
        assert_eq!(visual_neighbour(&layout, 12, -1), 11);
        assert_eq!(visual_neighbour(&layout, 12, 1), 13);
        // Every caret position is reached by walking left from the right edge.
        let mut seen = std::collections::BTreeSet::new();
        let mut at = 0;
        for _ in 0..40 {
            seen.insert(at);
            at = visual_neighbour(&layout, at, -1);
        }
        // A position left out shares its place on screen with one reached
        // (the two sides of a direction change), as in browsers.
        let x = |offset| layout.caret_rect(offset).unwrap().center().x;
        for offset in 0..=text.chars().count() {
            assert!(
                seen.contains(&offset) || seen.iter().any(|&s| (x(s) - x(offset)).abs() < 0.5),
                "caret {offset} unreachable: {seen:?}"
            );
        }
    }

    #[test]
    fn the_long_name_edits_in_place() {
        let name = "الشيخ تميم بن حمد آل ثاني";
        let layout = layout(name);
        let x = |offset| layout.caret_rect(offset).unwrap().center().x;
        for offset in 0..name.chars().count() {
            assert!(
                x(offset) > x(offset + 1) - 0.01,
                "caret {offset} is not left of {}",
                offset + 1
            );
        }
    }
}
