//! The article reader: the text with every claim highlighted in its party's colour. Select
//! text with the mouse or the keyboard, then press 1–9 or a party button to tag it; click a
//! highlight to select its claim; hover one to see party, stance and fact.
//!
//! The text is cut into blocks (paragraphs, and long paragraphs at sentence ends). Only the
//! blocks in view are laid out and painted; the others keep a height, estimated until the
//! block has been measured once, so a 1 MB article scrolls as lightly as a short one. The
//! reader keeps its own selection (two byte offsets) instead of a text widget's.

use std::collections::HashMap;
use std::ops::Range;
use std::time::{Duration, Instant};

use egui::text::{LayoutJob, LayoutSection};
use egui::{Align, Event, FontId, Key, Pos2, Rect, RichText, Stroke, TextFormat, Ui, Vec2};

use super::commands::PARTY_KEYS;
use super::state::{Action, ReaderSelection, SpanDrag, ViewState};
use super::theme;
use crate::history::Document;
use crate::model::span::{
    ceil_char_boundary, floor_char_boundary, next_word_end, previous_word_start,
};
use crate::model::{Article, ArticleId, ByteOffset, ClaimId, FactId, Session, TextSpan};

/// The widest the text column gets, in points: about 75 characters a line.
pub const MAX_TEXT_WIDTH: f32 = 700.0;
const FONT_SIZE: f32 = 16.0;
const LINE_HEIGHT: f32 = 25.0;
/// Space after a paragraph.
const PARAGRAPH_GAP: f32 = 12.0;
/// Paragraphs longer than this are cut at a sentence end (or a space) into several blocks,
/// so no single layout is ever big.
const MAX_BLOCK_BYTES: usize = 3_000;
/// Blocks measured per frame in the background, at least, until all are measured …
const MEASURE_AT_LEAST: usize = 2;
/// … and at most for this long …
const MEASURE_BUDGET: Duration = Duration::from_millis(1);
/// … in frames this far apart.
const MEASURE_AGAIN: Duration = Duration::from_millis(5);

/// A run of the article's text laid out as one piece: a paragraph or a part of a long one.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Block {
    range: Range<usize>,
    chars: usize,
    /// Whether a paragraph ends here (and a gap follows).
    ends_paragraph: bool,
}

impl Block {
    fn gap(&self) -> f32 {
        if self.ends_paragraph {
            PARAGRAPH_GAP
        } else {
            0.0
        }
    }
}

/// Cuts a text into blocks: one per non-blank line, long lines cut at sentence ends.
fn split_blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut line_start = 0;
    for line in text.split('\n') {
        let range = line_start..line_start + line.len();
        line_start = range.end + 1;
        if line.trim().is_empty() {
            continue;
        }
        let mut start = range.start;
        while range.end - start > MAX_BLOCK_BYTES {
            let upper = floor_char_boundary(text, start + MAX_BLOCK_BYTES);
            let lower = ceil_char_boundary(text, start + MAX_BLOCK_BYTES / 2);
            let window = &text[lower..upper];
            let cut = window
                .rfind(". ")
                .map(|i| lower + i + 2)
                .or_else(|| window.rfind(' ').map(|i| lower + i + 1))
                .unwrap_or(upper);
            let cut = if cut > start {
                cut
            } else {
                upper.max(start + 1)
            };
            let cut = ceil_char_boundary(text, cut);
            blocks.push(Block {
                range: start..cut,
                chars: text[start..cut].chars().count(),
                ends_paragraph: false,
            });
            start = cut;
        }
        blocks.push(Block {
            range: start..range.end,
            chars: text[start..range.end].chars().count(),
            ends_paragraph: true,
        });
    }
    blocks
}

/// The blocks of the shown article.
#[derive(Default)]
struct Blocks {
    article: Option<ArticleId>,
    /// The text the blocks were cut from, to notice when an edit changed it.
    text: String,
    /// The document version the text was last compared at.
    version: u64,
    list: Vec<Block>,
}

impl Blocks {
    /// Re-cuts the text when it changed; says whether it did. Only an edit can change it,
    /// so the text is compared only when the document's version moved.
    fn sync(&mut self, article: &Article, version: u64) -> bool {
        if self.article == Some(article.id) && self.version == version {
            return false;
        }
        self.version = version;
        let changed = self.article != Some(article.id) || self.text != article.text;
        if changed {
            self.article = Some(article.id);
            self.text.clone_from(&article.text);
            self.list = split_blocks(&article.text);
        }
        changed
    }

    /// The block holding `offset`; an offset between blocks belongs to the block before.
    fn locate_in(list: &[Block], offset: usize) -> Option<usize> {
        if list.is_empty() {
            return None;
        }
        Some(
            list.partition_point(|b| b.range.start <= offset)
                .saturating_sub(1),
        )
    }
}

/// The heights of the blocks at the current width: estimated from their length until a
/// block has been laid out once.
#[derive(Default)]
struct Heights {
    width: f32,
    pixels_per_point: f32,
    of_block: Vec<f32>,
    measured: Vec<bool>,
    unmeasured: usize,
    /// Where the background measuring goes on.
    measure_from: usize,
    /// `tops[i]` is the top of block `i`; one more entry holds the total height.
    tops: Vec<f32>,
    tops_dirty: bool,
}

impl Heights {
    /// Re-estimates when the blocks or the width changed, and brings the tops up to date.
    fn sync(&mut self, ui: &Ui, blocks: &[Block], blocks_changed: bool, width: f32) {
        let pixels_per_point = ui.pixels_per_point();
        if blocks_changed
            || self.of_block.len() != blocks.len()
            || (self.width - width).abs() > 0.5
            || (self.pixels_per_point - pixels_per_point).abs() > f32::EPSILON
        {
            self.width = width;
            self.pixels_per_point = pixels_per_point;
            let per_line = (width / average_char_width(ui)).max(1.0);
            self.of_block = blocks
                .iter()
                .map(|block| {
                    let lines = (block.chars as f32 / per_line).ceil().max(1.0);
                    lines * LINE_HEIGHT + block.gap()
                })
                .collect();
            self.measured = vec![false; blocks.len()];
            self.unmeasured = blocks.len();
            self.measure_from = 0;
            self.tops_dirty = true;
        }
        if self.tops_dirty {
            self.tops.clear();
            self.tops.reserve(self.of_block.len() + 1);
            let mut y = 0.0;
            for height in &self.of_block {
                self.tops.push(y);
                y += height;
            }
            self.tops.push(y);
            self.tops_dirty = false;
        }
    }

    fn total_height(&self) -> f32 {
        self.tops.last().copied().unwrap_or(0.0)
    }

    fn top(&self, block: usize) -> f32 {
        self.tops.get(block).copied().unwrap_or(0.0)
    }

    /// The first block whose bottom is below `y`.
    fn first_below(&self, y: f32) -> usize {
        let n = self.of_block.len();
        self.tops
            .get(1..=n)
            .map_or(0, |bottoms| bottoms.partition_point(|bottom| *bottom <= y))
            .min(n.saturating_sub(1))
    }

    /// Records a measured height; returns how much it changed.
    fn measure(&mut self, block: usize, height: f32) -> f32 {
        if !self.measured[block] {
            self.measured[block] = true;
            self.unmeasured -= 1;
        }
        let delta = height - self.of_block[block];
        if delta.abs() > 0.01 {
            self.of_block[block] = height;
            self.tops_dirty = true;
        }
        delta
    }
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

/// The article's claims by start offset, with the running maximum of their ends, so the
/// claims over any range are found by two binary searches.
#[derive(Default)]
struct ClaimIndex {
    key: Option<(ArticleId, u64)>,
    claims: Vec<(TextSpan, ClaimId)>,
    max_end: Vec<usize>,
}

impl ClaimIndex {
    fn sync(&mut self, session: &Session, article: ArticleId, version: u64) {
        if self.key == Some((article, version)) {
            return;
        }
        self.claims = session
            .claims_in(article)
            .into_iter()
            .filter(|c| !c.orphaned)
            .map(|c| (c.anchor.span, c.id))
            .collect();
        let mut max = 0;
        self.max_end = self
            .claims
            .iter()
            .map(|(span, _)| {
                max = max.max(span.end.0);
                max
            })
            .collect();
        self.key = Some((article, version));
    }

    /// The claims that overlap `range`, by start.
    fn overlapping(&self, range: Range<usize>) -> impl Iterator<Item = &(TextSpan, ClaimId)> {
        let low = self.max_end.partition_point(|end| *end <= range.start);
        let high = self
            .claims
            .partition_point(|(span, _)| span.start.0 < range.end)
            .max(low);
        self.claims[low..high]
            .iter()
            .filter(move |(span, _)| span.end.0 > range.start)
    }

    fn claims_at(&self, offset: usize) -> Vec<ClaimId> {
        self.overlapping(offset..offset + 1)
            .filter(|(span, _)| span.start.0 <= offset)
            .map(|(_, id)| *id)
            .collect()
    }

    /// The innermost claim at a byte offset.
    fn claim_at(&self, offset: usize) -> Option<ClaimId> {
        self.overlapping(offset..offset + 1)
            .filter(|(span, _)| span.start.0 <= offset)
            .min_by_key(|(span, _)| span.len())
            .map(|(_, id)| *id)
    }

    fn span_of(&self, claim: ClaimId) -> Option<TextSpan> {
        self.claims
            .iter()
            .find(|(_, id)| *id == claim)
            .map(|(span, _)| *span)
    }
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

#[derive(Clone, Copy, PartialEq)]
struct GalleyKey {
    article: ArticleId,
    /// Hash of what the block shows of its claims: ids, spans, party colours, facts.
    claims: u64,
    /// The selected claim and the fact in focus, when the block shows them.
    selected: Option<ClaimId>,
    focus_fact: Option<FactId>,
    dark: bool,
    wrap_width: f32,
    pixels_per_point: f32,
    /// Hash of the find query and which match is current, when the block has a match.
    find: u64,
    /// The part of the selection inside the block.
    selection: Option<(usize, usize)>,
    /// egui's font atlas resets (galleys point into it).
    atlas: u64,
}

/// What the reader keeps between frames: blocks and heights, the galleys of the blocks in
/// view, the claim index, find matches and the selection.
#[derive(Default)]
pub struct LayoutCache {
    index: ClaimIndex,
    blocks: Blocks,
    heights: Heights,
    galleys: HashMap<usize, (GalleyKey, Laid)>,
    /// Find matches for (article, version, query).
    find_key: Option<(ArticleId, u64, String)>,
    find_matches: Vec<Range<usize>>,
    /// The article folded to lower case for find, for (article, version).
    folded: Option<(ArticleId, u64, crate::model::search::Folded)>,
    caret: Option<Caret>,
    /// The horizontal position kept while moving up and down.
    column: Option<f32>,
    /// Show the caret (keyboard moves) or a span (scroll requests) next frame.
    reveal: Option<(usize, Option<Align>)>,
}

impl LayoutCache {
    fn find_matches(&mut self, article: &Article, version: u64, query: &str) -> &[Range<usize>] {
        let key = (article.id, version, query.to_owned());
        if self.find_key.as_ref() != Some(&key) {
            // Folded once per article version, searched at every key typed.
            let folded = match self.folded.take() {
                Some((id, at, folded)) if id == article.id && at == version => folded,
                _ => crate::model::search::Folded::new(&article.text),
            };
            self.find_matches = folded.find_all(query);
            self.folded = Some((article.id, version, folded));
            self.find_key = Some(key);
        }
        &self.find_matches
    }

    /// How many blocks are not yet measured (for tests and benches).
    pub fn unmeasured_blocks(&self) -> usize {
        self.heights.unmeasured
    }
}

/// What a block's layout depends on, besides the block itself.
struct Scene<'a> {
    session: &'a Session,
    article: &'a Article,
    index: &'a ClaimIndex,
    blocks: &'a [Block],
    find: &'a [Range<usize>],
    find_current: usize,
    find_hash: u64,
    selected: Option<ClaimId>,
    focus_fact: Option<FactId>,
    selection: Option<Range<usize>>,
    width: f32,
    /// How many blocks were laid out (not taken from the cache) this frame.
    laid_out: std::cell::Cell<usize>,
}

impl Scene<'_> {
    /// What a block's layout depends on. Only what the block shows counts, so selecting a
    /// claim or tagging one lays out again just the blocks it touches.
    fn key(&self, ui: &Ui, block: usize) -> GalleyKey {
        use std::hash::{Hash, Hasher};
        let range = &self.blocks[block].range;
        let selection = self.selection.as_ref().and_then(|s| {
            let from = s.start.max(range.start);
            let to = s.end.min(range.end);
            (from < to).then_some((from, to))
        });
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        let mut shows_selected = false;
        let mut shows_focus = false;
        for (span, id) in self.index.overlapping(range.clone()) {
            (span, id).hash(&mut hasher);
            if let Some(claim) = self.session.claim(*id) {
                self.session
                    .party(claim.party)
                    .map(|p| p.colour)
                    .hash(&mut hasher);
                shows_selected |= self.selected == Some(*id);
                shows_focus |= claim.fact.is_some() && claim.fact == self.focus_fact;
            }
        }
        let first_match = self.find.partition_point(|r| r.end <= range.start);
        let find = self
            .find
            .get(first_match)
            .filter(|r| r.start < range.end)
            .map_or(0, |_| self.find_hash);
        GalleyKey {
            article: self.article.id,
            claims: hasher.finish(),
            selected: self.selected.filter(|_| shows_selected),
            focus_fact: self.focus_fact.filter(|_| shows_focus),
            dark: ui.visuals().dark_mode,
            wrap_width: self.width,
            pixels_per_point: ui.pixels_per_point(),
            find,
            selection,
            atlas: crate::text::epoch(ui.ctx()),
        }
    }

    /// The laid-out block, from the cache when nothing it shows has changed. A block with
    /// right-to-left text is laid out in visual order (see [`crate::text`]).
    fn galley(
        &self,
        ui: &Ui,
        galleys: &mut HashMap<usize, (GalleyKey, Laid)>,
        block: usize,
    ) -> Laid {
        let key = self.key(ui, block);
        if let Some((cached, laid)) = galleys.get(&block)
            && *cached == key
        {
            return laid.clone();
        }
        self.laid_out.set(self.laid_out.get() + 1);
        let job = self.layout_job(ui, block, key.selection);
        let range = self.blocks[block].range.clone();
        let laid = crate::text::layout_block(ui, &job, &self.article.text, range, self.width);
        galleys.insert(block, (key, laid.clone()));
        laid
    }

    /// The byte offset nearest to a point of a block's galley (clamped to the block).
    fn offset(&self, block: usize, laid: &Laid, pos: Vec2) -> usize {
        let range = &self.blocks[block].range;
        laid.offset_at(&self.article.text, pos)
            .0
            .clamp(range.start, range.end)
    }

    /// A byte offset clamped to a block.
    fn clamp(&self, block: usize, offset: usize) -> ByteOffset {
        let range = &self.blocks[block].range;
        ByteOffset(offset.clamp(range.start, range.end))
    }

    /// Where an offset is drawn in a block's galley.
    fn caret(&self, block: usize, laid: &Laid, offset: usize) -> Rect {
        laid.caret_rect(&self.article.text, self.clamp(block, offset))
    }

    fn layout_job(&self, ui: &Ui, block: usize, selection: Option<(usize, usize)>) -> LayoutJob {
        let visuals = ui.visuals();
        let range = self.blocks[block].range.clone();
        let text = &self.article.text[range.clone()];
        let base = range.start;
        let plain = plain_format(visuals);
        let mut job = LayoutJob {
            text: text.to_owned(),
            ..LayoutJob::default()
        };
        job.wrap.max_width = self.width;

        let claims: Vec<(TextSpan, ClaimId)> =
            self.index.overlapping(range.clone()).copied().collect();
        let first_match = self.find.partition_point(|r| r.end <= range.start);
        let matches = self.find[first_match..]
            .iter()
            .take_while(|r| r.start < range.end);
        let clamp = |offset: usize| offset.clamp(range.start, range.end);
        let mut boundaries: Vec<usize> = Vec::with_capacity(claims.len() * 2 + 4);
        boundaries.extend([range.start, range.end]);
        for (span, _) in &claims {
            boundaries.extend([clamp(span.start.0), clamp(span.end.0)]);
        }
        for found in matches {
            boundaries.extend([clamp(found.start), clamp(found.end)]);
        }
        if let Some((from, to)) = selection {
            boundaries.extend([from, to]);
        }
        boundaries.retain(|b| self.article.text.is_char_boundary(*b));
        boundaries.sort_unstable();
        boundaries.dedup();

        let session = self.session;
        let mut next = 0; // next claim (by start) not yet active
        let mut active: Vec<(TextSpan, ClaimId)> = Vec::new();
        for pair in boundaries.windows(2) {
            let (from, to) = (pair[0], pair[1]);
            active.retain(|(span, _)| span.end.0 > from);
            while next < claims.len() && claims[next].0.start.0 <= from {
                if claims[next].0.end.0 > from {
                    active.push(claims[next]);
                }
                next += 1;
            }
            let mut format = plain.clone();
            let covering: Vec<&crate::model::Claim> = active
                .iter()
                .filter_map(|(_, id)| session.claim(*id))
                .collect();
            // The innermost claim (the one that started last) gives the colour.
            if let Some(top) = covering.last()
                && let Some(party) = session.party(top.party)
            {
                let emphasised = covering.iter().any(|c| {
                    Some(c.id) == self.selected || (c.fact.is_some() && c.fact == self.focus_fact)
                });
                format.background =
                    theme::claim_highlight(party.colour, visuals, covering.len(), emphasised);
                if let Some(other) = covering
                    .iter()
                    .rev()
                    .find(|c| c.party != top.party)
                    .and_then(|c| session.party(c.party))
                {
                    format.underline = Stroke::new(2.5, theme::party_colour(other.colour));
                }
                if emphasised {
                    format.color = theme::text_on(theme::party_colour(party.colour));
                }
            }
            // Find matches sit on top of claim colours: a yellow mark, the current one
            // outlined.
            let index = self.find.partition_point(|r| r.end <= from);
            if self
                .find
                .get(index)
                .is_some_and(|r| r.start <= from && from < r.end)
            {
                format.background = theme::find_highlight(index == self.find_current);
                format.color = egui::Color32::BLACK;
                if index == self.find_current {
                    format.underline = Stroke::new(2.0, egui::Color32::BLACK);
                }
            }
            // The selection on top of everything.
            if selection.is_some_and(|(a, b)| a <= from && from < b) {
                format.background = visuals.selection.bg_fill;
                format.color = visuals.selection.stroke.color;
            }
            job.sections.push(LayoutSection {
                leading_space: 0.0,
                byte_range: egui::text::ByteIndex(from - base)..egui::text::ByteIndex(to - base),
                format,
            });
        }
        job
    }
}

/// The article text's format where nothing is highlighted.
fn plain_format(visuals: &egui::Visuals) -> TextFormat {
    TextFormat {
        font_id: FontId::proportional(FONT_SIZE),
        color: visuals.text_color(),
        line_height: Some(LINE_HEIGHT),
        ..TextFormat::default()
    }
}

use crate::text::Laid;

/// A block laid out and placed on screen this frame.
struct Placed {
    block: usize,
    pos: Pos2,
    laid: Laid,
}

/// The byte offset under a screen position: the nearest place in the blocks in view.
fn hit(scene: &Scene, placed: &[Placed], pos: Pos2) -> Option<usize> {
    let index = placed
        .iter()
        .position(|p| pos.y < p.pos.y + p.laid.size().y + scene.blocks[p.block].gap() / 2.0)
        .unwrap_or(placed.len().checked_sub(1)?);
    let p = &placed[index];
    Some(scene.offset(p.block, &p.laid, pos - p.pos))
}

/// Where an offset is on screen, when its block is in view.
fn screen_rect(scene: &Scene, placed: &[Placed], offset: usize) -> Option<Rect> {
    let p = placed.iter().find(|p| {
        let range = &scene.blocks[p.block].range;
        range.start <= offset && offset <= range.end
    })?;
    Some(
        scene
            .caret(p.block, &p.laid, offset)
            .translate(p.pos.to_vec2()),
    )
}

pub fn reader_ui(
    ui: &mut Ui,
    document: &Document,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    let session = document.session();
    let Some(article) = view.article.and_then(|id| session.article(id)) else {
        empty_ui(ui, session.articles().is_empty());
        return;
    };

    let width = ui.available_width();
    let colour = ui.visuals().strong_text_color();
    ui.label(crate::text::styled(
        ui,
        article.meta.title.clone(),
        width,
        &egui::TextStyle::Heading,
        colour,
    ));
    let mut meta = Vec::new();
    if !article.meta.outlet.is_empty() {
        meta.push(article.meta.outlet.clone());
    }
    if let Some(date) = article.meta.published {
        meta.push(date.format("%e %B %Y").to_string().trim().to_owned());
    }
    meta.push(format!(
        "{} claims",
        document.analysis().claims_in_article(article.id)
    ));
    ui.label(RichText::new(meta.join(" · ")).weak());
    tag_bar_ui(ui, session, view, article.id, actions);
    find_bar_ui(ui, document, article, view);
    ui.separator();

    // The cache is taken out of the view state for the frame, so both can be changed.
    let mut cache = std::mem::take(&mut view.reader_cache);
    text_ui(ui, document, article, view, &mut cache, actions);
    view.reader_cache = cache;
}

fn text_ui(
    ui: &mut Ui,
    document: &Document,
    article: &Article,
    view: &mut ViewState,
    cache: &mut LayoutCache,
    actions: &mut Vec<Action>,
) {
    let session = document.session();
    let version = document.version();
    let text_id = egui::Id::unique(("reader-text", article.id));
    view.reader_id = Some(text_id);
    cache.index.sync(session, article.id, version);
    let width =
        (ui.available_width() - ui.spacing().scroll.bar_width - 8.0).clamp(40.0, MAX_TEXT_WIDTH);
    let blocks_changed = cache.blocks.sync(article, version);
    if blocks_changed {
        cache.galleys.clear();
    }
    cache
        .heights
        .sync(ui, &cache.blocks.list, blocks_changed, width);
    if cache.caret.is_some_and(|c| c.article != article.id) {
        cache.caret = None;
    }

    // Requests from the app: a selection to make, a selection to drop, a place to show.
    if let Some(selection) = view.select_in_reader.take()
        && selection.article == article.id
    {
        cache.caret = Some(Caret {
            article: article.id,
            anchor: selection.span.start.0,
            head: selection.span.end.0,
        });
        ui.memory_mut(|m| m.request_focus(text_id));
        cache.reveal = Some((selection.span.start.0, Some(Align::Center)));
    }
    if view.collapse_selection {
        view.collapse_selection = false;
        if let Some(caret) = &mut cache.caret {
            caret.anchor = caret.head;
        }
    }
    if let Some(claim_id) = view.scroll_to_claim
        && let Some(claim) = session.claim(claim_id)
        && claim.article == article.id
    {
        view.scroll_to_claim = None;
        cache.reveal = Some((claim.anchor.span.start.0, Some(Align::Center)));
    }
    if let Some((target, span)) = view.scroll_to_span
        && target == article.id
    {
        view.scroll_to_span = None;
        cache.reveal = Some((span.start.0, Some(Align::Center)));
    }

    let find_query = view
        .find
        .as_ref()
        .map(|f| f.query.clone())
        .unwrap_or_default();
    let find_current = view.find.as_ref().map_or(0, |f| f.current);
    let find_hash = {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        (&find_query, find_current).hash(&mut hasher);
        hasher.finish()
    };
    cache.find_matches(article, version, &find_query);
    let selected_fact = view
        .claim
        .and_then(|id| session.claim(id))
        .and_then(|c| c.fact);

    let LayoutCache {
        index,
        blocks,
        heights,
        galleys,
        find_matches,
        caret,
        column,
        reveal,
        ..
    } = cache;
    let mut scene = Scene {
        session,
        article,
        index,
        blocks: &blocks.list,
        find: find_matches,
        find_current,
        find_hash,
        selected: view.claim,
        focus_fact: view.focus_fact(selected_fact),
        selection: caret.map(Caret::range),
        width,
        laid_out: std::cell::Cell::new(0),
    };
    let before = *caret;
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
        keyboard(ui, &scene, galleys, caret, column);
        if *caret != before {
            *reveal = caret.map(|c| (c.head, None));
        }
    }

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

            // Lay out and place the blocks in view.
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

            // Scroll to a place asked for (its block laid out, so the row is exact).
            if let Some((offset, align)) = reveal.take()
                && let Some(block) = Blocks::locate_in(scene.blocks, offset)
            {
                let laid = scene.galley(ui, galleys, block);
                let row = scene.caret(block, &laid, offset);
                let rect = row.translate(egui::vec2(origin.x, origin.y + heights.top(block)));
                let margin = if align.is_some() {
                    LINE_HEIGHT * 2.0
                } else {
                    4.0
                };
                ui.scroll_to_rect(rect.expand(margin), align);
            } else if scene.laid_out.get() == 0 {
                // Only in frames with nothing else to lay out: scrolling stays light.
                measure_in_background(ui, &scene, heights, first);
            } else if heights.unmeasured > 0 {
                ui.ctx().request_repaint_after(MEASURE_AGAIN);
            }

            let visible = Rect::from_x_y_ranges(
                content.x_range(),
                (content.top() + viewport.min.y)..=(content.top() + viewport.max.y),
            );
            let response = ui.interact(visible, text_id, egui::Sense::click_and_drag());
            response.widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::TextInput,
                    true,
                    format!("Article text: {}", article.meta.title),
                )
            });
            pointer(ui, &scene, &placed, &response, caret, actions);
            scene.selection = caret.map(Caret::range);

            let painter = ui.painter();
            for p in &placed {
                painter.galley(p.pos, p.laid.galley().clone(), ui.visuals().text_color());
            }
            if response.has_focus()
                && let Some(caret) = *caret
                && let Some(rect) = screen_rect(&scene, &placed, caret.head)
            {
                let stroke = ui.visuals().text_cursor.stroke;
                painter.line_segment([rect.center_top(), rect.center_bottom()], stroke);
            }
            hover_ui(ui, &scene, &placed, &response, view);
            span_handles_ui(ui, &scene, &placed, view, actions);
        });

    // The selection as the app reads it.
    match *caret {
        Some(c) => {
            view.selection = (c.anchor != c.head).then(|| ReaderSelection {
                article: article.id,
                span: TextSpan::new(c.range().start, c.range().end),
            });
            view.cursor = Some((article.id, ByteOffset(c.head)));
        }
        None => view.selection = None,
    }
    if *caret != before {
        ui.ctx().request_repaint();
    }
}

/// Measures blocks not yet measured, a few per frame, so the scroll bar becomes exact.
/// Blocks above the view change the place of everything below; the scroll offset moves by
/// as much, so the text in view stays still.
fn measure_in_background(ui: &Ui, scene: &Scene, heights: &mut Heights, first_in_view: usize) {
    if heights.unmeasured == 0 {
        return;
    }
    let started = Instant::now();
    let mut done = 0;
    let mut shift_above = 0.0;
    let n = scene.blocks.len();
    while heights.unmeasured > 0 && (done < MEASURE_AT_LEAST || started.elapsed() < MEASURE_BUDGET)
    {
        let block = heights.measure_from % n;
        heights.measure_from = (block + 1) % n;
        if heights.measured[block] {
            continue;
        }
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
    if shift_above != 0.0 {
        ui.scroll_with_delta_animation(
            egui::vec2(0.0, -shift_above),
            egui::style::ScrollAnimation::none(),
        );
    }
    if heights.unmeasured > 0 {
        // Soon, not at once: input and other work go first.
        ui.ctx().request_repaint_after(MEASURE_AGAIN);
    }
}

fn previous_char(text: &str, offset: usize) -> usize {
    text[..offset]
        .chars()
        .next_back()
        .map_or(offset, |c| offset - c.len_utf8())
}

fn next_char(text: &str, offset: usize) -> usize {
    text[offset..]
        .chars()
        .next()
        .map_or(offset, |c| offset + c.len_utf8())
}

/// The word around an offset (empty between words).
fn word_at(text: &str, offset: usize) -> Range<usize> {
    let is_word = |c: char| c.is_alphanumeric() || c == '\'' || c == '’' || c == '-';
    let start = text[..offset]
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word(*c))
        .last()
        .map_or(offset, |(i, _)| i);
    let end = text[offset..]
        .char_indices()
        .find(|(_, c)| !is_word(*c))
        .map_or(text.len(), |(i, _)| offset + i);
    start..end
}

/// Moves the caret with the keyboard: arrows (with Ctrl by word), Home/End (with Ctrl to
/// the ends of the article), Shift to extend the selection, Ctrl+A, and copy.
fn keyboard(
    ui: &Ui,
    scene: &Scene,
    galleys: &mut HashMap<usize, (GalleyKey, Laid)>,
    caret: &mut Option<Caret>,
    column: &mut Option<f32>,
) {
    let text = &scene.article.text;
    let events = ui.input(|i| i.events.clone());
    for event in events {
        match event {
            Event::Copy | Event::Cut => {
                if let Some(c) = *caret
                    && c.anchor != c.head
                    && let Some(selected) = text.get(c.range())
                {
                    ui.ctx().copy_text(selected.to_owned());
                }
            }
            Event::Key {
                key,
                pressed: true,
                modifiers,
                ..
            } if !modifiers.alt => {
                let head = caret.map_or(0, |c| floor_char_boundary(text, c.head));
                let selection = caret.map(Caret::range).filter(|r| !r.is_empty());
                let collapse = !modifiers.shift && selection.is_some();
                // Ctrl on Linux and Windows, Cmd on a Mac (kittest may send either).
                let command = modifiers.command || modifiers.ctrl;
                let new_head = match key {
                    Key::ArrowLeft if collapse => selection.map(|r| r.start),
                    Key::ArrowRight if collapse => selection.map(|r| r.end),
                    Key::ArrowLeft if command => {
                        Some(previous_word_start(text, ByteOffset(head)).0)
                    }
                    Key::ArrowRight if command => Some(next_word_end(text, ByteOffset(head)).0),
                    Key::ArrowLeft => Some(previous_char(text, head)),
                    Key::ArrowRight => Some(next_char(text, head)),
                    Key::ArrowUp | Key::ArrowDown => {
                        vertical(ui, scene, galleys, head, key == Key::ArrowUp, column)
                    }
                    Key::Home if command => Some(0),
                    Key::End if command => Some(text.len()),
                    Key::Home | Key::End => Blocks::locate_in(scene.blocks, head).map(|block| {
                        let laid = scene.galley(ui, galleys, block);
                        // The start of a right-to-left row is at its right.
                        let moved = laid.row_edge(text, scene.clamp(block, head), key == Key::Home);
                        scene.clamp(block, moved.0).0
                    }),
                    Key::A if command => {
                        *caret = Some(Caret {
                            article: scene.article.id,
                            anchor: 0,
                            head: text.len(),
                        });
                        continue;
                    }
                    _ => None,
                };
                if let Some(new_head) = new_head {
                    let anchor = if modifiers.shift {
                        caret.map_or(head, |c| c.anchor)
                    } else {
                        new_head
                    };
                    *caret = Some(Caret {
                        article: scene.article.id,
                        anchor,
                        head: new_head,
                    });
                    if !matches!(key, Key::ArrowUp | Key::ArrowDown) {
                        *column = None;
                    }
                }
            }
            _ => {}
        }
    }
}

/// The offset one row up or down from `head`, across blocks, keeping the column.
fn vertical(
    ui: &Ui,
    scene: &Scene,
    galleys: &mut HashMap<usize, (GalleyKey, Laid)>,
    head: usize,
    up: bool,
    column: &mut Option<f32>,
) -> Option<usize> {
    let block = Blocks::locate_in(scene.blocks, head)?;
    let laid = scene.galley(ui, galleys, block);
    let text = &scene.article.text;
    let at = scene.clamp(block, head);
    let row = laid.row_of(text, at);
    let x = column.unwrap_or_else(|| laid.caret_rect(text, at).center().x);
    *column = Some(x);
    if up {
        if row > 0 {
            return Some(scene.clamp(block, laid.row_step(text, at, true, x).0).0);
        }
        if block == 0 {
            return Some(scene.blocks[0].range.start);
        }
        let above = scene.galley(ui, galleys, block - 1);
        let pos = egui::vec2(x, above.size().y - LINE_HEIGHT / 2.0);
        Some(scene.offset(block - 1, &above, pos))
    } else {
        if row + 1 < laid.rows() {
            return Some(scene.clamp(block, laid.row_step(text, at, false, x).0).0);
        }
        if block + 1 == scene.blocks.len() {
            return Some(scene.blocks[block].range.end);
        }
        let below = scene.galley(ui, galleys, block + 1);
        Some(scene.offset(block + 1, &below, egui::vec2(x, LINE_HEIGHT / 2.0)))
    }
}

/// Mouse selection: press to place the caret, drag to select (the view scrolls at its
/// edges), Shift+click to extend, double-click for a word, triple-click for a paragraph;
/// a plain click selects the innermost claim under the pointer, or none.
fn pointer(
    ui: &Ui,
    scene: &Scene,
    placed: &[Placed],
    response: &egui::Response,
    caret: &mut Option<Caret>,
    actions: &mut Vec<Action>,
) {
    if response.hovered() {
        ui.ctx().set_cursor_icon(egui::CursorIcon::Text);
    }
    let Some(pos) = response.interact_pointer_pos() else {
        return;
    };
    let Some(offset) = hit(scene, placed, pos) else {
        return;
    };
    let article = scene.article.id;
    let text = &scene.article.text;
    let (pressed, shift) = ui.input(|i| (i.pointer.primary_pressed(), i.modifiers.shift));
    if pressed && response.is_pointer_button_down_on() {
        response.request_focus();
        match caret {
            Some(c) if shift => c.head = offset,
            _ => {
                *caret = Some(Caret {
                    article,
                    anchor: offset,
                    head: offset,
                });
            }
        }
    }
    if response.dragged_by(egui::PointerButton::Primary) {
        if let Some(c) = caret {
            c.head = offset;
        }
        let rect = response.rect;
        let edge = 12.0;
        if pos.y > rect.bottom() - edge {
            ui.scroll_with_delta(egui::vec2(0.0, -(pos.y - rect.bottom() + edge).min(40.0)));
            ui.ctx().request_repaint();
        } else if pos.y < rect.top() + edge {
            ui.scroll_with_delta(egui::vec2(0.0, (rect.top() + edge - pos.y).min(40.0)));
            ui.ctx().request_repaint();
        }
    }
    let select = |range: Range<usize>| Caret {
        article,
        anchor: range.start,
        head: range.end,
    };
    if response.triple_clicked() {
        if let Some(block) = Blocks::locate_in(scene.blocks, offset) {
            *caret = Some(select(scene.blocks[block].range.clone()));
        }
    } else if response.double_clicked() {
        *caret = Some(select(word_at(text, offset)));
    } else if response.clicked() && !shift {
        actions.push(Action::SelectClaim(scene.index.claim_at(offset)));
    }
}

/// The offset under the pointer when it is over the text itself.
fn hit_text(scene: &Scene, placed: &[Placed], pos: Pos2) -> Option<usize> {
    let p = placed
        .iter()
        .find(|p| p.laid.rect().translate(p.pos.to_vec2()).contains(pos))?;
    Some(scene.offset(p.block, &p.laid, pos - p.pos))
}

/// Hovering a highlight shows its claims; the fact of the first stands out in every view.
fn hover_ui(
    ui: &Ui,
    scene: &Scene,
    placed: &[Placed],
    response: &egui::Response,
    view: &mut ViewState,
) {
    let Some(offset) = response
        .hover_pos()
        .and_then(|pos| hit_text(scene, placed, pos))
    else {
        return;
    };
    let session = scene.session;
    let under = scene.index.claims_at(offset);
    if let Some(first) = under.first().and_then(|id| session.claim(*id)) {
        view.hovered_fact = first.fact;
        let _ = ui;
        response.clone().on_hover_ui_at_pointer(|ui| {
            for claim in under.iter().filter_map(|id| session.claim(*id)) {
                super::claim_summary_ui(ui, session, claim);
            }
            ui.label(RichText::new("Click to select").weak().small());
        });
    }
}

/// Two handles on the selected claim's ends: drag one to move that end of the span.
fn span_handles_ui(
    ui: &Ui,
    scene: &Scene,
    placed: &[Placed],
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    let Some(claim_id) = view.claim else {
        return;
    };
    let Some(span) = scene.index.span_of(claim_id) else {
        return;
    };
    let colour = ui.visuals().strong_text_color();
    for start_end in [true, false] {
        let dragging = view
            .span_drag
            .filter(|d| d.claim == claim_id && d.start_end == start_end);
        let offset = dragging.map_or(if start_end { span.start } else { span.end }, |d| d.offset);
        let Some(caret) = screen_rect(scene, placed, offset.0) else {
            continue;
        };
        let bar = Rect::from_min_max(
            egui::pos2(caret.left() - 1.5, caret.top()),
            egui::pos2(caret.left() + 1.5, caret.bottom()),
        );
        let knob = if start_end {
            bar.center_top()
        } else {
            bar.center_bottom()
        };
        let id = ui.scope_id().with(("span-handle", claim_id, start_end));
        let response = ui
            .interact(bar.expand2(Vec2::new(5.0, 2.0)), id, egui::Sense::drag())
            .on_hover_cursor(egui::CursorIcon::ResizeHorizontal)
            .on_hover_text(if start_end {
                "Drag to move the start of the claim (Alt+Shift+Left/Right)"
            } else {
                "Drag to move the end of the claim (Alt+Left/Right)"
            });
        response.widget_info(|| {
            egui::WidgetInfo::labeled(
                egui::Role::Slider,
                true,
                if start_end {
                    "Start of claim"
                } else {
                    "End of claim"
                },
            )
        });
        let painter = ui.painter();
        painter.rect_filled(bar, 1.0, colour);
        painter.circle_filled(knob, 4.0, colour);
        if response.dragged()
            && let Some(pointer) = response.interact_pointer_pos()
            && let Some(offset) = hit(scene, placed, pointer)
        {
            view.span_drag = Some(SpanDrag {
                claim: claim_id,
                start_end,
                offset: ByteOffset(offset),
            });
        }
        if response.drag_stopped()
            && let Some(drag) = view.span_drag.take()
        {
            let new_span = if start_end {
                TextSpan {
                    start: drag.offset.min(span.end),
                    end: span.end,
                }
            } else {
                TextSpan {
                    start: span.start,
                    end: drag.offset.max(span.start),
                }
            };
            actions.push(Action::Respan {
                claim: claim_id,
                span: new_span,
                label: "Drag claim boundary".into(),
            });
        }
    }
}

fn find_bar_ui(ui: &mut Ui, document: &Document, article: &Article, view: &mut ViewState) {
    let Some(find) = &mut view.find else {
        return;
    };
    let mut close = false;
    let mut step: i64 = 0;
    let mut scroll = false;
    ui.horizontal(|ui| {
        let field = ui.add(
            egui::TextEdit::singleline(&mut find.query)
                .hint_text("Find in article")
                .desired_width(240.0),
        );
        field.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::SearchInput, true, "Find in article")
        });
        if find.focus {
            field.request_focus();
            find.focus = false;
        }
        if field.changed() {
            find.current = 0;
            scroll = true;
        }
        if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            step = if ui.input(|i| i.modifiers.shift) {
                -1
            } else {
                1
            };
            field.request_focus();
        }
        if field.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            close = true;
        }
        let count = view
            .reader_cache
            .find_matches(article, document.version(), &find.query)
            .len();
        if count == 0 {
            if !find.query.is_empty() {
                ui.label(RichText::new("no matches").weak());
            }
        } else {
            ui.label(format!("{} of {count}", find.current.min(count - 1) + 1));
        }
        if ui
            .add_enabled(count > 0, egui::Button::new("Previous"))
            .on_hover_text("Previous match (Shift+Enter)")
            .clicked()
        {
            step = -1;
        }
        if ui
            .add_enabled(count > 0, egui::Button::new("Next"))
            .on_hover_text("Next match (Enter)")
            .clicked()
        {
            step = 1;
        }
        if ui.button("✖").on_hover_text("Close (Esc)").clicked() {
            close = true;
        }
    });
    let matches = view
        .reader_cache
        .find_matches(article, document.version(), &find.query);
    if let Ok(count) = i64::try_from(matches.len())
        && count > 0
    {
        let current = i64::try_from(find.current).unwrap_or(0) + step;
        find.current = usize::try_from(current.rem_euclid(count)).unwrap_or(0);
        if step != 0 || scroll {
            let range = matches[find.current].clone();
            view.scroll_to_span = Some((article.id, TextSpan::new(range.start, range.end)));
        }
    }
    if close {
        view.find = None;
    }
}

fn tag_bar_ui(
    ui: &mut Ui,
    session: &Session,
    view: &ViewState,
    article: ArticleId,
    actions: &mut Vec<Action>,
) {
    let has_selection = view.selection.is_some_and(|s| s.article == article);
    ui.horizontal_wrapped(|ui| {
        ui.label(if has_selection {
            "Tag selection as:"
        } else {
            "Select text, then tag it as:"
        });
        for (index, party) in session.parties().iter().enumerate() {
            let key = PARTY_KEYS.get(index).map(|k| k.name());
            let label = match key {
                Some(key) => format!("{key}  {}", party.name),
                None => party.name.clone(),
            };
            let button = egui::Button::new(RichText::new(label).strong())
                .fill(theme::party_colour(party.colour).gamma_multiply(0.35))
                .stroke(Stroke::new(1.5, theme::party_colour(party.colour)));
            let response = ui
                .add_enabled(has_selection, button)
                .on_hover_text(format!(
                    "Tag the selected text as a claim by {}",
                    party.name
                ))
                .on_disabled_hover_text("Select some text in the article first");
            if response.clicked() {
                actions.push(Action::Tag {
                    party: party.id,
                    selection: view.selection,
                });
            }
        }
    });
}

fn empty_ui(ui: &mut Ui, no_articles: bool) {
    ui.add_space(40.0);
    ui.vertical_centered(|ui| {
        if no_articles {
            ui.heading("No articles yet");
            ui.label("Open articles with File › Open articles… (Ctrl+Shift+O), or drop .txt / .md files onto the window.");
        } else {
            ui.heading("No article selected");
            ui.label("Choose an article in the list on the left.");
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_the_non_blank_lines() {
        let text = "First paragraph.\n\n  \nSecond one.\nThird.";
        let blocks = split_blocks(text);
        let texts: Vec<&str> = blocks.iter().map(|b| &text[b.range.clone()]).collect();
        assert_eq!(texts, ["First paragraph.", "Second one.", "Third."]);
        assert!(blocks.iter().all(|b| b.ends_paragraph));
    }

    #[test]
    fn long_paragraphs_are_cut_at_sentence_ends_on_char_boundaries() {
        for sentence in [
            "Удар был ошибкой, заявили в Вашингтоне. ",
            "قالت دمشق إن الغارة دليل على الدعم. ",
            "The raid 🛩️ was called off at once. ",
            "NoSpacesAtAllInThisVeryLongWordé",
        ] {
            let text = sentence.repeat(400);
            let blocks = split_blocks(&text);
            assert!(blocks.len() > 1, "{sentence}");
            let mut end = 0;
            for block in &blocks {
                assert_eq!(block.range.start, end, "blocks are contiguous");
                assert!(text.is_char_boundary(block.range.start));
                assert!(text.is_char_boundary(block.range.end));
                assert!(block.range.len() <= MAX_BLOCK_BYTES + 4);
                assert_eq!(block.chars, text[block.range.clone()].chars().count());
                end = block.range.end;
            }
            assert_eq!(end, text.len());
            assert!(blocks.last().is_some_and(|b| b.ends_paragraph));
            if sentence.contains(". ") {
                for block in &blocks[..blocks.len() - 1] {
                    assert!(text[block.range.clone()].ends_with(". "), "{sentence}");
                }
            }
        }
    }

    #[test]
    fn the_claim_index_finds_the_claims_over_a_range() {
        let claims = [(0, 50), (10, 12), (20, 30), (60, 70), (65, 200)];
        let mut index = ClaimIndex::default();
        for (n, (start, end)) in claims.iter().enumerate() {
            index
                .claims
                .push((TextSpan::new(*start, *end), ClaimId(n as u64)));
        }
        let mut max = 0;
        index.max_end = index
            .claims
            .iter()
            .map(|(s, _)| {
                max = max.max(s.end.0);
                max
            })
            .collect();
        let ids = |range: Range<usize>| -> Vec<u64> {
            index.overlapping(range).map(|(_, id)| id.0).collect()
        };
        assert_eq!(ids(0..5), [0]);
        assert_eq!(ids(11..25), [0, 1, 2]);
        assert_eq!(ids(50..60), Vec::<u64>::new());
        assert_eq!(ids(100..101), [4]);
        assert_eq!(index.claim_at(11), Some(ClaimId(1)));
        assert_eq!(index.claim_at(66), Some(ClaimId(3)));
        assert_eq!(index.claim_at(55), None);
    }

    #[test]
    fn words_and_characters_step_over_whole_code_points() {
        let text = "Он сказал: «قطع دليل» 🛩️ now";
        let arabic = text.find("قطع").expect("in text");
        assert_eq!(&text[word_at(text, arabic + 2)], "قطع");
        let russian = text.find("сказал").expect("in text");
        assert_eq!(&text[word_at(text, russian)], "сказал");
        let mut offset = 0;
        let mut steps = 0;
        while offset < text.len() {
            offset = next_char(text, offset);
            assert!(text.is_char_boundary(offset));
            steps += 1;
        }
        assert_eq!(steps, text.chars().count());
        while offset > 0 {
            offset = previous_char(text, offset);
            assert!(text.is_char_boundary(offset));
        }
    }
}
