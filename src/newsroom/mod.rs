//! Interim newsroom reader: headline, first Indonesian date and paragraphs. The full reader
//! (bylines, captions, boilerplate, entities) replaces this module.

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Caption {
    pub text: String,
    pub credit: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewsText {
    pub title: String,
    pub description: Option<String>,
    pub source: Option<String>,
    pub location: Option<String>,
    pub author: Option<String>,
    pub editor: Option<String>,
    pub date: Option<DateTime<FixedOffset>>,
    pub captions: Vec<Caption>,
    pub hashtags: Vec<String>,
    pub entities: Vec<String>,
    pub paragraphs: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewsError {
    pub line: usize,
    pub message: String,
}

const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maret",
    "april",
    "mei",
    "juni",
    "juli",
    "agustus",
    "september",
    "oktober",
    "november",
    "desember",
];

pub fn extract(text: &str, default_offset: FixedOffset) -> Result<NewsText, NewsError> {
    let mut blocks = text.split("\n\n").map(str::trim).filter(|b| !b.is_empty());
    let title = blocks
        .next()
        .map(|b| b.lines().next().unwrap_or("").trim().to_string())
        .ok_or(NewsError {
            line: 1,
            message: "the file is empty".to_string(),
        })?;
    let paragraphs: Vec<String> = blocks
        .map(|b| b.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let date = words.windows(3).find_map(|w| {
        let day: u32 = w[0].parse().ok()?;
        let month = MONTHS.iter().position(|m| *m == w[1])? as u32 + 1;
        let year: i32 = w[2].parse().ok()?;
        let date = NaiveDate::from_ymd_opt(year, month, day)?.and_hms_opt(0, 0, 0)?;
        default_offset.from_local_datetime(&date).single()
    });
    Ok(NewsText {
        title,
        description: None,
        source: None,
        location: None,
        author: None,
        editor: None,
        date,
        captions: Vec::new(),
        hashtags: Vec::new(),
        entities: Vec::new(),
        paragraphs,
    })
}

pub fn paragraphs_to_html(paragraphs: &[String]) -> String {
    let mut html = String::new();
    for p in paragraphs {
        html.push_str("<p>");
        for c in p.chars() {
            match c {
                '&' => html.push_str("&amp;"),
                '<' => html.push_str("&lt;"),
                '>' => html.push_str("&gt;"),
                '"' => html.push_str("&quot;"),
                '\'' => html.push_str("&#39;"),
                c => html.push(c),
            }
        }
        html.push_str("</p>\n");
    }
    html
}
