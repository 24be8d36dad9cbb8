//! The self-contained HTML report: one file, inline CSS, no scripts, no remote resources, a
//! Content-Security-Policy that forbids both. Light and dark by `prefers-color-scheme`; prints
//! to PDF with sections on new pages and repeating table headers; agreed and disputed rows
//! differ by bar style and by word, so they read in greyscale too.

use std::fmt::Write;

use super::sink::Sink;
use super::{Comparison, QuoteRow};
use crate::model::{FactStatus, Party};

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
:root { color-scheme: light dark; --fg: #1d1d1f; --bg: #ffffff; --muted: #5f6368; --line: #d0d4da;
  --agreed: #e3f4ea; --disputed: #fde7e1; --one-sided: #f3f3f3; --head: #f6f7f9; }
@media (prefers-color-scheme: dark) { :root { --fg: #e8eaed; --bg: #17181a; --muted: #a0a4aa;
  --line: #3c4043; --agreed: #17352a; --disputed: #45231c; --one-sided: #25272a; --head: #202124; } }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans Arabic", sans-serif;
  color: var(--fg); background: var(--bg); margin: 2rem auto; max-width: 80rem; padding: 0 1.5rem; }
h1 { margin-bottom: 0.2rem; } .meta { color: var(--muted); margin-top: 0; }
h2 { margin-top: 2.5rem; border-bottom: 1px solid var(--line); padding-bottom: 0.2rem; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
th, td { border: 1px solid var(--line); padding: 0.45rem 0.6rem; vertical-align: top; text-align: start; }
th { background: var(--head); }
thead { display: table-header-group; }
td.fact { font-weight: 600; min-width: 12rem; }
.status { font-size: 0.8rem; font-weight: 700; text-transform: uppercase; letter-spacing: 0.04em; white-space: nowrap; }
tr.agreed > td { background: var(--agreed); } tr.agreed > td.fact { border-left: 6px solid #009e73; }
tr.disputed > td { background: var(--disputed); } tr.disputed > td.fact { border-left: 6px double #d55e00; }
tr.one-sided > td { background: var(--one-sided); } tr.one-sided > td.fact { border-left: 6px dotted #888; }
tr.unclaimed > td.fact { border-left: 6px solid transparent; }
.party { display: inline-block; width: 0.8em; height: 0.8em; border-radius: 50%; margin-inline-end: 0.35em; vertical-align: -0.05em; }
blockquote { margin: 0 0 0.5rem; padding: 0 0 0 0.5rem; border-inline-start: 3px solid var(--line); }
.stance { font-weight: 700; } .source { color: var(--muted); font-size: 0.85rem; }
.silent { color: var(--muted); font-style: italic; }
.legend span { margin-inline-end: 1.2rem; }
.note { color: var(--muted); font-size: 0.9rem; }
.narratives { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: 1rem; }
.narratives ol { padding-inline-start: 1.2rem; }
.matrix td { text-align: center; } .agree { color: #007a59; font-weight: 700; } .dispute { color: #b34700; font-weight: 700; }
@media (prefers-color-scheme: dark) { .agree { color: #3fd4a6; } .dispute { color: #ff9a55; } }
@media print { body { margin: 0; max-width: none; font-size: 11pt; } section { break-before: page; }
  section:first-of-type { break-before: auto; } tr, blockquote { break-inside: avoid; }
  a { color: inherit; } }
"#;

/// Writes the HTML report to `out` as it is made.
pub fn write_html(report: &Comparison, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut out = super::sink::Sink::new(out);
    let options = &report.options;
    let counts = report.analysis.counts;
    let title = escape(&options.title);
    // Formatting into the sink cannot fail (the file's errors come back from `finish`).
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"Rashomon {version}\">\n<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <h1>{title}</h1>\n<p class=\"meta\">Comparison report generated {generated} · {articles} article(s), {claims} claim(s), {facts} fact(s) shown</p>\n",
        version = env!("CARGO_PKG_VERSION"),
        generated = options.generated.format("%Y-%m-%d %H:%M UTC"),
        articles = report.articles.len(),
        claims = report.claims.len(),
        facts = report.rows.len(),
    );

    summary(&mut out, report, counts);
    fact_table(&mut out, report);
    unlinked(&mut out, report);
    narratives(&mut out, report);
    notes(&mut out, report);
    sources(&mut out, report);
    out.push_str("</body>\n</html>\n");
    out.finish()
}

fn summary(out: &mut Sink<'_>, report: &Comparison, counts: crate::model::StatusCounts) {
    let _ = write!(
        out,
        "<section id=\"summary\">\n<h2>Summary</h2>\n<p class=\"legend\"><span><strong>{}</strong> agreed</span><span><strong>{}</strong> disputed</span><span><strong>{}</strong> one-sided</span><span><strong>{}</strong> without claims</span></p>\n<p class=\"note\">Counts are over the whole session, whatever this report leaves out.</p>\n<ul>\n",
        counts.agreed, counts.disputed, counts.one_sided, counts.unclaimed
    );
    for party in &report.parties {
        let _ = writeln!(
            out,
            "<li>{} — {} claim(s)</li>",
            party_label(party),
            report.analysis.claims_by_party(party.id)
        );
    }
    out.push_str("</ul>\n");
    if report.parties.len() > 1 {
        out.push_str("<h3>Agreement between parties</h3>\n<p class=\"note\">Facts each pair agrees on (=) and disputes (≠); the diagonal counts the facts each party speaks to.</p>\n<table class=\"matrix\">\n<thead><tr><th></th>");
        party_headers(out, report);
        out.push_str("</tr></thead>\n<tbody>\n");
        for (a, row) in report.parties.iter().zip(&report.matrix) {
            let _ = write!(out, "<tr><th>{}</th>", party_label(a));
            for (b, cell) in report.parties.iter().zip(row) {
                if a.id == b.id {
                    let _ = write!(out, "<td class=\"note\">{} facts</td>", cell.agree);
                } else {
                    let _ = write!(
                        out,
                        "<td><span class=\"agree\">= {}</span> · <span class=\"dispute\">≠ {}</span></td>",
                        cell.agree, cell.dispute
                    );
                }
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</section>\n");
}

fn fact_table(out: &mut Sink<'_>, report: &Comparison) {
    out.push_str("<section id=\"facts\">\n<h2>Side by side, fact by fact</h2>\n");
    out.push_str("<p class=\"legend\">Status: <strong>agreed</strong> (solid bar) — every party that speaks takes the same stance; <strong>disputed</strong> (double bar) — one party affirms what another denies; <strong>one-sided</strong> (dotted bar) — only one party speaks. ✔ affirms, ✖ denies, [n] source number.</p>\n");
    if report.rows.is_empty() {
        out.push_str("<p class=\"silent\">No facts to show.</p>\n</section>\n");
        return;
    }
    out.push_str("<table>\n<thead><tr><th>Fact</th>");
    party_headers(out, report);
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &report.rows {
        let _ = write!(
            out,
            "<tr class=\"{}\"><td class=\"fact\">{}<br><span class=\"status\">{}</span>",
            status_class(row.status),
            escape(&crate::model::excerpt(
                row.statement,
                crate::model::EXCERPT_CHARS
            )),
            row.status.label()
        );
        if !row.inconsistent.is_empty() {
            let names: Vec<String> = row.inconsistent.iter().map(|n| escape(n)).collect();
            let _ = write!(
                out,
                "<br><span class=\"note\">Inconsistent: {} both affirm(s) and deny(s) it</span>",
                names.join(", ")
            );
        }
        out.push_str("</td>");
        for cell in &row.cells {
            out.push_str("<td>");
            quotes(out, report, cell);
            out.push_str("</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn unlinked(out: &mut Sink<'_>, report: &Comparison) {
    if report.unlinked.iter().all(Vec::is_empty) {
        return;
    }
    out.push_str(
        "<section id=\"unlinked\">\n<h2>Claims not linked to a fact</h2>\n<table>\n<thead><tr>",
    );
    party_headers(out, report);
    out.push_str("</tr></thead>\n<tbody><tr>");
    for cell in &report.unlinked {
        out.push_str("<td>");
        quotes(out, report, cell);
        out.push_str("</td>");
    }
    out.push_str("</tr></tbody>\n</table>\n</section>\n");
}

fn narratives(out: &mut Sink<'_>, report: &Comparison) {
    out.push_str("<section id=\"narratives\">\n<h2>Each party's narrative, in reading order</h2>\n<div class=\"narratives\">\n");
    for (party, claims) in report.parties.iter().zip(&report.narratives) {
        let _ = write!(out, "<div>\n<h3>{}</h3>\n", party_label(party));
        if claims.is_empty() {
            out.push_str("<p class=\"silent\">No claims.</p>\n</div>\n");
            continue;
        }
        out.push_str("<ol>\n");
        for quote in claims {
            let fact = report
                .fact_of(quote.claim)
                .map(|(mark, statement, status)| {
                    format!(
                        " <span class=\"note\">({mark} {} — {status})</span>",
                        escape(&crate::model::excerpt(
                            statement,
                            crate::model::EXCERPT_CHARS
                        ))
                    )
                })
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "<li>“{}”{fact} <span class=\"source\">[{}]</span></li>",
                escape(&crate::model::excerpt(
                    &quote.claim.anchor.quote,
                    crate::model::EXCERPT_CHARS
                )),
                quote.source_number
            );
        }
        out.push_str("</ol>\n</div>\n");
    }
    out.push_str("</div>\n</section>\n");
}

fn notes(out: &mut Sink<'_>, report: &Comparison) {
    let notes = report.notes();
    if notes.is_empty() {
        return;
    }
    out.push_str("<section id=\"notes\">\n<h2>Analyst notes</h2>\n<ul>\n");
    for (party, quote, note) in notes {
        let _ = writeln!(
            out,
            "<li><strong>{}</strong>, on “{}”: {}</li>",
            escape(party),
            escape(&quote),
            escape(note)
        );
    }
    out.push_str("</ul>\n</section>\n");
}

fn sources(out: &mut Sink<'_>, report: &Comparison) {
    out.push_str("<section id=\"sources\">\n<h2>Sources</h2>\n<ol>\n");
    for (_, article) in &report.articles {
        let meta = &article.meta;
        let _ = write!(out, "<li><strong>{}</strong>", escape(&meta.title));
        if !meta.outlet.is_empty() {
            let _ = write!(out, " — {}", escape(&meta.outlet));
        }
        if let Some(date) = meta.published {
            let _ = write!(out, ", {}", date.format("%Y-%m-%d"));
        }
        if is_web_address(&meta.source) {
            let _ = write!(
                out,
                "<br><a class=\"source\" href=\"{0}\" rel=\"noreferrer noopener\">{0}</a>",
                escape(&meta.source)
            );
        } else if !meta.source.is_empty() {
            let _ = write!(
                out,
                "<br><span class=\"source\">{}</span>",
                escape(super::shown_source(&meta.source))
            );
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n</section>\n");
}

/// Only plain web addresses become links; anything else (a `javascript:` URL, a path) is text.
fn is_web_address(source: &str) -> bool {
    let lower = source.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !source.chars().any(char::is_whitespace)
}

fn status_class(status: FactStatus) -> &'static str {
    match status {
        FactStatus::Agreed => "agreed",
        FactStatus::Disputed => "disputed",
        FactStatus::OneSided => "one-sided",
        FactStatus::Unclaimed => "unclaimed",
    }
}

/// One header cell per shown party.
fn party_headers(out: &mut Sink<'_>, report: &Comparison) {
    for party in &report.parties {
        let _ = write!(out, "<th>{}</th>", party_label(party));
    }
}

fn party_label(party: &Party) -> String {
    format!(
        "<span class=\"party\" style=\"background:{}\"></span>{}",
        escape(&party.colour.to_hex()),
        escape(&party.name)
    )
}

fn quotes(out: &mut Sink<'_>, report: &Comparison, cell: &[QuoteRow]) {
    if cell.is_empty() {
        out.push_str("<span class=\"silent\">silent</span>");
        return;
    }
    for quote in cell {
        let _ = write!(
            out,
            "<blockquote><span class=\"stance\" title=\"{label}\">{mark}</span> “{text}”<br><span class=\"source\">[{number}] {source}</span>",
            label = quote.stance.label(),
            mark = quote.stance.mark(),
            text = escape(&crate::model::excerpt(
                &quote.claim.anchor.quote,
                crate::model::EXCERPT_CHARS
            )),
            number = quote.source_number,
            source = escape(quote.source),
        );
        if let Some(note) = report.note_of(quote.claim) {
            let _ = write!(
                out,
                "<br><span class=\"note\">Note: {}</span>",
                escape(note)
            );
        }
        out.push_str("</blockquote>");
    }
}
