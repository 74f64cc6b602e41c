//! Words as search and related articles compare them: text folded (lower case, diacritics
//! off), split into words, and each word reduced to its stems by the site's language. A leaf
//! module: the model (related articles) and render (the search index) use it, and
//! `templates/search.js` repeats these rules for the reader's query (the shared table
//! `tests/fixtures/stems.txt` holds both to the same answers).

mod english;
mod indonesian;
pub mod layout;

/// How a site's words are stemmed, from its `language` setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stemmer {
    /// Indonesian (and Malay) affixes: `id`, `ms`.
    Indonesian,
    /// English suffixes: `en`.
    English,
    /// Other languages: words are folded, not stemmed.
    None,
}

impl Stemmer {
    /// The stemmer for a language tag such as `id`, `en-GB`; [`Stemmer::None`] for others.
    pub fn for_language(tag: &str) -> Stemmer {
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        match primary.to_ascii_lowercase().as_str() {
            "id" | "ms" => Stemmer::Indonesian,
            "en" => Stemmer::English,
            _ => Stemmer::None,
        }
    }

    /// The name `search.js` knows this stemmer by.
    pub fn name(self) -> &'static str {
        match self {
            Stemmer::Indonesian => "id",
            Stemmer::English => "en",
            Stemmer::None => "",
        }
    }

    /// The stems of one folded word (see [`words`]): one, or two where an Indonesian prefix
    /// may have dropped the root's first letter (`mengajak`: `ajak` or `kajak`). Every stem
    /// is pushed to `out`, which is not cleared.
    pub fn stems(self, word: &str, out: &mut Vec<String>) {
        match self {
            Stemmer::Indonesian => indonesian::stems(word, out),
            Stemmer::English => out.push(english::stem(word)),
            Stemmer::None => out.push(word.to_string()),
        }
    }
}

/// Letters folded to plain ones beyond what removing combining marks does; `search.js` has
/// the same table.
const FOLDS: &[(char, &str)] = &[
    ('ß', "ss"),
    ('æ', "ae"),
    ('œ', "oe"),
    ('ø', "o"),
    ('đ', "d"),
    ('ð', "d"),
    ('ł', "l"),
    ('ı', "i"),
    ('þ', "th"),
];

/// Folds one lower-case character: a Latin letter with a diacritic to its base letter.
fn fold_char(c: char, out: &mut String) {
    const BASES: [(&str, char); 7] = [
        ("àáâãäåāăą", 'a'),
        ("çćĉċč", 'c'),
        ("èéêëēĕėęě", 'e'),
        ("ìíîïĩīĭį", 'i'),
        ("ñńņňŉ", 'n'),
        ("òóôõöōŏő", 'o'),
        ("ùúûüũūŭůűų", 'u'),
    ];
    const MORE: [(&str, char); 8] = [
        ("ýÿŷ", 'y'),
        ("śŝşš", 's'),
        ("źżž", 'z'),
        ("ď", 'd'),
        ("ĝğġģ", 'g'),
        ("ŕŗř", 'r'),
        ("ĺļľ", 'l'),
        ("ţťŧ", 't'),
    ];
    if c.is_ascii() {
        out.push(c);
        return;
    }
    if let Some((_, to)) = FOLDS.iter().find(|(from, _)| *from == c) {
        out.push_str(to);
        return;
    }
    for (from, to) in BASES.iter().chain(MORE.iter()) {
        if from.contains(c) {
            out.push(*to);
            return;
        }
    }
    out.push(c);
}

/// The words of `text`, folded: lower case, diacritics off, split at every character that is
/// neither a letter nor a digit. Words of one letter are left out; numbers are kept.
pub fn words(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    each_word(text, |w| found.push(w.to_string()));
    found
}

/// Calls `f` with each word of `text` as [`words`] finds them, without allocating one each.
pub fn each_word(text: &str, mut f: impl FnMut(&str)) {
    let mut word = String::new();
    let mut push = |word: &mut String| {
        let keep = word.chars().nth(1).is_some() || word.chars().all(|c| c.is_numeric());
        if !word.is_empty() && keep {
            f(word);
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_ascii() {
            // The common case, without Unicode tables.
            if c.is_ascii_alphanumeric() {
                word.push(c.to_ascii_lowercase());
            } else {
                push(&mut word);
            }
        } else if c.is_alphanumeric() {
            for lower in c.to_lowercase() {
                fold_char(lower, &mut word);
            }
        } else if is_mark(c) && !word.is_empty() {
            // A combining mark (a decomposed diacritic) belongs to its letter: dropped.
        } else {
            push(&mut word);
        }
    }
    push(&mut word);
}

// Combining diacritical marks, as decomposed text writes accents.
fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// The stems of every word of `text`, in order (a word with two stems gives both).
pub fn stems(text: &str, stemmer: Stemmer) -> Vec<String> {
    let mut out = Vec::new();
    for word in words(text) {
        stemmer.stems(&word, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_fold_case_and_diacritics() {
        assert_eq!(
            words("Café NAÏVE, Straße — Łódź 2024 a"),
            ["cafe", "naive", "strasse", "lodz", "2024"]
        );
        // Decomposed accents (e + U+0301) fold like composed ones.
        assert_eq!(words("Cafe\u{301}"), ["cafe"]);
    }

    #[test]
    fn stemmer_follows_the_language_tag() {
        assert_eq!(Stemmer::for_language("id"), Stemmer::Indonesian);
        assert_eq!(Stemmer::for_language("en-GB"), Stemmer::English);
        assert_eq!(Stemmer::for_language("fr"), Stemmer::None);
    }

    // The table `search.js` is checked against in the browser: Rust must give the same stems.
    #[test]
    fn stems_match_the_shared_table() {
        let table = include_str!("../../tests/fixtures/stems.txt");
        let mut checked = 0;
        for line in table
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            let mut parts = line.split_whitespace();
            let (Some(lang), Some(word)) = (parts.next(), parts.next()) else {
                panic!("bad line {line}");
            };
            let expected: Vec<&str> = parts.collect();
            let mut got = Vec::new();
            for w in words(word) {
                Stemmer::for_language(lang).stems(&w, &mut got);
            }
            assert_eq!(got, expected, "{lang} {word}");
            checked += 1;
        }
        assert!(checked > 40);
    }
}
