//! What an article page shows about its body besides the body: how long it takes to read, and
//! its sections for a table of contents. Read from the body's HTML in one pass, so the cache
//! and the parsers need not know about either.

use serde::Serialize;

use crate::parse::html_text::decode_entities;

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

/// Counts the words of `html` (runs of text between white space, outside tags; a tag ends a
/// word) and, with `sections`, collects its headings that carry an `id`.
pub fn read(html: &str, sections: bool) -> Reading {
    let mut reading = Reading::default();
    // memchr, not `str::find`: a body has a tag every few dozen bytes, and `find`'s set-up per
    // call cost more than the words between the tags.
    let bytes = html.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let text_end = memchr::memchr(b'<', &bytes[at..]).map_or(bytes.len(), |n| at + n);
        reading.words += count_words(&bytes[at..text_end]);
        at = memchr::memchr(b'>', &bytes[text_end..]).map_or(bytes.len(), |n| text_end + n + 1);
    }
    if sections {
        for (at, _) in html.match_indices("<h") {
            let end = html[at..].find('>').map_or(html.len(), |n| at + n + 1);
            reading.headings.extend(heading(html, at, end));
        }
    }
    reading
}

/// The words of a text without tags: non-space bytes after a space byte (or at the start).
/// Eight bytes at a time, as one 64-bit word: bodies are long and every article page reads its
/// own, so a byte-by-byte loop cost a fifth of a clean build.
fn count_words(text: &[u8]) -> usize {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);
    const LOWS: u64 = u64::from_le_bytes([0x7f; 8]);
    let mut words = 0;
    // Whether the byte before the current one is a space (or there is none).
    let mut after_space = true;
    let mut chunks = text.chunks_exact(8);
    for chunk in &mut chunks {
        let x = u64::from_le_bytes(chunk.try_into().expect("a chunk of eight"));
        // The high bit of each byte above 0x20 (space, tab, newline and controls are at or
        // below): the low seven bits plus 0x5f carry into the high bit from 0x21 up, without
        // reaching the next byte, and a byte from 0x80 up has its high bit already.
        let text_bytes = (((x & LOWS) + ONES * 0x5f) | x) & HIGHS;
        let space_bytes = !text_bytes & HIGHS;
        let before = (space_bytes << 8) | if after_space { 0x80 } else { 0 };
        words += (text_bytes & before).count_ones() as usize;
        after_space = space_bytes >> 63 == 1;
    }
    for &byte in chunks.remainder() {
        let space = byte <= 0x20;
        if !space && after_space {
            words += 1;
        }
        after_space = space;
    }
    words
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
        id: decode_entities(id),
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
    decode_entities(text.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_counted_between_white_space_outside_tags() {
        let html = "<p>Banjir <em>besar</em> melanda Jakarta, pagi ini.</p>\n<p>2 orang &amp; 3 anak\u{2014}semua.</p>";
        assert_eq!(read(html, false).words, 11);
        assert_eq!(
            read("<a href=\"x y z\">satu</a><br>dua\ttiga\n", false).words,
            3
        );
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
    fn eight_bytes_at_a_time_counts_as_one_byte_at_a_time() {
        let one_by_one = |text: &str| {
            let mut words = 0;
            let mut after_space = true;
            for byte in text.bytes() {
                words += usize::from(byte > 0x20 && after_space);
                after_space = byte <= 0x20;
            }
            words
        };
        let samples = [
            "",
            "a",
            " a ",
            "kata  demi\tkata\nbaris",
            "        x       y",
            "éé ü  \u{a0}z",
            "a\x01b\x1fc\x7fd\u{ff}e !\"#$%",
            "12345678 12345678 1234567 123456789",
        ];
        for text in samples {
            for start in 0..text.len().min(9) {
                let Some(part) = text.get(start..) else {
                    continue;
                };
                assert_eq!(count_words(part.as_bytes()), one_by_one(part), "{part:?}");
            }
        }
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
