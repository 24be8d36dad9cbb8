//! Team work in the window: the analyst's name (asked at the first save), comparing with
//! another analyst's session, adjudicating its disagreements (or the claims a merge marked),
//! and merging it. Reading and measuring run on task threads; every change to the session is
//! an undoable edit made by `team::{adjudicate, merge}`.

use std::path::{Path, PathBuf};

use rfd::AsyncFileDialog;

use super::RashomonApp;
use crate::model::Session;
use crate::storage;
use crate::team::adjudicate::{self, Verdict};
use crate::team::{agreement, merge};
use crate::ui::actions::DialogRequest;
use crate::ui::commands::Command;
use crate::ui::tasks::{AfterSave, TaskResult};
use crate::ui::team::Other;

/// What the analyst asked for when the name was asked first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum SaveKind {
    Save,
    SaveAs,
}

/// Where asking for the analyst's name stands for the open document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Naming {
    NotAsked,
    /// Asked at a save, which goes on once answered.
    Asked(SaveKind),
    /// Answered (or skipped): not asked again for this document.
    Done,
}

/// Asks for a session file to read as another analyst's work.
fn pick(title: &str) -> Option<PathBuf> {
    pollster::block_on(
        AsyncFileDialog::new()
            .set_title(title)
            .add_filter("Rashomon session", &[storage::EXTENSION])
            .pick_file(),
    )
    .map(|file| file.path().to_owned())
}

fn read(path: &Path) -> Result<Session, String> {
    storage::load(path)
        .map(|loaded| loaded.session)
        .map_err(|e| format!("Could not read {}: {e}", super::chrome::file_name(path)))
}

fn compare(
    path: PathBuf,
    version: u64,
    ours: &Session,
    theirs: Result<Session, String>,
) -> TaskResult {
    let result = theirs.map(|theirs| {
        let report = agreement::compare(ours, &theirs);
        Box::new((theirs, report))
    });
    TaskResult::Compared {
        path,
        version,
        result,
    }
}

fn merged(
    path: PathBuf,
    version: u64,
    ours: &Session,
    theirs: Result<Session, String>,
) -> TaskResult {
    let result = theirs.map(|theirs| {
        let (edit, report) = merge::merge_edit(ours, &theirs);
        Box::new((theirs, edit, report))
    });
    TaskResult::MergeComputed {
        path,
        version,
        result,
    }
}

impl RashomonApp {
    /// Ctrl+S and Save as: the first save of a session with no analyst asks for the name.
    pub(super) fn save_asking_analyst(&mut self, kind: SaveKind) {
        if self.document.session().analyst().is_empty()
            && self.naming == Naming::NotAsked
            && self.save_answer.is_none()
        {
            self.naming = Naming::Asked(kind);
            self.dialogs
                .open(DialogRequest::Analyst { then_save: true }, &self.document);
            return;
        }
        match kind {
            SaveKind::Save => self.save(AfterSave::Nothing),
            SaveKind::SaveAs => self.save_as(AfterSave::Nothing),
        }
    }

    /// The name given (or skipped, when empty); the save that waited for it goes on.
    pub(super) fn name_analyst(&mut self, name: &str, then_save: bool) {
        let waiting = std::mem::replace(&mut self.naming, Naming::Done);
        if !name.trim().is_empty() && name.trim() != self.document.session().analyst() {
            let edit = self.document.session().set_analyst_edit(name);
            self.apply("Name the analyst", edit);
        }
        if then_save {
            match waiting {
                Naming::Asked(SaveKind::SaveAs) => self.save_as(AfterSave::Nothing),
                _ => self.save(AfterSave::Nothing),
            }
        }
    }

    /// Compares this session with another analyst's session file (for tests and scripted
    /// runs; the menu asks with a file dialog).
    pub fn compare_with_file(&mut self, path: PathBuf) {
        let ours = self.document.session().clone();
        let version = self.document.version();
        self.tasks.spawn("Comparing with another analyst", move || {
            let theirs = read(&path);
            compare(path, version, &ours, theirs)
        });
    }

    /// Merges another analyst's session file into this one (for tests and scripted runs).
    pub fn merge_file(&mut self, path: PathBuf) {
        let ours = self.document.session().clone();
        let version = self.document.version();
        self.tasks
            .spawn("Merging another analyst's session", move || {
                let theirs = read(&path);
                merged(path, version, &ours, theirs)
            });
    }

    /// Selects a claim and shows it, as clicking its card does (for tests).
    pub fn select_claim(&mut self, claim: crate::model::ClaimId) {
        self.run(crate::ui::actions::Action::ShowClaim(claim));
    }

    /// The comparison panel, for tests.
    pub fn team(&self) -> &crate::ui::team::Team {
        &self.team
    }

    /// Runs a Team command; whether it was one.
    pub(super) fn run_team_command(&mut self, command: Command) -> bool {
        match command {
            Command::CompareWithAnalyst => self.with_other_session(
                "Comparing with another analyst",
                "Compare with another analyst's session",
                compare,
            ),
            Command::MergeAnalyst => self.with_other_session(
                "Merging another analyst's session",
                "Merge another analyst's session into this one",
                merged,
            ),
            Command::NameAnalyst => self
                .dialogs
                .open(DialogRequest::Analyst { then_save: false }, &self.document),
            Command::NextDisagreement => {
                self.team.step(&self.document, true);
                self.follow_team();
            }
            Command::PreviousDisagreement => {
                self.team.step(&self.document, false);
                self.follow_team();
            }
            Command::CloseComparison => self.team.close(),
            Command::TakeA => self.adjudicate(Verdict::TakeA),
            Command::TakeB => self.adjudicate(Verdict::TakeB),
            Command::KeepBoth => self.adjudicate(Verdict::KeepBoth),
            Command::DropBoth => self.adjudicate(Verdict::DropBoth),
            _ => return false,
        }
        true
    }

    /// The shown article and selected claim follow the current disagreement.
    pub(super) fn follow_team(&mut self) {
        if let Some(row) = self.team.current() {
            self.selection.article = Some(row.article);
            self.selection.claim = row.a;
        }
    }

    /// Asks for another analyst's session file, reads it and does `work` with it and a copy
    /// of this session, all on a task thread.
    fn with_other_session(
        &mut self,
        what: &'static str,
        title: &'static str,
        work: fn(PathBuf, u64, &Session, Result<Session, String>) -> TaskResult,
    ) {
        let ours = self.document.session().clone();
        let version = self.document.version();
        self.tasks.spawn_asking(what, move || match pick(title) {
            Some(path) => {
                let theirs = read(&path);
                work(path, version, &ours, theirs)
            }
            None => TaskResult::Cancelled,
        });
    }

    /// Whether a Team key has something to settle now.
    pub(super) fn has_disagreement(&self) -> bool {
        self.team.current().is_some() || self.selected_marked().is_some()
    }

    /// The selected claim, when a merge marked it for adjudication.
    fn selected_marked(&self) -> Option<crate::model::ClaimId> {
        let claim = self.selection.claim?;
        self.document
            .session()
            .claim(claim)?
            .conflict
            .is_some()
            .then_some(claim)
    }

    /// Settles the current disagreement of the comparison, or else the selected marked claim.
    fn adjudicate(&mut self, verdict: Verdict) {
        if let Some(row) = self.team.current().cloned() {
            let Some(other) = &self.team.other else {
                return;
            };
            let settled = adjudicate::settle(
                self.document.session_mut_for_ids(),
                &other.session,
                &other.report.matching,
                (row.a, row.b, row.b_span),
                verdict,
            );
            match settled {
                Some((edit, label)) => {
                    let before = self.document.version();
                    self.apply(&label, edit);
                    if self.document.version() != before {
                        self.team.decided(&row, verdict, self.document.version());
                        self.team.step(&self.document, true);
                        self.follow_team();
                    }
                }
                None => self.notifications.info(
                    "This disagreement's claims changed since the comparison: compare again.",
                ),
            }
            return;
        }
        if let Some(claim) = self.selected_marked() {
            if let Some((edit, label)) =
                adjudicate::settle_marked(self.document.session(), claim, verdict)
            {
                self.apply(&label, edit);
                if self.document.session().claim(claim).is_none() {
                    self.selection.claim = None;
                }
            }
            return;
        }
        self.notifications.info(
            "Nothing to adjudicate: compare with another analyst's session (File menu), or select a claim a merge marked.",
        );
    }

    /// Compares again with the other analyst's session, against this session as it is now.
    pub(super) fn recompare(&mut self) {
        self.with_compared_session("Comparing with another analyst", compare);
    }

    /// Merges all of the compared session into this one.
    pub(super) fn merge_other(&mut self) {
        self.with_compared_session("Merging another analyst's session", merged);
    }

    /// Does `work` with the session being compared and a copy of this one, on a task thread.
    fn with_compared_session(
        &mut self,
        what: &'static str,
        work: fn(PathBuf, u64, &Session, Result<Session, String>) -> TaskResult,
    ) {
        let Some(other) = &self.team.other else {
            return;
        };
        let theirs = other.session.clone();
        let path = other.path.clone();
        let ours = self.document.session().clone();
        let version = self.document.version();
        self.tasks
            .spawn(what, move || work(path, version, &ours, Ok(theirs)));
    }

    /// A comparison computed on a task thread.
    pub(super) fn compared(
        &mut self,
        path: PathBuf,
        version: u64,
        result: Result<Box<(Session, agreement::Report)>, String>,
    ) {
        match result {
            Ok(found) => {
                let (theirs, report) = *found;
                if report.articles.is_empty() {
                    self.notifications.info(format!(
                        "{} has no article in common with this session (articles are matched by their text, or by title and source).",
                        super::chrome::file_name(&path)
                    ));
                }
                let other = Other::new(theirs, path, report, version);
                self.team.open(other, &self.document);
                self.follow_team();
            }
            Err(message) => self.notifications.error(message),
        }
    }

    /// A merge computed on a task thread: applied as one step, computed again here when the
    /// session changed meanwhile.
    pub(super) fn merge_computed(
        &mut self,
        path: &Path,
        version: u64,
        result: Result<Box<(Session, crate::model::Edit, merge::MergeReport)>, String>,
    ) {
        let (theirs, edit, report) = match result {
            Ok(found) => *found,
            Err(message) => return self.notifications.error(message),
        };
        let (edit, report) = if version == self.document.version() {
            (edit, report)
        } else {
            merge::merge_edit(self.document.session(), &theirs)
        };
        let name = super::chrome::file_name(path);
        let before = self.document.version();
        self.apply(&format!("Merge {name}"), edit);
        if self.document.version() != before {
            self.notifications
                .info(format!("Merged {name}: {}", report.summary()));
            if self.team.is_open() {
                self.recompare();
            }
        }
    }
}
