//! The npm packages of the JavaScript test harnesses (`tests/js`, `tests/mdx`,
//! `tests/browser`, `tests/oauth`), installed from their checked-in lockfiles.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

/// Runs `npm ci` in `dir` unless every path of `installed` exists under it, and
/// returns `dir`. `what` names the tests in the panic message when npm is missing.
///
/// Installs are serialised within a test binary: `npm ci` starts by deleting
/// `node_modules`, so a second install racing the first would pull the packages out
/// from under a test that is already running them.
pub fn ensure(dir: &Path, installed: &[&str], what: &str) -> PathBuf {
    static LOCK: Mutex<()> = Mutex::new(());
    let _one_at_a_time = LOCK.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if !installed.iter().all(|p| dir.join(p).exists()) {
        let status = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(dir)
            .status()
            .unwrap_or_else(|e| panic!("npm must be installed to run {what}: {e}"));
        assert!(status.success(), "`npm ci` failed in {}", dir.display());
    }
    dir.to_owned()
}
