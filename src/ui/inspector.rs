//! The claim inspector: party, stance, fact, note and delete for the selected claim. Each
//! control asks the model for the edit it makes (see `model::decisions`).

use egui::{RichText, Ui};

use super::actions::{Action, Selection};
use super::theme;
use crate::history::Document;
use crate::model::{Change, Claim, ClaimId, Stance};

/// What the app asks of the inspector.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InspectorRequest {
    /// Put the keyboard in the note field (key N).
    FocusNote,
}

/// The inspector panel: what is being typed into it.
#[derive(Default)]
pub struct Inspector {
    /// Text typed into the "new fact" field.
    new_fact_text: String,
    /// The note being edited, and for which claim.
    note_draft: Option<(ClaimId, String)>,
    requests: Vec<InspectorRequest>,
    /// The claim shown last frame: a newly selected one scrolls the inspector into view (on
    /// a small screen it sits below the articles and parties).
    shown: Option<ClaimId>,
}

fn edit(change: Change) -> Action {
    Action::Edit {
        label: change.label,
        edit: change.edit,
    }
}

impl Inspector {
    pub fn request(&mut self, request: InspectorRequest) {
        self.requests.push(request);
    }

    pub fn ui(
        &mut self,
        ui: &mut Ui,
        document: &Document,
        selection: &Selection,
        actions: &mut Vec<Action>,
    ) {
        let focus_note = std::mem::take(&mut self.requests).contains(&InspectorRequest::FocusNote);
        inspector_ui(ui, document, selection, (self, focus_note), actions);
    }
}

#[expect(
    clippy::too_many_lines,
    reason = "a list of the inspector's rows, top to bottom; each row is a few widgets"
)]
fn inspector_ui(
    ui: &mut Ui,
    document: &Document,
    selection: &Selection,
    (view, focus_note): (&mut Inspector, bool),
    actions: &mut Vec<Action>,
) {
    let session = document.session();
    let heading = ui.heading("Claim");
    let shown = selection.claim.filter(|id| session.claim(*id).is_some());
    if shown.is_some() && shown != view.shown {
        // The heading to the top of the sidebar: the claim's rows fill the rest.
        ui.scroll_to_rect(
            heading.rect.expand2(egui::vec2(0.0, 4.0)),
            Some(egui::Align::Min),
        );
    }
    view.shown = shown;
    let Some(claim) = selection.claim.and_then(|id| session.claim(id)) else {
        view.note_draft = None;
        ui.label(
            RichText::new(
                "Select text in the article and press 1–9 (or a party button) to tag a claim. \
                 Click a highlight to inspect it here.",
            )
            .weak(),
        );
        return;
    };

    egui::Frame::new()
        .inner_margin(egui::Margin::symmetric(8, 6))
        .fill(ui.visuals().faint_bg_color)
        .corner_radius(4.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            egui::ScrollArea::vertical()
                .id_salt("inspector-quote")
                .max_height(110.0)
                .show(ui, |ui| {
                    let quote = format!(
                        "“{}”",
                        crate::model::excerpt(&claim.anchor.quote, crate::model::EXCERPT_CHARS)
                    );
                    if crate::text::has_rtl(&quote) {
                        let width = ui.available_width();
                        let laid = crate::text::label(ui, quote.clone(), width);
                        crate::text::add(ui, egui::Label::new(laid), &quote);
                    } else {
                        ui.label(RichText::new(quote).italics());
                    }
                });
        });
    if claim.orphaned {
        ui.colored_label(
            theme::warning_colour(ui.visuals()),
            "⚠ Orphaned: this quote is no longer in the article's text. Select where it is \
             now and press R (Claim › Span to selection) to place it again.",
        );
    }
    if let Some(article) = session.article(claim.article) {
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(format!("in {}", article.meta.title))
                    .small()
                    .weak(),
            );
            if ui.small_button("Show in reader").clicked() {
                actions.push(Action::ShowClaim(claim.id));
            }
        });
    }
    ui.add_space(4.0);

    egui::Grid::new("claim-inspector")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            ui.label("Party");
            if session.parties().len() > crate::ui::commands::PARTY_KEYS {
                many_parties_ui(ui, session, claim, actions);
                ui.end_row();
            } else {
                ui.horizontal_wrapped(|ui| {
                    for party in session.parties() {
                        let text = RichText::new(&party.name).color(if claim.party == party.id {
                            ui.visuals().strong_text_color()
                        } else {
                            ui.visuals().text_color()
                        });
                        let button = egui::Button::selectable(claim.party == party.id, text)
                            .stroke(egui::Stroke::new(1.5, theme::party_colour(party.colour)));
                        if ui.add(button).clicked()
                            && let Some(change) = session.retag(claim.id, party.id)
                        {
                            actions.push(edit(change));
                        }
                    }
                });
                ui.end_row();
            }

            ui.label("Stance");
            ui.horizontal(|ui| {
                for stance in [Stance::Affirms, Stance::Denies] {
                    let label = format!("{} {}", stance.mark(), stance.label());
                    if ui
                        .selectable_label(claim.stance == stance, label)
                        .on_hover_text("S flips the stance")
                        .clicked()
                        && let Some(change) = session.set_stance(claim.id, stance)
                    {
                        actions.push(edit(change));
                    }
                }
            });
            ui.end_row();

            ui.label("Fact");
            let current = claim
                .fact
                .and_then(|id| session.fact(id))
                .map_or("(not linked)".to_owned(), |f| {
                    crate::model::short(&f.statement)
                });
            // Truncated to the sidebar: a long statement never widens the panel.
            let picker = egui::ComboBox::from_id_salt("claim-fact")
                .selected_text(current)
                .width(ui.available_width().clamp(120.0, 360.0))
                .truncate()
                .show_ui(ui, |ui| {
                    if ui
                        .selectable_label(claim.fact.is_none(), "(not linked)")
                        .clicked()
                        && let Some(change) = session.relink(claim.id, None)
                    {
                        actions.push(edit(change));
                    }
                    for fact in session.facts() {
                        let status = document.analysis().status(fact.id);
                        let label = format!(
                            "{} {}",
                            theme::status_symbol(Some(status)),
                            crate::model::short(&fact.statement)
                        );
                        if ui
                            .selectable_label(claim.fact == Some(fact.id), label)
                            .on_hover_text(crate::model::excerpt(
                                &fact.statement,
                                crate::model::EXCERPT_CHARS,
                            ))
                            .clicked()
                            && let Some(change) = session.relink(claim.id, Some(fact.id))
                        {
                            actions.push(edit(change));
                        }
                    }
                });
            picker.response.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Fact of claim")
            });
            ui.end_row();
        });

    if let Some(fact) = claim.fact {
        let standing = document.analysis().standing(fact);
        if let Some(standing) = standing {
            let status = standing.status;
            let visuals = ui.visuals().clone();
            ui.horizontal_wrapped(|ui| {
                ui.colored_label(
                    theme::status_colour(Some(status), &visuals),
                    format!("{} {}", theme::status_symbol(Some(status)), status.label()),
                );
                for party in &standing.inconsistent {
                    if let Some(party) = session.party(*party) {
                        ui.colored_label(
                            theme::warning_colour(&visuals),
                            format!("⚠ {} both affirms and denies it", party.name),
                        );
                    }
                }
            });
        }
    }

    ui.horizontal(|ui| {
        let field = egui::TextEdit::singleline(&mut view.new_fact_text)
            .char_limit(crate::model::MAX_STATEMENT_CHARS)
            .hint_text("New fact statement…")
            .desired_width(ui.available_width() - 70.0);
        let response = ui.add(field);
        response.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::TextInput, true, "New fact statement")
        });
        let typed = view.new_fact_text.trim().to_owned();
        let submit = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if (ui
            .add_enabled(!typed.is_empty(), egui::Button::new("Link"))
            .on_hover_text("Make a new fact with this statement and link the claim to it")
            .clicked()
            || submit)
            && !typed.is_empty()
        {
            actions.push(Action::NewFactForClaim {
                claim: claim.id,
                statement: typed,
            });
            view.new_fact_text.clear();
        }
    });
    ui.horizontal(|ui| {
        if ui
            .button("Link to fact… (F)")
            .on_hover_text("Find a fact by typing, or create one")
            .clicked()
        {
            actions.push(Action::Command(super::commands::Command::PickFact));
        }
    });
    if ui
        .button("New fact from quote")
        .on_hover_text("Make a new fact whose statement is this claim's quote, and link to it")
        .clicked()
    {
        actions.push(Action::NewFactForClaim {
            claim: claim.id,
            statement: claim.anchor.quote.clone(),
        });
    }

    ui.add_space(4.0);
    ui.label("Note");
    let draft = match &mut view.note_draft {
        Some((id, text)) if *id == claim.id => text,
        other => {
            *other = Some((claim.id, claim.note.clone()));
            &mut other.get_or_insert_with(|| (claim.id, String::new())).1
        }
    };
    let note = ui.add(
        egui::TextEdit::multiline(draft)
            .hint_text("Your note on this claim")
            .desired_rows(3)
            .desired_width(f32::INFINITY),
    );
    note.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Note"));
    if focus_note {
        note.request_focus();
    }
    if note.lost_focus()
        && let Some(change) = session.set_note(claim.id, draft)
    {
        actions.push(edit(change));
    } else if !note.has_focus() && *draft != claim.note {
        // The note changed under us (undo, redo): show what the claim has now.
        draft.clone_from(&claim.note);
    }

    ui.add_space(6.0);
    if ui
        .button(RichText::new("🗑 Delete claim").color(theme::error_colour(ui.visuals())))
        .on_hover_text("Delete this claim (Delete)")
        .clicked()
    {
        actions.push(Action::Command(super::commands::Command::DeleteClaim));
    }
}

/// The claim's party chosen from a list that builds only the names in view (a session may
/// have thousands of parties).
fn many_parties_ui(
    ui: &mut Ui,
    session: &crate::model::Session,
    claim: &Claim,
    actions: &mut Vec<Action>,
) {
    let current = session.party(claim.party).map_or("", |p| p.name.as_str());
    let picker = egui::ComboBox::from_id_salt("claim-party")
        .selected_text(current)
        .width(ui.available_width().max(120.0))
        .show_ui(ui, |ui| {
            let parties = session.parties();
            let row_height = ui.spacing().interact_size.y;
            egui::ScrollArea::vertical()
                .max_height(row_height * 14.0)
                .show_rows(ui, row_height, parties.len(), |ui, rows| {
                    for party in &parties[rows] {
                        if ui
                            .selectable_label(claim.party == party.id, &party.name)
                            .clicked()
                            && let Some(change) = session.retag(claim.id, party.id)
                        {
                            actions.push(edit(change));
                        }
                    }
                });
        });
    picker
        .response
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Party of claim"));
}

/// Claims whose quote was lost when their article's text changed: listed until placed.
pub fn orphans_ui(
    ui: &mut Ui,
    document: &Document,
    selection: &Selection,
    actions: &mut Vec<Action>,
) {
    let session = document.session();
    let orphans: Vec<&Claim> = document
        .analysis()
        .orphaned
        .iter()
        .filter_map(|id| session.claim(*id))
        .collect();
    if orphans.is_empty() {
        return;
    }
    ui.separator();
    ui.colored_label(
        theme::warning_colour(ui.visuals()),
        RichText::new(format!("⚠ Orphaned claims ({})", orphans.len())).strong(),
    )
    .on_hover_text(
        "Their quotes are no longer in their articles' texts. Select one, select where it is \
         now in the article, and press R.",
    );
    for claim in orphans {
        let party = session.party(claim.party).map_or("", |p| p.name.as_str());
        let article = session
            .article(claim.article)
            .map_or("", |a| a.meta.title.as_str());
        let selected = selection.claim == Some(claim.id);
        let response = ui
            .selectable_label(
                selected,
                format!("{party}: “{}”", crate::model::short(&claim.anchor.quote)),
            )
            .on_hover_text(format!("in {article}"));
        if response.clicked() {
            actions.push(Action::ShowClaim(claim.id));
        }
    }
}
