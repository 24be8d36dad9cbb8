//! Property: any sequence of edits, then as many undos, gives back the original session
//! exactly; as many redos give back the edited one.

use proptest::prelude::*;
use rashomon::history::Document;
use rashomon::model::{ArticleMeta, ByteOffset, Edit, Fact, Party, Session, TextSpan, span};

/// One user action, picked by `op`, with `a`, `b`, `c` choosing what it acts on.
fn edit_for(
    document: &mut Document,
    op: u8,
    a: usize,
    b: usize,
    c: usize,
) -> Option<(String, Edit)> {
    let session = document.session().clone();
    let claims: Vec<_> = session.claims().cloned().collect();
    let claim = (!claims.is_empty()).then(|| claims[a % claims.len()].clone());
    let facts = session.facts();
    let parties = session.parties();
    let articles = session.articles();
    let edit = match op % 20 {
        0 => {
            let article = articles.get(a % articles.len().max(1))?;
            let start = span::floor_char_boundary(&article.text, b % article.text.len().max(1));
            let end = span::ceil_char_boundary(&article.text, start + c % 60 + 1);
            let party = parties.get(c % parties.len().max(1))?.id;
            let claim = document.session_mut_for_ids().new_claim(
                article.id,
                TextSpan::new(start, end),
                party,
            )?;
            Edit::InsertClaim(claim)
        }
        1 => {
            let mut claim = claim?;
            claim.party = parties.get(b % parties.len().max(1))?.id;
            Edit::ReplaceClaim(claim)
        }
        2 => {
            let mut claim = claim?;
            claim.stance = claim.stance.flipped();
            Edit::ReplaceClaim(claim)
        }
        3 => {
            let mut claim = claim?;
            claim.fact = facts.get(b % (facts.len() + 1)).map(|f| f.id);
            Edit::ReplaceClaim(claim)
        }
        4 => {
            let mut claim = claim?;
            let fact = document
                .session_mut_for_ids()
                .new_fact(&format!("Fact {b} 🚀"));
            claim.fact = Some(fact.id);
            Edit::Batch(vec![
                Edit::InsertFact { index: c, fact },
                Edit::ReplaceClaim(claim),
            ])
        }
        5 => Edit::RemoveClaim { claim: claim?.id },
        6 => session.remove_fact_edit(facts.get(b % facts.len().max(1))?.id),
        7 => Edit::ReplaceParty(Party {
            name: format!("Сторона {b}"),
            ..parties.get(a % parties.len().max(1))?.clone()
        }),
        8 => Edit::InsertParty {
            index: b,
            party: document.session_mut_for_ids().new_party("New party"),
        },
        9 => Edit::MoveParty {
            party: parties.get(a % parties.len().max(1))?.id,
            index: b % 5,
        },
        10 => Edit::MoveFact {
            fact: facts.get(a % facts.len().max(1))?.id,
            index: b % 9,
        },
        11 => {
            let from = facts.get(a % facts.len().max(1))?.id;
            let into = facts.get(b % facts.len().max(1))?.id;
            if from == into {
                return None;
            }
            session.merge_facts_edit(from, into)
        }
        12 => {
            let claim = claim?;
            let span = claim.anchor.span;
            let middle = span.start.0 + span.len() / 2;
            let article = session.article(claim.article)?;
            let at = ByteOffset(span::floor_char_boundary(&article.text, middle));
            document
                .session_mut_for_ids()
                .split_claim_edit(claim.id, at)?
        }
        13 => {
            let claim = claim?;
            let next = session.next_claim_of_party(claim.id)?.id;
            session.merge_claims_edit(claim.id, next)?
        }
        14 => Edit::SetArticleMeta {
            article: articles.get(a % articles.len().max(1))?.id,
            meta: ArticleMeta {
                title: format!("Title {b}"),
                outlet: "Outlet".into(),
                published: chrono::NaiveDate::from_ymd_opt(
                    2016,
                    9,
                    1 + u32::try_from(c % 28).ok()?,
                ),
                source: String::new(),
                encoding: String::new(),
            },
        },
        15 => {
            let party = parties.get(a % parties.len().max(1))?.id;
            let other = parties
                .get(b % parties.len().max(1))
                .map(|p| p.id)
                .filter(|p| *p != party);
            session.remove_party_edit(party, other)
        }
        16 => {
            let claim = claim?;
            let article = session.article(claim.article)?;
            let end = span::next_word_end(&article.text, claim.anchor.span.end);
            Edit::ReplaceClaim(session.claim_with_span(
                claim.id,
                TextSpan {
                    start: claim.anchor.span.start,
                    end,
                },
            )?)
        }
        17 => session.remove_article_edit(articles.get(a % articles.len().max(1))?.id),
        19 => {
            // The outlet edited its story: a chunk goes, new words come; every claim is
            // placed again or orphaned.
            let article = articles.get(a % articles.len().max(1))?;
            let text = &article.text;
            let cut = span::floor_char_boundary(text, b % text.len().max(1));
            let cut_end = span::ceil_char_boundary(text, cut + c % 200);
            let changed = format!("{}Updated: {}", &text[..cut], &text[cut_end..]);
            session.replace_text_edit(article.id, changed)?.0
        }
        _ => {
            let mut claim = claim?;
            claim.note = format!("ملاحظة {b}");
            Edit::ReplaceClaim(claim)
        }
    };
    Some((format!("op {op}"), edit))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_edits_then_as_many_undos_restore_the_session(
        ops in proptest::collection::vec((any::<u8>(), any::<u16>(), any::<u16>(), any::<u16>()), 0..40)
    ) {
        let original = rashomon::sample::load().expect("sample");
        let mut document = Document::new(original.clone());
        let mut steps = 0;
        for (op, a, b, c) in ops {
            if let Some((label, edit)) = edit_for(&mut document, op, a.into(), b.into(), c.into())
                && document.apply(label, edit).is_ok()
            {
                steps += 1;
                // The analysis updated for the claims the edit touched is the one built anew.
                prop_assert_eq!(
                    document.analysis(),
                    &rashomon::model::Analysis::new(document.session())
                );
            }
        }
        let edited: Session = document.session().clone();
        for _ in 0..steps {
            prop_assert!(document.undo().is_some());
            prop_assert_eq!(
                document.analysis(),
                &rashomon::model::Analysis::new(document.session())
            );
        }
        prop_assert!(document.undo().is_none());
        prop_assert_eq!(document.session(), &original);
        prop_assert!(!document.is_dirty());
        for _ in 0..steps {
            prop_assert!(document.redo().is_some());
        }
        prop_assert_eq!(document.session(), &edited);
        // Every claim still quotes its article exactly.
        for claim in document.session().claims() {
            let article = document.session().article(claim.article).expect("article");
            prop_assert!(claim.is_placed_consistently(&article.text));
        }
    }
}

#[test]
fn a_fact_edit_round_trip_is_exact() {
    let original = rashomon::sample::load().expect("sample");
    let mut document = Document::new(original.clone());
    let fact = original.facts()[0].clone();
    document
        .apply(
            "Reword",
            Edit::ReplaceFact(Fact {
                statement: "Reworded".into(),
                ..fact
            }),
        )
        .expect("applies");
    document.undo();
    assert_eq!(document.session(), &original);
}

#[test]
fn the_generator_makes_every_kind_of_edit() {
    let mut document = Document::new(rashomon::sample::load().expect("sample"));
    let mut applied = Vec::new();
    for op in 0..20u8 {
        if let Some((label, edit)) = edit_for(&mut document, op, 1, 2, 3)
            && document.apply(label, edit).is_ok()
        {
            applied.push(op);
        }
    }
    assert!(applied.len() >= 18, "only {applied:?} applied");
}
