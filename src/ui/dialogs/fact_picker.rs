//! The fuzzy fact picker (key F): type to filter the facts, Up/Down to choose, Enter to
//! link the claim, or create a fact from what was typed.

use egui::{Key, RichText};

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
        .filter_map(|fact| fuzzy_score(&picker.query, &fact.statement).map(|score| (score, fact)))
        .collect();
    if !picker.query.trim().is_empty() {
        matches.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
    }
    let typed = picker.query.trim().to_owned();
    let can_create = !typed.is_empty()
        && !session
            .facts()
            .iter()
            .any(|f| f.statement.eq_ignore_ascii_case(&typed));
    let choices = matches.len() + usize::from(can_create);
    let (down, up, enter) = ctx.input_mut(|i| {
        (
            i.consume_key(egui::Modifiers::NONE, Key::ArrowDown),
            i.consume_key(egui::Modifiers::NONE, Key::ArrowUp),
            i.consume_key(egui::Modifiers::NONE, Key::Enter),
        )
    });
    if down {
        picker.highlighted = (picker.highlighted + 1).min(choices.saturating_sub(1));
    }
    if up {
        picker.highlighted = picker.highlighted.saturating_sub(1);
    }
    picker.highlighted = picker.highlighted.min(choices.saturating_sub(1));
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
        let field = ui.add(
            egui::TextEdit::singleline(&mut picker.query)
                .hint_text("Type to filter, or a new statement…")
                .desired_width(f32::INFINITY),
        );
        field.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Find fact"));
        if !picker.opened {
            field.request_focus();
            picker.opened = true;
        }
        if field.changed() {
            picker.highlighted = 0;
        }
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
                    let response = ui.selectable_label(picker.highlighted == index, text);
                    if picker.highlighted == index && (up || down) {
                        response.scroll_to_me(None);
                    }
                    if response.clicked() || (enter && picker.highlighted == index) {
                        chosen = Some(Some(fact.id));
                    }
                }
                if can_create {
                    let index = matches.len();
                    let response = ui.selectable_label(
                        picker.highlighted == index,
                        format!("+ New fact: “{typed}”"),
                    );
                    if response.clicked() || (enter && picker.highlighted == index) {
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
    query: String,
    highlighted: usize,
    opened: bool,
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
