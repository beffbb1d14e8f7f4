//! Reading one translation file, `specs/i18n/<locale>/<spec id>.yaml`, into entries
//! with the JSON pointer of each, so every later check can locate what it reports.
//!
//! ```yaml
//! texts:
//!   auth_methods/api_token/label: {text: API-Token, source: 3c5ab4e1}
//!   auth_methods/api_token/guide/sections/0/steps/0/bullets/0:
//!     text: Klicken Sie in der linken Seitenleiste auf **Einstellungen**.
//!     source: 9d0f12aa
//!     ui_labels: {Settings: Einstellungen}
//! ```

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use serde_json::Value;

use crate::diag::{Code, Diagnostic, Reporter, shown};
use crate::yaml::{self, Pos, escape_token};

/// One translated text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The translation.
    pub text: String,
    /// The fingerprint of the English it was made from ([`crate::texts::fingerprint`]).
    pub source: String,
    /// `labels: translated`: the provider's own UI is localised, so the bold UI labels
    /// are its translated labels and only their number must match the English's.
    pub labels_translated: bool,
    /// `ui_labels: {English: Translated}`: a bold label or code span of the English that
    /// the provider shows translated, and how.
    pub ui_labels: BTreeMap<String, String>,
}

/// The JSON pointer of an entry's member, e.g. of its `text`.
pub(crate) fn entry_ptr(key: &str, member: &str) -> String {
    if member.is_empty() {
        format!("/texts/{}", escape_token(key))
    } else {
        format!("/texts/{}/{member}", escape_token(key))
    }
}

/// A parsed file: its entries by key, and the means to locate problems in it.
pub(crate) struct Parsed {
    pub entries: BTreeMap<String, Entry>,
    pub source: Arc<str>,
    pub locs: yaml::Locations,
}

/// Reads and parses `path`: the structure problems (syntax, unknown or missing keys,
/// wrong types, a malformed fingerprint) go to `out`; a file that does not parse is
/// `None`.
pub(crate) fn read(path: &Path, out: &mut Vec<Diagnostic>) -> Option<Parsed> {
    let text = match crate::load::read_spec(path) {
        Ok(t) => t,
        Err(d) => {
            out.extend(d.0);
            return None;
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let source: Arc<str> = Arc::from(text);
    let (doc, locs) = match yaml::parse(text) {
        Ok(x) => x,
        Err(e) => {
            out.push(Diagnostic {
                code: if e.too_large {
                    Code::TooLarge
                } else {
                    Code::YamlSyntax
                },
                file: path.to_owned(),
                pos: e.pos.unwrap_or(Pos {
                    line: 1,
                    column: 1,
                    offset: 0,
                    len: 0,
                }),
                message: format!("YAML syntax error: {}", e.message),
                label: "the parser stopped here".into(),
                help: Some("fix the YAML syntax (indentation, quoting, brackets)".into()),
                source: Some(source),
            });
            return None;
        }
    };
    let mut rep = Reporter {
        file: path,
        source: source.clone(),
        locs: &locs,
        out: Vec::new(),
    };
    for d in locs.duplicates() {
        rep.push(
            Code::DuplicateKey,
            d.again,
            format!("`{}` is given twice in the same mapping", d.key),
            format!("first given at line {}", d.first.line),
            Some("keep one of them: the later one would silently win".into()),
            true,
        );
    }
    let entries = entries(&doc, &mut rep);
    out.extend(rep.out);
    Some(Parsed {
        entries,
        source,
        locs,
    })
}

fn entries(doc: &Value, rep: &mut Reporter<'_>) -> BTreeMap<String, Entry> {
    let mut found = BTreeMap::new();
    let Some(top) = doc.as_object() else {
        rep.value(
            "",
            Code::WrongType,
            "a translation file is a mapping with `texts`",
            "not a mapping",
            "write `texts:` followed by one entry per translated text",
        );
        return found;
    };
    for k in top.keys().filter(|k| *k != "texts") {
        rep.key(
            &format!("/{}", escape_token(k)),
            Code::UnknownKey,
            format!("`{k}` is not a key of a translation file"),
            shown(k),
            "a translation file has `texts` only",
        );
    }
    let Some(texts) = top.get("texts") else {
        rep.value(
            "",
            Code::MissingKey,
            "`texts` is missing",
            "here",
            "write `texts:` followed by one entry per translated text",
        );
        return found;
    };
    let Some(texts) = texts.as_object() else {
        rep.value(
            "/texts",
            Code::WrongType,
            "`texts` must be a mapping from text keys to entries",
            "not a mapping",
            "write `key: {text: …, source: …}` per line",
        );
        return found;
    };
    for (key, v) in texts {
        if let Some(e) = entry(key, v, rep) {
            found.insert(key.clone(), e);
        }
    }
    found
}

fn entry(key: &str, v: &Value, rep: &mut Reporter<'_>) -> Option<Entry> {
    let ptr = entry_ptr(key, "");
    let Some(m) = v.as_object() else {
        rep.value(
            &ptr,
            Code::WrongType,
            "an entry must be a mapping with `text` and `source`",
            "not a mapping",
            "write `{text: \"…\", source: \"<fingerprint>\"}`",
        );
        return None;
    };
    let mut ok = true;
    for k in m.keys() {
        if !["text", "source", "labels", "ui_labels"].contains(&k.as_str()) {
            rep.key(
                &entry_ptr(key, &escape_token(k)),
                Code::UnknownKey,
                format!("`{k}` is not a key of a translation entry"),
                shown(k),
                "an entry has `text`, `source` and optionally `labels: translated` or `ui_labels`",
            );
            ok = false;
        }
    }
    let string = |member: &str, rep: &mut Reporter<'_>| match m.get(member) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
        Some(_) => {
            rep.value(
                &entry_ptr(key, member),
                Code::WrongType,
                format!("`{member}` must be a non-empty string"),
                "not a non-empty string",
                "quote the value",
            );
            None
        }
        None => {
            rep.value(
                &ptr,
                Code::MissingKey,
                format!("the entry has no `{member}`"),
                format!("`{member}` is missing"),
                "an entry has `text` (the translation) and `source` (the fingerprint of the English it translates)",
            );
            None
        }
    };
    let text = string("text", rep);
    // An all-digit fingerprint written without quotes reads as a number.
    let source = match m.get("source") {
        Some(Value::Number(n)) => {
            rep.value(
                &entry_ptr(key, "source"),
                Code::WrongType,
                "`source` must be a quoted string",
                format!("`{n}` reads as a number"),
                format!("write `source: \"{n}\"`"),
            );
            None
        }
        _ => string("source", rep),
    };
    if let Some(s) = &source
        && !(s.len() == 8
            && s.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)))
    {
        rep.value(
            &entry_ptr(key, "source"),
            Code::InvalidValue,
            "`source` must be 8 lower-case hex digits",
            shown(s),
            "copy the fingerprint of the English text from `cargo xtask translate`'s listing (the first 8 hex digits of its SHA-256)",
        );
        ok = false;
    }
    let labels_translated = match m.get("labels") {
        None => false,
        Some(Value::String(s)) if s == "translated" => true,
        Some(other) => {
            rep.value(
                &entry_ptr(key, "labels"),
                Code::InvalidValue,
                "`labels` can only be `translated`",
                shown(&other.to_string()),
                "write `labels: translated` when the provider's own UI shows these labels translated, or leave it out",
            );
            ok = false;
            false
        }
    };
    let mut ui_labels = BTreeMap::new();
    match m.get("ui_labels") {
        None => {}
        Some(Value::Object(map)) => {
            for (from, to) in map {
                match to {
                    Value::String(t) => {
                        ui_labels.insert(from.clone(), t.clone());
                    }
                    _ => {
                        rep.value(
                            &entry_ptr(key, &format!("ui_labels/{}", escape_token(from))),
                            Code::WrongType,
                            "a UI label's translation must be a string",
                            "not a string",
                            "write `English label: translated label`",
                        );
                        ok = false;
                    }
                }
            }
        }
        Some(_) => {
            rep.value(
                &entry_ptr(key, "ui_labels"),
                Code::WrongType,
                "`ui_labels` must be a mapping from English UI labels to translated ones",
                "not a mapping",
                "write `ui_labels: {Settings: Einstellungen}`",
            );
            ok = false;
        }
    }
    Some(Entry {
        text: text?,
        source: source?,
        labels_translated,
        ui_labels,
    })
    .filter(|_| ok)
}
