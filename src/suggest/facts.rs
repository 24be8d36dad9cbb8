//! Which fact a claim speaks to: the session's facts ranked for one claim.
//!
//! Two kinds of evidence, each scored with Okapi BM25 over two vocabularies:
//!
//! - the fact's statement, as the analyst wrote it;
//! - the claims already linked to it (the nearest of them counts: a claim is usually most
//!   like one other party's claim on the same fact, not like all of them together).
//!
//! The vocabularies are Snowball stems in the text's language, stop words left out (so
//! "strike", "strikes" and "struck" meet in English, "удар" and "удара" in Russian), and
//! character trigrams of words (names and inflections a stemmer does not join:
//! "Zakharova"/"Zakharovoy", "Deir ez-Zor"/"Deir al-Zour"). Names and aliases of a party
//! become one word for that party, so "Moscow" meets "Russia". Each of the four scores is
//! divided by its best, and they are added, the trigram ones at half weight. A claim is left
//! out of the evidence when it is ranked, so relinking (and measuring, one link left out at a
//! time) is honest. Each linked claim counts with its first [`QUOTE_CHARS`] characters, so
//! a 20 MB claim does not drown the rest.

use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_segmentation::UnicodeSegmentation as _;

use super::names::Names;
use super::tokens::Tokens;
use crate::model::{ArticleId, Claim, ClaimId, FactId, PartyId, Session};

/// How much of each linked claim's quote counts.
pub const QUOTE_CHARS: usize = 600;

const K1: f32 = 1.2;
const B: f32 = 0.75;
/// Weight of the trigram models beside the stem models.
const STATEMENT_WEIGHT: f32 = 1.0;
const GRAM_WEIGHT: f32 = 0.5;
/// Added when a claim of the same article is already linked to the fact.
const SAME_ARTICLE: f32 = 0.05;

/// One fact in the ranking, best first.
#[derive(Clone, Debug, PartialEq)]
pub struct RankedFact {
    pub fact: FactId,
    pub score: f32,
    /// Why, in words: "shared: strike, accident", "like US’s “the coalition …”", "same
    /// article", "close in meaning".
    pub reasons: Vec<String>,
    /// The fact's place (1 = first) in each signal that ranked it.
    pub signals: Vec<(Signal, usize)>,
}

/// One of the rankings fused into the fact picker's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Signal {
    /// The words of the fact's statement (stems and trigrams).
    StatementWords,
    /// The words of the nearest claim already linked to the fact.
    LinkedClaims,
    /// Closeness in meaning of the claim and the statement, by the multilingual model.
    Meaning,
}

impl Signal {
    /// Its name in `rashomon suggest --json`.
    pub fn key(self) -> &'static str {
        match self {
            Self::StatementWords => "statement_words",
            Self::LinkedClaims => "linked_claims",
            Self::Meaning => "meaning",
        }
    }
}

/// How close in meaning a claim is to each fact's statement: the cosine of their vectors
/// (`embedding`), for the facts that have one.
pub type Closeness = HashMap<FactId, f32>;

/// With the model: the share of a lexical signal's best score a fact needs to be listed by
/// it, and the words a claim must share with a statement.
const EVIDENCE_SHARE: f32 = 0.5;
const MIN_SHARED_WORDS: usize = 3;

/// The constant of reciprocal rank fusion (Cormack et al. 2009): a fact's fused score is
/// the sum over signals of 1 / (K + its place).
pub const FUSION_K: f32 = 60.0;

/// Terms of one text: stems (and party words) and trigrams, with counts.
#[derive(Clone, Debug, Default)]
struct Terms {
    stems: HashMap<String, u32>,
    grams: HashMap<String, u32>,
    /// A stem's first surface form, to show why.
    surface: HashMap<String, String>,
    stem_len: u32,
    gram_len: u32,
}

struct Linked {
    claim: ClaimId,
    fact: FactId,
    party: PartyId,
    article: ArticleId,
    terms: Terms,
    excerpt: String,
}

/// The facts of a session, ready to rank claims against. Built once per session version, in
/// time linear in the statements and the linked quotes' excerpts; ranking one claim reads
/// only the postings of its own terms.
pub struct FactIndex {
    statements: Vec<(FactId, Terms)>,
    linked: Vec<Linked>,
    /// Where each linked claim's fact is among the statements.
    fact_of: Vec<usize>,
    analyser: Analyser,
    statement_stems: Postings,
    statement_grams: Postings,
    claim_stems: Postings,
    claim_grams: Postings,
}

/// An inverted index of one vocabulary over one set of documents.
#[derive(Default)]
struct Postings {
    by_term: HashMap<String, Vec<(u32, u32)>>,
    lengths: Vec<f32>,
    average: f32,
}

impl Postings {
    fn new<'a>(documents: impl Iterator<Item = (&'a HashMap<String, u32>, u32)>) -> Self {
        let mut postings = Self::default();
        for (doc, (terms, length)) in documents.enumerate() {
            let doc = u32::try_from(doc).unwrap_or(u32::MAX);
            for (term, &tf) in terms {
                postings
                    .by_term
                    .entry(term.clone())
                    .or_default()
                    .push((doc, tf));
            }
            postings.lengths.push(length as f32);
        }
        let n = postings.lengths.len().max(1) as f32;
        postings.average = (postings.lengths.iter().sum::<f32>() / n).max(1.0);
        postings
    }

    fn df(&self, term: &str) -> usize {
        self.by_term.get(term).map_or(0, Vec::len)
    }

    /// Adds each document's BM25 score for `term` (with its `idf`) to `scores`, leaving out
    /// document `skip`.
    fn score(&self, term: &str, idf: f32, skip: Option<u32>, scores: &mut [f32]) {
        for &(doc, tf) in self.by_term.get(term).map_or(&[][..], Vec::as_slice) {
            if Some(doc) == skip {
                continue;
            }
            let Some(slot) = scores.get_mut(doc as usize) else {
                continue;
            };
            let tf = tf as f32;
            let length = self.lengths[doc as usize];
            *slot += idf * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * length / self.average));
        }
    }
}

/// Turns text into terms: language, stop words, stems, party words, trigrams.
struct Analyser {
    names: Names,
}

impl Analyser {
    fn terms(&self, text: &str) -> Terms {
        let text = excerpt_chars(text, QUOTE_CHARS);
        let (algorithm, code) = language_of(text);
        // Creating a Snowball stemmer only picks its function: nothing to cache.
        let stemmer = Stemmer::create(algorithm);
        let stop = stop_words::lookup(code).unwrap_or(&[]);
        let mut terms = Terms::default();
        for word in text.unicode_words() {
            let lower = word.to_lowercase();
            if stop.contains(&lower.as_str()) {
                continue;
            }
            let stem = stemmer.stem(&lower).into_owned();
            if stem.chars().count() < 2 {
                continue;
            }
            terms
                .surface
                .entry(stem.clone())
                .or_insert_with(|| word.to_owned());
            *terms.stems.entry(stem).or_insert(0) += 1;
            terms.stem_len += 1;
            let chars: Vec<char> = std::iter::once('_')
                .chain(lower.chars())
                .chain(std::iter::once('_'))
                .collect();
            if chars.len() >= 5 {
                for gram in chars.windows(3) {
                    *terms.grams.entry(gram.iter().collect()).or_insert(0) += 1;
                    terms.gram_len += 1;
                }
            }
        }
        let tokens = Tokens::new(text);
        for mention in self.names.mentions_in(&tokens, 0..tokens.tokens.len()) {
            let term = party_term(mention.party);
            terms
                .surface
                .entry(term.clone())
                .or_insert_with(|| tokens.slice(mention.tokens.clone()).to_owned());
            *terms.stems.entry(term).or_insert(0) += 1;
            terms.stem_len += 1;
        }
        terms
    }
}

fn party_term(party: PartyId) -> String {
    format!("\u{1}party{}", party.0)
}

/// The language of a text for stemming and stop words: by its script, then by whatlang
/// among the languages Snowball stems; English when unsure.
fn language_of(text: &str) -> (Algorithm, &'static str) {
    if text.chars().any(super::cues::is_cyrillic) {
        return (Algorithm::Russian, "ru");
    }
    if text.chars().any(super::cues::is_arabic) {
        return (Algorithm::Arabic, "ar");
    }
    let Some(info) = whatlang::detect(text) else {
        return (Algorithm::English, "en");
    };
    if !info.is_reliable() && text.len() < 60 {
        return (Algorithm::English, "en");
    }
    match info.lang() {
        whatlang::Lang::Por => (Algorithm::Portuguese, "pt"),
        whatlang::Lang::Spa => (Algorithm::Spanish, "es"),
        whatlang::Lang::Fra => (Algorithm::French, "fr"),
        whatlang::Lang::Deu => (Algorithm::German, "de"),
        whatlang::Lang::Ita => (Algorithm::Italian, "it"),
        whatlang::Lang::Tur => (Algorithm::Turkish, "tr"),
        whatlang::Lang::Nld => (Algorithm::Dutch, "nl"),
        _ => (Algorithm::English, "en"),
    }
}

fn excerpt_chars(text: &str, max: usize) -> &str {
    match text.char_indices().nth(max) {
        Some((cut, _)) => &text[..cut],
        None => text,
    }
}

/// The four scores of one fact, before they are weighed.
#[derive(Clone, Copy, Default)]
struct Evidence {
    statement_stems: f32,
    statement_grams: f32,
    nearest_stems: f32,
    nearest_grams: f32,
    /// The linked claim that gave `nearest_stems`.
    nearest: Option<usize>,
}

impl FactIndex {
    pub fn new(session: &Session) -> Self {
        let analyser = Analyser {
            names: Names::new(session.parties()),
        };
        let statements: Vec<(FactId, Terms)> = session
            .facts()
            .iter()
            .map(|fact| (fact.id, analyser.terms(&fact.statement)))
            .collect();
        let linked: Vec<Linked> = session
            .claims()
            .filter_map(|claim| {
                let fact = claim.fact?;
                Some(Linked {
                    claim: claim.id,
                    fact,
                    party: claim.party,
                    article: claim.article,
                    terms: analyser.terms(&claim.anchor.quote),
                    excerpt: crate::model::short(&claim.anchor.quote),
                })
            })
            .collect();
        let position: HashMap<FactId, usize> = session
            .facts()
            .iter()
            .enumerate()
            .map(|(i, f)| (f.id, i))
            .collect();
        let fact_of = linked
            .iter()
            .map(|l| position.get(&l.fact).copied().unwrap_or(usize::MAX))
            .collect();
        Self {
            statement_stems: Postings::new(statements.iter().map(|(_, t)| (&t.stems, t.stem_len))),
            statement_grams: Postings::new(statements.iter().map(|(_, t)| (&t.grams, t.gram_len))),
            claim_stems: Postings::new(linked.iter().map(|l| (&l.terms.stems, l.terms.stem_len))),
            claim_grams: Postings::new(linked.iter().map(|l| (&l.terms.grams, l.terms.gram_len))),
            statements,
            linked,
            fact_of,
            analyser,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.statements.is_empty()
    }

    /// The facts ranked for `claim` (best first): every fact with any evidence; facts with
    /// none are left out. The claim itself is not evidence.
    pub fn rank(&self, session: &Session, claim: &Claim) -> Vec<RankedFact> {
        self.rank_with(session, claim, None)
    }

    /// The facts ranked for `claim`, with the closeness in meaning of each fact when the
    /// model gave it. Without it the lexical scores are added (as tuned on the evaluation
    /// set); with it the three signals (statement words, linked claims, meaning) are fused
    /// by rank, each listing only the facts it has real evidence for, so that meaning ranks
    /// facts whose words a claim in another language cannot share, and a fact clearly first
    /// by its words stays near the top.
    #[expect(
        clippy::too_many_lines,
        reason = "one pass: the BM25 scores, the places in each signal, the fusion and the reasons"
    )]
    pub fn rank_with(
        &self,
        session: &Session,
        claim: &Claim,
        closeness: Option<&Closeness>,
    ) -> Vec<RankedFact> {
        let query = self.analyser.terms(&claim.anchor.quote);
        let own = self.linked.iter().position(|l| l.claim == claim.id);
        let skip = own.and_then(|i| u32::try_from(i).ok());
        let own_terms = own.map(|i| &self.linked[i].terms);
        let n = (self.statements.len() + self.linked.len() - usize::from(own.is_some())) as f32;
        // How rare a word is, over statements and claims together: the words of the event
        // itself ("strike", "Deir ez-Zor") are in every claim and say nothing of the fact.
        let idf = |df: usize| ((n - df as f32 + 0.5) / (df as f32 + 0.5) + 1.0).ln();
        let mut statement_stems = vec![0.0; self.statements.len()];
        let mut statement_grams = vec![0.0; self.statements.len()];
        let mut claim_stems = vec![0.0; self.linked.len()];
        let mut claim_grams = vec![0.0; self.linked.len()];
        // The same for both vocabularies: each query term read once from each index.
        let vocabularies = [
            (
                &query.stems,
                own_terms.map(|t| &t.stems),
                &self.statement_stems,
                &self.claim_stems,
                &mut statement_stems,
                &mut claim_stems,
            ),
            (
                &query.grams,
                own_terms.map(|t| &t.grams),
                &self.statement_grams,
                &self.claim_grams,
                &mut statement_grams,
                &mut claim_grams,
            ),
        ];
        for (terms, own, statements, claims, statement_scores, claim_scores) in vocabularies {
            for term in terms.keys() {
                let mine = usize::from(own.is_some_and(|t| t.contains_key(term)));
                let df = statements.df(term) + claims.df(term) - mine;
                if df == 0 {
                    continue;
                }
                statements.score(term, idf(df), None, statement_scores);
                claims.score(term, idf(df), skip, claim_scores);
            }
        }
        let others: Vec<&Linked> = self.linked.iter().collect();
        let mut evidence: Vec<Evidence> = (0..self.statements.len())
            .map(|i| Evidence {
                statement_stems: statement_stems[i],
                statement_grams: statement_grams[i],
                ..Evidence::default()
            })
            .collect();
        for (k, &i) in self.fact_of.iter().enumerate() {
            if Some(k) == own || (claim_stems[k] <= 0.0 && claim_grams[k] <= 0.0) {
                continue;
            }
            let Some(e) = evidence.get_mut(i) else {
                continue;
            };
            if claim_stems[k] > e.nearest_stems {
                e.nearest_stems = claim_stems[k];
                e.nearest = Some(k);
            }
            e.nearest_grams = e.nearest_grams.max(claim_grams[k]);
        }
        let best = |f: fn(&Evidence) -> f32| {
            evidence
                .iter()
                .map(f)
                .fold(0.0f32, f32::max)
                .max(f32::MIN_POSITIVE)
        };
        let maxima = [
            best(|e| e.statement_stems),
            best(|e| e.statement_grams),
            best(|e| e.nearest_stems),
            best(|e| e.nearest_grams),
        ];
        let statement_scores: Vec<f32> = evidence
            .iter()
            .map(|e| {
                STATEMENT_WEIGHT * e.statement_stems / maxima[0]
                    + GRAM_WEIGHT * e.statement_grams / maxima[1]
            })
            .collect();
        let linked_scores: Vec<f32> = evidence
            .iter()
            .map(|e| e.nearest_stems / maxima[2] + GRAM_WEIGHT * e.nearest_grams / maxima[3])
            .collect();
        let meaning: Option<Vec<f32>> = closeness.map(|c| {
            self.statements
                .iter()
                // Cosines are in [−1, 1]; shifted so that every known one is positive.
                .map(|(fact, _)| c.get(fact).map_or(f32::NAN, |v| v + 2.0))
                .collect()
        });
        // With the model, a lexical signal lists only the facts it has real evidence for: at
        // least half its best score, and MIN_SHARED_WORDS words in common with the statement
        // (or the nearest linked claim). Weak evidence ("strike" alone, a party's name, the
        // event's word in a claim of another fact) would otherwise list nearly every fact and
        // outweigh meaning, since fusion rewards being listed at all.
        let fused = closeness.is_some();
        let evidence_only = |scores: &[f32], shares: &dyn Fn(usize) -> bool| -> Vec<f32> {
            let best = scores.iter().copied().fold(0.0f32, f32::max);
            scores
                .iter()
                .enumerate()
                .map(|(i, &score)| {
                    if fused && (score < EVIDENCE_SHARE * best || !shares(i)) {
                        0.0
                    } else {
                        score
                    }
                })
                .collect()
        };
        let statement_places = places(&evidence_only(&statement_scores, &|i| {
            shared_words(&query.stems, &self.statements[i].1.stems) >= MIN_SHARED_WORDS
        }));
        let linked_places = places(&evidence_only(&linked_scores, &|i| {
            evidence[i].nearest.is_some_and(|k| {
                shared_words(&query.stems, &others[k].terms.stems) >= MIN_SHARED_WORDS
            })
        }));
        let meaning_places = meaning.as_deref().map(places);
        let mut ranked: Vec<RankedFact> = Vec::new();
        for (i, (fact, statement)) in self.statements.iter().enumerate() {
            let e = evidence[i];
            let mut signals = Vec::new();
            for (signal, place) in [
                (Signal::StatementWords, statement_places[i]),
                (Signal::LinkedClaims, linked_places[i]),
                (Signal::Meaning, meaning_places.as_ref().and_then(|p| p[i])),
            ] {
                if let Some(place) = place {
                    signals.push((signal, place));
                }
            }
            let mut score = if meaning_places.is_some() {
                signals
                    .iter()
                    .map(|&(_, place)| 1.0 / (FUSION_K + place as f32))
                    .sum()
            } else {
                statement_scores[i] + linked_scores[i]
            };
            if score <= 0.0 {
                continue;
            }
            let mut reasons = Vec::new();
            let nearest = e.nearest.map(|k| others[k]);
            let shared: Vec<&str> = {
                let mut stems: Vec<&String> = query
                    .stems
                    .keys()
                    .filter(|s| {
                        statement.stems.contains_key(*s)
                            || nearest.is_some_and(|n| n.terms.stems.contains_key(*s))
                    })
                    .collect();
                stems.sort();
                stems
                    .into_iter()
                    .filter_map(|s| query.surface.get(s).map(String::as_str))
                    .take(4)
                    .collect()
            };
            if !shared.is_empty() {
                reasons.push(format!("shared: {}", shared.join(", ")));
            }
            if let Some(n) = nearest.filter(|_| e.nearest_stems / maxima[2] > 0.5) {
                let party = session
                    .party(n.party)
                    .map_or("another party", |p| p.name.as_str());
                reasons.push(format!("like {party}’s “{}”", n.excerpt));
            }
            if signals
                .iter()
                .any(|&(signal, place)| signal == Signal::Meaning && place <= 3)
            {
                reasons.push("close in meaning".to_owned());
            }
            if others
                .iter()
                .any(|l| l.fact == *fact && l.article == claim.article && l.claim != claim.id)
            {
                // Fused scores are a few hundredths apart: the bonus only breaks ties there.
                score += if meaning_places.is_some() {
                    SAME_ARTICLE / 1000.0
                } else {
                    SAME_ARTICLE
                };
                reasons.push("same article".to_owned());
            }
            ranked.push(RankedFact {
                fact: *fact,
                score,
                reasons,
                signals,
            });
        }
        ranked.sort_by(|a, b| b.score.total_cmp(&a.score));
        ranked
    }
}

/// How many words (stems) two texts have in common.
fn shared_words(a: &HashMap<String, u32>, b: &HashMap<String, u32>) -> usize {
    a.keys().filter(|w| b.contains_key(*w)).count()
}

/// Each value's place (1 = highest) among the positive ones; `None` for the rest (and for
/// NaN, a value not known). Ties keep their order.
fn places(values: &[f32]) -> Vec<Option<usize>> {
    let mut order: Vec<usize> = (0..values.len()).filter(|&i| values[i] > 0.0).collect();
    order.sort_by(|&a, &b| values[b].total_cmp(&values[a]));
    let mut out = vec![None; values.len()];
    for (place, i) in order.into_iter().enumerate() {
        out[i] = Some(place + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ArticleMeta, Edit, TextSpan};

    #[test]
    fn the_fact_sharing_the_claims_words_ranks_first_and_says_why() {
        let mut session = Session::new();
        let text = "The coalition said the strike on Syrian troops was a mistake. Moscow said Washington refused to coordinate.";
        let article = session.new_article(ArticleMeta::default(), text.to_owned());
        let article_id = article.id;
        session
            .apply(Edit::InsertArticle { index: 0, article })
            .expect("added");
        let accident = session.new_fact("The strike on Syrian troops was an accident");
        let refusal = session.new_fact("The US refused to coordinate with Russia");
        let (accident_id, refusal_id) = (accident.id, refusal.id);
        for fact in [accident, refusal] {
            session
                .apply(Edit::InsertFact { index: 0, fact })
                .expect("added");
        }
        let us = session.parties()[0].id;
        let russia = session.parties()[1].id;
        let claim = session
            .new_claim(article_id, TextSpan::new(0, 61), us)
            .expect("a claim");
        let index = FactIndex::new(&session);
        let ranked = index.rank(&session, &claim);
        assert_eq!(ranked[0].fact, accident_id);
        assert!(ranked[0].reasons[0].contains("strike"), "{:?}", ranked[0]);
        let claim = session
            .new_claim(article_id, TextSpan::new(62, text.len()), russia)
            .expect("a claim");
        let ranked = index.rank(&session, &claim);
        assert_eq!(ranked[0].fact, refusal_id);
        // "Washington" is the US by alias, so the party word is shared too.
        assert!(
            ranked[0].reasons[0].contains("Washington") || ranked[0].reasons[0].contains("refused")
        );
    }
}
