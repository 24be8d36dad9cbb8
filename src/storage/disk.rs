//! What is on disk: a file's identity and a fingerprint of its content, remembered when a
//! session is opened or saved and checked before it is written again, the way editors
//! notice that another program (or another window) changed a file under them.

use std::hash::Hasher;
use std::path::Path;
use std::time::SystemTime;

/// A file as it was when it was last read or written here.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiskVersion {
    /// Device and inode (where the platform has them): an atomic save elsewhere makes a new
    /// file, so a change of identity alone says the file may have changed.
    identity: Option<(u64, u64)>,
    len: u64,
    modified: Option<SystemTime>,
    /// A fingerprint of the content (SipHash: a change of any byte changes it but for a
    /// chance of one in 2^64).
    content: u64,
}

/// How the file on disk compares with a remembered version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DiskCheck {
    /// The same content (the version given is the file's stamp now, maybe touched).
    Same(DiskVersion),
    /// Someone changed it: what is there now.
    Changed(DiskVersion),
    /// The file is gone (moved or deleted).
    Gone,
}

/// The fingerprint of a file's content.
pub fn fingerprint(bytes: &[u8]) -> u64 {
    // `DefaultHasher::new()` has fixed keys: the same bytes give the same number within a
    // build, which is all this needs (fingerprints are never written down).
    let mut hasher = std::hash::DefaultHasher::new();
    hasher.write(bytes);
    hasher.finish()
}

impl DiskVersion {
    /// The version of the file at `path` whose content is `bytes` (just read or written).
    pub fn of(path: &Path, bytes: &[u8]) -> Self {
        let meta = std::fs::metadata(path).ok();
        Self {
            identity: meta.as_ref().and_then(identity),
            len: bytes.len() as u64,
            modified: meta.and_then(|m| m.modified().ok()),
            content: fingerprint(bytes),
        }
    }

    /// (length, fingerprint) of the content, to write down in a recovery file.
    pub fn content(&self) -> [u64; 2] {
        [self.len, self.content]
    }

    /// A version known by its content only (from a recovery file): the first check reads
    /// the file. A fingerprint made by another build may differ: that reads as a change, and
    /// the analyst is asked, the safe way to be wrong.
    pub fn from_content([len, content]: [u64; 2]) -> Self {
        Self {
            identity: None,
            len,
            modified: None,
            content,
        }
    }

    /// Compares the file at `path` with this version: by its stamp first (no read when
    /// nothing about it changed), then by its content.
    pub fn check(&self, path: &Path) -> std::io::Result<DiskCheck> {
        let meta = match std::fs::metadata(path) {
            Ok(meta) => meta,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Ok(DiskCheck::Gone);
            }
            Err(error) => return Err(error),
        };
        if identity(&meta) == self.identity
            && meta.len() == self.len
            && meta.modified().ok() == self.modified
        {
            return Ok(DiskCheck::Same(self.clone()));
        }
        let bytes = std::fs::read(path)?;
        let now = Self::of(path, &bytes);
        if now.len == self.len && now.content == self.content {
            Ok(DiskCheck::Same(now))
        } else {
            Ok(DiskCheck::Changed(now))
        }
    }
}

#[cfg(unix)]
#[allow(clippy::unnecessary_wraps)] // `None` on other platforms.
fn identity(meta: &std::fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn identity(_: &std::fs::Metadata) -> Option<(u64, u64)> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_by_anyone_is_seen_and_a_touch_is_not() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("s.rashomon");
        std::fs::write(&path, b"version one").expect("write");
        let known = DiskVersion::of(&path, b"version one");
        assert!(matches!(known.check(&path), Ok(DiskCheck::Same(_))));
        // Replaced by another program's atomic save with the same content: the same.
        let other = dir.path().join("other");
        std::fs::write(&other, b"version one").expect("write");
        std::fs::rename(&other, &path).expect("rename");
        let Ok(DiskCheck::Same(touched)) = known.check(&path) else {
            panic!("same content");
        };
        assert_ne!(touched, known, "the stamp is refreshed");
        // Changed in place, same length: seen by its content.
        std::fs::write(&path, b"version two").expect("write");
        assert!(matches!(known.check(&path), Ok(DiskCheck::Changed(_))));
        std::fs::remove_file(&path).expect("remove");
        assert_eq!(known.check(&path).expect("check"), DiskCheck::Gone);
        assert_eq!(fingerprint(b"abc"), fingerprint(b"abc"));
        assert_ne!(fingerprint(b"abc"), fingerprint(b"abd"));
    }
}
