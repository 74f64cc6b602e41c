//! Markdown bodies to HTML with pulldown-cmark: tables, footnotes, strikethrough, smart
//! punctuation, and an `id` on every heading so sections can be linked.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};

use super::html_text::first_image;

/// Renders `markdown` to HTML.
///
/// With `raw_html` false (the default), HTML written in the Markdown is sanitised (see
/// [`super::sanitize`]: safe formatting kept, scripts and event attributes removed) and links
/// with script URLs (`javascript:` and the like) are defused, so an article cannot run code in
/// a reader's browser. With `raw_html` true, HTML passes as written.
pub fn to_html(markdown: &str, raw_html: bool) -> String {
    to_html_linking(markdown, raw_html, &BTreeSet::new())
}

/// Renders `markdown` to HTML like [`to_html`], linking each hashtag (`#KamiTidakTakut`) whose
/// tag slug is in `tag_slugs` to its tag page through an `@/` site link.
///
/// Only the article's own tags are linked, so a `#` in a text never points at a missing page.
pub fn to_html_linking(markdown: &str, raw_html: bool, tag_slugs: &BTreeSet<String>) -> String {
    to_html_with_image(markdown, raw_html, tag_slugs).0
}

/// Renders `markdown` like [`to_html_linking`], with the `src` of the HTML's first `<img>`
/// (see [`first_image`]). Only an image or HTML event can put an `<img>` in the HTML
/// (text is escaped), so a body without one is not searched: nearly all of them.
pub fn to_html_with_image(
    markdown: &str,
    raw_html: bool,
    tag_slugs: &BTreeSet<String>,
) -> (String, Option<String>) {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut has_html = false;
    let mut has_fenced_code = false;
    let mut events: Vec<Event> = Parser::new_ext(markdown, options)
        .map(|event| {
            has_html |= matches!(event, Event::Html(_) | Event::InlineHtml(_));
            has_fenced_code |= matches!(
                event,
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_)))
            );
            if raw_html { event } else { defuse(event) }
        })
        .collect();
    add_heading_ids(&mut events);
    if has_fenced_code {
        events = highlight_code(events);
    }
    if !tag_slugs.is_empty() && markdown.contains('#') {
        events = link_hashtags(events, tag_slugs);
    }
    let may_have_image = events.iter().any(|e| {
        matches!(
            e,
            Event::Start(Tag::Image { .. }) | Event::Html(_) | Event::InlineHtml(_)
        )
    });
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    // The whole body is sanitised, not each HTML event: a tag opened in one event and closed
    // in another (`<div>` around Markdown paragraphs) is only whole in the rendered page.
    if has_html && !raw_html {
        html = super::sanitize::clean(&html);
    }
    let image = if may_have_image {
        first_image(&html)
    } else {
        None
    };
    (html, image)
}

fn defuse(event: Event<'_>) -> Event<'_> {
    match event {
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

// Splits text outside links and images at its hashtags, linking those that are tags.
fn link_hashtags<'a>(events: Vec<Event<'a>>, tag_slugs: &BTreeSet<String>) -> Vec<Event<'a>> {
    let mut out: Vec<Event<'a>> = Vec::with_capacity(events.len());
    let mut in_link = 0usize;
    // Consecutive text events, looked at as one text: the parser may split a hashtag.
    let mut run: Vec<Event<'a>> = Vec::new();
    for event in events {
        if let Event::Text(_) = &event
            && in_link == 0
        {
            run.push(event);
            continue;
        }
        flush_text(&mut run, &mut out, tag_slugs);
        match &event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => in_link += 1,
            Event::End(TagEnd::Link | TagEnd::Image) => in_link = in_link.saturating_sub(1),
            _ => {}
        }
        out.push(event);
    }
    flush_text(&mut run, &mut out, tag_slugs);
    out
}

// Moves the text events of `run` to `out`, split at the hashtags that name a tag. A run
// without such a hashtag (nearly all of them) moves as it is, uncopied.
fn flush_text<'a>(
    run: &mut Vec<Event<'a>>,
    out: &mut Vec<Event<'a>>,
    tag_slugs: &BTreeSet<String>,
) {
    let joined: Cow<'_, str> = match run.as_slice() {
        [] => return,
        [Event::Text(t)] => Cow::Borrowed(t.as_ref()),
        events => Cow::Owned(
            events
                .iter()
                .filter_map(|e| match e {
                    Event::Text(t) => Some(t.as_ref()),
                    _ => None,
                })
                .collect(),
        ),
    };
    let tags: Vec<(std::ops::Range<usize>, String)> = super::news::hashtags::ranges(&joined)
        .into_iter()
        .map(|range| {
            let slug =
                crate::slug::device_safe(crate::slug::slugify(&joined[range.start + 1..range.end]));
            (range, slug)
        })
        .filter(|(_, slug)| tag_slugs.contains(slug))
        .collect();
    if tags.is_empty() {
        out.append(run);
        return;
    }
    let text = joined.into_owned();
    run.clear();
    let mut last = 0;
    for (range, slug) in tags {
        let name = &text[range.start + 1..range.end];
        if range.start > last {
            out.push(Event::Text(CowStr::from(
                text[last..range.start].to_string(),
            )));
        }
        let url = crate::urls::tag_url(&slug);
        out.push(Event::InlineHtml(CowStr::from(format!(
            "<a class=\"hashtag\" href=\"@/{url}\">#{name}</a>"
        ))));
        last = range.end;
    }
    if last < text.len() {
        out.push(Event::Text(CowStr::from(text[last..].to_string())));
    }
}

// Replaces each fenced code block in a language the highlighter knows by its highlighted HTML.
fn highlight_code(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut out = Vec::with_capacity(events.len());
    let mut events = events.into_iter();
    while let Some(event) = events.next() {
        let Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(language))) = &event else {
            out.push(event);
            continue;
        };
        let mut block = vec![event.clone()];
        let mut code = String::new();
        for inner in events.by_ref() {
            if let Event::Text(text) = &inner {
                code.push_str(text);
            }
            let end = matches!(inner, Event::End(TagEnd::CodeBlock));
            block.push(inner);
            if end {
                break;
            }
        }
        match super::highlight::code_block(language, &code) {
            Some(html) => out.push(Event::Html(CowStr::from(html))),
            None => out.append(&mut block),
        }
    }
    out
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

/// Element ids the built-in templates use, which no heading of a body may take.
pub const TEMPLATE_IDS: &[&str] = &["isi"];

// Headings without an explicit `{#id}` get one from their text, unique within the article.
fn add_heading_ids(events: &mut [Event<'_>]) {
    // The templates' own ids (`<main id="isi">`) are taken already.
    let mut used: BTreeSet<String> = TEMPLATE_IDS
        .iter()
        .map(|id| id.to_string())
        .chain(events.iter().filter_map(|e| match e {
            Event::Start(Tag::Heading { id: Some(id), .. }) => Some(id.to_string()),
            _ => None,
        }))
        .collect();
    let mut next_suffix: BTreeMap<String, usize> = BTreeMap::new();
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
            // Resume at the last suffix taken for this base: the ids below it stay used, and
            // counting up from 1 for every heading made many equal headings quadratic.
            let n = next_suffix.entry(base.clone()).or_insert(1);
            let mut id = match *n {
                1 => base.clone(),
                n => format!("{base}-{n}"),
            };
            while used.contains(&id) {
                *n += 1;
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
    fn many_equal_headings_get_numbered_ids_in_order() {
        let html = to_html("# A\n\n# A-2 {#a-2}\n\n# A\n\n# A\n\n# B\n\n# A\n", false);
        let ids: Vec<&str> = html
            .split("id=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .collect();
        assert_eq!(ids, ["a", "a-2", "a-3", "a-4", "b", "a-5"]);
        let many = "# Sama\n\n".repeat(20_000);
        let html = to_html(&many, false);
        assert!(html.contains("<h1 id=\"sama-20000\">"));
    }

    #[test]
    fn raw_html_is_sanitised_by_default_and_allowed_on_request() {
        let md = "<script>alert(1)</script>\n\nText <b>bold</b><br>\n";
        let safe = to_html(md, false);
        assert_eq!(safe, "\n<p>Text <b>bold</b><br></p>\n");
        let raw = to_html(md, true);
        assert!(raw.contains("<script>alert(1)</script>"), "{raw}");
    }

    #[test]
    fn html_spanning_markdown_is_closed_and_cleaned() {
        let md = "<div class=\"catatan\" onmouseover=\"x()\">\n\n*Isi* [a](javascript:alert(1))\n\n<details><summary>Lagi</summary>\n\n- satu\n<!-- rahasia -->\n";
        let html = to_html(md, false);
        assert_eq!(
            html,
            "<div class=\"catatan\">\n<p><em>Isi</em> <a href=\"#\">a</a></p>\n<details><summary>Lagi</summary>\n<ul>\n<li>satu</li>\n</ul>\n\n</details></div>"
        );
    }

    #[test]
    fn bodies_without_html_are_left_as_rendered() {
        let md = "# Judul\n\n| a |\n|:-:|\n| 1 |\n\nTeks[^1] & <3\n\n[^1]: catatan\n";
        let html = to_html(md, false);
        assert!(html.contains("<th style=\"text-align: center\">"), "{html}");
        assert!(html.contains("&amp; &lt;3"), "{html}");
    }

    #[test]
    fn the_first_image_of_the_body_is_found_as_it_is_made() {
        let image = |md: &str| to_html_with_image(md, false, &BTreeSet::new()).1;
        assert_eq!(
            image("Teks.\n\n![Banjir](foto/a.png \"t\") ![b](b.png)").as_deref(),
            Some("foto/a.png")
        );
        // Written as HTML, after the sanitiser has had it.
        assert_eq!(
            image("Teks <img alt=x src=\"c.jpg?w=1&amp;h=2\"> lagi").as_deref(),
            Some("c.jpg?w=1&h=2")
        );
        // Text and code that show an image tag are no image.
        assert_eq!(
            image("`<img src=x.png>`\n\n```\n<img src=y.png>\n```\n"),
            None
        );
        assert_eq!(image("Teks &lt;img src=z.png&gt; tanpa gambar."), None);
        assert_eq!(image("# Judul\n\nTeks."), None);
    }

    #[test]
    fn code_showing_html_stays_text() {
        let html = to_html("`<script>`\n\n```\n<img onerror=x>\n```\n\n<b>b</b>", false);
        assert!(html.contains("<code>&lt;script&gt;</code>"), "{html}");
        assert!(html.contains("&lt;img onerror=x&gt;"), "{html}");
    }

    #[test]
    fn hashtags_that_are_tags_link_to_their_pages() {
        let tags = BTreeSet::from(["kamitidaktakut".to_string()]);
        let html = to_html_linking(
            "Tagar #KamiTidakTakut dan #Lain, [#KamiTidakTakut](https://x.org) `#KamiTidakTakut`",
            false,
            &tags,
        );
        assert_eq!(
            html,
            "<p>Tagar <a class=\"hashtag\" href=\"@/tags/kamitidaktakut/\">#KamiTidakTakut</a> dan #Lain, <a href=\"https://x.org\">#KamiTidakTakut</a> <code>#KamiTidakTakut</code></p>\n"
        );
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
