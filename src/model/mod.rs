//! Stage 3, model: place the parsed articles in a [`Site`]: drafts and future articles left
//! out, newest first, every URL decided (collisions get `-2`, `-3`), date and tag indexes
//! built, and the list of every page to render. The only module that computes URLs and paths.
//!
//! URLs here are site-relative: `""` is the home page, directories end in `/` (written as
//! `…/index.html`), files such as `rss.xml` do not.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::PathBuf;

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use crate::config::Config;
use crate::error::Warning;
use crate::parse::Article;

/// An article with its place in the site.
#[derive(Debug, Clone)]
pub struct Entry {
    pub article: Article,
    /// Final slug, after collisions.
    pub slug: String,
    pub url: String,
    /// The publication day in the site's timezone, which decides the archive it is in.
    pub day: NaiveDate,
}

/// Every article carrying one tag (all spellings with the same slug share it).
#[derive(Debug, Clone)]
pub struct TagGroup {
    /// The spelling used by most articles; ties go to the first in sort order.
    pub name: String,
    pub slug: String,
    pub url: String,
    pub feed_url: String,
    /// Indexes into [`Site::articles`], newest first.
    pub articles: Vec<usize>,
}

/// One page of a paginated listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pagination {
    /// 1-based page number.
    pub number: usize,
    pub total: usize,
    /// Which entries of the full list this page shows.
    pub range: Range<usize>,
    pub first_url: String,
    pub prev_url: Option<String>,
    pub next_url: Option<String>,
}

/// What a page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageKind {
    Index(Pagination),
    Article(usize),
    /// The overview of every year and month.
    Archive,
    Year(i32),
    Month(i32, u32),
    Day(NaiveDate),
    TagsIndex,
    /// A tag's page, by tag slug.
    Tag(String, Pagination),
    /// The site feed (`None`) or a tag's feed.
    Feed(Option<String>),
    Sitemap,
    NotFound,
}

/// A page to render, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub kind: PageKind,
    pub url: String,
    /// Relative to the output folder.
    pub output_path: String,
}

/// The whole site, immutable once built.
#[derive(Debug, Clone)]
pub struct Site {
    /// Newest first; ties by slug, then source path.
    pub articles: Vec<Entry>,
    /// Indexes into `articles` per day, newest first within a day.
    pub by_date: BTreeMap<NaiveDate, Vec<usize>>,
    /// By tag slug.
    pub tags: BTreeMap<String, TagGroup>,
    pub pages: Vec<Page>,
    /// Each article's URL by its source file, for `@/file.md` links in bodies.
    pub url_by_source: BTreeMap<PathBuf, String>,
    /// How many drafts and future-dated articles were left out.
    pub skipped: usize,
}

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
    format!("tags/{slug}/")
}

pub fn year_url(year: i32) -> String {
    format!("{year:04}/")
}

pub fn month_url(year: i32, month: u32) -> String {
    format!("{year:04}/{month:02}/")
}

pub fn day_url(day: NaiveDate) -> String {
    format!("{:04}/{:02}/{:02}/", day.year(), day.month(), day.day())
}

pub const FEED_URL: &str = "rss.xml";
pub const SITEMAP_URL: &str = "sitemap.xml";
pub const NOT_FOUND_URL: &str = "404.html";
pub const STYLESHEET_URL: &str = "style.css";

fn paged(base: &str, page: usize) -> String {
    if page <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{page}/")
    }
}

/// The output file for a URL: directories get `index.html`.
pub fn output_path(url: &str) -> String {
    if url.is_empty() || url.ends_with('/') {
        format!("{url}index.html")
    } else {
        url.to_string()
    }
}

/// Builds the site from parsed articles. `now` decides which articles are still in the future.
///
/// Never fails: URL collisions are resolved with a suffix and reported as warnings.
pub fn build_site(
    articles: Vec<Article>,
    config: &Config,
    now: DateTime<Utc>,
) -> (Site, Vec<Warning>) {
    let total = articles.len();
    let mut articles: Vec<Article> = articles
        .into_iter()
        .filter(|a| config.drafts || (!a.draft && a.date.with_timezone(&Utc) <= now))
        .collect();
    let skipped = total - articles.len();
    // Collisions are settled oldest first, so an older article keeps its URL when a newer
    // one arrives.
    articles.sort_by(|a, b| (a.date, &a.source_path).cmp(&(b.date, &b.source_path)));
    let days: Vec<NaiveDate> = articles
        .iter()
        .map(|a| a.date.with_timezone(&config.timezone).date_naive())
        .collect();
    let tag_slugs: BTreeSet<&str> = articles
        .iter()
        .flat_map(|a| a.tags.iter().map(|t| t.slug.as_str()))
        .collect();
    let index_pages = articles.len().div_ceil(config.paginate_by);
    let mut taken = reserved_urls(&days, &tag_slugs, index_pages);
    let mut first_owner: BTreeMap<String, usize> = BTreeMap::new();
    let mut warnings = Vec::new();
    let mut entries = Vec::with_capacity(articles.len());
    for (i, (article, day)) in articles.into_iter().zip(days).enumerate() {
        let base = base_slug(&article);
        let mut slug = base.clone();
        let mut url = config.permalink.expand(day, &slug);
        let wanted = url.clone();
        let mut n = 1;
        while taken.contains(&url) {
            n += 1;
            slug = format!("{base}-{n}");
            url = config.permalink.expand(day, &slug);
        }
        if n > 1 {
            let other = first_owner.get(&wanted).map_or_else(
                || "a page of the site".to_string(),
                |j: &usize| entries_path(&entries, *j),
            );
            warnings.push(Warning {
                path: article.source_path.clone(),
                location: None,
                message: format!(
                    "/{wanted} is already taken by {other}; this article is published at /{url}"
                ),
            });
        }
        first_owner.entry(wanted).or_insert(i);
        taken.insert(url.clone());
        entries.push(Entry {
            article,
            slug,
            url,
            day,
        });
    }
    entries.sort_by(|a, b| {
        b.article
            .date
            .cmp(&a.article.date)
            .then_with(|| a.slug.cmp(&b.slug))
            .then_with(|| a.article.source_path.cmp(&b.article.source_path))
    });
    let mut by_date: BTreeMap<NaiveDate, Vec<usize>> = BTreeMap::new();
    for (i, entry) in entries.iter().enumerate() {
        by_date.entry(entry.day).or_default().push(i);
    }
    let tags = group_tags(&entries);
    let pages = list_pages(&entries, &by_date, &tags, config);
    // Sorted first by a cached key with the same order as `Path`'s (component by component),
    // so the map is built from sorted input: comparing `PathBuf`s directly was a large share
    // of a no-change incremental build.
    let mut by_source: Vec<(&Entry, Vec<&std::ffi::OsStr>)> = entries
        .iter()
        .map(|e| {
            let key = e.article.source_path.iter().collect();
            (e, key)
        })
        .collect();
    by_source.sort_unstable_by(|a, b| a.1.cmp(&b.1));
    let url_by_source = by_source
        .into_iter()
        .map(|(e, _)| (e.article.source_path.clone(), e.url.clone()))
        .collect();
    let site = Site {
        url_by_source,
        articles: entries,
        by_date,
        tags,
        pages,
        skipped,
    };
    (site, warnings)
}

fn entries_path(entries: &[Entry], i: usize) -> String {
    entries
        .get(i)
        .map_or_else(String::new, |e| e.article.source_path.display().to_string())
}

// An empty slug (a title of only punctuation) falls back to the file name, then a constant;
// collisions then make it unique.
fn base_slug(article: &Article) -> String {
    if !article.slug.is_empty() {
        return article.slug.clone();
    }
    let stem = article
        .source_path
        .file_stem()
        .and_then(|s| s.to_str())
        .map(crate::slug::slugify)
        .unwrap_or_default();
    if stem.is_empty() {
        "artikel".to_string()
    } else {
        stem
    }
}

// URLs of listing pages, which no article may take.
fn reserved_urls(
    days: &[NaiveDate],
    tag_slugs: &BTreeSet<&str>,
    index_pages: usize,
) -> BTreeSet<String> {
    let mut urls: BTreeSet<String> = [index_url(1), archive_url(), tags_url()]
        .into_iter()
        .collect();
    let days: BTreeSet<NaiveDate> = days.iter().copied().collect();
    for day in days {
        urls.insert(year_url(day.year()));
        urls.insert(month_url(day.year(), day.month()));
        urls.insert(day_url(day));
    }
    for slug in tag_slugs {
        urls.insert(tag_url(slug));
    }
    for n in 2..=index_pages {
        urls.insert(index_url(n));
    }
    urls
}

fn group_tags(entries: &[Entry]) -> BTreeMap<String, TagGroup> {
    let mut spellings: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    let mut members: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, entry) in entries.iter().enumerate() {
        for tag in &entry.article.tags {
            *spellings
                .entry(&tag.slug)
                .or_default()
                .entry(&tag.name)
                .or_default() += 1;
            members.entry(&tag.slug).or_default().push(i);
        }
    }
    members
        .into_iter()
        .map(|(slug, articles)| {
            let name = spellings
                .get(slug)
                .and_then(|names| {
                    names
                        .iter()
                        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                })
                .map_or_else(|| slug.to_string(), |(name, _)| name.to_string());
            let url = tag_url(slug);
            let group = TagGroup {
                name,
                slug: slug.to_string(),
                feed_url: format!("{url}{FEED_URL}"),
                url,
                articles,
            };
            (slug.to_string(), group)
        })
        .collect()
}

/// Splits `count` items into pages of `per_page` under `base` (`""` or `tags/x/`).
pub fn paginate(base: &str, count: usize, per_page: usize) -> Vec<Pagination> {
    let per_page = per_page.max(1);
    let total = count.div_ceil(per_page).max(1);
    (1..=total)
        .map(|number| Pagination {
            number,
            total,
            range: (number - 1) * per_page..(number * per_page).min(count),
            first_url: base.to_string(),
            prev_url: (number > 1).then(|| paged(base, number - 1)),
            next_url: (number < total).then(|| paged(base, number + 1)),
        })
        .collect()
}

fn page(kind: PageKind, url: String) -> Page {
    Page {
        output_path: output_path(&url),
        kind,
        url,
    }
}

fn list_pages(
    entries: &[Entry],
    by_date: &BTreeMap<NaiveDate, Vec<usize>>,
    tags: &BTreeMap<String, TagGroup>,
    config: &Config,
) -> Vec<Page> {
    let mut pages = Vec::with_capacity(entries.len() + by_date.len() * 2 + tags.len() * 2 + 8);
    for pagination in paginate("", entries.len(), config.paginate_by) {
        let url = paged("", pagination.number);
        pages.push(page(PageKind::Index(pagination), url));
    }
    for (i, entry) in entries.iter().enumerate() {
        pages.push(page(PageKind::Article(i), entry.url.clone()));
    }
    pages.push(page(PageKind::Archive, archive_url()));
    let months: BTreeSet<(i32, u32)> = by_date.keys().map(|d| (d.year(), d.month())).collect();
    let years: BTreeSet<i32> = months.iter().map(|(y, _)| *y).collect();
    for year in years {
        pages.push(page(PageKind::Year(year), year_url(year)));
    }
    for (year, month) in months {
        pages.push(page(PageKind::Month(year, month), month_url(year, month)));
    }
    for day in by_date.keys() {
        pages.push(page(PageKind::Day(*day), day_url(*day)));
    }
    pages.push(page(PageKind::TagsIndex, tags_url()));
    for group in tags.values() {
        for pagination in paginate(&group.url, group.articles.len(), config.paginate_by) {
            let url = paged(&group.url, pagination.number);
            pages.push(page(PageKind::Tag(group.slug.clone(), pagination), url));
        }
        pages.push(page(
            PageKind::Feed(Some(group.slug.clone())),
            group.feed_url.clone(),
        ));
    }
    pages.push(page(PageKind::Feed(None), FEED_URL.to_string()));
    pages.push(page(PageKind::Sitemap, SITEMAP_URL.to_string()));
    pages.push(page(PageKind::NotFound, NOT_FOUND_URL.to_string()));
    pages
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::Tag;
    use chrono::{FixedOffset, TimeZone};
    use std::path::Path;

    fn config() -> Config {
        Config::from_raw(
            Path::new("/s"),
            crate::config::RawConfig::default(),
            &Default::default(),
        )
        .expect("config")
    }

    fn article(path: &str, title: &str, ymd_h: (i32, u32, u32, u32), tags: &[&str]) -> Article {
        let tz = FixedOffset::east_opt(7 * 3600).expect("tz");
        Article {
            source_path: PathBuf::from(path),
            title: title.to_string(),
            slug: crate::slug::slugify(title),
            slug_is_explicit: false,
            date: tz
                .with_ymd_and_hms(ymd_h.0, ymd_h.1, ymd_h.2, ymd_h.3, 0, 0)
                .single()
                .expect("date"),
            updated: None,
            tags: tags
                .iter()
                .map(|t| Tag {
                    name: t.to_string(),
                    slug: crate::slug::slugify(t),
                })
                .collect(),
            author: None,
            editor: None,
            source: None,
            location: None,
            description: None,
            captions: Vec::new(),
            draft: false,
            body_html: String::new(),
            extra: toml::Table::new(),
        }
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
            .single()
            .expect("now")
    }

    #[test]
    fn articles_are_sorted_newest_first_with_ties_by_slug() {
        let (site, _) = build_site(
            vec![
                article("content/a.md", "Beta", (2016, 2, 18, 9), &[]),
                article("content/b.md", "Alfa", (2016, 2, 18, 9), &[]),
                article("content/c.md", "Gamma", (2016, 2, 19, 0), &[]),
            ],
            &config(),
            now(),
        );
        let slugs: Vec<&str> = site.articles.iter().map(|e| e.slug.as_str()).collect();
        assert_eq!(slugs, ["gamma", "alfa", "beta"]);
        assert_eq!(site.articles[0].url, "2016/02/19/gamma/");
    }

    #[test]
    fn same_url_gets_suffix_in_date_then_path_order_and_a_warning() {
        let (site, warnings) = build_site(
            vec![
                article("content/z.md", "Sama", (2016, 2, 18, 8), &[]),
                article("content/a.md", "Sama", (2016, 2, 18, 9), &[]),
            ],
            &config(),
            now(),
        );
        let urls: BTreeSet<&str> = site.articles.iter().map(|e| e.url.as_str()).collect();
        assert!(urls.contains("2016/02/18/sama/") && urls.contains("2016/02/18/sama-2/"));
        let older = site
            .articles
            .iter()
            .find(|e| e.article.source_path == Path::new("content/z.md"));
        assert_eq!(older.map(|e| e.slug.as_str()), Some("sama"));
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].path, Path::new("content/a.md"));
        assert!(
            warnings[0].message.contains("content/z.md"),
            "{}",
            warnings[0].message
        );
    }

    #[test]
    fn empty_slug_falls_back_to_the_file_name() {
        let (site, _) = build_site(
            vec![article("content/x-1.md", "!!!", (2016, 1, 1, 0), &[])],
            &config(),
            now(),
        );
        assert_eq!(site.articles[0].slug, "x-1");
    }

    #[test]
    fn drafts_and_future_articles_are_left_out_unless_asked() {
        let mut draft = article("content/d.md", "Draft", (2016, 1, 1, 0), &[]);
        draft.draft = true;
        let future = article("content/f.md", "Future", (2999, 1, 1, 0), &[]);
        let (site, _) = build_site(vec![draft.clone(), future.clone()], &config(), now());
        assert_eq!((site.articles.len(), site.skipped), (0, 2));
        let mut with_drafts = config();
        with_drafts.drafts = true;
        let (site, _) = build_site(vec![draft, future], &with_drafts, now());
        assert_eq!(site.articles.len(), 2);
    }

    #[test]
    fn tags_with_one_slug_share_a_page_named_by_the_common_spelling() {
        let (site, _) = build_site(
            vec![
                article("content/a.md", "A", (2016, 1, 1, 0), &["Café"]),
                article("content/b.md", "B", (2016, 1, 2, 0), &["Cafe"]),
                article("content/c.md", "C", (2016, 1, 3, 0), &["Cafe"]),
            ],
            &config(),
            now(),
        );
        assert_eq!(site.tags.len(), 1);
        let group = &site.tags["cafe"];
        assert_eq!(group.name, "Cafe");
        assert_eq!(group.articles.len(), 3);
    }

    #[test]
    fn pagination_splits_and_links_pages() {
        let pages = paginate("tags/x/", 5, 2);
        assert_eq!(pages.len(), 3);
        assert_eq!(pages[0].range, 0..2);
        assert_eq!(pages[0].prev_url, None);
        assert_eq!(pages[0].next_url.as_deref(), Some("tags/x/page/2/"));
        assert_eq!(pages[2].range, 4..5);
        assert_eq!(pages[2].prev_url.as_deref(), Some("tags/x/page/2/"));
        assert_eq!(paginate("", 0, 20).len(), 1);
        assert_eq!(paginate("", 40, 20).len(), 2);
    }

    #[test]
    fn output_paths_of_directories_end_in_index_html() {
        assert_eq!(output_path(""), "index.html");
        assert_eq!(output_path("2016/"), "2016/index.html");
        assert_eq!(output_path("rss.xml"), "rss.xml");
    }

    fn messages(warnings: &[Warning]) -> Vec<String> {
        warnings.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn collisions_take_the_next_free_suffix_oldest_first_and_name_the_first_claimant() {
        let (site, warnings) = build_site(
            vec![
                article("content/b.md", "Sama", (2016, 2, 18, 9), &[]),
                article("content/a.md", "Sama", (2016, 2, 18, 9), &[]),
                article("content/c.md", "Sama", (2016, 2, 18, 8), &[]),
                article("content/d.md", "Sama 2", (2016, 2, 18, 7), &[]),
            ],
            &config(),
            now(),
        );
        let placed: Vec<(&str, &str)> = site
            .articles
            .iter()
            .map(|e| {
                (
                    e.article.source_path.to_str().unwrap_or(""),
                    e.slug.as_str(),
                )
            })
            .collect();
        // Newest first; equal dates by final slug.
        assert_eq!(
            placed,
            [
                ("content/a.md", "sama-3"),
                ("content/b.md", "sama-4"),
                ("content/c.md", "sama"),
                ("content/d.md", "sama-2"),
            ]
        );
        assert_eq!(
            messages(&warnings),
            [
                "content/a.md: warning: /2016/02/18/sama/ is already taken by content/c.md; \
                 this article is published at /2016/02/18/sama-3/",
                "content/b.md: warning: /2016/02/18/sama/ is already taken by content/c.md; \
                 this article is published at /2016/02/18/sama-4/",
            ]
        );
    }

    #[test]
    fn a_listing_page_is_named_in_the_collision_warning() {
        let mut config = config();
        config.permalink = crate::config::Permalink::parse("/:slug/").expect("pattern");
        let (site, warnings) = build_site(
            vec![
                article("content/t.md", "Archive", (2016, 1, 1, 0), &[]),
                article("content/u.md", "2016", (2016, 1, 2, 0), &[]),
            ],
            &config,
            now(),
        );
        let urls: Vec<&str> = site.articles.iter().map(|e| e.url.as_str()).collect();
        assert_eq!(urls, ["2016-2/", "archive-2/"]);
        assert_eq!(
            messages(&warnings),
            [
                "content/t.md: warning: /archive/ is already taken by a page of the site; \
                 this article is published at /archive-2/",
                "content/u.md: warning: /2016/ is already taken by a page of the site; \
                 this article is published at /2016-2/",
            ]
        );
    }

    #[test]
    fn a_tag_is_named_by_its_commonest_spelling_ties_by_sort_order() {
        let (site, _) = build_site(
            vec![
                article("content/a.md", "A", (2016, 1, 1, 0), &["jakarta", "Banjir"]),
                article("content/b.md", "B", (2016, 1, 2, 0), &["Jakarta", "banjir"]),
                article("content/c.md", "C", (2016, 1, 3, 0), &["banjir"]),
            ],
            &config(),
            now(),
        );
        let names: Vec<(&str, &str)> = site
            .tags
            .iter()
            .map(|(slug, g)| (slug.as_str(), g.name.as_str()))
            .collect();
        assert_eq!(names, [("banjir", "banjir"), ("jakarta", "Jakarta")]);
        assert_eq!(site.tags["banjir"].url, "tags/banjir/");
        assert_eq!(site.tags["banjir"].feed_url, "tags/banjir/rss.xml");
    }

    #[test]
    fn day_and_tag_indexes_list_newest_first_with_ties_by_slug() {
        let (site, _) = build_site(
            vec![
                article("content/a.md", "Beta", (2016, 1, 1, 9), &["x"]),
                article("content/b.md", "Alfa", (2016, 1, 1, 9), &["x"]),
                article("content/c.md", "Gamma", (2016, 1, 1, 10), &["x", "y"]),
                article("content/d.md", "Delta", (2016, 1, 2, 0), &["y"]),
            ],
            &config(),
            now(),
        );
        let slugs = |list: &[usize]| -> Vec<&str> {
            list.iter()
                .map(|i| site.articles[*i].slug.as_str())
                .collect()
        };
        let days: Vec<(String, Vec<&str>)> = site
            .by_date
            .iter()
            .map(|(day, list)| (day.to_string(), slugs(list)))
            .collect();
        assert_eq!(
            days,
            [
                ("2016-01-01".to_string(), vec!["gamma", "alfa", "beta"]),
                ("2016-01-02".to_string(), vec!["delta"]),
            ]
        );
        assert_eq!(slugs(&site.tags["x"].articles), ["gamma", "alfa", "beta"]);
        assert_eq!(slugs(&site.tags["y"].articles), ["delta", "gamma"]);
    }

    #[test]
    fn pages_are_listed_in_a_fixed_order() {
        let mut config = config();
        config.paginate_by = 2;
        let (site, _) = build_site(
            vec![
                article("content/a.md", "A", (2015, 12, 31, 9), &["x"]),
                article("content/b.md", "B", (2016, 1, 1, 9), &["x", "y"]),
                article("content/c.md", "C", (2016, 2, 1, 9), &["x"]),
            ],
            &config,
            now(),
        );
        let pages: Vec<&str> = site.pages.iter().map(|p| p.output_path.as_str()).collect();
        assert_eq!(
            pages,
            [
                "index.html",
                "page/2/index.html",
                "2016/02/01/c/index.html",
                "2016/01/01/b/index.html",
                "2015/12/31/a/index.html",
                "archive/index.html",
                "2015/index.html",
                "2016/index.html",
                "2015/12/index.html",
                "2016/01/index.html",
                "2016/02/index.html",
                "2015/12/31/index.html",
                "2016/01/01/index.html",
                "2016/02/01/index.html",
                "tags/index.html",
                "tags/x/index.html",
                "tags/x/page/2/index.html",
                "tags/x/rss.xml",
                "tags/y/index.html",
                "tags/y/rss.xml",
                "rss.xml",
                "sitemap.xml",
                "404.html",
            ]
        );
        assert_eq!(
            site.pages[16].kind,
            PageKind::Tag(
                "x".to_string(),
                Pagination {
                    number: 2,
                    total: 2,
                    range: 2..3,
                    first_url: "tags/x/".to_string(),
                    prev_url: Some("tags/x/".to_string()),
                    next_url: None,
                }
            )
        );
        let by_source: Vec<(&str, &str)> = site
            .url_by_source
            .iter()
            .map(|(p, u)| (p.to_str().unwrap_or(""), u.as_str()))
            .collect();
        assert_eq!(
            by_source,
            [
                ("content/a.md", "2015/12/31/a/"),
                ("content/b.md", "2016/01/01/b/"),
                ("content/c.md", "2016/02/01/c/"),
            ]
        );
    }

    #[test]
    fn an_article_never_takes_an_archive_url() {
        let mut config = config();
        config.permalink = crate::config::Permalink::parse("/:slug/").expect("pattern");
        let (site, _) = build_site(
            vec![article("content/t.md", "Tags", (2016, 1, 1, 0), &[])],
            &config,
            now(),
        );
        assert_eq!(site.articles[0].url, "tags-2/");
    }
}
