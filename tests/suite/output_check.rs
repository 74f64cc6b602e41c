//! The output check with folder stamps (issue #4): a build reads only the output folders
//! whose inode or times changed since the last build, and must still refuse every foreign file
//! and report every missing one, wherever it is.

use std::path::Path;
use std::time::{Duration, SystemTime};

use crate::harness::{Run, Site, read_tree};

const FOREIGN: &str = "the output folder holds files arsip did not make";
const MISSING: &str =
    "error: a file of the previous build is missing from the output; run `arsip build --clean`";
const ARTICLE: &str = "public/2016/01/05/ragam-kafe-di-jakarta-kopi-senja";

/// The fixture built, then (once every folder has settled) built again with nothing changed:
/// that build reads every folder the first left unproven and stamps it, so the next build
/// reads none.
fn stamped_site() -> Site {
    let site = Site::from_fixture("basic");
    let first = site.build(&[]);
    assert_eq!(first.code, 0, "{first:?}");
    std::thread::sleep(Duration::from_millis(100));
    let second = site.build(&[]);
    assert_eq!(second.code, 0, "{second:?}");
    site
}

/// An article edited, so that a build that is not refused writes something.
fn edit_an_article(site: &Site) {
    let path = site.root().join("content/2016/kafe.md");
    let mut text = std::fs::read_to_string(&path).expect("read");
    text.push_str("\nParagraf tambahan.\n");
    std::fs::write(path, text).expect("write");
}

fn assert_refused(run: &Run, foreign: &str) {
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!("{FOREIGN} ({foreign});")),
        "{}",
        run.stderr
    );
}

fn set_modified(folder: &Path, time: SystemTime) {
    std::fs::File::open(folder)
        .and_then(|f| f.set_times(std::fs::FileTimes::new().set_modified(time)))
        .expect("set times");
}

fn modified(path: &Path) -> SystemTime {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .expect("mtime")
}

#[test]
fn foreign_file_added_to_a_stamped_folder_is_refused_by_the_next_build() {
    let site = stamped_site();
    site.write("public/2016/02/18/catatan.txt", "milik saya");
    edit_an_article(&site);
    let before = read_tree(&site.public());
    let run = site.build(&[]);
    assert_refused(&run, "2016/02/18/catatan.txt");
    assert_eq!(read_tree(&site.public()), before, "a refused build wrote");
}

#[test]
fn foreign_file_added_right_after_a_build_is_refused() {
    // The build's last folders changed moments ago: they are read, not trusted.
    let site = Site::from_fixture("basic");
    assert_eq!(site.build(&[]).code, 0);
    site.write("public/catatan.txt", "milik saya");
    site.write(&format!("{ARTICLE}/catatan.txt"), "milik saya");
    let run = site.build(&[]);
    assert_refused(
        &run,
        "2016/01/05/ragam-kafe-di-jakarta-kopi-senja/catatan.txt, catatan.txt",
    );
}

#[test]
fn foreign_files_in_a_new_subfolder_are_refused() {
    let site = stamped_site();
    site.write("public/tags/jokowi/milik/saya/catatan.txt", "milik saya");
    let run = site.build(&[]);
    assert_refused(&run, "tags/jokowi/milik/saya/catatan.txt");
}

#[test]
fn file_deleted_from_a_stamped_folder_is_reported_missing() {
    let site = stamped_site();
    std::fs::remove_file(site.root().join(ARTICLE).join("index.html")).expect("remove");
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains(&format!("{ARTICLE}/index.html: {MISSING}")),
        "{}",
        run.stderr
    );
}

#[test]
fn folder_replaced_with_the_same_names_and_times_is_read_again() {
    let site = stamped_site();
    let folder = site.public().join("tags/jokowi/page/2");
    let parent = site.public().join("tags/jokowi/page");
    let (folder_time, parent_time) = (modified(&folder), modified(&parent));
    let index = std::fs::read(folder.join("index.html")).expect("read");
    // A new folder in its place (the old one moved aside first, so the new one cannot reuse
    // its inode) with the same page and a foreign file, and the times set back as they were.
    std::fs::rename(&folder, site.root().join("old-page-2")).expect("move");
    std::fs::create_dir(&folder).expect("mkdir");
    std::fs::write(folder.join("index.html"), index).expect("write");
    std::fs::write(folder.join("catatan.txt"), "milik saya").expect("write");
    set_modified(&folder, folder_time);
    set_modified(&parent, parent_time);
    let run = site.build(&[]);
    assert_refused(&run, "tags/jokowi/page/2/catatan.txt");
}

#[test]
fn build_after_a_configuration_change_still_refuses_foreign_files() {
    // Another configuration means a clean build, which checks the output with the stamps of
    // the previous build.
    let site = stamped_site();
    site.write(&format!("{ARTICLE}/catatan.txt"), "milik saya");
    let config = site.root().join("arsip.toml");
    let text = std::fs::read_to_string(&config).expect("read");
    std::fs::write(config, text.replace("paginate_by = 2", "paginate_by = 3")).expect("write");
    let run = site.build(&[]);
    assert_refused(
        &run,
        "2016/01/05/ragam-kafe-di-jakarta-kopi-senja/catatan.txt",
    );
    // Once it is moved away, the build goes through.
    std::fs::remove_file(site.root().join(ARTICLE).join("catatan.txt")).expect("remove");
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}
