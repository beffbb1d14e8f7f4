//! What a field's rules say about a value, read from the spec: the pattern by the
//! `regex` crate, prefixes and lengths by counting, the choice by its option values,
//! after the field's own normalisation. Derive uses this to know what each built value
//! is meant to be (valid, or invalid by one rule); the loader then asks the runtime's
//! checker, the code that ships, and refuses the spec when the two disagree.

use std::borrow::Cow;

use connectspec_runtime as rt;

use crate::model::Field;

/// One rule of a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rule {
    Prefix,
    Forbidden,
    Length,
    Format,
    Pattern,
    Choice,
}

const ALL: [Rule; 6] = [
    Rule::Prefix,
    Rule::Forbidden,
    Rule::Length,
    Rule::Format,
    Rule::Pattern,
    Rule::Choice,
];

/// A field's rules, ready to judge values.
pub(crate) struct Rules<'f> {
    pub f: &'f Field,
    regex: Option<regex::Regex>,
    steps: Vec<rt::Normalize<&'f str>>,
}

impl<'f> Rules<'f> {
    /// `None` when the pattern does not compile (its own check reports that).
    pub(crate) fn new(f: &'f Field) -> Option<Rules<'f>> {
        let regex = match &f.pattern {
            Some(p) => Some(crate::patterns::compile(p).ok()?.regex.clone()),
            None => None,
        };
        Some(Rules {
            f,
            regex,
            steps: f.normalize.iter().map(rt::Normalize::as_deref).collect(),
        })
    }

    /// The value as the field stores it.
    pub(crate) fn normalized<'v>(&self, v: &'v str) -> Cow<'v, str> {
        rt::normalize(v, &self.steps)
    }

    /// Whether the normalised value `n` breaks `rule`.
    fn breaks(&self, n: &str, rule: Rule) -> bool {
        let f = self.f;
        match rule {
            Rule::Prefix => !f.prefixes.is_empty() && !f.prefixes.iter().any(|p| n.starts_with(p)),
            Rule::Forbidden => f.forbidden_prefixes.iter().any(|p| n.starts_with(p)),
            Rule::Length => {
                let len = n.chars().count() as u64;
                len < u64::from(f.min_length.unwrap_or(0))
                    || len > u64::from(f.max_length.unwrap_or(u32::MAX))
            }
            Rule::Format => f.format.is_some_and(|fmt| !fmt.check(n)),
            Rule::Pattern => self.regex.as_ref().is_some_and(|r| !r.is_match(n)),
            Rule::Choice => !f.options.is_empty() && !f.options.iter().any(|o| o.value == n),
        }
    }

    /// Whether every rule holds for `v`. `in_format`: `v` was built in the field's
    /// format, which then holds by construction as long as normalisation keeps `v`.
    pub(crate) fn accepts(&self, v: &str, in_format: bool) -> bool {
        let n = self.normalized(v);
        if n.is_empty() || n.chars().any(|c| c < ' ' || c == '\u{7f}') {
            return false;
        }
        let known = in_format && *n == *v;
        ALL.iter()
            .all(|r| (*r == Rule::Format && known) || !self.breaks(&n, *r))
    }

    /// Whether `v` breaks `rule`. A format near miss is built outside the format, which
    /// holds as long as normalisation keeps it as it is.
    pub(crate) fn rejects_by(&self, v: &str, rule: Rule) -> bool {
        if v.trim().is_empty() {
            return false; // empty is "missing", which an optional field accepts
        }
        let n = self.normalized(v);
        match rule {
            Rule::Format => self.f.format.is_some() && *n == *v,
            r => self.breaks(&n, r),
        }
    }
}

/// Whether the field's limits contradict each other (min above max, a prefix longer
/// than the maximum or starting with a forbidden prefix): its own check reports it, and
/// no vector is derived.
pub(crate) fn contradictory(f: &Field) -> bool {
    let max = f.max_length.unwrap_or(u32::MAX);
    f.min_length.unwrap_or(0) > max
        || max == 0
        || f.prefixes.iter().any(|p| {
            p.chars().count() as u64 > u64::from(max)
                || f.forbidden_prefixes
                    .iter()
                    .any(|fb| p.starts_with(fb.as_str()))
        })
}
