//! Recovery files: each open document autosaves into a file of its own in the recovery
//! folder, held with a [lock](super::lock) for as long as the window has it. At start, every
//! recovery file no live window holds is offered; one that cannot be read is kept under a
//! name of its own, never renamed over another.
//!
//! Two windows therefore never write into one recovery file, a window never offers the work
//! another window is still doing, and a crashed window's file (whose lock the operating
//! system let go) is offered at the next start.

use std::path::{Path, PathBuf};

use super::lock::{self, Lock, Locked};
use super::{Loaded, Recovery};
use crate::model::Session;

/// A recovery file this window writes to, and its lock.
#[derive(Debug)]
pub struct RecoveryFile {
    pub path: PathBuf,
    /// `None` where locks cannot be made: the file is still written, just not guarded.
    #[cfg_attr(
        not(test),
        allow(
            dead_code,
            reason = "held for its Drop: the lock lasts while the file is ours"
        )
    )]
    lock: Option<Lock>,
}

impl RecoveryFile {
    /// A new recovery file in `folder` for a document called `name`: a name no other window
    /// or run uses (the process id and the time, in nanoseconds).
    pub fn new(folder: &Path, name: &str) -> Self {
        static MADE: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let _ = std::fs::create_dir_all(folder);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let made = MADE.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let file = format!(
            "{}-{}-{nanos}-{made}.{}",
            slug(name),
            std::process::id(),
            super::EXTENSION
        );
        let path = folder.join(file);
        let lock = match lock::try_lock(&lock::lock_path_of(&path)) {
            Locked::Mine { lock, .. } => Some(lock),
            Locked::Theirs(_) | Locked::Unavailable(_) => None,
        };
        Self { path, lock }
    }

    /// Whether another window is kept from taking this file (the tests look with it).
    #[cfg(test)]
    fn is_locked(&self) -> bool {
        self.lock.is_some()
    }
}

/// Unsaved work found at start, waiting for the user's decision; its lock keeps any other
/// window from offering it meanwhile.
#[derive(Debug)]
pub struct Found {
    pub file: RecoveryFile,
    pub session: Session,
    pub recovery: Recovery,
    pub warnings: Vec<String>,
}

impl Found {
    /// "3 articles, 24 claims, 5 facts".
    pub fn counts(&self) -> String {
        let s = &self.session;
        let plural = |n: usize, one: &str| format!("{n} {one}{}", if n == 1 { "" } else { "s" });
        format!(
            "{}, {}, {}",
            plural(s.articles().len(), "article"),
            plural(s.claims().len(), "claim"),
            plural(s.facts().len(), "fact")
        )
    }
}

/// What a look into the recovery folder found.
#[derive(Debug, Default)]
pub struct Scan {
    /// Unsaved work of windows that are gone, newest first.
    pub found: Vec<Found>,
    /// Files that could not be read: where each was kept, and why it could not be read.
    pub unreadable: Vec<(PathBuf, String)>,
}

/// Looks for unsaved work in `folder` (and in `legacy`, the single recovery file of earlier
/// versions). Files a live window holds are left to it. Our own stale temporary files there
/// are removed.
pub fn scan(folder: &Path, legacy: Option<&Path>) -> Scan {
    super::write::clean_folder(folder, super::write::STALE_AFTER);
    let mut candidates: Vec<PathBuf> = std::fs::read_dir(folder)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == super::EXTENSION) && p.is_file())
                .collect()
        })
        .unwrap_or_default();
    candidates.sort();
    if let Some(legacy) = legacy.filter(|p| p.is_file()) {
        candidates.push(legacy.to_owned());
    }
    let mut scan = Scan::default();
    for path in candidates {
        let lock = match lock::try_lock(&lock::lock_path_of(&path)) {
            Locked::Mine { lock, .. } => Some(lock),
            // A live window's work in progress: not ours to offer.
            Locked::Theirs(_) => continue,
            Locked::Unavailable(_) => None,
        };
        match super::read_recovery(&path) {
            Ok((
                Loaded {
                    session, warnings, ..
                },
                recovery,
            )) => scan.found.push(Found {
                file: RecoveryFile { path, lock },
                session,
                recovery,
                warnings,
            }),
            Err(error) => {
                let kept = keep_aside(&path);
                scan.unreadable
                    .push((kept.unwrap_or(path), error.to_string()));
            }
        }
    }
    scan.found
        .sort_by_key(|f| std::cmp::Reverse(f.recovery.saved_at));
    scan
}

/// Moves an unreadable recovery file out of the way under a name no other file has
/// (`NAME.unreadable-DATE[-N]`), never over another file. Gives where it went.
pub fn keep_aside(path: &Path) -> Option<PathBuf> {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    for n in 0..1000 {
        let mut name = path.file_name()?.to_os_string();
        name.push(format!(".unreadable-{stamp}"));
        if n > 0 {
            name.push(format!("-{n}"));
        }
        let aside = path.with_file_name(name);
        // A hard link fails if the name is taken: no check-then-rename race.
        match std::fs::hard_link(path, &aside) {
            Ok(()) => {
                let _ = std::fs::remove_file(path);
                return Some(aside);
            }
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {}
            // No hard links here (some file systems): rename, having checked the name.
            Err(_) if !aside.exists() => return std::fs::rename(path, &aside).ok().map(|()| aside),
            Err(_) => {}
        }
    }
    None
}

/// A file-name-safe short form of a document's name.
fn slug(name: &str) -> String {
    let stem = name.strip_suffix(".rashomon").unwrap_or(name);
    let slug: String = stem
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .take(40)
        .collect();
    let slug = slug.trim_matches('-');
    if slug.is_empty() {
        "unsaved".to_owned()
    } else {
        slug.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recovery(name: &str) -> Recovery {
        Recovery {
            saved_at: chrono::Utc::now(),
            original: None,
            name: name.into(),
            original_content: None,
        }
    }

    #[test]
    fn each_document_has_its_own_file_and_a_held_one_is_not_offered() {
        let dir = tempfile::tempdir().expect("temp dir");
        let a = RecoveryFile::new(dir.path(), "Deir ez-Zor.rashomon");
        let b = RecoveryFile::new(dir.path(), "Deir ez-Zor.rashomon");
        assert_ne!(a.path, b.path);
        assert!(
            a.path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("Deir-ez-Zor-"))
        );
        assert!(a.is_locked());
        super::super::write_recovery(&a.path, &Session::new(), &recovery("a")).expect("writes");
        super::super::write_recovery(&b.path, &Session::new(), &recovery("b")).expect("writes");
        // Both windows still hold their files: nothing to offer.
        assert!(scan(dir.path(), None).found.is_empty());
        // Window b is gone (its lock with it): its work is offered, a's is not.
        drop(b);
        let found = scan(dir.path(), None).found;
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].recovery.name, "b");
        assert_eq!(found[0].counts(), "0 articles, 0 claims, 0 facts");
        // While offered here, another start does not offer it too.
        assert!(scan(dir.path(), None).found.is_empty());
    }

    #[test]
    fn unreadable_files_are_each_kept_under_a_name_of_their_own() {
        let dir = tempfile::tempdir().expect("temp dir");
        let legacy = dir.path().join("recovery.rashomon");
        let folder = dir.path().join("recovery");
        std::fs::create_dir(&folder).expect("folder");
        let mut kept = Vec::new();
        for round in 0..3 {
            std::fs::write(&legacy, format!("damaged {round}")).expect("write");
            let scan = scan(&folder, Some(&legacy));
            assert!(scan.found.is_empty());
            assert_eq!(scan.unreadable.len(), 1);
            kept.push(scan.unreadable[0].0.clone());
        }
        assert!(!legacy.exists());
        kept.sort();
        kept.dedup();
        assert_eq!(kept.len(), 3, "three files, three names: {kept:?}");
        let mut texts: Vec<String> = kept
            .iter()
            .map(|p| std::fs::read_to_string(p).expect("kept"))
            .collect();
        texts.sort();
        assert_eq!(texts, ["damaged 0", "damaged 1", "damaged 2"]);
    }
}
