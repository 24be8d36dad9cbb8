//! The evaluation set of `tests/suggestions/`: articles with the claims an analyst would
//! tag marked inline, and the facts they speak to.

use std::collections::BTreeMap;
use std::path::Path;

use rashomon::model::{Edit, FactId, Session, Stance};

pub struct Gold {
    pub party: String,
    pub fact: Option<String>,
    pub stance: Stance,
    pub span: std::ops::Range<usize>,
}

pub struct EvalArticle {
    pub language: String,
    pub title: String,
    pub text: String,
    pub gold: Vec<Gold>,
    /// Written after the finder was tuned and never tuned on: reported on its own.
    pub held_out: bool,
}

pub fn read_article(path: &Path) -> EvalArticle {
    let raw = std::fs::read_to_string(path).expect("readable");
    let mut language = String::new();
    let mut title = String::new();
    let mut body = String::new();
    let mut header = true;
    let mut held_out = false;
    for line in raw.split_inclusive('\n') {
        if header && let Some(rest) = line.strip_prefix("# ") {
            if let Some(l) = rest.strip_prefix("lang: ") {
                l.trim().clone_into(&mut language);
            } else if rest.starts_with("held-out:") {
                held_out = true;
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
        held_out,
    }
}

pub fn eval_set() -> Vec<EvalArticle> {
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

/// One article of the set, by file name ("en-wire.txt").
pub fn article(name: &str) -> EvalArticle {
    read_article(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/suggestions")
            .join(name),
    )
}

/// Adds the set's facts to a session; their ids by key.
pub fn read_facts(session: &mut Session) -> BTreeMap<String, FactId> {
    read_facts_from(
        session,
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/suggestions/facts.txt"),
    )
}

/// Adds the facts of a file of `KEY statement` lines to a session; their ids by key.
pub fn read_facts_from(session: &mut Session, path: &Path) -> BTreeMap<String, FactId> {
    let text = std::fs::read_to_string(path).expect("facts");
    let mut facts = BTreeMap::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
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
    facts
}

pub fn overlap(a: &std::ops::Range<usize>, b: &std::ops::Range<usize>) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

/// Whether a suggested span stands for a gold claim: they share at least half of each.
pub fn matches(suggested: &std::ops::Range<usize>, gold: &std::ops::Range<usize>) -> bool {
    let shared = overlap(suggested, gold);
    2 * shared >= gold.len() && 2 * shared >= suggested.len()
}

/// The semantic model, or `None` (with a message) where it is not installed and this is not
/// CI: CI installs it, so there a missing model fails the test.
pub fn model() -> Option<rashomon::embedding::Embedder> {
    match rashomon::embedding::install::installed() {
        Some(path) => {
            Some(rashomon::embedding::Embedder::load(&path).expect("the installed model loads"))
        }
        None if std::env::var_os("CI").is_some() => {
            panic!("CI must install the model first (`rashomon model install`)")
        }
        None => {
            eprintln!(
                "skipped the parts that need the semantic model: it is not installed (run `cargo run -- model install`)"
            );
            None
        }
    }
}

/// Each claim's closeness in meaning to every fact of the session, by the model (vectors
/// kept in memory only).
pub fn closeness_of(
    model: &rashomon::embedding::Embedder,
    session: &Session,
    claims: &[rashomon::model::ClaimId],
) -> std::collections::HashMap<rashomon::model::ClaimId, rashomon::suggest::Closeness> {
    let mut cache = rashomon::embedding::cache::VectorCache::in_memory(model.dimensions());
    rashomon::embedding::claims_closeness(model, &mut cache, session, claims)
}
