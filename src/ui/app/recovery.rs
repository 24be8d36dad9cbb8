//! Unsaved work of earlier runs: every recovery file no live window holds is offered at start,
//! each with its file, time and counts, to restore or discard one by one (or decide later).
//! The document's own recovery file is made here too (see [`crate::storage::recovery`]).

use std::path::{Path, PathBuf};

use egui::RichText;

use super::RashomonApp;
use crate::history::Document;
use crate::storage::recovery::{Found, RecoveryFile, Scan};
use crate::ui::actions::Pending;

/// Where recovery files are kept.
#[derive(Clone, Debug)]
pub(super) struct RecoveryFolder {
    pub folder: PathBuf,
    /// The one recovery file of earlier versions, read once and offered like the others.
    pub legacy: Option<PathBuf>,
}

impl RashomonApp {
    /// A recovery file of its own for a document called `name` (`None` without autosave).
    pub(super) fn new_recovery_file(&self, name: &str) -> Option<RecoveryFile> {
        let folder = self.recovery_folder.as_ref()?;
        Some(RecoveryFile::new(&folder.folder, name))
    }

    /// Whether unsaved work from an earlier run is being offered for restoring.
    pub fn offers_recovery(&self) -> bool {
        !self.recovery_offer.is_empty() && !self.recovery_hidden
    }

    /// The look into the recovery folder at start.
    pub(super) fn start_recovery_scan(&mut self) {
        let Some(folder) = self.recovery_folder.clone() else {
            return;
        };
        self.tasks.spawn("Looking for unsaved work", move || {
            crate::ui::tasks::scan_recovery(&folder.folder, folder.legacy.as_deref())
        });
    }

    pub(super) fn recovery_scanned(&mut self, scan: Scan) {
        for (kept, error) in scan.unreadable {
            self.notifications.warning(
                format!(
                    "Unsaved work from an earlier run could not be read ({error}). The file was kept as {}.",
                    kept.display()
                ),
                Vec::new(),
            );
        }
        self.recovery_offer.extend(scan.found);
        self.recovery_hidden = false;
    }

    /// Restores the offered work whose recovery file is `path`: it becomes the document, and
    /// goes on being autosaved into the same file (deleted once it is saved or discarded).
    pub(super) fn restore(&mut self, path: &Path) {
        let Some(at) = self.recovery_offer.iter().position(|f| f.file.path == path) else {
            return;
        };
        let found = self.recovery_offer.remove(at);
        let known = found
            .recovery
            .original_content
            .map(crate::storage::DiskVersion::from_content);
        let document =
            Document::recovered(found.session, found.recovery.original, &found.recovery.name);
        self.replace_document_with(document, known, Some(found.file));
        if !found.warnings.is_empty() {
            self.notifications.warning(
                "The restored work was repaired while reading it.".to_owned(),
                found.warnings,
            );
        }
    }

    fn discard_offer(&mut self, path: &Path) {
        if let Some(at) = self.recovery_offer.iter().position(|f| f.file.path == path) {
            let found = self.recovery_offer.remove(at);
            let _ = std::fs::remove_file(&found.file.path);
        }
    }

    pub(super) fn recovery_ui(&mut self, ctx: &egui::Context) {
        if !self.offers_recovery() || self.confirm.is_some() {
            return;
        }
        let mut choice: Option<(PathBuf, bool)> = None;
        let mut later = false;
        egui::Modal::new(egui::Id::unique("recover-unsaved-work")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            ui.heading("Restore unsaved work?");
            ui.label(if self.recovery_offer.len() == 1 {
                "Rashomon stopped before this work was saved. It was autosaved and is still here."
                    .to_owned()
            } else {
                format!(
                    "Rashomon stopped before this work was saved, in {} windows. Each was autosaved and is still here; restore one at a time.",
                    self.recovery_offer.len()
                )
            });
            ui.add_space(6.0);
            egui::ScrollArea::vertical()
                .max_height(320.0)
                .show(ui, |ui| {
                    for found in &self.recovery_offer {
                        ui.group(|ui| {
                            ui.set_width(ui.available_width());
                            offer_ui(ui, found, &mut choice);
                        });
                    }
                });
            ui.add_space(6.0);
            if ui
                .button("Decide later")
                .on_hover_text("Keep these files; they are offered again at the next start")
                .clicked()
            {
                later = true;
            }
        });
        if later {
            self.recovery_hidden = true;
        }
        match choice {
            Some((path, true)) => self.request(Pending::Restore(path)),
            Some((path, false)) => self.discard_offer(&path),
            None => {}
        }
    }
}

fn offer_ui(ui: &mut egui::Ui, found: &Found, choice: &mut Option<(PathBuf, bool)>) {
    let when = found
        .recovery
        .saved_at
        .with_timezone(&chrono::Local)
        .format("%e %B %Y at %H:%M:%S")
        .to_string();
    ui.label(RichText::new(&found.recovery.name).strong());
    ui.label(format!("Autosaved {}: {}.", when.trim(), found.counts()));
    let belongs = found.recovery.original.as_ref().map_or_else(
        || "It was never saved to a file.".to_owned(),
        |original| format!("It belongs to {}.", original.display()),
    );
    ui.label(RichText::new(belongs).weak());
    ui.horizontal(|ui| {
        if ui.button("Restore").clicked() {
            *choice = Some((found.file.path.clone(), true));
        }
        if ui
            .button("Discard")
            .on_hover_text("Delete this unsaved work for good")
            .clicked()
        {
            *choice = Some((found.file.path.clone(), false));
        }
    });
}
