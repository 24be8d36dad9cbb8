//! PDF files: the text layer is read with pdf-extract, then the lines are joined back into
//! paragraphs: words broken by a hyphen at a line end are rejoined, lines inside a paragraph
//! are joined with a space, and page numbers standing alone are dropped.

use super::{ImportedArticle, Problem, normalize};
use crate::model::ArticleMeta;

pub fn from_pdf(bytes: &[u8]) -> Result<ImportedArticle, Problem> {
    if !bytes.starts_with(b"%PDF-") {
        return Err(Problem::Damaged("it does not start like a PDF".into()));
    }
    let encrypted = bytes.windows(8).any(|w| w == b"/Encrypt");
    // pdf-extract can panic on malformed files; a bad file must not take the app down.
    let extracted = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem(bytes))
        .map_err(|_| Problem::Damaged("the PDF reader gave up on it".into()))?;
    let raw = match extracted {
        Ok(text) => text,
        Err(_) if encrypted => return Err(Problem::Encrypted),
        Err(e) => return Err(Problem::Damaged(e.to_string())),
    };
    let text = rejoin(&normalize(&raw.replace('\u{c}', "\n")));
    if text.trim().is_empty() {
        if encrypted {
            return Err(Problem::Encrypted);
        }
        // No text: scanned pages, or no pages reached at all (a damaged page tree).
        return Err(match page_tree_problem(bytes) {
            Some(reason) => Problem::Damaged(reason),
            None => Problem::NoTextLayer,
        });
    }
    Ok(ImportedArticle {
        meta: ArticleMeta {
            title: super::first_line(&text, false),
            ..ArticleMeta::default()
        },
        text,
        encoding: "PDF text",
    })
}

/// What is wrong with a PDF's page tree, if anything: it loops, points to objects the file
/// does not have, or reaches no page. (A file whose pages are all images is fine here: it is
/// scanned, not damaged.)
fn page_tree_problem(bytes: &[u8]) -> Option<String> {
    use lopdf::Object;
    let Ok(document) = lopdf::Document::load_mem(bytes) else {
        return Some("its structure cannot be read".into());
    };
    let root = document
        .catalog()
        .ok()
        .and_then(|catalog| catalog.get(b"Pages").ok())
        .and_then(|pages| pages.as_reference().ok());
    let Some(root) = root else {
        return Some("it has no page tree".into());
    };
    let mut seen = std::collections::HashSet::new();
    let mut stack = vec![root];
    let mut pages = 0usize;
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            return Some("its page tree loops back on itself".into());
        }
        let Ok(node) = document.get_dictionary(id) else {
            return Some("its page tree points to objects the file does not have".into());
        };
        if node.get(b"Type").and_then(Object::as_name).ok() == Some(b"Page".as_slice()) {
            pages += 1;
            continue;
        }
        if let Ok(kids) = node.get(b"Kids").and_then(Object::as_array) {
            stack.extend(kids.iter().filter_map(|kid| kid.as_reference().ok()));
        }
    }
    (pages == 0).then(|| "its page tree holds no pages".into())
}

/// Lines as a PDF lays them out, joined back into paragraphs. A blank line ends a
/// paragraph; so does a line clearly shorter than the others that ends a sentence.
pub fn rejoin(text: &str) -> String {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|line| !is_page_number(line))
        .collect();
    let mut lengths: Vec<usize> = lines
        .iter()
        .map(|l| l.chars().count())
        .filter(|n| *n > 0)
        .collect();
    lengths.sort_unstable();
    let typical = lengths.get(lengths.len() * 4 / 5).copied().unwrap_or(0);

    let mut out = String::with_capacity(text.len());
    let mut paragraph_open = false;
    let mut previous: Option<&str> = None;
    for line in lines {
        if line.is_empty() {
            paragraph_open = false;
            previous = None;
            continue;
        }
        if paragraph_open && let Some(before) = previous {
            if ends_paragraph(before, typical) {
                out.push_str("\n\n");
            } else if let Some(stem) = hyphenated(before, line) {
                // "coordi-" + "nation" → "coordination".
                out.truncate(out.len() - before.len());
                out.push_str(stem);
            } else {
                out.push(' ');
            }
        } else if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(line);
        paragraph_open = true;
        previous = Some(line);
    }
    out
}

fn is_page_number(line: &str) -> bool {
    !line.is_empty() && line.len() <= 4 && line.chars().all(|c| c.is_ascii_digit())
}

/// A line that ends a sentence well short of the usual width ends its paragraph.
fn ends_paragraph(line: &str, typical: usize) -> bool {
    let ends_sentence = line.ends_with(['.', '!', '?', ':', '"', '”', '»', '؟']);
    ends_sentence && typical > 20 && line.chars().count() * 10 < typical * 7
}

/// The line without its trailing hyphen, when it breaks a word that the next line goes on.
fn hyphenated<'a>(line: &'a str, next: &str) -> Option<&'a str> {
    let stem = line.strip_suffix('-')?;
    let before = stem.chars().next_back()?;
    let after = next.chars().next()?;
    (before.is_alphabetic() && after.is_lowercase()).then_some(stem)
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::pdf_with_lines;
    use super::*;

    #[test]
    fn lines_are_joined_into_paragraphs_and_hyphenation_is_undone() {
        let pdf = pdf_with_lines(&[
            "Strike near the airport",
            "",
            "Coalition aircraft struck positions near the airport on Saturday, offi-",
            "cials in three capitals said, each telling a different story about what",
            "had happened and why the coordination line was not used.",
            "",
            "Washington called the strike a mistake and said its pilots had believed",
            "they were attacking fighters of the Islamic State near the hills south",
            "of the city. A review was promised.",
            "Moscow said the strike showed what happens when the coalition refuses to",
            "share its targets with the Russian command at the air base in Latakia.",
            "",
            "2",
        ]);
        let article = from_pdf(&pdf).expect("imports");
        assert_eq!(article.meta.title, "Strike near the airport");
        let paragraphs: Vec<&str> = article.text.split("\n\n").collect();
        assert_eq!(paragraphs[0], "Strike near the airport");
        assert!(
            paragraphs[1].starts_with("Coalition aircraft struck positions near the airport on Saturday, officials in three capitals said,"),
            "{}", article.text
        );
        assert!(!article.text.contains("offi-"), "{}", article.text);
        assert!(
            paragraphs.iter().any(
                |p| p.starts_with("Washington called") && p.ends_with("A review was promised.")
            ),
            "{}",
            article.text
        );
        assert!(
            paragraphs.iter().any(|p| p.starts_with("Moscow said")),
            "{}",
            article.text
        );
        assert!(
            !article.text.ends_with('2'),
            "page number dropped: {}",
            article.text
        );
    }

    #[test]
    fn an_encrypted_pdf_says_so() {
        let pdf = pdf_with_lines(&["Secret text"]);
        let text = String::from_utf8_lossy(&pdf).replace(
            "/Root 1 0 R",
            "/Root 1 0 R /Encrypt << /Filter /Standard /V 2 /R 3 /O (0123456789abcdef0123456789abcdef) /U (0123456789abcdef0123456789abcdef) /P -4 >> /ID [(a) (b)]",
        );
        assert_eq!(from_pdf(text.as_bytes()), Err(Problem::Encrypted));
    }

    #[test]
    fn a_pdf_without_text_and_a_broken_pdf_say_so() {
        assert_eq!(from_pdf(&pdf_with_lines(&[])), Err(Problem::NoTextLayer));
        assert!(matches!(
            from_pdf(b"%PDF-1.4\nthis is no pdf at all"),
            Err(Problem::Damaged(_))
        ));
        assert!(matches!(from_pdf(b"hello"), Err(Problem::Damaged(_))));
    }

    #[test]
    fn a_page_tree_that_loops_is_damaged_not_scanned() {
        let looping = super::super::fixtures::pdf_with_looping_page_tree();
        match from_pdf(&looping) {
            Err(Problem::Damaged(reason)) => assert!(reason.contains("loops"), "{reason}"),
            other => panic!("not called damaged: {other:?}"),
        }
        // A real page with no text on it is still a scan to run OCR on.
        assert_eq!(from_pdf(&pdf_with_lines(&[])), Err(Problem::NoTextLayer));
    }

    #[test]
    fn rejoining_keeps_short_headings_and_breaks_only_real_hyphenation() {
        let text = "Heading\n\nA long line of running text that goes on and on to the arrange-\nment at the end of the column and then some more words\nthat continue the same sentence to its very end.\nShort end.\nNext paragraph starts here and runs as long as the others do in print.\nCeasefire talks - Geneva -\nMonday";
        let joined = rejoin(text);
        assert!(joined.starts_with("Heading\n\nA long line"), "{joined}");
        assert!(joined.contains("the arrangement at the end"), "{joined}");
        // A dash before a capital is no broken word.
        assert!(joined.contains("Geneva - Monday"), "{joined}");
        assert!(
            joined.contains("column and then some more words that continue"),
            "{joined}"
        );
        assert!(joined.contains("Short end.\n\nNext paragraph"), "{joined}");
    }
}
