//! A PDF's text as a reader sees it, rebuilt from where its glyphs are drawn (pdf-extract
//! reports each glyph with its position; the characters it would emit for spaces are not
//! trusted). Pure: glyphs in, paragraphs out.
//!
//! - Words: a gap between two glyphs wider than a fifth of the font size is one space,
//!   however wide — justified lines keep no stretched runs of spaces. Gaps are measured
//!   between the glyphs' boxes whichever way the line runs, so right-to-left lines too.
//! - Lines: glyphs on one baseline; a gap wider than three font sizes starts another piece
//!   (the next column of a page whose columns are drawn line by line).
//! - Columns: a page whose lines start in clearly separate places is read column by column,
//!   left to right, each top to bottom.
//! - Page furniture: a line that comes back at the same height on at least half the pages
//!   (running heads, the outlet's name, "Page 3", "Sayfa 2"), and a lone page number near the
//!   top or bottom, is dropped.
//! - Paragraphs: a paragraph ends where a line stops short of its column's right edge, where
//!   the space to the next line is wider than the usual line spacing, where the next line is
//!   indented, or where the font size changes (a heading); a line that runs to the edge goes
//!   on, across a page break too.
//! - Hyphens: see [`super::pdf::hyphenated`]: a soft break ("state-⏎ment") is joined, a real
//!   hyphen ("F-⏎16s", "al-⏎Nusra") stays, without a space.

use std::collections::HashMap;

/// One glyph: page, position of its left end on the baseline (y grows downwards), advance
/// width, font size, and its text.
#[derive(Clone, Debug, PartialEq)]
pub struct Glyph {
    pub page: u32,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub size: f64,
    pub text: String,
}

/// A page's height, for telling its top and bottom margins.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Page {
    pub number: u32,
    pub height: f64,
}

/// A line (or the piece of one in a column): where it starts and ends, its baseline, size.
#[derive(Clone, Debug, PartialEq)]
struct Line {
    page: u32,
    x0: f64,
    x1: f64,
    y: f64,
    size: f64,
    text: String,
}

/// The glyphs of one page as lines, in the order they were drawn.
fn lines_of(glyphs: &[&Glyph]) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    let mut last: Option<&Glyph> = None;
    for glyph in glyphs {
        if glyph.text.trim().is_empty() {
            continue;
        }
        let size = glyph.size.max(1.0);
        let continues = last.is_some_and(|prev| {
            let same_line = (glyph.y - prev.y).abs() <= 0.4 * size;
            same_line && box_gap(prev, glyph) <= 3.0 * size
        });
        if continues && let (Some(line), Some(prev)) = (lines.last_mut(), last) {
            if box_gap(prev, glyph) > 0.2 * size {
                line.text.push(' ');
            }
            line.text.push_str(&glyph.text);
            line.x0 = line.x0.min(glyph.x);
            line.x1 = line.x1.max(glyph.x + glyph.width);
        } else {
            lines.push(Line {
                page: glyph.page,
                x0: glyph.x,
                x1: glyph.x + glyph.width,
                y: glyph.y,
                size,
                text: glyph.text.clone(),
            });
        }
        last = Some(glyph);
    }
    lines
}

/// The space between two glyphs' boxes, whichever comes first on the line.
fn box_gap(a: &Glyph, b: &Glyph) -> f64 {
    if b.x >= a.x {
        b.x - (a.x + a.width)
    } else {
        a.x - (b.x + b.width)
    }
}

/// The column each line belongs to: lines are grouped by where they start, groups further
/// apart than a quarter of the text's width being columns. Returns each line's column.
fn columns(lines: &[Line]) -> Vec<usize> {
    if lines.is_empty() {
        return Vec::new();
    }
    let left = lines.iter().map(|l| l.x0).fold(f64::INFINITY, f64::min);
    let right = lines.iter().map(|l| l.x1).fold(f64::NEG_INFINITY, f64::max);
    let apart = (right - left) / 4.0;
    let mut starts: Vec<f64> = lines.iter().map(|l| l.x0).collect();
    starts.sort_by(f64::total_cmp);
    let mut edges = vec![starts[0]];
    for pair in starts.windows(2) {
        if pair[1] - pair[0] > apart {
            edges.push(pair[1]);
        }
    }
    // A column needs a few lines of its own (a lone indented line is no column).
    let counts: Vec<usize> = edges
        .iter()
        .enumerate()
        .map(|(i, edge)| {
            let next = edges.get(i + 1).copied().unwrap_or(f64::INFINITY);
            lines
                .iter()
                .filter(|l| l.x0 >= *edge && l.x0 < next)
                .count()
        })
        .collect();
    let edges: Vec<f64> = edges
        .into_iter()
        .zip(counts)
        .filter(|(_, count)| *count >= 3)
        .map(|(edge, _)| edge)
        .collect();
    lines
        .iter()
        .map(|l| {
            edges
                .iter()
                .rposition(|edge| l.x0 >= *edge - 1.0)
                .unwrap_or(0)
        })
        .collect()
}

/// A line's text with digits made '#': the key running heads and page numbers share.
fn furniture_key(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A page number standing alone: "3", "- 3 -", "3 / 12", "Page 3", "Sayfa 3", "Стр. 3".
fn is_page_number(text: &str) -> bool {
    let key = furniture_key(text);
    let words: Vec<&str> = key
        .split(|c: char| c.is_whitespace() || "-–—/|.".contains(c))
        .filter(|w| !w.is_empty())
        .collect();
    !words.is_empty()
        && words.len() <= 4
        && words.iter().any(|w| w.chars().all(|c| c == '#'))
        && words.iter().all(|w| {
            w.chars().all(|c| c == '#')
                || [
                    "page",
                    "p",
                    "pg",
                    "sayfa",
                    "seite",
                    "página",
                    "pagina",
                    "стр",
                    "страница",
                    "صفحة",
                    "of",
                    "de",
                    "из",
                    "von",
                ]
                .contains(w)
        })
}

/// Drops running heads and feet: lines that come back at the same height (give or take a
/// point or two) on at least half of the pages, when there are two or more; and page
/// numbers in the top or bottom tenth of a page.
fn drop_furniture(lines: Vec<Line>, pages: &[Page]) -> Vec<Line> {
    let page_count = pages.len();
    let heights: HashMap<u32, f64> = pages.iter().map(|p| (p.number, p.height)).collect();
    let height = |page: u32| heights.get(&page).copied().unwrap_or(792.0);
    let mut seen: HashMap<(String, i64), std::collections::BTreeSet<u32>> = HashMap::new();
    #[expect(
        clippy::cast_possible_truncation,
        reason = "a height in points, rounded"
    )]
    let band = |y: f64| (y / 4.0).round() as i64;
    for line in &lines {
        seen.entry((furniture_key(&line.text), band(line.y)))
            .or_default()
            .insert(line.page);
    }
    let repeated = |line: &Line| {
        page_count >= 2
            && [-1, 0, 1].iter().any(|d| {
                seen.get(&(furniture_key(&line.text), band(line.y) + d))
                    .is_some_and(|on| on.len() * 2 >= page_count && on.len() >= 2)
            })
    };
    lines
        .into_iter()
        .filter(|line| {
            let h = height(line.page);
            let margin = line.y < h * 0.1 || line.y > h * 0.9;
            !(repeated(line) || (margin && is_page_number(&line.text)) || bare_number(&line.text))
        })
        .collect()
}

/// A line that is nothing but a short number (a page number wherever it stands).
fn bare_number(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty() && t.len() <= 4 && t.chars().all(|c| c.is_ascii_digit())
}

/// The text of the glyphs as paragraphs, one blank line between them.
pub fn paragraphs(glyphs: &[Glyph], pages: &[Page]) -> String {
    // Each page's glyphs, gathered in one pass (not one pass over the document per page).
    let mut by_page: HashMap<u32, Vec<&Glyph>> = HashMap::new();
    for glyph in glyphs {
        by_page.entry(glyph.page).or_default().push(glyph);
    }
    let mut lines = Vec::new();
    for page in pages {
        let on_page = by_page.remove(&page.number).unwrap_or_default();
        let mut page_lines = lines_of(&on_page);
        let column = columns(&page_lines);
        if column.iter().any(|c| *c > 0) {
            // Column by column, each top to bottom.
            let mut keyed: Vec<(usize, Line)> = column.into_iter().zip(page_lines).collect();
            keyed.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.y.total_cmp(&b.1.y)));
            page_lines = keyed.into_iter().map(|(_, l)| l).collect();
        }
        lines.extend(page_lines);
    }
    let lines = drop_furniture(lines, pages);
    join(&lines)
}

/// At most this many lines near a line are looked at for its column's right edge: a page
/// has fewer, and a page of many thousands of lines costs no more per line.
const EDGE_SAMPLE: usize = 256;

/// Each line's column edges: among the lines of its page that start within three font sizes
/// of it, the leftmost start and the right end nine in ten of them reach. The page's lines
/// sorted by start make those neighbours one run, found by binary search; a run of more than
/// [`EDGE_SAMPLE`] lines is sampled evenly, so the whole is O(n log n), not quadratic.
fn column_edges(lines: &[Line]) -> Vec<(f64, f64)> {
    let mut edges = vec![(0.0, 0.0); lines.len()];
    let mut first = 0;
    while first < lines.len() {
        let page = lines[first].page;
        let end = first + lines[first..].iter().take_while(|l| l.page == page).count();
        let mut starts: Vec<(f64, f64)> = lines[first..end].iter().map(|l| (l.x0, l.x1)).collect();
        starts.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut known: HashMap<(u64, u64), (f64, f64)> = HashMap::new();
        for (line, edge) in lines[first..end].iter().zip(&mut edges[first..end]) {
            *edge = *known
                .entry((line.x0.to_bits(), line.size.to_bits()))
                .or_insert_with(|| {
                    let reach = 3.0 * line.size;
                    let lo = starts.partition_point(|s| s.0 < line.x0 - reach);
                    let hi = starts.partition_point(|s| s.0 <= line.x0 + reach);
                    let near = &starts[lo.min(hi)..hi];
                    if near.is_empty() {
                        // Only where a position is not a number (a damaged file).
                        return (line.x0, line.x1);
                    }
                    let step = near.len().div_ceil(EDGE_SAMPLE).max(1);
                    let mut rights: Vec<f64> = near.iter().step_by(step).map(|s| s.1).collect();
                    rights.sort_by(f64::total_cmp);
                    (near[0].0, rights[rights.len() * 9 / 10])
                });
        }
        first = end;
    }
    edges
}

/// Lines joined into paragraphs.
fn join(lines: &[Line]) -> String {
    let edges = column_edges(lines);
    // The usual space from one line to the next.
    let mut steps: Vec<f64> = lines
        .windows(2)
        .filter(|w| w[0].page == w[1].page && w[1].y > w[0].y)
        .map(|w| w[1].y - w[0].y)
        .collect();
    steps.sort_by(f64::total_cmp);
    let usual = steps.get(steps.len() / 2).copied().unwrap_or(0.0);

    let mut out = String::new();
    // Where the text after the last line break starts in `out` (so the line being extended
    // is found without searching back through a paragraph that may be a whole document).
    let mut tail_start = 0;
    let push = |out: &mut String, tail_start: &mut usize, piece: &str| {
        if let Some(newline) = piece.rfind('\n') {
            *tail_start = out.len() + newline + 1;
        }
        out.push_str(piece);
    };
    for (i, line) in lines.iter().enumerate() {
        let text = line.text.trim();
        if i == 0 {
            push(&mut out, &mut tail_start, text);
            continue;
        }
        let prev = &lines[i - 1];
        let (left, right) = edges[i - 1];
        // Short: the next line's first word would have fitted at this line's end, so the
        // typesetter ended the line on purpose (works for ragged and justified text alike).
        let per_char = (line.x1 - line.x0) / line.text.chars().count().max(1) as f64;
        let first_word = text
            .split_whitespace()
            .next()
            .map_or(0, |w| w.chars().count());
        let fits = prev.x1 + (first_word as f64 + 1.0) * per_char < right - 0.5 * prev.size;
        // Ragged-right text leaves room at the end of many lines: there, only a line that
        // also ends a sentence, or stops before three quarters of the column, ends one.
        let ends_sentence = prev
            .text
            .trim_end()
            .ends_with(['.', '!', '?', ':', '"', '”', '»', '؟', '。']);
        let clearly_short = prev.x1 - left < (right - left) * 0.75;
        // A line that ends in a word's hyphen goes on, however short.
        let hyphen = prev.text.trim_end().ends_with('-')
            && prev
                .text
                .trim_end()
                .chars()
                .rev()
                .nth(1)
                .is_some_and(char::is_alphanumeric);
        let short = fits && !hyphen && (ends_sentence || clearly_short);
        let same_page = prev.page == line.page;
        let gap = line.y - prev.y;
        let wide_gap = same_page && usual > 0.0 && gap > usual * 1.5;
        let indented = line.x0 > edges[i].0.max(left) + 0.8 * line.size
            && (line.x0 - prev.x0).abs() < 10.0 * line.size;
        let resized = (line.size - prev.size).abs() > 0.15 * prev.size;
        let ends = short || wide_gap || indented || resized;
        if ends {
            push(&mut out, &mut tail_start, "\n\n");
            push(&mut out, &mut tail_start, text);
        } else {
            let before = &out[tail_start..];
            if let Some(stem) = super::pdf::hyphenated(before, text) {
                let keep = tail_start + stem.len();
                out.truncate(keep);
                push(&mut out, &mut tail_start, text);
            } else if before.ends_with('-')
                && before
                    .chars()
                    .rev()
                    .nth(1)
                    .is_some_and(char::is_alphanumeric)
                && text.chars().next().is_some_and(char::is_alphanumeric)
            {
                // A real hyphen at the end of a line ("F-" "16s", "al-" "Nusra").
                push(&mut out, &mut tail_start, text);
            } else {
                out.push(' ');
                push(&mut out, &mut tail_start, text);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Glyphs of `words` on a line, `gap` points between words, 6 points a character.
    fn line(page: u32, x: f64, y: f64, words: &[&str], gap: f64) -> Vec<Glyph> {
        let mut out = Vec::new();
        let mut at = x;
        for word in words {
            for c in word.chars() {
                out.push(Glyph {
                    page,
                    x: at,
                    y,
                    width: 6.0,
                    size: 11.0,
                    text: c.to_string(),
                });
                at += 6.0;
            }
            at += gap;
        }
        out
    }

    /// A page of three thousand lines (more than [`EDGE_SAMPLE`] start at one place): every
    /// tenth line stops at half the column after a sentence and ends a paragraph; the rest
    /// run to the edge and go on. The sampled right edge finds the same paragraphs.
    #[test]
    fn a_page_of_thousands_of_lines_is_read_into_its_paragraphs() {
        let full = [
            "The",
            "coalition",
            "said",
            "the",
            "strike",
            "was",
            "a",
            "mistake,",
            "and",
        ];
        let mut glyphs = Vec::new();
        for row in 0..3_000_u32 {
            let y = 20.0 + 14.0 * f64::from(row);
            if row % 10 == 9 {
                glyphs.extend(line(1, 72.0, y, &["It", "ended."], 6.0));
            } else {
                glyphs.extend(line(1, 72.0, y, &full, 6.0));
            }
        }
        let pages = [Page {
            number: 1,
            height: 50_000.0,
        }];
        let text = paragraphs(&glyphs, &pages);
        let found: Vec<&str> = text.split("\n\n").collect();
        assert_eq!(found.len(), 300);
        assert!(
            found
                .iter()
                .all(|p| p.starts_with("The coalition") && p.ends_with("It ended."))
        );
    }

    #[test]
    fn stretched_spaces_are_one_space_and_rtl_gaps_count_too() {
        let glyphs = line(1, 72.0, 100.0, &["Russia", "says", "62"], 17.0);
        let pages = [Page {
            number: 1,
            height: 792.0,
        }];
        assert_eq!(paragraphs(&glyphs, &pages), "Russia says 62");
        // Drawn right to left: each glyph left of the one before.
        let mut rtl = Vec::new();
        let mut at = 300.0;
        for word in ["دمشق", "تقول"] {
            for c in word.chars() {
                at -= 6.0;
                rtl.push(Glyph {
                    page: 1,
                    x: at,
                    y: 100.0,
                    width: 6.0,
                    size: 11.0,
                    text: c.to_string(),
                });
            }
            at -= 5.0;
        }
        assert_eq!(paragraphs(&rtl, &pages), "دمشق تقول");
    }

    #[test]
    fn page_numbers_are_recognised_in_several_languages() {
        for text in [
            "3",
            "- 3 -",
            "3 / 12",
            "Page 3",
            "Sayfa 2",
            "Стр. 4",
            "Page 3 of 9",
        ] {
            assert!(is_page_number(text), "{text}");
        }
        for text in ["Russia says 62", "Page one", "F-16s"] {
            assert!(!is_page_number(text), "{text}");
        }
    }
}
