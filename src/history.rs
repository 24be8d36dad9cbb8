//! The open session with its undo history: the one place where edits are applied.
//! Undo, redo, the dirty flag and the derived [`Analysis`] all hang off [`Document::apply`].

use std::path::PathBuf;

use crate::model::{Analysis, Edit, EditError, Session};

struct Step {
    label: String,
    /// The edit that takes the session to the other side of this step.
    edit: Edit,
    /// Version of the session before the step.
    before: u64,
    /// Version of the session after the step.
    after: u64,
}

/// A session as the app holds it: with its file, its undo history and its analysis.
pub struct Document {
    session: Session,
    analysis: Analysis,
    /// Where the session was last saved or opened from.
    pub path: Option<PathBuf>,
    /// The name shown while there is no path.
    name: Option<String>,
    undo: Vec<Step>,
    redo: Vec<Step>,
    version: u64,
    next_version: u64,
    saved_version: Option<u64>,
}

impl Document {
    /// A document for a session that is in no file yet. It has no unsaved changes until
    /// the first edit: there is nothing to lose in a fresh session.
    pub fn new(session: Session) -> Self {
        let mut document = Self::with_path(session, None);
        document.saved_version = Some(document.version);
        document
    }

    /// Like [`Self::new`], shown under `name` until it is saved to a file.
    pub fn named(session: Session, name: &str) -> Self {
        let mut document = Self::new(session);
        document.name = Some(name.to_owned());
        document
    }

    /// A document for work restored from a recovery file: unsaved, under its old file and
    /// name.
    pub fn recovered(session: Session, path: Option<PathBuf>, name: &str) -> Self {
        let mut document = Self::with_path(session, path);
        document.name = Some(name.to_owned());
        document
    }

    /// A document for a session just read from `path`: saved.
    pub fn opened(session: Session, path: PathBuf) -> Self {
        let mut document = Self::with_path(session, Some(path));
        document.saved_version = Some(document.version);
        document
    }

    fn with_path(session: Session, path: Option<PathBuf>) -> Self {
        let analysis = Analysis::new(&session);
        Self {
            session,
            analysis,
            path,
            name: None,
            undo: Vec::new(),
            redo: Vec::new(),
            version: 0,
            next_version: 1,
            saved_version: None,
        }
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    /// Only for allocating ids of new things before they are added by an edit.
    pub fn session_mut_for_ids(&mut self) -> &mut Session {
        &mut self.session
    }

    pub fn analysis(&self) -> &Analysis {
        &self.analysis
    }

    /// Applies `edit` as one undoable step named `label` (e.g. "Tag claim").
    pub fn apply(&mut self, label: impl Into<String>, edit: Edit) -> Result<(), EditError> {
        let touched = edit.touched_claims();
        let inverse = self.session.apply(edit)?;
        let before = self.version;
        self.version = self.next_version;
        self.next_version += 1;
        self.undo.push(Step {
            label: label.into(),
            edit: inverse,
            before,
            after: self.version,
        });
        self.redo.clear();
        self.refresh_analysis(touched.as_deref());
        Ok(())
    }

    /// Updates the analysis for the claims an edit touched, or builds it again when the
    /// edit changed more than claims.
    fn refresh_analysis(&mut self, touched: Option<&[crate::model::ClaimId]>) {
        match touched {
            Some(claims) => self.analysis.update(&self.session, claims),
            None => self.analysis = Analysis::new(&self.session),
        }
    }

    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|step| step.label.as_str())
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|step| step.label.as_str())
    }

    /// Undoes the last step; returns its label, or `None` if there was nothing to undo.
    pub fn undo(&mut self) -> Option<String> {
        let step = self.undo.pop()?;
        Some(self.cross(step, true))
    }

    /// Redoes the last undone step; returns its label.
    pub fn redo(&mut self) -> Option<String> {
        let step = self.redo.pop()?;
        Some(self.cross(step, false))
    }

    fn cross(&mut self, step: Step, undoing: bool) -> String {
        let Step {
            label,
            edit,
            before,
            after,
        } = step;
        let touched = edit.touched_claims();
        if let Ok(back) = self.session.apply(edit) {
            self.version = if undoing { before } else { after };
            let step = Step {
                label: label.clone(),
                edit: back,
                before,
                after,
            };
            if undoing {
                self.redo.push(step);
            } else {
                self.undo.push(step);
            }
            self.refresh_analysis(touched.as_deref());
        } else {
            // The history no longer fits the session (it cannot happen while every change
            // goes through `apply`); drop it rather than corrupt the session.
            self.undo.clear();
            self.redo.clear();
        }
        label
    }

    /// Whether the session has changes that are not in its file.
    pub fn is_dirty(&self) -> bool {
        self.saved_version != Some(self.version)
    }

    /// Records that the session as it is now was written to `path`.
    pub fn mark_saved(&mut self, path: PathBuf) {
        self.mark_saved_version(path, self.version);
    }

    /// Records that the version that was current when a save started is now on disk.
    pub fn mark_saved_version(&mut self, path: PathBuf, version: u64) {
        self.path = Some(path);
        self.saved_version = Some(version);
    }

    /// Whether the step that made state `version` is part of the session as it is now (done
    /// and not undone): a decision recorded with that version still holds.
    pub fn holds_step(&self, version: u64) -> bool {
        self.undo.iter().any(|step| step.after == version)
    }

    /// An id for the current state, to match a finished background save with what it saved.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// The file name to show in the title bar.
    pub fn display_name(&self) -> String {
        self.path
            .as_deref()
            .and_then(|p| p.file_name())
            .map_or_else(
                || {
                    self.name
                        .clone()
                        .unwrap_or_else(|| "Untitled session".to_owned())
                },
                |n| n.to_string_lossy().into_owned(),
            )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Fact, FactStatus};

    #[test]
    fn undo_redo_and_dirty_flag() {
        let mut session = Session::new();
        let fact = session.new_fact("Something happened");
        let fact_id = fact.id;
        let mut document = Document::opened(session.clone(), PathBuf::from("x.rashomon"));
        assert!(!document.is_dirty());
        document
            .apply("Add fact", Edit::InsertFact { index: 0, fact })
            .expect("applies");
        assert!(document.is_dirty());
        assert_eq!(document.analysis().status(fact_id), FactStatus::Unclaimed);
        assert_eq!(document.undo_label(), Some("Add fact"));
        assert_eq!(document.undo().as_deref(), Some("Add fact"));
        assert!(!document.is_dirty(), "back at the saved version");
        assert_eq!(document.session(), &session);
        assert_eq!(document.redo_label(), Some("Add fact"));
        document.redo();
        assert!(document.is_dirty());
        assert_eq!(document.session().facts().len(), 1);
        document.mark_saved(PathBuf::from("y.rashomon"));
        assert!(!document.is_dirty());
        document
            .apply(
                "Reword fact",
                Edit::ReplaceFact(Fact {
                    id: fact_id,
                    statement: "Reworded".into(),
                }),
            )
            .expect("applies");
        assert!(document.redo_label().is_none(), "a new edit clears redo");
        document.undo();
        assert!(!document.is_dirty());
        document.undo();
        assert!(document.is_dirty(), "before the saved version");
        assert_eq!(document.display_name(), "y.rashomon");
    }

    #[test]
    fn a_new_document_is_clean_until_edited() {
        let mut session = Session::new();
        let fact = session.new_fact("F");
        let mut document = Document::named(session, "Sample session");
        assert!(!document.is_dirty());
        assert_eq!(document.display_name(), "Sample session");
        document
            .apply("Add fact", Edit::InsertFact { index: 0, fact })
            .expect("applies");
        assert!(document.is_dirty());
        document.undo();
        assert!(!document.is_dirty());
    }

    #[test]
    fn a_failed_edit_is_not_a_step() {
        let mut document = Document::new(Session::new());
        let result = document.apply(
            "Remove",
            Edit::RemoveFact {
                fact: crate::model::FactId(42),
            },
        );
        assert!(result.is_err());
        assert!(document.undo_label().is_none());
    }
}
