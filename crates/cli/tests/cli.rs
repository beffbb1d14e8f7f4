//! The `connectspec` binary: exit codes, text and JSON output, secrets from stdin and
//! the environment, and no secret in any output.

mod common;

use std::process::{Command, Stdio};

use common::{SHORT, TOKEN, run, run_bounded, text};

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
fn usage_errors_exit_2_and_suggest_close_ids() {
    let o = run(&["validate", "oneflwo", "api_token"], None, &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("the first argument is not a provider id"),
        "{err}"
    );
    assert!(err.contains("did you mean `oneflow`?"), "{err}");
    // Not every id on one line: only the close ones.
    assert!(
        !err.contains("webflow") && !err.contains("airtable"),
        "{err}"
    );
    assert!(
        !err.contains("oneflwo"),
        "the argument is not repeated: {err}"
    );

    let o = run(&["validate", "githb", "x", "--json"], None, &[]);
    assert_eq!(o.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["error"], "unknown_provider");
    assert_eq!(v["suggestions"][0], "github");
    assert!(v["suggestions"].as_array().unwrap().len() <= 3);
    assert!(!String::from_utf8_lossy(&o.stdout).contains("githb"));

    let o = run(&["validate", "oneflow", "nope", "--json"], None, &[]);
    assert_eq!(o.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["error"], "unknown_method");
    assert_eq!(v["suggestions"], serde_json::json!(["api_token"]));
    let o = run(&["validate", "github", "pat_clasic"], None, &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("the second argument is not an auth method of provider `github`"),
        "{err}"
    );
    assert!(!err.contains("pat_clasic"), "{err}");
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
    let o = run(&["lst"], None, &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("did you mean `list`?"), "{}", text(&o));
}

/// When standard error is a closed pipe (`connectspec … 2>&1 | head -0`), every message
/// is lost but nothing panics (exit 101): the command ends with its own code.
#[test]
fn a_closed_standard_error_keeps_the_command_s_exit_code() {
    let short = format!("api_token={SHORT}");
    let token = format!("api_token={TOKEN}");
    let cases: [(&[&str], i32); 6] = [
        (&["validate", "oneflow", "api_token", "--field", &short], 1),
        (&["validate", "oneflwo", "api_token"], 2),
        (
            &[
                "validate",
                "oneflow",
                "api_token",
                "--field",
                &token,
                "--field",
                "user_email=ada@example.com",
            ],
            0,
        ),
        (&["lst"], 2),
        (&["validate"], 2),
        (&["serve", "--test-timeout-ms", "0"], 2),
    ];
    for (args, code) in cases {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let status = Command::new(env!("CARGO_BIN_EXE_connectspec"))
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(writer)
            .status()
            .unwrap();
        assert_eq!(status.code(), Some(code), "{args:?}");
    }
}

/// A state key may begin with `-` (base64url has it; a fifth of random keys do), and
/// the recipe's padded form is accepted: `--oauth-state-keys -Pj4…=` is read as the
/// flag's value, and the configuration goes on to the next check.
#[test]
fn a_state_key_beginning_with_a_hyphen_is_the_flag_s_value() {
    const KEY: &str = "-Pj4-Pj4-Pj4-Pj4-Pj4-Pj4-Pj4-Pj4-Pj4-Pj4-Pg=";
    let o = run_bounded(
        &[
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--oauth-state-keys",
            KEY,
            "--oauth-state-ttl-secs",
            "0",
        ],
        b"",
        &[],
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("--oauth-state-ttl-secs must be between"),
        "the key was not taken: {err}"
    );
    assert!(!err.contains("Pj4-Pj4"), "{err}");
}

/// `connectspec list | head -1`: the reader has gone before the output is written.
/// The read end of the pipe is closed before the command starts, so every write fails
/// with a broken pipe; the command must end quietly (exit 0, nothing on stderr, no
/// panic), in text and JSON, and so must `validate`.
#[test]
fn output_into_a_closed_pipe_exits_quietly() {
    let token = format!("api_token={TOKEN}");
    let cases: [&[&str]; 3] = [
        &["list"],
        &["list", "--json"],
        &[
            "validate",
            "oneflow",
            "api_token",
            "--json",
            "--field",
            &token,
            "--field",
            "user_email=ada@example.com",
        ],
    ];
    for args in cases {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let o = Command::new(env!("CARGO_BIN_EXE_connectspec"))
            .args(args)
            .stdin(Stdio::null())
            .stdout(writer)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {err}");
        let err: String = err
            .lines()
            .filter(|l| !l.starts_with("warning: field `api_token` is secret"))
            .collect();
        assert!(err.is_empty(), "{args:?}: {err}");
    }
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

#[test]
fn scopes_without_actions_lists_the_method_scopes() {
    let o = run(&["scopes", "gitlab", "personal_access_token"], None, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(!out.contains("connectspec list"), "{out}");
    let ids: Vec<&str> = out
        .lines()
        .skip(1)
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    assert!(ids.contains(&"api") && ids.contains(&"read_api"), "{out}");

    let o = run(&["scopes", "oneflow", "api_token"], None, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("declares no actions and no scopes"), "{out}");
}

#[test]
fn scopes_answers_least_privilege_scopes() {
    let o = run(
        &[
            "scopes",
            "webflow",
            "site_token",
            "--action",
            "read_cms",
            "--action",
            "read_forms",
        ],
        None,
        &[],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let ids: Vec<&str> = std::str::from_utf8(&o.stdout)
        .unwrap()
        .lines()
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    assert_eq!(ids, ["authorized_user:read", "cms:read", "forms:read"]);

    let o = run(
        &[
            "scopes",
            "webflow",
            "site_token",
            "--action",
            "read_cms,write_cms",
            "--json",
        ],
        None,
        &[],
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let ids: Vec<&str> = v["scopes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["authorized_user:read", "cms:write"]);

    let o = run(
        &["scopes", "webflow", "site_token", "--action", "sk_live_x9"],
        None,
        &[],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(!text(&o).contains("sk_live_x9"), "{}", text(&o));
}
