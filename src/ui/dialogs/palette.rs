//! The command palette (Ctrl+Shift+P): every command of the command table by name, filtered
//! fuzzily as you type, with its keys; Enter runs the highlighted one, through the same path
//! a key or a menu takes.

use egui::RichText;

use super::chooser::Chooser;

use crate::history::Document;
use crate::model::search::fuzzy_score;
use crate::ui::actions::Action;
use crate::ui::commands::{Availability, Command};

#[derive(Clone, Debug, Default)]
pub struct Palette {
    list: Chooser,
}

impl Palette {
    /// The commands that match the query, best first (all of them, in table order, for an
    /// empty query), with the names the menus give them.
    pub fn matches(query: &str, document: &Document) -> Vec<(Command, String)> {
        let parties = document.session().parties();
        let mut scored: Vec<(i64, Command, String)> = Command::all()
            .filter(|c| !matches!(c, Command::TagAs(i) if usize::from(*i) >= parties.len()))
            .filter(|c| *c != Command::Palette)
            .filter_map(|command| {
                let title = format!("{}: {}", command.group().label(), command.title(parties));
                fuzzy_score(query, &title).map(|score| (score, command, title))
            })
            .collect();
        if !query.trim().is_empty() {
            scored.sort_by_key(|(score, _, _)| std::cmp::Reverse(*score));
        }
        scored.into_iter().map(|(_, c, t)| (c, t)).collect()
    }

    /// Shows the palette; whether it closed.
    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        document: &Document,
        actions: &mut Vec<Action>,
    ) -> bool {
        let matches = Self::matches(&self.list.query, document);
        let keys = self.list.keys(ctx, matches.len());
        let now = Availability {
            has_article: !document.session().articles().is_empty(),
            has_claim: document.session().claims().len() > 0,
            has_selection: true,
            can_undo: document.undo_label().is_some(),
            can_redo: document.redo_label().is_some(),
            parties: document.session().parties().len(),
            has_suggestion: true,
            comparing: true,
            has_disagreement: true,
        };
        let mut chosen = None;
        let modal = egui::Modal::new(egui::Id::unique("command-palette")).show(ctx, |ui| {
            ui.set_width(520.0);
            self.list
                .field(ui, "Type a command…", egui::Role::SearchInput, "Command");
            egui::ScrollArea::vertical()
                .max_height(360.0)
                .show(ui, |ui| {
                    for (index, (command, title)) in matches.iter().enumerate() {
                        let shortcut = command.keys_text(ui.ctx());
                        let enabled = command.enabled(&now);
                        let button = egui::Button::selectable(
                            self.list.highlighted == index,
                            title.as_str(),
                        )
                        .shortcut_text(shortcut);
                        let response = ui.add_enabled(enabled, button);
                        if self.list.highlighted == index && keys.moved() {
                            response.scroll_to_me(None);
                        }
                        if response.clicked() || (keys.enter && self.list.highlighted == index) {
                            chosen = Some(*command);
                        }
                    }
                    if matches.is_empty() {
                        ui.label(RichText::new("No command by that name.").weak());
                    }
                });
            ui.label(
                RichText::new("Up/Down choose · Enter run · Esc close")
                    .small()
                    .weak(),
            );
        });
        if let Some(command) = chosen {
            actions.push(Action::Command(command));
            return true;
        }
        modal.should_close()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_palette_finds_commands_by_a_few_letters() {
        let document = Document::new(crate::model::Session::new());
        let found = Palette::matches("flip", &document);
        assert_eq!(found.first().map(|(c, _)| *c), Some(Command::FlipStance));
        let found = Palette::matches("nxt untag", &document);
        assert_eq!(found.first().map(|(c, _)| *c), Some(Command::NextUntagged));
        // Tagging names the party, as the menu does.
        let found = Palette::matches("tag russia", &document);
        assert_eq!(found.first().map(|(c, _)| *c), Some(Command::TagAs(1)));
        // Everything but the palette itself, with an empty query.
        let all = Palette::matches("", &document);
        assert!(all.iter().all(|(c, _)| *c != Command::Palette));
        assert!(all.len() > 30);
    }
}
