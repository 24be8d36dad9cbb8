//! The comparison: one column per party, either each party's narrative in reading order or
//! aligned fact by fact. A legend with counts stays on top.

use egui::{RichText, Sense, Stroke, Ui};

use super::commands::Command;
use super::rows::FactLists;
use super::state::{Action, ComparisonLayout, ViewState};
use super::theme;
use crate::history::Document;
use crate::model::search::ClaimFilter;
use crate::model::{Claim, ClaimId, Edit, FactId, FactStatus, Session, party_matrix};

const MIN_COLUMN_WIDTH: f32 = 110.0;

/// The width of the fact column in the By fact arrangement: wide on big screens, narrower
/// on a laptop so the party columns still fit.
fn fact_column_width(ui: &Ui) -> f32 {
    (ui.available_width() * 0.28).clamp(130.0, 240.0)
}

pub fn comparison_ui(
    ui: &mut Ui,
    document: &Document,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    let session = document.session();
    ui.horizontal_wrapped(|ui| {
        ui.heading("Comparison");
        ui.add_space(8.0);
        for (layout, command, hint) in [
            (
                ComparisonLayout::Narratives,
                Command::ShowNarratives,
                "each party's story in reading order",
            ),
            (
                ComparisonLayout::ByFact,
                Command::ShowByFact,
                "one row per fact, aligned across parties",
            ),
            (
                ComparisonLayout::Matrix,
                Command::ShowMatrix,
                "how often each pair of parties agrees and disputes",
            ),
        ] {
            let keys = command
                .shortcut()
                .map(|s| ui.ctx().format_shortcut(&s))
                .unwrap_or_default();
            if ui
                .selectable_label(view.layout == layout, command.label())
                .on_hover_text(format!("{hint} ({keys})"))
                .clicked()
            {
                view.layout = layout;
            }
        }
    });
    filter_bar_ui(ui, document, view);
    legend_ui(ui, document);
    ui.separator();

    if session.parties().is_empty() {
        ui.label(RichText::new("No parties. Add one in the Parties list.").weak());
        return;
    }
    match view.layout {
        ComparisonLayout::Narratives => narratives_ui(ui, document, view, actions),
        ComparisonLayout::ByFact => by_fact_ui(ui, document, view, actions),
        ComparisonLayout::Matrix => matrix_ui(ui, document),
    }
}

/// The search field and the filter menu: by party, status, article, outlet and date.
fn filter_bar_ui(ui: &mut Ui, document: &Document, view: &mut ViewState) {
    let session = document.session();
    let filter = &mut view.filter;
    ui.horizontal(|ui| {
        let search = ui.add(
            egui::TextEdit::singleline(&mut filter.text)
                .hint_text("Search claims, notes, facts…")
                .desired_width(220.0),
        );
        search.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::SearchInput, true, "Search claims")
        });
        if view.focus_search {
            search.request_focus();
            view.focus_search = false;
        }
        let active = filter.parties.len()
            + filter.statuses.len()
            + filter.articles.len()
            + filter.outlets.len()
            + usize::from(filter.from.is_some())
            + usize::from(filter.to.is_some());
        let label = if active == 0 {
            "Filter".to_owned()
        } else {
            format!("Filter ({active})")
        };
        ui.menu_button(label, |ui| {
            ui.set_min_width(240.0);
            ui.label(RichText::new("Parties").strong());
            for party in session.parties() {
                toggle(ui, &mut filter.parties, party.id, &party.name);
            }
            ui.separator();
            ui.label(RichText::new("Fact status").strong());
            for status in [
                FactStatus::Agreed,
                FactStatus::Disputed,
                FactStatus::OneSided,
            ] {
                toggle(ui, &mut filter.statuses, Some(status), status.label());
            }
            toggle(ui, &mut filter.statuses, None, "not linked to a fact");
            ui.separator();
            ui.label(RichText::new("Articles").strong());
            for article in session.articles() {
                toggle(
                    ui,
                    &mut filter.articles,
                    article.id,
                    &crate::model::short(&article.meta.title),
                );
            }
            let mut outlets: Vec<&str> = session
                .articles()
                .iter()
                .map(|a| a.meta.outlet.as_str())
                .filter(|o| !o.is_empty())
                .collect();
            outlets.sort_unstable();
            outlets.dedup();
            if !outlets.is_empty() {
                ui.separator();
                ui.label(RichText::new("Outlets").strong());
                for outlet in outlets {
                    toggle(ui, &mut filter.outlets, outlet.to_owned(), outlet);
                }
            }
            ui.separator();
            ui.label(RichText::new("Published").strong());
            date_bound_ui(ui, &mut filter.from, "from", "filter-from");
            date_bound_ui(ui, &mut filter.to, "to", "filter-to");
            ui.separator();
            if ui.button("Clear filter").clicked() {
                let text = std::mem::take(&mut filter.text);
                *filter = ClaimFilter {
                    text,
                    ..ClaimFilter::default()
                };
            }
        });
        if !filter.is_empty() {
            let shown = session
                .claims()
                .filter(|c| filter.matches(session, document.analysis(), c))
                .count();
            ui.label(RichText::new(format!("{shown} of {} claims", session.claims().len())).weak());
            if ui
                .small_button("✖")
                .on_hover_text("Show all claims")
                .clicked()
            {
                *filter = ClaimFilter::default();
            }
        }
    });
}

fn toggle<T: PartialEq + Clone>(ui: &mut Ui, list: &mut Vec<T>, value: T, label: &str) {
    let mut on = list.contains(&value);
    if ui.checkbox(&mut on, label).changed() {
        if on {
            list.push(value);
        } else {
            list.retain(|v| *v != value);
        }
    }
}

fn date_bound_ui(
    ui: &mut Ui,
    bound: &mut Option<chrono::NaiveDate>,
    label: &str,
    id: &'static str,
) {
    ui.horizontal(|ui| {
        let mut on = bound.is_some();
        if ui.checkbox(&mut on, label).changed() {
            *bound = on.then(|| bound.unwrap_or_else(|| chrono::Local::now().date_naive()));
        }
        if let Some(date) = bound {
            let mut picked = super::dialogs::to_jiff(*date);
            ui.add(egui_extras::DatePickerButton::new(&mut picked).id_salt(id));
            if let Some(changed) = super::dialogs::from_jiff(picked) {
                *date = changed;
            }
        }
    });
}

fn matrix_ui(ui: &mut Ui, document: &Document) {
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

fn legend_ui(ui: &mut Ui, document: &Document) {
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
            "{} unlinked claims",
            document.analysis().unlinked.len()
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

/// A fixed-width, top-down column (one party's cell).
fn column_ui(ui: &mut Ui, width: f32, contents: impl FnOnce(&mut Ui)) {
    ui.allocate_ui_with_layout(
        egui::vec2(width, 0.0),
        egui::Layout::top_down(egui::Align::Min),
        |ui| {
            ui.set_width(width);
            contents(ui);
        },
    );
}

fn column_width(ui: &Ui, columns: usize, leading: f32) -> f32 {
    let spacing = ui.spacing().item_spacing.x;
    ((ui.available_width() - leading - spacing * columns as f32) / columns.max(1) as f32)
        .max(MIN_COLUMN_WIDTH)
}

fn party_header_ui(
    ui: &mut Ui,
    session: &Session,
    document: &Document,
    width: f32,
    party_index: usize,
) {
    let party = &session.parties()[party_index];
    ui.allocate_ui(egui::vec2(width, 0.0), |ui| {
        ui.set_width(width);
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), Sense::hover());
            ui.painter()
                .circle_filled(rect.center(), 6.0, theme::party_colour(party.colour));
            ui.label(RichText::new(&party.name).strong());
            ui.label(
                RichText::new(document.analysis().claims_by_party(party.id).to_string()).weak(),
            );
        });
    });
}

/// Notes a claim selected since the lists were last shown (or shown in another
/// arrangement), so its row is scrolled into view: its fact's row in By fact, its card in
/// the narratives. A reveal that no list took within a few frames is dropped.
fn newly_selected(rows: &mut super::rows::ComparisonRows, view: &ViewState, session: &Session) {
    let now = view.claim.map(|claim| (claim, view.layout));
    if rows.shown_claim != now {
        rows.shown_claim = now;
        rows.reveal = view.claim.and_then(|id| session.claim(id)).map(|claim| {
            let key = match (view.layout, claim.fact) {
                (ComparisonLayout::ByFact, Some(fact)) => fact.0,
                _ => claim.id.0,
            };
            (key, 8)
        });
    } else if let Some((key, tries)) = rows.reveal {
        rows.reveal = tries.checked_sub(1).map(|tries| (key, tries));
    }
}

/// A column of claim cards (a narrative, or a party's unlinked claims) as virtual rows.
struct CardList {
    origin: egui::Pos2,
    width: f32,
    /// Where the list starts in the scroll area's content.
    top: f32,
    show_fact: bool,
}

impl CardList {
    /// Shows the cards of the claims `keys` that meet the view; returns the list's height.
    fn show(
        &self,
        ui: &mut Ui,
        viewport: egui::Rect,
        (heights, reveal): (&mut super::rows::RowHeights, &mut Option<(u64, u8)>),
        keys: &[u64],
        (document, view, actions): (&Document, &mut ViewState, &mut Vec<Action>),
    ) -> f32 {
        let session = document.session();
        super::rows::show_rows(
            ui,
            self.origin,
            self.width,
            viewport,
            self.top,
            heights,
            keys,
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
fn card_estimate(claim: Option<&Claim>, width: f32) -> f32 {
    let chars = claim.map_or(40, |c| c.anchor.quote.chars().count() + 2);
    let per_line = ((width - 16.0) / 7.0).max(8.0);
    let lines = (chars as f32 / per_line).ceil().max(1.0);
    lines * 18.0 + 52.0
}

fn narratives_ui(
    ui: &mut Ui,
    document: &Document,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    let session = document.session();
    let analysis = document.analysis();
    let parties = session.parties();
    let width = column_width(ui, parties.len(), 0.0);
    let mut rows = std::mem::take(&mut view.comparison_rows);
    newly_selected(&mut rows, view, session);
    let filter = &view.filter;
    let columns = rows.narrative_lists.get(document.version(), filter, || {
        parties
            .iter()
            .map(|party| {
                analysis
                    .claims_of(party.id)
                    .iter()
                    .filter(|id| {
                        filter.is_empty()
                            || session
                                .claim(**id)
                                .is_some_and(|c| filter.matches(session, analysis, c))
                    })
                    .map(|id| id.0)
                    .collect()
            })
            .collect()
    });
    egui::ScrollArea::horizontal()
        .id_salt("narratives-h")
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                for index in 0..parties.len() {
                    party_header_ui(ui, session, document, width, index);
                }
            });
            egui::ScrollArea::vertical()
                .id_salt("narratives")
                .auto_shrink(false)
                .show_viewport(ui, |ui, viewport| {
                    let origin = ui.max_rect().min;
                    let step = width + ui.spacing().item_spacing.x;
                    let mut bottom: f32 = 0.0;
                    for (index, (party, keys)) in parties.iter().zip(columns).enumerate() {
                        let column_origin = origin + egui::vec2(step * index as f32, 0.0);
                        if keys.is_empty() {
                            ui.put(
                                egui::Rect::from_min_size(column_origin, egui::vec2(width, 20.0)),
                                egui::Label::new(RichText::new("No claims yet").weak().italics()),
                            );
                            continue;
                        }
                        let heights = rows.narratives.entry(party.id).or_default();
                        let list = CardList {
                            origin: column_origin,
                            width,
                            top: 0.0,
                            show_fact: true,
                        };
                        let height = list.show(
                            ui,
                            viewport,
                            (heights, &mut rows.reveal),
                            keys,
                            (document, view, actions),
                        );
                        bottom = bottom.max(height);
                    }
                    ui.allocate_rect(
                        egui::Rect::from_min_size(
                            origin,
                            egui::vec2(step * parties.len() as f32, bottom.max(20.0)),
                        ),
                        Sense::hover(),
                    );
                });
        });
    view.comparison_rows = rows;
}

/// The facts the filter lets through and the unlinked claims it lets through, by party.
fn fact_lists(document: &Document, filter: &ClaimFilter) -> FactLists {
    let session = document.session();
    let analysis = document.analysis();
    let filtering = !filter.is_empty();
    let matches = |id: &ClaimId| {
        !filtering
            || session
                .claim(*id)
                .is_some_and(|c| filter.matches(session, analysis, c))
    };
    let query = filter.text.trim();
    let facts: Vec<FactId> = session
        .facts()
        .iter()
        .filter(|fact| {
            !filtering
                || (filter.statuses.is_empty()
                    || filter.statuses.contains(&Some(analysis.status(fact.id))))
                    && (analysis.claims_on(fact.id).iter().any(matches)
                        || (!query.is_empty()
                            && crate::model::search::contains_text(&fact.statement, query)))
        })
        .map(|fact| fact.id)
        .collect();
    let parties = session.parties();
    let mut unlinked = vec![Vec::new(); parties.len()];
    for id in &analysis.unlinked {
        let Some(claim) = session.claim(*id) else {
            continue;
        };
        if let Some(index) = parties.iter().position(|p| p.id == claim.party)
            && matches(id)
        {
            unlinked[index].push(id.0);
        }
    }
    FactLists {
        hidden: session.facts().len() - facts.len(),
        fact_keys: facts.iter().map(|f| f.0).collect(),
        facts,
        unlinked,
    }
}

fn by_fact_ui(ui: &mut Ui, document: &Document, view: &mut ViewState, actions: &mut Vec<Action>) {
    let session = document.session();
    let analysis = document.analysis();
    let parties = session.parties();
    let fact_width = fact_column_width(ui);
    // The status bar at the left of each row and the row frame take a little room too.
    let width = column_width(ui, parties.len(), fact_width + 16.0);
    let mut rows = std::mem::take(&mut view.comparison_rows);
    newly_selected(&mut rows, view, session);
    let FactLists {
        facts,
        fact_keys,
        hidden,
        unlinked,
    } = rows.fact_lists.get(document.version(), &view.filter, || {
        fact_lists(document, &view.filter)
    });
    let hidden = *hidden;
    // A row's height before it has been shown: its tallest cell, the fact's included.
    let lines = |chars: usize, width: f32| (chars as f32 * 7.5 / (width - 20.0).max(20.0)).ceil();
    let row_estimate = |fact: FactId| {
        let claims: Vec<&Claim> = analysis
            .claims_on(fact)
            .iter()
            .filter_map(|id| session.claim(*id))
            .collect();
        let statement = session
            .fact(fact)
            .map_or(0, |f| f.statement.chars().count());
        let standing_lines = analysis.standing(fact).map_or(0.0, |s| {
            f32::from(u8::from(!s.affirming.is_empty()) + u8::from(!s.denying.is_empty()))
        });
        let fact_cell = lines(statement, fact_width) * 18.0 + 16.0 + standing_lines * 16.0;
        let tallest_cell = parties
            .iter()
            .map(|party| {
                claims
                    .iter()
                    .filter(|c| c.party == party.id)
                    .map(|c| lines(c.anchor.quote.chars().count() + 2, width) * 18.0 + 24.0)
                    .sum::<f32>()
                    .max(20.0)
            })
            .fold(0.0, f32::max);
        fact_cell.max(tallest_cell) + 20.0
    };
    egui::ScrollArea::horizontal().id_salt("by-fact-h").show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.allocate_ui(egui::vec2(fact_width, 0.0), |ui| {
                ui.set_width(fact_width);
                ui.label(RichText::new("Fact").strong());
            });
            for index in 0..parties.len() {
                party_header_ui(ui, session, document, width, index);
            }
        });
        egui::ScrollArea::vertical()
            .id_salt("by-fact")
            .auto_shrink(false)
            .show_viewport(ui, |ui, viewport| {
                let origin = ui.max_rect().min;
                let spacing = ui.spacing().item_spacing;
                let row_width = fact_width + 16.0 + (width + spacing.x) * parties.len() as f32;
                let mut y = 0.0;
                let note = |ui: &mut Ui, y: &mut f32, text: RichText| {
                    let response = ui.put(
                        egui::Rect::from_min_size(
                            origin + egui::vec2(0.0, *y),
                            egui::vec2(row_width, 20.0),
                        ),
                        egui::Label::new(text),
                    );
                    *y += response.rect.height() + spacing.y;
                };
                if session.facts().is_empty() {
                    note(
                        ui,
                        &mut y,
                        RichText::new(
                            "No facts yet. Select a claim and link it to a new fact in the inspector.",
                        )
                        .weak(),
                    );
                }
                y += super::rows::show_rows(
                    ui,
                    origin + egui::vec2(0.0, y),
                    row_width,
                    viewport,
                    y,
                    &mut rows.by_fact,
                    fact_keys,
                    &mut rows.reveal,
                    |i| row_estimate(facts[i]),
                    |ui, i| fact_row_ui(ui, document, view, actions, facts[i], width, fact_width),
                );
                if hidden > 0 {
                    note(
                        ui,
                        &mut y,
                        RichText::new(format!("{hidden} fact(s) hidden by the filter"))
                            .weak()
                            .italics(),
                    );
                }
                if unlinked.iter().any(|keys| !keys.is_empty()) {
                    y += 12.0;
                    note(
                        ui,
                        &mut y,
                        RichText::new("Claims not linked to a fact").strong(),
                    );
                    let list_top = y;
                    let left = fact_width + 16.0 + spacing.x;
                    for (index, (party, keys)) in parties.iter().zip(unlinked).enumerate() {
                        let heights = rows.unlinked.entry(party.id).or_default();
                        let list = CardList {
                            origin: origin
                                + egui::vec2(left + (width + spacing.x) * index as f32, list_top),
                            width,
                            top: list_top,
                            show_fact: false,
                        };
                        let height = list.show(
                            ui,
                            viewport,
                            (heights, &mut rows.reveal),
                            keys,
                            (document, view, actions),
                        );
                        y = y.max(list_top + height);
                    }
                }
                ui.allocate_rect(
                    egui::Rect::from_min_size(origin, egui::vec2(row_width, y.max(20.0))),
                    Sense::hover(),
                );
            });
    });
    view.comparison_rows = rows;
}

fn fact_row_ui(
    ui: &mut Ui,
    document: &Document,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
    fact_id: FactId,
    width: f32,
    fact_width: f32,
) {
    let filter = view.filter.clone();
    let session = document.session();
    let Some(fact) = session.fact(fact_id) else {
        return;
    };
    let standing = document.analysis().standing(fact_id);
    let status = standing.map_or(FactStatus::Unclaimed, |s| s.status);
    let visuals = ui.visuals().clone();
    let focused = view.focus_fact(
        view.claim
            .and_then(|c| session.claim(c))
            .and_then(|c| c.fact),
    ) == Some(fact_id);
    let frame = egui::Frame::new()
        .fill(theme::status_fill(Some(status), &visuals))
        .stroke(if focused {
            theme::focus_stroke(&visuals)
        } else {
            Stroke::NONE
        })
        .corner_radius(4.0)
        .inner_margin(egui::Margin::symmetric(0, 6));
    let row = frame.show(ui, |ui| {
        ui.horizontal_top(|ui| {
            // Status bar on the left edge, in the status colour.
            let (bar, _) = ui.allocate_exact_size(egui::vec2(4.0, 18.0), Sense::hover());
            ui.painter()
                .rect_filled(bar, 2.0, theme::status_colour(Some(status), &visuals));
            ui.allocate_ui_with_layout(
                egui::vec2(fact_width - 10.0, 0.0),
                egui::Layout::top_down(egui::Align::Min),
                |ui| {
                    ui.set_width(fact_width - 10.0);
                    let width = ui.available_width();
                    let colour = ui.visuals().strong_text_color();
                    ui.label(crate::text::wrapped(
                        ui,
                        fact.statement.clone(),
                        width,
                        &egui::TextStyle::Body,
                        colour,
                    ));
                    ui.colored_label(
                        theme::status_colour(Some(status), &visuals),
                        RichText::new(format!(
                            "{} {}",
                            theme::status_symbol(Some(status)),
                            status.label()
                        ))
                        .small()
                        .strong(),
                    );
                    if let Some(standing) = standing {
                        let names = |parties: &[crate::model::PartyId]| {
                            parties
                                .iter()
                                .filter_map(|p| session.party(*p).map(|p| p.name.as_str()))
                                .collect::<Vec<_>>()
                                .join(", ")
                        };
                        if !standing.affirming.is_empty() {
                            ui.label(
                                RichText::new(format!("✔ {}", names(&standing.affirming))).small(),
                            )
                            .on_hover_text("Affirmed by");
                        }
                        if !standing.denying.is_empty() {
                            ui.label(
                                RichText::new(format!("✖ {}", names(&standing.denying))).small(),
                            )
                            .on_hover_text("Denied by");
                        }
                        for party in standing
                            .inconsistent
                            .iter()
                            .filter_map(|p| session.party(*p))
                        {
                            ui.colored_label(
                                theme::warning_colour(&visuals),
                                RichText::new(format!("⚠ {} inconsistent", party.name)).small(),
                            );
                        }
                    }
                },
            );
            for party in session.parties() {
                column_ui(ui, width, |ui| {
                    let mut any = false;
                    for claim in document
                        .analysis()
                        .claims_on(fact_id)
                        .iter()
                        .filter_map(|id| session.claim(*id))
                        .filter(|c| c.party == party.id)
                        .filter(|c| filter.matches(session, document.analysis(), c))
                    {
                        any = true;
                        quote_ui(ui, document, view, actions, claim);
                    }
                    if !any {
                        ui.label(RichText::new("— silent —").weak().italics());
                    }
                });
            }
        });
    });
    let response = ui.interact(
        row.response.rect,
        ui.scope_id().with(("fact-row", fact_id)),
        Sense::click(),
    );
    if row.response.hovered() || response.hovered() {
        view.hovered_fact = Some(fact_id);
    }
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Row, true, &fact.statement));
    let response = response.on_hover_text("Right-click to rename, move, merge or delete this fact");
    response.context_menu(|ui| fact_menu_ui(ui, document, view, actions, fact_id));
    ui.add_space(4.0);
}

fn fact_menu_ui(
    ui: &mut Ui,
    document: &Document,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
    fact_id: FactId,
) {
    let session = document.session();
    let Some(fact) = session.fact(fact_id) else {
        return;
    };
    let index = session.fact_index(fact_id).unwrap_or(0);
    if ui.button("Rename…").clicked() {
        view.dialog = Some(super::dialogs::Dialog::RenameFact {
            fact: fact_id,
            statement: fact.statement.clone(),
        });
        ui.close();
    }
    if ui
        .add_enabled(index > 0, egui::Button::new("Move up"))
        .clicked()
    {
        actions.push(Action::Edit {
            label: "Move fact up".into(),
            edit: Edit::MoveFact {
                fact: fact_id,
                index: index - 1,
            },
        });
        ui.close();
    }
    if ui
        .add_enabled(
            index + 1 < session.facts().len(),
            egui::Button::new("Move down"),
        )
        .clicked()
    {
        actions.push(Action::Edit {
            label: "Move fact down".into(),
            edit: Edit::MoveFact {
                fact: fact_id,
                index: index + 1,
            },
        });
        ui.close();
    }
    ui.add_enabled_ui(session.facts().len() > 1, |ui| {
        ui.menu_button("Merge into", |ui| {
            for other in session.facts().iter().filter(|f| f.id != fact_id) {
                if ui.button(crate::model::short(&other.statement)).clicked() {
                    actions.push(Action::Edit {
                        label: "Merge facts".into(),
                        edit: session.merge_facts_edit(fact_id, other.id),
                    });
                    ui.close();
                }
            }
        });
    });
    ui.separator();
    if ui.button("Delete fact (claims stay, unlinked)").clicked() {
        actions.push(Action::Edit {
            label: "Delete fact".into(),
            edit: session.remove_fact_edit(fact_id),
        });
        ui.close();
    }
}

/// A quote in a fact row: stance mark, quote, source; click to show it in the reader.
fn quote_ui(
    ui: &mut Ui,
    document: &Document,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
    claim: &Claim,
) {
    let session = document.session();
    let selected = view.claim == Some(claim.id);
    let source = session
        .article(claim.article)
        .map_or("", |a| a.meta.title.as_str());
    let stance_colour = match claim.stance {
        crate::model::Stance::Affirms => ui.visuals().text_color(),
        crate::model::Stance::Denies => {
            theme::status_colour(Some(FactStatus::Disputed), ui.visuals())
        }
    };
    let response = ui
        .scope_builder(egui::UiBuilder::new().sense(Sense::click()), |ui| {
            egui::Frame::new()
                .stroke(if selected {
                    theme::focus_stroke(ui.visuals())
                } else {
                    Stroke::NONE
                })
                .inner_margin(egui::Margin::same(2))
                .show(ui, |ui| {
                    ui.horizontal_top(|ui| {
                        ui.label(
                            RichText::new(claim.stance.mark())
                                .color(stance_colour)
                                .strong(),
                        )
                        .on_hover_text(claim.stance.label());
                        quote_label_ui(ui, claim);
                    });
                    orphan_mark_ui(ui, claim);
                    ui.label(RichText::new(source).small().weak());
                });
        })
        .response;
    clickable_claim(response, session, actions, claim);
}

/// A claim in a narrative column (or the unlinked list): tinted by its fact's status.
fn claim_card_ui(
    ui: &mut Ui,
    document: &Document,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
    claim: &Claim,
    show_fact: bool,
) {
    let session = document.session();
    let visuals = ui.visuals().clone();
    let status = claim.fact.map(|f| document.analysis().status(f));
    let selected = view.claim == Some(claim.id);
    let related = claim.fact.is_some()
        && claim.fact
            == view.focus_fact(
                view.claim
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
                            text,
                            ui.available_width(),
                            &egui::TextStyle::Small,
                            colour,
                        );
                        ui.add(egui::Label::new(line).wrap().selectable(false));
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
    if response.hovered() && claim.fact.is_some() {
        view.hovered_fact = claim.fact;
    }
    clickable_claim(response, session, actions, claim);
    ui.add_space(4.0);
}

/// A claim's quote in curly quotes, wrapped, right-to-left words in order.
fn quote_label_ui(ui: &mut Ui, claim: &Claim) {
    let width = ui.available_width();
    let text = crate::text::label(ui, format!("“{}”", claim.anchor.quote), width);
    ui.add(egui::Label::new(text).wrap().selectable(false));
}

/// A warning line on a claim whose quote is no longer in its article.
fn orphan_mark_ui(ui: &mut Ui, claim: &Claim) {
    if claim.orphaned {
        ui.colored_label(
            theme::warning_colour(ui.visuals()),
            RichText::new("⚠ orphaned: no longer in the article's text").small(),
        );
    }
}

fn clickable_claim(
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
        super::claim_summary_ui(ui, session, claim);
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
