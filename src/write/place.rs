//! Where the output folder may be, for stage 5, write: never inside a folder the build reads
//! (it would read its own output back: an article, or `out/out/`), never holding one (a
//! fresh build replaces the whole output folder). Paths are compared resolved, links and `..`
//! included, so no spelling of a path slips past (issue 21).

use std::path::{Path, PathBuf};

use crate::error::Error;

/// Fails when `output` is, holds or lies inside one of `inputs` (folders the build reads, by
/// their names as the user knows them), naming both.
pub fn check_place(output: &Path, inputs: &[&Path]) -> Result<(), Error> {
    let out = resolved(output);
    for input in inputs {
        let inside = resolved(input);
        let message = if out == inside {
            "is the input folder"
        } else if out.starts_with(&inside) {
            "lies inside the input folder"
        } else if inside.starts_with(&out) {
            "holds the input folder"
        } else {
            continue;
        };
        return Err(Error::content(
            output,
            None,
            format!(
                "the output folder {message} {}: a build would read or replace its own \
                 input. Choose an --output outside the site's content, static and templates \
                 folders (e.g. public/ beside them)",
                input.display()
            ),
        ));
    }
    Ok(())
}

// `path` with links and `..` resolved as far as it exists, the rest appended as written
// (with `.` dropped and `..` applied).
fn resolved(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut rest = Vec::new();
    let mut existing = absolute.as_path();
    loop {
        if let Ok(real) = std::fs::canonicalize(existing) {
            let mut out = real;
            for part in rest.iter().rev() {
                match part {
                    std::path::Component::ParentDir => {
                        out.pop();
                    }
                    std::path::Component::Normal(name) => out.push(name),
                    _ => {}
                }
            }
            return out;
        }
        match (existing.parent(), existing.components().next_back()) {
            (Some(parent), Some(last)) => {
                rest.push(last);
                existing = parent;
            }
            _ => return absolute,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_output_inside_holding_or_equal_to_an_input_is_refused() {
        let root = tempfile::tempdir().expect("temp");
        let content = root.path().join("content");
        std::fs::create_dir(&content).expect("mkdir");
        let inputs = [content.as_path()];
        for bad in [
            "content/out",
            "content",
            ".",
            "content/a/../b",
            "x/../content/new",
        ] {
            let output = root.path().join(bad);
            assert!(check_place(&output, &inputs).is_err(), "{bad}");
        }
        for good in ["public", "content-out", "x/../public"] {
            let output = root.path().join(good);
            assert!(check_place(&output, &inputs).is_ok(), "{good}");
        }
        #[cfg(unix)]
        {
            let link = root.path().join("link");
            std::os::unix::fs::symlink(&content, &link).expect("link");
            assert!(check_place(&link.join("out"), &inputs).is_err());
        }
    }
}
