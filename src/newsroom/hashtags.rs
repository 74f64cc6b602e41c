//! Hashtags in running text (`#KamiTidakTakut`): found here, turned into the article's tags by
//! the adapter, and linked to their tag pages when the body is rendered.

use std::collections::HashSet;
use std::ops::Range;

/// Byte ranges of the hashtags in `text`, `#` included.
///
/// A hashtag is `#` followed by a letter and then letters, digits or `_`, not glued to a word,
/// `&` (an entity) or `/` (a URL fragment) before it.
pub fn ranges(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut prev: Option<char> = None;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let free =
            prev.is_none_or(|p| !(p.is_alphanumeric() || matches!(p, '&' | '/' | '#' | '_')));
        if c == '#' && free && iter.peek().is_some_and(|(_, n)| n.is_alphabetic()) {
            let mut end = i + 1;
            while let Some(&(j, n)) = iter.peek() {
                if n.is_alphanumeric() || n == '_' {
                    end = j + n.len_utf8();
                    iter.next();
                } else {
                    break;
                }
            }
            found.push(i..end);
            prev = text[..end].chars().next_back();
            continue;
        }
        prev = Some(c);
    }
    found
}

/// The hashtags of `paragraphs` without `#`, in order of first use, each once (ignoring case).
pub fn names<'a>(paragraphs: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    // Lower-cased names seen so far: one lookup per hashtag instead of a scan of all names,
    // which made a text of many distinct hashtags quadratic.
    let mut seen: HashSet<String> = HashSet::new();
    for paragraph in paragraphs {
        for range in ranges(paragraph) {
            let name = &paragraph[range.start + 1..range.end];
            if seen.insert(name.to_lowercase()) {
                names.push(name.to_string());
            }
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashtags_in_a_sentence() {
        let text = "Tagar #KamiTidakTakut, #PrayForJakarta dan #SafetyCheckJkt; bukan C#, &#39; atau a.com/#x #1 #kamitidaktakut";
        assert_eq!(
            names([text]),
            ["KamiTidakTakut", "PrayForJakarta", "SafetyCheckJkt"]
        );
        let found = ranges("#Awal kata");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0], 0..5);
    }
}
