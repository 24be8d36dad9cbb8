//! One article as both analysts tagged it: its paragraphs in rows, A's claims on the left,
//! B's (placed in A's text) on the right, each in its party's colour. Claims in a
//! disagreement not yet settled are underlined in the error colour; the current one is
//! drawn strong. Only the rows in view are laid out (the reader's virtual list), and the
//! text goes through `crate::text`, so right-to-left paragraphs read right.

use egui::text::{LayoutJob, LayoutSection};
use egui::{RichText, Sense, Stroke, Ui};
use rustc_hash::FxHashMap as HashMap;

use super::{Other, Row};
use crate::history::Document;
use crate::model::{ArticleId, ClaimId, Rgb, TextSpan};
use crate::text::Laid;
use crate::ui::reader::{Block, split_blocks};
use crate::ui::theme;
use crate::ui::virtual_list::{Placement, RowKey, VirtualList, show_rows};

/// One side's claims in the shown article: span, claim, party colour; by start.
struct Layer {
    spans: Vec<(TextSpan, ClaimId, Rgb)>,
    longest: usize,
}

impl Layer {
    fn new(mut spans: Vec<(TextSpan, ClaimId, Rgb)>) -> Self {
        spans.sort_by_key(|(s, id, _)| (s.start, s.end, *id));
        let longest = spans.iter().map(|(s, _, _)| s.len()).max().unwrap_or(0);
        Self { spans, longest }
    }

    /// The claims meeting `range`, by start.
    fn meeting(&self, range: std::ops::Range<usize>) -> &[(TextSpan, ClaimId, Rgb)] {
        let from = self
            .spans
            .partition_point(|(s, _, _)| s.start.0 + self.longest < range.start);
        let to = self
            .spans
            .partition_point(|(s, _, _)| s.start.0 < range.end);
        &self.spans[from..to.max(from)]
    }
}

#[derive(Default)]
pub struct SideBySide {
    article: Option<ArticleId>,
    text_len: usize,
    blocks: Vec<Block>,
    heights: VirtualList,
    reveal: Option<(RowKey, u8)>,
    /// A row to scroll to once its article is shown.
    pending: Option<Row>,
    /// Laid-out paragraphs by (block, side), valid while `galleys_key` is.
    galleys: HashMap<(usize, bool), Laid>,
    galleys_key: u64,
}

impl SideBySide {
    /// Scrolls to `row` the next time it is shown.
    pub fn reveal(&mut self, row: &Row) {
        self.pending = Some(row.clone());
    }

    /// Scrolls to the disagreement asked for, by the block holding its start, once its
    /// article is the one shown.
    fn scroll_to_pending(&mut self, document: &Document, article_id: ArticleId) {
        let Some(row) = self.pending.take() else {
            return;
        };
        if row.article != article_id {
            self.pending = Some(row);
            return;
        }
        let start = row
            .a
            .and_then(|a| document.session().claim(a))
            .map(|c| c.anchor.span.start.0)
            .or(row.b_span.map(|s| s.start.0));
        if let Some(start) = start {
            let block = self
                .blocks
                .partition_point(|b| b.range.start <= start)
                .saturating_sub(1);
            self.reveal = Some((block as RowKey, 0));
        }
    }

    /// Shows the article; returns the index (in `other.rows`) of a disagreement clicked.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        document: &Document,
        other: &Other,
        article_id: ArticleId,
        (open, current): (&[(usize, &Row)], Option<&Row>),
    ) -> Option<usize> {
        let session = document.session();
        let article = session.article(article_id)?;
        let text = &article.text;
        if self.article != Some(article_id) || self.text_len != text.len() {
            self.article = Some(article_id);
            self.text_len = text.len();
            self.blocks = split_blocks(text);
            self.heights = VirtualList::default();
            self.galleys.clear();
        }
        let (a_layer, b_layer) = layers(document, other, article_id);
        let marked_a: Vec<ClaimId> = open.iter().filter_map(|(_, r)| r.a).collect();
        let marked_b: Vec<ClaimId> = open.iter().filter_map(|(_, r)| r.b).collect();
        let current_ids = current.map_or((None, None), |r| (r.a, r.b));
        let key = {
            use std::hash::{Hash, Hasher};
            let mut hasher = rustc_hash::FxHasher::default();
            (
                document.version(),
                other.compared_at,
                open.len(),
                current_ids,
                ui.visuals().dark_mode,
                crate::text::epoch(ui.ctx()),
            )
                .hash(&mut hasher);
            hasher.finish()
        };
        if key != self.galleys_key {
            self.galleys.clear();
            self.galleys_key = key;
        }
        self.scroll_to_pending(document, article_id);
        let gap = 16.0;
        let column = ((ui.available_width() - gap) / 2.0).max(120.0);
        ui.horizontal(|ui| {
            let me = if session.analyst().is_empty() {
                "A (this session)".to_owned()
            } else {
                format!("A: {}", session.analyst())
            };
            ui.add_sized(
                [column, 18.0],
                egui::Label::new(RichText::new(me).strong()).truncate(),
            );
            ui.add_space(gap - ui.spacing().item_spacing.x);
            ui.add_sized(
                [column, 18.0],
                egui::Label::new(RichText::new(format!("B: {}", other.name())).strong()).truncate(),
            );
        });
        let keys: Vec<RowKey> = (0..self.blocks.len()).map(|i| i as RowKey).collect();
        let mut clicked: Option<(bool, usize)> = None;
        let visuals = ui.visuals().clone();
        egui::ScrollArea::vertical()
            .id_salt(("team-side-by-side", article_id))
            .auto_shrink([false, false])
            .show_viewport(ui, |ui, viewport| {
                let origin = ui.max_rect().min;
                let Self {
                    blocks,
                    heights,
                    reveal,
                    galleys,
                    ..
                } = self;
                let height = show_rows(
                    ui,
                    Placement {
                        origin,
                        top: 0.0,
                        width: column * 2.0 + gap,
                    },
                    viewport,
                    (heights, &keys),
                    reveal,
                    |i| (blocks[i].chars as f32 / (column / 7.5)).ceil().max(1.0) * 20.0 + 12.0,
                    |ui, i| {
                        let block = &blocks[i];
                        ui.horizontal_top(|ui| {
                            for (side, layer, marked) in
                                [(false, &a_layer, &marked_a), (true, &b_layer, &marked_b)]
                            {
                                let current = if side { current_ids.1 } else { current_ids.0 };
                                let laid = galleys
                                    .entry((i, side))
                                    .or_insert_with(|| {
                                        let job = layer_job(
                                            &visuals,
                                            text,
                                            block.range.clone(),
                                            layer,
                                            marked,
                                            current,
                                        );
                                        crate::text::layout_block(
                                            ui,
                                            &job,
                                            text,
                                            TextSpan::new(block.range.start, block.range.end),
                                            column,
                                        )
                                    })
                                    .clone();
                                let (rect, response) = ui.allocate_exact_size(
                                    egui::vec2(column, laid.size().y),
                                    // Clicks, not focus: the Team keys keep working.
                                    Sense::CLICK,
                                );
                                ui.painter().galley(
                                    rect.min,
                                    laid.galley().clone(),
                                    visuals.text_color(),
                                );
                                if response.clicked()
                                    && let Some(pos) = response.interact_pointer_pos()
                                {
                                    let offset = laid.offset_at(text, pos - rect.min).0;
                                    clicked = Some((side, offset));
                                }
                                if !side {
                                    ui.add_space(gap - ui.spacing().item_spacing.x);
                                }
                            }
                        });
                        ui.add_space(block.gap());
                    },
                );
                ui.allocate_rect(
                    egui::Rect::from_min_size(
                        origin,
                        egui::vec2(column * 2.0 + gap, height.max(20.0)),
                    ),
                    Sense::hover(),
                );
            });
        // A click on a claim in a disagreement makes it the current one.
        let (side, offset) = clicked?;
        open.iter()
            .find(|(_, row)| {
                let span = if side {
                    row.b_span
                } else {
                    row.a.and_then(|a| session.claim(a)).map(|c| c.anchor.span)
                };
                span.is_some_and(|s| s.start.0 <= offset && offset < s.end.0)
            })
            .map(|(index, _)| *index)
    }
}

/// A's claims in the shown article, and B's placed in A's text.
fn layers(document: &Document, other: &Other, article_id: ArticleId) -> (Layer, Layer) {
    let session = document.session();
    let text = session.article(article_id).map_or("", |a| a.text.as_str());
    let a_layer = Layer::new(
        session
            .claims_in(article_id)
            .into_iter()
            .filter(|c| !c.orphaned)
            .filter_map(|c| Some((c.anchor.span, c.id, session.party(c.party)?.colour)))
            .collect(),
    );
    let placed = other.report.articles.iter().find(|r| r.a == article_id);
    let b_layer = Layer::new(placed.map_or_else(Vec::new, |r| {
        r.placed_b
            .iter()
            .filter(|(_, s)| s.is_valid_in(text))
            .filter_map(|(id, s)| {
                let claim = other.session.claim(*id)?;
                Some((*s, *id, other.session.party(claim.party)?.colour))
            })
            .collect()
    }));
    (a_layer, b_layer)
}

/// A paragraph of one side: its claims in their party's colours, the ones in an open
/// disagreement underlined, the current one strong.
fn layer_job(
    visuals: &egui::Visuals,
    text: &str,
    range: std::ops::Range<usize>,
    layer: &Layer,
    marked: &[ClaimId],
    current: Option<ClaimId>,
) -> LayoutJob {
    let base = range.start;
    let plain = crate::ui::reader::plain_format(visuals);
    let mut job = LayoutJob {
        text: text[range.clone()].to_owned(),
        ..LayoutJob::default()
    };
    let claims = layer.meeting(range.clone());
    let clamp = |o: usize| o.clamp(range.start, range.end);
    let mut cuts: Vec<usize> = vec![range.start, range.end];
    for (span, _, _) in claims {
        cuts.extend([clamp(span.start.0), clamp(span.end.0)]);
    }
    cuts.retain(|c| text.is_char_boundary(*c));
    cuts.sort_unstable();
    cuts.dedup();
    for pair in cuts.windows(2) {
        let (from, to) = (pair[0], pair[1]);
        let covering: Vec<&(TextSpan, ClaimId, Rgb)> = claims
            .iter()
            .filter(|(s, _, _)| s.start.0 <= from && from < s.end.0)
            .collect();
        let mut format = plain.clone();
        if let Some((_, id, colour)) = covering.last() {
            let strong = covering.iter().any(|(_, c, _)| Some(*c) == current);
            format.background = theme::claim_highlight(*colour, visuals, covering.len(), strong);
            if strong {
                format.color = theme::text_on(theme::party_colour(*colour));
            }
            if covering.iter().any(|(_, c, _)| marked.contains(c)) || marked.contains(id) {
                format.underline = Stroke::new(2.0, theme::error_colour(visuals));
            }
        }
        job.sections.push(LayoutSection {
            leading_space: 0.0,
            byte_range: egui::text::ByteIndex(from - base)..egui::text::ByteIndex(to - base),
            format,
        });
    }
    job
}
