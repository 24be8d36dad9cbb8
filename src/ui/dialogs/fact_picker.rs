//! The fuzzy fact picker (key F, and after accepting a suggestion): the facts ranked for the
//! claim, best first with why; type to filter, Up/Down to choose, Enter to link the claim,
//! Ctrl+Enter (or the last entry) to create a fact from what was typed.

use egui::RichText;

use super::chooser::Chooser;

use crate::history::Document;
use crate::model::search::fuzzy_score;
use crate::model::{ClaimId, Fact, FactId};
use crate::suggest::RankedFact;
use crate::ui::actions::Action;

/// How many of the best-ranked facts say why.
const EXPLAINED: usize = 3;

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
    let ranking: std::collections::HashMap<FactId, (usize, &RankedFact)> = picker
        .ranked
        .iter()
        .enumerate()
        .map(|(i, r)| (r.fact, (i, r)))
        .collect();
    if picker.list.query.trim().is_empty() {
        // The facts ranked for the claim first, best first; the others in their order.
        matches.sort_by_key(|(_, fact)| ranking.get(&fact.id).map_or(usize::MAX, |(i, _)| *i));
    } else {
        matches.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
    }
    let ranked_first = picker.list.query.trim().is_empty() && !picker.ranked.is_empty();
    let typed = picker.list.query.trim().to_owned();
    let can_create = !typed.is_empty()
        && !session
            .facts()
            .iter()
            .any(|f| f.statement.eq_ignore_ascii_case(&typed));
    let choices = matches.len() + usize::from(can_create);
    let keys = picker.list.keys(ctx, choices);
    let enter = keys.enter;
    // Ctrl+Enter: a new fact from what was typed, wherever the highlight is.
    let create_now =
        can_create && ctx.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::Enter));
    let mut chosen: Option<Option<FactId>> = None;
    let mut create = create_now;
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
                if ranked_first {
                    ui.label(RichText::new("Best matches for this claim").small().weak());
                }
                if !picker.note.is_empty() && picker.list.query.trim().is_empty() {
                    ui.label(RichText::new(&picker.note).small().weak());
                }
                for (index, (_, fact)) in matches.iter().enumerate() {
                    let status = document.analysis().status(fact.id);
                    let text = format!(
                        "{} {}",
                        crate::ui::theme::status_symbol(Some(status)),
                        crate::model::excerpt(&fact.statement, crate::model::EXCERPT_CHARS)
                    );
                    let response = ui.selectable_label(picker.list.highlighted == index, text);
                    if ranked_first
                        && let Some((rank, ranked)) = ranking.get(&fact.id)
                        && *rank < EXPLAINED
                        && !ranked.reasons.is_empty()
                    {
                        ui.label(
                            RichText::new(format!("    {}", ranked.reasons.join(" · ")))
                                .small()
                                .weak(),
                        );
                    }
                    if ranked_first && index + 1 == picker.ranked.len().min(matches.len()) {
                        ui.separator();
                    }
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
                RichText::new("Up/Down choose · Enter link · Ctrl+Enter new fact · Esc close")
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
    /// The facts ranked for the claim when the picker opened, best first.
    ranked: Vec<RankedFact>,
    /// How they were ranked (words, meaning), and how to turn meaning on if it is off.
    note: String,
    /// A ranking with the claim's meaning was offered (taken or not): asked once only.
    refreshed: bool,
    list: Chooser,
}

impl FactPicker {
    pub fn for_claim(claim: ClaimId, ranked: Vec<RankedFact>, note: String) -> Self {
        Self {
            claim: Some(claim),
            ranked,
            note,
            ..Self::default()
        }
    }

    /// The claim being linked.
    pub fn claim(&self) -> Option<ClaimId> {
        self.claim
    }

    /// The facts as ranked, best first.
    pub fn ranked(&self) -> &[RankedFact] {
        &self.ranked
    }

    /// Whether a ranking with the claim's meaning is still wanted: the first had none, and
    /// none was offered since.
    pub fn wants_meaning(&self) -> bool {
        !self.refreshed
            && !self.ranked.iter().any(|r| {
                r.signals
                    .iter()
                    .any(|(s, _)| *s == crate::suggest::Signal::Meaning)
            })
    }

    /// Replaces the ranking with a better one (the claim's meaning came after the picker
    /// opened), unless the analyst has typed or moved already: the list never changes under
    /// a choice being made. Whether it was replaced.
    pub fn refresh(&mut self, ranked: Vec<RankedFact>, note: String) -> bool {
        self.refreshed = true;
        if !self.list.query.is_empty() || self.list.highlighted != 0 {
            return false;
        }
        self.ranked = ranked;
        self.note = note;
        true
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
