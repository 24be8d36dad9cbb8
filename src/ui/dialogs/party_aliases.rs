//! A party's other names (capital, ministry, leader…), one per line.

use egui::Ui;

use crate::history::Document;
use crate::model::{Edit, Party, PartyId};
use crate::ui::actions::Action;

pub struct PartyAliases {
    pub party: PartyId,
    pub text: String,
}

impl PartyAliases {
    /// Shows the dialog's contents; whether it closed.
    pub fn ui(&mut self, ui: &mut Ui, document: &Document, actions: &mut Vec<Action>) -> bool {
        let session = document.session();
        let mut close = false;
        let Self { party, text } = self;

        let name = session.party(*party).map_or("", |p| p.name.as_str());
        ui.heading(format!("Other names for {name}"));
        ui.label("One per line: how articles refer to this party (capital, ministry, leader…).");
        let response = ui.add(
            egui::TextEdit::multiline(text)
                .desired_rows(6)
                .desired_width(420.0),
        );
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Aliases"));
        ui.horizontal(|ui| {
            if ui.button("Save aliases").clicked() {
                if let Some(found) = session.party(*party) {
                    let aliases: Vec<String> = text
                        .lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty())
                        .map(|l| {
                            crate::model::capped(l, crate::model::MAX_NAME_CHARS)
                                .unwrap_or_else(|| l.to_owned())
                        })
                        .collect();
                    if aliases != found.aliases {
                        actions.push(Action::Edit {
                            label: format!("Edit aliases of {}", found.name),
                            edit: Edit::ReplaceParty(Party {
                                aliases,
                                ..found.clone()
                            }),
                        });
                    }
                }
                close = true;
            }
            if ui.button("Cancel").clicked() {
                close = true;
            }
        });
        close
    }
}
