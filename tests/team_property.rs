//! Properties of merging two analysts' sessions: merge(A, A) = A; merge(A, B) holds every
//! claim of A and of B; merge is commutative up to order; a three-way merge with an
//! unchanged side gives the other side.

use std::collections::BTreeSet;

use proptest::prelude::*;
use rashomon::model::{ArticleMeta, Edit, Session, Stance, TextSpan};
use rashomon::team::merge::{merge_all, three_way};

const TEXTS: [&str; 2] = [
    "The coalition said the strike was an error. Moscow said Washington refused to coordinate. \
     Damascus called it deliberate, and the monitor counted the dead on the hill.",
    "Russia asked for an emergency session. The Pentagon said it regretted the loss of life; \
     Syrian officials said the raid helped the militants advance near the airport.",
];
const FACTS: [&str; 3] = [
    "The strike was an accident",
    "The US refused to coordinate",
    "The raid helped IS",
];

/// One analyst's tagging: (article, start, length, party, fact, denies, note).
type Tag = (usize, usize, usize, usize, Option<usize>, bool, u8);

fn base_session() -> Session {
    let mut session = Session::new_under(0);
    for (i, text) in TEXTS.iter().enumerate() {
        let article = session.new_article(
            ArticleMeta {
                title: format!("Article {i}"),
                ..ArticleMeta::default()
            },
            (*text).to_owned(),
        );
        session
            .apply(Edit::InsertArticle { index: i, article })
            .expect("article");
    }
    session
}

/// `base` with the tags made on it by an analyst working apart (their own id origin).
fn tagged(base: &Session, analyst: &str, origin: u64, tags: &[Tag]) -> Session {
    let mut session = base.clone().with_id_origin(origin);
    session
        .apply(session.set_analyst_edit(analyst))
        .expect("analyst");
    for &(article, start, length, party, fact, denies, note) in tags {
        let article = &session.articles()[article % TEXTS.len()];
        let (id, len) = (article.id, article.text.len());
        let start = start % len;
        let span = TextSpan::new(start, (start + 1 + length % 40).min(len));
        let party = session.parties()[party % 3].id;
        let Some(mut claim) = session.new_claim(id, span, party) else {
            continue;
        };
        if let Some(fact) = fact {
            let statement = FACTS[fact % FACTS.len()];
            let existing = session
                .facts()
                .iter()
                .find(|f| f.statement == statement)
                .map(|f| f.id);
            let fact_id = if let Some(found) = existing {
                found
            } else {
                let new = session.new_fact(statement);
                let new_id = new.id;
                session
                    .apply(Edit::InsertFact {
                        index: 0,
                        fact: new,
                    })
                    .expect("fact");
                new_id
            };
            claim.fact = Some(fact_id);
            claim.stance = if denies {
                Stance::Denies
            } else {
                Stance::Affirms
            };
        }
        if note % 3 == 0 {
            claim.note = format!("note {note} by {analyst}");
        }
        session.apply(Edit::InsertClaim(claim)).expect("claim");
    }
    session
}

/// What a claim says, independent of ids: article text, span, party, fact, stance.
fn content(session: &Session) -> BTreeSet<(String, usize, usize, String, Option<String>, bool)> {
    session
        .claims()
        .map(|c| {
            (
                session.article(c.article).expect("article").text.clone(),
                c.anchor.span.start.0,
                c.anchor.span.end.0,
                session.party(c.party).expect("party").name.clone(),
                c.fact
                    .and_then(|f| session.fact(f))
                    .map(|f| f.statement.clone()),
                c.stance == Stance::Denies,
            )
        })
        .collect()
}

fn tags() -> impl Strategy<Value = Vec<Tag>> {
    prop::collection::vec(
        (
            0..2usize,
            0..400usize,
            0..60usize,
            0..3usize,
            prop::option::of(0..3usize),
            any::<bool>(),
            any::<u8>(),
        ),
        0..12,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn merging_a_session_with_itself_gives_it_back(a in tags()) {
        let a = tagged(&base_session(), "alice", 11, &a);
        let (merged, report) = merge_all(&a, std::slice::from_ref(&a)).expect("merge");
        prop_assert_eq!(&merged, &a);
        prop_assert_eq!(report.claims_added, 0);
    }

    #[test]
    fn a_merge_holds_every_claim_and_note_of_both_and_is_commutative(a in tags(), b in tags()) {
        let base = base_session();
        let a = tagged(&base, "alice", 11, &a);
        let b = tagged(&base, "bob", 22, &b);
        let (ab, _) = merge_all(&a, std::slice::from_ref(&b)).expect("merge");
        let (ba, _) = merge_all(&b, std::slice::from_ref(&a)).expect("merge");
        let all = content(&ab);
        prop_assert!(content(&a).is_subset(&all));
        prop_assert!(content(&b).is_subset(&all));
        prop_assert_eq!(all.len(), content(&a).union(&content(&b)).count());
        prop_assert_eq!(&all, &content(&ba));
        let notes = |s: &Session| s.claims().map(|c| c.note.clone()).collect::<Vec<_>>().join("\n");
        for note in a.claims().chain(b.claims()).map(|c| c.note.as_str()).filter(|n| !n.is_empty()) {
            prop_assert!(notes(&ab).contains(note), "lost note {:?}", note);
        }
        // Idempotent: merging the result with an input again adds nothing.
        let (again, report) = merge_all(&ab, &[a.clone(), b.clone()]).expect("merge");
        prop_assert_eq!(&again, &ab);
        prop_assert_eq!(report.claims_added, 0);
    }

    #[test]
    fn a_three_way_merge_with_an_unchanged_side_gives_the_other(base in tags(), more in tags(), drop in any::<u8>()) {
        let base = tagged(&base_session(), "team", 5, &base);
        let mut theirs = tagged(&base, "bob", 22, &more);
        // Theirs also deletes and changes some of the base's claims.
        let ids: Vec<_> = base.claims().map(|c| c.id).collect();
        for (i, id) in ids.iter().enumerate() {
            match (i + usize::from(drop)) % 3 {
                0 => { theirs.apply(Edit::RemoveClaim { claim: *id }).expect("remove"); }
                1 => {
                    let mut claim = theirs.claim(*id).expect("claim").clone();
                    claim.stance = claim.stance.flipped();
                    theirs.apply(Edit::ReplaceClaim(claim)).expect("change");
                }
                _ => {}
            }
        }
        let (merged, report) = three_way(&base, &base, &theirs);
        prop_assert!(report.conflicts.is_empty());
        prop_assert_eq!(&merged, &theirs);
        let (merged, report) = three_way(&base, &theirs, &base);
        prop_assert!(report.conflicts.is_empty());
        prop_assert_eq!(&merged, &theirs);
    }
}
