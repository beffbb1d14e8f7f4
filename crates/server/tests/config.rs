//! Configuration from settings (the CLI's flags) and environment.

use connectspec_server::{Config, Settings};

/// Settings as `connectspec serve` would pass them for these flags (the flags this file
/// exercises; parsing itself is the CLI's).
fn args(argv: &[&str]) -> Settings {
    let mut s = Settings::default();
    for pair in argv.chunks(2) {
        let [flag, value] = pair else {
            panic!("flags come in pairs: {argv:?}")
        };
        match *flag {
            "--listen" => s.listen = value.parse().unwrap(),
            "--base-url" => s.base_url.push((*value).to_owned()),
            "--test-timeout-ms" => s.test_timeout_ms = value.parse().unwrap(),
            "--embed-origin" => s.embed_origin = Some((*value).to_owned()),
            other => panic!("flag {other} is not used by these tests"),
        }
    }
    s
}

fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

#[test]
fn defaults() {
    let c = Config::from_settings_and_env(&args(&[]), env(&[])).unwrap();
    assert_eq!(c.listen.to_string(), "127.0.0.1:8080");
    assert_eq!(c.test_timeout.as_secs(), 10);
    assert!(c.base_urls.is_empty());
}

#[test]
fn flags_win_over_environment() {
    let a = args(&[
        "--listen",
        "0.0.0.0:9000",
        "--base-url",
        "webflow=http://127.0.0.1:1/v2",
        "--test-timeout-ms",
        "250",
    ]);
    let c = Config::from_settings_and_env(
        &a,
        env(&[
            ("CONNECTSPEC_BASE_URL_WEBFLOW", "http://env/"),
            ("CONNECTSPEC_BASE_URL_ONEFLOW", "https://staging.example"),
        ]),
    )
    .unwrap();
    assert_eq!(c.listen.to_string(), "0.0.0.0:9000");
    assert_eq!(c.test_timeout.as_millis(), 250);
    assert_eq!(c.base_urls["webflow"].as_str(), "http://127.0.0.1:1/v2");
    assert_eq!(c.base_urls["oneflow"].as_str(), "https://staging.example/");
}

/// Flags, environment, and the message expected.
type Case = (
    &'static [&'static str],
    &'static [(&'static str, &'static str)],
    &'static str,
);

#[test]
fn mistakes_are_reported() {
    let cases: [Case; 6] = [
        (
            &["--base-url", "nosuch=http://x"],
            &[],
            "`nosuch` is not a provider id (known: ",
        ),
        (&["--base-url", "webflow"], &[], "must be PROVIDER=URL"),
        (
            &["--base-url", "webflow=not a url"],
            &[],
            "base URL of `webflow` is not a URL",
        ),
        (
            &["--base-url", "webflow=ftp://x"],
            &[],
            "must be an http or https URL",
        ),
        (
            &[],
            &[("CONNECTSPEC_BASE_URL_WEBFLOW", "http://x/?a=b")],
            "must not have a query",
        ),
        (
            &["--test-timeout-ms", "0"],
            &[],
            "--test-timeout-ms must be between 1 and 120000",
        ),
    ];
    for (argv, vars, message) in cases {
        let e = Config::from_settings_and_env(&args(argv), env(vars)).unwrap_err();
        assert!(e.to_string().contains(message), "{e}");
    }
}

#[test]
fn embed_origin_is_an_origin() {
    let c = Config::from_settings_and_env(&args(&[]), env(&[])).unwrap();
    assert_eq!(c.embed_origin, None);
    for (given, want) in [
        ("https://hub.example.com", "https://hub.example.com"),
        ("https://Hub.Example.com/", "https://hub.example.com"),
        ("http://127.0.0.1:5173", "http://127.0.0.1:5173"),
    ] {
        let c = Config::from_settings_and_env(&args(&["--embed-origin", given]), env(&[])).unwrap();
        assert_eq!(c.embed_origin.as_deref(), Some(want), "{given}");
    }
    for bad in [
        "hub.example.com",
        "https://hub.example.com/page",
        "https://hub.example.com/?a=1",
        "https://user@hub.example.com",
        "ftp://hub.example.com",
        "*",
    ] {
        let e =
            Config::from_settings_and_env(&args(&["--embed-origin", bad]), env(&[])).unwrap_err();
        assert!(e.0.contains("--embed-origin"), "{bad}: {e}");
    }
}
