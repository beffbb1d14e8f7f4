//! Auth method archetypes: each combines field kinds with the matching way of sending
//! them (bearer, header, query, basic, custom), a connection test, scopes and limits.

use std::collections::BTreeMap;

use connectspec_lang::{
    AuthKind, AuthMethod, BasicAuth, CanonicalPart, Computed, Condition, ConnectionTest, Derived,
    Field, Guide, HmacAlgorithm, Limit, Requirement, Rule, Scope, Send, SignTimestamp,
    SignatureEncoding, Signing, TimestampFormat,
};

use crate::fields;
use crate::names::Identity;
use crate::rng::Rng;

mod parts;

use parts::{actions, limits, scopes, test};

/// The archetypes, in the order providers draw them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Archetype {
    /// A token and a user email in custom headers.
    HeaderToken,
    /// A personal access token sent as `Bearer`, scoped, optional workspace.
    BearerPat,
    /// Live/test keys told apart by prefix, with a cross-field rule.
    ModeKey,
    /// Subdomain + email + token in basic auth.
    BasicSubdomain,
    /// A key in the query string, region in the host.
    QueryRegion,
    /// A key whose suffix names the data centre (derived value).
    DataCentre,
    /// A store host and an access token.
    HostToken,
    /// Username/password, an account number in a header and the URL, an optional callback URL.
    Custom,
    /// A cloud or self-managed installation (an optional base URL with a default), an
    /// organisation read from a pasted URL into the path.
    SelfHosted,
    /// A bot token in the URL path, an optional environment that adds a path segment
    /// (`{?/{environment}}`), and an application key that is a public identifier.
    PathToken,
}

/// Every archetype.
pub const ALL: [Archetype; 10] = [
    Archetype::HeaderToken,
    Archetype::BearerPat,
    Archetype::ModeKey,
    Archetype::BasicSubdomain,
    Archetype::QueryRegion,
    Archetype::DataCentre,
    Archetype::HostToken,
    Archetype::Custom,
    Archetype::SelfHosted,
    Archetype::PathToken,
];

/// A method without its guide, plus what the guide writer needs to know.
pub struct Drafted {
    /// The method; `guide` is filled in by the guide writer.
    pub method: AuthMethod,
    /// The field the user creates in the provider's UI.
    pub credential: String,
}

fn headers(pairs: &[(&str, String)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.clone()))
        .collect()
}

fn empty_guide() -> Guide {
    Guide {
        warning: None,
        sections: Vec::new(),
    }
}

#[allow(clippy::too_many_arguments)]
fn method(
    id: &str,
    label: &str,
    kind: AuthKind,
    fields: Vec<Field>,
    base_url: String,
    send: Send,
    connection_test: Option<ConnectionTest>,
    scopes: Vec<Scope>,
    limits: Vec<Limit>,
) -> AuthMethod {
    AuthMethod {
        id: id.into(),
        label: label.into(),
        slug: None,
        kind,
        grant: None,
        setup_fields: Vec::new(),
        fields,
        derived: Vec::new(),
        rules: Vec::new(),
        allowed_hosts: vec![allowed_host(&base_url)],
        base_url,
        send,
        connection_test,
        oauth: None,
        exchange: None,
        actions: actions(&scopes),
        scopes,
        limits,
        guide: empty_guide(),
    }
}

/// The allowed-host entry of a synthetic base URL: its host, or `*.rest` when the host
/// starts with a `{placeholder}` label (a subdomain, a region, a data centre).
fn allowed_host(base_url: &str) -> String {
    let rest = base_url.strip_prefix("https://").unwrap_or(base_url);
    let host = rest.split('/').next().unwrap_or(rest);
    match host.split_once("}.") {
        Some((_, domain)) if host.starts_with('{') => format!("*.{domain}"),
        _ => host.to_owned(),
    }
}

/// Drafts one method of `archetype` for provider `who`.
pub fn draft(rng: &mut Rng, who: &Identity, archetype: Archetype) -> Drafted {
    let (method, credential) = match archetype {
        Archetype::HeaderToken => header_token(rng, who),
        Archetype::BearerPat => bearer_pat(rng, who),
        Archetype::ModeKey => mode_key(rng, who),
        Archetype::BasicSubdomain => basic_subdomain(rng, who),
        Archetype::QueryRegion => query_region(rng, who),
        Archetype::DataCentre => data_centre(rng, who),
        Archetype::HostToken => host_token(rng, who),
        Archetype::Custom => custom(rng, who),
        Archetype::SelfHosted => self_hosted(rng, who),
        Archetype::PathToken => path_token(rng, who),
    };
    Drafted {
        method,
        credential: credential.into(),
    }
}

/// A token and a user email in custom headers.
fn header_token(rng: &mut Rng, who: &Identity) -> (AuthMethod, &'static str) {
    let api = format!("https://api.{}", who.domain);
    let p = &who.pascal;
    let token = fields::token(rng, who, "api_token", "API Token", false);
    let optional = rng.chance(30);
    let email = fields::email(rng, who, "user_email", "User Email", optional);
    let send = Send {
        headers: headers(&[
            (&format!("X-{p}-API-Token"), "{api_token}".into()),
            (&format!("X-{p}-User-Email"), "{user_email}".into()),
        ]),
        ..Send::default()
    };
    let t = test(rng, "/v1/ping", Vec::new(), who);
    (
        method(
            "api_token",
            "API Token",
            AuthKind::ApiKeyHeader,
            vec![token, email],
            format!("{api}/v1"),
            send,
            Some(t),
            Vec::new(),
            limits(rng),
        ),
        "api_token",
    )
}

/// A scoped personal access token sent as `Bearer`, an optional workspace in the path.
fn bearer_pat(rng: &mut Rng, who: &Identity) -> (AuthMethod, &'static str) {
    let api = format!("https://api.{}", who.domain);
    let regex = rng.chance(50);
    let token = fields::token(rng, who, "access_token", "Personal Access Token", regex);
    let ws = fields::workspace_id(rng, who, true);
    let send = Send {
        headers: headers(&[("Authorization", "Bearer {access_token}".into())]),
        query: headers(&[("workspace", "{workspace_id}".into())]),
        ..Send::default()
    };
    let sc = scopes(rng);
    let t = test(rng, "/v2/me", vec!["account:read".into()], who);
    (
        method(
            "personal_access_token",
            "Personal Access Token",
            AuthKind::Bearer,
            vec![token, ws],
            format!("{api}/v2{{?/workspaces/{{workspace_id}}}}"),
            send,
            Some(t),
            sc,
            limits(rng),
        ),
        "access_token",
    )
}

/// Live and test keys told apart by prefix, with a rule per mode.
fn mode_key(rng: &mut Rng, who: &Identity) -> (AuthMethod, &'static str) {
    let api = format!("https://api.{}", who.domain);
    let mut m = method(
        "api_key",
        "Secret or Restricted Key",
        AuthKind::Bearer,
        vec![
            fields::mode(),
            fields::prefixed_key(rng, who, "api_key", "Secret or Restricted Key"),
        ],
        api.clone(),
        Send {
            headers: headers(&[("Authorization", "Bearer {api_key}".into())]),
            ..Send::default()
        },
        None,
        scopes(rng),
        limits(rng),
    );
    m.slug = Some("secret-key".into());
    m.connection_test = Some(test(rng, "/v1/balance", vec!["account:read".into()], who));
    m.rules = ["live", "test"]
        .iter()
        .map(|mode| Rule {
            when: Condition {
                field: "mode".into(),
                equals: vec![(*mode).into()],
            },
            then: Requirement {
                field: "api_key".into(),
                prefixes: vec![format!("sk_{mode}_"), format!("rk_{mode}_")],
            },
            message: format!(
                "{} mode needs a {mode} key, starting with `sk_{mode}_` or `rk_{mode}_`.",
                crate::names::capitalise(mode)
            ),
        })
        .collect();
    (m, "api_key")
}

/// Subdomain, email and token in basic auth.
fn basic_subdomain(rng: &mut Rng, who: &Identity) -> (AuthMethod, &'static str) {
    let sub = fields::subdomain(rng, who);
    let email = fields::email(rng, who, "email", "Email", false);
    let regex = rng.chance(40);
    let token = fields::token(rng, who, "api_token", "API Token", regex);
    let send = Send {
        basic: Some(BasicAuth {
            username: "{email}/token".into(),
            password: "{api_token}".into(),
        }),
        ..Send::default()
    };
    let t = test(rng, "/api/v2/users/me", Vec::new(), who);
    (
        method(
            "api_token",
            "API Token",
            AuthKind::Basic,
            vec![sub, email, token],
            format!("https://{{subdomain}}.{}/api/v2", who.domain),
            send,
            Some(t),
            Vec::new(),
            limits(rng),
        ),
        "api_token",
    )
}

/// A key in the query string, the region in the host.
fn query_region(rng: &mut Rng, who: &Identity) -> (AuthMethod, &'static str) {
    let region = fields::region(rng, who);
    let key = fields::token(rng, who, "api_key", "API Key", true);
    let send = Send {
        query: headers(&[("api_key", "{api_key}".into())]),
        ..Send::default()
    };
    let t = test(rng, "/v1/account", Vec::new(), who);
    let mut m = method(
        "api_key",
        "API Key",
        AuthKind::ApiKeyQuery,
        vec![region, key],
        "https://{region.api_host}".into(),
        send,
        Some(t),
        Vec::new(),
        limits(rng),
    );
    m.allowed_hosts = vec![format!("*.api.{}", who.domain)];
    (m, "api_key")
}

/// A key whose suffix names the data centre, derived into the host.
fn data_centre(rng: &mut Rng, who: &Identity) -> (AuthMethod, &'static str) {
    let key = fields::suffixed_key(rng, who);
    let mut m = method(
        "api_key",
        "API Key",
        AuthKind::Basic,
        vec![key],
        format!("https://{{data_center}}.api.{}/3.0", who.domain),
        Send {
            computed: vec![Computed {
                key: "any_user".into(),
                base64: None,
                constant: Some("anystring".into()),
            }],
            basic: Some(BasicAuth {
                username: "{any_user}".into(),
                password: "{api_key}".into(),
            }),
            ..Send::default()
        },
        None,
        Vec::new(),
        limits(rng),
    );
    m.connection_test = Some(test(rng, "/ping", Vec::new(), who));
    m.derived = vec![Derived {
        key: "data_center".into(),
        label: "Data centre".into(),
        from: "api_key".into(),
        pattern: r"^\S+-(?P<value>[a-z]{2}[0-9]{1,2})$".into(),
        map: Default::default(),
    }];
    (m, "api_key")
}

/// A store host, an access token and a signing secret.
fn host_token(rng: &mut Rng, who: &Identity) -> (AuthMethod, &'static str) {
    let p = &who.pascal;
    let host = fields::host(rng, who);
    let token = fields::token(rng, who, "access_token", "Admin API Access Token", false);
    let secret = fields::opaque_secret(who, "api_secret_key", "API Secret Key");
    // The signing secret never travels: it signs the request.
    let send = Send {
        headers: headers(&[
            (&format!("X-{p}-Access-Token"), "{access_token}".into()),
            (&format!("X-{p}-Signature"), "{signature}".into()),
            (&format!("X-{p}-Timestamp"), "{timestamp}".into()),
        ]),
        sign: Some(Signing {
            key: "signature".into(),
            algorithm: *rng.pick(&[HmacAlgorithm::HmacSha256, HmacAlgorithm::HmacSha512]),
            secret: "{api_secret_key}".into(),
            encoding: *rng.pick(&[SignatureEncoding::Hex, SignatureEncoding::Base64]),
            message: vec![
                CanonicalPart::Timestamp,
                CanonicalPart::Method,
                CanonicalPart::Path,
                CanonicalPart::Query,
            ],
            timestamp: Some(SignTimestamp {
                key: "timestamp".into(),
                format: *rng.pick(&[TimestampFormat::UnixSeconds, TimestampFormat::Rfc3339]),
            }),
        }),
        ..Send::default()
    };
    let sc = scopes(rng);
    let t = test(
        rng,
        "/admin/api/shop.json",
        vec!["account:read".into()],
        who,
    );
    let mut m = method(
        "admin_api_token",
        "Admin API Access Token",
        AuthKind::ApiKeyHeader,
        vec![host, token, secret],
        "https://{instance_host}".into(),
        send,
        Some(t),
        sc,
        limits(rng),
    );
    // The whole host is the field's; its pattern keeps it under the domain.
    m.allowed_hosts = vec![format!("*.{}", who.domain)];
    (m, "access_token")
}

/// Username and password (base64 in a header), an account number, a callback URL.
fn custom(rng: &mut Rng, who: &Identity) -> (AuthMethod, &'static str) {
    let api = format!("https://api.{}", who.domain);
    let url = fields::callback_url(who);
    let user = fields::username();
    let pass = fields::password(rng);
    let acct = fields::account_number(rng);
    let send = Send {
        headers: headers(&[
            ("X-Account-Number", "{account_number}".into()),
            ("Authorization", "Basic {credentials}".into()),
        ]),
        computed: vec![Computed {
            key: "credentials".into(),
            base64: Some("{username}:{password}".into()),
            constant: None,
        }],
        ..Send::default()
    };
    let t = test(rng, "/rest/api/session", Vec::new(), who);
    (
        method(
            "user_password",
            "Username and Password",
            AuthKind::Custom,
            vec![url, user, pass, acct],
            format!("{api}/accounts/{{account_number}}"),
            send,
            Some(t),
            Vec::new(),
            limits(rng),
        ),
        "password",
    )
}

/// A cloud or self-managed installation, an organisation in the path.
fn self_hosted(rng: &mut Rng, who: &Identity) -> (AuthMethod, &'static str) {
    let url = fields::instance_url(who);
    let org = fields::organization(rng, who);
    let token = fields::token(rng, who, "access_token", "Access Token", false);
    let send = Send {
        headers: headers(&[("Authorization", "Bearer {access_token}".into())]),
        ..Send::default()
    };
    let t = test(rng, "/user", Vec::new(), who);
    let mut m = method(
        "access_token",
        "Access Token",
        AuthKind::Bearer,
        vec![url, org, token],
        format!(
            "{{instance_url|https://app.{}}}/api/v4/orgs/{{organization}}",
            who.domain
        ),
        send,
        Some(t),
        Vec::new(),
        limits(rng),
    );
    // The base URL may be the user's own installation: any public host.
    m.allowed_hosts = vec!["*".into()];
    (m, "access_token")
}

/// A bot token in the URL path, an optional environment segment, a public app key.
fn path_token(rng: &mut Rng, who: &Identity) -> (AuthMethod, &'static str) {
    let api = format!("https://api.{}", who.domain);
    let p = &who.pascal;
    let token = fields::path_token(rng, who);
    let env = fields::environment(who);
    let app = fields::app_key(rng, who);
    // The token is the path's; the public application key goes in a header.
    let send = Send {
        headers: headers(&[(&format!("X-{p}-Application-Key"), "{app_key}".into())]),
        ..Send::default()
    };
    let t = test(
        rng,
        "/bot{bot_token}{?/{environment}}/getMe",
        Vec::new(),
        who,
    );
    (
        method(
            "bot_token",
            "Bot Token",
            AuthKind::Custom,
            vec![token, env, app],
            api.clone(),
            send,
            Some(t),
            Vec::new(),
            limits(rng),
        ),
        "bot_token",
    )
}
