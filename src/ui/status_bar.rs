//! The bottom bar: the session's counts and what is running.

use egui::{RichText, Ui};

use crate::history::Document;

pub fn status_bar_ui(ui: &mut Ui, document: &Document, running: &[super::tasks::Running]) {
    let session = document.session();
    let counts = document.analysis().counts;
    ui.horizontal(|ui| {
        ui.label(format!(
            "{} articles · {} claims · {} facts: {} agreed, {} disputed, {} one-sided",
            session.articles().len(),
            session.claims().len(),
            session.facts().len(),
            counts.agreed,
            counts.disputed,
            counts.one_sided,
        ));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let saved = if document.is_dirty() {
                RichText::new("• unsaved changes").color(ui.visuals().warn_fg_color)
            } else {
                RichText::new("saved").weak()
            };
            ui.label(saved);
            ui.label(RichText::new(document.display_name()).weak());
            for task in running {
                if let Some((done, total)) =
                    task.progress.as_ref().and_then(super::tasks::Progress::get)
                {
                    ui.add(
                        egui::ProgressBar::new(done as f32 / total as f32)
                            .desired_width(140.0)
                            .text(format!("{done} of {total}")),
                    );
                } else {
                    ui.spinner();
                }
                ui.label(task.what);
            }
        });
    });
}
