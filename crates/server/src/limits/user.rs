//! What the server remembers about one user across their sessions: wrong
//! codes and lockouts, the last delivery per method (cool-downs), texts and
//! calls in the last hour (caps), denied notifications (pauses), and their
//! live sessions. The [`crate::Store`] keeps one per user; every change goes
//! through [`crate::Store::update_user`], atomically.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, SystemTime};

use super::Limits;

/// An hour, the window of the per-user caps.
const HOUR: Duration = Duration::from_secs(3600);

/// A user's record.
#[derive(Clone, Debug, Default)]
pub struct UserRecord {
    /// Wrong codes since the last lockout or success.
    pub failures: u32,
    /// Lockouts in a row (each doubles the next); 0 after a success.
    pub lockouts: u32,
    /// The end of the current lockout.
    pub locked_until: Option<SystemTime>,
    /// The last delivery by each method ID, for the cool-downs.
    pub last_sent: HashMap<String, Sent>,
    /// When texts went out in the last hour, oldest first.
    pub texts: VecDeque<SystemTime>,
    /// When calls were placed in the last hour, oldest first.
    pub calls: VecDeque<SystemTime>,
    /// Notifications denied in a row.
    pub denials: u32,
    /// The end of the current pause of notifications.
    pub pushes_paused_until: Option<SystemTime>,
    /// The user's sessions (store keys) with the end of their windows,
    /// oldest first, for the per-user cap.
    pub sessions: VecDeque<(String, SystemTime)>,
    /// The last change, for dropping idle records.
    pub touched: Option<SystemTime>,
}

/// One delivery: when, and in which session (its store key).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sent {
    /// When it went out.
    pub at: SystemTime,
    /// The key of the session it went out for.
    pub session: String,
}

/// The kinds of delivery that have a cool-down.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeliveryKind {
    /// A texted code.
    Text,
    /// A phone call.
    Call,
    /// An app notification.
    Push,
}

/// A delivery asked for inside its method's cool-down.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cooling {
    /// Seconds until the method may be used again.
    pub wait: Duration,
    /// Whether the last delivery went out for the same session.
    pub same_session: bool,
}

/// A wrong code counted: attempts left, or the lockout it started.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Counted {
    /// This many wrong codes are still allowed before a lockout.
    Left(u32),
    /// The user is locked out for this long.
    LockedFor(Duration),
}

impl UserRecord {
    /// Attempts left now, or how long the current lockout still lasts.
    pub fn attempts_left(&mut self, limits: &Limits, now: SystemTime) -> Result<u32, Duration> {
        if let Some(until) = self.locked_until {
            if now < until {
                return Err(until.duration_since(now).unwrap_or_default());
            }
            self.locked_until = None;
        }
        Ok(limits.max_attempts.saturating_sub(self.failures))
    }

    /// Counts a wrong code; at the limit, starts a lockout that doubles with
    /// each one in a row.
    pub fn fail(&mut self, limits: &Limits, now: SystemTime) -> Counted {
        self.touched = Some(now);
        self.failures += 1;
        if self.failures < limits.max_attempts {
            return Counted::Left(limits.max_attempts - self.failures);
        }
        self.failures = 0;
        self.lockouts = self.lockouts.saturating_add(1);
        let length = limits.lockout_after(self.lockouts);
        self.locked_until = Some(now + length);
        Counted::LockedFor(length)
    }

    /// A verification succeeded: wrong codes and lockouts start over.
    pub fn succeed(&mut self, now: SystemTime) {
        self.touched = Some(now);
        self.failures = 0;
        self.lockouts = 0;
    }

    /// The cool-down of `method_id` (of `kind`) for a delivery in the
    /// session `session`, if it is not over.
    pub fn cooling(
        &self,
        limits: &Limits,
        kind: DeliveryKind,
        method_id: &str,
        session: &str,
        now: SystemTime,
    ) -> Option<Cooling> {
        let last = self.last_sent.get(method_id)?;
        let open_at = last.at + cooldown(limits, kind);
        let wait = open_at.duration_since(now).ok().filter(|w| !w.is_zero())?;
        Some(Cooling {
            wait,
            same_session: last.session == session,
        })
    }

    /// How long until the hourly cap of `kind` allows another delivery, if
    /// it is reached (pushes have none).
    pub fn capped(
        &mut self,
        limits: &Limits,
        kind: DeliveryKind,
        now: SystemTime,
    ) -> Option<Duration> {
        let (sent, cap) = match kind {
            DeliveryKind::Text => (&mut self.texts, limits.texts_per_hour),
            DeliveryKind::Call => (&mut self.calls, limits.calls_per_hour),
            DeliveryKind::Push => return None,
        };
        while sent.front().is_some_and(|&at| at + HOUR <= now) {
            sent.pop_front();
        }
        if sent.len() < cap as usize {
            return None;
        }
        sent.front()
            .map(|&oldest| (oldest + HOUR).duration_since(now).unwrap_or_default())
    }

    /// Records a delivery by `method_id` for `session`.
    pub fn record_sent(
        &mut self,
        kind: DeliveryKind,
        method_id: &str,
        session: &str,
        now: SystemTime,
    ) {
        self.touched = Some(now);
        self.last_sent.insert(
            method_id.to_string(),
            Sent {
                at: now,
                session: session.to_string(),
            },
        );
        match kind {
            DeliveryKind::Text => self.texts.push_back(now),
            DeliveryKind::Call => self.calls.push_back(now),
            DeliveryKind::Push => {}
        }
    }

    /// Takes back a delivery that could not be made (recorded at `at` for
    /// `method_id`): no cool-down, and it does not count against the cap.
    pub fn unrecord_sent(&mut self, kind: DeliveryKind, method_id: &str, at: SystemTime) {
        if self.last_sent.get(method_id).is_some_and(|s| s.at == at) {
            self.last_sent.remove(method_id);
        }
        let sent = match kind {
            DeliveryKind::Text => &mut self.texts,
            DeliveryKind::Call => &mut self.calls,
            DeliveryKind::Push => return,
        };
        if let Some(i) = sent.iter().rposition(|&t| t == at) {
            sent.remove(i);
        }
    }

    /// The end of the pause of notifications, if they are paused at `now`.
    pub fn pushes_paused(&self, now: SystemTime) -> Option<SystemTime> {
        self.pushes_paused_until.filter(|&until| now < until)
    }

    /// Counts a denied notification; enough in a row pause notifications.
    /// True when this denial started a pause.
    pub fn deny(&mut self, limits: &Limits, now: SystemTime) -> bool {
        self.touched = Some(now);
        self.denials += 1;
        if self.denials < limits.push_denials_before_pause {
            return false;
        }
        self.denials = 0;
        self.pushes_paused_until = Some(now + limits.push_pause);
        true
    }

    /// An approval: denials start over.
    pub fn approve(&mut self, now: SystemTime) {
        self.touched = Some(now);
        self.denials = 0;
    }

    /// Adds a session ending at `expires_at`; returns the keys of the
    /// oldest live sessions beyond `cap`, which the caller ends.
    pub fn add_session(
        &mut self,
        key: &str,
        expires_at: SystemTime,
        cap: usize,
        now: SystemTime,
    ) -> Vec<String> {
        self.touched = Some(now);
        self.sessions.retain(|(_, end)| now < *end);
        self.sessions.push_back((key.to_string(), expires_at));
        let over = self.sessions.len().saturating_sub(cap);
        self.sessions.drain(..over).map(|(k, _)| k).collect()
    }

    /// Whether nothing in the record matters any more at `now`: untouched
    /// for `idle` (longer than any lockout, pause or hour), no live session.
    pub fn is_idle(&self, now: SystemTime, idle: Duration) -> bool {
        let quiet = self.touched.is_none_or(|t| t + idle <= now);
        quiet && self.sessions.iter().all(|(_, end)| *end <= now)
    }
}

fn cooldown(limits: &Limits, kind: DeliveryKind) -> Duration {
    match kind {
        DeliveryKind::Text => limits.text_cooldown,
        DeliveryKind::Call => limits.call_cooldown,
        DeliveryKind::Push => limits.push_cooldown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::UNIX_EPOCH;

    fn at(secs: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(secs)
    }

    #[test]
    fn wrong_codes_lock_out_for_longer_each_time_until_a_success() {
        let limits = Limits::default();
        let mut u = UserRecord::default();
        for left in [4, 3, 2, 1] {
            assert_eq!(u.fail(&limits, at(0)), Counted::Left(left));
        }
        assert_eq!(
            u.fail(&limits, at(0)),
            Counted::LockedFor(Duration::from_secs(60))
        );
        assert_eq!(
            u.attempts_left(&limits, at(59)),
            Err(Duration::from_secs(1))
        );
        assert_eq!(u.attempts_left(&limits, at(60)), Ok(5));
        for _ in 0..5 {
            u.fail(&limits, at(60));
        }
        assert_eq!(
            u.attempts_left(&limits, at(60)),
            Err(Duration::from_secs(120))
        );
        u.succeed(at(200));
        for _ in 0..4 {
            u.fail(&limits, at(200));
        }
        assert_eq!(
            u.fail(&limits, at(200)),
            Counted::LockedFor(Duration::from_secs(60))
        );
    }

    #[test]
    fn cool_downs_are_per_method_and_know_the_session() {
        let limits = Limits::default();
        let mut u = UserRecord::default();
        u.record_sent(DeliveryKind::Push, "push", "s1", at(0));
        let c = u
            .cooling(&limits, DeliveryKind::Push, "push", "s2", at(10))
            .unwrap();
        assert_eq!((c.wait.as_secs(), c.same_session), (20, false));
        assert!(
            u.cooling(&limits, DeliveryKind::Push, "push", "s1", at(10))
                .unwrap()
                .same_session
        );
        assert_eq!(
            u.cooling(&limits, DeliveryKind::Push, "push", "s1", at(30)),
            None
        );
        assert_eq!(
            u.cooling(&limits, DeliveryKind::Call, "voice-1", "s1", at(10)),
            None
        );
    }

    #[test]
    fn texts_and_calls_are_capped_per_hour_and_a_failed_one_is_taken_back() {
        let limits = Limits::default();
        let mut u = UserRecord::default();
        for i in 0..10 {
            assert_eq!(u.capped(&limits, DeliveryKind::Text, at(i * 60)), None);
            u.record_sent(DeliveryKind::Text, "sms-1", "s", at(i * 60));
        }
        assert_eq!(
            u.capped(&limits, DeliveryKind::Text, at(600)),
            Some(Duration::from_secs(3000))
        );
        assert_eq!(u.capped(&limits, DeliveryKind::Text, at(3600)), None);
        assert_eq!(u.capped(&limits, DeliveryKind::Push, at(3600)), None);
        u.unrecord_sent(DeliveryKind::Text, "sms-1", at(540));
        assert!(u.last_sent.is_empty());
        // The one of second 0 left the hour at 3600; 540's was taken back.
        assert_eq!(u.texts.len(), 8);
    }

    #[test]
    fn denials_in_a_row_pause_pushes_and_an_approval_starts_over() {
        let limits = Limits::default();
        let mut u = UserRecord::default();
        assert!(!u.deny(&limits, at(0)));
        u.approve(at(1));
        assert!(!u.deny(&limits, at(2)));
        assert!(!u.deny(&limits, at(3)));
        assert!(u.deny(&limits, at(4)));
        assert_eq!(u.pushes_paused(at(5)), Some(at(1804)));
        assert_eq!(u.pushes_paused(at(1804)), None);
    }

    #[test]
    fn a_user_keeps_at_most_the_cap_of_live_sessions() {
        let mut u = UserRecord::default();
        assert!(u.add_session("a", at(100), 2, at(0)).is_empty());
        assert!(u.add_session("b", at(100), 2, at(0)).is_empty());
        assert_eq!(u.add_session("c", at(100), 2, at(0)), ["a"]);
        // Ended sessions no longer count.
        assert!(u.add_session("d", at(300), 2, at(150)).is_empty());
        assert!(!u.is_idle(at(150), Duration::from_secs(10)));
        assert!(u.is_idle(at(400), Duration::from_secs(10)));
    }
}
