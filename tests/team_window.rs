//! The window's team work: a second analyst's session compared side by side, its
//! disagreements adjudicated each way with one key and undone, the analyst asked for at the
//! first save, and a merge as one undoable step.

mod common;

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use rashomon::model::{Edit, Session};

/// The bundled sample, its claims made by no named analyst yet.
fn sample() -> Session {
    let mut session = rashomon::storage::from_json(rashomon::sample::SAMPLE_SESSION)
        .expect("sample")
        .session;
    let unnamed = session
        .claims()
        .map(|c| {
            let mut c = c.clone();
            c.analyst.clear();
            Edit::ReplaceClaim(c)
        })
        .collect();
    session.apply(Edit::Batch(unnamed)).expect("unnamed");
    session
}

/// Alice's and Bob's sessions of the sample: Bob gave the first claim another party,
/// flipped the fourth's stance, left out the sixth and cut the ninth short.
fn two_analysts(dir: &std::path::Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let mut alice = sample();
    alice.apply(alice.set_analyst_edit("alice")).expect("name");
    let mut bob = sample();
    bob.apply(bob.set_analyst_edit("bob")).expect("name");
    let claims: Vec<_> = bob.claims().cloned().collect();
    let mut first = claims[0].clone();
    first.party = bob.parties()[1].id;
    let mut fourth = claims[3].clone();
    fourth.stance = fourth.stance.flipped();
    let span = claims[8].anchor.span;
    let cut = bob
        .claim_with_span(
            claims[8].id,
            rashomon::model::TextSpan::new(span.start.0, span.start.0 + span.len() * 2 / 3),
        )
        .expect("shorter");
    bob.apply(Edit::Batch(vec![
        Edit::ReplaceClaim(first),
        Edit::ReplaceClaim(fourth),
        Edit::RemoveClaim {
            claim: claims[5].id,
        },
        Edit::ReplaceClaim(cut),
    ]))
    .expect("bob's changes");
    let (a, b) = (dir.join("alice.rashomon"), dir.join("bob.rashomon"));
    rashomon::storage::save(&a, &alice).expect("save");
    rashomon::storage::save(&b, &bob).expect("save");
    (a, b)
}

fn press(
    harness: &mut egui_kittest::Harness<'static, rashomon::ui::RashomonApp>,
    key: Key,
    text: &str,
) {
    common::type_key(harness, key, text);
    harness.run();
}

#[test]
fn a_second_analysts_session_is_compared_and_each_disagreement_adjudicated_and_undone() {
    let dir = tempfile::tempdir().expect("dir");
    let (a, b) = two_analysts(dir.path());
    let mut harness = common::harness_with(vec![a]);
    harness.state_mut().finish_tasks();
    harness.state_mut().compare_with_file(b);
    harness.state_mut().finish_tasks();
    harness.run();
    let app = harness.state();
    assert!(app.team().is_open());
    assert_eq!(app.team().progress(app.document()), (0, 4));
    // The side-by-side view, the figures and the list are shown.
    harness.get_by_label_contains("A: alice   ·   B: bob (bob.rashomon)");
    harness.get_by_label("Span F1");
    harness.get_by_label_contains("Disagreement, party. A  US");
    let claims_before = harness.state().document().session().claims().count();

    // B: take Bob's version of the first (party) disagreement.
    let contested = harness
        .state()
        .team()
        .current()
        .and_then(|r| r.a)
        .expect("pair");
    press(&mut harness, Key::B, "b");
    let session = harness.state().document().session();
    let party = session.claim(contested).expect("kept").party;
    assert_eq!(session.party(party).expect("party").name, "Russia");
    assert_eq!(harness.state().team().current_index(), Some(1), "went on");
    harness.get_by_label_contains("Disagreement, ✔ party: take B");

    // A: keep Alice's stance; Shift+B: keep both boundaries; D: drop the lone claim.
    press(&mut harness, Key::A, "a");
    assert_eq!(
        harness.state().document().session().claims().count(),
        claims_before
    );
    harness.get_by_label_contains("Disagreement, ✔ stance: take A");
    // The list goes on in order: only A next, then boundary.
    harness.key_press_modifiers(Modifiers::SHIFT, Key::G);
    harness.run();
    press(&mut harness, Key::G, "g");
    let row = harness.state().team().current().cloned().expect("a row");
    assert!(row.kinds.iter().any(|k| k.key() == "only_a"), "{row:?}");
    press(&mut harness, Key::D, "d");
    assert_eq!(
        harness.state().document().session().claims().count(),
        claims_before - 1
    );
    let row = harness.state().team().current().cloned().expect("a row");
    assert!(row.kinds.iter().any(|k| k.key() == "boundary"), "{row:?}");
    harness.key_press_modifiers(Modifiers::SHIFT, Key::B);
    harness.run();
    assert_eq!(
        harness.state().document().session().claims().count(),
        claims_before,
        "Bob's shorter claim beside Alice's"
    );
    let app = harness.state();
    assert_eq!(app.team().progress(app.document()), (4, 4));

    // Undo the last two: the claims come back as they were and the rows are open again.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    let app = harness.state();
    assert_eq!(app.document().session().claims().count(), claims_before);
    assert_eq!(app.team().progress(app.document()), (2, 4));
    // Redo one: settled again.
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    let app = harness.state();
    assert_eq!(app.team().progress(app.document()), (3, 4));

    // "Merge all of B": the rest of Bob's work in one step, what differs kept and marked;
    // the comparison is measured again against the merged session.
    let before = harness.state().document().session().claims().count();
    harness.get_by_label("Merge all of B").click();
    harness.run();
    harness.state_mut().finish_tasks();
    harness.run();
    let app = harness.state();
    assert!(app.document().session().claims().count() > before);
    assert!(
        app.document()
            .session()
            .claims()
            .any(|c| c.conflict.is_some())
    );
    assert_eq!(app.document().undo_label(), Some("Merge bob.rashomon"));
}

#[test]
fn merging_another_analysts_session_is_one_undoable_step_and_marks_what_differs() {
    let dir = tempfile::tempdir().expect("dir");
    let (a, b) = two_analysts(dir.path());
    let mut harness = common::harness_with(vec![a]);
    harness.state_mut().finish_tasks();
    let before = harness.state().document().session().clone();
    harness.state_mut().merge_file(b);
    harness.state_mut().finish_tasks();
    harness.run();
    let session = harness.state().document().session();
    let marked: Vec<_> = session.claims().filter(|c| c.conflict.is_some()).collect();
    assert_eq!(marked.len(), 6, "three pairs: party, stance, boundary");
    assert!(
        harness
            .state()
            .messages()
            .iter()
            .any(|m| m.starts_with("Merged bob.rashomon") && m.contains("3 to adjudicate"))
    );
    // A marked claim is settled with the same keys: select it, take B.
    let claim = marked[0].id;
    harness.state_mut().select_claim(claim);
    press(&mut harness, Key::B, "b");
    let session = harness.state().document().session();
    assert!(session.claim(claim).is_none(), "Bob's version kept instead");
    assert_eq!(session.claims().filter(|c| c.conflict.is_some()).count(), 4);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(*harness.state().document().session(), before);
}

#[test]
fn the_first_save_asks_who_the_analyst_is_and_stamps_the_claims() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("unnamed.rashomon");
    rashomon::storage::save(&path, &sample()).expect("save");
    let mut harness = common::harness_with(vec![path.clone()]);
    harness.state_mut().finish_tasks();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    harness.get_by_label("Who is tagging?");
    let field = harness.get_by_label("Analyst");
    field.focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label("Analyst").type_text("Nadia Haddad");
    harness.run();
    harness.get_by_label("Save").click();
    harness.run();
    harness.state_mut().finish_tasks();
    harness.run();
    let saved = rashomon::storage::load(&path).expect("saved").session;
    assert_eq!(saved.analyst(), "Nadia Haddad");
    assert!(saved.claims().all(|c| c.analyst == "Nadia Haddad"));
    // Asked once: the next save does not ask again.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert!(harness.query_by_label("Who is tagging?").is_none());
}
