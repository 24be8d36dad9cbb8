//! The command line: `rashomon [FILE…]` opens the app, `rashomon export …` writes a report
//! without a window.

use std::path::PathBuf;

use std::path::Path;

use crate::export::{ExportOptions, Format};
use crate::model::{FactStatus, Session};

pub const USAGE: &str = "\
Rashomon — compare how parties narrate the same event

Usage:
  rashomon                      open the bundled sample session
  rashomon FILE…                open articles (.txt .md .html .pdf .docx .odt) and/or a
                                session (.rashomon)
  rashomon export SESSION --format FORMAT [-o OUT] [--party NAME]… [--status STATUS]…
                 [--article TITLE]… [--no-notes] [--title TITLE]
                                export the comparison (to stdout without -o)
                                FORMAT: html, md, csv, json, qdpx, annotations
                                STATUS: agreed, disputed, one-sided, unclaimed
  rashomon import FILE|FOLDER… -o SESSION
                                add articles to a session (created if missing): .txt, .md,
                                .html, .pdf, .docx, .odt; a folder adds each such file in it
  rashomon generate --articles N --claims M [--facts F] [--seed S] [--article-bytes B] -o FILE
                                write a deterministic synthetic session (benchmarks)
  rashomon --help | --version
";

/// What the command line asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Invocation {
    /// Start the app, opening these files (none: the sample session).
    Gui {
        paths: Vec<PathBuf>,
    },
    Export {
        session: PathBuf,
        format: Format,
        output: Option<PathBuf>,
        filter: ExportFilter,
    },
    Generate {
        options: crate::generate::GenerateOptions,
        output: PathBuf,
    },
    Import {
        paths: Vec<PathBuf>,
        session: PathBuf,
    },
    Help,
    Version,
}

/// What `export` is asked to leave in, by name (checked against the session once it is read).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExportFilter {
    pub parties: Vec<String>,
    pub statuses: Vec<FactStatus>,
    pub articles: Vec<String>,
    pub no_notes: bool,
    pub title: Option<String>,
}

fn parse_status(name: &str) -> Option<FactStatus> {
    match name.to_ascii_lowercase().as_str() {
        "agreed" => Some(FactStatus::Agreed),
        "disputed" => Some(FactStatus::Disputed),
        "one-sided" | "onesided" | "one_sided" => Some(FactStatus::OneSided),
        "unclaimed" | "no-claims" => Some(FactStatus::Unclaimed),
        _ => None,
    }
}

/// Parses the arguments after the program name.
pub fn parse(args: &[String]) -> Result<Invocation, String> {
    let subcommand = matches!(
        args.first().map(String::as_str),
        Some("export" | "generate" | "import")
    );
    if subcommand && args[1..].iter().any(|a| a == "-h" || a == "--help") {
        // `rashomon export --help`: the usage, which lists each command's options.
        return Ok(Invocation::Help);
    }
    match args.first().map(String::as_str) {
        Some("-h" | "--help" | "help") => Ok(Invocation::Help),
        Some("-V" | "--version") => Ok(Invocation::Version),
        Some("export") => parse_export(&args[1..]),
        Some("generate") => parse_generate(&args[1..]),
        Some("import") => parse_import(&args[1..]),
        _ => {
            let mut paths = Vec::new();
            for arg in args {
                if arg.starts_with('-') && arg != "-" {
                    return Err(format!("unknown option {arg}"));
                }
                paths.push(PathBuf::from(arg));
            }
            Ok(Invocation::Gui { paths })
        }
    }
}

fn parse_import(args: &[String]) -> Result<Invocation, String> {
    let mut paths = Vec::new();
    let mut session = None;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "-o" | "--output" => {
                session = Some(PathBuf::from(rest.next().ok_or("-o needs a session file")?));
            }
            other if other.starts_with('-') => {
                return Err(format!("unknown option {other} for import"));
            }
            _ => paths.push(PathBuf::from(arg)),
        }
    }
    if paths.is_empty() {
        return Err("import needs at least one file or folder".into());
    }
    Ok(Invocation::Import {
        paths,
        session: session.ok_or("import needs -o SESSION.rashomon")?,
    })
}

/// Imports articles into a session file, creating it if it does not exist, and writes one
/// line per file to `out`: imported (with its encoding and title) or skipped and why.
/// Returns how many articles were added; an error when the session cannot be read or
/// written (an existing file that cannot be read is never overwritten).
pub fn import(
    paths: &[PathBuf],
    session_path: &Path,
    out: &mut impl std::io::Write,
) -> Result<usize, String> {
    let mut session = if session_path.exists() {
        crate::storage::load(session_path)
            .map_err(|e| format!("{e} (the session was not changed)"))?
            .session
    } else {
        Session::new()
    };
    let files = crate::import::expand_paths(paths);
    let mut added = 0;
    let mut skipped = 0;
    for file in &files {
        let line = match crate::import::import_file(file) {
            Ok(article) => {
                if let Some(existing) = session.article_with_text(&article.text) {
                    skipped += 1;
                    format!(
                        "skipped  {}: the same text is already in the session as “{}”",
                        file.display(),
                        existing.meta.title
                    )
                } else {
                    let line = format!(
                        "imported {} ({}): {}",
                        file.display(),
                        article.encoding,
                        article.meta.title
                    );
                    let new = session.new_article(article.meta, article.text);
                    session
                        .apply(crate::model::Edit::InsertArticle {
                            index: usize::MAX,
                            article: new,
                        })
                        .map_err(|e| format!("{}: {e}", file.display()))?;
                    added += 1;
                    line
                }
            }
            Err(error) => {
                skipped += 1;
                format!("skipped  {error}")
            }
        };
        let _ = writeln!(out, "{line}");
    }
    if files.is_empty() {
        let _ = writeln!(out, "no article files found");
    }
    if added > 0 {
        crate::storage::save(session_path, &session).map_err(|e| e.to_string())?;
    }
    let _ = writeln!(
        out,
        "{added} imported, {skipped} skipped{}",
        if added > 0 {
            format!("; saved {}", session_path.display())
        } else {
            String::new()
        }
    );
    Ok(added)
}

fn parse_generate(args: &[String]) -> Result<Invocation, String> {
    let mut options = crate::generate::GenerateOptions::default();
    let mut output = None;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let mut number = |name: &str| -> Result<u64, String> {
            let value = rest.next().ok_or_else(|| format!("{name} needs a value"))?;
            value
                .parse()
                .map_err(|_| format!("{name} needs a whole number, not {value:?}"))
        };
        let size = |n: u64| usize::try_from(n).map_err(|_| "too large".to_owned());
        match arg.as_str() {
            "--articles" => options.articles = size(number("--articles")?)?.max(1),
            "--claims" => options.claims = size(number("--claims")?)?,
            "--facts" => options.facts = size(number("--facts")?)?,
            "--seed" => options.seed = number("--seed")?,
            "--article-bytes" => options.article_bytes = size(number("--article-bytes")?)?.max(1),
            "-o" | "--output" => {
                output = Some(PathBuf::from(rest.next().ok_or("-o needs a file")?));
            }
            other => return Err(format!("unknown option {other} for generate")),
        }
    }
    Ok(Invocation::Generate {
        options,
        output: output.ok_or("generate needs -o FILE")?,
    })
}

fn parse_export(args: &[String]) -> Result<Invocation, String> {
    let mut session = None;
    let mut format = None;
    let mut output = None;
    let mut filter = ExportFilter::default();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let mut value = |name: &str| {
            rest.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match arg.as_str() {
            "--format" | "-f" => {
                let name = value("--format")?;
                format = Some(Format::parse(&name).ok_or_else(|| {
                    format!(
                        "unknown format {name:?} (use html, md, csv, json, qdpx or annotations)"
                    )
                })?);
            }
            "--party" | "-p" => filter.parties.push(value("--party")?),
            "--article" => filter.articles.push(value("--article")?),
            "--status" | "-s" => {
                let name = value("--status")?;
                filter.statuses.push(parse_status(&name).ok_or_else(|| {
                    format!(
                        "unknown status {name:?} (use agreed, disputed, one-sided or unclaimed)"
                    )
                })?);
            }
            "--no-notes" => filter.no_notes = true,
            "--title" => filter.title = Some(value("--title")?),
            "-o" | "--output" => output = Some(PathBuf::from(value("-o")?)),
            other if other.starts_with('-') => return Err(format!("unknown option {other}")),
            other => {
                if session.replace(PathBuf::from(other)).is_some() {
                    return Err("export takes one session file".to_owned());
                }
            }
        }
    }
    Ok(Invocation::Export {
        session: session.ok_or("export needs a session file")?,
        format: format.ok_or("export needs --format (html, md, csv, json, qdpx or annotations)")?,
        output,
        filter,
    })
}

/// Why `rashomon export` failed: a bad option (exit 2) or a file problem (exit 1).
#[derive(Debug)]
pub enum ExportFailure {
    BadOption(String),
    File(String),
}

/// Runs `rashomon export`: reads the session, applies the filter and writes the export.
pub fn export(
    session: &Path,
    format: Format,
    output: Option<&Path>,
    filter: &ExportFilter,
) -> Result<(), ExportFailure> {
    let loaded = crate::storage::load(session).map_err(|e| ExportFailure::File(e.to_string()))?;
    for warning in &loaded.warnings {
        eprintln!("warning: {warning}");
    }
    let stem = session
        .file_stem()
        .map_or_else(|| "session".into(), |s| s.to_string_lossy());
    let options = resolve(
        &loaded.session,
        filter,
        &format!("Rashomon comparison: {stem}"),
    )
    .map_err(ExportFailure::BadOption)?;
    let bytes = format.render(&loaded.session, &options).map_err(|e| {
        ExportFailure::File(format!("cannot cut the session down to what is shown: {e}"))
    })?;
    if let Some(path) = output {
        crate::storage::write_atomic(path, &bytes)
            .map_err(|e| ExportFailure::File(format!("cannot write {}: {e}", path.display())))
    } else {
        use std::io::Write;
        std::io::stdout()
            .write_all(&bytes)
            .map_err(|e| ExportFailure::File(format!("cannot write to stdout: {e}")))
    }
}

/// Turns names into ids; an unknown party or article name is an error naming the choices.
pub fn resolve(
    session: &Session,
    filter: &ExportFilter,
    title: &str,
) -> Result<ExportOptions, String> {
    let mut options = ExportOptions::titled(filter.title.as_deref().unwrap_or(title));
    for name in &filter.parties {
        let party = session
            .parties()
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(name.trim()))
            .ok_or_else(|| {
                let names: Vec<&str> = session.parties().iter().map(|p| p.name.as_str()).collect();
                format!(
                    "no party {name:?} in the session (parties: {})",
                    names.join(", ")
                )
            })?;
        options.parties.push(party.id);
    }
    for name in &filter.articles {
        let needle = name.trim().to_lowercase();
        let article = session
            .articles()
            .iter()
            .find(|a| a.meta.title.to_lowercase().contains(&needle))
            .ok_or_else(|| format!("no article whose title contains {name:?}"))?;
        options.articles.push(article.id);
    }
    options.statuses.clone_from(&filter.statuses);
    options.include_notes = !filter.no_notes;
    Ok(options)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn parses_the_forms() {
        assert_eq!(parse(&[]), Ok(Invocation::Gui { paths: vec![] }));
        assert_eq!(
            parse(&args(&["a.txt", "b.rashomon"])),
            Ok(Invocation::Gui {
                paths: vec!["a.txt".into(), "b.rashomon".into()]
            })
        );
        assert_eq!(
            parse(&args(&[
                "export",
                "s.rashomon",
                "--format",
                "md",
                "-o",
                "r.md"
            ])),
            Ok(Invocation::Export {
                session: "s.rashomon".into(),
                format: Format::Markdown,
                output: Some("r.md".into()),
                filter: ExportFilter::default(),
            })
        );
        assert_eq!(parse(&args(&["--help"])), Ok(Invocation::Help));
        for command in ["export", "generate", "import"] {
            assert_eq!(parse(&args(&[command, "--help"])), Ok(Invocation::Help));
            assert_eq!(parse(&args(&[command, "x", "-h"])), Ok(Invocation::Help));
        }
    }

    #[test]
    fn parses_export_filters() {
        let parsed = parse(&args(&[
            "export",
            "s.rashomon",
            "--format",
            "qdpx",
            "--party",
            "US",
            "--party",
            "Russia",
            "--status",
            "disputed",
            "--no-notes",
            "--title",
            "T",
        ]));
        let Ok(Invocation::Export { filter, format, .. }) = parsed else {
            panic!("not an export: {parsed:?}");
        };
        assert_eq!(format, Format::Qdpx);
        assert_eq!(filter.parties, ["US", "Russia"]);
        assert_eq!(filter.statuses, [FactStatus::Disputed]);
        assert!(filter.no_notes);
        let session = crate::sample::load().expect("sample");
        let options = resolve(&session, &filter, "x").expect("known names");
        assert_eq!(options.parties.len(), 2);
        assert_eq!(options.title, "T");
        let unknown = ExportFilter {
            parties: vec!["Atlantis".into()],
            ..ExportFilter::default()
        };
        let error = resolve(&session, &unknown, "x").expect_err("unknown party");
        assert!(error.contains("US, Russia, Syria"), "{error}");
    }

    #[test]
    fn rejects_bad_arguments() {
        assert!(parse(&args(&["export", "s.rashomon"])).is_err());
        assert!(parse(&args(&["export", "--format", "pdf", "s"])).is_err());
        assert!(
            parse(&args(&[
                "export", "s", "--format", "md", "--status", "maybe"
            ]))
            .is_err()
        );
        assert!(parse(&args(&["export", "s", "--format"])).is_err());
        assert!(parse(&args(&["--frobnicate"])).is_err());
    }
}
