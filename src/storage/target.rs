//! What a write may replace: a report never goes over a session (or any file of another
//! kind), and a session never goes over a file that is not a session. The kind of the file
//! already there is told from its first bytes, not its name.

use std::io::Read;
use std::path::Path;

/// What kind of file is at a path, from its first bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Empty,
    Session,
    Html,
    Json,
    Zip,
    Pdf,
    /// Anything else with a NUL byte near the start (an image, an office file…).
    Binary,
    Text,
}

impl Kind {
    fn describe(self) -> &'static str {
        match self {
            Self::Empty => "an empty file",
            Self::Session => "a Rashomon session",
            Self::Html => "an HTML page",
            Self::Json => "a JSON file",
            Self::Zip => "a ZIP archive",
            Self::Pdf => "a PDF document",
            Self::Binary => "a binary file",
            Self::Text => "a text file",
        }
    }

    /// Whether a file of this kind may be replaced by a new file of kind `new`.
    fn may_become(self, new: Self) -> bool {
        self == Self::Empty || self == new
    }
}

/// The kind of the file at `path`; `None` when there is no regular file there (nothing, or a
/// device or pipe, which is written to, not replaced).
pub fn kind_of(path: &Path) -> std::io::Result<Option<Kind>> {
    let path = super::write::resolve_links(path)?;
    match std::fs::metadata(&path) {
        Ok(meta) if meta.is_file() => {}
        Ok(_) => return Ok(None),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(error),
    }
    let mut head = Vec::with_capacity(8192);
    std::fs::File::open(&path)?
        .take(8192)
        .read_to_end(&mut head)?;
    Ok(Some(sniff(&head)))
}

/// The kind of a file that starts with `head`.
pub fn sniff(head: &[u8]) -> Kind {
    let text = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = text
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .map_or(&[][..], |at| &text[at..]);
    if head.is_empty() {
        Kind::Empty
    } else if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        Kind::Zip
    } else if head.starts_with(b"%PDF") {
        Kind::Pdf
    } else if head.contains(&0) {
        Kind::Binary
    } else if start.starts_with(b"{") || start.starts_with(b"[") {
        let session = String::from_utf8_lossy(&start[..start.len().min(512)])
            .contains(&format!("\"{}\"", super::FORMAT_TAG));
        if session { Kind::Session } else { Kind::Json }
    } else if starts_with_ignore_case(start, b"<!doctype html")
        || starts_with_ignore_case(start, b"<html")
    {
        Kind::Html
    } else {
        Kind::Text
    }
}

fn starts_with_ignore_case(text: &[u8], prefix: &[u8]) -> bool {
    text.len() >= prefix.len() && text[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// Checks that a new file of kind `new` (called `what` in the message) may replace what is
/// at `path`. The message says what is there and that it was left alone.
pub fn may_write(path: &Path, new: Kind, what: &str) -> Result<(), String> {
    let Ok(Some(existing)) = kind_of(path) else {
        // Nothing there, a device or pipe, or unreadable (the write will say why).
        return Ok(());
    };
    if existing.may_become(new) {
        return Ok(());
    }
    let shown = path.display();
    Err(if existing == Kind::Session {
        format!(
            "{shown} is a Rashomon session: writing the {what} there would replace your work. It was left as it is; choose another file name."
        )
    } else {
        format!(
            "{shown} is {}, not {what}: it was left as it is. Choose another file name, or remove that file first.",
            existing.describe()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_told_from_the_first_bytes() {
        assert_eq!(sniff(b""), Kind::Empty);
        assert_eq!(
            sniff(b"{\n  \"format\": \"rashomon-session\",\n  \"version\": 2"),
            Kind::Session
        );
        assert_eq!(sniff(b"\xEF\xBB\xBF  {\"@context\": []}"), Kind::Json);
        assert_eq!(sniff(b"\n<!DOCTYPE html><html>"), Kind::Html);
        assert_eq!(sniff(b"<HTML><body>"), Kind::Html);
        assert_eq!(sniff(b"PK\x03\x04rest"), Kind::Zip);
        assert_eq!(sniff(b"%PDF-1.7"), Kind::Pdf);
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0"), Kind::Binary);
        assert_eq!(sniff(b"claim_id,party\n"), Kind::Text);
        assert_eq!(sniff(b"# Rashomon comparison"), Kind::Text);
    }

    #[test]
    fn a_report_never_replaces_a_session_or_another_kind_of_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let session = dir.path().join("s.rashomon");
        std::fs::write(
            &session,
            b"{\"format\": \"rashomon-session\", \"version\": 1}",
        )
        .expect("write");
        let error = may_write(&session, Kind::Html, "HTML report").expect_err("refused");
        assert!(error.contains("would replace your work"), "{error}");
        assert!(may_write(&session, Kind::Session, "session").is_ok());
        let csv = dir.path().join("old.csv");
        std::fs::write(&csv, b"a,b\n").expect("write");
        assert!(may_write(&csv, Kind::Text, "CSV").is_ok());
        assert!(may_write(&csv, Kind::Session, "session").is_err());
        assert!(may_write(&dir.path().join("new.html"), Kind::Html, "HTML report").is_ok());
        let empty = dir.path().join("empty.md");
        std::fs::write(&empty, b"").expect("write");
        assert!(may_write(&empty, Kind::Text, "Markdown").is_ok());
        assert!(may_write(Path::new("/dev/null"), Kind::Zip, "REFI-QDA project").is_ok());
    }
}
