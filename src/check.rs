//! `arsip check`: run the build's pipeline without writing, going on past every failing
//! stage so one run reports every problem: bad front matter, missing titles and dates,
//! template errors (unknown variables included, even those only tested, as in
//! `{% if article.autor %}`), articles competing for one URL (a warning
//! in a build, a problem here), and links in Markdown bodies that lead nowhere.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag};

use rayon::prelude::*;

use crate::build::prepare::prepare;
use crate::build::timings::Timings;
use crate::config::Config;
use crate::error::{Error, Location, Warning, sort_errors};
use crate::load::{SourceFile, SourceFormat};
use crate::model::{self, Site};

/// What `check` found.
#[derive(Debug)]
pub struct CheckReport {
    /// How many article files were read.
    pub articles: usize,
    /// Every problem, sorted by file and position. Empty means the site is fine.
    pub problems: Vec<Error>,
    /// Notes that are not problems (such as a file of unknown type in `content/`).
    pub warnings: Vec<Warning>,
}

/// Checks the site described by `config` without writing anything: the build's own
/// pipeline up to rendering (every page rendered and dropped), without the cache, going on
/// past every failing stage, then the links of every Markdown article.
pub fn check(config: &Config) -> CheckReport {
    let scanned = crate::load::scan(&config.root);
    let entries = scanned.entries.clone();
    let prepared = prepare(config, false, 0, scanned, Timings::default(), None);
    let mut problems = prepared.errors;
    let mut warnings = prepared.warnings;
    // Files that failed to parse are reported already; links to them are not broken.
    let failed: BTreeSet<PathBuf> = problems.iter().map(|e| e.path().to_owned()).collect();
    // Two articles wanting one URL is a problem for `check`; tags cut at the cap are not.
    let (capped, collisions): (Vec<Warning>, Vec<Warning>) = prepared
        .model_warnings
        .into_iter()
        .partition(model::cuts_tags);
    warnings.extend(capped);
    let site = &prepared.site;
    let mut articles: Vec<&crate::parse::Article> =
        site.articles.iter().map(|e| &e.article).collect();
    articles.extend(&site.unpublished);
    // Each key is noted at its first use in path order.
    articles.sort_by(|a, b| a.source_path.cmp(&b.source_path));
    warnings.extend(unknown_keys(articles.into_iter()));
    problems.extend(collisions.into_iter().map(|w| Error::Content {
        path: w.path,
        location: w.location,
        message: w.message,
    }));
    let content_assets = prepared.content_assets;
    let site = prepared.site;
    match prepared.renderer {
        Ok(renderer) => {
            let locale = renderer.locale().clone();
            problems.extend(crate::render::variables::unknown_variables(
                renderer.sources(),
                locale.strings(),
            ));
            if let Err(errors) = renderer.render_each(&site, &site.pages, |_| Ok(())) {
                problems.extend(errors);
            }
        }
        Err(errors) => problems.extend(errors),
    }
    let mut outputs: BTreeSet<String> = site.pages.iter().map(|p| p.output_path.clone()).collect();
    let pages: BTreeSet<&str> = outputs.iter().map(String::as_str).collect();
    let mut published = Vec::new();
    match crate::build::assets::collect(&config.root, &config.theme, config.search, |p| {
        pages.contains(p)
    }) {
        Ok(files) => published.extend(files.into_iter().map(|f| f.path)),
        Err(errors) => problems.extend(errors),
    }
    let statics: BTreeSet<&str> = published.iter().map(String::as_str).collect();
    let bundled = crate::build::assets::content(&content_assets, &site, |p| {
        pages.contains(p) || statics.contains(p)
    });
    drop((pages, statics));
    match bundled {
        Ok(files) => published.extend(files.into_iter().map(|f| f.path)),
        Err(errors) => problems.extend(errors),
    }
    outputs.extend(published);
    // Read again for their links: the pipeline keeps no source text.
    let files: Vec<SourceFile> = entries.par_iter().filter_map(|e| e.read().ok()).collect();
    let targets = Targets {
        site: &site,
        outputs: &outputs,
        sources: files
            .iter()
            .map(|f| f.path.clone())
            .filter(|p| failed.contains(p) || site.url_of_source(p).is_some())
            .collect(),
        all_sources: files.iter().map(|f| f.path.clone()).collect(),
        assets: content_assets.iter().map(|a| a.path.clone()).collect(),
        base_path: base_path(&config.base_url),
        site_values: &config.extra,
    };
    // The readers' notes (template tags left as text, furniture left out) came with the
    // articles, in `prepared.warnings`: nothing is parsed twice.
    for file in files.iter().filter(|f| f.format == SourceFormat::Markdown) {
        problems.extend(broken_links(file, &targets));
    }
    sort_errors(&mut problems);
    warnings.sort();
    CheckReport {
        articles: files.len(),
        problems,
        warnings,
    }
}

/// One note per front matter key outside the vocabulary, at its first use, with how many
/// articles use it and the known key it may be a misspelling of.
fn unknown_keys<'a>(articles: impl Iterator<Item = &'a crate::parse::Article>) -> Vec<Warning> {
    let mut keys: std::collections::BTreeMap<&str, (usize, &Path, usize)> = Default::default();
    for article in articles {
        for (key, line) in &article.unknown_keys {
            keys.entry(key)
                .or_insert((0, &article.source_path, *line))
                .0 += 1;
        }
    }
    keys.into_iter()
        .map(|(key, (count, path, line))| Warning {
            path: path.to_path_buf(),
            location: Some(Location { line, column: 1 }),
            message: format!(
                "{} (used in {count} {})",
                crate::parse::vocabulary::unknown_key_message(key),
                if count == 1 { "article" } else { "articles" }
            ),
        })
        .collect()
}

/// What a link may point at.
struct Targets<'a> {
    site: &'a Site,
    /// Every output file path (`2016/02/18/a/index.html`, `style.css`).
    outputs: &'a BTreeSet<String>,
    /// Article sources that are in the site or failed to parse (reported elsewhere).
    sources: BTreeSet<PathBuf>,
    /// Every article source, drafts and future articles included.
    all_sources: BTreeSet<PathBuf>,
    /// Every file of `content/` that is no article.
    assets: BTreeSet<PathBuf>,
    /// The path of `base_url` without its slashes at the ends (`arsip` for
    /// `https://example.org/arsip/`), empty at a domain's root.
    base_path: String,
    /// arsip.toml's `[extra]`, which fills `{{ site.KEY }}` in bodies.
    site_values: &'a toml::Table,
}

/// The links and images in a Markdown article's body that lead nowhere, each at its line.
fn broken_links(file: &SourceFile, targets: &Targets) -> Vec<Error> {
    let Ok(split) = crate::parse::front_matter::split(&file.text) else {
        return Vec::new(); // Reported as a front matter error.
    };
    let mut problems = Vec::new();
    let options = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES;
    // Links as the build sees them, `{% post_url %}` and `{{< ref >}}` translated; the
    // translation keeps every line where it was.
    let body =
        crate::parse::shortcodes::preprocess_with(split.body, &file.path, targets.site_values).text;
    for (event, range) in Parser::new_ext(&body, options).into_offset_iter() {
        let dest = match &event {
            // `<e@example.org>` is a mail address, written without `mailto:`.
            Event::Start(Tag::Link {
                link_type: LinkType::Email,
                ..
            }) => continue,
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => dest_url,
            _ => continue,
        };
        if let Some(message) = link_problem(&file.path, dest, targets) {
            let at = Location::of_offset(&body, range.start);
            let location = Location {
                line: at.line + split.body_line - 1,
                column: at.column,
            };
            problems.push(Error::content(&file.path, Some(location), message));
        }
    }
    problems
}

/// Why the link `dest` in the article `from` leads nowhere, or `None` when it is fine (or
/// external, which `check` does not fetch).
fn link_problem(from: &Path, dest: &str, targets: &Targets) -> Option<String> {
    let path = dest.split(['#', '?']).next().unwrap_or("");
    if path.is_empty() || is_external(path) {
        return None;
    }
    // A `.txt` beside a bundle's article is a file published with it, not an article.
    let is_asset = || {
        let dir = from.parent().unwrap_or(Path::new(""));
        normalize(&dir.join(path)).is_some_and(|p| targets.assets.contains(&p))
    };
    let is_source = crate::urls::names_source(path) && !is_asset();
    if let Some(site_path) = path.strip_prefix("@/") {
        if is_source {
            let source = Path::new("content").join(site_path);
            return match () {
                _ if targets.sources.contains(&source) => None,
                _ if targets.site.url_of_linked_source(&source).is_some() => None,
                _ if targets.all_sources.contains(&source) => Some(format!(
                    "link to `{dest}`: that article is a draft or dated in the future, so it \
                     is not published"
                )),
                _ => Some(format!(
                    "link to `{dest}`: there is no article {}",
                    source.display()
                )),
            };
        }
        return (!targets.exists(site_path))
            .then(|| format!("link to `{dest}`: the site has no page /{site_path}"));
    }
    if let Some(rooted) = path.strip_prefix('/') {
        // A root-absolute link (often an old URL of another post) must name a page or file
        // of the site, redirect pages of old URLs included; under the path of `base_url`
        // when the link starts with it.
        let url = rooted
            .strip_prefix(targets.base_path.as_str())
            .filter(|_| !targets.base_path.is_empty())
            .unwrap_or(rooted);
        return (!targets.exists(url)).then(|| {
            format!(
                "link to `{dest}`: the site has no page /{url} (if it is an old URL of the \
                 site, set `old_permalinks` in arsip.toml or `aliases` in the article)"
            )
        });
    }
    if is_source {
        let dir = from.parent().unwrap_or(Path::new(""));
        let source = normalize(&dir.join(path));
        let hint = match source.as_ref().and_then(|s| s.strip_prefix("content").ok()) {
            Some(rel) => format!("write `@/{}`", rel.display().to_string().replace('\\', "/")),
            None => "link to it as `@/path/under/content.md`".to_string(),
        };
        return Some(match source {
            Some(s) if targets.all_sources.contains(&s) => format!(
                "link to `{dest}`: relative links to article files are not rewritten; {hint}"
            ),
            _ => format!("link to `{dest}`: there is no such article; {hint}"),
        });
    }
    // A relative URL such as `../other-slug/`: resolve it against the article's own page.
    let page = targets.site.url_of_source(from)?;
    let url = normalize(&Path::new(page).join(path))?;
    let url = url.to_string_lossy().replace('\\', "/");
    let url = if path.ends_with('/') {
        format!("{url}/")
    } else {
        url
    };
    (!targets.exists(&url)).then(|| format!("link to `{dest}`: the site has no page /{url}"))
}

impl Targets<'_> {
    /// Whether the site-relative URL names a generated page or a copied file.
    fn exists(&self, url: &str) -> bool {
        let url = crate::urls::percent_decode(url).unwrap_or_else(|| url.to_string());
        let url = url.trim_start_matches('/');
        self.outputs.contains(&model::output_path(url))
            || self.outputs.contains(&format!("{url}/index.html"))
    }
}

// The path of `base_url` between its slashes: `arsip/berita` for `https://e.org/arsip/berita/`.
fn base_path(base_url: &str) -> String {
    let after_scheme = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
    let path = path.trim_matches('/');
    if path.is_empty() {
        String::new()
    } else {
        format!("{path}/")
    }
}

fn is_external(path: &str) -> bool {
    if path.starts_with("//") {
        return true;
    }
    // A scheme: letters, digits, `+`, `-`, `.` before the first `:`, with no `/` before it.
    match path.find(':') {
        Some(i) => {
            let scheme = &path[..i];
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        }
        None => false,
    }
}

/// Folds `.` and `..` away; `None` when `..` climbs above the start.
fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out: Vec<&std::ffi::OsStr> = Vec::new();
    for component in path.components() {
        match component {
            Component::Normal(part) => out.push(part),
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop()?;
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out.iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn external_links_are_recognized() {
        assert!(is_external("https://example.org/a.md"));
        assert!(is_external("mailto:redaksi@example.org"));
        assert!(is_external("//cdn.example.org/x.js"));
        assert!(!is_external("../2016/a.md"));
        assert!(!is_external("a/b:c"));
    }

    #[test]
    fn the_base_path_is_what_root_links_start_with_under_a_sub_path() {
        assert_eq!(base_path("https://example.org/"), "");
        assert_eq!(base_path("https://example.org"), "");
        assert_eq!(
            base_path("https://example.org/arsip/berita/"),
            "arsip/berita/"
        );
    }

    #[test]
    fn paths_normalize_without_leaving_the_start() {
        assert_eq!(
            normalize(Path::new("content/2016/../a.md")),
            Some(PathBuf::from("content/a.md"))
        );
        assert_eq!(normalize(Path::new("content/../../a.md")), None);
    }
}
