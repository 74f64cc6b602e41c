//! Front matter: split the `---` (YAML) or `+++` (TOML) block off the top of an article and
//! read it into [`FrontMatter`] through the shared vocabulary, reporting every problem at its
//! line in the whole file. Keys outside the vocabulary are kept, never an error here.

use super::value::Value;
use crate::error::Location;
use crate::parse::Caption;

/// The language of a front matter block, told by its delimiter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrontMatterKind {
    Yaml,
    Toml,
}

/// An article's text cut into its front matter block (if any) and its body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    pub front: Option<(FrontMatterKind, &'a str)>,
    /// File line (1-based) of the first line inside the front matter block.
    pub front_line: usize,
    pub body: &'a str,
    /// File line (1-based) on which the body starts.
    pub body_line: usize,
}

/// A front matter problem, positioned in the whole file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterError {
    pub location: Location,
    pub message: String,
}

/// Splits `text` into front matter and body. A file whose first line is not exactly `---` or
/// `+++` has no front matter. An opened block that is never closed is an error at line 1.
pub fn split(text: &str) -> Result<Split<'_>, FrontMatterError> {
    let first_line_end = text.find('\n').unwrap_or(text.len());
    let kind = match text[..first_line_end].trim_end() {
        "---" => FrontMatterKind::Yaml,
        "+++" => FrontMatterKind::Toml,
        _ => {
            return Ok(Split {
                front: None,
                front_line: 1,
                body: text,
                body_line: 1,
            });
        }
    };
    let delimiter = if kind == FrontMatterKind::Yaml {
        "---"
    } else {
        "+++"
    };
    let front_start = (first_line_end + 1).min(text.len());
    let mut line_start = front_start;
    let mut line_number = 2;
    while line_start < text.len() {
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i);
        if text[line_start..line_end].trim_end() == delimiter {
            let body_start = (line_end + 1).min(text.len());
            return Ok(Split {
                front: Some((kind, &text[front_start..line_start])),
                front_line: 2,
                body: &text[body_start..],
                body_line: line_number + 1,
            });
        }
        line_start = line_end + 1;
        line_number += 1;
    }
    Err(FrontMatterError {
        location: Location { line: 1, column: 1 },
        message: format!(
            "front matter opened with `{delimiter}` is never closed by a `{delimiter}` line"
        ),
    })
}

/// What a front matter block says, in arsip's vocabulary (see [`super::vocabulary`]).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct FrontMatter {
    pub title: Option<String>,
    /// Dates as written; [`super::parse_date`] reads them.
    pub date: Option<String>,
    pub updated: Option<String>,
    pub tags: Option<Vec<String>>,
    /// One name, or several joined by `, `.
    pub author: Option<String>,
    pub editor: Option<String>,
    pub source: Option<String>,
    pub location: Option<String>,
    pub description: Option<String>,
    pub slug: Option<String>,
    /// The article's own site path (`permalink`, `url` or `path`), as written.
    pub path: Option<String>,
    pub draft: Option<bool>,
    /// Show a table of contents on the article's page (over the site's `toc`).
    pub toc: Option<bool>,
    pub image: Option<String>,
    /// Old paths of the article (`aliases`, `redirect_from`), as written.
    pub aliases: Vec<String>,
    pub captions: Option<Vec<Caption>>,
    /// Zola's `[extra]` entries and every key outside the vocabulary.
    pub extra: Option<toml::Table>,
    /// The keys outside the vocabulary, with the file line of each.
    pub unknown: Vec<(String, usize)>,
    /// The block could not be read at all: its syntax error is the only problem, and what
    /// it would have said (a title, a date) is not missing but unknown.
    pub unreadable: bool,
}

/// Reads the block into front matter, with every problem found, each at its line in the
/// whole file. A syntax error stops the reader: it is the only problem then.
pub fn read(
    kind: FrontMatterKind,
    front: &str,
    front_line: usize,
) -> (FrontMatter, Vec<FrontMatterError>) {
    if kind == FrontMatterKind::Yaml {
        // An empty YAML document is null, not a map: treat it as no fields.
        if front.trim().is_empty() {
            return (FrontMatter::default(), Vec::new());
        }
        if let Some(simple) = super::simple_yaml::read(front, front_line) {
            return (simple, Vec::new());
        }
    }
    read_fully(kind, front, front_line)
}

/// Like [`read`], failing with the first problem. Kept for readers that stop at one.
pub fn deserialize(
    kind: FrontMatterKind,
    front: &str,
    front_line: usize,
) -> Result<FrontMatter, FrontMatterError> {
    let (fm, problems) = read(kind, front, front_line);
    match problems.into_iter().next() {
        Some(problem) => Err(problem),
        None => Ok(fm),
    }
}

/// The full reader: the whole block as values, then each key through the vocabulary.
pub fn read_fully(
    kind: FrontMatterKind,
    front: &str,
    front_line: usize,
) -> (FrontMatter, Vec<FrontMatterError>) {
    let mut fm = FrontMatter::default();
    let mut problems = Vec::new();
    let entries = match parse_block(kind, front, front_line) {
        Ok(Value::Map(entries)) => entries,
        Ok(Value::Null) => Vec::new(),
        Ok(other) => {
            problems.push(FrontMatterError {
                location: Location {
                    line: front_line,
                    column: 1,
                },
                message: format!(
                    "front matter must be `key: value` lines, not {}",
                    other.kind()
                ),
            });
            return (fm, problems);
        }
        Err(error) => {
            fm.unreadable = true;
            return (fm, vec![error]);
        }
    };
    for (key, value) in entries {
        let line = key_location(front, front_line, &key).map_or(front_line, |l| l.line);
        super::vocabulary::apply(&mut fm, &mut problems, &key, value, line);
    }
    (fm, problems)
}

// The block as one value, or its syntax error at its line in the whole file.
fn parse_block(
    kind: FrontMatterKind,
    front: &str,
    front_line: usize,
) -> Result<Value, FrontMatterError> {
    let at = |location: Location, message: String| FrontMatterError {
        location: Location {
            line: location.line + front_line - 1,
            column: location.column,
        },
        message,
    };
    match kind {
        FrontMatterKind::Yaml => serde_saphyr::from_str::<Value>(front).map_err(|e| {
            let location = e
                .location()
                .map_or(Location { line: 1, column: 1 }, |l| Location {
                    line: usize::try_from(l.line()).unwrap_or(1).max(1),
                    column: usize::try_from(l.column()).unwrap_or(1).max(1),
                });
            at(
                location,
                format!("invalid YAML front matter: {}", yaml_message(&e)),
            )
        }),
        FrontMatterKind::Toml => toml::from_str::<toml::Table>(front)
            .map(|table| Value::from_toml(toml::Value::Table(table)))
            .map_err(|e| {
                let location = e.span().map_or(Location { line: 1, column: 1 }, |span| {
                    Location::of_offset(front, span.start)
                });
                at(
                    location,
                    format!("invalid TOML front matter: {}", e.message().trim_end()),
                )
            }),
    }
}

// serde-saphyr renders a snippet with its own positions; we print ours, so keep the message.
fn yaml_message(error: &serde_saphyr::Error) -> String {
    let rendered = error.without_snippet().to_string();
    let first = rendered.lines().next().unwrap_or("").trim();
    // Drop a trailing " at line X, column Y" the crate adds: the prefix already says where.
    match first.find(" at line ") {
        Some(i) => first[..i].to_string(),
        None => first.to_string(),
    }
}

/// The line within the file where `key` is set in a front matter block, for errors about its
/// value (such as an unparsable date) that the deserializer cannot position.
pub fn key_location(front: &str, front_line: usize, key: &str) -> Option<Location> {
    front.lines().enumerate().find_map(|(i, line)| {
        let rest = line.strip_prefix(key)?;
        let rest = rest.trim_start();
        (rest.starts_with(':') || rest.starts_with('=')).then_some(Location {
            line: front_line + i,
            column: 1,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_block_is_split_from_the_body() {
        let split = split("---\ntitle: A\n---\nBody\n").expect("closed");
        assert_eq!(split.front, Some((FrontMatterKind::Yaml, "title: A\n")));
        assert_eq!(split.body, "Body\n");
        assert_eq!(split.body_line, 4);
    }

    #[test]
    fn toml_block_is_split_from_the_body() {
        let split = split("+++\ntitle = \"A\"\n+++\n\nBody").expect("closed");
        assert_eq!(
            split.front,
            Some((FrontMatterKind::Toml, "title = \"A\"\n"))
        );
        assert_eq!(split.body, "\nBody");
    }

    #[test]
    fn text_without_delimiter_has_no_front_matter() {
        let split = split("Headline\n\nText").expect("no block");
        assert_eq!(split.front, None);
        assert_eq!(split.body, "Headline\n\nText");
    }

    #[test]
    fn empty_block_and_empty_file_are_accepted() {
        let split = split("---\n---\n").expect("closed");
        assert_eq!(split.front, Some((FrontMatterKind::Yaml, "")));
        assert_eq!(split.body, "");
        assert_eq!(super::split("").expect("empty").front, None);
    }

    #[test]
    fn unclosed_block_is_an_error_at_line_one() {
        let error = split("---\ntitle: A\nBody\n").expect_err("unclosed");
        assert_eq!(error.location.line, 1);
        assert!(error.message.contains("never closed"));
    }

    #[test]
    fn yaml_error_line_is_a_file_line() {
        // The bad line is the third line of the file: delimiter, title, then the bad one.
        let error =
            deserialize(FrontMatterKind::Yaml, "title: A\ntags: [a, b\n", 2).expect_err("bad");
        assert!(error.location.line >= 3, "{error:?}");
        assert!(
            error.message.starts_with("invalid YAML front matter"),
            "{error:?}"
        );
    }

    #[test]
    fn toml_error_line_is_a_file_line() {
        let error =
            deserialize(FrontMatterKind::Toml, "title = \"A\"\ndate = \n", 2).expect_err("bad");
        assert_eq!(error.location.line, 3, "{error:?}");
    }

    #[test]
    fn unknown_key_is_kept_with_its_line() {
        let fm = deserialize(FrontMatterKind::Yaml, "title: A\nauthr: B\n", 2).expect("kept");
        assert_eq!(fm.unknown, [("authr".to_string(), 3)]);
        let fm =
            deserialize(FrontMatterKind::Toml, "title = 'A'\n[extra]\nx = 1\n", 2).expect("kept");
        assert!(fm.unknown.is_empty());
        assert_eq!(
            fm.extra.and_then(|e| e.get("x").cloned()),
            Some(toml::Value::Integer(1))
        );
    }

    #[test]
    fn every_problem_of_a_block_is_reported_at_its_line() {
        let (_, problems) = read(
            FrontMatterKind::Yaml,
            "title: [A]\ndate: 2016-02-18\ntags: {a: 1}\ndraft: 3\n",
            2,
        );
        let lines: Vec<usize> = problems.iter().map(|p| p.location.line).collect();
        assert_eq!(lines, [2, 4, 5], "{problems:?}");
    }

    #[test]
    fn dates_are_read_as_text_from_yaml_and_native_toml() {
        let yaml = deserialize(FrontMatterKind::Yaml, "date: 2016-02-18\n", 2).expect("valid");
        assert_eq!(yaml.date.as_deref(), Some("2016-02-18"));
        let toml = deserialize(
            FrontMatterKind::Toml,
            "date = 2016-02-18T09:28:00+07:00\n",
            2,
        )
        .expect("valid");
        assert_eq!(toml.date.as_deref(), Some("2016-02-18T09:28:00+07:00"));
        let quoted =
            deserialize(FrontMatterKind::Toml, "date = \"2016-02-18\"\n", 2).expect("valid");
        assert_eq!(quoted.date.as_deref(), Some("2016-02-18"));
    }

    #[test]
    fn key_location_finds_the_line_of_a_key() {
        assert_eq!(
            key_location("title: A\ndate: x\n", 2, "date").map(|l| l.line),
            Some(3)
        );
        assert_eq!(key_location("title = 'A'\n", 2, "date"), None);
    }
}
