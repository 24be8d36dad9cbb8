//! Which edit an analyst's gesture makes: flipping a stance, linking a claim to a fact,
//! nudging a claim's edge by a word, moving a fact, finding the next untagged sentence.
//! The UI asks for the edit and applies it; what the gesture means is decided here, once,
//! and tested without a window.

use chrono::Utc;

use super::index::SpanIndex;
use super::span::{next_word_end, next_word_start, previous_word_start};
use super::{ArticleId, Claim, ClaimId, Edit, FactId, PartyId, Session, Stance, TextSpan};

/// A span with one edge moved by a word in `text` (a claim's, or a suggestion's before it is
/// accepted); the same span when it cannot move.
pub fn nudged_span(text: &str, span: TextSpan, nudge: Nudge) -> TextSpan {
    match nudge {
        Nudge::WidenEnd => TextSpan {
            start: span.start,
            end: next_word_end(text, span.end),
        },
        Nudge::NarrowEnd => TextSpan {
            start: span.start,
            end: previous_word_start(text, span.end).max(span.start),
        },
        Nudge::WidenStart => TextSpan {
            start: previous_word_start(text, span.start),
            end: span.end,
        },
        Nudge::NarrowStart => TextSpan {
            start: next_word_start(text, span.start).min(span.end),
            end: span.end,
        },
    }
}

/// An edit with the name the Edit menu shows for it.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub label: String,
    pub edit: Edit,
}

impl Change {
    fn new(label: impl Into<String>, edit: Edit) -> Self {
        Self {
            label: label.into(),
            edit,
        }
    }
}

/// Which edge of a claim moves, and which way, by one word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Nudge {
    WidenEnd,
    NarrowEnd,
    WidenStart,
    NarrowStart,
}

impl Nudge {
    pub fn label(self) -> &'static str {
        match self {
            Self::WidenEnd => "Widen claim end",
            Self::NarrowEnd => "Narrow claim end",
            Self::WidenStart => "Widen claim start",
            Self::NarrowStart => "Narrow claim start",
        }
    }
}

impl Session {
    /// A claim changed by `change`, stamped as modified now.
    fn changed_claim(&self, claim: ClaimId, change: impl FnOnce(&mut Claim)) -> Option<Claim> {
        let mut changed = self.claim(claim)?.clone();
        change(&mut changed);
        changed.modified = Utc::now();
        Some(changed)
    }

    /// The stance the other way round.
    pub fn flip_stance(&self, claim: ClaimId) -> Option<Change> {
        let stance = self.claim(claim)?.stance.flipped();
        self.set_stance(claim, stance)
    }

    /// `None` when the claim already has that stance.
    pub fn set_stance(&self, claim: ClaimId, stance: Stance) -> Option<Change> {
        (self.claim(claim)?.stance != stance).then_some(())?;
        let changed = self.changed_claim(claim, |c| c.stance = stance)?;
        Some(Change::new(
            format!("Set stance to {}", stance.label()),
            Edit::ReplaceClaim(changed),
        ))
    }

    /// The claim given to another party; `None` when it is that party's already.
    pub fn retag(&self, claim: ClaimId, party: PartyId) -> Option<Change> {
        (self.claim(claim)?.party != party).then_some(())?;
        let name = self.party(party)?.name.clone();
        let changed = self.changed_claim(claim, |c| c.party = party)?;
        Some(Change::new(
            format!("Retag claim as {name}"),
            Edit::ReplaceClaim(changed),
        ))
    }

    /// The claim linked to a fact, or unlinked with `None`; `None` when nothing changes.
    pub fn relink(&self, claim: ClaimId, fact: Option<FactId>) -> Option<Change> {
        (self.claim(claim)?.fact != fact).then_some(())?;
        let changed = self.changed_claim(claim, |c| c.fact = fact)?;
        let label = if fact.is_some() {
            "Link claim to fact"
        } else {
            "Unlink claim from fact"
        };
        Some(Change::new(label, Edit::ReplaceClaim(changed)))
    }

    /// The claim's note replaced; `None` when it is the same.
    pub fn set_note(&self, claim: ClaimId, note: &str) -> Option<Change> {
        (self.claim(claim)?.note != note).then_some(())?;
        let changed = self.changed_claim(claim, |c| note.clone_into(&mut c.note))?;
        Some(Change::new("Edit note", Edit::ReplaceClaim(changed)))
    }

    /// A new fact with this statement, and the claim linked to it, in one step. `None` for
    /// an empty statement or a claim that is gone.
    pub fn link_to_new_fact(&mut self, claim: ClaimId, statement: &str) -> Option<Change> {
        self.claim(claim)?;
        let fact = self.new_fact(statement);
        if fact.statement.is_empty() {
            return None;
        }
        let linked = self.changed_claim(claim, |c| c.fact = Some(fact.id))?;
        Some(Change::new(
            "Link claim to new fact",
            Edit::Batch(vec![
                Edit::InsertFact {
                    index: usize::MAX,
                    fact,
                },
                Edit::ReplaceClaim(linked),
            ]),
        ))
    }

    /// One edge of a claim moved by a word; `None` when it cannot move (at the text's end,
    /// or it would leave the claim empty).
    pub fn nudge(&self, claim: ClaimId, nudge: Nudge) -> Option<Change> {
        let found = self.claim(claim)?;
        let text = &self.article(found.article)?.text;
        let span = found.anchor.span;
        let moved = nudged_span(text, span, nudge);
        if moved == span {
            return None;
        }
        let changed = self.claim_with_span(claim, moved)?;
        Some(Change::new(nudge.label(), Edit::ReplaceClaim(changed)))
    }

    /// A fact moved one place up or down the list; `None` at the list's end.
    pub fn move_fact(&self, fact: FactId, up: bool) -> Option<Change> {
        let index = self.fact_index(fact)?;
        let to = if up {
            index.checked_sub(1)?
        } else {
            (index + 1 < self.facts.len()).then_some(index + 1)?
        };
        let label = if up { "Move fact up" } else { "Move fact down" };
        Some(Change::new(label, Edit::MoveFact { fact, index: to }))
    }

    /// A party moved one place up or down the list (its key 1–9 moves with it).
    pub fn move_party(&self, party: PartyId, up: bool) -> Option<Change> {
        let index = self.party_index(party)?;
        let to = if up {
            index.checked_sub(1)?
        } else {
            (index + 1 < self.parties.len()).then_some(index + 1)?
        };
        let name = &self.parties[index].name;
        let label = format!("Move {name} {}", if up { "up" } else { "down" });
        Some(Change::new(label, Edit::MoveParty { party, index: to }))
    }

    /// The next sentence no claim touches, starting at byte `from` of `article` and going on
    /// into the following articles (and round to the start of the first).
    pub fn next_untagged_sentence(
        &self,
        article: ArticleId,
        from: usize,
    ) -> Option<(ArticleId, TextSpan)> {
        let articles = &self.articles;
        let current = self.article_index(article).unwrap_or(0);
        for step in 0..=articles.len() {
            let article = articles.get((current + step) % articles.len().max(1))?;
            let start = if step == 0 { from } else { 0 };
            let index = SpanIndex::of_article(self, article.id);
            let found = super::span::sentences(&article.text)
                .into_iter()
                .filter(|sentence| sentence.start.0 >= start)
                .find(|sentence| !index.meets(*sentence));
            if let Some(sentence) = found {
                return Some((article.id, sentence));
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ArticleMeta;

    fn session_with(text: &str) -> (Session, ArticleId, PartyId) {
        let mut session = Session::new();
        let article = session.new_article(ArticleMeta::default(), text.to_owned());
        let id = article.id;
        session
            .apply(Edit::InsertArticle { index: 0, article })
            .expect("insert");
        let party = session.parties()[0].id;
        (session, id, party)
    }

    fn tag(session: &mut Session, article: ArticleId, party: PartyId, quote: &str) -> ClaimId {
        let text = session.article(article).expect("article").text.clone();
        let start = text.find(quote).expect("quote");
        let claim = session
            .new_claim(article, TextSpan::new(start, start + quote.len()), party)
            .expect("claim");
        let id = claim.id;
        session.apply(Edit::InsertClaim(claim)).expect("insert");
        id
    }

    #[test]
    fn a_nudge_moves_one_edge_by_a_word_and_stops_at_the_ends() {
        let text = "The ministry said the strike near Deir ez-Zor was deliberate.";
        let (mut session, article, party) = session_with(text);
        let claim = tag(&mut session, article, party, "the strike");
        let quote = |session: &Session| session.claim(claim).expect("claim").anchor.quote.clone();
        let change = session.nudge(claim, Nudge::WidenEnd).expect("widens");
        assert_eq!(change.label, "Widen claim end");
        session.apply(change.edit).expect("applies");
        assert_eq!(quote(&session), "the strike near");
        // A hyphenated place name is one word.
        for _ in 0..2 {
            let change = session.nudge(claim, Nudge::WidenEnd).expect("widens");
            session.apply(change.edit).expect("applies");
        }
        assert_eq!(quote(&session), "the strike near Deir ez-Zor");
        let change = session.nudge(claim, Nudge::NarrowStart).expect("narrows");
        session.apply(change.edit).expect("applies");
        assert_eq!(quote(&session), "strike near Deir ez-Zor");
        let change = session.nudge(claim, Nudge::WidenStart).expect("widens");
        session.apply(change.edit).expect("applies");
        assert_eq!(quote(&session), "the strike near Deir ez-Zor");
        // Narrowing a one-word claim leaves it as it is.
        let word = tag(&mut session, article, party, "deliberate");
        assert_eq!(session.nudge(word, Nudge::NarrowEnd), None);
        assert_eq!(session.nudge(word, Nudge::NarrowStart), None);
    }

    #[test]
    fn stance_fact_and_note_changes_name_themselves_and_skip_no_ops() {
        let (mut session, article, party) = session_with("Moscow said it was no accident.");
        let claim = tag(&mut session, article, party, "it was no accident");
        let flip = session.flip_stance(claim).expect("flips");
        assert_eq!(flip.label, "Set stance to denies");
        session.apply(flip.edit).expect("applies");
        assert_eq!(session.set_stance(claim, Stance::Denies), None);
        let link = session
            .link_to_new_fact(claim, "  The strike was an accident ")
            .expect("links");
        session.apply(link.edit).expect("applies");
        let fact = session.claim(claim).and_then(|c| c.fact).expect("linked");
        assert_eq!(
            session.fact(fact).expect("fact").statement,
            "The strike was an accident"
        );
        assert_eq!(session.relink(claim, Some(fact)), None);
        assert_eq!(
            session.relink(claim, None).map(|c| c.label),
            Some("Unlink claim from fact".to_owned())
        );
        assert_eq!(session.link_to_new_fact(claim, "   "), None);
        assert_eq!(session.set_note(claim, ""), None);
        let other = session.parties()[1].id;
        let retag = session.retag(claim, other).expect("retags");
        assert_eq!(
            retag.label,
            format!("Retag claim as {}", session.parties()[1].name)
        );
    }

    #[test]
    fn facts_and_parties_move_within_their_lists() {
        let (mut session, _, party) = session_with("Text.");
        for statement in ["First", "Second"] {
            let fact = session.new_fact(statement);
            session
                .apply(Edit::InsertFact {
                    index: usize::MAX,
                    fact,
                })
                .expect("insert");
        }
        let first = session.facts()[0].id;
        assert_eq!(session.move_fact(first, true), None);
        let down = session.move_fact(first, false).expect("moves");
        session.apply(down.edit).expect("applies");
        assert_eq!(session.facts()[1].id, first);
        assert_eq!(session.move_fact(first, false), None);
        assert_eq!(session.move_party(party, true), None);
        assert!(session.move_party(party, false).is_some());
    }

    #[test]
    fn the_next_untagged_sentence_skips_claimed_ones_and_wraps_round() {
        let text = "The US said it was a mistake. Russia disagreed. Syria called it proof.";
        let (mut session, article, party) = session_with(text);
        tag(&mut session, article, party, "it was a mistake");
        // A claim that starts in the first sentence and reaches into the second.
        tag(&mut session, article, party, "mistake. Russia");
        let (found, span) = session
            .next_untagged_sentence(article, 0)
            .expect("one left");
        assert_eq!(found, article);
        assert_eq!(&text[span.range()], "Syria called it proof.");
        // From past the last one, round to the first untagged again.
        let again = session.next_untagged_sentence(article, text.len());
        assert_eq!(
            again.map(|(_, s)| &text[s.range()]),
            Some("Syria called it proof.")
        );
        tag(&mut session, article, party, "proof");
        assert_eq!(session.next_untagged_sentence(article, 0), None);
    }
}
