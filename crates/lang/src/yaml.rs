//! YAML → JSON value plus a map from JSON pointers to source locations.
//!
//! serde stops at the first error, but a spec author wants every mistake at once. So
//! the loader first reads the YAML into a `serde_json::Value` and records where every
//! value and every mapping key sits. Schema validation and the semantic checks then
//! report by JSON pointer, and [`Locations`] turns each pointer back into `line:column`.
//!
//! Two readers build the same result. Plain documents (what specs are) are read in one
//! pass over the parser's events (`events.rs`); everything else, and every error, goes
//! through serde-saphyr with a `Spanned` value at every node.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};
use serde_saphyr::Spanned;

mod events;

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

/// Where each value and mapping key of a document came from.
///
/// A tree parallel to the document, holding raw positions only: no pointer strings and
/// no highlight lengths are built while loading, because almost every spec loads
/// without a single diagnostic. A pointer is resolved (and the highlighted length
/// measured in the source) only when a problem is reported.
#[derive(Debug, Default, Clone)]
pub struct Locations {
    text: Arc<str>,
    root: Option<Loc>,
    duplicates: Vec<DuplicateKey>,
}

/// A mapping key given more than once in the same mapping. The document keeps the last
/// value (as YAML readers do), so the earlier one would be ignored without a word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateKey {
    /// The key's text.
    pub key: String,
    /// Where it first appears.
    pub first: Pos,
    /// Where it appears again.
    pub again: Pos,
}

/// A start position as the parser reported it.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct At {
    line: u32,
    column: u32,
    offset: usize,
}

#[derive(Debug, Clone, PartialEq)]
struct Loc {
    at: At,
    kids: Kids,
}

#[derive(Debug, Clone, PartialEq)]
enum Kids {
    Leaf,
    Seq(Vec<Loc>),
    /// Entries in source order: key text, key position, value.
    Map(Vec<(String, At, Loc)>),
}

impl Locations {
    /// Every key repeated within its mapping, in source order.
    pub fn duplicates(&self) -> &[DuplicateKey] {
        &self.duplicates
    }

    /// The position of the value at `pointer`, or of the nearest ancestor that has one.
    pub fn value(&self, pointer: &str) -> Pos {
        let (node, _) = self.walk(pointer);
        node.map_or(
            Pos {
                line: 1,
                column: 1,
                offset: 0,
                len: 0,
            },
            |n| self.pos(n.at),
        )
    }

    /// The position of the mapping key that introduces `pointer` (falls back to the value).
    pub fn key(&self, pointer: &str) -> Pos {
        match self.walk(pointer) {
            (_, Some(key)) => self.pos(key),
            (_, None) => self.value(pointer),
        }
    }

    /// The deepest node on the way to `pointer`, and the key position of the pointer's
    /// last token when the whole pointer resolved and its parent is a mapping.
    fn walk(&self, pointer: &str) -> (Option<&Loc>, Option<At>) {
        let Some(mut node) = self.root.as_ref() else {
            return (None, None);
        };
        let mut key = None;
        let tokens = pointer.strip_prefix('/').map(|p| p.split('/'));
        for token in tokens.into_iter().flatten() {
            let token = unescape_token(token);
            let next = match &node.kids {
                Kids::Leaf => None,
                Kids::Seq(items) => token
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| items.get(i))
                    .map(|n| (n, None)),
                // The last duplicate wins, as in the document.
                Kids::Map(entries) => entries
                    .iter()
                    .rev()
                    .find(|(k, _, _)| *k == token)
                    .map(|(_, at, n)| (n, Some(*at))),
            };
            match next {
                Some((n, k)) => {
                    node = n;
                    key = k;
                }
                None => return (Some(node), None),
            }
        }
        (Some(node), key)
    }

    fn pos(&self, at: At) -> Pos {
        Pos {
            line: at.line,
            column: at.column,
            offset: at.offset,
            len: scalar_len(&self.text, at.offset),
        }
    }
}

/// Undoes [`escape_token`].
fn unescape_token(t: &str) -> Cow<'_, str> {
    if t.contains('~') {
        Cow::Owned(t.replace("~1", "/").replace("~0", "~"))
    } else {
        Cow::Borrowed(t)
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
    /// Whether the document broke one of the size limits ([`MAX_NODES`], [`MAX_DEPTH`],
    /// aliases) rather than the syntax.
    pub too_large: bool,
}

/// Escapes one JSON pointer token (RFC 6901).
pub fn escape_token(t: &str) -> String {
    t.replace('~', "~0").replace('/', "~1")
}

/// The most YAML nodes (scalars, sequences, mappings) a spec may have. The largest real
/// spec has a few hundred; the limit only stops a runaway or hostile document.
pub const MAX_NODES: usize = 250_000;

/// The deepest nesting of sequences and mappings a spec may have (real specs: under 12).
pub const MAX_DEPTH: usize = 64;

/// The parser's options: every duplicate key reaches [`Node`]'s visitor (so all of them
/// are reported, each with both locations), and the document limits are ours, stated in
/// the messages below.
fn options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_nodes = MAX_NODES;
    budget.max_depth = MAX_DEPTH;
    let mut o = serde_saphyr::Options::default();
    o.budget = Some(budget);
    o.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::PassThrough;
    o
}

/// Parses `text` into a JSON value and the location of every value and key in it.
///
/// A repeated mapping key is not an error here: the last value wins, and
/// [`Locations::duplicates`] lists every repetition for the loader to report.
pub fn parse(text: &str) -> Result<(Value, Locations), SyntaxError> {
    let (value, root, duplicates) = match events::read(text) {
        Some(read) => read,
        None => read_with_serde(text)?,
    };
    let mut locs = Locations {
        text: Arc::from(text),
        root: Some(root),
        duplicates: Vec::new(),
    };
    locs.duplicates = duplicates
        .into_iter()
        .map(|(key, first, again)| DuplicateKey {
            first: locs.pos(first),
            again: locs.pos(again),
            key,
        })
        .collect();
    Ok((value, locs))
}

/// The full reader: serde-saphyr, with a `Spanned` value at every node. Every document
/// the fast reader ([`events::read`]) leaves, and every error, goes through here.
fn read_with_serde(text: &str) -> Result<events::Read, SyntaxError> {
    let root: Spanned<Node> =
        serde_saphyr::from_str_with_options(text, options()).map_err(|e| syntax_error(&e, text))?;
    let mut duplicates = Vec::new();
    let (value, root) = convert(root, text, &mut duplicates);
    Ok((value, root, duplicates))
}

/// The parser's error as a located message in the spec author's terms: the parser's
/// own wording for syntax errors, and plain sentences (with the limit) for everything
/// that would otherwise show the parser's configuration or internal names.
fn syntax_error(e: &serde_saphyr::Error, text: &str) -> SyntaxError {
    let pos = e.location().filter(|l| l.line() > 0).map(|l| {
        let (line, column) = (l.line() as u32, l.column() as u32);
        Pos {
            line,
            column,
            offset: offset_of(text, line, column),
            len: 1,
        }
    });
    SyntaxError {
        message: plain_message(e),
        pos,
        too_large: is_limit(e),
    }
}

fn is_limit(e: &serde_saphyr::Error) -> bool {
    use serde_saphyr::Error as E;
    match e {
        E::AliasError { error, .. } | E::WithSnippet { error, .. } => is_limit(error),
        E::Budget { breach, .. } => !matches!(
            breach,
            serde_saphyr::budget::BudgetBreach::SequenceUnbalanced
        ),
        E::AliasReplayCounterOverflow { .. }
        | E::AliasReplayLimitExceeded { .. }
        | E::AliasExpansionLimitExceeded { .. }
        | E::AliasReplayStackDepthExceeded { .. } => true,
        _ => false,
    }
}

fn plain_message(e: &serde_saphyr::Error) -> String {
    use serde_saphyr::Error as E;
    use serde_saphyr::budget::BudgetBreach as B;
    match e {
        E::AliasError { error, .. } | E::WithSnippet { error, .. } => plain_message(error),
        E::Message { msg, .. } | E::ExternalMessage { msg, .. } => first_line(msg),
        E::Eof { .. } => "the document ends in the middle of a value".into(),
        E::MultipleDocuments { .. } => {
            "the file holds more than one YAML document (a second `---`); a spec is one document"
                .into()
        }
        E::DuplicateMappingKey { key, .. } => match key {
            Some(k) => format!("key `{k}` is given more than once in the same mapping"),
            None => "a key is given more than once in the same mapping".into(),
        },
        E::UnknownAnchor { .. } => "this alias (`*name`) refers to no anchor (`&name`)".into(),
        E::RecursiveReferencesRequireWeakTypes { .. } => {
            "this alias refers to the value that contains it".into()
        }
        E::MergeValueNotMapOrSeqOfMaps { .. } => {
            "a merge key (`<<`) must be followed by a mapping or a list of mappings".into()
        }
        E::SerdeInvalidType {
            unexpected,
            expected,
            ..
        } => format!("expected {expected}, found {unexpected}"),
        E::NonFiniteFloat { value, .. } => {
            format!("`{value}` is not a finite number")
        }
        E::Budget { breach, .. } => match breach {
            B::Nodes { .. } => format!(
                "the document is too large: a spec may have at most {MAX_NODES} YAML values"
            ),
            B::Depth { .. } => format!(
                "the document is nested too deeply: at most {MAX_DEPTH} levels of lists and mappings"
            ),
            B::Aliases { .. }
            | B::Anchors { .. }
            | B::AliasAnchorRatio { .. }
            | B::RecordedAnchorEvents { .. }
            | B::RecordedAnchorBytes { .. } => {
                "the document uses too many anchors and aliases (`&name`, `*name`); write the values out"
                    .into()
            }
            B::SequenceUnbalanced => "a list or mapping is closed that was never opened".into(),
            B::Documents { .. } => {
                "the file holds too many YAML documents; a spec is one document".into()
            }
            _ => "the document is too large for a spec".into(),
        },
        E::AliasReplayCounterOverflow { .. }
        | E::AliasReplayLimitExceeded { .. }
        | E::AliasExpansionLimitExceeded { .. }
        | E::AliasReplayStackDepthExceeded { .. } => {
            "the document expands too many aliases (`*name`); write the values out".into()
        }
        // Every other error names the parser's types or options; say what is wrong instead.
        _ => "the YAML cannot be read here".into(),
    }
}

/// The first line of a parser message, without the location prefix the diagnostic
/// shows itself (`error: line L column C: …`).
fn first_line(full: &str) -> String {
    let first = full.lines().next().unwrap_or("invalid YAML").trim();
    let message = match first.find(": ").zip(first.strip_prefix("error: ")) {
        Some(_) => first.splitn(3, ": ").last().unwrap_or(first),
        None => first,
    };
    message.to_owned()
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

fn at_of<T>(s: &Spanned<T>, text: &str) -> At {
    let l = s.referenced;
    let offset = match l.span().byte_offset() {
        Some(o) => o as usize,
        None => offset_of(text, l.line() as u32, l.column() as u32),
    };
    At {
        line: l.line() as u32,
        column: l.column() as u32,
        offset,
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

/// The JSON value of `node` and the tree of its positions.
/// Repeated keys are collected in `dups` as (key, first position, repeated position).
fn convert(node: Spanned<Node>, text: &str, dups: &mut Vec<(String, At, At)>) -> (Value, Loc) {
    let at = at_of(&node, text);
    let (value, kids) = match node.value {
        Node::Null => (Value::Null, Kids::Leaf),
        Node::Bool(b) => (Value::Bool(b), Kids::Leaf),
        Node::Int(i) => (Value::Number(i.into()), Kids::Leaf),
        Node::Float(f) => (
            Number::from_f64(f)
                .map(Value::Number)
                .unwrap_or(Value::Null),
            Kids::Leaf,
        ),
        Node::Str(s) => (Value::String(s), Kids::Leaf),
        Node::Seq(items) => {
            let (values, locs) = items.into_iter().map(|n| convert(n, text, dups)).unzip();
            (Value::Array(values), Kids::Seq(locs))
        }
        Node::Map(entries) => {
            let mut map = Map::new();
            let mut locs = Vec::with_capacity(entries.len());
            let mut seen = SeenKeys::new(entries.len());
            for (k, v) in entries {
                let key_at = at_of(&k, text);
                let (value, loc) = convert(v, text, dups);
                if let Some(first) = seen.first(&locs, &k.value, key_at) {
                    dups.push((k.value.clone(), first, key_at));
                }
                locs.push((k.value.clone(), key_at, loc));
                map.insert(k.value, value);
            }
            (Value::Object(map), Kids::Map(locs))
        }
    };
    (value, Loc { at, kids })
}

/// Finds a key's first position among a mapping's earlier entries: a scan for the
/// small mappings of real specs, a hash map for large ones (so a hostile mapping with
/// many keys costs linear time, not quadratic).
enum SeenKeys {
    Scan,
    Hashed(HashMap<String, At>),
}

impl SeenKeys {
    const SCAN_UP_TO: usize = 32;

    fn new(len: usize) -> Self {
        if len <= Self::SCAN_UP_TO {
            SeenKeys::Scan
        } else {
            SeenKeys::Hashed(HashMap::with_capacity(len))
        }
    }

    /// The first position of `key` if it came before; records it otherwise.
    fn first(&mut self, earlier: &[(String, At, Loc)], key: &str, at: At) -> Option<At> {
        match self {
            SeenKeys::Scan => earlier
                .iter()
                .find(|(k, _, _)| k == key)
                .map(|(_, first, _)| *first),
            SeenKeys::Hashed(map) => match map.get(key) {
                Some(first) => Some(*first),
                None => {
                    map.insert(key.to_owned(), at);
                    None
                }
            },
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
    fn pointers_resolve_escapes_and_fall_back_to_ancestors() {
        let text = "a/b:\n  x~y: 1\nlist:\n  - 5\n";
        let (_, locs) = parse(text).unwrap();
        let p = locs.value("/a~1b/x~0y");
        assert_eq!((p.line, p.column), (2, 8));
        let k = locs.key("/a~1b/x~0y");
        assert_eq!(&text[k.offset..k.offset + k.len], "x~y");
        // Missing children resolve to the nearest ancestor; missing keys to the value.
        assert_eq!(locs.value("/list/7"), locs.value("/list"));
        assert_eq!(locs.value("/list").line, 4);
        assert_eq!(locs.value("/list/0/deeper"), locs.value("/list/0"));
        assert_eq!(locs.key("/nope"), locs.value(""));
    }

    #[test]
    fn syntax_error_is_located() {
        let err = parse("id: [oneflow\nname: x\n").unwrap_err();
        assert!(err.pos.is_some(), "{err:?}");
    }

    #[test]
    fn duplicate_keys_are_listed_with_both_positions() {
        let text = "id: a\nname: x\nid: b\nlist:\n  - {k: 1, k: 2}\n";
        let (v, locs) = parse(text).unwrap();
        assert_eq!(v["id"], "b", "the last value wins, as in YAML readers");
        let d = locs.duplicates();
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!(d[0].key, "id");
        assert_eq!((d[0].first.line, d[0].first.column), (1, 1));
        assert_eq!((d[0].again.line, d[0].again.column), (3, 1));
        assert_eq!(
            &text[d[0].again.offset..d[0].again.offset + d[0].again.len],
            "id"
        );
        assert_eq!(d[1].key, "k");
        assert_eq!((d[1].first.line, d[1].again.line), (5, 5));
        assert!(d[1].first.column < d[1].again.column);
    }

    #[test]
    fn duplicates_in_a_large_mapping_are_found() {
        let mut text: String = (0..100).map(|i| format!("k{i}: {i}\n")).collect();
        text.push_str("k7: again\n");
        let (_, locs) = parse(&text).unwrap();
        let d = locs.duplicates();
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            (d[0].key.as_str(), d[0].first.line, d[0].again.line),
            ("k7", 8, 101)
        );
    }

    /// The parser's limits and configuration never reach the author: each breach is a
    /// plain sentence with the limit.
    #[test]
    fn limits_are_plain_sentences() {
        let big = format!("[{}]", vec!["1"; MAX_NODES + 1].join(","));
        let e = parse(&big).unwrap_err();
        assert_eq!(
            e.message,
            format!("the document is too large: a spec may have at most {MAX_NODES} YAML values")
        );
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        let e = parse(&deep).unwrap_err();
        assert!(e.message.contains("nested too deeply"), "{e:?}");
        assert!(e.too_large, "{e:?}");
        assert!(e.message.contains(&MAX_DEPTH.to_string()), "{e:?}");
        let e = parse("a: 1\n---\nb: 2\n").unwrap_err();
        assert!(e.message.contains("more than one YAML document"), "{e:?}");
        assert!(!e.too_large, "{e:?}");
        let e = parse("a: *nowhere\n").unwrap_err();
        assert!(e.message.contains("refers to no anchor"), "{e:?}");
        for e in [&big, &deep, "a: 1\n---\nb: 2\n", "a: *nowhere\n"].map(|t| parse(t).unwrap_err())
        {
            for internal in ["Options", "Policy", "Budget", "{ ", "Nodes", "Depth"] {
                assert!(!e.message.contains(internal), "{internal} in {e:?}");
            }
        }
    }
}
