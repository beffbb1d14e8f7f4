//! `cargo xtask synth-specs`: the work is in connectspec-synth.

use std::path::Path;

/// Writes `count` synthetic specs for `seed` into `out`.
pub fn run(count: usize, out: &Path, seed: u64) -> Result<(), String> {
    let files = connectspec_synth::generate(count, seed);
    connectspec_synth::write_dir(out, &files)
        .map_err(|e| format!("cannot write synthetic specs: {e}"))?;
    let bytes: usize = files.iter().map(|f| f.contents.len()).sum();
    println!(
        "wrote {count} synthetic specs ({} KiB) to {} with seed {seed}",
        bytes / 1024,
        out.display()
    );
    Ok(())
}
