//! Registering Warraq with the Linux desktop: a `.desktop` entry, an icon and
//! a MIME type for `*.warraq.ron`, so that a double-click on a project file
//! opens it. Files go under the XDG data folder (`~/.local/share` by default).

use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;

pub const MIME_TYPE: &str = "application/x-warraq-project";
pub const DESKTOP_FILE: &str = "warraq.desktop";
pub const ICON_SVG: &str = include_str!("../assets/warraq.svg");

/// The desktop entry and MIME package the Debian package installs as they
/// are; `install-desktop` writes the same with the binary's own path.
const PACKAGED_ENTRY: &str = include_str!("../packaging/warraq.desktop");
const PACKAGED_EXEC: &str = "Exec=warraq %f";

/// The desktop entry that runs `exe` on the file it is given.
pub fn desktop_entry(exe: &Path) -> String {
    // The Exec key quotes arguments with double quotes and escapes \ " ` $.
    let exe = exe.display().to_string();
    let quoted: String = exe
        .chars()
        .flat_map(|c| match c {
            '"' | '`' | '$' | '\\' => vec!['\\', c],
            c => vec![c],
        })
        .collect();
    PACKAGED_ENTRY.replace(PACKAGED_EXEC, &format!("Exec=\"{quoted}\" %f"))
}

/// The shared-mime-info description of project files.
pub fn mime_package() -> String {
    include_str!("../packaging/warraq.xml").to_owned()
}

/// What an installation wrote, and what the desktop's own tools said.
#[derive(Debug)]
pub struct Installed {
    pub files: Vec<PathBuf>,
    /// Tools that could not be run (missing or failed); the files are still in place.
    pub warnings: Vec<String>,
}

/// The XDG data folder: `$XDG_DATA_HOME`, else `~/.local/share`.
pub fn default_data_home() -> Option<PathBuf> {
    std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".local/share")))
}

/// Writes the entry, MIME package and icon under `data_home`, then asks the
/// desktop to refresh its caches and make Warraq the default for project files.
pub fn install(data_home: &Path, exe: &Path) -> io::Result<Installed> {
    let files = [
        (
            data_home.join("applications").join(DESKTOP_FILE),
            desktop_entry(exe),
        ),
        (data_home.join("mime/packages/warraq.xml"), mime_package()),
        (
            data_home.join("icons/hicolor/scalable/apps/warraq.svg"),
            ICON_SVG.to_owned(),
        ),
    ];
    for (path, content) in &files {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, content)?;
    }
    let mut warnings = Vec::new();
    let mut run = |program: &str, args: &[&std::ffi::OsStr]| match Command::new(program)
        .args(args)
        .status()
    {
        Ok(status) if status.success() => {}
        Ok(status) => warnings.push(format!("{program} failed ({status})")),
        Err(e) => warnings.push(format!("{program} could not be run: {e}")),
    };
    run(
        "update-mime-database",
        &[data_home.join("mime").as_os_str()],
    );
    run(
        "update-desktop-database",
        &[data_home.join("applications").as_os_str()],
    );
    run(
        "xdg-mime",
        &[
            "default".as_ref(),
            DESKTOP_FILE.as_ref(),
            MIME_TYPE.as_ref(),
        ],
    );
    Ok(Installed {
        files: files.into_iter().map(|(p, _)| p).collect(),
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exec_line_quotes_the_path_and_passes_the_file() {
        let entry = desktop_entry(Path::new("/opt/my apps/warraq"));
        assert!(
            entry.contains("Exec=\"/opt/my apps/warraq\" %f\n"),
            "{entry}"
        );
        assert!(entry.contains(&format!("MimeType={MIME_TYPE};")));
        assert!(mime_package().contains(&format!("type=\"{MIME_TYPE}\"")));
        let odd = desktop_entry(Path::new("/tmp/$x\"y"));
        assert!(odd.contains(r#"Exec="/tmp/\$x\"y" %f"#), "{odd}");
    }
}
