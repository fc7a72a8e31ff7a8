//! How the network looks, shared by the window and the SVG export so both
//! show the same picture: colours by actor kind and relation type, sizes by counts.

use crate::model::{ActorKind, Project, RelationTypeId};

pub type Rgb = [u8; 3];

pub fn kind_color(kind: ActorKind) -> Rgb {
    match kind {
        ActorKind::Person => [66, 135, 245],
        ActorKind::State => [46, 160, 90],
        ActorKind::Organisation => [230, 140, 40],
        ActorKind::Group => [160, 90, 210],
        ActorKind::Other => [130, 130, 130],
    }
}

/// Twelve colours told apart by most eyes (after `ColorBrewer`'s "Paired", darkened for lines).
const TYPE_PALETTE: [Rgb; 12] = [
    [31, 120, 180],
    [51, 160, 44],
    [227, 26, 28],
    [255, 127, 0],
    [106, 61, 154],
    [177, 89, 40],
    [166, 206, 227],
    [178, 223, 138],
    [251, 154, 153],
    [253, 191, 111],
    [202, 178, 214],
    [90, 90, 90],
];

/// A relation type's colour: by its place in the vocabulary, so it is stable while the vocabulary is.
pub fn type_color(project: &Project, kind: &RelationTypeId) -> Rgb {
    match kind.as_str() {
        super::discourse::CONGRUENCE => return [40, 150, 60],
        super::discourse::CONFLICT => return [205, 45, 45],
        _ => {}
    }
    let i = project
        .vocabulary
        .iter()
        .position(|t| &t.id == kind)
        .unwrap_or(TYPE_PALETTE.len() - 1);
    TYPE_PALETTE[i % TYPE_PALETTE.len()]
}

/// A node's radius in layout units: grows with the square root of its relations, so area tracks count.
pub fn node_radius(relations: usize) -> f32 {
    5.0 + 3.0 * (relations as f32).sqrt()
}

/// A tie's width in layout units: one report is a hairline, many a thick stroke.
pub fn tie_width(sources: usize) -> f32 {
    1.0 + 1.5 * ((sources.max(1)) as f32).ln().max(0.0) + 0.5 * f32::from(u8::from(sources > 1))
}
