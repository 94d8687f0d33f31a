//! The contract checks, run in order against one backend.

use serde::de::DeserializeOwned;
use serde_json::json;
use twostep_protocol::{
    ApiError, Challenge, Delivery, ErrorCode, MethodKind, Operation, PollResponse, PollStatus,
    SendResponse, is_masked, looks_like_rfc3339,
};

use crate::client::{Client, Reply, clip};
use crate::options::Options;
use crate::{assertion, limits, secrecy, sessions};

/// What one check found.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The backend does what the contract says.
    Pass,
    /// It does not; the reason says how.
    Fail(String),
    /// Not checked, with why (for example the user has no such method).
    Skip(String),
}

/// One named check and its verdict.
#[derive(Debug)]
pub struct Outcome {
    /// What was checked.
    pub name: &'static str,
    /// What was found.
    pub verdict: Verdict,
}

/// A check's result: its value, or why it failed.
pub(crate) type Check<T = ()> = Result<T, String>;

/// Reads a 200 answer as `T`.
pub(crate) fn success<T: DeserializeOwned>(reply: &Reply) -> Check<T> {
    if reply.status != 200 {
        return Err(format!(
            "expected 200, got {}: {}",
            reply.status,
            clip(&reply.body)
        ));
    }
    serde_json::from_str(&reply.body).map_err(|e| {
        format!(
            "the answer does not match the contract ({e}): {}",
            clip(&reply.body)
        )
    })
}

/// Checks an error answer: its status, envelope, code and echoed IDs.
pub(crate) fn envelope(
    reply: &Reply,
    sent_id: &str,
    status: &[u16],
    codes: &[ErrorCode],
) -> Check<ApiError> {
    if !status.contains(&reply.status) {
        return Err(format!(
            "expected status {status:?}, got {}: {}",
            reply.status,
            clip(&reply.body)
        ));
    }
    let e: ApiError = serde_json::from_str(&reply.body)
        .map_err(|err| format!("not an error envelope ({err}): {}", clip(&reply.body)))?;
    if !codes.contains(&e.code) {
        return Err(format!("expected code {codes:?}, got {:?}", e.code));
    }
    if e.message.trim().is_empty() {
        return Err("the envelope has an empty message".into());
    }
    if e.correlation_id.as_deref() != Some(sent_id) {
        return Err(format!(
            "the envelope's correlation_id {:?} is not the one sent ({sent_id})",
            e.correlation_id
        ));
    }
    if reply.correlation_id.as_deref() != Some(sent_id) {
        return Err(format!(
            "the X-Correlation-ID header {:?} is not the one sent",
            reply.correlation_id
        ));
    }
    match e.timestamp.as_deref() {
        Some(t) if looks_like_rfc3339(t) => {}
        other => {
            return Err(format!(
                "the envelope's timestamp {other:?} is not RFC 3339"
            ));
        }
    }
    Ok(e)
}

/// The outcomes so far.
#[derive(Default)]
pub(crate) struct Outcomes(pub(crate) Vec<Outcome>);

impl Outcomes {
    /// Records a check: its verdict, or a failure with the reason.
    pub(crate) fn record(&mut self, name: &'static str, result: Check<Verdict>) {
        let verdict = result.unwrap_or_else(Verdict::Fail);
        self.0.push(Outcome { name, verdict });
    }
}

/// Runs every check against the backend `options` describe.
pub fn run(options: &Options) -> Vec<Outcome> {
    let client = Client::new(&options.base_url);
    let mut out = Outcomes::default();

    // Starting: server to server, or from a hint in dev mode.
    sessions::server_to_server(&client, options, &mut out);
    sessions::browser_start(&client, options, &mut out);
    let asked = sessions::ask(&client, options);
    out.record(
        "the correlation ID is echoed on success",
        (|| {
            let (id, reply) = asked.as_ref().map_err(Clone::clone)?;
            match &reply.correlation_id {
                Some(h) if h == id => Ok(Verdict::Pass),
                other => Err(format!("X-Correlation-ID was {other:?}, sent {id}")),
            }
        })(),
    );
    let resumed = asked.and_then(|(_, reply)| {
        let handle = sessions::handle_of(options, &reply)?;
        let (_, reply) = client.post(
            Operation::Start.path(),
            &json!({ "session_handle": handle }),
        )?;
        let c: Challenge = success(&reply)?;
        Ok((handle, c))
    });
    out.record(
        "start returns a challenge for the session",
        (|| {
            let (handle, c) = resumed.as_ref().map_err(Clone::clone)?;
            if c.session_handle != *handle {
                return Err("the challenge names another session_handle".into());
            }
            c.check_conforms().map_err(|problem| problem.to_string())?;
            Ok(Verdict::Pass)
        })(),
    );
    let Ok((session, c)) = resumed else {
        out.record(
            "the rest of the checks",
            Err("skipped: no session could be started".into()),
        );
        return out.0;
    };
    out.record(
        "a remember-device offer is at least one day",
        match c.remember_device_days {
            None => Ok(Verdict::Skip(
                "the challenge offers no remembered devices".into(),
            )),
            Some(0) => Err("remember_device_days is 0: leave it out to offer nothing".into()),
            Some(_) => Ok(Verdict::Pass),
        },
    );
    out.record("targets arrive masked", {
        match c
            .methods
            .iter()
            .find(|m| m.target.as_deref().is_some_and(|t| !is_masked(t)))
        {
            Some(m) => Err(format!("method {} shows {:?}", m.id, m.target)),
            None => Ok(Verdict::Pass),
        }
    });
    let mut record = |name, result| out.record(name, result);

    // Bad requests.
    record(
        "malformed JSON gets a bad_request envelope",
        (|| {
            let id = client.next_correlation_id();
            let reply = client.post_raw(Operation::Send.path(), "{not json", Some(&id))?;
            envelope(&reply, &id, &[400], &[ErrorCode::BadRequest]).map(|_| Verdict::Pass)
        })(),
    );
    record(
        "JSON of the wrong shape gets a bad_request envelope",
        (|| {
            let (id, reply) =
                client.post(Operation::Send.path(), &json!({ "session_handle": 5 }))?;
            envelope(&reply, &id, &[400, 422], &[ErrorCode::BadRequest]).map(|_| Verdict::Pass)
        })(),
    );
    record(
        "an unknown session is refused with an envelope",
        (|| {
            let (id, reply) = client.post(
                Operation::Send.path(),
                &json!({ "session_handle": "no-such-session", "method_id": c.default_method }),
            )?;
            envelope(
                &reply,
                &id,
                &[400, 404, 410],
                &[ErrorCode::BadRequest, ErrorCode::SessionExpired],
            )
            .map(|_| Verdict::Pass)
        })(),
    );
    record(
        "an unknown method is refused as method_unavailable",
        (|| {
            let (id, reply) = client.post(
                Operation::Send.path(),
                &json!({ "session_handle": session, "method_id": "no-such-method" }),
            )?;
            envelope(&reply, &id, &[409], &[ErrorCode::MethodUnavailable]).map(|_| Verdict::Pass)
        })(),
    );

    // A texted code.
    let texted = c
        .methods
        .iter()
        .find(|m| matches!(m.kind, MethodKind::Sms | MethodKind::Email));
    match texted {
        None => record(
            "sending a code",
            Ok(Verdict::Skip("the user has no text or email method".into())),
        ),
        Some(m) => {
            let sent = (|| {
                let (_, reply) = client.post(
                    Operation::Send.path(),
                    &json!({ "session_handle": session, "method_id": m.id }),
                )?;
                success::<SendResponse>(&reply)
            })();
            record(
                "sending a code returns a code delivery",
                (|| {
                    let r = sent.as_ref().map_err(Clone::clone)?;
                    match &r.delivery {
                        Delivery::Code {
                            code_length,
                            resend_after_secs,
                            ..
                        } => {
                            if !(1..=12).contains(code_length) {
                                return Err(format!("code_length {code_length}"));
                            }
                            if resend_after_secs.is_none() {
                                return Err("no resend_after_secs for a delivered code".into());
                            }
                            if r.method_id != m.id {
                                return Err(format!("answer names method {:?}", r.method_id));
                            }
                            Ok(Verdict::Pass)
                        }
                        other => Err(format!("expected a code delivery, got {other:?}")),
                    }
                })(),
            );
            record(
                "an immediate resend is rate limited with a retry time",
                (|| {
                    let (id, reply) = client.post(
                        Operation::Send.path(),
                        &json!({ "session_handle": session, "method_id": m.id, "resend": true }),
                    )?;
                    let e = envelope(&reply, &id, &[429], &[ErrorCode::RateLimited])?;
                    match (e.retry_after_secs, &reply.retry_after) {
                        (Some(s), Some(_)) if s > 0 => Ok(Verdict::Pass),
                        (s, h) => Err(format!("retry_after_secs {s:?}, Retry-After header {h:?}")),
                    }
                })(),
            );
            record(
                "a wrong code is refused with attempts left",
                (|| {
                    let (id, reply) = client.post(
                        Operation::Verify.path(),
                        &json!({ "session_handle": session, "method_id": m.id, "code": "000000" }),
                    )?;
                    let e = envelope(&reply, &id, &[422], &[ErrorCode::InvalidCode])?;
                    match e.attempts_left {
                        Some(_) => Ok(Verdict::Pass),
                        None => Err("no attempts_left".into()),
                    }
                })(),
            );
            record(
                "remember_device is accepted and never gets a wrong code through",
                (|| {
                    let (id, reply) = client.post(
                        Operation::Verify.path(),
                        &json!({
                            "session_handle": session, "method_id": m.id, "code": "000000",
                            "remember_device": true
                        }),
                    )?;
                    envelope(&reply, &id, &[422], &[ErrorCode::InvalidCode]).map(|_| Verdict::Pass)
                })(),
            );
        }
    }

    // An approval.
    let mut push = None;
    match c.methods.iter().find(|m| m.kind == MethodKind::Push) {
        None => record(
            "a push and its poll",
            Ok(Verdict::Skip(
                "the user has no app notification method".into(),
            )),
        ),
        Some(m) => {
            let pushed = (|| {
                let (_, reply) = client.post(
                    Operation::Send.path(),
                    &json!({ "session_handle": session, "method_id": m.id }),
                )?;
                let r: SendResponse = success(&reply)?;
                let number = match r.delivery {
                    Delivery::Approval {
                        poll_interval_ms,
                        number_to_match,
                        ..
                    } if poll_interval_ms > 0 => number_to_match,
                    other => {
                        return Err(format!("expected an approval delivery, got {other:?}"));
                    }
                };
                let (_, reply) = client.post(
                    Operation::Poll.path(),
                    &json!({ "session_handle": session, "method_id": m.id }),
                )?;
                let p: PollResponse = success(&reply)?;
                if p.status == PollStatus::Pending {
                    Ok((m, number))
                } else {
                    Err(format!("a fresh push polls as {:?}", p.status))
                }
            })();
            record(
                "a push returns an approval delivery and polls as pending",
                pushed.as_ref().map(|_| Verdict::Pass).map_err(Clone::clone),
            );
            push = pushed.ok();
        }
    }
    record(
        "calls that do not fit the method are refused with an envelope",
        (|| {
            let code = c.methods.iter().find(|m| m.kind != MethodKind::Push);
            let Some(m) = code else {
                return Ok(Verdict::Skip("the user has only app notifications".into()));
            };
            let (id, reply) = client.post(
                Operation::Poll.path(),
                &json!({ "session_handle": session, "method_id": m.id }),
            )?;
            envelope(
                &reply,
                &id,
                &[400, 409],
                &[ErrorCode::MethodUnavailable, ErrorCode::BadRequest],
            )
            .map(|_| Verdict::Pass)
        })(),
    );
    // The last check of the main session: it finishes it.
    assertion::poll_retry(&client, &session, &c.session_ref, push, &mut out);
    limits::approval_cool_downs(&client, options, &c, &mut out);
    limits::attempts_across_sessions(&client, options, &mut out);
    let finished = assertion::check(&client, options, &c, &mut out);
    secrecy::check(&client, &[session.as_str()], finished.as_deref(), &mut out);
    out.0
}
