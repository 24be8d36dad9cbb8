//! The text module's caches, kept in egui's context memory (one per context, so two
//! windows or two test harnesses never share glyphs), and the font epoch they are keyed by.
//!
//! A galley holds texture coordinates into egui's font atlas. egui empties the atlas when it
//! fills up, when the text options change (a theme switch changes how text is rasterized),
//! when fonts or the pixel scale change; every galley kept across frames is then wrong and
//! must be laid out again. egui says none of this, so each pass the epoch compares what it
//! can see: the text options, the pixel scale, and the atlas's fill, which only ever grows
//! between resets. Any change starts a new epoch and empties the caches.

use std::sync::{Arc, Mutex, PoisonError};

use egui::Galley;
use egui::epaint::text::TextOptions;
use rustc_hash::FxHashMap as HashMap;

/// Shaped pieces kept at most: about 1.5 kB each, a bound of some 75 MB, more distinct
/// words than most sessions hold.
const MAX_PIECES: usize = 50_000;
/// Labels kept before those not shown for a while are forgotten.
const MAX_LABELS: usize = 2_048;
/// A label not shown for this many passes is forgotten once the bound is reached.
const LABEL_IDLE_PASSES: u64 = 60;

#[derive(Default)]
pub(super) struct TextCache {
    epoch: u64,
    /// The pass the epoch was last checked in.
    checked_pass: Option<u64>,
    fill: f32,
    options: Option<TextOptions>,
    pixels_per_point: f32,
    /// Shaped words and spaces by (text, format) hash.
    pieces: HashMap<u64, Arc<Galley>>,
    /// Laid-out labels by (text, width, style) hash, with the pass they were last shown in.
    labels: HashMap<u64, (Arc<Galley>, u64)>,
}

type Shared = Arc<Mutex<TextCache>>;

fn shared(ctx: &egui::Context) -> Shared {
    ctx.data_mut(|data| {
        data.get_temp_mut_or_default::<Shared>(egui::Id::unique("rashomon-text-cache"))
            .clone()
    })
}

/// Runs `f` on the context's text cache, its epoch brought up to date. The cache's lock is
/// held only inside `f`, which must not lay text out (laying out calls back into egui).
fn with<R>(ctx: &egui::Context, f: impl FnOnce(&mut TextCache) -> R) -> R {
    let pass = ctx.cumulative_pass_nr();
    let cache = shared(ctx);
    let mut cache = cache.lock().unwrap_or_else(PoisonError::into_inner);
    if cache.checked_pass != Some(pass) {
        let (fill, options) = ctx.fonts(|fonts| (fonts.font_atlas_fill_ratio(), *fonts.options()));
        let pixels_per_point = ctx.pixels_per_point();
        let reset = fill < cache.fill
            || cache.options.as_ref() != Some(&options)
            || cache.pixels_per_point.to_bits() != pixels_per_point.to_bits();
        if reset {
            cache.epoch += 1;
            cache.pieces.clear();
            cache.labels.clear();
        }
        cache.fill = fill;
        cache.options = Some(options);
        cache.pixels_per_point = pixels_per_point;
        cache.checked_pass = Some(pass);
    }
    f(&mut cache)
}

/// Checks for an atlas reset before anything is laid out this pass: call first thing in a
/// frame. (Text laid out earlier in the pass would fill the emptied atlas again and could
/// hide the reset from the fill test.)
pub fn begin_frame(ctx: &egui::Context) {
    with(ctx, |_| ());
}

/// Counts egui's font atlas resets (and other changes that make kept galleys wrong): a
/// cache of galleys kept across frames keys on this.
pub fn epoch(ctx: &egui::Context) -> u64 {
    with(ctx, |cache| cache.epoch)
}

pub(super) fn piece(ctx: &egui::Context, key: u64) -> Option<Arc<Galley>> {
    with(ctx, |cache| cache.pieces.get(&key).cloned())
}

pub(super) fn keep_piece(ctx: &egui::Context, key: u64, galley: Arc<Galley>) {
    with(ctx, |cache| {
        if cache.pieces.len() >= MAX_PIECES {
            cache.pieces.clear();
        }
        cache.pieces.insert(key, galley);
    });
}

pub(super) fn label(ctx: &egui::Context, key: u64) -> Option<Arc<Galley>> {
    let pass = ctx.cumulative_pass_nr();
    with(ctx, |cache| {
        cache.labels.get_mut(&key).map(|(galley, used)| {
            *used = pass;
            galley.clone()
        })
    })
}

pub(super) fn keep_label(ctx: &egui::Context, key: u64, galley: Arc<Galley>) {
    let pass = ctx.cumulative_pass_nr();
    with(ctx, |cache| {
        if cache.labels.len() > MAX_LABELS {
            cache
                .labels
                .retain(|_, (_, used)| pass.saturating_sub(*used) < LABEL_IDLE_PASSES);
        }
        cache.labels.insert(key, (galley, pass));
    });
}

/// How many shaped pieces and labels are kept (for tests).
pub fn sizes(ctx: &egui::Context) -> (usize, usize) {
    with(ctx, |cache| (cache.pieces.len(), cache.labels.len()))
}
