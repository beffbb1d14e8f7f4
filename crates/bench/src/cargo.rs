//! Running cargo from the runner: same toolchain as the caller, output captured, a
//! failure turned into a short reason for the table.

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// A `cargo` command in the workspace root, using the cargo that runs us.
pub fn cargo(root: &Path) -> Command {
    let program = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut c = Command::new(program);
    c.current_dir(root);
    c
}

/// Runs `cmd`, returning its output and wall time, or the reason it failed: the
/// first `error` line of its stderr (or its last line).
pub fn run(mut cmd: Command) -> Result<(Output, Duration), String> {
    let start = Instant::now();
    let out = cmd
        .output()
        .map_err(|e| format!("cannot start {:?}: {e}", cmd.get_program()))?;
    let took = start.elapsed();
    if out.status.success() {
        Ok((out, took))
    } else {
        Err(reason(&String::from_utf8_lossy(&out.stderr)))
    }
}

/// The most telling line of a failed command's stderr.
pub fn reason(stderr: &str) -> String {
    let lines: Vec<&str> = stderr
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let line = lines
        .iter()
        .find(|l| l.starts_with("error"))
        .or(lines.last())
        .copied()
        .unwrap_or("failed without a message");
    let short: String = line.chars().take(140).collect();
    short
}

#[cfg(test)]
mod tests {
    #[test]
    fn reason_prefers_the_error_line() {
        let r =
            super::reason("   Compiling x\nerror: no example target named `loadgen`\n\nhelp: …\n");
        assert_eq!(r, "error: no example target named `loadgen`");
        assert_eq!(super::reason(""), "failed without a message");
    }
}
