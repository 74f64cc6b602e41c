//! An article's lead image, for its cards, feeds and structured data, and image paths made
//! absolute as the article's page reads them.

use crate::model::Entry;
use crate::render::Renderer;
use crate::render::context::ImageView;

/// The article's lead image: its front matter `image` (`cover`, `featured_image`), else the
/// first image of its body (found as the body was made), else the site's `discovery.image`, with that one's size. An
/// image path is read as the page would read it: relative to the article's own URL, or from
/// the site's root when it starts with `/` or `@/`.
pub(crate) fn lead_image(renderer: &Renderer<'_>, entry: &Entry) -> Option<ImageView> {
    let a = &entry.article;
    let own = a.image.as_deref().or(a.body_image.as_deref());
    if let Some(url) = own.and_then(|src| resolve(renderer, &entry.url, src)) {
        return Some(ImageView {
            url,
            width: None,
            height: None,
        });
    }
    let d = &renderer.config().discovery;
    Some(ImageView {
        url: resolve(renderer, "", d.image.as_deref()?)?,
        width: d.image_width,
        height: d.image_height,
    })
}

/// `src` as an absolute URL, read from the page at site URL `from`; `None` for a URL of
/// another scheme (`data:`, `javascript:`) or one that climbs above the site.
pub(crate) fn resolve(renderer: &Renderer<'_>, from: &str, src: &str) -> Option<String> {
    absolute(renderer, from, src.trim()).map(|url| encoded(&url))
}

// A URL with the bytes URLs may not hold (spaces, quotes, non-ASCII letters) percent-encoded;
// a `%` is taken as the start of an encoding already made.
fn encoded(url: &str) -> String {
    let keep = |b: u8| b.is_ascii_graphic() && !b"\"<>\\^`{|}".contains(&b);
    if url.bytes().all(keep) {
        return url.to_string();
    }
    let mut out = String::with_capacity(url.len() + 16);
    for b in url.bytes() {
        if keep(b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn absolute(renderer: &Renderer<'_>, from: &str, src: &str) -> Option<String> {
    if src.starts_with("https://") || src.starts_with("http://") {
        return Some(src.to_string());
    }
    if let Some(rest) = src.strip_prefix("//") {
        let scheme = renderer
            .config()
            .base_url
            .split("//")
            .next()
            .unwrap_or("https:");
        return Some(format!("{scheme}//{rest}"));
    }
    let before_slash = src.split('/').next().unwrap_or("");
    if before_slash.contains(':') || src.is_empty() {
        return None;
    }
    let site_path = match src.strip_prefix("@/").or_else(|| src.strip_prefix('/')) {
        Some(rooted) => rooted.to_string(),
        None => {
            let folder = from.rfind('/').map_or("", |i| &from[..=i]);
            join(folder, src)?
        }
    };
    Some(renderer.absolute(&site_path))
}

// `rel` read in site folder `folder` (`2016/02/18/a/`), `.` and `..` applied.
fn join(folder: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    let segments: Vec<&str> = rel.split('/').collect();
    for (k, segment) in segments.iter().enumerate() {
        match *segment {
            "." => {}
            ".." => {
                parts.pop()?;
            }
            "" if k + 1 < segments.len() => {}
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}
