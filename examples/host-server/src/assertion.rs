//! Checking twostep's assertion on the host's server: the code that
//! docs/protocol.md shows under "Checking the assertion on your server"
//! (a test keeps the two the same).

use std::collections::HashMap;

use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, Validation, decode, decode_header};
use twostep_protocol::{ASSERTION_TYPE, AssertionClaims, MAX_ASSERTION_LIFETIME_SECS};

/// What the host knows about the sign-in the assertion must finish.
pub struct Expected<'a> {
    /// The twostep backend's issuer (its `--issuer`).
    pub issuer: &'a str,
    /// This host's audience (configured with its API key).
    pub audience: &'a str,
    /// The user who passed this host's password step.
    pub user: &'a str,
    /// The `session_ref` this host got from `POST /v1/sessions`.
    pub session_ref: &'a str,
}

/// Why an assertion was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Not a twostep assertion (bad encoding, wrong `typ`, missing claims).
    Malformed,
    /// Signed by a key the backend does not publish.
    UnknownKey,
    /// The signature does not match.
    BadSignature,
    /// Another issuer.
    WrongIssuer,
    /// Meant for another host.
    WrongAudience,
    /// Too old.
    Expired,
    /// Already used.
    Replayed,
    /// For another user.
    WrongUser,
    /// For another sign-in of this user.
    WrongSession,
}

/// The `jti`s accepted so far, kept until their `exp` (use your database in
/// production, so that every instance of your server sees them).
#[derive(Debug, Default)]
pub struct UsedAssertions(HashMap<String, u64>);

impl UsedAssertions {
    /// Whether an assertion with this `jti` was accepted before.
    pub fn contains(&self, jti: &str) -> bool {
        self.0.contains_key(jti)
    }

    /// Remembers an accepted assertion until it expires.
    pub fn insert(&mut self, claims: &AssertionClaims) {
        self.0.insert(claims.jti.clone(), claims.exp);
    }

    /// Forgets the `jti`s of assertions that expired (with the clock-skew
    /// leeway) before `now`: those are refused as expired anyway.
    pub fn forget_expired(&mut self, now: u64) {
        self.0.retain(|_, exp| *exp + LEEWAY_SECS >= now);
    }
}

/// Seconds of clock skew allowed between the backend and this server.
const LEEWAY_SECS: u64 = 30;

// docs:check-assertion:start
/// Checks `token` against the backend's key set (`GET /.well-known/jwks.json`,
/// cached, fetched again when a `kid` is unknown) and what this sign-in
/// expects; on success remembers its `jti` so that it is accepted once.
pub fn check_assertion(
    token: &str,
    keys: &JwkSet,
    expected: &Expected<'_>,
    used: &mut UsedAssertions,
) -> Result<AssertionClaims, Refusal> {
    let header = decode_header(token).map_err(|_| Refusal::Malformed)?;
    if header.typ.as_deref() != Some(ASSERTION_TYPE) {
        return Err(Refusal::Malformed);
    }
    let jwk = keys
        .find(header.kid.as_deref().ok_or(Refusal::Malformed)?)
        .ok_or(Refusal::UnknownKey)?;
    let key = DecodingKey::from_jwk(jwk).map_err(|_| Refusal::UnknownKey)?;
    let mut validation = Validation::new(Algorithm::EdDSA); // never "none" or HMAC
    validation.set_issuer(&[expected.issuer]);
    validation.set_audience(&[expected.audience]);
    validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
    validation.leeway = LEEWAY_SECS;
    let claims = decode::<AssertionClaims>(token, &key, &validation)
        .map_err(|e| match e.kind() {
            ErrorKind::InvalidSignature => Refusal::BadSignature,
            ErrorKind::ExpiredSignature => Refusal::Expired,
            ErrorKind::InvalidIssuer => Refusal::WrongIssuer,
            ErrorKind::InvalidAudience => Refusal::WrongAudience,
            _ => Refusal::Malformed,
        })?
        .claims;
    if claims.exp.saturating_sub(claims.iat) > MAX_ASSERTION_LIFETIME_SECS {
        return Err(Refusal::Malformed);
    }
    if used.contains(&claims.jti) {
        return Err(Refusal::Replayed);
    }
    if claims.sub != expected.user {
        return Err(Refusal::WrongUser);
    }
    if claims.sid != expected.session_ref {
        return Err(Refusal::WrongSession);
    }
    used.insert(&claims);
    Ok(claims)
}
// docs:check-assertion:end

impl Refusal {
    /// A short name for logs and the JSON answer.
    pub fn as_str(self) -> &'static str {
        match self {
            Refusal::Malformed => "malformed",
            Refusal::UnknownKey => "unknown_key",
            Refusal::BadSignature => "bad_signature",
            Refusal::WrongIssuer => "wrong_issuer",
            Refusal::WrongAudience => "wrong_audience",
            Refusal::Expired => "expired",
            Refusal::Replayed => "replayed",
            Refusal::WrongUser => "wrong_user",
            Refusal::WrongSession => "wrong_session",
        }
    }
}

#[cfg(test)]
mod tests {
    use jsonwebtoken::jwk::Jwk;
    use jsonwebtoken::{EncodingKey, Header, encode};

    use super::*;

    /// Two Ed25519 keys made for these tests only (`openssl genpkey -algorithm ed25519`).
    const BACKEND_KEY: &str = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIB2a864x8a9dv7t6cJfFNDP4wtr9EIyb24m8w68X1OtJ\n-----END PRIVATE KEY-----\n";
    const OTHER_KEY: &str = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIEwV7ebilkh3l5I2rUgsCGBJtHE6usgx8OFAZchKQStN\n-----END PRIVATE KEY-----\n";
    const KID: &str = "backend-key";

    fn keys() -> JwkSet {
        let private = EncodingKey::from_ed_pem(BACKEND_KEY.as_bytes()).unwrap();
        let mut jwk = Jwk::from_encoding_key(&private, Algorithm::EdDSA).unwrap();
        jwk.common.key_id = Some(KID.into());
        JwkSet { keys: vec![jwk] }
    }

    fn expected() -> Expected<'static> {
        Expected {
            issuer: "https://mfa.example",
            audience: "https://shop.example",
            user: "alex@contoso.example",
            session_ref: "TS-AAAA-BBBB-CCCC",
        }
    }

    fn claims() -> AssertionClaims {
        let now = jsonwebtoken::get_current_timestamp();
        AssertionClaims {
            iss: "https://mfa.example".into(),
            aud: "https://shop.example".into(),
            sub: "alex@contoso.example".into(),
            sid: "TS-AAAA-BBBB-CCCC".into(),
            amr: vec!["otp".into()],
            auth_time: now,
            iat: now,
            exp: now + 120,
            jti: "jti-1".into(),
            remember_device_days: None,
        }
    }

    fn token(claims: &AssertionClaims, pem: &str, typ: &str) -> String {
        let mut header = Header::new(Algorithm::EdDSA);
        header.typ = Some(typ.into());
        header.kid = Some(KID.into());
        let key = EncodingKey::from_ed_pem(pem.as_bytes()).unwrap();
        encode(&header, claims, &key).unwrap()
    }

    fn check(claims: &AssertionClaims) -> Result<AssertionClaims, Refusal> {
        let t = token(claims, BACKEND_KEY, ASSERTION_TYPE);
        check_assertion(&t, &keys(), &expected(), &mut UsedAssertions::default())
    }

    #[test]
    fn a_right_assertion_passes_once() {
        let t = token(&claims(), BACKEND_KEY, ASSERTION_TYPE);
        let mut used = UsedAssertions::default();
        assert_eq!(
            check_assertion(&t, &keys(), &expected(), &mut used),
            Ok(claims())
        );
        assert_eq!(
            check_assertion(&t, &keys(), &expected(), &mut used),
            Err(Refusal::Replayed)
        );
    }

    #[test]
    fn each_wrong_claim_is_refused_for_its_reason() {
        let mut c = claims();
        c.iss = "https://evil.example".into();
        assert_eq!(check(&c), Err(Refusal::WrongIssuer));
        let mut c = claims();
        c.aud = "https://blog.example".into();
        assert_eq!(check(&c), Err(Refusal::WrongAudience));
        let mut c = claims();
        c.sub = "kim@contoso.example".into();
        assert_eq!(check(&c), Err(Refusal::WrongUser));
        let mut c = claims();
        c.sid = "TS-ZZZZ-ZZZZ-ZZZZ".into();
        assert_eq!(check(&c), Err(Refusal::WrongSession));
        let mut c = claims();
        c.iat -= 1000;
        c.exp = c.iat + 120;
        assert_eq!(check(&c), Err(Refusal::Expired));
        let mut c = claims();
        c.exp = c.iat + 3600;
        assert_eq!(
            check(&c),
            Err(Refusal::Malformed),
            "longer than five minutes"
        );
    }

    #[test]
    fn an_edited_claim_breaks_the_signature() {
        let t = token(&claims(), BACKEND_KEY, ASSERTION_TYPE);
        let mut more = claims();
        more.remember_device_days = Some(3650);
        let edited = token(&more, OTHER_KEY, ASSERTION_TYPE);
        // The original header and signature around the edited payload.
        let parts: Vec<&str> = t.split('.').collect();
        let payload = edited.split('.').nth(1).unwrap();
        let spliced = format!("{}.{payload}.{}", parts[0], parts[2]);
        assert_eq!(
            check_assertion(
                &spliced,
                &keys(),
                &expected(),
                &mut UsedAssertions::default()
            ),
            Err(Refusal::BadSignature)
        );
    }

    #[test]
    fn another_key_another_type_or_garbage_is_refused() {
        let forged = token(&claims(), OTHER_KEY, ASSERTION_TYPE);
        let mut used = UsedAssertions::default();
        assert_eq!(
            check_assertion(&forged, &keys(), &expected(), &mut used),
            Err(Refusal::BadSignature)
        );
        let id_token = token(&claims(), BACKEND_KEY, "JWT");
        assert_eq!(
            check_assertion(&id_token, &keys(), &expected(), &mut used),
            Err(Refusal::Malformed)
        );
        for garbage in ["", "a.b.c", "not a token"] {
            assert_eq!(
                check_assertion(garbage, &keys(), &expected(), &mut used),
                Err(Refusal::Malformed)
            );
        }
        let no_keys = JwkSet { keys: vec![] };
        let t = token(&claims(), BACKEND_KEY, ASSERTION_TYPE);
        assert_eq!(
            check_assertion(&t, &no_keys, &expected(), &mut used),
            Err(Refusal::UnknownKey)
        );
    }

    #[test]
    fn used_assertions_are_forgotten_only_after_they_expire() {
        let mut used = UsedAssertions::default();
        let c = claims();
        used.insert(&c);
        used.forget_expired(c.exp);
        assert!(used.contains(&c.jti));
        used.forget_expired(c.exp + LEEWAY_SECS + 1);
        assert!(!used.contains(&c.jti));
    }
}
