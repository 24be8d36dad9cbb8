//! Work that must not block a frame: file dialogs, reading and writing files, rendering
//! exports. Each task runs on its own thread and reports back through a channel; the UI polls
//! it once per frame and is woken with `request_repaint` when a result arrives.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};

use crate::export::Format;
use crate::import::{ImportError, ImportedArticle};
use crate::model::Session;
use crate::storage::{DiskCheck, DiskVersion, LoadError, Loaded, SaveError};

/// What to do once a save has finished well.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AfterSave {
    Nothing,
    /// Go on with an action that waited for the unsaved changes to be saved.
    Continue(super::actions::Pending),
}

/// What a finished task reports.
pub enum TaskResult {
    ArticlesRead(Vec<Result<ImportedArticle, ImportError>>),
    SessionRead {
        path: PathBuf,
        result: Result<Loaded, LoadError>,
    },
    Saved {
        path: PathBuf,
        version: u64,
        generation: u64,
        result: Result<DiskVersion, SaveError>,
        then: AfterSave,
        /// Where the version that was on disk was kept, when the user chose to overwrite a
        /// file changed elsewhere.
        kept: Option<PathBuf>,
    },
    /// The session file read again after it changed on disk; `kept` is where this window's
    /// unsaved version was written first.
    Reloaded {
        path: PathBuf,
        result: Result<Loaded, LoadError>,
        kept: Option<PathBuf>,
    },
    /// How the open session's file compares with what was last read or written here.
    DiskChecked {
        path: PathBuf,
        result: std::io::Result<DiskCheck>,
    },
    Exported {
        path: PathBuf,
        format: Format,
        result: std::io::Result<()>,
    },
    /// What was found in the recovery folder at start.
    RecoveryScanned(crate::storage::recovery::Scan),
    /// An article's text, read again to replace its text.
    TextRead {
        article: crate::model::ArticleId,
        result: Result<ImportedArticle, ImportError>,
    },
    /// An article's claims placed in its new text on a worker, for the session as it was at
    /// `version`.
    Reanchored {
        article: crate::model::ArticleId,
        version: u64,
        imported: Box<ImportedArticle>,
        claims: Vec<crate::model::Claim>,
        report: crate::model::Reanchored,
    },
    /// Another analyst's session, read and compared with this one (as it was at `version`).
    Compared {
        path: PathBuf,
        version: u64,
        result: Result<Box<(Session, crate::team::agreement::Report)>, String>,
    },
    /// Another analyst's session, read and merged into a copy of this one (as it was at
    /// `version`): the edit that makes this session the union.
    MergeComputed {
        path: PathBuf,
        version: u64,
        result: Result<Box<(Session, crate::model::Edit, crate::team::merge::MergeReport)>, String>,
    },
    /// The user closed a dialog without choosing a file.
    Cancelled,
}

pub struct Tasks {
    /// Results with the id of the task that made them.
    sender: Sender<(u64, TaskResult)>,
    receiver: Receiver<(u64, TaskResult)>,
    running: Vec<Running>,
    next_id: u64,
    ctx: egui::Context,
}

/// A task in the status bar: what it does and, for long ones, how far it has got.
pub struct Running {
    id: u64,
    pub what: &'static str,
    pub progress: Option<Progress>,
    /// It starts with a native file dialog, which may still be on its way to the screen.
    pub asks: bool,
}

/// How far a long task has got, shared between its thread and the status bar.
#[derive(Clone)]
pub struct Progress {
    done: Arc<AtomicUsize>,
    total: Arc<AtomicUsize>,
    ctx: egui::Context,
}

impl Progress {
    pub fn set_total(&self, total: usize) {
        self.total.store(total, Ordering::Relaxed);
        self.ctx.request_repaint();
    }

    /// One more step done.
    pub fn advance(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
        self.ctx.request_repaint();
    }

    /// (done, total), once the total is known.
    pub fn get(&self) -> Option<(usize, usize)> {
        let total = self.total.load(Ordering::Relaxed);
        (total > 0).then(|| (self.done.load(Ordering::Relaxed).min(total), total))
    }
}

impl Tasks {
    pub fn new(ctx: egui::Context) -> Self {
        let (sender, receiver) = channel();
        Self {
            sender,
            receiver,
            running: Vec::new(),
            next_id: 0,
            ctx,
        }
    }

    /// Runs `work` on a new thread; `what` describes it in the status bar meanwhile.
    pub fn spawn(
        &mut self,
        what: &'static str,
        work: impl FnOnce() -> TaskResult + Send + 'static,
    ) {
        self.start(what, None, work);
    }

    /// Like [`Self::spawn`], for work that first asks the user with a native file dialog:
    /// until it reports, the window takes no shortcuts (keys typed while the dialog is
    /// opening would otherwise tag text or move the selection).
    pub fn spawn_asking(
        &mut self,
        what: &'static str,
        work: impl FnOnce() -> TaskResult + Send + 'static,
    ) {
        self.start(what, None, work);
        if let Some(task) = self.running.last_mut() {
            task.asks = true;
        }
    }

    /// Whether a task's file dialog may be open.
    pub fn is_asking(&self) -> bool {
        self.running.iter().any(|task| task.asks)
    }

    /// Like [`Self::spawn`], for work that reports its progress.
    pub fn spawn_with_progress(
        &mut self,
        what: &'static str,
        work: impl FnOnce(&Progress) -> TaskResult + Send + 'static,
    ) {
        let progress = Progress {
            done: Arc::default(),
            total: Arc::default(),
            ctx: self.ctx.clone(),
        };
        let handle = progress.clone();
        self.start(what, Some(progress), move || work(&handle));
    }

    /// [`Self::spawn_with_progress`] for work that first asks with a file dialog.
    pub fn spawn_asking_with_progress(
        &mut self,
        what: &'static str,
        work: impl FnOnce(&Progress) -> TaskResult + Send + 'static,
    ) {
        self.spawn_with_progress(what, work);
        if let Some(task) = self.running.last_mut() {
            task.asks = true;
        }
    }

    fn start(
        &mut self,
        what: &'static str,
        progress: Option<Progress>,
        work: impl FnOnce() -> TaskResult + Send + 'static,
    ) {
        let sender = self.sender.clone();
        let ctx = self.ctx.clone();
        let id = self.next_id;
        self.next_id += 1;
        self.running.push(Running {
            id,
            what,
            progress,
            asks: false,
        });
        let spawned = std::thread::Builder::new()
            .name(format!("rashomon: {what}"))
            .spawn(move || {
                let result = work();
                // The receiver lives as long as the app; if it is gone, nobody is waiting.
                let _ = sender.send((id, result));
                ctx.request_repaint();
            });
        if spawned.is_err() {
            self.running.pop();
        }
    }

    /// Results that arrived since the last call; each one's task leaves the status bar.
    pub fn finished(&mut self) -> Vec<TaskResult> {
        let results: Vec<(u64, TaskResult)> = self.receiver.try_iter().collect();
        self.running
            .retain(|task| !results.iter().any(|(id, _)| *id == task.id));
        results.into_iter().map(|(_, result)| result).collect()
    }

    pub fn ctx(&self) -> egui::Context {
        self.ctx.clone()
    }

    /// What is running now, for the status bar.
    pub fn running(&self) -> &[Running] {
        &self.running
    }

    /// Waits until every running task has reported (tests and exit).
    pub fn wait_all(&mut self) -> Vec<TaskResult> {
        let mut results = Vec::new();
        while results.len() < self.running.len() {
            match self.receiver.recv() {
                Ok((_, result)) => results.push(result),
                Err(_) => break,
            }
        }
        self.running.clear();
        results
    }
}

/// Reads article files (on a task thread); folders give the article files in them.
pub fn read_articles(paths: &[PathBuf], progress: &Progress) -> TaskResult {
    let files = crate::import::expand_paths(paths);
    progress.set_total(files.len());
    TaskResult::ArticlesRead(
        files
            .iter()
            .map(|path| {
                let result = crate::import::contained::import_file(path);
                progress.advance();
                result
            })
            .collect(),
    )
}

/// A session to write (on a task thread), and what to check first.
pub struct SessionWrite {
    pub path: PathBuf,
    pub session: Session,
    pub version: u64,
    pub generation: u64,
    /// The file as last read or written here: if it changed since, nothing is written.
    pub known: Option<DiskVersion>,
    /// Keep the file that is there as a copy first (overwriting a file changed elsewhere).
    pub keep_theirs: bool,
    pub then: AfterSave,
}

/// Writes a session (on a task thread).
pub fn write_session(write: SessionWrite) -> TaskResult {
    let path = crate::storage::with_session_extension(write.path);
    let mut kept = None;
    let result = if write.keep_theirs {
        crate::storage::keep_copy(&path, "changed on disk")
            .map_err(|source| SaveError::Io {
                path: path.clone(),
                source,
            })
            .and_then(|copy| {
                kept = copy;
                crate::storage::save(&path, &write.session)
            })
    } else {
        crate::storage::save_checked(&path, &write.session, write.known.as_ref())
    };
    TaskResult::Saved {
        path,
        version: write.version,
        generation: write.generation,
        result,
        then: write.then,
        kept,
    }
}

/// Reads the session file again, having first written this window's unsaved version beside
/// it when there is one (on a task thread). Nothing is read if that copy could not be made.
pub fn reload(path: PathBuf, unsaved: Option<Session>) -> TaskResult {
    let mut kept = None;
    if let Some(session) = unsaved {
        let copy = crate::storage::sibling_path(&path, "your version");
        if let Err(error) = crate::storage::save(&copy, &session) {
            return TaskResult::Reloaded {
                path,
                result: Err(LoadError::Io {
                    path: copy,
                    source: std::io::Error::other(format!(
                        "your version could not be kept beside it ({error}), so nothing was reloaded"
                    )),
                }),
                kept: None,
            };
        }
        kept = Some(copy);
    }
    let result = crate::storage::load(&path);
    TaskResult::Reloaded { path, result, kept }
}

/// Renders and writes a report (on a task thread).
pub fn write_report(
    path: PathBuf,
    session: &Session,
    format: Format,
    options: &crate::export::ExportOptions,
) -> TaskResult {
    let result = crate::storage::target::may_write(&path, format.file_kind(), format.label())
        .map_err(std::io::Error::other)
        .and_then(|()| {
            crate::storage::write_atomic_with(&path, |out| format.write_to(session, options, out))
        });
    TaskResult::Exported {
        path,
        format,
        result,
    }
}

/// Looks for unsaved work of earlier runs (on a task thread).
pub fn scan_recovery(folder: &std::path::Path, legacy: Option<&std::path::Path>) -> TaskResult {
    TaskResult::RecoveryScanned(crate::storage::recovery::scan(folder, legacy))
}

/// A save-file dialog, asked on a task thread (rfd's async dialog, driven by pollster).
pub struct SaveDialog {
    pub title: String,
    pub filter: String,
    pub extension: String,
    pub folder: Option<PathBuf>,
    pub file_name: String,
    /// A path to use without asking (tests, scripted runs).
    pub answer: Option<PathBuf>,
}

impl SaveDialog {
    /// The chosen path, or `None` if the user cancelled.
    pub fn ask(self) -> Option<PathBuf> {
        if let Some(answer) = self.answer {
            return Some(answer);
        }
        let mut dialog = rfd::AsyncFileDialog::new()
            .set_title(&self.title)
            .add_filter(&self.filter, &[self.extension.as_str()])
            .set_file_name(&self.file_name);
        if let Some(folder) = &self.folder {
            dialog = dialog.set_directory(folder);
        }
        pollster::block_on(dialog.save_file()).map(|file| file.path().to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_knows_a_file_dialog_may_be_open_until_its_task_reports() {
        let mut tasks = Tasks::new(egui::Context::default());
        let (release, wait) = std::sync::mpsc::channel::<()>();
        tasks.spawn("Reading", || TaskResult::Cancelled);
        assert!(!tasks.is_asking());
        tasks.spawn_asking("Exporting", move || {
            let _ = wait.recv();
            TaskResult::Cancelled
        });
        assert!(tasks.is_asking());
        release.send(()).expect("the task waits");
        let _ = tasks.wait_all();
        assert!(!tasks.is_asking());
    }

    #[test]
    fn a_finished_task_leaves_the_status_bar_whichever_it_was() {
        let mut tasks = Tasks::new(egui::Context::default());
        let (release, wait) = std::sync::mpsc::channel::<()>();
        tasks.spawn("Saving", move || {
            let _ = wait.recv();
            TaskResult::Cancelled
        });
        tasks.spawn("Exporting", || TaskResult::Cancelled);
        // The second finishes first: the first is still running, and still named.
        let mut finished = Vec::new();
        while finished.is_empty() {
            finished = tasks.finished();
            std::thread::yield_now();
        }
        let names: Vec<&str> = tasks.running().iter().map(|t| t.what).collect();
        assert_eq!(names, ["Saving"]);
        release.send(()).expect("the task waits");
        assert_eq!(tasks.wait_all().len(), 1);
        assert!(tasks.running().is_empty());
    }
}
