//! Every app command with its label and shortcut: the menus, the key handling and the
//! shortcuts list all read this one table.

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::export::Format;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    NewSession,
    OpenSession,
    OpenArticles,
    Save,
    SaveAs,
    Export(Format),
    Quit,
    Undo,
    Redo,
    FlipStance,
    DeleteClaim,
    ShowNarratives,
    ShowByFact,
}

impl Command {
    pub const ALL: [Self; 14] = [
        Self::NewSession,
        Self::OpenSession,
        Self::OpenArticles,
        Self::Save,
        Self::SaveAs,
        Self::Export(Format::Html),
        Self::Export(Format::Markdown),
        Self::Quit,
        Self::Undo,
        Self::Redo,
        Self::FlipStance,
        Self::DeleteClaim,
        Self::ShowNarratives,
        Self::ShowByFact,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::NewSession => "New session",
            Self::OpenSession => "Open session…",
            Self::OpenArticles => "Open articles…",
            Self::Save => "Save",
            Self::SaveAs => "Save as…",
            Self::Export(Format::Html) => "Export HTML report…",
            Self::Export(Format::Markdown) => "Export Markdown report…",
            Self::Quit => "Quit",
            Self::Undo => "Undo",
            Self::Redo => "Redo",
            Self::FlipStance => "Flip stance of claim",
            Self::DeleteClaim => "Delete claim",
            Self::ShowNarratives => "Narratives",
            Self::ShowByFact => "By fact",
        }
    }

    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let command = |key| Some(KeyboardShortcut::new(Modifiers::COMMAND, key));
        let shift_command = |key| {
            Some(KeyboardShortcut::new(
                Modifiers::COMMAND | Modifiers::SHIFT,
                key,
            ))
        };
        match self {
            Self::NewSession => command(Key::N),
            Self::OpenSession => command(Key::O),
            Self::OpenArticles => shift_command(Key::O),
            Self::Save => command(Key::S),
            Self::SaveAs => shift_command(Key::S),
            Self::Export(Format::Html) => command(Key::E),
            Self::Export(Format::Markdown) => shift_command(Key::E),
            Self::Quit => command(Key::Q),
            Self::Undo => command(Key::Z),
            Self::Redo => shift_command(Key::Z),
            Self::FlipStance => Some(KeyboardShortcut::new(Modifiers::NONE, Key::S)),
            Self::DeleteClaim => Some(KeyboardShortcut::new(Modifiers::NONE, Key::Delete)),
            Self::ShowNarratives => Some(KeyboardShortcut::new(Modifiers::ALT, Key::Num1)),
            Self::ShowByFact => Some(KeyboardShortcut::new(Modifiers::ALT, Key::Num2)),
        }
    }

    /// Shortcuts without a modifier would type into text fields: they act only when no
    /// text field has the keyboard.
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
}
