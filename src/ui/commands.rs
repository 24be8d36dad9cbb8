//! Every app command with its label and shortcut: the menus, the key handling and the
//! shortcuts sheet all read this one table.

use egui::{Key, KeyboardShortcut, Modifiers};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    NewSession,
    OpenSession,
    OpenArticles,
    PasteArticle,
    Save,
    SaveAs,
    Export,
    Quit,
    Undo,
    Redo,
    Find,
    SearchClaims,
    FlipStance,
    PickFact,
    EditNote,
    DeleteClaim,
    NextClaim,
    PreviousClaim,
    NextUntagged,
    WidenEnd,
    NarrowEnd,
    WidenStart,
    NarrowStart,
    SpanToSelection,
    SplitClaim,
    MergeClaim,
    ArticleDetails,
    ShowNarratives,
    ShowByFact,
    ShowMatrix,
    Shortcuts,
}

/// Where a command belongs, for menus and the shortcuts sheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    File,
    Edit,
    Claim,
    View,
}

impl Group {
    pub fn label(self) -> &'static str {
        match self {
            Self::File => "File",
            Self::Edit => "Edit",
            Self::Claim => "Claim",
            Self::View => "View",
        }
    }
}

impl Command {
    pub const ALL: [Self; 31] = [
        Self::NewSession,
        Self::OpenSession,
        Self::OpenArticles,
        Self::PasteArticle,
        Self::Save,
        Self::SaveAs,
        Self::Export,
        Self::Quit,
        Self::Undo,
        Self::Redo,
        Self::Find,
        Self::SearchClaims,
        Self::ArticleDetails,
        Self::FlipStance,
        Self::PickFact,
        Self::EditNote,
        Self::DeleteClaim,
        Self::NextClaim,
        Self::PreviousClaim,
        Self::NextUntagged,
        Self::WidenEnd,
        Self::NarrowEnd,
        Self::WidenStart,
        Self::NarrowStart,
        Self::SpanToSelection,
        Self::SplitClaim,
        Self::MergeClaim,
        Self::ShowNarratives,
        Self::ShowByFact,
        Self::ShowMatrix,
        Self::Shortcuts,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::NewSession => "New session",
            Self::OpenSession => "Open session…",
            Self::OpenArticles => "Open articles…",
            Self::PasteArticle => "New article from clipboard",
            Self::Save => "Save",
            Self::SaveAs => "Save as…",
            Self::Export => "Export…",
            Self::Quit => "Quit",
            Self::Undo => "Undo",
            Self::Redo => "Redo",
            Self::Find => "Find in article…",
            Self::SearchClaims => "Search and filter claims…",
            Self::ArticleDetails => "Article details…",
            Self::FlipStance => "Flip stance",
            Self::PickFact => "Link to fact…",
            Self::EditNote => "Edit note",
            Self::DeleteClaim => "Delete claim",
            Self::NextClaim => "Next claim",
            Self::PreviousClaim => "Previous claim",
            Self::NextUntagged => "Next untagged sentence",
            Self::WidenEnd => "Widen end by a word",
            Self::NarrowEnd => "Narrow end by a word",
            Self::WidenStart => "Widen start by a word",
            Self::NarrowStart => "Narrow start by a word",
            Self::SpanToSelection => "Set span to selection",
            Self::SplitClaim => "Split claim at cursor",
            Self::MergeClaim => "Merge with next claim of party",
            Self::ShowNarratives => "Narratives",
            Self::ShowByFact => "By fact",
            Self::ShowMatrix => "Agreement matrix",
            Self::Shortcuts => "Keyboard shortcuts",
        }
    }

    pub fn group(self) -> Group {
        match self {
            Self::NewSession
            | Self::OpenSession
            | Self::OpenArticles
            | Self::PasteArticle
            | Self::Save
            | Self::SaveAs
            | Self::Export
            | Self::Quit => Group::File,
            Self::Undo | Self::Redo | Self::Find | Self::SearchClaims | Self::ArticleDetails => {
                Group::Edit
            }
            Self::FlipStance
            | Self::PickFact
            | Self::EditNote
            | Self::DeleteClaim
            | Self::NextClaim
            | Self::PreviousClaim
            | Self::NextUntagged
            | Self::WidenEnd
            | Self::NarrowEnd
            | Self::WidenStart
            | Self::NarrowStart
            | Self::SpanToSelection
            | Self::SplitClaim
            | Self::MergeClaim => Group::Claim,
            Self::ShowNarratives | Self::ShowByFact | Self::ShowMatrix | Self::Shortcuts => {
                Group::View
            }
        }
    }

    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let with = |modifiers, key| Some(KeyboardShortcut::new(modifiers, key));
        let command = Modifiers::COMMAND;
        let shift_command = Modifiers::COMMAND | Modifiers::SHIFT;
        let bare = Modifiers::NONE;
        match self {
            Self::NewSession => with(command, Key::N),
            Self::OpenSession => with(command, Key::O),
            Self::OpenArticles => with(shift_command, Key::O),
            Self::PasteArticle => with(shift_command, Key::V),
            Self::Save => with(command, Key::S),
            Self::SaveAs => with(shift_command, Key::S),
            Self::Export => with(command, Key::E),
            Self::Quit => with(command, Key::Q),
            Self::Undo => with(command, Key::Z),
            Self::Redo => with(shift_command, Key::Z),
            Self::Find => with(command, Key::F),
            Self::SearchClaims => with(shift_command, Key::F),
            Self::ArticleDetails => with(command, Key::I),
            Self::FlipStance => with(bare, Key::S),
            Self::PickFact => with(bare, Key::F),
            Self::EditNote => with(bare, Key::N),
            Self::DeleteClaim => with(bare, Key::Delete),
            Self::NextClaim => with(bare, Key::J),
            Self::PreviousClaim => with(bare, Key::K),
            Self::NextUntagged => with(bare, Key::U),
            Self::WidenEnd => with(Modifiers::ALT, Key::ArrowRight),
            Self::NarrowEnd => with(Modifiers::ALT, Key::ArrowLeft),
            Self::WidenStart => with(Modifiers::ALT | Modifiers::SHIFT, Key::ArrowLeft),
            Self::NarrowStart => with(Modifiers::ALT | Modifiers::SHIFT, Key::ArrowRight),
            Self::SpanToSelection => with(bare, Key::R),
            Self::SplitClaim => with(bare, Key::X),
            Self::MergeClaim => with(bare, Key::M),
            Self::ShowNarratives => with(Modifiers::ALT, Key::Num1),
            Self::ShowByFact => with(Modifiers::ALT, Key::Num2),
            Self::ShowMatrix => with(Modifiers::ALT, Key::Num3),
            Self::Shortcuts => with(bare, Key::F1),
        }
    }

    /// Shortcuts without a modifier (or that text fields use themselves) act only when no
    /// text field has the keyboard.
    pub fn yields_to_text_fields(self) -> bool {
        matches!(self, Self::Undo | Self::Redo)
            || self.shortcut().is_some_and(|shortcut| {
                shortcut.modifiers == Modifiers::NONE && shortcut.logical_key != Key::F1
                    || shortcut.modifiers.alt
            })
    }

    /// Whether the command types a character a text field would otherwise receive.
    pub fn is_bare_key(self) -> bool {
        self.shortcut()
            .is_some_and(|shortcut| shortcut.modifiers == Modifiers::NONE)
    }
}

/// The keys 1–9 that tag the selection as the first nine parties.
pub const PARTY_KEYS: [Key; 9] = [
    Key::Num1,
    Key::Num2,
    Key::Num3,
    Key::Num4,
    Key::Num5,
    Key::Num6,
    Key::Num7,
    Key::Num8,
    Key::Num9,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortcuts_are_unique() {
        let mut seen = Vec::new();
        for command in Command::ALL {
            if let Some(shortcut) = command.shortcut() {
                assert!(!seen.contains(&shortcut), "{command:?} shares a shortcut");
                seen.push(shortcut);
            }
        }
    }

    #[test]
    fn single_keys_never_fire_while_typing() {
        for command in Command::ALL {
            if command.is_bare_key() && command != Command::Shortcuts {
                assert!(command.yields_to_text_fields(), "{command:?}");
            }
        }
    }
}
