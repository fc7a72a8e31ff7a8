//! The bundled fonts, so Arabic shows on a machine with no system fonts.

use std::sync::Arc;

use crate::text::fonts::{NOTO_NASKH_ARABIC, NOTO_SANS};

/// Puts Noto Sans first and Noto Naskh Arabic second in egui's font families,
/// ahead of egui's own fonts (kept for their symbols).
pub fn install(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        "noto-sans".to_owned(),
        Arc::new(egui::FontData::from_static(NOTO_SANS)),
    );
    fonts.font_data.insert(
        "noto-naskh-arabic".to_owned(),
        Arc::new(egui::FontData::from_static(NOTO_NASKH_ARABIC)),
    );
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        let list = fonts.families.entry(family.clone()).or_default();
        let insert_at = usize::from(family == egui::FontFamily::Monospace);
        list.insert(insert_at, "noto-naskh-arabic".to_owned());
        if family == egui::FontFamily::Proportional {
            list.insert(0, "noto-sans".to_owned());
        }
    }
    ctx.set_fonts(fonts);
}
