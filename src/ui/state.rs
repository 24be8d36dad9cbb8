//! What the views share that is not part of the session: what is selected, hovered and
//! shown. Views read the document and this state, and push [`Action`]s for the app to run.

use std::path::PathBuf;

use crate::model::{ArticleId, ClaimId, Edit, FactId, PartyId, TextSpan};

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
    /// Open this session file (asking about unsaved work first).
    OpenSession(PathBuf),
    AddParty,
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
}

impl ViewState {
    /// The fact whose claims should stand out: the hovered one, else the selected claim's.
    pub fn focus_fact(&self, selected_claim_fact: Option<FactId>) -> Option<FactId> {
        self.highlight_fact.or(selected_claim_fact)
    }
}
