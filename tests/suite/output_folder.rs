//! The output folder's rules (issue 21): never inside an input nor holding one; kept names
//! (`.git`, `CNAME`, `.nojekyll`, the `keep` setting) and the user's empty folders survive
//! every build; a `public` that is a symbolic link stays a link; two builds of one site take
//! turns; a killed build's temporary cache files are removed.

use crate::harness::{Site, read_tree};

fn site_with_articles() -> Site {
    let site = Site::empty();
    site.write(
        "content/a.md",
        "---\ntitle: A\ndate: 2016-03-01\n---\nSatu.\n",
    );
    site.write(
        "content/b.md",
        "---\ntitle: B\ndate: 2016-03-02\n---\nDua.\n",
    );
    site
}

#[test]
fn output_inside_an_input_or_holding_one_is_refused() {
    let site = site_with_articles();
    site.write("static/logo.txt", "logo");
    for output in ["content/out", "static", ".", "..", "static/../content/x"] {
        let run = site.build(&["--output", output]);
        assert_eq!(run.code, 1, "{output}: {}", run.stderr);
        assert!(
            run.stderr.contains("error: the output folder"),
            "{output}: {}",
            run.stderr
        );
        assert!(run.stderr.contains("Choose an --output"), "{}", run.stderr);
    }
    assert!(!site.root().join("content/out").exists());
    assert!(!site.root().join("content/x").exists());
    assert_eq!(site.build(&["--output", "out"]).code, 0);
}

#[test]
fn kept_names_and_empty_folders_survive_clean_and_incremental_builds() {
    let site = site_with_articles();
    site.write("arsip.toml", "keep = [\"googleabc.html\"]\n");
    assert_eq!(site.build(&[]).code, 0);
    site.write("public/.git/HEAD", "ref: refs/heads/gh-pages\n");
    site.write("public/.git/objects/ab/cdef", "object");
    site.write("public/CNAME", "arsip.example\n");
    site.write("public/.nojekyll", "");
    site.write("public/googleabc.html", "google-site-verification");
    std::fs::create_dir_all(site.public().join(".well-known/acme-challenge")).expect("mkdir");
    let kept = |site: &Site| {
        let tree = read_tree(&site.public());
        for name in [
            ".git/HEAD",
            ".git/objects/ab/cdef",
            "CNAME",
            ".nojekyll",
            "googleabc.html",
        ] {
            assert!(tree.contains_key(name), "{name} is gone");
        }
        assert!(site.public().join(".well-known/acme-challenge").is_dir());
    };
    site.write(
        "content/c.md",
        "---\ntitle: C\ndate: 2016-03-03\n---\nTiga.\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    kept(&site);
    let run = site.build(&["--clean"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    kept(&site);
    assert!(site.public().join("2016/03/03/c/index.html").is_file());
    // Names not kept are still the user's files: refused, not deleted.
    site.write("public/notes.txt", "milik saya");
    assert_eq!(site.build(&["--clean"]).code, 1);
    assert!(site.public().join("notes.txt").is_file());
}

#[test]
fn a_keep_setting_with_a_path_is_refused() {
    let site = site_with_articles();
    site.write("arsip.toml", "keep = [\"a/b\"]\n");
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("keep: `a/b`"), "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn a_symlinked_output_stays_a_link_and_its_web_root_keeps_the_users_folders() {
    let site = site_with_articles();
    let www = site.root().join("www");
    std::fs::create_dir_all(www.join(".well-known/acme-challenge")).expect("web root");
    std::os::unix::fs::symlink(&www, site.public()).expect("link");
    for args in [&[][..], &["--clean"][..]] {
        let run = site.build(args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(site.public().is_symlink(), "the link was replaced");
        assert!(www.join("index.html").is_file());
        assert!(www.join(".well-known/acme-challenge").is_dir());
    }
    // An update in place after an edit, and the removal of an article.
    site.write(
        "content/a.md",
        "---\ntitle: A baru\ndate: 2016-03-01\n---\nSatu.\n",
    );
    std::fs::remove_file(site.root().join("content/b.md")).expect("remove");
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.public().is_symlink());
    assert!(!www.join("2016/03/02/b/index.html").exists());
    let fresh = site_with_articles();
    fresh.write(
        "content/a.md",
        "---\ntitle: A baru\ndate: 2016-03-01\n---\nSatu.\n",
    );
    std::fs::remove_file(fresh.root().join("content/b.md")).expect("remove");
    assert_eq!(fresh.build(&[]).code, 0);
    assert_eq!(read_tree(&www), read_tree(&fresh.public()));
    let staged: Vec<_> = std::fs::read_dir(&www)
        .expect("list")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("arsip-staging"))
        .collect();
    assert!(staged.is_empty());
}

#[test]
fn two_builds_racing_on_one_site_both_succeed_and_leave_the_right_site() {
    let site = Site::empty();
    for n in 0..300 {
        site.write(
            &format!("content/{n}.md"),
            &format!(
                "---\ntitle: Berita {n}\ndate: 2016-03-{:02}\ntags: [T{}]\n---\nIsi {n}.\n",
                n % 28 + 1,
                n % 7
            ),
        );
    }
    let start = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_arsip"))
            .args(args)
            .current_dir(site.root())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("start arsip")
    };
    for _ in 0..3 {
        let first = start(&["build", "--clean"]);
        let second = start(&["build"]);
        for child in [first, second] {
            let out = child.wait_with_output().expect("wait");
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    let reference = Site::empty();
    crate::harness::copy_site_content(site.root(), reference.root());
    assert_eq!(reference.build(&[]).code, 0);
    assert_eq!(read_tree(&site.public()), read_tree(&reference.public()));
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(read_tree(&site.public()), read_tree(&reference.public()));
}

#[test]
fn a_build_waits_for_the_site_lock_and_says_so() {
    let site = site_with_articles();
    assert_eq!(site.build(&[]).code, 0);
    let lock = site.root().join(".arsip-cache/lock");
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(&lock)
        .expect("lock file");
    file.lock().expect("hold the lock");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_arsip"))
        .arg("build")
        .current_dir(site.root())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start arsip");
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert!(
        child.try_wait().expect("poll").is_none(),
        "the build did not wait"
    );
    file.unlock().expect("release");
    let out = child.wait_with_output().expect("wait");
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("waiting for another arsip build of this site"),
        "{stderr}"
    );
}

#[test]
fn temporary_cache_files_of_killed_builds_are_removed() {
    let site = site_with_articles();
    assert_eq!(site.build(&[]).code, 0);
    site.write(".arsip-cache/articles.tmp-4000000", "half");
    site.write(".arsip-cache/output.tmp-4000001", "half");
    assert_eq!(site.build(&[]).code, 0);
    let left: Vec<String> = std::fs::read_dir(site.root().join(".arsip-cache"))
        .expect("cache")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

// A tmpfs mounted on `public/`, unmounted when dropped. `None` where this process cannot
// mount (not root, no tmpfs): the test then has nothing to try.
#[cfg(target_os = "linux")]
struct Mounted(std::path::PathBuf);

#[cfg(target_os = "linux")]
impl Mounted {
    /// `from` bound onto `dir`: on the same file system, so only the swap finds it a mount.
    fn bind(from: &std::path::Path, dir: &std::path::Path) -> Option<Mounted> {
        std::fs::create_dir_all(from).ok()?;
        std::fs::create_dir_all(dir).ok()?;
        let status = std::process::Command::new("mount")
            .arg("--bind")
            .args([from, dir])
            .stderr(std::process::Stdio::null())
            .status()
            .ok()?;
        status.success().then(|| Mounted(dir.to_path_buf()))
    }

    fn on(dir: &std::path::Path) -> Option<Mounted> {
        std::fs::create_dir_all(dir).ok()?;
        let status = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=16m", "tmpfs"])
            .arg(dir)
            .stderr(std::process::Stdio::null())
            .status()
            .ok()?;
        status.success().then(|| Mounted(dir.to_path_buf()))
    }

    fn read_only(&self) -> bool {
        std::process::Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(&self.0)
            .status()
            .is_ok_and(|s| s.success())
    }
}

#[cfg(target_os = "linux")]
impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

#[cfg(target_os = "linux")]
#[test]
fn an_output_on_a_mount_point_is_updated_in_place_and_a_read_only_one_is_named() {
    let site = site_with_articles();
    let Some(mount) = Mounted::on(&site.public()) else {
        eprintln!("skipped: cannot mount a tmpfs here");
        return;
    };
    for _ in 0..2 {
        let run = site.build(&["--clean"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(run.stderr.contains("is a mount point"), "{}", run.stderr);
        assert!(site.public().join("index.html").is_file());
    }
    site.write(
        "content/c.md",
        "---\ntitle: C\ndate: 2016-03-03\n---\nTiga.\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.public().join("2016/03/03/c/index.html").is_file());
    if !mount.read_only() {
        return;
    }
    site.write(
        "content/d.md",
        "---\ntitle: D\ndate: 2016-03-04\n---\nEmpat.\n",
    );
    let run = site.build(&["--clean"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .starts_with("./public: error: cannot write the output folder"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("arsip-staging"), "{}", run.stderr);
}

#[test]
fn a_build_beside_serve_takes_turns_and_both_come_out_right() {
    let site = Site::from_fixture("basic");
    let server = crate::serve::Server::start(&site, &["--port", "0"]);
    let (mut generation, error) = server.poll(None);
    assert_eq!(error, None);
    let article = "content/2016/kafe.md";
    let original = std::fs::read_to_string(site.root().join(article)).expect("read");
    for round in 0..3 {
        let marker = format!("Paragraf putaran {round}.");
        let aside = site.root().join(".edit.tmp");
        std::fs::write(&aside, format!("{original}\n{marker}\n")).expect("write");
        std::fs::rename(&aside, site.root().join(article)).expect("rename");
        // serve rebuilds on the edit while this build runs: one waits for the other.
        let run = site.build(&[]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let (next, error) = server.poll(Some(generation));
        assert_eq!(error, None);
        generation = next;
        let page = "/2016/01/05/ragam-kafe-di-jakarta-kopi-senja/";
        assert!(
            server.get(page).body.contains(&marker),
            "round {round}: serve"
        );
        let built = std::fs::read_to_string(site.public().join(&page[1..]).join("index.html"))
            .expect("built page");
        assert!(built.contains(&marker), "round {round}: build");
    }
    let reference = Site::empty();
    crate::harness::copy_site_content(site.root(), reference.root());
    assert_eq!(reference.build(&[]).code, 0);
    assert_eq!(read_tree(&site.public()), read_tree(&reference.public()));
}

#[cfg(target_os = "linux")]
#[test]
fn a_bind_mounted_output_the_swap_cannot_rename_falls_back_to_in_place_and_says_so() {
    let site = site_with_articles();
    let Some(_mount) = Mounted::bind(&site.root().join("www"), &site.public()) else {
        eprintln!("skipped: cannot bind-mount here");
        return;
    };
    let first = site.build(&["--clean"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    site.write(
        "content/c.md",
        "---\ntitle: C\ndate: 2016-03-03\n---\nTiga.\n",
    );
    let run = site.build(&["--clean"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("is a mount point"), "{}", run.stderr);
    assert!(site.root().join("www/2016/03/03/c/index.html").is_file());
    let fresh = site_with_articles();
    fresh.write(
        "content/c.md",
        "---\ntitle: C\ndate: 2016-03-03\n---\nTiga.\n",
    );
    assert_eq!(fresh.build(&[]).code, 0);
    assert_eq!(read_tree(&site.public()), read_tree(&fresh.public()));
    let beside: Vec<_> = std::fs::read_dir(site.root())
        .expect("root")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".arsip-"))
        .filter(|e| e.file_name() != ".arsip-cache")
        .map(|e| e.file_name())
        .collect();
    assert!(beside.is_empty(), "{beside:?}");
}
