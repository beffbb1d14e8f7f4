//! `{key}` templates for headers, query parameters, basic auth and URLs.
//!
//! Templates are split into segments once (at build time for generated code) so that
//! rendering is a single pass of copies.

/// One piece of a template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment<'a> {
    /// Literal text.
    Lit(&'a str),
    /// The value of a field or derived value, by key.
    Var(&'a str),
}

/// A parsed template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Template<'a> {
    /// The segments, in order.
    pub segments: &'a [Segment<'a>],
}

impl Template<'_> {
    /// The keys this template names.
    pub fn vars(&self) -> impl Iterator<Item = &str> {
        self.segments.iter().filter_map(|s| match s {
            Segment::Var(v) => Some(*v),
            Segment::Lit(_) => None,
        })
    }
}

/// Renders `template` with `lookup`; `None` when a named key has no value (an absent
/// optional field), in which case the caller leaves the header or parameter out.
pub fn render_template<'v>(
    template: &Template<'_>,
    lookup: impl Fn(&str) -> Option<&'v str>,
) -> Option<String> {
    // The exact length first, so the string never grows: a grown string leaves a freed
    // copy of what it held (a secret, in a header value) behind.
    let mut len = 0;
    for seg in template.segments {
        len += match seg {
            Segment::Lit(s) => s.len(),
            Segment::Var(k) => lookup(k)?.len(),
        };
    }
    let mut out = String::with_capacity(len);
    for seg in template.segments {
        match seg {
            Segment::Lit(s) => out.push_str(s),
            Segment::Var(k) => out.push_str(lookup(k)?),
        }
    }
    Some(out)
}

/// Splits `text` into segments: `{key}` is a variable, `{{` and `}}` are literal braces.
/// Errors carry the byte offset and a description.
pub fn parse_template(text: &str) -> Result<Vec<(bool, String)>, (usize, String)> {
    let mut out: Vec<(bool, String)> = Vec::new();
    let mut lit = String::new();
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'{' if b.get(i + 1) == Some(&b'{') => {
                lit.push('{');
                i += 2;
            }
            b'}' if b.get(i + 1) == Some(&b'}') => {
                lit.push('}');
                i += 2;
            }
            b'{' => {
                let Some(len) = text[i + 1..].find('}') else {
                    return Err((i, "`{` opens a placeholder that is never closed".into()));
                };
                let key = &text[i + 1..i + 1 + len];
                if key.is_empty()
                    || !key
                        .bytes()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_')
                {
                    return Err((
                        i,
                        format!(
                            "`{{{key}}}` is not a placeholder: use `{{field_key}}` with a snake_case key, or `{{{{` for a literal brace"
                        ),
                    ));
                }
                if !lit.is_empty() {
                    out.push((false, std::mem::take(&mut lit)));
                }
                out.push((true, key.to_owned()));
                i += len + 2;
            }
            b'}' => {
                return Err((
                    i,
                    "`}` without a matching `{`; write `}}` for a literal brace".into(),
                ));
            }
            _ => {
                let ch = text[i..].chars().next().expect("in bounds");
                lit.push(ch);
                i += ch.len_utf8();
            }
        }
    }
    if !lit.is_empty() {
        out.push((false, lit));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_render() {
        let parts = parse_template("https://{sub}.example.com/{{x}}").unwrap();
        assert_eq!(
            parts,
            vec![
                (false, "https://".to_string()),
                (true, "sub".to_string()),
                (false, ".example.com/{x}".to_string())
            ]
        );
        assert!(parse_template("{Bad}").is_err());
        assert!(parse_template("{open").is_err());
        let t = Template {
            segments: &[Segment::Lit("Bearer "), Segment::Var("token")],
        };
        assert_eq!(
            render_template(&t, |_| Some("abc")).as_deref(),
            Some("Bearer abc")
        );
        assert_eq!(render_template(&t, |_| None), None);
        // Allocated once at its final size: no grown copy of the secret is left behind.
        let long = "k".repeat(1000);
        let out = render_template(&t, |_| Some(long.as_str())).unwrap();
        assert_eq!(out.capacity(), out.len());
    }
}
