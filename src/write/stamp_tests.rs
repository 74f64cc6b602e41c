//! The output check by folder stamps, through the write functions as builds call them: a
//! foreign file, a missing file or a replaced folder is found wherever it is, with the same
//! error as the walk of the whole output gives, and folders changed as a build ends are read by
//! the next one.

use std::path::Path;

use super::*;
use crate::render::Contents;

fn file(path: &str, text: &str) -> OutputFile {
    OutputFile {
        path: path.to_string(),
        contents: Contents::Text(text.as_bytes().to_vec()),
    }
}

// What the stamp tests below build: a root file, and files two folders deep.
fn site() -> Vec<OutputFile> {
    vec![
        file("a.html", "a"),
        file("x/b.html", "b"),
        file("x/y/c.html", "c"),
        file("z/d.html", "d"),
    ]
}

fn manifest_of(files: &[OutputFile]) -> String {
    files.iter().map(|f| format!("{}\n", f.path)).collect()
}

/// Builds `files` clean, lets every folder settle, and runs a no-change update, which
/// stamps them all: the stamps the next build gets. `None` on a file system whose times
/// are whole seconds, where folders take seconds to settle.
fn built_and_stamped(output: &Path, files: &[OutputFile]) -> Stamps {
    let manifest = manifest_of(files);
    let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let first = write_site_with(output, &paths, &manifest, None, &[], |staging| {
        files
            .iter()
            .try_for_each(|f| write_file(staging, f))
            .map_err(|e| vec![e])
    })
    .expect("clean build")
    .stamps;
    // Past the racy window (50 ms, or 2 s on a file system with whole-second times), a
    // build with nothing changed proves and stamps every folder. Never skipped: a test that
    // returned without stamps would pass without testing anything.
    let mut stamps = Some(first);
    for wait in [60, 2_100] {
        std::thread::sleep(std::time::Duration::from_millis(wait));
        let now = write_changes(output, &[], &[], &manifest, stamps).expect("no change");
        if now.iter().all(|(_, s)| s.is_some()) {
            return now;
        }
        stamps = Some(now);
    }
    panic!("the output's folders were never stamped");
}

// The error of the check without stamps (the walk), to compare with the one by stamps.
fn walk_error(output: &Path, manifest: &str) -> String {
    match write_changes(output, &[], &[], manifest, None) {
        Err(e) => format!("{e:?}"),
        Ok(_) => String::from("no error"),
    }
}

fn stamped_error(output: &Path, manifest: &str, stamps: Stamps) -> String {
    match write_changes(output, &[], &[], manifest, Some(stamps)) {
        Err(e) => format!("{e:?}"),
        Ok(_) => String::from("no error"),
    }
}

#[test]
fn foreign_file_in_a_stamped_folder_is_refused() {
    let dir = tempfile::tempdir().expect("temp");
    let output = dir.path().join("public");
    let stamps = built_and_stamped(&output, &site());
    let manifest = manifest_of(&site());
    std::fs::write(output.join("x/y/notes.txt"), "mine").expect("write");
    let error = stamped_error(&output, &manifest, stamps.clone());
    assert!(
        error.contains("the output folder holds files arsip did not make (x/y/notes.txt)"),
        "{error}"
    );
    assert_eq!(error, walk_error(&output, &manifest));
    let clean = check_no_foreign_files(&output, Some(stamps), &[]).map_err(|e| format!("{e:?}"));
    assert_eq!(clean, Err(error));
    assert!(output.join("x/y/notes.txt").exists());
}

#[test]
fn foreign_files_in_a_new_foreign_subfolder_are_refused() {
    let dir = tempfile::tempdir().expect("temp");
    let output = dir.path().join("public");
    let stamps = built_and_stamped(&output, &site());
    let manifest = manifest_of(&site());
    for n in 0..6 {
        let path = output.join(format!("x/mine/deep/{n}.txt"));
        std::fs::create_dir_all(path.parent().expect("folder")).expect("mkdir");
        std::fs::write(path, "mine").expect("write");
    }
    let error = stamped_error(&output, &manifest, stamps);
    assert!(
        error.contains("(x/mine/deep/0.txt, x/mine/deep/1.txt, x/mine/deep/2.txt, x/mine/deep/3.txt, x/mine/deep/4.txt and 1 more)"),
        "{error}"
    );
    assert_eq!(error, walk_error(&output, &manifest));
}

#[test]
fn file_deleted_from_a_stamped_folder_is_reported_missing() {
    let dir = tempfile::tempdir().expect("temp");
    let output = dir.path().join("public");
    let stamps = built_and_stamped(&output, &site());
    let manifest = manifest_of(&site());
    std::fs::remove_file(output.join("x/y/c.html")).expect("remove");
    let error = stamped_error(&output, &manifest, stamps.clone());
    assert!(
        error.contains("x/y/c.html") && error.contains("is missing from the output"),
        "{error}"
    );
    assert_eq!(error, walk_error(&output, &manifest));
    // A whole folder gone: its files are missing, the first named.
    std::fs::remove_dir_all(output.join("x")).expect("remove");
    let error = stamped_error(&output, &manifest, stamps);
    assert!(error.contains("x/b.html"), "{error}");
    assert_eq!(error, walk_error(&output, &manifest));
}

#[test]
fn folder_replaced_by_a_file_is_refused_as_foreign() {
    let dir = tempfile::tempdir().expect("temp");
    let output = dir.path().join("public");
    let stamps = built_and_stamped(&output, &site());
    let manifest = manifest_of(&site());
    std::fs::remove_dir_all(output.join("x/y")).expect("remove");
    std::fs::write(output.join("x/y"), "mine").expect("write");
    let error = stamped_error(&output, &manifest, stamps);
    assert!(error.contains("did not make (x/y)"), "{error}");
    assert_eq!(error, walk_error(&output, &manifest));
}

#[test]
fn folder_replaced_with_the_same_names_and_times_is_caught_by_its_identity() {
    let dir = tempfile::tempdir().expect("temp");
    let output = dir.path().join("public");
    let stamps = built_and_stamped(&output, &site());
    let manifest = manifest_of(&site());
    let recorded = |dir: &str| {
        let (_, stamp) = stamps.iter().find(|(d, _)| *d == dir).expect("stamped");
        let stamp = stamp.expect("proven");
        std::time::UNIX_EPOCH + std::time::Duration::from_nanos(stamp.mtime_ns as u64)
    };
    // A new folder "x/y" (moved aside first, so it cannot get the old one's inode) with
    // the same file and a foreign one, and every modification time set back as it was.
    std::fs::rename(output.join("x/y"), dir.path().join("old-y")).expect("move");
    std::fs::create_dir(output.join("x/y")).expect("mkdir");
    std::fs::write(output.join("x/y/c.html"), "c").expect("write");
    std::fs::write(output.join("x/y/notes.txt"), "mine").expect("write");
    for folder in ["x/y", "x"] {
        std::fs::File::open(output.join(folder))
            .and_then(|f| f.set_times(std::fs::FileTimes::new().set_modified(recorded(folder))))
            .expect("set times");
    }
    let error = stamped_error(&output, &manifest, stamps);
    assert!(error.contains("did not make (x/y/notes.txt)"), "{error}");
}

#[test]
fn folders_changed_as_the_build_ends_are_recorded_unproven_then_read() {
    let dir = tempfile::tempdir().expect("temp");
    let output = dir.path().join("public");
    let files = site();
    let manifest = manifest_of(&files);
    let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let stamps = write_site_with(&output, &paths, &manifest, None, &[], |staging| {
        files
            .iter()
            .try_for_each(|f| write_file(staging, f))
            .map_err(|e| vec![e])
    })
    .expect("clean build")
    .stamps;
    // The output itself changed with the manifest, the last file written, and "z" just
    // before: both are racy, so unproven.
    let unproven = |dir: &str| stamps.iter().any(|(d, s)| d == dir && s.is_none());
    assert!(unproven("") && unproven("z"), "{stamps:?}");
    assert_eq!(
        stamps.iter().map(|(d, _)| d).collect::<Vec<_>>(),
        ["", "x", "x/y", "z"]
    );
    // A foreign file made at once, maybe in the same clock tick, is still found.
    std::fs::write(output.join("z/notes.txt"), "mine").expect("write");
    let error = stamped_error(&output, &manifest, stamps);
    assert!(error.contains("did not make (z/notes.txt)"), "{error}");
}

#[test]
fn stamps_of_another_manifest_are_not_believed() {
    let dir = tempfile::tempdir().expect("temp");
    let output = dir.path().join("public");
    let stamps = built_and_stamped(&output, &site());
    // The manifest rewritten in place (the folder's times stay): "x/b.html" is foreign.
    let manifest = "a.html\nx/y/c.html\nz/d.html\n";
    std::fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(output.join(MANIFEST))
        .and_then(|mut f| std::io::Write::write_all(&mut f, manifest.as_bytes()))
        .expect("rewrite");
    let error = check_no_foreign_files(&output, Some(stamps), &[]).map_err(|e| e.to_string());
    assert!(
        error
            .as_ref()
            .is_err_and(|e| e.contains("did not make (x/b.html)")),
        "{error:?}"
    );
}
