//! Rebuilds `assets/sample.rashomon`, the session `cargo run` opens, from the three sample
//! articles in `assets/sample/` (written for this project) and the tags below.
//!
//! Run with `cargo run --example build_sample`.

use chrono::{DateTime, NaiveDate, Utc};
use rashomon::model::{ArticleMeta, Edit, FactId, Session, Stance, TextSpan};

struct Tag {
    quote: &'static str,
    party: usize,
    fact: Option<usize>,
    stance: Stance,
    note: &'static str,
}

const fn tag(quote: &'static str, party: usize, fact: Option<usize>, stance: Stance) -> Tag {
    Tag {
        quote,
        party,
        fact,
        stance,
        note: "",
    }
}

/// File name, outlet, publication date and tags of one sample article.
type SampleArticle = (&'static str, &'static str, (i32, u32, u32), Vec<Tag>);

const US: usize = 0;
const RUSSIA: usize = 1;
const SYRIA: usize = 2;
const A: Stance = Stance::Affirms;
const D: Stance = Stance::Denies;

const FACTS: [&str; 8] = [
    "Coalition aircraft struck Syrian army positions near Deir ez-Zor on 17 September 2016",
    "The strike was an accident",
    "The US coordinated the strike with Russia",
    "The strike was stopped as soon as Russia warned the coalition",
    "Islamic State fighters advanced right after the strike",
    "The US supports Islamic State",
    "The ceasefire is broadly holding",
    "US-backed rebels have repeatedly violated the ceasefire",
];

#[expect(
    clippy::too_many_lines,
    reason = "the sample session's claims, one after another, as an analyst would tag them"
)]
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let stamp: DateTime<Utc> = "2026-11-26T12:00:00Z".parse()?;
    // Ids under origin 0, so the file is the same at every build.
    let mut session = Session::new_under(0);
    session.created = stamp;
    session.modified = stamp;
    // Its claims are stamped with who tagged them; the session itself names no analyst, so
    // the first save of a session made from it asks who is tagging.
    session.apply(Edit::SetAnalyst("Rashomon sample".into()))?;
    let parties: Vec<_> = session.parties().iter().map(|p| p.id).collect();
    let mut facts: Vec<FactId> = Vec::new();
    for statement in FACTS {
        let fact = session.new_fact(statement);
        facts.push(fact.id);
        session.apply(Edit::InsertFact {
            index: usize::MAX,
            fact,
        })?;
    }

    let articles: [SampleArticle; 3] = [
        (
            "1-coalition-regrets.txt",
            "The Meridian Wire (sample)",
            (2016, 9, 17),
            vec![
                tag(
                    "US-led coalition aircraft hit positions held by Syrian government troops outside Deir ez-Zor",
                    US,
                    Some(0),
                    A,
                ),
                tag(
                    "in what they described as an error of identification",
                    US,
                    Some(1),
                    A,
                ),
                Tag {
                    note: "The only US statement that speaks to intent.",
                    ..tag(
                        "The coalition would never knowingly target a Syrian military unit",
                        US,
                        Some(1),
                        A,
                    )
                },
                tag(
                    "planners had passed word of the operation to their Russian counterparts",
                    US,
                    Some(2),
                    A,
                ),
                tag(
                    "The raid was called off, the statement added, as soon as a Russian officer telephoned to warn",
                    US,
                    Some(3),
                    A,
                ),
                tag(
                    "called the suggestion absurd and said Washington remained at war with Islamic State",
                    US,
                    Some(5),
                    D,
                ),
                tag(
                    "the week-old ceasefire negotiated with Moscow was broadly holding",
                    US,
                    Some(6),
                    A,
                ),
                tag(
                    "Officials promised a review of how the target was chosen",
                    US,
                    None,
                    A,
                ),
            ],
        ),
        (
            "2-moscow-blames-washington.txt",
            "Northern Ledger (sample)",
            (2016, 9, 18),
            vec![
                tag(
                    "Saturday's air raid on Syrian troops near Deir ez-Zor",
                    RUSSIA,
                    Some(0),
                    A,
                ),
                tag(
                    "was the direct result of the United States refusing to coordinate its operations with Moscow",
                    RUSSIA,
                    Some(2),
                    D,
                ),
                Tag {
                    note: "Contradicts the US account of advance notice through the hotline.",
                    ..tag(
                        "the coalition had never shared the coordinates of its targets",
                        RUSSIA,
                        Some(2),
                        D,
                    )
                },
                tag("«отказ от координации»", RUSSIA, Some(2), D),
                tag(
                    "Islamic State units launched an assault on the hills the Syrian army had been holding",
                    RUSSIA,
                    Some(4),
                    A,
                ),
                tag(
                    "accused the rebel groups backed by the United States of violating the truce more than a hundred times",
                    RUSSIA,
                    Some(7),
                    A,
                ),
                tag(
                    "Russia had kept every one of its obligations under the Geneva arrangement",
                    RUSSIA,
                    None,
                    A,
                ),
            ],
        ),
        (
            "3-damascus-accuses.txt",
            "Levant Review (sample)",
            (2016, 9, 17),
            vec![
                tag(
                    "coalition warplanes had bombed one of its positions on the Tharda mountain near Deir ez-Zor airport",
                    SYRIA,
                    Some(0),
                    A,
                ),
                tag(
                    "the attack was deliberate and rejected any suggestion that it had been an accident",
                    SYRIA,
                    Some(1),
                    D,
                ),
                Tag {
                    note: "Quoted in Arabic in the statement.",
                    ..tag(
                        "«دليل قاطع» — conclusive evidence — that the United States and its allies support Islamic State",
                        SYRIA,
                        Some(5),
                        A,
                    )
                },
                tag(
                    "Islamic State fighters stormed the mountain immediately after the bombing ended",
                    SYRIA,
                    Some(4),
                    A,
                ),
                tag(
                    "The government said it remained committed to the ceasefire",
                    SYRIA,
                    None,
                    A,
                ),
            ],
        ),
    ];

    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    for (file, outlet, (y, m, d), tags) in articles {
        let imported = rashomon::import::import_file(&folder.join("sample").join(file))?;
        let text = imported.text;
        let article = session.new_article(
            ArticleMeta {
                title: imported.meta.title,
                outlet: outlet.to_owned(),
                published: NaiveDate::from_ymd_opt(y, m, d),
                source: format!("assets/sample/{file} (written for the Rashomon sample)"),
                encoding: String::new(),
            },
            text.clone(),
        );
        let article_id = article.id;
        session.apply(Edit::InsertArticle {
            index: usize::MAX,
            article,
        })?;
        for tag in tags {
            let start = text
                .find(tag.quote)
                .ok_or_else(|| format!("quote not in {file}: {}", tag.quote))?;
            let mut claim = session
                .new_claim(
                    article_id,
                    TextSpan::new(start, start + tag.quote.len()),
                    parties[tag.party],
                )
                .ok_or("empty claim")?;
            claim.fact = tag.fact.map(|i| facts[i]);
            claim.stance = tag.stance;
            tag.note.clone_into(&mut claim.note);
            claim.created = stamp;
            claim.modified = stamp;
            session.apply(Edit::InsertClaim(claim))?;
        }
    }
    session.apply(Edit::SetAnalyst(String::new()))?;
    rashomon::storage::save(&folder.join("sample.rashomon"), &session)?;
    println!("wrote {}", folder.join("sample.rashomon").display());
    Ok(())
}
