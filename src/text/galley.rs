//! Galleys put together from words shaped once: the only place that reads or writes
//! epaint's glyph layout (`Galley`, `Row`, `PlacedRow`, `RowVisuals`, `Glyph`). egui lays a
//! job out left to right in logical order and has no bidi; here each word is shaped on its
//! own (and kept, see [`super::cache`]), rows are broken by [`super::breaking`], ordered
//! visually by the Unicode Bidirectional Algorithm, and the galley is assembled from the
//! words' glyphs and meshes, with a map back to the article ([`OffsetMap`]).
//!
//! When egui gains bidi (PR #8577, or the Parley work), the assembly and the glyph search
//! here give way to egui's own layout, and [`Laid`] keeps its methods: see
//! docs/text-layout.md.

use std::ops::Range;
use std::sync::Arc;

use egui::text::{CCursor, LayoutJob, LayoutSection};
use egui::{Galley, Rect, Ui, Vec2};
use unicode_bidi::ParagraphBidiInfo;

use super::direction::{has_rtl, mirrored, paragraph_level};
use super::map::{GalleyIndex, OffsetMap, Piece};
use crate::model::{ByteOffset, TextSpan};

/// One piece to lay out.
struct Part {
    bytes: Range<usize>,
    format: egui::TextFormat,
    /// Should its glyphs read right to left?
    rtl: bool,
    /// Give egui its characters in reverse (it did not turn it around itself).
    flip: bool,
    row: usize,
}

/// A paragraph laid out and mapped back to the article: what the reader draws, hits and
/// moves the caret in. Cheap to clone.
#[derive(Clone)]
pub struct Laid {
    galley: Arc<Galley>,
    map: Arc<OffsetMap>,
}

impl Laid {
    pub fn galley(&self) -> &Arc<Galley> {
        &self.galley
    }

    pub fn size(&self) -> Vec2 {
        self.galley.size()
    }

    /// The galley's bounds, relative to where it is drawn.
    pub fn rect(&self) -> Rect {
        self.galley.rect
    }

    /// Whether the paragraph runs right to left (Home and End swap sides).
    pub fn rtl(&self) -> bool {
        self.map.rtl
    }

    pub fn rows(&self) -> usize {
        self.galley.rows.len()
    }

    /// The article offset nearest to a point (relative to the galley), in `text`.
    pub fn offset_at(&self, text: &str, pos: Vec2) -> ByteOffset {
        self.offset_of(text, self.galley.cursor_from_pos(pos))
    }

    /// Where an article offset is drawn: a zero-width rectangle one row high.
    pub fn caret_rect(&self, text: &str, offset: ByteOffset) -> Rect {
        self.galley.pos_from_cursor(self.cursor_of(text, offset))
    }

    /// The rectangles a span covers, one per row (relative to the galley): for outlining
    /// it. Rows between its ends are covered whole; in a right-to-left paragraph the first
    /// row runs from its start leftwards and the last ends at its end.
    pub fn span_rects(&self, text: &str, span: TextSpan) -> Vec<Rect> {
        let start = self.caret_rect(text, span.start);
        let end = self.caret_rect(text, span.end);
        let (first, last) = (self.row_of(text, span.start), self.row_of(text, span.end));
        let rtl = self.rtl();
        (first..=last)
            .filter_map(|r| {
                let row = self.galley.rows.get(r)?.rect();
                let (mut left, mut right) = (row.left(), row.right());
                if r == first {
                    if rtl {
                        right = start.center().x;
                    } else {
                        left = start.center().x;
                    }
                }
                if r == last {
                    if rtl {
                        left = end.center().x;
                    } else {
                        right = end.center().x;
                    }
                }
                let (left, right) = (left.min(right), left.max(right));
                (right - left > 0.5)
                    .then(|| Rect::from_x_y_ranges(left..=right, row.top()..=row.bottom()))
            })
            .collect()
    }

    /// The row an offset is on.
    pub fn row_of(&self, text: &str, offset: ByteOffset) -> usize {
        self.galley
            .layout_from_cursor(self.cursor_of(text, offset))
            .row
    }

    /// The start of the offset's row as read (its right end in a right-to-left paragraph)
    /// when `home`, else its end as read.
    pub fn row_edge(&self, text: &str, offset: ByteOffset, home: bool) -> ByteOffset {
        let cursor = self.cursor_of(text, offset);
        let moved = if home == self.rtl() {
            self.galley.cursor_end_of_row(&cursor)
        } else {
            self.galley.cursor_begin_of_row(&cursor)
        };
        self.offset_of(text, moved)
    }

    /// The offset one row up or down at `x`, inside this paragraph.
    pub fn row_step(&self, text: &str, offset: ByteOffset, up: bool, x: f32) -> ByteOffset {
        let cursor = self.cursor_of(text, offset);
        let (moved, _) = if up {
            self.galley.cursor_up_one_row(&cursor, Some(x))
        } else {
            self.galley.cursor_down_one_row(&cursor, Some(x))
        };
        self.offset_of(text, moved)
    }

    fn offset_of(&self, text: &str, cursor: CCursor) -> ByteOffset {
        self.map.offset(text, GalleyIndex(cursor.index.0))
    }

    fn cursor_of(&self, text: &str, offset: ByteOffset) -> CCursor {
        CCursor::new(self.map.galley_index(text, offset).0)
    }
}

/// Shapes a piece (a word or a space in one format) on its own and keeps it, by text and
/// format, until the font epoch changes (see [`super::cache`]), so words met again are not
/// shaped again.
fn shaped(ui: &Ui, piece: &str, format: &egui::TextFormat) -> Arc<Galley> {
    use std::hash::{Hash, Hasher};
    // The row draws backgrounds and underlines (see [`RowBuilder`]).
    let format = &egui::TextFormat {
        background: egui::Color32::TRANSPARENT,
        underline: egui::Stroke::NONE,
        ..format.clone()
    };
    let mut hasher = rustc_hash::FxHasher::default();
    (piece, format).hash(&mut hasher);
    let key = hasher.finish();
    if let Some(known) = super::cache::piece(ui.ctx(), key) {
        return known;
    }
    let mut job = LayoutJob::single_section(piece.to_owned(), format.clone());
    // Exact advances, so that words placed one after another land where egui would put
    // them (the glyphs are snapped to pixels when drawn).
    job.round_output_to_gui = false;
    job.keep_trailing_whitespace = true;
    let galley = ui.fonts_mut(|fonts| fonts.layout_job(job));
    super::cache::keep_piece(ui.ctx(), key, galley.clone());
    galley
}

/// How wide a piece is drawn, shaped as for drawing (so a word measured is drawn without
/// shaping again).
fn piece_width(ui: &Ui, piece: &str, format: &egui::TextFormat) -> f32 {
    shaped(ui, piece, format).rows.first().map_or(0.0, advance)
}

/// The bidi levels of a paragraph with right-to-left text (none for the rest, which is one
/// left-to-right run a row).
fn bidi_info(text: &str) -> Option<ParagraphBidiInfo<'_>> {
    has_rtl(text).then(|| ParagraphBidiInfo::new(text, Some(paragraph_level(text))))
}

/// How many rows a paragraph breaks into at `width`: its height without laying it out. It
/// is what [`layout_block`] lays out.
pub fn count_rows(ui: &Ui, text: &str, format: &egui::TextFormat, width: f32) -> usize {
    let bidi = bidi_info(text);
    super::breaking::break_rows(text, width, bidi.as_ref().map(|b| &b.levels[..]), |piece| {
        piece_width(ui, piece, format)
    })
    .len()
}

/// Lays out a block of `text` (its sections index the block's bytes) in visual order,
/// word by word: left-to-right text too, so the reader lays every block out the same way
/// and can measure it cheaply.
pub fn layout_block(ui: &Ui, logical: &LayoutJob, text: &str, block: TextSpan, width: f32) -> Laid {
    let block = block.range();
    let block_text = &text[block.clone()];
    let base = block.start;
    // Widths do not depend on colours: measure in the format most of the block is in, so
    // the words measured are the words drawn.
    let format = logical
        .sections
        .iter()
        .max_by_key(|s| s.byte_range.end.0 - s.byte_range.start.0)
        .map_or_else(egui::TextFormat::default, |s| s.format.clone());
    let bidi = bidi_info(block_text);
    let rows = super::breaking::break_rows(
        block_text,
        width,
        bidi.as_ref().map(|b| &b.levels[..]),
        |piece| piece_width(ui, piece, &format),
    );
    let rtl = bidi.as_ref().is_some_and(|b| b.paragraph_level.is_rtl());
    // Rows were measured segment by segment (a word and its spaces, between two break
    // opportunities): draw them in the same pieces, so a row is as wide as measured.
    let cuts: Vec<usize> = super::segment::break_segments(block_text)
        .into_iter()
        .map(|segment| segment.end)
        .collect();
    let mut parts: Vec<Part> = Vec::new();
    for (row_index, row) in rows.iter().enumerate() {
        let (levels, runs) = match &bidi {
            Some(bidi) => bidi.visual_runs(row.bytes.clone()),
            None => (Vec::new(), vec![row.bytes.clone()]),
        };
        for run in runs {
            let run_rtl = levels
                .get(run.start)
                .is_some_and(unicode_bidi::Level::is_rtl);
            // Word by word (each word's shapes are kept and reused); a right-to-left run
            // last word first.
            let mut run_tokens = cut_at(super::segment::tokens(block_text, run), &cuts);
            if run_rtl {
                run_tokens.reverse();
            }
            for token in run_tokens {
                parts.extend(token_parts(logical, token, base, run_rtl, row_index));
            }
        }
    }

    // egui turns a piece around itself when it shapes it right to left: when it holds
    // right-to-left letters or Arabic digits. Turn around the others that need it; then
    // check, and lay out again in the rare case egui did otherwise.
    for part in &mut parts {
        let egui_reverses = has_rtl(&text[part.bytes.clone()]);
        part.flip = egui_reverses != part.rtl;
    }
    let mut galley = build(ui, text, &parts, rtl, width);
    let mut found = find_glyphs(&galley, &parts, text);
    let mut changed = false;
    for (part, glyphs) in parts.iter_mut().zip(&found) {
        if glyphs.reversed != part.rtl {
            part.flip = !part.flip;
            changed = true;
        }
    }
    if changed {
        galley = build(ui, text, &parts, rtl, width);
        found = find_glyphs(&galley, &parts, text);
    }
    let pieces = parts
        .iter()
        .zip(found)
        .map(|(part, glyphs)| Piece {
            job_start: glyphs.start,
            glyphs: glyphs.count,
            visible: glyphs.visible,
            len: text[part.bytes.clone()].chars().count(),
            bytes: part.bytes.clone(),
            reversed: part.rtl,
        })
        .collect();
    Laid {
        galley,
        map: Arc::new(OffsetMap { pieces, rtl }),
    }
}

/// Tokens cut further at `cuts` (sorted byte offsets).
fn cut_at(tokens: Vec<Range<usize>>, cuts: &[usize]) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(tokens.len());
    for token in tokens {
        let mut start = token.start;
        let first = cuts.partition_point(|cut| *cut <= start);
        for cut in cuts[first..].iter().take_while(|cut| **cut < token.end) {
            out.push(start..*cut);
            start = *cut;
        }
        out.push(start..token.end);
    }
    out
}

/// A token cut by the formatting sections it crosses, in drawing order.
fn token_parts(
    logical: &LayoutJob,
    token: Range<usize>,
    base: usize,
    rtl: bool,
    row: usize,
) -> Vec<Part> {
    // The sections are in order: start from the first that ends after the token.
    let first = logical
        .sections
        .partition_point(|section| section.byte_range.end.0 <= token.start);
    let mut parts: Vec<Part> = logical.sections[first..]
        .iter()
        .take_while(|section| section.byte_range.start.0 < token.end)
        .filter_map(|section| {
            let from = section.byte_range.start.0.max(token.start);
            let to = section.byte_range.end.0.min(token.end);
            (from < to).then(|| Part {
                bytes: base + from..base + to,
                format: section.format.clone(),
                rtl,
                flip: false,
                row,
            })
        })
        .collect();
    if rtl {
        parts.reverse();
    }
    parts
}

/// Lays out the parts row by row, rows right-aligned in a right-to-left paragraph.
///
/// Each part (a word or a space in one format) is shaped once and kept: the galley is put
/// together from the parts' glyphs and meshes, so a new paragraph costs hash lookups and
/// copies rather than shaping. (egui shapes a section per font run and builds a new shaping
/// plan for each, which made a screen of new text cost milliseconds.)
fn build(ui: &Ui, text: &str, parts: &[Part], rtl: bool, width: f32) -> Arc<Galley> {
    let pixels_per_point = ui.pixels_per_point();
    let mut job = LayoutJob::default();
    job.wrap.max_width = f32::INFINITY;
    let mut template: Option<Arc<Galley>> = None;
    let mut placed = Vec::with_capacity(parts.last().map_or(0, |p| p.row + 1));
    let mut bounds = egui::Rect::NOTHING;
    let (mut vertices, mut indices) = (0, 0);
    let mut y = 0.0_f32;
    let mut rest = parts;
    while let Some(first) = rest.first() {
        let count = rest.iter().take_while(|p| p.row == first.row).count();
        let (in_row, next) = rest.split_at(count);
        rest = next;
        if !job.text.is_empty() {
            job.text.push('\n');
            // The newline belongs to the previous row's last section.
            if let Some(last) = job.sections.last_mut() {
                last.byte_range.end.0 = job.text.len();
            }
        }
        let mut words = Vec::with_capacity(in_row.len());
        for part in in_row {
            let piece = &text[part.bytes.clone()];
            let start = job.text.len();
            if part.flip {
                job.text.extend(
                    piece
                        .chars()
                        .rev()
                        .map(|c| if part.rtl { mirrored(c) } else { c }),
                );
            } else {
                job.text.push_str(piece);
            }
            job.sections.push(LayoutSection {
                leading_space: 0.0,
                byte_range: egui::text::ByteIndex(start)..egui::text::ByteIndex(job.text.len()),
                format: part.format.clone(),
            });
            words.push((shaped(ui, &job.text[start..], &part.format), &part.format));
        }
        // A right-to-left row ends at the right edge: it starts where its words, as drawn,
        // leave just room. Spaces at its end (its left, drawn first) may hang over the left
        // edge, as those of a left-to-right row hang over the right one.
        let advances: Vec<f32> = words
            .iter()
            .map(|(word, _)| word.rows.first().map_or(0.0, advance))
            .collect();
        let drawn: f32 = advances.iter().sum();
        let hanging: f32 = words
            .iter()
            .zip(&advances)
            .take_while(|((word, _), _)| word.text().trim().is_empty())
            .map(|(_, advance)| advance)
            .sum();
        let mut x = if rtl {
            (width - drawn).max(-hanging)
        } else {
            0.0
        };
        let mut row = RowBuilder::default();
        for (word, format) in words {
            if let Some(shaped_row) = word.rows.first() {
                row.append(shaped_row, x, format);
                x += advance(shaped_row);
            }
            template.get_or_insert(word);
        }
        let Some(template) = &template else {
            continue;
        };
        let Some(template_row) = template.rows.first() else {
            continue;
        };
        // Right-aligned rows end at the column's edge, not a rounding error past it (a
        // label a hair too wide would widen its panel frame after frame).
        let row = row.finish(template_row, x.min(width), pixels_per_point);
        let pos = egui::pos2(0.0, y);
        bounds |= row.visuals.mesh_bounds.translate(pos.to_vec2());
        vertices += row.visuals.mesh.vertices.len();
        indices += row.visuals.mesh.indices.len();
        y += row.size.y;
        placed.push(egui::epaint::text::PlacedRow {
            pos,
            row: Arc::new(row),
            ends_with_newline: true,
        });
    }
    let Some(template) = template else {
        return ui.fonts_mut(|fonts| fonts.layout_job(job));
    };
    if let Some(last) = placed.last_mut() {
        last.ends_with_newline = false;
    }
    let mut galley = (*template).clone();
    galley.rect = placed.iter().fold(
        egui::Rect::from_min_size(egui::Pos2::ZERO, egui::Vec2::ZERO),
        |r, p| r | p.rect(),
    );
    galley.job = Arc::new(job);
    galley.rows = placed;
    galley.elided = false;
    galley.mesh_bounds = bounds;
    galley.num_vertices = vertices;
    galley.num_indices = indices;
    galley.pixels_per_point = pixels_per_point;
    Arc::new(galley)
}

/// How far a shaped piece moves the pen: the end of its last glyph (its row's size is
/// rounded up to whole pixels).
fn advance(row: &egui::epaint::text::PlacedRow) -> f32 {
    row.glyphs
        .last()
        .map_or(row.size.x, egui::epaint::text::Glyph::max_x)
}

/// One row put together from shaped pieces. The pieces are shaped without backgrounds and
/// underlines; the row draws those itself, one rectangle per run of the same colour, so
/// neighbouring words leave no seams. Like egui, it draws backgrounds, then glyphs, then
/// underlines, and keeps the glyph vertices in one range.
#[derive(Default)]
struct RowBuilder {
    glyphs: Vec<egui::epaint::text::Glyph>,
    letters: egui::Mesh,
    /// Background runs: colour, how far to grow it, and the rectangle so far.
    backgrounds: Vec<(egui::Color32, f32, egui::Rect)>,
    /// Underline runs: stroke, and the rectangle so far.
    underlines: Vec<(egui::Stroke, egui::Rect)>,
    /// Whether the last piece appended ended a background run / an underline run.
    open_background: bool,
    open_underline: bool,
    height: f32,
    bounds: Option<egui::Rect>,
}

impl RowBuilder {
    /// Appends a shaped piece's only row at `x`, in `format`'s background and underline.
    fn append(&mut self, piece: &egui::epaint::text::PlacedRow, x: f32, format: &egui::TextFormat) {
        let offset = egui::vec2(x + piece.pos.x, piece.pos.y);
        let visuals = &piece.visuals;
        let mesh = &visuals.mesh;
        let start = self.letters.vertices.len();
        self.letters
            .vertices
            .extend(mesh.vertices.iter().map(|v| egui::epaint::Vertex {
                pos: v.pos + offset,
                ..*v
            }));
        // Vertex counts fit in u32: egui's own meshes use u32 indices.
        #[expect(clippy::cast_possible_truncation, reason = "see above")]
        let shift = start as u32;
        self.letters
            .indices
            .extend(mesh.indices.iter().map(|i| i + shift));
        for glyph in &piece.glyphs {
            let mut glyph = *glyph;
            glyph.pos += offset;
            glyph.first_vertex += shift;
            self.glyphs.push(glyph);
        }
        if visuals.mesh_bounds.is_positive() {
            let bounds = visuals.mesh_bounds.translate(offset);
            self.bounds = Some(self.bounds.map_or(bounds, |b| b | bounds));
        }
        self.height = self.height.max(piece.size.y);

        let (Some(first), Some(last)) = (piece.glyphs.first(), piece.glyphs.last()) else {
            return;
        };
        let logical = first.logical_rect().translate(offset);
        let span = egui::Rect::from_min_max(
            logical.left_top(),
            egui::pos2(last.max_x() + offset.x, logical.bottom()),
        );
        // A run goes on while the next piece has the same colour.
        let has_background = format.background != egui::Color32::TRANSPARENT;
        match self.backgrounds.last_mut() {
            Some((colour, expand, rect))
                if self.open_background
                    && *colour == format.background
                    && expand.to_bits() == format.expand_bg.to_bits() =>
            {
                rect.max.x = span.right();
            }
            _ if has_background => {
                self.backgrounds
                    .push((format.background, format.expand_bg, span));
            }
            _ => {}
        }
        self.open_background = has_background;
        let has_underline = !format.underline.is_empty();
        match self.underlines.last_mut() {
            Some((stroke, rect)) if self.open_underline && *stroke == format.underline => {
                rect.max.x = span.right();
            }
            _ if has_underline => self.underlines.push((format.underline, span)),
            _ => {}
        }
        self.open_underline = has_underline;
    }

    /// The row, `width` wide, built on `template` (a shaped row, for the fields egui keeps
    /// to itself).
    fn finish(
        self,
        template: &egui::epaint::text::PlacedRow,
        width: f32,
        pixels_per_point: f32,
    ) -> egui::epaint::text::Row {
        let mut row = (*template.row).clone();
        let mut mesh = egui::Mesh::default();
        for (colour, expand, rect) in &self.backgrounds {
            mesh.add_colored_rect(
                egui::emath::GuiRounding::round_to_pixels(rect.expand(*expand), pixels_per_point),
                *colour,
            );
        }
        let glyph_index_start = mesh.indices.len();
        let background_vertices = mesh.vertices.len();
        let letter_vertices = self.letters.vertices.len();
        mesh.append(self.letters);
        let mut bounds = self.bounds;
        for (stroke, rect) in &self.underlines {
            let mut y = rect.bottom();
            stroke.round_center_to_pixel(pixels_per_point, &mut y);
            let line = egui::Rect::from_min_max(
                egui::pos2(rect.left(), y - stroke.width / 2.0),
                egui::pos2(rect.right(), y + stroke.width / 2.0),
            );
            mesh.add_colored_rect(line, stroke.color);
            bounds = Some(bounds.map_or(line, |b| b | line));
        }
        let mut glyphs = self.glyphs;
        #[expect(clippy::cast_possible_truncation, reason = "as in append")]
        for glyph in &mut glyphs {
            glyph.first_vertex += background_vertices as u32;
        }
        row.glyphs = glyphs;
        row.size = egui::vec2(width, self.height);
        row.visuals = egui::epaint::text::RowVisuals {
            mesh,
            mesh_bounds: bounds.unwrap_or(egui::Rect::NOTHING),
            glyph_index_start,
            glyph_vertex_range: background_vertices..background_vertices + letter_vertices,
        };
        row
    }
}

/// Where a part's glyphs are in the galley and how egui laid them out.
struct Glyphs {
    /// The first one's character index in the galley.
    start: usize,
    count: usize,
    visible: usize,
    /// The visible ones run last character first.
    reversed: bool,
}

/// Finds each part's glyphs, row by row. A part egui shaped left to right has a glyph per
/// character in order; one it shaped right to left has its visible glyphs last character
/// first, then a zero-width glyph for each character but the first.
fn find_glyphs(galley: &Galley, parts: &[Part], text: &str) -> Vec<Glyphs> {
    let mut out = Vec::with_capacity(parts.len());
    let mut row_start = 0;
    let mut part_index = 0;
    for placed in &galley.rows {
        let glyphs: Vec<char> = placed.row.glyphs.iter().map(|g| g.chr).collect();
        let row = parts.get(part_index).map(|p| p.row);
        let mut at = 0;
        while let Some(part) = parts.get(part_index).filter(|p| Some(p.row) == row) {
            let logical: Vec<char> = text[part.bytes.clone()].chars().collect();
            let given: Vec<char> = if part.flip {
                logical
                    .iter()
                    .rev()
                    .map(|c| if part.rtl { mirrored(*c) } else { *c })
                    .collect()
            } else {
                logical.clone()
            };
            let n = given.len();
            let rest = &glyphs[at.min(glyphs.len())..];
            let forward = rest.len() >= n && rest[..n] == given[..];
            let shaped_rtl = if forward && n > 1 {
                None
            } else {
                // Visible glyphs (ligatures can make fewer), then the zero-width ones.
                (1..=n + 2).find(|m| rest.len() >= m + n - 1 && rest[*m..m + n - 1] == given[1..])
            };
            let (count, visible, reversed_given) = match shaped_rtl {
                Some(m) => (m + n - 1, m, true),
                None => (n, n, false),
            };
            // What the user sees runs against the logical order when egui reversed what it
            // was given or was given it reversed, not both. One character has no order to
            // see: it counts as laid out as needed (else every lone colon or space would
            // look wrong and cost a second layout).
            let reversed = if n <= 1 {
                part.rtl
            } else {
                reversed_given != part.flip
            };
            out.push(Glyphs {
                start: row_start + at,
                count,
                visible,
                reversed,
            });
            at += count;
            part_index += 1;
        }
        row_start += glyphs.len() + usize::from(placed.ends_with_newline);
    }
    while out.len() < parts.len() {
        out.push(Glyphs {
            start: row_start,
            count: 0,
            visible: 0,
            reversed: false,
        });
    }
    out
}

#[cfg(test)]
mod layout_tests {
    use super::*;

    /// The map with bare indices, as the tests reason about them.
    struct M(Arc<OffsetMap>);

    impl std::ops::Deref for M {
        type Target = OffsetMap;
        fn deref(&self) -> &OffsetMap {
            &self.0
        }
    }

    impl M {
        fn offset(&self, text: &str, index: usize) -> usize {
            self.0.offset(text, GalleyIndex(index)).0
        }

        fn job_index(&self, text: &str, offset: usize) -> usize {
            self.0.galley_index(text, ByteOffset(offset)).0
        }
    }

    fn layout_any(
        ui: &Ui,
        job: &LayoutJob,
        text: &str,
        block: Range<usize>,
        width: f32,
    ) -> (Arc<Galley>, M) {
        let laid = layout_block(ui, job, text, TextSpan::new(block.start, block.end), width);
        (laid.galley, M(laid.map))
    }

    /// Runs `check` inside a frame of a context with the app's fonts.
    fn with_ui(check: impl FnMut(&mut Ui)) {
        let ctx = egui::Context::default();
        crate::ui::fonts::install(&ctx);
        let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
        output.textures_delta.clear();
        let mut output = ctx.run_ui(egui::RawInput::default(), check);
        output.textures_delta.clear();
    }

    fn job(text: &str) -> LayoutJob {
        LayoutJob::single_section(
            text.to_owned(),
            egui::TextFormat {
                font_id: egui::FontId::proportional(16.0),
                ..Default::default()
            },
        )
    }

    /// The x of the glyph drawn for the character at `offset`, through the map.
    fn x_of(galley: &Galley, map: &M, text: &str, offset: usize) -> f32 {
        galley
            .pos_from_cursor(egui::text::CCursor::new(map.job_index(text, offset)))
            .center()
            .x
    }

    #[test]
    fn a_right_to_left_paragraph_reads_from_the_right_and_maps_back() {
        let text = "قالت القيادة العامة إن الغارة كانت متعمدة";
        with_ui(|ui| {
            let (galley, map) = layout_any(ui, &job(text), text, 0..text.len(), 600.0);
            assert!(map.rtl);
            let words: Vec<usize> = text.match_indices(' ').map(|(i, _)| i + 1).collect();
            // Each next word starts further left.
            let mut previous = f32::INFINITY;
            for start in std::iter::once(0).chain(words.iter().copied()) {
                let x = x_of(&galley, &map, text, start);
                assert!(
                    x < previous,
                    "word at {start} is not left of the one before"
                );
                previous = x;
            }
            // The start of the paragraph is at the right edge of the column.
            assert!(x_of(&galley, &map, text, 0) > 500.0);
            // Clicking on a word's glyphs gives an offset inside that word.
            for start in std::iter::once(0).chain(words.iter().copied()) {
                let end = text[start..].find(' ').map_or(text.len(), |e| start + e);
                let a = x_of(&galley, &map, text, start);
                let b = x_of(&galley, &map, text, end);
                let middle = egui::pos2(f32::midpoint(a, b), galley.rows[0].pos.y + 8.0);
                let cursor = galley.cursor_from_pos(middle.to_vec2());
                let offset = map.offset(text, cursor.index.0);
                assert!(
                    (start..=end).contains(&offset),
                    "{offset} not in {start}..{end}"
                );
            }
        });
    }

    #[test]
    fn english_quoting_arabic_keeps_its_order_and_arabic_words_read_from_the_right() {
        let text = "The command called it دليل قاطع in a statement.";
        with_ui(|ui| {
            let (galley, map) = layout_any(ui, &job(text), text, 0..text.len(), 600.0);
            assert!(!map.rtl);
            let at = |needle: &str| x_of(&galley, &map, text, text.find(needle).expect("in text"));
            assert!(at("command") < at("called"));
            // The two Arabic words: the first one logically is the right one.
            assert!(at("دليل") > at("قاطع"));
            assert!(at("قاطع") > at("called"));
            assert!(at("in a") > at("دليل"));
            for offset in [
                0,
                text.find("دليل").expect("in"),
                text.find("in a").expect("in"),
                text.len(),
            ] {
                let index = map.job_index(text, offset);
                assert_eq!(map.offset(text, index), offset, "{offset}");
            }
        });
    }

    #[test]
    fn punctuation_after_an_arabic_word_sits_on_its_left() {
        let text = "دمشق: الغارة دليل.";
        with_ui(|ui| {
            let (galley, map) = layout_any(ui, &job(text), text, 0..text.len(), 600.0);
            let colon = text.find(':').expect("in text");
            let period = text.find('.').expect("in text");
            // The colon follows دمشق in reading order, so it is drawn left of it …
            let last_letter = colon - 'ق'.len_utf8();
            assert!(x_of(&galley, &map, text, colon) < x_of(&galley, &map, text, last_letter));
            // … and the full stop ends the line at its left.
            let leftmost = (0..text.len())
                .filter(|i| text.is_char_boundary(*i))
                .map(|i| x_of(&galley, &map, text, i))
                .fold(f32::INFINITY, f32::min);
            assert!((x_of(&galley, &map, text, period) - leftmost).abs() < 12.0);
        });
    }

    #[test]
    fn digits_in_arabic_keep_their_order() {
        let text = "قتل ١٧ جنديا في الغارة";
        with_ui(|ui| {
            let (galley, map) = layout_any(ui, &job(text), text, 0..text.len(), 600.0);
            let one = text.find('١').expect("in text");
            let seven = text.find('٧').expect("in text");
            // A number reads left to right inside right-to-left text.
            assert!(x_of(&galley, &map, text, one) < x_of(&galley, &map, text, seven));
        });
    }

    #[test]
    fn left_to_right_text_put_together_from_words_matches_egui_layout() {
        let text =
            "Officials said the strike, near Deir ez-Zor, was an error — Москва disagreed 🚀.";
        with_ui(|ui| {
            let (ours, map) = layout_any(ui, &job(text), text, 0..text.len(), 2_000.0);
            // egui's own layout at exact positions (rounding moves its glyphs by up to a
            // pixel each, and words put together keep exact advances).
            let mut exact = job(text);
            exact.round_output_to_gui = false;
            let theirs = ui.fonts_mut(|fonts| fonts.layout_job(exact));
            assert_eq!(ours.rows.len(), 1);
            assert_eq!(ours.rows[0].glyphs.len(), theirs.rows[0].glyphs.len());
            // Inside each word, every character sits within a pixel of where egui puts it
            // (words are shaped apart, and egui rounds each glyph a little differently at a
            // different start), and words follow each other without overlapping.
            let (mut our_start, mut their_start) = (0.0, 0.0);
            let mut previous_end = 0.0_f32;
            for (a, b) in ours.rows[0].glyphs.iter().zip(&theirs.rows[0].glyphs) {
                assert_eq!(a.chr, b.chr);
                if a.chr == ' ' {
                    assert!(a.pos.x >= previous_end - 0.01, "overlap before {:?}", a.chr);
                    (our_start, their_start) = (a.max_x(), b.max_x());
                    continue;
                }
                let (ours_x, theirs_x) = (a.pos.x - our_start, b.pos.x - their_start);
                assert!(
                    (ours_x - theirs_x).abs() <= 1.5,
                    "{:?}: {ours_x} vs {theirs_x}",
                    a.chr
                );
                assert!((a.pos.y - b.pos.y).abs() <= 0.5);
                previous_end = previous_end.max(a.max_x());
            }
            // Every offset maps to a cursor and back.
            for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
                assert_eq!(map.offset(text, map.job_index(text, offset)), offset);
            }
        });
    }

    #[test]
    fn the_measured_height_is_the_laid_out_height() {
        let texts = [
            "A short line.",
            "Officials promised a review of how the target was chosen, and said the \
             coalition would never knowingly target a Syrian military unit; Moscow said \
             otherwise. Министерство обороны заявило, что удар был нанесён намеренно.",
            "قالت القيادة العامة إن الغارة كانت متعمدة ووصفتها بأنها دليل قاطع على الدعم \
             ثم أضافت أن الهجوم بدأ بعد دقائق 😀 من انتهاء القصف",
            "see https://example.org/a/very/long/address/that/does/not/fit/on/one/narrow/row/at/all",
        ];
        with_ui(|ui| {
            for width in [120.0, 300.0, 700.0] {
                for text in texts {
                    let mut job = job(text);
                    job.sections[0].format.line_height = Some(25.0);
                    let rows = count_rows(ui, text, &job.sections[0].format, width);
                    let (galley, _) = layout_any(ui, &job, text, 0..text.len(), width);
                    assert_eq!(galley.rows.len(), rows, "{text} at {width}");
                    for row in &galley.rows {
                        assert!(
                            row.size.x <= width + 0.01,
                            "{text}: a row overflows {width}"
                        );
                    }
                    assert!(
                        (galley.size().y - rows as f32 * 25.0).abs() < 0.01,
                        "{text} at {width}"
                    );
                }
            }
        });
    }

    #[test]
    fn a_quote_over_two_paragraphs_is_one_label_with_a_space_for_the_break() {
        with_ui(|ui| {
            let text = "end of the first.\n\nStart of the second";
            let shown = super::super::label::label(ui, text.to_owned(), 2_000.0);
            let egui::WidgetText::Galley(galley) = shown else {
                panic!("a laid-out galley");
            };
            assert_eq!(galley.rows.len(), 1);
            let row: String = galley.rows[0].glyphs.iter().map(|g| g.chr).collect();
            assert_eq!(row, "end of the first.  Start of the second");
            // The words after the break sit right of those before it.
            let x_of = |c: char| {
                galley.rows[0]
                    .glyphs
                    .iter()
                    .find(|g| g.chr == c)
                    .map(|g| g.pos.x)
            };
            assert!(x_of('S') > x_of('.'));
        });
    }

    #[test]
    fn a_highlight_over_many_words_is_one_rectangle_per_row() {
        let text = "one two three four five six seven";
        with_ui(|ui| {
            let mut job = job(text);
            job.sections[0].format.background = egui::Color32::from_rgb(40, 80, 160);
            job.sections[0].format.underline = egui::Stroke::new(2.0, egui::Color32::RED);
            let (galley, _) = layout_any(ui, &job, text, 0..text.len(), 2_000.0);
            let row = &galley.rows[0];
            // One background quad before the glyphs, one underline quad after them.
            assert_eq!(row.visuals.glyph_vertex_range.start, 4);
            assert_eq!(
                row.visuals.mesh.vertices.len() - row.visuals.glyph_vertex_range.end,
                4
            );
            // Each glyph's first vertex is inside the glyph range.
            for glyph in row.glyphs.iter().filter(|g| !g.uv_rect.is_nothing()) {
                assert!(
                    row.visuals
                        .glyph_vertex_range
                        .contains(&(glyph.first_vertex as usize))
                );
            }
        });
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(96))]

        /// Words of any script, with digits, punctuation, combining marks and emoji, at any
        /// width: they lay out without panicking, the rows are the rows measured, nothing
        /// runs past the column but a lone glyph wider than it, and every galley position
        /// maps back to a character boundary of the text.
        #[test]
        fn any_text_lays_out_in_its_column_and_maps_back(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "word", "strike,", "Москва", "قالت", "الضربة:", "«دليل", "قاطع»", "שלום",
                    "١٧", "(2016)", "—", "cafe\u{301}", "🚀", "👨\u{200D}👩\u{200D}👧",
                    "\u{200F}قال", "https://example.org/a/long/address/without/any/spaces/at/all",
                ]),
                1..40,
            ),
            spaces in proptest::collection::vec(proptest::sample::select(vec![" ", " ", "  ", "\t"]), 40),
            width in 30.0_f32..800.0,
        ) {
            let text: String = words
                .iter()
                .zip(&spaces)
                .flat_map(|(word, space)| [*word, *space])
                .collect();
            with_ui(|ui| {
                let mut job = job(&text);
                job.sections[0].format.line_height = Some(25.0);
                let rows = count_rows(ui, &text, &job.sections[0].format, width);
                let (galley, map) = layout_any(ui, &job, &text, 0..text.len(), width);
                assert_eq!(galley.rows.len(), rows.max(1), "{text:?}");
                // A grapheme is never cut (a family emoji is three glyphs in egui's emoji
                // font), so the widest may stick out of a narrow column.
                let widest = {
                    use unicode_segmentation::UnicodeSegmentation as _;
                    text.graphemes(true)
                        .map(|g| {
                            ui.fonts_mut(|f| {
                                f.layout_no_wrap(g.to_owned(), egui::FontId::proportional(16.0), egui::Color32::WHITE)
                            })
                            .size()
                            .x
                        })
                        .fold(0.0, f32::max)
                };
                for row in &galley.rows {
                    let visible: Vec<_> =
                        row.glyphs.iter().filter(|g| !g.chr.is_whitespace()).collect();
                    let end = visible.iter().map(|g| g.max_x()).fold(0.0, f32::max);
                    assert!(end <= width.max(widest) + 1.0, "{text:?} at {width}: {end}");
                }
                let glyphs: usize = galley
                    .rows
                    .iter()
                    .map(|r| r.glyphs.len() + usize::from(r.ends_with_newline))
                    .sum();
                for index in 0..=glyphs {
                    let offset = map.offset(&text, index);
                    assert!(text.is_char_boundary(offset), "{text:?}: {index} -> {offset}");
                }
                // Left-to-right text maps there and back at every character. (Where runs of
                // both directions meet, one place on screen is two places in the text, so
                // there the way back may take the other.)
                if !has_rtl(&text) {
                    for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
                        assert_eq!(
                            map.offset(&text, map.job_index(&text, offset)),
                            offset,
                            "{text:?}"
                        );
                    }
                }
            });
        }
    }
}
