//! Test support: the service on a loopback port, a stand-in provider that records what
//! it receives, and the workspace specs' test vectors.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use connectspec_server::{AppState, Config};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// The service, serving on 127.0.0.1 with an ephemeral port.
pub struct Service {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    shutdown: Option<oneshot::Sender<()>>,
    handle: Option<JoinHandle<std::io::Result<()>>>,
}

impl Service {
    /// Starts the service with `config` (its `listen` is ignored).
    pub async fn start(config: Config) -> Service {
        let state = AppState::new(&config).expect("state");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().unwrap();
        let (tx, rx) = oneshot::channel::<()>();
        let handle = tokio::spawn(connectspec_server::serve(listener, state, async move {
            let _ = rx.await;
        }));
        Service {
            base: format!("http://{addr}"),
            shutdown: Some(tx),
            handle: Some(handle),
        }
    }

    /// The URL of a path.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Stops the service gracefully and waits for it.
    pub async fn stop(mut self) -> std::io::Result<()> {
        let _ = self.shutdown.take().unwrap().send(());
        self.handle.take().unwrap().await.expect("join")
    }
}

/// A config whose connection tests go to `stub` for the given providers.
pub fn config_for(providers: &[&str], stub: &str, timeout: Duration) -> Config {
    let mut base_urls = BTreeMap::new();
    for p in providers {
        base_urls.insert((*p).to_owned(), url::Url::parse(stub).unwrap());
    }
    Config {
        base_urls,
        test_timeout: timeout,
        api_keys: operator_keys(),
        ..Config::default()
    }
}

/// One request as the stand-in provider saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub path_and_query: String,
    pub headers: Vec<(String, String)>,
    /// The request body (at most 1 MiB is kept).
    pub body: Vec<u8>,
}

impl Seen {
    /// The value of a header (case-insensitive name).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// How the stand-in answers.
#[derive(Debug, Clone, Copy)]
pub enum Answer {
    /// This status, with a body echoing every request header (so a relay would leak).
    Status(u16),
    /// Never answers in any reasonable time.
    Hang,
    /// This status with this body, as `application/json`.
    Body(u16, &'static str),
    /// This status with a JSON body of 2 MiB.
    Large(u16),
    /// This status with these response headers and this JSON body.
    Headers(u16, &'static [(&'static str, &'static str)], &'static str),
}

#[derive(Clone)]
struct StubState {
    seen: Arc<Mutex<Vec<Seen>>>,
    answer: Arc<Mutex<Answer>>,
}

/// A local HTTP server that answers like a provider.
pub struct Stub {
    pub url: String,
    pub addr: SocketAddr,
    state: StubState,
}

impl Stub {
    pub async fn start(answer: Answer) -> Stub {
        let state = StubState {
            seen: Arc::default(),
            answer: Arc::new(Mutex::new(answer)),
        };
        let app = axum::Router::new()
            .fallback(stub_handler)
            .with_state(state.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await });
        Stub {
            url: format!("http://{addr}"),
            addr,
            state,
        }
    }

    pub fn answer(&self, a: Answer) {
        *self.state.answer.lock().unwrap() = a;
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.state.seen.lock().unwrap().clone()
    }

    pub fn take_seen(&self) -> Vec<Seen> {
        std::mem::take(&mut *self.state.seen.lock().unwrap())
    }
}

async fn stub_handler(State(s): State<StubState>, req: Request) -> Response {
    let headers: Vec<(String, String)> = req
        .headers()
        .iter()
        .map(|(n, v)| {
            (
                n.as_str().to_owned(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let method = req.method().as_str().to_owned();
    let path_and_query = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_default();
    let body = axum::body::to_bytes(req.into_body(), 1 << 20)
        .await
        .map(|b| b.to_vec())
        .unwrap_or_default();
    let seen = Seen {
        method,
        path_and_query,
        headers,
        body,
    };
    let echo = serde_json::to_string(&seen.headers).unwrap();
    s.seen.lock().unwrap().push(seen);
    let answer = *s.answer.lock().unwrap();
    match answer {
        Answer::Status(code) => (
            StatusCode::from_u16(code).unwrap(),
            [("x-echo", echo.clone())],
            echo,
        )
            .into_response(),
        Answer::Body(code, body) => (
            StatusCode::from_u16(code).unwrap(),
            [("content-type", "application/json")],
            body,
        )
            .into_response(),
        Answer::Large(code) => {
            let big = format!("{{\"pad\": \"{}\"}}", "x".repeat(2 << 20));
            (
                StatusCode::from_u16(code).unwrap(),
                [("content-type", "application/json")],
                big,
            )
                .into_response()
        }
        Answer::Hang => {
            tokio::time::sleep(Duration::from_secs(60)).await;
            StatusCode::OK.into_response()
        }
        Answer::Headers(code, headers, body) => {
            let mut res = (
                StatusCode::from_u16(code).unwrap(),
                [("content-type", "application/json")],
                body,
            )
                .into_response();
            for (name, value) in headers {
                res.headers_mut().append(
                    axum::http::HeaderName::from_static(name),
                    axum::http::HeaderValue::from_static(value),
                );
            }
            res
        }
    }
}

/// The workspace `specs/` directory.
pub fn specs_dir() -> PathBuf {
    connectspec_tests::specs_dir()
}

/// The workspace's specs, loaded and checked.
pub fn catalogue() -> connectspec_lang::Catalogue {
    connectspec_lang::load_dir(&specs_dir()).unwrap_or_else(|d| panic!("specs do not load: {d:?}"))
}

/// Values to try for a field: its valid examples, its options, or a plain value.
fn candidates(f: &connectspec_lang::Field) -> Vec<String> {
    if let Some(k) = key_candidate(f) {
        return vec![k];
    }
    let mut out: Vec<String> = f
        .examples
        .iter()
        .flat_map(|e| e.valid.iter().cloned())
        .collect();
    out.extend(f.options.iter().map(|o| o.value.clone()));
    if out.is_empty() {
        out.push("value".to_owned());
    }
    out
}

/// A form for `provider`/`m` built from the spec's examples, with `fixed` (key, value)
/// pinned: the first combination the compiled validator accepts (cross-field rules
/// pair examples), and whether one was found.
pub fn form_with(
    provider: &str,
    m: &connectspec_lang::AuthMethod,
    fixed: Option<(&str, &str)>,
) -> (serde_json::Map<String, serde_json::Value>, bool) {
    let choices: Vec<Vec<String>> = m
        .fields
        .iter()
        .map(|f| match fixed {
            Some((k, v)) if k == f.key => vec![v.to_owned()],
            _ => candidates(f),
        })
        .collect();
    let build = |idx: &[usize]| {
        let mut form = serde_json::Map::new();
        for (f, (c, &i)) in m.fields.iter().zip(choices.iter().zip(idx)) {
            form.insert(f.key.clone(), serde_json::Value::String(c[i].clone()));
        }
        form
    };
    let mut idx = vec![0usize; choices.len()];
    for _ in 0..10_000 {
        let form = build(&idx);
        if connectspec_providers::validate(provider, &m.id, &form).is_ok() {
            return (form, true);
        }
        // Next combination (odometer order).
        let mut i = 0;
        loop {
            if i == idx.len() {
                return (build(&vec![0; choices.len()]), false);
            }
            idx[i] += 1;
            if idx[i] < choices[i].len() {
                break;
            }
            idx[i] = 0;
            i += 1;
        }
    }
    (build(&vec![0; choices.len()]), false)
}

/// A valid form for a method, from the spec's examples.
pub fn valid_form(
    provider: &str,
    m: &connectspec_lang::AuthMethod,
) -> serde_json::Map<String, serde_json::Value> {
    let (form, ok) = form_with(provider, m, None);
    assert!(
        ok,
        "{provider}.{}: no combination of the spec's valid examples validates",
        m.id
    );
    form
}

/// `Authorization: Basic …` decoded to `user:password`.
pub fn basic_credentials(seen: &Seen) -> Option<String> {
    use base64::Engine as _;
    let v = seen.header("authorization")?.strip_prefix("Basic ")?;
    let bytes = base64::engine::general_purpose::STANDARD.decode(v).ok()?;
    String::from_utf8(bytes).ok()
}

/// Every response's observable text: status line, headers and body.
pub async fn observed(res: reqwest::Response) -> (u16, String, String) {
    let status = res.status().as_u16();
    let headers: String = res
        .headers()
        .iter()
        .map(|(n, v)| format!("{n}: {}\n", String::from_utf8_lossy(v.as_bytes())))
        .collect();
    let body = res.text().await.expect("body");
    (status, headers, body)
}

/// POSTs `{"fields": form}` as JSON.
pub async fn post_fields(
    client: &reqwest::Client,
    url: &str,
    form: &serde_json::Map<String, serde_json::Value>,
) -> reqwest::Response {
    let body = serde_json::to_vec(&serde_json::json!({ "fields": form })).unwrap();
    // Sent as the hub's back end would: with an operator key (the open endpoints ignore it).
    client
        .post(url)
        .header("content-type", "application/json")
        .header("authorization", format!("Bearer {OPERATOR_KEY}"))
        .body(body)
        .send()
        .await
        .expect("request")
}

/// Log output captured in memory: a `tracing` writer the leak tests read back.
#[derive(Clone, Default)]
pub struct Capture(Arc<Mutex<Vec<u8>>>);

impl Capture {
    /// Everything written so far.
    pub fn bytes(&self) -> Vec<u8> {
        self.0.lock().unwrap().clone()
    }
}

impl std::io::Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Capture {
    type Writer = Capture;
    fn make_writer(&'a self) -> Capture {
        self.clone()
    }
}

/// Runs the connection test of `provider`/`method` with `form`: the status, the body as
/// JSON, and the body as text.
pub async fn run_test(
    c: &reqwest::Client,
    svc: &Service,
    provider: &str,
    method: &str,
    form: &serde_json::Map<String, serde_json::Value>,
) -> (u16, serde_json::Value, String) {
    let url = svc.url(&format!("/v1/providers/{provider}/methods/{method}/test"));
    let res = post_fields(c, &url, form).await;
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    let body = serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"));
    (status, body, text)
}

/// The default configuration with a 3 s connection-test timeout.
pub fn quick_config() -> Config {
    Config {
        test_timeout: Duration::from_secs(3),
        api_keys: operator_keys(),
        ..Config::default()
    }
}

/// POSTs `form` as the fields of `verb` of a method: the status and the JSON answer (or
/// the text, when it is not JSON).
pub async fn post_verb(
    c: &reqwest::Client,
    svc: &Service,
    provider: &str,
    method: &str,
    verb: &str,
    form: &serde_json::Map<String, serde_json::Value>,
) -> (u16, serde_json::Value) {
    let url = svc.url(&format!("/v1/providers/{provider}/methods/{method}/{verb}"));
    let res = post_fields(c, &url, form).await;
    let status = res.status().as_u16();
    let text = res.text().await.expect("body");
    (
        status,
        serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text)),
    )
}

/// [`post_verb`] as a request of an OAuth method needs it: the `test` of an OAuth method
/// carries an access token, and a flow of a method whose end users bring their own app
/// carries that app's values in `client` (the setup fields' first valid examples).
pub async fn post_oauth_verb(
    c: &reqwest::Client,
    svc: &Service,
    provider: &str,
    m: &connectspec_lang::AuthMethod,
    verb: &str,
    form: &serde_json::Map<String, serde_json::Value>,
) -> (u16, serde_json::Value) {
    let Some(o) = &m.oauth else {
        return post_verb(c, svc, provider, &m.id, verb, form).await;
    };
    let mut body = serde_json::json!({ "fields": form });
    if verb == "test" {
        body["access_token"] = "tok_0123456789abcdefghij".into();
    }
    if matches!(verb, "authorize" | "token")
        && o.client != connectspec_lang::ClientOwner::Integrator
    {
        let client: serde_json::Map<String, serde_json::Value> = m
            .setup_fields
            .iter()
            .map(|f| (f.key.clone(), candidates(f).remove(0).into()))
            .collect();
        body["client"] = client.into();
    }
    let url = svc.url(&format!("/v1/providers/{provider}/methods/{}/{verb}", m.id));
    let res = c
        .post(url)
        .header("content-type", "application/json")
        .header("authorization", format!("Bearer {OPERATOR_KEY}"))
        .body(serde_json::to_vec(&body).unwrap())
        .send()
        .await
        .expect("request");
    let status = res.status().as_u16();
    let text = res.text().await.expect("body");
    (
        status,
        serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text)),
    )
}

/// The operator API key the tests' services accept (fake, 40 base64url characters).
pub const OPERATOR_KEY: &str = "op_k3y-7Qm2Zx9Lw4Rt8Yv1Bn6Hc5Jd0Fg3Ks2Pa";

/// The operator keys of a test service: [`OPERATOR_KEY`].
pub fn operator_keys() -> connectspec_server::config::api_keys::ApiKeys {
    connectspec_server::config::api_keys::ApiKeys::new(&[OPERATOR_KEY.into()])
        .expect("a usable key")
}

/// A client that speaks as the hub's back end: every request carries the operator key.
/// The link form's own calls (a session token instead) are in the link tests.
pub fn client() -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        reqwest::header::AUTHORIZATION,
        reqwest::header::HeaderValue::from_str(&format!("Bearer {OPERATOR_KEY}")).unwrap(),
    );
    reqwest::Client::builder()
        .default_headers(headers)
        .build()
        .unwrap()
}

/// A valid value of a private-key field (made at run time), `None` for other fields.
pub fn key_candidate(f: &connectspec_lang::Field) -> Option<String> {
    let k = f.private_key.as_ref()?;
    let alg = k.algorithm.as_str();
    Some(match k.container {
        connectspec_lang::KeyContainer::Pem => connectspec_tests::keys::pem_key(alg),
        connectspec_lang::KeyContainer::Json => {
            let members: Vec<&str> = k.members.iter().map(String::as_str).collect();
            let equals: Vec<(&str, &str)> = k
                .equals
                .iter()
                .map(|(a, b)| (a.as_str(), b.as_str()))
                .collect();
            connectspec_tests::keys::key_file(
                alg,
                &members,
                k.key_member.as_deref().unwrap_or("private_key"),
                &equals,
            )
        }
    })
}
