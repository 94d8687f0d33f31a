//! The host's own password step: users and their Argon2id hashes, from
//! `users.json` (built in) or a file. The demo password of the built-in users
//! is `correct-horse-battery`; only its hash is stored.

use argon2::PasswordHash;
use argon2::{Argon2, PasswordVerifier};
use serde::Deserialize;

/// The built-in users.
pub const DEMO_USERS: &str = include_str!("../users.json");

/// A hash of a password nobody has, checked for unknown emails so that a
/// wrong email takes as long as a wrong password.
const DECOY: &str = "$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$DvTZ1Eno2T3TvBGAAS6pAaxNfSSSjUnLtQ0Ea8W4eH4";

/// The users who may sign in, with their password hashes.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Users {
    users: Vec<UserRecord>,
}

/// One user.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserRecord {
    /// What they sign in with; also the `user` the host starts twostep for.
    pub email: String,
    /// Their password's Argon2id hash in PHC form.
    pub password_argon2: String,
}

impl Users {
    /// The built-in demo users.
    pub fn demo() -> Self {
        Users::from_json(DEMO_USERS).expect("the built-in users parse")
    }

    /// Parses a users file and checks that every hash is a PHC string.
    pub fn from_json(text: &str) -> Result<Self, String> {
        let users: Users = serde_json::from_str(text).map_err(|e| e.to_string())?;
        for u in &users.users {
            PasswordHash::new(&u.password_argon2)
                .map_err(|e| format!("{}: the password hash is not a PHC string: {e}", u.email))?;
        }
        Ok(users)
    }

    /// The user's email as the file writes it, if `email` and `password`
    /// match a user. Takes about as long either way.
    pub fn check(&self, email: &str, password: &str) -> Option<&str> {
        let email = email.trim();
        let user = self
            .users
            .iter()
            .find(|u| u.email.eq_ignore_ascii_case(email));
        let hash = user.map_or(DECOY, |u| u.password_argon2.as_str());
        let parsed = PasswordHash::new(hash).ok()?;
        let right = Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok();
        user.filter(|_| right).map(|u| u.email.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_password_works_and_nothing_else_does() {
        let users = Users::demo();
        assert_eq!(
            users.check(" ALEX@contoso.example", "correct-horse-battery"),
            Some("alex@contoso.example")
        );
        assert_eq!(users.check("alex@contoso.example", "correct-horse"), None);
        assert_eq!(
            users.check("nobody@contoso.example", "correct-horse-battery"),
            None
        );
        assert!(!DEMO_USERS.contains("correct-horse-battery"));
    }

    #[test]
    fn the_decoy_is_a_valid_hash() {
        assert!(PasswordHash::new(DECOY).is_ok());
    }
}
