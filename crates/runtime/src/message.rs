//! The validators' messages: Fluent messages of `locales/<locale>/validator.ftl`
//! (through `connectspec-i18n`), with the spec's texts (labels, hints, option labels,
//! rule messages) in the same language.
//!
//! Every error keeps the id and the arguments it was formatted from ([`MessageArgs`]),
//! so a caller can show it its own way, and the browser module formats the same ids
//! from the same catalogue. Messages are only built when a check failed: nothing here
//! runs for valid input.

use std::borrow::Cow;

use connectspec_i18n::{Arg, Lang, Locale};
use serde::Serialize;
use serde::ser::SerializeMap;

/// One argument of a message, as it was formatted into it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum MessageArg {
    /// Text (a label, a hint, a prefix in backticks, a list), in the message's language.
    Str(String),
    /// A whole number (a length, a count of bits): selects the plural variant.
    Num(u64),
}

/// The named arguments of a message, in the order the checker gives them; serialised
/// as a JSON object.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MessageArgs(Vec<(&'static str, MessageArg)>);

impl MessageArgs {
    /// No arguments.
    pub const fn new() -> MessageArgs {
        MessageArgs(Vec::new())
    }

    /// With a text argument.
    pub fn str(mut self, name: &'static str, value: impl Into<String>) -> MessageArgs {
        self.0.push((name, MessageArg::Str(value.into())));
        self
    }

    /// With a number argument.
    pub fn num(mut self, name: &'static str, value: u64) -> MessageArgs {
        self.0.push((name, MessageArg::Num(value)));
        self
    }

    /// The argument `name`, if given.
    pub fn get(&self, name: &str) -> Option<&MessageArg> {
        self.0.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    /// Every argument, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &MessageArg)> {
        self.0.iter().map(|(n, v)| (*n, v))
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Formats message `id` of the validator catalogue in `locale` with these arguments.
    pub fn format(&self, locale: Locale, id: &str) -> String {
        let args = self.0.iter().map(|(n, v)| {
            let v = match v {
                MessageArg::Str(s) => Arg::Str(s),
                MessageArg::Num(n) => Arg::Num(*n),
            };
            (*n, v)
        });
        connectspec_i18n::message_with(locale, id, args)
    }
}

impl Serialize for MessageArgs {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (name, value) in &self.0 {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

/// One catalogue message, formatted in `locale`, with no argument.
pub(crate) fn plain(locale: Locale, id: &str) -> String {
    connectspec_i18n::message(locale, id, &[])
}

/// The spec text whose key is `base` + `/` + `suffix`, in `lang` (English as the spec
/// writes it), looked up without building the key.
pub(crate) fn spec_text<'e>(
    lang: &Lang<'e>,
    base: &str,
    suffix: &str,
    english: &'e str,
) -> Cow<'e, str> {
    if lang.locale == Locale::En || base.is_empty() {
        return Cow::Borrowed(english);
    }
    lang.spec_text_at(base, suffix, english)
}

/// A code span: what the end user sees as is (a prefix, an option's value).
pub(crate) fn code(locale: Locale, value: &str) -> String {
    MessageArgs::new()
        .str("value", value)
        .format(locale, "validator-code")
}

/// Which list: "a, b or c" (the allowed prefixes) or "a, b, c" (the options).
#[derive(Clone, Copy)]
pub(crate) enum ListKind {
    Or,
    Plain,
}

/// `items` as one list in `locale`, built from the right as CLDR list patterns are: the
/// last two joined by the end pattern, each earlier item by the middle one, the first
/// by the start one; two items alone by the two pattern.
pub(crate) fn list(locale: Locale, kind: ListKind, items: &[String]) -> String {
    let ids = match kind {
        ListKind::Or => [
            "validator-list-or-two",
            "validator-list-or-start",
            "validator-list-or-middle",
            "validator-list-or-end",
        ],
        ListKind::Plain => ["validator-list"; 4],
    };
    let join = |id: &str, first: &str, second: &str| {
        MessageArgs::new()
            .str("first", first)
            .str("second", second)
            .format(locale, id)
    };
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [a, b] => join(ids[0], a, b),
        [first, middle @ .., before_last, last] => {
            let mut rest = join(ids[3], before_last, last);
            for item in middle.iter().rev() {
                rest = join(ids[2], item, &rest);
            }
            join(ids[1], first, &rest)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_as_before_in_english() {
        let items = |n: usize| -> Vec<String> { (0..n).map(|i| format!("`{i}`")).collect() };
        let or = |n| list(Locale::En, ListKind::Or, &items(n));
        assert_eq!(or(1), "`0`");
        assert_eq!(or(2), "`0` or `1`");
        assert_eq!(or(3), "`0`, `1` or `2`");
        assert_eq!(or(5), "`0`, `1`, `2`, `3` or `4`");
        assert_eq!(
            list(Locale::En, ListKind::Plain, &items(3)),
            "`0`, `1`, `2`"
        );
        assert_eq!(
            list(Locale::Ja, ListKind::Or, &items(3)),
            "`0`、`1`、または`2`"
        );
    }

    #[test]
    fn args_serialise_as_an_object() {
        let args = MessageArgs::new().str("label", "API Token").num("n", 39);
        assert_eq!(
            serde_json::to_string(&args).unwrap(),
            r#"{"label":"API Token","n":39}"#
        );
        assert_eq!(
            args.format(Locale::En, "validator-length-hint"),
            // `$hint` is missing: Fluent shows its name, which the tests of every id catch.
            "API Token must be {$hint} (it has 39)"
        );
    }
}
