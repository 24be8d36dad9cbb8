//! The agreement matrix (how often each pair of parties agrees and disputes) and the
//! legend of fact statuses above every arrangement.

use egui::{RichText, Sense, Stroke, Ui};

use crate::history::Document;
use crate::model::search::ClaimFilter;
use crate::model::{FactStatus, PartyId, pair_facts, party_matrix};
use crate::ui::theme;

/// A cell of the matrix: two parties (the same one on the diagonal) and whether it counts
/// the facts they dispute (else those they agree on).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cell {
    pub a: PartyId,
    pub b: PartyId,
    pub disputed: bool,
}

/// Up to this many parties the matrix shows every pair; beyond, each party's totals (the
/// pairs of 10,000 parties would be 100 million cells).
pub const PAIRS_UP_TO: usize = 12;

/// The matrix; a click on a count lists its facts under the matrix and filters the
/// comparison to them (By fact and Narratives then show only those).
pub fn matrix_ui(
    ui: &mut Ui,
    document: &Document,
    (filter, picked): (&mut ClaimFilter, &mut Option<Cell>),
) {
    let session = document.session();
    if session.parties().len() > PAIRS_UP_TO {
        totals_ui(ui, document);
        return;
    }
    let matrix = party_matrix(session, document.analysis());
    let visuals = ui.visuals().clone();
    ui.label(
        RichText::new("For each pair: facts they agree on (=) and dispute (≠). The diagonal counts the facts each party speaks to. Click a count to list its facts and filter the comparison to them.")
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
                        let mut count = |ui: &mut Ui, text: RichText, disputed: bool| {
                            let here = Cell {
                                a: a.id,
                                b: b.id,
                                disputed,
                            };
                            let spoken = format!(
                                "{} and {}: {} facts",
                                a.name,
                                b.name,
                                if disputed { "disputed" } else { "agreed" }
                            );
                            let response = ui
                                .add(egui::Button::selectable(*picked == Some(here), text))
                                .on_hover_text("List these facts and show only them");
                            response.widget_info(|| {
                                egui::WidgetInfo::labeled(egui::Role::Button, true, &spoken)
                            });
                            if response.clicked() {
                                if *picked == Some(here) {
                                    *picked = None;
                                    filter.facts.clear();
                                } else {
                                    *picked = Some(here);
                                    filter.facts = pair_facts(
                                        session,
                                        document.analysis(),
                                        (a.id, b.id),
                                        disputed,
                                    );
                                }
                            }
                        };
                        if a.id == b.id {
                            count(
                                ui,
                                RichText::new(format!("{} facts", cell.agree)).weak(),
                                false,
                            );
                        } else {
                            ui.horizontal(|ui| {
                                count(
                                    ui,
                                    RichText::new(format!("= {}", cell.agree)).strong().color(
                                        theme::status_colour(Some(FactStatus::Agreed), &visuals),
                                    ),
                                    false,
                                );
                                count(
                                    ui,
                                    RichText::new(format!("≠ {}", cell.dispute)).strong().color(
                                        theme::status_colour(Some(FactStatus::Disputed), &visuals),
                                    ),
                                    true,
                                );
                            });
                        }
                    }
                    ui.end_row();
                }
            });
        picked_facts_ui(ui, document, (filter, picked));
    });
}

/// The facts of the cell clicked, with their status, under the matrix.
fn picked_facts_ui(
    ui: &mut Ui,
    document: &Document,
    (filter, picked): (&mut ClaimFilter, &mut Option<Cell>),
) {
    let session = document.session();
    let Some(cell) = *picked else {
        return;
    };
    let (Some(a), Some(b)) = (session.party(cell.a), session.party(cell.b)) else {
        *picked = None;
        return;
    };
    // The list is the filter's: an edit that changes the cell shows when clicked again.
    let listed = filter.facts.len();
    ui.add_space(10.0);
    let heading = match (cell.a == cell.b, cell.disputed) {
        (true, _) => format!("Facts {} speaks to", a.name),
        (false, false) => format!("Facts {} and {} agree on", a.name, b.name),
        (false, true) => format!("Facts {} and {} dispute", a.name, b.name),
    };
    ui.horizontal(|ui| {
        ui.label(RichText::new(format!("{heading} ({listed})")).strong());
        if ui.small_button("Show all facts").clicked() {
            filter.facts.clear();
            *picked = None;
        }
    });
    if filter.facts.is_empty() {
        ui.label(RichText::new("None.").weak());
        return;
    }
    let visuals = ui.visuals().clone();
    for fact in filter.facts.iter().filter_map(|f| session.fact(*f)) {
        let status = Some(document.analysis().status(fact.id));
        ui.horizontal(|ui| {
            ui.colored_label(
                theme::status_colour(status, &visuals),
                theme::status_symbol(status),
            );
            ui.label(crate::model::short(&fact.statement));
        });
    }
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

/// Each party's totals, one row a party, built only for the rows in view.
fn totals_ui(ui: &mut Ui, document: &Document) {
    let session = document.session();
    let totals = crate::model::party_totals(session, document.analysis());
    let visuals = ui.visuals().clone();
    ui.label(
        RichText::new(format!(
            "With {} parties the matrix lists each party's totals: the facts it speaks to, on \
             how many another party takes its stance (=) and on how many another party takes \
             the opposite one (≠). Pairs are shown for up to {PAIRS_UP_TO} parties.",
            session.parties().len()
        ))
        .weak(),
    );
    ui.add_space(6.0);
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    let agreed = theme::status_colour(Some(FactStatus::Agreed), &visuals);
    let disputed = theme::status_colour(Some(FactStatus::Disputed), &visuals);
    egui::ScrollArea::vertical()
        .id_salt("party-totals")
        .auto_shrink(false)
        .show_rows(ui, row_height, totals.len(), |ui, rows| {
            egui::Grid::new(("party-totals", rows.start))
                .striped(true)
                .min_col_width(90.0)
                .spacing([12.0, 6.0])
                .show(ui, |ui| {
                    for index in rows {
                        let party = &session.parties()[index];
                        let total = totals[index];
                        ui.label(
                            RichText::new(&party.name)
                                .strong()
                                .color(theme::party_colour(party.colour)),
                        );
                        ui.label(crate::ui::actions::count(total.facts, "fact", "facts"));
                        ui.colored_label(
                            agreed,
                            RichText::new(format!("= {}", total.shared)).strong(),
                        );
                        ui.colored_label(
                            disputed,
                            RichText::new(format!("≠ {}", total.disputed)).strong(),
                        );
                        ui.end_row();
                    }
                });
        });
}
