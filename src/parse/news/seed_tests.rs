//! The two seed articles of the repository (`content/`), read as the issue demands.

use chrono::FixedOffset;

use super::{NewsText, extract};

fn seed(name: &str) -> NewsText {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("content")
        .join(name);
    let text = std::fs::read_to_string(&path).expect("seed article in content/");
    extract(&text, FixedOffset::east_opt(7 * 3600).expect("offset")).expect("seed reads")
}

fn viva() -> NewsText {
    seed("000_485b0a2ea1f61cc8.txt")
}

fn liputan6() -> NewsText {
    seed("001_a9718c70d0a22208.txt")
}

#[test]
fn headlines_are_exact() {
    assert_eq!(
        viva().title,
        "Presiden Ajak Twitter Kembangkan Ekonomi Digital"
    );
    assert_eq!(
        liputan6().title,
        "Jokowi Ajak Twitter Sebarkan Pesan Toleransi dan Damai di Dunia"
    );
}

#[test]
fn both_seeds_are_dated_18_february_2016() {
    let viva = viva().date.expect("dated");
    assert_eq!(viva.date_naive().to_string(), "2016-02-18");
    let liputan6 = liputan6().date.expect("dated");
    assert_eq!(liputan6.to_rfc3339(), "2016-02-18T09:28:00+07:00");
}

#[test]
fn sources_locations_and_author() {
    let viva = viva();
    assert_eq!(viva.source.as_deref(), Some("VIVA.co.id"));
    assert_eq!(viva.location, None);
    assert_eq!(viva.author, None);
    let liputan6 = liputan6();
    assert_eq!(liputan6.source.as_deref(), Some("Liputan6.com"));
    assert_eq!(liputan6.location.as_deref(), Some("Jakarta"));
    assert_eq!(liputan6.author.as_deref(), Some("Luqman Rimadi"));
    assert_eq!(
        liputan6.description.as_deref(),
        Some(
            "Dalam pertemuan dengan CEO Twitter Jack Dorsey, Jokowi mengatakan peran penting Twitter dalam demokrasi digital."
        )
    );
    assert_eq!(viva.description, None);
}

#[test]
fn hashtags_of_the_first_seed() {
    assert_eq!(
        viva().hashtags,
        ["KamiTidakTakut", "PrayForJakarta", "SafetyCheckJkt"]
    );
    assert!(liputan6().hashtags.is_empty());
}

#[test]
fn shared_entities_link_the_seeds() {
    for news in [viva(), liputan6()] {
        let top: Vec<&str> = news.entities.iter().take(5).map(String::as_str).collect();
        for name in ["Jokowi", "Twitter", "Jack Dorsey"] {
            assert!(top.contains(&name), "{name} not in {top:?}");
        }
        for word in ["Presiden", "Dalam", "Kamis", "Hal", "Kami", "Saya"] {
            assert!(
                !news.entities.iter().any(|e| e == word),
                "{word} in {:?}",
                news.entities
            );
        }
    }
}

#[test]
fn captions_leave_the_body() {
    let viva = viva();
    assert_eq!(viva.captions.len(), 1);
    assert_eq!(
        viva.captions[0].text,
        "Presiden Jokowi dan CEO Twiiter, Jack Dorsey"
    );
    assert_eq!(
        viva.captions[0].credit.as_deref(),
        Some("twitter indonesia/@TwitterID")
    );
    let liputan6 = liputan6();
    let credits: Vec<&str> = liputan6
        .captions
        .iter()
        .filter_map(|c| c.credit.as_deref())
        .collect();
    assert_eq!(credits, ["Twitter Jokowi", "Twitter Studio", "Istimewa"]);
    for news in [&viva, &liputan6] {
        for p in &news.paragraphs {
            assert!(
                !p.contains("Kredit:") && !p.contains("Sumber") && !p.contains('•'),
                "{p}"
            );
        }
    }
    assert!(
        liputan6
            .paragraphs
            .iter()
            .any(|p| p.starts_with("Hal ini didasarkan"))
    );
}

#[test]
fn no_boilerplate_in_either_body() {
    let viva = viva();
    let last = viva.paragraphs.last().expect("paragraphs");
    assert!(
        last.ends_with("berdasarkan perintah melalui tweet."),
        "{last}"
    );
    assert!(viva.paragraphs[0].starts_with("VIVA.co.id - Presiden Joko Widodo"));
    let liputan6 = liputan6();
    let last = liputan6.paragraphs.last().expect("paragraphs");
    assert!(last.ends_with("Empowering Leaders of Peace'."), "{last}");
    assert!(liputan6.paragraphs[0].starts_with("Liputan6.com, Jakarta - "));
    for news in [&viva, &liputan6] {
        for p in &news.paragraphs {
            for junk in [
                "(ase)",
                "Rekomendasi",
                "POPULER",
                "Berita Terkini",
                "oleh Luqman",
            ] {
                assert!(!p.contains(junk), "{junk} in {p}");
            }
        }
    }
}
