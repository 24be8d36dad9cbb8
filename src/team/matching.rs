//! What in one analyst's session is the same thing as in another's. Nothing here trusts equal
//! ids: two analysts who worked apart hand out ids that mean different things (see
//! `model::ids`), so articles are matched by their text, parties by name or alias, facts by
//! statement, and claims by where they sit in the text.
//!
//! - An article is the same when its text is, once whitespace is normalized (a hash of that
//!   text is the key). An article whose text differs (the outlet edited it, or it was read
//!   again in another encoding) is matched by title and source, and the other session's
//!   claims are placed in this text again by quote and context; what cannot be placed is
//!   listed, never dropped.
//! - A party is the same when a name or alias of one equals a name or alias of the other,
//!   ignoring case ("US" with alias "Washington" is "Washington").
//! - A fact is the same when its statement is, ignoring case, whitespace and a final full
//!   stop.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use crate::model::span::TextIndex;
use crate::model::{
    Article, ArticleId, Claim, ClaimId, FactId, PartyId, Session, TextAnchor, TextSpan,
};

/// The text with every run of whitespace made one space, trimmed.
pub fn normalized_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The key an article is matched by: a hash of its normalized text (deterministic across
/// runs and machines).
pub fn text_key(text: &str) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    for word in text.split_whitespace() {
        word.hash(&mut hasher);
    }
    hasher.finish()
}

/// A fact statement as it is compared: lower case, whitespace normalized, no final stop.
pub fn statement_key(statement: &str) -> String {
    normalized_text(&statement.to_lowercase())
        .trim_end_matches(['.', '。', '।', ' '])
        .to_owned()
}

/// A name as it is compared: lower case, whitespace normalized, without a leading "the"
/// ("the Kremlin" is "Kremlin").
fn name_key(name: &str) -> String {
    let key = normalized_text(&name.to_lowercase());
    match key.strip_prefix("the ") {
        Some(rest) if !rest.is_empty() => rest.to_owned(),
        _ => key,
    }
}

/// The last part of a source (a file name or the end of a URL), so two analysts' copies of
/// one file in different folders still match.
fn source_key(source: &str) -> String {
    let trimmed = source.trim().trim_end_matches('/');
    trimmed
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(trimmed)
        .to_lowercase()
}

/// How two articles were found to be the same.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatchedBy {
    /// The same text, byte for byte: spans carry over as they are.
    SameText,
    /// The same text once whitespace is normalized: claims are placed again by quote.
    NormalizedText,
    /// The same title and source but other words: claims are placed again by quote and
    /// context, fuzzily.
    TitleAndSource,
}

impl MatchedBy {
    pub fn label(self) -> &'static str {
        match self {
            Self::SameText => "text",
            Self::NormalizedText => "normalized_text",
            Self::TitleAndSource => "title_and_source",
        }
    }
}

/// An article of session A and its counterpart in session B.
#[derive(Clone, Debug)]
pub struct ArticlePair {
    pub a: ArticleId,
    pub b: ArticleId,
    pub by: MatchedBy,
}

/// What of session B corresponds to what of session A.
#[derive(Clone, Debug, Default)]
pub struct Matching {
    /// Matched articles, in A's order.
    pub articles: Vec<ArticlePair>,
    pub only_a_articles: Vec<ArticleId>,
    pub only_b_articles: Vec<ArticleId>,
    /// B's party → A's party.
    pub parties: HashMap<PartyId, PartyId>,
    /// B's fact → A's fact.
    pub facts: HashMap<FactId, FactId>,
}

impl Matching {
    /// Matches session `b` against session `a`.
    pub fn new(a: &Session, b: &Session) -> Self {
        let (articles, only_a, only_b) = match_articles(a, b);
        Self {
            articles,
            only_a_articles: only_a,
            only_b_articles: only_b,
            parties: match_parties(a, b),
            facts: match_facts(a, b),
        }
    }

    /// A's article matched with B's `article`, if any.
    pub fn article_of_b(&self, article: ArticleId) -> Option<&ArticlePair> {
        self.articles.iter().find(|p| p.b == article)
    }
}

fn match_articles(a: &Session, b: &Session) -> (Vec<ArticlePair>, Vec<ArticleId>, Vec<ArticleId>) {
    let mut by_text: HashMap<u64, Vec<&Article>> = HashMap::new();
    for article in b.articles() {
        by_text
            .entry(text_key(&article.text))
            .or_default()
            .push(article);
    }
    let mut taken = std::collections::HashSet::new();
    let mut pairs = Vec::new();
    let mut unmatched_a = Vec::new();
    // Same text first, so an article edited in one session cannot take the title of an
    // article whose text matches exactly.
    for article in a.articles() {
        let normalized = normalized_text(&article.text);
        let found = by_text.get(&text_key(&article.text)).and_then(|list| {
            list.iter().find(|other| {
                !taken.contains(&other.id)
                    && (other.text == article.text || normalized_text(&other.text) == normalized)
            })
        });
        match found {
            Some(other) => {
                taken.insert(other.id);
                let by = if other.text == article.text {
                    MatchedBy::SameText
                } else {
                    MatchedBy::NormalizedText
                };
                pairs.push(ArticlePair {
                    a: article.id,
                    b: other.id,
                    by,
                });
            }
            None => unmatched_a.push(article),
        }
    }
    // B's articles by title, so each unmatched article of A looks at those of its title only.
    let mut by_title: HashMap<String, Vec<&Article>> = HashMap::new();
    if !unmatched_a.is_empty() {
        for article in b.articles() {
            by_title
                .entry(name_key(&article.meta.title))
                .or_default()
                .push(article);
        }
    }
    let mut only_a = Vec::new();
    for article in unmatched_a {
        let title = name_key(&article.meta.title);
        let source = source_key(&article.meta.source);
        let found = by_title.get(&title).into_iter().flatten().find(|other| {
            !taken.contains(&other.id)
                && !title.is_empty()
                && (source.is_empty()
                    || other.meta.source.trim().is_empty()
                    || source_key(&other.meta.source) == source)
        });
        match found {
            Some(other) => {
                taken.insert(other.id);
                pairs.push(ArticlePair {
                    a: article.id,
                    b: other.id,
                    by: MatchedBy::TitleAndSource,
                });
            }
            None => only_a.push(article.id),
        }
    }
    // Back in A's order.
    pairs.sort_by_key(|p| a.article_index(p.a));
    let only_b = b
        .articles()
        .iter()
        .filter(|x| !taken.contains(&x.id))
        .map(|x| x.id)
        .collect();
    (pairs, only_a, only_b)
}

fn match_parties(a: &Session, b: &Session) -> HashMap<PartyId, PartyId> {
    let names = |party: &crate::model::Party| -> Vec<String> {
        std::iter::once(&party.name)
            .chain(&party.aliases)
            .map(|n| name_key(n))
            .filter(|n| !n.is_empty())
            .collect()
    };
    let mut out = HashMap::new();
    let mut taken = std::collections::HashSet::new();
    // By name first, then by any name or alias, so "US" meets "US" before "Washington".
    for pass in 0..2 {
        for party in b.parties() {
            if out.contains_key(&party.id) {
                continue;
            }
            let mine = names(party);
            let found = a.parties().iter().find(|other| {
                !taken.contains(&other.id)
                    && if pass == 0 {
                        !party.name.trim().is_empty()
                            && name_key(&other.name) == name_key(&party.name)
                    } else {
                        names(other).iter().any(|n| mine.contains(n))
                    }
            });
            if let Some(other) = found {
                taken.insert(other.id);
                out.insert(party.id, other.id);
            }
        }
    }
    out
}

fn match_facts(a: &Session, b: &Session) -> HashMap<FactId, FactId> {
    let mut by_statement: HashMap<String, FactId> = HashMap::new();
    for fact in a.facts() {
        by_statement
            .entry(statement_key(&fact.statement))
            .or_insert(fact.id);
    }
    b.facts()
        .iter()
        .filter_map(|fact| {
            by_statement
                .get(&statement_key(&fact.statement))
                .map(|&id| (fact.id, id))
        })
        .collect()
}

/// Where a claim of another session sits in the text of its matched article (`text`,
/// indexed once for all the claims placed in it): its own span when the texts are the same,
/// else found again by quote and context. `None` when it cannot be placed (the words are
/// gone) or the claim was orphaned already.
pub fn place(claim: &Claim, text: &TextIndex<'_>, by: MatchedBy) -> Option<TextAnchor> {
    if claim.orphaned {
        return None;
    }
    match by {
        MatchedBy::SameText => Some(claim.anchor.clone()),
        MatchedBy::NormalizedText | MatchedBy::TitleAndSource => claim
            .anchor
            .relocate_fuzzy_indexed(text.text(), text)
            .map(|found| found.anchor),
    }
}

/// B's claims of one matched article (`b_claims`, the article's claims in B) placed in A's
/// text, and those that could not be.
pub fn placed_claims<'b>(
    b_claims: &[&'b Claim],
    pair: &ArticlePair,
    a_text: &str,
) -> (Vec<(&'b Claim, TextSpan)>, Vec<ClaimId>) {
    let mut placed = Vec::new();
    let mut unplaced = Vec::new();
    let index = TextIndex::new(a_text);
    for &claim in b_claims {
        match place(claim, &index, pair.by) {
            Some(anchor) => placed.push((claim, anchor.span)),
            None => unplaced.push(claim.id),
        }
    }
    (placed, unplaced)
}

/// Code-point offsets of many byte offsets of one text, in one pass over it.
pub struct CodePoints {
    sorted: Vec<(usize, usize)>,
}

impl CodePoints {
    pub fn new(text: &str, mut offsets: Vec<usize>) -> Self {
        offsets.sort_unstable();
        offsets.dedup();
        let mut sorted = Vec::with_capacity(offsets.len());
        let mut chars = 0;
        let mut at = 0;
        for offset in offsets {
            let offset = crate::model::span::floor_char_boundary(text, offset);
            chars += text[at..offset].chars().count();
            at = offset;
            sorted.push((offset, chars));
        }
        Self { sorted }
    }

    /// The code-point index of a byte offset given to [`CodePoints::new`].
    pub fn of(&self, offset: usize) -> usize {
        match self.sorted.binary_search_by_key(&offset, |&(byte, _)| byte) {
            Ok(i) => self.sorted[i].1,
            Err(i) => i.checked_sub(1).map_or(0, |i| self.sorted[i].1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ArticleMeta, Edit};

    fn with_article(title: &str, source: &str, text: &str) -> (Session, ArticleId) {
        let mut session = Session::new();
        let article = session.new_article(
            ArticleMeta {
                title: title.into(),
                source: source.into(),
                ..ArticleMeta::default()
            },
            text.into(),
        );
        let id = article.id;
        session
            .apply(Edit::InsertArticle { index: 0, article })
            .expect("insert");
        (session, id)
    }

    #[test]
    #[expect(clippy::many_single_char_names, reason = "sessions a to d")]
    fn articles_match_by_text_then_by_title_and_source() {
        let (a, a_id) = with_article("Raid", "/home/alice/raid.txt", "One two  three.");
        let (b, b_id) = with_article("Other title", "/x/y.txt", "One two\nthree.");
        let m = Matching::new(&a, &b);
        assert_eq!(m.articles.len(), 1);
        assert_eq!((m.articles[0].a, m.articles[0].b), (a_id, b_id));
        assert_eq!(m.articles[0].by, MatchedBy::NormalizedText);
        let (c, _) = with_article("raid", "C:\\Users\\bob\\raid.txt", "One two four.");
        let m = Matching::new(&a, &c);
        assert_eq!(m.articles[0].by, MatchedBy::TitleAndSource);
        let (d, d_id) = with_article("raid", "/home/alice/other.txt", "Else.");
        let m = Matching::new(&a, &d);
        assert!(m.articles.is_empty());
        assert_eq!(m.only_a_articles, vec![a_id]);
        assert_eq!(m.only_b_articles, vec![d_id]);
    }

    #[test]
    fn parties_match_by_name_or_alias_ignoring_case_and_facts_by_statement() {
        let mut a = Session::new();
        let mut b = Session::empty();
        let mut washington = b.new_party("washington");
        washington.aliases.clear();
        let kremlin = b.new_party("KREMLIN");
        let nobody = b.new_party("Turkey");
        for party in [washington.clone(), kremlin.clone(), nobody.clone()] {
            b.apply(Edit::InsertParty { index: 9, party }).expect("ok");
        }
        let m = Matching::new(&a, &b);
        assert_eq!(m.parties.get(&washington.id), Some(&a.parties()[0].id));
        assert_eq!(m.parties.get(&kremlin.id), Some(&a.parties()[1].id));
        assert_eq!(m.parties.get(&nobody.id), None);
        let fact = a.new_fact("The strike  was an accident.");
        a.apply(Edit::InsertFact {
            index: 0,
            fact: fact.clone(),
        })
        .expect("ok");
        let other = b.new_fact("the strike was an accident");
        b.apply(Edit::InsertFact {
            index: 0,
            fact: other.clone(),
        })
        .expect("ok");
        assert_eq!(Matching::new(&a, &b).facts.get(&other.id), Some(&fact.id));
    }

    #[test]
    fn code_points_of_byte_offsets() {
        let text = "Дамаск said “no”.";
        let offsets = vec![0, 12, text.len(), 5];
        let map = CodePoints::new(text, offsets);
        assert_eq!(map.of(0), 0);
        assert_eq!(map.of(12), 6);
        assert_eq!(map.of(text.len()), text.chars().count());
    }
}
