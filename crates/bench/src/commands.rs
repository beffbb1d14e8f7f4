//! The catalogue commands as users run them: `cargo xtask check --specs DIR` and
//! `cargo xtask gen-docs --specs DIR --out DIR`, through cargo, in the workspace's dev
//! profile, on synthetic catalogues of 1,000 and 10,000 specs.
//!
//! The `load` and `docs` sections time the library calls in an optimised build; these
//! rows are what an author waits for, cargo's own start included. Each figure is the
//! best of [`REPS`] runs; gen-docs into an empty directory writes into a new directory
//! each time (creating files right after deleting many is slow on some file systems).

use std::path::{Path, PathBuf};

use crate::table::{self, Row};
use crate::watch::{self, Watched};

/// Goal: `cargo xtask check` of 10,000 specs, milliseconds.
pub const CHECK_MS: f64 = 5000.0;
/// Goal: gen-docs of 10,000 specs with nothing to change, milliseconds.
pub const UNCHANGED_MS: f64 = 5000.0;
/// Goal: gen-docs of 10,000 specs into an empty directory, milliseconds (the disk).
pub const EMPTY_MS: f64 = 15000.0;
/// Goal: 10× the specs in at most 11× the time.
pub const GROWTH: f64 = crate::scale::GROWTH;
/// Goal: peak resident memory of a command at 10,000 specs, MB (10⁶ bytes).
pub const PEAK_MB: f64 = 1000.0;

/// Runs per measurement; the fastest counts.
pub const REPS: usize = 3;

/// The section's name in the table.
const SECTION: &str = "commands";

/// The three measurements of one catalogue size (best run of each, and the largest
/// peak memory seen).
struct Sized {
    n: usize,
    check: Watched,
    empty: Watched,
    unchanged: Watched,
}

fn xtask(root: &Path, args: &[&std::ffi::OsStr]) -> std::process::Command {
    let mut c = crate::cargo::cargo(root);
    c.arg("xtask").args(args);
    c
}

/// Best wall time and largest peak of `reps` runs of `make()`.
fn best(
    reps: usize,
    mut make: impl FnMut(usize) -> std::process::Command,
) -> Result<Watched, String> {
    let mut out: Option<Watched> = None;
    for i in 0..reps {
        let w = watch::run(make(i))?;
        out = Some(match out {
            None => w,
            Some(o) => Watched {
                wall_ms: o.wall_ms.min(w.wall_ms),
                peak_rss_kb: o.peak_rss_kb.max(w.peak_rss_kb),
            },
        });
    }
    out.ok_or_else(|| "no run".into())
}

fn measure(root: &Path, work: &Path, n: usize, specs: &Path) -> Result<Sized, String> {
    let s = specs.as_os_str();
    let check = best(REPS, |_| {
        xtask(root, &["check".as_ref(), "--specs".as_ref(), s])
    })?;
    let outs: Vec<PathBuf> = (0..REPS)
        .map(|i| work.join("commands-out").join(format!("{n}-{i}")))
        .collect();
    let gen_docs = |out: &Path| {
        xtask(
            root,
            &[
                "gen-docs".as_ref(),
                "--specs".as_ref(),
                s,
                "--out".as_ref(),
                out.as_os_str(),
            ],
        )
    };
    for o in &outs {
        if o.exists() {
            return Err(format!(
                "{} exists; the run writes into new directories",
                o.display()
            ));
        }
    }
    let empty = best(REPS, |i| gen_docs(&outs[i]))?;
    let unchanged = best(REPS, |_| gen_docs(&outs[REPS - 1]))?;
    Ok(Sized {
        n,
        check,
        empty,
        unchanged,
    })
}

fn mb(w: &Watched) -> f64 {
    w.peak_rss_kb as f64 * 1024.0 / 1e6
}

/// Measures the commands on each `(count, dir)` set and returns the rows. xtask is
/// built first (as `cargo xtask` would), so no run includes a build.
pub fn run(root: &Path, work: &Path, sets: &[(usize, PathBuf)]) -> Vec<Row> {
    let mut build = crate::cargo::cargo(root);
    build.args(["build", "--quiet", "-p", "xtask"]);
    if let Err(e) = crate::cargo::run(build) {
        return vec![Row::not_run(SECTION, "building xtask", e)];
    }
    let mut rows = Vec::new();
    let mut done = Vec::new();
    for (n, dir) in sets {
        match measure(root, work, *n, dir) {
            Ok(s) => done.push(s),
            Err(e) => rows.push(Row::not_run(SECTION, format!("{n} specs"), e)),
        }
    }
    let _ = std::fs::remove_dir_all(work.join("commands-out"));
    for s in &done {
        let big = s.n >= 10_000;
        let goal = |what: String, w: &Watched, limit: f64, text: &str| {
            let figure = format!("{} (best of {REPS})", table::ms(w.wall_ms));
            if big {
                Row::at_most(SECTION, what, figure, w.wall_ms, limit, text)
            } else {
                Row::info(SECTION, what, figure)
            }
        };
        let n = table::thousands(s.n as u64);
        rows.push(goal(
            format!("`cargo xtask check --specs DIR`, {n} specs"),
            &s.check,
            CHECK_MS,
            "≤ 5 s at 10,000 specs",
        ));
        rows.push(goal(
            format!(
                "`cargo xtask gen-docs --specs DIR --out DIR`, {n} specs, into an empty directory"
            ),
            &s.empty,
            EMPTY_MS,
            "≤ 15 s at 10,000 specs",
        ));
        rows.push(goal(
            format!("same, {n} specs, nothing to change"),
            &s.unchanged,
            UNCHANGED_MS,
            "≤ 5 s at 10,000 specs",
        ));
    }
    for pair in done.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        if b.n != a.n * 10 {
            continue;
        }
        let what = |cmd: &str| {
            format!(
                "growth {} → {} specs, {cmd}",
                table::thousands(a.n as u64),
                table::thousands(b.n as u64)
            )
        };
        for (cmd, x, y) in [
            ("check", &a.check, &b.check),
            ("gen-docs into an empty directory", &a.empty, &b.empty),
            ("gen-docs, nothing to change", &a.unchanged, &b.unchanged),
        ] {
            let growth = y.wall_ms / x.wall_ms;
            rows.push(Row::at_most(
                SECTION,
                what(cmd),
                format!("{growth:.2}× the time"),
                growth,
                GROWTH,
                "10× specs in ≤ 11× time",
            ));
        }
    }
    if let Some(s) = done.iter().max_by_key(|s| s.n) {
        let n = table::thousands(s.n as u64);
        let docs_peak = mb(&s.empty).max(mb(&s.unchanged));
        for (cmd, peak) in [("check", mb(&s.check)), ("gen-docs", docs_peak)] {
            rows.push(Row::at_most(
                SECTION,
                format!("peak memory (largest process's max RSS), {cmd}, {n} specs"),
                format!("{peak:.1} MB"),
                peak,
                PEAK_MB,
                "≤ 1 GB",
            ));
        }
    }
    rows
}
