//! The real thing: Warraq runs in a window (on a virtual X display), has
//! unsaved work, and is killed with SIGKILL. Its recovery copy must be whole
//! and hold the work, ready to be offered on the next start.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use warraq::store::recovery::RecoveryStore;

/// Kills the child when the test ends, however it ends.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Waits for `done` to hold, checking every 50 ms, for at most `limit`.
fn wait_until(limit: Duration, mut done: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if done() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    done()
}

#[cfg(unix)]
#[test]
fn a_killed_window_leaves_a_whole_recovery_copy() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery");
    let display = format!(":{}", 50 + std::process::id() % 200);
    let socket = format!("/tmp/.X11-unix/X{}", &display[1..]);
    let xvfb = Killed(
        Command::new("Xvfb")
            .args([
                display.as_str(),
                "-screen",
                "0",
                "1280x800x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb (package xvfb) runs the window in CI"),
    );
    assert!(
        wait_until(Duration::from_secs(20), || Path::new(&socket).exists()),
        "Xvfb did not start"
    );

    let seed = crate::common::repo_path("tests/data/2017-11-20-tamim-putin-call.txt");
    let mut app = Killed(
        Command::new(env!("CARGO_BIN_EXE_warraq"))
            .arg(&seed)
            .env("DISPLAY", &display)
            .env_remove("WAYLAND_DISPLAY")
            .env("WARRAQ_RECOVERY_DIR", &recovery)
            .env("WARRAQ_AUTOSAVE_SECONDS", "0.5")
            .env("HOME", dir.path())
            .env("XDG_DATA_HOME", dir.path().join("share"))
            .env("XDG_CONFIG_HOME", dir.path().join("config"))
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let copy = recovery.join("untitled.warraq.ron");
    let written = wait_until(Duration::from_secs(120), || copy.exists());
    assert!(
        app.0.try_wait().unwrap().is_none(),
        "the window must still be running when it is killed"
    );
    assert!(
        written,
        "no recovery copy was written while the imported article was unsaved"
    );

    app.0.kill().unwrap(); // SIGKILL: no destructor, no save, no goodbye
    app.0.wait().unwrap();
    drop(xvfb);

    let found = RecoveryStore::new(&recovery)
        .find(None)
        .expect("the copy loads: whole and valid");
    assert_eq!(found.project.articles.len(), 1);
    assert!(found.project.articles[0].title.contains("تميم"));
}
