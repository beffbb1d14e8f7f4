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
    /// `[text](url)`: `url` is an https URL or a site-relative path starting with `/`.
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

/// Characters that may not appear inside bold or link text.
fn plain_ok(s: &str) -> bool {
    !s.contains(['*', '`', '[', ']', '<', '\n'])
}

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
            let https = url.starts_with("https://") && url.len() > 8;
            let site_path = url.starts_with('/');
            if !(https || site_path) || url.contains(char::is_whitespace) {
                return Err(MarkupError {
                    offset: i,
                    message: format!(
                        "link target `{url}` must be an https URL (or a site path starting with `/`)"
                    ),
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
            plain.push(c);
            i += c.len_utf8();
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
        assert!(parse("**open").is_err());
        assert!(parse("1 < 2 and 3 > 2").is_ok());
    }
}
