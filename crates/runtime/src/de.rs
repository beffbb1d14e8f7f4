//! Deserializing straight into a generated credential type.
//!
//! A generated `Deserialize` reads the input (any serde format: a JSON body, a TOML
//! table, a form) into [`Collected`] and validates it like `from_source`; its errors are
//! the [`ValidationErrors`] the other constructors return, carried in the format's error
//! (as their messages, which never hold a value). Values are collected into zeroizing
//! strings, so the copies of secrets read on the way are wiped when validation is done.

use std::fmt;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use zeroize::Zeroizing;

use connectspec_i18n::Locale;

use crate::check::FieldRules;
use crate::error::ValidationErrors;
use crate::registry::NotAnOption;
use crate::source::{FieldSource, Raw};

/// One collected value.
enum Value {
    Str(Zeroizing<String>),
    /// `null` / a unit: absent, as in a JSON body.
    Null,
    /// A number, a list, a map: refused as not a string.
    Other,
}

/// The keys and values of a deserialized map, in input order; a key given twice keeps
/// its last value, as `serde_json` does.
pub struct Collected {
    entries: Vec<(Zeroizing<String>, Value)>,
}

impl fmt::Debug for Collected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Keys only: values may be secrets.
        f.debug_list()
            .entries(self.entries.iter().map(|(k, _)| k.as_str()))
            .finish()
    }
}

impl FieldSource for Collected {
    fn get_raw(&self, key: &str) -> Option<Raw<'_>> {
        self.entries
            .iter()
            .rev()
            .find(|(k, _)| k.as_str() == key)
            .and_then(|(_, v)| match v {
                Value::Str(s) => Some(Raw::Str(s.as_str())),
                Value::Null => None,
                Value::Other => Some(Raw::NotAString),
            })
    }
    fn for_each_key(&self, f: &mut dyn FnMut(&str)) {
        for (i, (k, _)) in self.entries.iter().enumerate() {
            if !self.entries[..i].iter().any(|(e, _)| e == k) {
                f(k);
            }
        }
    }
}

impl<'de> de::Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::message::plain(
            Locale::En,
            "validator-expecting-string",
        ))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Str(Zeroizing::new(v.to_owned())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::Str(Zeroizing::new(v)))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Value, E> {
        Ok(Value::Other)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Value, E> {
        Ok(Value::Other)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Value, E> {
        Ok(Value::Other)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Value, E> {
        Ok(Value::Other)
    }
    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<Value, E> {
        Ok(Value::Other)
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Value::Other)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Value::Other)
    }
}

/// Reads a map of field keys to values; anything else is the not-an-object error.
pub fn collect<'de, D: Deserializer<'de>>(d: D) -> Result<Collected, D::Error> {
    d.deserialize_any(MapVisitor)
}

struct MapVisitor;

impl<'de> Visitor<'de> for MapVisitor {
    type Value = Collected;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::message::plain(
            Locale::En,
            "validator-expecting-fields",
        ))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Collected, A::Error> {
        let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(4).min(64));
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value::<Value>()?;
            entries.push((Zeroizing::new(key), value));
        }
        Ok(Collected { entries })
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Collected, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Err(not_an_object())
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Collected, E> {
        Err(not_an_object())
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Collected, E> {
        Err(not_an_object())
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Collected, E> {
        Err(not_an_object())
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Collected, E> {
        Err(not_an_object())
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Collected, E> {
        Err(not_an_object())
    }
    fn visit_unit<E: de::Error>(self) -> Result<Collected, E> {
        Err(not_an_object())
    }
}

fn not_an_object<E: de::Error>() -> E {
    E::custom(ValidationErrors::not_an_object(Locale::En))
}

/// The validation errors as the format's error.
pub fn invalid<E: de::Error>(errors: ValidationErrors) -> E {
    E::custom(errors)
}

/// Reads one option of a closed choice: its stored value, as a string.
pub fn choice<'de, D: Deserializer<'de>>(
    d: D,
    field: &'static FieldRules<'static>,
) -> Result<usize, D::Error> {
    let value = Zeroizing::new(<String as de::Deserialize>::deserialize(d)?);
    crate::registry::take::option_index(field, &value)
        .ok_or_else(|| de::Error::custom(NotAnOption::of(field)))
}
