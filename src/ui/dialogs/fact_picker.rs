//! The fuzzy fact picker (key F): type to filter the facts, Up/Down to choose, Enter to
//! link the claim, or create a fact from what was typed.

use egui::RichText;

use super::chooser::Chooser;

use crate::history::Document;
use crate::model::search::fuzzy_score;
use crate::model::{ClaimId, Fact, FactId};
use crate::ui::actions::Action;

/// The fuzzy fact picker: type to filter, ↑/↓ to choose, Enter to link, Esc to close.
fn fact_picker_ui(
    ctx: &egui::Context,
    picker: &mut FactPicker,
    document: &Document,
    actions: &mut Vec<Action>,
) -> bool {
    let session = document.session();
    let Some(claim) = picker.claim.and_then(|c| session.claim(c)) else {
        return true;
    };
    let mut matches: Vec<(i64, &Fact)> = session
        .facts()
        .iter()
        .filter_map(|fact| {
            fuzzy_score(&picker.list.query, &fact.statement).map(|score| (score, fact))
        })
        .collect();
    if !picker.list.query.trim().is_empty() {
        matches.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
    }
    let typed = picker.list.query.trim().to_owned();
    let can_create = !typed.is_empty()
        && !session
            .facts()
            .iter()
            .any(|f| f.statement.eq_ignore_ascii_case(&typed));
    let choices = matches.len() + usize::from(can_create);
    let keys = picker.list.keys(ctx, choices);
    let enter = keys.enter;
    let mut chosen: Option<Option<FactId>> = None;
    let mut create = false;
    let mut close = false;
    let modal = egui::Modal::new(egui::Id::unique("fact-picker")).show(ctx, |ui| {
        ui.set_width(480.0);
        ui.heading("Link claim to fact");
        ui.label(
            RichText::new(format!("“{}”", crate::model::short(&claim.anchor.quote)))
                .italics()
                .weak(),
        );
        picker.list.field(
            ui,
            "Type to filter, or a new statement…",
            egui::Role::TextInput,
            "Find fact",
        );
        egui::ScrollArea::vertical()
            .max_height(300.0)
            .show(ui, |ui| {
                for (index, (_, fact)) in matches.iter().enumerate() {
                    let status = document.analysis().status(fact.id);
                    let text = format!(
                        "{} {}",
                        crate::ui::theme::status_symbol(Some(status)),
                        crate::model::excerpt(&fact.statement, crate::model::EXCERPT_CHARS)
                    );
                    let response = ui.selectable_label(picker.list.highlighted == index, text);
                    if picker.list.highlighted == index && keys.moved() {
                        response.scroll_to_me(None);
                    }
                    if response.clicked() || (enter && picker.list.highlighted == index) {
                        chosen = Some(Some(fact.id));
                    }
                }
                if can_create {
                    let index = matches.len();
                    let response = ui.selectable_label(
                        picker.list.highlighted == index,
                        format!("+ New fact: “{typed}”"),
                    );
                    if response.clicked() || (enter && picker.list.highlighted == index) {
                        create = true;
                    }
                }
                if matches.is_empty() && !can_create {
                    ui.label(RichText::new("No facts yet: type a statement to create one.").weak());
                }
            });
        ui.horizontal(|ui| {
            if claim.fact.is_some() && ui.button("Unlink").clicked() {
                chosen = Some(None);
            }
            if ui.button("Cancel").clicked() {
                close = true;
            }
            ui.label(
                RichText::new("Up/Down choose · Enter link · Esc close")
                    .small()
                    .weak(),
            );
        });
    });
    if let Some(fact) = chosen {
        if let Some(change) = session.relink(claim.id, fact) {
            actions.push(Action::Edit {
                label: change.label,
                edit: change.edit,
            });
        }
        close = true;
    }
    if create {
        actions.push(Action::NewFactForClaim {
            claim: claim.id,
            statement: typed,
        });
        close = true;
    }
    close || modal.should_close()
}

/// The fuzzy fact picker (key F): type to filter, Enter to link or create.
#[derive(Clone, Debug, Default)]
pub struct FactPicker {
    claim: Option<ClaimId>,
    list: Chooser,
}

impl FactPicker {
    pub fn for_claim(claim: ClaimId) -> Self {
        Self {
            claim: Some(claim),
            ..Self::default()
        }
    }

    /// Shows the picker; whether it closed.
    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        document: &Document,
        actions: &mut Vec<Action>,
    ) -> bool {
        fact_picker_ui(ctx, self, document, actions)
    }
}
