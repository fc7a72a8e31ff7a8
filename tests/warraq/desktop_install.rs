//! `warraq install-desktop` writes files the desktop's own tools accept, and
//! makes Warraq the default for project files (checked under a temporary home).

use std::process::Command;

#[test]
fn install_desktop_writes_valid_files_and_registers_the_mime_type() {
    if !crate::common::have_programs(&[
        ("desktop-file-validate", "desktop-file-utils"),
        ("update-mime-database", "shared-mime-info"),
        ("xdg-mime", "xdg-utils"),
    ]) {
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("share");
    let config = home.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    let env = |c: &mut Command| {
        c.env("HOME", home.path())
            .env("XDG_DATA_HOME", &data)
            .env("XDG_CONFIG_HOME", &config)
            .env("XDG_DATA_DIRS", &data)
            .env_remove("XDG_CURRENT_DESKTOP")
            .env_remove("DESKTOP_SESSION");
    };
    let mut install = Command::new(env!("CARGO_BIN_EXE_warraq"));
    install.arg("install-desktop");
    env(&mut install);
    let output = install.output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );

    let entry = data.join("applications/warraq.desktop");
    let validate = Command::new("desktop-file-validate")
        .arg(&entry)
        .output()
        .expect("desktop-file-validate (desktop-file-utils)");
    assert!(
        validate.status.success() && validate.stdout.is_empty(),
        "{}{}",
        String::from_utf8_lossy(&validate.stdout),
        String::from_utf8_lossy(&validate.stderr)
    );
    let text = std::fs::read_to_string(&entry).unwrap();
    assert!(text.contains("MimeType=application/x-warraq-project;"));

    // update-mime-database compiled our package: the glob is in its cache.
    let globs = std::fs::read_to_string(data.join("mime/globs2")).unwrap();
    assert!(
        globs.contains("application/x-warraq-project:*.warraq.ron"),
        "{globs}"
    );
    assert!(data.join("icons/hicolor/scalable/apps/warraq.svg").exists());

    let mut query = Command::new("xdg-mime");
    query.args(["query", "default", "application/x-warraq-project"]);
    env(&mut query);
    let default = query.output().expect("xdg-mime (xdg-utils)");
    assert_eq!(
        String::from_utf8_lossy(&default.stdout).trim(),
        "warraq.desktop"
    );
}
