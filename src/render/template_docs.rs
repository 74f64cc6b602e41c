//! `docs/templates.md`, made from the code: every built-in template with the blocks it
//! defines and the templates it extends or includes, and the variables its typed context
//! provides, each with its line from [`super::field_docs`]. A test keeps the file current.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::context_fields::{self, Fields};
use super::field_docs::{DESCRIPTIONS, TEMPLATES};
use super::templates::BUILT_IN;

/// The reference page for theme authors, in Markdown.
pub fn markdown() -> String {
    let by_template = context_fields::by_template(&BTreeMap::new());
    let globals = common_to(&by_template, |_| true);
    let html = common_to(&by_template, |fields| fields.contains("nav"));
    let html: Fields = html.difference(&globals).cloned().collect();
    let mut out = String::from(HEADER);
    out.push_str("\n## Every template\n\n");
    out.push_str(&variables_table(&globals));
    out.push_str("\n## Every page with the site's navigation\n\n");
    out.push_str(&variables_table(&html));
    out.push_str(STRINGS_INTRO);
    out.push_str("\n| key | `id` | `en` |\n|---|---|---|\n");
    for (key, indonesian, english) in crate::i18n::STRINGS {
        let _ = writeln!(out, "| `{key}` | {indonesian} | {english} |");
    }
    for (name, text) in BUILT_IN {
        let _ = write!(out, "\n## `{name}`\n\n{}.\n\n", sentence(purpose(name)));
        out.push_str(&structure(text));
        match by_template.get(name) {
            Some(fields) => {
                let own: Fields = fields
                    .difference(&globals)
                    .filter(|path| !html.contains(*path))
                    .cloned()
                    .collect();
                if own.is_empty() {
                    out.push_str("\nOnly the variables every template has.\n");
                } else {
                    out.push('\n');
                    out.push_str(&variables_table(&own));
                }
            }
            None => out.push_str(
                "\nA part of other templates: it sees the variables of the page it is part of.\n",
            ),
        }
    }
    out.push_str(THEMES_INTRO);
    for theme in super::themes::THEMES
        .iter()
        .filter(|t| **t != super::themes::DEFAULT)
    {
        let files = super::themes::overlay_files(theme);
        let files: Vec<String> = files.iter().map(|f| format!("`{f}`")).collect();
        let _ = writeln!(out, "- `{theme}`: {}", files.join(", "));
    }
    let _ = write!(
        out,
        "\n## `style.css`\n\n{}. Not a template: copied as it is, and a site's own \
         `templates/style.css` replaces it.\n",
        sentence(purpose("style.css"))
    );
    out
}

const HEADER: &str = "\
# Templates, blocks and variables

Made by `cargo test` from arsip's code (`src/render/template_docs.rs`): do not edit by hand.
A file of the same name in a site's `templates/` replaces the built-in one; `arsip check`
names any variable a template uses that its page does not provide.

An absent value is false in `{% if %}`. Text is escaped for HTML (for XML in `.xml` templates)
unless a template says `| safe`.
";

const THEMES_INTRO: &str = "
## Themes

`theme` in `arsip.toml` picks a built-in look. The templates above are the `default` theme's;
another theme replaces only the templates it names (with the same variables), and its
`style.css` is added after the default stylesheet:

";

const STRINGS_INTRO: &str = "
## Interface strings

`t.<key>` in any template. `[strings]` in `arsip.toml` replaces any of them; counts go through
the `plural` filter (`{{ n | plural(key=\"articles\") }}` picks `articles_one` or
`articles_other` by the language's plural rules; `{n}` is the number).
";

/// The fields that every template accepted by `keep` has.
fn common_to(
    by_template: &BTreeMap<&'static str, Fields>,
    keep: impl Fn(&Fields) -> bool,
) -> Fields {
    let mut sets = by_template.values().filter(|fields| keep(fields));
    let first = sets.next().cloned().unwrap_or_default();
    sets.fold(first, |common, set| {
        common.intersection(set).cloned().collect()
    })
}

/// What a template extends, includes and defines, read from its text.
fn structure(text: &str) -> String {
    let tags = |keyword: &str| -> Vec<String> {
        text.match_indices("{%")
            .filter_map(|(at, _)| {
                let tag = text[at + 2..]
                    .split("%}")
                    .next()?
                    .trim()
                    .trim_matches('-')
                    .trim();
                let rest = tag.strip_prefix(keyword)?.strip_prefix(' ')?;
                let word = rest.split_whitespace().next()?;
                Some(format!("`{}`", word.trim_matches('"')))
            })
            .collect()
    };
    let mut out = String::new();
    for (keyword, label) in [
        ("extends", "Extends"),
        ("include", "Includes"),
        ("block", "Blocks"),
    ] {
        let mut found = tags(keyword);
        found.dedup();
        if !found.is_empty() {
            let _ = writeln!(out, "- {label}: {}", found.join(", "));
        }
    }
    out
}

/// A Markdown table of the fields with their descriptions; list elements (`a[]`) are folded
/// into their list's line, and free-form tables show as `a.*`.
fn variables_table(fields: &Fields) -> String {
    let mut out = String::from("| variable | meaning |\n|---|---|\n");
    for path in fields {
        if path.ends_with("[]") || path.ends_with(".*") || path.starts_with("t.") {
            continue;
        }
        let meaning = description(path).unwrap_or("");
        let shown = if fields.contains(&format!("{path}.*")) {
            format!("{path}.*")
        } else {
            path.clone()
        };
        let _ = writeln!(out, "| `{shown}` | {} |", meaning.replace('|', "\\|"));
    }
    out
}

/// `text` with its first letter capitalised.
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

fn purpose(template: &str) -> &'static str {
    TEMPLATES
        .iter()
        .find(|(name, _)| *name == template)
        .map_or("", |(_, purpose)| *purpose)
}

fn description(path: &str) -> Option<&'static str> {
    DESCRIPTIONS
        .iter()
        .find(|(described, _)| *described == path)
        .map(|(_, meaning)| *meaning)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn described_paths() -> Fields {
        context_fields::by_template(&BTreeMap::new())
            .into_values()
            .flatten()
            .filter(|path| !(path.ends_with("[]") || path.ends_with(".*")))
            .collect()
    }

    #[test]
    fn every_variable_is_described_and_every_description_is_a_variable() {
        let paths = described_paths();
        let missing: Vec<&String> = paths.iter().filter(|p| description(p).is_none()).collect();
        assert!(missing.is_empty(), "describe in field_docs.rs: {missing:?}");
        let stale: Vec<&str> = DESCRIPTIONS
            .iter()
            .map(|(path, _)| *path)
            .filter(|path| !paths.contains(*path))
            .collect();
        assert!(stale.is_empty(), "no context has: {stale:?}");
    }

    #[test]
    fn every_built_in_template_has_a_purpose() {
        let built_in: Vec<&str> = BUILT_IN.iter().map(|(name, _)| *name).collect();
        for name in &built_in {
            assert!(
                !purpose(name).is_empty(),
                "say what {name} makes in field_docs.rs"
            );
        }
        for (name, _) in TEMPLATES {
            assert!(
                built_in.contains(name) || *name == "style.css",
                "no template {name}"
            );
        }
    }

    #[test]
    fn structure_reads_extends_includes_and_blocks() {
        let text = "{% extends \"base.html\" %}{% block title %}x{% endblock title %}\
                    {% for a in b %}{% include \"summary.html\" %}{% endfor %}{%- block content -%}{% endblock %}";
        assert_eq!(
            structure(text),
            "- Extends: `base.html`\n- Includes: `summary.html`\n- Blocks: `title`, `content`\n"
        );
    }

    /// `docs/templates.md` is this module's output; `ARSIP_UPDATE_DOCS=1 cargo test` rewrites it.
    #[test]
    fn docs_templates_md_is_current() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/templates.md");
        let made = markdown();
        if std::env::var_os("ARSIP_UPDATE_DOCS").is_some() {
            std::fs::write(&path, &made).expect("docs/ is writable");
        }
        let written = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            written == made,
            "docs/templates.md is out of date: run `ARSIP_UPDATE_DOCS=1 cargo test --lib docs_templates`"
        );
    }
}
