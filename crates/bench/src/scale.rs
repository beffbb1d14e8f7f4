//! Load + check, and gen-docs, on synthetic catalogues of growing size, each measured
//! in a child process (see [`crate::probe`]) so peak memory is the job's own.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::probe::ProbeResult;
use crate::table::{self, Row};

/// Goal: gen-docs renders 1,000 specs in at most this many milliseconds.
pub const DOCS_1000_MS: f64 = 1000.0;
/// Goal: 10× the specs in at most 11× the time.
pub const GROWTH: f64 = 11.0;
/// Goal: peak resident memory up to 1,000 specs, MB (10⁶ bytes).
pub const PEAK_MB: f64 = 200.0;
/// Goal: peak resident memory at 10,000 specs, MB.
pub const PEAK_10K_MB: f64 = 1000.0;

/// Repetitions per size (best-of-N is reported). The sets compared for growth get the
/// same N: the minimum of more samples is lower, so fewer runs of the large set would
/// bias its growth ratio upwards. The tiny set gets more, being noise-prone.
fn reps(n: usize) -> usize {
    match n {
        0..=10 => 20,
        _ => 10,
    }
}

fn probe(bin: &Path, args: &[&str]) -> Result<ProbeResult, String> {
    let (out, _) = crate::cargo::run({
        let mut c = Command::new(bin);
        c.args(args);
        c
    })?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    ProbeResult::parse(stdout.lines().last().unwrap_or(""))
}

/// A name no earlier run used: nanoseconds since the epoch and the process id.
fn unique() -> String {
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("{}-{t}", std::process::id())
}

/// What the probe measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    /// `load_dir`: parse, schema-validate, check.
    Load,
    /// `gen-docs`: load, render both flavours, write.
    Docs,
}

impl Job {
    fn name(self) -> &'static str {
        match self {
            Job::Load => "load",
            Job::Docs => "docs",
        }
    }
}

/// Measures `job` on each `(count, dir)` set and returns its rows.
pub fn run(job: Job, bin: &Path, work: &Path, sets: &[(usize, PathBuf)]) -> Vec<Row> {
    let section = job.name();
    let mut rows = Vec::new();
    let mut results: Vec<(usize, ProbeResult)> = Vec::new();
    for (n, dir) in sets {
        let d = dir.to_string_lossy();
        let r = reps(*n).to_string();
        // A new directory per probe (see `probe::docs`); removed by `crate::run` at the end.
        let out = work.join("docs-out").join(format!("{n}-{}", unique()));
        let o = out.to_string_lossy();
        let args: Vec<&str> = match job {
            Job::Load => vec!["load", &d, &r],
            Job::Docs => vec!["docs", &d, &o, &r],
        };
        match probe(bin, &args) {
            Ok(res) => results.push((*n, res)),
            Err(e) => rows.push(Row::not_run(section, format!("{n} specs"), e)),
        }
    }
    for (n, r) in &results {
        let best = r.best_ms();
        let what = match job {
            Job::Load => format!("load + check {n} specs"),
            Job::Docs => format!("gen-docs {n} specs: load + render {} pages", r.pages),
        };
        let figure = format!(
            "{} ({:.3} ms/spec, best of {})",
            table::ms(best),
            best / *n as f64,
            r.runs_ms.len()
        );
        if job == Job::Docs && *n == 1000 {
            rows.push(Row::at_most(
                section,
                what,
                figure,
                best,
                DOCS_1000_MS,
                "≤ 1 s on 2 cores",
            ));
        } else {
            rows.push(Row::info(section, what, figure));
        }
    }
    if job == Job::Docs {
        for (n, r) in &results {
            let get = |k: &str| r.extra.get(k).map_or("—".to_owned(), |v| table::ms(*v));
            rows.push(Row::info(
                section,
                format!("gen-docs {n} specs: write pages"),
                format!(
                    "{} into an empty directory, {} when unchanged",
                    get("first_write_ms"),
                    get("rerun_write_ms")
                ),
            ));
        }
    }
    for pair in results.windows(2) {
        let ((a, ra), (b, rb)) = (&pair[0], &pair[1]);
        if *b == a * 10 {
            let growth = rb.best_ms() / ra.best_ms();
            rows.push(Row::at_most(
                section,
                format!("growth {a} → {b} specs"),
                format!("{growth:.2}× the time"),
                growth,
                GROWTH,
                "10× specs in ≤ 11× time",
            ));
        }
    }
    // The goals speak of 1,000 and 10,000 specs; smaller sets only when nothing larger ran.
    let largest = results.iter().map(|(n, _)| *n).max().unwrap_or(0);
    for (n, r) in results.iter().filter(|(n, _)| *n >= 1000 || *n == largest) {
        let mb = r.peak_rss_kb as f64 * 1024.0 / 1e6;
        let (limit, goal) = if *n >= 10_000 {
            (PEAK_10K_MB, "≤ 1 GB")
        } else {
            (PEAK_MB, "≤ 200 MB")
        };
        rows.push(Row::at_most(
            section,
            format!("peak memory (max RSS), {n} specs"),
            format!("{mb:.1} MB"),
            mb,
            limit,
            goal,
        ));
    }
    rows
}
