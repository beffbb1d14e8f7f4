//! The benchmark runner behind `cargo xtask bench`: runs every performance
//! measurement of the project and prints one table of figure, goal and verdict.
//!
//! Sections (each can be run alone with `--only`):
//! - `validator`: the providers crate's criterion bench (compiled vs `jsonschema` vs
//!   hand-written), read back from criterion's result files;
//! - `load` and `docs`: load + check, and gen-docs, on 10, 100, 1,000 and 10,000
//!   synthetic specs ([`connectspec_synth`]), each in a child process for its peak memory;
//! - `commands`: `cargo xtask check` and `gen-docs` as users run them (through cargo,
//!   dev profile) on 1,000 and 10,000 synthetic specs;
//! - `build`: the providers crate built over 10 and 1,000 synthetic specs;
//! - `service`: the server's load generator, and opening a sealed OAuth registration;
//! - `js`: the browser validators against Ajv, and their shipped size (Node);
//! - `assertion`: signing a token exchange's JWT assertion (RS256 and ES256), with the
//!   server's own signer and keys made in the run.
//!
//! A measurement that cannot be taken (its piece does not exist yet, a tool is
//! missing) prints `not run: reason` in the table, and the runner then exits non-zero
//! ([`unmeasured`]): a table with holes is not a finished run. Timings are wall-clock on whatever else the machine is doing:
//! load and docs report the best of several runs, the rest a single run.

pub mod assertion;
pub mod cargo;
pub mod commands;
pub mod js;
pub mod probe;
pub mod providers_build;
pub mod scale;
pub mod service;
pub mod table;
pub mod target;
pub mod validator;
pub mod watch;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

pub use providers_build::Profile;
pub use table::{Row, Verdict};

/// A part of the benchmark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Section {
    /// Validator speed (criterion).
    Validator,
    /// Load + check of synthetic catalogues.
    Load,
    /// gen-docs on synthetic catalogues.
    Docs,
    /// The xtask commands on synthetic catalogues, as users run them.
    Commands,
    /// Providers crate build over synthetic catalogues.
    Build,
    /// Service load run.
    Service,
    /// Browser validators vs Ajv (Node).
    Js,
    /// Signing a token exchange's JWT assertion.
    Assertion,
}

impl Section {
    /// Every section, in table order.
    pub const ALL: [Section; 8] = [
        Section::Validator,
        Section::Load,
        Section::Docs,
        Section::Commands,
        Section::Build,
        Section::Service,
        Section::Js,
        Section::Assertion,
    ];

    /// The name used by `--only`.
    pub fn name(self) -> &'static str {
        match self {
            Section::Validator => "validator",
            Section::Load => "load",
            Section::Docs => "docs",
            Section::Commands => "commands",
            Section::Build => "build",
            Section::Service => "service",
            Section::Js => "js",
            Section::Assertion => "assertion",
        }
    }

    /// Parses `--only a,b`.
    pub fn parse_list(list: &str) -> Result<BTreeSet<Section>, String> {
        list.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| {
                Section::ALL
                    .into_iter()
                    .find(|x| x.name() == s)
                    .ok_or_else(|| {
                        let names: Vec<&str> = Section::ALL.iter().map(|x| x.name()).collect();
                        format!(
                            "unknown bench section `{s}`; use one of: {}",
                            names.join(", ")
                        )
                    })
            })
            .collect()
    }
}

/// How to run.
#[derive(Debug, Clone)]
pub struct Options {
    /// The sections to run.
    pub sections: BTreeSet<Section>,
    /// Catalogue sizes for `load` and `docs` (the goals speak of 10 to 10,000).
    pub sizes: Vec<usize>,
    /// Catalogue sizes for `commands` (the goals speak of 1,000 and 10,000).
    pub command_sizes: Vec<usize>,
    /// Small and large catalogue sizes for `build`.
    pub build_sizes: (usize, usize),
    /// Profile of the measured builds.
    pub build_profile: Profile,
    /// Requests of the service load run.
    pub requests: u64,
    /// Read existing criterion results instead of running the bench again.
    pub reuse_criterion: bool,
    /// Seed of the synthetic catalogues.
    pub seed: u64,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            sections: Section::ALL.into_iter().collect(),
            sizes: vec![10, 100, 1000, 10_000],
            command_sizes: vec![1000, 10_000],
            build_sizes: (10, 1000),
            build_profile: Profile::Dev,
            requests: 100_000,
            reuse_criterion: false,
            seed: connectspec_synth::DEFAULT_SEED,
        }
    }
}

/// The synthetic catalogue of `n` specs under `work`, written when missing or stale.
pub fn catalogue(work: &Path, n: usize, seed: u64) -> Result<PathBuf, String> {
    let dir = work.join(format!("specs-{n}"));
    let files = connectspec_synth::generate(n, seed);
    connectspec_synth::write_dir(&dir, &files)
        .map_err(|e| format!("cannot write {}: {e}", dir.display()))?;
    Ok(dir)
}

/// Builds the probe binary (release) and returns its path under `target`, cargo's
/// target directory.
fn probe_binary(root: &Path, target: &Path) -> Result<PathBuf, String> {
    let mut c = cargo::cargo(root);
    c.args([
        "build",
        "--quiet",
        "--release",
        "-p",
        "connectspec-bench",
        "--bin",
        "connectspec-bench-probe",
    ]);
    cargo::run(c)?;
    let exe = target
        .join("release/connectspec-bench-probe")
        .with_extension(std::env::consts::EXE_EXTENSION);
    if exe.is_file() {
        Ok(exe)
    } else {
        Err(format!("{} was not built", exe.display()))
    }
}

/// Runs the selected sections, calling `progress` with each section's rows as they
/// come (long runs show something), and returns every row.
pub fn run(root: &Path, opts: &Options, mut progress: impl FnMut(Section, &[Row])) -> Vec<Row> {
    // Where cargo builds (CARGO_TARGET_DIR, build.target-dir, or `<root>/target`).
    let target = target::target_dir(root);
    let work = root.join("target/bench");
    let mut all = Vec::new();
    let mut emit = |s: Section, rows: Vec<Row>, all: &mut Vec<Row>| {
        progress(s, &rows);
        all.extend(rows);
    };
    let wanted = |s: Section| opts.sections.contains(&s);
    if wanted(Section::Validator) {
        let rows = match &target {
            Ok(t) => validator::run(root, t, opts.reuse_criterion),
            Err(e) => vec![Row::not_run(
                "validator",
                "compiled vs jsonschema vs hand-written",
                format!("cargo's target directory is unknown: {e}"),
            )],
        };
        emit(Section::Validator, rows, &mut all);
    }
    if wanted(Section::Load) || wanted(Section::Docs) {
        let sets: Result<Vec<(usize, PathBuf)>, String> = opts
            .sizes
            .iter()
            .map(|&n| catalogue(&work, n, opts.seed).map(|d| (n, d)))
            .collect();
        let ready = sets.and_then(|s| {
            let t = target.clone()?;
            probe_binary(root, &t).map(|b| (s, b))
        });
        for (section, job) in [
            (Section::Load, scale::Job::Load),
            (Section::Docs, scale::Job::Docs),
        ] {
            if !wanted(section) {
                continue;
            }
            let rows = match &ready {
                Ok((sets, bin)) => scale::run(job, bin, &work, sets),
                Err(e) => vec![Row::not_run(
                    section.name(),
                    "synthetic catalogues",
                    e.clone(),
                )],
            };
            emit(section, rows, &mut all);
        }
    }
    if wanted(Section::Commands) {
        let sets: Result<Vec<(usize, PathBuf)>, String> = opts
            .command_sizes
            .iter()
            .map(|&n| catalogue(&work, n, opts.seed).map(|d| (n, d)))
            .collect();
        let rows = match sets {
            Ok(sets) => commands::run(root, &work, &sets),
            Err(e) => vec![Row::not_run("commands", "synthetic catalogues", e)],
        };
        emit(Section::Commands, rows, &mut all);
    }
    // Pages written by the docs probes; removed only now, after every timing, because
    // deleting many files slows down creating files shortly afterwards.
    let _ = std::fs::remove_dir_all(work.join("docs-out"));
    if wanted(Section::Build) {
        let (a, b) = opts.build_sizes;
        let rows = match (
            catalogue(&work, a, opts.seed),
            catalogue(&work, b, opts.seed),
        ) {
            (Ok(small), Ok(large)) => {
                providers_build::run(root, opts.build_profile, (a, &small), (b, &large))
            }
            (Err(e), _) | (_, Err(e)) => vec![Row::not_run("build", "synthetic catalogues", e)],
        };
        emit(Section::Build, rows, &mut all);
    }
    if wanted(Section::Service) {
        let mut rows = service::run(root, opts.requests);
        rows.extend(service::registration(root));
        emit(Section::Service, rows, &mut all);
    }
    if wanted(Section::Js) {
        emit(Section::Js, js::run(root), &mut all);
    }
    if wanted(Section::Assertion) {
        emit(Section::Assertion, assertion::run(root), &mut all);
    }
    all
}

/// The measurements that could not be taken, as `section: what` lines. A run that asked
/// for a section and got none of its figures must not pass as done: the runner exits
/// non-zero when this is not empty (missed goals do not fail it).
pub fn unmeasured(rows: &[Row]) -> Vec<String> {
    rows.iter()
        .filter_map(|r| match &r.verdict {
            Verdict::NotRun(why) => Some(format!("{}: {} ({why})", r.section, r.what)),
            _ => None,
        })
        .collect()
}

/// The machine's 1, 5 and 15 minute load averages (`/proc/loadavg`), to judge how
/// much other work disturbed the timings; `None` where unavailable.
pub fn load_average() -> Option<String> {
    let text = std::fs::read_to_string("/proc/loadavg").ok()?;
    let parts: Vec<&str> = text.split_whitespace().take(3).collect();
    (parts.len() == 3).then(|| parts.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_measurement_not_taken_is_reported() {
        let rows = [
            Row::info("load", "10 specs", "1 ms"),
            Row::at_most("load", "1,000 specs", "9 ms", 9.0, 5.0, "≤ 5 ms"),
        ];
        // A missed goal is a figure: the run measured what it was asked to.
        assert!(unmeasured(&rows).is_empty());
        let rows = [
            Row::info("load", "10 specs", "1 ms"),
            Row::not_run(
                "validator",
                "compiled vs jsonschema vs hand-written",
                "no criterion result names a compiled validator",
            ),
        ];
        assert_eq!(
            unmeasured(&rows),
            [
                "validator: compiled vs jsonschema vs hand-written (no criterion result names a compiled validator)"
            ]
        );
    }
}
