//! `cargo xtask ci`: the project's one test command (README, `.ci/run`).
//!
//! Runs, in order and stopping at the first failure: formatting check, clippy with
//! warnings denied, `cargo xtask check` (specs, schema and docs fresh), and the whole
//! test suite. Each step prints the command it runs so a failure is easy to reproduce.

use std::path::Path;
use std::process::Command;

fn cargo(root: &Path, args: &[&str]) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    println!("==> cargo {}", args.join(" "));
    let status = Command::new(&cargo)
        .args(args)
        .current_dir(root)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "error: `cargo {}` failed ({status})",
            args.join(" ")
        ))
    }
}

pub fn run(root: &Path) -> Result<(), String> {
    cargo(root, &["fmt", "--all", "--check"])?;
    cargo(
        root,
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--locked",
            "--",
            "-D",
            "warnings",
        ],
    )?;
    println!("==> cargo xtask check");
    let (specs, docs) = (root.join("specs"), root.join(crate::docs::DOCS_DIR));
    crate::check::run(
        root,
        &crate::check::Request {
            specs: &specs,
            specs_given: false,
            docs: Some(&docs),
            docs_given: false,
            max: None,
        },
    )?;
    cargo(root, &["test", "--workspace", "--locked"])?;
    println!("==> all checks passed");
    Ok(())
}
