//! `{key}` templates for headers, query parameters, basic auth and URLs.
//!
//! Templates are split into segments once (at build time for generated code) so that
//! rendering is a single pass of copies. The syntax, in full:
//!
//! - `{key}`: the value of a field or derived value;
//! - `{key.param}`: a named parameter of the option chosen in the choice field `key`
//!   (`{region.api_host}`), so option values can stay stable ids;
//! - `{key|text}`: the value, or the literal `text` when the field is absent;
//! - `{?…}`: an optional part, itself a template, left out whole when a value it names
//!   is absent (`{?/teams/{team}}`);
//! - `{{` and `}}`: literal braces.

/// One piece of a template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment<'a> {
    /// Literal text.
    Lit(&'a str),
    /// The value of a field or derived value, by key; `key.param` names a parameter of
    /// the chosen option of a choice field.
    Var(&'a str),
    /// A value by key, or the literal text when it is absent.
    Default(&'a str, &'a str),
    /// A part left out whole when a value it names is absent.
    Optional(&'a [Segment<'a>]),
}

/// A parsed template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Template<'a> {
    /// The segments, in order.
    pub segments: &'a [Segment<'a>],
}

impl<'a> Template<'a> {
    /// The keys this template names (optional parts and defaults included).
    pub fn vars(&self) -> Vec<&'a str> {
        let mut out = Vec::new();
        collect_vars(self.segments, &mut out);
        out
    }
}

fn collect_vars<'a>(segments: &[Segment<'a>], out: &mut Vec<&'a str>) {
    for s in segments {
        match *s {
            Segment::Var(k) | Segment::Default(k, _) => out.push(k),
            Segment::Optional(inner) => collect_vars(inner, out),
            Segment::Lit(_) => {}
        }
    }
}

/// The rendered length of `segments`, `None` when a required value is absent; an
/// optional part whose values are not all present counts 0.
fn rendered_len<'v>(
    segments: &[Segment<'_>],
    lookup: &dyn Fn(&str) -> Option<&'v str>,
) -> Option<usize> {
    let mut len = 0;
    for seg in segments {
        len += match *seg {
            Segment::Lit(s) => s.len(),
            Segment::Var(k) => lookup(k)?.len(),
            Segment::Default(k, d) => lookup(k).map_or(d.len(), str::len),
            Segment::Optional(inner) => rendered_len(inner, lookup).unwrap_or(0),
        };
    }
    Some(len)
}

/// Whether every value an optional part needs is present.
pub(crate) fn present<'v>(
    segments: &[Segment<'_>],
    lookup: &dyn Fn(&str) -> Option<&'v str>,
) -> bool {
    rendered_len(segments, lookup).is_some()
}

fn push_segments<'v>(
    segments: &[Segment<'_>],
    lookup: &dyn Fn(&str) -> Option<&'v str>,
    out: &mut String,
) {
    for seg in segments {
        match *seg {
            Segment::Lit(s) => out.push_str(s),
            Segment::Var(k) => out.push_str(lookup(k).unwrap_or_default()),
            Segment::Default(k, d) => out.push_str(lookup(k).unwrap_or(d)),
            Segment::Optional(inner) => {
                if rendered_len(inner, lookup).is_some() {
                    push_segments(inner, lookup, out);
                }
            }
        }
    }
}

/// Renders `template` with `lookup`; `None` when a required key has no value (an absent
/// optional field outside an optional part), in which case the caller leaves the
/// header or parameter out.
pub fn render_template<'v>(
    template: &Template<'_>,
    lookup: impl Fn(&str) -> Option<&'v str>,
) -> Option<String> {
    // The exact length first, so the string never grows: a grown string leaves a freed
    // copy of what it held (a secret, in a header value) behind.
    let len = rendered_len(template.segments, &lookup)?;
    let mut out = String::with_capacity(len);
    push_segments(template.segments, &lookup, &mut out);
    debug_assert_eq!(out.len(), len);
    Some(out)
}

/// A placeholder as written in a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder {
    /// The field or derived key.
    pub key: String,
    /// The option parameter, in `{key.param}`.
    pub param: Option<String>,
    /// The literal used when the value is absent, in `{key|text}`.
    pub default: Option<String>,
    /// Byte offset of the `{` in the template text.
    pub offset: usize,
}

impl Placeholder {
    /// The name the run-time lookup resolves: `key` or `key.param`.
    pub fn lookup_name(&self) -> String {
        match &self.param {
            Some(p) => format!("{}.{p}", self.key),
            None => self.key.clone(),
        }
    }
}

/// One part of a parsed template (see the module documentation for the syntax).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Literal text (braces unescaped).
    Lit(String),
    /// A placeholder.
    Var(Placeholder),
    /// `{?…}`: an optional part.
    Optional(Vec<Part>),
}

impl Part {
    /// Every placeholder of `parts`, depth first, with whether it sits in a required
    /// position (outside optional parts and without a default).
    pub fn placeholders(parts: &[Part]) -> Vec<(&Placeholder, bool)> {
        fn walk<'p>(parts: &'p [Part], required: bool, out: &mut Vec<(&'p Placeholder, bool)>) {
            for p in parts {
                match p {
                    Part::Lit(_) => {}
                    Part::Var(v) => out.push((v, required && v.default.is_none())),
                    Part::Optional(inner) => walk(inner, false, out),
                }
            }
        }
        let mut out = Vec::new();
        walk(parts, true, &mut out);
        out
    }
}

/// Renders parsed `parts` (a template read at run time, such as a JSON body's string)
/// with `lookup`, with the semantics of [`render_template`]: `None` when a required value
/// is absent.
pub fn render_parts<'v>(
    parts: &[Part],
    lookup: &dyn Fn(&str) -> Option<&'v str>,
) -> Option<String> {
    fn walk<'v>(
        parts: &[Part],
        lookup: &dyn Fn(&str) -> Option<&'v str>,
        out: &mut String,
    ) -> Option<()> {
        for p in parts {
            match p {
                Part::Lit(s) => out.push_str(s),
                Part::Var(v) => match (lookup(&v.lookup_name()), &v.default) {
                    (Some(x), _) => out.push_str(x),
                    (None, Some(d)) => out.push_str(d),
                    (None, None) => return None,
                },
                Part::Optional(inner) => {
                    let mut part = String::new();
                    if walk(inner, lookup, &mut part).is_some() {
                        out.push_str(&part);
                    }
                }
            }
        }
        Some(())
    }
    let mut out = String::new();
    walk(parts, lookup, &mut out)?;
    Some(out)
}

/// A template syntax error: the byte offset and what is wrong.
pub type TemplateError = (usize, String);

/// Splits `text` into parts (see the module documentation for the syntax).
pub fn parse_template(text: &str) -> Result<Vec<Part>, TemplateError> {
    let mut p = Parser { text, i: 0 };
    let parts = p.parts(false)?;
    Ok(parts)
}

struct Parser<'t> {
    text: &'t str,
    i: usize,
}

fn is_key(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_')
}

impl Parser<'_> {
    /// Parts up to the end of the text, or (inside `{?`) up to the closing `}`.
    fn parts(&mut self, nested: bool) -> Result<Vec<Part>, TemplateError> {
        let b = self.text.as_bytes();
        let open = self.i.saturating_sub(2);
        let mut out = Vec::new();
        let mut lit = String::new();
        while self.i < b.len() {
            let i = self.i;
            match b[i] {
                b'{' if b.get(i + 1) == Some(&b'{') => {
                    lit.push('{');
                    self.i += 2;
                }
                b'}' if b.get(i + 1) == Some(&b'}') => {
                    lit.push('}');
                    self.i += 2;
                }
                b'{' if b.get(i + 1) == Some(&b'?') => {
                    if !lit.is_empty() {
                        out.push(Part::Lit(std::mem::take(&mut lit)));
                    }
                    self.i += 2;
                    let inner = self.parts(true)?;
                    if !inner.iter().any(|p| !matches!(p, Part::Lit(_))) {
                        return Err((
                            i,
                            "`{?…}` is an optional part: it must name a value, as in `{?/teams/{team}}`".into(),
                        ));
                    }
                    out.push(Part::Optional(inner));
                }
                b'{' => {
                    if !lit.is_empty() {
                        out.push(Part::Lit(std::mem::take(&mut lit)));
                    }
                    out.push(Part::Var(self.placeholder()?));
                }
                b'}' if nested => {
                    self.i += 1;
                    if !lit.is_empty() {
                        out.push(Part::Lit(lit));
                    }
                    return Ok(out);
                }
                b'}' => {
                    return Err((
                        i,
                        "`}` without a matching `{`; write `}}` for a literal brace".into(),
                    ));
                }
                _ => {
                    let ch = self.text[i..].chars().next().expect("in bounds");
                    lit.push(ch);
                    self.i += ch.len_utf8();
                }
            }
        }
        if nested {
            return Err((
                open,
                "`{?` opens an optional part that is never closed".into(),
            ));
        }
        if !lit.is_empty() {
            out.push(Part::Lit(lit));
        }
        Ok(out)
    }

    /// `{key}`, `{key.param}` or `{key|text}`, at `self.i`.
    fn placeholder(&mut self) -> Result<Placeholder, TemplateError> {
        let start = self.i;
        let rest = &self.text[start + 1..];
        let Some(len) = rest.find('}') else {
            return Err((start, "`{` opens a placeholder that is never closed".into()));
        };
        let body = &rest[..len];
        let (name, default) = match body.split_once('|') {
            Some((n, d)) => (n, Some(d)),
            None => (body, None),
        };
        let (key, param) = match name.split_once('.') {
            Some((k, p)) => (k, Some(p)),
            None => (name, None),
        };
        if !is_key(key) || param.is_some_and(|p| !is_key(p)) {
            return Err((
                start,
                format!(
                    "`{{{body}}}` is not a placeholder: use `{{field_key}}`, `{{field_key.param}}` or `{{field_key|default}}` with snake_case names, or `{{{{` for a literal brace"
                ),
            ));
        }
        if let Some(d) = default
            && d.contains('{')
        {
            return Err((
                start,
                format!("the default of `{{{name}|…}}` must be literal text without braces"),
            ));
        }
        self.i = start + len + 2;
        Ok(Placeholder {
            key: key.to_owned(),
            param: param.map(str::to_owned),
            default: default.map(str::to_owned),
            offset: start,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn var(key: &str, offset: usize) -> Part {
        Part::Var(Placeholder {
            key: key.into(),
            param: None,
            default: None,
            offset,
        })
    }

    #[test]
    fn parse() {
        let parts = parse_template("https://{sub}.example.com/{{x}}").unwrap();
        assert_eq!(
            parts,
            vec![
                Part::Lit("https://".into()),
                var("sub", 8),
                Part::Lit(".example.com/{x}".into())
            ]
        );
        assert!(parse_template("{Bad}").is_err());
        assert!(parse_template("{open").is_err());
        assert!(parse_template("x}").is_err());
        assert!(parse_template("{?/x").is_err());
        assert!(parse_template("{?/x}").is_err());
        let parts =
            parse_template("{region.api_host}{?/t/{team}}{base|https://a.example.com}").unwrap();
        let phs = Part::placeholders(&parts);
        let got: Vec<(String, bool)> = phs.iter().map(|(p, r)| (p.lookup_name(), *r)).collect();
        assert_eq!(
            got,
            [
                ("region.api_host".to_string(), true),
                ("team".to_string(), false),
                ("base".to_string(), false)
            ]
        );
        assert_eq!(phs[2].0.default.as_deref(), Some("https://a.example.com"));
    }

    #[test]
    fn render() {
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
        let t = Template {
            segments: &[
                Segment::Default("host", "a.example.com"),
                Segment::Optional(&[Segment::Lit("/t/"), Segment::Var("team")]),
                Segment::Lit("/x"),
            ],
        };
        assert_eq!(
            render_template(&t, |_| None).as_deref(),
            Some("a.example.com/x")
        );
        let both = |k: &str| Some(if k == "team" { "blue" } else { "b.example.com" });
        assert_eq!(
            render_template(&t, both).as_deref(),
            Some("b.example.com/t/blue/x")
        );
    }
}
