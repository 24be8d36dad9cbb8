//! How far two analysts agree on the same articles: the figures reviewers ask for, per
//! article and overall, and the list of disagreements to adjudicate.
//!
//! Everything is measured on A's text: B's claims of a matched article are placed there
//! (by their own span when the texts are the same, by quote and context otherwise — see
//! [`super::matching`]). Characters are Unicode code points.
//!
//! - `char_alpha`: per party, Krippendorff's binary α over the characters, each analyst's
//!   value 1 where one of their claims of that party covers it.
//! - `alpha_u`: per party, Krippendorff's unitizing α (each analyst's claims of the party
//!   joined where they overlap).
//! - `span_f1`: claims matched one to one when they overlap by at least half of the longer
//!   (largest overlaps first); F1 = 2·matched / (claims of A + claims of B).
//! - On matched claims: agreement and Cohen's κ on party, on the fact linked (none counts as
//!   a value), and on stance where both link the same fact.
//!
//! A figure with no meaning is `None` and its reason is said in `undefined`.

use std::collections::HashMap;

use super::matching::{self, CodePoints, Matching};
use super::statistics::{Unit, alpha_u, binary_alpha, cohen_kappa};
use crate::model::{ArticleId, Claim, ClaimId, FactId, Session, Stance, TextSpan};

/// What a disagreement is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A claim of A that no claim of B overlaps by half.
    OnlyA,
    OnlyB,
    /// Matched claims whose spans differ.
    Boundary,
    Party,
    /// Matched claims linked to the same fact with opposite stances.
    Stance,
    /// Matched claims linked to different facts (or one to none).
    Fact,
}

impl Kind {
    pub fn key(self) -> &'static str {
        match self {
            Self::OnlyA => "only_a",
            Self::OnlyB => "only_b",
            Self::Boundary => "boundary",
            Self::Party => "party",
            Self::Stance => "stance",
            Self::Fact => "fact",
        }
    }

    /// In words, for the window.
    pub fn label(self) -> &'static str {
        match self {
            Self::OnlyA => "only A",
            Self::OnlyB => "only B",
            Self::Boundary => "boundary",
            Self::Party => "party",
            Self::Stance => "stance",
            Self::Fact => "fact",
        }
    }
}

/// One disagreement: its kind, A's article, and both claims (one of them for only-A/B).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Disagreement {
    pub kind: Kind,
    pub article: ArticleId,
    pub a: Option<ClaimId>,
    pub b: Option<ClaimId>,
}

/// Agreement and κ over pairs of labels.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Agreement {
    pub pairs: usize,
    pub agreement: Option<f64>,
    pub kappa: Option<f64>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub claims_a: usize,
    pub claims_b: usize,
    pub matched: usize,
    pub only_a: usize,
    pub only_b: usize,
}

/// One party's figures.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PartyFigures {
    pub name: String,
    pub char_alpha: Option<f64>,
    pub alpha_u: Option<f64>,
    /// Share of the characters A (and B) tagged with this party.
    pub share_a: f64,
    pub share_b: f64,
    pub claims_a: usize,
    pub claims_b: usize,
}

/// The figures of one article or of all matched articles together.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Figures {
    pub parties: Vec<PartyFigures>,
    pub span_f1: Option<f64>,
    pub party: Agreement,
    pub stance: Agreement,
    pub fact: Agreement,
    pub counts: Counts,
    pub characters: usize,
    /// Why a figure is `None`: its key (`char_alpha.US`, `party.kappa`) and the reason.
    pub undefined: Vec<(String, String)>,
    pub disagreements: Vec<Disagreement>,
}

/// One matched article's figures.
#[derive(Clone, Debug)]
pub struct ArticleReport {
    pub a: ArticleId,
    pub b: ArticleId,
    pub title: String,
    pub matched_by: matching::MatchedBy,
    /// B's claims that could not be placed in A's text (its words changed too much).
    pub unplaced_b: Vec<ClaimId>,
    /// B's claims placed in A's text (for the side-by-side view): claim and span in A's text.
    pub placed_b: Vec<(ClaimId, TextSpan)>,
    pub figures: Figures,
}

/// The whole comparison of two sessions.
#[derive(Clone, Debug)]
pub struct Report {
    pub coders: [String; 2],
    pub articles: Vec<ArticleReport>,
    pub only_a_articles: Vec<ArticleId>,
    pub only_b_articles: Vec<ArticleId>,
    pub overall: Figures,
    pub matching: Matching,
}

/// A party label shared by both sessions: A's parties first, then B's that A lacks.
type PartyIndex = usize;

/// A fact label on A's side: none, A's fact, or a fact only B has.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum FactLabel {
    None,
    A(FactId),
    OnlyB(FactId),
}

/// What the overall figures are pooled from.
#[derive(Default)]
struct Pool {
    /// Per party: both, only A, only B, neither (characters).
    chars: Vec<[u64; 4]>,
    /// Per party: units of A and B on one continuum made of the articles end to end.
    units: Vec<(Vec<Unit>, Vec<Unit>)>,
    claims: Vec<[usize; 2]>,
    length: u64,
    party_pairs: Vec<(PartyIndex, PartyIndex)>,
    fact_pairs: Vec<(FactLabel, FactLabel)>,
    stance_pairs: Vec<(Stance, Stance)>,
    counts: Counts,
    disagreements: Vec<Disagreement>,
}

/// Compares session `b` with session `a`.
pub fn compare(a: &Session, b: &Session) -> Report {
    let matching = Matching::new(a, b);
    let mut names: Vec<String> = a.parties().iter().map(|p| p.name.clone()).collect();
    let mut party_of_b: HashMap<crate::model::PartyId, PartyIndex> = HashMap::new();
    for party in b.parties() {
        let index = if let Some(&mine) = matching.parties.get(&party.id) {
            a.party_index(mine).unwrap_or(0)
        } else {
            names.push(party.name.clone());
            names.len() - 1
        };
        party_of_b.insert(party.id, index);
    }
    let party_of_a: HashMap<crate::model::PartyId, PartyIndex> = a
        .parties()
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id, i))
        .collect();
    let labels = Labels {
        names: &names,
        party_of_a: &party_of_a,
        party_of_b: &party_of_b,
        facts: &matching.facts,
    };
    let mut pool = Pool {
        chars: vec![[0; 4]; names.len()],
        units: vec![(Vec::new(), Vec::new()); names.len()],
        claims: vec![[0; 2]; names.len()],
        ..Pool::default()
    };
    let mut articles = Vec::new();
    let (a_by_article, b_by_article) = (a.claims_by_article(), b.claims_by_article());
    let none = Vec::new();
    for pair in &matching.articles {
        let Some(article) = a.article(pair.a) else {
            continue;
        };
        let b_claims = b_by_article.get(&pair.b).unwrap_or(&none);
        let (placed, unplaced_b) = matching::placed_claims(b_claims, pair, &article.text);
        let a_claims: Vec<&Claim> = a_by_article
            .get(&pair.a)
            .unwrap_or(&none)
            .iter()
            .copied()
            .filter(|c| !c.orphaned)
            .collect();
        let mut local = Pool {
            chars: vec![[0; 4]; names.len()],
            units: vec![(Vec::new(), Vec::new()); names.len()],
            claims: vec![[0; 2]; names.len()],
            ..Pool::default()
        };
        measure(
            &article.text,
            pair.a,
            &a_claims,
            &placed,
            &labels,
            &mut local,
        );
        let figures = local.figures(&names);
        pool.absorb(local);
        articles.push(ArticleReport {
            a: pair.a,
            b: pair.b,
            title: article.meta.title.clone(),
            matched_by: pair.by,
            unplaced_b,
            placed_b: placed.iter().map(|(c, span)| (c.id, *span)).collect(),
            figures,
        });
    }
    let overall = pool.figures(&names);
    Report {
        coders: [a.analyst().to_owned(), b.analyst().to_owned()],
        articles,
        only_a_articles: matching.only_a_articles.clone(),
        only_b_articles: matching.only_b_articles.clone(),
        overall,
        matching,
    }
}

struct Labels<'a> {
    names: &'a [String],
    party_of_a: &'a HashMap<crate::model::PartyId, PartyIndex>,
    party_of_b: &'a HashMap<crate::model::PartyId, PartyIndex>,
    facts: &'a HashMap<FactId, FactId>,
}

impl Labels<'_> {
    fn fact_a(claim: &Claim) -> FactLabel {
        claim.fact.map_or(FactLabel::None, FactLabel::A)
    }

    fn fact_b(&self, claim: &Claim) -> FactLabel {
        match claim.fact {
            None => FactLabel::None,
            Some(fact) => self
                .facts
                .get(&fact)
                .map_or(FactLabel::OnlyB(fact), |&mine| FactLabel::A(mine)),
        }
    }
}

/// A claim on the continuum of code points.
#[derive(Clone, Copy)]
struct Placed {
    start: usize,
    end: usize,
    party: PartyIndex,
    index: usize,
}

fn measure(
    text: &str,
    article: ArticleId,
    a_claims: &[&Claim],
    b_claims: &[(&Claim, TextSpan)],
    labels: &Labels,
    pool: &mut Pool,
) {
    let offsets = a_claims
        .iter()
        .map(|c| c.anchor.span)
        .chain(b_claims.iter().map(|(_, s)| *s))
        .flat_map(|s| [s.start.0, s.end.0])
        .chain([text.len()])
        .collect();
    let points = CodePoints::new(text, offsets);
    let length = points.of(text.len());
    let on_line = |span: TextSpan, party, index| Placed {
        start: points.of(span.start.0),
        end: points.of(span.end.0),
        party,
        index,
    };
    let a_placed: Vec<Placed> = a_claims
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let party = labels.party_of_a.get(&c.party).copied().unwrap_or(0);
            on_line(c.anchor.span, party, i)
        })
        .collect();
    let b_placed: Vec<Placed> = b_claims
        .iter()
        .enumerate()
        .map(|(i, (c, span))| {
            let party = labels.party_of_b.get(&c.party).copied().unwrap_or(0);
            on_line(*span, party, i)
        })
        .collect();
    // Characters and units per party.
    let offset = pool.length;
    for party in 0..labels.names.len() {
        let a_units = union(a_placed.iter().filter(|p| p.party == party));
        let b_units = union(b_placed.iter().filter(|p| p.party == party));
        let covered_a: u64 = a_units.iter().map(|u| u.length).sum();
        let covered_b: u64 = b_units.iter().map(|u| u.length).sum();
        let both = intersection(&a_units, &b_units);
        let entry = &mut pool.chars[party];
        entry[0] += both;
        entry[1] += covered_a - both;
        entry[2] += covered_b - both;
        entry[3] += length as u64 - (covered_a + covered_b - both);
        let shift = |u: Unit| Unit {
            begin: u.begin + offset,
            length: u.length,
        };
        pool.units[party].0.extend(a_units.into_iter().map(shift));
        pool.units[party].1.extend(b_units.into_iter().map(shift));
        pool.claims[party][0] += a_placed.iter().filter(|p| p.party == party).count();
        pool.claims[party][1] += b_placed.iter().filter(|p| p.party == party).count();
    }
    pool.length += length as u64;
    // Claims matched one to one, largest overlap first.
    let mut candidates = Vec::new();
    let mut by_start: Vec<&Placed> = b_placed.iter().collect();
    by_start.sort_by_key(|p| (p.start, p.end));
    let longest_b = b_placed.iter().map(|p| p.end - p.start).max().unwrap_or(0);
    for x in &a_placed {
        let from = by_start.partition_point(|p| p.start + longest_b < x.start);
        for y in by_start[from..].iter().take_while(|p| p.start < x.end) {
            let overlap = x.end.min(y.end).saturating_sub(x.start.max(y.start));
            let longer = (x.end - x.start).max(y.end - y.start);
            if overlap > 0 && 2 * overlap >= longer {
                candidates.push((overlap, x.index, y.index));
            }
        }
    }
    candidates.sort_by(|p, q| q.0.cmp(&p.0).then(p.1.cmp(&q.1)).then(p.2.cmp(&q.2)));
    let mut a_taken = vec![None; a_placed.len()];
    let mut b_taken = vec![false; b_placed.len()];
    for (_, i, j) in candidates {
        if a_taken[i].is_none() && !b_taken[j] {
            a_taken[i] = Some(j);
            b_taken[j] = true;
        }
    }
    let counts = &mut pool.counts;
    counts.claims_a += a_placed.len();
    counts.claims_b += b_placed.len();
    let mut found = Vec::new();
    for (i, taken) in a_taken.iter().enumerate() {
        let claim_a = a_claims[i];
        let Some(j) = *taken else {
            counts.only_a += 1;
            found.push((a_placed[i].start, Kind::OnlyA, Some(claim_a.id), None));
            continue;
        };
        counts.matched += 1;
        let (claim_b, _) = b_claims[j];
        let (x, y) = (a_placed[i], b_placed[j]);
        let pair = (Some(claim_a.id), Some(claim_b.id));
        pool.party_pairs.push((x.party, y.party));
        let facts = (Labels::fact_a(claim_a), labels.fact_b(claim_b));
        pool.fact_pairs.push(facts);
        if (x.start, x.end) != (y.start, y.end) {
            found.push((x.start, Kind::Boundary, pair.0, pair.1));
        }
        if x.party != y.party {
            found.push((x.start, Kind::Party, pair.0, pair.1));
        }
        if facts.0 != facts.1 {
            found.push((x.start, Kind::Fact, pair.0, pair.1));
        } else if facts.0 != FactLabel::None {
            pool.stance_pairs.push((claim_a.stance, claim_b.stance));
            if claim_a.stance != claim_b.stance {
                found.push((x.start, Kind::Stance, pair.0, pair.1));
            }
        }
    }
    for (j, taken) in b_taken.iter().enumerate() {
        if !taken {
            counts.only_b += 1;
            found.push((b_placed[j].start, Kind::OnlyB, None, Some(b_claims[j].0.id)));
        }
    }
    // In reading order, so the list walks through the article.
    found.sort_by_key(|d| (d.0, d.1));
    pool.disagreements
        .extend(found.into_iter().map(|(_, kind, a, b)| Disagreement {
            kind,
            article,
            a,
            b,
        }));
}

/// The units covered by some of `claims` (joined where they overlap or touch), in order.
fn union<'p>(claims: impl Iterator<Item = &'p Placed>) -> Vec<Unit> {
    let mut spans: Vec<(usize, usize)> = claims
        .map(|p| (p.start, p.end))
        .filter(|(s, e)| e > s)
        .collect();
    spans.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for (start, end) in spans {
        match out.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => out.push((start, end)),
        }
    }
    out.into_iter()
        .map(|(s, e)| Unit {
            begin: s as u64,
            length: (e - s) as u64,
        })
        .collect()
}

/// How many characters two sorted, disjoint unit lists share.
fn intersection(a: &[Unit], b: &[Unit]) -> u64 {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        let (a_end, b_end) = (a[i].begin + a[i].length, b[j].begin + b[j].length);
        shared += a_end.min(b_end).saturating_sub(a[i].begin.max(b[j].begin));
        if a_end <= b_end {
            i += 1;
        } else {
            j += 1;
        }
    }
    shared
}

impl Pool {
    fn absorb(&mut self, other: Self) {
        let offset = self.length;
        for (party, counts) in other.chars.iter().enumerate() {
            for (k, value) in counts.iter().enumerate() {
                self.chars[party][k] += value;
            }
            let shift = |u: &Unit| Unit {
                begin: u.begin + offset,
                length: u.length,
            };
            let (a, b) = &other.units[party];
            self.units[party].0.extend(a.iter().map(shift));
            self.units[party].1.extend(b.iter().map(shift));
            self.claims[party][0] += other.claims[party][0];
            self.claims[party][1] += other.claims[party][1];
        }
        self.length += other.length;
        self.party_pairs.extend(other.party_pairs);
        self.fact_pairs.extend(other.fact_pairs);
        self.stance_pairs.extend(other.stance_pairs);
        let c = other.counts;
        self.counts.claims_a += c.claims_a;
        self.counts.claims_b += c.claims_b;
        self.counts.matched += c.matched;
        self.counts.only_a += c.only_a;
        self.counts.only_b += c.only_b;
        self.disagreements.extend(other.disagreements);
    }

    fn figures(&self, names: &[String]) -> Figures {
        let mut undefined = Vec::new();
        let mut parties = Vec::new();
        for (party, name) in names.iter().enumerate() {
            let [both, only_a, only_b, neither] = self.chars[party];
            let char_alpha = binary_alpha(both, only_a, only_b, neither);
            if char_alpha.is_none() {
                let why = if both + only_a + only_b == 0 {
                    format!("neither analyst tagged {name}: no variation")
                } else {
                    format!("both analysts tagged every character as {name}: no variation")
                };
                undefined.push((format!("char_alpha.{name}"), why));
            }
            let (a_units, b_units) = &self.units[party];
            let alpha = alpha_u(a_units, b_units, 0, self.length);
            if alpha.is_none() {
                let why = if a_units.is_empty() && b_units.is_empty() {
                    format!("no units of {name}: nothing to compare")
                } else {
                    format!("no expected disagreement for {name}: no variation")
                };
                undefined.push((format!("alpha_u.{name}"), why));
            }
            let share = |covered: u64| {
                if self.length == 0 {
                    0.0
                } else {
                    covered as f64 / self.length as f64
                }
            };
            parties.push(PartyFigures {
                name: name.clone(),
                char_alpha,
                alpha_u: alpha,
                share_a: share(both + only_a),
                share_b: share(both + only_b),
                claims_a: self.claims[party][0],
                claims_b: self.claims[party][1],
            });
        }
        let c = self.counts;
        let span_f1 = (c.claims_a + c.claims_b > 0)
            .then(|| 2.0 * c.matched as f64 / (c.claims_a + c.claims_b) as f64);
        if span_f1.is_none() {
            undefined.push((
                "span_f1".to_owned(),
                "neither analyst made a claim here".to_owned(),
            ));
        }
        let party = agreement("party", &self.party_pairs, &mut undefined);
        let fact = agreement("fact", &self.fact_pairs, &mut undefined);
        let stance = agreement("stance", &self.stance_pairs, &mut undefined);
        Figures {
            parties,
            span_f1,
            party,
            stance,
            fact,
            counts: c,
            characters: usize::try_from(self.length).unwrap_or(usize::MAX),
            undefined,
            disagreements: self.disagreements.clone(),
        }
    }
}

fn agreement<T: Eq + std::hash::Hash>(
    what: &str,
    pairs: &[(T, T)],
    undefined: &mut Vec<(String, String)>,
) -> Agreement {
    let (agreed, kappa) = cohen_kappa(pairs);
    if agreed.is_none() {
        let why = if what == "stance" {
            "no matched claims linked to the same fact"
        } else {
            "no matched claims"
        };
        undefined.push((format!("{what}.agreement"), why.to_owned()));
        undefined.push((format!("{what}.kappa"), why.to_owned()));
    } else if kappa.is_none() {
        undefined.push((
            format!("{what}.kappa"),
            format!(
                "both analysts gave every matched claim the same {what}: chance agreement is total"
            ),
        ));
    }
    Agreement {
        pairs: pairs.len(),
        agreement: agreed,
        kappa,
    }
}
