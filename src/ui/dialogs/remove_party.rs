//! Removing a party: its claims go with it or to another party.

use egui::{RichText, Ui};

use crate::history::Document;
use crate::model::PartyId;
use crate::ui::actions::Action;

pub struct RemoveParty {
    pub party: PartyId,
    pub reassign_to: Option<PartyId>,
}

impl RemoveParty {
    /// Shows the dialog's contents; whether it closed.
    pub fn ui(&mut self, ui: &mut Ui, document: &Document, actions: &mut Vec<Action>) -> bool {
        let session = document.session();
        let mut close = false;
        let Self { party, reassign_to } = self;

        let name = session
            .party(*party)
            .map_or("", |p| p.name.as_str())
            .to_owned();
        let claims = document.analysis().claims_by_party(*party);
        ui.heading(format!("Remove {name}?"));
        if claims > 0 {
            ui.label(format!(
                "{name} has {}. What should happen to them?",
                crate::ui::actions::count(claims, "claim", "claims")
            ));
            ui.radio_value(reassign_to, None, "Delete them with the party");
            for other in session.parties().iter().filter(|p| p.id != *party) {
                ui.radio_value(
                    reassign_to,
                    Some(other.id),
                    format!("Give them to {}", other.name),
                );
            }
        } else {
            ui.label(format!("{name} has no claims."));
        }
        ui.horizontal(|ui| {
            if ui
                .button(RichText::new("Remove party").color(ui.visuals().error_fg_color))
                .clicked()
            {
                actions.push(Action::Edit {
                    label: format!("Remove party {name}"),
                    edit: session.remove_party_edit(*party, *reassign_to),
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
