//! Team work: two analysts' sessions compared and their agreement measured (issue 14). Pure:
//! no egui, no files. [`statistics`] holds the coefficients, checked against published
//! worked examples; matching, the agreement report and merging build on them.

pub mod statistics;
