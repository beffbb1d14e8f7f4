//! Running a command the way a user does and measuring it from outside: its wall time
//! and the peak resident memory of its processes.
//!
//! `cargo xtask check` is cargo starting the xtask binary, so the memory that matters
//! is a child's, not the started process's. While the command runs, its process tree is
//! sampled every few milliseconds through `/proc` (each process's `VmHWM`, its own
//! high-water mark, so a sample between two peaks still sees them); the figure is the
//! largest process's peak. Growth in the last sampling interval before a process exits
//! could be missed; the commands measured reach their peak well before they end (the
//! whole catalogue is loaded early).

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How often the process tree is sampled.
const SAMPLE_EVERY: Duration = Duration::from_millis(5);

/// One run of a command.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Watched {
    /// Wall time from start to exit, milliseconds.
    pub wall_ms: f64,
    /// Peak resident memory of the largest process of its tree, KiB; 0 where `/proc`
    /// could not be read.
    pub peak_rss_kb: u64,
}

/// Runs `cmd` (output discarded) to its end; the reason when it fails.
pub fn run(mut cmd: Command) -> Result<Watched, String> {
    cmd.stdout(Stdio::null()).stderr(Stdio::piped());
    let start = Instant::now();
    let mut child = cmd
        .spawn()
        .map_err(|e| format!("cannot start {:?}: {e}", cmd.get_program()))?;
    let mut peak = 0;
    let status = loop {
        peak = peak.max(tree_peak_kb(child.id()));
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) => std::thread::sleep(SAMPLE_EVERY),
            Err(e) => return Err(format!("cannot wait for {:?}: {e}", cmd.get_program())),
        }
    };
    let wall_ms = start.elapsed().as_secs_f64() * 1000.0;
    if status.success() {
        Ok(Watched {
            wall_ms,
            peak_rss_kb: peak,
        })
    } else {
        let mut stderr = String::new();
        if let Some(mut e) = child.stderr.take() {
            use std::io::Read as _;
            let _ = e.read_to_string(&mut stderr);
        }
        Err(crate::cargo::reason(&stderr))
    }
}

/// The largest `VmHWM` of `pid` and its descendants, KiB.
fn tree_peak_kb(pid: u32) -> u64 {
    let mut peak = 0;
    let mut todo = vec![pid];
    while let Some(p) = todo.pop() {
        peak = peak.max(hwm_kb(p));
        todo.extend(children(p));
    }
    peak
}

fn hwm_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

/// The children of every thread of `pid` (`/proc/PID/task/TID/children`).
fn children(pid: u32) -> Vec<u32> {
    let Ok(tasks) = std::fs::read_dir(Path::new("/proc").join(pid.to_string()).join("task")) else {
        return Vec::new();
    };
    tasks
        .flatten()
        .filter_map(|t| std::fs::read_to_string(t.path().join("children")).ok())
        .flat_map(|s| {
            s.split_whitespace()
                .filter_map(|c| c.parse().ok())
                .collect::<Vec<u32>>()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_child_process_is_measured() {
        if !cfg!(target_os = "linux") {
            return;
        }
        // `sh` starts a child that holds memory; the peak is the child's.
        let mut c = Command::new("sh");
        c.args(["-c", "head -c 20000000 /dev/zero | tail -c 1 >/dev/null"]);
        let w = run(c).unwrap();
        assert!(w.wall_ms > 0.0);
        assert!(w.peak_rss_kb > 0, "{w:?}");
        assert!(run(Command::new("false")).is_err());
    }
}
