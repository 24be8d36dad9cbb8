//! The comparison by fact: one row per fact, its statement and status, and each party's
//! quotes on it in that party's column; the claims linked to no fact below.

use egui::{RichText, Sense, Stroke, Ui};

use super::cards::{CardList, clickable_claim, orphan_mark_ui, quote_label_ui};
use super::{
    ComparisonRows, FactLists, HEADER_HEIGHT, View, column_ui, column_width, fact_column_width,
    headers_ui, newly_selected, visible_columns,
};
use crate::history::Document;
use crate::model::search::ClaimFilter;
use crate::model::{Claim, ClaimId, EXCERPT_CHARS, FactId, FactStatus, excerpt};
use crate::ui::actions::{Action, DialogRequest};
use crate::ui::theme;
use crate::ui::virtual_list::Placement;

/// The facts the filter lets through and the unlinked claims it lets through, by party.
pub fn fact_lists(document: &Document, filter: &ClaimFilter) -> FactLists {
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
                || (filter.facts.is_empty() || filter.facts.contains(&fact.id))
                    && (filter.statuses.is_empty()
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

pub fn by_fact_ui(
    ui: &mut Ui,
    document: &Document,
    (view, rows): (&View, &mut ComparisonRows),
    actions: &mut Vec<Action>,
) {
    let session = document.session();
    let analysis = document.analysis();
    let parties = session.parties();
    let fact_width = fact_column_width(ui);
    // The status bar at the left of each row and the row frame take a little room too.
    let width = column_width(ui, parties.len(), fact_width + 16.0);
    newly_selected(rows, view, session);
    let FactLists {
        facts,
        fact_keys,
        hidden,
        unlinked,
    } = rows.fact_lists.get(document.version(), view.filter, || {
        fact_lists(document, view.filter)
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
            .map_or(0, |f| f.statement.chars().take(EXCERPT_CHARS + 30).count());
        let standing_lines = analysis.standing(fact).map_or(0.0, |s| {
            f32::from(u8::from(!s.affirming.is_empty()) + u8::from(!s.denying.is_empty()))
        });
        let fact_cell = lines(statement, fact_width) * 18.0 + 16.0 + standing_lines * 16.0;
        // Each party's cell is its quotes stacked; the claims are few, the parties may be
        // thousands, so sum by claim rather than look at every party.
        let mut cells: rustc_hash::FxHashMap<crate::model::PartyId, f32> =
            rustc_hash::FxHashMap::default();
        for claim in &claims {
            let chars = claim.anchor.quote.chars().take(EXCERPT_CHARS + 30).count();
            *cells.entry(claim.party).or_default() += lines(chars + 2, width) * 18.0 + 24.0;
        }
        let tallest_cell = cells.values().copied().fold(20.0, f32::max);
        fact_cell.max(tallest_cell) + 20.0
    };
    let spacing_x = ui.spacing().item_spacing.x;
    let step = width + spacing_x;
    let first_x = fact_width + 16.0 + spacing_x;
    let content = first_x + step * parties.len() as f32;
    super::sideways_area(ui, "by-fact-h", content, |ui, sideways| {
        let visible = visible_columns(parties.len(), step, first_x, sideways.x_range());
        let header_top = ui.cursor().min;
        headers_ui(ui, document, (width, step, first_x), visible.clone());
        let fact_header =
            egui::Rect::from_min_size(header_top, egui::vec2(fact_width, HEADER_HEIGHT));
        ui.scope_builder(egui::UiBuilder::new().max_rect(fact_header), |ui| {
            ui.label(RichText::new("Fact").strong());
        });
        let columns = Columns {
            width,
            fact_width,
            step,
            visible: visible.clone(),
        };
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
                y += crate::ui::virtual_list::show_rows(
                    ui,
                    Placement {
                        origin: origin + egui::vec2(0.0, y),
                        top: y,
                        width: row_width,
                    },
                    viewport,
                    (&mut rows.by_fact, fact_keys),
                    &mut rows.reveal,
                    |i| row_estimate(facts[i]),
                    |ui, i| fact_row_ui(ui, document, view, actions, facts[i], &columns),
                );
                if hidden > 0 {
                    note(
                        ui,
                        &mut y,
                        RichText::new(format!(
                    "{} hidden by the filter",
                    crate::ui::actions::count(hidden, "fact", "facts")
                ))
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
                    for index in visible.clone() {
                        let (party, keys) = (&parties[index], &unlinked[index]);
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
}

/// Where the by-fact columns are, and which are on screen.
struct Columns {
    /// A party column's width.
    width: f32,
    fact_width: f32,
    /// A party column's width and the space after it.
    step: f32,
    visible: std::ops::Range<usize>,
}

fn fact_row_ui(
    ui: &mut Ui,
    document: &Document,
    view: &View,
    actions: &mut Vec<Action>,
    fact_id: FactId,
    columns: &Columns,
) {
    let Columns {
        width,
        fact_width,
        step,
        ..
    } = *columns;
    let filter = view.filter;
    let session = document.session();
    let Some(fact) = session.fact(fact_id) else {
        return;
    };
    let standing = document.analysis().standing(fact_id);
    let status = standing.map_or(FactStatus::Unclaimed, |s| s.status);
    let visuals = ui.visuals().clone();
    let focused = view.selection.focus_fact(
        view.selection
            .claim
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
                    let statement = excerpt(&fact.statement, EXCERPT_CHARS).into_owned();
                    let laid = crate::text::wrapped(
                        ui,
                        statement.clone(),
                        width,
                        &egui::TextStyle::Body,
                        colour,
                    );
                    crate::text::add(ui, egui::Label::new(laid), &statement);
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
            // Only the columns on screen; a spacer stands for those scrolled off to the left.
            let skipped = columns.visible.start;
            if skipped > 0 {
                let spacer = step * skipped as f32 - ui.spacing().item_spacing.x;
                ui.allocate_exact_size(egui::vec2(spacer, 0.0), Sense::hover());
            }
            for party in &session.parties()[columns.visible.clone()] {
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
        actions.push(Action::HoverFact(fact_id));
    }
    response.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::Row,
            true,
            excerpt(&fact.statement, EXCERPT_CHARS),
        )
    });
    let response = response.on_hover_text("Right-click to rename, move, merge or delete this fact");
    response.context_menu(|ui| fact_menu_ui(ui, document, actions, fact_id));
    ui.add_space(4.0);
}

fn fact_menu_ui(ui: &mut Ui, document: &Document, actions: &mut Vec<Action>, fact_id: FactId) {
    let session = document.session();
    if ui.button("Rename…").clicked() {
        actions.push(Action::Open(DialogRequest::RenameFact(fact_id)));
        ui.close();
    }
    for (up, label) in [(true, "Move up"), (false, "Move down")] {
        let change = session.move_fact(fact_id, up);
        if ui
            .add_enabled(change.is_some(), egui::Button::new(label))
            .clicked()
            && let Some(change) = change
        {
            actions.push(Action::Edit {
                label: change.label,
                edit: change.edit,
            });
            ui.close();
        }
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
    view: &View,
    actions: &mut Vec<Action>,
    claim: &Claim,
) {
    let session = document.session();
    let selected = view.selection.claim == Some(claim.id);
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
