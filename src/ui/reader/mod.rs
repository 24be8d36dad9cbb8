//! The article reader: the text with every claim highlighted in its party's colour. Select
//! text with the mouse or the keyboard, then press 1–9 or a party button to tag it; click a
//! highlight to select its claim; hover one to see party, stance and fact.
//!
//! The text is cut into blocks (see [`blocks`]). Only the blocks in view are laid out and
//! painted; the others keep a height in a [`VirtualList`], estimated until the block has
//! been measured once, so a 1 MB article scrolls as lightly as a short one. The reader keeps
//! its own selection (two byte offsets) instead of a text widget's, and tells the app when
//! it changes.

mod access;
mod bars;
mod blocks;
mod handles;
mod input;
mod scene;
mod suggested;

pub(crate) use blocks::{Block, split_blocks};
pub(crate) use scene::plain_format;

use std::ops::Range;
use std::time::{Duration, Instant};

use egui::{Align, FontId, Rect, RichText, Ui};

use self::blocks::Blocks;
use self::scene::{Galleys, Placed, Scene, screen_rect};
use crate::history::Document;
use crate::model::{Article, ArticleId, ByteOffset, ClaimId, SpanIndex, TextSpan};
use crate::ui::actions::{Action, ReaderSelection, Selection};
use crate::ui::virtual_list::{VirtualList, keep_in_place};

/// The widest the text column gets, in points: about 75 characters a line.
pub const MAX_TEXT_WIDTH: f32 = 700.0;
const FONT_SIZE: f32 = 16.0;
const LINE_HEIGHT: f32 = 25.0;
/// Blocks measured per frame in the background, at least, until all are measured …
const MEASURE_AT_LEAST: usize = 2;
/// … and at most for this long.
const MEASURE_BUDGET: Duration = Duration::from_millis(1);

/// What the app asks of the reader; handled at the start of its next frame.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReaderRequest {
    /// Select this text and show it (next untagged sentence).
    Select(ReaderSelection),
    /// Drop the selection, keeping the caret (after tagging it).
    CollapseSelection,
    /// Scroll to a claim's start.
    ShowClaim(ClaimId),
    /// Open the find bar, its field focused.
    OpenFind,
}

/// The reader's selection: where it was started and where it ends now (the caret).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Caret {
    article: ArticleId,
    anchor: usize,
    head: usize,
}

impl Caret {
    fn range(self) -> Range<usize> {
        self.anchor.min(self.head)..self.anchor.max(self.head)
    }
}

/// The reader's find bar.
#[derive(Clone, Debug, Default)]
struct FindBar {
    query: String,
    /// Which match is current (into the list of matches).
    current: usize,
    focus: bool,
}

/// Which end of a claim is being dragged, and where to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct SpanDrag {
    claim: ClaimId,
    start_end: bool,
    offset: ByteOffset,
}

/// The reader panel and everything it keeps between frames.
#[derive(Default)]
pub struct Reader {
    /// The shown article's claims by place, for (article, version).
    index: SpanIndex,
    index_key: Option<(ArticleId, u64)>,
    blocks: Blocks,
    /// Block heights; a block's key is its index.
    heights: VirtualList,
    block_keys: Vec<crate::ui::virtual_list::RowKey>,
    pixels_per_point: f32,
    galleys: Galleys,
    find: Option<FindBar>,
    /// Find matches for (article, version, query).
    find_key: Option<(ArticleId, u64, String)>,
    find_matches: Vec<Range<usize>>,
    /// The article folded to lower case for find, for (article, version).
    /// The article's text folded for find, with the text's length and hash it was made of.
    folded: Option<(ArticleId, (usize, u64), crate::model::search::Folded)>,
    caret: Option<Caret>,
    /// The horizontal position kept while moving up and down.
    column: Option<f32>,
    /// Show the caret (keyboard moves) or a place (requests) next frame.
    reveal: Option<(usize, Option<Align>)>,
    span_drag: Option<SpanDrag>,
    requests: Vec<ReaderRequest>,
    text_id: Option<egui::Id>,
    /// The selection and caret last told to the app.
    told: (Option<ReaderSelection>, Option<(ArticleId, ByteOffset)>),
    /// Where the text at the top of the view starts (the first paragraph whose top is in
    /// view), for U to go on from what the analyst is reading.
    top_of_view: Option<(ArticleId, usize)>,
}

impl Reader {
    pub fn request(&mut self, request: ReaderRequest) {
        self.requests.push(request);
    }

    /// Whether requests wait for the reader's next frame (what it reported this frame is
    /// from before them).
    /// The offset of the first paragraph in view of `article`, once it has been shown.
    pub fn top_of_view(&self, article: ArticleId) -> Option<usize> {
        self.top_of_view
            .filter(|(shown, _)| *shown == article)
            .map(|(_, offset)| offset)
    }

    pub fn has_requests(&self) -> bool {
        !self.requests.is_empty()
    }

    /// The text area's widget id, once shown: the keyboard is "in the reader" when it has
    /// focus, and single-key shortcuts still work there.
    pub fn text_id(&self) -> Option<egui::Id> {
        self.text_id
    }

    pub fn find_is_open(&self) -> bool {
        self.find.is_some()
    }

    /// How many blocks are not yet measured (for tests and benches).
    pub fn unmeasured_blocks(&self) -> usize {
        self.heights.unmeasured()
    }

    fn find_matches(&mut self, article: &Article, version: u64, query: &str) -> &[Range<usize>] {
        let key = (article.id, version, query.to_owned());
        if self.find_key.as_ref() != Some(&key) {
            self.find_key = Some(key);
            if query.is_empty() {
                // Nothing to find: no need to fold (an edit of a claim must not cost a pass
                // over the article).
                self.find_matches.clear();
                return &self.find_matches;
            }
            // Folded once per article text, searched at every key typed; an edit of claims
            // leaves the text and its folding as they were.
            let text = text_key(&article.text);
            let folded = match self.folded.take() {
                Some((id, at, folded)) if id == article.id && at == text => folded,
                _ => crate::model::search::Folded::new(&article.text),
            };
            self.find_matches = folded.find_all(query);
            self.folded = Some((article.id, text, folded));
        }
        &self.find_matches
    }

    pub fn ui(
        &mut self,
        ui: &mut Ui,
        document: &Document,
        selection: &Selection,
        suggestions: &crate::ui::suggestions::Shown,
        actions: &mut Vec<Action>,
    ) {
        let session = document.session();
        let Some(article) = selection.article.and_then(|id| session.article(id)) else {
            bars::empty_ui(ui, session.articles().is_empty());
            return;
        };
        let width = ui.available_width();
        let colour = ui.visuals().strong_text_color();
        let title = crate::text::styled(
            ui,
            article.meta.title.clone(),
            width,
            &egui::TextStyle::Heading,
            colour,
        );
        crate::text::add(ui, egui::Label::new(title), &article.meta.title);
        let mut meta = Vec::new();
        if !article.meta.outlet.is_empty() {
            meta.push(article.meta.outlet.clone());
        }
        if let Some(date) = article.meta.published {
            meta.push(date.format("%e %B %Y").to_string().trim().to_owned());
        }
        let claims = document.analysis().claims_in_article(article.id);
        meta.push(crate::ui::actions::count(claims, "claim", "claims"));
        ui.label(RichText::new(meta.join(" · ")).weak());
        bars::tag_bar_ui(ui, session, selection, article.id, actions);
        bars::suggestion_bar_ui(ui, session, suggestions, actions);
        self.handle_requests(ui, document, article);
        self.find_bar_ui(ui, document, article);
        ui.separator();
        self.text_ui(ui, document, article, (selection, suggestions), actions);
    }

    /// Brings what the reader keeps up to date with the article and the width.
    fn sync(&mut self, ui: &Ui, document: &Document, article: &Article, width: f32) {
        let version = document.version();
        if self.index_key != Some((article.id, version)) {
            self.index = SpanIndex::of_article(document.session(), article.id);
            self.index_key = Some((article.id, version));
        }
        let pixels_per_point = ui.pixels_per_point();
        let blocks_changed = self.blocks.sync(article, version);
        if blocks_changed || (self.pixels_per_point - pixels_per_point).abs() > f32::EPSILON {
            self.galleys.clear();
            self.heights.forget();
            self.pixels_per_point = pixels_per_point;
            self.block_keys = (0..self.blocks.list.len() as u128).collect();
        }
        let per_line = (width / average_char_width(ui)).max(1.0);
        let list = &self.blocks.list;
        self.heights.sync(width, &self.block_keys, |index| {
            let block = &list[index];
            let lines = (block.chars as f32 / per_line).ceil().max(1.0);
            lines * LINE_HEIGHT + block.gap()
        });
        if self.caret.is_some_and(|c| c.article != article.id) {
            self.caret = None;
        }
    }

    /// Requests from the app: a selection to make, a selection to drop, a place to show.
    fn handle_requests(&mut self, ui: &Ui, document: &Document, article: &Article) {
        for request in std::mem::take(&mut self.requests) {
            match request {
                ReaderRequest::Select(selection) if selection.article == article.id => {
                    self.caret = Some(Caret {
                        article: article.id,
                        anchor: selection.span.start.0,
                        head: selection.span.end.0,
                    });
                    self.reveal = Some((selection.span.start.0, Some(Align::Center)));
                    ui.memory_mut(|m| m.request_focus(text_id(article.id)));
                }
                ReaderRequest::CollapseSelection => {
                    if let Some(caret) = &mut self.caret {
                        caret.anchor = caret.head;
                    }
                }
                ReaderRequest::ShowClaim(claim) => match document.session().claim(claim) {
                    Some(found) if found.article == article.id => {
                        self.reveal = Some((found.anchor.span.start.0, Some(Align::Center)));
                    }
                    _ => {}
                },
                ReaderRequest::OpenFind => {
                    let query = self.find.take().map(|f| f.query).unwrap_or_default();
                    self.find = Some(FindBar {
                        query,
                        current: 0,
                        focus: true,
                    });
                }
                ReaderRequest::Select(_) => {}
            }
        }
    }
}

/// The id of the text area of an article.
fn text_id(article: ArticleId) -> egui::Id {
    egui::Id::unique(("reader-text", article))
}

/// The mean advance of the reader's font over ordinary prose, for height estimates.
fn average_char_width(ui: &Ui) -> f32 {
    const SAMPLE: &str = "The statement said the strike was a mistake, and officials denied it.";
    let galley = ui.fonts_mut(|fonts| {
        fonts.layout_no_wrap(
            SAMPLE.to_owned(),
            FontId::proportional(FONT_SIZE),
            egui::Color32::WHITE,
        )
    });
    (galley.size().x / SAMPLE.chars().count() as f32).max(1.0)
}

impl Reader {
    fn text_ui(
        &mut self,
        ui: &mut Ui,
        document: &Document,
        article: &Article,
        (selection, suggestions): (&Selection, &crate::ui::suggestions::Shown),
        actions: &mut Vec<Action>,
    ) {
        let session = document.session();
        let text_id = text_id(article.id);
        self.text_id = Some(text_id);
        // A gutter on both sides as wide as the scroll bar's reach and then some: a drag
        // that starts at a right-to-left line's start (its right edge) selects text instead
        // of grabbing the (floating) scroll bar.
        let scroll = &ui.spacing().scroll;
        let gutter = scroll.bar_width + scroll.bar_inner_margin + scroll.bar_outer_margin + 8.0;
        let width = (ui.available_width() - 2.0 * gutter).clamp(40.0, MAX_TEXT_WIDTH);
        self.sync(ui, document, article, width);
        let find_query = self
            .find
            .as_ref()
            .map(|f| f.query.clone())
            .unwrap_or_default();
        let find_current = self.find.as_ref().map_or(0, |f| f.current);
        let find_hash = {
            use std::hash::{Hash, Hasher};
            let mut hasher = rustc_hash::FxHasher::default();
            (&find_query, find_current).hash(&mut hasher);
            hasher.finish()
        };
        self.find_matches(article, document.version(), &find_query);
        let selected_fact = selection
            .claim
            .and_then(|id| session.claim(id))
            .and_then(|c| c.fact);
        let mut scene = Scene {
            session,
            article,
            index: &self.index,
            blocks: &self.blocks.list,
            find: &self.find_matches,
            find_current,
            find_hash,
            selected: selection.claim,
            focus_fact: selection.focus_fact(selected_fact),
            selection: self.caret.map(Caret::range),
            width,
            laid_out: std::cell::Cell::new(0),
        };
        let before = self.caret;
        if ui.memory(|m| m.has_focus(text_id)) {
            ui.memory_mut(|m| {
                m.set_focus_lock_filter(
                    text_id,
                    egui::EventFilter {
                        horizontal_arrows: true,
                        vertical_arrows: true,
                        ..Default::default()
                    },
                );
            });
            input::keyboard(
                ui,
                &scene,
                &mut self.galleys,
                &mut self.caret,
                &mut self.column,
            );
            if self.caret != before {
                self.reveal = self.caret.map(|c| (c.head, None));
            }
        }
        let galleys = &mut self.galleys;
        let heights = &mut self.heights;
        let caret = &mut self.caret;
        let reveal = &mut self.reveal;
        let span_drag = &mut self.span_drag;
        let top_of_view = &mut self.top_of_view;
        egui::ScrollArea::vertical()
            .id_salt(("reader-scroll", article.id))
            .auto_shrink(false)
            .show_viewport(ui, |ui, viewport| {
                let full_width = ui.available_width();
                let (content, _) = ui.allocate_exact_size(
                    egui::vec2(full_width, heights.total_height() + LINE_HEIGHT),
                    egui::Sense::hover(),
                );
                let origin = content.min + egui::vec2(((full_width - width) / 2.0).max(0.0), 0.0);
                if scene.blocks.is_empty() {
                    ui.put(
                        Rect::from_min_size(origin, egui::vec2(width, LINE_HEIGHT)),
                        egui::Label::new(RichText::new("This article has no text.").weak()),
                    );
                    return;
                }
                let placed = place_blocks(ui, &scene, galleys, heights, (origin, viewport));
                let first = placed.first().map_or(0, |p| p.block);
                let view_top = content.top() + viewport.min.y;
                *top_of_view = placed
                    .iter()
                    .find(|p| p.pos.y >= view_top - 1.0)
                    .or(placed.first())
                    .map(|p| (article.id, scene.blocks[p.block].range.start));
                if let Some((offset, align)) = reveal.take() {
                    reveal_offset(ui, &scene, galleys, heights, origin, (offset, align));
                } else if scene.laid_out.get() == 0 {
                    // Only in frames with nothing else to lay out: scrolling stays light.
                    measure_in_background(ui, &scene, heights, first);
                }
                let visible = Rect::from_x_y_ranges(
                    content.x_range(),
                    (content.top() + viewport.min.y)..=(content.top() + viewport.max.y),
                );
                let response = ui.interact(visible, text_id, egui::Sense::click_and_drag());
                access::describe(ui, &response, &scene, &placed);
                input::pointer(ui, &scene, &placed, &response, caret, actions);
                scene.selection = caret.map(Caret::range);
                paint(ui, &scene, &placed, &response, *caret);
                suggested::paint_ui(ui, &scene, &placed, &response, suggestions);
                handles::hover_ui(&scene, &placed, &response, actions);
                handles::span_handles_ui(
                    ui,
                    &scene,
                    &placed,
                    (selection.claim, span_drag),
                    actions,
                );
            });
        self.tell_selection(article.id, actions);
        if self.caret != before {
            ui.ctx().request_repaint();
        }
    }

    /// Tells the app the selection and caret, when they changed.
    fn tell_selection(&mut self, article: ArticleId, actions: &mut Vec<Action>) {
        let now = match self.caret {
            Some(c) => (
                (c.anchor != c.head).then(|| ReaderSelection {
                    article,
                    span: TextSpan::new(c.range().start, c.range().end),
                }),
                Some((article, ByteOffset(c.head))),
            ),
            None => (None, self.told.1),
        };
        if now != self.told {
            self.told = now;
            actions.push(Action::TextSelected {
                selection: now.0,
                cursor: now.1,
            });
        }
    }
}

/// Lays out and places the blocks in view; forgets the galleys of the others.
fn place_blocks(
    ui: &Ui,
    scene: &Scene,
    galleys: &mut Galleys,
    heights: &mut VirtualList,
    (origin, viewport): (egui::Pos2, Rect),
) -> Vec<Placed> {
    let mut placed = Vec::new();
    let first = heights.first_below(viewport.min.y);
    let mut y = heights.top(first);
    let mut block = first;
    while block < scene.blocks.len() && y < viewport.max.y {
        let laid = scene.galley(ui, galleys, block);
        let height = laid.size().y + scene.blocks[block].gap();
        heights.measure(block, height);
        placed.push(Placed {
            block,
            pos: origin + egui::vec2(0.0, y),
            laid,
        });
        y += height;
        block += 1;
    }
    galleys.retain(|b, _| placed.iter().any(|p| p.block == *b));
    placed
}

/// Scrolls to a place asked for, its block laid out so the row is exact.
fn reveal_offset(
    ui: &Ui,
    scene: &Scene,
    galleys: &mut Galleys,
    heights: &VirtualList,
    origin: egui::Pos2,
    (offset, align): (usize, Option<Align>),
) {
    let Some(block) = Blocks::locate_in(scene.blocks, offset) else {
        return;
    };
    let laid = scene.galley(ui, galleys, block);
    let row = scene.caret(block, &laid, offset);
    let rect = row.translate(egui::vec2(origin.x, origin.y + heights.top(block)));
    let margin = if align.is_some() {
        LINE_HEIGHT * 2.0
    } else {
        4.0
    };
    ui.scroll_to_rect(rect.expand(margin), align);
}

/// Paints the blocks in view and the caret.
fn paint(
    ui: &Ui,
    scene: &Scene,
    placed: &[Placed],
    response: &egui::Response,
    caret: Option<Caret>,
) {
    let painter = ui.painter();
    for p in placed {
        painter.galley(p.pos, p.laid.galley().clone(), ui.visuals().text_color());
    }
    if response.has_focus()
        && let Some(caret) = caret
        && let Some(rect) = screen_rect(scene, placed, caret.head)
    {
        let stroke = ui.visuals().text_cursor.stroke;
        painter.line_segment([rect.center_top(), rect.center_bottom()], stroke);
    }
}

/// Measures blocks not yet measured, a few per frame, so the scroll bar becomes exact.
/// Blocks above the view change the place of everything below; the scroll offset moves by
/// as much, so the text in view stays still.
fn measure_in_background(ui: &Ui, scene: &Scene, heights: &mut VirtualList, first_in_view: usize) {
    let started = Instant::now();
    let mut done = 0;
    let mut shift_above = 0.0;
    while done < MEASURE_AT_LEAST || started.elapsed() < MEASURE_BUDGET {
        let Some(block) = heights.next_unmeasured() else {
            break;
        };
        let rows = crate::text::count_rows(
            ui,
            &scene.article.text[scene.blocks[block].range.clone()],
            &plain_format(ui.visuals()),
            scene.width,
        );
        let height = rows.max(1) as f32 * LINE_HEIGHT + scene.blocks[block].gap();
        let delta = heights.measure(block, height);
        if block < first_in_view {
            shift_above += delta;
        }
        done += 1;
    }
    keep_in_place(ui, shift_above);
    // No frame is asked for to measure the rest: the paragraphs out of view change nothing
    // on screen but the scroll bar's thumb, and they are measured in the frames that come
    // anyway (the analyst scrolling, typing, the pointer moving). An idle window costs
    // nothing.
}

/// What tells one text from another cheaply enough for the find bar: its length and hash
/// (computed only when the document changed while a query is typed).
fn text_key(text: &str) -> (usize, u64) {
    use std::hash::{Hash as _, Hasher as _};
    let mut hasher = rustc_hash::FxHasher::default();
    text.hash(&mut hasher);
    (text.len(), hasher.finish())
}
