//! The JSON Schema of the spec language, and structural validation against it.
//!
//! The schema is generated from the model by schemars and checked in at
//! `schema/provider-spec.schema.json` for editors. The loader validates every spec
//! against the very same schema (with the `jsonschema` crate) before deserializing, so
//! the editor and the loader cannot disagree, and structural mistakes are all reported
//! at once instead of serde's first-error-only.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{ValidationError, Validator};
use serde_json::Value;

use crate::diag::Code;
use crate::model::ProviderSpec;
use crate::yaml::escape_token;

/// Where the checked-in schema lives, relative to the workspace root.
pub const SCHEMA_PATH: &str = "schema/provider-spec.schema.json";

/// The first line every spec starts with, so YAML editors find the schema.
pub const SCHEMA_COMMENT: &str =
    "# yaml-language-server: $schema=../schema/provider-spec.schema.json";

/// The schema as a JSON value.
pub fn spec_schema() -> Value {
    serde_json::to_value(schemars::schema_for!(ProviderSpec)).expect("schema serializes")
}

/// The schema file's exact contents: pretty JSON and a final newline.
pub fn spec_schema_text() -> String {
    let mut s = serde_json::to_string_pretty(&spec_schema()).expect("schema serializes");
    s.push('\n');
    s
}

static VALIDATOR: LazyLock<Validator> = LazyLock::new(|| {
    jsonschema::validator_for(&spec_schema()).expect("the generated schema is a valid JSON Schema")
});

static KNOWN_KEYS: LazyLock<BTreeSet<String>> = LazyLock::new(|| {
    let mut keys = BTreeSet::new();
    collect_keys(&spec_schema(), &mut keys);
    keys
});

fn collect_keys(v: &Value, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(m) => {
            if let Some(Value::Object(props)) = m.get("properties") {
                out.extend(props.keys().cloned());
            }
            m.values().for_each(|x| collect_keys(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| collect_keys(x, out)),
        _ => {}
    }
}

/// A structural problem, by JSON pointer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaProblem {
    /// Class of problem.
    pub code: Code,
    /// JSON pointer of the offending value (or, for unknown keys, of the key).
    pub pointer: String,
    /// Whether `pointer` names a mapping key rather than a value.
    pub at_key: bool,
    /// One-line description.
    pub message: String,
    /// What to do.
    pub help: Option<String>,
}

/// Validates a document against the spec schema and returns every problem.
pub fn validate(doc: &Value) -> Vec<SchemaProblem> {
    // Nearly every document is valid. Deciding that stops at nothing and builds no
    // error (paths, messages); collecting errors does both at every node, and was
    // about a tenth of loading a catalogue. Only an invalid document is walked again
    // for its problems, which are the same either way.
    if VALIDATOR.is_valid(doc) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for e in VALIDATOR.iter_errors(doc) {
        push_problem(&e, &mut out);
    }
    out
}

fn push_problem(e: &ValidationError<'_>, out: &mut Vec<SchemaProblem>) {
    let ptr = e.instance_path().as_str().to_owned();
    let name = ptr.rsplit('/').next().unwrap_or("").to_owned();
    let what = if name.is_empty() || name.bytes().all(|b| b.is_ascii_digit()) {
        "this value".to_owned()
    } else {
        format!("`{name}`")
    };
    match e.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            for key in unexpected {
                let help = match suggest(key) {
                    Some(s) => format!(
                        "did you mean `{s}`? Unknown keys are errors; see schema/provider-spec.schema.json for the keys allowed here"
                    ),
                    None => {
                        "remove it; see schema/provider-spec.schema.json for the keys allowed here"
                            .into()
                    }
                };
                out.push(SchemaProblem {
                    code: Code::UnknownKey,
                    pointer: format!("{ptr}/{}", escape_token(key)),
                    at_key: true,
                    message: format!("unknown key `{key}`"),
                    help: Some(help),
                });
            }
        }
        ValidationErrorKind::Required { property } => {
            let p = property.as_str().unwrap_or("?");
            out.push(SchemaProblem {
                code: Code::MissingKey,
                pointer: ptr.clone(),
                at_key: true,
                message: format!("missing key `{p}`"),
                help: Some(format!("add `{p}:` to this mapping")),
            });
        }
        ValidationErrorKind::Type { kind } => {
            let expected = match kind {
                TypeKind::Single(t) => t.to_string(),
                TypeKind::Multiple(ts) => {
                    let names: Vec<String> = ts.iter().map(|t| t.to_string()).collect();
                    names.join(" or ")
                }
            };
            let expected = if expected == "null" {
                "absent".to_owned()
            } else {
                expected
            };
            out.push(SchemaProblem {
                code: Code::WrongType,
                pointer: ptr.clone(),
                at_key: false,
                message: format!("{what} must be of type {expected}"),
                help: Some(format!("write a YAML {expected} here (quote strings that look like numbers or booleans)")),
            });
        }
        ValidationErrorKind::Enum { options } => {
            let opts: Vec<String> = options
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(|o| {
                            o.as_str()
                                .map(str::to_owned)
                                .unwrap_or_else(|| o.to_string())
                        })
                        .collect()
                })
                .unwrap_or_default();
            out.push(SchemaProblem {
                code: Code::InvalidValue,
                pointer: ptr.clone(),
                at_key: false,
                message: format!("{what} is not one of the allowed values"),
                help: Some(format!("use one of: {}", opts.join(", "))),
            });
        }
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
            // Report the errors of the alternative whose type fits the value: that is the
            // one the author meant. When none fits, describe the alternatives.
            let fitting = context.iter().find(|branch| {
                !branch.iter().any(|be| {
                    be.instance_path().as_str() == ptr
                        && matches!(
                            be.kind(),
                            ValidationErrorKind::Type { .. }
                                | ValidationErrorKind::Enum { .. }
                                | ValidationErrorKind::Constant { .. }
                        )
                })
            });
            // A closed set of strings (schemars writes documented enums as `oneOf` of
            // `const`s): list the accepted values.
            let consts: Vec<String> = context
                .iter()
                .filter_map(|branch| match branch.as_slice() {
                    [be] => match be.kind() {
                        ValidationErrorKind::Constant { expected_value } => {
                            expected_value.as_str().map(str::to_owned)
                        }
                        _ => None,
                    },
                    _ => None,
                })
                .collect();
            if !consts.is_empty() && consts.len() == context.len() {
                out.push(SchemaProblem {
                    code: Code::InvalidValue,
                    pointer: ptr.clone(),
                    at_key: false,
                    message: format!("{what} is not one of the allowed values"),
                    help: Some(format!("use one of: {}", consts.join(", "))),
                });
                return;
            }
            match fitting {
                Some(branch) if !branch.is_empty() => {
                    branch.iter().for_each(|be| push_problem(be, out))
                }
                _ => out.push(SchemaProblem {
                    code: Code::InvalidValue,
                    pointer: ptr.clone(),
                    at_key: false,
                    message: format!("{what} has none of the accepted shapes"),
                    help: Some(
                        "see schema/provider-spec.schema.json for the shapes accepted here".into(),
                    ),
                }),
            }
        }
        ValidationErrorKind::Minimum { limit } | ValidationErrorKind::Maximum { limit } => out
            .push(SchemaProblem {
                code: Code::InvalidValue,
                pointer: ptr.clone(),
                at_key: false,
                message: format!("{what} is out of range (limit {limit})"),
                help: Some("use a number within the allowed range".into()),
            }),
        _ => out.push(SchemaProblem {
            code: Code::InvalidValue,
            pointer: ptr.clone(),
            at_key: false,
            message: format!("{what} is not valid here ({})", e.kind().keyword()),
            help: Some("see schema/provider-spec.schema.json".into()),
        }),
    }
}

/// The known key closest to `key` (edit distance at most 2).
fn suggest(key: &str) -> Option<&'static str> {
    KNOWN_KEYS
        .iter()
        .map(|k| (edit_distance(key, k), k))
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, k)| k.as_str())
}

/// Edit distance counting a swap of two neighbouring characters as one edit (optimal
/// string alignment), the commonest typo: `nmae` is one edit from `name`.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let mut d = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
            if i > 0 && j > 0 && *ca == b[j - 1] && a[i - 1] == *cb {
                d = d.min(before[j - 1] + 1);
            }
            cur[j + 1] = d;
        }
        before = std::mem::replace(&mut prev, cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod suggestion_tests {
    use super::{edit_distance, suggest};

    #[test]
    fn a_swap_of_neighbours_is_one_edit() {
        assert_eq!(edit_distance("nmae", "name"), 1);
        assert_eq!(edit_distance("nmae", "map"), 2);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(suggest("nmae"), Some("name"));
    }
}
