//! Every colour the views use, in one place. Party colours come from the session; status
//! colours are chosen to stay apart for colour-blind readers (bluish green vs. vermillion,
//! as in the Okabe–Ito palette) and are always paired with a word or a mark.

use egui::{Color32, Visuals};

use crate::model::{FactStatus, Rgb};

pub fn party_colour(colour: Rgb) -> Color32 {
    let [r, g, b] = colour.0;
    Color32::from_rgb(r, g, b)
}

/// The background of text a claim covers; `depth` is how many claims overlap there.
pub fn claim_highlight(colour: Rgb, visuals: &Visuals, depth: usize, emphasised: bool) -> Color32 {
    let base = if visuals.dark_mode { 0.38 } else { 0.26 };
    let alpha = if emphasised {
        1.0
    } else {
        (base * (1.0 + 0.45 * (depth.saturating_sub(1)) as f32)).min(0.7)
    };
    party_colour(colour).gamma_multiply(alpha)
}

/// Black or white, whichever reads better on `background` (WCAG relative luminance).
pub fn text_on(background: Color32) -> Color32 {
    let channel = |c: u8| {
        let c = f32::from(c) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let luminance = 0.2126 * channel(background.r())
        + 0.7152 * channel(background.g())
        + 0.0722 * channel(background.b());
    if luminance > 0.18 {
        Color32::BLACK
    } else {
        Color32::WHITE
    }
}

/// The strong colour of a status: marks, borders and legend swatches.
pub fn status_colour(status: Option<FactStatus>, visuals: &Visuals) -> Color32 {
    match status {
        Some(FactStatus::Agreed) => Color32::from_rgb(0x00, 0x9e, 0x73),
        Some(FactStatus::Disputed) => Color32::from_rgb(0xd5, 0x5e, 0x00),
        Some(FactStatus::OneSided | FactStatus::Unclaimed) | None => visuals.weak_text_color(),
    }
}

/// The fill behind a claim or fact row of a given status: agreed and disputed stand out,
/// one-sided and unlinked stay quiet.
pub fn status_fill(status: Option<FactStatus>, visuals: &Visuals) -> Color32 {
    let strong =
        |colour: Color32| colour.gamma_multiply(if visuals.dark_mode { 0.30 } else { 0.16 });
    match status {
        Some(FactStatus::Agreed | FactStatus::Disputed) => strong(status_colour(status, visuals)),
        Some(FactStatus::OneSided | FactStatus::Unclaimed) => visuals.faint_bg_color,
        None => Color32::TRANSPARENT,
    }
}

/// A short symbol for each status, so it reads without colour.
pub fn status_symbol(status: Option<FactStatus>) -> &'static str {
    match status {
        Some(FactStatus::Agreed) => "=",
        Some(FactStatus::Disputed) => "≠",
        Some(FactStatus::OneSided) => "~",
        Some(FactStatus::Unclaimed) => "·",
        None => "–",
    }
}

/// The outline of something that is selected or related to the hovered fact.
pub fn focus_stroke(visuals: &Visuals) -> egui::Stroke {
    egui::Stroke::new(2.0, visuals.selection.stroke.color)
}

pub fn error_colour(visuals: &Visuals) -> Color32 {
    visuals.error_fg_color
}

pub fn warning_colour(visuals: &Visuals) -> Color32 {
    visuals.warn_fg_color
}

/// The background of a find match; the current one is stronger.
pub fn find_highlight(current: bool) -> Color32 {
    if current {
        Color32::from_rgb(0xff, 0x9f, 0x1c)
    } else {
        Color32::from_rgb(0xff, 0xe0, 0x66)
    }
}
