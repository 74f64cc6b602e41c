//! Where a caption's photo credit is, and what one looks like: closing it in brackets or
//! after an agency's prefix, alone on the line above it, before it or after a dash. Used by
//! [`super::captions`].

use super::Caption;
use super::captions::{MAX_CREDIT_WORDS, caption, is_caption_text, labelled};
use super::profiles::is_outlet_name;

// A caption whose credit closes it: in brackets with a slash (`(KOMPAS.com/NAME)`,
// `[Suara.com/Name]`), or after an agency's photo prefix (`ANTARA FOTO/...`, `REUTERS/...`).
// Reuters' `[1/2]` gallery counter is not part of the text.
pub(super) fn trailing_credit(line: &str) -> Option<Caption> {
    let with_label = labelled(line);
    let line = with_label.unwrap_or(line);
    let line = match line.strip_prefix('[').and_then(|r| r.split_once("] ")) {
        Some((counter, rest)) if counter.chars().all(|c| c.is_ascii_digit() || c == '/') => rest,
        _ => line,
    };
    let (before, credit) = match line.trim_end().strip_suffix([')', ']']) {
        Some(inner) => {
            let open = inner.rfind(['(', '['])?;
            (&inner[..open], &inner[open + 1..])
        }
        None => {
            let at = super::profiles::credit_start(line)?;
            (&line[..at], &line[at..])
        }
    };
    let credit = credit.trim().trim_end_matches('.');
    // `Ilustrasi banjir. - Harian Jogja/Name`: the dash belongs to neither.
    let before = before
        .trim_end()
        .trim_end_matches(['-', '–', '—'])
        .trim_end();
    // After `Foto:`, the outlet's name alone is a credit too (`Foto: TEXT (Okezone)`).
    let credit_ok = looks_like_credit(credit) || (with_label.is_some() && is_outlet_name(credit));
    (credit_ok && !before.is_empty() && is_caption_text(before))
        .then(|| caption(before.trim_end_matches('.'), Some(credit.to_string())))
}

// Whether `credit` reads as a photo credit: an agency or outlet and a name split by a slash,
// capitalized, no digits, a few words.
fn looks_like_credit(credit: &str) -> bool {
    // Digits are a date's (`3/2`), unless in the outlet's name (`Liputan6.com/Name`).
    let digits_ok = !credit.chars().any(|c| c.is_ascii_digit())
        || credit.split_once('/').is_some_and(|(outlet, rest)| {
            is_outlet_name(outlet) && !rest.contains(|c: char| c.is_ascii_digit())
        });
    credit.contains('/')
        && credit.chars().any(char::is_uppercase)
        && digits_ok
        && credit.split_whitespace().count() <= MAX_CREDIT_WORDS
}

// A credit alone on its line: an outlet or agency in capitals (or by name), a slash, a name
// (`ANTARA/Aditya Pradana Putra`).
pub(super) fn is_bare_credit(text: &str) -> bool {
    let Some((outlet, name)) = text.split_once('/') else {
        return false;
    };
    let outlet_like = is_outlet_name(outlet)
        || (outlet.chars().any(char::is_alphabetic) && !outlet.chars().any(char::is_lowercase));
    looks_like_credit(text)
        && outlet_like
        && name
            .split_whitespace()
            .all(|w| w.starts_with(char::is_uppercase))
        && !text.ends_with(['.', ':'])
}

// `SUARA MERDEKA/HARTATIK - GENANGAN ROB: Warga ...` (a shouted credit, then the text) and
// `Ilustrasi banjir. - Harian Jogja/Desi Suryanto` (the text closed, then the credit).
pub(super) fn dashed_credit(text: &str) -> Option<Caption> {
    if let Some((credit, rest)) = text.split_once(" - ")
        && looks_like_credit(credit)
        && !credit.chars().any(char::is_lowercase)
        && credit.split('/').all(|side| !side.trim().is_empty())
        && is_caption_text(rest)
    {
        return Some(caption(rest, Some(credit.to_string())));
    }
    let (before, credit) = text.rsplit_once(" - ")?;
    let before = before.trim_end();
    (before.ends_with('.') && looks_like_credit(credit) && is_caption_text(before))
        .then(|| caption(before, Some(credit.to_string())))
}
