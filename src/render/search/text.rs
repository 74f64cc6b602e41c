//! Plain text out of an article's HTML body, for the search index: tags dropped (a block
//! tag leaves a space so words do not run together), the entities `parse` writes decoded.

/// The text of `html`, tags removed and entities decoded.
pub fn plain(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(['<', '&']) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        if tail.starts_with('<') {
            match tail.find('>') {
                Some(end) => {
                    out.push(' ');
                    rest = &tail[end + 1..];
                }
                None => {
                    rest = "";
                }
            }
        } else {
            let (text, used) = entity(tail);
            out.push_str(text.as_deref().unwrap_or("&"));
            rest = &tail[used..];
        }
    }
    out.push_str(rest);
    out
}

// The text of the entity at the start of `s` (which starts with `&`) and its length; `None`
// and 1 when it is no entity this knows.
fn entity(s: &str) -> (Option<String>, usize) {
    let Some(end) = s.get(1..).and_then(|t| t.find(';')).filter(|e| *e <= 10) else {
        return (None, 1);
    };
    let name = &s[1..=end];
    let text = match name {
        "amp" => Some("&".to_string()),
        "lt" => Some("<".to_string()),
        "gt" => Some(">".to_string()),
        "quot" => Some("\"".to_string()),
        "apos" => Some("'".to_string()),
        "nbsp" => Some(" ".to_string()),
        _ => name
            .strip_prefix("#x")
            .or_else(|| name.strip_prefix("#X"))
            .map(|hex| u32::from_str_radix(hex, 16))
            .or_else(|| name.strip_prefix('#').map(str::parse::<u32>))
            .and_then(Result::ok)
            .and_then(char::from_u32)
            .map(String::from),
    };
    match text {
        Some(t) => (Some(t), end + 2),
        None => (None, 1),
    }
}

/// The first words of `text`, about `max` bytes, cut at a space, with `…` when cut.
pub fn excerpt(text: &str, max: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = String::new();
    for w in words {
        if !out.is_empty() && out.len() + w.len() + 1 > max {
            out.push('…');
            return out;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
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
}
