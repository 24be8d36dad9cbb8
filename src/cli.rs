//! The command line: `rashomon [FILE…]` opens the app, `rashomon export …` writes a report
//! without a window.

use std::path::PathBuf;

use crate::export::Format;

pub const USAGE: &str = "\
Rashomon — compare how parties narrate the same event

Usage:
  rashomon                      open the bundled sample session
  rashomon FILE…                open articles (.txt, .md) and/or a session (.rashomon)
  rashomon export SESSION --format html|md [-o OUT]
                                write a comparison report (to stdout without -o)
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
    },
    Help,
    Version,
}

/// Parses the arguments after the program name.
pub fn parse(args: &[String]) -> Result<Invocation, String> {
    match args.first().map(String::as_str) {
        Some("-h" | "--help" | "help") => Ok(Invocation::Help),
        Some("-V" | "--version") => Ok(Invocation::Version),
        Some("export") => parse_export(&args[1..]),
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

fn parse_export(args: &[String]) -> Result<Invocation, String> {
    let mut session = None;
    let mut format = None;
    let mut output = None;
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
                format = Some(
                    Format::parse(&name)
                        .ok_or_else(|| format!("unknown format {name:?} (use html or md)"))?,
                );
            }
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
        format: format.ok_or("export needs --format html or --format md")?,
        output,
    })
}

/// Runs `rashomon export`: reads the session and writes the report. Returns a message for
/// the user on failure.
pub fn export(
    session: &std::path::Path,
    format: Format,
    output: Option<&std::path::Path>,
) -> Result<(), String> {
    let loaded = crate::storage::load(session).map_err(|e| e.to_string())?;
    for warning in &loaded.warnings {
        eprintln!("warning: {warning}");
    }
    let stem = session
        .file_stem()
        .map_or_else(|| "session".into(), |s| s.to_string_lossy());
    let text = format.render(&loaded.session, &format!("Rashomon comparison: {stem}"));
    if let Some(path) = output {
        crate::storage::write_atomic(path, text.as_bytes())
            .map_err(|e| format!("cannot write {}: {e}", path.display()))
    } else {
        use std::io::Write;
        std::io::stdout()
            .write_all(text.as_bytes())
            .map_err(|e| format!("cannot write to stdout: {e}"))
    }
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
                output: Some("r.md".into())
            })
        );
        assert_eq!(parse(&args(&["--help"])), Ok(Invocation::Help));
    }

    #[test]
    fn rejects_bad_arguments() {
        assert!(parse(&args(&["export", "s.rashomon"])).is_err());
        assert!(parse(&args(&["export", "--format", "pdf", "s"])).is_err());
        assert!(parse(&args(&["export", "s", "--format"])).is_err());
        assert!(parse(&args(&["--frobnicate"])).is_err());
    }
}
