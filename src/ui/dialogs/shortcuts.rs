//! The shortcut sheet (F1 or ?): every command with its keys, grouped, read from the
//! command table.

use egui::{RichText, Ui};

use crate::ui::commands::{Command, Group};

/// Every shortcut, grouped, from the same table the menus and key handling use.
pub fn shortcuts_ui(ui: &mut Ui) {
    ui.heading("Keyboard shortcuts");
    ui.label(
        RichText::new("Single-key shortcuts work while no text field has the keyboard (the article text does not count).")
            .small()
            .weak(),
    );
    egui::ScrollArea::vertical()
        .max_height(520.0)
        .show(ui, |ui| {
            for group in [
                Group::Claim,
                Group::Edit,
                Group::File,
                Group::View,
                Group::Team,
                Group::Help,
            ] {
                ui.add_space(6.0);
                ui.label(RichText::new(group.label()).strong());
                egui::Grid::new(("shortcuts", group.label()))
                    .num_columns(2)
                    .striped(true)
                    .show(ui, |ui| {
                        for command in Command::all().filter(|c| c.group() == group) {
                            ui.label(RichText::new(command.keys_text(ui.ctx())).monospace());
                            ui.label(command.label());
                            ui.end_row();
                        }
                    });
            }
        });
}
