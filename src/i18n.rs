//! Interface strings and date formatting per language (`id` Indonesian, `en` English).
//!
//! Templates receive a ready table of strings (`t.home`, `t.next_page`, …), built once from the
//! built-in table for `language` with the site's `[strings]` overrides applied, and dates
//! already written out in that language.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Timelike};

use crate::urls::push_zero_padded;

/// Every key a theme may use, with its Indonesian and English text.
pub(crate) const STRINGS: &[(&str, &str, &str)] = &[
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
    // Counts, by plural category (`{n}` is the number): English says `1 article` and
    // `2 articles`; Indonesian has one form, so its `_one` is never chosen.
    ("articles_one", "{n} berita", "{n} article"),
    ("articles_other", "{n} berita", "{n} articles"),
    ("articles_on", "Berita pada", "Articles on"),
    ("more_on_day", "Berita lain hari ini", "More from this day"),
    ("minutes_read_one", "{n} menit baca", "{n} min read"),
    ("minutes_read_other", "{n} menit baca", "{n} min read"),
    ("contents", "Daftar isi", "Contents"),
    ("related", "Berita terkait", "Related articles"),
    ("search", "Cari", "Search"),
    ("search_label", "Cari berita", "Search articles"),
    (
        "search_results",
        "{n} hasil untuk {q}",
        "{n} results for {q}",
    ),
    (
        "search_none",
        "Tidak ada hasil untuk {q}.",
        "No results for {q}.",
    ),
    (
        "search_common",
        "Kata terlalu umum, diabaikan: {w}",
        "Words too common, left out: {w}",
    ),
    ("search_loading", "Mencari…", "Searching…"),
    (
        "search_failed",
        "Indeks pencarian tidak dapat dimuat.",
        "The search index could not be loaded.",
    ),
    (
        "search_no_script",
        "Pencarian memerlukan JavaScript.",
        "Search needs JavaScript.",
    ),
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
        let english = !is_indonesian(language);
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

    /// `n` with the string `key` in the plural form the language uses for it: the key
    /// `{key}_one` or `{key}_other` of the table, `{n}` replaced by the number. English has
    /// two forms (one, other), Indonesian one (other). `None` when the table has neither.
    pub fn count(&self, n: u64, key: &str) -> Option<String> {
        let category = if self.english && n == 1 {
            "one"
        } else {
            "other"
        };
        let text = self
            .strings
            .get(&format!("{key}_{category}"))
            .or_else(|| self.strings.get(&format!("{key}_other")))?;
        Some(text.replace("{n}", &n.to_string()))
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

/// Whether the language tag is Indonesian (`id`, `id-ID`, or the old code `in`).
pub fn is_indonesian(language: &str) -> bool {
    let primary = language.split('-').next().unwrap_or("");
    primary.eq_ignore_ascii_case("id") || primary.eq_ignore_ascii_case("in")
}

/// The languages with built-in strings and date names.
pub const LANGUAGES: &[&str] = &["en", "id"];

/// A note for a site whose `language` has no built-in strings (`fr`): which languages have
/// them, that English is used, and how to supply the rest. `None` for `id`, `en` and their
/// variants, or when `overrides` (the site's `[strings]`) replace every string.
pub fn language_note(language: &str, overrides: &BTreeMap<String, String>) -> Option<String> {
    let primary = language
        .split('-')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    if matches!(primary.as_str(), "id" | "in" | "en")
        || STRINGS
            .iter()
            .all(|(key, _, _)| overrides.contains_key(*key))
    {
        return None;
    }
    Some(format!(
        "language `{language}` has no built-in strings (built in: {}); English strings and \
         date names are used where [strings] gives none",
        LANGUAGES.join(", ")
    ))
}

/// The first strftime specifier of `pattern` that is not one (`%Q`), or `None` when every
/// specifier is known, so a typo fails the build instead of printing a raw date.
pub fn unknown_specifier(pattern: &str) -> Option<&str> {
    use chrono::format::{Item, StrftimeItems};
    let parses = |spec: &str| !StrftimeItems::new(spec).any(|item| matches!(item, Item::Error));
    if parses(pattern) {
        return None;
    }
    let mut rest = pattern;
    while let Some(start) = rest.find('%') {
        let spec = &rest[start..];
        if let Some(after) = spec.strip_prefix("%%") {
            rest = after;
            continue;
        }
        // A specifier is `%`, up to two flag or width characters, and a letter.
        let ends: Vec<usize> = spec
            .char_indices()
            .skip(1)
            .take(3)
            .map(|(i, c)| i + c.len_utf8())
            .collect();
        if !ends.iter().any(|&end| parses(&spec[..end])) {
            return Some(ends.first().map_or(spec, |&end| &spec[..end]));
        }
        rest = &spec[1..];
    }
    Some(pattern)
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
    fn counts_take_the_plural_form_of_the_language() {
        let english = Locale::new("en", &BTreeMap::new()).expect("locale");
        assert_eq!(english.count(1, "articles").as_deref(), Some("1 article"));
        assert_eq!(english.count(0, "articles").as_deref(), Some("0 articles"));
        assert_eq!(
            english.count(21, "articles").as_deref(),
            Some("21 articles")
        );
        let indonesian = Locale::new("id", &BTreeMap::new()).expect("locale");
        assert_eq!(indonesian.count(1, "articles").as_deref(), Some("1 berita"));
        assert_eq!(indonesian.count(2, "articles").as_deref(), Some("2 berita"));
        assert_eq!(english.count(2, "nothing"), None);
    }

    #[test]
    fn unknown_strftime_specifiers_are_found() {
        assert_eq!(unknown_specifier("%A, %d %B %Y %H:%M %-d %:z %%Q"), None);
        assert_eq!(unknown_specifier("%d %Q %Y"), Some("%Q"));
        assert_eq!(unknown_specifier("%d %"), Some("%"));
    }

    #[test]
    fn languages_without_strings_get_a_note() {
        let none = BTreeMap::new();
        assert_eq!(language_note("en-GB", &none), None);
        assert_eq!(language_note("id", &none), None);
        let note = language_note("fr", &none).expect("note");
        assert!(note.contains("`fr`") && note.contains("en, id"), "{note}");
        let all: BTreeMap<String, String> = STRINGS
            .iter()
            .map(|(k, _, en)| (k.to_string(), en.to_string()))
            .collect();
        assert_eq!(language_note("fr", &all), None);
    }

    #[test]
    fn invalid_strftime_pattern_does_not_panic() {
        let locale = Locale::new("id", &BTreeMap::new()).expect("locale");
        assert_eq!(locale.format(&date(), "%Q"), "2016-02-18T09:28:00+07:00");
    }
}
