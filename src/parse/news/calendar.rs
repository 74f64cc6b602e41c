//! Month and weekday names, Indonesian and English, full and abbreviated, in any case, read
//! without allocating (they are looked up for every word of a date search).

/// The month number of an Indonesian (or English) month name or abbreviation.
pub fn month_number(word: &str) -> Option<u32> {
    let mut buf = [0; 9];
    let month = match ascii_lower(word, &mut buf)? {
        "jan" | "januari" | "january" => 1,
        "feb" | "februari" | "pebruari" | "february" => 2,
        "mar" | "maret" | "march" => 3,
        "apr" | "april" => 4,
        "mei" | "may" => 5,
        "jun" | "juni" | "june" => 6,
        "jul" | "juli" | "july" => 7,
        "agu" | "agt" | "ags" | "agustus" | "aug" | "august" => 8,
        "sep" | "sept" | "september" => 9,
        "okt" | "oktober" | "oct" | "october" => 10,
        "nov" | "nop" | "november" | "nopember" => 11,
        "des" | "desember" | "dec" | "december" => 12,
        _ => return None,
    };
    Some(month)
}

// `word` lower-cased into `buf` without allocating; `None` when it is longer than `buf` or
// not ASCII, as no month or weekday name is (the longest, `september`, has nine letters).
fn ascii_lower<'b>(word: &str, buf: &'b mut [u8; 9]) -> Option<&'b str> {
    let bytes = word.as_bytes();
    if bytes.len() > buf.len() || !word.is_ascii() {
        return None;
    }
    let out = &mut buf[..bytes.len()];
    out.copy_from_slice(bytes);
    out.make_ascii_lowercase();
    std::str::from_utf8(out).ok()
}

/// Whether `word` is an Indonesian or English weekday (`Kamis`, `Jumat`, `Thu`...).
pub fn is_weekday(word: &str) -> bool {
    let mut buf = [0; 9];
    matches!(
        ascii_lower(word, &mut buf).unwrap_or(""),
        "senin"
            | "selasa"
            | "rabu"
            | "kamis"
            | "jumat"
            | "sabtu"
            | "minggu"
            | "ahad"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "mon"
            | "tue"
            | "wed"
            | "thu"
            | "fri"
            | "sat"
            | "sun"
    )
}
