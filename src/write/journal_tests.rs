//! The journal's updates: applied whole, rolled back after any number of steps, read back
//! as written.

use super::*;
use std::collections::BTreeMap;

fn text(path: &str, text: &str) -> OutputFile {
    OutputFile {
        path: path.to_string(),
        contents: Contents::Text(text.as_bytes().to_vec()),
    }
}

fn tree(dir: &Path) -> BTreeMap<String, String> {
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .flatten()
        .map(|e| {
            let rel = e.path().strip_prefix(dir).expect("inside");
            let rel = rel.to_string_lossy().into_owned();
            let content = if e.file_type().is_dir() {
                "<dir>".to_string()
            } else {
                std::fs::read_to_string(e.path()).expect("read")
            };
            (rel, content)
        })
        .collect()
}

fn previous_site(dir: &Path) -> PathBuf {
    let output = dir.join("public");
    std::fs::create_dir_all(output.join("a/b")).expect("mkdir");
    std::fs::write(output.join("index.html"), "old index").expect("write");
    std::fs::write(output.join("a/b/index.html"), "old b").expect("write");
    std::fs::write(output.join("gone.html"), "old gone").expect("write");
    output
}

const REMOVED: [&str; 1] = ["gone.html"];

fn paths_of(files: &[OutputFile]) -> Vec<&str> {
    files.iter().map(|f| f.path.as_str()).collect()
}

fn changes() -> Vec<OutputFile> {
    vec![
        text("index.html", "new index"),
        text("x/y/index.html", "new y"),
    ]
}

#[test]
fn apply_replaces_adds_and_removes_and_leaves_no_staging() {
    let dir = tempfile::tempdir().expect("temp");
    let output = previous_site(dir.path());
    let staging = dir.path().join("staging");
    apply(&output, &staging, &changes(), &REMOVED).expect("apply");
    let after = tree(&output);
    assert_eq!(after["index.html"], "new index");
    assert_eq!(after["x/y/index.html"], "new y");
    assert_eq!(after["a/b/index.html"], "old b");
    assert!(!after.contains_key("gone.html"));
    assert!(!staging.exists());
}

#[test]
fn roll_back_after_any_number_of_applied_steps_restores_the_previous_output() {
    // Replay the update step by step, as if killed after each one, and roll back.
    let steps_total = {
        let dir = tempfile::tempdir().expect("temp");
        let output = previous_site(dir.path());
        plan(&output, &paths_of(&changes()), &REMOVED).len()
    };
    for killed_after in 0..=steps_total {
        let dir = tempfile::tempdir().expect("temp");
        let output = previous_site(dir.path());
        let before = tree(&output);
        let staging = dir.path().join("staging");
        let files = changes();
        let new_dir = staging.join(NEW);
        let old_dir = staging.join(OLD);
        std::fs::create_dir_all(&new_dir).expect("mkdir");
        std::fs::create_dir_all(&old_dir).expect("mkdir");
        for (i, f) in files.iter().enumerate() {
            stage(&new_dir.join(i.to_string()), f).expect("stage");
        }
        let steps = plan(&output, &paths_of(&files), &REMOVED);
        write_journal(&staging, &steps, Layout::ByIndex).expect("journal");
        for step in steps.iter().take(killed_after) {
            match step {
                Step::Folder(d) => std::fs::create_dir(output.join(d)).expect("mkdir"),
                Step::Put {
                    index,
                    existed,
                    path,
                } => {
                    if *existed {
                        std::fs::rename(output.join(path), old_dir.join(index.to_string()))
                            .expect("old");
                    }
                    std::fs::rename(new_dir.join(index.to_string()), output.join(path))
                        .expect("new");
                }
                Step::Remove { index, path } => {
                    std::fs::rename(output.join(path), old_dir.join(format!("r{index}")))
                        .expect("remove");
                }
            }
        }
        roll_back(&output, &staging);
        assert_eq!(tree(&output), before, "killed after {killed_after} steps");
        assert!(!staging.exists());
    }
}

#[test]
fn journal_round_trips() {
    let steps = vec![
        Step::Folder("x/y".to_string()),
        Step::Put {
            index: 3,
            existed: true,
            path: "x/y/index.html".to_string(),
        },
        Step::Remove {
            index: 0,
            path: "gone.html".to_string(),
        },
    ];
    let dir = tempfile::tempdir().expect("temp");
    write_journal(dir.path(), &steps, Layout::ByIndex).expect("write");
    assert_eq!(read_journal(dir.path()), Some((steps, Layout::ByIndex)));
    let steps = vec![Step::Folder("x".to_string())];
    write_journal(dir.path(), &steps, Layout::ByPath).expect("write");
    assert_eq!(read_journal(dir.path()), Some((steps, Layout::ByPath)));
}
