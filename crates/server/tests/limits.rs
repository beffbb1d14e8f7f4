//! Inbound limits of the service: clients that send headers or bodies too slowly are cut
//! off, an oversized body is refused before it is read, connections over the cap get 503
//! while the rest are served, and an error answer stays bounded.

mod common;

use std::time::{Duration, Instant};

use common::{Service, post_verb, quick_config};
use connectspec_server::{Config, Limits};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

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
             Authorization: Bearer {}\r\nExpect: 100-continue\r\n\r\n",
            common::OPERATOR_KEY
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
    let c = common::client();
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
    let c = common::client();
    // As many unknown fields as fit in the body limit, plus one with a huge name.
    let mut form = serde_json::Map::new();
    for i in 0..4_000 {
        form.insert(format!("k{i:05}"), json!("v"));
    }
    form.insert("a".repeat(8_000), json!("v"));
    let (status, body) = post_verb(&c, &svc, "webflow", "site_token", "validate", &form).await;
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_bodies_get_408() {
    let svc = Service::start(limits(10_000, 500)).await;
    let addr = svc.base.trim_start_matches("http://").to_owned();
    let mut s = TcpStream::connect(&addr).await.unwrap();
    s.write_all(
        format!(
            "POST /v1/providers/webflow/methods/site_token/validate HTTP/1.1\r\nHost: x\r\n\
             Authorization: Bearer {}\r\n\
             Content-Type: application/json\r\nContent-Length: 200\r\n\r\n{{\"fields\": {{",
            common::OPERATOR_KEY
        )
        .as_bytes(),
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
