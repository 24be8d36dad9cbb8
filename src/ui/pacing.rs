//! Frames that only carry an animation on (a smooth scroll easing out, a highlight fading)
//! come at most 60 a second. Where the display's vertical sync holds frames back this
//! changes nothing; where it does not (software rendering on a virtual display, some remote
//! desktops), the window would otherwise render as fast as the processor allows for as long
//! as an animation runs. Frames that bring input are never held back.

use std::time::{Duration, Instant};

/// The shortest time between two frames that bring no input.
const ANIMATION_INTERVAL: Duration = Duration::from_micros(16_667);

#[derive(Default)]
pub struct FramePacer {
    last: Option<Instant>,
}

impl FramePacer {
    /// At the start of a frame: waits out the rest of [`ANIMATION_INTERVAL`] if this frame
    /// brings no input and the last one began less than that ago.
    pub fn pace(&mut self, ctx: &egui::Context) {
        let animation_only = ctx.input(|i| i.events.is_empty());
        if animation_only
            && let Some(wait) = self
                .last
                .and_then(|last| ANIMATION_INTERVAL.checked_sub(last.elapsed()))
        {
            std::thread::sleep(wait);
        }
        self.last = Some(Instant::now());
    }
}
