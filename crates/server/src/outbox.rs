//! The dev delivery: keeps every text, call and notification in memory so
//! that `/dev/outbox` can show them and `/dev/answer` can answer them.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, MutexGuard};

use serde::Serialize;

use crate::clock::Clock;
use crate::clock::rfc3339;
use crate::delivery::{Call, Delivery, Push, Sending, Text, done};
use crate::session::Answer;

/// How many deliveries the outbox keeps; older ones are dropped.
pub const OUTBOX_CAPACITY: usize = 1000;

/// One delivery as `/dev/outbox` lists it. Targets are masked here too.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OutboxEntry {
    /// Increasing number, from 1.
    pub id: u64,
    /// When it went out (RFC 3339).
    pub at: String,
    /// The public reference of the session it belongs to.
    pub session_ref: String,
    /// The method it went by.
    pub method_id: String,
    /// `text`, `call` or `push`.
    pub kind: &'static str,
    /// Where it went, masked (`null` for the app).
    pub to: Option<String>,
    /// The code, for texts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The number to match, for calls and for notifications with number
    /// matching.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// `approved` or `denied` once a call or notification is answered.
    pub answer: Option<&'static str>,
}

/// The in-memory outbox.
pub struct DevOutbox {
    clock: Arc<dyn Clock>,
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    next_id: u64,
    entries: VecDeque<OutboxEntry>,
}

impl DevOutbox {
    /// An empty outbox stamping entries with `clock`.
    pub fn new(clock: Arc<dyn Clock>) -> Self {
        DevOutbox {
            clock,
            inner: Mutex::new(Inner::default()),
        }
    }

    fn inner(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The deliveries, oldest first, optionally only those of the session
    /// with this reference.
    pub fn list(&self, session_ref: Option<&str>) -> Vec<OutboxEntry> {
        self.inner()
            .entries
            .iter()
            .filter(|e| session_ref.is_none_or(|s| e.session_ref == s))
            .cloned()
            .collect()
    }

    /// Marks the session's latest call or notification as answered.
    pub fn record_answer(&self, session_ref: &str, answer: Answer) {
        let mut inner = self.inner();
        if let Some(e) = inner
            .entries
            .iter_mut()
            .rev()
            .find(|e| e.session_ref == session_ref && matches!(e.kind, "call" | "push"))
        {
            e.answer = Some(answer.as_str());
        }
    }

    fn add(
        &self,
        session_ref: &str,
        method_id: &str,
        kind: &'static str,
        to: Option<&str>,
        code: Option<&str>,
        number: Option<&str>,
    ) {
        let at = rfc3339(self.clock.now());
        let mut inner = self.inner();
        inner.next_id += 1;
        let entry = OutboxEntry {
            id: inner.next_id,
            at,
            session_ref: session_ref.to_string(),
            method_id: method_id.to_string(),
            kind,
            to: to.map(str::to_string),
            code: code.map(str::to_string),
            number: number.map(str::to_string),
            answer: None,
        };
        if inner.entries.len() == OUTBOX_CAPACITY {
            inner.entries.pop_front();
        }
        inner.entries.push_back(entry);
    }
}

impl Delivery for DevOutbox {
    fn send_text<'a>(&'a self, t: &'a Text<'a>) -> Sending<'a> {
        self.add(
            t.session_ref,
            t.method_id,
            "text",
            Some(t.masked_to),
            Some(t.code),
            None,
        );
        done(Ok(()))
    }

    fn place_call<'a>(&'a self, c: &'a Call<'a>) -> Sending<'a> {
        self.add(
            c.session_ref,
            c.method_id,
            "call",
            Some(c.masked_to),
            None,
            c.number_to_match,
        );
        done(Ok(()))
    }

    fn push<'a>(&'a self, p: &'a Push<'a>) -> Sending<'a> {
        self.add(
            p.session_ref,
            p.method_id,
            "push",
            None,
            None,
            p.number_to_match,
        );
        done(Ok(()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::ManualClock;

    /// Runs a delivery that is already done.
    fn sent(s: Sending<'_>) {
        let waker = std::task::Waker::noop();
        let mut cx = std::task::Context::from_waker(waker);
        let mut s = s;
        assert!(matches!(
            s.as_mut().poll(&mut cx),
            std::task::Poll::Ready(Ok(()))
        ));
    }

    fn outbox() -> DevOutbox {
        DevOutbox::new(Arc::new(ManualClock::at_unix(1_795_894_925)))
    }

    #[test]
    fn keeps_deliveries_in_order_with_masked_targets_only() {
        let o = outbox();
        let text = Text {
            session_ref: "s1",
            method_id: "sms-1",
            to: "+1 555 0100 112",
            masked_to: "••••••12",
            code: "123456",
        };
        sent(o.send_text(&text));
        sent(o.push(&Push {
            session_ref: "s2",
            method_id: "push",
            user: "a@x",
            number_to_match: Some("42"),
        }));
        let all = o.list(None);
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].id, 1);
        assert_eq!(all[0].at, "2026-11-28T19:42:05Z");
        assert_eq!(all[0].to.as_deref(), Some("••••••12"));
        assert_eq!(all[1].number.as_deref(), Some("42"));
        assert_eq!(o.list(Some("s2")).len(), 1);
        let json = serde_json::to_string(&all).unwrap();
        assert!(!json.contains("0100"));
    }

    #[test]
    fn an_answer_marks_the_latest_approval_of_the_session() {
        let o = outbox();
        let call = Call {
            session_ref: "s1",
            method_id: "voice-1",
            to: "+1 555 0100 112",
            masked_to: "••••••12",
            number_to_match: Some("17"),
        };
        sent(o.place_call(&call));
        sent(o.place_call(&call));
        o.record_answer("s1", Answer::Denied);
        let all = o.list(Some("s1"));
        assert_eq!(all[0].number.as_deref(), Some("17"));
        assert_eq!(all[0].answer, None);
        assert_eq!(all[1].answer, Some("denied"));
    }

    #[test]
    fn old_deliveries_are_dropped_past_capacity() {
        let o = outbox();
        for _ in 0..OUTBOX_CAPACITY + 5 {
            sent(o.push(&Push {
                session_ref: "s",
                method_id: "push",
                user: "a@x",
                number_to_match: None,
            }));
        }
        let all = o.list(None);
        assert_eq!(all.len(), OUTBOX_CAPACITY);
        assert_eq!(all[0].id, 6);
    }
}
