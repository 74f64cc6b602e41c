//! Links between pages: the one function that makes a site URL relative to the page holding
//! it, and the rewriting of `@/` site-root links inside article bodies.
//!
//! Relative links let `public/` work at a domain root, under any sub-path, and (with
//! `file_urls`, where directory links end in `index.html`) straight from `file://`.

use std::borrow::Cow;
use std::path::Path;

/// The link depth of the page at site URL `url`: how many folders deep it is, so how many
/// `../` lead from it to the site root.
pub(crate) fn depth(url: &str) -> usize {
    url.bytes().filter(|&b| b == b'/').count()
}

/// Makes the site URL `to` relative to the page at site URL `from`.
///
/// Both are site-relative (`""`, `tags/x/`, `rss.xml`). Directory targets end in `/`, or in
/// `/index.html` when `file_urls` is set. A `#fragment` or `?query` on `to` is kept.
pub fn relative(from: &str, to: &str, file_urls: bool) -> String {
    // Byte searches and one allocation of the right size: every page makes dozens of links.
    let (path, suffix) = match to.bytes().position(|b| b == b'#' || b == b'?') {
        Some(i) => to.split_at(i),
        None => (to, ""),
    };
    let depth = depth(from);
    let mut href = String::with_capacity(3 * depth + to.len() + "index.html".len());
    for _ in 0..depth {
        href.push_str("../");
    }
    href.push_str(path);
    if path.is_empty() || path.ends_with('/') {
        if file_urls {
            href.push_str("index.html");
        } else if href.is_empty() {
            href.push_str("./");
        }
    }
    href.push_str(suffix);
    href
}

/// Makes the site URL `to` root-relative under the path of `base_url`: `/arsip/tags/` for
/// `https://example.org/arsip/`. For the 404 page, which a server shows at any URL, so that
/// links relative to its own place would break, and which must work on any host.
pub fn rooted(base_url: &str, to: &str, file_urls: bool) -> String {
    let after_scheme = base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]);
    let mut href = String::with_capacity(path.len() + to.len() + "index.html".len());
    href.push_str(path);
    if !href.ends_with('/') {
        href.push('/');
    }
    href.push_str(relative("", to, file_urls).trim_start_matches("./"));
    href
}

/// The navigation entry that the page at site URL `url` is: `home`, `archive` or `tags`.
pub(crate) fn section(url: &str) -> Option<&'static str> {
    // Only pages one folder deep at most can be one: no allocation for the rest.
    if depth(url) > 1 {
        return None;
    }
    match url {
        _ if url == crate::model::index_url(1) => Some("home"),
        _ if url == crate::model::archive_url() => Some("archive"),
        _ if url == crate::model::tags_url() => Some("tags"),
        _ => None,
    }
}

/// Rewrites every `href="@/…"` and `src="@/…"` in `html`, passing the site URL it names to
/// `link` (which makes it relative to a page, or absolute for a feed).
///
/// `@/2016/a.md` (a path under `content/` ending in `.md`, `.markdown`, `.mdown` or `.txt`)
/// links to that article;
/// any other `@/path` is a site URL. Returns the HTML (`html` itself, borrowed, when it holds
/// no such link) and the targets that name no article.
pub fn rewrite_site_links<'s, 'h>(
    html: &'h str,
    article_url: impl Fn(&Path) -> Option<&'s str>,
    link: impl Fn(&str) -> String,
) -> (Cow<'h, str>, Vec<String>) {
    if !html.contains("\"@/") {
        return (Cow::Borrowed(html), Vec::new());
    }
    let mut out = String::with_capacity(html.len() + 64);
    let mut broken = Vec::new();
    let mut rest = html;
    while let Some(start) = find_site_link(rest) {
        let (before, after) = rest.split_at(start);
        out.push_str(before);
        let end = after.find('"').unwrap_or(after.len());
        let target = &after[2..end];
        let (path, suffix) = match target.find(['#', '?']) {
            Some(i) => target.split_at(i),
            None => (target, ""),
        };
        let is_source = crate::urls::names_source(path);
        let url = if is_source {
            let url = article_url(&Path::new("content").join(path));
            if url.is_none() {
                broken.push(target.to_string());
            }
            url
        } else {
            Some(path)
        };
        match url {
            Some(url) => out.push_str(&link(&format!("{url}{suffix}"))),
            None => out.push_str(&after[..end]),
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    (Cow::Owned(out), broken)
}

// The offset of the `@/` that opens a quoted href or src value.
fn find_site_link(html: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = html[from..].find("\"@/") {
        let at = from + i;
        let before = &html[..at];
        if before.ends_with("href=") || before.ends_with("src=") {
            return Some(at + 1);
        }
        from = at + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rooted_links_start_at_the_base_url_path() {
        assert_eq!(rooted("https://example.org/", "", false), "/");
        assert_eq!(
            rooted("https://example.org/arsip/", "tags/", false),
            "/arsip/tags/"
        );
        assert_eq!(
            rooted("http://localhost:1111/", "style.css", true),
            "/style.css"
        );
        assert_eq!(
            rooted("https://example.org/a/", "archive/", true),
            "/a/archive/index.html"
        );
    }

    #[test]
    fn sections_are_the_navigation_pages_only() {
        assert_eq!(section(""), Some("home"));
        assert_eq!(section("archive/"), Some("archive"));
        assert_eq!(section("tags/"), Some("tags"));
        assert_eq!(section("page/2/"), None);
        assert_eq!(section("tags/jokowi/"), None);
    }

    #[test]
    fn links_from_the_home_page() {
        assert_eq!(relative("", "", false), "./");
        assert_eq!(relative("", "", true), "index.html");
        assert_eq!(relative("", "tags/jokowi/", false), "tags/jokowi/");
        assert_eq!(relative("", "tags/jokowi/", true), "tags/jokowi/index.html");
        assert_eq!(relative("", "style.css", true), "style.css");
    }

    #[test]
    fn links_from_deep_pages_climb_to_the_root() {
        assert_eq!(
            relative("2016/02/18/a/", "tags/x/", false),
            "../../../../tags/x/"
        );
        assert_eq!(relative("2016/02/18/a/", "", false), "../../../../");
        assert_eq!(
            relative("2016/02/18/a/", "", true),
            "../../../../index.html"
        );
        assert_eq!(
            relative("tags/x/rss.xml", "style.css", false),
            "../../style.css"
        );
        assert_eq!(
            relative("tags/", "tags/x/#top", true),
            "../tags/x/index.html#top"
        );
    }

    #[test]
    fn body_links_to_articles_and_site_paths_are_rewritten() {
        let articles = std::collections::BTreeMap::from([(
            std::path::PathBuf::from("content/2016/a.md"),
            "2016/02/18/a/".to_string(),
        )]);
        let html = r##"<a href="@/2016/a.md#x">A</a> <a class="hashtag" href="@/tags/jokowi/">#Jokowi</a> <a href="@/nope.md">N</a> <a href="https://e.org/@/x">E</a>"##;
        let (out, broken) = rewrite_site_links(
            html,
            |p| articles.get(p).map(String::as_str),
            |url| relative("2016/02/19/b/", url, false),
        );
        assert_eq!(
            out,
            r##"<a href="../../../../2016/02/18/a/#x">A</a> <a class="hashtag" href="../../../../tags/jokowi/">#Jokowi</a> <a href="@/nope.md">N</a> <a href="https://e.org/@/x">E</a>"##
        );
        assert_eq!(broken, ["nope.md"]);
    }
}
