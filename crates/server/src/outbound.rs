//! The outbound address policy: connection tests reach public addresses only.
//!
//! A host that the spec allows can still resolve to an internal address (a DNS record
//! pointing at 127.0.0.1, a cloud metadata address, a private network). The HTTP
//! client therefore resolves names through [`GuardedResolver`], which drops every
//! address that is not public and fails when none is left, so the address that is
//! connected to is the address that was checked (no second lookup to rebind). IP
//! literals never reach a resolver; the caller checks them with [`is_public`].

use std::collections::BTreeMap;
use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};

/// Whether `ip` is a public unicast address. Refused: unspecified, loopback, private,
/// shared (CGNAT), link-local (cloud metadata at 169.254.169.254 included), benchmarking,
/// documentation, reserved, broadcast and multicast IPv4; and for IPv6 the same classes
/// plus unique-local, site-local, and every form that embeds an IPv4 address
/// (IPv4-mapped, IPv4-compatible, NAT64, 6to4, Teredo), whatever that address is.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => is_public_v6(v6),
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    !(a == 0 // "this network", 0.0.0.0
        || a == 10
        || a == 127
        || (a == 100 && (64..128).contains(&b)) // shared address space
        || (a == 169 && b == 254) // link-local, cloud metadata
        || (a == 172 && (16..32).contains(&b))
        || (a == 192 && b == 0 && c == 0) // IETF protocol assignments
        || (a == 192 && b == 0 && c == 2) // documentation
        || (a == 192 && b == 168)
        || (a == 198 && (b == 18 || b == 19)) // benchmarking
        || (a == 198 && b == 51 && c == 100) // documentation
        || (a == 203 && b == 0 && c == 113) // documentation
        || a >= 224) // multicast, reserved, broadcast
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    let s = ip.segments();
    let embeds_v4 = (s[0..5] == [0; 5] && (s[5] == 0 || s[5] == 0xffff)) // compatible, mapped
        || (s[0] == 0x64 && s[1] == 0xff9b) // NAT64
        || s[0] == 0x2002 // 6to4
        || (s[0] == 0x2001 && s[1] == 0); // Teredo
    !(ip.is_unspecified()
        || ip.is_loopback()
        || embeds_v4
        || (s[0] & 0xfe00) == 0xfc00 // unique local
        || (s[0] & 0xffc0) == 0xfe80 // link-local
        || (s[0] & 0xffc0) == 0xfec0 // site-local (deprecated)
        || (s[0] & 0xff00) == 0xff00 // multicast
        || (s[0] == 0x2001 && s[1] == 0xdb8) // documentation
        || (s[0] == 0x100 && s[1..4] == [0; 3])) // discard
}

/// The error a refused name resolves to; the tester finds it in the client error's
/// source chain and answers 422 instead of 502.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusedAddress {
    /// The name that resolved to non-public addresses only.
    pub host: String,
}

impl fmt::Display for RefusedAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} resolves to no public address", self.host)
    }
}

impl std::error::Error for RefusedAddress {}

/// Resolves with the system resolver (or fixed entries), keeping public addresses only.
#[derive(Debug, Clone, Default)]
pub struct GuardedResolver {
    fixed: Arc<BTreeMap<String, Vec<IpAddr>>>,
}

impl GuardedResolver {
    /// A resolver that answers the names in `fixed` itself (lower case, as URLs give
    /// them) and asks the system for the rest. The policy applies to both.
    pub fn new(fixed: BTreeMap<String, Vec<IpAddr>>) -> GuardedResolver {
        GuardedResolver {
            fixed: Arc::new(fixed),
        }
    }

    /// The public addresses of `host`, or [`RefusedAddress`] when it has none.
    pub async fn resolve_public(
        &self,
        host: &str,
    ) -> Result<Vec<SocketAddr>, Box<dyn std::error::Error + Send + Sync>> {
        let all: Vec<SocketAddr> = match self.fixed.get(host) {
            Some(ips) => ips.iter().map(|ip| SocketAddr::new(*ip, 0)).collect(),
            None => tokio::net::lookup_host((host, 0)).await?.collect(),
        };
        let public: Vec<SocketAddr> = all.into_iter().filter(|a| is_public(a.ip())).collect();
        if public.is_empty() {
            return Err(Box::new(RefusedAddress {
                host: host.to_owned(),
            }));
        }
        Ok(public)
    }
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let this = self.clone();
        Box::pin(async move {
            let addrs = this.resolve_public(name.as_str()).await?;
            Ok(Box::new(addrs.into_iter()) as Addrs)
        })
    }
}

/// Whether `err` (or anything in its source chain) is a refusal by the policy.
pub fn refused<'e>(err: &'e (dyn std::error::Error + 'static)) -> Option<&'e RefusedAddress> {
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = cur {
        if let Some(r) = e.downcast_ref::<RefusedAddress>() {
            return Some(r);
        }
        cur = e.source();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_addresses_in_every_family_are_refused() {
        for bad in [
            "0.0.0.0",
            "127.0.0.1",
            "127.1.2.3",
            "10.0.0.1",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "224.0.0.1",
            "255.255.255.255",
            "::",
            "::1",
            "::ffff:127.0.0.1",
            "::ffff:8.8.8.8",
            "::127.0.0.1",
            "64:ff9b::7f00:1",
            "2002:7f00:1::",
            "fc00::1",
            "fd12:3456::1",
            "fe80::1",
            "ff02::1",
            "2001:db8::1",
        ] {
            assert!(!is_public(bad.parse().unwrap()), "{bad}");
        }
        for good in ["8.8.8.8", "1.1.1.1", "172.32.0.1", "2606:4700::1111"] {
            assert!(is_public(good.parse().unwrap()), "{good}");
        }
    }

    #[tokio::test]
    async fn a_name_resolving_to_loopback_is_refused() {
        let mut fixed = BTreeMap::new();
        fixed.insert(
            "acme.atlassian.net".to_owned(),
            vec!["127.0.0.1".parse().unwrap(), "::1".parse().unwrap()],
        );
        fixed.insert(
            "mixed.example.com".to_owned(),
            vec!["10.0.0.1".parse().unwrap(), "8.8.8.8".parse().unwrap()],
        );
        let r = GuardedResolver::new(fixed);
        let err = r.resolve_public("acme.atlassian.net").await.unwrap_err();
        assert_eq!(
            refused(&*err).map(|r| r.host.as_str()),
            Some("acme.atlassian.net")
        );
        let ok = r.resolve_public("mixed.example.com").await.unwrap();
        assert_eq!(ok, ["8.8.8.8:0".parse().unwrap()]);
        // The system resolver's answer for localhost is loopback: refused too.
        assert!(r.resolve_public("localhost").await.is_err());
    }
}
