//! Which way text runs: the paragraph direction policy, the quick test for right-to-left
//! letters, and bracket mirroring. Pure: no egui.

use unicode_bidi::{BidiClass, Level, bidi_class};

/// Whether a text has characters of a right-to-left script (or Arabic digits).
pub fn has_rtl(text: &str) -> bool {
    // Every right-to-left character is at U+0590 or above, where UTF-8 lead bytes start at
    // 0xD6: most text (Latin, Cyrillic, Greek) is ruled out by a byte scan. Labels ask this
    // every frame.
    text.bytes().any(|b| b >= 0xD6) && text.chars().any(is_rtl)
}

/// Whether a character belongs to a right-to-left script (or is an Arabic digit).
pub fn is_rtl(c: char) -> bool {
    // Outside these ranges only the right-to-left mark is: skip the table for the rest
    // (punctuation such as curly quotes and dashes, Indic and CJK scripts).
    let may_be = matches!(c, '\u{0590}'..='\u{08FF}' | '\u{200F}' | '\u{FB1D}'..='\u{FEFF}')
        || c >= '\u{10800}';
    may_be && matches!(bidi_class(c), BidiClass::R | BidiClass::AL | BidiClass::AN)
}

/// A paragraph's direction: right to left when most of its letters are. (The Unicode rule
/// takes the first strong letter, which makes an English sentence that opens with an
/// Arabic quote right-aligned.)
pub fn paragraph_level(text: &str) -> Level {
    let (mut ltr, mut rtl) = (0usize, 0usize);
    for c in text.chars() {
        match bidi_class(c) {
            BidiClass::L => ltr += 1,
            BidiClass::R | BidiClass::AL => rtl += 1,
            _ => {}
        }
    }
    if rtl > ltr {
        Level::rtl()
    } else {
        Level::ltr()
    }
}

/// The glyph a bracket shows as in right-to-left text: "(" reads as ")" (Unicode's
/// Bidi_Mirroring_Glyph, which covers « », ‹ › and the mathematical brackets too).
pub fn mirrored(c: char) -> char {
    unicode_bidi_mirroring::get_mirrored(c).unwrap_or(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quick_character_check_agrees_with_the_bidi_table() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let table = matches!(bidi_class(c), BidiClass::R | BidiClass::AL | BidiClass::AN);
            assert_eq!(is_rtl(c), table, "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn only_right_to_left_scripts_count() {
        assert!(has_rtl("قالت دمشق"));
        assert!(has_rtl("שלום"));
        assert!(has_rtl("number ١٧"));
        assert!(!has_rtl("Москва 🚀 Washington 17"));
        assert!(!has_rtl("“quoted” — text… 中文 हिन्दी"));
        assert!(has_rtl("\u{200F}"));
    }

    #[test]
    fn brackets_and_guillemets_mirror() {
        for (a, b) in [('(', ')'), ('[', ']'), ('«', '»'), ('‹', '›'), ('<', '>')] {
            assert_eq!(mirrored(a), b);
            assert_eq!(mirrored(b), a);
        }
        assert_eq!(mirrored('a'), 'a');
    }

    #[test]
    fn a_paragraph_runs_the_way_most_of_its_letters_do() {
        assert!(paragraph_level("قالت القيادة: the strike قالت دمشق إن الغارة").is_rtl());
        assert!(paragraph_level("«دليل» the coalition said, officials added").is_ltr());
    }
}
