//! Who has a file open: a lock file beside it (`.NAME.lock`) that says which process on which
//! machine holds it, held with an advisory lock of the operating system.
//!
//! The operating system lets go of the advisory lock when its process ends however it ends
//! (a crash, a kill, a power cut takes the machine's locks with it), so a lock file whose
//! lock can be taken is stale, whatever it says; process ids that were reused cannot fool it.
//! The file's text (process, host, user, since when) is only there to tell the user who.

use std::fs::File;
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Who holds a lock, as its lock file says.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    pub pid: u32,
    pub host: String,
    pub user: String,
    pub since: chrono::DateTime<chrono::Utc>,
}

impl Holder {
    /// This process, now.
    pub fn me() -> Self {
        Self {
            pid: std::process::id(),
            host: host_name().unwrap_or_default(),
            user: user_name().unwrap_or_default(),
            since: chrono::Utc::now(),
        }
    }

    /// "process 1234 of ana on laptop, since 10:32" for messages.
    pub fn describe(&self) -> String {
        let mut text = format!("process {}", self.pid);
        if !self.user.is_empty() {
            text.push_str(" of ");
            text.push_str(&self.user);
        }
        if !self.host.is_empty() {
            text.push_str(" on ");
            text.push_str(&self.host);
        }
        let since = self.since.with_timezone(&chrono::Local);
        text.push_str(&since.format(", since %Y-%m-%d %H:%M").to_string());
        text
    }
}

/// A lock this process holds; dropping it removes the lock file and lets go.
#[derive(Debug)]
pub struct Lock {
    file: File,
    path: PathBuf,
}

/// What trying to lock a file gave.
#[derive(Debug)]
pub enum Locked {
    /// This process holds it now (`stale` tells who held it before and is gone).
    Mine { lock: Lock, stale: Option<Holder> },
    /// Another live process holds it (who, if its file says).
    Theirs(Option<Holder>),
    /// Locks cannot be made there (a read-only folder, a file system without locks).
    Unavailable(std::io::Error),
}

/// The lock file of a session: `.NAME.lock` beside the file a link points to.
pub fn lock_path_of(session: &Path) -> PathBuf {
    let real = super::write::resolve_links(session).unwrap_or_else(|_| session.to_owned());
    let mut name = std::ffi::OsString::from(".");
    name.push(real.file_name().unwrap_or_default());
    name.push(".lock");
    super::write::folder_of(&real).join(name)
}

/// Tries to take the lock file at `path` for this process.
pub fn try_lock(path: &Path) -> Locked {
    let opened = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path);
    let mut file = match opened {
        Ok(file) => file,
        Err(error) => return Locked::Unavailable(error),
    };
    match file.try_lock() {
        Ok(()) => {
            let stale = read_holder(&mut file).filter(|h| h.pid != std::process::id());
            let me = serde_json::to_string(&Holder::me()).unwrap_or_default();
            let written = file
                .set_len(0)
                .and_then(|()| file.rewind())
                .and_then(|()| file.write_all(me.as_bytes()))
                .and_then(|()| file.flush());
            if let Err(error) = written {
                return Locked::Unavailable(error);
            }
            Locked::Mine {
                lock: Lock {
                    file,
                    path: path.to_owned(),
                },
                stale,
            }
        }
        Err(std::fs::TryLockError::WouldBlock) => Locked::Theirs(read_holder(&mut file)),
        Err(std::fs::TryLockError::Error(error)) => Locked::Unavailable(error),
    }
}

/// Whether another live process holds the lock file at `path` (without taking it; the tests
/// look with it).
#[cfg(test)]
fn is_held(path: &Path) -> bool {
    let Ok(file) = File::open(path) else {
        return false;
    };
    match file.try_lock_shared() {
        Ok(()) => {
            let _ = file.unlock();
            false
        }
        Err(std::fs::TryLockError::WouldBlock) => true,
        Err(std::fs::TryLockError::Error(_)) => false,
    }
}

fn read_holder(file: &mut File) -> Option<Holder> {
    let mut text = String::new();
    file.rewind().ok()?;
    file.take(4096).read_to_string(&mut text).ok()?;
    serde_json::from_str(&text).ok()
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while still held, so nobody takes a lock on a file about to vanish.
        let _ = std::fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

/// Whether the process `pid` is running on this machine; `None` where that cannot be told
/// without unsafe code (everywhere but Linux, whose `/proc` says).
pub fn process_is_alive(pid: u32) -> Option<bool> {
    if cfg!(target_os = "linux") {
        Some(Path::new("/proc").join(pid.to_string()).exists())
    } else {
        None
    }
}

/// This machine's name, for telling the user where a file is held.
pub fn host_name() -> Option<String> {
    let name = if cfg!(target_os = "linux") {
        std::fs::read_to_string("/proc/sys/kernel/hostname").ok()
    } else {
        None
    }
    .or_else(|| std::env::var("HOSTNAME").ok())
    .or_else(|| std::env::var("COMPUTERNAME").ok())?;
    let name = name.trim().to_owned();
    (!name.is_empty()).then_some(name)
}

/// The user's login name (also the default analyst name).
pub fn user_name() -> Option<String> {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .ok()
        .filter(|n| !n.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_is_told_who_and_a_dropped_lock_frees_the_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let session = dir.path().join("s.rashomon");
        let path = lock_path_of(&session);
        assert_eq!(path, dir.path().join(".s.rashomon.lock"));
        let Locked::Mine { lock, stale } = try_lock(&path) else {
            panic!("the first takes it");
        };
        assert!(stale.is_none());
        assert!(is_held(&path));
        // A second open file description is another holder, as another process would be.
        match try_lock(&path) {
            Locked::Theirs(Some(holder)) => {
                assert_eq!(holder.pid, std::process::id());
                assert!(holder.describe().contains("process"));
            }
            other => panic!("held: {other:?}"),
        }
        drop(lock);
        assert!(!path.exists(), "the lock file goes with the lock");
        assert!(matches!(try_lock(&path), Locked::Mine { .. }));
    }

    #[test]
    fn a_lock_file_nobody_holds_is_stale_and_taken_over() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join(".s.rashomon.lock");
        let gone = Holder {
            pid: 4_999_999,
            host: "elsewhere".into(),
            user: "ana".into(),
            since: chrono::Utc::now(),
        };
        std::fs::write(&path, serde_json::to_string(&gone).expect("json")).expect("write");
        assert!(!is_held(&path));
        match try_lock(&path) {
            Locked::Mine { stale, .. } => assert_eq!(stale, Some(gone)),
            other => panic!("stale: {other:?}"),
        }
        let unwritable = dir.path().join("missing-folder").join(".x.lock");
        assert!(matches!(try_lock(&unwritable), Locked::Unavailable(_)));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn this_process_is_alive_and_an_impossible_one_is_not() {
        assert_eq!(process_is_alive(std::process::id()), Some(true));
        assert_eq!(process_is_alive(4_999_999), Some(false));
    }
}
