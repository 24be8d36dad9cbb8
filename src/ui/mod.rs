//! The egui layer: a thin shell over the core. Views read the [`Document`] and push
//! [`state::Action`]s; [`app::RashomonApp`] applies them after the frame.
//!
//! [`Document`]: crate::history::Document

pub mod app;
mod articles;
mod autosave;
pub mod commands;
mod comparison;
mod dialogs;
pub mod fonts;
mod inspector;
mod notifications;
mod reader;
mod rows;
pub mod state;
mod status_bar;
mod tasks;
pub mod theme;

pub use app::{RashomonApp, Startup};

use egui::{RichText, Ui};

use crate::model::{Claim, Session};

/// Party, stance, fact and note of a claim, for tooltips.
fn claim_summary_ui(ui: &mut Ui, session: &Session, claim: &Claim) {
    ui.set_max_width(360.0);
    if let Some(party) = session.party(claim.party) {
        ui.horizontal(|ui| {
            ui.label(
                RichText::new(&party.name)
                    .strong()
                    .color(theme::party_colour(party.colour)),
            );
            ui.label(claim.stance.label());
        });
    }
    match claim.fact.and_then(|f| session.fact(f)) {
        Some(fact) => ui.label(format!("{} “{}”", claim.stance.mark(), fact.statement)),
        None => ui.label(RichText::new("Not linked to a fact").weak()),
    };
    if !claim.note.is_empty() {
        ui.label(RichText::new(format!("Note: {}", claim.note)).italics());
    }
    ui.separator();
}
