//! Where text may be cut: grapheme clusters (the caret never splits a flag or a letter from
//! its accent), line-break opportunities (UAX #14), and the pieces a row is drawn in (runs
//! of one direction, so that a colon after an Arabic word lands on its left). Pure: no egui.

use std::ops::Range;

use unicode_bidi::{BidiClass, bidi_class};
use unicode_segmentation::GraphemeCursor;

use crate::model::ByteOffset;

/// The grapheme boundary after `offset` (the end of the text at its end).
pub fn next_grapheme(text: &str, offset: ByteOffset) -> ByteOffset {
    let at = crate::model::span::floor_char_boundary(text, offset.0);
    let mut cursor = GraphemeCursor::new(at, text.len(), true);
    ByteOffset(
        cursor
            .next_boundary(text, 0)
            .ok()
            .flatten()
            .unwrap_or(text.len()),
    )
}

/// The grapheme boundary before `offset` (0 at the start).
pub fn previous_grapheme(text: &str, offset: ByteOffset) -> ByteOffset {
    let at = crate::model::span::ceil_char_boundary(text, offset.0);
    let mut cursor = GraphemeCursor::new(at, text.len(), true);
    ByteOffset(cursor.prev_boundary(text, 0).ok().flatten().unwrap_or(0))
}

/// The grapheme boundaries strictly inside `range` and its end, in order: where a word too
/// long for a row may be cut.
pub fn grapheme_ends(text: &str, range: Range<usize>) -> Vec<usize> {
    use unicode_segmentation::UnicodeSegmentation as _;
    text[range.clone()]
        .grapheme_indices(true)
        .skip(1)
        .map(|(i, _)| range.start + i)
        .chain([range.end])
        .collect()
}

/// The text cut at its line-break opportunities (UAX #14): each segment is a word with the
/// spaces after it, so a row may end after any segment. Hyphens, slashes and the spaces
/// between ideographs are opportunities too.
pub fn break_segments(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (end, _) in unicode_linebreak::linebreaks(text) {
        if end > start {
            out.push(start..end);
            start = end;
        }
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

/// How long the whitespace at the end of `text` is, in bytes.
pub fn trailing_space(text: &str) -> usize {
    text.len() - text.trim_end().len()
}

/// The pieces a run is drawn in, as byte ranges of `text` within `range`: words, the spaces
/// between them, and the punctuation next to right-to-left words. egui lays out the pieces
/// of one token left to right, so "دمشق:" must be two tokens for its colon to land on the
/// word's left.
pub fn tokens(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum Kind {
        Space,
        RightToLeft,
        Other,
    }
    let kind = |c: char, previous: Option<Kind>| {
        if c.is_whitespace() {
            return Kind::Space;
        }
        match bidi_class(c) {
            BidiClass::R | BidiClass::AL | BidiClass::AN => Kind::RightToLeft,
            // Combining marks stay with the letter they sit on.
            BidiClass::NSM => previous.unwrap_or(Kind::Other),
            _ => Kind::Other,
        }
    };
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut last: Option<Kind> = None;
    for (i, c) in text[range.clone()].char_indices() {
        let at = range.start + i;
        let this = kind(c, last);
        match out.last_mut() {
            Some(token) if last == Some(this) => token.end = at + c.len_utf8(),
            _ => out.push(at..at + c.len_utf8()),
        }
        last = Some(this);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_caret_steps_over_whole_graphemes() {
        // A flag (two regional indicators), a letter with a combining accent, a family
        // emoji joined by zero-width joiners, Arabic with a vowel mark.
        let text = "🇸🇾 cafe\u{301} 👨\u{200D}👩\u{200D}👧 قَال";
        let mut stops = vec![0];
        let mut at = ByteOffset(0);
        while at.0 < text.len() {
            at = next_grapheme(text, at);
            stops.push(at.0);
        }
        let flag = "🇸🇾".len();
        assert_eq!(stops[1], flag, "the flag is one step");
        let accent = text.find('\u{301}').expect("in text");
        assert!(!stops.contains(&accent), "the accent stays on its letter");
        let family = text.find('👨').expect("in text");
        assert!(stops.contains(&family));
        assert!(!stops.contains(&(family + '👨'.len_utf8())));
        // Back again, the same stops.
        let mut back = vec![text.len()];
        while at.0 > 0 {
            at = previous_grapheme(text, at);
            back.push(at.0);
        }
        back.reverse();
        assert_eq!(stops, back);
    }

    #[test]
    fn rows_may_break_after_spaces_and_hyphens_not_inside_words() {
        let text = "Deir ez-Zor, said officials";
        let segments: Vec<&str> = break_segments(text)
            .iter()
            .map(|r| &text[r.clone()])
            .collect();
        assert_eq!(segments, ["Deir ", "ez-", "Zor, ", "said ", "officials"]);
        let cjk = "中文新闻";
        assert_eq!(break_segments(cjk).len(), 4, "ideographs break anywhere");
        assert_eq!(trailing_space("word  "), 2);
    }

    #[test]
    fn long_words_are_cut_between_graphemes() {
        let text = "a🇸🇾b";
        assert_eq!(
            grapheme_ends(text, 0..text.len()),
            [1, 1 + "🇸🇾".len(), text.len()]
        );
    }
}
