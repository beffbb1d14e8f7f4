//! Pattern matchers: lowered byte checks for simple shapes, `regex` for the rest.
//!
//! Most credential formats are a literal prefix followed by a character class of
//! fixed or bounded length (`^lin_api_[A-Za-z0-9]{40}$`). The generator lowers such
//! patterns into a short list of [`Piece`]s matched byte by byte with a 256-bit class
//! table: no automaton, no allocation. Everything else goes to `regex`, compiled once
//! per process on first use. The lowering itself lives next door (`lower.rs`), so the
//! spec checker and the generator share it and one matching function.

use std::sync::OnceLock;

use regex::Regex;

/// Something that decides whether a whole value matches a field's pattern.
pub trait Matcher: Sync {
    /// True when `value` matches the (anchored) pattern.
    fn is_match(&self, value: &str) -> bool;

    /// True when every value the pattern matches is printable ASCII (bytes `0x20..=0x7e`).
    /// A match then also proves the value free of control characters and one byte per
    /// character, so the checker skips those passes. `false` claims nothing.
    fn only_printable_ascii(&self) -> bool {
        false
    }
}

/// Whether `b` is printable ASCII: a space or a visible character, no control, no DEL.
#[inline(always)]
pub(crate) const fn is_printable_ascii(b: u8) -> bool {
    matches!(b, 0x20..=0x7e)
}

/// Whether every byte of `s` is printable ASCII (see [`is_printable_ascii`]).
pub(crate) const fn all_printable_ascii(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !is_printable_ascii(b[i]) {
            return false;
        }
        i += 1;
    }
    true
}

/// How many byte ranges a class may have and still be checked by range comparisons.
const RANGE_SLOTS: usize = 4;

/// A set of ASCII bytes: a 256-bit table, plus (for classes of at most four ranges,
/// which covers nearly every token alphabet) the ranges themselves, so that long runs
/// can be checked sixteen bytes at a time with comparisons the compiler vectorises
/// instead of one table lookup per byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ByteClass {
    bits: [u64; 4],
    /// Range starts; unused slots repeat slot 0 so they never widen the set.
    lo: [u8; RANGE_SLOTS],
    /// Range widths minus one (`hi - lo`), parallel to `lo`.
    span: [u8; RANGE_SLOTS],
    /// Ranges added so far; above [`RANGE_SLOTS`] only the table is used.
    ranges: u8,
}

impl ByteClass {
    /// The empty set.
    pub const EMPTY: ByteClass = ByteClass {
        bits: [0; 4],
        lo: [0; RANGE_SLOTS],
        span: [0; RANGE_SLOTS],
        ranges: 0,
    };

    /// Adds the inclusive byte range `lo..=hi`.
    pub const fn with_range(mut self, lo: u8, hi: u8) -> ByteClass {
        assert!(lo <= hi, "a byte range must not be reversed");
        let mut b = lo as usize;
        while b <= hi as usize {
            self.bits[b >> 6] |= 1 << (b & 63);
            b += 1;
        }
        let slot = self.ranges as usize;
        if slot == 0 {
            // Every slot starts as a copy of the first range.
            self.lo = [lo; RANGE_SLOTS];
            self.span = [hi - lo; RANGE_SLOTS];
        } else if slot < RANGE_SLOTS {
            self.lo[slot] = lo;
            self.span[slot] = hi - lo;
        }
        self.ranges = self.ranges.saturating_add(1);
        self
    }

    /// Adds each byte of `bytes`.
    pub const fn with_bytes(mut self, bytes: &[u8]) -> ByteClass {
        let mut i = 0;
        while i < bytes.len() {
            self = self.with_range(bytes[i], bytes[i]);
            i += 1;
        }
        self
    }

    /// The class's parts (table, range starts, range widths, range count), for
    /// [`ByteClass::from_parts`].
    pub const fn parts(&self) -> ([u64; 4], [u8; RANGE_SLOTS], [u8; RANGE_SLOTS], u8) {
        (self.bits, self.lo, self.span, self.ranges)
    }

    /// Rebuilds a class from [`ByteClass::parts`]. Generated code uses this rather than a
    /// chain of [`ByteClass::with_range`] calls, so the compiler does not interpret those
    /// loops again for every class of every spec in a large catalogue. The parts must
    /// come from `parts()` of a class built with `with_range`.
    pub const fn from_parts(
        bits: [u64; 4],
        lo: [u8; RANGE_SLOTS],
        span: [u8; RANGE_SLOTS],
        ranges: u8,
    ) -> ByteClass {
        ByteClass {
            bits,
            lo,
            span,
            ranges,
        }
    }

    /// Whether `b` is in the set.
    #[inline(always)]
    pub const fn contains(&self, b: u8) -> bool {
        (self.bits[(b >> 6) as usize] >> (b & 63)) & 1 == 1
    }

    /// Whether the set holds printable ASCII bytes only (`0x20..=0x7e`).
    pub const fn only_printable_ascii(&self) -> bool {
        // Bits 0x20..=0x3f of word 0 and 0x40..=0x7e of word 1; nothing at or above 0x80.
        const PRINTABLE: [u64; 4] = [0xffff_ffff_0000_0000, 0x7fff_ffff_ffff_ffff, 0, 0];
        let mut i = 0;
        while i < 4 {
            if self.bits[i] & !PRINTABLE[i] != 0 {
                return false;
            }
            i += 1;
        }
        true
    }

    /// Whether the ranges describe the whole set (at most [`RANGE_SLOTS`] were added), so
    /// the vectorisable range compares may stand in for the table.
    #[inline(always)]
    fn by_ranges(&self) -> bool {
        self.ranges > 0 && usize::from(self.ranges) <= RANGE_SLOTS
    }

    /// Whether every byte of `bytes` is in the first `K` ranges: a branch-free reduction.
    #[inline(always)]
    fn all_in_ranges<const K: usize>(&self, bytes: &[u8]) -> bool {
        bytes
            .iter()
            .fold(true, |ok, &b| ok & self.in_ranges::<K>(b))
    }

    /// Whether `b` is in one of the first `K` ranges (meaningful when `K` ranges cover the set).
    #[inline(always)]
    fn in_ranges<const K: usize>(&self, b: u8) -> bool {
        let mut hit = false;
        let mut i = 0;
        while i < K {
            hit |= b.wrapping_sub(self.lo[i]) <= self.span[i];
            i += 1;
        }
        hit
    }

    /// Whether every byte of `s` is in the set. Branch-free over the ranges when the
    /// class has few enough of them, so the compiler can vectorise it; compiled once per
    /// range count, so a two-range class does two comparisons per byte, not four.
    #[inline]
    pub fn all(&self, s: &[u8]) -> bool {
        match self.ranges {
            1 => self.all_by::<1>(s),
            2 => self.all_by::<2>(s),
            3 => self.all_by::<3>(s),
            4 => self.all_by::<4>(s),
            _ => s.iter().all(|b| self.contains(*b)),
        }
    }

    /// [`ByteClass::all`] for a class that its first `K` ranges describe.
    #[inline(always)]
    fn all_by<const K: usize>(&self, s: &[u8]) -> bool {
        const CHUNK: usize = 16;
        if s.len() < CHUNK {
            return self.all_in_ranges::<K>(s);
        }
        // Whole chunks, then the tail as the last whole chunk (overlapping the one
        // before): every step a fixed-width vector check, no scalar tail loop.
        let mut chunks = s.chunks_exact(CHUNK);
        chunks.all(|c| self.all_in_ranges::<K>(c))
            && (chunks.remainder().is_empty() || self.all_in_ranges::<K>(&s[s.len() - CHUNK..]))
    }

    /// The length of the longest prefix of `s` whose bytes are all in the set.
    #[inline]
    pub fn run_len(&self, s: &[u8]) -> usize {
        const CHUNK: usize = 16;
        let mut done = 0;
        if self.by_ranges() {
            // Whole chunks first, each checked branch-free (vector compares); the first
            // chunk with a miss ends the loop and the table finds the exact position.
            for chunk in s.chunks_exact(CHUNK) {
                if !self.all_in_ranges::<RANGE_SLOTS>(chunk) {
                    break;
                }
                done += CHUNK;
            }
        }
        done + s[done..].iter().take_while(|b| self.contains(**b)).count()
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
    pieces: &'a [Piece<'a>],
    /// Whether the pieces admit printable ASCII only: worked out once, in `new`.
    printable: bool,
}

impl<'a> PieceMatcher<'a> {
    /// The matcher of the concatenation of `pieces`. A `const fn`, so the generated
    /// statics work out what the pieces admit at compile time.
    pub const fn new(pieces: &'a [Piece<'a>]) -> PieceMatcher<'a> {
        let mut printable = true;
        let mut i = 0;
        while i < pieces.len() {
            printable &= match &pieces[i] {
                Piece::Literals(alts) => {
                    let mut ok = true;
                    let mut j = 0;
                    while j < alts.len() {
                        ok &= all_printable_ascii(alts[j]);
                        j += 1;
                    }
                    ok
                }
                Piece::Class { class, .. } => class.only_printable_ascii(),
            };
            i += 1;
        }
        PieceMatcher { pieces, printable }
    }

    /// The pieces, in order.
    pub const fn pieces(&self) -> &'a [Piece<'a>] {
        self.pieces
    }

    /// Whether the whole of `value` matches.
    #[inline]
    pub fn matches(&self, value: &str) -> bool {
        match_pieces(self.pieces, value.as_bytes())
    }
}

/// What one piece is, for [`match_pieces`]: generated statics ([`Piece`]) and the
/// lowering's owned pieces (`LoweredPiece`) run through the same matching code.
pub(crate) enum PieceKind<'a, L> {
    /// One of these literals.
    Literals(&'a [L]),
    /// Between `min` and `max` bytes from `class`.
    Class {
        /// Allowed bytes.
        class: &'a ByteClass,
        /// Minimum repetitions.
        min: u32,
        /// Maximum repetitions.
        max: u32,
    },
}

/// A piece of a lowered pattern, borrowed or owned.
pub(crate) trait PieceLike {
    /// How the literals are stored.
    type Literal: AsRef<str>;
    /// The piece's kind and data.
    fn kind(&self) -> PieceKind<'_, Self::Literal>;
}

impl<'a> PieceLike for Piece<'a> {
    type Literal = &'a str;

    #[inline(always)]
    fn kind(&self) -> PieceKind<'_, &'a str> {
        match self {
            Piece::Literals(l) => PieceKind::Literals(l),
            Piece::Class { class, min, max } => PieceKind::Class {
                class,
                min: *min,
                max: *max,
            },
        }
    }
}

impl Matcher for PieceMatcher<'_> {
    #[inline]
    fn is_match(&self, value: &str) -> bool {
        self.matches(value)
    }

    #[inline]
    fn only_printable_ascii(&self) -> bool {
        self.printable
    }
}

/// Whether `pieces` match all of `s`. Classes only hold ASCII bytes, so byte counts
/// equal character counts wherever a class matched.
#[inline]
pub(crate) fn match_pieces<P: PieceLike>(pieces: &[P], s: &[u8]) -> bool {
    // A lone class is the usual token shape (`^[A-Za-z0-9-]{40}$`): a bounds check and
    // one pass, inline, without the backtracking search's call.
    if let [only] = pieces
        && let PieceKind::Class { class, min, max } = only.kind()
    {
        return fills(class, min, max, s);
    }
    match_seq(pieces, s)
}

/// Whether all of `s` is between `min` and `max` bytes of `class`: a last piece.
#[inline]
fn fills(class: &ByteClass, min: u32, max: u32, s: &[u8]) -> bool {
    (min as usize..=max as usize).contains(&s.len()) && class.all(s)
}

/// Backtracking match of `pieces` against all of `s`.
fn match_seq<P: PieceLike>(pieces: &[P], s: &[u8]) -> bool {
    let Some((first, rest)) = pieces.split_first() else {
        return s.is_empty();
    };
    match first.kind() {
        PieceKind::Literals(alts) => alts.iter().any(|a| {
            let a = a.as_ref().as_bytes();
            s.starts_with(a) && match_seq(rest, &s[a.len()..])
        }),
        PieceKind::Class { class, min, max } => {
            if rest.is_empty() {
                // The last piece takes all that is left: a bounds check and one pass.
                return fills(class, min, max, s);
            }
            let (min, max) = (min as usize, max as usize);
            let run = class.run_len(&s[..s.len().min(max)]);
            if run < min {
                return false;
            }
            (min..=run).rev().any(|n| match_seq(rest, &s[n..]))
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
        let m = PieceMatcher::new(&pieces);
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
                class: dash,
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
        let m = PieceMatcher::new(&pieces);
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
        let m = PieceMatcher::new(&pieces);
        assert!(m.matches("abc-def-us12"));
        assert!(!m.matches("abc-us123"));
    }

    #[test]
    fn run_len_agrees_with_the_table() {
        // Four ranges use the chunked comparison; six fall back to the table.
        let four = ALNUM.with_range(b'-', b'-');
        let six = four.with_range(b'_', b'_').with_range(b'.', b'.');
        let inputs = [
            "",
            "a",
            "abcdefghijklmnop",
            "abcdefghijklmnopq",
            "abcdefghijklmno!pqrstuvwxyz0123456789",
            "0123456789abcdef0123456789abcdef-_.x!",
            "_abc",
            "\u{e9}abc",
        ];
        for class in [four, six] {
            for s in inputs {
                let want = s.bytes().take_while(|b| class.contains(*b)).count();
                assert_eq!(class.run_len(s.as_bytes()), want, "{s:?}");
                assert_eq!(class.all(s.as_bytes()), want == s.len(), "{s:?}");
            }
        }
        for b in 0..=255u8 {
            assert_eq!(four.in_ranges::<4>(b), four.contains(b), "byte {b}");
        }
        // Every range count takes its own compiled loop; each must equal the table.
        let mut class = ByteClass::EMPTY;
        for (lo, hi) in [
            (b'a', b'f'),
            (b'0', b'9'),
            (b'-', b'-'),
            (b'A', b'F'),
            (b'_', b'_'),
        ] {
            class = class.with_range(lo, hi);
            for len in [0, 1, 15, 16, 17, 40, 64] {
                for bad_at in 0..=len {
                    let mut s = vec![b'a'; len];
                    if bad_at < len {
                        s[bad_at] = b'!';
                    }
                    let want = s.iter().all(|b| class.contains(*b));
                    assert_eq!(class.all(&s), want, "{len} bytes, bad at {bad_at}");
                }
            }
        }
        for class in [four, six, ByteClass::EMPTY] {
            let (bits, lo, span, n) = class.parts();
            assert_eq!(ByteClass::from_parts(bits, lo, span, n), class);
        }
    }
}
