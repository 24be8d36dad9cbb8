//! The one way a session changes. Each [`Edit`] applied returns its inverse, which is what
//! undo and redo are made of.

use super::{
    Article, ArticleId, ArticleMeta, Claim, ClaimId, Fact, FactId, Party, PartyId, Rejection,
    Session,
};

/// A change to a session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    InsertParty {
        index: usize,
        party: Party,
    },
    /// Removes a party that no claim belongs to.
    RemoveParty {
        party: PartyId,
    },
    /// Renames, recolours or re-aliases a party (matched by id).
    ReplaceParty(Party),
    /// Moves a party to another place in the order (its comparison column).
    MoveParty {
        party: PartyId,
        index: usize,
    },
    InsertArticle {
        index: usize,
        article: Article,
    },
    /// Removes an article that has no claims.
    RemoveArticle {
        article: ArticleId,
    },
    SetArticleMeta {
        article: ArticleId,
        meta: ArticleMeta,
    },
    /// Replaces an article's text and, in the same step, every one of its claims (placed
    /// again in the new text, or orphaned). The claims must be exactly the article's.
    ReplaceArticleText {
        article: ArticleId,
        text: String,
        claims: Vec<Claim>,
    },
    InsertFact {
        index: usize,
        fact: Fact,
    },
    /// Removes a fact that no claim is linked to.
    RemoveFact {
        fact: FactId,
    },
    /// Rewords a fact (matched by id).
    ReplaceFact(Fact),
    /// Moves a fact to another place in the order (its comparison row).
    MoveFact {
        fact: FactId,
        index: usize,
    },
    InsertClaim(Claim),
    RemoveClaim {
        claim: ClaimId,
    },
    /// Changes any field of a claim but its id and article (matched by id).
    ReplaceClaim(Claim),
    /// Turns down a suggestion in an article (already turned down: no change).
    Reject(Rejection),
    /// Takes a turned-down suggestion back.
    Unreject(Rejection),
    /// Names the analyst whose session this is (claims made from now on record it).
    SetAnalyst(String),
    /// Several edits as one step, applied in order and undone in reverse.
    Batch(Vec<Edit>),
}

impl Edit {
    /// The claims this edit adds, removes or changes, when that is all it changes of what
    /// the analysis reads (claims, their facts, parties and stances); `None` when it changes
    /// more (parties, articles' order or text, the facts themselves), and the analysis must be
    /// built again. A fact's new wording, a rejection or the analyst's name touch nothing.
    pub fn touched_claims(&self) -> Option<Vec<ClaimId>> {
        match self {
            Self::InsertClaim(claim) | Self::ReplaceClaim(claim) => Some(vec![claim.id]),
            Self::RemoveClaim { claim } => Some(vec![*claim]),
            Self::Reject(_)
            | Self::Unreject(_)
            | Self::SetAnalyst(_)
            | Self::SetArticleMeta { .. }
            | Self::ReplaceFact(_) => Some(Vec::new()),
            Self::Batch(edits) => {
                let mut all = Vec::new();
                for edit in edits {
                    all.extend(edit.touched_claims()?);
                }
                Some(all)
            }
            _ => None,
        }
    }
}

/// Why an edit could not be applied. The session is left as it was.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("no such party ({0})")]
    NoParty(PartyId),
    #[error("no such article ({0})")]
    NoArticle(ArticleId),
    #[error("no such fact ({0})")]
    NoFact(FactId),
    #[error("no such claim ({0})")]
    NoClaim(ClaimId),
    #[error("the id {0} is already in use")]
    DuplicateId(String),
    #[error("party {0} still has claims")]
    PartyHasClaims(PartyId),
    #[error("article {0} still has claims")]
    ArticleHasClaims(ArticleId),
    #[error("fact {0} still has claims")]
    FactHasClaims(FactId),
    #[error("the claim's span does not match its article's text")]
    SpanOutsideText,
    #[error("a claim cannot move to another article")]
    ClaimMovedArticle,
    #[error("the claims given for article {0} are not exactly its claims")]
    ClaimsDoNotMatchArticle(ArticleId),
}

#[expect(
    clippy::too_many_lines,
    reason = "one arm per edit with its check and its inverse; the one place a session changes"
)]
pub(super) fn apply(session: &mut Session, edit: Edit) -> Result<Edit, EditError> {
    match edit {
        Edit::InsertParty { index, party } => {
            ensure_fresh(session, party.id.0)?;
            let id = party.id;
            let index = index.min(session.parties.len());
            session.parties.insert(index, party);
            Ok(Edit::RemoveParty { party: id })
        }
        Edit::RemoveParty { party } => {
            let index = session
                .party_index(party)
                .ok_or(EditError::NoParty(party))?;
            if session.claims.values().any(|c| c.party == party) {
                return Err(EditError::PartyHasClaims(party));
            }
            let party = session.parties.remove(index);
            Ok(Edit::InsertParty { index, party })
        }
        Edit::ReplaceParty(party) => {
            let index = session
                .party_index(party.id)
                .ok_or(EditError::NoParty(party.id))?;
            let old = std::mem::replace(&mut session.parties[index], party);
            Ok(Edit::ReplaceParty(old))
        }
        Edit::MoveParty { party, index } => {
            let from = session
                .party_index(party)
                .ok_or(EditError::NoParty(party))?;
            let moved = session.parties.remove(from);
            session
                .parties
                .insert(index.min(session.parties.len()), moved);
            Ok(Edit::MoveParty { party, index: from })
        }
        Edit::InsertArticle { index, article } => {
            ensure_fresh(session, article.id.0)?;
            let id = article.id;
            let index = index.min(session.articles.len());
            session.articles.insert(index, article);
            session.article_inserted(index);
            Ok(Edit::RemoveArticle { article: id })
        }
        Edit::RemoveArticle { article } => {
            let index = session
                .article_index(article)
                .ok_or(EditError::NoArticle(article))?;
            if session.claims.values().any(|c| c.article == article) {
                return Err(EditError::ArticleHasClaims(article));
            }
            let article = session.articles.remove(index);
            session.positions_changed();
            Ok(Edit::InsertArticle { index, article })
        }
        Edit::SetArticleMeta { article, meta } => {
            let index = session
                .article_index(article)
                .ok_or(EditError::NoArticle(article))?;
            let old = std::mem::replace(&mut session.articles[index].meta, meta);
            Ok(Edit::SetArticleMeta { article, meta: old })
        }
        Edit::ReplaceArticleText {
            article,
            text,
            claims,
        } => {
            let index = session
                .article_index(article)
                .ok_or(EditError::NoArticle(article))?;
            let mut current: Vec<ClaimId> = session
                .claims
                .values()
                .filter(|c| c.article == article)
                .map(|c| c.id)
                .collect();
            let mut given: Vec<ClaimId> = claims.iter().map(|c| c.id).collect();
            current.sort_unstable();
            given.sort_unstable();
            if current != given || claims.iter().any(|c| c.article != article) {
                return Err(EditError::ClaimsDoNotMatchArticle(article));
            }
            for claim in &claims {
                check_claim_in(session, claim, &text)?;
            }
            let old_text = std::mem::replace(&mut session.articles[index].text, text);
            let old_claims = claims
                .into_iter()
                .filter_map(|claim| session.claims.insert(claim.id, claim))
                .collect();
            Ok(Edit::ReplaceArticleText {
                article,
                text: old_text,
                claims: old_claims,
            })
        }
        Edit::InsertFact { index, fact } => {
            ensure_fresh(session, fact.id.0)?;
            let id = fact.id;
            let index = index.min(session.facts.len());
            session.facts.insert(index, fact);
            session.fact_inserted(index);
            Ok(Edit::RemoveFact { fact: id })
        }
        Edit::RemoveFact { fact } => {
            let index = session.fact_index(fact).ok_or(EditError::NoFact(fact))?;
            if session.claims.values().any(|c| c.fact == Some(fact)) {
                return Err(EditError::FactHasClaims(fact));
            }
            let fact = session.facts.remove(index);
            session.positions_changed();
            Ok(Edit::InsertFact { index, fact })
        }
        Edit::ReplaceFact(fact) => {
            let index = session
                .fact_index(fact.id)
                .ok_or(EditError::NoFact(fact.id))?;
            let old = std::mem::replace(&mut session.facts[index], fact);
            Ok(Edit::ReplaceFact(old))
        }
        Edit::MoveFact { fact, index } => {
            let from = session.fact_index(fact).ok_or(EditError::NoFact(fact))?;
            let moved = session.facts.remove(from);
            session.facts.insert(index.min(session.facts.len()), moved);
            session.positions_changed();
            Ok(Edit::MoveFact { fact, index: from })
        }
        Edit::InsertClaim(claim) => {
            ensure_fresh(session, claim.id.0)?;
            check_claim(session, &claim)?;
            let id = claim.id;
            session.claims.insert(id, claim);
            Ok(Edit::RemoveClaim { claim: id })
        }
        Edit::RemoveClaim { claim } => {
            let removed = session
                .claims
                .remove(&claim)
                .ok_or(EditError::NoClaim(claim))?;
            Ok(Edit::InsertClaim(removed))
        }
        Edit::ReplaceClaim(claim) => {
            let old = session
                .claims
                .get(&claim.id)
                .ok_or(EditError::NoClaim(claim.id))?;
            if old.article != claim.article {
                return Err(EditError::ClaimMovedArticle);
            }
            check_claim(session, &claim)?;
            let old = session.claims.insert(claim.id, claim);
            old.map(Edit::ReplaceClaim)
                .ok_or(EditError::SpanOutsideText)
        }
        Edit::Reject(rejection) => {
            session
                .article(rejection.article)
                .ok_or(EditError::NoArticle(rejection.article))?;
            if session.rejected.insert(rejection.clone()) {
                Ok(Edit::Unreject(rejection))
            } else {
                Ok(Edit::Batch(Vec::new()))
            }
        }
        Edit::Unreject(rejection) => {
            if session.rejected.remove(&rejection) {
                Ok(Edit::Reject(rejection))
            } else {
                Ok(Edit::Batch(Vec::new()))
            }
        }
        Edit::SetAnalyst(name) => {
            let before = std::mem::replace(&mut session.analyst, name);
            Ok(Edit::SetAnalyst(before))
        }
        Edit::Batch(edits) => {
            let mut inverses = Vec::with_capacity(edits.len());
            for edit in edits {
                match apply(session, edit) {
                    Ok(inverse) => inverses.push(inverse),
                    Err(error) => {
                        for inverse in inverses.into_iter().rev() {
                            // Undoing what this batch just did cannot fail: each inverse
                            // restores a state that was valid a moment ago.
                            let _ = apply(session, inverse);
                        }
                        return Err(error);
                    }
                }
            }
            inverses.reverse();
            Ok(Edit::Batch(inverses))
        }
    }
}

/// Whether no party, article, fact or claim has `id` yet: by the session's maps, as a merge
/// inserts thousands of claims and facts in one batch.
fn ensure_fresh(session: &Session, id: u128) -> Result<(), EditError> {
    let taken = session.parties.iter().any(|p| p.id.0 == id)
        || session.article_index(super::ArticleId(id)).is_some()
        || session.fact_index(super::FactId(id)).is_some()
        || session.claims.contains_key(&ClaimId(id));
    if taken {
        Err(EditError::DuplicateId(super::ids::id_text(id)))
    } else {
        Ok(())
    }
}

fn check_claim(session: &Session, claim: &Claim) -> Result<(), EditError> {
    let article = session
        .article(claim.article)
        .ok_or(EditError::NoArticle(claim.article))?;
    check_claim_in(session, claim, &article.text)
}

/// Checks a claim against `text` (its article's text, or the text replacing it): its span
/// lies on it, and its party and fact exist.
fn check_claim_in(session: &Session, claim: &Claim, text: &str) -> Result<(), EditError> {
    if !claim.is_placed_consistently(text) {
        return Err(EditError::SpanOutsideText);
    }
    session
        .party(claim.party)
        .ok_or(EditError::NoParty(claim.party))?;
    if let Some(fact) = claim.fact {
        session.fact(fact).ok_or(EditError::NoFact(fact))?;
    }
    Ok(())
}
