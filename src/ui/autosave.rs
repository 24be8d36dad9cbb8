//! Never lose work: a few seconds after the last edit, the session goes to the document's own
//! recovery file (see [`crate::storage::recovery`]) on a worker thread of its own, so writes
//! and deletes happen in order. After a crash or a kill, the next start finds the file and
//! offers to restore it.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

use crate::model::Session;
use crate::storage::recovery::RecoveryFile;
use crate::storage::{self, Recovery, SaveError};

/// How long after the last edit the autosave waits by default.
pub const DEFAULT_DELAY: Duration = Duration::from_secs(3);

enum Job {
    Write {
        path: PathBuf,
        session: Box<Session>,
        recovery: Recovery,
        version: u64,
        target: u64,
    },
    Delete(PathBuf),
}

/// What the worker reports back.
pub enum Report {
    Written { version: u64, target: u64 },
    Failed(SaveError),
}

pub struct Autosave {
    /// The current document's recovery file (and its lock, held while the document is open).
    file: RecoveryFile,
    /// Counts the recovery files used, so a late report about an earlier one is not taken
    /// for the current one's.
    target: u64,
    delay: Duration,
    jobs: Sender<Job>,
    reports: Receiver<Report>,
    /// The document version last seen, and when it changed.
    seen: Option<(u64, Instant)>,
    /// The version in the recovery file, if one was written.
    written: Option<u64>,
    /// A write is on its way.
    writing: bool,
    reported_failure: bool,
}

impl Autosave {
    pub fn new(file: RecoveryFile, delay: Duration, ctx: egui::Context) -> Self {
        let (jobs, job_receiver) = channel::<Job>();
        let (report_sender, reports) = channel();
        // Without a worker thread the jobs go unread: the app still runs, without autosave.
        let _ = std::thread::Builder::new()
            .name("rashomon: autosave".into())
            .spawn(move || {
                for job in job_receiver {
                    let report = match job {
                        Job::Write {
                            path,
                            session,
                            recovery,
                            version,
                            target,
                        } => match storage::write_recovery(&path, &session, &recovery) {
                            Ok(()) => Report::Written { version, target },
                            Err(error) => Report::Failed(error),
                        },
                        Job::Delete(path) => {
                            let _ = std::fs::remove_file(&path);
                            continue;
                        }
                    };
                    if report_sender.send(report).is_err() {
                        break;
                    }
                    ctx.request_repaint();
                }
            });
        Self {
            file,
            target: 0,
            delay,
            jobs,
            reports,
            seen: None,
            written: None,
            writing: false,
            reported_failure: false,
        }
    }

    /// Where the current document's unsaved work is kept.
    pub fn path(&self) -> &Path {
        &self.file.path
    }

    /// Another document takes the window: the old one's recovery file goes (its work was
    /// saved or deliberately thrown away before it was replaced) and `file` is used from now.
    pub fn retarget(&mut self, file: RecoveryFile) {
        self.discard();
        self.file = file;
        self.target += 1;
        self.seen = None;
        self.writing = false;
    }

    /// Called once a frame. Returns a failure to show the user (once).
    pub fn tick(
        &mut self,
        ctx: &egui::Context,
        session: &Session,
        version: u64,
        dirty: bool,
        recovery: impl FnOnce() -> Recovery,
    ) -> Option<SaveError> {
        let mut failure = None;
        for report in self.reports.try_iter() {
            self.writing = false;
            match report {
                Report::Written { target, .. } if target != self.target => {}
                Report::Written { version, .. } => {
                    self.written = Some(version);
                    self.reported_failure = false;
                }
                Report::Failed(error) => {
                    if !self.reported_failure {
                        self.reported_failure = true;
                        failure = Some(error);
                    }
                }
            }
        }
        let now = Instant::now();
        let changed_at = match self.seen {
            Some((seen, at)) if seen == version => at,
            _ => {
                self.seen = Some((version, now));
                now
            }
        };
        if !dirty {
            // A recovery file of ours may exist while a write is on its way or done.
            if self.writing || self.written.is_some() {
                self.discard();
            }
            return failure;
        }
        if self.written == Some(version) || self.writing {
            return failure;
        }
        let idle = now.duration_since(changed_at);
        if idle >= self.delay {
            self.writing = true;
            let _ = self.jobs.send(Job::Write {
                path: self.file.path.clone(),
                session: Box::new(session.clone()),
                recovery: recovery(),
                version,
                target: self.target,
            });
        } else {
            ctx.request_repaint_after(self.delay.saturating_sub(idle));
        }
        failure
    }

    /// Removes the recovery file (the work was saved or deliberately thrown away).
    pub fn discard(&mut self) {
        let _ = self.jobs.send(Job::Delete(self.file.path.clone()));
        self.written = None;
    }

    /// Writes the session now, on the calling thread (at exit).
    pub fn write_now(&self, session: &Session, recovery: &Recovery) {
        let _ = storage::write_recovery(&self.file.path, session, recovery);
    }

    /// Removes the recovery file now, on the calling thread (at exit).
    pub fn delete_now(&self) {
        let _ = std::fs::remove_file(&self.file.path);
    }
}
