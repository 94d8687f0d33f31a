//! Every limit's setting, its default, and the range the server accepts.

use std::time::Duration;

/// A rate limit: a burst, refilled at `per_sec` requests a second (GCRA).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rate {
    /// Requests a second, sustained.
    pub per_sec: u32,
    /// Requests allowed at once after a quiet spell.
    pub burst: u32,
}

/// Every limit. [`Limits::default`] gives the documented defaults;
/// [`Limits::check`] refuses values that would switch a limit off.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Wrong codes per user, across sessions, before a lockout (default 5).
    pub max_attempts: u32,
    /// The first lockout (default 60 s); each further one in a row is twice
    /// as long, up to [`Limits::max_lockout`].
    pub lockout: Duration,
    /// The longest lockout (default 1 h).
    pub max_lockout: Duration,
    /// The wait between two texts to one method of a user (default 30 s).
    pub text_cooldown: Duration,
    /// The wait between two calls to one method of a user (default 60 s).
    pub call_cooldown: Duration,
    /// The wait between two app notifications to a user (default 30 s).
    pub push_cooldown: Duration,
    /// Texts per user in any hour (default 10).
    pub texts_per_hour: u32,
    /// Calls per user in any hour (default 5).
    pub calls_per_hour: u32,
    /// Denied notifications in a row before notifications pause (default 3).
    pub push_denials_before_pause: u32,
    /// How long notifications pause after those denials (default 30 min).
    pub push_pause: Duration,
    /// Whether every notification carries a number to match, whatever the
    /// directory says (default true).
    pub number_match_every_push: bool,
    /// Requests per client address (default 20 a second, bursts of 100).
    pub address_rate: Rate,
    /// Requests per user, for all of their sessions (default 5 a second,
    /// bursts of 50).
    pub user_rate: Rate,
    /// Sessions kept at once, live or recently ended (default 50,000).
    pub max_sessions: usize,
    /// Live sessions per user; a new one ends the oldest (default 5).
    pub max_sessions_per_user: usize,
    /// How long a retried `verify` or `poll` gets the first answer again
    /// (default 30 s).
    pub retry_window: Duration,
    /// How long a connection may take to send a request's headers
    /// (default 10 s).
    pub header_read_timeout: Duration,
    /// How long a request body may take to arrive (default 10 s).
    pub body_timeout: Duration,
    /// How long a whole request may take (default 30 s).
    pub request_timeout: Duration,
    /// Connections open at once (default 1,024); more wait to be accepted.
    pub max_connections: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_attempts: 5,
            lockout: Duration::from_secs(60),
            max_lockout: Duration::from_secs(3600),
            text_cooldown: Duration::from_secs(30),
            call_cooldown: Duration::from_secs(60),
            push_cooldown: Duration::from_secs(30),
            texts_per_hour: 10,
            calls_per_hour: 5,
            push_denials_before_pause: 3,
            push_pause: Duration::from_secs(1800),
            number_match_every_push: true,
            address_rate: Rate {
                per_sec: 20,
                burst: 100,
            },
            user_rate: Rate {
                per_sec: 5,
                burst: 50,
            },
            max_sessions: 50_000,
            max_sessions_per_user: 5,
            retry_window: Duration::from_secs(30),
            header_read_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            max_connections: 1024,
        }
    }
}

/// A whole-number setting's flag, value and accepted range.
fn within(flag: &str, value: u64, low: u64, high: u64) -> Result<(), String> {
    if (low..=high).contains(&value) {
        Ok(())
    } else {
        Err(format!("{flag} must be from {low} to {high}, not {value}"))
    }
}

impl Limits {
    /// Refuses settings that switch a limit off or make it useless (a
    /// lockout of 0, a cool-down of 0, unlimited attempts, no timeout), each
    /// named by its command-line flag.
    pub fn check(&self) -> Result<(), String> {
        let secs = |d: Duration| d.as_secs();
        within("--max-attempts", self.max_attempts.into(), 1, 10)?;
        within("--lockout-secs", secs(self.lockout), 1, 86_400)?;
        within(
            "--max-lockout-secs",
            secs(self.max_lockout),
            secs(self.lockout),
            86_400,
        )?;
        within("--resend-after-secs", secs(self.text_cooldown), 1, 3600)?;
        within("--call-cooldown-secs", secs(self.call_cooldown), 1, 3600)?;
        within("--push-cooldown-secs", secs(self.push_cooldown), 1, 3600)?;
        within("--texts-per-hour", self.texts_per_hour.into(), 1, 100)?;
        within("--calls-per-hour", self.calls_per_hour.into(), 1, 100)?;
        within(
            "--push-denials-before-pause",
            self.push_denials_before_pause.into(),
            1,
            10,
        )?;
        within("--push-pause-secs", secs(self.push_pause), 60, 86_400)?;
        within(
            "--address-rate",
            self.address_rate.per_sec.into(),
            1,
            10_000,
        )?;
        within(
            "--address-burst",
            self.address_rate.burst.into(),
            1,
            100_000,
        )?;
        within("--user-rate", self.user_rate.per_sec.into(), 1, 1000)?;
        within("--user-burst", self.user_rate.burst.into(), 1, 10_000)?;
        within("--max-sessions", self.max_sessions as u64, 1, 10_000_000)?;
        within(
            "--max-sessions-per-user",
            self.max_sessions_per_user as u64,
            1,
            100,
        )?;
        within("--retry-window-secs", secs(self.retry_window), 1, 300)?;
        within(
            "--header-read-timeout-secs",
            secs(self.header_read_timeout),
            1,
            300,
        )?;
        within("--body-timeout-secs", secs(self.body_timeout), 1, 300)?;
        within("--request-timeout-secs", secs(self.request_timeout), 1, 600)?;
        within(
            "--max-connections",
            self.max_connections as u64,
            1,
            1_000_000,
        )?;
        Ok(())
    }

    /// The lockout after `n` lockouts in a row (n ≥ 1): the first lockout,
    /// doubled for each one before it, at most [`Limits::max_lockout`].
    pub fn lockout_after(&self, n: u32) -> Duration {
        let doublings = n.saturating_sub(1).min(31);
        self.lockout
            .saturating_mul(1 << doublings)
            .min(self.max_lockout)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_pass_their_own_check() {
        assert_eq!(Limits::default().check(), Ok(()));
    }

    /// A flag and a change of the limits that its check must refuse.
    type Case = (&'static str, fn(&mut Limits));

    #[test]
    fn settings_that_switch_a_limit_off_are_refused_by_flag() {
        let cases: [Case; 8] = [
            ("--lockout-secs", |l| l.lockout = Duration::ZERO),
            ("--resend-after-secs", |l| l.text_cooldown = Duration::ZERO),
            ("--call-cooldown-secs", |l| l.call_cooldown = Duration::ZERO),
            ("--push-cooldown-secs", |l| l.push_cooldown = Duration::ZERO),
            ("--max-attempts", |l| l.max_attempts = 0),
            ("--max-attempts", |l| l.max_attempts = 1000),
            ("--max-lockout-secs", |l| {
                l.max_lockout = Duration::from_secs(30)
            }),
            ("--request-timeout-secs", |l| {
                l.request_timeout = Duration::ZERO
            }),
        ];
        for (flag, change) in cases {
            let mut limits = Limits::default();
            change(&mut limits);
            let e = limits.check().unwrap_err();
            assert!(e.starts_with(flag), "{flag}: {e}");
        }
    }

    #[test]
    fn lockouts_double_up_to_the_longest() {
        let l = Limits::default();
        let secs: Vec<u64> = (1..=8).map(|n| l.lockout_after(n).as_secs()).collect();
        assert_eq!(secs, [60, 120, 240, 480, 960, 1920, 3600, 3600]);
        assert_eq!(l.lockout_after(u32::MAX), l.max_lockout);
    }
}
