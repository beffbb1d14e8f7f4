//! OAuth discovery from a protected resource, as remote MCP servers publish it: the
//! resource URL (rendered from the end user's fields) → its protected-resource metadata
//! (RFC 9728) → the first authorization server it names → that server's metadata
//! (RFC 8414, else OpenID Connect discovery) → the authorization, token and
//! registration endpoints.
//!
//! Every URL met on the way is held to the policy of every other outbound request
//! ([`Policy`]): https, a host inside the method's `allowed_hosts`, an IP literal only
//! when public, names resolved by the guarded resolver, no redirects, the tester's
//! timeout and a 64 KiB answer limit. The operator's origin override for the provider
//! (`--oauth-origin`, tests and staging) moves the resource to that origin and lets
//! the discovered URLs on that origin through; any other origin stays under the policy.
//! A URL is checked before anything is sent to it, and nothing here logs or returns a
//! URL or an answer body.

use axum::http::StatusCode;
use connectspec_runtime::{MethodMeta, OAuthMeta, UrlPart, host_allowed, render_url};
use serde::Deserialize;
use url::Url;

use super::values::Values;
use crate::AppState;
use crate::connection_test::{host_problem, internal, value_problem};
use crate::i18n::{Msg, msg};
use crate::outbound::{is_public, refused};
use crate::problem::Problem;

/// Largest metadata document read, in bytes.
const MAX_ANSWER: usize = 64 * 1024;

/// What discovery found: the endpoints of the authorization server that protects the
/// resource.
#[derive(Debug, Clone)]
pub(crate) struct Discovered {
    /// The protected resource (after the origin override), sent as `resource`.
    pub(crate) resource: Url,
    /// The authorization server's identifier, as its metadata's `issuer`.
    pub(crate) issuer: String,
    pub(crate) authorization_endpoint: Url,
    pub(crate) token_endpoint: Url,
    pub(crate) registration_endpoint: Option<Url>,
}

/// The outbound policy of one method's OAuth requests.
pub(crate) struct Policy<'s> {
    state: &'s AppState,
    m: &'static MethodMeta,
    /// The operator's origin override for the provider.
    origin: Option<&'s Url>,
}

/// The 502 of an authorization server or resource whose metadata the service refuses.
/// `why` (a `discovery-…` message) completes "… metadata …"; no URL or value from the
/// answer is quoted.
pub(crate) fn refused_metadata(m: &MethodMeta, why: Msg) -> Problem {
    Problem::new(
        StatusCode::BAD_GATEWAY,
        "oauth-discovery-refused",
        msg!(
            "problem-oauth-discovery-refused-detail",
            provider = m.provider_name,
            why = why.text()
        ),
    )
}

/// A `discovery-…` message about the URL or document `what` (a key of the catalogue's
/// `discovery-what`: `resource`, `server`, `authorization-endpoint`, `token-endpoint`,
/// `registration-endpoint`, `resource-metadata`, `server-metadata`), given as `what`
/// and, with its article, as `a_what`.
pub(crate) fn about(id: &'static str, what: &'static str) -> Msg {
    msg!(
        id,
        what = msg!("discovery-what", what = what).text(),
        a_what = msg!("discovery-a-what", what = what).text()
    )
}

/// 502; `kind` is `timeout`, `connect` or `other`.
fn unreachable(m: &MethodMeta, what: &'static str, kind: &'static str) -> Problem {
    Problem::new(
        StatusCode::BAD_GATEWAY,
        "provider-unreachable",
        msg!(
            "problem-provider-unreachable-discovery",
            what = msg!("discovery-what", what = what).text(),
            provider = m.provider_name,
            kind = kind
        ),
    )
}

impl<'s> Policy<'s> {
    pub(crate) fn new(state: &'s AppState, m: &'static MethodMeta) -> Policy<'s> {
        Policy {
            state,
            m,
            origin: state.oauth().origins.get(m.provider_id),
        }
    }

    /// Whether `url` is on the operator's override origin.
    fn overridden(&self, url: &Url) -> bool {
        self.origin
            .is_some_and(|o| o.origin() == url.origin() && url.username().is_empty())
    }

    /// Checks a URL the service found in metadata (or unsealed) before anything goes
    /// there. Answers the HTTP client to reach it with: the direct one on the override
    /// origin, else the guarded one. `what` names the URL in the refusal.
    pub(crate) fn check(
        &self,
        url: &Url,
        what: &'static str,
    ) -> Result<&'s reqwest::Client, Problem> {
        let tester = self.state.tester();
        if self.overridden(url) {
            return Ok(tester.client(true));
        }
        if url.scheme() != "https"
            || !url.username().is_empty()
            || url.password().is_some()
            || url.fragment().is_some()
        {
            tracing::info!(
                provider = self.m.provider_id,
                method = self.m.id,
                what,
                "discovered URL refused: not a plain https URL"
            );
            return Err(refused_metadata(self.m, about("discovery-not-https", what)));
        }
        let host = url.host_str().unwrap_or("");
        if !host_allowed(host, self.m.allowed_hosts) {
            tracing::info!(
                provider = self.m.provider_id,
                method = self.m.id,
                what,
                "discovered URL refused: host not allowed"
            );
            return Err(refused_metadata(self.m, about("discovery-host", what)));
        }
        let ip = match url.host() {
            Some(url::Host::Ipv4(ip)) => Some(std::net::IpAddr::V4(ip)),
            Some(url::Host::Ipv6(ip)) => Some(std::net::IpAddr::V6(ip)),
            _ => None,
        };
        if !tester.allow_private_hosts() && ip.is_some_and(|ip| !is_public(ip)) {
            return Err(refused_metadata(self.m, about("discovery-internal", what)));
        }
        Ok(tester.client(false))
    }

    /// [`Policy::check`], then, for a host the service will reach later (a token
    /// endpoint after the sign-in), whether it resolves to public addresses now.
    pub(crate) async fn check_later(&self, url: &Url, what: &'static str) -> Result<(), Problem> {
        self.check(url, what)?;
        if let Some(host) = url.host_str().filter(|_| !self.overridden(url))
            && matches!(url.host(), Some(url::Host::Domain(_)))
            && self.state.tester().refuses_host(host).await
        {
            return Err(refused_metadata(
                self.m,
                about("discovery-resolves-internal", what),
            ));
        }
        Ok(())
    }

    /// Whether `url` is reached through the override (the direct client).
    pub(crate) fn is_overridden(&self, url: &Url) -> bool {
        self.overridden(url)
    }

    /// GETs a JSON object, policy-checked, bounded and timed. `Ok(None)`: the server
    /// answered another status than 200 (the caller may try the next well-known URL).
    async fn get_json(
        &self,
        url: &Url,
        what: &'static str,
    ) -> Result<Option<serde_json::Map<String, serde_json::Value>>, Problem> {
        let client = self.check(url, what)?;
        let tester = self.state.tester();
        let send = client
            .get(url.clone())
            .header(reqwest::header::ACCEPT, "application/json")
            .send();
        let m = self.m;
        let classify = |e: reqwest::Error| {
            if e.is_timeout() {
                unreachable(m, what, "timeout")
            } else if refused(&e).is_some() {
                refused_metadata(m, about("discovery-internal", what))
            } else if e.is_connect() {
                unreachable(m, what, "connect")
            } else {
                unreachable(m, what, "other")
            }
        };
        let read = async {
            let mut res = send.await.map_err(classify)?;
            if res.status() != reqwest::StatusCode::OK {
                return Ok(None);
            }
            let mut bytes = Vec::new();
            while let Some(chunk) = res.chunk().await.map_err(classify)? {
                if bytes.len() + chunk.len() > MAX_ANSWER {
                    return Err(refused_metadata(m, about("discovery-too-large", what)));
                }
                bytes.extend_from_slice(&chunk);
            }
            match serde_json::from_slice(&bytes) {
                Ok(serde_json::Value::Object(o)) => Ok(Some(o)),
                _ => Err(refused_metadata(m, about("discovery-not-object", what))),
            }
        };
        match tokio::time::timeout(tester.timeout(), read).await {
            Ok(r) => r,
            Err(_) => Err(unreachable(m, what, "timeout")),
        }
    }

    /// The protected resource's URL from the end user's values, on the override origin
    /// when there is one, checked like every other URL.
    pub(crate) fn resource(&self, o: &OAuthMeta, values: &Values) -> Result<Url, Problem> {
        let m = self.m;
        let d = o
            .discovery
            .as_ref()
            .ok_or_else(|| internal(msg!("problem-internal-no-discovery")))?;
        let text = render_url(&[&d.resource], UrlPart::Scheme, &|k| values.get(k))
            .map_err(|e| value_problem(m, &e))?
            .ok_or_else(|| host_problem(m, "needed"))?;
        let mut url = Url::parse(&text).map_err(|_| host_problem(m, "invalid"))?;
        if let Some(origin) = self.origin {
            url.set_scheme(origin.scheme())
                .and_then(|()| url.set_host(origin.host_str()).map_err(|_| ()))
                .and_then(|()| url.set_port(origin.port()))
                .map_err(|()| internal(msg!("problem-internal-oauth-origin")))?;
            return Ok(url);
        }
        // The checker proved the host is allowed; this is the run-time twin.
        if !host_allowed(url.host_str().unwrap_or(""), m.allowed_hosts) {
            return Err(host_problem(m, "not-allowed"));
        }
        self.check(&url, "resource")
            .map_err(|_| host_problem(m, "internal"))?;
        Ok(url)
    }

    /// Discovery, from the resource to the authorization server's endpoints.
    pub(crate) async fn discover(&self, resource: Url) -> Result<Discovered, Problem> {
        let m = self.m;
        let prm = self.resource_metadata(&resource).await?;
        let named = prm
            .authorization_servers
            .first()
            .ok_or_else(|| refused_metadata(m, msg!("discovery-no-server")))?
            .clone();
        let issuer_url = Url::parse(&named)
            .map_err(|_| refused_metadata(m, about("discovery-not-url", "server")))?;
        if issuer_url.query().is_some() || issuer_url.fragment().is_some() {
            return Err(refused_metadata(m, msg!("discovery-server-query")));
        }
        self.check(&issuer_url, "server")?;
        let asm = self.server_metadata(&issuer_url).await?;
        if asm.issuer.as_deref() != Some(named.as_str()) {
            tracing::info!(
                provider = m.provider_id,
                method = m.id,
                "discovery refused: issuer mismatch"
            );
            return Err(refused_metadata(m, msg!("discovery-issuer")));
        }
        if !asm
            .code_challenge_methods_supported
            .iter()
            .any(|c| c == "S256")
        {
            return Err(refused_metadata(m, msg!("discovery-no-pkce")));
        }
        let url_of = |v: Option<&String>, what: &'static str| -> Result<Url, Problem> {
            let text = v.ok_or_else(|| refused_metadata(m, about("discovery-no-url", what)))?;
            let url = Url::parse(text)
                .map_err(|_| refused_metadata(m, about("discovery-not-url", what)))?;
            self.check(&url, what)?;
            Ok(url)
        };
        let authorization_endpoint = url_of(
            asm.authorization_endpoint.as_ref(),
            "authorization-endpoint",
        )?;
        let token_endpoint = url_of(asm.token_endpoint.as_ref(), "token-endpoint")?;
        let registration_endpoint = match &asm.registration_endpoint {
            Some(r) => Some(url_of(Some(r), "registration-endpoint")?),
            None => None,
        };
        self.check_later(&token_endpoint, "token-endpoint").await?;
        Ok(Discovered {
            resource,
            issuer: named,
            authorization_endpoint,
            token_endpoint,
            registration_endpoint,
        })
    }

    /// RFC 9728 §3: the well-known path inserted before the resource's path, then at
    /// the root; the `resource` it names must be the resource asked about.
    async fn resource_metadata(&self, resource: &Url) -> Result<ResourceMetadata, Problem> {
        let m = self.m;
        for url in well_known(resource, "oauth-protected-resource", false) {
            let Some(doc) = self.get_json(&url, "resource-metadata").await? else {
                continue;
            };
            let prm: ResourceMetadata = serde_json::from_value(doc.into())
                .map_err(|_| refused_metadata(m, msg!("discovery-not-rfc9728")))?;
            let same = Url::parse(&prm.resource).is_ok_and(|r| r == *resource);
            if !same {
                tracing::info!(
                    provider = m.provider_id,
                    method = m.id,
                    "discovery refused: resource mismatch"
                );
                return Err(refused_metadata(m, msg!("discovery-other-resource")));
            }
            return Ok(prm);
        }
        Err(refused_metadata(m, msg!("discovery-no-resource-metadata")))
    }

    /// RFC 8414 §3 with the path inserted, then OpenID Connect discovery inserted and
    /// appended (as MCP clients look for it).
    async fn server_metadata(&self, issuer: &Url) -> Result<ServerMetadata, Problem> {
        let mut urls = well_known(issuer, "oauth-authorization-server", false);
        urls.extend(well_known(issuer, "openid-configuration", false));
        urls.extend(well_known(issuer, "openid-configuration", true));
        let mut seen: Vec<Url> = Vec::new();
        for url in urls {
            if seen.contains(&url) {
                continue;
            }
            seen.push(url.clone());
            if let Some(doc) = self.get_json(&url, "server-metadata").await? {
                return serde_json::from_value(doc.into())
                    .map_err(|_| refused_metadata(self.m, msg!("discovery-not-rfc8414")));
            }
        }
        Err(refused_metadata(
            self.m,
            msg!("discovery-no-server-metadata"),
        ))
    }
}

/// The well-known URLs of `base` for `name`: inserted between the host and the path
/// (the only form at the root), or with `appended`, after the path. The query of the
/// base is kept where the RFCs keep it (inserted forms).
fn well_known(base: &Url, name: &str, appended: bool) -> Vec<Url> {
    let path = base.path().trim_end_matches('/');
    let mut out = Vec::new();
    let mut with = |p: String, query: Option<&str>| {
        let mut u = base.clone();
        u.set_path(&p);
        u.set_query(query);
        u.set_fragment(None);
        out.push(u);
    };
    if appended {
        if !path.is_empty() {
            with(format!("{path}/.well-known/{name}"), None);
        }
    } else {
        with(format!("/.well-known/{name}{path}"), base.query());
        if !path.is_empty() && name == "oauth-protected-resource" {
            with(format!("/.well-known/{name}"), None);
        }
    }
    out
}

#[derive(Deserialize)]
struct ResourceMetadata {
    resource: String,
    #[serde(default)]
    authorization_servers: Vec<String>,
}

#[derive(Deserialize)]
struct ServerMetadata {
    issuer: Option<String>,
    authorization_endpoint: Option<String>,
    token_endpoint: Option<String>,
    registration_endpoint: Option<String>,
    #[serde(default)]
    code_challenge_methods_supported: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: Vec<Url>) -> Vec<String> {
        v.into_iter().map(String::from).collect()
    }

    #[test]
    fn well_known_urls_follow_the_rfcs() {
        let r = Url::parse("https://mcp.example.com/mcp/main").unwrap();
        assert_eq!(
            strings(well_known(&r, "oauth-protected-resource", false)),
            [
                "https://mcp.example.com/.well-known/oauth-protected-resource/mcp/main",
                "https://mcp.example.com/.well-known/oauth-protected-resource",
            ]
        );
        let issuer = Url::parse("https://auth.example.com/tenant1").unwrap();
        assert_eq!(
            strings(well_known(&issuer, "oauth-authorization-server", false)),
            ["https://auth.example.com/.well-known/oauth-authorization-server/tenant1"]
        );
        assert_eq!(
            strings(well_known(&issuer, "openid-configuration", true)),
            ["https://auth.example.com/tenant1/.well-known/openid-configuration"]
        );
        let root = Url::parse("https://auth.example.com").unwrap();
        assert_eq!(
            strings(well_known(&root, "openid-configuration", false)),
            ["https://auth.example.com/.well-known/openid-configuration"]
        );
        assert!(well_known(&root, "openid-configuration", true).is_empty());
    }
}
