//! Merging analysts' work.
//!
//! - [`merge_edit`]: another analyst's session into this one, as one undoable edit — the
//!   union of the work, matched by content (see [`super::matching`]), never by id. A claim
//!   identical to one already here (same article text, span, party, stance, fact statement)
//!   is there once, its note joined; one that overlaps a claim here by at least half but
//!   differs is kept beside it and both are marked for adjudication ([`Conflict`]). Merging
//!   the result with one of its inputs again adds nothing; nothing is dropped (a claim whose
//!   words are gone from this session's text is kept orphaned).
//! - [`three_way`]: for sessions kept in git. Both sides' changes since the common base are
//!   applied, by id (ids never collide across analysts, so an id both sides have is the
//!   same object); a claim both sides changed in the same field differently is a true
//!   conflict: both versions kept and marked. Notes both sides changed are joined.
//!
//! Both are deterministic: new ids (only needed when an id is taken) are derived from the
//! taken id, and no clock is read.

use std::collections::{BTreeSet, HashMap, HashSet};

use super::matching::{self, MatchedBy, Matching};
use crate::model::span::TextIndex;
use crate::model::{
    ArticleId, Claim, ClaimId, Conflict, Edit, FactId, Parts, Party, PartyId, Rejection, Session,
    TextSpan,
};

/// What a merge did, for the message and the command line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergeReport {
    pub parties_added: usize,
    pub facts_added: usize,
    pub articles_added: usize,
    pub claims_added: usize,
    /// Claims that were here already (identical).
    pub claims_identical: usize,
    pub notes_joined: usize,
    /// Pairs (or lone claims) marked for adjudication by this merge.
    pub conflicts: Vec<String>,
    /// Claims kept orphaned: their words are not in this session's version of the article.
    pub unplaced: usize,
    /// Changes that could not both be kept as they were (three-way only): what was kept.
    pub notices: Vec<String>,
}

impl MergeReport {
    /// One line for the user.
    pub fn summary(&self) -> String {
        let mut parts = vec![format!(
            "{} claims added, {} already here",
            self.claims_added, self.claims_identical
        )];
        for (n, what) in [
            (self.articles_added, "articles"),
            (self.parties_added, "parties"),
            (self.facts_added, "facts"),
            (self.notes_joined, "notes joined"),
            (
                self.unplaced,
                "claims kept orphaned (their words are not in this text)",
            ),
        ] {
            if n > 0 {
                parts.push(format!("{n} {what}"));
            }
        }
        if !self.conflicts.is_empty() {
            parts.push(format!("{} to adjudicate", self.conflicts.len()));
        }
        parts.join(", ")
    }
}

/// Hands out ids not yet taken, deterministically: an id that is free is kept; a taken one
/// is replaced by one derived from it.
struct Ids {
    taken: HashSet<u128>,
}

impl Ids {
    fn of(session: &Session) -> Self {
        let mut taken = HashSet::new();
        taken.extend(session.parties().iter().map(|p| p.id.0));
        taken.extend(session.articles().iter().map(|a| a.id.0));
        taken.extend(session.facts().iter().map(|f| f.id.0));
        taken.extend(session.claims().map(|c| c.id.0));
        Self { taken }
    }

    fn claim(&mut self, wanted: u128) -> u128 {
        let mut id = wanted;
        let mut round = 0u64;
        while !self.taken.insert(id) {
            round += 1;
            // SplitMix64 of the wanted id and the round: a new origin, the same counter.
            #[expect(clippy::cast_possible_truncation, reason = "the halves of the id")]
            let (origin, counter) = ((wanted >> 64) as u64, wanted as u64);
            let mut z = origin ^ round.wrapping_mul(0x9e37_79b9_7f4a_7c15);
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^= z >> 31;
            id = crate::model::compose_id(z.max(1), counter);
        }
        id
    }
}

/// What tells two claims of one article apart for identity: span (or quote, when
/// orphaned), party, fact, stance.
type Identity = (
    ArticleId,
    usize,
    usize,
    String,
    PartyId,
    Option<FactId>,
    bool,
);

fn identity(claim: &Claim) -> Identity {
    let span = if claim.orphaned {
        (0, 0)
    } else {
        (claim.anchor.span.start.0, claim.anchor.span.end.0)
    };
    (
        claim.article,
        span.0,
        span.1,
        claim.anchor.quote.clone(),
        claim.party,
        claim.fact,
        claim.stance == crate::model::Stance::Denies,
    )
}

/// `note` with `other` added on a line of its own, unless it says it already.
pub(super) fn joined(note: &str, other: &str) -> Option<String> {
    let other = other.trim();
    if other.is_empty() || note.contains(other) {
        None
    } else if note.trim().is_empty() {
        Some(other.to_owned())
    } else {
        Some(format!("{note}\n{other}"))
    }
}

/// Whether two spans overlap by at least half of the longer (the agreement's rule).
fn overlap_by_half(x: TextSpan, y: TextSpan) -> bool {
    let overlap = x
        .end
        .0
        .min(y.end.0)
        .saturating_sub(x.start.0.max(y.start.0));
    overlap > 0 && 2 * overlap >= x.len().max(y.len())
}

/// What differs between two versions of a claim, in words.
fn differences(
    here: &Session,
    mine: &Claim,
    other: &Claim,
    other_party: &str,
    other_fact: Option<&str>,
) -> String {
    let mut parts = Vec::new();
    let who = |claim: &Claim| {
        if claim.analyst.is_empty() {
            String::new()
        } else {
            format!(" ({})", claim.analyst)
        }
    };
    if mine.anchor.span != other.anchor.span || mine.orphaned != other.orphaned {
        parts.push("boundary".to_owned());
    }
    let my_party = here.party(mine.party).map_or("?", |p| p.name.as_str());
    if my_party != other_party {
        parts.push(format!(
            "party: {my_party}{} vs {other_party}{}",
            who(mine),
            who(other)
        ));
    }
    let my_fact = mine
        .fact
        .and_then(|f| here.fact(f))
        .map(|f| f.statement.as_str());
    if my_fact.map(matching::statement_key) != other_fact.map(matching::statement_key) {
        parts.push(format!(
            "fact: {} vs {}",
            my_fact.map_or("none".to_owned(), crate::model::short),
            other_fact.map_or("none".to_owned(), crate::model::short)
        ));
    } else if mine.stance != other.stance {
        parts.push(format!(
            "stance: {} vs {}",
            mine.stance.label(),
            other.stance.label()
        ));
    }
    if parts.is_empty() {
        "the two versions differ".to_owned()
    } else {
        parts.join("; ")
    }
}

/// The edit that merges `theirs` into `ours`, and what it does. Applied to `ours` it gives
/// the union of both analysts' work.
#[expect(
    clippy::too_many_lines,
    reason = "one pass per kind of object, in the order their references need"
)]
pub fn merge_edit(ours: &Session, theirs: &Session) -> (Edit, MergeReport) {
    let matching = Matching::new(ours, theirs);
    let mut ids = Ids::of(ours);
    let mut report = MergeReport::default();
    let mut edits = Vec::new();
    // Parties: matched ones gain the other's names as aliases; the rest are added.
    let mut party_map: HashMap<PartyId, PartyId> = HashMap::new();
    for party in theirs.parties() {
        if let Some(&mine) = matching.parties.get(&party.id) {
            party_map.insert(party.id, mine);
            let Some(current) = ours.party(mine) else {
                continue;
            };
            let mut updated = current.clone();
            for name in std::iter::once(&party.name).chain(&party.aliases) {
                let known = std::iter::once(&updated.name)
                    .chain(&updated.aliases)
                    .any(|n| n.trim().eq_ignore_ascii_case(name.trim()));
                if !known && !name.trim().is_empty() {
                    updated.aliases.push(name.clone());
                }
            }
            if updated != *current {
                edits.push(Edit::ReplaceParty(updated));
            }
        } else {
            let id = PartyId(ids.claim(party.id.0));
            party_map.insert(party.id, id);
            edits.push(Edit::InsertParty {
                index: usize::MAX,
                party: Party {
                    id,
                    ..party.clone()
                },
            });
            report.parties_added += 1;
        }
    }
    // Facts: matched by statement, the rest added.
    let mut fact_map: HashMap<FactId, FactId> = HashMap::new();
    for fact in theirs.facts() {
        if let Some(&mine) = matching.facts.get(&fact.id) {
            fact_map.insert(fact.id, mine);
        } else {
            let id = FactId(ids.claim(fact.id.0));
            fact_map.insert(fact.id, id);
            let mut added = fact.clone();
            added.id = id;
            edits.push(Edit::InsertFact {
                index: usize::MAX,
                fact: added,
            });
            report.facts_added += 1;
        }
    }
    // Articles: matched by text (or title and source), the rest added.
    let mut article_map: HashMap<ArticleId, (ArticleId, MatchedBy)> = HashMap::new();
    let mut texts: HashMap<ArticleId, &str> = ours
        .articles()
        .iter()
        .map(|a| (a.id, a.text.as_str()))
        .collect();
    let pair_of_theirs: HashMap<ArticleId, &matching::ArticlePair> =
        matching.articles.iter().map(|p| (p.b, p)).collect();
    for article in theirs.articles() {
        if let Some(pair) = pair_of_theirs.get(&article.id) {
            article_map.insert(article.id, (pair.a, pair.by));
        } else {
            let id = ArticleId(ids.claim(article.id.0));
            article_map.insert(article.id, (id, MatchedBy::SameText));
            texts.insert(id, article.text.as_str());
            let mut added = article.clone();
            added.id = id;
            edits.push(Edit::InsertArticle {
                index: usize::MAX,
                article: added,
            });
            report.articles_added += 1;
        }
    }
    // Claims: identical ones once, overlapping different ones kept and marked, the rest added.
    // A session may hold the same claim twice (with different notes): every id is kept.
    let mut present: HashMap<Identity, Vec<ClaimId>> = HashMap::new();
    for claim in ours.claims() {
        present.entry(identity(claim)).or_default().push(claim.id);
    }
    // Ours' placed claims per article by start, with the longest span, so the claims a span
    // may overlap by half are found by binary search.
    let mut by_article: HashMap<ArticleId, (Vec<(usize, ClaimId)>, usize)> = HashMap::new();
    for claim in ours.claims().filter(|c| !c.orphaned) {
        let entry = by_article.entry(claim.article).or_default();
        entry.0.push((claim.anchor.span.start.0, claim.id));
        entry.1 = entry.1.max(claim.anchor.span.len());
    }
    for (list, _) in by_article.values_mut() {
        list.sort_unstable();
    }
    // Ours' claims this merge changes (a note joined, a conflict marked), written at the end.
    let mut changed: HashMap<ClaimId, Claim> = HashMap::new();
    let mut added: Vec<Claim> = Vec::new();
    let mut added_at: HashMap<ClaimId, usize> = HashMap::new();
    let mut claim_map: HashMap<ClaimId, ClaimId> = HashMap::new();
    // Each article's text indexed once for all the claims placed in it (built only when a
    // claim has to be searched for).
    let mut indexes: HashMap<ArticleId, TextIndex<'_>> = HashMap::new();
    for claim in theirs.claims() {
        let (Some(&(article, by)), Some(&party)) =
            (article_map.get(&claim.article), party_map.get(&claim.party))
        else {
            continue;
        };
        let text = texts.get(&article).copied().unwrap_or_default();
        let mut candidate = claim.clone();
        candidate.article = article;
        candidate.party = party;
        candidate.fact = claim.fact.and_then(|f| fact_map.get(&f).copied());
        if candidate.analyst.is_empty() {
            theirs.analyst().clone_into(&mut candidate.analyst);
        }
        if !claim.orphaned {
            let index = indexes
                .entry(article)
                .or_insert_with(|| TextIndex::new(text));
            if let Some(anchor) = matching::place(claim, index, by) {
                candidate.anchor = anchor;
            } else {
                candidate.orphan(text);
                report.unplaced += 1;
            }
        } else if !candidate.is_placed_consistently(text) {
            candidate.orphan(text);
        }
        if let Some(identical) = present.get(&identity(&candidate)) {
            let current_of = |id: &ClaimId| {
                changed
                    .get(id)
                    .cloned()
                    .or_else(|| ours.claim(*id).cloned())
                    .or_else(|| added_at.get(id).map(|&i| added[i].clone()))
            };
            // The identical claim that holds this note already, else the first: merging a
            // session into one that holds it changes nothing, duplicates and all.
            let same = identical
                .iter()
                .find(|id| current_of(id).is_some_and(|c| joined(&c.note, &claim.note).is_none()))
                .or(identical.first())
                .copied()
                .unwrap_or(claim.id);
            let current = current_of(&same);
            claim_map.insert(claim.id, same);
            report.claims_identical += 1;
            if let Some(mut current) = current
                && let Some(note) = joined(&current.note, &claim.note)
            {
                current.note = note;
                report.notes_joined += 1;
                if let Some(&i) = added_at.get(&same) {
                    added[i] = current;
                } else {
                    changed.insert(same, current);
                }
            }
            continue;
        }
        candidate.id = ClaimId(ids.claim(claim.id.0));
        claim_map.insert(claim.id, candidate.id);
        if !candidate.orphaned {
            let span = candidate.anchor.span;
            let rival = by_article.get(&article).and_then(|(list, longest)| {
                let from = list.partition_point(|&(start, _)| start + longest < span.start.0);
                list[from..]
                    .iter()
                    .take_while(|&&(start, _)| start < span.end.0)
                    .map(|&(_, id)| id)
                    .find(|&id| {
                        ours.claim(id)
                            .is_some_and(|c| overlap_by_half(c.anchor.span, span))
                    })
            });
            if let Some(rival) = rival
                && let Some(mine) = changed
                    .get(&rival)
                    .cloned()
                    .or_else(|| ours.claim(rival).cloned())
            {
                let other_party = theirs.party(claim.party).map_or("?", |p| p.name.as_str());
                let other_fact = claim
                    .fact
                    .and_then(|f| theirs.fact(f))
                    .map(|f| f.statement.as_str());
                let reason = differences(ours, &mine, &candidate, other_party, other_fact);
                report.conflicts.push(format!(
                    "“{}”: {reason}",
                    crate::model::short(&candidate.anchor.quote)
                ));
                candidate.conflict = Some(Conflict {
                    with: Some(rival),
                    reason: reason.clone(),
                });
                if mine.conflict.is_none() {
                    let mut marked = mine;
                    marked.conflict = Some(Conflict {
                        with: Some(candidate.id),
                        reason,
                    });
                    changed.insert(rival, marked);
                }
            }
        }
        present
            .entry(identity(&candidate))
            .or_default()
            .push(candidate.id);
        added_at.insert(candidate.id, added.len());
        added.push(candidate);
    }
    // A conflict theirs had not adjudicated yet stays, pointing at the claims as merged.
    for claim in &mut added {
        if let Some(conflict) = &mut claim.conflict
            && let Some(with) = conflict.with
            && theirs.claim(with).is_some()
            && claim_map.contains_key(&with)
        {
            conflict.with = claim_map.get(&with).copied();
        }
    }
    report.claims_added = added.len();
    edits.extend(added.into_iter().map(Edit::InsertClaim));
    let mut changed: Vec<Claim> = changed.into_values().collect();
    changed.sort_by_key(|c| c.id);
    edits.extend(changed.into_iter().map(Edit::ReplaceClaim));
    for rejection in theirs.rejections() {
        if let Some(&(article, _)) = article_map.get(&rejection.article) {
            let rejection = Rejection {
                article,
                quote: rejection.quote.clone(),
            };
            if !ours.is_rejected(article, &rejection.quote) {
                edits.push(Edit::Reject(rejection));
            }
        }
    }
    (Edit::Batch(edits), report)
}

/// Merges several sessions into the first, in order.
pub fn merge_all(first: &Session, rest: &[Session]) -> Result<(Session, MergeReport), String> {
    let mut merged = first.clone();
    let mut total = MergeReport::default();
    for other in rest {
        let (edit, report) = merge_edit(&merged, other);
        merged
            .apply(edit)
            .map_err(|e| format!("the merge could not be applied: {e}"))?;
        total.parties_added += report.parties_added;
        total.facts_added += report.facts_added;
        total.articles_added += report.articles_added;
        total.claims_added += report.claims_added;
        total.claims_identical += report.claims_identical;
        total.notes_joined += report.notes_joined;
        total.unplaced += report.unplaced;
        total.conflicts.extend(report.conflicts);
    }
    Ok((merged, total))
}

/// How one object came out of a three-way merge.
enum Outcome<T> {
    Keep(T),
    Gone,
    /// Both sides changed it differently, or one deleted what the other changed.
    Conflict {
        base: Option<T>,
        ours: Option<T>,
        theirs: Option<T>,
    },
}

/// Three-way merge of one kind of object, by id: the outcome for each id, in order (ours'
/// order, or theirs' when ours kept the base's order, then what the other side added).
fn by_id<T: Clone, K: Copy + Eq + std::hash::Hash>(
    base: &[T],
    ours: &[T],
    theirs: &[T],
    key: impl Fn(&T) -> K,
    same: impl Fn(&T, &T) -> bool,
) -> Vec<(K, Outcome<T>)> {
    let index = |list: &[T]| -> HashMap<K, usize> {
        list.iter().enumerate().map(|(i, x)| (key(x), i)).collect()
    };
    let (b, o, t) = (index(base), index(ours), index(theirs));
    let order = |list: &[T]| -> Vec<K> { list.iter().map(&key).collect() };
    // Theirs' order when ours left the list as the base had it (same objects, same
    // order); otherwise ours', with what theirs added after it.
    let (first, second) = if order(ours) == order(base) {
        (theirs, ours)
    } else {
        (ours, theirs)
    };
    let mut keys: Vec<K> = order(first);
    let mut seen: HashSet<K> = keys.iter().copied().collect();
    keys.extend(order(second).into_iter().filter(|k| seen.insert(*k)));
    keys.extend(order(base).into_iter().filter(|k| seen.insert(*k)));
    keys.into_iter()
        .map(|k| {
            let get = |map: &HashMap<K, usize>, list: &[T]| map.get(&k).map(|&i| list[i].clone());
            let (bx, ox, tx) = (get(&b, base), get(&o, ours), get(&t, theirs));
            let outcome = match (bx, ox, tx) {
                (_, None, None) => Outcome::Gone,
                (None, Some(x), None) | (None, None, Some(x)) => Outcome::Keep(x),
                (Some(bx), Some(ox), None) => {
                    if same(&bx, &ox) {
                        Outcome::Gone
                    } else {
                        Outcome::Conflict {
                            base: Some(bx),
                            ours: Some(ox),
                            theirs: None,
                        }
                    }
                }
                (Some(bx), None, Some(tx)) => {
                    if same(&bx, &tx) {
                        Outcome::Gone
                    } else {
                        Outcome::Conflict {
                            base: Some(bx),
                            ours: None,
                            theirs: Some(tx),
                        }
                    }
                }
                (bx, Some(ox), Some(tx)) => {
                    if same(&ox, &tx) || bx.as_ref().is_some_and(|bx| same(bx, &tx)) {
                        Outcome::Keep(ox)
                    } else if bx.as_ref().is_some_and(|bx| same(bx, &ox)) {
                        Outcome::Keep(tx)
                    } else {
                        Outcome::Conflict {
                            base: bx,
                            ours: Some(ox),
                            theirs: Some(tx),
                        }
                    }
                }
            };
            (k, outcome)
        })
        .collect()
}

/// The side's value of a field if only it changed it since the base; `Err` when both
/// changed it differently.
fn field<T: PartialEq + Clone>(base: &T, ours: &T, theirs: &T) -> Result<T, ()> {
    if ours == theirs || theirs == base {
        Ok(ours.clone())
    } else if ours == base {
        Ok(theirs.clone())
    } else {
        Err(())
    }
}

/// Two claims are the same version when all but their modification time is.
fn same_claim(x: &Claim, y: &Claim) -> bool {
    let mut y = y.clone();
    y.modified = x.modified;
    *x == y
}

/// Brings back into `list` the objects with ids in `wanted` that it lacks, from the first of
/// `sources` that has them (a kept claim refers to them, though one side deleted them).
fn restore<T: Clone>(
    list: &mut Vec<T>,
    wanted: &BTreeSet<u128>,
    id_of: impl Fn(&T) -> u128,
    sources: [&[T]; 3],
) {
    let have: HashSet<u128> = list.iter().map(&id_of).collect();
    for id in wanted.iter().filter(|id| !have.contains(id)) {
        if let Some(found) = sources
            .iter()
            .find_map(|s| s.iter().find(|x| id_of(x) == *id))
        {
            list.push(found.clone());
        }
    }
}

/// The three-way merge of a session kept in git: `ours` and `theirs` changed `base`
/// independently. Returns the merged session and what happened; `report.conflicts` lists
/// what is left for the analyst (a git merge driver exits non-zero while it is not empty).
#[expect(
    clippy::too_many_lines,
    reason = "one pass per kind of object, each with its own way to keep both sides"
)]
pub fn three_way(base: &Session, ours: &Session, theirs: &Session) -> (Session, MergeReport) {
    let (b, o, t) = (base.to_parts(), ours.to_parts(), theirs.to_parts());
    let mut report = MergeReport::default();
    let mut ids = Ids::of(ours);
    for session in [base, theirs] {
        ids.taken.extend(Ids::of(session).taken);
    }
    // Parties: a conflict keeps ours, with theirs' names as aliases.
    let mut parties = Vec::new();
    for (_, outcome) in by_id(&b.parties, &o.parties, &t.parties, |p| p.id, |x, y| x == y) {
        match outcome {
            Outcome::Keep(p) => parties.push(p),
            Outcome::Gone => {}
            Outcome::Conflict { ours, theirs, .. } => {
                let kept = match (ours, theirs) {
                    (Some(mut mine), Some(other)) => {
                        for name in std::iter::once(&other.name).chain(&other.aliases) {
                            if name != &mine.name && !mine.aliases.contains(name) {
                                mine.aliases.push(name.clone());
                            }
                        }
                        report.notices.push(format!(
                            "party “{}” was changed on both sides (theirs: “{}”); ours kept, their names added as aliases",
                            mine.name, other.name
                        ));
                        mine
                    }
                    (Some(x), None) | (None, Some(x)) => x,
                    (None, None) => continue,
                };
                parties.push(kept);
            }
        }
    }
    let mut facts = Vec::new();
    for (_, outcome) in by_id(&b.facts, &o.facts, &t.facts, |f| f.id, |x, y| x == y) {
        match outcome {
            Outcome::Keep(f) => facts.push(f),
            Outcome::Gone => {}
            Outcome::Conflict { ours, theirs, .. } => match (ours, theirs) {
                (Some(mine), Some(other)) => {
                    // Theirs' wording is kept too, as a fact of its own, so nothing is lost.
                    let mut theirs_wording = other.clone();
                    theirs_wording.id = FactId(ids.claim(other.id.0));
                    report.conflicts.push(format!(
                        "fact reworded on both sides: ours “{}” kept for its claims, theirs “{}” added beside it",
                        mine.statement, other.statement
                    ));
                    facts.push(mine);
                    facts.push(theirs_wording);
                }
                (Some(x), None) | (None, Some(x)) => facts.push(x),
                (None, None) => {}
            },
        }
    }
    let mut articles = Vec::new();
    for (_, outcome) in by_id(
        &b.articles,
        &o.articles,
        &t.articles,
        |a| a.id,
        |x, y| x == y,
    ) {
        match outcome {
            Outcome::Keep(a) => articles.push(a),
            Outcome::Gone => {}
            Outcome::Conflict { base, ours, theirs } => match (base, ours, theirs) {
                (Some(bx), Some(mut mine), Some(other)) => {
                    mine.meta.title = field(&bx.meta.title, &mine.meta.title, &other.meta.title)
                        .unwrap_or(mine.meta.title.clone());
                    mine.meta.outlet =
                        field(&bx.meta.outlet, &mine.meta.outlet, &other.meta.outlet)
                            .unwrap_or(mine.meta.outlet.clone());
                    mine.meta.published = field(
                        &bx.meta.published,
                        &mine.meta.published,
                        &other.meta.published,
                    )
                    .unwrap_or(mine.meta.published);
                    mine.meta.source =
                        field(&bx.meta.source, &mine.meta.source, &other.meta.source)
                            .unwrap_or(mine.meta.source.clone());
                    match field(&bx.text, &mine.text, &other.text) {
                        Ok(text) => mine.text = text,
                        Err(()) => report.conflicts.push(format!(
                            "the text of “{}” was replaced on both sides (ours kept; their claims placed in it again)",
                            mine.meta.title
                        )),
                    }
                    articles.push(mine);
                }
                (_, Some(x), None) | (_, None, Some(x)) => articles.push(x),
                _ => {}
            },
        }
    }
    let mut claims = Vec::new();
    for (_, outcome) in by_id(&b.claims, &o.claims, &t.claims, |c| c.id, same_claim) {
        match outcome {
            Outcome::Keep(c) => claims.push(c),
            Outcome::Gone => {}
            Outcome::Conflict { base, ours, theirs } => match (base, ours, theirs) {
                (Some(bx), Some(mine), Some(other)) => {
                    let mut merged = mine.clone();
                    let mut clash = Vec::new();
                    match field(
                        &(bx.anchor.clone(), bx.orphaned),
                        &(mine.anchor.clone(), mine.orphaned),
                        &(other.anchor.clone(), other.orphaned),
                    ) {
                        Ok((anchor, orphaned)) => {
                            (merged.anchor, merged.orphaned) = (anchor, orphaned);
                        }
                        Err(()) => clash.push("boundary"),
                    }
                    match field(&bx.party, &mine.party, &other.party) {
                        Ok(party) => merged.party = party,
                        Err(()) => clash.push("party"),
                    }
                    match field(&bx.fact, &mine.fact, &other.fact) {
                        Ok(fact) => merged.fact = fact,
                        Err(()) => clash.push("fact"),
                    }
                    match field(&bx.stance, &mine.stance, &other.stance) {
                        Ok(stance) => merged.stance = stance,
                        Err(()) => clash.push("stance"),
                    }
                    match field(&bx.conflict, &mine.conflict, &other.conflict) {
                        Ok(conflict) => merged.conflict = conflict,
                        Err(()) => merged.conflict.clone_from(&mine.conflict),
                    }
                    merged.note = match field(&bx.note, &mine.note, &other.note) {
                        Ok(note) => note,
                        Err(()) => joined(&mine.note, &other.note).unwrap_or(mine.note.clone()),
                    };
                    merged.modified = mine.modified.max(other.modified);
                    if clash.is_empty() {
                        claims.push(merged);
                    } else {
                        let reason = format!("changed on both sides: {}", clash.join(", "));
                        let mut copy = other.clone();
                        copy.id = ClaimId(ids.claim(other.id.0));
                        copy.conflict = Some(Conflict {
                            with: Some(mine.id),
                            reason: reason.clone(),
                        });
                        merged.conflict = Some(Conflict {
                            with: Some(copy.id),
                            reason: reason.clone(),
                        });
                        report.conflicts.push(format!(
                            "“{}”: {reason}",
                            crate::model::short(&mine.anchor.quote)
                        ));
                        claims.push(merged);
                        claims.push(copy);
                    }
                }
                (_, Some(kept), None) | (_, None, Some(kept)) => {
                    let reason = if o.claims.iter().any(|c| c.id == kept.id) {
                        "deleted on their side, changed on ours"
                    } else {
                        "deleted on our side, changed on theirs"
                    }
                    .to_owned();
                    report.conflicts.push(format!(
                        "“{}”: {reason}",
                        crate::model::short(&kept.anchor.quote)
                    ));
                    let mut kept = kept;
                    kept.conflict = Some(Conflict { with: None, reason });
                    claims.push(kept);
                }
                _ => {}
            },
        }
    }
    // What a kept claim refers to stays, even if one side deleted it.
    let wanted_parties: BTreeSet<u128> = claims.iter().map(|c| c.party.0).collect();
    restore(
        &mut parties,
        &wanted_parties,
        |p: &Party| p.id.0,
        [&o.parties, &t.parties, &b.parties],
    );
    let wanted_facts: BTreeSet<u128> = claims.iter().filter_map(|c| c.fact.map(|f| f.0)).collect();
    restore(
        &mut facts,
        &wanted_facts,
        |f: &crate::model::Fact| f.id.0,
        [&o.facts, &t.facts, &b.facts],
    );
    let wanted_articles: BTreeSet<u128> = claims.iter().map(|c| c.article.0).collect();
    restore(
        &mut articles,
        &wanted_articles,
        |a: &crate::model::Article| a.id.0,
        [&o.articles, &t.articles, &b.articles],
    );
    // Rejections: kept unless one side took back one the base had.
    let rejected: BTreeSet<Rejection> = o
        .rejected
        .iter()
        .chain(&t.rejected)
        .filter(|r| {
            let (in_o, in_t) = (o.rejected.contains(r), t.rejected.contains(r));
            (in_o && in_t) || !b.rejected.contains(r)
        })
        .cloned()
        .collect();
    let analyst = field(&b.analyst, &o.analyst, &t.analyst).unwrap_or(o.analyst.clone());
    let (session, repaired) = Session::from_parts(Parts {
        analyst,
        parties,
        articles,
        facts,
        claims,
        rejected,
        next_id: o.next_id.max(t.next_id),
        created: o.created,
        modified: o.modified.max(t.modified),
    });
    report.notices.extend(repaired);
    (session, report)
}
