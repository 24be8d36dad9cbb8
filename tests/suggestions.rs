//! Suggestions measured on the evaluation set in `tests/suggestions/`: articles written for
//! these tests in the style of wire reports from every side, with the claims an analyst
//! would tag. Prints precision and recall of claim suggestions and the fact ranking's
//! right-first and in-top-3 rates, per language, and fails below the floors set here.
//!
//! A suggestion is right when it names the gold claim's party and the two are mostly the
//! same words: the overlap is at least half of the gold claim and half of the suggestion.

mod common;

use std::collections::BTreeMap;

use common::eval::{eval_set, overlap, read_facts};
use rashomon::model::{ArticleMeta, Edit, FactId, Session, TextSpan};
use rashomon::suggest::{FactIndex, Suggester};

#[derive(Default, Debug)]
struct Tally {
    suggested: usize,
    right: usize,
    gold: usize,
    found: usize,
    stance_right: usize,
    ranked: usize,
    first: usize,
    top3: usize,
    /// With the semantic model.
    model_first: usize,
    model_top3: usize,
}

#[test]
#[expect(
    clippy::too_many_lines,
    reason = "one pass over the set, tallying claims and facts, then the table and floors"
)]
fn claim_suggestions_and_fact_ranking_on_the_evaluation_set() {
    let articles = eval_set();
    let mut session = Session::new();
    let facts = read_facts(&mut session);
    let suggester = Suggester::new(session.parties());
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    let mut misses = Vec::new();
    let mut gold_claims = Vec::new();
    for eval in &articles {
        let meta = ArticleMeta {
            title: eval.title.clone(),
            ..ArticleMeta::default()
        };
        let article = session.new_article(meta, eval.text.clone());
        let article_id = article.id;
        let suggestions = suggester.claims(&article);
        session
            .apply(Edit::InsertArticle {
                index: usize::MAX,
                article,
            })
            .expect("added");
        let party_names: BTreeMap<_, String> = session
            .parties()
            .iter()
            .map(|p| (p.id, p.name.clone()))
            .collect();
        let party_name = |s: &rashomon::suggest::ClaimSuggestion| {
            s.party
                .and_then(|p| party_names.get(&p).cloned())
                .unwrap_or_else(|| "-".to_owned())
        };
        let group = if eval.held_out {
            format!("{} held out", eval.language)
        } else {
            eval.language.clone()
        };
        let tally = tallies.entry(group.clone()).or_default();
        let with_party: Vec<_> = suggestions.iter().filter(|s| s.party.is_some()).collect();
        tally.suggested += with_party.len();
        for s in &with_party {
            let right = eval.gold.iter().any(|g| {
                g.party == party_name(s) && common::eval::matches(&s.span.range(), &g.span)
            });
            if right {
                tally.right += 1;
            } else {
                misses.push(format!(
                    "{} wrong: {} “{}” ({})",
                    group,
                    party_name(s),
                    &eval.text[s.span.range()],
                    s.cue
                ));
            }
        }
        for g in &eval.gold {
            tally.gold += 1;
            let hit = with_party.iter().find(|s| {
                g.party == party_name(s) && common::eval::matches(&s.span.range(), &g.span)
            });
            if let Some(hit) = hit {
                tally.found += 1;
                if hit.stance == g.stance {
                    tally.stance_right += 1;
                } else {
                    misses.push(format!(
                        "{} stance: “{}”",
                        eval.language,
                        &eval.text[g.span.clone()]
                    ));
                }
            } else {
                let near: Vec<String> = suggestions
                    .iter()
                    .filter(|s| overlap(&s.span.range(), &g.span) > 0)
                    .map(|s| format!("{} “{}”", party_name(s), &eval.text[s.span.range()]))
                    .collect();
                misses.push(format!(
                    "{} missed: {} “{}” near {near:?}",
                    group,
                    g.party,
                    &eval.text[g.span.clone()]
                ));
            }
            // The gold claim goes into the session, for the fact ranking.
            let party = session
                .parties()
                .iter()
                .find(|p| p.name == g.party)
                .expect("a default party")
                .id;
            let mut claim = session
                .new_claim(article_id, TextSpan::new(g.span.start, g.span.end), party)
                .expect("a claim");
            claim.fact = g.fact.as_ref().map(|f| facts[f]);
            claim.stance = g.stance;
            gold_claims.push((group.clone(), claim.id));
            session.apply(Edit::InsertClaim(claim)).expect("added");
        }
    }
    let index = FactIndex::new(&session);
    let model = common::eval::model();
    let ids: Vec<_> = gold_claims.iter().map(|(_, id)| *id).collect();
    let closeness = model
        .as_ref()
        .map(|m| common::eval::closeness_of(m, &session, &ids));
    for (language, id) in &gold_claims {
        let claim = session.claim(*id).expect("in the session").clone();
        let Some(fact) = claim.fact else { continue };
        let ranked = index.rank(&session, &claim);
        let position = ranked.iter().position(|r| r.fact == fact);
        if position != Some(0) {
            let name = |f: FactId| {
                session
                    .fact(f)
                    .map_or(String::new(), |f| f.statement.clone())
            };
            misses.push(format!(
                "{language} fact at {position:?}: “{}” → {} (first: {} {:?})",
                rashomon::model::short(&claim.anchor.quote),
                name(fact),
                ranked.first().map_or(String::new(), |r| name(r.fact)),
                ranked.first().map(|r| &r.reasons),
            ));
        }
        let tally = tallies.get_mut(language).expect("tallied");
        tally.ranked += 1;
        if position == Some(0) {
            tally.first += 1;
        }
        if position.is_some_and(|p| p < 3) {
            tally.top3 += 1;
        }
        if let Some(closeness) = &closeness {
            let ranked = index.rank_with(&session, &claim, Some(&closeness[id]));
            let position = ranked.iter().position(|r| r.fact == fact);
            if position.is_none_or(|p| p > 0) {
                println!(
                    "{language} with the model at {position:?}: “{}” (first: {:?})",
                    rashomon::model::short(&claim.anchor.quote),
                    ranked.first().map(|r| (&r.signals, &r.reasons))
                );
            }
            tally.model_first += usize::from(position == Some(0));
            tally.model_top3 += usize::from(position.is_some_and(|p| p < 3));
        }
    }
    for miss in &misses {
        println!("{miss}");
    }
    let rate = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    println!(
        "language  precision  recall  stance  fact first  fact top 3  model first  model top 3  (suggested/gold/ranked)"
    );
    for (language, t) in &tallies {
        println!(
            "{language:<11}  {:>9.2}  {:>6.2}  {:>6.2}  {:>10.2}  {:>10.2}  {:>11.2}  {:>11.2}  ({}/{}/{})",
            rate(t.right, t.suggested),
            rate(t.found, t.gold),
            rate(t.stance_right, t.found),
            rate(t.first, t.ranked),
            rate(t.top3, t.ranked),
            rate(t.model_first, t.ranked),
            rate(t.model_top3, t.ranked),
            t.suggested,
            t.gold,
            t.ranked
        );
    }
    let floors: &[(&str, f64, f64, f64, f64)] = &[
        // language, precision, recall, fact first, fact top 3
        // Floors a little under what is measured, so a change for the worse shows. Lexical
        // ranking cannot tell "the strike was halted" from "Russia was told" when both share
        // their words; the semantic signal (issue 17) is what lifts it. Other languages rank
        // against English statements and the few claims of their own language.
        ("en", 0.9, 0.8, 0.65, 0.85),
        ("en held out", 0.9, 0.8, 0.6, 0.8),
        ("ru", 0.8, 0.6, 0.1, 0.4),
        ("ar", 0.8, 0.7, 0.2, 0.4),
        ("pt", 0.8, 0.7, 0.5, 0.7),
    ];
    for &(language, precision, recall, first, top3) in floors {
        let t = &tallies[language];
        assert!(
            rate(t.right, t.suggested) >= precision,
            "{language} precision {t:?}"
        );
        assert!(rate(t.found, t.gold) >= recall, "{language} recall {t:?}");
        assert!(
            rate(t.first, t.ranked) >= first,
            "{language} fact first {t:?}"
        );
        assert!(
            rate(t.top3, t.ranked) >= top3,
            "{language} fact top 3 {t:?}"
        );
        if closeness.is_some() {
            // The model never makes the ranking worse than the words alone.
            assert!(t.model_first >= t.first, "{language} with the model {t:?}");
            assert!(t.model_top3 >= t.top3, "{language} with the model {t:?}");
        }
    }
}
