//! Where a claim sits in its article's text.
//!
//! Inside the app every offset is a [`ByteOffset`] into the article's UTF-8 text, always on a
//! `char` boundary. Code-point indices ([`CharIndex`]) appear only at the edges that count in
//! code points: egui's text cursors, W3C Web Annotation selectors and REFI-QDA exports. Keeping
//! the two as distinct types means a bare `usize` never silently crosses that line.
//!
//! A claim is anchored twice, as the W3C Web Annotation model does it: by position
//! ([`TextSpan`], a `TextPositionSelector`) and by quote with some context
//! ([`TextAnchor::quote`], `prefix`, `suffix`, a `TextQuoteSelector`). When the text changes, the
//! quote finds the claim again.

use serde::{Deserialize, Serialize};

/// How many characters of context are kept before and after a quote.
pub const CONTEXT_CHARS: usize = 32;

/// A UTF-8 byte offset into an article's text, on a `char` boundary.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct ByteOffset(pub usize);

/// A count of Unicode code points (Rust `char`s) from the start of a text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CharIndex(pub usize);

/// A half-open byte range `[start, end)` of an article's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct TextSpan {
    pub start: ByteOffset,
    pub end: ByteOffset,
}

impl TextSpan {
    pub fn new(start: usize, end: usize) -> Self {
        Self {
            start: ByteOffset(start),
            end: ByteOffset(end),
        }
    }

    pub fn len(self) -> usize {
        self.end.0.saturating_sub(self.start.0)
    }

    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    pub fn range(self) -> std::ops::Range<usize> {
        self.start.0..self.end.0
    }

    /// Whether `offset` lies inside the span (start inclusive, end exclusive).
    pub fn contains(self, offset: ByteOffset) -> bool {
        self.start <= offset && offset < self.end
    }

    /// Whether this span is a valid, non-empty range of `text` on `char` boundaries.
    pub fn is_valid_in(self, text: &str) -> bool {
        self.start < self.end
            && self.end.0 <= text.len()
            && text.is_char_boundary(self.start.0)
            && text.is_char_boundary(self.end.0)
    }

    /// Converts a range of code-point indices (as egui's cursors give) into a byte span.
    /// The ends may come in either order; they are clamped to the text.
    pub fn from_char_range(text: &str, a: CharIndex, b: CharIndex) -> Self {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        Self {
            start: char_to_byte(text, lo),
            end: char_to_byte(text, hi),
        }
    }

    /// The span as code-point indices, for W3C and REFI-QDA exports and egui cursors.
    pub fn to_char_range(self, text: &str) -> (CharIndex, CharIndex) {
        (byte_to_char(text, self.start), byte_to_char(text, self.end))
    }
}

/// The byte offset of the code point at `index`, clamped to the end of the text.
pub fn char_to_byte(text: &str, index: CharIndex) -> ByteOffset {
    ByteOffset(
        text.char_indices()
            .nth(index.0)
            .map_or(text.len(), |(byte, _)| byte),
    )
}

/// How many code points precede `offset`. An offset inside a code point counts that code
/// point as not yet reached.
pub fn byte_to_char(text: &str, offset: ByteOffset) -> CharIndex {
    let end = floor_char_boundary(text, offset.0.min(text.len()));
    CharIndex(text[..end].chars().count())
}

/// The largest `char` boundary at or before `index`.
pub fn floor_char_boundary(text: &str, index: usize) -> usize {
    let mut index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// The smallest `char` boundary at or after `index`.
pub fn ceil_char_boundary(text: &str, index: usize) -> usize {
    let mut index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index += 1;
    }
    index
}

/// Shrinks a span so it neither starts nor ends with whitespace. `None` when nothing but
/// whitespace (or nothing at all) is left.
pub fn trim_span(text: &str, span: TextSpan) -> Option<TextSpan> {
    let start = floor_char_boundary(text, span.start.0);
    let end = ceil_char_boundary(text, span.end.0.max(start));
    let slice = &text[start..end];
    let leading = slice.len() - slice.trim_start().len();
    let trailing = slice.len() - slice.trim_end().len();
    if leading == slice.len() {
        return None;
    }
    Some(TextSpan::new(start + leading, end - trailing))
}

/// Whether a word-boundary segment (UAX #29) is a word: it has a letter or a digit.
fn is_word(segment: &str) -> bool {
    segment.chars().any(char::is_alphanumeric)
}

/// A hyphen between two words joins them into one ("Deir ez-Zor", "al-Assad").
fn is_joiner(segment: &str) -> bool {
    matches!(segment, "-" | "\u{2011}")
}

/// The words of `text[from..]` in order, as absolute byte ranges: UAX #29 words (so
/// "Russia's", "U.S" and a letter with its combining accent are one word each) joined
/// across single hyphens. Lazy: a step over a word costs that word, not the article.
fn words_after(text: &str, from: usize) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    use unicode_segmentation::UnicodeSegmentation as _;
    let mut segments = text[from..]
        .split_word_bound_indices()
        .map(move |(i, s)| (from + i, s))
        .peekable();
    std::iter::from_fn(move || {
        let (start, first) = segments.find(|(_, s)| is_word(s))?;
        let mut end = start + first.len();
        loop {
            let mut ahead = segments.clone();
            match (ahead.next(), ahead.next()) {
                (Some((_, joiner)), Some((_, next))) if is_joiner(joiner) && is_word(next) => {
                    end += joiner.len() + next.len();
                    segments = ahead;
                }
                _ => return Some(start..end),
            }
        }
    })
}

/// The words of `text[..to]`, last first (see [`words_after`]).
fn words_before(text: &str, to: usize) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    use unicode_segmentation::UnicodeSegmentation as _;
    let mut segments = text[..to].split_word_bound_indices().rev().peekable();
    std::iter::from_fn(move || {
        let (start, last) = segments.find(|(_, s)| is_word(s))?;
        let end = start + last.len();
        let mut start = start;
        loop {
            let mut behind = segments.clone();
            match (behind.next(), behind.next()) {
                (Some((_, joiner)), Some((at, previous)))
                    if is_joiner(joiner) && is_word(previous) =>
                {
                    start = at;
                    segments = behind;
                }
                _ => return Some(start..end),
            }
        }
    })
}

/// The end of the next word at or after `offset` (skipping the spaces before it).
pub fn next_word_end(text: &str, offset: ByteOffset) -> ByteOffset {
    let start = ceil_char_boundary(text, offset.0);
    ByteOffset(
        words_after(text, start)
            .next()
            .map_or(text.len(), |w| w.end),
    )
}

/// The start of the word after the one at `offset` (skipping the spaces and punctuation
/// between them).
pub fn next_word_start(text: &str, offset: ByteOffset) -> ByteOffset {
    let start = ceil_char_boundary(text, offset.0);
    let mut words = words_after(text, start);
    match words.next() {
        // `offset` is inside or at the start of a word: the one after it.
        Some(first) if first.start == start => {
            ByteOffset(words.next().map_or(text.len(), |w| w.start))
        }
        Some(first) => ByteOffset(first.start),
        None => ByteOffset(text.len()),
    }
}

/// The start of the word before `offset` (skipping the spaces after it).
pub fn previous_word_start(text: &str, offset: ByteOffset) -> ByteOffset {
    let end = floor_char_boundary(text, offset.0);
    ByteOffset(words_before(text, end).next().map_or(0, |w| w.start))
}

/// The word around an offset (an empty range between words): what a double click selects.
pub fn word_at(text: &str, offset: ByteOffset) -> std::ops::Range<usize> {
    let offset = floor_char_boundary(text, offset.0);
    let before = words_before(text, offset)
        .next()
        .filter(|w| w.end == offset);
    let after = words_after(text, offset)
        .next()
        .filter(|w| w.start == offset);
    match (before, after) {
        // Inside a word, cut in two at `offset` by the slices: join the halves.
        (Some(left), Some(right)) => left.start..right.end,
        (Some(word), None) | (None, Some(word)) => word,
        (None, None) => offset..offset,
    }
}

/// The sentences of a text, trimmed, in order: UAX #29 sentence boundaries (so "the U.S.
/// said" is one sentence, and Arabic and CJK stops end one), and every line break. An
/// ellipsis inside an open quotation does not end a sentence (“our obligations... A
/// breakdown is theirs,” he said): the speaker trails off, the quote goes on.
pub fn sentences(text: &str) -> Vec<TextSpan> {
    use unicode_segmentation::UnicodeSegmentation as _;
    let mut spans: Vec<TextSpan> = Vec::new();
    let mut line_start = 0;
    for line in text.split('\n') {
        let first_of_line = spans.len();
        for (i, sentence) in line.split_sentence_bound_indices() {
            let start = line_start + i;
            let Some(span) = trim_span(text, TextSpan::new(start, start + sentence.len())) else {
                continue;
            };
            let joins = spans.len() > first_of_line
                && spans.last().is_some_and(|last| {
                    let before = &text[line_start..last.end.0];
                    (before.ends_with("...") || before.ends_with('\u{2026}'))
                        && quotation_is_open(before)
                });
            match spans.last_mut() {
                Some(last) if joins => last.end = span.end,
                _ => spans.push(span),
            }
        }
        line_start += line.len() + 1;
    }
    spans
}

/// Whether a double quotation is open at the end of `line`: curly “ ” and « » by their
/// pairs, straight " by their count.
fn quotation_is_open(line: &str) -> bool {
    let (mut curly, mut guillemets, mut straight) = (0i32, 0i32, 0u32);
    for c in line.chars() {
        match c {
            '\u{201c}' | '\u{201e}' => curly += 1,
            '\u{201d}' => curly -= 1,
            '\u{ab}' => guillemets += 1,
            '\u{bb}' => guillemets -= 1,
            '"' => straight += 1,
            _ => {}
        }
    }
    curly > 0 || guillemets > 0 || straight % 2 == 1
}

/// A claim's place in its article: position plus quote with context.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextAnchor {
    pub span: TextSpan,
    /// The exact text of the span.
    pub quote: String,
    /// Up to [`CONTEXT_CHARS`] characters before the quote.
    pub prefix: String,
    /// Up to [`CONTEXT_CHARS`] characters after the quote.
    pub suffix: String,
}

impl TextAnchor {
    /// Anchors `span` in `text`. `None` if the span is empty or not on `char` boundaries.
    pub fn capture(text: &str, span: TextSpan) -> Option<Self> {
        if !span.is_valid_in(text) {
            return None;
        }
        let before = &text[..span.start.0];
        let prefix_start = before
            .char_indices()
            .rev()
            .nth(CONTEXT_CHARS - 1)
            .map_or(0, |(byte, _)| byte);
        let after = &text[span.end.0..];
        let suffix_len = after
            .char_indices()
            .nth(CONTEXT_CHARS)
            .map_or(after.len(), |(byte, _)| byte);
        Some(Self {
            span,
            quote: text[span.range()].to_owned(),
            prefix: before[prefix_start..].to_owned(),
            suffix: after[..suffix_len].to_owned(),
        })
    }

    /// Whether the stored position still points at the stored quote in `text`.
    pub fn matches(&self, text: &str) -> bool {
        self.span.is_valid_in(text) && text[self.span.range()] == self.quote
    }

    /// Finds the quote in `text` again: the stored position if it still matches, else the
    /// occurrence of the quote whose context matches best, nearest the old position on ties.
    /// `None` when the quote no longer occurs at all.
    pub fn relocate(&self, text: &str) -> Option<TextSpan> {
        self.relocate_near(text, None, None)
    }

    /// [`Self::relocate`], looking first around `expected` (where the claim should be if the
    /// text changed evenly), then near its old place, then anywhere.
    fn relocate_near(
        &self,
        text: &str,
        expected: Option<usize>,
        index: Option<&TextIndex<'_>>,
    ) -> Option<TextSpan> {
        if self.matches(text) {
            return Some(self.span);
        }
        if self.quote.is_empty() {
            return None;
        }
        // Offsets written by a tool that counts code points: where they point as code points
        // holds the quote.
        if let Some(span) = index.and_then(|i| i.span_of_chars(self.span))
            && span != self.span
            && text.get(span.range()) == Some(self.quote.as_str())
        {
            return Some(span);
        }
        // Near the old place first (an outlet's edits move text by a little), then anywhere.
        for range in search_ranges(text, self.span.start.0, expected) {
            let mut best: Option<(usize, usize, TextSpan)> = None;
            for start in occurrences(text, range.clone(), &self.quote, index) {
                let span = TextSpan::new(start, start + self.quote.len());
                let before = &text[..start];
                let after = &text[span.end.0..];
                let context = common_suffix_chars(before, &self.prefix)
                    + common_prefix_chars(after, &self.suffix);
                let distance = start.abs_diff(self.span.start.0);
                let better = match best {
                    None => true,
                    Some((best_context, best_distance, _)) => {
                        context > best_context
                            || (context == best_context && distance < best_distance)
                    }
                };
                if better {
                    best = Some((context, distance, span));
                }
            }
            if let Some((_, _, span)) = best {
                return Some(span);
            }
        }
        None
    }
}

/// Where to look for a quote that was at `old`: a window around it (wide enough for the
/// text an outlet adds before it), then the whole text. Searching near first keeps placing
/// thousands of claims in a long edited article close to linear.
fn search_ranges(text: &str, old: usize, expected: Option<usize>) -> Vec<std::ops::Range<usize>> {
    let window = |at: usize, radius: usize| {
        floor_char_boundary(text, at.saturating_sub(radius))
            ..ceil_char_boundary(text, at.saturating_add(radius))
    };
    let mut ranges = Vec::with_capacity(3);
    // Where an even change of the text puts it: a window that does not grow with the text,
    // so placing every claim of a long edited article stays linear.
    if let Some(expected) = expected {
        ranges.push(window(expected, 16 * 1024));
    }
    ranges.push(window(old, 16 * 1024 + text.len() / 20));
    ranges.retain(|r| r.start > 0 || r.end < text.len());
    ranges.push(0..text.len());
    ranges
}

/// Where `needle` occurs in `range` of `text` (byte offsets in `text`, in order, not
/// overlapping, as `match_indices` gives them): through `index` when the range is wide and
/// the needle long enough for it, else by scanning the range.
fn occurrences<'t>(
    text: &'t str,
    range: std::ops::Range<usize>,
    needle: &'t str,
    index: Option<&TextIndex<'_>>,
) -> Box<dyn Iterator<Item = usize> + 't> {
    // A wide range is looked up in the index (built once for all the claims placed in the
    // text) rather than scanned for each claim; a narrow one is quicker scanned.
    if range.len() > INDEXED_RANGE
        && let Some(found) = index.and_then(|i| i.find(needle))
    {
        let last = range.end.saturating_sub(needle.len());
        return Box::new(
            found
                .into_iter()
                .skip_while(move |&at| at < range.start)
                .take_while(move |&at| at <= last),
        );
    }
    let base = range.start;
    Box::new(
        text[range]
            .match_indices(needle)
            .map(move |(at, _)| base + at),
    )
}

/// Ranges of text longer than this are searched through a [`TextIndex`] when there is one.
const INDEXED_RANGE: usize = 64 * 1024;

/// How many places of one piece of context a fuzzy search weighs.
const NEAREST: usize = 64;

/// The [`NEAREST`] of `places` closest to `near`, nearest first.
fn nearest(places: impl Iterator<Item = usize>, near: usize) -> Vec<usize> {
    let mut places: Vec<usize> = places.collect();
    if places.len() > NEAREST {
        places.select_nth_unstable_by_key(NEAREST - 1, |&at| at.abs_diff(near));
        places.truncate(NEAREST);
    }
    places.sort_unstable_by_key(|&at| at.abs_diff(near));
    places
}

/// Bytes of the sequences a [`TextIndex`] is keyed by.
const GRAM: usize = 8;

/// A text indexed once for many whole-text searches (re-anchoring thousands of claims in one
/// article): every 8-byte sequence that starts a character, sorted, with where it starts.
/// Built on first use: placing claims that are all found near their place never builds it.
pub struct TextIndex<'a> {
    text: &'a str,
    grams: std::cell::OnceCell<Vec<(u64, u32)>>,
    /// Where every [`CHARS_PER_MARK`]th code point starts, for reading code-point offsets.
    char_marks: std::cell::OnceCell<Vec<usize>>,
}

/// Code points between two marks of [`TextIndex::char_marks`].
const CHARS_PER_MARK: usize = 64;

impl<'a> TextIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            grams: std::cell::OnceCell::new(),
            char_marks: std::cell::OnceCell::new(),
        }
    }

    /// The text indexed.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The byte offset of code point `index`; `None` past the end of the text. Walks at most
    /// [`CHARS_PER_MARK`] code points from a mark, so thousands of offsets written by a tool
    /// that counts code points read in time linear in the text, not in text times offsets.
    pub fn byte_of_char(&self, index: CharIndex) -> Option<ByteOffset> {
        let from = *self.marks().get(index.0 / CHARS_PER_MARK)?;
        let rest = &self.text[from..];
        let skip = index.0 % CHARS_PER_MARK;
        match rest.char_indices().nth(skip) {
            Some((byte, _)) => Some(ByteOffset(from + byte)),
            None if rest.chars().count() == skip => Some(ByteOffset(self.text.len())),
            None => None,
        }
    }

    /// Where every [`CHARS_PER_MARK`]th code point starts (and the end of the text).
    fn marks(&self) -> &[usize] {
        self.char_marks.get_or_init(|| {
            // Every place a code point starts, and the end of the text.
            self.text
                .char_indices()
                .map(|(byte, _)| byte)
                .chain(std::iter::once(self.text.len()))
                .step_by(CHARS_PER_MARK)
                .collect()
        })
    }

    /// How many code points precede `offset` (as [`byte_to_char`] counts them), counting at
    /// most [`CHARS_PER_MARK`] of them: exports that give every claim's place in code
    /// points stay linear in the text.
    pub fn char_of_byte(&self, offset: ByteOffset) -> CharIndex {
        let offset = floor_char_boundary(self.text, offset.0);
        let marks = self.marks();
        let mark = marks.partition_point(|&m| m <= offset).saturating_sub(1);
        let from = marks.get(mark).copied().unwrap_or(0);
        CharIndex(mark * CHARS_PER_MARK + self.text[from..offset].chars().count())
    }

    /// `span` in code points.
    pub fn char_range(&self, span: TextSpan) -> (CharIndex, CharIndex) {
        (self.char_of_byte(span.start), self.char_of_byte(span.end))
    }

    /// `span` read as code points (the offsets some tools write) rather than bytes.
    fn span_of_chars(&self, span: TextSpan) -> Option<TextSpan> {
        Some(TextSpan {
            start: self.byte_of_char(CharIndex(span.start.0))?,
            end: self.byte_of_char(CharIndex(span.end.0))?,
        })
    }

    fn key(bytes: &[u8]) -> u64 {
        let mut key = [0u8; GRAM];
        key.copy_from_slice(&bytes[..GRAM]);
        u64::from_le_bytes(key)
    }

    /// Where `needle` starts in the text, in order and not overlapping; `None` when the
    /// needle is too short for the index (or the text too long for its offsets).
    fn find(&self, needle: &str) -> Option<Vec<usize>> {
        if needle.len() < GRAM || u32::try_from(self.text.len()).is_err() {
            return None;
        }
        let bytes = self.text.as_bytes();
        let grams = self.grams.get_or_init(|| {
            let mut grams: Vec<(u64, u32)> = (0..bytes.len().saturating_sub(GRAM - 1))
                .filter(|&i| bytes[i] & 0xC0 != 0x80)
                .map(|i| (Self::key(&bytes[i..]), u32::try_from(i).unwrap_or(u32::MAX)))
                .collect();
            grams.sort_unstable();
            grams
        });
        let key = Self::key(needle.as_bytes());
        let first = grams.partition_point(|&(k, _)| k < key);
        let mut found = Vec::new();
        let mut free_from = 0;
        for &(k, at) in &grams[first..] {
            if k != key {
                break;
            }
            let at = at as usize;
            if at >= free_from && bytes[at..].starts_with(needle.as_bytes()) {
                found.push(at);
                free_from = at + needle.len();
            }
        }
        Some(found)
    }
}

/// How a claim was placed in a changed text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// Same quote at the same offsets.
    Unchanged,
    /// Same quote, somewhere else.
    Moved,
    /// Same quote, where the stored offsets point when read as code points (written by a
    /// tool that counts characters, not bytes).
    ReadAsCodePoints,
    /// The quote itself was edited a little; the claim now covers the edited words.
    Changed,
}

/// Where a quote was found again, with the anchor captured there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub anchor: TextAnchor,
    pub placement: Placement,
}

/// How alike a quote and the text found for it must be (normalized edit similarity) …
const MIN_SIMILARITY: f64 = 0.7;
/// … and when the text on both sides of it is still the same (strong evidence on its own).
const MIN_SIMILARITY_IN_CONTEXT: f64 = 0.45;

impl TextAnchor {
    /// Finds the claim again in a changed text: exactly (the quote, best context), else
    /// fuzzily: where the text on both sides of the quote still stands and the words between
    /// are at least 45% alike, or where the quote's own beginning or end still stands and
    /// the words are at least 70% alike. `None` when nothing is close.
    pub fn relocate_fuzzy(&self, text: &str) -> Option<Found> {
        self.relocate_fuzzy_near(text, None, None)
    }

    /// [`Self::relocate_fuzzy`] with `text` indexed once for all the claims placed in it;
    /// also reads the claim's offsets as code points (as some tools write them) when that is
    /// where its quote is.
    pub fn relocate_fuzzy_indexed(&self, text: &str, index: &TextIndex<'_>) -> Option<Found> {
        self.relocate_fuzzy_near(text, None, Some(index))
    }

    /// [`Self::relocate_fuzzy`] in a new version of a text that was `old_len` bytes long:
    /// looks first where an even change of the text puts the claim.
    pub fn relocate_in_edited(&self, text: &str, old_len: usize) -> Option<Found> {
        self.relocate_in_edited_indexed(text, old_len, None)
    }

    /// [`Self::relocate_in_edited`] with the text indexed once for all the claims placed in
    /// it: a claim not found near its place searches the whole text through the index, so
    /// placing many claims stays near linear in the text.
    pub fn relocate_in_edited_indexed(
        &self,
        text: &str,
        old_len: usize,
        index: Option<&TextIndex<'_>>,
    ) -> Option<Found> {
        let expected = if old_len == 0 {
            0
        } else {
            #[expect(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                reason = "an offset scaled by the ratio of two lengths, rounded down"
            )]
            let scaled = (self.span.start.0 as f64 * text.len() as f64 / old_len as f64) as usize;
            scaled
        };
        self.relocate_fuzzy_near(text, Some(expected), index)
    }

    fn relocate_fuzzy_near(
        &self,
        text: &str,
        expected: Option<usize>,
        index: Option<&TextIndex<'_>>,
    ) -> Option<Found> {
        if let Some(span) = self.relocate_near(text, expected, index) {
            let placement = if span == self.span {
                Placement::Unchanged
            } else if index.and_then(|i| i.span_of_chars(self.span)) == Some(span) {
                Placement::ReadAsCodePoints
            } else {
                Placement::Moved
            };
            let anchor = Self::capture(text, span)?;
            return Some(Found { anchor, placement });
        }
        let quote_chars = self.quote.chars().count();
        if quote_chars < 4 {
            return None;
        }
        let near = expected.unwrap_or(self.span.start.0);
        let best = search_ranges(text, self.span.start.0, expected)
            .into_iter()
            .find_map(|range| self.best_changed_in(text, range, near, index))?;
        Some(Found {
            anchor: Self::capture(text, best.1)?,
            placement: Placement::Changed,
        })
    }
}

impl TextAnchor {
    /// The best place for a changed quote among the candidates found in `range` of `text`,
    /// those nearest `near` first.
    fn best_changed_in(
        &self,
        text: &str,
        range: std::ops::Range<usize>,
        near: usize,
        index: Option<&TextIndex<'_>>,
    ) -> Option<(f64, TextSpan)> {
        // In repetitive text a piece of context occurs thousands of times: the ones kept are
        // those nearest where the claim should be, not the first in the text.
        let nearest = |needle: &str| nearest(occurrences(text, range.clone(), needle, index), near);
        let shortest = self.quote.len() / 2;
        let longest = self.quote.len() * 3 / 2 + 16;
        // Where a piece that closes the quote occurs, in order: in the range and as far past
        // it as a quote may reach.
        let reach = if range.end == text.len() {
            range.clone()
        } else {
            range.start..floor_char_boundary(text, range.end + longest)
        };
        let closing = |needle: &str| -> Vec<usize> {
            occurrences(text, reach.clone(), needle, index).collect()
        };
        // Of the places in `sorted`, the one nearest the quote's own length after `start`
        // within what a changed quote may measure (an end found as the first or last
        // occurrence would cut a quote of repeated words short or run past it).
        let end_near = |sorted: &[usize], start: usize| -> Option<usize> {
            let (lo, hi, target) = (start + shortest, start + longest, start + self.quote.len());
            let at = sorted.partition_point(|&p| p < target);
            [at.checked_sub(1), Some(at)]
                .into_iter()
                .flatten()
                .filter_map(|i| sorted.get(i).copied())
                .filter(|&p| (lo..=hi).contains(&p))
                .min_by_key(|&p| p.abs_diff(target))
        };
        // (span, whether the old context stands on both sides)
        let mut candidates: Vec<(TextSpan, bool)> = Vec::new();
        let mut add = |start: usize, end: usize, in_context: bool| {
            if end > start && end - start >= shortest && end - start <= longest {
                candidates.push((TextSpan::new(start, end), in_context));
            }
        };
        // From a start: to the end among `ends` that the quote's length puts nearest, and
        // to the quote's own length (a letter for a letter, or the text after it changed
        // too).
        let mut from = |start: usize, ends: &[usize], in_context: bool| {
            if let Some(end) = end_near(ends, start) {
                add(start, end, in_context);
            }
            add(
                start,
                floor_char_boundary(text, start + self.quote.len()),
                false,
            );
        };
        // The context on both sides still stands: the quote is what lies between.
        let before = last_chars(&self.prefix, 16);
        let after = first_chars(&self.suffix, 16);
        if before.chars().count() >= 6 && after.chars().count() >= 6 {
            let afters = closing(after);
            for at in nearest(before) {
                from(at + before.len(), &afters, true);
            }
        }
        // The quote's own first and last words still stand.
        let head = first_chars(&self.quote, 12);
        let tail = last_chars(&self.quote, 12);
        let tail_ends: Vec<usize> = closing(tail)
            .into_iter()
            .map(|at| at + tail.len())
            .collect();
        for start in nearest(head) {
            from(start, &tail_ends, false);
        }
        for at in nearest(tail) {
            let end = at + tail.len();
            add(
                ceil_char_boundary(text, end.saturating_sub(self.quote.len())),
                end,
                false,
            );
        }
        let quote: Vec<char> = ends(&self.quote);
        let quote_chars = self.quote.chars().count();
        candidates.sort_unstable_by_key(|(s, in_context)| (s.start, s.end, !in_context));
        candidates.dedup_by_key(|(s, _)| *s);
        // The likeliest first — where the old context still stands, then nearest the old
        // place — so a near-identical one ends the search before the costly comparisons of
        // the rest (repetitive text has many look-alikes).
        // At most 24 of each kind: in repetitive text the context alone can name dozens of
        // look-alikes, which must not crowd out the quote found by its own words.
        candidates.sort_by_key(|(s, in_context)| {
            (
                !in_context,
                s.start.0.abs_diff(near),
                s.len().abs_diff(self.quote.len()),
            )
        });
        let in_context = candidates.iter().filter(|(_, c)| *c).count();
        candidates.drain(24.min(in_context)..in_context);
        candidates.truncate(48);
        let mut best: Option<(f64, TextSpan)> = None;
        for (span, in_context) in candidates {
            let Some(span) = trim_span(text, self.snap_to_words(text, span)) else {
                continue;
            };
            let found_text = &text[span.range()];
            let needed = if in_context {
                MIN_SIMILARITY_IN_CONTEXT
            } else {
                MIN_SIMILARITY
            };
            // The similarity is at most the ratio of the lengths (counted whole: two long
            // texts whose ends alone are compared may differ in length in between), so what
            // cannot pass is skipped.
            let found_chars = found_text.chars().count();
            let (short, long) = (quote_chars.min(found_chars), quote_chars.max(found_chars));
            let ceiling = if long == 0 {
                1.0
            } else {
                short as f64 / long as f64
            };
            // Of two places as alike, the one that begins and ends with the quote's own first
            // and last words (an inserted word is then inside it, not in place of its first).
            let same_edge = |edge: fn(&str) -> Option<&str>| {
                if edge(found_text) == edge(&self.quote) {
                    0.001
                } else {
                    0.0
                }
            };
            let bonus = same_edge(|t| t.split_whitespace().next())
                + same_edge(|t| t.split_whitespace().next_back());
            let most = ceiling + bonus + if in_context { IN_CONTEXT_BONUS } else { 0.0 };
            if ceiling < needed || best.is_some_and(|(b, _)| most <= b) {
                continue;
            }
            let similar = similarity(&quote, &ends(found_text)).min(ceiling);
            // Where the text on both sides still stands, what lies between is the quote even
            // if another place is a little more alike letter for letter (a word inserted at
            // its start is as far from the quote as its first word replaced).
            let score = similar + bonus + if in_context { IN_CONTEXT_BONUS } else { 0.0 };
            // Candidates come nearest first: on a tie the one kept is the nearer.
            let better = best.is_none_or(|(b, _)| score > b);
            if similar >= needed && better {
                best = Some((score, span));
                if score >= 0.97 {
                    break;
                }
            }
        }
        best
    }
}

impl TextAnchor {
    /// `span` widened to whole words at an end where the quote itself did not cut a word: a
    /// place cut from a changed text by the quote's length can start or end inside a word
    /// the outlet inserted ("…talks soldiers reportedl"). In text with no spaces between
    /// words (Chinese, Thai) a quote's edges are inside a run of letters, and are left as
    /// they are.
    fn snap_to_words(&self, text: &str, span: TextSpan) -> TextSpan {
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let before = |at: usize| text[..at].chars().next_back();
        let after = |at: usize| text[at..].chars().next();
        let (mut start, mut end) = (span.start.0, span.end.0);
        // Where the quote did not cut a word at an end, a place found for it should not.
        if !(word(self.prefix.chars().next_back()) && word(self.quote.chars().next())) {
            let mut steps = 0;
            while word(before(start)) && word(after(start)) && steps < MAX_WORD_CHARS {
                start -= before(start).map_or(0, char::len_utf8);
                steps += 1;
            }
            if steps == MAX_WORD_CHARS {
                start = span.start.0;
            }
        }
        if !(word(self.quote.chars().next_back()) && word(self.suffix.chars().next())) {
            let mut steps = 0;
            while word(before(end)) && word(after(end)) && steps < MAX_WORD_CHARS {
                end += after(end).map_or(0, char::len_utf8);
                steps += 1;
            }
            if steps == MAX_WORD_CHARS {
                end = span.end.0;
            }
        }
        TextSpan::new(start, end)
    }
}

/// How much more alike than another place a place in context counts.
const IN_CONTEXT_BONUS: f64 = 0.05;

/// The longest stretch a span's end is moved to reach a word's edge.
const MAX_WORD_CHARS: usize = 40;

/// A long text's first and last 600 characters (all of a short one), so comparing two
/// long quotes stays quick.
fn ends(text: &str) -> Vec<char> {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= 1_200 {
        return chars;
    }
    let mut kept = chars[..600].to_vec();
    kept.extend_from_slice(&chars[chars.len() - 600..]);
    kept
}

/// 1 minus the Levenshtein distance over the longer length: 1 for equal texts.
fn similarity(a: &[char], b: &[char]) -> f64 {
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 1.0;
    }
    // What both share at the start and at the end costs nothing, and leaving it out does not
    // change the distance: a quote with one letter changed compares in a few steps, not in
    // its length squared.
    let head = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[head..], &b[head..]);
    let tail = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a, b) = (&a[..a.len() - tail], &b[..b.len() - tail]);
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == cb {
                diagonal
            } else {
                1 + diagonal.min(above).min(row[j])
            };
            diagonal = above;
        }
    }
    1.0 - row[b.len()] as f64 / longest as f64
}

fn first_chars(text: &str, n: usize) -> &str {
    &text[..text.char_indices().nth(n).map_or(text.len(), |(i, _)| i)]
}

fn last_chars(text: &str, n: usize) -> &str {
    let start = text
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    if n == 0 { "" } else { &text[start..] }
}

fn common_prefix_chars(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

fn common_suffix_chars(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_index_counts_code_points_as_char_to_byte_and_byte_to_char_do() {
        let text = "Москва 🚀 دمشق strike é ".repeat(40);
        let index = TextIndex::new(&text);
        let chars = text.chars().count();
        for n in 0..=chars {
            assert_eq!(
                index.byte_of_char(CharIndex(n)),
                Some(char_to_byte(&text, CharIndex(n))),
                "{n}"
            );
        }
        for offset in 0..=text.len() + 3 {
            assert_eq!(
                index.char_of_byte(ByteOffset(offset)),
                byte_to_char(&text, ByteOffset(offset)),
                "{offset}"
            );
        }
        assert_eq!(index.byte_of_char(CharIndex(chars + 1)), None);
        assert_eq!(index.byte_of_char(CharIndex(chars + 100)), None);
        assert_eq!(
            TextIndex::new("").byte_of_char(CharIndex(0)),
            Some(ByteOffset(0))
        );
    }

    #[test]
    fn the_text_index_finds_what_match_indices_finds() {
        let pieces = [
            "aaaa",
            "a",
            "ab",
            "Москва ",
            "دمشق",
            "strike ",
            "🚀",
            "\n",
            "é",
            "strike strike",
        ];
        let mut seed = 11_u64;
        let mut next = |n: usize| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            usize::try_from(seed >> 33).unwrap_or(0) % n
        };
        for _ in 0..300 {
            let text: String = (0..next(60)).map(|_| pieces[next(pieces.len())]).collect();
            let index = TextIndex::new(&text);
            for _ in 0..10 {
                // A needle cut from the text (or made up), long enough for the index.
                let needle: String = (0..=next(4)).map(|_| pieces[next(pieces.len())]).collect();
                let expected: Vec<usize> = text
                    .match_indices(needle.as_str())
                    .map(|(i, _)| i)
                    .collect();
                match index.find(&needle) {
                    Some(found) => assert_eq!(found, expected, "{text:?} / {needle:?}"),
                    None => assert!(needle.len() < GRAM),
                }
            }
        }
    }

    #[test]
    fn an_ellipsis_inside_a_quotation_does_not_end_the_sentence() {
        let cases = [
            (
                "\u{201c}We kept our obligations... A breakdown is their doing,\u{201d} he said. Talks end.",
                vec![
                    "\u{201c}We kept our obligations... A breakdown is their doing,\u{201d} he said.",
                    "Talks end.",
                ],
            ),
            (
                "\u{ab}Nous avons tenu parole\u{2026} La rupture vient d\u{2019}eux\u{bb}, a-t-il dit.",
                vec![
                    "\u{ab}Nous avons tenu parole\u{2026} La rupture vient d\u{2019}eux\u{bb}, a-t-il dit.",
                ],
            ),
            (
                "He said \"we kept our word... They broke it.\" Then he left.",
                vec![
                    "He said \"we kept our word... They broke it.\"",
                    "Then he left.",
                ],
            ),
            // Outside a quotation an ellipsis may end a sentence, as before.
            (
                "The talks stalled... Then the strike came.",
                vec!["The talks stalled...", "Then the strike came."],
            ),
        ];
        for (text, expected) in cases {
            let found: Vec<&str> = sentences(text).iter().map(|s| &text[s.range()]).collect();
            assert_eq!(found, expected, "{text}");
        }
    }

    const MIXED: &str =
        "Москва заявила 🚀 что удар — «провокация». قالت دمشق إن الضربة دليل 👍🏽 end";

    #[test]
    fn char_and_byte_offsets_round_trip_on_every_boundary() {
        for (chars, (byte, _)) in MIXED.char_indices().enumerate() {
            assert_eq!(char_to_byte(MIXED, CharIndex(chars)), ByteOffset(byte));
            assert_eq!(byte_to_char(MIXED, ByteOffset(byte)), CharIndex(chars));
        }
        let total = MIXED.chars().count();
        assert_eq!(
            char_to_byte(MIXED, CharIndex(total)),
            ByteOffset(MIXED.len())
        );
        assert_eq!(
            char_to_byte(MIXED, CharIndex(total + 10)),
            ByteOffset(MIXED.len())
        );
    }

    #[test]
    fn byte_offset_inside_a_code_point_rounds_down() {
        let rocket = MIXED.find('🚀').expect("rocket in text");
        let before = byte_to_char(MIXED, ByteOffset(rocket));
        assert_eq!(byte_to_char(MIXED, ByteOffset(rocket + 2)), before);
    }

    #[test]
    fn capture_arabic_span_from_char_range() {
        let word = "دمشق";
        let byte_start = MIXED.find(word).expect("word in text");
        let char_start = MIXED[..byte_start].chars().count();
        let span = TextSpan::from_char_range(
            MIXED,
            CharIndex(char_start + word.chars().count()),
            CharIndex(char_start),
        );
        let anchor = TextAnchor::capture(MIXED, span).expect("valid span");
        assert_eq!(anchor.quote, word);
        assert!(anchor.prefix.ends_with("قالت "));
        assert!(anchor.suffix.starts_with(" إن"));
        assert!(anchor.prefix.chars().count() <= CONTEXT_CHARS);
        assert!(anchor.suffix.chars().count() <= CONTEXT_CHARS);
        assert_eq!(span.to_char_range(MIXED).0, CharIndex(char_start));
    }

    #[test]
    fn capture_refuses_spans_off_char_boundaries() {
        let rocket = MIXED.find('🚀').expect("rocket in text");
        assert!(TextAnchor::capture(MIXED, TextSpan::new(rocket, rocket + 1)).is_none());
        assert!(TextAnchor::capture(MIXED, TextSpan::new(3, 3)).is_none());
        assert!(TextAnchor::capture(MIXED, TextSpan::new(0, MIXED.len() + 1)).is_none());
        let whole = TextAnchor::capture(MIXED, TextSpan::new(0, MIXED.len())).expect("whole text");
        assert_eq!(whole.quote, MIXED);
        assert!(whole.prefix.is_empty() && whole.suffix.is_empty());
    }

    #[test]
    fn emoji_with_skin_tone_is_kept_whole() {
        let start = MIXED.find("👍🏽").expect("emoji in text");
        let span = TextSpan::new(start, start + "👍🏽".len());
        let anchor = TextAnchor::capture(MIXED, span).expect("valid");
        assert_eq!(anchor.quote, "👍🏽");
        assert_eq!(
            span.to_char_range(MIXED).1.0 - span.to_char_range(MIXED).0.0,
            2
        );
    }

    #[test]
    fn trim_span_drops_surrounding_whitespace() {
        let text = "  Кремль  сказал ";
        let trimmed = trim_span(text, TextSpan::new(0, text.len())).expect("has words");
        assert_eq!(&text[trimmed.range()], "Кремль  сказал");
        assert_eq!(trim_span(text, TextSpan::new(0, 2)), None);
        // A span that starts inside a code point is widened to whole characters.
        let inside = trim_span(text, TextSpan::new(3, 5)).expect("inside the first word");
        assert!(text.is_char_boundary(inside.start.0) && text.is_char_boundary(inside.end.0));
    }

    #[test]
    fn a_word_is_a_word_in_any_script_with_its_accents_and_hyphens() {
        let text = "Russia's cafe\u{301} al-Assad «دليل» 2016.";
        let at = |needle: &str| ByteOffset(text.find(needle).expect("in text") + 1);
        assert_eq!(&text[word_at(text, at("ussia"))], "Russia's");
        assert_eq!(&text[word_at(text, at("afe"))], "cafe\u{301}");
        assert_eq!(&text[word_at(text, at("Assad"))], "al-Assad");
        assert_eq!(&text[word_at(text, at("ليل"))], "دليل");
        assert_eq!(&text[word_at(text, at("016"))], "2016");
        assert!(word_at(text, ByteOffset(text.find('«').expect("in text"))).is_empty());
    }

    #[test]
    fn word_steps_work_on_any_script() {
        let text = "Москва заявила: удар — «провокация». قالت دمشق";
        let after = next_word_end(text, ByteOffset(0));
        assert_eq!(&text[..after.0], "Москва");
        let after = next_word_end(text, after);
        assert_eq!(&text[..after.0], "Москва заявила");
        let arabic = text.find("دمشق").expect("in text");
        assert_eq!(
            previous_word_start(text, ByteOffset(text.len())),
            ByteOffset(arabic)
        );
        assert_eq!(
            previous_word_start(text, ByteOffset(arabic)),
            ByteOffset(text.find("قالت").expect("in text"))
        );
        assert_eq!(
            next_word_end(text, ByteOffset(text.len())),
            ByteOffset(text.len())
        );
        assert_eq!(previous_word_start(text, ByteOffset(0)), ByteOffset(0));
    }

    #[test]
    fn sentences_split_on_stops_and_lines() {
        let text = "Headline here\nThe US said it was a mistake. Russia disagreed! Did Syria? قالت دمشق إن الضربة متعمدة؟ Fin 🚀";
        let found: Vec<&str> = sentences(text).iter().map(|s| &text[s.range()]).collect();
        assert_eq!(
            found,
            [
                "Headline here",
                "The US said it was a mistake.",
                "Russia disagreed!",
                "Did Syria?",
                "قالت دمشق إن الضربة متعمدة؟",
                "Fin 🚀"
            ]
        );
        assert!(sentences("  \n ").is_empty());
        // An abbreviation before a lower-case word does not end a sentence.
        assert_eq!(
            sentences("Officials in the U.S. said so. Then more.").len(),
            2
        );
        // "U.S. officials" does not end a sentence at the inner dot.
        assert_eq!(sentences("U.S.officials said so.").len(), 1);
    }

    #[test]
    fn relocate_follows_the_quote_when_text_moves() {
        let old = "Intro. The US said it was a mistake. Later the US said it was a mistake again.";
        let start = old.find("it was a mistake").expect("quote");
        let anchor =
            TextAnchor::capture(old, TextSpan::new(start, start + "it was a mistake".len()))
                .expect("valid");
        let new = format!("A new first paragraph with Кириллица 🚀.\n{old}");
        let moved = anchor.relocate(&new).expect("still there");
        assert_eq!(&new[moved.range()], "it was a mistake");
        // The first occurrence, picked by its context, not the second one.
        assert!(new[..moved.start.0].ends_with("The US said "));
        assert!(!new[..moved.start.0].contains("Later"));
        assert_eq!(anchor.relocate("nothing like it"), None);
    }
}
