//! Painting laid-out text and the backgrounds behind it into an egui painter.

use super::atlas::GlyphAtlas;
use super::{TextEngine, TextLayout};
use egui::{Color32, Mesh, Pos2, Rect, pos2};
use std::ops::Range;

/// Adds the glyphs of `lines` to `painter`, with the layout's top-left at `origin`.
pub fn paint_lines(
    painter: &egui::Painter,
    engine: &mut TextEngine,
    atlas: &mut GlyphAtlas,
    layout: &TextLayout,
    lines: Range<usize>,
    origin: Pos2,
    color: Color32,
) {
    let ctx = painter.ctx();
    let ppp = ctx.pixels_per_point();
    let mut mesh = Mesh::with_texture(atlas.texture_id(ctx));
    for line in &layout.lines[lines] {
        let baseline_px = ((origin.y + line.baseline) * ppp).round();
        for glyph in &line.glyphs {
            let physical = glyph.raw.physical((origin.x * ppp, baseline_px), ppp);
            let Some(image) = atlas.glyph(ctx, engine, physical.cache_key) else {
                continue;
            };
            let min = pos2(
                (physical.x + image.left) as f32 / ppp,
                (physical.y - image.top) as f32 / ppp,
            );
            let rect = Rect::from_min_size(
                min,
                egui::vec2(image.width as f32 / ppp, image.height as f32 / ppp),
            );
            mesh.add_rect_with_uv(
                rect,
                image.uv,
                if image.colored { Color32::WHITE } else { color },
            );
        }
    }
    // A texture that grew while rasterising has a new id; the mesh must use it.
    mesh.texture_id = atlas.texture_id(ctx);
    painter.add(mesh);
}
