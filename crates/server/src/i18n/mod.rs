//! The service speaks the caller's language.
//!
//! Each request gets one locale ([`scope`]): a `lang` query parameter (or a `lang`
//! member of a JSON body) wins, then the locale of the link session the request carries,
//! then `Accept-Language` (RFC 4647 lookup through `connectspec_i18n::negotiate`),
//! else English. Pseudo-locales (`en-XA`, `ar-XB`) are chosen only when the service was
//! started with `--pseudo-locales`.
//!
//! Two kinds of text are localised:
//!
//! - the service's own sentences (problem titles and details, connection-test outcomes,
//!   the pages' chrome) are messages of `locales/<locale>/service.ftl`, kept as a
//!   [`Msg`] (id and arguments) until the answer is written, so a problem made deep in a
//!   connection test is rendered in the caller's language without a locale parameter
//!   through every function;
//! - a spec's texts (labels, descriptions, hints, guides, connection-test meanings) come
//!   from the spec's translations, `specs/i18n/<locale>/<id>.yaml` ([`texts`]).
//!
//! An answer that holds localised text says so (`Content-Language`, `Vary:
//! Accept-Language`). No message argument is ever a secret: arguments are spec texts,
//! ids, counts and the provider's name.

pub(crate) mod localised;
pub(crate) mod scope;
pub mod texts;

use std::borrow::Cow;

use connectspec_i18n::Locale;
use connectspec_runtime::MethodMeta;

pub use scope::{Localised, current, pseudo_enabled};

/// One argument of a [`Msg`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// Text, inserted as is.
    Str(String),
    /// A count: selects the plural variant (CLDR) and prints without grouping.
    Num(u64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Str(s.to_owned())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Str(s)
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Str(s.clone())
    }
}

impl From<Cow<'_, str>> for Arg {
    fn from(s: Cow<'_, str>) -> Arg {
        Arg::Str(s.into_owned())
    }
}

macro_rules! num_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                Arg::Num(u64::try_from(n).unwrap_or(u64::MAX))
            }
        }
    )*};
}
num_arg!(u16, u32, u64, usize, u128);

/// A sentence of the service's catalogue (`locales/<locale>/service.ftl`), rendered
/// when the answer is written, in the request's locale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    id: &'static str,
    /// Boxed: a problem holds one, and a problem is the error of most handlers.
    args: Box<[(&'static str, Arg)]>,
}

impl Msg {
    /// The message `id` with `args` (see the [`msg!`] macro).
    pub fn new(id: &'static str, args: Vec<(&'static str, Arg)>) -> Msg {
        Msg {
            id,
            args: args.into_boxed_slice(),
        }
    }

    /// The message's id.
    pub fn id(&self) -> &'static str {
        self.id
    }

    /// The sentence in `locale` (English where the locale lacks the message).
    pub fn render(&self, locale: Locale) -> String {
        let args = self.args.iter().map(|(name, a)| {
            let v = match a {
                Arg::Str(s) => connectspec_i18n::Arg::Str(s),
                Arg::Num(n) => connectspec_i18n::Arg::Num(*n),
            };
            (*name, v)
        });
        connectspec_i18n::message_with(locale, self.id, args)
    }

    /// The sentence in the request's locale.
    pub fn text(&self) -> String {
        self.render(current())
    }
}

/// `msg!("problem-not-found-provider", provider = id)`: a [`Msg`] with named arguments
/// (anything `Into<Arg>`: text or a count).
macro_rules! msg {
    ($id:expr $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::Msg::new($id, vec![$((stringify!($name), $crate::i18n::Arg::from($value))),*])
    };
}
pub(crate) use msg;

/// The spec text at `key` (a key of `connectspec_lang::texts`, without the
/// `auth_methods/<method>/` prefix) of method `m`, in the request's locale: its
/// translation, else the English given.
pub fn spec_text(m: &MethodMeta, key: &str, english: &'static str) -> Cow<'static, str> {
    scope::with_lang(m.provider_id, |lang| {
        if lang.locale == Locale::En {
            return Cow::Borrowed(english);
        }
        let key = format!("auth_methods/{}/{key}", m.id);
        Cow::Owned(lang.spec_text(&key, english).into_owned())
    })
}

/// The method's label in the request's locale.
pub fn label(m: &MethodMeta) -> Cow<'static, str> {
    spec_text(m, "label", m.label)
}

/// A field's label in the request's locale (`fields/…`, else `setup_fields/…`).
pub fn field_label(m: &MethodMeta, key: &str) -> Option<Cow<'static, str>> {
    if let Some(f) = m.fields.iter().find(|f| f.key == key) {
        return Some(spec_text(m, &format!("fields/{key}/label"), f.label));
    }
    let o = m.oauth?;
    let f = o.setup.fields.iter().find(|f| f.key == key)?;
    Some(spec_text(m, &format!("setup_fields/{key}/label"), f.label))
}

/// A scope's label in the request's locale.
pub fn scope_label(m: &MethodMeta, id: &str, english: &'static str) -> Cow<'static, str> {
    spec_text(m, &format!("scopes/{id}/label"), english)
}

/// `a, b, c` in the request's locale (the catalogue's list separator).
pub fn join(items: &[impl AsRef<str>]) -> String {
    let sep = msg!("list-separator").text();
    items
        .iter()
        .map(AsRef::as_ref)
        .collect::<Vec<_>>()
        .join(&sep)
}
