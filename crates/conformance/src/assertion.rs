//! The signed assertion: a verification completed with the test user's app
//! code, then its JWS checked against the backend's JWKS and the documented
//! claims.

use std::time::{SystemTime, UNIX_EPOCH};

use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, Validation, decode, decode_header};
use serde_json::{Value, json};
use totp_rs::{Algorithm as TotpAlgorithm, Builder, Secret};
use twostep_protocol::{
    ASSERTION_TYPE, AssertionClaims, Challenge, ErrorCode, JWKS_PATH, MAX_ASSERTION_LIFETIME_SECS,
    Method, MethodKind, Operation, PollResponse, PollStatus, VerifyResponse, amr,
};

use crate::checks::{Check, Outcomes, Verdict, envelope, success};
use crate::client::{Client, clip};
use crate::options::Options;
use crate::sessions;

/// How far the backend's clock may be from this machine's, in seconds.
const CLOCK_SKEW_SECS: u64 = 300;

const JWKS_CHECK: &str = "the JWKS publishes public signing keys with a kid";
const SIGNATURE_CHECK: &str = "the assertion's signature verifies against the JWKS by its kid";
const CLAIMS_CHECK: &str = "the assertion carries the documented claims";
const RETRY_CHECK: &str =
    "a retried verify gets the same assertion, without a second use of the code";
const FINISHED_CHECK: &str = "a finished verification is over for any other code (session_expired)";
const POLL_RETRY_CHECK: &str = "a retried poll of an approved notification gets the same assertion";
/// The checks of a verification with the app code, in the order they are recorded.
const APP_CHECKS: [&str; 5] = [
    JWKS_CHECK,
    SIGNATURE_CHECK,
    CLAIMS_CHECK,
    RETRY_CHECK,
    FINISHED_CHECK,
];

/// A verified session: its challenge and the assertion it ended with.
struct Verified {
    challenge: Challenge,
    assertion: String,
    asked_to_remember: bool,
}

/// Completes a second verification with the app code and checks its
/// assertion. Returns that session's handle, for the secrecy check.
pub(crate) fn check(
    client: &Client,
    options: &Options,
    main: &Challenge,
    out: &mut Outcomes,
) -> Option<String> {
    let Some(app) = main.methods.iter().find(|m| m.kind == MethodKind::Totp) else {
        skip_all(out, "the user has no authenticator-app method");
        return None;
    };
    let code = match app_code(client, options) {
        Ok(Some(code)) => code,
        Ok(None) => {
            skip_all(
                out,
                "no --totp-secret, and the backend has no GET /dev/totp to read the app code from",
            );
            return None;
        }
        Err(e) => {
            for name in APP_CHECKS {
                out.record(name, Err(e.clone()));
            }
            return None;
        }
    };
    let verified = verify_with_app(client, options, app, &code);
    let jwks = jwks(client);
    out.record(
        JWKS_CHECK,
        jwks.as_ref().map(|_| Verdict::Pass).map_err(Clone::clone),
    );
    let claims = verified
        .as_ref()
        .map_err(Clone::clone)
        .and_then(|v| signature(jwks.as_ref().map_err(Clone::clone)?, &v.assertion));
    out.record(
        SIGNATURE_CHECK,
        claims.as_ref().map(|_| Verdict::Pass).map_err(Clone::clone),
    );
    out.record(
        CLAIMS_CHECK,
        claims.and_then(|claims| {
            let v = verified.as_ref().map_err(Clone::clone)?;
            documented(options, v, &claims).map(|()| Verdict::Pass)
        }),
    );
    let handle = verified
        .as_ref()
        .ok()
        .map(|v| v.challenge.session_handle.clone());
    out.record(
        RETRY_CHECK,
        verified.as_ref().map_err(Clone::clone).and_then(|v| {
            // The same request again, as a widget retries when the answer
            // was lost: the same assertion, not session_expired.
            let mut body = json!({
                "session_handle": v.challenge.session_handle,
                "method_id": app.id,
                "code": code,
            });
            if v.asked_to_remember {
                body["remember_device"] = true.into();
            }
            let (_, reply) = client.post(Operation::Verify.path(), &body)?;
            let again: VerifyResponse = success(&reply)
                .map_err(|e| format!("the retry was not answered like the first call: {e}"))?;
            if again.assertion == v.assertion {
                Ok(Verdict::Pass)
            } else {
                Err("the retry got another assertion: the code was used twice".into())
            }
        }),
    );
    out.record(
        FINISHED_CHECK,
        verified.and_then(|v| {
            let other = if code == "000000" { "111111" } else { "000000" };
            let (id, reply) = client.post(
                Operation::Verify.path(),
                &json!({
                    "session_handle": v.challenge.session_handle,
                    "method_id": app.id,
                    "code": other,
                }),
            )?;
            envelope(&reply, &id, &[410], &[ErrorCode::SessionExpired]).map(|_| Verdict::Pass)
        }),
    );
    handle
}

fn skip_all(out: &mut Outcomes, why: &str) {
    for name in APP_CHECKS {
        out.record(name, Ok(Verdict::Skip(why.to_string())));
    }
}

/// The notification `push` sent in the session `handle` (its method and
/// number to match), approved through the reference server's
/// `POST /dev/answer`, then polled twice as a widget does when the first
/// answer was lost: both polls must carry the same assertion. Skipped
/// where nothing here can approve a notification (no `/dev/answer`).
pub(crate) fn poll_retry(
    client: &Client,
    handle: &str,
    session_ref: &str,
    push: Option<(&Method, Option<String>)>,
    out: &mut Outcomes,
) {
    out.record(
        POLL_RETRY_CHECK,
        (|| {
            let Some((m, number)) = push else {
                return Ok(Verdict::Skip("no notification was sent".into()));
            };
            let (_, reply) = client.post(
                "/dev/answer",
                &json!({ "session_ref": session_ref, "approve": true, "number": number }),
            )?;
            if reply.status == 404 {
                return Ok(Verdict::Skip(
                    "the backend has no POST /dev/answer to approve a notification from here"
                        .into(),
                ));
            }
            if !(200..300).contains(&reply.status) {
                return Err(format!(
                    "POST /dev/answer failed with {}: {}",
                    reply.status,
                    clip(&reply.body)
                ));
            }
            let poll = || -> Check<PollResponse> {
                let (_, reply) = client.post(
                    Operation::Poll.path(),
                    &json!({ "session_handle": handle, "method_id": m.id }),
                )?;
                success(&reply)
            };
            let first = poll()?;
            let again = poll().map_err(|e| {
                format!("the retried poll was not answered like the first one: {e}")
            })?;
            match (first.status, first.assertion, again.status, again.assertion) {
                (PollStatus::Approved, Some(a), PollStatus::Approved, Some(b)) if a == b => {
                    Ok(Verdict::Pass)
                }
                (PollStatus::Approved, Some(_), PollStatus::Approved, Some(_)) => {
                    Err("the retried poll got another assertion".into())
                }
                (s, _, t, _) => Err(format!(
                    "an approved notification polled as {s:?}, then {t:?}; expected approved \
                     with an assertion, twice"
                )),
            }
        })(),
    );
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// The test user's current app code: from `--totp-secret`, else from the
/// reference server's `GET /dev/totp`; `None` when neither is there.
fn app_code(client: &Client, options: &Options) -> Check<Option<String>> {
    if let Some(secret) = &options.totp_secret {
        let cleaned: String = secret
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '=')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let bytes = Secret::try_from_base32(&cleaned)
            .map_err(|_| "--totp-secret is not base32".to_string())?;
        let totp = Builder::new()
            .with_algorithm(TotpAlgorithm::SHA1)
            .with_digits(6)
            .with_step_duration(30)
            .with_secret(bytes.as_bytes().to_vec())
            .build()
            .map_err(|e| format!("--totp-secret is not usable: {e}"))?;
        return Ok(Some(totp.generate(now()).to_string()));
    }
    let reply = client.get(&format!("/dev/totp?user={}", options.user))?;
    if reply.status != 200 {
        return Ok(None);
    }
    Ok(reply.json()?["code"].as_str().map(str::to_string))
}

/// A new session for the test user, verified with the app code (asking to
/// remember the device when the backend offers it).
fn verify_with_app(
    client: &Client,
    options: &Options,
    app: &Method,
    code: &str,
) -> Check<Verified> {
    let handle = sessions::begin(client, options)?;
    let (_, reply) = client.post(
        Operation::Start.path(),
        &json!({ "session_handle": handle }),
    )?;
    let challenge: Challenge = success(&reply)?;
    let asked_to_remember = challenge.remember_device_days.is_some();
    let mut body = json!({ "session_handle": handle, "method_id": app.id, "code": code });
    if asked_to_remember {
        body["remember_device"] = true.into();
    }
    let (_, reply) = client.post(Operation::Verify.path(), &body)?;
    let ok: VerifyResponse =
        success(&reply).map_err(|e| format!("the app code was not accepted: {e}"))?;
    Ok(Verified {
        challenge,
        assertion: ok.assertion,
        asked_to_remember,
    })
}

/// The backend's JWKS: at least one key, each with a `kid` and no private
/// part.
fn jwks(client: &Client) -> Check<JwkSet> {
    let reply = client.get(JWKS_PATH)?;
    let raw: Value = success(&reply)?;
    let set: JwkSet = serde_json::from_value(raw.clone())
        .map_err(|e| format!("{JWKS_PATH} is not a JWKS ({e})"))?;
    if set.keys.is_empty() {
        return Err(format!("{JWKS_PATH} lists no keys"));
    }
    for (i, key) in raw["keys"].as_array().into_iter().flatten().enumerate() {
        if key
            .get("kid")
            .and_then(Value::as_str)
            .is_none_or(str::is_empty)
        {
            return Err(format!("key {i} of the JWKS has no kid"));
        }
        if key.get("d").is_some() {
            return Err(format!("key {i} of the JWKS publishes its private part"));
        }
    }
    Ok(set)
}

/// The claims of `assertion` once its header (`typ`, EdDSA or ES256, a
/// `kid`) and signature check out against `jwks`, and it has not expired.
fn signature(jwks: &JwkSet, assertion: &str) -> Check<AssertionClaims> {
    let header = decode_header(assertion)
        .map_err(|e| format!("the assertion is not a compact JWS ({e})"))?;
    if header.typ.as_deref() != Some(ASSERTION_TYPE) {
        return Err(format!("typ is {:?}, not {ASSERTION_TYPE:?}", header.typ));
    }
    if !matches!(header.alg, Algorithm::EdDSA | Algorithm::ES256) {
        return Err(format!("alg is {:?}, not EdDSA or ES256", header.alg));
    }
    let kid = header.kid.ok_or("the assertion's header has no kid")?;
    let jwk = jwks
        .find(&kid)
        .ok_or_else(|| format!("no key {kid:?} in the JWKS"))?;
    let key = DecodingKey::from_jwk(jwk).map_err(|e| format!("key {kid:?} is unusable: {e}"))?;
    let mut validation = Validation::new(header.alg);
    validation.validate_aud = false;
    validation.leeway = CLOCK_SKEW_SECS;
    decode::<AssertionClaims>(assertion, &key, &validation)
        .map(|data| data.claims)
        .map_err(|e| format!("the assertion does not verify: {e}"))
}

/// The claims against what `docs/protocol.md` documents and the options
/// say.
fn documented(options: &Options, v: &Verified, claims: &AssertionClaims) -> Check {
    let expect = |what: &str, ok: bool, got: &dyn std::fmt::Debug| {
        if ok {
            Ok(())
        } else {
            Err(format!("{what}, got {got:?}"))
        }
    };
    match &options.issuer {
        Some(iss) => expect(
            &format!("iss must be {iss:?}"),
            claims.iss == *iss,
            &claims.iss,
        )?,
        None => expect("iss must be set", !claims.iss.is_empty(), &claims.iss)?,
    }
    match &options.audience {
        Some(aud) => expect(
            &format!("aud must be {aud:?}"),
            claims.aud == *aud,
            &claims.aud,
        )?,
        None => expect("aud must be set", !claims.aud.is_empty(), &claims.aud)?,
    }
    expect(
        &format!("sub must be the user {:?}", options.user),
        claims.sub.eq_ignore_ascii_case(options.user.trim()),
        &claims.sub,
    )?;
    expect(
        &format!("sid must be the session_ref {:?}", v.challenge.session_ref),
        claims.sid == v.challenge.session_ref,
        &claims.sid,
    )?;
    let wanted: Vec<String> = amr(MethodKind::Totp)
        .iter()
        .map(|s| s.to_string())
        .collect();
    expect(
        &format!("amr must be {wanted:?}"),
        claims.amr == wanted,
        &claims.amr,
    )?;
    let lifetime = claims.exp.saturating_sub(claims.iat);
    expect(
        &format!("exp - iat must be 1..={MAX_ASSERTION_LIFETIME_SECS} s"),
        claims.exp > claims.iat && lifetime <= MAX_ASSERTION_LIFETIME_SECS,
        &lifetime,
    )?;
    expect(
        "auth_time must not be after iat",
        claims.auth_time <= claims.iat,
        &(claims.auth_time, claims.iat),
    )?;
    expect(
        "iat must be within 5 minutes of now",
        claims.iat.abs_diff(now()) <= CLOCK_SKEW_SECS,
        &claims.iat,
    )?;
    expect("jti must be set", !claims.jti.is_empty(), &claims.jti)?;
    let offered = v.challenge.remember_device_days;
    let want_days = offered.filter(|_| v.asked_to_remember);
    expect(
        &format!("remember_device_days must be {want_days:?} (the user ticked the box)"),
        claims.remember_device_days == want_days,
        &claims.remember_device_days,
    )
}
