//! The semantic model in the window: the fact picker of a Russian claim lists the English
//! fact it speaks to first, says it ranked by meaning, and without the model says ranking is
//! by words only and how to turn meaning on.

mod common;

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use rashomon::model::{ArticleMeta, Edit, Session, TextSpan};

const CLAIM: &str = "американские самолёты прекратили бомбардировку сразу после звонка из Москвы";

/// A session of the evaluation set's facts and one Russian article with one unlinked claim.
fn session_file(dir: &std::path::Path) -> std::path::PathBuf {
    let mut session = Session::new();
    common::eval::read_facts_from(
        &mut session,
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/semantic/facts.txt"),
    );
    let text = format!("МОСКВА, 18 сентября. По данным Минобороны, {CLAIM}.");
    let article = session.new_article(
        ArticleMeta {
            title: "Минобороны".into(),
            ..ArticleMeta::default()
        },
        text.clone(),
    );
    let article_id = article.id;
    session
        .apply(Edit::InsertArticle { index: 0, article })
        .expect("added");
    let start = text.find(CLAIM).expect("in the text");
    let russia = session.parties()[1].id;
    let claim = session
        .new_claim(
            article_id,
            TextSpan::new(start, start + CLAIM.len()),
            russia,
        )
        .expect("claim");
    session.apply(Edit::InsertClaim(claim)).expect("added");
    let path = dir.join("ru.rashomon");
    rashomon::storage::save(&path, &session).expect("saved");
    path
}

#[test]
fn the_fact_picker_ranks_a_russian_claim_by_meaning_or_says_why_not() {
    let dir = tempfile::tempdir().expect("dir");
    let path = session_file(dir.path());
    let mut harness = common::harness_with(vec![path]);
    let claim = harness
        .state()
        .document()
        .session()
        .claims()
        .next()
        .expect("a claim")
        .id;
    harness.state_mut().select_claim(claim);
    harness.run();
    // Join the background work (the fact index, and the model reading the claim and facts).
    harness.state_mut().finish_tasks();
    harness.run();
    harness.key_press_modifiers(Modifiers::NONE, Key::F);
    harness.run();
    harness.get_by_label("Link claim to fact");
    if rashomon::embedding::install::installed().is_some() {
        harness.get_by_label("Ranked by words and meaning");
        // The right fact is listed first, with why.
        let first = harness
            .query_all_by_label_contains("The coalition stopped the strike")
            .next()
            .expect("listed");
        let others = harness
            .query_all_by_label_contains("The US supports Islamic State")
            .next()
            .expect("listed");
        assert!(first.rect().min.y < others.rect().min.y);
        assert!(
            harness
                .query_all_by_label_contains("close in meaning")
                .next()
                .is_some()
        );
    } else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI installs the model (`rashomon model install`)"
        );
        harness.get_by_label_contains("semantic ranking is off");
        harness.get_by_label_contains("rashomon model install");
    }
}
