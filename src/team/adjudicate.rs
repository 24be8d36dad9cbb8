//! Adjudication: for a disagreement between this session (A) and another analyst's (B), the
//! edit that settles it in this session. Applied one by one, the decisions make this
//! session the merged one; each is one undoable step.
//!
//! - take A: A's claim stays as it is (B's is not taken);
//! - take B: A's claim becomes B's version (or B's claim is added, or A's lone claim goes);
//! - keep both: B's claim is added beside A's;
//! - drop both: A's claim goes and B's is not taken.
//!
//! A claim taken from B keeps B's analyst, note and creation time; its party and fact are
//! this session's when they match (by name or alias, by statement), else they are added.
//!
//! Claims a merge marked ([`crate::model::Conflict`]) are settled by [`settle_marked`] the
//! same four ways, both versions being in this session.

use super::matching::{self, Matching};
use crate::model::{ArticleId, Claim, ClaimId, Edit, FactId, PartyId, Session, TextSpan};

/// How a disagreement is settled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Verdict {
    TakeA,
    TakeB,
    KeepBoth,
    DropBoth,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Self::TakeA => "take A",
            Self::TakeB => "take B",
            Self::KeepBoth => "keep both",
            Self::DropBoth => "drop both",
        }
    }
}

/// This session's party for B's `party`: the matched one, one of the same name (added by an
/// earlier decision), or a new one (with its insertion).
fn party_for(
    ours: &mut Session,
    theirs: &Session,
    m: &Matching,
    party: PartyId,
    edits: &mut Vec<Edit>,
) -> Option<PartyId> {
    if let Some(&mine) = m.parties.get(&party)
        && ours.party(mine).is_some()
    {
        return Some(mine);
    }
    let theirs_party = theirs.party(party)?;
    if let Some(same) = ours
        .parties()
        .iter()
        .find(|p| p.name.trim().eq_ignore_ascii_case(theirs_party.name.trim()))
    {
        return Some(same.id);
    }
    let mut new = ours.new_party(&theirs_party.name);
    new.aliases.clone_from(&theirs_party.aliases);
    new.colour = theirs_party.colour;
    let id = new.id;
    edits.push(Edit::InsertParty {
        index: usize::MAX,
        party: new,
    });
    Some(id)
}

/// This session's fact for B's `fact`, added when it has none with that statement.
fn fact_for(
    ours: &mut Session,
    theirs: &Session,
    m: &Matching,
    fact: FactId,
    edits: &mut Vec<Edit>,
) -> Option<FactId> {
    if let Some(&mine) = m.facts.get(&fact)
        && ours.fact(mine).is_some()
    {
        return Some(mine);
    }
    let statement = &theirs.fact(fact)?.statement;
    let key = matching::statement_key(statement);
    if let Some(same) = ours
        .facts()
        .iter()
        .find(|f| matching::statement_key(&f.statement) == key)
    {
        return Some(same.id);
    }
    let new = ours.new_fact(statement);
    let id = new.id;
    edits.push(Edit::InsertFact {
        index: usize::MAX,
        fact: new,
    });
    Some(id)
}

/// B's claim as a claim of this session on `span` of `article` (not yet inserted), with the
/// edits its party and fact need first.
fn adopt(
    ours: &mut Session,
    theirs: &Session,
    m: &Matching,
    claim: &Claim,
    (article, span): (ArticleId, TextSpan),
    edits: &mut Vec<Edit>,
) -> Option<Claim> {
    let party = party_for(ours, theirs, m, claim.party, edits)?;
    let fact = match claim.fact {
        Some(fact) => Some(fact_for(ours, theirs, m, fact, edits)?),
        None => None,
    };
    let mut adopted = ours.new_claim(article, span, party)?;
    adopted.fact = fact;
    adopted.stance = claim.stance;
    adopted.note.clone_from(&claim.note);
    adopted.analyst.clone_from(&claim.analyst);
    if adopted.analyst.is_empty() {
        theirs.analyst().clone_into(&mut adopted.analyst);
    }
    adopted.created = claim.created;
    Some(adopted)
}

/// The edit that settles a disagreement between A's claim `a` and B's claim `b` (placed on
/// `b_span` of A's article), and its label. `None` when a claim it names is gone.
pub fn settle(
    ours: &mut Session,
    theirs: &Session,
    m: &Matching,
    (a, b, b_span): (Option<ClaimId>, Option<ClaimId>, Option<TextSpan>),
    verdict: Verdict,
) -> Option<(Edit, String)> {
    let mine = match a {
        Some(id) => Some(ours.claim(id)?.clone()),
        None => None,
    };
    let other = match b {
        Some(id) => Some(theirs.claim(id)?.clone()),
        None => None,
    };
    let article = match (&mine, &other) {
        (Some(claim), _) => claim.article,
        (None, Some(claim)) => m.article_of_b(claim.article)?.a,
        (None, None) => return None,
    };
    let mut edits = Vec::new();
    match verdict {
        Verdict::TakeA => {}
        Verdict::TakeB => match (&mine, &other) {
            (Some(mine), Some(other)) => {
                let adopted = adopt(ours, theirs, m, other, (article, b_span?), &mut edits)?;
                let mut replaced = mine.clone();
                replaced.anchor = adopted.anchor;
                replaced.orphaned = false;
                replaced.party = adopted.party;
                replaced.fact = adopted.fact;
                replaced.stance = adopted.stance;
                if let Some(note) = super::merge::joined(&mine.note, &other.note) {
                    replaced.note = note;
                }
                replaced.analyst = adopted.analyst;
                replaced.modified = chrono::Utc::now();
                edits.push(Edit::ReplaceClaim(replaced));
            }
            (None, Some(other)) => {
                let adopted = adopt(ours, theirs, m, other, (article, b_span?), &mut edits)?;
                edits.push(Edit::InsertClaim(adopted));
            }
            (Some(mine), None) => edits.push(Edit::RemoveClaim { claim: mine.id }),
            (None, None) => {}
        },
        Verdict::KeepBoth => {
            if let Some(other) = &other {
                let adopted = adopt(ours, theirs, m, other, (article, b_span?), &mut edits)?;
                edits.push(Edit::InsertClaim(adopted));
            }
        }
        Verdict::DropBoth => {
            if let Some(mine) = &mine {
                edits.push(Edit::RemoveClaim { claim: mine.id });
            }
        }
    }
    let quote = mine
        .as_ref()
        .or(other.as_ref())
        .map(|c| crate::model::short(&c.anchor.quote))
        .unwrap_or_default();
    Some((
        Edit::Batch(edits),
        format!("Adjudicate “{quote}”: {}", verdict.label()),
    ))
}

/// The edit that settles a claim a merge marked, against the version it competes with
/// (both in this session); its label. `None` when the claim is not marked.
pub fn settle_marked(
    session: &Session,
    claim: ClaimId,
    verdict: Verdict,
) -> Option<(Edit, String)> {
    let mine = session.claim(claim)?;
    let conflict = mine.conflict.as_ref()?;
    let other = conflict.with.and_then(|id| session.claim(id));
    let cleared = |c: &Claim| {
        let mut c = c.clone();
        c.conflict = None;
        Edit::ReplaceClaim(c)
    };
    let mut edits = Vec::new();
    match (verdict, other) {
        (Verdict::TakeA, Some(other)) => {
            edits.push(Edit::RemoveClaim { claim: other.id });
            edits.push(cleared(mine));
        }
        (Verdict::TakeB, Some(other)) => {
            edits.push(Edit::RemoveClaim { claim: mine.id });
            edits.push(cleared(other));
        }
        (Verdict::KeepBoth, Some(other)) => {
            edits.push(cleared(mine));
            edits.push(cleared(other));
        }
        (Verdict::DropBoth, Some(other)) => {
            edits.push(Edit::RemoveClaim { claim: mine.id });
            edits.push(Edit::RemoveClaim { claim: other.id });
        }
        // Deleted on one side, changed on the other: keep it (A, or both) or let it go.
        (Verdict::TakeA | Verdict::KeepBoth, None) => edits.push(cleared(mine)),
        (Verdict::TakeB | Verdict::DropBoth, None) => {
            edits.push(Edit::RemoveClaim { claim: mine.id });
        }
    }
    Some((
        Edit::Batch(edits),
        format!(
            "Adjudicate “{}”: {}",
            crate::model::short(&mine.anchor.quote),
            verdict.label()
        ),
    ))
}
