//! What the walk of `content/` and `static/` does with what is not a plain article (issue 21):
//! pipes and sockets are named and never opened, links leading outside the site are named and
//! never followed, an unreadable folder makes the build say the site is incomplete (an error
//! with `--strict`), and one article cannot carry more than `max_tags_per_article` tags.

use std::process::Command;

use crate::harness::{Run, Site, read_tree};

fn assert_no_panic(run: &Run) {
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}

#[test]
fn pipes_and_sockets_named_like_articles_are_warnings_not_silence() {
    let site = Site::from_fixture("basic");
    let made = Command::new("mkfifo")
        .arg(site.root().join("content/pipa.md"))
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let _socket = std::os::unix::net::UnixListener::bind(site.root().join("content/soket.txt"))
        .expect("socket");
    let run = site.build(&[]);
    assert_no_panic(&run);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for name in ["content/pipa.md", "content/soket.txt"] {
        assert!(
            run.stderr
                .contains(&format!("{name}: warning: not a regular file")),
            "{name}: {}",
            run.stderr
        );
    }
}

#[test]
fn links_leading_outside_the_site_are_named_and_never_published() {
    let outside = tempfile::tempdir().expect("temporary folder");
    std::fs::write(
        outside.path().join("rahasia.md"),
        "---\ntitle: Rahasia\ndate: 2016-03-01\n---\nKata sandi bocor.\n",
    )
    .expect("write");
    std::fs::write(outside.path().join("kunci.txt"), "kunci rahasia").expect("write");
    let site = Site::from_fixture("basic");
    site.write(
        "arsip-lama/lama.md",
        "---\ntitle: Berita Lama\ndate: 2015-01-01\n---\nIsi lama.\n",
    );
    let link = |target: &std::path::Path, at: &str| {
        std::os::unix::fs::symlink(target, site.root().join(at)).expect("symlink");
    };
    link(&outside.path().join("rahasia.md"), "content/rahasia.md");
    link(outside.path(), "content/luar");
    link(&outside.path().join("kunci.txt"), "static/kunci.txt");
    // Links that stay inside the site keep working.
    link(std::path::Path::new("../arsip-lama"), "content/lama");
    link(
        std::path::Path::new("../content/2016/kafe.md"),
        "static/kafe.txt",
    );
    let run = site.build(&[]);
    assert_no_panic(&run);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for name in ["content/rahasia.md", "content/luar", "static/kunci.txt"] {
        assert!(
            run.stderr.contains(&format!(
                "{name}: warning: symbolic link leading outside the site folder; not followed"
            )),
            "{name}: {}",
            run.stderr
        );
    }
    let tree = read_tree(&site.public());
    for (path, bytes) in &tree {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains("Kata sandi bocor") && !text.contains("kunci rahasia"),
            "{path} publishes a file from outside the site"
        );
    }
    assert!(tree.contains_key("kafe.txt"), "inside link kept");
    assert!(
        tree.contains_key("2015/01/01/berita-lama/index.html"),
        "inside folder link kept"
    );
}

/// Runs `arsip ARGS` where a folder of mode 000 cannot be read: as root, inside a user
/// namespace, where root's power over files does not reach.
fn run_unprivileged(site: &Site, args: &[&str]) -> Run {
    let as_root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"));
    let mut command = if as_root {
        let mut c = Command::new("unshare");
        c.args(["-U", env!("CARGO_BIN_EXE_arsip")]);
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_arsip"))
    };
    let output = command
        .args(args)
        .current_dir(site.root())
        .output()
        .expect("run arsip");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

#[test]
fn unreadable_folder_makes_the_site_incomplete_and_strict_refuses_it() {
    use std::os::unix::fs::PermissionsExt;
    let site = Site::from_fixture("basic");
    let locked = site.root().join("content/2016");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let strict = run_unprivileged(&site, &["build", "--strict"]);
    let build = run_unprivileged(&site, &["build"]);
    let check = run_unprivileged(&site, &["check", "--strict"]);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).expect("chmod");

    assert_eq!(strict.code, 1, "{strict:?}");
    assert!(
        strict
            .stderr
            .contains("content/2016: error: cannot be read: "),
        "{}",
        strict.stderr
    );
    assert!(
        strict.stderr.contains("nothing was written"),
        "{}",
        strict.stderr
    );

    assert_eq!(build.code, 0, "{build:?}");
    assert!(
        build
            .stderr
            .contains("content/2016: warning: cannot be read: "),
        "{}",
        build.stderr
    );
    let summary = build.stdout.lines().last().unwrap_or_default();
    assert!(summary.starts_with("Built "), "{summary}");
    assert!(
        summary.contains("INCOMPLETE: 1 folder or file under content/ could not be read"),
        "{summary}"
    );

    assert_eq!(check.code, 1, "{check:?}");
    assert!(check.stderr.contains("content/2016: error: cannot be read"));
}

#[test]
fn one_article_keeps_at_most_max_tags_per_article() {
    let site = Site::from_fixture("basic");
    let tags: Vec<String> = (0..500).map(|n| format!("topik-{n:03}")).collect();
    site.write(
        "content/banyak-tag.md",
        &format!(
            "---\ntitle: Banyak Tag\ndate: 2016-03-01\ntags: [{}]\n---\nx\n",
            tags.join(", ")
        ),
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "content/banyak-tag.md: warning: 500 tags; only the first 50 are kept \
             (max_tags_per_article in arsip.toml)"
        ),
        "{}",
        run.stderr
    );
    let public = site.public();
    assert!(public.join("tags/topik-049/index.html").is_file());
    assert!(!public.join("tags/topik-050").exists());

    // The setting lowers the cap; `check` reports it as a warning, not a problem.
    let config = std::fs::read_to_string(site.root().join("arsip.toml")).expect("config");
    site.write("arsip.toml", &format!("max_tags_per_article = 3\n{config}"));
    let check = site.run(&["check"]);
    assert!(
        check
            .stderr
            .contains("content/banyak-tag.md: warning: 500 tags; only the first 3 are kept"),
        "{}",
        check.stderr
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.public().join("tags/topik-002/index.html").is_file());
    assert!(!site.public().join("tags/topik-003").exists());
}
