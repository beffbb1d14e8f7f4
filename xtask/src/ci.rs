//! `cargo xtask ci`: the project's one test command (README, `.ci/run`).
//!
//! Runs, in order and stopping at the first failure: the formatting check; the build of
//! every target of the workspace with clippy's lints, warnings denied; `cargo xtask
//! check` (specs, schema and docs fresh); and the whole test suite. Each step prints the
//! command it runs so a failure is easy to reproduce.
//!
//! Clippy runs as the compiler of the workspace's own crates during the test build
//! (`RUSTC_WORKSPACE_WRAPPER`, the mechanism `cargo clippy` itself uses) rather than as
//! a separate `cargo clippy`: `cargo clippy` type-checks every dependency once more in
//! check mode, whose metadata-only artefacts the test build cannot reuse, which on two
//! cores was about a quarter of a cold run. Through the wrapper the dependencies compile
//! once, the lints see the same targets (`--all-targets`: libraries, binaries, tests,
//! benches, examples, build scripts) and the same `-D warnings` applies. Cargo keys the
//! wrapped artefacts apart from unwrapped ones, so a later plain `cargo test` rebuilds
//! the workspace's crates (not their dependencies) once.

use std::path::{Path, PathBuf};
use std::process::Command;

/// `cargo` with `args` in `root`, with the extra environment `env`.
fn cargo(root: &Path, args: &[&str], env: &[(&str, &str)]) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let shown: String = env.iter().map(|(k, v)| format!("{k}={v} ")).collect();
    let shown = format!("{shown}cargo {}", args.join(" "));
    println!("==> {shown}");
    let status = Command::new(&cargo)
        .args(args)
        .envs(env.iter().copied())
        .current_dir(root)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("error: `{shown}` failed ({status})"))
    }
}

/// The toolchain's `clippy-driver`: in the `bin/` of the sysroot of the `rustc` cargo
/// runs (through rustup's proxy, the selected toolchain's), as `cargo clippy` finds it.
fn clippy_driver() -> Result<PathBuf, String> {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let out = Command::new(&rustc)
        .args(["--print", "sysroot"])
        .output()
        .map_err(|e| format!("cannot run {rustc}: {e}"))?;
    let driver = Path::new(String::from_utf8_lossy(&out.stdout).trim()).join("bin/clippy-driver");
    if out.status.success() && driver.is_file() {
        Ok(driver)
    } else {
        Err(
            "error: clippy-driver not found in the toolchain's bin/ directory; \
             install it with `rustup component add clippy`"
                .into(),
        )
    }
}

/// `-D warnings` for clippy-driver, in the form `cargo clippy` hands its arguments over.
const DENY_WARNINGS: &str = "-D__CLIPPY_HACKERY__warnings";

pub fn run(root: &Path) -> Result<(), String> {
    cargo(root, &["fmt", "--all", "--check"], &[])?;
    let driver = clippy_driver()?;
    let driver = driver.to_string_lossy();
    let lint = [
        ("RUSTC_WORKSPACE_WRAPPER", driver.as_ref()),
        ("CLIPPY_ARGS", DENY_WARNINGS),
    ];
    // Every target, linted as it compiles; then the check, then the run: the same
    // environment, so only the examples compile again (`--all-targets` builds them as
    // tests, the plain run as programs); doctests only run without `--all-targets`.
    cargo(
        root,
        &[
            "test",
            "--workspace",
            "--all-targets",
            "--locked",
            "--no-run",
        ],
        &lint,
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
    cargo(root, &["test", "--workspace", "--locked"], &lint)?;
    println!("==> all checks passed");
    Ok(())
}
