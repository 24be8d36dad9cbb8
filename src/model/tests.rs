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
            },
        },
        Edit::ReplaceFact(Fact {
            id: fact,
            statement: "Reworded".into(),
        }),
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
