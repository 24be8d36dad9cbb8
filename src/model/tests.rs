use super::*;

struct Fixture {
    session: Session,
    article: ArticleId,
    us: PartyId,
    russia: PartyId,
    syria: PartyId,
}

const TEXT: &str = "Washington called the raid a mistake. Москва назвала удар провокацией. \
                    قالت دمشق إن الضربة دليل 🚀 on the record.";

fn fixture() -> Fixture {
    let mut session = Session::new();
    let ids: Vec<PartyId> = session.parties().iter().map(|p| p.id).collect();
    let article = session.new_article(
        ArticleMeta {
            title: "Test".into(),
            ..ArticleMeta::default()
        },
        TEXT.to_owned(),
    );
    let article_id = article.id;
    session
        .apply(Edit::InsertArticle { index: 0, article })
        .expect("insert article");
    Fixture {
        session,
        article: article_id,
        us: ids[0],
        russia: ids[1],
        syria: ids[2],
    }
}

impl Fixture {
    fn tag(
        &mut self,
        quote: &str,
        party: PartyId,
        fact: Option<FactId>,
        stance: Stance,
    ) -> ClaimId {
        let start = TEXT.find(quote).expect("quote in text");
        let mut claim = self
            .session
            .new_claim(
                self.article,
                TextSpan::new(start, start + quote.len()),
                party,
            )
            .expect("claim");
        claim.fact = fact;
        claim.stance = stance;
        let id = claim.id;
        self.session
            .apply(Edit::InsertClaim(claim))
            .expect("insert claim");
        id
    }

    fn fact(&mut self, statement: &str) -> FactId {
        let fact = self.session.new_fact(statement);
        let id = fact.id;
        self.session
            .apply(Edit::InsertFact {
                index: usize::MAX,
                fact,
            })
            .expect("insert fact");
        id
    }
}

#[test]
fn new_session_has_three_distinct_parties() {
    let session = Session::new();
    let names: Vec<&str> = session.parties().iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["US", "Russia", "Syria"]);
    let colours: std::collections::HashSet<Rgb> =
        session.parties().iter().map(|p| p.colour).collect();
    assert_eq!(colours.len(), 3);
}

#[test]
fn fact_status_rules() {
    let mut f = fixture();
    let (us, russia, syria) = (f.us, f.russia, f.syria);
    let agreed = f.fact("A strike took place");
    let disputed = f.fact("It was deliberate");
    let one_sided = f.fact("It was a mistake");
    let unclaimed = f.fact("Nobody said this");
    let inconsistent = f.fact("Russia contradicts itself");

    f.tag(
        "Washington called the raid",
        us,
        Some(agreed),
        Stance::Affirms,
    );
    f.tag("Москва назвала удар", russia, Some(agreed), Stance::Affirms);
    f.tag("قالت دمشق", syria, Some(agreed), Stance::Affirms);

    f.tag("a mistake", us, Some(disputed), Stance::Denies);
    f.tag("провокацией", russia, Some(disputed), Stance::Affirms);

    f.tag(
        "called the raid a mistake",
        us,
        Some(one_sided),
        Stance::Affirms,
    );
    f.tag("raid", us, Some(one_sided), Stance::Affirms);

    f.tag("Москва", russia, Some(inconsistent), Stance::Affirms);
    f.tag("удар", russia, Some(inconsistent), Stance::Denies);
    let lone = f.fact("Syria affirms, Russia both ways");
    f.tag("الضربة", syria, Some(lone), Stance::Affirms);
    f.tag("назвала", russia, Some(lone), Stance::Affirms);
    f.tag("провокацией.", russia, Some(lone), Stance::Denies);
    f.tag("🚀", syria, None, Stance::Affirms);

    let analysis = Analysis::new(&f.session);
    assert_eq!(analysis.status(agreed), FactStatus::Agreed);
    assert_eq!(analysis.status(disputed), FactStatus::Disputed);
    assert_eq!(analysis.status(one_sided), FactStatus::OneSided);
    assert_eq!(analysis.status(unclaimed), FactStatus::Unclaimed);
    // Only one party speaks: one-sided, and flagged as inconsistent.
    let standing = analysis.standing(inconsistent).expect("standing");
    assert_eq!(standing.status, FactStatus::OneSided);
    assert_eq!(standing.inconsistent, vec![russia]);
    // Russia denies what Syria affirms: disputed, and Russia is inconsistent.
    let standing = analysis.standing(lone).expect("standing");
    assert_eq!(standing.status, FactStatus::Disputed);
    assert_eq!(standing.inconsistent, vec![russia]);
    assert_eq!(standing.affirming, vec![russia, syria]);
    assert_eq!(standing.denying, vec![russia]);

    assert_eq!(
        analysis.counts,
        StatusCounts {
            agreed: 1,
            disputed: 2,
            one_sided: 2,
            unclaimed: 1
        }
    );
    assert_eq!(analysis.unlinked.len(), 1);
    assert_eq!(analysis.claims_in_article(f.article), 13);
    assert_eq!(analysis.claims_by_party(syria), 3);
}

#[test]
fn same_stance_from_two_parties_is_agreed_even_when_denied() {
    let mut f = fixture();
    let (us, russia) = (f.us, f.russia);
    let fact = f.fact("Syrian troops were the target");
    f.tag("Washington", us, Some(fact), Stance::Denies);
    f.tag("Москва", russia, Some(fact), Stance::Denies);
    assert_eq!(Analysis::new(&f.session).status(fact), FactStatus::Agreed);
}

#[test]
fn reading_order_follows_articles_then_position() {
    let mut f = fixture();
    let (us, syria) = (f.us, f.syria);
    let late = f.tag("🚀", syria, None, Stance::Affirms);
    let early = f.tag("Washington", us, None, Stance::Affirms);
    let analysis = Analysis::new(&f.session);
    assert_eq!(analysis.reading_order, vec![early, late]);
}

#[test]
fn every_edit_undoes_exactly() {
    let mut f = fixture();
    let (us, russia) = (f.us, f.russia);
    let fact = f.fact("A strike took place");
    let other_fact = f.fact("Another");
    let claim = f.tag("Москва назвала", russia, Some(fact), Stance::Affirms);
    let original = f.session.clone();

    let mut retagged = f.session.claim(claim).expect("claim").clone();
    retagged.party = us;
    retagged.stance = Stance::Denies;
    retagged.note = "<b>note</b>".into();
    let new_party = f.session.new_party("Turkey");
    let new_fact = f.session.new_fact("Another fact");
    let edits = vec![
        Edit::ReplaceClaim(retagged),
        Edit::RemoveClaim { claim },
        f.session.remove_fact_edit(fact),
        f.session.remove_article_edit(f.article),
        Edit::InsertParty {
            index: 1,
            party: new_party,
        },
        Edit::InsertFact {
            index: 0,
            fact: new_fact,
        },
        Edit::SetArticleMeta {
            article: f.article,
            meta: ArticleMeta {
                title: "Renamed".into(),
                outlet: "Outlet".into(),
                published: chrono::NaiveDate::from_ymd_opt(2016, 9, 17),
                source: String::new(),
                encoding: String::new(),
            },
        },
        Edit::ReplaceFact(Fact {
            id: fact,
            statement: "Reworded".into(),
        }),
        Edit::MoveParty {
            party: russia,
            index: 0,
        },
        f.session.remove_party_edit(russia, Some(us)),
        f.session.remove_party_edit(russia, None),
        f.session.merge_facts_edit(fact, other_fact),
        Edit::MoveFact {
            fact: other_fact,
            index: 0,
        },
    ];
    for edit in edits {
        let mut session = original.clone();
        let inverse = session.apply(edit.clone()).expect("edit applies");
        assert_ne!(session, original, "{edit:?} changed nothing");
        let redo = session.apply(inverse).expect("inverse applies");
        assert_eq!(session, original, "undo of {edit:?}");
        session.apply(redo).expect("redo applies");
        assert_ne!(session, original);
    }
}

#[test]
fn invalid_edits_leave_the_session_unchanged() {
    let mut f = fixture();
    let russia = f.russia;
    let fact = f.fact("Fact");
    let claim = f.tag("Москва", russia, Some(fact), Stance::Affirms);
    let before = f.session.clone();
    let mut bad = f.session.claim(claim).expect("claim").clone();
    bad.anchor.span = TextSpan::new(1, 3);
    assert_eq!(
        f.session.apply(Edit::ReplaceClaim(bad)),
        Err(EditError::SpanOutsideText)
    );
    assert_eq!(
        f.session.apply(Edit::RemoveParty { party: russia }),
        Err(EditError::PartyHasClaims(russia))
    );
    // A batch that fails half-way is rolled back.
    let batch = Edit::Batch(vec![
        Edit::RemoveClaim { claim },
        Edit::RemoveFact { fact: FactId(9999) },
    ]);
    assert_eq!(f.session.apply(batch), Err(EditError::NoFact(FactId(9999))));
    assert_eq!(f.session, before);
    assert!(f.session.claim(claim).is_some());
}

#[test]
fn new_claim_trims_whitespace_and_refuses_empty_spans() {
    let mut f = fixture();
    let start = TEXT.find(" Москва").expect("in text");
    let claim = f
        .session
        .new_claim(f.article, TextSpan::new(start, start + 8), f.russia)
        .expect("claim");
    assert!(claim.anchor.quote.starts_with("Мо"));
    assert!(
        f.session
            .new_claim(f.article, TextSpan::new(start, start + 1), f.russia)
            .is_none()
    );
}

#[test]
fn colours_round_trip_as_hex() {
    for colour in PARTY_PALETTE {
        assert_eq!(Rgb::from_hex(&colour.to_hex()), Some(colour));
    }
    assert_eq!(Rgb::from_hex("#12345"), None);
    assert_eq!(Rgb::from_hex("#ééé"), None);
}

#[test]
fn removing_a_party_reassigns_or_deletes_its_claims() {
    let mut f = fixture();
    let (us, russia) = (f.us, f.russia);
    f.tag("Москва", russia, None, Stance::Affirms);
    f.tag("удар", russia, None, Stance::Denies);
    let mut reassigned = f.session.clone();
    reassigned
        .apply(f.session.remove_party_edit(russia, Some(us)))
        .expect("applies");
    assert!(reassigned.party(russia).is_none());
    assert_eq!(reassigned.claims().filter(|c| c.party == us).count(), 2);
    let mut deleted = f.session.clone();
    deleted
        .apply(f.session.remove_party_edit(russia, None))
        .expect("applies");
    assert_eq!(deleted.claims().len(), 0);
}

#[test]
fn merging_facts_moves_claims_and_changes_status() {
    let mut f = fixture();
    let (us, syria) = (f.us, f.syria);
    let a = f.fact("It was a mistake");
    let b = f.fact("It was an accident");
    f.tag("Washington", us, Some(a), Stance::Affirms);
    f.tag("دمشق", syria, Some(b), Stance::Denies);
    f.session
        .apply(f.session.merge_facts_edit(b, a))
        .expect("merge");
    assert!(f.session.fact(b).is_none());
    assert_eq!(Analysis::new(&f.session).status(a), FactStatus::Disputed);
}

#[test]
fn split_and_merge_claims() {
    let mut f = fixture();
    let russia = f.russia;
    let fact = f.fact("Fact");
    let claim = f.tag(
        "Москва назвала удар провокацией",
        russia,
        Some(fact),
        Stance::Denies,
    );
    let at = ByteOffset(TEXT.find("удар").expect("in text"));
    let split = f
        .session
        .split_claim_edit(claim, at)
        .expect("inside the claim");
    f.session.apply(split).expect("split");
    let parts: Vec<&Claim> = f.session.claims_in(f.article);
    let quotes: Vec<&str> = parts.iter().map(|c| c.anchor.quote.as_str()).collect();
    assert_eq!(quotes, ["Москва назвала", "удар провокацией"]);
    assert!(
        parts
            .iter()
            .all(|c| c.fact == Some(fact) && c.stance == Stance::Denies)
    );
    // Splitting at the start or outside does nothing.
    assert!(f.session.split_claim_edit(claim, ByteOffset(0)).is_none());

    let second = f
        .session
        .next_claim_of_party(claim)
        .expect("the second part")
        .id;
    let merge = f
        .session
        .merge_claims_edit(claim, second)
        .expect("same article");
    f.session.apply(merge).expect("merge");
    let merged = f.session.claim(claim).expect("kept");
    assert_eq!(merged.anchor.quote, "Москва назвала удар провокацией");
    assert!(f.session.claim(second).is_none());
}

#[test]
fn respanning_captures_new_quote_and_context() {
    let mut f = fixture();
    let us = f.us;
    let claim = f.tag("raid", us, None, Stance::Affirms);
    let start = TEXT.find("the raid").expect("in text");
    let wider = f
        .session
        .claim_with_span(
            claim,
            TextSpan::new(start, start + "the raid a mistake".len()),
        )
        .expect("valid");
    assert_eq!(wider.anchor.quote, "the raid a mistake");
    assert!(wider.anchor.prefix.ends_with("called "));
    assert!(
        f.session
            .claim_with_span(claim, TextSpan::new(start, start))
            .is_none()
    );
}

#[test]
fn party_matrix_counts_agreements_and_disputes() {
    let mut f = fixture();
    let (us, russia, syria) = (f.us, f.russia, f.syria);
    let agreed = f.fact("Agreed by all");
    let disputed = f.fact("US against Russia");
    f.tag("Washington", us, Some(agreed), Stance::Affirms);
    f.tag("Москва", russia, Some(agreed), Stance::Affirms);
    f.tag("دمشق", syria, Some(agreed), Stance::Affirms);
    f.tag("raid", us, Some(disputed), Stance::Affirms);
    f.tag("удар", russia, Some(disputed), Stance::Denies);
    let matrix = party_matrix(&f.session, &Analysis::new(&f.session));
    assert_eq!(
        matrix[0][1],
        PairCounts {
            agree: 1,
            dispute: 1
        }
    );
    assert_eq!(
        matrix[1][0],
        PairCounts {
            agree: 1,
            dispute: 1
        }
    );
    assert_eq!(
        matrix[0][2],
        PairCounts {
            agree: 1,
            dispute: 0
        }
    );
    assert_eq!(matrix[0][0].agree, 2, "facts the US speaks to");
}

fn quote_of(session: &Session, claim: ClaimId) -> (String, bool) {
    let claim = session.claim(claim).expect("claim kept");
    (claim.anchor.quote.clone(), claim.orphaned)
}

#[test]
fn a_changed_text_keeps_every_claim_moved_changed_or_orphaned() {
    let mut f = fixture();
    let us = f.us;
    let russia = f.russia;
    let syria = f.syria;
    let fact = f.fact("The raid was a mistake");
    let mistake = f.tag("called the raid a mistake", us, Some(fact), Stance::Affirms);
    let provocation = f.tag("назвала удар провокацией", russia, None, Stance::Affirms);
    let proof = f.tag(
        "قالت دمشق إن الضربة دليل 🚀",
        syria,
        Some(fact),
        Stance::Denies,
    );
    let record = f.tag("on the record", us, None, Stance::Affirms);
    let before = f.session.clone();

    // The outlet added a lead, reworded the Russian sentence slightly and cut the last words.
    let edited = "Updated at noon. Washington called the raid a mistake. Москва назвала этот удар провокацией. \
                  قالت دمشق إن الضربة دليل 🚀.";
    let (edit, report) = f
        .session
        .replace_text_edit(f.article, edited.to_owned())
        .expect("article exists");
    // The same placing as a worker does it, on a copy of the claims, hears every claim.
    let (old_len, copies) = f.session.reanchoring_input(f.article).expect("article");
    let heard = std::cell::Cell::new(0);
    let (placed, same) = super::reanchor(copies, old_len, edited, &|| heard.set(heard.get() + 1));
    assert_eq!(heard.get(), placed.len());
    assert_eq!(same, report);
    assert_eq!(report.unchanged, 0);
    assert_eq!(report.moved, 2, "{report:?}");
    assert_eq!(report.changed, 1, "{report:?}");
    assert_eq!(report.orphaned, vec![record]);
    let inverse = f.session.apply(edit).expect("applies");

    assert_eq!(
        quote_of(&f.session, mistake),
        ("called the raid a mistake".into(), false)
    );
    assert_eq!(
        quote_of(&f.session, provocation),
        ("назвала этот удар провокацией".into(), false)
    );
    assert_eq!(
        quote_of(&f.session, proof),
        ("قالت دمشق إن الضربة دليل 🚀".into(), false)
    );
    assert_eq!(quote_of(&f.session, record), ("on the record".into(), true));
    // Facts and stances stay with the claims; the orphan still counts for its party.
    assert_eq!(f.session.claim(proof).and_then(|c| c.fact), Some(fact));
    let article = f.session.article(f.article).expect("article");
    for claim in f.session.claims() {
        assert!(claim.is_placed_consistently(&article.text));
    }

    // One undo brings back the old text with every claim where it was.
    f.session.apply(inverse).expect("undo");
    assert_eq!(f.session, before);
}

#[test]
fn an_orphan_is_placed_again_when_its_quote_returns() {
    let mut f = fixture();
    let us = f.us;
    let claim = f.tag("on the record", us, None, Stance::Affirms);
    let (edit, _) = f
        .session
        .replace_text_edit(f.article, "Nothing of the kind here.".into())
        .expect("article");
    f.session.apply(edit).expect("orphaned");
    assert!(quote_of(&f.session, claim).1);
    // Saved and loaded, the orphan is kept.
    let json = crate::storage::to_json(&f.session);
    let loaded = crate::storage::from_json(&json).expect("loads");
    assert!(loaded.session.claim(claim).is_some_and(|c| c.orphaned));
    let (edit, report) = f
        .session
        .replace_text_edit(f.article, format!("Back {TEXT}"))
        .expect("article");
    assert_eq!(report.moved, 1);
    f.session.apply(edit).expect("placed");
    assert_eq!(quote_of(&f.session, claim), ("on the record".into(), false));
}

#[test]
fn fuzzy_placement_finds_edited_quotes_and_refuses_unrelated_text() {
    use crate::model::span::{Placement, TextAnchor};
    let old = "Intro line. The ministry said the strike was a deliberate provocation by the coalition. Closing words follow here.";
    let start = old.find("the strike").expect("in text");
    let end = old.find(" by the coalition").expect("in text");
    let anchor = TextAnchor::capture(old, TextSpan::new(start, end)).expect("anchor");
    // A word changed inside the quote, and the context moved.
    let new = "New first paragraph.\n\nIntro line. The ministry said the strike was a deliberate and planned provocation by the coalition. Closing words follow here.";
    let found = anchor.relocate_fuzzy(new).expect("found");
    assert_eq!(found.placement, Placement::Changed);
    assert_eq!(
        found.anchor.quote,
        "the strike was a deliberate and planned provocation"
    );
    // Nothing alike: orphaned.
    assert!(
        anchor
            .relocate_fuzzy("Completely different text about the weather in spring.")
            .is_none()
    );
    // A quote cut in half is too different to stand for the old one.
    let cut = "Intro line. The ministry said the strike. Closing words follow here.";
    assert!(anchor.relocate_fuzzy(cut).is_none());
}

#[test]
fn short_collapses_whitespace_and_cuts_at_48_characters() {
    assert_eq!(short("  a\n\tquick   quote "), "a quick quote");
    assert_eq!(short(""), "");
    let exact = "x".repeat(48);
    assert_eq!(short(&exact), exact);
    let long = format!("{} tail", "y".repeat(46));
    assert_eq!(
        short(&long),
        format!("{}…", "y".repeat(46)),
        "cut, and the space trimmed"
    );
    // Counted in characters, not bytes: Cyrillic and Arabic are cut whole.
    let cyrillic = "Министерство обороны заявило, что удар был нанесён по ошибке";
    let cut = short(cyrillic);
    assert_eq!(cut.chars().count(), 48);
    assert!(cut.ends_with('…'));
    assert!(cyrillic.starts_with(cut.trim_end_matches('…')));
    let arabic = "قالت الوزارة إن الضربة كانت متعمدة وإن التحالف يتحمل المسؤولية";
    assert!(arabic.starts_with(short(arabic).trim_end_matches('…')));
}

#[test]
fn an_excerpt_cuts_long_text_at_a_word_and_says_how_long_it_was() {
    use super::{EXCERPT_CHARS, excerpt};
    assert_eq!(excerpt("A short quote.", EXCERPT_CHARS), "A short quote.");
    let long = "Moscow said the strike was deliberate. ".repeat(30_000);
    let cut = excerpt(&long, EXCERPT_CHARS);
    assert!(cut.chars().count() < EXCERPT_CHARS + 30, "{cut}");
    assert!(
        cut.ends_with(&format!("… ({} characters)", "1,170,000")),
        "{cut}"
    );
    // The cut falls between words.
    let head = cut.split('…').next().expect("head");
    assert!(long.starts_with(head));
    assert!(long[head.len()..].starts_with(' '));
    // A text without spaces is cut at a character; every cut is on a char boundary.
    let arabic = "دليل".repeat(1_000);
    let cut = excerpt(&arabic, 10);
    assert!(cut.starts_with("دليلدليلدل…"), "{cut}");
}

#[test]
fn party_totals_agree_with_the_pairs_matrix() {
    let mut f = fixture();
    let (us, russia, syria) = (f.us, f.russia, f.syria);
    let agreed = f.fact("Agreed by all");
    let disputed = f.fact("US against Russia");
    let alone = f.fact("Only Syria");
    f.tag("Washington", us, Some(agreed), Stance::Affirms);
    f.tag("Москва", russia, Some(agreed), Stance::Affirms);
    f.tag("دمشق", syria, Some(agreed), Stance::Affirms);
    f.tag("raid", us, Some(disputed), Stance::Affirms);
    f.tag("удар", russia, Some(disputed), Stance::Denies);
    f.tag("الضربة", syria, Some(alone), Stance::Denies);
    let analysis = Analysis::new(&f.session);
    let totals = party_totals(&f.session, &analysis);
    // Worked out by hand: the US speaks to two facts, shares "Agreed by all" with both
    // others, and is disputed by Russia on the second; Syria's own fact is one-sided.
    assert_eq!(
        totals[0],
        PartyTotals {
            facts: 2,
            shared: 1,
            disputed: 1
        }
    );
    assert_eq!(
        totals[1],
        PartyTotals {
            facts: 2,
            shared: 1,
            disputed: 1
        }
    );
    assert_eq!(
        totals[2],
        PartyTotals {
            facts: 2,
            shared: 1,
            disputed: 0
        }
    );
    // The diagonal of the matrix counts the same facts.
    let matrix = party_matrix(&f.session, &analysis);
    for (i, total) in totals.iter().enumerate() {
        assert_eq!(matrix[i][i].agree, total.facts);
    }
}

#[test]
fn two_analysts_starting_from_one_file_never_hand_out_the_same_id() {
    let text = crate::storage::to_json(&Session::new());
    let mut anna = crate::storage::from_json(&text).expect("loads").session;
    let mut ben = crate::storage::from_json(&text).expect("loads").session;
    assert_eq!(anna, ben, "the same parties, with the same ids");
    let a: Vec<u128> = (0..100).map(|_| anna.allocate_id()).collect();
    let b: Vec<u128> = (0..100).map(|_| ben.allocate_id()).collect();
    assert!(a.iter().all(|id| !b.contains(id)));
    // Within one sitting ids still grow with creation.
    assert!(a.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn claims_record_their_analyst_and_naming_the_analyst_is_one_undoable_step() {
    let mut f = fixture();
    let before = f.session.clone();
    let russia = f.russia;
    let first = f.tag("Москва", russia, None, Stance::Affirms);
    assert_eq!(f.session.claim(first).expect("claim").analyst, "");
    let undo = f
        .session
        .apply(f.session.set_analyst_edit("  Anna "))
        .expect("named");
    assert_eq!(f.session.analyst(), "Anna");
    assert_eq!(f.session.claim(first).expect("claim").analyst, "Anna");
    let syria = f.syria;
    let second = f.tag("دمشق", syria, None, Stance::Affirms);
    assert_eq!(f.session.claim(second).expect("claim").analyst, "Anna");
    let text = crate::storage::to_json(&f.session);
    let back = crate::storage::from_json(&text).expect("loads").session;
    assert_eq!(back, f.session);
    f.session
        .apply(Edit::RemoveClaim { claim: second })
        .expect("removed");
    f.session.apply(undo).expect("undone");
    assert_eq!(f.session.analyst(), "");
    assert_eq!(f.session.claim(first).expect("claim").analyst, "");
    f.session
        .apply(Edit::RemoveClaim { claim: first })
        .expect("removed");
    assert_eq!(f.session, before);
}

#[test]
fn names_and_statements_are_capped_on_load_and_when_made() {
    let mut session = Session::new();
    let long = "word ".repeat(200_000);
    let fact = session.new_fact(&long);
    assert!(fact.statement.chars().count() <= MAX_STATEMENT_CHARS);
    assert!(fact.statement.ends_with('…'));
    let party = session.new_party(&long);
    assert!(party.name.chars().count() <= MAX_NAME_CHARS);
    // A file written elsewhere with a 1 MB name and statement loads cut, and says so.
    let mut json: serde_json::Value =
        serde_json::from_str(&crate::storage::to_json(&Session::new())).expect("json");
    json["session"]["parties"][0]["name"] = serde_json::json!(long);
    json["session"]["facts"] = serde_json::json!([{"id": "900", "statement": long}]);
    let loaded = crate::storage::from_json(&json.to_string()).expect("loads");
    assert!(loaded.session.parties()[0].name.chars().count() <= MAX_NAME_CHARS);
    assert!(loaded.session.facts()[0].statement.chars().count() <= MAX_STATEMENT_CHARS);
    assert_eq!(
        loaded
            .warnings
            .iter()
            .filter(|w| w.starts_with("Cut the"))
            .count(),
        2,
        "{:?}",
        loaded.warnings
    );
}

/// Articles and facts are found by id through a map of their places: after inserting,
/// moving, removing and undoing, every lookup gives the one with that id, and a removed one
/// is not found.
#[test]
fn lookups_by_id_follow_every_insert_move_removal_and_undo() {
    let mut session = Session::new();
    let mut facts = Vec::new();
    for n in 0..20 {
        let fact = session.new_fact(&format!("Fact {n}"));
        facts.push(fact.id);
        let index = if n % 2 == 0 { 0 } else { usize::MAX };
        session
            .apply(Edit::InsertFact { index, fact })
            .expect("inserts");
        let article = session.new_article(ArticleMeta::default(), format!("Text {n}."));
        session
            .apply(Edit::InsertArticle { index, article })
            .expect("inserts");
    }
    let check = |session: &Session| {
        for (i, fact) in session.facts().iter().enumerate() {
            assert_eq!(session.fact_index(fact.id), Some(i));
            assert_eq!(session.fact(fact.id).map(|f| f.id), Some(fact.id));
        }
        for (i, article) in session.articles().iter().enumerate() {
            assert_eq!(session.article_index(article.id), Some(i));
            assert_eq!(session.article(article.id).map(|a| a.id), Some(article.id));
        }
    };
    check(&session);
    // An id already taken is refused, found through the same maps.
    let taken = session.facts()[10].clone();
    assert!(matches!(
        session.apply(Edit::InsertFact {
            index: usize::MAX,
            fact: taken
        }),
        Err(EditError::DuplicateId(_))
    ));
    let undo_move = session
        .apply(Edit::MoveFact {
            fact: facts[3],
            index: 15,
        })
        .expect("moves");
    check(&session);
    let removed = session
        .apply(Edit::RemoveFact { fact: facts[7] })
        .expect("removes");
    assert!(session.fact(facts[7]).is_none());
    check(&session);
    let article = session.articles()[4].id;
    let undo_article = session
        .apply(Edit::RemoveArticle { article })
        .expect("removes");
    assert!(session.article(article).is_none());
    check(&session);
    for undo in [undo_article, removed, undo_move] {
        session.apply(undo).expect("undoes");
        check(&session);
    }
    assert_eq!(
        session.fact(facts[7]).map(|f| f.statement.as_str()),
        Some("Fact 7")
    );
    assert!(session.article(article).is_some());
}
