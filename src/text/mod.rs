//! Text as the reader and the comparison lay it out, right-to-left scripts included. egui
//! shapes runs but has no bidi algorithm and breaks rows by glyphs, so this module does what
//! egui does not yet: paragraph direction, row breaking at UAX #14 opportunities, visual
//! order by the Unicode Bidirectional Algorithm, galleys assembled from words shaped once,
//! and a map from the drawn glyphs back to article offsets. See docs/text-layout.md.
//!
//! - [`direction`], [`segment`], [`breaking`], [`map`]: pure, no egui, tested on their own.
//! - [`galley`]: the one file that reads and writes epaint's glyph layout.
//! - [`label`]: wrapped labels for quotes, facts and titles.
//! - [`cache`]: the shaped words and labels, in egui's context memory, emptied at every
//!   change that makes a kept galley wrong (atlas reset, text options, pixel scale).

pub mod breaking;
mod cache;
pub mod direction;
mod galley;
mod label;
pub mod map;
pub mod segment;

pub use cache::{begin_frame, epoch, sizes as cache_sizes};
pub use direction::has_rtl;
pub use galley::{Laid, count_rows, layout_block};
pub use label::{add, label, one_line, styled, wrapped};
pub use map::{GalleyIndex, OffsetMap};
