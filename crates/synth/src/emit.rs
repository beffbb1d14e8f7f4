//! Writes a spec as hand-written-looking YAML: keys in the order authors write them,
//! short scalar lists in flow style, `false` defaults left out, strings quoted only
//! when YAML would otherwise misread them.

use serde_json::{Map, Value};

/// The order keys appear in within a mapping; unknown keys follow, sorted.
const KEY_ORDER: &[&str] = &[
    "id",
    "key",
    "name",
    "label",
    "slug",
    "kind",
    "homepage",
    "categories",
    "sources",
    "status",
    "meaning",
    "description",
    "placeholder",
    "secret",
    "optional",
    "pattern",
    "hint",
    "min_length",
    "max_length",
    "prefixes",
    "forbidden_prefixes",
    "format",
    "options",
    "value",
    "normalize",
    "examples",
    "valid",
    "invalid",
    "reason",
    "fields",
    "derived",
    "from",
    "rules",
    "when",
    "then",
    "field",
    "equals",
    "message",
    "base_url",
    "allowed_hosts",
    "send",
    "headers",
    "query",
    "basic",
    "username",
    "password",
    "connection_test",
    "method",
    "path",
    "expect_status",
    "requires_scopes",
    "outcomes",
    "missing_scopes",
    "note",
    "scopes",
    "unit",
    "per",
    "limits",
    "guide",
    "warning",
    "sections",
    "title",
    "intro",
    "text",
    "steps",
    "display_scopes",
    "bullets",
    "auth_methods",
];

fn rank(key: &str) -> usize {
    KEY_ORDER
        .iter()
        .position(|k| *k == key)
        .unwrap_or(KEY_ORDER.len())
}

fn sorted(m: &Map<String, Value>) -> Vec<(&String, &Value)> {
    let mut entries: Vec<(&String, &Value)> = m
        .iter()
        // `false` is a default everywhere except in a response check's condition.
        .filter(|(k, v)| *v != &Value::Bool(false) || matches!(k.as_str(), "exists" | "equals"))
        .collect();
    entries.sort_by(|a, b| (rank(a.0), a.0).cmp(&(rank(b.0), b.0)));
    entries
}

/// Plain scalars are safe when they start with a letter, hold no YAML indicator
/// sequence (`: `, ` #`, and in flow context `,[]{}`) and cannot be read as a
/// boolean or null.
fn plain_ok(s: &str, flow: bool) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    let reserved = ["true", "false", "yes", "no", "on", "off", "null", "y", "n"];
    first.is_ascii_alphabetic()
        && !s.ends_with([' ', ':'])
        && !reserved.contains(&s.to_ascii_lowercase().as_str())
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.chars().any(|c| c.is_control() || c == '"' || c == '\\')
        && !(flow && s.contains([',', '[', ']', '{', '}']))
}

fn scalar(v: &Value, flow: bool) -> String {
    match v {
        Value::String(s) if plain_ok(s, flow) => s.clone(),
        // A JSON string is a valid YAML double-quoted scalar.
        Value::String(s) => serde_json::to_string(s).expect("strings serialise"),
        Value::Null => "null".into(),
        other => other.to_string(),
    }
}

fn is_scalar(v: &Value) -> bool {
    !matches!(v, Value::Array(_) | Value::Object(_))
}

fn flow(items: &[Value]) -> Option<String> {
    if !items.iter().all(is_scalar) {
        return None;
    }
    let s = format!(
        "[{}]",
        items
            .iter()
            .map(|v| scalar(v, true))
            .collect::<Vec<_>>()
            .join(", ")
    );
    (s.len() <= 72).then_some(s)
}

/// A small all-scalar mapping in a sequence, written on one line as authors do
/// (`- {kind: max_count, value: 5}`).
fn flow_map(m: &Map<String, Value>) -> Option<String> {
    let entries = sorted(m);
    if !entries.iter().all(|(_, v)| is_scalar(v)) {
        return None;
    }
    let parts: Vec<String> = entries
        .iter()
        .map(|(k, v)| format!("{k}: {}", scalar(v, true)))
        .collect();
    let s = format!("{{{}}}", parts.join(", "));
    (s.len() <= 72).then_some(s)
}

fn map(out: &mut String, m: &Map<String, Value>, indent: usize) {
    let pad = " ".repeat(indent);
    for (k, v) in sorted(m) {
        out.push_str(&pad);
        out.push_str(&scalar(&Value::String(k.clone()), false));
        out.push(':');
        match v {
            Value::Object(inner) => {
                out.push('\n');
                map(out, inner, indent + 2);
            }
            Value::Array(items) => match flow(items) {
                Some(f) => {
                    out.push(' ');
                    out.push_str(&f);
                    out.push('\n');
                }
                None => {
                    out.push('\n');
                    seq(out, items, indent + 2);
                }
            },
            s => {
                out.push(' ');
                out.push_str(&scalar(s, false));
                out.push('\n');
            }
        }
    }
}

fn seq(out: &mut String, items: &[Value], indent: usize) {
    let pad = " ".repeat(indent);
    for item in items {
        match item {
            Value::Object(m) if flow_map(m).is_some() => {
                out.push_str(&pad);
                out.push_str("- ");
                out.push_str(&flow_map(m).unwrap_or_default());
                out.push('\n');
            }
            Value::Object(m) => {
                // Render at indent + 2, then turn the first line's indentation into "- ".
                let mut inner = String::new();
                map(&mut inner, m, indent + 2);
                out.push_str(&pad);
                out.push_str("- ");
                out.push_str(&inner[indent + 2..]);
            }
            Value::Array(a) => {
                out.push_str(&pad);
                out.push_str(&flow(a).unwrap_or_else(|| "[]".into()));
                out.push('\n');
            }
            s => {
                out.push_str(&pad);
                out.push_str("- ");
                out.push_str(&scalar(s, false));
                out.push('\n');
            }
        }
    }
}

/// The YAML text of a serialised spec (without the leading comment lines).
pub fn yaml(spec: &Value) -> String {
    let mut out = String::new();
    if let Value::Object(m) = spec {
        map(&mut out, m, 0);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        let s = |v: &str, flow| scalar(&Value::String(v.into()), flow);
        assert_eq!(s("API Token", false), "API Token");
        assert_eq!(s("yes", false), "\"yes\"");
        assert_eq!(s("Bearer {token}", false), "Bearer {token}");
        assert_eq!(s("Bearer {token}", true), "\"Bearer {token}\"");
        assert_eq!(s("https://a.io/x", false), "https://a.io/x");
        assert_eq!(s("Example: x", false), "\"Example: x\"");
        assert_eq!(s("cms:read", false), "cms:read");
        assert_eq!(s("{api_key}", false), "\"{api_key}\"");
        assert_eq!(s("123", false), "\"123\"");
    }

    #[test]
    fn nested_sequences_of_maps() {
        let v = serde_json::json!({"id": "x", "items": [{"key": "a", "secret": false, "label": "A", "more": [1]}]});
        assert_eq!(
            yaml(&v),
            "id: x\nitems:\n  - key: a\n    label: A\n    more: [1]\n"
        );
        let small = serde_json::json!({"limits": [{"value": 5, "kind": "max_count"}]});
        assert_eq!(yaml(&small), "limits:\n  - {kind: max_count, value: 5}\n");
    }
}
