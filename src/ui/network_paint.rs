//! Drawing pieces of the network view: lines as triangles, the distance to
//! a tie for hovering, and the picture as a PNG file.

use egui::{Color32, Mesh, Pos2, vec2};

/// An image as the bytes of a PNG file (sRGB, with alpha).
pub fn encode_png(image: &egui::ColorImage) -> Result<Vec<u8>, String> {
    let [width, height] = image.size;
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(
        &mut bytes,
        u32::try_from(width).map_err(|e| e.to_string())?,
        u32::try_from(height).map_err(|e| e.to_string())?,
    );
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
    let pixels: Vec<u8> = image
        .pixels
        .iter()
        .flat_map(egui::Color32::to_srgba_unmultiplied)
        .collect();
    writer
        .write_image_data(&pixels)
        .map_err(|e| e.to_string())?;
    writer.finish().map_err(|e| e.to_string())?;
    Ok(bytes)
}

/// A straight line as two triangles.
pub(super) fn add_line(mesh: &mut Mesh, p: Pos2, q: Pos2, width: f32, color: Color32) {
    let d = q - p;
    let length = d.length();
    if length < 0.5 {
        return;
    }
    let n = vec2(-d.y, d.x) / length * (width / 2.0);
    let base = mesh_base(mesh.vertices.len());
    for v in [p + n, p - n, q - n, q + n] {
        mesh.colored_vertex(v, color);
    }
    mesh.add_triangle(base, base + 1, base + 2);
    mesh.add_triangle(base, base + 2, base + 3);
}

pub(super) fn distance_to_segment(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let t = if ab.length_sq() < 1e-6 {
        0.0
    } else {
        ((p - a).dot(ab) / ab.length_sq()).clamp(0.0, 1.0)
    };
    p.distance(a + ab * t)
}

/// The index the next vertex of an egui mesh gets (egui indexes with u32; a
/// network picture stays far below 4 billion vertices).
#[expect(
    clippy::cast_possible_truncation,
    reason = "egui meshes index vertices with u32"
)]
pub(super) fn mesh_base(vertices: usize) -> u32 {
    vertices as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::pos2;

    #[test]
    fn a_picture_encodes_to_a_png_that_decodes_to_the_same_pixels() {
        let mut image = egui::ColorImage::filled([3, 2], Color32::WHITE);
        image.pixels[4] = Color32::from_rgb(46, 160, 90);
        let bytes = encode_png(&image).unwrap();
        let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        let mut reader = decoder.read_info().unwrap();
        let mut buffer = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buffer).unwrap();
        assert_eq!((info.width, info.height), (3, 2));
        assert_eq!(&buffer[16..20], &[46, 160, 90, 255]);
        assert_eq!(&buffer[0..4], &[255, 255, 255, 255]);
    }

    #[test]
    fn a_point_near_a_line_is_near_it() {
        let (a, b) = (pos2(0.0, 0.0), pos2(10.0, 0.0));
        assert!((distance_to_segment(pos2(5.0, 3.0), a, b) - 3.0).abs() < 1e-5);
        assert!((distance_to_segment(pos2(-4.0, 3.0), a, b) - 5.0).abs() < 1e-5);
    }
}
