//! What makes a [`Challenge`] usable by a client, and what the contract
//! further asks of one.

use std::fmt;

use crate::Challenge;

/// The longest verification window the contract allows, in seconds.
pub const MAX_WINDOW_SECS: u32 = 3600;

/// What is wrong with a challenge.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChallengeProblem {
    /// The session handle or the public reference is empty.
    NoSession,
    /// The public reference is the secret handle.
    ReferenceIsHandle,
    /// No method is listed.
    NoMethods,
    /// The default method is not among the listed methods.
    DefaultNotListed(String),
    /// The window is already over (`expires_in_secs` is 0).
    Expired,
    /// The window is longer than [`MAX_WINDOW_SECS`].
    WindowTooLong(u32),
}

impl ChallengeProblem {
    /// What is wrong, as a fixed sentence without the offending value. The
    /// widget shows this one: it keeps the bundle free of number formatting.
    pub fn summary(&self) -> &'static str {
        match self {
            ChallengeProblem::NoSession => "the challenge has no session handle or reference",
            ChallengeProblem::ReferenceIsHandle => {
                "the challenge's session reference is its secret handle"
            }
            ChallengeProblem::NoMethods => "no verification methods are set up for this account",
            ChallengeProblem::DefaultNotListed(_) => "the default method is not among the methods",
            ChallengeProblem::Expired => "the verification window is already over",
            ChallengeProblem::WindowTooLong(_) => {
                "the verification window is longer than the contract allows"
            }
        }
    }
}

impl fmt::Display for ChallengeProblem {
    /// The [summary](ChallengeProblem::summary), or for a problem with a value,
    /// the value named.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChallengeProblem::DefaultNotListed(id) => {
                write!(f, "default_method {id:?} is not among the methods")
            }
            ChallengeProblem::WindowTooLong(secs) => {
                write!(
                    f,
                    "expires_in_secs {secs} is not within 1..={MAX_WINDOW_SECS}"
                )
            }
            other => f.write_str(other.summary()),
        }
    }
}

impl std::error::Error for ChallengeProblem {}

impl Challenge {
    /// Whether a client can work with this challenge at all: it names its
    /// session, lists a method and has time left. A client refuses one that
    /// fails (the widget reports a bad response).
    pub fn check_usable(&self) -> Result<(), ChallengeProblem> {
        if self.session_handle.is_empty() || self.session_ref.is_empty() {
            return Err(ChallengeProblem::NoSession);
        }
        if self.methods.is_empty() {
            return Err(ChallengeProblem::NoMethods);
        }
        if self.expires_in_secs == 0 {
            return Err(ChallengeProblem::Expired);
        }
        Ok(())
    }

    /// Whether the challenge keeps every rule of the contract: it is
    /// [usable](Challenge::check_usable), its reference is not its handle, its
    /// default method is listed and its window is at most [`MAX_WINDOW_SECS`].
    /// Conformance checks backends with it.
    pub fn check_conforms(&self) -> Result<(), ChallengeProblem> {
        self.check_usable()?;
        if self.session_ref == self.session_handle {
            return Err(ChallengeProblem::ReferenceIsHandle);
        }
        if self.method(&self.default_method).is_none() {
            return Err(ChallengeProblem::DefaultNotListed(
                self.default_method.clone(),
            ));
        }
        if self.expires_in_secs > MAX_WINDOW_SECS {
            return Err(ChallengeProblem::WindowTooLong(self.expires_in_secs));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Method, MethodKind};

    /// A change that breaks one rule.
    type Spoil = fn(&mut Challenge);

    fn challenge() -> Challenge {
        Challenge {
            session_handle: "sh_secret".into(),
            session_ref: "ref-1".into(),
            user: "a•••@contoso.example".into(),
            methods: vec![Method {
                id: "sms-1".into(),
                kind: MethodKind::Sms,
                target: Some("••••••12".into()),
                label: None,
            }],
            default_method: "sms-1".into(),
            expires_in_secs: 300,
            remember_device_days: None,
        }
    }

    #[test]
    fn a_good_challenge_is_usable_and_conforms() {
        assert_eq!(challenge().check_usable(), Ok(()));
        assert_eq!(challenge().check_conforms(), Ok(()));
    }

    #[test]
    fn unusable_challenges_say_why() {
        let cases: [(Spoil, ChallengeProblem); 4] = [
            (|c| c.session_handle.clear(), ChallengeProblem::NoSession),
            (|c| c.session_ref.clear(), ChallengeProblem::NoSession),
            (|c| c.methods.clear(), ChallengeProblem::NoMethods),
            (|c| c.expires_in_secs = 0, ChallengeProblem::Expired),
        ];
        for (spoil, problem) in cases {
            let mut c = challenge();
            spoil(&mut c);
            assert_eq!(c.check_usable(), Err(problem.clone()));
            assert_eq!(c.check_conforms(), Err(problem));
        }
        assert_eq!(
            ChallengeProblem::NoMethods.to_string(),
            "no verification methods are set up for this account"
        );
    }

    #[test]
    fn the_summary_is_the_message_without_the_value() {
        for problem in [
            ChallengeProblem::NoSession,
            ChallengeProblem::ReferenceIsHandle,
            ChallengeProblem::NoMethods,
            ChallengeProblem::Expired,
        ] {
            assert_eq!(problem.summary(), problem.to_string());
        }
        let long = ChallengeProblem::WindowTooLong(7200);
        assert!(!long.summary().contains("7200"));
        assert!(long.to_string().contains("7200"), "{long}");
        let missing = ChallengeProblem::DefaultNotListed("push".into());
        assert_eq!(
            missing.summary(),
            "the default method is not among the methods"
        );
        assert!(missing.to_string().contains("\"push\""), "{missing}");
    }

    #[test]
    fn usable_challenges_may_still_break_the_contract() {
        let cases: [(Spoil, ChallengeProblem); 3] = [
            (
                |c| c.session_ref = c.session_handle.clone(),
                ChallengeProblem::ReferenceIsHandle,
            ),
            (
                |c| c.default_method = "push".into(),
                ChallengeProblem::DefaultNotListed("push".into()),
            ),
            (
                |c| c.expires_in_secs = MAX_WINDOW_SECS + 1,
                ChallengeProblem::WindowTooLong(MAX_WINDOW_SECS + 1),
            ),
        ];
        for (spoil, problem) in cases {
            let mut c = challenge();
            spoil(&mut c);
            assert_eq!(c.check_usable(), Ok(()));
            assert_eq!(c.check_conforms(), Err(problem));
        }
        let mut longest = challenge();
        longest.expires_in_secs = MAX_WINDOW_SECS;
        assert_eq!(longest.check_conforms(), Ok(()));
    }
}
