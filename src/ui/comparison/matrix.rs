//! The agreement matrix (how often each pair of parties agrees and disputes) and the
//! legend of fact statuses above every arrangement.

use egui::{RichText, Sense, Stroke, Ui};

use crate::history::Document;
use crate::model::{FactStatus, party_matrix};
use crate::ui::theme;

pub fn matrix_ui(ui: &mut Ui, document: &Document) {
    let session = document.session();
    let matrix = party_matrix(session, document.analysis());
    let visuals = ui.visuals().clone();
    ui.label(
        RichText::new("For each pair: facts they agree on (=) and dispute (≠). The diagonal counts the facts each party speaks to.")
            .weak(),
    );
    ui.add_space(6.0);
    egui::ScrollArea::both().id_salt("matrix").show(ui, |ui| {
        egui::Grid::new("party-matrix")
            .striped(true)
            .min_col_width(90.0)
            .spacing([12.0, 8.0])
            .show(ui, |ui| {
                ui.label("");
                for party in session.parties() {
                    ui.label(
                        RichText::new(&party.name)
                            .strong()
                            .color(theme::party_colour(party.colour)),
                    );
                }
                ui.end_row();
                for (a, row) in session.parties().iter().zip(&matrix) {
                    ui.label(
                        RichText::new(&a.name)
                            .strong()
                            .color(theme::party_colour(a.colour)),
                    );
                    for (b, cell) in session.parties().iter().zip(row) {
                        if a.id == b.id {
                            ui.label(RichText::new(format!("{} facts", cell.agree)).weak());
                        } else {
                            ui.horizontal(|ui| {
                                ui.colored_label(
                                    theme::status_colour(Some(FactStatus::Agreed), &visuals),
                                    RichText::new(format!("= {}", cell.agree)).strong(),
                                );
                                ui.colored_label(
                                    theme::status_colour(Some(FactStatus::Disputed), &visuals),
                                    RichText::new(format!("≠ {}", cell.dispute)).strong(),
                                );
                            });
                        }
                    }
                    ui.end_row();
                }
            });
    });
}

pub fn legend_ui(ui: &mut Ui, document: &Document) {
    let counts = document.analysis().counts;
    let visuals = ui.visuals().clone();
    ui.horizontal_wrapped(|ui| {
        for (status, count) in [
            (Some(FactStatus::Agreed), counts.agreed),
            (Some(FactStatus::Disputed), counts.disputed),
            (Some(FactStatus::OneSided), counts.one_sided),
        ] {
            swatch(ui, status, &visuals);
            let label = status.map_or("", FactStatus::label);
            ui.label(RichText::new(format!("{count} {label}")).strong());
            ui.add_space(10.0);
        }
        swatch(ui, None, &visuals);
        ui.label(format!(
            "{} unlinked",
            crate::ui::actions::count(document.analysis().unlinked.len(), "claim", "claims")
        ));
    });
}

fn swatch(ui: &mut Ui, status: Option<FactStatus>, visuals: &egui::Visuals) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(14.0, 14.0), Sense::hover());
    ui.painter()
        .rect_filled(rect, 3.0, theme::status_fill(status, visuals));
    ui.painter().rect_stroke(
        rect,
        3.0,
        Stroke::new(1.5, theme::status_colour(status, visuals)),
        egui::StrokeKind::Inside,
    );
    ui.painter().text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        theme::status_symbol(status),
        egui::FontId::proportional(11.0),
        theme::status_colour(status, visuals),
    );
}
