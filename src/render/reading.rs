//! What an article page shows about its body besides the body: how long it takes to read, and
//! its sections for a table of contents. Read from the body's HTML in one pass, so the cache
//! and the parsers need not know about either.

use serde::Serialize;

/// Words a reader reads in a minute, for `reading_minutes`: a common figure for news prose.
const WORDS_PER_MINUTE: usize = 220;

/// A section of the body: a heading with an `id` (every Markdown heading has one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    /// 1 to 6, from `<h1>` to `<h6>`.
    pub level: u8,
    pub id: String,
    /// The heading's text, without markup and with character references decoded.
    pub title: String,
}

/// The body's length in words and, with `sections`, its headings.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Reading {
    pub words: usize,
    pub headings: Vec<TocEntry>,
}

impl Reading {
    /// Whole minutes, at least one.
    pub fn minutes(&self) -> usize {
        self.words.div_ceil(WORDS_PER_MINUTE).max(1)
    }
}

/// Counts the words of `html` (text outside tags; a character reference is no word) and, with
/// `sections`, collects its headings that carry an `id`.
pub fn read(html: &str, sections: bool) -> Reading {
    let mut reading = Reading::default();
    let bytes = html.as_bytes();
    let mut in_word = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'<' => {
                in_word = false;
                let end = html[i..].find('>').map_or(bytes.len(), |n| i + n + 1);
                if sections && let Some(entry) = heading(html, i, end) {
                    reading.headings.push(entry);
                }
                i = end;
                continue;
            }
            b'&' => {
                in_word = false;
                i = html[i..].find(';').map_or(i + 1, |n| i + n + 1);
                continue;
            }
            _ => {}
        }
        let c = html[i..].chars().next().unwrap_or(' ');
        let is_word = c.is_alphanumeric();
        if is_word && !in_word {
            reading.words += 1;
        }
        in_word = is_word;
        i += c.len_utf8();
    }
    reading
}

// The heading whose start tag is `html[start..end]`, if it is `<hN ... id="...">`.
fn heading(html: &str, start: usize, end: usize) -> Option<TocEntry> {
    let tag = &html[start..end];
    let bytes = tag.as_bytes();
    if bytes.len() < 4
        || !bytes[1].eq_ignore_ascii_case(&b'h')
        || !(b'1'..=b'6').contains(&bytes[2])
    {
        return None;
    }
    if !matches!(bytes[3], b' ' | b'>') {
        return None;
    }
    let level = bytes[2] - b'0';
    let id_at = tag.find(" id=\"")? + 5;
    let id = &tag[id_at..id_at + tag[id_at..].find('"')?];
    let close = format!("</h{level}>");
    let inner_end = html[end..].find(&close)? + end;
    let title = text_of(&html[end..inner_end]);
    Some(TocEntry {
        level,
        id: decode(id),
        title,
    })
}

// The text of an HTML fragment: tags dropped, character references decoded.
fn text_of(fragment: &str) -> String {
    let mut text = String::with_capacity(fragment.len());
    let mut rest = fragment;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        rest = rest[open..].find('>').map_or("", |n| &rest[open + n + 1..]);
    }
    text.push_str(rest);
    decode(text.trim())
}

// The references the HTML writer and sanitiser produce; any other is kept as written.
fn decode(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_counted_outside_tags_and_references() {
        let html = "<p>Banjir <em>besar</em> melanda Jakarta&nbsp;pagi ini.</p>\n<p>2 orang &amp; 3 anak.</p>";
        assert_eq!(read(html, false).words, 10);
        assert_eq!(read("", false).minutes(), 1);
        let long = "<p>kata </p>".repeat(450);
        assert_eq!(read(&long, false).minutes(), 3);
    }

    #[test]
    fn headings_with_ids_become_sections_with_their_text() {
        let html = "<h2 id=\"latar\">Latar <code>&lt;b&gt;</code> &amp; sebab</h2>\n<p>x</p>\n\
                    <h3 id=\"a-b\">Sub</h3><h2>Tanpa id</h2><hr><h4 id=\"q\">Q&#39;s</h4>";
        let reading = read(html, true);
        assert_eq!(
            reading.headings,
            [
                TocEntry {
                    level: 2,
                    id: "latar".into(),
                    title: "Latar <b> & sebab".into()
                },
                TocEntry {
                    level: 3,
                    id: "a-b".into(),
                    title: "Sub".into()
                },
                TocEntry {
                    level: 4,
                    id: "q".into(),
                    title: "Q's".into()
                },
            ]
        );
        assert!(read(html, false).headings.is_empty());
    }

    #[test]
    fn broken_markup_never_panics() {
        for html in [
            "<h2 id=\"x\">no end",
            "<h2 id=\"x",
            "<",
            "&",
            "<h",
            "é<h2 id=\"é\">é</h2>",
        ] {
            let _ = read(html, true);
        }
        assert_eq!(read("é<h2 id=\"é\">é</h2>", true).headings.len(), 1);
    }
}
