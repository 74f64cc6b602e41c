//! Front matter: split the `---` (YAML) or `+++` (TOML) block off the top of an article and
//! deserialize it into [`FrontMatter`], reporting errors at their line in the whole file.

use serde::Deserialize;

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

/// The front matter fields an article may set; unknown keys are an error.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: Option<String>,
    #[serde(default, deserialize_with = "date_text")]
    pub date: Option<String>,
    #[serde(default, deserialize_with = "date_text")]
    pub updated: Option<String>,
    pub tags: Option<Vec<String>>,
    pub author: Option<String>,
    pub editor: Option<String>,
    pub source: Option<String>,
    pub location: Option<String>,
    pub description: Option<String>,
    pub slug: Option<String>,
    pub draft: Option<bool>,
    pub captions: Option<Vec<Caption>>,
    pub extra: Option<toml::Table>,
}

/// Deserializes the block, positioning errors at their line in the whole file.
pub fn deserialize(
    kind: FrontMatterKind,
    front: &str,
    front_line: usize,
) -> Result<FrontMatter, FrontMatterError> {
    match kind {
        FrontMatterKind::Yaml => {
            // An empty YAML document is null, not a map: treat it as no fields.
            if front.trim().is_empty() {
                return Ok(FrontMatter::default());
            }
            if let Some(simple) = super::simple_yaml::read(front) {
                return Ok(simple);
            }
            serde_saphyr::from_str::<FrontMatter>(front).map_err(|e| {
                let location = e
                    .location()
                    .map_or(Location { line: 1, column: 1 }, |l| Location {
                        line: usize::try_from(l.line()).unwrap_or(1).max(1),
                        column: usize::try_from(l.column()).unwrap_or(1).max(1),
                    });
                FrontMatterError {
                    location: Location {
                        line: location.line + front_line - 1,
                        column: location.column,
                    },
                    message: format!("invalid YAML front matter: {}", yaml_message(&e)),
                }
            })
        }
        FrontMatterKind::Toml => toml::from_str::<FrontMatter>(front).map_err(|e| {
            let location = e.span().map_or(Location { line: 1, column: 1 }, |span| {
                Location::of_offset(front, span.start)
            });
            FrontMatterError {
                location: Location {
                    line: location.line + front_line - 1,
                    column: location.column,
                },
                message: format!("invalid TOML front matter: {}", e.message().trim_end()),
            }
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

// Dates arrive as strings in YAML and as native datetimes in TOML; accept both as text.
fn date_text<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    struct DateVisitor;
    impl<'de> serde::de::Visitor<'de> for DateVisitor {
        type Value = Option<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a date such as 2016-02-18 or 2016-02-18T09:28:00+07:00")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            // toml presents a datetime as a one-entry map holding its text.
            match map.next_entry::<String, String>()? {
                Some((_, datetime)) => Ok(Some(datetime)),
                None => Err(serde::de::Error::custom("empty date")),
            }
        }
    }
    deserializer.deserialize_any(DateVisitor)
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
    fn unknown_key_is_an_error_naming_it() {
        let error =
            deserialize(FrontMatterKind::Yaml, "title: A\nauthr: B\n", 2).expect_err("unknown");
        assert!(error.message.contains("authr"), "{error:?}");
        assert_eq!(error.location.line, 3, "{error:?}");
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
