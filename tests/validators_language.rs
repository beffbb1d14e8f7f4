//! The language's choice parameters, defaults, optional template parts, URL-template
//! extraction and user base URLs, through the compiled validators of real specs
//! (Intercom, Mixpanel, GitLab, Jira Data Center, Azure DevOps, Sentry). Compiled only
//! when the providers crate is built from the workspace catalogue.
#![cfg(workspace_catalogue)]

use connectspec_providers::ValidateError;
use connectspec_providers::prelude::*;
use connectspec_runtime::ErrorKind;
use serde_json::json;

fn test_url(provider: &str, method: &str, fields: serde_json::Value) -> String {
    let c = connectspec_providers::validate_json(provider, method, &fields)
        .unwrap_or_else(|e| panic!("{provider}.{method}: {e}"));
    c.as_credential()
        .request_auth()
        .test_url
        .expect("renders")
        .expect("present")
}

#[test]
fn a_choice_parameter_picks_the_host_and_the_default_applies() {
    let token = "dG9rOjEyMzQ1Njc4XzEyMzRfMTIzNF8xMjM0XzEyMzQ1Njc4OTAxMjoxOjA=";
    assert_eq!(
        test_url("intercom", "access_token", json!({"access_token": token})),
        "https://api.intercom.io/me"
    );
    assert_eq!(
        test_url(
            "intercom",
            "access_token",
            json!({"access_token": token, "region": " EU "})
        ),
        "https://api.eu.intercom.io/me"
    );
    assert_eq!(
        test_url(
            "intercom",
            "access_token",
            json!({"access_token": token, "region": ""})
        ),
        "https://api.intercom.io/me"
    );
    let err = connectspec_providers::validate_json(
        "intercom",
        "access_token",
        &json!({"access_token": token, "region": "api.eu.intercom.io"}),
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains(
            "Workspace Region must be one of: `us` (United States), `eu` (Europe), `au` (Australia)"
        ),
        "{err}"
    );
}

#[test]
fn a_default_base_url_or_the_users_own() {
    let token = "glpat-xK3vT9qLmZ2pR7sW1yB4";
    assert_eq!(
        test_url("gitlab", "personal_access_token", json!({"token": token})),
        "https://gitlab.com/api/v4/personal_access_tokens/self"
    );
    assert_eq!(
        test_url(
            "gitlab",
            "personal_access_token",
            json!({"token": token, "instance_url": "https://code.example.org/gitlab/"})
        ),
        "https://code.example.org/gitlab/api/v4/personal_access_tokens/self"
    );
    assert_eq!(
        test_url(
            "jira_data_center",
            "personal_access_token",
            json!({"jira_url": "https://jira.example.com", "token": "NjM4NTk0MzI1MTc4OnmM3qRkV7aLp2Yx9Wc0Bd5Tf8Hs1Ug4"})
        ),
        "https://jira.example.com/rest/api/2/myself"
    );
    let meta = connectspec_providers::method("gitlab", "personal_access_token").unwrap();
    assert_eq!(meta.host_fields(), ["instance_url"]);
}

#[test]
fn values_are_read_out_of_pasted_urls() {
    let pat = "a".repeat(52);
    for (pasted, want) in [
        ("contoso", "contoso"),
        ("https://dev.azure.com/contoso/Project/_boards", "contoso"),
        ("dev.azure.com/contoso", "contoso"),
        ("https://fabrikam.visualstudio.com/", "fabrikam"),
    ] {
        let c = connectspec_providers::validate_json(
            "azure_devops",
            "personal_access_token",
            &json!({"organization": pasted, "pat": pat}),
        )
        .unwrap_or_else(|e| panic!("{pasted}: {e}"));
        assert_eq!(
            c.as_credential().expose_key("organization"),
            Some(want),
            "{pasted}"
        );
    }
    let err = connectspec_providers::validate_json(
        "azure_devops",
        "personal_access_token",
        &json!({"organization": "https://example.com/contoso", "pat": pat}),
    )
    .unwrap_err();
    let ValidateError::Invalid(errors) = err else {
        panic!("not a validation error")
    };
    assert_eq!(errors.errors()[0].kind, ErrorKind::Pattern);
    let token = format!("sntryu_{}", "4f".repeat(32));
    assert_eq!(
        test_url(
            "sentry",
            "auth_token",
            json!({"organization": "https://acme.sentry.io/issues/", "auth_token": token, "region": "de"})
        ),
        "https://de.sentry.io/api/0/organizations/acme/"
    );
    // The optional host label: without a data storage location the host is `sentry.io`.
    assert_eq!(
        test_url(
            "sentry",
            "auth_token",
            json!({"organization": "acme", "auth_token": token})
        ),
        "https://sentry.io/api/0/organizations/acme/"
    );
    let integration_token = "9c".repeat(32);
    assert_eq!(
        test_url(
            "sentry",
            "internal_integration",
            json!({"organization": "acme", "token": integration_token, "region": "us2"})
        ),
        "https://us2.sentry.io/api/0/organizations/acme/"
    );
}
