//! Secrets from the operating system's CSPRNG: codes, numbers to match,
//! session handles and references, API keys, token IDs and correlation IDs.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// Fills `buf` from the operating system's CSPRNG.
///
/// # Panics
///
/// If the operating system cannot supply randomness: the server must not
/// carry on with guessable secrets.
fn fill(buf: &mut [u8]) {
    getrandom::fill(buf).expect("the operating system's random source failed");
}

/// A uniformly random number in `0..bound` (rejection sampling, no modulo bias).
pub fn below(bound: u32) -> u32 {
    assert!(bound > 0, "below(0) has no answer");
    let zone = u32::MAX - (u32::MAX % bound);
    loop {
        let mut bytes = [0u8; 4];
        fill(&mut bytes);
        let n = u32::from_le_bytes(bytes);
        if n < zone {
            return n % bound;
        }
    }
}

/// `len` random decimal digits (a one-time code).
pub fn digits(len: usize) -> String {
    (0..len)
        .map(|_| char::from(b'0' + below(10) as u8))
        .collect()
}

/// A random two-digit number from 10 to 99, for number matching.
pub fn number_to_match() -> String {
    (10 + below(90)).to_string()
}

/// The prefix of every session handle.
pub const HANDLE_PREFIX: &str = "sh_";

/// The prefix of every API key.
pub const API_KEY_PREFIX: &str = "tsk_";

/// The prefix of every session reference.
pub const REF_PREFIX: &str = "TS-";

/// Crockford's base32 alphabet (no I, L, O, U): easy to read out over the
/// phone to support.
const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// `prefix` and 32 random bytes in unpadded base64url (43 characters): an
/// unguessable bearer secret.
fn secret(prefix: &str) -> String {
    let mut bytes = [0u8; 32];
    fill(&mut bytes);
    format!("{prefix}{}", URL_SAFE_NO_PAD.encode(bytes))
}

/// A new secret session handle: `sh_` and 43 base64url characters.
pub fn session_handle() -> String {
    secret(HANDLE_PREFIX)
}

/// A new API key for a host: `tsk_` and 43 base64url characters.
pub fn api_key() -> String {
    secret(API_KEY_PREFIX)
}

/// A new public session reference, `TS-XXXX-XXXX-XXXX`: 60 random bits in
/// Crockford base32, grouped by four.
pub fn session_ref() -> String {
    let mut bytes = [0u8; 8];
    fill(&mut bytes);
    let bits = u64::from_le_bytes(bytes);
    let chars: Vec<char> = (0..12)
        .map(|i| char::from(CROCKFORD[((bits >> (5 * i)) & 31) as usize]))
        .collect();
    let groups: Vec<String> = chars.chunks(4).map(|c| c.iter().collect()).collect();
    format!("{REF_PREFIX}{}", groups.join("-"))
}

/// 16 random bytes in unpadded base64url: a unique ID (an assertion's `jti`).
pub fn unique_id() -> String {
    let mut bytes = [0u8; 16];
    fill(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// 32 random bytes, for a new signing key.
pub fn key_bytes() -> [u8; 32] {
    let mut bytes = [0u8; 32];
    fill(&mut bytes);
    bytes
}

/// A random (version 4) UUID in its usual hyphenated form.
pub fn uuid_v4() -> String {
    let mut bytes = [0u8; 16];
    fill(&mut bytes);
    uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .hyphenated()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_six_digits_and_vary() {
        let codes: Vec<String> = (0..50).map(|_| digits(6)).collect();
        assert!(
            codes
                .iter()
                .all(|c| c.len() == 6 && c.bytes().all(|b| b.is_ascii_digit()))
        );
        let distinct: std::collections::HashSet<_> = codes.iter().collect();
        assert!(distinct.len() > 40);
    }

    #[test]
    fn numbers_to_match_have_two_digits() {
        for _ in 0..200 {
            let n: u32 = number_to_match().parse().unwrap();
            assert!((10..=99).contains(&n));
        }
    }

    #[test]
    fn below_stays_below() {
        for bound in [1, 2, 7, 10, 90, 1_000_000] {
            for _ in 0..50 {
                assert!(below(bound) < bound);
            }
        }
    }

    #[test]
    fn uuids_are_version_4() {
        let id = uuid_v4();
        assert_eq!(id.len(), 36);
        assert_eq!(id.as_bytes()[14], b'4');
        assert!(matches!(id.as_bytes()[19], b'8' | b'9' | b'a' | b'b'));
    }

    fn is_base64url(s: &str) -> bool {
        s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    }

    #[test]
    fn handles_and_api_keys_are_prefixed_32_byte_secrets() {
        let h = session_handle();
        let rest = h.strip_prefix("sh_").unwrap();
        assert_eq!(rest.len(), 43);
        assert!(is_base64url(rest), "{h}");
        assert_ne!(h, session_handle());
        let k = api_key();
        let rest = k.strip_prefix("tsk_").unwrap();
        assert!(rest.len() == 43 && is_base64url(rest), "{k}");
        let id = unique_id();
        assert!(id.len() == 22 && is_base64url(&id), "{id}");
    }

    #[test]
    fn references_are_grouped_crockford_base32() {
        let r = session_ref();
        assert_eq!(r.len(), 17, "{r}");
        let groups: Vec<&str> = r.strip_prefix("TS-").unwrap().split('-').collect();
        assert_eq!(groups.len(), 3, "{r}");
        for g in groups {
            assert_eq!(g.len(), 4);
            assert!(g.bytes().all(|b| CROCKFORD.contains(&b)), "{r}");
        }
        let distinct: std::collections::HashSet<_> = (0..100).map(|_| session_ref()).collect();
        assert_eq!(distinct.len(), 100);
    }
}
