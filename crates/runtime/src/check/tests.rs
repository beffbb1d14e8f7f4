use super::*;
use crate::error::ErrorKind;
use crate::matcher::{Piece, PieceMatcher};
use std::collections::BTreeMap;

static TOKEN_CLASS: ByteClass = ByteClass::EMPTY
    .with_range(b'a', b'z')
    .with_range(b'A', b'Z')
    .with_range(b'0', b'9')
    .with_range(b'-', b'-');
static TOKEN_PIECES: [Piece<'static>; 1] = [Piece::Class {
    class: TOKEN_CLASS,
    min: 40,
    max: 40,
}];
static TOKEN: PieceMatcher<'static> = PieceMatcher::new(&TOKEN_PIECES);
static FIELDS: [FieldRules<'static>; 2] = [
    FieldRules {
        key: "api_token",
        label: "API Token",
        text_key: "auth_methods/api_token/fields/api_token",
        hint: Some("40 characters: letters, digits and hyphens"),
        secret: true,
        optional: false,
        default: None,
        min_length: Some(40),
        max_length: Some(40),
        prefixes: &[],
        forbidden_prefixes: &[],
        format: None,
        options: &[],
        normalize: &[Normalize::Trim],
        pattern: Some(&TOKEN),
        pattern_lengths: (40, 40),
        private_key: None,
    },
    FieldRules {
        key: "user_email",
        label: "User Email",
        text_key: "auth_methods/api_token/fields/user_email",
        hint: None,
        secret: false,
        optional: false,
        default: None,
        min_length: None,
        max_length: None,
        prefixes: &[],
        forbidden_prefixes: &[],
        format: Some(Format::Email),
        options: &[],
        normalize: &[Normalize::Trim],
        pattern: None,
        pattern_lengths: (0, u32::MAX),
        private_key: None,
    },
];
static RULES: MethodRules<'static> = MethodRules {
    fields: &FIELDS,
    rules: &[],
    derived: &[],
};

#[test]
fn all_errors_at_once_and_no_echo() {
    let secret = "a".repeat(39);
    let mut m = BTreeMap::new();
    m.insert("api_token".to_string(), secret.clone());
    m.insert("extra".to_string(), "x".to_string());
    let err = validate::<2>(&RULES, &m).unwrap_err();
    let msgs: Vec<&str> = err.errors().iter().map(|e| e.message.as_str()).collect();
    assert_eq!(
        msgs,
        [
            "API Token must be 40 characters: letters, digits and hyphens (it has 39)",
            "User Email is required",
            "`extra` is not a field of this form"
        ]
    );
    assert!(!format!("{err:?}{err}").contains(&secret));
}

#[test]
fn control_characters_are_found_anywhere() {
    for len in 0..40 {
        let clean = "a".repeat(len);
        assert!(!has_control(clean.as_bytes()), "{len}");
        for at in 0..len {
            for bad in [0u8, b'\n', 0x1f, 0x7f] {
                let mut b = clean.clone().into_bytes();
                b[at] = bad;
                assert!(has_control(&b), "{len} {at} {bad}");
            }
        }
    }
    assert!(!has_control(" ~\u{e9}\u{80}".as_bytes()));
}

/// The format and the pattern run before the other checks (a passing printable
/// ASCII shape settles the control and length passes); the failure reported must
/// still be the first in the documented order.
#[test]
fn a_pattern_message_names_the_length_only_when_it_is_wrong() {
    // The pattern alone fixes the length (no min/max): a wrong character is not a
    // length problem, a short value is.
    let rules = FieldRules {
        min_length: None,
        max_length: None,
        ..FIELDS[0]
    };
    let message = |v: &str| check_field(&rules, v).unwrap_err().message;
    let token = "a-1".repeat(13) + "x";
    assert_eq!(
        message(&format!("{}_", &token[..39])),
        "API Token must be 40 characters: letters, digits and hyphens"
    );
    assert_eq!(
        message(&token[..39]),
        "API Token must be 40 characters: letters, digits and hyphens (it has 39 characters)"
    );
    // A pattern that says nothing of lengths never names one.
    let unknown = FieldRules {
        pattern_lengths: (0, u32::MAX),
        ..rules
    };
    let message = check_field(&unknown, &token[..39]).unwrap_err().message;
    assert_eq!(
        message,
        "API Token must be 40 characters: letters, digits and hyphens"
    );
}

#[test]
fn failures_keep_their_order_when_the_shape_runs_first() {
    let kind = |field: usize, v: &str| {
        check_field(&FIELDS[field], v)
            .map(|_| ())
            .map_err(|e| e.kind)
    };
    let token = "a-1".repeat(13) + "x";
    assert_eq!(kind(0, &token), Ok(()));
    let with_newline = format!("{}\n{}", &token[..20], &token[21..]);
    assert_eq!(kind(0, &with_newline), Err(ErrorKind::ControlCharacter));
    let short_with_tab = format!("{}\t{}", &token[..15], &token[15..30]);
    assert_eq!(kind(0, &short_with_tab), Err(ErrorKind::ControlCharacter));
    assert_eq!(
        kind(0, &token[..39]),
        Err(ErrorKind::TooShort {
            min: 40,
            actual: 39
        })
    );
    assert_eq!(
        kind(0, &format!("{}!", &token[..39])),
        Err(ErrorKind::Pattern)
    );
    // Forty characters, eighty bytes: the length counts characters, the pattern fails.
    assert_eq!(kind(0, &"\u{e9}".repeat(40)), Err(ErrorKind::Pattern));
    assert_eq!(
        kind(0, &"\u{e9}".repeat(41)),
        Err(ErrorKind::TooLong {
            max: 40,
            actual: 41
        })
    );
    assert_eq!(kind(1, "ada@example.com"), Ok(()));
    assert_eq!(
        kind(1, "ada\u{7}@example.com"),
        Err(ErrorKind::ControlCharacter)
    );
    assert_eq!(
        kind(1, "ada@example"),
        Err(ErrorKind::Format {
            format: Format::Email
        })
    );
}

#[test]
fn normalisation_is_reported() {
    let token = format!(" {} ", "a-1".repeat(13) + "x");
    let pairs: [(&str, &str); 2] = [("api_token", &token), ("user_email", "ada@example.com")];
    let ok = validate::<2>(&RULES, &pairs[..]).unwrap();
    assert_eq!(ok.normalized, 0b01);
    assert_eq!(ok.values[0].as_deref(), Some(token.trim()));
}
