//! Clock times in dates: `09:28`, `17.00 WIB`, `3:42 PM GMT+7`, `11:37 am`, and a time
//! written before its date (`10:20 AM GMT+7, October 27, 2020`). Used by [`super::dates`].

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone};

use super::dates::{Token, date_at, is, number, zone_offset};

// A zone at token `i`: `WIB`, `UTC`, `GMT+7`, `GMT-5`. Returns it and the next index.
fn zone_at(tokens: &[Token<'_>], i: usize) -> Option<(FixedOffset, usize)> {
    let zone = zone_offset(tokens.get(i)?.text)?;
    let sign = match tokens.get(i + 1).map(|t| t.text) {
        Some("+") => 1,
        Some("-") => -1,
        _ => return Some((zone, i + 1)),
    };
    match tokens.get(i + 2).and_then(|t| number(t, 2)) {
        Some(hours) if hours <= 14 => {
            let seconds = sign * i32::try_from(hours * 3600).ok()?;
            Some((FixedOffset::east_opt(seconds)?, i + 3))
        }
        _ => Some((zone, i + 1)),
    }
}

// `am`/`pm` after a clock time: the 24-hour hour and the next index.
fn meridiem(tokens: &[Token<'_>], i: usize, hour: u32) -> (u32, usize) {
    match tokens.get(i).map(|t| t.text.to_lowercase()).as_deref() {
        Some("pm") if hour < 12 => (hour + 12, i + 1),
        Some("am") if hour == 12 => (0, i + 1),
        Some("am" | "pm") => (hour, i + 1),
        _ => (hour, i),
    }
}

// A clock time at token `j`: `09:28`, `17.00 WIB`, `3:42 PM GMT+7`. Returns the time, its
// zone, the next index, and whether it was marked (am/pm or a zone).
pub(super) fn clock_at(
    tokens: &[Token<'_>],
    j: usize,
) -> Option<(NaiveTime, Option<FixedOffset>, usize, bool)> {
    let hour = number(tokens.get(j)?, 2)?;
    if !(is(tokens, j + 1, ":") || is(tokens, j + 1, ".")) {
        return None;
    }
    let minute = number(tokens.get(j + 2)?, 2)?;
    // Seconds are read past and dropped (`10:15:00`).
    let k = match tokens.get(j + 4) {
        Some(t) if is(tokens, j + 3, ":") && number(t, 2).is_some() => j + 5,
        _ => j + 3,
    };
    let (hour, after) = meridiem(tokens, k, hour);
    let time = NaiveTime::from_hms_opt(hour, minute, 0)?;
    Some(match zone_at(tokens, after) {
        Some((zone, next)) => (time, Some(zone), next, true),
        None => (time, None, after, after > k),
    })
}

// `10:20 AM GMT+7, October 27, 2020`: a marked time, a comma, then the date.
pub(super) fn time_then_date(
    tokens: &[Token<'_>],
    i: usize,
    default: FixedOffset,
) -> Option<(DateTime<FixedOffset>, usize)> {
    let (time, zone, after, marked) = clock_at(tokens, i)?;
    if !marked || !is(tokens, after, ",") {
        return None;
    }
    let (day, end) = date_at(tokens, after + 1)?;
    let date = zone
        .unwrap_or(default)
        .from_local_datetime(&day.and_time(time))
        .single()?;
    Some((date, end))
}

// `2020-02-03T10:15:00+07:00`, `2020-02-03T03:15Z`: an ISO 8601 date and time joined by `T`,
// with its offset (or in `default` without one). Returns it and the next index.
pub(super) fn iso_at(
    tokens: &[Token<'_>],
    i: usize,
    default: FixedOffset,
) -> Option<(DateTime<FixedOffset>, usize)> {
    let year = number(tokens.get(i)?, 4).filter(|y| *y >= 1900)?;
    if !(is(tokens, i + 1, "-") && is(tokens, i + 3, "-") && is(tokens, i + 5, "T")) {
        return None;
    }
    let month = number(tokens.get(i + 2)?, 2)?;
    let day = number(tokens.get(i + 4)?, 2)?;
    let (time, zone, mut next, _) = clock_at(tokens, i + 6)?;
    // A fraction of a second (`.250`).
    if is(tokens, next, ".") && tokens.get(next + 1).is_some_and(|t| number(t, 9).is_some()) {
        next += 2;
    }
    let (offset, next) = match zone {
        Some(zone) => (zone, next),
        None if is(tokens, next, "Z") => (FixedOffset::east_opt(0)?, next + 1),
        None => numeric_offset(tokens, next).unwrap_or((default, next)),
    };
    let day = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
    let date = offset.from_local_datetime(&day.and_time(time)).single()?;
    Some((date, next))
}

// `+07:00`, `+0700`, `-05:00` at token `i`: the offset and the next index.
fn numeric_offset(tokens: &[Token<'_>], i: usize) -> Option<(FixedOffset, usize)> {
    let sign = match tokens.get(i)?.text {
        "+" => 1,
        "-" => -1,
        _ => return None,
    };
    let digits = tokens.get(i + 1)?;
    let (hours, minutes, next) = match digits.text.len() {
        4 => {
            let n = number(digits, 4)?;
            (n / 100, n % 100, i + 2)
        }
        2 if is(tokens, i + 2, ":") => (number(digits, 2)?, number(tokens.get(i + 3)?, 2)?, i + 4),
        2 => (number(digits, 2)?, 0, i + 2),
        _ => return None,
    };
    let seconds = sign * i32::try_from(hours * 3600 + minutes * 60).ok()?;
    Some((FixedOffset::east_opt(seconds)?, next))
}
