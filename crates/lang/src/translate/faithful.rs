//! Whether a translation still says what the English says: the same placeholders,
//! link targets, code spans, bold UI labels and numbers, in well-formed markup, made
//! from the English as it is now.
//!
//! Words are the translator's; these are the facts a reader acts on (what to click,
//! what to type, where to go, how many), so each one is compared as a multiset with the
//! English's: order may change with the language's word order, nothing may be lost,
//! added or altered.

use std::collections::BTreeMap;

use crate::diag::{Code, Reporter, shown};
use crate::inline::{self, Inline};
use crate::texts::{Text, fingerprint};

use super::file::{Entry, entry_ptr};

/// Reports every way `entry` is unfaithful to `text`.
pub(crate) fn check(text: &Text, entry: &Entry, rep: &mut Reporter<'_>) {
    let ptr = entry_ptr(&text.key, "text");
    let now = fingerprint(&text.english);
    if entry.source != now {
        rep.value(
            &entry_ptr(&text.key, "source"),
            Code::StaleTranslation,
            format!(
                "the English of `{}` changed since this was translated",
                text.key
            ),
            format!("made from `{}`, the English is now `{now}`", entry.source),
            format!(
                "translate the English again: {} — then set `source: \"{now}\"`",
                shown(&text.english)
            ),
        );
        // The other checks would compare with a text the translator never saw.
        return;
    }
    let mut facts = Facts::default();
    let mut source = Facts::default();
    if text.kind.is_inline() {
        let nodes =
            match inline::parse(&entry.text) {
                Ok(n) => n,
                Err(e) => {
                    rep.value(
                    &ptr,
                    Code::UnsupportedMarkup,
                    format!("the translation of `{}` is not well-formed markup", text.key),
                    e.message,
                    "use the English's markup: `**bold**`, `` `code` `` and `[text](https://…)`",
                );
                    return;
                }
            };
        facts.markup(&nodes);
        source.markup(&inline::parse(&text.english).unwrap_or_default());
    } else {
        facts.plain(&entry.text);
        source.plain(&text.english);
    }
    compare(
        rep,
        &ptr,
        Code::PlaceholderChanged,
        "placeholder",
        &source.placeholders,
        &facts.placeholders,
        "keep every `{placeholder}` of the English exactly as written: the engine fills it in",
    );
    compare(
        rep,
        &ptr,
        Code::LinkChanged,
        "link target",
        &source.links,
        &facts.links,
        "link to the same targets as the English (the link text is yours to translate)",
    );
    let mapped = |list: &[String]| -> Vec<String> {
        list.iter()
            .map(|s| entry.ui_labels.get(s).cloned().unwrap_or_else(|| s.clone()))
            .collect()
    };
    for from in entry.ui_labels.keys() {
        if !source.code.contains(from) && !source.bold.contains(from) {
            rep.value(
                &entry_ptr(&text.key, "ui_labels"),
                Code::UiLabelChanged,
                format!(
                    "`ui_labels` names `{from}`, which is no bold label or code span of the English"
                ),
                shown(from),
                "list only labels the English shows in `**bold**` or `` `code` ``",
            );
        }
    }
    let help = "keep the provider's UI labels as the provider shows them (bold and code as in the English); if the provider shows a label translated, say so with `ui_labels: {English: Translated}` (or `labels: translated` for every bold label of the entry)";
    compare(
        rep,
        &ptr,
        Code::UiLabelChanged,
        "code span",
        &mapped(&source.code),
        &facts.code,
        help,
    );
    if entry.labels_translated {
        if source.bold.len() != facts.bold.len() {
            rep.value(
                &ptr,
                Code::UiLabelChanged,
                format!(
                    "the English has {} bold UI label(s), the translation {}",
                    source.bold.len(),
                    facts.bold.len()
                ),
                shown(&entry.text),
                "with `labels: translated` each bold label of the English still needs its bold translated label",
            );
        }
    } else {
        compare(
            rep,
            &ptr,
            Code::UiLabelChanged,
            "bold UI label",
            &mapped(&source.bold),
            &facts.bold,
            help,
        );
    }
    compare(
        rep,
        &ptr,
        Code::NumberChanged,
        "number",
        &source.numbers,
        &facts.numbers,
        "keep every number of the English (digits; the language's grouping and decimal marks are fine)",
    );
}

/// Reports the items of `english` the translation lacks and those it adds.
fn compare(
    rep: &mut Reporter<'_>,
    ptr: &str,
    code: Code,
    what: &str,
    english: &[String],
    translated: &[String],
    help: &str,
) {
    let count = |list: &[String]| {
        let mut m: BTreeMap<String, i64> = BTreeMap::new();
        for s in list {
            *m.entry(s.clone()).or_default() += 1;
        }
        m
    };
    let mut diff = count(english);
    for (s, n) in count(translated) {
        *diff.entry(s).or_default() -= n;
    }
    let lost: Vec<String> = diff
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(s, _)| format!("`{s}`"))
        .collect();
    let added: Vec<String> = diff
        .iter()
        .filter(|(_, n)| **n < 0)
        .map(|(s, _)| format!("`{s}`"))
        .collect();
    if lost.is_empty() && added.is_empty() {
        return;
    }
    let mut parts = Vec::new();
    if !lost.is_empty() {
        parts.push(format!("lacks the English's {what} {}", lost.join(", ")));
    }
    if !added.is_empty() {
        parts.push(format!(
            "has {what} {} the English has not",
            added.join(", ")
        ));
    }
    rep.value(
        ptr,
        code,
        format!("the translation {}", parts.join(" and ")),
        format!("{what}s differ from the English's"),
        help,
    );
}

/// The facts of one text.
#[derive(Default)]
struct Facts {
    placeholders: Vec<String>,
    links: Vec<String>,
    code: Vec<String>,
    bold: Vec<String>,
    numbers: Vec<String>,
}

impl Facts {
    fn markup(&mut self, nodes: &[Inline]) {
        for n in nodes {
            match n {
                Inline::Text(t) => self.plain(t),
                Inline::Bold(t) => {
                    self.bold.push(t.clone());
                    self.placeholders.extend(placeholders(t));
                }
                Inline::Code(t) => {
                    self.code.push(t.clone());
                    self.placeholders.extend(placeholders(t));
                }
                Inline::Link { text, url } => {
                    self.links.push(url.clone());
                    self.plain(text);
                }
            }
        }
    }

    fn plain(&mut self, t: &str) {
        self.placeholders.extend(placeholders(t));
        self.numbers.extend(numbers(&strip_placeholders(t)));
    }
}

/// `{name}`, `{field.param}`, `{?…}` and `{x|default}` tokens, as written.
fn placeholders(t: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = t;
    while let Some(i) = rest.find('{') {
        match rest[i..].find('}') {
            Some(j) => {
                out.push(rest[i..i + j + 1].to_owned());
                rest = &rest[i + j + 1..];
            }
            None => break,
        }
    }
    out
}

fn strip_placeholders(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    let mut depth = 0usize;
    for c in t.chars() {
        match c {
            '{' => depth += 1,
            '}' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The numbers of a text as digit strings: full-width digits read as ASCII, and the
/// grouping and decimal marks between digits (`1,000`, `1.000`, `1 000`) left out, so
/// a locale's number format is not a difference.
fn numbers(t: &str) -> Vec<String> {
    let chars: Vec<char> = t
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            _ => c,
        })
        .collect();
    let mut out = Vec::new();
    let mut cur = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_digit() {
            cur.push(c);
            continue;
        }
        let joins = matches!(c, ',' | '.' | '\'' | ' ' | '\u{202f}' | '\u{a0}')
            && !cur.is_empty()
            && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if !joins && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_ignore_the_locales_marks() {
        assert_eq!(numbers("1,000 or 1.5 and ４０"), vec!["1000", "15", "40"]);
        assert_eq!(numbers("1.000 oder 1,5"), vec!["1000", "15"]);
        assert_eq!(numbers("at 3, then 4"), vec!["3", "4"]);
    }

    #[test]
    fn placeholders_are_read_whole() {
        assert_eq!(placeholders("a {x} b {y.z}"), vec!["{x}", "{y.z}"]);
        assert_eq!(strip_placeholders("v{x}2"), "v2");
    }
}
