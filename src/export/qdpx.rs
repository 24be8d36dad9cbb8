//! A REFI-QDA project (`.qdpx`), the exchange format read by NVivo, ATLAS.ti, MAXQDA and
//! QualCoder: a zip holding `project.qde` (namespace `urn:QDA-XML:project:1.0`, UTF-8 without
//! a byte-order mark) and a `sources/` folder with one plain-text file per article.
//!
//! Parties, facts and stances are codes under three non-codable parents; every claim is a
//! `PlainTextSelection` (0-based, end-exclusive positions in Unicode code points of its text
//! file) coded with its party, its fact and its stance; agreed and disputed facts are Sets.

use std::fmt::Write as _;
use std::io::Write as _;

use super::{Comparison, Guids};
use crate::model::{FactStatus, Stance};

/// Escapes text for XML attribute values and element content.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            // Characters XML 1.0 cannot carry at all are dropped.
            c if (c as u32) < 0x20 => {}
            '\u{fffe}' | '\u{ffff}' => {}
            _ => out.push(c),
        }
    }
    out
}

const USER: (&str, u64) = ("user", 0);

/// The `project.qde` document.
#[expect(
    clippy::too_many_lines,
    reason = "the REFI-QDA document top to bottom, element by element, as the standard lists them"
)]
/// Writes the project's XML (`project.qde`) to `out` as it is made.
pub fn write_project_xml(report: &Comparison, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let session = report.session;
    let guids = Guids::for_session(session);
    let user = guids.guid(USER.0, u128::from(USER.1));
    let when = |time: chrono::DateTime<chrono::Utc>| time.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let created = when(session.created);
    let mut xml = super::sink::Sink::new(out);
    let _ = write!(
        xml,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"{}\" origin=\"Rashomon {}\" creatingUserGUID=\"{user}\" creationDateTime=\"{created}\" modifiedDateTime=\"{}\">\n",
        xml_escape(&report.options.title),
        env!("CARGO_PKG_VERSION"),
        when(report.options.generated),
    );
    let _ = writeln!(
        xml,
        "  <Users>\n    <User guid=\"{user}\" name=\"Rashomon analyst\"/>\n  </Users>"
    );

    // CodeBook: parties, facts, stances.
    xml.push_str("  <CodeBook>\n    <Codes>\n");
    let _ = writeln!(
        xml,
        "      <Code guid=\"{}\" name=\"Parties\" isCodable=\"false\">",
        guids.guid("codes", 1)
    );
    for party in &report.parties {
        let _ = write!(
            xml,
            "        <Code guid=\"{}\" name=\"{}\" isCodable=\"true\" color=\"{}\"",
            guids.guid("party", party.id.0),
            xml_escape(&party.name),
            party.colour.to_hex().to_uppercase()
        );
        if party.aliases.is_empty() {
            xml.push_str("/>\n");
        } else {
            let _ = write!(
                xml,
                ">\n          <Description>Also: {}</Description>\n        </Code>\n",
                xml_escape(&party.aliases.join(", "))
            );
        }
    }
    xml.push_str("      </Code>\n");
    let _ = writeln!(
        xml,
        "      <Code guid=\"{}\" name=\"Facts\" isCodable=\"false\">",
        guids.guid("codes", 2)
    );
    for row in &report.rows {
        let _ = write!(
            xml,
            "        <Code guid=\"{}\" name=\"{}\" isCodable=\"true\">\n          <Description>Status: {}</Description>\n        </Code>\n",
            guids.guid("fact", row.fact.0),
            xml_escape(row.statement),
            row.status.label()
        );
    }
    xml.push_str("      </Code>\n");
    let _ = writeln!(
        xml,
        "      <Code guid=\"{}\" name=\"Stance\" isCodable=\"false\">",
        guids.guid("codes", 3)
    );
    for stance in [Stance::Affirms, Stance::Denies] {
        let _ = writeln!(
            xml,
            "        <Code guid=\"{}\" name=\"{}\" isCodable=\"true\"/>",
            stance_guid(&guids, stance),
            stance.label()
        );
    }
    xml.push_str("      </Code>\n    </Codes>\n  </CodeBook>\n");

    // Sources with their selections (each article's claims found once, not by going
    // through every claim for every article).
    let mut claims_of: std::collections::HashMap<
        crate::model::ArticleId,
        Vec<&crate::model::Claim>,
    > = std::collections::HashMap::new();
    for claim in &report.claims {
        claims_of.entry(claim.article).or_default().push(claim);
    }
    xml.push_str("  <Sources>\n");
    for (_, article) in &report.articles {
        let source = guids.guid("article", article.id.0);
        let _ = writeln!(
            xml,
            "    <TextSource guid=\"{source}\" name=\"{}\" plainTextPath=\"internal://{source}.txt\" creatingUser=\"{user}\" creationDateTime=\"{created}\">",
            xml_escape(&article.meta.title)
        );
        let mut description = Vec::new();
        if !article.meta.outlet.is_empty() {
            description.push(format!("Outlet: {}", article.meta.outlet));
        }
        if let Some(date) = article.meta.published {
            description.push(format!("Published: {}", date.format("%Y-%m-%d")));
        }
        if !article.meta.source.is_empty() {
            description.push(format!("Source: {}", article.meta.source));
        }
        if !description.is_empty() {
            let _ = writeln!(
                xml,
                "      <Description>{}</Description>",
                xml_escape(&description.join("\n"))
            );
        }
        // A selection needs a place in the text: orphaned claims are left out.
        let text = crate::model::span::TextIndex::new(&article.text);
        for claim in claims_of
            .get(&article.id)
            .into_iter()
            .flatten()
            .filter(|c| !c.orphaned)
        {
            let (start, end) = text.char_range(claim.anchor.span);
            let _ = writeln!(
                xml,
                "      <PlainTextSelection guid=\"{}\" name=\"{}\" startPosition=\"{}\" endPosition=\"{}\" creatingUser=\"{user}\" creationDateTime=\"{}\" modifiedDateTime=\"{}\">",
                guids.guid("claim", claim.id.0),
                xml_escape(&claim.anchor.quote),
                start.0,
                end.0,
                when(claim.created),
                when(claim.modified),
            );
            if let Some(note) = report.note_of(claim) {
                let _ = writeln!(
                    xml,
                    "        <Description>{}</Description>",
                    xml_escape(note)
                );
            }
            let mut codes = vec![guids.guid("party", claim.party.0)];
            if let Some(fact) = claim.fact {
                codes.push(guids.guid("fact", fact.0));
                codes.push(stance_guid(&guids, claim.stance));
            }
            for (index, code) in codes.iter().enumerate() {
                let _ = writeln!(
                    xml,
                    "        <Coding guid=\"{}\" creatingUser=\"{user}\" creationDateTime=\"{}\">\n          <CodeRef targetGUID=\"{code}\"/>\n        </Coding>",
                    guids.guid(&format!("coding-{index}"), claim.id.0),
                    when(claim.created),
                );
            }
            xml.push_str("      </PlainTextSelection>\n");
        }
        xml.push_str("    </TextSource>\n");
    }
    xml.push_str("  </Sources>\n");

    // Sets: agreed and disputed facts.
    xml.push_str("  <Sets>\n");
    for (index, status) in [FactStatus::Agreed, FactStatus::Disputed]
        .into_iter()
        .enumerate()
    {
        let _ = writeln!(
            xml,
            "    <Set guid=\"{}\" name=\"{} facts\">",
            guids.guid("set", index as u128),
            match status {
                FactStatus::Agreed => "Agreed",
                _ => "Disputed",
            }
        );
        for row in report.rows.iter().filter(|r| r.status == status) {
            let _ = writeln!(
                xml,
                "      <MemberCode targetGUID=\"{}\"/>",
                guids.guid("fact", row.fact.0)
            );
        }
        xml.push_str("    </Set>\n");
    }
    xml.push_str("  </Sets>\n</Project>\n");
    xml.finish()
}

fn stance_guid(guids: &Guids, stance: Stance) -> String {
    guids.guid(
        "stance",
        match stance {
            Stance::Affirms => 1,
            Stance::Denies => 2,
        },
    )
}

/// The `.qdpx` archive.
/// Writes the `.qdpx` archive to `out`. The archive is made in memory (it is compressed,
/// and a zip's directory is written at its end), the project's XML streamed into it.
pub fn write_qdpx(report: &Comparison, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    out.write_all(&to_qdpx(report)?)
}

fn to_qdpx(report: &Comparison) -> std::io::Result<Vec<u8>> {
    let guids = Guids::for_session(report.session);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut write = || -> zip::result::ZipResult<()> {
        zip.start_file("project.qde", options)?;
        write_project_xml(report, &mut zip)?;
        zip.add_directory("sources/", options)?;
        for (_, article) in &report.articles {
            let name = format!("sources/{}.txt", guids.guid("article", article.id.0));
            zip.start_file(name, options)?;
            // Article text is already LF-only and without a byte-order mark.
            zip.write_all(article.text.as_bytes())?;
        }
        Ok(())
    };
    write().map_err(std::io::Error::other)?;
    zip.finish()
        .map(std::io::Cursor::into_inner)
        .map_err(std::io::Error::other)
}
