//! The `connectspec` binary: exit codes, text and JSON output, secrets from stdin and
//! the environment, and no secret in any output.

use std::io::Write;
use std::process::{Command, Output, Stdio};

const TOKEN: &str = "Kq7ZpR2mXv9LcT4nWb8YhJ3sDf6Gk1Na5Ue0OiPz";
const SHORT: &str = "3f9c2a7e-41bd-4c0a-9e6f-2b8d51c7a0e4f1b";

fn run(args: &[&str], stdin: Option<&str>, env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_connectspec"));
    cmd.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("binary runs");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn valid_prints_public_values_and_exits_0() {
    let token = format!("--field=api_token= {TOKEN} ");
    let o = run(
        &[
            "validate",
            "oneflow",
            "api_token",
            &token,
            "--field",
            "user_email=ada@example.com",
        ],
        None,
        &[],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let out = text(&o);
    assert!(out.contains("user_email: ada@example.com"), "{out}");
    assert!(out.contains("api_token: [secret, not shown]"), "{out}");
    assert!(out.contains("normalised: api_token"), "{out}");
    assert!(!out.contains(TOKEN));
}

#[test]
fn invalid_lists_every_error_and_exits_1() {
    let token = format!("api_token={SHORT}");
    let o = run(
        &[
            "validate",
            "oneflow",
            "api_token",
            "--field",
            &token,
            "--field",
            "user_email=ada.example.com",
        ],
        None,
        &[],
    );
    assert_eq!(o.status.code(), Some(1));
    let out = text(&o);
    assert!(
        out.contains("API Token must be 40 characters: letters, digits and hyphens (it has 39)"),
        "{out}"
    );
    assert!(out.contains("User Email must be an email address"), "{out}");
    assert!(!out.contains(SHORT));
}

#[test]
fn json_output() {
    let token = format!("api_token={SHORT}");
    let o = run(
        &[
            "validate",
            "oneflow",
            "api_token",
            "--json",
            "--field",
            &token,
        ],
        None,
        &[],
    );
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON on stdout");
    assert_eq!(v["valid"], false);
    let codes: Vec<&str> = v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["too_short", "missing"]);
    assert!(!String::from_utf8_lossy(&o.stdout).contains(SHORT));
}

#[test]
fn secrets_from_stdin_and_environment() {
    let o = run(
        &[
            "validate",
            "oneflow",
            "api_token",
            "--field-stdin",
            "api_token",
            "--field",
            "user_email=ada@example.com",
            "--json",
        ],
        Some(&format!("{TOKEN}\r\n")),
        &[],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["values"]["user_email"], "ada@example.com");
    assert!(v["values"].get("api_token").is_none());
    assert!(!text(&o).contains(TOKEN));

    let o = run(
        &[
            "validate",
            "oneflow",
            "api_token",
            "--field-env",
            "api_token=CS_TEST_TOKEN",
            "--field",
            "user_email=ada@example.com",
        ],
        None,
        &[("CS_TEST_TOKEN", TOKEN)],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(!text(&o).contains(TOKEN));

    let o = run(
        &[
            "validate",
            "oneflow",
            "api_token",
            "--field-env",
            "api_token=CS_TEST_UNSET_VAR",
        ],
        None,
        &[],
    );
    assert_eq!(o.status.code(), Some(2));
    let o = run(
        &[
            "validate",
            "oneflow",
            "api_token",
            "--field-stdin",
            "api_token",
        ],
        Some(""),
        &[],
    );
    assert_eq!(o.status.code(), Some(2), "empty stdin is a usage error");
}

#[test]
fn usage_errors_exit_2_and_list_known_ids() {
    let o = run(&["validate", "nope", "api_token"], None, &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o).contains("oneflow") && text(&o).contains("webflow"),
        "{}",
        text(&o)
    );
    let o = run(&["validate", "oneflow", "nope", "--json"], None, &[]);
    assert_eq!(o.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["error"], "unknown_method");
    assert_eq!(v["known"], serde_json::json!(["api_token"]));
    let o = run(
        &["validate", "oneflow", "api_token", "--field", "novalue"],
        None,
        &[],
    );
    assert_eq!(o.status.code(), Some(2));
    let o = run(
        &[
            "validate",
            "oneflow",
            "api_token",
            "--field",
            "a=1",
            "--field",
            "a=2",
        ],
        None,
        &[],
    );
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["validate"], None, &[]);
    assert_eq!(o.status.code(), Some(2), "clap usage error");
}

#[test]
fn list_names_every_provider() {
    let o = run(&["list"], None, &[]);
    assert_eq!(o.status.code(), Some(0));
    let out = text(&o);
    assert!(
        out.contains("oneflow (Oneflow)") && out.contains("site_token"),
        "{out}"
    );
    let o = run(&["list", "--json"], None, &[]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v.as_array().unwrap().iter().any(|p| p["id"] == "webflow"));
}
