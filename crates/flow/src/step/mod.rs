//! The transition function: state + event + now -> new state + effects.
//!
//! One file per concern, the way quinn-proto splits its connection: events
//! are routed here, then handled in `code` (typing and submitting),
//! `methods` (sending, picking, retrying), `timers`, `answers` and `errors`
//! (what the backend said), with the calls made in `calls` and the end
//! screens entered in `enter`.

mod answers;
mod calls;
mod code;
mod enter;
mod errors;
mod methods;
mod timers;

use crate::effect::{Effect, Focus};
use crate::event::{Event, SessionOrigin};
use crate::state::{Flow, Overlay, Phase};
use crate::timer::{Millis, Timer};

impl Flow {
    /// Handles one event at time `now`, returning the next state and the effects
    /// the driver must carry out, in order.
    pub fn step(mut self, event: Event, now: Millis) -> (Flow, Vec<Effect>) {
        let mut fx = Vec::new();
        self.expire_if_due(now, &mut fx);
        self.handle(event, now, &mut fx);
        (self, fx)
    }

    fn handle(&mut self, event: Event, now: Millis, fx: &mut Vec<Effect>) {
        match event {
            Event::Begin {
                session,
                user_hint,
                entropy,
            } => {
                if matches!(self.phase, Phase::Loading) && self.pending.is_none() {
                    self.entropy = entropy;
                    self.origin = session;
                    self.user_hint = user_hint;
                    self.load(false, now, fx);
                }
            }
            Event::Response { id, result } => self.on_response(id, result, now, fx),
            Event::TimerFired(timer) => self.on_timer(timer, now, fx),
            Event::CodeChanged(raw) => self.on_code_changed(&raw, now, fx),
            Event::SubmitCode => self.submit_code(now, fx),
            Event::Resend => {
                if self.can_resend(now)
                    && let Phase::Code(entry) = &self.phase
                {
                    let entry = entry.clone();
                    self.send(entry.method_id.clone(), Some(entry), now, fx);
                }
            }
            Event::OpenPicker => {
                if self.session.is_some() && self.is_interactive() {
                    self.overlay = Some(Overlay::Picker);
                    fx.push(Effect::Focus(Focus::Picker));
                }
            }
            Event::ClosePicker | Event::CloseRecovery => {
                if self.overlay.take().is_some() {
                    fx.push(Effect::Focus(Focus::Opener));
                }
            }
            Event::OpenRecovery => {
                if self.is_interactive() || matches!(self.phase, Phase::TimedOut(_)) {
                    self.overlay = Some(Overlay::Recovery);
                    fx.push(Effect::Focus(Focus::Heading));
                }
            }
            Event::PickMethod(method_id) => self.pick(method_id, now, fx),
            Event::RememberDevice(ticked) => {
                if self.remember_offer().is_some() {
                    self.remember_device = ticked;
                }
            }
            Event::Retry => self.retry(now, fx),
            Event::Restart => {
                if !matches!(self.phase, Phase::TimedOut(_) | Phase::Failed { .. }) {
                    return;
                }
                if let SessionOrigin::Handle(_) = self.origin {
                    // Only the host's server can start another session.
                    fx.push(Effect::Reload);
                    return;
                }
                self.session = None;
                self.overlay = None;
                fx.push(Effect::Cancel(Timer::Window));
                self.load(true, now, fx);
                fx.push(Effect::Focus(Focus::Heading));
            }
        }
    }

    /// True on screens where the user can pick another option.
    pub(super) fn is_interactive(&self) -> bool {
        matches!(
            self.phase,
            Phase::Sending { .. } | Phase::Code(_) | Phase::Approval(_) | Phase::Failed { .. }
        ) && self.session.is_some()
    }
}
