//! The `connectspec` binary and secrets: read from standard input and the environment,
//! never repeated in any output, whatever argument a secret was pasted into.

mod common;

use common::{TOKEN, run, run_bounded, text};

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
        "--api-key-file",
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
