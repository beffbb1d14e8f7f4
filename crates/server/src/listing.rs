//! JSON views of the compiled provider metadata: what a front end needs to list
//! providers, build a link form and link to the guide pages.
//!
//! Views borrow the `'static` metadata; the texts an end user reads (labels,
//! descriptions, hints, the guide) are in the request's locale, from the spec's
//! translations.

use std::borrow::Cow;

use crate::catalogue::Catalogue;
use crate::i18n::{current, label, msg, scope_label, spec_text};

use connectspec_runtime::{
    ExpiryFormat, FieldMeta, IdentityMeta, LearnFrom, LearnsMeta, MethodMeta, ProviderMeta,
    TestMeta,
};
use serde::Serialize;

/// `GET /v1/providers`.
#[derive(Serialize)]
pub struct ProviderList {
    /// Every provider, sorted by id.
    pub providers: Vec<ProviderSummary>,
}

/// A provider in the list.
#[derive(Serialize)]
pub struct ProviderSummary {
    id: &'static str,
    name: &'static str,
    homepage: &'static str,
    categories: &'static [&'static str],
    methods: Vec<MethodSummary>,
}

/// A method in the list.
#[derive(Serialize)]
pub struct MethodSummary {
    id: &'static str,
    label: Cow<'static, str>,
    slug: &'static str,
    kind: &'static str,
    title: String,
    pages: Pages,
    links: Links,
}

/// Guide page paths relative to the docs root.
#[derive(Serialize)]
struct Pages {
    mdx: String,
    md: String,
}

/// The method's endpoints in this service.
#[derive(Serialize)]
struct Links {
    schema: String,
    validate: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    test: Option<String>,
    /// The link form's page (`GET /connect/{provider}/{method}`).
    connect: String,
    /// OAuth authorization code: where the form starts the provider's sign-in.
    #[serde(skip_serializing_if = "Option::is_none")]
    authorize: Option<String>,
}

/// `GET /v1/providers/{id}`.
#[derive(Serialize)]
pub struct ProviderDetail<'a> {
    id: &'static str,
    name: &'static str,
    homepage: &'static str,
    categories: &'static [&'static str],
    methods: Vec<MethodDetail<'a>>,
}

/// A method with its form, scopes and connection test.
#[derive(Serialize)]
struct MethodDetail<'a> {
    #[serde(flatten)]
    summary: MethodSummary,
    fields: Vec<FieldView>,
    scopes: Vec<ScopeView>,
    connection_test: Option<TestView>,
    /// The guide, as on the generated page: sections, steps and bullets as inline nodes
    /// (`text`, `bold`, `code`, `link`), the warning, and limits no bullet states.
    guide: Option<Cow<'a, serde_json::Value>>,
    /// OAuth: the grant and whose client a connection uses.
    #[serde(skip_serializing_if = "Option::is_none")]
    oauth: Option<OAuthView>,
}

/// The OAuth part of a method, as the form needs it.
#[derive(Serialize)]
struct OAuthView {
    grant: &'static str,
    /// `integrator`, `end_user` or `either`.
    client: &'static str,
    /// The client's fields (client id, secret …): the end user fills them in when the
    /// client is theirs. Sent as `client` beside `fields`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    client_fields: Vec<FieldView>,
}

fn oauth_view(m: &MethodMeta, o: &'static connectspec_runtime::OAuthMeta) -> OAuthView {
    let theirs = o.client != connectspec_runtime::ClientOwner::Integrator;
    OAuthView {
        grant: match o.grant {
            connectspec_runtime::GrantKind::AuthorizationCode => "authorization_code",
            connectspec_runtime::GrantKind::ClientCredentials => "client_credentials",
        },
        client: o.client.as_str(),
        client_fields: if theirs {
            o.setup
                .fields
                .iter()
                .map(|f| field(m, "setup_fields", f))
                .collect()
        } else {
            Vec::new()
        },
    }
}

/// A form field.
#[derive(Serialize)]
struct FieldView {
    key: &'static str,
    label: Cow<'static, str>,
    description: Option<Cow<'static, str>>,
    placeholder: Option<Cow<'static, str>>,
    secret: bool,
    optional: bool,
    hint: Option<Cow<'static, str>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    options: Vec<OptionView>,
    /// The option an absent choice takes (the form preselects it).
    #[serde(skip_serializing_if = "Option::is_none")]
    default: Option<&'static str>,
    /// A private-key field: `pem` or `json` (a key file). The form gives it a text
    /// area and a file picker instead of a one-line input.
    #[serde(skip_serializing_if = "Option::is_none")]
    private_key: Option<&'static str>,
}

#[derive(Serialize)]
struct OptionView {
    value: &'static str,
    label: Cow<'static, str>,
}

/// A scope: id and label.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ScopeView {
    /// Scope id.
    pub id: &'static str,
    /// Scope label, as the provider's UI shows it (in the request's locale).
    pub label: Cow<'static, str>,
}

impl ScopeView {
    /// Scope `id` of method `m`, labelled in the request's locale.
    pub(crate) fn of(m: &MethodMeta, id: &'static str, english: &'static str) -> ScopeView {
        ScopeView {
            id,
            label: scope_label(m, id, english),
        }
    }
}

/// The connection test, as declared (path template, not rendered).
#[derive(Serialize)]
struct TestView {
    method: &'static str,
    path: &'static str,
    expect_status: u16,
    requires_scopes: Vec<ScopeView>,
    note: Option<Cow<'static, str>>,
    /// Where the account's identity is in the answer (the test's report carries it).
    #[serde(skip_serializing_if = "Option::is_none")]
    identity: Option<IdentityView>,
    /// What a successful test reads besides success (the report carries the values).
    #[serde(skip_serializing_if = "Option::is_none")]
    learns: Option<LearnsView>,
}

/// Where the test's answer gives the granted scopes and the expiry.
#[derive(Serialize)]
struct LearnsView {
    #[serde(skip_serializing_if = "Option::is_none")]
    scopes: Option<LearnSourceView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    expires_at: Option<LearnSourceView>,
}

/// A response header or a JSON pointer (and, for an expiry, its format).
#[derive(Serialize)]
struct LearnSourceView {
    #[serde(skip_serializing_if = "Option::is_none")]
    header: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pointer: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    separator: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<&'static str>,
}

fn learn_source(from: LearnFrom) -> LearnSourceView {
    let (header, pointer) = match from {
        LearnFrom::Header(h) => (Some(h), None),
        LearnFrom::Pointer(p) => (None, Some(p)),
    };
    LearnSourceView {
        header,
        pointer,
        separator: None,
        format: None,
    }
}

fn learns_view(l: &LearnsMeta) -> LearnsView {
    LearnsView {
        scopes: l.scopes.map(|f| LearnSourceView {
            separator: Some(l.scope_separator),
            ..learn_source(f)
        }),
        expires_at: l.expires_at.map(|(f, format)| LearnSourceView {
            format: Some(match format {
                ExpiryFormat::Rfc3339 => "rfc3339",
                ExpiryFormat::Date => "date",
                ExpiryFormat::UnixSeconds => "unix_seconds",
                ExpiryFormat::DatetimeUtc => "datetime_utc",
            }),
            ..learn_source(f)
        }),
    }
}

/// The connection test's identity: its pointer into the answer and what it is.
#[derive(Serialize)]
struct IdentityView {
    pointer: &'static str,
    label: Option<Cow<'static, str>>,
}

/// The list of every provider.
pub fn list(providers: &[&'static ProviderMeta]) -> ProviderList {
    let mut providers: Vec<ProviderSummary> = providers.iter().map(|p| summary(p)).collect();
    providers.sort_by_key(|p| p.id);
    ProviderList { providers }
}

fn summary(p: &'static ProviderMeta) -> ProviderSummary {
    ProviderSummary {
        id: p.id,
        name: p.name,
        homepage: p.homepage,
        categories: p.categories,
        methods: p.methods.iter().map(|m| method_summary(m)).collect(),
    }
}

fn method_summary(m: &'static MethodMeta) -> MethodSummary {
    let base = format!("/v1/providers/{}/methods/{}", m.provider_id, m.id);
    MethodSummary {
        id: m.id,
        label: label(m),
        slug: m.slug,
        kind: m.kind,
        title: msg!(
            "method-title",
            provider = m.provider_name,
            method = label(m)
        )
        .text(),
        pages: Pages {
            mdx: m.page_path("mdx"),
            md: m.page_path("md"),
        },
        links: Links {
            schema: format!("{base}/schema"),
            validate: format!("{base}/validate"),
            test: m.connection_test.as_ref().map(|_| format!("{base}/test")),
            connect: page_path(m),
            authorize: m
                .oauth
                .filter(|o| o.grant == connectspec_runtime::GrantKind::AuthorizationCode)
                .map(|_| format!("{base}/authorize")),
        },
    }
}

/// One provider with every method's form, in the request's locale.
pub fn detail<'a>(catalogue: &'a Catalogue, p: &'static ProviderMeta) -> ProviderDetail<'a> {
    let locale = current();
    ProviderDetail {
        id: p.id,
        name: p.name,
        homepage: p.homepage,
        categories: p.categories,
        methods: p
            .methods
            .iter()
            .map(|m| MethodDetail {
                summary: method_summary(m),
                fields: m
                    .fields
                    .iter()
                    .map(|f| with_key_kind(field(m, "fields", f), m))
                    .collect(),
                scopes: m
                    .scopes
                    .iter()
                    .map(|&(id, label)| ScopeView::of(m, id, label))
                    .collect(),
                connection_test: m.connection_test.as_ref().map(|t| test(m, t)),
                guide: catalogue.guide(m, locale),
                oauth: m.oauth.map(|o| oauth_view(m, o)),
            })
            .collect(),
    }
}

/// A field of `m` (`list` is `fields` or `setup_fields`), in the request's locale.
fn field(m: &MethodMeta, list: &str, f: &FieldMeta) -> FieldView {
    let text = |what: &str, english: &'static str| {
        spec_text(m, &format!("{list}/{}/{what}", f.key), english)
    };
    FieldView {
        key: f.key,
        label: text("label", f.label),
        description: f.description.map(|d| text("description", d)),
        placeholder: f.placeholder.map(|p| text("placeholder", p)),
        secret: f.secret,
        optional: f.optional,
        hint: f.hint.map(|h| text("hint", h)),
        options: f
            .options
            .iter()
            .map(|&(value, label)| OptionView {
                value,
                label: text(&format!("options/{value}/label"), label),
            })
            .collect(),
        default: f.default,
        private_key: None,
    }
}

/// Marks a private-key field with its container (the field's checking rules say it).
fn with_key_kind(mut view: FieldView, m: &MethodMeta) -> FieldView {
    view.private_key = m
        .rules
        .fields
        .iter()
        .find(|r| r.key == view.key)
        .and_then(|r| r.private_key)
        .map(|k| if k.json { "json" } else { "pem" });
    view
}

fn test(m: &MethodMeta, t: &'static TestMeta) -> TestView {
    TestView {
        method: t.method,
        path: t.path_source,
        expect_status: t.expect_status,
        requires_scopes: required_scopes(m, t),
        note: t.note.map(|n| spec_text(m, "connection_test/note", n)),
        identity: t
            .identity
            .map(|IdentityMeta { pointer, label }| IdentityView {
                pointer,
                label: label.map(|l| spec_text(m, "connection_test/identity/label", l)),
            }),
        learns: t.learns.as_ref().map(learns_view),
    }
}

/// The scopes a connection test needs, labelled in the request's locale.
pub fn required_scopes(m: &MethodMeta, t: &TestMeta) -> Vec<ScopeView> {
    t.requires_scopes
        .iter()
        .map(|&(id, label)| ScopeView::of(m, id, label))
        .collect()
}

/// Path of a method's link page.
pub fn page_path(m: &MethodMeta) -> String {
    format!("/connect/{}/{}", m.provider_id, m.id)
}

/// 422 for action ids the method does not declare.
pub(crate) fn unknown_actions(
    m: &connectspec_runtime::MethodMeta,
    unknown: &connectspec_runtime::UnknownActions,
) -> crate::problem::Problem {
    // The unknown ids are counted, not repeated: a query string is no place to
    // trust with echoing.
    let known: Vec<&str> = m.actions.iter().map(|a| a.id).collect();
    let detail = if known.is_empty() {
        msg!(
            "problem-unknown-actions-none",
            count = unknown.0.len(),
            provider = m.provider_name,
            method = label(m)
        )
    } else {
        msg!(
            "problem-unknown-actions-detail",
            count = unknown.0.len(),
            provider = m.provider_name,
            method = label(m),
            actions = known.join(", ")
        )
    };
    crate::problem::Problem::new(
        axum::http::StatusCode::UNPROCESSABLE_ENTITY,
        "unknown-actions",
        detail,
    )
}
