//! A bounded load run of the validate endpoint on loopback.
//!
//! ```text
//! cargo run --release -p connectspec-server --example loadgen -- --requests 100000 --concurrency 64
//! ```
//!
//! Starts the service in-process on 127.0.0.1 (or targets `--url`), opens one HTTP/1.1
//! keep-alive connection per worker, sends the method's valid form (built from the
//! spec's examples) `--requests` times in total, and prints requests/s, latency
//! percentiles and the error count. The client is raw hyper so that it costs less than
//! the server it measures; both share one runtime of `--threads` workers.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::Request;
use hyper_util::rt::TokioIo;

struct Opts {
    requests: usize,
    concurrency: usize,
    threads: usize,
    warmup: usize,
    provider: String,
    method: String,
    invalid: bool,
    url: Option<String>,
    specs: PathBuf,
}

fn usage() -> ! {
    eprintln!(
        "usage: loadgen [--requests N] [--concurrency C] [--threads T] [--warmup N]\n\
         \x20              [--provider ID] [--method ID] [--invalid] [--url http://HOST:PORT] [--specs DIR]"
    );
    std::process::exit(2)
}

fn parse() -> Opts {
    let mut o = Opts {
        requests: 100_000,
        concurrency: 64,
        threads: 2,
        warmup: 2_000,
        provider: "oneflow".into(),
        method: "api_token".into(),
        invalid: false,
        url: None,
        specs: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../specs"),
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().unwrap_or_else(|| usage());
        let num = |s: String| s.parse::<usize>().unwrap_or_else(|_| usage());
        match a.as_str() {
            "--requests" => o.requests = num(val()),
            "--concurrency" => o.concurrency = num(val()).max(1),
            "--threads" => o.threads = num(val()).max(1),
            "--warmup" => o.warmup = num(val()),
            "--provider" => o.provider = val(),
            "--method" => o.method = val(),
            "--invalid" => o.invalid = true,
            "--url" => o.url = Some(val()),
            "--specs" => o.specs = PathBuf::from(val()),
            _ => usage(),
        }
    }
    o
}

/// The request body: every field's first valid example; with `--invalid`, the first
/// secret (or first) field gets its first invalid example, so the run measures 422s.
fn body(o: &Opts) -> Bytes {
    let cat = connectspec_lang::load_dir(&o.specs).unwrap_or_else(|d| {
        eprintln!("specs do not load:\n{d:?}");
        std::process::exit(1)
    });
    let m = cat
        .provider(&o.provider)
        .and_then(|p| p.method(&o.method))
        .unwrap_or_else(|| {
            eprintln!(
                "no method {}.{} in {}",
                o.provider,
                o.method,
                o.specs.display()
            );
            std::process::exit(1)
        });
    let mut fields = serde_json::Map::new();
    for f in &m.fields {
        let v = f
            .examples
            .as_ref()
            .and_then(|e| e.valid.first().cloned())
            .unwrap_or_else(|| "value".into());
        fields.insert(f.key.clone(), v.into());
    }
    if o.invalid {
        let f = m.fields.iter().find(|f| f.secret).unwrap_or(&m.fields[0]);
        let bad = f
            .examples
            .as_ref()
            .and_then(|e| e.invalid.first())
            .map(|i| i.value.clone())
            .unwrap_or_default();
        fields.insert(f.key.clone(), bad.into());
    }
    Bytes::from(serde_json::to_vec(&serde_json::json!({ "fields": fields })).unwrap())
}

#[derive(Default)]
struct WorkerResult {
    latencies_us: Vec<u32>,
    errors: usize,
    first_error: Option<String>,
}

async fn worker(
    addr: String,
    path: Arc<str>,
    body: Bytes,
    expect: u16,
    next: Arc<AtomicUsize>,
    total: usize,
    record: bool,
) -> WorkerResult {
    let mut out = WorkerResult::default();
    let stream = match tokio::net::TcpStream::connect(&addr).await {
        Ok(s) => s,
        Err(e) => {
            out.errors = 1;
            out.first_error = Some(format!("connect: {e}"));
            return out;
        }
    };
    let _ = stream.set_nodelay(true);
    let (mut sender, conn) = match hyper::client::conn::http1::handshake(TokioIo::new(stream)).await
    {
        Ok(x) => x,
        Err(e) => {
            out.errors = 1;
            out.first_error = Some(format!("handshake: {e}"));
            return out;
        }
    };
    tokio::spawn(conn);
    while next.fetch_add(1, Ordering::Relaxed) < total {
        let req = Request::post(&*path)
            .header("host", &addr)
            .header("content-type", "application/json")
            .header("authorization", operator_auth())
            .body(Full::new(body.clone()))
            .expect("request");
        let started = Instant::now();
        let result = async {
            sender.ready().await?;
            let res = sender.send_request(req).await?;
            let status = res.status().as_u16();
            res.into_body().collect().await?;
            Ok::<u16, hyper::Error>(status)
        }
        .await;
        let us = started.elapsed().as_micros().min(u32::MAX as u128) as u32;
        match result {
            Ok(s) if s == expect => {
                if record {
                    out.latencies_us.push(us);
                }
            }
            Ok(s) => {
                out.errors += 1;
                out.first_error.get_or_insert_with(|| format!("status {s}"));
            }
            Err(e) => {
                out.errors += 1;
                out.first_error
                    .get_or_insert_with(|| format!("transport: {e}"));
                break;
            }
        }
    }
    out
}

async fn phase(
    addr: &str,
    path: &Arc<str>,
    body: &Bytes,
    expect: u16,
    n: usize,
    c: usize,
    record: bool,
) -> (Vec<WorkerResult>, Duration) {
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let handles: Vec<_> = (0..c)
        .map(|_| {
            tokio::spawn(worker(
                addr.to_owned(),
                path.clone(),
                body.clone(),
                expect,
                next.clone(),
                n,
                record,
            ))
        })
        .collect();
    let mut results = Vec::with_capacity(c);
    for h in handles {
        results.push(h.await.expect("worker"));
    }
    (results, started.elapsed())
}

fn pct(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[i.clamp(1, sorted.len()) - 1] as f64 / 1000.0
}

/// The operator key sent with every request: this run's own for the in-process
/// service, `CONNECTSPEC_API_KEY` for one given with `--url`.
static OPERATOR_KEY: std::sync::OnceLock<String> = std::sync::OnceLock::new();

fn operator_auth() -> String {
    let key = OPERATOR_KEY.get_or_init(|| std::env::var("CONNECTSPEC_API_KEY").unwrap_or_default());
    format!("Bearer {key}")
}

fn main() {
    let o = parse();
    let body = body(&o);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(o.threads)
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let addr = match &o.url {
            Some(u) => u
                .trim_start_matches("http://")
                .trim_end_matches('/')
                .to_owned(),
            None => {
                // The validate endpoint is the back end's: the in-process service gets
                // a key of this run's own, which every request sends.
                let key = format!("loadgen-{}-{}", std::process::id(), "k".repeat(32));
                OPERATOR_KEY.set(key.clone()).expect("set once");
                let config = connectspec_server::Config {
                    api_keys: connectspec_server::config::api_keys::ApiKeys::new(&[key
                        .as_str()
                        .into()])
                    .expect("a usable key"),
                    ..connectspec_server::Config::default()
                };
                let state = connectspec_server::AppState::new(&config).expect("state");
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                    .await
                    .expect("bind");
                let addr = listener.local_addr().unwrap().to_string();
                tokio::spawn(connectspec_server::serve(
                    listener,
                    state,
                    std::future::pending(),
                ));
                addr
            }
        };
        let path: Arc<str> =
            format!("/v1/providers/{}/methods/{}/validate", o.provider, o.method).into();
        let expect = if o.invalid { 422 } else { 200 };
        if o.warmup > 0 {
            let (r, _) = phase(&addr, &path, &body, expect, o.warmup, o.concurrency, false).await;
            let errors: usize = r.iter().map(|w| w.errors).sum();
            if errors > 0 {
                let first = r
                    .iter()
                    .find_map(|w| w.first_error.clone())
                    .unwrap_or_default();
                eprintln!("warm-up failed: {errors} errors, first: {first}");
                std::process::exit(1);
            }
        }
        let (results, elapsed) =
            phase(&addr, &path, &body, expect, o.requests, o.concurrency, true).await;
        let errors: usize = results.iter().map(|w| w.errors).sum();
        let first_error = results.iter().find_map(|w| w.first_error.clone());
        let mut lat: Vec<u32> = results.into_iter().flat_map(|w| w.latencies_us).collect();
        lat.sort_unstable();
        let ok = lat.len();
        let secs = elapsed.as_secs_f64();
        println!(
            "loadgen: POST {path} ({} bytes, expect {expect}) against {addr}",
            body.len()
        );
        println!(
            "requests {} ok {ok} errors {errors} concurrency {} threads {} cores {}",
            o.requests,
            o.concurrency,
            o.threads,
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(0)
        );
        println!(
            "elapsed {secs:.3} s, {:.0} req/s",
            (ok + errors) as f64 / secs
        );
        // Other processes on the machine skew every figure; say how busy it was.
        if let Ok(load) = std::fs::read_to_string("/proc/loadavg") {
            let one_minute = load.split_whitespace().next().unwrap_or("?");
            println!("machine load average (1 min) at the end: {one_minute}");
        }
        println!(
            "latency ms: p50 {:.3}  p90 {:.3}  p99 {:.3}  p99.9 {:.3}  max {:.3}",
            pct(&lat, 50.0),
            pct(&lat, 90.0),
            pct(&lat, 99.0),
            pct(&lat, 99.9),
            lat.last().map(|&m| m as f64 / 1000.0).unwrap_or(f64::NAN)
        );
        if let Some(e) = first_error {
            println!("first error: {e}");
        }
        if errors > 0 {
            std::process::exit(1);
        }
    });
}
