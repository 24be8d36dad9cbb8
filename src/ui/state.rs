//! What the views share that is not part of the session: what is selected, hovered and
//! shown. Views read the document and this state, and push [`Action`]s for the app to run.

use std::path::PathBuf;

use crate::model::search::ClaimFilter;
use crate::model::{ArticleId, ByteOffset, ClaimId, Edit, FactId, PartyId, TextSpan};

use super::commands::Command;

/// What a view asks the app to do after the frame.
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
    Quit,
}

impl Pending {
    pub fn verb(&self) -> &'static str {
        match self {
            Self::NewSession => "starting a new session",
            Self::OpenSessionDialog | Self::OpenSession(_) => "opening another session",
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

#[derive(Default)]
pub struct ViewState {
    pub article: Option<ArticleId>,
    pub claim: Option<ClaimId>,
    pub layout: ComparisonLayout,
    /// The fact under the pointer in this frame (views set it).
    pub hovered_fact: Option<FactId>,
    /// The fact under the pointer in the last frame (views read it to highlight).
    pub highlight_fact: Option<FactId>,
    pub selection: Option<ReaderSelection>,
    pub scroll_to_claim: Option<ClaimId>,
    /// Clear the reader's selection next frame (after tagging it).
    pub collapse_selection: bool,
    pub reader_id: Option<egui::Id>,
    /// Text typed into the inspector's "new fact" field.
    pub new_fact_text: String,
    /// The note being edited, and for which claim.
    pub note_draft: Option<(ClaimId, String)>,
    pub reader_cache: super::reader::LayoutCache,
    pub comparison_rows: super::rows::ComparisonRows,
    /// Where the reader's text cursor is when nothing is selected.
    pub cursor: Option<(ArticleId, ByteOffset)>,
    /// A selection to set in the reader next frame (next untagged sentence).
    pub select_in_reader: Option<ReaderSelection>,
    /// A span to scroll the reader to next frame (find).
    pub scroll_to_span: Option<(ArticleId, TextSpan)>,
    /// Put the keyboard in the note field next frame.
    pub focus_note: bool,
    /// Put the keyboard in the comparison's search field next frame.
    pub focus_search: bool,
    pub find: Option<FindBar>,
    pub filter: ClaimFilter,
    pub fact_picker: Option<FactPicker>,
    pub dialog: Option<super::dialogs::Dialog>,
    /// A claim end being dragged in the reader.
    pub span_drag: Option<SpanDrag>,
}

/// The reader's find bar.
#[derive(Clone, Debug, Default)]
pub struct FindBar {
    pub query: String,
    /// Which match is current (into the list of matches).
    pub current: usize,
    pub focus: bool,
}

/// The fuzzy fact picker (key F): type to filter, Enter to link or create.
#[derive(Clone, Debug, Default)]
pub struct FactPicker {
    pub claim: Option<ClaimId>,
    pub query: String,
    pub highlighted: usize,
    pub opened: bool,
}

/// Which end of a claim is being dragged, and where to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SpanDrag {
    pub claim: ClaimId,
    pub start_end: bool,
    pub offset: ByteOffset,
}

impl ViewState {
    /// The fact whose claims should stand out: the hovered one, else the selected claim's.
    pub fn focus_fact(&self, selected_claim_fact: Option<FactId>) -> Option<FactId> {
        self.highlight_fact.or(selected_claim_fact)
    }
}
