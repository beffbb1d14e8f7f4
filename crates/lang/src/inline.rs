//! The inline Markdown subset allowed in guide text: `**bold**`, `` `code` `` and
//! `[text](https://…)`. Everything else that looks like markup is rejected, so the
//! page renderers can map each node to its target format without guessing.

/// One inline node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    /// Plain text (to be escaped by the renderer).
    Text(String),
    /// `**bold**` (plain text inside).
    Bold(String),
    /// `` `code` ``.
    Code(String),
    /// `[text](url)`: `url` is an https URL naming a host, or a site path
    /// ([`is_site_path`]: `/` then neither `/` nor `\`). Protocol-relative and
    /// backslash targets are refused by [`parse`].
    Link {
        /// Link text (plain).
        text: String,
        /// Target.
        url: String,
    },
}

/// Why a text is not in the subset: byte offset in the text and an explanation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkupError {
    /// Byte offset of the problem.
    pub offset: usize,
    /// What is wrong and what to write instead.
    pub message: String,
    /// Whether the problem is a non-https link (reported under its own code).
    pub not_https: bool,
}

fn err(offset: usize, message: impl Into<String>) -> MarkupError {
    MarkupError {
        offset,
        message: message.into(),
        not_https: false,
    }
}

/// Whether `url` is a path on the site that serves the pages: `/` followed by a character
/// that is not `/` or `\`, with no `\`, whitespace or control character anywhere.
///
/// `//host/x` is protocol-relative and `/\host`, `\\host`, `/\/host` are read by
/// browsers as `//host`: all of them lead to another site, so none is a site path.
pub fn is_site_path(url: &str) -> bool {
    let mut chars = url.chars();
    chars.next() == Some('/')
        && chars.next().is_some_and(|c| c != '/' && c != '\\')
        && !url.contains(|c: char| c == '\\' || c.is_whitespace() || c.is_control())
}

/// Checks a link target: an https URL naming a host (no user-info, which disguises the
/// host), or a site path ([`is_site_path`]). The error says what to write instead.
fn check_target(url: &str) -> Result<(), String> {
    let shown = show_target(url);
    if url.contains(|c: char| c.is_whitespace() || c.is_control()) {
        return Err(format!(
            "link target `{shown}` contains a space or control character; percent-encode it (a space is `%20`)"
        ));
    }
    if url.contains('\\') {
        return Err(format!(
            "link target `{shown}` contains a backslash, which browsers read as `/` (so `/\\host` leads to another site); use `/` in paths, or an https URL"
        ));
    }
    if let Some(rest) = url.strip_prefix("//") {
        return Err(format!(
            "link target `{shown}` is protocol-relative, so it leads to another site; write `https://{rest}`, or a site path with a single leading `/`"
        ));
    }
    if let Some(rest) = url.strip_prefix("https://") {
        if rest.starts_with('/') {
            return Err(format!(
                "link target `{shown}` has an empty host; write `https://host/path`"
            ));
        }
        return match url::Url::parse(url) {
            Ok(u) if u.host_str().is_some_and(|h| !h.is_empty()) => {
                if !u.username().is_empty() || u.password().is_some() {
                    Err(format!(
                        "link target `{shown}` has user-info before `@`, which hides the real host; link to `https://{}/…` directly",
                        u.host_str().unwrap_or_default()
                    ))
                } else {
                    Ok(())
                }
            }
            _ => Err(format!(
                "link target `{shown}` is not a valid https URL; write `https://host/path`"
            )),
        };
    }
    if is_site_path(url) {
        return Ok(());
    }
    Err(format!(
        "link target `{shown}` must be an https URL (or a site path starting with `/`)"
    ))
}

/// A link target for a message: control characters escaped, so none reaches a terminal.
fn show_target(url: &str) -> String {
    url.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Characters that may not appear inside bold or link text.
fn plain_ok(s: &str) -> bool {
    !s.bytes().any(|b| b"*`[]<\n".contains(&b))
}

/// The characters at which [`parse`] looks for markup; any other character is plain text.
/// All ASCII, so a byte search finds them (no byte of a multi-byte character is ASCII).
const MAY_BE_MARKUP: &[u8] = b"*`[!<]~#\n";

/// Parses `text` into inline nodes.
pub fn parse(text: &str) -> Result<Vec<Inline>, MarkupError> {
    let mut out = Vec::new();
    let mut plain = String::new();
    let mut i = 0;
    let b = text.as_bytes();
    let flush = |plain: &mut String, out: &mut Vec<Inline>| {
        if !plain.is_empty() {
            out.push(Inline::Text(std::mem::take(plain)));
        }
    };
    while i < b.len() {
        let rest = &text[i..];
        if let Some(after) = rest.strip_prefix("**") {
            let Some(end) = after.find("**") else {
                return Err(err(i, "`**` opens bold text that is never closed"));
            };
            let inner = &after[..end];
            if inner.is_empty() || !plain_ok(inner) {
                return Err(err(i, "bold text must be plain text between `**` and `**`"));
            }
            flush(&mut plain, &mut out);
            out.push(Inline::Bold(inner.to_owned()));
            i += end + 4;
        } else if let Some(after) = rest.strip_prefix('`') {
            let Some(end) = after.find('`') else {
                return Err(err(i, "`` ` `` opens code that is never closed"));
            };
            let inner = &after[..end];
            if inner.is_empty() {
                return Err(err(i, "empty code span"));
            }
            flush(&mut plain, &mut out);
            out.push(Inline::Code(inner.to_owned()));
            i += end + 2;
        } else if rest.starts_with("![") {
            return Err(err(i, "images are not supported in guide text"));
        } else if rest.starts_with('[') {
            let Some(close) = rest.find("](") else {
                return Err(err(
                    i,
                    "`[` must start a link `[text](https://…)`; brackets are not allowed otherwise",
                ));
            };
            let Some(end) = rest[close + 2..].find(')') else {
                return Err(err(i, "link target is never closed with `)`"));
            };
            let label = &rest[1..close];
            let url = &rest[close + 2..close + 2 + end];
            if label.is_empty() || !plain_ok(label) {
                return Err(err(i, "link text must be plain text"));
            }
            if let Err(message) = check_target(url) {
                return Err(MarkupError {
                    offset: i,
                    message,
                    not_https: true,
                });
            }
            flush(&mut plain, &mut out);
            out.push(Inline::Link {
                text: label.to_owned(),
                url: url.to_owned(),
            });
            i += close + 3 + end;
        } else {
            let c = rest.chars().next().expect("in bounds");
            match c {
                '<' if rest[1..].starts_with(|n: char| {
                    n.is_ascii_alphabetic() || n == '/' || n == '!' || n == '?'
                }) =>
                {
                    return Err(err(
                        i,
                        "raw HTML is not allowed in guide text; use **bold**, `code` or [links](https://…)",
                    ));
                }
                '*' => {
                    return Err(err(
                        i,
                        "single `*` (italics or lists) is not supported; use **bold**",
                    ));
                }
                ']' => return Err(err(i, "`]` without a matching `[`")),
                '~' if rest.starts_with("~~") => {
                    return Err(err(i, "strike-through is not supported"));
                }
                '#' if plain.trim().is_empty() && out.is_empty() => {
                    return Err(err(
                        i,
                        "headings are not allowed in guide text; sections have titles",
                    ));
                }
                '\n' => {
                    return Err(err(
                        i,
                        "guide text is a single paragraph; use steps or bullets for structure",
                    ));
                }
                _ => {}
            }
            // The characters up to the next one that may open (or misuse) markup are
            // plain text: copy them in one go.
            let run = rest.as_bytes()[c.len_utf8()..]
                .iter()
                .position(|b| MAY_BE_MARKUP.contains(b))
                .map_or(rest.len(), |n| n + c.len_utf8());
            plain.push_str(&rest[..run]);
            i += run;
        }
    }
    flush(&mut plain, &mut out);
    Ok(out)
}

/// The text without markup (for plain-text contexts such as attribute values).
pub fn plain_text(nodes: &[Inline]) -> String {
    nodes
        .iter()
        .map(|n| match n {
            Inline::Text(s) | Inline::Bold(s) | Inline::Code(s) => s.as_str(),
            Inline::Link { text, .. } => text.as_str(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subset() {
        let n =
            parse("Go to **Admin** > **Integrations**, see `X-Token` and [docs](https://a.b/c).")
                .unwrap();
        assert_eq!(n.len(), 9);
        assert_eq!(n[1], Inline::Bold("Admin".into()));
        assert_eq!(n[5], Inline::Code("X-Token".into()));
        assert!(matches!(&n[7], Inline::Link { url, .. } if url == "https://a.b/c"));
        assert_eq!(n[8], Inline::Text(".".into()));
        assert!(parse("a <b>bold</b>").is_err());
        assert!(parse("*italic*").is_err());
        assert!(parse("[x](http://a.b)").unwrap_err().not_https);
        assert!(parse("[x](/guides/accounts)").is_ok());
        assert!(parse("[x](https://a.b/c?d=1#e)").is_ok());
        assert!(parse("**open").is_err());
        assert!(parse("1 < 2 and 3 > 2").is_ok());
    }

    /// Every spelling that a browser reads as another site is refused, located at the
    /// link and reported as a link-target problem (the not-https code).
    #[test]
    fn links_that_leave_the_site_are_not_site_paths() {
        for (url, says) in [
            ("//evil.example/x", "protocol-relative"),
            ("///evil.example", "protocol-relative"),
            ("/\\evil.example", "backslash"),
            ("\\\\evil.example", "backslash"),
            ("/\\/evil.example", "backslash"),
            ("\\/evil.example", "backslash"),
            ("/docs\\..\\x", "backslash"),
            ("https:\\\\evil.example", "backslash"),
            ("https://a.b\\@evil.example", "backslash"),
            ("https:///evil.example", "empty host"),
            ("https://user@evil.example/", "user-info"),
            ("https://a.b:pw@evil.example/", "user-info"),
            ("/a b", "space or control"),
            ("/a\tb", "space or control"),
            ("/a\u{7}b", "space or control"),
            ("https://a.b/\u{85}", "space or control"),
            ("/", "must be an https URL"),
            ("docs/x", "must be an https URL"),
            ("javascript:alert(1)", "must be an https URL"),
            ("https://[::1", "not a valid https URL"),
        ] {
            let text = format!("See [the page]({url}).");
            let e = parse(&text).expect_err(url);
            assert!(e.not_https, "{url}: {e:?}");
            assert_eq!(e.offset, 4, "{url}: located at the link");
            assert!(e.message.contains(says), "{url}: {}", e.message);
            assert!(
                !e.message.contains(|c: char| c.is_control()),
                "{url}: {:?}",
                e.message
            );
        }
        assert!(is_site_path("/guides/accounts"));
        assert!(is_site_path("/x"));
        for url in [
            "/",
            "//x",
            "/\\x",
            "\\x",
            "x",
            "/a\\b",
            "/a b",
            "https://a.b",
        ] {
            assert!(!is_site_path(url), "{url}");
        }
    }
}
