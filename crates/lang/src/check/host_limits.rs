//! DNS length limits for the end-user fields that become part of a URL's host.
//!
//! A subdomain or tenant the end user types goes into `https://{subdomain}.example.com`;
//! DNS allows at most 63 characters per label and 253 per host name (RFC 1035), so a
//! longer value can never name a reachable host, and an unbounded one made authorization
//! URLs and OAuth states grow without end. The loader lowers such a field's
//! `max_length` to what its place in the host leaves, before any check runs: the checker
//! judges the examples with it, and every consumer of the model (the Rust validators, the
//! browser module, the JSON Schema) enforces the same limit.

use std::collections::BTreeMap;

use crate::check::host_shapes::{HostPiece, host_shapes};
use crate::check::hosts::{Lang, lang_of};
use crate::model::{AuthMethod, ProviderSpec};

/// The longest DNS label.
const MAX_LABEL: u32 = 63;
/// The longest host name.
const MAX_HOST: u32 = 253;

/// Lowers `max_length` of every field that stands in a URL host to the DNS limit of its
/// place there. Templates that do not parse are skipped (the checks report them).
pub(crate) fn apply(spec: &mut ProviderSpec) {
    for m in &mut spec.auth_methods {
        for (key, limit) in limits(m) {
            if let Some(f) = m.fields.iter_mut().find(|f| f.key == key) {
                f.max_length = Some(f.max_length.map_or(limit, |n| n.min(limit)));
            }
        }
    }
}

/// The tightest limit of each field key over every URL of `m` that names it in a host,
/// in every shape of that host.
fn limits(m: &AuthMethod) -> BTreeMap<String, u32> {
    let mut out: BTreeMap<String, u32> = BTreeMap::new();
    let oauth = m.oauth.iter().flat_map(|o| {
        [
            o.authorization_url.as_deref(),
            o.token_url.as_deref(),
            o.refresh_url.as_deref(),
        ]
    });
    for url in std::iter::once(Some(m.base_url.as_str()))
        .chain(oauth)
        .flatten()
    {
        let Some(shapes) = host_shapes(&[url]) else {
            continue;
        };
        for host in &shapes.shapes {
            for (i, piece) in host.iter().enumerate() {
                let HostPiece::Var(key) = piece else {
                    continue;
                };
                if m.field(key).is_none() {
                    continue; // a derived or captured value, or `{field.param}`: not typed
                }
                // More host text after it: one label, whatever the field's pattern
                // (the runtime refuses a dot there).
                let label = i + 1 < host.len();
                let limit = match lang_of(m, key) {
                    Lang::Finite(_) => continue, // options: fixed values
                    // One label: what the label's literal text around it leaves.
                    _ if label => MAX_LABEL.saturating_sub(label_literals(host, i)),
                    Lang::Label => MAX_LABEL.saturating_sub(label_literals(host, i)),
                    // Possibly several labels: what the host's literal text leaves.
                    Lang::Ending(_) | Lang::Unconfined => {
                        MAX_HOST.saturating_sub(host_literals(host))
                    }
                };
                let limit = limit.max(1);
                out.entry(key.clone())
                    .and_modify(|n| *n = (*n).min(limit))
                    .or_insert(limit);
            }
        }
    }
    out
}

/// Literal characters in the same label as the placeholder at `i`.
fn label_literals(host: &[HostPiece], i: usize) -> u32 {
    let mut n = 0;
    for piece in host[..i].iter().rev() {
        if let HostPiece::Lit(l) = piece {
            match l.rfind('.') {
                Some(dot) => {
                    n += l.len() - dot - 1;
                    break;
                }
                None => n += l.len(),
            }
        }
    }
    for piece in &host[i + 1..] {
        if let HostPiece::Lit(l) = piece {
            match l.find('.') {
                Some(dot) => {
                    n += dot;
                    break;
                }
                None => n += l.len(),
            }
        }
    }
    n as u32
}

/// Literal characters of the whole host.
fn host_literals(host: &[HostPiece]) -> u32 {
    host.iter()
        .map(|s| match s {
            HostPiece::Lit(l) => l.len() as u32,
            HostPiece::Var(_) => 0,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// A method whose subdomain and tenant go into hosts, with optional lengths.
    fn spec(sub_max: &str) -> String {
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
      - key: subdomain
        label: Subdomain
        pattern: '^[a-z0-9]([a-z0-9-]*[a-z0-9])?$'
        hint: letters, digits and hyphens{sub_max}
        examples:
          valid: [globex]
          invalid: [{{value: globex corp, reason: a space}}]
      - key: api_token
        label: API Token
        secret: true
    base_url: https://{{subdomain}}-api.eu.acme.example.com/v1
    allowed_hosts: ["*.eu.acme.example.com"]
    send:
      headers:
        Authorization: "Bearer {{api_token}}"
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

    fn subdomain_max(text: &str) -> Option<u32> {
        let spec = crate::load_str(Path::new("acme.yaml"), text).unwrap_or_else(|d| panic!("{d}"));
        spec.auth_methods[0].field("subdomain").unwrap().max_length
    }

    #[test]
    fn a_host_label_field_gets_what_its_label_leaves() {
        // `{subdomain}-api`: 63 less the 4 literal characters of its label.
        assert_eq!(subdomain_max(&spec("")), Some(59));
        // A tighter limit of the author's stays.
        assert_eq!(subdomain_max(&spec("\n        max_length: 20")), Some(20));
    }

    #[test]
    fn an_example_past_the_label_limit_is_reported() {
        let long = "a".repeat(60);
        let text = spec("").replace("valid: [globex]", &format!("valid: [globex, {long}]"));
        let err = crate::load_str(Path::new("acme.yaml"), &text).unwrap_err();
        let err = err.to_string();
        assert!(err.contains("E022") && err.contains("(it has 60)"), "{err}");
    }
}
