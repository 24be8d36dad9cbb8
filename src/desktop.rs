//! `rashomon install-desktop`: the desktop entry, the `.rashomon` file type, the icon and
//! the AppStream metainfo, put in the user's data folder (found by the `dirs` crate:
//! `$XDG_DATA_HOME`, else `~/.local/share`) so file managers open sessions in Rashomon.
//! These are freedesktop.org conventions; on other systems the command says so.

use std::path::{Path, PathBuf};

/// The application id: the file names and the icon name.
pub const APP_ID: &str = "io.github.rashomon.Rashomon";

const DESKTOP: &str = include_str!("../assets/desktop/io.github.rashomon.Rashomon.desktop");
const MIME: &str = include_str!("../assets/desktop/io.github.rashomon.Rashomon.xml");
const METAINFO: &str = include_str!("../assets/desktop/io.github.rashomon.Rashomon.metainfo.xml");
const SVG: &[u8] = include_bytes!("../assets/icons/rashomon.svg");
/// The icon in the sizes desktops ask for.
pub const PNGS: [(u32, &[u8]); 6] = [
    (16, include_bytes!("../assets/icons/rashomon-16.png")),
    (32, include_bytes!("../assets/icons/rashomon-32.png")),
    (48, include_bytes!("../assets/icons/rashomon-48.png")),
    (64, include_bytes!("../assets/icons/rashomon-64.png")),
    (128, include_bytes!("../assets/icons/rashomon-128.png")),
    (256, include_bytes!("../assets/icons/rashomon-256.png")),
];

/// Every file installed, relative to the data folder, with its contents. The desktop entry
/// runs `program` (the binary that installs it, so a `cargo install`ed one is found).
fn files(program: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let exec = format!("Exec=\"{}\" %F", program.display());
    let desktop = DESKTOP.replace("Exec=rashomon %F", &exec);
    let mut files = vec![
        (
            PathBuf::from(format!("applications/{APP_ID}.desktop")),
            desktop.into_bytes(),
        ),
        (
            PathBuf::from(format!("mime/packages/{APP_ID}.xml")),
            MIME.as_bytes().to_vec(),
        ),
        (
            PathBuf::from(format!("metainfo/{APP_ID}.metainfo.xml")),
            METAINFO.as_bytes().to_vec(),
        ),
        (
            PathBuf::from(format!("icons/hicolor/scalable/apps/{APP_ID}.svg")),
            SVG.to_vec(),
        ),
    ];
    for (size, png) in PNGS {
        files.push((
            PathBuf::from(format!("icons/hicolor/{size}x{size}/apps/{APP_ID}.png")),
            png.to_vec(),
        ));
    }
    files
}

/// The folder desktop files go in.
pub fn data_dir() -> Result<PathBuf, String> {
    dirs::data_dir().ok_or_else(|| "no data folder for this user (is HOME set?)".to_owned())
}

/// Installs (or with `uninstall`, removes) the files under `data`; returns a line for each.
/// Then refreshes the desktop's caches where the tools for it are installed.
pub fn install(data: &Path, program: &Path, uninstall: bool) -> Result<Vec<String>, String> {
    if !cfg!(all(unix, not(target_os = "macos"))) {
        return Err("desktop entries are a freedesktop.org (Linux, BSD) convention".into());
    }
    let mut lines = Vec::new();
    for (relative, contents) in files(program) {
        let path = data.join(&relative);
        if uninstall {
            match std::fs::remove_file(&path) {
                Ok(()) => lines.push(format!("removed {}", path.display())),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(format!("cannot remove {}: {e}", path.display())),
            }
        } else {
            if let Some(folder) = path.parent() {
                std::fs::create_dir_all(folder)
                    .map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
            }
            crate::storage::write_atomic(&path, &contents)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            lines.push(format!("wrote {}", path.display()));
        }
    }
    // Best effort: without these tools the desktop picks the files up at next login.
    for (tool, folder) in [
        ("update-mime-database", "mime"),
        ("update-desktop-database", "applications"),
    ] {
        let _ = std::process::Command::new(tool)
            .arg(data.join(folder))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status();
    }
    Ok(lines)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_window_icon_decodes_at_its_size() {
        let icon = eframe::icon_data::from_png_bytes(super::PNGS[5].1).expect("a PNG eframe reads");
        assert_eq!((icon.width, icon.height), (256, 256));
    }
}
