//! Rust `regex` patterns translated to ECMAScript, from the parsed HIR.
//!
//! The two dialects share most of their syntax but not its meaning: `\d`, `\w`, `\s`
//! and `\b` are Unicode-aware in Rust and ASCII-only in JavaScript, `(?i)` folds case by
//! different tables, `(?P<name>…)` does not parse in JavaScript, and the `v` flag (the
//! HTML `pattern` attribute) rejects unescaped punctuation in classes. So patterns are
//! never copied: [`translate`] parses one with `regex-syntax`, whose HIR has every flag
//! applied and every class resolved to code-point ranges, and writes it back out:
//!
//! - classes as explicit ranges, each endpoint that is not an ASCII letter or digit as
//!   `\u{…}` (so `\d` means Unicode `Nd`, as in Rust, and the class is the same under the
//!   `u` and the `v` flag);
//! - literals with syntax characters escaped and everything outside printable ASCII as
//!   `\u{…}`;
//! - `^`/`$` (Rust: start and end of the text) as JavaScript's `^`/`$` without the `m`
//!   flag; multi-line and CRLF anchors and every word boundary as look-arounds over the
//!   same explicit classes;
//! - named groups as `(?<name>…)`.
//!
//! The result is valid, and means the same, under the `u` and under the `v` flag. What
//! cannot be expressed exactly (a group name JavaScript does not allow, a byte class
//! outside ASCII) is an [`Untranslatable`] error, which the spec checker reports.

use std::fmt::Write as _;

use regex_syntax::hir::{Class, Hir, HirKind, Look, Repetition};

/// A construct with no exact ECMAScript equivalent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Untranslatable {
    /// What it is, e.g. "the group name `a.b`".
    pub construct: String,
    /// What to write instead.
    pub help: String,
}

/// Translates a Rust `regex` pattern (as the validators compile it) to an ECMAScript
/// pattern for the `u` (or `v`) flag. `Err` when the pattern does not parse (message of
/// `regex-syntax`) or a construct cannot be translated exactly.
pub fn translate(pattern: &str) -> Result<String, Untranslatable> {
    let hir = regex_syntax::parse(pattern).map_err(|e| Untranslatable {
        construct: format!("a pattern that does not parse ({e})"),
        help: "fix the pattern (Rust `regex` syntax)".into(),
    })?;
    translate_hir(&hir)
}

/// Translates a parsed pattern.
pub fn translate_hir(hir: &Hir) -> Result<String, Untranslatable> {
    let mut out = String::new();
    Writer::default().hir(hir, &mut out)?;
    Ok(out)
}

/// Whether every string the pattern matches is free of control characters (U+0000 to
/// U+001F and U+007F): a value it accepts then needs no separate control scan.
pub fn excludes_controls(hir: &Hir) -> bool {
    chars_within(hir, &|lo, hi| {
        // The range [lo, hi] misses both 0..=0x1f and 0x7f.
        lo > '\u{1f}' && !(lo <= '\u{7f}' && '\u{7f}' <= hi)
    })
}

/// Whether the pattern only ever matches ASCII text and uses no look-around beyond
/// start and end of text: it then means the same with and without the `u` flag, and
/// runs faster without it.
pub fn ascii_only(hir: &Hir) -> bool {
    fn looks_ok(h: &Hir) -> bool {
        match h.kind() {
            HirKind::Look(l) => matches!(l, Look::Start | Look::End),
            HirKind::Repetition(r) => looks_ok(&r.sub),
            HirKind::Capture(c) => looks_ok(&c.sub),
            HirKind::Concat(v) | HirKind::Alternation(v) => v.iter().all(looks_ok),
            _ => true,
        }
    }
    looks_ok(hir) && chars_within(hir, &|_, hi| hi.is_ascii())
}

/// Whether every literal character and class range of `hir` satisfies `ok(lo, hi)`.
fn chars_within(hir: &Hir, ok: &dyn Fn(char, char) -> bool) -> bool {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => true,
        HirKind::Literal(l) => match std::str::from_utf8(&l.0) {
            Ok(text) => text.chars().all(|c| ok(c, c)),
            Err(_) => false,
        },
        HirKind::Class(Class::Unicode(c)) => c.ranges().iter().all(|r| ok(r.start(), r.end())),
        HirKind::Class(Class::Bytes(c)) => c
            .ranges()
            .iter()
            .all(|r| r.end().is_ascii() && ok(r.start() as char, r.end() as char)),
        HirKind::Repetition(r) => chars_within(&r.sub, ok),
        HirKind::Capture(c) => chars_within(&c.sub, ok),
        HirKind::Concat(v) | HirKind::Alternation(v) => v.iter().all(|h| chars_within(h, ok)),
    }
}

/// Escapes `s` as an ECMAScript pattern matching exactly `s` (for prefixes).
pub fn literal(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        push_literal_char(c, &mut out);
    }
    out
}

#[derive(Default)]
struct Writer {
    /// `\w` as Rust means it (Unicode), rendered once when a word boundary needs it.
    word_unicode: Option<String>,
}

const WORD_ASCII: &str = "[0-9A-Z_a-z]";

impl Writer {
    fn hir(&mut self, hir: &Hir, out: &mut String) -> Result<(), Untranslatable> {
        match hir.kind() {
            HirKind::Empty => out.push_str("(?:)"),
            HirKind::Literal(lit) => {
                let s = std::str::from_utf8(&lit.0).map_err(|_| Untranslatable {
                    construct: "a literal that is not UTF-8 text".into(),
                    help: "match characters, not bytes (remove `(?-u)`)".into(),
                })?;
                for c in s.chars() {
                    push_literal_char(c, out);
                }
            }
            HirKind::Class(class) => push_class(class, out)?,
            HirKind::Look(look) => {
                let s = self.look(*look);
                out.push_str(&s);
            }
            HirKind::Repetition(rep) => self.repetition(rep, out)?,
            HirKind::Capture(cap) => {
                match cap.name.as_deref() {
                    None => out.push('('),
                    Some(name) if is_js_group_name(name) => {
                        let _ = write!(out, "(?<{name}>");
                    }
                    Some(name) => {
                        return Err(Untranslatable {
                            construct: format!("the group name `{name}`"),
                            help: "name groups with letters, digits and `_` only".into(),
                        });
                    }
                }
                self.hir(&cap.sub, out)?;
                out.push(')');
            }
            HirKind::Concat(parts) => {
                for p in parts {
                    // An alternation inside a concatenation needs its own group; `hir`
                    // always writes alternations grouped.
                    self.hir(p, out)?;
                }
            }
            HirKind::Alternation(alts) => {
                out.push_str("(?:");
                for (i, a) in alts.iter().enumerate() {
                    if i > 0 {
                        out.push('|');
                    }
                    self.hir(a, out)?;
                }
                out.push(')');
            }
        }
        Ok(())
    }

    fn repetition(&mut self, rep: &Repetition, out: &mut String) -> Result<(), Untranslatable> {
        let mut sub = String::new();
        self.hir(&rep.sub, &mut sub)?;
        if is_atom(&rep.sub) {
            out.push_str(&sub);
        } else {
            let _ = write!(out, "(?:{sub})");
        }
        match (rep.min, rep.max) {
            (0, None) => out.push('*'),
            (1, None) => out.push('+'),
            (0, Some(1)) => out.push('?'),
            (n, None) => {
                let _ = write!(out, "{{{n},}}");
            }
            (n, Some(m)) if n == m => {
                let _ = write!(out, "{{{n}}}");
            }
            (n, Some(m)) => {
                let _ = write!(out, "{{{n},{m}}}");
            }
        }
        if !rep.greedy {
            out.push('?');
        }
        Ok(())
    }

    fn word_unicode(&mut self) -> String {
        self.word_unicode
            .get_or_insert_with(|| {
                let hir = regex_syntax::parse(r"\w").expect("`\\w` parses");
                let mut s = String::new();
                match hir.kind() {
                    HirKind::Class(c) => push_class(c, &mut s).expect("a Unicode class"),
                    _ => unreachable!("`\\w` is a class"),
                }
                s
            })
            .clone()
    }

    /// A look-around as ECMAScript; every one is exact.
    fn look(&mut self, look: Look) -> String {
        let boundary = |w: &str| format!("(?:(?<={w})(?!{w})|(?<!{w})(?={w}))");
        let not_boundary = |w: &str| format!("(?:(?<={w})(?={w})|(?<!{w})(?!{w}))");
        match look {
            Look::Start => "^".into(),
            Look::End => "$".into(),
            Look::StartLF => "(?<![^\\n])".into(),
            Look::EndLF => "(?![^\\n])".into(),
            // Rust: a line starts at the start, after `\n`, or after a `\r` not followed
            // by `\n` (never between the two of a CRLF); ends mirror that.
            Look::StartCRLF => "(?:^|(?<=\\n)|(?<=\\r)(?!\\n))".into(),
            Look::EndCRLF => "(?:$|(?=\\r)|(?<!\\r)(?=\\n))".into(),
            // Without the `i` flag, ECMAScript's `\b` is the ASCII word boundary.
            Look::WordAscii => "\\b".into(),
            Look::WordAsciiNegate => "\\B".into(),
            Look::WordUnicode => boundary(&self.word_unicode()),
            Look::WordUnicodeNegate => not_boundary(&self.word_unicode()),
            Look::WordStartAscii => format!("(?<!{WORD_ASCII})(?={WORD_ASCII})"),
            Look::WordEndAscii => format!("(?<={WORD_ASCII})(?!{WORD_ASCII})"),
            Look::WordStartHalfAscii => format!("(?<!{WORD_ASCII})"),
            Look::WordEndHalfAscii => format!("(?!{WORD_ASCII})"),
            Look::WordStartUnicode => {
                let w = self.word_unicode();
                format!("(?<!{w})(?={w})")
            }
            Look::WordEndUnicode => {
                let w = self.word_unicode();
                format!("(?<={w})(?!{w})")
            }
            Look::WordStartHalfUnicode => format!("(?<!{})", self.word_unicode()),
            Look::WordEndHalfUnicode => format!("(?!{})", self.word_unicode()),
        }
    }
}

/// Whether the HIR is written as one quantifiable atom (else it is grouped).
fn is_atom(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Literal(lit) => std::str::from_utf8(&lit.0).is_ok_and(|s| s.chars().count() == 1),
        HirKind::Class(_) | HirKind::Capture(_) | HirKind::Alternation(_) => true,
        _ => false,
    }
}

/// JavaScript group names this translation writes: ASCII identifiers.
fn is_js_group_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

fn push_literal_char(c: char, out: &mut String) {
    if c.is_ascii_alphanumeric() || c == '_' {
        out.push(c);
    } else if "^$\\.*+?()[]{}|/".contains(c) {
        out.push('\\');
        out.push(c);
    } else if c.is_ascii_graphic() || c == ' ' {
        out.push(c);
    } else {
        push_escape(c as u32, out);
    }
}

fn push_escape(cp: u32, out: &mut String) {
    let _ = write!(out, "\\u{{{cp:X}}}");
}

/// One class endpoint, valid under both the `u` and the `v` flag: letters, digits and
/// `_` as they are; `-` and the syntax characters escaped with `\\` (allowed in classes
/// under both flags); everything else as `\\u{…}` (the `v` flag reserves the other
/// punctuation, and the `u` flag forbids escaping it).
fn push_class_char(cp: u32, out: &mut String) {
    match char::from_u32(cp) {
        Some(c) if c.is_ascii_alphanumeric() || c == '_' => out.push(c),
        Some(c) if "-^$\\.*+?()[]{}|/".contains(c) => {
            out.push('\\');
            out.push(c);
        }
        _ => push_escape(cp, out),
    }
}

fn push_class(class: &Class, out: &mut String) -> Result<(), Untranslatable> {
    let ranges: Vec<(u32, u32)> = match class {
        Class::Unicode(u) => u
            .ranges()
            .iter()
            .map(|r| (r.start() as u32, r.end() as u32))
            .collect(),
        Class::Bytes(b) => {
            if b.ranges().iter().any(|r| r.end() > 0x7f) {
                return Err(Untranslatable {
                    construct: "a byte class outside ASCII".into(),
                    help: "match characters, not bytes (remove `(?-u)`)".into(),
                });
            }
            b.ranges()
                .iter()
                .map(|r| (u32::from(r.start()), u32::from(r.end())))
                .collect()
        }
    };
    out.push('[');
    for (lo, hi) in ranges {
        push_class_char(lo, out);
        if hi > lo {
            if hi > lo + 1 {
                out.push('-');
            }
            push_class_char(hi, out);
        }
    }
    out.push(']');
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(p: &str) -> String {
        translate(p).unwrap()
    }

    #[test]
    fn shapes() {
        assert_eq!(t("^[A-Za-z0-9-]{40}$"), "^[\\-0-9A-Za-z]{40}$");
        assert_eq!(t("^AC[0-9a-fA-F]{32}$"), "^AC[0-9A-Fa-f]{32}$");
        assert_eq!(
            t(r"^[a-z0-9][a-z0-9-]*\.myshopify\.com$"),
            "^[0-9a-z][\\-0-9a-z]*\\.myshopify\\.com$"
        );
        assert_eq!(t("^(?P<value>[a-z]+)$"), "^(?<value>[a-z]+)$");
        assert_eq!(t("^(?:ab)+$"), "^(?:ab)+$");
        assert_eq!(t("^a|b$"), "(?:^a|b$)");
        assert_eq!(t("^x??$"), "^x??$");
        assert!(t(r"^\d$").contains("\\u{660}-\\u{669}"), "Unicode digits");
        // Rust's White_Space holds U+0085 (NEL): \S skips it, JavaScript's \S would not.
        assert!(t(r"^\S+$").contains("\\u{84}\\u{86}-"), "{}", t(r"^\S+$"));
        assert_eq!(t("^é$"), "^\\u{E9}$");
    }

    #[test]
    fn untranslatable() {
        let e = translate("^(?P<a.b>x)$").unwrap_err();
        assert_eq!(e.construct, "the group name `a.b`");
    }
}
