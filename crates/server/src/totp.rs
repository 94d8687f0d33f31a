//! Authenticator-app codes: RFC 6238 TOTP with SHA-1, 6 digits, 30 s steps and
//! one step of skew either way.

use std::fmt;

use totp_rs::{Algorithm, Builder, Secret, Totp};

/// Digits in an app code.
pub const DIGITS: u8 = 6;
/// Seconds per time-step.
pub const STEP_SECS: u64 = 30;

/// One user's authenticator secret. Its `Debug` output never shows the secret.
#[derive(Clone)]
pub struct Authenticator {
    totp: Totp,
}

impl Authenticator {
    /// The authenticator for a base32 secret (RFC 4648, padding optional) of at
    /// least 128 bits.
    pub fn from_base32(secret: &str) -> Result<Self, String> {
        let cleaned: String = secret
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '=')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let secret = Secret::try_from_base32(&cleaned)
            .map_err(|_| "the TOTP secret is not valid base32".to_string())?;
        Self::build(secret.as_bytes().to_vec(), DIGITS)
    }

    fn build(secret: Vec<u8>, digits: u8) -> Result<Self, String> {
        let totp = Builder::new()
            .with_algorithm(Algorithm::SHA1)
            .with_digits(digits)
            .with_skew(1)
            .with_step_duration(STEP_SECS)
            .with_secret(secret)
            .build()
            .map_err(|e| format!("unusable TOTP secret: {e}"))?;
        Ok(Authenticator { totp })
    }

    /// The code at `unix` seconds.
    pub fn code_at(&self, unix: u64) -> String {
        self.totp.generate(unix).to_string()
    }

    /// The time-step whose code `code` is, among the steps before, at and
    /// after the one of `unix`; `None` if it matches none of them. Tokens are
    /// compared in constant time.
    pub fn matching_step(&self, code: &str, unix: u64) -> Option<u64> {
        self.totp.check(code, unix)
    }

    /// The secret in base32 without padding, as authenticator apps take it.
    pub fn base32(&self) -> String {
        self.totp.secret().to_base32()
    }

    /// The `otpauth://` URI an authenticator app or TOTP tool can import.
    pub fn otpauth_uri(&self, issuer: &str, account: &str) -> String {
        format!(
            "otpauth://totp/{issuer}:{account}?secret={}&issuer={issuer}",
            self.base32()
        )
    }
}

impl fmt::Debug for Authenticator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Authenticator { secret: <redacted> }")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B, SHA-1 rows (secret ASCII "12345678901234567890", 8 digits).
    #[test]
    fn rfc_6238_sha1_vectors() {
        let a = Authenticator::build(b"12345678901234567890".to_vec(), 8).unwrap();
        for (t, code) in [
            (59, "94287082"),
            (1_111_111_109, "07081804"),
            (1_111_111_111, "14050471"),
            (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"),
            (20_000_000_000, "65353130"),
        ] {
            assert_eq!(a.code_at(t), code, "T = {t}");
            assert_eq!(a.matching_step(code, t), Some(t / STEP_SECS), "T = {t}");
        }
    }

    #[test]
    fn accepts_one_step_of_skew_and_no_more() {
        let a = Authenticator::build(b"12345678901234567890".to_vec(), 6).unwrap();
        let t = 1_000_000_020; // the middle of a step
        let step = t / STEP_SECS;
        let code = a.code_at(t);
        assert_eq!(a.matching_step(&code, t - STEP_SECS), Some(step));
        assert_eq!(a.matching_step(&code, t + STEP_SECS), Some(step));
        assert_eq!(a.matching_step(&code, t + 2 * STEP_SECS), None);
        assert_eq!(a.matching_step("12345", t), None);
        assert_eq!(a.matching_step("+12345", t), None);
    }

    #[test]
    fn base32_round_trips_and_the_uri_names_issuer_and_account() {
        let a = Authenticator::from_base32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ").unwrap();
        assert_eq!(a.base32(), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assert_eq!(
            a.otpauth_uri("twostep", "alex@contoso.example"),
            "otpauth://totp/twostep:alex@contoso.example?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=twostep"
        );
        assert!(!format!("{a:?}").contains("GEZDG"));
    }

    #[test]
    fn short_or_broken_secrets_are_refused() {
        assert!(Authenticator::from_base32("GEZDGNBV").is_err());
        assert!(Authenticator::from_base32("not base32!").is_err());
    }
}
