//! The request deadline and the approval poll going off.

use twostep_protocol::{ApiError, ErrorCode, PollRequest};

use crate::call::Call;
use crate::effect::Effect;
use crate::state::{Flow, Phase};
use crate::timer::{Millis, Timer};

impl Flow {
    pub(super) fn on_timer(&mut self, timer: Timer, now: Millis, fx: &mut Vec<Effect>) {
        match timer {
            // Expiry itself is handled before every event.
            Timer::Window => {}
            Timer::Request => {
                let Some(p) = &self.pending else { return };
                if now < p.deadline {
                    return;
                }
                let err = ApiError::new(ErrorCode::Timeout, String::new());
                let id = p.id;
                self.on_response(id, Err(err), now, fx);
            }
            Timer::Poll => {
                if self.pending.is_some() {
                    return;
                }
                if let Phase::Approval(a) = &self.phase {
                    let call = Call::Poll(PollRequest {
                        session_handle: self.session_handle(),
                        method_id: a.method_id.clone(),
                        remember_device: self.remembers_device(),
                    });
                    self.call(call, now, fx);
                }
            }
        }
    }
}
