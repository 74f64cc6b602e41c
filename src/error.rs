//! Errors and warnings of every stage, and the one place they are formatted for people.
//!
//! Every problem names the file it is about (relative to the site root, or the template name)
//! and, where known, the line and column: `content/a.md:4:7: error: message`, followed by one
//! `caused by:` line per underlying cause. The library returns these values; only `main.rs`
//! prints them.

use std::borrow::Cow;
use std::fmt;
use std::path::PathBuf;

/// A 1-based position in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

impl Location {
    /// The position of byte `offset` in `text` (clamped to the end of the text).
    pub fn of_offset(text: &str, offset: usize) -> Location {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Location { line, column }
    }
}

/// Exit code for a build that failed on content, configuration or templates.
pub const EXIT_FAILURE: i32 = 1;
/// Exit code for a command line that could not be understood (clap uses it too).
pub const EXIT_USAGE: i32 = 2;

/// Everything that can stop a build. Each variant names the file at fault.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or folder could not be read, created or written.
    #[error("{message}")]
    Io {
        path: PathBuf,
        message: String,
        #[source]
        source: std::io::Error,
    },
    /// `arsip.toml` is malformed, has an unknown key, or a value out of range.
    #[error("{message}")]
    Config {
        path: PathBuf,
        location: Option<Location>,
        message: String,
    },
    /// An article's front matter or text is malformed, or a required field is missing.
    #[error("{message}")]
    Content {
        path: PathBuf,
        location: Option<Location>,
        message: String,
    },
    /// A template does not parse, or extends or includes one that does not exist.
    #[error("{message}")]
    Template {
        /// The template's file, or its name for a built-in template.
        path: PathBuf,
        location: Option<Location>,
        message: String,
    },
    /// A template failed while rendering a page (unknown variable, bad filter argument…).
    #[error("{message} (while rendering {page})")]
    Render {
        path: PathBuf,
        location: Option<Location>,
        page: String,
        message: String,
    },
}

impl Error {
    /// The file this error is about.
    pub fn path(&self) -> &std::path::Path {
        match self {
            Error::Io { path, .. }
            | Error::Config { path, .. }
            | Error::Content { path, .. }
            | Error::Template { path, .. }
            | Error::Render { path, .. } => path,
        }
    }

    /// The line and column within [`Error::path`], where known.
    pub fn location(&self) -> Option<Location> {
        match self {
            Error::Io { .. } => None,
            Error::Config { location, .. }
            | Error::Content { location, .. }
            | Error::Template { location, .. }
            | Error::Render { location, .. } => *location,
        }
    }

    /// Shorthand for a content error at an optional location.
    pub fn content(
        path: impl Into<PathBuf>,
        location: Option<Location>,
        message: impl Into<String>,
    ) -> Error {
        Error::Content {
            path: path.into(),
            location,
            message: message.into(),
        }
    }

    /// Shorthand for an I/O error on `path`, with a short description of what was attempted.
    pub fn io(path: impl Into<PathBuf>, doing: &str, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            message: doing.to_string(),
            source,
        }
    }
}

/// A problem that does not stop the build, such as two articles wanting the same URL.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Warning {
    pub path: PathBuf,
    pub location: Option<Location>,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_prefix(f, &self.path, self.location)?;
        write!(f, "warning: {}", terminal_safe(&self.message, true))
    }
}

/// `text` as it may safely reach a terminal: control characters (C0, DEL, C1) and the
/// bidirectional overrides that reorder a line are written as escapes (`\x1b`, `\u{9b}`),
/// so a file name can show them but never recolour, move or hide text (issue 21).
/// `keep_lines` keeps line feeds and tabs (of a message; never in a path). Borrowed when clean.
pub fn terminal_safe(text: &str, keep_lines: bool) -> Cow<'_, str> {
    let unsafe_char = |c: char| {
        (c.is_control() && !(keep_lines && matches!(c, '\n' | '\t')))
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if !unsafe_char(c) {
            out.push(c);
        } else if c.is_ascii() {
            out.push_str(&format!("\\x{:02x}", c as u32));
        } else {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        }
    }
    Cow::Owned(out)
}

fn write_prefix(
    f: &mut impl fmt::Write,
    path: &std::path::Path,
    location: Option<Location>,
) -> fmt::Result {
    write!(f, "{}", terminal_safe(&path.to_string_lossy(), false))?;
    if let Some(Location { line, column }) = location {
        write!(f, ":{line}:{column}")?;
    }
    write!(f, ": ")
}

/// Formats an error for the terminal: `path:line:col: error: message` and one
/// `  caused by: …` line for each underlying cause.
pub fn format_error(error: &Error) -> String {
    let mut out = String::new();
    // Writing into a String cannot fail.
    let _ = write_prefix(&mut out, error.path(), error.location());
    out.push_str("error: ");
    out.push_str(&terminal_safe(&error.to_string(), true));
    let mut cause = std::error::Error::source(error);
    while let Some(inner) = cause {
        out.push_str("\n  caused by: ");
        out.push_str(&terminal_safe(&inner.to_string(), true));
        cause = inner.source();
    }
    out
}

/// Rewrites serde's `invalid type: integer `5`, expected a string` about `key` in plain
/// words: `` `title` must be text, not a number ``. `None` for any other message.
pub fn plain_type_error(key: &str, message: &str) -> Option<String> {
    let rest = message.strip_prefix("invalid type: ")?;
    let (found, expected) = rest.split_once(", expected ")?;
    let kind = |what: &str| -> &'static str {
        let what = what.trim();
        match () {
            _ if what.contains("string") || what.contains("char") => "text",
            _ if what.contains("bool") => "true or false",
            _ if what.contains("integer") || what.contains("usize") || what.contains("u64") => {
                "a whole number"
            }
            _ if what.contains("float") || what.contains("number") => "a number",
            _ if what.contains("sequence") || what.contains("array") => "a list",
            _ if what.contains("map") || what.contains("table") || what.contains("struct") => {
                "a table"
            }
            _ => "another kind of value",
        }
    };
    let found = match kind(found) {
        "a whole number" => "a number",
        other => other,
    };
    Some(format!("`{key}` must be {}, not {found}", kind(expected)))
}

/// Sorts errors by file, then position, so the report never depends on thread timing.
pub fn sort_errors(errors: &mut [Error]) {
    errors.sort_by(|a, b| {
        (a.path(), a.location(), a.to_string()).cmp(&(b.path(), b.location(), b.to_string()))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offset_maps_to_line_and_column() {
        let text = "ab\ncdé\nf";
        assert_eq!(
            Location::of_offset(text, 0),
            Location { line: 1, column: 1 }
        );
        assert_eq!(
            Location::of_offset(text, 4),
            Location { line: 2, column: 2 }
        );
        // 'f' follows a two-byte 'é': columns count characters, not bytes.
        assert_eq!(
            Location::of_offset(text, 8),
            Location { line: 3, column: 1 }
        );
        assert_eq!(
            Location::of_offset(text, 99),
            Location { line: 3, column: 2 }
        );
    }

    #[test]
    fn error_is_formatted_with_path_position_and_causes() {
        let error = Error::io(
            "public/x.html",
            "cannot write file",
            std::io::Error::other("disk full"),
        );
        assert_eq!(
            format_error(&error),
            "public/x.html: error: cannot write file\n  caused by: disk full"
        );
        let error = Error::content(
            "content/a.md",
            Some(Location { line: 4, column: 7 }),
            "bad date",
        );
        assert_eq!(format_error(&error), "content/a.md:4:7: error: bad date");
    }

    #[test]
    fn control_characters_in_names_are_shown_escaped() {
        let error = Error::content("content/\u{1b}[2Ja\n.md", None, "same URL as b\u{9b}1m.md");
        assert_eq!(
            format_error(&error),
            "content/\\x1b[2Ja\\x0a.md: error: same URL as b\\u{9b}1m.md"
        );
        assert_eq!(terminal_safe("a\u{202e}b", true), "a\\u{202e}b");
        assert_eq!(terminal_safe("line\n\tnext", true), "line\n\tnext");
        assert!(matches!(
            terminal_safe("content/kafé.md", false),
            Cow::Borrowed(_)
        ));
    }
}
