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

/// One paragraph as a single Markdown line that renders to exactly its text.
pub fn escape_line(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    // A run of digits then `.` or `)` at the start would open an ordered list.
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
        let next = chars.get(i + 1).copied();
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
}
