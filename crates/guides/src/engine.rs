//! The template engine: minijinja with strict undefined values, per-flavour escaping
//! and templates that a user directory can override by file name.
//!
//! Templates are named `<name>.mdx.jinja` or `<name>.md.jinja`; the suffix selects the
//! escaping the engine applies to every printed value. Defaults are compiled into the
//! crate from the repository's `templates/` directory, so a build always has them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use connectspec_i18n::Locale;
use minijinja::value::{Kwargs, ValueKind};
use minijinja::{AutoEscape, Environment, Error, ErrorKind, State, UndefinedBehavior, Value};

use crate::error::{DocsError, TemplateError};
use crate::messages::{self, Arg};
use crate::{Flavor, escape, inline};

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
        env.add_filter("bold", bold_filter);
        env.add_filter("code", code_filter);
        env.add_function("t", t_function);
        env.add_function("t_plain", t_plain_function);
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

/// The flavour of the template being rendered (its escaping).
fn flavor_of(state: &State) -> Result<Flavor, Error> {
    match state.auto_escape() {
        AutoEscape::Custom(name) => Flavor::from_name(name),
        _ => None,
    }
    .ok_or_else(|| Error::new(ErrorKind::InvalidOperation, "the template has no flavour"))
}

/// The page's locale: the context's `locale` (every page context has one); English when
/// a template renders without it.
fn locale_of(state: &State) -> Locale {
    state
        .lookup("locale")
        .and_then(|v| v.as_str().and_then(Locale::from_tag))
        .unwrap_or(Locale::En)
}

/// A message argument a template gave: text, markup (a safe value) or a number.
enum Given {
    Text(String),
    Markup(String),
    Num(u64),
}

fn given(id: &str, kwargs: &Kwargs) -> Result<Vec<(String, Given)>, Error> {
    let mut out = Vec::new();
    for name in kwargs.args() {
        let value: Value = kwargs.get(name)?;
        let arg = match value.kind() {
            ValueKind::Number => match u64::try_from(value.clone()) {
                Ok(n) => Given::Num(n),
                Err(_) => {
                    return Err(Error::new(
                        ErrorKind::InvalidOperation,
                        format!("argument `{name}` of message `{id}` must be a whole number ≥ 0"),
                    ));
                }
            },
            ValueKind::String if value.is_safe() => Given::Markup(value.to_string()),
            ValueKind::String => Given::Text(value.to_string()),
            _ => {
                return Err(Error::new(
                    ErrorKind::InvalidOperation,
                    format!(
                        "argument `{name}` of message `{id}` must be text or a number, not {}",
                        value.kind()
                    ),
                ));
            }
        };
        out.push((name.to_owned(), arg));
    }
    Ok(out)
}

fn args_of(given: &[(String, Given)]) -> Vec<(&str, Arg<'_>)> {
    given
        .iter()
        .map(|(name, g)| {
            let arg = match g {
                Given::Text(s) => Arg::Text(s),
                Given::Markup(s) => Arg::Markup(s),
                Given::Num(n) => Arg::Num(*n),
            };
            (name.as_str(), arg)
        })
        .collect()
}

/// `{{ t("guide-step-title", n=loop.index, title=step.title) }}`: the message of the
/// guides catalogue in the page's locale, as markup of the page's flavour. Text
/// arguments are escaped, safe values (markup the engine built, `|bold`, `|code`, another
/// `t`) go in as they are, numbers select plural variants.
fn t_function(state: &State, id: &str, kwargs: Kwargs) -> Result<Value, Error> {
    let flavor = flavor_of(state)?;
    let given = given(id, &kwargs)?;
    messages::markup(flavor, locale_of(state), id, &args_of(&given))
        .map(Value::from_safe_string)
        .map_err(|e| Error::new(ErrorKind::InvalidOperation, e))
}

/// `{{ t_plain("guide-hub-navigate")|attr }}`: the message as plain text (markup dropped),
/// for attributes and front matter; printed, it is escaped like any text.
fn t_plain_function(state: &State, id: &str, kwargs: Kwargs) -> Result<Value, Error> {
    let given = given(id, &kwargs)?;
    messages::plain(locale_of(state), id, &args_of(&given))
        .map(Value::from)
        .map_err(|e| Error::new(ErrorKind::InvalidOperation, e))
}

/// `{{ x|bold }}`: the value as bold markup of the page's flavour (escaped inside).
fn bold_filter(state: &State, value: &Value) -> Result<Value, Error> {
    inline_filter(state, value, "bold", connectspec_lang::inline::Inline::Bold)
}

/// `{{ x|code }}`: the value as a code span of the page's flavour.
fn code_filter(state: &State, value: &Value) -> Result<Value, Error> {
    inline_filter(state, value, "code", connectspec_lang::inline::Inline::Code)
}

fn inline_filter(
    state: &State,
    value: &Value,
    name: &str,
    node: fn(String) -> connectspec_lang::inline::Inline,
) -> Result<Value, Error> {
    if value.is_none() || value.is_undefined() {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            format!("`{name}` needs a value"),
        ));
    }
    let flavor = flavor_of(state)?;
    let markup = match (flavor, node(value.to_string())) {
        // Markdown code spans are fenced to fit any text (a scope id may hold a backtick).
        (Flavor::Markdown, connectspec_lang::inline::Inline::Code(t)) => escape::md_code(&t),
        (_, n) => inline::render_nodes(flavor, std::slice::from_ref(&n)),
    };
    Ok(Value::from_safe_string(markup))
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
