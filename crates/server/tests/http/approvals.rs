//! App notifications and calls: pending, approved, denied, number matching,
//! expiry, replacement.

use serde_json::Value;
use twostep_protocol::{Delivery, PollResponse, PollStatus, SendResponse};

use crate::common::{Server, dev};

const ALEX: &str = "alex@contoso.example";
const KIM: &str = "kim@contoso.example";

async fn status(s: &Server, sid: &str, method: &str) -> PollResponse {
    s.poll(sid, method).await.ok()
}

fn number_of(sent: &SendResponse) -> Option<String> {
    match &sent.delivery {
        Delivery::Approval {
            number_to_match, ..
        } => number_to_match.clone(),
        other => panic!("expected an approval, got {other:?}"),
    }
}

#[tokio::test]
async fn a_push_with_the_right_number_is_approved() {
    let s = dev().await;
    let c = s.start(ALEX).await;
    let sid = c.session_handle.as_str();
    let sref = c.session_ref.as_str();
    let sent: SendResponse = s.send(sid, "push", false).await.ok();
    let number = number_of(&sent).expect("alex has number matching");
    assert!(number.len() == 2 && number.bytes().all(|b| b.is_ascii_digit()));
    assert!(matches!(
        sent.delivery,
        Delivery::Approval {
            target: None,
            poll_interval_ms: 1000,
            ..
        }
    ));
    let outbox = s.outbox(sref).await;
    assert_eq!(outbox[0]["kind"], "push");
    assert_eq!(outbox[0]["to"], Value::Null);
    assert_eq!(outbox[0]["number"], number.as_str());
    assert!(outbox[0].get("code").is_none());

    let p = status(&s, sid, "push").await;
    assert_eq!((p.status, p.assertion), (PollStatus::Pending, None));

    let r = s.answer(sref, true, Some(&number)).await;
    assert_eq!(r.status, 204, "{}", r.body);
    assert_eq!(s.outbox(sref).await[0]["answer"], "approved");
    let p = status(&s, sid, "push").await;
    assert_eq!(p.status, PollStatus::Approved);
    let assertion = p.assertion.unwrap();
    let claims = s.verified(&assertion, "twostep-dev").await;
    assert_eq!(claims.amr, ["swk", "user"]);
    assert_eq!(claims.sid, sref);

    // A retried poll (its answer was lost) gets the same assertion again,
    // within the retry window; another method gets nothing.
    s.advance(29);
    let again = status(&s, sid, "push").await;
    assert_eq!(
        (again.status, again.assertion.as_deref()),
        (PollStatus::Approved, Some(assertion.as_str()))
    );
    s.poll(sid, "voice-1").await.error(410, "session_expired");
    // After it, the session is simply finished.
    s.advance(1);
    s.poll(sid, "push").await.error(410, "session_expired");
}

#[tokio::test]
async fn a_wrong_or_missing_number_is_a_denial() {
    let s = dev().await;
    for given in [Some("wrong"), None] {
        // Past the push cool-down of the round before.
        s.advance(30);
        let c = s.start(ALEX).await;
        let sid = c.session_handle.as_str();
        let sref = c.session_ref.as_str();
        let sent: SendResponse = s.send(sid, "push", false).await.ok();
        let number = number_of(&sent).unwrap();
        let wrong = if number == "42" { "43" } else { "42" };
        let given = given.map(|_| wrong);
        assert_eq!(s.answer(sref, true, given).await.status, 204);
        assert_eq!(status(&s, sid, "push").await.status, PollStatus::Denied);
        assert_eq!(s.outbox(sref).await[0]["answer"], "denied");
        // The answer stands; a second one is refused.
        s.answer(sref, true, Some(&number))
            .await
            .error(409, "method_unavailable");
        assert_eq!(status(&s, sid, "push").await.status, PollStatus::Denied);
    }
}

#[tokio::test]
async fn without_number_matching_a_push_is_approved_or_denied_as_answered() {
    // Only where the directory asks for it (kim's entry does not).
    let mut config = crate::common::dev_config();
    config.limits.number_match_every_push = false;
    let s = crate::common::server(config).await;
    let c = s.start(KIM).await;
    let sid = c.session_handle.as_str();
    let sref = c.session_ref.as_str();
    let sent: SendResponse = s.send(sid, "push", false).await.ok();
    assert_eq!(number_of(&sent), None);
    assert!(s.outbox(sref).await[0].get("number").is_none());
    assert_eq!(s.answer(sref, false, None).await.status, 204);
    assert_eq!(status(&s, sid, "push").await.status, PollStatus::Denied);

    // Another push, after the cool-down, replaces the denied one.
    s.send(sid, "push", false).await.error(429, "rate_limited");
    s.advance(30);
    s.send(sid, "push", false).await.ok::<SendResponse>();
    assert_eq!(status(&s, sid, "push").await.status, PollStatus::Pending);
    assert_eq!(s.answer(sref, true, None).await.status, 204);
    assert_eq!(status(&s, sid, "push").await.status, PollStatus::Approved);
}

#[tokio::test]
async fn a_call_is_approved_by_keying_in_the_number_on_screen() {
    let s = dev().await;
    let c = s.start(ALEX).await;
    let sid = c.session_handle.as_str();
    let sref = c.session_ref.as_str();
    let sent: SendResponse = s.send(sid, "voice-1", false).await.ok();
    let number = number_of(&sent).expect("every call carries a number to key in");
    assert_eq!(
        sent.delivery,
        Delivery::Approval {
            target: Some("••••••12".into()),
            poll_interval_ms: 1000,
            number_to_match: Some(number.clone()),
        }
    );
    let outbox = s.outbox(sref).await;
    assert_eq!(outbox[0]["kind"], "call");
    assert_eq!(outbox[0]["to"], "••••••12");
    assert_eq!(outbox[0]["number"], number.as_str());
    assert_eq!(status(&s, sid, "voice-1").await.status, PollStatus::Pending);
    assert_eq!(s.answer(sref, true, Some(&number)).await.status, 204);
    let p = status(&s, sid, "voice-1").await;
    assert_eq!(p.status, PollStatus::Approved);
    let claims = s.verified(&p.assertion.unwrap(), "twostep-dev").await;
    assert_eq!(claims.amr, ["tel"]);
}

#[tokio::test]
async fn a_call_approved_with_one_key_and_no_number_is_a_denial() {
    let s = dev().await;
    let c = s.start(ALEX).await;
    let sid = c.session_handle.as_str();
    let sref = c.session_ref.as_str();
    s.send(sid, "voice-1", false).await.ok::<SendResponse>();
    assert_eq!(s.answer(sref, true, None).await.status, 204);
    assert_eq!(status(&s, sid, "voice-1").await.status, PollStatus::Denied);
    assert_eq!(s.outbox(sref).await[0]["answer"], "denied");
}

#[tokio::test]
async fn an_unanswered_approval_expires() {
    let s = dev().await;
    let c = s.start(KIM).await;
    let sid = c.session_handle.as_str();
    let sref = c.session_ref.as_str();
    s.send(sid, "push", false).await.ok::<SendResponse>();
    s.advance(59);
    assert_eq!(status(&s, sid, "push").await.status, PollStatus::Pending);
    s.advance(1);
    assert_eq!(status(&s, sid, "push").await.status, PollStatus::Expired);
    s.answer(sref, true, None).await.error(410, "expired");
    // A new push starts over.
    s.send(sid, "push", false).await.ok::<SendResponse>();
    assert_eq!(status(&s, sid, "push").await.status, PollStatus::Pending);
}

#[tokio::test]
async fn a_new_send_replaces_the_waiting_approval() {
    let s = dev().await;
    let c = s.start(ALEX).await;
    let sid = c.session_handle.as_str();
    let sref = c.session_ref.as_str();
    let first = number_of(&s.send(sid, "push", false).await.ok()).unwrap();
    // Inside the cool-down the waiting push is answered again, same number,
    // with the time left; nothing is pushed.
    s.advance(10);
    let again = s.send(sid, "push", false).await;
    assert_eq!(again.header("retry-after"), Some("20"));
    assert_eq!(number_of(&again.ok()).as_deref(), Some(first.as_str()));
    assert_eq!(s.outbox(sref).await.len(), 1);
    s.advance(20);
    let second = number_of(&s.send(sid, "push", false).await.ok()).unwrap();
    assert_eq!(s.outbox(sref).await.len(), 2);
    if first != second {
        // The first number no longer counts.
        assert_eq!(s.answer(sref, true, Some(&first)).await.status, 204);
        assert_eq!(status(&s, sid, "push").await.status, PollStatus::Denied);
        let outbox = s.outbox(sref).await;
        assert_eq!(outbox[0]["answer"], Value::Null);
        assert_eq!(outbox[1]["answer"], "denied");
    }

    // A call replaces the push: the push now polls as expired.
    s.send(sid, "voice-1", false).await.ok::<SendResponse>();
    assert_eq!(status(&s, sid, "push").await.status, PollStatus::Expired);
    assert_eq!(status(&s, sid, "voice-1").await.status, PollStatus::Pending);
}

#[tokio::test]
async fn polling_a_method_never_sent_reports_expired() {
    let s = dev().await;
    let c = s.start(ALEX).await;
    assert_eq!(
        status(&s, &c.session_handle, "push").await.status,
        PollStatus::Expired
    );
    // And there is nothing to answer.
    s.answer(&c.session_ref, true, None)
        .await
        .error(409, "method_unavailable");
    // The handle names no session there: the dev endpoints take references.
    s.answer(&c.session_handle, true, None)
        .await
        .error(400, "bad_request");
    s.answer("TS-0000-0000-0000", true, None)
        .await
        .error(400, "bad_request");
}
