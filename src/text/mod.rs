//! Text that reads right: bidi ordering, Arabic shaping and exact hit testing
//! through cosmic-text, painted into egui. egui's own text layout has no bidi,
//! so every article body (and, in time, every piece of user text) goes through here.

pub mod atlas;
pub mod breaks;
pub mod editing;
pub mod fonts;
pub mod layout;
pub mod paint;

pub use layout::{TextLayout, TextStyle, VisualLine};

use cosmic_text::{FontSystem, fontdb};

/// The shaping engine with only the bundled fonts: no system font scan, so it
/// starts in milliseconds and looks the same on every machine.
pub struct TextEngine {
    pub font_system: FontSystem,
}

impl Default for TextEngine {
    fn default() -> Self {
        Self::new()
    }
}

impl TextEngine {
    pub fn new() -> Self {
        let mut db = fontdb::Database::new();
        db.load_font_data(fonts::NOTO_SANS.to_vec());
        db.load_font_data(fonts::NOTO_NASKH_ARABIC.to_vec());
        db.set_sans_serif_family(fonts::SANS_FAMILY);
        db.set_serif_family(fonts::ARABIC_FAMILY);
        Self {
            font_system: FontSystem::new_with_locale_and_db("ar".to_owned(), db),
        }
    }
}

impl std::fmt::Debug for TextEngine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TextEngine")
    }
}
