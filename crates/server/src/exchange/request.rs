//! The exchange request, built from the spec's `exchange` over the end user's values:
//! the token endpoint's URL (https, inside `allowed_hosts`, a public address, or the
//! operator's origin override), the body (form or JSON), headers and basic auth. Values
//! go into the request only; every intermediate copy is wiped.

use connectspec_runtime::{
    ExchangeBodyMeta, ExchangeMeta, MethodMeta, Part, UrlPart, host_allowed, parse_template,
    render_template, render_url,
};
use url::Url;

use crate::AppState;
use crate::connection_test::{host_problem, internal, value_problem};
use crate::i18n::{label, msg};
use crate::oauth::values::Values;
use crate::outbound::is_public;
use crate::problem::Problem;

/// The token endpoint's URL and whether the operator overrode its origin (then it is
/// reached with the direct client, as an overridden OAuth endpoint is).
pub(super) async fn target(
    state: &AppState,
    m: &'static MethodMeta,
    e: &ExchangeMeta,
    values: &Values,
) -> Result<(Url, bool), Problem> {
    let text = render_url(&[&e.url], UrlPart::Scheme, &|k| values.get(k))
        .map_err(|err| value_problem(m, &err))?
        .ok_or_else(|| host_problem(m, "needed-token"))?;
    let mut url = Url::parse(&text).map_err(|_| host_problem(m, "invalid-token"))?;
    // The operator's origin override of the provider's OAuth endpoints (`--oauth-origin
    // provider=origin`) moves the token endpoint too: tests and staging.
    if let Some(origin) = state.oauth().origins.get(m.provider_id) {
        url.set_scheme(origin.scheme())
            .and_then(|()| url.set_host(origin.host_str()).map_err(|_| ()))
            .and_then(|()| url.set_port(origin.port()))
            .map_err(|()| internal(msg!("problem-internal-oauth-origin")))?;
        return Ok((url, true));
    }
    if url.scheme() != "https" {
        return Err(host_problem(m, "not-https-token"));
    }
    let host = url.host_str().unwrap_or("");
    if !host_allowed(host, m.allowed_hosts) {
        return Err(host_problem(m, "not-allowed"));
    }
    let ip = match url.host() {
        Some(url::Host::Ipv4(ip)) => Some(std::net::IpAddr::V4(ip)),
        Some(url::Host::Ipv6(ip)) => Some(std::net::IpAddr::V6(ip)),
        _ => None,
    };
    let tester = state.tester();
    if !tester.allow_private_hosts() && ip.is_some_and(|ip| !is_public(ip)) {
        return Err(host_problem(m, "internal"));
    }
    // A host made from the end user's values is looked at before anything is signed or
    // sent; the guarded resolver refuses it again when the request connects.
    if !m.allowed_hosts.contains(&host) && tester.refuses_host(host).await {
        return Err(host_problem(m, "internal"));
    }
    Ok((url, false))
}

/// The request to send with `client`: method, body, headers and basic auth.
pub(super) fn build(
    client: &reqwest::Client,
    m: &'static MethodMeta,
    e: &ExchangeMeta,
    values: &Values,
    url: Url,
) -> Result<reqwest::Request, Problem> {
    let method = if e.method == "GET" {
        reqwest::Method::GET
    } else {
        reqwest::Method::POST
    };
    let mut req = client
        .request(method, url)
        .header(reqwest::header::ACCEPT, "application/json");
    let render = |t| render_template(t, |k| values.get(k));
    match e.body {
        Some(ExchangeBodyMeta::Form(pairs)) => {
            let mut s = form_urlencoded::Serializer::new(String::new());
            for (name, t) in pairs {
                // A parameter whose template names an absent value is left out.
                if let Some(mut v) = render(t) {
                    s.append_pair(name, &v);
                    zeroize::Zeroize::zeroize(&mut v);
                }
            }
            req = req
                .header(
                    reqwest::header::CONTENT_TYPE,
                    "application/x-www-form-urlencoded",
                )
                .body(s.finish());
        }
        Some(ExchangeBodyMeta::Json(text)) => {
            let mut value: serde_json::Value = serde_json::from_str(text)
                .map_err(|_| internal(msg!("problem-internal-exchange", what = "body-not-json")))?;
            render_json(&mut value, values)?;
            let body = serde_json::to_vec(&value).map_err(|_| {
                internal(msg!("problem-internal-exchange", what = "body-unwritable"))
            })?;
            crate::body::wipe(&mut value);
            req = req
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(body);
        }
        None => {}
    }
    for (name, t) in e.headers {
        let Some(mut v) = render(t) else { continue };
        let header = reqwest::header::HeaderValue::from_str(&v);
        zeroize::Zeroize::zeroize(&mut v);
        let mut header = header.map_err(|_| {
            internal(msg!(
                "problem-internal-exchange-of",
                provider = m.provider_name,
                method = label(m),
                what = "header"
            ))
        })?;
        header.set_sensitive(true);
        req = req.header(*name, header);
    }
    if let Some((user, password)) = &e.basic {
        let (Some(mut user), mut password) = (render(user), render(password)) else {
            return Err(internal(msg!(
                "problem-internal-exchange-of",
                provider = m.provider_name,
                method = label(m),
                what = "basic-user"
            )));
        };
        req = req.basic_auth(&user, password.as_deref());
        zeroize::Zeroize::zeroize(&mut user);
        if let Some(p) = &mut password {
            zeroize::Zeroize::zeroize(p);
        }
    }
    let mut req = req
        .build()
        .map_err(|_| internal(msg!("problem-internal-exchange", what = "request")))?;
    if let Some(v) = req.headers_mut().get_mut(reqwest::header::AUTHORIZATION) {
        v.set_sensitive(true);
    }
    Ok(req)
}

/// Renders every string of a JSON body as a template; a string naming an absent value
/// becomes `null`, a member whose value would be `null` that way is left out.
fn render_json(v: &mut serde_json::Value, values: &Values) -> Result<(), Problem> {
    match v {
        serde_json::Value::String(s) => {
            let parts = parse_template(s)
                .map_err(|_| internal(msg!("problem-internal-exchange", what = "template")))?;
            *v = match render_parts(&parts, values) {
                Some(text) => serde_json::Value::String(text),
                None => serde_json::Value::Null,
            };
        }
        serde_json::Value::Array(items) => {
            for x in items {
                render_json(x, values)?;
            }
        }
        serde_json::Value::Object(o) => {
            let mut absent = Vec::new();
            for (k, x) in o.iter_mut() {
                let was_string = x.is_string();
                render_json(x, values)?;
                if was_string && x.is_null() {
                    absent.push(k.clone());
                }
            }
            for k in absent {
                o.remove(&k);
            }
        }
        _ => {}
    }
    Ok(())
}

/// A parsed template rendered over `values`: `None` when a required value is absent.
fn render_parts(parts: &[Part], values: &Values) -> Option<String> {
    let mut out = String::new();
    for p in parts {
        match p {
            Part::Lit(s) => out.push_str(s),
            Part::Var(v) => match (values.get(&v.lookup_name()), &v.default) {
                (Some(x), _) => out.push_str(x),
                (None, Some(d)) => out.push_str(d),
                (None, None) => {
                    zeroize::Zeroize::zeroize(&mut out);
                    return None;
                }
            },
            Part::Optional(inner) => {
                if let Some(mut s) = render_parts(inner, values) {
                    out.push_str(&s);
                    zeroize::Zeroize::zeroize(&mut s);
                }
            }
        }
    }
    Some(out)
}
