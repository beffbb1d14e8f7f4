//! Checks of the engine's message catalogues: `locales/<locale>/<area>.ftl`.
//!
//! English is the source. Every other shipped locale must have exactly the English
//! messages, each using the same `$arguments` (a dropped argument loses a fact, an added
//! one prints nothing), and every plural select must name each category CLDR gives the
//! locale for whole numbers (Japanese needs only `other`; French and Spanish `many`
//! too). The English catalogue itself is held to the plural rule. Problems are located
//! at `file:line:column` and reported all at once, like the spec checks.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use connectspec_i18n::{AREAS, Locale, plurals};
use fluent_syntax::ast::{
    Entry, Expression, InlineExpression, Pattern, PatternElement, VariantKey,
};

use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::yaml::Pos;

/// The directory of the catalogues at the workspace root.
pub const LOCALES_DIR: &str = "locales";

/// One message of a catalogue, as the checks see it.
#[derive(Debug)]
struct Message {
    /// Byte offset of its id in the file.
    offset: usize,
    /// Every `$argument` it references.
    args: BTreeSet<String>,
    /// The variant keys of each plural select, with the offset of its `->`.
    plural_selects: Vec<(usize, BTreeSet<String>)>,
}

/// One catalogue file, read and parsed.
struct File {
    path: PathBuf,
    source: Arc<str>,
    messages: BTreeMap<String, Message>,
}

/// Checks every catalogue under `root` (a `locales/` directory) of English and of
/// `locales` (the workspace checks [`Locale::TRANSLATED`]): syntax, duplicate ids,
/// missing and unknown messages, changed arguments and missing plural categories. An
/// area without an English file has nothing to translate and is skipped.
pub fn check(root: &Path, locales: &[Locale]) -> Diagnostics {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(root) {
        let mut names: Vec<String> = entries
            .filter_map(|e| e.ok())
            .filter(|e| e.path().is_dir())
            .filter_map(|e| e.file_name().to_str().map(str::to_owned))
            .collect();
        names.sort();
        for name in names {
            if !Locale::SHIPPED.iter().any(|l| l.tag() == name) {
                out.push(Diagnostic {
                    code: Code::CatalogueSyntax,
                    file: root.join(&name),
                    pos: Pos::default(),
                    message: format!("`{name}` is not a locale of connectspec"),
                    label: String::new(),
                    help: Some(format!(
                        "catalogues live in `locales/<locale>/` for {}; add a locale to `connectspec_i18n::Locale` first",
                        Locale::SHIPPED.map(|l| l.tag()).join(", ")
                    )),
                    source: None,
                });
            }
        }
    }
    for area in AREAS {
        let file_name = format!("{}.ftl", area.name());
        let en_path = root.join("en").join(&file_name);
        if !en_path.exists() {
            continue;
        }
        let Some(english) = read(&en_path, &mut out) else {
            continue;
        };
        check_plurals(&english, Locale::En, &mut out);
        for &locale in locales {
            let path = root.join(locale.tag()).join(&file_name);
            if !path.exists() {
                out.push(whole_file(
                    &path,
                    Code::MissingMessage,
                    format!(
                        "is missing: {} has no {} messages",
                        locale.tag(),
                        area.name()
                    ),
                    format!("copy `locales/en/{file_name}` there and translate every message"),
                ));
                continue;
            }
            let Some(file) = read(&path, &mut out) else {
                continue;
            };
            compare(&english, &file, locale, &mut out);
            check_plurals(&file, locale, &mut out);
        }
    }
    let mut d = Diagnostics(out);
    d.sort();
    d
}

/// How many of the English catalogue's messages each of `locales` has (only messages
/// that parse count): `(locale, translated, total)`, for the coverage lines.
pub fn coverage(root: &Path, locales: &[Locale]) -> Vec<(Locale, usize, usize)> {
    let mut sink = Vec::new();
    let mut counts: Vec<(Locale, usize, usize)> = locales.iter().map(|l| (*l, 0, 0)).collect();
    for area in AREAS {
        let file_name = format!("{}.ftl", area.name());
        let en_path = root.join("en").join(&file_name);
        if !en_path.exists() {
            continue;
        }
        let Some(english) = read(&en_path, &mut sink) else {
            continue;
        };
        for (locale, done, total) in &mut counts {
            *total += english.messages.len();
            let path = root.join(locale.tag()).join(&file_name);
            if let Some(file) = path.exists().then(|| read(&path, &mut sink)).flatten() {
                *done += english
                    .messages
                    .keys()
                    .filter(|id| file.messages.contains_key(*id))
                    .count();
            }
        }
    }
    counts
}

/// Messages of `file` against the English: missing, unknown, other arguments.
fn compare(english: &File, file: &File, locale: Locale, out: &mut Vec<Diagnostic>) {
    for id in english.messages.keys() {
        if !file.messages.contains_key(id) {
            // Located at the file's start: the message is nowhere in it.
            out.push(at(
                file,
                0,
                0,
                Code::MissingMessage,
                format!("message `{id}` of the English catalogue is missing"),
                format!("`{id}` is not translated into {}", locale.tag()),
                format!("add `{id} = …` translated from {}", english.path.display()),
            ));
        }
    }
    for (id, m) in &file.messages {
        let Some(en) = english.messages.get(id) else {
            out.push(at(
                file,
                m.offset,
                id.len(),
                Code::UnknownMessage,
                format!("message `{id}` is not in the English catalogue"),
                "no English source".into(),
                format!(
                    "remove it, or add `{id}` to {} first",
                    english.path.display()
                ),
            ));
            continue;
        };
        if en.args != m.args {
            let list = |s: &BTreeSet<String>| {
                if s.is_empty() {
                    "none".to_owned()
                } else {
                    s.iter()
                        .map(|a| format!("${a}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                }
            };
            out.push(at(
                file,
                m.offset,
                id.len(),
                Code::ArgumentsChanged,
                format!(
                    "message `{id}` uses {} where the English uses {}",
                    list(&m.args),
                    list(&en.args)
                ),
                "arguments differ from the English".into(),
                "use exactly the English message's arguments: a dropped one loses a fact, an unknown one prints nothing".into(),
            ));
        }
    }
}

/// Every plural select of `file` names each category `locale` needs.
fn check_plurals(file: &File, locale: Locale, out: &mut Vec<Diagnostic>) {
    let needed = plurals::categories(locale);
    for (id, m) in &file.messages {
        for (offset, keys) in &m.plural_selects {
            let missing: Vec<&str> = needed
                .iter()
                .copied()
                .filter(|c| !keys.contains(*c))
                .collect();
            if missing.is_empty() {
                continue;
            }
            out.push(at(
                file,
                *offset,
                2,
                Code::MissingPlural,
                format!(
                    "message `{id}` has no {} variant, which {} needs",
                    missing
                        .iter()
                        .map(|c| format!("`[{c}]`"))
                        .collect::<Vec<_>>()
                        .join(", "),
                    locale.tag()
                ),
                format!(
                    "plural categories of {}: {}",
                    locale.tag(),
                    needed.join(", ")
                ),
                "add a variant for every category the locale's plural rules (CLDR) have".into(),
            ));
        }
    }
}

/// Reads and parses one catalogue; syntax errors and duplicate ids go to `out`.
fn read(path: &Path, out: &mut Vec<Diagnostic>) -> Option<File> {
    let source: Arc<str> = match std::fs::read_to_string(path) {
        Ok(s) => s.into(),
        Err(e) => {
            out.push(whole_file(
                path,
                Code::Io,
                format!("cannot be read: {e}"),
                "check that the file exists and is UTF-8".into(),
            ));
            return None;
        }
    };
    let mut file = File {
        path: path.to_owned(),
        source: source.clone(),
        messages: BTreeMap::new(),
    };
    let resource = match fluent_syntax::parser::parse(source.as_ref()) {
        Ok(r) => r,
        Err((r, errors)) => {
            for e in errors {
                let len = e.pos.end.saturating_sub(e.pos.start);
                out.push(at(
                    &file,
                    e.pos.start,
                    len,
                    Code::CatalogueSyntax,
                    format!("not valid Fluent: {}", e.kind),
                    "here".into(),
                    "see https://projectfluent.org/fluent/guide/ for the syntax".into(),
                ));
            }
            r
        }
    };
    let mut search_from = 0;
    for entry in &resource.body {
        let Entry::Message(m) = entry else { continue };
        let id = m.id.name;
        let offset = find_id(&source, id, search_from).unwrap_or(search_from);
        search_from = offset + id.len();
        let mut msg = Message {
            offset,
            args: BTreeSet::new(),
            plural_selects: Vec::new(),
        };
        let mut selects = Vec::new();
        if let Some(v) = &m.value {
            walk(v, &mut msg.args, &mut selects);
        }
        for a in &m.attributes {
            walk(&a.value, &mut msg.args, &mut selects);
        }
        // Locate each select's `->` in the message's text, in order.
        let mut from = offset;
        for keys in selects {
            let arrow = source[from..].find("->").map_or(offset, |i| from + i);
            from = arrow + 2;
            // A plural select: every key is a category name or an exact number. A select
            // on a kind (`[timeout] … *[other] …`) names other keys and is not held to
            // the plural rules.
            let plural = keys.iter().any(|k| plurals::is_category(k))
                && keys
                    .iter()
                    .all(|k| plurals::is_category(k) || k.parse::<f64>().is_ok());
            if plural {
                msg.plural_selects.push((arrow, keys));
            }
        }
        if file.messages.contains_key(id) {
            out.push(at(
                &file,
                offset,
                id.len(),
                Code::CatalogueSyntax,
                format!("message `{id}` is defined twice"),
                "second definition".into(),
                "keep one definition per id".into(),
            ));
            continue;
        }
        file.messages.insert(id.to_owned(), msg);
    }
    Some(file)
}

/// Collects the arguments and the variant keys of each select of a pattern.
fn walk(p: &Pattern<&str>, args: &mut BTreeSet<String>, selects: &mut Vec<BTreeSet<String>>) {
    for el in &p.elements {
        if let PatternElement::Placeable { expression } = el {
            expression_(expression, args, selects);
        }
    }
}

fn expression_(
    e: &Expression<&str>,
    args: &mut BTreeSet<String>,
    selects: &mut Vec<BTreeSet<String>>,
) {
    match e {
        Expression::Select { selector, variants } => {
            inline(selector, args, selects);
            let keys = variants
                .iter()
                .map(|v| match &v.key {
                    VariantKey::Identifier { name } => (*name).to_owned(),
                    VariantKey::NumberLiteral { value } => (*value).to_owned(),
                })
                .collect();
            selects.push(keys);
            for v in variants {
                walk(&v.value, args, selects);
            }
        }
        Expression::Inline(i) => inline(i, args, selects),
    }
}

fn inline(
    e: &InlineExpression<&str>,
    args: &mut BTreeSet<String>,
    selects: &mut Vec<BTreeSet<String>>,
) {
    match e {
        InlineExpression::VariableReference { id } => {
            args.insert(id.name.to_owned());
        }
        InlineExpression::FunctionReference { arguments, .. }
        | InlineExpression::TermReference {
            arguments: Some(arguments),
            ..
        } => {
            for a in &arguments.positional {
                inline(a, args, selects);
            }
            for n in &arguments.named {
                inline(&n.value, args, selects);
            }
        }
        InlineExpression::Placeable { expression } => expression_(expression, args, selects),
        _ => {}
    }
}

/// The offset of the line starting with `id =` at or after `from`.
fn find_id(source: &str, id: &str, from: usize) -> Option<usize> {
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        if offset >= from
            && let Some(rest) = line.strip_prefix(id)
            && rest.trim_start().starts_with('=')
        {
            return Some(offset);
        }
        offset += line.len();
    }
    None
}

/// A diagnostic at a byte range of `file`.
fn at(
    file: &File,
    offset: usize,
    len: usize,
    code: Code,
    message: String,
    label: String,
    help: String,
) -> Diagnostic {
    let offset = offset.min(file.source.len());
    let before = &file.source[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .chars()
        .count()
        + 1;
    Diagnostic {
        code,
        file: file.path.clone(),
        pos: Pos {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            column: u32::try_from(column).unwrap_or(u32::MAX),
            offset,
            len,
        },
        message,
        label,
        help: Some(help),
        source: Some(file.source.clone()),
    }
}

fn whole_file(path: &Path, code: Code, message: String, help: String) -> Diagnostic {
    Diagnostic {
        code,
        file: path.to_owned(),
        pos: Pos::default(),
        message: format!("{} {message}", path.display()),
        label: String::new(),
        help: Some(help),
        source: None,
    }
}
