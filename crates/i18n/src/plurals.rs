//! The plural categories (CLDR) a locale needs, for the missing-plural check: a select
//! on a count must name every category the locale's cardinal rules give some whole
//! number (counts in messages are whole: lengths, bits, fields).

use intl_pluralrules::{PluralRuleType, PluralRules};

use crate::Locale;

/// The CLDR cardinal categories of `locale` for whole numbers, as Fluent variant keys.
///
/// From CLDR 44's plural rules (what the browsers' `Intl.PluralRules` apply): French
/// and Spanish have `many` for a million and its multiples since CLDR 38, which the
/// rules `fluent-bundle` carries predate. A catalogue names every category here, so the
/// browser (newer rules) and Rust (older rules) print the same text for any count.
pub fn categories(locale: Locale) -> &'static [&'static str] {
    match locale {
        Locale::En | Locale::De | Locale::Pseudo | Locale::PseudoRtl => &["one", "other"],
        Locale::Fr | Locale::Es => &["one", "many", "other"],
        Locale::Ja => &["other"],
    }
}

/// The categories `fluent-bundle`'s own rules give whole numbers in `locale` (probing
/// 0–1,000 and powers of a million): a subset of [`categories`], which the tests hold.
pub fn rust_categories(locale: Locale) -> Vec<&'static str> {
    let langid: unic_langid::LanguageIdentifier = locale
        .plural_tag()
        .parse()
        .expect("every locale tag is a valid language identifier");
    let rules = PluralRules::create(langid, PluralRuleType::CARDINAL)
        .expect("CLDR has plural rules for every shipped locale");
    let mut seen = Vec::new();
    let probes = (0u64..=1000).chain([1_000_000, 2_000_000, 1_000_000_000]);
    for n in probes {
        let c = rules.select(n).expect("a whole number has a category");
        let name = match c {
            intl_pluralrules::PluralCategory::ZERO => "zero",
            intl_pluralrules::PluralCategory::ONE => "one",
            intl_pluralrules::PluralCategory::TWO => "two",
            intl_pluralrules::PluralCategory::FEW => "few",
            intl_pluralrules::PluralCategory::MANY => "many",
            intl_pluralrules::PluralCategory::OTHER => "other",
        };
        if !seen.contains(&name) {
            seen.push(name);
        }
    }
    seen
}

/// Whether a variant key is a plural category name.
pub fn is_category(key: &str) -> bool {
    matches!(key, "zero" | "one" | "two" | "few" | "many" | "other")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_of_the_shipped_locales() {
        assert_eq!(categories(Locale::Ja), ["other"]);
        assert_eq!(categories(Locale::De), ["one", "other"]);
        assert_eq!(categories(Locale::Fr), ["one", "many", "other"]);
        for l in Locale::ALL {
            for c in rust_categories(l) {
                assert!(categories(l).contains(&c), "{l}: {c}");
            }
        }
    }
}
