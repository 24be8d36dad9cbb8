//! Who a speaker is: the party names and aliases of the session, their adjectives and
//! inflections ("Russian", "Russia's", "России", "الروسية"), and the people an article names
//! with a party's title ("Russian Foreign Ministry spokeswoman Maria Zakharova").

use std::collections::HashMap;
use std::ops::Range;

use super::cues;
use super::tokens::{Tokens, normalise};
use crate::model::{Party, PartyId};

/// How a mention was recognised, strongest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum MentionKind {
    /// An alias of more than the party's bare name, written out ("SANA", "the Pentagon",
    /// "US Central Command", "Lavrov"): names the speaker itself.
    Alias,
    /// The party's name as written ("Russia", "US").
    Name,
    /// A person the article named earlier with a party's title.
    Person,
    /// An adjective, possessive or inflection of a name ("Russian", "Syrian", "России").
    Inflected,
    /// No party named: an institution ("a military source", "the General Command") in an
    /// article datelined in a party's capital ("دمشق-سانا", "MOSCOW (Reuters) -").
    Dateline,
}

#[derive(Clone, Debug)]
pub struct Mention {
    pub party: PartyId,
    pub tokens: Range<usize>,
    pub kind: MentionKind,
}

#[derive(Clone, Debug)]
struct Entry {
    party: PartyId,
    /// Normalised words, articles left out.
    words: Vec<String>,
    kind: MentionKind,
    /// Written in capitals ("US", "SANA"): matched only by a word in capitals, so that "us"
    /// is not the United States.
    capitals: bool,
    /// Written in lower case ("americano", "russo"): its inflections may be too.
    lower_case: bool,
}

/// The names a speaker can be resolved by, for one article.
#[derive(Clone, Debug, Default)]
pub struct Names {
    entries: Vec<Entry>,
    /// Entries by their first word, and (for names that inflect) by the first three
    /// letters of their stem: a word is compared with a handful of names, not all.
    index: HashMap<String, Vec<usize>>,
}

/// The key a word is looked up by for inflected names: its first three letters, without an
/// Arabic article.
fn prefix_key(word: &str) -> String {
    strip_arabic_article(word).chars().take(3).collect()
}

const ARTICLES: &[&str] = &["the", "a", "an"];

impl Names {
    pub fn new(parties: &[Party]) -> Self {
        let mut names = Self::default();
        for party in parties {
            let mut add = |written: &str, kind: MentionKind| {
                let words: Vec<String> = Tokens::words_of(written)
                    .into_iter()
                    .map(|w| normalise(&w))
                    .skip_while(|w| ARTICLES.contains(&w.as_str()))
                    .collect();
                if words.is_empty() {
                    return;
                }
                let letters: Vec<char> = written.chars().filter(|c| c.is_alphabetic()).collect();
                let capitals = letters.len() >= 2
                    && letters.len() <= 5
                    && letters.iter().all(|c| c.is_uppercase());
                let lower_case = written.chars().next().is_some_and(char::is_lowercase);
                names.push(Entry {
                    party: party.id,
                    words,
                    kind,
                    capitals,
                    lower_case,
                });
            };
            add(&party.name, MentionKind::Name);
            for alias in &party.aliases {
                // "American", "russo": an adjective, which a monitor or a medium can carry as
                // well as the party ("American media"); only names beat those words.
                let adjective = !alias.contains(' ')
                    && (alias.chars().next().is_some_and(char::is_lowercase)
                        || alias.ends_with("an")
                        || alias.ends_with("ян"));
                add(
                    alias,
                    if adjective {
                        MentionKind::Inflected
                    } else {
                        MentionKind::Alias
                    },
                );
            }
        }
        names
    }

    fn push(&mut self, entry: Entry) {
        let at = self.entries.len();
        let Some(first) = entry.words.first() else {
            return;
        };
        let mut keys = vec![first.clone()];
        if entry.words.len() == 1
            && !entry.capitals
            && strip_arabic_article(first).chars().count() >= 4
        {
            keys.push(prefix_key(first));
        }
        keys.dedup();
        for key in keys {
            self.index.entry(key).or_default().push(at);
        }
        self.entries.push(entry);
    }

    /// Adds the people the article names with a party's title, found anywhere in it:
    /// "Russian Foreign Minister Sergei Lavrov", "Maria Zakharova, the Russian foreign
    /// ministry's spokeswoman".
    pub fn learn_people(&mut self, tokens: &Tokens) {
        let mut people = Vec::new();
        let mut i = 0;
        while i < tokens.tokens.len() {
            let Some(mention) = self.mention_at(tokens, i) else {
                i += 1;
                continue;
            };
            if let Some(name) = name_after_title(tokens, mention.tokens.end) {
                people.push((mention.party, name));
            }
            if let Some(name) = name_before_apposition(tokens, mention.tokens.start) {
                people.push((mention.party, name));
            }
            i = mention.tokens.end;
        }
        for (party, name) in people {
            let words: Vec<String> = name.map(|t| tokens.tokens[t].lower.clone()).collect();
            // The whole name and the surname alone ("Zakharova said").
            let surname = words.last().cloned();
            self.push(Entry {
                party,
                words,
                kind: MentionKind::Person,
                capitals: false,
                lower_case: false,
            });
            if let Some(surname) = surname.filter(|s| s.chars().count() >= 3) {
                self.push(Entry {
                    party,
                    words: vec![surname],
                    kind: MentionKind::Person,
                    capitals: false,
                    lower_case: false,
                });
            }
        }
    }

    /// Learns the person named in a speaker resolved to `party` ("Mark Tollan, a State
    /// Department spokesman"), so that "Tollan said" is the same party later.
    pub fn learn_speaker(&mut self, tokens: &Tokens, speaker: Range<usize>, party: PartyId) {
        let mentioned: Vec<Range<usize>> = self
            .mentions_in(tokens, speaker.clone())
            .into_iter()
            .map(|m| m.tokens)
            .collect();
        let mut i = speaker.start;
        while i < speaker.end {
            let token = &tokens.tokens[i];
            let free = token.is_word
                && token.capitalised
                && !cues::is_title(&token.lower)
                && !mentioned.iter().any(|m| m.contains(&i));
            if !free {
                i += 1;
                continue;
            }
            let Some(name) = capitalised_name(tokens, i) else {
                i += 1;
                continue;
            };
            let name = name.start..name.end.min(speaker.end);
            i = name.end.max(i + 1);
            // A person has a first and a last name; one capitalised word may be anything.
            if name.len() < 2
                || mentioned
                    .iter()
                    .any(|m| m.start < name.end && name.start < m.end)
            {
                continue;
            }
            let words: Vec<String> = name
                .clone()
                .map(|t| tokens.tokens[t].lower.clone())
                .collect();
            if self
                .entries
                .iter()
                .any(|e| e.kind == MentionKind::Person && e.words == words)
            {
                continue;
            }
            let surname = words.last().cloned();
            for words in [Some(words), surname.map(|s| vec![s])]
                .into_iter()
                .flatten()
            {
                self.push(Entry {
                    party,
                    words,
                    kind: MentionKind::Person,
                    capitals: false,
                    lower_case: false,
                });
            }
        }
    }

    /// The longest name starting at token `i`.
    pub fn mention_at(&self, tokens: &Tokens, i: usize) -> Option<Mention> {
        let first = tokens.tokens.get(i)?;
        if !first.is_word {
            return None;
        }
        let mut best: Option<Mention> = None;
        let exact = self.index.get(&first.lower).map_or(&[][..], Vec::as_slice);
        let prefix = self
            .index
            .get(&prefix_key(&first.lower))
            .map_or(&[][..], Vec::as_slice);
        for &at in exact.iter().chain(prefix) {
            let entry = &self.entries[at];
            let Some(end) = match_entry(tokens, i, entry) else {
                continue;
            };
            let kind = if end.1 {
                MentionKind::Inflected
            } else {
                entry.kind
            };
            let better = best
                .as_ref()
                .is_none_or(|b| end.0 > b.tokens.end || (end.0 == b.tokens.end && kind < b.kind));
            if better {
                best = Some(Mention {
                    party: entry.party,
                    tokens: i..end.0,
                    kind,
                });
            }
        }
        best
    }

    /// Every mention inside a token range, left to right.
    pub fn mentions_in(&self, tokens: &Tokens, range: Range<usize>) -> Vec<Mention> {
        let mut mentions = Vec::new();
        let mut i = range.start;
        while i < range.end {
            match self.mention_at(tokens, i) {
                Some(m) if m.tokens.end <= range.end => {
                    i = m.tokens.end;
                    mentions.push(m);
                }
                _ => i += 1,
            }
        }
        mentions
    }
}

/// Where `entry` matches the words from token `i` on: the token after it, and whether the
/// last word matched only as an inflection.
fn match_entry(tokens: &Tokens, i: usize, entry: &Entry) -> Option<(usize, bool)> {
    let mut at = i;
    let mut inflected = false;
    for (n, word) in entry.words.iter().enumerate() {
        // Skip marks inside a name ("al-Assad", "U.S.").
        while tokens.tokens.get(at).is_some_and(|t| !t.is_word) && n > 0 {
            at += 1;
        }
        let token = tokens.tokens.get(at)?;
        if !token.is_word {
            return None;
        }
        let last = n + 1 == entry.words.len();
        if entry.capitals && !token.all_caps {
            return None;
        }
        if token.lower == *word {
        } else if last
            && !entry.capitals
            && inflects(&token.lower, word, token.capitalised || entry.lower_case)
        {
            inflected = true;
        } else {
            return None;
        }
        at += 1;
    }
    Some((at, inflected))
}

/// Whether `word` is an adjective or inflected form of `name`: it starts with the name
/// without its final vowel ("russia" → "russi" → "russian", "россия" → "росси" → "российский")
/// and is not much longer. Short names only match exactly, so "Iran" is not "Iraq".
fn inflects(word: &str, name: &str, capitalised: bool) -> bool {
    let word = strip_arabic_article(word);
    let name = strip_arabic_article(name);
    let name_len = name.chars().count();
    if name_len < 4 {
        return false;
    }
    // Latin names keep their capital when inflected ("Russian"); Cyrillic adjectives do not.
    if name.is_ascii() && !capitalised {
        return false;
    }
    // The name without one final vowel, if it stays four letters long or more.
    let stem = match name.chars().next_back() {
        Some(last) if name_len > 4 && "aeiouyаеиоуыяюьйاةهى".contains(last) => {
            &name[..name.len() - last.len_utf8()]
        }
        _ => name,
    };
    word.starts_with(stem) && word.chars().count() <= name_len + 5
}

/// An Arabic word without its article and the particles joined to it (الروسية → روسية).
fn strip_arabic_article(word: &str) -> &str {
    for prefix in ["وال", "بال", "لل", "ال"] {
        if let Some(rest) = word.strip_prefix(prefix)
            && rest.chars().count() >= 3
        {
            return rest;
        }
    }
    word
}

/// A name of one to three capitalised words after at least one title word: "Foreign
/// Minister Sergei Lavrov" after "Russian".
fn name_after_title(tokens: &Tokens, from: usize) -> Option<Range<usize>> {
    let mut at = from;
    let mut titles = 0;
    while titles < 6 {
        let token = tokens.tokens.get(at)?;
        if token.is_word && cues::is_title(&token.lower) {
            titles += 1;
            at += 1;
        } else if !token.is_word && tokens.str(at) == "'" || tokens.str(at) == "\u{2019}" {
            at += 1;
        } else {
            break;
        }
    }
    if titles == 0 {
        return None;
    }
    capitalised_name(tokens, at)
}

/// "Maria Zakharova, the Russian …": the name before a comma and an article.
fn name_before_apposition(tokens: &Tokens, mention: usize) -> Option<Range<usize>> {
    if mention < 3 {
        return None;
    }
    let article = &tokens.tokens[mention - 1];
    if !ARTICLES.contains(&article.lower.as_str()) || tokens.str(mention - 2) != "," {
        return None;
    }
    let end = mention - 2;
    let mut start = end;
    while start > 0 && end - start < 3 {
        let token = &tokens.tokens[start - 1];
        if token.is_word && token.capitalised && !cues::is_title(&token.lower) {
            start -= 1;
        } else {
            break;
        }
    }
    (start < end && end - start >= 2).then_some(start..end)
}

fn capitalised_name(tokens: &Tokens, from: usize) -> Option<Range<usize>> {
    let mut end = from;
    let mut words = 0;
    while words < 4 {
        let Some(token) = tokens.tokens.get(end) else {
            break;
        };
        let connector = ["al", "bin", "ibn", "de", "da", "dos", "von", "van"]
            .contains(&token.lower.as_str())
            || (!token.is_word && tokens.str(end) == "-");
        if token.is_word && token.capitalised && !cues::is_title(&token.lower) {
            words += 1;
            end += 1;
        } else if connector && words > 0 {
            end += 1;
        } else {
            break;
        }
    }
    // Do not end on a connector.
    while end > from && !tokens.tokens[end - 1].capitalised {
        end -= 1;
    }
    (words > 0 && end > from).then_some(from..end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Session;

    fn names(text: &str) -> (Names, Tokens<'_>) {
        let session = Session::new_under(0);
        let tokens = Tokens::new(text);
        let mut names = Names::new(session.parties());
        names.learn_people(&tokens);
        (names, tokens)
    }

    fn party_of(session: &Session, id: PartyId) -> String {
        session
            .party(id)
            .map(|p| p.name.clone())
            .unwrap_or_default()
    }

    #[test]
    fn names_aliases_and_adjectives_resolve_to_parties() {
        let session = Session::new_under(0);
        let text = "Russian officials, the Pentagon, U.S. forces, Syria's army and us";
        let (names, tokens) = names(text);
        let found: Vec<(String, MentionKind)> = names
            .mentions_in(&tokens, 0..tokens.tokens.len())
            .into_iter()
            .map(|m| (party_of(&session, m.party), m.kind))
            .collect();
        assert_eq!(
            found,
            [
                ("Russia".to_owned(), MentionKind::Inflected),
                ("US".to_owned(), MentionKind::Alias),
                ("US".to_owned(), MentionKind::Name),
                ("Syria".to_owned(), MentionKind::Name),
            ]
        );
    }

    #[test]
    fn people_named_with_a_title_are_learned() {
        let session = Session::new_under(0);
        let text = "Russian Foreign Ministry spokeswoman Maria Zakharova spoke. Later Zakharova said so. Ahmed Omar, the Syrian envoy, agreed.";
        let (names, tokens) = names(text);
        let zakharova = tokens
            .tokens
            .iter()
            .rposition(|t| t.lower == "zakharova")
            .expect("in the text");
        let mention = names.mention_at(&tokens, zakharova).expect("learned");
        assert_eq!(party_of(&session, mention.party), "Russia");
        assert_eq!(mention.kind, MentionKind::Person);
        let omar = tokens
            .tokens
            .iter()
            .position(|t| t.lower == "ahmed")
            .expect("in the text");
        let mention = names.mention_at(&tokens, omar).expect("learned");
        assert_eq!(party_of(&session, mention.party), "Syria");
    }

    #[test]
    fn short_names_do_not_match_other_words() {
        assert!(!inflects("iraq", "iran", true));
        assert!(inflects("iranian", "iran", true));
        assert!(inflects("российский", "россия", false));
        assert!(inflects("الروسية", "روسيا", false));
        assert!(!inflects("russian", "russia", false));
    }
}
