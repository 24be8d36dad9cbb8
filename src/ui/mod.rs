//! The egui layer.
