//! Every colour the window uses, in one place.

use egui::Color32;

/// What a highlight marks, for its colour and its legend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HighlightKind {
    Actor,
    Claim,
    Evidence,
}

impl HighlightKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::Actor => "actor",
            Self::Claim => "claim",
            Self::Evidence => "evidence",
        }
    }
}

/// The fill behind a highlight: translucent, so nested and overlapping
/// highlights show as darker stretches and the text stays readable.
pub fn highlight_fill(kind: HighlightKind, dark_mode: bool) -> Color32 {
    let alpha = if dark_mode { 70 } else { 60 };
    match kind {
        HighlightKind::Actor => Color32::from_rgba_unmultiplied(66, 135, 245, alpha),
        HighlightKind::Claim => Color32::from_rgba_unmultiplied(245, 150, 40, alpha),
        HighlightKind::Evidence => Color32::from_rgba_unmultiplied(60, 180, 90, alpha / 2),
    }
}

pub fn highlight_outline(dark_mode: bool) -> Color32 {
    if dark_mode {
        Color32::from_rgb(250, 220, 90)
    } else {
        Color32::from_rgb(200, 60, 30)
    }
}

pub fn selection_fill(dark_mode: bool) -> Color32 {
    if dark_mode {
        Color32::from_rgba_unmultiplied(120, 170, 255, 90)
    } else {
        Color32::from_rgba_unmultiplied(40, 100, 230, 70)
    }
}

/// The flash that marks a span the view just jumped to.
pub fn flash(strength: f32) -> Color32 {
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "strength clamped to 0..=1 times 160 fits a byte"
    )]
    let alpha = (strength.clamp(0.0, 1.0) * 160.0) as u8;
    Color32::from_rgba_unmultiplied(255, 210, 0, alpha)
}
