//! Row breaking: a paragraph cut into rows that fit a width, at the line-break
//! opportunities of UAX #14, with the widths of its pieces as they are drawn. Pure: the
//! caller says how wide a piece is (see [`super::galley`], which measures by shaping).

use std::ops::Range;

use unicode_bidi::Level;

use super::segment::{break_segments, grapheme_ends, tokens, trailing_space};

/// One row of a paragraph: its bytes in the paragraph's text and its width as drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub bytes: Range<usize>,
    pub width: f32,
}

/// The rows `text` breaks into at `width`. `levels` are its bidi levels by byte, when it has
/// right-to-left text: a word whose direction changes inside is drawn in parts, and measured
/// so. Spaces at a row's end hang past the edge, as in any text editor; a word wider than
/// the whole row is cut where the row fills, between graphemes.
pub fn break_rows(
    text: &str,
    width: f32,
    levels: Option<&[Level]>,
    measure: impl Fn(&str) -> f32,
) -> Vec<Row> {
    // A span's width as drawn: in tokens, cut where the direction changes.
    let span_width = |span: Range<usize>| {
        let mut total = 0.0;
        for token in tokens(text, span) {
            let mut start = token.start;
            if let Some(levels) = levels {
                for (i, _) in text[token.clone()].char_indices().skip(1) {
                    let at = token.start + i;
                    if levels[at] != levels[start] {
                        total += measure(&text[start..at]);
                        start = at;
                    }
                }
            }
            total += measure(&text[start..token.end]);
        }
        total
    };
    let mut rows: Vec<Row> = Vec::new();
    let mut row: Option<Row> = None;
    let mut place = |piece: Range<usize>, piece_width: f32, hanging: f32| {
        row = match row.take() {
            Some(mut open) if open.width == 0.0 || open.width + piece_width <= width => {
                open.bytes.end = piece.end;
                open.width += piece_width + hanging;
                Some(open)
            }
            Some(full) => {
                rows.push(full);
                Some(Row {
                    bytes: piece,
                    width: piece_width + hanging,
                })
            }
            None => Some(Row {
                bytes: piece,
                width: piece_width + hanging,
            }),
        };
    };
    for segment in break_segments(text) {
        let spaces = trailing_space(&text[segment.clone()]);
        let word = segment.start..segment.end - spaces;
        let hanging = if spaces > 0 {
            span_width(word.end..segment.end)
        } else {
            0.0
        };
        if word.is_empty() {
            // Only spaces (at the start of the text): they hang too.
            place(segment, 0.0, hanging);
            continue;
        }
        let word_width = span_width(word.clone());
        if word_width <= width {
            place(segment, word_width, hanging);
            continue;
        }
        // A word wider than the column (a long address) is cut where it fills a row: the
        // longest start that fits, found by halving (one grapheme at least).
        let mut start = word.start;
        while start < word.end {
            let ends = grapheme_ends(text, start..word.end);
            let fits = ends.partition_point(|end| span_width(start..*end) <= width);
            let end = ends[fits.saturating_sub(1)];
            let last = end == word.end;
            let piece = if last { start..segment.end } else { start..end };
            place(
                piece,
                span_width(start..end),
                if last { hanging } else { 0.0 },
            );
            start = end;
        }
    }
    rows.extend(row);
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character 10 wide: rows are easy to reason about.
    fn tens(text: &str) -> f32 {
        text.chars().count() as f32 * 10.0
    }

    fn rows_of(text: &str, width: f32) -> Vec<&str> {
        break_rows(text, width, None, tens)
            .into_iter()
            .map(|row| &text[row.bytes])
            .collect()
    }

    #[test]
    fn rows_fill_up_to_the_width_and_spaces_hang() {
        assert_eq!(
            rows_of("the strike was an error", 100.0),
            ["the strike ", "was an ", "error"]
        );
        // A row's last space may hang past its edge.
        assert_eq!(rows_of("ab cd ", 50.0), ["ab cd "]);
        assert_eq!(rows_of("", 100.0), Vec::<&str>::new());
    }

    #[test]
    fn rows_cover_the_text_without_gaps() {
        let text = "  Officials said the raid near Deir ez-Zor was an error; https://example.org/a/b/c/d/e/f/g";
        for width in [25.0, 60.0, 95.0, 400.0] {
            let rows = break_rows(text, width, None, tens);
            let mut end = 0;
            for row in &rows {
                assert_eq!(row.bytes.start, end);
                end = row.bytes.end;
                let drawn = tens(text[row.bytes.clone()].trim_end());
                assert!(
                    drawn <= width.max(10.0),
                    "{:?} at {width}",
                    &text[row.bytes.clone()]
                );
            }
            assert_eq!(end, text.len());
        }
    }

    #[test]
    fn a_word_wider_than_the_row_is_cut_between_graphemes() {
        let text = "🇸🇾🇸🇾🇸🇾🇸🇾";
        // A flag is two code points; each is 10 wide here, so a flag is 20.
        let rows = rows_of(text, 45.0);
        assert_eq!(rows, ["🇸🇾🇸🇾", "🇸🇾🇸🇾"]);
    }
}
