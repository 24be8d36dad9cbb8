//! The claim finder: where in an article a speaker says something, who, and with what stance.
//!
//! It reads an article sentence by sentence, as a reporter writes attribution:
//!
//! - *speaker, verb, content*: "Moscow said the strikes jeopardise the truce", "US Central
//!   Command admitted its planes …", "he told reporters that …", "accused the US of …";
//! - *content, speaker, verb*: "… the truce, Moscow said", "“… on the United States,” he said",
//!   "…, said a Pentagon spokesman", "…, — заявил Лавров";
//! - *verb, speaker, content* (Arabic word order): "وقال المتحدث باسم … إن …";
//! - *according to*: "according to X, …", "…, according to X", "по словам X", "segundo X";
//! - a quotation with no attribution of its own goes on the last speaker's words;
//! - a headline "Russia condemns US for …".
//!
//! The speaker is resolved by [`Names`]: an alias names the party; words such as
//! "observatory", "rebels" or "media" make a speaker someone else even with a party's
//! adjective; a pronoun or "the ministry" is the last speaker named. Content alone never
//! names a party.

use std::ops::Range;

use super::cues::{self, Cues, VerbKind};
use super::names::{MentionKind, Names};
use super::tokens::{Sentence, Tokens};
use crate::model::{PartyId, Stance};

/// What the finder saw: a span, its speaker and cue.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub span: Range<usize>,
    pub party: Option<PartyId>,
    pub speaker: String,
    pub cue: String,
    pub stance: Stance,
    pub score: f32,
}

/// Who a speaker phrase is.
#[derive(Clone, Debug, PartialEq)]
enum Resolution {
    Party(PartyId, MentionKind, usize),
    /// A speaker that is not one of the parties: a monitor, a medium, an unnamed diplomat.
    SomeoneElse,
    /// "he", "she", "the ministry": the last speaker named.
    Earlier,
}

/// A speaker as last seen, for pronouns.
#[derive(Clone, Debug)]
struct Said {
    at: usize,
    paragraph: usize,
    party: Option<PartyId>,
    speaker: String,
    /// The speaker's words, lower case, for "the ministry" to find its ministry.
    words: Vec<String>,
}

struct Finder<'a, 't> {
    tokens: &'a Tokens<'t>,
    names: Names,
    cues: &'a Cues,
    found: Vec<Found>,
    said: Vec<Said>,
    /// Quotations given to a speaker, by index.
    attributed: Vec<bool>,
    /// The party whose capital the article is datelined with, and the token its text
    /// starts at after the dateline.
    dateline: Option<(PartyId, usize)>,
}

/// Finds the claims of an article.
pub fn find(text: &str, names: &Names, cues: &Cues) -> Vec<Found> {
    let tokens = Tokens::new(text);
    let mut names = names.clone();
    names.learn_people(&tokens);
    let dateline = dateline(&tokens, &names);
    let mut finder = Finder {
        dateline,
        attributed: vec![false; tokens.quotations.len()],
        tokens: &tokens,
        names,
        cues,
        found: Vec::new(),
        said: Vec::new(),
    };
    for s in 0..tokens.sentences.len() {
        finder.sentence(s);
    }
    finder.unattributed_quotations();
    resolve_overlaps(finder.found)
}

/// The party an article is datelined with: one of the first paragraphs opens with a party's
/// alias set off as a dateline — in capitals ("MOSCOW, Sept. 18 (Reuters) -", "МОСКВА, 18
/// сентября.") or joined to its agency by a dash ("دمشق-سانا.").
fn dateline(tokens: &Tokens, names: &Names) -> Option<(PartyId, usize)> {
    let mut seen = std::collections::HashSet::new();
    tokens
        .sentences
        .iter()
        .filter(|s| seen.insert(s.paragraph))
        .take(3)
        .find_map(|sentence| {
            let first = sentence
                .tokens
                .clone()
                .find(|&i| tokens.tokens[i].is_word)?;
            let mention = names.mention_at(tokens, first)?;
            let after = tokens.tokens.get(mention.tokens.end)?;
            let mark = &tokens.text[after.range.clone()];
            let dash = matches!(mark, "-" | "\u{2013}" | "\u{2014}");
            let capitals = (first..mention.tokens.end)
                .filter(|&i| tokens.tokens[i].is_word)
                .all(|i| tokens.tokens[i].all_caps);
            let set_off = dash || matches!(mark, "," | "(" | ".");
            if !(set_off && (capitals || dash)) {
                return None;
            }
            // Where the dateline ends: after a dash within its first dozen marks ("MOSCOW,
            // Sept 18 (Reuters) -"), not the one joining city and agency ("دمشق-سانا"); one
            // ended by a full stop ("МОСКВА, 18 сентября.") is a sentence of its own.
            let end = (mention.tokens.end + 1..sentence.tokens.end)
                .take(12)
                .find(|&i| matches!(tokens.str(i), "-" | "\u{2013}" | "\u{2014}"))
                .map_or(mention.tokens.end, |i| i + 1);
            Some((mention.party, end))
        })
}

/// Keeps the best of overlapping suggestions, so none spans two speakers' claims.
fn resolve_overlaps(mut found: Vec<Found>) -> Vec<Found> {
    found.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.span.start.cmp(&b.span.start))
    });
    // The kept spans by start; they never overlap, so a candidate overlaps one only if it
    // overlaps the kept span just before or just after its start.
    let mut taken: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    let mut kept: Vec<Found> = Vec::with_capacity(found.len());
    for candidate in found {
        let (start, end) = (candidate.span.start, candidate.span.end);
        let before = taken
            .range(..=start)
            .next_back()
            .is_some_and(|(_, &e)| e > start);
        let after = taken.range(start..).next().is_some_and(|(&s, _)| s < end);
        if !before && !after {
            taken.insert(start, end);
            kept.push(candidate);
        }
    }
    kept.sort_by_key(|f| f.span.start);
    kept
}

const BOUNDARY_MARKS: &[&str] = &[
    ",", ";", ":", "(", ")", "\u{2014}", "\u{2013}", "\"", "\u{201c}", "\u{201d}", "\u{ab}",
    "\u{bb}", "\u{201e}", "\u{060c}", "\u{061b}",
];

const MAX_SPEAKER_WORDS: usize = 12;
const MIN_CONTENT_WORDS: usize = 3;

impl Finder<'_, '_> {
    fn text(&self, range: Range<usize>) -> &str {
        &self.tokens.text[range]
    }

    fn is_boundary(&self, i: usize) -> bool {
        let token = &self.tokens.tokens[i];
        if token.is_word {
            cues::is_clause_word(&token.lower)
        } else {
            let mark = self.tokens.str(i);
            // A hyphen is a dash only between spaces ("генерал-лейтенант" is one word).
            BOUNDARY_MARKS.contains(&mark)
                || (mark == "-"
                    && self.tokens.text[..token.range.start].ends_with(char::is_whitespace))
        }
    }

    fn words(&self, range: Range<usize>) -> usize {
        range.filter(|&i| self.tokens.tokens[i].is_word).count()
    }

    fn verb_at(&self, sentence: &Sentence, i: usize) -> Option<VerbKind> {
        let token = &self.tokens.tokens[i];
        if !token.is_word {
            return None;
        }
        // A capitalised word is a verb only at the start of a sentence ("States" in "United
        // States" is not).
        if token.capitalised && i != sentence.tokens.start {
            return None;
        }
        // Words inside a quotation are the quoted speaker's, not the reporter's.
        if self.tokens.quotation_at(token.range.start).is_some() {
            return None;
        }
        self.cues.verb(&token.lower)
    }

    fn sentence(&mut self, s: usize) {
        let mut sentence = self.tokens.sentences[s].clone();
        // The dateline is not part of what anybody said.
        if let Some((_, end)) = self.dateline
            && sentence.tokens.start < end
            && end < sentence.tokens.end
        {
            sentence.tokens.start = end;
            sentence.bytes.start = self.tokens.tokens[end].range.start;
        }
        // Sentences inside a quotation already given to a speaker are part of that claim.
        // (Only the last few can reach this far: claims are found in reading order.)
        if self
            .found
            .iter()
            .rev()
            .take(8)
            .any(|f| f.span.start <= sentence.bytes.start && sentence.bytes.end <= f.span.end)
        {
            return;
        }
        if s == 0 && self.headline(&sentence) {
            return;
        }
        // "Как сообщил X, …": the speaker opens the sentence, and a verb in the claim after
        // the comma ("…не предупредила…") is not its attribution.
        if self.according_to(&sentence, cues::AS_SAID, true) {
            return;
        }
        let verbs: Vec<(usize, VerbKind)> = sentence
            .tokens
            .clone()
            .filter_map(|i| self.verb_at(&sentence, i).map(|k| (i, k)))
            .collect();
        let before = self.found.len();
        // The sentence ends with its attribution: "…, Moscow said."
        if let Some(&(last, kind)) = verbs.last()
            && self.content_before(&sentence, last, kind)
        {
            return;
        }
        let mut attributions: Vec<(usize, VerbKind, Range<usize>, Resolution, usize)> = Vec::new();
        for &(v, kind) in &verbs {
            if let Some((speaker, resolution, content_from)) =
                self.speaker_and_content(&sentence, v, kind)
            {
                attributions.push((v, kind, speaker, resolution, content_from));
            }
        }
        for (n, (v, kind, speaker, resolution, content_from)) in attributions.iter().enumerate() {
            // Content runs to the next attribution's clause or to the end of the sentence.
            let content_to = attributions.get(n + 1).map_or(sentence.tokens.end, |next| {
                let mut to = next.2.start.min(next.0);
                while to > *content_from && self.is_boundary(to - 1) {
                    to -= 1;
                }
                to
            });
            // "…said X, adding that Y", "ونفت … أن X، مؤكدة أن Y": two claims of the speaker.
            let participle = (*content_from..content_to)
                .find(|&i| self.tokens.str(i) == "," || self.tokens.str(i) == "\u{060c}")
                .filter(|&comma| {
                    self.tokens.tokens.get(comma + 1).is_some_and(|t| {
                        comma + 1 < content_to && cues::is_reporting_participle(&t.lower)
                    })
                });
            // The second takes its stance from its own participle: "…denied X, adding that Y"
            // affirms Y.
            let parts = match participle {
                Some(comma) => {
                    let mut second = comma + 2;
                    while second < content_to
                        && (!self.tokens.tokens[second].is_word
                            || cues::is_complementiser(&self.tokens.tokens[second].lower))
                    {
                        second += 1;
                    }
                    let participle = &self.tokens.tokens[comma + 1];
                    let own = cues::VerbKind {
                        denial: cues::is_denying_participle(&participle.lower),
                        ..cues::VerbKind::default()
                    };
                    vec![
                        (*content_from..comma, *kind, self.tokens.str(*v).to_owned()),
                        (second..content_to, own, participle.lower.clone()),
                    ]
                }
                None => vec![(
                    *content_from..content_to,
                    *kind,
                    self.tokens.str(*v).to_owned(),
                )],
            };
            let split = parts.len() > 1;
            for (part, kind, cue) in parts {
                // Of a split, a part of a word or two is an object, not a claim ("отверг
                // обвинения, заявив, что …": rejected the accusations, saying that …).
                if split && self.words(part.clone()) < MIN_CONTENT_WORDS {
                    continue;
                }
                self.push_content(&sentence, part, speaker.clone(), resolution, cue, kind, 0.0);
            }
        }
        if self.found.len() == before {
            self.according_to(&sentence, cues::ACCORDING_TO, false);
        }
    }

    /// "Russia condemns US for airstrikes against Syrian troops": the first line, short and
    /// without a full stop, a party and a present-tense reporting verb at its head.
    fn headline(&mut self, sentence: &Sentence) -> bool {
        let tokens = sentence.tokens.clone();
        let line = self.text(sentence.bytes.clone());
        if self.words(tokens.clone()) > 16 || line.trim_end().ends_with('.') {
            return false;
        }
        // The speaker opens the line, maybe after an article or adjective ("Syrian army: …").
        let Some(mention) = (tokens.start..tokens.end.min(tokens.start + 3))
            .find_map(|i| self.names.mention_at(self.tokens, i))
        else {
            return false;
        };
        let verb = (mention.tokens.end..tokens.end.min(mention.tokens.end + 3)).find(|&i| {
            let token = &self.tokens.tokens[i];
            let past = token.lower.ends_with("ed")
                || ["said", "told", "wrote"].contains(&token.lower.as_str());
            (token.is_word && !token.capitalised && !past && self.cues.verb(&token.lower).is_some())
                || self.tokens.str(i) == ":"
        });
        let Some(verb) = verb else {
            return false;
        };
        let speaker = self.text(self.range(mention.tokens.clone())).to_owned();
        let kind = self.cues.verb(&self.tokens.tokens[verb].lower);
        // "Syrian army: the raid proves …": what follows the colon.
        let span = if self.tokens.str(verb) == ":" {
            self.range(verb + 1..tokens.end)
        } else {
            sentence.bytes.clone()
        };
        let Some(span) = trim_claim(self.tokens.text, span) else {
            return false;
        };
        self.found.push(Found {
            span,
            party: Some(mention.party),
            speaker: speaker.clone(),
            cue: if self.tokens.str(verb) == ":" {
                "headline".to_owned()
            } else {
                format!("headline · {}", self.tokens.str(verb))
            },
            stance: stance(kind.unwrap_or_default(), false),
            score: 0.7,
        });
        self.said.push(Said {
            at: sentence.bytes.start,
            paragraph: sentence.paragraph,
            party: Some(mention.party),
            words: speaker.split_whitespace().map(str::to_lowercase).collect(),
            speaker,
        });
        true
    }

    /// The byte range of a token range.
    fn range(&self, tokens: Range<usize>) -> Range<usize> {
        if tokens.is_empty() {
            let at = self
                .tokens
                .tokens
                .get(tokens.start)
                .map_or(self.tokens.text.len(), |t| t.range.start);
            return at..at;
        }
        self.tokens.tokens[tokens.start].range.start..self.tokens.tokens[tokens.end - 1].range.end
    }

    /// "…, Moscow said." / "“…,” he said." / "…, said a Pentagon spokesman." / "…, — заявил
    /// Лавров.": the attribution closes the sentence and the claim is what comes before.
    fn content_before(&mut self, sentence: &Sentence, v: usize, kind: VerbKind) -> bool {
        let start = sentence.tokens.start;
        let end = sentence.tokens.end;
        // The speaker before the verb (back to the comma, dash or closing quote before it,
        // over an apposition), or after it ("said Lavrov").
        let (c, speaker, after_speaker) =
            if let Some(speaker) = self.speaker_back(sentence, v).filter(|s| !s.is_empty()) {
                (speaker.start, speaker, v + 1)
            } else {
                if v == start || !self.is_boundary(v - 1) {
                    return false;
                }
                let mut e = v + 1;
                while e < end && !self.is_boundary(e) && !self.is_sentence_end(e) {
                    e += 1;
                }
                (v, v + 1..e, e)
            };
        if c == start {
            return false;
        }
        let boundary = self.tokens.str(c - 1);
        if !matches!(
            boundary,
            "," | "\u{2014}" | "\u{2013}" | "\u{201d}" | "\"" | "\u{bb}" | "-"
        ) {
            return false;
        }
        if speaker.is_empty() || self.is_passive(v) {
            return false;
        }
        // After the attribution only a short tail: "on Saturday", "in a statement".
        // "…, the military said, adding that …": a second claim of the same speaker.
        let participle = (after_speaker..end).find(|&i| {
            self.tokens.str(i) == ","
                && self
                    .tokens
                    .tokens
                    .get(i + 1)
                    .is_some_and(|t| cues::is_reporting_participle(&t.lower))
        });
        let tail = after_speaker..participle.unwrap_or(end);
        if self.words(tail.clone()) > 8 {
            return false;
        }
        let Some(resolution) = self.resolve(sentence, speaker.clone()) else {
            return false;
        };
        // Walk back over the boundary marks to the end of what was said.
        let mut content_end = c;
        while content_end > start && !self.tokens.tokens[content_end - 1].is_word {
            content_end -= 1;
        }
        let boundary_byte = self.tokens.tokens[c - 1].range.start;
        // A quotation that closes here may have begun sentences or paragraphs earlier.
        let quotation = self
            .tokens
            .quotation_closing_near(boundary_byte)
            .filter(|q| q.open >= self.tokens.paragraphs.first().map_or(0, |p| p.start))
            .cloned();
        let content = if let Some(q) = quotation {
            self.mark_attributed(q.open);
            q.inner
        } else {
            if self.words(start..content_end) < MIN_CONTENT_WORDS {
                return false;
            }
            self.range(start..content_end)
        };
        self.push_bytes(
            sentence,
            content,
            speaker.clone(),
            &resolution,
            self.tokens.str(v).to_owned(),
            kind,
            0.0,
        );
        if let Some(comma) = participle {
            let mut from = comma + 2;
            if self
                .tokens
                .tokens
                .get(from)
                .is_some_and(|t| cues::is_complementiser(&t.lower))
            {
                from += 1;
            }
            if self.words(from..end) >= MIN_CONTENT_WORDS {
                let cue = self.tokens.str(comma + 1).to_owned();
                self.push_content(
                    sentence,
                    from..end,
                    speaker,
                    &resolution,
                    cue,
                    VerbKind::default(),
                    0.04,
                );
            }
        }
        true
    }

    fn is_sentence_end(&self, i: usize) -> bool {
        matches!(self.tokens.str(i), "." | "!" | "?" | "\u{061f}")
    }

    /// "it has been reported", "was denied": the reporter's voice, no speaker.
    fn is_passive(&self, v: usize) -> bool {
        v > 0 && cues::is_passive_auxiliary(&self.tokens.tokens[v - 1].lower)
    }

    fn mark_attributed(&mut self, open: usize) {
        if let Some(i) = self.tokens.quotations.iter().position(|q| q.open == open) {
            self.attributed[i] = true;
        }
    }

    /// "Moscow said (that) …": the speaker before the verb (or after it, in Arabic word order
    /// and "said Lavrov:") and the token where what was said begins.
    fn speaker_and_content(
        &self,
        sentence: &Sentence,
        v: usize,
        kind: VerbKind,
    ) -> Option<(Range<usize>, Resolution, usize)> {
        let start = sentence.tokens.start;
        let end = sentence.tokens.end;
        if self.is_passive(v) {
            return None;
        }
        // "as saying": the speaker is the one quoted ("SANA quoted a source as saying …").
        let lower = self.tokens.tokens[v].lower.as_str();
        if lower == "saying" && (v == start || self.tokens.tokens[v - 1].lower != "as") {
            return None;
        }
        let before_verb = if lower == "saying" { v - 1 } else { v };
        let mut speaker = self.speaker_back(sentence, before_verb)?;
        // "… called the move a stunt and said …": the subject of the sentence.
        if speaker.is_empty()
            && before_verb > start
            && cues::is_clause_word(&self.tokens.tokens[before_verb - 1].lower)
            && let Some(subject) = self.subject_at_start(sentence)
            && subject.end < before_verb
        {
            speaker = subject;
        }
        let mut content_from = v + 1;
        if speaker.is_empty() {
            // Verb first: the speaker follows, up to "that"/"إن" or a mark (Arabic, and
            // "said Lavrov:"); or there is none and the last speaker goes on ("Добавил, что").
            let mut e = v + 1;
            while e < end
                && e < v + 1 + MAX_SPEAKER_WORDS
                && !self.is_boundary(e)
                && !cues::is_complementiser(&self.tokens.tokens[e].lower)
            {
                e += 1;
            }
            // "As Lavrov said, …", "Как заявили в Кремле, …", "Como disse X, …".
            let as_said = v > start
                && ["as", "как", "como"].contains(&self.tokens.tokens[v - 1].lower.as_str());
            let marked = e < end
                && (cues::is_complementiser(&self.tokens.tokens[e].lower)
                    || self.tokens.str(e) == ":"
                    || (as_said && self.tokens.str(e) == ","));
            if marked {
                speaker = v + 1..e;
                content_from = e;
            } else {
                return None;
            }
        }
        if self.words(speaker.clone()) > MAX_SPEAKER_WORDS {
            return None;
        }
        let resolution = if speaker.is_empty() {
            Resolution::Earlier
        } else {
            self.resolve(sentence, speaker.clone())?
        };
        // "заявил, что …": the comma before the complementiser.
        while content_from < end && self.tokens.str(content_from) == "," {
            content_from += 1;
        }
        // "said on Sunday that", "told state television that": only words of when, where
        // and to whom may stand before the "that".
        let look = (content_from..end.min(content_from + 7)).find(|&i| {
            let token = &self.tokens.tokens[i];
            cues::is_complementiser(&token.lower) || self.tokens.str(i) == ":"
        });
        let marks_between = look.is_some_and(|to| {
            (content_from..to).any(|i| {
                let token = &self.tokens.tokens[i];
                if token.is_word {
                    // Whom was told may be anything ("told the Al-Watan newspaper that").
                    !(kind.telling
                        || token.capitalised
                        || cues::may_stand_before_that(&token.lower))
                } else {
                    !matches!(self.tokens.str(i), "-" | "'" | "\u{2019}" | ".")
                }
            })
        });
        if let Some(to) = look.filter(|_| !marks_between) {
            content_from = to + 1;
        } else if kind.takes_object {
            content_from = v;
        } else if kind.telling {
            // "told reporters the strike …": one object word (with its article).
            let mut i = content_from;
            if i < end && cues::is_clause_word(&self.tokens.tokens[i].lower) {
                return None;
            }
            while i < end
                && ["the", "a", "an", "his", "her", "their"]
                    .contains(&self.tokens.tokens[i].lower.as_str())
            {
                i += 1;
            }
            content_from = (i + 1).min(end);
        }
        while content_from < end
            && matches!(
                self.tokens.str(content_from),
                "," | ":" | "\u{2014}" | "\u{2013}"
            )
        {
            content_from += 1;
        }
        if self.words(content_from..end) < MIN_CONTENT_WORDS
            && self
                .tokens
                .tokens
                .get(content_from)
                .is_none_or(|t| t.is_word)
        {
            return None;
        }
        Some((speaker, resolution, content_from))
    }

    /// Who a speaker phrase is, or `None` when the words are not a speaker at all.
    fn resolve(&self, sentence: &Sentence, speaker: Range<usize>) -> Option<Resolution> {
        let words: Vec<usize> = speaker
            .clone()
            .filter(|&i| self.tokens.tokens[i].is_word)
            .collect();
        if words.is_empty() || words.len() > MAX_SPEAKER_WORDS {
            return None;
        }
        let lower = |i: usize| self.tokens.tokens[i].lower.as_str();
        if words.len() == 1 && cues::is_pronoun(lower(words[0])) {
            return Some(Resolution::Earlier);
        }
        let mentions = self.names.mentions_in(self.tokens, speaker.clone());
        let parties: Vec<PartyId> = {
            let mut p: Vec<PartyId> = mentions.iter().map(|m| m.party).collect();
            p.dedup();
            p
        };
        if let Some(alias) = mentions.iter().find(|m| m.kind == MentionKind::Alias) {
            return Some(Resolution::Party(alias.party, alias.kind, parties.len()));
        }
        // "the ministry's monitoring centre", "the general": a speaker named before.
        if mentions.is_empty()
            && let Some(party) = self.coreferent(sentence, &words)
        {
            return Some(Resolution::Party(party, MentionKind::Person, 1));
        }
        // Only the speaker's own words count, not a complement: "the U.S. envoy to the
        // United Nations" is the US, "the Observatory for Human Rights" a monitor.
        // The speaker's head is its last word before a complement or an aside ("the
        // Observatory for Human Rights", "Russia's U.N. ambassador, Viktor Ivanchenko"); a
        // monitor, a medium or rebels as head, or named before the party ("Interfax quoted
        // a Russian lawmaker"), make it someone else.
        let head_end = speaker
            .clone()
            .find(|&i| {
                let t = &self.tokens.tokens[i];
                (t.is_word
                    && ["to", "at", "in", "with", "from", "on", "for", "of"]
                        .contains(&t.lower.as_str()))
                    || self.tokens.str(i) == ","
            })
            .unwrap_or(speaker.end);
        let head = words.iter().rev().find(|&&i| i < head_end).copied();
        let first_mention = mentions.first().map_or(speaker.end, |m| m.tokens.start);
        let other = head.is_some_and(|h| cues::is_not_a_party(lower(h)))
            || words
                .iter()
                .any(|&i| i < first_mention && cues::is_not_a_party(lower(i)));
        if other {
            return Some(Resolution::SomeoneElse);
        }
        if let Some(first) = mentions.first() {
            return Some(Resolution::Party(first.party, first.kind, parties.len()));
        }
        // "the statement", "the official", "a spokesman": the last speaker goes on.
        if words.len() <= 3
            && ["the", "a", "an", "this"].contains(&lower(words[0]))
            && words[1..]
                .iter()
                .any(|&i| cues::is_utterance_head(lower(i)))
        {
            return Some(Resolution::Earlier);
        }
        let head = words.iter().any(|&i| cues::is_speaker_head(lower(i)));
        // A capital letter names someone, except an article's at the start of a sentence
        // ("A military source said").
        let named = words.iter().enumerate().any(|(n, &i)| {
            let token = &self.tokens.tokens[i];
            token.capitalised
                && !["a", "an", "the"].contains(&token.lower.as_str())
                && (n > 0 || words.len() > 1 || token.all_caps)
        });
        if head || named || (words.len() == 1 && self.tokens.tokens[words[0]].capitalised) {
            // An institution with no party named, in an article datelined in a party's
            // capital: that party, less surely ("مصدر عسكري" in a Damascus-SANA report).
            if head
                && !named
                && let Some((party, _)) = self.dateline
            {
                return Some(Resolution::Party(party, MentionKind::Dateline, 1));
            }
            return Some(Resolution::SomeoneElse);
        }
        None
    }

    /// The party of a definite speaker ("the ministry", "the general's office"): the last
    /// speaker whose words had the same head, or the place the sentence opens with ("In
    /// Damascus, the government said").
    fn coreferent(&self, sentence: &Sentence, words: &[usize]) -> Option<PartyId> {
        let lower = |i: usize| self.tokens.tokens[i].lower.as_str();
        let start = self.tokens.tokens[words[0]].range.start;
        // Russian has no article, but "ведомство" (the agency, in any case: "представитель
        // ведомства") only ever points back: to the last body that spoke.
        if words.iter().any(|&i| lower(i).starts_with("ведомств")) {
            return self
                .said
                .iter()
                .rev()
                .filter(|s| s.at < start)
                .take(12)
                .find_map(|s| s.party);
        }
        // Heads made definite by an article ("the ministry", "its office") or, in Arabic, by
        // the article joined to them (القيادة).
        let definite_heads: Vec<&str> = words
            .iter()
            .enumerate()
            .filter(|&(n, &i)| {
                let word = lower(i);
                let english = cues::is_speaker_head(word)
                    && n > 0
                    && ["the", "its", "this"].contains(&lower(words[n - 1]));
                let arabic = word.starts_with("ال") && word.chars().count() > 4 && words.len() <= 4;
                english || arabic
            })
            .map(|(_, &i)| lower(i))
            .collect();
        if definite_heads.is_empty() {
            return None;
        }
        let earlier = self.said.iter().rev().filter(|s| s.at < start).take(12);
        for said in earlier {
            if let Some(party) = said.party
                && definite_heads
                    .iter()
                    .any(|h| said.words.iter().any(|w| w == h))
            {
                return Some(party);
            }
        }
        // The clause the sentence opens with: "In Damascus, …", "In a statement carried by
        // SANA, …".
        let first = sentence.tokens.start;
        let comma = (first..words[0]).find(|&i| self.tokens.str(i) == ",")?;
        if self.words(first..comma) > 8 || self.tokens.tokens[first].lower != "in" {
            return None;
        }
        self.names
            .mentions_in(self.tokens, first..comma)
            .first()
            .map(|m| m.party)
    }

    /// The speaker before a verb at token `v`: back over adverbs ("also", "later") to the
    /// clause boundary, over an apposition ("Mark Tollan, a State Department spokesman,
    /// said"). Empty when the verb opens its clause; `None` when the words before it are
    /// inside what someone else said.
    fn speaker_back(&self, sentence: &Sentence, v: usize) -> Option<Range<usize>> {
        let start = sentence.tokens.start;
        let mut end = v;
        loop {
            let before = end;
            while end > start && cues::is_adverb(&self.tokens.tokens[end - 1].lower) {
                end -= 1;
            }
            // "on Sunday", "on Saturday night" between the speaker and the verb.
            if end >= start + 2
                && self.tokens.tokens[end - 2].lower == "on"
                && cues::may_stand_before_that(&self.tokens.tokens[end - 1].lower)
            {
                end -= 2;
            }
            if end == before {
                break;
            }
        }
        let back = |from: usize| -> Option<usize> {
            let mut at = from;
            while at > start && !self.is_boundary(at - 1) {
                let token = &self.tokens.tokens[at - 1];
                if self.verb_at(sentence, at - 1).is_some() || cues::is_complementiser(&token.lower)
                {
                    return None;
                }
                at -= 1;
            }
            Some(at)
        };
        if end > start && self.tokens.str(end - 1) == "," {
            let apposition_end = end - 1;
            let a = back(apposition_end)?;
            if a > start && self.tokens.str(a - 1) == "," && a < apposition_end {
                let b = back(a - 1)?;
                if b < a - 1 && self.words(b..apposition_end) <= MAX_SPEAKER_WORDS {
                    return Some(b..apposition_end);
                }
                // A long aside ("U.S. officials, speaking on condition of anonymity because
                // …, said"): the speaker is what comes before it.
                if b < a - 1 && self.words(b..a - 1) <= MAX_SPEAKER_WORDS {
                    return Some(b..a - 1);
                }
            }
            return Some(end..end);
        }
        let from = back(end)?;
        Some(from..end)
    }

    /// The subject opening a sentence: capitalised words and titles, with an apposition
    /// ("Samantha Reyes, the U.S. envoy to the United Nations"). Only when it names a party.
    fn subject_at_start(&self, sentence: &Sentence) -> Option<Range<usize>> {
        let mut i = sentence.tokens.start;
        let end = sentence.tokens.end;
        let mut in_apposition = false;
        while i < end {
            let token = &self.tokens.tokens[i];
            let mark = self.tokens.str(i);
            let fits = if token.is_word {
                token.capitalised
                    || cues::is_title(&token.lower)
                    || ["the", "a", "an", "to", "for", "of"].contains(&token.lower.as_str())
            } else {
                matches!(mark, "." | "-" | "'" | "\u{2019}")
            };
            if fits {
                i += 1;
            } else if mark == "," && !in_apposition {
                in_apposition = true;
                i += 1;
            } else {
                break;
            }
        }
        let mut subject = sentence.tokens.start..i;
        while subject.end > subject.start && !self.tokens.tokens[subject.end - 1].is_word {
            subject.end -= 1;
        }
        match self.resolve(sentence, subject.clone()) {
            Some(Resolution::Party(..)) => Some(subject),
            _ => None,
        }
    }

    /// The last speaker named before byte `at`, within the two paragraphs before it.
    fn earlier(&self, at: usize, paragraph: usize) -> Option<&Said> {
        self.said
            .iter()
            .rev()
            .find(|s| s.at < at)
            .filter(|s| s.paragraph + 2 >= paragraph)
    }

    #[expect(clippy::too_many_arguments, reason = "one claim's parts, named")]
    fn push_content(
        &mut self,
        sentence: &Sentence,
        content: Range<usize>,
        speaker: Range<usize>,
        resolution: &Resolution,
        cue: String,
        kind: VerbKind,
        penalty: f32,
    ) {
        if content.is_empty() {
            return;
        }
        // What was said opens with a quotation: the whole quotation, over paragraphs too.
        let first = &self.tokens.tokens[content.start];
        let bytes = if !first.is_word
            && let Some(q) = self.tokens.quotation_at(first.range.start).cloned()
            && q.open == first.range.start
            && q.end >= self.range(content.clone()).end.saturating_sub(2)
        {
            self.mark_attributed(q.open);
            q.inner
        } else {
            self.range(content)
        };
        self.push_bytes(sentence, bytes, speaker, resolution, cue, kind, penalty);
    }

    #[expect(clippy::too_many_arguments, reason = "one claim's parts, named")]
    fn push_bytes(
        &mut self,
        sentence: &Sentence,
        bytes: Range<usize>,
        speaker: Range<usize>,
        resolution: &Resolution,
        cue: String,
        kind: VerbKind,
        penalty: f32,
    ) {
        let Some(bytes) = trim_claim(self.tokens.text, bytes) else {
            return;
        };
        let written = self.text(self.range(speaker.clone())).to_owned();
        let (party, speaker_label, mut score) = match resolution {
            &Resolution::Party(party, mention, parties) => {
                let base = match mention {
                    MentionKind::Alias => 0.92,
                    MentionKind::Name => 0.9,
                    MentionKind::Person => 0.86,
                    MentionKind::Inflected => 0.82,
                    MentionKind::Dateline => 0.7,
                };
                let shared = if parties > 1 { 0.25 } else { 0.0 };
                let label = if mention == MentionKind::Dateline {
                    format!("{written}, by the dateline")
                } else {
                    written.clone()
                };
                (Some(party), label, base - shared)
            }
            Resolution::SomeoneElse => (None, written.clone(), 0.5),
            Resolution::Earlier => match self.earlier(bytes.start, sentence.paragraph) {
                Some(said) => {
                    let label = if written.is_empty() {
                        said.speaker.clone()
                    } else {
                        format!("{written} → {}", said.speaker)
                    };
                    (said.party, label, 0.74)
                }
                // Nobody spoke before: an institution ("a military source") in an article
                // datelined in a party's capital is that party's, less surely.
                None => match self.dateline.map(|(party, _)| party).filter(|_| {
                    written
                        .split_whitespace()
                        .any(|w| cues::is_speaker_head(&w.to_lowercase()))
                }) {
                    Some(party) => (Some(party), format!("{written}, by the dateline"), 0.7),
                    None => (None, written.clone(), 0.3),
                },
            },
        };
        let denial_in_content = self.has_denial(bytes.clone());
        score -= penalty;
        let words = self.tokens.text[bytes.clone()].split_whitespace().count();
        if words > 120 {
            score -= 0.1;
        }
        let name_of_speaker = match &party {
            Some(_) | None => speaker_label.rsplit(" → ").next().unwrap_or("").to_owned(),
        };
        let words = speaker
            .clone()
            .filter(|&i| self.tokens.tokens[i].is_word)
            .map(|i| self.tokens.tokens[i].lower.clone())
            .collect();
        if let Some(party) = party {
            self.names
                .learn_speaker(self.tokens, speaker.clone(), party);
        }
        self.said.push(Said {
            at: bytes.start,
            paragraph: sentence.paragraph,
            party,
            speaker: name_of_speaker,
            words,
        });
        self.found.push(Found {
            span: bytes,
            party,
            speaker: speaker_label,
            cue,
            stance: stance(kind, denial_in_content),
            score: score.clamp(0.0, 1.0),
        });
    }

    fn has_denial(&self, bytes: Range<usize>) -> bool {
        let first = self
            .tokens
            .tokens
            .partition_point(|t| t.range.start < bytes.start);
        let words: Vec<&str> = self.tokens.tokens[first..]
            .iter()
            .take_while(|t| t.range.end <= bytes.end)
            .filter(|t| t.is_word)
            .map(|t| t.lower.as_str())
            .collect();
        words.iter().any(|w| cues::is_denial_word(w))
            || words.windows(2).any(|p| cues::is_denial_pair(p[0], p[1]))
    }

    /// "According to X, …", "…, according to X", "по словам X, …", "segundo X, …" (or, with
    /// `opening`, one of `phrases` that opens the sentence: "Как сообщил X, …"). Whether it
    /// found a claim.
    fn according_to(&mut self, sentence: &Sentence, phrases: &[&[&str]], opening: bool) -> bool {
        let range = sentence.tokens.clone();
        // Where a phrase may start: anywhere, or at the sentence's first word.
        let first_word = range.clone().find(|&i| self.tokens.tokens[i].is_word);
        for phrase in phrases {
            let Some(at) = range.clone().find(|&i| {
                (!opening || Some(i) == first_word)
                    && phrase.iter().enumerate().all(|(k, w)| {
                        self.tokens
                            .tokens
                            .get(i + k)
                            .is_some_and(|t| t.lower == *w && i + k < range.end)
                    })
            }) else {
                continue;
            };
            let speaker_from = at + phrase.len();
            let mut speaker_to = speaker_from;
            while speaker_to < range.end
                && !self.is_boundary(speaker_to)
                && !self.is_sentence_end(speaker_to)
            {
                speaker_to += 1;
            }
            let speaker = speaker_from..speaker_to;
            let Some(resolution) = self.resolve(sentence, speaker.clone()) else {
                continue;
            };
            let mut before_end = at;
            while before_end > range.start && !self.tokens.tokens[before_end - 1].is_word {
                before_end -= 1;
            }
            let content = if at == range.start || self.words(range.start..at) == 0 {
                let mut from = speaker_to;
                while from < range.end && !self.tokens.tokens[from].is_word {
                    from += 1;
                }
                from..range.end
            } else if self.words(speaker_to..range.end) <= 1 {
                range.start..before_end
            } else {
                range.clone()
            };
            if self.words(content.clone()) < MIN_CONTENT_WORDS {
                continue;
            }
            let before = self.found.len();
            self.push_content(
                sentence,
                content,
                speaker,
                &resolution,
                phrase.join(" "),
                VerbKind::default(),
                0.04,
            );
            return self.found.len() > before;
        }
        false
    }

    /// A quotation that opens a sentence and that nobody was given: the last speaker goes
    /// on talking (“…” after "he said: “…”", a second paragraph of quote).
    fn unattributed_quotations(&mut self) {
        let starts: std::collections::HashMap<usize, usize> = self
            .tokens
            .sentences
            .iter()
            .map(|s| (s.bytes.start, s.paragraph))
            .collect();
        let found = super::Spans::new(
            self.found
                .iter()
                .map(|f| (f.span.start, f.span.end))
                .collect(),
        );
        self.said.sort_by_key(|s| s.at);
        for (i, q) in self.tokens.quotations.clone().into_iter().enumerate() {
            if self.attributed[i] {
                continue;
            }
            let Some(&paragraph) = starts.get(&q.open) else {
                continue;
            };
            if found.overlaps(q.open, q.end) {
                continue;
            }
            let said_before = self.said.partition_point(|s| s.at < q.open);
            let Some(said) = said_before
                .checked_sub(1)
                .map(|k| self.said[k].clone())
                .filter(|s| s.paragraph + 1 >= paragraph)
            else {
                continue;
            };
            let Some(bytes) = trim_claim(self.tokens.text, q.inner.clone()) else {
                continue;
            };
            if self.tokens.text[bytes.clone()].split_whitespace().count() < MIN_CONTENT_WORDS {
                continue;
            }
            let denial = self.has_denial(bytes.clone());
            self.found.push(Found {
                span: bytes,
                party: said.party,
                speaker: format!("quote goes on \u{2192} {}", said.speaker),
                cue: "quotation".to_owned(),
                stance: stance(VerbKind::default(), denial),
                score: if said.party.is_some() { 0.62 } else { 0.3 },
            });
        }
    }
}

fn stance(kind: VerbKind, denial_in_content: bool) -> Stance {
    if kind.denial || denial_in_content {
        Stance::Denies
    } else {
        Stance::Affirms
    }
}

/// A claim's bytes without surrounding spaces, a trailing comma or full stop, and quote marks
/// that open or close it unpaired (or wrap all of it).
fn trim_claim(text: &str, bytes: Range<usize>) -> Option<Range<usize>> {
    let opening = |c: char| matches!(c, '"' | '\u{201c}' | '\u{ab}' | '\u{201e}');
    let closing = |c: char| matches!(c, '"' | '\u{201d}' | '\u{bb}');
    text.get(bytes.clone())?;
    let (mut start, mut end) = (bytes.start, bytes.end);
    loop {
        let s = &text[start..end];
        start += s.len() - s.trim_start().len();
        let s = &text[start..end];
        end = start
            + s.trim_end_matches(|c: char| c.is_whitespace() || ",.;:\u{2014}\u{2013}".contains(c))
                .len();
        let s = &text[start..end];
        let (first, last) = (s.chars().next()?, s.chars().next_back()?);
        let straight = s.matches('"').count();
        let opens = s
            .chars()
            .filter(|&c| matches!(c, '\u{201c}' | '\u{ab}' | '\u{201e}'))
            .count();
        let closes = s
            .chars()
            .filter(|&c| matches!(c, '\u{201d}' | '\u{bb}'))
            .count();
        let unbalanced = straight % 2 == 1 || opens != closes;
        // One character: the first and the last are the same.
        let inner = s
            .get(first.len_utf8()..s.len().saturating_sub(last.len_utf8()))
            .unwrap_or("");
        let wraps = !inner.contains(['"', '\u{201c}', '\u{201d}', '\u{ab}', '\u{bb}']);
        let several = s.chars().nth(1).is_some();
        if opening(first) && closing(last) && several && !unbalanced && wraps {
            start += first.len_utf8();
            end -= last.len_utf8();
        } else if opening(first) && unbalanced && (first == '"' || opens > closes) {
            start += first.len_utf8();
        } else if closing(last) && unbalanced && (last == '"' || closes > opens) {
            end -= last.len_utf8();
        } else {
            break;
        }
        if start >= end {
            return None;
        }
    }
    (start < end).then_some(start..end)
}
