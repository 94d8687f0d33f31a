//! The keys that sign assertions: the current Ed25519 key (from a PKCS#8 PEM
//! file, or generated at start with `--dev`), the previous one's public half
//! for rotation, and the JWKS that publishes both with RFC 7638 thumbprints
//! as key IDs.

use std::fmt;
use std::path::Path;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::pkcs8::spki::der::pem::LineEnding;
use ed25519_dalek::pkcs8::{DecodePrivateKey, DecodePublicKey, EncodePrivateKey, KeypairBytes};
use ed25519_dalek::{SigningKey as Ed25519Secret, VerifyingKey};
use jsonwebtoken::jwk::{
    AlgorithmParameters, CommonParameters, EllipticCurve, Jwk, JwkSet, KeyAlgorithm,
    OctetKeyPairParameters, OctetKeyPairType, PublicKeyUse, ThumbprintHash,
};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use twostep_protocol::{ASSERTION_TYPE, AssertionClaims};

use crate::random;

/// The key assertions are signed with. Its `Debug` output shows only the
/// key ID.
#[derive(Clone)]
pub struct SigningKey {
    encoding: EncodingKey,
    public: PublicKey,
}

/// The public half of a signing key, as the JWKS publishes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicKey {
    jwk: Jwk,
    kid: String,
}

impl SigningKey {
    /// A new random key (what `--dev` uses when no `--signing-key` is given).
    pub fn generate() -> Self {
        Self::from_secret(&Ed25519Secret::from_bytes(&random::key_bytes()))
    }

    /// The key in a PKCS#8 PEM text (`-----BEGIN PRIVATE KEY-----`), as
    /// `openssl genpkey -algorithm ed25519` or `new-signing-key` writes it.
    pub fn from_pem(pem: &str) -> Result<Self, String> {
        let secret = Ed25519Secret::from_pkcs8_pem(pem)
            .map_err(|_| "not an Ed25519 private key in PKCS#8 PEM".to_string())?;
        Ok(Self::from_secret(&secret))
    }

    /// The key in the PKCS#8 PEM file at `path`.
    pub fn load(path: &Path) -> Result<Self, String> {
        Self::from_pem(&read(path)?).map_err(|e| format!("{}: {e}", path.display()))
    }

    fn from_secret(secret: &Ed25519Secret) -> Self {
        let der = pkcs8_v1(secret)
            .to_pkcs8_der()
            .expect("an Ed25519 key always encodes");
        SigningKey {
            encoding: EncodingKey::from_ed_der(der.as_bytes()),
            public: PublicKey::from_verifying_key(&secret.verifying_key()),
        }
    }

    /// Its key ID: the RFC 7638 thumbprint of its public JWK.
    pub fn kid(&self) -> &str {
        &self.public.kid
    }

    /// Its public half.
    pub fn public(&self) -> &PublicKey {
        &self.public
    }

    /// `claims` as a compact JWS: `alg` EdDSA, `typ` [`ASSERTION_TYPE`] and
    /// this key's `kid`.
    pub fn sign(&self, claims: &AssertionClaims) -> Result<String, String> {
        let mut header = Header::new(Algorithm::EdDSA);
        header.typ = Some(ASSERTION_TYPE.to_string());
        header.kid = Some(self.public.kid.clone());
        jsonwebtoken::encode(&header, claims, &self.encoding).map_err(|e| e.to_string())
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKey")
            .field("kid", &self.public.kid)
            .finish_non_exhaustive()
    }
}

impl PublicKey {
    /// The public half of the key in a PEM file's text: a PKCS#8 private key
    /// (the old `--signing-key` file) or an SPKI public key
    /// (`-----BEGIN PUBLIC KEY-----`).
    pub fn from_pem(pem: &str) -> Result<Self, String> {
        if let Ok(secret) = Ed25519Secret::from_pkcs8_pem(pem) {
            return Ok(Self::from_verifying_key(&secret.verifying_key()));
        }
        VerifyingKey::from_public_key_pem(pem)
            .map(|key| Self::from_verifying_key(&key))
            .map_err(|_| "not an Ed25519 key in PKCS#8 or SPKI PEM".to_string())
    }

    /// The public half of the key in the PEM file at `path`.
    pub fn load(path: &Path) -> Result<Self, String> {
        Self::from_pem(&read(path)?).map_err(|e| format!("{}: {e}", path.display()))
    }

    fn from_verifying_key(key: &VerifyingKey) -> Self {
        let mut jwk = Jwk {
            common: CommonParameters {
                public_key_use: Some(PublicKeyUse::Signature),
                key_algorithm: Some(KeyAlgorithm::EdDSA),
                ..CommonParameters::default()
            },
            algorithm: AlgorithmParameters::OctetKeyPair(OctetKeyPairParameters {
                key_type: OctetKeyPairType::OctetKeyPair,
                curve: EllipticCurve::Ed25519,
                x: URL_SAFE_NO_PAD.encode(key.as_bytes()),
            }),
        };
        let kid = jwk
            .thumbprint(ThumbprintHash::SHA256)
            .expect("an Ed25519 JWK always has a thumbprint");
        jwk.common.key_id = Some(kid.clone());
        PublicKey { jwk, kid }
    }

    /// Its key ID: the RFC 7638 thumbprint (SHA-256) of its JWK.
    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// Its JWK: `kty` OKP, `crv` Ed25519, `x`, `kid`, `alg` EdDSA, `use` sig.
    pub fn jwk(&self) -> &Jwk {
        &self.jwk
    }
}

/// The JWKS: the current key first, then the previous one (if any), so that
/// assertions signed just before a rotation still verify.
pub fn jwks(current: &SigningKey, previous: Option<&PublicKey>) -> JwkSet {
    let mut keys = vec![current.public.jwk.clone()];
    keys.extend(previous.map(|p| p.jwk.clone()));
    JwkSet { keys }
}

/// A new random Ed25519 key as PKCS#8 PEM (`twostep-server new-signing-key`).
pub fn new_pem() -> String {
    let secret = Ed25519Secret::from_bytes(&random::key_bytes());
    pkcs8_v1(&secret)
        .to_pkcs8_pem(LineEnding::LF)
        .expect("an Ed25519 key always encodes")
        .to_string()
}

/// The key as a PKCS#8 v1 document (the private key alone), the form that
/// OpenSSL writes and every JOSE library reads.
fn pkcs8_v1(secret: &Ed25519Secret) -> KeypairBytes {
    KeypairBytes {
        secret_key: secret.to_bytes(),
        public_key: None,
    }
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jsonwebtoken::{DecodingKey, Validation, decode, decode_header};

    /// RFC 8037, appendix A.1 and A.3: a known key and its thumbprint.
    const RFC8037_PEM: &str = "-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g
-----END PRIVATE KEY-----
";

    fn claims() -> AssertionClaims {
        AssertionClaims {
            iss: "https://twostep.example".into(),
            aud: "https://shop.example".into(),
            sub: "alex@contoso.example".into(),
            sid: "TS-0000-0000-0000".into(),
            amr: vec!["otp".into()],
            auth_time: 1_795_894_925,
            iat: 1_795_894_925,
            exp: 1_795_895_045,
            jti: "j".into(),
            remember_device_days: None,
        }
    }

    #[test]
    fn the_kid_is_the_rfc_7638_thumbprint() {
        let key = SigningKey::from_pem(RFC8037_PEM).unwrap();
        assert_eq!(key.kid(), "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
        match &key.public().jwk().algorithm {
            AlgorithmParameters::OctetKeyPair(p) => {
                assert_eq!(p.x, "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_signed_assertion_verifies_with_the_public_jwk_only() {
        let key = SigningKey::generate();
        let token = key.sign(&claims()).unwrap();
        let header = decode_header(&token).unwrap();
        assert_eq!(header.alg, Algorithm::EdDSA);
        assert_eq!(header.typ.as_deref(), Some(ASSERTION_TYPE));
        assert_eq!(header.kid.as_deref(), Some(key.kid()));
        let decoding = DecodingKey::from_jwk(key.public().jwk()).unwrap();
        let mut v = Validation::new(Algorithm::EdDSA);
        v.validate_exp = false;
        v.set_audience(&["https://shop.example"]);
        let data = decode::<AssertionClaims>(&token, &decoding, &v).unwrap();
        assert_eq!(data.claims, claims());
        let other = SigningKey::generate();
        let wrong = DecodingKey::from_jwk(other.public().jwk()).unwrap();
        assert!(decode::<AssertionClaims>(&token, &wrong, &v).is_err());
    }

    #[test]
    fn new_pem_keys_load_and_differ() {
        let pem = new_pem();
        assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----\n"), "{pem}");
        let a = SigningKey::from_pem(&pem).unwrap();
        let b = SigningKey::from_pem(&new_pem()).unwrap();
        assert_ne!(a.kid(), b.kid());
        assert_eq!(PublicKey::from_pem(&pem).unwrap(), *a.public());
    }

    #[test]
    fn a_public_pem_gives_the_same_public_key() {
        let key = SigningKey::from_pem(RFC8037_PEM).unwrap();
        let spki = "-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=
-----END PUBLIC KEY-----
";
        assert_eq!(PublicKey::from_pem(spki).unwrap(), *key.public());
    }

    #[test]
    fn other_files_are_refused() {
        assert!(SigningKey::from_pem("hello").is_err());
        assert!(SigningKey::from_pem(&RFC8037_PEM.replace("MC4C", "MC4D")).is_err());
        assert!(PublicKey::from_pem("").is_err());
    }

    #[test]
    fn the_jwks_lists_the_current_key_then_the_previous_one() {
        let current = SigningKey::generate();
        let previous = SigningKey::generate();
        let set = jwks(&current, Some(previous.public()));
        let kids: Vec<_> = set.keys.iter().map(|k| k.common.key_id.clone()).collect();
        assert_eq!(
            kids,
            [
                Some(current.kid().to_string()),
                Some(previous.kid().to_string())
            ]
        );
        let json = serde_json::to_value(&set).unwrap();
        let k = &json["keys"][0];
        assert!(k.get("d").is_none(), "no private part: {k}");
        assert_eq!(jwks(&current, None).keys.len(), 1);
    }
}
