//! The agreement report as `rashomon agreement` prints it: JSON with the keys the command's
//! contract names (`coders`, `articles`, `overall`; in each `char_alpha`, `alpha_u`,
//! `span_f1`, `party`, `stance`, `fact`, `counts`, `prevalence`, `undefined`,
//! `disagreements`), or lines a person reads.

use serde_json::{Value, json};

use super::agreement::{Agreement, Disagreement, Figures, Report};
use crate::model::{ClaimId, Session};

/// Figures rounded to four decimals: more is noise at these sample sizes.
fn round(value: Option<f64>) -> Value {
    value.map_or(Value::Null, |v| json!((v * 10_000.0).round() / 10_000.0))
}

fn agreement_json(a: &Agreement) -> Value {
    json!({"pairs": a.pairs, "agreement": round(a.agreement), "kappa": round(a.kappa)})
}

/// A claim as the report shows it: offsets are UTF-8 bytes into its own article's text.
fn claim_json(session: &Session, claim: Option<ClaimId>) -> Value {
    let Some(claim) = claim.and_then(|id| session.claim(id)) else {
        return Value::Null;
    };
    json!({
        "id": claim.id,
        "start": claim.anchor.span.start.0,
        "end": claim.anchor.span.end.0,
        "quote": claim.anchor.quote,
        "party": session.party(claim.party).map(|p| p.name.clone()),
        "stance": claim.stance.label(),
        "fact": claim.fact.and_then(|f| session.fact(f)).map(|f| f.statement.clone()),
        "analyst": claim.analyst,
    })
}

fn disagreement_json(a: &Session, b: &Session, d: &Disagreement) -> Value {
    json!({
        "kind": d.kind.key(),
        "article": a.article(d.article).map(|x| x.meta.title.clone()),
        "a": claim_json(a, d.a),
        "b": claim_json(b, d.b),
    })
}

fn figures_json(a: &Session, b: &Session, f: &Figures) -> Value {
    let per_party = |value: &dyn Fn(&super::agreement::PartyFigures) -> Value| -> Value {
        Value::Object(
            f.parties
                .iter()
                .map(|p| (p.name.clone(), value(p)))
                .collect(),
        )
    };
    json!({
        "characters": f.characters,
        "char_alpha": per_party(&|p| round(p.char_alpha)),
        "alpha_u": per_party(&|p| round(p.alpha_u)),
        "span_f1": round(f.span_f1),
        "party": agreement_json(&f.party),
        "stance": agreement_json(&f.stance),
        "fact": agreement_json(&f.fact),
        "counts": {
            "claims_a": f.counts.claims_a,
            "claims_b": f.counts.claims_b,
            "matched": f.counts.matched,
            "only_a": f.counts.only_a,
            "only_b": f.counts.only_b,
        },
        "prevalence": per_party(&|p| json!({
            "a": round(Some(p.share_a)),
            "b": round(Some(p.share_b)),
            "claims_a": p.claims_a,
            "claims_b": p.claims_b,
        })),
        "undefined": Value::Object(
            f.undefined.iter().map(|(k, why)| (k.clone(), json!(why))).collect()
        ),
        "disagreements": f.disagreements.iter().map(|d| disagreement_json(a, b, d)).collect::<Vec<_>>(),
    })
}

/// The report as JSON; `files` name the two sessions as given.
pub fn to_json(report: &Report, a: &Session, b: &Session, files: [&str; 2]) -> Value {
    let title = |s: &Session, id| s.article(id).map(|x| x.meta.title.clone());
    let articles: Vec<Value> = report
        .articles
        .iter()
        .map(|r| {
            let mut value = figures_json(a, b, &r.figures);
            if let Value::Object(map) = &mut value {
                map.insert("title".into(), json!(r.title));
                map.insert("matched_by".into(), json!(r.matched_by.label()));
                let unplaced: Vec<Value> = r
                    .unplaced_b
                    .iter()
                    .map(|&id| claim_json(b, Some(id)))
                    .collect();
                map.insert("unplaced_b".into(), Value::Array(unplaced));
            }
            value
        })
        .collect();
    let mut overall = figures_json(a, b, &report.overall);
    if let Value::Object(map) = &mut overall {
        map.insert("articles_matched".into(), json!(report.articles.len()));
        let only = |list: &[crate::model::ArticleId], s: &Session| -> Value {
            list.iter().map(|&id| json!(title(s, id))).collect()
        };
        map.insert("articles_only_a".into(), only(&report.only_a_articles, a));
        map.insert("articles_only_b".into(), only(&report.only_b_articles, b));
    }
    json!({
        "coders": [
            {"name": "A", "analyst": report.coders[0], "file": files[0]},
            {"name": "B", "analyst": report.coders[1], "file": files[1]},
        ],
        "articles": articles,
        "overall": overall,
    })
}

fn figure(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_owned(), |v| format!("{v:.3}"))
}

fn figures_text(out: &mut String, a: &Session, b: &Session, f: &Figures, indent: &str) {
    use std::fmt::Write as _;
    let c = f.counts;
    let _ = writeln!(
        out,
        "{indent}claims: A {}, B {}; matched {}, only A {}, only B {}; span F1 {}",
        c.claims_a,
        c.claims_b,
        c.matched,
        c.only_a,
        c.only_b,
        figure(f.span_f1)
    );
    for (what, x) in [
        ("party", &f.party),
        ("fact", &f.fact),
        ("stance", &f.stance),
    ] {
        let _ = writeln!(
            out,
            "{indent}{what:<7} agreement {} κ {} ({} pairs)",
            figure(x.agreement),
            figure(x.kappa),
            x.pairs
        );
    }
    // A party neither analyst tagged here has nothing to say (its figures are undefined).
    let silent: Vec<&str> = f
        .parties
        .iter()
        .filter(|p| p.claims_a == 0 && p.claims_b == 0)
        .map(|p| p.name.as_str())
        .collect();
    for p in f
        .parties
        .iter()
        .filter(|p| !silent.contains(&p.name.as_str()))
    {
        let _ = writeln!(
            out,
            "{indent}{:<12} char α {}  α_u {}  tagged A {:.1}% B {:.1}% ({} / {} claims)",
            p.name,
            figure(p.char_alpha),
            figure(p.alpha_u),
            p.share_a * 100.0,
            p.share_b * 100.0,
            p.claims_a,
            p.claims_b
        );
    }
    if !silent.is_empty() {
        let _ = writeln!(out, "{indent}not tagged by either: {}", silent.join(", "));
    }
    for (key, why) in &f.undefined {
        let party = key.split_once('.').map(|(_, p)| p);
        if party.is_some_and(|p| silent.contains(&p)) {
            continue;
        }
        let _ = writeln!(out, "{indent}  — {key}: {why}");
    }
    for d in &f.disagreements {
        let quote = |s: &Session, id: Option<ClaimId>| {
            id.and_then(|id| s.claim(id)).map_or_else(
                || "—".to_owned(),
                |c| {
                    format!(
                        "{} “{}”",
                        s.party(c.party).map_or("?", |p| p.name.as_str()),
                        crate::model::short(&c.anchor.quote)
                    )
                },
            )
        };
        let _ = writeln!(
            out,
            "{indent}  {:<8} A: {}  |  B: {}",
            d.kind.key(),
            quote(a, d.a),
            quote(b, d.b)
        );
    }
}

/// The report as lines a person reads.
pub fn to_text(report: &Report, a: &Session, b: &Session, files: [&str; 2]) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let who = |i: usize| {
        if report.coders[i].is_empty() {
            files[i].to_owned()
        } else {
            format!("{} ({})", report.coders[i], files[i])
        }
    };
    let _ = writeln!(out, "A: {}\nB: {}\n", who(0), who(1));
    for r in &report.articles {
        let _ = writeln!(out, "{} (matched by {})", r.title, r.matched_by.label());
        if !r.unplaced_b.is_empty() {
            let _ = writeln!(
                out,
                "  {} of B's claims could not be placed in A's text",
                r.unplaced_b.len()
            );
        }
        figures_text(&mut out, a, b, &r.figures, "  ");
        out.push('\n');
    }
    for (side, list, session) in [
        ("A", &report.only_a_articles, a),
        ("B", &report.only_b_articles, b),
    ] {
        for &id in list {
            if let Some(article) = session.article(id) {
                let _ = writeln!(out, "only in {side}: {}", article.meta.title);
            }
        }
    }
    let _ = writeln!(out, "Overall ({} articles)", report.articles.len());
    let mut overall = report.overall.clone();
    // The disagreements were listed under their articles.
    overall.disagreements.clear();
    figures_text(&mut out, a, b, &overall, "  ");
    out
}
