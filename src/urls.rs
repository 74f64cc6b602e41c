//! The site's URL scheme and the small writers it needs: every site-relative URL and output
//! path of a page is spelled here, and the model applies it. URLs are site-relative: `""` is
//! the home page, folders end in `/` (written as `.../index.html`), files such as `rss.xml`
//! do not.

use chrono::{Datelike, NaiveDate};

/// The site-relative URL of the home page or one of its later pages.
pub fn index_url(page: usize) -> String {
    paged("", page)
}

pub fn archive_url() -> String {
    "archive/".to_string()
}

pub fn tags_url() -> String {
    "tags/".to_string()
}

pub fn tag_url(slug: &str) -> String {
    // One allocation of the right size (`format!` grows its string piece by piece): every
    // tag of every article on every page asks for its link.
    ["tags/", slug, "/"].concat()
}

pub fn year_url(year: i32) -> String {
    date_url(&[(year.into(), 4)])
}

pub fn month_url(year: i32, month: u32) -> String {
    date_url(&[(year.into(), 4), (month.into(), 2)])
}

pub fn day_url(day: NaiveDate) -> String {
    date_url(&[
        (day.year().into(), 4),
        (day.month().into(), 2),
        (day.day().into(), 2),
    ])
}

// `2016/`, `2016/02/`, …: each number zero-padded to its width and followed by `/`.
fn date_url(parts: &[(i64, usize)]) -> String {
    let mut url = String::with_capacity(11);
    for (n, width) in parts {
        push_zero_padded(&mut url, *n, *width);
        url.push('/');
    }
    url
}

pub const FEED_URL: &str = "rss.xml";
pub const SITEMAP_URL: &str = "sitemap.xml";
pub const NOT_FOUND_URL: &str = "404.html";
pub const STYLESHEET_URL: &str = "style.css";

pub(crate) fn paged(base: &str, page: usize) -> String {
    if page <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{page}/")
    }
}

/// The output file for a URL: directories get `index.html`.
pub fn output_path(url: &str) -> String {
    // Not `format!`: this runs for every page of every build.
    let mut path = String::with_capacity(url.len() + 10);
    path.push_str(url);
    if url.is_empty() || url.ends_with('/') {
        path.push_str("index.html");
    }
    path
}

/// Appends `n` in decimal, zero-padded to `width` digits, as `format!("{n:0width$}")` would.
/// Dates in URLs are written for every article of every build, and the formatting machinery
/// was a visible share of that.
pub fn push_zero_padded(out: &mut String, n: i64, width: usize) {
    let Ok(mut rest) = u64::try_from(n) else {
        // Years before 1 AD: rare enough for the general path.
        out.push_str(&format!("{n:0width$}"));
        return;
    };
    let mut digits = [b'0'; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    let start = start.min(digits.len().saturating_sub(width));
    out.extend(digits[start..].iter().map(|d| char::from(*d)));
}

/// Whether a link's path names an article's source file (`2016/a.md`, `b.markdown`,
/// `c.mdown`, `d.txt`) rather than a page or file of the site.
pub fn names_source(path: &str) -> bool {
    [".md", ".markdown", ".mdown", ".txt"]
        .iter()
        .any(|ext| path.ends_with(ext))
}

/// Decodes `%XX` escapes; `None` when an escape is malformed or the result is not UTF-8.
pub fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_zero_padded_as_format_does() {
        for (n, width) in [
            (0, 2),
            (7, 2),
            (12, 2),
            (123, 2),
            (2016, 4),
            (16, 4),
            (-5, 4),
            (0, 0),
        ] {
            let mut out = String::from("x");
            push_zero_padded(&mut out, n, width);
            assert_eq!(out, format!("x{n:0width$}"));
        }
    }

    #[test]
    fn percent_escapes_decode_and_bad_ones_fail() {
        assert_eq!(percent_decode("a%20b%2F").as_deref(), Some("a b/"));
        assert_eq!(percent_decode("%E2%80%93").as_deref(), Some("\u{2013}"));
        assert_eq!(percent_decode("%zz"), None);
        assert_eq!(percent_decode("%4"), None);
        assert_eq!(percent_decode("%FF"), None);
    }
}
