//! The session model: parties, articles, claims and facts. No egui in here.
//!
//! A [`Session`] is changed only through [`Session::apply`], which takes an [`Edit`] and returns
//! the edit that undoes it. Its fields are private so that it can never hold a claim outside
//! its article or pointing at a party, article or fact it does not have.

mod decisions;
mod edit;
mod ids;
mod index;
pub mod search;
pub mod span;
mod status;

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

pub use decisions::{Change, Nudge, nudged_span};
pub use edit::{Edit, EditError};
pub use ids::{ArticleId, ClaimId, FactId, PartyId, compose as compose_id, id_text, random_origin};
pub use index::SpanIndex;
pub use span::{ByteOffset, CharIndex, TextAnchor, TextSpan};
pub use status::{
    Analysis, FactStanding, FactStatus, PairCounts, PartyTotals, StatusCounts, pair_facts,
    party_matrix, party_totals,
};

/// An sRGB colour, stored as `#rrggbb`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgb(pub [u8; 3]);

impl Rgb {
    pub fn to_hex(self) -> String {
        let [r, g, b] = self.0;
        format!("#{r:02x}{g:02x}{b:02x}")
    }

    pub fn from_hex(hex: &str) -> Option<Self> {
        let digits = hex.strip_prefix('#')?;
        if digits.len() != 6 || !digits.is_ascii() {
            return None;
        }
        let channel = |i: usize| u8::from_str_radix(&digits[i..i + 2], 16).ok();
        Some(Self([channel(0)?, channel(2)?, channel(4)?]))
    }
}

impl Serialize for Rgb {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_hex())
    }
}

impl<'de> Deserialize<'de> for Rgb {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::from_hex(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("not a #rrggbb colour: {text:?}")))
    }
}

/// The Okabe–Ito palette: distinguishable with the common colour-vision deficiencies and
/// legible on light and dark backgrounds. New parties take the next colour in turn. Bluish
/// green and vermillion come last because the comparison uses them for agreed and disputed.
pub const PARTY_PALETTE: [Rgb; 7] = [
    Rgb([0x00, 0x72, 0xb2]), // blue
    Rgb([0xe6, 0x9f, 0x00]), // orange
    Rgb([0xcc, 0x79, 0xa7]), // reddish purple
    Rgb([0x56, 0xb4, 0xe9]), // sky blue
    Rgb([0xf0, 0xe4, 0x42]), // yellow
    Rgb([0x00, 0x9e, 0x73]), // bluish green
    Rgb([0xd5, 0x5e, 0x00]), // vermillion
];

/// A side whose statements are compared: a government, an army, an agency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    pub id: PartyId,
    pub name: String,
    pub colour: Rgb,
    /// Other names the party goes by in articles (Moscow, the Kremlin, …).
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// What is known about an article apart from its text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleMeta {
    pub title: String,
    #[serde(default)]
    pub outlet: String,
    #[serde(default)]
    pub published: Option<NaiveDate>,
    /// Where it was imported from: a file path or a URL.
    #[serde(default)]
    pub source: String,
    /// How the file was read: its text encoding (or "PDF text", "DOCX (UTF-8)", …).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub encoding: String,
}

/// A text the analyst reads and tags.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    pub id: ArticleId,
    #[serde(flatten)]
    pub meta: ArticleMeta,
    pub text: String,
}

/// Whether a claim affirms or denies the fact it is linked to.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    #[default]
    Affirms,
    Denies,
}

impl Stance {
    pub fn label(self) -> &'static str {
        match self {
            Self::Affirms => "affirms",
            Self::Denies => "denies",
        }
    }

    /// A one-character mark for tables: ✔ affirms, ✖ denies.
    pub fn mark(self) -> &'static str {
        match self {
            Self::Affirms => "✔",
            Self::Denies => "✖",
        }
    }

    #[must_use]
    pub fn flipped(self) -> Self {
        match self {
            Self::Affirms => Self::Denies,
            Self::Denies => Self::Affirms,
        }
    }
}

/// A span of an article in which a party says something.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claim {
    pub id: ClaimId,
    pub article: ArticleId,
    pub anchor: TextAnchor,
    pub party: PartyId,
    #[serde(default)]
    pub fact: Option<FactId>,
    #[serde(default)]
    pub stance: Stance,
    #[serde(default)]
    pub note: String,
    /// Who made the claim (the session's analyst then). Empty for claims from version-1
    /// files and from sessions whose analyst was never named.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub analyst: String,
    pub created: DateTime<Utc>,
    pub modified: DateTime<Utc>,
    /// The quote could not be found again after the article's text changed: the claim is
    /// kept (with its quote, party, fact and note) for the analyst to place again, and its
    /// span is an empty placeholder.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub orphaned: bool,
    /// Set by a merge when two analysts' versions of this claim differ (or one deleted what
    /// the other changed): the claim waits for the analyst to adjudicate. Cleared by
    /// adjudication; an ordinary claim field, so undo, the file and `git diff` carry it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conflict: Option<Conflict>,
}

/// Why a merged claim waits for adjudication, and the other version it competes with.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Conflict {
    /// The other analyst's version of the claim, kept beside this one; `None` when the other
    /// side deleted the claim that this side changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub with: Option<ClaimId>,
    /// What differs, in words ("party: US (alice) vs Russia (bob)").
    pub reason: String,
}

/// Places `claims` of an article whose text was `old_len` bytes long in its new `text`: by
/// quote and context, fuzzily where its words changed a little, or orphaned; none is
/// dropped. `done` hears each claim placed (a worker's progress). Pure: a worker runs it on
/// a copy of the claims, and [`Edit::ReplaceArticleText`] applies what it returns.
pub fn reanchor(
    mut claims: Vec<Claim>,
    old_len: usize,
    text: &str,
    done: &dyn Fn(),
) -> (Vec<Claim>, Reanchored) {
    let mut report = Reanchored::default();
    let index = span::TextIndex::new(text);
    for claim in &mut claims {
        if let Some(found) = claim
            .anchor
            .relocate_in_edited_indexed(text, old_len, Some(&index))
        {
            match found.placement {
                span::Placement::Unchanged => report.unchanged += 1,
                span::Placement::Moved | span::Placement::ReadAsCodePoints => report.moved += 1,
                span::Placement::Changed => report.changed += 1,
            }
            claim.anchor = found.anchor;
            claim.orphaned = false;
        } else {
            if !claim.orphaned {
                report.orphaned.push(claim.id);
            }
            claim.orphan(text);
        }
        done();
    }
    (claims, report)
}

/// What happened to an article's claims when its text was replaced.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reanchored {
    /// Same quote, same place.
    pub unchanged: usize,
    /// Same quote, another place.
    pub moved: usize,
    /// Words of the quote changed a little; the claim covers the new words.
    pub changed: usize,
    /// Newly orphaned: the quote could not be placed.
    pub orphaned: Vec<ClaimId>,
}

impl Reanchored {
    /// One line for the user: "3 in place, 1 moved, 1 changed slightly, 2 orphaned".
    pub fn summary(&self) -> String {
        let mut parts = vec![format!("{} in place", self.unchanged)];
        if self.moved > 0 {
            parts.push(format!("{} moved", self.moved));
        }
        if self.changed > 0 {
            parts.push(format!("{} matched with changed words", self.changed));
        }
        if !self.orphaned.is_empty() {
            parts.push(format!("{} orphaned", self.orphaned.len()));
        }
        parts.join(", ")
    }
}

impl Claim {
    /// Whether the claim's place in `text` is consistent: its span holds its quote, or it
    /// is orphaned and its placeholder span is an empty position inside the text.
    pub fn is_placed_consistently(&self, text: &str) -> bool {
        if self.orphaned {
            let span = self.anchor.span;
            span.start == span.end && span.end.0 <= text.len() && text.is_char_boundary(span.end.0)
        } else {
            self.anchor.matches(text)
        }
    }

    /// Marks the claim orphaned, keeping its quote and context; the placeholder span sits
    /// where the claim started, clamped into `text`.
    pub fn orphan(&mut self, text: &str) {
        let at = span::floor_char_boundary(text, self.anchor.span.start.0);
        self.anchor.span = TextSpan::new(at, at);
        self.orphaned = true;
    }
}

/// A statement, written by the analyst, that claims from different parties speak to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fact {
    pub id: FactId,
    pub statement: String,
}

/// A suggestion the analyst turned down: it does not come back for that article while its
/// words are the same.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Rejection {
    pub article: ArticleId,
    /// The suggested span's text.
    pub quote: String,
}

/// One analyst's work: parties, articles, claims and facts.
#[derive(Clone, Debug, Serialize)]
pub struct Session {
    /// Whose work this is; claims record it when they are made. Asked on the first save.
    #[serde(skip_serializing_if = "String::is_empty")]
    analyst: String,
    parties: Vec<Party>,
    articles: Vec<Article>,
    facts: Vec<Fact>,
    #[serde(with = "claims_as_list")]
    claims: BTreeMap<ClaimId, Claim>,
    /// Suggestions turned down. Written only when there are some, so sessions without stay
    /// as they were.
    #[serde(skip_serializing_if = "std::collections::BTreeSet::is_empty")]
    rejected: std::collections::BTreeSet<Rejection>,
    /// The counter of ids handed out (see [`ids`]): the low 64 bits of the next id.
    next_id: u64,
    /// The high 64 bits of ids handed out in this sitting: random for every session created
    /// or opened, so analysts working apart never hand out the same id. Not saved.
    #[serde(skip)]
    origin: u64,
    pub created: DateTime<Utc>,
    pub modified: DateTime<Utc>,
    /// Where each article and fact sits in its list. Not saved.
    #[serde(skip)]
    positions: Positions,
}

/// Where each article and fact sits in its list, built on the first lookup after a change.
/// [`Session::article`] and [`Session::fact`] are asked once per claim by the exports and
/// the team tools; a pass over the list each time made those paths claims × articles and
/// claims × facts (an HTML export of 320,000 claims over 32,000 facts took 7.7 s).
///
/// Edits that remove or move an article or fact drop it ([`Session::positions_changed`]); one
/// added at the end joins it.
/// A position is checked before it is used, and a lookup that misses while the list has
/// another length falls back to a pass: a change that forgot to drop it is slow, never wrong.
#[derive(Clone, Default)]
struct Positions {
    articles: OnceLock<HashMap<ArticleId, usize>>,
    facts: OnceLock<HashMap<FactId, usize>>,
}

impl std::fmt::Debug for Positions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Positions")
    }
}

/// The position of `id` in `list` by way of `positions` (built now if need be), checked.
fn position_of<T, Id: Copy + Eq + std::hash::Hash>(
    list: &[T],
    positions: &OnceLock<HashMap<Id, usize>>,
    id: Id,
    id_of: impl Fn(&T) -> Id,
) -> Option<usize> {
    let positions = positions.get_or_init(|| {
        list.iter()
            .enumerate()
            .map(|(i, x)| (id_of(x), i))
            .collect()
    });
    match positions.get(&id) {
        Some(&at) if list.get(at).is_some_and(|x| id_of(x) == id) => Some(at),
        None if positions.len() == list.len() => None,
        _ => list.iter().position(|x| id_of(x) == id),
    }
}

/// `id` inserted at `index` of a list now `len` long: at the end it joins `positions`, which
/// stay right; anywhere else the places after it moved, and `positions` go.
fn inserted<Id: Eq + std::hash::Hash>(
    positions: &mut OnceLock<HashMap<Id, usize>>,
    id: Id,
    index: usize,
    len: usize,
) {
    match positions.get_mut() {
        Some(map) if index + 1 == len => {
            map.insert(id, index);
        }
        _ => *positions = OnceLock::new(),
    }
}

/// Sessions are equal when their content is; the id counter and timestamps of the session
/// itself do not count.
impl PartialEq for Session {
    fn eq(&self, other: &Self) -> bool {
        self.analyst == other.analyst
            && self.parties == other.parties
            && self.articles == other.articles
            && self.facts == other.facts
            && self.claims == other.claims
            && self.rejected == other.rejected
    }
}

impl Default for Session {
    fn default() -> Self {
        Self::new()
    }
}

impl Session {
    /// A new session with the default parties: the US, Russia and Syria.
    pub fn new() -> Self {
        Self::new_under(ids::random_origin())
    }

    /// [`Session::new`] with ids handed out under `origin` (0: deterministic, for the bundled
    /// sample and generated data; see [`ids`]).
    pub fn new_under(origin: u64) -> Self {
        let mut session = Self::empty().with_id_origin(origin);
        // Aliases in the languages of the cue lists too (Russian, Arabic, Portuguese), so a
        // suggestion finds "Кремль", "دمشق" or "Pentágono" as it finds "the Kremlin".
        let defaults: [(&str, &[&str]); 3] = [
            (
                "US",
                &[
                    "Washington",
                    "the Pentagon",
                    "US Central Command",
                    "the State Department",
                    "the coalition",
                    "American",
                    "США",
                    "Вашингтон",
                    "Пентагон",
                    "Америка",
                    "Госдепартамент",
                    "EUA",
                    "Estados Unidos",
                    "Pentágono",
                    "americano",
                    "الولايات المتحدة",
                    "واشنطن",
                    "البنتاغون",
                    "أمريكا",
                    "التحالف",
                ],
            ),
            (
                "Russia",
                &[
                    "Moscow",
                    "the Kremlin",
                    "the Russian defence ministry",
                    "Putin",
                    "Lavrov",
                    "Россия",
                    "РФ",
                    "Москва",
                    "Кремль",
                    "Минобороны",
                    "Путин",
                    "Лавров",
                    "Rússia",
                    "Moscou",
                    "russo",
                    "روسيا",
                    "موسكو",
                    "الكرملين",
                    "بوتين",
                    "لافروف",
                ],
            ),
            (
                "Syria",
                &[
                    "Damascus",
                    "the Syrian government",
                    "the Syrian army",
                    "Assad",
                    "SANA",
                    "Сирия",
                    "САР",
                    "Дамаск",
                    "Асад",
                    "Síria",
                    "Damasco",
                    "sírio",
                    "سوريا",
                    "دمشق",
                    "الأسد",
                    "سانا",
                ],
            ),
        ];
        for (name, aliases) in defaults {
            let mut party = session.new_party(name);
            party.aliases = aliases.iter().map(|a| (*a).to_owned()).collect();
            session.parties.push(party);
        }
        session
    }

    /// A session with no parties at all.
    pub fn empty() -> Self {
        let now = Utc::now();
        Self {
            analyst: String::new(),
            parties: Vec::new(),
            articles: Vec::new(),
            facts: Vec::new(),
            claims: BTreeMap::new(),
            rejected: std::collections::BTreeSet::new(),
            next_id: 1,
            origin: ids::random_origin(),
            created: now,
            modified: now,
            positions: Positions::default(),
        }
    }

    /// Hands out ids from here on under `origin` (0: the deterministic origin, for the
    /// bundled sample and generated data whose bytes must not change from run to run).
    #[must_use]
    pub fn with_id_origin(mut self, origin: u64) -> Self {
        self.origin = origin;
        self
    }

    /// Whose work this is ("" until named).
    pub fn analyst(&self) -> &str {
        &self.analyst
    }

    /// The edit that names the session's analyst; claims that record no analyst yet were
    /// made by them and take the name in the same step.
    pub fn set_analyst_edit(&self, name: &str) -> Edit {
        let name = name.trim().to_owned();
        let mut edits: Vec<Edit> = self
            .claims
            .values()
            .filter(|c| c.analyst.is_empty())
            .map(|c| {
                let mut claim = c.clone();
                claim.analyst.clone_from(&name);
                Edit::ReplaceClaim(claim)
            })
            .collect();
        edits.push(Edit::SetAnalyst(name));
        Edit::Batch(edits)
    }

    pub fn parties(&self) -> &[Party] {
        &self.parties
    }

    pub fn articles(&self) -> &[Article] {
        &self.articles
    }

    pub fn facts(&self) -> &[Fact] {
        &self.facts
    }

    /// All claims, by id (creation order).
    pub fn claims(&self) -> impl ExactSizeIterator<Item = &Claim> + DoubleEndedIterator {
        self.claims.values()
    }

    /// Whether the analyst turned down a suggestion of these words in this article.
    pub fn is_rejected(&self, article: ArticleId, quote: &str) -> bool {
        // Looked up without building a key: rejections of one article are few.
        self.rejected
            .range(
                Rejection {
                    article,
                    quote: String::new(),
                }..,
            )
            .take_while(|r| r.article == article)
            .any(|r| r.quote == quote)
    }

    /// The suggestions turned down, by article.
    pub fn rejections(&self) -> impl Iterator<Item = &Rejection> {
        self.rejected.iter()
    }

    pub fn party(&self, id: PartyId) -> Option<&Party> {
        self.parties.iter().find(|p| p.id == id)
    }

    pub fn article(&self, id: ArticleId) -> Option<&Article> {
        self.articles.get(self.article_index(id)?)
    }

    pub fn fact(&self, id: FactId) -> Option<&Fact> {
        self.facts.get(self.fact_index(id)?)
    }

    pub fn claim(&self, id: ClaimId) -> Option<&Claim> {
        self.claims.get(&id)
    }

    pub fn party_index(&self, id: PartyId) -> Option<usize> {
        self.parties.iter().position(|p| p.id == id)
    }

    pub fn article_index(&self, id: ArticleId) -> Option<usize> {
        position_of(&self.articles, &self.positions.articles, id, |a| a.id)
    }

    pub fn fact_index(&self, id: FactId) -> Option<usize> {
        position_of(&self.facts, &self.positions.facts, id, |f| f.id)
    }

    /// To be called by whatever removes or moves an article or a fact.
    fn positions_changed(&mut self) {
        self.positions = Positions::default();
    }

    /// To be called after an article is inserted at `index`: added at the end (as merges and
    /// imports add them, thousands in one batch) it joins the map; elsewhere the map goes.
    fn article_inserted(&mut self, index: usize) {
        let id = self.articles[index].id;
        inserted(&mut self.positions.articles, id, index, self.articles.len());
    }

    /// [`Self::article_inserted`], for a fact.
    fn fact_inserted(&mut self, index: usize) {
        let id = self.facts[index].id;
        inserted(&mut self.positions.facts, id, index, self.facts.len());
    }

    /// Claims in one article, by position.
    pub fn claims_in(&self, article: ArticleId) -> Vec<&Claim> {
        let mut claims: Vec<&Claim> = self
            .claims
            .values()
            .filter(|c| c.article == article)
            .collect();
        claims.sort_by_key(|c| (c.anchor.span.start, c.anchor.span.end, c.id));
        claims
    }

    /// Every article's claims, ordered as [`Self::claims_in`] orders them, in one pass over
    /// the claims: work that goes article by article takes them from here, since calling
    /// `claims_in` for each article costs articles × claims.
    pub fn claims_by_article(&self) -> HashMap<ArticleId, Vec<&Claim>> {
        let mut by_article: HashMap<ArticleId, Vec<&Claim>> = HashMap::new();
        for claim in self.claims.values() {
            by_article.entry(claim.article).or_default().push(claim);
        }
        for claims in by_article.values_mut() {
            claims.sort_by_key(|c| (c.anchor.span.start, c.anchor.span.end, c.id));
        }
        by_article
    }

    /// Claims linked to one fact, by id.
    pub fn claims_on(&self, fact: FactId) -> impl Iterator<Item = &Claim> {
        self.claims.values().filter(move |c| c.fact == Some(fact))
    }

    /// An article with the same text, if the session already has one.
    pub fn article_with_text(&self, text: &str) -> Option<&Article> {
        self.articles.iter().find(|a| a.text == text)
    }

    /// Hands out a fresh id. Ids are never reused, even after undo, and never collide with
    /// another analyst's (see [`ids`]).
    pub fn allocate_id(&mut self) -> u128 {
        let id = ids::compose(self.origin, self.next_id);
        self.next_id += 1;
        id
    }

    /// A new party (not yet added) with the next palette colour.
    pub fn new_party(&mut self, name: &str) -> Party {
        let colour = PARTY_PALETTE[self.parties.len() % PARTY_PALETTE.len()];
        Party {
            id: PartyId(self.allocate_id()),
            name: capped(name, MAX_NAME_CHARS).unwrap_or_else(|| name.to_owned()),
            colour,
            aliases: Vec::new(),
        }
    }

    /// A new article (not yet added).
    pub fn new_article(&mut self, meta: ArticleMeta, text: String) -> Article {
        Article {
            id: ArticleId(self.allocate_id()),
            meta,
            text,
        }
    }

    /// A new fact (not yet added).
    pub fn new_fact(&mut self, statement: &str) -> Fact {
        let statement = statement.trim();
        Fact {
            id: FactId(self.allocate_id()),
            statement: capped(statement, MAX_STATEMENT_CHARS)
                .unwrap_or_else(|| statement.to_owned()),
        }
    }

    /// A new claim (not yet added) on `span` of `article`, trimmed of surrounding whitespace.
    /// `None` if the article is unknown or the span holds no text.
    pub fn new_claim(
        &mut self,
        article: ArticleId,
        span: TextSpan,
        party: PartyId,
    ) -> Option<Claim> {
        let text = &self.article(article)?.text;
        let span = span::trim_span(text, span)?;
        let anchor = TextAnchor::capture(text, span)?;
        let now = Utc::now();
        Some(Claim {
            id: ClaimId(self.allocate_id()),
            article,
            anchor,
            party,
            fact: None,
            stance: Stance::Affirms,
            note: String::new(),
            analyst: self.analyst.clone(),
            created: now,
            modified: now,
            orphaned: false,
            conflict: None,
        })
    }

    /// The edit that gives an article a new text (the outlet changed its story, or the file
    /// is read again in another encoding): every claim is placed again by its quote and
    /// context, fuzzily where its words changed a little, or orphaned; none is dropped.
    pub fn replace_text_edit(
        &self,
        article: ArticleId,
        text: String,
    ) -> Option<(Edit, Reanchored)> {
        let (old_len, claims) = self.reanchoring_input(article)?;
        let (claims, report) = reanchor(claims, old_len, &text, &|| {});
        Some((
            Edit::ReplaceArticleText {
                article,
                text,
                claims,
            },
            report,
        ))
    }

    /// What re-anchoring an article's claims needs, to be done away from the session (on a
    /// worker): its text's length and a copy of its claims.
    pub fn reanchoring_input(&self, article: ArticleId) -> Option<(usize, Vec<Claim>)> {
        let old_len = self.article(article)?.text.len();
        let claims = self
            .claims
            .values()
            .filter(|c| c.article == article)
            .cloned()
            .collect();
        Some((old_len, claims))
    }

    /// The edit that removes a fact: its claims become unlinked, not deleted.
    pub fn remove_fact_edit(&self, fact: FactId) -> Edit {
        let mut edits: Vec<Edit> = self
            .claims_on(fact)
            .map(|claim| {
                let mut unlinked = claim.clone();
                unlinked.fact = None;
                Edit::ReplaceClaim(unlinked)
            })
            .collect();
        edits.push(Edit::RemoveFact { fact });
        Edit::Batch(edits)
    }

    /// The edit that removes a party: its claims go to `reassign_to`, or are deleted.
    pub fn remove_party_edit(&self, party: PartyId, reassign_to: Option<PartyId>) -> Edit {
        let mut edits: Vec<Edit> = self
            .claims
            .values()
            .filter(|c| c.party == party)
            .map(|claim| match reassign_to {
                Some(other) => {
                    let mut moved = claim.clone();
                    moved.party = other;
                    Edit::ReplaceClaim(moved)
                }
                None => Edit::RemoveClaim { claim: claim.id },
            })
            .collect();
        edits.push(Edit::RemoveParty { party });
        Edit::Batch(edits)
    }

    /// The edit that merges fact `from` into fact `into`: its claims move, then it goes.
    pub fn merge_facts_edit(&self, from: FactId, into: FactId) -> Edit {
        let mut edits: Vec<Edit> = self
            .claims_on(from)
            .map(|claim| {
                let mut moved = claim.clone();
                moved.fact = Some(into);
                Edit::ReplaceClaim(moved)
            })
            .collect();
        edits.push(Edit::RemoveFact { fact: from });
        Edit::Batch(edits)
    }

    /// The claim with its span changed to `span` (trimmed), or `None` if that span holds no
    /// text.
    pub fn claim_with_span(&self, claim: ClaimId, span: TextSpan) -> Option<Claim> {
        let claim = self.claim(claim)?;
        let text = &self.article(claim.article)?.text;
        let span = span::trim_span(text, span)?;
        let mut changed = claim.clone();
        changed.anchor = TextAnchor::capture(text, span)?;
        changed.orphaned = false;
        changed.modified = Utc::now();
        Some(changed)
    }

    /// The edit that splits a claim in two at byte offset `at`: the first part keeps the
    /// claim, the second becomes a new claim with the same party, fact, stance and note.
    pub fn split_claim_edit(&mut self, claim: ClaimId, at: ByteOffset) -> Option<Edit> {
        let original = self.claim(claim)?.clone();
        if original.orphaned {
            return None;
        }
        let span = original.anchor.span;
        if !span.contains(at) || at == span.start {
            return None;
        }
        let first = self.claim_with_span(
            claim,
            TextSpan {
                start: span.start,
                end: at,
            },
        )?;
        let mut second = self.claim_with_span(
            claim,
            TextSpan {
                start: at,
                end: span.end,
            },
        )?;
        second.id = ClaimId(self.allocate_id());
        second.created = second.modified;
        Some(Edit::Batch(vec![
            Edit::ReplaceClaim(first),
            Edit::InsertClaim(second),
        ]))
    }

    /// The edit that merges claim `other` into `claim`: one span from the start of the first
    /// to the end of the last; the notes are joined. Both must be in the same article.
    pub fn merge_claims_edit(&self, claim: ClaimId, other: ClaimId) -> Option<Edit> {
        let first = self.claim(claim)?;
        let second = self.claim(other)?;
        if first.article != second.article || claim == other || first.orphaned || second.orphaned {
            return None;
        }
        let span = TextSpan {
            start: first.anchor.span.start.min(second.anchor.span.start),
            end: first.anchor.span.end.max(second.anchor.span.end),
        };
        let mut merged = self.claim_with_span(claim, span)?;
        if !second.note.is_empty() && second.note != first.note {
            merged.note = if first.note.is_empty() {
                second.note.clone()
            } else {
                format!("{}\n{}", first.note, second.note)
            };
        }
        merged.fact = first.fact.or(second.fact);
        Some(Edit::Batch(vec![
            Edit::ReplaceClaim(merged),
            Edit::RemoveClaim { claim: other },
        ]))
    }

    /// The next claim by the same party after `claim` in its article, for merging.
    pub fn next_claim_of_party(&self, claim: ClaimId) -> Option<&Claim> {
        let current = self.claim(claim)?;
        self.claims_in(current.article)
            .into_iter()
            .filter(|c| c.party == current.party && c.id != claim)
            .find(|c| c.anchor.span.start >= current.anchor.span.start)
    }

    /// The edit that removes an article together with its claims.
    pub fn remove_article_edit(&self, article: ArticleId) -> Edit {
        let mut edits: Vec<Edit> = self
            .claims
            .values()
            .filter(|c| c.article == article)
            .map(|c| Edit::RemoveClaim { claim: c.id })
            .collect();
        edits.extend(
            self.rejected
                .iter()
                .filter(|r| r.article == article)
                .map(|r| Edit::Unreject(r.clone())),
        );
        edits.push(Edit::RemoveArticle { article });
        Edit::Batch(edits)
    }

    /// The session taken apart, for merging (see `team::merge`).
    pub fn to_parts(&self) -> Parts {
        Parts {
            analyst: self.analyst.clone(),
            parties: self.parties.clone(),
            articles: self.articles.clone(),
            facts: self.facts.clone(),
            claims: self.claims.values().cloned().collect(),
            rejected: self.rejected.clone(),
            next_id: self.next_id,
            created: self.created,
            modified: self.modified,
        }
    }

    /// A session put together from parts, checked and repaired as a file's would be (no
    /// dangling reference, every claim placed or orphaned); also returns what was repaired.
    pub fn from_parts(parts: Parts) -> (Self, Vec<String>) {
        Self::from_raw(parts)
    }

    /// Applies one edit and returns the edit that undoes it. On error the session is unchanged.
    pub fn apply(&mut self, edit: Edit) -> Result<Edit, EditError> {
        edit::apply(self, edit)
    }

    /// Checks and repairs a session read from a file; also returns what was repaired, in
    /// words. The result holds no dangling reference and no claim outside its text.
    pub(crate) fn from_raw(raw: Parts) -> (Self, Vec<String>) {
        let Parts {
            analyst,
            parties,
            articles,
            facts,
            claims,
            rejected,
            next_id,
            created,
            modified,
        } = raw;
        let mut session = Self {
            analyst,
            parties,
            articles,
            facts,
            claims: BTreeMap::new(),
            rejected,
            next_id,
            origin: ids::random_origin(),
            created,
            modified,
            positions: Positions::default(),
        };
        let warnings = session.repair(claims);
        (session, warnings)
    }

    fn repair(&mut self, claims: Vec<Claim>) -> Vec<String> {
        let mut warnings = self.cap_fields();
        let mut seen = std::collections::HashSet::new();
        let mut max_id = 0;
        let mut note_id = |id: u128, what: &str, warnings: &mut Vec<String>| -> bool {
            // Only the counter part: ids of another origin do not hold this one's back.
            max_id = max_id.max(ids::split(id).1);
            if seen.insert(id) {
                true
            } else {
                warnings.push(format!(
                    "Dropped a {what} with duplicated id {}.",
                    ids::id_text(id)
                ));
                false
            }
        };
        self.parties
            .retain(|p| note_id(p.id.0, "party", &mut warnings));
        self.articles
            .retain(|a| note_id(a.id.0, "article", &mut warnings));
        self.facts
            .retain(|f| note_id(f.id.0, "fact", &mut warnings));
        self.positions_changed();
        // Looked up once per claim: by id, not by scanning (50,000 claims over 2,000 facts).
        let articles: std::collections::HashMap<ArticleId, &Article> =
            self.articles.iter().map(|a| (a.id, a)).collect();
        let parties: std::collections::HashSet<PartyId> =
            self.parties.iter().map(|p| p.id).collect();
        let facts: std::collections::HashSet<FactId> = self.facts.iter().map(|f| f.id).collect();
        let mut indexes: std::collections::HashMap<ArticleId, span::TextIndex<'_>> =
            std::collections::HashMap::new();
        // What placing claims again did, per article: told once per article, not once per
        // claim (a file whose article text was edited elsewhere would bury every other notice
        // under thousands of lines).
        let mut placed: std::collections::BTreeMap<ArticleId, PlacedAgain> =
            std::collections::BTreeMap::new();
        let mut kept = Vec::with_capacity(claims.len());
        for mut claim in claims {
            if !note_id(claim.id.0, "claim", &mut warnings) {
                continue;
            }
            let Some(article) = articles.get(&claim.article) else {
                warnings.push(format!(
                    "Dropped claim “{}”: its article ({}) is not in the session.",
                    short(&claim.anchor.quote),
                    claim.article
                ));
                continue;
            };
            if !parties.contains(&claim.party) {
                warnings.push(format!(
                    "Dropped claim “{}”: its party ({}) is not in the session.",
                    short(&claim.anchor.quote),
                    claim.party
                ));
                continue;
            }
            if let Some(fact) = claim.fact
                && !facts.contains(&fact)
            {
                warnings.push(format!(
                    "Unlinked claim “{}”: its fact ({fact}) is not in the session.",
                    short(&claim.anchor.quote)
                ));
                claim.fact = None;
            }
            if !claim.is_placed_consistently(&article.text) {
                // One index per article serves all its misplaced claims.
                let index = indexes
                    .entry(article.id)
                    .or_insert_with(|| span::TextIndex::new(&article.text));
                if let Some(found) = claim.anchor.relocate_fuzzy_indexed(&article.text, index) {
                    claim.anchor = found.anchor;
                    claim.orphaned = false;
                    let counts = placed.entry(article.id).or_default();
                    if found.placement == span::Placement::ReadAsCodePoints {
                        counts.read_as_code_points += 1;
                    } else {
                        counts.moved += 1;
                    }
                } else {
                    claim.orphan(&article.text);
                    let counts = placed.entry(article.id).or_default();
                    counts.orphaned += 1;
                    if counts.orphaned <= ORPHANS_NAMED {
                        warnings.push(format!(
                            "Claim “{}” is orphaned: its quote is no longer in {}. It is kept; place it again from the Orphaned claims list.",
                            short(&claim.anchor.quote),
                            named(article)
                        ));
                    }
                }
            }
            kept.push(claim);
        }
        for (article, counts) in placed {
            let title = articles
                .get(&article)
                .map_or_else(String::new, |a| named(a));
            let plural = |n: usize| if n == 1 { "" } else { "s" };
            if counts.moved > 0 {
                warnings.push(format!(
                    "Placed {} claim{} again where {} quote{} {} in {title} (the place{} stored did not hold {}).",
                    counts.moved,
                    plural(counts.moved),
                    if counts.moved == 1 { "its" } else { "their" },
                    plural(counts.moved),
                    if counts.moved == 1 { "is" } else { "are" },
                    plural(counts.moved),
                    if counts.moved == 1 { "it" } else { "them" },
                ));
            }
            if counts.read_as_code_points > 0 {
                warnings.push(format!(
                    "Read the offsets of {} claim{} in {title} as characters, not bytes (the file was written by a tool that counts characters).",
                    counts.read_as_code_points,
                    plural(counts.read_as_code_points),
                ));
            }
            if counts.orphaned > ORPHANS_NAMED {
                warnings.push(format!(
                    "… and {} more orphaned claims in {title} (all are in the Orphaned claims list).",
                    counts.orphaned - ORPHANS_NAMED
                ));
            }
        }
        self.claims.extend(kept.into_iter().map(|c| (c.id, c)));
        // A conflict whose other version is gone (deleted by hand before adjudication) has
        // nothing left to decide.
        let dangling: Vec<ClaimId> = self
            .claims
            .values()
            .filter(|c| {
                c.conflict
                    .as_ref()
                    .and_then(|conflict| conflict.with)
                    .is_some_and(|other| !self.claims.contains_key(&other))
            })
            .map(|c| c.id)
            .collect();
        for id in dangling {
            if let Some(claim) = self.claims.get_mut(&id) {
                claim.conflict = None;
            }
        }
        self.rejected.retain(|r| articles.contains_key(&r.article));
        self.next_id = self.next_id.max(max_id.saturating_add(1));
        warnings
    }
}

/// Orphaned claims named one by one in the notices of an opening, per article; the rest
/// are counted.
const ORPHANS_NAMED: usize = 20;

/// How the claims of one article were placed again while a file was opened.
#[derive(Default)]
struct PlacedAgain {
    moved: usize,
    read_as_code_points: usize,
    orphaned: usize,
}

/// An article named in a notice: its title in quotation marks, or "an untitled article".
fn named(article: &Article) -> String {
    if article.meta.title.trim().is_empty() {
        "an untitled article".to_owned()
    } else {
        format!("“{}”", article.meta.title)
    }
}

impl Session {
    /// Cuts names, aliases and statements longer than the limits (a file written by hand
    /// or by another tool); says what was cut.
    fn cap_fields(&mut self) -> Vec<String> {
        let mut warnings = Vec::new();
        if let Some(cut) = capped(&self.analyst, MAX_NAME_CHARS) {
            self.analyst = cut;
            warnings.push(format!(
                "Cut the analyst's name to {MAX_NAME_CHARS} characters."
            ));
        }
        for party in &mut self.parties {
            if let Some(cut) = capped(&party.name, MAX_NAME_CHARS) {
                warnings.push(format!(
                    "Cut the name of party “{}” to {MAX_NAME_CHARS} characters.",
                    short(&cut)
                ));
                party.name = cut;
            }
            for alias in &mut party.aliases {
                if let Some(cut) = capped(alias, MAX_NAME_CHARS) {
                    warnings.push(format!(
                        "Cut an alias of “{}” to {MAX_NAME_CHARS} characters.",
                        short(&party.name)
                    ));
                    *alias = cut;
                }
            }
        }
        for fact in &mut self.facts {
            if let Some(cut) = capped(&fact.statement, MAX_STATEMENT_CHARS) {
                warnings.push(format!(
                    "Cut the statement of fact “{}” to {MAX_STATEMENT_CHARS} characters.",
                    short(&cut)
                ));
                fact.statement = cut;
            }
        }
        warnings
    }
}

/// The first few words of a quote, for messages.
/// How many characters a card, a fact row, a tooltip or a report cell shows of a quote or a
/// statement: a few sentences. Only the reader shows a claim whole.
pub const EXCERPT_CHARS: usize = 280;

/// The longest a party's name, an alias or the analyst's name may be, in characters …
pub const MAX_NAME_CHARS: usize = 200;
/// … and a fact's statement: a sentence or a few, never a whole article (a name or a
/// statement is repeated in every row and cell of a report).
pub const MAX_STATEMENT_CHARS: usize = 1_000;

/// `text` cut to at most `max` characters, at a word where one is near, with "…"; `None`
/// when it is short enough already.
pub fn capped(text: &str, max: usize) -> Option<String> {
    if text.len() <= max || text.chars().count() <= max {
        return None;
    }
    let head: String = text.chars().take(max.saturating_sub(1)).collect();
    let cut = match head.rfind(char::is_whitespace) {
        Some(space) if space > head.len() * 3 / 4 => &head[..space],
        _ => head.as_str(),
    };
    Some(format!("{}…", cut.trim_end()))
}

/// `text` cut to about `max` characters at a word, with "…" and the full length noted
/// ("… (1,048,576 characters)"); short text as it is. A claim can be a whole 20 MB article,
/// and laying that out as one label would take gigabytes: every view but the reader shows
/// this instead. Costs nothing for text shorter than `max` bytes, and a count of the
/// characters for longer text.
pub fn excerpt(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    if text.len() <= max {
        return std::borrow::Cow::Borrowed(text);
    }
    let Some((cut_at, _)) = text.char_indices().nth(max) else {
        return std::borrow::Cow::Borrowed(text);
    };
    let head = &text[..cut_at];
    // At the last space in the second half of the head, so no word is cut.
    let head = match head.rfind(char::is_whitespace) {
        Some(space) if space > cut_at / 2 => &head[..space],
        _ => head,
    };
    let total = text.chars().count();
    std::borrow::Cow::Owned(format!(
        "{}… ({} characters)",
        head.trim_end(),
        thousands(total)
    ))
}

/// A count with thousands separators: 1,048,576.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

pub fn short(text: &str) -> String {
    const MAX: usize = 48;
    // The text with its whitespace collapsed, read only as far as needed (cards show it
    // every frame, and a quote can be long).
    let mut collapsed = text
        .split_whitespace()
        .flat_map(|word| std::iter::once(' ').chain(word.chars()))
        .skip(1);
    let head: String = collapsed.by_ref().take(MAX).collect();
    if collapsed.next().is_none() {
        return head;
    }
    let cut: String = head.chars().take(MAX - 1).collect();
    format!("{}…", cut.trim_end())
}

mod claims_as_list {
    //! Claims are kept in a map by id but written as a plain list.
    use std::collections::BTreeMap;

    use serde::Serializer;

    use super::{Claim, ClaimId};

    pub fn serialize<S: Serializer>(
        claims: &BTreeMap<ClaimId, Claim>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(claims.values())
    }
}

/// A session's contents as plain data: as read from a file, or built wholesale (a three-way
/// merge); [`Session::from_parts`] checks and repairs them.
#[derive(Clone, Debug, Deserialize)]
pub struct Parts {
    #[serde(default)]
    pub analyst: String,
    pub parties: Vec<Party>,
    pub articles: Vec<Article>,
    pub facts: Vec<Fact>,
    pub claims: Vec<Claim>,
    #[serde(default)]
    pub rejected: std::collections::BTreeSet<Rejection>,
    pub next_id: u64,
    pub created: DateTime<Utc>,
    pub modified: DateTime<Utc>,
}

#[cfg(test)]
mod tests;
