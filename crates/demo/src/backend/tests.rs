//! The demo server's rules, run natively with a hand-driven clock.

use std::cell::Cell;
use std::future::Future;
use std::pin::pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use twostep_protocol::{Delivery, ErrorCode, PollStatus};

use super::calls::{AUTO_ANSWER_MS, CODE_TTL_MS, LOCKOUT_SECS};
use super::*;

/// Runs a future that is ready at once (native demo calls never wait).
fn ready<T>(f: impl Future<Output = T>) -> T {
    let mut cx = Context::from_waker(Waker::noop());
    match pin!(f).poll(&mut cx) {
        Poll::Ready(v) => v,
        Poll::Pending => panic!("the demo backend should not wait natively"),
    }
}

struct Rig {
    backend: DemoBackend,
    clock: Rc<Cell<u64>>,
    session: String,
}

impl Rig {
    fn new(scenario: Scenario) -> Self {
        let clock = Rc::new(Cell::new(1_795_894_925_000));
        let c = clock.clone();
        let backend = DemoBackend::with_clock(scenario, Rc::new(move || c.get()), 0);
        let challenge = ready(backend.start(StartRequest::default(), "corr-t".into())).unwrap();
        Rig {
            backend,
            clock,
            session: challenge.session_handle,
        }
    }

    fn advance(&self, ms: u64) {
        self.clock.set(self.clock.get() + ms);
    }

    fn send(&self, method: &str, resend: bool) -> Result<SendResponse, ApiError> {
        ready(self.backend.send(
            SendRequest {
                session_handle: self.session.clone(),
                method_id: method.into(),
                resend,
            },
            "corr-t".into(),
        ))
    }

    fn verify(&self, method: &str, code: &str) -> Result<VerifyResponse, ApiError> {
        ready(self.backend.verify(
            VerifyRequest {
                session_handle: self.session.clone(),
                method_id: method.into(),
                code: code.into(),
                remember_device: false,
            },
            "corr-t".into(),
        ))
    }

    fn poll(&self, method: &str) -> Result<PollResponse, ApiError> {
        ready(self.backend.poll(
            PollRequest {
                session_handle: self.session.clone(),
                method_id: method.into(),
                remember_device: false,
            },
            "corr-t".into(),
        ))
    }

    fn last_text(&self) -> String {
        self.backend.phone().newest_code().expect("a text")
    }
}

#[test]
fn a_texted_code_verifies_once() {
    let rig = Rig::new(Scenario::Text);
    rig.send("sms-1", false).unwrap();
    let code = rig.last_text();
    assert_eq!(code.len(), 6);
    assert!(
        rig.verify("sms-1", &code)
            .unwrap()
            .assertion
            .starts_with("demo-assertion-")
    );
    assert_eq!(
        rig.verify("sms-1", &code).unwrap_err().code,
        ErrorCode::InvalidCode
    );
}

#[test]
fn only_the_newest_code_works_after_a_resend() {
    let rig = Rig::new(Scenario::Text);
    rig.send("sms-1", false).unwrap();
    let old = rig.last_text();
    let e = rig.send("sms-1", true).unwrap_err();
    assert_eq!(e.code, ErrorCode::RateLimited);
    assert_eq!(e.retry_after_secs, Some(30));
    assert_eq!(
        e.correlation_id.as_deref(),
        Some("corr-t"),
        "the ID is echoed"
    );
    assert!(e.timestamp.is_some());
    rig.advance(30_000);
    rig.send("sms-1", true).unwrap();
    let new = rig.last_text();
    assert_ne!(old, new);
    assert_eq!(
        rig.verify("sms-1", &old).unwrap_err().code,
        ErrorCode::InvalidCode
    );
    assert!(rig.verify("sms-1", &new).is_ok());
}

#[test]
fn codes_expire() {
    let rig = Rig::new(Scenario::Text);
    rig.send("sms-1", false).unwrap();
    rig.advance(CODE_TTL_MS);
    let code = rig.last_text();
    assert_eq!(
        rig.verify("sms-1", &code).unwrap_err().code,
        ErrorCode::Expired
    );
}

#[test]
fn wrong_codes_run_out_then_lock() {
    let rig = Rig::new(Scenario::Lockout);
    rig.send("sms-1", false).unwrap();
    assert_eq!(
        rig.verify("sms-1", "000000").unwrap_err().attempts_left,
        Some(2)
    );
    assert_eq!(
        rig.verify("sms-1", "000000").unwrap_err().attempts_left,
        Some(1)
    );
    let e = rig.verify("sms-1", "000000").unwrap_err();
    assert_eq!(e.code, ErrorCode::TooManyAttempts);
    assert_eq!(e.retry_after_secs, Some(LOCKOUT_SECS));
    let code = rig.last_text();
    assert_eq!(
        rig.verify("sms-1", &code).unwrap_err().code,
        ErrorCode::TooManyAttempts
    );
}

#[test]
fn lost_texts_never_reach_the_phone_but_the_alternate_does() {
    let rig = Rig::new(Scenario::TextLost);
    rig.send("sms-1", false).unwrap();
    assert!(rig.backend.phone().messages().is_empty());
    rig.send("sms-2", false).unwrap();
    assert!(matches!(
        &rig.backend.phone().messages()[0].kind,
        PhoneKind::Text { to, .. } if to == ALTERNATE
    ));
}

#[test]
fn pushes_are_answered_after_a_while() {
    for (scenario, status) in [
        (Scenario::Push, PollStatus::Approved),
        (Scenario::PushDenied, PollStatus::Denied),
        (Scenario::Call, PollStatus::Approved),
    ] {
        let rig = Rig::new(scenario);
        let method = scenario.default_method();
        rig.send(method, false).unwrap();
        assert_eq!(rig.poll(method).unwrap().status, PollStatus::Pending);
        rig.advance(AUTO_ANSWER_MS);
        let p = rig.poll(method).unwrap();
        assert_eq!(p.status, status, "{scenario:?}");
        assert_eq!(p.assertion.is_some(), status == PollStatus::Approved);
    }
}

#[test]
fn an_unanswered_call_stays_pending_then_expires() {
    let rig = Rig::new(Scenario::CallUnanswered);
    let method = Scenario::CallUnanswered.default_method();
    rig.send(method, false).unwrap();
    rig.advance(AUTO_ANSWER_MS * 2);
    assert_eq!(rig.poll(method).unwrap().status, PollStatus::Pending);
    rig.advance(Scenario::CallUnanswered.approval_ttl_ms());
    let p = rig.poll(method).unwrap();
    assert_eq!(p.status, PollStatus::Expired);
    assert!(p.assertion.is_none());
}

#[test]
fn number_matching_needs_the_right_number() {
    let rig = Rig::new(Scenario::NumberMatch);
    let sent = rig.send("push", false).unwrap();
    let Delivery::Approval {
        number_to_match: Some(number),
        ..
    } = sent.delivery
    else {
        panic!("no number: {sent:?}")
    };
    rig.advance(AUTO_ANSWER_MS * 2);
    assert_eq!(rig.poll("push").unwrap().status, PollStatus::Pending);
    let choices = DemoPhone::number_choices(&number);
    assert_eq!(choices.len(), 3);
    assert!(choices.contains(&number));
    let wrong = choices.iter().find(|c| **c != number).unwrap();
    rig.backend.phone().answer(true, Some(wrong));
    assert_eq!(rig.poll("push").unwrap().status, PollStatus::Denied);

    rig.send("push", false).unwrap();
    let number = match &rig.backend.phone().messages().last().unwrap().kind {
        PhoneKind::Push { number } => number.clone().unwrap(),
        other => panic!("{other:?}"),
    };
    rig.backend.phone().answer(true, Some(&number));
    assert_eq!(rig.poll("push").unwrap().status, PollStatus::Approved);
}

#[test]
fn the_server_error_scenario_fails_once() {
    let rig = Rig::new(Scenario::ServerError);
    assert_eq!(
        rig.send("sms-1", false).unwrap_err().code,
        ErrorCode::Internal
    );
    assert!(rig.send("sms-1", false).is_ok());
}

#[test]
fn app_codes_follow_the_clock() {
    let rig = Rig::new(Scenario::Text);
    let r = rig.send("totp", false).unwrap();
    assert!(matches!(
        r.delivery,
        Delivery::Code {
            target: None,
            resend_after_secs: None,
            ..
        }
    ));
    let code = rig.backend.phone().app_code();
    assert!(rig.verify("totp", "999999x").is_err());
    assert!(rig.verify("totp", &code).is_ok());
}

fn resume(rig: &Rig, handle: &str) -> Result<Challenge, ApiError> {
    let req = StartRequest {
        session_handle: Some(handle.into()),
        user_hint: None,
    };
    ready(rig.backend.start(req, "corr-t".into()))
}

#[test]
fn sessions_expire_and_resume() {
    let rig = Rig::new(Scenario::QuickExpiry);
    let again = resume(&rig, &rig.session).unwrap();
    assert_eq!(again.session_handle, rig.session);
    rig.advance(12_000);
    let send = rig.send("sms-1", false).unwrap_err();
    assert_eq!(send.code, ErrorCode::SessionExpired);
    assert_eq!(send.session_ref, Some(again.session_ref.clone()));
    let start = resume(&rig, &rig.session).unwrap_err();
    assert_eq!(start.code, ErrorCode::SessionExpired);
}

#[test]
fn a_handle_and_a_public_reference_like_the_servers() {
    let rig = Rig::new(Scenario::Text);
    let c = resume(&rig, &rig.session).unwrap();
    assert!(c.session_handle.starts_with("sh_"), "{}", c.session_handle);
    assert!(c.session_handle.len() >= 32);
    let groups: Vec<&str> = c.session_ref.split('-').collect();
    assert_eq!(groups[0], "TS");
    assert_eq!(groups.len(), 4, "{}", c.session_ref);
    for g in &groups[1..] {
        assert_eq!(g.len(), 4);
        assert!(
            g.chars()
                .all(|ch| "0123456789ABCDEFGHJKMNPQRSTVWXYZ".contains(ch))
        );
    }
    // Errors name the session by its reference, never its handle.
    let e = rig.send("nope", false).unwrap_err();
    assert_eq!(e.session_ref, Some(c.session_ref));
    assert!(!format!("{e:?}").contains(&c.session_handle));
}

#[test]
fn an_unknown_handle_is_refused_and_a_created_session_resumes() {
    let rig = Rig::new(Scenario::Text);
    assert_eq!(
        resume(&rig, "sh_bogus").unwrap_err().code,
        ErrorCode::BadRequest
    );
    let created = rig.backend.create_session();
    assert_eq!(created.expires_in_secs, 600);
    let c = resume(&rig, &created.session_handle).unwrap();
    assert_eq!(c.session_ref, created.session_ref);
    // The old session is gone.
    assert_eq!(
        rig.send("sms-1", false).unwrap_err().code,
        ErrorCode::SessionExpired
    );
}

#[test]
fn unknown_methods_are_refused() {
    let rig = Rig::new(Scenario::SingleMethod);
    assert_eq!(
        rig.send("push", false).unwrap_err().code,
        ErrorCode::MethodUnavailable
    );
}

#[test]
fn the_demo_offers_to_remember_the_device_for_30_days() {
    let rig = Rig::new(Scenario::Text);
    let c = resume(&rig, &rig.session).unwrap();
    assert_eq!(c.remember_device_days, Some(30));
}
