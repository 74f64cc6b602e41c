//! Which date dates an article: a header line holding only a date, or, failing bylines and
//! such lines, the reporting date among the dates in its paragraphs.

use chrono::{DateTime, FixedOffset};

use super::dates::{find_all, is_weekday, month_number};
use super::lines::{more_words_than, words_lower};
use super::profiles::is_outlet_name;

/// The dates a header line gives: publication, last update, or both
/// (`Published: Apr 22, 2022 | Updated: Apr 23, 2022`).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct HeaderDates {
    pub published: Option<DateTime<FixedOffset>>,
    pub updated: Option<DateTime<FixedOffset>>,
}

const LABEL_WORDS: &[&str] = &[
    "diperbarui",
    "dipublikasikan",
    "diterbitkan",
    "terbit",
    "published",
    "updated",
    "update",
    "tayang",
    "pada",
    "dibuat",
    "posted",
];
const MAX_HEADER_WORDS: usize = 20;
const UPDATE_WORDS: &[&str] = &["diperbarui", "updated", "update"];

// Text between dates on a header line: labels, punctuation, or the outlet's name.
fn is_filler(piece: &str) -> bool {
    let bare = piece.trim_matches(|c: char| !c.is_alphanumeric());
    bare.is_empty()
        || bare
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .all(|w| LABEL_WORDS.iter().any(|l| w.eq_ignore_ascii_case(l)))
        || is_outlet_name(bare)
}

/// Reads `line` as a header line holding only dates, labels and the outlet's name
/// (`Kompas.com - 14/01/2019, 10:15 WIB`, `Diperbarui 18 Feb 2016, 09:28 WIB`).
pub fn header_dates(line: &str, default: FixedOffset) -> Option<HeaderDates> {
    // A header line is short: prose need not be tokenized here (most lines are prose).
    if more_words_than(line, MAX_HEADER_WORDS) || !may_open_with_date(line) {
        return None;
    }
    let found = find_all(line, default);
    let mut dates = HeaderDates::default();
    let mut at = 0;
    for f in &found {
        let piece = line.get(at..f.start)?;
        if !is_filler(piece) {
            return None;
        }
        let updated = words_lower(piece)
            .last()
            .is_some_and(|w| UPDATE_WORDS.contains(&w.as_str()));
        let slot = if updated {
            &mut dates.updated
        } else {
            &mut dates.published
        };
        slot.get_or_insert(f.date);
        at = f.end;
    }
    let rest_ok = line
        .get(at..)
        .is_some_and(|rest| rest.chars().all(|c| !c.is_alphanumeric()));
    (!found.is_empty() && rest_ok).then_some(dates)
}

// Whether `line` can open as a header line does: before its first digit, only filler (labels,
// the outlet's name) and a date's own words (a weekday, a month). Most prose fails here
// without being searched for dates.
fn may_open_with_date(line: &str) -> bool {
    let Some(first_digit) = line.bytes().position(|b| b.is_ascii_digit()) else {
        return false;
    };
    let mut prefix = &line[..first_digit];
    loop {
        let trimmed = prefix.trim_end_matches(|c: char| !c.is_alphanumeric());
        let start = trimmed
            .char_indices()
            .rev()
            .find(|(_, c)| !c.is_alphanumeric())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let word = &trimmed[start..];
        let date_word = is_weekday(word)
            || month_number(word).is_some()
            || word.eq_ignore_ascii_case("jum")
            || word.eq_ignore_ascii_case("at");
        if word.is_empty() || !date_word {
            return is_filler(trimmed);
        }
        prefix = &trimmed[..start];
    }
}

/// Picks the reporting date among the dates found in an article's paragraphs (in order).
///
/// A weekday-bearing date outranks a bare one, the wire form `Kamis (18/2/2016)` outranks
/// both, dates in the first three paragraphs are preferred, and dates marked as other events
/// (`pada ...`, `... lalu`, `... mendatang`) rank lowest; ties go to the earliest.
pub fn choose(paragraphs: &[String], default: FixedOffset) -> Option<DateTime<FixedOffset>> {
    let mut best: Option<(i32, DateTime<FixedOffset>)> = None;
    for (index, paragraph) in paragraphs.iter().enumerate() {
        for found in find_all(paragraph, default) {
            let mut score = 0;
            if found.weekday {
                score += 4;
            }
            if found.parenthesized {
                score += 2;
            }
            if index < 3 {
                score += 2;
            }
            if found.event {
                score -= 5;
            }
            if best.as_ref().is_none_or(|(s, _)| score > *s) {
                best = Some((score, found.date));
            }
        }
    }
    best.map(|(_, date)| date)
}

/// Whether `line` holds nothing but a date (and time), as a dateline header does
/// (`Kamis, 18 Februari 2016 | 10:15 WIB`, `Diperbarui 18 Feb 2016, 09:28 WIB`).
pub fn date_line(line: &str, default: FixedOffset) -> Option<DateTime<FixedOffset>> {
    header_dates(line, default).and_then(|dates| dates.published.or(dates.updated))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wib() -> FixedOffset {
        FixedOffset::east_opt(7 * 3600).expect("offset")
    }

    #[test]
    fn reporting_date_beats_earlier_and_later_events() {
        let paragraphs = [
            "Final digelar pada Sabtu, 17 Desember 2016 mendatang.".to_string(),
            "Serangan terjadi 14 Januari 2016 lalu, kata dia di Jakarta, Selasa, 15 November 2016."
                .to_string(),
        ];
        let date = choose(&paragraphs, wib()).map(|d| d.to_rfc3339());
        assert_eq!(date.as_deref(), Some("2016-11-15T00:00:00+07:00"));
        assert_eq!(choose(&["tanpa tanggal".to_string()], wib()), None);
    }

    #[test]
    fn date_lines_hold_only_a_date() {
        let date = date_line("Kamis, 18 Februari 2016 | 10:15 WIB", wib()).map(|d| d.to_rfc3339());
        assert_eq!(date.as_deref(), Some("2016-02-18T10:15:00+07:00"));
        assert!(date_line("Diperbarui 18 Feb 2016, 09:28 WIB", wib()).is_some());
        assert!(date_line("Pada 18 Februari 2016 Jokowi datang", wib()).is_none());
    }

    #[test]
    fn header_lines_tell_publication_from_update() {
        let dates =
            header_dates("Published: Apr 22, 2022 | Updated: Apr 23, 2022", wib()).expect("header");
        assert_eq!(
            dates.published.map(|d| d.to_rfc3339()).as_deref(),
            Some("2022-04-22T00:00:00+07:00")
        );
        assert_eq!(
            dates.updated.map(|d| d.to_rfc3339()).as_deref(),
            Some("2022-04-23T00:00:00+07:00")
        );
        let kompas = header_dates("Kompas.com - 14/01/2019, 10:15 WIB", wib()).expect("kompas");
        assert_eq!(
            kompas.published.map(|d| d.to_rfc3339()).as_deref(),
            Some("2019-01-14T10:15:00+07:00")
        );
        assert!(header_dates("Jokowi - 14/01/2019", wib()).is_none());
    }
}
