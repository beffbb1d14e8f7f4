//! The connection test's request body and its checks on the JSON answer.

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
    if checks.is_empty() {
        return ChecksOutcome::Passed;
    }
    let Ok(doc) = serde_json::from_slice::<serde_json::Value>(body) else {
        return ChecksOutcome::NotJson;
    };
    match checks.iter().position(|c| !c.holds(&doc)) {
        Some(i) => ChecksOutcome::Failed(i),
        None => ChecksOutcome::Passed,
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
