//! Session files (`.rashomon`): versioned JSON, read with checks, written atomically.
//!
//! ```json
//! { "format": "rashomon-session", "version": 2, "session": { … } }
//! ```
//! Offsets in the file are UTF-8 byte offsets into the article text (see
//! [`crate::model::span`]); each claim also carries its quote with prefix and suffix, so a
//! claim whose offsets no longer fit is found again by its quote when the file is read.

mod disk;
pub mod lock;
pub mod recovery;
pub mod target;
mod write;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::{Parts, Session};

pub use disk::{DiskCheck, DiskVersion, fingerprint};
pub use write::{
    STALE_AFTER, clean_folder, clean_stale_temporaries, resolve_links, write_atomic,
    write_atomic_with,
};

/// The extension of session files, without the dot.
pub const EXTENSION: &str = "rashomon";
/// The `format` tag of session files.
pub const FORMAT_TAG: &str = "rashomon-session";
/// The newest format version this build reads and the one it writes.
pub const FORMAT_VERSION: u32 = 2;
/// Session files above this size are refused rather than read into memory.
pub const MAX_SESSION_BYTES: u64 = 1 << 30;

/// Why a session file could not be opened. The file is never changed by a failed open.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0} is too large to be a session file")]
    TooLarge(PathBuf),
    #[error("this is not a Rashomon session file ({0})")]
    NotASession(String),
    #[error(
        "this session was saved by a newer version of Rashomon (format {found}; this version reads up to {FORMAT_VERSION}). Update Rashomon to open it."
    )]
    NewerVersion { found: u32 },
    #[error("the session file is damaged: {0}")]
    Corrupt(String),
}

/// Why a session could not be saved. The previous file, if any, is left as it was.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("cannot save to {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Someone else wrote the file since it was opened or saved here: it was not overwritten.
    #[error("{} was changed by another program or window since it was opened or saved here", path.display())]
    ChangedOnDisk { path: PathBuf, now: DiskVersion },
    /// The file there is not a session (a report, another program's file): not replaced.
    #[error("{0}")]
    NotASession(String),
}

impl SaveError {
    fn io(path: &Path, source: std::io::Error) -> Self {
        Self::Io {
            path: path.to_owned(),
            source,
        }
    }
}

/// A session read from a file, with what had to be repaired on the way.
#[derive(Debug)]
pub struct Loaded {
    pub session: Session,
    pub warnings: Vec<String>,
    /// The file as it was read (`None` when read from text, not a file).
    pub disk: Option<DiskVersion>,
}

#[derive(Deserialize)]
struct Header {
    format: Option<String>,
    version: Option<u32>,
}

#[derive(Deserialize)]
struct FileIn {
    session: Parts,
}

#[derive(Serialize)]
struct FileOut<'a> {
    format: &'static str,
    version: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    recovery: Option<&'a Recovery>,
    session: &'a Session,
}

/// What a recovery file says about the work it holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recovery {
    /// When the work was autosaved.
    pub saved_at: chrono::DateTime<chrono::Utc>,
    /// The session file the work belongs to, if it had one.
    pub original: Option<PathBuf>,
    /// The name the session was shown under.
    pub name: String,
    /// The original file's content as it was last read or written by the window (length and
    /// fingerprint), so a restored session's first save can tell whether someone changed the
    /// file since.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_content: Option<[u64; 2]>,
}

#[derive(Deserialize)]
struct RecoveryHeader {
    recovery: Option<Recovery>,
}

/// The session as the text of a session file.
pub fn to_json(session: &Session) -> String {
    file_json(session, None)
}

/// The session as the text of a session file, written to `out` as it is made (the same
/// bytes as [`to_json`]; a big session's text is never held whole).
pub fn write_json(session: &Session, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let file = FileOut {
        format: FORMAT_TAG,
        version: FORMAT_VERSION,
        recovery: None,
        session,
    };
    serde_json::to_writer_pretty(out, &file).map_err(std::io::Error::from)
}

fn file_json(session: &Session, recovery: Option<&Recovery>) -> String {
    let file = FileOut {
        format: FORMAT_TAG,
        version: FORMAT_VERSION,
        recovery,
        session,
    };
    // Serializing plain data with string keys into a String cannot fail.
    serde_json::to_string_pretty(&file).unwrap_or_default()
}

/// Reads a session from the text of a session file.
pub fn from_json(text: &str) -> Result<Loaded, LoadError> {
    let (session, warnings) = Session::from_raw(parse(text)?.session);
    Ok(Loaded {
        session,
        warnings,
        disk: None,
    })
}

/// The session file's contents as written, before they are checked and repaired.
fn parse(text: &str) -> Result<FileIn, LoadError> {
    let header = match quick_header(text) {
        Some(header) => header,
        None => full_header(text)?,
    };
    if header.format.as_deref() != Some(FORMAT_TAG) {
        return Err(LoadError::NotASession(
            "it has no \"format\": \"rashomon-session\" tag".to_owned(),
        ));
    }
    let Some(version) = header.version else {
        return Err(LoadError::Corrupt("it has no format version".to_owned()));
    };
    if version > FORMAT_VERSION {
        return Err(LoadError::NewerVersion { found: version });
    }
    serde_json::from_str(text).map_err(|error| {
        if error.is_eof() {
            LoadError::Corrupt(format!("the file ends too early ({error})"))
        } else {
            LoadError::Corrupt(error.to_string())
        }
    })
}

/// The header as this app writes it, read from the first bytes:
/// `{ "format": "rashomon-session", "version": N, …`. This spares big files a whole extra
/// pass; any other shape takes [`full_header`].
fn quick_header(text: &str) -> Option<Header> {
    let head = &text[..crate::model::span::floor_char_boundary(text, 256)];
    let expect = |rest: &'_ str, token: &str| -> Option<usize> {
        let trimmed = rest.trim_start();
        trimmed
            .strip_prefix(token)
            .map(|after| rest.len() - after.len())
    };
    let mut rest = head;
    for token in [
        "{",
        "\"format\"",
        ":",
        "\"rashomon-session\"",
        ",",
        "\"version\"",
        ":",
    ] {
        rest = &rest[expect(rest, token)?..];
    }
    let rest = rest.trim_start();
    let digits = &rest[..rest.find(|c: char| !c.is_ascii_digit())?];
    if !rest[digits.len()..].trim_start().starts_with(',') {
        return None;
    }
    Some(Header {
        format: Some(FORMAT_TAG.to_owned()),
        version: Some(digits.parse().ok()?),
    })
}

/// The header of any JSON document: a full pass over it.
fn full_header(text: &str) -> Result<Header, LoadError> {
    serde_json::from_str(text).map_err(|error| {
        if error.is_eof() {
            LoadError::Corrupt(format!("the file ends too early ({error})"))
        } else if error.is_syntax() && looks_like_session(text) {
            LoadError::Corrupt(error.to_string())
        } else {
            LoadError::NotASession(error.to_string())
        }
    })
}

/// Whether broken JSON still says it is a session (so it is reported as damaged, not foreign).
fn looks_like_session(text: &str) -> bool {
    let head = &text[..crate::model::span::floor_char_boundary(text, 512)];
    head.contains(FORMAT_TAG)
}

/// Reads a session file from disk.
pub fn load(path: &Path) -> Result<Loaded, LoadError> {
    let io_error = |source| LoadError::Io {
        path: path.to_owned(),
        source,
    };
    let size = std::fs::metadata(path).map_err(io_error)?.len();
    if size > MAX_SESSION_BYTES {
        return Err(LoadError::TooLarge(path.to_owned()));
    }
    let bytes = std::fs::read(path).map_err(io_error)?;
    let text = std::str::from_utf8(&bytes)
        .map_err(|_| LoadError::NotASession("it is not UTF-8 text".to_owned()))?;
    let file = parse(text)?;
    let disk = DiskVersion::of(path, &bytes);
    // The file's text is let go before the session is checked and indexed: a big session
    // is not held three times over (text, parsed claims, claims by id) at once.
    drop(bytes);
    let (session, warnings) = Session::from_raw(file.session);
    Ok(Loaded {
        session,
        warnings,
        disk: Some(disk),
    })
}

/// Writes the session to `path` atomically, unless a file that is not a session is there.
pub fn save(path: &Path, session: &Session) -> Result<DiskVersion, SaveError> {
    save_checked(path, session, None)
}

/// Writes the session to `path` atomically, first checking that the file there is still the
/// one last read or written here (`known`): if someone changed it since, nothing is written
/// and [`SaveError::ChangedOnDisk`] says what is there now. A file that is gone is written
/// again. Gives the version written, to check the next save against.
pub fn save_checked(
    path: &Path,
    session: &Session,
    known: Option<&DiskVersion>,
) -> Result<DiskVersion, SaveError> {
    target::may_write(path, target::Kind::Session, "session").map_err(SaveError::NotASession)?;
    if let Some(known) = known {
        match known.check(path) {
            Ok(DiskCheck::Changed(now)) => {
                return Err(SaveError::ChangedOnDisk {
                    path: path.to_owned(),
                    now,
                });
            }
            Ok(DiskCheck::Same(_) | DiskCheck::Gone) => {}
            Err(error) => return Err(SaveError::io(path, error)),
        }
    }
    let bytes = to_json(session).into_bytes();
    write_atomic(path, &bytes).map_err(|source| SaveError::io(path, source))?;
    let written = resolve_links(path).unwrap_or_else(|_| path.to_owned());
    Ok(DiskVersion::of(&written, &bytes))
}

/// A name beside `path` that no file has: `STEM (LABEL YYYY-MM-DD HH-MM-SS).rashomon`, with
/// a number added if that is taken, for keeping a second version of a session.
pub fn sibling_path(path: &Path, label: &str) -> PathBuf {
    let real = resolve_links(path).unwrap_or_else(|_| path.to_owned());
    let stem = real
        .file_stem()
        .map_or_else(|| "session".into(), |s| s.to_string_lossy().into_owned());
    let stamp = chrono::Local::now().format("%Y-%m-%d %H-%M-%S");
    let mut n = 1;
    loop {
        let number = if n == 1 {
            String::new()
        } else {
            format!(" {n}")
        };
        let candidate =
            real.with_file_name(format!("{stem} ({label} {stamp}{number}).{EXTENSION}"));
        if std::fs::symlink_metadata(&candidate).is_err() {
            return candidate;
        }
        n += 1;
    }
}

/// Copies the file at `path` to a [`sibling_path`] before it is replaced; gives where (or
/// `None` when there is no file to keep).
pub fn keep_copy(path: &Path, label: &str) -> std::io::Result<Option<PathBuf>> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(error),
    };
    let copy = sibling_path(path, label);
    write_atomic(&copy, &bytes)?;
    Ok(Some(copy))
}

/// Writes unsaved work to a recovery file: a session file with a `recovery` header, so it can
/// also be opened as a plain session.
pub fn write_recovery(
    path: &Path,
    session: &Session,
    recovery: &Recovery,
) -> Result<(), SaveError> {
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder).map_err(|source| SaveError::io(path, source))?;
    }
    write_atomic(path, file_json(session, Some(recovery)).as_bytes())
        .map_err(|source| SaveError::io(path, source))
}

/// Reads a recovery file: the session and what the header says about it.
pub fn read_recovery(path: &Path) -> Result<(Loaded, Recovery), LoadError> {
    let loaded = load(path)?;
    let text = std::fs::read_to_string(path).map_err(|source| LoadError::Io {
        path: path.to_owned(),
        source,
    })?;
    let header: RecoveryHeader =
        serde_json::from_str(&text).map_err(|error| LoadError::Corrupt(error.to_string()))?;
    let recovery = header
        .recovery
        .ok_or_else(|| LoadError::NotASession("it is not a recovery file".to_owned()))?;
    Ok((loaded, recovery))
}

/// `path` with the session extension added if it has none.
pub fn with_session_extension(path: PathBuf) -> PathBuf {
    if path.extension().is_some() {
        path
    } else {
        path.with_extension(EXTENSION)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ArticleMeta, ClaimId, Edit, Stance, TextSpan};

    fn sample() -> Session {
        let mut session = Session::new();
        let text = "Кремль: «удар» 🚀 — قالت دمشق <script>alert(1)</script>".to_owned();
        let article = session.new_article(
            ArticleMeta {
                title: "Тест".into(),
                ..ArticleMeta::default()
            },
            text.clone(),
        );
        let article_id = article.id;
        session
            .apply(Edit::InsertArticle { index: 0, article })
            .expect("article");
        let fact = session.new_fact("A fact");
        let fact_id = fact.id;
        session
            .apply(Edit::InsertFact { index: 0, fact })
            .expect("fact");
        let party = session.parties()[2].id;
        let start = text.find("قالت").expect("in text");
        let mut claim = session
            .new_claim(article_id, TextSpan::new(start, text.len()), party)
            .expect("claim");
        claim.fact = Some(fact_id);
        claim.stance = Stance::Denies;
        claim.note = "ملاحظة 👍".into();
        session.apply(Edit::InsertClaim(claim)).expect("claim");
        session
    }

    #[test]
    fn session_round_trips_through_a_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("s.rashomon");
        let session = sample();
        save(&path, &session).expect("saves");
        let loaded = load(&path).expect("loads");
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        assert_eq!(loaded.session, session);
        // No temporary file is left behind.
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 1);
    }

    #[test]
    fn the_quick_header_reads_what_this_app_writes_and_nothing_else() {
        let session = sample();
        let written = to_json(&session);
        let header = quick_header(&written).expect("our own files");
        assert_eq!(header.version, Some(FORMAT_VERSION));
        assert!(
            quick_header("{\"format\":\"rashomon-session\",\"version\":12,\"session\":{}}")
                .is_some_and(|h| h.version == Some(12))
        );
        for other in [
            "{\"version\": 1, \"format\": \"rashomon-session\", \"session\": {}}",
            "{\"format\": \"rashomon-session\", \"version\": \"1\", \"session\": {}}",
            "{\"format\": \"rashomon-session\", \"version\": 1}",
            "[\"format\"]",
            "",
        ] {
            assert!(quick_header(other).is_none(), "{other}");
        }
        // Files in another key order still load, through the full header.
        let reordered = written.replacen(
            "\"format\": \"rashomon-session\",\n  \"version\": 2,",
            "\"version\": 2, \"format\": \"rashomon-session\",",
            1,
        );
        assert_ne!(reordered, written);
        assert_eq!(from_json(&reordered).expect("loads").session, session);
    }

    #[test]
    fn newer_version_is_refused() {
        let text = to_json(&sample()).replacen("\"version\": 2", "\"version\": 99", 1);
        assert!(matches!(
            from_json(&text),
            Err(LoadError::NewerVersion { found: 99 })
        ));
    }

    #[test]
    fn truncated_corrupt_and_foreign_files_give_errors() {
        let text = to_json(&sample());
        assert!(matches!(
            from_json(&text[..text.len() / 2]),
            Err(LoadError::Corrupt(_))
        ));
        assert!(matches!(
            from_json("{\"a\": 1}"),
            Err(LoadError::NotASession(_))
        ));
        assert!(matches!(
            from_json("\u{0}\u{1}PNG"),
            Err(LoadError::NotASession(_))
        ));
        assert!(matches!(from_json(""), Err(LoadError::Corrupt(_))));
        let broken = text.replacen("\"parties\"", "\"partiez\"", 1);
        assert!(matches!(from_json(&broken), Err(LoadError::Corrupt(_))));
    }

    #[test]
    fn missing_and_binary_files_give_errors() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert!(matches!(
            load(&dir.path().join("missing.rashomon")),
            Err(LoadError::Io { .. })
        ));
        let binary = dir.path().join("binary.rashomon");
        std::fs::write(&binary, [0xff, 0xfe, 0x00, 0x81]).expect("write");
        assert!(matches!(load(&binary), Err(LoadError::NotASession(_))));
        assert_eq!(
            std::fs::read(&binary).expect("read"),
            [0xff, 0xfe, 0x00, 0x81]
        );
    }

    #[test]
    fn dangling_references_are_repaired_with_warnings() {
        let session = sample();
        let mut value: serde_json::Value = serde_json::from_str(&to_json(&session)).expect("json");
        let claims = value["session"]["claims"].as_array_mut().expect("claims");
        let mut unknown_fact = claims[0].clone();
        unknown_fact["id"] = 500.into();
        unknown_fact["fact"] = 777.into();
        let mut moved = claims[0].clone();
        moved["id"] = 501.into();
        moved["anchor"]["span"]["start"] = 0.into();
        moved["anchor"]["span"]["end"] = 1.into();
        let mut gone = claims[0].clone();
        gone["id"] = 502.into();
        gone["anchor"]["quote"] = "not in the text".into();
        let duplicate = claims[0].clone();
        claims.extend([unknown_fact, moved, gone, duplicate]);
        let loaded = from_json(&value.to_string()).expect("loads with repairs");
        assert_eq!(loaded.warnings.len(), 4, "{:?}", loaded.warnings);
        // The claim whose quote is gone is kept, orphaned, never dropped.
        assert_eq!(loaded.session.claims().len(), 4);
        let gone = loaded.session.claim(ClaimId(502)).expect("kept");
        assert!(gone.orphaned);
        assert_eq!(gone.anchor.quote, "not in the text");
        for claim in loaded.session.claims() {
            let article = loaded.session.article(claim.article).expect("article");
            assert!(claim.is_placed_consistently(&article.text));
        }
    }

    #[test]
    fn recovery_file_round_trips_and_opens_as_a_session() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("deep").join("recovery.rashomon");
        let session = sample();
        let recovery = Recovery {
            saved_at: chrono::Utc::now(),
            original: Some(PathBuf::from("/work/s.rashomon")),
            name: "s.rashomon".into(),
            original_content: None,
        };
        write_recovery(&path, &session, &recovery).expect("writes");
        let (loaded, header) = read_recovery(&path).expect("reads");
        assert_eq!(loaded.session, session);
        assert_eq!(header, recovery);
        assert_eq!(load(&path).expect("plain load").session, session);
        let plain = dir.path().join("plain.rashomon");
        save(&plain, &session).expect("saves");
        assert!(read_recovery(&plain).is_err());
    }

    #[test]
    fn failed_atomic_write_keeps_the_old_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("s.rashomon");
        std::fs::write(&path, b"old").expect("write");
        let inside_a_file = path.join("child.rashomon");
        assert!(write_atomic(&inside_a_file, b"new").is_err());
        assert_eq!(std::fs::read(&path).expect("read"), b"old");
        write_atomic(&path, b"new").expect("writes");
        assert_eq!(std::fs::read(&path).expect("read"), b"new");
    }

    #[test]
    fn two_writes_of_one_file_at_once_both_succeed_and_leave_no_temporary_files() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("big.rashomon");
        let big = vec![b'x'; 8_000_000];
        let writers: Vec<_> = (0..4)
            .map(|n| {
                let path = path.clone();
                let mut bytes = big.clone();
                bytes[0] = b'0' + n;
                std::thread::spawn(move || write_atomic(&path, &bytes))
            })
            .collect();
        for writer in writers {
            writer.join().expect("joins").expect("every write succeeds");
        }
        let written = std::fs::read(&path).expect("read");
        assert_eq!(written.len(), big.len(), "one whole write won");
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .filter_map(Result::ok)
            .map(|e| e.file_name())
            .collect();
        assert_eq!(left.len(), 1, "no temporary file is left: {left:?}");
    }
}
