//! `cargo bench -- cliffs`: the re-anchoring shapes that used to run away, at full size.
//! Deterministic: the texts are built from a few sentences written for this benchmark.
//! `cargo test` runs the same shapes small and checks where the claims land.
#![allow(
    dead_code,
    reason = "the bench prints the figures, the test checks the placing"
)]

use std::time::{Duration, Instant};

use rashomon::model::{ArticleMeta, Edit, Session, TextSpan};

/// A small deterministic random source (a linear congruential generator).
struct Random(u64);

impl Random {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        usize::try_from(self.0 >> 33).unwrap_or(0) % n.max(1)
    }
}

const ENGLISH: [&str; 8] = [
    "The convoy was struck near the airport on Saturday evening, officials said.",
    "A spokesman said the coalition had informed Moscow before the raid.",
    "Monitors reported that dozens of soldiers were killed in the strike.",
    "The ministry said the attack had been planned in advance.",
    "Officials said the pilots believed they were hitting militants.",
    "State media called the raid proof of support for the militants.",
    "The council met in an emergency session late on Saturday.",
    "An unnamed official said the investigation would take weeks.",
];

const ARABIC: [&str; 6] = [
    "قالت وزارة الدفاع إن الغارة استهدفت مواقع الجيش قرب المطار مساء السبت.",
    "وأفاد مرصد محلي بأن عشرات الجنود قتلوا في القصف.",
    "وقال مسؤول لم يكشف اسمه إن التحقيق سيستغرق أسابيع.",
    "واعتبرت وسائل الإعلام الرسمية أن الغارة دليل على دعم المسلحين.",
    "وعقد المجلس جلسة طارئة في وقت متأخر من مساء السبت.",
    "وأكد المتحدث أن التحالف أبلغ موسكو قبل الغارة.",
];

/// Sentences drawn at random from `pool` until the text is `bytes` long: text that repeats
/// itself everywhere, so any short piece of it occurs thousands of times.
fn repetitive(pool: &[&str], bytes: usize, random: &mut Random) -> String {
    let mut text = String::with_capacity(bytes + 256);
    while text.len() < bytes {
        text.push_str(pool[random.below(pool.len())]);
        text.push(if random.below(6) == 0 { '\n' } else { ' ' });
    }
    text
}

/// One article of `text` with `claims` claims at random places, each `min..max` bytes long.
fn session_with(text: String, claims: usize, len: std::ops::Range<usize>, seed: u64) -> Session {
    let mut random = Random(seed);
    let mut session = Session::new_under(0);
    let article = session.new_article(ArticleMeta::default(), text);
    let id = article.id;
    session
        .apply(Edit::InsertArticle { index: 0, article })
        .expect("article");
    let party = session.parties()[0].id;
    let text = session.article(id).expect("article").text.clone();
    let mut edits = Vec::with_capacity(claims);
    for _ in 0..claims {
        let start =
            rashomon::model::span::floor_char_boundary(&text, random.below(text.len() - len.end));
        let size = len.start + random.below(len.end - len.start);
        let end = rashomon::model::span::floor_char_boundary(&text, start + size);
        if let Some(claim) = session.new_claim(id, TextSpan::new(start, end), party) {
            edits.push(Edit::InsertClaim(claim));
        }
    }
    session.apply(Edit::Batch(edits)).expect("claims");
    session
}

/// How claims came out of a re-anchoring or an opening.
pub struct Outcome {
    pub claims: usize,
    /// Placed where the quote is (checked against where it was put).
    pub right: usize,
    pub summary: String,
}

/// An article of `bytes` of repetitive text with `claims` long quotes (300–3,000 bytes), and
/// its text as the outlet edited it: one letter changed in the middle of every quote.
fn repetitive_and_edited(bytes: usize, claims: usize) -> (Session, String) {
    let mut random = Random(5);
    let text = repetitive(&ENGLISH, bytes, &mut random);
    let session = session_with(text, claims, 300..3_000, 9);
    let article = &session.articles()[0];
    let mut edited: Vec<u8> = article.text.clone().into_bytes();
    for claim in session.claims() {
        let middle = usize::midpoint(claim.anchor.span.start.0, claim.anchor.span.end.0);
        let at = (middle..claim.anchor.span.end.0)
            .find(|&i| edited[i].is_ascii_lowercase())
            .unwrap_or(middle);
        if edited[at].is_ascii_lowercase() {
            edited[at] = if edited[at] == b'e' { b'a' } else { b'e' };
        }
    }
    let edited = String::from_utf8(edited).expect("ASCII edits keep UTF-8");
    (session, edited)
}

/// [`repetitive_and_edited`]: the article read again (its claims placed again on a worker).
pub fn repetitive_edited(bytes: usize, claims: usize) -> (Duration, Outcome) {
    let (session, edited) = repetitive_and_edited(bytes, claims);
    let article = &session.articles()[0];
    let start = Instant::now();
    let (edit, report) = session
        .replace_text_edit(article.id, edited)
        .expect("re-anchored");
    let took = start.elapsed();
    // A letter for a letter keeps every offset: a claim is right where it was.
    let Edit::ReplaceArticleText { claims, .. } = edit else {
        unreachable!("re-anchoring replaces the text")
    };
    let right = claims
        .iter()
        .filter(|c| {
            session
                .claim(c.id)
                .is_some_and(|old| old.anchor.span == c.anchor.span)
        })
        .count();
    let outcome = Outcome {
        claims: claims.len(),
        right,
        summary: report.summary(),
    };
    (took, outcome)
}

/// Opens the session file `json` (timed), and counts the claims not orphaned for which
/// `right` holds against `put` (the session as it was written).
fn open_and_count(
    json: &str,
    put: &Session,
    right: impl Fn(&rashomon::model::Claim, &rashomon::model::Claim) -> bool,
) -> (Duration, rashomon::storage::Loaded, usize) {
    let start = Instant::now();
    let loaded = rashomon::storage::from_json(json).expect("loads");
    let took = start.elapsed();
    let at_their_place = loaded
        .session
        .claims()
        .filter(|c| !c.orphaned && put.claim(c.id).is_some_and(|old| right(old, c)))
        .count();
    (took, loaded, at_their_place)
}

/// `session`'s file with its first article's text replaced by `text` (as if edited outside
/// the app).
fn file_with_text(session: &Session, text: &str) -> String {
    let json = rashomon::storage::to_json(session);
    let mut value: serde_json::Value = serde_json::from_str(&json).expect("json");
    value["session"]["articles"][0]["text"] = serde_json::json!(text);
    value.to_string()
}

/// The edit of a 1 MB article the issue describes, as its outlet made it: a word inserted
/// about every 400 characters, one letter changed in the middle of every other quote.
pub fn outlet_edit(session: &Session) -> String {
    let text = &session.articles()[0].text;
    let changed: std::collections::HashSet<usize> = session
        .claims()
        .step_by(2)
        .map(|c| usize::midpoint(c.anchor.span.start.0, c.anchor.span.end.0))
        .collect();
    let mut edited = String::with_capacity(text.len() * 2);
    let mut since = 0;
    for (i, ch) in text.char_indices() {
        if changed.contains(&i) && ch.is_ascii_lowercase() {
            edited.push(if ch == 'e' { 'a' } else { 'e' });
        } else {
            edited.push(ch);
        }
        since += ch.len_utf8();
        if since > 400 && ch == ' ' {
            edited.push_str("reportedly ");
            since = 0;
        }
    }
    edited
}

/// [`repetitive_and_edited`]: a session file whose article's text was edited outside the app
/// (by hand, a script, another tool), opened. Opening knows nothing of the old text, not even
/// its length, so every claim is looked for around its old place, then everywhere.
pub fn repetitive_edited_file(bytes: usize, claims: usize) -> (Duration, Outcome) {
    let (session, edited) = repetitive_and_edited(bytes, claims);
    // A letter for a letter keeps every offset: a claim is right where it was.
    let (took, loaded, right) =
        open_and_count(&file_with_text(&session, &edited), &session, |old, c| {
            old.anchor.span == c.anchor.span
        });
    let outcome = Outcome {
        claims: loaded.session.claims().count(),
        right,
        summary: format!("{} notices", loaded.warnings.len()),
    };
    (took, outcome)
}

/// A session file whose article (`bytes`, `claims` claims, from `rashomon generate`) its
/// outlet edited: a word inserted about every 400 characters, one letter changed in the middle
/// of every other quote. Opened. A claim counts as right when its quote, without the inserted
/// words, is the one it had or that with its letter changed (up to three: claims overlap, so
/// a quote may hold another's changed letter too).
pub fn outlet_edited_file(bytes: usize, claims: usize) -> (Duration, Outcome) {
    let session = rashomon::generate::generate(&rashomon::generate::GenerateOptions {
        articles: 1,
        claims,
        facts: 100,
        seed: 7,
        article_bytes: bytes,
    });
    let file = file_with_text(&session, &outlet_edit(&session));
    let (took, loaded, right) = open_and_count(&file, &session, |old, c| {
        // The quote found, without the words the outlet inserted.
        let (a, b) = (&old.anchor.quote, c.anchor.quote.replace("reportedly ", ""));
        a.len() == b.len() && a.bytes().zip(b.bytes()).filter(|(x, y)| x != y).count() <= 3
    });
    let outcome = Outcome {
        claims: loaded.session.claims().count(),
        right,
        summary: format!("{} notices", loaded.warnings.len()),
    };
    (took, outcome)
}

/// An Arabic article of `bytes` whose `claims` were written by a tool that counts offsets in
/// code points, not bytes: every claim's offsets miss its quote. Opens the session file.
pub fn code_point_offsets(bytes: usize, claims: usize) -> (Duration, Outcome) {
    let mut random = Random(3);
    let text = repetitive(&ARABIC, bytes, &mut random);
    let session = session_with(text, claims, 40..400, 4);
    let article = &session.articles()[0];
    let json = rashomon::storage::to_json(&session);
    let mut value: serde_json::Value = serde_json::from_str(&json).expect("json");
    let text = &article.text;
    // Byte offsets to code points, in one pass over the sorted offsets.
    let mut offsets: Vec<usize> = session
        .claims()
        .flat_map(|c| [c.anchor.span.start.0, c.anchor.span.end.0])
        .collect();
    offsets.sort_unstable();
    offsets.dedup();
    let mut chars = std::collections::HashMap::new();
    let (mut byte, mut count) = (0, 0);
    let mut iter = text.char_indices().peekable();
    for &offset in &offsets {
        while byte < offset {
            let (_, ch) = iter.next().expect("inside the text");
            byte += ch.len_utf8();
            count += 1;
        }
        chars.insert(offset, count);
    }
    for claim in value["session"]["claims"].as_array_mut().expect("claims") {
        for end in ["start", "end"] {
            let at = &mut claim["anchor"]["span"][end];
            let bytes = usize::try_from(at.as_u64().expect("offset")).expect("usize");
            *at = serde_json::json!(chars[&bytes]);
        }
    }
    // Read back, each claim is where it was put.
    let (took, loaded, right) = open_and_count(&value.to_string(), &session, |put, c| {
        put.anchor.span == c.anchor.span
    });
    let outcome = Outcome {
        claims: loaded.session.claims().count(),
        right,
        summary: loaded.warnings.join(" "),
    };
    (took, outcome)
}

pub fn measure_and_print() {
    use std::io::Write as _;
    for (name, run) in [
        (
            "re-anchor 2,000 edited long quotes in 2 MB of repetitive text",
            (|| repetitive_edited(2_000_000, 2_000)) as fn() -> (Duration, Outcome),
        ),
        (
            "open a session whose 2 MB repetitive article was edited (same)",
            || repetitive_edited_file(2_000_000, 2_000),
        ),
        (
            "open a session whose 1 MB article its outlet edited, 2,000 claims",
            || outlet_edited_file(1_000_000, 2_000),
        ),
        (
            "open a 19 MB Arabic article whose 2,000 claims count code points",
            || code_point_offsets(19_000_000, 2_000),
        ),
    ] {
        let (took, outcome) = run();
        println!(
            "{name:<66} {:>7.0} ms   {} of {} at the right place ({})",
            took.as_secs_f64() * 1000.0,
            outcome.right,
            outcome.claims,
            outcome.summary
        );
        let _ = std::io::stdout().flush();
    }
}
