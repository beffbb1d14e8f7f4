//! Japanese puts a space between Japanese text and a Latin word or a number ("Oneflow に
//! サインインする", "**Marketplace** をクリックします"), as the spec translations do. A
//! catalogue message cannot know whether an argument (a translated label, which may be
//! "API トークン" or "サイトトークン") starts or ends in Latin script, so its Japanese
//! text touches its arguments, and the engine adds the space where an argument's edge
//! and the text next to it are of the two scripts. Markup delimiters around an argument
//! (`**`, `` ` ``, a link's brackets) are looked through; a link's target is not text.

use super::{Arg, BASE, MAX_ARGS, OPEN, flat_arg};

/// Hiragana, katakana (with the prolonged sound mark) and kanji: the characters a space
/// separates from Latin. Japanese punctuation (「」、。：（）) needs no space.
fn is_japanese(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

/// A Latin letter, a digit or ASCII punctuation that ends or starts a Latin phrase.
fn is_latin(c: char) -> bool {
    c.is_ascii_graphic() || (c.is_alphabetic() && (c as u32) < 0x0250)
}

fn needs_space(before: char, after: char) -> bool {
    (is_japanese(before) && is_latin(after)) || (is_latin(before) && is_japanese(after))
}

/// Characters of markup that stand between an argument and the text next to it.
fn is_delimiter(c: char) -> bool {
    matches!(c, '*' | '`' | '[' | ']')
}

/// The first and last characters a reader sees of an argument's value (markup such as
/// `<strong>` or `**` skipped).
fn edges(value: &str) -> (Option<char>, Option<char>) {
    let mut visible = String::new();
    let mut in_tag = false;
    for c in value.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if in_tag || is_delimiter(c) || c == '\\' => {}
            _ => visible.push(c),
        }
    }
    (visible.chars().next(), visible.chars().last())
}

/// The scripts at a value's two edges (`j` Japanese, `l` Latin, `o` other, `-` none):
/// all [`space_scripts`] looks at, so a formatted message can be reused for every value
/// with the same edges.
pub(super) fn edge_scripts(value: &str) -> [char; 2] {
    let class = |c: Option<char>| match c {
        None => '-',
        Some(c) if is_japanese(c) => 'j',
        Some(c) if is_latin(c) => 'l',
        Some(_) => 'o',
    };
    let (first, last) = edges(value);
    [class(first), class(last)]
}

/// `formatted` (placeholders for the arguments) with a space wherever an argument's edge
/// meets text, or another argument, of the other script.
pub(super) fn space_scripts(formatted: &str, args: &[(&str, Arg<'_>)]) -> String {
    let mut out = String::with_capacity(formatted.len() + 8);
    // The last character a reader sees so far, whether an argument's, and where it ends.
    let mut prev: Option<(char, bool)> = None;
    let mut visible_end = 0;
    let mut in_target = false;
    let mut chars = formatted.chars().peekable();
    while let Some(c) = chars.next() {
        let index = (c == OPEN)
            .then(|| {
                chars
                    .peek()
                    .map(|n| (*n as u32).wrapping_sub(BASE) as usize)
            })
            .flatten()
            .filter(|i| *i < MAX_ARGS && *i < args.len());
        if let Some(i) = index {
            let holder = chars.next().expect("peeked");
            if !in_target {
                let (first, last) = edges(&flat_arg(&args[i].1));
                if let (Some((before, _)), Some(first)) = (prev, first)
                    && needs_space(before, first)
                {
                    out.insert(visible_end, ' ');
                }
                out.push(c);
                out.push(holder);
                if let Some(last) = last {
                    prev = Some((last, true));
                    visible_end = out.len();
                }
            } else {
                out.push(c);
                out.push(holder);
            }
            continue;
        }
        if in_target {
            in_target = c != ')';
            out.push(c);
            continue;
        }
        if c == ']' && chars.peek() == Some(&'(') {
            in_target = true;
            out.push(c);
            continue;
        }
        if is_delimiter(c) {
            out.push(c);
            continue;
        }
        // Text next to text is the catalogue's own spacing.
        if let Some((before, true)) = prev
            && needs_space(before, c)
        {
            out.push(' ');
        }
        out.push(c);
        prev = Some((c, false));
        visible_end = out.len();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::placeholder;
    use super::*;

    fn spaced(template: &str, values: &[&str]) -> String {
        let args: Vec<(&str, Arg<'_>)> = values.iter().map(|v| ("x", Arg::Text(v))).collect();
        let mut formatted = template.to_owned();
        for i in 0..values.len() {
            formatted = formatted.replacen('#', &placeholder(i), 1);
        }
        let mut out = space_scripts(&formatted, &args);
        for (i, v) in values.iter().enumerate() {
            out = out.replace(&placeholder(i), v);
        }
        out
    }

    #[test]
    fn a_space_only_where_the_scripts_meet() {
        assert_eq!(
            spaced("#を#で接続する", &["Webflow", "サイトトークン"]),
            "Webflow をサイトトークンで接続する"
        );
        assert_eq!(
            spaced("#を#で接続する", &["Oneflow", "API トークン"]),
            "Oneflow を API トークンで接続する"
        );
        assert_eq!(
            spaced("**#**をクリックします。", &["Connect"]),
            "**Connect** をクリックします。"
        );
        assert_eq!(
            spaced("**#**をクリックします。", &["接続"]),
            "**接続**をクリックします。"
        );
        assert_eq!(
            spaced("接続テストは`#`を送信", &["GET /x"]),
            "接続テストは `GET /x` を送信"
        );
        assert_eq!(spaced("「#」を読み取る", &["ID"]), "「ID」を読み取る");
        // A link's target is not text.
        assert_eq!(
            spaced("[#](#)を参照", &["Set up", "./a"]),
            "[Set up](./a) を参照"
        );
    }
}
