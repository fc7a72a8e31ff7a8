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

/// How a run of the window on a fresh virtual display went.
enum Run {
    /// The recovery copy appeared while the window ran; it is killed and its display closed.
    Killed,
    /// The window closed by itself before writing anything: what it printed.
    Exited(String),
}

/// Starts Xvfb on a display of its own and the window on it, waits for the
/// recovery copy, then SIGKILLs the window.
fn run_and_kill(attempt: u32, home: &Path, recovery: &Path) -> Run {
    // A display left over from another run would take our window: the first
    // number from here whose socket is free is ours.
    let start = 50 + (std::process::id() + attempt * 37) % 200;
    let Some(number) = (0..400)
        .map(|i| 50 + (start - 50 + i) % 400)
        .find(|n| !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists())
    else {
        return Run::Exited("every display from :50 to :449 is taken".to_owned());
    };
    let display = format!(":{number}");
    let socket = format!("/tmp/.X11-unix/X{number}");
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
        wait_until(Duration::from_secs(30), || Path::new(&socket).exists()),
        "Xvfb did not start"
    );
    let runtime = home.join(format!("runtime-{attempt}"));
    std::fs::create_dir_all(&runtime).unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&runtime, std::fs::Permissions::from_mode(0o700)).unwrap();
    }
    let seed = crate::common::repo_path("tests/data/2017-11-20-tamim-putin-call.txt");
    let mut app = Killed(
        Command::new(env!("CARGO_BIN_EXE_warraq"))
            .arg(&seed)
            .env("DISPLAY", &display)
            .env_remove("WAYLAND_DISPLAY")
            // Mesa: talk X11 to the virtual display, render in software, ask nothing of a GPU.
            .env("EGL_PLATFORM", "x11")
            .env("LIBGL_ALWAYS_SOFTWARE", "1")
            .env("XDG_RUNTIME_DIR", &runtime)
            .env("WARRAQ_RECOVERY_DIR", recovery)
            .env("WARRAQ_AUTOSAVE_SECONDS", "0.5")
            .env("HOME", home)
            .env("XDG_DATA_HOME", home.join("share"))
            .env("XDG_CONFIG_HOME", home.join("config"))
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let copy = recovery.join("untitled.warraq.ron");
    let written = wait_until(Duration::from_mins(4), || {
        copy.exists() || app.0.try_wait().is_ok_and(|status| status.is_some())
    });
    if let Some(status) = app.0.try_wait().unwrap() {
        let mut said = String::new();
        if let Some(mut pipe) = app.0.stderr.take() {
            let _ = std::io::Read::read_to_string(&mut pipe, &mut said);
        }
        return Run::Exited(format!("exit {status}: {said}"));
    }
    assert!(
        written,
        "the window ran for 4 minutes with an unsaved article and wrote no recovery copy"
    );
    app.0.kill().unwrap(); // SIGKILL: no destructor, no save, no goodbye
    app.0.wait().unwrap();
    drop(xvfb);
    Run::Killed
}

#[test]
fn a_killed_window_leaves_a_whole_recovery_copy() {
    if !crate::common::have_programs(&[("Xvfb", "xvfb")]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery");
    let mut failures = Vec::new();
    // A window that cannot start on a busy display is tried again on another.
    let killed = (0..3).any(
        |attempt| match run_and_kill(attempt, dir.path(), &recovery) {
            Run::Killed => true,
            Run::Exited(said) => {
                failures.push(said);
                false
            }
        },
    );
    assert!(
        killed,
        "the window never stayed up on a virtual display; it said:\n{}",
        failures.join("\n---\n")
    );

    let found = RecoveryStore::new(&recovery)
        .find(None)
        .expect("the copy loads: whole and valid");
    assert_eq!(found.project.articles.len(), 1);
    assert!(found.project.articles[0].title.contains("تميم"));
}
