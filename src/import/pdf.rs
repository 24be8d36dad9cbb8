//! PDF files: pdf-extract reads the text layer glyph by glyph with where each is drawn, and
//! [`super::pdf_layout`] rebuilds the text a reader sees from those positions (words, lines,
//! columns, paragraphs; running heads, feet and page numbers dropped). The title is the
//! document's own (Info dictionary or XMP) when it is plausible, else its first line.

use super::{ImportedArticle, Problem, normalize};
use crate::model::ArticleMeta;

pub fn from_pdf(bytes: &[u8]) -> Result<ImportedArticle, Problem> {
    if !bytes.starts_with(b"%PDF-") {
        return Err(Problem::Damaged("it does not start like a PDF".into()));
    }
    let encrypted = bytes.windows(8).any(|w| w == b"/Encrypt");
    // pdf-extract can panic on malformed files; a bad file must not take the app down (and
    // the whole read runs in the contained worker besides).
    let extracted = std::panic::catch_unwind(|| glyphs_of(bytes))
        .map_err(|_| Problem::Damaged("the PDF reader gave up on it".into()))?;
    let (glyphs, pages, info_title) = match extracted {
        Ok(found) => found,
        Err(_) if encrypted => return Err(Problem::Encrypted),
        Err(e) => return Err(Problem::Damaged(e)),
    };
    let text = normalize(&super::pdf_layout::paragraphs(&glyphs, &pages));
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
    let title = info_title
        .filter(|t| plausible_title(t))
        .unwrap_or_else(|| super::first_line(&text, false));
    Ok(ImportedArticle {
        meta: ArticleMeta {
            title,
            ..ArticleMeta::default()
        },
        text,
        encoding: "PDF text",
    })
}

/// Collects every glyph pdf-extract draws, with its place on its page.
struct Collector {
    glyphs: Vec<super::pdf_layout::Glyph>,
    pages: Vec<super::pdf_layout::Page>,
    page: u32,
    flip: pdf_extract::Transform,
}

impl pdf_extract::OutputDev for Collector {
    fn begin_page(
        &mut self,
        page: u32,
        media_box: &pdf_extract::MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), pdf_extract::OutputError> {
        self.page = page;
        let height = media_box.ury - media_box.lly;
        self.flip = pdf_extract::Transform::row_major(1.0, 0.0, 0.0, -1.0, 0.0, height);
        self.pages.push(super::pdf_layout::Page {
            number: page,
            height,
        });
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &pdf_extract::Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), pdf_extract::OutputError> {
        let position = trm.post_transform(&self.flip);
        // The font size as drawn: the side of the square as large as the scaled em box.
        let (sx, sy) = (
            font_size * (trm.m11 + trm.m21),
            font_size * (trm.m12 + trm.m22),
        );
        let size = (sx * sy).abs().sqrt();
        self.glyphs.push(super::pdf_layout::Glyph {
            page: self.page,
            x: position.m31,
            y: position.m32,
            width: width * size,
            size,
            text: text.to_owned(),
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
}

type Extracted = (
    Vec<super::pdf_layout::Glyph>,
    Vec<super::pdf_layout::Page>,
    Option<String>,
);

/// The glyphs and pages of a PDF, and the title its metadata gives.
fn glyphs_of(bytes: &[u8]) -> Result<Extracted, String> {
    let mut document = lopdf::Document::load_mem(bytes).map_err(|e| e.to_string())?;
    if document.is_encrypted() {
        document.decrypt("").map_err(|e| e.to_string())?;
    }
    let title = info_title(&document);
    spell_out_quote_operators(&mut document);
    let mut collector = Collector {
        glyphs: Vec::new(),
        pages: Vec::new(),
        page: 0,
        flip: pdf_extract::Transform::identity(),
    };
    pdf_extract::output_doc(&document, &mut collector).map_err(|e| e.to_string())?;
    Ok((collector.glyphs, collector.pages, title))
}

/// Rewrites the text operators `'` (next line, show) and `"` (set spacing, next line, show)
/// as the `T*`, `Tw`, `Tc` and `Tj` they stand for: pdf-extract reads neither, and
/// Ghostscript writes whole pages with them (their text came out missing).
fn spell_out_quote_operators(document: &mut lopdf::Document) {
    use lopdf::content::Operation;
    let pages: Vec<lopdf::ObjectId> = document.get_pages().values().copied().collect();
    for page in pages {
        let Ok(mut content) = document.get_and_decode_page_content(page) else {
            continue;
        };
        if !content
            .operations
            .iter()
            .any(|op| op.operator == "'" || op.operator == "\"")
        {
            continue;
        }
        let mut spelled = Vec::with_capacity(content.operations.len() + 16);
        for op in content.operations {
            match (op.operator.as_str(), op.operands.as_slice()) {
                ("'", [text]) => {
                    spelled.push(Operation::new("T*", vec![]));
                    spelled.push(Operation::new("Tj", vec![text.clone()]));
                }
                ("\"", [word, character, text]) => {
                    spelled.push(Operation::new("Tw", vec![word.clone()]));
                    spelled.push(Operation::new("Tc", vec![character.clone()]));
                    spelled.push(Operation::new("T*", vec![]));
                    spelled.push(Operation::new("Tj", vec![text.clone()]));
                }
                _ => spelled.push(op),
            }
        }
        content.operations = spelled;
        if let Ok(bytes) = content.encode() {
            let _ = document.change_page_content(page, bytes);
        }
    }
}

/// The document's own title: the Info dictionary's, else the XMP metadata's dc:title.
fn info_title(document: &lopdf::Document) -> Option<String> {
    let from_info = document
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|info| match info {
            lopdf::Object::Reference(id) => document.get_dictionary(*id).ok(),
            lopdf::Object::Dictionary(d) => Some(d),
            _ => None,
        })
        .and_then(|info| info.get(b"Title").ok())
        .and_then(|title| lopdf::decode_text_string(title).ok());
    from_info.or_else(|| {
        let catalog = document.catalog().ok()?;
        let id = catalog.get(b"Metadata").ok()?.as_reference().ok()?;
        let stream = document.get_object(id).ok()?.as_stream().ok()?;
        let xml = String::from_utf8_lossy(&stream.content).into_owned();
        let start = xml.find("<dc:title")?;
        let li = xml[start..].find("<rdf:li")? + start;
        let open = xml[li..].find('>')? + li + 1;
        let close = xml[open..].find("</rdf:li>")? + open;
        Some(xml[open..close].trim().to_owned())
    })
}

/// Whether a metadata title names the article (not "Untitled", not the file it was made
/// from, not the word processor's "Microsoft Word - draft.docx").
fn plausible_title(title: &str) -> bool {
    let t = title.trim();
    let lower = t.to_lowercase();
    t.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && t.chars().count() <= 300
        && !lower.starts_with("untitled")
        && !lower.starts_with("microsoft word")
        && ![
            ".doc", ".docx", ".pdf", ".odt", ".rtf", ".indd", ".tex", ".html",
        ]
        .iter()
        .any(|ext| lower.ends_with(ext))
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

/// The line without its trailing hyphen, when it breaks a word that the next line goes on.
pub(super) fn hyphenated<'a>(line: &'a str, next: &str) -> Option<&'a str> {
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

    use super::super::fixtures::{PdfLine, pdf_laid_out};

    /// Lines at the left margin, one under the other, `leading` apart from `top`.
    fn column(
        x: f64,
        top: f64,
        leading: f64,
        lines: &[(&'static str, f64)],
    ) -> Vec<PdfLine<'static>> {
        lines
            .iter()
            .enumerate()
            .map(|(i, (text, tw))| PdfLine {
                x,
                y: top + leading * i as f64,
                size: 10.0,
                word_spacing: *tw,
                text,
            })
            .collect()
    }

    fn paragraphs(article: &ImportedArticle) -> Vec<&str> {
        article.text.split("\n\n").collect()
    }

    #[test]
    fn justified_gaps_are_single_spaces_so_find_finds_every_occurrence() {
        let page = column(
            72.0,
            100.0,
            13.0,
            &[
                (
                    "Russia says 62 soldiers were killed in the strike near",
                    4.5,
                ),
                (
                    "the airport, and Damascus repeated it: Russia says 62 is",
                    6.0,
                ),
                ("only the first count.", 0.0),
            ],
        );
        let article = from_pdf(&pdf_laid_out(&[page], None)).expect("reads");
        assert_eq!(
            article.text.matches("Russia says 62").count(),
            2,
            "{}",
            article.text
        );
        assert!(!article.text.contains("  "), "{}", article.text);
    }

    /// A printed article: justified lines, each paragraph's last line short and ended by a
    /// full stop, the next indented; the lines of a paragraph are never paragraphs.
    #[test]
    fn paragraphs_are_rebuilt_from_the_layout() {
        let mut lines = Vec::new();
        let mut y = 90.0;
        for n in 0..17 {
            for (i, text) in [
                "Officials in three capitals gave different accounts of the raid on",
                "the hill, and each of them named a different cause for what had",
                "happened to the soldiers.",
            ]
            .iter()
            .enumerate()
            {
                let _ = n;
                lines.push(PdfLine {
                    x: if i == 0 { 90.0 } else { 72.0 },
                    y,
                    size: 10.0,
                    word_spacing: if i == 2 { 0.0 } else { 1.5 },
                    text,
                });
                y += 13.0;
            }
        }
        // Two pages of it, the rest on the second.
        let (first, second): (Vec<_>, Vec<_>) = lines.into_iter().partition(|l| l.y < 700.0);
        let second: Vec<PdfLine> = second
            .into_iter()
            .map(|l| PdfLine {
                y: l.y - 610.0,
                ..l
            })
            .collect();
        let article = from_pdf(&pdf_laid_out(&[first, second], None)).expect("reads");
        let found = paragraphs(&article);
        assert_eq!(found.len(), 17, "{}", article.text);
        assert!(
            found
                .iter()
                .all(|p| p.starts_with("Officials") && p.ends_with("soldiers."))
        );
    }

    #[test]
    fn running_heads_and_page_numbers_are_dropped_and_a_paragraph_goes_on_across_pages() {
        let page = |n: usize, body: &[(&'static str, f64)]| {
            let mut lines = vec![
                PdfLine {
                    x: 72.0,
                    y: 40.0,
                    size: 9.0,
                    word_spacing: 0.0,
                    text: "The Meridian Wire",
                },
                PdfLine {
                    x: 290.0,
                    y: 770.0,
                    size: 9.0,
                    word_spacing: 0.0,
                    text: ["Sayfa 1", "Sayfa 2", "Sayfa 3"][n],
                },
            ];
            lines.extend(column(72.0, 600.0, 13.0, body));
            lines
        };
        let pages = [
            page(
                0,
                &[(
                    "The first page ends in the middle of a sentence: Syrian",
                    2.0,
                )],
            ),
            page(
                1,
                &[(
                    "troops might be under fire from both sides of the river",
                    2.0,
                )],
            ),
            page(2, &[("until the talks resume.", 0.0)]),
        ];
        let article = from_pdf(&pdf_laid_out(&pages, None)).expect("reads");
        assert!(
            !article.text.contains("Meridian") && !article.text.contains("Sayfa"),
            "{}",
            article.text
        );
        assert!(
            article.text.contains("Syrian troops might be under fire"),
            "{}",
            article.text
        );
    }

    /// Ghostscript writes lines with `'` and `"`; pdf-extract alone drops them.
    #[test]
    fn lines_shown_with_the_quote_operators_are_read() {
        let content = "BT /F1 11 Tf 14 TL 72 740 Td (The ministry said on Sunday that the strike) Tj (was no accident, and that the coalition had known) ' 2 0 (where the army held its lines on the hill.) \" ET";
        let pdf = super::super::fixtures::pdf_of(&[
            "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_owned(),
            format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
            "<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>".to_owned(),
        ]);
        let article = from_pdf(&pdf).expect("reads");
        assert!(
            article.text.contains("was no accident, and that the coalition had known where the army held its lines on the hill."),
            "{}",
            article.text
        );
    }

    #[test]
    fn hyphens_at_line_ends_stay_when_real_and_go_when_soft() {
        let page = column(
            72.0,
            100.0,
            13.0,
            &[
                ("The coalition flew F-", 0.0),
                ("16s over the positions of al-", 0.0),
                ("Nusra, the ministry's state-", 0.0),
                ("ment said.", 0.0),
            ],
        );
        let article = from_pdf(&pdf_laid_out(&[page], None)).expect("reads");
        assert!(article.text.contains("F-16s"), "{}", article.text);
        assert!(article.text.contains("al-Nusra"), "{}", article.text);
        assert!(article.text.contains("statement said"), "{}", article.text);
    }

    #[test]
    fn the_title_comes_from_the_metadata_when_plausible_else_a_first_line_cut_at_a_word() {
        let page = || {
            column(
                72.0,
                100.0,
                13.0,
                &[
                    ("Moscow blames Washington for the raid", 0.0),
                    ("near the airport.", 0.0),
                ],
            )
        };
        let titled = from_pdf(&pdf_laid_out(
            &[page()],
            Some("Deir ez-Zor raid: three accounts"),
        ))
        .expect("reads");
        assert_eq!(titled.meta.title, "Deir ez-Zor raid: three accounts");
        let word = from_pdf(&pdf_laid_out(
            &[page()],
            Some("Microsoft Word - draft7.docx"),
        ))
        .expect("reads");
        assert!(
            word.meta.title.starts_with("Moscow blames"),
            "{}",
            word.meta.title
        );
    }

    #[test]
    fn two_columns_are_read_one_after_the_other_even_when_drawn_line_by_line() {
        let left = [
            "Left column one begins the story of the",
            "raid and ends its first part here.",
            "Left column goes on with the second",
            "part of the account of the strike.",
        ];
        let right = [
            "Right column takes it up with the reply",
            "from the ministry in the capital city.",
            "Right column ends with the last word",
            "from the monitor in the province.",
        ];
        let mut page = Vec::new();
        for i in 0..4 {
            for (x, text) in [(72.0, left[i]), (330.0, right[i])] {
                page.push(PdfLine {
                    x,
                    y: 100.0 + 13.0 * i as f64,
                    size: 10.0,
                    word_spacing: 0.0,
                    text,
                });
            }
        }
        let article = from_pdf(&pdf_laid_out(&[page], None)).expect("reads");
        let text = &article.text;
        let (l, r) = (
            text.find("Left column goes on").expect("left"),
            text.find("Right column takes").expect("right"),
        );
        assert!(l < r, "column by column: {text}");
    }
}
