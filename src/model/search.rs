//! Finding things: fuzzy matching for the fact picker, text search, and the comparison filter.

use chrono::NaiveDate;

use super::{Analysis, ArticleId, Claim, FactId, FactStatus, PartyId, Session};

/// How well `query` matches `candidate` as a fuzzy subsequence (case-insensitive), higher is
/// better; `None` when some query character is missing. Consecutive runs and matches at word
/// starts score more, so "us coord" finds "The US coordinated the strike".
pub fn fuzzy_score(query: &str, candidate: &str) -> Option<i64> {
    let query: Vec<char> = query
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if query.is_empty() {
        return Some(0);
    }
    let mut score = 0;
    let mut wanted = query.iter().peekable();
    let mut previous_matched = false;
    let mut previous_char = ' ';
    for c in candidate.chars().flat_map(char::to_lowercase) {
        let Some(&&next) = wanted.peek() else {
            break;
        };
        if c == next {
            wanted.next();
            score += 1;
            if previous_matched {
                score += 3;
            }
            if !previous_char.is_alphanumeric() {
                score += 2;
            }
            previous_matched = true;
        } else {
            previous_matched = false;
        }
        previous_char = c;
    }
    if wanted.peek().is_some() {
        return None;
    }
    // Shorter candidates win ties.
    Some(
        score * 1000
            - i64::try_from(candidate.len())
                .unwrap_or(i64::MAX / 2)
                .min(999),
    )
}

/// Case-insensitive substring test.
pub fn contains_text(haystack: &str, needle: &str) -> bool {
    needle.is_empty() || haystack.to_lowercase().contains(&needle.to_lowercase())
}

/// All places where `needle` occurs in `text`, case-insensitively, as byte ranges of `text`.
pub fn find_all(text: &str, needle: &str) -> Vec<std::ops::Range<usize>> {
    Folded::new(text).find_all(needle)
}

/// A text folded to lower case once, to be searched again and again: the find bar searches
/// a whole article at every key typed.
pub struct Folded {
    lowered: String,
    /// For each byte of `lowered`, the offset in the text of the character it came from.
    origin: Vec<u32>,
    len: usize,
}

impl Folded {
    pub fn new(text: &str) -> Self {
        let mut lowered = String::with_capacity(text.len());
        let mut origin = Vec::with_capacity(text.len());
        for (at, c) in text.char_indices() {
            // Articles are at most tens of megabytes: offsets fit in 32 bits.
            #[expect(clippy::cast_possible_truncation, reason = "see above")]
            let at = at as u32;
            if c.is_ascii() {
                lowered.push(c.to_ascii_lowercase());
                origin.push(at);
            } else {
                lowered.extend(c.to_lowercase());
                origin.resize(lowered.len(), at);
            }
        }
        Self {
            lowered,
            origin,
            len: text.len(),
        }
    }

    /// The places `needle` occurs, case-insensitively, as byte ranges of the text, left to
    /// right and not overlapping. A match takes whole characters: a character whose lower
    /// case is several characters is matched whole or not at all.
    pub fn find_all(&self, needle: &str) -> Vec<std::ops::Range<usize>> {
        let needle: String = needle.chars().flat_map(char::to_lowercase).collect();
        if needle.is_empty() {
            return Vec::new();
        }
        // Where a character of the text begins in `lowered`.
        let begins =
            |i: usize| i == 0 || i == self.lowered.len() || self.origin[i] != self.origin[i - 1];
        let in_text = |i: usize| self.origin.get(i).map_or(self.len, |o| *o as usize);
        let mut found = Vec::new();
        let mut from = 0;
        while let Some(at) = self.lowered[from..].find(&needle) {
            let start = from + at;
            let end = start + needle.len();
            if begins(start) && begins(end) {
                found.push(in_text(start)..in_text(end));
                from = end;
            } else {
                from = start
                    + self.lowered[start..]
                        .chars()
                        .next()
                        .map_or(1, char::len_utf8);
            }
        }
        found
    }
}

/// Which claims the comparison shows. Empty sets mean "all".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClaimFilter {
    pub parties: Vec<PartyId>,
    /// Fact statuses to show; `None` in the list stands for claims not linked to a fact.
    pub statuses: Vec<Option<FactStatus>>,
    pub articles: Vec<ArticleId>,
    pub outlets: Vec<String>,
    /// Publication dates (inclusive); articles without a date pass only an open range.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Words to find in the quote, the note or the fact statement.
    pub text: String,
    /// Only claims linked to these facts (the agreement matrix's cell clicked); empty: any.
    pub facts: Vec<FactId>,
}

impl ClaimFilter {
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    pub fn matches(&self, session: &Session, analysis: &Analysis, claim: &Claim) -> bool {
        if !self.parties.is_empty() && !self.parties.contains(&claim.party) {
            return false;
        }
        if !self.statuses.is_empty() {
            let status = claim.fact.map(|fact| analysis.status(fact));
            if !self.statuses.contains(&status) {
                return false;
            }
        }
        if !self.articles.is_empty() && !self.articles.contains(&claim.article) {
            return false;
        }
        if !self.facts.is_empty() && !claim.fact.is_some_and(|f| self.facts.contains(&f)) {
            return false;
        }
        let article = session.article(claim.article);
        if !self.outlets.is_empty()
            && !article.is_some_and(|a| self.outlets.contains(&a.meta.outlet))
        {
            return false;
        }
        if self.from.is_some() || self.to.is_some() {
            let Some(date) = article.and_then(|a| a.meta.published) else {
                return false;
            };
            if self.from.is_some_and(|from| date < from) || self.to.is_some_and(|to| date > to) {
                return false;
            }
        }
        let text = self.text.trim();
        if !text.is_empty() {
            let statement = claim
                .fact
                .and_then(|f| session.fact(f))
                .map_or("", |f| f.statement.as_str());
            if !(contains_text(&claim.anchor.quote, text)
                || contains_text(&claim.note, text)
                || contains_text(statement, text))
            {
                return false;
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fuzzy_prefers_word_starts_and_runs() {
        let a =
            fuzzy_score("us coord", "The US coordinated the strike with Russia").expect("match");
        let b = fuzzy_score("us coord", "Islamic State fighters advanced").map_or(i64::MIN, |s| s);
        assert!(a > b);
        assert_eq!(fuzzy_score("xyz", "The strike was an accident"), None);
        assert!(fuzzy_score("удар", "Удар был ошибкой").is_some());
        assert_eq!(fuzzy_score("  ", "anything"), Some(0));
    }

    #[test]
    fn folded_search_finds_what_a_character_by_character_search_finds() {
        let pieces = [
            "Москва",
            "МОСКВА",
            "damascus",
            "DAMASCUS",
            "İstanbul",
            "i\u{307}",
            "ß",
            "SS",
            "Σ",
            "σς",
            "ﬁ",
            "🚀",
            "دمشق",
            " ",
            "a",
            "A",
        ];
        let mut seed = 7_u64;
        let mut next = |n: usize| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            usize::try_from(seed >> 33).unwrap_or(0) % n
        };
        for _ in 0..2_000 {
            let text: String = (0..next(12)).map(|_| pieces[next(pieces.len())]).collect();
            let needle: String = (0..=next(3)).map(|_| pieces[next(pieces.len())]).collect();
            let folded = Folded::new(&text);
            assert_eq!(
                folded.find_all(&needle),
                naive_find_all(&text, &needle),
                "{text:?} / {needle:?}"
            );
            // And every single character of the text as a needle.
            for c in text.chars() {
                let needle = c.to_string();
                assert_eq!(
                    folded.find_all(&needle),
                    naive_find_all(&text, &needle),
                    "{text:?} / {needle:?}"
                );
            }
        }
    }

    /// The first implementation, character by character: the reference for `Folded`.
    fn naive_find_all(text: &str, needle: &str) -> Vec<std::ops::Range<usize>> {
        let needle: Vec<char> = needle.chars().flat_map(char::to_lowercase).collect();
        if needle.is_empty() {
            return Vec::new();
        }
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut found = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            let mut j = 0;
            let mut k = i;
            // Compare lowercase forms; a char whose lowercase is several chars is compared whole.
            let mut matched = true;
            while j < needle.len() {
                let Some(&(_, c)) = chars.get(k) else {
                    matched = false;
                    break;
                };
                for lower in c.to_lowercase() {
                    if needle.get(j) != Some(&lower) {
                        matched = false;
                        break;
                    }
                    j += 1;
                }
                if !matched {
                    break;
                }
                k += 1;
            }
            if matched && j == needle.len() {
                let end = chars.get(k).map_or(text.len(), |(byte, _)| *byte);
                found.push(chars[i].0..end);
                i = k.max(i + 1);
            } else {
                i += 1;
            }
        }
        found
    }

    #[test]
    fn find_all_is_case_insensitive_on_any_script() {
        let text = "Москва и МОСКВА; Damascus, damascus 🚀 دمشق";
        let found: Vec<&str> = find_all(text, "москва")
            .iter()
            .map(|r| &text[r.clone()])
            .collect();
        assert_eq!(found, ["Москва", "МОСКВА"]);
        assert_eq!(find_all(text, "DAMASCUS").len(), 2);
        assert_eq!(find_all(text, "دمشق").len(), 1);
        assert!(find_all(text, "").is_empty());
        for range in find_all(text, "a") {
            assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
        }
    }

    #[test]
    fn filter_by_party_status_outlet_date_and_text() {
        let session = crate::sample::load().expect("sample");
        let analysis = Analysis::new(&session);
        let count = |filter: &ClaimFilter| {
            session
                .claims()
                .filter(|c| filter.matches(&session, &analysis, c))
                .count()
        };
        let everything = ClaimFilter::default();
        assert_eq!(count(&everything), session.claims().len());
        let russia = session.parties()[1].id;
        let only_russia = ClaimFilter {
            parties: vec![russia],
            ..ClaimFilter::default()
        };
        assert_eq!(count(&only_russia), analysis.claims_by_party(russia));
        let unlinked = ClaimFilter {
            statuses: vec![None],
            ..ClaimFilter::default()
        };
        assert_eq!(count(&unlinked), analysis.unlinked.len());
        let outlet = ClaimFilter {
            outlets: vec![session.articles()[2].meta.outlet.clone()],
            ..ClaimFilter::default()
        };
        assert_eq!(
            count(&outlet),
            analysis.claims_in_article(session.articles()[2].id)
        );
        let day = NaiveDate::from_ymd_opt(2016, 9, 18);
        let dated = ClaimFilter {
            from: day,
            to: day,
            ..ClaimFilter::default()
        };
        assert_eq!(
            count(&dated),
            analysis.claims_in_article(session.articles()[1].id)
        );
        let text = ClaimFilter {
            text: "КООРДИНАЦИИ".into(),
            ..ClaimFilter::default()
        };
        assert_eq!(count(&text), 1);
        let note = ClaimFilter {
            text: "hotline".into(),
            ..ClaimFilter::default()
        };
        assert_eq!(count(&note), 1, "notes are searched too");
    }
}
