//! Invalid values made from a valid one built from a pattern, each breaking one part:
//! a run one character shorter than its minimum (empty for `+`) or longer than its
//! maximum, a character outside a run's class, a literal changed.

use super::tree::{Built, MAX_LEN, Run};

/// An invalid value and why.
pub(crate) struct Broken {
    pub value: String,
    pub reason: String,
}

/// Middle literals changed per value (leading and trailing ones always are).
const MIDDLE_LITERALS: usize = 1;

/// Ways to break one part of `b`, leaving its first `keep` characters (a prefix the
/// field requires) alone. Each group lists alternatives; the caller uses the first that
/// the field's rules reject (a changed character may still match another way).
pub(crate) fn breaks(b: &Built<'_>, keep: usize) -> Vec<Vec<Broken>> {
    let mut out = literals(b, keep);
    let chars = &b.chars;
    for run in &b.runs {
        let end = run.start + run.count;
        let text = run.text();
        if run.repeated && run.start >= keep {
            if run.min > 0 && run.count >= run.min as usize {
                let want = run.min as usize - 1;
                let mut v = chars.clone();
                v.drain(run.start + want..end);
                let reason = if want == 0 {
                    format!("`{text}` is empty")
                } else {
                    format!(
                        "`{text}` has {want} character{}, one fewer than {}",
                        if want == 1 { "" } else { "s" },
                        run.min
                    )
                };
                out.push(vec![Broken {
                    value: v.iter().collect(),
                    reason,
                }]);
            }
            if let Some(max) = run.max
                && u64::from(max) < MAX_LEN
                && run.count <= max as usize
            {
                let add = max as usize + 1 - run.count;
                let fill: Vec<char> = if run.count > 0 {
                    chars[run.start..end].to_vec()
                } else {
                    vec![first_inside(run)]
                };
                let mut v = chars.clone();
                v.splice(end..end, fill.iter().cycle().take(add).copied());
                out.push(vec![Broken {
                    value: v.iter().collect(),
                    reason: format!("`{text}` has {} characters, one more than {max}", max + 1),
                }]);
            }
        }
        let from = run.start.max(keep);
        if from < end {
            let at = from + (end - from) / 2;
            let group = run
                .chars
                .outsiders()
                .take(4)
                .map(|c| {
                    let mut v = chars.clone();
                    v[at] = c;
                    Broken {
                        value: v.iter().collect(),
                        reason: format!("contains `{c}`, which `{text}` does not allow"),
                    }
                })
                .collect();
            out.push(group);
        }
    }
    out
}

/// A character of the run's class (to lengthen an empty run).
fn first_inside(run: &Run<'_>) -> char {
    ('0'..='9')
        .chain('a'..='z')
        .chain('A'..='Z')
        .chain((b'!'..=b'~').map(char::from))
        .find(|c| run.chars.contains(*c))
        .unwrap_or('a')
}

/// The leading, the trailing and the first middle literal, each with one character
/// changed.
fn literals(b: &Built<'_>, keep: usize) -> Vec<Vec<Broken>> {
    let chars = &b.chars;
    let total = chars.len();
    let mut out = Vec::new();
    let mut middles = 0;
    for (start, lit) in &b.lits {
        let n = lit.chars().count();
        if *start < keep || n == 0 {
            continue;
        }
        let (at_start, at_end) = (*start == 0, start + n == total);
        if !at_start && !at_end {
            if middles == MIDDLE_LITERALS {
                continue;
            }
            middles += 1;
        }
        let pos = if at_end && !at_start {
            start + n - 1
        } else {
            *start
        };
        let group = ['x', 'y', 'q', '0']
            .into_iter()
            .filter(|c| *c != chars[pos])
            .map(|c| {
                let mut v = chars.clone();
                v[pos] = c;
                let reason = match (at_start, at_end) {
                    (true, true) => format!("is not `{lit}`"),
                    (true, false) => format!("does not start with `{lit}`"),
                    (false, true) => format!("does not end with `{lit}`"),
                    (false, false) => {
                        let changed: String = v[*start..start + n].iter().collect();
                        format!("`{changed}` instead of `{lit}`")
                    }
                };
                Broken {
                    value: v.iter().collect(),
                    reason,
                }
            })
            .collect();
        out.push(group);
    }
    out
}
