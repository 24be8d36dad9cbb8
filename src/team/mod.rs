//! Team work: two analysts' sessions compared, their agreement measured, and their work
//! merged (issue 14). Pure: no egui, no files.
//!
//! - [`matching`]: what in one session is the same thing as in another (by content, never
//!   by id).
//! - [`statistics`]: the coefficients, checked against published worked examples.
//! - [`agreement`]: the figures per article and overall, and the disagreements; [`report`]
//!   prints them (JSON or lines).
//! - [`adjudicate`]: the edit that settles one disagreement (take A, take B, keep both,
//!   drop both), against another session or between two versions a merge marked.
//! - [`merge`]: the union of two sessions as one undoable edit, and the three-way merge for
//!   sessions kept in git.

pub mod adjudicate;
pub mod agreement;
pub mod matching;
pub mod merge;
pub mod report;
pub mod statistics;

#[cfg(test)]
mod tests;
