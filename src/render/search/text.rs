//! Plain text out of an article's HTML body, for the search index: tags dropped (a block
//! tag leaves a space so words do not run together), the entities `parse` writes decoded.

use std::ops::ControlFlow;

/// The text of `html`, tags removed and entities decoded.
pub fn plain(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let _ = pieces(html, |piece| {
        out.push_str(piece);
        ControlFlow::<()>::Continue(())
    });
    out
}

// Calls `f` with the plain text of `html` piece by piece, in order, until `f` breaks.
fn pieces<B>(html: &str, mut f: impl FnMut(&str) -> ControlFlow<B>) -> ControlFlow<B> {
    let mut rest = html;
    while let Some(at) = rest.find(['<', '&']) {
        f(&rest[..at])?;
        let tail = &rest[at..];
        if tail.starts_with('<') {
            match tail.find('>') {
                Some(end) => {
                    f(" ")?;
                    rest = &tail[end + 1..];
                }
                None => {
                    rest = "";
                }
            }
        } else {
            let (text, used) = entity(tail);
            let mut buf = [0u8; 4];
            f(text.map_or("&", |c| c.encode_utf8(&mut buf)))?;
            rest = &tail[used..];
        }
    }
    f(rest)
}

// The character of the entity at the start of `s` (which starts with `&`) and its length;
// `None` and 1 when it is no entity this knows.
fn entity(s: &str) -> (Option<char>, usize) {
    let Some(end) = s.get(1..).and_then(|t| t.find(';')).filter(|e| *e <= 10) else {
        return (None, 1);
    };
    let name = &s[1..=end];
    let text = match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => name
            .strip_prefix("#x")
            .or_else(|| name.strip_prefix("#X"))
            .map(|hex| u32::from_str_radix(hex, 16))
            .or_else(|| name.strip_prefix('#').map(str::parse::<u32>))
            .and_then(Result::ok)
            .and_then(char::from_u32),
    };
    match text {
        Some(t) => (Some(t), end + 2),
        None => (None, 1),
    }
}

/// The opening words of the plain text of `html`: `excerpt(&plain(html), max)`, reading
/// only as much of `html` as that needs.
pub fn opening(html: &str, max: usize) -> String {
    let mut text = String::new();
    let mut check_at = 2 * max;
    let cut = pieces(html, |piece| {
        text.push_str(piece);
        if text.len() >= check_at {
            check_at = 2 * text.len();
            // Once cut, more text cannot change it: the words kept are followed by
            // whitespace, and the word that did not fit would only grow longer.
            let (opening, cut) = cut_excerpt(&text, max);
            if cut {
                return ControlFlow::Break(opening);
            }
        }
        ControlFlow::Continue(())
    });
    match cut {
        ControlFlow::Break(opening) => opening,
        ControlFlow::Continue(()) => excerpt(&text, max),
    }
}

/// The first words of `text`, about `max` bytes, cut at a space, with `…` when cut.
pub fn excerpt(text: &str, max: usize) -> String {
    cut_excerpt(text, max).0
}

// `excerpt`, and whether it was cut.
fn cut_excerpt(text: &str, max: usize) -> (String, bool) {
    let mut out = String::new();
    for w in text.split_whitespace() {
        if !out.is_empty() && out.len() + w.len() + 1 > max {
            out.push('…');
            return (out, true);
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    (out, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_drops_tags_and_decodes_entities() {
        assert_eq!(
            plain("<p>Harga&nbsp;naik &amp; turun</p><p>Lagi&#8230; &#x41;&bogus; 3 &lt; 4</p>"),
            " Harga naik & turun  Lagi… A&bogus; 3 < 4 "
        );
        assert_eq!(plain("a <unclosed"), "a ");
    }

    #[test]
    fn excerpt_cuts_at_a_space() {
        assert_eq!(excerpt("satu dua tiga empat", 9), "satu dua…");
        assert_eq!(excerpt("  satu  dua ", 40), "satu dua");
    }

    #[test]
    fn opening_is_the_excerpt_of_the_whole_text() {
        let mut html = String::from("<p>Lagi&#8230;</p>");
        for k in 0..200 {
            html.push_str(match k % 7 {
                0 => "<p>Harga&nbsp;naik</p>",
                1 => " &amp; turun<br>",
                2 => "Kata\u{2026}",
                3 => "panjangsekalikatainiyangtidakmuat",
                4 => "<em>  </em>\n\n",
                5 => "caf&#xe9; &bogus; 3 &lt; 4 ",
                _ => "&unclosed <p",
            });
            for max in [0, 1, 5, 9, 40, 240] {
                assert_eq!(
                    opening(&html, max),
                    excerpt(&plain(&html), max),
                    "{max} {html}"
                );
            }
        }
    }
}
