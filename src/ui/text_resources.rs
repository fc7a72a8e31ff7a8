//! The text engine, glyph atlas and layout caches the window shares between all its views.

use super::bidi_label::LabelCache;
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
