//! A field's derived vectors, from each of its rules.
//!
//! Valid values are built from the pattern (every shape: each branch of each
//! alternation; at representative lengths: the shortest the rules allow, a typical
//! one, and a long one within the limits), else in the format (canonical values, and
//! values at the length limits), else as plain letters and digits within the lengths;
//! each required prefix is put in front in turn. A choice's valid values are its
//! options. Invalid values break one rule each: a part of the pattern, the format (near
//! misses), a length limit by one, the prefix, a forbidden prefix, a choice (an option
//! in another case, or with a character added). Every candidate is judged by the
//! field's rules ([`Rules`]) and kept only when it is what it was built to be.

use connectspec_runtime::Format;

use super::breaks::breaks;
use super::formats;
use super::rules::{Rule, Rules};
use super::tree::{Built, MAX_LEN, Tree};
use crate::model::InvalidExample;

/// How much longer than the shortest an open repetition's long value is.
const LONG: u64 = 64;
/// The longest "long" value when the limit is higher.
const LONG_CAP: u64 = 1024;
/// Groups of pattern breaks tried per built value.
const BREAKS_PER_VALUE: usize = 8;
/// Pattern breaks kept per field.
const MAX_PATTERN_BREAKS: usize = 16;

/// What derive gives a field, before the runtime's checker has judged it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Vectors {
    /// Values meant to pass.
    pub valid: Vec<String>,
    /// Values meant to fail, with why.
    pub invalid: Vec<InvalidExample>,
    /// The first value built to be valid that the rules refused (it tells why no
    /// valid value could be derived).
    pub refused: Option<String>,
}

/// Where values of a length come from.
enum Source<'t> {
    Pattern(&'t Tree),
    Format(Format),
    /// Letters and digits, for a field with lengths or prefixes only.
    Free(Tree),
}

impl Source<'_> {
    fn shapes(&self) -> Vec<Vec<usize>> {
        match self {
            Source::Pattern(t) => t.shapes(),
            Source::Free(t) => t.shapes(),
            Source::Format(_) => vec![Vec::new()],
        }
    }

    fn bounds(&self, shape: &[usize]) -> (u64, Option<u64>) {
        match self {
            Source::Pattern(t) => t.bounds_of(shape),
            Source::Free(t) => t.bounds_of(shape),
            Source::Format(f) => match f {
                Format::Uuid => (36, Some(36)),
                Format::Integer => (1, None),
                Format::Email => (7, Some(318)),
                Format::Hostname => (1, Some(253)),
                Format::Url | Format::HttpsUrl => (9, None),
            },
        }
    }

    fn build(&self, shape: &[usize], target: u64, seed: usize) -> Option<Built<'_>> {
        match self {
            Source::Pattern(t) => Some(t.build(shape, target, seed)),
            Source::Free(t) => Some(t.build(shape, target, seed)),
            Source::Format(f) => Some(Built {
                chars: formats::sized(*f, usize::try_from(target).ok()?)?
                    .chars()
                    .collect(),
                runs: Vec::new(),
                lits: Vec::new(),
            }),
        }
    }
}

/// The candidates kept so far.
struct Acc<'r, 'f> {
    rules: &'r Rules<'f>,
    out: Vectors,
    pattern_breaks: usize,
}

impl Acc<'_, '_> {
    /// Keeps `v` when every rule holds for it.
    fn valid(&mut self, v: String, in_format: bool) -> bool {
        if !self.rules.accepts(&v, in_format) {
            self.out.refused.get_or_insert(v);
            return false;
        }
        if !self.out.valid.contains(&v) {
            self.out.valid.push(v);
        }
        true
    }

    /// Keeps `v` when it breaks `rule`.
    fn invalid(&mut self, v: String, reason: String, rule: Rule) -> bool {
        if !self.rules.rejects_by(&v, rule) {
            return false;
        }
        if !self.out.invalid.iter().any(|e| e.value == v) {
            self.out.invalid.push(InvalidExample { value: v, reason });
        }
        true
    }
}

/// Derives the vectors of the field `rules` judge, from its pattern's tree if it has one.
pub(crate) fn derive(rules: &Rules<'_>, tree: Option<&Tree>) -> Vectors {
    let f = rules.f;
    let mut acc = Acc {
        rules,
        out: Vectors::default(),
        pattern_breaks: 0,
    };
    if !f.options.is_empty() {
        choices(&mut acc);
        return acc.out;
    }
    let source = match (tree, f.format) {
        (Some(t), _) => Source::Pattern(t),
        (None, Some(fmt)) => Source::Format(fmt),
        (None, None) => Source::Free(Tree::parse("^[0-9A-Za-z]+$").expect("a simple pattern")),
    };
    let prefixes: Vec<&str> = f.prefixes.iter().map(String::as_str).collect();
    let want = prefixes
        .iter()
        .map(|p| p.chars().count() as u64 + 1)
        .max()
        .unwrap_or(0);
    let mut bases: Vec<(Built<'_>, usize)> = Vec::new();
    let mut used = vec![false; prefixes.len()];
    let mut seed = 0;
    let shapes = source.shapes();
    if let Source::Format(fmt) = source {
        for v in formats::canonical(fmt) {
            acc.valid((*v).to_owned(), true);
        }
    }
    for shape in &shapes {
        let Some((lo, hi)) = span(rules, source.bounds(shape), want) else {
            // No length fits both the shape and the limits: a value of the shape's
            // own length tells why.
            if let Some(b) = source.build(shape, source.bounds(shape).0.max(1), seed) {
                acc.valid(b.value(), matches!(source, Source::Format(_)));
            }
            continue;
        };
        let (targets, typical) = match source {
            // Canonical values stand for the format; sized ones try the limits.
            Source::Format(_) if f.min_length.is_none() && f.max_length.is_none() => continue,
            Source::Format(_) => (vec![lo, hi.unwrap_or(lo).min(LONG_CAP.max(lo))], lo),
            _ => targets(lo, hi),
        };
        let mut base: Option<(Built<'_>, usize)> = None;
        for t in targets {
            let which = (!prefixes.is_empty()).then(|| seed % prefixes.len());
            let Some(mut b) = source.build(shape, t, seed) else {
                continue;
            };
            seed += 1;
            let keep = which.map_or(0, |i| overlay(&mut b.chars, prefixes[i]));
            // A prefix put over a value in the format may take it out of the format.
            let in_format = matches!(source, Source::Format(_)) && which.is_none();
            if acc.valid(b.value(), in_format) {
                if let Some(i) = which {
                    used[i] = true;
                }
                if base.is_none() || t == typical {
                    base = Some((b, keep));
                }
            }
        }
        bases.extend(base);
    }
    if let (Some(fmt), Source::Pattern(_)) = (f.format, &source) {
        for v in formats::canonical(fmt) {
            acc.valid((*v).to_owned(), true);
        }
    }
    // Every required prefix in some valid value.
    for (i, p) in prefixes.iter().enumerate().filter(|(i, _)| !used[*i]) {
        let Some(shape) = shapes.first() else { break };
        let Some((lo, hi)) = span(rules, source.bounds(shape), want) else {
            break;
        };
        if let Some(mut b) = source.build(shape, targets(lo, hi).1, seed + i) {
            overlay(&mut b.chars, p);
            acc.valid(b.value(), false);
        }
    }
    if let Source::Pattern(_) = source {
        for (b, keep) in &bases {
            for group in breaks(b, *keep).into_iter().take(BREAKS_PER_VALUE) {
                if acc.pattern_breaks == MAX_PATTERN_BREAKS {
                    break;
                }
                for br in group {
                    // A part that occurs again (`[0-9a-f]{4}` four times in a UUID)
                    // is broken once.
                    if acc.out.invalid.iter().any(|e| e.reason == br.reason) {
                        break;
                    }
                    if acc.invalid(br.value, br.reason, Rule::Pattern) {
                        acc.pattern_breaks += 1;
                        break;
                    }
                }
            }
        }
    }
    if let Some(fmt) = f.format {
        for (v, why) in formats::near_misses(fmt) {
            let reason = format!("not {}: {why}", formats::name(fmt));
            acc.invalid((*v).to_owned(), reason, Rule::Format);
        }
    }
    lengths(&mut acc, &source, &shapes, &prefixes);
    prefix_breaks(&mut acc, &prefixes);
    acc.out
}

/// The lengths a shape's valid values may have: the shape's own, within the field's
/// limits, long enough for the longest prefix and something after it.
fn span(rules: &Rules<'_>, (lo, hi): (u64, Option<u64>), want: u64) -> Option<(u64, Option<u64>)> {
    let f = rules.f;
    let lo = lo.max(u64::from(f.min_length.unwrap_or(0))).max(1);
    let hi = match (hi, f.max_length) {
        (Some(h), Some(m)) => Some(h.min(u64::from(m))),
        (h, m) => h.or(m.map(u64::from)),
    };
    let lo = if want > lo && hi.is_none_or(|h| want <= h) {
        want
    } else {
        lo
    };
    match hi {
        Some(h) if h < lo => None,
        _ if lo > MAX_LEN => None,
        _ => Some((lo, hi)),
    }
}

/// The representative lengths between `lo` and `hi`: the shortest, a typical one (eight
/// more, at least 16) and a long one (the limit, or 64 more for an open repetition);
/// and the typical one.
fn targets(lo: u64, hi: Option<u64>) -> (Vec<u64>, u64) {
    let cap = hi.unwrap_or(u64::MAX);
    let typical = (lo + 8).max(16).min(cap);
    let long = match hi {
        Some(h) => h.min(LONG_CAP.max(lo)),
        None => lo + LONG,
    };
    let mut v = vec![lo, typical, long];
    v.sort_unstable();
    v.dedup();
    (v, typical)
}

/// Puts `prefix` over the start of `chars`; its length in characters.
fn overlay(chars: &mut Vec<char>, prefix: &str) -> usize {
    let p: Vec<char> = prefix.chars().collect();
    let n = p.len().min(chars.len());
    chars.splice(..n, p.iter().copied());
    p.len()
}

/// A value one character shorter than `min_length` and one longer than `max_length`.
fn lengths(acc: &mut Acc<'_, '_>, source: &Source<'_>, shapes: &[Vec<usize>], prefixes: &[&str]) {
    let f = acc.rules.f;
    let mut wanted = Vec::new();
    if let Some(min) = f.min_length.filter(|m| *m > 1) {
        wanted.push((u64::from(min) - 1, false, min));
    }
    if let Some(max) = f.max_length.filter(|m| u64::from(*m) < MAX_LEN) {
        wanted.push((u64::from(max) + 1, true, max));
    }
    for (target, over, limit) in wanted {
        for (i, shape) in shapes.iter().enumerate() {
            let Some(mut b) = source.build(shape, target, i) else {
                continue;
            };
            if let Some(p) = prefixes.first() {
                overlay(&mut b.chars, p);
            }
            let n = b.chars.len() as u64;
            let reason = match (over, n.abs_diff(u64::from(limit))) {
                (false, 1) => format!("{n} characters, one fewer than min_length {limit}"),
                (false, _) => format!("{n} characters, fewer than min_length {limit}"),
                (true, 1) => format!("{n} characters, one more than max_length {limit}"),
                (true, _) => format!("{n} characters, more than max_length {limit}"),
            };
            if acc.invalid(b.value(), reason, Rule::Length) {
                break;
            }
        }
    }
}

/// The first valid value with its required prefix changed, and with each forbidden
/// prefix in place of the required one.
fn prefix_breaks(acc: &mut Acc<'_, '_>, prefixes: &[&str]) {
    let f = acc.rules.f;
    let Some(v) = acc.out.valid.first().cloned() else {
        return;
    };
    let used = prefixes.iter().find(|p| v.starts_with(**p)).copied();
    if let Some(p) = used {
        let reason = match prefixes {
            [one] => format!("does not start with `{one}`"),
            _ => format!(
                "starts with none of {}",
                prefixes
                    .iter()
                    .map(|p| format!("`{p}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        let first = p.chars().next().unwrap_or('a');
        let rest: String = v.chars().skip(1).collect();
        for c in ['x', 'y', 'q', '0'].into_iter().filter(|c| *c != first) {
            if acc.invalid(format!("{c}{rest}"), reason.clone(), Rule::Prefix) {
                break;
            }
        }
    }
    for fb in &f.forbidden_prefixes {
        let skip = used.map_or(fb.chars().count(), |p| p.chars().count());
        let rest: String = v.chars().skip(skip).collect();
        acc.invalid(
            format!("{fb}{rest}"),
            format!("starts with the forbidden prefix `{fb}`"),
            Rule::Forbidden,
        );
    }
}

/// A choice: every option valid; the first in another case (valid when the field's
/// normalisation makes it so) and with a character added.
fn choices(acc: &mut Acc<'_, '_>) {
    let options = &acc.rules.f.options;
    for o in options {
        acc.valid(o.value.clone(), false);
    }
    let Some(first) = options.first().map(|o| o.value.clone()) else {
        return;
    };
    let other: String = first
        .chars()
        .map(|c| {
            if c.is_ascii_lowercase() {
                c.to_ascii_uppercase()
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
    if other == first {
        // No letters to change.
    } else if acc.rules.accepts(&other, false) {
        acc.valid(other, false);
    } else {
        acc.invalid(
            other,
            format!("the option `{first}` in another case"),
            Rule::Choice,
        );
    }
    acc.invalid(
        format!("{first}x"),
        format!("the option `{first}` with a character added"),
        Rule::Choice,
    );
}
