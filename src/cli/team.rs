//! `rashomon agreement` and `rashomon merge`: team work without a window.

use std::path::{Path, PathBuf};

use crate::model::Session;
use crate::team::{agreement as measure, merge as merging, report};

/// Reads a session for a team command; its repair warnings go to stderr.
fn read(path: &Path) -> Result<Session, String> {
    let loaded = crate::storage::load(path).map_err(|e| format!("{}: {e}", path.display()))?;
    for warning in &loaded.warnings {
        eprintln!("rashomon: warning: {}: {warning}", path.display());
    }
    Ok(loaded.session)
}

/// Runs `rashomon agreement A B [--json]`, writing the report to `out`.
pub fn agreement(
    a_path: &Path,
    b_path: &Path,
    json: bool,
    out: &mut impl std::io::Write,
) -> Result<(), String> {
    let a = read(a_path)?;
    let b = read(b_path)?;
    let result = measure::compare(&a, &b);
    let files = [
        a_path.to_string_lossy().into_owned(),
        b_path.to_string_lossy().into_owned(),
    ];
    let files = [files[0].as_str(), files[1].as_str()];
    let text = if json {
        let value = report::to_json(&result, &a, &b, files);
        serde_json::to_string_pretty(&value).map_err(|e| e.to_string())? + "\n"
    } else {
        report::to_text(&result, &a, &b, files)
    };
    out.write_all(text.as_bytes())
        .map_err(|e| format!("cannot write to stdout: {e}"))
}

/// How `rashomon merge` ended.
#[derive(Debug, PartialEq, Eq)]
pub enum MergeEnd {
    /// Written; nothing left to adjudicate (three-way) or conflicts marked (union).
    Done,
    /// Written, with conflicts left for the analyst (three-way: exit 1, as git expects).
    Conflicts,
    /// Bad usage (exit 2).
    Usage(String),
    /// Nothing written (exit 1).
    Failed(String),
}

/// Runs `rashomon merge`: every input is read before anything is written, and the output is
/// written atomically, so a failure leaves OUT as it was.
pub fn merge(
    base: Option<&Path>,
    sessions: &[PathBuf],
    output: &Path,
    out: &mut impl std::io::Write,
) -> MergeEnd {
    if base.is_some() && sessions.len() != 2 {
        return MergeEnd::Usage(
            "a three-way merge takes --base BASE and exactly two sessions, OURS and THEIRS"
                .to_owned(),
        );
    }
    let base_given = base.is_some();
    let mut read_all = Vec::with_capacity(sessions.len());
    for path in sessions {
        match read(path) {
            Ok(session) => read_all.push(session),
            Err(message) => return MergeEnd::Failed(format!("{message} (nothing was written)")),
        }
    }
    // Git gives an empty file as the base when the two branches added the file separately.
    let base = match base {
        Some(path) if std::fs::metadata(path).is_ok_and(|m| m.len() > 0) => match read(path) {
            Ok(session) => Some(session),
            Err(message) => return MergeEnd::Failed(format!("{message} (nothing was written)")),
        },
        _ => None,
    };
    let (merged, report) = match &base {
        Some(base) => merging::three_way(base, &read_all[0], &read_all[1]),
        None => match merging::merge_all(&read_all[0], &read_all[1..]) {
            Ok(result) => result,
            Err(message) => return MergeEnd::Failed(message),
        },
    };
    if let Err(error) = crate::storage::save(output, &merged) {
        return MergeEnd::Failed(format!("{error} (nothing was written)"));
    }
    let mut lines = vec![format!(
        "merged into {}: {}",
        output.display(),
        report.summary()
    )];
    lines.extend(report.notices.iter().map(|n| format!("note: {n}")));
    lines.extend(report.conflicts.iter().map(|c| format!("conflict: {c}")));
    let _ = writeln!(out, "{}", lines.join("\n"));
    // A union marks its conflicts for adjudication and is done; a three-way merge (git's
    // driver, also when git gives an empty base) leaves them to the analyst and says so.
    if base_given && !report.conflicts.is_empty() {
        MergeEnd::Conflicts
    } else {
        MergeEnd::Done
    }
}
