//! What a frame of the reader lays out: each block's galley with its claims highlighted,
//! the find matches and the selection on top, kept while nothing it shows changes; and
//! where an offset is on screen among the blocks placed in view.

use std::ops::Range;

use egui::text::{LayoutJob, LayoutSection};
use egui::{FontId, Pos2, Rect, Stroke, TextFormat, Ui, Vec2};
use rustc_hash::FxHashMap as HashMap;

use super::blocks::Block;
use super::{FONT_SIZE, LINE_HEIGHT};
use crate::model::{Article, ArticleId, ByteOffset, ClaimId, FactId, Session, SpanIndex, TextSpan};
use crate::text::Laid;
use crate::ui::theme;

/// The galleys of the blocks in view, by block, with what they were laid out from.
pub type Galleys = HashMap<usize, (GalleyKey, Laid)>;

#[derive(Clone, Copy, PartialEq)]
pub struct GalleyKey {
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
    /// The font epoch (galleys point into egui's font atlas).
    atlas: u64,
}

/// What a block's layout depends on, besides the block itself.
pub struct Scene<'a> {
    pub session: &'a Session,
    pub article: &'a Article,
    pub index: &'a SpanIndex,
    pub blocks: &'a [Block],
    pub find: &'a [Range<usize>],
    pub find_current: usize,
    pub find_hash: u64,
    pub selected: Option<ClaimId>,
    pub focus_fact: Option<FactId>,
    pub selection: Option<Range<usize>>,
    pub width: f32,
    /// How many blocks were laid out (not taken from the cache) this frame.
    pub laid_out: std::cell::Cell<usize>,
}

impl Scene<'_> {
    /// What a block's layout depends on. Only what the block shows counts, so selecting a
    /// claim or tagging one lays out again just the blocks it touches.
    pub fn key(&self, ui: &Ui, block: usize) -> GalleyKey {
        use std::hash::{Hash, Hasher};
        let range = &self.blocks[block].range;
        let selection = self.selection.as_ref().and_then(|s| {
            let from = s.start.max(range.start);
            let to = s.end.min(range.end);
            (from < to).then_some((from, to))
        });
        let mut hasher = rustc_hash::FxHasher::default();
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
    pub fn galley(&self, ui: &Ui, galleys: &mut Galleys, block: usize) -> Laid {
        let key = self.key(ui, block);
        if let Some((cached, laid)) = galleys.get(&block)
            && *cached == key
        {
            return laid.clone();
        }
        self.laid_out.set(self.laid_out.get() + 1);
        let job = self.layout_job(ui, block, key.selection);
        let range = self.blocks[block].range.clone();
        let span = TextSpan::new(range.start, range.end);
        let laid = crate::text::layout_block(ui, &job, &self.article.text, span, self.width);
        galleys.insert(block, (key, laid.clone()));
        laid
    }

    /// The byte offset nearest to a point of a block's galley (clamped to the block).
    pub fn offset(&self, block: usize, laid: &Laid, pos: Vec2) -> usize {
        let range = &self.blocks[block].range;
        laid.offset_at(&self.article.text, pos)
            .0
            .clamp(range.start, range.end)
    }

    /// A byte offset clamped to a block.
    pub fn clamp(&self, block: usize, offset: usize) -> ByteOffset {
        let range = &self.blocks[block].range;
        ByteOffset(offset.clamp(range.start, range.end))
    }

    /// Where an offset is drawn in a block's galley.
    pub fn caret(&self, block: usize, laid: &Laid, offset: usize) -> Rect {
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
pub fn plain_format(visuals: &egui::Visuals) -> TextFormat {
    TextFormat {
        font_id: FontId::proportional(FONT_SIZE),
        color: visuals.text_color(),
        line_height: Some(LINE_HEIGHT),
        ..TextFormat::default()
    }
}

/// A block laid out and placed on screen this frame.
pub struct Placed {
    pub block: usize,
    pub pos: Pos2,
    pub laid: Laid,
}

/// The byte offset under a screen position: the nearest place in the blocks in view.
pub fn hit(scene: &Scene, placed: &[Placed], pos: Pos2) -> Option<usize> {
    let index = placed
        .iter()
        .position(|p| pos.y < p.pos.y + p.laid.size().y + scene.blocks[p.block].gap() / 2.0)
        .unwrap_or(placed.len().checked_sub(1)?);
    let p = &placed[index];
    Some(scene.offset(p.block, &p.laid, pos - p.pos))
}

/// Where an offset is on screen, when its block is in view.
pub fn screen_rect(scene: &Scene, placed: &[Placed], offset: usize) -> Option<Rect> {
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

/// The offset under the pointer when it is over the text itself.
pub fn hit_text(scene: &Scene, placed: &[Placed], pos: Pos2) -> Option<usize> {
    let p = placed
        .iter()
        .find(|p| p.laid.rect().translate(p.pos.to_vec2()).contains(pos))?;
    Some(scene.offset(p.block, &p.laid, pos - p.pos))
}
