//! Token shapes: one description gives the field's pattern, its length bounds, its
//! human hint and format-true example values, so the four can never disagree.
//!
//! Shapes come in two families on purpose: ones the validator generator can lower to
//! straight-line byte checks (classes with fixed or bounded repetition, literal
//! prefixes, alternations of literals), and ones that need the `regex` engine
//! (repeated groups, `\S+` followed by a suffix that needs backtracking).

use crate::rng::Rng;

/// A character class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Letters and digits.
    Alnum,
    /// Lower-case hexadecimal digits.
    LowerHex,
    /// Upper-case letters and digits.
    UpperAlnum,
    /// Lower-case letters and digits.
    LowerAlnum,
    /// Letters, digits, `_` and `-` (URL-safe base64).
    UrlSafe,
    /// Lower-case letters.
    Lower,
    /// Decimal digits.
    Digit,
    /// Anything but whitespace (`\S`); generated values use letters and digits.
    NonSpace,
}

impl Class {
    fn regex(self) -> &'static str {
        match self {
            Class::Alnum => "[A-Za-z0-9]",
            Class::LowerHex => "[a-f0-9]",
            Class::UpperAlnum => "[A-Z0-9]",
            Class::LowerAlnum => "[a-z0-9]",
            Class::UrlSafe => "[A-Za-z0-9_-]",
            Class::Lower => "[a-z]",
            Class::Digit => "[0-9]",
            Class::NonSpace => r"\S",
        }
    }

    fn alphabet(self) -> &'static [u8] {
        match self {
            Class::Alnum | Class::NonSpace => {
                b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
            }
            Class::LowerHex => b"0123456789abcdef",
            Class::UpperAlnum => b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
            Class::LowerAlnum => b"abcdefghijklmnopqrstuvwxyz0123456789",
            Class::UrlSafe => b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-",
            Class::Lower => b"abcdefghijklmnopqrstuvwxyz",
            Class::Digit => b"0123456789",
        }
    }

    fn words(self) -> &'static str {
        match self {
            Class::Alnum => "letters and digits",
            Class::LowerHex => "lower-case hexadecimal digits",
            Class::UpperAlnum => "capital letters and digits",
            Class::LowerAlnum => "lower-case letters and digits",
            Class::UrlSafe => "letters, digits, underscores and hyphens",
            Class::Lower => "lower-case letters",
            Class::Digit => "digits",
            Class::NonSpace => "characters without spaces",
        }
    }
}

/// One piece of a shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Literal text.
    Lit(String),
    /// `class{min,max}`; `max: None` is unbounded (`+` or `{min,}`).
    Class {
        /// The class.
        class: Class,
        /// Minimum repetitions.
        min: u32,
        /// Maximum repetitions.
        max: Option<u32>,
    },
    /// One of several literals.
    Alt(Vec<String>),
    /// `(?:body){n}`: a repeated group (needs the regex engine).
    Repeat {
        /// The group's pieces.
        body: Vec<Piece>,
        /// Repetitions.
        times: u32,
    },
}

/// A token shape: pieces matched in sequence, anchored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shape {
    /// The pieces.
    pub pieces: Vec<Piece>,
}

/// Escapes regex meta characters; `-` and `_` stay as written, as authors write them.
fn escape(lit: &str) -> String {
    let mut out = String::with_capacity(lit.len());
    for c in lit.chars() {
        if "\\.+*?()|[]{}^$#&~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn render(pieces: &[Piece], out: &mut String) {
    for p in pieces {
        match p {
            Piece::Lit(s) => out.push_str(&escape(s)),
            Piece::Class { class, min, max } => {
                out.push_str(class.regex());
                match (min, max) {
                    (1, None) => out.push('+'),
                    (n, None) => out.push_str(&format!("{{{n},}}")),
                    (1, Some(1)) => {}
                    (n, Some(m)) if n == m => out.push_str(&format!("{{{n}}}")),
                    (n, Some(m)) => out.push_str(&format!("{{{n},{m}}}")),
                }
            }
            Piece::Alt(alts) => {
                let parts: Vec<String> = alts.iter().map(|a| escape(a)).collect();
                out.push_str(&format!("({})", parts.join("|")));
            }
            Piece::Repeat { body, times } => {
                out.push_str("(?:");
                render(body, out);
                out.push_str(&format!("){{{times}}}"));
            }
        }
    }
}

fn bounds(pieces: &[Piece]) -> (u32, Option<u32>) {
    let mut lo = 0u32;
    let mut hi = Some(0u32);
    for p in pieces {
        let (a, b) = match p {
            Piece::Lit(s) => (s.chars().count() as u32, Some(s.chars().count() as u32)),
            Piece::Class { min, max, .. } => (*min, *max),
            Piece::Alt(alts) => (
                alts.iter().map(|a| a.len() as u32).min().unwrap_or(0),
                alts.iter().map(|a| a.len() as u32).max(),
            ),
            Piece::Repeat { body, times } => {
                let (a, b) = bounds(body);
                (a * times, b.map(|b| b * times))
            }
        };
        lo += a;
        hi = hi.zip(b).map(|(x, y)| x + y);
    }
    (lo, hi)
}

fn generate(pieces: &[Piece], rng: &mut Rng, out: &mut String) {
    for p in pieces {
        match p {
            Piece::Lit(s) => out.push_str(s),
            Piece::Class { class, min, max } => {
                let hi = max.unwrap_or(min + 24);
                let n = rng.range(*min, hi);
                let abc = class.alphabet();
                for _ in 0..n {
                    out.push(*rng.pick(abc) as char);
                }
            }
            Piece::Alt(alts) => out.push_str(rng.pick::<String>(alts)),
            Piece::Repeat { body, times } => {
                for _ in 0..*times {
                    generate(body, rng, out);
                }
            }
        }
    }
}

fn describe(pieces: &[Piece]) -> Vec<String> {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Lit(s) => match s.as_str() {
                "." => "a dot".into(),
                "-" => "a hyphen".into(),
                "_" => "an underscore".into(),
                _ => s.clone(),
            },
            Piece::Class { class, min, max } => match max {
                None if *min == 1 => class.words().to_owned(),
                None => format!("at least {min} {}", class.words()),
                Some(m) if m == min => format!("{min} {}", class.words()),
                Some(m) => format!("{min} to {m} {}", class.words()),
            },
            Piece::Alt(alts) => {
                format!("one of {}", alts.join(", "))
            }
            Piece::Repeat { body, times } => {
                format!("{times} groups of {}", describe(body).join(" and "))
            }
        })
        .collect()
}

impl Shape {
    /// The anchored pattern.
    pub fn pattern(&self) -> String {
        let mut s = String::from("^");
        render(&self.pieces, &mut s);
        s.push('$');
        s
    }

    /// Minimum and maximum length of matching values (`None`: unbounded).
    pub fn length(&self) -> (u32, Option<u32>) {
        bounds(&self.pieces)
    }

    /// The human hint shown in errors instead of the pattern.
    pub fn hint(&self) -> String {
        let (lo, hi) = self.length();
        let parts = describe(&self.pieces);
        let body = parts.join(" followed by ");
        match (self.pieces.as_slice(), hi) {
            ([Piece::Class { .. }], _) => body,
            (_, Some(h)) if h == lo => format!("{lo} characters: {body}"),
            _ => body,
        }
    }

    /// A value matching the shape.
    pub fn value(&self, rng: &mut Rng) -> String {
        let mut s = String::new();
        generate(&self.pieces, rng, &mut s);
        s
    }

    /// The literal the value starts with, when the shape has one.
    pub fn literal_prefix(&self) -> Option<&str> {
        match self.pieces.first() {
            Some(Piece::Lit(s)) => Some(s),
            _ => None,
        }
    }
}

/// Short lower-case prefixes tokens start with, e.g. `qpt_`.
pub fn token_prefix(rng: &mut Rng, name: &str) -> String {
    let letters: Vec<char> = name.chars().filter(char::is_ascii_lowercase).collect();
    let a = letters.first().copied().unwrap_or('x');
    let b = letters.get(letters.len() / 2).copied().unwrap_or('k');
    let tail = *rng.pick(&['k', 't', 'p', 'a']);
    let sep = *rng.pick(&['_', '-']);
    format!("{a}{b}{tail}{sep}")
}

/// A lowerable shape: literal prefixes, fixed or bounded classes, alternations.
pub fn lowerable(rng: &mut Rng, name: &str) -> Shape {
    let class = *rng.pick(&[
        Class::Alnum,
        Class::LowerHex,
        Class::UpperAlnum,
        Class::LowerAlnum,
        Class::UrlSafe,
    ]);
    let n = *rng.pick(&[24, 32, 36, 40, 48, 64]);
    let pieces = match rng.range(0, 3) {
        0 => vec![Piece::Class {
            class,
            min: n,
            max: Some(n),
        }],
        1 => vec![
            Piece::Lit(token_prefix(rng, name)),
            Piece::Class {
                class,
                min: n,
                max: Some(n),
            },
        ],
        2 => vec![
            Piece::Alt(vec!["live".into(), "test".into()]),
            Piece::Lit("_".into()),
            Piece::Class {
                class,
                min: n - 8,
                max: Some(n + 8),
            },
        ],
        _ => vec![
            Piece::Lit(token_prefix(rng, name)),
            Piece::Class {
                class: Class::LowerAlnum,
                min: 8,
                max: Some(8),
            },
            Piece::Lit(".".into()),
            Piece::Class {
                class,
                min: n,
                max: Some(n),
            },
        ],
    };
    Shape { pieces }
}

/// A shape that needs the regex engine.
pub fn needs_regex(rng: &mut Rng) -> Shape {
    let pieces = match rng.range(0, 2) {
        // uuid-like key: hex groups repeated.
        0 => vec![
            Piece::Class {
                class: Class::LowerAlnum,
                min: 8,
                max: Some(8),
            },
            Piece::Repeat {
                body: vec![
                    Piece::Lit("-".into()),
                    Piece::Class {
                        class: Class::LowerAlnum,
                        min: 4,
                        max: Some(4),
                    },
                ],
                times: 3,
            },
            Piece::Lit("-".into()),
            Piece::Class {
                class: Class::LowerAlnum,
                min: 12,
                max: Some(12),
            },
        ],
        // three dot-separated base64url parts, like a signed token.
        1 => vec![
            Piece::Class {
                class: Class::UrlSafe,
                min: 16,
                max: Some(40),
            },
            Piece::Repeat {
                body: vec![
                    Piece::Lit(".".into()),
                    Piece::Class {
                        class: Class::UrlSafe,
                        min: 16,
                        max: Some(40),
                    },
                ],
                times: 2,
            },
        ],
        // a key of any non-space characters, then a region suffix.
        _ => suffixed(),
    };
    Shape { pieces }
}

/// `\S+-[a-z]+[0-9]+`: a key followed by a data-centre suffix such as `-eu2`; the
/// suffix can be extracted as a derived value.
pub fn suffixed() -> Vec<Piece> {
    vec![
        Piece::Class {
            class: Class::NonSpace,
            min: 1,
            max: None,
        },
        Piece::Lit("-".into()),
        Piece::Class {
            class: Class::Lower,
            min: 2,
            max: Some(2),
        },
        Piece::Class {
            class: Class::Digit,
            min: 1,
            max: Some(2),
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_match_their_pattern() {
        let mut rng = Rng::new(3);
        for i in 0..200 {
            let shape = if i % 2 == 0 {
                lowerable(&mut rng, "quillpoint")
            } else {
                needs_regex(&mut rng)
            };
            let re = regex::Regex::new(&shape.pattern()).unwrap();
            let v = shape.value(&mut rng);
            assert!(re.is_match(&v), "{v} !~ {}", shape.pattern());
            let (lo, hi) = shape.length();
            let n = v.chars().count() as u32;
            assert!(n >= lo && hi.is_none_or(|h| n <= h), "{v}: {lo}..{hi:?}");
        }
    }

    #[test]
    fn patterns_render_as_written() {
        let s = Shape {
            pieces: vec![
                Piece::Alt(vec!["live".into(), "test".into()]),
                Piece::Lit("_".into()),
                Piece::Class {
                    class: Class::Alnum,
                    min: 24,
                    max: Some(32),
                },
            ],
        };
        assert_eq!(s.pattern(), "^(live|test)_[A-Za-z0-9]{24,32}$");
        assert_eq!(s.length(), (29, Some(37)));
        assert_eq!(
            Shape { pieces: suffixed() }.pattern(),
            r"^\S+-[a-z]{2}[0-9]{1,2}$"
        );
    }
}
