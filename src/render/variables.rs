//! Template variables that no context provides (`{% if article.autor %}`, a typo that Tera
//! renders as nothing): every `{{ … }}` and `{% … %}` tag is read for variable paths, loop
//! variables stand for an element of the list they walk, and each path is looked up in the
//! fields of the template's context ([`super::context_fields`]). Used by `check`.

use std::collections::BTreeMap;

use super::context_fields::{self, Fields};
use super::templates::{TemplateSource, display_path};
use crate::error::{Error, Location};

/// Words of the template language, never variables.
const KEYWORDS: &[&str] = &[
    "and",
    "as",
    "block",
    "break",
    "continue",
    "elif",
    "else",
    "endblock",
    "endfilter",
    "endfor",
    "endif",
    "endmacro",
    "endraw",
    "extends",
    "false",
    "False",
    "filter",
    "for",
    "if",
    "import",
    "in",
    "include",
    "is",
    "macro",
    "none",
    "None",
    "not",
    "or",
    "raw",
    "set",
    "set_global",
    "true",
    "True",
    "with",
    "endwith",
    "ignore",
    "missing",
    "super",
    "loop",
    "self",
    "__tera_context",
];

/// One error for every variable path in `sources` that no context of its template provides,
/// naming the template file and line. `strings` are the interface strings (`t.*`).
pub fn unknown_variables(
    sources: &[TemplateSource],
    strings: &BTreeMap<String, String>,
) -> Vec<Error> {
    let by_template = context_fields::by_template(strings);
    // Base templates and includes see whichever page's context: any of them.
    let any: Fields = by_template.values().flatten().cloned().collect();
    let uses: Vec<(&TemplateSource, Vec<Use>)> =
        sources.iter().map(|s| (s, scan(&s.text))).collect();
    // A loop variable of one template stands for the same in the templates it includes.
    let mut everywhere: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (_, found) in &uses {
        for u in found {
            if let Use::Loop { name, list } = u {
                everywhere
                    .entry(name)
                    .or_default()
                    .push(format!("{list}[]"));
            }
        }
    }
    let mut errors = Vec::new();
    for (source, found) in &uses {
        let fields = by_template.get(source.name.as_str()).unwrap_or(&any);
        let mut loops: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        let mut free: Vec<&str> = Vec::new();
        for u in found {
            match u {
                Use::Loop { name, list } => {
                    loops.entry(name).or_default().push(format!("{list}[]"));
                }
                Use::Free(name) => free.push(name),
                Use::Path { .. } => {}
            }
        }
        for u in found {
            let Use::Path { path, offset } = u else {
                continue;
            };
            let root = path.split('.').next().unwrap_or("");
            if free.contains(&root) {
                continue;
            }
            // A loop variable may share its name with a context variable (`tag`): either.
            let mut candidates = expand(path, &[&loops, &everywhere], 0);
            candidates.push(path.clone());
            if candidates.iter().any(|c| provided(fields, c)) {
                continue;
            }
            errors.push(Error::Template {
                path: display_path(sources, &source.name),
                location: Some(Location::of_offset(&source.text, *offset)),
                message: format!(
                    "template variable `{path}` is in no context of this template{}",
                    hint(fields, &candidates[0])
                ),
            });
        }
    }
    errors
}

// The context paths `path` may stand for: itself, and its loop variable root replaced by an
// element of each list it walks (in this template, else in any), those lists resolved in turn.
fn expand(path: &str, scopes: &[&BTreeMap<&str, Vec<String>>], depth: usize) -> Vec<String> {
    let (root, rest) = path.split_once('.').unwrap_or((path, ""));
    let bound = scopes.iter().find_map(|scope| scope.get(root));
    match bound {
        Some(lists) if depth < 4 => {
            let mut paths: Vec<String> = lists
                .iter()
                .flat_map(|list| expand(list, scopes, depth + 1))
                .map(|list| join(&list, rest))
                .collect();
            // The root may be a context variable as well (`tag` of a tag page).
            paths.push(path.to_string());
            paths
        }
        _ => vec![path.to_string()],
    }
}

fn join(list: &str, rest: &str) -> String {
    if rest.is_empty() {
        list.to_string()
    } else {
        format!("{list}.{rest}")
    }
}

// Whether `path` or a free-form table above it (`site.extra.*`) is among `fields`.
fn provided(fields: &Fields, path: &str) -> bool {
    if fields.contains(path) {
        return true;
    }
    let mut prefix = path;
    while let Some((head, _)) = prefix.rsplit_once('.') {
        if fields.contains(&format!("{head}.*")) {
            return true;
        }
        prefix = head;
    }
    false
}

// `; `article` has: author, captions, …` when the parent of `path` is known.
fn hint(fields: &Fields, path: &str) -> String {
    let Some((parent, _)) = path.rsplit_once('.') else {
        return String::new();
    };
    let start = format!("{parent}.");
    let names: Vec<&str> = fields
        .range(start.clone()..)
        .take_while(|f| f.starts_with(&start))
        .map(|f| &f[start.len()..])
        .filter(|f| !f.contains(['.', '[', '*']))
        .collect();
    if names.is_empty() {
        return String::new();
    }
    let shown = parent.replace("[]", "");
    format!("; `{shown}` has: {}", names.join(", "))
}

/// What a tag does with a name.
#[derive(Debug, PartialEq)]
enum Use {
    /// A variable path read at byte `offset` of the template.
    Path { path: String, offset: usize },
    /// `{% for name in list %}`: `name` is an element of `list`.
    Loop { name: String, list: String },
    /// A name the template defines itself (`set`, macro arguments, `for k, v`).
    Free(String),
}

/// Every variable use in a template's text, in order.
fn scan(text: &str) -> Vec<Use> {
    let mut uses = Vec::new();
    let mut rest = 0;
    while let Some(open) = text[rest..].find('{').map(|i| rest + i) {
        let close = match text.get(open + 1..open + 2) {
            Some("{") => "}}",
            Some("%") => "%}",
            Some("#") => "#}",
            _ => {
                rest = open + 1;
                continue;
            }
        };
        let body_start = open + 2;
        let Some(end) = text[body_start..].find(close).map(|i| body_start + i) else {
            break;
        };
        let body = &text[body_start..end];
        rest = end + 2;
        if close == "#}" {
            continue;
        }
        let words = tokens(body, body_start);
        if close == "%}" && words.first().is_some_and(|(w, _)| *w == "raw") {
            // Nothing up to `{% endraw %}` is template code.
            match text[rest..].find("endraw") {
                Some(i) => rest += i,
                None => break,
            }
            continue;
        }
        read_tag(&words, close == "%}", &mut uses);
    }
    uses
}

// The tokens of a tag, each with its byte offset: names (dotted paths kept whole), strings
// (as `"`), and single punctuation characters.
fn tokens(body: &str, base: usize) -> Vec<(&str, usize)> {
    let bytes = body.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c.is_ascii_alphabetic() || c == b'_' {
            let start = i;
            while i < bytes.len()
                && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_' || bytes[i] == b'.')
            {
                i += 1;
            }
            out.push((body[start..i].trim_end_matches('.'), base + start));
        } else if c == b'"' || c == b'\'' || c == b'`' {
            let start = i;
            i += 1;
            while i < bytes.len() && bytes[i] != c {
                i += 1;
            }
            i += 1;
            out.push(("\"", base + start));
        } else if c.is_ascii_digit() {
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'.') {
                i += 1;
            }
        } else if c.is_ascii_whitespace() || c == b'-' && (i == 0 || i + 1 == bytes.len()) {
            i += 1;
        } else {
            out.push((&body[i..i + 1], base + i));
            i += 1;
        }
    }
    out
}

// The uses in one tag's tokens; `statement` for `{% … %}`.
fn read_tag(words: &[(&str, usize)], statement: bool, uses: &mut Vec<Use>) {
    let first = words.first().map_or("", |(w, _)| *w);
    let mut skip_next = false;
    for (k, (word, offset)) in words.iter().enumerate() {
        let prev = if k > 0 { words[k - 1].0 } else { "" };
        let next = words.get(k + 1).map_or("", |(w, _)| *w);
        if skip_next {
            skip_next = false;
            continue;
        }
        if statement && k > 0 {
            match (first, k) {
                ("for", 1) => {
                    if next == "," {
                        uses.push(Use::Free(word.to_string()));
                    } else if let Some((list, _)) = words.get(3).filter(|_| next == "in") {
                        uses.push(Use::Loop {
                            name: word.to_string(),
                            list: list.to_string(),
                        });
                    }
                    continue;
                }
                ("for", 3) if prev == "," => {
                    uses.push(Use::Free(word.to_string()));
                    continue;
                }
                ("filter", _) => continue,
                ("set" | "set_global", 1) | ("block" | "endblock" | "macro", 1) => {
                    uses.push(Use::Free(word.to_string()));
                    continue;
                }
                ("macro", _) | ("import", _) => {
                    uses.push(Use::Free(word.to_string()));
                    continue;
                }
                _ => {}
            }
        }
        let root = word.split('.').next().unwrap_or("");
        let is_name = word.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_');
        if !is_name || KEYWORDS.contains(&root) || (statement && k == 0) {
            if *word == "is" {
                skip_next = true; // A test: `is defined`, `is not odd`.
                if next == "not" {
                    skip_next = false;
                }
            }
            if prev == "is" && *word == "not" {
                skip_next = true;
            }
            continue;
        }
        // A filter, function or keyword argument name is not a variable.
        if prev == "|"
            || next == "("
            || (next == "=" && words.get(k + 2).is_none_or(|w| w.0 != "="))
        {
            continue;
        }
        uses.push(Use::Path {
            path: word.to_string(),
            offset: *offset,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(text: &str) -> Vec<String> {
        scan(text)
            .into_iter()
            .filter_map(|u| match u {
                Use::Path { path, .. } => Some(path),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn paths_skip_filters_functions_tests_and_keywords() {
        let text = "{% if article.autor and not a.b is defined %}{{ x | date_format(format=\"%d\") }}\
                    {# {{ comment }} #}{% endif %}{{ loop.index }}{{- n -}}";
        assert_eq!(paths(text), ["article.autor", "a.b", "x", "n"]);
    }

    #[test]
    fn loops_bind_their_variable() {
        let uses = scan("{% for tag in article.tags %}{{ tag.name }}{% endfor %}");
        assert_eq!(
            uses[0],
            Use::Loop {
                name: "tag".to_string(),
                list: "article.tags".to_string()
            }
        );
        assert_eq!(
            paths("{% for tag in article.tags %}{{ tag.name }}{% endfor %}"),
            ["article.tags", "tag.name"]
        );
    }

    #[test]
    fn built_in_templates_use_only_provided_variables() {
        for theme in crate::config::THEMES {
            let sources: Vec<TemplateSource> = super::super::themes::templates(theme)
                .iter()
                .map(|(name, text)| TemplateSource {
                    name: name.to_string(),
                    file: None,
                    text: text.to_string(),
                })
                .collect();
            let locale = crate::i18n::Locale::new("en", &BTreeMap::new()).expect("locale");
            let errors = unknown_variables(&sources, locale.strings());
            assert!(errors.is_empty(), "{theme}: {errors:?}");
        }
    }
}

#[cfg(test)]
mod loop_tests {
    use super::*;

    #[test]
    fn a_loop_over_a_list_whose_root_is_also_a_loop_name_elsewhere_resolves() {
        // `tag` walks `article.tags` in one template and is the tag page's subject in another.
        let loops = BTreeMap::from([("f", vec!["tag.feeds[]".to_string()])]);
        let everywhere = BTreeMap::from([("tag", vec!["article.tags[]".to_string()])]);
        let paths = expand("f.url", &[&loops, &everywhere], 0);
        assert!(paths.contains(&"tag.feeds[].url".to_string()), "{paths:?}");
        assert!(
            paths.contains(&"article.tags[].feeds[].url".to_string()),
            "{paths:?}"
        );
    }
}
