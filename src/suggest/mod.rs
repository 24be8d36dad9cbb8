//! Suggestions: the claims an article's speakers make, and the fact a claim speaks to. Pure:
//! no egui, no IO; the window runs it on a worker thread, the CLI directly.
//!
//! - [`Suggester::claims`] finds attributed claims (`claims.rs`), with the parties' names
//!   and aliases (`names.rs`) and cue words of four languages (`cues.rs`) over UAX #29 words
//!   and sentences (`tokens.rs`).
//! - [`FactIndex`] ranks a session's facts for a claim (`facts.rs`).
//!
//! A suggestion is never part of the session until the analyst accepts it: accepting is an
//! ordinary `InsertClaim`; rejecting records a [`Rejection`](crate::model::Rejection) so the
//! same suggestion does not come back for that article.

mod claims;
pub mod cues;
mod facts;
mod names;
mod tokens;

pub use facts::{Closeness, FUSION_K, FactIndex, QUOTE_CHARS, RankedFact, Signal};

use crate::model::{
    Article, ArticleId, Change, ClaimId, Edit, Party, PartyId, Rejection, Session, Stance, TextSpan,
};

/// A claim the finder proposes: where, who, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimSuggestion {
    pub article: ArticleId,
    /// On `char` boundaries of the article's text, trimmed.
    pub span: TextSpan,
    /// The party speaking, or `None` for a speaker that is no party (a monitor, another
    /// medium, an unnamed diplomat): offered as "someone else".
    pub party: Option<PartyId>,
    /// The speaker as written, with what it was resolved through ("he → Zakharova").
    pub speaker: String,
    /// The word or pattern that marked the claim: "said", "according to", "quotation",
    /// "headline · condemns".
    pub cue: String,
    pub stance: Stance,
    /// How sure the finder is, 0–1.
    pub score: f32,
}

impl ClaimSuggestion {
    /// One line for a tooltip: "said · speaker: US Central Command → US".
    pub fn explanation(&self, session: &Session) -> String {
        let party = self
            .party
            .and_then(|p| session.party(p))
            .map_or("someone else", |p| p.name.as_str());
        format!("{} · speaker: {} → {party}", self.cue, self.speaker)
    }
}

/// The claim finder for one set of parties. Cheap to build; reusable for every article.
pub struct Suggester {
    cues: cues::Cues,
    names: names::Names,
}

impl Suggester {
    pub fn new(parties: &[Party]) -> Self {
        Self {
            cues: cues::Cues::new(),
            names: names::Names::new(parties),
        }
    }

    /// Every claim suggestion in an article, in reading order, none overlapping another.
    /// Linear in the article's length.
    pub fn claims(&self, article: &Article) -> Vec<ClaimSuggestion> {
        claims::find(&article.text, &self.names, &self.cues)
            .into_iter()
            .map(|found| ClaimSuggestion {
                article: article.id,
                span: TextSpan::new(found.span.start, found.span.end),
                party: found.party,
                speaker: found.speaker,
                cue: found.cue,
                stance: found.stance,
                score: found.score,
            })
            .collect()
    }
}

/// The suggestions still open in an article: not overlapping a claim the analyst has (their
/// tagging wins) and not rejected.
pub fn open_suggestions(
    session: &Session,
    suggestions: &[ClaimSuggestion],
) -> Vec<ClaimSuggestion> {
    let Some(first) = suggestions.first() else {
        return Vec::new();
    };
    let Some(article) = session.article(first.article) else {
        return Vec::new();
    };
    let tagged = Spans::new(
        session
            .claims_in(article.id)
            .iter()
            .filter(|c| !c.orphaned)
            .map(|c| (c.anchor.span.start.0, c.anchor.span.end.0))
            .collect(),
    );
    suggestions
        .iter()
        .filter(|s| {
            !tagged.overlaps(s.span.start.0, s.span.end.0)
                && !session.is_rejected(article.id, &article.text[s.span.range()])
        })
        .cloned()
        .collect()
}

/// Spans (which may overlap each other) asked whether any overlaps a range, in logarithmic
/// time: sorted by start, with the furthest end reached by those starting before each.
struct Spans {
    spans: Vec<(usize, usize)>,
    furthest: Vec<usize>,
}

impl Spans {
    fn new(mut spans: Vec<(usize, usize)>) -> Self {
        spans.sort_unstable();
        let mut furthest = Vec::with_capacity(spans.len() + 1);
        furthest.push(0);
        for &(_, end) in &spans {
            let last = furthest.last().copied().unwrap_or(0);
            furthest.push(last.max(end));
        }
        Self { spans, furthest }
    }

    /// Whether a span starting before `end` reaches past `start`.
    fn overlaps(&self, start: usize, end: usize) -> bool {
        let before = self.spans.partition_point(|&(a, _)| a < end);
        self.furthest[before] > start
    }
}

/// The edit accepting a suggestion makes: a claim of `party` on its span with its stance,
/// and the claim's id (the fact picker opens on it). `None` when the span holds no text.
pub fn accept(
    session: &mut Session,
    suggestion: &ClaimSuggestion,
    party: PartyId,
) -> Option<(ClaimId, Change)> {
    let mut claim = session.new_claim(suggestion.article, suggestion.span, party)?;
    claim.stance = suggestion.stance;
    let name = session.party(party).map_or("", |p| p.name.as_str());
    let label = format!("Accept suggestion as {name}");
    Some((
        claim.id,
        Change {
            label,
            edit: Edit::InsertClaim(claim),
        },
    ))
}

/// The edit rejecting a suggestion makes: it is remembered for its article, by its words.
pub fn reject(session: &Session, suggestion: &ClaimSuggestion) -> Option<Change> {
    let text = &session.article(suggestion.article)?.text;
    Some(Change {
        label: "Reject suggestion".to_owned(),
        edit: Edit::Reject(Rejection {
            article: suggestion.article,
            quote: text.get(suggestion.span.range())?.to_owned(),
        }),
    })
}

/// The one edit accepting every suggestion that names a party (those offered as "someone
/// else" stay for the analyst to decide); `None` when none does.
pub fn accept_all(session: &mut Session, suggestions: &[ClaimSuggestion]) -> Option<Change> {
    let edits: Vec<Edit> = suggestions
        .iter()
        .filter_map(|s| {
            let party = s.party?;
            accept(session, s, party).map(|(_, change)| change.edit)
        })
        .collect();
    if edits.is_empty() {
        return None;
    }
    let label = format!(
        "Accept {} suggestion{}",
        edits.len(),
        if edits.len() == 1 { "" } else { "s" }
    );
    Some(Change {
        label,
        edit: Edit::Batch(edits),
    })
}

/// How many suggestions each party would get from "accept all": (party, count), in the
/// session's party order.
pub fn counts_by_party(
    session: &Session,
    suggestions: &[ClaimSuggestion],
) -> Vec<(PartyId, usize)> {
    session
        .parties()
        .iter()
        .map(|p| {
            (
                p.id,
                suggestions.iter().filter(|s| s.party == Some(p.id)).count(),
            )
        })
        .filter(|(_, n)| *n > 0)
        .collect()
}

#[cfg(test)]
mod tests;
