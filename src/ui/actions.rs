//! What the panels share and what they ask for. A panel reads the document and the
//! [`Selection`], keeps its own state, and pushes [`Action`]s; the app runs them after the
//! frame. Nothing else passes between panels.

use std::path::PathBuf;

use crate::model::{ArticleId, ByteOffset, ClaimId, Edit, FactId, PartyId, TextSpan};

use super::commands::Command;

/// What a panel asks the app to do after the frame.
#[derive(Clone, Debug)]
pub enum Action {
    Command(Command),
    /// An undoable change to the session, named for the Edit menu.
    Edit {
        label: String,
        edit: Edit,
    },
    SelectArticle(ArticleId),
    SelectClaim(Option<ClaimId>),
    /// Select a claim and show it in the reader.
    ShowClaim(ClaimId),
    /// The reader's text selection and caret changed.
    TextSelected {
        selection: Option<ReaderSelection>,
        cursor: Option<(ArticleId, ByteOffset)>,
    },
    /// The pointer is over something that speaks to this fact (this frame).
    HoverFact(FactId),
    /// Tag a selection (as it was when the user asked) as a claim of this party.
    Tag {
        party: PartyId,
        selection: Option<ReaderSelection>,
    },
    /// Link a claim to a new fact with this statement.
    NewFactForClaim {
        claim: ClaimId,
        statement: String,
    },
    RemoveArticle(ArticleId),
    /// Change a claim's span (trimmed to text).
    Respan {
        claim: ClaimId,
        span: TextSpan,
        label: String,
    },
    /// Export with these options (asks where to write).
    Export {
        format: crate::export::Format,
        options: crate::export::ExportOptions,
    },
    /// Open this session file (asking about unsaved work first).
    OpenSession(PathBuf),
    AddParty,
    /// Add these articles (the user chose to add duplicates anyway).
    AddArticles(Vec<crate::import::ImportedArticle>),
    /// Read an article's text again and place its claims in it again.
    ReplaceText {
        article: ArticleId,
        from: TextSource,
    },
    /// Open a dialog.
    Open(DialogRequest),
    /// Show the comparison in another arrangement.
    Arrange(ComparisonLayout),
    /// Go to a suggestion: select its words in the reader, make it the one the keys act on.
    GoToSuggestion(crate::suggest::ClaimSuggestion),
    /// Accept a suggestion as a claim of this party (its own when `None`).
    AcceptSuggestion {
        suggestion: crate::suggest::ClaimSuggestion,
        party: Option<PartyId>,
    },
    RejectSuggestion(crate::suggest::ClaimSuggestion),
    /// Accept these suggestions, each as its own party's claim, in one step.
    AcceptAllSuggestions(Vec<crate::suggest::ClaimSuggestion>),
    /// Make this disagreement (its index in the comparison's list) the current one.
    ShowDisagreement(usize),
    /// Compare the other analyst's session again with this one as it is now.
    Recompare,
    /// Merge all of the other analyst's session into this one, in one step.
    MergeOther,
    /// Name the session's analyst; save afterwards when asked at the first save.
    NameAnalyst {
        name: String,
        then_save: bool,
    },
}

/// A dialog a panel asks for; the dialogs build their own state from the document.
#[derive(Clone, Debug)]
pub enum DialogRequest {
    Shortcuts,
    Palette,
    /// Version, licences, and where the settings and the recovery file are.
    About {
        recovery_file: Option<PathBuf>,
    },
    Export,
    ArticleDetails(ArticleId),
    RenameFact(FactId),
    PartyAliases(PartyId),
    RemoveParty(PartyId),
    /// The fact picker for a claim, with the facts ranked for it.
    /// The claim, its ranked facts, and a line on how they were ranked.
    PickFact(ClaimId, Vec<crate::suggest::RankedFact>, String),
    /// Ask before accepting every suggestion in an article.
    AcceptAll(ArticleId, Vec<crate::suggest::ClaimSuggestion>),
    /// Articles whose text is already in the session (with the title it has there).
    Duplicates(Vec<(crate::import::ImportedArticle, String)>),
    /// Ask for the analyst's name (at the first save, then save).
    Analyst {
        then_save: bool,
    },
}

/// Where an article's new text comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextSource {
    /// The file it was imported from.
    SameFile,
    /// The file it was imported from, decoded as this encoding.
    SameFileAs(&'static str),
    /// A file the user picks.
    PickFile,
}

/// An action that replaces or closes the session and waits for unsaved changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pending {
    NewSession,
    OpenSessionDialog,
    OpenSession(PathBuf),
    /// Restore the unsaved work of an earlier run kept in this recovery file.
    Restore(PathBuf),
    Quit,
}

impl Pending {
    pub fn verb(&self) -> &'static str {
        match self {
            Self::NewSession => "starting a new session",
            Self::OpenSessionDialog | Self::OpenSession(_) => "opening another session",
            Self::Restore(_) => "restoring other unsaved work",
            Self::Quit => "quitting",
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ComparisonLayout {
    #[default]
    Narratives,
    ByFact,
    Matrix,
}

/// The reader's current text selection, as a byte span of the shown article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReaderSelection {
    pub article: ArticleId,
    pub span: TextSpan,
}

/// What every panel may read: what is selected and what the pointer is on. Only the app
/// writes it, from the panels' actions.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    pub article: Option<ArticleId>,
    pub claim: Option<ClaimId>,
    /// The text selected in the reader.
    pub text: Option<ReaderSelection>,
    /// Where the reader's caret is.
    pub cursor: Option<(ArticleId, ByteOffset)>,
    /// The fact the pointer was over in the last frame (panels highlight its claims).
    pub hovered_fact: Option<FactId>,
}

impl Selection {
    /// The fact whose claims stand out: the hovered one, else the selected claim's.
    pub fn focus_fact(&self, selected_claim_fact: Option<FactId>) -> Option<FactId> {
        self.hovered_fact.or(selected_claim_fact)
    }
}

/// Words with their count, in the singular for one ("1 claim", "3 claims").
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
