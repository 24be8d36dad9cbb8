//! How the window's panels are framed. They paint no background: the window is cleared to
//! the panels' colour instead, so every pixel is painted once less in every frame. A
//! software renderer (llvmpipe, as on many virtual machines and remote desktops) pays for
//! every pixel painted: the panels' fills were more than half of what a frame of the big
//! article painted while scrolling (`cargo bench -- mesh`).

use egui::{Color32, Frame, Ui, Visuals};

/// A side, top or bottom panel's frame, without its fill.
pub fn side(ui: &Ui) -> Frame {
    Frame::side_top_panel(ui.style()).fill(Color32::TRANSPARENT)
}

/// The central panel's frame, without its fill.
pub fn central(ui: &Ui) -> Frame {
    Frame::central_panel(ui.style()).fill(Color32::TRANSPARENT)
}

/// What the window is cleared to each frame: the panels' colour, opaque.
pub fn clear_color(visuals: &Visuals) -> [f32; 4] {
    visuals.panel_fill.to_opaque().to_normalized_gamma_f32()
}
