//! The message catalogues, embedded at compile time and formatted with `fluent-bundle`.
//!
//! A locale's bundle holds every area's messages (ids are unique across areas); the
//! browser loads only the areas it shows (validator messages and the form's chrome).
//! A message a translation lacks falls back to English, so a gap never shows an id to an
//! end user; `cargo xtask check` reports the gap.

use std::borrow::Cow;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::Locale;

/// A part of the catalogue, one `.ftl` file per locale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Area {
    /// Field errors of the validators (Rust and browser).
    Validator,
    /// The service's problem details and connection-test outcomes.
    Service,
    /// The link form's chrome.
    Form,
    /// The generated sentences of guide pages.
    Guides,
}

/// Every area, in file order.
pub const AREAS: [Area; 4] = [Area::Validator, Area::Service, Area::Form, Area::Guides];

impl Area {
    /// The file stem: `validator` for `locales/<locale>/validator.ftl`.
    pub const fn name(self) -> &'static str {
        match self {
            Area::Validator => "validator",
            Area::Service => "service",
            Area::Form => "form",
            Area::Guides => "guides",
        }
    }

    const fn index(self) -> usize {
        self as usize
    }
}

macro_rules! area_files {
    ($locale:literal) => {
        [
            include_str!(concat!("../../../locales/", $locale, "/validator.ftl")),
            include_str!(concat!("../../../locales/", $locale, "/service.ftl")),
            include_str!(concat!("../../../locales/", $locale, "/form.ftl")),
            include_str!(concat!("../../../locales/", $locale, "/guides.ftl")),
        ]
    };
}

/// The shipped catalogues, in the order of [`Locale::SHIPPED`].
static SHIPPED: [[&str; 4]; 5] = [
    area_files!("en"),
    area_files!("de"),
    area_files!("fr"),
    area_files!("es"),
    area_files!("ja"),
];

/// The Fluent source of one area in one locale (a pseudo-locale's is generated from
/// English).
pub fn source(locale: Locale, area: Area) -> Cow<'static, str> {
    match locale {
        Locale::Pseudo | Locale::PseudoRtl => Cow::Owned(crate::pseudo::ftl(
            SHIPPED[0][area.index()],
            locale.is_rtl(),
        )),
        shipped => Cow::Borrowed(SHIPPED[shipped_index(shipped)][area.index()]),
    }
}

fn shipped_index(locale: Locale) -> usize {
    Locale::SHIPPED
        .iter()
        .position(|l| *l == locale)
        .expect("pseudo-locales are handled by the caller")
}

type Bundle = FluentBundle<FluentResource>;

static BUNDLES: [OnceLock<Bundle>; 7] = [const { OnceLock::new() }; 7];

fn bundle(locale: Locale) -> &'static Bundle {
    let i = Locale::ALL.iter().position(|l| *l == locale).unwrap_or(0);
    BUNDLES[i].get_or_init(|| build(locale))
}

fn build(locale: Locale) -> Bundle {
    let langid = locale
        .plural_tag()
        .parse()
        .expect("every locale tag is a valid language identifier");
    let mut bundle = Bundle::new_concurrent(vec![langid]);
    // No Unicode isolation marks around arguments: the browser module formats with
    // `useIsolating: false` too, and messages are compared byte for byte.
    bundle.set_use_isolating(false);
    for area in AREAS {
        // A syntax error drops only the broken entry; the checks report it.
        let resource = match FluentResource::try_new(source(locale, area).into_owned()) {
            Ok(r) => r,
            Err((r, _)) => r,
        };
        // Duplicate ids keep the first; the checks report them.
        let _ = bundle.add_resource(resource);
    }
    bundle
}

/// One argument of a message.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Arg<'a> {
    /// Text, inserted as is.
    Str(&'a str),
    /// A number: selects the plural variant and prints without grouping (`2048`).
    Num(u64),
}

/// The message `id` of the catalogue in `locale` with `args`. Falls back to English when
/// the locale lacks the message, and to the id itself when English does too (a bug the
/// tests catch: every id the code uses is in the English catalogue).
pub fn message(locale: Locale, id: &str, args: &[(&str, Arg<'_>)]) -> String {
    message_with(locale, id, args.iter().copied())
}

/// [`message`] with its arguments from an iterator, so a caller holding them in another
/// shape passes them without collecting them first.
///
/// The message is written into one buffer sized for its arguments and the usual length
/// of a message's own text, so a message in any language is built with as few
/// allocations as its English.
pub fn message_with<'a>(
    locale: Locale,
    id: &str,
    args: impl IntoIterator<Item = (&'a str, Arg<'a>)>,
) -> String {
    let args = args.into_iter();
    let mut fluent_args = FluentArgs::with_capacity(args.size_hint().0);
    let mut capacity = MESSAGE_TEXT;
    for (name, value) in args {
        let v = match value {
            Arg::Str(s) => {
                capacity += s.len();
                FluentValue::from(s)
            }
            Arg::Num(n) => {
                capacity += 20;
                FluentValue::from(n)
            }
        };
        fluent_args.set(name, v);
    }
    for l in [locale, Locale::En] {
        let b = bundle(l);
        if let Some(pattern) = b.get_message(id).and_then(|m| m.value()) {
            let mut out = String::with_capacity(capacity);
            let mut errors = Vec::new();
            // Writing into a `String` cannot fail.
            let _ = b.write_pattern(&mut out, pattern, Some(&fluent_args), &mut errors);
            return out;
        }
    }
    debug_assert!(false, "message `{id}` is not in the English catalogue");
    id.to_owned()
}

/// Room for a message's own words around its arguments (a validator message's are a few
/// dozen bytes); a longer message grows the buffer as any `String` grows.
const MESSAGE_TEXT: usize = 96;

/// A catalogue's source as a program ships it: the same messages, serialised without
/// comments and blank lines between entries (what the browser module embeds; Fluent
/// formats it exactly as the commented file).
pub fn without_comments(source: &str) -> String {
    use fluent_syntax::ast::Entry;
    let mut resource = match fluent_syntax::parser::parse(source) {
        Ok(r) => r,
        Err((r, _)) => r,
    };
    resource
        .body
        .retain(|e| matches!(e, Entry::Message(_) | Entry::Term(_)));
    for e in &mut resource.body {
        match e {
            Entry::Message(m) => m.comment = None,
            Entry::Term(t) => t.comment = None,
            _ => {}
        }
    }
    fluent_syntax::serializer::serialize(&resource)
}

/// The ids of the messages of one area in one locale, in file order.
pub fn message_ids(locale: Locale, area: Area) -> Vec<String> {
    let src = source(locale, area);
    let resource = match fluent_syntax::parser::parse(src.as_ref()) {
        Ok(r) => r,
        Err((r, _)) => r,
    };
    resource
        .body
        .iter()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_comments_formats_the_same() {
        let src =
            "## group\n# note\nhello = Hello { $n ->\n    [one] one\n   *[other] { $n } many\n}!\n";
        let out = without_comments(src);
        assert!(!out.contains('#'), "{out}");
        assert_eq!(message_ids_of(&out), ["hello"]);
    }

    fn message_ids_of(src: &str) -> Vec<String> {
        let r = fluent_syntax::parser::parse(src).unwrap();
        r.body
            .iter()
            .filter_map(|e| match e {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn every_locale_parses_and_has_the_english_ids() {
        for area in AREAS {
            let english = message_ids(Locale::En, area);
            for locale in Locale::ALL {
                let src = source(locale, area);
                if let Err((_, errors)) = fluent_syntax::parser::parse(src.as_ref()) {
                    panic!("{locale} {}: {errors:?}", area.name());
                }
                assert_eq!(
                    message_ids(locale, area),
                    english,
                    "{locale} {}",
                    area.name()
                );
            }
        }
    }
}
