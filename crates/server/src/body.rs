//! The request body of validate and test: `{"fields": {"key": "value", …}}`, with the
//! optional `actions` (test) and `lang` (the language of the answer, as the `lang`
//! query parameter).
//!
//! A hand-written extractor instead of `axum::Json`: its rejections quote serde's
//! messages, which can contain the offending value (a secret). Here every message is
//! written by us and names positions and keys, never values.
//!
//! Submitted values may be secrets, so they do not outlive the request in memory: the
//! raw body is overwritten with zeros once parsed, and every string of the parsed body
//! (the `fields` object, or whatever a rejected body held) is zeroed when dropped.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{StatusCode, header};
use serde_json::{Map, Value};
use zeroize::Zeroize;

use crate::config::BODY_LIMIT;
use crate::i18n::{Msg, msg};
use crate::problem::Problem;

/// How long a client may take to send a body once its headers are in; the router puts
/// it into every request's extensions.
#[derive(Debug, Clone, Copy)]
pub struct BodyTimeout(pub std::time::Duration);

/// The `fields` object of a request body; its strings are zeroed on drop. A test
/// request may also name the integration's `actions` (ids), so its report compares
/// the scopes the credential holds with what they need.
pub struct FieldsBody(Map<String, Value>, Vec<String>, Option<String>);

impl FieldsBody {
    /// The submitted fields.
    pub fn fields(&self) -> &Map<String, Value> {
        &self.0
    }

    /// The `actions` named (ids), empty when none.
    pub fn actions(&self) -> &[String] {
        &self.1
    }

    /// The `lang` asked for (a BCP 47 tag), if any.
    pub fn lang(&self) -> Option<&str> {
        self.2.as_deref()
    }
}

impl Drop for FieldsBody {
    fn drop(&mut self) {
        self.0.values_mut().for_each(wipe);
    }
}

/// Field keys only: values may be secrets.
impl std::fmt::Debug for FieldsBody {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("FieldsBody")
            .field(&self.0.keys().collect::<Vec<_>>())
            .finish()
    }
}

/// Overwrites every string in `v` with zeros (keys are names, not values).
pub(crate) fn wipe(v: &mut Value) {
    match v {
        Value::String(s) => s.zeroize(),
        Value::Array(items) => items.iter_mut().for_each(wipe),
        Value::Object(m) => m.values_mut().for_each(wipe),
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

/// A parsed body that is wiped when dropped, whichever way parsing ends.
struct Wiped(Value);

impl Drop for Wiped {
    fn drop(&mut self) {
        wipe(&mut self.0);
    }
}

impl<S: Send + Sync> FromRequest<S> for FieldsBody {
    type Rejection = Problem;

    async fn from_request(req: Request, state: &S) -> Result<Self, Problem> {
        let bytes = read_json_body(req, state).await?;
        let parsed = parse_fields(&bytes);
        // The body buffer is ours alone once read; zero it. (A buffer still shared
        // elsewhere cannot be written to and is left to its owner.)
        if let Ok(mut raw) = bytes.try_into_mut() {
            raw.as_mut().zeroize();
        }
        if let Some(tag) = parsed.as_ref().ok().and_then(FieldsBody::lang) {
            crate::i18n::scope::prefer(tag);
        }
        parsed
    }
}

/// Reads a JSON request body within the body timeout and size limit; the caller
/// zeroes the bytes when done.
pub(crate) async fn read_json_body<S: Send + Sync>(
    req: Request,
    state: &S,
) -> Result<Bytes, Problem> {
    {
        check_content_type(req.headers().get(header::CONTENT_TYPE))?;
        check_declared_length(req.headers())?;
        let limit = req
            .extensions()
            .get::<BodyTimeout>()
            .map_or(crate::config::DEFAULT_BODY_TIMEOUT, |t| t.0);
        let read = tokio::time::timeout(limit, Bytes::from_request(req, state))
            .await
            .map_err(|_| {
                Problem::new(
                    StatusCode::REQUEST_TIMEOUT,
                    "body-timeout",
                    msg!("problem-body-timeout-detail", ms = limit.as_millis()),
                )
            })?;
        read.map_err(|r| {
            if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
                too_large()
            } else {
                Problem::bad_request(msg!("problem-bad-request-unreadable"))
            }
        })
    }
}

/// A client that asks before sending (`Expect: 100-continue`) a body declared larger
/// than the limit is refused before the body is read. hyper answers the expectation
/// only when the body is first read, so the client gets the 413 at once instead of
/// `100 Continue`, sending up to the limit, and waiting out the body timeout. A client
/// that sends at once keeps the usual path (read up to the limit, then 413): its body
/// is already under way, and a connection closed on unread data may lose the answer.
fn check_declared_length(headers: &axum::http::HeaderMap) -> Result<(), Problem> {
    let asks_first = headers
        .get(header::EXPECT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("100-continue"));
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    match declared {
        Some(n) if asks_first && n > BODY_LIMIT as u64 => Err(too_large()),
        _ => Ok(()),
    }
}

fn too_large() -> Problem {
    Problem::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "body-too-large",
        msg!("problem-body-too-large-detail", kib = BODY_LIMIT / 1024),
    )
}

/// 415; `why` is `missing`, `unreadable` or `not-json`.
fn unsupported(why: &'static str) -> Problem {
    Problem::new(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported-media-type",
        msg!("problem-unsupported-media-type-detail", why = why),
    )
}

/// Reads a JSON body into `T`. Serde's own messages are not passed on (they can quote
/// a value); the answer names the line and column and what `T` expects (`shape`, a
/// message of the catalogue).
pub(crate) async fn read_json<T: serde::de::DeserializeOwned>(
    state: &crate::AppState,
    req: Request,
    shape: Msg,
) -> Result<T, Problem> {
    let bytes = read_json_body(req, state).await?;
    let parsed: Result<T, _> = serde_json::from_slice(&bytes);
    if let Ok(mut raw) = bytes.try_into_mut() {
        zeroize::Zeroize::zeroize(raw.as_mut());
    }
    parsed.map_err(|e| {
        Problem::bad_request(msg!(
            "problem-bad-request-shape",
            shape = shape.text(),
            line = e.line(),
            column = e.column()
        ))
    })
}

/// Accepts `application/json` and `application/<anything>+json`, with parameters.
fn check_content_type(value: Option<&axum::http::HeaderValue>) -> Result<(), Problem> {
    let Some(value) = value else {
        return Err(unsupported("missing"));
    };
    let Ok(text) = value.to_str() else {
        return Err(unsupported("unreadable"));
    };
    let essence = text
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let ok = essence == "application/json"
        || essence
            .strip_prefix("application/")
            .is_some_and(|sub| sub.ends_with("+json"));
    if ok {
        Ok(())
    } else {
        Err(unsupported("not-json"))
    }
}

/// Parses and shape-checks a body.
pub fn parse_fields(bytes: &[u8]) -> Result<FieldsBody, Problem> {
    let value: Value = serde_json::from_slice(bytes).map_err(|e| {
        if e.is_eof() && bytes.iter().all(u8::is_ascii_whitespace) {
            Problem::bad_request(msg!("problem-bad-request-empty"))
        } else if e.is_syntax() || e.is_eof() {
            Problem::bad_request(msg!(
                "problem-bad-request-json-at",
                line = e.line(),
                column = e.column()
            ))
        } else {
            // Data errors cannot happen for `Value`; I/O errors cannot happen for a slice.
            Problem::bad_request(msg!("problem-bad-request-json"))
        }
    })?;
    let mut body = Wiped(value);
    let Value::Object(top) = &mut body.0 else {
        return Err(Problem::bad_request(msg!(
            "problem-bad-request-not-object",
            kind = kind(&body.0)
        )));
    };
    if top
        .keys()
        .any(|k| !matches!(k.as_str(), "fields" | "actions" | "lang"))
    {
        return Err(Problem::bad_request(msg!("problem-bad-request-members")));
    }
    let actions = match top.get("actions") {
        None => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|a| a.as_str().map(str::to_owned))
            .collect::<Option<Vec<String>>>()
            .ok_or_else(|| Problem::bad_request(msg!("problem-bad-request-actions")))?,
        Some(_) => return Err(Problem::bad_request(msg!("problem-bad-request-actions"))),
    };
    let lang = match top.get("lang") {
        None => None,
        Some(Value::String(tag)) => Some(tag.clone()),
        Some(_) => return Err(Problem::bad_request(msg!("problem-bad-request-lang"))),
    };
    match top.get_mut("fields") {
        Some(Value::Object(fields)) => Ok(FieldsBody(std::mem::take(fields), actions, lang)),
        Some(other) => Err(Problem::bad_request(msg!(
            "problem-bad-request-fields",
            kind = kind(other)
        ))),
        None => Err(Problem::bad_request(msg!("problem-bad-request-no-fields"))),
    }
}

/// The JSON type of a value, for messages (never the value itself): a selector of the
/// catalogue's `json-kind`.
fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn content_types() {
        let ok = [
            "application/json",
            "application/json; charset=utf-8",
            "Application/JSON",
            "application/merge-patch+json",
        ];
        for t in ok {
            assert!(
                check_content_type(Some(&HeaderValue::from_static(t))).is_ok(),
                "{t}"
            );
        }
        let bad = [
            "text/plain",
            "application/jsonx",
            "application/x-www-form-urlencoded",
            "",
        ];
        for t in bad {
            let p = check_content_type(Some(&HeaderValue::from_static(t))).unwrap_err();
            assert_eq!(p.status, 415, "{t}");
        }
        assert_eq!(check_content_type(None).unwrap_err().status, 415);
    }

    #[test]
    fn shapes_and_no_value_echo() {
        let secret = "s3cr3t-value-that-must-not-echo";
        let cases = [
            format!("\"{secret}\""),
            format!("{{\"fields\": \"{secret}\"}}"),
            format!("{{\"fields\": [\"{secret}\"]}}"),
            format!("{{\"fields\": {{\"a\": \"{secret}\"}}, \"x\": 1}}"),
            format!("{{\"fields\": {{\"a\": \"{secret}\""),
            format!("{{\"fields\": {{\"a\": {secret}}}}}"),
            String::new(),
        ];
        for body in &cases {
            let p = parse_fields(body.as_bytes()).unwrap_err();
            assert_eq!(p.status, 400, "{body}");
            let detail = p.detail(connectspec_i18n::Locale::En);
            assert!(!detail.contains(secret), "{detail}");
        }
        let ok = parse_fields(br#"{"fields": {"a": "b"}}"#).unwrap();
        assert_eq!(ok.fields().get("a").and_then(Value::as_str), Some("b"));
        assert!(!format!("{ok:?}").contains('b'), "{ok:?}");
    }

    #[test]
    fn wipe_zeroes_every_string() {
        let mut v = serde_json::json!({
            "a": "secret-one",
            "b": ["secret-two", 3, {"c": "secret-three"}],
            "d": null
        });
        wipe(&mut v);
        let mut seen = 0;
        fn strings(v: &Value, seen: &mut usize) {
            match v {
                // `zeroize` on a String zeroes its bytes and then clears it.
                Value::String(s) => {
                    *seen += 1;
                    assert!(s.is_empty(), "{s:?}");
                }
                Value::Array(a) => a.iter().for_each(|x| strings(x, seen)),
                Value::Object(m) => m.values().for_each(|x| strings(x, seen)),
                _ => {}
            }
        }
        strings(&v, &mut seen);
        assert_eq!(seen, 3);
        assert_eq!(v["b"][1], 3);
    }
}
