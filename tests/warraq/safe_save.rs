//! Saving is atomic and durable: whatever step a crash interrupts, the file
//! on disk is the old project or the new one, whole.

use crate::common::tiny_project;
use std::io;
use warraq::model::Project;
use warraq::store::{self, SaveError, SaveStep};

fn changed(project: &Project) -> Project {
    let mut project = project.clone();
    "عنوان جديد".clone_into(&mut project.title);
    project
}

#[test]
fn a_save_interrupted_at_any_step_leaves_a_whole_file() {
    for step in SaveStep::ALL {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.warraq.ron");
        let old = tiny_project();
        let stamp = store::save(&old, &path, None).unwrap();
        let new = changed(&old);
        let result = store::save_with_hook(&new, &path, Some(&stamp), &mut |at| {
            if at == step {
                Err(io::Error::other("simulated crash"))
            } else {
                Ok(())
            }
        });
        assert!(result.is_err(), "{step:?}");
        let on_disk = store::load(&path)
            .unwrap_or_else(|e| panic!("after a crash at {step:?}: {e}"))
            .project;
        let expected = if step == SaveStep::SyncFolder {
            &new
        } else {
            &old
        };
        assert_eq!(&on_disk, expected, "crash at {step:?}");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| {
                std::path::Path::new(n)
                    .extension()
                    .is_some_and(|e| e == "tmp")
            })
            .collect();
        assert!(
            leftovers.is_empty(),
            "temporary files left after {step:?}: {leftovers:?}"
        );
    }
}

#[test]
fn the_previous_version_is_kept_as_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.warraq.ron");
    let old = tiny_project();
    let stamp = store::save(&old, &path, None).unwrap();
    assert!(
        !store::backup_path(&path).exists(),
        "a first save has nothing to back up"
    );
    let new = changed(&old);
    store::save(&new, &path, Some(&stamp)).unwrap();
    assert_eq!(
        store::load(&store::backup_path(&path)).unwrap().project,
        old
    );
    assert_eq!(store::load(&path).unwrap().project, new);
}

#[test]
fn a_file_changed_on_disk_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.warraq.ron");
    let stamp = store::save(&tiny_project(), &path, None).unwrap();
    let colleague = changed(&tiny_project());
    store::save(&colleague, &path, None).unwrap();
    let mine = Project::new("mine");
    let error = store::save(&mine, &path, Some(&stamp)).unwrap_err();
    assert!(matches!(error, SaveError::ChangedOnDisk { .. }), "{error}");
    assert!(error.to_string().contains("changed on disk"));
    assert_eq!(store::load(&path).unwrap().project, colleague);
}

#[test]
fn an_invalid_project_is_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.warraq.ron");
    let stamp = store::save(&tiny_project(), &path, None).unwrap();
    let mut broken = tiny_project();
    broken.highlights[0].quote = "غلط".to_owned();
    assert!(matches!(
        store::save(&broken, &path, Some(&stamp)),
        Err(SaveError::Invalid(_))
    ));
    assert_eq!(store::load(&path).unwrap().project, tiny_project());
}

#[cfg(unix)]
#[test]
fn permissions_are_kept_and_new_files_are_not_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.warraq.ron");
    let stamp = store::save(&tiny_project(), &path, None).unwrap();
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_ne!(
        mode, 0o600,
        "a new project must not be private to its owner"
    );
    assert!(
        mode & 0o044 != 0,
        "group/others read as the umask allows: {mode:o}"
    );
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    let stamp = store::FileStamp::of_file(&path).unwrap().unwrap_or(stamp);
    store::save(&changed(&tiny_project()), &path, Some(&stamp)).unwrap();
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o640
    );
}
