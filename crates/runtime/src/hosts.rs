//! Allowed hosts: where a method's requests may go.
//!
//! Every auth method declares its hosts as exact names (`api.oneflow.com`) or
//! `*.suffix` patterns (`*.zendesk.com`: any host that ends in `.zendesk.com`, with at
//! least one label in front). The spec checker proves from the templates and the
//! fields' constraints that every URL a method can build stays inside them, and the
//! service checks the host of every URL it is about to request with the same function,
//! so the proof and the run-time guard cannot disagree about what "inside" means.
//!
//! A self-hosted product, whose whole base URL is the user's, lists `*`: any host. Its
//! requests are then held only by the service's outbound policy (no loopback, private,
//! link-local or other internal addresses), and the checker accepts `*` only for a
//! method whose base URL is a user's URL field.

/// Whether `host` (as the `url` crate reports it: lower case, punycode) is one of
/// `allowed`. Comparison is ASCII case-insensitive; one trailing dot is ignored.
pub fn host_allowed(host: &str, allowed: &[&str]) -> bool {
    let host = host.strip_suffix('.').unwrap_or(host);
    if host.is_empty() {
        return false;
    }
    allowed.iter().any(|pattern| {
        *pattern == "*"
            || match pattern.strip_prefix("*.") {
                Some(suffix) => {
                    host.len() > suffix.len() + 1
                        && host.as_bytes()[host.len() - suffix.len() - 1] == b'.'
                        && host[host.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
                }
                None => host.eq_ignore_ascii_case(pattern),
            }
    })
}

/// Whether `entry` is a well-formed allowed-host entry: a lower-case DNS host name with
/// at least one dot, optionally behind `*.`; or `*` alone, any host.
pub fn is_allowed_host_entry(entry: &str) -> bool {
    if entry == "*" {
        return true;
    }
    let name = entry.strip_prefix("*.").unwrap_or(entry);
    name.contains('.')
        && !name.bytes().any(|b| b.is_ascii_uppercase())
        && crate::format::is_hostname(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_and_wildcard() {
        let allowed = ["api.oneflow.com", "*.zendesk.com"];
        assert!(host_allowed("api.oneflow.com", &allowed));
        assert!(host_allowed("API.Oneflow.com.", &allowed));
        assert!(host_allowed("acme.zendesk.com", &allowed));
        assert!(host_allowed("a.b.zendesk.com", &allowed));
        assert!(!host_allowed("zendesk.com", &allowed));
        assert!(!host_allowed("evilzendesk.com", &allowed));
        assert!(!host_allowed("oneflow.com", &allowed));
        assert!(!host_allowed("api.oneflow.com.evil.example", &allowed));
        assert!(!host_allowed("127.0.0.1", &allowed));
        assert!(!host_allowed("", &allowed));
        assert!(!host_allowed(".", &allowed));
    }

    #[test]
    fn entries() {
        assert!(is_allowed_host_entry("api.oneflow.com"));
        assert!(is_allowed_host_entry("*.zendesk.com"));
        assert!(is_allowed_host_entry("*"));
        assert!(host_allowed("gitlab.example.org", &["*"]));
        assert!(!host_allowed("", &["*"]));
        assert!(!is_allowed_host_entry("*.com."));
        assert!(!is_allowed_host_entry("localhost"));
        assert!(!is_allowed_host_entry("API.example.com"));
        assert!(!is_allowed_host_entry("https://api.example.com"));
        assert!(!is_allowed_host_entry("*.*.example.com"));
    }
}
