//! A WordPress post body as arsip keeps it (issue 17; used by `arsip import`): paragraphs made from blank lines as
//! WordPress does when it shows a post, `[caption]` as a `<figure>`, everything sanitised as
//! HTML in Markdown is, and written as HTML blocks with no blank line inside, so Markdown
//! reads it as HTML and never as Markdown (`*`, `#` and `_` in the text stay text).

// Tags that start a CommonMark HTML block that runs to the next blank line, plus `pre`:
// a chunk starting with one is left as it is; any other chunk becomes a paragraph.
const BLOCK_TAGS: [&str; 38] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "caption",
    "center",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "ul",
    "tbody",
    "thead",
    "tfoot",
    "tr",
    "td",
    "th",
    "summary",
];

/// The body `content` (WordPress HTML, paragraphs as blank lines) as sanitised HTML blocks.
pub fn body(content: &str) -> String {
    let content = content.replace("\r\n", "\n");
    let content = media(&captions(&content));
    // A paragraph around a block the sanitiser removed (a lone `<script>`) is left empty.
    let html = super::sanitize::clean(&paragraphs(&content)).replace("<p></p>", "");
    let mut out = String::with_capacity(html.len() + 16);
    let mut rest = html.as_str();
    // Newlines inside `<pre>` are written as `&#10;` (the same character to a browser), so
    // that a blank line in code does not end the HTML block.
    while let Some(start) = rest.find("<pre") {
        out.push_str(&drop_blank_lines(&rest[..start]));
        let end = rest[start..]
            .find("</pre>")
            .map_or(rest.len(), |i| start + i + 6);
        out.push_str(&rest[start..end].replace('\n', "&#10;"));
        rest = &rest[end..];
    }
    out.push_str(&drop_blank_lines(rest));
    let trimmed = out.trim();
    if trimmed.is_empty() {
        String::new()
    } else {
        format!("{trimmed}\n")
    }
}

fn drop_blank_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 && !out.ends_with('\n') {
            out.push('\n');
        }
        if !line.trim().is_empty() {
            out.push_str(line);
        }
    }
    out
}

// As WordPress shows a post: lines between blank lines are a paragraph, single newlines
// `<br>`; a line that opens or closes a block element stands on its own; a `<pre>` keeps its
// blank lines.
fn paragraphs(content: &str) -> String {
    let mut out = String::with_capacity(content.len() + 64);
    let mut pending = String::new();
    for chunk in content.split("\n\n") {
        if !pending.is_empty() {
            pending.push_str("\n\n");
        }
        pending.push_str(chunk);
        if pending.matches("<pre").count() > pending.matches("</pre>").count() {
            continue;
        }
        if pending.contains("<pre") {
            out.push_str(pending.trim());
            out.push('\n');
            pending.clear();
            continue;
        }
        let mut paragraph: Vec<&str> = Vec::new();
        for line in pending.lines().map(str::trim).filter(|l| !l.is_empty()) {
            if starts_with_block_tag(line) || ends_with_block_tag(line) {
                flush(&mut out, &mut paragraph);
                out.push_str(line);
                out.push('\n');
            } else {
                paragraph.push(line);
            }
        }
        flush(&mut out, &mut paragraph);
        pending.clear();
    }
    out.push_str(&pending);
    out
}

fn flush(out: &mut String, paragraph: &mut Vec<&str>) {
    if !paragraph.is_empty() {
        out.push_str("<p>");
        out.push_str(&paragraph.join("<br>\n"));
        out.push_str("</p>\n");
        paragraph.clear();
    }
}

fn ends_with_block_tag(line: &str) -> bool {
    let Some(i) = line.rfind("</") else {
        return false;
    };
    let rest = &line[i + 2..];
    rest.ends_with('>') && is_block_name(&rest[..rest.len() - 1])
}

fn is_block_name(name: &str) -> bool {
    BLOCK_TAGS.contains(&name.trim().to_ascii_lowercase().as_str())
}

fn starts_with_block_tag(block: &str) -> bool {
    let Some(rest) = block.strip_prefix('<') else {
        return false;
    };
    let name: String = rest
        .trim_start_matches('/')
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect();
    is_block_name(&name)
}

// WordPress shortcodes a body may still hold after [`body`]: each is shown as text, so the
// import names it.
const SHORTCODES: [&str; 12] = [
    "gallery",
    "playlist",
    "audio",
    "video",
    "embed",
    "videopress",
    "wpvideo",
    "youtube",
    "vimeo",
    "code",
    "sourcecode",
    "contact-form",
];

/// The WordPress shortcodes (`[gallery]`) left in a converted body, each once.
pub fn left_shortcodes(body: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for (i, _) in body.match_indices('[') {
        let name: String = body[i + 1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        let after = body[i + 1 + name.len()..].chars().next();
        if SHORTCODES.contains(&name.as_str())
            && matches!(after, Some(']' | ' '))
            && !found.contains(&name)
        {
            found.push(name);
        }
    }
    found
}

// `[audio URL]`, `[audio src="URL"]` (or `mp3=`, `ogg=`, `mp4=`, …) and the same for `video` as
// `<audio controls>`/`<video controls>`; one without a URL stays.
fn media(content: &str) -> String {
    let mut out = String::with_capacity(content.len());
    let mut rest = content;
    while let Some(start) = rest
        .find("[audio")
        .into_iter()
        .chain(rest.find("[video"))
        .min()
    {
        let tag = if rest[start..].starts_with("[audio") {
            "audio"
        } else {
            "video"
        };
        let Some(end) = rest[start..].find(']').map(|i| start + i) else {
            break;
        };
        let inner = &rest[start + 1 + tag.len()..end];
        let args = super::shortcode_scan::arguments(inner);
        let url = args.iter().find_map(|(key, value)| match key {
            None | Some("src" | "mp3" | "ogg" | "wav" | "m4a" | "mp4" | "webm" | "ogv") => {
                value.contains("://").then_some(value.as_str())
            }
            _ => None,
        });
        out.push_str(&rest[..start]);
        match url {
            Some(url) if inner.is_empty() || inner.starts_with(' ') => {
                let url = url
                    .replace('&', "&amp;")
                    .replace('"', "&quot;")
                    .replace('<', "&lt;");
                out.push_str(&format!("<{tag} controls src=\"{url}\"></{tag}>"));
            }
            _ => out.push_str(&rest[start..=end]),
        }
        rest = &rest[end + 1..];
        let closing = format!("[/{tag}]");
        if let Some(after) = rest.strip_prefix(closing.as_str()) {
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

// `[caption …]<img …> Text[/caption]` as `<figure><img …><figcaption>Text</figcaption></figure>`.
fn captions(content: &str) -> String {
    let mut out = String::with_capacity(content.len());
    let mut rest = content;
    while let Some(start) = rest.find("[caption") {
        let Some(open_end) = rest[start..].find(']').map(|i| start + i + 1) else {
            break;
        };
        let Some(close) = rest[open_end..].find("[/caption]").map(|i| open_end + i) else {
            break;
        };
        out.push_str(&rest[..start]);
        let inner = &rest[open_end..close];
        let (media, text) = match inner.rfind('>') {
            Some(i) => (&inner[..=i], inner[i + 1..].trim()),
            None => ("", inner.trim()),
        };
        out.push_str("<figure>");
        out.push_str(media.trim());
        if !text.is_empty() {
            out.push_str("<figcaption>");
            out.push_str(text);
            out.push_str("</figcaption>");
        }
        out.push_str("</figure>");
        rest = &rest[close + "[/caption]".len()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::body;

    #[test]
    fn blank_lines_make_paragraphs_and_newlines_breaks() {
        assert_eq!(
            body("Satu\r\ndua\r\n\r\n<h2>Judul</h2>\nTiga *bukan* miring\n\n\n"),
            "<p>Satu<br>\ndua</p>\n<h2>Judul</h2>\n<p>Tiga *bukan* miring</p>\n"
        );
    }

    #[test]
    fn code_keeps_its_blank_lines_inside_one_html_block() {
        let html = body("<pre>a\n\n  b</pre>\n\nsesudah");
        assert_eq!(html, "<pre>a&#10;&#10;  b</pre>\n<p>sesudah</p>\n");
        assert!(!html.contains("\n\n"));
    }

    #[test]
    fn captions_become_figures() {
        assert_eq!(
            body("[caption id=\"a\"]<img src=\"x.jpg\" alt=\"X\" /> Teks [/caption]"),
            "<figure><img src=\"x.jpg\" alt=\"X\"><figcaption>Teks</figcaption></figure>\n"
        );
    }

    #[test]
    fn dangerous_html_is_removed() {
        assert_eq!(
            body(
                "<script>alert(1)</script><p onclick=\"x()\">a</p><!-- wp:paragraph -->\n\n<a href=\"javascript:x\">b</a>"
            ),
            "<p>a</p>\n<p><a>b</a></p>\n"
        );
        assert!(!body("<svg onload=alert(1)><circle/></svg>").contains("svg"));
    }

    #[test]
    fn audio_and_video_shortcodes_become_players_and_the_rest_are_named() {
        let html = body(
            "[audio https://a.example/s.mp3]\n\n[video mp4=\"https://a.example/v.mp4\"][/video]\n\n[gallery columns=\"2\"] [audio]",
        );
        assert_eq!(
            html,
            "<p><audio controls=\"\" src=\"https://a.example/s.mp3\"></audio></p>\n<p><video controls=\"\" src=\"https://a.example/v.mp4\"></video></p>\n<p>[gallery columns=\"2\"] [audio]</p>\n"
        );
        assert_eq!(super::left_shortcodes(&html), ["gallery", "audio"]);
        assert!(super::left_shortcodes("[sic] [galleryx] [a](b)").is_empty());
    }

    #[test]
    fn an_empty_body_stays_empty() {
        assert_eq!(body(" \n\n "), "");
    }
}
