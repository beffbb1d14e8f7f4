//! `cargo xtask bench` runs this binary: argument parsing and printing; the work is in
//! the library. It is its own binary so that the everyday `cargo xtask` commands do not
//! compile the benchmark runner and the synthetic catalogue generator.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser as _;
use connectspec_bench::{Options, Profile, Section, table};

fn main() -> ExitCode {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("the workspace root exists");
    match run(&root, Args::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Flags of `cargo xtask bench` (which runs this binary).
#[derive(clap::Parser)]
#[command(
    name = "connectspec-bench",
    about = "Runs the benchmarks and prints one table of figures, goals and verdicts"
)]
struct Args {
    /// Run only these sections (comma-separated): validator, load, docs, commands, build,
    /// service, js.
    #[arg(long, value_name = "a,b")]
    only: Option<String>,
    /// Profile of the providers builds over synthetic specs: dev or release.
    #[arg(long, default_value = "dev", value_parser = ["dev", "release"])]
    build_profile: String,
    /// Requests of the service load run.
    #[arg(long, default_value_t = 100_000)]
    requests: u64,
    /// Read the existing criterion results instead of running the validator bench.
    #[arg(long)]
    reuse_criterion: bool,
    /// Catalogue sizes of the load and docs sections (comma-separated).
    #[arg(long, default_value = "10,100,1000,10000", value_name = "n,n")]
    sizes: String,
    /// Catalogue sizes of the commands section (comma-separated).
    #[arg(long, default_value = "1000,10000", value_name = "n,n")]
    command_sizes: String,
}

/// Runs the benchmark and prints the table and a summary line. Missed goals do not
/// fail the command: timings on a shared machine are evidence to read, not a gate. A
/// measurement that could not be taken does: the table would look like a result.
fn run(root: &Path, args: Args) -> Result<(), String> {
    let mut opts = Options::default();
    if let Some(only) = &args.only {
        opts.sections = Section::parse_list(only)?;
    }
    opts.build_profile = if args.build_profile == "release" {
        Profile::Release
    } else {
        Profile::Dev
    };
    opts.requests = args.requests;
    opts.reuse_criterion = args.reuse_criterion;
    opts.sizes = sizes("--sizes", &args.sizes)?;
    opts.command_sizes = sizes("--command-sizes", &args.command_sizes)?;
    let start_load = connectspec_bench::load_average();
    let rows = connectspec_bench::run(root, &opts, |section, rows| {
        let load = connectspec_bench::load_average().unwrap_or_else(|| "?".into());
        eprintln!(
            "bench: {} done ({} rows; load average {load})",
            section.name(),
            rows.len()
        );
    });
    println!("{}", table::render(&rows));
    let missed = rows
        .iter()
        .filter(|r| matches!(r.verdict, connectspec_bench::Verdict::Missed(_)))
        .count();
    let not_run = rows
        .iter()
        .filter(|r| matches!(r.verdict, connectspec_bench::Verdict::NotRun(_)))
        .count();
    println!("{missed} goal(s) missed, {not_run} measurement(s) not run");
    if let (Some(a), Some(b)) = (start_load, connectspec_bench::load_average()) {
        let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
        println!("machine: {cores} cores; load average (1, 5, 15 min) at start {a}, at end {b}");
    }
    let unmeasured = connectspec_bench::unmeasured(&rows);
    if unmeasured.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} requested measurement(s) could not be taken:\n  {}",
            unmeasured.len(),
            unmeasured.join("\n  ")
        ))
    }
}

/// A comma-separated list of catalogue sizes.
fn sizes(flag: &str, list: &str) -> Result<Vec<usize>, String> {
    list.split(',')
        .map(|s| {
            s.trim()
                .parse::<usize>()
                .map_err(|_| format!("{flag}: `{s}` is not a number"))
        })
        .collect()
}
