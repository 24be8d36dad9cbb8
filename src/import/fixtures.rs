//! Small documents built in code, for tests and fuzzing: a PDF with a text layer, Word and
//! OpenDocument files. The project ships no binary fixtures; these are made from text it
//! wrote.

use std::fmt::Write as _;
use std::io::Write as _;

/// A zip archive of these parts (test documents are built, not shipped).
pub fn zip_of(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut writer = zip::ZipWriter::new(&mut out);
    let options = zip::write::SimpleFileOptions::default();
    for (name, content) in parts {
        writer.start_file(*name, options).expect("start");
        writer.write_all(content.as_bytes()).expect("write");
    }
    writer.finish().expect("finish");
    out.into_inner()
}

pub fn docx(paragraphs: &str, title: &str) -> Vec<u8> {
    zip_of(&[
        ("[Content_Types].xml", "<Types/>"),
        (
            "word/document.xml",
            &format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{paragraphs}</w:body></w:document>"#
            ),
        ),
        (
            "docProps/core.xml",
            &format!(
                r#"<?xml version="1.0"?><cp:coreProperties xmlns:cp="x" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{title}</dc:title></cp:coreProperties>"#
            ),
        ),
    ])
}

/// A one-page PDF showing these lines in Helvetica (test files are built, not shipped).
pub fn pdf_with_lines(lines: &[&str]) -> Vec<u8> {
    let mut content = String::from("BT /F1 11 Tf 14 TL 72 740 Td\n");
    for line in lines {
        let escaped = line
            .replace('\\', "\\\\")
            .replace('(', "\\(")
            .replace(')', "\\)");
        let _ = writeln!(content, "({escaped}) Tj T*");
    }
    content.push_str("ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_owned(),
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_owned(),
    ];
    pdf_of(&objects)
}

/// A line of a laid-out page: its left end and baseline (from the top of a 612×792 page),
/// font size, word spacing (`Tw`, to justify) and text.
#[derive(Clone, Copy, Debug)]
pub struct PdfLine<'a> {
    pub x: f64,
    pub y: f64,
    pub size: f64,
    pub word_spacing: f64,
    pub text: &'a str,
}

/// A PDF of pages of lines placed where given (Helvetica), with a metadata title if any.
pub fn pdf_laid_out(pages: &[Vec<PdfLine>], title: Option<&str>) -> Vec<u8> {
    let escape = |t: &str| {
        t.replace('\\', "\\\\")
            .replace('(', "\\(")
            .replace(')', "\\)")
    };
    let mut objects = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        String::new(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_owned(),
    ];
    let mut kids = Vec::new();
    for page in pages {
        let mut content = String::new();
        for line in page {
            let _ = writeln!(
                content,
                "BT /F1 {} Tf {} Tw 1 0 0 1 {} {} Tm ({}) Tj ET",
                line.size,
                line.word_spacing,
                line.x,
                792.0 - line.y,
                escape(line.text)
            );
        }
        let content_id = objects.len() + 2;
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {content_id} 0 R /Resources << /Font << /F1 3 0 R >> >> >>"
        ));
        kids.push(format!("{} 0 R", objects.len()));
        objects.push(format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len()
        ));
    }
    objects[1] = format!(
        "<< /Type /Pages /Kids [{}] /Count {} >>",
        kids.join(" "),
        kids.len()
    );
    let mut pdf = pdf_of(&objects);
    if let Some(title) = title {
        // An Info dictionary as one more object, named in the trailer.
        let info = objects.len() + 1;
        let mut with_info = objects.clone();
        with_info.push(format!(
            "<< /Title ({}) /Producer (a word processor) >>",
            escape(title)
        ));
        pdf = pdf_of(&with_info);
        let marked = String::from_utf8_lossy(&pdf)
            .replace("/Root 1 0 R", &format!("/Root 1 0 R /Info {info} 0 R"));
        pdf = marked.into_bytes();
    }
    pdf
}

/// A PDF whose page tree loops: the root's only kid is a node whose kid is the root again,
/// so no page is ever reached (a damaged file, not a scanned one).
pub fn pdf_with_looping_page_tree() -> Vec<u8> {
    pdf_of(&[
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>".to_owned(),
    ])
}

/// A PDF of these objects (numbered from 1, the first the catalog), with its cross-reference
/// table.
pub fn pdf_of(objects: &[String]) -> Vec<u8> {
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (n, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend(format!("{} 0 obj\n{object}\nendobj\n", n + 1).bytes());
    }
    let xref = pdf.len();
    pdf.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for offset in offsets {
        pdf.extend(format!("{offset:010} 00000 n \n").bytes());
    }
    pdf.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .bytes(),
    );
    pdf
}

/// An OpenDocument text with these paragraphs (plain text, no markup).
pub fn odt(paragraphs: &[&str], title: &str) -> Vec<u8> {
    let body: String = paragraphs.iter().fold(String::new(), |mut body, p| {
        let _ = write!(body, "<text:p>{}</text:p>", escape(p));
        body
    });
    zip_of(&[
        ("mimetype", "application/vnd.oasis.opendocument.text"),
        (
            "content.xml",
            &format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>{body}</office:text></office:body></office:document-content>"#
            ),
        ),
        (
            "meta.xml",
            &format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><office:meta><dc:title>{}</dc:title></office:meta></office:document-meta>"#,
                escape(title)
            ),
        ),
    ])
}

/// A Word document with these paragraphs (plain text, no markup).
pub fn docx_of(paragraphs: &[&str], title: &str) -> Vec<u8> {
    let body: String = paragraphs.iter().fold(String::new(), |mut body, p| {
        let _ = write!(body, "<w:p><w:r><w:t>{}</w:t></w:r></w:p>", escape(p));
        body
    });
    docx(&body, &escape(title))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
