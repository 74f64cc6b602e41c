//! Dates as people write them in front matter and file names: ISO forms, Jekyll's
//! `2013-01-23 19:52:42 +0000`, TOML datetimes, dates alone, and the `YYYY-MM-DD-` prefix of
//! a file name. A date written with an offset keeps it (and so its day); the site's timezone
//! applies only to dates written without one.

use std::path::Path;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Utc};

/// The forms a date is accepted in, for error messages.
pub const DATE_FORMS: &str =
    "2016-02-18, 2016-02-18 09:28, 2016-02-18 09:28:00 +0700 or 2016-02-18T09:28:00+07:00";

/// Why a date was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateProblem {
    NotADate,
    /// A real date, but outside the years 1 to 9999 every output format can write.
    OutOfRange,
}

impl DateProblem {
    /// The end of a message about `key` written as `text`.
    pub fn message(self, key: &str, text: &str) -> String {
        match self {
            DateProblem::NotADate => format!("`{key}` `{text}` is not a date (use {DATE_FORMS})"),
            DateProblem::OutOfRange => {
                format!("`{key}` `{text}` is out of range: years 1 to 9999 only")
            }
        }
    }
}

// Forms carrying their own offset (`%z` reads `+0700` and `+07:00`).
const WITH_OFFSET: [&str; 5] = [
    "%Y-%m-%d %H:%M:%S%.f %z",
    "%Y-%m-%d %H:%M:%S%.f%z",
    "%Y-%m-%dT%H:%M:%S%.f%z",
    "%Y-%m-%d %H:%M %z",
    "%Y-%m-%dT%H:%M%z",
];

// Forms read in the site's timezone.
const LOCAL: [&str; 4] = [
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
];

/// Reads a date in any accepted form; without an offset it is in `tz`.
pub fn read_date(text: &str, tz: FixedOffset) -> Result<DateTime<FixedOffset>, DateProblem> {
    let text = text.trim();
    // `… UTC` and `… GMT` are Jekyll's and Ruby's way of writing +0000.
    let owned;
    let text = match text
        .strip_suffix(" UTC")
        .or_else(|| text.strip_suffix(" GMT"))
    {
        Some(rest) => {
            owned = format!("{rest} +0000");
            owned.as_str()
        }
        None => text,
    };
    let date = DateTime::parse_from_rfc3339(text)
        .ok()
        .or_else(|| {
            WITH_OFFSET
                .iter()
                .find_map(|f| DateTime::parse_from_str(text, f).ok())
        })
        .or_else(|| {
            let local = LOCAL
                .iter()
                .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
                .or_else(|| {
                    NaiveDate::parse_from_str(text, "%Y-%m-%d")
                        .ok()
                        .and_then(|d| d.and_hms_opt(0, 0, 0))
                })?;
            tz.from_local_datetime(&local).single()
        })
        .ok_or(DateProblem::NotADate)?;
    in_range(date, tz)
}

/// `date` if it and its instant in UTC and in `tz` fall in the years 1 to 9999: feeds write
/// RFC 2822 dates, which cannot hold other years.
pub fn in_range(
    date: DateTime<FixedOffset>,
    tz: FixedOffset,
) -> Result<DateTime<FixedOffset>, DateProblem> {
    let ok = |year: i32| (1..=9999).contains(&year);
    if ok(date.year()) && ok(date.with_timezone(&Utc).year()) && ok(date.with_timezone(&tz).year())
    {
        Ok(date)
    } else {
        Err(DateProblem::OutOfRange)
    }
}

/// The date and slug of a file named `YYYY-MM-DD-slug.md` (Jekyll's and Zola's form), or of
/// the folder of a page bundle so named (`2016-02-18-slug/index.md`).
pub fn from_file_name(path: &Path) -> Option<(NaiveDate, &str)> {
    let stem = path.file_stem()?.to_str()?;
    let stem = if stem == "index" {
        path.parent()?.file_name()?.to_str()?
    } else {
        stem
    };
    let mut parts = stem.splitn(4, '-');
    let mut number = |digits: std::ops::RangeInclusive<usize>| -> Option<u32> {
        let part = parts.next()?;
        (digits.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse().ok())?
    };
    let (year, month, day) = (number(4..=4)?, number(1..=2)?, number(1..=2)?);
    let slug = parts.next().filter(|s| !s.is_empty())?;
    let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
    Some((date, slug))
}

/// The day a site path holds as three segments (`2014/12/12/title/`, or Zola blogs'
/// `inside/2020/11/16/title/`): the date of an article that gives none otherwise.
pub fn from_site_path(path: &str) -> Option<NaiveDate> {
    let parts: Vec<&str> = path.split('/').collect();
    parts.windows(3).find_map(|w| {
        let number = |part: &str, len: usize| {
            (part.len() == len && part.bytes().all(|b| b.is_ascii_digit()))
                .then(|| part.parse::<u32>().ok())
                .flatten()
        };
        let year = i32::try_from(number(w[0], 4)?).ok()?;
        NaiveDate::from_ymd_opt(year, number(w[1], 2)?, number(w[2], 2)?)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wib() -> FixedOffset {
        FixedOffset::east_opt(7 * 3600).expect("offset")
    }

    fn rfc(text: &str) -> Result<String, DateProblem> {
        read_date(text, wib()).map(|d| d.to_rfc3339())
    }

    #[test]
    fn dates_parse_in_every_accepted_form() {
        for (text, expected) in [
            ("2016-02-18", "2016-02-18T00:00:00+07:00"),
            ("2016-02-18 09:28", "2016-02-18T09:28:00+07:00"),
            ("2016-02-18T09:28:00", "2016-02-18T09:28:00+07:00"),
            ("2016-02-18T02:28:00Z", "2016-02-18T02:28:00+00:00"),
            ("2013-01-23 19:52:42 +0000", "2013-01-23T19:52:42+00:00"),
            ("2013-01-23 19:52:42 -05:00", "2013-01-23T19:52:42-05:00"),
            ("2013-01-23 19:52:42 UTC", "2013-01-23T19:52:42+00:00"),
            ("2013-01-23 19:52 +0100", "2013-01-23T19:52:00+01:00"),
            (
                "2013-01-23T19:52:42.123+0000",
                "2013-01-23T19:52:42.123+00:00",
            ),
        ] {
            assert_eq!(rfc(text).as_deref(), Ok(expected), "{text}");
        }
        assert_eq!(rfc("2016-02-30"), Err(DateProblem::NotADate));
        assert_eq!(rfc("kemarin"), Err(DateProblem::NotADate));
    }

    #[test]
    fn a_date_with_an_offset_keeps_its_day() {
        let date = read_date("2013-01-23 23:30:00 +0000", wib()).expect("date");
        assert_eq!(date.date_naive().to_string(), "2013-01-23");
    }

    #[test]
    fn dates_outside_the_years_feeds_can_write_are_refused() {
        for text in [
            "-0001-01-01",
            "99999-01-01",
            "0000-01-01",
            "9999-12-31T23:00:00-05:00",
        ] {
            assert!(rfc(text).is_err(), "{text}");
        }
        assert_eq!(rfc("0001-01-01T12:00:00Z").map(|_| ()), Ok(()));
    }

    #[test]
    fn site_paths_starting_with_a_day_give_it() {
        assert_eq!(
            from_site_path("2014/12/12/1.0-Jadwal/").map(|d| d.to_string()),
            Some("2014-12-12".into())
        );
        assert_eq!(
            from_site_path("dalam/2020/11/16/a/").map(|d| d.to_string()),
            Some("2020-11-16".into())
        );
        assert_eq!(from_site_path("berita/2014/12/a/"), None);
        assert_eq!(from_site_path("2014/13/12/a/"), None);
    }

    #[test]
    fn file_names_give_date_and_slug() {
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("date");
        assert_eq!(
            from_file_name(Path::new("content/2001-01-18-stable-snapshot.md")),
            Some((date(2001, 1, 18), "stable-snapshot"))
        );
        assert_eq!(
            from_file_name(Path::new("content/2015-10-8-isoc.markdown")),
            Some((date(2015, 10, 8), "isoc"))
        );
        assert_eq!(
            from_file_name(Path::new("content/2019-05-01-bundel/index.md")),
            Some((date(2019, 5, 1), "bundel"))
        );
        for name in [
            "content/kafe.md",
            "content/2016-13-01-x.md",
            "content/2016-02-18.md",
            "content/1.0-rilis.md",
        ] {
            assert_eq!(from_file_name(Path::new(name)), None, "{name}");
        }
    }
}
