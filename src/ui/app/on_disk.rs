//! The open session's file on disk: who else has it open (its lock), whether someone changed
//! it (a watcher on its folder, and a check before every save), and the analyst's choices
//! when someone did: reload, save as a copy, or overwrite — each keeping both versions.
//!
//! Nothing here writes over a file changed elsewhere without the analyst saying so, and
//! even then the other version is kept beside it.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};

use egui::{RichText, Ui};

use super::RashomonApp;
use super::chrome::file_name;
use crate::storage::lock::{self, Lock, Locked};
use crate::storage::{DiskCheck, DiskVersion};
use crate::ui::tasks::{self, AfterSave, TaskResult};

/// The file the document was read from or saved to.
pub(super) struct OnDisk {
    path: PathBuf,
    /// The file as last read or written here.
    known: Option<DiskVersion>,
    /// Held while the document is open here; `None` when another window has it (or the
    /// folder takes no locks).
    lock: Option<Lock>,
    /// Kept alive for its events; `None` where the folder cannot be watched.
    _watcher: Option<notify::RecommendedWatcher>,
    changes: Receiver<()>,
    /// The watcher said something happened to the file: compare it when no save is running.
    check_wanted: bool,
    /// Someone else changed the file and this window has unsaved work: the analyst decides.
    pub conflict: Option<Conflict>,
    told_gone: bool,
}

/// What the analyst is asked about.
#[derive(Clone, Debug)]
pub(super) struct Conflict {
    /// A save found it (and did not write), or the watcher did.
    pub on_save: bool,
}

/// What the analyst chose in the conflict bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Choice {
    Reload,
    SaveCopy,
    Overwrite,
    Later,
}

impl OnDisk {
    /// Starts watching `path`; takes its lock, or says who holds it. `previous` is the guard
    /// of the document being replaced: its lock is kept when it is the same file.
    pub fn open(
        path: &Path,
        known: Option<DiskVersion>,
        ctx: &egui::Context,
        previous: Option<Self>,
    ) -> (Self, Option<String>) {
        let mut warning = None;
        let kept_lock = previous.and_then(|p| (p.path == path).then_some(p.lock).flatten());
        let lock = kept_lock.or_else(|| match lock::try_lock(&lock::lock_path_of(path)) {
            Locked::Mine { lock, .. } => Some(lock),
            Locked::Theirs(holder) => {
                let who = holder.map_or_else(
                    || "another program".to_owned(),
                    |h| format!("another Rashomon window ({})", h.describe()),
                );
                warning = Some(format!(
                    "“{}” is also open in {who}. Both can save: every save here first checks that the file was not changed there, and asks before writing over it.",
                    file_name(path)
                ));
                None
            }
            Locked::Unavailable(_) => None,
        });
        let (sender, changes) = channel();
        let watcher = watch(path, sender, ctx.clone());
        (
            Self {
                path: path.to_owned(),
                known,
                lock,
                _watcher: watcher,
                changes,
                check_wanted: false,
                conflict: None,
                told_gone: false,
            },
            warning,
        )
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The version to check a save to `path` against (`None` for another file).
    pub fn known_for(&self, path: &Path) -> Option<DiskVersion> {
        (self.path == path).then(|| self.known.clone()).flatten()
    }

    /// A save here wrote `version`.
    pub fn saved(&mut self, version: DiskVersion) {
        self.known = Some(version);
        self.conflict = None;
        self.told_gone = false;
    }

    /// Whether a comparison with the disk should start now (the watcher saw something and
    /// no save of ours is running, whose own write it may be).
    pub fn wants_check(&mut self, save_running: bool) -> bool {
        if self.changes.try_iter().count() > 0 {
            self.check_wanted = true;
        }
        if self.check_wanted && !save_running && self.known.is_some() {
            self.check_wanted = false;
            return true;
        }
        false
    }

    /// The check, to run on a task thread.
    pub fn check_task(&self) -> impl FnOnce() -> TaskResult + Send + 'static {
        let path = self.path.clone();
        let known = self.known.clone();
        move || TaskResult::DiskChecked {
            result: known.map_or(Ok(DiskCheck::Gone), |k| k.check(&path)),
            path,
        }
    }
}

/// Watches the folder (an atomic save elsewhere replaces the file, which a watch on the file
/// itself would lose) for events about this file's name.
fn watch(
    path: &Path,
    sender: std::sync::mpsc::Sender<()>,
    ctx: egui::Context,
) -> Option<notify::RecommendedWatcher> {
    use notify::Watcher;
    let real = crate::storage::resolve_links(path).unwrap_or_else(|_| path.to_owned());
    let name = real.file_name()?.to_owned();
    let folder = real.parent()?.to_owned();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else { return };
        // Reads (ours among them) are not changes.
        if matches!(event.kind, notify::EventKind::Access(_)) {
            return;
        }
        if event
            .paths
            .iter()
            .any(|p| p.file_name() == Some(name.as_os_str()))
        {
            let _ = sender.send(());
            ctx.request_repaint();
        }
    })
    .ok()?;
    watcher
        .watch(&folder, notify::RecursiveMode::NonRecursive)
        .ok()?;
    Some(watcher)
}

impl RashomonApp {
    /// Follows the file on disk each frame: starts a comparison when the watcher saw a change.
    pub(super) fn watch_disk(&mut self) {
        let save_running = self.save_is_running();
        if let Some(on_disk) = &mut self.on_disk
            && on_disk.wants_check(save_running)
        {
            let task = on_disk.check_task();
            self.tasks.spawn("Checking the file on disk", task);
        }
    }

    /// A new document is open: watch its file (or none).
    pub(super) fn guard_file(&mut self, path: Option<&Path>, known: Option<DiskVersion>) {
        let previous = self.on_disk.take();
        self.on_disk = path.map(|path| {
            let (on_disk, warning) = OnDisk::open(path, known, &self.tasks.ctx(), previous);
            if let Some(warning) = warning {
                self.notifications.warning(warning, Vec::new());
            }
            on_disk
        });
    }

    /// What the comparison with the disk found.
    pub(super) fn disk_checked(&mut self, path: &Path, result: std::io::Result<DiskCheck>) {
        let dirty = self.document.is_dirty();
        let Some(on_disk) = self.on_disk.as_mut().filter(|d| d.path == path) else {
            return;
        };
        match result {
            Ok(DiskCheck::Same(version)) => on_disk.known = Some(version),
            Ok(DiskCheck::Changed(_)) if !dirty => {
                // Nothing unsaved here: take the new version, as editors do.
                self.notifications.info(format!(
                    "“{}” was changed on disk by another program or window; reloaded.",
                    file_name(path)
                ));
                let path = path.to_owned();
                self.tasks
                    .spawn("Reloading", move || tasks::reload(path, None));
            }
            Ok(DiskCheck::Changed(_)) => {
                if on_disk.conflict.is_none() {
                    on_disk.conflict = Some(Conflict { on_save: false });
                }
            }
            Ok(DiskCheck::Gone) => {
                if !on_disk.told_gone {
                    on_disk.told_gone = true;
                    self.notifications.warning(
                        format!(
                            "“{}” was moved or deleted outside Rashomon. Your work is still here; saving writes it again at {}.",
                            file_name(path),
                            path.display()
                        ),
                        Vec::new(),
                    );
                }
            }
            Err(error) => self.notifications.warning(
                format!(
                    "Could not compare {} with the file on disk: {error}",
                    path.display()
                ),
                Vec::new(),
            ),
        }
    }

    /// The bar over the panels while the file changed elsewhere and this window has unsaved
    /// work: not a modal, so the analyst can look at their work before choosing.
    pub(super) fn conflict_bar_ui(&mut self, ui: &mut Ui) {
        let Some(on_disk) = &self.on_disk else { return };
        let Some(conflict) = &on_disk.conflict else {
            return;
        };
        let name = file_name(&on_disk.path);
        let on_save = conflict.on_save;
        let mut choice = None;
        egui::Panel::top("changed-on-disk")
            .frame(crate::ui::panels::side(ui))
            .show(ui, |ui| {
            ui.add_space(4.0);
            ui.horizontal_wrapped(|ui| {
                let warn = ui.visuals().warn_fg_color;
                ui.label(RichText::new("⚠").color(warn).strong());
                let what = if on_save {
                    format!("Not saved: “{name}” was changed by another program or window since you opened it here.")
                } else {
                    format!("“{name}” was changed on disk by another program or window, and you have unsaved work here.")
                };
                ui.label(RichText::new(what).color(warn));
                if ui
                    .button("Reload from disk")
                    .on_hover_text("Open the version on disk; yours is first saved beside it as a copy")
                    .clicked()
                {
                    choice = Some(Choice::Reload);
                }
                if ui
                    .button("Save mine as a copy…")
                    .on_hover_text("Save your version under another name; the file on disk stays as it is")
                    .clicked()
                {
                    choice = Some(Choice::SaveCopy);
                }
                if ui
                    .button("Overwrite with mine")
                    .on_hover_text("Save your version over it; the version on disk is first kept beside it as a copy")
                    .clicked()
                {
                    choice = Some(Choice::Overwrite);
                }
                if ui
                    .button("Later")
                    .on_hover_text("Hide this; the next save asks again")
                    .clicked()
                {
                    choice = Some(Choice::Later);
                }
            });
            ui.add_space(4.0);
        });
        if let Some(choice) = choice {
            self.resolve_conflict(choice);
        }
    }

    /// Carries out the analyst's choice about a file changed elsewhere.
    pub(super) fn resolve_conflict(&mut self, choice: Choice) {
        let Some(on_disk) = &mut self.on_disk else {
            return;
        };
        on_disk.conflict = None;
        let path = on_disk.path.clone();
        match choice {
            Choice::Reload => {
                let unsaved = self
                    .document
                    .is_dirty()
                    .then(|| self.document.session().clone());
                self.tasks
                    .spawn("Reloading", move || tasks::reload(path, unsaved));
            }
            Choice::SaveCopy => self.save_as(AfterSave::Nothing),
            Choice::Overwrite => self.spawn_save_with(path, AfterSave::Nothing, true),
            Choice::Later => {}
        }
    }

    /// What a reload gave: the version on disk opens, and the message says where this
    /// window's version was kept.
    pub(super) fn reloaded(
        &mut self,
        path: &Path,
        result: Result<crate::storage::Loaded, crate::storage::LoadError>,
        kept: Option<PathBuf>,
    ) {
        match result {
            Ok(loaded) => {
                let disk = loaded.disk.clone();
                self.open_loaded(loaded, path, disk);
                if let Some(kept) = kept {
                    self.notifications.info(format!(
                        "Reloaded “{}” from disk. Your version was saved as {}.",
                        file_name(path),
                        kept.display()
                    ));
                }
            }
            Err(error) => self.notifications.error(format!(
                "Could not reload {}: {error}. Your work here is unchanged.",
                path.display()
            )),
        }
    }
}
