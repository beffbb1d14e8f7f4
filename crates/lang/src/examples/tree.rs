//! A pattern as a tree values are built from: literals, character classes,
//! concatenations, alternations and repetitions (bounded or open, of a class or of a
//! group). Building a value aims at a total length; the character runs and literals
//! of the built value are recorded, so that an invalid value can be made by breaking
//! exactly one of them.

use regex_syntax::hir::{Class, Hir, HirKind, Look};

/// The longest value derive builds: a pattern whose shortest value is longer is refused.
pub(crate) const MAX_LEN: u64 = 4096;

/// At most this many shapes (choices of alternation branches) are built.
const MAX_SHAPES: usize = 8;

/// Why a pattern cannot be derived from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotSimple(pub String);

/// One node of a pattern.
#[derive(Debug, Clone)]
pub(crate) enum Node {
    /// Literal text.
    Lit(String),
    /// One character of a class.
    Class(Chars),
    /// Parts one after the other.
    Concat(Vec<Node>),
    /// One of the branches; `id` indexes a shape.
    Alt { id: usize, branches: Vec<Node> },
    /// `sub` repeated `min..=max` times (`max: None`: open).
    Repeat {
        sub: Box<Node>,
        min: u32,
        max: Option<u32>,
    },
}

/// A character class: its ranges and the characters a built value draws from it.
#[derive(Debug, Clone)]
pub(crate) struct Chars {
    ranges: Vec<(char, char)>,
    /// Printable ASCII members, digits and letters first (else the ranges' ends).
    abc: Vec<char>,
    /// How many of `abc` are digits or letters.
    alnum: usize,
}

impl Chars {
    fn new(ranges: Vec<(char, char)>) -> Result<Chars, NotSimple> {
        if ranges.is_empty() {
            return Err(NotSimple("a class that matches no character".into()));
        }
        let inside = |c: char| ranges.iter().any(|(a, b)| (*a..=*b).contains(&c));
        let mut abc: Vec<char> = ('0'..='9')
            .chain('a'..='z')
            .chain('A'..='Z')
            .filter(|c| inside(*c))
            .collect();
        let alnum = abc.len();
        abc.extend(
            (b'!'..=b'~')
                .map(char::from)
                .filter(|c| !c.is_ascii_alphanumeric() && inside(*c)),
        );
        if abc.is_empty() {
            abc.extend(ranges.iter().flat_map(|(a, b)| [*a, *b]));
            abc.dedup();
        }
        Ok(Chars { ranges, abc, alnum })
    }

    /// Whether `c` is in the class.
    pub(crate) fn contains(&self, c: char) -> bool {
        self.ranges.iter().any(|(a, b)| (*a..=*b).contains(&c))
    }

    /// Printable characters outside the class, the likeliest mistakes first; a space
    /// last (a class of every visible character still leaves it out).
    pub(crate) fn outsiders(&self) -> impl Iterator<Item = char> + '_ {
        let mut seen = Vec::new();
        "-_.!*#~Z9z/+"
            .chars()
            .chain((b'!'..=b'~').map(char::from))
            .chain([' '])
            .filter(move |c| {
                let fresh = !seen.contains(c);
                seen.push(*c);
                fresh
            })
            .filter(|c| !self.contains(*c))
    }

    /// The class as a reader knows it: `[a-f0-9]`, `\S`, `.`.
    pub(crate) fn text(&self) -> String {
        let printable = |c: char| (' '..='~').contains(&c);
        let visible_all = ('!'..='~').all(|c| self.contains(c));
        let beyond = self
            .ranges
            .iter()
            .any(|(a, b)| !printable(*a) || !printable(*b));
        if visible_all && beyond {
            return if self.contains(' ') {
                ".".into()
            } else {
                r"\S".into()
            };
        }
        let mut members: Vec<char> = (' '..='~').filter(|c| self.contains(*c)).collect();
        if members.len() == 1 && !beyond {
            return escape_lit(members[0]);
        }
        // A hyphen reads best last, where it needs no escape.
        let hyphen = members.contains(&'-');
        members.retain(|c| *c != '-');
        let mut out = String::from("[");
        let mut i = 0;
        while i < members.len() {
            let mut j = i;
            while j + 1 < members.len() && members[j + 1] as u32 == members[j] as u32 + 1 {
                j += 1;
            }
            out.push_str(&escape_in_class(members[i]));
            if j > i + 1 {
                out.push('-');
            }
            if j > i {
                out.push_str(&escape_in_class(members[j]));
            }
            i = j + 1;
        }
        if beyond {
            out.push('…');
        }
        if hyphen {
            out.push('-');
        }
        out.push(']');
        out
    }
}

fn escape_in_class(c: char) -> String {
    match c {
        '\\' | ']' | '[' | '^' | '-' => format!("\\{c}"),
        ' ' => "\\x20".into(),
        _ => c.to_string(),
    }
}

fn escape_lit(c: char) -> String {
    if "\\.+*?()|[]{}^$".contains(c) {
        format!("\\{c}")
    } else {
        c.to_string()
    }
}

/// `{n}`, `+`, `{2,8}` … for a repetition.
fn quantifier(min: u32, max: Option<u32>) -> String {
    match (min, max) {
        (0, None) => "*".into(),
        (1, None) => "+".into(),
        (n, None) => format!("{{{n},}}"),
        (0, Some(1)) => "?".into(),
        (n, Some(m)) if n == m => format!("{{{n}}}"),
        (n, Some(m)) => format!("{{{n},{m}}}"),
    }
}

/// An anchored pattern as a tree, with the number of branches of each alternation.
#[derive(Debug, Clone)]
pub(crate) struct Tree {
    root: Node,
    alts: Vec<usize>,
}

/// A run of characters drawn from one class in a built value.
#[derive(Debug, Clone)]
pub(crate) struct Run<'t> {
    /// Index of its first character.
    pub start: usize,
    /// How many characters it has.
    pub count: usize,
    /// The counts the pattern allows (a bare class: exactly one).
    pub min: u32,
    pub max: Option<u32>,
    /// Whether the class is repeated (`[a-z]{2,8}`) rather than bare (`[a-z]`).
    pub repeated: bool,
    pub chars: &'t Chars,
}

impl Run<'_> {
    /// The part of the pattern it comes from, as written: `[a-f0-9]{64}`.
    pub(crate) fn text(&self) -> String {
        let class = self.chars.text();
        if self.repeated {
            format!("{class}{}", quantifier(self.min, self.max))
        } else {
            class
        }
    }
}

/// A value built from a tree, with where its runs and literals are.
#[derive(Debug, Clone)]
pub(crate) struct Built<'t> {
    pub chars: Vec<char>,
    pub runs: Vec<Run<'t>>,
    /// (index of the first character, text) of each literal.
    pub lits: Vec<(usize, String)>,
}

impl Built<'_> {
    pub(crate) fn value(&self) -> String {
        self.chars.iter().collect()
    }
}

impl Tree {
    /// Parses an anchored pattern (`^…$`, or an alternation of anchored patterns).
    pub(crate) fn parse(pattern: &str) -> Result<Tree, NotSimple> {
        let hir = regex_syntax::parse(pattern)
            .map_err(|_| NotSimple("the pattern does not compile".into()))?;
        let mut alts = Vec::new();
        let root = body(&hir, &mut alts)?;
        let tree = Tree { root, alts };
        let shortest = tree
            .shapes()
            .iter()
            .map(|s| tree.bounds_of(s).0)
            .min()
            .unwrap_or(0);
        if shortest > MAX_LEN {
            return Err(NotSimple(format!(
                "its shortest value has {shortest} characters; derive builds at most {MAX_LEN}"
            )));
        }
        Ok(tree)
    }

    /// Every choice of alternation branches to build from: shape `s` takes branch
    /// `s mod n` of each alternation of `n` branches, so every branch of every
    /// alternation occurs (up to [`MAX_SHAPES`]).
    pub(crate) fn shapes(&self) -> Vec<Vec<usize>> {
        let n = self.alts.iter().copied().max().unwrap_or(1).min(MAX_SHAPES);
        (0..n)
            .map(|s| self.alts.iter().map(|m| s % m).collect())
            .collect()
    }

    /// The shortest and longest value of a shape (`None`: no longest).
    pub(crate) fn bounds_of(&self, shape: &[usize]) -> (u64, Option<u64>) {
        bounds(&self.root, shape)
    }

    /// A value of `shape` as close to `target` characters as the pattern allows;
    /// `seed` varies the characters.
    pub(crate) fn build(&self, shape: &[usize], target: u64, seed: usize) -> Built<'_> {
        let mut g = Gen {
            shape,
            seed,
            n: 0,
            out: Built {
                chars: Vec::new(),
                runs: Vec::new(),
                lits: Vec::new(),
            },
        };
        g.gen_node(&self.root, target);
        g.out
    }
}

/// The pattern's body between its anchors.
fn body(h: &Hir, alts: &mut Vec<usize>) -> Result<Node, NotSimple> {
    let starts = |h: &Hir| matches!(h.kind(), HirKind::Look(Look::Start));
    let ends = |h: &Hir| matches!(h.kind(), HirKind::Look(Look::End));
    match h.kind() {
        HirKind::Concat(parts)
            if parts.len() >= 2
                && parts.first().is_some_and(starts)
                && parts.last().is_some_and(ends) =>
        {
            let kids = parts[1..parts.len() - 1]
                .iter()
                .map(|p| node(p, alts))
                .collect::<Result<_, _>>()?;
            Ok(Node::Concat(kids))
        }
        HirKind::Alternation(branches) => {
            let id = alts.len();
            alts.push(branches.len());
            let branches = branches
                .iter()
                .map(|b| body(b, alts))
                .collect::<Result<_, _>>()?;
            Ok(Node::Alt { id, branches })
        }
        HirKind::Capture(c) => body(&c.sub, alts),
        _ => Err(NotSimple("it is not anchored with `^` … `$`".into())),
    }
}

fn node(h: &Hir, alts: &mut Vec<usize>) -> Result<Node, NotSimple> {
    Ok(match h.kind() {
        HirKind::Empty => Node::Concat(Vec::new()),
        HirKind::Look(Look::Start | Look::End) => {
            return Err(NotSimple("an anchor in the middle of the pattern".into()));
        }
        HirKind::Look(_) => {
            return Err(NotSimple(
                "a word boundary or line anchor, which no built value can be checked against"
                    .into(),
            ));
        }
        HirKind::Literal(l) => Node::Lit(
            String::from_utf8(l.0.to_vec())
                .map_err(|_| NotSimple("a literal that is not UTF-8 text".into()))?,
        ),
        HirKind::Class(c) => Node::Class(Chars::new(ranges(c))?),
        HirKind::Repetition(r) => {
            let sub = match node(&r.sub, alts)? {
                // `a{3}`: a run of one character, which can be broken like a class.
                Node::Lit(s) if s.chars().count() == 1 => {
                    let c = s.chars().next().unwrap_or('a');
                    Node::Class(Chars::new(vec![(c, c)])?)
                }
                other => other,
            };
            Node::Repeat {
                sub: Box::new(sub),
                min: r.min,
                max: r.max,
            }
        }
        HirKind::Capture(c) => node(&c.sub, alts)?,
        HirKind::Concat(v) => {
            Node::Concat(v.iter().map(|h| node(h, alts)).collect::<Result<_, _>>()?)
        }
        HirKind::Alternation(v) => {
            let id = alts.len();
            alts.push(v.len());
            Node::Alt {
                id,
                branches: v.iter().map(|h| node(h, alts)).collect::<Result<_, _>>()?,
            }
        }
    })
}

fn ranges(c: &Class) -> Vec<(char, char)> {
    match c {
        Class::Unicode(u) => u.ranges().iter().map(|r| (r.start(), r.end())).collect(),
        Class::Bytes(b) => b
            .ranges()
            .iter()
            .filter(|r| r.start() < 0x80)
            .map(|r| (char::from(r.start()), char::from(r.end().min(0x7f))))
            .collect(),
    }
}

fn bounds(n: &Node, shape: &[usize]) -> (u64, Option<u64>) {
    match n {
        Node::Lit(s) => {
            let l = s.chars().count() as u64;
            (l, Some(l))
        }
        Node::Class(_) => (1, Some(1)),
        Node::Concat(kids) => kids.iter().fold((0, Some(0)), |(lo, hi), k| {
            let (a, b) = bounds(k, shape);
            (
                lo.saturating_add(a),
                hi.zip(b).map(|(x, y)| x.saturating_add(y)),
            )
        }),
        Node::Alt { id, branches } => bounds(&branches[shape[*id] % branches.len()], shape),
        Node::Repeat { sub, min, max } => {
            let (a, b) = bounds(sub, shape);
            let hi = match (b, max) {
                (Some(0), _) => Some(0),
                (Some(b), Some(m)) => Some(b.saturating_mul(u64::from(*m))),
                _ => None,
            };
            (a.saturating_mul(u64::from(*min)), hi)
        }
    }
}

/// The state of one build.
struct Gen<'t, 's> {
    shape: &'s [usize],
    seed: usize,
    /// Characters drawn so far (they step through each class's alphabet).
    n: usize,
    out: Built<'t>,
}

impl<'t> Gen<'t, '_> {
    /// One character of `chars`: letters and digits, with every sixth character of a
    /// run's inside a punctuation mark the class allows (never at a run's edge), so
    /// values read like real tokens and still show what the class takes.
    fn emit(&mut self, chars: &Chars, edge: bool) {
        let (alnum, punct) = chars.abc.split_at(chars.alnum);
        let pool = if alnum.is_empty() || (!edge && !punct.is_empty() && self.n % 6 == 3) {
            if punct.is_empty() {
                &chars.abc[..]
            } else {
                punct
            }
        } else {
            alnum
        };
        let len = pool.len();
        let stride = [7, 11, 13, 17, 19, 23, 29, 1]
            .into_iter()
            .find(|s| gcd(*s, len) == 1)
            .unwrap_or(1);
        let i = (self.seed.wrapping_mul(5) + self.n * stride) % len;
        self.n += 1;
        self.out.chars.push(pool[i]);
    }

    fn gen_node(&mut self, n: &'t Node, target: u64) {
        match n {
            Node::Lit(s) => {
                self.out.lits.push((self.out.chars.len(), s.clone()));
                self.out.chars.extend(s.chars());
            }
            Node::Class(c) => {
                let start = self.out.chars.len();
                self.emit(c, true);
                self.out.runs.push(Run {
                    start,
                    count: 1,
                    min: 1,
                    max: Some(1),
                    repeated: false,
                    chars: c,
                });
            }
            Node::Concat(kids) => {
                let alloc = allocate(kids, self.shape, target);
                for (k, t) in kids.iter().zip(alloc) {
                    self.gen_node(k, t);
                }
            }
            Node::Alt { id, branches } => {
                let b = &branches[self.shape[*id] % branches.len()];
                self.gen_node(b, target);
            }
            Node::Repeat { sub, min, max } => {
                let (a, b) = bounds(sub, self.shape);
                let k = count(target, *min, *max, a, b);
                if let Node::Class(c) = &**sub {
                    let start = self.out.chars.len();
                    for i in 0..k {
                        self.emit(c, i == 0 || i + 1 == k);
                    }
                    self.out.runs.push(Run {
                        start,
                        count: k as usize,
                        min: *min,
                        max: *max,
                        repeated: true,
                        chars: c,
                    });
                } else {
                    for t in split(target, k, a, b) {
                        self.gen_node(sub, t);
                    }
                }
            }
        }
    }
}

fn gcd(a: usize, b: usize) -> usize {
    if b == 0 { a } else { gcd(b, a % b) }
}

/// How many times a repetition of `min..=max` runs of `a..=b` characters repeats to
/// come near `target` characters.
fn count(target: u64, min: u32, max: Option<u32>, a: u64, b: Option<u64>) -> u64 {
    let k = match b {
        Some(b) if b == a => target.checked_div(a).unwrap_or(0),
        _ => {
            let at_least = u64::from(target > 0);
            match b {
                Some(b) if b > 0 => at_least.max(target.div_ceil(b)),
                _ => at_least,
            }
        }
    };
    k.clamp(u64::from(min), max.map_or(u64::MAX, u64::from))
        .min(MAX_LEN)
}

/// `target` characters shared among `k` repetitions of `a..=b` characters each.
fn split(target: u64, k: u64, a: u64, b: Option<u64>) -> Vec<u64> {
    let base = target.checked_div(k).unwrap_or(0);
    let rem = target.checked_rem(k).unwrap_or(0);
    (0..k)
        .map(|i| (base + u64::from(i < rem)).clamp(a, b.unwrap_or(u64::MAX).max(a)))
        .collect()
}

/// `target` characters shared among the parts of a concatenation: each its minimum,
/// the rest spread evenly over the parts that can grow.
fn allocate(kids: &[Node], shape: &[usize], target: u64) -> Vec<u64> {
    let b: Vec<(u64, Option<u64>)> = kids.iter().map(|k| bounds(k, shape)).collect();
    let mut alloc: Vec<u64> = b.iter().map(|x| x.0).collect();
    let mut extra = target.saturating_sub(alloc.iter().sum());
    loop {
        let open: Vec<usize> = (0..kids.len())
            .filter(|i| b[*i].1.is_none_or(|m| alloc[*i] < m))
            .collect();
        if extra == 0 || open.is_empty() {
            break;
        }
        let share = (extra / open.len() as u64).max(1);
        for i in open {
            let room = b[i].1.map_or(u64::MAX, |m| m - alloc[i]);
            let g = share.min(room).min(extra);
            alloc[i] += g;
            extra -= g;
            if extra == 0 {
                break;
            }
        }
    }
    alloc
}

#[cfg(test)]
mod tests {
    use super::*;

    fn built(pattern: &str, target: u64) -> Vec<String> {
        let t = Tree::parse(pattern).unwrap();
        t.shapes()
            .iter()
            .map(|s| t.build(s, target, 0).value())
            .collect()
    }

    #[test]
    fn built_values_match_their_pattern_near_the_target_length() {
        for (p, target) in [
            ("^xkeysib-[a-f0-9]{64}$", 72),
            ("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$", 16),
            ("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$", 1),
            (r"^\S+-[a-z]+[0-9]+$", 20),
            (r"^api-[a-z0-9]+\.duosecurity\.com$", 30),
            ("^(Ov23li[A-Za-z0-9]{14}|[0-9a-f]{20})$", 20),
            (
                r"^(common|[0-9a-f]{8}-[0-9a-f]{4}|[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+)$",
                40,
            ),
            ("^(?:ab){3}$", 6),
            ("^abc$", 3),
            ("^[0-9]+:[A-Za-z0-9_-]+$", 46),
        ] {
            let re = regex::Regex::new(p).unwrap();
            for v in built(p, target) {
                assert!(re.is_match(&v), "{v:?} !~ {p}");
            }
        }
        let v = &built("^[A-Za-z0-9+/]{40,}$", 104)[0];
        assert_eq!(v.len(), 104);
        let v = &built("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$", 63)[0];
        assert_eq!(v.len(), 63);
    }

    #[test]
    fn every_branch_is_a_shape() {
        let vs = built("^(live|test)_[a-z]{4}$", 9);
        assert!(
            vs[0].starts_with("live_") && vs[1].starts_with("test_"),
            "{vs:?}"
        );
    }

    #[test]
    fn punctuation_stays_inside_runs() {
        for v in built("^[a-z0-9][a-z0-9-]*$", 200) {
            assert!(!v.ends_with('-'), "{v}");
        }
    }

    #[test]
    fn classes_read_as_written() {
        let text = |p: &str| {
            let t = Tree::parse(p).unwrap();
            let b = t.build(&t.shapes()[0], 8, 0);
            b.runs[0].text()
        };
        assert_eq!(text("^[a-f0-9]{64}$"), "[0-9a-f]{64}");
        assert_eq!(text(r"^\S+$"), r"\S+");
        assert_eq!(text("^[A-Za-z0-9_.-]{20,}$"), "[.0-9A-Z_a-z-]{20,}");
        assert_eq!(text("^.*$"), ".*");
        assert_eq!(text("^[a-z]?$"), "[a-z]?");
    }

    #[test]
    fn refuses_what_cannot_be_built() {
        for p in [
            "[a-z]{3}",
            r"^\bword$",
            "^a^b$",
            "^[a-z]{5000}$",
            r"^[^\x00-\x{10FFFF}]$",
        ] {
            assert!(Tree::parse(p).is_err(), "{p}");
        }
    }
}
