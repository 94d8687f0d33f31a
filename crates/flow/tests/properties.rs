//! Random event sequences: the flow never panics, never gets stuck, always
//! times out once the window has passed, and never lets the secret session
//! handle reach the host page or the details panel.

mod support;

use proptest::prelude::*;
use support::*;
use twostep_flow::*;
use twostep_protocol::*;

/// The secret handle every session in these runs has: it must show up in no
/// host event and no failure record.
const SECRET: &str = "sh_SENTINEL-never-shown-3f9a";

/// The three places a session can come from.
fn origin() -> impl Strategy<Value = SessionOrigin> {
    prop_oneof![
        Just(SessionOrigin::Hint),
        Just(SessionOrigin::Handle(SECRET.into())),
        Just(SessionOrigin::Host),
    ]
}

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
fn answer(call: &Call, choice: u8) -> Result<Answer, ApiError> {
    if choice.is_multiple_of(4) {
        let mut e = err(ERRORS[usize::from(choice / 4) % ERRORS.len()]);
        e.attempts_left = Some(u32::from(choice % 3));
        e.retry_after_secs = Some(u32::from(choice % 50));
        e.session_ref = choice.is_multiple_of(3).then(|| "TS-SERVER".into());
        return Err(e);
    }
    if choice % 17 == 1 {
        // The wrong kind of answer.
        return Ok(Answer::Verified(VerifyResponse {
            assertion: String::new(),
        }));
    }
    Ok(match call {
        Call::Session { .. } => Answer::Session(if choice % 11 == 2 {
            String::new()
        } else {
            SECRET.into()
        }),
        Call::Start(_) => {
            let mut c = challenge();
            c.session_handle = SECRET.into();
            c.methods.truncate(1 + usize::from(choice) % 5);
            c.expires_in_secs = 1 + u32::from(choice) * 3;
            c.remember_device_days = [None, Some(0), Some(30)][usize::from(choice) % 3];
            Answer::Started(c)
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
            Answer::Sent(SendResponse {
                method_id: r.method_id.clone(),
                delivery,
            })
        }
        Call::Verify(_) => Answer::Verified(VerifyResponse {
            assertion: "proof".into(),
        }),
        Call::Poll(_) => Answer::Polled(PollResponse {
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
    origin: SessionOrigin,
    calls: Vec<(RequestId, Call)>,
}

impl Run {
    /// A run whose sessions come from `origin`, begun.
    fn begin(origin: SessionOrigin) -> Self {
        let mut run = Run {
            h: Harness::new(),
            origin,
            calls: Vec::new(),
        };
        run.apply(run.begin_event());
        run
    }

    fn begin_event(&self) -> Event {
        Event::Begin {
            session: self.origin.clone(),
            user_hint: Some(HINT.into()),
            entropy: 7,
        }
    }

    fn event_for(&self, a: &Action) -> Option<Event> {
        let methods = ["sms-1", "sms-2", "voice-1", "push", "totp", "zzz"];
        Some(match a {
            Action::Begin => self.begin_event(),
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
                self.check_session_call(call);
                self.calls.push((*id, call.clone()));
            }
            if let Effect::Emit(event) = e {
                let shown = format!("{event:?}");
                assert!(!shown.contains(SECRET), "the handle in {shown}");
            }
            if *e == Effect::Reload {
                assert!(
                    matches!(self.origin, SessionOrigin::Handle(_)),
                    "a reload without a fixed handle"
                );
            }
        }
        self.check_invariants();
    }

    /// Each origin gets its session its own way; the hint goes only into a
    /// start without a handle.
    fn check_session_call(&self, call: &Call) {
        match (call, &self.origin) {
            (Call::Session { .. }, SessionOrigin::Host) => {}
            (Call::Session { .. }, other) => panic!("asked the host for a session with {other:?}"),
            (Call::Start(r), SessionOrigin::Hint) => {
                assert_eq!(r.session_handle, None);
                assert_eq!(r.user_hint.as_deref(), Some(HINT));
            }
            (Call::Start(r), _) => {
                assert_eq!(r.session_handle.as_deref(), Some(SECRET));
                assert_eq!(r.user_hint, None);
            }
            _ => {}
        }
    }

    fn check_invariants(&self) {
        let flow = &self.h.flow;
        assert!(flow.has_way_forward(), "stuck: {flow:?}");
        if let Phase::Failed { failure, .. } | Phase::TimedOut(failure) = &flow.phase {
            let shown = format!("{failure:?}");
            assert!(!shown.contains(SECRET), "the handle in {shown}");
        }
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
        origin in origin(),
        steps in prop::collection::vec((0u64..40_000, action()), 1..60)
    ) {
        let mut run = Run::begin(origin);
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
        origin in origin(),
    ) {
        let mut run = Run::begin(origin);
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

    /// Every step of `Run::apply` checks the events and the failure record;
    /// this runs long sequences where the host or a fixed handle gives the
    /// session, answering with the secret handle wherever one is asked for.
    #[test]
    fn the_session_handle_never_reaches_the_host_or_the_details(
        host in any::<bool>(),
        steps in prop::collection::vec((0u64..30_000, action()), 1..120)
    ) {
        let origin = if host { SessionOrigin::Host } else { SessionOrigin::Handle(SECRET.into()) };
        let mut run = Run::begin(origin);
        for (dt, a) in &steps {
            run.h.advance(*dt);
            if let Some(event) = run.event_for(a) {
                run.apply(event);
            }
        }
    }
}
