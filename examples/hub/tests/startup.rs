//! The `hub` binary refuses to start without its keys, or with a malformed one, and says
//! which (never repeating the value).

use std::process::Command;

fn hub(env: &[(&str, &str)]) -> (bool, String) {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_hub"));
    cmd.args([
        "--listen",
        "127.0.0.1:0",
        "--connectspec-url",
        "http://127.0.0.1:9",
    ])
    .arg("--database")
    .arg(dir.path().join("hub.sqlite3"))
    .env_remove("HUB_ENCRYPTION_KEY")
    .env_remove("HUB_CONNECTSPEC_API_KEY")
    .envs(env.iter().copied());
    let out = cmd.output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const KEY: &str = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";

#[test]
fn no_encryption_key_no_start() {
    let (ok, err) = hub(&[(
        "HUB_CONNECTSPEC_API_KEY",
        "op-key-0123456789abcdef0123456789abcdef",
    )]);
    assert!(!ok);
    assert!(err.contains("HUB_ENCRYPTION_KEY must be set"), "{err}");
}

#[test]
fn a_malformed_encryption_key_is_named_not_shown() {
    let short = "c2hvcnQta2V5LXZhbHVl";
    let (ok, err) = hub(&[
        ("HUB_ENCRYPTION_KEY", short),
        (
            "HUB_CONNECTSPEC_API_KEY",
            "op-key-0123456789abcdef0123456789abcdef",
        ),
    ]);
    assert!(!ok);
    assert!(
        err.contains("HUB_ENCRYPTION_KEY: the key is 15 bytes, not 32"),
        "{err}"
    );
    assert!(!err.contains(short), "{err}");
}

#[test]
fn no_operator_key_no_start() {
    let (ok, err) = hub(&[("HUB_ENCRYPTION_KEY", KEY)]);
    assert!(!ok);
    assert!(err.contains("HUB_CONNECTSPEC_API_KEY must be set"), "{err}");
}

#[test]
fn an_offer_outside_the_catalogue_is_refused() {
    let (ok, err) = hub(&[
        ("HUB_ENCRYPTION_KEY", KEY),
        (
            "HUB_CONNECTSPEC_API_KEY",
            "op-key-0123456789abcdef0123456789abcdef",
        ),
        ("HUB_OFFERS", "oneflow/api_token,nope/nope"),
    ]);
    assert!(!ok);
    assert!(
        err.contains("\"nope/nope\": connectspec has no such provider and method"),
        "{err}"
    );
}
