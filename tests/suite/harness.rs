//! Test harness: copy a fixture site to a temporary folder, run the real `arsip` binary on it,
//! and compare output trees with golden `expected/` folders (`ARSIP_BLESS=1` rewrites them).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A fixture site copied into a temporary folder, removed when dropped.
pub struct Site {
    pub dir: tempfile::TempDir,
}

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    /// With the temporary folder's path shown as `[ROOT]`.
    pub stderr: String,
}

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

impl Site {
    /// Copies `tests/fixtures/<name>` (without its `expected/` and `expected_stderr`).
    pub fn from_fixture(name: &str) -> Site {
        let site = Site::folder();
        copy_tree(
            &fixtures().join(name),
            site.root(),
            &["expected", "expected_stderr"],
        );
        site
    }

    /// Copies the site folder `dir` (any path, such as `tests/hostile/<case>`).
    pub fn from_dir(dir: &Path) -> Site {
        let site = Site::folder();
        copy_tree(dir, site.root(), &[]);
        site
    }

    /// A site with every default: an empty `arsip.toml` and nothing else.
    pub fn empty() -> Site {
        let site = Site::folder();
        site.write("arsip.toml", "");
        site
    }

    /// An empty folder, not even `arsip.toml`.
    pub fn folder() -> Site {
        Site {
            dir: tempfile::tempdir().expect("temporary folder"),
        }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `text` at `rel` under the site root, creating folders.
    pub fn write(&self, rel: &str, text: &str) {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }

    /// Runs `arsip ARGS` with the site root as working directory.
    pub fn run(&self, args: &[&str]) -> Run {
        run_in(self.root(), args)
    }

    /// `arsip build` with extra arguments.
    pub fn build(&self, extra: &[&str]) -> Run {
        let mut args = vec!["build"];
        args.extend_from_slice(extra);
        self.run(&args)
    }

    pub fn public(&self) -> PathBuf {
        self.root().join("public")
    }
}

/// Runs the binary in `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    run_in_env(dir, args, &[])
}

/// Runs the binary in `dir` with the environment variables `env` set.
pub fn run_in_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_arsip"))
        .args(args)
        .current_dir(dir)
        .env_remove("RUST_BACKTRACE")
        .envs(env.iter().copied())
        .output()
        .expect("run arsip");
    let root = dir.to_string_lossy().into_owned();
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).replace(&root, "[ROOT]"),
        stderr: String::from_utf8_lossy(&output.stderr).replace(&root, "[ROOT]"),
    }
}

fn copy_tree(from: &Path, to: &Path, skip: &[&str]) {
    for entry in walkdir::WalkDir::new(from).min_depth(1) {
        let entry = entry.expect("walk fixture");
        let rel = entry.path().strip_prefix(from).expect("inside");
        if rel
            .components()
            .next()
            .is_some_and(|c| skip.iter().any(|s| c.as_os_str() == *s))
        {
            continue;
        }
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// Every file under `dir`, by `/`-separated relative path.
pub fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .map(|e| e.expect("walk"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .expect("inside")
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(e.path()).expect("read"))
        })
        .collect()
}

/// Asserts that `actual` holds exactly the files of `expected`, byte for byte, printing a
/// line diff of the first differing text file. With `ARSIP_BLESS=1`, rewrites `expected`.
pub fn assert_tree_matches(actual: &Path, expected: &Path) {
    let actual_files = read_tree(actual);
    if std::env::var_os("ARSIP_BLESS").is_some() {
        let _ = std::fs::remove_dir_all(expected);
        copy_tree(actual, expected, &[]);
        return;
    }
    let expected_files = read_tree(expected);
    let missing: Vec<&String> = expected_files
        .keys()
        .filter(|k| !actual_files.contains_key(*k))
        .collect();
    let extra: Vec<&String> = actual_files
        .keys()
        .filter(|k| !expected_files.contains_key(*k))
        .collect();
    let mut problems = Vec::new();
    if !missing.is_empty() {
        problems.push(format!("missing files: {missing:?}"));
    }
    if !extra.is_empty() {
        problems.push(format!("unexpected files: {extra:?}"));
    }
    for (path, want) in &expected_files {
        let Some(got) = actual_files.get(path) else {
            continue;
        };
        if got != want {
            problems.push(format!(
                "{path} differs:\n{}",
                line_diff(
                    &String::from_utf8_lossy(want),
                    &String::from_utf8_lossy(got)
                )
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "output differs from {} (rerun with ARSIP_BLESS=1 to accept, then review the diff):\n{}",
        expected.display(),
        problems.join("\n")
    );
}

// The differing lines, with a little context, enough to see what changed.
fn line_diff(want: &str, got: &str) -> String {
    let want: Vec<&str> = want.lines().collect();
    let got: Vec<&str> = got.lines().collect();
    let mut out = String::new();
    let mut shown = 0;
    for i in 0..want.len().max(got.len()) {
        let (w, g) = (want.get(i), got.get(i));
        if w != g {
            out.push_str(&format!(
                "  line {}:\n    - {}\n    + {}\n",
                i + 1,
                w.unwrap_or(&"<none>"),
                g.unwrap_or(&"<none>")
            ));
            shown += 1;
            if shown == 10 {
                out.push_str("  …\n");
                break;
            }
        }
    }
    out
}

/// Copies the site's sources (`arsip.toml`, `content/`, `static/`, `templates/`) from the site
/// at `from` to the folder `to`.
pub fn copy_site_content(from: &Path, to: &Path) {
    for name in ["content", "static", "templates"] {
        if from.join(name).is_dir() {
            std::fs::create_dir_all(to.join(name)).expect("mkdir");
            copy_tree(&from.join(name), &to.join(name), &[]);
        }
    }
    std::fs::copy(from.join("arsip.toml"), to.join("arsip.toml")).expect("copy arsip.toml");
}
