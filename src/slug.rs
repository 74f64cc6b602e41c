//! Slugs for headlines and tags (model stage helper): transliterated, lowercase, hyphenated.

/// Turns `text` into a URL slug: ASCII letters and digits joined by single hyphens.
///
/// Non-Latin letters are transliterated (`Café` becomes `cafe`); text with nothing to
/// transliterate (only punctuation) gives an empty string, which callers replace with
/// a deterministic fallback.
pub fn slugify(text: &str) -> String {
    slug::slugify(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indonesian_headline_becomes_hyphenated_ascii() {
        assert_eq!(
            slugify("Presiden Ajak Twitter Kembangkan Ekonomi Digital"),
            "presiden-ajak-twitter-kembangkan-ekonomi-digital"
        );
    }

    #[test]
    fn accents_and_curly_quotes_are_folded() {
        assert_eq!(slugify("“Café” – Jokowi’s visit!"), "cafe-jokowi-s-visit");
    }

    #[test]
    fn emoji_are_transliterated_to_their_names() {
        assert_eq!(slugify("🎉🎉 !!!"), "tada-tada");
    }

    #[test]
    fn punctuation_only_gives_empty_slug() {
        assert_eq!(slugify("?! — …"), "");
    }
}
