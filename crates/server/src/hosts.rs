//! The hosts allowed to start verifications server to server, from the
//! hosts file (`--hosts FILE`): each with a name, the audience its assertions
//! are for, and the SHA-256 of its API key. The server never stores a key.

use std::collections::HashSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::digest;

/// Every host that may call `POST /v1/sessions`.
#[derive(Clone, Debug, Default)]
pub struct Hosts {
    hosts: Vec<Host>,
}

/// One host's server.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Host {
    /// A name for logs.
    pub name: String,
    /// The `aud` of the assertions of the sessions it starts.
    pub audience: String,
    /// The SHA-256 of its API key, in hex.
    pub api_key_sha256: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HostsFile {
    hosts: Vec<Host>,
}

impl Hosts {
    /// Reads and checks a hosts file.
    pub fn load(path: &Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        Hosts::from_json(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Parses and checks a hosts file's JSON: at least one host, names and
    /// key digests unique, audiences not empty, digests 64 hex digits.
    pub fn from_json(text: &str) -> Result<Self, String> {
        let file: HostsFile = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if file.hosts.is_empty() {
            return Err("no hosts are listed".into());
        }
        let (mut names, mut digests) = (HashSet::new(), HashSet::new());
        for h in &file.hosts {
            if h.name.trim().is_empty() || h.audience.trim().is_empty() {
                return Err("every host needs a name and an audience".into());
            }
            let hex = &h.api_key_sha256;
            if hex.len() != 64 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(format!(
                    "host {}: api_key_sha256 is not 64 hex digits",
                    h.name
                ));
            }
            if !names.insert(h.name.clone()) {
                return Err(format!("host {} is listed twice", h.name));
            }
            if !digests.insert(hex.to_ascii_lowercase()) {
                return Err(format!("host {} shares another host's API key", h.name));
            }
        }
        Ok(Hosts { hosts: file.hosts })
    }

    /// The host whose API key is `key`. Every host's digest is compared, in
    /// constant time, whether or not an earlier one matched.
    pub fn authenticate(&self, key: &str) -> Option<&Host> {
        let mut found = None;
        for h in &self.hosts {
            if digest::matches(key, &h.api_key_sha256) && found.is_none() {
                found = Some(h);
            }
        }
        found
    }

    /// Whether no host is configured (then `POST /v1/sessions` refuses all).
    pub fn is_empty(&self) -> bool {
        self.hosts.is_empty()
    }
}

impl Host {
    /// A new host with a fresh API key; returns the key (shown once, never
    /// stored) and the host's entry for the hosts file.
    pub fn new_with_key(name: &str, audience: &str) -> (String, Host) {
        let key = crate::random::api_key();
        let host = Host {
            name: name.to_string(),
            audience: audience.to_string(),
            api_key_sha256: digest::sha256_hex(&key),
        };
        (key, host)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(hosts: &[&Host]) -> String {
        serde_json::json!({ "hosts": hosts }).to_string()
    }

    #[test]
    fn a_key_finds_its_host_and_no_other() {
        let (shop_key, shop) = Host::new_with_key("shop", "https://shop.example");
        let (blog_key, blog) = Host::new_with_key("blog", "https://blog.example");
        let hosts = Hosts::from_json(&file(&[&shop, &blog])).unwrap();
        assert_eq!(hosts.authenticate(&shop_key), Some(&shop));
        assert_eq!(hosts.authenticate(&blog_key), Some(&blog));
        assert_eq!(hosts.authenticate("tsk_wrong"), None);
        assert_eq!(hosts.authenticate(""), None);
        assert_eq!(hosts.authenticate(&shop.api_key_sha256), None);
        assert!(shop_key.starts_with("tsk_"));
    }

    #[test]
    fn bad_files_are_refused_with_the_reason() {
        let (_, shop) = Host::new_with_key("shop", "https://shop.example");
        let mut short = shop.clone();
        short.api_key_sha256.pop();
        let mut nameless = shop.clone();
        nameless.name = " ".into();
        let mut other_name = shop.clone();
        other_name.name = "shop2".into();
        for (text, why) in [
            (r#"{"hosts":[]}"#.to_string(), "no hosts"),
            ("{".to_string(), "EOF"),
            (r#"{"hosts":[],"x":1}"#.to_string(), "unknown field"),
            (file(&[&short]), "64 hex"),
            (file(&[&nameless]), "a name"),
            (file(&[&shop, &shop]), "twice"),
            (file(&[&shop, &other_name]), "another host's API key"),
        ] {
            let e = Hosts::from_json(&text).unwrap_err();
            assert!(e.contains(why), "{text}: {e}");
        }
    }
}
