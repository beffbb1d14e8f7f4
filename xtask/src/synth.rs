//! `cargo xtask bench` and `cargo xtask synth-specs` run the benchmark runner's and the
//! synthetic generator's own binaries, so that the everyday commands (`check`,
//! `gen-docs`) do not compile them.

use std::path::Path;
use std::process::Command;

/// Runs `cargo run -p <package> --bin <bin> -- <args>` from the workspace root, with
/// the caller's arguments as given (relative paths are made absolute first by the
/// caller's shell directory, which `cargo run` keeps).
pub fn forward(
    root: &Path,
    package: &str,
    bin: &str,
    release: bool,
    args: &[String],
) -> Result<(), String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.arg("run").arg("--quiet");
    if release {
        cmd.arg("--release");
    }
    cmd.arg("--manifest-path")
        .arg(root.join("Cargo.toml"))
        .args(["-p", package, "--bin", bin, "--"])
        .args(args);
    let status = cmd
        .status()
        .map_err(|e| format!("cannot run cargo for {bin}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{bin} failed ({status})"))
    }
}
