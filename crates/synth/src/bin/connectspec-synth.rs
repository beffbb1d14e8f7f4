//! `cargo xtask synth-specs` runs this binary: writes N deterministic synthetic specs
//! (scale tests, benchmarks) into a directory.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser as _;

/// Write N deterministic synthetic specs into DIR.
#[derive(clap::Parser)]
#[command(name = "connectspec-synth")]
struct Args {
    /// Number of providers.
    #[arg(long)]
    count: usize,
    /// Output directory (created; synthetic specs of an earlier run are replaced).
    #[arg(long)]
    out: PathBuf,
    /// Seed; the same seed and count give byte-identical files.
    #[arg(long, default_value_t = connectspec_synth::DEFAULT_SEED)]
    seed: u64,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let files = connectspec_synth::generate(args.count, args.seed);
    if let Err(e) = connectspec_synth::write_dir(&args.out, &files) {
        eprintln!("error: cannot write synthetic specs: {e}");
        return ExitCode::FAILURE;
    }
    let bytes: usize = files.iter().map(|f| f.contents.len()).sum();
    println!(
        "wrote {} synthetic specs ({} KiB) to {} with seed {}",
        args.count,
        bytes / 1024,
        args.out.display(),
        args.seed
    );
    ExitCode::SUCCESS
}
