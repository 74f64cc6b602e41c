//! Interface strings and date formatting per language (`id` Indonesian, `en` English).
//!
//! Templates receive a ready table of strings (`t.home`, `t.next_page`, …), built once from the
//! built-in table for `language` with the site's `[strings]` overrides applied, and dates
//! already written out in that language.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Timelike};

use crate::urls::push_zero_padded;

/// Every key a theme may use, with its Indonesian and English text.
const STRINGS: &[(&str, &str, &str)] = &[
    ("home", "Beranda", "Home"),
    ("archive", "Arsip", "Archive"),
    ("archive_title", "Arsip berita", "News archive"),
    ("tags", "Tag", "Tags"),
    ("tag", "Tag", "Tag"),
    ("all_tags", "Semua tag", "All tags"),
    ("feed", "RSS", "RSS"),
    ("feed_of", "Umpan RSS", "RSS feed"),
    ("latest", "Berita terbaru", "Latest news"),
    ("next_page", "Halaman berikutnya", "Next page"),
    ("prev_page", "Halaman sebelumnya", "Previous page"),
    ("page", "Halaman", "Page"),
    ("of", "dari", "of"),
    ("newer_article", "Berita lebih baru", "Newer article"),
    ("older_article", "Berita sebelumnya", "Older article"),
    ("by", "Oleh", "By"),
    ("editor", "Editor", "Editor"),
    ("source", "Sumber", "Source"),
    ("published", "Diterbitkan", "Published"),
    ("updated", "Diperbarui", "Updated"),
    ("articles", "berita", "articles"),
    ("articles_on", "Berita pada", "Articles on"),
    ("more_on_day", "Berita lain hari ini", "More from this day"),
    ("months", "Bulan", "Months"),
    ("days", "Hari", "Days"),
    ("photo", "Foto", "Photo"),
    ("no_articles", "Belum ada berita.", "No articles yet."),
    (
        "not_found_title",
        "Halaman tidak ditemukan",
        "Page not found",
    ),
    (
        "not_found_text",
        "Halaman yang Anda cari tidak ada di arsip ini.",
        "The page you are looking for is not in this archive.",
    ),
    ("back_home", "Kembali ke beranda", "Back to the home page"),
    ("skip_to_content", "Langsung ke isi", "Skip to content"),
    ("navigation", "Navigasi", "Navigation"),
    ("pagination", "Halaman daftar", "Pages"),
];

const MONTHS_ID: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const DAYS_ID: [&str; 7] = [
    "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu",
];
const DAYS_EN: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// The interface language of a site: its strings and date names.
#[derive(Debug, Clone)]
pub struct Locale {
    english: bool,
    strings: BTreeMap<String, String>,
}

impl Locale {
    /// The locale for `language` (a tag starting `id`/`in` is Indonesian, `en` English, any
    /// other falls back to English strings), with `overrides` applied per key.
    ///
    /// Fails with the unknown key's name when an override names no string of the table.
    pub fn new(language: &str, overrides: &BTreeMap<String, String>) -> Result<Locale, String> {
        let primary = language
            .split('-')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let english = !matches!(primary.as_str(), "id" | "in");
        let mut strings: BTreeMap<String, String> = STRINGS
            .iter()
            .map(|(key, id, en)| (key.to_string(), if english { en } else { id }.to_string()))
            .collect();
        for (key, text) in overrides {
            match strings.get_mut(key) {
                Some(slot) => *slot = text.clone(),
                None => {
                    let known: Vec<&str> = STRINGS.iter().map(|(k, _, _)| *k).collect();
                    return Err(format!(
                        "[strings] has unknown key `{key}`; known keys: {}",
                        known.join(", ")
                    ));
                }
            }
        }
        Ok(Locale { english, strings })
    }

    /// The table handed to templates as `t`.
    pub fn strings(&self) -> &BTreeMap<String, String> {
        &self.strings
    }

    pub fn month_name(&self, month: u32) -> &'static str {
        let names = if self.english { &MONTHS_EN } else { &MONTHS_ID };
        names[(month.clamp(1, 12) - 1) as usize]
    }

    fn weekday_name(&self, date: NaiveDate) -> &'static str {
        let names = if self.english { &DAYS_EN } else { &DAYS_ID };
        names[date.weekday().num_days_from_monday() as usize]
    }

    /// `Kamis, 18 Februari 2016` / `Thursday, 18 February 2016`.
    pub fn long_date(&self, date: NaiveDate) -> String {
        let weekday = self.weekday_name(date);
        let mut out = String::with_capacity(weekday.len() + 24);
        out.push_str(weekday);
        out.push_str(", ");
        push_day_month_year(&mut out, date, self.month_name(date.month()));
        out
    }

    /// `18 Feb 2016`.
    pub fn short_date(&self, date: NaiveDate) -> String {
        let mut out = String::with_capacity(16);
        push_day_month_year(&mut out, date, abbreviated(self.month_name(date.month())));
        out
    }

    /// `Februari 2016`.
    pub fn month_year(&self, year: i32, month: u32) -> String {
        format!("{} {}", self.month_name(month), year)
    }

    /// `09:28 WIB` in Indonesian (WIB, WITA, WIT for +07, +08, +09), `09:28 +07:00` otherwise.
    pub fn time(&self, datetime: &DateTime<FixedOffset>) -> String {
        let zone = match (self.english, datetime.offset().local_minus_utc()) {
            (false, 25200) => "WIB".to_string(),
            (false, 28800) => "WITA".to_string(),
            (false, 32400) => "WIT".to_string(),
            _ => datetime.format("%:z").to_string(),
        };
        format!("{:02}:{:02} {zone}", datetime.hour(), datetime.minute())
    }

    /// Formats with a strftime pattern, with `%A`, `%a`, `%B`, `%b` in this language.
    pub fn format(&self, datetime: &DateTime<FixedOffset>, pattern: &str) -> String {
        let date = datetime.date_naive();
        let month = self.month_name(date.month());
        let weekday = self.weekday_name(date);
        let pattern = pattern
            .replace("%A", weekday)
            .replace("%a", abbreviated(weekday))
            .replace("%B", month)
            .replace("%b", abbreviated(month));
        let mut out = String::new();
        // A bad pattern from a template is reported, not a panic inside chrono's Display.
        if std::fmt::write(&mut out, format_args!("{}", datetime.format(&pattern))).is_err() {
            return datetime.to_rfc3339();
        }
        out
    }
}

/// Appends `18 Februari 2016`, the month named `month`. Pushed, not `format!`ted: every
/// summary on every listing prints two dates, and `format!` took ~1,600 instructions a date.
fn push_day_month_year(out: &mut String, date: NaiveDate, month: &str) {
    push_zero_padded(out, date.day().into(), 1);
    out.push(' ');
    out.push_str(month);
    out.push(' ');
    push_zero_padded(out, date.year().into(), 1);
}

/// The first three letters of a day or month name: `Feb`, `Kam`.
fn abbreviated(name: &str) -> &str {
    name.char_indices()
        .nth(3)
        .map_or(name, |(end, _)| &name[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_written_as_display_writes_them() {
        for n in [
            0,
            1,
            9,
            10,
            31,
            99,
            100,
            2016,
            -1,
            -2016,
            i32::MAX,
            i32::MIN,
        ] {
            let mut out = String::from("x");
            push_zero_padded(&mut out, n.into(), 1);
            assert_eq!(out, format!("x{n}"));
        }
    }

    #[test]
    fn dates_at_the_edges_of_days_months_and_years() {
        let locale = Locale::new("id", &BTreeMap::new()).expect("locale");
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("date");
        assert_eq!(locale.long_date(day(2010, 1, 1)), "Jumat, 1 Januari 2010");
        assert_eq!(locale.short_date(day(2020, 12, 31)), "31 Des 2020");
        assert_eq!(locale.short_date(day(999, 5, 9)), "9 Mei 999");
        let english = Locale::new("en", &BTreeMap::new()).expect("locale");
        assert_eq!(
            english.long_date(day(2024, 2, 29)),
            "Thursday, 29 February 2024"
        );
        assert_eq!(english.short_date(day(2024, 9, 30)), "30 Sep 2024");
    }

    fn date() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2016-02-18T09:28:00+07:00").expect("date")
    }

    #[test]
    fn indonesian_dates_and_strings() {
        let locale = Locale::new("id", &BTreeMap::new()).expect("locale");
        assert_eq!(
            locale.long_date(date().date_naive()),
            "Kamis, 18 Februari 2016"
        );
        assert_eq!(locale.short_date(date().date_naive()), "18 Feb 2016");
        assert_eq!(locale.time(&date()), "09:28 WIB");
        assert_eq!(locale.strings()["home"], "Beranda");
        assert_eq!(locale.format(&date(), "%a %d %b %Y"), "Kam 18 Feb 2016");
    }

    #[test]
    fn english_dates_and_strings() {
        let locale = Locale::new("en-GB", &BTreeMap::new()).expect("locale");
        assert_eq!(
            locale.long_date(date().date_naive()),
            "Thursday, 18 February 2016"
        );
        assert_eq!(locale.time(&date()), "09:28 +07:00");
        assert_eq!(locale.strings()["next_page"], "Next page");
    }

    #[test]
    fn overrides_replace_strings_and_unknown_keys_are_errors() {
        let overrides = BTreeMap::from([("home".to_string(), "Depan".to_string())]);
        assert_eq!(
            Locale::new("id", &overrides).expect("locale").strings()["home"],
            "Depan"
        );
        let bad = BTreeMap::from([("homee".to_string(), "x".to_string())]);
        assert!(
            Locale::new("id", &bad)
                .expect_err("unknown")
                .contains("homee")
        );
    }

    #[test]
    fn invalid_strftime_pattern_does_not_panic() {
        let locale = Locale::new("id", &BTreeMap::new()).expect("locale");
        assert_eq!(locale.format(&date(), "%Q"), "2016-02-18T09:28:00+07:00");
    }
}
