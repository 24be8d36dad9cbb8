//! The finder on sentences written for it, one pattern each.

use super::*;
use crate::model::ArticleMeta;

/// The suggestions for `text` with the default parties: (party name or "-", quote, stance).
fn suggest(text: &str) -> Vec<(String, String, Stance)> {
    let mut session = Session::new();
    let article = session.new_article(ArticleMeta::default(), text.to_owned());
    let suggester = Suggester::new(session.parties());
    suggester
        .claims(&article)
        .into_iter()
        .map(|s| {
            let party = s
                .party
                .and_then(|p| session.party(p))
                .map_or("-".to_owned(), |p| p.name.clone());
            (party, text[s.span.range()].to_owned(), s.stance)
        })
        .collect()
}

fn one(text: &str) -> (String, String, Stance) {
    let found = suggest(text);
    assert_eq!(found.len(), 1, "{found:#?}");
    found.into_iter().next().expect("one")
}

#[test]
fn speaker_verb_content() {
    let (party, quote, stance) = one("Moscow said on Sunday that the raid had wrecked the truce.");
    assert_eq!(party, "Russia");
    assert_eq!(quote, "the raid had wrecked the truce");
    assert_eq!(stance, Stance::Affirms);
}

#[test]
fn as_the_speaker_said_then_the_claim() {
    // "Как сообщил X, …": the verb inside the claim ("не предупредила") is not its
    // attribution; "ведомство" points back to the last body that spoke; "РФ" is Russia.
    let text = "Удар стал следствием отказа Вашингтона от координации, заявили в Министерстве обороны РФ. \
                Как сообщил представитель ведомства, американская сторона не предупредила российских военных об ударе.";
    let found = suggest(text);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(found[0].0, "Russia");
    assert_eq!(
        (found[1].0.as_str(), found[1].1.as_str()),
        (
            "Russia",
            "американская сторона не предупредила российских военных об ударе"
        )
    );
    let (party, quote, _) =
        one("Como disse o porta-voz do Pentágono, o ataque foi um erro de identificação.");
    assert_eq!(party, "US");
    assert_eq!(quote, "o ataque foi um erro de identificação");
}

#[test]
fn an_institution_no_party_names_goes_to_the_party_of_the_dateline() {
    let text = "دمشق-سانا. وقال مصدر عسكري إن الغارة مهدت الطريق أمام هجوم الإرهابيين.\n\n\
                وأفاد المرصد السوري لحقوق الإنسان بأن عشرات الجنود قتلوا في القصف.";
    let found = suggest(text);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(found[0].0, "Syria");
    // A monitor stays someone else, dateline or not.
    assert_eq!(found[1].0, "-");
    let (party, _, _) = one(
        "MOSCOW, Sept 18 (Reuters) - A military source said the raid had been planned for days.",
    );
    assert_eq!(party, "Russia");
    // Without a dateline, an institution with no party named is someone else; a capital
    // that opens an ordinary sentence is no dateline.
    let (party, _, _) = one("A military source said the raid had been planned for days.");
    assert_eq!(party, "-");
    let found = suggest(
        "Moscow, meanwhile, kept silent. A military source said the raid had been planned.",
    );
    assert!(
        found.iter().all(|(party, _, _)| party != "Russia"),
        "{found:#?}"
    );
}

#[test]
fn adding_that_after_the_claim_is_a_second_claim_with_its_own_stance() {
    let found = suggest(
        "The Pentagon denied that the strike was deliberate, adding that it would review the raid.",
    );
    assert_eq!(
        found,
        [
            (
                "US".to_owned(),
                "the strike was deliberate".to_owned(),
                Stance::Denies
            ),
            (
                "US".to_owned(),
                "it would review the raid".to_owned(),
                Stance::Affirms
            ),
        ]
    );
    let found =
        suggest("ونفت القيادة المركزية الأمريكية أن تكون الغارة متعمدة، مؤكدة أنها ستراجع ظروفها.");
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!((found[0].2, found[1].2), (Stance::Denies, Stance::Affirms));
    // An object before the participle is no claim: "rejected the accusations, saying …".
    let (party, quote, stance) = one(
        "Представитель Госдепартамента США отверг обвинения, заявив, что российская сторона была предупреждена.",
    );
    assert_eq!(party, "US");
    assert_eq!(quote, "российская сторона была предупреждена");
    assert_eq!(stance, Stance::Affirms);
}

#[test]
fn content_then_speaker() {
    let (party, quote, _) =
        one("The truce is holding in most provinces, a Pentagon spokesman said.");
    assert_eq!(party, "US");
    assert_eq!(quote, "The truce is holding in most provinces");
    let (party, quote, _) =
        one("The truce is holding in most provinces, said the State Department.");
    assert_eq!(party, "US");
    assert_eq!(quote, "The truce is holding in most provinces");
}

#[test]
fn a_quotation_over_two_sentences_then_he_said() {
    let text = "Syrian Foreign Minister Walid Khalil spoke on state television.\n\u{201c}The raid was planned. It was no accident,\u{201d} Khalil said.";
    let found = suggest(text);
    assert_eq!(
        found,
        [(
            "Syria".to_owned(),
            "The raid was planned. It was no accident".to_owned(),
            Stance::Denies
        )]
    );
}

#[test]
fn a_pronoun_points_back_to_the_last_speaker() {
    let text = "Russian Foreign Ministry spokeswoman Irina Volkova said the raid broke the deal.\n\u{201c}Washington must answer for this,\u{201d} she said.\nLater Volkova told reporters that Moscow would call a meeting.";
    let found = suggest(text);
    let parties: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(parties, ["Russia", "Russia", "Russia"], "{found:#?}");
    assert_eq!(found[2].1, "Moscow would call a meeting");
}

#[test]
fn monitors_media_and_rebels_are_someone_else() {
    for text in [
        "The Syrian Observatory for Human Rights said 40 fighters had died in the raid.",
        "Syrian rebels said the army had shelled the town overnight.",
        "Russian state media reported that the convoy had been hit twice.",
        "The raid killed at least 40 soldiers, BBC News reports.",
    ] {
        let (party, _, _) = one(text);
        assert_eq!(party, "-", "{text}");
    }
}

#[test]
fn no_party_is_guessed_from_the_content_or_the_reporters_voice() {
    assert!(
        suggest("The raid near the Russian base killed 40 Syrian soldiers on Saturday.").is_empty()
    );
    let found = suggest("Forty soldiers were killed near the airport, it has been reported.");
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn according_to_before_and_after() {
    let (party, quote, _) =
        one("According to the Russian defence ministry, the convoy was hit twice.");
    assert_eq!(party, "Russia");
    assert_eq!(quote, "the convoy was hit twice");
    let (party, quote, _) = one("The convoy was hit twice, according to Damascus.");
    assert_eq!(party, "Syria");
    assert_eq!(quote, "The convoy was hit twice");
}

#[test]
fn denials_are_prefilled_as_denies() {
    let (_, quote, stance) = one("The Pentagon denied that its planes had targeted the army.");
    assert_eq!(stance, Stance::Denies);
    assert_eq!(quote, "its planes had targeted the army");
    let (_, _, stance) = one("Coalition officials said they would not strike a known army unit.");
    assert_eq!(stance, Stance::Denies);
}

#[test]
fn a_headline_with_a_party_and_a_verb() {
    let found = suggest("Damascus accuses US of helping the militants\nThe raid came at dawn.");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "Syria");
}

#[test]
fn two_speakers_in_one_sentence_are_two_claims() {
    let found = suggest(
        "Moscow said the raid was deliberate, while Washington said it was a tragic error.",
    );
    assert_eq!(
        found
            .iter()
            .map(|f| (f.0.as_str(), f.1.as_str()))
            .collect::<Vec<_>>(),
        [
            ("Russia", "the raid was deliberate"),
            ("US", "it was a tragic error")
        ]
    );
}

#[test]
fn russian_arabic_and_portuguese_attribution() {
    let (party, quote, _) = one("Как заявили в Кремле, удар был нанесён намеренно.");
    assert_eq!(party, "Russia", "{quote}");
    let (party, quote, stance) =
        one("Министерство обороны России заявило, что удар был нанесён намеренно.");
    assert_eq!(
        (party.as_str(), quote.as_str()),
        ("Russia", "удар был нанесён намеренно")
    );
    assert_eq!(stance, Stance::Affirms);
    let (party, quote, _) = one("وقال المتحدث باسم الجيش السوري إن الغارة كانت متعمدة.");
    assert_eq!(
        (party.as_str(), quote.as_str()),
        ("Syria", "الغارة كانت متعمدة")
    );
    let (party, quote, stance) =
        one("O Pentágono negou que os aviões tenham atacado o exército sírio.");
    assert_eq!(party, "US", "{quote}");
    assert_eq!(stance, Stance::Denies);
}

/// Prints what the finder sees in a file: `RASHOMON_SUGGEST_FILE=path cargo test --lib
/// suggest::tests::show -- --ignored --nocapture`.
#[test]
#[ignore = "a tool for looking, not a test"]
fn show() {
    let Ok(path) = std::env::var("RASHOMON_SUGGEST_FILE") else {
        return;
    };
    let text = std::fs::read_to_string(path).expect("readable");
    let mut session = Session::new();
    let article = session.new_article(ArticleMeta::default(), text.clone());
    for s in Suggester::new(session.parties()).claims(&article) {
        println!(
            "{:.2} {} | {}",
            s.score,
            s.explanation(&session),
            &text[s.span.range()]
        );
    }
}

mod properties {
    use proptest::prelude::*;

    /// Pieces of wire copy: words, names, cues, quote marks of every kind, other scripts.
    const PIECES: &[&str] = &[
        "Moscow",
        "said",
        "told",
        "reporters",
        "that",
        "the",
        "raid",
        "was",
        "an",
        "accident",
        ",",
        ".",
        ":",
        "\u{201c}",
        "\u{201d}",
        "\"",
        "«",
        "»",
        "\n",
        "\n\n",
        " ",
        "he",
        "she",
        "according to",
        "U.S.",
        "Gen.",
        "denied",
        "never",
        "заявил",
        ", что",
        "по словам",
        "وقال",
        "إن",
        "disse que",
        "🚀",
        "e\u{301}",
        "—",
        "-",
        "Observatory",
        "Pentagon",
        "Russia's",
        "spokeswoman Irina Volkova",
        "Volkova",
        "—",
        "'",
        "؟",
        "،",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        #[test]
        fn the_finder_keeps_to_the_text_on_any_copy(pieces in prop::collection::vec(0..PIECES.len(), 0..60)) {
            let mut text = String::new();
            for (n, piece) in pieces.iter().enumerate() {
                if n > 0 && !PIECES[*piece].starts_with([',', '.', '\n']) {
                    text.push(' ');
                }
                text.push_str(PIECES[*piece]);
            }
            crate::fuzzing::claim_finder(text.as_bytes());
        }

        #[test]
        fn the_finder_keeps_to_the_text_on_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
            crate::fuzzing::claim_finder(&bytes);
        }
    }
}

#[test]
fn rejecting_is_an_undoable_edit_kept_in_the_file_and_gone_with_its_article() {
    let mut session = Session::new();
    let text = "Moscow said the raid was deliberate. Washington said it was a mistake.";
    let article = session.new_article(ArticleMeta::default(), text.to_owned());
    let id = article.id;
    session
        .apply(crate::model::Edit::InsertArticle { index: 0, article })
        .expect("added");
    let found = Suggester::new(session.parties()).claims(session.article(id).expect("there"));
    assert_eq!(open_suggestions(&session, &found).len(), 2);
    let change = reject(&session, &found[0]).expect("a rejection");
    session.apply(change.edit).expect("applies");
    assert!(session.is_rejected(id, "the raid was deliberate"));
    assert_eq!(open_suggestions(&session, &found).len(), 1);

    // Saved and read again, the rejection stays.
    let json = crate::storage::to_json(&session);
    assert!(json.contains("\"rejected\""));
    let loaded = crate::storage::from_json(&json).expect("loads").session;
    assert!(loaded.is_rejected(id, "the raid was deliberate"));
    assert_eq!(loaded, session);

    // Accepting the other one covers it: no suggestion is left open.
    let (_, accepted) =
        accept(&mut session, &found[1], found[1].party.expect("US")).expect("accepts");
    session.apply(accepted.edit).expect("applies");
    assert!(open_suggestions(&session, &found).is_empty());

    // Removing the article takes its rejections along, and undo brings them back.
    let remove = session.remove_article_edit(id);
    let back = session.apply(remove).expect("removes");
    assert_eq!(session.rejections().count(), 0);
    session.apply(back).expect("undoes");
    assert!(session.is_rejected(id, "the raid was deliberate"));

    // A session without any writes no "rejected" at all.
    assert!(!crate::storage::to_json(&Session::new()).contains("rejected"));
}
