//! Site furniture copied along with an article: trailing navigation (`Rekomendasi`,
//! `POPULER`, `Berita Terkait`...), `Baca juga: ...` teasers, `Simak video ...` prompts, and
//! editor initials such as `(ase)` or `(ang/ang)` closing the last paragraph.

use super::lines::lower_head;

// Headings after which the rest of the page is navigation, not article.
const NAV_HEADINGS: &[&str] = &[
    "rekomendasi",
    "populer",
    "terpopuler",
    "berita populer",
    "berita terkait",
    "berita terkini",
    "berita terkini selengkapnya",
    "artikel terkait",
    "terkini",
    "trending",
    "selengkapnya",
    "berita lainnya",
    "berita lain",
    "topik terkait",
    "video pilihan",
    "pilihan redaksi",
    "baca berita lainnya",
    "lihat juga",
    "baca juga",
    "read also",
    "most popular",
    "related",
    "related stories",
    "related articles",
    "more stories",
    "read more",
];

// Lines that only point elsewhere.
const TEASER_STARTS: &[&str] = &[
    "baca juga",
    "baca:",
    "lihat juga",
    "simak juga",
    "simak video",
    "simak selengkapnya",
    "tonton video",
    "tonton juga",
    "saksikan video",
    "saksikan juga",
    "artikel ini telah tayang",
    "ikuti berita",
    "dapatkan update",
    "klik di sini",
    "baca selengkapnya",
    "read also:",
    "read more:",
];

/// Whether `line` is a navigation heading that ends the article (`POPULER`, `Rekomendasi`).
pub fn is_nav_heading(line: &str) -> bool {
    let key = line.trim().trim_end_matches([':', '.']).trim();
    // Longer than every heading: no need to lower-case a paragraph.
    let (key, whole) = lower_head(key, 32);
    whole && NAV_HEADINGS.contains(&key.as_str())
}

/// Whether `line` is a teaser or prompt to read or watch something else.
pub fn is_teaser(line: &str) -> bool {
    let (lower, _) = lower_head(line.trim(), 32);
    TEASER_STARTS.iter().any(|start| lower.starts_with(start))
}

/// `text` without editor initials at its end (`... tweet. (ase)` -> `... tweet.`); `None`
/// when it has none.
pub fn strip_initials(text: &str) -> Option<&str> {
    initials(text).map(|(rest, _)| rest)
}

/// Editor initials closing `text`: `(ase)`, `(ang/ang)`, `[ded]`, `(Z-10)`; returns the text
/// before them and the initials.
pub fn initials(text: &str) -> Option<(&str, &str)> {
    let text = text.trim_end();
    let (inner, open) = match text.strip_suffix(')') {
        Some(inner) => (inner, inner.rfind('(')?),
        None => {
            let inner = text.strip_suffix(']')?;
            (inner, inner.rfind('[')?)
        }
    };
    let found = &inner[open + 1..];
    // Desk initials, then perhaps the outlet's name (`kmb/balipost`).
    let lower_parts = !found.is_empty()
        && found.split('/').enumerate().all(|(i, part)| {
            let longest = if i == 0 { 5 } else { 12 };
            (2..=longest).contains(&part.chars().count())
                && part.chars().all(|c| c.is_ascii_lowercase())
        });
    // Media Indonesia's desk codes: `(H-2)`, `(Z-10)`.
    let desk = found.split_once('-').is_some_and(|(a, n)| {
        a.len() == 1
            && a.chars().all(|c| c.is_ascii_uppercase())
            && (1..=2).contains(&n.len())
            && n.chars().all(|c| c.is_ascii_digit())
    });
    (lower_parts || desk).then(|| (inner[..open].trim_end(), found))
}

// Imperatives that open a prompt to follow the outlet elsewhere.
const PROMPT_VERBS: &[&str] = &[
    "ikuti",
    "follow",
    "dapatkan",
    "join",
    "gabung",
    "bergabung",
    "simak",
    "klik",
    "subscribe",
    "langganan",
    "berlangganan",
    "download",
    "unduh",
    "sign",
];
// Where such a prompt sends the reader.
const PROMPT_CHANNELS: &[&str] = &[
    "google news",
    "whatsapp",
    "telegram",
    "instagram",
    "youtube",
    "tiktok",
    "newsletter",
    "aplikasi",
    "channel",
    "saluran",
];
const MAX_PROMPT_WORDS: usize = 30;

/// Whether `line` asks the reader to follow the outlet on another channel (`Join ST's
/// Telegram channel and get...`, `Dapatkan berita terbaru ... di Google News.`): an
/// imperative first word and a channel named.
pub fn is_prompt(line: &str) -> bool {
    let line = line.trim();
    let first = line.split_whitespace().next().unwrap_or("");
    if !PROMPT_VERBS.iter().any(|v| first.eq_ignore_ascii_case(v))
        || super::lines::more_words_than(line, MAX_PROMPT_WORDS)
    {
        return false;
    }
    let lower = line.to_lowercase();
    PROMPT_CHANNELS.iter().any(|c| lower.contains(c))
}

/// A wire desk's sign-off alone on a line (`burs-kjm/sst`, AFP's form).
pub fn is_wire_signoff(line: &str) -> bool {
    let line = line.trim();
    line.contains('/')
        && line.len() <= 24
        && line
            .split(['/', '-'])
            .all(|p| (2..=5).contains(&p.len()) && p.chars().all(|c| c.is_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn navigation_and_teasers_are_recognised() {
        for line in [
            "Rekomendasi",
            "POPULER",
            "Berita Terkini Selengkapnya",
            "Berita Terkait:",
            "Terpopuler",
        ] {
            assert!(is_nav_heading(line), "{line}");
        }
        assert!(!is_nav_heading(
            "Populer di kalangan anak muda, aplikasi itu"
        ));
        assert!(is_teaser("Baca juga: Jokowi Temui Bos Facebook"));
        assert!(is_teaser("Simak video pilihan berikut ini:"));
        assert!(!is_teaser("Bacaan doa dibacakan bersama."));
        assert!(is_prompt(
            "Join ST's Telegram channel and get the latest breaking news delivered to you."
        ));
        assert!(is_prompt(
            "Dapatkan berita terbaru dengan mengikuti saluran kami di Google News."
        ));
        assert!(!is_prompt("Ikuti aturan lalu lintas, kata polisi."));
        assert!(!is_prompt("Telegram channel itu diblokir pemerintah."));
    }

    #[test]
    fn editor_initials_are_cut() {
        assert_eq!(
            strip_initials("melalui tweet. (ase)"),
            Some("melalui tweet.")
        );
        assert_eq!(strip_initials("kata dia.(ang/ang)"), Some("kata dia."));
        assert_eq!(strip_initials("(ang/ang)"), Some(""));
        assert_eq!(
            strip_initials("dihubungi. (kmb/balipost)"),
            Some("dihubungi.")
        );
        assert_eq!(strip_initials("(Kmb/Balipost Daily)"), None);
        assert_eq!(strip_initials("Foreign Terrorist Fighters (FTF)"), None);
        assert_eq!(strip_initials("dalam waktu (dua) hari"), None);
    }
}
