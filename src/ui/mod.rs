//! The egui layer: a thin shell over the core. Each panel (reader, comparison, sidebar with
//! the inspector, dialogs) is a struct that owns its state; it reads the [`Document`] and
//! the shared [`actions::Selection`], and pushes [`actions::Action`]s, which
//! [`app::RashomonApp`] runs after the frame. See docs/ARCHITECTURE.md.
//!
//! [`Document`]: crate::history::Document

pub mod actions;
pub mod app;
mod autosave;
pub mod commands;
mod comparison;
mod dialogs;
pub mod fonts;
mod inspector;
mod notifications;
mod pacing;
mod panels;
pub mod reader;
mod semantic;
mod sidebar;
mod status_bar;
mod suggestions;
mod tasks;
mod team;
pub mod theme;
mod virtual_list;

/// The article formats every importer accepts, as the file dialogs and hints name them.
pub const ARTICLE_FORMATS: &str = "text, Markdown, HTML, PDF, DOCX or ODT";

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
        Some(fact) => ui.label(format!(
            "{} “{}”",
            claim.stance.mark(),
            crate::model::excerpt(&fact.statement, crate::model::EXCERPT_CHARS)
        )),
        None => ui.label(RichText::new("Not linked to a fact").weak()),
    };
    if !claim.note.is_empty() {
        let note = crate::model::excerpt(&claim.note, crate::model::EXCERPT_CHARS);
        ui.label(RichText::new(format!("Note: {note}")).italics());
    }
    ui.separator();
}
