//! WordPress exports (WXR: RSS with `wp:` elements) read into plain values for
//! `arsip import` (issue 17): the site's address, its authors, and every item (posts, pages,
//! attachments, menu items) with the fields a post needs. Comments and custom fields are
//! passed over. Text in, values out: no files, no decisions about what to import.

use std::collections::BTreeMap;

use quick_xml::Reader;
use quick_xml::events::Event;

/// One WordPress export.
#[derive(Debug, Default)]
pub struct Export {
    /// `wp:base_blog_url` (or the channel's `link`), without a trailing `/`.
    pub base_url: String,
    /// Display names by login.
    pub authors: BTreeMap<String, String>,
    pub items: Vec<Item>,
}

/// One `<item>`, fields as written (empty when absent).
#[derive(Debug, Default, Clone)]
pub struct Item {
    /// The line of the `<item>` in the export.
    pub line: usize,
    pub title: String,
    pub link: String,
    pub creator: String,
    pub content: String,
    pub excerpt: String,
    pub post_id: String,
    pub post_date: String,
    pub post_date_gmt: String,
    pub post_name: String,
    pub status: String,
    pub post_type: String,
    pub attachment_url: String,
    pub categories: Vec<String>,
    pub tags: Vec<String>,
}

/// Whether `text` (the start of a file is enough) is a WordPress export.
pub fn is_export(text: &str) -> bool {
    let head = match text.char_indices().nth(65_536) {
        Some((i, _)) => &text[..i],
        None => text,
    };
    head.contains("<rss") && (head.contains("<wp:wxr_version") || head.contains("xmlns:wp="))
}

/// Reads a WordPress export. Fails with the line and a message when the XML is malformed.
pub fn read(xml: &str) -> Result<Export, (usize, String)> {
    let mut reader = Reader::from_str(xml);
    let mut export = Export::default();
    let mut lines = super::shortcode_scan::Lines::default();
    let mut item: Option<Item> = None;
    let mut author: (String, String) = (String::new(), String::new());
    let mut text = String::new();
    let mut category_domain = String::new();
    // Inside a comment or custom field of an item: its elements are not the item's.
    let mut skipped = 0usize;
    loop {
        let at = reader.buffer_position();
        let event = reader.read_event().map_err(|e| {
            let line = lines.line_at(xml, usize::try_from(reader.error_position()).unwrap_or(0));
            (
                line,
                format!("the WordPress export is not well-formed XML: {e}"),
            )
        })?;
        match event {
            Event::Start(e) => {
                let name = e.name();
                let name = name.as_ref();
                if skipped > 0 || name == "wp:comment" || name == "wp:postmeta" {
                    skipped += 1;
                    continue;
                }
                text.clear();
                if name == "item" {
                    let line = lines.line_at(xml, usize::try_from(at).unwrap_or(0));
                    item = Some(Item {
                        line,
                        ..Item::default()
                    });
                } else if name == "category" {
                    category_domain = e
                        .try_get_attribute("domain")
                        .ok()
                        .flatten()
                        .and_then(|a| {
                            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .ok()
                                .map(|v| v.into_owned())
                        })
                        .unwrap_or_default();
                }
            }
            Event::End(e) => {
                if skipped > 0 {
                    skipped -= 1;
                    continue;
                }
                let name = e.name();
                let value = std::mem::take(&mut text);
                match item.as_mut() {
                    Some(it) => {
                        if name.as_ref() == "item" {
                            export.items.extend(item.take());
                        } else {
                            set_item_field(it, name.as_ref(), value, &category_domain);
                        }
                    }
                    None => set_channel_field(&mut export, &mut author, name.as_ref(), value),
                }
            }
            Event::Text(t) if skipped == 0 => text.push_str(&t.xml10_content()),
            Event::CData(t) if skipped == 0 => text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if skipped == 0 => {
                let name = r.xml10_content();
                match r.resolve_char_ref() {
                    Ok(Some(c)) => text.push(c),
                    _ => match quick_xml::escape::resolve_xml_entity(&name) {
                        Some(s) => text.push_str(s),
                        None => {
                            text.push('&');
                            text.push_str(&name);
                            text.push(';');
                        }
                    },
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    export.base_url = export.base_url.trim_end_matches('/').to_string();
    Ok(export)
}

fn set_item_field(item: &mut Item, name: &str, value: String, category_domain: &str) {
    let slot = match name {
        "title" => &mut item.title,
        "link" => &mut item.link,
        "dc:creator" => &mut item.creator,
        "content:encoded" => &mut item.content,
        "excerpt:encoded" => &mut item.excerpt,
        "wp:post_id" => &mut item.post_id,
        "wp:post_date" => &mut item.post_date,
        "wp:post_date_gmt" => &mut item.post_date_gmt,
        "wp:post_name" => &mut item.post_name,
        "wp:status" => &mut item.status,
        "wp:post_type" => &mut item.post_type,
        "wp:attachment_url" => &mut item.attachment_url,
        "category" => {
            let list = match category_domain {
                "category" => &mut item.categories,
                "post_tag" => &mut item.tags,
                _ => return,
            };
            let value = value.trim().to_string();
            if !value.is_empty() && !list.contains(&value) {
                list.push(value);
            }
            return;
        }
        _ => return,
    };
    *slot = value;
}

fn set_channel_field(
    export: &mut Export,
    author: &mut (String, String),
    name: &str,
    value: String,
) {
    match name {
        "wp:base_blog_url" => export.base_url = value.trim().to_string(),
        "link" if export.base_url.is_empty() => export.base_url = value.trim().to_string(),
        "wp:author_login" => author.0 = value.trim().to_string(),
        "wp:author_display_name" => author.1 = value.trim().to_string(),
        "wp:author" => {
            let (login, display) = std::mem::take(author);
            if !login.is_empty() && !display.is_empty() {
                export.authors.insert(login, display);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXPORT: &str = "<?xml version=\"1.0\"?>\n<rss xmlns:wp=\"http://wordpress.org/export/1.2/\">\n<channel>\n<link>https://a.example/</link>\n<wp:author><wp:author_login>b</wp:author_login><wp:author_display_name><![CDATA[Budi]]></wp:author_display_name></wp:author>\n<item>\n<title>A &amp; B &#8211; C</title>\n<wp:post_id>7</wp:post_id>\n<category domain=\"category\" nicename=\"x\"><![CDATA[Kabar]]></category>\n<category domain=\"post_tag\" nicename=\"y\">Lokal</category>\n<category domain=\"post_tag\" nicename=\"y\">Lokal</category>\n<category domain=\"nav_menu\" nicename=\"m\">Menu</category>\n<wp:postmeta><wp:meta_key>title</wp:meta_key><wp:meta_value>bukan judul</wp:meta_value></wp:postmeta>\n<wp:comment><wp:comment_content>komentar</wp:comment_content><title>juga bukan</title></wp:comment>\n</item>\n</channel>\n</rss>\n";

    #[test]
    fn items_authors_and_base_are_read() {
        assert!(is_export(EXPORT));
        let export = read(EXPORT).expect("well-formed");
        assert_eq!(export.base_url, "https://a.example");
        assert_eq!(export.authors.get("b").map(String::as_str), Some("Budi"));
        let [item] = export.items.as_slice() else {
            panic!("{:?}", export.items);
        };
        assert_eq!(item.line, 6);
        assert_eq!(item.title, "A & B – C");
        assert_eq!(item.post_id, "7");
        assert_eq!(item.categories, ["Kabar"]);
        assert_eq!(item.tags, ["Lokal"]);
    }

    #[test]
    fn malformed_xml_is_an_error_at_its_line() {
        let (line, message) = read("<rss>\n<channel>\n<item><title>x</wrong>\n").expect_err("bad");
        assert_eq!(line, 3, "{message}");
        assert!(message.contains("not well-formed"), "{message}");
    }

    #[test]
    fn other_xml_is_not_an_export() {
        assert!(!is_export(
            "<?xml version=\"1.0\"?><rss><channel></channel></rss>"
        ));
        assert!(!is_export("Judul berita\n\nJakarta - isi"));
    }
}
