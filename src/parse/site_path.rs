//! Paths an article asks for itself: its `slug`, its whole path (`permalink`, `url`, `path`)
//! and its old paths (`aliases`, `redirect_from`). Each must stay inside the output folder
//! and name a page, so they are checked here, where the file and line are known.

/// A slug set by hand (or by a file name): one path segment of letters, digits, `-`, `_`
/// and `.`, not `..`; lowercased, as Hugo and Zola publish it and as arsip's own slugs are,
/// so that the old URL `/2025/09/16/ari-rfc/` of `slug: ARI-RFC` is kept.
pub fn checked_slug(slug: &str) -> Option<String> {
    let slug = slug.trim();
    let ok = !slug.is_empty()
        && slug != "."
        && !slug.contains("..")
        && slug
            .chars()
            .all(|c| c.is_alphanumeric() || "-_.".contains(c));
    ok.then(|| slug.to_lowercase())
}

// File names the site writes itself beside pages: no page folder may take them.
const SITE_FILES: [&str; 3] = ["rss.xml", "sitemap.xml", "style.css"];

/// What a page path may be made of, for error messages.
pub const PAGE_PATH_RULES: &str = "a path such as /2013/01/23/title/ or /news/title.html: \
     segments of letters, digits and `-_.~%+,@`, no `..`";

/// A site path for a page, normalised to a site-relative URL as the model uses them: a
/// folder (`2013/01/title/`) or an `.html` file (`2013/01/title.html`). A leading `/` is
/// optional, an `index.html` at the end names its folder, and a last segment not ending in
/// `.html` is a folder. `None` when the path could leave the output folder, is empty (the
/// home page), or would take the name of a file the site writes (`rss.xml`).
pub fn page_path(text: &str) -> Option<String> {
    let text = text.trim();
    let rel = text.strip_prefix('/').unwrap_or(text);
    let rel = match rel.strip_suffix("index.html") {
        Some(folder) if folder.is_empty() || folder.ends_with('/') => folder,
        _ => rel,
    };
    let (folders, last) = match rel.strip_suffix('/') {
        Some(folder) => (folder, ""),
        None => rel.rsplit_once('/').unwrap_or(("", rel)),
    };
    let segment_ok = |s: &str| {
        !s.is_empty()
            && s != "."
            && s != ".."
            && !SITE_FILES.contains(&s)
            && s.chars()
                .all(|c| c.is_alphanumeric() || "-_.~%+,@".contains(c))
    };
    if folders.is_empty() && last.is_empty() {
        return None;
    }
    if !folders.is_empty() && !folders.split('/').all(segment_ok) {
        return None;
    }
    if last.is_empty() {
        return Some(rel.to_string());
    }
    if !segment_ok(last) {
        return None;
    }
    if last.ends_with(".html") {
        (last.len() > ".html".len()).then(|| rel.to_string())
    } else {
        // Anything else names a folder, as in Zola (`releases/1.98.0` -> `releases/1.98.0/`).
        Some(format!("{rel}/"))
    }
}

/// An old path kept for a redirect: a page path, or a path with a query of the kind old
/// dynamic sites used (`/?p=123`, `/index.php?id=7`), kept as written without the leading `/`.
pub fn alias_path(text: &str) -> Option<String> {
    let text = text.trim();
    let Some((path, query)) = text.split_once('?') else {
        return page_path(text);
    };
    let query_ok = !query.is_empty()
        && query
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "=&_-.".contains(c));
    let path = path.strip_prefix('/').unwrap_or(path);
    let path_ok = path.is_empty()
        || path.split('/').all(|s| {
            s != ".." && s != "." && s.chars().all(|c| c.is_alphanumeric() || "-_.~".contains(c))
        });
    (query_ok && path_ok && !path.contains("//")).then(|| format!("{path}?{query}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_paths_are_normalised() {
        for (text, expected) in [
            ("/2013/01/23/lama.html", "2013/01/23/lama.html"),
            ("/berita/lama/", "berita/lama/"),
            ("berita/lama", "berita/lama/"),
            ("/berita/lama/index.html", "berita/lama/"),
            ("/tentang", "tentang/"),
            ("rilis/1.98.0", "rilis/1.98.0/"),
        ] {
            assert_eq!(page_path(text).as_deref(), Some(expected), "{text}");
        }
    }

    #[test]
    fn unsafe_or_non_page_paths_are_refused() {
        for text in [
            "",
            "/",
            "/index.html",
            "../etc/passwd",
            "/a/../../b/",
            "a//b/",
            "a\\b/",
            "/rss.xml",
            "/tags/a/rss.xml/",
            "/:year/:slug/",
            "/a b/",
            "/a?b",
            "/a/<x>/",
            "/.html",
        ] {
            assert_eq!(page_path(text), None, "{text}");
        }
    }

    #[test]
    fn aliases_may_keep_an_old_query() {
        assert_eq!(alias_path("/?p=123").as_deref(), Some("?p=123"));
        assert_eq!(
            alias_path("/index.php?id=7").as_deref(),
            Some("index.php?id=7")
        );
        assert_eq!(alias_path("/lama/").as_deref(), Some("lama/"));
        assert_eq!(alias_path("/../x?p=1"), None);
        assert_eq!(alias_path("/?p=<1>"), None);
    }

    #[test]
    fn unsafe_slugs_are_refused() {
        for slug in ["../../../etc/passwd", "a/b", "a\\b", "..", " ", "."] {
            assert_eq!(checked_slug(slug), None, "{slug}");
        }
        assert_eq!(checked_slug(" kabar-2016 ").as_deref(), Some("kabar-2016"));
        assert_eq!(checked_slug("ARI-RFC").as_deref(), Some("ari-rfc"));
    }
}
