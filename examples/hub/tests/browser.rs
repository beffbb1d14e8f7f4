//! The example hub in a real browser: runs `tests/browser/hub.test.mjs` (node's test
//! runner, puppeteer-core driving headless Chromium) against this package's `hub` binary
//! and the workspace's `connectspec` binary, which the script starts as the service with a
//! stand-in Oneflow behind `--base-url`. See the script for what is checked.
//!
//! Needs `node`, `npm` and Chromium (`/usr/bin/chromium`, or the path in `CHROMIUM`), as
//! crates/cli/tests/browser.rs does. The `connectspec` binary is looked for beside `hub`
//! (a workspace test run builds both); when it is not there, it is built first.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The `connectspec` binary of the same target directory and profile as `hub`.
fn connectspec_bin() -> PathBuf {
    let hub = Path::new(env!("CARGO_BIN_EXE_hub"));
    let bin = hub.with_file_name(format!("connectspec{}", std::env::consts::EXE_SUFFIX));
    if !bin.exists() {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let mut cmd = Command::new(cargo);
        cmd.args(["build", "-p", "connectspec-cli", "--bin", "connectspec"])
            .current_dir(root());
        // The profile directory's parent is the target directory.
        if let Some(target) = hub.parent().and_then(Path::parent) {
            cmd.env("CARGO_TARGET_DIR", target);
        }
        if hub.parent().and_then(Path::file_name) == Some("release".as_ref()) {
            cmd.arg("--release");
        }
        let status = cmd.status().expect("cargo builds the connectspec binary");
        assert!(status.success(), "building the connectspec binary failed");
    }
    bin
}

#[test]
fn hub_links_and_reconnects_in_headless_chromium() {
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
    let out = Command::new("node")
        .args(["--test", "--test-reporter=spec", "hub.test.mjs"])
        .current_dir(&dir)
        .env("CONNECTSPEC_BIN", connectspec_bin())
        .env("HUB_BIN", env!("CARGO_BIN_EXE_hub"))
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
    assert!(stdout.contains("ℹ fail 0"), "{stdout}");
    assert!(
        !stdout.contains("ℹ pass 0"),
        "no browser test ran:\n{stdout}"
    );
}
