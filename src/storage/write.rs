//! Where and how a file is written: atomically, through symbolic links, keeping the mode and
//! owner of the file replaced, never renaming over a device or a pipe, and cleaning up the
//! temporary files an interrupted write of ours left behind.
//!
//! Every write of a session, a recovery file or an export goes through [`write_atomic`].

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Every temporary file this app makes has this in its name (`.NAME.rashomon-PID-N.tmp`), so
/// a cleanup can never mistake another program's file for one of ours.
const TEMP_MARK: &str = ".rashomon-";
const TEMP_SUFFIX: &str = ".tmp";

/// A temporary file of ours older than this whose process is gone is left over from a write
/// that was interrupted (a kill, a crash, a power cut): it is removed. Younger ones may still
/// be written by another window, on this machine or another one sharing the folder.
pub const STALE_AFTER: Duration = Duration::from_secs(60);

/// Links followed before giving up (a loop of links).
const MAX_LINKS: usize = 40;

/// Writes `bytes` to `path` so that the file is either the old one or the complete new one,
/// never a mix: into a temporary file in the same folder, flushed to disk, then renamed over.
///
/// - A symbolic link is followed, and the file it points to is replaced in its own folder
///   (the link stays a link: a cloud folder behind it gets the new version).
/// - The replaced file's permissions (and owner, where the system allows) are kept: a 0600
///   session stays 0600. A new file gets the user's umask.
/// - A device or a pipe (`/dev/null`, `/dev/stdout`, a FIFO) is written to directly: renaming
///   over it would replace it with a regular file. Other special files are refused.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_with(path, |out| out.write_all(bytes))
}

/// [`write_atomic`] with the content made by `write` straight into the temporary file (through
/// a buffer), so an export too large to hold twice in memory is never held whole. A failure
/// of `write` leaves the old file as it was.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let path = resolve_links(path)?;
    let existing = std::fs::metadata(&path).ok();
    if let Some(meta) = &existing {
        if meta.is_dir() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::IsADirectory,
                "it is a folder",
            ));
        }
        if !meta.is_file() {
            return write_special(&path, meta, write);
        }
    }
    let folder = folder_of(&path);
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, "no file name"))?;
    clean_stale_temporaries(&folder, name, STALE_AFTER);
    let temp = folder.join(temp_name(name));
    let result = (|| {
        // A new file is made as any new file of the user's is (0666 less the umask).
        let file = create_temporary(&temp, existing.is_some())?;
        if let Some(meta) = &existing {
            keep_owner_and_mode(&file, meta);
        }
        let mut buffered = std::io::BufWriter::with_capacity(1 << 16, file);
        write(&mut buffered)?;
        let file = buffered
            .into_inner()
            .map_err(std::io::IntoInnerError::into_error)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&temp, &path)?;
        // Make the rename itself durable where the platform allows it.
        if let Ok(dir) = std::fs::File::open(&folder) {
            let _ = dir.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

/// The file a path names once symbolic links are followed; a link to a file that does not
/// exist yet gives the path the file will have.
pub fn resolve_links(path: &Path) -> std::io::Result<PathBuf> {
    let mut current = path.to_owned();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = std::fs::read_link(&current)?;
                current = if target.is_absolute() {
                    target
                } else {
                    folder_of(&current).join(target)
                };
            }
            _ => return Ok(current),
        }
    }
    Err(std::io::Error::new(
        std::io::ErrorKind::InvalidInput,
        "too many symbolic links (a loop?)",
    ))
}

/// The folder a file is in ("." for a bare name).
pub fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// A name of its own for every write, even two at once in one process: two writes that
/// shared one would remove or rename each other's file.
fn temp_name(name: &std::ffi::OsStr) -> OsString {
    static WRITES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let write = WRITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let mut temp = OsString::from(".");
    temp.push(name);
    temp.push(format!(
        "{TEMP_MARK}{}-{write}{TEMP_SUFFIX}",
        std::process::id()
    ));
    temp
}

/// Whether `file_name` is a temporary file this app made for `name`; gives its process id.
fn temporary_of(file_name: &str, name: &str) -> Option<u32> {
    let rest = file_name
        .strip_prefix('.')?
        .strip_prefix(name)?
        .strip_prefix(TEMP_MARK)?
        .strip_suffix(TEMP_SUFFIX)?;
    let (pid, write) = rest.split_once('-')?;
    if write.is_empty() || !write.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    pid.parse().ok()
}

/// Removes temporary files of ours for `name` in `folder` left over from interrupted writes:
/// only names of our own pattern, only older than `min_age`, and only when the process that
/// made them is gone (or, where that cannot be told, when they are a day old). Returns how
/// many were removed.
pub fn clean_stale_temporaries(folder: &Path, name: &std::ffi::OsStr, min_age: Duration) -> usize {
    let Some(name) = name.to_str() else {
        return 0;
    };
    let Ok(entries) = std::fs::read_dir(folder) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.filter_map(Result::ok) {
        let file_name = entry.file_name();
        let Some(pid) = file_name.to_str().and_then(|f| temporary_of(f, name)) else {
            continue;
        };
        let Ok(meta) = entry.metadata() else { continue };
        if !meta.is_file() {
            continue;
        }
        let age = meta
            .modified()
            .ok()
            .and_then(|m| m.elapsed().ok())
            .unwrap_or_default();
        let stale = match super::lock::process_is_alive(pid) {
            Some(true) => false,
            Some(false) => age >= min_age,
            None => age >= Duration::from_secs(24 * 60 * 60).max(min_age),
        };
        if stale && pid != std::process::id() && std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Removes every stale temporary file of ours in `folder`, whatever file it was for (at
/// start, in the recovery folder and the session's folder).
pub fn clean_folder(folder: &Path, min_age: Duration) -> usize {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return 0;
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().into_string().ok())
        .filter_map(|f| {
            let inner = f.strip_prefix('.')?;
            let at = inner.rfind(TEMP_MARK)?;
            let name = &inner[..at];
            temporary_of(&f, name).map(|_| name.to_owned())
        })
        .collect();
    names.sort();
    names.dedup();
    names
        .iter()
        .map(|name| clean_stale_temporaries(folder, name.as_ref(), min_age))
        .sum()
}

/// Creates the temporary file; one that replaces a file starts readable by its owner only,
/// so the content is never more readable than the file it replaces, even for the moment
/// before that file's mode is copied.
fn create_temporary(path: &Path, private: bool) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    if private {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    #[cfg(not(unix))]
    let _ = private;
    options.open(path)
}

/// Gives the new file the replaced file's permissions and, where permitted, its owner.
fn keep_owner_and_mode(file: &std::fs::File, old: &std::fs::Metadata) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // Only root may give a file away; a user may set the group to one of their own.
        // Failing here leaves the file as the user's own, which is what a new file would be.
        let _ = std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid()));
    }
    let _ = file.set_permissions(old.permissions());
}

/// Writes to a device or a pipe as a shell redirection would; refuses other special files
/// (a block device is a disk, a socket is not a file).
fn write_special(
    path: &Path,
    meta: &std::fs::Metadata,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = meta.file_type();
        if kind.is_char_device() || kind.is_fifo() {
            let file = std::fs::OpenOptions::new().write(true).open(path)?;
            let mut buffered = std::io::BufWriter::with_capacity(1 << 16, file);
            write(&mut buffered)?;
            return buffered.flush();
        }
    }
    let _ = (path, meta, write);
    Err(std::io::Error::new(
        std::io::ErrorKind::InvalidInput,
        "it is a special file (not a regular file, a character device or a pipe)",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .expect("list")
            .filter_map(Result::ok)
            .filter_map(|e| e.file_name().into_string().ok())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_write_that_fails_half_way_leaves_the_old_file() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("report.json");
        std::fs::write(&path, b"old").expect("old file");
        let failed = write_atomic_with(&path, |out| {
            out.write_all(&vec![b'x'; 200_000])?;
            Err(std::io::Error::other("the export failed"))
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read(&path).expect("read"), b"old");
        assert_eq!(names_in(dir.path()), vec!["report.json".to_owned()]);
        // Streamed in pieces, the file is what was written, whole.
        write_atomic_with(&path, |out| {
            for _ in 0..1_000 {
                out.write_all(&[b'y'; 1_000])?;
            }
            Ok(())
        })
        .expect("writes");
        assert_eq!(std::fs::read(&path).expect("read"), vec![b'y'; 1_000_000]);
    }

    #[test]
    fn temporary_names_are_recognised_exactly() {
        let temp = temp_name("s.rashomon".as_ref());
        let temp = temp.to_str().expect("utf-8");
        assert_eq!(temporary_of(temp, "s.rashomon"), Some(std::process::id()));
        for other in [
            ".s.rashomon.tmp",
            "s.rashomon-12-3.tmp",
            ".s.rashomon.rashomon-12-.tmp",
            ".s.rashomon.rashomon-x-3.tmp",
            ".s.rashomon.rashomon-12-3.tmp.bak",
            ".t.rashomon.rashomon-12-3.tmp",
        ] {
            assert_eq!(temporary_of(other, "s.rashomon"), None, "{other}");
        }
    }

    #[test]
    fn stale_temporaries_of_ours_go_and_nothing_else() {
        let dir = tempfile::tempdir().expect("temp dir");
        let old = std::time::SystemTime::now() - Duration::from_secs(3600);
        // A process id that cannot be running (above Linux's maximum).
        let dead = ".s.rashomon.rashomon-4999999-1.tmp";
        let mine = format!(".s.rashomon.rashomon-{}-999.tmp", std::process::id());
        let others = [
            ".s.rashomon.tmp",
            "s.rashomon~",
            ".other.rashomon-4999999-x.tmp",
        ];
        for name in [dead, mine.as_str()].into_iter().chain(others) {
            let file = std::fs::File::create(dir.path().join(name)).expect("create");
            file.set_modified(old).expect("age");
        }
        let young = ".s.rashomon.rashomon-4999998-1.tmp";
        std::fs::write(dir.path().join(young), b"x").expect("young");
        write_atomic(&dir.path().join("s.rashomon"), b"new").expect("writes");
        let left = names_in(dir.path());
        assert!(!left.contains(&dead.to_owned()), "{left:?}");
        #[cfg(target_os = "linux")]
        assert!(
            left.contains(&young.to_owned()),
            "too young to be stale: {left:?}"
        );
        assert!(
            left.contains(&mine),
            "this process's own file stays: {left:?}"
        );
        for other in others {
            assert!(
                left.contains(&other.to_owned()),
                "{other} is not ours: {left:?}"
            );
        }
        assert_eq!(
            clean_folder(dir.path(), Duration::ZERO),
            usize::from(cfg!(target_os = "linux"))
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_stays_a_link_and_its_target_is_written() {
        let dir = tempfile::tempdir().expect("temp dir");
        let cloud = dir.path().join("cloud");
        std::fs::create_dir(&cloud).expect("folder");
        let target = cloud.join("s.rashomon");
        std::fs::write(&target, b"old").expect("write");
        let link = dir.path().join("link.rashomon");
        std::os::unix::fs::symlink("cloud/s.rashomon", &link).expect("link");
        let chain = dir.path().join("chain.rashomon");
        std::os::unix::fs::symlink(&link, &chain).expect("link to a link");
        write_atomic(&chain, b"new").expect("writes");
        assert!(
            std::fs::symlink_metadata(&link)
                .expect("meta")
                .file_type()
                .is_symlink()
        );
        assert!(
            std::fs::symlink_metadata(&chain)
                .expect("meta")
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&target).expect("read"), b"new");
        assert_eq!(names_in(&cloud), ["s.rashomon"]);
        let looped = dir.path().join("loop");
        std::os::unix::fs::symlink(&looped, &looped).expect("loop");
        assert!(write_atomic(&looped, b"x").is_err());
    }

    #[cfg(unix)]
    #[test]
    fn the_mode_of_the_replaced_file_is_kept_and_new_files_get_the_umask() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("secret.rashomon");
        std::fs::write(&path, b"old").expect("write");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
        write_atomic(&path, b"new").expect("writes");
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        write_atomic(&path, b"newer").expect("writes");
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        let fresh = dir.path().join("fresh.rashomon");
        write_atomic(&fresh, b"new").expect("writes");
        let plain = dir.path().join("plain");
        std::fs::File::create(&plain).expect("create");
        let mode_of = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
        assert_eq!(
            mode_of(&fresh),
            mode_of(&plain),
            "as any new file of the user's"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_written_to_not_replaced() {
        use std::os::unix::fs::FileTypeExt;
        write_atomic(Path::new("/dev/null"), b"report").expect("writes to the device");
        assert!(
            std::fs::metadata("/dev/null")
                .expect("meta")
                .file_type()
                .is_char_device()
        );
        let dir = tempfile::tempdir().expect("temp dir");
        assert!(
            write_atomic(dir.path(), b"x").is_err(),
            "a folder is refused"
        );
    }
}
