//! The comparison: one column per party, either each party's narrative in reading order or
//! aligned fact by fact, or the agreement matrix. A legend with counts stays on top. Long
//! lists are virtual (see [`crate::ui::virtual_list`]).

mod by_fact;
mod cards;
mod filter;
mod matrix;

use std::ops::Range;

use egui::{RichText, Sense, Ui};
use rustc_hash::FxHashMap as HashMap;

use crate::history::Document;
use crate::model::Session;
use crate::model::search::ClaimFilter;
use crate::ui::actions::{Action, ComparisonLayout, Selection};
use crate::ui::commands::Command;
use crate::ui::theme;
use crate::ui::virtual_list::{RowKey, VirtualList};

/// Narrow enough for three parties on a laptop, wide enough that a long word is never cut
/// ("unintentionally"); more columns than fit scroll sideways, with the bar shown.
const MIN_COLUMN_WIDTH: f32 = 140.0;
/// The height of the row of party headers.
const HEADER_HEIGHT: f32 = 22.0;

/// What the app asks of the comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ComparisonRequest {
    /// Put the keyboard in the search field.
    FocusSearch,
}

/// The comparison panel: its arrangement, filter and lists.
#[derive(Default)]
pub struct Comparison {
    pub layout: ComparisonLayout,
    filter: ClaimFilter,
    /// The agreement matrix's cell last clicked: two parties, and whether disputed.
    picked: Option<matrix::Cell>,
    rows: ComparisonRows,
    requests: Vec<ComparisonRequest>,
}

/// What the comparison's rows read of the panel in a frame.
struct View<'a> {
    selection: &'a Selection,
    filter: &'a ClaimFilter,
    layout: ComparisonLayout,
}

/// The width of the fact column in the By fact arrangement: wide on big screens, narrower
/// on a laptop so the party columns still fit.
fn fact_column_width(ui: &Ui) -> f32 {
    (ui.available_width() * 0.28).clamp(130.0, 240.0)
}

impl Comparison {
    pub fn request(&mut self, request: ComparisonRequest) {
        self.requests.push(request);
    }

    /// A fresh panel for a new document, in the same arrangement.
    pub fn reset(&mut self) {
        *self = Self {
            layout: self.layout,
            ..Self::default()
        };
    }

    pub fn ui(
        &mut self,
        ui: &mut Ui,
        document: &Document,
        selection: &Selection,
        actions: &mut Vec<Action>,
    ) {
        let session = document.session();
        let focus_search =
            std::mem::take(&mut self.requests).contains(&ComparisonRequest::FocusSearch);
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
                let keys = command.keys_text(ui.ctx());
                if ui
                    .selectable_label(self.layout == layout, command.label())
                    .on_hover_text(format!("{hint} ({keys})"))
                    .clicked()
                {
                    self.layout = layout;
                }
            }
        });
        filter::filter_bar_ui(ui, document, &mut self.filter, focus_search);
        matrix::legend_ui(ui, document);
        ui.separator();

        if session.parties().is_empty() {
            ui.label(RichText::new("No parties. Add one in the Parties list.").weak());
            return;
        }
        let view = View {
            selection,
            filter: &self.filter,
            layout: self.layout,
        };
        match self.layout {
            ComparisonLayout::Narratives => {
                narratives_ui(ui, document, (&view, &mut self.rows), actions);
            }
            ComparisonLayout::ByFact => {
                by_fact::by_fact_ui(ui, document, (&view, &mut self.rows), actions);
            }
            ComparisonLayout::Matrix => {
                matrix::matrix_ui(ui, document, (&mut self.filter, &mut self.picked));
            }
        }
    }
}

/// The row heights of the comparison's lists, kept between frames.
#[derive(Default)]
pub struct ComparisonRows {
    pub by_fact: VirtualList,
    /// The unlinked claims under the fact rows, one list per party.
    pub unlinked: HashMap<crate::model::PartyId, VirtualList>,
    /// The narratives, one list per party.
    pub narratives: HashMap<crate::model::PartyId, VirtualList>,
    /// The claim selected when the lists were last shown, and how: a newly selected claim
    /// (or the selected one in a newly chosen arrangement) is scrolled into view.
    pub shown_claim: Option<(crate::model::ClaimId, ComparisonLayout)>,
    /// The row (by key) to bring into view, and how many more frames to try.
    pub reveal: Option<(RowKey, u8)>,
    /// The claims each party's narrative shows, one list per party.
    pub narrative_lists: Memo<Vec<Vec<RowKey>>>,
    /// The facts and unlinked claims the by-fact arrangement shows.
    pub fact_lists: Memo<FactLists>,
}

/// What the by-fact arrangement shows under the filter.
#[derive(Default)]
pub struct FactLists {
    pub facts: Vec<crate::model::FactId>,
    /// The facts as row keys.
    pub fact_keys: Vec<RowKey>,
    /// How many facts the filter hides.
    pub hidden: usize,
    /// The claims linked to no fact, one list per party.
    pub unlinked: Vec<Vec<RowKey>>,
}

/// A value computed from the session at one version and the filter, kept until either
/// changes: filtering 10,000 claims every frame would cost more than showing them.
pub struct Memo<T> {
    key: Option<(u64, ClaimFilter)>,
    value: T,
}

impl<T: Default> Default for Memo<T> {
    fn default() -> Self {
        Self {
            key: None,
            value: T::default(),
        }
    }
}

impl<T> Memo<T> {
    pub fn get(&mut self, version: u64, filter: &ClaimFilter, compute: impl FnOnce() -> T) -> &T {
        let fresh = self
            .key
            .as_ref()
            .is_some_and(|(v, f)| *v == version && f == filter);
        if !fresh {
            self.value = compute();
            self.key = Some((version, filter.clone()));
        }
        &self.value
    }
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

/// A sideways scroll area for columns `content_width` wide. When they are wider than the
/// panel its bar is always drawn (a floating bar that shows only on hover left a clipped
/// column looking like the last one); the content inside keeps the usual bars.
pub fn sideways_area<R>(
    ui: &mut Ui,
    id_salt: &str,
    content_width: f32,
    add: impl FnOnce(&mut Ui, egui::Rect) -> R,
) -> R {
    let usual = ui.spacing().scroll;
    let overflowing = content_width > ui.available_width() + 1.0;
    ui.scope(|ui| {
        if overflowing {
            ui.spacing_mut().scroll = egui::style::ScrollStyle::thin();
        }
        egui::ScrollArea::horizontal()
            .id_salt(id_salt)
            .show_viewport(ui, |ui, sideways| {
                ui.spacing_mut().scroll = usual;
                // The columns' full width is the content's, so the area knows it scrolls.
                ui.set_min_width(content_width);
                add(ui, sideways)
            })
            .inner
    })
    .inner
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
fn newly_selected(rows: &mut ComparisonRows, view: &View, session: &Session) {
    let now = view.selection.claim.map(|claim| (claim, view.layout));
    if rows.shown_claim != now {
        rows.shown_claim = now;
        rows.reveal = view
            .selection
            .claim
            .and_then(|id| session.claim(id))
            .map(|claim| {
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

/// The party columns (each `step` wide, the first at `first_x`) that meet the visible
/// x-range: only those are built, so a session with thousands of parties costs a frame what
/// the few columns on screen cost.
#[expect(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "column counts, clamped to 0..=n before the cast"
)]
fn visible_columns(n: usize, step: f32, first_x: f32, view: egui::Rangef) -> Range<usize> {
    let n_f = n as f32;
    let start = ((view.min - first_x) / step).floor().clamp(0.0, n_f) as usize;
    let end = ((view.max - first_x) / step).ceil().clamp(0.0, n_f) as usize;
    start.min(end)..end
}

/// The party headers over the columns, the visible ones built.
fn headers_ui(
    ui: &mut Ui,
    document: &Document,
    (width, step, first_x): (f32, f32, f32),
    visible: Range<usize>,
) {
    let session = document.session();
    let n = session.parties().len();
    let (rect, _) = ui.allocate_exact_size(
        egui::vec2(first_x + step * n as f32, HEADER_HEIGHT),
        Sense::hover(),
    );
    for index in visible {
        let min = rect.min + egui::vec2(first_x + step * index as f32, 0.0);
        let cell = egui::Rect::from_min_size(min, egui::vec2(width, HEADER_HEIGHT));
        ui.scope_builder(egui::UiBuilder::new().max_rect(cell), |ui| {
            party_header_ui(ui, session, document, width, index);
        });
    }
}

/// Scrolls the columns sideways to a party's column when a claim of it was selected off
/// screen (its list is not built, so it cannot scroll itself into view).
fn reveal_column(
    ui: &Ui,
    session: &Session,
    reveal: Option<(RowKey, u8)>,
    column_x: impl Fn(usize) -> egui::Rect,
    visible: &Range<usize>,
) {
    let Some((key, _)) = reveal else {
        return;
    };
    // A claim's card is in its party's column (a fact row spans every column).
    let party = session
        .claim(crate::model::ClaimId(key))
        .map(|claim| claim.party);
    if let Some(index) = party.and_then(|p| session.party_index(p))
        && !visible.contains(&index)
    {
        ui.scroll_to_rect(column_x(index), None);
    }
}

fn narratives_ui(
    ui: &mut Ui,
    document: &Document,
    (view, rows): (&View, &mut ComparisonRows),
    actions: &mut Vec<Action>,
) {
    let session = document.session();
    let analysis = document.analysis();
    let parties = session.parties();
    let width = column_width(ui, parties.len(), 0.0);
    newly_selected(rows, view, session);
    let filter = view.filter;
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
    let step = width + ui.spacing().item_spacing.x;
    sideways_area(
        ui,
        "narratives-h",
        step * parties.len() as f32,
        |ui, sideways| {
            let visible = visible_columns(parties.len(), step, 0.0, sideways.x_range());
            headers_ui(ui, document, (width, step, 0.0), visible.clone());
            let top = ui.cursor().top();
            let left = ui.max_rect().left();
            reveal_column(
                ui,
                session,
                rows.reveal,
                |index| {
                    let x = left + step * index as f32;
                    egui::Rect::from_min_size(egui::pos2(x, top), egui::vec2(width, 1.0))
                },
                &visible,
            );
            egui::ScrollArea::vertical()
                .id_salt("narratives")
                .auto_shrink(false)
                .show_viewport(ui, |ui, viewport| {
                    let origin = ui.max_rect().min;
                    // The tallest column sets the height, the ones off screen as last shown.
                    let mut bottom: f32 = parties
                        .iter()
                        .filter_map(|p| rows.narratives.get(&p.id))
                        .map(VirtualList::total_height)
                        .fold(0.0, f32::max);
                    for index in visible {
                        let (party, keys) = (&parties[index], &columns[index]);
                        let column_origin = origin + egui::vec2(step * index as f32, 0.0);
                        if keys.is_empty() {
                            ui.put(
                                egui::Rect::from_min_size(column_origin, egui::vec2(width, 20.0)),
                                egui::Label::new(RichText::new("No claims yet").weak().italics()),
                            );
                            continue;
                        }
                        let heights = rows.narratives.entry(party.id).or_default();
                        let list = cards::CardList {
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
        },
    );
}
