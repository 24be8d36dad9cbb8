//! Deterministic synthetic sessions of any size, for benchmarks and tests:
//! `rashomon generate --articles N --claims M [--facts F] [--seed S] [--article-bytes B] -o FILE`.
//! The same options always give the same session.

use chrono::{DateTime, Utc};

use crate::model::{ArticleMeta, Edit, FactId, PartyId, Session, Stance, TextSpan, span};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GenerateOptions {
    pub articles: usize,
    pub claims: usize,
    pub facts: usize,
    pub seed: u64,
    /// Approximate size of each article's text in bytes.
    pub article_bytes: usize,
}

impl Default for GenerateOptions {
    fn default() -> Self {
        Self {
            articles: 3,
            claims: 60,
            facts: 12,
            seed: 17,
            article_bytes: 4_000,
        }
    }
}

/// splitmix64: small, fast, and the same on every machine.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            usize::try_from(self.next() % n as u64).unwrap_or(0)
        }
    }
}

const WORDS: [&str; 40] = [
    "the",
    "coalition",
    "said",
    "strike",
    "army",
    "positions",
    "near",
    "airport",
    "ministry",
    "officials",
    "statement",
    "ceasefire",
    "agreement",
    "forces",
    "reported",
    "claimed",
    "denied",
    "mistake",
    "deliberate",
    "evidence",
    "support",
    "spokesman",
    "government",
    "rebels",
    "talks",
    "Москва",
    "заявила",
    "удар",
    "координации",
    "قالت",
    "دمشق",
    "الضربة",
    "hours",
    "killed",
    "soldiers",
    "coordinates",
    "hotline",
    "review",
    "warplanes",
    "🚀",
];

fn sentence(random: &mut Random) -> String {
    let length = 8 + random.below(14);
    let mut words: Vec<&str> = (0..length)
        .map(|_| WORDS[random.below(WORDS.len())])
        .collect();
    let first = words[0].to_owned();
    let capital: String = first
        .chars()
        .take(1)
        .flat_map(char::to_uppercase)
        .chain(first.chars().skip(1))
        .collect();
    let mut text = capital;
    words.remove(0);
    for word in words {
        text.push(' ');
        text.push_str(word);
    }
    text.push('.');
    text
}

fn article_text(random: &mut Random, bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + 200);
    while text.len() < bytes {
        let sentences = 3 + random.below(5);
        for index in 0..sentences {
            if index > 0 {
                text.push(' ');
            }
            text.push_str(&sentence(random));
        }
        text.push_str("\n\n");
    }
    text.trim_end().to_owned()
}

/// Builds the session.
pub fn generate(options: &GenerateOptions) -> Session {
    let mut random = Random(options.seed);
    let mut session = Session::new_under(0);
    let stamp: DateTime<Utc> = DateTime::from_timestamp(1_474_070_400, 0).unwrap_or_default();
    session.created = stamp;
    session.modified = stamp;
    let parties: Vec<PartyId> = session.parties().iter().map(|p| p.id).collect();
    let mut facts: Vec<FactId> = Vec::with_capacity(options.facts);
    let mut edits = Vec::new();
    for n in 0..options.facts {
        let fact = session.new_fact(&format!("Synthetic fact {n}: {}", sentence(&mut random)));
        facts.push(fact.id);
        edits.push(Edit::InsertFact {
            index: usize::MAX,
            fact,
        });
    }
    let mut texts = Vec::with_capacity(options.articles);
    for n in 0..options.articles {
        let text = article_text(&mut random, options.article_bytes);
        let article = session.new_article(
            ArticleMeta {
                title: format!("Synthetic article {n}"),
                outlet: format!("Outlet {}", n % 7),
                published: chrono::NaiveDate::from_ymd_opt(
                    2016,
                    9,
                    1 + u32::try_from(n % 28).unwrap_or(0),
                ),
                source: format!("generated:seed={}/{n}", options.seed),
                encoding: String::new(),
            },
            text.clone(),
        );
        texts.push((article.id, span::sentences(&text)));
        edits.push(Edit::InsertArticle {
            index: usize::MAX,
            article,
        });
    }
    // Inserting in one batch keeps this linear; the batch is valid by construction.
    let _ = session.apply(Edit::Batch(edits));
    let mut claims = Vec::with_capacity(options.claims);
    for _ in 0..options.claims {
        let (article, sentences) = &texts[random.below(texts.len())];
        let Some(sentence) = sentences.get(random.below(sentences.len())).copied() else {
            continue;
        };
        // A claim is the whole sentence or its first part.
        let end = if random.below(3) == 0 {
            sentence.end
        } else {
            let text = session.article(*article).map_or("", |a| a.text.as_str());
            span::next_word_end(
                text,
                span::ByteOffset(sentence.start.0 + sentence.len() / 2),
            )
            .min(sentence.end)
        };
        let party = parties[random.below(parties.len())];
        let Some(mut claim) = session.new_claim(
            *article,
            TextSpan {
                start: sentence.start,
                end,
            },
            party,
        ) else {
            continue;
        };
        claim.created = stamp;
        claim.modified = stamp;
        claim.fact =
            (random.below(5) != 0 && !facts.is_empty()).then(|| facts[random.below(facts.len())]);
        claim.stance = if random.below(3) == 0 {
            Stance::Denies
        } else {
            Stance::Affirms
        };
        claims.push(Edit::InsertClaim(claim));
    }
    let _ = session.apply(Edit::Batch(claims));
    session
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_options_same_session_and_sizes_as_asked() {
        let options = GenerateOptions {
            articles: 4,
            claims: 300,
            facts: 20,
            seed: 5,
            article_bytes: 5_000,
        };
        let a = generate(&options);
        let b = generate(&options);
        assert_eq!(a, b);
        assert_eq!(crate::storage::to_json(&a), crate::storage::to_json(&b));
        assert_eq!(a.articles().len(), 4);
        assert_eq!(a.facts().len(), 20);
        assert_eq!(a.claims().len(), 300);
        assert!(a.articles().iter().all(|x| x.text.len() >= 5_000));
        for claim in a.claims() {
            let article = a.article(claim.article).expect("article");
            assert!(claim.anchor.matches(&article.text));
        }
        let other = generate(&GenerateOptions { seed: 6, ..options });
        assert_ne!(other, a);
    }
}
