//! Properties of spans and re-anchoring on arbitrary text (any script, emoji, combining marks):
//! offsets stay on char boundaries and in range, and a quote always matches the text it
//! points to.

use proptest::prelude::*;
use rashomon::model::span::{
    self, ByteOffset, CharIndex, TextAnchor, TextSpan, next_word_end, next_word_start,
    previous_word_start, sentences,
};

/// Text mixing Latin, Cyrillic, Arabic, emoji with modifiers, combining marks and whitespace.
fn mixed_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "The US said ",
        "Москва ",
        "قالت دمشق ",
        "🚀",
        "👍🏽",
        "e\u{301}",
        ". ",
        "!\n",
        "«",
        "»",
        "  ",
        "\t",
        "Deir ez-Zor",
        "؟ ",
        "中文",
        "\u{200f}",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn char_ranges_become_valid_byte_spans(text in mixed_text(), a in 0usize..400, b in 0usize..400) {
        let span = TextSpan::from_char_range(&text, CharIndex(a), CharIndex(b));
        prop_assert!(span.start <= span.end);
        prop_assert!(span.end.0 <= text.len());
        prop_assert!(text.is_char_boundary(span.start.0) && text.is_char_boundary(span.end.0));
        let (start, end) = span.to_char_range(&text);
        let total = text.chars().count();
        prop_assert_eq!(start.0, a.min(b).min(total));
        prop_assert_eq!(end.0, a.max(b).min(total));
    }

    #[test]
    fn trimmed_spans_anchor_and_quote_their_text(text in mixed_text(), a in 0usize..400, b in 0usize..400) {
        let raw = TextSpan::new(a.min(b), a.max(b));
        if let Some(span) = span::trim_span(&text, raw) {
            prop_assert!(span.is_valid_in(&text));
            let anchor = TextAnchor::capture(&text, span).expect("a trimmed span is valid");
            prop_assert!(anchor.matches(&text));
            prop_assert_eq!(&text[span.range()], anchor.quote.as_str());
            prop_assert!(anchor.prefix.chars().count() <= span::CONTEXT_CHARS);
            prop_assert!(anchor.suffix.chars().count() <= span::CONTEXT_CHARS);
            prop_assert!(text[..span.start.0].ends_with(&anchor.prefix));
            prop_assert!(text[span.end.0..].starts_with(&anchor.suffix));
        }
    }

    #[test]
    fn relocated_anchors_always_quote_the_new_text(
        text in mixed_text(),
        insert in mixed_text(),
        a in 0usize..400,
        b in 0usize..400,
        at in 0usize..400,
    ) {
        let Some(span) = span::trim_span(&text, TextSpan::new(a.min(b), a.max(b))) else {
            return Ok(());
        };
        let anchor = TextAnchor::capture(&text, span).expect("valid");
        let cut = span::floor_char_boundary(&text, at);
        let edited = format!("{}{insert}{}", &text[..cut], &text[cut..]);
        match anchor.relocate(&edited) {
            Some(found) => {
                prop_assert!(found.is_valid_in(&edited));
                prop_assert_eq!(&edited[found.range()], anchor.quote.as_str());
            }
            // Only when the insertion split the quote itself.
            None => prop_assert!(!edited.contains(anchor.quote.as_str())),
        }
    }

    #[test]
    fn word_and_sentence_steps_stay_on_boundaries(text in mixed_text(), at in 0usize..400) {
        let offset = ByteOffset(at.min(text.len()));
        for step in [next_word_end(&text, offset), next_word_start(&text, offset), previous_word_start(&text, offset)] {
            prop_assert!(step.0 <= text.len() && text.is_char_boundary(step.0));
        }
        let mut previous_end = 0;
        for sentence in sentences(&text) {
            prop_assert!(sentence.is_valid_in(&text));
            prop_assert!(sentence.start.0 >= previous_end);
            prop_assert_eq!(text[sentence.range()].trim(), &text[sentence.range()]);
            previous_end = sentence.end.0;
        }
    }
}
