//! The providers crate built with `CONNECTSPEC_SPECS` pointing at a small and at a
//! large synthetic catalogue: marginal build time per spec and generated code size.
//!
//! Builds go to their own target directory so they never invalidate the workspace's
//! build. A first, untimed build compiles the dependencies; each timed build then
//! re-runs only the build script (the variable changed) and recompiles the crate.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::table::{self, Row};

/// Goal: marginal build time per spec, milliseconds.
pub const PER_SPEC_MS: f64 = 20.0;

/// Timed builds of each catalogue size; the fastest counts.
const BUILD_REPS: usize = 3;

/// The cargo profile of the measured builds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    /// `dev`: what `cargo build` / `cargo test` use while developing.
    Dev,
    /// `release`: what a service ships.
    Release,
}

impl Profile {
    /// The profile's name.
    pub fn name(self) -> &'static str {
        match self {
            Profile::Dev => "dev",
            Profile::Release => "release",
        }
    }
}

struct Built {
    took: Duration,
    /// Bytes of the generated file, read right after this build (the next build of the
    /// same crate overwrites it). Lines are not counted: the file is written unformatted,
    /// one top-level item per line.
    generated: Option<u64>,
}

fn build(root: &Path, target: &Path, profile: Profile, specs: &Path) -> Result<Built, String> {
    let mut c = crate::cargo::cargo(root);
    c.args([
        "build",
        "-p",
        "connectspec-providers",
        "--message-format=json",
        "--profile",
        profile.name(),
    ])
    .arg("--target-dir")
    .arg(target)
    .env("CONNECTSPEC_SPECS", specs);
    let (out, took) = crate::cargo::run(c)?;
    let generated = String::from_utf8_lossy(&out.stdout).lines().find_map(|l| {
        let v: serde_json::Value = serde_json::from_str(l).ok()?;
        let ours = v["reason"] == "build-script-executed"
            && v["package_id"].as_str()?.contains("connectspec-providers");
        if !ours {
            return None;
        }
        Some(PathBuf::from(v["out_dir"].as_str()?).join("providers.rs"))
    });
    Ok(Built {
        took,
        generated: generated.as_deref().and_then(size),
    })
}

fn size(path: &Path) -> Option<u64> {
    std::fs::metadata(path).ok().map(|m| m.len())
}

/// Builds with the `small` and `large` sets and returns the rows.
pub fn run(
    root: &Path,
    profile: Profile,
    small: (usize, &Path),
    large: (usize, &Path),
) -> Vec<Row> {
    let section = "build";
    let target = root.join("target/bench-build");
    if let Err(e) = build(root, &target, profile, small.1) {
        return vec![Row::not_run(section, "providers crate", e)];
    }
    // Large and small builds alternate and the fastest of each is kept: on a shared
    // machine one build can take a quarter longer than the next for no reason of its own.
    let (mut big, mut little): (Option<Built>, Option<Built>) = (None, None);
    for _ in 0..BUILD_REPS {
        for ((n, specs), best) in [(large, &mut big), (small, &mut little)] {
            match build(root, &target, profile, specs) {
                Ok(b) => {
                    if best.as_ref().is_none_or(|x| b.took < x.took) {
                        *best = Some(b);
                    }
                }
                Err(e) => {
                    return vec![Row::not_run(
                        section,
                        format!("providers crate, {n} specs"),
                        e,
                    )];
                }
            }
        }
    }
    let (Some(big), Some(little)) = (big, little) else {
        unreachable!("BUILD_REPS is at least 1");
    };
    let p = profile.name();
    let mut rows = Vec::new();
    for ((n, _), b) in [(small, &little), (large, &big)] {
        rows.push(Row::info(
            section,
            format!("build providers, {n} specs ({p})"),
            format!("{:.1} s (fastest of {BUILD_REPS})", b.took.as_secs_f64()),
        ));
    }
    let marginal =
        (big.took.as_secs_f64() - little.took.as_secs_f64()) * 1000.0 / (large.0 - small.0) as f64;
    rows.push(Row::at_most(
        section,
        format!("marginal build time per spec ({p})"),
        format!("{marginal:.1} ms/spec"),
        marginal,
        PER_SPEC_MS,
        "≤ 20 ms/spec",
    ));
    for ((n, _), b) in [(small, &little), (large, &big)] {
        match b.generated {
            Some(bytes) => rows.push(Row::info(
                section,
                format!("generated code, {n} specs"),
                format!(
                    "{} unformatted ({} per spec)",
                    table::bytes(bytes),
                    table::bytes(bytes / n as u64)
                ),
            )),
            None => rows.push(Row::not_run(
                section,
                format!("generated code, {n} specs"),
                "cargo reported no build-script output for connectspec-providers",
            )),
        }
    }
    rows
}
