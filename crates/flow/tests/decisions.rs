//! The decisions the flow makes for the widget's screens: which screen, which
//! notices are errors, the resend wait, the user, the way forward after a
//! failure, the method kind to name. The components only render them.

mod support;

use support::*;
use twostep_flow::*;
use twostep_protocol::*;

fn begin(h: &mut Harness) {
    h.on(Event::Begin {
        session: SessionOrigin::Hint,
        user_hint: Some("hint@contoso.com".into()),
        entropy: 7,
    });
}

/// The default text's send is refused: the method is paused for `secs`.
fn paused_start(h: &mut Harness, secs: u32) {
    begin(h);
    h.reply(Ok(Answer::Started(challenge())));
    let mut e = err(ErrorCode::MethodUnavailable);
    e.retry_after_secs = Some(secs);
    h.reply(Err(e));
}

#[test]
fn the_screen_follows_the_phase_and_the_open_panel() {
    let mut h = Harness::new();
    assert_eq!(h.flow.screen(), Screen::Loading);
    begin(&mut h);
    h.reply(Ok(Answer::Started(challenge())));
    // A texted code's field is up before the send answers, empty and with
    // nothing sent yet: one round trip less before the user sees it.
    assert_eq!(h.flow.screen(), Screen::Code);
    let waiting = h
        .flow
        .code_entry()
        .expect("an entry while the code is on its way");
    assert_eq!(
        (waiting.target.as_deref(), waiting.sent_at, waiting.sends),
        (Some("••••••12"), None, 0)
    );
    assert!(!h.flow.can_resend(h.now));
    h.reply(Ok(Answer::Sent(SendResponse {
        method_id: "sms-1".into(),
        delivery: code_delivery(Some("••••••12"), Some(0)),
    })));
    assert_eq!(h.flow.screen(), Screen::Code);
    // A resend keeps the code screen, and its entry, while the code is on its way.
    h.on(Event::Resend);
    let (resend, _) = h.last_call();
    assert!(matches!(h.flow.phase, Phase::Sending { .. }));
    assert_eq!(h.flow.screen(), Screen::Code);
    assert_eq!(h.flow.code_entry().map(|e| e.sends), Some(1));
    h.on(Event::OpenPicker);
    assert_eq!(h.flow.screen(), Screen::Picker);
    h.on(Event::OpenRecovery);
    assert_eq!(h.flow.screen(), Screen::Recovery);
    assert!(!Screen::Recovery.shows_help());
    h.on(Event::CloseRecovery);
    h.on(Event::Response {
        id: resend,
        result: Err(err(ErrorCode::Internal)),
    });
    assert_eq!(h.flow.screen(), Screen::Failed);
    assert_eq!(h.flow.code_entry(), None);
    h.advance(600_000);
    h.on(Event::TimerFired(Timer::Window));
    assert_eq!(h.flow.screen(), Screen::TimedOut);
    assert!(Screen::TimedOut.shows_help());
    assert!(!Screen::Loading.shows_help() && !Screen::Verified.shows_help());
}

#[test]
fn approvals_wait_on_their_own_screen_and_a_refused_first_code_fails() {
    let mut h = Harness::new();
    begin(&mut h);
    h.reply(Ok(Answer::Started(challenge())));
    h.on(Event::PickMethod("push".into()));
    // What an approval shows (a number to match or not) depends on the answer.
    assert_eq!(h.flow.screen(), Screen::Sending);
    assert_eq!(h.flow.code_entry(), None);
    h.on(Event::PickMethod("sms-2".into()));
    assert_eq!(h.flow.screen(), Screen::Code);
    // A first code refused for now is a failure with a way forward, not an
    // empty field with a notice.
    let mut e = err(ErrorCode::RateLimited);
    e.retry_after_secs = Some(60);
    h.reply(Err(e));
    assert_eq!(h.flow.screen(), Screen::Failed);
    assert_eq!(h.flow.code_entry(), None);
}

#[test]
fn only_a_wrong_expired_or_incomplete_code_is_an_error() {
    let errors = [
        CodeNotice::Wrong {
            attempts_left: Some(2),
        },
        CodeNotice::Expired,
        CodeNotice::Incomplete,
    ];
    assert!(errors.iter().all(CodeNotice::is_error));
    let others = [
        CodeNotice::Locked { until: 1 },
        CodeNotice::RateLimited { until: 1 },
        CodeNotice::DigitsOnly,
    ];
    assert!(!others.iter().any(CodeNotice::is_error));
    let mut h = Harness::new();
    h.start_sms();
    assert!(!h.code().has_error());
    h.on(Event::SubmitCode);
    assert_eq!(h.code().notice, Some(CodeNotice::Incomplete));
    assert!(h.code().has_error());
}

#[test]
fn the_resend_wait_counts_down_to_nothing() {
    let mut h = Harness::new();
    h.start_sms(); // resend after 30 s
    assert_eq!(h.code().resend_wait(h.now), Some(30_000));
    assert_eq!(h.code().resend_wait(h.now + 29_999), Some(1));
    assert_eq!(h.code().resend_wait(h.now + 30_000), None);
    // App codes are never resent: no wait to show.
    let mut app = Harness::new();
    let mut c = challenge();
    c.default_method = "totp".into();
    app.start_with(c, code_delivery(None, Some(30)));
    assert_eq!(app.code().resend_wait(app.now), None);
}

#[test]
fn the_user_is_the_backends_else_the_hosts_hint() {
    let mut h = Harness::new();
    assert_eq!(h.flow.user(), None);
    begin(&mut h);
    assert_eq!(h.flow.user(), Some("hint@contoso.com"));
    // A failed start names the user the host hinted at.
    h.reply(Err(err(ErrorCode::Internal)));
    assert_eq!(h.failure().user.as_deref(), Some("hint@contoso.com"));
    h.on(Event::Retry);
    h.reply(Ok(Answer::Started(challenge())));
    assert_eq!(h.flow.user(), Some("alex@contoso.com"));
    h.reply(Err(err(ErrorCode::Internal)));
    assert_eq!(h.failure().user.as_deref(), Some("alex@contoso.com"));
    assert!(matches!(&h.emitted()[..], [HostEvent::Error(f)] if f.user == h.failure().user));
}

#[test]
fn a_failure_offers_try_again_and_another_option() {
    let mut h = Harness::new();
    assert_eq!(h.flow.primary_action(), None);
    h.start_sms();
    assert_eq!(h.flow.primary_action(), None);
    h.on(Event::Resend);
    h.advance(30_000);
    h.on(Event::Resend);
    h.reply(Err(err(ErrorCode::Internal)));
    assert_eq!(h.flow.primary_action(), Some(PrimaryAction::TryAgain));
    assert_eq!(PrimaryAction::TryAgain.event(), Event::Retry);
    assert!(h.flow.failure_offers_other_option());
}

#[test]
fn a_paused_method_leads_to_another_option_instead() {
    let mut h = Harness::new();
    paused_start(&mut h, 60);
    assert_eq!(
        h.flow.primary_action(),
        Some(PrimaryAction::UseAnotherOption)
    );
    assert_eq!(PrimaryAction::UseAnotherOption.event(), Event::Retry);
    // The main action already leads there: no second link to the options.
    assert!(!h.flow.failure_offers_other_option());
    assert_eq!(h.failure().method_kind(), MethodKind::Sms);
}

#[test]
fn a_time_out_offers_starting_over_only() {
    let mut h = Harness::new();
    h.start_sms();
    h.advance(600_000);
    h.on(Event::TimerFired(Timer::Window));
    assert_eq!(h.flow.primary_action(), Some(PrimaryAction::StartOver));
    assert_eq!(PrimaryAction::StartOver.event(), Event::Restart);
    assert!(!h.flow.failure_offers_other_option());
}

#[test]
fn a_single_method_offers_no_other_option() {
    let mut h = Harness::new();
    let mut c = challenge();
    c.methods.truncate(1);
    begin(&mut h);
    h.reply(Ok(Answer::Started(c)));
    h.reply(Err(err(ErrorCode::Internal)));
    assert_eq!(h.flow.primary_action(), Some(PrimaryAction::TryAgain));
    assert!(!h.flow.failure_offers_other_option());
}

#[test]
fn the_method_kind_is_other_when_there_is_no_method() {
    let mut h = Harness::new();
    assert_eq!(h.flow.current_kind(), MethodKind::Other);
    begin(&mut h);
    h.reply(Err(err(ErrorCode::Internal)));
    assert_eq!(h.failure().method, None);
    assert_eq!(h.failure().method_kind(), MethodKind::Other);
    let mut h = Harness::new();
    h.start_sms();
    assert_eq!(h.flow.current_kind(), MethodKind::Sms);
}

#[test]
fn host_events_carry_the_user_and_the_method() {
    let mut h = Harness::new();
    begin(&mut h);
    h.reply(Ok(Answer::Started(challenge())));
    assert_eq!(
        h.emitted(),
        [HostEvent::Ready {
            session_ref: "TS-1".into(),
            user: "alex@contoso.com".into(),
            method: method("sms-1", MethodKind::Sms, Some("••••••12")),
        }]
    );
    h.on(Event::OpenPicker);
    h.on(Event::PickMethod("push".into()));
    assert_eq!(
        h.emitted(),
        [HostEvent::MethodChanged {
            method: method("push", MethodKind::Push, None),
        }]
    );
}
