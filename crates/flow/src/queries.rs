//! What the screens, the driver and the tests read from the flow's state.

use twostep_protocol::{ApiError, ErrorCode, Method, MethodKind};

use crate::failure::{FailureDetails, kind_of};
use crate::reminder::Reminder;
use crate::state::{Flow, Phase, Retry};
use crate::timer::Millis;

/// The seconds left in the window at which it is announced, longest first.
pub const WINDOW_MARKS: [u32; 3] = [120, 60, 30];

impl Flow {
    /// The "don't ask again on this device" offer, when there is one: the
    /// number of days the backend offers and whether the user ticked it.
    /// `None` before a challenge is loaded, when the challenge offers nothing
    /// (or 0 days), and when [`FlowConfig::offer_remember_device`] is off.
    pub fn remember_offer(&self) -> Option<(u32, bool)> {
        if !self.config.offer_remember_device {
            return None;
        }
        let days = self.session.as_ref()?.challenge.remember_device_days?;
        (days > 0).then_some((days, self.remember_device))
    }

    /// What verify and poll calls send as `remember_device` now: true only
    /// when the offer stands and the user ticked it.
    pub(crate) fn remembers_device(&self) -> bool {
        self.remember_offer().is_some_and(|(_, ticked)| ticked)
    }

    /// The method with this id in the loaded challenge.
    pub fn method(&self, id: &str) -> Option<&Method> {
        self.session.as_ref()?.challenge.method(id)
    }

    /// The method the current screen is about.
    pub fn current_method(&self) -> Option<&Method> {
        let id = match &self.phase {
            Phase::Sending { method_id, .. } => method_id,
            Phase::Code(c) => &c.method_id,
            Phase::Approval(a) => &a.method_id,
            Phase::Failed {
                retry: Retry::Send { method_id } | Retry::Paused { method_id, .. },
                ..
            } => method_id,
            _ => return None,
        };
        self.method(id)
    }

    /// The kind of the current method; [`MethodKind::Other`] when the
    /// screen is about no method.
    pub fn current_kind(&self) -> MethodKind {
        kind_of(self.current_method())
    }

    /// The user: as the backend named them once a challenge is loaded, else
    /// as the host's hint did.
    pub fn user(&self) -> Option<&str> {
        match &self.session {
            Some(s) => Some(&s.challenge.user),
            None => self.user_hint.as_deref(),
        }
    }

    /// What support needs when nothing has failed, for the details that the
    /// help section offers at any time: the user, the verification's public
    /// reference, the latest call's correlation ID and the method in use, at
    /// `now`. There is no error: its `code` is [`ErrorCode::Unknown`] and its
    /// message is empty. `None` on a failure's screen, which has its own.
    pub fn support_snapshot(&self, now: Millis) -> Option<FailureDetails> {
        if matches!(self.phase, Phase::Failed { .. } | Phase::TimedOut(_)) {
            return None;
        }
        let method_id = self.current_method().map(|m| m.id.as_str());
        Some(self.failure(ApiError::new(ErrorCode::Unknown, ""), method_id, now))
    }

    /// True while a backend call is in flight.
    pub fn is_busy(&self) -> bool {
        self.pending.is_some()
    }

    /// Milliseconds left in the verification window, if a challenge is loaded.
    pub fn window_left_ms(&self, now: Millis) -> Option<u64> {
        match self.phase {
            Phase::Verified { .. } | Phase::TimedOut(_) => None,
            _ => self
                .session
                .as_ref()
                .map(|s| s.expires_at.saturating_sub(now)),
        }
    }

    /// Once verified, what to remind the user of: the article's advice to
    /// update their settings after using another option, or to add a second
    /// option when they have one. `None` before then.
    pub fn reminder(&self) -> Option<Reminder> {
        matches!(self.phase, Phase::Verified { .. })
            .then_some(self.reminder)
            .flatten()
    }

    /// The last threshold of the verification window that has been crossed
    /// (120, 60 or 30 seconds left), for a screen reader to announce once
    /// each, never every second; `None` before the first or with no window.
    pub fn window_mark(&self, now: Millis) -> Option<u32> {
        let left = self.window_left_ms(now)?;
        WINDOW_MARKS
            .into_iter()
            .rev()
            .find(|secs| left <= u64::from(*secs) * 1000)
    }

    /// True when the user may ask for a new code now.
    pub fn can_resend(&self, now: Millis) -> bool {
        match &self.phase {
            Phase::Code(c) => {
                !c.submitting
                    && self.pending.is_none()
                    && c.resend_at.is_some_and(|t| now >= t)
                    && !c.is_locked(now)
            }
            _ => false,
        }
    }

    /// True when the flow should suggest another option: nothing arrived,
    /// the request was denied, or the method is paused.
    pub fn suggests_other(&self, now: Millis) -> bool {
        match &self.phase {
            Phase::Code(c) => c.suggest_other_at.is_some_and(|t| now >= t),
            Phase::Approval(a) => now >= a.sent_at + self.config.suggest_other_after_ms,
            Phase::Failed { failure, retry } => {
                failure.code == ErrorCode::Denied || matches!(retry, Retry::Paused { .. })
            }
            _ => false,
        }
    }

    /// When the method the failure is about may be used again, if the
    /// backend paused it (see [`Retry::Paused`]).
    pub fn paused_until(&self) -> Option<Millis> {
        match self.phase {
            Phase::Failed {
                retry: Retry::Paused { until, .. },
                ..
            } => Some(until),
            _ => None,
        }
    }

    /// Whether the challenge lists a method of `kind`; `None` until there is
    /// a challenge.
    pub fn has_kind(&self, kind: MethodKind) -> Option<bool> {
        self.session
            .as_ref()
            .map(|s| s.challenge.methods.iter().any(|m| m.kind == kind))
    }

    /// True when the user has at least one other method to switch to.
    pub fn has_other_methods(&self) -> bool {
        self.session
            .as_ref()
            .is_some_and(|s| s.challenge.methods.len() > 1)
    }

    /// True when the user can move on from here: act, or wait for something that
    /// is sure to happen (an answer under a deadline, or a scheduled poll).
    pub fn has_way_forward(&self) -> bool {
        match &self.phase {
            Phase::Verified { .. } | Phase::TimedOut(_) | Phase::Failed { .. } => true,
            Phase::Loading | Phase::Sending { .. } => self.pending.is_some(),
            Phase::Code(c) => !c.submitting || self.pending.is_some(),
            Phase::Approval(_) => true,
        }
    }
}
