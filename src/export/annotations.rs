//! W3C Web Annotations (JSON-LD): one annotation per claim, targeting its article with a
//! TextQuoteSelector (quote with prefix and suffix) and a TextPositionSelector (code points).
//! The party, the fact, the stance and the note are bodies.

use serde_json::{Value, json};

use super::{Comparison, Guids};

pub fn to_annotations(report: &Comparison) -> String {
    let session = report.session;
    let guids = Guids::for_session(session);
    let items: Vec<Value> = report
        .claims
        .iter()
        .filter_map(|claim| {
            let article = session.article(claim.article)?;
            let (start, end) = claim.anchor.span.to_char_range(&article.text);
            let mut body = vec![json!({
                "type": "TextualBody",
                "purpose": "tagging",
                "value": session.party(claim.party).map_or("", |p| p.name.as_str()),
            })];
            if let Some(fact) = claim.fact.and_then(|f| session.fact(f)) {
                body.push(json!({
                    "type": "TextualBody",
                    "purpose": "classifying",
                    "value": fact.statement,
                }));
                body.push(json!({
                    "type": "TextualBody",
                    "purpose": "assessing",
                    "value": claim.stance.label(),
                }));
            }
            if let Some(note) = report.note_of(claim) {
                body.push(json!({
                    "type": "TextualBody",
                    "purpose": "commenting",
                    "value": note,
                    "format": "text/plain",
                }));
            }
            let mut selectors = vec![json!({
                "type": "TextQuoteSelector",
                "exact": claim.anchor.quote,
                "prefix": claim.anchor.prefix,
                "suffix": claim.anchor.suffix,
            })];
            // An orphaned claim has no place in the text, only its quote.
            if !claim.orphaned {
                selectors.push(json!({
                    "type": "TextPositionSelector",
                    "start": start.0,
                    "end": end.0,
                }));
            }
            Some(json!({
                "id": format!("urn:uuid:{}", guids.guid("claim", claim.id.0)),
                "type": "Annotation",
                "motivation": "tagging",
                "created": claim.created.to_rfc3339(),
                "modified": claim.modified.to_rfc3339(),
                "body": body,
                "target": {
                    "source": format!("urn:uuid:{}", guids.guid("article", article.id.0)),
                    "selector": selectors
                }
            }))
        })
        .collect();
    let collection = json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": format!("urn:uuid:{}", guids.guid("session", 0)),
        "type": "AnnotationCollection",
        "label": report.options.title,
        "total": items.len(),
        "first": {
            "type": "AnnotationPage",
            "items": items,
        }
    });
    serde_json::to_string_pretty(&collection).unwrap_or_default()
}
