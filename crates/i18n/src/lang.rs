//! A locale together with the translated texts of one spec: what a validator, the
//! service or a page needs to speak to an end user in their language.

use std::borrow::Cow;
use std::cmp::Ordering;

use crate::Locale;

/// The translated texts of one spec in one locale, by the stable keys of
/// `connectspec_lang::texts` (`auth_methods/api_token/fields/api_token/label`, …).
/// `None` means "not translated": the caller keeps the English.
pub trait SpecTexts: Sync {
    /// The translation of the text at `key`, if there is one.
    fn text(&self, key: &str) -> Option<&str>;

    /// The translation of the text at `base/suffix` (a field's texts:
    /// `auth_methods/x/fields/y` + `label`), without building the key where the table
    /// can: a validator message looks up several texts of a field.
    fn text_at(&self, base: &str, suffix: &str) -> Option<&str> {
        self.text(&format!("{base}/{suffix}"))
    }
}

/// No translations: every spec text stays English.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoTexts;

impl SpecTexts for NoTexts {
    fn text(&self, _key: &str) -> Option<&str> {
        None
    }
}

/// `(key, text)` pairs sorted by key, as generated code holds them.
#[derive(Debug, Clone, Copy)]
pub struct TextTable<'a>(pub &'a [(&'a str, &'a str)]);

impl SpecTexts for TextTable<'_> {
    fn text(&self, key: &str) -> Option<&str> {
        self.0
            .binary_search_by(|(k, _)| (*k).cmp(key))
            .ok()
            .map(|i| self.0[i].1)
    }

    fn text_at(&self, base: &str, suffix: &str) -> Option<&str> {
        if self.0.len() <= SCAN {
            return self
                .0
                .iter()
                .find(|(k, _)| is_joined(k, base, suffix))
                .map(|(_, t)| *t);
        }
        self.0
            .binary_search_by(|(k, _)| cmp_joined(k.as_bytes(), base, suffix))
            .ok()
            .map(|i| self.0[i].1)
    }
}

/// Up to this many texts, a table is scanned rather than searched: its keys share a
/// long prefix (`auth_methods/api_token/fields/`), so every probe of a binary search
/// compares that prefix again, while a scan rejects most keys by length and by their
/// last bytes alone. A compiled provider's message texts are a handful.
const SCAN: usize = 16;

/// Whether `key` is `base/suffix`: the length first, then the end, where keys of one
/// spec differ.
fn is_joined(key: &str, base: &str, suffix: &str) -> bool {
    key.len() == base.len() + 1 + suffix.len()
        && key.as_bytes()[base.len()] == b'/'
        && key.ends_with(suffix)
        && key.starts_with(base)
}

/// `key` against `base/suffix` in the order of `str` (bytes), without joining them: the
/// three parts compared as slices (`memcmp`), since a binary search compares many keys
/// that share a long prefix (`auth_methods/api_token/fields/`).
fn cmp_joined(key: &[u8], base: &str, suffix: &str) -> Ordering {
    let base = base.as_bytes();
    let (head, rest) = key.split_at(key.len().min(base.len()));
    match head.cmp(base) {
        Ordering::Equal => {}
        other => return other,
    }
    // `key` starts with `base`; the joined key goes on with `/` and `suffix`.
    match rest.split_first() {
        None => Ordering::Less,
        Some((&b, tail)) => b.cmp(&b'/').then_with(|| tail.cmp(suffix.as_bytes())),
    }
}

impl SpecTexts for std::collections::BTreeMap<String, String> {
    fn text(&self, key: &str) -> Option<&str> {
        self.get(key).map(String::as_str)
    }
}

/// The language to speak: a locale and the spec's texts in it.
#[derive(Clone, Copy)]
pub struct Lang<'a> {
    /// The locale of engine messages.
    pub locale: Locale,
    /// The spec's translated texts in that locale.
    pub texts: &'a dyn SpecTexts,
}

impl std::fmt::Debug for Lang<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lang")
            .field("locale", &self.locale)
            .finish_non_exhaustive()
    }
}

impl Lang<'static> {
    /// English, the source: engine messages from the English catalogue, spec texts as
    /// the spec writes them.
    pub const ENGLISH: Lang<'static> = Lang {
        locale: Locale::En,
        texts: &NoTexts,
    };
}

impl<'a> Lang<'a> {
    /// A locale with the spec's texts in it.
    pub fn new(locale: Locale, texts: &'a dyn SpecTexts) -> Lang<'a> {
        Lang { locale, texts }
    }

    /// The spec text at `key` in this language: its translation; in a pseudo-locale the
    /// English transformed; else the English itself.
    pub fn spec_text<'e>(&self, key: &str, english: &'e str) -> Cow<'e, str>
    where
        'a: 'e,
    {
        self.translated(english, |texts| texts.text(key))
    }

    /// [`Lang::spec_text`] of the text at `base/suffix` (a field's label, hint, option
    /// label), looked up without building its key.
    pub fn spec_text_at<'e>(&self, base: &str, suffix: &str, english: &'e str) -> Cow<'e, str>
    where
        'a: 'e,
    {
        self.translated(english, |texts| texts.text_at(base, suffix))
    }

    /// English as is; in a pseudo-locale the English transformed; else what `find`
    /// finds in the spec's texts, or the English where it finds nothing.
    fn translated<'e>(
        &self,
        english: &'e str,
        find: impl FnOnce(&'a dyn SpecTexts) -> Option<&'a str>,
    ) -> Cow<'e, str>
    where
        'a: 'e,
    {
        if self.locale == Locale::En {
            return Cow::Borrowed(english);
        }
        if self.locale.is_pseudo() {
            return Cow::Owned(crate::pseudo::text(english, self.locale.is_rtl()));
        }
        Cow::Borrowed(find(self.texts).unwrap_or(english))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_text_prefers_the_translation() {
        let table = TextTable(&[("a/label", "A-DE"), ("b/label", "B-DE")]);
        let de = Lang::new(Locale::De, &table);
        assert_eq!(de.spec_text("b/label", "B"), "B-DE");
        assert_eq!(de.spec_text("c/label", "C"), "C");
        assert_eq!(Lang::ENGLISH.spec_text("a/label", "A"), "A");
        let pseudo = Lang::new(Locale::Pseudo, &NoTexts);
        assert_eq!(pseudo.spec_text("a/label", "Key"), "Ķḗḗẏ");
    }

    #[test]
    fn comparing_in_place_orders_as_the_joined_key() {
        // Every string of up to three bytes over an alphabet around `/` (`.` < `/` < `0`):
        // the in-place comparison agrees with comparing the joined key.
        let alphabet = [".", "/", "0", "a"];
        let mut words = vec![String::new()];
        for _ in 0..3 {
            let longer: Vec<String> = words
                .iter()
                .flat_map(|w| alphabet.iter().map(move |c| format!("{w}{c}")))
                .collect();
            words.extend(longer);
        }
        words.sort();
        words.dedup();
        for key in &words {
            for base in &words {
                for suffix in &words {
                    let joined = format!("{base}/{suffix}");
                    assert_eq!(
                        cmp_joined(key.as_bytes(), base, suffix),
                        key.as_str().cmp(joined.as_str()),
                        "{key:?} against {base:?} + {suffix:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn scanned_and_searched_tables_find_the_same_texts() {
        // Keys as a spec's texts are named, in tables on either side of `SCAN`.
        // Three texts a field: 3 and 15 keys are scanned, 18 and 192 searched.
        for n in [1, SCAN / 3, SCAN / 3 + 1, 4 * SCAN] {
            let mut keys: Vec<String> = (0..n)
                .flat_map(|i| {
                    ["label", "hint", "options/x/label"]
                        .map(|s| format!("auth_methods/m/fields/f{i:02}/{s}"))
                })
                .collect();
            keys.sort();
            let pairs: Vec<(&str, &str)> = keys.iter().map(|k| (k.as_str(), k.as_str())).collect();
            let table = TextTable(&pairs);
            for key in &keys {
                for (cut, _) in key.match_indices('/') {
                    let (base, suffix) = (&key[..cut], &key[cut + 1..]);
                    assert_eq!(
                        table.text_at(base, suffix),
                        Some(key.as_str()),
                        "{n}: {key}"
                    );
                }
                assert_eq!(table.text_at(key, "label"), None, "{n}: {key}/label");
                assert_eq!(table.text_at(&key[..key.len() - 1], ""), None, "{n}");
            }
            assert_eq!(
                table.text_at("auth_methods/m/fields/f00", "placeholder"),
                None
            );
        }
    }

    #[test]
    fn a_text_is_found_by_its_base_and_suffix_alone() {
        let table = TextTable(&[
            ("a/f/label", "L"),
            ("a/f/options/x/label", "X"),
            ("a/f/optionsz", "?"),
            ("a/g/label", "G"),
        ]);
        let de = Lang::new(Locale::De, &table);
        assert_eq!(de.spec_text_at("a/f", "label", "en"), "L");
        assert_eq!(de.spec_text_at("a/f", "options/x/label", "en"), "X");
        assert_eq!(de.spec_text_at("a/g", "label", "en"), "G");
        assert_eq!(de.spec_text_at("a/f", "hint", "en"), "en");
        assert_eq!(de.spec_text_at("a", "f/label", "en"), "L");
        let map: std::collections::BTreeMap<String, String> =
            [("a/f/label".to_owned(), "M".to_owned())].into();
        assert_eq!(
            Lang::new(Locale::De, &map).spec_text_at("a/f", "label", "en"),
            "M"
        );
    }
}
