//! Closed-choice fields become enums whose values and labels come from the field's
//! table entry by position: the enum and the table must agree, and the typed member
//! must hold the option that was sent.

use connectspec_providers::prelude::*;
use std::collections::BTreeMap;

use connectspec_providers::datadog::{ApiAndApplicationKey, api_and_application_key as tables};

#[test]
fn enum_options_match_the_field_table() {
    let field = tables::FIELDS
        .iter()
        .find(|f| f.key == "site")
        .expect("datadog has a site field");
    assert_eq!(tables::Site::ALL.len(), field.options.len());
    for (option, rule) in tables::Site::ALL.iter().zip(field.options) {
        assert_eq!(option.as_str(), rule.value);
        assert_eq!(option.label(), rule.label);
        assert_eq!(option.to_string(), rule.value);
        assert_eq!(tables::Site::from_value(rule.value), Some(*option));
    }
    assert_eq!(tables::Site::from_value("not-a-site"), None);
}

#[test]
fn typed_member_holds_the_sent_option() {
    // The site is the method's only constrained field; the keys take any value.
    let last = tables::Site::ALL[tables::Site::ALL.len() - 1];
    let fields: BTreeMap<String, String> = tables::FIELDS
        .iter()
        .map(|f| {
            let v = if f.key == "site" {
                last.as_str()
            } else {
                "some-key"
            };
            (f.key.to_owned(), v.to_owned())
        })
        .collect();
    let creds = ApiAndApplicationKey::from_fields(&fields).expect("valid");
    assert_eq!(creds.site(), last);
    assert_eq!(
        creds.public_values().get("site").map(String::as_str),
        Some(last.as_str())
    );
    assert!(creds.to_string().contains(last.as_str()));
}

#[test]
fn choices_parse_and_serialize_as_their_stored_value() {
    for option in tables::Site::ALL {
        assert_eq!(option.as_str().parse::<tables::Site>(), Ok(option));
        let json = serde_json::to_value(option).unwrap();
        assert_eq!(json, serde_json::Value::String(option.as_str().to_owned()));
        assert_eq!(
            serde_json::from_value::<tables::Site>(json).unwrap(),
            option
        );
    }
    let err = "us9.example.com".parse::<tables::Site>().unwrap_err();
    let message = err.to_string();
    assert!(
        message.contains("Site must be one of: `datadoghq.com` (US1"),
        "{message}"
    );
    assert!(
        !message.contains("us9.example.com"),
        "the value is not echoed"
    );
    let err = serde_json::from_value::<tables::Site>(serde_json::json!("us9.example.com"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("must be one of"), "{err}");
    assert!(serde_json::from_value::<tables::Site>(serde_json::json!(3)).is_err());
}
