//! The self-contained HTML report: one file, inline CSS, no scripts, no remote resources.

use std::fmt::Write;

use super::{Comparison, QuoteRow};
use crate::model::FactStatus;

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
  --agreed: #e3f4ea; --disputed: #fde7e1; --one-sided: #f3f3f3; }
@media (prefers-color-scheme: dark) { :root { --fg: #e8eaed; --bg: #17181a; --muted: #a0a4aa;
  --line: #3c4043; --agreed: #17352a; --disputed: #45231c; --one-sided: #25272a; } }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans Arabic", sans-serif;
  color: var(--fg); background: var(--bg); margin: 2rem auto; max-width: 80rem; padding: 0 1.5rem; }
h1 { margin-bottom: 0.2rem; } .meta { color: var(--muted); margin-top: 0; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
th, td { border: 1px solid var(--line); padding: 0.45rem 0.6rem; vertical-align: top; text-align: start; }
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
@media print { body { margin: 0; max-width: none; } section { break-before: page; }
  section:first-of-type { break-before: auto; } tr { break-inside: avoid; } }
"#;

pub fn to_html(report: &Comparison) -> String {
    let mut out = String::new();
    let session = report.session;
    let counts = report.analysis.counts;
    let title = escape(&report.title);
    // Writing into a String cannot fail.
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"Rashomon {version}\">\n<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <h1>{title}</h1>\n<p class=\"meta\">Comparison report generated {generated} · {articles} article(s), {claims} claim(s), {facts} fact(s)</p>\n",
        version = env!("CARGO_PKG_VERSION"),
        generated = report.generated.format("%Y-%m-%d %H:%M"),
        articles = session.articles().len(),
        claims = session.claims().len(),
        facts = session.facts().len(),
    );

    let _ = write!(
        out,
        "<section id=\"summary\">\n<h2>Summary</h2>\n<p class=\"legend\"><span><strong>{}</strong> agreed</span><span><strong>{}</strong> disputed</span><span><strong>{}</strong> one-sided</span><span><strong>{}</strong> without claims</span></p>\n<ul>\n",
        counts.agreed, counts.disputed, counts.one_sided, counts.unclaimed
    );
    for (party, name, colour) in &report.parties {
        let _ = writeln!(
            out,
            "<li>{} — {} claim(s)</li>",
            party_label(name, colour),
            report.analysis.claims_by_party(*party)
        );
    }
    out.push_str("</ul>\n</section>\n");

    out.push_str("<section id=\"facts\">\n<h2>Side by side, fact by fact</h2>\n");
    out.push_str("<p class=\"legend\">Status: <strong>agreed</strong> (solid bar) — every party that speaks takes the same stance; <strong>disputed</strong> (double bar) — one party affirms what another denies; <strong>one-sided</strong> (dotted bar) — only one party speaks. ✔ affirms, ✖ denies.</p>\n");
    if report.rows.is_empty() {
        out.push_str("<p class=\"silent\">No facts yet.</p>\n");
    } else {
        out.push_str("<table>\n<thead><tr><th>Fact</th>");
        for (_, name, colour) in &report.parties {
            let _ = write!(out, "<th>{}</th>", party_label(name, colour));
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for row in &report.rows {
            let class = status_class(row.status);
            let _ = write!(
                out,
                "<tr class=\"{class}\"><td class=\"fact\">{}<br><span class=\"status\">{}</span>",
                escape(row.statement),
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
                quotes(&mut out, cell);
                out.push_str("</td>");
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</section>\n");

    if report.unlinked.iter().any(|cell| !cell.is_empty()) {
        out.push_str(
            "<section id=\"unlinked\">\n<h2>Claims not linked to a fact</h2>\n<table>\n<thead><tr>",
        );
        for (_, name, colour) in &report.parties {
            let _ = write!(out, "<th>{}</th>", party_label(name, colour));
        }
        out.push_str("</tr></thead>\n<tbody><tr>");
        for cell in &report.unlinked {
            out.push_str("<td>");
            quotes(&mut out, cell);
            out.push_str("</td>");
        }
        out.push_str("</tr></tbody>\n</table>\n</section>\n");
    }

    out.push_str("<section id=\"sources\">\n<h2>Sources</h2>\n<ol>\n");
    for article in session.articles() {
        let meta = &article.meta;
        let _ = write!(out, "<li><strong>{}</strong>", escape(&meta.title));
        if !meta.outlet.is_empty() {
            let _ = write!(out, " — {}", escape(&meta.outlet));
        }
        if let Some(date) = meta.published {
            let _ = write!(out, ", {}", date.format("%Y-%m-%d"));
        }
        if !meta.source.is_empty() {
            let _ = write!(
                out,
                "<br><span class=\"source\">{}</span>",
                escape(&meta.source)
            );
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n</section>\n</body>\n</html>\n");
    out
}

fn status_class(status: FactStatus) -> &'static str {
    match status {
        FactStatus::Agreed => "agreed",
        FactStatus::Disputed => "disputed",
        FactStatus::OneSided => "one-sided",
        FactStatus::Unclaimed => "unclaimed",
    }
}

fn party_label(name: &str, colour: &str) -> String {
    format!(
        "<span class=\"party\" style=\"background:{}\"></span>{}",
        escape(colour),
        escape(name)
    )
}

fn quotes(out: &mut String, cell: &[QuoteRow]) {
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
            text = escape(&quote.claim.anchor.quote),
            number = quote.source_number,
            source = escape(quote.source),
        );
        if !quote.claim.note.is_empty() {
            let _ = write!(
                out,
                "<br><span class=\"note\">Note: {}</span>",
                escape(&quote.claim.note)
            );
        }
        out.push_str("</blockquote>");
    }
}
