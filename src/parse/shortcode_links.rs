//! What the tags [`super::shortcodes`] understands become: `@/` links to source files
//! (`{% post_url %}`, Hugo's `ref`) and Hugo's `figure` as HTML with its values escaped.

use std::path::Path;

// The folder of posts that `{% post_url %}` names (the nearest `_posts` above the article, or
// its own folder), under `content/`, ending in `/`; and the article's own extension.
pub(super) fn posts_dir(source: &Path) -> (String, String) {
    let rel = source.strip_prefix("content").unwrap_or(source);
    let ext = rel
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("md")
        .to_string();
    let parts: Vec<&str> = rel
        .parent()
        .map(|p| p.iter().filter_map(|c| c.to_str()).collect())
        .unwrap_or_default();
    let keep = parts
        .iter()
        .rposition(|p| *p == "_posts")
        .map_or(parts.len(), |i| i + 1);
    let mut dir = String::new();
    for part in &parts[..keep] {
        dir.push_str(part);
        dir.push('/');
    }
    (dir, ext)
}

// Hugo's `ref`: `/a/b.md` from `content/`, `b.md` beside the article; `.md` added when the
// target names no file type; a `#fragment` kept.
pub(super) fn ref_link(source: &Path, target: &str) -> String {
    let (path, fragment) = match target.find('#') {
        Some(i) => target.split_at(i),
        None => (target, ""),
    };
    if path.is_empty() {
        return fragment.to_string();
    }
    let mut link = String::from("@/");
    if let Some(abs) = path.strip_prefix('/') {
        link.push_str(abs);
    } else {
        let rel = source.strip_prefix("content").unwrap_or(source);
        if let Some(dir) = rel.parent().and_then(|d| d.to_str())
            && !dir.is_empty()
        {
            link.push_str(&dir.replace('\\', "/"));
            link.push('/');
        }
        link.push_str(path);
    }
    let has_ext = Path::new(path).extension().is_some();
    if !has_ext && !path.ends_with('/') {
        link.push_str(".md");
    }
    link.push_str(fragment);
    link
}

// The value of the argument `key`.
pub(super) fn named<'v>(args: &'v [(Option<&str>, String)], key: &str) -> Option<&'v str> {
    args.iter()
        .find(|(k, _)| *k == Some(key))
        .map(|(_, v)| v.as_str())
}

// Hugo's `figure` as HTML; a site-root `src` or `link` becomes an `@/` link.
pub(super) fn figure(args: &[(Option<&str>, String)], src: &str) -> String {
    let named = |key: &str| named(args, key);
    let url = |u: &str| match u.strip_prefix('/') {
        Some(rest) if !rest.starts_with('/') => format!("@/{rest}"),
        _ => u.to_string(),
    };
    let mut html = String::from("<figure");
    if let Some(class) = named("class") {
        html.push_str(&format!(" class=\"{}\"", attr(class)));
    }
    html.push('>');
    let link = named("link");
    if let Some(link) = link {
        html.push_str(&format!("<a href=\"{}\">", attr(&url(link))));
    }
    let alt = named("alt").or(named("caption")).unwrap_or("");
    html.push_str(&format!(
        "<img src=\"{}\" alt=\"{}\"",
        attr(&url(src)),
        attr(alt)
    ));
    for key in ["width", "height"] {
        if let Some(v) = named(key) {
            html.push_str(&format!(" {key}=\"{}\"", attr(v)));
        }
    }
    html.push('>');
    if link.is_some() {
        html.push_str("</a>");
    }
    let title = named("title");
    let caption = named("caption");
    if title.is_some() || caption.is_some() {
        html.push_str("<figcaption>");
        if let Some(title) = title {
            html.push_str(&format!("<h4>{}</h4>", attr(title)));
        }
        if let Some(caption) = caption {
            html.push_str(&attr(caption));
        }
        html.push_str("</figcaption>");
    }
    html.push_str("</figure>");
    html
}

// Text escaped for an HTML attribute value or element.
fn attr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

pub(super) fn unquote(text: &str) -> Option<&str> {
    let text = text.trim();
    ['"', '\'']
        .iter()
        .find_map(|q| text.strip_prefix(*q)?.strip_suffix(*q))
}
