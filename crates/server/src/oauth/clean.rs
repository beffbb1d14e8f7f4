//! Tokens are opaque text, but the service puts them into request headers and URLs: a
//! control character would end a header line (the HTTP client refuses to build one, a
//! 500 before this check) or start a forged one. An access token or captured value a
//! caller sends with one is a 422 naming it; a token endpoint's answer with one is
//! refused like any other answer its spec does not describe.

use connectspec_runtime::{ErrorKind, ExposeSecret, FieldError, TokenSet};

use crate::problem::Problem;

/// Whether `s` holds a control character (U+0000–U+001F, U+007F): the runtime's
/// definition for field values, so a token is held to what a field would be.
pub fn has_control(s: &str) -> bool {
    s.bytes().any(|b| b < 0x20 || b == 0x7f)
}

/// 422 for a member of an OAuth request body holding a control character: `field` is
/// its key, `pointer` its JSON pointer, `label` what the message calls it.
pub fn control_problem(field: &str, pointer: String, label: String) -> Problem {
    Problem::invalid_member(
        pointer,
        FieldError {
            field: field.to_owned(),
            kind: ErrorKind::ControlCharacter,
            message: crate::i18n::msg!("field-control-character", label = label).text(),
            message_id: None,
            args: Default::default(),
        },
    )
}

/// The first member of a token response that holds a control character, by key (the
/// access token, the refresh token, a captured value); `None` when all are clean.
pub fn control_in(tokens: &TokenSet) -> Option<&'static str> {
    if has_control(tokens.access_token.expose_secret()) {
        return Some("access_token");
    }
    if tokens
        .refresh_token
        .as_ref()
        .is_some_and(|r| has_control(r.expose_secret()))
    {
        return Some("refresh_token");
    }
    tokens
        .captured
        .iter()
        .find(|(_, v)| has_control(v))
        .map(|(k, _)| *k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters() {
        for bad in ["a\rb", "a\nb", "\0", "x\u{7f}", "tab\there"] {
            assert!(has_control(bad), "{bad:?}");
        }
        for ok in ["EwBwA8l6BAAUs5-fake", "00D!AQ0.x/y+z=", "é€"] {
            assert!(!has_control(ok), "{ok:?}");
        }
    }
}
