//! The parsed flags as a checked [`Config`]: files loaded, and every rule of a
//! safe start enforced.

use std::time::Duration;

use twostep_protocol::MethodKind;

use super::ServeArgs;
use crate::config::Config;
use crate::directory::Directory;
use crate::hook::{HookConfig, MIN_SECRET_LEN};
use crate::hosts::Hosts;
use crate::signing::{PublicKey, SigningKey};

impl ServeArgs {
    /// The settings, with the files loaded and every rule of a safe start
    /// checked: outside `--dev` a signing key, an issuer, a hosts file, a
    /// directory file, and a delivery hook when anyone has texts, calls or
    /// notifications; with `--dev`, a loopback address unless
    /// `--dev-allow-remote`.
    pub fn into_config(self) -> Result<Config, String> {
        let mut config = Config {
            dev: self.dev,
            static_dir: self.static_dir.clone(),
            cors_origins: self.cors_origins.clone(),
            issuer: self.issuer.clone(),
            assertion_ttl: Duration::from_secs(self.assertion_ttl_secs),
            window: Duration::from_secs(self.window_secs),
            code_ttl: Duration::from_secs(self.code_ttl_secs),
            approval_ttl: Duration::from_secs(self.approval_ttl_secs),
            remember_device_days: self.remember_device_days,
            retain_expired: Duration::from_secs(self.retain_ended_secs),
            client_ip_header: self.client_ip_header.clone(),
            body_limit: usize::try_from(self.max_body_bytes).unwrap_or(usize::MAX),
            limits: self.limits.limits()?,
            ..Config::default()
        };
        if config.dev {
            let ip = self.addr.ip();
            if !ip.is_loopback() && !self.dev_allow_remote {
                return Err(format!(
                    "--dev listens on loopback addresses only (its outbox shows every code), not \
                     {ip}; add --dev-allow-remote to mean it"
                ));
            }
        } else {
            let missing: Vec<&str> = [
                ("--signing-key", self.signing_key.is_none()),
                ("--issuer", config.issuer.is_none()),
                ("--hosts", self.hosts.is_none()),
                ("--directory", self.directory.is_none()),
            ]
            .into_iter()
            .filter_map(|(name, missing)| missing.then_some(name))
            .collect();
            if !missing.is_empty() {
                return Err(format!(
                    "without --dev, {} must be given (see --help; new-signing-key and \
                     new-api-key make a key and a hosts-file entry)",
                    missing.join(", ")
                ));
            }
        }
        if let Some(path) = &self.directory {
            config.directory = Directory::load(path)?;
        }
        if let Some(path) = &self.hosts {
            config.hosts = Hosts::load(path)?;
        }
        if let Some(path) = &self.signing_key {
            config.signing_key = Some(SigningKey::load(path)?);
        }
        if let Some(path) = &self.previous_signing_key {
            let previous = PublicKey::load(path)?;
            if config
                .signing_key
                .as_ref()
                .is_some_and(|k| k.kid() == previous.kid())
            {
                return Err("--previous-signing-key is the same key as --signing-key".into());
            }
            config.previous_key = Some(previous);
        }
        if let Some(issuer) = &config.issuer {
            check_url("--issuer", issuer, config.dev)?;
        }
        config.delivery_hook = self.hook(config.dev)?;
        if !config.dev && config.delivery_hook.is_none() && delivers(&config.directory) {
            return Err(
                "without --dev, --delivery-url and --delivery-secret-file must be given: the \
                 directory has texts, calls or app notifications to deliver"
                    .into(),
            );
        }
        Ok(config)
    }

    /// The delivery hook, if `--delivery-url` is given (with its secret).
    fn hook(&self, dev: bool) -> Result<Option<HookConfig>, String> {
        let (url, file) = match (&self.delivery_url, &self.delivery_secret_file) {
            (None, None) => return Ok(None),
            (Some(url), Some(file)) => (url, file),
            _ => {
                return Err("--delivery-url and --delivery-secret-file go together".into());
            }
        };
        check_url("--delivery-url", url, dev)?;
        let secret =
            std::fs::read(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        let secret = secret.trim_ascii().to_vec();
        if secret.len() < MIN_SECRET_LEN {
            return Err(format!(
                "--delivery-secret-file: the secret must be at least {MIN_SECRET_LEN} bytes"
            ));
        }
        Ok(Some(HookConfig {
            url: url.clone(),
            secret,
            timeout: Duration::from_secs(self.delivery_timeout_secs),
        }))
    }
}

/// Whether anyone in the directory has texts, calls or notifications.
fn delivers(directory: &Directory) -> bool {
    directory.users().iter().any(|u| {
        u.methods.iter().any(|m| {
            matches!(
                m.kind,
                MethodKind::Sms | MethodKind::Voice | MethodKind::Push
            )
        })
    })
}

/// A URL is `https://`; plain `http://` only on a loopback host (or
/// anywhere with `--dev`).
pub(super) fn check_url(flag: &str, url: &str, dev: bool) -> Result<(), String> {
    let bad = || format!("{flag}: {url:?} is not a URL like https://login.example.com");
    let (scheme, rest) = url.split_once("://").ok_or_else(bad)?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_name = match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    };
    if host_name.is_empty() || url.chars().any(char::is_whitespace) {
        return Err(bad());
    }
    let loopback = matches!(host_name, "localhost" | "[::1]") || host_name.starts_with("127.");
    match scheme {
        "https" => Ok(()),
        "http" if dev || loopback => Ok(()),
        "http" => Err(format!(
            "{flag}: {url:?} must be https (plain http only for a loopback host or with --dev)"
        )),
        _ => Err(bad()),
    }
}
