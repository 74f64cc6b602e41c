//! What each template variable means, one line per field path of the typed contexts
//! ([`super::context_fields`]). A test fails when a context gains a field this table does not
//! describe, or the table describes a field no context has, so `docs/templates.md`, which is
//! made from both, cannot drift from the code.

/// Each built-in template and the page it makes (or the part it is of other pages).
pub const TEMPLATES: &[(&str, &str)] = &[
    (
        "404.html",
        "the page a host shows for a URL the site lacks (`404.html` at the root); its links start at the site's root path, so it works at any depth",
    ),
    (
        "archive.html",
        "the archive overview (`/archive/`): every year and month with its count",
    ),
    ("article.html", "an article's page"),
    (
        "atom.xml",
        "an Atom 1.0 feed (`atom.xml`, and one per tag) when `feeds` lists `atom`",
    ),
    (
        "base.html",
        "the frame every HTML page extends: head, header with navigation, main, footer",
    ),
    ("day.html", "a day's archive page (`/2016/02/18/`)"),
    (
        "index.html",
        "the home page and its following pages (`/page/2/`)",
    ),
    ("month.html", "a month's archive page (`/2016/02/`)"),
    (
        "pagination.html",
        "the previous/next links of a paginated listing",
    ),
    (
        "redirect.html",
        "a page at an article's old URL that sends the reader on to the article",
    ),
    (
        "rss.xml",
        "an RSS 2.0 feed (`rss.xml`, and one per tag) when `feeds` lists `rss`",
    ),
    (
        "search.html",
        "the search page (`/search/`): a form, and results the search script fills in from the index's fragments",
    ),
    (
        "sitemap.xml",
        "one file of the sitemap (`sitemap-1.xml`, ...): HTML pages but the 404 and redirects, at most 50,000",
    ),
    (
        "sitemap_index.xml",
        "the sitemap index (`sitemap.xml`): every sitemap file and the news sitemap",
    ),
    (
        "sitemap_news.xml",
        "the Google News sitemap (`sitemap-news.xml`): the articles of the two days up to the newest",
    ),
    (
        "feed.json",
        "a JSON Feed 1.1 (`feed.json`, and one per tag) when `feeds` lists `json`; print values with `| json`",
    ),
    (
        "robots.txt",
        "`robots.txt`, naming the sitemap index, unless `static/robots.txt` replaces it",
    ),
    ("style.css", "the stylesheet (light, dark and print)"),
    (
        "summary.html",
        "one article in a listing; included with the summary as `a`",
    ),
    ("tag.html", "a tag's page, paginated (`/tags/banjir/`)"),
    ("tags.html", "the tags index (`/tags/`)"),
    ("year.html", "a year's archive page (`/2016/`)"),
];

/// Field path (as [`super::context_fields::Fields`] writes it) and its meaning. Elements of a
/// list (`articles[]`) share their list's line.
pub const DESCRIPTIONS: &[(&str, &str)] = &[
    ("site", "the site's settings from `arsip.toml`"),
    ("site.title", "the site's title"),
    ("site.description", "the site's description"),
    (
        "site.base_url",
        "the absolute URL the site is published at, ending in `/`",
    ),
    ("site.language", "the site's language code (`id`, `en`)"),
    (
        "site.og_locale",
        "the language as Open Graph names it (`id_ID`)",
    ),
    (
        "site.twitter",
        "the site's X/Twitter account (`@arsip`, `discovery.twitter`); absent when not set",
    ),
    (
        "json_ld",
        "the page's JSON-LD structured data (NewsArticle, BreadcrumbList, WebSite); print with `| json` inside `<script type=\"application/ld+json\">`; absent on other pages",
    ),
    (
        "site.extra",
        "the `[extra]` table of `arsip.toml`, as written",
    ),
    (
        "t",
        "the interface strings in the site's language, by key (`t.home`); `[strings]` in `arsip.toml` overrides them",
    ),
    (
        "current_url",
        "the page's absolute URL, for `rel=canonical`",
    ),
    (
        "section",
        "`home`, `archive` or `tags` on that very page, for `aria-current=\"page\"`; absent elsewhere",
    ),
    ("nav", "links of the header, relative to the page"),
    ("nav.home", "the home page"),
    ("nav.archive", "the archive overview"),
    ("nav.tags", "the tags index"),
    ("nav.feed", "the site's first feed"),
    (
        "nav.feeds",
        "every feed of the site, for `<link rel=\"alternate\">`",
    ),
    ("nav.feeds[].type", "the feed's media type"),
    ("nav.feeds[].url", "the feed's URL"),
    ("nav.stylesheet", "the stylesheet"),
    (
        "nav.search",
        "the search page, where the header's search box sends `?q=`; absent when `search` is off",
    ),
    (
        "articles",
        "summaries of the articles listed on this page, newest first",
    ),
    ("articles[].title", "the headline"),
    ("articles[].url", "the article page, relative to this page"),
    ("articles[].date", "the publication date, RFC 3339"),
    (
        "articles[].date_long",
        "the date written out (`Kamis, 18 Februari 2016`)",
    ),
    ("articles[].date_short", "the short date (`18 Feb 2016`)"),
    (
        "articles[].description",
        "the standfirst or summary; absent when the article has none",
    ),
    ("articles[].source", "the outlet; absent when unknown"),
    ("articles[].author", "the author; absent when unknown"),
    ("articles[].tags", "the article's tags"),
    ("articles[].tags[].name", "the tag's name"),
    (
        "articles[].tags[].url",
        "the tag's page, relative to this page",
    ),
    (
        "pagination",
        "where this page stands in a paginated listing",
    ),
    ("pagination.number", "this page's number, from 1"),
    ("pagination.total", "how many pages the listing has"),
    ("pagination.first", "the first page's URL"),
    (
        "pagination.prev",
        "the previous page's URL; absent on the first",
    ),
    ("pagination.next", "the next page's URL; absent on the last"),
    ("article", "the article shown"),
    ("article.title", "the headline"),
    ("article.url", "this page, relative to itself"),
    ("article.permalink", "this page's absolute URL"),
    (
        "article.modified",
        "the last change, RFC 3339 (the publication date when never changed)",
    ),
    (
        "article.image",
        "the lead image: front matter `image`, else the body's first image, else `discovery.image`; absent when none",
    ),
    ("article.image.url", "its absolute URL"),
    (
        "article.image.width",
        "its width in pixels; absent when unknown",
    ),
    (
        "article.image.height",
        "its height in pixels; absent when unknown",
    ),
    ("article.date", "the publication date, RFC 3339"),
    (
        "article.date_long",
        "the date written out (`Kamis, 18 Februari 2016`)",
    ),
    ("article.date_short", "the short date (`18 Feb 2016`)"),
    (
        "article.time",
        "the time with its zone (`09:28 WIB`); absent for an article dated without a time",
    ),
    (
        "article.updated",
        "when the article was last changed, RFC 3339; absent when never",
    ),
    ("article.updated_long", "that date written out"),
    ("article.author", "the author; absent when unknown"),
    ("article.editor", "the editor; absent when unknown"),
    ("article.source", "the outlet; absent when unknown"),
    (
        "article.location",
        "the dateline's place; absent when unknown",
    ),
    (
        "article.description",
        "the standfirst or summary; absent when the article has none",
    ),
    ("article.tags", "the article's tags"),
    ("article.tags[].name", "the tag's name"),
    (
        "article.tags[].url",
        "the tag's page, relative to this page",
    ),
    ("article.captions", "photo captions of a plain-text article"),
    ("article.captions[].text", "the caption"),
    (
        "article.captions[].credit",
        "the photographer or agency; absent when none",
    ),
    (
        "article.body_html",
        "the body as HTML, already made safe: print it with `| safe`",
    ),
    (
        "article.newer",
        "the next newer article; absent for the newest",
    ),
    ("article.newer.title", "its headline"),
    ("article.newer.url", "its page, relative to this page"),
    (
        "article.older",
        "the next older article; absent for the oldest",
    ),
    ("article.older.title", "its headline"),
    ("article.older.url", "its page, relative to this page"),
    ("article.day", "the archive page of the article's day"),
    ("article.day.title", "that day written out"),
    ("article.day.url", "its page, relative to this page"),
    (
        "article.related",
        "related articles (shared tags, then shared headline words; newer first among ties), at most `related_articles`, as summaries",
    ),
    ("article.related[].title", "the headline"),
    ("article.related[].url", "its page, relative to this page"),
    ("article.related[].date", "the publication date, RFC 3339"),
    ("article.related[].date_long", "the date written out"),
    ("article.related[].date_short", "the short date"),
    (
        "article.related[].description",
        "the standfirst or summary; absent when none",
    ),
    (
        "article.related[].source",
        "the outlet; absent when unknown",
    ),
    (
        "article.related[].author",
        "the author; absent when unknown",
    ),
    ("article.related[].tags", "its tags"),
    ("article.related[].tags[].name", "the tag's name"),
    (
        "article.related[].tags[].url",
        "the tag's page, relative to this page",
    ),
    ("search", "the search page's scripts"),
    (
        "search.meta",
        "the index's meta file (`search/meta.js`), relative to the page",
    ),
    (
        "search.script",
        "the search script (`search/search.js`), relative to the page",
    ),
    ("article.words", "the body's length in words"),
    (
        "article.reading_minutes",
        "the minutes it takes to read the body, at 220 words a minute, at least 1 (`{{ article.reading_minutes | plural(key=\"minutes_read\") }}`)",
    ),
    (
        "article.toc",
        "the body's sections, for a table of contents: when the site's `toc` or the article's front matter `toc` asks for one and the body has two sections or more; empty otherwise",
    ),
    ("article.toc[].level", "the heading's level, 1 to 6"),
    ("article.toc[].id", "the heading's `id`, to link as `#id`"),
    ("article.toc[].title", "the heading's text"),
    (
        "article.extra",
        "front matter keys arsip does not know, as written (`article.extra.series`)",
    ),
    ("tag", "the tag this page lists"),
    ("tag.name", "its name as first written"),
    ("tag.slug", "its URL slug"),
    ("tag.url", "its page, relative to this page"),
    (
        "tag.feed",
        "its first feed; absent when the site has no feeds",
    ),
    ("tag.feeds", "every feed of the tag"),
    ("tag.feeds[].type", "the feed's media type"),
    ("tag.feeds[].url", "the feed's URL"),
    ("tag.count", "how many articles carry it"),
    ("tags", "every tag, by name"),
    ("tags[].title", "the tag's name"),
    ("tags[].url", "its page, relative to this page"),
    ("tags[].count", "how many articles carry it"),
    ("years", "every year with articles, newest first"),
    ("years[].title", "the year"),
    ("years[].url", "its archive page"),
    ("years[].count", "how many articles it has"),
    ("years[].months", "its months with articles"),
    ("years[].months[].title", "the month's name"),
    ("years[].months[].url", "its archive page"),
    ("years[].months[].count", "how many articles it has"),
    ("period", "the year, month or day this page shows"),
    ("period.title", "the period written out"),
    ("period.url", "this page, relative to itself"),
    ("period.count", "how many articles it has"),
    (
        "period.parent",
        "the enclosing period (a day's month, a month's year); absent for a year",
    ),
    ("period.parent.title", "its name"),
    ("period.parent.url", "its page"),
    (
        "parts",
        "the months of a year, or the days of a month, with articles; empty for a day",
    ),
    ("parts[].title", "the part written out"),
    ("parts[].url", "its page"),
    ("parts[].count", "how many articles it has"),
    ("redirect", "the article an old URL now points at"),
    ("redirect.title", "its headline"),
    ("redirect.url", "its page, relative to the old URL"),
    ("redirect.permalink", "its absolute URL"),
    ("feed", "the feed: the site's, or a tag's"),
    ("feed.title", "its title"),
    ("feed.link", "the page it follows, absolute"),
    ("feed.self_url", "the feed's own absolute URL"),
    ("feed.description", "its description"),
    ("feed.publisher", "the site's title, as the publisher"),
    (
        "feed.last_build_date",
        "the newest item's last change, RFC 822; absent for an empty feed",
    ),
    (
        "feed.updated",
        "the newest item's last change, RFC 3339 (1970 for an empty feed)",
    ),
    ("feed.items", "the newest articles, at most `feed_limit`"),
    ("feed.items[].title", "the headline"),
    ("feed.items[].link", "the article's absolute URL"),
    (
        "feed.items[].guid",
        "a stable identifier (the article's absolute URL)",
    ),
    ("feed.items[].pub_date", "the publication date, RFC 822"),
    ("feed.items[].published", "the publication date, RFC 3339"),
    (
        "feed.items[].updated",
        "the last change, RFC 3339 (the publication date when never changed)",
    ),
    ("feed.items[].author", "the author; absent when unknown"),
    ("feed.items[].categories", "the article's tag names"),
    ("feed.items[].summary", "the description; absent when none"),
    (
        "feed.items[].image",
        "the lead image's absolute URL; absent when none",
    ),
    (
        "feed.items[].description",
        "the body as HTML, with absolute links",
    ),
    ("urls", "every page the sitemap lists"),
    ("urls[].loc", "its absolute URL"),
    (
        "urls[].lastmod",
        "its last change, RFC 3339; absent when unknown",
    ),
    ("urls[].title", "the headline (news sitemap)"),
    (
        "urls[].publication_date",
        "the publication date, RFC 3339 (news sitemap)",
    ),
    ("publication", "the publication the news sitemap names"),
    ("publication.name", "the site's title"),
    (
        "publication.language",
        "the ISO 639 code of the site's language (`id`, `en`, `zh-cn`)",
    ),
    ("sitemaps", "every sitemap file and the news sitemap"),
    ("sitemaps[].loc", "its absolute URL"),
    (
        "sitemaps[].lastmod",
        "the newest change of the articles it lists, RFC 3339",
    ),
    ("sitemap", "the sitemap index's absolute URL"),
];
