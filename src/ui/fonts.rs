//! Bundled fonts: Noto Sans (Latin, Cyrillic, Greek) and Noto Sans Arabic, so every machine
//! shows the same glyphs. egui's own fonts stay behind them for emoji and symbols.

use egui::{FontData, FontDefinitions, FontFamily};

const NOTO_SANS: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");
const NOTO_SANS_ARABIC: &[u8] = include_bytes!("../../assets/fonts/NotoSansArabic-Regular.ttf");

pub fn definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    fonts
        .font_data
        .insert("noto-sans".into(), FontData::from_static(NOTO_SANS).into());
    fonts.font_data.insert(
        "noto-sans-arabic".into(),
        FontData::from_static(NOTO_SANS_ARABIC).into(),
    );
    if let Some(proportional) = fonts.families.get_mut(&FontFamily::Proportional) {
        proportional.insert(0, "noto-sans".into());
        proportional.insert(1, "noto-sans-arabic".into());
    }
    if let Some(monospace) = fonts.families.get_mut(&FontFamily::Monospace) {
        monospace.push("noto-sans".into());
        monospace.push("noto-sans-arabic".into());
    }
    fonts
}

pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(definitions());
}
