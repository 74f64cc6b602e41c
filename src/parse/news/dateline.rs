//! Datelines that open the first paragraph: `VIVA.co.id - `, `Liputan6.com, Jakarta - `,
//! `JAKARTA, KOMPAS.com - `, `Jakarta (ANTARA) - `, `BANDUNG - `: the outlet and the city.

use super::stopwords::is_stopword;

/// The outlet and place a dateline names; either may be absent, not both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    pub source: Option<String>,
    pub location: Option<String>,
}

// Outlets whose names do not look like web addresses.
const OUTLETS: &[&str] = &[
    "antara",
    "antaranews",
    "tempo",
    "kompas",
    "republika",
    "detikcom",
    "detiknews",
    "detikfinance",
    "detiksport",
    "detikinet",
    "cnn indonesia",
    "tribunnews",
    "okezone",
    "kumparan",
    "tirto",
    "beritasatu",
    "sindonews",
    "merdeka",
    "suara",
    "jpnn",
    "bisnis",
    "kontan",
    "metrotvnews",
    "inews",
    "idn times",
    "rri",
];
const DASHES: &[&str] = &[" - ", " – ", " — ", " -- "];
const MAX_PREFIX_WORDS: usize = 6;

// A dateline ends within this many bytes of the paragraph's start.
const MAX_PREFIX_BYTES: usize = 160;

/// Reads the dateline at the start of `paragraph`, if it has one.
pub fn parse(paragraph: &str) -> Option<Dateline> {
    let mut end = paragraph.len().min(MAX_PREFIX_BYTES);
    while !paragraph.is_char_boundary(end) {
        end -= 1;
    }
    let head = &paragraph[..end];
    if let Some(found) = shouted_colon(head) {
        return Some(found);
    }
    let spaced = DASHES.iter().filter_map(|d| head.find(d)).min();
    // `Harianjogja.com, SLEMAN—Pemerintah`: a dash without spaces ends a dateline only
    // when an outlet's name stands before it.
    let glued = head
        .find(['—', '–'])
        .filter(|g| spaced.is_none_or(|s| *g < s));
    match glued {
        Some(g) => read(paragraph, g).filter(|d| d.source.is_some()),
        None => read(paragraph, spaced?),
    }
}

// `PETALING JAYA: The number...`, `JAKARTA: Indonesia will...`: a shouted place of one to
// three words and a colon, as Malaysian and Singaporean outlets write datelines.
fn shouted_colon(head: &str) -> Option<Dateline> {
    let (prefix, rest) = head.split_once(": ")?;
    let words = prefix.split_whitespace().count();
    let shouted = prefix.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && prefix.chars().all(|c| c.is_uppercase() || c == ' ');
    if !shouted || !(1..=3).contains(&words) || rest.split_whitespace().nth(2).is_none() {
        return None;
    }
    let label = super::byline::is_label_only(&format!("{prefix}:"))
        || super::profiles::tag_marker(prefix).is_some();
    (!label).then(|| Dateline {
        source: None,
        location: place(prefix),
    })
}

// The dateline whose prefix ends at byte `at` of `paragraph`.
fn read(paragraph: &str, at: usize) -> Option<Dateline> {
    let prefix = paragraph[..at].trim();
    if prefix.is_empty()
        || prefix.split_whitespace().count() > MAX_PREFIX_WORDS
        || prefix.contains(['"', '“', '”', '!', '?', ':'])
    {
        return None;
    }
    // `Jakarta (ANTARA)`
    if let Some(inner) = prefix.strip_suffix(')') {
        let (city, outlet) = inner.split_once('(')?;
        // `JAKARTA, Indonesia (AP)`, `JAKARTA, Dec 3 (Reuters)`: the city comes first.
        let city = city.split(',').next().unwrap_or(city);
        return Some(Dateline {
            source: Some(outlet.trim().to_string()).filter(|s| !s.is_empty()),
            location: place(city),
        });
    }
    let parts: Vec<&str> = prefix.split(',').map(str::trim).collect();
    if parts.len() > 2 || parts.iter().any(|p| p.is_empty()) {
        return None;
    }
    let outlet = parts.iter().position(|p| is_outlet(p));
    match (outlet, parts.as_slice()) {
        (Some(i), _) => {
            let location = parts
                .iter()
                .enumerate()
                .find(|(j, _)| *j != i)
                .and_then(|(_, p)| place(p));
            if parts.len() == 2 && location.is_none() {
                return None;
            }
            Some(Dateline {
                source: Some(parts[i].to_string()),
                location: location.or_else(|| city_after(&paragraph[at..])),
            })
        }
        // `BANDUNG - ` or `Jakarta - ` names only the place: one to three capitalized words.
        (None, [only]) => {
            // `Presiden Jokowi - ...` is a sentence, not a place; a shouted prefix
            // (`MALANG KOTA - `) is a dateline whatever its words.
            let shouted = only.chars().all(|c| !c.is_lowercase());
            let capitalized = only.split_whitespace().all(|w| {
                w.chars().next().is_some_and(char::is_uppercase) && (shouted || !is_stopword(w))
            });
            (capitalized && only.split_whitespace().count() <= 3).then(|| Dateline {
                source: None,
                location: place(only),
            })
        }
        _ => None,
    }
}

// Kontan's `KONTAN.CO.ID - JAKARTA. Harga ...`: a shouted city closing with a full stop.
fn city_after(rest: &str) -> Option<String> {
    let rest = rest.trim_start_matches([' ', '-', '–', '—']);
    let (city, _) = rest.split_once(". ")?;
    let shouted =
        city.chars().any(char::is_alphabetic) && city.chars().all(|c| c.is_uppercase() || c == ' ');
    // `PT ABC. ...` is a company: city words are longer than an acronym.
    let words_ok = city.split_whitespace().all(|w| w.chars().count() >= 3);
    (shouted && words_ok && city.split_whitespace().count() <= 3)
        .then(|| place(city))
        .flatten()
}

// A web address (`VIVA.co.id`, `Liputan6.com`) or a known outlet name.
fn is_outlet(part: &str) -> bool {
    let domain = !part.contains(' ')
        && part.split('.').collect::<Vec<_>>().windows(2).all(|w| {
            !w[0].is_empty() && w[1].chars().all(|c| c.is_ascii_alphabetic()) && !w[1].is_empty()
        })
        && part.contains('.');
    domain
        || OUTLETS.contains(&part.to_lowercase().as_str())
        || super::profiles::is_outlet_name(part)
}

// A city name as a reader writes it: `JAKARTA` becomes `Jakarta`; at most three words.
fn place(text: &str) -> Option<String> {
    let text = text.trim();
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() || words.len() > 3 || !text.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    Some(super::names::as_written(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dl(text: &str) -> Option<(Option<String>, Option<String>)> {
        parse(text).map(|d| (d.source, d.location))
    }

    fn both(
        source: Option<&str>,
        location: Option<&str>,
    ) -> Option<(Option<String>, Option<String>)> {
        Some((source.map(String::from), location.map(String::from)))
    }

    #[test]
    fn outlet_with_and_without_city() {
        assert_eq!(
            dl("VIVA.co.id - Presiden Joko Widodo"),
            both(Some("VIVA.co.id"), None)
        );
        assert_eq!(
            dl("Liputan6.com, Jakarta - Presiden"),
            both(Some("Liputan6.com"), Some("Jakarta"))
        );
        assert_eq!(
            dl("MAKASSAR, KOMPAS.com — Banjir"),
            both(Some("KOMPAS.com"), Some("Makassar"))
        );
        assert_eq!(
            dl("Jayapura (ANTARA) - Gempa"),
            both(Some("ANTARA"), Some("Jayapura"))
        );
        assert_eq!(dl("BANDUNG - Hujan deras"), both(None, Some("Bandung")));
        assert_eq!(
            dl("MALANG KOTA – Pemerintah"),
            both(None, Some("Malang Kota"))
        );
        assert_eq!(
            dl("KONTAN.CO.ID - JAKARTA. Harga emas naik."),
            both(Some("KONTAN.CO.ID"), Some("Jakarta"))
        );
        assert_eq!(
            dl("VIVA.co.id - PT ABC. Saham naik"),
            both(Some("VIVA.co.id"), None)
        );
        assert_eq!(
            dl("JAKARTA, Dec 3 (Reuters) - Indonesia's"),
            both(Some("Reuters"), Some("Jakarta"))
        );
    }

    #[test]
    fn colon_and_glued_dash_datelines() {
        assert_eq!(
            dl("PETALING JAYA: The number of flood victims rose."),
            both(None, Some("Petaling Jaya"))
        );
        assert_eq!(
            dl("Harianjogja.com, SLEMAN—Pemerintah Kabupaten Sleman menyiapkan"),
            both(Some("Harianjogja.com"), Some("Sleman"))
        );
        assert_eq!(dl("Dia—yang baru tiba—menyapa warga - kata saksi"), None);
        assert_eq!(dl("Kata dia: kami siap bekerja keras."), None);
        assert_eq!(dl("EDITOR: Budi Santoso dan kawan-kawan"), None);
    }

    #[test]
    fn ordinary_sentences_are_not_datelines() {
        assert_eq!(dl("Presiden mengatakan - dalam pidatonya - bahwa"), None);
        assert_eq!(dl("\"Kami siap\" - kata dia"), None);
        assert_eq!(dl("Presiden Jokowi - yang baru tiba - menyapa warga"), None);
        assert_eq!(dl("Tanpa tanda pisah sama sekali."), None);
    }
}
