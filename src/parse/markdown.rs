//! Markdown bodies to HTML with pulldown-cmark: tables, footnotes, strikethrough, smart
//! punctuation, and an `id` on every heading so sections can be linked.

use std::collections::BTreeSet;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

/// Renders `markdown` to HTML.
///
/// With `raw_html` false (the default), HTML written in the Markdown is shown as text and
/// links with script URLs (`javascript:` and the like) are defused, so an article cannot run
/// code in a reader's browser.
pub fn to_html(markdown: &str, raw_html: bool) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut events: Vec<Event> = Parser::new_ext(markdown, options)
        .map(|event| if raw_html { event } else { defuse(event) })
        .collect();
    add_heading_ids(&mut events);
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    html
}

fn defuse(event: Event<'_>) -> Event<'_> {
    match event {
        Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) if is_script_url(&dest_url) => Event::Start(Tag::Link {
            link_type,
            dest_url: CowStr::Borrowed("#"),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) if is_script_url(&dest_url) => Event::Start(Tag::Image {
            link_type,
            dest_url: CowStr::Borrowed(""),
            title,
            id,
        }),
        other => other,
    }
}

fn is_script_url(url: &str) -> bool {
    let scheme: String = url
        .trim_start()
        .chars()
        .take_while(|c| *c != ':')
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    url.contains(':') && matches!(scheme.as_str(), "javascript" | "vbscript" | "data")
}

// Headings without an explicit `{#id}` get one from their text, unique within the article.
fn add_heading_ids(events: &mut [Event<'_>]) {
    let mut used: BTreeSet<String> = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { id: Some(id), .. }) => Some(id.to_string()),
            _ => None,
        })
        .collect();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { id: None, .. }) = &events[i] {
            let mut text = String::new();
            let mut j = i + 1;
            while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                if let Event::Text(t) | Event::Code(t) = &events[j] {
                    text.push_str(t);
                }
                j += 1;
            }
            let base = match crate::slug::slugify(&text) {
                s if s.is_empty() => "bagian".to_string(),
                s => s,
            };
            let mut id = base.clone();
            let mut n = 1;
            while used.contains(&id) {
                n += 1;
                id = format!("{base}-{n}");
            }
            used.insert(id.clone());
            if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[i] {
                *slot = Some(CowStr::from(id));
            }
            i = j;
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_are_enabled() {
        let html = to_html(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ \"quoted\"[^1]\n\n[^1]: note\n",
            false,
        );
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("<del>old</del>"), "{html}");
        assert!(html.contains("“quoted”"), "{html}");
        assert!(html.contains("footnote-definition"), "{html}");
    }

    #[test]
    fn headings_get_unique_ids() {
        let html = to_html(
            "## Latar Belakang\n\n## Latar Belakang\n\n## Own {#mine}\n",
            false,
        );
        assert!(html.contains("<h2 id=\"latar-belakang\">"), "{html}");
        assert!(html.contains("<h2 id=\"latar-belakang-2\">"), "{html}");
        assert!(html.contains("<h2 id=\"mine\">"), "{html}");
    }

    #[test]
    fn raw_html_is_escaped_by_default_and_allowed_on_request() {
        let md = "<script>alert(1)</script>\n\nText <b>bold</b>\n";
        let safe = to_html(md, false);
        assert!(!safe.contains("<script>"), "{safe}");
        assert!(safe.contains("&lt;script&gt;"), "{safe}");
        assert!(!safe.contains("<b>"), "{safe}");
        let raw = to_html(md, true);
        assert!(raw.contains("<script>alert(1)</script>"), "{raw}");
    }

    #[test]
    fn script_links_are_defused() {
        let html = to_html(
            "[x](javascript:alert(1)) [y](JaVaScRiPt:alert(2)) [z](https://ok.example/)",
            false,
        );
        assert!(!html.to_ascii_lowercase().contains("javascript:"), "{html}");
        assert!(html.contains("https://ok.example/"), "{html}");
    }
}
