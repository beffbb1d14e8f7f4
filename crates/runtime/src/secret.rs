//! The secret wrapper used for every `secret: true` field.
//!
//! `secrecy::SecretString` already redacts Debug and zeroizes on drop; it has no
//! Display and no Serialize, so a secret cannot reach a log line or a JSON body by
//! accident. Reading it takes an explicit `expose_secret()`.

pub use secrecy::{ExposeSecret, SecretString};
