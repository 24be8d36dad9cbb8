//! How a laid-out paragraph maps back to the article: from a place in the galley (egui's
//! character index, which counts glyphs, rows joined by a newline) to a byte offset of the
//! article and back. Right-to-left words are drawn last letter first and egui gives them
//! extra zero-width glyphs, so the two indices differ; the map is what keeps clicking,
//! selecting and tagging exact.

use std::ops::Range;

use crate::model::ByteOffset;

/// A place in a galley: egui's character index (`CCursor::index`), which counts the
/// glyphs laid out, not the article's characters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct GalleyIndex(pub usize);

/// A piece of a row as laid out: one word or space of a directional run, cut by the
/// formatting sections; one layout section each.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Piece {
    /// Its first glyph in the galley.
    pub job_start: usize,
    /// How many glyphs egui made for it: for right-to-left words egui adds zero-width
    /// glyphs after the visible ones, so this can be more than its characters.
    pub glyphs: usize,
    /// How many of those glyphs are visible (the rest sit at its right edge).
    pub visible: usize,
    /// How many characters it has.
    pub len: usize,
    /// Its text in the article.
    pub bytes: Range<usize>,
    /// Whether it reads right to left (its logical start at its right edge).
    pub reversed: bool,
}

impl Piece {
    /// The logical character index (0..=len) at a glyph boundary (0..=glyphs).
    fn logical_at(&self, k: usize) -> usize {
        let k = k.min(self.visible);
        let visible = self.visible.max(1);
        let forward = (k * self.len + visible / 2) / visible;
        if self.reversed {
            self.len - forward
        } else {
            forward
        }
    }

    /// The glyph boundary of a logical character index.
    fn glyph_at(&self, logical: usize) -> usize {
        let forward = if self.reversed {
            self.len - logical.min(self.len)
        } else {
            logical.min(self.len)
        };
        let len = self.len.max(1);
        (forward * self.visible + len / 2) / len
    }
}

/// How a paragraph's galley maps back to the article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OffsetMap {
    pub(super) pieces: Vec<Piece>,
    /// The paragraph runs right to left (its rows are aligned right).
    pub rtl: bool,
}

impl OffsetMap {
    /// The article offset at a galley index.
    pub fn offset(&self, text: &str, index: GalleyIndex) -> ByteOffset {
        let index = index.0;
        let piece = self
            .pieces
            .iter()
            .find(|p| index >= p.job_start && index < p.job_start + p.glyphs)
            .or_else(|| {
                self.pieces
                    .iter()
                    .rev()
                    .find(|p| index == p.job_start + p.glyphs)
            });
        let Some(piece) = piece else {
            return ByteOffset(self.pieces.first().map_or(0, |p| p.bytes.start));
        };
        let logical = piece.logical_at(index - piece.job_start);
        let slice = &text[piece.bytes.clone()];
        ByteOffset(
            piece.bytes.start
                + slice
                    .char_indices()
                    .nth(logical)
                    .map_or(slice.len(), |(i, _)| i),
        )
    }

    /// The galley index of an article offset.
    pub fn galley_index(&self, text: &str, offset: ByteOffset) -> GalleyIndex {
        let offset = offset.0;
        let piece = self
            .pieces
            .iter()
            .find(|p| p.bytes.start <= offset && offset < p.bytes.end)
            .or_else(|| self.pieces.iter().find(|p| p.bytes.end == offset))
            .or_else(|| self.pieces.last());
        let Some(piece) = piece else {
            return GalleyIndex(0);
        };
        let offset = crate::model::span::floor_char_boundary(
            text,
            offset.clamp(piece.bytes.start, piece.bytes.end),
        )
        .max(piece.bytes.start);
        let logical = text[piece.bytes.start..offset].chars().count();
        GalleyIndex(piece.job_start + piece.glyph_at(logical))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_map_goes_both_ways_through_reversed_pieces() {
        // "abc " then a right-to-left piece "דהו" (logical order), laid out as: abc + reversed.
        let text = "abc דהו";
        let map = OffsetMap {
            pieces: vec![
                Piece {
                    job_start: 0,
                    glyphs: 4,
                    visible: 4,
                    len: 4,
                    bytes: 0..4,
                    reversed: false,
                },
                // egui gives a right-to-left word of n letters n visible glyphs and n - 1
                // zero-width ones.
                Piece {
                    job_start: 4,
                    glyphs: 5,
                    visible: 3,
                    len: 3,
                    bytes: 4..text.len(),
                    reversed: true,
                },
            ],
            rtl: false,
        };
        // The right edge of the reversed piece is its logical start, and so are the
        // zero-width glyphs after it.
        assert_eq!(map.offset(text, GalleyIndex(7)), ByteOffset(4));
        assert_eq!(map.offset(text, GalleyIndex(9)), ByteOffset(4));
        // Its left edge is its logical end.
        assert_eq!(
            map.offset(text, GalleyIndex(4)),
            ByteOffset(4 + "דהו".len())
        );
        for offset in [0, 1, 4, 4 + 'ד'.len_utf8(), text.len()] {
            let offset = ByteOffset(offset);
            assert_eq!(
                map.offset(text, map.galley_index(text, offset)),
                offset,
                "{offset:?}"
            );
        }
    }
}
