//! Sending with a method, switching methods, and trying again.

use twostep_protocol::{MethodKind, SendRequest};

use crate::call::Call;
use crate::effect::{Effect, Focus};
use crate::host_event::HostEvent;
use crate::state::{CodeEntry, Flow, Overlay, Phase, Retry};
use crate::timer::{Millis, Timer};

/// The code length assumed until the send answer gives the real one: the
/// usual six digits.
const EXPECTED_CODE_LENGTH: u8 = 6;

impl Flow {
    pub(super) fn send(
        &mut self,
        method_id: String,
        previous: Option<CodeEntry>,
        now: Millis,
        fx: &mut Vec<Effect>,
    ) {
        let resend = previous.is_some();
        fx.push(Effect::Cancel(Timer::Poll));
        let call = Call::Send(SendRequest {
            session_handle: self.session_handle(),
            method_id: method_id.clone(),
            resend,
        });
        // A method that takes a code shows its field at once, with the
        // sending state inside it, rather than a screen of its own until the
        // backend has answered: one round trip less before the field is up.
        let shown = previous.or_else(|| self.awaiting_code(&method_id));
        self.phase = Phase::Sending {
            method_id,
            resend,
            previous: shown.map(Box::new),
        };
        self.call(call, now, fx);
    }

    /// The empty code entry shown while a first code is on its way, for a
    /// method that takes a code; `None` for approvals and unknown kinds, whose
    /// screen depends on the answer.
    fn awaiting_code(&self, method_id: &str) -> Option<CodeEntry> {
        let method = self.method(method_id)?;
        matches!(
            method.kind,
            MethodKind::Sms | MethodKind::Email | MethodKind::Totp
        )
        .then(|| CodeEntry {
            method_id: method_id.to_owned(),
            target: method.target.clone(),
            code_length: EXPECTED_CODE_LENGTH,
            sent_at: None,
            resend_at: None,
            suggest_other_at: None,
            sends: 0,
            code: String::new(),
            submitting: false,
            notice: None,
        })
    }

    pub(super) fn pick(&mut self, method_id: String, now: Millis, fx: &mut Vec<Effect>) {
        if !self.is_interactive() {
            return;
        }
        let Some(method) = self.method(&method_id).cloned() else {
            return;
        };
        self.overlay = None;
        let same = match &self.phase {
            Phase::Code(c) => c.method_id == method_id,
            Phase::Approval(a) => a.method_id == method_id,
            Phase::Sending { method_id: m, .. } => *m == method_id,
            _ => false,
        };
        if same {
            fx.push(Effect::Focus(Focus::Heading));
            return;
        }
        fx.push(Effect::Emit(HostEvent::MethodChanged { method }));
        self.send(method_id, None, now, fx);
        fx.push(Effect::Focus(Focus::Heading));
    }

    pub(super) fn retry(&mut self, now: Millis, fx: &mut Vec<Effect>) {
        let Phase::Failed { retry, .. } = &self.phase else {
            return;
        };
        match retry.clone() {
            Retry::Start { fresh } => self.load(fresh, now, fx),
            Retry::Send { method_id } => self.send(method_id, None, now, fx),
            Retry::Paused { .. } => {
                let (overlay, focus) = if self.has_other_methods() {
                    (Overlay::Picker, Focus::Picker)
                } else {
                    (Overlay::Recovery, Focus::Heading)
                };
                self.overlay = Some(overlay);
                fx.push(Effect::Focus(focus));
                return;
            }
            Retry::Resume(phase) => {
                self.phase = *phase;
                match &self.phase {
                    Phase::Approval(_) => fx.push(Effect::Schedule {
                        timer: Timer::Poll,
                        after_ms: 0,
                    }),
                    Phase::Code(_) => fx.push(Effect::Focus(Focus::CodeInput)),
                    _ => {}
                }
            }
        }
        fx.push(Effect::Focus(Focus::Heading));
    }
}
