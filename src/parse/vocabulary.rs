//! The front matter vocabulary: every key arsip reads, in its own words and in those of
//! Jekyll, Hugo, Zola and WordPress exports, as one table ([`VOCABULARY`]). Both YAML readers
//! and the TOML reader hand each key and value to [`apply`], so a key means the same
//! whichever way it was written. Keys outside the table are kept for templates in `extra`.

use super::front_matter::{FrontMatter, FrontMatterError};
use super::value::Value;
use crate::error::Location;
use crate::parse::Caption;

/// What a key sets on an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Date,
    /// Date of the last change.
    Updated,
    /// Tags; `words` splits one string on spaces (Jekyll's rule for `tags`, `categories`).
    Tags {
        words: bool,
    },
    /// Author names: one, a list, or tables with `name`.
    Author,
    Editor,
    Source,
    Location,
    Description,
    Slug,
    /// The article's whole site path (`/2013/01/23/old-name.html`).
    Path,
    Draft,
    /// `published: false` is a draft.
    Published,
    /// A table of contents on the page, or not.
    Toc,
    Image,
    /// Old paths of the article, kept for redirect pages.
    Aliases,
    Captions,
    /// Zola's `[extra]`: entries go to `article.extra`.
    Extra,
    /// Zola's `[taxonomies]`: `tags` and `categories` become tags.
    Taxonomies,
}

/// Every key read, with what it sets. Several keys may set one field; the first one written
/// in a file wins for single values, lists are joined.
pub const VOCABULARY: &[(&str, Field)] = &[
    ("title", Field::Title),
    ("date", Field::Date),
    ("updated", Field::Updated),
    ("lastmod", Field::Updated),
    ("last_modified_at", Field::Updated),
    ("tags", Field::Tags { words: true }),
    ("categories", Field::Tags { words: true }),
    ("category", Field::Tags { words: false }),
    ("author", Field::Author),
    ("authors", Field::Author),
    ("editor", Field::Editor),
    ("source", Field::Source),
    ("location", Field::Location),
    ("description", Field::Description),
    ("summary", Field::Description),
    ("excerpt", Field::Description),
    ("slug", Field::Slug),
    ("permalink", Field::Path),
    ("url", Field::Path),
    ("path", Field::Path),
    ("draft", Field::Draft),
    ("published", Field::Published),
    ("toc", Field::Toc),
    ("image", Field::Image),
    ("cover", Field::Image),
    ("featured_image", Field::Image),
    ("aliases", Field::Aliases),
    ("redirect_from", Field::Aliases),
    ("captions", Field::Captions),
    ("extra", Field::Extra),
    ("taxonomies", Field::Taxonomies),
];

/// A yes-or-no value: a boolean, or the text `true` or `false`.
fn flag(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        Value::Text(t) if t == "true" || t == "false" => Some(t == "true"),
        _ => None,
    }
}

/// What a key of the vocabulary sets, if it is one.
pub fn field_of(key: &str) -> Option<Field> {
    VOCABULARY.iter().find(|(k, _)| *k == key).map(|(_, f)| *f)
}

/// The known key an unknown one is most likely a misspelling of (`tag` for `tags`).
pub fn suggestion(key: &str) -> Option<&'static str> {
    let key = key.to_ascii_lowercase();
    let limit = if key.chars().count() <= 4 { 1 } else { 2 };
    VOCABULARY
        .iter()
        .map(|(k, _)| (edit_distance(&key, k), *k))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// What `check` (and strict mode) say of a key outside the vocabulary.
pub fn unknown_key_message(key: &str) -> String {
    match suggestion(key) {
        Some(known) => format!(
            "front matter key `{key}` is not one arsip reads (did you mean `{known}`?); it is kept in `article.extra`"
        ),
        None => format!(
            "front matter key `{key}` is not one arsip reads; it is kept in `article.extra` for templates"
        ),
    }
}

// Levenshtein distance, by characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != *cb))
                .min(above + 1)
                .min(row[j] + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

/// Sets what `key` (written on file line `line`) says on `fm`. A value of the wrong shape is
/// a problem naming the key and what it takes; an unknown key goes to `extra`.
pub fn apply(
    fm: &mut FrontMatter,
    problems: &mut Vec<FrontMatterError>,
    key: &str,
    value: Value,
    line: usize,
) {
    let Some(field) = field_of(key) else {
        fm.unknown.push((key.to_string(), line));
        if let Some(value) = value.into_toml() {
            fm.extra
                .get_or_insert_default()
                .entry(key.to_string())
                .or_insert(value);
        }
        return;
    };
    if let Err(accepted) = set(fm, problems, field, value, line) {
        problems.push(FrontMatterError {
            location: Location { line, column: 1 },
            message: format!("`{key}` takes {accepted}"),
        });
    }
}

// Sets one field; on a value of the wrong shape, says what the field takes.
fn set(
    fm: &mut FrontMatter,
    problems: &mut Vec<FrontMatterError>,
    field: Field,
    value: Value,
    line: usize,
) -> Result<(), String> {
    let wrong = |accepts: &str, value: &Value| format!("{accepts}, not {}", value.described());
    if value == Value::Null {
        // `key:` with nothing after it says nothing.
        return Ok(());
    }
    match field {
        Field::Title
        | Field::Editor
        | Field::Source
        | Field::Location
        | Field::Description
        | Field::Slug
        | Field::Path => {
            let text = match &value {
                Value::Text(_) | Value::Int(_) | Value::Float(_) => value.as_text(),
                _ => None,
            }
            .ok_or_else(|| wrong("text", &value))?;
            let slot = match field {
                Field::Title => &mut fm.title,
                Field::Editor => &mut fm.editor,
                Field::Source => &mut fm.source,
                Field::Location => &mut fm.location,
                Field::Description => &mut fm.description,
                Field::Slug => &mut fm.slug,
                _ => &mut fm.path,
            };
            slot.get_or_insert(text);
        }
        Field::Date | Field::Updated => {
            let accepts =
                "a date such as 2016-02-18, 2016-02-18 09:28 or 2016-02-18T09:28:00+07:00";
            let text = match &value {
                Value::Text(t) | Value::Date(t) => t.clone(),
                _ => return Err(wrong(accepts, &value)),
            };
            let slot = if field == Field::Date {
                &mut fm.date
            } else {
                &mut fm.updated
            };
            slot.get_or_insert(text);
        }
        Field::Tags { words } => {
            let names =
                names(&value, words).ok_or_else(|| wrong("a list of names or one name", &value))?;
            fm.tags.get_or_insert_default().extend(names);
        }
        Field::Author => {
            let people = people(&value).ok_or_else(|| {
                wrong("a name, a list of names, or a table with a `name`", &value)
            })?;
            if !people.is_empty() {
                let joined = people.join(", ");
                fm.author = Some(match fm.author.take() {
                    Some(before) => format!("{before}, {joined}"),
                    None => joined,
                });
            }
        }
        Field::Draft | Field::Published => {
            let flag = flag(&value).ok_or_else(|| wrong("true or false", &value))?;
            let draft = if field == Field::Draft { flag } else { !flag };
            fm.draft = Some(fm.draft.unwrap_or(false) || draft);
        }
        Field::Toc => {
            let flag = flag(&value).ok_or_else(|| wrong("true or false", &value))?;
            fm.toc.get_or_insert(flag);
        }
        Field::Image => {
            let found = match &value {
                Value::Map(_) => ["src", "image", "path", "url", "filename"]
                    .iter()
                    .find_map(|k| value.get(k).and_then(Value::as_text)),
                other => other.as_text(),
            };
            let image = found.ok_or_else(|| {
                wrong("the path or URL of an image, or a table with `src`", &value)
            })?;
            fm.image.get_or_insert(image);
        }
        Field::Aliases => {
            let paths =
                names(&value, false).ok_or_else(|| wrong("a list of paths or one path", &value))?;
            fm.aliases.extend(paths);
        }
        Field::Captions => {
            let captions = value
                .clone()
                .into_toml()
                .and_then(|v| v.try_into::<Vec<Caption>>().ok())
                .ok_or_else(|| {
                    wrong(
                        "a list of tables with `text` and, if known, `credit`",
                        &value,
                    )
                })?;
            fm.captions.get_or_insert_default().extend(captions);
        }
        Field::Extra | Field::Taxonomies => {
            let Value::Map(entries) = value else {
                return Err(wrong("a table of keys", &value));
            };
            for (key, value) in entries {
                if field == Field::Taxonomies && (key == "tags" || key == "categories") {
                    apply(fm, problems, &key, value, line);
                } else if let Some(value) = value.into_toml() {
                    let extra = fm.extra.get_or_insert_default();
                    if field == Field::Extra {
                        extra.insert(key, value);
                    } else if let toml::Value::Table(table) = extra
                        .entry("taxonomies")
                        .or_insert_with(|| toml::Value::Table(toml::Table::new()))
                    {
                        table.insert(key, value);
                    }
                }
            }
        }
    }
    Ok(())
}

// Names from a list of scalars or from one string: split on commas when it has any, else on
// spaces when `words` (Jekyll's `tags: ruby rails`), else kept whole.
fn names(value: &Value, words: bool) -> Option<Vec<String>> {
    match value {
        Value::List(items) => items.iter().map(Value::as_text).collect(),
        Value::Text(text) if text.contains(',') => {
            Some(text.split(',').map(|s| s.trim().to_string()).collect())
        }
        Value::Text(text) if words => Some(text.split_whitespace().map(str::to_string).collect()),
        other => other.as_text().map(|t| vec![t]),
    }
}

// Author names from a name, a table with `name`, or a list of either.
fn people(value: &Value) -> Option<Vec<String>> {
    match value {
        Value::List(items) => {
            let mut all = Vec::new();
            for item in items {
                all.extend(people(item)?);
            }
            Some(all)
        }
        Value::Map(_) => value.get("name")?.as_text().map(|n| vec![n]),
        Value::Text(t) => Some(vec![t.clone()]),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(pairs: Vec<(&str, Value)>) -> (FrontMatter, Vec<FrontMatterError>) {
        let mut fm = FrontMatter::default();
        let mut problems = Vec::new();
        for (i, (key, value)) in pairs.into_iter().enumerate() {
            apply(&mut fm, &mut problems, key, value, i + 2);
        }
        (fm, problems)
    }

    fn text(s: &str) -> Value {
        Value::Text(s.to_string())
    }

    #[test]
    fn other_generators_keys_set_the_same_fields() {
        let (fm, problems) = read(vec![
            ("summary", text("Ringkas")),
            ("lastmod", text("2016-02-19")),
            ("categories", Value::List(vec![text("Rilis")])),
            ("tags", text("rust web")),
            (
                "authors",
                Value::List(vec![Value::Map(vec![("name".into(), text("Sari"))])]),
            ),
            ("author", text("Budi")),
            ("published", Value::Bool(false)),
            ("featured_image", text("sampul.png")),
            ("redirect_from", text("/lama.html")),
            ("permalink", text("/2013/01/a.html")),
        ]);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(fm.description.as_deref(), Some("Ringkas"));
        assert_eq!(fm.updated.as_deref(), Some("2016-02-19"));
        assert_eq!(
            fm.tags,
            Some(vec!["Rilis".into(), "rust".into(), "web".into()])
        );
        assert_eq!(fm.author.as_deref(), Some("Sari, Budi"));
        assert_eq!(fm.draft, Some(true));
        assert_eq!(fm.image.as_deref(), Some("sampul.png"));
        assert_eq!(fm.aliases, ["/lama.html"]);
        assert_eq!(fm.path.as_deref(), Some("/2013/01/a.html"));
    }

    #[test]
    fn wrong_shapes_name_the_key_and_what_it_takes() {
        let (_, problems) = read(vec![
            ("tags", Value::Map(vec![])),
            ("title", Value::List(vec![])),
            ("draft", text("nanti")),
            (
                "aliases",
                Value::List(vec![text("/a/"), Value::Map(vec![])]),
            ),
        ]);
        let messages: Vec<(usize, &str)> = problems
            .iter()
            .map(|p| (p.location.line, p.message.as_str()))
            .collect();
        assert_eq!(
            messages,
            [
                (
                    2,
                    "`tags` takes a list of names or one name, not a table of keys"
                ),
                (3, "`title` takes text, not a list"),
                (4, "`draft` takes true or false, not text"),
                (
                    5,
                    "`aliases` takes a list of paths or one path, not a list holding a table of keys"
                ),
            ]
        );
    }

    #[test]
    fn unknown_keys_are_kept_in_extra_and_listed() {
        let (fm, problems) = read(vec![
            ("layout", text("post")),
            ("extra", Value::Map(vec![("x".into(), Value::Int(1))])),
        ]);
        assert!(problems.is_empty());
        assert_eq!(fm.unknown, [("layout".to_string(), 2)]);
        let extra = fm.extra.expect("extra");
        assert_eq!(
            extra.get("layout"),
            Some(&toml::Value::String("post".into()))
        );
        assert_eq!(extra.get("x"), Some(&toml::Value::Integer(1)));
    }

    #[test]
    fn near_misses_are_suggested() {
        assert_eq!(suggestion("tag"), Some("tags"));
        assert_eq!(suggestion("titel"), Some("title"));
        assert_eq!(suggestion("Autor"), Some("author"));
        assert_eq!(suggestion("layout"), None);
        assert_eq!(suggestion("lang"), None);
    }
}
