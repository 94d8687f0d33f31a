//! The limits' flags.

use std::time::Duration;

use clap::Args;

use super::NumberMatching;
use crate::limits::{Limits, Rate};

/// The limits' flags (see [`Limits`] for what each does). Values that
/// switch a limit off are refused by [`Limits::check`].
#[derive(Debug, Args)]
pub struct LimitArgs {
    /// Wrong codes per user, across sessions, before a lockout (1 to 10).
    #[arg(long, env = "TWOSTEP_MAX_ATTEMPTS", default_value_t = 5)]
    pub max_attempts: u32,
    /// The first lockout; each one after it in a row doubles, up to --max-lockout-secs.
    #[arg(long, env = "TWOSTEP_LOCKOUT_SECS", default_value_t = 60)]
    pub lockout_secs: u64,
    /// The longest lockout.
    #[arg(long, env = "TWOSTEP_MAX_LOCKOUT_SECS", default_value_t = 3600)]
    pub max_lockout_secs: u64,
    /// Cool-down between texts to one method of a user.
    #[arg(long, env = "TWOSTEP_RESEND_AFTER_SECS", default_value_t = 30)]
    pub resend_after_secs: u64,
    /// Cool-down between calls to one method of a user.
    #[arg(long, env = "TWOSTEP_CALL_COOLDOWN_SECS", default_value_t = 60)]
    pub call_cooldown_secs: u64,
    /// Cool-down between app notifications to a user.
    #[arg(long, env = "TWOSTEP_PUSH_COOLDOWN_SECS", default_value_t = 30)]
    pub push_cooldown_secs: u64,
    /// Texts per user in any hour.
    #[arg(long, env = "TWOSTEP_TEXTS_PER_HOUR", default_value_t = 10)]
    pub texts_per_hour: u32,
    /// Calls per user in any hour.
    #[arg(long, env = "TWOSTEP_CALLS_PER_HOUR", default_value_t = 5)]
    pub calls_per_hour: u32,
    /// Denied notifications in a row before notifications pause for the user.
    #[arg(long, env = "TWOSTEP_PUSH_DENIALS_BEFORE_PAUSE", default_value_t = 3)]
    pub push_denials_before_pause: u32,
    /// How long notifications pause after those denials.
    #[arg(long, env = "TWOSTEP_PUSH_PAUSE_SECS", default_value_t = 1800)]
    pub push_pause_secs: u64,
    /// Which notifications carry a number to match.
    #[arg(long, env = "TWOSTEP_PUSH_NUMBER_MATCHING", value_enum, default_value_t = NumberMatching::Always)]
    pub push_number_matching: NumberMatching,
    /// Requests a second per client address, sustained.
    #[arg(long, env = "TWOSTEP_ADDRESS_RATE", default_value_t = 20)]
    pub address_rate: u32,
    /// Requests at once per client address after a quiet spell.
    #[arg(long, env = "TWOSTEP_ADDRESS_BURST", default_value_t = 100)]
    pub address_burst: u32,
    /// Requests a second per user, sustained (all their sessions).
    #[arg(long, env = "TWOSTEP_USER_RATE", default_value_t = 5)]
    pub user_rate: u32,
    /// Requests at once per user after a quiet spell.
    #[arg(long, env = "TWOSTEP_USER_BURST", default_value_t = 50)]
    pub user_burst: u32,
    /// Sessions kept at once, live or recently ended; more are refused (rate_limited).
    #[arg(long, env = "TWOSTEP_MAX_SESSIONS", default_value_t = 50_000)]
    pub max_sessions: usize,
    /// Live sessions per user; a new one ends the oldest.
    #[arg(long, env = "TWOSTEP_MAX_SESSIONS_PER_USER", default_value_t = 5)]
    pub max_sessions_per_user: usize,
    /// How long a retried verify or poll gets the first answer again.
    #[arg(long, env = "TWOSTEP_RETRY_WINDOW_SECS", default_value_t = 30)]
    pub retry_window_secs: u64,
    /// How long a connection may take to send a request's headers.
    #[arg(long, env = "TWOSTEP_HEADER_READ_TIMEOUT_SECS", default_value_t = 10)]
    pub header_read_timeout_secs: u64,
    /// How long a request body may stall.
    #[arg(long, env = "TWOSTEP_BODY_TIMEOUT_SECS", default_value_t = 10)]
    pub body_timeout_secs: u64,
    /// How long a whole request may take.
    #[arg(long, env = "TWOSTEP_REQUEST_TIMEOUT_SECS", default_value_t = 30)]
    pub request_timeout_secs: u64,
    /// Connections open at once; more wait to be accepted.
    #[arg(long, env = "TWOSTEP_MAX_CONNECTIONS", default_value_t = 1024)]
    pub max_connections: usize,
}

impl LimitArgs {
    /// The limits, checked.
    pub fn limits(&self) -> Result<Limits, String> {
        let s = Duration::from_secs;
        let limits = Limits {
            max_attempts: self.max_attempts,
            lockout: s(self.lockout_secs),
            max_lockout: s(self.max_lockout_secs),
            text_cooldown: s(self.resend_after_secs),
            call_cooldown: s(self.call_cooldown_secs),
            push_cooldown: s(self.push_cooldown_secs),
            texts_per_hour: self.texts_per_hour,
            calls_per_hour: self.calls_per_hour,
            push_denials_before_pause: self.push_denials_before_pause,
            push_pause: s(self.push_pause_secs),
            number_match_every_push: self.push_number_matching == NumberMatching::Always,
            address_rate: Rate {
                per_sec: self.address_rate,
                burst: self.address_burst,
            },
            user_rate: Rate {
                per_sec: self.user_rate,
                burst: self.user_burst,
            },
            max_sessions: self.max_sessions,
            max_sessions_per_user: self.max_sessions_per_user,
            retry_window: s(self.retry_window_secs),
            header_read_timeout: s(self.header_read_timeout_secs),
            body_timeout: s(self.body_timeout_secs),
            request_timeout: s(self.request_timeout_secs),
            max_connections: self.max_connections,
        };
        limits.check()?;
        Ok(limits)
    }
}
