//! The authoring loop: `connectspec serve --specs DIR --watch` serves a spec anew when
//! its file changes, keeps the last good version of a spec that stops loading (and says
//! why, on the terminal and on its form page), and picks up a new spec file.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The service, killed when the test ends however it ends.
struct Service {
    child: Child,
    port: u16,
    stderr: Arc<Mutex<String>>,
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn specs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../specs")
}

fn start(dir: &Path) -> Service {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_connectspec"))
        .args(["serve", "--specs"])
        .arg(dir)
        .args(["--watch", "--listen", &format!("127.0.0.1:{port}")])
        .env_remove("CONNECTSPEC_SPECS")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = Arc::new(Mutex::new(String::new()));
    let sink = stderr.clone();
    let pipe = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(pipe).lines() {
            let Ok(line) = line else { break };
            let mut s = sink.lock().unwrap();
            s.push_str(&line);
            s.push('\n');
        }
    });
    let service = Service {
        child,
        port,
        stderr,
    };
    wait_for(&service, "the service to answer", |s| {
        get(s, "/healthz").is_some_and(|(status, _)| status == 200)
    });
    service
}

/// `GET path`: (status, body), or `None` when nothing answers.
fn get(s: &Service, path: &str) -> Option<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", s.port)).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut text = String::new();
    stream.read_to_string(&mut text).ok()?;
    let status = text.split(' ').nth(1)?.parse().ok()?;
    let body = text.split_once("\r\n\r\n")?.1.to_owned();
    Some((status, body))
}

/// Waits (at most a minute: a loaded machine is slow, a broken loop never gets there)
/// until `done` holds.
fn wait_for(s: &Service, what: &str, done: impl Fn(&Service) -> bool) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(60) {
        if done(s) {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!(
        "gave up waiting for {what}; the service said:\n{}",
        s.stderr.lock().unwrap()
    );
}

/// Writes `text` as editors do: a new file renamed over the old one.
fn save(path: &Path, text: &str) {
    let tmp = path.with_extension("yaml.tmp~");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

fn provider_name(s: &Service, id: &str) -> Option<String> {
    let (status, body) = get(s, &format!("/v1/providers/{id}"))?;
    if status != 200 {
        return None;
    }
    let v: serde_json::Value = serde_json::from_str(&body).ok()?;
    v["name"].as_str().map(str::to_owned)
}

#[test]
fn an_edited_spec_is_served_anew_and_a_broken_one_keeps_its_last_good_version() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("oneflow.yaml");
    let original = std::fs::read_to_string(specs_dir().join("oneflow.yaml")).unwrap();
    std::fs::write(&spec, &original).unwrap();
    let s = start(dir.path());
    assert_eq!(provider_name(&s, "oneflow").as_deref(), Some("Oneflow"));
    assert_eq!(
        get(&s, "/v1/providers").map(|(_, b)| b.matches("\"id\":").count() > 0),
        Some(true)
    );

    // An edit is served without a restart.
    save(
        &spec,
        &original.replace("\nname: Oneflow\n", "\nname: Oneflow Edited\n"),
    );
    wait_for(&s, "the edited name", |s| {
        provider_name(s, "oneflow").as_deref() == Some("Oneflow Edited")
    });
    assert!(s.stderr.lock().unwrap().contains("reloaded spec oneflow"));
    let (status, page) = get(&s, "/connect/oneflow/api_token").unwrap();
    assert_eq!(status, 200);
    assert!(
        page.contains("Connect Oneflow Edited with API Token"),
        "{page}"
    );

    // A broken edit: the last good version stays, the problem is reported on the
    // terminal (located, with its code) and on the form page.
    save(
        &spec,
        &original
            .replace("\nname: Oneflow\n", "\nname: Oneflow Broken\n")
            .replace("\nhomepage: ", "\ncolour: red\nhomepage: "),
    );
    wait_for(&s, "the problem on the terminal", |s| {
        s.stderr
            .lock()
            .unwrap()
            .contains("spec oneflow does not load")
    });
    let said = s.stderr.lock().unwrap().clone();
    assert!(said.contains("colour"), "{said}");
    assert!(said.contains("oneflow.yaml:"), "located: {said}");
    assert_eq!(
        provider_name(&s, "oneflow").as_deref(),
        Some("Oneflow Edited")
    );
    let (status, page) = get(&s, "/connect/oneflow/api_token").unwrap();
    assert_eq!(status, 200);
    assert!(page.contains("This spec does not load"), "{page}");
    assert!(page.contains("colour"), "{page}");
    assert!(
        page.contains("Connect Oneflow Edited with API Token"),
        "{page}"
    );

    // Fixed again: served, and the page no longer shows problems.
    save(&spec, &original);
    wait_for(&s, "the fixed spec", |s| {
        provider_name(s, "oneflow").as_deref() == Some("Oneflow")
    });
    let (_, page) = get(&s, "/connect/oneflow/api_token").unwrap();
    assert!(!page.contains("This spec does not load"), "{page}");

    // A new spec file is picked up; its browser validators are served too.
    let webflow = std::fs::read_to_string(specs_dir().join("webflow.yaml")).unwrap();
    save(&dir.path().join("webflow.yaml"), &webflow);
    wait_for(&s, "the new spec", |s| {
        provider_name(s, "webflow").as_deref() == Some("Webflow")
    });
    let (status, js) = get(&s, "/connect/assets/validators/providers/webflow.js").unwrap();
    assert_eq!(status, 200, "{js}");
    let checked_in =
        std::fs::read_to_string(specs_dir().join("../packages/validators/providers/webflow.js"))
            .unwrap();
    // The checking tables are those gen-js writes; which locales' texts the module names
    // depends on the translations beside the specs, and this directory has none.
    let tables = checked_in
        .split("\n/** Webflow's translated texts")
        .next()
        .unwrap();
    assert!(js.contains(tables), "the module gen-js writes: {js}");
    assert!(js.contains("const texts = { __proto__: null };"), "{js}");
}

#[test]
fn specs_with_problems_stop_a_service_without_watch() {
    let dir = tempfile::tempdir().unwrap();
    let original = std::fs::read_to_string(specs_dir().join("oneflow.yaml")).unwrap();
    std::fs::write(
        dir.path().join("oneflow.yaml"),
        original.replace("\nhomepage: ", "\ncolour: red\nhomepage: "),
    )
    .unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_connectspec"))
        .args(["serve", "--listen", "127.0.0.1:0", "--specs"])
        .arg(dir.path())
        .env_remove("CONNECTSPEC_SPECS")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("colour"), "{err}");
    assert!(err.contains("oneflow.yaml:"), "{err}");
}
