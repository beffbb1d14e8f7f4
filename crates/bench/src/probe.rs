//! The work measured in a child process (`connectspec-bench-probe`), so each
//! measurement starts with a fresh heap and its peak resident memory is its own.
//!
//! The probe prints one JSON line:
//! `{"specs":…,"pages":…,"runs_ms":[…],"peak_rss_kb":…,"extra":{…}}`.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use serde_json::json;

/// What one probe measured.
#[derive(Debug, Clone, PartialEq)]
pub struct ProbeResult {
    /// Specs loaded.
    pub specs: usize,
    /// Pages rendered (0 for `load`).
    pub pages: usize,
    /// Wall time of each repetition, in milliseconds.
    pub runs_ms: Vec<f64>,
    /// Peak resident set size of the probe process, in KiB.
    pub peak_rss_kb: u64,
    /// Further named figures in milliseconds (see each job).
    pub extra: BTreeMap<String, f64>,
}

impl ProbeResult {
    /// The fastest repetition: on a shared machine, the least disturbed one.
    pub fn best_ms(&self) -> f64 {
        self.runs_ms.iter().copied().fold(f64::INFINITY, f64::min)
    }

    /// Parses the probe's JSON line.
    pub fn parse(line: &str) -> Result<ProbeResult, String> {
        let v: serde_json::Value = serde_json::from_str(line.trim())
            .map_err(|e| format!("bad probe output `{line}`: {e}"))?;
        let num = |k: &str| {
            v.get(k)
                .and_then(serde_json::Value::as_u64)
                .ok_or_else(|| format!("probe output lacks `{k}`"))
        };
        let runs = v
            .get("runs_ms")
            .and_then(|r| r.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(serde_json::Value::as_f64)
                    .collect::<Vec<_>>()
            })
            .filter(|r| !r.is_empty())
            .ok_or("probe output lacks `runs_ms`")?;
        let extra = v
            .get("extra")
            .and_then(|e| e.as_object())
            .map(|m| {
                m.iter()
                    .filter_map(|(k, x)| Some((k.clone(), x.as_f64()?)))
                    .collect()
            })
            .unwrap_or_default();
        Ok(ProbeResult {
            specs: num("specs")? as usize,
            pages: num("pages")? as usize,
            runs_ms: runs,
            peak_rss_kb: num("peak_rss_kb")?,
            extra,
        })
    }

    /// The JSON line.
    pub fn to_line(&self) -> String {
        json!({"specs": self.specs, "pages": self.pages, "runs_ms": self.runs_ms, "peak_rss_kb": self.peak_rss_kb, "extra": self.extra})
            .to_string()
    }
}

/// Peak resident set size of this process (`VmHWM`), in KiB; 0 where unavailable.
pub fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

fn elapsed_ms(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1000.0
}

/// Loads and checks every spec of `dir`, `reps` times.
pub fn load(dir: &Path, reps: usize) -> Result<ProbeResult, String> {
    let mut runs = Vec::new();
    let mut specs = 0;
    for _ in 0..reps.max(1) {
        let start = Instant::now();
        let cat = connectspec_lang::load_dir(dir)
            .map_err(|d| format!("{} does not load:\n{d}", dir.display()))?;
        runs.push(elapsed_ms(start));
        specs = cat.specs.len();
    }
    Ok(ProbeResult {
        specs,
        pages: 0,
        runs_ms: runs,
        peak_rss_kb: peak_rss_kb(),
        extra: BTreeMap::new(),
    })
}

/// What `cargo xtask gen-docs --specs dir --out out` does, in phases, `reps` times:
/// load + check, render every page in memory, write. `runs_ms` holds load + render
/// (the engine's work, independent of the file system); `extra` holds the write
/// times: `first_write_ms` when `out` starts empty (every page is created) and
/// `rerun_write_ms` for the best later run (pages unchanged, nothing is written).
///
/// `out` must not exist: creating files right after deleting many is slow on some
/// file systems (ext4 skips recently freed inodes), which would measure the
/// benchmark's own clean-up rather than gen-docs.
pub fn docs(dir: &Path, out: &Path, reps: usize) -> Result<ProbeResult, String> {
    if out.exists() {
        return Err(format!(
            "{} exists; the docs probe writes into a new directory",
            out.display()
        ));
    }
    let mut runs = Vec::new();
    let mut writes = Vec::new();
    let (mut specs, mut pages) = (0, 0);
    let opts = connectspec_guides::Options::default();
    for _ in 0..reps.max(1) {
        let start = Instant::now();
        let cat = connectspec_lang::load_dir(dir)
            .map_err(|d| format!("{} does not load:\n{d}", dir.display()))?;
        let rendered =
            connectspec_guides::render_catalogue(&cat, &opts).map_err(|e| e.to_string())?;
        runs.push(elapsed_ms(start));
        let start = Instant::now();
        connectspec_guides::output::write(out, &rendered).map_err(|e| e.to_string())?;
        writes.push(elapsed_ms(start));
        specs = cat.specs.len();
        pages = rendered.len();
    }
    let mut extra = BTreeMap::new();
    extra.insert("first_write_ms".to_owned(), writes[0]);
    if writes.len() > 1 {
        extra.insert(
            "rerun_write_ms".to_owned(),
            writes[1..].iter().copied().fold(f64::INFINITY, f64::min),
        );
    }
    Ok(ProbeResult {
        specs,
        pages,
        runs_ms: runs,
        peak_rss_kb: peak_rss_kb(),
        extra,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn result_round_trips_through_its_line() {
        let r = ProbeResult {
            specs: 10,
            pages: 24,
            runs_ms: vec![3.5, 2.25],
            peak_rss_kb: 9000,
            extra: BTreeMap::from([("first_write_ms".to_owned(), 12.5)]),
        };
        let back = ProbeResult::parse(&r.to_line()).unwrap();
        assert_eq!(back, r);
        assert_eq!(back.best_ms(), 2.25);
        assert!(ProbeResult::parse("{}").is_err());
    }

    #[test]
    fn this_process_has_a_peak_rss() {
        if cfg!(target_os = "linux") {
            assert!(peak_rss_kb() > 0);
        }
    }
}
