//! Labels for text that may hold right-to-left words: wrapped at a width and laid out in
//! visual order from words shaped once (see [`super::galley`]). The comparison shows
//! thousands of quotes, and a card scrolled into view then costs lookups, not shaping.

use egui::text::LayoutJob;
use egui::{Color32, TextStyle, Ui, WidgetText};

/// A quote or other body text, wrapped at `width`, always laid out here (so a card's height
/// is the same whatever its script).
pub fn label(ui: &Ui, text: String, width: f32) -> WidgetText {
    let colour = ui.visuals().text_color();
    laid_out(ui, text, width, &TextStyle::Body, colour, true)
}

/// Like [`label`], in a text style and colour (headings, fact statements, titles); text
/// with no right-to-left letters is left to egui.
pub fn styled(ui: &Ui, text: String, width: f32, style: &TextStyle, colour: Color32) -> WidgetText {
    laid_out(ui, text, width, style, colour, false)
}

/// Like [`label`], in a text style and colour.
pub fn wrapped(
    ui: &Ui,
    text: String,
    width: f32,
    style: &TextStyle,
    colour: Color32,
) -> WidgetText {
    laid_out(ui, text, width, style, colour, true)
}

/// Adds a label laid out here and tells a screen reader its text in reading order: a
/// galley laid out here holds right-to-left words in the order they are drawn, which read
/// aloud would come out backwards.
pub fn add(ui: &mut Ui, label: egui::Label, reading_order: &str) -> egui::Response {
    let response = ui.add(label);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, reading_order));
    response
}

/// `text` on one line of at most `width`. egui's truncation keeps what is drawn on the left
/// and elides the right; in a right-to-left run the left is the end, so an Arabic quote lost
/// its first words and kept a piece of a word. Text with right-to-left letters is therefore
/// cut here at its logical end, at the longest prefix whose row fits (ending in "…"), and
/// laid out in visual order; other text is left to egui (the caller's `.truncate()`).
pub fn one_line(ui: &Ui, text: &str, width: f32, style: &TextStyle, colour: Color32) -> WidgetText {
    if !super::has_rtl(text) {
        return egui::RichText::new(text)
            .text_style(style.clone())
            .color(colour)
            .into();
    }
    let format = egui::TextFormat {
        font_id: style.resolve(ui.style()),
        color: colour,
        ..Default::default()
    };
    let fits = |candidate: &str| super::count_rows(ui, candidate, &format, width) <= 1;
    let text = text.replace(['\n', '\r'], " ");
    if fits(&text) {
        return laid_out(ui, text, width, style, colour, true);
    }
    // The longest prefix, in characters, that fits with its ellipsis: rows only grow as
    // characters are added, so a binary search finds it.
    let ends: Vec<usize> = text.char_indices().map(|(at, _)| at).skip(1).collect();
    let cut = |n: usize| format!("{}…", text[..ends[n]].trim_end());
    let (mut low, mut high) = (0, ends.len());
    while low + 1 < high {
        let middle = usize::midpoint(low, high);
        if fits(&cut(middle)) {
            low = middle;
        } else {
            high = middle;
        }
    }
    // At a word's end when there is one in the second half (a cut word changes its last
    // letter's joined form in Arabic and reads as another word).
    let shown = match ends.get(low) {
        None => text,
        Some(&end) => match text[..end].rfind(char::is_whitespace) {
            Some(space) if space * 2 > end => format!("{}…", text[..space].trim_end()),
            _ => cut(low),
        },
    };
    laid_out(ui, shown, width, style, colour, true)
}

fn laid_out(
    ui: &Ui,
    text: String,
    width: f32,
    style: &TextStyle,
    colour: Color32,
    always: bool,
) -> WidgetText {
    if !always && !super::has_rtl(&text) {
        return egui::RichText::new(text)
            .text_style(style.clone())
            .color(colour)
            .into();
    }
    // Rows are broken here and a label is one paragraph: a line break in a quote that spans
    // paragraphs reads as a space (one byte for one, so nothing else moves).
    let text = if text.contains(['\n', '\r']) {
        text.replace(['\n', '\r'], " ")
    } else {
        text
    };
    let format = egui::TextFormat {
        font_id: style.resolve(ui.style()),
        color: colour,
        ..Default::default()
    };
    let key = {
        use std::hash::{Hash, Hasher};
        let mut hasher = rustc_hash::FxHasher::default();
        (&text, width.to_bits()).hash(&mut hasher);
        format.color.hash(&mut hasher);
        format.font_id.hash(&mut hasher);
        hasher.finish()
    };
    if let Some(galley) = super::cache::label(ui.ctx(), key) {
        return galley.into();
    }
    let job = LayoutJob::single_section(text.clone(), format);
    let laid = super::galley::layout_block(
        ui,
        &job,
        &text,
        crate::model::TextSpan::new(0, text.len()),
        width,
    );
    let galley = laid.galley().clone();
    super::cache::keep_label(ui.ctx(), key, galley.clone());
    galley.into()
}
