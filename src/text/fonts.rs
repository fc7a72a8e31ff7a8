//! The fonts shipped in `assets/fonts/` (OFL, licence beside them).

pub const NOTO_SANS: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");
pub const NOTO_NASKH_ARABIC: &[u8] =
    include_bytes!("../../assets/fonts/NotoNaskhArabic-Regular.ttf");

pub const SANS_FAMILY: &str = "Noto Sans";
pub const ARABIC_FAMILY: &str = "Noto Naskh Arabic";
