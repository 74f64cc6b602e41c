//! Nothing half-written (issue 6): a build that fails or is killed half-way leaves the previous
//! `public/` exactly as it was, and the next build cleans up after it.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::{Site, read_tree};

fn article(n: usize) -> String {
    let paragraph = "Pemerintah menyiapkan peta jalan ekonomi digital agar usaha rintisan \
                     tumbuh lebih cepat di seluruh Indonesia.\n\n";
    format!(
        "---\ntitle: Berita nomor {n}\ndate: 2016-{:02}-{:02}\ntags: [Tag {}, Umum]\n---\n{}",
        n % 12 + 1,
        n % 28 + 1,
        n % 50,
        paragraph.repeat(5)
    )
}

/// A site already built once: its `public/` is the "previous output".
fn built_site() -> (Site, std::collections::BTreeMap<String, Vec<u8>>) {
    let site = Site::empty();
    site.write("content/a.md", &article(0));
    site.write("content/b.md", &article(1));
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let before = read_tree(&site.public());
    (site, before)
}

/// Folders beside `public/` left by builds (staging or retired).
fn leftovers(root: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(root)
        .expect("read the site root")
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(".public.arsip-"))
        })
        .collect();
    found.sort();
    found
}

#[test]
fn failed_builds_leave_previous_output_byte_identical() {
    let (site, before) = built_site();
    site.write("content/c.md", "---\ntitle: C\ndate: kemarin\n---\n");
    assert_eq!(site.build(&[]).code, 1);
    assert_eq!(before, read_tree(&site.public()));
    std::fs::remove_file(site.root().join("content/c.md")).expect("remove");
    site.write(
        "templates/day.html",
        "{% extends \"base.html\" %}\n{% block content %}{{ x }\n",
    );
    assert_eq!(site.build(&[]).code, 1);
    assert_eq!(before, read_tree(&site.public()));
    assert!(leftovers(site.root()).is_empty());
}

#[test]
fn foreign_files_make_the_build_refuse_and_stay() {
    let (site, mut before) = built_site();
    site.write("public/catatan.txt", "milik saya");
    before.insert("catatan.txt".to_string(), b"milik saya".to_vec());
    site.write("content/c.md", &article(2));
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("the output folder holds files arsip did not make (catatan.txt)"),
        "{}",
        run.stderr
    );
    assert_eq!(before, read_tree(&site.public()));
}

#[test]
fn stale_staging_folders_never_break_the_next_build() {
    let (site, _) = built_site();
    // A dead build's staging folder (no process has this id) with junk, and one named with
    // a plausible id too.
    site.write(".public.arsip-staging-4000000/junk.html", "half");
    site.write(".public.arsip-staging-4000001/2016/index.html", "half");
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        leftovers(site.root()).is_empty(),
        "{:?}",
        leftovers(site.root())
    );
    assert!(!site.public().join("junk.html").exists());
}

// A clean build (`--clean`), killed while it fills its staging folder. An incremental update
// killed after any of its steps is rolled back: see the unit tests of `write::journal`.
#[test]
fn build_killed_half_way_leaves_previous_output_and_rebuild_cleans_up() {
    let (site, before) = built_site();
    for n in 2..1000 {
        site.write(&format!("content/{:02}/{n}.md", n % 40), &article(n));
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_arsip"))
        .args(["build", "--clean"])
        .current_dir(site.root())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start arsip");
    // Kill it as soon as it starts writing: the staging folder exists and holds files.
    let started = Instant::now();
    let staging = loop {
        if let Some(dir) = leftovers(site.root()).into_iter().next()
            && std::fs::read_dir(&dir).is_ok_and(|mut d| d.next().is_some())
        {
            break dir;
        }
        assert!(
            child.try_wait().expect("poll arsip").is_none(),
            "the build finished before it could be interrupted"
        );
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "no staging folder"
        );
        std::thread::sleep(Duration::from_millis(1));
    };
    child.kill().expect("SIGKILL arsip");
    let status = child.wait().expect("reap arsip");
    assert!(!status.success());
    assert_eq!(
        before,
        read_tree(&site.public()),
        "public/ changed after a killed build"
    );
    assert!(staging.exists(), "the killed build left no staging folder");

    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        leftovers(site.root()).is_empty(),
        "{:?}",
        leftovers(site.root())
    );
    assert!(
        site.public()
            .join("2016/03/19/berita-nomor-998/index.html")
            .is_file()
    );
}

#[test]
fn a_clean_rebuild_removes_the_previous_site_it_replaced() {
    // The previous site is swapped out and deleted, its top folders in parallel: nothing of
    // it may stay beside the output.
    let (site, before) = built_site();
    let rebuilt = site.build(&["--clean"]);
    assert_eq!(rebuilt.code, 0, "{rebuilt:?}");
    assert_eq!(before, read_tree(&site.public()));
    assert!(
        leftovers(site.root()).is_empty(),
        "{:?}",
        leftovers(site.root())
    );
}
