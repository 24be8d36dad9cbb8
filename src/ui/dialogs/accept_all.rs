//! Accepting every suggestion of an article, after saying how many claims each party gets.

use egui::{RichText, Ui};

use crate::history::Document;
use crate::model::ArticleId;
use crate::suggest::ClaimSuggestion;
use crate::ui::actions::{Action, count};
use crate::ui::theme;

pub struct AcceptAll {
    pub article: ArticleId,
    pub suggestions: Vec<ClaimSuggestion>,
}

impl AcceptAll {
    /// Shows the dialog's contents; whether it closed.
    pub fn ui(&mut self, ui: &mut Ui, document: &Document, actions: &mut Vec<Action>) -> bool {
        let session = document.session();
        let title = session
            .article(self.article)
            .map_or("", |a| a.meta.title.as_str());
        let counts = crate::suggest::counts_by_party(session, &self.suggestions);
        let total: usize = counts.iter().map(|(_, n)| n).sum();
        let others = self.suggestions.len() - total;
        ui.heading("Accept all suggestions?");
        ui.label(format!("In “{}” this tags:", crate::model::short(title)));
        for (party, n) in &counts {
            if let Some(party) = session.party(*party) {
                ui.horizontal(|ui| {
                    ui.label(
                        RichText::new(&party.name)
                            .strong()
                            .color(theme::party_colour(party.colour)),
                    );
                    ui.label(count(*n, "claim", "claims"));
                });
            }
        }
        if others > 0 {
            ui.label(
                RichText::new(format!(
                    "{} by speakers that are no party stay suggested.",
                    count(others, "suggestion", "suggestions")
                ))
                .weak(),
            );
        }
        ui.label(RichText::new("One step: Undo takes them all back.").weak());
        ui.add_space(6.0);
        let mut close = false;
        ui.horizontal(|ui| {
            let accept = ui.button(format!("Accept {}", count(total, "claim", "claims")));
            if accept.clicked() {
                actions.push(Action::AcceptAllSuggestions(self.suggestions.clone()));
                close = true;
            }
            if ui.button("Cancel").clicked() {
                close = true;
            }
        });
        close
    }
}
