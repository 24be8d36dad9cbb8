//! The semantic model's figures (issue 17): load time, time per claim, memory, and the fact
//! picker's ranking with meaning for a session of 500 facts. Skipped, with a line saying so,
//! when the model is not installed.

use std::time::{Duration, Instant};

use rashomon::embedding::{self, Embedder, Kind};
use rashomon::model::{ArticleMeta, Edit, Session, TextSpan};
use rashomon::suggest::FactIndex;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// A claim or statement of the kind analysts tag: 8–25 words of a wire report.
fn sentence(i: usize) -> String {
    const WORDS: [&str; 24] = [
        "coalition",
        "aircraft",
        "struck",
        "positions",
        "near",
        "the",
        "airport",
        "Syrian",
        "army",
        "officials",
        "said",
        "Moscow",
        "Washington",
        "ceasefire",
        "convoy",
        "Aleppo",
        "investigation",
        "refused",
        "coordinate",
        "militants",
        "hill",
        "killed",
        "soldiers",
        "accident",
    ];
    let n = 8 + i % 18;
    (0..n)
        .map(|k| WORDS[(i * 7 + k * 13 + k * k) % WORDS.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn measure_and_print() {
    let Some(path) = embedding::install::installed() else {
        println!("semantic model: not installed, skipped (`cargo run --release -- model install`)");
        return;
    };
    let before = super::figures_core::resident_megabytes();
    let started = Instant::now();
    let model = Embedder::load(&path).expect("the installed model loads");
    let load = started.elapsed();
    let after = super::figures_core::resident_megabytes();
    // One claim at a time, as the window reads a claim just tagged.
    let claims: Vec<String> = (0..40).map(sentence).collect();
    let one: Vec<Duration> = claims
        .iter()
        .map(|c| {
            let t = Instant::now();
            std::hint::black_box(model.embed(&[c.as_str()], Kind::Query));
            t.elapsed()
        })
        .collect();
    // A session's 500 facts in batches, as the window reads them the first time.
    let statements: Vec<String> = (1000..1500).map(sentence).collect();
    let t = Instant::now();
    let refs: Vec<&str> = statements.iter().map(String::as_str).collect();
    let vectors: Vec<Vec<f32>> = refs
        .chunks(32)
        .flat_map(|b| model.embed(b, Kind::Passage))
        .collect();
    let facts_time = t.elapsed();
    // The picker opening: the closeness of one claim to 500 facts, then the fused ranking.
    let mut session = Session::new();
    let mut ids = Vec::new();
    for statement in &statements {
        let fact = session.new_fact(statement);
        ids.push(fact.id);
        session
            .apply(Edit::InsertFact {
                index: usize::MAX,
                fact,
            })
            .expect("added");
    }
    let text = claims.join(". ");
    let article = session.new_article(ArticleMeta::default(), text.clone());
    let article_id = article.id;
    session
        .apply(Edit::InsertArticle { index: 0, article })
        .expect("added");
    let end = claims[0].len();
    let claim = session
        .new_claim(article_id, TextSpan::new(0, end), session.parties()[0].id)
        .expect("claim");
    session
        .apply(Edit::InsertClaim(claim.clone()))
        .expect("added");
    let index = FactIndex::new(&session);
    let fact_vectors: std::collections::HashMap<_, _> = ids.iter().copied().zip(vectors).collect();
    let claim_vector = model
        .embed(&[claim.anchor.quote.as_str()], Kind::Query)
        .remove(0);
    let picker: Vec<Duration> = (0..50)
        .map(|_| {
            let t = Instant::now();
            let closeness = embedding::closeness(&claim_vector, &fact_vectors);
            std::hint::black_box(index.rank_with(&session, &claim, Some(&closeness)));
            t.elapsed()
        })
        .collect();
    let words_only: Vec<Duration> = (0..50)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(index.rank(&session, &claim));
            t.elapsed()
        })
        .collect();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!();
    println!("semantic model (one core)");
    println!("{:<58} {:>9.1} ms", "load the model", ms(load));
    if let (Some(a), Some(b)) = (before, after) {
        println!(
            "{:<58} {:>9} MB",
            "memory the loaded model holds",
            b.saturating_sub(a)
        );
    }
    println!(
        "{:<58} {:>9.1} ms",
        "one claim (8-25 words), median of 40",
        ms(median(one))
    );
    println!(
        "{:<58} {:>9.1} ms",
        "500 fact statements, batches of 32 (per statement)",
        ms(facts_time) / 500.0
    );
    println!(
        "{:<58} {:>9.3} ms",
        "picker ranking, 500 facts, words and meaning (median)",
        ms(median(picker))
    );
    println!(
        "{:<58} {:>9.3} ms",
        "picker ranking, 500 facts, words only (median)",
        ms(median(words_only))
    );
}
