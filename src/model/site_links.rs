//! Stage 3, model: `@/` links in article bodies that name no published article. The
//! renderer leaves such a link as written; the build reports it as a warning (an error with
//! `--strict`), as `check` does.

use std::path::Path;

use crate::error::Warning;

use super::Site;

/// An `@/` link to no published article.
#[derive(Debug)]
pub struct BrokenLink {
    /// Names the linking article's source, without a position (the model has no source text).
    pub warning: Warning,
    /// The link's target after `@/`, as in the HTML (`2016/a.md#x`).
    pub target: String,
}

/// A warning for every `href="@/….md"` (or `.txt`, or `src=`) in a published article's body
/// whose target is not a published article, in article order. Bodies the model holds
/// empty (still in the build cache) are not seen: the orchestrator fills those with links first.
pub fn broken_site_links(site: &Site) -> Vec<BrokenLink> {
    let mut warnings = Vec::new();
    for entry in &site.articles {
        let body = entry.article.body_html.as_str();
        if !body.contains("\"@/") {
            continue;
        }
        for target in site_link_targets(body) {
            let path = target.split(['#', '?']).next().unwrap_or("");
            if !crate::urls::names_source(path) {
                continue;
            }
            let source = Path::new("content").join(path);
            if site.url_of_linked_source(&source).is_some() {
                continue;
            }
            warnings.push(BrokenLink {
                warning: Warning {
                    path: entry.article.source_path.clone(),
                    location: None,
                    message: problem(site, target, &source),
                },
                target: target.to_string(),
            });
        }
    }
    warnings
}

fn problem(site: &Site, target: &str, source: &Path) -> String {
    if site.unpublished.iter().any(|a| a.source_path == source) {
        format!(
            "link to `@/{target}`: that article is a draft or dated in the future, so the link \
             leads nowhere"
        )
    } else {
        format!(
            "link to `@/{target}`: there is no article {} (`@/` paths start under content/)",
            source.display()
        )
    }
}

// The targets (after `@/`) of the quoted `href` and `src` values that start with `@/`.
fn site_link_targets(html: &str) -> impl Iterator<Item = &str> {
    html.match_indices("\"@/").filter_map(move |(at, _)| {
        let before = &html[..at];
        if !(before.ends_with("href=") || before.ends_with("src=")) {
            return None;
        }
        let rest = &html[at + 3..];
        Some(&rest[..rest.find('"').unwrap_or(rest.len())])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_of_href_and_src_only() {
        let html = r#"<a href="@/2016/a.md#x">a</a> <img src="@/b.txt"> <p>"@/c.md"</p>"#;
        let targets: Vec<&str> = site_link_targets(html).collect();
        assert_eq!(targets, ["2016/a.md#x", "b.txt"]);
    }
}
