//! Golden files: each export format of the bundled sample session, byte for byte. After an
//! intended change, regenerate them with `RASHOMON_UPDATE_GOLDEN=1 cargo test --test golden`
//! and review the diff.

use std::io::Read;
use std::path::PathBuf;

use rashomon::export::{ExportOptions, Format};

fn options() -> ExportOptions {
    ExportOptions {
        generated: "2026-11-26T12:00:00Z".parse().expect("time"),
        ..ExportOptions::titled("Rashomon comparison: sample")
    }
}

fn golden(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("RASHOMON_UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).expect("write golden");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "{} is missing; run with RASHOMON_UPDATE_GOLDEN=1",
            path.display()
        )
    });
    assert!(
        expected == actual,
        "{name} differs from the golden file; if the change is intended, run with RASHOMON_UPDATE_GOLDEN=1 and review the diff"
    );
}

#[test]
fn every_format_matches_its_golden_file() {
    let session = rashomon::sample::load().expect("sample");
    for format in Format::ALL {
        let bytes = format.render(&session, &options()).expect("renders");
        if format == Format::Qdpx {
            let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
            let mut project = String::new();
            archive
                .by_name("project.qde")
                .expect("project")
                .read_to_string(&mut project)
                .expect("utf-8");
            golden("sample.qde", &project);
            assert_eq!(
                archive.len(),
                1 + 1 + session.articles().len(),
                "qde, folder, sources"
            );
        } else {
            let text = String::from_utf8(bytes).expect("utf-8");
            golden(&format!("sample.{}", format.extension()), &text);
        }
    }
}

/// The JSON export carries every field `docs/session.schema.json` marks as required.
#[test]
fn json_export_has_what_the_schema_requires() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/session.schema.json"),
        )
        .expect("schema"),
    )
    .expect("schema is JSON");
    let session = rashomon::sample::load().expect("sample");
    let json: serde_json::Value =
        serde_json::from_slice(&Format::Json.render(&session, &options()).expect("renders"))
            .expect("export is JSON");
    let required = |node: &serde_json::Value| -> Vec<String> {
        node["required"]
            .as_array()
            .map(|list| {
                list.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    let check = |object: &serde_json::Value, node: &serde_json::Value, what: &str| {
        for key in required(node) {
            assert!(object.get(&key).is_some(), "{what} lacks {key}");
        }
    };
    check(&json, &schema, "file");
    check(
        &json["session"],
        &schema["properties"]["session"],
        "session",
    );
    for (list, def) in [
        ("parties", "party"),
        ("articles", "article"),
        ("facts", "fact"),
        ("claims", "claim"),
    ] {
        let items = json["session"][list].as_array().expect("list");
        assert!(!items.is_empty());
        for item in items {
            check(item, &schema["$defs"][def], def);
        }
    }
    let claim = &json["session"]["claims"][0];
    check(
        &claim["anchor"],
        &schema["$defs"]["claim"]["properties"]["anchor"],
        "anchor",
    );
}
