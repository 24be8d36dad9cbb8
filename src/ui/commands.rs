//! Every command the app has, in one table: its label, where it sits in the menus, and the
//! keys that run it. The menus, the tooltips, the shortcut sheet, the command palette and
//! the key handling all read this table; nothing a key does is handled anywhere else.

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::model::Party;

/// How many parties have a key of their own (1–9).
pub const PARTY_KEYS: usize = 9;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Command {
    NewSession,
    OpenSession,
    OpenArticles,
    PasteArticle,
    Save,
    SaveAs,
    Export,
    CompareWithAnalyst,
    MergeAnalyst,
    Quit,
    Undo,
    Redo,
    Find,
    SearchClaims,
    ArticleDetails,
    /// Clear the selected claim and the text selection.
    Deselect,
    /// Tag the reader's selection as a claim of the party at this index (0-based).
    TagAs(u8),
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
    NextSuggestion,
    PreviousSuggestion,
    AcceptSuggestion,
    RejectSuggestion,
    AcceptAllSuggestions,
    ToggleSuggestions,
    ShowNarratives,
    ShowByFact,
    ShowMatrix,
    Palette,
    /// Name the analyst whose session this is.
    NameAnalyst,
    NextDisagreement,
    PreviousDisagreement,
    /// Settle the current disagreement (or the selected marked claim) one way.
    TakeA,
    TakeB,
    KeepBoth,
    DropBoth,
    CloseComparison,
    Shortcuts,
    About,
}

/// Where a command belongs: its menu, and its part of the shortcut sheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    File,
    Edit,
    Claim,
    View,
    /// Two analysts' work: the analyst's name, disagreements and their adjudication.
    Team,
    Help,
}

impl Group {
    pub const ALL: [Self; 6] = [
        Self::File,
        Self::Edit,
        Self::Claim,
        Self::View,
        Self::Team,
        Self::Help,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::File => "File",
            Self::Edit => "Edit",
            Self::Claim => "Claim",
            Self::View => "View",
            Self::Team => "Team",
            Self::Help => "Help",
        }
    }
}

/// What runs a command: a key with modifiers, or a typed character (such as "?", whose key
/// differs between keyboard layouts).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trigger {
    Key(KeyboardShortcut),
    Typed(&'static str),
}

/// What the menus and the palette need to know to grey out a command.
#[expect(
    clippy::struct_excessive_bools,
    reason = "independent facts about the moment, each read by some commands"
)]
#[derive(Clone, Copy, Debug, Default)]
pub struct Availability {
    pub has_article: bool,
    pub has_claim: bool,
    pub has_selection: bool,
    pub can_undo: bool,
    pub can_redo: bool,
    pub parties: usize,
    /// Tab went to a suggestion and it is still selected.
    pub has_suggestion: bool,
    /// Another analyst's session is being compared.
    pub comparing: bool,
    /// There is a disagreement to settle: the current one of a comparison, or the selected
    /// claim a merge marked.
    pub has_disagreement: bool,
}

const DIGITS: [Key; PARTY_KEYS] = [
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

const TAG_LABELS: [&str; PARTY_KEYS] = [
    "Tag selection as party 1",
    "Tag selection as party 2",
    "Tag selection as party 3",
    "Tag selection as party 4",
    "Tag selection as party 5",
    "Tag selection as party 6",
    "Tag selection as party 7",
    "Tag selection as party 8",
    "Tag selection as party 9",
];

impl Command {
    /// Every command, in menu order within each group.
    pub const ALL: &'static [Self] = &[
        Self::NewSession,
        Self::OpenSession,
        Self::OpenArticles,
        Self::PasteArticle,
        Self::Save,
        Self::SaveAs,
        Self::Export,
        Self::CompareWithAnalyst,
        Self::MergeAnalyst,
        Self::Quit,
        Self::Undo,
        Self::Redo,
        Self::Find,
        Self::SearchClaims,
        Self::ArticleDetails,
        Self::Deselect,
        Self::TagAs(0),
        Self::TagAs(1),
        Self::TagAs(2),
        Self::TagAs(3),
        Self::TagAs(4),
        Self::TagAs(5),
        Self::TagAs(6),
        Self::TagAs(7),
        Self::TagAs(8),
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
        Self::NextSuggestion,
        Self::PreviousSuggestion,
        Self::AcceptSuggestion,
        Self::RejectSuggestion,
        Self::AcceptAllSuggestions,
        Self::ToggleSuggestions,
        Self::ShowNarratives,
        Self::ShowByFact,
        Self::ShowMatrix,
        Self::Palette,
        Self::NameAnalyst,
        Self::NextDisagreement,
        Self::PreviousDisagreement,
        Self::TakeA,
        Self::TakeB,
        Self::KeepBoth,
        Self::DropBoth,
        Self::CloseComparison,
        Self::Shortcuts,
        Self::About,
    ];

    pub fn all() -> impl Iterator<Item = Self> {
        Self::ALL.iter().copied()
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::NewSession => "New session",
            Self::OpenSession => "Open session…",
            Self::OpenArticles => "Open articles…",
            Self::PasteArticle => "New article from clipboard",
            Self::Save => "Save",
            Self::SaveAs => "Save as…",
            Self::Export => "Export…",
            Self::CompareWithAnalyst => "Compare with another analyst's session…",
            Self::MergeAnalyst => "Merge another analyst's session…",
            Self::Quit => "Quit",
            Self::Undo => "Undo",
            Self::Redo => "Redo",
            Self::Find => "Find in article…",
            Self::SearchClaims => "Search and filter claims…",
            Self::ArticleDetails => "Article details…",
            Self::Deselect => "Deselect",
            Self::TagAs(index) => TAG_LABELS
                .get(usize::from(index))
                .copied()
                .unwrap_or("Tag selection"),
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
            Self::NextSuggestion => "Next suggestion",
            Self::PreviousSuggestion => "Previous suggestion",
            Self::AcceptSuggestion => "Accept suggestion",
            Self::RejectSuggestion => "Reject suggestion",
            Self::AcceptAllSuggestions => "Accept all suggestions in this article…",
            Self::ToggleSuggestions => "Show or hide suggestions",
            Self::ShowNarratives => "Narratives",
            Self::ShowByFact => "By fact",
            Self::ShowMatrix => "Agreement matrix",
            Self::Palette => "Command palette…",
            Self::NameAnalyst => "Analyst name…",
            Self::NextDisagreement => "Next disagreement",
            Self::PreviousDisagreement => "Previous disagreement",
            Self::TakeA => "Adjudicate: take A",
            Self::TakeB => "Adjudicate: take B",
            Self::KeepBoth => "Adjudicate: keep both",
            Self::DropBoth => "Adjudicate: drop both",
            Self::CloseComparison => "Close the comparison",
            Self::Shortcuts => "Keyboard shortcuts",
            Self::About => "About Rashomon",
        }
    }

    /// The label with the session's names filled in ("Tag selection as Russia").
    pub fn title(self, parties: &[Party]) -> String {
        match self {
            Self::TagAs(index) => parties.get(usize::from(index)).map_or_else(
                || self.label().to_owned(),
                |party| format!("Tag selection as {}", party.name),
            ),
            _ => self.label().to_owned(),
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
            | Self::CompareWithAnalyst
            | Self::MergeAnalyst
            | Self::Quit => Group::File,
            Self::Undo
            | Self::Redo
            | Self::Find
            | Self::SearchClaims
            | Self::ArticleDetails
            | Self::Deselect => Group::Edit,
            Self::TagAs(_)
            | Self::FlipStance
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
            | Self::MergeClaim
            | Self::NextSuggestion
            | Self::PreviousSuggestion
            | Self::AcceptSuggestion
            | Self::RejectSuggestion
            | Self::AcceptAllSuggestions => Group::Claim,
            Self::ShowNarratives
            | Self::ShowByFact
            | Self::ShowMatrix
            | Self::ToggleSuggestions
            | Self::Palette => Group::View,
            Self::NameAnalyst
            | Self::NextDisagreement
            | Self::PreviousDisagreement
            | Self::TakeA
            | Self::TakeB
            | Self::KeepBoth
            | Self::DropBoth
            | Self::CloseComparison => Group::Team,
            Self::Shortcuts | Self::About => Group::Help,
        }
    }

    /// Whether a separator goes before the command in its menu.
    pub fn starts_section(self) -> bool {
        matches!(
            self,
            Self::Save
                | Self::Export
                | Self::CompareWithAnalyst
                | Self::Quit
                | Self::Find
                | Self::Deselect
                | Self::FlipStance
                | Self::NextClaim
                | Self::WidenEnd
                | Self::SplitClaim
                | Self::NextSuggestion
                | Self::ToggleSuggestions
                | Self::Palette
                | Self::NextDisagreement
                | Self::TakeA
                | Self::CloseComparison
        )
    }

    /// The keys that run the command, the first one shown in menus and tooltips.
    pub fn triggers(self) -> Vec<Trigger> {
        let key = |modifiers, key| Trigger::Key(KeyboardShortcut::new(modifiers, key));
        let command = Modifiers::COMMAND;
        let shift_command = Modifiers::COMMAND | Modifiers::SHIFT;
        let bare = Modifiers::NONE;
        let alt = Modifiers::ALT;
        match self {
            Self::NewSession => vec![key(command, Key::N)],
            Self::OpenSession => vec![key(command, Key::O)],
            Self::OpenArticles => vec![key(shift_command, Key::O)],
            Self::PasteArticle => vec![key(shift_command, Key::V)],
            Self::Save => vec![key(command, Key::S)],
            Self::SaveAs => vec![key(shift_command, Key::S)],
            Self::Export => vec![key(command, Key::E)],
            Self::Quit => vec![key(command, Key::Q)],
            Self::Undo => vec![key(command, Key::Z)],
            Self::Redo => vec![key(shift_command, Key::Z), key(command, Key::Y)],
            Self::Find => vec![key(command, Key::F)],
            Self::SearchClaims => vec![key(shift_command, Key::F)],
            Self::ArticleDetails => vec![key(command, Key::I)],
            Self::Deselect => vec![key(bare, Key::Escape)],
            Self::TagAs(index) => DIGITS
                .get(usize::from(index))
                .map(|digit| vec![key(bare, *digit)])
                .unwrap_or_default(),
            Self::FlipStance => vec![key(bare, Key::S)],
            Self::PickFact => vec![key(bare, Key::F)],
            Self::EditNote => vec![key(bare, Key::N)],
            Self::DeleteClaim => vec![key(bare, Key::Delete)],
            Self::NextClaim => vec![key(bare, Key::J)],
            Self::PreviousClaim => vec![key(bare, Key::K)],
            Self::NextUntagged => vec![key(bare, Key::U)],
            Self::WidenEnd => vec![key(alt, Key::ArrowRight)],
            Self::NarrowEnd => vec![key(alt, Key::ArrowLeft)],
            Self::WidenStart => vec![key(alt | Modifiers::SHIFT, Key::ArrowLeft)],
            Self::NarrowStart => vec![key(alt | Modifiers::SHIFT, Key::ArrowRight)],
            Self::SpanToSelection => vec![key(bare, Key::R)],
            Self::SplitClaim => vec![key(bare, Key::X)],
            Self::MergeClaim => vec![key(bare, Key::M)],
            Self::NextSuggestion => vec![key(bare, Key::Tab)],
            Self::PreviousSuggestion => vec![key(Modifiers::SHIFT, Key::Tab)],
            Self::AcceptSuggestion => vec![key(bare, Key::Enter)],
            Self::RejectSuggestion => vec![key(bare, Key::Backspace)],
            Self::ToggleSuggestions => vec![key(alt, Key::S)],
            Self::ShowNarratives => vec![key(alt, Key::Num1)],
            Self::ShowByFact => vec![key(alt, Key::Num2)],
            Self::ShowMatrix => vec![key(alt, Key::Num3)],
            Self::Palette => vec![key(shift_command, Key::P)],
            Self::Shortcuts => vec![key(bare, Key::F1), Trigger::Typed("?")],
            Self::NextDisagreement => vec![key(bare, Key::G)],
            Self::PreviousDisagreement => vec![key(Modifiers::SHIFT, Key::G)],
            Self::TakeA => vec![key(bare, Key::A)],
            Self::TakeB => vec![key(bare, Key::B)],
            Self::KeepBoth => vec![key(Modifiers::SHIFT, Key::B)],
            Self::DropBoth => vec![key(bare, Key::D)],
            Self::About
            | Self::AcceptAllSuggestions
            | Self::CompareWithAnalyst
            | Self::MergeAnalyst
            | Self::NameAnalyst
            | Self::CloseComparison => Vec::new(),
        }
    }

    /// The first key shortcut, for menus and tooltips.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        self.triggers()
            .into_iter()
            .find_map(|trigger| match trigger {
                Trigger::Key(shortcut) => Some(shortcut),
                Trigger::Typed(_) => None,
            })
    }

    /// Every trigger as the user reads it ("Ctrl+Shift+Z or Ctrl+Y").
    pub fn keys_text(self, ctx: &egui::Context) -> String {
        self.triggers()
            .into_iter()
            .map(|trigger| match trigger {
                Trigger::Key(shortcut) => ctx.format_shortcut(&shortcut),
                Trigger::Typed(text) => text.to_owned(),
            })
            .collect::<Vec<_>>()
            .join(" or ")
    }

    /// Shortcuts without a modifier, with Alt (which moves by word in text fields), and
    /// the ones text fields have themselves (undo, redo) act only when no text field has the
    /// keyboard. F1 and the palette work everywhere.
    pub fn yields_to_text_fields(self) -> bool {
        matches!(
            self,
            Self::Undo
                | Self::Redo
                | Self::Deselect
                | Self::PreviousSuggestion
                | Self::PreviousDisagreement
                | Self::KeepBoth
        ) || self.triggers().iter().any(|trigger| match trigger {
            Trigger::Key(shortcut) => {
                (shortcut.modifiers == Modifiers::NONE && shortcut.logical_key != Key::F1)
                    || shortcut.modifiers.alt
            }
            Trigger::Typed(_) => true,
        })
    }

    /// Whether the command can do anything now (menus and the palette grey it out if not;
    /// its key still runs it and says why it cannot).
    pub fn enabled(self, now: &Availability) -> bool {
        match self {
            Self::Undo => now.can_undo,
            Self::Redo => now.can_redo,
            Self::Find
            | Self::ArticleDetails
            | Self::NextUntagged
            | Self::NextSuggestion
            | Self::PreviousSuggestion
            | Self::AcceptAllSuggestions => now.has_article,
            Self::AcceptSuggestion | Self::RejectSuggestion => now.has_suggestion,
            Self::TagAs(index) => now.has_selection && usize::from(index) < now.parties,
            Self::FlipStance
            | Self::PickFact
            | Self::EditNote
            | Self::DeleteClaim
            | Self::WidenEnd
            | Self::NarrowEnd
            | Self::WidenStart
            | Self::NarrowStart
            | Self::SpanToSelection
            | Self::SplitClaim
            | Self::MergeClaim => now.has_claim,
            Self::TakeA | Self::TakeB | Self::KeepBoth | Self::DropBoth => now.has_disagreement,
            Self::NextDisagreement | Self::PreviousDisagreement | Self::CloseComparison => {
                now.comparing
            }
            _ => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_commands_share_a_trigger() {
        let mut seen: Vec<(Trigger, Command)> = Vec::new();
        for command in Command::all() {
            for trigger in command.triggers() {
                if let Some((_, other)) = seen.iter().find(|(t, _)| *t == trigger) {
                    panic!("{command:?} and {other:?} share {trigger:?}");
                }
                seen.push((trigger, command));
            }
        }
    }

    #[test]
    fn every_command_is_in_a_menu_or_on_a_key_and_listed_once() {
        let all: Vec<Command> = Command::all().collect();
        for (index, command) in all.iter().enumerate() {
            assert!(
                !all[index + 1..].contains(command),
                "{command:?} listed twice"
            );
            // Every group is a menu; a command also needs a trigger or it is only a menu item.
            assert!(
                Group::ALL.contains(&command.group()),
                "{command:?} is in no menu"
            );
        }
        // Every party key tags: the digits are commands, not special cases.
        for index in 0..9_u8 {
            assert!(all.contains(&Command::TagAs(index)));
        }
        assert!(Command::Redo.triggers().len() == 2, "Ctrl+Y redoes too");
        assert!(Command::Shortcuts.triggers().contains(&Trigger::Typed("?")));
    }

    #[test]
    fn single_keys_never_fire_while_typing() {
        for command in Command::all() {
            let bare = command.triggers().iter().any(|trigger| {
                matches!(trigger, Trigger::Key(s) if s.modifiers == Modifiers::NONE && s.logical_key != Key::F1)
                    || matches!(trigger, Trigger::Typed(_))
            });
            if bare {
                assert!(command.yields_to_text_fields(), "{command:?}");
            }
        }
    }
}
