//! One row per claim, RFC 4180 (the csv crate quotes whatever needs quoting). Offsets are in
//! Unicode code points, as W3C and REFI-QDA count them.
//!
//! A spreadsheet runs a cell that begins with `=`, `+`, `-` or `@` (or a tab or carriage
//! return before one) as a formula: a quote or note such as `=HYPERLINK(…)` would become a
//! live link. As OWASP recommends for CSV injection, such a text cell gets a leading
//! apostrophe, which spreadsheets show as text and do not display; `raw_csv` turns it off.

use std::borrow::Cow;

use super::Comparison;

pub const HEADER: [&str; 14] = [
    "claim_id",
    "party",
    "stance",
    "quote",
    "fact",
    "fact_status",
    "article",
    "outlet",
    "published",
    "source",
    "start",
    "end",
    "note",
    "modified",
];

/// A text cell as a spreadsheet may open it safely (see the module docs).
pub fn neutralised(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Writes the table of claims to `out` as it is made.
pub fn write_csv(report: &Comparison, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let cell = |text: &str| -> String {
        if report.options.raw_csv {
            text.to_owned()
        } else {
            neutralised(text).into_owned()
        }
    };
    let mut writer = csv::Writer::from_writer(out);
    let mut code_points = super::CodePoints::new(report.session);
    writer.write_record(HEADER)?;
    for claim in &report.claims {
        let session = report.session;
        let party = session.party(claim.party).map_or("", |p| p.name.as_str());
        let fact = claim.fact.and_then(|f| session.fact(f));
        let status = claim.fact.map_or("", |f| report.analysis.status(f).label());
        let article = session.article(claim.article);
        // An orphaned claim has no place in the text: its offsets stay empty.
        let (start, end) = code_points
            .of(claim)
            .map_or((String::new(), String::new()), |(start, end)| {
                (start.0.to_string(), end.0.to_string())
            });
        writer.write_record([
            claim.id.text(),
            cell(party),
            claim.stance.label().to_owned(),
            cell(&claim.anchor.quote),
            fact.map_or_else(String::new, |f| cell(&f.statement)),
            status.to_owned(),
            article.map_or_else(String::new, |a| cell(&a.meta.title)),
            article.map_or_else(String::new, |a| cell(&a.meta.outlet)),
            article
                .and_then(|a| a.meta.published)
                .map_or_else(String::new, |d| d.format("%Y-%m-%d").to_string()),
            article.map_or_else(String::new, |a| cell(&a.meta.source)),
            start,
            end,
            cell(report.note_of(claim).unwrap_or("")),
            claim.modified.to_rfc3339(),
        ])?;
    }
    writer.flush()
}
