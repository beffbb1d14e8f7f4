//! Where field values come from: a string map, or a JSON object.

use std::collections::{BTreeMap, HashMap};

use connectspec_i18n::Lang;

use crate::error::ValidationErrors;

/// A raw field value as the caller sent it.
#[derive(Debug, Clone, Copy)]
pub enum Raw<'a> {
    /// A string.
    Str(&'a str),
    /// Something else (a JSON number, object, …); always an error.
    NotAString,
}

/// A map of field key → raw value.
pub trait FieldSource {
    /// The value for `key`, if present.
    fn get_raw(&self, key: &str) -> Option<Raw<'_>>;
    /// Calls `f` with every key present, for finding unknown fields.
    fn for_each_key(&self, f: &mut dyn FnMut(&str));
    /// The number of distinct keys, when known cheaply. When it equals the number of
    /// form fields found, there is no unknown key and the key scan is skipped.
    fn key_count(&self) -> Option<usize> {
        None
    }
}

/// A reference is a source too, so generic callers can hand `&source` on as `&dyn FieldSource`.
impl<T: FieldSource + ?Sized> FieldSource for &T {
    fn get_raw(&self, key: &str) -> Option<Raw<'_>> {
        (**self).get_raw(key)
    }
    fn for_each_key(&self, f: &mut dyn FnMut(&str)) {
        (**self).for_each_key(f)
    }
    fn key_count(&self) -> Option<usize> {
        (**self).key_count()
    }
}

impl FieldSource for BTreeMap<String, String> {
    fn get_raw(&self, key: &str) -> Option<Raw<'_>> {
        self.get(key).map(|v| Raw::Str(v))
    }
    fn for_each_key(&self, f: &mut dyn FnMut(&str)) {
        self.keys().for_each(|k| f(k));
    }
    fn key_count(&self) -> Option<usize> {
        Some(self.len())
    }
}

impl FieldSource for HashMap<String, String> {
    fn get_raw(&self, key: &str) -> Option<Raw<'_>> {
        self.get(key).map(|v| Raw::Str(v))
    }
    fn for_each_key(&self, f: &mut dyn FnMut(&str)) {
        self.keys().for_each(|k| f(k));
    }
    fn key_count(&self) -> Option<usize> {
        Some(self.len())
    }
}

impl FieldSource for serde_json::Map<String, serde_json::Value> {
    fn get_raw(&self, key: &str) -> Option<Raw<'_>> {
        self.get(key).and_then(|v| match v {
            serde_json::Value::String(s) => Some(Raw::Str(s)),
            // JSON null is treated as "not sent", like an absent key.
            serde_json::Value::Null => None,
            _ => Some(Raw::NotAString),
        })
    }
    fn for_each_key(&self, f: &mut dyn FnMut(&str)) {
        self.keys().for_each(|k| f(k));
    }
}

impl FieldSource for [(&str, &str)] {
    fn get_raw(&self, key: &str) -> Option<Raw<'_>> {
        self.iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| Raw::Str(v))
    }
    fn for_each_key(&self, f: &mut dyn FnMut(&str)) {
        self.iter().for_each(|(k, _)| f(k));
    }
}

/// The object of a JSON body; anything else is one error with an empty field key.
pub fn json_object(
    value: &serde_json::Value,
) -> Result<&serde_json::Map<String, serde_json::Value>, ValidationErrors> {
    json_object_in(value, &Lang::ENGLISH)
}

/// [`json_object`] with the error in `lang`.
pub fn json_object_in<'v>(
    value: &'v serde_json::Value,
    lang: &Lang<'_>,
) -> Result<&'v serde_json::Map<String, serde_json::Value>, ValidationErrors> {
    value
        .as_object()
        .ok_or_else(|| ValidationErrors::not_an_object(lang.locale))
}
