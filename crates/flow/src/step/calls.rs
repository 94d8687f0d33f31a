//! Making backend calls: each with an id, a correlation ID and a deadline.

use twostep_protocol::StartRequest;

use crate::call::{Call, RequestId};
use crate::effect::Effect;
use crate::event::SessionOrigin;
use crate::state::{Flow, Pending, Phase};
use crate::timer::{Millis, Timer};

impl Flow {
    /// The secret handle, for calls to the backend only.
    pub(super) fn session_handle(&self) -> String {
        self.session
            .as_ref()
            .map(|s| s.challenge.session_handle.clone())
            .unwrap_or_default()
    }

    /// The public reference, for the host and the details panel.
    pub(super) fn session_ref(&self) -> String {
        self.session
            .as_ref()
            .map(|s| s.challenge.session_ref.clone())
            .unwrap_or_default()
    }

    /// Loads the challenge the way `Event::Begin` said: asks the host's
    /// function for a handle (`fresh` on starting over), or starts with the
    /// host's handle, or from the user hint.
    pub(super) fn load(&mut self, fresh: bool, now: Millis, fx: &mut Vec<Effect>) {
        self.phase = Phase::Loading;
        let call = match &self.origin {
            SessionOrigin::Host => Call::Session { fresh },
            SessionOrigin::Handle(handle) => start_with(handle.clone()),
            SessionOrigin::Hint => Call::Start(StartRequest {
                session_handle: None,
                user_hint: self.user_hint.clone(),
            }),
        };
        self.call(call, now, fx);
    }

    pub(super) fn call(&mut self, call: Call, now: Millis, fx: &mut Vec<Effect>) {
        let id = RequestId(self.next_request);
        self.next_request = self.next_request.wrapping_add(1);
        let correlation_id = correlation_id(self.entropy, id.0);
        self.last_correlation_id = Some(correlation_id.clone());
        let after_ms = self.config.request_timeout_ms;
        self.pending = Some(Pending {
            id,
            call: call.clone(),
            deadline: now + after_ms,
        });
        fx.push(Effect::Call {
            id,
            call,
            correlation_id,
        });
        fx.push(Effect::Schedule {
            timer: Timer::Request,
            after_ms,
        });
    }
}

/// A UUID-shaped correlation ID for call number `n`, derived from the
/// cryptographically random `entropy` with SipHash, so IDs are unique within a
/// flow and neither guessable across flows nor invertible back to the seed.
fn correlation_id(entropy: u64, n: u32) -> String {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let derive = |part: u8| {
        let mut h = DefaultHasher::new();
        (entropy, n, part).hash(&mut h);
        h.finish()
    };
    let (a, b) = (derive(0), derive(1));
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        0x8000 | (b >> 48) & 0x3fff,
        b & 0xffff_ffff_ffff
    )
}

/// A start that resumes the session with this handle. The user hint is left
/// out: the session already names the user.
pub(super) fn start_with(handle: String) -> Call {
    Call::Start(StartRequest {
        session_handle: Some(handle),
        user_hint: None,
    })
}
