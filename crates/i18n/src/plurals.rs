//! The plural categories (CLDR) a locale needs, for the missing-plural check: a select
//! on a count must name every category the locale's cardinal rules give some whole
//! number (counts in messages are whole: lengths, bits, fields).

use intl_pluralrules::{PluralRuleType, PluralRules};

use crate::Locale;

/// The CLDR cardinal categories of `locale`, as Fluent variant keys (`one`, `other`, …).
pub fn categories(locale: Locale) -> Vec<&'static str> {
    let langid: unic_langid::LanguageIdentifier = locale
        .plural_tag()
        .parse()
        .expect("every locale tag is a valid language identifier");
    let rules = PluralRules::create(langid, PluralRuleType::CARDINAL)
        .expect("CLDR has plural rules for every shipped locale");
    // The rules select by operands; whole numbers up to 1,000 and the powers of a
    // million (French and Spanish `many`) reach every category a count can have.
    let mut seen = Vec::new();
    let probes = (0u64..=1000).chain([1_000_000, 2_000_000, 1_000_000_000]);
    for n in probes {
        let c = rules.select(n).expect("a whole number has a category");
        if !seen.contains(&c) {
            seen.push(c);
        }
    }
    let mut names: Vec<&'static str> = seen
        .into_iter()
        .map(|c| match c {
            intl_pluralrules::PluralCategory::ZERO => "zero",
            intl_pluralrules::PluralCategory::ONE => "one",
            intl_pluralrules::PluralCategory::TWO => "two",
            intl_pluralrules::PluralCategory::FEW => "few",
            intl_pluralrules::PluralCategory::MANY => "many",
            intl_pluralrules::PluralCategory::OTHER => "other",
        })
        .collect();
    names.sort_by_key(|n| {
        ["zero", "one", "two", "few", "many", "other"]
            .iter()
            .position(|c| c == n)
    });
    names
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
        assert!(categories(Locale::De).contains(&"one"));
        assert!(categories(Locale::Fr).contains(&"one"));
    }
}
