//! Turning files into articles: plain text, Markdown, saved web pages, PDF, Word (.docx)
//! and OpenDocument (.odt) files.
//!
//! Text is normalized once, here, so that offsets into it stay stable: a byte-order mark is
//! dropped, line endings become `\n`, and trailing whitespace at the end goes.

#[doc(hidden)]
pub mod fixtures;
mod html;
mod markdown;
mod office;
mod pdf;
mod pdf_layout;

pub mod contained;

use std::path::{Path, PathBuf};

use crate::model::ArticleMeta;

pub use html::parse_date;

/// Articles larger than this are refused with a message.
pub const MAX_ARTICLE_BYTES: u64 = 20 * 1024 * 1024;

/// Titles taken from a first line are cut at this many characters.
const MAX_TITLE_CHARS: usize = 200;

/// File extensions offered in the open dialog and imported from folders.
pub const ARTICLE_EXTENSIONS: [&str; 10] = [
    "txt", "text", "md", "markdown", "html", "htm", "xhtml", "pdf", "docx", "odt",
];

/// What kind of file an article comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Pdf,
    Docx,
    Odt,
}

impl Format {
    /// The format by the file's extension, else by its first bytes.
    pub fn of(path: &Path, bytes: &[u8]) -> Self {
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        match extension.as_str() {
            "md" | "markdown" => Self::Markdown,
            "html" | "htm" | "xhtml" => Self::Html,
            "pdf" => Self::Pdf,
            "docx" => Self::Docx,
            "odt" => Self::Odt,
            "txt" | "text" => Self::Text,
            _ => Self::sniff(bytes),
        }
    }

    /// The format by the first bytes (for files without a known extension).
    pub fn sniff(bytes: &[u8]) -> Self {
        if bytes.starts_with(b"%PDF-") {
            return Self::Pdf;
        }
        if bytes.starts_with(b"PK\x03\x04")
            && let Ok(archive) = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        {
            let has = |name: &str| archive.file_names().any(|n| n == name);
            if has("word/document.xml") {
                return Self::Docx;
            }
            if has("content.xml") {
                return Self::Odt;
            }
        }
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
        let head = head.trim_start_matches('\u{feff}').trim_start();
        if head.starts_with("<!doctype html") || head.starts_with("<html") {
            return Self::Html;
        }
        Self::Text
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Markdown => "Markdown",
            Self::Html => "web page",
            Self::Pdf => "PDF",
            Self::Docx => "Word document",
            Self::Odt => "OpenDocument text",
        }
    }
}

/// An article read from a file, not yet in any session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedArticle {
    pub meta: ArticleMeta,
    pub text: String,
    /// The text encoding the file was decoded from.
    pub encoding: &'static str,
}

/// Why a file could not become an article.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{path}: cannot read it ({source})")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}: is a folder, not a file")]
    Folder(PathBuf),
    #[error("{path}: too large ({size} bytes; the limit is {MAX_ARTICLE_BYTES} bytes)")]
    TooLarge { path: PathBuf, size: u64 },
    #[error("{0}: the file is empty")]
    Empty(PathBuf),
    #[error("{0}: not a text file (it looks binary)")]
    Binary(PathBuf),
    #[error("{0}: not text in any encoding Rashomon can recognise")]
    UnknownEncoding(PathBuf),
    #[error("{0}: no article text found in the page")]
    NoArticle(PathBuf),
    #[error("{0}: the PDF is encrypted; save an unprotected copy and open that")]
    Encrypted(PathBuf),
    #[error(
        "{0}: the PDF has no text layer (scanned pages?); run it through OCR first, then open it"
    )]
    NoTextLayer(PathBuf),
    #[error(
        "{path}: the page is too large to read ({found} elements; Rashomon reads pages of up to {limit}). Save the article alone (the browser's reader view, or its print view) and open that"
    )]
    TooManyElements {
        path: PathBuf,
        found: usize,
        limit: usize,
    },
    #[error("the clipboard: {0}")]
    Clipboard(String),
    #[error("{path}: not a readable {format} ({reason})")]
    Damaged {
        path: PathBuf,
        format: &'static str,
        reason: String,
    },
    #[error(
        "{path}: too large once decompressed (reading it needs more than {megabytes} MB of memory); it was not read"
    )]
    TooLargeInMemory { path: PathBuf, megabytes: u64 },
    #[error("{path}: took too long to read (over {seconds} s); it was not read")]
    TookTooLong { path: PathBuf, seconds: u64 },
    #[error("{0}: its structure is nested too deeply to read")]
    NestedTooDeeply(PathBuf),
    #[error("{path}: the reader failed on it ({reason})")]
    ReaderFailed { path: PathBuf, reason: String },
    /// What the contained reader said (its message names the file).
    #[error("{message}")]
    Refused { path: PathBuf, message: String },
}

/// The text on the clipboard as a new article (titled by its first line).
pub fn from_clipboard() -> Result<ImportedArticle, ImportError> {
    let text = arboard::Clipboard::new()
        .and_then(|mut clipboard| clipboard.get_text())
        .map_err(|e| ImportError::Clipboard(format!("cannot read it ({e})")))?;
    clipboard_article(&text)
}

/// An article from pasted text.
pub fn clipboard_article(text: &str) -> Result<ImportedArticle, ImportError> {
    if text.len() as u64 > MAX_ARTICLE_BYTES {
        return Err(ImportError::Clipboard(format!(
            "it holds more than {MAX_ARTICLE_BYTES} bytes of text"
        )));
    }
    let text = normalize(text);
    if text.trim().is_empty() {
        return Err(ImportError::Clipboard("it holds no text".into()));
    }
    let stamp = chrono::Local::now().format("%Y-%m-%d %H:%M");
    Ok(ImportedArticle {
        meta: ArticleMeta {
            title: first_line(&text, false),
            source: format!("clipboard, {stamp}"),
            ..ArticleMeta::default()
        },
        text,
        encoding: "UTF-8",
    })
}

/// The files to import for these paths: a file as given, a folder as the article files
/// directly in it (by extension, in name order).
pub fn expand_paths(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for path in paths {
        if !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        let Ok(entries) = std::fs::read_dir(path) else {
            // Reading it as a file gives the user the reason.
            files.push(path.clone());
            continue;
        };
        let mut found: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|file| file.is_file() && is_article_file(file))
            .collect();
        found.sort();
        files.extend(found);
    }
    files
}

/// Whether the file's extension is one Rashomon reads as an article.
pub fn is_article_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ARTICLE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Reads an article file: text, Markdown, a saved web page, a PDF, a Word or OpenDocument
/// file (by extension, else by content).
pub fn import_file(path: &Path) -> Result<ImportedArticle, ImportError> {
    let bytes = read_limited(path)?;
    let format = Format::of(path, &bytes);
    let mut article =
        import_format(&bytes, format).map_err(|problem| problem.in_file(path, format))?;
    article.meta.source = path.display().to_string();
    if article.meta.title.is_empty() {
        article.meta.title = path
            .file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    }
    Ok(article)
}

/// What is wrong with a file's bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    Empty,
    Binary,
    Encoding,
    /// A web page with no article text in it.
    NoArticle,
    Encrypted,
    /// A PDF with pages but no text on them.
    NoTextLayer,
    /// The file is not what its format says (a broken PDF, a zip that is no document).
    Damaged(String),
    /// A web page whose containers nest deeper than any real page (built to hang parsers).
    NestedTooDeeply,
    /// A web page with more elements than are read.
    TooManyElements {
        found: usize,
        limit: usize,
    },
}

impl Problem {
    /// The problem as the user reads it: with the file's name.
    fn in_file(self, path: &Path, format: Format) -> ImportError {
        let path = path.to_owned();
        match self {
            Self::Empty => ImportError::Empty(path),
            Self::Binary => ImportError::Binary(path),
            Self::Encoding => ImportError::UnknownEncoding(path),
            Self::NoArticle => ImportError::NoArticle(path),
            Self::Encrypted => ImportError::Encrypted(path),
            Self::NoTextLayer => ImportError::NoTextLayer(path),
            Self::Damaged(reason) => ImportError::Damaged {
                path,
                format: format.name(),
                reason,
            },
            Self::TooManyElements { found, limit } => {
                ImportError::TooManyElements { path, found, limit }
            }
            Self::NestedTooDeeply => ImportError::NestedTooDeeply(path),
        }
    }
}

/// Reads an article's bytes in the given format.
pub fn import_format(bytes: &[u8], format: Format) -> Result<ImportedArticle, Problem> {
    if bytes.is_empty() {
        return Err(Problem::Empty);
    }
    let article = match format {
        Format::Text => import_bytes(bytes, false),
        Format::Markdown => markdown::from_markdown(bytes),
        Format::Html => html::from_html(bytes),
        Format::Pdf => pdf::from_pdf(bytes),
        Format::Docx => office::from_docx(bytes),
        Format::Odt => office::from_odt(bytes),
    }?;
    checked(article)
}

fn checked(mut article: ImportedArticle) -> Result<ImportedArticle, Problem> {
    if article.text.len() as u64 > MAX_ARTICLE_BYTES {
        return Err(Problem::Damaged(format!(
            "its text is over the limit of {MAX_ARTICLE_BYTES} bytes"
        )));
    }
    article.meta.encoding = article.encoding.to_owned();
    Ok(article)
}

/// The encodings a text file can be read again in (File › Article › Read again as), by
/// their WHATWG names.
pub const ENCODINGS: [&str; 17] = [
    "UTF-8",
    "UTF-16LE",
    "UTF-16BE",
    "windows-1251",
    "KOI8-R",
    "ISO-8859-5",
    "windows-1256",
    "ISO-8859-6",
    "windows-1252",
    "windows-1250",
    "ISO-8859-2",
    "windows-1253",
    "ISO-8859-7",
    "windows-1254",
    "windows-1255",
    "ISO-8859-8",
    "Shift_JIS",
];

/// Reads a text, Markdown or web-page file again, decoding it as `encoding` (a WHATWG
/// label) whatever its bytes suggest: for when the guess was wrong.
pub fn import_file_as(path: &Path, encoding: &str) -> Result<ImportedArticle, ImportError> {
    let damaged = |reason: String| ImportError::Damaged {
        path: path.to_owned(),
        format: "text file",
        reason,
    };
    let Some(chosen) = encoding_rs::Encoding::for_label(encoding.as_bytes()) else {
        return Err(damaged(format!("{encoding} is no encoding Rashomon knows")));
    };
    let bytes = read_limited(path)?;
    let format = Format::of(path, &bytes);
    if !matches!(format, Format::Text | Format::Markdown | Format::Html) {
        return Err(damaged(format!(
            "a {} is not read in a text encoding",
            format.name()
        )));
    }
    let (text, _, _) = chosen.decode(&bytes);
    let result = match format {
        Format::Markdown => markdown::from_markdown_text(&text, chosen.name()),
        Format::Html => html::from_html_text(&text, chosen.name()),
        _ => text_article(&text, chosen.name()),
    };
    let mut article = result
        .and_then(checked)
        .map_err(|problem| problem.in_file(path, format))?;
    article.meta.source = path.display().to_string();
    Ok(article)
}

fn read_limited(path: &Path) -> Result<Vec<u8>, ImportError> {
    let io_error = |source| ImportError::Io {
        path: path.to_owned(),
        source,
    };
    let metadata = std::fs::metadata(path).map_err(io_error)?;
    if metadata.is_dir() {
        return Err(ImportError::Folder(path.to_owned()));
    }
    if metadata.len() > MAX_ARTICLE_BYTES {
        return Err(ImportError::TooLarge {
            path: path.to_owned(),
            size: metadata.len(),
        });
    }
    std::fs::read(path).map_err(io_error)
}

/// Decodes and normalizes an article's bytes; the title is its first line. With `markdown`,
/// the Markdown is turned into readable text.
pub fn import_bytes(bytes: &[u8], markdown: bool) -> Result<ImportedArticle, Problem> {
    if markdown {
        return markdown::from_markdown(bytes);
    }
    let (text, encoding) = decode(bytes)?;
    text_article(&text, encoding)
}

/// Plain text already decoded.
fn text_article(text: &str, encoding: &'static str) -> Result<ImportedArticle, Problem> {
    let text = normalize(text);
    if text.trim().is_empty() {
        return Err(Problem::Empty);
    }
    Ok(ImportedArticle {
        meta: ArticleMeta {
            title: first_line(&text, false),
            ..ArticleMeta::default()
        },
        text,
        encoding,
    })
}

/// The first non-blank line, as a title (without Markdown's heading marks).
fn first_line(text: &str, markdown: bool) -> String {
    text.lines()
        .map(str::trim)
        .find(|line| !line.is_empty())
        .map(|line| {
            if markdown {
                line.trim_start_matches('#').trim()
            } else {
                line
            }
        })
        .map(cut_at_word)
        .unwrap_or_default()
}

/// A title of at most [`MAX_TITLE_CHARS`] characters, cut at a word ("…" where cut).
fn cut_at_word(line: &str) -> String {
    if line.chars().count() <= MAX_TITLE_CHARS {
        return line.to_owned();
    }
    let head: String = line.chars().take(MAX_TITLE_CHARS - 1).collect();
    let cut = match head.rfind(char::is_whitespace) {
        Some(space) if space > head.len() / 2 => &head[..space],
        _ => head.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

/// An article from its text and the title its file gave, else its first line.
fn titled(
    text: String,
    title: Option<&str>,
    markdown: bool,
    encoding: &'static str,
) -> ImportedArticle {
    let title = title
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map_or_else(|| first_line(&text, markdown), str::to_owned);
    ImportedArticle {
        meta: ArticleMeta {
            title,
            ..ArticleMeta::default()
        },
        text,
        encoding,
    }
}

/// Text as paragraphs: spaces at line ends dropped, runs of spaces inside lines made one,
/// and paragraphs separated by exactly one blank line.
fn paragraphs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_before = false;
    for line in text.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.is_empty() {
            blank_before = true;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_before { "\n\n" } else { "\n" });
        }
        out.push_str(&words.join(" "));
        blank_before = false;
    }
    out
}

fn decode(bytes: &[u8]) -> Result<(String, &'static str), Problem> {
    if bytes.is_empty() {
        return Err(Problem::Empty);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xef, 0xbb, 0xbf]) {
        return utf8(rest);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xff, 0xfe]) {
        return utf16(rest, u16::from_le_bytes).map(|t| (t, "UTF-16LE"));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xfe, 0xff]) {
        return utf16(rest, u16::from_be_bytes).map(|t| (t, "UTF-16BE"));
    }
    if let Some((read, name)) = utf16_without_bom(bytes)
        && let Ok(text) = utf16(bytes, read)
        && !looks_binary(text.as_bytes())
    {
        return Ok((text, name));
    }
    if looks_binary(bytes) {
        return Err(Problem::Binary);
    }
    utf8(bytes)
}

/// UTF-16 without a byte-order mark (some Windows tools write it): the NUL bytes of its
/// ASCII characters (spaces, digits, punctuation, Latin letters) all fall on one side of
/// each pair — the high byte, second in little-endian, first in big-endian — where a binary
/// file's NULs fall anywhere. Text in any script has enough ASCII (spaces at least) to show
/// the pattern; the decoded text is then checked like any other.
/// How a pair of bytes makes one UTF-16 code unit, and the encoding's name.
type Utf16Order = (fn([u8; 2]) -> u16, &'static str);

fn utf16_without_bom(bytes: &[u8]) -> Option<Utf16Order> {
    if bytes.len() < 16 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let head = &bytes[..bytes.len().min(8192) & !1];
    let pairs = head.len() / 2;
    // (NULs, distinct values) of the first and second byte of each pair.
    let side = |at: usize| {
        let mut seen = [false; 256];
        let mut nuls = 0;
        for pair in head.chunks_exact(2) {
            seen[usize::from(pair[at])] = true;
            nuls += usize::from(pair[at] == 0);
        }
        (nuls, seen.iter().filter(|s| **s).count())
    };
    let (first, second) = (side(0), side(1));
    // The high side: NUL for at least a tenth of the characters, and a handful of values
    // (one script's block, general punctuation); the low side: never NUL, and varied.
    let high = |(nuls, distinct): (usize, usize), (low_nuls, low_distinct): (usize, usize)| {
        nuls * 10 >= pairs && low_nuls == 0 && distinct <= 6 && low_distinct >= 2 * distinct
    };
    if high(second, first) {
        Some((u16::from_le_bytes, "UTF-16LE"))
    } else if high(first, second) {
        Some((u16::from_be_bytes, "UTF-16BE"))
    } else {
        None
    }
}

fn utf8(bytes: &[u8]) -> Result<(String, &'static str), Problem> {
    match std::str::from_utf8(bytes) {
        Ok(text) if text.contains('\u{0}') => Err(Problem::Binary),
        Ok(text) => Ok((text.to_owned(), "UTF-8")),
        Err(_) => legacy(bytes),
    }
}

/// Text that is not UTF-8: the encoding is guessed from the bytes (chardetng, as Firefox
/// does: Windows-1251, KOI8-R, Windows-1256, ISO-8859-x, …) and decoded with encoding_rs.
fn legacy(bytes: &[u8]) -> Result<(String, &'static str), Problem> {
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let encoding = detector.guess(None, false);
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors || text.contains('\u{0}') {
        return Err(Problem::Encoding);
    }
    Ok((text.into_owned(), encoding.name()))
}

fn utf16(bytes: &[u8], read: fn([u8; 2]) -> u16) -> Result<String, Problem> {
    if !bytes.len().is_multiple_of(2) {
        return Err(Problem::Encoding);
    }
    let units = bytes.chunks_exact(2).map(|pair| read([pair[0], pair[1]]));
    let text = char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .map_err(|_| Problem::Encoding)?;
    // NUL is no character of any article, whatever the encoding (UTF-8 with NULs is refused
    // the same way).
    if text.contains('\u{0}') {
        return Err(Problem::Binary);
    }
    Ok(text)
}

/// Binary files have NUL bytes or many control characters early on.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    let controls = head
        .iter()
        .filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)))
        .count();
    head.contains(&0) || controls * 20 > head.len()
}

/// Line endings to `\n`, byte-order marks left at the start dropped (a file can carry two),
/// trailing whitespace at the end dropped, leading blank lines dropped.
pub fn normalize(text: &str) -> String {
    let text = text.trim_start_matches('\u{feff}');
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let text = text.trim_end();
    // A stray byte-order mark counts as blank here, so it never ends up first.
    let blank = |c: char| c.is_whitespace() || c == '\u{feff}';
    let start = text
        .char_indices()
        .find(|(_, c)| !blank(*c))
        .map_or(text.len(), |(i, _)| i);
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    text[line_start..].trim_start_matches('\u{feff}').to_owned()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_long_first_line_makes_a_title_cut_at_a_word() {
        let line = "Officials in three capitals gave different accounts ".repeat(8);
        let title = super::first_line(&line, false);
        assert!(title.chars().count() <= super::MAX_TITLE_CHARS, "{title}");
        assert!(
            title.ends_with("accounts…") || title.ends_with("three…") || title.ends_with('…'),
            "{title}"
        );
        assert!(
            line.starts_with(title.trim_end_matches('…')),
            "cut at a word: {title}"
        );
        assert!(
            line.as_bytes()[title.trim_end_matches('…').len()] == b' ',
            "{title}"
        );
    }

    use super::*;

    #[test]
    fn utf16_without_a_byte_order_mark_is_recognised_in_any_script() {
        for text in [
            "The ministry said the strike was a mistake.\r\nOfficials denied it.",
            "Минобороны России заявило, что удар был нанесён намеренно.",
            "قالت دمشق إن الغارة دليل على دعم واشنطن للتنظيم.",
        ] {
            let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
            let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
            let little = import_bytes(&le, false).expect("little-endian");
            assert_eq!(little.encoding, "UTF-16LE");
            assert_eq!(little.text, normalize(text));
            let big = import_bytes(&be, false).expect("big-endian");
            assert_eq!(big.encoding, "UTF-16BE");
            assert_eq!(big.text, normalize(text));
        }
        // A binary file whose NULs fall on both sides is still refused.
        let mut binary = vec![0x89, b'P', b'N', b'G', 0, 0, 0, 13];
        binary.extend([0u8, 7, 0, 0, 1, 0, 0, 9].repeat(100));
        assert!(import_bytes(&binary, false).is_err());
    }

    #[test]
    fn utf8_with_bom_and_crlf_is_normalized() {
        let bytes = "\u{feff}\r\n  Заголовок 🚀\r\nТекст статьи.\r\n\r\n".as_bytes();
        let article = import_bytes(bytes, false).expect("imports");
        assert_eq!(article.text, "  Заголовок 🚀\nТекст статьи.");
        assert_eq!(article.meta.title, "Заголовок 🚀");
        assert_eq!(article.encoding, "UTF-8");
    }

    #[test]
    fn utf16_both_byte_orders() {
        let text = "قالت دمشق\nإن الضربة";
        let mut le = vec![0xff, 0xfe];
        let mut be = vec![0xfe, 0xff];
        for unit in text.encode_utf16() {
            le.extend(unit.to_le_bytes());
            be.extend(unit.to_be_bytes());
        }
        assert_eq!(import_bytes(&le, false).expect("le").text, text);
        assert_eq!(import_bytes(&be, false).expect("be").encoding, "UTF-16BE");
    }

    #[test]
    fn a_doubled_byte_order_mark_is_dropped() {
        // Found by the article_import fuzz target.
        let article =
            import_bytes(&[0xff, 0xfe, 0xff, 0xfe, b'A', 0, 0x0d, 0], false).expect("text");
        assert_eq!(article.text, "A");
        let article = import_bytes("\u{feff}\u{feff}Заголовок".as_bytes(), false).expect("text");
        assert_eq!(article.text, "Заголовок");
        // Also after blank lines (the second crash the fuzzer found).
        let article = import_bytes("\n\u{feff}\nТекст".as_bytes(), false).expect("text");
        assert_eq!(article.text, "Текст");
    }

    fn encoded(text: &str, encoding: &'static encoding_rs::Encoding) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding.encode(text);
        assert!(!unmappable, "{text} fits {}", encoding.name());
        bytes.into_owned()
    }

    #[test]
    fn legacy_encodings_are_detected_and_decoded() {
        let russian = "Министерство обороны России заявило, что удар по сирийским войскам стал \
                       следствием отказа Вашингтона от координации действий с Москвой.";
        let arabic = "قالت القيادة العامة للجيش السوري إن الغارة كانت متعمدة وإنها دليل قاطع \
                      على دعم الولايات المتحدة لتنظيم الدولة الإسلامية.";
        let french = "Le ministère a déclaré que la frappe était délibérée et « inacceptable ».";
        for (text, encoding, name) in [
            (russian, encoding_rs::WINDOWS_1251, "windows-1251"),
            // KOI8-U is a superset of KOI8-R: the same Russian text either way.
            (russian, encoding_rs::KOI8_R, "KOI8-U"),
            (arabic, encoding_rs::WINDOWS_1256, "windows-1256"),
            (french, encoding_rs::WINDOWS_1252, "windows-1252"),
        ] {
            let article = import_bytes(&encoded(text, encoding), false).expect(name);
            assert_eq!(article.text, text, "{name}");
            assert_eq!(article.encoding, name);
        }
        let article = import_bytes("Москва 🚀".as_bytes(), false).expect("utf-8");
        assert_eq!(article.encoding, "UTF-8");
    }

    #[test]
    fn markdown_title_loses_its_hashes() {
        let article = import_bytes(b"# Strike near Deir ez-Zor\n\nBody.", true).expect("md");
        assert_eq!(article.meta.title, "Strike near Deir ez-Zor");
    }

    #[test]
    fn empty_binary_and_unknown_bytes_are_refused() {
        assert_eq!(import_bytes(b"", false), Err(Problem::Empty));
        assert_eq!(import_bytes(b" \n\r\n ", false), Err(Problem::Empty));
        assert_eq!(
            import_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", false),
            Err(Problem::Binary)
        );
        // Latin-1 bytes are not refused: they decode as windows-1252.
        let latin = import_bytes(b"caf\xe9 au lait", false).expect("latin-1");
        assert_eq!(
            (latin.text.as_str(), latin.encoding),
            ("café au lait", "windows-1252")
        );
        // NUL is refused in UTF-16 as in UTF-8.
        let with_nul = |big_endian: bool| {
            let mut bytes = if big_endian {
                vec![0xfe, 0xff]
            } else {
                vec![0xff, 0xfe]
            };
            for unit in "Moscow\u{0}said".encode_utf16() {
                bytes.extend(if big_endian {
                    unit.to_be_bytes()
                } else {
                    unit.to_le_bytes()
                });
            }
            bytes
        };
        assert_eq!(import_bytes(b"Moscow\0said", false), Err(Problem::Binary));
        assert_eq!(import_bytes(&with_nul(false), false), Err(Problem::Binary));
        assert_eq!(import_bytes(&with_nul(true), false), Err(Problem::Binary));
        // UTF-16 with an odd number of bytes is no text.
        assert_eq!(
            import_bytes(&[0xff, 0xfe, b'a', 0, b'b'], false),
            Err(Problem::Encoding)
        );
    }

    #[test]
    fn files_that_cannot_be_read_name_the_file() {
        let dir = tempfile::tempdir().expect("dir");
        let missing = dir.path().join("gone.txt");
        let error = import_file(&missing).expect_err("missing");
        assert!(error.to_string().contains("gone.txt"));
        assert!(matches!(
            import_file(dir.path()),
            Err(ImportError::Folder(_))
        ));
        let file = dir.path().join("ok.txt");
        std::fs::write(&file, "Headline\nBody").expect("write");
        let article = import_file(&file).expect("imports");
        assert_eq!(article.meta.title, "Headline");
        assert!(article.meta.source.ends_with("ok.txt"));
    }
}
