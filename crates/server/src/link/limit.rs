//! The per-session limit on connection tests: a link session is a browser's licence to
//! test credentials, and without a limit it would be an oracle for checking stolen keys.
//! Counted per instance (`governor`, GCRA), keyed by the session's id.

use std::num::NonZeroU32;
use std::sync::atomic::{AtomicUsize, Ordering};

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

/// Connection tests one session may run a minute.
pub const TESTS_PER_MINUTE: u32 = 10;

/// Keys kept before the limiter first forgets sessions whose allowance is full again.
const RETAIN_AFTER: usize = 10_000;

/// The limiter.
#[derive(Debug)]
pub struct TestLimiter {
    limiter: DefaultKeyedRateLimiter<String>,
    /// The size at which the next sweep runs: twice what the last one kept (at least
    /// [`RETAIN_AFTER`]), so sweeping stays amortised however many sessions are live.
    next_sweep: AtomicUsize,
}

impl Default for TestLimiter {
    fn default() -> Self {
        let per_minute = NonZeroU32::new(TESTS_PER_MINUTE).expect("non-zero");
        TestLimiter {
            limiter: RateLimiter::keyed(Quota::per_minute(per_minute)),
            next_sweep: AtomicUsize::new(RETAIN_AFTER),
        }
    }
}

impl TestLimiter {
    /// Whether the session `sid` may run another test now.
    pub fn allow(&self, sid: &str) -> bool {
        if self.limiter.len() > self.next_sweep.load(Ordering::Relaxed) {
            self.limiter.retain_recent();
            let kept = self.limiter.len();
            self.next_sweep
                .store((kept * 2).max(RETAIN_AFTER), Ordering::Relaxed);
        }
        self.limiter.check_key(&sid.to_owned()).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_session_has_its_own_allowance() {
        let l = TestLimiter::default();
        for _ in 0..TESTS_PER_MINUTE {
            assert!(l.allow("a"));
        }
        assert!(!l.allow("a"), "the eleventh test in a minute is refused");
        assert!(l.allow("b"), "another session is not affected");
    }
}
