//! The limits the contract requires of any backend: wrong codes count per
//! user across sessions, and calls and notifications have cool-downs.

use serde_json::json;
use twostep_protocol::{
    Challenge, Delivery, ErrorCode, Method, MethodKind, Operation, SendResponse,
};

use crate::checks::{Check, Outcomes, Verdict, envelope, success};
use crate::client::Client;
use crate::options::Options;
use crate::sessions;

const ACROSS_CHECK: &str = "wrong codes count across sessions (a new session does not reset them)";

/// A fresh session for the test user, resumed: its handle and challenge.
fn fresh(client: &Client, options: &Options) -> Check<(String, Challenge)> {
    let handle = sessions::begin(client, options)?;
    let (_, reply) = client.post(
        Operation::Start.path(),
        &json!({ "session_handle": handle }),
    )?;
    Ok((handle, success(&reply)?))
}

/// A wrong code for `method` in the session `handle`: the attempts left.
fn wrong_code(client: &Client, handle: &str, method: &Method, code: &str) -> Check<u32> {
    let (id, reply) = client.post(
        Operation::Verify.path(),
        &json!({ "session_handle": handle, "method_id": method.id, "code": code }),
    )?;
    envelope(&reply, &id, &[422], &[ErrorCode::InvalidCode])?
        .attempts_left
        .ok_or_else(|| "no attempts_left".to_string())
}

/// Wrong codes in two sessions: the second session's count goes on from the
/// first's.
pub(crate) fn attempts_across_sessions(client: &Client, options: &Options, out: &mut Outcomes) {
    out.record(
        ACROSS_CHECK,
        (|| {
            let (first, c) = fresh(client, options)?;
            let Some(m) = c
                .methods
                .iter()
                .find(|m| matches!(m.kind, MethodKind::Sms | MethodKind::Totp))
            else {
                return Ok(Verdict::Skip("the user has no code method".into()));
            };
            let before = wrong_code(client, &first, m, "000001")?;
            let (second, _) = fresh(client, options)?;
            let after = wrong_code(client, &second, m, "000002")?;
            if after + 1 == before {
                Ok(Verdict::Pass)
            } else {
                Err(format!(
                    "attempts_left was {before} in one session and {after} in the next: the \
                     count must be the user's, not the session's"
                ))
            }
        })(),
    );
}

/// A second call or notification right after the first, in the same
/// session and in a new one: answered as sent without a new delivery (the
/// same number to match), or refused as `rate_limited` with a wait; never a
/// new request with a new number.
pub(crate) fn approval_cool_downs(
    client: &Client,
    options: &Options,
    c: &Challenge,
    out: &mut Outcomes,
) {
    for (kind, name) in [
        (MethodKind::Push, "app notifications have a cool-down"),
        (MethodKind::Voice, "calls have a cool-down"),
    ] {
        let Some(m) = c.methods.iter().find(|m| m.kind == kind) else {
            out.record(
                name,
                Ok(Verdict::Skip(format!(
                    "the user has no {} method",
                    kind.as_str()
                ))),
            );
            continue;
        };
        out.record(name, cool_down(client, options, m));
    }
}

fn cool_down(client: &Client, options: &Options, m: &Method) -> Check<Verdict> {
    let (handle, _) = fresh(client, options)?;
    let send = |handle: &str| {
        client.post(
            Operation::Send.path(),
            &json!({ "session_handle": handle, "method_id": m.id }),
        )
    };
    let number = |r: &SendResponse| match &r.delivery {
        Delivery::Approval {
            number_to_match, ..
        } => Ok(number_to_match.clone()),
        other => Err(format!("expected an approval delivery, got {other:?}")),
    };
    let (id, reply) = send(&handle)?;
    // The method may still be cooling from an earlier check: that is a pass.
    if reply.status == 429 {
        return cooling(&reply, &id);
    }
    let first: SendResponse = success(&reply)?;
    let first_number = number(&first)?;
    for handle in [handle.clone(), fresh(client, options)?.0] {
        let (id, reply) = send(&handle)?;
        if reply.status == 429 {
            cooling(&reply, &id)?;
            continue;
        }
        let again: SendResponse = success(&reply)?;
        if number(&again)? != first_number {
            return Err(format!(
                "a second {} right after the first was sent again (a new number to match)",
                m.kind.as_str()
            ));
        }
        if first_number.is_none() && reply.retry_after.is_none() {
            return Err(format!(
                "a second {} right after the first was answered as new: answer as sent with \
                 Retry-After, or rate_limited",
                m.kind.as_str()
            ));
        }
    }
    Ok(Verdict::Pass)
}

/// A `rate_limited` envelope with a wait.
fn cooling(reply: &crate::client::Reply, id: &str) -> Check<Verdict> {
    let e = envelope(reply, id, &[429], &[ErrorCode::RateLimited])?;
    match (e.retry_after_secs, &reply.retry_after) {
        (Some(s), Some(_)) if s > 0 => Ok(Verdict::Pass),
        (s, h) => Err(format!("retry_after_secs {s:?}, Retry-After header {h:?}")),
    }
}
