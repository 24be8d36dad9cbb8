//! The bottom bar: the session's counts and what is running.

use egui::{RichText, Ui};

use crate::history::Document;

pub fn status_bar_ui(
    ui: &mut Ui,
    document: &Document,
    running: &[super::tasks::Running],
    save_waiting: bool,
) {
    let session = document.session();
    let counts = document.analysis().counts;
    ui.horizontal(|ui| {
        let count = super::actions::count;
        ui.label(format!(
            "{} · {} · {}: {} agreed, {} disputed, {} one-sided",
            count(session.articles().len(), "article", "articles"),
            count(session.claims().len(), "claim", "claims"),
            count(session.facts().len(), "fact", "facts"),
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
            if save_waiting {
                ui.label(RichText::new("another save waits for this one").weak())
                    .on_hover_text("It writes the session as it is when this save is done.");
            }
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
