//! The connection test's request body, its checks on the JSON answer and the account's
//! identity in that answer.

use secrecy::SecretString;

use crate::template::parse_template;

/// The request body of a connection test.
#[derive(Debug)]
pub struct BodyMeta {
    /// The JSON text whose strings are `{key}` templates: the whole body, or for
    /// GraphQL the variables (`None`: no variables).
    pub json: Option<&'static str>,
    /// For GraphQL, the query, sent as written.
    pub graphql_query: Option<&'static str>,
}

impl BodyMeta {
    /// The content type sent with the body.
    pub const CONTENT_TYPE: &'static str = "application/json";

    /// Renders the body over `lookup`. A template naming an absent value becomes
    /// `null`. The text may carry secrets, so it is wrapped.
    pub fn render<'v>(&self, lookup: &dyn Fn(&str) -> Option<&'v str>) -> SecretString {
        let data = self.json.map(|text| {
            let v: serde_json::Value =
                serde_json::from_str(text).expect("the generator writes valid JSON");
            fill(v, lookup)
        });
        let body = match self.graphql_query {
            Some(q) => {
                let mut o = serde_json::Map::new();
                o.insert("query".into(), serde_json::Value::String(q.to_owned()));
                if let Some(vars) = data {
                    o.insert("variables".into(), vars);
                }
                serde_json::Value::Object(o)
            }
            None => data.unwrap_or(serde_json::Value::Null),
        };
        SecretString::from(body.to_string())
    }
}

fn fill<'v>(v: serde_json::Value, lookup: &dyn Fn(&str) -> Option<&'v str>) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Value::String(s) => {
            let Ok(parts) = parse_template(&s) else {
                return Value::String(s);
            };
            let Some(out) = crate::template::render_parts(&parts, lookup) else {
                return Value::Null;
            };
            Value::String(out)
        }
        Value::Array(items) => Value::Array(items.into_iter().map(|x| fill(x, lookup)).collect()),
        Value::Object(map) => {
            Value::Object(map.into_iter().map(|(k, x)| (k, fill(x, lookup))).collect())
        }
        other => other,
    }
}

/// What a check requires of the member at its pointer.
#[derive(Debug, Clone, Copy)]
pub enum CheckKind {
    /// Equal to this JSON value (its text).
    Equals(&'static str),
    /// Present (`true`) or absent (`false`).
    Exists(bool),
    /// A non-empty array, object or string.
    NonEmpty,
}

/// One check on the JSON answer.
#[derive(Debug, Clone, Copy)]
pub struct CheckMeta {
    /// RFC 6901 pointer.
    pub pointer: &'static str,
    /// The condition.
    pub kind: CheckKind,
    /// The end user's message when it fails.
    pub meaning: &'static str,
}

/// The result of running the checks over an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChecksOutcome {
    /// Every check holds.
    Passed,
    /// The answer is not JSON.
    NotJson,
    /// The check at this index (the first to fail) does not hold.
    Failed(usize),
}

impl CheckMeta {
    /// Whether the check holds on `doc`.
    pub fn holds(&self, doc: &serde_json::Value) -> bool {
        let at = doc.pointer(self.pointer);
        match self.kind {
            CheckKind::Exists(want) => at.is_some() == want,
            CheckKind::NonEmpty => match at {
                Some(serde_json::Value::Array(a)) => !a.is_empty(),
                Some(serde_json::Value::Object(o)) => !o.is_empty(),
                Some(serde_json::Value::String(s)) => !s.is_empty(),
                _ => false,
            },
            CheckKind::Equals(text) => {
                let want: serde_json::Value =
                    serde_json::from_str(text).expect("the generator writes valid JSON");
                at == Some(&want)
            }
        }
    }
}

/// Runs `checks`, in order, over the answer `body`.
pub fn run_checks(checks: &[CheckMeta], body: &[u8]) -> ChecksOutcome {
    read_answer(checks, None, body).checks
}

/// Where the account's identity is in the connection test's JSON answer: the value a
/// hub compares to tell that a reconnect links the same account. Not a secret, but the
/// service never logs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdentityMeta {
    /// RFC 6901 pointer into the answer of the success status.
    pub pointer: &'static str,
    /// What the value is (e.g. "User id"), for docs and listings.
    pub label: Option<&'static str>,
}

impl IdentityMeta {
    /// The identity in the parsed answer `doc`: [`identity_at`] at this pointer.
    pub fn read(&self, doc: &serde_json::Value) -> Option<String> {
        identity_at(doc, self.pointer)
    }
}

/// The value at the RFC 6901 `pointer` in `doc` as an identity: a string as is, a number
/// or boolean in its JSON text (`42`, `1.5`, `true`). Nothing there, `null`, an object,
/// an array or an empty string is no identity (`None`): none tells accounts apart.
pub fn identity_at(doc: &serde_json::Value, pointer: &str) -> Option<String> {
    use serde_json::Value;
    match doc.pointer(pointer)? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        v @ (Value::Number(_) | Value::Bool(_)) => Some(v.to_string()),
        _ => None,
    }
}

/// What the success answer's body says: the checks' outcome and the account's identity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerReading {
    /// The checks' outcome ([`ChecksOutcome::Passed`] when there are none, whatever the
    /// body).
    pub checks: ChecksOutcome,
    /// The identity, when one is asked for and the body is JSON with one at its pointer
    /// (read whatever the checks' outcome: the caller decides whether it counts).
    pub identity: Option<String>,
}

/// Runs `checks`, in order, over the answer `body` and reads `identity` from it, parsing
/// the body once (not at all when there is nothing to run or read).
pub fn read_answer(
    checks: &[CheckMeta],
    identity: Option<&IdentityMeta>,
    body: &[u8],
) -> AnswerReading {
    let passed = AnswerReading {
        checks: ChecksOutcome::Passed,
        identity: None,
    };
    if checks.is_empty() && identity.is_none() {
        return passed;
    }
    let Ok(doc) = serde_json::from_slice::<serde_json::Value>(body) else {
        return if checks.is_empty() {
            passed
        } else {
            AnswerReading {
                checks: ChecksOutcome::NotJson,
                identity: None,
            }
        };
    };
    AnswerReading {
        checks: match checks.iter().position(|c| !c.holds(&doc)) {
            Some(i) => ChecksOutcome::Failed(i),
            None => ChecksOutcome::Passed,
        },
        identity: identity.and_then(|i| i.read(&doc)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHECKS: &[CheckMeta] = &[
        CheckMeta {
            pointer: "/ok",
            kind: CheckKind::Equals("true"),
            meaning: "not ok",
        },
        CheckMeta {
            pointer: "/errors",
            kind: CheckKind::Exists(false),
            meaning: "errors",
        },
        CheckMeta {
            pointer: "/items",
            kind: CheckKind::NonEmpty,
            meaning: "nothing",
        },
    ];

    #[test]
    fn each_kind() {
        assert_eq!(
            run_checks(CHECKS, br#"{"ok":true,"items":[1]}"#),
            ChecksOutcome::Passed
        );
        assert_eq!(
            run_checks(CHECKS, br#"{"ok":false,"items":[1]}"#),
            ChecksOutcome::Failed(0)
        );
        assert_eq!(
            run_checks(CHECKS, br#"{"ok":true,"errors":[],"items":[1]}"#),
            ChecksOutcome::Failed(1)
        );
        assert_eq!(
            run_checks(CHECKS, br#"{"ok":true,"items":[]}"#),
            ChecksOutcome::Failed(2)
        );
        assert_eq!(run_checks(CHECKS, b"<html>"), ChecksOutcome::NotJson);
        assert_eq!(run_checks(&[], b"<html>"), ChecksOutcome::Passed);
    }

    #[test]
    fn identities() {
        let doc: serde_json::Value = serde_json::from_str(
            r#"{"id":"U123","n":42,"f":1.5,"neg":-7,"big":18446744073709551615,"b":false,
               "nul":null,"obj":{"id":7},"arr":[1],"empty":"","a/b":{"~k":"esc"}}"#,
        )
        .unwrap();
        assert_eq!(identity_at(&doc, "/id").as_deref(), Some("U123"));
        assert_eq!(identity_at(&doc, "/n").as_deref(), Some("42"));
        assert_eq!(identity_at(&doc, "/f").as_deref(), Some("1.5"));
        assert_eq!(identity_at(&doc, "/neg").as_deref(), Some("-7"));
        assert_eq!(
            identity_at(&doc, "/big").as_deref(),
            Some("18446744073709551615")
        );
        assert_eq!(identity_at(&doc, "/b").as_deref(), Some("false"));
        assert_eq!(identity_at(&doc, "/obj/id").as_deref(), Some("7"));
        assert_eq!(identity_at(&doc, "/a~1b/~0k").as_deref(), Some("esc"));
        for none in ["/nul", "/obj", "/arr", "/empty", "/missing", "/id/x", ""] {
            assert_eq!(identity_at(&doc, none), None, "{none}");
        }
        // A bare scalar answer is read with the empty pointer.
        assert_eq!(
            identity_at(&serde_json::json!("acct_1"), "").as_deref(),
            Some("acct_1")
        );
        let meta = IdentityMeta {
            pointer: "/obj/id",
            label: Some("Account id"),
        };
        assert_eq!(meta.read(&doc).as_deref(), Some("7"));
    }

    #[test]
    fn answers_are_read_once_for_checks_and_identity() {
        let id = IdentityMeta {
            pointer: "/user/id",
            label: None,
        };
        let r = read_answer(
            CHECKS,
            Some(&id),
            br#"{"ok":true,"items":[1],"user":{"id":9}}"#,
        );
        assert_eq!(r.checks, ChecksOutcome::Passed);
        assert_eq!(r.identity.as_deref(), Some("9"));
        // The identity is read whatever the checks say; the caller decides.
        let r = read_answer(CHECKS, Some(&id), br#"{"ok":false,"user":{"id":"x"}}"#);
        assert_eq!(r.checks, ChecksOutcome::Failed(0));
        assert_eq!(r.identity.as_deref(), Some("x"));
        // Without checks, a body that is not JSON passes and gives no identity.
        let r = read_answer(&[], Some(&id), b"<html>");
        assert_eq!((r.checks, r.identity), (ChecksOutcome::Passed, None));
        let r = read_answer(CHECKS, Some(&id), b"<html>");
        assert_eq!((r.checks, r.identity), (ChecksOutcome::NotJson, None));
        let r = read_answer(&[], None, br#"{"user":{"id":1}}"#);
        assert_eq!((r.checks, r.identity), (ChecksOutcome::Passed, None));
    }

    #[test]
    fn bodies() {
        let json = BodyMeta {
            json: Some(r#"{"a":"{x}","b":["lit {{y}}",1],"c":"{missing}"}"#),
            graphql_query: None,
        };
        let lookup = |k: &str| (k == "x").then_some("v\"1");
        use secrecy::ExposeSecret;
        assert_eq!(
            json.render(&lookup).expose_secret(),
            r#"{"a":"v\"1","b":["lit {y}",1],"c":null}"#
        );
        let gql = BodyMeta {
            json: None,
            graphql_query: Some("query { me { id } }"),
        };
        assert_eq!(
            gql.render(&lookup).expose_secret(),
            r#"{"query":"query { me { id } }"}"#
        );
    }
}
