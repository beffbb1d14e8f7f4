//! Lowering of simple anchored patterns into [`Piece`]s, next to the matcher that runs them.
//!
//! Most credential formats are an anchored concatenation of literal prefixes and ASCII
//! character classes of fixed or bounded length. Those become a few byte checks
//! ([`PieceMatcher`]), which is several times faster than running a regex engine. The
//! generator writes the lowered pieces out as statics; the spec checker runs the same
//! [`Lowered`] pieces through the same matching function ([`Pattern`]), so an example
//! is judged by exactly the code that ships. Anything else (Unicode classes, look-around
//! other than the anchors, nested repetition, shapes whose backtracking could grow) stays
//! a regex.
//!
//! The lowering works on `regex-syntax`'s HIR, so flags such as `(?i)` are already
//! expanded into classes, and it keeps the exact language of the pattern: a lowered
//! matcher accepts a string if and only if `regex` does (property-tested).

use regex::Regex;
use regex_syntax::hir::{Class, Hir, HirKind, Look};

use crate::matcher::{ByteClass, Matcher, PieceKind, PieceLike, all_printable_ascii, match_pieces};
#[cfg(doc)]
use crate::matcher::{Piece, PieceMatcher};

/// One lowered element, owning its data (the generator turns it into a static `Piece`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoweredPiece {
    /// One of these literal strings.
    Literals(Vec<String>),
    /// Between `min` and `max` bytes from `class` (`max == u32::MAX`: unbounded).
    Class {
        /// The allowed ASCII bytes.
        class: ByteClass,
        /// Minimum repetitions.
        min: u32,
        /// Maximum repetitions.
        max: u32,
    },
}

/// A lowered pattern: the whole value must be the concatenation of the pieces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lowered {
    /// The pieces, in order.
    pub pieces: Vec<LoweredPiece>,
}

/// Upper bound on the backtracking work of a lowered pattern, as a multiple of the input
/// length: the product of the choices each piece offers (alternatives, or lengths of a
/// variable class). Above it the pattern stays a regex, whose time is linear.
const MAX_WORK: u64 = 4096;

/// At most this many alternatives in one literal piece.
const MAX_ALTERNATIVES: usize = 32;

/// A bounded class wider than this counts as "as long as the input" for the work bound.
const WIDE: u32 = 64;

impl LoweredPiece {
    /// A class piece of `min..=max` bytes from `ranges`.
    fn class(ranges: &[(u8, u8)], min: u32, max: u32) -> LoweredPiece {
        let class = ranges
            .iter()
            .fold(ByteClass::EMPTY, |c, (lo, hi)| c.with_range(*lo, *hi));
        LoweredPiece::Class { class, min, max }
    }
}

impl PieceLike for LoweredPiece {
    type Literal = String;

    #[inline]
    fn kind(&self) -> PieceKind<'_, String> {
        match self {
            LoweredPiece::Literals(l) => PieceKind::Literals(l),
            LoweredPiece::Class { class, min, max } => PieceKind::Class {
                class,
                min: *min,
                max: *max,
            },
        }
    }
}

impl Lowered {
    /// Whether the whole of `value` matches: the matching function of the generated
    /// [`PieceMatcher`] statics, run over these owned pieces.
    pub fn is_match(&self, value: &str) -> bool {
        match_pieces(&self.pieces, value.as_bytes())
    }

    /// Whether the pieces admit printable ASCII only: what [`PieceMatcher::new`] works
    /// out for the generated static of the same pieces.
    pub fn only_printable_ascii(&self) -> bool {
        self.pieces.iter().all(|p| match p {
            LoweredPiece::Literals(alts) => alts.iter().all(|a| all_printable_ascii(a)),
            LoweredPiece::Class { class, .. } => class.only_printable_ascii(),
        })
    }

    /// The backtracking work bound: product of choices, with one "input length" factor
    /// allowed for a variable piece that is unbounded or wide.
    fn work(&self) -> Option<u64> {
        let mut work: u64 = 1;
        let mut long_pieces = 0;
        for p in &self.pieces {
            let choices = match p {
                LoweredPiece::Literals(l) => l.len() as u64,
                LoweredPiece::Class { min, max, .. } if min == max => 1,
                LoweredPiece::Class { min, max, .. } if max - min > WIDE => {
                    long_pieces += 1;
                    1
                }
                LoweredPiece::Class { min, max, .. } => u64::from(max - min) + 1,
            };
            work = work.checked_mul(choices)?;
        }
        (long_pieces <= 1 && work <= MAX_WORK).then_some(work)
    }
}

/// Lowers `pattern` (Rust `regex` syntax) when it has a simple shape; `None` means "use
/// a regex". Patterns that do not parse are `None` too (the spec checker reports them).
pub fn lower_pattern(pattern: &str) -> Option<Lowered> {
    lower_hir(&regex_syntax::parse(pattern).ok()?)
}

/// Lowers a parsed pattern (see [`lower_pattern`]); for callers that hold the HIR already.
pub fn lower_hir(hir: &Hir) -> Option<Lowered> {
    let HirKind::Concat(parts) = hir.kind() else {
        return None;
    };
    let (first, rest) = parts.split_first()?;
    let (last, middle) = rest.split_last()?;
    if !matches!(first.kind(), HirKind::Look(Look::Start))
        || !matches!(last.kind(), HirKind::Look(Look::End))
    {
        return None;
    }
    let mut pieces = Vec::new();
    for h in middle {
        lower_into(h, &mut pieces)?;
    }
    let lowered = Lowered {
        pieces: merge_literals(pieces),
    };
    lowered.work()?;
    Some(lowered)
}

/// How many characters a value matching the anchored `pattern` can have, as `(min,
/// max)`; `(0, u32::MAX)` (nothing known) for a pattern that does not parse or is not
/// anchored at both ends. A pattern failure names the value's length only when it is
/// outside this range, since only then is the length what is wrong. Computed once, by
/// the generator for the Rust and JavaScript validators and by the spec checker.
pub fn pattern_char_lengths(pattern: &str) -> (u32, u32) {
    match regex_syntax::parse(pattern) {
        Ok(hir) => hir_char_lengths(&hir),
        Err(_) => (0, u32::MAX),
    }
}

/// [`pattern_char_lengths`] of a parsed pattern, for callers that hold the HIR already.
pub fn hir_char_lengths(hir: &Hir) -> (u32, u32) {
    const UNKNOWN: (u32, u32) = (0, u32::MAX);
    let HirKind::Concat(parts) = hir.kind() else {
        return UNKNOWN;
    };
    match (parts.first().map(Hir::kind), parts.last().map(Hir::kind)) {
        (Some(HirKind::Look(Look::Start)), Some(HirKind::Look(Look::End))) => {
            char_lengths(hir).unwrap_or(UNKNOWN)
        }
        _ => UNKNOWN,
    }
}

/// The character-count range of `h`'s matches (`u32::MAX`: unbounded); `None` for a
/// literal that is not UTF-8.
fn char_lengths(h: &Hir) -> Option<(u32, u32)> {
    Some(match h.kind() {
        HirKind::Empty | HirKind::Look(_) => (0, 0),
        HirKind::Literal(lit) => {
            let n = std::str::from_utf8(&lit.0).ok()?.chars().count() as u32;
            (n, n)
        }
        // A class matches one character (a byte class only ASCII ones, in a `str` regex).
        HirKind::Class(_) => (1, 1),
        HirKind::Capture(c) => char_lengths(&c.sub)?,
        HirKind::Repetition(r) => {
            let (lo, hi) = char_lengths(&r.sub)?;
            let max = match r.max {
                _ if hi == 0 => 0,
                Some(m) if hi != u32::MAX => hi.saturating_mul(m),
                _ => u32::MAX,
            };
            (lo.saturating_mul(r.min), max)
        }
        HirKind::Concat(xs) => xs.iter().try_fold((0u32, 0u32), |(lo, hi), x| {
            let (a, b) = char_lengths(x)?;
            Some((lo.saturating_add(a), hi.saturating_add(b)))
        })?,
        HirKind::Alternation(xs) => xs.iter().try_fold((u32::MAX, 0u32), |(lo, hi), x| {
            let (a, b) = char_lengths(x)?;
            Some((lo.min(a), hi.max(b)))
        })?,
    })
}

/// Appends the pieces of one concatenation element.
fn lower_into(h: &Hir, out: &mut Vec<LoweredPiece>) -> Option<()> {
    match h.kind() {
        HirKind::Empty => {}
        HirKind::Literal(lit) => out.push(LoweredPiece::Literals(vec![literal_text(&lit.0)?])),
        HirKind::Class(c) => out.push(LoweredPiece::class(&ascii_ranges(c)?, 1, 1)),
        HirKind::Capture(c) => lower_into(&c.sub, out)?,
        HirKind::Concat(parts) => {
            for p in parts {
                lower_into(p, out)?;
            }
        }
        HirKind::Alternation(alts) => out.push(LoweredPiece::Literals(alternatives(alts)?)),
        HirKind::Repetition(r) => {
            let max = r.max.unwrap_or(u32::MAX);
            match r.sub.kind() {
                HirKind::Class(c) => out.push(LoweredPiece::class(&ascii_ranges(c)?, r.min, max)),
                // `x?` over a literal or an alternation of literals: one more (empty) choice.
                _ if r.min == 0 && max == 1 => {
                    let mut alts = literal_choices(&r.sub)?;
                    if !alts.iter().any(String::is_empty) {
                        alts.push(String::new());
                    }
                    out.push(LoweredPiece::Literals(alts));
                }
                // A fixed repetition of a literal is a longer literal.
                HirKind::Literal(lit) if r.min == max && r.min <= 64 => {
                    out.push(LoweredPiece::Literals(vec![
                        literal_text(&lit.0)?.repeat(r.min as usize),
                    ]))
                }
                _ => return None,
            }
        }
        HirKind::Look(_) => return None,
    }
    Some(())
}

/// The alternatives of a literal or an alternation of literals.
fn literal_choices(h: &Hir) -> Option<Vec<String>> {
    match h.kind() {
        HirKind::Literal(lit) => Some(vec![literal_text(&lit.0)?]),
        HirKind::Empty => Some(vec![String::new()]),
        HirKind::Capture(c) => literal_choices(&c.sub),
        HirKind::Alternation(alts) => alternatives(alts),
        // A concatenation of literal choices: every combination (regex-syntax lifts
        // common prefixes out of alternations, so `ab|ac` arrives as `a(?:b|c)`).
        HirKind::Concat(parts) => {
            let mut acc = vec![String::new()];
            for p in parts {
                let next = literal_choices(p)?;
                if acc.len() * next.len() > MAX_ALTERNATIVES {
                    return None;
                }
                acc = acc
                    .iter()
                    .flat_map(|a| next.iter().map(move |n| format!("{a}{n}")))
                    .collect();
            }
            Some(acc)
        }
        _ => None,
    }
}

/// An alternation whose branches are all literals (or empty).
fn alternatives(alts: &[Hir]) -> Option<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for a in alts {
        for s in literal_choices(a)? {
            if !out.contains(&s) {
                out.push(s);
            }
        }
    }
    (out.len() <= MAX_ALTERNATIVES).then_some(out)
}

fn literal_text(bytes: &[u8]) -> Option<String> {
    String::from_utf8(bytes.to_vec()).ok()
}

/// The ranges of a class when every member is ASCII; `None` otherwise (Unicode classes
/// stay with `regex`, whose notion of a character the byte checks do not share).
fn ascii_ranges(c: &Class) -> Option<Vec<(u8, u8)>> {
    match c {
        Class::Unicode(u) => u
            .iter()
            .map(|r| {
                let (lo, hi) = (u32::from(r.start()), u32::from(r.end()));
                (hi < 0x80).then_some((lo as u8, hi as u8))
            })
            .collect(),
        Class::Bytes(b) => b
            .iter()
            .map(|r| (r.end() < 0x80).then_some((r.start(), r.end())))
            .collect(),
    }
}

/// Joins adjacent literal pieces into one piece of every combination (`sk|rk` `_` →
/// `sk_|rk_`) while that stays small: fewer pieces, same language, same work bound.
fn merge_literals(pieces: Vec<LoweredPiece>) -> Vec<LoweredPiece> {
    let mut out: Vec<LoweredPiece> = Vec::with_capacity(pieces.len());
    for p in pieces {
        match (out.last_mut(), p) {
            (Some(LoweredPiece::Literals(prev)), LoweredPiece::Literals(next))
                if prev.len() * next.len() <= MAX_ALTERNATIVES =>
            {
                let mut joined: Vec<String> = Vec::with_capacity(prev.len() * next.len());
                for a in prev.iter() {
                    for b in &next {
                        let s = format!("{a}{b}");
                        if !joined.contains(&s) {
                            joined.push(s);
                        }
                    }
                }
                *prev = joined;
            }
            (_, LoweredPiece::Literals(l)) if l.len() == 1 && l[0].is_empty() => {}
            (_, p) => out.push(p),
        }
    }
    out
}

/// A field pattern as it is checked: lowered pieces when the shape allows, else a regex.
///
/// The generator makes the same choice for the statics it writes ([`lower_pattern`]),
/// so a value this accepts is exactly a value the compiled validator accepts.
#[derive(Debug, Clone)]
pub enum Pattern {
    /// Byte checks over lowered pieces.
    Lowered(Lowered),
    /// Everything else.
    Regex(Regex),
}

impl Pattern {
    /// Compiles `pattern`; `Err` carries the regex crate's message.
    pub fn new(pattern: &str) -> Result<Pattern, regex::Error> {
        match lower_pattern(pattern) {
            Some(l) => Ok(Pattern::Lowered(l)),
            None => Regex::new(pattern).map(Pattern::Regex),
        }
    }

    /// The pattern from its regex and HIR, both already built by the caller (the spec
    /// checker needs them to report errors).
    pub fn from_parts(regex: Regex, hir: &Hir) -> Pattern {
        match lower_hir(hir) {
            Some(l) => Pattern::Lowered(l),
            None => Pattern::Regex(regex),
        }
    }
}

impl Matcher for Pattern {
    fn is_match(&self, value: &str) -> bool {
        match self {
            Pattern::Lowered(l) => l.is_match(value),
            Pattern::Regex(r) => r.is_match(value),
        }
    }

    fn only_printable_ascii(&self) -> bool {
        match self {
            Pattern::Lowered(l) => l.only_printable_ascii(),
            // Generated regexes claim nothing either (`LazyRegex`).
            Pattern::Regex(_) => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matcher::{Piece, PieceMatcher};

    #[test]
    fn shapes() {
        let l = lower_pattern("^[A-Za-z0-9-]{40}$").unwrap();
        assert_eq!(l.pieces.len(), 1);
        let l = lower_pattern("^(?:sk|rk)_(live|test)_[A-Za-z0-9]{24,99}$").unwrap();
        assert_eq!(l.pieces.len(), 2, "{l:?}");
        assert!(l.is_match("sk_live_abcdefghijklmnopqrstuvwx"));
        assert!(lower_pattern("^lin_api_[A-Za-z0-9]{40}$").is_some());
        assert!(
            lower_pattern(r"^\d+$").is_none(),
            "Unicode digits stay a regex"
        );
        assert!(lower_pattern(r"^(?-u:\d)+$").is_some());
        assert!(
            lower_pattern("^[a-z]+-[a-z]+-[a-z]+$").is_none(),
            "two unbounded pieces"
        );
        assert!(lower_pattern("^(ab)+$").is_none());
        assert!(lower_pattern(r"^a\b$").is_none());
        assert!(lower_pattern("[a-z]{3}").is_none(), "unanchored");
        assert!(lower_pattern("^é[a-z]?$").unwrap().is_match("é"));
    }

    /// The owned pieces as the generated statics hold them.
    fn statics(l: &Lowered) -> Vec<Piece<'_>> {
        l.pieces
            .iter()
            .map(|p| match p {
                LoweredPiece::Literals(alts) => Piece::Literals(Vec::leak(
                    alts.iter().map(String::as_str).collect::<Vec<_>>(),
                )),
                LoweredPiece::Class { class, min, max } => Piece::Class {
                    class: *class,
                    min: *min,
                    max: *max,
                },
            })
            .collect()
    }

    #[test]
    fn printable_ascii_claims_agree_and_hold() {
        let cases = [
            ("^[A-Za-z0-9-]{40}$", true),
            ("^lin_api_[A-Za-z0-9]{40}$", true),
            ("^(?:sk|rk)_(live|test)_[A-Za-z0-9 ]{24,99}$", true),
            ("^é[a-z]?$", false),
            (r"^(?-u:[\x00-\x7f])+$", false),
            (r"^x[\t ]{1,3}$", false),
            ("^[ -~]{1,8}$", true),
            ("^[ -\x7f]{1,8}$", false),
        ];
        for (pattern, want) in cases {
            let l = lower_pattern(pattern).unwrap_or_else(|| panic!("{pattern} lowers"));
            assert_eq!(l.only_printable_ascii(), want, "{pattern}");
            let pieces = statics(&l);
            assert_eq!(
                PieceMatcher::new(&pieces).only_printable_ascii(),
                want,
                "{pattern}: the static's claim"
            );
        }
        // What a claim promises: no value outside printable ASCII matches.
        let l = lower_pattern("^[ -~]{1,8}$").unwrap();
        for b in (0u8..0x20).chain([0x7f]) {
            assert!(!l.is_match(&format!("a{}", b as char)));
        }
        assert!(!l.is_match("aé"));
    }

    #[test]
    fn pattern_lengths_count_characters() {
        let max = u32::MAX;
        let cases = [
            ("^[A-Za-z0-9-]{40}$", (40, 40)),
            ("^(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{24,99}$", (32, 107)),
            ("^xoxb-[0-9]+-[a-z]*$", (7, max)),
            ("^é[a-z]{2}(?:€|ab)?$", (3, 5)),
            ("^(?P<v>[a-z]{3})\\.(?:eu|us)$", (6, 6)),
            ("[a-z]{3}", (0, max)),
            ("^(", (0, max)),
        ];
        for (pattern, want) in cases {
            assert_eq!(pattern_char_lengths(pattern), want, "{pattern}");
        }
        // The range is exact at both ends: values of those lengths match, one less or more do not.
        let l = lower_pattern("^[0-9]{6,8}$").unwrap();
        assert_eq!(pattern_char_lengths("^[0-9]{6,8}$"), (6, 8));
        for (n, ok) in [(5, false), (6, true), (8, true), (9, false)] {
            assert_eq!(l.is_match(&"0".repeat(n)), ok, "{n} digits");
        }
    }
}
