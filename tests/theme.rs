//! Switching the theme while the app runs: egui empties its font atlas when the text options
//! change (dark and light text are rasterized differently), so every galley kept across
//! frames must be laid out again. A glyph kept from before the switch points into the old
//! atlas, and on screen shows as whatever glyph now sits at its place.

mod common;

use std::collections::{HashMap, HashSet};

use egui::epaint::{Shape, TextShape};
use egui_kittest::Harness;
use rashomon::ui::RashomonApp;

/// Every text shape drawn in the last frame.
fn text_shapes(harness: &Harness<'static, RashomonApp>) -> Vec<TextShape> {
    fn collect(shape: &Shape, out: &mut Vec<TextShape>) {
        match shape {
            Shape::Text(text) => out.push(text.clone()),
            Shape::Vec(shapes) => {
                for shape in shapes {
                    collect(shape, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for clipped in &harness.output().shapes {
        collect(&clipped.shape, &mut out);
    }
    out
}

/// Where the atlas holds each glyph now: the words drawn laid out afresh by egui, in every
/// font and size the app draws with, at each of the four sub-pixel positions egui rasterizes
/// a glyph at. Words are the unit because ligatures ("fi") depend on the letters around.
fn atlas_places(
    harness: &Harness<'static, RashomonApp>,
    words: &HashSet<String>,
) -> HashMap<char, HashSet<[u16; 4]>> {
    let ctx = &harness.ctx;
    let mut sizes: Vec<f32> = ctx
        .style_of(ctx.theme())
        .text_styles
        .values()
        .map(|f| f.size)
        .collect();
    // The reader's text and the status symbols in the legend.
    sizes.extend([16.0, 11.0, 24.0]);
    sizes.sort_by(f32::total_cmp);
    sizes.dedup();
    let mut places: HashMap<char, HashSet<[u16; 4]>> = HashMap::new();
    for word in words {
        {
            let candidate = word;
            for size in &sizes {
                for font in [
                    egui::FontId::proportional(*size),
                    egui::FontId::monospace(*size),
                ] {
                    for quarter in 0..4_u8 {
                        let mut job = egui::text::LayoutJob::single_section(
                            candidate.clone(),
                            egui::TextFormat {
                                font_id: font.clone(),
                                ..Default::default()
                            },
                        );
                        job.sections[0].leading_space = f32::from(quarter) * 0.25;
                        job.round_output_to_gui = false;
                        let galley = ctx.fonts_mut(|fonts| fonts.layout_job(job));
                        for glyph in galley.rows.iter().flat_map(|r| r.glyphs.iter()) {
                            let uv = glyph.uv_rect;
                            places
                                .entry(glyph.chr)
                                .or_default()
                                .insert([uv.min[0], uv.min[1], uv.max[0], uv.max[1]]);
                        }
                    }
                }
            }
        }
    }
    places
}

fn is_right_to_left(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FEFF}')
}

/// Fails when a glyph drawn this frame points where the atlas no longer holds that glyph.
fn assert_every_glyph_is_in_the_atlas(harness: &Harness<'static, RashomonApp>, when: &str) {
    let shapes = text_shapes(harness);
    let glyphs: Vec<(char, [u16; 4])> = shapes
        .iter()
        .flat_map(|shape| shape.galley.rows.iter())
        .flat_map(|row| row.glyphs.iter())
        // Right-to-left words list their glyphs in an order of egui's own (joining forms
        // depend on it), which a word laid out afresh cannot reproduce: Latin, Cyrillic and
        // symbols are checked, and they are most of what the sample shows.
        .filter(|g| !g.uv_rect.is_nothing() && !g.is_color && !is_right_to_left(g.chr))
        .map(|g| {
            let uv = g.uv_rect;
            (g.chr, [uv.min[0], uv.min[1], uv.max[0], uv.max[1]])
        })
        .collect();
    assert!(glyphs.len() > 500, "{when}: the window shows text");
    let words: HashSet<String> = shapes
        .iter()
        .flat_map(|shape| shape.galley.rows.iter())
        .flat_map(|row| {
            let text: String = row.glyphs.iter().map(|g| g.chr).collect();
            text.split_whitespace()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect();
    let places = atlas_places(harness, &words);
    let stale: Vec<char> = glyphs
        .iter()
        .filter(|(c, uv)| !places.get(c).is_some_and(|p| p.contains(uv)))
        .map(|(c, _)| *c)
        .collect();
    assert!(
        stale.is_empty(),
        "{when}: {} of {} glyphs point to another glyph's place: {:?}",
        stale.len(),
        glyphs.len(),
        stale.iter().take(40).collect::<String>()
    );
}

#[test]
fn switching_the_theme_with_cards_on_screen_keeps_every_glyph_legible() {
    let mut harness = common::sample();
    // The cards' status lines are laid out by the app's own text module.
    assert!(harness.get_all_by_label_contains("disputed").count() > 0);
    assert_every_glyph_is_in_the_atlas(&harness, "at start");
    for theme in [egui::Theme::Light, egui::Theme::Dark, egui::Theme::Light] {
        harness.ctx.set_theme(theme);
        harness.run();
        assert_every_glyph_is_in_the_atlas(&harness, &format!("after switching to {theme:?}"));
    }
}

#[test]
fn switching_the_theme_in_the_by_fact_arrangement_keeps_every_glyph_legible() {
    let mut harness = common::sample();
    harness.key_press_modifiers(egui::Modifiers::ALT, egui::Key::Num2);
    harness.run();
    for theme in [egui::Theme::Light, egui::Theme::Dark] {
        harness.ctx.set_theme(theme);
        harness.run();
        assert_every_glyph_is_in_the_atlas(&harness, &format!("by fact, {theme:?}"));
    }
}

use egui_kittest::kittest::Queryable as _;
