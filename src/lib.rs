//! Rashomon: a workbench for comparing how parties narrate the same event.
//!
//! The core ([`model`], [`history`], [`storage`], [`import`], [`export`]) has no egui in it and
//! is tested without a window; [`ui`] is the thin egui layer on top.

pub mod cli;
pub mod desktop;
pub mod embedding;
pub mod export;
pub mod fuzzing;
pub mod generate;
pub mod history;
pub mod import;
pub mod model;
pub mod sample;
pub mod storage;
pub mod suggest;
pub mod team;
pub mod text;
pub mod ui;
