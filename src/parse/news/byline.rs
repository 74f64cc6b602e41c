//! Bylines: `oleh NAME diperbarui 18 Feb 2016, 09:28 WIB` under the headline, and credit lines
//! such as `Penulis: NAME`, `Editor: NAME` (often at the end, sometimes joined by `|`).

use chrono::{DateTime, FixedOffset};

use super::dates;

/// What one byline or credit line says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Byline {
    pub author: Option<String>,
    pub editor: Option<String>,
    pub date: Option<DateTime<FixedOffset>>,
}

const AUTHOR_LABELS: &[&str] = &[
    "penulis", "reporter", "wartawan", "oleh", "laporan", "pewarta",
];
const EDITOR_LABELS: &[&str] = &["editor", "redaktur", "penyunting", "editing"];
const DATE_WORDS: &[&str] = &[
    "diperbarui",
    "dipublikasikan",
    "diterbitkan",
    "terbit",
    "updated",
];

/// Reads `line` as a byline or credit line; `None` when it is something else.
pub fn parse(line: &str, default: FixedOffset) -> Option<Byline> {
    // Credit lines: `Penulis: A | Editor: B`, `Editor : B`.
    let mut credit = Byline::default();
    let mut any = false;
    for part in line.split(['|', '/']).map(str::trim) {
        let Some((label, value)) = part.split_once(':') else {
            any = false;
            break;
        };
        let label = label.trim().to_lowercase();
        let value = value.trim();
        if !is_name(value) {
            any = false;
            break;
        }
        if AUTHOR_LABELS.contains(&label.as_str()) {
            credit.author.get_or_insert_with(|| value.to_string());
        } else if EDITOR_LABELS.contains(&label.as_str()) {
            credit.editor.get_or_insert_with(|| value.to_string());
        } else {
            any = false;
            break;
        }
        any = true;
    }
    if any {
        return Some(credit);
    }
    // `oleh NAME`, `oleh NAME diperbarui DATE`, `Oleh: NAME - DATE`.
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
    let name_end = date_word
        .into_iter()
        .chain(found.first().map(|f| f.start))
        .chain(rest.find([',', '|', '-', '–', '—']))
        .min()
        .unwrap_or(rest.len());
    let name = rest[..name_end].trim();
    if !is_name(name) {
        return None;
    }
    Some(Byline {
        author: Some(name.to_string()),
        editor: None,
        date: found.first().map(|f| f.date),
    })
}

// A person's name (or two, `A dan B`): one to eight words, the first capitalized, no
// sentence punctuation; a dot only in initials or short titles (`Bambang P.`, `Hj.`).
fn is_name(value: &str) -> bool {
    let words: Vec<&str> = value.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 8
        && words[0].chars().next().is_some_and(char::is_uppercase)
        && !value.contains(['!', '?', '"', '“', '”', ';', '(', ')'])
        && words
            .iter()
            .all(|w| !w.contains('.') || w.chars().count() <= 4)
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
}
