//! The template engine: minijinja with strict undefined values, per-flavour escaping
//! and templates that a user directory can override by file name.
//!
//! Templates are named `<name>.mdx.jinja` or `<name>.md.jinja`; the suffix selects the
//! escaping the engine applies to every printed value. Defaults are compiled into the
//! crate from the repository's `templates/` directory, so a build always has them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use minijinja::{AutoEscape, Environment, Error, ErrorKind, State, UndefinedBehavior, Value};

use crate::error::{DocsError, TemplateError};
use crate::{Flavor, escape};

/// The default templates, by name.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    (
        "page.mdx.jinja",
        include_str!("../../../templates/page.mdx.jinja"),
    ),
    (
        "page.md.jinja",
        include_str!("../../../templates/page.md.jinja"),
    ),
    (
        "oauth.mdx.jinja",
        include_str!("../../../templates/oauth.mdx.jinja"),
    ),
    (
        "oauth.md.jinja",
        include_str!("../../../templates/oauth.md.jinja"),
    ),
    (
        "oauth-setup.mdx.jinja",
        include_str!("../../../templates/oauth-setup.mdx.jinja"),
    ),
    (
        "oauth-setup.md.jinja",
        include_str!("../../../templates/oauth-setup.md.jinja"),
    ),
    (
        "actions.mdx.jinja",
        include_str!("../../../templates/actions.mdx.jinja"),
    ),
    (
        "actions.md.jinja",
        include_str!("../../../templates/actions.md.jinja"),
    ),
    (
        "index.mdx.jinja",
        include_str!("../../../templates/index.mdx.jinja"),
    ),
    (
        "index.md.jinja",
        include_str!("../../../templates/index.md.jinja"),
    ),
];

/// Where the default templates live in the repository (for error messages).
const DEFAULT_DIR: &str = "templates";

/// A loaded set of templates, ready to render.
pub struct Engine {
    env: Environment<'static>,
    /// Template name → file it came from and its text, to locate errors.
    origins: BTreeMap<String, (PathBuf, String)>,
}

impl Engine {
    /// The default templates, each replaced by a file of the same name in `overrides`
    /// when given. Files there with new names are added (for includes and macros).
    pub fn new(overrides: Option<&Path>) -> Result<Engine, DocsError> {
        let mut origins: BTreeMap<String, (PathBuf, String)> = DEFAULT_TEMPLATES
            .iter()
            .map(|(name, text)| {
                (
                    name.to_string(),
                    (Path::new(DEFAULT_DIR).join(name), text.to_string()),
                )
            })
            .collect();
        if let Some(dir) = overrides {
            for (name, path) in template_files(dir)? {
                let text = std::fs::read_to_string(&path).map_err(|e| DocsError::io(&path, e))?;
                origins.insert(name, (path, text));
            }
        }
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_debug(true);
        env.set_syntax(
            minijinja::syntax::SyntaxConfig::builder()
                .trim_blocks(true)
                .lstrip_blocks(true)
                .keep_trailing_newline(true)
                .build()
                .expect("the default delimiters are valid"),
        );
        env.set_auto_escape_callback(|name| match Flavor::of_template(name) {
            Some(f) => AutoEscape::Custom(f.name().into()),
            None => AutoEscape::None,
        });
        env.set_formatter(format_value);
        env.add_filter("attr", attr_filter);
        env.add_filter("yaml", yaml_filter);
        for (name, (path, text)) in &origins {
            if Flavor::of_template(name).is_none() {
                return Err(DocsError::Template(TemplateError {
                    file: path.clone(),
                    line: None,
                    message: format!(
                        "template `{name}` must be named `<name>.mdx.jinja` or `<name>.md.jinja`, so the engine knows how to escape it"
                    ),
                    source_line: None,
                    page: None,
                }));
            }
            env.add_template_owned(name.clone(), text.clone())
                .map_err(|e| DocsError::Template(locate(&origins, &e, None)))?;
        }
        Ok(Engine { env, origins })
    }

    /// Renders template `name` with `ctx`; `page` names the output in errors.
    pub fn render(&self, name: &str, ctx: Value, page: &str) -> Result<String, DocsError> {
        let tmpl = self
            .env
            .get_template(name)
            .map_err(|e| DocsError::Template(locate(&self.origins, &e, Some(page))))?;
        tmpl.render(ctx)
            .map_err(|e| DocsError::Template(locate(&self.origins, &e, Some(page))))
    }
}

/// `*.jinja` files of an override directory, by file name, sorted.
fn template_files(dir: &Path) -> Result<Vec<(String, PathBuf)>, DocsError> {
    let entries = std::fs::read_dir(dir).map_err(|e| DocsError::io(dir, e))?;
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| DocsError::io(dir, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".jinja") && entry.path().is_file() {
            out.push((name, entry.path()));
        }
    }
    out.sort();
    Ok(out)
}

/// Prints a value: safe markup as is, anything else escaped for the template's flavour.
/// Printing an absent value (`none`) is an error, like an undefined one: a template
/// that prints an optional part must test for it first.
fn format_value(
    out: &mut minijinja::Output,
    state: &mut State,
    value: &Value,
) -> Result<(), Error> {
    if value.is_none() {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            "this value is absent (none); print it inside `{% if … %}`",
        ));
    }
    if value.is_safe() {
        return out.write_str(&value.to_string()).map_err(Error::from);
    }
    let text = value.to_string();
    let escaped = match state.auto_escape() {
        AutoEscape::Custom(name) => match Flavor::from_name(name) {
            Some(f) => escape::text(f, &text),
            None => {
                return Err(Error::new(
                    ErrorKind::InvalidOperation,
                    format!("unknown escaping `{name}`"),
                ));
            }
        },
        _ => text,
    };
    out.write_str(&escaped).map_err(Error::from)
}

/// `{{ x|attr }}`: the value escaped for a double-quoted MDX attribute.
fn attr_filter(value: &Value) -> Result<Value, Error> {
    if value.is_none() || value.is_undefined() {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            "`attr` needs a value",
        ));
    }
    Ok(Value::from_safe_string(escape::attr(&value.to_string())))
}

/// `{{ x|yaml }}`: the value as a quoted YAML scalar (front matter).
fn yaml_filter(value: &Value) -> Result<Value, Error> {
    if value.is_none() || value.is_undefined() {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            "`yaml` needs a value",
        ));
    }
    Ok(Value::from_safe_string(escape::yaml_string(
        &value.to_string(),
    )))
}

/// Turns an engine error into a located one: the innermost error that names a
/// template (includes wrap errors) gives the file and line.
fn locate(
    origins: &BTreeMap<String, (PathBuf, String)>,
    err: &Error,
    page: Option<&str>,
) -> TemplateError {
    let mut inner = err;
    let mut cur: &dyn std::error::Error = err;
    while let Some(next) = cur.source() {
        if let Some(e) = next.downcast_ref::<Error>()
            && e.name().is_some()
        {
            inner = e;
        }
        cur = next;
    }
    let name = inner.name().unwrap_or("");
    let (file, text) = match origins.get(name) {
        Some((path, text)) => (path.clone(), Some(text.as_str())),
        None => (PathBuf::from(name), None),
    };
    let line = inner.line();
    let source_line = match (text, line) {
        (Some(t), Some(l)) if l > 0 => t.lines().nth(l - 1).map(|s| s.trim_end().to_owned()),
        _ => None,
    };
    let message = match inner.detail() {
        Some(d) => format!("{}: {d}", inner.kind()),
        None => inner.kind().to_string(),
    };
    TemplateError {
        file,
        line,
        message,
        source_line,
        page: page.map(str::to_owned),
    }
}
