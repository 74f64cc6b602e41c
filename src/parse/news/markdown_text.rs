//! Newsroom paragraphs written as Markdown that renders back to exactly the same text.
//!
//! Both the `.txt` reader and `arsip import` go through [`to_markdown`], so an imported `.md`
//! builds to the same page as its `.txt`. Characters Markdown would read as markup (emphasis,
//! links, HTML, smart quotes and dashes, list and heading markers at a line start) are
//! backslash-escaped; everything else, hashtags included, stays as written.

// Anywhere in a line these would become markup or typographic quotes. Others are escaped
// only where they would (`_` at a word's edge, `&` opening an entity, `\` before punctuation),
// so that an imported file stays readable (issue 18).
const ALWAYS: &[char] = &['`', '*', '[', '<', '"', '\'', '~'];

/// The paragraphs as Markdown: one line each, separated by blank lines.
pub fn to_markdown(paragraphs: &[String]) -> String {
    let mut out = String::new();
    for paragraph in paragraphs {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&escape_line(paragraph));
        out.push('\n');
    }
    out
}

// Whether the words of `text` are already parted by single spaces, with none at either end
// and no other whitespace: one pass over the bytes, decoding only non-ASCII characters.
fn single_spaced(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    let mut after_space = false;
    for (i, &b) in bytes.iter().enumerate() {
        let space = b == b' ';
        if (space && after_space) || matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
            return false;
        }
        // A lead byte: the character it opens may be Unicode whitespace.
        if b >= 0xc0 && text[i..].chars().next().is_some_and(char::is_whitespace) {
            return false;
        }
        after_space = space;
    }
    true
}

/// One paragraph as a single Markdown line that renders to exactly its text.
pub fn escape_line(text: &str) -> String {
    // Runs of whitespace become one space (already so in nearly every paragraph).
    let spaced = single_spaced(text);
    let joined;
    let text = if spaced {
        text
    } else {
        joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
        joined.as_str()
    };
    let mut out = String::with_capacity(text.len() + 8);
    // A run of digits then `.` or `)` at the start would open an ordered list.
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let mut prev: Option<char> = None;
    let mut chars = text.chars().enumerate().peekable();
    while let Some((i, c)) = chars.next() {
        // Letters, digits and spaces never need a backslash: most of the text.
        if c.is_alphanumeric() || c == ' ' {
            out.push(c);
            prev = Some(c);
            continue;
        }
        let next = chars.peek().map(|&(_, n)| n);
        let escape = ALWAYS.contains(&c)
            || (c == '\\' && next.is_none_or(|n| n.is_ascii_punctuation()))
            || (c == '_' && !(prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric)))
            || (c == '&' && next.is_some_and(|n| n == '#' || n.is_ascii_alphabetic()))
            || (i == 0 && matches!(c, '#' | '+' | '-' | '=' | '>' | ':'))
            || (i == digits && digits > 0 && matches!(c, '.' | ')'))
            // `--` and `...` would become dashes and an ellipsis.
            || (c == '-' && (prev == Some('-') || next == Some('-')))
            || (c == '.' && (prev == Some('.') || next == Some('.')))
            // `!` before a link would open an image; `^` a footnote reference.
            || c == '!' && next == Some('[')
            || c == '^';
        if escape {
            out.push('\\');
        }
        out.push(c);
        prev = Some(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::markdown::to_html;

    fn html_escape(text: &str) -> String {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    }

    #[test]
    fn tricky_text_renders_verbatim() {
        let samples = [
            "\"Kami tidak takut,\" kata Jokowi. 'Ini' Jum'at -- dan ... *bukan* _miring_",
            "- bukan daftar",
            "1. bukan daftar bernomor, 2) juga bukan",
            "# bukan judul #KamiTidakTakut",
            "<b>tebal</b> & &amp; [tautan](https://x.org) ![gambar](a.png) `kode` ~~coret~~ a|b",
            "+ plus, = sama, > kutip, : titik dua, \\ garis miring, ^[catatan], $x$",
            "2016. Tahun itu",
            "http://contoh.co.id/a_b?c=1&d=2 dan www.contoh.id",
            "snake_case, _awal dan akhir_, a & b, a&amp;b, [1/2] foto] | pipa $5 \\ C:\\x \\",
            "Rp 5.000 & 10% | 3 > 2 > 1, a]b, 100_000",
        ];
        for sample in samples {
            let markdown = to_markdown(&[sample.to_string()]);
            let html = to_html(&markdown, false);
            assert_eq!(
                html,
                format!("<p>{}</p>\n", html_escape(sample)),
                "{markdown}"
            );
        }
    }

    #[test]
    fn single_spacing_is_told_in_one_pass() {
        let spaced = |text: &str| {
            text.split_whitespace().count().saturating_sub(1) == text.matches(' ').count()
                && !text.starts_with(' ')
                && text.chars().all(|c| c == ' ' || !c.is_whitespace())
        };
        let texts = [
            "",
            " ",
            "a",
            "a b",
            "a  b",
            "a b ",
            " a",
            "a\tb",
            "a\u{a0}b",
            "\u{201c}Ya,\u{201d} kata",
            "a\u{2003}",
            "é b",
            "a\u{b}b",
        ];
        for text in texts {
            assert_eq!(single_spaced(text), spaced(text), "{text:?}");
        }
    }
}
