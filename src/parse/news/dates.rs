//! Indonesian dates in running text: `Kamis, 18 Februari 2016`, `Kamis (18/2/2016)`,
//! `18 Feb 2016, 09:28 WIB`, `pukul 17.00 WIB`, with WIB/WITA/WIT as +07/+08/+09.
//!
//! [`find_all`] lists every date it can read in a piece of text, with what surrounds it (a
//! weekday, a time, words that mark it as an earlier or later event); `publication` decides
//! which of them dates the article. Nothing here invents a date.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone};

pub use super::calendar::{is_weekday, month_number};
use super::clock::{clock_at, iso_at, time_then_date};
pub(super) use super::tokens::{Token, is, number, tokenize};

/// A date read from the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub date: DateTime<FixedOffset>,
    /// A weekday was written with it (`Kamis, 18 Februari 2016`).
    pub weekday: bool,
    /// Written as `Kamis (18/2/2016)`, the wire-style reporting date.
    pub parenthesized: bool,
    /// Words around it mark it as another event (`pada`, `sejak`, `lalu`, `mendatang`).
    pub event: bool,
    /// Byte offsets of the whole match (weekday and time included).
    pub start: usize,
    pub end: usize,
}

/// The UTC offset of an Indonesian time zone abbreviation, of `UTC`/`GMT`, or of a
/// neighbouring country's zone (`MYT`, `SGT`).
pub fn zone_offset(word: &str) -> Option<FixedOffset> {
    let hours = match word {
        "WIB" => 7,
        "WITA" => 8,
        "WIT" => 9,
        "UTC" | "GMT" | "Z" => 0,
        // Neighbours' zones, as English-language outlets in the region write them.
        "ICT" => 7,
        "MYT" | "SGT" | "PHT" | "HKT" | "AWST" => 8,
        "JST" | "KST" => 9,
        _ => return None,
    };
    FixedOffset::east_opt(hours * 3600)
}

const EVENT_BEFORE: &[&str] = &[
    "pada",
    "tanggal",
    "sejak",
    "hingga",
    "sampai",
    "mulai",
    "akan",
    "sebelum",
    "setelah",
    "jelang",
    "menjelang",
    "tgl",
];
const TIME_FILLERS: &[&str] = &[
    "sekitar", "pagi", "siang", "sore", "malam", "dini", "hari", "mulai",
];
const EVENT_AFTER: &[&str] = &["lalu", "mendatang", "nanti", "depan", "silam"];

/// Every date in `text`, in order. A date without a time is at midnight; without a zone it
/// is in `default`.
pub fn find_all(text: &str, default: FixedOffset) -> Vec<Found> {
    // Every date form has a digit (day, year or time): most prose lines need no tokens.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    let tokens = tokenize(text);
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if let Some((date, end_i)) = iso_at(&tokens, i, default) {
            found.push(Found {
                date,
                weekday: false,
                parenthesized: false,
                event: false,
                start: tokens[i].start,
                end: tokens[end_i - 1].end,
            });
            i = end_i;
            continue;
        }
        match date_at(&tokens, i) {
            Some((day, after)) => {
                let (weekday_start, weekday) = weekday_before(&tokens, i);
                let parenthesized = weekday && i > 0 && is(&tokens, i - 1, "(");
                let (time, zone, end_i) = time_after(&tokens, after);
                let offset = zone.unwrap_or(default);
                let local = day.and_time(time.unwrap_or(NaiveTime::MIN));
                if let Some(date) = offset.from_local_datetime(&local).single() {
                    let event = marked_as_event(&tokens, weekday_start, after);
                    let start = tokens.get(weekday_start).map_or(0, |t| t.start);
                    let end = tokens
                        .get(end_i.saturating_sub(1))
                        .map_or(text.len(), |t| t.end);
                    found.push(Found {
                        date,
                        weekday,
                        parenthesized,
                        event,
                        start,
                        end,
                    });
                }
                i = end_i.max(i + 1);
            }
            None => match time_then_date(&tokens, i, default) {
                Some((date, end_i)) => {
                    found.push(Found {
                        date,
                        weekday: false,
                        parenthesized: false,
                        event: false,
                        start: tokens[i].start,
                        end: tokens.get(end_i - 1).map_or(text.len(), |t| t.end),
                    });
                    i = end_i;
                }
                None => i += 1,
            },
        }
    }
    found
}

// `18 Februari 2016`, `18 Feb 2016`, `18/2/2016`, `18-02-2016` or `2016-02-18` starting at
// token `i`: the date and the index of the token after it.
pub(super) fn date_at(tokens: &[Token<'_>], i: usize) -> Option<(NaiveDate, usize)> {
    let first = tokens.get(i)?;
    // English order: `March 19, 2020`, `Apr 22, 2022`.
    if let Some(month) = month_number(first.text) {
        let day = number(tokens.get(i + 1)?, 2)?;
        let j = after_ordinal(tokens, i + 2);
        let j = if is(tokens, j, ",") { j + 1 } else { j };
        let year = number(tokens.get(j)?, 4).filter(|y| *y >= 1900)?;
        let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
        return Some((date, j + 1));
    }
    if let Some(day) = number(first, 2) {
        let m = after_ordinal(tokens, i + 1);
        let month_token = tokens.get(m)?;
        if let Some(month) = month_number(month_token.text) {
            let mut j = m + 1;
            if is(tokens, j, ".") {
                j += 1; // `18 Feb. 2016`
            }
            let year = number(tokens.get(j)?, 4).filter(|y| *y >= 1900)?;
            let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
            return Some((date, j + 1));
        }
        for sep in ["/", "-", "."] {
            if is(tokens, i + 1, sep) && is(tokens, i + 3, sep) {
                let month = number(tokens.get(i + 2)?, 2)?;
                let year = number(tokens.get(i + 4)?, 4).filter(|y| *y >= 1900)?;
                let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
                return Some((date, i + 5));
            }
        }
        return None;
    }
    let year = number(first, 4).filter(|y| *y >= 1900)?;
    if is(tokens, i + 1, "-") && is(tokens, i + 3, "-") {
        let month = number(tokens.get(i + 2)?, 2)?;
        let day = number(tokens.get(i + 4)?, 2)?;
        let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
        return Some((date, i + 5));
    }
    None
}

// Past an English ordinal suffix (`2nd`, `21st`) at token `i`, if there is one.
fn after_ordinal(tokens: &[Token<'_>], i: usize) -> usize {
    match tokens.get(i).map(|t| t.text) {
        Some("st" | "nd" | "rd" | "th") => i + 1,
        _ => i,
    }
}

// A weekday just before the date (`Kamis, 18`, `Kamis 18`, `Kamis (18/2/2016)`).
fn weekday_before(tokens: &[Token<'_>], i: usize) -> (usize, bool) {
    let mut j = i;
    if j > 0 && matches!(tokens[j - 1].text, "," | "(") {
        j -= 1;
    }
    // `Jum'at` arrives as `Jum`, `'`, `at`.
    if j >= 3
        && tokens[j - 1].text.eq_ignore_ascii_case("at")
        && matches!(tokens[j - 2].text, "'" | "’")
        && tokens[j - 3].text.eq_ignore_ascii_case("jum")
    {
        return (j - 3, true);
    }
    if j > 0 && is_weekday(tokens[j - 1].text) {
        return (j - 1, true);
    }
    (i, false)
}

// A time after the date: `, 09:28 WIB`, `pukul 17.00 WIB`, `| 10:15 WITA`, `jam 9.30`.
// Returns the time, its zone, and the index of the first token after everything read.
fn time_after(
    tokens: &[Token<'_>],
    mut i: usize,
) -> (Option<NaiveTime>, Option<FixedOffset>, usize) {
    if is(tokens, i, ")") {
        i += 1;
    }
    let mut j = i;
    while tokens
        .get(j)
        .is_some_and(|t| matches!(t.text, "," | "|" | "-" | "–" | "/"))
    {
        j += 1;
    }
    let clock_word =
        |t: &Token<'_>| matches!(t.text.to_lowercase().as_str(), "pukul" | "jam" | "pkl");
    // `Kamis (18/2/2016) sekitar pukul 17.00 WIB`: a few words may come before `pukul`.
    let fillers = tokens[j.min(tokens.len())..]
        .iter()
        .take(3)
        .take_while(|t| TIME_FILLERS.contains(&t.text.to_lowercase().as_str()))
        .count();
    if tokens.get(j + fillers).is_some_and(clock_word) {
        j += fillers + 1;
        if is(tokens, j, ".") {
            j += 1;
        }
    }
    match clock_at(tokens, j) {
        Some((time, zone, after, _)) => (Some(time), zone, after),
        None => (None, None, i),
    }
}

fn marked_as_event(tokens: &[Token<'_>], start: usize, after: usize) -> bool {
    let before = tokens[start.saturating_sub(2)..start]
        .iter()
        .any(|t| EVENT_BEFORE.contains(&t.text.to_lowercase().as_str()));
    let following = tokens
        .get(after..(after + 3).min(tokens.len()))
        .unwrap_or_default()
        .iter()
        .take_while(|t| !matches!(t.text, "." | ";"))
        .any(|t| EVENT_AFTER.contains(&t.text.to_lowercase().as_str()));
    before || following
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wib() -> FixedOffset {
        FixedOffset::east_opt(7 * 3600).expect("offset")
    }

    fn dates(text: &str) -> Vec<String> {
        find_all(text, wib())
            .iter()
            .map(|f| f.date.to_rfc3339())
            .collect()
    }

    #[test]
    fn indonesian_forms_are_read() {
        assert_eq!(
            dates("Jakarta, Kamis, 18 Februari 2016."),
            ["2016-02-18T00:00:00+07:00"]
        );
        assert_eq!(
            dates("siaran pers, Kamis (18/2/2016)."),
            ["2016-02-18T00:00:00+07:00"]
        );
        assert_eq!(
            dates("diperbarui 18 Feb 2016, 09:28 WIB"),
            ["2016-02-18T09:28:00+07:00"]
        );
        assert_eq!(
            dates("Rabu, 17 Februari 2016, pukul 17.00 WITA"),
            ["2016-02-17T17:00:00+08:00"]
        );
        assert_eq!(
            dates("Kamis (18/2/2016) sekitar pukul 17.00 WIB, dan 18 Feb 2016 malam hari"),
            ["2016-02-18T17:00:00+07:00", "2016-02-18T00:00:00+07:00"]
        );
        assert_eq!(
            dates("Jum'at, 3 Maret 2017 jam 08.15 WIT"),
            ["2017-03-03T08:15:00+09:00"]
        );
        assert_eq!(
            dates("2016-02-18 dan 31 Februari 2016"),
            ["2016-02-18T00:00:00+07:00"]
        );
    }

    #[test]
    fn english_forms_with_meridiem_and_zones_are_read() {
        assert_eq!(
            dates("March 19, 2020 3:42 PM GMT+7"),
            ["2020-03-19T15:42:00+07:00"]
        );
        assert_eq!(
            dates("Jakarta / Thu, January 2, 2020 / 11:37 am"),
            ["2020-01-02T11:37:00+07:00"]
        );
        assert_eq!(
            dates("December 3, 2020 8:15 AM UTC"),
            ["2020-12-03T08:15:00+00:00"]
        );
        assert_eq!(
            dates("Apr 22, 2022 | 12:05 am"),
            ["2022-04-22T00:05:00+07:00"]
        );
        assert!(dates("Mei 2020 dan March lalu").is_empty());
        assert_eq!(
            dates("Published 10:20 AM GMT+7, October 27, 2020"),
            ["2020-10-27T10:20:00+07:00"]
        );
        assert_eq!(
            dates("pukul 10.00, 5 Mei 2020"),
            ["2020-05-05T00:00:00+07:00"]
        );
    }

    #[test]
    fn iso_seconds_glued_meridiem_ordinals_and_neighbours_zones() {
        assert_eq!(
            dates("2020-02-03T10:15:00+07:00"),
            ["2020-02-03T10:15:00+07:00"]
        );
        assert_eq!(
            dates("2020-02-03T03:15:00.250Z"),
            ["2020-02-03T03:15:00+00:00"]
        );
        assert_eq!(dates("2020-02-03T10:15"), ["2020-02-03T10:15:00+07:00"]);
        assert_eq!(
            dates("Source: Xinhua | 2020-02-03 10:15:00 | Editor"),
            ["2020-02-03T10:15:00+07:00"]
        );
        assert_eq!(
            dates("03 Feb 2020 10:15AM (Updated: 03 Feb 2020 02:30PM)"),
            ["2020-02-03T10:15:00+07:00", "2020-02-03T14:30:00+07:00"]
        );
        assert_eq!(dates("2nd February 2020"), ["2020-02-02T00:00:00+07:00"]);
        assert_eq!(dates("February 21st, 2020"), ["2020-02-21T00:00:00+07:00"]);
        assert_eq!(
            dates("Monday, 03 Feb 2020 10:15 AM MYT"),
            ["2020-02-03T10:15:00+08:00"]
        );
        assert!(dates("pukul 10.00-12.00 tanpa tanggal").is_empty());
    }

    #[test]
    fn weekday_and_event_markers_are_noted() {
        let found = find_all(
            "serangan pada 14 Januari 2016 lalu, kata dia, Kamis (18/2/2016)",
            wib(),
        );
        assert_eq!(found.len(), 2);
        assert!(found[0].event && !found[0].weekday);
        assert!(found[1].weekday && found[1].parenthesized && !found[1].event);
    }
}
