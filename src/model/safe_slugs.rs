//! Slug safety, part of the model stage (issue 21): an article URL that the output folder
//! or a file system could not hold as its own. A component that is a dotfile (`.git`,
//! `.htaccess`: hidden or refused by web servers), a name Windows reserves (`CON`, `nul`,
//! `com1.html`), a folder named like a file the site writes (`index.html/` would stand where
//! a listing's own page does), or a top-level name of the site's own files and folders
//! (`rss.xml`, `tags`, `page`, a year). The rules are fixed names, not this site's pages, so
//! adding an article never moves another. Case-insensitive file systems are handled where
//! URLs are claimed (`place`), by comparing them case-folded.

use std::borrow::Cow;

/// Why `url` (site-relative, as a permalink expands: a folder ends in `/`) cannot be an
/// article's own, judging every component for a path the article chose (`whole`), else its
/// slug and where it lands.
pub(super) fn problem(url: &str, slug: &str, whole: bool) -> Option<&'static str> {
    let is_folder = url.ends_with('/');
    let trimmed = url.trim_end_matches('/');
    if !trimmed.contains('/') {
        let own = if is_folder {
            site_folder(trimmed)
        } else {
            SITE_FILES.iter().any(|f| f.eq_ignore_ascii_case(trimmed))
        };
        if own {
            return Some(OWN);
        }
    }
    if !whole {
        return component_problem(slug, is_folder);
    }
    let last = trimmed.matches('/').count();
    trimmed
        .split('/')
        .enumerate()
        .find_map(|(k, name)| component_problem(name, k < last || is_folder))
}

const OWN: &str = "a name of the site's own files and folders";

// Files the site (or a common deployment) writes at the top of the output.
const SITE_FILES: [&str; 12] = [
    "index.html",
    "404.html",
    "rss.xml",
    "atom.xml",
    "feed.json",
    "sitemap.xml",
    "sitemap_index.xml",
    "robots.txt",
    "style.css",
    "search.json",
    "favicon.ico",
    "manifest.webmanifest",
];

/// The slug to suffix in place of an unsafe `slug`: dots become hyphens, so that neither a
/// leading dot nor a reserved name before an extension survives the suffix.
pub(super) fn safe_base(slug: &str) -> String {
    let base = slug.replace('.', "-");
    let base = base.trim_start_matches('-');
    if base.is_empty() {
        "artikel".to_string()
    } else {
        base.to_string()
    }
}

/// `url` compared as a case-insensitive file system sees it: ASCII case folded (slugs and
/// site URLs are ASCII; other letters are left as they are). Borrowed when already lower.
pub(super) fn folded(url: &str) -> Cow<'_, str> {
    // Without an early exit the scan is vectorised: every article's URL goes through it.
    let upper = url
        .bytes()
        .fold(false, |found, b| found | b.is_ascii_uppercase());
    if upper {
        Cow::Owned(url.to_ascii_lowercase())
    } else {
        Cow::Borrowed(url)
    }
}

// A component that is a dotfile or a name Windows reserves; a folder named like a file the
// site writes (`index.html/`, `rss.xml/`) would stand where a listing's own file does.
fn component_problem(name: &str, is_folder: bool) -> Option<&'static str> {
    let bytes = name.as_bytes();
    let (Some(first), Some(last)) = (bytes.first(), bytes.last()) else {
        return None;
    };
    // The common slug: long, no dot, ending in a letter or digit. A reserved name is at most
    // seven characters before its dot, and only a name with a dot looks like a file.
    if bytes.len() > 7 && last.is_ascii_alphanumeric() && *first != b'.' && !bytes.contains(&b'.') {
        return None;
    }
    if *first == b'.' {
        return Some("a hidden file name (it starts with a dot)");
    }
    if name.ends_with(['.', ' ']) || windows_reserved(name) {
        return Some("a file name Windows reserves");
    }
    if is_folder && looks_like_site_file(name) {
        return Some(OWN);
    }
    None
}

// `CON`, `prn.txt`, `COM1`, `lpt9.html`…: reserved whatever the case and the extension.
fn windows_reserved(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name).trim_end_matches(' ');
    // The longest reserved stem is `conout$`.
    if stem.len() > 7 {
        return false;
    }
    let stem = stem.to_ascii_lowercase();
    match stem.as_str() {
        "con" | "prn" | "aux" | "nul" | "conin$" | "conout$" => true,
        _ => {
            let tail = stem
                .strip_prefix("com")
                .or_else(|| stem.strip_prefix("lpt"));
            tail.is_some_and(|tail| {
                tail.chars().count() == 1
                    && tail
                        .chars()
                        .all(|c| c.is_ascii_digit() || "¹²³".contains(c))
            })
        }
    }
}

// Named like a file of the kinds the site writes.
fn looks_like_site_file(name: &str) -> bool {
    const KINDS: [&str; 9] = [
        ".html", ".htm", ".xml", ".json", ".txt", ".css", ".js", ".ico", ".xsl",
    ];
    KINDS.iter().any(|kind| {
        name.len() > kind.len()
            && name
                .get(name.len() - kind.len()..)
                .is_some_and(|end| end.eq_ignore_ascii_case(kind))
    })
}

// Top-level folders the site's own pages use, now or once the site grows: its listings,
// and years (all digits).
fn site_folder(name: &str) -> bool {
    ["tags", "page", "archive", "search", "feeds"]
        .iter()
        .any(|f| f.eq_ignore_ascii_case(name))
        || (!name.is_empty() && name.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_slugs_are_found_and_safe_ones_pass() {
        for slug in [
            "index.html",
            "rss.xml",
            "atom.xml",
            "sitemap.xml",
            "feed.json",
            "robots.txt",
            "tags",
            "page",
            "2016",
            "Tags",
        ] {
            assert!(
                problem(&format!("{slug}/"), slug, false).is_some(),
                "{slug}"
            );
        }
        for slug in [
            ".git",
            ".htaccess",
            "CON",
            "nul",
            "com1",
            "Lpt9",
            "con.html",
            "aux.",
            "a.",
            "COM¹",
        ] {
            assert!(
                problem(&format!("2016/03/01/{slug}/"), slug, false).is_some(),
                "{slug}"
            );
        }
        for slug in [
            "apple",
            "berita-2016",
            "console",
            "com10",
            "version-1.2",
            "null",
            "éé",
            "é",
        ] {
            assert!(
                problem(&format!("2016/03/01/{slug}/"), slug, false).is_none(),
                "{slug}"
            );
            assert!(
                problem(&format!("{slug}/"), slug, false).is_none(),
                "{slug}"
            );
        }
        // A year is the site's own only at the top: under the permalink it is a slug.
        assert!(problem("2016/03/01/2016/", "2016", false).is_none());
        // A path of the article's own is judged whole; a permalink's fixed parts are not.
        assert!(problem(".well-known/x/", "x", true).is_some());
        assert!(problem(".well-known/x/", "x", false).is_none());
        // A page of its own named as a file is fine, unless it is one of the site's files.
        assert!(problem("about.html", "about", true).is_none());
        assert!(problem("docs/about.html", "about", true).is_none());
        assert!(problem("rss.xml", "rss", true).is_some());
        // Under the date folders a slug `index.html` would be the day page's own file.
        assert!(problem("2016/03/01/index.html/", "index.html", false).is_some());
    }

    #[test]
    fn the_suffixed_base_is_safe() {
        for slug in [".git", "index.html", "CON", "con.html", "...", "nul"] {
            let base = safe_base(slug);
            let suffixed = format!("{base}-2");
            assert!(
                problem(&format!("{suffixed}/"), &suffixed, false).is_none(),
                "{slug}"
            );
        }
        assert_eq!(safe_base(".htaccess"), "htaccess");
        assert_eq!(folded("Apple/"), "apple/");
    }
}
