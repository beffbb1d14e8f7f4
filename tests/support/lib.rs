//! Shared helpers of the tests: the cross-crate tests in `tests/` and the crates' own
//! integration tests (a dev-dependency; this library depends on nothing).

pub mod keys;
pub mod npm;

/// The catalogue the tests run over: the directory the providers crate was built from,
/// `CONNECTSPEC_SPECS` when the build had it (see `connectspec_lang::build_support`; this
/// library is rebuilt when it changes), else the workspace's `specs/`. Every test that
/// loads specs itself takes them from here, so a run over another catalogue never
/// compares two.
pub fn specs_dir() -> std::path::PathBuf {
    match option_env!("CONNECTSPEC_SPECS") {
        Some(d) => std::path::PathBuf::from(d),
        None => std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("specs"),
    }
}
