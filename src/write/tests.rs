//! The write stage as builds call it: clean builds swapped in, updates in place, and
//! failures that leave the previous output as it was.

use super::*;
use crate::render::Contents;

/// Writes `files` as the new content of `output`.
///
/// Fails, leaving `output` untouched, when `output` holds files that no arsip build made, or
/// when any file cannot be written.
fn write_site(output: &Path, files: &[OutputFile]) -> Result<(), Error> {
    let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let mut manifest = String::new();
    for file in files {
        manifest.push_str(&file.path);
        manifest.push('\n');
    }
    write_site_with(output, &paths, &manifest, None, &[], |staging| {
        files
            .par_iter()
            .try_for_each(|file| write_file(staging, file))
            .map_err(|e| vec![e])
    })
    .map(|_| ())
    .map_err(|mut errors| errors.swap_remove(0))
}

fn file(path: &str, text: &str) -> OutputFile {
    OutputFile {
        path: path.to_string(),
        contents: Contents::Text(text.as_bytes().to_vec()),
    }
}

#[test]
fn second_build_swaps_the_whole_output_and_leaves_no_folder_behind() {
    let dir = tempfile::tempdir().expect("temp");
    let output = dir.path().join("public");
    write_site(&output, &[file("a.html", "1"), file("x/b.html", "1")]).expect("first");
    write_site(&output, &[file("a.html", "2")]).expect("second");
    assert_eq!(
        std::fs::read_to_string(output.join("a.html")).expect("a"),
        "2"
    );
    assert!(!output.join("x").exists());
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(names, ["public"]);
}

#[test]
fn previous_site_in_a_retired_folder_is_restored_not_deleted() {
    // A build killed between the fallback's two renames: no output, the old site retired.
    let dir = tempfile::tempdir().expect("temp");
    let output = dir.path().join("public");
    let retired = dir.path().join(".public.arsip-retired-4000000");
    std::fs::create_dir(&retired).expect("mkdir");
    std::fs::write(retired.join("old.html"), "old").expect("write");
    swap::remove_leftovers(&output, dir.path(), "public");
    assert_eq!(
        std::fs::read_to_string(output.join("old.html")).expect("restored"),
        "old"
    );
    assert!(!retired.exists());
}

#[test]
fn staging_folders_of_dead_builds_are_removed_and_live_ones_kept() {
    let dir = tempfile::tempdir().expect("temp");
    let output = dir.path().join("public");
    let dead = dir.path().join(".public.arsip-staging-4000000");
    std::fs::create_dir(&dead).expect("mkdir");
    // The parent of the test process is alive, so its folder may still be in use.
    #[cfg(unix)]
    let live = {
        let live = dir.path().join(format!(
            ".public.arsip-staging-{}",
            std::os::unix::process::parent_id()
        ));
        std::fs::create_dir(&live).expect("mkdir");
        live
    };
    swap::remove_leftovers(&output, dir.path(), "public");
    assert!(!dead.exists());
    #[cfg(unix)]
    assert!(live.exists());
}

#[test]
fn incremental_build_links_unchanged_files_and_swaps_the_whole_folder() {
    let dir = tempfile::tempdir().expect("temp");
    let output = dir.path().join("public");
    let first = [
        file("a.html", "a1"),
        file("b.html", "b1"),
        file("x/c.html", "c1"),
    ];
    write_site(&output, &first).expect("first");
    write_changes(
        &output,
        &[file("a.html", "a2")],
        &["x/c.html"],
        "a.html\nb.html\n",
        None,
    )
    .expect("incremental");
    let tree: Vec<(String, String)> = ["a.html", "b.html"]
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(output.join(p)).expect("read");
            (p.to_string(), text)
        })
        .collect();
    assert_eq!(
        tree,
        [
            ("a.html".into(), "a2".into()),
            ("b.html".into(), "b1".into())
        ]
    );
    assert!(!output.join("x").exists());
    assert_eq!(
        std::fs::read_to_string(output.join(MANIFEST)).expect("manifest"),
        "a.html\nb.html\n"
    );
    // A failed incremental build (a file it should carry over is gone) changes nothing.
    std::fs::remove_file(output.join("b.html")).expect("remove");
    let before = std::fs::read_to_string(output.join("a.html")).expect("read");
    assert!(
        write_changes(
            &output,
            &[file("a.html", "a3")],
            &[],
            "a.html\nb.html\n",
            None
        )
        .is_err()
    );
    assert_eq!(
        std::fs::read_to_string(output.join("a.html")).expect("read"),
        before
    );
}
