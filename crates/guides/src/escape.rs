//! Escaping of plain text for each output flavour.
//!
//! Templates never escape by hand: the engine's formatter calls [`text`] for every
//! value that is not already marked safe, and the `attr` filter calls [`attr`] for
//! values placed inside a quoted MDX attribute. Markup the renderer itself produces
//! (inline text, component tags) is marked safe once it is built from escaped parts.

use connectspec_runtime::ByteClass;

use crate::Flavor;

/// Escapes `s` so it reads as literal text in a paragraph, heading or list item.
///
/// Both flavours backslash-escape the characters that start inline markup anywhere
/// (`\`, `` ` ``, `*`, `_`, `[`, `]`, `<`, `|`, `~`), `&` when it could start a
/// character reference, and block markers at the start of the text (`#`, `-`, `+`,
/// `>`, `=`, `1.`). MDX additionally escapes `{`, `}` (expressions) and every `>`, so
/// no text can open JSX or an expression. Newlines become spaces: a value never
/// changes the block structure of the page.
pub fn text(flavor: Flavor, s: &str) -> String {
    // Most values (names, labels, sentences) contain nothing to escape: one byte scan
    // and a copy instead of the character walk below, which gives the same result.
    if is_plain(s) {
        return s.to_owned();
    }
    escape_text(flavor, s, true)
}

/// [`text`] for a piece that may stand in the middle of a line (a message's text after
/// its first word, an argument inside a sentence): inline markup is escaped, block
/// markers only when `at_start`, since elsewhere they cannot start a block.
pub fn text_at(flavor: Flavor, s: &str, at_start: bool) -> String {
    if at_start {
        return text(flavor, s);
    }
    if !s.bytes().any(|b| SPECIAL_ANYWHERE.contains(b)) {
        return s.to_owned();
    }
    escape_text(flavor, s, false)
}

/// Bytes that may need an escape (or a space) wherever they stand, in either flavour.
static SPECIAL_ANYWHERE: ByteClass = ByteClass::EMPTY.with_bytes(b"\\`*_[]<|~&{}>\n\r");

/// Whether [`escape_text`] would return `s` unchanged in both flavours: no byte that
/// may be special anywhere, and a first character that cannot start a block marker.
fn is_plain(s: &str) -> bool {
    let starts_plain = match s.as_bytes().first() {
        Some(b) => !matches!(b, b'#' | b'-' | b'+' | b'=' | b'>') && !b.is_ascii_digit(),
        None => true,
    };
    starts_plain && !s.bytes().any(|b| SPECIAL_ANYWHERE.contains(b))
}

/// [`text`] for a value that holds something to escape.
fn escape_text(flavor: Flavor, s: &str, at_start: bool) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut at_start = at_start;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        let escape = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '|' | '~' => true,
            '&' => next.is_some_and(|n| n.is_ascii_alphanumeric() || n == '#'),
            '{' | '}' => flavor == Flavor::Mdx,
            '>' => flavor == Flavor::Mdx || at_start,
            '#' | '-' | '+' | '=' => at_start,
            _ => false,
        };
        if c == '\n' || c == '\r' {
            out.push(' ');
        } else {
            if escape {
                out.push('\\');
            }
            out.push(c);
        }
        // An ordered-list marker ("1." or "1)") at the start: escape its punctuation.
        if at_start && c.is_ascii_digit() {
            let mut digits = String::new();
            while let Some(d) = chars.peek().copied().filter(char::is_ascii_digit) {
                digits.push(d);
                chars.next();
            }
            out.push_str(&digits);
            if let Some(p @ ('.' | ')')) = chars.peek().copied() {
                chars.next();
                out.push('\\');
                out.push(p);
            }
        }
        at_start = false;
    }
    out
}

/// Escapes `s` for a double-quoted MDX (JSX) attribute value: `"`, and `&` where it
/// could start a character reference, become references, which MDX decodes; nothing
/// else is special there. Newlines become spaces.
pub fn attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("&quot;"),
            '&' if chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#') =>
            {
                out.push_str("&amp;")
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Makes a link target safe inside Markdown's `(…)`: characters that would end or
/// break the destination are percent-encoded.
pub fn md_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            ' ' => out.push_str("%20"),
            '\\' => out.push_str("%5C"),
            _ => out.push(c),
        }
    }
    out
}

/// A CommonMark code span of any text without line breaks: fenced by one backtick more
/// than its longest run of them, padded when it starts or ends with one.
pub fn md_code(t: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in t.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if t.starts_with('`') || t.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{t}{pad}{fence}")
}

/// A YAML scalar for front matter: a JSON string literal, which YAML reads verbatim.
pub fn yaml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast path agrees with the character walk on every string of up to three
    /// characters over an alphabet of every special character and some plain ones.
    #[test]
    fn plain_text_shortcut_matches_the_full_escape() {
        let alphabet: Vec<char> = "\\`*_[]<|~&{}>#-+=1.)\n\r aZé".chars().collect();
        let mut strings = vec![String::new()];
        let mut level = strings.clone();
        for _ in 0..3 {
            level = level
                .iter()
                .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
                .collect();
            strings.extend(level.iter().cloned());
        }
        for s in &strings {
            for flavor in [Flavor::Markdown, Flavor::Mdx] {
                assert_eq!(
                    text(flavor, s),
                    escape_text(flavor, s, true),
                    "{s:?} ({flavor:?})"
                );
            }
        }
    }

    #[test]
    fn mdx_text_neutralises_jsx_and_expressions() {
        assert_eq!(text(Flavor::Mdx, "a {b} <c> d"), r"a \{b\} \<c\> d");
        assert_eq!(
            text(Flavor::Mdx, "Apps & Integrations"),
            "Apps & Integrations"
        );
        assert_eq!(text(Flavor::Mdx, "AT&T"), r"AT\&T");
    }

    #[test]
    fn markdown_text_escapes_inline_and_leading_block_markup() {
        assert_eq!(
            text(Flavor::Markdown, "Admin > Integrations"),
            "Admin > Integrations"
        );
        assert_eq!(text(Flavor::Markdown, "> quote"), r"\> quote");
        assert_eq!(text(Flavor::Markdown, "- item"), r"\- item");
        assert_eq!(text(Flavor::Markdown, "12. item"), r"12\. item");
        assert_eq!(
            text(Flavor::Markdown, "snake_case *x* [y]"),
            r"snake\_case \*x\* \[y\]"
        );
        assert_eq!(text(Flavor::Markdown, "<b>"), r"\<b>");
        assert_eq!(text(Flavor::Markdown, "a\nb"), "a b");
        // In the middle of a line a block marker is plain text; inline markup is not.
        assert_eq!(text_at(Flavor::Markdown, "- item_1", false), r"- item\_1");
        assert_eq!(text_at(Flavor::Markdown, "- item", true), r"\- item");
        assert_eq!(text_at(Flavor::Mdx, "> {x}", false), r"\> \{x\}");
    }

    #[test]
    fn attributes_and_urls() {
        assert_eq!(attr(r#"say "hi" & go"#), "say &quot;hi&quot; & go");
        assert_eq!(attr("a&amp;b"), "a&amp;amp;b");
        assert_eq!(md_url("https://a.b/x(1)"), "https://a.b/x%281%29");
        assert_eq!(yaml_string(r#"a "b" \c"#), r#""a \"b\" \\c""#);
    }
}
