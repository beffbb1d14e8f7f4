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

/// Runs with raw bytes on standard input, for commands that must end by themselves
/// (a `serve` whose configuration is refused): killed after 20 s, so that a mistake
/// fails the test instead of hanging it.
fn run_bounded(args: &[&str], stdin: &[u8], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_connectspec"));
    cmd.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("binary runs");
    let mut input = child.stdin.take().unwrap();
    // The command may end before reading it all.
    let _ = input.write_all(stdin);
    drop(input);
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > std::time::Duration::from_secs(20) {
            let _ = child.kill();
            panic!("{args:?} did not end by itself");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
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

/// Secrets typed where an id, a variable name or nothing belongs are never echoed,
/// in text or JSON output.
#[test]
fn stray_secrets_are_never_echoed() {
    const STRIPE: &str = "sk_live_51HqLyjWDarjtT1zdp7dcXyZ";
    let cases: Vec<Vec<String>> = vec![
        // A secret in the provider position, and in the method position.
        vec!["validate".into(), STRIPE.into(), "api_token".into()],
        vec![
            "validate".into(),
            STRIPE.into(),
            "api_token".into(),
            "--json".into(),
        ],
        vec!["validate".into(), "oneflow".into(), TOKEN.into()],
        vec![
            "validate".into(),
            "oneflow".into(),
            TOKEN.into(),
            "--json".into(),
        ],
        // A value instead of a variable name, or with no `=` at all.
        vec![
            "validate".into(),
            "oneflow".into(),
            "api_token".into(),
            "--field-env".into(),
            format!("api_token={TOKEN}-x"),
        ],
        vec![
            "validate".into(),
            "oneflow".into(),
            "api_token".into(),
            "--field-env".into(),
            TOKEN.into(),
            "--json".into(),
        ],
        // A well-formed name that is the secret itself and not set.
        vec![
            "validate".into(),
            "stripe".into(),
            "api_key".into(),
            "--field-env".into(),
            format!("api_key={STRIPE}"),
        ],
        // A secret in the key position of --field.
        vec![
            "validate".into(),
            "oneflow".into(),
            "api_token".into(),
            "--field".into(),
            format!("{TOKEN}-x=1"),
        ],
        // A secret as an extra positional argument, as a command, as an unknown flag.
        vec![
            "validate".into(),
            "oneflow".into(),
            "api_token".into(),
            STRIPE.into(),
        ],
        vec![STRIPE.into()],
        vec!["list".into(), format!("--token={STRIPE}")],
    ];
    for args in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = run(&args, None, &[]);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", text(&o));
        let out = text(&o);
        assert!(!out.is_empty(), "{args:?} says what is wrong");
        for secret in [STRIPE, TOKEN] {
            assert!(!out.contains(secret), "{args:?} echoed a secret:\n{out}");
            // Not even a long piece of it.
            assert!(!out.contains(&secret[..12]), "{args:?} echoed part:\n{out}");
        }
    }
    let o = run(
        &[
            "validate",
            "oneflow",
            "api_token",
            "--field-env",
            &format!("api_token={TOKEN}-x"),
        ],
        None,
        &[],
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("not an environment variable name") && err.contains("--field-stdin api_token"),
        "{err}"
    );
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
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("is not set"), "{err}");
    assert!(!err.contains("CS_TEST_UNSET_VAR"), "{err}");
}

/// Arguments, standard input and environment of one run.
type Case = (Vec<String>, Vec<u8>, Vec<(&'static str, &'static str)>);

/// A secret pasted where `--field-stdin` wants a key, given to a flag that takes no
/// value (`--json=…`), as a malformed `serve` flag value or as a file path is never
/// repeated: the messages name the argument (its flag, its position) instead.
#[test]
fn secrets_given_as_keys_flag_values_or_paths_are_never_echoed() {
    const STRIPE: &str = "sk_live_51HqLyjWDarjtT1zdp7dcXyZ";
    // Shaped like a field key: only a check against the method's fields tells.
    const LOWER: &str = "sk_live_51hqlyjwdarjtt1zdp7dcxyz";
    let stdin_case = |keys: &[&str]| -> Vec<String> {
        let mut a: Vec<String> = vec!["validate".into(), "oneflow".into(), "api_token".into()];
        for k in keys {
            a.push("--field-stdin".into());
            a.push((*k).into());
        }
        a
    };
    let serve = |flag: &str| vec!["serve".to_owned(), flag.to_owned(), STRIPE.to_owned()];
    let mut cases: Vec<Case> = vec![
        (stdin_case(&[STRIPE]), Vec::new(), vec![]),
        (stdin_case(&[LOWER]), Vec::new(), vec![]),
        (stdin_case(&["api_token", LOWER]), b"x\n".to_vec(), vec![]),
        (stdin_case(&[LOWER]), vec![0xff, 0xfe, b'\n'], vec![]),
        (stdin_case(&["api_token"]), vec![0xff, 0xfe, b'\n'], vec![]),
        (
            vec![
                "validate".into(),
                "oneflow".into(),
                "api_token".into(),
                format!("--json={STRIPE}"),
            ],
            Vec::new(),
            vec![],
        ),
        (
            vec!["list".into(), format!("--json={STRIPE}")],
            Vec::new(),
            vec![],
        ),
        (
            vec!["serve".into(), format!("--log-json={STRIPE}")],
            Vec::new(),
            vec![],
        ),
        (
            vec!["serve".into()],
            Vec::new(),
            vec![("CONNECTSPEC_LISTEN", STRIPE)],
        ),
    ];
    for flag in [
        "--listen",
        "--test-timeout-ms",
        "--max-connections",
        "--base-url",
        "--embed-origin",
        "--oauth-origin",
        "--oauth-redirect-uri",
        "--oauth-state-key-file",
        "--oauth-clients",
        "--oauth-state-ttl-secs",
    ] {
        cases.push((serve(flag), Vec::new(), vec![]));
    }
    for (args, stdin, env) in &cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = run_bounded(&args, stdin, env);
        let out = text(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {out}");
        assert!(!out.trim().is_empty(), "{args:?} says what is wrong");
        for secret in [STRIPE, LOWER] {
            assert!(!out.contains(&secret[..12]), "{args:?} echoed:\n{out}");
        }
    }
    // The messages say which argument.
    let o = run_bounded(
        &stdin_case(&["api_token", LOWER])
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
        b"x\n",
        &[],
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("2nd --field-stdin"), "{err}");
    let o = run_bounded(
        &stdin_case(&["api_token"])
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
        b"",
        &[],
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("`api_token`") && err.contains("ended"),
        "{err}"
    );
    let o = run_bounded(&["serve", "--listen", STRIPE], b"", &[]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("--listen"), "{err}");
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

#[test]
fn a_secret_given_with_field_is_warned_about() {
    let token = format!("api_token={TOKEN}");
    let o = run(
        &[
            "validate",
            "oneflow",
            "api_token",
            "--field",
            &token,
            "--field",
            "user_email=ada@example.com",
            "--json",
        ],
        None,
        &[],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    serde_json::from_slice::<serde_json::Value>(&o.stdout).expect("stdout stays JSON");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("warning: field `api_token` is secret"),
        "{err}"
    );
    assert!(
        err.contains("--field-stdin api_token") && err.contains("--field-env api_token=VAR"),
        "{err}"
    );
    assert!(!text(&o).contains(TOKEN));
    // A non-secret field given with --field is not warned about; nor is a secret from stdin.
    let o = run(
        &[
            "validate",
            "oneflow",
            "api_token",
            "--field-stdin",
            "api_token",
            "--field",
            "user_email=ada@example.com",
        ],
        Some(&format!("{TOKEN}\n")),
        &[],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(
        !String::from_utf8_lossy(&o.stderr).contains("warning"),
        "{}",
        text(&o)
    );
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
