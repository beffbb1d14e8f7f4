//! Checks of OAuth 2.0 methods (`kind: oauth2`): the grant and the `oauth` block
//! agree, the endpoints are https templates over declared fields, the scopes asked
//! are declared, the setup fields hold the client credentials the grant needs, the
//! token response captures compile, and the access token is sent.
//!
//! Host confinement of the OAuth endpoints is proved with `base_url` in
//! [`crate::check::hosts`].

use std::collections::{BTreeMap, BTreeSet};

use crate::check::{
    check_field, check_id, check_pattern, check_template, duplicate, no_secret_in, non_empty,
    scope_ref,
};
use crate::diag::Code;
use crate::diag::{Reporter, shown};
use crate::model::*;
use crate::pointer::Ptr;

/// Parameters of the authorization URL the service writes itself.
const AUTHORIZATION_RESERVED: &[&str] = &[
    "response_type",
    "client_id",
    "redirect_uri",
    "scope",
    "state",
    "code_challenge",
    "code_challenge_method",
];

/// Parameters of token requests the service writes itself.
const TOKEN_RESERVED: &[&str] = &[
    "grant_type",
    "code",
    "redirect_uri",
    "code_verifier",
    "refresh_token",
    "client_id",
    "client_secret",
    "scope",
];

/// The setup field holding the client id.
pub const CLIENT_ID: &str = "client_id";
/// The setup field holding the client secret.
pub const CLIENT_SECRET: &str = "client_secret";

pub(crate) fn check_oauth(rep: &mut Reporter<'_>, m: &AuthMethod, p: &Ptr) {
    if !m.is_oauth() {
        refuse_oauth_keys(rep, m, p);
        return;
    }
    let (Some(grant), Some(o)) = (m.grant, m.oauth.as_ref()) else {
        let missing = match (m.grant, &m.oauth) {
            (None, None) => "`grant` and an `oauth` block",
            (None, Some(_)) => "`grant`",
            _ => "an `oauth` block",
        };
        rep.value(
            &p.join("kind"),
            Code::OAuthGrant,
            format!("method `{}` is `kind: oauth2` but has no {missing}", m.id),
            shown("oauth2"),
            "add `grant: authorization_code` (or `client_credentials`) and `oauth: {token_url: …}` with the provider's endpoints",
        );
        return;
    };
    let op = p.join("oauth");
    crate::check::exchange::check_discovery(rep, m, p, o);
    if o.client != ClientOwner::Dynamic {
        check_setup_fields(rep, m, p, grant, o);
    }
    check_urls(rep, m, &op, grant, o);
    check_params(rep, m, &op, o);
    check_scopes(rep, m, &op, o);
    check_token_response(rep, m, &op, grant, o);
    let sent = m
        .send
        .headers
        .values()
        .chain(m.send.query.values())
        .chain(m.send.basic.iter().flat_map(|b| [&b.username, &b.password]))
        .filter_map(|t| connectspec_runtime::parse_template(t).ok())
        .any(|parts| {
            connectspec_runtime::Part::placeholders(&parts)
                .iter()
                .any(|(v, _)| v.key == ACCESS_TOKEN)
        });
    if !sent {
        rep.value(
            &p.join("send"),
            Code::UnknownReference,
            "the access token is never sent",
            "here",
            "send it, e.g. `send: {headers: {Authorization: \"Bearer {access_token}\"}}`",
        );
    }
}

/// OAuth keys on a method that is not `kind: oauth2`.
fn refuse_oauth_keys(rep: &mut Reporter<'_>, m: &AuthMethod, p: &Ptr) {
    let keys = [
        ("grant", m.grant.is_some()),
        ("oauth", m.oauth.is_some()),
        ("setup_fields", !m.setup_fields.is_empty()),
    ];
    for (key, present) in keys {
        if present {
            rep.key(
                &p.join(key),
                Code::OAuthGrant,
                format!(
                    "`{key}` belongs to OAuth methods, but method `{}` is not `kind: oauth2`",
                    m.id
                ),
                shown(key),
                "set `kind: oauth2`, or remove the key",
            );
        }
    }
}

fn check_setup_fields(rep: &mut Reporter<'_>, m: &AuthMethod, p: &Ptr, grant: Grant, o: &OAuth) {
    let mut keys = BTreeMap::new();
    for (i, f) in m.setup_fields.iter().enumerate() {
        let fp = p.join("setup_fields").join(i);
        duplicate(rep, &mut keys, &f.key, &fp.join("key"), "setup field key");
        if m.field(&f.key).is_some() {
            rep.value(
                &fp.join("key"),
                Code::DuplicateId,
                format!("setup field `{}` is also an end-user field", f.key),
                shown(&f.key),
                "a value is either registered once by the integrator (`setup_fields`) or asked of each end user (`fields`), not both",
            );
        }
        check_field(rep, f, &fp);
    }
    let (client_id_ptr, client_id_shown) = if m.setup_fields.is_empty() {
        (p.join("kind"), "oauth2")
    } else {
        (p.join("setup_fields"), "setup_fields")
    };
    match m.setup_field(CLIENT_ID) {
        None => rep.key(
            &client_id_ptr,
            Code::OAuthClient,
            format!("OAuth method `{}` has no `client_id` setup field", m.id),
            shown(client_id_shown),
            "add `setup_fields: [{key: client_id, label: Client ID, …}]` with the format the provider documents",
        ),
        Some(f) if f.optional => rep.value(
            &p.join("setup_fields").join(position(m, CLIENT_ID)).join("optional"),
            Code::OAuthClient,
            "the client id cannot be optional",
            "`true`",
            "remove `optional: true`: every OAuth request names the client",
        ),
        Some(_) => {}
    }
    let secret = m.setup_field(CLIENT_SECRET);
    if let Some(f) = secret
        && !f.secret
    {
        rep.value(
            &p.join("setup_fields")
                .join(position(m, CLIENT_SECRET))
                .join("key"),
            Code::OAuthClient,
            "the client secret is not marked `secret: true`",
            shown(CLIENT_SECRET),
            "add `secret: true` so the secret is wrapped, redacted and never echoed",
        );
    }
    let needs_secret = match grant {
        Grant::ClientCredentials => Some("the client credentials grant authenticates with it"),
        Grant::AuthorizationCode if !o.pkce => {
            Some("without PKCE only the client secret protects the code exchange")
        }
        Grant::AuthorizationCode => None,
    };
    if let (None, Some(why)) = (secret, needs_secret) {
        rep.key(
            &client_id_ptr,
            Code::OAuthClient,
            format!(
                "OAuth method `{}` has no `client_secret` setup field: {why}",
                m.id
            ),
            shown(client_id_shown),
            "add a setup field `{key: client_secret, label: Client Secret, secret: true}`",
        );
    }
}

fn position(m: &AuthMethod, key: &str) -> usize {
    m.setup_fields
        .iter()
        .position(|f| f.key == key)
        .unwrap_or_default()
}

/// Names an OAuth endpoint may use: end-user fields and derived values.
fn url_names(m: &AuthMethod) -> BTreeSet<&str> {
    m.fields
        .iter()
        .map(|f| f.key.as_str())
        .chain(m.derived.iter().map(|d| d.key.as_str()))
        .collect()
}

fn check_urls(rep: &mut Reporter<'_>, m: &AuthMethod, op: &Ptr, grant: Grant, o: &OAuth) {
    match (grant, &o.authorization_url) {
        (Grant::AuthorizationCode, None) if o.discovery.is_none() => rep.key(
            op,
            Code::OAuthGrant,
            "the authorization code grant needs `authorization_url`",
            shown("oauth"),
            "add `authorization_url:` with the provider's authorization endpoint",
        ),
        (Grant::ClientCredentials, Some(_)) => rep.value(
            &op.join("authorization_url"),
            Code::OAuthGrant,
            "the client credentials grant has no end user to send to `authorization_url`",
            shown("authorization_url"),
            "remove `authorization_url`, or use `grant: authorization_code`",
        ),
        _ => {}
    }
    if let Some(r) = &o.registration_url {
        crate::check::https(rep, &op.join("registration_url"), r);
    }
    let names = url_names(m);
    let urls = [
        ("authorization_url", o.authorization_url.as_deref()),
        ("token_url", o.token_url.as_deref()),
        ("refresh_url", o.refresh_url.as_deref()),
    ];
    for (key, url) in urls {
        let Some(url) = url else { continue };
        let ptr = op.join(key);
        check_template(rep, &ptr, url, &names, m);
        no_secret_in(rep, &ptr, url, m);
        if !url.starts_with("https://") {
            rep.value(
                &ptr,
                Code::NotHttps,
                format!("`{key}` is not https"),
                shown(url),
                "client secrets, codes and tokens only ever travel over https: use the provider's https:// endpoint",
            );
        }
    }
}

fn check_params(rep: &mut Reporter<'_>, m: &AuthMethod, op: &Ptr, o: &OAuth) {
    let mut public = url_names(m);
    public.extend(
        m.setup_fields
            .iter()
            .filter(|f| !f.secret)
            .map(|f| f.key.as_str()),
    );
    let mut all = public.clone();
    all.extend(m.setup_fields.iter().map(|f| f.key.as_str()));
    let groups = [
        (
            "authorization_params",
            &o.authorization_params,
            AUTHORIZATION_RESERVED,
            &public,
        ),
        ("token_params", &o.token_params, TOKEN_RESERVED, &all),
    ];
    for (key, params, reserved, names) in groups {
        for (name, t) in params {
            let pp = op.join(key).join(name);
            if reserved.contains(&name.as_str()) {
                rep.key(
                    &pp,
                    Code::InvalidValue,
                    format!("`{name}` is written by the service and cannot be set in `{key}`"),
                    shown(name),
                    format!("remove it; the service sets {}", reserved.join(", ")),
                );
            } else if name.is_empty() || name.chars().any(|c| c.is_whitespace() || c.is_control()) {
                rep.key(
                    &pp,
                    Code::InvalidValue,
                    format!("`{name}` is not a parameter name"),
                    shown(name),
                    "use the provider's parameter name, e.g. `access_type`",
                );
            }
            check_template(rep, &pp, t, names, m);
            if key == "authorization_params" {
                no_secret_in_authorization(rep, &pp, t, m);
            }
        }
    }
    if let Some(g) = &o.grant_type {
        let gp = op.join("grant_type");
        if m.grant != Some(Grant::ClientCredentials) {
            rep.value(
                &gp,
                Code::OAuthGrant,
                "`grant_type` renames the client credentials grant only",
                shown(g),
                "remove it, or use `grant: client_credentials`",
            );
        }
        if g.is_empty() || !g.bytes().all(|b| b.is_ascii_graphic()) {
            rep.value(
                &gp,
                Code::InvalidValue,
                "`grant_type` is not a grant type name",
                shown(g),
                "write the provider's value, e.g. `account_credentials`",
            );
        }
    }
}

/// The authorization request is a URL the browser follows and the provider logs: no
/// secret end-user value may go into it (`token_params` is where the back end sends one).
fn no_secret_in_authorization(rep: &mut Reporter<'_>, ptr: &str, t: &str, m: &AuthMethod) {
    let Ok(parts) = connectspec_runtime::parse_template(t) else {
        return; // reported by `check_template`
    };
    for (ph, _) in connectspec_runtime::Part::placeholders(&parts) {
        let key = ph.key.as_str();
        if m.field(key).is_some_and(|f| f.secret) {
            rep.value(
                ptr,
                Code::InvalidTemplate,
                format!("`authorization_params` would put the secret value `{{{key}}}` into the authorization URL, which the browser follows and the provider logs"),
                shown(t),
                "send it in `token_params` (the back end's token request) instead, or remove it",
            );
        }
    }
}

fn check_scopes(rep: &mut Reporter<'_>, m: &AuthMethod, op: &Ptr, o: &OAuth) {
    let sp = op.join("scopes");
    for (key, ids) in [
        ("default", &o.scopes.default),
        ("required", &o.scopes.required),
    ] {
        for (i, id) in ids.iter().enumerate() {
            scope_ref(rep, &sp.join(key).join(i), id, m);
        }
    }
    let sep = &o.scopes.separator;
    if sep.is_empty() || sep.chars().any(|c| c.is_alphanumeric() || c.is_control()) {
        rep.value(
            &sp.join("separator"),
            Code::InvalidValue,
            "the scope separator must be punctuation or a space",
            shown(sep),
            "write what the provider joins scopes with: `\" \"` (RFC 6749) or `\",\"`",
        );
    }
}

fn check_token_response(rep: &mut Reporter<'_>, m: &AuthMethod, op: &Ptr, grant: Grant, o: &OAuth) {
    let tr = &o.token_response;
    let tp = op.join("token_response");
    non_empty(
        rep,
        &tp.join("access_token"),
        &tr.access_token,
        "access_token",
    );
    if let (Some(_), Some(at)) = (&tr.expires_in, &tr.expires_at) {
        rep.value(
            &tp.join("expires_at"),
            Code::ContradictoryLimits,
            "both `expires_in` and `expires_at` are given",
            shown(at),
            "name the one key the provider's token response has",
        );
    }
    let mut keys = BTreeMap::new();
    for (i, c) in tr.capture.iter().enumerate() {
        let cp = tp.join("capture").join(i);
        let clash = m.setup_field(&c.key).is_some();
        check_capture_key(rep, m, &mut keys, &cp, &c.key, clash, "instance_host");
        non_empty(rep, &cp.join("label"), &c.label, "label");
        non_empty(rep, &cp.join("from"), &c.from, "from");
        if c.source == CaptureSource::Callback {
            if grant != Grant::AuthorizationCode {
                rep.value(
                    &cp.join("source"),
                    Code::OAuthGrant,
                    "a value from the provider's redirect needs the authorization code grant",
                    shown("callback"),
                    "remove `source: callback`: a client-credentials flow has no redirect",
                );
            }
            // The parameters OAuth itself uses (RFC 6749 §4.1.2, RFC 9207) are the
            // service's to read.
            if [
                "code",
                "state",
                "error",
                "error_description",
                "error_uri",
                "iss",
            ]
            .contains(&c.from.as_str())
            {
                rep.value(
                    &cp.join("from"),
                    Code::OAuthGrant,
                    format!(
                        "`{}` is a parameter of OAuth itself, not a value to keep",
                        c.from
                    ),
                    shown(&c.from),
                    "name the provider's own parameter, such as `realmId` or `shop`",
                );
            }
        }
        check_capture_example(rep, &cp, &c.key, &c.pattern, &c.example);
    }
}

/// A captured value's key (of an OAuth token response or a token exchange's answer):
/// an id, once, and not a name something else of the method already has (`clash`:
/// what else the caller knows to clash). `hint` is a key to suggest.
pub(crate) fn check_capture_key(
    rep: &mut Reporter<'_>,
    m: &AuthMethod,
    keys: &mut BTreeMap<String, String>,
    cp: &Ptr,
    key: &str,
    clash: bool,
    hint: &str,
) {
    check_id(rep, &cp.join("key"), key, "capture key");
    duplicate(rep, keys, key, &cp.join("key"), "capture key");
    if clash
        || m.field(key).is_some()
        || m.derived.iter().any(|d| d.key == key)
        || key == ACCESS_TOKEN
    {
        rep.value(
            &cp.join("key"),
            Code::DuplicateId,
            format!("capture key `{key}` is already a field, derived or token key"),
            shown(key),
            format!("choose a key nothing else uses, e.g. `{hint}`"),
        );
    }
}

/// A captured value's pattern compiles and its example matches it.
pub(crate) fn check_capture_example(
    rep: &mut Reporter<'_>,
    cp: &Ptr,
    key: &str,
    pattern: &str,
    example: &str,
) {
    if let Some(compiled) = check_pattern(rep, &cp.join("pattern"), pattern)
        && !compiled.regex.is_match(example)
    {
        rep.value(
            &cp.join("example"),
            Code::ValidExampleFails,
            format!("the example of capture `{key}` does not match its pattern"),
            shown(example),
            "fix the example or the pattern: the provider's real answers must match",
        );
    }
}

/// An OAuth scope is the provider's own scope string: RFC 6749 §3.3 `scope-token`
/// (printable ASCII without space, `"` and `\`), without the characters that need
/// escaping in HTML attributes (`<`, `>`, `&`, `'`, `` ` ``).
pub(crate) fn check_scope_token(rep: &mut Reporter<'_>, ptr: &str, id: &str) {
    let ok = !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_graphic() && !b"\"\\<>&'`".contains(&b));
    if !ok {
        rep.value(
            ptr,
            Code::InvalidId,
            format!("scope `{id}` is not an OAuth scope string"),
            shown(id),
            "write the scope exactly as the provider names it: printable ASCII without spaces, quotes, backslashes or `<>&`",
        );
    }
}
