//! The Markdown report, with GitHub-flavoured tables.

use std::fmt::Write;

use super::{Comparison, QuoteRow};

/// Makes user text safe inside a Markdown table cell: no line breaks, pipes or raw HTML.
pub fn cell_text(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(flat.len());
    for c in flat.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '*' | '_' | '`' | '[' | ']' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

pub fn to_markdown(report: &Comparison) -> String {
    let mut out = String::new();
    let session = report.session;
    let counts = report.analysis.counts;
    let _ = writeln!(out, "# {}\n", cell_text(&report.title));
    let _ = writeln!(
        out,
        "Comparison report generated {} · {} article(s), {} claim(s), {} fact(s)\n",
        report.generated.format("%Y-%m-%d %H:%M"),
        session.articles().len(),
        session.claims().len(),
        session.facts().len()
    );
    out.push_str("## Summary\n\n");
    let _ = writeln!(
        out,
        "**{}** agreed · **{}** disputed · **{}** one-sided · **{}** without claims\n",
        counts.agreed, counts.disputed, counts.one_sided, counts.unclaimed
    );
    for (party, name, _) in &report.parties {
        let _ = writeln!(
            out,
            "- {}: {} claim(s)",
            cell_text(name),
            report.analysis.claims_by_party(*party)
        );
    }

    out.push_str("\n## Side by side, fact by fact\n\n");
    out.push_str("✔ affirms · ✖ denies · [n] source number\n\n");
    if report.rows.is_empty() {
        out.push_str("_No facts yet._\n");
    } else {
        header(&mut out, report, "Fact | Status");
        for row in &report.rows {
            let mut status = row.status.label().to_uppercase();
            if !row.inconsistent.is_empty() {
                let names: Vec<String> = row.inconsistent.iter().map(|n| cell_text(n)).collect();
                let _ = write!(status, " (inconsistent: {})", names.join(", "));
            }
            let _ = write!(out, "| {} | {} |", cell_text(row.statement), status);
            for cell in &row.cells {
                let _ = write!(out, " {} |", quotes(cell));
            }
            out.push('\n');
        }
    }

    if report.unlinked.iter().any(|cell| !cell.is_empty()) {
        out.push_str("\n## Claims not linked to a fact\n\n");
        header(&mut out, report, "");
        out.push('|');
        for cell in &report.unlinked {
            let _ = write!(out, " {} |", quotes(cell));
        }
        out.push('\n');
    }

    out.push_str("\n## Sources\n\n");
    for (index, article) in session.articles().iter().enumerate() {
        let meta = &article.meta;
        let _ = write!(out, "{}. **{}**", index + 1, cell_text(&meta.title));
        if !meta.outlet.is_empty() {
            let _ = write!(out, " — {}", cell_text(&meta.outlet));
        }
        if let Some(date) = meta.published {
            let _ = write!(out, ", {}", date.format("%Y-%m-%d"));
        }
        if !meta.source.is_empty() {
            let _ = write!(out, " ({})", cell_text(&meta.source));
        }
        out.push('\n');
    }
    out
}

fn header(out: &mut String, report: &Comparison, leading: &str) {
    let mut columns: Vec<String> = if leading.is_empty() {
        Vec::new()
    } else {
        leading.split(" | ").map(str::to_owned).collect()
    };
    columns.extend(report.parties.iter().map(|(_, name, _)| cell_text(name)));
    let _ = writeln!(out, "| {} |", columns.join(" | "));
    let _ = writeln!(out, "|{}", " --- |".repeat(columns.len()));
}

fn quotes(cell: &[QuoteRow]) -> String {
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
            if !quote.claim.note.is_empty() {
                let _ = write!(text, " _Note: {}_", cell_text(&quote.claim.note));
            }
            text
        })
        .collect::<Vec<_>>()
        .join("<br>")
}
