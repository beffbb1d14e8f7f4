//! The service's security promises, tested against the real specs:
//!
//! - a provider address built from form fields can only be one of the spec's allowed
//!   hosts: hostile values (internal addresses in every spelling, user-info and port
//!   tricks, path traversal and delimiters, upper-case and non-ASCII hosts) give a 422
//!   naming the field, and no connection ever reaches a listener on this machine;
//! - a name that resolves only to internal addresses is refused before connecting;
//! - a control character in any field is refused by `/validate` and `/test` alike;
//! - clients that send headers or bodies too slowly are cut off, and the service keeps
//!   answering while thousands of connections sit idle;
//! - a 422 stays small however many errors the request holds.

mod common;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use common::{Service, catalogue, form_with, post_fields, valid_form};
use connectspec_server::{Config, Limits};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

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
        let position = if whole_url && ph.offset == 0 {
            Position::Base
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
    if position == Position::Host {
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

async fn post(
    c: &reqwest::Client,
    svc: &Service,
    provider: &str,
    method: &str,
    verb: &str,
    form: &serde_json::Map<String, Value>,
) -> (u16, Value) {
    let url = svc.url(&format!("/v1/providers/{provider}/methods/{method}/{verb}"));
    let res = post_fields(c, &url, form).await;
    let status = res.status().as_u16();
    let text = res.text().await.expect("body");
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

fn names_field(body: &Value, field: &str) -> bool {
    body["errors"]
        .as_array()
        .is_some_and(|es| es.iter().any(|e| e["field"] == field))
}

fn quick_config() -> Config {
    Config {
        test_timeout: Duration::from_secs(3),
        ..Config::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_url_values_are_refused_and_reach_nothing() {
    let trap = Trap::start().await;
    let svc = Service::start(quick_config()).await;
    let c = reqwest::Client::new();
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
                        Some(o.token_url.as_str()),
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
                let label = position == Position::Path
                    || label_position(&m.base_url, &key)
                    || oauth_urls.iter().any(|u| label_position(u, &key));
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
                    let contained =
                        (label && is_dns_label(&h)) || (oauth_path_only && is_host_segment(&h));
                    for verb in verbs.iter().copied() {
                        // A base URL on a private address is a well-formed value: only
                        // the requests refuse it.
                        if position == Position::Base && verb == "validate" {
                            continue;
                        }
                        cases += 1;
                        let (status, body) = post(&c, &svc, &spec.id, &m.id, verb, &form).await;
                        if contained {
                            contained_cases += 1;
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
    assert!(contained_cases < cases / 10, "{contained_cases} of {cases}");
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
    let c = reqwest::Client::new();
    let addresses: [IpAddr; 5] = [
        IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V4(Ipv4Addr::new(10, 1, 2, 3)),
        IpAddr::V4(Ipv4Addr::new(169, 254, 169, 254)),
        IpAddr::V6(Ipv6Addr::LOCALHOST),
        IpAddr::V6(Ipv4Addr::LOCALHOST.to_ipv6_mapped()),
    ];
    // Zendesk builds its host from a field, Webflow's host is fixed: both are confined.
    for (provider, method, host, field) in [
        (
            "zendesk",
            "api_token",
            "acme.zendesk.com",
            Some("subdomain"),
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
            Some(f) => form_with(provider, m, Some((f, "acme"))),
            None => (valid_form(provider, m), true),
        };
        assert!(ok);
        for ip in addresses {
            let mut config = quick_config();
            config.resolve.insert(host.to_owned(), vec![ip]);
            let svc = Service::start(config).await;
            let (status, body) = post(&c, &svc, provider, method, "test", &form).await;
            assert_eq!(status, 422, "{provider} via {ip}: {body}");
            assert_eq!(
                body["type"], "urn:connectspec:problem:refused-host",
                "{body}"
            );
            if let Some(f) = field {
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
    let c = reqwest::Client::new();
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
                    let mut form = good.clone();
                    let value = format!("{}{cc}{}", &base[..mid], &base[mid..]);
                    form.insert(f.key.clone(), Value::String(value));
                    for verb in ["validate", "test"] {
                        cases += 1;
                        let (status, body) = post(&c, &svc, &spec.id, &m.id, verb, &form).await;
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

/// Reads until the peer closes (or `limit` passes); returns what was read and when
/// the read ended.
async fn read_until_closed(s: &mut TcpStream, limit: Duration) -> (Vec<u8>, Duration, bool) {
    let started = Instant::now();
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let left = limit.saturating_sub(started.elapsed());
        match tokio::time::timeout(left, s.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return (got, started.elapsed(), true),
            Ok(Ok(n)) => got.extend_from_slice(&buf[..n]),
            Err(_) => return (got, started.elapsed(), false),
        }
    }
}

fn limits(header_ms: u64, body_ms: u64) -> Config {
    Config {
        limits: Limits {
            header_timeout: Duration::from_millis(header_ms),
            body_timeout: Duration::from_millis(body_ms),
            ..Limits::default()
        },
        ..quick_config()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_headers_are_cut_off() {
    let svc = Service::start(limits(500, 10_000)).await;
    let addr = svc.base.trim_start_matches("http://").to_owned();

    // Sends nothing at all.
    let mut silent = TcpStream::connect(&addr).await.unwrap();
    // Sends a header line every 100 ms, never finishing the head.
    let mut trickle = TcpStream::connect(&addr).await.unwrap();
    trickle
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    let trickling = tokio::spawn(async move {
        let started = Instant::now();
        for i in 0..200 {
            tokio::time::sleep(Duration::from_millis(100)).await;
            if trickle
                .write_all(format!("X-Slow-{i}: y\r\n").as_bytes())
                .await
                .is_err()
            {
                break;
            }
        }
        let (_, _, closed) = read_until_closed(&mut trickle, Duration::from_secs(1)).await;
        (started.elapsed(), closed)
    });

    let (got, after, closed) = read_until_closed(&mut silent, Duration::from_secs(10)).await;
    assert!(closed, "a silent connection stayed open for {after:?}");
    assert!(
        after >= Duration::from_millis(400),
        "closed too early: {after:?}"
    );
    assert!(!String::from_utf8_lossy(&got).contains("200 OK"));

    let (after, closed) = trickling.await.unwrap();
    assert!(closed, "a trickling client was never cut off");
    assert!(after < Duration::from_secs(10), "trickled for {after:?}");
    svc.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_bodies_get_408() {
    let svc = Service::start(limits(10_000, 500)).await;
    let addr = svc.base.trim_start_matches("http://").to_owned();
    let mut s = TcpStream::connect(&addr).await.unwrap();
    s.write_all(
        b"POST /v1/providers/webflow/methods/site_token/validate HTTP/1.1\r\nHost: x\r\n\
          Content-Type: application/json\r\nContent-Length: 200\r\n\r\n{\"fields\": {",
    )
    .await
    .unwrap();
    let (got, after, _) = read_until_closed(&mut s, Duration::from_secs(10)).await;
    let text = String::from_utf8_lossy(&got);
    assert!(text.starts_with("HTTP/1.1 408"), "{text}");
    assert!(text.contains("application/problem+json"), "{text}");
    assert!(after < Duration::from_secs(10), "{after:?}");
    svc.stop().await.unwrap();
}

/// A client that asks before sending (`Expect: 100-continue`) a body over the limit is
/// told 413 at once: no `100 Continue` invites the body, and the client is not left
/// waiting for a 408.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expect_continue_over_the_body_limit_gets_413_at_once() {
    let svc = Service::start(limits(10_000, 5_000)).await;
    let addr = svc.base.trim_start_matches("http://").to_owned();
    let too_big = connectspec_server::BODY_LIMIT + 1;
    let mut s = TcpStream::connect(&addr).await.unwrap();
    s.write_all(
        format!(
            "POST /v1/providers/webflow/methods/site_token/validate HTTP/1.1\r\nHost: x\r\n\
             Content-Type: application/json\r\nContent-Length: {too_big}\r\n\
             Expect: 100-continue\r\n\r\n"
        )
        .as_bytes(),
    )
    .await
    .unwrap();
    let mut buf = [0u8; 4096];
    let n = tokio::time::timeout(Duration::from_secs(2), s.read(&mut buf))
        .await
        .expect("an answer before any body is sent")
        .unwrap();
    let text = String::from_utf8_lossy(&buf[..n]);
    assert!(text.starts_with("HTTP/1.1 413"), "{text}");
    assert!(!text.contains("100 Continue"), "{text}");
    assert!(text.contains("application/problem+json"), "{text}");
    svc.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn healthz_answers_under_two_thousand_idle_connections() {
    // Idle connections are not cut off during the test: the header timeout is long.
    let svc = Service::start(limits(60_000, 60_000)).await;
    let addr = svc.base.trim_start_matches("http://").to_owned();
    let mut idle = Vec::with_capacity(2_000);
    for _ in 0..2_000 {
        idle.push(TcpStream::connect(&addr).await.expect("connect"));
    }
    let c = reqwest::Client::new();
    for _ in 0..5 {
        let res = c.get(svc.url("/healthz")).send().await.expect("healthz");
        assert_eq!(res.status(), 200);
    }
    // The idle connections are still open (nothing was refused to make room).
    let mut buf = [0u8; 1];
    for s in idle.iter_mut().step_by(97) {
        let r = tokio::time::timeout(Duration::from_millis(20), s.read(&mut buf)).await;
        assert!(r.is_err(), "an idle connection was closed or answered");
    }
    drop(idle);
    svc.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_over_the_cap_get_503_and_the_rest_are_served() {
    let mut config = limits(60_000, 60_000);
    config.limits.max_connections = 20;
    let svc = Service::start(config).await;
    let addr = svc.base.trim_start_matches("http://").to_owned();
    let mut idle = Vec::new();
    for _ in 0..19 {
        idle.push(TcpStream::connect(&addr).await.unwrap());
    }
    // The 20th is served.
    let mut s = TcpStream::connect(&addr).await.unwrap();
    s.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let (got, _, _) = read_until_closed(&mut s, Duration::from_secs(10)).await;
    assert!(String::from_utf8_lossy(&got).starts_with("HTTP/1.1 200"));
    // Its slot is freed once it closes; one more idle fills the cap, the next is refused.
    tokio::time::sleep(Duration::from_millis(200)).await;
    idle.push(TcpStream::connect(&addr).await.unwrap());
    let mut over = TcpStream::connect(&addr).await.unwrap();
    let (got, _, closed) = read_until_closed(&mut over, Duration::from_secs(10)).await;
    let text = String::from_utf8_lossy(&got);
    assert!(closed);
    assert!(text.starts_with("HTTP/1.1 503"), "{text}");
    assert!(text.contains("too-many-connections"), "{text}");
    svc.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_422_stays_bounded() {
    let svc = Service::start(quick_config()).await;
    let c = reqwest::Client::new();
    // As many unknown fields as fit in the body limit, plus one with a huge name.
    let mut form = serde_json::Map::new();
    for i in 0..4_000 {
        form.insert(format!("k{i:05}"), json!("v"));
    }
    form.insert("a".repeat(8_000), json!("v"));
    let (status, body) = post(&c, &svc, "webflow", "site_token", "validate", &form).await;
    assert_eq!(status, 422, "{body}");
    let errors = body["errors"].as_array().unwrap();
    assert_eq!(errors.len(), connectspec_server::config::DEFAULT_MAX_ERRORS);
    let listed = errors.len() as u64;
    let total = body["errors_not_listed"].as_u64().unwrap() + listed;
    assert_eq!(
        total, 4_002,
        "4,001 unknown fields and the missing site_token"
    );
    let size = body.to_string().len();
    assert!(size < 16 * 1024, "the 422 body is {size} bytes");
    assert!(
        !body.to_string().contains(&"a".repeat(200)),
        "a long key is echoed whole"
    );
    svc.stop().await.unwrap();
}
