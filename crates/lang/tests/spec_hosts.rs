//! What the host proof admits (issue 31): a host the user types as the whole host, a
//! free value in front of a literal domain, a free value in a path segment, and an
//! optional host label proved with and without it. Each construct is proved on a small
//! test spec here; the corpus (`tests/broken/`) holds the mistakes.

use std::path::Path;

use connectspec_lang::{ProviderSpec, load_str};

/// A spec with `fields` (YAML, indented for the list) and `urls` (the method's
/// `base_url`, `allowed_hosts` and anything else at that level).
fn spec(fields: &str, urls: &str) -> String {
    format!(
        r#"# yaml-language-server: $schema=../schema/provider-spec.schema.json
id: acme
name: Acme
homepage: https://acme.example.com
sources: [https://acme.example.com/docs]
auth_methods:
  - id: api_token
    label: API Token
    kind: bearer
    fields:
{fields}
      - key: api_token
        label: API Token
        secret: true
{urls}
    send:
      headers:
        Authorization: "Bearer {{api_token}}"
    connection_test:
      path: /v1/me
      outcomes:
        - {{status: 401, meaning: The token was rejected.}}
    guide:
      sections:
        - title: Create a token
          intro: Open the settings.
          steps:
            - title: Open the settings
              text: Click **Settings**.
"#
    )
}

fn load(text: &str) -> Result<ProviderSpec, String> {
    load_str(Path::new("acme.yaml"), text).map_err(|d| d.to_string())
}

fn max_length(spec: &ProviderSpec, key: &str) -> Option<u32> {
    spec.auth_methods[0].field(key).unwrap().max_length
}

const HOST_FIELD: &str = r#"      - key: host
        label: Server
        description: The host name of your Acme server, such as `crm.example.org`.
        format: hostname
        examples:
          valid: [crm.example.org]
          invalid:
            - {value: "https://crm.example.org", reason: "a URL, not a host name"}"#;

#[test]
fn a_host_name_field_may_be_the_whole_host_when_any_host_is_allowed() {
    let ok = spec(
        HOST_FIELD,
        "    base_url: https://{host}/api/v2\n    allowed_hosts: [\"*\"]",
    );
    let s = load(&ok).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(max_length(&s, "host"), Some(253));
    // With a default: the provider's cloud host when the field is left empty.
    let with_default = spec(
        &HOST_FIELD.replace(
            "format: hostname",
            "format: hostname\n        optional: true",
        ),
        "    base_url: https://{host|api.acme.example.com}/api/v2\n    allowed_hosts: [\"*\"]",
    );
    load(&with_default).unwrap_or_else(|e| panic!("{e}"));
    // Without `*`, allowed hosts cannot confine it.
    let err = load(&spec(
        HOST_FIELD,
        "    base_url: https://{host}/api/v2\n    allowed_hosts: [\"*.example.org\"]",
    ))
    .unwrap_err();
    assert!(
        err.contains("E040") && err.contains("host name the user types"),
        "{err}"
    );
    // Next to literal text it is no whole host.
    let err = load(&spec(
        HOST_FIELD,
        "    base_url: https://api.{host}/v2\n    allowed_hosts: [\"*\"]",
    ))
    .unwrap_err();
    assert!(err.contains("E040") && err.contains("E042"), "{err}");
    // A secret host name is refused as any secret in a host is.
    let err = load(&spec(
        &HOST_FIELD.replace("format: hostname", "format: hostname\n        secret: true"),
        "    base_url: https://{host}/api/v2\n    allowed_hosts: [\"*\"]",
    ))
    .unwrap_err();
    assert!(err.contains("E032"), "{err}");
}

#[test]
fn a_free_value_in_front_of_a_literal_domain_is_one_label() {
    let free = r#"      - key: subdomain
        label: Subdomain
        examples:
          valid: [acme, acme_1]
          invalid:
            - {value: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", reason: longer than its label leaves}"#;
    let s = load(&spec(
        free,
        "    base_url: https://{subdomain}-api.example.com/v1\n    allowed_hosts: [\"*.example.com\"]",
    ))
    .unwrap_or_else(|e| panic!("{e}"));
    // 63 less `-api`.
    assert_eq!(max_length(&s, "subdomain"), Some(59));
    // A pattern that admits dots is no matter: the runtime refuses a dot there.
    let dotted = free.replace(
        "        examples:",
        "        pattern: '^[a-z0-9._]+$'\n        hint: letters, digits, dots and underscores\n        examples:",
    );
    load(&spec(
        &dotted,
        "    base_url: https://{subdomain}.example.com/v1\n    allowed_hosts: [\"*.example.com\"]",
    ))
    .unwrap_or_else(|e| panic!("{e}"));
    // At the end of the host, a free value could be any host.
    let err = load(&spec(
        free,
        "    base_url: https://api.{subdomain}/v1\n    allowed_hosts: [\"*.example.com\"]",
    ))
    .unwrap_err();
    assert!(err.contains("could be any host"), "{err}");
    // The literal domain must be covered.
    let err = load(&spec(
        free,
        "    base_url: https://{subdomain}.example.com/v1\n    allowed_hosts: [\"*.example.org\"]",
    ))
    .unwrap_err();
    assert!(err.contains("not all covered"), "{err}");
}

#[test]
fn a_free_value_in_a_path_segment_is_one_segment() {
    let free = r#"      - key: account
        label: Account"#;
    load(&spec(
        free,
        "    base_url: https://api.acme.example.com/v1/accounts/{account}/x\n    allowed_hosts: [api.acme.example.com]",
    ))
    .unwrap_or_else(|e| panic!("{e}"));
    // Part of a segment too: the runtime judges the segment it completes.
    load(&spec(
        free,
        "    base_url: https://api.acme.example.com/v1/{account}.json\n    allowed_hosts: [api.acme.example.com]",
    ))
    .unwrap_or_else(|e| panic!("{e}"));
    // A secret there still needs a pattern of path characters.
    let err = load(&spec(
        &format!("{free}\n        secret: true"),
        "    base_url: https://api.acme.example.com/v1/{account}\n    allowed_hosts: [api.acme.example.com]",
    ))
    .unwrap_err();
    assert!(err.contains("secret field `account`"), "{err}");
}

const DC_FIELD: &str = r#"      - key: dc
        label: Data Centre
        optional: true
        description: Leave empty for the main data centre.
        pattern: '^[a-z]{2}[0-9]$'
        hint: two letters and a digit, such as eu1
        examples:
          valid: [eu1]
          invalid:
            - {value: eu, reason: no digit}"#;

#[test]
fn an_optional_host_label_is_proved_with_and_without_it() {
    load(&spec(
        DC_FIELD,
        "    base_url: https://{?{dc}.}api.acme.example.com/v1\n    allowed_hosts: [api.acme.example.com, \"*.api.acme.example.com\"]",
    ))
    .unwrap_or_else(|e| panic!("{e}"));
    // A hyphenated suffix inside one label.
    load(&spec(
        DC_FIELD,
        "    base_url: https://api{?-{dc}}.acme.example.com/v1\n    allowed_hosts: [\"*.acme.example.com\"]",
    ))
    .unwrap_or_else(|e| panic!("{e}"));
    // Without the label the host is `api.acme.example.com`, which `*.` does not cover.
    let err = load(&spec(
        DC_FIELD,
        "    base_url: https://{?{dc}.}api.acme.example.com/v1\n    allowed_hosts: [\"*.api.acme.example.com\"]",
    ))
    .unwrap_err();
    assert!(
        err.contains("can request host `api.acme.example.com`"),
        "{err}"
    );
    // With it the label must stay under an allowed domain.
    let err = load(&spec(
        DC_FIELD,
        "    base_url: https://{?{dc}.}api.acme.example.com/v1\n    allowed_hosts: [api.acme.example.com]",
    ))
    .unwrap_err();
    assert!(err.contains("not all covered"), "{err}");
    // An optional field outside an optional part is still refused (E027).
    let err = load(&spec(
        DC_FIELD,
        "    base_url: https://{dc}.api.acme.example.com/v1\n    allowed_hosts: [\"*.api.acme.example.com\"]",
    ))
    .unwrap_err();
    assert!(err.contains("E027"), "{err}");
}
