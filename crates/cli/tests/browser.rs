//! The link form in a real browser: runs every `tests/browser/*.test.mjs` (node's test
//! runner, puppeteer-core driving headless Chromium, axe-core) against this package's
//! `connectspec` binary, which the scripts start as the service with a stand-in provider
//! behind `--base-url` or the real OAuth server of tests/oauth. See tests/browser/ for
//! what is checked.
//!
//! Needs `node`, `npm` and Chromium (`/usr/bin/chromium`, or the path in `CHROMIUM`);
//! `.ci/run` installs Chromium, and `npm ci` installs the pinned packages when
//! tests/browser/node_modules is missing. `CONNECTSPEC_SCREENSHOTS=docs/screenshots`
//! rewrites the screenshots shown in docs/form.md.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn link_form_in_headless_chromium() {
    let dir = root().join("tests/browser");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    assert!(
        Path::new(&chromium).exists(),
        "Chromium is needed for the browser tests: `apt-get install chromium` (as .ci/run does), \
         or set CHROMIUM to its path (looked for {chromium})"
    );
    connectspec_tests::npm::ensure(
        &dir,
        &["node_modules/puppeteer-core", "node_modules/axe-core"],
        "the browser tests",
    );
    // The OAuth tests run the real authorization server of the service's OAuth tests.
    connectspec_tests::npm::ensure(
        &root().join("tests/oauth"),
        &["node_modules/oidc-provider/package.json"],
        "the OAuth browser tests",
    );
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/browser")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".test.mjs"))
        // The example hub's test needs the hub binary: examples/hub/tests/browser.rs runs it.
        .filter(|n| n != "hub.test.mjs")
        .collect();
    files.sort();
    // One file at a time: each starts its own service and Chromium, and two cores are
    // enough for one.
    let out = Command::new("node")
        .args(["--test", "--test-reporter=spec", "--test-concurrency=1"])
        .args(&files)
        .current_dir(&dir)
        .env("CONNECTSPEC_BIN", env!("CARGO_BIN_EXE_connectspec"))
        .env("CHROMIUM", &chromium)
        .output()
        .expect("node must be installed to run the browser tests");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}");
    eprintln!("{stderr}");
    assert!(
        out.status.success(),
        "browser tests failed:\n{stdout}\n{stderr}"
    );
    // The runner's summary: every test ran and passed.
    assert!(stdout.contains("ℹ fail 0"), "{stdout}");
    assert!(
        !stdout.contains("ℹ pass 0"),
        "no browser test ran:\n{stdout}"
    );
}
