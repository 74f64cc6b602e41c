//! Jekyll's Liquid tags and Hugo's shortcodes in a Markdown body, translated before
//! pulldown-cmark reads it (issue 17): `{% highlight %}` blocks become fenced code, `{% raw %}`
//! keeps its text, `{{ site.KEY }}` takes arsip.toml's `[extra]` value, and
//! `{{ site.baseurl }}`, `relative_url`, `{% post_url %}`, `{% link %}` and `{{< ref >}}` become `@/` site links (made relative to each page when rendered), and
//! `{{< figure >}}` becomes a `<figure>`. Any other tag stays as text and is returned so the
//! build and `check` can name it. Code spans and fenced code are never touched.
//!
//! Part of the parse stage; one pass over the text, linear in its length.

use std::borrow::Cow;
use std::path::Path;

use super::shortcode_links::{figure, named, posts_dir, ref_link, unquote};
use super::shortcode_scan::{Backticks, Closer, Lines, fence_of, find_end_tag};

/// A template tag left as text, at its 1-based line within the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftTag {
    pub line: usize,
    /// The tag as written, shortened to 80 characters.
    pub tag: String,
    pub reason: &'static str,
}

/// A body with its template tags translated.
#[derive(Debug)]
pub struct Preprocessed<'a> {
    /// The body itself, borrowed, when it holds no `{%` or `{{`.
    pub text: Cow<'a, str>,
    pub left: Vec<LeftTag>,
}

/// Translates the template tags of `body`, the Markdown of the article at `source` (a path
/// relative to the site root, `content/...`, against which relative links are resolved).
pub fn preprocess<'a>(body: &'a str, source: &Path) -> Preprocessed<'a> {
    preprocess_with(body, source, &toml::Table::new())
}

/// Translates the template tags of `body` as [`preprocess`] does, filling `{{ site.KEY }}`
/// with the text or number `site_values` (arsip.toml's `[extra]`) holds under `KEY`, as
/// Jekyll fills it from `_config.yml`.
pub fn preprocess_with<'a>(
    body: &'a str,
    source: &Path,
    site_values: &toml::Table,
) -> Preprocessed<'a> {
    if !body.contains("{%") && !body.contains("{{") {
        return Preprocessed {
            text: Cow::Borrowed(body),
            left: Vec::new(),
        };
    }
    let mut run = Run {
        body,
        source,
        site_values,
        out: String::with_capacity(body.len() + 64),
        left: Vec::new(),
        lines: Lines::default(),
        no_end: Vec::new(),
    };
    run.all();
    Preprocessed {
        text: Cow::Owned(run.out),
        left: run.left,
    }
}

struct Run<'a> {
    body: &'a str,
    source: &'a Path,
    site_values: &'a toml::Table,
    out: String,
    left: Vec<LeftTag>,
    lines: Lines,
    /// Block tags whose end tag is known to be missing from here on.
    no_end: Vec<&'static str>,
}

impl Run<'_> {
    fn all(&mut self) {
        let body = self.body;
        let mut pos = 0;
        let mut fence: Option<(u8, usize)> = None;
        let mut fence_raw = false;
        while pos < body.len() {
            let end = body[pos..].find('\n').map_or(body.len(), |i| pos + i + 1);
            let line = &body[pos..end];
            if let Some((c, n)) = fence {
                if fence_of(line)
                    .is_some_and(|(c2, n2, info)| c2 == c && n2 >= n && info.is_empty())
                {
                    fence = None;
                }
                push_code(&mut self.out, line, &mut fence_raw);
                pos = end;
            } else if let Some((c, n, _)) = fence_of(line) {
                fence = Some((c, n));
                fence_raw = false;
                self.out.push_str(line);
                pos = end;
            } else if !line.contains('{') {
                self.out.push_str(line);
                pos = end;
            } else {
                pos = self.line(pos, end);
            }
        }
    }

    // Translates the tags of the line `pos..end`; returns where to go on (past the line, or
    // past a block tag's end).
    fn line(&mut self, start: usize, end: usize) -> usize {
        let body = self.body;
        let mut ticks = Backticks::new(&body[start..end], start);
        let mut closers = [
            Closer::new("%}"),
            Closer::new("}}"),
            Closer::new(">}}"),
            Closer::new("%}}"),
        ];
        let mut pos = start;
        while pos < end {
            let Some(i) = body[pos..end].find(['`', '{']) else {
                break;
            };
            let at = pos + i;
            self.out.push_str(&body[pos..at]);
            if body.as_bytes()[at] == b'`' {
                let to = ticks.span_end(at).unwrap_or_else(|| ticks.run_end(at));
                push_code(&mut self.out, &body[at..to], &mut false);
                pos = to;
                continue;
            }
            let rest = &body[at..end];
            let (closer, open_len) = if rest.starts_with("{{<") {
                (2, 3)
            } else if rest.starts_with("{{%") {
                (3, 3)
            } else if rest.starts_with("{{") {
                (1, 2)
            } else if rest.starts_with("{%") {
                (0, 2)
            } else {
                self.out.push('{');
                pos = at + 1;
                continue;
            };
            let Some(close) = closers[closer].find(body, at + open_len, end) else {
                self.out.push_str(&body[at..at + open_len]);
                pos = at + open_len;
                continue;
            };
            let tag_end = close + closers[closer].len();
            let inner =
                body[at + open_len..close].trim_matches(|c: char| c == '-' || c.is_whitespace());
            pos = match closer {
                0 => self.liquid_tag(at, tag_end, inner),
                1 => self.liquid_output(at, tag_end, inner),
                _ => self.hugo(at, tag_end, inner),
            };
        }
        if pos < end {
            self.out.push_str(&body[pos..end]);
        }
        pos.max(end)
    }

    fn leave(&mut self, at: usize, tag_end: usize, reason: &'static str) -> usize {
        let tag = &self.body[at..tag_end];
        self.out.push_str(tag);
        let line = self.lines.line_at(self.body, at);
        let tag: String = tag.chars().take(80).collect();
        self.left.push(LeftTag { line, tag, reason });
        tag_end
    }

    fn liquid_tag(&mut self, at: usize, tag_end: usize, inner: &str) -> usize {
        let (name, args) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
        let first = args.split_whitespace().next().unwrap_or("");
        match name {
            "highlight" => self.block(at, tag_end, "endhighlight", Some(first)),
            "raw" => self.block(at, tag_end, "endraw", None),
            "post_url" if !first.is_empty() => {
                let (dir, ext) = posts_dir(self.source);
                let name = first.trim_start_matches('/');
                self.out.push_str(&format!("@/{dir}{name}.{ext}"));
                tag_end
            }
            "link" if !first.is_empty() => {
                self.out.push_str("@/");
                self.out.push_str(first.trim_start_matches('/'));
                tag_end
            }
            _ => self.leave(at, tag_end, "a template tag arsip does not run"),
        }
    }

    // `{% highlight x %}…{% endhighlight %}` as a fenced code block, `{% raw %}…{% endraw %}`
    // as its text.
    fn block(
        &mut self,
        at: usize,
        tag_end: usize,
        end_name: &'static str,
        lang: Option<&str>,
    ) -> usize {
        let body = self.body;
        let found = if self.no_end.contains(&end_name) {
            None
        } else {
            find_end_tag(body, tag_end, end_name)
        };
        let Some((end_start, end_end)) = found else {
            self.no_end.push(end_name);
            return self.leave(at, tag_end, "a block tag without its end tag");
        };
        let inner = &body[tag_end..end_start];
        let Some(lang) = lang else {
            self.out.push_str(inner);
            return end_end;
        };
        let code = inner
            .strip_prefix("\r\n")
            .or_else(|| inner.strip_prefix('\n'))
            .unwrap_or(inner);
        let code = code.trim_end_matches([' ', '\t']);
        let fence = "`".repeat(longest_backtick_run(code).max(2) + 1);
        let indent_len = self.out.len() - self.out.trim_end_matches([' ', '\t']).len();
        let indent = self.out[self.out.len() - indent_len..].to_string();
        if !self.out.is_empty() && !self.out.ends_with('\n') && indent_len != self.out.len() {
            let before_indent = &self.out[..self.out.len() - indent_len];
            if !before_indent.ends_with('\n') {
                self.out.push('\n');
                self.out.push_str(&indent);
            }
        }
        let lang: String = lang
            .chars()
            .filter(|c| c.is_alphanumeric() || "+-_.#".contains(*c))
            .collect();
        self.out.push_str(&format!("{fence}{lang}\n{code}"));
        if !code.is_empty() && !code.ends_with('\n') {
            self.out.push('\n');
        }
        self.out.push_str(&indent);
        self.out.push_str(&fence);
        // The rest of the end tag's line goes on after the fence, on its own line.
        let after = &body[end_end..];
        let line_rest = after.find('\n').map_or(after, |i| &after[..i]);
        if line_rest.trim().is_empty() {
            end_end + line_rest.len()
        } else {
            self.out.push('\n');
            end_end
        }
    }

    fn liquid_output(&mut self, at: usize, tag_end: usize, inner: &str) -> usize {
        let compact: String = inner.split_whitespace().collect::<Vec<_>>().join(" ");
        if compact == "site.baseurl" || compact == "site.url" {
            let in_link = self
                .out
                .trim_end()
                .ends_with(['(', '"', '\'', '=', '<', ':']);
            if !in_link {
                return self.leave(at, tag_end, "a site address outside a link");
            }
            self.out.push_str("@/");
            // `{{ site.baseurl }}/a` and `{{ site.baseurl }}{{ site.url }}/a` name one path.
            let rest = &self.body[tag_end..];
            return tag_end + usize::from(rest.starts_with('/'));
        }
        if let Some((path, filter)) = compact.split_once(" | ")
            && matches!(filter, "relative_url" | "absolute_url")
            && let Some(path) = unquote(path)
        {
            self.out.push_str("@/");
            self.out.push_str(path.trim_start_matches('/'));
            return tag_end;
        }
        let value =
            compact
                .strip_prefix("site.")
                .and_then(|key| match self.site_values.get(key)? {
                    toml::Value::String(text) => Some(text.clone()),
                    toml::Value::Integer(n) => Some(n.to_string()),
                    toml::Value::Float(n) => Some(n.to_string()),
                    _ => None,
                });
        match value {
            Some(value) => {
                self.out.push_str(&value);
                tag_end
            }
            None => self.leave(at, tag_end, "a template value arsip does not fill in"),
        }
    }

    fn hugo(&mut self, at: usize, tag_end: usize, inner: &str) -> usize {
        let inner = inner.trim_matches(['<', '>', '%']).trim();
        let (name, args) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
        let args = super::shortcode_scan::arguments(args);
        let named = |key: &str| named(&args, key);
        match name {
            "ref" | "relref" => {
                let target = named("path").or_else(|| {
                    args.iter()
                        .find(|(k, _)| k.is_none())
                        .map(|(_, v)| v.as_str())
                });
                match target {
                    Some(target) if !target.is_empty() => {
                        let link = ref_link(self.source, target);
                        self.out.push_str(&link);
                        tag_end
                    }
                    _ => self.leave(at, tag_end, "a `ref` without a target"),
                }
            }
            "figure" => match named("src") {
                Some(src) => {
                    let html = figure(&args, src);
                    self.out.push_str(&html);
                    tag_end
                }
                None => self.leave(at, tag_end, "a `figure` without `src`"),
            },
            _ => self.leave(at, tag_end, "a shortcode arsip does not run"),
        }
    }
}

/// Notes for the template tags `left` as text in a body that starts at file line
/// `body_line`, one at each tag's file line.
pub fn notes_of(left: Vec<LeftTag>, body_line: usize) -> Vec<super::Note> {
    left.into_iter()
        .map(|left| super::Note {
            location: super::file_location(body_line, left.line),
            message: format!("`{}` is {}: it is shown as text", left.tag, left.reason),
        })
        .collect()
}

// Code as written, except Jekyll's `{% raw %}` and `{% endraw %}` markers: Jekyll reads
// Liquid before Markdown, so in code they only ever served to show the tags between them.
// `in_raw` carries an open `{% raw %}` from one line of a fence to the next.
fn push_code(out: &mut String, code: &str, in_raw: &mut bool) {
    if !code.contains("raw") {
        out.push_str(code);
        return;
    }
    let mut from = 0;
    let mut closer = Closer::new("%}");
    while let Some(i) = code[from..].find("{%").map(|i| from + i) {
        let Some(close) = closer.find(code, i + 2, code.len()) else {
            break;
        };
        let inner = code[i + 2..close].trim_matches(|c: char| c == '-' || c.is_whitespace());
        // Inside raw only `endraw` is a tag: `{% raw %}{% raw %}{% endraw %}` shows `{% raw %}`.
        let marker = if *in_raw {
            inner == "endraw"
        } else {
            matches!(inner, "raw" | "endraw")
        };
        if marker {
            *in_raw = inner == "raw";
            out.push_str(&code[from..i]);
            from = close + 2;
        } else {
            out.push_str(&code[from..i + 2]);
            from = i + 2;
        }
    }
    out.push_str(&code[from..]);
}

fn longest_backtick_run(text: &str) -> usize {
    let (mut best, mut run) = (0, 0);
    for b in text.bytes() {
        run = if b == b'`' { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}

#[cfg(test)]
#[path = "shortcodes_tests.rs"]
mod tests;
