//! Derived test vectors: `examples: {derive: true}`.
//!
//! For a pattern made of literal parts and character classes repeated a fixed or
//! bounded number of times (`^xkeysib-[a-f0-9]{64}$`, `^[A-Za-z0-9]{40}$`), valid
//! values are built by filling each class, and invalid ones by breaking one part at a
//! time: a class one character short or long, a character outside a class, a literal
//! part changed. Every candidate goes through the field's own checker (the code the
//! generated validators run): valid ones must pass, invalid ones that pass are dropped.
//! The loader appends what survives to the hand-written examples, so the generated
//! tests, the JS parity run and the leak test use them like any other vector.

use regex_syntax::hir::{Class, Hir, HirKind, Look};

use crate::diag::Code;
use crate::diag::{Reporter, shown};
use crate::field_checker::FieldChecker;
use crate::model::{Field, InvalidExample, ProviderSpec};
use crate::pointer::Ptr;

/// One part of a simple pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    /// Literal text.
    Lit(String),
    /// A class of characters (sorted ranges), repeated `min..=max` times.
    Class {
        ranges: Vec<(char, char)>,
        min: u32,
        max: u32,
    },
}

/// Why a pattern is not simple enough.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotSimple(pub String);

/// Splits an anchored pattern into literal parts and bounded class repetitions.
fn parts(pattern: &str) -> Result<Vec<Part>, NotSimple> {
    let hir = regex_syntax::parse(pattern)
        .map_err(|_| NotSimple("the pattern does not compile".into()))?;
    let mut items = Vec::new();
    flatten(&hir, &mut items)?;
    let starts = matches!(items.first(), Some(Item::Start));
    let ends = matches!(items.last(), Some(Item::End));
    if !starts || !ends {
        return Err(NotSimple("it is not anchored with `^` … `$`".into()));
    }
    let mut out: Vec<Part> = Vec::new();
    for it in &items[1..items.len() - 1] {
        match it {
            Item::Start | Item::End => {
                return Err(NotSimple("an anchor in the middle of the pattern".into()));
            }
            Item::Part(Part::Lit(l)) => match out.last_mut() {
                Some(Part::Lit(prev)) => prev.push_str(l),
                _ => out.push(Part::Lit(l.clone())),
            },
            Item::Part(p) => out.push(p.clone()),
        }
    }
    if !out.iter().any(|p| matches!(p, Part::Class { .. })) {
        return Err(NotSimple(
            "it matches one fixed value only; write that value as the example".into(),
        ));
    }
    Ok(out)
}

enum Item {
    Start,
    End,
    Part(Part),
}

fn flatten(h: &Hir, out: &mut Vec<Item>) -> Result<(), NotSimple> {
    match h.kind() {
        HirKind::Empty => Ok(()),
        HirKind::Look(Look::Start) => {
            out.push(Item::Start);
            Ok(())
        }
        HirKind::Look(Look::End) => {
            out.push(Item::End);
            Ok(())
        }
        HirKind::Look(_) => Err(NotSimple("a word boundary or line anchor".into())),
        HirKind::Literal(l) => {
            let text = std::str::from_utf8(&l.0)
                .map_err(|_| NotSimple("a literal that is not UTF-8 text".into()))?;
            out.push(Item::Part(Part::Lit(text.to_owned())));
            Ok(())
        }
        HirKind::Class(c) => {
            out.push(Item::Part(Part::Class {
                ranges: ranges(c)?,
                min: 1,
                max: 1,
            }));
            Ok(())
        }
        HirKind::Repetition(r) => {
            let Some(max) = r.max else {
                return Err(NotSimple(
                    "an unbounded repetition (`*`, `+` or `{n,}`); give it an upper bound such as `{8,64}`".into(),
                ));
            };
            let ranges = match r.sub.kind() {
                HirKind::Class(c) => ranges(c)?,
                HirKind::Literal(l)
                    if std::str::from_utf8(&l.0).is_ok_and(|t| t.chars().count() == 1) =>
                {
                    let c = std::str::from_utf8(&l.0)
                        .unwrap_or_default()
                        .chars()
                        .next()
                        .unwrap_or('a');
                    vec![(c, c)]
                }
                _ => {
                    return Err(NotSimple(
                        "a repeated group; only single characters and classes may repeat".into(),
                    ));
                }
            };
            if max > 256 {
                return Err(NotSimple(format!(
                    "a repetition of up to {max}; at most 256 is derived"
                )));
            }
            out.push(Item::Part(Part::Class {
                ranges,
                min: r.min,
                max,
            }));
            Ok(())
        }
        HirKind::Capture(c) => flatten(&c.sub, out),
        HirKind::Concat(v) => v.iter().try_for_each(|h| flatten(h, out)),
        HirKind::Alternation(_) => Err(NotSimple(
            "an alternation (`a|b`); derive examples from one shape, or write them by hand".into(),
        )),
    }
}

fn ranges(c: &Class) -> Result<Vec<(char, char)>, NotSimple> {
    let out: Vec<(char, char)> = match c {
        Class::Unicode(u) => u.ranges().iter().map(|r| (r.start(), r.end())).collect(),
        Class::Bytes(b) => b
            .ranges()
            .iter()
            .filter(|r| r.start() < 0x80)
            .map(|r| (char::from(r.start()), char::from(r.end().min(0x7f))))
            .collect(),
    };
    if out.is_empty() {
        return Err(NotSimple("an empty class".into()));
    }
    Ok(out)
}

/// The characters a derived value draws from a class: its printable ASCII members
/// (letters and digits first, so values look like tokens), else the ranges' ends.
fn alphabet(ranges: &[(char, char)]) -> Vec<char> {
    let inside = |c: char| ranges.iter().any(|(a, b)| (*a..=*b).contains(&c));
    let mut out: Vec<char> = ('0'..='9')
        .chain('a'..='z')
        .chain('A'..='Z')
        .filter(|c| inside(*c))
        .collect();
    out.extend(
        (b'!'..=b'~')
            .map(char::from)
            .filter(|c| !c.is_ascii_alphanumeric() && inside(*c)),
    );
    if out.is_empty() {
        out.extend(ranges.iter().flat_map(|(a, b)| [*a, *b]));
        out.dedup();
    }
    out
}

/// A printable ASCII character outside the class, for an invalid value.
fn outsider(ranges: &[(char, char)]) -> Option<char> {
    let inside = |c: char| ranges.iter().any(|(a, b)| (*a..=*b).contains(&c));
    "-_.!*#~Z9z"
        .chars()
        .chain((b'!'..=b'~').map(char::from))
        .find(|c| !inside(*c))
}

/// Fills the parts, class `k` getting `counts[k]` characters drawn from `offset`.
fn build(parts: &[Part], counts: &[u32], offset: usize, swap: Option<(usize, char)>) -> String {
    let mut s = String::new();
    let mut k = 0;
    for p in parts {
        match p {
            Part::Lit(l) => s.push_str(l),
            Part::Class { ranges, .. } => {
                let abc = alphabet(ranges);
                let n = counts[k] as usize;
                for i in 0..n {
                    let c = match swap {
                        Some((at, c)) if at == k && i == n / 2 => c,
                        _ => abc[(offset + i * 7) % abc.len()],
                    };
                    s.push(c);
                }
                k += 1;
            }
        }
    }
    s
}

/// Valid and invalid vectors for `pattern`, before the field's checker filters them.
pub fn candidates(pattern: &str) -> Result<(Vec<String>, Vec<InvalidExample>), NotSimple> {
    let parts = parts(pattern)?;
    // (ranges, min, max) of each class part.
    type ClassPart<'p> = (&'p Vec<(char, char)>, u32, u32);
    let classes: Vec<ClassPart<'_>> = parts
        .iter()
        .filter_map(|p| match p {
            Part::Class { ranges, min, max } => Some((ranges, *min, *max)),
            Part::Lit(_) => None,
        })
        .collect();
    let mins: Vec<u32> = classes.iter().map(|c| c.1).collect();
    let maxs: Vec<u32> = classes.iter().map(|c| c.2).collect();
    let mut valid = vec![build(&parts, &maxs, 0, None), build(&parts, &mins, 3, None)];
    valid.dedup();
    valid.retain(|v| !v.is_empty());
    let mut invalid = Vec::new();
    for (k, (ranges, min, max)) in classes.iter().enumerate() {
        if *min > 0 {
            let mut counts = maxs.clone();
            counts[k] = min - 1;
            invalid.push(InvalidExample {
                value: build(&parts, &counts, 1, None),
                reason: format!(
                    "part {} has {} characters, one fewer than {min}",
                    k + 1,
                    min - 1
                ),
            });
        }
        let mut counts = maxs.clone();
        counts[k] = max + 1;
        invalid.push(InvalidExample {
            value: build(&parts, &counts, 1, None),
            reason: format!(
                "part {} has {} characters, one more than {max}",
                k + 1,
                max + 1
            ),
        });
        if let Some(c) = outsider(ranges)
            && maxs[k] > 0
        {
            invalid.push(InvalidExample {
                value: build(&parts, &maxs, 2, Some((k, c))),
                reason: format!(
                    "part {} contains `{c}`, which its class does not allow",
                    k + 1
                ),
            });
        }
    }
    if let Some(Part::Lit(l)) = parts.first() {
        let first = l.chars().next().unwrap_or('a');
        let other = if first == 'x' { 'y' } else { 'x' };
        let changed: String = std::iter::once(other).chain(l.chars().skip(1)).collect();
        let mut v = build(&parts, &maxs, 0, None);
        v.replace_range(..l.len(), &changed);
        invalid.push(InvalidExample {
            value: v,
            reason: format!("does not start with `{l}`"),
        });
    }
    Ok((valid, invalid))
}

/// Derives the vectors of every field (form and set-up fields) that asks for them and
/// appends them to its examples; reports the fields that cannot have them.
pub(crate) fn derive_all(spec: &mut ProviderSpec, rep: &mut Reporter<'_>) {
    for (i, m) in spec.auth_methods.iter_mut().enumerate() {
        for (list, fields) in [
            ("fields", &mut m.fields),
            ("setup_fields", &mut m.setup_fields),
        ] {
            for (j, f) in fields.iter_mut().enumerate() {
                if f.examples.as_ref().is_some_and(|e| e.derive) {
                    derive_field(
                        f,
                        &Ptr::root().join("auth_methods").join(i).join(list).join(j),
                        rep,
                    );
                }
            }
        }
    }
}

fn derive_field(f: &mut Field, fp: &Ptr, rep: &mut Reporter<'_>) {
    let ptr = fp.join("examples").join("derive");
    let Some(pattern) = f.pattern.clone() else {
        rep.value(
            &ptr,
            Code::ExamplesNotDerivable,
            format!("field `{}` asks for derived examples but has no `pattern`", f.key),
            "`true`",
            "derived examples come from a pattern: add one, or write `valid` and `invalid` examples by hand",
        );
        return;
    };
    let (valid, invalid) = match candidates(&pattern) {
        Ok(c) => c,
        Err(NotSimple(why)) => {
            rep.value(
                &ptr,
                Code::ExamplesNotDerivable,
                format!("examples of `{}` cannot be derived from its pattern: {why}", f.key),
                shown(&pattern),
                "derive works for literal parts and classes repeated a fixed or bounded number of times; write `valid` and `invalid` examples by hand",
            );
            return;
        }
    };
    let Ok(checker) = FieldChecker::new(f) else {
        return; // the pattern's own error is reported by the checker
    };
    let (pass, fail): (Vec<String>, Vec<String>) =
        valid.into_iter().partition(|v| checker.check(v).is_ok());
    let invalid: Vec<InvalidExample> = invalid
        .into_iter()
        .filter(|e| checker.check(&e.value).is_err() && !e.value.trim().is_empty())
        .collect();
    if pass.is_empty() || invalid.is_empty() {
        let what = if pass.is_empty() {
            let why = fail
                .first()
                .and_then(|v| checker.check(v).err())
                .map(|e| e.message)
                .unwrap_or_default();
            format!("no value built from the pattern passes the field's other constraints ({why})")
        } else {
            "no broken value is rejected by the field".to_owned()
        };
        rep.value(
            &ptr,
            Code::ExamplesNotDerivable,
            format!("examples of `{}` cannot be derived: {what}", f.key),
            shown(&pattern),
            "make the pattern, lengths and prefixes agree, or write the examples by hand",
        );
        return;
    }
    let ex = f.examples.get_or_insert_with(Default::default);
    for v in pass {
        if !ex.valid.contains(&v) {
            ex.valid.push(v);
        }
    }
    for inv in invalid {
        if !ex.invalid.iter().any(|e| e.value == inv.value) {
            ex.invalid.push(inv);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derives_from_simple_patterns() {
        let (valid, invalid) = candidates("^xkeysib-[a-f0-9]{8}-[A-Z]{2,4}$").unwrap();
        let re = regex::Regex::new("^xkeysib-[a-f0-9]{8}-[A-Z]{2,4}$").unwrap();
        assert!(valid.iter().all(|v| re.is_match(v)), "{valid:?}");
        assert_eq!(valid.len(), 2);
        assert!(
            invalid.iter().all(|e| !re.is_match(&e.value)),
            "{invalid:?}"
        );
        assert!(
            invalid
                .iter()
                .any(|e| e.reason.starts_with("does not start"))
        );
    }

    #[test]
    fn refuses_what_is_not_simple() {
        for p in ["^[a-z]+$", "^abc$", "[a-z]{3}", "^(?:ab){3}$"] {
            assert!(candidates(p).is_err(), "{p}");
        }
    }
}
