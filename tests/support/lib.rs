//! Shared helpers of the tests: the cross-crate tests in `tests/` and the crates' own
//! integration tests (a dev-dependency; this library depends on nothing).

pub mod npm;
