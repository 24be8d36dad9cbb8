//! The Markdown report, with GitHub-flavoured tables.

use std::fmt::Write;

use super::sink::Sink;
use super::{Comparison, QuoteRow};

/// Makes user text safe inside Markdown (and its table cells): no line breaks, pipes, raw
/// HTML or emphasis characters.
pub fn cell_text(text: &str) -> String {
    // A table cell holds a readable excerpt: a claim can be a whole article.
    let text = crate::model::excerpt(text, crate::model::EXCERPT_CHARS);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(flat.len());
    for c in flat.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '*' | '_' | '`' | '[' | ']' | '\\' | '#' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Writes the Markdown report to `out` as it is made.
pub fn write_markdown(report: &Comparison, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut out = super::sink::Sink::new(out);
    let counts = report.analysis.counts;
    let _ = writeln!(out, "# {}\n", cell_text(&report.options.title));
    let _ = writeln!(
        out,
        "Comparison report generated {} · {} article(s), {} claim(s), {} fact(s) shown\n",
        report.options.generated.format("%Y-%m-%d %H:%M UTC"),
        report.articles.len(),
        report.claims.len(),
        report.rows.len()
    );
    out.push_str("## Summary\n\n");
    let _ = writeln!(
        out,
        "**{}** agreed · **{}** disputed · **{}** one-sided · **{}** without claims (whole session)\n",
        counts.agreed, counts.disputed, counts.one_sided, counts.unclaimed
    );
    for party in &report.parties {
        let _ = writeln!(
            out,
            "- {}: {} claim(s)",
            cell_text(&party.name),
            report.analysis.claims_by_party(party.id)
        );
    }
    if report.parties.len() > 1 {
        out.push_str("\n### Agreement between parties\n\n= facts agreed on · ≠ facts disputed\n\n");
        header(&mut out, report, &[""]);
        for (a, row) in report.parties.iter().zip(&report.matrix) {
            let _ = write!(out, "| **{}** |", cell_text(&a.name));
            for (b, cell) in report.parties.iter().zip(row) {
                if a.id == b.id {
                    let _ = write!(out, " {} facts |", cell.agree);
                } else {
                    let _ = write!(out, " = {} · ≠ {} |", cell.agree, cell.dispute);
                }
            }
            out.push('\n');
        }
    }

    out.push_str("\n## Side by side, fact by fact\n\n");
    out.push_str("✔ affirms · ✖ denies · [n] source number\n\n");
    if report.rows.is_empty() {
        out.push_str("_No facts to show._\n");
    } else {
        header(&mut out, report, &["Fact", "Status"]);
        for row in &report.rows {
            let mut status = row.status.label().to_uppercase();
            if !row.inconsistent.is_empty() {
                let names: Vec<String> = row.inconsistent.iter().map(|n| cell_text(n)).collect();
                let _ = write!(status, " (inconsistent: {})", names.join(", "));
            }
            let _ = write!(out, "| {} | {} |", cell_text(row.statement), status);
            for cell in &row.cells {
                let _ = write!(out, " {} |", quotes(report, cell));
            }
            out.push('\n');
        }
    }

    if report.unlinked.iter().any(|cell| !cell.is_empty()) {
        out.push_str("\n## Claims not linked to a fact\n\n");
        header(&mut out, report, &[]);
        out.push('|');
        for cell in &report.unlinked {
            let _ = write!(out, " {} |", quotes(report, cell));
        }
        out.push('\n');
    }

    out.push_str("\n## Each party's narrative, in reading order\n");
    for (party, claims) in report.parties.iter().zip(&report.narratives) {
        let _ = writeln!(out, "\n### {}\n", cell_text(&party.name));
        if claims.is_empty() {
            out.push_str("_No claims._\n");
        }
        for (index, quote) in claims.iter().enumerate() {
            let fact = report
                .fact_of(quote.claim)
                .map(|(mark, statement, status)| {
                    format!(" ({mark} {} — {status})", cell_text(statement))
                })
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "{}. “{}”{fact} [{}]",
                index + 1,
                cell_text(&quote.claim.anchor.quote),
                quote.source_number
            );
        }
    }

    let notes = report.notes();
    if !notes.is_empty() {
        out.push_str("\n## Analyst notes\n\n");
        for (party, quote, note) in notes {
            let _ = writeln!(
                out,
                "- **{}**, on “{}”: {}",
                cell_text(party),
                cell_text(&quote),
                cell_text(note)
            );
        }
    }

    out.push_str("\n## Sources\n\n");
    for (number, article) in &report.articles {
        let meta = &article.meta;
        let _ = write!(out, "{number}. **{}**", cell_text(&meta.title));
        if !meta.outlet.is_empty() {
            let _ = write!(out, " — {}", cell_text(&meta.outlet));
        }
        if let Some(date) = meta.published {
            let _ = write!(out, ", {}", date.format("%Y-%m-%d"));
        }
        if !meta.source.is_empty() {
            let _ = write!(out, " ({})", cell_text(super::shown_source(&meta.source)));
        }
        out.push('\n');
    }
    out.finish()
}

/// A table header: the `leading` columns, then one per shown party.
fn header(out: &mut Sink<'_>, report: &Comparison, leading: &[&str]) {
    let mut columns: Vec<String> = leading.iter().map(|c| (*c).to_owned()).collect();
    columns.extend(report.parties.iter().map(|p| cell_text(&p.name)));
    let _ = writeln!(out, "| {} |", columns.join(" | "));
    let _ = writeln!(out, "|{}", " --- |".repeat(columns.len()));
}

fn quotes(report: &Comparison, cell: &[QuoteRow]) -> String {
    if cell.is_empty() {
        return "—".to_owned();
    }
    cell.iter()
        .map(|quote| {
            let mut text = format!(
                "{} “{}” [{}]",
                quote.stance.mark(),
                cell_text(&quote.claim.anchor.quote),
                quote.source_number
            );
            if let Some(note) = report.note_of(quote.claim) {
                let _ = write!(text, " _Note: {}_", cell_text(note));
            }
            text
        })
        .collect::<Vec<_>>()
        .join("<br>")
}
