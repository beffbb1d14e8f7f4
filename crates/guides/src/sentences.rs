//! The English sentences pages make from a spec's data: titles, descriptions, format
//! and limit sentences. Kept in one place so the pages, the form's guide and the
//! service's provider detail say the same.

use connectspec_lang::{AuthMethod, Limit, LimitKind, LimitUnit, ProviderSpec};

/// "Connect {provider} with {method label}".
pub fn page_title(spec: &ProviderSpec, method: &AuthMethod) -> String {
    format!("Connect {} with {}", spec.name, method.label)
}

/// The one-line description under the title.
pub fn page_description(spec: &ProviderSpec, method: &AuthMethod) -> String {
    match method.grant {
        Some(connectspec_lang::Grant::AuthorizationCode) => {
            return format!(
                "Step by step: link your {} account by signing in at {} and approving access.",
                spec.name, spec.name
            );
        }
        Some(connectspec_lang::Grant::ClientCredentials) => {
            return format!(
                "Step by step: link your {} account with the {} connector's app credentials.",
                spec.name, method.label
            );
        }
        None => {}
    }
    format!(
        "Step by step: create your {} in {} and link your {} account with it.",
        method.label, spec.name, spec.name
    )
}

/// "Format: {hint}." — the field's format hint as a sentence.
pub fn format_sentence(hint: &str) -> String {
    let hint = hint.trim_end_matches('.');
    format!("Format: {hint}.")
}

/// `a`, `a or b`, `a, b or c`.
fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// "API Key" → "API Keys", "Policy" → "Policies"; a label that is plural already
/// ("API Credentials", "Keys") stays as it is, while "Access" → "Accesses".
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
        format!("{}ies", &label[..label.len() - 1])
    } else {
        format!("{label}s")
    }
}

/// One plain sentence stating `limit`; `credential` names what it is about ("API Key",
/// "Site Token").
pub fn limit_text(limit: &Limit, credential: &str) -> String {
    let n = limit.value.unwrap_or(0);
    let unit = limit.unit.map(|u| unit_words(u, n)).unwrap_or("");
    let the = format!("The {credential}");
    match limit.kind {
        LimitKind::ShownOnce => {
            format!("{the} is displayed only once, when it is generated.")
        }
        LimitKind::MaxCount => {
            let per = limit
                .per
                .as_deref()
                .map_or_else(|| "at a time".to_owned(), |p| format!("per {p}"));
            match n {
                1 => format!("Only one {credential} can exist {per}."),
                _ => format!("At most {n} {} can exist {per}.", plural(credential)),
            }
        }
        LimitKind::ExpiresAfter if !limit.choices.is_empty() => {
            let last = limit.choices.last().copied().unwrap_or(0);
            let unit = limit.unit.map(|u| unit_words(u, last)).unwrap_or("");
            let numbers: Vec<String> = limit.choices.iter().map(u32::to_string).collect();
            let mut options = vec![format!("after {} {unit}", or_list(&numbers))];
            if limit.or_custom {
                options.push("on a date you pick".into());
            }
            if limit.or_never {
                options.push("never".into());
            }
            format!(
                "When you create the {credential}, you choose when it expires: {}.",
                or_list(&options)
            )
        }
        LimitKind::ExpiresAfter => {
            format!("{the} expires {n} {unit} after it is generated.")
        }
        LimitKind::ExpiresAfterInactivity => {
            format!("{the} expires after {n} consecutive {unit} without use.")
        }
        LimitKind::RateLimit => format!("Requests are limited to {n} {unit}."),
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
    limit_text(limit, credential_label(method, limit))
}

/// A limit's unit in words, singular or plural for `n`.
pub fn unit_words(unit: LimitUnit, n: u32) -> &'static str {
    let one = n == 1;
    match unit {
        LimitUnit::Seconds if one => "second",
        LimitUnit::Seconds => "seconds",
        LimitUnit::Minutes if one => "minute",
        LimitUnit::Minutes => "minutes",
        LimitUnit::Hours if one => "hour",
        LimitUnit::Hours => "hours",
        LimitUnit::Days if one => "day",
        LimitUnit::Days => "days",
        LimitUnit::RequestsPerSecond => "requests per second",
        LimitUnit::RequestsPerMinute => "requests per minute",
        LimitUnit::RequestsPerHour => "requests per hour",
    }
}

#[cfg(test)]
mod tests {
    use super::plural;

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
}
