//! YAML → JSON value plus a map from JSON pointers to source locations.
//!
//! serde stops at the first error, but a spec author wants every mistake at once. So
//! the loader first reads the YAML into a plain tree with positions (serde-saphyr's
//! `Spanned`), converts it to `serde_json::Value`, and records where every value and
//! every mapping key sits. Schema validation and the semantic checks then report by
//! JSON pointer, and [`Locations`] turns each pointer back into `line:column`.

use std::collections::HashMap;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};
use serde_saphyr::Spanned;

/// A position in a spec file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    /// 1-based line.
    pub line: u32,
    /// 1-based column (characters).
    pub column: u32,
    /// Byte offset of the start.
    pub offset: usize,
    /// Length in bytes of the highlighted text (0 when unknown).
    pub len: usize,
}

/// Where each JSON pointer of a document came from.
#[derive(Debug, Default, Clone)]
pub struct Locations {
    values: HashMap<String, Pos>,
    keys: HashMap<String, Pos>,
}

impl Locations {
    /// The position of the value at `pointer`, or of the nearest ancestor that has one.
    pub fn value(&self, pointer: &str) -> Pos {
        let mut p = pointer;
        loop {
            if let Some(pos) = self.values.get(p) {
                return *pos;
            }
            match p.rfind('/') {
                Some(i) => p = &p[..i],
                None => {
                    return Pos {
                        line: 1,
                        column: 1,
                        offset: 0,
                        len: 0,
                    };
                }
            }
        }
    }

    /// The position of the mapping key that introduces `pointer` (falls back to the value).
    pub fn key(&self, pointer: &str) -> Pos {
        self.keys
            .get(pointer)
            .copied()
            .unwrap_or_else(|| self.value(pointer))
    }
}

enum Node {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Spanned<Node>>),
    Map(Vec<(Spanned<String>, Spanned<Node>)>),
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Node;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a YAML value")
            }
            fn visit_unit<E>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }
            fn visit_none<E>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }
            fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Node, D2::Error> {
                Node::deserialize(d)
            }
            fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
                Ok(Node::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
                Ok(Node::Int(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Node, E> {
                i64::try_from(v)
                    .map(Node::Int)
                    .or(Ok(Node::Float(v as f64)))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
                Ok(Node::Float(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Node, E> {
                Ok(Node::Str(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<Node, E> {
                Ok(Node::Str(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Node, A::Error> {
                let mut out = Vec::new();
                while let Some(x) = a.next_element::<Spanned<Node>>()? {
                    out.push(x);
                }
                Ok(Node::Seq(out))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Node, A::Error> {
                let mut out = Vec::new();
                while let Some(k) = a.next_key::<Spanned<KeyString>>()? {
                    let v = a.next_value::<Spanned<Node>>()?;
                    let k = Spanned::new(k.value.0, k.referenced, k.defined);
                    out.push((k, v));
                }
                Ok(Node::Map(out))
            }
        }
        d.deserialize_any(V)
    }
}

/// A mapping key: scalars of any type are read as their text (`401:` is the key "401").
struct KeyString(String);

impl<'de> Deserialize<'de> for KeyString {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = KeyString;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a scalar mapping key")
            }
            fn visit_str<E>(self, v: &str) -> Result<KeyString, E> {
                Ok(KeyString(v.to_owned()))
            }
            fn visit_bool<E>(self, v: bool) -> Result<KeyString, E> {
                Ok(KeyString(v.to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<KeyString, E> {
                Ok(KeyString(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<KeyString, E> {
                Ok(KeyString(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<KeyString, E> {
                Ok(KeyString(v.to_string()))
            }
            fn visit_unit<E>(self) -> Result<KeyString, E> {
                Ok(KeyString("null".into()))
            }
        }
        d.deserialize_any(V)
    }
}

/// A YAML syntax error, located.
#[derive(Debug, Clone)]
pub struct SyntaxError {
    /// The parser's message (first line).
    pub message: String,
    /// Where, when known.
    pub pos: Option<Pos>,
}

/// Escapes one JSON pointer token (RFC 6901).
pub fn escape_token(t: &str) -> String {
    t.replace('~', "~0").replace('/', "~1")
}

/// Parses `text` into a JSON value and the location of every value and key in it.
pub fn parse(text: &str) -> Result<(Value, Locations), SyntaxError> {
    let root: Spanned<Node> = serde_saphyr::from_str(text).map_err(|e| {
        let pos = e.location().filter(|l| l.line() > 0).map(|l| {
            let (line, column) = (l.line() as u32, l.column() as u32);
            Pos {
                line,
                column,
                offset: offset_of(text, line, column),
                len: 1,
            }
        });
        let full = e.to_string();
        let first = full.lines().next().unwrap_or("invalid YAML").trim();
        // The parser prefixes "error: line L column C: "; the diagnostic shows those itself.
        let message = match first.find(": ").zip(first.strip_prefix("error: ")) {
            Some(_) => first.splitn(3, ": ").last().unwrap_or(first),
            None => first,
        };
        SyntaxError {
            message: message.to_owned(),
            pos,
        }
    })?;
    let mut locs = Locations::default();
    let value = convert(root, String::new(), text, &mut locs);
    Ok((value, locs))
}

/// The byte offset of 1-based `line` and `column` (in characters).
fn offset_of(text: &str, line: u32, column: u32) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1) as usize)
        .map(str::len)
        .sum();
    let rest = &text[start.min(text.len())..];
    start
        + rest
            .char_indices()
            .nth(column.saturating_sub(1) as usize)
            .map_or(rest.len(), |(i, _)| i)
}

fn pos_of<T>(s: &Spanned<T>, text: &str) -> Pos {
    let l = s.referenced;
    let span = l.span();
    let offset = match span.byte_offset() {
        Some(o) => o as usize,
        None => offset_of(text, l.line() as u32, l.column() as u32),
    };
    let len = scalar_len(text, offset);
    Pos {
        line: l.line() as u32,
        column: l.column() as u32,
        offset,
        len,
    }
}

/// The byte length of the scalar starting at `offset`: to the end of a quoted string, or
/// to the end of the line (less a trailing comment) for a plain scalar.
fn scalar_len(text: &str, offset: usize) -> usize {
    let Some(rest) = text.get(offset..) else {
        return 0;
    };
    let line = rest.split('\n').next().unwrap_or("");
    let line = line.strip_suffix('\r').unwrap_or(line);
    match line.chars().next() {
        Some(q @ ('"' | '\'')) => {
            let mut escaped = false;
            for (i, c) in line.char_indices().skip(1) {
                if q == '"' && c == '\\' && !escaped {
                    escaped = true;
                    continue;
                }
                if c == q && !escaped {
                    return i + 1;
                }
                escaped = false;
            }
            line.len()
        }
        Some('|' | '>' | '[' | '{' | '-') | None => line.len().min(1),
        Some(_) => {
            let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let in_flow = text[line_start..offset].contains(['{', '[']);
            let mut end = line.find(" #").unwrap_or(line.len());
            if in_flow {
                end = end.min(line.find([',', '}', ']']).unwrap_or(line.len()));
            }
            let v = line[..end].trim_end();
            // A mapping key: stop at the colon.
            match v.find(": ") {
                Some(i) => i,
                None => v.strip_suffix(':').map(str::len).unwrap_or(v.len()),
            }
        }
    }
}

fn convert(node: Spanned<Node>, ptr: String, text: &str, locs: &mut Locations) -> Value {
    let pos = pos_of(&node, text);
    locs.values.insert(ptr.clone(), pos);
    match node.value {
        Node::Null => Value::Null,
        Node::Bool(b) => Value::Bool(b),
        Node::Int(i) => Value::Number(i.into()),
        Node::Float(f) => Number::from_f64(f)
            .map(Value::Number)
            .unwrap_or(Value::Null),
        Node::Str(s) => Value::String(s),
        Node::Seq(items) => Value::Array(
            items
                .into_iter()
                .enumerate()
                .map(|(i, n)| convert(n, format!("{ptr}/{i}"), text, locs))
                .collect(),
        ),
        Node::Map(entries) => {
            let mut map = Map::new();
            for (k, v) in entries {
                let child = format!("{ptr}/{}", escape_token(&k.value));
                locs.keys.insert(child.clone(), pos_of(&k, text));
                let value = convert(v, child, text, locs);
                map.insert(k.value, value);
            }
            Value::Object(map)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_of_values_and_keys() {
        let text = "id: oneflow\nauth_methods:\n  - id: api_token\n    label: \"API Token\"\n";
        let (v, locs) = parse(text).unwrap();
        assert_eq!(v["auth_methods"][0]["label"], "API Token");
        let p = locs.value("/auth_methods/0/label");
        assert_eq!((p.line, p.column), (4, 12));
        assert_eq!(&text[p.offset..p.offset + p.len], "\"API Token\"");
        let k = locs.key("/auth_methods/0/label");
        assert_eq!((k.line, k.column), (4, 5));
        assert_eq!(&text[k.offset..k.offset + k.len], "label");
        let p = locs.value("/id");
        assert_eq!(&text[p.offset..p.offset + p.len], "oneflow");
    }

    #[test]
    fn syntax_error_is_located() {
        let err = parse("id: [oneflow\nname: x\n").unwrap_err();
        assert!(err.pos.is_some(), "{err:?}");
    }
}
