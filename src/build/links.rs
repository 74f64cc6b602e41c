//! `@/` links to articles that are not in the site, as warnings of the build: found in the
//! bodies by the model, and placed at their line in the source here (the bodies of unchanged
//! articles are read back from the cache first, so a deleted target is seen by every build).

use std::path::Path;

use pulldown_cmark::{Event, Options, Parser, Tag};

use super::reuse::{self, BySource, Source};
use crate::cache;
use crate::error::{Location, Warning};
use crate::model::{self, Site};

/// The warnings for every `@/` link of `site` to no article. Fails when the cache went bad
/// while the bodies holding such links were read back.
pub(crate) fn broken_links(
    root: &Path,
    site: &mut Site,
    sources: &BySource<Source>,
    bodies: Option<&cache::Bodies>,
) -> std::io::Result<Vec<Warning>> {
    let linking: Vec<usize> = (0..site.articles.len())
        .filter(|i| {
            let source = sources.get(site.articles[*i].article.source_path.as_os_str());
            source.and_then(|s| s.body).is_some_and(|b| b.has_links)
        })
        .collect();
    reuse::fill_bodies(&mut site.articles, &linking, sources, bodies)?;
    Ok(locate_links(root, model::broken_site_links(site)))
}

/// The warnings of `build` for `@/` links to no article ([`crate::model::broken_site_links`]), each
/// at the line and column of its link in the article's source (read again for it: such links
/// are rare). A link that cannot be found there keeps no position.
pub fn locate_links(root: &Path, broken: Vec<crate::model::BrokenLink>) -> Vec<Warning> {
    broken
        .into_iter()
        .map(|link| {
            let mut warning = link.warning;
            let text = crate::load::read_text(root, &warning.path);
            warning.location = text.and_then(|text| link_location(&text, &link.target));
            warning
        })
        .collect()
}

// Where the first Markdown link or image to `@/target` starts in an article's text.
fn link_location(text: &str, target: &str) -> Option<Location> {
    let split = crate::parse::front_matter::split(text).ok()?;
    let options = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES;
    let parser = Parser::new_ext(split.body, options).into_offset_iter();
    for (event, range) in parser {
        if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = &event
            && dest_url.strip_prefix("@/") == Some(target)
        {
            let at = Location::of_offset(split.body, range.start);
            return Some(Location {
                line: at.line + split.body_line - 1,
                column: at.column,
            });
        }
    }
    None
}
