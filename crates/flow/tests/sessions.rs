//! Where sessions come from: the user hint (development backends), a fixed
//! handle from the host's server, or the host's function. One test per path,
//! at the start, on "Try again" after a failed start, and on "Start over".

mod support;

use support::*;
use twostep_flow::*;
use twostep_protocol::*;

const HANDLE: &str = "sh-from-the-host";

fn begin(h: &mut Harness, session: SessionOrigin) {
    h.on(Event::Begin {
        session,
        user_hint: Some(HINT.into()),
        entropy: 7,
    });
}

fn start(session_handle: Option<&str>, user_hint: Option<&str>) -> Call {
    Call::Start(StartRequest {
        session_handle: session_handle.map(Into::into),
        user_hint: user_hint.map(Into::into),
    })
}

/// Loads the standard challenge and answers the default send.
fn load(h: &mut Harness) {
    h.reply(Ok(Answer::Started(challenge())));
    h.reply(Ok(Answer::Sent(SendResponse {
        method_id: "sms-1".into(),
        delivery: code_delivery(Some("••••••12"), Some(30)),
    })));
    assert!(matches!(h.flow.phase, Phase::Code(_)));
}

/// Lets the window run out.
fn time_out(h: &mut Harness) {
    h.advance(600_000);
    h.on(Event::TimerFired(Timer::Window));
    assert!(matches!(h.flow.phase, Phase::TimedOut(_)));
}

fn is_failed_start(h: &Harness) -> bool {
    matches!(
        h.flow.phase,
        Phase::Failed {
            retry: Retry::Start { .. },
            ..
        }
    )
}

#[test]
fn without_a_session_the_start_carries_the_hint() {
    let mut h = Harness::new();
    begin(&mut h, SessionOrigin::Hint);
    assert_eq!(h.last_call().1, start(None, Some(HINT)));
}

#[test]
fn a_fixed_handle_is_started_with_and_the_hint_stays_home() {
    let mut h = Harness::new();
    begin(&mut h, SessionOrigin::Handle(HANDLE.into()));
    assert_eq!(h.last_call().1, start(Some(HANDLE), None));
}

#[test]
fn the_hosts_function_is_asked_first_and_its_handle_starts() {
    let mut h = Harness::new();
    begin(&mut h, SessionOrigin::Host);
    assert_eq!(h.last_call().1, Call::Session { fresh: false });
    assert!(h.fx.contains(&Effect::Schedule {
        timer: Timer::Request,
        after_ms: 15_000
    }));
    assert_eq!(h.flow.phase, Phase::Loading);
    assert!(h.flow.has_way_forward());

    h.reply(Ok(Answer::Session(HANDLE.into())));
    assert_eq!(h.last_call().1, start(Some(HANDLE), None));
    assert_eq!(h.emitted(), vec![]);

    h.reply(Ok(Answer::Started(challenge())));
    assert_eq!(
        h.emitted(),
        vec![HostEvent::Ready {
            session_ref: "TS-1".into(),
            user: "alex@contoso.com".into(),
            method: method("sms-1", MethodKind::Sms, Some("••••••12")),
        }]
    );
    // Later calls use the handle the backend answered with.
    assert!(matches!(h.last_call().1, Call::Send(r) if r.session_handle == "sh-1"));
}

#[test]
fn a_failing_host_function_is_an_internal_failure_with_try_again() {
    let mut h = Harness::new();
    begin(&mut h, SessionOrigin::Host);
    let why = "The session function failed: Error: host down";
    h.reply(Err(ApiError::new(ErrorCode::Internal, why)));
    assert!(is_failed_start(&h));
    let f = h.failure();
    assert_eq!(f.code, ErrorCode::Internal);
    assert_eq!(f.message, why);
    assert_eq!(f.session_ref, None);
    assert!(
        f.correlation_id.is_some(),
        "the widget's own ID, for support"
    );
    assert!(matches!(h.emitted()[..], [HostEvent::Error(_)]));

    h.on(Event::Retry);
    assert_eq!(h.flow.phase, Phase::Loading);
    assert_eq!(h.last_call().1, Call::Session { fresh: false });
    h.reply(Ok(Answer::Session(HANDLE.into())));
    assert_eq!(h.last_call().1, start(Some(HANDLE), None));
    load(&mut h);
}

#[test]
fn an_empty_handle_from_the_host_is_refused() {
    let mut h = Harness::new();
    begin(&mut h, SessionOrigin::Host);
    h.reply(Ok(Answer::Session("  ".into())));
    assert!(!h.made_call());
    assert!(is_failed_start(&h));
    assert_eq!(h.failure().code, ErrorCode::Internal);
    assert_eq!(h.failure().message, "the host gave no session");
}

#[test]
fn a_host_function_that_never_answers_times_out_like_a_call() {
    let mut h = Harness::new();
    begin(&mut h, SessionOrigin::Host);
    let (late, _) = h.last_call();
    h.advance(15_000);
    h.on(Event::TimerFired(Timer::Request));
    assert!(is_failed_start(&h));
    assert_eq!(h.failure().code, ErrorCode::Timeout);
    // Its answer after all is ignored.
    h.on(Event::Response {
        id: late,
        result: Ok(Answer::Session(HANDLE.into())),
    });
    assert!(!h.made_call());
    assert!(is_failed_start(&h));
}

#[test]
fn try_again_after_a_failed_start_repeats_the_same_kind_of_start() {
    for (origin, again) in [
        (SessionOrigin::Hint, start(None, Some(HINT))),
        (
            SessionOrigin::Handle(HANDLE.into()),
            start(Some(HANDLE), None),
        ),
        (SessionOrigin::Host, Call::Session { fresh: false }),
    ] {
        let mut h = Harness::new();
        begin(&mut h, origin.clone());
        if origin == SessionOrigin::Host {
            h.reply(Ok(Answer::Session(HANDLE.into())));
        }
        h.reply(Err(err(ErrorCode::Internal)));
        assert!(is_failed_start(&h), "{origin:?}");
        h.on(Event::Retry);
        assert_eq!(h.last_call().1, again, "{origin:?}");
        assert!(h.fx.contains(&Effect::Focus(Focus::Heading)));
    }
}

#[test]
fn a_handle_the_backend_does_not_know_is_replaced_on_try_again() {
    // The backend restarted, say: the host's kept handle would fail again.
    let mut h = Harness::new();
    begin(&mut h, SessionOrigin::Host);
    h.reply(Ok(Answer::Session(HANDLE.into())));
    h.reply(Err(err(ErrorCode::BadRequest)));
    assert!(matches!(
        h.flow.phase,
        Phase::Failed {
            retry: Retry::Start { fresh: true },
            ..
        }
    ));
    h.on(Event::Retry);
    assert_eq!(h.last_call().1, Call::Session { fresh: true });
    // A host function that fails is asked again the same way.
    h.reply(Err(err(ErrorCode::Internal)));
    h.on(Event::Retry);
    assert_eq!(h.last_call().1, Call::Session { fresh: false });
}

#[test]
fn start_over_from_the_hint_sends_the_hint_again() {
    let mut h = Harness::new();
    begin(&mut h, SessionOrigin::Hint);
    load(&mut h);
    time_out(&mut h);
    h.on(Event::Restart);
    assert_eq!(h.flow.phase, Phase::Loading);
    assert!(h.flow.session.is_none());
    assert_eq!(h.last_call().1, start(None, Some(HINT)));
    load(&mut h);
}

#[test]
fn start_over_asks_the_host_for_a_fresh_session() {
    let mut h = Harness::new();
    begin(&mut h, SessionOrigin::Host);
    h.reply(Ok(Answer::Session(HANDLE.into())));
    load(&mut h);
    time_out(&mut h);
    h.on(Event::Restart);
    assert_eq!(h.last_call().1, Call::Session { fresh: true });
    assert!(h.fx.contains(&Effect::Focus(Focus::Heading)));
    h.reply(Ok(Answer::Session("sh-second".into())));
    assert_eq!(h.last_call().1, start(Some("sh-second"), None));
    load(&mut h);
}

#[test]
fn start_over_after_a_failure_also_asks_for_a_fresh_session() {
    let mut h = Harness::new();
    begin(&mut h, SessionOrigin::Host);
    h.reply(Err(err(ErrorCode::Internal)));
    h.on(Event::Restart);
    assert_eq!(h.last_call().1, Call::Session { fresh: true });
}

#[test]
fn start_over_with_a_fixed_handle_reloads_the_page() {
    let mut h = Harness::new();
    begin(&mut h, SessionOrigin::Handle(HANDLE.into()));
    load(&mut h);
    time_out(&mut h);
    let before = h.flow.clone();
    h.on(Event::Restart);
    assert_eq!(h.fx, vec![Effect::Reload]);
    assert_eq!(h.flow, before, "the screen stays until the page goes");
}

#[test]
fn start_over_is_only_for_the_end_screens() {
    let mut h = Harness::new();
    begin(&mut h, SessionOrigin::Handle(HANDLE.into()));
    load(&mut h);
    h.on(Event::Restart);
    assert_eq!(h.fx, vec![]);
    assert!(matches!(h.flow.phase, Phase::Code(_)));
}

#[test]
fn resuming_an_ended_session_offers_to_start_over() {
    let mut h = Harness::new();
    begin(&mut h, SessionOrigin::Host);
    h.reply(Ok(Answer::Session(HANDLE.into())));
    let mut gone = err(ErrorCode::SessionExpired);
    gone.session_ref = Some("TS-OLD".into());
    h.reply(Err(gone));
    assert!(matches!(h.flow.phase, Phase::TimedOut(_)));
    assert_eq!(h.failure().session_ref.as_deref(), Some("TS-OLD"));
    assert!(matches!(h.emitted()[..], [HostEvent::TimedOut(_)]));
    h.on(Event::Restart);
    assert_eq!(h.last_call().1, Call::Session { fresh: true });
}

#[test]
fn events_and_failures_carry_the_reference_never_the_handle() {
    let mut h = Harness::new();
    begin(&mut h, SessionOrigin::Handle("sh-1".into()));
    h.reply(Ok(Answer::Started(challenge())));
    assert!(h.emitted().contains(&HostEvent::Ready {
        session_ref: "TS-1".into(),
        user: "alex@contoso.com".into(),
        method: method("sms-1", MethodKind::Sms, Some("••••••12")),
    }));
    h.reply(Err(err(ErrorCode::Internal)));
    assert_eq!(h.failure().session_ref.as_deref(), Some("TS-1"));
    h.on(Event::Retry);
    h.reply(Ok(Answer::Sent(SendResponse {
        method_id: "sms-1".into(),
        delivery: code_delivery(None, None),
    })));
    h.on(Event::CodeChanged("123456".into()));
    h.reply(Ok(Answer::Verified(VerifyResponse {
        assertion: "proof".into(),
    })));
    assert!(h.emitted().contains(&HostEvent::Verified {
        assertion: "proof".into(),
        session_ref: "TS-1".into(),
        remember_device: false,
        reminder: None,
    }));
}

#[test]
fn a_challenge_without_a_handle_or_reference_is_a_bad_response() {
    for blank in [true, false] {
        let mut h = Harness::new();
        begin(&mut h, SessionOrigin::Hint);
        let mut c = challenge();
        if blank {
            c.session_handle.clear();
        } else {
            c.session_ref.clear();
        }
        h.reply(Ok(Answer::Started(c)));
        assert!(is_failed_start(&h));
        assert_eq!(h.failure().code, ErrorCode::BadResponse);
    }
}
