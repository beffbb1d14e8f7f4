//! Child process of `cargo xtask bench`: runs one measured job and prints its JSON
//! result line (see `connectspec_bench::probe`).
//!
//! ```text
//! connectspec-bench-probe load SPECS_DIR REPS
//! connectspec-bench-probe docs SPECS_DIR OUT_DIR REPS
//! ```

use std::path::Path;
use std::process::ExitCode;

use connectspec_bench::probe;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let reps = |s: &str| {
        s.parse::<usize>()
            .map_err(|_| format!("REPS must be a number, not `{s}`"))
    };
    let result = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["load", dir, n] => reps(n).and_then(|n| probe::load(Path::new(dir), n)),
        ["docs", dir, out, n] => {
            reps(n).and_then(|n| probe::docs(Path::new(dir), Path::new(out), n))
        }
        _ => Err(
            "usage: connectspec-bench-probe load SPECS_DIR REPS | docs SPECS_DIR OUT_DIR REPS"
                .into(),
        ),
    };
    match result {
        Ok(r) => {
            println!("{}", r.to_line());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
