//! The sentences pages make from a spec's data: titles, descriptions, format and limit
//! sentences, in any locale (the messages of `locales/<locale>/guides.ftl`). Kept in one
//! place so the pages, the form's guide and the service's provider detail say the same.
//! The functions without `_in` speak English, the spec's own language.

use connectspec_i18n::Locale;
use connectspec_lang::inline::Inline;
use connectspec_lang::{AuthMethod, Grant, Limit, LimitKind, LimitUnit, ProviderSpec};

use crate::messages::{Arg, nodes, or_list, text};

/// "Connect {provider} with {method label}".
pub fn page_title(spec: &ProviderSpec, method: &AuthMethod) -> String {
    page_title_in(Locale::En, spec, method)
}

/// [`page_title`] in `locale`.
pub fn page_title_in(locale: Locale, spec: &ProviderSpec, method: &AuthMethod) -> String {
    text(
        locale,
        "guide-page-title",
        &[
            ("provider", Arg::Text(&spec.name)),
            ("method", Arg::Text(&method.label)),
        ],
    )
}

/// The one-line description under the title.
pub fn page_description(spec: &ProviderSpec, method: &AuthMethod) -> String {
    page_description_in(Locale::En, spec, method)
}

/// [`page_description`] in `locale`.
pub fn page_description_in(locale: Locale, spec: &ProviderSpec, method: &AuthMethod) -> String {
    let id = match method.grant {
        Some(Grant::AuthorizationCode) => "guide-page-description-authorization-code",
        Some(Grant::ClientCredentials) => "guide-page-description-client-credentials",
        None => "guide-page-description",
    };
    text(
        locale,
        id,
        &[
            ("provider", Arg::Text(&spec.name)),
            ("method", Arg::Text(&method.label)),
        ],
    )
}

/// "Format: {hint}." — the field's format hint as a sentence, in the hint's own markup.
pub fn format_sentence(hint: &str) -> String {
    format_sentence_in(Locale::En, hint)
}

/// [`format_sentence`] in `locale` (the hint as `locale`'s translation writes it).
pub fn format_sentence_in(locale: Locale, hint: &str) -> String {
    // The hint is markup already: formatted into the sentence as it is.
    let hint = hint.trim_end_matches('.');
    connectspec_i18n::message(
        locale,
        "guide-format",
        &[("hint", connectspec_i18n::Arg::Str(hint))],
    )
}

/// The format sentence as inline nodes: the hint's `code` stays code. The hint is in
/// the inline subset (the loader proved it); a failure is reported.
pub fn format_nodes(locale: Locale, hint: &str) -> Result<Vec<Inline>, String> {
    let hint = crate::inline::nodes(hint.trim_end_matches('.'))?;
    Ok(nodes(
        locale,
        "guide-format",
        &[("hint", Arg::Nodes(&hint))],
    ))
}

/// "API Key" → "API Keys", "Policy" → "Policies"; a label that is plural already
/// ("API Credentials", "Keys") stays as it is, while "Access" → "Accesses". English
/// morphology: other locales phrase their count sentences around the label.
fn plural(label: &str) -> String {
    let lower = label.to_ascii_lowercase();
    let already_plural = lower.ends_with('s')
        && !lower.ends_with("ss")
        && !lower.ends_with("us")
        && !lower.ends_with("is");
    if already_plural {
        label.to_owned()
    } else if lower.ends_with('s')
        || lower.ends_with('x')
        || lower.ends_with("ch")
        || lower.ends_with("sh")
    {
        format!("{label}es")
    } else if lower.ends_with('y') && !lower[..lower.len() - 1].ends_with(['a', 'e', 'i', 'o', 'u'])
    {
        format!("{label}ies", label = &label[..label.len() - 1])
    } else {
        format!("{label}s")
    }
}

/// The label as a count sentence names `n` of it: English (and the pseudo-locale made
/// from it) inflects it, every other locale keeps the label as translated.
fn counted(locale: Locale, label: &str, n: u32) -> String {
    if locale.plural_tag() == "en" && n != 1 {
        plural(label)
    } else {
        label.to_owned()
    }
}

/// One plain sentence stating `limit`; `credential` names what it is about ("API Key",
/// "Site Token").
pub fn limit_text(limit: &Limit, credential: &str) -> String {
    limit_text_in(Locale::En, limit, credential)
}

/// [`limit_text`] in `locale`.
pub fn limit_text_in(locale: Locale, limit: &Limit, credential: &str) -> String {
    let n = limit.value.unwrap_or(0);
    let unit = |n: u32| {
        limit
            .unit
            .map(|u| unit_words(locale, u, n))
            .unwrap_or_default()
    };
    let cred = ("credential", Arg::Text(credential));
    match limit.kind {
        LimitKind::ShownOnce => text(locale, "guide-limit-shown-once", &[cred]),
        LimitKind::MaxCount => {
            let label = counted(locale, credential, n);
            let count = [("n", Arg::Num(n.into())), ("credential", Arg::Text(&label))];
            match limit.per.as_deref() {
                Some(per) => text(
                    locale,
                    "guide-limit-max-count-per",
                    &[count[0], count[1], ("per", Arg::Text(per))],
                ),
                None => text(locale, "guide-limit-max-count", &count),
            }
        }
        LimitKind::ExpiresAfter if !limit.choices.is_empty() => {
            let last = limit.choices.last().copied().unwrap_or(0);
            let numbers: Vec<String> = limit.choices.iter().map(u32::to_string).collect();
            let numbers = or_list(locale, &numbers);
            let mut options = vec![text(
                locale,
                "guide-limit-choice-after",
                &[
                    ("numbers", Arg::Text(&numbers)),
                    ("unit", Arg::Text(&unit(last))),
                ],
            )];
            if limit.or_custom {
                options.push(text(locale, "guide-limit-choice-date", &[]));
            }
            if limit.or_never {
                options.push(text(locale, "guide-limit-choice-never", &[]));
            }
            let options = or_list(locale, &options);
            text(
                locale,
                "guide-limit-expires-choices",
                &[cred, ("options", Arg::Text(&options))],
            )
        }
        LimitKind::ExpiresAfter => text(
            locale,
            "guide-limit-expires-after",
            &[
                cred,
                ("n", Arg::Num(n.into())),
                ("unit", Arg::Text(&unit(n))),
            ],
        ),
        LimitKind::ExpiresAfterInactivity => text(
            locale,
            "guide-limit-expires-inactive",
            &[
                cred,
                ("n", Arg::Num(n.into())),
                ("unit", Arg::Text(&unit(n))),
            ],
        ),
        LimitKind::RateLimit => text(
            locale,
            "guide-limit-rate",
            &[("n", Arg::Num(n.into())), ("unit", Arg::Text(&unit(n)))],
        ),
    }
}

/// What the method's limits call the credential: the label of the limit's `field`, else
/// of the method's only secret field, else the method's label.
pub fn credential_label<'m>(method: &'m AuthMethod, limit: &Limit) -> &'m str {
    if let Some(f) = limit.field.as_deref().and_then(|k| method.field(k)) {
        return &f.label;
    }
    let mut secret = method.fields.iter().filter(|f| f.secret);
    match (secret.next(), secret.next()) {
        (Some(f), None) => &f.label,
        _ => &method.label,
    }
}

/// The sentence of one of `method`'s limits.
pub fn limit_sentence(method: &AuthMethod, limit: &Limit) -> String {
    limit_sentence_in(Locale::En, method, limit)
}

/// [`limit_sentence`] in `locale` (`method` with its texts in that locale).
pub fn limit_sentence_in(locale: Locale, method: &AuthMethod, limit: &Limit) -> String {
    limit_text_in(locale, limit, credential_label(method, limit))
}

/// A limit's unit in words, for the number `n`, in `locale`.
pub fn unit_words(locale: Locale, unit: LimitUnit, n: u32) -> String {
    let key = match unit {
        LimitUnit::Seconds => "seconds",
        LimitUnit::Minutes => "minutes",
        LimitUnit::Hours => "hours",
        LimitUnit::Days => "days",
        LimitUnit::RequestsPerSecond => "requests_per_second",
        LimitUnit::RequestsPerMinute => "requests_per_minute",
        LimitUnit::RequestsPerHour => "requests_per_hour",
    };
    text(
        locale,
        "guide-unit",
        &[("unit", Arg::Key(key)), ("n", Arg::Num(n.into()))],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_of_credential_labels() {
        assert_eq!(plural("API Key"), "API Keys");
        assert_eq!(plural("Policy"), "Policies");
        assert_eq!(plural("Gateway"), "Gateways");
        assert_eq!(plural("Access"), "Accesses");
        assert_eq!(plural("Patch"), "Patches");
        // Plural already: no second ending ("Credentialses").
        assert_eq!(plural("API v2 Credentials"), "API v2 Credentials");
        assert_eq!(plural("Keys"), "Keys");
    }

    #[test]
    fn only_english_inflects_the_label() {
        assert_eq!(counted(Locale::En, "API Key", 5), "API Keys");
        assert_eq!(counted(Locale::En, "API Key", 1), "API Key");
        assert_eq!(counted(Locale::De, "API-Schlüssel", 5), "API-Schlüssel");
    }

    #[test]
    fn units_follow_the_number() {
        assert_eq!(unit_words(Locale::En, LimitUnit::Days, 1), "day");
        assert_eq!(unit_words(Locale::En, LimitUnit::Days, 30), "days");
        assert_eq!(
            unit_words(Locale::En, LimitUnit::RequestsPerMinute, 600),
            "requests per minute"
        );
        assert_eq!(unit_words(Locale::De, LimitUnit::Days, 30), "Tage");
        assert_eq!(unit_words(Locale::Ja, LimitUnit::Days, 30), "日");
    }
}
