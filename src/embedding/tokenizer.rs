//! XLM-RoBERTa's SentencePiece unigram tokenizer, as the model was trained with it:
//! normalize each code point by the file's map, collapse runs of spaces, mark word starts
//! with "▁", then choose the pieces whose scores sum highest (Viterbi), an unknown
//! character costing less than any piece.

use std::collections::HashMap;

use super::file::TokenizerParts;

/// The SentencePiece word-start mark.
const MARK: char = '\u{2581}';

pub struct Tokenizer {
    pieces: HashMap<Box<[u8]>, u32, rustc_hash::FxBuildHasher>,
    scores: Vec<f32>,
    normalization: HashMap<u32, Vec<u32>>,
    unknown_score: f32,
    /// The longest piece, in bytes: no longer span is looked up.
    longest: usize,
    pub bos: u32,
    pub eos: u32,
    pub unk: u32,
}

impl Tokenizer {
    pub fn new(parts: TokenizerParts<'_>) -> Self {
        let mut pieces =
            HashMap::with_capacity_and_hasher(parts.pieces.len(), rustc_hash::FxBuildHasher);
        let mut longest = 1;
        for (id, piece) in parts.pieces.iter().enumerate() {
            if piece.is_empty() {
                continue;
            }
            longest = longest.max(piece.len());
            // The first of two equal pieces wins, as a lookup table built in order would.
            pieces
                .entry(Box::from(*piece))
                .or_insert(u32::try_from(id).unwrap_or(u32::MAX));
        }
        let lowest = parts.scores.iter().copied().fold(f32::INFINITY, f32::min);
        Self {
            pieces,
            unknown_score: if lowest.is_finite() { lowest } else { 0.0 } - 10.0,
            scores: parts.scores,
            normalization: parts.normalization,
            longest,
            bos: parts.bos,
            eos: parts.eos,
            unk: parts.unk,
        }
    }

    /// The piece ids of `text`, without the sentence marks. Linear in the text (times the
    /// longest piece).
    pub fn pieces(&self, text: &str) -> Vec<u32> {
        let mut normalized = String::with_capacity(text.len() + 3);
        let mut last_space = false;
        let mut push = |c: char, out: &mut String| {
            if c == ' ' {
                if last_space {
                    return;
                }
                last_space = true;
            } else {
                last_space = false;
            }
            out.push(c);
        };
        for c in text.chars() {
            match self.normalization.get(&u32::from(c)) {
                Some(to) => {
                    for &code in to {
                        push(char::from_u32(code).unwrap_or('\u{fffd}'), &mut normalized);
                    }
                }
                None => push(c, &mut normalized),
            }
        }
        let mut marked = String::with_capacity(normalized.len() + 3);
        if !normalized.starts_with(' ') {
            marked.push(MARK);
        }
        for c in normalized.chars() {
            marked.push(if c == ' ' { MARK } else { c });
        }
        self.viterbi(&marked)
    }

    fn viterbi(&self, text: &str) -> Vec<u32> {
        let starts: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(text.len()))
            .collect();
        let n = starts.len() - 1;
        // For each character boundary: the best score reaching it, the piece that did
        // (`None`: an unknown character) and where that piece began.
        let mut best = vec![f32::NEG_INFINITY; n + 1];
        let mut piece: Vec<Option<u32>> = vec![None; n + 1];
        let mut from = vec![0usize; n + 1];
        best[0] = 0.0;
        let bytes = text.as_bytes();
        for i in 0..n {
            if best[i] == f32::NEG_INFINITY {
                continue;
            }
            for e in i + 1..=n {
                let span = &bytes[starts[i]..starts[e]];
                if span.len() > self.longest {
                    break;
                }
                if let Some(&id) = self.pieces.get(span)
                    && id != self.unk
                {
                    let score = best[i] + self.scores[id as usize];
                    if score > best[e] {
                        best[e] = score;
                        piece[e] = Some(id);
                        from[e] = i;
                    }
                }
            }
            let unknown = best[i] + self.unknown_score;
            if unknown > best[i + 1] {
                best[i + 1] = unknown;
                piece[i + 1] = None;
                from[i + 1] = i;
            }
        }
        let mut ids = Vec::new();
        let mut at = n;
        while at > 0 {
            ids.push(piece[at].unwrap_or(self.unk));
            at = from[at];
        }
        ids.reverse();
        ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokenizer(pieces: &[(&'static str, f32)]) -> Tokenizer {
        let mut all: Vec<(&[u8], f32)> = vec![(b"<s>", 0.0), (b"</s>", 0.0), (b"<unk>", 0.0)];
        all.extend(pieces.iter().map(|(p, s)| (p.as_bytes(), *s)));
        let mut normalization = HashMap::new();
        // Full-width A to A, as NFKC would.
        normalization.insert(0xff21, vec![u32::from('A')]);
        Tokenizer::new(TokenizerParts {
            bos: 0,
            eos: 1,
            unk: 2,
            pieces: all.iter().map(|(p, _)| *p).collect(),
            scores: all.iter().map(|(_, s)| *s).collect(),
            normalization,
        })
    }

    #[test]
    fn the_best_scoring_split_wins_and_words_start_with_the_mark() {
        let t = tokenizer(&[
            ("▁strike", -3.0),
            ("▁str", -2.0),
            ("ike", -2.0),
            ("▁", -1.0),
            ("s", -4.0),
            ("A", -1.0),
        ]);
        // One piece (−3) beats two (−4).
        assert_eq!(t.pieces("strike"), vec![3]);
        // Two spaces are one; the second word gets its mark.
        assert_eq!(t.pieces("strike  strikes"), vec![3, 3, 7]);
        // Normalized, and an unknown character is <unk>.
        assert_eq!(t.pieces("Ａ"), vec![6, 8]);
        assert_eq!(t.pieces("ж"), vec![6, 2]);
    }
}
