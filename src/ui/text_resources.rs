//! The text engine, glyph atlas and layout caches the window shares between all its views.

use crate::text::atlas::GlyphAtlas;
use crate::text::{TextEngine, TextLayout, TextStyle};
use std::collections::HashMap;

/// A text field's layout and what it was made from.
pub type FieldLayout = (String, Option<f32>, TextStyle, TextLayout);

#[derive(Debug, Default)]
pub struct TextResources {
    pub engine: TextEngine,
    pub atlas: GlyphAtlas,
    pub labels: LabelCache,
    pub fields: HashMap<egui::Id, FieldLayout>,
}

/// Past this many cached labels the cache starts over; a screenful needs far fewer.
const CACHE_LIMIT: usize = 4096;

/// Laid-out labels by text and size, so a label costs a lookup once shown.
#[derive(Debug, Default)]
pub struct LabelCache {
    /// By text, size and wrap width (`None`: one line).
    layouts: HashMap<(String, u32, Option<u32>), TextLayout>,
}

impl LabelCache {
    pub fn get(
        &mut self,
        text: &mut crate::text::TextEngine,
        label: &str,
        font_size: f32,
    ) -> &TextLayout {
        self.get_wrapped(text, label, font_size, None)
    }

    /// `label` broken into lines no wider than `width` (one line if `None`).
    pub fn get_wrapped(
        &mut self,
        text: &mut crate::text::TextEngine,
        label: &str,
        font_size: f32,
        width: Option<f32>,
    ) -> &TextLayout {
        if self.layouts.len() > CACHE_LIMIT {
            self.layouts.clear();
        }
        self.layouts
            .entry((
                label.to_owned(),
                font_size.to_bits(),
                width.map(|w| w.round().to_bits()),
            ))
            .or_insert_with(|| {
                let style = TextStyle {
                    font_size,
                    line_spacing: 1.4,
                };
                // A label is one paragraph: newlines in user text would stack lines.
                TextLayout::new(text, &label.replace('\n', " "), width, style)
            })
    }
}
