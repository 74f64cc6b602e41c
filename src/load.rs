//! Stage 1, load: walk `content/` and read every article file into a [`SourceFile`].
//!
//! The only stage that reads `content/`. Text is normalised here (BOM dropped, CRLF to LF) so
//! that every later stage and every line number sees the same text.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::error::{Error, Location, Warning};

/// How an article file is written, from its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceFormat {
    /// `.md`: Markdown with YAML (`---`) or TOML (`+++`) front matter.
    Markdown,
    /// `.txt`: a news article as copied from its source, optionally with front matter.
    PlainText,
}

/// One article file as read from disk.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Relative to the site root (`content/2016/a.md`); every message uses this name.
    pub path: PathBuf,
    pub format: SourceFormat,
    pub text: String,
}

/// What loading found: the readable articles, and the problems with the rest.
#[derive(Debug, Default)]
pub struct Loaded {
    pub files: Vec<SourceFile>,
    pub warnings: Vec<Warning>,
    pub errors: Vec<Error>,
}

/// Reads every `.md` and `.txt` file under `root/content`, sorted by path.
///
/// Other files are reported as warnings; unreadable files and invalid UTF-8 are errors.
/// A missing `content/` folder is an empty site.
pub fn load(root: &Path) -> Loaded {
    let content = root.join("content");
    let mut loaded = Loaded::default();
    if !content.exists() {
        return loaded;
    }
    let mut candidates = Vec::new();
    let walker = WalkDir::new(&content)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry.file_name()));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e.path().map_or_else(|| content.clone(), Path::to_path_buf);
                let mut message = if e.loop_ancestor().is_some() {
                    "symbolic link loop; not followed".to_string()
                } else {
                    format!(
                        "cannot be read: {}",
                        e.io_error()
                            .map_or_else(|| e.to_string(), ToString::to_string)
                    )
                };
                let mut path = relative(root, &path);
                // Issue 6: 5,000 nested folders made a 10,000-character warning.
                let depth = path.components().count();
                if depth > LONGEST_SHOWN_PATH {
                    path = shortened(&path);
                    message.push_str(&format!(" ({depth} folders deep)"));
                }
                loaded.warnings.push(Warning {
                    path,
                    location: None,
                    message,
                });
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = relative(root, entry.path());
        match format_of(entry.path()) {
            Some(format) => candidates.push((entry.into_path(), rel, format)),
            None => loaded.warnings.push(Warning {
                path: rel,
                location: None,
                message: "not an article (.md or .txt); ignored. Files to publish as they are belong in static/".to_string(),
            }),
        }
    }
    let results: Vec<Result<SourceFile, Error>> = candidates
        .into_par_iter()
        .map(|(abs, path, format)| read_source(&abs, path, format))
        .collect();
    for result in results {
        match result {
            Ok(file) => loaded.files.push(file),
            Err(error) => loaded.errors.push(error),
        }
    }
    loaded
}

fn read_source(abs: &Path, path: PathBuf, format: SourceFormat) -> Result<SourceFile, Error> {
    let bytes = std::fs::read(abs).map_err(|e| Error::io(&path, "cannot read the file", e))?;
    let text = decode(bytes).map_err(|(offset, text)| {
        Error::content(
            &path,
            Some(Location::of_offset(&text, offset)),
            "the file is not valid UTF-8; save it as UTF-8",
        )
    })?;
    Ok(SourceFile { path, format, text })
}

/// Decodes UTF-8, dropping a byte-order mark and turning CRLF and lone CR into LF. On invalid UTF-8 it
/// returns the offset of the first bad byte and the valid text before it (for the line number).
pub fn decode(bytes: Vec<u8>) -> Result<String, (usize, String)> {
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.into_bytes();
        let before = String::from_utf8_lossy(&bytes[..valid]).into_owned();
        (valid, before)
    })?;
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    // A lone CR (old Mac files) ends a line for YAML and Markdown too; turning it into LF
    // keeps every parser's line numbers equal to ours (found by fuzzing, issue 6).
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    })
}

fn format_of(path: &Path) -> Option<SourceFormat> {
    match path.extension()?.to_str()? {
        "md" | "markdown" => Some(SourceFormat::Markdown),
        "txt" => Some(SourceFormat::PlainText),
        _ => None,
    }
}

// Editor swap files, `.git` and the like are never articles.
fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

// Paths deeper than this are shown by their first and last folders only.
const LONGEST_SHOWN_PATH: usize = 12;

fn shortened(path: &Path) -> PathBuf {
    let parts: Vec<_> = path.components().map(|c| c.as_os_str()).collect();
    let mut short = PathBuf::new();
    for part in parts.iter().take(4) {
        short.push(part);
    }
    short.push("…");
    for part in parts.iter().skip(parts.len().saturating_sub(4)) {
        short.push(part);
    }
    short
}

fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_crlf_are_normalised() {
        let text = decode(b"\xef\xbb\xbftitle\r\nline\r\n".to_vec()).expect("valid");
        assert_eq!(text, "title\nline\n");
    }

    #[test]
    fn lone_carriage_returns_are_line_ends_for_every_parser() {
        // Fuzz finding (front_matter): YAML counted each lone CR as a line, we did not, so an
        // error pointed at line 59 of a 5-line file.
        let text = decode(b"---\ntitle: A\r\r\r\r\rtags: [a\n---\nBody\r".to_vec()).expect("valid");
        assert_eq!(text, "---\ntitle: A\n\n\n\n\ntags: [a\n---\nBody\n");
        let split = crate::parse::front_matter::split(&text).expect("closed");
        let (kind, front) = split.front.expect("front matter");
        let error = crate::parse::front_matter::deserialize(kind, front, split.front_line)
            .expect_err("unclosed list");
        assert!(error.location.line <= text.lines().count(), "{error:?}");
    }

    #[test]
    fn very_deep_paths_are_shortened_for_messages() {
        let deep: PathBuf = std::iter::once("content")
            .chain(std::iter::repeat_n("d", 5000))
            .collect();
        assert_eq!(shortened(&deep), Path::new("content/d/d/d/…/d/d/d/d"));
    }

    #[test]
    fn invalid_utf8_reports_the_offset_of_the_first_bad_byte() {
        let (offset, before) = decode(b"ok\nbad \xff here".to_vec()).expect_err("invalid");
        assert_eq!(offset, 7);
        assert_eq!(Location::of_offset(&before, offset).line, 2);
    }
}
