//! The variables each template's context provides, derived from the typed contexts of
//! [`super::context`]: a sample of every context is serialized as the renderer serializes it,
//! and its field paths (`article.title`, `articles[].tags[].url`) are collected, so the list
//! cannot drift from the structs. `check` compares templates against it.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use tera::Value;

use super::context::*;
use crate::model::PageKind;
use crate::parse::Caption;

/// Field paths: `a.b` for a field, `a[]` for the elements of a list, `a.*` for free-form
/// tables (`extra`). Every prefix of a path is in the set too.
pub type Fields = BTreeSet<String>;

/// The fields of each page template's context, by template name, globals (`site`, `t`)
/// included. `t` lists the interface strings' keys.
pub fn by_template(strings: &BTreeMap<String, String>) -> BTreeMap<&'static str, Fields> {
    let mut globals = Fields::new();
    let site = super::SiteGlobals {
        title: "",
        description: "",
        base_url: "",
        language: "",
        og_locale: String::new(),
        twitter: Some(""),
        extra: &toml::Table::new(),
    };
    collect(&mut globals, "site", &value(&site));
    globals.insert("site.extra.*".to_string());
    globals.insert("t".to_string());
    globals.extend(strings.keys().map(|key| format!("t.{key}")));
    let mut out = BTreeMap::new();
    for (name, sample) in samples() {
        let mut fields = globals.clone();
        if let Some(map) = sample.as_map() {
            for (key, field) in map {
                collect(&mut fields, &key.to_string(), field);
            }
        }
        if name == "article.html" {
            fields.insert("article.extra.*".to_string());
        }
        out.insert(name, fields);
    }
    out
}

fn value(sample: &impl Serialize) -> Value {
    Value::try_from_serializable(sample).unwrap_or(Value::none())
}

fn collect(fields: &mut Fields, path: &str, value: &Value) {
    fields.insert(path.to_string());
    if let Some(map) = value.as_map() {
        for (key, field) in map {
            collect(fields, &format!("{path}.{key}"), field);
        }
    } else if let Some(items) = value.as_array() {
        let element = format!("{path}[]");
        match items.first() {
            Some(first) => collect(fields, &element, first),
            None => {
                fields.insert(element);
            }
        }
    }
}

fn link() -> Link {
    Link {
        title: String::new(),
        url: String::new(),
    }
}

fn counted() -> Vec<CountedLink> {
    vec![CountedLink {
        title: String::new(),
        url: String::new(),
        count: 0,
    }]
}

fn feed_links() -> Vec<FeedLink> {
    vec![FeedLink {
        media_type: "",
        url: String::new(),
    }]
}

fn common() -> Common {
    let nav = Nav {
        home: String::new(),
        archive: String::new(),
        tags: String::new(),
        feed: Some(String::new()),
        feeds: feed_links(),
        stylesheet: String::new(),
        search: Some(String::new()),
    };
    Common {
        current_url: String::new(),
        nav: value(&nav),
        section: Some(""),
        // Structured data: printed whole with the `json` filter.
        json_ld: Some(crate::render::cards::JsonText("{}".into())),
    }
}

fn summaries() -> Vec<Value> {
    vec![value(&summary())]
}

fn summary() -> Summary<'static> {
    let tag = TagLink {
        name: "",
        url: String::new(),
    };
    Summary {
        title: "",
        url: String::new(),
        date: String::new(),
        date_long: String::new(),
        date_short: String::new(),
        description: Some(""),
        source: Some(""),
        author: Some(""),
        tags: vec![tag],
    }
}

fn pagination() -> PaginationView {
    PaginationView {
        number: 1,
        total: 1,
        first: String::new(),
        prev: Some(String::new()),
        next: Some(String::new()),
    }
}

// One sample of every template's context, every optional field present and every list holding
// one element, so that each field path appears.
// A sample article page: every field of `article` set.
fn article_page() -> Value {
    let captions = [Caption {
        text: String::new(),
        credit: Some(String::new()),
    }];
    let extra = toml::Table::new();
    let article = ArticleView {
        title: "",
        url: String::new(),
        permalink: String::new(),
        date: String::new(),
        date_long: String::new(),
        date_short: String::new(),
        time: Some(String::new()),
        updated: Some(String::new()),
        updated_long: Some(String::new()),
        author: Some(""),
        editor: Some(""),
        source: Some(""),
        location: Some(""),
        description: Some(""),
        tags: vec![TagLink {
            name: "",
            url: String::new(),
        }],
        modified: String::new(),
        image: Some(ImageView {
            url: String::new(),
            width: Some(0),
            height: Some(0),
        }),
        captions: &captions,
        body_html: Cow::Borrowed(""),
        newer: Some(link()),
        older: Some(link()),
        related: vec![summary()],
        day: link(),
        extra: &extra,
        words: 0,
        reading_minutes: 0,
        toc: vec![super::reading::TocEntry {
            level: 2,
            id: String::new(),
            title: String::new(),
        }],
    };
    value(&ArticlePage {
        common: common(),
        article,
    })
}

// A sample feed, which every feed format renders.
fn feed_page() -> Value {
    let feed = FeedView {
        title: String::new(),
        link: String::new(),
        self_url: String::new(),
        description: String::new(),
        publisher: String::new(),
        last_build_date: Some(String::new()),
        updated: String::new(),
        items: vec![FeedItem {
            title: Cow::Borrowed(""),
            link: String::new(),
            guid: String::new(),
            pub_date: String::new(),
            published: String::new(),
            updated: String::new(),
            author: Some(Cow::Borrowed("")),
            summary: Some(Cow::Borrowed("")),
            categories: vec![Cow::Borrowed("")],
            image: Some(String::new()),
            description: Cow::Borrowed(""),
        }],
    };
    value(&FeedPage {
        current_url: String::new(),
        feed,
    })
}

// The sitemap index, the news sitemap and robots.txt.
fn crawler_samples() -> [(&'static str, Value); 3] {
    let sitemap = || SitemapUrl {
        loc: String::new(),
        lastmod: Some(String::new()),
    };
    [
        (
            "sitemap_index.xml",
            value(&SitemapIndexPage {
                current_url: String::new(),
                sitemaps: vec![sitemap()],
            }),
        ),
        (
            "sitemap_news.xml",
            value(&NewsSitemapPage {
                current_url: String::new(),
                publication: NewsPublication {
                    name: String::new(),
                    language: String::new(),
                },
                urls: vec![NewsUrl {
                    loc: String::new(),
                    title: Cow::Borrowed(""),
                    publication_date: String::new(),
                }],
            }),
        ),
        (
            "robots.txt",
            value(&RobotsPage {
                current_url: String::new(),
                sitemap: String::new(),
            }),
        ),
    ]
}

fn samples() -> Vec<(&'static str, Value)> {
    let period = PeriodPage {
        common: common(),
        period: PeriodView {
            title: String::new(),
            url: String::new(),
            count: 0,
            parent: Some(link()),
        },
        parts: counted(),
        articles: summaries(),
    };
    let period = value(&period);
    let feed = feed_page();
    let mut samples = vec![
        (
            "index.html",
            value(&IndexPage {
                common: common(),
                articles: summaries(),
                pagination: pagination(),
            }),
        ),
        ("article.html", article_page()),
        (
            "tag.html",
            value(&TagPage {
                common: common(),
                tag: TagView {
                    name: "",
                    slug: "",
                    url: String::new(),
                    feed: Some(String::new()),
                    feeds: feed_links(),
                    count: 0,
                },
                articles: summaries(),
                pagination: pagination(),
            }),
        ),
        (
            "tags.html",
            value(&TagsPage {
                common: common(),
                tags: counted(),
            }),
        ),
        (
            "archive.html",
            value(&ArchivePage {
                common: common(),
                years: vec![YearView {
                    title: String::new(),
                    url: String::new(),
                    count: 0,
                    months: counted(),
                }],
            }),
        ),
        ("year.html", period.clone()),
        ("month.html", period.clone()),
        ("day.html", period),
        ("404.html", value(&NotFoundPage { common: common() })),
        (
            "search.html",
            value(&SearchPage {
                common: common(),
                search: SearchView {
                    meta: String::new(),
                    script: String::new(),
                },
            }),
        ),
        (
            "redirect.html",
            value(&RedirectPage {
                current_url: String::new(),
                redirect: RedirectView {
                    title: "",
                    url: String::new(),
                    permalink: String::new(),
                },
            }),
        ),
        (
            "sitemap.xml",
            value(&SitemapPage {
                current_url: String::new(),
                urls: vec![SitemapUrl {
                    loc: String::new(),
                    lastmod: Some(String::new()),
                }],
            }),
        ),
    ];
    samples.extend(crawler_samples());
    // Every feed format renders the same context.
    let formats = crate::config::FEED_FORMATS.map(str::to_string);
    let feeds = PageKind::feeds(None, &formats);
    samples.extend(feeds.iter().map(|kind| (kind.template(), feed.clone())));
    samples
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_come_from_the_typed_contexts() {
        let fields = by_template(&BTreeMap::from([("home".to_string(), String::new())]));
        let article = &fields["article.html"];
        for path in [
            "article.title",
            "article.tags[].url",
            "article.captions[].credit",
            "article.newer.title",
            "article.related[].title",
            "nav.home",
            "site.extra.*",
            "t.home",
            "current_url",
        ] {
            assert!(article.contains(path), "{path}");
        }
        assert!(!article.contains("article.autor"));
        assert!(fields["index.html"].contains("articles[].tags[].name"));
        assert!(fields["rss.xml"].contains("feed.items[].categories[]"));
        assert!(!fields["index.html"].contains("article"));
    }
}
