//! Virtual scrolling for the comparison's long lists: only the rows in view are built.
//! A row's height is measured when it is shown and estimated before, so a list of
//! thousands of rows costs a frame no more than the few dozen that fit the window.

use rustc_hash::FxHashMap as HashMap;

use egui::{Pos2, Rect, Ui, UiBuilder};

use crate::model::search::ClaimFilter;

/// The row heights of the comparison's lists, kept between frames.
#[derive(Default)]
pub struct ComparisonRows {
    pub by_fact: RowHeights,
    /// The unlinked claims under the fact rows, one list per party.
    pub unlinked: HashMap<crate::model::PartyId, RowHeights>,
    /// The narratives, one list per party.
    pub narratives: HashMap<crate::model::PartyId, RowHeights>,
    /// The claim selected when the lists were last shown, and how: a newly selected claim
    /// (or the selected one in a newly chosen arrangement) is scrolled into view.
    pub shown_claim: Option<(crate::model::ClaimId, super::state::ComparisonLayout)>,
    /// The row (by key) to bring into view, and how many more frames to try.
    pub reveal: Option<(u64, u8)>,
    /// The claims each party's narrative shows, one list per party.
    pub narrative_lists: Memo<Vec<Vec<u64>>>,
    /// The facts and unlinked claims the by-fact arrangement shows.
    pub fact_lists: Memo<FactLists>,
}

/// What the by-fact arrangement shows under the filter.
#[derive(Default)]
pub struct FactLists {
    pub facts: Vec<crate::model::FactId>,
    /// The facts as row keys.
    pub fact_keys: Vec<u64>,
    /// How many facts the filter hides.
    pub hidden: usize,
    /// The claims linked to no fact, one list per party.
    pub unlinked: Vec<Vec<u64>>,
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

/// The heights of one list's rows, by row key, at one width: estimated when a row is first
/// met, measured when it is shown. The tops are kept until the rows or a height change.
#[derive(Default)]
pub struct RowHeights {
    width: f32,
    heights: HashMap<u64, f32>,
    keys: Vec<u64>,
    tops: Vec<f32>,
}

impl RowHeights {
    /// Brings the tops up to date with the rows and the width.
    fn sync(&mut self, width: f32, keys: &[u64], estimate: impl Fn(usize) -> f32) {
        if (self.width - width).abs() > 0.5 {
            self.width = width;
            self.heights.clear();
            self.keys.clear();
        }
        if self.keys == keys && self.tops.len() == keys.len() + 1 {
            return;
        }
        self.keys = keys.to_vec();
        self.tops.clear();
        self.tops.reserve(keys.len() + 1);
        let mut y = 0.0;
        for (index, key) in keys.iter().enumerate() {
            self.tops.push(y);
            y += *self.heights.entry(*key).or_insert_with(|| estimate(index));
        }
        self.tops.push(y);
    }
}

/// One list, placed at `origin` (screen) and `list_top` (content coordinates) inside a
/// [`egui::ScrollArea::show_viewport`], `width` wide. Builds the rows that meet `viewport`
/// with `row_ui` and returns the height of the whole list. The row keyed `reveal`, if the
/// list has it, is scrolled into view: to where its height estimate puts it, and once it
/// has been built, to where it really is (then `reveal` is cleared).
///
/// When a row that reaches above the view turns out taller or shorter than estimated, the
/// scroll offset moves by as much, so what the user is reading stays where it is.
#[expect(
    clippy::too_many_arguments,
    reason = "each caller passes its own geometry, keys and row builders"
)]
pub fn show_rows(
    ui: &mut Ui,
    origin: Pos2,
    width: f32,
    viewport: Rect,
    list_top: f32,
    heights: &mut RowHeights,
    keys: &[u64],
    reveal: &mut Option<(u64, u8)>,
    estimate: impl Fn(usize) -> f32,
    mut row_ui: impl FnMut(&mut Ui, usize),
) -> f32 {
    heights.sync(width, keys, estimate);
    let spacing = ui.spacing().item_spacing.y;
    let n = keys.len();
    let tops = std::mem::take(&mut heights.tops);
    let reveal_index = reveal.and_then(|(key, _)| keys.iter().position(|k| *k == key));
    let mut revealed = None;
    let view_top = viewport.min.y - list_top;
    let view_bottom = viewport.max.y - list_top;
    let first = tops[1..].partition_point(|bottom| *bottom <= view_top);
    let mut y = tops[first];
    let mut index = first;
    let mut shift = 0.0;
    while index < n && y < view_bottom {
        let key = keys[index];
        let rect = Rect::from_min_size(
            origin + egui::vec2(0.0, y),
            egui::vec2(width, f32::INFINITY),
        );
        let response = ui
            .scope_builder(UiBuilder::new().max_rect(rect).id_salt(key), |ui| {
                ui.set_width(width);
                row_ui(ui, index);
            })
            .response;
        let height = response.rect.height() + spacing;
        if reveal_index == Some(index) {
            revealed = Some(response.rect);
        }
        let before = tops[index + 1] - tops[index];
        if (height - before).abs() > 0.5 {
            heights.heights.insert(key, height);
            heights.keys.clear();
            if y < view_top {
                shift += height - before;
            }
        }
        y += height;
        index += 1;
    }
    match (reveal_index, revealed) {
        (Some(_), Some(rect)) => {
            ui.scroll_to_rect(rect, None);
            *reveal = None;
        }
        (Some(index), None) => {
            let rect = Rect::from_min_max(
                origin + egui::vec2(0.0, tops[index]),
                origin + egui::vec2(width, tops[index + 1]),
            );
            ui.scroll_to_rect(rect, Some(egui::Align::Center));
            ui.ctx().request_repaint();
        }
        _ => {}
    }
    if shift != 0.0 {
        ui.scroll_with_delta_animation(
            egui::vec2(0.0, -shift),
            egui::style::ScrollAnimation::none(),
        );
    }
    let total = y + (tops[n] - tops[index]);
    heights.tops = tops;
    total
}
