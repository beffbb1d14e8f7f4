//! Secret material in memory: what is sealed into a connection's row, and the helpers that
//! wipe plaintext once it is no longer needed.
//!
//! Wiping is best effort, as in any Rust program: the buffers this crate owns are zeroed on
//! drop and sized up front so they do not reallocate (a reallocation leaves the old copy in
//! freed memory), but the HTTP client's and JSON parser's internal buffers are not ours.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use zeroize::{Zeroize, Zeroizing};

/// A connection's secret material: every field value the end user entered (normalised by
/// the validator; secrets included) and the OAuth tokens, if the method has them. Only
/// ever stored sealed ([`crate::store`]); wiped on drop.
#[derive(Default, Serialize, Deserialize)]
pub struct SecretMaterial {
    pub fields: BTreeMap<String, String>,
    #[serde(default)]
    pub tokens: Option<Value>,
}

impl std::fmt::Debug for SecretMaterial {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Keys only: never a value.
        f.debug_struct("SecretMaterial")
            .field("fields", &self.fields.keys().collect::<Vec<_>>())
            .field("tokens", &self.tokens.as_ref().map(|_| "[redacted]"))
            .finish()
    }
}

impl Drop for SecretMaterial {
    fn drop(&mut self) {
        for v in self.fields.values_mut() {
            v.zeroize();
        }
        if let Some(t) = self.tokens.as_mut() {
            wipe_value(t);
        }
    }
}

/// Zeroes every string inside a JSON value (object keys are names, not secrets).
pub fn wipe_value(value: &mut Value) {
    match value {
        Value::String(s) => s.zeroize(),
        Value::Array(items) => items.iter_mut().for_each(wipe_value),
        Value::Object(map) => map.values_mut().for_each(wipe_value),
        _ => {}
    }
}

/// Zeroes every string value of a JSON object.
pub fn wipe_map(map: &mut serde_json::Map<String, Value>) {
    map.values_mut().for_each(wipe_value);
}

/// Counts the bytes a serialisation would write.
struct Counter(usize);

impl std::io::Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// `value` as JSON in a buffer allocated once at its final size and wiped on drop.
pub fn to_json_zeroizing<T: Serialize>(value: &T) -> Zeroizing<Vec<u8>> {
    let mut count = Counter(0);
    serde_json::to_writer(&mut count, value).expect("serialising to memory cannot fail");
    let mut buf = Zeroizing::new(Vec::with_capacity(count.0));
    serde_json::to_writer(&mut *buf, value).expect("serialising to memory cannot fail");
    debug_assert_eq!(buf.len(), buf.capacity());
    buf
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_json_buffer_is_exactly_sized_and_round_trips() {
        let mut m = SecretMaterial::default();
        m.fields
            .insert("api_token".into(), "s3cr3t-\"quoted\"-é".into());
        m.tokens = Some(serde_json::json!({"access_token": "at", "expires_at": 5}));
        let json = to_json_zeroizing(&m);
        assert_eq!(json.len(), json.capacity());
        let back: SecretMaterial = serde_json::from_slice(&json).unwrap();
        assert_eq!(back.fields, m.fields);
        assert_eq!(back.tokens, m.tokens);
    }

    #[test]
    fn wiping_empties_every_string_and_debug_shows_no_value() {
        let mut v = serde_json::json!({"a": "secret", "b": ["x", {"c": "y"}], "n": 3});
        wipe_value(&mut v);
        assert_eq!(
            v,
            serde_json::json!({"a": "", "b": ["", {"c": ""}], "n": 3})
        );
        let mut m = SecretMaterial::default();
        m.fields.insert("api_token".into(), "s3cr3t".into());
        assert!(!format!("{m:?}").contains("s3cr3t"));
    }
}
