//! One row per claim, RFC 4180 (the csv crate quotes whatever needs quoting). Offsets are in
//! Unicode code points, as W3C and REFI-QDA count them.

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

pub fn to_csv(report: &Comparison) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    // Writing records into a Vec cannot fail.
    let _ = writer.write_record(HEADER);
    for claim in &report.claims {
        let session = report.session;
        let party = session.party(claim.party).map_or("", |p| p.name.as_str());
        let fact = claim.fact.and_then(|f| session.fact(f));
        let status = claim.fact.map_or("", |f| report.analysis.status(f).label());
        let article = session.article(claim.article);
        // An orphaned claim has no place in the text: its offsets stay empty.
        let (start, end) =
            article
                .filter(|_| !claim.orphaned)
                .map_or((String::new(), String::new()), |a| {
                    let (start, end) = claim.anchor.span.to_char_range(&a.text);
                    (start.0.to_string(), end.0.to_string())
                });
        let _ = writer.write_record([
            claim.id.0.to_string(),
            party.to_owned(),
            claim.stance.label().to_owned(),
            claim.anchor.quote.clone(),
            fact.map_or_else(String::new, |f| f.statement.clone()),
            status.to_owned(),
            article.map_or_else(String::new, |a| a.meta.title.clone()),
            article.map_or_else(String::new, |a| a.meta.outlet.clone()),
            article
                .and_then(|a| a.meta.published)
                .map_or_else(String::new, |d| d.format("%Y-%m-%d").to_string()),
            article.map_or_else(String::new, |a| a.meta.source.clone()),
            start,
            end,
            report.note_of(claim).unwrap_or("").to_owned(),
            claim.modified.to_rfc3339(),
        ]);
    }
    writer.into_inner().unwrap_or_default()
}
