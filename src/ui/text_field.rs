//! A text field for user text (aliases, names, notes, search boxes), laid out
//! by the bidi engine so that Arabic, Latin and digits mix with the caret where
//! a browser puts it. egui's `TextEdit` loses the caret inside Arabic.
//!
//! Keys: Left/Right move the caret visually, Home/End to the start/end of the
//! line, Shift extends the selection, Backspace/Delete remove the logically
//! previous/next character, Ctrl+A/C/X/V/Z/Y as usual, Enter ends a one-line
//! field (and breaks the line in a multi-line one), Escape leaves the field.

use super::text_resources::TextResources;
use super::theme;
use crate::text::editing::EditState;
use crate::text::paint::paint_lines;
use crate::text::{TextLayout, TextStyle};
use egui::{Event, Key, Rect, Sense, Stroke, StrokeKind, pos2, vec2};

const PADDING: f32 = 4.0;
const FIELD_FOCUSED: &str = "warraq-text-field-focused";
const FOCUS_REQUEST: &str = "warraq-text-field-focus-request";

/// Whether a text field had the keyboard last frame: single-key shortcuts
/// (A, N, C, Delete…) must not fire while the analyst is typing.
pub fn any_field_focused(ctx: &egui::Context) -> bool {
    let pass = ctx.cumulative_pass_nr();
    ctx.data(|d| d.get_temp::<u64>(egui::Id::unique(FIELD_FOCUSED)))
        .is_some_and(|p| p + 1 >= pass)
}

/// Whether the analyst is typing: in one of our fields or in an egui text
/// edit. Keys that code, move or review act only when not.
pub fn typing(ctx: &egui::Context) -> bool {
    any_field_focused(ctx) || ctx.text_edit_focused()
}

/// Asks the field with accessible name `name` to take the keyboard when next shown.
pub fn request_focus(ctx: &egui::Context, name: &str) {
    ctx.data_mut(|d| d.insert_temp(egui::Id::unique(FOCUS_REQUEST), name.to_owned()));
}

fn take_focus_request(ctx: &egui::Context, name: &str) -> bool {
    let requested = ctx.data(|d| d.get_temp::<String>(egui::Id::unique(FOCUS_REQUEST)));
    if requested.as_deref() == Some(name) {
        ctx.data_mut(|d| d.remove::<String>(egui::Id::unique(FOCUS_REQUEST)));
        true
    } else {
        false
    }
}

/// A one-line or multi-line text field editing a `String` in place.
pub struct TextField<'a> {
    text: &'a mut String,
    name: &'a str,
    hint: &'a str,
    multiline: bool,
    width: Option<f32>,
    font_size: f32,
}

impl<'a> TextField<'a> {
    /// A one-line field; `name` is its accessible name (what screen readers and tests find it by).
    pub fn singleline(text: &'a mut String, name: &'a str) -> Self {
        Self {
            text,
            name,
            hint: "",
            multiline: false,
            width: None,
            font_size: 15.0,
        }
    }

    pub fn multiline(text: &'a mut String, name: &'a str) -> Self {
        Self {
            multiline: true,
            ..Self::singleline(text, name)
        }
    }

    #[must_use]
    pub fn hint(mut self, hint: &'a str) -> Self {
        self.hint = hint;
        self
    }

    #[must_use]
    pub fn width(mut self, width: f32) -> Self {
        self.width = Some(width);
        self
    }

    #[must_use]
    pub fn font_size(mut self, font_size: f32) -> Self {
        self.font_size = font_size;
        self
    }

    /// Shows the field; the response is `changed()` when the text was edited.
    pub fn show(self, ui: &mut egui::Ui, resources: &mut TextResources) -> egui::Response {
        let id = ui.make_persistent_id(("text-field", self.name));
        let mut edit: EditState = ui
            .data_mut(|d| d.get_temp(id))
            .unwrap_or_else(|| EditState::new(self.text));
        edit.set_text(self.text);
        let style = TextStyle {
            font_size: self.font_size,
            line_spacing: 1.5,
        };
        let width = self.width.unwrap_or_else(|| ui.available_width()).max(40.0);
        let inner_width = width - 2.0 * PADDING;
        let layout_width = self.multiline.then_some(inner_width);

        let layout = field_layout(resources, id, edit.text(), layout_width, style);
        let line_height = style.font_size * style.line_spacing;
        let height = if self.multiline {
            layout.height.max(line_height * 3.0)
        } else {
            line_height
        } + 2.0 * PADDING;
        let (rect, _) = ui.allocate_exact_size(vec2(width, height), Sense::hover());
        // The field's own stable id, so focus survives whatever is drawn before it.
        let mut response = ui.interact(rect, id, Sense::click_and_drag() | Sense::FOCUSABLE);
        let inner = rect.shrink(PADDING);
        let rtl = layout.lines.first().is_some_and(|l| l.rtl);
        // One-line text wider than the field scrolls to keep the caret in view.
        let mut scroll: f32 = ui.data(|d| d.get_temp(id.with("scroll"))).unwrap_or(0.0);
        let text_origin = |layout: &TextLayout, scroll: f32| {
            if self.multiline {
                inner.min
            } else if rtl && layout.width <= inner.width() {
                pos2(inner.right() - layout.width - layout.ink_left, inner.top())
            } else {
                pos2(inner.left() - layout.ink_left - scroll, inner.top())
            }
        };

        let before = edit.text().to_owned();
        let mut origin = text_origin(&layout, scroll);
        let mut layout = layout;
        if response.clicked() || response.drag_started() || take_focus_request(ui.ctx(), self.name)
        {
            response.request_focus();
        }
        pointer(ui, &mut response, id, &mut edit, (&layout, origin));

        if response.has_focus() {
            let pass = ui.ctx().cumulative_pass_nr();
            ui.ctx()
                .data_mut(|d| d.insert_temp(egui::Id::unique(FIELD_FOCUSED), pass));
            lock_focus(ui, response.id, self.multiline);
            let events = ui.input(|i| i.events.clone());
            let mut laid_out = edit.text().to_owned();
            for event in events {
                if self.handle_event(ui, &mut edit, &layout, &event) {
                    response.surrender_focus();
                }
                // Each key moves within the text as it is after the previous one.
                if edit.text() != laid_out {
                    layout = field_layout(resources, id, edit.text(), layout_width, style);
                    edit.text().clone_into(&mut laid_out);
                }
            }
        }

        if edit.text() != before {
            layout = field_layout(resources, id, edit.text(), layout_width, style);
            self.text.clear();
            self.text.push_str(edit.text());
            response.mark_changed();
        }

        // Keep the caret visible in a one-line field.
        let caret = layout
            .caret_rect(edit.caret)
            .unwrap_or(Rect::from_min_size(pos2(0.0, 0.0), vec2(0.0, line_height)));
        scroll = if self.multiline {
            0.0
        } else {
            scrolled_to_caret(
                scroll,
                caret.left() - layout.ink_left,
                layout.width,
                inner.width(),
            )
        };
        origin = text_origin(&layout, scroll);

        // Paint: frame, selection, text (or hint), caret.
        let visuals = ui.visuals();
        let focused = response.has_focus();
        let stroke = if focused {
            visuals.selection.stroke
        } else {
            visuals.widgets.inactive.bg_stroke
        };
        ui.painter().rect(
            rect,
            3.0,
            visuals.extreme_bg_color,
            stroke,
            StrokeKind::Inside,
        );
        let painter = ui
            .painter()
            .with_clip_rect(inner.expand(1.0).intersect(ui.clip_rect()));
        for r in layout.range_rects(edit.selection()) {
            painter.rect_filled(
                r.translate(origin.to_vec2()),
                0.0,
                theme::selection_fill(visuals.dark_mode),
            );
        }
        let text_color = visuals.text_color();
        if edit.text().is_empty() && !self.hint.is_empty() {
            paint_hint(
                &painter,
                resources,
                (self.hint, self.font_size),
                inner,
                visuals.weak_text_color(),
            );
        } else {
            paint_lines(
                &painter,
                &mut resources.engine,
                &mut resources.atlas,
                &layout,
                0..layout.lines.len(),
                origin,
                text_color,
            );
        }
        let caret_on_screen = caret.translate(origin.to_vec2());
        if focused {
            painter.line_segment(
                [caret_on_screen.left_top(), caret_on_screen.left_bottom()],
                Stroke::new(1.5, text_color),
            );
            ui.ctx().output_mut(|o| {
                o.ime = Some(egui::output::IMEOutput {
                    purpose: egui::IMEPurpose::Normal,
                    rect,
                    cursor_rect: caret_on_screen,
                    should_interrupt_composition: false,
                });
            });
        }

        ui.data_mut(|d| {
            d.insert_temp(id, edit.clone());
            d.insert_temp(id.with("scroll"), scroll);
        });
        let name = self.name.to_owned();
        let hint = self.hint.to_owned();
        let value = edit.text().to_owned();
        response.widget_info(|| {
            let mut info = egui::WidgetInfo::text_edit(true, &before, &value, &hint);
            info.label = Some(name.clone());
            info
        });
        response
    }

    /// Applies one input event; returns true when the field should give up focus.
    fn handle_event(
        &self,
        ui: &egui::Ui,
        edit: &mut EditState,
        layout: &TextLayout,
        event: &Event,
    ) -> bool {
        let clean = |text: &str| -> String {
            let text = crate::model::text::normalize_newlines(text);
            if self.multiline {
                text.chars()
                    .filter(|c| *c == '\n' || *c == '\t' || !c.is_control())
                    .collect()
            } else {
                text.chars()
                    .map(|c| if c == '\n' { ' ' } else { c })
                    .filter(|c| !c.is_control())
                    .collect()
            }
        };
        match event {
            Event::Text(text) | Event::Paste(text) | Event::Ime(egui::ImeEvent::Commit(text)) => {
                let text = clean(text);
                if !text.is_empty() {
                    edit.insert(&text);
                }
            }
            Event::Copy if !edit.selection().is_empty() => {
                ui.ctx().copy_text(edit.selected_text().to_owned());
            }
            Event::Cut => {
                let cut = edit.cut();
                if !cut.is_empty() {
                    ui.ctx().copy_text(cut);
                }
            }
            Event::Key {
                key,
                pressed: true,
                modifiers,
                ..
            } => return self.handle_key(edit, layout, *key, *modifiers),
            _ => {}
        }
        false
    }

    fn handle_key(
        &self,
        edit: &mut EditState,
        layout: &TextLayout,
        key: Key,
        modifiers: egui::Modifiers,
    ) -> bool {
        let shift = modifiers.shift;
        let command = modifiers.command;
        let line = layout
            .lines
            .iter()
            .find(|l| l.chars.contains(&edit.caret) || l.chars.end == edit.caret)
            .map(|l| l.chars.clone());
        match key {
            Key::ArrowLeft => edit.move_to(edit.visual_neighbour(layout, -1), shift),
            Key::ArrowRight => edit.move_to(edit.visual_neighbour(layout, 1), shift),
            Key::ArrowUp | Key::ArrowDown if self.multiline => {
                if let Some(caret) = layout.caret_rect(edit.caret) {
                    let dy = if key == Key::ArrowUp {
                        -caret.height()
                    } else {
                        caret.height()
                    };
                    edit.move_to(layout.hit(caret.center().x, caret.center().y + dy), shift);
                }
            }
            Key::Home => edit.move_to(
                if command {
                    0
                } else {
                    line.map_or(0, |l| l.start)
                },
                shift,
            ),
            Key::End => {
                let end = if command {
                    edit.char_len()
                } else {
                    line.map_or(edit.char_len(), |l| l.end)
                };
                edit.move_to(end, shift);
            }
            Key::Backspace => edit.delete_backward(),
            Key::Delete => edit.delete_forward(),
            Key::Enter if self.multiline => edit.insert("\n"),
            Key::Enter | Key::Escape => return true,
            Key::A if command => edit.select_all(),
            Key::Z if command && shift => edit.redo(),
            Key::Z if command => edit.undo(),
            Key::Y if command => edit.redo(),
            _ => {}
        }
        false
    }
}

/// The field's layout, cached by field until its text or width changes.
fn field_layout(
    resources: &mut TextResources,
    id: egui::Id,
    text: &str,
    width: Option<f32>,
    style: TextStyle,
) -> TextLayout {
    let cached = resources
        .fields
        .get(&id)
        .filter(|(t, w, s, _)| t == text && *w == width && *s == style);
    if let Some((_, _, _, layout)) = cached {
        return layout.clone();
    }
    if resources.fields.len() > 256 {
        resources.fields.clear();
    }
    let layout = TextLayout::new(&mut resources.engine, text, width, style);
    resources
        .fields
        .insert(id, (text.to_owned(), width, style, layout.clone()));
    layout
}

/// How far a one-line field is scrolled so the caret (at `caret_x` in the
/// text) stays in view: none when the text fits.
fn scrolled_to_caret(scroll: f32, caret_x: f32, text_width: f32, field_width: f32) -> f32 {
    if text_width <= field_width {
        return 0.0;
    }
    let scroll = if caret_x - scroll > field_width - 2.0 {
        caret_x - field_width + 2.0
    } else if caret_x - scroll < 0.0 {
        caret_x
    } else {
        scroll
    };
    scroll.clamp(0.0, (text_width - field_width).max(0.0))
}

/// Pointer: place the caret, drag to select, double-click a word. The press
/// is taken once, on the first frame egui reports the button down on the
/// field (not always the frame the press arrived in).
fn pointer(
    ui: &egui::Ui,
    response: &mut egui::Response,
    id: egui::Id,
    edit: &mut EditState,
    (layout, origin): (&TextLayout, egui::Pos2),
) {
    let (press_origin, any_down, shift) = ui.input(|i| {
        (
            i.pointer.press_origin(),
            i.pointer.any_down(),
            i.modifiers.shift,
        )
    });
    let press_taken_id = id.with("press-taken");
    let mut press_taken: bool =
        any_down && ui.data(|d| d.get_temp(press_taken_id)).unwrap_or(false);
    if response.is_pointer_button_down_on()
        && !press_taken
        && let Some(p) = press_origin
    {
        press_taken = true;
        response.request_focus();
        edit.move_to(layout.hit(p.x - origin.x, p.y - origin.y), shift);
    }
    ui.data_mut(|d| d.insert_temp(press_taken_id, press_taken));
    if response.dragged()
        && let Some(p) = response.interact_pointer_pos()
    {
        edit.move_to(layout.hit(p.x - origin.x, p.y - origin.y), true);
    }
    if response.double_clicked()
        && let Some(p) = response.interact_pointer_pos()
    {
        edit.select_word_at(
            layout
                .char_at(p.x - origin.x, p.y - origin.y)
                .unwrap_or(edit.caret),
        );
    }
}

/// While the field has focus, arrows (and Up/Down in a multi-line field) move its caret.
fn lock_focus(ui: &egui::Ui, id: egui::Id, multiline: bool) {
    ui.memory_mut(|m| {
        m.set_focus_lock_filter(
            id,
            egui::EventFilter {
                tab: false,
                horizontal_arrows: true,
                vertical_arrows: multiline,
                escape: false,
            },
        );
    });
}

/// The hint an empty field shows, at its reading start.
fn paint_hint(
    painter: &egui::Painter,
    resources: &mut TextResources,
    (hint, font_size): (&str, f32),
    inner: Rect,
    color: egui::Color32,
) {
    let hint_layout = resources
        .labels
        .get(&mut resources.engine, hint, font_size)
        .clone();
    let hint_rtl = hint_layout.lines.first().is_some_and(|l| l.rtl);
    let x = if hint_rtl {
        inner.right() - hint_layout.width
    } else {
        inner.left()
    } - hint_layout.ink_left;
    paint_lines(
        painter,
        &mut resources.engine,
        &mut resources.atlas,
        &hint_layout,
        0..hint_layout.lines.len(),
        pos2(x, inner.top()),
        color,
    );
}
