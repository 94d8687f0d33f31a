//! One test per path through the flow, driven with hand-made time.

mod support;

use support::*;
use twostep_flow::*;
use twostep_protocol::*;

#[test]
fn begin_loads_the_challenge_with_a_deadline() {
    let mut h = Harness::new();
    h.on(Event::Begin {
        session: SessionOrigin::Handle("sh-resume-me".into()),
        user_hint: None,
        entropy: 7,
    });
    let (_, call) = h.last_call();
    assert_eq!(
        call,
        Call::Start(StartRequest {
            session_handle: Some("sh-resume-me".into()),
            user_hint: None
        })
    );
    assert!(h.fx.contains(&Effect::Schedule {
        timer: Timer::Request,
        after_ms: 15_000
    }));
    assert_eq!(h.flow.phase, Phase::Loading);
    assert!(h.flow.has_way_forward());
}

#[test]
fn the_challenge_arms_the_window_and_sends_the_default_method() {
    let mut h = Harness::new();
    h.on(Event::Begin {
        session: SessionOrigin::Hint,
        user_hint: None,
        entropy: 7,
    });
    h.reply(Ok(Answer::Started(challenge())));
    assert!(h.fx.contains(&Effect::Schedule {
        timer: Timer::Window,
        after_ms: 600_000
    }));
    assert!(h.emitted().contains(&HostEvent::Ready {
        session_ref: "TS-1".into(),
        user: "alex@contoso.com".into(),
        method: method("sms-1", MethodKind::Sms, Some("••••••12")),
    }));
    let (_, call) = h.last_call();
    assert_eq!(
        call,
        Call::Send(SendRequest {
            session_handle: "sh-1".into(),
            method_id: "sms-1".into(),
            resend: false
        })
    );
    assert!(matches!(h.flow.phase, Phase::Sending { resend: false, .. }));
    assert_eq!(h.flow.window_left_ms(h.now), Some(600_000));
}

#[test]
fn the_window_is_announced_at_two_minutes_one_minute_and_thirty_seconds() {
    let mut h = Harness::new();
    assert_eq!(
        h.flow.window_mark(h.now),
        None,
        "no window before a challenge"
    );
    h.start_sms();
    let left = h.flow.window_left_ms(h.now).unwrap();
    let mut marks = Vec::new();
    // Second by second through the whole window: each mark appears once, in order.
    for _ in 0..=left / 1000 {
        let mark = h.flow.window_mark(h.now);
        if marks.last() != Some(&mark) {
            marks.push(mark);
        }
        h.now += 1000;
    }
    assert_eq!(marks, [None, Some(120), Some(60), Some(30)]);
    h.now -= 1000;
    assert_eq!(h.flow.window_left_ms(h.now), Some(0));
    h.now -= 90_001;
    assert_eq!(h.flow.window_mark(h.now), Some(120), "just over 1:30 left");
}

#[test]
fn an_unknown_default_method_falls_back_to_the_first() {
    let mut h = Harness::new();
    let mut c = challenge();
    c.default_method = "gone".into();
    h.on(Event::Begin {
        session: SessionOrigin::Hint,
        user_hint: None,
        entropy: 7,
    });
    h.reply(Ok(Answer::Started(c)));
    let (_, call) = h.last_call();
    assert!(matches!(call, Call::Send(r) if r.method_id == "sms-1"));
}

#[test]
fn a_sent_text_shows_where_and_when_and_focuses_the_code() {
    let mut h = Harness::new();
    h.start_sms();
    let sent = h.now;
    let c = h.code();
    assert_eq!(c.target.as_deref(), Some("••••••12"));
    assert_eq!(c.sent_at, Some(sent));
    assert_eq!(c.resend_at, Some(sent + 30_000));
    assert_eq!(c.sends, 1);
    assert!(h.fx.contains(&Effect::Focus(Focus::CodeInput)));
}

#[test]
fn a_pasted_code_with_spaces_submits_itself() {
    let mut h = Harness::new();
    h.start_sms();
    h.on(Event::CodeChanged("123 456".into()));
    let (_, call) = h.last_call();
    assert_eq!(
        call,
        Call::Verify(VerifyRequest {
            session_handle: "sh-1".into(),
            method_id: "sms-1".into(),
            code: "123456".into(),
            remember_device: false,
        })
    );
    assert!(h.code().submitting);
    h.reply(Ok(Answer::Verified(VerifyResponse {
        assertion: "proof".into(),
    })));
    assert_eq!(
        h.flow.phase,
        Phase::Verified {
            assertion: "proof".into()
        }
    );
    assert!(h.emitted().contains(&HostEvent::Verified {
        assertion: "proof".into(),
        session_ref: "TS-1".into(),
        remember_device: false,
        reminder: None,
    }));
    assert!(h.fx.contains(&Effect::Cancel(Timer::Window)));
}

#[test]
fn without_auto_submit_the_button_submits_and_partial_codes_are_refused() {
    let mut h = Harness::with_config(FlowConfig {
        auto_submit: false,
        ..FlowConfig::default()
    });
    h.start_sms();
    h.on(Event::CodeChanged("123".into()));
    assert!(!h.made_call());
    h.on(Event::SubmitCode);
    assert!(!h.made_call());
    assert_eq!(h.code().notice, Some(CodeNotice::Incomplete));
    h.on(Event::CodeChanged("123-456".into()));
    assert!(!h.made_call());
    h.on(Event::SubmitCode);
    assert!(h.made_call());
}

#[test]
fn letters_are_dropped_with_a_hint() {
    let mut h = Harness::new();
    h.start_sms();
    h.on(Event::CodeChanged("12a".into()));
    assert_eq!(h.code().code, "12");
    assert_eq!(h.code().notice, Some(CodeNotice::DigitsOnly));
}

#[test]
fn a_wrong_code_shows_attempts_left_then_locks_out() {
    let mut h = Harness::new();
    h.start_sms();
    h.on(Event::CodeChanged("111111".into()));
    let mut e = err(ErrorCode::InvalidCode);
    e.attempts_left = Some(2);
    h.reply(Err(e));
    assert_eq!(
        h.code().notice,
        Some(CodeNotice::Wrong {
            attempts_left: Some(2)
        })
    );
    assert_eq!(h.code().code, "", "the wrong code is cleared");
    assert!(!h.code().submitting);

    h.on(Event::CodeChanged("222222".into()));
    let mut e = err(ErrorCode::TooManyAttempts);
    e.retry_after_secs = Some(45);
    h.reply(Err(e));
    let until = h.now + 45_000;
    assert_eq!(h.code().notice, Some(CodeNotice::Locked { until }));
    assert!(h.code().is_locked(h.now));
    assert!(!h.flow.can_resend(h.now));

    // Typing during the lockout does nothing.
    h.on(Event::CodeChanged("333333".into()));
    assert!(!h.made_call());
    assert_eq!(h.code().code, "");

    // Afterwards a new code can be requested.
    h.advance(45_000);
    assert!(!h.code().is_locked(h.now));
    assert!(h.flow.can_resend(h.now));
}

#[test]
fn attempts_left_zero_is_a_lockout_too() {
    let mut h = Harness::new();
    h.start_sms();
    h.on(Event::CodeChanged("111111".into()));
    let mut e = err(ErrorCode::InvalidCode);
    e.attempts_left = Some(0);
    h.reply(Err(e));
    assert!(h.code().is_locked(h.now));
}

#[test]
fn an_expired_code_allows_a_resend_at_once() {
    let mut h = Harness::new();
    h.start_sms();
    h.on(Event::CodeChanged("111111".into()));
    h.reply(Err(err(ErrorCode::Expired)));
    assert_eq!(h.code().notice, Some(CodeNotice::Expired));
    assert!(h.flow.can_resend(h.now));
}

#[test]
fn resend_waits_for_the_cool_down_and_then_only_the_newest_code_counts() {
    let mut h = Harness::new();
    h.start_sms();
    h.advance(29_999);
    assert!(!h.flow.can_resend(h.now));
    h.on(Event::Resend);
    assert!(!h.made_call(), "resend is refused during the cool-down");

    h.advance(1);
    h.on(Event::Resend);
    let (_, call) = h.last_call();
    assert!(matches!(call, Call::Send(r) if r.resend && r.method_id == "sms-1"));
    h.reply(Ok(Answer::Sent(SendResponse {
        method_id: "sms-1".into(),
        delivery: code_delivery(Some("••••••12"), Some(60)),
    })));
    assert_eq!(h.code().sends, 2);
    assert_eq!(h.code().resend_at, Some(h.now + 60_000));
}

#[test]
fn a_refused_resend_returns_to_the_code_entry() {
    let mut h = Harness::new();
    h.start_sms();
    h.on(Event::CodeChanged("12".into()));
    h.advance(30_000);
    h.on(Event::Resend);
    let mut e = err(ErrorCode::RateLimited);
    e.retry_after_secs = Some(120);
    h.reply(Err(e));
    let c = h.code();
    assert_eq!(c.code, "12", "what was typed is kept");
    assert_eq!(
        c.notice,
        Some(CodeNotice::RateLimited {
            until: h.now + 120_000
        })
    );
    assert!(!h.flow.can_resend(h.now));
}

#[test]
fn another_option_is_suggested_when_nothing_arrives() {
    let mut h = Harness::new();
    let mut c = challenge();
    c.default_method = "sms-2".into();
    h.start_with(
        c,
        Delivery::Code {
            target: Some("••••••78".into()),
            code_length: 6,
            resend_after_secs: Some(30),
            suggest_other_after_secs: Some(20),
        },
    );
    assert!(!h.flow.suggests_other(h.now));
    h.advance(20_000);
    assert!(h.flow.suggests_other(h.now));
}

#[test]
fn switching_methods_sends_with_the_new_one_and_tells_the_host() {
    let mut h = Harness::new();
    h.start_sms();
    h.on(Event::OpenPicker);
    assert_eq!(h.flow.overlay, Some(Overlay::Picker));
    assert!(h.fx.contains(&Effect::Focus(Focus::Picker)));
    h.on(Event::PickMethod("sms-2".into()));
    assert_eq!(h.flow.overlay, None);
    assert!(h.emitted().contains(&HostEvent::MethodChanged {
        method: method("sms-2", MethodKind::Sms, Some("••••••78"))
    }));
    let (_, call) = h.last_call();
    assert!(matches!(call, Call::Send(r) if r.method_id == "sms-2" && !r.resend));
    h.reply(Ok(Answer::Sent(SendResponse {
        method_id: "sms-2".into(),
        delivery: code_delivery(None, Some(30)),
    })));
    assert_eq!(
        h.code().target.as_deref(),
        Some("••••••78"),
        "the method's masked target is used when the answer has none"
    );
    assert_eq!(
        h.code().sends,
        2,
        "the code texted before the switch no longer works, and the screen says only the newest does"
    );
}

#[test]
fn app_codes_are_not_counted_as_sent_and_a_code_after_them_still_says_only_the_newest_works() {
    let mut h = Harness::new();
    h.start_sms();
    let switch = |h: &mut Harness, id: &str, delivery: Delivery| {
        h.on(Event::OpenPicker);
        h.on(Event::PickMethod(id.into()));
        h.reply(Ok(Answer::Sent(SendResponse {
            method_id: id.into(),
            delivery,
        })));
    };
    switch(&mut h, "totp", code_delivery(None, None));
    assert_eq!(h.code().sends, 0, "nothing was sent for the app's own code");
    switch(&mut h, "sms-2", code_delivery(None, Some(30)));
    assert_eq!(
        h.code().sends,
        2,
        "the first text still counts: it no longer works"
    );
}

#[test]
fn support_details_are_there_when_nothing_failed_and_left_to_the_failure_when_something_did() {
    let mut h = Harness::new();
    let before = h.flow.support_snapshot(h.now).unwrap();
    assert_eq!(before.user.as_deref(), None);
    assert_eq!(before.session_ref, None);
    h.start_sms();
    let snap = h.flow.support_snapshot(h.now).unwrap();
    assert_eq!(snap.code, ErrorCode::Unknown);
    assert!(snap.message.is_empty());
    assert_eq!(snap.session_ref, Some(challenge().session_ref));
    assert_eq!(snap.user, Some(challenge().user));
    assert_eq!(snap.method.map(|m| m.id).as_deref(), Some("sms-1"));
    assert!(snap.correlation_id.is_some(), "the send's correlation ID");
    assert_eq!(snap.at, h.now);
    h.on(Event::OpenPicker);
    h.on(Event::PickMethod("push".into()));
    h.reply(Err(err(ErrorCode::Internal)));
    assert!(matches!(h.flow.phase, Phase::Failed { .. }));
    assert_eq!(h.flow.support_snapshot(h.now), None);
}

#[test]
fn whether_the_user_has_a_kind_of_method_is_known_once_the_challenge_is() {
    let mut h = Harness::new();
    assert_eq!(h.flow.has_kind(MethodKind::Totp), None);
    h.start_sms();
    assert_eq!(h.flow.has_kind(MethodKind::Totp), Some(true));
    assert_eq!(h.flow.has_kind(MethodKind::Email), Some(false));
}

#[test]
fn picking_the_current_method_or_an_unknown_one_sends_nothing() {
    let mut h = Harness::new();
    h.start_sms();
    h.on(Event::OpenPicker);
    h.on(Event::PickMethod("sms-1".into()));
    assert!(!h.made_call());
    h.on(Event::OpenPicker);
    h.on(Event::PickMethod("nope".into()));
    assert!(!h.made_call());
    assert_eq!(h.flow.overlay, Some(Overlay::Picker));
    h.on(Event::ClosePicker);
    assert_eq!(h.flow.overlay, None);
    // Back to what opened the list, not the top of the screen.
    assert_eq!(h.fx, [Effect::Focus(Focus::Opener)]);
}

#[test]
fn a_late_answer_for_an_abandoned_method_is_ignored() {
    let mut h = Harness::new();
    h.on(Event::Begin {
        session: SessionOrigin::Hint,
        user_hint: None,
        entropy: 7,
    });
    h.reply(Ok(Answer::Started(challenge())));
    let (first, _) = h.last_call();
    h.on(Event::OpenPicker);
    h.on(Event::PickMethod("push".into()));
    let before = h.flow.clone();
    h.on(Event::Response {
        id: first,
        result: Ok(Answer::Sent(SendResponse {
            method_id: "sms-1".into(),
            delivery: code_delivery(Some("••12"), Some(30)),
        })),
    });
    assert_eq!(h.flow, before);
    assert!(h.fx.is_empty());
}

#[test]
fn an_app_code_has_nothing_to_resend_or_wait_for() {
    let mut h = Harness::new();
    let mut c = challenge();
    c.default_method = "totp".into();
    h.start_with(c, code_delivery(None, Some(30)));
    let c = h.code();
    assert_eq!(c.sent_at, None);
    assert_eq!(c.resend_at, None);
    assert_eq!(c.sends, 0);
    assert!(!h.flow.can_resend(h.now + 60_000));
    assert!(!h.flow.suggests_other(h.now + 60_000));
}

fn push_delivery(number: Option<&str>) -> Delivery {
    Delivery::Approval {
        target: None,
        poll_interval_ms: 2_000,
        number_to_match: number.map(Into::into),
    }
}

fn start_push(h: &mut Harness, number: Option<&str>) {
    let mut c = challenge();
    c.default_method = "push".into();
    h.start_with(c, push_delivery(number));
}

#[test]
fn a_push_is_polled_until_approved() {
    let mut h = Harness::new();
    start_push(&mut h, None);
    assert!(h.fx.contains(&Effect::Schedule {
        timer: Timer::Poll,
        after_ms: 2_000
    }));
    h.advance(2_000);
    h.on(Event::TimerFired(Timer::Poll));
    let (_, call) = h.last_call();
    assert_eq!(
        call,
        Call::Poll(PollRequest {
            session_handle: "sh-1".into(),
            method_id: "push".into(),
            remember_device: false,
        })
    );
    h.reply(Ok(Answer::Polled(PollResponse {
        status: PollStatus::Pending,
        assertion: None,
    })));
    assert!(h.fx.contains(&Effect::Schedule {
        timer: Timer::Poll,
        after_ms: 2_000
    }));
    h.advance(2_000);
    h.on(Event::TimerFired(Timer::Poll));
    h.reply(Ok(Answer::Polled(PollResponse {
        status: PollStatus::Approved,
        assertion: Some("push-proof".into()),
    })));
    assert_eq!(
        h.flow.phase,
        Phase::Verified {
            assertion: "push-proof".into()
        }
    );
}

#[test]
fn a_denied_push_fails_with_a_way_to_send_again() {
    let mut h = Harness::new();
    start_push(&mut h, None);
    h.on(Event::TimerFired(Timer::Poll));
    h.reply(Ok(Answer::Polled(PollResponse {
        status: PollStatus::Denied,
        assertion: None,
    })));
    assert_eq!(h.failure().code, ErrorCode::Denied);
    assert_eq!(h.failure().method.as_ref().unwrap().kind, MethodKind::Push);
    assert!(matches!(h.emitted()[..], [HostEvent::Error(_)]));
    assert!(
        h.flow.suggests_other(h.now),
        "a denial suggests another option"
    );
    assert_eq!(h.flow.paused_until(), None);
    h.on(Event::Retry);
    let (_, call) = h.last_call();
    assert!(matches!(call, Call::Send(r) if r.method_id == "push"));
}

/// The reference server's answer to a push while the user's notifications
/// are paused after several denials.
fn paused(wait_secs: u32) -> ApiError {
    let mut e = err(ErrorCode::MethodUnavailable);
    e.retry_after_secs = Some(wait_secs);
    e
}

#[test]
fn paused_notifications_say_until_when_and_lead_to_another_option() {
    let mut h = Harness::new();
    start_push(&mut h, Some("42"));
    h.on(Event::TimerFired(Timer::Poll));
    h.reply(Ok(Answer::Polled(PollResponse {
        status: PollStatus::Denied,
        assertion: None,
    })));
    // The third denial in a row: sending again is refused for 30 minutes.
    h.on(Event::Retry);
    h.reply(Err(paused(1_800)));
    assert_eq!(h.failure().code, ErrorCode::MethodUnavailable);
    assert_eq!(h.failure().method.as_ref().unwrap().kind, MethodKind::Push);
    assert_eq!(h.flow.paused_until(), Some(h.now + 1_800_000));
    assert_eq!(h.flow.current_kind(), MethodKind::Push);
    assert!(h.flow.suggests_other(h.now));
    assert!(h.flow.has_way_forward());
    // "Try again" opens the options instead of sending a refused push.
    h.on(Event::Retry);
    assert!(!h.made_call());
    assert_eq!(h.flow.overlay, Some(Overlay::Picker));
    assert_eq!(h.fx, [Effect::Focus(Focus::Picker)]);
    // Another option works.
    h.on(Event::PickMethod("totp".into()));
    let (_, call) = h.last_call();
    assert!(matches!(call, Call::Send(r) if r.method_id == "totp"));
    h.reply(Ok(Answer::Sent(SendResponse {
        method_id: "totp".into(),
        delivery: code_delivery(None, None),
    })));
    h.on(Event::CodeChanged("123456".into()));
    h.reply(Ok(Answer::Verified(VerifyResponse {
        assertion: "app-proof".into(),
    })));
    assert_eq!(
        h.flow.phase,
        Phase::Verified {
            assertion: "app-proof".into()
        }
    );
}

#[test]
fn a_paused_only_method_leads_to_the_recovery_guidance() {
    let mut h = Harness::new();
    let mut c = challenge();
    c.methods.retain(|m| m.id == "push");
    c.default_method = "push".into();
    h.on(Event::Begin {
        session: SessionOrigin::Hint,
        user_hint: None,
        entropy: 7,
    });
    h.reply(Ok(Answer::Started(c)));
    h.reply(Err(paused(600)));
    assert_eq!(h.flow.paused_until(), Some(h.now + 600_000));
    h.on(Event::Retry);
    assert!(!h.made_call());
    assert_eq!(h.flow.overlay, Some(Overlay::Recovery));
}

#[test]
fn an_unavailable_method_without_a_wait_can_be_sent_again() {
    let mut h = Harness::new();
    h.start_sms();
    h.on(Event::PickMethod("push".into()));
    h.reply(Err(err(ErrorCode::MethodUnavailable)));
    assert_eq!(h.flow.paused_until(), None);
    assert!(!h.flow.suggests_other(h.now));
    h.on(Event::Retry);
    let (_, call) = h.last_call();
    assert!(matches!(call, Call::Send(r) if r.method_id == "push"));
}

#[test]
fn an_expired_push_fails_as_expired() {
    let mut h = Harness::new();
    start_push(&mut h, None);
    h.on(Event::TimerFired(Timer::Poll));
    h.reply(Ok(Answer::Polled(PollResponse {
        status: PollStatus::Expired,
        assertion: None,
    })));
    assert_eq!(h.failure().code, ErrorCode::Expired);
}

#[test]
fn number_matching_keeps_the_number_and_bounds_the_poll_interval() {
    let mut h = Harness::new();
    let mut c = challenge();
    c.default_method = "push".into();
    h.start_with(
        c,
        Delivery::Approval {
            target: None,
            poll_interval_ms: 10,
            number_to_match: Some("42".into()),
        },
    );
    match &h.flow.phase {
        Phase::Approval(a) => {
            assert_eq!(a.number_to_match.as_deref(), Some("42"));
            assert_eq!(a.poll_interval_ms, 1_000, "a 10 ms poll is raised to 1 s");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_voice_call_waits_for_approval() {
    let mut h = Harness::new();
    let mut c = challenge();
    c.default_method = "voice-1".into();
    h.start_with(
        c,
        Delivery::Approval {
            target: Some("••••••12".into()),
            poll_interval_ms: 3_000,
            number_to_match: None,
        },
    );
    assert_eq!(h.flow.current_kind(), MethodKind::Voice);
    assert!(matches!(&h.flow.phase, Phase::Approval(a) if a.target.as_deref() == Some("••••••12")));
}

#[test]
fn an_approval_with_no_assertion_is_a_bad_response() {
    let mut h = Harness::new();
    start_push(&mut h, None);
    h.on(Event::TimerFired(Timer::Poll));
    h.reply(Ok(Answer::Polled(PollResponse {
        status: PollStatus::Approved,
        assertion: None,
    })));
    assert_eq!(h.failure().code, ErrorCode::BadResponse);
}

#[test]
fn the_window_running_out_times_out_from_any_screen() {
    let mut h = Harness::new();
    h.start_sms();
    h.on(Event::CodeChanged("12".into()));
    h.advance(600_000);
    h.on(Event::TimerFired(Timer::Window));
    assert_eq!(h.failure().code, ErrorCode::SessionExpired);
    assert_eq!(h.failure().session_ref.as_deref(), Some("TS-1"));
    assert_eq!(h.failure().method.as_ref().unwrap().id, "sms-1");
    assert!(matches!(h.flow.phase, Phase::TimedOut(_)));
    assert!(matches!(h.emitted()[..], [HostEvent::TimedOut(_)]));
    assert_eq!(h.flow.window_left_ms(h.now), None);

    h.on(Event::Restart);
    assert_eq!(h.flow.phase, Phase::Loading);
    assert!(h.flow.session.is_none());
    assert!(matches!(h.last_call().1, Call::Start(_)));
}

#[test]
fn a_slow_backend_times_out_with_a_retry() {
    let mut h = Harness::new();
    h.on(Event::Begin {
        session: SessionOrigin::Hint,
        user_hint: None,
        entropy: 7,
    });
    h.advance(14_999);
    h.on(Event::TimerFired(Timer::Request));
    assert_eq!(h.flow.phase, Phase::Loading, "not before the deadline");
    h.advance(1);
    h.on(Event::TimerFired(Timer::Request));
    assert_eq!(h.failure().code, ErrorCode::Timeout);
    h.on(Event::Retry);
    assert!(matches!(h.last_call().1, Call::Start(_)));
}

#[test]
fn a_failed_send_shows_details_and_retries_the_same_method() {
    let mut h = Harness::new();
    h.on(Event::Begin {
        session: SessionOrigin::Hint,
        user_hint: None,
        entropy: 7,
    });
    h.reply(Ok(Answer::Started(challenge())));
    let mut e = err(ErrorCode::Internal);
    e.timestamp = Some("2026-11-28T10:42:00Z".into());
    h.reply(Err(e));
    let f = h.failure();
    assert_eq!(f.code, ErrorCode::Internal);
    assert_eq!(f.message, "server says no");
    assert_eq!(f.correlation_id.as_deref(), Some("corr-1"));
    assert_eq!(f.session_ref.as_deref(), Some("TS-1"));
    assert_eq!(f.server_timestamp.as_deref(), Some("2026-11-28T10:42:00Z"));
    assert_eq!(f.at, h.now);
    // Another method stays reachable from the failure screen.
    h.on(Event::OpenPicker);
    assert_eq!(h.flow.overlay, Some(Overlay::Picker));
    h.on(Event::ClosePicker);
    h.on(Event::Retry);
    assert!(matches!(h.last_call().1, Call::Send(r) if r.method_id == "sms-1"));
}

#[test]
fn a_network_error_while_verifying_keeps_the_code_entry_to_return_to() {
    let mut h = Harness::new();
    h.start_sms();
    h.on(Event::CodeChanged("123456".into()));
    h.reply(Err(err(ErrorCode::Network)));
    assert_eq!(h.failure().code, ErrorCode::Network);
    h.on(Event::Retry);
    assert!(!h.made_call(), "a code is never resubmitted by itself");
    let c = h.code();
    assert_eq!(c.code, "123456");
    assert!(!c.submitting);
    assert!(c.sent_at.is_some());
}

#[test]
fn a_session_expired_answer_times_out() {
    let mut h = Harness::new();
    h.start_sms();
    h.on(Event::CodeChanged("123456".into()));
    h.reply(Err(err(ErrorCode::SessionExpired)));
    assert!(matches!(h.flow.phase, Phase::TimedOut(_)));
    assert_eq!(h.failure().correlation_id.as_deref(), Some("corr-1"));
}

#[test]
fn a_failed_start_can_be_retried() {
    let mut h = Harness::new();
    h.on(Event::Begin {
        session: SessionOrigin::Hint,
        user_hint: None,
        entropy: 7,
    });
    h.reply(Err(err(ErrorCode::Internal)));
    assert!(matches!(
        h.flow.phase,
        Phase::Failed {
            retry: Retry::Start { .. },
            ..
        }
    ));
    h.on(Event::OpenPicker);
    assert_eq!(
        h.flow.overlay, None,
        "no methods to pick before a challenge"
    );
    h.on(Event::Retry);
    assert!(matches!(h.last_call().1, Call::Start(_)));
}

#[test]
fn malformed_answers_become_bad_response_failures() {
    // A challenge with no methods.
    let mut h = Harness::new();
    h.on(Event::Begin {
        session: SessionOrigin::Hint,
        user_hint: None,
        entropy: 7,
    });
    let mut c = challenge();
    c.methods.clear();
    h.reply(Ok(Answer::Started(c)));
    assert_eq!(h.failure().code, ErrorCode::BadResponse);

    // A send answer of the wrong kind.
    let mut h = Harness::new();
    h.on(Event::Begin {
        session: SessionOrigin::Hint,
        user_hint: None,
        entropy: 7,
    });
    h.reply(Ok(Answer::Started(challenge())));
    h.reply(Ok(Answer::Polled(PollResponse {
        status: PollStatus::Pending,
        assertion: None,
    })));
    assert_eq!(h.failure().code, ErrorCode::BadResponse);

    // A code length of zero.
    let mut h = Harness::new();
    h.start_with(
        challenge(),
        Delivery::Code {
            target: None,
            code_length: 0,
            resend_after_secs: None,
            suggest_other_after_secs: None,
        },
    );
    assert_eq!(h.failure().code, ErrorCode::BadResponse);
}

#[test]
fn recovery_guidance_opens_from_a_prompt_and_closes_again() {
    let mut h = Harness::new();
    let mut c = challenge();
    c.methods.truncate(1);
    h.start_with(c, code_delivery(Some("••12"), Some(30)));
    assert!(!h.flow.has_other_methods());
    h.on(Event::OpenRecovery);
    assert_eq!(h.flow.overlay, Some(Overlay::Recovery));
    h.on(Event::CloseRecovery);
    assert_eq!(h.flow.overlay, None);
    assert_eq!(h.fx, [Effect::Focus(Focus::Opener)]);
    assert!(matches!(h.flow.phase, Phase::Code(_)), "the prompt is kept");
}

fn correlation_ids(fx: &[Effect]) -> Vec<String> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Call { correlation_id, .. } => Some(correlation_id.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn every_call_gets_its_own_correlation_id() {
    let mut h = Harness::new();
    let mut seen = Vec::new();
    h.on(Event::Begin {
        session: SessionOrigin::Hint,
        user_hint: None,
        entropy: 0xdead_beef,
    });
    seen.extend(correlation_ids(&h.fx));
    h.reply(Ok(Answer::Started(challenge())));
    seen.extend(correlation_ids(&h.fx));
    assert_eq!(seen.len(), 2);
    assert_ne!(seen[0], seen[1]);
    for id in &seen {
        assert_eq!(id.len(), 36, "{id}");
        assert_eq!(&id[14..15], "4", "{id}");
        assert!(id.chars().all(|c| c.is_ascii_hexdigit() || c == '-'));
    }
    // Another seed gives other IDs.
    let mut other = Harness::new();
    other.on(Event::Begin {
        session: SessionOrigin::Hint,
        user_hint: None,
        entropy: 0xdead_bef0,
    });
    assert_ne!(correlation_ids(&other.fx)[0], seen[0]);
}

#[test]
fn failures_without_a_server_id_keep_the_widgets_own() {
    let mut h = Harness::new();
    h.on(Event::Begin {
        session: SessionOrigin::Hint,
        user_hint: None,
        entropy: 1,
    });
    let sent = correlation_ids(&h.fx)[0].clone();
    h.advance(15_000);
    h.on(Event::TimerFired(Timer::Request));
    assert_eq!(h.failure().code, ErrorCode::Timeout);
    assert_eq!(h.failure().correlation_id.as_ref(), Some(&sent));

    // A server's echo wins.
    h.on(Event::Retry);
    h.reply(Err(err(ErrorCode::Internal)));
    assert_eq!(h.failure().correlation_id.as_deref(), Some("corr-1"));
}

#[test]
fn a_timed_out_window_reports_the_latest_calls_id() {
    let mut h = Harness::new();
    h.start_sms();
    h.advance(600_000);
    h.on(Event::TimerFired(Timer::Window));
    assert!(h.failure().correlation_id.is_some());
}

// "Don't ask again on this device".

/// The standard challenge, offering to remember the device for `days`.
fn remembering(days: Option<u32>) -> Challenge {
    Challenge {
        remember_device_days: days,
        ..challenge()
    }
}

fn start_sms_remembering(h: &mut Harness, days: Option<u32>) {
    h.start_with(remembering(days), code_delivery(Some("••••••12"), Some(30)));
}

/// The `remember_device` of the call the last step made.
fn remember_sent(h: &Harness) -> bool {
    match h.last_call().1 {
        Call::Verify(r) => r.remember_device,
        Call::Poll(r) => r.remember_device,
        other => panic!("expected a verify or poll, got {other:?}"),
    }
}

/// Answers the pending verify with success and checks that the host hears
/// of it with `remembered` as the choice sent.
fn assert_verified_reports(h: &mut Harness, remembered: bool) {
    h.reply(Ok(Answer::Verified(VerifyResponse {
        assertion: "proof".into(),
    })));
    assert!(h.emitted().contains(&HostEvent::Verified {
        assertion: "proof".into(),
        session_ref: "TS-1".into(),
        remember_device: remembered,
        reminder: None,
    }));
}

#[test]
fn the_offer_starts_unticked_and_follows_the_challenge() {
    let mut h = Harness::new();
    assert_eq!(h.flow.remember_offer(), None, "no challenge yet");
    start_sms_remembering(&mut h, Some(30));
    assert_eq!(h.flow.remember_offer(), Some((30, false)));
    h.on(Event::RememberDevice(true));
    assert_eq!(h.flow.remember_offer(), Some((30, true)));
    h.on(Event::RememberDevice(false));
    assert_eq!(h.flow.remember_offer(), Some((30, false)));

    let mut h = Harness::new();
    start_sms_remembering(&mut h, Some(0));
    assert_eq!(h.flow.remember_offer(), None, "0 days is no offer");
}

#[test]
fn a_ticked_offer_goes_with_the_code_and_is_reported_to_the_host() {
    let mut h = Harness::new();
    start_sms_remembering(&mut h, Some(30));
    h.on(Event::RememberDevice(true));
    h.on(Event::CodeChanged("123456".into()));
    assert_eq!(
        h.last_call().1,
        Call::Verify(VerifyRequest {
            session_handle: "sh-1".into(),
            method_id: "sms-1".into(),
            code: "123456".into(),
            remember_device: true,
        })
    );
    assert_verified_reports(&mut h, true);
}

#[test]
fn an_unticked_offer_is_not_sent() {
    let mut h = Harness::new();
    start_sms_remembering(&mut h, Some(30));
    h.on(Event::RememberDevice(true));
    h.on(Event::RememberDevice(false));
    h.on(Event::CodeChanged("123456".into()));
    assert!(!remember_sent(&h));
    assert_verified_reports(&mut h, false);
}

#[test]
fn without_an_offer_the_device_is_never_remembered() {
    let mut h = Harness::new();
    start_sms_remembering(&mut h, None);
    h.on(Event::RememberDevice(true));
    assert_eq!(h.flow.remember_offer(), None);
    h.on(Event::CodeChanged("123456".into()));
    assert!(!remember_sent(&h));
    assert_verified_reports(&mut h, false);
}

#[test]
fn a_tick_before_the_challenge_loads_counts_for_nothing() {
    let mut h = Harness::new();
    h.on(Event::RememberDevice(true));
    start_sms_remembering(&mut h, Some(30));
    assert_eq!(h.flow.remember_offer(), Some((30, false)));
    h.on(Event::CodeChanged("123456".into()));
    assert!(!remember_sent(&h));
}

#[test]
fn a_host_that_turns_the_offer_off_never_sends_it() {
    let mut h = Harness::with_config(FlowConfig {
        offer_remember_device: false,
        ..FlowConfig::default()
    });
    start_sms_remembering(&mut h, Some(30));
    assert_eq!(h.flow.remember_offer(), None);
    h.on(Event::RememberDevice(true));
    assert_eq!(h.flow.remember_offer(), None);
    h.on(Event::CodeChanged("123456".into()));
    assert!(!remember_sent(&h));
}

#[test]
fn the_choice_survives_a_resend_and_a_method_switch() {
    let mut h = Harness::new();
    start_sms_remembering(&mut h, Some(30));
    h.on(Event::RememberDevice(true));

    h.advance(30_000);
    h.on(Event::Resend);
    h.reply(Ok(Answer::Sent(SendResponse {
        method_id: "sms-1".into(),
        delivery: code_delivery(Some("••••••12"), Some(30)),
    })));
    assert_eq!(h.code().sends, 2);
    assert_eq!(h.flow.remember_offer(), Some((30, true)));

    h.on(Event::OpenPicker);
    h.on(Event::PickMethod("sms-2".into()));
    h.reply(Ok(Answer::Sent(SendResponse {
        method_id: "sms-2".into(),
        delivery: code_delivery(Some("••••••78"), Some(30)),
    })));
    assert_eq!(h.code().method_id, "sms-2");
    assert_eq!(h.flow.remember_offer(), Some((30, true)));
    h.on(Event::CodeChanged("654321".into()));
    assert!(matches!(
        h.last_call().1,
        Call::Verify(VerifyRequest { ref method_id, remember_device: true, .. }) if method_id == "sms-2"
    ));
}

#[test]
fn a_push_approval_polls_with_the_choice() {
    let mut h = Harness::new();
    let mut c = remembering(Some(30));
    c.default_method = "push".into();
    h.start_with(c, push_delivery(None));
    h.on(Event::TimerFired(Timer::Poll));
    assert!(!remember_sent(&h), "not ticked yet");
    h.reply(Ok(Answer::Polled(PollResponse {
        status: PollStatus::Pending,
        assertion: None,
    })));

    // Ticked while the phone is in the user's hand: the next poll says so.
    h.on(Event::RememberDevice(true));
    h.advance(2_000);
    h.on(Event::TimerFired(Timer::Poll));
    assert_eq!(
        h.last_call().1,
        Call::Poll(PollRequest {
            session_handle: "sh-1".into(),
            method_id: "push".into(),
            remember_device: true,
        })
    );
    h.reply(Ok(Answer::Polled(PollResponse {
        status: PollStatus::Approved,
        assertion: Some("push-proof".into()),
    })));
    assert!(h.emitted().contains(&HostEvent::Verified {
        assertion: "push-proof".into(),
        session_ref: "TS-1".into(),
        remember_device: true,
        reminder: None,
    }));
}

/// Verifies the code entry on screen and returns the `verified` event's reminder.
fn verify_and_remind(h: &mut Harness) -> Option<Reminder> {
    h.on(Event::CodeChanged("123456".into()));
    assert!(
        h.flow.reminder().is_none(),
        "nothing to remind of before verifying"
    );
    h.reply(Ok(Answer::Verified(VerifyResponse {
        assertion: "proof".into(),
    })));
    let reminder = h.emitted().iter().find_map(|e| match e {
        HostEvent::Verified { reminder, .. } => Some(*reminder),
        _ => None,
    });
    assert_eq!(
        reminder,
        Some(h.flow.reminder()),
        "the screen and the event agree"
    );
    h.flow.reminder()
}

#[test]
fn after_verifying_with_another_option_the_user_is_reminded_of_their_settings() {
    let mut h = Harness::new();
    h.start_sms();
    h.on(Event::OpenPicker);
    h.on(Event::PickMethod("sms-2".into()));
    h.reply(Ok(Answer::Sent(SendResponse {
        method_id: "sms-2".into(),
        delivery: code_delivery(Some("••••••78"), Some(30)),
    })));
    assert_eq!(verify_and_remind(&mut h), Some(Reminder::OtherOption));
    assert_eq!(Reminder::OtherOption.as_str(), "other-option");
}

#[test]
fn the_usual_option_needs_no_reminder_and_a_single_one_asks_for_a_second() {
    let mut h = Harness::new();
    h.start_sms();
    assert_eq!(verify_and_remind(&mut h), None);

    let mut h = Harness::new();
    let mut c = challenge();
    c.methods.truncate(1);
    h.start_with(c, code_delivery(Some("••12"), Some(30)));
    assert_eq!(verify_and_remind(&mut h), Some(Reminder::AddSecond));
    assert_eq!(Reminder::AddSecond.as_str(), "add-second");
}

#[test]
fn a_code_sent_while_the_user_is_in_the_list_of_options_leaves_their_focus_there() {
    let mut h = Harness::new();
    h.on(Event::Begin {
        session: SessionOrigin::Hint,
        user_hint: Some("alex@contoso.com".into()),
        entropy: 7,
    });
    h.reply(Ok(Answer::Started(challenge())));
    let (send, _) = h.last_call();
    // The first text is still on its way when the user opens the list.
    h.on(Event::OpenPicker);
    assert_eq!(h.flow.overlay, Some(Overlay::Picker));
    h.on(Event::Response {
        id: send,
        result: Ok(Answer::Sent(SendResponse {
            method_id: "sms-1".into(),
            delivery: code_delivery(Some("••••••12"), Some(30)),
        })),
    });
    assert!(matches!(h.flow.phase, Phase::Code(_)));
    assert!(
        !h.fx.iter().any(|e| matches!(e, Effect::Focus(_))),
        "{:?}",
        h.fx
    );
    // Without the list open, the code field takes focus as the text goes out.
    let mut h = Harness::new();
    h.start_sms();
    assert!(h.fx.contains(&Effect::Focus(Focus::CodeInput)));
}
