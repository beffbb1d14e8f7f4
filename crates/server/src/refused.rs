//! Problems of a provider address the service refuses to reach, named by the values that
//! made it (the form's fields, an OAuth test's captured values), and the service's own
//! internal errors. Shared by connection tests, OAuth and token exchanges.

use axum::http::StatusCode;
use connectspec_runtime::{
    ErrorKind, FieldError, MethodMeta, UrlPart, UrlValueError, placeholder_parts,
};

use crate::i18n::{Msg, field_label, msg, spec_text};
use crate::problem::{FieldProblem, Problem};

/// 422 naming what decides the host: the form fields, and the captured values an
/// OAuth test takes in `values` (a refused host must say which value led to it). `why`
/// says what is wrong with the address, as a selector of the message
/// `refused-host-field`: `needed`, `needed-token`, `invalid`, `invalid-token`,
/// `not-https-token`, `not-allowed`, `internal`, `internal-only`, `internal-only-test`.
pub(crate) fn host_problem(meta: &MethodMeta, why: &'static str) -> Problem {
    let fields = meta.host_fields().into_iter().map(|key| {
        let label = field_label(meta, key).unwrap_or(std::borrow::Cow::Borrowed(key));
        (key, label.into_owned())
    });
    let errors = fields
        .chain(captured_host_keys(meta))
        .map(|(key, label)| FieldError {
            field: key.to_owned(),
            kind: ErrorKind::HostNotAllowed,
            message: msg!("refused-host-field", label = label, why = why).text(),
            message_id: None,
            args: Default::default(),
        })
        .collect();
    refused_problem(meta, errors)
}

/// The captured values (key, label) that stand in the host of the method's base URL.
fn captured_host_keys(meta: &MethodMeta) -> Vec<(&'static str, String)> {
    let Some(o) = meta.oauth else {
        return Vec::new();
    };
    let mut keys: Vec<&'static str> = Vec::new();
    placeholder_parts(&[&meta.base_url], UrlPart::Scheme, |k, part| {
        if matches!(part, UrlPart::Host | UrlPart::Scheme) {
            keys.push(k);
        }
    });
    o.captures
        .iter()
        .filter(|c| keys.contains(&c.key))
        .map(|c| (c.key, capture_label(meta, c.key, c.label)))
        .collect()
}

/// A captured value's label in the request's language.
fn capture_label(meta: &MethodMeta, key: &str, english: &'static str) -> String {
    spec_text(meta, &format!("oauth/capture/{key}/label"), english).into_owned()
}

/// 422 for a value that cannot go where its template puts it.
pub(crate) fn value_problem(meta: &MethodMeta, e: &UrlValueError) -> Problem {
    // A derived value is named by the field it comes from.
    let field = meta
        .rules
        .derived
        .iter()
        .find(|d| d.key == e.key)
        .map_or(e.key.as_str(), |d| meta.fields[d.from].key);
    let label = field_label(meta, field)
        .map(std::borrow::Cow::into_owned)
        .or_else(|| {
            let captures = meta.oauth.map_or(&[][..], |o| o.captures);
            let c = captures.iter().find(|c| c.key == field)?;
            Some(capture_label(meta, c.key, c.label))
        })
        .unwrap_or_else(|| field.to_owned());
    let message = msg!("refused-value", label = label, why = e.reason.id());
    refused_problem(
        meta,
        vec![FieldError {
            field: field.to_owned(),
            kind: ErrorKind::UnsafeInUrl,
            message: message.text(),
            message_id: None,
            args: Default::default(),
        }],
    )
}

/// Where a value is in the request body: a form field under `/fields`, a captured
/// value (an OAuth test's) under `/values`.
fn member_pointer(meta: &MethodMeta, key: &str) -> String {
    let captured = !meta.fields.iter().any(|f| f.key == key)
        && meta
            .oauth
            .is_some_and(|o| o.captures.iter().any(|c| c.key == key));
    if captured {
        format!("/values/{key}")
    } else {
        format!("/fields/{key}")
    }
}

fn refused_problem(meta: &MethodMeta, errors: Vec<FieldError>) -> Problem {
    let detail = match errors.first() {
        Some(e) => msg!("problem-refused-host-detail", message = &e.message),
        None => msg!("problem-refused-host-form"),
    };
    let mut p = Problem::new(StatusCode::UNPROCESSABLE_ENTITY, "refused-host", detail);
    p.errors = errors
        .into_iter()
        .map(|error| FieldProblem {
            pointer: member_pointer(meta, &error.field),
            error,
        })
        .collect();
    p
}

/// 500: something the service should have been able to do (the detail says what).
pub(crate) fn internal(detail: Msg) -> Problem {
    Problem::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", detail)
}

#[cfg(test)]
mod tests {
    use connectspec_i18n::Locale;
    use connectspec_runtime::UrlRefusal;

    use crate::i18n::msg;

    #[test]
    fn every_refusal_has_its_own_sentence_in_every_language() {
        // The catalogue selects by the runtime's id; an id a locale lacks would fall to
        // the default variant and read like another refusal.
        for locale in Locale::SHIPPED {
            let mut sentences: Vec<String> = UrlRefusal::ALL
                .iter()
                .map(|r| msg!("refused-value", label = "X", why = r.id()).render(locale))
                .collect();
            assert!(sentences.iter().all(|s| s.contains('X')), "{sentences:?}");
            sentences.sort();
            sentences.dedup();
            assert_eq!(sentences.len(), UrlRefusal::ALL.len(), "{locale}");
        }
        assert_eq!(
            msg!(
                "refused-value",
                label = "Subdomain",
                why = UrlRefusal::OneLabel.id()
            )
            .render(Locale::De),
            "Subdomain muss hier ein einzelnes Host-Label sein (Buchstaben, Ziffern und Bindestriche, kein Punkt)"
        );
    }
}
