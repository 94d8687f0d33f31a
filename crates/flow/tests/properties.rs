//! Random event sequences: the flow never panics, never gets stuck, and always
//! times out once the window has passed.

mod support;

use proptest::prelude::*;
use support::*;
use twostep_flow::*;
use twostep_protocol::*;

/// A test-side action; answers are built for whatever call is in flight.
#[derive(Clone, Debug)]
enum Action {
    Begin,
    Answer(u8),
    AnswerStale(u8),
    Fire(Timer),
    Type(String),
    Submit,
    Resend,
    OpenPicker,
    Pick(u8),
    ClosePicker,
    OpenRecovery,
    CloseRecovery,
    Retry,
    Restart,
    Remember(bool),
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        1 => Just(Action::Begin),
        4 => any::<u8>().prop_map(Action::Answer),
        1 => any::<u8>().prop_map(Action::AnswerStale),
        1 => prop_oneof![Just(Timer::Window), Just(Timer::Request), Just(Timer::Poll)]
            .prop_map(Action::Fire),
        1 => "[0-9 a-z-]{0,10}".prop_map(Action::Type),
        1 => Just(Action::Submit),
        1 => Just(Action::Resend),
        1 => Just(Action::OpenPicker),
        1 => any::<u8>().prop_map(Action::Pick),
        1 => Just(Action::ClosePicker),
        1 => Just(Action::OpenRecovery),
        1 => Just(Action::CloseRecovery),
        1 => Just(Action::Retry),
        1 => Just(Action::Restart),
        1 => any::<bool>().prop_map(Action::Remember),
    ]
}

const ERRORS: [ErrorCode; 11] = [
    ErrorCode::Expired,
    ErrorCode::InvalidCode,
    ErrorCode::TooManyAttempts,
    ErrorCode::RateLimited,
    ErrorCode::SessionExpired,
    ErrorCode::MethodUnavailable,
    ErrorCode::Internal,
    ErrorCode::Network,
    ErrorCode::Timeout,
    ErrorCode::BadResponse,
    ErrorCode::Unknown,
];

/// Builds an answer to `call`; `choice` picks success, failure, or nonsense.
fn answer(call: &Call, choice: u8) -> Result<Reply, ApiError> {
    if choice.is_multiple_of(4) {
        let mut e = err(ERRORS[usize::from(choice / 4) % ERRORS.len()]);
        e.attempts_left = Some(u32::from(choice % 3));
        e.retry_after_secs = Some(u32::from(choice % 50));
        return Err(e);
    }
    if choice % 17 == 1 {
        // The wrong kind of answer.
        return Ok(Reply::Verified(VerifyResponse {
            assertion: String::new(),
        }));
    }
    Ok(match call {
        Call::Start(_) => {
            let mut c = challenge();
            c.methods.truncate(1 + usize::from(choice) % 5);
            c.expires_in_secs = 1 + u32::from(choice) * 3;
            c.remember_device_days = [None, Some(0), Some(30)][usize::from(choice) % 3];
            Reply::Started(c)
        }
        Call::Send(r) => {
            let delivery = if choice.is_multiple_of(2) {
                Delivery::Approval {
                    target: None,
                    poll_interval_ms: u32::from(choice) * 40,
                    number_to_match: choice.is_multiple_of(3).then(|| "42".into()),
                }
            } else {
                Delivery::Code {
                    target: Some("••12".into()),
                    code_length: choice % 9,
                    resend_after_secs: Some(u32::from(choice % 40)),
                    suggest_other_after_secs: None,
                }
            };
            Reply::Sent(SendResponse {
                method_id: r.method_id.clone(),
                delivery,
            })
        }
        Call::Verify(_) => Reply::Verified(VerifyResponse {
            assertion: "proof".into(),
        }),
        Call::Poll(_) => Reply::Polled(PollResponse {
            status: [
                PollStatus::Pending,
                PollStatus::Approved,
                PollStatus::Denied,
                PollStatus::Expired,
            ][usize::from(choice) % 4],
            assertion: (!choice.is_multiple_of(5)).then(|| "proof".into()),
        }),
    })
}

struct Run {
    h: Harness,
    calls: Vec<(RequestId, Call)>,
}

impl Run {
    fn new() -> Self {
        Run {
            h: Harness::new(),
            calls: Vec::new(),
        }
    }

    fn event_for(&self, a: &Action) -> Option<Event> {
        let methods = ["sms-1", "sms-2", "voice-1", "push", "totp", "zzz"];
        Some(match a {
            Action::Begin => Event::Begin {
                session_id: None,
                user_hint: None,
                entropy: 7,
            },
            Action::Answer(c) => {
                let (id, call) = self.calls.last()?;
                Event::Response {
                    id: *id,
                    result: answer(call, *c),
                }
            }
            Action::AnswerStale(c) => {
                let n = self.calls.len();
                if n < 2 {
                    return None;
                }
                let (id, call) = &self.calls[usize::from(*c) % (n - 1)];
                Event::Response {
                    id: *id,
                    result: answer(call, *c),
                }
            }
            Action::Fire(t) => Event::TimerFired(*t),
            Action::Type(s) => Event::CodeChanged(s.clone()),
            Action::Submit => Event::SubmitCode,
            Action::Resend => Event::Resend,
            Action::OpenPicker => Event::OpenPicker,
            Action::Pick(i) => Event::PickMethod(methods[usize::from(*i) % methods.len()].into()),
            Action::ClosePicker => Event::ClosePicker,
            Action::OpenRecovery => Event::OpenRecovery,
            Action::CloseRecovery => Event::CloseRecovery,
            Action::Retry => Event::Retry,
            Action::Restart => Event::Restart,
            Action::Remember(on) => Event::RememberDevice(*on),
        })
    }

    fn apply(&mut self, event: Event) {
        let was_verified = matches!(self.h.flow.phase, Phase::Verified { .. });
        self.h.on(event);
        for e in &self.h.fx {
            if let Effect::Call { id, call, .. } = e {
                assert!(!was_verified, "a call after verification: {call:?}");
                let remember = match call {
                    Call::Verify(r) => r.remember_device,
                    Call::Poll(r) => r.remember_device,
                    _ => false,
                };
                assert!(
                    !remember || self.h.flow.remember_offer() == Some((30, true)),
                    "remember_device sent without a ticked offer: {call:?}"
                );
                self.calls.push((*id, call.clone()));
            }
        }
        self.check_invariants();
    }

    fn check_invariants(&self) {
        let flow = &self.h.flow;
        assert!(flow.has_way_forward(), "stuck: {flow:?}");
        if let Phase::Code(c) = &flow.phase {
            assert!(c.code.len() <= usize::from(c.code_length));
            assert!(c.code.chars().all(|d| d.is_ascii_digit()));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn random_sequences_never_panic_or_get_stuck(
        steps in prop::collection::vec((0u64..40_000, action()), 1..60)
    ) {
        let mut run = Run::new();
        run.apply(Event::Begin { session_id: None, user_hint: None, entropy: 7 });
        for (dt, a) in &steps {
            run.h.advance(*dt);
            if let Some(event) = run.event_for(a) {
                run.apply(event);
            }
        }
    }

    #[test]
    fn once_the_window_has_passed_the_flow_is_timed_out(
        steps in prop::collection::vec((0u64..20_000, action()), 1..40),
        last in action(),
        late in 0u64..100_000,
    ) {
        let mut run = Run::new();
        run.apply(Event::Begin { session_id: None, user_hint: None, entropy: 7 });
        for (dt, a) in &steps {
            run.h.advance(*dt);
            if let Some(event) = run.event_for(a) {
                run.apply(event);
            }
        }
        let Some(session) = run.h.flow.session.clone() else { return Ok(()) };
        if matches!(last, Action::Restart) { return Ok(()) }
        run.h.now = run.h.now.max(session.expires_at) + late;
        let event = run.event_for(&last).unwrap_or(Event::TimerFired(Timer::Window));
        run.apply(event);
        prop_assert!(
            matches!(run.h.flow.phase, Phase::TimedOut(_) | Phase::Verified { .. }),
            "not timed out: {:?}", run.h.flow.phase
        );
    }
}
