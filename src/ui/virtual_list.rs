//! Virtual scrolling, for the reader's paragraphs and the comparison's rows alike: only the
//! rows in view are built. A row's height is estimated until it has been built (or measured)
//! once, and kept by the row's key, so a list of thousands costs a frame no more than the
//! few dozen rows that fit the window. When a row above the view turns out taller or
//! shorter than estimated, the scroll offset moves by as much, so what the user is reading
//! stays where it is.

/// What identifies a row across frames: a claim's or a fact's id.
pub type RowKey = u128;

use egui::{Pos2, Rect, Ui, UiBuilder};
use rustc_hash::FxHashMap as HashMap;

/// The heights of one list's rows, by row key, at one width.
#[derive(Default)]
pub struct VirtualList {
    width: f32,
    keys: Vec<RowKey>,
    /// Height by key, and whether it was measured (else estimated).
    heights: HashMap<RowKey, (f32, bool)>,
    /// `tops[i]` is the top of row `i`; one more entry holds the total height.
    tops: Vec<f32>,
    tops_dirty: bool,
    unmeasured: usize,
    /// Where measuring in the background goes on.
    measure_from: usize,
}

impl VirtualList {
    /// Brings the list up to date with its rows and width: a new width forgets every
    /// height, a new row gets `estimate(index)`.
    pub fn sync(&mut self, width: f32, keys: &[RowKey], estimate: impl Fn(usize) -> f32) {
        if (self.width - width).abs() > 0.5 {
            self.width = width;
            self.forget();
        }
        if self.keys != keys {
            self.keys = keys.to_vec();
            self.tops_dirty = true;
        }
        if !self.tops_dirty && self.tops.len() == keys.len() + 1 {
            return;
        }
        self.tops.clear();
        self.tops.reserve(keys.len() + 1);
        let mut y = 0.0;
        let mut unmeasured = 0;
        for (index, key) in keys.iter().enumerate() {
            self.tops.push(y);
            let (height, measured) = *self
                .heights
                .entry(*key)
                .or_insert_with(|| (estimate(index), false));
            unmeasured += usize::from(!measured);
            y += height;
        }
        self.tops.push(y);
        self.unmeasured = unmeasured;
        self.tops_dirty = false;
    }

    /// Forgets every height (the rows' contents changed).
    pub fn forget(&mut self) {
        self.heights.clear();
        self.keys.clear();
        self.tops.clear();
        self.tops_dirty = true;
        self.measure_from = 0;
    }

    pub fn total_height(&self) -> f32 {
        self.tops.last().copied().unwrap_or(0.0)
    }

    pub fn top(&self, index: usize) -> f32 {
        self.tops.get(index).copied().unwrap_or(0.0)
    }

    /// The first row whose bottom is below `y`.
    pub fn first_below(&self, y: f32) -> usize {
        let n = self.keys.len();
        self.tops
            .get(1..=n)
            .map_or(0, |bottoms| bottoms.partition_point(|bottom| *bottom <= y))
            .min(n.saturating_sub(1))
    }

    /// Records row `index`'s real height; returns how much it changed. The tops follow at
    /// the next [`Self::sync`].
    pub fn measure(&mut self, index: usize, height: f32) -> f32 {
        let Some(key) = self.keys.get(index) else {
            return 0.0;
        };
        let entry = self.heights.entry(*key).or_insert((height, false));
        if !entry.1 {
            entry.1 = true;
            self.unmeasured = self.unmeasured.saturating_sub(1);
        }
        let delta = height - entry.0;
        if delta.abs() > 0.01 {
            entry.0 = height;
            self.tops_dirty = true;
        }
        delta
    }

    /// How many rows have only an estimate.
    pub fn unmeasured(&self) -> usize {
        self.unmeasured
    }

    /// The next row with only an estimate, going round from where the last one was found.
    pub fn next_unmeasured(&mut self) -> Option<usize> {
        let n = self.keys.len();
        if self.unmeasured == 0 || n == 0 {
            return None;
        }
        for step in 0..n {
            let index = (self.measure_from + step) % n;
            if self.heights.get(&self.keys[index]).is_some_and(|h| !h.1) {
                self.measure_from = (index + 1) % n;
                return Some(index);
            }
        }
        None
    }
}

/// Moves the scroll offset by `shift` at once, so the rows in view stay still when rows
/// above them changed height by as much.
pub fn keep_in_place(ui: &Ui, shift: f32) {
    if shift != 0.0 {
        ui.scroll_with_delta_animation(
            egui::vec2(0.0, -shift),
            egui::style::ScrollAnimation::none(),
        );
    }
}

/// Where one list sits in a [`egui::ScrollArea::show_viewport`]: its top-left corner on
/// screen, its top in the content's coordinates, and its width.
#[derive(Clone, Copy, Debug)]
pub struct Placement {
    pub origin: Pos2,
    pub top: f32,
    pub width: f32,
}

/// Builds the rows of `keys` that meet `viewport` with `row_ui`, measuring each, and
/// returns the whole list's height. The row keyed `reveal`, if the list has it, is scrolled
/// into view: to where its estimate puts it, then, once built, to where it really is (and
/// `reveal` is cleared).
pub fn show_rows(
    ui: &mut Ui,
    at: Placement,
    viewport: Rect,
    (list, keys): (&mut VirtualList, &[RowKey]),
    reveal: &mut Option<(RowKey, u8)>,
    estimate: impl Fn(usize) -> f32,
    mut row_ui: impl FnMut(&mut Ui, usize),
) -> f32 {
    list.sync(at.width, keys, estimate);
    let spacing = ui.spacing().item_spacing.y;
    let n = keys.len();
    let reveal_index = reveal.and_then(|(key, _)| keys.iter().position(|k| *k == key));
    let mut revealed = None;
    let view_top = viewport.min.y - at.top;
    let view_bottom = viewport.max.y - at.top;
    let first = if n == 0 {
        0
    } else {
        list.first_below(view_top)
    };
    let mut y = list.top(first);
    let mut index = first;
    let mut shift = 0.0;
    let mut rest_from = list.top(first);
    while index < n && y < view_bottom {
        let key = keys[index];
        let rect = Rect::from_min_size(
            at.origin + egui::vec2(0.0, y),
            egui::vec2(at.width, f32::INFINITY),
        );
        let response = ui
            .scope_builder(UiBuilder::new().max_rect(rect).id_salt(key), |ui| {
                ui.set_width(at.width);
                row_ui(ui, index);
            })
            .response;
        let height = response.rect.height() + spacing;
        if reveal_index == Some(index) {
            revealed = Some(response.rect);
        }
        let delta = list.measure(index, height);
        if y < view_top {
            shift += delta;
        }
        rest_from = list.top(index + 1);
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
                at.origin + egui::vec2(0.0, list.top(index)),
                at.origin + egui::vec2(at.width, list.top(index + 1)),
            );
            ui.scroll_to_rect(rect, Some(egui::Align::Center));
            ui.ctx().request_repaint();
        }
        _ => {}
    }
    keep_in_place(ui, shift);
    // The rows built at their real heights, the rest at what the list had for them.
    y + (list.total_height() - rest_from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heights_are_estimated_then_measured_and_kept_by_key() {
        let mut list = VirtualList::default();
        list.sync(100.0, &[1, 2, 3], |_| 10.0);
        assert!((list.total_height() - 30.0).abs() < 1e-3);
        assert_eq!(list.unmeasured(), 3);
        assert!((list.measure(1, 25.0) - 15.0).abs() < 1e-3);
        list.sync(100.0, &[1, 2, 3], |_| 10.0);
        assert!((list.top(2) - 35.0).abs() < 1e-3);
        assert_eq!(list.unmeasured(), 2);
        assert_eq!(list.first_below(12.0), 1);
        // Filtered to fewer rows and back: the measured height is kept.
        list.sync(100.0, &[2], |_| 10.0);
        assert!((list.total_height() - 25.0).abs() < 1e-3);
        list.sync(100.0, &[1, 2, 3], |_| 10.0);
        assert!((list.total_height() - 45.0).abs() < 1e-3);
        // A new width forgets every height.
        list.sync(50.0, &[1, 2, 3], |_| 20.0);
        assert!((list.total_height() - 60.0).abs() < 1e-3);
    }

    #[test]
    fn measuring_in_the_background_visits_each_unmeasured_row_once() {
        let mut list = VirtualList::default();
        list.sync(100.0, &[10, 11, 12, 13], |_| 10.0);
        list.measure(1, 10.0);
        let mut seen = Vec::new();
        while let Some(index) = list.next_unmeasured() {
            seen.push(index);
            list.measure(index, 12.0);
        }
        assert_eq!(seen, [0, 2, 3]);
        assert_eq!(list.unmeasured(), 0);
    }
}
