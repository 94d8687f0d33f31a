//! The users the server knows and the methods each has registered, loaded
//! from a JSON file (`demo-directory.json` is the built-in one).

use std::collections::HashSet;
use std::path::Path;

use serde::Deserialize;
use twostep_protocol::{Method, MethodKind};

use crate::totp::Authenticator;

/// The demo directory, compiled in.
pub const DEMO_DIRECTORY: &str = include_str!("../demo-directory.json");

/// Every known user.
#[derive(Clone, Debug)]
pub struct Directory {
    users: Vec<User>,
}

/// One user and their registered methods.
#[derive(Clone, Debug)]
pub struct User {
    /// The email the user signs in with, as written in the directory.
    pub email: String,
    /// The method to prompt with first.
    pub default_method: String,
    /// Whether app notifications carry a number to match.
    pub number_matching: bool,
    /// The methods, in the order to offer them.
    pub methods: Vec<MethodRecord>,
}

/// One registered method, with what the server needs to use it.
#[derive(Clone, Debug)]
pub struct MethodRecord {
    /// The method's ID, unique for its user.
    pub id: String,
    /// What kind of method it is.
    pub kind: MethodKind,
    /// Where it goes.
    pub contact: Contact,
}

/// Where a method's messages go.
#[derive(Clone, Debug)]
pub enum Contact {
    /// A phone number (texts and calls); never sent to the browser unmasked.
    Phone(String),
    /// The user's authenticator app, for notifications.
    App,
    /// The user's authenticator app, for codes it computes itself.
    Authenticator(Authenticator),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DirectoryFile {
    users: Vec<UserEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UserEntry {
    email: String,
    default_method: String,
    #[serde(default)]
    number_matching: bool,
    methods: Vec<MethodEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MethodEntry {
    id: String,
    kind: MethodKind,
    #[serde(default)]
    phone: Option<String>,
    #[serde(default)]
    secret: Option<String>,
}

impl Directory {
    /// The built-in demo directory.
    pub fn demo() -> Self {
        Directory::from_json(DEMO_DIRECTORY).expect("the built-in demo directory is valid")
    }

    /// Reads and checks a directory file.
    pub fn load(path: &Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        Directory::from_json(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Parses and checks a directory's JSON.
    pub fn from_json(text: &str) -> Result<Self, String> {
        let file: DirectoryFile = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let mut seen = HashSet::new();
        let mut users = Vec::with_capacity(file.users.len());
        for entry in file.users {
            let user = User::from_entry(entry)?;
            if !seen.insert(user.email.to_lowercase()) {
                return Err(format!("user {} is listed twice", user.email));
            }
            users.push(user);
        }
        Ok(Directory { users })
    }

    /// The user with this email, compared without regard to case or
    /// surrounding spaces.
    pub fn user(&self, email: &str) -> Option<&User> {
        let wanted = email.trim();
        self.users
            .iter()
            .find(|u| u.email.eq_ignore_ascii_case(wanted))
    }

    /// Every user, in file order.
    pub fn users(&self) -> &[User] {
        &self.users
    }
}

impl User {
    fn from_entry(entry: UserEntry) -> Result<Self, String> {
        let email = entry.email.trim().to_string();
        if !email.contains('@') {
            return Err(format!("{email:?} is not an email address"));
        }
        let mut ids = HashSet::new();
        let mut methods = Vec::with_capacity(entry.methods.len());
        for m in entry.methods {
            if !ids.insert(m.id.clone()) {
                return Err(format!("{email}: method {} is listed twice", m.id));
            }
            methods.push(MethodRecord::from_entry(m).map_err(|e| format!("{email}: {e}"))?);
        }
        if !ids.contains(&entry.default_method) {
            return Err(format!(
                "{email}: the default method {} is not among the methods",
                entry.default_method
            ));
        }
        Ok(User {
            email,
            default_method: entry.default_method,
            number_matching: entry.number_matching,
            methods,
        })
    }

    /// The method with this ID.
    pub fn method(&self, id: &str) -> Option<&MethodRecord> {
        self.methods.iter().find(|m| m.id == id)
    }

    /// The user's first authenticator-code method, if any.
    pub fn authenticator(&self) -> Option<&Authenticator> {
        self.methods.iter().find_map(|m| match &m.contact {
            Contact::Authenticator(a) => Some(a),
            _ => None,
        })
    }
}

impl MethodRecord {
    fn from_entry(m: MethodEntry) -> Result<Self, String> {
        let id = m.id;
        let contact = match m.kind {
            MethodKind::Sms | MethodKind::Voice => {
                let phone = m.phone.ok_or(format!("method {id} needs a phone"))?;
                if phone.chars().filter(char::is_ascii_digit).count() < 4 {
                    return Err(format!("method {id}: {phone:?} is not a phone number"));
                }
                Contact::Phone(phone)
            }
            MethodKind::Push => Contact::App,
            MethodKind::Totp => {
                let secret = m.secret.ok_or(format!("method {id} needs a secret"))?;
                Contact::Authenticator(
                    Authenticator::from_base32(&secret).map_err(|e| format!("method {id}: {e}"))?,
                )
            }
            other => {
                return Err(format!(
                    "method {id}: kind {other:?} is not supported (sms, voice, push, totp)"
                ));
            }
        };
        Ok(MethodRecord {
            id,
            kind: m.kind,
            contact,
        })
    }

    /// Where the method goes, masked for the browser.
    pub fn masked_target(&self) -> Option<String> {
        match &self.contact {
            Contact::Phone(number) => Some(twostep_protocol::mask_phone(number)),
            Contact::App | Contact::Authenticator(_) => None,
        }
    }

    /// The method as the contract describes it, target masked.
    pub fn to_wire(&self) -> Method {
        Method {
            id: self.id.clone(),
            kind: self.kind,
            target: self.masked_target(),
            label: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_directory_has_its_three_users() {
        let d = Directory::demo();
        let alex = d.user("  ALEX@Contoso.Example ").unwrap();
        assert_eq!(alex.email, "alex@contoso.example");
        assert_eq!(alex.default_method, "sms-1");
        assert!(alex.number_matching);
        let ids: Vec<&str> = alex.methods.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["sms-1", "voice-1", "sms-2", "push", "totp"]);
        assert_eq!(
            alex.method("sms-1").unwrap().masked_target().as_deref(),
            Some("••••••12")
        );
        assert_eq!(
            alex.method("sms-2").unwrap().masked_target().as_deref(),
            Some("••••••78")
        );
        assert!(alex.authenticator().is_some());

        let sam = d.user("sam@contoso.example").unwrap();
        assert_eq!(sam.methods.len(), 1);

        let kim = d.user("kim@contoso.example").unwrap();
        assert_eq!(kim.default_method, "push");
        assert!(!kim.number_matching);
        assert!(d.user("nobody@contoso.example").is_none());
    }

    #[test]
    fn broken_directories_are_refused_with_a_reason() {
        let bad = [
            r#"{"users":[{"email":"a@x","default_method":"nope","methods":[]}]}"#,
            r#"{"users":[{"email":"a@x","default_method":"s","methods":[{"id":"s","kind":"sms"}]}]}"#,
            r#"{"users":[{"email":"a@x","default_method":"t","methods":[{"id":"t","kind":"totp","secret":"AB"}]}]}"#,
            r#"{"users":[{"email":"a@x","default_method":"e","methods":[{"id":"e","kind":"email"}]}]}"#,
            r#"{"users":[{"email":"a@x","default_method":"p","methods":[{"id":"p","kind":"push"},{"id":"p","kind":"push"}]}]}"#,
            r#"{"users":[{"email":"a@x","default_method":"p","methods":[{"id":"p","kind":"push"}]},
                         {"email":"A@x","default_method":"p","methods":[{"id":"p","kind":"push"}]}]}"#,
        ];
        for text in bad {
            assert!(Directory::from_json(text).is_err(), "{text}");
        }
    }
}
