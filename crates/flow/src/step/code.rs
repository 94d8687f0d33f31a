//! Typing and submitting a code.

use twostep_protocol::VerifyRequest;

use crate::call::Call;
use crate::code_input::normalize_code;
use crate::effect::{Effect, Focus};
use crate::state::{CodeNotice, Flow, Phase};
use crate::timer::Millis;

impl Flow {
    pub(super) fn on_code_changed(&mut self, raw: &str, now: Millis, fx: &mut Vec<Effect>) {
        let auto_submit = self.config.auto_submit;
        let Phase::Code(entry) = &mut self.phase else {
            return;
        };
        if !entry.accepts_input(now) {
            return;
        }
        let input = normalize_code(raw, usize::from(entry.code_length));
        entry.code = input.digits;
        entry.notice = if input.dropped_other {
            Some(CodeNotice::DigitsOnly)
        } else {
            match entry.notice {
                // Keep what the user still needs to know while they retype.
                Some(CodeNotice::Wrong { .. } | CodeNotice::Expired) => entry.notice.clone(),
                _ => None,
            }
        };
        if auto_submit && entry.code.len() == usize::from(entry.code_length) {
            self.submit_code(now, fx);
        }
    }

    pub(super) fn submit_code(&mut self, now: Millis, fx: &mut Vec<Effect>) {
        if self.pending.is_some() {
            return;
        }
        let session_handle = self.session_handle();
        let remember_device = self.remembers_device();
        let Phase::Code(entry) = &mut self.phase else {
            return;
        };
        if !entry.accepts_input(now) {
            return;
        }
        if entry.code.len() != usize::from(entry.code_length) {
            entry.notice = Some(CodeNotice::Incomplete);
            fx.push(Effect::Focus(Focus::CodeInput));
            return;
        }
        entry.submitting = true;
        let call = Call::Verify(VerifyRequest {
            session_handle,
            method_id: entry.method_id.clone(),
            code: entry.code.clone(),
            remember_device,
        });
        self.call(call, now, fx);
    }
}
