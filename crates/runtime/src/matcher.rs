//! Pattern matchers: lowered byte checks for simple shapes, `regex` for the rest.
//!
//! Most credential formats are a literal prefix followed by a character class of
//! fixed or bounded length (`^lin_api_[A-Za-z0-9]{40}$`). The generator lowers such
//! patterns into a short list of [`Piece`]s matched byte by byte with a 256-bit class
//! table: no automaton, no allocation. Everything else goes to `regex`, compiled once
//! per process on first use.

use std::sync::OnceLock;

use regex::Regex;

/// Something that decides whether a whole value matches a field's pattern.
pub trait Matcher: Sync {
    /// True when `value` matches the (anchored) pattern.
    fn is_match(&self, value: &str) -> bool;
}

/// A set of ASCII bytes as a 256-bit table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ByteClass(pub [u64; 4]);

impl ByteClass {
    /// The empty set.
    pub const EMPTY: ByteClass = ByteClass([0; 4]);

    /// Adds the inclusive byte range `lo..=hi`.
    pub const fn with_range(mut self, lo: u8, hi: u8) -> ByteClass {
        let mut b = lo as usize;
        while b <= hi as usize {
            self.0[b >> 6] |= 1 << (b & 63);
            b += 1;
        }
        self
    }

    /// Whether `b` is in the set.
    #[inline(always)]
    pub const fn contains(&self, b: u8) -> bool {
        (self.0[(b >> 6) as usize] >> (b & 63)) & 1 == 1
    }
}

/// One element of a lowered pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    /// One of these literal strings (an alternation of literals, or a single literal).
    Literals(&'a [&'a str]),
    /// Between `min` and `max` bytes from `class` (`max == u32::MAX`: unbounded).
    Class {
        /// Allowed bytes (ASCII only).
        class: ByteClass,
        /// Minimum repetitions.
        min: u32,
        /// Maximum repetitions.
        max: u32,
    },
}

/// A lowered pattern: the whole value must be the concatenation of the pieces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PieceMatcher<'a> {
    /// The pieces, in order.
    pub pieces: &'a [Piece<'a>],
}

impl PieceMatcher<'_> {
    /// Whether the whole of `value` matches.
    #[inline]
    pub fn matches(&self, value: &str) -> bool {
        match_from(self.pieces, value.as_bytes())
    }
}

impl Matcher for PieceMatcher<'_> {
    #[inline]
    fn is_match(&self, value: &str) -> bool {
        self.matches(value)
    }
}

/// Backtracking match of `pieces` against all of `s`. Classes only hold ASCII bytes,
/// so byte counts equal character counts wherever a class matched.
fn match_from(pieces: &[Piece<'_>], s: &[u8]) -> bool {
    match pieces.split_first() {
        None => s.is_empty(),
        Some((Piece::Literals(alts), rest)) => alts
            .iter()
            .any(|a| s.starts_with(a.as_bytes()) && match_from(rest, &s[a.len()..])),
        Some((Piece::Class { class, min, max }, rest)) => {
            let (min, max) = (*min as usize, *max as usize);
            let run = s
                .iter()
                .take(max)
                .take_while(|b| class.contains(**b))
                .count();
            if run < min {
                return false;
            }
            if rest.is_empty() {
                return run == s.len();
            }
            (min..=run).rev().any(|n| match_from(rest, &s[n..]))
        }
    }
}

/// A `regex` compiled on first use and shared by every call afterwards.
pub struct LazyRegex {
    pattern: &'static str,
    cell: OnceLock<Regex>,
}

impl LazyRegex {
    /// A regex for `pattern`, which the generator has already compiled once at build
    /// time, so compiling it here cannot fail.
    pub const fn new(pattern: &'static str) -> LazyRegex {
        LazyRegex {
            pattern,
            cell: OnceLock::new(),
        }
    }

    /// The compiled regex.
    pub fn get(&self) -> &Regex {
        self.cell.get_or_init(|| {
            Regex::new(self.pattern).expect("pattern was compiled by the generator at build time")
        })
    }

    /// The source pattern.
    pub fn pattern(&self) -> &'static str {
        self.pattern
    }
}

impl Matcher for LazyRegex {
    fn is_match(&self, value: &str) -> bool {
        self.get().is_match(value)
    }
}

impl Matcher for Regex {
    fn is_match(&self, value: &str) -> bool {
        Regex::is_match(self, value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALNUM: ByteClass = ByteClass::EMPTY
        .with_range(b'a', b'z')
        .with_range(b'A', b'Z')
        .with_range(b'0', b'9');

    #[test]
    fn prefix_then_class() {
        let pieces = [
            Piece::Literals(&["sk_", "rk_"]),
            Piece::Literals(&["live_", "test_"]),
            Piece::Class {
                class: ALNUM,
                min: 4,
                max: u32::MAX,
            },
        ];
        let m = PieceMatcher { pieces: &pieces };
        assert!(m.matches("sk_live_abcd"));
        assert!(m.matches("rk_test_abcdef"));
        assert!(!m.matches("sk_live_abc"));
        assert!(!m.matches("pk_live_abcd"));
        assert!(!m.matches("sk_live_abcd!"));
    }

    #[test]
    fn class_then_literal_backtracks() {
        let dash = ByteClass::EMPTY.with_range(b'-', b'-');
        let pieces = [
            Piece::Class {
                class: ALNUM.0.iter().fold(dash, |c, _| c),
                min: 1,
                max: u32::MAX,
            },
            Piece::Literals(&["-us"]),
            Piece::Class {
                class: ALNUM,
                min: 1,
                max: 2,
            },
        ];
        let m = PieceMatcher { pieces: &pieces };
        assert!(!m.matches("abc-us1"), "class holds only '-'");
        let any = ALNUM.with_range(b'-', b'-');
        let pieces = [
            Piece::Class {
                class: any,
                min: 1,
                max: u32::MAX,
            },
            Piece::Literals(&["-us"]),
            Piece::Class {
                class: ALNUM,
                min: 1,
                max: 2,
            },
        ];
        let m = PieceMatcher { pieces: &pieces };
        assert!(m.matches("abc-def-us12"));
        assert!(!m.matches("abc-us123"));
    }
}
