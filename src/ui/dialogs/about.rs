//! Help › About Rashomon: the version, the licences (the program's and its fonts'), and
//! where the app keeps its settings and unsaved work.

use std::path::PathBuf;

use egui::{RichText, Ui};

pub struct About {
    /// Where unsaved work is autosaved, if autosave is on.
    pub recovery_file: Option<PathBuf>,
}

impl About {
    /// Shows the dialog's contents; whether it closed.
    pub fn ui(&mut self, ui: &mut Ui) -> bool {
        ui.heading(format!("Rashomon {}", env!("CARGO_PKG_VERSION")));
        ui.label(env!("CARGO_PKG_DESCRIPTION"));
        ui.add_space(6.0);
        egui::Grid::new("about")
            .num_columns(2)
            .spacing([12.0, 6.0])
            .show(ui, |ui| {
                ui.label(RichText::new("Licence").strong());
                ui.label(format!(
                    "{} (either, at your choice)",
                    env!("CARGO_PKG_LICENSE")
                ));
                ui.end_row();
                ui.label(RichText::new("Fonts").strong());
                ui.label(
                    "Noto Sans and Noto Sans Arabic, SIL Open Font License 1.1; egui's fonts: \
                     Ubuntu Light (Ubuntu Font Licence), Hack (MIT), Noto Emoji (SIL OFL 1.1)",
                );
                ui.end_row();
                ui.label(RichText::new("Unsaved work").strong());
                match &self.recovery_file {
                    Some(path) => ui.label(format!(
                        "autosaved a few seconds after each change to {} (each window has its own file in that folder)",
                        path.display()
                    )),
                    None => ui.label("not autosaved in this run"),
                };
                ui.end_row();
                if let Some(folder) = self
                    .recovery_file
                    .as_ref()
                    .and_then(|p| p.parent())
                    .and_then(std::path::Path::parent) {
                    ui.label(RichText::new("Settings").strong());
                    ui.label(format!(
                        "window size, arrangement and recent sessions in {}",
                        folder.display()
                    ));
                    ui.end_row();
                }
            });
        ui.add_space(6.0);
        ui.button("Close").clicked()
    }
}
