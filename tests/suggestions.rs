//! Suggestions measured on the evaluation set in `tests/suggestions/`: articles written for
//! these tests in the style of wire reports from every side, with the claims an analyst
//! would tag. Prints precision and recall of claim suggestions and the fact ranking's
//! right-first and in-top-3 rates, per language, and fails below the floors set here.
//!
//! A suggestion is right when it names the gold claim's party and the two are mostly the
//! same words: the overlap is at least half of the gold claim and half of the suggestion.

use std::collections::BTreeMap;
use std::path::Path;

use rashomon::model::{ArticleMeta, Edit, FactId, Session, Stance, TextSpan};
use rashomon::suggest::{FactIndex, Suggester};

struct Gold {
    party: String,
    fact: Option<String>,
    stance: Stance,
    span: std::ops::Range<usize>,
}

struct EvalArticle {
    language: String,
    title: String,
    text: String,
    gold: Vec<Gold>,
}

fn read_article(path: &Path) -> EvalArticle {
    let raw = std::fs::read_to_string(path).expect("readable");
    let mut language = String::new();
    let mut title = String::new();
    let mut body = String::new();
    let mut header = true;
    for line in raw.split_inclusive('\n') {
        if header && let Some(rest) = line.strip_prefix("# ") {
            if let Some(l) = rest.strip_prefix("lang: ") {
                l.trim().clone_into(&mut language);
            } else if let Some(t) = rest.strip_prefix("title: ") {
                t.trim().clone_into(&mut title);
            }
            continue;
        }
        header = false;
        body.push_str(line);
    }
    let mut text = String::new();
    let mut gold = Vec::new();
    let mut rest = body.as_str();
    while let Some(open) = rest.find("{{") {
        text.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        let colon = after.find(": ").expect("a header");
        let close = after.find("}}").expect("closed");
        let fields: Vec<&str> = after[..colon].split('|').collect();
        let content = &after[colon + 2..close];
        let start = text.len();
        text.push_str(content);
        gold.push(Gold {
            party: fields[0].to_owned(),
            fact: fields.get(1).map(|f| (*f).to_owned()),
            stance: if fields.get(2) == Some(&"denies") {
                Stance::Denies
            } else {
                Stance::Affirms
            },
            span: start..text.len(),
        });
        rest = &after[close + 2..];
    }
    text.push_str(rest);
    EvalArticle {
        language,
        title,
        text: text.trim_end().to_owned(),
        gold,
    }
}

fn eval_set() -> Vec<EvalArticle> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/suggestions");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("the evaluation set")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt") && !p.ends_with("facts.txt"))
        .collect();
    paths.sort();
    paths.iter().map(|p| read_article(p)).collect()
}

fn overlap(a: &std::ops::Range<usize>, b: &std::ops::Range<usize>) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

fn matches(suggested: &std::ops::Range<usize>, gold: &std::ops::Range<usize>) -> bool {
    let shared = overlap(suggested, gold);
    2 * shared >= gold.len() && 2 * shared >= suggested.len()
}

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
}

#[test]
#[expect(
    clippy::too_many_lines,
    reason = "one pass over the set, tallying claims and facts, then the table and floors"
)]
fn claim_suggestions_and_fact_ranking_on_the_evaluation_set() {
    let articles = eval_set();
    let mut session = Session::new();
    let facts_text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/suggestions/facts.txt"),
    )
    .expect("facts");
    let mut facts: BTreeMap<String, FactId> = BTreeMap::new();
    for line in facts_text.lines().filter(|l| !l.trim().is_empty()) {
        let (key, statement) = line.split_once(' ').expect("ID statement");
        let fact = session.new_fact(statement);
        facts.insert(key.to_owned(), fact.id);
        session
            .apply(Edit::InsertFact {
                index: usize::MAX,
                fact,
            })
            .expect("added");
    }
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
        let tally = tallies.entry(eval.language.clone()).or_default();
        let with_party: Vec<_> = suggestions.iter().filter(|s| s.party.is_some()).collect();
        tally.suggested += with_party.len();
        for s in &with_party {
            let right = eval
                .gold
                .iter()
                .any(|g| g.party == party_name(s) && matches(&s.span.range(), &g.span));
            if right {
                tally.right += 1;
            } else {
                misses.push(format!(
                    "{} wrong: {} “{}” ({})",
                    eval.language,
                    party_name(s),
                    &eval.text[s.span.range()],
                    s.cue
                ));
            }
        }
        for g in &eval.gold {
            tally.gold += 1;
            let hit = with_party
                .iter()
                .find(|s| g.party == party_name(s) && matches(&s.span.range(), &g.span));
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
                    eval.language,
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
            gold_claims.push((eval.language.clone(), claim.id));
            session.apply(Edit::InsertClaim(claim)).expect("added");
        }
    }
    let index = FactIndex::new(&session);
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
    }
    for miss in &misses {
        println!("{miss}");
    }
    let rate = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    println!(
        "language  precision  recall  stance  fact first  fact top 3  (suggested/gold/ranked)"
    );
    for (language, t) in &tallies {
        println!(
            "{language:<8}  {:>9.2}  {:>6.2}  {:>6.2}  {:>10.2}  {:>10.2}  ({}/{}/{})",
            rate(t.right, t.suggested),
            rate(t.found, t.gold),
            rate(t.stance_right, t.found),
            rate(t.first, t.ranked),
            rate(t.top3, t.ranked),
            t.suggested,
            t.gold,
            t.ranked
        );
    }
    let floors: &[(&str, f64, f64, f64, f64)] = &[
        // language, precision, recall, fact first, fact top 3
        // The fact-first floor for English is below the 0.7 aimed at: lexical ranking
        // cannot tell "the strike was halted" from "Russia was told" when both share their
        // words; the semantic signal (issue 17) is what lifts it. Other languages rank
        // against English statements and the few claims of their own language.
        ("en", 0.9, 0.8, 0.65, 0.85),
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
    }
}
