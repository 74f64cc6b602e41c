//! One WordPress item as an arsip article (issue 17): front matter in the shared vocabulary
//! (title, date with its own offset, author, tags, categories, slug, description, draft, and
//! the old URLs as `aliases`) and the body as sanitised HTML, paragraphs made as WordPress
//! makes them. Pages, attachments, menu items and trashed posts are not articles: they come
//! back as a reason, for the import report.

use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone};

use crate::parse::wordpress::{Export, Item};
use crate::parse::wordpress_html;

/// What became of one item.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// An article: the file name to write (`2016-02-18-slug.md`) and its text.
    Post {
        file_name: String,
        markdown: String,
        draft: bool,
        /// Something the reader should know (an untitled post named after its slug).
        note: Option<String>,
    },
    /// Not imported, and why.
    Skipped(String),
}

/// Converts `item` of `export`; dates without an offset are read in `tz`.
///
/// Fails with a message when a post has no readable date.
pub fn convert(export: &Export, item: &Item, tz: FixedOffset) -> Result<Outcome, String> {
    let what = describe(item);
    match item.post_type.as_str() {
        "post" => {}
        "page" => {
            return Ok(Outcome::Skipped(format!(
                "{what} is a page: pages are not imported (copy it into content/ by hand)"
            )));
        }
        "attachment" => {
            return Ok(Outcome::Skipped(format!(
                "{what} is an attachment ({}): download the file into the article's folder",
                item.attachment_url
            )));
        }
        "nav_menu_item" => return Ok(Outcome::Skipped(format!("{what} is a menu item"))),
        other => {
            return Ok(Outcome::Skipped(format!(
                "{what} is of post type `{other}`, not a post"
            )));
        }
    }
    let draft = match item.status.as_str() {
        "publish" => false,
        "draft" | "pending" | "private" | "future" => true,
        other => {
            return Ok(Outcome::Skipped(format!(
                "{what} has status `{other}`: not imported"
            )));
        }
    };
    let date = date(item, tz).ok_or_else(|| {
        format!(
            "{what} has no readable date (`wp:post_date` `{}`)",
            item.post_date
        )
    })?;
    let slug = slug(item);
    let mut note = None;
    let title = match item.title.trim() {
        "" => {
            note = Some(format!("{what} has no title: it is titled `{slug}`"));
            slug.clone()
        }
        t => t.to_string(),
    };
    let author = export
        .authors
        .get(item.creator.trim())
        .map_or(item.creator.trim(), String::as_str);
    let mut yaml = String::from("---\n");
    let mut field = |key: &str, value: &str| {
        if !value.trim().is_empty() {
            yaml.push_str(&format!("{key}: {}\n", super::quote(value.trim())));
        }
    };
    field("title", &title);
    field("date", &date.to_rfc3339());
    field("author", author);
    field("slug", &slug);
    field("description", &strip_tags(&item.excerpt));
    if draft {
        yaml.push_str("draft: true\n");
    }
    list(&mut yaml, "tags", &item.tags);
    list(&mut yaml, "categories", &item.categories);
    list(&mut yaml, "aliases", &aliases(export, item));
    yaml.push_str("---\n");
    let body = wordpress_html::body(&item.content);
    let left = wordpress_html::left_shortcodes(&body);
    if !left.is_empty() {
        let names: Vec<String> = left.iter().map(|n| format!("[{n}]")).collect();
        let left = format!(
            "{what}: WordPress shortcode {} left as text (arsip does not run it)",
            names.join(", ")
        );
        note = Some(match note {
            Some(n) => format!("{n}; {left}"),
            None => left,
        });
    }
    yaml.push_str(&body);
    Ok(Outcome::Post {
        file_name: format!("{}-{slug}.md", date.format("%Y-%m-%d")),
        markdown: yaml,
        draft,
        note,
    })
}

fn describe(item: &Item) -> String {
    match item.title.trim() {
        "" => format!("item {}", item.post_id.trim()),
        t => format!("item {} `{t}`", item.post_id.trim()),
    }
}

fn list(yaml: &mut String, key: &str, values: &[String]) {
    if values.is_empty() {
        return;
    }
    yaml.push_str(key);
    yaml.push_str(":\n");
    for v in values {
        yaml.push_str(&format!("  - {}\n", super::quote(v)));
    }
}

// The local date with the offset WordPress recorded (local minus GMT); the site's zone when
// there is no GMT date (drafts have `0000-00-00 00:00:00`).
fn date(item: &Item, tz: FixedOffset) -> Option<DateTime<FixedOffset>> {
    let read = |s: &str| NaiveDateTime::parse_from_str(s.trim(), "%Y-%m-%d %H:%M:%S").ok();
    let local = read(&item.post_date)?;
    let offset = read(&item.post_date_gmt)
        .and_then(|gmt| i32::try_from((local - gmt).num_seconds()).ok())
        .and_then(FixedOffset::east_opt)
        .unwrap_or(tz);
    offset.from_local_datetime(&local).single()
}

// `wp:post_name` percent-decoded, kept when it is a safe slug; else one made from the title,
// else `post-ID`.
fn slug(item: &Item) -> String {
    let name = item.post_name.trim();
    // WordPress stores non-ASCII slugs percent-encoded; a malformed one is kept as written.
    let decoded = crate::urls::percent_decode(name).unwrap_or_else(|| name.to_string());
    let safe = !decoded.is_empty()
        && !decoded.contains("..")
        && decoded
            .chars()
            .all(|c| c.is_alphanumeric() || "-_".contains(c));
    if safe {
        return decoded;
    }
    let from = if decoded.is_empty() {
        &item.title
    } else {
        &decoded
    };
    match crate::slug::slugify(from) {
        s if s.is_empty() => format!("post-{}", item.post_id.trim()),
        s => s,
    }
}

// `/?p=ID` and the post's own path on the old site, which redirect pages keep working.
fn aliases(export: &Export, item: &Item) -> Vec<String> {
    let mut out = Vec::new();
    let id = item.post_id.trim();
    if !id.is_empty() {
        out.push(format!("/?p={id}"));
    }
    let link = item.link.trim();
    let path = link
        .strip_prefix(export.base_url.as_str())
        .filter(|_| !export.base_url.is_empty())
        .or_else(|| {
            let rest = link.split_once("://")?.1;
            Some(&rest[rest.find('/')?..])
        });
    if let Some(path) = path {
        let path = if path.starts_with('/') {
            path.to_string()
        } else {
            format!("/{path}")
        };
        if path != "/" && !out.contains(&path) {
            out.push(path);
        }
    }
    out
}

// The excerpt as plain text for `description`.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(status: &str, date: &str, gmt: &str, name: &str) -> Item {
        Item {
            title: "Judul: \"Kutip\"".to_string(),
            link: "https://a.example/blog/2015/08/x/".to_string(),
            post_id: "12".to_string(),
            post_date: date.to_string(),
            post_date_gmt: gmt.to_string(),
            post_name: name.to_string(),
            status: status.to_string(),
            post_type: "post".to_string(),
            ..Item::default()
        }
    }

    fn export() -> Export {
        Export {
            base_url: "https://a.example/blog".to_string(),
            ..Export::default()
        }
    }

    fn tz() -> FixedOffset {
        FixedOffset::east_opt(7 * 3600).expect("offset")
    }

    #[test]
    fn a_post_keeps_its_offset_slug_and_old_urls() {
        let item = post("publish", "2015-08-17 08:30:00", "2015-08-17 13:30:00", "x");
        let Ok(Outcome::Post {
            file_name,
            markdown,
            draft,
            ..
        }) = convert(&export(), &item, tz())
        else {
            panic!("not a post");
        };
        assert_eq!(file_name, "2015-08-17-x.md");
        assert!(!draft);
        assert!(
            markdown.starts_with("---\ntitle: \"Judul: \\\"Kutip\\\"\"\ndate: \"2015-08-17T08:30:00-05:00\"\nslug: \"x\"\naliases:\n  - \"/?p=12\"\n  - \"/2015/08/x/\"\n---\n"),
            "{markdown}"
        );
    }

    #[test]
    fn drafts_are_marked_and_get_a_slug_from_the_title() {
        let item = post("draft", "2015-11-02 19:00:00", "0000-00-00 00:00:00", "");
        let Ok(Outcome::Post {
            file_name,
            markdown,
            draft,
            ..
        }) = convert(&export(), &item, tz())
        else {
            panic!("not a post");
        };
        assert!(draft);
        assert_eq!(file_name, "2015-11-02-judul-kutip.md");
        assert!(
            markdown.contains("date: \"2015-11-02T19:00:00+07:00\"\n"),
            "{markdown}"
        );
        assert!(markdown.contains("draft: true\n"), "{markdown}");
    }

    #[test]
    fn encoded_and_unsafe_slugs_are_decoded_or_remade() {
        let decoded = post("publish", "2015-01-01 00:00:00", "", "%e6%97%a5%e6%9c%ac");
        assert_eq!(slug(&decoded), "日本");
        let unsafe_name = post("publish", "2015-01-01 00:00:00", "", "..%2f..%2fetc");
        assert!(
            !slug(&unsafe_name).contains(['.', '/']),
            "{}",
            slug(&unsafe_name)
        );
    }

    #[test]
    fn pages_attachments_and_trash_are_skipped_with_a_reason() {
        let mut page = post("publish", "2015-01-01 00:00:00", "", "p");
        page.post_type = "page".to_string();
        let trash = post("trash", "2015-01-01 00:00:00", "", "t");
        for item in [page, trash] {
            match convert(&export(), &item, tz()) {
                Ok(Outcome::Skipped(why)) => assert!(why.contains("item 12"), "{why}"),
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn a_post_without_a_date_is_an_error() {
        let item = post("publish", "kemarin", "", "x");
        let error = convert(&export(), &item, tz()).expect_err("no date");
        assert!(error.contains("no readable date"), "{error}");
    }
}
