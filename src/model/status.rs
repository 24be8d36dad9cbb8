//! The agreement rules: a fact's status is computed from the claims on it, never stored.

use rustc_hash::FxHashMap as HashMap;

use super::{ArticleId, ClaimId, FactId, PartyId, Session, Stance};

/// Where the parties stand on a fact.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FactStatus {
    /// Two or more parties speak to it and all take the same stance.
    Agreed,
    /// One party affirms it and another denies it.
    Disputed,
    /// Only one party speaks to it.
    OneSided,
    /// No claim is linked to it yet.
    Unclaimed,
}

impl FactStatus {
    pub const ALL: [Self; 4] = [
        Self::Agreed,
        Self::Disputed,
        Self::OneSided,
        Self::Unclaimed,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Agreed => "agreed",
            Self::Disputed => "disputed",
            Self::OneSided => "one-sided",
            Self::Unclaimed => "no claims",
        }
    }
}

/// Which parties affirm and deny one fact.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FactStanding {
    pub status: FactStatus,
    /// Parties with at least one affirming claim, in session order.
    pub affirming: Vec<PartyId>,
    /// Parties with at least one denying claim, in session order.
    pub denying: Vec<PartyId>,
    /// Parties that both affirm and deny the fact.
    pub inconsistent: Vec<PartyId>,
    pub claim_count: usize,
}

impl FactStanding {
    /// From each speaking party's stances (bit 1: affirms, bit 2: denies).
    fn from_stances(stances: &[(PartyId, u8)], order: &[PartyId]) -> Self {
        let in_order = |stance: Stance| -> Vec<PartyId> {
            let bit = stance_bit(stance);
            order
                .iter()
                .copied()
                .filter(|party| {
                    stances
                        .iter()
                        .any(|(speaker, bits)| speaker == party && bits & bit != 0)
                })
                .collect()
        };
        let affirming = in_order(Stance::Affirms);
        let denying = in_order(Stance::Denies);
        let inconsistent: Vec<PartyId> = affirming
            .iter()
            .copied()
            .filter(|party| denying.contains(party))
            .collect();
        let speaking = stances.len();
        let disputed = affirming.iter().any(|a| denying.iter().any(|d| d != a));
        let status = match speaking {
            0 => FactStatus::Unclaimed,
            1 => FactStatus::OneSided,
            _ if disputed => FactStatus::Disputed,
            // With two or more parties and no cross-party dispute, nobody can be
            // inconsistent (an inconsistent party would dispute every other party), so every
            // party takes the same single stance.
            _ => FactStatus::Agreed,
        };
        Self {
            status,
            affirming,
            denying,
            inconsistent,
            claim_count: 0,
        }
    }
}

/// Counts of facts by status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StatusCounts {
    pub agreed: usize,
    pub disputed: usize,
    pub one_sided: usize,
    pub unclaimed: usize,
}

impl StatusCounts {
    pub fn get(&self, status: FactStatus) -> usize {
        match status {
            FactStatus::Agreed => self.agreed,
            FactStatus::Disputed => self.disputed,
            FactStatus::OneSided => self.one_sided,
            FactStatus::Unclaimed => self.unclaimed,
        }
    }

    fn add(&mut self, status: FactStatus) {
        match status {
            FactStatus::Agreed => self.agreed += 1,
            FactStatus::Disputed => self.disputed += 1,
            FactStatus::OneSided => self.one_sided += 1,
            FactStatus::Unclaimed => self.unclaimed += 1,
        }
    }

    fn remove(&mut self, status: FactStatus) {
        let count = match status {
            FactStatus::Agreed => &mut self.agreed,
            FactStatus::Disputed => &mut self.disputed,
            FactStatus::OneSided => &mut self.one_sided,
            FactStatus::Unclaimed => &mut self.unclaimed,
        };
        *count = count.saturating_sub(1);
    }
}

/// Everything derived from a session that views and reports read: fact statuses, counts and
/// reading order. Built once (linear in the number of claims), then updated for the claims
/// an edit touched ([`Analysis::update`]): an edit of one claim costs a few binary searches,
/// list shifts and the standings of at most two facts, not a pass over every claim.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Analysis {
    standings: HashMap<FactId, FactStanding>,
    pub counts: StatusCounts,
    /// All claims, by article order then position in the article.
    pub reading_order: Vec<ClaimId>,
    claims_per_article: HashMap<ArticleId, usize>,
    claims_per_party: HashMap<PartyId, usize>,
    /// Claims linked to no fact, in reading order.
    pub unlinked: Vec<ClaimId>,
    /// Each fact's claims, in reading order.
    fact_claims: HashMap<FactId, Vec<ClaimId>>,
    /// Each party's claims, in reading order.
    party_claims: HashMap<PartyId, Vec<ClaimId>>,
    /// Claims whose quote is no longer in their article's text, in reading order.
    pub orphaned: Vec<ClaimId>,
    /// Where each claim was counted (to take it out again when it changes).
    placed: HashMap<ClaimId, Placed>,
    article_rank: HashMap<ArticleId, usize>,
    party_order: Vec<PartyId>,
}

/// What the analysis counted a claim under.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Placed {
    key: ReadingKey,
    article: ArticleId,
    party: PartyId,
    fact: Option<FactId>,
    orphaned: bool,
}

/// A claim's place in reading order: its article's rank, then its span, then its id.
type ReadingKey = (usize, usize, usize, ClaimId);

fn stance_bit(stance: Stance) -> u8 {
    match stance {
        Stance::Affirms => 1,
        Stance::Denies => 2,
    }
}

/// What the analysis needs of a claim, small enough to sort quickly.
struct CompactClaim {
    rank: usize,
    start: usize,
    end: usize,
    id: ClaimId,
    article: ArticleId,
    party: PartyId,
    fact: Option<FactId>,
    stance: Stance,
    orphaned: bool,
}

impl Analysis {
    pub fn new(session: &Session) -> Self {
        let party_order: Vec<PartyId> = session.parties().iter().map(|p| p.id).collect();
        let article_rank: HashMap<ArticleId, usize> = session
            .articles()
            .iter()
            .enumerate()
            .map(|(rank, article)| (article.id, rank))
            .collect();
        // One pass over the claims into a compact list, sorted into reading order; every
        // figure below comes from that list.
        let mut compact: Vec<CompactClaim> = session
            .claims()
            .map(|claim| CompactClaim {
                rank: article_rank
                    .get(&claim.article)
                    .copied()
                    .unwrap_or(usize::MAX),
                start: claim.anchor.span.start.0,
                end: claim.anchor.span.end.0,
                id: claim.id,
                article: claim.article,
                party: claim.party,
                fact: claim.fact,
                stance: claim.stance,
                orphaned: claim.orphaned,
            })
            .collect();
        compact.sort_unstable_by_key(|c| (c.rank, c.start, c.end, c.id));

        let mut stances: HashMap<FactId, Vec<(PartyId, u8)>> = HashMap::default();
        let mut claim_counts: HashMap<FactId, usize> = HashMap::default();
        let mut claims_per_article: HashMap<ArticleId, usize> = HashMap::default();
        let mut claims_per_party: HashMap<PartyId, usize> = HashMap::default();
        let mut reading_order = Vec::with_capacity(compact.len());
        let mut unlinked = Vec::new();
        let mut fact_claims: HashMap<FactId, Vec<ClaimId>> = HashMap::default();
        let mut party_claims: HashMap<PartyId, Vec<ClaimId>> = HashMap::default();
        let mut orphaned = Vec::new();
        let mut placed =
            HashMap::with_capacity_and_hasher(compact.len(), rustc_hash::FxBuildHasher);
        for claim in &compact {
            placed.insert(
                claim.id,
                Placed {
                    key: (claim.rank, claim.start, claim.end, claim.id),
                    article: claim.article,
                    party: claim.party,
                    fact: claim.fact,
                    orphaned: claim.orphaned,
                },
            );
            reading_order.push(claim.id);
            if claim.orphaned {
                orphaned.push(claim.id);
            }
            *claims_per_article.entry(claim.article).or_default() += 1;
            *claims_per_party.entry(claim.party).or_default() += 1;
            party_claims.entry(claim.party).or_default().push(claim.id);
            match claim.fact {
                Some(fact) => {
                    let speakers = stances.entry(fact).or_default();
                    match speakers.iter_mut().find(|(party, _)| *party == claim.party) {
                        Some((_, bits)) => *bits |= stance_bit(claim.stance),
                        None => speakers.push((claim.party, stance_bit(claim.stance))),
                    }
                    *claim_counts.entry(fact).or_default() += 1;
                    fact_claims.entry(fact).or_default().push(claim.id);
                }
                None => unlinked.push(claim.id),
            }
        }
        let mut counts = StatusCounts::default();
        let standings = session
            .facts()
            .iter()
            .map(|fact| {
                let mut standing = FactStanding::from_stances(
                    stances.get(&fact.id).map_or(&[], Vec::as_slice),
                    &party_order,
                );
                standing.claim_count = claim_counts.get(&fact.id).copied().unwrap_or(0);
                counts.add(standing.status);
                (fact.id, standing)
            })
            .collect();
        Self {
            standings,
            counts,
            reading_order,
            claims_per_article,
            claims_per_party,
            unlinked,
            fact_claims,
            party_claims,
            orphaned,
            placed,
            article_rank,
            party_order,
        }
    }

    /// Brings the analysis up to date after an edit that changed only the claims `touched`
    /// (see [`Edit::touched_claims`](super::Edit::touched_claims)): each is taken out where
    /// it was counted and put in again as it is now, and the standings of the facts it left
    /// or joined are worked out again. The same result as [`Analysis::new`], in time
    /// logarithmic in the claims per touched claim (plus shifting the lists it is in).
    pub fn update(&mut self, session: &Session, touched: &[ClaimId]) {
        let mut facts: Vec<FactId> = Vec::new();
        for &id in touched {
            if let Some(old) = self.placed.get(&id).copied() {
                // Taken out of the lists while its old key is still known to them.
                self.take_out(id, old);
                self.placed.remove(&id);
                facts.extend(old.fact);
            }
            if let Some(claim) = session.claim(id) {
                let placed = Placed {
                    key: (
                        self.article_rank
                            .get(&claim.article)
                            .copied()
                            .unwrap_or(usize::MAX),
                        claim.anchor.span.start.0,
                        claim.anchor.span.end.0,
                        claim.id,
                    ),
                    article: claim.article,
                    party: claim.party,
                    fact: claim.fact,
                    orphaned: claim.orphaned,
                };
                self.put_in(placed);
                facts.extend(placed.fact);
            }
        }
        facts.sort_unstable();
        facts.dedup();
        for fact in facts {
            self.stand(session, fact);
        }
    }

    fn take_out(&mut self, id: ClaimId, old: Placed) {
        remove_sorted(&mut self.reading_order, id, old.key, &self.placed);
        if old.orphaned {
            remove_sorted(&mut self.orphaned, id, old.key, &self.placed);
        }
        match old.fact {
            Some(fact) => {
                if let Some(list) = self.fact_claims.get_mut(&fact) {
                    remove_sorted(list, id, old.key, &self.placed);
                    if list.is_empty() {
                        self.fact_claims.remove(&fact);
                    }
                }
            }
            None => remove_sorted(&mut self.unlinked, id, old.key, &self.placed),
        }
        if let Some(list) = self.party_claims.get_mut(&old.party) {
            remove_sorted(list, id, old.key, &self.placed);
            if list.is_empty() {
                self.party_claims.remove(&old.party);
            }
        }
        // Counts that reach none are dropped, as a new analysis would not have them.
        count_down(&mut self.claims_per_party, old.party);
        count_down(&mut self.claims_per_article, old.article);
    }

    fn put_in(&mut self, placed: Placed) {
        let id = placed.key.3;
        self.placed.insert(id, placed);
        insert_sorted(&mut self.reading_order, placed.key, &self.placed);
        if placed.orphaned {
            insert_sorted(&mut self.orphaned, placed.key, &self.placed);
        }
        match placed.fact {
            Some(fact) => {
                insert_sorted(
                    self.fact_claims.entry(fact).or_default(),
                    placed.key,
                    &self.placed,
                );
            }
            None => insert_sorted(&mut self.unlinked, placed.key, &self.placed),
        }
        insert_sorted(
            self.party_claims.entry(placed.party).or_default(),
            placed.key,
            &self.placed,
        );
        *self.claims_per_article.entry(placed.article).or_default() += 1;
        *self.claims_per_party.entry(placed.party).or_default() += 1;
    }

    /// Works a fact's standing out again from its claims.
    fn stand(&mut self, session: &Session, fact: FactId) {
        if session.fact(fact).is_none() {
            return;
        }
        let mut stances: Vec<(PartyId, u8)> = Vec::new();
        let claims = self.fact_claims.get(&fact).map_or(&[][..], Vec::as_slice);
        for id in claims {
            let Some(claim) = session.claim(*id) else {
                continue;
            };
            match stances.iter_mut().find(|(party, _)| *party == claim.party) {
                Some((_, bits)) => *bits |= stance_bit(claim.stance),
                None => stances.push((claim.party, stance_bit(claim.stance))),
            }
        }
        let mut standing = FactStanding::from_stances(&stances, &self.party_order);
        standing.claim_count = claims.len();
        if let Some(old) = self.standings.get(&fact) {
            self.counts.remove(old.status);
        }
        self.counts.add(standing.status);
        self.standings.insert(fact, standing);
    }

    pub fn standing(&self, fact: FactId) -> Option<&FactStanding> {
        self.standings.get(&fact)
    }

    pub fn status(&self, fact: FactId) -> FactStatus {
        self.standings
            .get(&fact)
            .map_or(FactStatus::Unclaimed, |standing| standing.status)
    }

    /// The claims linked to a fact, in reading order.
    pub fn claims_on(&self, fact: FactId) -> &[ClaimId] {
        self.fact_claims.get(&fact).map_or(&[], Vec::as_slice)
    }

    /// A party's claims, in reading order.
    pub fn claims_of(&self, party: PartyId) -> &[ClaimId] {
        self.party_claims.get(&party).map_or(&[], Vec::as_slice)
    }

    pub fn claims_in_article(&self, article: ArticleId) -> usize {
        self.claims_per_article.get(&article).copied().unwrap_or(0)
    }

    pub fn claims_by_party(&self, party: PartyId) -> usize {
        self.claims_per_party.get(&party).copied().unwrap_or(0)
    }
}

fn count_down<K: std::hash::Hash + Eq + Copy>(counts: &mut HashMap<K, usize>, key: K) {
    if let Some(count) = counts.get_mut(&key) {
        *count = count.saturating_sub(1);
        if *count == 0 {
            counts.remove(&key);
        }
    }
}

/// Where `key` goes in a list of claims kept in reading order (the keys of the list's claims
/// read from `placed`).
fn position(list: &[ClaimId], key: ReadingKey, placed: &HashMap<ClaimId, Placed>) -> usize {
    list.partition_point(|c| placed.get(c).map_or((usize::MAX, 0, 0, *c), |p| p.key) < key)
}

fn insert_sorted(list: &mut Vec<ClaimId>, key: ReadingKey, placed: &HashMap<ClaimId, Placed>) {
    let at = position(list, key, placed);
    list.insert(at, key.3);
}

/// Takes `id` (whose key in `placed` is `key`) out of the list.
fn remove_sorted(
    list: &mut Vec<ClaimId>,
    id: ClaimId,
    key: ReadingKey,
    placed: &HashMap<ClaimId, Placed>,
) {
    let at = position(list, key, placed);
    if list.get(at) == Some(&id) {
        list.remove(at);
    } else if let Some(at) = list.iter().position(|c| *c == id) {
        list.remove(at);
    }
}

/// How two parties relate over the facts both speak to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PairCounts {
    /// Facts on which both take the same single stance.
    pub agree: usize,
    /// Facts on which one affirms what the other denies.
    pub dispute: usize,
}

/// One party's totals over every fact it speaks to: what the matrix says of it when there
/// are too many parties for pairs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PartyTotals {
    /// Facts the party affirms or denies.
    pub facts: usize,
    /// Facts on which another party takes a stance it takes.
    pub shared: usize,
    /// Facts on which another party takes the stance against one it takes.
    pub disputed: usize,
}

/// Each party's totals, in party order. Linear in the claims' stances, where the pairs
/// matrix is quadratic in the parties (10,000 parties would be 100 million cells).
pub fn party_totals(session: &Session, analysis: &Analysis) -> Vec<PartyTotals> {
    let index: rustc_hash::FxHashMap<PartyId, usize> = session
        .parties()
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id, i))
        .collect();
    let mut totals = vec![PartyTotals::default(); session.parties().len()];
    for fact in session.facts() {
        let Some(standing) = analysis.standing(fact.id) else {
            continue;
        };
        let (affirming, denying) = (&standing.affirming, &standing.denying);
        let mut count = |party: &PartyId, same: &[PartyId], other: &[PartyId], counted: bool| {
            let Some(total) = index.get(party).map(|i| &mut totals[*i]) else {
                return;
            };
            if !counted {
                total.facts += 1;
            }
            if same.iter().any(|p| p != party) {
                total.shared += 1;
            }
            if other.iter().any(|p| p != party) {
                total.disputed += 1;
            }
        };
        for party in affirming {
            count(party, affirming, denying, false);
        }
        for party in denying {
            count(party, denying, affirming, affirming.contains(party));
        }
    }
    totals
}

/// The party × party matrix, in party order: `matrix[a][b]` for parties `a` and `b`.
/// The diagonal counts the facts each party speaks to (as `agree`).
/// The facts behind one cell of [`party_matrix`]: those parties `a` and `b` agree on
/// (`disputed` false; with `a == b`, every fact `a` speaks to) or dispute.
pub fn pair_facts(
    session: &Session,
    analysis: &Analysis,
    (a, b): (PartyId, PartyId),
    disputed: bool,
) -> Vec<FactId> {
    session
        .facts()
        .iter()
        .filter(|fact| {
            let Some(standing) = analysis.standing(fact.id) else {
                return false;
            };
            let stance_of = |party: PartyId| {
                (
                    standing.affirming.contains(&party),
                    standing.denying.contains(&party),
                )
            };
            let ((a_affirms, a_denies), (b_affirms, b_denies)) = (stance_of(a), stance_of(b));
            if !(a_affirms || a_denies) || !(b_affirms || b_denies) {
                return false;
            }
            let opposed = (a_affirms && b_denies) || (a_denies && b_affirms);
            if a == b {
                !disputed
            } else {
                opposed == disputed
            }
        })
        .map(|fact| fact.id)
        .collect()
}

pub fn party_matrix(session: &Session, analysis: &Analysis) -> Vec<Vec<PairCounts>> {
    let parties: Vec<PartyId> = session.parties().iter().map(|p| p.id).collect();
    let mut matrix = vec![vec![PairCounts::default(); parties.len()]; parties.len()];
    for fact in session.facts() {
        let Some(standing) = analysis.standing(fact.id) else {
            continue;
        };
        let stance_of = |party: PartyId| {
            (
                standing.affirming.contains(&party),
                standing.denying.contains(&party),
            )
        };
        for (a, party_a) in parties.iter().enumerate() {
            let (a_affirms, a_denies) = stance_of(*party_a);
            if !a_affirms && !a_denies {
                continue;
            }
            for (b, party_b) in parties.iter().enumerate() {
                let (b_affirms, b_denies) = stance_of(*party_b);
                if !b_affirms && !b_denies {
                    continue;
                }
                let cell = &mut matrix[a][b];
                if a == b {
                    cell.agree += 1;
                } else if (a_affirms && b_denies) || (a_denies && b_affirms) {
                    cell.dispute += 1;
                } else {
                    cell.agree += 1;
                }
            }
        }
    }
    matrix
}
