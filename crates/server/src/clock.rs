//! Where the server gets the time from, so that tests can move it by hand.

use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A source of the current time.
pub trait Clock: Send + Sync {
    /// The current time.
    fn now(&self) -> SystemTime;
}

/// The operating system's clock.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }
}

/// A clock that stands still until moved with [`ManualClock::advance`].
#[derive(Debug)]
pub struct ManualClock {
    now: Mutex<SystemTime>,
}

impl ManualClock {
    /// A clock showing `now`.
    pub fn new(now: SystemTime) -> Self {
        ManualClock {
            now: Mutex::new(now),
        }
    }

    /// A clock showing `secs` seconds after the Unix epoch.
    pub fn at_unix(secs: u64) -> Self {
        ManualClock::new(UNIX_EPOCH + Duration::from_secs(secs))
    }

    /// Moves the clock forward by `by`.
    pub fn advance(&self, by: Duration) {
        let mut now = self.now.lock().unwrap_or_else(|e| e.into_inner());
        *now += by;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> SystemTime {
        *self.now.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Whole seconds since the Unix epoch (0 for times before it).
pub fn unix_secs(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// `t` as RFC 3339 in UTC, whole seconds, with a `Z` (`2026-11-28T19:42:05Z`).
pub fn rfc3339(t: SystemTime) -> String {
    twostep_protocol::rfc3339(i64::try_from(unix_secs(t)).unwrap_or(i64::MAX))
}

/// Seconds from `now` until `until`, rounded up, so that a wait is never
/// announced shorter than it is; 0 once `until` has passed.
pub fn secs_until(now: SystemTime, until: SystemTime) -> u32 {
    match until.duration_since(now) {
        Ok(d) => {
            let secs = d.as_secs() + u64::from(d.subsec_nanos() > 0);
            u32::try_from(secs).unwrap_or(u32::MAX)
        }
        Err(_) => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_drop_fractions_of_a_second() {
        let t = UNIX_EPOCH + Duration::from_millis(1_795_894_925_500);
        assert_eq!(rfc3339(t), "2026-11-28T19:42:05Z");
        assert_eq!(rfc3339(UNIX_EPOCH), "1970-01-01T00:00:00Z");
    }

    #[test]
    fn a_manual_clock_moves_only_when_told() {
        let clock = ManualClock::at_unix(1_000);
        assert_eq!(unix_secs(clock.now()), 1_000);
        clock.advance(Duration::from_secs(5));
        assert_eq!(unix_secs(clock.now()), 1_005);
    }

    #[test]
    fn waits_round_up_and_stop_at_zero() {
        let now = UNIX_EPOCH + Duration::from_secs(100);
        assert_eq!(secs_until(now, now + Duration::from_millis(1)), 1);
        assert_eq!(secs_until(now, now + Duration::from_secs(30)), 30);
        assert_eq!(secs_until(now, now), 0);
        assert_eq!(secs_until(now + Duration::from_secs(1), now), 0);
    }
}
