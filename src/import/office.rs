//! Word (.docx) and OpenDocument (.odt) files: zip archives of XML. The body's paragraphs
//! become the article's paragraphs; the title comes from the document's properties, else
//! from its first paragraph. Deleted tracked changes, field codes and comments are left out.

use std::io::Read as _;

use quick_xml::Reader;
use quick_xml::events::{BytesRef, Event};

use super::{ImportedArticle, Problem, paragraphs};

/// Parts bigger than this (uncompressed) are refused: a zip bomb is not an article.
const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

pub fn from_docx(bytes: &[u8]) -> Result<ImportedArticle, Problem> {
    let mut archive = open(bytes)?;
    let body = part(&mut archive, "word/document.xml")?
        .ok_or_else(|| Problem::Damaged("it has no word/document.xml".into()))?;
    let text = body_text(&body, &Markup::DOCX)?;
    let title =
        part(&mut archive, "docProps/core.xml")?.and_then(|core| element_text(&core, "title"));
    article(&text, title.as_deref(), "DOCX (UTF-8)")
}

pub fn from_odt(bytes: &[u8]) -> Result<ImportedArticle, Problem> {
    let mut archive = open(bytes)?;
    let body = part(&mut archive, "content.xml")?
        .ok_or_else(|| Problem::Damaged("it has no content.xml".into()))?;
    let text = body_text(&body, &Markup::ODT)?;
    let title = part(&mut archive, "meta.xml")?.and_then(|meta| element_text(&meta, "title"));
    article(&text, title.as_deref(), "ODT (UTF-8)")
}

fn article(
    text: &str,
    title: Option<&str>,
    encoding: &'static str,
) -> Result<ImportedArticle, Problem> {
    let text = paragraphs(text);
    if text.is_empty() {
        return Err(Problem::Empty);
    }
    Ok(super::titled(text, title, false, encoding))
}

type Archive<'a> = zip::ZipArchive<std::io::Cursor<&'a [u8]>>;

fn open(bytes: &[u8]) -> Result<Archive<'_>, Problem> {
    zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| Problem::Damaged(format!("not a zip archive: {e}")))
}

/// One part of the archive as text, `None` when it is not there.
fn part(archive: &mut Archive, name: &str) -> Result<Option<String>, Problem> {
    let file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(Problem::Damaged(format!("{name}: {e}"))),
    };
    if file.size() > MAX_PART_BYTES {
        return Err(Problem::Damaged(format!("{name} is too large")));
    }
    let mut text = String::new();
    file.take(MAX_PART_BYTES)
        .read_to_string(&mut text)
        .map_err(|e| Problem::Damaged(format!("{name}: {e}")))?;
    Ok(Some(text))
}

/// Which elements mean what in a format's XML (by local name).
struct Markup {
    /// Paragraphs and headings: a blank line after each.
    paragraph: &'static [&'static str],
    /// Elements whose text is the document's text.
    text: &'static [&'static str],
    /// Elements whose text is not part of the body (deleted text, comments, field codes).
    skip: &'static [&'static str],
    tab: &'static str,
    line_break: &'static str,
    /// ODT's run of spaces (`<text:s text:c="3"/>`).
    spaces: Option<&'static str>,
}

impl Markup {
    const DOCX: Self = Self {
        paragraph: &["p"],
        text: &["t"],
        skip: &["delText", "instrText", "comment", "footnoteReference"],
        tab: "tab",
        line_break: "br",
        spaces: None,
    };
    const ODT: Self = Self {
        paragraph: &["p", "h"],
        // In ODT the text sits directly in paragraphs and spans.
        text: &["p", "h", "span", "a"],
        skip: &["annotation", "note", "tracked-changes"],
        tab: "tab",
        line_break: "line-break",
        spaces: Some("s"),
    };
}

fn damaged(e: impl std::fmt::Display) -> Problem {
    Problem::Damaged(format!("broken XML: {e}"))
}

/// The text of an entity reference: `&amp;` and friends, `&#233;`.
fn reference(e: &BytesRef) -> Option<char> {
    if let Ok(Some(c)) = e.resolve_char_ref() {
        return Some(c);
    }
    match &**e {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => None,
    }
}

fn body_text(xml: &str, markup: &Markup) -> Result<String, Problem> {
    let mut reader = Reader::from_str(xml);
    let mut text = String::new();
    // Open elements that carry text, and open elements to skip, by depth.
    let mut in_text = 0usize;
    let mut skipping = 0usize;
    loop {
        match reader.read_event().map_err(damaged)? {
            Event::Start(e) => {
                let name = e.local_name();
                let name = name.as_ref();
                if skipping > 0 || markup.skip.contains(&name) {
                    skipping += 1;
                } else if markup.text.contains(&name) {
                    in_text += 1;
                }
            }
            Event::End(e) => {
                let name = e.local_name();
                let name = name.as_ref();
                if skipping > 0 {
                    skipping -= 1;
                    continue;
                }
                if markup.text.contains(&name) {
                    in_text = in_text.saturating_sub(1);
                }
                if markup.paragraph.contains(&name) {
                    text.push_str("\n\n");
                }
            }
            Event::Empty(e) if skipping == 0 => {
                let name = e.local_name();
                let name = name.as_ref();
                if name == markup.tab {
                    text.push('\t');
                } else if name == markup.line_break {
                    text.push('\n');
                } else if Some(name) == markup.spaces {
                    let count = e
                        .attributes()
                        .flatten()
                        .find(|a| a.key.local_name().as_ref() == "c")
                        .and_then(|a| a.value.trim().parse::<usize>().ok())
                        .unwrap_or(1)
                        .min(100);
                    text.extend(std::iter::repeat_n(' ', count));
                } else if markup.paragraph.contains(&name) {
                    text.push_str("\n\n");
                }
            }
            Event::Text(e) if skipping == 0 && in_text > 0 => {
                text.push_str(&e);
            }
            Event::CData(e) if skipping == 0 && in_text > 0 => {
                text.push_str(&e);
            }
            Event::GeneralRef(e) if skipping == 0 && in_text > 0 => {
                if let Some(c) = reference(&e) {
                    text.push(c);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(text)
}

/// The text of the first element with this local name (a title in the properties).
fn element_text(xml: &str, wanted: &str) -> Option<String> {
    let mut reader = Reader::from_str(xml);
    let mut inside = false;
    let mut text = String::new();
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) if e.local_name().as_ref() == wanted => inside = true,
            Event::End(e) if inside && e.local_name().as_ref() == wanted => return Some(text),
            Event::Text(e) if inside => text.push_str(&e),
            Event::GeneralRef(e) if inside => text.extend(reference(&e)),
            Event::Eof => return None,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{docx, zip_of};
    use super::*;

    #[test]
    fn a_word_document_keeps_its_paragraphs_and_drops_deleted_text() {
        let body = r#"<w:p><w:r><w:t>Удар по позициям</w:t></w:r><w:r><w:t xml:space="preserve"> near the airport</w:t></w:r></w:p>
<w:p><w:r><w:t>Washington said it was a mistake &amp; promised a review.</w:t></w:r><w:del><w:r><w:delText>Deleted words.</w:delText></w:r></w:del></w:p>
<w:p><w:r><w:t>قالت دمشق</w:t><w:tab/><w:t>إن الغارة متعمدة</w:t><w:br/><w:t>Second line.</w:t></w:r></w:p>"#;
        let article = from_docx(&docx(body, "Strike &amp; response")).expect("imports");
        assert_eq!(article.meta.title, "Strike & response");
        assert_eq!(
            article.text,
            "Удар по позициям near the airport\n\nWashington said it was a mistake & promised a review.\n\nقالت دمشق إن الغارة متعمدة\nSecond line."
        );
    }

    #[test]
    fn an_opendocument_text_keeps_headings_spaces_and_paragraphs() {
        let content = r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>
<text:h text:outline-level="1">Moscow blames Washington</text:h>
<text:p>The ministry said<text:s/>the strike <text:span>followed</text:span> a refusal to coordinate.<office:annotation><text:p>Reviewer comment.</text:p></office:annotation></text:p>
<text:p>It asked for a meeting<text:line-break/>of the Council.</text:p>
</office:text></office:body></office:document-content>"#;
        let bytes = zip_of(&[
            ("mimetype", "application/vnd.oasis.opendocument.text"),
            ("content.xml", content),
        ]);
        assert_eq!(
            super::super::Format::sniff(&bytes),
            super::super::Format::Odt
        );
        let article = from_odt(&bytes).expect("imports");
        assert_eq!(article.meta.title, "Moscow blames Washington");
        assert_eq!(
            article.text,
            "Moscow blames Washington\n\nThe ministry said the strike followed a refusal to coordinate.\n\nIt asked for a meeting\nof the Council."
        );
    }

    #[test]
    fn broken_archives_are_refused_with_a_reason() {
        assert!(matches!(
            from_docx(b"PK\x03\x04 not really"),
            Err(Problem::Damaged(_))
        ));
        let no_body = zip_of(&[("docProps/core.xml", "<x/>")]);
        assert!(
            matches!(from_docx(&no_body), Err(Problem::Damaged(r)) if r.contains("document.xml"))
        );
        let bad_xml = zip_of(&[("word/document.xml", "<w:document><w:body><w:p>")]);
        assert!(from_docx(&bad_xml).is_err());
    }
}
