//! Renaming a fact: its statement.

use egui::Ui;

use crate::history::Document;
use crate::model::{Edit, Fact, FactId};
use crate::ui::actions::Action;

pub struct RenameFact {
    pub fact: FactId,
    pub statement: String,
}

impl RenameFact {
    /// Shows the dialog's contents; whether it closed.
    pub fn ui(&mut self, ui: &mut Ui, _document: &Document, actions: &mut Vec<Action>) -> bool {
        let mut close = false;
        let Self { fact, statement } = self;

        ui.heading("Rename fact");
        let response = ui.add(
            egui::TextEdit::multiline(statement)
                .char_limit(crate::model::MAX_STATEMENT_CHARS)
                .desired_rows(2)
                .desired_width(420.0),
        );
        if statement.chars().count() >= crate::model::MAX_STATEMENT_CHARS {
            ui.label(
                egui::RichText::new(format!(
                    "A statement is kept to {} characters: a sentence or a few.",
                    crate::model::MAX_STATEMENT_CHARS
                ))
                .weak(),
            );
        }
        response.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Fact statement")
        });
        ui.horizontal(|ui| {
            let valid = !statement.trim().is_empty();
            if ui.add_enabled(valid, egui::Button::new("Rename")).clicked() {
                actions.push(Action::Edit {
                    label: "Rename fact".into(),
                    edit: Edit::ReplaceFact(Fact {
                        id: *fact,
                        statement: statement.trim().to_owned(),
                    }),
                });
                close = true;
            }
            if ui.button("Cancel").clicked() {
                close = true;
            }
        });
        close
    }
}
