//! The reader: an article body laid out by the bidi engine, with highlights
//! painted behind their glyphs, mouse selection, copy, and jump-to-span.

use super::text_resources::TextResources;
use super::theme::{self, HighlightKind};
use crate::model::{Article, HighlightId};
use crate::text::layout::word_at;
use crate::text::paint::paint_lines;
use crate::text::{TextLayout, TextStyle};
use egui::{Rect, Sense, Stroke, StrokeKind, Vec2, vec2};
use std::ops::Range;

const MARGIN: f32 = 16.0;
/// How long a jumped-to span glows, in seconds.
const FLASH_SECONDS: f64 = 1.2;

/// A highlight as the reader needs it: where, what kind, and its tag's name.
#[derive(Debug, Clone)]
pub struct ShownHighlight {
    pub id: HighlightId,
    pub range: Range<usize>,
    pub kind: HighlightKind,
    pub label: String,
    /// The actor it marks, if it marks one (for linked mode).
    pub actor: Option<crate::model::ActorId>,
    /// Outlined, e.g. because the same actor is under the pointer in the other pane.
    pub emphasised: bool,
}

/// The characters on the lines `viewport` shows.
fn visible_chars(layout: &TextLayout, viewport: Rect) -> Range<usize> {
    let lines = layout.lines_in((viewport.min.y - MARGIN)..(viewport.max.y - MARGIN + 1.0));
    match (
        layout.lines.get(lines.start),
        layout.lines.get(lines.end.saturating_sub(1)),
    ) {
        (Some(first), Some(last)) if !lines.is_empty() => {
            first.chars.start..last.chars.end.max(first.chars.start + 1)
        }
        _ => 0..0,
    }
}

/// Each highlight on screen as a node of the accessibility tree under the
/// article's text (AccessKit's `Mark`, named by its kind, words and tag), so
/// a screen reader can go from one to the next. The widgets sense nothing
/// but hover, which never takes the pointer from the reader beneath them.
fn accessible_highlights(
    ui: &mut egui::Ui,
    (document, viewport): (egui::Id, Rect),
    (layout, origin): (&TextLayout, egui::Pos2),
    article: &Article,
    highlights: &[ShownHighlight],
) {
    // Only for a screen reader: with AccessKit off the document has no node.
    if ui.ctx().accesskit_node_builder(document, |_| ()).is_none() {
        return;
    }
    let shown = visible_chars(layout, viewport);
    let on_screen = highlights
        .iter()
        .filter(|h| h.range.start < shown.end && shown.start < h.range.end);
    ui.scope_builder(
        egui::UiBuilder::new().accessibility_parent(document),
        |ui| {
            for highlight in on_screen {
                let Some(rect) = layout
                    .range_rects(highlight.range.clone())
                    .into_iter()
                    .reduce(egui::Rect::union)
                else {
                    continue;
                };
                let id = document.with(("highlight", highlight.id.as_str()));
                let response = ui.interact(rect.translate(origin.to_vec2()), id, Sense::hover());
                let quote = crate::model::text::slice_chars(&article.body, highlight.range.clone())
                    .unwrap_or_default();
                let name = format!(
                    "{} highlight «{quote}»: {}",
                    highlight.kind.label(),
                    highlight.label
                );
                response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Mark, true, &name));
            }
        },
    );
}

/// The selection from `anchor` to `head` widened to whole words: the
/// word the drag started in, to the word it is in now (either way).
fn snap(body: &str, anchor: usize, head: usize) -> (usize, usize) {
    if head >= anchor {
        (word_start(body, anchor), word_end(body, head))
    } else {
        (word_end(body, anchor), word_start(body, head))
    }
}

/// The word around `offset` (code points), looked for near it only, so a
/// long article costs no more than a short one.
fn word_near(body: &str, offset: usize) -> Option<Range<usize>> {
    const REACH: usize = 200;
    let from = offset.saturating_sub(REACH);
    let window: String = body.chars().skip(from).take(2 * REACH).collect();
    let word = word_at(&window, offset - from);
    let text: String = window.chars().skip(word.start).take(word.len()).collect();
    (word.contains(&(offset - from)) && text.chars().any(char::is_alphanumeric))
        .then(|| word.start + from..word.end + from)
}

fn word_start(body: &str, offset: usize) -> usize {
    word_near(body, offset).map_or(offset, |w| w.start)
}

fn word_end(body: &str, offset: usize) -> usize {
    match offset.checked_sub(1) {
        Some(last) => word_near(body, last).map_or(offset, |w| w.end),
        None => offset,
    }
}

/// What the reader's context menu is about.
#[derive(Debug, Clone, PartialEq)]
pub enum MenuTarget {
    /// The highlight under the pointer (now the selected one).
    Highlight(HighlightId),
    /// The text selection the pointer was on.
    Selection(Range<usize>),
}

/// What happened in the reader this frame.
#[derive(Debug, Clone, PartialEq)]
pub enum ReaderEvent {
    HighlightClicked(HighlightId),
    /// The text selection or the selected highlight is not what it was.
    SelectionChanged,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Selection {
    anchor: usize,
    head: usize,
}

/// Characters laid out at once when an article opens or the pane changes
/// width: more than a screenful, so the first frame is whole.
const FIRST_CHARS: usize = 6_000;
/// Characters of a long article laid out in each later frame, until it is whole.
const CHARS_PER_FRAME: usize = 5_000;

#[derive(Debug, Clone, PartialEq)]
struct LayoutKey {
    body_hash: String,
    width: f32,
    style: TextStyle,
}

/// One reader pane's state: its cached layout, selection and pending jump.
#[derive(Debug)]
pub struct Reader {
    id_salt: String,
    layout: Option<(LayoutKey, TextLayout)>,
    selection: Option<Selection>,
    pub selected_highlight: Option<HighlightId>,
    hovered_highlight: Option<HighlightId>,
    pending_jump: Option<Range<usize>>,
    flash: Option<(Range<usize>, f64)>,
    /// How many times the body was laid out (the cache's effect is visible in tests).
    pub layouts_made: usize,
    /// Where the layout's top-left was on screen last frame.
    origin: Option<egui::Pos2>,
    /// The current mouse press has already placed the selection's anchor.
    press_taken: bool,
    /// The character at the bottom of the pane last frame: a new layout
    /// (another width) covers at least that much at once.
    visible_end: usize,
    /// What the open context menu is about.
    menu_target: Option<MenuTarget>,
    /// Where the current drag started (the selection's anchor before snapping to words).
    drag_anchor: Option<usize>,
    /// The pane has the keyboard (it is in focus and no field is typed in):
    /// Shift+arrows select, Tab goes from highlight to highlight.
    pub keys_active: bool,
}

impl Reader {
    pub fn new(name: &str) -> Self {
        Self {
            id_salt: format!("reader-{name}"),
            layout: None,
            selection: None,
            selected_highlight: None,
            hovered_highlight: None,
            pending_jump: None,
            flash: None,
            layouts_made: 0,
            origin: None,
            press_taken: false,
            visible_end: 0,
            menu_target: None,
            drag_anchor: None,
            keys_active: false,
        }
    }

    /// The selection as a code-point range of the body (what highlights store).
    pub fn selection(&self) -> Option<Range<usize>> {
        let s = self.selection?;
        let range = s.anchor.min(s.head)..s.anchor.max(s.head);
        (!range.is_empty()).then_some(range)
    }

    pub fn set_selection(&mut self, range: Option<Range<usize>>) {
        self.selection = range.map(|r| Selection {
            anchor: r.start,
            head: r.end,
        });
    }

    /// Scrolls so that `range` is visible and makes it flash.
    pub fn jump_to(&mut self, range: Range<usize>) {
        self.pending_jump = Some(range);
    }

    /// Forgets the selection and layout, for when another article is shown.
    pub fn reset(&mut self) {
        self.layout = None;
        self.visible_end = 0;
        self.selection = None;
        self.selected_highlight = None;
        self.pending_jump = None;
        self.flash = None;
    }

    /// The layout on screen, for tests and for placing pop-ups beside the selection.
    pub fn layout(&self) -> Option<&TextLayout> {
        self.layout.as_ref().map(|(_, l)| l)
    }

    fn ensure_layout(
        &mut self,
        text: &mut TextResources,
        article: &Article,
        width: f32,
        style: TextStyle,
    ) -> &TextLayout {
        let key = LayoutKey {
            body_hash: article.body_hash.clone(),
            width: width.round(),
            style,
        };
        // What must be laid out this frame: what was on screen, and where a jump goes.
        let needed = self
            .visible_end
            .max(self.pending_jump.as_ref().map_or(0, |r| r.end))
            + FIRST_CHARS;
        match &mut self.layout {
            Some((k, layout)) if *k == key => {
                if !layout.is_complete() {
                    let more = needed
                        .saturating_sub(layout.laid_chars())
                        .max(CHARS_PER_FRAME);
                    layout.extend(&mut text.engine, &article.body, more);
                }
            }
            _ => {
                self.layouts_made += 1;
                let layout =
                    TextLayout::begin(&mut text.engine, &article.body, key.width, style, needed);
                self.layout = Some((key, layout));
            }
        }
        &self.layout.as_ref().expect("just laid out").1
    }

    /// Shows `article` filling the available space.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        text: &mut TextResources,
        article: &Article,
        highlights: &[ShownHighlight],
        style: TextStyle,
        menu: &mut dyn FnMut(&mut egui::Ui, &MenuTarget),
    ) -> Vec<ReaderEvent> {
        let mut events = Vec::new();
        let before = (self.selection(), self.selected_highlight.clone());
        let width = (ui.available_width() - 2.0 * MARGIN - ui.spacing().scroll.bar_width).max(50.0);
        if !self
            .ensure_layout(text, article, width, style)
            .is_complete()
        {
            // The rest of a long article is laid out over the next frames.
            ui.ctx().request_repaint();
        }
        egui::ScrollArea::vertical()
            .id_salt(&self.id_salt)
            .auto_shrink(false)
            .show_viewport(ui, |ui, viewport| {
                self.show_body(ui, viewport, text, article, highlights, &mut events, menu);
            });
        if (self.selection(), self.selected_highlight.clone()) != before {
            events.push(ReaderEvent::SelectionChanged);
        }
        events
    }

    #[expect(
        clippy::too_many_arguments,
        reason = "the reader's parts drawn in one pass share the frame's borrowed state"
    )]
    fn show_body(
        &mut self,
        ui: &mut egui::Ui,
        viewport: Rect,
        text: &mut TextResources,
        article: &Article,
        highlights: &[ShownHighlight],
        events: &mut Vec<ReaderEvent>,
        menu: &mut dyn FnMut(&mut egui::Ui, &MenuTarget),
    ) {
        let Some((key, layout)) = self.layout.take() else {
            return;
        };
        let size = vec2(layout.width + 2.0 * MARGIN, layout.height + 2.0 * MARGIN);
        let (rect, response) = ui.allocate_exact_size(size, Sense::click_and_drag());
        let origin = rect.min + Vec2::splat(MARGIN);
        self.origin = Some(origin);
        let title = article.title.clone();
        response.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::Document, true, format!("Article text: {title}"))
        });
        let now = ui.input(|i| i.time);
        if let Some(range) = self.pending_jump.take() {
            let rects = layout.range_rects(range.clone());
            if let Some(first) = rects.first() {
                ui.scroll_to_rect(first.translate(origin.to_vec2()), Some(egui::Align::Center));
            }
            self.flash = Some((range, now));
        }

        let at = (&layout, origin);
        self.pointer(ui, &response, at, article, highlights, events);
        if self.keys_active {
            self.keyboard(ui, at, article, highlights, viewport);
        }
        self.right_click(&response, at, highlights, events, menu);
        self.hover(&response, at, highlights, text);
        // Copy in logical order.
        if response.has_focus()
            && ui.input(|i| i.events.iter().any(|e| matches!(e, egui::Event::Copy)))
            && let Some(range) = self.selection()
            && let Some(copied) = crate::model::text::slice_chars(&article.body, range)
        {
            ui.ctx().copy_text(copied.to_owned());
        }

        self.paint(ui, (rect, viewport), at, highlights, text);
        accessible_highlights(ui, (response.id, viewport), at, article, highlights);
        self.layout = Some((key, layout));
    }

    /// Coding without the mouse: Shift+Left/Right extend the selection by a
    /// character and Ctrl+Shift+Left/Right by a word, in the order they are
    /// seen (left is onward in Arabic), as in the text fields; Tab and
    /// Shift+Tab go to the next and previous highlight of the article.
    fn keyboard(
        &mut self,
        ui: &egui::Ui,
        (layout, origin): (&TextLayout, egui::Pos2),
        article: &Article,
        highlights: &[ShownHighlight],
        viewport: Rect,
    ) {
        use egui::{Key, Modifiers};
        let (step, by_word, tab) = ui.input_mut(|i| {
            let word_shift = Modifiers::COMMAND | Modifiers::SHIFT;
            let step_by = |i: &mut egui::InputState, modifiers| {
                if i.consume_key(modifiers, Key::ArrowLeft) {
                    Some(-1)
                } else if i.consume_key(modifiers, Key::ArrowRight) {
                    Some(1)
                } else {
                    None
                }
            };
            let word = step_by(i, word_shift);
            let character = if word.is_none() {
                step_by(i, Modifiers::SHIFT)
            } else {
                None
            };
            let tab = if i.consume_key(Modifiers::SHIFT, Key::Tab) {
                Some(-1)
            } else if i.consume_key(Modifiers::NONE, Key::Tab) {
                Some(1)
            } else {
                None
            };
            (word.or(character), word.is_some(), tab)
        });
        if let Some(direction) = tab {
            let mut order: Vec<&ShownHighlight> = highlights.iter().collect();
            order.sort_by_key(|h| (h.range.start, h.range.end));
            let current = self
                .selected_highlight
                .as_ref()
                .and_then(|id| order.iter().position(|h| &h.id == id));
            let next = match (current, direction) {
                (Some(i), 1) => (i + 1) % order.len().max(1),
                (Some(i), _) => (i + order.len() - 1) % order.len().max(1),
                (None, 1) => 0,
                (None, _) => order.len().saturating_sub(1),
            };
            if let Some(h) = order.get(next) {
                self.selected_highlight = Some(h.id.clone());
                self.selection = None;
                self.pending_jump = Some(h.range.clone());
            }
        }
        let Some(step) = step else {
            return;
        };
        let (anchor, head) = if let Some(s) = self.selection {
            (s.anchor, s.head)
        } else {
            // From the selected highlight's end, else the first line in view.
            let from = self
                .selected_highlight
                .as_ref()
                .and_then(|id| highlights.iter().find(|h| &h.id == id))
                .map(|h| h.range.end)
                .or_else(|| {
                    let y = viewport.top() - MARGIN;
                    layout
                        .line_at_y(y.max(0.0))
                        .map(|l| layout.lines[l].chars.start)
                })
                .unwrap_or(0);
            (from, from)
        };
        let mut next = crate::text::editing::visual_neighbour(layout, head, step);
        if by_word && next != head {
            // The step on screen says which way the text goes; then past
            // spaces and punctuation to the far edge of the next word.
            let chars: Vec<char> = article.body.chars().collect();
            let word = |i: usize| chars.get(i).is_some_and(|c| c.is_alphanumeric());
            let forward = next > head;
            next = head;
            if forward {
                while next < chars.len() && !word(next) {
                    next += 1;
                }
                while word(next) {
                    next += 1;
                }
            } else {
                while next > 0 && !word(next - 1) {
                    next -= 1;
                }
                while next > 0 && word(next - 1) {
                    next -= 1;
                }
            }
        }
        self.selection = Some(Selection { anchor, head: next });
        self.selected_highlight = None;
        if let Some(caret) = layout.caret_rect(next) {
            ui.scroll_to_rect(caret.translate(origin.to_vec2()), None);
        }
    }

    /// Press and drag select, double-click selects a word, a click on a
    /// highlight selects it.
    fn pointer(
        &mut self,
        ui: &egui::Ui,
        response: &egui::Response,
        (layout, origin): (&TextLayout, egui::Pos2),
        article: &Article,
        highlights: &[ShownHighlight],
        events: &mut Vec<ReaderEvent>,
    ) {
        let to_layout = |p: egui::Pos2| p - origin.to_vec2();
        // A press starts a selection at the press position. It is taken once per
        // press, on the first frame egui reports the button down on this widget
        // (not always the frame the press arrived in).
        let (press_origin, any_down, primary_down, modifiers) = ui.input(|i| {
            (
                i.pointer.press_origin(),
                i.pointer.any_down(),
                i.pointer.primary_down(),
                i.modifiers,
            )
        });
        // Dragging selects whole words, as word processors do; with Alt, characters.
        let by_word = !modifiers.alt;
        if !any_down {
            self.press_taken = false;
        }
        // Only the primary button selects: a right-click keeps the selection for its menu.
        if response.is_pointer_button_down_on()
            && primary_down
            && !self.press_taken
            && let Some(origin_pos) = press_origin
        {
            self.press_taken = true;
            let p = to_layout(origin_pos);
            let offset = layout.hit(p.x, p.y);
            // Shift+click extends the selection there is to the press.
            self.selection = match self.selection {
                Some(selection) if modifiers.shift => {
                    let head = if by_word {
                        snap(&article.body, selection.anchor, offset).1
                    } else {
                        offset
                    };
                    Some(Selection {
                        anchor: selection.anchor,
                        head,
                    })
                }
                _ => Some(Selection {
                    anchor: offset,
                    head: offset,
                }),
            };
            self.drag_anchor = self.selection.map(|s| s.anchor);
            response.request_focus();
        }
        if response.dragged()
            && let Some(pos) = response.interact_pointer_pos()
            && let Some(selection) = &mut self.selection
        {
            let p = to_layout(pos);
            let head = layout.hit(p.x, p.y);
            let anchor = self.drag_anchor.unwrap_or(selection.anchor);
            (selection.anchor, selection.head) = if by_word && head != anchor {
                snap(&article.body, anchor, head)
            } else {
                (anchor, head)
            };
        }
        if response.double_clicked()
            && let Some(pos) = response.interact_pointer_pos()
        {
            let p = to_layout(pos);
            if let Some(c) = layout.char_at(p.x, p.y) {
                let word = word_at(&article.body, c);
                self.selection = Some(Selection {
                    anchor: word.start,
                    head: word.end,
                });
            }
        } else if response.clicked()
            && !modifiers.shift
            && let Some(pos) = response.interact_pointer_pos()
        {
            response.request_focus();
            let p = to_layout(pos);
            let under = layout
                .char_at(p.x, p.y)
                .and_then(|c| innermost(highlights, c));
            self.selection = None;
            if let Some(h) = under {
                self.selected_highlight = Some(h.id.clone());
                events.push(ReaderEvent::HighlightClicked(h.id.clone()));
            }
        }
    }

    /// Right-click: a menu for the highlight under the pointer, or for the
    /// selection when the click is inside it.
    fn right_click(
        &mut self,
        response: &egui::Response,
        (layout, origin): (&TextLayout, egui::Pos2),
        highlights: &[ShownHighlight],
        events: &mut Vec<ReaderEvent>,
        menu: &mut dyn FnMut(&mut egui::Ui, &MenuTarget),
    ) {
        let to_layout = |p: egui::Pos2| p - origin.to_vec2();
        if response.secondary_clicked()
            && let Some(pos) = response.interact_pointer_pos()
        {
            let p = to_layout(pos);
            let c = layout.char_at(p.x, p.y);
            let in_selection = self
                .selection()
                .zip(c)
                .is_some_and(|(range, c)| range.contains(&c));
            self.menu_target = if in_selection {
                self.selection().map(MenuTarget::Selection)
            } else if let Some(h) = c.and_then(|c| innermost(highlights, c)) {
                self.selection = None;
                self.selected_highlight = Some(h.id.clone());
                events.push(ReaderEvent::HighlightClicked(h.id.clone()));
                Some(MenuTarget::Highlight(h.id.clone()))
            } else {
                None
            };
        }
        if let Some(target) = self.menu_target.clone() {
            let open = response.context_menu(|ui| menu(ui, &target)).is_some();
            if !open {
                self.menu_target = None;
            }
        }
    }

    /// Hover: which highlight is under the pointer, shown in a tooltip.
    fn hover(
        &mut self,
        response: &egui::Response,
        (layout, origin): (&TextLayout, egui::Pos2),
        highlights: &[ShownHighlight],
        text: &mut TextResources,
    ) {
        let to_layout = |p: egui::Pos2| p - origin.to_vec2();
        self.hovered_highlight = None;
        if let Some(pos) = response.hover_pos() {
            let p = to_layout(pos);
            if let Some(c) = layout.char_at(p.x, p.y) {
                let under: Vec<&ShownHighlight> =
                    highlights.iter().filter(|h| h.range.contains(&c)).collect();
                if let Some(inner) = under.iter().min_by_key(|h| h.range.len()) {
                    self.hovered_highlight = Some(inner.id.clone());
                    let labels: Vec<String> = under
                        .iter()
                        .map(|h| format!("{}: {}", h.kind.label(), h.label))
                        .collect();
                    response.clone().on_hover_ui_at_pointer(|ui| {
                        for label in &labels {
                            super::bidi_label::show(ui, text, label, 14.0);
                        }
                    });
                }
            }
        }
    }

    /// Paints only what is visible: backgrounds, selection, flash, then glyphs.
    fn paint(
        &mut self,
        ui: &egui::Ui,
        (rect, viewport): (Rect, Rect),
        (layout, origin): (&TextLayout, egui::Pos2),
        highlights: &[ShownHighlight],
        text: &mut TextResources,
    ) {
        let dark = ui.visuals().dark_mode;
        let now = ui.input(|i| i.time);
        let painter = ui.painter_at(rect.expand(2.0));
        let lines = layout.lines_in((viewport.min.y - MARGIN)..(viewport.max.y - MARGIN + 1.0));
        let visible_chars = visible_chars(layout, viewport);
        self.visible_end = visible_chars.end;
        let overlaps =
            |r: &Range<usize>| r.start < visible_chars.end && visible_chars.start < r.end;
        for highlight in highlights.iter().filter(|h| overlaps(&h.range)) {
            let fill = theme::highlight_fill(highlight.kind, dark);
            let marked = highlight.emphasised
                || self.selected_highlight.as_ref() == Some(&highlight.id)
                || self.hovered_highlight.as_ref() == Some(&highlight.id);
            for r in layout.range_rects(highlight.range.clone()) {
                let r = r.translate(origin.to_vec2());
                painter.rect_filled(r, 2.0, fill);
                if marked {
                    painter.rect_stroke(
                        r,
                        2.0,
                        Stroke::new(1.5, theme::highlight_outline(dark)),
                        StrokeKind::Outside,
                    );
                }
            }
        }
        if let Some(range) = self.selection() {
            for r in layout.range_rects(range) {
                painter.rect_filled(
                    r.translate(origin.to_vec2()),
                    0.0,
                    theme::selection_fill(dark),
                );
            }
        }
        if let Some((range, start)) = self.flash.clone() {
            #[expect(
                clippy::cast_possible_truncation,
                reason = "a fraction between 0 and 1 for the flash's strength"
            )]
            let strength = (1.0 - (now - start) / FLASH_SECONDS) as f32;
            if strength > 0.0 {
                for r in layout.range_rects(range) {
                    painter.rect_filled(
                        r.translate(origin.to_vec2()).expand(1.0),
                        2.0,
                        theme::flash(strength),
                    );
                }
                ui.ctx().request_repaint();
            } else {
                self.flash = None;
            }
        }
        let color = ui.visuals().text_color();
        paint_lines(
            &painter,
            &mut text.engine,
            &mut text.atlas,
            layout,
            lines,
            origin,
            color,
        );
    }

    /// The screen position of a point of the layout, as of the last frame.
    pub fn to_screen(&self, layout_point: egui::Pos2) -> Option<egui::Pos2> {
        Some(self.origin? + layout_point.to_vec2())
    }

    /// The highlight under the pointer, if any.
    pub fn hovered_highlight(&self) -> Option<&HighlightId> {
        self.hovered_highlight.as_ref()
    }

    /// Where the selection ends on screen, to put the tagging pop-up beside it.
    pub fn selection_end_rect(&self) -> Option<Rect> {
        let range = self.selection()?;
        let rect = *self.layout()?.range_rects(range).last()?;
        Some(Rect::from_min_max(
            self.to_screen(rect.min)?,
            self.to_screen(rect.max)?,
        ))
    }

    /// Whether `id` is the highlight under the pointer now.
    pub fn is_hovered(&self, id: &HighlightId) -> bool {
        self.hovered_highlight.as_ref() == Some(id)
    }
}

/// The shortest highlight containing char `c`: the innermost of nested ones.
fn innermost(highlights: &[ShownHighlight], c: usize) -> Option<&ShownHighlight> {
    highlights
        .iter()
        .filter(|h| h.range.contains(&c))
        .min_by_key(|h| h.range.len())
}
