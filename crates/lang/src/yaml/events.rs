//! The common case, read straight from the parser's events.
//!
//! Specs are plain YAML: mappings, lists and scalars, no anchors, aliases, tags, merge
//! keys or directives, one document. For such a document this reader builds the JSON
//! value and the tree of positions in one pass over granit-parser's events (the parser
//! serde-saphyr itself runs on), several times faster than going through serde with a
//! `Spanned` value at every node, which needs a map of locations per value.
//!
//! Anything outside that subset (an anchor or alias, a tag, `<<`, a directive, a second
//! document, a mapping used as a key, a breached limit, a syntax error) makes [`read`]
//! answer `None`, and the document is read by serde-saphyr as before: its semantics and
//! its error messages stay the only ones. The typing of plain scalars is serde-saphyr's
//! too: a scalar that could be anything but a string (`401`, `yes`, `~`, `0x1F`, `.inf`)
//! is typed by serde-saphyr; only decimal integers are read here. A test compares both
//! readers on every spec, every corpus file and generated documents.

use std::borrow::Cow;

use granit_parser::{Event, Parser, ScalarStyle, Span};
use serde_json::{Map, Number, Value};

use super::{At, KeyString, Kids, Loc, MAX_DEPTH, MAX_NODES, Node, SeenKeys};

/// The value, its positions and the repeated keys (key, first, again), or `None` when
/// the document needs the full reader.
pub(super) type Read = (Value, Loc, Vec<(String, At, At)>);

/// Documents larger than this are left to the full reader and its budgets (real specs
/// are a few kilobytes; the limit keeps every budget serde-saphyr enforces out of reach
/// here, so this reader never accepts what that one refuses).
const MAX_BYTES: usize = 4 << 20;

/// Reads a plain document; `None` for anything else (see the module docs).
pub(super) fn read(text: &str) -> Option<Read> {
    if text.len() > MAX_BYTES {
        return None;
    }
    let mut b = Builder::default();
    let mut events = Parser::new_from_str(text);
    match events.next()?.ok()? {
        (Event::StreamStart, _) => {}
        _ => return None,
    }
    match events.next()?.ok()? {
        (Event::DocumentStart(_, None), _) => {}
        _ => return None,
    }
    loop {
        let (event, span) = events.next()?.ok()?;
        match event {
            Event::Scalar(text, style, 0, None) => b.scalar(text, style, at(&span))?,
            Event::SequenceStart(_, 0, None) => {
                b.open(Frame::Seq(at(&span), Vec::new(), Vec::new()))?
            }
            Event::MappingStart(_, 0, None) => b.open(Frame::Map(MapFrame::new(at(&span))))?,
            Event::SequenceEnd | Event::MappingEnd => b.close()?,
            Event::DocumentEnd => break,
            _ => return None,
        }
    }
    // One document only: anything but the end of the stream goes to the full reader.
    match events.next()?.ok()? {
        (Event::StreamEnd, _) => {}
        _ => return None,
    }
    let (value, loc) = b.root?;
    Some((value, loc, b.dups))
}

fn at(span: &Span) -> At {
    let s = &span.start;
    At {
        line: s.line() as u32,
        column: s.col() as u32 + 1,
        offset: s.byte_offset().unwrap_or(s.index()),
    }
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    nodes: usize,
    root: Option<(Value, Loc)>,
    dups: Vec<(String, At, At)>,
}

enum Frame {
    Seq(At, Vec<Value>, Vec<Loc>),
    Map(MapFrame),
}

struct MapFrame {
    at: At,
    map: Map<String, Value>,
    locs: Vec<(String, At, Loc)>,
    seen: SeenKeys,
    /// The key read, waiting for its value.
    key: Option<(String, At)>,
}

impl MapFrame {
    fn new(at: At) -> Self {
        MapFrame {
            at,
            map: Map::new(),
            locs: Vec::new(),
            // The entry count is unknown until the end: start by scanning, switch to a
            // hash map when the mapping grows (see `insert`).
            seen: SeenKeys::Scan,
            key: None,
        }
    }

    fn insert(
        &mut self,
        key: String,
        key_at: At,
        value: Value,
        loc: Loc,
        dups: &mut Vec<(String, At, At)>,
    ) {
        if matches!(self.seen, SeenKeys::Scan) && self.locs.len() == SeenKeys::SCAN_UP_TO {
            let mut seen = SeenKeys::Hashed(std::collections::HashMap::with_capacity(
                2 * SeenKeys::SCAN_UP_TO,
            ));
            for (k, at, _) in &self.locs {
                seen.first(&[], k, *at);
            }
            self.seen = seen;
        }
        if let Some(first) = self.seen.first(&self.locs, &key, key_at) {
            dups.push((key.clone(), first, key_at));
        }
        self.locs.push((key.clone(), key_at, loc));
        self.map.insert(key, value);
    }
}

impl Builder {
    fn count(&mut self) -> Option<()> {
        self.nodes += 1;
        (self.nodes <= MAX_NODES).then_some(())
    }

    fn scalar(&mut self, text: Cow<'_, str>, style: ScalarStyle, at: At) -> Option<()> {
        self.count()?;
        if let Some(Frame::Map(m)) = self.stack.last_mut()
            && m.key.is_none()
        {
            let key = key_text(text, style)?;
            // A merge key has a meaning of its own: the full reader applies it.
            if key == "<<" && style == ScalarStyle::Plain {
                return None;
            }
            m.key = Some((key, at));
            return Some(());
        }
        let value = scalar_value(text, style)?;
        self.push(
            value,
            Loc {
                at,
                kids: Kids::Leaf,
            },
        )
    }

    fn open(&mut self, frame: Frame) -> Option<()> {
        self.count()?;
        // A collection as a mapping key is left to the full reader (and its error).
        if let Some(Frame::Map(m)) = self.stack.last()
            && m.key.is_none()
        {
            return None;
        }
        self.stack.push(frame);
        (self.stack.len() <= MAX_DEPTH).then_some(())
    }

    fn close(&mut self) -> Option<()> {
        let (value, loc) = match self.stack.pop()? {
            Frame::Seq(at, values, locs) => (
                Value::Array(values),
                Loc {
                    at,
                    kids: Kids::Seq(locs),
                },
            ),
            Frame::Map(m) => {
                if m.key.is_some() {
                    return None;
                }
                (
                    Value::Object(m.map),
                    Loc {
                        at: m.at,
                        kids: Kids::Map(m.locs),
                    },
                )
            }
        };
        self.push(value, loc)
    }

    fn push(&mut self, value: Value, loc: Loc) -> Option<()> {
        match self.stack.last_mut() {
            None if self.root.is_none() => self.root = Some((value, loc)),
            None => return None,
            Some(Frame::Seq(_, values, locs)) => {
                values.push(value);
                locs.push(loc);
            }
            Some(Frame::Map(m)) => {
                let (key, key_at) = m.key.take()?;
                m.insert(key, key_at, value, loc, &mut self.dups);
            }
        }
        Some(())
    }
}

/// Whether a plain scalar reads as a string whatever the YAML schema says: it starts
/// with none of the characters that open a number, `~` or `.inf`, and it is none of the
/// words YAML may read as `true`, `false` or null, in any case.
fn surely_text(s: &str) -> bool {
    const WORDS: [&str; 9] = ["y", "yes", "on", "true", "n", "no", "off", "false", "null"];
    match s.as_bytes().first() {
        None | Some(b'0'..=b'9' | b'+' | b'-' | b'.' | b'~') => false,
        Some(_) => s.len() > 5 || !WORDS.iter().any(|w| w.eq_ignore_ascii_case(s)),
    }
}

/// A plain decimal integer without sign or leading zero, small enough for `i64`.
fn plain_int(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    let ok = !b.is_empty()
        && b.len() <= 18
        && b.iter().all(u8::is_ascii_digit)
        && (b[0] != b'0' || b.len() == 1);
    if ok { s.parse().ok() } else { None }
}

fn scalar_value(text: Cow<'_, str>, style: ScalarStyle) -> Option<Value> {
    if style != ScalarStyle::Plain || surely_text(&text) {
        return Some(Value::String(text.into_owned()));
    }
    if let Some(i) = plain_int(&text) {
        return Some(Value::Number(i.into()));
    }
    // The booleans and null as every YAML schema spells them, the commonest plain
    // scalars after integers (`optional: true`, `secret: true`): read here rather than
    // through a whole document of serde-saphyr each.
    match &*text {
        "true" => return Some(Value::Bool(true)),
        "false" => return Some(Value::Bool(false)),
        "null" | "~" => return Some(Value::Null),
        _ => {}
    }
    Some(match typed::<Node>(&text)? {
        Node::Null => Value::Null,
        Node::Bool(b) => Value::Bool(b),
        Node::Int(i) => Value::Number(i.into()),
        Node::Float(f) => Number::from_f64(f).map_or(Value::Null, Value::Number),
        Node::Str(s) => Value::String(s),
        Node::Seq(_) | Node::Map(_) => return None,
    })
}

fn key_text(text: Cow<'_, str>, style: ScalarStyle) -> Option<String> {
    if style != ScalarStyle::Plain || surely_text(&text) {
        return Some(text.into_owned());
    }
    if plain_int(&text).is_some() {
        return Some(text.into_owned());
    }
    typed::<KeyString>(&text).map(|k| k.0)
}

/// serde-saphyr's reading of one plain scalar, as the only item of a block list (so that
/// `---` or `...` stay text, as they are in place). A scalar that folded several lines
/// is left to the full reader.
fn typed<T: serde::de::DeserializeOwned>(plain: &str) -> Option<T> {
    if plain.contains(['\n', '\r']) {
        return None;
    }
    let [one]: [T; 1] = serde_saphyr::from_str::<Vec<T>>(&format!("- {plain}"))
        .ok()?
        .try_into()
        .ok()?;
    Some(one)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use proptest::prelude::*;

    use super::*;

    /// Both readers on one document: when this one answers, it answers exactly what
    /// serde-saphyr does (value, every position, every repeated key).
    fn agree(text: &str) -> bool {
        let Some(fast) = read(text) else {
            return false;
        };
        match super::super::read_with_serde(text) {
            Ok(full) => assert_eq!(fast, full, "the readers disagree on:\n{text}"),
            Err(e) => panic!("only the fast reader accepts:\n{text}\n{e:?}"),
        }
        true
    }

    fn yaml_files(dir: &str) -> Vec<(String, String)> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        let mut out: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
            .map(|p| {
                let bytes = std::fs::read(&p).unwrap();
                let text = String::from_utf8_lossy(&bytes).into_owned();
                let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_owned();
                (p.display().to_string(), text)
            })
            .collect();
        out.sort();
        out
    }

    /// Every spec of the catalogue takes the fast path, and reads as serde-saphyr reads it.
    #[test]
    fn every_spec_is_read_alike_and_fast() {
        let specs = yaml_files("../../specs");
        assert!(specs.len() > 10);
        for (path, text) in &specs {
            assert!(agree(text), "{path} fell back to the full reader");
        }
    }

    /// The broken corpus: whatever this reader accepts reads alike; syntax errors, aliases,
    /// tags and the other documents it leaves go to the full reader.
    #[test]
    fn corpus_files_read_alike_or_fall_back() {
        let files = yaml_files("tests/broken");
        let fast = files.iter().filter(|(_, t)| agree(t)).count();
        assert!(fast > 0 && fast < files.len(), "{fast} of {}", files.len());
        for doc in [
            "a: &x 1\nb: *x\n",
            "a: !!str 1\n",
            "<<: {a: 1}\n",
            "%YAML 1.2\n---\na: 1\n",
            "a: 1\n---\nb: 2\n",
            "? [a]\n: 1\n",
            "a: [1\n",
            "",
        ] {
            assert!(read(doc).is_none(), "{doc:?}");
        }
    }

    /// Scalars whose type YAML decides, as values and as keys, in block and flow style.
    #[test]
    fn scalar_spellings_read_alike() {
        let words = [
            "401",
            "0",
            "00",
            "007",
            "-1",
            "+1",
            "1.5",
            "1e3",
            "1_000",
            "0x1F",
            "0X1F",
            "0o17",
            "0b11",
            ".inf",
            "-.Inf",
            ".nan",
            "+.nan",
            "nan",
            "inf",
            "Infinity",
            "~",
            "null",
            "Null",
            "NULL",
            "nULL",
            "true",
            "True",
            "TRUE",
            "yes",
            "Yes",
            "YES",
            "y",
            "Y",
            "on",
            "On",
            "off",
            "no",
            "N",
            "n",
            "false",
            "FALSE",
            "tRuE",
            "yEs",
            "---",
            "...",
            "-",
            "-x",
            ".x",
            "1.",
            "12:30",
            "2024-01-01",
            "1e999",
            "-0",
            "18446744073709551615",
            "9223372036854775807",
            "9223372036854775808",
            "123456789012345678",
            "1234567890123456789",
            "text",
            "falsey",
            "nullable",
            "offline",
            "'quoted'",
            "\"401\"",
            "\"\"",
            "''",
            "\"yes\"",
        ];
        let mut fast = 0;
        for w in words {
            let doc = format!(
                "key: {w}\n{w}: value\nlist:\n  - {w}\nflow: [{w}, {{{w}: {w}}}]\nempty:\n"
            );
            fast += usize::from(agree(&doc));
        }
        // The others hold a scalar the full reader refuses (`1e999`) or that reads as a
        // list in flow style (`-`); they fall back.
        assert!(
            fast + 5 >= words.len(),
            "{fast} of {} read here",
            words.len()
        );
    }

    fn scalar() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-z_]{1,8}",
            "[0-9]{1,20}",
            "[-+.~0-9a-fxXoO_eE:]{0,6}",
            "(true|false|yes|no|on|off|null|y|n|~)",
            "\"[a-z0-9 #:]{0,6}\"",
            "'[a-z0-9 #:]{0,6}'",
        ]
    }

    fn doc() -> impl Strategy<Value = String> {
        let leaf = scalar();
        leaf.prop_recursive(4, 40, 5, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5)
                    .prop_map(|items| format!("[{}]", items.join(", "))),
                prop::collection::vec((scalar(), inner), 0..5).prop_map(|entries| {
                    let e: Vec<String> = entries.iter().map(|(k, v)| format!("{k}: {v}")).collect();
                    format!("{{{}}}", e.join(", "))
                }),
            ]
        })
    }

    fn block(entries: &[(String, String)]) -> String {
        entries.iter().map(|(k, v)| format!("{k}: {v}\n")).collect()
    }

    proptest! {
        /// Generated block mappings of flow values (repeated keys included): whenever the
        /// fast reader answers, it answers as serde-saphyr does.
        #[test]
        fn generated_documents_read_alike(entries in prop::collection::vec((scalar(), doc()), 1..8)) {
            agree(&block(&entries));
        }
    }
}
