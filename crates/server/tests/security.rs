//! The service's security promises, tested against the real specs:
//!
//! - a provider address built from form fields can only be one of the spec's allowed
//!   hosts: hostile values (internal addresses in every spelling, user-info and port
//!   tricks, path traversal and delimiters, upper-case and non-ASCII hosts) give a 422
//!   naming the field, and no connection ever reaches a listener on this machine. That
//!   holds for every shape a host takes: a value in front of a literal domain (one
//!   label, whatever the field's pattern), a host name the user types as the whole
//!   host (`https://{hostname}/api/v3`, whose internal names and addresses the
//!   outbound policy refuses), a whole base URL, and a path segment;
//! - a name that resolves only to internal addresses is refused before connecting;
//! - a control character in any field is refused by `/validate` and `/test` alike.
//!
//! The inbound limits (slow clients, oversized bodies, connection caps) are `limits.rs`.

mod common;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use common::{Service, catalogue, form_with, post_oauth_verb, post_verb, quick_config, valid_form};
use serde_json::Value;
use tokio::net::TcpListener;

/// Listeners on 127.0.0.1 and [::1] (same port when possible) that count every
/// connection: a request steered to this machine would land here.
struct Trap {
    port: u16,
    hits: Arc<AtomicUsize>,
}

impl Trap {
    async fn start() -> Trap {
        let hits = Arc::new(AtomicUsize::new(0));
        let v4 = TcpListener::bind("127.0.0.1:0").await.expect("bind trap");
        let port = v4.local_addr().unwrap().port();
        let mut listeners = vec![v4];
        if let Ok(v6) = TcpListener::bind(("::1", port)).await {
            listeners.push(v6);
        }
        for l in listeners {
            let hits = hits.clone();
            tokio::spawn(async move {
                while let Ok((s, _)) = l.accept().await {
                    hits.fetch_add(1, Ordering::SeqCst);
                    drop(s);
                }
            });
        }
        Trap { port, hits }
    }

    fn hits(&self) -> usize {
        self.hits.load(Ordering::SeqCst)
    }
}

/// Where a placeholder sits in the URL template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Position {
    Host,
    Path,
    /// The whole base URL (a self-hosted product's `{instance_url}/api`).
    Base,
    /// The whole host (an instance's `https://{hostname}/api/v3`).
    UserHost,
}

/// The field placeholders of a URL template (or a path) with their position, read
/// with the runtime's own template parser. A choice's parameter (`{region.api_host}`)
/// is left out: its values are the spec's, not the user's.
fn placeholders(template: &str, whole_url: bool) -> Vec<(String, Position)> {
    let parts = connectspec_runtime::parse_template(template).expect("a checked template");
    let rest_at = if template.starts_with("https://") {
        8
    } else {
        0
    };
    let host_end = if whole_url {
        template[rest_at..]
            .find('/')
            .map_or(template.len(), |i| i + rest_at)
    } else {
        0
    };
    let mut out: Vec<(String, Position)> = Vec::new();
    for (ph, _) in connectspec_runtime::Part::placeholders(&parts) {
        if ph.param.is_some() || out.iter().any(|(k, _)| *k == ph.key) {
            continue;
        }
        let end = ph.offset + template[ph.offset..].find('}').map_or(0, |i| i + 1);
        let position = if whole_url && ph.offset == 0 {
            Position::Base
        } else if whole_url && ph.offset == rest_at && rest_at > 0 && end == host_end {
            Position::UserHost
        } else if ph.offset < host_end {
            Position::Host
        } else {
            Position::Path
        };
        out.push((ph.key.clone(), position));
    }
    out
}

/// Values that must never become part of a provider address, for a placeholder in
/// `position`. `port` is the trap's.
fn hostile(position: Position, port: u16) -> Vec<String> {
    if position == Position::Base {
        // A whole base URL: every spelling of an internal address, and URLs that carry
        // user info, a query or a fragment.
        return [
            "https://127.0.0.1:{port}",
            "https://127.0.0.1:{port}/api",
            "https://localhost:{port}",
            "https://[::1]:{port}",
            "https://[::ffff:127.0.0.1]:{port}",
            "https://2130706433:{port}",
            "https://0x7f000001:{port}",
            "https://127.1:{port}",
            "https://10.0.0.1",
            "https://169.254.169.254",
            "https://user:pw@127.0.0.1:{port}",
            "https://127.0.0.1:{port}/?x=1",
            "https://127.0.0.1:{port}/#x",
            "http://127.0.0.1:{port}",
            "127.0.0.1:{port}",
            "//127.0.0.1:{port}",
        ]
        .iter()
        .map(|s| s.replace("{port}", &port.to_string()))
        .collect();
    }
    let mut v: Vec<String> = [
        // Loopback and private addresses, in the spellings URL parsers accept.
        "127.0.0.1",
        "127.0.0.1:{port}",
        "127.1",
        "127.0.1",
        "2130706433",
        "0x7f000001",
        "0x7f.0.0.1",
        "0177.0.0.1",
        "017700000001",
        "0.0.0.0",
        "0",
        "10.0.0.1",
        "172.16.0.1",
        "192.168.0.1",
        "169.254.169.254",
        "100.64.0.1",
        "[::1]",
        "[::1]:{port}",
        "[::]",
        "[::ffff:127.0.0.1]",
        "[::ffff:7f00:1]",
        "[fe80::1]",
        "[fc00::1]",
        "localhost",
        "localhost:{port}",
        "LOCALHOST",
        "LocalHost:{port}",
        "localhost.",
        "metadata.google.internal",
        // User-info and port tricks.
        "user@127.0.0.1:{port}",
        "acme@localhost:{port}",
        "acme:secret@127.0.0.1",
        "acme.example.com@127.0.0.1",
        "acme:{port}",
        "acme:443@127.0.0.1",
        // Delimiters that end the host or path early.
        "127.0.0.1/",
        "127.0.0.1:{port}/x",
        "127.0.0.1?",
        "127.0.0.1#",
        "127.0.0.1\\",
        "acme/../127.0.0.1",
        "acme?x=",
        "acme#x",
        "acme%2f..",
        "acme%2F127.0.0.1",
        "acme%23",
        "acme%3F",
        "acme%00",
        "acme%40127.0.0.1",
        "acme%3a{port}",
        "acme.%2e",
        "acme space",
        // Path traversal.
        ".",
        "..",
        "%2e",
        "%2e%2e",
        "%2E%2E",
        ".%2e",
        "%2e.",
        "../..",
        "..%2f..",
        "..\\..",
        "a/b",
        "a/../b",
        "//127.0.0.1:{port}",
        // Upper-case, full-width and other non-ASCII spellings.
        "ACME.EXAMPLE.COM",
        "１２７.０.０.１",
        "127。0。0。1",
        "ｌｏｃａｌｈｏｓｔ",
        "lоcalhost",
        "ⓛocalhost",
        "bücher",
        "xn--bcher-kva.example",
        "acme\u{200b}",
        "acme\u{ff0e}example",
    ]
    .iter()
    .map(|s| s.replace("{port}", &port.to_string()))
    .collect();
    if matches!(position, Position::Host | Position::UserHost) {
        // In the host, dots and hyphens also matter: a whole other domain, or a label
        // that only looks like the allowed one.
        v.extend(
            [
                "evil.example",
                "127.0.0.1.nip.io",
                "localtest.me",
                "acme.example.com.evil.example",
                "-acme",
                "acme-",
                ".acme",
                "acme..example",
            ]
            .map(str::to_owned),
        );
    }
    v
}

/// The field a placeholder is built from and, for a derived value, how to put a
/// hostile value where the derived capture would be.
fn source_value(m: &connectspec_lang::AuthMethod, key: &str, hostile: &str) -> (String, String) {
    if m.fields.iter().any(|f| f.key == key) {
        return (key.to_owned(), hostile.to_owned());
    }
    let d = m
        .derived
        .iter()
        .find(|d| d.key == key)
        .unwrap_or_else(|| panic!("{}: placeholder {{{key}}} names no field", m.id));
    let re = regex::Regex::new(&d.pattern).expect("derived pattern");
    let field = m.fields.iter().find(|f| f.key == d.from).expect("source");
    let example = field
        .examples
        .iter()
        .flat_map(|e| e.valid.iter())
        .find_map(|v| {
            re.captures(v)
                .map(|c| (v.clone(), c.name("value").unwrap().range()))
        })
        .unwrap_or_else(|| panic!("{}: no valid example of {} has a capture", m.id, d.from));
    let (v, range) = example;
    let spliced = format!("{}{hostile}{}", &v[..range.start], &v[range.end..]);
    (d.from.clone(), spliced)
}

fn names_field(body: &Value, field: &str) -> bool {
    body["errors"]
        .as_array()
        .is_some_and(|es| es.iter().any(|e| e["field"] == field))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_url_values_are_refused_and_reach_nothing() {
    let trap = Trap::start().await;
    // A host the user types is any host name: the names among the hostile values
    // resolve to internal addresses here, as they could for anyone's DNS, and the
    // outbound policy must refuse each (a name with no public address).
    let mut config = quick_config();
    let internal: [IpAddr; 5] = [
        IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(Ipv6Addr::LOCALHOST),
        IpAddr::V4(Ipv4Addr::new(10, 0, 0, 1)),
        IpAddr::V4(Ipv4Addr::new(169, 254, 169, 254)),
        IpAddr::V6(Ipv4Addr::LOCALHOST.to_ipv6_mapped()),
    ];
    for (i, name) in USER_HOST_NAMES.iter().enumerate() {
        config
            .resolve
            .insert((*name).to_owned(), vec![internal[i % internal.len()]]);
    }
    let svc = Service::start(config).await;
    let c = common::client();
    let cat = catalogue();
    let mut methods = 0;
    let mut cases = 0;
    let mut contained_cases = 0;
    let mut failures = Vec::new();
    for spec in cat.iter() {
        for m in &spec.auth_methods {
            let mut keys = placeholders(&m.base_url, true);
            if let Some(t) = &m.connection_test {
                keys.extend(placeholders(&t.path, false));
            }
            // A value captured from an OAuth token response is not typed by the end user;
            // its host is proved at load time (E040) and checked again at run time.
            keys.retain(|(k, _)| m.capture(k).is_none());
            // The OAuth endpoints are built from the same fields.
            let oauth_urls: Vec<&str> = m
                .oauth
                .iter()
                .flat_map(|o| {
                    [
                        o.authorization_url.as_deref(),
                        o.token_url.as_deref(),
                        o.refresh_url.as_deref(),
                    ]
                })
                .flatten()
                .collect();
            for url in &oauth_urls {
                for (k, pos) in placeholders(url, true) {
                    if !keys.iter().any(|(have, _)| *have == k) {
                        keys.push((k, pos));
                    }
                }
            }
            if keys.is_empty() {
                continue;
            }
            methods += 1;
            let mut verbs = vec!["validate", "test"];
            match m.grant {
                Some(connectspec_lang::Grant::AuthorizationCode) => verbs.push("authorize"),
                Some(connectspec_lang::Grant::ClientCredentials) => verbs.push("token"),
                None => {}
            }
            for (key, position) in keys {
                let in_label = label_position(&m.base_url, &key)
                    || oauth_urls.iter().any(|u| label_position(u, &key));
                let label = position == Position::Path || in_label;
                // A field without a pattern, options or format is confined where it
                // stands by the runtime alone: `/validate` may accept what `/test`
                // refuses.
                let free = m.field(&key).is_some_and(|f| {
                    f.pattern.is_none() && f.options.is_empty() && f.format.is_none()
                });
                for h in hostile(position, trap.port) {
                    let (field, value) = source_value(m, &key, &h);
                    let (form, _) = form_with(&spec.id, m, Some((&field, &value)));
                    // A single DNS label (`localhost`, `2130706433`) in front of the
                    // spec's literal domain, or as one path segment, stays inside the
                    // allowed host (`localhost.zendesk.com`): a valid value, still kept
                    // from this machine.
                    // A value that only goes into the path of an OAuth endpoint on a fixed
                    // host (a tenant domain) is one encoded path segment: host characters
                    // there stay on that host.
                    let oauth_path_only = position == Position::Path
                        && !m.base_url.contains(&format!("{{{key}}}"))
                        && m.connection_test
                            .as_ref()
                            .is_none_or(|t| !t.path.contains(&format!("{{{key}}}")));
                    // A free value in front of a literal domain is whatever the runtime
                    // admits in one label there (`localhost` in
                    // `api.localhost.ghe.com`); a free path value is one encoded segment.
                    let contained = (label && is_dns_label(&h))
                        || (oauth_path_only && is_host_segment(&h))
                        || (free && in_label && is_label_text(&h))
                        || (free && position == Position::Path && h != "." && h != "..");
                    for verb in verbs.iter().copied() {
                        // A base URL on a private address is a well-formed value: only
                        // the requests refuse it.
                        if position == Position::Base && verb == "validate" {
                            continue;
                        }
                        // A free value that no OAuth endpoint names goes nowhere in a
                        // token request or an authorization: only `test` sends it.
                        let in_oauth_url = oauth_urls
                            .iter()
                            .any(|u| placeholders(u, true).iter().any(|(k, _)| *k == key));
                        if free && !in_oauth_url && matches!(verb, "authorize" | "token") {
                            continue;
                        }
                        cases += 1;
                        let (status, body) =
                            post_oauth_verb(&c, &svc, &spec.id, m, verb, &form).await;
                        if contained {
                            contained_cases += 1;
                            continue;
                        }
                        // A well-formed host name, internal ones included, is a valid
                        // value of a host name field, and a free field's value a valid
                        // value of it: only the requests refuse them.
                        let lenient = verb == "validate"
                            && (position == Position::UserHost || free)
                            && status == 200;
                        if lenient {
                            continue;
                        }
                        if status != 422 || !names_field(&body, &field) {
                            failures.push(format!(
                                "{}.{} {verb} {field}={value:?}: {status} {body}",
                                spec.id, m.id
                            ));
                        }
                    }
                }
            }
        }
    }
    assert!(
        methods >= 8,
        "only {methods} methods build their URL from fields"
    );
    assert!(
        failures.is_empty(),
        "{} of {cases} hostile cases were not refused with a 422 naming the field:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // Most cases must be refusals: contained ones (a DNS label in front of a literal
    // domain, one path segment) are a minority, if a growing one as the catalogue gains
    // providers with a subdomain (about 12 % at 100 providers).
    assert!(contained_cases * 5 < cases, "{contained_cases} of {cases}");
    assert_eq!(trap.hits(), 0, "a request reached this machine");
    svc.stop().await.unwrap();
}

/// Whether `{key}` in the URL template is followed by literal label text (possibly
/// none) and then `.domain`, as in `{sub}.example.com` or `{app_id}-dsn.algolia.net`:
/// one DNS label there stays under that domain.
fn label_position(base_url: &str, key: &str) -> bool {
    let pat = format!("{{{key}}}");
    base_url.match_indices(&pat).any(|(i, _)| {
        let rest = &base_url[i + pat.len()..];
        let label_end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'));
        label_end.is_some_and(|e| rest[e..].starts_with('.'))
    })
}

/// Names a user could type as a whole host (after the form's normalising) among the
/// hostile values: the test resolves each to an internal address.
const USER_HOST_NAMES: &[&str] = &[
    "localhost",
    "acme",
    "evil.example",
    "127.0.0.1.nip.io",
    "localtest.me",
    "metadata.google.internal",
    "acme.example.com",
    "acme.example.com.evil.example",
    "xn--bcher-kva.example",
    "acme.example",
    // `a/b` pasted as a URL: its host.
    "a",
];

/// What the runtime admits in a host value that more host text follows: letters,
/// digits and hyphens, no dot.
fn is_label_text(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// Host-name characters, as one path segment (not `.` or `..`).
fn is_host_segment(s: &str) -> bool {
    !s.is_empty()
        && s != "."
        && s != ".."
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
}

/// One DNS label, in any case.
fn is_dns_label(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 63
        && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn names_resolving_to_internal_addresses_are_refused() {
    let trap = Trap::start().await;
    let cat = catalogue();
    let c = common::client();
    let addresses: [IpAddr; 5] = [
        IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V4(Ipv4Addr::new(10, 1, 2, 3)),
        IpAddr::V4(Ipv4Addr::new(169, 254, 169, 254)),
        IpAddr::V6(Ipv6Addr::LOCALHOST),
        IpAddr::V6(Ipv4Addr::LOCALHOST.to_ipv6_mapped()),
    ];
    // Zendesk builds its host from a field, GitHub Enterprise Server's host is the one
    // the user types, GHE.com's has a free label, Webflow's is fixed: all are confined.
    for (provider, method, host, field) in [
        (
            "zendesk",
            "api_token",
            "acme.zendesk.com",
            Some(("subdomain", "acme")),
        ),
        (
            "github",
            "enterprise_server_token",
            "github.acme-corp.example",
            Some(("hostname", "github.acme-corp.example")),
        ),
        (
            "github",
            "data_residency_token",
            "api.acme.ghe.com",
            Some(("subdomain", "acme")),
        ),
        ("webflow", "site_token", "api.webflow.com", None),
    ] {
        let m = cat
            .provider(provider)
            .unwrap()
            .auth_methods
            .iter()
            .find(|m| m.id == method)
            .unwrap();
        let (form, ok) = match field {
            Some(f) => form_with(provider, m, Some(f)),
            None => (valid_form(provider, m), true),
        };
        assert!(ok);
        for ip in addresses {
            let mut config = quick_config();
            config.resolve.insert(host.to_owned(), vec![ip]);
            let svc = Service::start(config).await;
            let (status, body) = post_verb(&c, &svc, provider, method, "test", &form).await;
            assert_eq!(status, 422, "{provider} via {ip}: {body}");
            assert_eq!(
                body["type"], "urn:connectspec:problem:refused-host",
                "{body}"
            );
            if let Some((f, _)) = field {
                assert!(names_field(&body, f), "{body}");
            }
            svc.stop().await.unwrap();
        }
    }
    assert_eq!(trap.hits(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn control_characters_in_any_field_are_refused_by_validate_and_test() {
    let svc = Service::start(quick_config()).await;
    let c = common::client();
    let cat = catalogue();
    let mut cases = 0;
    for spec in cat.iter() {
        for m in &spec.auth_methods {
            let good = valid_form(&spec.id, m);
            for f in &m.fields {
                let base = good[&f.key].as_str().unwrap().to_owned();
                let mid = base.len() / 2;
                let mid = (0..=mid).rev().find(|&i| base.is_char_boundary(i)).unwrap();
                for cc in [
                    "\r\nX-Injected: 1",
                    "\n",
                    "\r",
                    "\0",
                    "\t",
                    "\u{7f}",
                    "\u{1b}",
                ] {
                    // A key field holds PEM or JSON lines: only its other control
                    // characters are refused.
                    if f.private_key.is_some()
                        && cc
                            .chars()
                            .filter(|c| c.is_control())
                            .all(|c| "\n\r\t".contains(c))
                    {
                        continue;
                    }
                    let mut form = good.clone();
                    let value = format!("{}{cc}{}", &base[..mid], &base[mid..]);
                    form.insert(f.key.clone(), Value::String(value));
                    for verb in ["validate", "test"] {
                        cases += 1;
                        let (status, body) =
                            post_verb(&c, &svc, &spec.id, &m.id, verb, &form).await;
                        assert_eq!(status, 422, "{}.{} {verb} {}: {body}", spec.id, m.id, f.key);
                        let e = body["errors"]
                            .as_array()
                            .unwrap()
                            .iter()
                            .find(|e| e["field"] == f.key.as_str())
                            .unwrap_or_else(|| panic!("{} not named: {body}", f.key));
                        assert_eq!(e["kind"], "control_character", "{body}");
                        assert!(!body.to_string().contains("X-Injected"), "{body}");
                    }
                }
            }
        }
    }
    assert!(cases > 500, "{cases}");
    svc.stop().await.unwrap();
}
