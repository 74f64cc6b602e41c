//! The build with nothing to do (issue #4): when every input is as the last build read it
//! and the output is untouched, a build checks that and stops; any change still gives the
//! output of a clean build.

use std::path::Path;
use std::time::{Duration, SystemTime};

use crate::harness::{Site, read_tree};

const NOTHING_CHANGED: &str = "nothing changed";

/// The fixture without its article scheduled for the future (whose output depends on the
/// clock), built twice: the second build, once the sources have settled, records their
/// stamps and the inputs' fingerprint.
fn settled_site() -> Site {
    let site = Site::from_fixture("basic");
    std::fs::remove_file(site.root().join("content/masa-depan.md")).expect("remove");
    assert_eq!(site.build(&[]).code, 0);
    std::thread::sleep(Duration::from_millis(2200));
    assert_eq!(site.build(&[]).code, 0);
    site
}

fn modified(path: &Path) -> SystemTime {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .expect("mtime")
}

// Builds with --timings; true when the build found nothing to do.
fn build_found_nothing_to_do(site: &Site) -> bool {
    let run = site.build(&["--timings"]);
    assert_eq!(run.code, 0, "{run:?}");
    run.stderr.contains(NOTHING_CHANGED)
}

// Compares the output with a clean build of a copy of the site, which leaves this site's
// cache alone (a build into another folder would replace its output record).
fn assert_equals_clean_build(site: &Site) {
    let copy = Site::from_dir(site.root());
    let run = copy.build(&["--clean"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        read_tree(&site.public()) == read_tree(&copy.public()),
        "differs from a clean build"
    );
}

#[test]
fn a_build_with_nothing_changed_does_nothing_and_every_change_is_still_built() {
    let site = settled_site();
    let index = site.public().join("index.html");
    let before = modified(&index);
    assert!(build_found_nothing_to_do(&site));
    assert_eq!(modified(&index), before);
    // Templates, static files and the configuration are read by content every build.
    let base = include_str!("../../templates/base.html");
    site.write(
        "templates/base.html",
        &base.replace("class=\"masthead\"", "class=\"masthead kepala\""),
    );
    assert!(!build_found_nothing_to_do(&site));
    assert!(
        std::fs::read_to_string(&index)
            .expect("index")
            .contains("masthead kepala")
    );
    assert_equals_clean_build(&site);
    assert!(build_found_nothing_to_do(&site));
    site.write("static/robots.txt", "User-agent: *\nDisallow: /draf/\n");
    assert!(!build_found_nothing_to_do(&site));
    assert_equals_clean_build(&site);
    let config = std::fs::read_to_string(site.root().join("arsip.toml")).expect("config");
    site.write(
        "arsip.toml",
        &config.replace("paginate_by = 2", "paginate_by = 3"),
    );
    assert!(!build_found_nothing_to_do(&site));
    assert_equals_clean_build(&site);
    // A source edited, or a new one: built, and not trusted by stamp until settled.
    let kafe = site.root().join("content/2016/kafe.md");
    let text = std::fs::read_to_string(&kafe).expect("read");
    std::fs::write(&kafe, text + "\nParagraf baru.\n").expect("write");
    assert!(!build_found_nothing_to_do(&site));
    assert_equals_clean_build(&site);
    site.write(
        "content/2016/baru.md",
        "---\ntitle: Berita Baru\ndate: 2016-03-01\n---\nIsi baru.\n",
    );
    assert!(!build_found_nothing_to_do(&site));
    assert_equals_clean_build(&site);
}

#[test]
fn a_touched_output_is_built_or_refused_as_before() {
    let site = settled_site();
    // A page deleted by hand: the full build reports it, as it did without this shortcut.
    let page = site.public().join("tags/index.html");
    std::fs::remove_file(&page).expect("remove");
    let run = site.build(&["--timings"]);
    assert!(!run.stderr.contains(NOTHING_CHANGED), "{run:?}");
    assert_ne!(run.code, 0, "{run:?}");
    assert!(run.stderr.contains("tags/index.html"), "{run:?}");
    // A foreign file in the output is refused, never taken for "nothing changed".
    let site = settled_site();
    site.write("public/catatan.txt", "milik saya");
    let run = site.build(&["--timings"]);
    assert_ne!(run.code, 0, "{run:?}");
    assert!(run.stderr.contains("catatan.txt"), "{run:?}");
    assert!(site.public().join("catatan.txt").is_file());
}

#[test]
fn a_site_with_an_article_scheduled_for_later_is_always_built() {
    // The fixture's article dated in the future appears once its time comes, so the
    // output depends on the clock and no build of it may be skipped.
    let site = Site::from_fixture("basic");
    assert_eq!(site.build(&[]).code, 0);
    std::thread::sleep(Duration::from_millis(2200));
    assert_eq!(site.build(&[]).code, 0);
    assert!(!build_found_nothing_to_do(&site));
}

#[test]
fn a_build_with_nothing_changed_repeats_the_warnings_of_the_last_one() {
    // Two articles wanting one URL: the second is moved and the build warns. Large
    // archives always have a few such pairs, and must not lose the quick path for them.
    let site = Site::from_fixture("basic");
    std::fs::remove_file(site.root().join("content/masa-depan.md")).expect("remove");
    let twin = "---\ntitle: Kembar\ndate: 2016-02-21\n---\nIsi.\n";
    site.write("content/kembar-a.md", twin);
    site.write("content/kembar-b.md", twin);
    let warned = |run: &crate::harness::Run| {
        run.stderr
            .lines()
            .filter(|l| l.contains("warning:"))
            .map(str::to_string)
            .collect::<Vec<String>>()
    };
    let first = site.build(&[]);
    assert_eq!(first.code, 0, "{first:?}");
    let expected = warned(&first);
    assert_eq!(expected.len(), 1, "{first:?}");
    assert!(expected[0].starts_with("content/kembar-b.md: warning: "));
    std::thread::sleep(Duration::from_millis(2200));
    assert_eq!(site.build(&[]).code, 0);
    let quick = site.build(&["--timings"]);
    assert_eq!(quick.code, 0, "{quick:?}");
    assert!(quick.stderr.contains(NOTHING_CHANGED), "{quick:?}");
    assert_eq!(warned(&quick), expected);
    assert_equals_clean_build(&site);
}
