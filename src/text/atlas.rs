//! Glyph images rasterised by swash, packed into one egui texture.

use super::TextEngine;
use cosmic_text::{CacheKey, SwashCache, SwashContent};
use egui::{Color32, ColorImage, Rect, TextureHandle, TextureOptions, pos2};
use std::collections::HashMap;

const START_SIZE: usize = 1024;
const MAX_SIZE: usize = 4096;
/// Empty pixels around each glyph so linear filtering never bleeds a neighbour in.
const PADDING: usize = 1;

/// Where one glyph image lives in the atlas, and how it sits on its pen position.
#[derive(Debug, Clone, Copy)]
pub struct AtlasGlyph {
    pub uv: Rect,
    /// Offset from the pen position to the image's top-left, in physical pixels.
    pub left: i32,
    pub top: i32,
    pub width: u32,
    pub height: u32,
    /// Colour glyphs (emoji) are drawn as they are, not tinted.
    pub colored: bool,
}

pub struct GlyphAtlas {
    texture: Option<TextureHandle>,
    size: usize,
    cursor: (usize, usize),
    row_height: usize,
    glyphs: HashMap<CacheKey, Option<AtlasGlyph>>,
    swash: SwashCache,
}

impl Default for GlyphAtlas {
    fn default() -> Self {
        Self {
            texture: None,
            size: START_SIZE,
            cursor: (0, 0),
            row_height: 0,
            glyphs: HashMap::new(),
            swash: SwashCache::new(),
        }
    }
}

impl std::fmt::Debug for GlyphAtlas {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GlyphAtlas")
            .field("size", &self.size)
            .field("glyphs", &self.glyphs.len())
            .finish_non_exhaustive()
    }
}

impl GlyphAtlas {
    pub fn texture_id(&mut self, ctx: &egui::Context) -> egui::TextureId {
        self.texture(ctx).id()
    }

    fn texture(&mut self, ctx: &egui::Context) -> &mut TextureHandle {
        let size = self.size;
        self.texture.get_or_insert_with(|| {
            ctx.load_texture(
                "warraq-glyphs",
                ColorImage::filled([size, size], Color32::TRANSPARENT),
                TextureOptions::LINEAR,
            )
        })
    }

    /// The glyph's place in the atlas, rasterising it on first use; `None` for
    /// glyphs with no image (spaces).
    pub fn glyph(
        &mut self,
        ctx: &egui::Context,
        engine: &mut TextEngine,
        key: CacheKey,
    ) -> Option<AtlasGlyph> {
        if let Some(found) = self.glyphs.get(&key) {
            return *found;
        }
        let image = self.swash.get_image_uncached(&mut engine.font_system, key);
        let entry = image.and_then(|image| {
            let (width, height) = (
                image.placement.width as usize,
                image.placement.height as usize,
            );
            if width == 0 || height == 0 {
                return None;
            }
            let (pixels, colored): (Vec<Color32>, bool) = match image.content {
                SwashContent::Mask => (
                    image
                        .data
                        .iter()
                        .map(|&a| Color32::from_white_alpha(a))
                        .collect(),
                    false,
                ),
                SwashContent::SubpixelMask => (
                    image
                        .data
                        .chunks_exact(4)
                        .map(|p| {
                            #[expect(
                                clippy::cast_possible_truncation,
                                reason = "the mean of three bytes fits a byte"
                            )]
                            let a =
                                ((u16::from(p[0]) + u16::from(p[1]) + u16::from(p[2])) / 3) as u8;
                            Color32::from_white_alpha(a)
                        })
                        .collect(),
                    false,
                ),
                SwashContent::Color => (
                    image
                        .data
                        .chunks_exact(4)
                        .map(|p| Color32::from_rgba_unmultiplied(p[0], p[1], p[2], p[3]))
                        .collect(),
                    true,
                ),
            };
            let [x, y] = self.allocate(ctx, width, height)?;
            self.texture(ctx).set_partial(
                [x, y],
                ColorImage::new([width, height], pixels),
                TextureOptions::LINEAR,
            );
            let scale = 1.0 / self.size as f32;
            let uv = Rect::from_min_max(
                pos2(x as f32 * scale, y as f32 * scale),
                pos2((x + width) as f32 * scale, (y + height) as f32 * scale),
            );
            Some(AtlasGlyph {
                uv,
                left: image.placement.left,
                top: image.placement.top,
                width: image.placement.width,
                height: image.placement.height,
                colored,
            })
        });
        self.glyphs.insert(key, entry);
        entry
    }

    /// A free place for a `width`×`height` image, by shelves; when the texture
    /// is full it grows (up to 4096²) and starts over, keeping nothing stale.
    fn allocate(&mut self, ctx: &egui::Context, width: usize, height: usize) -> Option<[usize; 2]> {
        let (w, h) = (width + PADDING, height + PADDING);
        if w > self.size || h > self.size {
            return None;
        }
        if self.cursor.0 + w > self.size {
            self.cursor = (0, self.cursor.1 + self.row_height);
            self.row_height = 0;
        }
        if self.cursor.1 + h > self.size {
            self.size = (self.size * 2).min(MAX_SIZE);
            self.texture = None;
            self.glyphs.clear();
            self.cursor = (0, 0);
            self.row_height = 0;
            ctx.request_repaint();
        }
        let place = [self.cursor.0, self.cursor.1];
        self.cursor.0 += w;
        self.row_height = self.row_height.max(h);
        Some(place)
    }
}
