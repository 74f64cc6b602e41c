//! JSON text for the templates: the `json` filter, which prints a template value (text,
//! number, list, table) as JSON for `feed.json` and for `<script type="application/ld+json">`
//! in HTML pages. Strings are escaped so that the output can stand inside a `<script>`
//! element: `<`, `>` and `&` become `\u003c`, `\u003e`, `\u0026`, so a headline holding
//! `</script>` or `<!--` cannot end the script; U+2028 and U+2029 are escaped too. Tables
//! are written with their keys sorted, so the output never depends on a hash map's order.
//! The output is not for HTML attributes: it holds `"`. Bytes, a kind no template can make,
//! are JSON text already written (a page's `json_ld`) and are printed as they are.

use std::fmt::Write;

use tera::{Kwargs, State, TeraResult, Value};

/// `value` as JSON text (see the module doc). An undefined value is `null`.
pub fn to_json(value: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, value);
    out
}

fn write_value(out: &mut String, value: &Value) {
    if let Some(text) = value.as_str() {
        write_string(out, text);
    } else if let Some(b) = value.as_bool() {
        out.push_str(if b { "true" } else { "false" });
    } else if let Some(n) = value.as_i64() {
        let _ = write!(out, "{n}");
    } else if let Some(n) = value.as_u64() {
        let _ = write!(out, "{n}");
    } else if let Some(n) = value.as_f64() {
        // JSON has no NaN or infinity.
        if n.is_finite() {
            let _ = write!(out, "{n}");
        } else {
            out.push_str("null");
        }
    } else if let Some(items) = value.as_array() {
        out.push('[');
        for (k, item) in items.iter().enumerate() {
            if k > 0 {
                out.push(',');
            }
            write_value(out, item);
        }
        out.push(']');
    } else if let Some(map) = value.as_map() {
        let mut entries: Vec<_> = map.iter().collect();
        entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
        out.push('{');
        for (k, (key, item)) in entries.into_iter().enumerate() {
            if k > 0 {
                out.push(',');
            }
            match key.as_str() {
                Some(name) => write_string(out, name),
                None => write_string(out, &key.to_string()),
            }
            out.push(':');
            write_value(out, item);
        }
        out.push('}');
    } else {
        out.push_str("null");
    }
}

/// Appends `text` as a JSON string literal, quotes included, safe inside `<script>`.
pub fn write_string(out: &mut String, text: &str) {
    out.reserve(text.len() + 2);
    out.push('"');
    let bytes = text.as_bytes();
    let mut start = 0;
    // Byte by byte: every character escaped is ASCII, but U+2028 and U+2029 (E2 80 A8/A9).
    for (i, &b) in bytes.iter().enumerate() {
        let escape: &str = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            b'<' => "\\u003c",
            b'>' => "\\u003e",
            b'&' => "\\u0026",
            0..0x20 => "",
            0xE2 => match (bytes.get(i + 1), bytes.get(i + 2)) {
                (Some(0x80), Some(0xA8)) => "\\u2028",
                (Some(0x80), Some(0xA9)) => "\\u2029",
                _ => continue,
            },
            _ => continue,
        };
        // `i` is at an ASCII byte or the start of a three-byte character: a char boundary.
        out.push_str(&text[start..i]);
        if escape.is_empty() {
            let _ = write!(out, "\\u{b:04x}");
            start = i + 1;
        } else {
            out.push_str(escape);
            start = if b == 0xE2 { i + 3 } else { i + 1 };
        }
    }
    out.push_str(&text[start..]);
    out.push('"');
}

/// The `json` filter: its output is marked safe, since it escapes what HTML would read.
pub(super) struct JsonFilter;

impl<'a> tera::Filter<&'a Value, TeraResult<Value>> for JsonFilter {
    fn call(&self, value: &'a Value, _: Kwargs, _: &State) -> TeraResult<Value> {
        if let Some(written) = value.as_bytes() {
            let text = std::str::from_utf8(written)
                .map_err(|_| tera::Error::message("JSON text that is not UTF-8"))?;
            return Ok(Value::safe_string(text));
        }
        Ok(Value::safe_string(&to_json(value)))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json_of(text: &str) -> String {
        let mut out = String::new();
        write_string(&mut out, text);
        out
    }

    #[test]
    fn a_headline_cannot_end_the_script_it_is_printed_in() {
        let out = json_of("A </script><script>alert(1)</script> & <!-- b");
        assert!(!out.contains('<') && !out.contains('>') && !out.contains('&'));
        assert_eq!(
            out,
            "\"A \\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e \
             \\u0026 \\u003c!-- b\""
        );
    }

    #[test]
    fn quotes_backslashes_and_control_characters_are_escaped() {
        assert_eq!(
            json_of("say \"hi\"\\\n\t\u{1}\u{7f}\u{2028}é"),
            "\"say \\\"hi\\\"\\\\\\n\\t\\u0001\u{7f}\\u2028é\""
        );
    }

    #[test]
    fn tables_are_written_with_sorted_keys_and_lists_in_order() {
        let value = Value::try_from_serializable(&serde_json_like()).expect("value");
        assert_eq!(
            to_json(&value),
            r#"{"@type":"Thing","a":[1,true,null],"name":"x\u003cy"}"#
        );
    }

    #[test]
    fn json_text_already_written_is_printed_as_it_is_and_a_table_is_written() {
        let mut tera = tera::Tera::new();
        tera.autoescape_on([".html"]);
        tera.register_filter::<_, &Value, _>("json", JsonFilter);
        tera.add_raw_template(
            "t.html",
            "{% if ld %}{{ ld | json }}{% endif %} {{ t | json }}",
        )
        .expect("template");
        let mut context = tera::Context::new();
        let written = crate::render::cards::JsonText(r#"{"a":"x\u003cy"}"#.into());
        context.insert("ld", &written);
        context.insert("t", &serde_json_like());
        assert_eq!(
            tera.render("t.html", &context).expect("renders"),
            r#"{"a":"x\u003cy"} {"@type":"Thing","a":[1,true,null],"name":"x\u003cy"}"#
        );
    }

    fn serde_json_like() -> std::collections::BTreeMap<&'static str, Value> {
        let mut map = std::collections::BTreeMap::new();
        map.insert("name", Value::from("x<y"));
        map.insert("@type", Value::from("Thing"));
        map.insert(
            "a",
            Value::from(vec![Value::from(1u64), Value::from(true), Value::none()]),
        );
        map
    }
}
