"""What scripts/validate-site checks of a site's findability (issue 19): the JSON-LD of every
page, JSON Feeds, the sitemap index with its sitemaps, the Google News sitemap, robots.txt, and
axe-core in headless Chromium. Each function takes the site folder, the base URL and the
report of validate-site, and names the file (and line where it can) of every failure.

- json-ld   every <script type="application/ld+json"> parses as JSON; a NewsArticle (required
            on every og:type=article page) has what Google's article guidelines ask for:
            headline (at most 110 characters), image, datePublished and dateModified (ISO 8601
            with a time zone, modified not before published), author (Person or Organization,
            each with a name), publisher (Organization with a name; its logo an absolute URL),
            mainEntityOfPage naming the page's canonical URL; a BreadcrumbList has items at
            positions 1, 2, ... whose URLs are under base_url and name real files (required on
            archive and tag pages); a WebSite's SearchAction has a urlTemplate holding
            {search_term_string} and the matching query-input.
- jsonfeed  every feed.json follows JSON Feed 1.1: version, title, items; absolute
            home_page_url and feed_url (naming the feed itself); each item with an id, content,
            RFC 3339 dates, authors with a name, tags as strings; other keys only with `_`.
- sitemap   sitemap.xml is a sitemap index (or a single urlset); every sitemap it lists is a
            urlset of at most 50,000 URLs and 50 MiB, each <loc> under base_url naming a real
            file, no URL twice, <lastmod> a W3C date; the news sitemap has news:publication
            name and language (ISO 639), news:publication_date, news:title, at most 1,000 URLs.
- robots    robots.txt exists, every line is a `field: value` record or a comment, and every
            Sitemap line is an absolute URL (under base_url: a real file).

axe-core in headless Chromium is in scripts/validate_axe.py.
"""

import json
import os
import re
import xml.etree.ElementTree as ET
from datetime import datetime
from html.parser import HTMLParser

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS_NS = "{http://www.google.com/schemas/sitemap-news/0.9}"
MAX_URLS = 50_000
MAX_BYTES = 50 * 1024 * 1024
NEWS_MAX = 1000
ISO_DATETIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$"
)
W3C_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
LANGUAGE = re.compile(r"^(?:[a-z]{2,3}|zh-cn|zh-tw)$")
JSONFEED_TOP = {
    "version", "title", "home_page_url", "feed_url", "description", "user_comment",
    "next_url", "icon", "favicon", "authors", "author", "language", "expired", "hubs", "items",
}
JSONFEED_ITEM = {
    "id", "url", "external_url", "title", "content_html", "content_text", "summary", "image",
    "banner_image", "date_published", "date_modified", "authors", "author", "tags",
    "language", "attachments",
}


def parse_datetime(value):
    if not isinstance(value, str) or not ISO_DATETIME.match(value):
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def site_files(site, name):
    out = []
    for dirpath, dirnames, filenames in os.walk(site):
        dirnames.sort()
        if name in filenames:
            out.append(os.path.relpath(os.path.join(dirpath, name), site).replace(os.sep, "/"))
    return sorted(out)


def local_file(site, base_url, url):
    """The file a URL under base_url names, or None (also for a URL outside base_url)."""
    if not isinstance(url, str) or not url.startswith(base_url):
        return None
    path = url[len(base_url):].split("#", 1)[0].split("?", 1)[0]
    full = os.path.normpath(os.path.join(site, path))
    if not (full + os.sep).startswith(os.path.normpath(site) + os.sep):
        return None
    if os.path.isdir(full):
        full = os.path.join(full, "index.html")
    return full if os.path.isfile(full) else None


# ---------------------------------------------------------------- json-ld


class LdParser(HTMLParser):
    """The JSON-LD scripts of a page (text and line), its canonical URL and og:type."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.scripts = []
        self.canonical = None
        self.is_article = False
        self._in_ld = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script" and (a.get("type") or "").lower() == "application/ld+json":
            self._in_ld = (self.getpos()[0], [])
        if tag == "link" and "canonical" in (a.get("rel") or "").split():
            self.canonical = a.get("href")
        if tag == "meta" and a.get("property") == "og:type" and a.get("content") == "article":
            self.is_article = True

    def handle_data(self, data):
        if self._in_ld is not None:
            self._in_ld[1].append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._in_ld is not None:
            self.scripts.append((self._in_ld[0], "".join(self._in_ld[1])))
            self._in_ld = None


def page_kind(rel):
    """archive, tag or other, from the page's path."""
    if rel == "archive/index.html" or re.match(r"^\d{4}/(?:\d{2}/(?:\d{2}/)?)?index\.html$", rel):
        return "archive"
    if re.match(r"^tags/[^/]+/(?:page/\d+/)?index\.html$", rel):
        return "tag"
    return "other"


# NewsArticles without an image (Google asks for one, a site may have none): one warning.
counts_missing_image = []


def check_news_article(where, ld, canonical, base_url, report):
    def fail(problem):
        report.fail("json-ld", where, f"NewsArticle: {problem}")

    headline = ld.get("headline")
    if not isinstance(headline, str) or not headline.strip():
        fail("no headline")
    elif len(headline) > 110:
        report.warn("json-ld", where, f"NewsArticle: headline of {len(headline)} characters (Google shows 110)")
    published = parse_datetime(ld.get("datePublished"))
    modified = parse_datetime(ld.get("dateModified"))
    if published is None:
        fail(f"datePublished {ld.get('datePublished')!r} is not an ISO 8601 date-time with a zone")
    if modified is None:
        fail(f"dateModified {ld.get('dateModified')!r} is not an ISO 8601 date-time with a zone")
    if published and modified and modified < published:
        fail("dateModified is before datePublished")
    images = ld.get("image")
    images = images if isinstance(images, list) else [images] if images is not None else []
    if not images:
        counts_missing_image.append(where)
    for image in images:
        url = image.get("url") if isinstance(image, dict) else image
        if not isinstance(url, str) or not re.match(r"^https?://", url):
            fail(f"image {url!r} is not an absolute URL")
    authors = ld.get("author")
    authors = authors if isinstance(authors, list) else [authors] if authors else []
    if not authors:
        fail("no author")
    for author in authors:
        if not isinstance(author, dict) or author.get("@type") not in ("Person", "Organization"):
            fail(f"author {author!r} is not a Person or Organization")
        elif not isinstance(author.get("name"), str) or not author["name"].strip():
            fail("an author without a name")
    publisher = ld.get("publisher")
    if not isinstance(publisher, dict) or publisher.get("@type") != "Organization" or not publisher.get("name"):
        fail("publisher is not an Organization with a name")
    elif publisher.get("logo") is not None:
        logo = publisher["logo"]
        url = logo.get("url") if isinstance(logo, dict) else logo
        if not isinstance(url, str) or not re.match(r"^https?://", url):
            fail(f"publisher logo {url!r} is not an absolute URL")
    page = ld.get("mainEntityOfPage")
    page_id = page.get("@id") if isinstance(page, dict) else page
    if canonical and page_id != canonical:
        fail(f"mainEntityOfPage {page_id!r} is not the canonical URL {canonical!r}")
    for key in ("keywords",):
        if key in ld and not (isinstance(ld[key], (str, list))):
            fail(f"{key} is neither text nor a list")


def check_breadcrumbs(site, where, ld, base_url, report):
    items = ld.get("itemListElement")
    if not isinstance(items, list) or not items:
        report.fail("json-ld", where, "BreadcrumbList without itemListElement")
        return
    for k, item in enumerate(items, 1):
        if not isinstance(item, dict) or item.get("@type") != "ListItem":
            report.fail("json-ld", where, f"BreadcrumbList item {k} is not a ListItem")
            continue
        if item.get("position") != k:
            report.fail("json-ld", where, f"BreadcrumbList item {k} has position {item.get('position')!r}")
        if not isinstance(item.get("name"), str) or not item["name"].strip():
            report.fail("json-ld", where, f"BreadcrumbList item {k} has no name")
        target = item.get("item")
        target = target.get("@id") if isinstance(target, dict) else target
        if local_file(site, base_url, target) is None:
            report.fail("json-ld", where, f"BreadcrumbList item {k} {target!r} names no file under base_url")


def check_website(where, ld, report):
    action = ld.get("potentialAction")
    if action is None:
        return
    target = action.get("target") if isinstance(action, dict) else None
    template = target.get("urlTemplate") if isinstance(target, dict) else target
    if not isinstance(template, str) or "{search_term_string}" not in template:
        report.fail("json-ld", where, f"SearchAction urlTemplate {template!r} lacks {{search_term_string}}")
    if (action.get("query-input") if isinstance(action, dict) else None) != "required name=search_term_string":
        report.fail("json-ld", where, "SearchAction query-input is not 'required name=search_term_string'")


def check_json_ld(site, pages, base_url, report):
    counts = {}
    for rel in pages:
        with open(os.path.join(site, rel), encoding="utf-8", errors="replace") as f:
            parser = LdParser()
            parser.feed(f.read())
            parser.close()
        types = []
        for line, text in parser.scripts:
            where = f"{rel}:{line}"
            try:
                ld = json.loads(text)
            except json.JSONDecodeError as e:
                report.fail("json-ld", where, f"not JSON: {e}")
                continue
            if not isinstance(ld, dict) or ld.get("@context") not in ("https://schema.org", "http://schema.org"):
                report.fail("json-ld", where, "not an object with @context https://schema.org")
                continue
            kind = ld.get("@type")
            types.append(kind)
            counts[kind] = counts.get(kind, 0) + 1
            if kind in ("NewsArticle", "Article", "BlogPosting"):
                check_news_article(where, ld, parser.canonical, base_url, report)
            elif kind == "BreadcrumbList":
                check_breadcrumbs(site, where, ld, base_url, report)
            elif kind == "WebSite":
                check_website(where, ld, report)
        if parser.is_article and "NewsArticle" not in types:
            report.fail("json-ld", rel, "article page without NewsArticle JSON-LD")
        if page_kind(rel) in ("archive", "tag") and "BreadcrumbList" not in types:
            report.fail("json-ld", rel, f"{page_kind(rel)} page without BreadcrumbList JSON-LD")
    if counts_missing_image:
        report.warn("json-ld", counts_missing_image[0], f"{len(counts_missing_image)} NewsArticle(s) without an image (Google asks for one; set discovery.image)")
        counts_missing_image.clear()
    print("  json-ld: " + (", ".join(f"{n} {k}" for k, n in sorted(counts.items(), key=str)) or "none"))


# ---------------------------------------------------------------- json feed


def check_json_feed(site, rel, base_url, report):
    def fail(problem):
        report.fail("jsonfeed", rel, problem)

    try:
        with open(os.path.join(site, rel), encoding="utf-8") as f:
            feed = json.load(f)
    except (ValueError, UnicodeDecodeError) as e:
        fail(f"not JSON: {e}")
        return 0
    if not isinstance(feed, dict):
        fail("not a JSON object")
        return 0
    if feed.get("version") != "https://jsonfeed.org/version/1.1":
        fail(f"version {feed.get('version')!r} is not https://jsonfeed.org/version/1.1")
    if not isinstance(feed.get("title"), str) or not feed["title"]:
        fail("no title")
    for key in ("home_page_url", "feed_url"):
        if not isinstance(feed.get(key), str) or not feed[key].startswith(base_url):
            fail(f"{key} {feed.get(key)!r} is not an absolute URL under base_url")
    if feed.get("feed_url") != base_url + rel:
        fail(f"feed_url {feed.get('feed_url')!r} does not name the feed itself")
    for key in sorted(set(feed) - JSONFEED_TOP):
        if not key.startswith("_"):
            fail(f"unknown top-level key {key!r} (extensions start with _)")
    check_authors(feed.get("authors"), "feed", fail)
    items = feed.get("items")
    if not isinstance(items, list):
        fail("items is not a list")
        return 0
    ids = set()
    for k, item in enumerate(items):
        where = f"item {k + 1}"
        if not isinstance(item, dict):
            fail(f"{where} is not an object")
            continue
        if not isinstance(item.get("id"), str) or not item["id"]:
            fail(f"{where}: no id")
        elif item["id"] in ids:
            fail(f"{where}: id {item['id']!r} used twice")
        ids.add(item.get("id"))
        if not any(isinstance(item.get(c), str) for c in ("content_html", "content_text")):
            fail(f"{where}: neither content_html nor content_text")
        if "url" in item and local_file(site, base_url, item["url"]) is None:
            fail(f"{where}: url {item['url']!r} names no file under base_url")
        for key in ("date_published", "date_modified"):
            if key in item and parse_datetime(item[key]) is None:
                fail(f"{where}: {key} {item[key]!r} is not an RFC 3339 date")
        if "tags" in item and not (isinstance(item["tags"], list) and all(isinstance(t, str) for t in item["tags"])):
            fail(f"{where}: tags is not a list of strings")
        check_authors(item.get("authors"), where, fail)
        for key in sorted(set(item) - JSONFEED_ITEM):
            if not key.startswith("_"):
                fail(f"{where}: unknown key {key!r}")
    return len(items)


def check_authors(authors, where, fail):
    if authors is None:
        return
    if not isinstance(authors, list) or not all(
        isinstance(a, dict) and any(isinstance(a.get(k), str) and a[k] for k in ("name", "url", "avatar"))
        for a in authors
    ):
        fail(f"{where}: authors is not a list of objects with a name, url or avatar")


def check_json_feeds(site, base_url, report):
    feeds = site_files(site, "feed.json")
    items = sum(check_json_feed(site, rel, base_url, report) for rel in feeds)
    print(f"  jsonfeed: {len(feeds)} JSON Feeds with {items} items")


# ---------------------------------------------------------------- sitemaps


def parse_xml(site, rel, report):
    try:
        return ET.parse(os.path.join(site, rel)).getroot()
    except (ET.ParseError, OSError) as e:
        report.fail("sitemap", rel, f"not well-formed XML: {e}")
        return None


def check_lastmod(rel, value, report):
    if value is not None and not (W3C_DATE.match(value) or parse_datetime(value)):
        report.fail("sitemap", rel, f"<lastmod> {value!r} is not a W3C date")


def check_urlset(site, rel, base_url, report, seen):
    root = parse_xml(site, rel, report)
    if root is None:
        return
    if root.tag != SITEMAP_NS + "urlset":
        report.fail("sitemap", rel, f"root element is {root.tag}, not sitemaps.org <urlset>")
        return
    urls = root.findall(SITEMAP_NS + "url")
    if len(urls) > MAX_URLS:
        report.fail("sitemap", rel, f"{len(urls)} URLs, more than {MAX_URLS}")
    size = os.path.getsize(os.path.join(site, rel))
    if size > MAX_BYTES:
        report.fail("sitemap", rel, f"{size} bytes, more than {MAX_BYTES}")
    news = [u for u in urls if u.find(NEWS_NS + "news") is not None]
    # A news sitemap lists again articles the other sitemaps list: its own set.
    seen = set() if news else seen
    for url in urls:
        loc = (url.findtext(SITEMAP_NS + "loc") or "").strip()
        check_loc(site, rel, loc, base_url, report)
        if loc in seen:
            report.fail("sitemap", rel, f"<loc> {loc!r} listed twice")
        seen.add(loc)
        check_lastmod(rel, url.findtext(SITEMAP_NS + "lastmod"), report)
    news = [((u.findtext(SITEMAP_NS + "loc") or "").strip(), u.find(NEWS_NS + "news")) for u in news]
    if news:
        check_news(rel, news, len(urls), report)
    return len(urls)


def check_loc(site, rel, loc, base_url, report):
    if not loc.startswith(base_url):
        report.fail("sitemap", rel, f"<loc> {loc!r} is not under base_url {base_url}")
    elif local_file(site, base_url, loc) is None:
        report.fail("sitemap", rel, f"<loc> {loc!r} names no file in the site")


def check_news(rel, news, count, report):
    if len(news) != count:
        report.fail("sitemap", rel, "a news sitemap with <url>s lacking <news:news>")
    if count > NEWS_MAX:
        report.fail("sitemap", rel, f"{count} news URLs, more than {NEWS_MAX}")
    dates = []
    for loc, item in news:
        pub = item.find(NEWS_NS + "publication")
        name = pub.findtext(NEWS_NS + "name") if pub is not None else None
        lang = pub.findtext(NEWS_NS + "language") if pub is not None else None
        if not name or not name.strip():
            report.fail("sitemap", rel, f"{loc}: no <news:publication><news:name>")
        if not lang or not LANGUAGE.match(lang):
            report.fail("sitemap", rel, f"{loc}: <news:language> {lang!r} is not an ISO 639 code")
        date = parse_datetime(item.findtext(NEWS_NS + "publication_date"))
        if date is None:
            report.fail("sitemap", rel, f"{loc}: <news:publication_date> is not a W3C date-time")
        else:
            dates.append(date)
        if not (item.findtext(NEWS_NS + "title") or "").strip():
            report.fail("sitemap", rel, f"{loc}: no <news:title>")
    if dates and (max(dates) - min(dates)).total_seconds() > 48 * 3600:
        report.fail("sitemap", rel, "articles more than two days older than the newest")


def check_sitemaps(site, base_url, report):
    rel = "sitemap.xml"
    if not os.path.isfile(os.path.join(site, rel)):
        report.fail("sitemap", rel, "missing")
        return
    root = parse_xml(site, rel, report)
    if root is None:
        return
    seen = set()
    if root.tag == SITEMAP_NS + "urlset":
        count = check_urlset(site, rel, base_url, report, seen)
        print(f"  sitemap: one sitemap, {count} URLs")
        return
    if root.tag != SITEMAP_NS + "sitemapindex":
        report.fail("sitemap", rel, f"root element is {root.tag}, not <sitemapindex> or <urlset>")
        return
    entries = root.findall(SITEMAP_NS + "sitemap")
    if not entries or len(entries) > MAX_URLS:
        report.fail("sitemap", rel, f"a sitemap index of {len(entries)} sitemaps")
    total = 0
    for entry in entries:
        loc = (entry.findtext(SITEMAP_NS + "loc") or "").strip()
        check_lastmod(rel, entry.findtext(SITEMAP_NS + "lastmod"), report)
        path = local_file(site, base_url, loc)
        if path is None:
            check_loc(site, rel, loc, base_url, report)
            continue
        total += check_urlset(site, os.path.relpath(path, site), base_url, report, seen) or 0
    print(f"  sitemap: index of {len(entries)} sitemaps, {total} URLs")


# ---------------------------------------------------------------- robots.txt


def check_robots(site, base_url, report):
    rel = "robots.txt"
    path = os.path.join(site, rel)
    if not os.path.isfile(path):
        report.fail("robots", rel, "missing")
        return
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = f.read().split("\n")
    agents = sitemaps = 0
    for n, line in enumerate(lines, 1):
        text = line.split("#", 1)[0].strip()
        if not text:
            continue
        field, sep, value = text.partition(":")
        if not sep or not field.strip() or " " in field.strip():
            report.fail("robots", f"{rel}:{n}", f"not a `field: value` record: {line!r}")
            continue
        field, value = field.strip().lower(), value.strip()
        agents += field == "user-agent"
        if field == "sitemap":
            sitemaps += 1
            if not re.match(r"^https?://", value):
                report.fail("robots", f"{rel}:{n}", f"Sitemap {value!r} is not an absolute URL")
            elif value.startswith(base_url) and local_file(site, base_url, value) is None:
                report.fail("robots", f"{rel}:{n}", f"Sitemap {value!r} names no file in the site")
    if not agents:
        report.fail("robots", rel, "no User-agent line")
    if not sitemaps:
        report.warn("robots", rel, "names no sitemap")
    print(f"  robots: {agents} User-agent and {sitemaps} Sitemap lines")
