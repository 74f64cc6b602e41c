//! HTML written inside Markdown, made safe (issue 17): formatting, tables, figures, images,
//! `details`, and audio and video with controls are kept with their classes; scripts, event
//! attributes, `javascript:` and `data:` URLs, embeds, forms and comments are removed.
//!
//! Part of the parse stage. `raw_html = true` skips it (full trust); bodies without HTML never
//! reach it, so the common Markdown path pays nothing.

use std::collections::HashSet;
use std::sync::LazyLock;

// Tags kept besides ammonia's defaults (formatting, lists, tables, `details`, `figure`, `img`,
// `sup`/`sub`, headings, quotes, definitions, ruby).
const EXTRA_TAGS: [&str; 9] = [
    "video", "audio", "source", "track", "picture", "section", "tfoot", "main", "caption",
];

// Removed with everything inside them: what runs code, embeds another document or asks for
// input, whose text would otherwise show up as stray words on the page.
const DROPPED_WITH_CONTENT: [&str; 15] = [
    "script", "style", "iframe", "object", "embed", "applet", "svg", "math", "noscript",
    "template", "form", "select", "textarea", "frameset", "noembed",
];

// Attributes allowed on every kept tag.
const GENERIC_ATTRIBUTES: [&str; 5] = ["class", "id", "lang", "title", "dir"];

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .add_tags(EXTRA_TAGS)
        .clean_content_tags(HashSet::from(DROPPED_WITH_CONTENT))
        .add_generic_attributes(GENERIC_ATTRIBUTES)
        .add_tag_attributes("a", ["title", "name"])
        .add_tag_attributes("img", ["loading", "title"])
        .add_tag_attributes(
            "video",
            [
                "src",
                "poster",
                "controls",
                "width",
                "height",
                "loop",
                "muted",
                "preload",
                "playsinline",
            ],
        )
        .add_tag_attributes("audio", ["src", "controls", "loop", "muted", "preload"])
        .add_tag_attributes("source", ["src", "type", "media"])
        .add_tag_attributes("track", ["src", "kind", "srclang", "label", "default"])
        .add_tag_attributes("details", ["open"])
        .add_tag_attributes("ol", ["reversed", "type"])
        .add_tag_attributes("li", ["value"])
        .add_tag_attributes("time", ["datetime"])
        .add_tag_attributes("th", ["style"])
        .add_tag_attributes("td", ["style"])
        // Only alignment survives in `style`: pulldown-cmark writes it for aligned columns.
        .filter_style_properties(HashSet::from(["text-align"]))
        // Links stay as Markdown writes them; `@/` site links are relative URLs and pass.
        .link_rel(None)
        .strip_comments(true);
    builder
});

/// Returns `html` with every tag, attribute and URL not on the safe list removed (text kept,
/// escaped), every element closed, and comments dropped.
pub fn clean(html: &str) -> String {
    SANITIZER.clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn scripts_and_event_attributes_are_removed() {
        let out =
            clean("<p onclick=\"x()\">a<script>alert(1)</script><img src=x onerror=alert(1)></p>");
        assert_eq!(out, "<p>a<img src=\"x\"></p>");
    }

    #[test]
    fn script_and_data_urls_are_removed() {
        for bad in [
            "<a href=\"javascript:alert(1)\">x</a>",
            "<a href=\" JaVaScRiPt:alert(1)\">x</a>",
            "<a href=\"java&#x09;script:alert(1)\">x</a>",
            "<a href=\"vbscript:msgbox(1)\">x</a>",
            "<a href=\"data:text/html;base64,PHNjcmlwdD4=\">x</a>",
            "<img src=\"data:image/svg+xml,<svg onload=alert(1)>\">",
        ] {
            let out = clean(bad).to_ascii_lowercase();
            assert!(!out.contains("script:"), "{bad} -> {out}");
            assert!(!out.contains("data:"), "{bad} -> {out}");
        }
    }

    #[test]
    fn svg_math_and_embeds_disappear_with_their_content() {
        let out = clean(
            "<svg><script>alert(1)</script><text>t</text></svg><math><mi xlink:href=\"javascript:alert(1)\">m</mi></math><iframe src=\"https://e.org\">f</iframe><object data=\"x.swf\">o</object><embed src=\"x.swf\"><form action=\"/x\"><input name=q></form>ok",
        );
        assert_eq!(out, "ok");
    }

    #[test]
    fn comments_and_unknown_tags_go_but_their_text_stays() {
        assert_eq!(
            clean("<!-- hidden --><marquee>teks</marquee><blink>b</blink>"),
            "teksb"
        );
    }

    #[test]
    fn unclosed_tags_are_closed() {
        assert_eq!(
            clean("<div class=\"x\"><b>tebal"),
            "<div class=\"x\"><b>tebal</b></div>"
        );
        assert_eq!(clean("</div></b>teks"), "teks");
    }

    #[test]
    fn safe_html_is_kept_with_its_classes() {
        for kept in [
            "<details open=\"\"><summary>Lihat</summary><p>isi</p></details>",
            "<figure class=\"foto\"><img src=\"a.png\" alt=\"A\" width=\"10\"><figcaption>F</figcaption></figure>",
            "<video controls=\"\" poster=\"p.jpg\"><source src=\"v.mp4\" type=\"video/mp4\"></video>",
            "<audio controls=\"\" src=\"a.mp3\"></audio>",
            "<p>H<sub>2</sub>O, x<sup>2</sup>, <kbd>Ctrl</kbd>, <mark>m</mark>, <abbr title=\"T\">t</abbr><br></p>",
            "<table><thead><tr><th style=\"text-align:center\">a</th></tr></thead><tbody><tr><td colspan=\"2\">b</td></tr></tbody></table>",
            "<div class=\"catatan\" id=\"n1\"><span class=\"x\">s</span></div>",
            "<a href=\"@/2016/a.md#x\" title=\"t\">site link</a><a href=\"https://e.org/\">web</a><a href=\"mailto:a@e.org\">m</a>",
        ] {
            assert_eq!(clean(kept), kept);
        }
    }

    #[test]
    fn style_keeps_only_alignment() {
        assert_eq!(
            clean(
                "<table><tbody><tr><td style=\"text-align: right; background: url(javascript:x)\">1</td></tr></tbody></table>"
            ),
            "<table><tbody><tr><td style=\"text-align:right\">1</td></tr></tbody></table>"
        );
        assert_eq!(clean("<p style=\"color:red\">p</p>"), "<p>p</p>");
    }
}
