//! Claim cards: a claim's quote, its fact and status, its article; click to show it in the
//! reader. The narratives and the unlinked claims are lists of cards.

use egui::{RichText, Sense, Stroke, Ui};

use super::View;
use crate::history::Document;
use crate::model::{Claim, ClaimId, EXCERPT_CHARS, FactStatus, Session, excerpt};
use crate::ui::actions::Action;
use crate::ui::theme;
use crate::ui::virtual_list::{Placement, RowKey, VirtualList};

/// A column of claim cards (a narrative, or a party's unlinked claims) as virtual rows.
pub struct CardList {
    pub origin: egui::Pos2,
    pub width: f32,
    /// Where the list starts in the scroll area's content.
    pub top: f32,
    pub show_fact: bool,
}

impl CardList {
    /// Shows the cards of the claims `keys` that meet the view; returns the list's height.
    pub fn show(
        &self,
        ui: &mut Ui,
        viewport: egui::Rect,
        (heights, reveal): (&mut VirtualList, &mut Option<(RowKey, u8)>),
        keys: &[RowKey],
        (document, view, actions): (&Document, &View, &mut Vec<Action>),
    ) -> f32 {
        let session = document.session();
        crate::ui::virtual_list::show_rows(
            ui,
            Placement {
                origin: self.origin,
                top: self.top,
                width: self.width,
            },
            viewport,
            (heights, keys),
            reveal,
            |i| card_estimate(session.claim(ClaimId(keys[i])), self.width),
            |ui, i| {
                if let Some(claim) = session.claim(ClaimId(keys[i])) {
                    claim_card_ui(ui, document, view, actions, claim, self.show_fact);
                }
            },
        )
    }
}

/// Roughly how tall a claim card is before it has been shown: its quote wrapped at the
/// column width, plus fact and source lines.
pub fn card_estimate(claim: Option<&Claim>, width: f32) -> f32 {
    let chars = claim.map_or(40, |c| {
        c.anchor.quote.chars().take(EXCERPT_CHARS + 30).count() + 2
    });
    let per_line = ((width - 16.0) / 7.0).max(8.0);
    let lines = (chars as f32 / per_line).ceil().max(1.0);
    lines * 18.0 + 52.0
}

/// A claim in a narrative column (or the unlinked list): tinted by its fact's status.
fn claim_card_ui(
    ui: &mut Ui,
    document: &Document,
    view: &View,
    actions: &mut Vec<Action>,
    claim: &Claim,
    show_fact: bool,
) {
    let session = document.session();
    let visuals = ui.visuals().clone();
    let status = claim.fact.map(|f| document.analysis().status(f));
    let selected = view.selection.claim == Some(claim.id);
    let related = claim.fact.is_some()
        && claim.fact
            == view.selection.focus_fact(
                view.selection
                    .claim
                    .and_then(|c| session.claim(c))
                    .and_then(|c| c.fact),
            );
    let stroke = if selected || related {
        theme::focus_stroke(&visuals)
    } else {
        Stroke::new(1.0, visuals.widgets.noninteractive.bg_stroke.color)
    };
    let response = ui
        .scope_builder(egui::UiBuilder::new().sense(Sense::click()), |ui| {
            egui::Frame::new()
                .fill(theme::status_fill(status, &visuals))
                .stroke(stroke)
                .corner_radius(4.0)
                .inner_margin(egui::Margin::same(6))
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    quote_label_ui(ui, claim);
                    orphan_mark_ui(ui, claim);
                    if show_fact {
                        let (text, colour) = match claim.fact.and_then(|f| session.fact(f)) {
                            Some(fact) => (
                                format!(
                                    "{} {} {} · {}",
                                    theme::status_symbol(status),
                                    claim.stance.label(),
                                    crate::model::short(&fact.statement),
                                    status.map_or("", FactStatus::label)
                                ),
                                theme::status_colour(status, &visuals),
                            ),
                            None => ("not linked to a fact".to_owned(), visuals.weak_text_color()),
                        };
                        let line = crate::text::wrapped(
                            ui,
                            text.clone(),
                            ui.available_width(),
                            &egui::TextStyle::Small,
                            colour,
                        );
                        crate::text::add(
                            ui,
                            egui::Label::new(line).wrap().selectable(false),
                            &text,
                        );
                    }
                    if let Some(article) = session.article(claim.article) {
                        ui.add(
                            egui::Label::new(RichText::new(&article.meta.title).small().weak())
                                .truncate()
                                .selectable(false),
                        );
                    }
                });
        })
        .response;
    if response.hovered()
        && let Some(fact) = claim.fact
    {
        actions.push(Action::HoverFact(fact));
    }
    clickable_claim(response, session, actions, claim);
    ui.add_space(4.0);
}

/// A claim's quote in curly quotes, wrapped, right-to-left words in order.
pub fn quote_label_ui(ui: &mut Ui, claim: &Claim) {
    let width = ui.available_width();
    let quote = excerpt(&claim.anchor.quote, EXCERPT_CHARS);
    let quote = format!("“{quote}”");
    let text = crate::text::label(ui, quote.clone(), width);
    crate::text::add(ui, egui::Label::new(text).wrap().selectable(false), &quote);
}

/// A warning line on a claim whose quote is no longer in its article.
pub fn orphan_mark_ui(ui: &mut Ui, claim: &Claim) {
    if claim.orphaned {
        ui.colored_label(
            theme::warning_colour(ui.visuals()),
            RichText::new("⚠ orphaned: no longer in the article's text").small(),
        );
    }
}

pub fn clickable_claim(
    response: egui::Response,
    session: &Session,
    actions: &mut Vec<Action>,
    claim: &Claim,
) {
    response.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::Button,
            true,
            crate::model::short(&claim.anchor.quote),
        )
    });
    let response = response.on_hover_ui(|ui| {
        crate::ui::claim_summary_ui(ui, session, claim);
        ui.label(
            RichText::new("Click to show it in the reader")
                .weak()
                .small(),
        );
    });
    if response.clicked() {
        actions.push(Action::ShowClaim(claim.id));
    }
    if response.hovered() {
        response.ctx.set_cursor_icon(egui::CursorIcon::PointingHand);
    }
}
