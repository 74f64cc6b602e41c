//! Bylines: `oleh NAME diperbarui 18 Feb 2016, 09:28 WIB` under the headline, and credit lines
//! such as `Penulis: NAME`, `Editor: NAME` (often at the end, sometimes joined by `|`).

use chrono::{DateTime, FixedOffset};

use super::dates;
use super::lines::{lower_head, more_words_than};
use super::names::{is_name, names};
use super::profiles::is_outlet_name;

/// What one byline or credit line says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Byline {
    pub author: Option<String>,
    pub editor: Option<String>,
    pub date: Option<DateTime<FixedOffset>>,
    /// The outlet a byline names (`Danu Prasetyo - detikNews`).
    pub source: Option<String>,
}

const AUTHOR_LABELS: &[&str] = &[
    "penulis",
    "reporter",
    "wartawan",
    "oleh",
    "laporan",
    "pewarta",
    "rep",
    "reporting by",
];
const EDITOR_LABELS: &[&str] = &[
    "editor",
    "redaktur",
    "penyunting",
    "editing",
    "red",
    "editing by",
];
const MAX_BYLINE_WORDS: usize = 20;
const DATE_WORDS: &[&str] = &[
    "diperbarui",
    "dipublikasikan",
    "diterbitkan",
    "terbit",
    "updated",
];

/// Reads `line` as a byline or credit line; `None` when it is something else.
pub fn parse(line: &str, default: FixedOffset) -> Option<Byline> {
    // A byline is short; a paragraph need not be searched for dates (most lines are prose).
    if more_words_than(line, MAX_BYLINE_WORDS) {
        return None;
    }
    // Prose without a label, separator or outlet is no byline: the common case, decided
    // in one pass over the line.
    let separator =
        line.bytes().any(|b| matches!(b, b':' | b'|' | b';' | b'/')) || line.contains('·');
    let marked = separator || opens_with_label(line);
    if !marked && outlet_byline(line, default).is_none() {
        return None;
    }
    credits(line, default)
        .or_else(|| outlet_byline(line, default))
        .or_else(|| oleh(line, default))
}

// Whether the first word of `line` is a credit label or `oleh`/`by` (`Penulis Singgih`).
fn opens_with_label(line: &str) -> bool {
    let first = line.split_whitespace().next().unwrap_or("");
    let first = first.trim_end_matches(':');
    first.eq_ignore_ascii_case("by")
        || first.eq_ignore_ascii_case("reporting")
        || AUTHOR_LABELS
            .iter()
            .chain(EDITOR_LABELS)
            .any(|l| first.eq_ignore_ascii_case(l))
}

/// Whether `line` is only a credit label waiting for its name on the next line (`Reporter:`).
pub fn is_label_only(line: &str) -> bool {
    line.trim()
        .strip_suffix(':')
        .map(|l| l.trim().to_lowercase())
        .is_some_and(|l| AUTHOR_LABELS.contains(&l.as_str()) || EDITOR_LABELS.contains(&l.as_str()))
}

// `Penulis: A | Editor: B`, `Rep: A/ Red: B`, `Penulis A | Editor B`, `Reporter : A | DATE`,
// `Reporting by A; Editing by B`, `Source: Xinhua | DATE | Editor: huaxia`, `Source: CNA/ks`.
fn credits(line: &str, default: FixedOffset) -> Option<Byline> {
    let mut credit = Byline::default();
    for part in line.split(['|', '/', ';']).map(str::trim) {
        let with_colon = part
            .split_once(':')
            .map(|(label, value)| (label.trim().to_lowercase(), value.trim()))
            .filter(|(label, _)| is_label(label) || label == SOURCE_LABEL);
        let colon = with_colon.is_some();
        let Some((label, value)) = with_colon.or_else(|| labelled_without_colon(part)) else {
            let dates = if may_open_date(part) {
                dates::find_all(part, default)
            } else {
                Vec::new()
            };
            let whole = dates.first().is_some_and(|d| {
                d.start <= 2 && part[d.end..].chars().all(|c| !c.is_alphanumeric())
            });
            if whole && credit.date.is_none() {
                credit.date = dates.first().map(|d| d.date);
                continue;
            }
            // A desk's initials after the outlet (`CNA/ks`).
            if credit.source.is_some() && is_initials(part) {
                continue;
            }
            return None;
        };
        let value = without_desk(value);
        if label == SOURCE_LABEL {
            if !is_outlet_name(value) && !is_name(value) {
                return None;
            }
            credit.source.get_or_insert_with(|| value.to_string());
            continue;
        }
        // `Wartawan BBC News Indonesia` names the outlet, not a writer; after a colon a
        // desk's handle may be written in lower case (`Editor: huaxia`).
        let handle = colon && is_handle(value);
        if !(is_name(value) || handle) || is_outlet_name(value) {
            return None;
        }
        if AUTHOR_LABELS.contains(&label.as_str()) {
            credit.author.get_or_insert_with(|| names(value));
        } else if EDITOR_LABELS.contains(&label.as_str()) {
            credit.editor.get_or_insert_with(|| names(value));
        } else {
            return None;
        }
    }
    let outlet_only = credit.source.as_deref().is_some_and(is_outlet_name);
    (credit.author.is_some() || credit.editor.is_some() || outlet_only).then_some(credit)
}

// English wire and web credit naming the outlet a story comes from.
const SOURCE_LABEL: &str = "source";

// `ks`, `huaxia`: a lower-case desk code or handle, one word of ASCII letters.
fn is_initials(part: &str) -> bool {
    (2..=5).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_lowercase())
}

fn is_handle(value: &str) -> bool {
    (3..=12).contains(&value.len()) && value.bytes().all(|b| b.is_ascii_lowercase())
}

// Whether a date can start `part` (a date part must): a number, a weekday or a month first.
fn may_open_date(part: &str) -> bool {
    let first = part
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    first.starts_with(|c: char| c.is_ascii_digit())
        || dates::is_weekday(first)
        || first.eq_ignore_ascii_case("jum")
        || dates::month_number(first).is_some()
}

fn is_label(label: &str) -> bool {
    AUTHOR_LABELS.contains(&label) || EDITOR_LABELS.contains(&label)
}

// `Penulis Singgih Wiryono`, `Reporting by Stanley Widianto`: a label word, then the name.
fn labelled_without_colon(part: &str) -> Option<(String, &str)> {
    // Enough of the line for the longest label and the space after it.
    let (lower, _) = lower_head(part, 16);
    AUTHOR_LABELS
        .iter()
        .chain(EDITOR_LABELS)
        .filter(|l| {
            l.len() > 3
                && **l != "oleh"
                && lower
                    .strip_prefix(**l)
                    .is_some_and(|rest| rest.starts_with(' '))
        })
        .max_by_key(|l| l.len())
        .map(|l| (l.to_string(), part[l.len()..].trim()))
}

// `Kontributor Lebak, Acep Nazmudin` -> `Acep Nazmudin`.
fn without_desk(value: &str) -> &str {
    let lower = value.to_lowercase();
    if (lower.starts_with("kontributor") || lower.starts_with("wartawan"))
        && let Some((_, name)) = value.rsplit_once(',')
    {
        return name.trim();
    }
    value
}

// `Danu Prasetyo - detikNews`, `Market - Putra, CNBC Indonesia`,
// `Fahreza Rizky, Jurnalis · Sabtu 18 Juli 2020 06:42 WIB`,
// `Laporan Wartawan Tribunnews.com, Glery Lazuardi`.
fn outlet_byline(line: &str, default: FixedOffset) -> Option<Byline> {
    let line = line.trim();
    if let Some((who, when)) = line.split_once('·') {
        let name = who.trim().trim_end_matches(", Jurnalis").trim();
        let date = dates::find_all(when, default).first().map(|d| d.date)?;
        return is_name(name).then(|| Byline {
            author: Some(name.to_string()),
            date: Some(date),
            ..Byline::default()
        });
    }
    // No character outside ASCII lower-cases to one of these letters: no copy needed.
    if line
        .get(..8)
        .is_some_and(|h| h.eq_ignore_ascii_case("laporan "))
    {
        let (_, name) = line.rsplit_once(',')?;
        let name = name.trim();
        return is_name(name).then(|| Byline {
            author: Some(names(name)),
            ..Byline::default()
        });
    }
    let (who, outlet) = line
        .rsplit_once(" - ")
        .filter(|(_, o)| is_outlet_name(o))
        .or_else(|| line.rsplit_once(", ").filter(|(_, o)| is_outlet_name(o)))?;
    let name = who.rsplit_once(" - ").map_or(who, |(_, n)| n).trim();
    // `Sumber gambar, BBC News Indonesia` is a credit, not a byline.
    let capitalized = name.split_whitespace().all(|w| {
        w.chars().next().is_some_and(char::is_uppercase)
            || matches!(w, "bin" | "binti" | "van" | "de" | "da" | "al")
    });
    (capitalized && is_name(name)).then(|| Byline {
        author: Some(names(name)),
        source: Some(outlet.trim().to_string()),
        ..Byline::default()
    })
}

// `oleh NAME`, `oleh NAME diperbarui DATE`, `Oleh: NAME - DATE`, `By NAME, NAME`.
fn oleh(line: &str, default: FixedOffset) -> Option<Byline> {
    let first_word = line.split_whitespace().next()?;
    let label = first_word.trim_end_matches(':').to_lowercase();
    if label != "oleh" && label != "by" {
        return None;
    }
    let rest = line[first_word.len()..]
        .trim_start()
        .trim_start_matches(':')
        .trim();
    let found = dates::find_all(rest, default);
    let date_word = rest
        .split_whitespace()
        .find(|w| DATE_WORDS.contains(&w.to_lowercase().as_str()))
        .and_then(|w| rest.find(w));
    let stop = date_word
        .into_iter()
        .chain(found.first().map(|f| f.start))
        .chain(rest.find(['|', '-', '–', '—']))
        .min()
        .unwrap_or(rest.len());
    let head = rest[..stop].trim().trim_end_matches(',').trim_end();
    // Several writers: `By Gayatri Suroyo, Tabita Diela`, `Oleh: A, B - 3 Februari 2020`.
    let several = head.contains(", ") && head.split(", ").all(is_name);
    let name = match head.find(',') {
        Some(comma) if !several => head[..comma].trim(),
        _ => head,
    };
    if !is_name(name) {
        return None;
    }
    Some(Byline {
        author: Some(names(name)),
        date: found.first().map(|f| f.date),
        ..Byline::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wib() -> FixedOffset {
        FixedOffset::east_opt(7 * 3600).expect("offset")
    }

    #[test]
    fn oleh_byline_with_update_date() {
        let byline = parse(
            "oleh Luqman Rimadi diperbarui 18 Feb 2016, 09:28 WIB",
            wib(),
        )
        .expect("byline");
        assert_eq!(byline.author.as_deref(), Some("Luqman Rimadi"));
        assert_eq!(
            byline.date.map(|d| d.to_rfc3339()).as_deref(),
            Some("2016-02-18T09:28:00+07:00")
        );
    }

    #[test]
    fn credit_lines() {
        let byline = parse("Penulis: Sari Dewi | Editor: Bambang P.", wib()).expect("credits");
        assert_eq!(byline.author.as_deref(), Some("Sari Dewi"));
        assert_eq!(byline.editor.as_deref(), Some("Bambang P."));
        assert_eq!(
            parse("Editor : Rina", wib())
                .and_then(|b| b.editor)
                .as_deref(),
            Some("Rina")
        );
        assert_eq!(parse("oleh karena itu, kami menolak.", wib()), None);
        assert_eq!(parse("Sumber: Antara", wib()), None);
    }

    fn who(line: &str) -> (Option<String>, Option<String>, Option<String>) {
        let b = parse(line, wib()).unwrap_or_default();
        (b.author, b.editor, b.source)
    }

    fn some(
        a: Option<&str>,
        e: Option<&str>,
        s: Option<&str>,
    ) -> (Option<String>, Option<String>, Option<String>) {
        (
            a.map(String::from),
            e.map(String::from),
            s.map(String::from),
        )
    }

    #[test]
    fn outlet_forms_of_bylines() {
        assert_eq!(
            who("Danu Prasetyo - detikNews"),
            some(Some("Danu Prasetyo"), None, Some("detikNews"))
        );
        assert_eq!(
            who("Market - Putra, CNBC Indonesia"),
            some(Some("Putra"), None, Some("CNBC Indonesia"))
        );
        assert_eq!(
            who("Rep: Nurul Hidayati/ Red: Agus Yulianto"),
            some(Some("Nurul Hidayati"), Some("Agus Yulianto"), None)
        );
        assert_eq!(
            who("Penulis Kontributor Lebak, Acep Nazmudin | Editor Robertus Belarminus"),
            some(Some("Acep Nazmudin"), Some("Robertus Belarminus"), None)
        );
        assert_eq!(
            who("Reporting by Stanley Widianto; Editing by Ed Davies"),
            some(Some("Stanley Widianto"), Some("Ed Davies"), None)
        );
        assert_eq!(
            who("By EDNA TARIGAN"),
            some(Some("Edna Tarigan"), None, None)
        );
        let okezone = parse(
            "Fahreza Rizky, Jurnalis · Sabtu 18 Juli 2020 06:42 WIB",
            wib(),
        )
        .expect("okezone");
        assert_eq!(okezone.author.as_deref(), Some("Fahreza Rizky"));
        assert_eq!(
            okezone.date.map(|d| d.to_rfc3339()).as_deref(),
            Some("2020-07-18T06:42:00+07:00")
        );
        let merdeka = parse(
            "Reporter : Bachtiarudin Alam | Senin, 5 September 2022 14:05",
            wib(),
        )
        .expect("merdeka");
        assert_eq!(merdeka.author.as_deref(), Some("Bachtiarudin Alam"));
        assert!(merdeka.date.is_some());
        assert_eq!(parse("Jakarta - Presiden Jokowi datang.", wib()), None);
    }
}
