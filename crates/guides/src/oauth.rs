//! Pages of OAuth 2.0 methods: the link-account page (the method page with the Hub
//! steps of an OAuth flow and what the end user sees at the provider) and the
//! connector-profile page (the integrator's one-time set-up: where to register the app,
//! the redirect URI, the scopes to enable, where to copy the client id and secret).

use connectspec_i18n::Locale;
use connectspec_lang::{AuthMethod, Grant, ProviderSpec};
use minijinja::Value;

use crate::messages::{Arg, text};
use crate::{Flavor, inline};

/// The slug of a method's connector-profile page.
pub fn setup_slug(method: &AuthMethod) -> String {
    format!("{}-setup", method.slug())
}

/// "Set up {provider} {label}".
pub fn setup_title(spec: &ProviderSpec, method: &AuthMethod) -> String {
    setup_title_in(Locale::En, spec, method)
}

/// [`setup_title`] in `locale`.
pub fn setup_title_in(locale: Locale, spec: &ProviderSpec, method: &AuthMethod) -> String {
    text(
        locale,
        "guide-setup-title",
        &[
            ("provider", Arg::Text(&spec.name)),
            ("method", Arg::Text(&method.label)),
        ],
    )
}

fn scope_label<'a>(method: &'a AuthMethod, id: &'a str) -> &'a str {
    method.scope(id).map_or(id, |s| s.label.as_str())
}

/// The `oauth` member of an OAuth method's page context; `None` for other methods.
pub fn oauth_view(
    flavor: Flavor,
    locale: Locale,
    spec: &ProviderSpec,
    method: &AuthMethod,
) -> Result<Option<Value>, String> {
    let (Some(o), Some(grant)) = (&method.oauth, method.grant) else {
        return Ok(None);
    };
    let mut asked: Vec<&str> = o.scopes.default.iter().map(String::as_str).collect();
    for r in &o.scopes.required {
        if !asked.contains(&r.as_str()) {
            asked.push(r);
        }
    }
    let scope = |id: &str, kind: &str| -> Result<Value, String> {
        let description = match method.scope(id).and_then(|s| s.description.as_deref()) {
            Some(d) => Value::from_safe_string(inline::render(flavor, d)?),
            None => Value::from(()),
        };
        Ok(map([
            ("id", Value::from(id)),
            ("label", Value::from(scope_label(method, id))),
            ("kind", Value::from(kind)),
            ("description", description),
        ]))
    };
    let asked_views = asked
        .iter()
        .map(|id| {
            let required = o.scopes.required.iter().any(|r| r == id);
            scope(id, if required { "required" } else { "default" })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let optional = method
        .scopes
        .iter()
        .filter(|s| !asked.contains(&s.id.as_str()))
        .map(|s| scope(&s.id, "optional"))
        .collect::<Result<Vec<_>, _>>()?;
    let setup_fields = method
        .setup_fields
        .iter()
        .map(|f| {
            let description = match &f.description {
                Some(d) => Value::from_safe_string(inline::render(flavor, d)?),
                None => Value::from(()),
            };
            Ok(map([
                ("key", Value::from(f.key.as_str())),
                ("label", Value::from(f.label.as_str())),
                ("secret", Value::from(f.secret)),
                ("description", description),
            ]))
        })
        .collect::<Result<Vec<_>, String>>()?;
    let registration = match &o.registration_url {
        Some(u) => Value::from_safe_string(match flavor {
            Flavor::Mdx => crate::escape::attr(u),
            Flavor::Markdown => crate::escape::md_url(u),
        }),
        None => Value::from(()),
    };
    let link_href = match flavor {
        Flavor::Mdx => format!("./{}", method.slug()),
        Flavor::Markdown => format!("{}.md", method.slug()),
    };
    let setup_href = match flavor {
        Flavor::Mdx => format!("./{}", setup_slug(method)),
        Flavor::Markdown => format!("{}.md", setup_slug(method)),
    };
    Ok(Some(map([
        ("grant", Value::from(grant.as_str())),
        // Whose app a link uses: `integrator`, `end_user`, `either` or `dynamic`.
        ("client", Value::from(o.client.as_str())),
        (
            "user_approves",
            Value::from(grant == Grant::AuthorizationCode),
        ),
        (
            "pkce",
            Value::from(o.pkce && grant == Grant::AuthorizationCode),
        ),
        ("asked_scopes", Value::from(asked_views)),
        ("optional_scopes", Value::from(optional)),
        ("setup_fields", Value::from(setup_fields)),
        ("registration_url", registration),
        (
            "setup_title",
            Value::from(setup_title_in(locale, spec, method)),
        ),
        (
            "setup_href",
            Value::from_safe_string(crate::escape::md_url(&setup_href)),
        ),
        (
            "link_title",
            Value::from(crate::sentences::page_title_in(locale, spec, method)),
        ),
        (
            "link_href",
            Value::from_safe_string(crate::escape::md_url(&link_href)),
        ),
    ])))
}

fn map<const N: usize>(pairs: [(&'static str, Value); N]) -> Value {
    Value::from(
        pairs
            .into_iter()
            .collect::<std::collections::BTreeMap<&str, Value>>(),
    )
}
