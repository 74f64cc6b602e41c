//! A front matter value as written, before the vocabulary gives it a meaning: what YAML and
//! TOML blocks are read into on the full path, so that every key is looked at (and every
//! problem reported) rather than the first one stopping the reader.

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// One value of a front matter block. Maps keep the order and repeats of their keys.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Text(String),
    /// A TOML date or date-time, as its text.
    Date(String),
    List(Vec<Value>),
    Map(Vec<(String, Value)>),
}

impl Value {
    /// What kind of value this is, in words for an error message.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "an empty value",
            Value::Bool(_) => "true or false",
            Value::Int(_) | Value::Float(_) => "a number",
            Value::Text(_) => "text",
            Value::Date(_) => "a date",
            Value::List(_) => "a list",
            Value::Map(_) => "a table of keys",
        }
    }

    /// What this value is, in words, naming what is wrong inside a list (`a list holding a
    /// table of keys`).
    pub fn described(&self) -> String {
        match self {
            Value::List(items) => match items.iter().find(|i| i.as_text().is_none()) {
                Some(item) => format!("a list holding {}", item.kind()),
                None => self.kind().to_string(),
            },
            other => other.kind().to_string(),
        }
    }

    /// The value as text when it is one scalar (numbers written out as written in YAML).
    pub fn as_text(&self) -> Option<String> {
        match self {
            Value::Text(s) | Value::Date(s) => Some(s.clone()),
            Value::Int(n) => Some(n.to_string()),
            Value::Float(f) => Some(f.to_string()),
            _ => None,
        }
    }

    /// The entry `key` of a map.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The value for `article.extra`, where TOML has no null: empty values are dropped.
    pub fn into_toml(self) -> Option<toml::Value> {
        Some(match self {
            Value::Null => return None,
            Value::Bool(b) => toml::Value::Boolean(b),
            Value::Int(n) => toml::Value::Integer(n),
            Value::Float(f) => toml::Value::Float(f),
            Value::Text(s) => toml::Value::String(s),
            Value::Date(s) => s
                .parse::<toml::value::Datetime>()
                .map_or(toml::Value::String(s), toml::Value::Datetime),
            Value::List(items) => {
                toml::Value::Array(items.into_iter().filter_map(Value::into_toml).collect())
            }
            Value::Map(entries) => toml::Value::Table(
                entries
                    .into_iter()
                    .filter_map(|(k, v)| Some((k, v.into_toml()?)))
                    .collect(),
            ),
        })
    }

    /// Converts a TOML value, its datetimes kept as text.
    pub fn from_toml(value: toml::Value) -> Value {
        match value {
            toml::Value::String(s) => Value::Text(s),
            toml::Value::Integer(n) => Value::Int(n),
            toml::Value::Float(f) => Value::Float(f),
            toml::Value::Boolean(b) => Value::Bool(b),
            toml::Value::Datetime(d) => Value::Date(d.to_string()),
            toml::Value::Array(items) => {
                Value::List(items.into_iter().map(Value::from_toml).collect())
            }
            toml::Value::Table(table) => Value::Map(
                table
                    .into_iter()
                    .map(|(k, v)| (k, Value::from_toml(v)))
                    .collect(),
            ),
        }
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Text(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::Text(v))
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::List(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::new();
        while let Some((key, value)) = map.next_entry::<Value, Value>()? {
            // YAML allows any scalar as a key (`2016: x`); keys are names here.
            let key = match key {
                Value::Bool(b) => b.to_string(),
                Value::Null => "null".to_string(),
                other => other.as_text().unwrap_or_default(),
            };
            entries.push((key, value));
        }
        Ok(Value::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_values_keep_their_kinds_and_key_order() {
        let value: Value =
            serde_saphyr::from_str("b: 1\na: [x, 2.5, true, ~]\nc: {name: Nama}\n").expect("yaml");
        assert_eq!(
            value,
            Value::Map(vec![
                ("b".into(), Value::Int(1)),
                (
                    "a".into(),
                    Value::List(vec![
                        Value::Text("x".into()),
                        Value::Float(2.5),
                        Value::Bool(true),
                        Value::Null
                    ])
                ),
                (
                    "c".into(),
                    Value::Map(vec![("name".into(), Value::Text("Nama".into()))])
                ),
            ])
        );
    }

    #[test]
    fn toml_dates_become_text_and_nulls_leave_extra() {
        let table: toml::Table = toml::from_str("d = 2016-02-18T09:28:00+07:00").expect("toml");
        let value = Value::from_toml(toml::Value::Table(table));
        assert_eq!(
            value.get("d"),
            Some(&Value::Date("2016-02-18T09:28:00+07:00".into()))
        );
        let extra = Value::List(vec![Value::Null, Value::Int(1)]).into_toml();
        assert_eq!(
            extra,
            Some(toml::Value::Array(vec![toml::Value::Integer(1)]))
        );
    }
}
