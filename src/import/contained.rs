//! Untrusted files are read where a crash, a hang or a memory blow-up cannot reach the
//! session or the window: in a child process — this program started again as a worker
//! (`rashomon import-worker FILE`) — with a memory limit and a CPU-time limit of its own
//! (setrlimit), no standard input, no inherited files, an empty environment, and a wall-clock
//! limit the parent enforces by killing it. Its result comes back as JSON on its standard
//! output; a crash, a limit or a timeout becomes a clear error naming the file, and the rest
//! of a batch goes on.
//!
//! Every importer goes through here (the window's open and reload, `rashomon import`,
//! `rashomon suggest`), whatever the format: containment is not case by case. Where no worker
//! program is known (unit tests, fuzzing) the file is read in this process.

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::{ImportError, ImportedArticle};
use crate::model::ArticleMeta;

/// How much memory (address space) a worker may use by default.
pub const MEMORY_LIMIT_MB: u64 = 1536;
/// How long a worker may take by default, in seconds of wall-clock (and of CPU) time.
pub const TIME_LIMIT_SECONDS: u64 = 30;

static WORKER: OnceLock<PathBuf> = OnceLock::new();

/// Reads untrusted files with `program` started as a worker (the `rashomon` binary). Set once,
/// at start; without it files are read in this process.
pub fn use_worker(program: PathBuf) {
    let _ = WORKER.set(program);
}

static LIMITS: OnceLock<(u64, u64)> = OnceLock::new();

/// Sets the memory (MB) and time (s) limits of workers for this process (tests, fuzzing).
pub fn set_limits(megabytes: u64, seconds: u64) {
    let _ = LIMITS.set((megabytes.max(64), seconds.max(1)));
}

/// The limits in force: set by [`set_limits`], else `RASHOMON_IMPORT_MEGABYTES` and
/// `RASHOMON_IMPORT_SECONDS` when set (for machines that need more), else the defaults.
pub fn limits() -> (u64, u64) {
    if let Some(limits) = LIMITS.get() {
        return *limits;
    }
    let read = |name: &str, default: u64| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.trim().parse::<u64>().ok())
            .filter(|v| *v > 0)
            .unwrap_or(default)
    };
    (
        read("RASHOMON_IMPORT_MEGABYTES", MEMORY_LIMIT_MB),
        read("RASHOMON_IMPORT_SECONDS", TIME_LIMIT_SECONDS),
    )
}

/// What a worker writes on its standard output.
#[derive(Serialize, Deserialize)]
enum Wire {
    Article {
        meta: ArticleMeta,
        text: String,
        encoding: String,
    },
    /// The importer refused the file; its message (which names the file).
    Refused { message: String },
}

/// Reads an article file, contained.
pub fn import_file(path: &Path) -> Result<ImportedArticle, ImportError> {
    read(path, None)
}

/// Reads an article file in the given text encoding, contained.
pub fn import_file_as(path: &Path, encoding: &str) -> Result<ImportedArticle, ImportError> {
    read(path, Some(encoding))
}

fn read(path: &Path, encoding: Option<&str>) -> Result<ImportedArticle, ImportError> {
    let Some(worker) = WORKER.get() else {
        return match encoding {
            Some(encoding) => super::import_file_as(path, encoding),
            None => super::import_file(path),
        };
    };
    // Cheap refusals need no process (and give the same messages as before).
    let metadata = std::fs::metadata(path).map_err(|source| ImportError::Io {
        path: path.to_owned(),
        source,
    })?;
    if metadata.is_dir() {
        return Err(ImportError::Folder(path.to_owned()));
    }
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let (megabytes, seconds) = limits();
    let mut command = Command::new(worker);
    command
        .arg("import-worker")
        .arg(&absolute)
        .env_clear()
        .env("RASHOMON_IMPORT_MEGABYTES", megabytes.to_string())
        .env("RASHOMON_IMPORT_SECONDS", seconds.to_string())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(encoding) = encoding {
        command.arg("--encoding").arg(encoding);
    }
    // Windows cannot start a program without its system folder in the environment.
    #[cfg(windows)]
    if let Some(root) = std::env::var_os("SystemRoot") {
        command.env("SystemRoot", root);
    }
    let failed = |reason: String| ImportError::ReaderFailed {
        path: path.to_owned(),
        reason,
    };
    let mut child = command
        .spawn()
        .map_err(|e| failed(format!("the reader could not be started: {e}")))?;
    // Both pipes are drained on threads, so a chatty worker never blocks on a full pipe.
    let stdout = child.stdout.take().map(|mut out| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = out.read_to_end(&mut bytes);
            bytes
        })
    });
    let stderr = child.stderr.take().map(|err| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = err.take(64 * 1024).read_to_end(&mut bytes);
            bytes
        })
    });
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut timed_out = false;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if Instant::now() >= deadline => {
                timed_out = true;
                let _ = child.kill();
                break child.wait().ok();
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(_) => break None,
        }
    };
    let out = stdout.and_then(|t| t.join().ok()).unwrap_or_default();
    let err = stderr.and_then(|t| t.join().ok()).unwrap_or_default();
    let err = String::from_utf8_lossy(&err);
    if timed_out {
        return Err(ImportError::TookTooLong {
            path: path.to_owned(),
            seconds,
        });
    }
    match status {
        Some(status) if status.success() => match serde_json::from_slice::<Wire>(&out) {
            Ok(Wire::Article {
                meta,
                text,
                encoding,
            }) => Ok(ImportedArticle {
                meta,
                text,
                encoding: intern(&encoding),
            }),
            // The worker was given the absolute path; the message names the file as given.
            Ok(Wire::Refused { message }) => Err(ImportError::Refused {
                path: path.to_owned(),
                message: message
                    .replace(&absolute.display().to_string(), &path.display().to_string()),
            }),
            Err(error) => Err(failed(format!("its answer could not be read: {error}"))),
        },
        Some(status) => Err(why_it_stopped(path, status, &err, (megabytes, seconds))),
        None => Err(failed("the reader vanished".to_owned())),
    }
}

/// What a worker that did not finish well ran into, from its exit and its last words.
fn why_it_stopped(
    path: &Path,
    status: ExitStatus,
    err: &str,
    (megabytes, seconds): (u64, u64),
) -> ImportError {
    let path = path.to_owned();
    if err.contains("memory allocation of") || err.contains("capacity overflow") {
        return ImportError::TooLargeInMemory { path, megabytes };
    }
    if err.contains("overflowed its stack") {
        return ImportError::NestedTooDeeply(path);
    }
    if signal_of(status) == Some(24) {
        // SIGXCPU: the CPU-time limit.
        return ImportError::TookTooLong { path, seconds };
    }
    let reason = err
        .lines()
        .find(|line| line.contains("panicked") || line.starts_with("Error"))
        .map(|line| line.trim().to_owned())
        .or_else(|| err.lines().next().map(|l| l.trim().to_owned()))
        .filter(|l| !l.is_empty())
        .unwrap_or_else(|| format!("it stopped ({status})"));
    ImportError::ReaderFailed { path, reason }
}

#[cfg(unix)]
fn signal_of(status: ExitStatus) -> Option<i32> {
    use std::os::unix::process::ExitStatusExt as _;
    status.signal()
}

#[cfg(not(unix))]
fn signal_of(_status: ExitStatus) -> Option<i32> {
    None
}

/// Encoding names are few and live as long as the program: each distinct one is kept once.
fn intern(name: &str) -> &'static str {
    static NAMES: OnceLock<std::sync::Mutex<Vec<&'static str>>> = OnceLock::new();
    let names = NAMES.get_or_init(Default::default);
    let mut names = names
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(found) = names.iter().find(|n| **n == name) {
        return found;
    }
    let kept: &'static str = Box::leak(name.to_owned().into_boxed_str());
    names.push(kept);
    kept
}

/// The worker's side: limits itself, reads the file, writes the result to standard output.
/// Its exit code is 0 whenever it could say something (an article or a refusal).
pub fn run_worker(path: &Path, encoding: Option<&str>) -> std::process::ExitCode {
    limit_self();
    let result = match encoding {
        Some(encoding) => super::import_file_as(path, encoding),
        None => super::import_file(path),
    };
    let wire = match result {
        Ok(article) => Wire::Article {
            meta: article.meta,
            text: article.text,
            encoding: article.encoding.to_owned(),
        },
        Err(error) => Wire::Refused {
            message: error.to_string(),
        },
    };
    let stdout = std::io::stdout();
    match serde_json::to_writer(stdout.lock(), &wire) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(_) => std::process::ExitCode::FAILURE,
    }
}

#[cfg(unix)]
fn limit_self() {
    let (megabytes, seconds) = limits();
    let bytes = megabytes.saturating_mul(1024 * 1024);
    let _ = rlimit::setrlimit(rlimit::Resource::AS, bytes, bytes);
    // The parent kills the worker at the wall-clock limit; the CPU limit is a backstop.
    let cpu = seconds.saturating_add(5);
    let _ = rlimit::setrlimit(rlimit::Resource::CPU, cpu, cpu);
    // No core files of hostile input.
    let _ = rlimit::setrlimit(rlimit::Resource::CORE, 0, 0);
}

#[cfg(not(unix))]
fn limit_self() {}
