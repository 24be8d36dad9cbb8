//! Team work on small sessions whose figures are worked out by hand.

use super::agreement::{Kind, compare};
use super::merge::{merge_all, merge_edit, three_way};
use crate::model::{ArticleId, ArticleMeta, ClaimId, Edit, FactId, Session, Stance, TextSpan};

/// 20 characters: "0123456789abcdefghij".
const TEXT: &str = "0123456789abcdefghij";

struct Built {
    session: Session,
    article: ArticleId,
}

fn session(analyst: &str, text: &str) -> Built {
    titled(analyst, "Raid", text)
}

fn titled(analyst: &str, title: &str, text: &str) -> Built {
    let mut session = Session::new();
    session
        .apply(session.set_analyst_edit(analyst))
        .expect("name");
    let article = session.new_article(
        ArticleMeta {
            title: title.into(),
            source: "raid.txt".into(),
            ..ArticleMeta::default()
        },
        text.into(),
    );
    let id = article.id;
    session
        .apply(Edit::InsertArticle { index: 0, article })
        .expect("article");
    Built {
        session,
        article: id,
    }
}

impl Built {
    fn party(&self, name: &str) -> crate::model::PartyId {
        self.session
            .parties()
            .iter()
            .find(|p| p.name == name)
            .expect("party")
            .id
    }

    fn fact(&mut self, statement: &str) -> FactId {
        if let Some(f) = self
            .session
            .facts()
            .iter()
            .find(|f| f.statement == statement)
        {
            return f.id;
        }
        let fact = self.session.new_fact(statement);
        let id = fact.id;
        self.session
            .apply(Edit::InsertFact { index: 99, fact })
            .expect("fact");
        id
    }

    fn claim(
        &mut self,
        range: (usize, usize),
        party: &str,
        fact: Option<(&str, Stance)>,
    ) -> ClaimId {
        let party = self.party(party);
        let mut claim = self
            .session
            .new_claim(self.article, TextSpan::new(range.0, range.1), party)
            .expect("claim");
        if let Some((statement, stance)) = fact {
            claim.fact = Some(self.fact(statement));
            claim.stance = stance;
        }
        let id = claim.id;
        self.session
            .apply(Edit::InsertClaim(claim))
            .expect("insert");
        id
    }
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

#[test]
fn identical_sessions_agree_fully_or_say_why_not() {
    let mut a = session("alice", TEXT);
    a.claim((0, 10), "US", Some(("accident", Stance::Affirms)));
    a.claim((12, 16), "Russia", Some(("accident", Stance::Denies)));
    let report = compare(&a.session, &a.session);
    let f = &report.overall;
    assert_eq!(f.span_f1, Some(1.0));
    assert_eq!(f.parties[0].char_alpha, Some(1.0));
    assert_eq!(f.parties[0].alpha_u, Some(1.0));
    assert_eq!(f.party.kappa, Some(1.0));
    // Syria: no one tagged it; the figure is undefined with a reason, never 1 or 0.
    assert_eq!(f.parties[2].char_alpha, None);
    assert!(f.undefined.iter().any(|(k, _)| k == "char_alpha.Syria"));
    // Both linked the same fact throughout: fact κ has no chance to beat.
    assert_eq!(f.fact.agreement, Some(1.0));
    assert_eq!(f.fact.kappa, None);
    assert!(
        f.undefined
            .iter()
            .any(|(k, why)| k == "fact.kappa" && why.contains("chance"))
    );
    assert!(f.disagreements.is_empty());
}

/// Worked by hand. 20 characters; A tags US on 0–10, B on 0–8:
/// both 8, only A 2, neither 10 → 40 values, 18 ones, 22 zeros;
/// α = 1 − 2·39 / (22·18) = 1 − 78/396 = 0.80303…
#[test]
fn char_alpha_and_span_matching_as_worked_by_hand() {
    let mut a = session("alice", TEXT);
    let mut b = session("bob", TEXT);
    let a_us = a.claim((0, 10), "US", None);
    let b_us = b.claim((0, 8), "US", None);
    let report = compare(&a.session, &b.session);
    let f = &report.overall;
    assert!(close(f.parties[0].char_alpha, 1.0 - 78.0 / 396.0), "{f:?}");
    assert_eq!(f.counts.matched, 1);
    assert_eq!(f.span_f1, Some(1.0));
    assert_eq!(f.disagreements.len(), 1);
    let d = &f.disagreements[0];
    assert_eq!((d.kind, d.a, d.b), (Kind::Boundary, Some(a_us), Some(b_us)));
    assert!(close(Some(f.parties[0].share_a), 0.5));
    assert!(close(Some(f.parties[0].share_b), 0.4));
}

/// Four claims each. Matched: (0–4 US, US same fact same stance), (5–9 US vs Russia),
/// (10–14 Russia both, same fact, stances differ). A alone: 15–17; B alone: 18–20.
/// span F1 = 2·3/(4+4) = 0.75. Party pairs (US,US) (US,Russia) (Russia,Russia):
/// agreement 2/3; chance = p_A(US)·p_B(US) + p_A(Russia)·p_B(Russia)
/// = (2/3)(1/3) + (1/3)(2/3) = 4/9; κ = (2/3 − 4/9)/(1 − 4/9) = 0.4.
#[test]
fn kappa_and_disagreements_as_worked_by_hand() {
    let mut a = session("alice", TEXT);
    let mut b = session("bob", TEXT);
    a.claim((0, 4), "US", Some(("accident", Stance::Affirms)));
    b.claim((0, 4), "US", Some(("accident", Stance::Affirms)));
    a.claim((5, 9), "US", None);
    b.claim((5, 9), "Russia", None);
    a.claim((10, 14), "Russia", Some(("accident", Stance::Affirms)));
    b.claim((10, 14), "Russia", Some(("accident", Stance::Denies)));
    a.claim((15, 17), "Syria", None);
    b.claim((18, 20), "Syria", None);
    let report = compare(&a.session, &b.session);
    let f = &report.overall;
    assert_eq!(f.span_f1, Some(0.75));
    assert_eq!(
        (f.counts.matched, f.counts.only_a, f.counts.only_b),
        (3, 1, 1)
    );
    assert!(close(f.party.agreement, 2.0 / 3.0));
    assert!(close(f.party.kappa, 0.4), "{:?}", f.party);
    let kinds: Vec<Kind> = f.disagreements.iter().map(|d| d.kind).collect();
    assert_eq!(
        kinds,
        [Kind::Party, Kind::Stance, Kind::OnlyA, Kind::OnlyB],
        "in reading order"
    );
    // Stance pairs only where both link the same fact: two, one agreeing.
    assert_eq!(f.stance.pairs, 2);
    assert!(close(f.stance.agreement, 0.5));
}

#[test]
fn an_edited_article_is_matched_by_title_and_its_claims_placed_again() {
    let mut a = session(
        "alice",
        "The ministry said the raid was a mistake. Talks go on.",
    );
    let mut b = session(
        "bob",
        "Updated: The ministry said the raid was a mistake. Talks go on today.",
    );
    a.claim((0, 41), "US", None);
    b.claim((9, 50), "US", None);
    // A claim on words A's text does not have.
    let gone = b.claim((61, 69), "Russia", None);
    let report = compare(&a.session, &b.session);
    assert_eq!(report.articles.len(), 1);
    assert_eq!(
        report.articles[0].matched_by,
        super::matching::MatchedBy::TitleAndSource
    );
    assert_eq!(report.articles[0].unplaced_b, vec![gone]);
    assert_eq!(report.overall.counts.matched, 1);
    assert!(report.overall.disagreements.is_empty());
}

#[test]
fn merging_a_session_with_itself_changes_nothing_and_twice_adds_nothing() {
    let mut a = session("alice", TEXT);
    a.claim((0, 10), "US", Some(("accident", Stance::Affirms)));
    let (edit, report) = merge_edit(&a.session, &a.session);
    let mut merged = a.session.clone();
    merged.apply(edit).expect("applies");
    assert_eq!(merged, a.session);
    assert_eq!((report.claims_added, report.claims_identical), (0, 1));

    let mut b = session("bob", TEXT);
    b.claim((0, 10), "US", Some(("accident", Stance::Affirms)));
    b.claim((12, 18), "Syria", None);
    let (once, _) = merge_all(&a.session, std::slice::from_ref(&b.session)).expect("merge");
    assert_eq!(once.claims().len(), 2, "the identical claim once");
    let (twice, report) = merge_all(&once, &[a.session.clone(), b.session.clone()]).expect("ok");
    assert_eq!(twice, once);
    assert_eq!(report.claims_added, 0);
    // Each claim keeps its analyst.
    let mut analysts: Vec<&str> = once.claims().map(|c| c.analyst.as_str()).collect();
    analysts.sort_unstable();
    assert_eq!(analysts, ["alice", "bob"]);
}

#[test]
fn differing_claims_on_the_same_words_are_both_kept_and_marked_and_notes_joined() {
    let mut a = session("alice", TEXT);
    let mut b = session("bob", TEXT);
    let mine = a.claim((0, 10), "US", None);
    b.claim((0, 10), "Russia", None);
    let same_a = a.claim((12, 18), "Syria", None);
    let same_b = b.claim((12, 18), "Syria", None);
    let mut noted = b.session.claim(same_b).expect("claim").clone();
    noted.note = "SANA's wording".into();
    b.session.apply(Edit::ReplaceClaim(noted)).expect("note");
    let (merged, report) = merge_all(&a.session, &[b.session.clone()]).expect("merge");
    assert_eq!(merged.claims().len(), 3);
    assert_eq!(report.conflicts.len(), 1, "{report:?}");
    let marked: Vec<_> = merged.claims().filter(|c| c.conflict.is_some()).collect();
    assert_eq!(marked.len(), 2);
    let ours = merged.claim(mine).expect("kept");
    let conflict = ours.conflict.as_ref().expect("marked");
    assert!(
        conflict
            .reason
            .contains("party: US (alice) vs Russia (bob)"),
        "{conflict:?}"
    );
    let theirs = merged
        .claim(conflict.with.expect("pair"))
        .expect("theirs kept");
    assert_eq!(theirs.conflict.as_ref().and_then(|c| c.with), Some(mine));
    assert_eq!(merged.claim(same_a).expect("kept").note, "SANA's wording");
    // Deterministic: the same bytes again.
    let (again, _) = merge_all(&a.session, &[b.session.clone()]).expect("merge");
    assert_eq!(
        crate::storage::to_json(&again).replace(&again.modified.to_rfc3339(), ""),
        crate::storage::to_json(&merged).replace(&merged.modified.to_rfc3339(), "")
    );
}

#[test]
fn parties_facts_and_articles_the_other_lacks_are_added() {
    let a = session("alice", TEXT);
    let mut b = titled("bob", "Other", "Another article entirely.");
    let turkey = b.session.new_party("Turkey");
    b.session
        .apply(Edit::InsertParty {
            index: 9,
            party: turkey,
        })
        .expect("party");
    b.claim((0, 7), "Turkey", Some(("a new fact", Stance::Denies)));
    let (merged, report) = merge_all(&a.session, &[b.session]).expect("merge");
    assert_eq!(
        (
            report.articles_added,
            report.parties_added,
            report.facts_added,
            report.claims_added
        ),
        (1, 1, 1, 1)
    );
    assert_eq!(merged.articles().len(), 2);
    let claim = merged.claims().next().expect("claim");
    assert_eq!(merged.party(claim.party).expect("party").name, "Turkey");
    assert_eq!(
        merged
            .fact(claim.fact.expect("linked"))
            .expect("fact")
            .statement,
        "a new fact"
    );
}

/// Two branches of one file: each changes something else; then both change one claim.
#[test]
fn three_way_applies_both_sides_and_marks_true_conflicts() {
    let mut base = session("alice", TEXT);
    let c1 = base.claim((0, 10), "US", None);
    let c2 = base.claim((12, 18), "Syria", None);
    let c3 = base.claim((18, 20), "Syria", None);
    let (mut ours, mut theirs) = (base.session.clone(), base.session.clone());
    // Ours: c1 becomes Russia; theirs: c2's note, c3 deleted, a new claim.
    let mut x = ours.claim(c1).expect("c1").clone();
    x.party = ours.parties()[1].id;
    ours.apply(Edit::ReplaceClaim(x)).expect("ours");
    let mut y = theirs.claim(c2).expect("c2").clone();
    y.note = "checked".into();
    theirs.apply(Edit::ReplaceClaim(y)).expect("theirs");
    theirs
        .apply(Edit::RemoveClaim { claim: c3 })
        .expect("delete");
    let mut other_sitting = theirs.clone().with_id_origin(7);
    let new = other_sitting
        .new_claim(base.article, TextSpan::new(10, 12), theirs.parties()[0].id)
        .expect("new");
    let new_id = new.id;
    theirs.apply(Edit::InsertClaim(new)).expect("add");
    let (merged, report) = three_way(&base.session, &ours, &theirs);
    assert!(report.conflicts.is_empty(), "{report:?}");
    assert_eq!(merged.claim(c1).expect("c1").party, ours.parties()[1].id);
    assert_eq!(merged.claim(c2).expect("c2").note, "checked");
    assert!(merged.claim(c3).is_none());
    assert!(merged.claim(new_id).is_some());

    // An unchanged side gives the other side.
    let (same, report) = three_way(&base.session, &base.session, &theirs);
    assert!(report.conflicts.is_empty());
    assert_eq!(same, theirs);

    // Both change c1's party differently: both versions kept and marked.
    let mut z = theirs.claim(c1).expect("c1").clone();
    z.party = theirs.parties()[2].id;
    theirs.apply(Edit::ReplaceClaim(z)).expect("theirs");
    let (merged, report) = three_way(&base.session, &ours, &theirs);
    assert_eq!(report.conflicts.len(), 1, "{report:?}");
    let kept = merged.claim(c1).expect("ours kept");
    let with = kept.conflict.as_ref().and_then(|c| c.with).expect("marked");
    assert_eq!(
        merged.claim(with).expect("theirs kept").party,
        theirs.parties()[2].id
    );

    // One deletes what the other changed: kept, marked alone.
    let mut deleted = base.session.clone();
    deleted
        .apply(Edit::RemoveClaim { claim: c1 })
        .expect("delete");
    let (merged, report) = three_way(&base.session, &deleted, &ours);
    assert_eq!(report.conflicts.len(), 1);
    let kept = merged.claim(c1).expect("kept");
    assert!(kept.conflict.as_ref().is_some_and(|c| c.with.is_none()));
}

#[test]
fn each_verdict_settles_a_disagreement_as_one_undoable_edit() {
    use super::adjudicate::{Verdict, settle};
    let mut a = session("alice", TEXT);
    let mut b = session("bob", TEXT);
    let a_claim = a.claim((0, 10), "US", None);
    b.claim(
        (0, 10),
        "Russia",
        Some(("a fact only bob has", Stance::Denies)),
    );
    let b_lone = b.claim((12, 18), "Syria", None);
    let report = compare(&a.session, &b.session);
    let article = &report.articles[0];
    let span_of = |id| {
        article
            .placed_b
            .iter()
            .find(|(c, _)| *c == id)
            .map(|(_, s)| *s)
    };
    let pair = &report.overall.disagreements[0];
    assert_eq!(pair.kind, Kind::Party);
    let args = (pair.a, pair.b, pair.b.and_then(span_of));
    // Take B: A's claim becomes bob's version; the fact bob linked is added.
    let mut taken = a.session.clone();
    let (edit, label) = settle(
        &mut taken,
        &b.session,
        &report.matching,
        args,
        Verdict::TakeB,
    )
    .expect("settles");
    assert!(label.contains("take B"));
    let before = taken.clone();
    let undo = taken.apply(edit).expect("applies");
    let claim = taken.claim(a_claim).expect("same claim");
    assert_eq!(taken.party(claim.party).expect("party").name, "Russia");
    assert_eq!(claim.stance, Stance::Denies);
    assert_eq!(
        taken
            .fact(claim.fact.expect("linked"))
            .expect("fact")
            .statement,
        "a fact only bob has"
    );
    taken.apply(undo).expect("undo");
    assert_eq!(taken, before);
    // Take A: nothing changes; keep both: bob's claim beside; drop both: alice's goes.
    for (verdict, claims) in [
        (Verdict::TakeA, 1),
        (Verdict::KeepBoth, 2),
        (Verdict::DropBoth, 0),
    ] {
        let mut s = a.session.clone();
        let (edit, _) = settle(&mut s, &b.session, &report.matching, args, verdict).expect("ok");
        s.apply(edit).expect("applies");
        assert_eq!(s.claims().len(), claims, "{verdict:?}");
    }
    // Only B: take B adds it.
    let mut s = a.session.clone();
    let (edit, _) = settle(
        &mut s,
        &b.session,
        &report.matching,
        (None, Some(b_lone), span_of(b_lone)),
        Verdict::TakeB,
    )
    .expect("ok");
    s.apply(edit).expect("applies");
    assert!(
        s.claims()
            .any(|c| c.anchor.quote == "cdefgh" && c.analyst == "bob")
    );
}

#[test]
fn claims_a_merge_marked_are_settled_each_way() {
    use super::adjudicate::{Verdict, settle_marked};
    let mut a = session("alice", TEXT);
    let mut b = session("bob", TEXT);
    let mine = a.claim((0, 10), "US", None);
    b.claim((0, 10), "Russia", None);
    let (merged, _) = merge_all(&a.session, &[b.session]).expect("merge");
    let theirs = merged
        .claim(mine)
        .and_then(|c| c.conflict.as_ref())
        .and_then(|c| c.with)
        .expect("marked");
    for (verdict, kept) in [
        (Verdict::TakeA, vec![mine]),
        (Verdict::TakeB, vec![theirs]),
        (Verdict::KeepBoth, vec![mine, theirs]),
        (Verdict::DropBoth, vec![]),
    ] {
        let mut s = merged.clone();
        let (edit, _) = settle_marked(&s, mine, verdict).expect("marked");
        s.apply(edit).expect("applies");
        let left: std::collections::BTreeSet<ClaimId> = s.claims().map(|c| c.id).collect();
        assert_eq!(left, kept.into_iter().collect(), "{verdict:?}");
        assert!(s.claims().all(|c| c.conflict.is_none()));
    }
}

#[test]
fn a_fact_reworded_on_both_sides_keeps_both_wordings() {
    let mut base = session("alice", TEXT);
    base.claim(
        (0, 10),
        "US",
        Some(("The strike was an error", Stance::Affirms)),
    );
    let fact = base.session.facts()[0].id;
    let reword = |session: &Session, statement: &str| {
        let mut s = session.clone();
        s.apply(Edit::ReplaceFact(crate::model::Fact {
            id: fact,
            statement: statement.into(),
        }))
        .expect("reword");
        s
    };
    let ours = reword(&base.session, "The strike was a mistake");
    let theirs = reword(&base.session, "The strike was unintended");
    let (merged, report) = three_way(&base.session, &ours, &theirs);
    assert_eq!(report.conflicts.len(), 1);
    let statements: Vec<&str> = merged
        .facts()
        .iter()
        .map(|f| f.statement.as_str())
        .collect();
    assert_eq!(
        statements,
        ["The strike was a mistake", "The strike was unintended"]
    );
}
