//! The template set: the built-in default theme, compiled into the binary, with the site's
//! own `templates/` files replacing or adding to it. Loaded once per build.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::error::{Error, Location};

/// The default theme, embedded so a site without `templates/` builds as is: every `.html`,
/// `.xml` and `.json` file (and `robots.txt`) of the project's `templates/`, by name (listed by `build.rs`).
pub const BUILT_IN: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/built_in_templates.rs"));

/// The default theme's stylesheet, written as `style.css` unless the site brings its own.
pub const BUILT_IN_STYLESHEET: &str = include_str!("../../templates/style.css");
/// The built-in search script, unless the site has its own `templates/search.js`.
pub const BUILT_IN_SEARCH_SCRIPT: &str = include_str!("../../templates/search.js");

/// A template's name and where its text came from.
#[derive(Debug, Clone)]
pub struct TemplateSource {
    pub name: String,
    /// The site file (relative to the root), or `None` for a built-in template.
    pub file: Option<PathBuf>,
    pub text: String,
}

/// Reads the site's `templates/` (any `.html`, `.xml` or `.json` file, and `robots.txt`, at
/// any depth) over the built-in templates of `theme`.
pub fn sources(root: &Path, theme: &str) -> Result<Vec<TemplateSource>, Vec<Error>> {
    let mut sources: Vec<TemplateSource> = super::themes::templates(theme)
        .iter()
        .map(|(name, text)| TemplateSource {
            name: (*name).to_string(),
            file: None,
            text: (*text).to_string(),
        })
        .collect();
    let dir = root.join("templates");
    if !dir.is_dir() {
        return Ok(sources);
    }
    let mut errors = Vec::new();
    for entry in WalkDir::new(&dir).sort_by_file_name() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e
                    .path()
                    .unwrap_or(&dir)
                    .strip_prefix(root)
                    .unwrap_or(&dir)
                    .to_path_buf();
                errors.push(Error::Template {
                    path,
                    location: None,
                    message: format!("cannot be read: {e}"),
                });
                continue;
            }
        };
        let path = entry.path();
        let is_template = path
            .extension()
            .is_some_and(|e| e == "html" || e == "xml" || e == "json")
            || path.file_name().is_some_and(|n| n == "robots.txt");
        if !entry.file_type().is_file() || !is_template {
            continue;
        }
        let rel = path.strip_prefix(root).unwrap_or(path).to_path_buf();
        let name = path
            .strip_prefix(&dir)
            .unwrap_or(path)
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        let text = match std::fs::read(path).map(crate::load::decode) {
            Ok(Ok(text)) => text,
            Ok(Err((offset, before))) => {
                errors.push(Error::Template {
                    path: rel,
                    location: Some(Location::of_offset(&before, offset)),
                    message: "the template is not valid UTF-8".to_string(),
                });
                continue;
            }
            Err(e) => {
                errors.push(Error::io(rel, "cannot read the template", e));
                continue;
            }
        };
        let source = TemplateSource {
            name: name.clone(),
            file: Some(rel),
            text,
        };
        match sources.iter_mut().find(|s| s.name == name) {
            Some(slot) => *slot = source,
            None => sources.push(source),
        }
    }
    if errors.is_empty() {
        Ok(sources)
    } else {
        Err(errors)
    }
}

/// The file to name in a message about template `name`.
pub fn display_path(sources: &[TemplateSource], name: &str) -> PathBuf {
    match sources.iter().find(|s| s.name == name) {
        Some(TemplateSource {
            file: Some(file), ..
        }) => file.clone(),
        _ => PathBuf::from(format!("templates/{name} (built-in)")),
    }
}

/// Turns a Tera error into ours, one per problem: Tera reports every unknown filter, test or
/// function of a template set as one message of several reports (`error: …` / ` --> name:line:col`
/// and a source excerpt), which become one error each at its file and line.
pub fn convert_errors(
    error: &tera::Error,
    sources: &[TemplateSource],
    page: Option<&str>,
) -> Vec<Error> {
    if let tera::ErrorKind::Msg(text) = error.kind() {
        let reports: Vec<Error> = text
            .split("\n\n")
            .filter_map(parse_report)
            .map(|(name, location, message)| {
                located(display_path(sources, name), Some(location), message, page)
            })
            .collect();
        if !reports.is_empty() {
            return reports;
        }
    }
    vec![convert_error(error, sources, page)]
}

// One of Tera's text reports: `error: message`, then ` --> name:line:col`.
fn parse_report(report: &str) -> Option<(&str, Location, String)> {
    let mut lines = report.trim_start_matches('\n').lines();
    let message = lines.next()?.strip_prefix("error: ")?;
    let place = lines.next()?.trim_start().strip_prefix("--> ")?;
    let mut parts = place.rsplitn(3, ':');
    let column = parts.next()?.trim().parse().ok()?;
    let line = parts.next()?.trim().parse().ok()?;
    let name = parts.next()?;
    Some((name, Location { line, column }, message.to_string()))
}

fn located(
    path: PathBuf,
    location: Option<Location>,
    message: String,
    page: Option<&str>,
) -> Error {
    match page {
        Some(page) => Error::Render {
            path,
            location,
            page: page.to_string(),
            message,
        },
        None => Error::Template {
            path,
            location,
            message,
        },
    }
}

/// Turns a Tera error into ours: the template file, the line and column, and a message
/// without Tera's own source excerpt (we print positions our way).
pub fn convert_error(error: &tera::Error, sources: &[TemplateSource], page: Option<&str>) -> Error {
    use tera::ErrorKind;
    let (name, location, message) = match error.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let span = report.span();
            let location = Location {
                line: span.start_line.max(1),
                column: span.start_col + 1,
            };
            (
                report.filename().to_string(),
                Some(location),
                report.message().to_string(),
            )
        }
        ErrorKind::MissingParent { current, parent } => (
            current.clone(),
            None,
            format!("extends `{parent}`, which is neither in templates/ nor built in"),
        ),
        ErrorKind::CircularExtend {
            tpl,
            inheritance_chain,
        } => (
            tpl.clone(),
            None,
            format!("extends itself through {}", inheritance_chain.join(" -> ")),
        ),
        ErrorKind::CircularInclude { tpl, include_chain } => (
            tpl.clone(),
            None,
            format!("includes itself through {}", include_chain.join(" -> ")),
        ),
        ErrorKind::TemplateNotFound(name) => (
            name.clone(),
            None,
            format!("template `{name}` does not exist"),
        ),
        _ => {
            let text = error.to_string();
            let text = text.strip_prefix("error: ").unwrap_or(&text).to_string();
            (String::new(), None, text)
        }
    };
    let mut message = message;
    let mut cause = std::error::Error::source(error);
    while let Some(inner) = cause {
        message.push_str(&format!(": {inner}"));
        cause = inner.source();
    }
    let path = if name.is_empty() {
        PathBuf::from("templates")
    } else {
        display_path(sources, &name)
    };
    located(path, location, message, page)
}
