//! The filters the built-in and site templates may use, in the site's language:
//! `date_format` (strftime patterns with localized names) and `plural` (a count with its noun
//! by the language's plural rules), and `json` (a value as JSON, safe inside `<script>`).

use chrono::DateTime;
use tera::{Kwargs, State, Tera, TeraResult, Value};

use crate::i18n::Locale;

/// Registers `date_format`, for `{{ article.date | date_format(format="%A, %d %B %Y") }}`,
/// and `plural`, for `{{ tag.count | plural(key="articles") }}` (`1 article`, `2 articles`).
pub(super) fn register(tera: &mut Tera, locale: &Locale) {
    tera.register_filter::<_, &Value, _>("json", super::json::JsonFilter);
    let dates = locale.clone();
    tera.register_filter(
        "date_format",
        move |value: &str, kwargs: Kwargs, _: &State| -> TeraResult<String> {
            let format: &str = kwargs.get("format")?.unwrap_or("%d %B %Y");
            if let Some(bad) = crate::i18n::unknown_specifier(format) {
                return Err(tera::Error::message(format!(
                    "date_format: `{bad}` in format=\"{format}\" is not a date specifier \
                     (use e.g. %d, %m, %Y, %B, %A, %H:%M)"
                )));
            }
            let date = DateTime::parse_from_rfc3339(value).map_err(|e| {
                tera::Error::message(format!(
                    "date_format: `{value}` is not an RFC 3339 date ({e})"
                ))
            })?;
            Ok(dates.format(&date, format))
        },
    );
    let counts = locale.clone();
    tera.register_filter(
        "plural",
        move |value: &Value, kwargs: Kwargs, _: &State| -> TeraResult<String> {
            let key: &str = kwargs.must_get("key")?;
            let n = value
                .as_u64()
                .ok_or_else(|| tera::Error::message(format!("plural: `{value}` is not a count")))?;
            counts.count(n, key).ok_or_else(|| {
                tera::Error::message(format!(
                    "plural: no string `{key}_other` (the keys are listed in src/i18n.rs)"
                ))
            })
        },
    );
}
