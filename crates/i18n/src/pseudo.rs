//! The pseudo-locales: English made visibly foreign, for tests.
//!
//! `en-XA` accents every ASCII letter and doubles every vowel (text grows by about 40%,
//! as German and French do); `ar-XB` turns letters upside down and wraps each run in a
//! right-to-left override, so the form must lay out right to left. A string that is not
//! in a catalogue or a spec text stays plain ASCII in both, which is how the browser
//! tests find text written into code.
//!
//! Placeables, code spans, `{placeholders}` and link targets are left alone: they are
//! what the end user types or follows.

/// Right-to-left override and pop directional formatting (Unicode bidi controls).
const RLO: char = '\u{202e}';
const PDF: char = '\u{202c}';

/// One letter in `en-XA`.
fn accent(c: char) -> Option<char> {
    const LOWER: [char; 26] = [
        'ȧ', 'ƀ', 'ƈ', 'ḓ', 'ḗ', 'ƒ', 'ɠ', 'ħ', 'ī', 'ĵ', 'ķ', 'ŀ', 'ḿ', 'ƞ', 'ǿ', 'ƥ', 'ɋ', 'ř',
        'ş', 'ŧ', 'ŭ', 'ṽ', 'ẇ', 'ẋ', 'ẏ', 'ẑ',
    ];
    const UPPER: [char; 26] = [
        'Ȧ', 'Ɓ', 'Ƈ', 'Ḓ', 'Ḗ', 'Ƒ', 'Ɠ', 'Ħ', 'Ī', 'Ĵ', 'Ķ', 'Ŀ', 'Ḿ', 'Ƞ', 'Ǿ', 'Ƥ', 'Ɋ', 'Ř',
        'Ş', 'Ŧ', 'Ŭ', 'Ṽ', 'Ẇ', 'Ẋ', 'Ẏ', 'Ẑ',
    ];
    match c {
        'a'..='z' => Some(LOWER[c as usize - 'a' as usize]),
        'A'..='Z' => Some(UPPER[c as usize - 'A' as usize]),
        _ => None,
    }
}

/// One letter in `ar-XB`: upside down.
fn flip(c: char) -> Option<char> {
    const LOWER: [char; 26] = [
        'ɐ', 'q', 'ɔ', 'p', 'ǝ', 'ɟ', 'ƃ', 'ɥ', 'ᴉ', 'ɾ', 'ʞ', 'ꞁ', 'ɯ', 'u', 'o', 'd', 'b', 'ɹ',
        's', 'ʇ', 'n', 'ʌ', 'ʍ', 'x', 'ʎ', 'z',
    ];
    const UPPER: [char; 26] = [
        '∀', 'ꓭ', 'Ͻ', 'ᗡ', 'Ǝ', 'Ⅎ', '⅁', 'H', 'I', 'ſ', 'ꓘ', '⅂', 'W', 'N', 'O', 'Ԁ', 'Ό', 'ꓤ',
        'S', '⊥', '∩', 'Λ', 'M', 'X', '⅄', 'Z',
    ];
    match c {
        'a'..='z' => Some(LOWER[c as usize - 'a' as usize]),
        'A'..='Z' => Some(UPPER[c as usize - 'A' as usize]),
        _ => None,
    }
}

/// Transforms a run of prose (no markup inside) into `out`.
fn prose(s: &str, rtl: bool, out: &mut String) {
    if rtl {
        let mut open = false;
        for c in s.chars() {
            match flip(c) {
                Some(f) => {
                    if !open {
                        out.push(RLO);
                        open = true;
                    }
                    out.push(f);
                }
                None => {
                    if open && !c.is_whitespace() && !c.is_ascii_punctuation() {
                        out.push(PDF);
                        open = false;
                    }
                    out.push(c);
                }
            }
        }
        if open {
            out.push(PDF);
        }
    } else {
        for c in s.chars() {
            match accent(c) {
                Some(a) => {
                    out.push(a);
                    if matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u') {
                        out.push(a);
                    }
                }
                None => out.push(c),
            }
        }
    }
}

/// A spec text (Markdown) in a pseudo-locale: prose is transformed; code spans,
/// `{placeholders}` and the targets of links stay as they are.
pub fn text(s: &str, rtl: bool) -> String {
    let mut out = String::with_capacity(s.len() * 2);
    let mut rest = s;
    while !rest.is_empty() {
        let next = rest.find(['`', '{', ']']).unwrap_or(rest.len());
        prose(&rest[..next], rtl, &mut out);
        rest = &rest[next..];
        let keep = if let Some(code) = rest.strip_prefix('`') {
            code.find('`').map(|i| i + 2)
        } else if rest.starts_with('{') {
            rest.find('}').map(|i| i + 1)
        } else if rest.starts_with("](") {
            rest.find(')').map(|i| i + 1)
        } else {
            None
        };
        let n = keep.unwrap_or(rest.len().min(1));
        out.push_str(&rest[..n]);
        rest = &rest[n..];
    }
    out
}

/// A Fluent catalogue in a pseudo-locale: the text of every message and attribute, in
/// every variant, is transformed; placeables, variant keys and ids are not.
pub fn ftl(source: &str, rtl: bool) -> String {
    use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

    fn pattern(p: &mut Pattern<String>, rtl: bool) {
        for el in &mut p.elements {
            match el {
                PatternElement::TextElement { value } => {
                    let mut out = String::with_capacity(value.len() * 2);
                    prose(value, rtl, &mut out);
                    *value = out;
                }
                PatternElement::Placeable { expression } => expression_(expression, rtl),
            }
        }
    }
    fn expression_(e: &mut Expression<String>, rtl: bool) {
        match e {
            Expression::Select { variants, .. } => {
                for v in variants {
                    pattern(&mut v.value, rtl);
                }
            }
            Expression::Inline(InlineExpression::Placeable { expression }) => {
                expression_(expression, rtl)
            }
            Expression::Inline(_) => {}
        }
    }

    let mut resource = match fluent_syntax::parser::parse(source.to_owned()) {
        Ok(r) => r,
        Err((r, _)) => r,
    };
    for entry in &mut resource.body {
        if let Entry::Message(m) = entry {
            if let Some(v) = &mut m.value {
                pattern(v, rtl);
            }
            for a in &mut m.attributes {
                pattern(&mut a.value, rtl);
            }
        }
    }
    fluent_syntax::serializer::serialize(&resource)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_keeps_code_placeholders_and_link_targets() {
        assert_eq!(
            text(
                "Open [Settings](https://x.example/a) and copy `KEY` for {region}",
                false
            ),
            "ǾǾƥḗḗƞ [Şḗḗŧŧīīƞɠş](https://x.example/a) ȧȧƞḓ ƈǿǿƥẏ `KEY` ƒǿǿř {region}"
        );
        let rtl = text("Copy `KEY`", true);
        assert!(
            rtl.starts_with('\u{202e}') && rtl.ends_with("`KEY`"),
            "{rtl}"
        );
        assert!(!rtl.contains("Copy"));
    }

    #[test]
    fn ftl_transforms_text_only() {
        let src =
            "hello = Hello { $name }, { $n ->\n    [one] one item\n   *[other] { $n } items\n}\n";
        let out = ftl(src, false);
        assert!(out.contains("{ $name }") && out.contains("[one]") && out.contains("*[other]"));
        assert!(out.contains("Ħḗḗŀŀǿǿ { $name }"), "{out}");
        assert!(!out.contains("items"));
    }
}
