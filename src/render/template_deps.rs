//! Which templates a page depends on, so that an incremental build re-renders only the pages
//! whose templates changed: each template's hash covers its own text and, through
//! `{% extends %}`, `{% include %}` and `{% import %}`, the text of every template it uses.

use std::collections::{BTreeMap, BTreeSet};

use super::templates::TemplateSource;
use std::hash::Hasher;

use crate::hash::Hash64;

/// For every template name, a hash of its text and of every template it uses, transitively.
pub fn closure_hashes(sources: &[TemplateSource]) -> BTreeMap<String, u64> {
    let by_name: BTreeMap<&str, &TemplateSource> =
        sources.iter().map(|s| (s.name.as_str(), s)).collect();
    sources
        .iter()
        .map(|source| {
            let mut seen: BTreeSet<&str> = BTreeSet::new();
            let mut pending = vec![source.name.as_str()];
            // Names in a fixed (sorted) order, so the hash does not depend on discovery order.
            while let Some(name) = pending.pop() {
                if !seen.insert(name) {
                    continue;
                }
                if let Some(used) = by_name.get(name) {
                    pending.extend(
                        used_templates(&used.text)
                            .into_iter()
                            .filter_map(|n| by_name.get_key_value(n.as_str()).map(|(k, _)| *k)),
                    );
                }
            }
            let mut h = Hash64::default();
            for name in &seen {
                h.str(name);
                if let Some(used) = by_name.get(name) {
                    h.str(&used.text);
                }
            }
            (source.name.clone(), h.finish())
        })
        .collect()
}

/// The template names quoted in the `extends`, `include` and `import` tags of `text`.
fn used_templates(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{%") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("%}") else { break };
        let tag = after[..end].trim_matches(|c: char| c == '-' || c.is_whitespace());
        let keyword = tag.split_whitespace().next().unwrap_or("");
        if matches!(keyword, "extends" | "include" | "import") {
            names.extend(quoted_strings(tag));
        }
        rest = &after[end + 2..];
    }
    names
}

fn quoted_strings(tag: &str) -> Vec<String> {
    let mut strings = Vec::new();
    let mut chars = tag.char_indices();
    while let Some((i, c)) = chars.next() {
        if c == '"' || c == '\'' {
            let body = &tag[i + 1..];
            if let Some(len) = body.find(c) {
                strings.push(body[..len].to_string());
                // Skip past the closing quote.
                for _ in 0..=body[..len].chars().count() {
                    chars.next();
                }
            }
        }
    }
    strings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(name: &str, text: &str) -> TemplateSource {
        TemplateSource {
            name: name.to_string(),
            file: None,
            text: text.to_string(),
        }
    }

    #[test]
    fn finds_extends_include_and_import_names() {
        let text = r#"{% extends "base.html" %}{%- include 'summary.html' -%}
{% import "macros.html" as m %}{% include ["a.html", "b.html"] ignore missing %}{% if x %}"no"{% endif %}"#;
        assert_eq!(
            used_templates(text),
            [
                "base.html",
                "summary.html",
                "macros.html",
                "a.html",
                "b.html"
            ]
        );
    }

    #[test]
    fn a_change_reaches_exactly_the_templates_that_use_it() {
        let set = |base: &str| {
            closure_hashes(&[
                source("base.html", base),
                source("summary.html", "s"),
                source(
                    "index.html",
                    r#"{% extends "base.html" %}{% include "summary.html" %}"#,
                ),
                source("article.html", r#"{% extends "base.html" %}"#),
                source("rss.xml", "feed"),
            ])
        };
        let (before, after) = (set("one"), set("two"));
        assert_ne!(before["index.html"], after["index.html"]);
        assert_ne!(before["article.html"], after["article.html"]);
        assert_eq!(before["rss.xml"], after["rss.xml"]);
        assert_eq!(before["summary.html"], after["summary.html"]);
    }

    #[test]
    fn cycles_do_not_loop() {
        let hashes = closure_hashes(&[
            source("a.html", r#"{% include "b.html" %}"#),
            source("b.html", r#"{% include "a.html" %}"#),
        ]);
        assert_eq!(hashes.len(), 2);
    }
}
