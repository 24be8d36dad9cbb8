//! A corpus of bad session files and articles: each gives a clear error, or loads repaired with
//! warnings that say what was repaired. None panics, none is written to.

use std::path::Path;

use rashomon::storage::{self, LoadError};

fn sample_json() -> serde_json::Value {
    serde_json::from_str(rashomon::sample::SAMPLE_SESSION).expect("sample is JSON")
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    path
}

/// Loads `bytes` as a session file and checks the file is unchanged afterwards.
fn load_bytes(dir: &Path, name: &str, bytes: &[u8]) -> Result<storage::Loaded, LoadError> {
    let path = write(dir, name, bytes);
    let result = storage::load(&path);
    assert_eq!(
        std::fs::read(&path).expect("still there"),
        bytes,
        "{name} was changed"
    );
    result
}

#[test]
fn every_released_format_version_still_loads() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut seen = 0;
    for entry in std::fs::read_dir(&fixtures).expect("fixtures") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "rashomon") {
            let loaded = storage::load(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert!(
                loaded.warnings.is_empty(),
                "{}: {:?}",
                path.display(),
                loaded.warnings
            );
            assert_ne!(loaded.session.claims().len(), 0);
            seen += 1;
        }
    }
    assert!(
        seen >= 1,
        "a fixture for format version {}",
        storage::FORMAT_VERSION
    );
}

#[test]
fn unreadable_session_files_give_clear_errors() {
    let dir = tempfile::tempdir().expect("dir");
    let text = rashomon::sample::SAMPLE_SESSION;
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let nested = format!("{}{}", "[".repeat(50_000), "]".repeat(50_000));
    let deep_in_session = text.replacen("\"parties\": [", &format!("\"parties\": [{nested}, "), 1);
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty", Vec::new(), "ends too early"),
        (
            "truncated",
            text.as_bytes()[..text.len() / 3].to_vec(),
            "ends too early",
        ),
        (
            "binary",
            vec![0x89, b'P', b'N', b'G', 0, 0, 0xff, 0xfe, 0x01],
            "not",
        ),
        (
            "invalid-utf8",
            [
                b"{\"format\": \"rashomon-session\", \"x\": \"".as_slice(),
                &[0xc3, 0x28],
                b"\"}",
            ]
            .concat(),
            "UTF-8",
        ),
        (
            "newer-version",
            text.replacen("\"version\": 2", "\"version\": 3", 1)
                .into_bytes(),
            "newer version",
        ),
        (
            "no-version",
            text.replacen("\"version\": 2,", "", 1).into_bytes(),
            "no format version",
        ),
        (
            "other-json",
            b"{\"name\": \"not a session\"}".to_vec(),
            "not a Rashomon session",
        ),
        (
            "json-array",
            b"[1, 2, 3]".to_vec(),
            "not a Rashomon session",
        ),
        ("deeply-nested", deep.into_bytes(), "not a Rashomon session"),
        (
            "deeply-nested-inside",
            deep_in_session.into_bytes(),
            "damaged",
        ),
        (
            "wrong-types",
            text.replacen("\"next_id\": ", "\"next_id\": \"many\", \"x\": ", 1)
                .into_bytes(),
            "damaged",
        ),
        (
            "negative-offset",
            text.replacen("\"start\": ", "\"start\": -", 1).into_bytes(),
            "damaged",
        ),
    ];
    for (name, bytes, expected) in cases {
        let error = load_bytes(dir.path(), &format!("{name}.rashomon"), &bytes)
            .err()
            .unwrap_or_else(|| panic!("{name} loaded"));
        let message = error.to_string();
        assert!(message.contains(expected), "{name}: {message}");
    }
}

#[test]
fn a_two_gigabyte_file_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("huge.rashomon");
    let file = std::fs::File::create(&path).expect("create");
    // A sparse file: it claims 2 GB but takes no space.
    file.set_len(2 * 1024 * 1024 * 1024).expect("sparse");
    drop(file);
    let error = storage::load(&path).expect_err("refused");
    assert!(matches!(error, LoadError::TooLarge(_)), "{error}");
    assert!(error.to_string().contains("too large"));
}

#[test]
fn broken_references_load_repaired_with_warnings_that_say_what() {
    let dir = tempfile::tempdir().expect("dir");
    let mut json = sample_json();
    let claims = json["session"]["claims"].as_array_mut().expect("claims");
    let template = claims[0].clone();
    let mut past_end = template.clone();
    past_end["id"] = 9001.into();
    past_end["anchor"]["span"]["start"] = 1_000_000.into();
    past_end["anchor"]["span"]["end"] = 1_000_010.into();
    let mut gone_quote = template.clone();
    gone_quote["id"] = 9002.into();
    gone_quote["anchor"]["quote"] = "a quote that is in no article".into();
    gone_quote["anchor"]["span"]["start"] = 5_000_000.into();
    let mut unknown_party = template.clone();
    unknown_party["id"] = 9003.into();
    unknown_party["party"] = 424_242.into();
    let mut unknown_fact = template.clone();
    unknown_fact["id"] = 9004.into();
    unknown_fact["fact"] = 535_353.into();
    let mut unknown_article = template.clone();
    unknown_article["id"] = 9005.into();
    unknown_article["article"] = 646_464.into();
    let mut off_boundary = template.clone();
    off_boundary["id"] = 9006.into();
    off_boundary["anchor"]["span"]["start"] = 1.into();
    let duplicate = template.clone();
    claims.extend([
        past_end,
        gone_quote,
        unknown_party,
        unknown_fact,
        unknown_article,
        off_boundary,
        duplicate,
    ]);
    let parties = json["session"]["parties"].as_array_mut().expect("parties");
    let duplicate_party = parties[0].clone();
    parties.push(duplicate_party);

    let bytes = serde_json::to_vec(&json).expect("json");
    let loaded = load_bytes(dir.path(), "broken.rashomon", &bytes).expect("loads repaired");
    let warnings = loaded.warnings.join("\n");
    for expected in [
        "Placed 2 claims again where their quotes are", // past the end, off a boundary
        "is orphaned",    // the quote is gone: kept as orphaned, said so
        "its party",      // unknown party
        "Unlinked claim", // unknown fact
        "its article",    // unknown article
        "duplicated id",  // duplicate claim and party
    ] {
        assert!(
            warnings.contains(expected),
            "no warning with {expected:?} in:\n{warnings}"
        );
    }
    let orphan = loaded
        .session
        .claim(rashomon::model::ClaimId(9002))
        .expect("a claim whose quote is gone is kept");
    assert!(orphan.orphaned);
    for claim in loaded.session.claims() {
        let article = loaded
            .session
            .article(claim.article)
            .expect("article exists");
        assert!(claim.is_placed_consistently(&article.text));
        assert!(loaded.session.party(claim.party).is_some());
        assert!(claim.fact.is_none_or(|f| loaded.session.fact(f).is_some()));
    }
}

#[test]
fn bad_article_files_give_messages_naming_the_file() {
    let dir = tempfile::tempdir().expect("dir");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.txt", Vec::new(), "empty"),
        ("blank.txt", b" \n\n\t ".to_vec(), "empty"),
        (
            "photo.txt",
            vec![
                0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d,
            ],
            "binary",
        ),
        ("odd-utf16.txt", vec![0xff, 0xfe, b'a', 0, b'b'], "not text"),
        ("nul-in-latin1.txt", b"caf\xe9\0cr\xe8me".to_vec(), "binary"),
    ];
    for (name, bytes, expected) in cases {
        let path = write(dir.path(), name, &bytes);
        let error = rashomon::import::import_file(&path).expect_err(name);
        let message = error.to_string();
        assert!(
            message.contains(name) && message.contains(expected),
            "{name}: {message}"
        );
    }
    let missing =
        rashomon::import::import_file(&dir.path().join("vanished.txt")).expect_err("missing");
    assert!(missing.to_string().contains("vanished.txt"));
    let folder = rashomon::import::import_file(dir.path()).expect_err("folder");
    assert!(folder.to_string().contains("folder"));
    let big = dir.path().join("big.txt");
    std::fs::File::create(&big)
        .and_then(|f| f.set_len(rashomon::import::MAX_ARTICLE_BYTES + 1))
        .expect("sparse");
    assert!(
        rashomon::import::import_file(&big)
            .expect_err("big")
            .to_string()
            .contains("too large")
    );
}
