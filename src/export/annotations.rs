//! W3C Web Annotations (JSON-LD): one annotation per claim, targeting its article with a
//! TextQuoteSelector (quote with prefix and suffix) and a TextPositionSelector (code points).
//! The party, the fact, the stance and the note are bodies.

use serde::Serialize;
use serde_json::{Value, json};

use super::{Comparison, Guids};

/// Writes the annotation collection to `out` as it is made: each claim's annotation is
/// built and written in turn (a million claims' annotations held as JSON values took
/// 14 GB).
pub fn write_annotations(report: &Comparison, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let guids = Guids::for_session(report.session);
    let total = report
        .claims
        .iter()
        .filter(|c| report.session.article(c.article).is_some())
        .count();
    // Keys in the order `json!` objects print them (sorted), as before.
    let collection = Collection {
        context: "http://www.w3.org/ns/anno.jsonld",
        first: Page {
            items: Items {
                report,
                guids: &guids,
                code_points: std::cell::RefCell::new(super::CodePoints::new(report.session)),
            },
            kind: "AnnotationPage",
        },
        id: format!("urn:uuid:{}", guids.guid("session", 0)),
        label: &report.options.title,
        total,
        kind: "AnnotationCollection",
    };
    serde_json::to_writer_pretty(out, &collection).map_err(std::io::Error::from)
}

#[derive(Serialize)]
struct Collection<'r, 'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    first: Page<'r, 'a>,
    id: String,
    label: &'r str,
    total: usize,
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Serialize)]
struct Page<'r, 'a> {
    items: Items<'r, 'a>,
    #[serde(rename = "type")]
    kind: &'static str,
}

/// The annotations, made one at a time as they are written.
struct Items<'r, 'a> {
    report: &'r Comparison<'a>,
    guids: &'r Guids,
    code_points: std::cell::RefCell<super::CodePoints<'a>>,
}

impl Serialize for Items<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut code_points = self.code_points.borrow_mut();
        serializer.collect_seq(
            self.report
                .claims
                .iter()
                .filter_map(|claim| annotation(self.report, self.guids, &mut code_points, claim)),
        )
    }
}

/// One claim's annotation; `None` if its article is not in the session.
fn annotation(
    report: &Comparison,
    guids: &Guids,
    code_points: &mut super::CodePoints<'_>,
    claim: &crate::model::Claim,
) -> Option<Value> {
    let session = report.session;
    let article = session.article(claim.article)?;
    let (start, end) = code_points.range(article.id, claim.anchor.span)?;
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
}
