//! An article as words and marks (UAX #29 word boundaries), grouped into paragraphs and
//! sentences, with its quotations found.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation as _;

use crate::model::span;

/// A word or a punctuation mark of the text.
#[derive(Clone, Debug)]
pub struct Token {
    pub range: Range<usize>,
    /// Lower-cased, with a possessive ’s and the dots of an initialism ("U.S.") taken off.
    pub lower: String,
    pub is_word: bool,
    /// Starts with an upper-case letter.
    pub capitalised: bool,
    /// The whole word is upper case, at least two letters ("US", "SANA").
    pub all_caps: bool,
}

/// A sentence, as a range of token indices, in paragraph `paragraph`.
#[derive(Clone, Debug)]
pub struct Sentence {
    pub tokens: Range<usize>,
    pub bytes: Range<usize>,
    pub paragraph: usize,
}

/// A quotation: its opening mark, the text inside and its closing mark, if it has one. It may
/// run over several sentences and paragraphs (each paragraph of a long quote opens again).
#[derive(Clone, Debug)]
pub struct Quotation {
    pub open: usize,
    pub inner: Range<usize>,
    /// The byte just after the closing mark, or the end of the last paragraph.
    pub end: usize,
}

#[expect(
    clippy::struct_field_names,
    reason = "the article's tokens, read as tokens.tokens beside tokens.sentences"
)]
pub struct Tokens<'t> {
    pub text: &'t str,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    /// Byte ranges of the paragraphs (lines with text).
    pub paragraphs: Vec<Range<usize>>,
    pub quotations: Vec<Quotation>,
}

impl<'t> Tokens<'t> {
    pub fn new(text: &'t str) -> Self {
        let tokens = tokenise(text);
        let paragraphs = paragraphs(text);
        let sentences = sentences(text, &tokens, &paragraphs);
        let quotations = quotations(text, &paragraphs);
        Self {
            text,
            tokens,
            sentences,
            paragraphs,
            quotations,
        }
    }

    /// The words of a short text (a party name, an alias), marks left out.
    pub fn words_of(text: &str) -> Vec<String> {
        text.split_word_bounds()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .map(str::to_owned)
            .collect()
    }

    pub fn str(&self, i: usize) -> &'t str {
        &self.text[self.tokens[i].range.clone()]
    }

    /// The text from the start of token `a` to the end of token `b - 1`.
    pub fn slice(&self, tokens: Range<usize>) -> &'t str {
        if tokens.is_empty() {
            return "";
        }
        &self.text[self.tokens[tokens.start].range.start..self.tokens[tokens.end - 1].range.end]
    }

    /// The quotation whose inner text or marks contain byte `at`.
    pub fn quotation_at(&self, at: usize) -> Option<&Quotation> {
        let i = self.quotations.partition_point(|q| q.open <= at);
        let quotation = self.quotations.get(i.checked_sub(1)?)?;
        (at < quotation.end).then_some(quotation)
    }

    /// The quotation whose closing mark ends at or just after `at` (the mark may follow the
    /// comma: `… two,” he said`).
    pub fn quotation_closing_near(&self, at: usize) -> Option<&Quotation> {
        // Quotations never overlap, so they are in order of their ends too.
        let from = self.quotations.partition_point(|q| q.end < at);
        self.quotations[from..]
            .iter()
            .take_while(|q| q.end <= at + 8)
            .find(|q| q.inner.end <= at + 4)
    }
}

fn tokenise(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    for (start, word) in text.split_word_bound_indices() {
        if word.chars().all(char::is_whitespace) {
            continue;
        }
        let is_word = word.chars().any(char::is_alphanumeric);
        let first_upper = word.chars().next().is_some_and(char::is_uppercase);
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        let all_caps = letters >= 2
            && word
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase);
        tokens.push(Token {
            range: start..start + word.len(),
            lower: normalise(word),
            is_word,
            capitalised: first_upper,
            all_caps,
        });
    }
    tokens
}

/// A word as it is compared: lower case, without a possessive ("Russia's" → "russia") and
/// without the dots of an initialism ("U.S" → "us").
pub fn normalise(word: &str) -> String {
    let mut lower = word.to_lowercase();
    for possessive in ["'s", "\u{2019}s", "'", "\u{2019}"] {
        if lower.len() > possessive.len() + 1 && lower.ends_with(possessive) {
            lower.truncate(lower.len() - possessive.len());
            break;
        }
    }
    if lower.contains('.') && lower.chars().all(|c| c == '.' || c.is_alphabetic()) {
        lower.retain(|c| c != '.');
    }
    lower
}

fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut paragraphs = Vec::new();
    let mut start = 0;
    for line in text.split('\n') {
        let end = start + line.len();
        if !line.trim().is_empty() {
            paragraphs.push(start..end);
        }
        start = end + 1;
    }
    paragraphs
}

fn sentences(text: &str, tokens: &[Token], paragraphs: &[Range<usize>]) -> Vec<Sentence> {
    let mut sentences: Vec<Sentence> = Vec::new();
    let mut token = 0;
    let mut paragraph = 0;
    for span in span::sentences(text) {
        while paragraph + 1 < paragraphs.len() && paragraphs[paragraph].end < span.start.0 {
            paragraph += 1;
        }
        while token < tokens.len() && tokens[token].range.start < span.start.0 {
            token += 1;
        }
        let first = token;
        while token < tokens.len() && tokens[token].range.end <= span.end.0 {
            token += 1;
        }
        if token == first {
            continue;
        }
        // "U.S. Central Command said", "Gen. Orlov said": a stop after an initialism or a
        // title does not end the sentence when a name follows.
        if let Some(last) = sentences.last_mut()
            && last.paragraph == paragraph
            && ends_with_abbreviation(text, tokens, last.tokens.clone())
            && starts_with_name(tokens, first)
        {
            last.tokens.end = token;
            last.bytes.end = span.end.0;
            continue;
        }
        sentences.push(Sentence {
            tokens: first..token,
            bytes: span.range(),
            paragraph,
        });
    }
    sentences
}

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "st", "jr", "sr", "prof",
    "rep", "sen", "gov", "adm", "brig", "cmdr", "gov", "pres",
];

/// Function words that open sentences: after "the U.S." they start a new one.
const SENTENCE_OPENERS: &[&str] = &[
    "the", "a", "an", "in", "it", "he", "she", "they", "we", "but", "and", "this", "that", "on",
    "at", "as", "for", "i", "there", "its", "his", "her", "their", "after", "if", "when",
];

fn ends_with_abbreviation(text: &str, tokens: &[Token], sentence: Range<usize>) -> bool {
    let words: Vec<&Token> = tokens[sentence].iter().collect();
    let [.., word, stop] = words.as_slice() else {
        return false;
    };
    &text[stop.range.clone()] == "."
        && word.is_word
        && (text[word.range.clone()].contains('.') || ABBREVIATIONS.contains(&word.lower.as_str()))
}

fn starts_with_name(tokens: &[Token], first: usize) -> bool {
    tokens.get(first).is_some_and(|t| {
        t.is_word && t.capitalised && !SENTENCE_OPENERS.contains(&t.lower.as_str())
    })
}

/// Whether `c` opens a quotation, and the mark that closes it.
fn closing_mark(c: char) -> Option<char> {
    match c {
        '\u{201c}' => Some('\u{201d}'),
        '\u{201e}' => Some('\u{201c}'),
        '\u{ab}' => Some('\u{bb}'),
        '"' => Some('"'),
        _ => None,
    }
}

/// The quotations of a text, in order. A straight quote opens where it follows a space or
/// the start of a paragraph and is followed by a letter; it closes at the next straight
/// quote. A quotation still open at the end of its paragraph goes on when the next paragraph
/// opens with a quote mark again (the convention of English wire copy), and ends there
/// otherwise.
fn quotations(text: &str, paragraphs: &[Range<usize>]) -> Vec<Quotation> {
    let mut quotations = Vec::new();
    let mut open: Option<(usize, usize, char)> = None; // open mark, inner start, closing mark
    for (p, paragraph) in paragraphs.iter().enumerate() {
        let line = &text[paragraph.clone()];
        let mut chars = line.char_indices().peekable();
        let mut previous: Option<char> = None;
        let mut first_visible = true;
        while let Some((i, c)) = chars.next() {
            let at = paragraph.start + i;
            let next = chars.peek().map(|&(_, n)| n);
            match open {
                // The paragraph opens again with a quote mark: the quotation goes on.
                Some(_) if first_visible && closing_mark(c).is_some() => {}
                Some((start, inner, close)) if c == close => {
                    quotations.push(Quotation {
                        open: start,
                        inner: inner..at,
                        end: at + c.len_utf8(),
                    });
                    open = None;
                }
                Some(_) => {}
                None => {
                    if let Some(close) = closing_mark(c) {
                        let opens = c != '"'
                            || (previous.is_none_or(|p| p.is_whitespace() || "([—–:".contains(p))
                                && next.is_some_and(|n| !n.is_whitespace()));
                        if opens {
                            open = Some((at, at + c.len_utf8(), close));
                        }
                    }
                }
            }
            if !c.is_whitespace() {
                first_visible = false;
            }
            previous = Some(c);
        }
        if let Some((start, inner, close)) = open {
            let continues = paragraphs.get(p + 1).is_some_and(|next| {
                text[next.clone()]
                    .trim_start()
                    .chars()
                    .next()
                    .and_then(closing_mark)
                    .is_some_and(|c| c == close || close == '"' || c == '\u{201c}')
            });
            if !continues {
                quotations.push(Quotation {
                    open: start,
                    inner: inner..paragraph.end,
                    end: paragraph.end,
                });
                open = None;
            }
        }
    }
    quotations
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_normalised() {
        assert_eq!(normalise("Russia's"), "russia");
        assert_eq!(normalise("Russia\u{2019}s"), "russia");
        assert_eq!(normalise("U.S"), "us");
        assert_eq!(normalise("Said"), "said");
    }

    #[test]
    fn a_quotation_runs_over_paragraphs_that_open_again() {
        let text = "He said: \u{201c}One thing.\n\u{201c}Another thing.\u{201d}\nNext.";
        let tokens = Tokens::new(text);
        assert_eq!(tokens.quotations.len(), 1);
        let q = &tokens.quotations[0];
        assert_eq!(&text[q.inner.clone()], "One thing.\n\u{201c}Another thing.");
        assert_eq!(tokens.paragraphs.len(), 3);
    }

    #[test]
    fn straight_quotes_pair_up_and_an_unclosed_one_ends_with_its_paragraph() {
        let text = "\"Yes,\" he said. \"No\nOther paragraph.";
        let tokens = Tokens::new(text);
        let inner: Vec<&str> = tokens
            .quotations
            .iter()
            .map(|q| &text[q.inner.clone()])
            .collect();
        assert_eq!(inner, ["Yes,", "No"]);
    }
}
