//! Hashtags in running text (`#KamiTidakTakut`): found here, turned into the article's tags by
//! the adapter, and linked to their tag pages when the body is rendered.

use std::collections::HashSet;
use std::ops::Range;

/// Byte ranges of the hashtags in `text`, `#` included.
///
/// A hashtag is `#` followed by letters, digits or `_`, at least one a letter, not glued to a word,
/// `&` (an entity) or `/` (a URL fragment) before it.
pub fn ranges(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    // Jump from `#` to `#`: most texts have none, and scanning every character for them
    // was a visible share of a whole build.
    for (i, _) in text.match_indices('#') {
        let before = text[..i].chars().next_back();
        let free =
            before.is_none_or(|p| !(p.is_alphanumeric() || matches!(p, '&' | '/' | '#' | '_')));
        let after = &text[i + 1..];
        if !free || !after.chars().next().is_some_and(char::is_alphanumeric) {
            continue;
        }
        let end = after
            .char_indices()
            .find(|(_, n)| !(n.is_alphanumeric() || *n == '_'))
            .map_or(text.len(), |(j, _)| i + 1 + j);
        // `#1000Startup` is a hashtag; `#1` is a number.
        if text[i + 1..end].chars().any(char::is_alphabetic) {
            found.push(i..end);
        }
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
        // Glued to a hashtag, after `##`, or at the very end.
        assert_eq!(ranges("#a#b ##c #dé_2"), [0..2, 9..15]);
        assert!(ranges("akhir #").is_empty());
        assert_eq!(
            names(["gerakan #1000Startup dan #2 atau #_x"]),
            ["1000Startup"]
        );
    }
}
