//! The article cut into blocks: paragraphs, and long paragraphs at sentence ends, so no
//! single layout is ever big. Blocks are what the reader lays out, measures and paints.

use std::ops::Range;

use crate::model::Article;
use crate::model::ArticleId;
use crate::model::span::{ceil_char_boundary, floor_char_boundary};

/// Space after a paragraph.
pub const PARAGRAPH_GAP: f32 = 12.0;
/// Paragraphs longer than this are cut at a sentence end (or a space) into several blocks,
/// so no single layout is ever big.
const MAX_BLOCK_BYTES: usize = 3_000;

/// A run of the article's text laid out as one piece: a paragraph or a part of a long one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub range: Range<usize>,
    pub chars: usize,
    /// Whether a paragraph ends here (and a gap follows).
    pub ends_paragraph: bool,
}

impl Block {
    pub fn gap(&self) -> f32 {
        if self.ends_paragraph {
            PARAGRAPH_GAP
        } else {
            0.0
        }
    }
}

/// Cuts a text into blocks: one per non-blank line, long lines cut at sentence ends.
pub fn split_blocks(text: &str) -> Vec<Block> {
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
pub struct Blocks {
    article: Option<ArticleId>,
    /// The text the blocks were cut from, to notice when an edit changed it.
    text: String,
    /// The document version the text was last compared at.
    version: u64,
    pub list: Vec<Block>,
}

impl Blocks {
    /// Re-cuts the text when it changed; says whether it did. Only an edit can change it,
    /// so the text is compared only when the document's version moved.
    pub fn sync(&mut self, article: &Article, version: u64) -> bool {
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
    pub fn locate_in(list: &[Block], offset: usize) -> Option<usize> {
        if list.is_empty() {
            return None;
        }
        Some(
            list.partition_point(|b| b.range.start <= offset)
                .saturating_sub(1),
        )
    }
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
}
